"""Paragraphs of formatted runs → one text plus :class:`~bulletin_nlp.layout.hints.LayoutHints`.

Every reader turns its file into :class:`Block` s (a paragraph, a table row, a line of a text
box) made of :class:`Run` s that share bold, size and page. Blocks are written one per line
with a blank line between them, as in the text files the layout reads; bold runs opening a
block and the title (the largest font at the top) become hints.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from bulletin_nlp.layout.hints import LayoutHints

TITLE_SCAN = 8  # the title is looked for among the first blocks
TITLE_RATIO = 1.25  # and is set at least this much larger than the body
BOLD_SHARE_MAX = 0.5  # when more of the text than this is bold, bold marks nothing


@dataclass
class Run:
    """Text in one format; ``size`` in points (None when unknown), ``page`` 1-based."""

    text: str
    bold: bool = False
    size: float | None = None
    page: int = 1


@dataclass
class Block:
    """One paragraph (or table row, or text-box line) in reading order."""

    runs: list[Run] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class Assembled:
    """The text of the blocks, its layout hints, and the offset where each page after the first starts."""

    text: str
    hints: LayoutHints
    page_starts: tuple[int, ...]


def assemble(blocks: list[Block]) -> Assembled:
    """Write ``blocks`` as lines separated by blank lines; collect bold, title and page hints."""
    blocks = [block for block in blocks if block.text.strip()]
    pieces: list[str] = []
    bold: list[tuple[int, int]] = []
    page_starts: list[int] = []
    starts: list[int] = []
    position = 0
    page = 1
    for block in blocks:
        if pieces:
            pieces.append("\n\n")
            position += 2
        starts.append(position)
        if span := _opening_bold(block, position):
            bold.append(span)
        for run in block.runs:
            while run.page > page:
                page += 1
                page_starts.append(position)
            pieces.append(run.text)
            position += len(run.text)
    title = _title(blocks, starts)
    if _bold_share(blocks) > BOLD_SHARE_MAX:
        bold = []  # a body font read as bold (Microsoft YaHei, a bold Normal style): no cue
    return Assembled("".join(pieces), LayoutHints(tuple(bold), title), tuple(page_starts))


def _bold_share(blocks: list[Block]) -> float:
    total = sum(len(run.text.strip()) for block in blocks for run in block.runs)
    bold = sum(len(run.text.strip()) for block in blocks for run in block.runs if run.bold)
    return bold / total if total else 0.0


def _opening_bold(block: Block, offset: int) -> tuple[int, int] | None:
    """The bold text opening ``block`` (leading spaces skipped), as a span of the whole text."""
    position = offset
    start: int | None = None
    end = offset
    for run in block.runs:
        stripped = run.text.strip()
        if not stripped:
            position += len(run.text)
            continue
        if not run.bold:
            break
        if start is None:
            start = position + len(run.text) - len(run.text.lstrip())
        end = position + len(run.text.rstrip())
        position += len(run.text)
    return None if start is None else (start, end)


def _title(blocks: list[Block], starts: list[int]) -> tuple[int, int] | None:
    """The block set in the largest font among the first ones, when clearly larger than the body."""
    sizes = [run.size for block in blocks for run in block.runs if run.size and run.text.strip()]
    if not sizes:
        return None
    body = statistics.median(sizes)
    best: tuple[float, int] | None = None
    for index, block in enumerate(blocks[:TITLE_SCAN]):
        size = max((run.size or 0.0 for run in block.runs if run.text.strip()), default=0.0)
        if size >= body * TITLE_RATIO and (best is None or size > best[0]):
            best = (size, index)
    if best is None:
        return None
    index = best[1]
    text = blocks[index].text
    lead = len(text) - len(text.lstrip())
    return starts[index] + lead, starts[index] + len(text.rstrip())
