"""Make Word, PDF and web-page versions of labelled corpus bulletins, shaped like real ones.

County offices write a bulletin in Word (title in a large display font, 【section】 headings
and headlines in bold, body in a 仿宋-style font at 三号, first lines indented two
characters), print it to PDF (running header on the pages after the first, ``- N -`` page
numbers at the foot) and post it on the county website (breadcrumb, metadata table, article
div, share bar, site footer). This script rebuilds those documents from a corpus record:
the paragraphs come from the record's text and its gold spans (title, section headings,
headlines), with the breaks that text conversion left inside sentences joined again.

    python scripts/make_documents.py corpus/dev.jsonl --out /tmp/docs   # .docx, .pdf, .html each

PDFs use reportlab's built-in ``STSong-Light`` CID font (no font file needed); bold is
drawn as fill-and-stroke, as word processors do for fonts without a bold face. Needs
python-docx and reportlab (``pip install -e '.[test]'``).
"""

from __future__ import annotations

import argparse
import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_MARKERS_RE = re.compile(r"\*\*|__")
_PREFIX_RE = re.compile(r"^[\s\u3000]*(?:#{1,6}\s*|>\s*)*")
_RULE_RE = re.compile(r"^\s*(?:[-*_=—–━─·•]\s*){3,}$")
_PAGE_NUMBER_RE = re.compile(r"^\s*[-—–－~·]*\s*(?:第\s*)?\d{1,3}(?:\s*页)?\s*[-—–－~·]*\s*$")
_TERMINAL = tuple("。！？；!?;…”）)】")
_ASCII_TOKEN_RE = re.compile(r"[A-Za-z0-9.%/+\-]+|.", re.DOTALL)
_NO_LINE_START = set("，。、；：！？）》”’」』,.;:!?)%")

BODY_SIZE = 16.0  # 三号
TITLE_SIZE = 26.0
FONT = "STSong-Light"


@dataclass
class Paragraph:
    """``kind``: title, masthead, section, headline, body or footer; runs of (text, bold)."""

    kind: str
    runs: list[tuple[str, bool]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.runs)


def bulletin_paragraphs(record: dict[str, Any], glue: bool = True) -> list[Paragraph]:
    """The paragraphs of a corpus record as its Word original would have them.

    ``glue``: a headline runs straight into its body (no space), marked only by bold.
    """
    text = record["text"]
    gold = record["gold"]
    sections = gold["sections"]
    items = [item for section in sections for item in section["items"]]
    body_start = min([s["start"] for s in sections] + [i["start"] for i in items]) if items else len(text)
    body_end = max([s["end"] for s in sections] + [i["end"] for i in items]) if items else len(text)
    paragraphs = [Paragraph("title" if gold.get("title") and gold["title"] in line else "masthead", [(line, False)])
                  for line in _clean_lines(text[:body_start])]
    for paragraph in paragraphs:
        if paragraph.kind == "title":
            paragraph.runs = [(paragraph.text, True)]
    cursor = body_start
    for section in sections:
        first = section["items"][0]["start"] if section["items"] else section["end"]
        if section["title"] is not None:
            heading = "".join(_clean_lines(text[max(cursor, section["start"]) : first]))
            paragraphs.append(Paragraph("section", [(heading, True)]))
        elif first > cursor:
            paragraphs.extend(_body_paragraphs(text[cursor:first]))
        for item in section["items"]:
            paragraphs.extend(_body_paragraphs(text[cursor:item["start"]]) if item["start"] > first else [])
            paragraphs.extend(_item_paragraphs(text, item, glue))
            cursor = item["end"]
        cursor = max(cursor, section["end"])
    paragraphs.extend(Paragraph("footer", [(line, False)]) for line in _clean_lines(text[body_end:]))
    return [p for p in paragraphs if p.text.strip()]


def _clean_lines(chunk: str) -> list[str]:
    """Lines without Markdown residue, rules, page numbers or blank lines."""
    lines = []
    for raw in chunk.splitlines():
        line = _MARKERS_RE.sub("", _PREFIX_RE.sub("", raw)).strip(" \t\u3000")
        if line and not _RULE_RE.match(line) and not _PAGE_NUMBER_RE.match(line):
            lines.append(line)
    return lines


def _body_paragraphs(chunk: str) -> list[Paragraph]:
    """Lines joined into paragraphs again: a line that does not end a sentence was broken."""
    paragraphs: list[str] = []
    for line in _clean_lines(chunk):
        if paragraphs and not paragraphs[-1].endswith(_TERMINAL):
            paragraphs[-1] += line
        else:
            paragraphs.append(line)
    return [Paragraph("body", [(p, False)]) for p in paragraphs]


def _item_paragraphs(text: str, item: dict[str, Any], glue: bool) -> list[Paragraph]:
    if not item.get("headline"):
        return _body_paragraphs(text[item["start"] : item["end"]])
    headline = item["headline"]
    after = text[item["headline_end"] : item["end"]]
    after = after[2:] if after.startswith(("**", "__")) else after
    body = _body_paragraphs(after)
    if "\n" in after[: len(after) - len(after.lstrip())] or not body:
        return [Paragraph("headline", [(headline, True)]), *body]  # a headline on its own line
    separator = "" if glue else " "
    body[0].runs = [(headline, True), (separator + body[0].text.lstrip(), False)]
    return body


def running_header(record: dict[str, Any]) -> str:
    gold = record["gold"]
    return f"{gold.get('title') or ''}  第{gold['issue']}期" if gold.get("issue") else gold.get("title") or ""


# ---------------------------------------------------------------- Word


def write_docx(paragraphs: list[Paragraph], path: Path, header: str) -> None:
    """A .docx with styles as an office makes it; one page break inside the longest paragraph."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.size = Pt(BODY_SIZE)
    _east_asian_font(normal.element, "仿宋_GB2312", qn)
    heading = document.styles.add_style("Bulletin Section", WD_STYLE_TYPE.PARAGRAPH)
    heading.base_style = normal
    heading.font.bold = True  # bold from the style, not the runs
    _east_asian_font(heading.element, "黑体", qn)
    document.sections[0].header.paragraphs[0].text = header
    longest = max((p for p in paragraphs if p.kind == "body"), key=lambda p: len(p.text), default=None)
    for paragraph in paragraphs:
        out = document.add_paragraph(style=heading if paragraph.kind == "section" else None)
        if paragraph.kind in ("title", "masthead"):
            out.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif paragraph.kind != "footer":
            out.paragraph_format.first_line_indent = Pt(2 * BODY_SIZE)
        for text, bold in paragraph.runs:
            pieces = _split_for_break(text) if paragraph is longest and not bold else [text]
            for index, piece in enumerate(pieces):
                if index:
                    out.add_run().add_break(WD_BREAK.PAGE)
                run = out.add_run(piece)
                if paragraph.kind == "title":
                    run.font.size = Pt(TITLE_SIZE)
                    _east_asian_font(run._element, "方正小标宋简体", qn)
                if bold and paragraph.kind != "section":
                    run.bold = True
    document.save(str(path))


def _split_for_break(text: str) -> list[str]:
    """``text`` cut after the first sentence end past its middle (where a page ends)."""
    cut = text.find("。", len(text) // 2)
    return [text[: cut + 1], text[cut + 1 :]] if 0 < cut < len(text) - 1 else [text]


def _east_asian_font(element: Any, name: str, qn: Any) -> None:
    properties = element.get_or_add_rPr()
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = properties.makeelement(qn("w:rFonts"), {})
        properties.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), name)


# ---------------------------------------------------------------- PDF

_PAGE_WIDTH, _PAGE_HEIGHT = 595.0, 842.0
_LEFT, _RIGHT, _TOP, _BOTTOM = 80.0, 515.0, 750.0, 95.0
_LEADING = 1.75


def write_pdf(paragraphs: list[Paragraph], path: Path, header: str, password: str | None = None) -> int:
    """A PDF as printed from the Word file; returns the page count."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    pdf = canvas.Canvas(str(path), pagesize=(_PAGE_WIDTH, _PAGE_HEIGHT), encrypt=password, invariant=1)
    pdf.setLineWidth(0.5)
    page = 1
    y = _TOP
    previous_kind = ""
    for paragraph in paragraphs:
        size = TITLE_SIZE if paragraph.kind == "title" else BODY_SIZE
        centred = paragraph.kind in ("title", "masthead")
        indent = 0.0 if centred or paragraph.kind == "footer" else 2 * size
        if paragraph.kind == "footer" and previous_kind != "footer" and y > _BOTTOM + 40:
            pdf.line(_LEFT, y + size, _RIGHT, y + size)  # the rule above the distribution list
            y -= size
        previous_kind = paragraph.kind
        lines = _wrap(paragraph.runs, size, _RIGHT - _LEFT, indent)
        for number, line in enumerate(lines):
            if y < _BOTTOM:
                _finish_page(pdf, page)
                page += 1
                _running_header(pdf, header)
                y = _TOP
            width = sum(pdfmetrics.stringWidth(text, FONT, size) for text, _ in line)
            start = indent if number == 0 else 0.0
            x = _LEFT + ((_RIGHT - _LEFT - width) / 2 if centred else start)
            chars = sum(len(text) for text, _ in line)
            last = number == len(lines) - 1
            spacing = 0.0 if centred or last or chars < 2 else (_RIGHT - _LEFT - start - width) / (chars - 1)
            _draw_line(pdf, line, x, y, size, max(0.0, spacing))
            y -= size * _LEADING
    _finish_page(pdf, page)
    pdf.save()
    return page


def _wrap(runs: list[tuple[str, bool]], size: float, width: float, indent: float) -> list[list[tuple[str, bool]]]:
    """Lines of (text, bold) pieces: breaks between characters, never inside a Latin word or
    number, never before closing punctuation; a space at the margin stays on its line."""
    from reportlab.pdfbase import pdfmetrics

    lines: list[list[tuple[str, bool]]] = [[]]
    used = indent
    for text, bold in runs:
        for token in _ASCII_TOKEN_RE.findall(text):
            token_width = pdfmetrics.stringWidth(token, FONT, size)
            fits = used + token_width <= width + 0.01
            if not fits and lines[-1] and token[0] not in _NO_LINE_START and not token.isspace():
                lines.append([])
                used = 0.0
            line = lines[-1]
            if line and line[-1][1] == bold:
                line[-1] = (line[-1][0] + token, bold)
            else:
                line.append((token, bold))
            used += token_width
    return [line for line in lines if line]


def _draw_line(pdf: Any, line: list[tuple[str, bool]], x: float, y: float, size: float, spacing: float) -> None:
    """One line; ``spacing`` between characters justifies it to both margins, as Word does."""
    pdf.saveState()  # text render mode and spacing are graphics state: restored after the line
    text_object = pdf.beginText(x, y)
    text_object.setFont(FONT, size)
    text_object.setCharSpace(spacing)
    for text, bold in line:
        text_object.setTextRenderMode(2 if bold else 0)
        text_object.textOut(text)
    pdf.drawText(text_object)
    pdf.restoreState()


def _running_header(pdf: Any, header: str) -> None:
    pdf.setFont(FONT, 10.5)
    pdf.drawCentredString(_PAGE_WIDTH / 2, 800, header)
    pdf.line(_LEFT, 795, _RIGHT, 795)


def _finish_page(pdf: Any, page: int) -> None:
    pdf.setFont(FONT, 12)
    pdf.drawCentredString(_PAGE_WIDTH / 2, 45, f"- {page} -")
    pdf.showPage()


# ---------------------------------------------------------------- web page


def write_html(paragraphs: list[Paragraph], path: Path, record: dict[str, Any], masthead_in_body: bool = True) -> None:
    """A county-website article page: breadcrumb, metadata table, article, share bar, footer."""
    gold = record["gold"]
    title = gold.get("title") or ""
    name = f"{title}（第{gold['issue']}期）" if gold.get("issue") else title
    county = gold.get("county") or ""
    rows = []
    for paragraph in paragraphs:
        if paragraph.kind in ("title", "masthead") and not masthead_in_body:
            continue
        inner = "".join(f"<strong>{html.escape(t)}</strong>" if bold else html.escape(t) for t, bold in paragraph.runs)
        if paragraph.kind == "title":
            rows.append(f'<p style="text-align: center;"><span style="font-size: 22pt;">{inner}</span></p>')
        elif paragraph.kind == "masthead":
            rows.append(f'<p style="text-align: center;">{inner}</p>')
        elif paragraph.kind == "footer":
            rows.append(f"<p>{inner}</p>")
        else:
            rows.append(f'<p style="text-indent: 2em;">{inner}</p>')
    article = "\n        ".join(rows)
    breadcrumbs = ('当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; '
                   '<a href="/zwgk/zwxx/">政务信息</a>')
    index_number = f"000014349/{html.escape(str(gold.get('date') or '')[:4])}-0{gold.get('issue') or 0:04d}"
    page = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{html.escape(name)}_{html.escape(county)}人民政府</title>
<script>var _hmt = _hmt || [];</script>
<style>.share a {{ margin: 0 4px; }}</style>
</head>
<body>
<div class="header"><div class="logo">{html.escape(county)}人民政府</div>
  <ul class="nav-menu"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
  <li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>
<div class="main">
  <div class="position">{breadcrumbs}</div>
  <div class="xxgk-info">
    <table>
      <tr><td class="label">索引号：</td><td>{index_number}</td>
          <td class="label">发布机构：</td><td>{html.escape(gold.get('publisher') or '')}</td></tr>
      <tr><td class="label">标题：</td><td colspan="3">{html.escape(name)}</td></tr>
      <tr><td class="label">文号：</td><td></td>
          <td class="label">发文日期：</td><td>{html.escape(gold.get('date') or '')}</td></tr>
    </table>
  </div>
  <div class="article">
    <h1 class="article-title">{html.escape(name)}</h1>
    <div class="article-info"><span>发布时间：{html.escape(gold.get('date') or '')}</span>
      <span>来源：{html.escape(gold.get('publisher') or '')}</span><span>字号：[大 中 小]</span></div>
    <div class="article-content" id="zoom">
      <div class="TRS_Editor">
        {article}
      </div>
    </div>
    <div class="share">分享到：<a href="#">微信</a><a href="#">微博</a><a href="#">QQ空间</a>
      <a href="javascript:window.print()">【打印本页】</a><a href="javascript:window.close()">【关闭窗口】</a></div>
  </div>
</div>
<div class="footer"><p>主办：{html.escape(county)}人民政府办公室　承办：{html.escape(county)}大数据中心</p>
  <p>网站标识码：4107260001　ICP备案号：豫ICP备05012345号-1</p></div>
</body>
</html>
"""
    path.write_text(page, encoding="utf-8")


def make_all(record: dict[str, Any], out: Path) -> dict[str, Path]:
    """The three documents for ``record`` under ``out``; returns their paths by format."""
    paragraphs = bulletin_paragraphs(record)
    header = running_header(record)
    paths = {fmt: out / f"{record['id']}.{fmt}" for fmt in ("docx", "pdf", "html")}
    write_docx(paragraphs, paths["docx"], header)
    write_pdf(paragraphs, paths["pdf"], header)
    write_html(paragraphs, paths["html"], record)
    return paths


def read_corpus(paths: list[Path]) -> list[dict[str, Any]]:
    """The records of corpus JSONL files, in order."""
    return [json.loads(line) for path in paths for line in path.read_text("utf-8").splitlines() if line.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="+", type=Path, help="corpus JSONL files")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for record in read_corpus(args.corpus):
        print(*make_all(record, args.out).values())


if __name__ == "__main__":
    main()
