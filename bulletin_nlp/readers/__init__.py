"""Readers: files (text, PDF, Word .docx, web pages) → :class:`Document` (text and layout hints).

The format is chosen by the file's content (:func:`sniff`), never only its name: a PDF or a
ZIP is never decoded as text. PDF, Word and HTML need optional libraries
(``pip install 'bulletin-nlp[all]'``); a missing one raises an error naming the command.
"""

from __future__ import annotations

from pathlib import Path

from bulletin_nlp.errors import BulletinDecodeError
from bulletin_nlp.io import DEFAULT_MAX_BYTES, SUFFIXES, decode, read_bytes
from bulletin_nlp.readers.document import Document
from bulletin_nlp.readers.sniff import sniff

#: File name endings read when a folder is given (other files in it are skipped).
DOCUMENT_SUFFIXES = (*SUFFIXES, ".pdf", ".docx", ".doc", ".html", ".htm", ".shtml")


def read_document(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read one file of any supported format; raise :class:`~bulletin_nlp.errors.BulletinDecodeError`
    naming the file when it cannot be read (not a regular file, or over ``max_bytes``: see
    :func:`~bulletin_nlp.io.read_bytes`), and :class:`~bulletin_nlp.errors.MissingExtraError`
    when its reader's library is not installed."""
    return extract(read_bytes(Path(path), max_bytes), str(path))


def extract(data: bytes, name: str = "<bytes>") -> Document:
    """The :class:`Document` in a file's bytes (see :func:`read_document`)."""
    kind = sniff(data, name)
    if kind == "pdf":
        from bulletin_nlp.readers.pdf import read_pdf

        return read_pdf(data, name)
    if kind == "docx":
        from bulletin_nlp.readers.docx import read_docx

        return read_docx(data, name)
    if kind == "html":
        from bulletin_nlp.readers.html import read_html

        return read_html(data, name)
    if name.lower().endswith((".pdf", ".docx")):
        raise BulletinDecodeError(name, f"named {Path(name).suffix} but not a {Path(name).suffix[1:].upper()} file "
                                  "(damaged, or a download error page?)")
    return Document(decode(data, name), "text", name)


__all__ = ["DOCUMENT_SUFFIXES", "Document", "extract", "read_document", "sniff"]
