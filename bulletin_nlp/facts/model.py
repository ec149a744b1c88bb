"""The inputs and outputs of fact extraction, in view offsets."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


@dataclass(frozen=True)
class ItemRegion:
    """Where one item's parts lie in the view; any may be missing."""

    headline: tuple[int, int] | None = None
    body: tuple[int, int] | None = None
    sources: tuple[tuple[int, int], ...] = ()


class Mention(NamedTuple):
    """What fact extraction needs of an entity, and of a county word (label ``COUNTY``) or a
    null actor (``NONE``) it finds itself (a tuple: thousands are made per bulletin)."""

    label: str
    start: int
    end: int
    canonical: str | None = None
    code: str | None = None


@dataclass(frozen=True, slots=True)
class FactSpans:
    """One fact: indices into the entities and items given, and spans in view offsets."""

    quantity: int
    item: int
    subject: Mention | None
    indicator: tuple[int, int] | None
    period: int | None
