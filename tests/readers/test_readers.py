"""Documents in (bulletin_nlp.readers): Word, PDF and web pages made from the corpus parse like the
text versions; broken files and missing libraries give clear errors.

Structure must equal the gold; entities must equal the text version's, compared by what they name
(the text version's page-break residue aside).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

import bulletin_nlp
from bulletin_nlp.errors import BulletinDecodeError, MissingExtraError
from bulletin_nlp.readers import read_document
from tests.readers.documents import FORMATS, RECORDS, named_entities, write_document
from tests.support import record_id


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("record", RECORDS, ids=record_id)
def test_readers_document_parses_like_its_text_version(record, fmt, tmp_path, nlp):
    bulletin = bulletin_nlp.parse_file(write_document(record, fmt, tmp_path), nlp=nlp)
    gold = record["gold"]
    for key in ("title", "issue", "date", "publisher", "county"):
        assert getattr(bulletin, key) == gold[key], key
    assert [s.title for s in bulletin.sections] == [s["title"] for s in gold["sections"]]
    gold_items = [item for section in gold["sections"] for item in section["items"]]
    assert [(i.headline, list(i.sources)) for i in bulletin.items] == [
        (i["headline"] or "", i["sources"]) for i in gold_items
    ]  # headlines glued to their bodies in the document, split by bold alone
    assert bulletin.footer.to_dict() == gold["footer"]
    assert named_entities(bulletin) == named_entities(bulletin_nlp.parse(record["text"], nlp=nlp))
    assert bulletin.source is not None and bulletin.source.format == fmt
    text = bulletin.text
    assert text is not None
    for entity in bulletin.entities:
        assert text[entity.start : entity.end] == entity.text
    for item in bulletin.items:
        if item.headline_start is not None:
            assert text[item.headline_start : item.headline_end] == item.headline
        assert all(text[s.start : s.end] == s.text for s in item.source_spans)


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not a Word file")
    return buffer.getvalue()


def _broken_files(folder: Path, record: dict) -> dict[str, str]:
    """A truncated PDF, an encrypted PDF, a scan, a renamed ZIP and an old .doc; expected messages."""
    good = write_document(record, "pdf", folder)
    (folder / "truncated.pdf").write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    write_document(record, "pdf", folder, password="secret").rename(folder / "encrypted.pdf")
    from reportlab.pdfgen import canvas

    scan = canvas.Canvas(str(folder / "scan.pdf"))
    for _ in range(3):
        scan.rect(50, 50, 400, 600, fill=1)
        scan.showPage()
    scan.save()
    (folder / "archive.docx").write_bytes(_zip_bytes())
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    return {"truncated.pdf": "truncated", "encrypted.pdf": "encrypted", "scan.pdf": "3 page(s) but no text layer",
            "archive.docx": "ZIP archive", "old.doc": ".doc"}


def test_readers_broken_documents_raise_clear_errors(tmp_path):
    for name, message in _broken_files(tmp_path, RECORDS[0]).items():
        with pytest.raises(BulletinDecodeError, match=re.escape(message)) as raised:
            read_document(tmp_path / name)
        assert name in str(raised.value)


def test_readers_folder_of_mixed_and_broken_files(tmp_path, capsys):
    from bulletin_nlp.cli import main

    folder = tmp_path / "in"
    folder.mkdir()
    broken = _broken_files(folder, RECORDS[1])
    good = [write_document(record, fmt, folder) for record, fmt in zip(RECORDS[2:5], FORMATS, strict=True)]
    (folder / "plain.txt").write_text(RECORDS[5]["text"], encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["parse", str(folder), "--format", "jsonl", "-o", str(out), "--quiet"]) == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error:")]
    assert sorted(Path(line.split(": ")[1]).name for line in errors) == sorted(broken)
    import json

    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert sorted(Path(row["path"]).name for row in rows) == sorted([p.name for p in good] + ["plain.txt"])
    assert all(row["items"] if "items" in row else row["sections"] for row in rows)


def test_readers_missing_library_names_the_install_command(tmp_path, monkeypatch):
    import importlib

    path = write_document(RECORDS[0], "pdf", tmp_path)
    real = importlib.import_module

    def without_pdfium(name: str, *args: Any) -> Any:
        if name == "pypdfium2":
            raise ImportError(name)
        return real(name, *args)

    monkeypatch.setattr(importlib, "import_module", without_pdfium)
    with pytest.raises(MissingExtraError, match=r'pypdfium2 \(reading .*\.pdf\).*pip install "bulletin-nlp\[pdf\]"'):
        read_document(path)
