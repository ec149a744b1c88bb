"""The result types of :func:`bulletin_nlp.parse`: frozen dataclasses with a stable JSON shape
(those a bulletin holds by the thousand with ``__slots__``: a third less memory).

``Bulletin.to_dict()`` is a public contract: keys are only ever added, never renamed or
dropped. Every ``start``/``end`` is a character offset into the exact string given to
``parse``, end exclusive, so ``text[start:end]`` is the span as written.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from bulletin_nlp.diagnostics import Diagnostic
from bulletin_nlp.frozen_builders import positional_builder
from bulletin_nlp.json_indent import dumps_indented

_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_SPAN = TypeVar("_SPAN")


class TextSource:
    """The string a parse read, shared by the spans it made: such a span reads its ``text`` as
    ``source[start:end]`` when asked instead of holding a copy (given as its text to
    :data:`build_entity` and the other builders below)."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


def _read_from_source(*fields: tuple[str, str, str]) -> Callable[[type[_SPAN]], type[_SPAN]]:
    """Let each named string slot of a frozen dataclass hold a :class:`TextSource`: the field
    ``(name, start, end)`` then reads as the source's ``[self.start:self.end]``. Every other use
    (the constructor, ``==``, ``hash``, ``repr``, ``dataclasses.replace``, pickling) goes through
    the attribute and sees the string."""

    def decorate(cls: type[_SPAN]) -> type[_SPAN]:
        for name, start, end in fields:
            slot = cls.__dict__[name]

            def get(self: Any, slot: Any = slot, start: str = start, end: str = end) -> str:
                value = slot.__get__(self, cls)
                return value.text[getattr(self, start) : getattr(self, end)] if type(value) is TextSource else value

            setattr(cls, name, property(get, slot.__set__, doc="As written in the input."))
        return cls

    return decorate


_text_from_source = _read_from_source(("text", "start", "end"))


def _pickled_by_field_names(cls: type[_SPAN]) -> type[_SPAN]:
    """Pickle a slotted dataclass as a call of its constructor with its field values, in order:
    the state that dataclasses give such a class is read and set field by field by functions that
    call ``dataclasses.fields()`` for every object, and a Bulletin holds a hundred of them, which
    ``parse_many``'s workers pickle and the caller unpickles (0.32 and 0.35 ms a corpus bulletin;
    0.20 and 0.20 ms so). Pickles of the dataclasses' own form still load."""
    names = tuple(item.name for item in dataclasses.fields(cls))  # type: ignore[arg-type]

    def reduce(self: Any) -> tuple[type, tuple[Any, ...]]:
        own = names if type(self) is cls else tuple(item.name for item in dataclasses.fields(self))  # a subclass
        return type(self), tuple([getattr(self, name) for name in own])

    cls.__reduce__ = reduce  # type: ignore[method-assign]
    return cls


@_text_from_source
@_pickled_by_field_names
@dataclass(frozen=True, slots=True)
class Span:
    """A piece of the input: ``text == input[start:end]``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Span:
        return cls(start=data["start"], end=data["end"], text=data["text"])


@_read_from_source(("headline", "headline_start", "headline_end"), ("body", "body_start", "body_end"))
@_pickled_by_field_names
@dataclass(frozen=True, slots=True)
class Item:
    """One report of a bulletin: headline, body and the agencies it came from.

    ``headline``, ``body`` and ``sources`` are clean strings (Markdown markers and page breaks
    removed); their spans in the input are ``headline_start/_end``, ``body_start/_end`` and
    ``source_spans``. ``start``/``end`` cover the whole item, closing source bracket included;
    the sources follow the body, or precede it where a report names them first (（县民政局）今年…).
    """

    headline: str
    body: str
    sources: tuple[str, ...]
    start: int
    end: int
    headline_start: int | None = None
    headline_end: int | None = None
    body_start: int | None = None
    body_end: int | None = None
    source_spans: tuple[Span, ...] = ()
    topic: str | None = None
    topic_scores: Mapping[str, float] = field(default_factory=dict, hash=False)
    page: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "headline": self.headline,
            "body": self.body,
            "sources": list(self.sources),
            "start": self.start,
            "end": self.end,
            "topic": self.topic,
            "topic_scores": dict(self.topic_scores),
            "headline_start": self.headline_start,
            "headline_end": self.headline_end,
            "body_start": self.body_start,
            "body_end": self.body_end,
            "source_spans": [s.to_dict() for s in self.source_spans],
            "page": self.page,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Item:
        return cls(
            headline=data["headline"],
            body=data["body"],
            sources=tuple(data["sources"]),
            start=data["start"],
            end=data["end"],
            headline_start=data.get("headline_start"),
            headline_end=data.get("headline_end"),
            body_start=data.get("body_start"),
            body_end=data.get("body_end"),
            source_spans=tuple(Span.from_dict(s) for s in data.get("source_spans", ())),
            topic=data.get("topic"),
            topic_scores=dict(data.get("topic_scores") or {}),
            page=data.get("page"),
        )


@_pickled_by_field_names
@dataclass(frozen=True, slots=True)
class Section:
    """A 【…】 section and its items; ``title`` is None for items outside any heading."""

    title: str | None
    start: int
    end: int
    items: tuple[Item, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "start": self.start,
            "end": self.end,
            "items": [item.to_dict() for item in self.items],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Section:
        return cls(
            title=data["title"],
            start=data["start"],
            end=data["end"],
            items=tuple(Item.from_dict(i) for i in data["items"]),
        )


Interval = tuple["str | None", "str | None"]


def _interval_dict(interval: Interval | None) -> dict[str, str | None] | None:
    return None if interval is None else {"start": interval[0], "end": interval[1]}


def _interval_from(data: Mapping[str, Any] | None) -> Interval | None:
    return None if data is None else (data.get("start"), data.get("end"))


@_text_from_source
@_pickled_by_field_names
@dataclass(frozen=True, slots=True)
class Entity:
    """An AGENCY, TOWNSHIP, QUANTITY or DATE mention.

    AGENCY sets ``canonical`` and ``level`` (county, city, province or national); TOWNSHIP sets
    ``canonical`` and ``code`` (民政部 division code, None when the name is ambiguous);
    QUANTITY sets ``value``, ``unit`` and ``qualifier``;
    DATE sets ``interval`` (first and last day, ISO, either None when not computable; the
    whole interval None for holidays and events). ``item`` is ``(section index, item index)``
    of the item holding the mention, None outside items.
    """

    label: str
    start: int
    end: int
    text: str
    canonical: str | None = None
    code: str | None = None
    value: float | None = None
    unit: str | None = None
    qualifier: str | None = None
    interval: Interval | None = None
    item: tuple[int, int] | None = None
    page: int | None = None
    level: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "canonical": self.canonical,
            "code": self.code,
            "value": self.value,
            "unit": self.unit,
            "qualifier": self.qualifier,
            "interval": _interval_dict(self.interval),
            "item": list(self.item) if self.item else None,
            "page": self.page,
            "level": self.level,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Entity:
        value = data.get("value")
        item = data.get("item")
        return cls(
            label=data["label"],
            start=data["start"],
            end=data["end"],
            text=data["text"],
            canonical=data.get("canonical"),
            code=data.get("code"),
            value=None if value is None else float(value),
            unit=data.get("unit"),
            qualifier=data.get("qualifier"),
            interval=_interval_from(data.get("interval")),
            item=(item[0], item[1]) if item else None,
            page=data.get("page"),
            level=data.get("level"),
        )


@_text_from_source
@_pickled_by_field_names
@dataclass(frozen=True, slots=True)
class Subject:
    """Who reported a figure: an AGENCY or TOWNSHIP mention, or a COUNTY word (我县, 全县)."""

    text: str
    start: int
    end: int
    label: str
    canonical: str | None = None
    code: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "label": self.label,
                "canonical": self.canonical, "code": self.code}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Subject:
        return cls(text=data["text"], start=data["start"], end=data["end"], label=data["label"],
                   canonical=data.get("canonical"), code=data.get("code"))


@_text_from_source
@_pickled_by_field_names
@dataclass(frozen=True, slots=True)
class Period:
    """The DATE mention that scopes a figure, with that DATE's interval."""

    text: str
    start: int
    end: int
    value: Interval | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "value": _interval_dict(self.value)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Period:
        return cls(text=data["text"], start=data["start"], end=data["end"],
                   value=_interval_from(data.get("value")))


@_pickled_by_field_names
@dataclass(frozen=True, slots=True)
class Fact:
    """One figure of an item: who reported it, what it measures and for which period.

    ``quantity`` indexes ``Bulletin.entities``; ``item`` is ``(section index, item index)``.
    """

    quantity: int
    item: tuple[int, int]
    subject: Subject | None = None
    indicator: Span | None = None
    period: Period | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "quantity": self.quantity,
            "item": list(self.item),
            "subject": self.subject.to_dict() if self.subject else None,
            "indicator": self.indicator.to_dict() if self.indicator else None,
            "period": self.period.to_dict() if self.period else None,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Fact:
        subject, indicator, period = data.get("subject"), data.get("indicator"), data.get("period")
        return cls(
            quantity=data["quantity"],
            item=(data["item"][0], data["item"][1]),
            subject=Subject.from_dict(subject) if subject else None,
            indicator=Span.from_dict(indicator) if indicator else None,
            period=Period.from_dict(period) if period else None,
        )


# The types a parse makes by the hundred, from the value of every field in order, without the
# frozen constructor's cost (bulletin_nlp.frozen_builders). A text field (Entity, Span, Subject and
# Period's text, Item's headline and body) may be given the parse's TextSource: it then reads
# that piece of the input when asked (only for a headline or body that is exactly that piece).
build_span = positional_builder(Span)
build_item = positional_builder(Item)
build_entity = positional_builder(Entity)
build_subject = positional_builder(Subject)
build_period = positional_builder(Period)
build_fact = positional_builder(Fact)


@dataclass(frozen=True)
class Footer:
    """The closing block: recipients (本期发/报/送), 责任编辑, 审核, 签发."""

    distribution: tuple[str, ...] = ()
    editor: str | None = None
    reviewer: str | None = None
    issuer: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "distribution": list(self.distribution),
            "editor": self.editor,
            "reviewer": self.reviewer,
            "issuer": self.issuer,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Footer:
        return cls(
            distribution=tuple(data.get("distribution") or ()),
            editor=data.get("editor"),
            reviewer=data.get("reviewer"),
            issuer=data.get("issuer"),
        )


@dataclass(frozen=True)
class Leftover:
    """Body text that belongs to no item, kept so that nothing is lost silently."""

    start: int
    end: int
    text: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "reason": self.reason}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Leftover:
        return cls(start=data["start"], end=data["end"], text=data["text"], reason=data["reason"])


@dataclass(frozen=True)
class Source:
    """The file a bulletin was read from: ``format`` is text, pdf, docx or html; ``pages``
    the page count where the format has pages."""

    path: str | None
    format: str
    pages: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "format": self.format, "pages": self.pages}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Source:
        return cls(path=data.get("path"), format=data["format"], pages=data.get("pages"))


@dataclass(frozen=True)
class Bulletin:
    """A parsed bulletin. Build one with :func:`bulletin_nlp.parse`.

    ``warnings`` are the messages of ``diagnostics`` (coded, with spans: see
    :mod:`bulletin_nlp.diagnostics`).

    From :func:`bulletin_nlp.parse_file`, ``text`` is the text the file was parsed as (for a
    PDF, Word file or web page: the extracted text, which every span's offsets index) and
    ``source`` says where it came from; from ``parse(text)`` both are None.
    """

    title: str | None = None
    issue: int | None = None
    date: str | None = None
    publisher: str | None = None
    county: str | None = None
    county_code: str | None = None
    sections: tuple[Section, ...] = ()
    entities: tuple[Entity, ...] = ()
    footer: Footer = Footer()
    warnings: tuple[str, ...] = ()
    leftovers: tuple[Leftover, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    facts: tuple[Fact, ...] = ()
    source: Source | None = None
    text: str | None = field(default=None, compare=False, repr=False)
    issue_total: int | None = None  # the cumulative issue number (总第N期), beside the yearly ``issue``

    @property
    def items(self) -> tuple[Item, ...]:
        """All items in reading order."""
        return tuple(item for section in self.sections for item in section.items)

    def to_dict(self, include_text: bool = False) -> dict[str, Any]:
        """The public JSON shape (see the module docstring); ``include_text`` adds ``text``."""
        data = {
            "title": self.title,
            "issue": self.issue,
            "issue_total": self.issue_total,
            "date": self.date,
            "publisher": self.publisher,
            "county": self.county,
            "county_code": self.county_code,
            "sections": [s.to_dict() for s in self.sections],
            "entities": [e.to_dict() for e in self.entities],
            "footer": self.footer.to_dict(),
            "warnings": list(self.warnings),
            "leftovers": [x.to_dict() for x in self.leftovers],
            "diagnostics": [d.to_dict() for d in self.diagnostics],
            "facts": [f.to_dict() for f in self.facts],
            "source": self.source.to_dict() if self.source else None,
        }
        if include_text:
            data["text"] = self.text
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Bulletin:
        """Inverse of :meth:`to_dict`; unknown keys are ignored."""
        return cls(
            title=data.get("title"),
            issue=data.get("issue"),
            issue_total=data.get("issue_total"),
            date=data.get("date"),
            publisher=data.get("publisher"),
            county=data.get("county"),
            county_code=data.get("county_code"),
            sections=tuple(Section.from_dict(s) for s in data.get("sections", ())),
            entities=tuple(Entity.from_dict(e) for e in data.get("entities", ())),
            footer=Footer.from_dict(data.get("footer") or {}),
            warnings=tuple(data.get("warnings", ())),
            leftovers=tuple(Leftover.from_dict(x) for x in data.get("leftovers", ())),
            diagnostics=tuple(Diagnostic.from_dict(d) for d in data.get("diagnostics", ())),
            facts=tuple(Fact.from_dict(f) for f in data.get("facts", ())),
            source=Source.from_dict(data["source"]) if data.get("source") else None,
            text=data.get("text"),
        )

    def to_json(self, **kwargs: Any) -> str:
        """``to_dict()`` as JSON (UTF-8 characters kept; pass ``indent=2`` to pretty-print).

        Always encodable as UTF-8: a lone surrogate of the input (which no UTF-8 text can hold)
        is written as its ``\\uXXXX`` escape, which ``json.loads`` reads back unchanged."""
        return json_text(self.to_dict(), **kwargs)


def json_text(value: Any, **kwargs: Any) -> str:
    """``json.dumps`` with characters kept as written (``ensure_ascii=False``), except lone
    surrogates, escaped so that the result can always be encoded as UTF-8."""
    kwargs.setdefault("ensure_ascii", False)
    indent = kwargs.get("indent")
    text = None
    plain_indent = kwargs.keys() == {"indent", "ensure_ascii"} and not kwargs["ensure_ascii"]
    if plain_indent and type(indent) is int and indent >= 0:
        text = dumps_indented(value, indent)  # the same text, about twice as fast (bulletin_nlp.json_indent)
    if text is None:
        text = json.dumps(value, **kwargs)
    try:  # only a surrogate cannot be encoded (five times faster than searching for one)
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)  # only inside strings: valid JSON
    return text
