"""What each numbered title line of a bulletin is: a section heading, an item's title line or
a part of an item (the reader's ``enum`` paragraphs, resolved before items are grouped).

Numbers of one level mean one thing in a bulletin: where one heads a section (一、重点工作 over two
closed （一）… reports), another of its level over a single deeper number and the one closed report
under it heads a section too (二、乡镇动态 / （一）… / …（龙泉关镇）).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from bulletin_nlp.layout.blocks import Paragraph, SectionLayout
from bulletin_nlp.layout.entries import heads_dated_entries
from bulletin_nlp.layout.headline import find_headline, looks_like_headline_line
from bulletin_nlp.layout.minutes import announces_decisions, opens_attendance


def resolve_enumerations(text: str, blocks: Sequence[SectionLayout | Paragraph], minutes: bool = False) -> None:
    """Decide what each numbered title line (role ``enum``) is.

    Inside an item opened by anything else and not yet closed (a notice after its preamble, a
    report after its lead paragraph) it is a ``part`` of that item, except in meeting minutes
    (``minutes``: a 会议纪要 title) or after a preamble that announces them (现将会议议定事项纪要如下：),
    whose decisions (一、关于…) are items of their own. Otherwise it heads a
    ``section`` when dated entries follow it (:mod:`~bulletin_nlp.layout.entries`; a dated entry
    is an item that takes no parts) or two or more closed items (source brackets) follow before
    the next heading or number of its level (一、重点工作 over closed （一）… reports), and is the
    ``title`` line of an item of its own when not (a bulleted paragraph counts as an item too).
    The preamble of minutes and their attendance block (出席：…) become notes: they belong to no
    decision. Last, numbers alike of a level that heads sections head sections (the module docstring).
    """
    opener: int | None = None  # the item still open: None, 0 (opened by text) or its title's level
    for index, block in enumerate(blocks):
        if isinstance(block, Paragraph) and block.role == "plain" and _minutes_matter(text, block, minutes):
            block.role, opener, minutes = "note", None, True  # the decisions after it are items
            continue
        if isinstance(block, SectionLayout):
            opener = None
        elif block.role == "enum":
            if opener is not None and (opener == 0 or block.level > opener):
                block.role = "part"
            elif heads_dated_entries(blocks, index) or _closings_before(text, blocks, index, block.level) >= 2:
                block.role, opener = "section", None  # over 5月6日，… entries, or over closed reports
            else:
                block.role, opener = "title", block.level
        elif block.role not in ("note", "attachment"):
            if block.closing is not None:
                opener = None
            elif block.role == "bullet":
                opener = 1  # like an 一、 title: deeper numbers are its parts, a 一、 line is not
            elif opener is None and not minutes and block.role != "entry":
                opener = 0
    _sections_alike(text, blocks)


def _minutes_matter(text: str, paragraph: Paragraph, minutes: bool) -> bool:
    """Whether a paragraph is the preamble that announces the decisions of minutes, or (in
    minutes) their attendance block."""
    words = text[paragraph.view_start : paragraph.view_end]
    return announces_decisions(words) or (minutes and opens_attendance(words))


def _closings_before(text: str, blocks: Sequence[SectionLayout | Paragraph], index: int, level: int) -> int:
    """Closed items after ``blocks[index]`` up to a heading or a number of ``level`` or higher."""
    return sum(1 for block in _under(blocks, index, level)  # a paragraph that opens or closes an item
               if block.role == "bullet" or (block.role != "note" and block.closing is not None))


def _under(blocks: Sequence[SectionLayout | Paragraph], index: int, level: int) -> Iterator[Paragraph]:
    """The paragraphs after ``blocks[index]`` up to a heading or a number of ``level`` or higher
    (deeper numbers among them: its items' titles or its parts)."""
    for position in range(index + 1, len(blocks)):  # no slice: a copy per line would be quadratic
        block = blocks[position]
        if isinstance(block, SectionLayout) or 0 < block.level <= level:
            return
        yield block


def _sections_alike(text: str, blocks: Sequence[SectionLayout | Paragraph]) -> None:
    """A number's title line of a level that heads sections elsewhere in the bulletin heads a
    section too when the one closed report under it has a title or headline of its own: one
    deeper number (二、乡镇动态 / （一）龙泉关镇… / …（龙泉关镇） after 一、重点工作 over two
    reports), or a headline line or a headline set off by a space opening its first paragraph."""
    levels = {block.level for block in blocks if isinstance(block, Paragraph) and block.role == "section"}
    for index, block in enumerate(blocks[:-1]):
        if not (isinstance(block, Paragraph) and block.role == "title" and block.level in levels):
            continue
        following = blocks[index + 1]
        if not (isinstance(following, Paragraph) and _closings_before(text, blocks, index, block.level) == 1):
            continue
        if (following.role == "part" and following.level > block.level
                and sum(1 for under in _under(blocks, index, block.level) if under.level) == 1):
            block.role, following.role = "section", "title"
        elif following.role == "plain" and _opens_with_headline(text, following):
            block.role = "section"  # 二、民生保障 / “春风行动”助力…就业　县人社局… / （县人社局）


def _opens_with_headline(text: str, paragraph: Paragraph) -> bool:
    """Whether a paragraph opens with a headline of its own: it is a headline line, or its first
    line sets one off by a space or bold (“春风行动”助力群众家门口就业　县人社局联合…)."""
    words = text[paragraph.view_start : paragraph.view_end]
    first_line = words.split("\n", 1)[0]
    return looks_like_headline_line(words) or find_headline(first_line).signal in ("space", "bold")
