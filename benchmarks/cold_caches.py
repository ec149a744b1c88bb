"""What a stage costs a call when the caches hold its code and tables, and when they do not.

    python benchmarks/cold_caches.py --rounds 5
    python benchmarks/cold_caches.py --set bulletins --stages tokenizer parse

Each text of a set (as ``compare_short.py`` names them; segmenter cache off) goes through a stage
in three conditions, the stage timed alone each time (wall clock, collector off):

- ``warm``: the stage has just run on the same text (its code and the table rows the text needs
  are in the caches);
- ``after parse``: a ``parse()`` of another text has just run (what one ``parse()`` call after
  another meets: the other stages have evicted part of this one's working set);
- ``flushed``: 64 MB of memory have just been read (nothing of the stage is left in the caches).

The mean microseconds per call of each stage and condition are printed, the best of
``--rounds`` passes. Stages: ``tokenizer`` (segmenter and Doc), ``layout`` (the fold and the
layout reader) and ``parse`` (the whole call; its ``after parse`` condition is one ``parse()``
after another). A short text's call costs more per character than a bulletin's largely because
each stage starts with cold caches: the difference between ``warm`` and the other two rows is
that cost.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout's package and benchmarks

from compare_short import SETS, text_sets  # noqa: E402  (a script beside this one)

import bulletin_nlp  # noqa: E402
from bulletin_nlp.layout.reader import parse_layout  # noqa: E402
from bulletin_nlp.text.fold import fold  # noqa: E402

CONDITIONS = ("warm", "after parse", "flushed")
_FLUSH_BYTES = 64 * 2**20


def stages(nlp) -> dict[str, Callable[[str], object]]:
    """Each stage as a function of one text."""
    return {"tokenizer": nlp.tokenizer, "layout": lambda text: parse_layout(text, fold(text)),
            "parse": lambda text: bulletin_nlp.parse(text, nlp=nlp)}


def one_pass(stage: Callable[[str], object], texts: list[str], condition: str, other: str,
             parse_other: Callable[[str], object], flush: np.ndarray) -> float:
    """Mean seconds of ``stage`` per text of ``texts`` in ``condition``."""
    spent = 0.0
    for text in texts:
        if condition == "warm":
            stage(text)
        elif condition == "after parse":
            parse_other(other)
        else:
            flush.sum()  # reads every byte: evicts the caches
        started = time.perf_counter()
        stage(text)
        spent += time.perf_counter() - started
    return spent / len(texts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", default="items200_800", choices=SETS)
    parser.add_argument("--stages", nargs="+", default=["tokenizer", "layout", "parse"],
                        choices=["tokenizer", "layout", "parse"])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    from benchmarks.batch_throughput import corpus_items

    items, bulletins = corpus_items()
    texts = text_sets(items, bulletins)[args.set]
    other = bulletins[0]  # the text parsed between two calls in "after parse"
    nlp = bulletin_nlp.load()
    nlp.tokenizer._segmenter.cache_size = 0
    flush = np.ones(_FLUSH_BYTES // 8)
    functions = stages(nlp)
    for text in [*texts, other]:
        bulletin_nlp.parse(text, nlp=nlp)  # first use: the county tables and the like are built
    chars = sum(map(len, texts)) / len(texts)
    print(f"{args.set}: {len(texts)} texts, {chars:.0f} characters on average; µs per call, best of {args.rounds}")
    gc.disable()
    try:
        for name in args.stages:
            best = dict.fromkeys(CONDITIONS, float("inf"))
            for _ in range(args.rounds):  # the conditions take turns, so that a slow spell hits them alike
                for condition in CONDITIONS:
                    spent = one_pass(functions[name], texts, condition, other, functions["parse"], flush)
                    best[condition] = min(best[condition], spent)
            cells = "; ".join(f"{condition} {seconds * 1e6:.0f}" for condition, seconds in best.items())
            print(f"{name:9s} {cells} (after parse / warm {best['after parse'] / best['warm']:.2f})")
    finally:
        gc.enable()


if __name__ == "__main__":
    main()
