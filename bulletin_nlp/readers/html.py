"""Government web pages: the article body and the page's metadata block.

Navigation, breadcrumbs, share bars, page headers and footers are removed; the article is
the element whose paragraphs hold the most text (preferring the containers government sites
name ``article``, ``content``, ``TRS_Editor``, ``zoom``…). Metadata (标题, 索引号, 发布机构,
发文日期/发布日期, 文号) is read from label–value table cells or ``label：value`` lines.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import regex

from bulletin_nlp.errors import BulletinDecodeError
from bulletin_nlp.io import decode
from bulletin_nlp.readers.assemble import Block, Run, assemble
from bulletin_nlp.readers.document import Document
from bulletin_nlp.resources import require

_REMOVED_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "form", "iframe", "select", "button",
                 "template", "svg", "aside")
_REMOVED_CLASS_RE = regex.compile(
    r"breadcrumb|crumb|position|location|share|bdshare|jiathis|^nav|menu|footer|^foot|copyright|header|toolbar"
    r"|^print-?(?:bar|btn)$|sidebar|related|pagination|pager|^top$|search|fenxiang|dqwz", regex.IGNORECASE)
_REMOVED_TEXT_RE = regex.compile(r"^\s*(?:当前位置|您的位置|您现在的位置|所在位置|分享到|【打印本页】|【关闭窗口】)")
_ARTICLE_CLASS_RE = regex.compile(r"article|content|trs_editor|zoom|detail|con_text|text|view|main", regex.IGNORECASE)
_BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "section", "article", "blockquote",
               "table", "tbody", "ul", "ol", "center", "pre"}
_BOLD_TAGS = {"strong", "b", "h1", "h2", "h3", "h4", "h5", "h6"}
_BOLD_STYLE_RE = regex.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)", regex.IGNORECASE)
_SIZE_STYLE_RE = regex.compile(r"font-size\s*:\s*(\d+(?:\.\d+)?)\s*(pt|px)", regex.IGNORECASE)
_HEADING_SIZES = {"h1": 26.0, "h2": 22.0, "h3": 18.0}
#: A line break of the page's source and the spaces around it (not a break of the text), and
#: runs of whitespace: compiled once, as every text node of a page goes through them. A match
#: starts only where a run of spaces does (the lookbehind): tried from every space of a long run
#: that no break ends, it took quadratic time (64,000 spaces: 24 s).
_SOURCE_BREAK_RE = regex.compile(r"(?<![ \t])[ \t]*+[\r\n]\s*+")
_WHITESPACE_RE = regex.compile(r"\s+")
_CHARSET_RE = regex.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", regex.IGNORECASE)
_LABELS = {
    "标题": "标题", "题名": "标题", "名称": "标题",
    "索引号": "索引号",
    "发布机构": "发布机构", "发文机关": "发布机构", "发布单位": "发布机构", "来源": "发布机构", "信息来源": "发布机构",
    "发文日期": "发文日期", "成文日期": "发文日期", "发布日期": "发布日期", "发布时间": "发布日期",
    "文号": "文号", "发文字号": "文号",
}
_METADATA_MARK = "data-bulletin-metadata"
_LABEL_TAGS = ("td", "th", "dt", "label", "b", "strong", "span")  # a label cell, its value the next one
_METADATA_BLOCK_MAX = 400  # characters: a metadata table or line, never the article around it
_LABEL_RE = regex.compile(r"(" + "|".join(sorted(_LABELS, key=len, reverse=True)) + r")\s*[：:]\s*")


def read_html(data: bytes, name: str) -> Document:
    """Extract a web page's article text and metadata (see the module docstring)."""
    html = require("lxml.html", f"reading {name}")
    parser = html.HTMLParser()
    root = html.document_fromstring(_decode(data, name), parser=parser)
    limits = [error.message for error in parser.error_log  # (older libxml2 report the depth as an internal error)
              if error.type_name == "ERR_RESOURCE_LIMIT" or "Excessive depth" in error.message]
    if limits:  # libxml2 stops there and keeps what it read: the rest of the page would be lost unsaid
        raise BulletinDecodeError(name, f"a web page beyond what the HTML parser reads ({limits[0]}): "
                                        "elements nested more than 256 deep, or a text of over 10 MB in one piece")
    metadata = _metadata(root)
    page_title = root.findtext(".//title") or ""
    if "标题" not in metadata and page_title.strip():
        metadata["页面标题"] = page_title.strip()
    _remove_chrome(root)
    article = _article(root)
    blocks: list[Block] = []
    _blocks(article, blocks, Block(), bold=False, size=None)
    assembled = assemble(blocks)
    masthead = " ".join(metadata.get(key, "") for key in ("发布机构", "标题", "页面标题")).strip()
    hints = dataclasses.replace(assembled.hints, masthead=masthead)
    return Document(assembled.text, "html", name, None, hints, metadata=metadata)


def _decode(data: bytes, name: str) -> str:
    declared = _CHARSET_RE.search(data[:4096])
    if declared:
        encoding = declared.group(1).decode("ascii").lower()
        encoding = "gb18030" if encoding in ("gb2312", "gbk", "gb18030") else encoding
        try:
            text = data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            text = decode(data, name)
    else:
        text = decode(data, name)
    return regex.sub(r"^\ufeff?\s*<\?xml[^>]*\?>", "", text)  # lxml refuses str with an encoding declaration


def _metadata(root: Any) -> dict[str, str]:
    """Label–value pairs from table cells (<td>标题</td><td>…</td>) and 标题：… lines."""
    found: dict[str, str] = {}
    for cell in root.iter("td", "th", "dt", "span", "li", "p", "div", "label", "b", "strong"):
        text = _squash(cell.text_content())
        label = text.rstrip("：: ")
        if label in _LABELS and cell.tag in _LABEL_TAGS:
            value_cell = cell.getnext()
            value = _squash(value_cell.text_content()) if value_cell is not None else ""
            if value:
                found.setdefault(_LABELS[label], value)
                cell.set(_METADATA_MARK, "cell")
            continue
        if len(text) > 200 or any(len(child.text_content()) > 200 for child in cell):
            continue
        matches = list(_LABEL_RE.finditer(text))
        for index, match in enumerate(matches):
            end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
            value = text[match.end() : end].strip(" 　|")
            key = _LABELS[match.group(1)]
            if value and (len(matches) > 1 or match.start() == 0):
                found.setdefault(key, value)
                cell.set(_METADATA_MARK, "line")  # dropped from the article even when already read
    return found


def _remove_chrome(root: Any) -> None:
    doomed = [element for element in root.iter() if _is_chrome(element)]
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()


def _is_chrome(element: Any) -> bool:
    """Site navigation, breadcrumbs, share bars, footers, scripts, and the metadata block."""
    if not isinstance(element.tag, str):
        return True  # comments, processing instructions
    names = f"{element.get('class') or ''} {element.get('id') or ''}".split()
    if element.tag in _REMOVED_TAGS or any(_REMOVED_CLASS_RE.search(name) for name in names):
        return True
    if element.get(_METADATA_MARK) == "line":
        return True  # 发布机构：…
    if any(child.get(_METADATA_MARK) == "cell" for child in element):  # the row of a label cell
        return len(element.text_content()) < _METADATA_BLOCK_MAX  # never an article holding one
    if element.tag not in ("div", "p", "span"):
        return False
    text = element.text_content()
    return len(text) < 200 and bool(_REMOVED_TEXT_RE.match(text))


def _article(root: Any) -> Any:
    """The element whose paragraphs hold the most text, named candidates first."""
    body = root.find("body")
    body = body if body is not None else root
    candidates = [e for e in body.iter("div", "article", "section", "td", "main")
                  if any(_ARTICLE_CLASS_RE.search(n) for n in f"{e.get('class') or ''} {e.get('id') or ''}".split())]
    lengths: dict[Any, int] = {}  # each paragraph's text measured once, not once per container around it
    scored = [(_paragraph_text(e, lengths), e) for e in candidates]
    scored = [pair for pair in scored if pair[0] >= 50]
    if scored:  # the innermost of the richest: an article div, not the page column around it
        best = max(score for score, _ in scored)
        rich = [element for score, element in scored if score >= 0.9 * best]
        return min(rich, key=lambda element: len(element.text_content()))
    containers = [(_paragraph_text(e, lengths), e) for e in body.iter("div", "article", "section", "td", "main")]
    containers = [pair for pair in containers if pair[0] > 0]
    return max(containers, key=lambda pair: pair[0])[1] if containers else body


def _paragraph_text(element: Any, lengths: dict[Any, int]) -> int:
    """The characters of ``element``'s paragraphs (half its text where it has none); ``lengths``
    keeps each paragraph's, which nested containers share (a page nested 100 deep measured each
    paragraph 100 times: 0.5 s for 83 kB)."""
    paragraphs = element.findall(".//p")
    if not paragraphs:
        return len(_squash(element.text_content())) // 2
    for paragraph in paragraphs:
        if paragraph not in lengths:
            lengths[paragraph] = len(_squash(paragraph.text_content()))
    return sum(lengths[paragraph] for paragraph in paragraphs)


def _blocks(element: Any, blocks: list[Block], current: Block, bold: bool, size: float | None) -> Block:
    """Walk ``element`` in document order, one block per block-level element or <br>."""
    tag = element.tag if isinstance(element.tag, str) else ""
    style = element.get("style") or ""
    bold = bold or tag in _BOLD_TAGS or bool(_BOLD_STYLE_RE.search(style))
    if m := _SIZE_STYLE_RE.search(style):
        size = float(m.group(1)) * (0.75 if m.group(2).lower() == "px" else 1.0)
    size = _HEADING_SIZES.get(tag, size)
    if tag == "tr":
        cells = [_squash(c.text_content()) for c in element if isinstance(c.tag, str) and c.tag in ("td", "th")]
        if any(cells):
            current = _close(blocks, current)
            blocks.append(Block([Run("\t".join(cells), bold, size)]))
        return current
    if tag in _BLOCK_TAGS:
        current = _close(blocks, current)
    if tag == "br":
        current = _close(blocks, current)
    elif element.text:
        current.runs.append(Run(_inline(element.text), bold, size))
    for child in element:
        current = _blocks(child, blocks, current, bold, size)
        if child.tail:
            current.runs.append(Run(_inline(child.tail), bold, size))
    if tag in _BLOCK_TAGS:
        current = _close(blocks, current)
    return current


def _close(blocks: list[Block], current: Block) -> Block:
    if current.text.strip():
        blocks.append(current)
        return Block()
    return current if not current.runs else Block()


def _inline(text: str) -> str:
    return _SOURCE_BREAK_RE.sub("", text).replace("\xa0", " ")


def _squash(text: str) -> str:
    return _WHITESPACE_RE.sub(" ", text).strip()
