"""The typed context of a Doc: what :func:`bulletin_nlp.parse` knows beyond the text, and what
the components add for it.

It travels as ``doc._.bulletin_context`` (stored in ``doc.user_data`` as a plain dict, so that
``Doc.to_bytes`` and ``nlp.pipe(n_process=...)`` can serialise it). :func:`bulletin_nlp.parse`
sets ``masthead_lines``, ``date`` and ``items``; the ``bulletin_county`` component sets the county; the
``bulletin_item_topics`` component sets ``topics``, one per item, in the items' order. A bare
``nlp(text)`` gets its context from the same layout reader that ``parse`` uses.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any, TypedDict

from spacy.tokens import Doc

from bulletin_nlp.layout.reader import Layout, parse_layout
from bulletin_nlp.text.fold import fold

__all__ = ["CONTEXT_KEY", "BulletinContext", "ItemText", "context_of", "context_value", "layout_context",
           "set_context", "stored_context", "update_context"]

CONTEXT_KEY = "bulletin_context"


class ItemText(TypedDict):
    """One item as the topic classifier reads it."""

    section: str
    headline: str
    body: str
    sources: list[str]


@dataclass
class BulletinContext:
    """What the pipeline knows about a bulletin besides its text."""

    #: Masthead lines where the county is looked for first: publisher, then title, then the
    #: document's masthead words outside its text (folded; see ``LayoutHints.masthead``).
    masthead_lines: list[str] = field(default_factory=list)
    #: The items, in order; None for a Doc that is not split into items (then topics go to doc.cats).
    items: list[ItemText] | None = None
    #: The bulletin's county (6-digit code and name); set by ``bulletin_county`` unless given.
    county_code: str | None = None
    county_name: str | None = None
    #: The bulletin's date (``YYYY-MM-DD``, from the masthead): DATEs are resolved against it.
    date: str | None = None
    #: (topic, scores) per item, set by ``bulletin_item_topics``.
    topics: list[tuple[str, Mapping[str, float]]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "masthead_lines": list(self.masthead_lines),
            "items": None if self.items is None else [dict(item) for item in self.items],
            "county_code": self.county_code,
            "county_name": self.county_name,
            "date": self.date,
            "topics": [[topic, dict(scores)] for topic, scores in self.topics],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BulletinContext:
        items = data.get("items")
        return cls(
            masthead_lines=list(data.get("masthead_lines", [])),
            items=None if items is None else [
                ItemText(section=item["section"], headline=item["headline"], body=item["body"],
                         sources=list(item["sources"]))
                for item in items
            ],
            county_code=data.get("county_code"),
            county_name=data.get("county_name"),
            date=data.get("date"),
            topics=[(topic, dict(scores)) for topic, scores in data.get("topics", [])],
        )


def context_of(doc: Doc) -> BulletinContext | None:
    """The Doc's context, or None when nothing set one."""
    data = doc.user_data.get(CONTEXT_KEY)
    return None if data is None else BulletinContext.from_dict(data)


def context_value(doc: Doc, name: str) -> Any:
    """One field of the Doc's context (``county_code``, ``date`` …), None when unset; reads it
    without rebuilding the whole context (its items hold every text of the bulletin)."""
    return (doc.user_data.get(CONTEXT_KEY) or {}).get(name)


def set_context(doc: Doc, context: BulletinContext) -> None:
    """Store ``context`` on the Doc (as a dict: serialisable)."""
    doc.user_data[CONTEXT_KEY] = context.to_dict()


def stored_context(doc: Doc) -> dict[str, Any] | None:
    """The Doc's context as stored (what :meth:`BulletinContext.to_dict` wrote), not copied, for
    a component that reads a few fields and sets others (:func:`update_context`): rebuilding it
    copies every item. None when nothing set one, or when it lacks a field (a hand-written dict:
    read it with :func:`context_of`). Read only: its values are the Doc's."""
    data: dict[str, Any] | None = doc.user_data.get(CONTEXT_KEY)
    return data if data is not None and data.keys() == _FIELD_NAMES else None


def update_context(doc: Doc, **values: Any) -> None:
    """Set fields of the Doc's stored context (:func:`stored_context`), each value in the form
    :meth:`BulletinContext.to_dict` writes it. The Doc gets a new dict: a copy of the Doc that
    shares the old one keeps it as it was."""
    doc.user_data[CONTEXT_KEY] = {**doc.user_data[CONTEXT_KEY], **values}


def masthead_lines(layout: Layout) -> list[str]:
    """The publisher and title lines of a layout (folded), where a county is named first, then
    the masthead words its document kept outside the text (a web page's 发布机构 and 标题)."""
    spans = (layout.masthead.publisher, layout.masthead.title)
    lines = [fold(layout.view.original[span[0]:span[1]]) for span in spans if span is not None]
    if layout.hints.masthead:
        lines.append(fold(layout.hints.masthead))
    return lines


def layout_context(layout: Layout, with_items: bool = True) -> BulletinContext:
    """The context :func:`bulletin_nlp.parse` passes for a layout: masthead lines, date and
    items (texts of the layout's view)."""
    if not with_items:
        return BulletinContext(masthead_lines=masthead_lines(layout), date=layout.masthead.date)
    view = layout.view
    text = view.text
    items = [
        ItemText(
            section=view.original_text(*section.title) if section.title else "",
            headline=text[slice(*item.headline)] if item.headline else "",
            body=text[slice(*item.body)] if item.body else "",
            sources=[text[start:end] for start, end in item.sources],
        )
        for section in layout.sections
        for item in section.items
    ]
    return BulletinContext(masthead_lines=masthead_lines(layout), items=items, date=layout.masthead.date)


def text_context(text: str) -> BulletinContext:
    """The context of a bare text (``nlp(text)``): its masthead lines and date as the layout
    reader finds them; no items, so the whole Doc is classified."""
    return layout_context(parse_layout(text, fold(text)), with_items=False)


_FIELD_NAMES = frozenset(context_field.name for context_field in fields(BulletinContext))

if not Doc.has_extension(CONTEXT_KEY):
    Doc.set_extension(CONTEXT_KEY, getter=context_of)
