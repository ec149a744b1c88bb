"""Indicators: the words of a figure's clause that name what it counts.

The clause runs back from the figure to the previous clause break (，、；。： brackets), figure,
DATE, body or county word; names joined by 、 that share the figure are taken together
(``铁锹、编织袋 500 余件``). Totals, time words, connectors and prepositions are dropped from
its ends. Then, in this order:

1. a comparison at the end is dropped (``抽检不合格率较去年同期下降`` → ``抽检不合格率``);
2. the words after the last verb of ``[verbs]`` (``采购棉被`` → ``棉被``), or, when that verb
   ends the clause, the words after the verb before it (``完成投资`` → ``投资``);
3. the noun phrase before a final verb (``一般公共预算收入完成``);
4. the words after the figure (``400余名环卫工人``), also preferred when the clause ends with
   的/等 (``查出的 156 个问题``) or holds only the previous figure's words;
5. the verb phrase (``已整改`` → ``整改``), or the previous figure's indicator for a figure
   that repeats it (``组建队伍 19 支、1400 余人``).

Words count only on the segmenter's word boundaries, and a verb right before a word of
``[noun_heads]`` is part of a noun (``参保率``; a longer head only where the phrase ends:
``种植面积`` but ``实现项目年产值``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from bulletin_nlp.facts.clauses import CLAUSE_BREAKS, Breaks, skip_space, trim
from bulletin_nlp.facts.lexicon import FactWords, WordSet

Span = tuple[int, int]
_MAX_BEFORE = 40  # characters of a clause read before a figure
_MAX_AFTER = 20  # characters read after it
_MAX_SERIES = 6  # names joined by 、 taken together
_MARKERS = ("的", "等")  # a clause ending so describes what follows the figure


class IndicatorFinder:
    """Indicators for the figures of one region (a headline or a body), in text order."""

    def __init__(self, text: str, start: int, end: int, blockers: Sequence[Span], quantities: Sequence[Span],
                 token_bounds: Sequence[int], words: FactWords) -> None:
        """``blockers``: DATEs, names and county words, in order; ``quantities``: the figures."""
        self.text, self.words, self.bounds = text, words, token_bounds
        self.start, self.end = start, end
        # the word boundaries of the region, as a set: most tests of a position fall inside it
        self.region_bounds = frozenset(token_bounds[bisect_left(token_bounds, start):bisect_right(token_bounds, end)])
        self.clauses = Breaks(text, start, end, CLAUSE_BREAKS)
        self.blocker_ends = [blocker_end for _, blocker_end in blockers]
        self.quantity_starts = [quantity_start for quantity_start, _ in quantities]
        self.quantity_ends = [quantity_end for _, quantity_end in quantities]
        self.previous: Span | None = None

    # ------------------------------------------------------------------ word tests
    def _boundary(self, pos: int) -> bool:
        if not self.bounds:
            return True
        if self.start <= pos <= self.end:
            return pos in self.region_bounds
        at_or_after = bisect_left(self.bounds, pos)
        return at_or_after < len(self.bounds) and self.bounds[at_or_after] == pos

    def _word_at(self, lists: Sequence[WordSet], pos: int, end: int) -> int:
        """Length of the longest listed word at ``pos`` that ends on a word boundary."""
        first = self.text[pos : pos + 1]
        if not self._boundary(pos):
            return 0
        best = 0
        for word_set in lists:
            if first not in word_set.firsts:
                continue
            for size in range(min(word_set.longest, end - pos), best, -1):
                if self.text[pos : pos + size] in word_set.words and self._boundary(pos + size):
                    best = size
                    break
        return best

    def _word_before(self, lists: Sequence[WordSet], start: int, pos: int) -> int:
        last = self.text[pos - 1 : pos] if pos > 0 else ""
        best = 0
        for word_set in lists:
            if last not in word_set.lasts:
                continue
            for size in range(min(word_set.longest, pos - start), best, -1):
                if self.text[pos - size : pos] in word_set.words and self._boundary(pos - size):
                    best = size
                    break
        return best

    def _strip_lead(self, start: int, end: int, lists: Sequence[WordSet]) -> int:
        while True:
            start = skip_space(self.text, start, end)
            size = self._word_at(lists, start, end)
            if not size:
                return start
            start += size

    def _strip_tail(self, start: int, end: int, lists: Sequence[WordSet]) -> int:
        while True:
            start, end = trim(self.text, start, end)
            size = self._word_before(lists, start, end)
            if not size:
                return end
            end -= size

    def _verb_at(self, pos: int, end: int) -> int:
        """Length of a verb at ``pos`` that is not part of a noun (0 if none)."""
        size = self._word_at((self.words.verbs,), pos, end)
        head = self.words.noun_heads.prefix(self.text, pos + size, end) if size else 0
        # a one-character head is bound (参保率); a word is the head only where the phrase ends
        return 0 if head == 1 or (head and pos + size + head == end) else size

    def _verb_in_run(self, pos: int, end: int) -> bool:
        """A verb inside the words after a figure, unless a noun head follows it (新开工项目)."""
        size = self._word_at((self.words.verbs,), pos, end)
        return bool(size) and not self.words.noun_heads.prefix(self.text, pos + size, end)

    def _verbs(self, start: int, end: int) -> list[Span]:
        found, pos, bounds = [], start, self.bounds
        text, firsts = self.text, self.words.verbs.firsts
        while pos < end:
            size = self._verb_at(pos, end) if text[pos] in firsts else 0  # no verb starts with another
            if size:
                found.append((pos, pos + size))
                pos += size
            elif bounds:  # no word starts before the next boundary: on to it
                following = bisect_right(bounds, pos)
                pos = bounds[following] if following < len(bounds) else end
            else:
                pos += 1
        return found

    # ------------------------------------------------------------------ the clause
    def _clause(self, q_start: int) -> tuple[int, bool, bool]:
        """Where the clause before a figure starts; whether the previous figure opens it
        directly (its words then may name that figure: ``6台除雪设备分解至5个片区``); whether
        it follows the previous figure at all, directly or after a 、 (``19 支、1400 余人``)."""
        opening = self.clauses.opening(q_start)
        start = opening
        previous_figure = bisect_right(self.quantity_ends, q_start) - 1
        previous_end = self.quantity_ends[previous_figure] if previous_figure >= 0 else -1
        start = max(start, previous_end)
        previous_blocker = bisect_right(self.blocker_ends, q_start) - 1
        if previous_blocker >= 0 and self.blocker_ends[previous_blocker] > start:
            return self.blocker_ends[previous_blocker], False, False
        direct = previous_end >= 0 and start == previous_end
        series = previous_end >= 0 and self.text[opening - 1 : opening] == "、" and (
            skip_space(self.text, previous_end, opening) == opening - 1)
        return start, direct, direct or series

    def _series_start(self, start: int) -> int:
        """Extend the clause back over names joined by 、 that carry no figure of their own."""
        for _ in range(_MAX_SERIES):
            if start < 1 or self.text[start - 1] != "、":
                return start
            previous = self.clauses.opening(start - 1)
            previous_figure = bisect_right(self.quantity_ends, start - 1) - 1  # 养殖大棚20座以及五保户、孤寡老人…
            if previous_figure >= 0 and self.quantity_ends[previous_figure] > previous:
                rest = trim(self.text, self.quantity_ends[previous_figure], start - 1)
                return rest[0] if rest[1] > rest[0] else start
            start = previous
        return start

    def _after(self, q_end: int) -> Span | None:
        start = skip_space(self.text, q_end, self.clauses.end)
        limit = min(self.clauses.closing(start), start + _MAX_AFTER)
        next_figure = bisect_left(self.quantity_starts, start)
        if next_figure < len(self.quantity_starts):
            limit = min(limit, self.quantity_starts[next_figure])
        pos = start
        while pos < limit:
            if self.words.stop_after.prefix(self.text, pos, limit) or (pos > start and self._verb_in_run(pos, limit)):
                break
            pos += 1
        span = trim(self.text, start, pos)
        return span if span[1] > span[0] else None

    # ------------------------------------------------------------------ reading
    def find(self, q_start: int, q_end: int) -> Span | None:
        """The indicator of the figure at ``[q_start, q_end)``, or None."""
        result = self._find(q_start, q_end)
        self.previous = result
        return result

    def _find(self, q_start: int, q_end: int) -> Span | None:
        words = self.words
        start, after_figure, follows_figure = self._clause(q_start)
        first, last = trim(self.text, start, q_start)
        if last > first:
            start = self._series_start(start)
        start = self._strip_lead(max(start, q_start - _MAX_BEFORE), q_start, words.skippable())
        end = self._strip_tail(start, q_start, (words.totals, words.time))
        marked = end > start and self.text[end - 1] in _MARKERS
        while end > start and self.text[end - 1] in _MARKERS:
            end = self._strip_tail(start, end - 1, (words.totals, words.time))
        after = self._after(q_end)
        if end <= start:
            return after or (self.previous if follows_figure else None)
        if marked and after:
            return after
        return self._read(start, end, after_figure, after)

    def _read(self, start: int, end: int, after_figure: bool, after: Span | None) -> Span | None:
        words = self.words
        change = self._word_before((words.changes,), start, end)
        if change:
            cut = self._strip_tail(start, end - change, (words.adverbs,))
            compared = self._word_before((words.comparisons,), start, cut)
            if compared and cut - compared > start:
                return start, self._strip_tail(start, cut - compared, (words.totals, words.time))
        verbs = self._verbs(start, end)
        if not verbs:
            return after if after_figure and after else (start, end)
        rest = self._strip_lead(verbs[-1][1], end, (words.totals, words.time, words.modifiers))
        while rest < end and self.text[rest] == "的":  # 组成的调解队伍
            rest = self._strip_lead(rest + 1, end, (words.modifiers,))
        if end > rest:
            return rest, end
        if len(verbs) > 1:
            return self._strip_lead(verbs[-2][1], end, (words.totals, words.time, words.modifiers)), end
        noun_end = self._strip_tail(start, verbs[-1][0], (words.adverbs, words.totals, words.time))
        if noun_end - start == 1:  # 总投资: one character is part of the word, not a phrase
            return start, verbs[-1][1]
        if not after_figure and noun_end > start and not self._word_at((words.adverbs,), start, noun_end):
            return start, noun_end
        if after:
            return after
        verb_start = verbs[-1][0]
        while (size := self._word_before((words.adverbs, words.time), start, verb_start)):
            verb_start -= size
        return self._strip_lead(verb_start, verbs[-1][0], (words.time,)), verbs[-1][1]
