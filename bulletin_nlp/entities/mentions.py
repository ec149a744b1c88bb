"""The one conversion of a finder's match into the entity type of the whole pipeline,
:class:`bulletin_nlp.bulletin.Entity` (view offsets until :func:`bulletin_nlp.parse` maps them
to the input)."""

from __future__ import annotations

from bulletin_nlp.bulletin import Entity
from bulletin_nlp.entities.agencies import AgencyMatch
from bulletin_nlp.entities.dates import DateMatch
from bulletin_nlp.entities.quantities import QuantityMatch
from bulletin_nlp.entities.townships import TownshipMatch

#: Entity labels and the attributes each sets (``span._.bulletin``).
ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "AGENCY": ("canonical", "level"),
    "TOWNSHIP": ("canonical", "code"),
    "QUANTITY": ("value", "unit", "qualifier"),
    "DATE": ("interval",),
}


def as_entity(match: AgencyMatch | TownshipMatch | QuantityMatch | DateMatch) -> Entity:
    """The :class:`Entity` of a match, with the label of its finder."""
    if isinstance(match, AgencyMatch):
        return Entity("AGENCY", match.start, match.end, match.text, canonical=match.canonical, level=match.level)
    if isinstance(match, TownshipMatch):
        return Entity("TOWNSHIP", match.start, match.end, match.text, canonical=match.canonical, code=match.code)
    if isinstance(match, DateMatch):
        return Entity("DATE", match.start, match.end, match.text, interval=match.interval)
    return Entity("QUANTITY", match.start, match.end, match.text, value=match.value, unit=match.unit,
                  qualifier=match.qualifier)
