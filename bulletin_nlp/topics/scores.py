"""The topic scores of one item: a read-only mapping code → score, stored compactly.

A bulletin holds one per item; as a dict of 16 floats each cost ~1 kB. :class:`TopicScores`
holds the scores in an array of doubles over one tuple of codes shared by every item (~0.25 kB).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=8)
def _positions(codes: tuple[str, ...]) -> dict[str, int]:
    """Each code's position in ``codes`` (one dict per tuple of codes, shared by every item)."""
    return {code: index for index, code in enumerate(codes)}


class TopicScores(Mapping[str, float]):
    """``{code: score}`` for ``codes`` in order, read-only; equal to the dict of the same items."""

    __slots__ = ("_codes", "_positions", "_values")

    def __init__(self, codes: tuple[str, ...], values: Iterable[float]) -> None:
        self._codes = codes
        self._positions = _positions(codes)
        self._values = array("d", values)
        if len(self._values) != len(codes):
            raise ValueError(f"{len(self._values)} scores for {len(codes)} codes")

    def __getitem__(self, code: str) -> float:
        return self._values[self._positions[code]]

    def __iter__(self) -> Iterator[str]:
        return iter(self._codes)

    def __len__(self) -> int:
        return len(self._codes)

    def __repr__(self) -> str:
        return repr(dict(self))

    def __reduce__(self) -> tuple[Any, ...]:
        return TopicScores, (self._codes, self._values.tolist())
