"""Scoring facts (subject, indicator, period per figure) against corpus gold; the facts table
of the HTML report is :func:`bulletin_nlp.corpus.report.facts_table_html`.

A gold fact is paired with the predicted fact of the same QUANTITY span; a gold fact without
one counts as wrong on every field. Over gold facts:

* ``fact_subject_acc``: same ``canonical`` (or both null);
* ``fact_indicator_exact_acc``: same span (or both null);
* ``fact_indicator_overlap_acc``: character Jaccard (intersection over union of the two
  spans' offsets) ≥ 0.5, or both null;
* ``fact_period_acc``: same interval value (or both without a period).

Records whose ``gold.facts`` is null are not annotated for DATE and facts: they add nothing
here, and their predicted DATE entities are left out of entity scoring (see
:func:`without_unannotated_dates`).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

Record = dict[str, Any]
FIELDS = ("subject", "indicator_exact", "indicator_overlap", "period")
MIN_JACCARD = 0.5


def annotated(gold: Record) -> bool:
    """Whether a gold record carries DATE and facts annotation."""
    return gold.get("facts") is not None


def without_unannotated_dates(gold: Record, entities: Sequence[Record]) -> list[Record]:
    """``entities`` without DATEs when ``gold`` has no DATE annotation."""
    return list(entities) if annotated(gold) else [entity for entity in entities if entity.get("label") != "DATE"]


def jaccard(first: Record | None, second: Record | None) -> float:
    """Intersection over union of two spans' character offsets (1.0 when both are null)."""
    if first is None or second is None:
        return float(first is None and second is None)
    overlap = max(0, min(first["end"], second["end"]) - max(first["start"], second["start"]))
    union = (first["end"] - first["start"]) + (second["end"] - second["start"]) - overlap
    return overlap / union if union else 1.0


def _canonical(subject: Record | None) -> str | None:
    return None if subject is None else subject.get("canonical")


def _period_key(period: Record | None) -> tuple[Any, ...] | None:
    if period is None:
        return None
    value = period.get("value") or {}
    return ("period", value.get("start"), value.get("end"))


def _span(part: Record | None) -> tuple[int, int] | None:
    return None if part is None else (part["start"], part["end"])


def _quantity_span(entities: Sequence[Record], fact: Record) -> tuple[int, int] | None:
    index = fact.get("quantity")
    if not isinstance(index, int) or not 0 <= index < len(entities):
        return None
    return entities[index]["start"], entities[index]["end"]


def fact_rows(gold: Record, pred: Record) -> list[Record]:
    """One row per gold fact: the quantity, gold and predicted fields, and which are right."""
    gold_entities, pred_entities = gold.get("entities") or [], pred.get("entities") or []
    predicted = {_quantity_span(pred_entities, fact): fact for fact in pred.get("facts") or []}
    rows = []
    for fact in gold.get("facts") or []:
        span = _quantity_span(gold_entities, fact)
        paired = predicted.get(span) if span else None
        other = paired or {}
        right = {
            "subject": paired is not None and _canonical(fact["subject"]) == _canonical(other.get("subject")),
            "indicator_exact": paired is not None and _span(fact["indicator"]) == _span(other.get("indicator")),
            "indicator_overlap": paired is not None
            and jaccard(fact["indicator"], other.get("indicator")) >= MIN_JACCARD,
            "period": paired is not None and _period_key(fact["period"]) == _period_key(other.get("period")),
        }
        rows.append({"quantity": span, "text": gold_entities[fact["quantity"]]["text"] if span else None,
                     "gold": fact, "pred": paired, "right": right})
    return rows


def compare_facts(gold: Record, pred: Record, record_id: str) -> tuple[Counter[str], list[Record]]:
    """Counts and errors of one document. Counts: ``gold`` (gold facts), ``paired`` (those with
    a predicted fact on the same QUANTITY) and, per field of :data:`FIELDS`, how many are right."""
    counts: Counter[str] = Counter()
    errors: list[Record] = []
    if not annotated(gold):
        return counts, errors
    for row in fact_rows(gold, pred):
        counts["gold"] += 1
        counts["paired"] += row["pred"] is not None
        for name in FIELDS:
            counts[name] += row["right"][name]
        wrong = [name for name in FIELDS if not row["right"][name] and name != "indicator_exact"]
        if wrong:
            errors.append({"id": record_id, "kind": "fact", "span": list(row["quantity"] or ()) or None,
                           "field": ",".join(wrong), "gold": _summary(row["gold"]),
                           "pred": _summary(row["pred"]) if row["pred"] else None})
    return counts, errors


def fact_metrics(counts: Counter[str]) -> Record:
    """Accuracies from pooled counts (None when no gold fact was compared)."""
    n_gold = counts["gold"]
    metrics: Record = {"n_gold_facts": n_gold, "facts_paired": counts["paired"]}
    for name in FIELDS:
        metrics[f"fact_{name}_acc"] = counts[name] / n_gold if n_gold else None
    return metrics


def _summary(fact: Record | None) -> str | None:
    if fact is None:
        return None
    subject, indicator, period = fact.get("subject"), fact.get("indicator"), fact.get("period")
    parts = [
        f"{subject['canonical']}" if subject else "—",
        indicator["text"].replace("\n", "") if indicator else "—",
        f"{period['text']} {json.dumps(period.get('value'), ensure_ascii=False)}" if period else "—",
    ]
    return " | ".join(parts)
