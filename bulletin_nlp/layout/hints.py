"""What a document's formatting says about its layout, for :func:`~bulletin_nlp.layout.parse_layout`.

Text converted from a PDF or Word file loses its formatting; the readers in
:mod:`bulletin_nlp.readers` keep the two cues the layout can use, as spans of the text:
bold runs that open a line (a headline glued to its body, a heading) and the line set in the
largest font at the top (the title); and masthead words a web page keeps outside its article.
"""

from __future__ import annotations

from dataclasses import dataclass


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

    def bold_at(self, start: int, end: int) -> tuple[int, int] | None:
        """The bold span that opens the line ``start``-``end``, clipped to it, if any."""
        from bisect import bisect_left

        index = bisect_left(self.bold, (start, -1))
        if index < len(self.bold) and self.bold[index][0] == start and self.bold[index][1] > start:
            return start, min(end, self.bold[index][1])
        return None
