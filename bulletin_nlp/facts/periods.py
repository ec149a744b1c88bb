"""Periods: the DATE that scopes a figure.

The last DATE before the figure in its sentence; else, for a sentence opening with 其中, the
previous sentence's; else — unless the sentence opens with a one-event word (此次) — the last
earlier ``…以来`` DATE of the item, whose scope runs to the item's end. A DATE scopes only its
sentence otherwise (截至目前，…。). Datelines (``6月30日讯``), DATEs inside a 《title》 and
headline DATEs never scope body figures.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from bulletin_nlp.facts.clauses import SENTENCE_BREAKS, Breaks, skip_space
from bulletin_nlp.facts.lexicon import FactWords, WordSet

_TITLE_REACH = 60  # characters looked back for an open 《


def _in_title(text: str, floor: int, pos: int) -> bool:
    """Whether ``pos`` lies inside a 《title》 (its DATE names the document, not a period)."""
    low = max(floor, pos - _TITLE_REACH)
    return text.rfind("《", low, pos) > text.rfind("》", low, pos)


class PeriodFinder:
    """Periods for the figures of one region (a headline or a body)."""

    def __init__(
        self, text: str, start: int, end: int, dates: Sequence[tuple[int, int, int]], words: FactWords
    ) -> None:
        """``dates``: ``(start, end, entity index)`` of the region's DATEs, in order."""
        self.text = text
        self.words = words
        self.sentences = Breaks(text, start, end, SENTENCE_BREAKS)
        self.dates = [(date_start, date_end, index) for date_start, date_end, index in dates
                      if not text.startswith("讯", skip_space(text, date_end, end))
                      and not _in_title(text, start, date_start)]
        self.ends = [date_end for _, date_end, _ in self.dates]
        # a …以来 that modifies a noun (对2023年以来的87件信访积案) carries nothing further
        self.since = [(date_start, date_end, index) for date_start, date_end, index in self.dates
                      if text[date_start:date_end].endswith("以来") and not text.startswith("的", date_end)]
        self.since_ends = [date_end for _, date_end, _ in self.since]

    def _last_before(self, pos: int, floor: int) -> int | None:
        ended = bisect_right(self.ends, pos)  # the DATEs that end by pos
        if ended and self.dates[ended - 1][0] >= floor:
            return self.dates[ended - 1][2]
        return None

    def _carried(self, sentence: int) -> int | None:
        ended = bisect_right(self.since_ends, sentence)  # the …以来 DATEs that end by the sentence
        return self.since[ended - 1][2] if ended else None

    def _opens_with(self, sentence: int, words: WordSet) -> bool:
        first = skip_space(self.text, sentence, self.sentences.end)
        return bool(words.prefix(self.text, first, self.sentences.end))

    def period(self, pos: int, carry: bool = True) -> int | None:
        """Entity index of the DATE scoping a figure starting at ``pos``; None if none does."""
        sentence = self.sentences.opening(pos)
        own = self._last_before(pos, sentence)
        if own is not None or not carry:
            return own
        if self._opens_with(sentence, self.words.breakdown) and sentence > self.sentences.start:
            previous = self.sentences.opening(sentence - 1)
            found = self._last_before(sentence - 1, previous)
            return found if found is not None else self._carried(previous)
        if self._opens_with(sentence, self.words.events):
            return None
        return self._carried(sentence)
