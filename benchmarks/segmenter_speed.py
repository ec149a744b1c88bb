"""Segmentation speed, chars/s: spacy_pkuseg vs bulletin_nlp.segment.pkuseg.FastPkuseg.

Both cut the same texts, the sample bulletins (``corpus/samples/*.txt``) replicated
``--repeat`` times, with the same model and user dictionary; pkuseg's post-processor
is off (``do_process = False``), as FastPkuseg's default.  Outputs are compared.

* ``cut``: one call per bulletin (what a spaCy tokenizer does); FastPkuseg's
  piece cache is off, so replicated bulletins are decoded again every time. With the
  compiled decoder when it is built, and again with the numpy decoder (``numpy``).
* ``cut_many``: one call per distinct bulletin set (its pieces are decoded in shared
  batches; identical pieces within a call are decoded once).
* ``cut + cache``: one call per bulletin with the default cache (replicas hit it).

Times are CPU time of this process (``time.process_time``; the best of ``--rounds``),
so that other load on the machine distorts them less.

    python benchmarks/segmenter_speed.py [--model models/pkuseg] [--user-dict FILE] [--repeat 10]

It needs a model directory (the shipped ``models/pkuseg`` by default).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def cpu_time(fn: Callable[[], object], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "pkuseg")
    parser.add_argument("--user-dict", type=Path, default=None, help="pkuseg user-dict file")
    parser.add_argument("--repeat", type=int, default=10, help="copies of the seed bulletins")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    import spacy_pkuseg

    from bulletin_nlp.segment.pkuseg import FastPkuseg

    model = args.model
    if not (model / "features.msgpack").exists():
        sys.exit(f"no pkuseg model at {model}: train one with scripts/train_segmenter.py")
    user = str(args.user_dict) if args.user_dict else []
    seeds = [p.read_text("utf-8") for p in sorted((ROOT / "corpus" / "samples").glob("*.txt"))]
    texts = seeds * args.repeat
    n_chars = sum(map(len, texts))

    ref = spacy_pkuseg.pkuseg(model_name=str(model), user_dict=user, postag=False)
    ref.postprocesser.do_process = False
    fast = FastPkuseg(model, args.user_dict or (), cache_size=0)
    cached = FastPkuseg(model, args.user_dict or ())
    numpy_only = FastPkuseg(model, args.user_dict or (), cache_size=0, compiled=False)
    expected = [ref.cut(t) for t in seeds]
    assert [fast.cut(t) for t in seeds] == expected, "FastPkuseg differs from spacy_pkuseg"
    assert fast.cut_many(seeds) == expected
    assert numpy_only.cut_many(seeds) == expected

    print(f"model {model}; {len(texts)} texts, {n_chars} chars (seed bulletins x {args.repeat})")
    base = n_chars / cpu_time(lambda: [ref.cut(t) for t in texts], args.rounds)
    print(f"{'spacy_pkuseg cut':24s} {base:>12,.0f} chars/s")
    runs = {
        "FastPkuseg cut, numpy": lambda: [numpy_only.cut(t) for t in texts],
        "FastPkuseg cut": lambda: [fast.cut(t) for t in texts],
        "FastPkuseg cut_many": lambda: [fast.cut_many(seeds) for _ in range(args.repeat)],
        "FastPkuseg cut + cache": lambda: [cached.cut(t) for t in texts],
    }
    for name, fn in runs.items():
        speed = n_chars / cpu_time(fn, args.rounds)
        print(f"{name:24s} {speed:>12,.0f} chars/s  ({speed / base:.1f}x)")


if __name__ == "__main__":
    main()
