"""Dated entries: a run of paragraphs that each open with their date, one item each.

Weekly digests (政务要情, 工作动态, 大事记) list the week's events as paragraphs with no headline
and often no source, each opened by its date (``5月6日，县政府召开…``). Where every paragraph of a
run between headings opens so (two or more; a source bracket alone on a line may close one), each
paragraph is an item of its own (role ``entry``), and a numbered line over such a run
(``一、重要会议活动``) is a section heading, not the title of one report. A report whose
paragraphs open with dates under its own headline is not such a run: its headline line opens it
without a date. Inside a notice's numbered parts (an item still open that takes parts), dated
paragraphs stay the notice's.

Briefs tagged by their reporting unit (``【高沟镇】今年以来，…``, the unit in 【】 glued to the
body) are entries alike: a run whose every paragraph opens with its tag is one item per brief.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from bulletin_nlp.layout.blocks import Paragraph, SectionLayout
from bulletin_nlp.layout.closing import opens_with_tag

_CN_DAY = "[一二三四五六七八九十]{1,3}"
_DAY = rf"(?:\d{{1,2}}|{_CN_DAY})"
# 5月6日，  2024年5月6日，  5月6日至8日，  5月6日—8日，  5月6日上午，  五月六日，  5月6日 县…
_DATE_OPENING_RE = regex.compile(
    rf"[ \t]*+(?:(?:\d{{4}}|[〇零一二三四五六七八九]{{4}})年)?+{_DAY}月{_DAY}日"
    rf"(?:[至—–\-~～]{_DAY}日)?+(?:上午|下午|晚上|晚间|晚|凌晨|中午)?+[，,、 \t]"
)
_ENTRY_MIN = 2  # a run of fewer dated paragraphs is no list of entries


def opens_with_date(text: str) -> bool:
    """Whether a paragraph opens with its date followed by a comma or a space: ``5月6日，…``."""
    return _DATE_OPENING_RE.match(text) is not None


def mark_dated_entries(text: str, blocks: Sequence[SectionLayout | Paragraph]) -> None:
    """Give the role ``entry`` to the paragraphs of each run of dated or tagged entries in ``blocks``
    (``text``: the view; closings already found). A run lies between headings (a section, a
    numbered line, a page title); notes and attachments are passed over."""
    run: list[Paragraph] = []
    for block in [*blocks, None]:
        if block is not None and _in_run(block):
            assert isinstance(block, Paragraph)
            if block.role == "plain":
                run.append(block)
            continue
        for opens in (opens_with_date, opens_with_tag):
            entries = [para for para in run if opens(text[para.view_start : para.view_end])]
            if len(entries) >= _ENTRY_MIN and len(entries) + sum(map(_closing_alone, run)) == len(run):
                for para in entries:
                    para.role = "entry"
        run = []


def heads_dated_entries(blocks: Sequence[SectionLayout | Paragraph], index: int) -> bool:
    """Whether the numbered line ``blocks[index]`` is followed by dated entries up to the next
    heading (:func:`mark_dated_entries` has marked them)."""
    for position in range(index + 1, len(blocks)):  # no slice: a copy per numbered line would be quadratic
        block = blocks[position]
        if not _in_run(block):
            return False
        assert isinstance(block, Paragraph)
        if block.role == "entry":
            return True
    return False


def _in_run(block: SectionLayout | Paragraph) -> bool:
    """Whether ``block`` goes on a run of paragraphs (a heading or a numbered line ends it)."""
    return isinstance(block, Paragraph) and block.role in ("plain", "entry", "note", "attachment")


def _closing_alone(para: Paragraph) -> bool:
    """A source bracket or line on its own: it closes the entry before it."""
    return para.closing is not None and para.closing[0] == para.view_start
