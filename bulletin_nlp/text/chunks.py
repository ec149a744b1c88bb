"""Cutting a long text into chunks that can be analysed one at a time (bounded memory).

Each chunk has a *core*, which the chunks tile without gaps or overlap, and a *window* around
it: the core plus up to ``margin`` characters on each side. Whatever is found in a chunk's
window is kept only where it starts in the core, so a finder that looks a few characters
beyond a match (or a match that runs past the core's end) sees the same text as in the whole.
Cores are cut where a run of whitespace holding a line break ends (else any run of whitespace):
the segmenter decodes every whitespace-free run on its own, so the words of a core are those
of the whole text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Chunk", "chunks"]

_SPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True)
class Chunk:
    """``text[start:end]`` is the window; ``[core_start, core_end)`` the part it answers for."""

    start: int
    end: int
    core_start: int
    core_end: int


def chunks(text: str, size: int, margin: int) -> list[Chunk]:
    """Chunks of ``text`` whose cores hold at least ``size`` characters (the last one may hold
    fewer; a core grows past ``size`` to the next whitespace, so a text without whitespace is
    one chunk). A text of at most ``size`` characters is one chunk without margins."""
    if size < 1 or margin < 0:
        raise ValueError("chunks need size >= 1 and margin >= 0")
    out: list[Chunk] = []
    core_start = 0
    while core_start < len(text):
        core_end = _cut_after(text, core_start + size, size)
        out.append(Chunk(max(0, core_start - margin), min(len(text), core_end + margin), core_start, core_end))
        core_start = core_end
    return out


def _cut_after(text: str, position: int, reach: int) -> int:
    """The first cut at or after ``position``: where the whitespace run of the first line break
    within ``reach`` characters ends, failing that where the next whitespace run ends (before a
    non-whitespace character); else the text's end."""
    if position >= len(text):
        return len(text)
    newline = text.find("\n", position, position + reach)
    found = _SPACE_RE.search(text, newline if newline >= 0 else position)  # greedy: to the run's end
    return found.end() if found is not None and found.end() < len(text) else len(text)
