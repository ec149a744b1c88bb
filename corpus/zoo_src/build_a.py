"""Build corpus/zoo_a.jsonl and corpus/zoo_a_unseen.jsonl from hand-marked sources.

Each source file corpus/zoo_src/a/<id>.txt is a JSON header line (masthead, footer, split,
note), a line ``---``, then the bulletin text with the annotator's hand-written marks:

- ``{A:written>canonical@level}`` an AGENCY (canonical defaults to the written form with
  ``县`` added when it has no level prefix; level defaults to ``county``)
- ``{T:written>canonical}`` a TOWNSHIP (canonical defaults to the written form; the code is
  the one of that canonical name in the bulletin's county in towns_all.csv; ``#null`` after
  the canonical forces no code)
- ``{Q:written|value|unit|qualifier}`` a QUANTITY (qualifier optional)
- ``⟨S:title⟩`` a section start (title ``-`` = a section without heading, starting at its
  first item), ``⟨I:topic:src1,src2⟩`` … ``⟨/I⟩`` an item, ``⟨H⟩`` … ``⟨/H⟩`` its headline.

All decisions are in the marks; this script only removes them and counts offsets.
Usage: python corpus/zoo_src/build_a.py
"""
from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from bulletin_nlp.corpus import write_records  # noqa: E402

TOWNS = ROOT.parent / "shared" / "data" / "towns_all.csv"
MARK = re.compile(r"\{([ATQ]):([^{}]*)\}|⟨(/?[SIH])(?::([^⟩]*))?⟩")


def town_codes(county: str) -> dict[str, str]:
    with TOWNS.open(encoding="utf-8") as fh:
        return {r["name"]: r["code"] for r in csv.DictReader(fh) if r["county"] == county}


def entity(kind: str, body: str, start: int, towns: dict[str, str]) -> tuple[str, dict[str, Any]]:
    base: dict[str, Any] = {"canonical": None, "code": None, "value": None, "unit": None,
                            "qualifier": None}
    if kind == "Q":
        parts = body.split("|")
        written = parts[0]
        qual = parts[3] if len(parts) > 3 and parts[3] else None
        ent = base | {"label": "QUANTITY", "value": float(parts[1]), "unit": parts[2],
                      "qualifier": qual}
    elif kind == "A":
        level = "county"
        if "@" in body:
            body, level = body.split("@")
        written, _, canonical = body.partition(">")
        if not canonical:
            canonical = written if written.startswith("县") else "县" + written
        ent = base | {"label": "AGENCY", "canonical": canonical, "level": level}
    else:
        force_null = body.endswith("#null")
        body = body.removesuffix("#null")
        written, _, canonical = body.partition(">")
        canonical = canonical or written
        code = None if force_null else towns.get(canonical)
        if code is None and not force_null:
            raise ValueError(f"township {canonical!r} not in county")
        ent = base | {"label": "TOWNSHIP", "canonical": canonical, "code": code}
    ent |= {"start": start, "end": start + len(written), "text": written}
    return written, ent


def build(path: Path) -> tuple[str, dict[str, Any]]:
    head, _, marked = path.read_text(encoding="utf-8").partition("\n---\n")
    meta = json.loads(head)
    towns = town_codes(meta["county"]) if meta.get("county") else {}
    out: list[str] = []
    pos = 0
    ents: list[dict[str, Any]] = []
    sections: list[dict[str, Any]] = []
    item: dict[str, Any] | None = None
    last = 0
    for m in MARK.finditer(marked):
        out.append(marked[last:m.start()])
        pos += m.start() - last
        last = m.end()
        if m.group(1):
            written, ent = entity(m.group(1), m.group(2), pos, towns)
            out.append(written)
            pos += len(written)
            ents.append(ent)
            continue
        tag, arg = m.group(3), m.group(4)
        if tag == "S":
            sections.append({"title": None if arg == "-" else arg, "start": pos, "items": [],
                             "untitled": arg == "-"})
        elif tag == "I":
            topic, _, srcs = arg.partition(":")
            item = {"start": pos, "headline": None, "headline_start": None,
                    "headline_end": None, "sources": [s for s in srcs.split(",") if s],
                    "topic": topic}
            sections[-1]["items"].append(item)
        elif tag == "/I":
            assert item is not None
            item["end"] = pos
        elif tag == "H":
            assert item is not None
            item["headline_start"] = pos
        elif tag == "/H":
            assert item is not None
            item["headline_end"] = pos
    out.append(marked[last:])
    text = "".join(out)
    for sec in sections:
        if sec.pop("untitled"):
            sec["start"] = sec["items"][0]["start"]
        sec["end"] = sec["items"][-1]["end"] if sec["items"] else sec["start"] + len(sec["title"])
        for it in sec["items"]:
            if it["headline_start"] is not None:
                it["headline"] = text[it["headline_start"]:it["headline_end"]]
    for ent in ents:
        assert text[ent["start"]:ent["end"]] == ent["text"]
    gold = {k: meta.get(k) for k in ("title", "issue", "issue_total", "date", "publisher",
                                     "county")}
    gold |= {"sections": sections, "entities": sorted(ents, key=lambda e: (e["start"], e["label"])),
             "footer": meta["footer"]}
    record = {"id": path.stem, "text": text,
              "meta": {"origin": "synthetic", "note": meta["note"]}, "gold": gold}
    return meta.get("split", "unseen"), record


def main() -> None:
    splits: dict[str, list[dict[str, Any]]] = {"dev": [], "unseen": []}
    texts = ROOT / "corpus" / "zoo_texts"
    texts.mkdir(exist_ok=True)
    for path in sorted((Path(__file__).parent / "a").glob("*.txt")):
        split, record = build(path)
        splits[split].append(record)
        (texts / f"{record['id']}.txt").write_text(record["text"], encoding="utf-8")
    write_records(splits["dev"], ROOT / "corpus" / "zoo_a.jsonl")
    write_records(splits["unseen"], ROOT / "corpus" / "zoo_a_unseen.jsonl")
    print({k: len(v) for k, v in splits.items()})


if __name__ == "__main__":
    main()
