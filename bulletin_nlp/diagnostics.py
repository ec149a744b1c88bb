"""Coded warnings: what ``parse`` could not read, with a stable code a user can count by type.

``Bulletin.diagnostics`` holds :class:`Diagnostic` objects; ``Bulletin.warnings`` keeps their
messages as plain strings (the older field of the JSON contract). :data:`CATALOGUE` describes
every code; docs/usage.md lists it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "CATALOGUE",
    "EMPTY_INPUT",
    "LEFTOVER",
    "NO_ITEMS",
    "NO_MASTHEAD",
    "UNCLOSED_SECTION",
    "UNREAD_FOOTER",
    "UNREAD_MASTHEAD",
    "Diagnostic",
]

EMPTY_INPUT = "W001"
NO_MASTHEAD = "W002"
NO_ITEMS = "W003"
UNREAD_MASTHEAD = "W101"
UNREAD_FOOTER = "W102"
UNCLOSED_SECTION = "W103"
LEFTOVER = "W201"

CATALOGUE: dict[str, str] = {
    EMPTY_INPUT: "the input is empty or only whitespace: nothing to parse",
    NO_MASTHEAD: "no title, issue number or date was found at the top",
    NO_ITEMS: "no item was found in the body",
    UNREAD_MASTHEAD: "a line at the top looks like masthead but holds no field the reader knows",
    UNREAD_FOOTER: "text in the closing block that is not a distribution list, editor, reviewer or issuer",
    UNCLOSED_SECTION: "a 【section heading without its closing bracket",
    LEFTOVER: "body text that belongs to no item (a page number, a stray line); see Bulletin.leftovers",
}


@dataclass(frozen=True)
class Diagnostic:
    """One warning: ``code`` from :data:`CATALOGUE`, a message, and the span it is about
    (offsets into the input; both None when it concerns the whole text)."""

    code: str
    message: str
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Diagnostic:
        return cls(code=data["code"], message=data["message"], start=data.get("start"), end=data.get("end"))
