"""PDF files (readers/pdf.py): lines, pages, table cells, time per page, the sample PDF."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

import bulletin_nlp
from bulletin_nlp.readers import pdf as pdf_reader
from bulletin_nlp.readers import read_document
from tests.readers.documents import RECORDS, make, write_document
from tests.support import ROOT, record_id


@pytest.mark.parametrize("record", RECORDS[:6], ids=record_id)
def test_pdf_text_equals_word_text(record, tmp_path):
    """Lines broken at the margin and across pages are joined; headers and page numbers dropped."""
    pdf = read_document(write_document(record, "pdf", tmp_path))
    docx = read_document(write_document(record, "docx", tmp_path))
    assert re.sub(" +", " ", pdf.text) == re.sub(" +", " ", docx.text)  # PDF text keeps one of two spaces
    assert pdf.pages and pdf.pages >= 2
    assert f"- {pdf.pages} -" in pdf.dropped
    assert make.running_header(record).replace("  ", " ") in pdf.dropped


def test_pdf_pages_of_items_andnamed_entities(tmp_path, nlp):
    record = max(RECORDS, key=lambda r: len(r["text"]))
    bulletin = bulletin_nlp.parse_file(write_document(record, "pdf", tmp_path), nlp=nlp)
    assert bulletin.source is not None and bulletin.source.pages is not None
    pages = [item.page for item in bulletin.items]
    assert pages == sorted(pages) and pages[0] == 1 and pages[-1] > 1
    assert all(1 <= (e.page or 0) <= bulletin.source.pages for e in bulletin.entities)
    data = bulletin.to_dict(include_text=True)
    assert data["text"] == bulletin.text and data["source"]["format"] == "pdf"
    assert data["sections"][0]["items"][0]["page"] == 1 and "page" in data["entities"][0]
    assert "text" not in bulletin.to_dict()


def _write_table_pdf(path: Path) -> Path:
    """A page with a table of three columns under a sentence, and a line of Latin words set apart
    with no space characters between them (pdfium generates the spaces)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(path))
    pdf.setFont("STSong-Light", 14)
    pdf.drawString(80, 700, "各乡镇完成情况如下：")
    for y, cells in ((670, ("乡镇", "户数", "金额")), (645, ("城关镇", "120", "3.6 万元"))):
        for x, cell in zip((80, 220, 360), cells, strict=True):
            pdf.drawString(x, y, cell)
    pdf.setFont("Helvetica-Bold", 12)
    for x, word in ((80, "PM2.5"), (118, "AQI"), (145, "Index")):
        pdf.drawString(x, 600, word)
    pdf.showPage()
    pdf.save()
    return path


def test_pdf_table_rows_become_tab_separated_cells(tmp_path):
    lines = read_document(_write_table_pdf(tmp_path / "table.pdf")).text.split("\n\n")
    assert lines[:3] == ["各乡镇完成情况如下：", "乡镇\t户数\t金额", "城关镇\t120\t3.6 万元"]
    assert lines[3] == "PM2.5 AQI Index"  # the spaces pdfium inferred from the gaps between Latin words


@pytest.mark.skipif(pdf_reader._pdfchars is None, reason="the compiled PDF character loop is not built")
def test_pdf_compiled_character_loop_makes_the_python_loops_lines(tmp_path):
    """readers/_pdfchars.pyx and the Python loop make the same lines (baseline, extent, font
    size) and runs (text, bold, size, page) on every page: bold and plain text in two sizes,
    running headers and page numbers, table cells, generated spaces, the sample PDF."""
    import pypdfium2 as pdfium
    from pypdfium2 import raw

    files = [write_document(record, "pdf", tmp_path) for record in RECORDS[:4]]
    files += [_write_table_pdf(tmp_path / "table.pdf"), ROOT / "corpus" / "documents" / "yanjin_2024_06.pdf"]
    runs = []
    for path in files:
        document = pdfium.PdfDocument(path.read_bytes())
        for index in range(len(document)):
            page = document[index]
            text_page = page.get_textpage()
            count = text_page.count_chars()
            expected = pdf_reader._python_lines(raw, text_page.raw, count, index + 1)
            assert pdf_reader._compiled_lines(raw, text_page.raw, count, index + 1) == expected, (path.name, index)
            runs += [run for line in expected for run in line.runs]
            text_page.close()
            page.close()
        document.close()
    assert {run.bold for run in runs} == {True, False} and len({run.size for run in runs}) >= 2
    assert any("\t" in run.text for run in runs) and any("5 A" in run.text for run in runs)


def test_pdf_long_file_reads_in_linear_time(tmp_path):
    """Pages per second do not fall as the document grows (10 pages vs 50)."""
    paragraphs = [p for record in RECORDS for p in make.bulletin_paragraphs(record) if p.kind == "body"]
    per_page = []
    for pages in (10, 50):
        path = tmp_path / f"long{pages}.pdf"
        chosen: list = []
        while make.write_pdf(chosen, path, "某县政务信息") < pages:
            chosen.extend(paragraphs[: max(4, len(chosen) // 2)])
        made = read_document(path).pages or 0
        start = time.perf_counter()
        read_document(path)
        per_page.append((time.perf_counter() - start) / made)
    assert per_page[1] < 2.5 * per_page[0] + 0.01


def test_pdf_sample_parses_like_the_sample_text(nlp):
    """The README's PDF example (corpus/documents) gives what its text version gives."""
    from_pdf = bulletin_nlp.parse_file(ROOT / "corpus" / "documents" / "yanjin_2024_06.pdf", nlp=nlp)
    from_text = bulletin_nlp.parse_file(ROOT / "corpus" / "samples" / "yanjin_2024_06.txt", nlp=nlp)
    assert from_pdf.source is not None and from_pdf.source.format == "pdf"
    for key in ("title", "issue", "date", "publisher", "county", "footer"):
        assert getattr(from_pdf, key) == getattr(from_text, key), key
    assert [(i.headline, i.sources) for i in from_pdf.items] == [(i.headline, i.sources) for i in from_text.items]
