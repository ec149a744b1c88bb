"""Score ``Bulletin.to_dict()`` predictions against corpus gold (the text table and HTML report are
:mod:`bulletin_nlp.corpus.report`; parsing and scoring a corpus is :mod:`bulletin_nlp.corpus.evaluate`).

Conventions (also in docs/corpus-format.md, "Evaluation"):

* P = tp / n_pred and R = tp / n_gold; a ratio whose denominator is 0 is **1.0 when the other
  side is empty too** (nothing to find, nothing found) and 0.0 otherwise, so empty gold with
  empty predictions scores 1.0 and empty predictions against non-empty gold score 0.0
  (spaCy's ``PRFScore`` gives 0.0 in both cases). Counts are pooled over documents (micro).
* Accuracies with nothing to compare (e.g. no matched items) are ``None``.
* Items are matched one-to-one, greedily by largest intersection-over-union, when IoU >= 0.5;
  headline, sources and topic figures are over matched items. Sections are matched one-to-one
  by largest overlap; unmatched gold sections count as wrong titles.
* Entity attributes (value, unit, qualifier, canonical, code, DATE interval) are scored on
  exact-span matches. DATE entities and facts count only where the gold has them
  (``gold.facts`` not null; :mod:`bulletin_nlp.corpus.facts_scoring`).
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from bulletin_nlp.corpus.facts_scoring import compare_facts, fact_metrics, without_unannotated_dates
from bulletin_nlp.text.chars import WHITESPACE

MASTHEAD = ("title", "issue", "issue_total", "date", "publisher", "county")
_OPTIONAL_GOLD = {"issue_total"}  # scored only where the gold record has the key
FOOTER = ("distribution", "editor", "reviewer", "issuer")
LABELS = ("AGENCY", "TOWNSHIP", "QUANTITY", "DATE")
#: Attributes scored only where the gold has them (older corpora have ``level: null``).
OPTIONAL_ATTRS = frozenset({"level"})
ATTRS = {"QUANTITY": ("value", "unit", "qualifier"), "AGENCY": ("canonical", "level"),
         "TOWNSHIP": ("code", "canonical"), "DATE": ("interval",)}
Record = dict[str, Any]


# --------------------------------------------------------------------------- helpers
def _prf(pred_hits: float, n_pred: float, gold_hits: float, n_gold: float) -> dict[str, float]:
    """Precision, recall and F1 with this module's convention for empty denominators."""
    precision = pred_hits / n_pred if n_pred else float(n_gold == 0)
    recall = gold_hits / n_gold if n_gold else float(n_pred == 0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"p": precision, "r": recall, "f": f1}


def _acc(right: int, total: int) -> float | None:
    return right / total if total else None


def _norm(value: Any) -> Any:
    """Empty strings and missing values compare equal; strings are stripped."""
    if isinstance(value, str):
        value = value.strip()
    return None if value in ("", None) else value


def _same(attr: str, gold: Any, pred: Any) -> bool:
    if attr == "value" and isinstance(gold, (int, float)) and isinstance(pred, (int, float)):
        return math.isclose(gold, pred, rel_tol=1e-6)
    return bool(_norm(gold) == _norm(pred))


def _trim(text: str | None, start: int, end: int) -> tuple[int, int]:
    if text is None:
        return start, end
    while start < end and text[start] in WHITESPACE:
        start += 1
    while end > start and text[end - 1] in WHITESPACE:
        end -= 1
    return start, end


def _trimmed_spans(text: str | None, spans: Iterable[Record]) -> set[tuple[int, int]]:
    return {_trim(text, span["start"], span["end"]) for span in spans}


def _overlap(first: Record, second: Record) -> int:
    overlap: int = max(0, min(first["end"], second["end"]) - max(first["start"], second["start"]))
    return overlap


def _match(gold: Sequence[Record], pred: Sequence[Record], min_iou: float) -> dict[int, int]:
    """One-to-one greedy matching by IoU (``min_iou`` > 0) or by overlap size (``min_iou`` = 0)."""
    pairs = []
    for gold_index, gold_span in enumerate(gold):
        for pred_index, pred_span in enumerate(pred):
            overlap = _overlap(gold_span, pred_span)
            union = max(gold_span["end"], pred_span["end"]) - min(gold_span["start"], pred_span["start"])
            closeness = overlap / union if min_iou and union else overlap
            if overlap and closeness >= min_iou:
                pairs.append((-closeness, gold_index, pred_index))
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _, gold_index, pred_index in sorted(pairs):
        if gold_index not in matched and pred_index not in used:
            matched[gold_index] = pred_index
            used.add(pred_index)
    return matched


def _topic_name(topic: str | None) -> str:
    return "(none)" if topic is None else str(topic)


def _unpack(record: Record, position: int) -> tuple[str, str | None, Record]:
    """(id, text, gold) of a corpus record or a bare gold dict (id: its position)."""
    gold = record.get("gold", record)
    return str(record.get("id", position)), record.get("text"), gold


def _items(bulletin: Record) -> list[Record]:
    return [item for section in bulletin.get("sections") or [] for item in section.get("items") or []]


def _entity_key(entity: Record) -> tuple[str, int, int]:
    return entity["label"], entity["start"], entity["end"]


# --------------------------------------------------------------------------- comparison
@dataclass
class Counts:
    """What one document (or, added up, a corpus) got right, out of how many.

    Per-field counters are keyed by masthead or footer field, entity label, ``(label, attribute)``
    or ``(gold topic, predicted topic)``.
    """

    masthead_right: Counter[str] = field(default_factory=Counter)
    masthead_compared: Counter[str] = field(default_factory=Counter)
    footer_right: Counter[str] = field(default_factory=Counter)
    footer_compared: Counter[str] = field(default_factory=Counter)
    sections_gold: int = 0
    sections_pred: int = 0
    sections_exact: int = 0
    section_titles_right: int = 0
    items_gold: int = 0
    items_pred: int = 0
    items_exact: int = 0
    items_exact_trimmed: int = 0  # exact once surrounding whitespace is ignored
    items_matched: int = 0
    headlines_right: int = 0
    sources_right: int = 0
    topics_right: int = 0
    topic_pairs: Counter[tuple[str | None, str | None]] = field(default_factory=Counter)
    entities_gold: Counter[str] = field(default_factory=Counter)
    entities_pred: Counter[str] = field(default_factory=Counter)
    entities_exact: Counter[str] = field(default_factory=Counter)
    entities_gold_overlapped: Counter[str] = field(default_factory=Counter)  # gold overlapping a prediction
    entities_pred_overlapped: Counter[str] = field(default_factory=Counter)  # predictions overlapping gold
    attributes_right: Counter[tuple[str, str]] = field(default_factory=Counter)
    attributes_compared: Counter[tuple[str, str]] = field(default_factory=Counter)
    facts: Counter[str] = field(default_factory=Counter)  # see facts_scoring.compare_facts

    def add(self, other: Counts) -> None:
        """Add ``other``'s counts to these."""
        for name in self.__dataclass_fields__:
            mine = getattr(self, name)
            if isinstance(mine, Counter):
                mine.update(getattr(other, name))
            else:
                setattr(self, name, mine + getattr(other, name))


_ItemFieldCounter = Literal["headlines_right", "sources_right", "topics_right"]


def compare(gold_record: Record, pred: Record, doc_id: str | None = None) -> tuple[Counts, list[Record]]:
    """Counts and error list of one document (``gold_record``: corpus record or bare gold)."""
    record_id, text, gold = _unpack(gold_record, 0)
    record_id = doc_id or record_id
    pred = pred or {}
    counts = Counts()
    errors: list[Record] = []

    def error(kind: str, **details: Any) -> None:
        errors.append({"id": record_id, "kind": kind, **details})

    for name in MASTHEAD:
        if name in _OPTIONAL_GOLD and name not in gold:
            continue
        right = _same(name, gold.get(name), pred.get(name))
        counts.masthead_right[name] += right
        counts.masthead_compared[name] += 1
        if not right:
            error("masthead", field=name, gold=gold.get(name), pred=pred.get(name))
    gold_footer, pred_footer = gold.get("footer") or {}, pred.get("footer") or {}
    for name in FOOTER:
        gold_value, pred_value = gold_footer.get(name), pred_footer.get(name)
        if name == "distribution":
            right = list(gold_value or []) == list(pred_value or [])
        else:
            right = _same(name, gold_value, pred_value)
        counts.footer_right[name] += right
        counts.footer_compared[name] += 1
        if not right:
            error("footer", field=name, gold=gold_value, pred=pred_value)

    _compare_sections(gold.get("sections") or [], pred.get("sections") or [], counts, error)
    _compare_items(text, _items(gold), _items(pred), counts, error)
    _compare_entities(gold.get("entities") or [], without_unannotated_dates(gold, pred.get("entities") or []),
                      counts, error)
    fact_counts, fact_errors = compare_facts(gold, pred, record_id)
    counts.facts.update(fact_counts)
    return counts, errors + fact_errors


class _ErrorSink(Protocol):
    def __call__(self, kind: str, **details: Any) -> None: ...


def _compare_sections(gold_sections: list[Record], pred_sections: list[Record], counts: Counts,
                      error: _ErrorSink) -> None:
    counts.sections_gold, counts.sections_pred = len(gold_sections), len(pred_sections)
    counts.sections_exact = len({(section["start"], section["end"]) for section in gold_sections}
                                & {(section["start"], section["end"]) for section in pred_sections})
    matched = _match(gold_sections, pred_sections, 0)
    for gold_index, section in enumerate(gold_sections):
        span = [section["start"], section["end"]]
        pred_title = pred_sections[matched[gold_index]].get("title") if gold_index in matched else None
        right = gold_index in matched and _norm(section.get("title")) == _norm(pred_title)
        counts.section_titles_right += right
        if gold_index not in matched:
            error("section_missed", span=span, gold=section.get("title"), pred=None)
        elif not right:
            error("section_title", span=span, gold=section.get("title"), pred=pred_title)
    for pred_index in sorted(set(range(len(pred_sections))) - set(matched.values())):
        section = pred_sections[pred_index]
        error("section_spurious", span=[section["start"], section["end"]], gold=None, pred=section.get("title"))


def _compare_items(text: str | None, gold_items: list[Record], pred_items: list[Record], counts: Counts,
                   error: _ErrorSink) -> None:
    counts.items_gold, counts.items_pred = len(gold_items), len(pred_items)
    counts.items_exact = len({(item["start"], item["end"]) for item in gold_items}
                             & {(item["start"], item["end"]) for item in pred_items})
    counts.items_exact_trimmed = len(_trimmed_spans(text, gold_items) & _trimmed_spans(text, pred_items))
    matched = _match(gold_items, pred_items, 0.5)
    counts.items_matched = len(matched)
    for gold_index, gold_item in enumerate(gold_items):
        span = [gold_item["start"], gold_item["end"]]
        if gold_index not in matched:
            error("item_missed", span=span, gold=gold_item.get("headline"), pred=None)
            continue
        pred_item = pred_items[matched[gold_index]]
        if (gold_item["start"], gold_item["end"]) != (pred_item["start"], pred_item["end"]):
            error("item_boundary", span=span, gold=span, pred=[pred_item["start"], pred_item["end"]])
        compared: tuple[tuple[str, _ItemFieldCounter, Any, Any], ...] = (
            ("headline", "headlines_right", gold_item.get("headline") or "", pred_item.get("headline") or ""),
            ("sources", "sources_right", list(gold_item.get("sources") or []), list(pred_item.get("sources") or [])),
            ("topic", "topics_right", gold_item.get("topic"), pred_item.get("topic")),
        )
        for kind, counter, gold_value, pred_value in compared:
            setattr(counts, counter, getattr(counts, counter) + (gold_value == pred_value))
            if gold_value != pred_value:
                error(kind, span=span, gold=gold_value, pred=pred_value, headline=gold_item.get("headline"),
                      scores=pred_item.get("topic_scores") if kind == "topic" else None)
        counts.topic_pairs[gold_item.get("topic"), pred_item.get("topic")] += 1
    for pred_index in sorted(set(range(len(pred_items))) - set(matched.values())):
        item = pred_items[pred_index]
        error("item_spurious", span=[item["start"], item["end"]], gold=None, pred=item.get("headline"))


def _compare_entities(gold_entities: list[Record], pred_entities: list[Record], counts: Counts,
                      error: _ErrorSink) -> None:
    pred_by_key: dict[tuple[str, int, int], Record] = {}
    for entity in pred_entities:
        pred_by_key.setdefault(_entity_key(entity), entity)
        counts.entities_pred[entity["label"]] += 1
    gold_keys = {_entity_key(entity) for entity in gold_entities}
    for entity in gold_entities:
        label, key, span = entity["label"], _entity_key(entity), [entity["start"], entity["end"]]
        counts.entities_gold[label] += 1
        near = [pred for pred in pred_entities if pred["label"] == label and _overlap(entity, pred)]
        counts.entities_gold_overlapped[label] += bool(near)
        if key not in pred_by_key:
            error("entity_boundary" if near else "entity_missed", label=label, span=span,
                  gold=entity.get("text"), pred=[pred.get("text") for pred in near] or None,
                  pred_spans=[[pred["start"], pred["end"]] for pred in near])
            continue
        counts.entities_exact[label] += 1
        for attr in ATTRS.get(label, ()):
            if attr in OPTIONAL_ATTRS and entity.get(attr) is None:
                continue  # gold made before the attribute existed
            right = _same(attr, entity.get(attr), pred_by_key[key].get(attr))
            counts.attributes_right[label, attr] += right
            counts.attributes_compared[label, attr] += 1
            if not right:
                error("entity_attr", label=label, span=span, field=attr,
                      gold=entity.get(attr), pred=pred_by_key[key].get(attr), text=entity.get("text"))
    for pred in pred_entities:
        hit = any(pred["label"] == gold["label"] and _overlap(gold, pred) for gold in gold_entities)
        counts.entities_pred_overlapped[pred["label"]] += hit
        if not hit and _entity_key(pred) not in gold_keys:
            error("entity_spurious", label=pred["label"], span=[pred["start"], pred["end"]], gold=None,
                  pred=pred.get("text"))


def _metrics(counts: Counts) -> Record:
    """Figures from pooled counts."""
    metrics: Record = {}
    metrics["masthead_acc"] = _acc(sum(counts.masthead_right.values()), sum(counts.masthead_compared.values()))
    metrics["masthead_per_field"] = {name: _acc(counts.masthead_right[name], counts.masthead_compared[name])
                                     for name in MASTHEAD
                                     if name not in _OPTIONAL_GOLD or counts.masthead_compared[name]}
    metrics["sections_title_acc"] = _acc(counts.section_titles_right, counts.sections_gold)
    for key, value in _prf(counts.sections_exact, counts.sections_pred, counts.sections_exact,
                           counts.sections_gold).items():
        metrics[f"sections_{key}"] = value
    for prefix, exact in (("items", counts.items_exact), ("items_ws", counts.items_exact_trimmed)):
        for key, value in _prf(exact, counts.items_pred, exact, counts.items_gold).items():
            metrics[f"{prefix}_{key}"] = value
    metrics["items_matched"] = counts.items_matched
    metrics["headline_acc"] = _acc(counts.headlines_right, counts.items_matched)
    metrics["sources_acc"] = _acc(counts.sources_right, counts.items_matched)
    metrics["footer_acc"] = _acc(sum(counts.footer_right.values()), sum(counts.footer_compared.values()))
    metrics["footer_per_field"] = {name: _acc(counts.footer_right[name], counts.footer_compared[name])
                                   for name in FOOTER}
    seen_labels = set(counts.entities_gold) | set(counts.entities_pred)
    labels = list(LABELS) + sorted(seen_labels - set(LABELS))
    n_exact = sum(counts.entities_exact[label] for label in labels)
    n_pred = sum(counts.entities_pred[label] for label in labels)
    n_gold = sum(counts.entities_gold[label] for label in labels)
    n_pred_overlapped = sum(counts.entities_pred_overlapped[label] for label in labels)
    n_gold_overlapped = sum(counts.entities_gold_overlapped[label] for label in labels)
    for prefix, (pred_hits, gold_hits) in (("ents", (n_exact, n_exact)),
                                           ("ents_overlap", (n_pred_overlapped, n_gold_overlapped))):
        for key, value in _prf(pred_hits, n_pred, gold_hits, n_gold).items():
            metrics[f"{prefix}_{key}"] = value
    metrics["ents_per_type"] = {
        label: _prf(counts.entities_exact[label], counts.entities_pred[label], counts.entities_exact[label],
                    counts.entities_gold[label]) for label in labels}
    metrics["ents_overlap_per_type"] = {
        label: _prf(counts.entities_pred_overlapped[label], counts.entities_pred[label],
                    counts.entities_gold_overlapped[label], counts.entities_gold[label]) for label in labels}
    for label, attrs in ATTRS.items():
        for attr in attrs:
            metrics[f"{label.lower()}_{attr}_acc"] = _acc(counts.attributes_right[label, attr],
                                                          counts.attributes_compared[label, attr])
    confusion: dict[str, dict[str, int]] = {}
    for (gold_topic, pred_topic), n_items in counts.topic_pairs.items():
        if n_items:
            row = confusion.setdefault(_topic_name(gold_topic), {})
            row[_topic_name(pred_topic)] = row.get(_topic_name(pred_topic), 0) + n_items
    metrics["topic_acc"] = _acc(counts.topics_right, counts.items_matched)
    codes = sorted({topic for pair, n_items in counts.topic_pairs.items() if n_items
                    for topic in pair if topic is not None})
    per_topic = {}
    for code in codes:
        right = counts.topic_pairs[code, code]
        n_pred_topic = sum(n for (_, pred_topic), n in counts.topic_pairs.items() if pred_topic == code)
        n_gold_topic = sum(n for (gold_topic, _), n in counts.topic_pairs.items() if gold_topic == code)
        per_topic[code] = _prf(right, n_pred_topic, right, n_gold_topic) | {"support": n_gold_topic}
    metrics["topic_macro_f"] = (sum(figures["f"] for figures in per_topic.values()) / len(per_topic)
                                if per_topic else None)
    metrics["topic_per_type"] = per_topic
    metrics["topic_confusion"] = confusion
    metrics["n_gold_items"], metrics["n_pred_items"] = counts.items_gold, counts.items_pred
    metrics["n_gold_ents"], metrics["n_pred_ents"] = n_gold, n_pred
    metrics.update(fact_metrics(counts.facts))
    headline_figures = [metrics[key] for key in ("masthead_acc", "sections_title_acc", "items_f", "headline_acc",
                                                 "sources_acc", "footer_acc", "ents_f", "topic_acc")
                        if metrics[key] is not None]
    metrics["overall"] = sum(headline_figures) / len(headline_figures) if headline_figures else None
    return metrics


def score(gold_records: Sequence[Record], predictions: Sequence[Record]) -> Record:
    """Corpus figures plus ``per_doc`` (the same figures per bulletin, with ``id``).

    ``gold_records``: corpus records (``id``, ``text``, ``gold``) or bare gold dicts;
    ``predictions``: ``Bulletin.to_dict()`` dicts in the same order (``{}`` = nothing predicted).
    """
    if len(gold_records) != len(predictions):
        raise ValueError(f"{len(gold_records)} gold records but {len(predictions)} predictions")
    total = Counts()
    per_doc = []
    for position, (gold, pred) in enumerate(zip(gold_records, predictions, strict=True)):
        record_id = _unpack(gold, position)[0]
        counts, _ = compare(gold, pred, record_id)
        total.add(counts)
        per_doc.append({"id": record_id} | _metrics(counts))
    return {"n_docs": len(gold_records)} | _metrics(total) | {"per_doc": per_doc}


def list_errors(gold_records: Sequence[Record], predictions: Sequence[Record]) -> list[Record]:
    """Every mistake as ``{id, kind, span?, label?, field?, gold, pred, ...}``."""
    return [error for position, (gold, pred) in enumerate(zip(gold_records, predictions, strict=False))
            for error in compare(gold, pred, _unpack(gold, position)[0])[1]]


def bulletin_records(records: Iterable[Record]) -> list[Record]:
    """Drop topic-item lines (``corpus/topics``): only bulletins are parsed and scored."""
    return [record for record in records if "gold" in record or "text" in record or "body" not in record]
