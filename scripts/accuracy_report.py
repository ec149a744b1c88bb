"""Print the accuracy tables of docs/accuracy.md: one column per labelled corpus file.

    python scripts/accuracy_report.py corpus/seeds.jsonl corpus/dev.jsonl corpus/test.jsonl

Each column is ``bulletin_nlp.corpus.evaluate(file)`` with the shipped models (the same figures as
``bulletin-nlp evaluate FILE``).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from bulletin_nlp import load
from bulletin_nlp.corpus.evaluate import evaluate_records
from bulletin_nlp.corpus.records import read_records

ROWS = [
    ("documents / items / entities", lambda m: f"{m['n_docs']} / {m['n_gold_items']} / {m['n_gold_ents']}"),
    ("masthead fields", lambda m: pct(m["masthead_acc"])),
    ("section titles", lambda m: pct(m["sections_title_acc"])),
    ("item boundaries F1", lambda m: pct(m["items_f"])),
    ("headlines", lambda m: pct(m["headline_acc"])),
    ("sources", lambda m: pct(m["sources_acc"])),
    ("footer fields", lambda m: pct(m["footer_acc"])),
    ("AGENCY P / R", lambda m: prf(m, "AGENCY")),
    ("TOWNSHIP P / R", lambda m: prf(m, "TOWNSHIP")),
    ("QUANTITY P / R", lambda m: prf(m, "QUANTITY")),
    ("all entities F1 (overlap F1)", lambda m: f"{pct(m['ents_f'])} ({pct(m['ents_overlap_f'])})"),
    ("QUANTITY value / unit / qualifier", lambda m: " / ".join(
        pct(m[k]) for k in ("quantity_value_acc", "quantity_unit_acc", "quantity_qualifier_acc"))),
    ("AGENCY canonical", lambda m: pct(m["agency_canonical_acc"])),
    ("TOWNSHIP code", lambda m: pct(m["township_code_acc"])),
    ("topic accuracy / macro-F1", lambda m: f"{pct(m['topic_acc'])} / {pct(m['topic_macro_f'])}"),
]


def pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}"


def prf(metrics: dict, label: str) -> str:
    scores = metrics["ents_per_type"].get(label, {})
    return f"{pct(scores.get('p'))} / {pct(scores.get('r'))}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpora", nargs="+", type=Path)
    args = parser.parse_args()
    nlp = load()
    columns = [evaluate_records(read_records(path), nlp)[0] for path in args.corpora]
    print("| | " + " | ".join(p.stem for p in args.corpora) + " |")
    print("|---|" + "---|" * len(columns))
    for name, cell in ROWS:
        print(f"| {name} | " + " | ".join(cell(m) for m in columns) + " |")


if __name__ == "__main__":
    main()
