"""Reading files: encodings detected, undecodable and binary files refused with the file named."""

from __future__ import annotations

import codecs

import pytest

from bulletin_nlp import BulletinDecodeError, parse_file
from bulletin_nlp.io import decode
from tests.support import SAMPLES

TEXT = "延津政务快报\n\n第 6 期\n\n【低温】\n\n县民政局积极行动 采购棉被 6500 条。（民政局）\n"

ENCODINGS = [
    ("utf-8", TEXT.encode("utf-8")),
    ("utf-8-bom", codecs.BOM_UTF8 + TEXT.encode("utf-8")),
    ("gb18030", TEXT.encode("gb18030")),
    ("utf-16-bom", TEXT.encode("utf-16")),
    ("utf-16-le-no-bom", TEXT.encode("utf-16-le")),
    ("utf-16-be-no-bom", TEXT.encode("utf-16-be")),
]


@pytest.mark.parametrize("data", [e[1] for e in ENCODINGS], ids=[e[0] for e in ENCODINGS])
def test_io_decode_detects_encoding(data):
    assert decode(data) == TEXT


@pytest.mark.parametrize("data", [e[1] for e in ENCODINGS], ids=[e[0] for e in ENCODINGS])
def test_io_parse_file_reads_every_encoding(tmp_path, nlp, data):
    path = tmp_path / "b.txt"
    path.write_bytes(data)
    bulletin = parse_file(path, nlp=nlp)
    assert bulletin.issue == 6
    assert [i.sources for i in bulletin.items] == [("民政局",)]


def test_io_binary_file_is_refused_with_its_name(tmp_path):
    path = tmp_path / "image.png"
    path.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(BulletinDecodeError) as info:
        parse_file(path)
    assert str(path) in str(info.value)


def test_io_missing_file_is_a_decode_error(tmp_path):
    with pytest.raises(BulletinDecodeError):
        parse_file(tmp_path / "missing.txt")


def test_io_empty_file_gives_empty_bulletin(tmp_path, nlp):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert parse_file(path, nlp=nlp).warnings


def test_io_real_bulletin_in_utf16_without_bom_is_detected():

    text = (SAMPLES / "yanjin_2024_06.txt").read_text("utf-8")
    assert decode(text.encode("utf-16-le")) == text
    assert decode(text.encode("utf-16-be")) == text


def test_io_truncated_utf16_is_a_decode_error():
    data = ("县民政局\n" * 300).encode("utf-16-le")[:-1]
    with pytest.raises(BulletinDecodeError):
        decode(data, "odd.txt")
