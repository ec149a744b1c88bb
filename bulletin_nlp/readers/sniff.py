"""Which reader a file needs, decided by its first bytes rather than its name."""

from __future__ import annotations

import zipfile
from io import BytesIO

from bulletin_nlp.errors import BulletinDecodeError

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old binary Office files (.doc, .xls, .wps)
_HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<div", b"<table", b"<p>", b"<p ")
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")

FORMATS = ("text", "pdf", "docx", "html")


def sniff(data: bytes, name: str = "<bytes>") -> str:
    """The format of ``data``: ``text``, ``pdf``, ``docx`` or ``html``.

    Raises :class:`~bulletin_nlp.errors.BulletinDecodeError` for files no reader takes: old
    binary Word (.doc), ZIP archives that are not Word documents.
    """
    head = data[:1024]
    if PDF_MAGIC in head:
        return "pdf"
    if head.startswith(ZIP_MAGIC):
        return _zip_format(data, name)
    if head.startswith(OLE_MAGIC):
        raise BulletinDecodeError(
            name, "an old binary Word/WPS file (.doc): open it in Word, WPS or LibreOffice and save it as .docx or PDF"
        )
    if head.lstrip().startswith(b"{\\rtf"):
        raise BulletinDecodeError(name, "a Rich Text (RTF) file: open it in Word or WPS and save it as .docx or PDF")
    if _looks_html(head):
        return "html"
    return "text"


def _zip_format(data: bytes, name: str) -> str:
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise BulletinDecodeError(name, f"a broken ZIP/Office file ({exc}); download it again") from None
    if "word/document.xml" in names:
        return "docx"
    kind = "a WPS/OpenDocument file" if "content.xml" in names else "a ZIP archive, not a Word document"
    raise BulletinDecodeError(name, f"{kind}: save it as .docx or PDF, or unpack it first")


def _looks_html(head: bytes) -> bool:
    for bom in _BOMS:
        head = head.removeprefix(bom)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[1:2] == b"\x00" or head[0:1] == b"\x00":
        head = head.replace(b"\x00", b"")  # UTF-16: compare the ASCII bytes
    start = head.lstrip().lower()
    if start.startswith(b"<?xml"):
        start = start[start.find(b"?>") + 2 :].lstrip()
    return start.startswith(_HTML_MARKERS) or (start.startswith(b"<") and b"<html" in head.lower())
