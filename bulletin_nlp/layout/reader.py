"""Recover a bulletin's document structure from messy converted text.

The text is read line by line. Lines are classified (blank, separator, page number, section
heading, source bracket, footer, text); masthead lines are read from the top and the footer
from the bottom. Text lines in between are joined into paragraphs (a line that breaks off
mid-sentence continues on the next text line: a page break or a hard wrap), and paragraphs are
grouped into items: an item closes with its source bracket, and a new paragraph that opens
with a headline starts a new item. Everything the layout keeps is appended to one
:class:`~bulletin_nlp.text.offsets.MappedText` view (Markdown markers and page breaks dropped), which
is also the text the spaCy pipeline reads; all spans below are offsets into that view.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import regex

from bulletin_nlp.bulletin import Footer
from bulletin_nlp.diagnostics import (
    UNCLOSED_SECTION,
    UNREAD_FOOTER,
    UNREAD_MASTHEAD,
    Diagnostic,
)
from bulletin_nlp.layout.headline import (
    HeadlineSplit,
    find_headline,
    find_sources,
    looks_like_headline_line,
)
from bulletin_nlp.layout.hints import LayoutHints
from bulletin_nlp.layout.masthead import (
    FOOTER_START_RE,
    MastheadFields,
    read_footer,
    read_masthead_line,
)
from bulletin_nlp.text.chars import SENTENCE_END
from bulletin_nlp.text.offsets import MappedText

_LINE_BREAKS = "\n\r\u2028\u2029\x0b\x0c\x85"
_LINE_RE = regex.compile(r"[^\n\r\u2028\u2029\x0b\x0c\x85]*(?:\r\n|[\n\r\u2028\u2029\x0b\x0c\x85]|$)")
_MD_PREFIX_RE = regex.compile(r"^[ \t]*(?:#{1,6}[ \t]*|>[ \t]*)*")
_RULE_CHARS = "-*_=—–━─·•"  # a line of three or more of these (spaces between) is a rule
# Possessive (*+, ?+): where a quantifier's characters cannot start what follows, giving them
# back can only fail again, and trying would cost time quadratic in the line's length.
_PAGE_NUMBER_RE = regex.compile(
    r"^[ \t]*+[-—–－~·]*+[ \t]*+(?:第\s*+)?+\d{1,3}+(?:\s*+页)?+[ \t]*+[-—–－~·]*+[ \t]*+$"
)
_SECTION_RE = regex.compile(
    r"^(?:\*\*|__)?\s*(?P<open>[【〖［\[])\s*(?P<title>[^【】〖〗\[\]［］\n]{1,40}?)\s*[】〗］\]]\s*(?:\*\*|__)?$"
)
_BROKEN_SECTION_RE = regex.compile(r"^(?:\*\*)?\s*(?P<open>【)(?P<title>[^【】\n，。]{1,30}?)\s*(?:\*\*)?$")
_ENUM_SECTION_RE = regex.compile(r"^(?:\*\*)?(?P<title>[一二三四五六七八九十]{1,3}、[^，。；！？\n]{2,28}?)(?:\*\*)?$")
_MD_MARKER_RE = regex.compile(r"\*+|__+")  # emphasis markers, dropped from the view (a lone * too)
_PLAIN_HEADING_RE = regex.compile(r"[\p{Han}“”·]{2,8}$")
_SENTENCE_END = set(SENTENCE_END)
_CLOSERS = set("”’」』）)》】\"'")
_SENTENCE_TAIL = _CLOSERS | {"*", "_", " "}  # may follow a sentence's terminal punctuation
_NOT_PARAGRAPH_START = set("，。、；：）》”’」』,.;:)%")
_FOOTER_NOTE_MAX = 40
_MASTHEAD_LINE_MAX = 50  # 湄潭县人民政府办公室编    2024 年 3 月 8 日 and the like
_MASTHEAD_SCAN = 12  # masthead lines are read only among the first text lines


@dataclass
class Line:
    """A line of the folded input: ``start``/``end`` bound its content (Markdown prefix removed)."""

    start: int
    end: int
    kind: str  # blank | rule | page | section | footer | text
    title: tuple[int, int] | None = None


@dataclass
class Paragraph:
    """Consecutive text lines forming one paragraph; ``view_*`` index the view."""

    start: int
    end: int
    view_start: int
    view_end: int
    bold: tuple[int, int] | None = None  # a **bold** span opening the paragraph, in view offsets
    single_line: bool = True


@dataclass
class ItemLayout:
    start: int
    end: int
    headline: tuple[int, int] | None = None
    body: tuple[int, int] | None = None
    sources: list[tuple[int, int]] = field(default_factory=list)
    closed: bool = False


@dataclass
class SectionLayout:
    title: tuple[int, int] | None
    start: int
    end: int
    items: list[ItemLayout] = field(default_factory=list)


@dataclass
class Layout:
    """The structure of one bulletin, with spans in ``view`` (except ``start``/``end`` of
    sections and items, which are in the original)."""

    view: MappedText
    masthead: MastheadFields
    sections: list[SectionLayout]
    footer: Footer
    warnings: list[Diagnostic]
    leftovers: list[tuple[int, int, str]]  # original start, end, reason
    hints: LayoutHints = field(default_factory=LayoutHints)


def split_lines(folded: str) -> list[Line]:
    """Classify every line of ``folded``."""
    lines = []
    for match in _LINE_RE.finditer(folded):
        raw = match.group().rstrip(_LINE_BREAKS)
        if not raw and match.start() == len(folded):
            break
        lines.append(_classify(folded, match.start(), match.start() + len(raw)))
    return lines


def _classify(folded: str, start: int, end: int) -> Line:
    text = folded[start:end]
    markup = _MD_PREFIX_RE.match(text)  # matches at least the empty string
    prefix = markup.end() if markup else 0
    content = text[prefix:].rstrip()
    c_start, c_end = start + prefix, start + prefix + len(content)
    stripped = content.strip()
    lead = len(content) - len(content.lstrip())
    c_start += lead
    if not stripped:
        return Line(start, start, "blank")
    if _is_rule(stripped):
        return Line(c_start, c_end, "rule")
    if _PAGE_NUMBER_RE.match(stripped):
        return Line(c_start, c_end, "page")
    heading_patterns = ((_SECTION_RE, "section"), (_ENUM_SECTION_RE, "section"), (_BROKEN_SECTION_RE, "broken_section"))
    for pattern, kind in heading_patterns:
        if match := pattern.match(stripped):
            title_start, title_end = match.span("title")
            opening = match.start("open") if "open" in pattern.groupindex and match.start("open") >= 0 else title_start
            return Line(c_start + opening, c_end, kind, (c_start + title_start, c_start + title_end))
    if FOOTER_START_RE.match(stripped.lstrip("*_ ")):
        return Line(c_start, c_end, "footer")
    return Line(c_start, c_end, "text")


def _is_rule(stripped: str) -> bool:
    """Three or more rule characters with nothing but spaces and tabs between them."""
    return not stripped.strip(_RULE_CHARS + " \t") and len(stripped) - stripped.count(" ") - stripped.count("\t") >= 3


def parse_layout(original: str, folded: str, hints: LayoutHints | None = None) -> Layout:
    """Recover masthead, sections, items and footer from ``folded`` (same offsets as ``original``).

    ``hints`` are what a document's formatting said (bold line openings, the title line), in
    the same offsets; text without formatting has none.
    """
    hints = hints or LayoutHints()
    lines = split_lines(folded)
    view = MappedText(original, folded)
    warnings: list[Diagnostic] = []
    leftovers: list[tuple[int, int, str]] = []
    masthead = MastheadFields()
    body_start = _read_masthead(folded, lines, masthead, view, warnings, hints)
    footer_start = _find_footer(folded, lines, body_start)
    footer_lines = [line for line in lines[footer_start:] if line.kind not in ("blank", "rule", "page")]
    footer, unread = read_footer(
        *("\n".join(_MD_MARKER_RE.sub("", source[line.start : line.end]) for line in footer_lines)
          for source in (folded, original))
    )
    warnings.extend(Diagnostic(UNREAD_FOOTER, f"unrecognised footer text: {leftover!r}") for leftover in unread)
    sections = _read_body(folded, lines[body_start:footer_start], view, warnings, leftovers, hints)
    return Layout(view, masthead, sections, footer, warnings, leftovers, hints)


def _read_masthead(folded: str, lines: list[Line], fields: MastheadFields, view: MappedText,
                   warnings: list[Diagnostic], hints: LayoutHints) -> int:
    """Read masthead lines from the top; return the index of the first body line."""
    seen_text = 0
    for index, line in enumerate(lines):
        if line.kind == "rule" and fields.date is not None:
            return index + 1  # the rule under a dated masthead closes it
        if line.kind in ("blank", "rule"):
            continue
        if line.kind != "text" or seen_text >= _MASTHEAD_SCAN:
            return index
        seen_text += 1
        known = _is_masthead_like(folded, line, limit=_MASTHEAD_LINE_MAX) and read_masthead_line(
            folded, line.start, line.end, fields
        )
        if not known and fields.title is None and hints.title and line.start <= hints.title[0] < line.end:
            fields.title, known = (line.start, line.end), True  # set in the document's largest font
        if not known and fields.title is not None and hints.bold_opening(line.start, line.end):
            return index  # a bold line under the title: a heading of the body
        if not known and not (_is_masthead_like(folded, line) and not _has_body_after(folded, lines, index)):
            return index
        if not known:
            warnings.append(Diagnostic(UNREAD_MASTHEAD, f"unrecognised masthead line: {folded[line.start:line.end]!r}",
                                       line.start, line.end))
        if len(view):
            view.add_separator()
        _add_without_markers(view, folded, line.start, line.end)
    return len(lines)


def _is_masthead_like(folded: str, line: Line, limit: int = 30) -> bool:
    """Short, and no sentence punctuation: a line of the masthead, not of a report."""
    text = folded[line.start : line.end]
    return len(text) <= limit and not any(char in text for char in "，。；：")


def _has_body_after(folded: str, lines: list[Line], index: int) -> bool:
    """Whether the line at ``index`` is followed directly by body text (so it is a headline)."""
    following = _next_non_blank(lines, index)
    return following is not None and following.kind == "text" and not _is_masthead_like(folded, following)


def _find_footer(folded: str, lines: list[Line], body_start: int) -> int:
    """Index of the first footer line: the first footer keyword line of the closing block.

    Short lines without a keyword may sit inside the block or close it (（共印 50 份）).
    """
    start = len(lines)
    short_run = 0
    for index in range(len(lines) - 1, body_start - 1, -1):
        line = lines[index]
        if line.kind == "footer":
            start, short_run = index, 0
        elif line.kind in ("blank", "rule", "page"):
            continue
        elif line.kind == "text" and line.end - line.start <= _FOOTER_NOTE_MAX and short_run < 2:
            short_run += 1
        else:
            break
    return start


def _read_body(folded: str, lines: list[Line], view: MappedText, warnings: list[Diagnostic],
               leftovers: list[tuple[int, int, str]], hints: LayoutHints) -> list[SectionLayout]:
    sections: list[SectionLayout] = []
    section: SectionLayout | None = None
    paragraph: Paragraph | None = None
    pending: list[Paragraph] = []
    groups: list[tuple[SectionLayout, list[Paragraph]]] = []  # grouped once the view is complete

    def flush() -> None:
        nonlocal section, pending
        if not pending:
            return
        if section is None:
            section = SectionLayout(None, pending[0].start, pending[0].start)
            sections.append(section)
        groups.append((section, pending))
        pending = []

    for index, line in enumerate(lines):
        kind = line.kind
        if kind == "blank":
            continue
        if kind == "text" and not _MD_MARKER_RE.sub("", folded[line.start : line.end]).strip():
            continue  # Markdown markers alone (** or *): no content, like a blank line
        if kind == "text" and _is_plain_heading(folded, lines, index, paragraph):
            kind, line = "section", Line(line.start, line.end, "section", (line.start, line.end))
        if kind == "rule":
            paragraph = None if paragraph is None or _ends_sentence(folded, paragraph.end) else paragraph
            continue
        if kind == "page":
            leftovers.append((line.start, line.end, "page number"))
            continue
        if kind in ("section", "broken_section"):
            flush()
            paragraph = None
            if kind == "broken_section":
                warnings.append(Diagnostic(UNCLOSED_SECTION, f"section heading without closing bracket at {line.start}",
                                           line.start, line.end))
            if len(view):
                view.add_separator()
            assert line.title is not None
            title_view = len(view)
            _add_without_markers(view, folded, *line.title)
            section = SectionLayout((title_view, len(view)), line.start, line.end)
            sections.append(section)
            continue
        if paragraph is not None and _continues(folded, paragraph, line, hints):
            paragraph.single_line = False
            _add_without_markers(view, folded, line.start, line.end)
            paragraph.end, paragraph.view_end = line.end, len(view)
            continue
        if len(view):
            view.add_separator()
        view_start = len(view)
        bold = _add_without_markers(view, folded, line.start, line.end)
        if bold is None and (hinted := _hinted_bold(folded, line, hints)):
            bold = (view_start + hinted[0] - line.start, view_start + hinted[1] - line.start)
        paragraph = Paragraph(line.start, line.end, view_start, len(view), bold)
        pending.append(paragraph)
    flush()
    text = view.text
    for group_section, paragraphs in groups:
        _group_items(text, group_section, paragraphs)
    return sections


def _is_plain_heading(folded: str, lines: list[Line], index: int, paragraph: Paragraph | None) -> bool:
    """A short line of text alone (交通建设) between paragraphs: a section heading without 【】."""
    line = lines[index]
    if not _PLAIN_HEADING_RE.match(folded, line.start, line.end):
        return False
    if paragraph is not None and not _ends_sentence(folded, paragraph.end) and not find_sources(
        folded, paragraph.start, paragraph.end
    ):
        return False  # the end of a broken sentence
    following = _next_non_blank(lines, index)
    return following is not None and following.kind == "text"


def _next_non_blank(lines: list[Line], index: int) -> Line | None:
    """The first line after ``lines[index]`` that is not blank."""
    for following_index in range(index + 1, len(lines)):
        if lines[following_index].kind != "blank":
            return lines[following_index]
    return None


def _add_without_markers(view: MappedText, folded: str, start: int, end: int) -> tuple[int, int] | None:
    """Append ``folded[start:end]`` without emphasis markers; return an opening bold span, if any
    (``* *`` with only a space between, as a zero-width space folds, opens nothing)."""
    view_start = len(view)
    markers = [match.span() for match in _MD_MARKER_RE.finditer(folded, start, end)]
    position = start
    for marker_start, marker_end in markers:
        view.add(position, marker_start)
        position = marker_end
    view.add(position, end)
    if markers and markers[0][0] == start:  # closed by the first marker after some content
        inner_end = view_start
        for (_, previous_end), (closing, _) in itertools.pairwise(markers):
            inner_end += closing - previous_end
            if folded[markers[0][1] : closing].strip(" *_"):
                return view_start, inner_end
    return None


def _hinted_bold(folded: str, line: Line, hints: LayoutHints) -> tuple[int, int] | None:
    """The document's bold opening ``line`` (lines with Markdown markers use those instead)."""
    if not hints.bold or _MD_MARKER_RE.search(folded, line.start, line.end):
        return None
    return hints.bold_opening(line.start, line.end)


def _ends_sentence(folded: str, end: int) -> bool:
    position = end
    while position > 0 and folded[position - 1] in _SENTENCE_TAIL:
        position -= 1
    return position > 0 and folded[position - 1] in _SENTENCE_END


def _continues(folded: str, paragraph: Paragraph, line: Line, hints: LayoutHints) -> bool:
    """Whether ``line`` continues ``paragraph`` across a line break (page break, hard wrap)."""
    text = folded[line.start : line.end]
    if text[0] in _NOT_PARAGRAPH_START:
        return True
    if _ends_sentence(folded, paragraph.end) or find_sources(folded, paragraph.start, paragraph.end):
        return False
    if folded[line.start : line.start + 2] in ("**", "__") or _hinted_bold(folded, line, hints):
        return False
    return not (paragraph.single_line and looks_like_headline_line(folded[paragraph.start : paragraph.end]))


def _group_items(text: str, section: SectionLayout, paragraphs: list[Paragraph]) -> None:
    """Group a section's paragraphs into items (see the module docstring); ``text`` is the view."""
    current: ItemLayout | None = section.items[-1] if section.items else None
    awaiting_body = False  # the current item is a headline line waiting for its body
    for index, para in enumerate(paragraphs):
        ptext = text[para.view_start : para.view_end]
        sources = find_sources(ptext)
        if sources is not None and sources[0] == 0 and current is not None and not current.closed:
            _close(current, para, sources)  # a source bracket on its own line
            awaiting_body = False
            continue
        if not awaiting_body:
            bold = None if para.bold is None else (para.bold[0] - para.view_start, para.bold[1] - para.view_start)
            split = find_headline(ptext, bold)
            if sources is not None and split.body_start > sources[0]:
                split = HeadlineSplit(None, 0, "none")  # the source bracket alone is no headline
            headline_line = sources is None and (
                _headline_line_before_body(text, paragraphs, index)
                or _bold_line_before_body(ptext, split, paragraphs, index)
            )
            if current is None or current.closed or split.signal != "none" or headline_line:
                if headline_line:
                    current = ItemLayout(para.start, para.end, (para.view_start, para.view_end))
                    section.items.append(current)
                    awaiting_body = True
                    continue
                current = ItemLayout(para.start, para.end)
                section.items.append(current)
                if split.headline is not None:
                    current.headline = (para.view_start + split.headline[0], para.view_start + split.headline[1])
                current.body = (para.view_start + split.body_start,) * 2
        assert current is not None
        awaiting_body = False
        if current.body is None:
            current.body = (para.view_start, para.view_start)
        body_end = para.view_end if sources is None else para.view_start + sources[0]
        current.body = (current.body[0], max(current.body[0], _rstrip(text, body_end)))
        current.end = para.end
        if sources is not None:
            _close(current, para, sources)
    for item in section.items:
        if item.body is None:  # a headline line that never got a body
            assert item.headline is not None
            item.body = (item.headline[1], item.headline[1])
    if section.items:
        section.end = max(section.end, section.items[-1].end)


def _headline_line_before_body(text: str, paragraphs: list[Paragraph], index: int) -> bool:
    """Whether paragraph ``index`` is a headline on its own line, followed by its body."""
    para = paragraphs[index]
    if index + 1 >= len(paragraphs) or not looks_like_headline_line(text[para.view_start : para.view_end]):
        return False
    nxt = paragraphs[index + 1]
    following = find_sources(text[nxt.view_start : nxt.view_end])
    return following is None or following[0] > 0


def _bold_line_before_body(ptext: str, split: HeadlineSplit, paragraphs: list[Paragraph], index: int) -> bool:
    """A paragraph that is bold throughout, followed by another: a headline on its own line."""
    return split.signal == "bold" and split.body_start >= len(ptext.rstrip()) and index + 1 < len(paragraphs)


def _rstrip(text: str, end: int) -> int:
    while end > 0 and text[end - 1] in " \t\n":
        end -= 1
    return end


def _close(item: ItemLayout, para: Paragraph, sources: tuple[int, int, list[tuple[int, int]]]) -> None:
    _, _, names = sources
    item.sources = [(para.view_start + name_start, para.view_start + name_end) for name_start, name_end in names]
    item.end = para.end
    item.closed = True
