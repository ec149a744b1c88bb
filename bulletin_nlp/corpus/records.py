"""Labelled corpus: read, normalise, check, load as a ``datasets.Dataset``, convert to spaCy.

Format: docs/corpus-format.md. Two kinds of JSONL line exist: a *bulletin record*
(``id``, ``text``, ``meta``, ``gold``) and a *topic item* (``corpus/topics/*.jsonl``).
"""
from __future__ import annotations

import copy
import csv
import datetime as dt
import errno
import json
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bulletin_nlp.resources import PathLike, data_path, require
from bulletin_nlp.text.chars import WHITESPACE
from bulletin_nlp.text.fold import fold
from bulletin_nlp.topics.taxonomy import topic_codes

if TYPE_CHECKING:  # heavy imports stay lazy
    import datasets

ENTITY_KEYS = ("label", "start", "end", "text", "canonical", "code", "value", "unit", "qualifier",
               "interval", "level")
GOLD_SCALARS = ("title", "issue", "issue_total", "date", "publisher", "county")
ITEM_KEYS = ("id", "section", "headline", "body", "sources", "topic", "origin")
_BRACKETS = {"）": "（", ")": "(", "】": "【", "]": "["}


# --------------------------------------------------------------------------- reading/writing
def _jsonl_files(path: PathLike) -> list[Path]:
    folder_or_file = Path(path)
    if folder_or_file.is_dir():
        return sorted(folder_or_file.glob("*.jsonl"))
    if not folder_or_file.exists():
        raise FileNotFoundError(errno.ENOENT, "no such corpus file or folder", str(folder_or_file))
    return [folder_or_file]


def _lines(path: PathLike) -> Iterator[tuple[Path, int, str]]:
    for file in _jsonl_files(path):
        with file.open(encoding="utf-8") as stream:
            for line_number, line in enumerate(stream, 1):
                if line.strip():
                    yield file, line_number, line


def read_records(path: PathLike) -> list[dict[str, Any]]:
    """Records of a ``.jsonl`` file, or of every ``*.jsonl`` directly inside a folder (sorted)."""
    out = []
    for file, line_number, line in _lines(path):
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError as error:
            raise _invalid_json(file, line_number, error) from None
    return out


def _invalid_json(file: Path, line_number: int, error: json.JSONDecodeError) -> ValueError:
    return ValueError(f"{file}:{line_number}: invalid JSON: {error}")


def is_bulletin(record: dict[str, Any]) -> bool:
    """True for a bulletin record, False for a topic item."""
    return "gold" in record or "text" in record


def normalize_record(record: dict[str, Any]) -> dict[str, Any]:
    """A copy with every key present (``None``/``[]`` where missing) and ``value`` as float.

    This is the shape writers must emit so that Arrow infers one type per field.
    """
    normalized = copy.deepcopy(record)
    if not is_bulletin(normalized):
        return {key: normalized.get(key, [] if key == "sources" else None) for key in ITEM_KEYS} | normalized
    normalized.setdefault("meta", {})
    normalized["meta"].setdefault("origin", None)
    normalized["meta"].setdefault("note", None)
    gold = normalized.setdefault("gold", {})
    for key in GOLD_SCALARS:
        gold.setdefault(key, None)
    for section in gold.setdefault("sections", []):
        section.setdefault("title", None)
        for item in section.setdefault("items", []):
            for key in ("headline", "headline_start", "headline_end", "topic"):
                item.setdefault(key, None)
            item.setdefault("sources", [])
    gold["entities"] = [{key: entity.get(key) for key in ENTITY_KEYS} | entity for entity in gold.get("entities", [])]
    for entity in gold["entities"]:
        if isinstance(entity["value"], int) and not isinstance(entity["value"], bool):
            entity["value"] = float(entity["value"])
    gold.setdefault("facts", None)
    footer = gold.setdefault("footer", {})
    footer.setdefault("distribution", [])
    for key in ("editor", "reviewer", "issuer"):
        footer.setdefault(key, None)
    return normalized


def write_records(records: Iterable[dict[str, Any]], path: PathLike) -> None:
    """Write normalised records as UTF-8 JSONL (one per line, non-ASCII kept)."""
    with Path(path).open("w", encoding="utf-8") as stream:
        for record in records:
            stream.write(json.dumps(normalize_record(record), ensure_ascii=False) + "\n")


# --------------------------------------------------------------------------- schema
@lru_cache(maxsize=1)
def load_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a corpus line."""
    txt = data_path("corpus.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(txt)
    return schema


def _where(path: Iterable[Any]) -> str:
    """``gold.entities[3].value`` for a jsonschema error path (``record`` for the root)."""
    where = ""
    for step in path:
        where += f"[{step}]" if isinstance(step, int) else (f".{step}" if where else str(step))
    return where or "record"


def _message(error: Any) -> list[str]:
    """One jsonschema error in the words the corpus checks have always used."""
    where, value, expected = _where(error.absolute_path), error.instance, error.validator_value
    kind = error.validator
    if kind == "required":
        return [f"{where}: missing key '{key}'" for key in expected if key not in value]
    if kind == "additionalProperties":
        known = error.schema.get("properties", {})
        return [f"{where}: unexpected key '{key}'" for key in value if key not in known]
    if kind == "type":
        types = [expected] if isinstance(expected, str) else expected
        return [f"{where}: expected {' or '.join(types)}, got {json.dumps(value, ensure_ascii=False)[:40]}"]
    if kind == "enum":
        return [f"{where}: {value!r} not one of {expected}"]
    if kind == "const":
        return [f"{where}: {value!r} != {expected!r}"]
    if kind == "minLength":
        return [f"{where}: empty string"]
    if kind == "pattern":
        return [f"{where}: {value!r} does not match {expected}"]
    if kind == "minimum":
        return [f"{where}: {value} < {expected}"]
    return [f"{where}: {error.message}"]


@lru_cache(maxsize=2)
def _validator(kind: str) -> Any:
    """A draft 2020-12 validator of one kind of line; an integer offset must be an int (5.0 is
    not, though JSON Schema would accept it)."""
    jsonschema = require("jsonschema", "checking corpus records")
    base = jsonschema.Draft202012Validator
    strict_types = base.TYPE_CHECKER.redefine(
        "integer", lambda checker, value: isinstance(value, int) and not isinstance(value, bool))
    validator_class = jsonschema.validators.extend(base, type_checker=strict_types)
    root = load_schema()
    return validator_class({"$schema": root.get("$schema", ""), "$defs": root["$defs"], "$ref": f"#/$defs/{kind}"})


def schema_errors(record: dict[str, Any]) -> list[str]:
    """Schema problems of one corpus line (bulletin record or topic item), checked with jsonschema."""
    if not isinstance(record, dict):
        return ["record: expected object"]
    kind = "record" if is_bulletin(record) else "topic_item"
    problems: list[str] = []
    for error in _validator(kind).iter_errors(record):
        problems.extend(message for message in _message(error) if message not in problems)
    return problems


# --------------------------------------------------------------------------- consistency
def load_town_codes(path: PathLike | None = None) -> frozenset[str] | None:
    """Codes of the ``code`` column of ``data/towns.csv``; ``None`` when the file is absent."""
    file = Path(path) if path else data_path("towns.csv")
    if not file.is_file():
        return None
    with file.open(encoding="utf-8-sig", newline="") as stream:
        return frozenset(row["code"].strip() for row in csv.DictReader(stream) if row.get("code"))


_UNSET: Any = object()


def check_record(record: dict[str, Any], town_codes: frozenset[str] | None = _UNSET) -> list[str]:
    """Problems of one corpus line: the JSON Schema, then the consistency rules.

    ``town_codes`` defaults to :func:`load_town_codes`; with ``None`` codes are not checked.
    """
    problems = schema_errors(record)
    if problems:
        return problems
    codes = set(topic_codes())
    if not is_bulletin(record):
        return [] if record["topic"] in codes else [f"topic: unknown topic {record['topic']!r}"]
    if town_codes is _UNSET:
        town_codes = load_town_codes()
    text, gold = record["text"], record["gold"]
    text_length = len(text)

    def span(where: str, start: int, end: int, empty_ok: bool = False) -> bool:
        if not (start < end or (empty_ok and start == end)) or end > text_length:
            problems.append(f"{where}: bad offsets [{start}, {end}) for text of length {text_length}")
            return False
        if start < end and (text[start] in WHITESPACE or text[end - 1] in WHITESPACE):
            problems.append(f"{where}: span [{start}, {end}) starts or ends with whitespace")
        return True

    if gold["date"]:
        try:
            dt.date.fromisoformat(gold["date"])
        except ValueError:
            problems.append(f"gold.date: {gold['date']!r} is not a calendar date")
    prev_section_end = prev_item_end = 0
    for section_index, section in enumerate(gold["sections"]):
        path = f"gold.sections[{section_index}]"
        if span(path, section["start"], section["end"]) and section["start"] < prev_section_end:
            problems.append(f"{path}: starts at {section['start']}, "
                            f"before the previous section ends ({prev_section_end})")
        prev_section_end = max(prev_section_end, section["end"])
        for item_index, item in enumerate(section["items"]):
            path = f"gold.sections[{section_index}].items[{item_index}]"
            start, end = item["start"], item["end"]
            if not span(path, start, end):
                continue
            if start < section["start"] or end > section["end"]:
                problems.append(f"{path}: [{start}, {end}) outside its section "
                                f"[{section['start']}, {section['end']})")
            if start < prev_item_end:
                problems.append(f"{path}: starts at {start}, before the previous item ends ({prev_item_end})")
            prev_item_end = max(prev_item_end, end)
            headline_start, headline_end, headline = item["headline_start"], item["headline_end"], item["headline"]
            written = text[headline_start:headline_end] if headline_start is not None else None
            if (headline_start is None) != (headline_end is None):
                problems.append(f"{path}: headline_start and headline_end must both be null or both set")
            elif headline_start is None and headline:
                problems.append(f"{path}: headline {headline!r} without offsets")
            elif headline_start is not None:
                if not start <= headline_start < headline_end <= end:
                    problems.append(f"{path}: headline [{headline_start}, {headline_end}) "
                                    f"outside item [{start}, {end})")
                elif written != headline:
                    problems.append(f"{path}: headline {headline!r} != "
                                    f"text[{headline_start}:{headline_end}] {written!r}")
            problems += [f"{path}: source {source!r} not in the item text"
                         for source in item["sources"] if source not in text[start:end]]
            if item["topic"] not in codes:
                problems.append(f"{path}: unknown topic {item['topic']!r}")
    last: dict[str, tuple[int, int]] = {}
    prev_start = 0
    for entity_index, entity in enumerate(gold["entities"]):
        path, start, end = f"gold.entities[{entity_index}]", entity["start"], entity["end"]
        if not span(path, start, end):
            continue
        if text[start:end] != entity["text"]:
            problems.append(f"{path}: text {entity['text']!r} != text[{start}:{end}] {text[start:end]!r}")
        if start < prev_start:
            problems.append(f"{path}: entities not sorted by start")
        prev_start = start
        label = entity["label"]
        if label in last and start < last[label][1] and end > last[label][0]:
            problems.append(f"{path}: {label} [{start}, {end}) overlaps {label} {list(last[label])}")
        if label not in last or end > last[label][1]:
            last[label] = (start, end)
        if label == "QUANTITY" and entity["qualifier"] and entity["qualifier"] not in fold(entity["text"]):
            problems.append(f"{path}: qualifier {entity['qualifier']!r} not in {entity['text']!r} (simplified)")
        if label == "TOWNSHIP" and town_codes is not None and entity["code"] and entity["code"] not in town_codes:
            problems.append(f"{path}: township code {entity['code']} not in the gazetteer")
        interval = entity["interval"] or {}
        if interval.get("start") and interval.get("end") and interval["start"] > interval["end"]:
            problems.append(f"{path}: DATE interval starts after it ends")
    return problems + _fact_problems(text, gold)


def _fact_problems(text: str, gold: dict[str, Any]) -> list[str]:
    """Facts point at a QUANTITY inside their item; their spans are the text they name."""
    problems: list[str] = []
    entities = gold["entities"]
    if gold["facts"] is None:
        if any(entity["label"] == "DATE" for entity in entities):
            problems.append("gold.facts: null although DATEs are annotated")
        return problems
    dates = {(entity["start"], entity["end"]): entity["interval"] for entity in entities if entity["label"] == "DATE"}
    for fact_index, fact in enumerate(gold["facts"]):
        path, quantity = f"gold.facts[{fact_index}]", fact["quantity"]
        if quantity >= len(entities) or entities[quantity]["label"] != "QUANTITY":
            problems.append(f"{path}: quantity {quantity} is not a QUANTITY entity")
            continue
        try:
            section_index, item_index = fact["item"]
            item = gold["sections"][section_index]["items"][item_index]
        except (ValueError, IndexError):
            problems.append(f"{path}: item {fact['item']} does not exist")
            continue
        if not item["start"] <= entities[quantity]["start"] < item["end"]:
            problems.append(f"{path}: quantity outside item {fact['item']}")
        for key in ("subject", "indicator", "period"):
            part = fact[key]
            if part and text[part["start"]:part["end"]] != part["text"]:
                problems.append(f"{path}.{key}: {part['text']!r} != text[{part['start']}:{part['end']}]")
        period = fact["period"]
        if period and dates.get((period["start"], period["end"]), "none") != period["value"]:
            problems.append(f"{path}.period: not a DATE entity with this value")
    return problems


def check_corpus(path: PathLike) -> dict[str, list[str]]:
    """Problems per record, only for records that have any (``{}`` means clean).

    Keys are record ids; ``file:line`` for lines with invalid JSON, no id or a repeated id.
    """
    return _check_lines(path, json_errors_raise=False)[1]


def count_and_check(path: PathLike) -> tuple[int, dict[str, list[str]]]:
    """The number of records in ``path`` and :func:`check_corpus`'s problems, reading it once;
    a line of invalid JSON raises ``ValueError`` (as in :func:`read_records`)."""
    return _check_lines(path, json_errors_raise=True)


def _check_lines(path: PathLike, json_errors_raise: bool) -> tuple[int, dict[str, list[str]]]:
    out: dict[str, list[str]] = {}
    seen: set[str] = set()
    towns = load_town_codes()
    count = 0
    for file, line_number, line in _lines(path):
        count += 1
        location = f"{file.name}:{line_number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            if json_errors_raise:
                raise _invalid_json(file, line_number, error) from None
            out[location] = [f"invalid JSON: {error}"]
            continue
        if not isinstance(record, dict):
            out[location] = ["not a JSON object"]
            continue
        record_id = record.get("id")
        key = record_id if isinstance(record_id, str) and record_id and record_id not in seen else location
        problems = check_record(record, towns)
        if isinstance(record_id, str) and record_id in seen:
            problems.insert(0, f"duplicate id {record_id!r}")
        if isinstance(record_id, str):
            seen.add(record_id)
        if problems:
            out[key] = problems
    return count, out


# --------------------------------------------------------------------------- datasets
def features(kind: str = "record") -> datasets.Features:
    """Explicit ``datasets.Features`` for bulletin records (``record``) or ``topic_item``s."""
    require("datasets", "corpus features")
    from datasets import Features, Value

    schema, index, field = Value("string"), Value("int64"), Value("float64")
    if kind == "topic_item":
        return Features({key: [schema] if key == "sources" else schema for key in ITEM_KEYS})
    ent = {"label": schema, "start": index, "end": index, "text": schema, "canonical": schema, "code": schema,
           "value": field, "unit": schema, "qualifier": schema, "interval": {"start": schema, "end": schema},
           "level": schema}
    span = {"text": schema, "start": index, "end": index}
    fact = {"quantity": index, "item": [index],
            "subject": span | {"label": schema, "canonical": schema, "code": schema},
            "indicator": span, "period": span | {"value": {"start": schema, "end": schema}}}
    item = {"start": index, "end": index, "headline": schema, "headline_start": index, "headline_end": index,
            "sources": [schema], "topic": schema}
    gold = {"title": schema, "issue": index, "issue_total": index, "date": schema, "publisher": schema,
            "county": schema,
            "sections": [{"title": schema, "start": index, "end": index, "items": [item]}],
            "entities": [ent], "facts": [fact],
            "footer": {"distribution": [schema], "editor": schema, "reviewer": schema, "issuer": schema}}
    return Features({"id": schema, "text": schema, "meta": {"origin": schema, "note": schema}, "gold": gold})


def load_corpus(path: PathLike) -> datasets.Dataset | datasets.DatasetDict:
    """A local corpus as ``datasets`` objects (normalised, typed, no network).

    A folder gives a ``DatasetDict`` with one split per ``*.jsonl`` file in it, named by the
    file (``dev.jsonl`` → ``dev``); a file gives one ``Dataset``. All lines of a file must be
    of one kind: bulletin records or topic items.
    """
    require("datasets", "load_corpus")
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
    start, end = item["start"], item["end"]
    hend = item.get("headline_end")
    body = text[hend if hend is not None and start <= hend <= end else start:end].rstrip(WHITESPACE)
    if item.get("sources") and body and body[-1] in _BRACKETS:
        cut = body.rfind(_BRACKETS[body[-1]])
        body = body[:cut] if cut >= 0 else body
    return body.lstrip(WHITESPACE + "*。：:，,").rstrip(WHITESPACE)


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
        for section_index, sec in enumerate(rec["gold"]["sections"]):
            for item_index, item in enumerate(sec["items"]):
                out.append({"id": f"{rec['id']}/{section_index}.{item_index}", "section": sec.get("title"),
                            "headline": item.get("headline") or "", "body": item_body(rec["text"], item),
                            "sources": list(item.get("sources") or []), "topic": item.get("topic"),
                            "origin": origin})
    return out


def item_text(item: dict[str, Any]) -> str:
    """The text a topic classifier sees: headline and body, one per line."""
    return "\n".join(part for part in (item.get("headline"), item.get("body")) if part)
