"""Which reader a file needs, by its content (readers/sniff.py)."""

from __future__ import annotations

import pytest

from bulletin_nlp.errors import BulletinDecodeError
from bulletin_nlp.readers import read_document, sniff


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("a.txt", b"%PDF-1.4\n", "pdf"),
        ("a.pdf", "正文".encode(), "text"),
        ("a.htm", b"\xef\xbb\xbf<!DOCTYPE html><html></html>", "html"),
        ("a.txt", "<html><body>正文</body></html>".encode("utf-16"), "html"),
        ("a.txt", "第 6 期 <2024>".encode("gb18030"), "text"),
    ],
)
def test_sniff_format_chosen_by_content(name, data, expected):
    assert sniff(data, name) == expected


def test_sniff_rtf_saved_as_doc_is_refused_not_read_as_text():
    with pytest.raises(BulletinDecodeError, match="RTF"):
        sniff(b"{\\rtf1\\ansi\\ansicpg936 {\\fonttbl}}", "x.doc")


def test_sniff_docx_named_txt_is_read_as_word(tmp_path):
    docx = pytest.importorskip("docx")

    document = docx.Document()
    document.add_paragraph("某县政务信息")
    path = tmp_path / "renamed.txt"
    document.save(str(path))
    assert read_document(path).format == "docx"
