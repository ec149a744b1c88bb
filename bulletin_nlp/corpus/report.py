"""Evaluation reports: a plain-text table of the metrics and an HTML page with every error in
context (metrics from :mod:`bulletin_nlp.corpus.scoring`)."""

from __future__ import annotations

import html as _html
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bulletin_nlp.corpus.facts_scoring import annotated, fact_rows
from bulletin_nlp.corpus.scoring import ATTRS, Record, _unpack, bulletin_records, compare
from bulletin_nlp.render import ENTITY_CSS


def _pct(x: float | None) -> str:
    return "     —" if x is None else f"{100 * x:6.1f}"


def format_table(metrics: Record, worst: int = 10) -> str:
    """A plain-text summary (figures in %), with the ``worst`` documents by ``overall``."""
    m = metrics
    row = lambda name, *xs: f"{name:<24}" + "".join(_pct(x) for x in xs)  # noqa: E731
    prf = lambda d, pre: (d[f"{pre}_p"], d[f"{pre}_r"], d[f"{pre}_f"])  # noqa: E731
    out = [f"documents {m.get('n_docs', '?')}   gold items {m['n_gold_items']}   "
           f"matched {m['items_matched']}   gold entities {m['n_gold_ents']}",
           f"{'':<24}{'P':>6}{'R':>6}{'F':>6}",
           row("sections (exact)", *prf(m, "sections")), row("items (exact)", *prf(m, "items")),
           row("items (whitespace)", *prf(m, "items_ws")), row("entities (exact)", *prf(m, "ents")),
           row("entities (overlap)", *prf(m, "ents_overlap"))]
    for lab, d in m["ents_per_type"].items():
        o = m["ents_overlap_per_type"][lab]
        out.append(row(f"  {lab}", d["p"], d["r"], d["f"]) + "   overlap" + _pct(o["p"]) + _pct(o["r"]) + _pct(o["f"]))
    out.append("\naccuracy")
    accs = [("masthead", m["masthead_acc"])] + [(f"  {k}", v) for k, v in m["masthead_per_field"].items()]
    accs += [("section titles", m["sections_title_acc"]), ("headlines", m["headline_acc"]),
             ("sources", m["sources_acc"]), ("footer", m["footer_acc"])]
    accs += [(f"  {k}", v) for k, v in m["footer_per_field"].items()]
    accs += [(f"{lab} {a}", m[f"{lab.lower()}_{a}_acc"]) for lab, attrs in ATTRS.items() for a in attrs]
    accs += [("topics", m["topic_acc"]), ("topics macro-F1", m["topic_macro_f"])]
    accs += [(f"facts {name}", m[f"fact_{key}_acc"]) for name, key in (
        ("subject", "subject"), ("indicator exact", "indicator_exact"),
        ("indicator overlap", "indicator_overlap"), ("period", "period"))]
    out += [row(k, v) for k, v in accs]
    if m["topic_per_type"]:
        out.append(f"\n{'topic':<24}{'P':>6}{'R':>6}{'F':>6}{'n':>6}")
        out += [row(t, d["p"], d["r"], d["f"]) + f"{d['support']:6d}" for t, d in m["topic_per_type"].items()]
    docs = sorted((d for d in m.get("per_doc", []) if d["overall"] is not None), key=lambda d: d["overall"])
    if docs:
        out.append(f"\n{'worst documents':<24}{'all':>6}{'items':>6}{'ents':>6}{'topic':>6}")
        out += [row(d["id"][:23], d["overall"], d["items_f"], d["ents_f"], d["topic_acc"]) for d in docs[:worst]]
    if m.get("failures"):
        out.append(f"\nparse failures: {len(m['failures'])}")
        out += [f"  {f['id']}: {f['error']}" for f in m["failures"]]
    return "\n".join(out)


_CSS = ENTITY_CSS + """body{font-family:sans-serif;margin:2em;max-width:1200px}
mark.err{outline:2px solid #d00}table{border-collapse:collapse;margin:.5em 0}
td,th{border:1px solid #ccc;padding:2px 6px;vertical-align:top}.ctx{font-size:90%}
.full{display:grid;grid-template-columns:1fr 1fr;gap:1em;white-space:pre-wrap}"""


def _excerpt(text: str, span: list[int]) -> str:
    s, e = span
    return f"[{s}, {e}) {text[s:e]}" if e - s <= 40 else f"[{s}, {e}) {text[s:s + 18]} … {text[e - 18:e]}"


def _esc(x: Any) -> str:
    if x is None:
        return "—"
    return _html.escape(x if isinstance(x, str) else json.dumps(x, ensure_ascii=False))


def _marked(text: str, ents: Sequence[Record], bad: set, lo: int = 0, hi: int | None = None) -> str:
    """``text[lo:hi]`` with ``ents`` as ``<mark>``s (``bad`` spans outlined; overlaps skipped)."""
    hi = len(text) if hi is None else hi
    out, pos = [], lo
    for e in sorted(ents, key=lambda e: (e["start"], -e["end"])):
        s, t = max(e["start"], lo), min(e["end"], hi)
        if s >= t or s < pos:
            continue
        cls = e["label"] + (" err" if (e["label"], e["start"], e["end"]) in bad else "")
        out += [_esc(text[pos:s]), f'<mark class="{cls}">{_esc(text[s:t])}<b>{_esc(e["label"])}</b></mark>']
        pos = t
    return "".join(out) + _esc(text[pos:hi])


def _error_row(e: Record, text: str, ge: list[Record], pe: list[Record], bad: set) -> str:
    where = " ".join(_esc(e[k]) for k in ("label", "field") if e.get(k))
    where = f"{where} {e['span']}".strip() if e.get("span") else where
    ctx, gv, pv = "", e["gold"], e["pred"]
    if text and e.get("span"):
        s, t = e["span"]
        lo = max(0, s - 30)
        hi = min(len(text), (t if e["kind"].startswith("entity") else min(t, s + 120)) + 30)
        ctx = f"G: {_marked(text, ge, bad, lo, hi)}<br>P: {_marked(text, pe, bad, lo, hi)}"
        if e["kind"] == "item_boundary":
            gv, pv = _excerpt(text, gv), _excerpt(text, pv)
        elif e["kind"] == "item_missed":
            gv = _excerpt(text, e["span"])
        elif e["kind"] == "item_spurious":
            pv = _excerpt(text, e["span"])
    if e["kind"] == "topic" and e.get("scores"):
        top = sorted(e["scores"].items(), key=lambda kv: -kv[1])[:3]
        pv = f"{pv} ({', '.join(f'{t} {v:.2f}' for t, v in top)})"
    return (f"<tr><td>{_esc(e['kind'])}</td><td>{where}</td><td>{_esc(gv)}</td><td>{_esc(pv)}</td>"
            f"<td class='ctx'>{ctx}</td></tr>")


def write_html(metrics: Record, records: Sequence[Record], predictions: Sequence[Record],
               path: str | Path) -> None:
    """An HTML page with every error of every document in context, worst documents first."""
    per = {d["id"]: d for d in metrics.get("per_doc", [])}
    docs = []
    for k, (rec, pred) in enumerate(zip(bulletin_records(records), predictions)):
        did, text, g = _unpack(rec, k)
        d = per.get(did, {})
        rank = d["overall"] if d.get("overall") is not None else 1.0
        docs.append((rank, did, text or "", g, pred or {}, compare(rec, pred, did)[1], d))
    docs.sort(key=lambda x: x[0])
    parts = [f"<!doctype html><html lang='zh'><meta charset='utf-8'><title>bulletin_nlp evaluation</title>"
             f"<style>{_CSS}</style><h1>bulletin_nlp evaluation</h1><pre>{_esc(format_table(metrics))}</pre>",
             "<table><tr><th>document</th><th>overall</th><th>items F</th><th>entities F</th>"
             "<th>topics</th><th>errors</th></tr>"]
    parts += [f"<tr><td><a href='#{_esc(did)}'>{_esc(did)}</a></td>"
              + "".join(f"<td>{_pct(d.get(k)).strip()}</td>" for k in ("overall", "items_f", "ents_f", "topic_acc"))
              + f"<td>{len(errs)}</td></tr>" for _, did, _, _, _, errs, d in docs]
    parts.append("</table>")
    for _, did, text, g, pred, errs, d in docs:
        ge, pe = g.get("entities") or [], pred.get("entities") or []
        bad = {(e["label"], *e["span"]) for e in errs if e["kind"].startswith("entity_")}
        bad |= {(e["label"], *s) for e in errs if e["kind"] == "entity_boundary" for s in e["pred_spans"]}
        parts.append(f"<h2 id='{_esc(did)}'>{_esc(did)}: {len(errs)} errors</h2>")
        if errs:
            parts.append("<table><tr><th>kind</th><th>where</th><th>gold</th><th>predicted</th>"
                         "<th>context (G gold / P predicted entities)</th></tr>")
            parts += [_error_row(e, text, ge, pe, bad) for e in errs]
            parts.append("</table>")
        parts.append(facts_table_html(g, pred))
        if text:
            parts.append("<details><summary>full text: gold | predicted entities</summary><div class='full'>"
                         f"<div>{_marked(text, ge, bad)}</div><div>{_marked(text, pe, bad)}</div></div></details>")
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
        g, p = row["gold"], row["pred"] or {}
        cells = []
        for field, key in (("subject", "subject"), ("indicator_overlap", "indicator"), ("period", "period")):
            shown = [_cell(part, "canonical" if key == "subject" else "text") for part in (g.get(key), p.get(key))]
            mark = "" if row["ok"][field] else " style='background:#fdd'"
            cells.append(f"<td{mark}>{shown[0]}<br>{shown[1]}</td>")
        out.append(f"<tr><td>{_esc(row['text'])}</td>{''.join(cells)}</tr>")
    out.append("</table></details>")
    return "".join(out)
