"""Merge the hand-written DATE and facts gold into the corpus records.

The gold lives in ``corpus/annotations/facts/<record id>.txt`` (format in
``corpus/annotations/README.md``), written by reading the bulletins. This script only turns
the annotator's choices into offsets (a string search for the span they wrote, as
docs/annotation.md allows) and writes them into ``corpus/*.jsonl``: ``gold.entities`` gains
the DATE mentions, ``gold.facts`` the facts. It touches nothing else in a record, so it can be
rerun after any rebase; records without an annotation file keep ``gold.facts = null``.

    python scripts/merge_facts_gold.py            # merge into corpus/*.jsonl
    python scripts/merge_facts_gold.py --check    # resolve only, report problems
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bulletin_nlp.corpus import read_records, write_records

ROOT = Path(__file__).resolve().parent.parent
ANNOTATIONS = ROOT / "corpus" / "annotations" / "facts"
CORPUS_FILES = ("seeds", "dev", "test", "holdout")
COUNTY_WORDS = ("我县", "全县", "全縣", "县域", "縣域")
# characters a page break or layout may put inside a written span (see docs/annotation.md)
_GAP = r"[\s\-—–－·\d]*?"


@dataclass
class Annotation:
    """One annotation file: DATE lines and fact lines, in text order."""

    record_id: str
    heldout: bool = False
    dates: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    facts: list[tuple[str, str, str, str]] = field(default_factory=list)


def parse_annotation(path: Path) -> Annotation:
    """Read ``D text | start | end`` and ``F quantity | subject | indicator | period`` lines."""
    ann = Annotation(path.stem)
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if line.strip() == "! heldout":
            ann.heldout = True
            continue
        kind, rest = line[:2], line[2:]
        cells = [c.strip() for c in rest.split("|")]
        if kind == "D " and len(cells) == 3:
            ann.dates.append((cells[0], _date_or_none(cells[1]), _date_or_none(cells[2])))
        elif kind == "F " and len(cells) == 4:
            ann.facts.append((cells[0], cells[1], cells[2], cells[3]))
        else:
            raise ValueError(f"{path}:{n}: cannot read {line!r}")
    return ann


def _date_or_none(cell: str) -> str | None:
    if cell == "-":
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", cell):
        raise ValueError(f"not a date: {cell!r}")
    return cell


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _flexible(written: str) -> re.Pattern[str]:
    """A pattern for a span written without the page breaks the text may hold inside it."""
    return re.compile(_GAP.join(re.escape(ch) for ch in _squeeze(written)))


def _county_code(county: str | None, township_codes: list[str]) -> str | None:
    path = ROOT / "bulletin_nlp" / "data" / "counties.csv"
    with path.open(encoding="utf-8-sig", newline="") as fh:
        codes = [row["code"] for row in csv.DictReader(fh) if row["name"] == county]
    if len(codes) > 1:
        prefixes = {code[:6] for code in township_codes}
        codes = [code for code in codes if code in prefixes] or codes
    return codes[0] if len(codes) == 1 else None


class Resolver:
    """Turns one annotation into offsets against one corpus record."""

    def __init__(self, record: dict[str, Any], ann: Annotation) -> None:
        self.text: str = record["text"]
        self.gold: dict[str, Any] = record["gold"]
        self.ann = ann
        self.entities = [e for e in self.gold["entities"] if e["label"] != "DATE"]
        self.items = [(si, ii, it) for si, sec in enumerate(self.gold["sections"])
                      for ii, it in enumerate(sec["items"])]
        towns = [e["code"] for e in self.entities if e["label"] == "TOWNSHIP" and e["code"]]
        self.county = self.gold["county"]
        self.county_code = _county_code(self.county, towns)
        self.dates: list[dict[str, Any]] = []

    def fail(self, message: str) -> ValueError:
        return ValueError(f"{self.ann.record_id}: {message}")

    def resolve_dates(self) -> list[dict[str, Any]]:
        cursor = 0
        for written, start, end in self.ann.dates:
            at = self.text.find(written, cursor)
            if at < 0:
                raise self.fail(f"DATE {written!r} not found after offset {cursor}")
            cursor = at + len(written)
            self.dates.append({"label": "DATE", "start": at, "end": cursor, "text": written,
                               "canonical": None, "code": None, "value": None, "unit": None,
                               "qualifier": None,
                               "interval": None if start is None and end is None
                               else {"start": start, "end": end}})
        return self.dates

    def item_of(self, start: int) -> tuple[int, int, dict[str, Any]] | None:
        for si, ii, item in self.items:
            if item["start"] <= start < item["end"]:
                return si, ii, item
        return None

    def resolve_facts(self) -> list[dict[str, Any]]:
        quantities = [e for e in self.entities if e["label"] == "QUANTITY" and self.item_of(e["start"])]
        if len(quantities) != len(self.ann.facts):
            raise self.fail(f"{len(self.ann.facts)} fact lines for {len(quantities)} quantities in items")
        facts = []
        for quantity, (written, subject, indicator, period) in zip(quantities, self.ann.facts, strict=True):
            if _squeeze(written) != _squeeze(quantity["text"]):
                raise self.fail(f"fact line {written!r} meets quantity {quantity['text']!r}")
            located = self.item_of(quantity["start"])
            assert located is not None
            si, ii, item = located
            facts.append({"quantity": [quantity["start"], quantity["end"]], "item": [si, ii],
                          "subject": self.subject(subject, quantity, item),
                          "indicator": self.indicator(indicator, quantity, item),
                          "period": self.period(period, quantity, item)})
        return facts

    def subject(self, cell: str, quantity: dict[str, Any], item: dict[str, Any]) -> dict[str, Any] | None:
        if cell == "-":
            return None
        where, _, name = cell.rpartition(":")
        low, high = item["start"], quantity["start"]
        if where == "head":
            low, high = item["headline_start"], item["headline_end"]
        elif where == "src":
            high = item["end"]
        if name in COUNTY_WORDS:
            at = self.text.rfind(name, low, high)
            if at < 0:
                raise self.fail(f"subject {cell!r} not found before {quantity['text']!r}")
            return {"text": name, "start": at, "end": at + len(name), "label": "COUNTY",
                    "canonical": self.county, "code": self.county_code}
        found = [e for e in self.entities if e["label"] in ("AGENCY", "TOWNSHIP")
                 and e["text"] == name and low <= e["start"] and e["end"] <= high]
        if not found:
            raise self.fail(f"subject {cell!r} not found for {quantity['text']!r}")
        mention = found[-1]
        return {"text": mention["text"], "start": mention["start"], "end": mention["end"],
                "label": mention["label"], "canonical": mention["canonical"], "code": mention["code"]}

    def indicator(self, cell: str, quantity: dict[str, Any], item: dict[str, Any]) -> dict[str, Any] | None:
        if cell == "-":
            return None
        after = cell.startswith(">")
        pattern = _flexible(cell.lstrip(">"))
        if after:
            match = pattern.search(self.text, quantity["end"], item["end"])
        else:
            matches = [m for m in pattern.finditer(self.text, item["start"], quantity["start"])]
            match = matches[-1] if matches else None
        if match is None:
            raise self.fail(f"indicator {cell!r} not found for {quantity['text']!r}")
        return {"text": match.group(), "start": match.start(), "end": match.end()}

    def period(self, cell: str, quantity: dict[str, Any], item: dict[str, Any]) -> dict[str, Any] | None:
        if cell == "-":
            return None
        found = [d for d in self.dates if d["text"] == cell
                 and item["start"] <= d["start"] and d["end"] <= quantity["start"]]
        if not found:
            raise self.fail(f"period {cell!r} not found before {quantity['text']!r}")
        date = found[-1]
        return {"text": date["text"], "start": date["start"], "end": date["end"],
                "value": date["interval"]}


def merge(record: dict[str, Any], ann: Annotation) -> dict[str, Any]:
    """The record with its DATE entities and facts replaced by the annotation's."""
    resolver = Resolver(record, ann)
    dates = resolver.resolve_dates()
    facts = resolver.resolve_facts()
    entities = sorted(resolver.entities + dates, key=lambda e: (e["start"], e["end"]))
    index = {(e["start"], e["end"]): k for k, e in enumerate(entities) if e["label"] == "QUANTITY"}
    for fact in facts:
        fact["quantity"] = index[tuple(fact["quantity"])]
    record["gold"]["entities"] = entities
    record["gold"]["facts"] = facts
    return record


def heldout_ids() -> set[str]:
    """Ids of the bulletins whose facts gold was written before the rules (measured last)."""
    return {p.stem for p in sorted(ANNOTATIONS.glob("*.txt")) if parse_annotation(p).heldout}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="resolve only; write nothing")
    args = parser.parse_args(argv)
    annotations = {p.stem: parse_annotation(p) for p in sorted(ANNOTATIONS.glob("*.txt"))}
    used: set[str] = set()
    problems = 0
    for name in CORPUS_FILES:
        path = ROOT / "corpus" / f"{name}.jsonl"
        records = read_records(path)
        for record in records:
            ann = annotations.get(record["id"])
            if ann is None:
                record["gold"].setdefault("facts", None)
                continue
            used.add(ann.record_id)
            try:
                merge(record, ann)
            except ValueError as err:
                problems += 1
                print(err, file=sys.stderr)
        if not args.check:
            write_records(records, path)
    for missing in sorted(set(annotations) - used):
        problems += 1
        print(f"{missing}: no corpus record with this id", file=sys.stderr)
    print(f"{len(used)} records annotated, {problems} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
