"""The one place where analysed text is mapped back to the caller's original string.

bulletin_nlp never edits the input in place. It first *folds* it character for character
(:func:`bulletin_nlp.text.fold.fold`: full-width digits, ideographic spaces, traditional
characters), which keeps every offset, and then builds a *view* from pieces of the folded
text, dropping what is not content (``\\r``, Markdown markers, page breaks inside a sentence)
and inserting separators between pieces. A :class:`MappedText` keeps the view as runs
``(view_start, original_start, length)``, so any span of the view converts to ``(start, end)``
in the original with :meth:`MappedText.to_original`, and :meth:`MappedText.original_text`
gives a span's characters as the user wrote them (unfolded).
"""

from __future__ import annotations

from array import array
from bisect import bisect_right

_SEPARATOR = -1


class MappedText:
    """Text built from pieces of an original string, with an offset map back to it.

    Args:
        original: the caller's string.
        folded: ``original`` after a length-preserving fold (same offsets).
    """

    def __init__(self, original: str, folded: str) -> None:
        if len(original) != len(folded):
            raise ValueError("folding must preserve length")
        self.original = original
        self._folded: str | None = folded
        self._pieces: list[str] = []
        # 8-byte integers, not lists of Python ints (32 bytes each): a long text has one run a line
        self._run_starts = array("q")  # view offset where each run starts
        self._run_origins = array("q")  # original offset of the run's first char, or -1
        self._run_anchors = array("q")  # for separators: the original offset they sit at
        self._length = 0
        self._text: str | None = None

    @property
    def folded(self) -> str:
        """``original`` folded, until :meth:`finish`."""
        if self._folded is None:
            raise ValueError("the view is finished: its folded input was let go")
        return self._folded

    def finish(self) -> None:
        """Let go of the folded input once every piece is added (``add`` raises after): the
        analysis of a long text then holds the view, not the view and the folded copy."""
        self._pieces = [self.text]
        self._folded = None

    @property
    def text(self) -> str:
        """The view as one string."""
        if self._text is None:
            self._text = "".join(self._pieces)
            self._pieces = [self._text]
        return self._text

    def __len__(self) -> int:
        return self._length

    def add(self, start: int, end: int) -> None:
        """Append ``folded[start:end]``."""
        if end <= start:
            return
        if (
            self._run_origins
            and self._run_origins[-1] != _SEPARATOR
            and self._run_origins[-1] + self._length - self._run_starts[-1] == start
        ):
            pass  # contiguous with the previous run: extend it
        else:
            self._run_starts.append(self._length)
            self._run_origins.append(start)
            self._run_anchors.append(start)
        self._pieces.append(self.folded[start:end])
        self._length += end - start
        self._text = None

    def add_separator(self, char: str = "\n") -> None:
        """Append one character with no original; it maps to the end of what precedes it."""
        self._run_starts.append(self._length)
        self._run_origins.append(_SEPARATOR)
        self._run_anchors.append(self._end_offset())
        self._pieces.append(char)
        self._length += 1
        self._text = None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Convert the view span ``[start, end)`` to the original span it was built from."""
        if not 0 <= start <= end <= self._length:
            raise IndexError(f"span ({start}, {end}) outside a view of length {self._length}")
        if start == end:
            pos = self._start_of(start) if start < self._length else self._end_offset()
            return pos, pos
        first = self._start_of(start)
        return first, max(first, self._end_of(end - 1))

    def is_input_slice(self, start: int, end: int) -> bool:
        """Whether the view span ``[start, end)`` (not empty) is one unbroken piece of the
        original, so that :meth:`original_text` is ``original[slice(*to_original(start, end))]``."""
        if not 0 <= start < end <= self._length:
            return False
        run = self._run_of(start)
        run_end = self._run_starts[run + 1] if run + 1 < len(self._run_starts) else self._length
        return end <= run_end and self._run_origins[run] != _SEPARATOR

    def original_text(self, start: int, end: int) -> str:
        """The view span ``[start, end)`` in the original characters (separators kept)."""
        parts = []
        run = max(0, bisect_right(self._run_starts, start) - 1)
        while start < end and run < len(self._run_starts):
            run_end = self._run_starts[run + 1] if run + 1 < len(self._run_starts) else self._length
            stop = min(end, run_end)
            origin = self._run_origins[run]
            if origin == _SEPARATOR:
                parts.append(self.text[start:stop])
            else:
                offset = origin + start - self._run_starts[run]
                parts.append(self.original[offset : offset + stop - start])
            start = stop
            run += 1
        return "".join(parts)

    def _run_of(self, index: int) -> int:
        return bisect_right(self._run_starts, index) - 1

    def _start_of(self, index: int) -> int:
        run = self._run_of(index)
        origin = self._run_origins[run]
        return self._run_anchors[run] if origin == _SEPARATOR else origin + index - self._run_starts[run]

    def _end_of(self, index: int) -> int:
        run = self._run_of(index)
        origin = self._run_origins[run]
        if origin == _SEPARATOR:
            return self._run_anchors[run]
        return origin + index - self._run_starts[run] + 1

    def _end_offset(self) -> int:
        return self._end_of(self._length - 1) if self._length else 0
