"""What the rulers read of a finder's match: its attributes, stored with its span
(``span._.bulletin``) and later set on :class:`bulletin_nlp.bulletin.Entity`, and its
knowledge-base id. Every finder's match has ``start``, ``end`` and ``text`` and the attributes of
its label under the same names as the entity's fields."""

from __future__ import annotations

from bulletin_nlp.entities.agencies import AgencyMatch
from bulletin_nlp.entities.dates import DateMatch
from bulletin_nlp.entities.quantities import QuantityMatch
from bulletin_nlp.entities.townships import TownshipMatch

#: A match of one of the finders.
FinderMatch = AgencyMatch | TownshipMatch | QuantityMatch | DateMatch

#: Entity labels and the attributes each sets (``span._.bulletin``), read from the match.
ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "AGENCY": ("canonical", "level"),
    "TOWNSHIP": ("canonical", "code"),
    "QUANTITY": ("value", "unit", "qualifier"),
    "DATE": ("interval",),
}


def kb_id(match: FinderMatch) -> str:
    """The knowledge-base id of a match: a township's code, else its canonical name, else ""."""
    return getattr(match, "code", None) or getattr(match, "canonical", None) or ""
