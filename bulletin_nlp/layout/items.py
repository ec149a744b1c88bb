"""Group a section's paragraphs into items.

An item closes with its closing (a source bracket, a byline or a ``来源：`` line, see
:mod:`bulletin_nlp.layout.closing`); a new paragraph opens a new item when the previous one is
closed, when it opens with a headline, when it opens with a bullet (``◆ ● ■ ★``) or when it is a
numbered title line (``一、…``). Inside an item opened by a bullet or a numbered title, or one
that has taken in numbered parts (a notice, a single-topic report), further paragraphs stay in
the item until it closes: they are its body, whatever their first words look like. A bullet is
a point of the open item when a bullet of another kind opened it, or (no bullet opened it) when
it announced its points (其中：) or took in numbered parts.
"""

from __future__ import annotations

from bulletin_nlp.layout.blocks import ItemLayout, Paragraph, SectionLayout
from bulletin_nlp.layout.closing import Closing, find_closing, is_byline_line, is_head_byline, opens_with_tag
from bulletin_nlp.layout.cues import circled_number_length, opens_with_dateline, opens_with_sub_number
from bulletin_nlp.layout.entries import mark_dated_entries
from bulletin_nlp.layout.headline import (
    HEADLINE_LINE_MAX,
    MIN_HEADLINE,
    HeadlineSplit,
    find_headline,
    looks_like_exclaimed_headline_line,
    looks_like_headline_line,
)
from bulletin_nlp.layout.numbering import resolve_enumerations
from bulletin_nlp.layout.subtitles import join_subtitled_report
from bulletin_nlp.text.chars import SENTENCE_END

_HEADLINE_END = set(SENTENCE_END)
_INNER_STOPS = set("，。；,;")
_GLUED_BODY_MIN = 16  # the shortest body a glued headline opens: a report, not a sentence's end


def bullet_headline_line(text: str) -> bool:
    """A bullet's line that is a headline: short, one clause, no sentence end. Unlike a plain
    headline line it may hold a colon (县林草局：提前进入防火期) and end with a quote."""
    text = text.strip()
    return (MIN_HEADLINE <= len(text) <= HEADLINE_LINE_MAX and text[-1] not in _HEADLINE_END
            and not any(c in _INNER_STOPS for c in text))


def build_sections(text: str, blocks: list[SectionLayout | Paragraph], minutes: bool = False,
                   titled: bool = True) -> list[SectionLayout]:
    """Sections with their items, from headings and paragraphs in reading order; ``minutes``:
    the document is meeting minutes (会议纪要), whose numbered decisions are items; ``titled``: it
    has a bulletin's title (without one, headings may be subtitles of one report)."""
    for block in blocks:
        if isinstance(block, Paragraph) and block.closing is None:  # a signature's is known
            block.closing = find_closing(text, block.view_start, block.view_end)
    mark_dated_entries(text, blocks)
    resolve_enumerations(text, blocks, minutes)
    sections: list[SectionLayout] = []
    section: SectionLayout | None = None
    pending: list[Paragraph] = []
    groups: list[tuple[SectionLayout, list[Paragraph]]] = []

    def flush() -> None:
        nonlocal section, pending
        if not pending:
            return
        if section is None:
            section = SectionLayout(None, pending[0].start, pending[0].start)
            sections.append(section)
        groups.append((section, pending))
        pending = []

    for block in blocks:
        if isinstance(block, Paragraph) and block.role == "section":  # titled without its number (一、)
            block = SectionLayout(block.title or (block.view_start, block.view_end), block.start, block.end)
        if isinstance(block, SectionLayout):
            flush()
            section = block
            sections.append(section)
        elif block.role != "note":
            pending.append(block)
    flush()
    for group_section, paragraphs in groups:
        group_items(text, group_section, paragraphs)
    sections = _demote_report_titles(_demote_plain_headings(sections))
    return sections if titled else join_subtitled_report(sections)


def _demote_plain_headings(sections: list[SectionLayout]) -> list[SectionLayout]:
    """A short line alone (春耕备耕, 河长制) is a section heading when a section it opens holds two
    items or more that no headline line opens (its items are reports alike); otherwise it is
    the headline of the one report under it, whose own headline is none or glued (what the
    model found is then the report's first words) and whose closing ends it. Demoted headings
    join their item to the section before (or to an untitled one)."""
    plain = [section for section in sections if section.plain]
    if not plain or any(_is_report_section(section) for section in plain):
        return sections
    kept: list[SectionLayout] = []
    for section in sections:
        if not section.plain:
            kept.append(section)
            continue
        first = section.items[0]
        if first.mark == "glued":
            assert first.headline is not None and first.body is not None
            first.body = (first.headline[0], first.body[1])
        first.headline, first.mark, first.start = section.title, "line", section.start
        if not kept:
            kept.append(SectionLayout(None, section.start, section.start))
        kept[-1].items.extend(section.items)
        kept[-1].end = max(kept[-1].end, section.end)
    return kept


def _demote_report_titles(sections: list[SectionLayout]) -> list[SectionLayout]:
    """Headings in brackets over one report each (【春风行动送岗到村】 / 县人社局…。（县人社局供稿）)
    are the reports' headlines, when every section of the bulletin, two or more, holds exactly one
    report with no headline of its own (at most one the model glued to its first words):
    the bulletin then has no sections. A section holding two reports, or one with a headline
    line or a spaced one (【全力拼经济】 over 县科工局加速技改 建立…), keeps them all sections.
    Untitled text before the first heading with no source nor headline in it (a repost's 转载自…
    line over an unrecognised masthead; not a one-report page's title and lead) does not count."""
    lead = sections[:1] if sections and sections[0].title is None and not any(
        item.closed or item.headline is not None for item in sections[0].items) else []
    titled = sections[len(lead):]
    if len(titled) < 2 or not all(section.title is not None and not section.plain and len(section.items) == 1
                                  and section.items[0].mark in ("", "glued")
                                  and (section.items[0].headline is None or section.items[0].mark == "glued")
                                  for section in titled):
        return sections
    merged = lead[0] if lead else SectionLayout(None, titled[0].start, titled[-1].end)
    merged.end = max(merged.end, titled[-1].end)
    for section in titled:
        (item,) = section.items
        if item.mark == "glued":
            assert item.headline is not None and item.body is not None
            item.body = (item.headline[0], item.body[1])
        item.headline, item.mark, item.start = section.title, "line", section.start
        merged.items.append(item)
    return [merged]


def _is_report_section(section: SectionLayout) -> bool:
    """Whether a plain heading's section is a section: it holds no item, two or more items
    without headline lines, an item with a headline of its own (a headline line, a numbered
    title line: 三、我县…), or one unclosed item under a heading too short for a headline
    (春耕备耕; 县民政局开展救助 over one report without a source is that report's headline)."""
    if not section.items:
        return True
    first, rest = section.items[0], section.items[1:]
    too_short = section.title is not None and section.title[1] - section.title[0] < MIN_HEADLINE
    return (first.mark not in ("", "glued") or (not first.closed and (bool(rest) or too_short))
            or any(item.mark != "line" for item in rest))


def group_items(text: str, section: SectionLayout, paragraphs: list[Paragraph]) -> None:
    """Group a section's paragraphs into items (see the module docstring); ``text`` is the view."""
    current: ItemLayout | None = section.items[-1] if section.items else None
    awaiting_body = False  # the current item is a headline line waiting for its body
    # with no closing anywhere in the section, indentation is what separates items
    by_indent = all(para.closing is None for para in paragraphs)
    for index, para in enumerate(paragraphs):
        if para.role == "attachment":
            if current is not None and current.notice and not current.closed:
                current.body = (current.body or (para.view_start,) * 2)[0], para.view_end
                current.end = para.end
            continue
        if current is not None and awaiting_body and is_head_byline(text[para.view_start : para.view_end]):
            current.end = para.end  # （通讯员 岩温香） under the headline: the report's, closing nothing
            continue
        if current is not None and is_byline_line(text[para.view_start : para.view_end]):
            current.end, current.closed = para.end, True  # 作者：孙立华 after the report (or its 来源 line)
            awaiting_body = False
            continue
        closing = para.closing
        if closing is not None and closing[0] == para.view_start and current is not None and not current.closed:
            _close(current, para, closing)  # a source bracket or line on its own
            awaiting_body = False
            continue
        if para.role == "part" and current is not None:
            current.keeps_body = current.notice = True
        elif para.role == "bullet" and _is_point(text, para, current):
            assert current is not None
            current.keeps_body = True
        elif para.role == "title" or para.role == "bullet" or _opens_item(
                text, paragraphs, index, current, awaiting_body, by_indent):
            current, awaiting_body = _open_item(text, paragraphs, index)
            section.items.append(current)
            if awaiting_body:
                continue
        elif current is not None and not current.bullet and opens_with_sub_number(
                text[para.view_start : para.view_end]):
            current.keeps_body = current.notice = True  # took in a numbered part: （一）资金统筹，…
        assert current is not None
        awaiting_body = False
        if current.body is None:
            current.body = (para.view_start, para.view_start)
        body_end = para.view_end if closing is None else closing[0]
        current.body = (current.body[0], max(current.body[0], _rstrip(text, body_end)))
        if closing is None and text[_rstrip(text, body_end) - 1] in "：:":
            current.keeps_body = current.notice = True  # 现将…通报如下：
        current.end = para.end
        if closing is not None:
            _close(current, para, closing)
    if by_indent and all(para.indented for para in paragraphs):
        _drop_stray_glued_headlines(section.items)
    for item in section.items:
        if item.body is None:  # a headline line that never got a body
            assert item.headline is not None
            item.body = (item.headline[1], item.headline[1])
    if section.items:
        section.end = max(section.end, section.items[-1].end)


def _opens_item(text: str, paragraphs: list[Paragraph], index: int, current: ItemLayout | None,
                awaiting_body: bool, by_indent: bool) -> bool:
    """Whether a plain paragraph opens a new item."""
    if awaiting_body:
        return False
    if current is None or current.closed:
        return True
    para = paragraphs[index]
    ptext = text[para.view_start : para.view_end]
    if opens_with_dateline(ptext) and current.body is not None and current.body[1] > current.body[0]:
        return True  # a dateline opens a report: 本刊讯 …
    if current.keeps_body or opens_with_sub_number(ptext):
        return False
    if para.role == "entry" or opens_with_tag(ptext):
        return True  # 5月9日，… after 5月7日，…, 【县残联】… after 【县发改委】…: one item per entry or brief
    if by_indent and para.indented and paragraphs[index - 1].indented and current.mark in ("", "glued"):
        return True  # 　　县民政局…。 / 　　县农业农村局…。: one item per indented paragraph
    signal = _split(text, para).signal
    if signal == "glued" and current.mark == "line":
        return False  # a layout that puts its headlines on lines of their own glues none to a body
    if signal != "none":
        return True
    return _headline_line_before_body(text, paragraphs, index)


def _is_point(text: str, para: Paragraph, current: ItemLayout | None) -> bool:
    """Whether a bulleted paragraph is a point of the open item, not an item of its own: a
    bullet of another kind (◆) opened the item, or no bullet did and the item announced its
    points (其中：) or took in numbered parts. A bullet like the item's own opens the next."""
    if current is None or current.closed:
        return False
    return current.bullet != text[para.view_start] if current.bullet else current.notice


def _drop_stray_glued_headlines(items: list[ItemLayout]) -> None:
    """Items opened by indentation alone share one layout: they have glued headlines when the
    model finds one in most of them, none when it finds one only in half or fewer (a sentence's
    subject, 县人大常委会组织…代表|对…, is then no headline)."""
    glued = [item for item in items if item.mark == "glued"]
    if 2 * len(glued) > len(items):
        return
    for item in glued:
        assert item.headline is not None and item.body is not None
        item.body, item.headline, item.mark = (item.headline[0], item.body[1]), None, ""


def _open_item(text: str, paragraphs: list[Paragraph], index: int) -> tuple[ItemLayout, bool]:
    """A new item opened by ``paragraphs[index]``; True when it is a headline awaiting its body."""
    para = paragraphs[index]
    start, end = para.view_start, para.view_end
    if para.role == "title":
        assert para.title is not None
        return ItemLayout(para.start, para.end, para.title, keeps_body=True, mark="number"), True
    if para.role == "bullet":
        content, bullet = start + para.bullet, text[start]
        if para.single_line and bullet_headline_line(text[content:end]) and _body_follows(text, paragraphs, index):
            return ItemLayout(para.start, para.end, (content, end), keeps_body=True, bullet=bullet), True
        split = find_headline(text[content:end], _relative(para.bold, content))
        item = ItemLayout(para.start, para.end, keeps_body=True, bullet=bullet)
        if split.signal in ("bold", "space") and split.headline is not None:
            item.headline = (content + split.headline[0], content + split.headline[1])
            item.body = (content + split.body_start,) * 2
        else:  # a bullet's paragraph without a marked headline is all body
            item.body = (content, content)
        return item, False
    if para.role == "entry" or opens_with_tag(text, start):  # a dated entry or a tagged brief has no headline
        return ItemLayout(para.start, para.end, body=(start, start)), False
    if _headline_line_before_body(text, paragraphs, index) or _exclaimed_headline_line(text, paragraphs, index):
        # ①我县…: the number is no part of it
        headline = (start + circled_number_length(text[start:end]), end)
        return ItemLayout(para.start, para.end, headline, mark="line"), True
    if opens_with_dateline(text[start:end]):  # a report opening with its dateline has no headline
        return ItemLayout(para.start, para.end, body=(start, start)), False
    split = _split(text, para)
    item = ItemLayout(para.start, para.end)
    if split.headline is not None:
        item.headline, item.mark = (start + split.headline[0], start + split.headline[1]), split.signal
    item.body = (start + split.body_start,) * 2
    return item, False


def _headline_split(text: str, para: Paragraph) -> HeadlineSplit:
    """:func:`find_headline` of the paragraph, found once and kept on it."""
    if para.split is None:
        para.split = find_headline(text[para.view_start : para.view_end], _relative(para.bold, para.view_start))
    return para.split


def _split(text: str, para: Paragraph) -> HeadlineSplit:
    """The headline split of a plain paragraph; a closing bracket alone is no headline, and
    neither is a glued one before a body too short to be a report (…阶段入学学生2.6万余名。: the
    end of a sentence broken off by a hard wrap)."""
    split = _headline_split(text, para)
    body_end = para.view_end if para.closing is None else para.closing[0]
    if para.view_start + split.body_start > body_end:
        return HeadlineSplit(None, 0, "none")
    if split.signal == "glued" and body_end - (para.view_start + split.body_start) < _GLUED_BODY_MIN:
        return HeadlineSplit(None, 0, "none")
    return split


def _relative(span: tuple[int, int] | None, origin: int) -> tuple[int, int] | None:
    return None if span is None else (span[0] - origin, span[1] - origin)


def _body_follows(text: str, paragraphs: list[Paragraph], index: int) -> bool:
    """Whether the paragraph after ``index`` (and after a byline under it) can be the body of a
    headline line."""
    index += 1
    while index < len(paragraphs) and is_head_byline(text[paragraphs[index].view_start : paragraphs[index].view_end]):
        index += 1  # （通讯员 岩温香）
    if index >= len(paragraphs):
        return False
    nxt = paragraphs[index]
    if nxt.role in ("bullet", "title", "section"):
        return False
    return nxt.closing is None or nxt.closing[0] > nxt.view_start


def _headline_line_before_body(text: str, paragraphs: list[Paragraph], index: int) -> bool:
    """Whether paragraph ``index`` is a headline on its own line, followed by its body."""
    para = paragraphs[index]
    if para.closing is not None:
        return False
    ptext = text[para.view_start : para.view_end]
    if looks_like_headline_line(ptext) or para.spaced_headline:
        return _body_follows(text, paragraphs, index)
    split = _headline_split(text, para)  # bold throughout: a headline line
    return split.signal == "bold" and split.body_start >= len(ptext.rstrip()) and index + 1 < len(paragraphs)


def _exclaimed_headline_line(text: str, paragraphs: list[Paragraph], index: int) -> bool:
    """Whether paragraph ``index``, opening an item, is a headline line ending with ``！`` (春耕正当时！)
    over its body. Only where an item opens anyway: inside an open item, or indented, such a line is
    the body's (a last sentence: 让群众真正受益！)."""
    para = paragraphs[index]
    return (para.closing is None and para.single_line and not para.indented
            and looks_like_exclaimed_headline_line(text[para.view_start : para.view_end])
            and _body_follows(text, paragraphs, index))


def _rstrip(text: str, end: int) -> int:
    while end > 0 and text[end - 1] in " \t\n":
        end -= 1
    return end


def _close(item: ItemLayout, para: Paragraph, closing: Closing) -> None:
    item.sources = list(closing[2])
    item.end = para.end
    item.closed = True
