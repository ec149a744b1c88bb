"""Labelled corpus: read, normalise, check, load as a ``datasets.Dataset``, convert to spaCy.

Format: docs/corpus-format.md. Two kinds of JSONL line exist: a *bulletin record*
(``id``, ``text``, ``meta``, ``gold``) and a *topic item* (``corpus/topics/*.jsonl``).
"""
from __future__ import annotations

import copy
import csv
import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bulletin_nlp.topics.taxonomy import topic_codes

if TYPE_CHECKING:  # heavy imports stay lazy
    import datasets
    from spacy.language import Language
    from spacy.tokens import Doc, DocBin, Span
    from spacy.training import Example

PathLike = str | Path
ENTITY_KEYS = ("label", "start", "end", "text", "canonical", "code", "value", "unit", "qualifier")
GOLD_SCALARS = ("title", "issue", "date", "publisher", "county")
ITEM_KEYS = ("id", "section", "headline", "body", "sources", "topic", "origin")
_BRACKETS = {"）": "（", ")": "(", "】": "【", "]": "["}
_WS = " \t\r\n\u3000\xa0"


# --------------------------------------------------------------------------- reading/writing
def _jsonl_files(path: PathLike) -> list[Path]:
    p = Path(path)
    if p.is_dir():
        return sorted(p.glob("*.jsonl"))
    if not p.exists():
        raise FileNotFoundError(p)
    return [p]


def _lines(path: PathLike) -> Iterator[tuple[Path, int, str]]:
    for f in _jsonl_files(path):
        with f.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if line.strip():
                    yield f, n, line


def read_records(path: PathLike) -> list[dict[str, Any]]:
    """Records of a ``.jsonl`` file, or of every ``*.jsonl`` directly inside a folder (sorted)."""
    out = []
    for f, n, line in _lines(path):
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError as e:
            raise ValueError(f"{f}:{n}: invalid JSON: {e}") from None
    return out


def is_bulletin(record: dict[str, Any]) -> bool:
    """True for a bulletin record, False for a topic item."""
    return "gold" in record or "text" in record


def normalize_record(record: dict[str, Any]) -> dict[str, Any]:
    """A copy with every key present (``None``/``[]`` where missing) and ``value`` as float.

    This is the shape writers must emit so that Arrow infers one type per field.
    """
    r = copy.deepcopy(record)
    if not is_bulletin(r):
        return {k: r.get(k, [] if k == "sources" else None) for k in ITEM_KEYS} | r
    r.setdefault("meta", {})
    r["meta"].setdefault("origin", None)
    r["meta"].setdefault("note", None)
    g = r.setdefault("gold", {})
    for k in GOLD_SCALARS:
        g.setdefault(k, None)
    for sec in g.setdefault("sections", []):
        sec.setdefault("title", None)
        for it in sec.setdefault("items", []):
            for k in ("headline", "headline_start", "headline_end", "topic"):
                it.setdefault(k, None)
            it.setdefault("sources", [])
    g["entities"] = [{k: e.get(k) for k in ENTITY_KEYS} | e for e in g.get("entities", [])]
    for e in g["entities"]:
        if isinstance(e["value"], int) and not isinstance(e["value"], bool):
            e["value"] = float(e["value"])
    foot = g.setdefault("footer", {})
    foot.setdefault("distribution", [])
    for k in ("editor", "reviewer", "issuer"):
        foot.setdefault(k, None)
    return r


def write_records(records: Iterable[dict[str, Any]], path: PathLike) -> None:
    """Write normalised records as UTF-8 JSONL (one per line, non-ASCII kept)."""
    with Path(path).open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(normalize_record(r), ensure_ascii=False) + "\n")


# --------------------------------------------------------------------------- schema
@lru_cache(maxsize=1)
def load_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a corpus line."""
    txt = resources.files("bulletin_nlp").joinpath("data/corpus.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(txt)
    return schema


_TYPES: dict[str, Any] = {"object": dict, "array": list, "string": str, "null": type(None),
                          "boolean": bool, "integer": int, "number": (int, float)}


def _is_type(x: Any, t: str) -> bool:
    if t in ("integer", "number") and isinstance(x, bool):
        return False
    return isinstance(x, _TYPES[t])  # stricter than JSON Schema: 5.0 is not an integer offset


def _validate(x: Any, s: dict[str, Any], root: dict[str, Any], path: str) -> list[str]:
    """Validate ``x`` against the subset of JSON Schema that corpus.schema.json uses."""
    if "$ref" in s:
        s = root["$defs"][s["$ref"].rsplit("/", 1)[-1]]
    where = path or "record"
    if "type" in s:
        types = [s["type"]] if isinstance(s["type"], str) else s["type"]
        if not any(_is_type(x, t) for t in types):
            return [f"{where}: expected {' or '.join(types)}, got {json.dumps(x, ensure_ascii=False)[:40]}"]
    errs: list[str] = []
    if "enum" in s and x not in s["enum"]:
        errs.append(f"{where}: {x!r} not one of {s['enum']}")
    if "const" in s and x != s["const"]:
        errs.append(f"{where}: {x!r} != {s['const']!r}")
    if isinstance(x, str):
        if len(x) < s.get("minLength", 0):
            errs.append(f"{where}: empty string")
        if "pattern" in s and not re.search(s["pattern"], x):
            errs.append(f"{where}: {x!r} does not match {s['pattern']}")
    if _is_type(x, "number") and "minimum" in s and x < s["minimum"]:
        errs.append(f"{where}: {x} < {s['minimum']}")
    if isinstance(x, dict):
        errs += [f"{where}: missing key '{k}'" for k in s.get("required", ()) if k not in x]
        props = s.get("properties", {})
        if s.get("additionalProperties") is False:
            errs += [f"{where}: unexpected key '{k}'" for k in x if k not in props]
        for k, sub in props.items():
            if k in x:
                errs += _validate(x[k], sub, root, f"{path}.{k}" if path else k)
    if isinstance(x, list) and "items" in s:
        for i, v in enumerate(x):
            errs += _validate(v, s["items"], root, f"{path}[{i}]")
    for sub in s.get("allOf", ()):
        errs += _validate(x, sub, root, path)
    if "if" in s and not _validate(x, s["if"], root, path) and "then" in s:
        errs += _validate(x, s["then"], root, path)
    return errs


def schema_errors(record: dict[str, Any]) -> list[str]:
    """Schema problems of one corpus line (bulletin record or topic item)."""
    if not isinstance(record, dict):
        return ["record: expected object"]
    root = load_schema()
    kind = "record" if is_bulletin(record) else "topic_item"
    return _validate(record, root["$defs"][kind], root, "")


# --------------------------------------------------------------------------- consistency
def load_town_codes(path: PathLike | None = None) -> frozenset[str] | None:
    """Codes of the ``code`` column of ``data/towns.csv``; ``None`` when the file is absent."""
    p = Path(path) if path else Path(str(resources.files("bulletin_nlp").joinpath("data/towns.csv")))
    if not p.is_file():
        return None
    with p.open(encoding="utf-8-sig", newline="") as fh:
        return frozenset(row["code"].strip() for row in csv.DictReader(fh) if row.get("code"))


_UNSET: Any = object()


def check_record(record: dict[str, Any], town_codes: frozenset[str] | None = _UNSET) -> list[str]:
    """Problems of one corpus line: the JSON Schema, then the consistency rules.

    ``town_codes`` defaults to :func:`load_town_codes`; with ``None`` codes are not checked.
    """
    errs = schema_errors(record)
    if errs:
        return errs
    codes = set(topic_codes())
    if not is_bulletin(record):
        return [] if record["topic"] in codes else [f"topic: unknown topic {record['topic']!r}"]
    if town_codes is _UNSET:
        town_codes = load_town_codes()
    text, g = record["text"], record["gold"]
    n = len(text)

    def span(where: str, s: int, e: int, empty_ok: bool = False) -> bool:
        if not (s < e or (empty_ok and s == e)) or e > n:
            errs.append(f"{where}: bad offsets [{s}, {e}) for text of length {n}")
            return False
        if s < e and (text[s] in _WS or text[e - 1] in _WS):
            errs.append(f"{where}: span [{s}, {e}) starts or ends with whitespace")
        return True

    if g["date"]:
        try:
            dt.date.fromisoformat(g["date"])
        except ValueError:
            errs.append(f"gold.date: {g['date']!r} is not a calendar date")
    prev_sec = prev_item = 0
    for i, sec in enumerate(g["sections"]):
        w = f"gold.sections[{i}]"
        if span(w, sec["start"], sec["end"]) and sec["start"] < prev_sec:
            errs.append(f"{w}: starts at {sec['start']}, before the previous section ends ({prev_sec})")
        prev_sec = max(prev_sec, sec["end"])
        for j, it in enumerate(sec["items"]):
            w = f"gold.sections[{i}].items[{j}]"
            s, e = it["start"], it["end"]
            if not span(w, s, e):
                continue
            if s < sec["start"] or e > sec["end"]:
                errs.append(f"{w}: [{s}, {e}) outside its section [{sec['start']}, {sec['end']})")
            if s < prev_item:
                errs.append(f"{w}: starts at {s}, before the previous item ends ({prev_item})")
            prev_item = max(prev_item, e)
            hs, he, head = it["headline_start"], it["headline_end"], it["headline"]
            if (hs is None) != (he is None):
                errs.append(f"{w}: headline_start and headline_end must both be null or both set")
            elif hs is None and head:
                errs.append(f"{w}: headline {head!r} without offsets")
            elif hs is not None:
                if not s <= hs < he <= e:
                    errs.append(f"{w}: headline [{hs}, {he}) outside item [{s}, {e})")
                elif text[hs:he] != head:
                    errs.append(f"{w}: headline {head!r} != text[{hs}:{he}] {text[hs:he]!r}")
            errs += [f"{w}: source {x!r} not in the item text" for x in it["sources"] if x not in text[s:e]]
            if it["topic"] not in codes:
                errs.append(f"{w}: unknown topic {it['topic']!r}")
    last: dict[str, tuple[int, int]] = {}
    prev_start = 0
    for k, ent in enumerate(g["entities"]):
        w, s, e = f"gold.entities[{k}]", ent["start"], ent["end"]
        if not span(w, s, e):
            continue
        if text[s:e] != ent["text"]:
            errs.append(f"{w}: text {ent['text']!r} != text[{s}:{e}] {text[s:e]!r}")
        if s < prev_start:
            errs.append(f"{w}: entities not sorted by start")
        prev_start = s
        lab = ent["label"]
        if lab in last and s < last[lab][1] and e > last[lab][0]:
            errs.append(f"{w}: {lab} [{s}, {e}) overlaps {lab} {list(last[lab])}")
        if lab not in last or e > last[lab][1]:
            last[lab] = (s, e)
        if lab == "QUANTITY" and ent["qualifier"] and ent["qualifier"] not in ent["text"]:
            errs.append(f"{w}: qualifier {ent['qualifier']!r} not in {ent['text']!r}")
        if lab == "TOWNSHIP" and town_codes is not None and ent["code"] and ent["code"] not in town_codes:
            errs.append(f"{w}: township code {ent['code']} not in the gazetteer")
    return errs


def check_corpus(path: PathLike) -> dict[str, list[str]]:
    """Problems per record, only for records that have any (``{}`` means clean).

    Keys are record ids; ``file:line`` for lines with invalid JSON, no id or a repeated id.
    """
    out: dict[str, list[str]] = {}
    seen: set[str] = set()
    towns = load_town_codes()
    for f, n, line in _lines(path):
        loc = f"{f.name}:{n}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            out[loc] = [f"invalid JSON: {e}"]
            continue
        if not isinstance(rec, dict):
            out[loc] = ["not a JSON object"]
            continue
        rid = rec.get("id")
        key = rid if isinstance(rid, str) and rid and rid not in seen else loc
        probs = check_record(rec, towns)
        if isinstance(rid, str) and rid in seen:
            probs.insert(0, f"duplicate id {rid!r}")
        if isinstance(rid, str):
            seen.add(rid)
        if probs:
            out[key] = probs
    return out


# --------------------------------------------------------------------------- datasets
def features(kind: str = "record") -> datasets.Features:
    """Explicit ``datasets.Features`` for bulletin records (``record``) or ``topic_item``s."""
    from datasets import Features, Value

    s, i, f = Value("string"), Value("int64"), Value("float64")
    if kind == "topic_item":
        return Features({k: [s] if k == "sources" else s for k in ITEM_KEYS})
    ent = {"label": s, "start": i, "end": i, "text": s, "canonical": s, "code": s,
           "value": f, "unit": s, "qualifier": s}
    item = {"start": i, "end": i, "headline": s, "headline_start": i, "headline_end": i,
            "sources": [s], "topic": s}
    gold = {"title": s, "issue": i, "date": s, "publisher": s, "county": s,
            "sections": [{"title": s, "start": i, "end": i, "items": [item]}],
            "entities": [ent],
            "footer": {"distribution": [s], "editor": s, "reviewer": s, "issuer": s}}
    return Features({"id": s, "text": s, "meta": {"origin": s, "note": s}, "gold": gold})


def load_corpus(path: PathLike) -> datasets.Dataset | datasets.DatasetDict:
    """A local corpus as ``datasets`` objects (normalised, typed, no network).

    A folder gives a ``DatasetDict`` with one split per ``*.jsonl`` file in it, named by the
    file (``dev.jsonl`` → ``dev``); a file gives one ``Dataset``. All lines of a file must be
    of one kind: bulletin records or topic items.
    """
    from datasets import DatasetDict

    folder = Path(path)
    if folder.is_dir():
        files = sorted(folder.glob("*.jsonl"))
        if not files:
            raise ValueError(f"{folder}: no *.jsonl corpus files")
        return DatasetDict({file.stem: _load_dataset(file) for file in files})
    return _load_dataset(folder)


def _load_dataset(path: Path) -> datasets.Dataset:
    from datasets import Dataset

    records = [normalize_record(record) for record in read_records(path)]
    kinds = {is_bulletin(record) for record in records}
    if len(kinds) > 1:
        raise ValueError(f"{path}: mixes bulletin records and topic items")
    schema = features("record" if kinds != {False} else "topic_item")
    columns = list(schema)
    return Dataset.from_list([{key: record.get(key) for key in columns} for record in records], features=schema)


# --------------------------------------------------------------------------- topic items
def item_body(text: str, item: dict[str, Any]) -> str:
    """The item's text after its headline, without the closing source bracket."""
    s, e = item["start"], item["end"]
    hend = item.get("headline_end")
    body = text[hend if hend is not None and s <= hend <= e else s:e].rstrip(_WS)
    if item.get("sources") and body and body[-1] in _BRACKETS:
        cut = body.rfind(_BRACKETS[body[-1]])
        body = body[:cut] if cut >= 0 else body
    return body.lstrip(_WS + "*。：:，,").rstrip(_WS)


def item_records(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Topic items ``{id, section, headline, body, sources, topic, origin}``.

    Bulletin records are flattened (id ``<record id>/<section>.<item>``); topic items pass through.
    """
    out = []
    for rec in records:
        if not is_bulletin(rec):
            out.append(normalize_record(rec))
            continue
        origin = (rec.get("meta") or {}).get("origin")
        for si, sec in enumerate(rec["gold"]["sections"]):
            for ii, it in enumerate(sec["items"]):
                out.append({"id": f"{rec['id']}/{si}.{ii}", "section": sec.get("title"),
                            "headline": it.get("headline") or "", "body": item_body(rec["text"], it),
                            "sources": list(it.get("sources") or []), "topic": it.get("topic"),
                            "origin": origin})
    return out


def item_text(item: dict[str, Any]) -> str:
    """The text a topic classifier sees: headline and body, one per line."""
    return "\n".join(x for x in (item.get("headline"), item.get("body")) if x)


# --------------------------------------------------------------------------- spaCy
def _reference_doc(record: dict[str, Any], nlp: Language) -> Doc:
    """The record's text as a Doc carrying its gold entities, sections, items and headlines."""
    from spacy.util import filter_spans

    doc = nlp.make_doc(record["text"])
    g = record["gold"]
    gold, ents = [], []
    for e in g["entities"]:
        sp = doc.char_span(e["start"], e["end"], label=e["label"], alignment_mode="strict")
        wide = doc.char_span(e["start"], e["end"], label=e["label"], alignment_mode="expand")
        if wide is not None:
            ents.append(wide)
            gold.append(sp if sp is not None else wide)
    doc.ents = filter_spans(ents)
    doc.spans["gold"] = gold

    def spans(pairs: Iterable[tuple[int, int, str | None]]) -> list[Span]:
        made = (doc.char_span(s, e, label=lab or "", alignment_mode="expand") for s, e, lab in pairs)
        return [x for x in made if x is not None]

    secs = g["sections"]
    items = [it for sec in secs for it in sec["items"]]
    doc.spans["sections"] = spans((x["start"], x["end"], "SECTION") for x in secs)
    doc.spans["items"] = spans((x["start"], x["end"], x.get("topic")) for x in items)
    doc.spans["headlines"] = spans((x["headline_start"], x["headline_end"], "HEADLINE")
                                   for x in items if x.get("headline_start") is not None)
    doc.user_data["id"] = record.get("id")
    doc.user_data["entities"] = [{k: e.get(k) for k in ENTITY_KEYS} for e in g["entities"]]
    return doc


def to_spacy_examples(records: Iterable[dict[str, Any]], nlp: Language) -> list[Example]:
    """One ``Example`` per bulletin; the reference doc carries the gold (see :func:`to_docbin`)."""
    from spacy.training import Example

    return [Example(nlp.make_doc(r["text"]), _reference_doc(r, nlp)) for r in records]


def to_docbin(records: Iterable[dict[str, Any]], nlp: Language) -> DocBin:
    """Gold docs in a ``DocBin`` (user data stored).

    ``doc.ents``: entities expanded to token boundaries, cross-label overlaps resolved by
    ``spacy.util.filter_spans``; ``doc.spans["gold"]``: every entity, exact when it aligns with
    tokens (else expanded); ``doc.user_data["entities"]``: exact char offsets and attributes;
    span groups ``sections``, ``items`` (label = topic) and ``headlines``.
    """
    from spacy.tokens import DocBin

    db = DocBin(store_user_data=True)
    for r in records:
        db.add(_reference_doc(r, nlp))
    return db


def topic_examples(records: Iterable[dict[str, Any]], nlp: Language) -> list[Example]:
    """One textcat ``Example`` per topic item (bulletin items and topic-item lines), one-hot cats."""
    from spacy.training import Example

    codes = topic_codes()
    return [Example.from_dict(nlp.make_doc(item_text(it)),
                              {"cats": {c: float(c == it["topic"]) for c in codes}})
            for it in item_records(records)]
