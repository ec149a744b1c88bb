"""Test documents made from the corpus by ``scripts/make_documents.py`` (Word, PDF, web pages).

Each labelled record (its text and gold spans) becomes a document the way offices make them:
bold headlines glued to their bodies, 【section】 headings in a bold style, running headers and
page numbers, website chrome around the article. Importing this module skips the importing test
module when a document library is missing.
"""

from __future__ import annotations

import collections
import re
from pathlib import Path
from typing import Any

import pytest

import bulletin_nlp
from scripts import make_documents as make
from tests.support import corpus_records

pytest.importorskip("docx")
pytest.importorskip("reportlab")
pytest.importorskip("pypdfium2")
pytest.importorskip("lxml")

RECORDS = corpus_records("seeds", "dev", "test", "holdout")
FORMATS = ("docx", "pdf", "html")


def write_document(record: dict, fmt: str, folder: Path, **options: Any) -> Path:
    paragraphs = make.bulletin_paragraphs(record)
    path = folder / f"{record['id']}.{fmt}"
    if fmt == "docx":
        make.write_docx(paragraphs, path, make.running_header(record))
    elif fmt == "pdf":
        make.write_pdf(paragraphs, path, make.running_header(record), **options)
    else:
        make.write_html(paragraphs, path, record, **options)
    return path


def named_entities(bulletin: bulletin_nlp.Bulletin) -> collections.Counter:
    """Entities by what they name: the canonical name, else the text without whitespace."""
    return collections.Counter(
        (e.label, e.canonical or re.sub(r"\s+", "", e.text), e.code, e.value, e.unit) for e in bulletin.entities
    )
