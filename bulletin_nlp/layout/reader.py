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
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import regex

from bulletin_nlp.bulletin import Footer
from bulletin_nlp.diagnostics import UNCLOSED_SECTION, UNREAD_FOOTER, Diagnostic
from bulletin_nlp.layout import cues
from bulletin_nlp.layout.blocks import Paragraph, SectionLayout
from bulletin_nlp.layout.closing import ends_with_remark, find_closing, is_byline_line, is_closing_line, opening_sources
from bulletin_nlp.layout.ending import find_footer, find_page_form, find_signature_start, item_signature
from bulletin_nlp.layout.epaper import is_navigation_row
from bulletin_nlp.layout.footer import read_footer
from bulletin_nlp.layout.furniture import find_furniture
from bulletin_nlp.layout.headline import (
    is_spaced_headline_line,
    looks_like_headline_line,
    looks_like_phrased_headline_line,
    stands_alone,
)
from bulletin_nlp.layout.hints import LayoutHints
from bulletin_nlp.layout.items import build_sections, bullet_headline_line
from bulletin_nlp.layout.lines import (
    Line,
    fills_line_below,
    fills_width_indented,
    heading_marker_start,
    is_centred,
    split_lines,
    unbracket,
    wrap_width,
)
from bulletin_nlp.layout.masthead import MastheadFields
from bulletin_nlp.layout.masthead_block import read_masthead_block
from bulletin_nlp.layout.sitemeta import fill_from_front_matter, read_front_matter
from bulletin_nlp.layout.titles import (
    blank_lines_part_paragraphs,
    bold_heading,
    ends_sentence,
    is_article_title,
    is_plain_heading,
    labelled_heading,
    repeated_broken_title,
    wraps_headline,
)
from bulletin_nlp.text.offsets import MappedText

_MD_MARKER_RE = regex.compile(r"\*+|__+")  # emphasis markers, dropped from the view (a lone * too)
_NOT_PARAGRAPH_START = set("，。、；：）》”’」』,.;:)%")
_INDENT_WIDTH = {" ": 1, "\u00a0": 1, "\u3000": 2, "\t": 2}


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
    page_title = None
    for index, line in enumerate(lines[: front.end]):
        if index == front.banner:
            leftovers.append((line.start, line.end, "page furniture"))  # the site's name: no entity read
        elif line.kind != "blank":
            view_start = _add_aside(view, folded, line)
        if index == front.page_title:
            page_title = Paragraph(line.start, line.end, view_start, len(view), role="title",
                                   title=(view_start, len(view)))
    width = wrap_width(folded, lines)
    repeated = (repeated_broken_title(folded, lines, (page_title.start, page_title.end), front.end)
                if page_title else None)
    if repeated:
        body_start = repeated[0]
    else:
        body_start, shown = read_masthead_block(folded, lines, masthead, warnings, hints, front.end, width)
        for line in shown:
            _add_aside(view, folded, line)
        leftovers.extend((line.start, line.end, "page furniture") for line in lines[front.end : body_start]
                         if line.kind == "text" and is_navigation_row(folded[line.start : line.end]))
    fill_from_front_matter(folded, front, masthead)
    if page_title is not None and (masthead.title is not None or not is_article_title(
            folded, lines, (page_title.start, page_title.end), body_start)
            or any(line.kind != "blank" for line in lines[front.end : body_start])):
        page_title = None  # a bulletin's page, or its title repeated above the report
    page_end = find_furniture(folded, lines, body_start, len(lines))  # after the footer too (a phone post)
    footer_start = find_footer(folded, lines, body_start, page_end)
    footer_lines = [line for line in lines[footer_start:page_end] if line.kind not in ("blank", "rule", "page")]
    footer, unread = read_footer(
        *("\n".join(unbracket(*(_MD_MARKER_RE.sub("", text[line.start : line.end]) for text in (source, folded)))
                     for line in footer_lines) for source in (folded, original))
    )
    warnings.extend(Diagnostic(UNREAD_FOOTER, f"unrecognised footer text: {leftover!r}") for leftover in unread)
    if footer.issuer is None and masthead.issuer is not None:  # 签发人 printed in the header
        footer = replace(footer, issuer="".join(original[slice(*masthead.issuer)].split()))
    last_furniture = find_furniture(folded, lines, body_start, footer_start)  # after a form too
    form = find_page_form(folded, lines, body_start, last_furniture)
    furniture = find_furniture(folded, lines, body_start, form)
    signature = find_signature_start(folded, lines, body_start, furniture, masthead)
    if masthead.issue is None:
        masthead.issue = masthead.issue_total  # only the cumulative number is printed
    title = folded[slice(*masthead.title)] if masthead.title else ""
    sections = _read_body(folded, lines[body_start:signature], view, warnings, leftovers, title, hints, width,
                          page_title, repeated[1] - body_start if repeated else None)
    for line in lines[signature:furniture]:
        if line.kind != "blank":
            _add_aside(view, folded, line)
    for line in lines[form:last_furniture]:
        if line.kind != "blank":
            _add_aside(view, folded, line)
    leftovers.extend((line.start, line.end, "page furniture") for line in [*lines[furniture:form],
                     *lines[last_furniture:footer_start], *lines[page_end:]] if line.kind not in ("blank", "rule"))
    return Layout(view, masthead, sections, footer, warnings, leftovers, hints)


def _add_aside(view: MappedText, folded: str, line: Line) -> int:
    """Add a line to the view (so names in it are found) outside any paragraph; return where
    it starts in the view."""
    if len(view):
        view.add_separator()
    view_start = len(view)
    _add_without_markers(view, folded, line.start, line.end)
    return view_start


def _read_body(folded: str, lines: list[Line], view: MappedText, warnings: list[Diagnostic],
               leftovers: list[tuple[int, int, str]], title: str, hints: LayoutHints,
               width: int | None = None, page_title: Paragraph | None = None,
               title_end: int | None = None) -> list[SectionLayout]:
    """Sections and items of the body lines; ``title`` (the masthead's) spots running headers,
    ``width`` (the page's line width of a hard-wrapped text) headlines wrapped over two lines;
    ``page_title`` (a one-report web page's title above its metadata) opens the first item;
    ``lines[title_end]`` ends that title repeated in two lines (joined as one headline).

    Lines that are neither items nor headings (a table of contents, 附件 lines, an 编者按 or
    领导批示 box) go into the view, so their names are found, but into no item; a box between
    reports is also listed in ``leftovers`` (reason ``note``), so that no body text is lost silently.
    """
    blocks: list[SectionLayout | Paragraph] = [page_title] if page_title else []
    paragraph: Paragraph | None = None
    parted: list[bool] = []

    def blank_parted() -> bool:  # read where a blank line asks, once (functools.cache: ~2.5 µs a call to set up)
        if not parted:
            parted.append(blank_lines_part_paragraphs(folded, lines))
        return parted[0]

    in_toc = in_attachment = False
    toc_entries, signature_end = 0, -1

    for index, line in enumerate(lines):
        kind = line.kind
        text = folded[line.start : line.end]
        if index <= signature_end:
            continue  # the date line of a report's signature
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
        if kind == "text" and paragraph is not None and ends_sentence(folded, paragraph.end) and (
                signed := item_signature(folded, lines, index, view)):
            paragraph, signature_end = None, signed[1]  # 县民政局 / 2024年1月5日 closes the report
            blocks.append(signed[0])
            continue
        plain = kind == "text" and is_plain_heading(folded, lines, index, paragraph)
        if plain:
            kind, line = "section", Line(line.start, line.end, "section", (line.start, line.end))
        elif kind == "text" and (heading := bold_heading(folded, lines, index)):
            kind, line = "section", Line(heading[0], line.end, "section", heading)  # **工作动态** over ■ reports
        elif kind == "text" and (heading := labelled_heading(folded, line)):
            kind, line = "section", Line(line.start, line.end, "section", heading)  # ▍栏目：重点项目
        if kind == "rule":
            paragraph = None if paragraph is None or ends_sentence(folded, paragraph.end) else paragraph
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
            blocks.append(SectionLayout((title_view, len(view)), line.start, line.end, plain=plain))
            continue
        wrapped = paragraph is not None and paragraph.single_line and (index == title_end or wraps_headline(
            folded, lines, index, (paragraph.start, paragraph.end), width))
        if paragraph is not None and not wrapped and _spaced_headline_over(folded, blocks, paragraph, line, width,
                                                                           blank_parted):
            paragraph.spaced_headline = True  # 做强“白莲+”产业链 带动群众稳定增收 / ——驿前镇…
        elif paragraph is not None and (wrapped or _continues(folded, paragraph, line, hints, _under_headline(
                folded, blocks, paragraph) or _cut_by_wrap(folded, lines, index, paragraph, width))):
            paragraph.single_line = False
            _add_without_markers(view, folded, line.start, line.end)
            paragraph.end, paragraph.view_end = line.end, len(view)
            paragraph = None if wrapped else paragraph  # a whole headline: the body opens a paragraph
            continue
        if len(view):
            view.add_separator()
        view_start = len(view)
        bold = _add_without_markers(view, folded, line.start, line.end)
        if bold is None and (hinted := _hinted_bold(folded, line, hints)):
            bold = (view_start + hinted[0] - line.start, view_start + hinted[1] - line.start)
        paragraph = Paragraph(line.start, line.end, view_start, len(view), bold,
                              indented=_is_indented(view.original, line.start))
        if kind == "enum" and (numbered := cues.enum_title(_MD_MARKER_RE.sub("", text))):
            paragraph.role, paragraph.level = "enum", numbered[2]
            paragraph.title = (view_start + numbered[0], view_start + numbered[1])
        elif cues.opens_note(text) or ((cues.is_signature(text) or cues.opens_instruction(text)
                                        or cues.is_endnote(text)) and _last_is_note(blocks, paragraph)):
            paragraph.role = "note"
        elif (bullet := cues.bullet_length(text)) and not is_byline_line(text):  # □通讯员 杨帆 报道
            paragraph.role, paragraph.bullet = "bullet", bullet
        elif _under_note_label(folded, blocks):
            paragraph.role = "note"  # 【领导批示】 / 卢峰镇的做法务实管用，请…推广。
        blocks.append(paragraph)
    sections = build_sections(view.text, blocks, minutes="会议纪要" in title, titled=bool(title))
    _open_at_heading_markers(folded, sections)
    _take_opening_sources(view.text, sections)
    starts = [item.start for section in sections for item in section.items]
    leftovers.extend((block.start, block.end, "note") for block in blocks  # a box between reports
                     if isinstance(block, Paragraph) and block.role == "note" and starts and block.start > starts[0])
    return sections


def _open_at_heading_markers(folded: str, sections: list[SectionLayout]) -> None:
    """Start items whose line is a Markdown heading (``### 标题``) at its ``#``, as a bold
    headline's item starts at its ``**``; an item headed by its section's 【】 title keeps the
    title's start (the ``##`` stays outside), and an untitled section starts with its first item."""
    for section in sections:
        for item in section.items:
            if section.title is not None and item.headline == section.title:
                continue
            marked = heading_marker_start(folded, item.start)
            if section.title is None and section.start == item.start:
                section.start = marked
            item.start = marked


def _take_opening_sources(text: str, sections: list[SectionLayout]) -> None:
    """Give a report without a closing source the bodies it names before its first sentence
    (``（县民政局）今年以来，…``, ``【高沟镇】今年以来，…``); its body starts after them."""
    for item in (item for section in sections for item in section.items if not item.sources):
        body = item.body
        if body and (opening := opening_sources(text, body[0])):
            item.body, item.sources = (opening[0], body[1]), opening[1]


def _under_note_label(folded: str, blocks: list[SectionLayout | Paragraph]) -> bool:
    """Whether the paragraph about to be added is the first under a note's label alone on its
    line (【领导批示】, 编者按：): it is the note's text, whatever it opens with."""
    previous = blocks[-1] if blocks else None
    return (isinstance(previous, Paragraph) and previous.role == "note" and previous.single_line
            and cues.is_note_label(folded[previous.start : previous.end]))


def _last_is_note(blocks: list[SectionLayout | Paragraph], paragraph: Paragraph) -> bool:
    previous = next((block for block in reversed(blocks) if block is not paragraph), None)
    return isinstance(previous, Paragraph) and previous.role == "note"


def _is_indented(original: str, start: int) -> bool:
    """Whether the line whose content starts at ``start`` is indented: by two spaces or more,
    a full-width space (the width of a character) or a tab."""
    width, position = 0, start
    while position > 0 and original[position - 1] in _INDENT_WIDTH and width < 2:
        position -= 1
        width += _INDENT_WIDTH[original[position]]
    return width >= 2


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


def _under_headline(folded: str, blocks: list[SectionLayout | Paragraph], paragraph: Paragraph) -> bool:
    """Whether ``paragraph`` is the first under a headline line (a numbered title, or a line
    that looks like a headline): a report's body, which a hard wrap may have cut short."""
    if len(blocks) < 2 or blocks[-1] is not paragraph or not isinstance(previous := blocks[-2], Paragraph):
        return False
    return previous.role == "enum" or (previous.role != "note" and previous.single_line
                                       and looks_like_headline_line(folded[previous.start : previous.end]))


def _spaced_headline_over(folded: str, blocks: list[SectionLayout | Paragraph], paragraph: Paragraph, line: Line,
                          width: int | None, blank_parted: Callable[[], bool]) -> bool:
    """Whether ``paragraph`` is one line of two phrases parted by a space (no bold, no sentence
    punctuation) standing alone over its body: it is centred, or ``line`` under it is a subtitle
    (——…) or an indented paragraph. The whole line is then one headline, not a headline and its
    body's first words.
    So is a line of two phrases parted by a comma (聚焦群众急难愁盼，县信访局推行…) that
    ``line`` follows with no sign of a cut (no page number or page width; no blank line, unless
    ``blank_parted()``: the text spaces all its paragraphs so) and that is not the first line under
    a headline (今年以来，县人力资源和社 / 会保障局… is a body's)."""
    if not paragraph.single_line or paragraph.bold is not None:
        return False
    text = folded[paragraph.start : paragraph.end]
    if is_spaced_headline_line(text) and (is_centred(folded, paragraph.start) or cues.is_subtitle(
            folded[line.start : line.end]) or _is_indented(folded, line.start)):
        return True
    return (folded[line.start] not in _NOT_PARAGRAPH_START and looks_like_phrased_headline_line(text)
            and stands_alone(folded, paragraph.end, line.start, width, blank_parted)
            and not _under_headline(folded, blocks, paragraph))


def _cut_by_wrap(folded: str, lines: list[Line], index: int, paragraph: Paragraph, width: int | None) -> bool:
    """Whether ``paragraph`` is an indented first line that a hard wrap cut at the page's width
    (or short of it, as wide as the wrapped line under it) and ``lines[index]``, not indented,
    goes on with it (县农牧局以必斯营子镇、一 / 肯中乡为重点…)."""
    return (paragraph.single_line and paragraph.indented and not _is_indented(folded, lines[index].start)
            and (fills_width_indented(folded, Line(paragraph.start, paragraph.end, "text"), width)
                 or (lines[index - 1].start == paragraph.start and fills_line_below(folded, lines, index - 1, width))))


def _continues(folded: str, paragraph: Paragraph, line: Line, hints: LayoutHints, under_headline: bool) -> bool:
    """Whether ``line`` continues ``paragraph`` across a line break (page break, hard wrap); a
    short first line under a headline (县人力资源和社 / 会保障局…) or an indented one that fills the
    page's width (``under_headline`` either way) is the body's, cut by a wrap."""
    text = folded[line.start : line.end]
    if paragraph.role == "enum" or cues.bullet_length(text) or cues.opens_note(text):
        return False
    if line.kind == "enum" and not cues.continues_number_list(folded[paragraph.start : paragraph.end], text):
        return False  # a numbered title line: 二、古城街道推进传统民居保护修缮
    if text[0] in _NOT_PARAGRAPH_START:
        return True
    if paragraph.single_line and not paragraph.indented and _is_indented(folded, line.start):
        return False  # an indented line under one that is not opens a paragraph (a headline over its body)
    if (ends_sentence(folded, paragraph.end) or ends_with_remark(folded, paragraph.start, paragraph.end)
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
    return ((under_headline and not cues.is_subtitle(before))  # ——副标题 stays a line of its own
            or not (paragraph.single_line and looks_like_headline_line(before))
            or cues.continues_broken_line(before, text))
