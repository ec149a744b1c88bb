"""Sentence and clause boundaries inside one item, found once and looked up by bisection."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

SENTENCE_BREAKS = frozenset("。！？!?\n")
#: A subject opens a clause; 、 joins names of one clause (王楼、塔铺等乡镇)
SUBJECT_BREAKS = SENTENCE_BREAKS | frozenset("，；：,;:")
#: What the issue calls a clause for indicators: also 、, brackets and quotation boundaries
CLAUSE_BREAKS = SUBJECT_BREAKS | frozenset("、（）()【】[]")
SPACE = frozenset(" \t\u3000*")


@lru_cache(maxsize=8)
def _char_class(chars: frozenset[str]) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(char) for char in sorted(chars)) + "]")


class Breaks:
    """Positions of one kind of break character in ``text[start:end]``."""

    def __init__(self, text: str, start: int, end: int, chars: frozenset[str]) -> None:
        self.start = start
        self.end = end
        self.positions = [match.start() for match in _char_class(chars).finditer(text, start, end)]

    def opening(self, pos: int) -> int:
        """Start of the stretch holding ``pos``: just after the last break before it."""
        next_break = bisect_left(self.positions, pos)
        return self.positions[next_break - 1] + 1 if next_break else self.start

    def closing(self, pos: int) -> int:
        """End of the stretch holding ``pos``: the next break at or after it."""
        next_break = bisect_right(self.positions, pos - 1)
        return self.positions[next_break] if next_break < len(self.positions) else self.end


def skip_space(text: str, pos: int, end: int) -> int:
    """First position at or after ``pos`` that is not a space or a Markdown ``*``."""
    while pos < end and text[pos] in SPACE:
        pos += 1
    return pos


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` without spaces and ``*`` at either end."""
    start = skip_space(text, start, end)
    while end > start and text[end - 1] in SPACE:
        end -= 1
    return start, end
