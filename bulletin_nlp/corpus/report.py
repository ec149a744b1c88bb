"""Evaluation reports: a plain-text table of the metrics and an HTML page with every error in
context (metrics from :mod:`bulletin_nlp.corpus.scoring`)."""

from __future__ import annotations

import html as _html
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bulletin_nlp.corpus.facts_scoring import annotated, fact_rows
from bulletin_nlp.corpus.scoring import ATTRS, Record, _entity_key, _unpack, bulletin_records, compare
from bulletin_nlp.render import ENTITY_CSS


def _pct(fraction: float | None) -> str:
    return "     —" if fraction is None else f"{100 * fraction:6.1f}"


def _row(name: str, *fractions: float | None) -> str:
    return f"{name:<24}" + "".join(_pct(fraction) for fraction in fractions)


def _prf_of(metrics: Record, prefix: str) -> tuple[float, float, float]:
    return metrics[f"{prefix}_p"], metrics[f"{prefix}_r"], metrics[f"{prefix}_f"]


def format_table(metrics: Record, worst: int = 10) -> str:
    """A plain-text summary (figures in %), with the ``worst`` documents by ``overall``."""
    lines = [f"documents {metrics.get('n_docs', '?')}   gold items {metrics['n_gold_items']}   "
             f"matched {metrics['items_matched']}   gold entities {metrics['n_gold_ents']}",
             f"{'':<24}{'P':>6}{'R':>6}{'F':>6}",
             _row("sections (exact)", *_prf_of(metrics, "sections")),
             _row("items (exact)", *_prf_of(metrics, "items")),
             _row("items (whitespace)", *_prf_of(metrics, "items_ws")),
             _row("entities (exact)", *_prf_of(metrics, "ents")),
             _row("entities (overlap)", *_prf_of(metrics, "ents_overlap"))]
    for label, exact in metrics["ents_per_type"].items():
        overlap = metrics["ents_overlap_per_type"][label]
        lines.append(_row(f"  {label}", exact["p"], exact["r"], exact["f"])
                     + "   overlap" + _pct(overlap["p"]) + _pct(overlap["r"]) + _pct(overlap["f"]))
    lines.append("\naccuracy")
    accuracies = [("masthead", metrics["masthead_acc"])]
    accuracies += [(f"  {name}", value) for name, value in metrics["masthead_per_field"].items()]
    accuracies += [("section titles", metrics["sections_title_acc"]), ("headlines", metrics["headline_acc"]),
                   ("sources", metrics["sources_acc"]), ("footer", metrics["footer_acc"])]
    accuracies += [(f"  {name}", value) for name, value in metrics["footer_per_field"].items()]
    accuracies += [(f"{label} {attr}", metrics[f"{label.lower()}_{attr}_acc"])
                   for label, attrs in ATTRS.items() for attr in attrs]
    accuracies += [("topics", metrics["topic_acc"]), ("topics macro-F1", metrics["topic_macro_f"])]
    accuracies += [(f"facts {name}", metrics[f"fact_{key}_acc"]) for name, key in (
        ("subject", "subject"), ("indicator exact", "indicator_exact"),
        ("indicator overlap", "indicator_overlap"), ("period", "period"))]
    lines += [_row(name, value) for name, value in accuracies]
    if metrics["topic_per_type"]:
        lines.append(f"\n{'topic':<24}{'P':>6}{'R':>6}{'F':>6}{'n':>6}")
        lines += [_row(topic, figures["p"], figures["r"], figures["f"]) + f"{figures['support']:6d}"
                  for topic, figures in metrics["topic_per_type"].items()]
    docs = sorted((doc for doc in metrics.get("per_doc", []) if doc["overall"] is not None),
                  key=lambda doc: doc["overall"])
    if docs:
        lines.append(f"\n{'worst documents':<24}{'all':>6}{'items':>6}{'ents':>6}{'topic':>6}")
        lines += [_row(doc["id"][:23], doc["overall"], doc["items_f"], doc["ents_f"], doc["topic_acc"])
                  for doc in docs[:worst]]
    if metrics.get("failures"):
        lines.append(f"\nparse failures: {len(metrics['failures'])}")
        lines += [f"  {failure['id']}: {failure['error']}" for failure in metrics["failures"]]
    return "\n".join(lines)


_CSS = ENTITY_CSS + """body{font-family:sans-serif;margin:2em;max-width:1200px}
mark.err{outline:2px solid #d00}table{border-collapse:collapse;margin:.5em 0}
td,th{border:1px solid #ccc;padding:2px 6px;vertical-align:top}.ctx{font-size:90%}
.full{display:grid;grid-template-columns:1fr 1fr;gap:1em;white-space:pre-wrap}"""


def _excerpt(text: str, span: list[int]) -> str:
    start, end = span
    if end - start <= 40:
        return f"[{start}, {end}) {text[start:end]}"
    return f"[{start}, {end}) {text[start:start + 18]} … {text[end - 18:end]}"


def _esc(value: Any) -> str:
    if value is None:
        return "—"
    return _html.escape(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))


_EntityKey = tuple[str, int, int]


def _marked(text: str, ents: Sequence[Record], bad: set[_EntityKey], lo: int = 0, hi: int | None = None) -> str:
    """``text[lo:hi]`` with ``ents`` as ``<mark>``s (``bad`` spans outlined; overlaps skipped)."""
    hi = len(text) if hi is None else hi
    parts, pos = [], lo
    for entity in sorted(ents, key=lambda entity: (entity["start"], -entity["end"])):
        start, end = max(entity["start"], lo), min(entity["end"], hi)
        if start >= end or start < pos:
            continue
        css_class = entity["label"] + (" err" if _entity_key(entity) in bad else "")
        parts += [_esc(text[pos:start]),
                  f'<mark class="{css_class}">{_esc(text[start:end])}<b>{_esc(entity["label"])}</b></mark>']
        pos = end
    return "".join(parts) + _esc(text[pos:hi])


def _error_row(error: Record, text: str, gold_ents: list[Record], pred_ents: list[Record],
               bad: set[_EntityKey]) -> str:
    where = " ".join(_esc(error[key]) for key in ("label", "field") if error.get(key))
    where = f"{where} {error['span']}".strip() if error.get("span") else where
    context, gold_value, pred_value = "", error["gold"], error["pred"]
    kind = error["kind"]
    if text and error.get("span"):
        start, end = error["span"]
        lo = max(0, start - 30)
        hi = min(len(text), (end if kind.startswith("entity") else min(end, start + 120)) + 30)
        context = f"G: {_marked(text, gold_ents, bad, lo, hi)}<br>P: {_marked(text, pred_ents, bad, lo, hi)}"
        if kind == "item_boundary":
            gold_value, pred_value = _excerpt(text, gold_value), _excerpt(text, pred_value)
        elif kind == "item_missed":
            gold_value = _excerpt(text, error["span"])
        elif kind == "item_spurious":
            pred_value = _excerpt(text, error["span"])
    if kind == "topic" and error.get("scores"):
        top = sorted(error["scores"].items(), key=lambda topic_score: -topic_score[1])[:3]
        pred_value = f"{pred_value} ({', '.join(f'{topic} {value:.2f}' for topic, value in top)})"
    return (f"<tr><td>{_esc(kind)}</td><td>{where}</td><td>{_esc(gold_value)}</td><td>{_esc(pred_value)}</td>"
            f"<td class='ctx'>{context}</td></tr>")


def write_html(metrics: Record, records: Sequence[Record], predictions: Sequence[Record],
               path: str | Path) -> None:
    """An HTML page with every error of every document in context, worst documents first."""
    figures_by_id = {doc["id"]: doc for doc in metrics.get("per_doc", [])}
    docs = []
    for position, (record, pred) in enumerate(zip(bulletin_records(records), predictions, strict=False)):
        record_id, text, gold = _unpack(record, position)
        figures = figures_by_id.get(record_id, {})
        rank = figures["overall"] if figures.get("overall") is not None else 1.0
        docs.append((rank, record_id, text or "", gold, pred or {}, compare(record, pred, record_id)[1], figures))
    docs.sort(key=lambda doc: doc[0])
    parts = [f"<!doctype html><html lang='zh'><meta charset='utf-8'><title>bulletin_nlp evaluation</title>"
             f"<style>{_CSS}</style><h1>bulletin_nlp evaluation</h1><pre>{_esc(format_table(metrics))}</pre>",
             "<table><tr><th>document</th><th>overall</th><th>items F</th><th>entities F</th>"
             "<th>topics</th><th>errors</th></tr>"]
    parts += [f"<tr><td><a href='#{_esc(record_id)}'>{_esc(record_id)}</a></td>"
              + "".join(f"<td>{_pct(figures.get(key)).strip()}</td>"
                        for key in ("overall", "items_f", "ents_f", "topic_acc"))
              + f"<td>{len(errors)}</td></tr>" for _, record_id, _, _, _, errors, figures in docs]
    parts.append("</table>")
    for _, record_id, text, gold, pred, errors, _ in docs:
        gold_ents, pred_ents = gold.get("entities") or [], pred.get("entities") or []
        bad: set[_EntityKey] = {(error["label"], *error["span"]) for error in errors
                                if error["kind"].startswith("entity_")}
        bad |= {(error["label"], *span) for error in errors if error["kind"] == "entity_boundary"
                for span in error["pred_spans"]}
        parts.append(f"<h2 id='{_esc(record_id)}'>{_esc(record_id)}: {len(errors)} errors</h2>")
        if errors:
            parts.append("<table><tr><th>kind</th><th>where</th><th>gold</th><th>predicted</th>"
                         "<th>context (G gold / P predicted entities)</th></tr>")
            parts += [_error_row(error, text, gold_ents, pred_ents, bad) for error in errors]
            parts.append("</table>")
        parts.append(facts_table_html(gold, pred))
        if text:
            parts.append("<details><summary>full text: gold | predicted entities</summary><div class='full'>"
                         f"<div>{_marked(text, gold_ents, bad)}</div><div>{_marked(text, pred_ents, bad)}</div>"
                         "</div></details>")
    Path(path).write_text("\n".join(parts), encoding="utf-8")


def _cell(part: Record | None, key: str) -> str:
    return _esc(part.get(key) if part else None)


def facts_table_html(gold: Record, pred: Record) -> str:
    """An HTML table of the document's facts, gold against predicted (wrong cells marked)."""
    if not annotated(gold):
        return ""
    out = [("<details><summary>facts: gold | predicted</summary><table><tr><th>figure</th>"
            "<th>subject</th><th>indicator</th><th>period</th></tr>")]
    for row in fact_rows(gold, pred):
        gold_fact, pred_fact = row["gold"], row["pred"] or {}
        cells = []
        for name, key in (("subject", "subject"), ("indicator_overlap", "indicator"), ("period", "period")):
            shown = [_cell(part, "canonical" if key == "subject" else "text")
                     for part in (gold_fact.get(key), pred_fact.get(key))]
            mark = "" if row["right"][name] else " style='background:#fdd'"
            cells.append(f"<td{mark}>{shown[0]}<br>{shown[1]}</td>")
        out.append(f"<tr><td>{_esc(row['text'])}</td>{''.join(cells)}</tr>")
    out.append("</table></details>")
    return "".join(out)
