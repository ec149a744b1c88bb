"""How long ``train_topics`` takes on 10,000 items (the issue asks for < 60 s on 2 cores).

The items are made from the repository's labelled items: each synthetic item takes the section
and sources of a random labelled item, the headline of another item of the same topic and a
body of 2–6 sentences drawn from items of that topic; 5 % of the headline and body characters
are replaced by random characters of the corpus (so the vocabulary keeps growing as real text
would) and 3 % of the labels are flipped at random (so the optimiser cannot stop early). Written
to a temporary JSONL file, then trained on with the default settings (taxonomy prior and
cross-validation included, as the CLI runs).

    python benchmarks/topics_train_speed.py [--items 10000] [--no-cv] [--threads 2]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def make_items(n: int, seed: int = 0) -> list[dict]:
    from bulletin_nlp.topics.train import data_files, load_items

    pool = load_items(data_files(ROOT / "corpus"))
    rng = random.Random(seed)
    chars = sorted({c for it in pool for c in it["body"] if "\u4e00" <= c <= "\u9fff"})
    by_topic: dict[str, list[str]] = {}
    heads: dict[str, list[str]] = {}
    for it in pool:
        heads.setdefault(it["topic"], []).append(it["headline"])
        by_topic.setdefault(it["topic"], []).extend(s for s in re.split(r"(?<=[。；，])", it["body"]) if s)
    topics = sorted(by_topic)
    out = []
    for k in range(n):
        src = rng.choice(pool)
        head = rng.choice(heads[src["topic"]])
        body = "".join(rng.choice(by_topic[src["topic"]]) for _ in range(rng.randint(2, 6)))
        head, body = ("".join(rng.choice(chars) if rng.random() < 0.05 else c for c in s) for s in (head, body))
        topic = rng.choice(topics) if rng.random() < 0.03 else src["topic"]
        out.append({"id": f"bench-{k}", "section": src["section"], "headline": head, "body": body,
                    "sources": src["sources"], "topic": topic, "origin": "benchmark"})
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", type=int, default=10_000)
    ap.add_argument("--no-cv", action="store_true")
    ap.add_argument("--threads", type=int, default=2, help="BLAS/OpenMP threads (default 2)")
    args = ap.parse_args(argv)
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(args.threads)
    from bulletin_nlp.topics.train import train_topics

    items = make_items(args.items)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "items.jsonl"
        data.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), "utf-8")
        start = time.perf_counter()
        meta = train_topics(data, Path(tmp) / "model", cv=not args.no_cv)
        seconds = time.perf_counter() - start
        size = sum(f.stat().st_size for f in (Path(tmp) / "model").iterdir())
    cv = {k: round(v["model"]["pooled_accuracy"], 3) for k, v in meta["cv"].items()}
    print(json.dumps({"items": args.items, "cv": not args.no_cv, "seconds": round(seconds, 1),
                      "model_bytes": size, "cv_accuracy": cv, "cpu_count": os.cpu_count()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
