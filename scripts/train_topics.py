"""Train the shipped topic model, or compare candidate designs by cross-validation.

    python scripts/train_topics.py            # = bulletin-nlp train corpus --out models/topics
    python scripts/train_topics.py --select   # CV table of the candidates below (writes nothing)
    python scripts/train_topics.py --analysis # transfer / low-data / hard-case checks (writes nothing)

Run from anywhere; paths are taken relative to the repository root. The candidate table in
docs/topics.md was made with ``--select``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def candidates() -> dict[str, tuple[object, bool]]:
    """Name → (Config, taxonomy_prior). The first is the chosen default."""
    from bulletin_nlp.topics.model import Block, Config

    base = Config()
    text, section, agency = base.blocks
    prior = Block("prior", "prior", weight=0.2)
    fields = (Block("section", "char", "section", (1, 3), 0.5), Block("headline", "char", "headline", (1, 3), 1.0),
              Block("body", "char", "body", (1, 3), 1.0, min_df=2))

    def ngrams(lo: int, hi: int) -> tuple[Block, ...]:
        return tuple(replace(b, ngram=(lo, hi)) if b.kind == "char" else b for b in base.blocks)

    return {
        "**chosen**: headline+body char 1-3, section ×0.2, agencies ×0.2; LR C=20": (base, True),
        "headline+body only": (Config(blocks=(text,)), True),
        "chosen + agency→topic prior ×0.2": (Config(blocks=(*base.blocks, prior)), True),
        "separate fields (section ×0.5, headline, body), agencies ×0.5, prior ×1": (
            Config(blocks=(*fields, Block("agency", "agency", weight=0.5), Block("prior", "prior", weight=1.0))), True),
        "separate fields, no agency features": (Config(blocks=fields), True),
        "chosen, no taxonomy pseudo-items": (base, False),
        "chosen, char 1-2": (Config(blocks=ngrams(1, 2)), True),
        "chosen, char 1-4": (Config(blocks=ngrams(1, 4)), True),
        "chosen, section ×1, agencies ×1": (Config(blocks=(text, replace(section, weight=1.0),
                                                               replace(agency, weight=1.0))), True),
        "chosen, C=5": (replace(base, C=5.0), True),
        "chosen, C=100": (replace(base, C=100.0), True),
        "chosen, LinearSVC C=1": (replace(base, model="linearsvc", C=1.0), True),
    }


def select(data: list[Path]) -> int:
    from bulletin_nlp.topics.train import cross_validate, data_files, load_items

    items = load_items(data_files(data))
    rows, base_rows = [], {}
    for name, (config, prior) in candidates().items():
        t = time.perf_counter()
        cv = cross_validate(items, config, taxonomy_prior=prior)  # type: ignore[arg-type]
        cells = []
        for scheme, res in cv.items():
            m = res["model"]
            cells.append(f"{m['pooled_accuracy']:.3f} ({m['accuracy_mean']:.3f} ± {m['accuracy_std']:.3f}) | "
                         f"{m['pooled_macro_f1']:.3f}")
            for b in ("baseline_rules", "baseline_majority"):
                base_rows.setdefault(b, {})[scheme] = res[b]
        rows.append(f"| {name} | " + " | ".join(cells) + f" | {time.perf_counter() - t:.0f} |")
        print(rows[-1], flush=True)
    for b, by_scheme in base_rows.items():
        cells = [f"{r['pooled_accuracy']:.3f} ({r['accuracy_mean']:.3f} ± {r['accuracy_std']:.3f}) | "
                 f"{r['pooled_macro_f1']:.3f}" for r in by_scheme.values()]
        rows.append(f"| {b} | " + " | ".join(cells) + " | |")
    schemes = list(base_rows["baseline_rules"])
    head = "| candidate | " + " | ".join(f"{s}: accuracy pooled (fold mean ± std) | macro-F1" for s in schemes)
    print("\n" + head + " | CV seconds |")
    print("|---" * (2 * len(schemes) + 2) + "|")
    print("\n".join(rows))
    return 0


def analysis(data: list[Path]) -> int:
    """Transfer and low-data checks quoted in docs/topics.md (default design)."""
    from collections import Counter

    from bulletin_nlp.topics.model import TopicClassifier
    from bulletin_nlp.topics.train import _folds, data_files, load_items, rule_baseline, taxonomy_items

    items = load_items(data_files(data))
    lone = [it for it in items if not it["group"]]
    bulletin = [it for it in items if it["group"]]
    seeds = [it for it in bulletin if it["origin"] == "seed"]
    others = [it for it in bulletin if it["origin"] != "seed"]

    def accuracy(train: list[dict], test: list[dict]) -> str:
        clf = TopicClassifier().fit(train, [it["topic"] for it in train])
        ok = sum(t == it["topic"] for (t, _), it in zip(clf.predict(test), test, strict=False))
        return f"{ok}/{len(test)} = {ok / len(test):.3f}"

    tax = taxonomy_items()
    print("synthetic items (+ taxonomy) → all bulletin items:", accuracy(lone + tax, bulletin))
    print("3 seed bulletins only → other bulletins:", accuracy(seeds, others))
    print("3 seed bulletins + taxonomy → other bulletins:", accuracy(seeds + tax, others))
    fallback = Counter(it["topic"] for it in seeds).most_common(1)[0][0]
    ok = sum(rule_baseline(it, fallback) == it["topic"] for it in others)
    print(f"rules baseline on other bulletins: {ok}/{len(others)} = {ok / len(others):.3f}")
    hard_file = ROOT / "corpus" / "topics" / "synthetic_items.hard_cases.tsv"
    if hard_file.exists():
        hard = {line.split("\t")[0] for line in hard_file.read_text("utf-8").splitlines()[1:] if line.strip()}
        right: Counter[bool] = Counter()
        total: Counter[bool] = Counter()
        everything = lone + tax
        for test in next(v for k, v in _folds(lone, [it["topic"] for it in lone], 0).items()):
            held = set(test)
            train = [it for i, it in enumerate(everything) if i not in held]
            clf = TopicClassifier().fit(train, [it["topic"] for it in train])
            for (t, _), i in zip(clf.predict([lone[i] for i in test]), test, strict=False):
                is_hard = lone[i]["id"] in hard
                total[is_hard] += 1
                right[is_hard] += t == lone[i]["topic"]
        for h in (True, False):
            print(f"5-fold on synthetic items, {'hard' if h else 'other'} items: "
                  f"{right[h]}/{total[h]} = {right[h] / total[h]:.3f}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--select", action="store_true", help="print the CV table of candidate designs")
    ap.add_argument("--analysis", action="store_true", help="print transfer and low-data checks")
    ap.add_argument("--data", nargs="+", type=Path, default=[Path("corpus")])
    ap.add_argument("--out", type=Path, default=Path("models/topics"))
    args = ap.parse_args(argv)
    os.chdir(ROOT)
    if args.select:
        return select(args.data)
    if args.analysis:
        return analysis(args.data)
    from bulletin_nlp.topics.train import train_topics

    meta = train_topics(args.data, out_dir=args.out)
    print(json.dumps({k: meta[k] for k in ("model_dir", "previous_model_dir", "corpus", "cv", "train_seconds")},
                     ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
