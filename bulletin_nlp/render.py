"""HTML rendering of parsed bulletins' entities with displaCy (``bulletin-nlp parse --format html``)."""

from __future__ import annotations

from collections.abc import Sequence

from bulletin_nlp.bulletin import Bulletin, Entity

COLORS = {"AGENCY": "#a6d8f0", "TOWNSHIP": "#b9e4b0", "QUANTITY": "#f7d59c"}


def _detail(entity: Entity) -> str:
    if entity.label == "QUANTITY":
        qualifier = f" ({entity.qualifier})" if entity.qualifier else ""
        return f"{entity.value:g} {entity.unit}{qualifier}"
    if entity.label == "TOWNSHIP":
        return f"{entity.canonical} {entity.code or '?'}"
    return entity.canonical or ""


def displacy_data(text: str, bulletin: Bulletin, title: str | None = None) -> dict[str, object]:
    """displaCy's manual ``ent`` format for one bulletin; ``kb_id`` shows the normalised value."""
    ents = [{"start": e.start, "end": e.end, "label": e.label, "kb_id": _detail(e), "kb_url": "#"}
            for e in bulletin.entities]
    return {"text": text, "ents": ents, "title": title}


def render_html(documents: Sequence[tuple[str, str, Bulletin]]) -> str:
    """One HTML page for ``(name, text, bulletin)`` triples."""
    from spacy import displacy

    data = [displacy_data(text, bulletin, name) for name, text, bulletin in documents]
    return str(displacy.render(data, style="ent", manual=True, page=True, options={"colors": COLORS}))
