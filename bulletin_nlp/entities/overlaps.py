"""Choosing among overlapping candidate mentions (shared by the agency and township finders)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

#: Match candidates before overlap resolution: ``(start, end, canonical, level)`` for agencies,
#: ``(start, end, canonical, code or None)`` for townships.
AgencyCandidate = tuple[int, int, str, str]
TownshipCandidate = tuple[int, int, str, str | None]
Candidate = TypeVar("Candidate", AgencyCandidate, TownshipCandidate)


def longest_first(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Keep the longest of overlapping candidates (then the leftmost; for the same span the first
    proposed, i.e. a listed name over a rule); return them in text order.

    >>> longest_first([(0, 2, "a"), (1, 4, "b"), (4, 5, "c"), (1, 4, "d")])
    [(1, 4, 'b'), (4, 5, 'c')]
    """
    first: dict[tuple[int, int], Candidate] = {}
    for candidate in candidates:
        first.setdefault((candidate[0], candidate[1]), candidate)
    taken: list[Candidate] = []
    used: set[int] = set()
    for candidate in sorted(first.values(), key=lambda c: (c[0] - c[1], c[0])):
        start, end = candidate[0], candidate[1]
        if any(offset in used for offset in range(start, end)):
            continue
        used.update(range(start, end))
        taken.append(candidate)
    taken.sort(key=lambda c: c[0])
    return taken
