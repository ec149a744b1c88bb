"""Labelled bulletins as spaCy objects: gold ``Doc``s (entities, sections, items, headlines),
``Example``s for the entity components and one-hot topic ``Example``s (format:
docs/corpus-format.md)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from bulletin_nlp.corpus.records import ENTITY_KEYS, item_records, item_text
from bulletin_nlp.topics.taxonomy import topic_codes

if TYPE_CHECKING:  # spaCy loads only when these are called
    from spacy.language import Language
    from spacy.tokens import Doc, DocBin, Span
    from spacy.training import Example

__all__ = ["to_docbin", "to_spacy_examples", "topic_examples"]


def _reference_doc(record: dict[str, Any], nlp: Language) -> Doc:
    """The record's text as a Doc carrying its gold entities, sections, items and headlines."""
    from spacy.util import filter_spans

    doc = nlp.make_doc(record["text"])
    gold = record["gold"]
    gold_spans, entity_spans = [], []
    for entity in gold["entities"]:
        strict = doc.char_span(entity["start"], entity["end"], label=entity["label"], alignment_mode="strict")
        wide = doc.char_span(entity["start"], entity["end"], label=entity["label"], alignment_mode="expand")
        if wide is not None:
            entity_spans.append(wide)
            gold_spans.append(strict if strict is not None else wide)
    doc.ents = filter_spans(entity_spans)
    doc.spans["gold"] = gold_spans

    def spans(triples: Iterable[tuple[int, int, str | None]]) -> list[Span]:
        made = (doc.char_span(start, end, label=label or "", alignment_mode="expand") for start, end, label in triples)
        return [span for span in made if span is not None]

    sections = gold["sections"]
    items = [item for section in sections for item in section["items"]]
    doc.spans["sections"] = spans((section["start"], section["end"], "SECTION") for section in sections)
    doc.spans["items"] = spans((item["start"], item["end"], item.get("topic")) for item in items)
    doc.spans["headlines"] = spans((item["headline_start"], item["headline_end"], "HEADLINE")
                                   for item in items if item.get("headline_start") is not None)
    doc.user_data["id"] = record.get("id")
    doc.user_data["entities"] = [{key: entity.get(key) for key in ENTITY_KEYS} for entity in gold["entities"]]
    return doc


def to_spacy_examples(records: Iterable[dict[str, Any]], nlp: Language) -> list[Example]:
    """One ``Example`` per bulletin; the reference doc carries the gold (see :func:`to_docbin`)."""
    from spacy.training import Example

    return [Example(nlp.make_doc(record["text"]), _reference_doc(record, nlp)) for record in records]


def to_docbin(records: Iterable[dict[str, Any]], nlp: Language) -> DocBin:
    """Gold docs in a ``DocBin`` (user data stored).

    ``doc.ents``: entities expanded to token boundaries, cross-label overlaps resolved by
    ``spacy.util.filter_spans``; ``doc.spans["gold"]``: every entity, exact when it aligns with
    tokens (else expanded); ``doc.user_data["entities"]``: exact char offsets and attributes;
    span groups ``sections``, ``items`` (label = topic) and ``headlines``.
    """
    from spacy.tokens import DocBin

    docbin = DocBin(store_user_data=True)
    for record in records:
        docbin.add(_reference_doc(record, nlp))
    return docbin


def topic_examples(records: Iterable[dict[str, Any]], nlp: Language) -> list[Example]:
    """One textcat ``Example`` per topic item (bulletin items and topic-item lines), one-hot cats."""
    from spacy.training import Example

    codes = topic_codes()
    return [Example.from_dict(nlp.make_doc(item_text(item)),
                              {"cats": {code: float(code == item["topic"]) for code in codes}})
            for item in item_records(records)]
