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
from typing import Any

from bulletin_nlp.corpus.facts_scoring import compare_facts, fact_metrics, without_unannotated_dates

MASTHEAD = ("title", "issue", "date", "publisher", "county")
FOOTER = ("distribution", "editor", "reviewer", "issuer")
LABELS = ("AGENCY", "TOWNSHIP", "QUANTITY", "DATE")
ATTRS = {"QUANTITY": ("value", "unit", "qualifier"), "AGENCY": ("canonical",),
         "TOWNSHIP": ("code", "canonical"), "DATE": ("interval",)}
_WS = " \t\r\n\u3000\xa0"
Record = dict[str, Any]


# --------------------------------------------------------------------------- helpers
def _prf(p_num: float, p_den: float, r_num: float, r_den: float) -> dict[str, float]:
    p = p_num / p_den if p_den else float(r_den == 0)
    r = r_num / r_den if r_den else float(p_den == 0)
    return {"p": p, "r": r, "f": 2 * p * r / (p + r) if p + r else 0.0}


def _acc(ok: int, n: int) -> float | None:
    return ok / n if n else None


def _norm(x: Any) -> Any:
    """Empty strings and missing values compare equal; strings are stripped."""
    if isinstance(x, str):
        x = x.strip()
    return None if x in ("", None) else x


def _same(attr: str, g: Any, p: Any) -> bool:
    if attr == "value" and isinstance(g, (int, float)) and isinstance(p, (int, float)):
        return math.isclose(g, p, rel_tol=1e-6)
    return _norm(g) == _norm(p)


def _trim(text: str | None, s: int, e: int) -> tuple[int, int]:
    if text is None:
        return s, e
    while s < e and text[s] in _WS:
        s += 1
    while e > s and text[e - 1] in _WS:
        e -= 1
    return s, e


def _overlap(a: Record, b: Record) -> int:
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def _match(gold: Sequence[Record], pred: Sequence[Record], min_iou: float) -> dict[int, int]:
    """One-to-one greedy matching by IoU (``min_iou`` > 0) or by overlap size (``min_iou`` = 0)."""
    pairs = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            ov = _overlap(g, p)
            union = max(g["end"], p["end"]) - min(g["start"], p["start"])
            key = ov / union if min_iou and union else ov
            if ov and key >= min_iou:
                pairs.append((-key, i, j))
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, i, j in sorted(pairs):
        if i not in out and j not in used:
            out[i] = j
            used.add(j)
    return out


def _topic_name(t: str | None) -> str:
    return "(none)" if t is None else str(t)


def _unpack(rec: Record, k: int) -> tuple[str, str | None, Record]:
    g = rec["gold"] if "gold" in rec else rec
    return str(rec.get("id", k)), rec.get("text"), g


def _items(b: Record) -> list[Record]:
    return [it for sec in b.get("sections") or [] for it in sec.get("items") or []]


# --------------------------------------------------------------------------- comparison
def compare(gold_record: Record, pred: Record, doc_id: str | None = None) -> tuple[Counter, list[Record]]:
    """Counts and error list of one document (``gold_record``: corpus record or bare gold)."""
    did, text, g = _unpack(gold_record, 0)
    did = doc_id or did
    pred = pred or {}
    c: Counter = Counter()
    errs: list[Record] = []

    def err(kind: str, **kw: Any) -> None:
        errs.append({"id": did, "kind": kind, **kw})

    for f in MASTHEAD:
        ok = _same(f, g.get(f), pred.get(f))
        c["mast", f, "ok"] += ok
        c["mast", f, "n"] += 1
        if not ok:
            err("masthead", field=f, gold=g.get(f), pred=pred.get(f))
    gf, pf = g.get("footer") or {}, pred.get("footer") or {}
    for f in FOOTER:
        gv, pv = gf.get(f), pf.get(f)
        ok = list(gv or []) == list(pv or []) if f == "distribution" else _same(f, gv, pv)
        c["foot", f, "ok"] += ok
        c["foot", f, "n"] += 1
        if not ok:
            err("footer", field=f, gold=gv, pred=pv)

    gs, ps = g.get("sections") or [], pred.get("sections") or []
    c["sec", "ng"], c["sec", "np"] = len(gs), len(ps)
    c["sec", "tp"] = len({(s["start"], s["end"]) for s in gs} & {(s["start"], s["end"]) for s in ps})
    m = _match(gs, ps, 0)
    for i, s in enumerate(gs):
        pt = ps[m[i]].get("title") if i in m else None
        ok = i in m and _norm(s.get("title")) == _norm(pt)
        c["sec", "ok"] += ok
        if i not in m:
            err("section_missed", span=[s["start"], s["end"]], gold=s.get("title"), pred=None)
        elif not ok:
            err("section_title", span=[s["start"], s["end"]], gold=s.get("title"), pred=pt)
    for j in sorted(set(range(len(ps))) - set(m.values())):
        err("section_spurious", span=[ps[j]["start"], ps[j]["end"]], gold=None, pred=ps[j].get("title"))

    gi, pi = _items(g), _items(pred)
    c["item", "ng"], c["item", "np"] = len(gi), len(pi)
    c["item", "tp"] = len({(x["start"], x["end"]) for x in gi} & {(x["start"], x["end"]) for x in pi})
    trimmed = lambda xs: {_trim(text, x["start"], x["end"]) for x in xs}  # noqa: E731
    c["item_ws", "tp"] = len(trimmed(gi) & trimmed(pi))
    m = _match(gi, pi, 0.5)
    c["match", "n"] = len(m)
    for i, x in enumerate(gi):
        span = [x["start"], x["end"]]
        if i not in m:
            err("item_missed", span=span, gold=x.get("headline"), pred=None)
            continue
        y = pi[m[i]]
        if (x["start"], x["end"]) != (y["start"], y["end"]):
            err("item_boundary", span=span, gold=span, pred=[y["start"], y["end"]])
        for kind, gv, pv in (("headline", x.get("headline") or "", y.get("headline") or ""),
                             ("sources", list(x.get("sources") or []), list(y.get("sources") or [])),
                             ("topic", x.get("topic"), y.get("topic"))):
            c[kind, "ok"] += gv == pv
            if gv != pv:
                err(kind, span=span, gold=gv, pred=pv, headline=x.get("headline"),
                    scores=y.get("topic_scores") if kind == "topic" else None)
        c["conf", x.get("topic"), y.get("topic")] += 1
    for j in sorted(set(range(len(pi))) - set(m.values())):
        err("item_spurious", span=[pi[j]["start"], pi[j]["end"]], gold=None, pred=pi[j].get("headline"))

    ge, pe = g.get("entities") or [], without_unannotated_dates(g, pred.get("entities") or [])
    pkeys: dict[tuple, Record] = {}
    for e in pe:
        pkeys.setdefault((e["label"], e["start"], e["end"]), e)
        c["ent", e["label"], "np"] += 1
    gkeys = {(e["label"], e["start"], e["end"]) for e in ge}
    for e in ge:
        lab, key = e["label"], (e["label"], e["start"], e["end"])
        c["ent", lab, "ng"] += 1
        c["ento", lab, "ghit"] += any(p["label"] == lab and _overlap(e, p) for p in pe)
        if key not in pkeys:
            near = [p for p in pe if p["label"] == lab and _overlap(e, p)]
            err("entity_boundary" if near else "entity_missed", label=lab, span=[e["start"], e["end"]],
                gold=e.get("text"), pred=[p.get("text") for p in near] or None,
                pred_spans=[[p["start"], p["end"]] for p in near])
            continue
        c["ent", lab, "tp"] += 1
        for a in ATTRS.get(lab, ()):
            ok = _same(a, e.get(a), pkeys[key].get(a))
            c["attr", lab, a, "ok"] += ok
            c["attr", lab, a, "n"] += 1
            if not ok:
                err("entity_attr", label=lab, span=[e["start"], e["end"]], field=a,
                    gold=e.get(a), pred=pkeys[key].get(a), text=e.get("text"))
    for p in pe:
        hit = any(p["label"] == x["label"] and _overlap(x, p) for x in ge)
        c["ento", p["label"], "phit"] += hit
        if not hit and (p["label"], p["start"], p["end"]) not in gkeys:
            err("entity_spurious", label=p["label"], span=[p["start"], p["end"]], gold=None,
                pred=p.get("text"))
    fact_counts, fact_errors = compare_facts(g, pred, did)
    c.update(fact_counts)
    return c, errs + fact_errors


def _metrics(c: Counter) -> Record:
    """Figures from pooled counts."""
    m: Record = {}
    per = {f: _acc(c["mast", f, "ok"], c["mast", f, "n"]) for f in MASTHEAD}
    m["masthead_acc"] = _acc(sum(c["mast", f, "ok"] for f in MASTHEAD), sum(c["mast", f, "n"] for f in MASTHEAD))
    m["masthead_per_field"] = per
    m["sections_title_acc"] = _acc(c["sec", "ok"], c["sec", "ng"])
    for k, v in _prf(c["sec", "tp"], c["sec", "np"], c["sec", "tp"], c["sec", "ng"]).items():
        m[f"sections_{k}"] = v
    ng, np_ = c["item", "ng"], c["item", "np"]
    for pre, tp in (("items", c["item", "tp"]), ("items_ws", c["item_ws", "tp"])):
        for k, v in _prf(tp, np_, tp, ng).items():
            m[f"{pre}_{k}"] = v
    m["items_matched"] = c["match", "n"]
    m["headline_acc"] = _acc(c["headline", "ok"], c["match", "n"])
    m["sources_acc"] = _acc(c["sources", "ok"], c["match", "n"])
    m["footer_acc"] = _acc(sum(c["foot", f, "ok"] for f in FOOTER), sum(c["foot", f, "n"] for f in FOOTER))
    m["footer_per_field"] = {f: _acc(c["foot", f, "ok"], c["foot", f, "n"]) for f in FOOTER}
    labels = list(LABELS) + sorted({k[1] for k in c if k[0] == "ent"} - set(LABELS))
    tot = {k: sum(c["ent", lab, k] for lab in labels) for k in ("tp", "np", "ng")}
    hit = {k: sum(c["ento", lab, k] for lab in labels) for k in ("phit", "ghit")}
    for pre, (pn, rn) in (("ents", (tot["tp"], tot["tp"])), ("ents_overlap", (hit["phit"], hit["ghit"]))):
        for k, v in _prf(pn, tot["np"], rn, tot["ng"]).items():
            m[f"{pre}_{k}"] = v
    m["ents_per_type"] = {lab: _prf(c["ent", lab, "tp"], c["ent", lab, "np"], c["ent", lab, "tp"],
                                    c["ent", lab, "ng"]) for lab in labels}
    m["ents_overlap_per_type"] = {lab: _prf(c["ento", lab, "phit"], c["ent", lab, "np"],
                                            c["ento", lab, "ghit"], c["ent", lab, "ng"]) for lab in labels}
    for lab, attrs in ATTRS.items():
        for a in attrs:
            m[f"{lab.lower()}_{a}_acc"] = _acc(c["attr", lab, a, "ok"], c["attr", lab, a, "n"])
    conf: dict[str, dict[str, int]] = {}
    for k, n in c.items():
        if k[0] == "conf" and n:
            row = conf.setdefault(_topic_name(k[1]), {})
            row[_topic_name(k[2])] = row.get(_topic_name(k[2]), 0) + n
    m["topic_acc"] = _acc(c["topic", "ok"], c["match", "n"])
    codes = sorted({t for k in c if k[0] == "conf" and c[k] for t in k[1:] if t is not None})
    per_topic = {}
    for t in codes:
        tp = c["conf", t, t]
        npred = sum(n for k, n in c.items() if k[0] == "conf" and k[2] == t)
        ngold = sum(n for k, n in c.items() if k[0] == "conf" and k[1] == t)
        per_topic[t] = _prf(tp, npred, tp, ngold) | {"support": ngold}
    m["topic_macro_f"] = sum(v["f"] for v in per_topic.values()) / len(per_topic) if per_topic else None
    m["topic_per_type"] = per_topic
    m["topic_confusion"] = conf
    m["n_gold_items"], m["n_pred_items"] = ng, np_
    m["n_gold_ents"], m["n_pred_ents"] = tot["ng"], tot["np"]
    m.update(fact_metrics(c))
    main = [m[k] for k in ("masthead_acc", "sections_title_acc", "items_f", "headline_acc",
                           "sources_acc", "footer_acc", "ents_f", "topic_acc") if m[k] is not None]
    m["overall"] = sum(main) / len(main) if main else None
    return m


def score(gold_records: Sequence[Record], predictions: Sequence[Record]) -> Record:
    """Corpus figures plus ``per_doc`` (the same figures per bulletin, with ``id``).

    ``gold_records``: corpus records (``id``, ``text``, ``gold``) or bare gold dicts;
    ``predictions``: ``Bulletin.to_dict()`` dicts in the same order (``{}`` = nothing predicted).
    """
    if len(gold_records) != len(predictions):
        raise ValueError(f"{len(gold_records)} gold records but {len(predictions)} predictions")
    total: Counter = Counter()
    per_doc = []
    for k, (g, p) in enumerate(zip(gold_records, predictions)):
        c, _ = compare(g, p, _unpack(g, k)[0])
        total.update(c)
        per_doc.append({"id": _unpack(g, k)[0]} | _metrics(c))
    return {"n_docs": len(gold_records)} | _metrics(total) | {"per_doc": per_doc}


def list_errors(gold_records: Sequence[Record], predictions: Sequence[Record]) -> list[Record]:
    """Every mistake as ``{id, kind, span?, label?, field?, gold, pred, ...}``."""
    return [e for k, (g, p) in enumerate(zip(gold_records, predictions))
            for e in compare(g, p, _unpack(g, k)[0])[1]]


def bulletin_records(records: Iterable[Record]) -> list[Record]:
    """Drop topic-item lines (``corpus/topics``): only bulletins are parsed and scored."""
    return [r for r in records if "gold" in r or "text" in r or "body" not in r]
