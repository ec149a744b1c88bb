"""DATE and facts accuracy on the bulletins annotated for them (docs/accuracy.md).

    python scripts/facts_accuracy.py                 # development bulletins (seeds + 8 dev)
    python scripts/facts_accuracy.py --heldout       # the 4 held-out bulletins
    python scripts/facts_accuracy.py --per-doc --html facts.html

The held-out ones are marked ``! heldout`` in corpus/annotations/facts/ (annotated before the
rules were written); they are left out unless asked for.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from merge_facts_gold import CORPUS_FILES, ROOT, heldout_ids

from bulletin_nlp.corpus import read_records
from bulletin_nlp.corpus.evaluate import evaluate_records, write_html

ROWS = (("DATE P", ("ents_per_type", "DATE", "p")), ("DATE R", ("ents_per_type", "DATE", "r")),
        ("DATE value", ("date_interval_acc",)), ("subject", ("fact_subject_acc",)),
        ("indicator exact", ("fact_indicator_exact_acc",)), ("indicator overlap", ("fact_indicator_overlap_acc",)),
        ("period", ("fact_period_acc",)))


def _get(metrics: dict, path: tuple[str, ...]) -> float | None:
    value = metrics
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value if isinstance(value, float) else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--heldout", action="store_true", help="score the held-out bulletins instead")
    parser.add_argument("--per-doc", action="store_true", help="one column per bulletin too")
    parser.add_argument("--html", type=Path, help="write the evaluation report here")
    args = parser.parse_args(argv)
    held = heldout_ids()
    records = [r for name in CORPUS_FILES for r in read_records(ROOT / "corpus" / f"{name}.jsonl")
               if r["gold"].get("facts") is not None and (r["id"] in held) == args.heldout]
    metrics, predictions = evaluate_records(records)
    if args.html:
        write_html(metrics, records, predictions, args.html)
    for failure in metrics["failures"]:
        print(f"parse failed: {failure['id']}: {failure['error']}", file=sys.stderr)
    n_dates = sum(e["label"] == "DATE" for r in records for e in r["gold"]["entities"])
    print(f"{len(records)} bulletins, {metrics['n_gold_facts']} facts, {n_dates} DATEs")
    columns = [("all", metrics)] + ([(d["id"][:14], d) for d in metrics["per_doc"]] if args.per_doc else [])
    print(f"{'':<18}" + "".join(f"{name:>15}" for name, _ in columns))
    for label, path in ROWS:
        cells = [_get(m, path) for _, m in columns]
        print(f"{label:<18}" + "".join(f"{'—' if v is None else f'{100 * v:.1f}':>15}" for v in cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
