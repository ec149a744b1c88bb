"""Turn the hand-written zoo gold (zoo_b_*.py) into corpus records.

Every decision (entity spans, canonicals, codes, values, units, qualifiers, item starts and
ends, headlines, sources, topics) is written by hand in the source files; this script only
finds the hand-written span texts in the text, in order, to get offsets, and reports any
further occurrence of an annotated string that was left unannotated so the annotator can
decide.  Usage: python corpus/zoo_src/build.py  (writes corpus/zoo_b*.jsonl, corpus/zoo_texts/).
"""
from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from bulletin_nlp.corpus import write_records  # noqa: E402

TOWNS = Path("/work/shared/data/towns_all.csv")


def town_codes(county: str) -> dict[str, str]:
    with TOWNS.open(encoding="utf-8") as fh:
        return {r["name"]: r["code"] for r in csv.DictReader(fh) if r["county"] == county}


def find(text: str, needle: str, start: int, what: str) -> int:
    pos = text.find(needle, start)
    if pos < 0:
        raise ValueError(f"{what}: {needle!r} not found after {start}")
    return pos


def build(spec: dict[str, Any]) -> dict[str, Any]:
    text: str = spec["text"]
    towns = town_codes(spec["county"])
    sections = []
    cursor = 0
    for title, anchor, items in spec["sections"]:
        sec_start = find(text, anchor, cursor, f"section {title}") if anchor else None
        if anchor:
            cursor = sec_start + 1
        out_items = []
        for item_start, item_end, headline, sources, topic in items:
            s = find(text, item_start, cursor, "item start")
            e = find(text, item_end, s, "item end") + len(item_end)
            hs = he = None
            if headline:
                hs = find(text, headline, s, "headline")
                he = hs + len(headline)
                assert he <= e
            out_items.append({"start": s, "end": e, "headline": headline, "headline_start": hs,
                              "headline_end": he, "sources": sources, "topic": topic})
            cursor = e
        start = sec_start if sec_start is not None else out_items[0]["start"]
        end = out_items[-1]["end"] if out_items else sec_start + len(anchor)
        sections.append({"title": title, "start": start, "end": end, "items": out_items})
    ents = []
    cursor = 0
    limit = text.find(spec["footer_anchor"]) if spec.get("footer_anchor") else len(text)
    for line in spec["ents"].strip().splitlines():
        parts = line.strip().split("|")
        label, span = parts[0], parts[1]
        s = find(text, span, cursor, "entity")
        e = s + len(span)
        ent: dict[str, Any] = {"label": {"A": "AGENCY", "T": "TOWNSHIP", "Q": "QUANTITY"}[label],
                               "start": s, "end": e, "text": span, "canonical": None,
                               "code": None, "value": None, "unit": None, "qualifier": None,
                               "level": None}
        if label == "A":
            ent["canonical"] = parts[2]
            ent["level"] = parts[3] if len(parts) > 3 and parts[3] else "county"
        elif label == "T":
            ent["canonical"] = parts[2]
            ent["code"] = towns.get(parts[2])
            assert ent["code"], f"township {parts[2]} not in {spec['county']}"
        else:
            ent["value"] = float(parts[2])
            ent["unit"] = parts[3]
            ent["qualifier"] = parts[4] if len(parts) > 4 and parts[4] else None
        ents.append(ent)
        cursor = s + 1
    # report unannotated repeats of annotated strings (before the footer)
    taken = {(x["start"], x["end"]) for x in ents}
    for x in ents:
        pos = text.find(x["text"])
        while 0 <= pos < limit:
            covered = any(a["start"] <= pos < a["end"] for a in ents if a["label"] == x["label"])
            if (pos, pos + len(x["text"])) not in taken and not covered:
                print(f"  {spec['id']}: unannotated {x['label']} {x['text']!r} at {pos}: "
                      f"{text[max(0, pos - 8):pos + len(x['text']) + 8]!r}")
            pos = text.find(x["text"], pos + 1)
    # township names of the county present but not annotated
    for name in towns:
        for form in {name, name[:-1] if name.endswith(("镇", "乡")) and len(name) > 2 else name}:
            pos = text.find(form)
            while 0 <= pos < limit:
                if not any(a["start"] <= pos < a["end"] for a in ents):
                    print(f"  {spec['id']}: township form {form!r} at {pos} not annotated: "
                          f"{text[max(0, pos - 6):pos + len(form) + 6]!r}")
                pos = text.find(form, pos + 1)
    ents.sort(key=lambda x: (x["start"], x["label"]))
    gold = {"title": spec["title"], "issue": spec["issue"], "issue_total": spec.get("issue_total"),
            "date": spec["date"], "publisher": spec["publisher"], "county": spec["county"],
            "sections": sections, "entities": ents, "footer": spec["footer"]}
    return {"id": spec["id"], "text": text, "meta": {"origin": "synthetic", "note": spec["note"]},
            "gold": gold}


def load(path: Path) -> list[dict[str, Any]]:
    mod_spec = importlib.util.spec_from_file_location(path.stem, path)
    assert mod_spec and mod_spec.loader
    module = importlib.util.module_from_spec(mod_spec)
    mod_spec.loader.exec_module(module)
    return module.BULLETINS


def main() -> None:
    here = Path(__file__).parent
    texts = ROOT / "corpus" / "zoo_texts"
    texts.mkdir(exist_ok=True)
    for src, out in (("zoo_b_dev.py", "zoo_b.jsonl"), ("zoo_b_unseen.py", "zoo_b_unseen.jsonl")):
        if not (here / src).exists():
            continue
        records = [build(spec) for spec in load(here / src)]
        for rec in records:
            (texts / f"{rec['id']}.txt").write_text(rec["text"], encoding="utf-8")
        write_records(records, ROOT / "corpus" / out)
        print(out, len(records))


if __name__ == "__main__":
    main()
