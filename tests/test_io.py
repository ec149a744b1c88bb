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


def _utf16_pairs_reference(data: bytes) -> bool:
    """The UTF-16 test as first written, pair by pair (the specification of ``_looks_utf16``)."""
    sample = data[:8192]
    if len(sample) < 4:
        return False
    pairs = [sample[index : index + 2] for index in range(0, len(sample) - 1, 2)]
    little = sum(pair in (b"\n\x00", b" \x00", b"\r\x00") for pair in pairs)
    big = sum(pair in (b"\x00\n", b"\x00 ", b"\x00\r") for pair in pairs)
    return max(little, big) >= 2 and max(little, big) > 4 * min(little, big)


def test_io_utf16_detection_counts_the_byte_pairs_as_the_pair_by_pair_test_does() -> None:
    import random

    from bulletin_nlp.io import _looks_utf16

    rng = random.Random(17)
    alphabet = b"\x00\n\r \x01a\xe5"
    cases = [TEXT.encode(encoding) for encoding in ("utf-16-le", "utf-16-be", "utf-8", "gb18030")]
    cases += [case[1:] for case in cases] + [b"", b"\n\x00", b"\n\x00\n\x00", b"\x00\n\x00\n\x00"]
    cases += [bytes(rng.choice(alphabet) for _ in range(rng.randrange(0, 60))) for _ in range(3000)]
    cases += [(TEXT * 300).encode("utf-16-le")[:9001], (TEXT * 300).encode("utf-16-be")[1:9000]]  # past 8,192 bytes
    for data in cases:
        assert _looks_utf16(data) == _utf16_pairs_reference(data), data
    assert any(map(_looks_utf16, cases)) and not all(map(_looks_utf16, cases))


def test_io_control_characters_are_those_below_space_but_tab_newline_vt_ff_cr() -> None:
    from bulletin_nlp.io import _CONTROL_RE

    text = "".join(map(chr, range(0x30))) + "延津\x7f\x85\u2028"
    expected = [char for char in text if ord(char) < 32 and char not in "\n\r\t\f\v"]
    assert _CONTROL_RE.findall(text) == expected
    assert len(expected) == 27
