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
from bulletin_nlp.layout import cues
from bulletin_nlp.layout.closing import ends_with_remark, find_closing, is_byline_line, is_closing_line
from bulletin_nlp.layout.headline import looks_like_headline_line
from bulletin_nlp.layout.hints import LayoutHints
from bulletin_nlp.layout.items import (
    Paragraph,
    SectionLayout,
    build_sections,
    bullet_headline_line,
)
from bulletin_nlp.layout.masthead import (
    MastheadFields,
    active_words,
    find_signature,
    read_footer,
    read_masthead_line,
)
from bulletin_nlp.layout.sitemeta import fill_from_front_matter, read_front_matter
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
_MD_MARKER_RE = regex.compile(r"\*+|__+")  # emphasis markers, dropped from the view (a lone * too)
_PLAIN_HEADING_RE = regex.compile(r"[\p{Han}“”·]{2,8}$")
_SENTENCE_END = set(SENTENCE_END)
_CLOSERS = set("”’」』）)》】\"'")
_SENTENCE_TAIL = _CLOSERS | {"*", "_", " "}  # may follow a sentence's terminal punctuation
_NOT_PARAGRAPH_START = set("，。、；：）》”’」』,.;:)%")
_FOOTER_NOTE_MAX = 40
_MASTHEAD_LINE_MAX = 50  # 湄潭县人民政府办公室编    2024 年 3 月 8 日 and the like
_MASTHEAD_SCAN = 12  # masthead lines are read only among the first text lines
_NOT_CONTENT = ("blank", "page", "rule")
_TEXT_COLON_RE = regex.compile(r"(?<!\d):|:(?!\d)")  # an ASCII colon of a sentence, not of a time (16:40)


@dataclass
class Line:
    """A line of the folded input: ``start``/``end`` bound its content (Markdown prefix removed)."""

    start: int
    end: int
    kind: str  # blank | rule | page | section | footer | text
    title: tuple[int, int] | None = None


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
    if cues.is_toc_heading(stripped):
        return Line(c_start, c_end, "toc")
    if cues.enum_title(stripped):
        return Line(c_start, c_end, "enum")
    for pattern, kind in ((_SECTION_RE, "section"), (_BROKEN_SECTION_RE, "broken_section")):
        if match := pattern.match(stripped):
            title_start, title_end = match.span("title")
            opening = match.start("open") if "open" in pattern.groupindex and match.start("open") >= 0 else title_start
            return Line(c_start + opening, c_end, kind, (c_start + title_start, c_start + title_end))
    if active_words().footer_start.match(_unbracket(stripped).lstrip("*_ ")):
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
    front = read_front_matter(folded, [(line.start, line.end) for line in lines], masthead)
    for line in lines[: front.end]:
        if line.kind != "blank":
            _add_aside(view, folded, line)
    body_start = _read_masthead(folded, lines, masthead, view, warnings, hints, front.end)
    fill_from_front_matter(folded, front, masthead)
    footer_start = _find_footer(folded, lines, body_start)
    footer_lines = [line for line in lines[footer_start:] if line.kind not in ("blank", "rule", "page")]
    footer, unread = read_footer(
        *("\n".join(_unbracket(_MD_MARKER_RE.sub("", source[line.start : line.end])) for line in footer_lines)
          for source in (folded, original))
    )
    warnings.extend(Diagnostic(UNREAD_FOOTER, f"unrecognised footer text: {leftover!r}") for leftover in unread)
    form = _find_page_form(folded, lines, body_start, footer_start)
    signature = _find_signature(folded, lines, body_start, form, masthead)
    if masthead.issue is None:
        masthead.issue = masthead.issue_total  # only the cumulative number is printed
    title = folded[slice(*masthead.title)] if masthead.title else ""
    sections = _read_body(folded, lines[body_start:signature], view, warnings, leftovers, title, hints)
    for line in lines[signature:footer_start]:
        if line.kind != "blank":
            _add_aside(view, folded, line)
    return Layout(view, masthead, sections, footer, warnings, leftovers, hints)


_FORM_FIELDS_MIN = 2


def _find_page_form(folded: str, lines: list[Line], body_start: int, footer_start: int) -> int:
    """Index of the first line of a web page's feedback form closing the body (two or more
    empty fields, ``• 姓  名:``, and the line inviting comments before them); ``footer_start``
    when there is none. The form is in no item."""
    end, fields = footer_start, 0
    while end > body_start and (lines[end - 1].kind in _NOT_CONTENT
                                or cues.is_form_field(folded[lines[end - 1].start : lines[end - 1].end])):
        fields += lines[end - 1].kind not in _NOT_CONTENT
        end -= 1
    if fields < _FORM_FIELDS_MIN:
        return footer_start
    before = end
    while before > body_start and lines[before - 1].kind in _NOT_CONTENT:
        before -= 1
    if before > body_start and cues.invites_comment(folded[lines[before - 1].start : lines[before - 1].end]):
        return before - 1
    return end


def _find_signature(folded: str, lines: list[Line], body_start: int, footer_start: int,
                    masthead: MastheadFields) -> int:
    """Index of the first line of the closing signature, ``footer_start`` when there is none.
    附件 lines after the signature (not before it, inside a notice) are left out with it."""
    end = footer_start
    while end > body_start and (lines[end - 1].kind in _NOT_CONTENT or _is_attachment_line(folded, lines[end - 1])):
        end -= 1
    closing_lines = [(line.start, line.end) if line.kind == "text" else None
                     for line in lines[body_start:end] if line.kind not in _NOT_CONTENT]
    signed = find_signature(folded, closing_lines, masthead)
    if not signed:
        return footer_start
    while signed and end > body_start:  # back over the signature's lines (and blanks among them)
        end -= 1
        signed -= lines[end].kind not in _NOT_CONTENT
    return end


def _is_attachment_line(folded: str, line: Line) -> bool:
    return line.kind in ("text", "enum") and cues.is_attachment(folded[line.start : line.end], True)


def _add_aside(view: MappedText, folded: str, line: Line) -> None:
    """Add a line to the view (so names in it are found) outside any paragraph."""
    if len(view):
        view.add_separator()
    _add_without_markers(view, folded, line.start, line.end)


def _unbracket(text: str) -> str:
    """A footer line written in brackets, （责任编辑：李晓燕）, without them (same length)."""
    stripped = text.strip()
    if (len(stripped) > 2 and stripped[0] in "（(" and stripped[-1] in "）)"
            and active_words().footer_start.match(stripped[1:-1].lstrip("*_ "))):
        position = text.index(stripped[0])
        return text[:position] + " " + text[position + 1 : position + len(stripped) - 1] + " " + text[
            position + len(stripped):]
    return text


def _read_masthead(folded: str, lines: list[Line], fields: MastheadFields, view: MappedText,
                   warnings: list[Diagnostic], hints: LayoutHints, first: int = 0) -> int:
    """Read masthead lines from ``lines[first]`` on; return the index of the first body line."""
    seen_text = 0
    for index in range(first, len(lines)):
        line = lines[index]
        if line.kind == "rule" and fields.date is not None:
            return index + 1  # the rule under a dated masthead closes it
        if line.kind in ("blank", "rule"):
            continue
        if line.kind != "text" or seen_text >= _MASTHEAD_SCAN:
            return index
        seen_text += 1
        if _opens_broken_title(folded, lines, index):
            return index  # 关于全县…推进情况 / 的通报: a document's title, the body's first line
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
    return len(text) <= limit and not any(char in text for char in "，。；：,;") and not _TEXT_COLON_RE.search(text)


def _opens_broken_title(folded: str, lines: list[Line], index: int) -> bool:
    """Whether the line at ``index`` is a document's title that the next line ends."""
    following = _next_non_blank(lines, index)
    return (following is not None and cues.opens_document_title(folded[lines[index].start : lines[index].end])
            and cues.ends_document_title(folded[following.start : following.end]))


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
               leftovers: list[tuple[int, int, str]], title: str, hints: LayoutHints) -> list[SectionLayout]:
    """Sections and items of the body lines; ``title`` (the masthead's) spots running headers.

    Lines that are neither items nor headings (a table of contents, 附件 lines, an 编者按 or
    领导批示 box) go into the view, so their names are found, but into no item.
    """
    blocks: list[SectionLayout | Paragraph] = []
    paragraph: Paragraph | None = None
    in_toc = in_attachment = False
    toc_entries = 0

    for index, line in enumerate(lines):
        kind = line.kind
        text = folded[line.start : line.end]
        if in_toc:
            if kind == "blank":
                in_toc = toc_entries == 0  # a blank line after the entries closes the table
                continue
            if cues.is_toc_entry(text):
                toc_entries += 1
                _add_aside(view, folded, line)
                continue
            else:
                in_toc = False
        if kind == "blank":
            continue
        if kind == "text" and not _MD_MARKER_RE.sub("", text).strip():
            continue  # Markdown markers alone (** or *): no content, like a blank line
        if kind == "toc":
            in_toc, toc_entries, paragraph = True, 0, None
            _add_aside(view, folded, line)
            continue
        if kind in ("text", "enum") and cues.is_attachment(text, in_attachment):
            in_attachment = True
            if len(view):
                view.add_separator()
            view_start = len(view)
            _add_without_markers(view, folded, line.start, line.end)
            paragraph = None
            blocks.append(Paragraph(line.start, line.end, view_start, len(view), role="attachment"))
            continue
        in_attachment = False
        if kind == "text" and cues.is_running_header(text, title):
            leftovers.append((line.start, line.end, "page header"))
            continue
        if kind == "text" and _is_plain_heading(folded, lines, index, paragraph):
            kind, line = "section", Line(line.start, line.end, "section", (line.start, line.end))
        if kind == "rule":
            paragraph = None if paragraph is None or _ends_sentence(folded, paragraph.end) else paragraph
            continue
        if kind == "page":
            leftovers.append((line.start, line.end, "page number"))
            continue
        if kind == "section" and cues.opens_note(text):  # 【领导批示】: a box, not a section
            kind = "text"
        if kind in ("section", "broken_section"):
            paragraph = None
            if kind == "broken_section":
                warnings.append(Diagnostic(UNCLOSED_SECTION, f"section heading without closing bracket at {line.start}",
                                           line.start, line.end))
            if len(view):
                view.add_separator()
            assert line.title is not None
            title_view = len(view)
            _add_without_markers(view, folded, *line.title)
            blocks.append(SectionLayout((title_view, len(view)), line.start, line.end))
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
        paragraph = Paragraph(line.start, line.end, view_start, len(view), bold,
                              indented=folded[max(0, line.start - 2) : line.start] == "  ")
        if kind == "enum" and (numbered := cues.enum_title(_MD_MARKER_RE.sub("", text))):
            paragraph.role, paragraph.level = "enum", numbered[2]
            paragraph.title = (view_start + numbered[0], view_start + numbered[1])
        elif cues.opens_note(text) or ((cues.is_signature(text) or cues.opens_instruction(text))
                                       and _last_is_note(blocks, paragraph)):
            paragraph.role = "note"
        elif bullet := cues.bullet_length(text):
            paragraph.role, paragraph.bullet = "bullet", bullet
        blocks.append(paragraph)
    return build_sections(view.text, blocks)


def _last_is_note(blocks: list[SectionLayout | Paragraph], paragraph: Paragraph) -> bool:
    previous = next((block for block in reversed(blocks) if block is not paragraph), None)
    return isinstance(previous, Paragraph) and previous.role == "note"


def _is_plain_heading(folded: str, lines: list[Line], index: int, paragraph: Paragraph | None) -> bool:
    """A short line of text alone (交通建设) between paragraphs: a section heading without 【】."""
    line = lines[index]
    if not _PLAIN_HEADING_RE.match(folded, line.start, line.end):
        return False
    if paragraph is not None and not _ends_sentence(folded, paragraph.end) and not find_closing(
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
    if paragraph.role == "enum" or cues.bullet_length(text) or cues.opens_note(text):
        return False
    if line.kind == "enum" and not cues.continues_number_list(folded[paragraph.start : paragraph.end], text):
        return False  # a numbered title line: 二、古城街道推进传统民居保护修缮
    if text[0] in _NOT_PARAGRAPH_START:
        return True
    if (_ends_sentence(folded, paragraph.end) or ends_with_remark(folded, paragraph.start, paragraph.end)
            or find_closing(folded, paragraph.start, paragraph.end) or is_closing_line(text)
            or is_byline_line(text) or is_byline_line(folded[paragraph.start : paragraph.end])):
        return False
    if paragraph.role == "bullet" and paragraph.single_line and bullet_headline_line(
            folded[paragraph.start + paragraph.bullet : paragraph.end]):
        return False
    if folded[line.start : line.start + 2] in ("**", "__") or _hinted_bold(folded, line, hints):
        return False
    before = folded[paragraph.start : paragraph.end]
    if cues.is_document_title(before) or (paragraph.single_line and cues.is_addressee(before)):
        return False  # a document's title, a notice's addressee line: paragraphs of their own
    if paragraph.single_line and cues.opens_document_title(before):
        return cues.ends_document_title(text)  # 关于全县…推进情况 / 的通报
    return not (paragraph.single_line and looks_like_headline_line(folded[paragraph.start : paragraph.end]))
