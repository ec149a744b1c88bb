"""The word lists of ``data/facts_words.txt`` (format documented there), or of a pipeline's data folder."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from bulletin_nlp.resources import data_file, read_sections, section_words

FACTS_FILE = "facts_words.txt"


@dataclass(frozen=True, eq=False)
class WordSet:
    """Words of one list, with the longest length for prefix and suffix matching."""

    words: frozenset[str]
    longest: int

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """The words as one pattern, longest first (matches nothing when the list is empty)."""
        alternatives = "|".join(re.escape(word) for word in sorted(self.words, key=len, reverse=True))
        return re.compile(alternatives or r"(?!)")

    @cached_property
    def firsts(self) -> frozenset[str]:
        """The first characters of the words (a position whose character is not one starts none)."""
        return frozenset(word[0] for word in self.words if word)

    @cached_property
    def lasts(self) -> frozenset[str]:
        """The last characters of the words."""
        return frozenset(word[-1] for word in self.words if word)

    @classmethod
    def of(cls, words: list[str]) -> WordSet:
        return cls(frozenset(words), max((len(word) for word in words), default=0))

    def prefix(self, text: str, pos: int, end: int) -> int:
        """Length of the longest word starting at ``pos`` (0 if none)."""
        if text[pos : pos + 1] not in self.firsts:
            return 0
        for size in range(min(self.longest, end - pos), 0, -1):
            if text[pos : pos + size] in self.words:
                return size
        return 0

    def suffix(self, text: str, start: int, pos: int) -> int:
        """Length of the longest word ending at ``pos`` (0 if none)."""
        if pos <= 0 or text[pos - 1] not in self.lasts:
            return 0
        for size in range(min(self.longest, pos - start), 0, -1):
            if text[pos - size : pos] in self.words:
                return size
        return 0


@dataclass(frozen=True)
class FactWords:
    """All the lists the fact rules use."""

    verbs: WordSet
    noun_heads: WordSet
    comparisons: WordSet
    changes: WordSet
    adverbs: WordSet
    totals: WordSet
    time: WordSet
    connectors: WordSet
    prepositions: WordSet
    modifiers: WordSet
    stop_after: WordSet
    events: WordSet
    county: WordSet
    null_actors: WordSet
    breakdown: WordSet

    def skippable(self) -> tuple[WordSet, ...]:
        """Lists whose words may open a clause before what it is about."""
        return (self.connectors, self.time, self.totals, self.prepositions, self.modifiers, self.county)


@lru_cache(maxsize=8)
def fact_words(data_dir: str | Path | None = None) -> FactWords:
    """The lists of ``data_dir``'s ``facts_words.txt`` (None, or a folder without one: the
    packaged file), read once per process."""
    sections = read_sections(data_file(data_dir, FACTS_FILE))
    return FactWords(**{name: WordSet.of(section_words(sections, name)) for name in FactWords.__dataclass_fields__})
