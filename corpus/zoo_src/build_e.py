"""Build corpus/zoo_e_unseen.jsonl (layout zoo, set e: fresh unseen) from hand-marked sources.

Same notation as build_a.py (see its docstring and build_c.py's). Each source file
corpus/zoo_src/e/<id>.txt is a JSON header line (masthead, footer, note, optional
``footer_anchor``), a line ``---``, then the bulletin text with the annotator's hand-written
marks. All decisions are in the marks; this script only removes them, counts offsets, writes
the texts to corpus/zoo_texts/e/<id>.txt (a subfolder, so that globs over zoo_texts/*.txt
leave the set out) and lists township names of the county that occur unmarked before the
footer anchor, for the annotator to look at again. Usage: python corpus/zoo_src/build_e.py
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_a import ROOT, build, town_codes, write_records  # the same notation: one builder
from build_c import unmarked_towns


def main() -> None:
    records = []
    texts = ROOT / "corpus" / "zoo_texts" / "e"
    texts.mkdir(parents=True, exist_ok=True)
    for path in sorted((Path(__file__).parent / "e").glob("*.txt")):
        _, record = build(path)
        records.append(record)
        (texts / f"{record['id']}.txt").write_text(record["text"], encoding="utf-8")
        anchor = json.loads(path.read_text(encoding="utf-8").partition("\n---\n")[0]).get("footer_anchor")
        footer_at = record["text"].find(anchor) if anchor else len(record["text"])
        for line in unmarked_towns(record, town_codes(record["gold"]["county"]), footer_at):
            print(f"  {record['id']}: unmarked township form {line}")
    write_records(records, ROOT / "corpus" / "zoo_e_unseen.jsonl")
    print(len(records), "records")


if __name__ == "__main__":
    main()
