"""Train the shipped topic model, or compare candidate designs by cross-validation.

    python scripts/train_topics.py            # = bulletin-nlp train corpus --out models/topics
    python scripts/train_topics.py --select   # CV table of the candidates below (writes nothing)
    python scripts/train_topics.py --analysis # transfer / low-data / hard-case checks (writes nothing)
    python scripts/train_topics.py --evaluate # held-out and leave-one-bulletin-out tables (writes nothing)
    python scripts/train_topics.py --zoo      # leave one zoo bulletin out, with and without the zoo (writes nothing)
    python scripts/train_topics.py --sets     # leave one later zoo set (zoo_c..f_unseen) out (writes nothing)

Run from anywhere; paths are taken relative to the repository root. The candidate table in
docs/topics.md was made with ``--select``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def candidates() -> dict[str, tuple[object, bool]]:
    """Name → (Config, taxonomy_prior). The first is the chosen default."""
    from bulletin_nlp.topics.config import Block, Config

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
    from bulletin_nlp.topics.train import (
        _folds,
        data_files,
        load_items,
        rule_baseline,
        taxonomy_items,
    )

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


HELD_OUT_ITEMS = Path("corpus/topics/holdout_items.jsonl")
HELD_OUT_BOUNDARY = Path("corpus/topics/holdout_boundary_items.jsonl")
HELD_OUT_BULLETINS = (Path("corpus/test.jsonl"), Path("corpus/holdout.jsonl"))
# The layout zoo bulletins of other counties that development has seen (issue 11): training data of the
# shipped model, named one by one. A fresh unseen set is never named here until it has been measured.
LATER_ZOO_SETS = tuple(Path(f"corpus/zoo_{letter}_unseen.jsonl") for letter in "cdef")  # added after their runs
ZOO_FILES = (*(Path(f"corpus/{name}.jsonl") for name in ("zoo_a", "zoo_b", "zoo_a_unseen", "zoo_b_unseen")),
             *LATER_ZOO_SETS)


SHORT = {"economy_industry": "econ", "business_finance": "biz", "consumption_market": "cons",
         "agriculture_rural": "agri", "social_welfare": "welf", "health": "hlth", "education_culture": "edu",
         "environment": "env", "safety_emergency": "safe", "governance_order": "order", "fiscal_audit": "fisc",
         "transport_urban": "tran", "government_affairs": "gov", "party_building": "party",
         "water_resources": "water", "natural_resources": "land"}  # confusion-matrix column labels


def _bulletin_of(item: dict) -> str:
    """The bulletin an item belongs to: its group, or for held-out lone items the id before '/'."""
    return str(item.get("group") or f"{item['file']}:{str(item['id']).split('/')[0]}")


def evaluate(data: list[Path], model_dir: Path) -> int:
    """Tables for docs/topics.md: the shipped model on the held-out sets, then leave-one-
    bulletin-out over every bulletin (training, held-out bulletins, held-out item groups)."""
    from bulletin_nlp.topics.model import TopicClassifier
    from bulletin_nlp.topics.report import markdown_tables, score_topics
    from bulletin_nlp.topics.taxonomy import topic_codes
    from bulletin_nlp.topics.train import data_files, load_items, taxonomy_items

    codes = topic_codes()
    model = TopicClassifier.load(model_dir)
    sets = {"held-out items (corpus/topics/holdout_items.jsonl)": load_items([HELD_OUT_ITEMS]),
            "held-out boundary items (corpus/topics/holdout_boundary_items.jsonl)": load_items([HELD_OUT_BOUNDARY]),
            "held-out bulletins (corpus/test.jsonl, corpus/holdout.jsonl)": load_items(list(HELD_OUT_BULLETINS))}
    sets["all held-out items"] = [it for items in list(sets.values()) for it in items]
    for name, items in sets.items():
        predicted = [t for t, _ in model.predict(items)]
        scores = score_topics([it["topic"] for it in items], predicted, codes)
        print(f"\n### {model_dir} on {name}: {scores.items} items, {len({_bulletin_of(it) for it in items})} "
              f"bulletins\n\n{markdown_tables(scores, SHORT)}\n")
        for item, topic in zip(items, predicted, strict=True):
            if topic != item["topic"]:
                print(f"- `{item['id']}` {item['headline'] or item['body'][:20]}: `{item['topic']}` → `{topic}`")
    training = load_items(data_files(data))
    everything = training + sets["all held-out items"]
    tax = taxonomy_items()
    bulletins = sorted({_bulletin_of(it) for it in everything if it.get("group") or it in sets["all held-out items"]})
    gold, predicted = [], []
    for bulletin in bulletins:
        test = [it for it in everything if (it.get("group") or it in sets["all held-out items"])
                and _bulletin_of(it) == bulletin]
        train = [it for it in everything if not any(it is t for t in test)] + tax
        clf = TopicClassifier().fit(train, [it["topic"] for it in train])
        gold += [it["topic"] for it in test]
        predicted += [t for t, _ in clf.predict(test)]
    scores = score_topics(gold, predicted, codes)
    print(f"\n### leave one bulletin out: {len(bulletins)} bulletins, {scores.items} items "
          f"(each fold trains on everything else, lone items and taxonomy pseudo-items included)\n\n"
          f"{markdown_tables(scores, SHORT)}")
    return 0


def zoo(data: list[Path]) -> int:
    """Leave one zoo bulletin out over the 42 zoo bulletins: each fold trains on the other training
    data (``data`` without the zoo files, taxonomy pseudo-items) with and without the other zoo
    bulletins, and tests on the left-out bulletin's gold items. Also the held-out sets with a model
    trained on all of it. Tables for docs/topics.md."""
    from bulletin_nlp.topics.model import TopicClassifier
    from bulletin_nlp.topics.report import markdown_tables, score_topics
    from bulletin_nlp.topics.taxonomy import topic_codes
    from bulletin_nlp.topics.train import data_files, load_items, taxonomy_items

    codes = topic_codes()
    zoo_paths = {path.as_posix() for path in ZOO_FILES}
    base = [it for it in load_items(data_files(data)) if it["file"] not in zoo_paths] + taxonomy_items()
    zoo_items = load_items(list(ZOO_FILES))
    held_out = load_items([HELD_OUT_ITEMS, HELD_OUT_BOUNDARY, *HELD_OUT_BULLETINS])
    everything = base + zoo_items
    classifier = TopicClassifier()
    counts = classifier.count(classifier.block_docs(everything))
    labels = [it["topic"] for it in everything]
    bulletins = sorted({it["group"] for it in zoo_items})
    for with_zoo in (False, True):
        gold, predicted, files, errors = [], [], [], []
        for bulletin in bulletins:
            test = [index for index, it in enumerate(everything) if it.get("group") == bulletin]
            train = [index for index, it in enumerate(everything) if index not in test
                     and (with_zoo or index < len(base))]
            fold = TopicClassifier().fit_counts(counts, [labels[index] for index in train], rows=train)
            for index, (topic, _) in zip(test, fold.predict([everything[index] for index in test]), strict=True):
                gold.append(labels[index])
                predicted.append(topic)
                files.append(everything[index]["file"])
                if topic != labels[index]:
                    item = everything[index]
                    errors.append(f"- `{bulletin.split(':')[1]}` {item['headline'] or item['body'][:20]}: "
                                  f"`{labels[index]}` → `{topic}`")
        scores = score_topics(gold, predicted, codes)
        by_file = {path.stem: [right == guess for right, guess, file in zip(gold, predicted, files, strict=True)
                               if file == path.as_posix()] for path in ZOO_FILES}
        print(f"\n### leave one zoo bulletin out, other zoo bulletins {'in' if with_zoo else 'not in'} training: "
              f"{len(bulletins)} bulletins, {scores.items} items; by file "
              + ", ".join(f"{stem} {sum(ok)}/{len(ok)}" for stem, ok in by_file.items())
              + f"\n\n{markdown_tables(scores, SHORT)}\n")
        print("\n".join(errors))
        rows = [index for index in range(len(everything)) if with_zoo or index < len(base)]
        model = TopicClassifier().fit_counts(counts, [labels[index] for index in rows], rows=rows)
        held = score_topics([it["topic"] for it in held_out], [t for t, _ in model.predict(held_out)], codes)
        print(f"\nheld-out items ({held.items}) with a model trained on all of it: accuracy "
              f"{held.accuracy:.3f}, macro-F1 {held.macro_f1:.3f}")
    return 0


def leave_set_out(data: list[Path]) -> int:
    """Leave one later zoo set out (``LATER_ZOO_SETS``): score each set with a model trained without
    any later set (the training data before they were added) and with the other later sets added;
    also the held-out items with each model. Table for docs/topics.md."""
    from bulletin_nlp.topics.model import TopicClassifier
    from bulletin_nlp.topics.report import score_topics
    from bulletin_nlp.topics.taxonomy import topic_codes
    from bulletin_nlp.topics.train import data_files, load_items, taxonomy_items

    codes = topic_codes()
    later = {path.as_posix() for path in LATER_ZOO_SETS}
    base = [it for it in load_items(data_files(data)) if it.get("file") not in later] + taxonomy_items()
    held_out = load_items([HELD_OUT_ITEMS, HELD_OUT_BOUNDARY, *HELD_OUT_BULLETINS])
    everything = base + load_items(list(LATER_ZOO_SETS))
    classifier = TopicClassifier()
    counts = classifier.count(classifier.block_docs(everything))
    labels = [it["topic"] for it in everything]
    print("| left-out set | items | without later sets: accuracy / macro-F1 | with the other later sets "
          "| held-out without / with |\n|---|---:|---|---|---|")
    for left_out in sorted(later):
        test = [index for index, it in enumerate(everything) if it.get("file") == left_out]
        cells = []
        for with_later in (False, True):
            rows = [index for index, it in enumerate(everything) if it.get("file") != left_out
                    and (with_later or index < len(base))]
            model = TopicClassifier().fit_counts(counts, [labels[index] for index in rows], rows=rows)
            scores = score_topics([labels[index] for index in test],
                                  [t for t, _ in model.predict([everything[index] for index in test])], codes)
            held = score_topics([it["topic"] for it in held_out], [t for t, _ in model.predict(held_out)], codes)
            cells.append((f"{scores.accuracy:.3f} / {scores.macro_f1:.3f}", f"{held.accuracy:.3f}"))
        print(f"| `{Path(left_out).stem}` | {len(test)} | {cells[0][0]} | {cells[1][0]} | "
              f"{cells[0][1]} / {cells[1][1]} |", flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--select", action="store_true", help="print the CV table of candidate designs")
    ap.add_argument("--analysis", action="store_true", help="print transfer and low-data checks")
    ap.add_argument("--evaluate", action="store_true", help="print held-out and leave-one-bulletin-out tables")
    ap.add_argument("--zoo", action="store_true", help="print leave-one-zoo-bulletin-out tables")
    ap.add_argument("--sets", action="store_true", help="print the leave-one-later-zoo-set-out table")
    ap.add_argument("--data", nargs="+", type=Path, default=[Path("corpus"), *ZOO_FILES])
    ap.add_argument("--out", type=Path, default=Path("models/topics"))
    args = ap.parse_args(argv)
    os.chdir(ROOT)
    if args.select:
        return select(args.data)
    if args.analysis:
        return analysis(args.data)
    if args.evaluate:
        return evaluate(args.data, args.out)
    if args.zoo:
        return zoo(args.data)
    if args.sets:
        return leave_set_out(args.data)
    from bulletin_nlp.topics.report import format_summary
    from bulletin_nlp.topics.train import train_topics

    meta = train_topics(args.data, out_dir=args.out, replace_shipped=True,
                        held_out=[HELD_OUT_ITEMS, HELD_OUT_BOUNDARY, *HELD_OUT_BULLETINS])
    if meta["previous_model_dir"]:  # the shipped model's history is in git
        shutil.rmtree(meta["previous_model_dir"])
        meta["previous_model_dir"] = None
    print(format_summary(meta))
    return 0


if __name__ == "__main__":
    sys.exit(main())
