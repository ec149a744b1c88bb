"""Build one fresh set of the layout zoo (corpus/zoo_<set>_unseen.jsonl, sets c to n) from
hand-marked sources.

Each source file corpus/zoo_src/<set>/<id>.txt is a JSON header line (masthead, footer, note,
optional ``footer_anchor``), a line ``---``, then the bulletin text with the annotator's marks,
in build_a.py's notation (its docstring lists them).

All decisions are in the marks; this script only removes them, counts offsets and writes the
texts (set c's to corpus/zoo_texts/, later sets' to corpus/zoo_texts/<set>/, a subfolder, so
that globs over zoo_texts/*.txt leave them out). It also lists township names of the county
that occur unmarked (outside the footer), for the annotator to look at again.
Usage: python corpus/zoo_src/build_set.py SET (c to n)
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_a import ROOT, build, town_codes, write_records  # the same notation: one builder


def unmarked_towns(record: dict[str, Any], towns: dict[str, str], footer_at: int) -> list[str]:
    """Township names (full, and short without 镇/乡) found in the text outside any mention."""
    text = record["text"]
    spans = [(e["start"], e["end"]) for e in record["gold"]["entities"]]
    found = []
    for name in towns:
        forms = {name}
        if len(name) > 2 and name.endswith(("镇", "乡")):
            forms.add(name[:-1])
        for form in forms:
            pos = text.find(form)
            while 0 <= pos < footer_at:
                if not any(s <= pos < e for s, e in spans):
                    found.append(f"{form}@{pos}: {text[max(0, pos - 6):pos + len(form) + 6]!r}")
                pos = text.find(form, pos + 1)
    return found


def build_set(sources: Path, texts: Path, output: Path) -> None:
    """Build every marked source in ``sources`` into ``output``, each text also written to
    ``texts``; print the township names left unmarked before each footer anchor."""
    records = []
    texts.mkdir(parents=True, exist_ok=True)
    for path in sorted(sources.glob("*.txt")):
        _, record = build(path)
        records.append(record)
        (texts / f"{record['id']}.txt").write_text(record["text"], encoding="utf-8")
        anchor = json.loads(path.read_text(encoding="utf-8").partition("\n---\n")[0]).get("footer_anchor")
        footer_at = record["text"].find(anchor) if anchor else len(record["text"])
        for line in unmarked_towns(record, town_codes(record["gold"]["county"]), footer_at):
            print(f"  {record['id']}: unmarked township form {line}")
    write_records(records, output)
    print(len(records), "records")


def main() -> None:
    if len(sys.argv) != 2 or not (Path(__file__).parent / sys.argv[1]).is_dir():
        sys.exit("usage: python corpus/zoo_src/build_set.py SET   (a folder of corpus/zoo_src: c to n)")
    name = sys.argv[1]
    texts = ROOT / "corpus" / "zoo_texts"
    build_set(Path(__file__).parent / name, texts if name == "c" else texts / name,
              ROOT / "corpus" / f"zoo_{name}_unseen.jsonl")


if __name__ == "__main__":
    main()
