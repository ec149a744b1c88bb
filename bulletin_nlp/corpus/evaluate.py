"""Parse a labelled corpus and score the results: :func:`evaluate`, :func:`evaluate_records`.

The scoring conventions are in :mod:`bulletin_nlp.corpus.scoring` (and docs/corpus-format.md,
"Evaluation"); the table and HTML report in :mod:`bulletin_nlp.corpus.report`. Both are
re-exported here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from bulletin_nlp.corpus.records import read_records
from bulletin_nlp.corpus.report import format_table, write_html
from bulletin_nlp.corpus.scoring import (
    ATTRS,
    FOOTER,
    LABELS,
    MASTHEAD,
    Record,
    bulletin_records,
    compare,
    list_errors,
    score,
)

__all__ = ["ATTRS", "FOOTER", "LABELS", "MASTHEAD", "compare", "evaluate", "evaluate_records", "format_table",
           "list_errors", "predict", "score", "write_html"]


def predict(records: Iterable[Record], nlp: Any = None) -> tuple[list[Record], list[Record]]:
    """``parse()`` every record's text; returns predictions and ``{id, error}`` failures."""
    from bulletin_nlp.api import parse  # lazy: the parser is optional for scoring

    preds: list[Record] = []
    failures: list[Record] = []
    for position, record in enumerate(records):
        try:
            bulletin = parse(record["text"], nlp=nlp)
            preds.append(bulletin if isinstance(bulletin, dict) else bulletin.to_dict())
        except Exception as exc:  # a failed document is reported, not fatal
            preds.append({})
            failures.append({"id": str(record.get("id", position)), "error": f"{type(exc).__name__}: {exc}"})
    return preds, failures


def evaluate_records(records: Iterable[Record], nlp: Any = None) -> tuple[Record, list[Record]]:
    """Parse and score bulletin records: (``score(...)`` + ``errors`` + ``failures``, predictions).

    Topic-item lines are skipped; predictions align with the remaining records, as does
    :func:`write_html`, which skips them too.
    """
    recs = bulletin_records(records)
    preds, failures = predict(recs, nlp)
    return score(recs, preds) | {"errors": list_errors(recs, preds), "failures": failures}, preds


def evaluate(corpus: str | Path | Sequence[Record], nlp: Any = None, html: str | Path | None = None) -> Record:
    """Like :func:`evaluate_records` for a path or list, returning the metrics; ``html``: report path."""
    recs = bulletin_records(read_records(corpus) if isinstance(corpus, (str, Path)) else corpus)
    metrics, preds = evaluate_records(recs, nlp)
    if html:
        write_html(metrics, recs, preds, html)
    return metrics
