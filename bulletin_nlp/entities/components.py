"""The pipeline's registered spaCy components.

- ``bulletin_agency_ruler``, ``bulletin_township_ruler``, ``bulletin_quantity_ruler``: rule-based
  entity rulers. Their rules are data (``data/agencies.tsv``, ``data/towns.csv``,
  ``data/units.txt`` …) matched on characters by :mod:`bulletin_nlp.entities.gazetteer` and
  :mod:`bulletin_nlp.entities.quantities`; each match is then aligned to tokens, splitting a token where
  the segmenter put a boundary elsewhere, so ``span.text`` is exactly the mention. The spans go
  to ``doc.spans["bulletin"]`` and their attributes (canonical, code, value, unit, qualifier) to
  ``span._.bulletin``.
- ``bulletin_entities``: copies the spans to ``doc.ents`` (longest first, for displaCy).
- ``bulletin_item_topics``: the item-topic classifier (see :mod:`bulletin_nlp.topics`).

The township ruler reads the bulletin's county code from ``doc.user_data["bulletin_county"]``
(set by :func:`bulletin_nlp.parse`), or infers it from the township names in the text.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import srsly
from spacy.attrs import IDX, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from bulletin_nlp.segment.tokenizer import TEXT_KEY

SPANS_KEY = "bulletin"
ATTRS_KEY = "bulletin_attrs"
COUNTY_KEY = "bulletin_county"
ITEMS_KEY = "bulletin_items"
TOPICS_KEY = "bulletin_topics"



def attrs_key(label: str, start: int, end: int) -> str:
    """Key of a span's attributes in ``doc.user_data["bulletin_attrs"]`` (a string, so that
    ``Doc.to_bytes`` and ``nlp.pipe(n_process=...)`` can serialise it)."""
    return f"{label}:{start}:{end}"


def span_attrs(span: Span) -> dict[str, Any]:
    """The attributes a ruler set on ``span`` (canonical, code, value, unit, qualifier)."""
    return dict(span.doc.user_data.get(ATTRS_KEY, {}).get(attrs_key(span.label_, span.start_char, span.end_char), {}))


if not Span.has_extension("bulletin"):
    Span.set_extension("bulletin", getter=span_attrs)


class _CharRuler:
    """Base of the rulers: find ``(start, end, attrs)`` on ``doc.text``, add aligned spans."""

    label = ""

    def __init__(self, name: str) -> None:
        self.name = name

    def find(self, doc: Doc, text: str) -> Iterable[tuple[int, int, dict[str, Any]]]:
        raise NotImplementedError

    def __call__(self, doc: Doc) -> Doc:
        matches = list(self.find(doc, doc_text(doc)))
        doc = with_boundaries_at(doc, {offset for start, end, _ in matches for offset in (start, end)})
        spans = []
        attrs = doc.user_data.setdefault(ATTRS_KEY, {})
        for start, end, values in matches:
            span = doc.char_span(start, end, label=self.label)
            if span is None:  # a boundary inside whitespace: cannot happen for trimmed matches
                continue
            spans.append(span)
            attrs[attrs_key(self.label, start, end)] = values
        if SPANS_KEY in doc.spans:
            doc.spans[SPANS_KEY].extend(spans)
        else:
            doc.spans[SPANS_KEY] = spans
        return doc

    def to_disk(self, path: str | Path, **kwargs: Any) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path: str | Path, **kwargs: Any) -> _CharRuler:
        return self


class AgencyRuler(_CharRuler):
    """AGENCY mentions with their canonical name."""

    label = "AGENCY"

    def find(self, doc: Doc, text: str) -> Iterable[tuple[int, int, dict[str, Any]]]:
        from bulletin_nlp.entities.gazetteer import Gazetteer

        for m in Gazetteer.default().find_agencies(text):
            yield m.start, m.end, {"canonical": m.canonical}


class TownshipRuler(_CharRuler):
    """TOWNSHIP mentions with canonical name and 民政部 division code."""

    label = "TOWNSHIP"

    def find(self, doc: Doc, text: str) -> Iterable[tuple[int, int, dict[str, Any]]]:
        from bulletin_nlp.entities.gazetteer import Gazetteer

        gazetteer = Gazetteer.default()
        county = doc.user_data.get(COUNTY_KEY)
        if COUNTY_KEY not in doc.user_data:  # parse() has looked already; a bare nlp(text) has not
            inferred = gazetteer.infer_county(text)
            county = inferred.code if inferred else None
        for m in gazetteer.find_townships(text, county):
            yield m.start, m.end, {"canonical": m.canonical, "code": m.code}


class QuantityRuler(_CharRuler):
    """QUANTITY mentions with value, unit and qualifier."""

    label = "QUANTITY"

    def find(self, doc: Doc, text: str) -> Iterable[tuple[int, int, dict[str, Any]]]:
        from bulletin_nlp.entities.quantities import find_quantities

        for m in find_quantities(text):
            yield m.start, m.end, {"value": m.value, "unit": m.unit, "qualifier": m.qualifier}


def doc_text(doc: Doc) -> str:
    """``doc.text``, as the tokenizer recorded it (``doc.text`` walks every token)."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def with_boundaries_at(doc: Doc, offsets: set[int]) -> Doc:
    """``doc``, or a copy of it whose tokens are split wherever one of ``offsets`` falls
    strictly inside a token. The copy is built in one pass (spaCy's retokenizer shifts the
    whole Doc for every split, which is quadratic on long texts); user data, span groups,
    entities and cats are carried over by character offsets."""
    if not offsets or not len(doc):
        return doc
    text = doc_text(doc)
    starts, spaces = doc.to_array([IDX, SPACY]).astype(np.int64).T
    ends = np.append(starts[1:], len(text)) - spaces
    points = np.unique(np.fromiter(offsets, dtype=np.int64, count=len(offsets)))
    token = np.searchsorted(starts, points, side="right") - 1
    inside = (token >= 0) & (starts[np.maximum(token, 0)] < points) & (points < ends[np.maximum(token, 0)])
    if not inside.any():
        return doc
    bounds = np.sort(np.concatenate([starts, points[inside]]))  # token starts after the cuts
    owner = np.searchsorted(starts, bounds, side="right") - 1  # the token each piece comes from
    last = np.append(owner[1:] != owner[:-1], True)  # a token's last piece keeps its end and space
    new_ends = np.where(last, ends[owner], np.append(bounds[1:], 0))
    words = [text[a:b] for a, b in zip(bounds.tolist(), new_ends.tolist(), strict=True)]
    new_spaces = (last & (spaces[owner] > 0)).tolist()
    copy = Doc(doc.vocab, words=words, spaces=new_spaces)
    copy.user_data.update(doc.user_data)
    copy.cats = dict(doc.cats)
    for key, group in doc.spans.items():
        copy.spans[key] = [_span_in(copy, span) for span in group]
    copy.ents = [_span_in(copy, span) for span in doc.ents]
    return copy


def _span_in(copy: Doc, span: Span) -> Span:
    """``span`` moved to ``copy``, whose token boundaries include all of the original's."""
    moved = copy.char_span(span.start_char, span.end_char, label=span.label_)
    if moved is None:
        raise ValueError(f"span {span.start_char}-{span.end_char} does not fall on token boundaries of the copy")
    return moved


@Language.factory("bulletin_agency_ruler", assigns=["doc.spans"])
def make_agency_ruler(nlp: Language, name: str) -> AgencyRuler:
    return AgencyRuler(name)


@Language.factory("bulletin_township_ruler", assigns=["doc.spans"])
def make_township_ruler(nlp: Language, name: str) -> TownshipRuler:
    return TownshipRuler(name)


@Language.factory("bulletin_quantity_ruler", assigns=["doc.spans"])
def make_quantity_ruler(nlp: Language, name: str) -> QuantityRuler:
    return QuantityRuler(name)


@Language.component("bulletin_entities", assigns=["doc.ents"], requires=["doc.spans"])
def set_entities(doc: Doc) -> Doc:
    """Drop numbers read inside names (the township 二台 is not "2 台"), then copy the spans to
    ``doc.ents``, keeping the longest where labels overlap."""
    spans = list(doc.spans[SPANS_KEY]) if SPANS_KEY in doc.spans else []
    names = sorted((s.start_char, s.end_char) for s in spans if s.label_ != QuantityRuler.label)
    name_starts = [start for start, _ in names]
    longest = max((end - start for start, end in names), default=0)

    def inside_name(span: Span) -> bool:
        first = bisect_left(name_starts, span.start_char - longest)
        last = bisect_left(name_starts, span.end_char)
        return any(names[i][1] > span.start_char for i in range(first, last))

    kept = [s for s in spans if s.label_ != QuantityRuler.label or not inside_name(s)]
    doc.spans[SPANS_KEY] = kept
    doc.ents = filter_spans(kept)
    return doc


class ItemTopics:
    """Sets a topic and a score for every topic on each item of a bulletin.

    Items come from ``doc.user_data["bulletin_items"]`` (dicts with section, headline, body,
    sources), set by :func:`bulletin_nlp.parse`; results go to
    ``doc.user_data["bulletin_topics"]`` in the same order. A Doc without items is classified
    as one item and gets ``doc.cats``.
    """

    def __init__(self, name: str, model: str | None) -> None:
        self.name = name
        self.model_dir = Path(model) if model else None
        self._model: Any = None
        self._loaded = False  # loaded on first use, or by from_disk: a saved pipeline never
        # needs the directory its topic model was first loaded from

    @property
    def classifier(self) -> Any:
        """The :class:`~bulletin_nlp.topics.model.TopicClassifier`, or None without one.

        Not called ``model``: spaCy probes ``component.model`` (as a Thinc model) while it
        assembles a pipeline, which would load the classifier from a directory that may
        be gone by then."""
        if not self._loaded:
            directory = self.model_dir or default_topic_model_dir()
            if directory is not None:
                from bulletin_nlp.topics.model import TopicClassifier

                self._model = TopicClassifier.load(directory)
            self._loaded = True
        return self._model

    def __call__(self, doc: Doc) -> Doc:
        model = self.classifier
        if model is None:
            return doc
        items = doc.user_data.get(ITEMS_KEY)
        if items is None:
            doc.cats = model.predict_scores([{"section": "", "headline": "", "body": doc_text(doc), "sources": []}])[0]
            return doc
        doc.user_data[TOPICS_KEY] = model.predict(items) if items else []
        return doc

    def to_disk(self, path: str | Path, **kwargs: Any) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        if self.classifier is not None:
            self.classifier.save(path / "model")
        srsly.write_json(path / "cfg", {"has_model": self.classifier is not None})

    def from_disk(self, path: str | Path, **kwargs: Any) -> ItemTopics:
        from bulletin_nlp.topics.model import TopicClassifier

        path = Path(path)
        has_model = srsly.read_json(path / "cfg").get("has_model")
        self._model = TopicClassifier.load(path / "model") if has_model else None
        self._loaded = True
        return self


def default_topic_model_dir() -> Path | None:
    """The shipped topic model: ``bulletin_nlp/models/topics`` in a wheel, ``models/topics`` in a clone."""
    from bulletin_nlp.resources import model_path

    return model_path("topics")


@Language.factory(
    "bulletin_item_topics", default_config={"model": None}, assigns=["doc.cats", "doc.user_data"]
)
def make_item_topics(nlp: Language, name: str, model: str | None) -> ItemTopics:
    return ItemTopics(name, model)
