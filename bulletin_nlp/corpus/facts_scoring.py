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
    return list(entities) if annotated(gold) else [e for e in entities if e.get("label") != "DATE"]


def jaccard(a: Record | None, b: Record | None) -> float:
    """Intersection over union of two spans' character offsets (1.0 when both are null)."""
    if a is None or b is None:
        return float(a is None and b is None)
    inter = max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))
    union = (a["end"] - a["start"]) + (b["end"] - b["start"]) - inter
    return inter / union if union else 1.0


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
    k = fact.get("quantity")
    if not isinstance(k, int) or not 0 <= k < len(entities):
        return None
    return entities[k]["start"], entities[k]["end"]


def fact_rows(gold: Record, pred: Record) -> list[Record]:
    """One row per gold fact: the quantity, gold and predicted fields, and which are right."""
    gents, pents = gold.get("entities") or [], pred.get("entities") or []
    predicted = {_quantity_span(pents, f): f for f in pred.get("facts") or []}
    rows = []
    for fact in gold.get("facts") or []:
        span = _quantity_span(gents, fact)
        other = predicted.get(span) if span else None
        pf = other or {}
        ok = {
            "subject": other is not None and _canonical(fact["subject"]) == _canonical(pf.get("subject")),
            "indicator_exact": other is not None and _span(fact["indicator"]) == _span(pf.get("indicator")),
            "indicator_overlap": other is not None and jaccard(fact["indicator"], pf.get("indicator")) >= MIN_JACCARD,
            "period": other is not None and _period_key(fact["period"]) == _period_key(pf.get("period")),
        }
        rows.append({"quantity": span, "text": gents[fact["quantity"]]["text"] if span else None,
                     "gold": fact, "pred": other, "ok": ok})
    return rows


def compare_facts(gold: Record, pred: Record, doc_id: str) -> tuple[Counter[Any], list[Record]]:
    """Counts (keys ``("fact", field, "ok"|"n")``) and errors of one document."""
    c: Counter[Any] = Counter()
    errs: list[Record] = []
    if not annotated(gold):
        return c, errs
    for row in fact_rows(gold, pred):
        c["fact", "all", "n"] += 1
        c["fact", "paired", "n"] += row["pred"] is not None
        for field in FIELDS:
            c["fact", field, "ok"] += row["ok"][field]
        wrong = [f for f in FIELDS if not row["ok"][f] and f != "indicator_exact"]
        if wrong:
            errs.append({"id": doc_id, "kind": "fact", "span": list(row["quantity"] or ()) or None,
                         "field": ",".join(wrong), "gold": _summary(row["gold"]),
                         "pred": _summary(row["pred"]) if row["pred"] else None})
    return c, errs


def fact_metrics(c: Counter[Any]) -> Record:
    """Accuracies from pooled counts (None when no gold fact was compared)."""
    n = c["fact", "all", "n"]
    out: Record = {"n_gold_facts": n, "facts_paired": c["fact", "paired", "n"]}
    for field in FIELDS:
        out[f"fact_{field}_acc"] = c["fact", field, "ok"] / n if n else None
    return out


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
