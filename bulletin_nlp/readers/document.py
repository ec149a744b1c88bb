"""The text a reader extracted from a file, with what its formatting said."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from bulletin_nlp.layout.hints import LayoutHints


@dataclass(frozen=True)
class Document:
    """A file's text as the pipeline parses it.

    ``format`` is ``text``, ``pdf``, ``docx`` or ``html``; ``pages`` the page count where the
    format has pages; ``page_starts`` the offset in ``text`` where each page after the first
    begins (PDF); ``metadata`` the labelled fields of a web page (标题, 发布机构, 发文日期,
    文号, 索引号); ``dropped`` the running headers, footers and page numbers left out.
    """

    text: str
    format: str = "text"
    path: str | None = None
    pages: int | None = None
    hints: LayoutHints | None = None
    page_starts: tuple[int, ...] = ()
    metadata: dict[str, str] = field(default_factory=dict)
    dropped: tuple[str, ...] = ()

    def page_at(self, offset: int) -> int | None:
        """The 1-based page holding ``offset`` of ``text`` (None when the format has no pages)."""
        if self.format != "pdf":
            return None
        return bisect_right(self.page_starts, offset) + 1
