"""The lengths worth trying when a scan looks for listed names ending at a position.

The finders of agencies and townships read, at each place a name can end, the text before it at
every length a listed name has, longest first. Keyed by the characters a name ends with, the
lengths to try are only those of the names that end so: a handful instead of every length of
thousands of names.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["lengths_by_ending"]


def lengths_by_ending(words: Iterable[str], size: int = 1) -> dict[str, tuple[int, ...]]:
    """The lengths of the words ending with each ``size`` characters, longest first (a word
    shorter than ``size`` is left out: a scan keyed by the text's last ``size`` characters
    would not see it)."""
    lengths: dict[str, set[int]] = {}
    for word in words:
        if len(word) >= size:
            lengths.setdefault(word[-size:], set()).add(len(word))
    return {ending: tuple(sorted(found, reverse=True)) for ending, found in lengths.items()}
