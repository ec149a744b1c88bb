"""What a document's formatting says about its layout, for :func:`~bulletin_nlp.layout.parse_layout`.

Text converted from a PDF or Word file loses its formatting; the readers in
:mod:`bulletin_nlp.readers` keep the two cues the layout can use, as spans of the text:
bold runs that open a line (a headline glued to its body, a heading) and the line set in the
largest font at the top (the title); and masthead words a web page keeps outside its article.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from bulletin_nlp.layout.headline import MIN_HEADLINE


@dataclass(frozen=True)
class LayoutHints:
    """Spans (``start``, ``end``) of the text given to ``parse_layout``.

    ``bold``: bold text opening a line, sorted by start; ``title``: the masthead title line.
    ``masthead``: masthead words found outside the text (a web page's 发布机构 and 标题), which
    name the county when the text itself does not.
    """

    bold: tuple[tuple[int, int], ...] = ()
    title: tuple[int, int] | None = None
    masthead: str = ""

    def bold_opening(self, start: int, end: int) -> tuple[int, int] | None:
        """The bold span that opens the line ``start``-``end``, clipped to it: a headline or a
        heading. A short bold name opening a sentence (江口街道…) is emphasis and gives None."""
        index = bisect_left(self.bold, (start, -1))
        if index == len(self.bold) or self.bold[index][0] != start or self.bold[index][1] <= start:
            return None
        span_end = min(end, self.bold[index][1])
        return None if span_end - start < MIN_HEADLINE and span_end < end else (start, span_end)
