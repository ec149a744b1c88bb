"""The blocks the layout reader builds: paragraphs, items and sections.

Spans named ``view_*``, ``headline``, ``body``, ``sources`` and a section's ``title`` index the
view (:class:`~bulletin_nlp.text.offsets.MappedText`); ``start``/``end`` index the original text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bulletin_nlp.layout.closing import Closing
from bulletin_nlp.layout.headline import HeadlineSplit


@dataclass
class Paragraph:
    """Consecutive text lines forming one paragraph; ``view_*`` index the view.

    ``role``: ``plain``; ``bullet`` (opens with ``◆``…, ``bullet`` characters long); ``enum``
    (a numbered title line, ``title`` its title span in the view), resolved by the reader into
    ``title`` (opens an item), ``part`` (a part of the open item) or ``section`` (a heading);
    ``entry`` (a dated entry of a digest, an item without headline: :mod:`~bulletin_nlp.layout.entries`);
    ``note`` (an 编者按 or 领导批示 box) and ``attachment`` (附件 lines) open no item.
    """

    start: int
    end: int
    view_start: int
    view_end: int
    bold: tuple[int, int] | None = None  # a **bold** span opening the paragraph, in view offsets
    single_line: bool = True
    role: str = "plain"
    bullet: int = 0
    title: tuple[int, int] | None = None
    level: int = 0  # of a numbered title line: 一、 1, （一） 2, 1. 3, （1） 4
    indented: bool = False  # its first line is indented
    spaced_headline: bool = False  # one line, two phrases parted by a space, alone over its body: a headline
    closing: Closing | None = None  # what closes it (find_closing), read once by build_sections
    split: HeadlineSplit | None = field(default=None, repr=False)  # its headline split, found once


@dataclass
class ItemLayout:
    start: int
    end: int
    headline: tuple[int, int] | None = None
    body: tuple[int, int] | None = None
    sources: list[tuple[int, int]] = field(default_factory=list)
    closed: bool = False
    keeps_body: bool = False  # opened by a bullet or a numbered title, or took in numbered parts
    notice: bool = False  # announced parts (…通报如下：) or took them in: one notice, 附件 included
    mark: str = ""  # what marked its headline: line, number (一、…), bold, space or glued (the model)
    bullet: str = ""  # the bullet that opened it (◆), if one did


@dataclass
class SectionLayout:
    title: tuple[int, int] | None
    start: int
    end: int
    items: list[ItemLayout] = field(default_factory=list)
    plain: bool = False  # its heading is a short line alone, without 【】, bold or a number
