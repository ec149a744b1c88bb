"""Documents in: Word, PDF and web pages made from the corpus parse like the text versions.

The documents are made here, in temporary folders, by ``scripts/make_documents.py`` from each
labelled record (its text and gold spans), the way offices make them: bold headlines glued
to their bodies, 【section】 headings in a bold style, running headers and page numbers,
website chrome around the article. Structure must equal the gold; entities must equal the
text version's, compared by what they name (the text version's page-break residue aside).
"""

from __future__ import annotations

import collections
import dataclasses
import importlib.util
import io
import re
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("docx")
pytest.importorskip("reportlab")
pytest.importorskip("pypdfium2")
pytest.importorskip("lxml")

from conftest import ROOT, corpus_records, record_id

import bulletin_nlp
from bulletin_nlp.errors import BulletinDecodeError, MissingExtraError
from bulletin_nlp.readers import extract, read_document, sniff


def _factory() -> Any:
    spec = importlib.util.spec_from_file_location("make_documents", ROOT / "scripts" / "make_documents.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_documents"] = module
    spec.loader.exec_module(module)
    return module


make = _factory()
RECORDS = corpus_records("seeds", "dev", "test", "holdout")
FORMATS = ("docx", "pdf", "html")


def _write(record: dict, fmt: str, folder: Path, **options: Any) -> Path:
    paragraphs = make.bulletin_paragraphs(record)
    path = folder / f"{record['id']}.{fmt}"
    if fmt == "docx":
        make.write_docx(paragraphs, path, make.running_header(record))
    elif fmt == "pdf":
        make.write_pdf(paragraphs, path, make.running_header(record), **options)
    else:
        make.write_html(paragraphs, path, record, **options)
    return path


def _entities(bulletin: bulletin_nlp.Bulletin) -> collections.Counter:
    """Entities by what they name: the canonical name, else the text without whitespace."""
    return collections.Counter(
        (e.label, e.canonical or re.sub(r"\s+", "", e.text), e.code, e.value, e.unit) for e in bulletin.entities
    )


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("record", RECORDS, ids=record_id)
def test_document_parses_like_its_text_version(record, fmt, tmp_path, nlp):
    bulletin = bulletin_nlp.parse_file(_write(record, fmt, tmp_path), nlp=nlp)
    gold = record["gold"]
    for key in ("title", "issue", "date", "publisher", "county"):
        assert getattr(bulletin, key) == gold[key], key
    assert [s.title for s in bulletin.sections] == [s["title"] for s in gold["sections"]]
    gold_items = [item for section in gold["sections"] for item in section["items"]]
    assert [(i.headline, list(i.sources)) for i in bulletin.items] == [
        (i["headline"] or "", i["sources"]) for i in gold_items
    ]  # headlines glued to their bodies in the document, split by bold alone
    assert bulletin.footer.to_dict() == gold["footer"]
    assert _entities(bulletin) == _entities(bulletin_nlp.parse(record["text"], nlp=nlp))
    assert bulletin.source is not None and bulletin.source.format == fmt
    text = bulletin.text
    assert text is not None
    for entity in bulletin.entities:
        assert text[entity.start : entity.end] == entity.text
    for item in bulletin.items:
        if item.headline_start is not None:
            assert text[item.headline_start : item.headline_end] == item.headline
        assert all(text[s.start : s.end] == s.text for s in item.source_spans)


@pytest.mark.parametrize("record", RECORDS[:6], ids=record_id)
def test_pdf_text_equals_word_text(record, tmp_path):
    """Lines broken at the margin and across pages are joined; headers and page numbers dropped."""
    pdf = read_document(_write(record, "pdf", tmp_path))
    docx = read_document(_write(record, "docx", tmp_path))
    assert re.sub(" +", " ", pdf.text) == re.sub(" +", " ", docx.text)  # PDF text keeps one of two spaces
    assert pdf.pages and pdf.pages >= 2
    assert f"- {pdf.pages} -" in pdf.dropped
    assert make.running_header(record).replace("  ", " ") in pdf.dropped


def test_pdf_pages_of_items_and_entities(tmp_path, nlp):
    record = max(RECORDS, key=lambda r: len(r["text"]))
    bulletin = bulletin_nlp.parse_file(_write(record, "pdf", tmp_path), nlp=nlp)
    assert bulletin.source is not None and bulletin.source.pages is not None
    pages = [item.page for item in bulletin.items]
    assert pages == sorted(pages) and pages[0] == 1 and pages[-1] > 1
    assert all(1 <= (e.page or 0) <= bulletin.source.pages for e in bulletin.entities)
    data = bulletin.to_dict(include_text=True)
    assert data["text"] == bulletin.text and data["source"]["format"] == "pdf"
    assert data["sections"][0]["items"][0]["page"] == 1 and "page" in data["entities"][0]
    assert "text" not in bulletin.to_dict()


def test_web_page_chrome_removed(tmp_path):
    record = RECORDS[0]
    page = read_document(_write(record, "html", tmp_path))
    for chrome in ("当前位置", "首页", "分享到", "ICP", "打印本页", "发布时间", "索引号"):
        assert chrome not in page.text
    assert page.metadata["发布机构"] == record["gold"]["publisher"]


@pytest.mark.parametrize("record", RECORDS, ids=record_id)
def test_web_page_metadata_stands_in_for_a_missing_masthead(record, tmp_path, nlp):
    """The article without its masthead: title, issue, date, publisher and county come from the
    page's metadata table, and townships are resolved in that county as in the text version."""
    bulletin = bulletin_nlp.parse_file(_write(record, "html", tmp_path, masthead_in_body=False), nlp=nlp)
    gold = record["gold"]
    assert (bulletin.title, bulletin.issue, bulletin.date, bulletin.publisher, bulletin.county) == (
        gold["title"], gold["issue"], gold["date"], gold["publisher"], gold["county"])
    text_version = bulletin_nlp.parse(record["text"], nlp=nlp)
    body_start = min(section["start"] for section in gold["sections"])
    in_body = [e for e in text_version.entities if e.start >= body_start]
    assert _entities(bulletin) == _entities(dataclasses.replace(text_version, entities=tuple(in_body)))


def test_web_page_label_lines_and_gb2312(tmp_path):
    body = ("<html><head><meta charset='gb2312'></head><body><div class='nav'>首页 政务公开</div>"
            "<div class='info'><p>发布机构：某县人民政府办公室</p><p>发布日期：2024年3月8日</p></div>"
            "<div id='zoom'><p><b>县林业局开展春季造林</b>组织干部群众植树 2.6 万株。（林业局）</p>"
            "<table><tr><td>乡镇</td><td>株数</td></tr><tr><td>城关镇</td><td>1200</td></tr></table></div>"
            "<div class='footer'>版权所有</div></body></html>")
    document = extract(body.encode("gb18030"), "page.htm")
    assert document.metadata == {"发布机构": "某县人民政府办公室", "发布日期": "2024年3月8日"}
    assert document.text.splitlines()[0] == "县林业局开展春季造林组织干部群众植树 2.6 万株。（林业局）"
    assert "乡镇\t株数" in document.text and "城关镇\t1200" in document.text
    assert document.hints is not None and document.hints.bold == ((0, 10),)
    assert "首页" not in document.text and "版权所有" not in document.text


def test_layout_hints_split_a_glued_bold_headline_and_ignore_short_emphasis():
    from bulletin_nlp.layout import parse_layout
    from bulletin_nlp.layout.hints import LayoutHints
    from bulletin_nlp.text.fold import fold

    headline = "县林业局扎实推进国土绿化"
    text = (f"【生态建设】\n\n{headline}全县完成人工造林 1.2 万亩。（林业局）\n\n"
            "江口街道组织干部群众义务植树 3000 株，栽植苗木 12 个品种。（江口街道）")
    second = text.index("江口街道组织")
    hints = LayoutHints(bold=((text.index(headline), text.index(headline) + len(headline)), (second, second + 4)))
    layout = parse_layout(text, fold(text), hints)
    items = layout.sections[0].items
    view = layout.view.text
    headlines = [view[slice(*item.headline)] if item.headline else None for item in items]
    assert len(items) == 2 and headlines[0] == headline
    assert headlines[1] != "江口街道"


def test_bold_everywhere_is_no_cue(tmp_path):
    import docx

    document = docx.Document()
    for text in ("县林业局扎实推进国土绿化全县完成人工造林 1.2 万亩。", "县水利局开展汛前检查排查隐患 12 处。"):
        document.add_paragraph().add_run(text).bold = True
    path = tmp_path / "all-bold.docx"
    document.save(str(path))
    hints = read_document(path).hints
    assert hints is not None and hints.bold == ()


def test_web_page_in_an_old_table_layout_with_a_label_list():
    rows = "".join(f"<p>　　{text}</p>" for text in (
        "县水利局全面开展汛前隐患排查共排查水库 18 座、堤防 46 公里，整改隐患 23 处。（水利局）",
        "城关镇推进人居环境整治清理垃圾 260 吨，拆除违建 1.1 万平方米。（城关镇）"))
    page = ("<html><body><table><tr><td class='menu'>网站首页 | 政务公开 | 办事服务</td></tr>"
            "<tr><td><ul class='meta'><li><b>发布机构：</b><span>某县人民政府办公室</span></li>"
            "<li><b>文号：</b><span>第 7 期</span></li>"
            "<li><b>成文日期：</b><span>2024年05月06日</span></li></ul></td></tr>"
            f"<tr><td class='bt_content'>{rows}</td></tr>"
            "<tr><td>您现在的位置：首页 &gt; 政务动态</td></tr></table></body></html>")
    document = extract(page.encode(), "old.html")
    assert document.metadata == {"发布机构": "某县人民政府办公室", "文号": "第 7 期", "发文日期": "2024年05月06日"}
    lines = document.text.split("\n\n")
    assert len(lines) == 2 and lines[0].strip().startswith("县水利局") and lines[1].strip().startswith("城关镇")


def test_web_page_title_gives_title_and_issue_when_nothing_else_does(tmp_path, nlp):
    page = ("<html><head><title>某县政务信息第12期_某县人民政府</title></head><body><div class='content'>"
            "<p>县民政局开展冬季救助走访困难群众 320 户，发放棉被 300 床。（民政局）</p></div></body></html>")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    bulletin = bulletin_nlp.parse_file(path, nlp=nlp)
    assert (bulletin.title, bulletin.issue) == ("某县政务信息", 12)
    assert bulletin.items and bulletin.items[0].sources == ("民政局",)


def test_docx_tables_and_text_boxes_in_reading_order(tmp_path):
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph("上面的段落。")
    table = document.add_table(rows=2, cols=3)
    for row, cells in zip(table.rows, (("乡镇", "户数", "金额"), ("城关镇", "120", "3.6 万元")), strict=True):
        for cell, value in zip(row.cells, cells, strict=True):
            cell.text = value
    anchor = document.add_paragraph("锚定段落。")
    box = ('<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
           'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
           'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
           'xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent><mc:Choice Requires="wps">'
           '<w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>文本框里的字。</w:t></w:r></w:p></w:txbxContent>'
           '</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r>'
           '<w:t>文本框里的字。</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback>'
           '</mc:AlternateContent></w:r>')
    anchor._p.append(parse_xml(box))
    document.add_paragraph("最后一段。")
    path = tmp_path / "t.docx"
    document.save(str(path))
    text = read_document(path).text
    assert text.split("\n\n") == ["上面的段落。", "乡镇\t户数\t金额", "城关镇\t120\t3.6 万元", "锚定段落。",
                                  "文本框里的字。", "最后一段。"]


def test_pdf_table_rows_become_tab_separated_cells(tmp_path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(tmp_path / "table.pdf"))
    pdf.setFont("STSong-Light", 14)
    pdf.drawString(80, 700, "各乡镇完成情况如下：")
    for y, cells in ((670, ("乡镇", "户数", "金额")), (645, ("城关镇", "120", "3.6 万元"))):
        for x, cell in zip((80, 220, 360), cells, strict=True):
            pdf.drawString(x, y, cell)
    pdf.showPage()
    pdf.save()
    lines = read_document(tmp_path / "table.pdf").text.split("\n\n")
    assert lines == ["各乡镇完成情况如下：", "乡镇\t户数\t金额", "城关镇\t120\t3.6 万元"]


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
def test_format_chosen_by_content(name, data, expected):
    assert sniff(data, name) == expected


def test_rtf_saved_as_doc_is_refused_not_read_as_text():
    with pytest.raises(BulletinDecodeError, match="RTF"):
        sniff(b"{\\rtf1\\ansi\\ansicpg936 {\\fonttbl}}", "x.doc")


def test_docx_named_txt_is_read_as_word(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("某县政务信息")
    path = tmp_path / "renamed.txt"
    document.save(str(path))
    assert read_document(path).format == "docx"


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not a Word file")
    return buffer.getvalue()


def _broken_files(folder: Path, record: dict) -> dict[str, str]:
    """A truncated PDF, an encrypted PDF, a scan, a renamed ZIP and an old .doc; expected messages."""
    good = _write(record, "pdf", folder)
    (folder / "truncated.pdf").write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    _write(record, "pdf", folder, password="secret").rename(folder / "encrypted.pdf")
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


def test_broken_documents_raise_clear_errors(tmp_path):
    for name, message in _broken_files(tmp_path, RECORDS[0]).items():
        with pytest.raises(BulletinDecodeError, match=re.escape(message)) as raised:
            read_document(tmp_path / name)
        assert name in str(raised.value)


def test_folder_of_mixed_and_broken_files(tmp_path, capsys):
    from bulletin_nlp.cli import main

    folder = tmp_path / "in"
    folder.mkdir()
    broken = _broken_files(folder, RECORDS[1])
    good = [_write(record, fmt, folder) for record, fmt in zip(RECORDS[2:5], FORMATS, strict=True)]
    (folder / "plain.txt").write_text(RECORDS[5]["text"], encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["parse", str(folder), "--format", "jsonl", "-o", str(out), "--quiet"]) == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error:")]
    assert sorted(Path(line.split(": ")[1]).name for line in errors) == sorted(broken)
    import json

    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert sorted(Path(row["path"]).name for row in rows) == sorted([p.name for p in good] + ["plain.txt"])
    assert all(row["items"] if "items" in row else row["sections"] for row in rows)


def test_missing_library_names_the_install_command(tmp_path, monkeypatch):
    import importlib

    path = _write(RECORDS[0], "pdf", tmp_path)
    real = importlib.import_module

    def without_pdfium(name: str, *args: Any) -> Any:
        if name == "pypdfium2":
            raise ImportError(name)
        return real(name, *args)

    monkeypatch.setattr(importlib, "import_module", without_pdfium)
    with pytest.raises(MissingExtraError, match=r'pypdfium2 \(reading .*\.pdf\).*pip install "bulletin-nlp\[pdf\]"'):
        read_document(path)


def test_long_pdf_reads_in_linear_time(tmp_path):
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


def test_sample_pdf_parses_like_the_sample_text(nlp):
    """The README's PDF example (corpus/documents) gives what its text version gives."""
    from_pdf = bulletin_nlp.parse_file(ROOT / "corpus" / "documents" / "yanjin_2024_06.pdf", nlp=nlp)
    from_text = bulletin_nlp.parse_file(ROOT / "corpus" / "samples" / "yanjin_2024_06.txt", nlp=nlp)
    assert from_pdf.source is not None and from_pdf.source.format == "pdf"
    for key in ("title", "issue", "date", "publisher", "county", "footer"):
        assert getattr(from_pdf, key) == getattr(from_text, key), key
    assert [(i.headline, i.sources) for i in from_pdf.items] == [(i.headline, i.sources) for i in from_text.items]
