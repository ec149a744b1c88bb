"""How much of a run the cyclic garbage collector takes: CPU time and collections by generation.

    python benchmarks/gc_share.py --copies 40                          # parse_many, results dropped
    python benchmarks/gc_share.py --copies 40 --keep                   # results kept in a list
    python benchmarks/gc_share.py --copies 40 --loop [--keep]          # parse() text by text
    python benchmarks/gc_share.py --copies 80 --n-process 2            # workers: the caller's share
    python benchmarks/gc_share.py --checkout BEFORE_DIR --copies 40    # another checkout's package

The corpus bulletins (``batch_throughput.corpus_items``), ``--copies`` times over, are parsed
with the segmenter cache off after a warm-up pass, while ``gc.callbacks`` time every collection.
Prints the run's wall and CPU time, the collections of each generation with the time they took,
and their share of the CPU. With ``--n-process`` the collections and the CPU are the caller's
process's (it receives and unpickles every result). A full collection walks every object of the
process (~110,000 with the pipeline loaded: 70-130 ms each on the development machine), so what
sets them off matters more than the collector's thresholds suggest.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--checkout", type=Path, default=ROOT, help="the checkout whose package is timed")
    parser.add_argument("--copies", type=int, default=40)
    parser.add_argument("--keep", action="store_true", help="keep every result in a list")
    parser.add_argument("--loop", action="store_true", help="parse() text by text instead of parse_many")
    parser.add_argument("--n-process", type=int, default=1, help="parse_many's worker processes")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))  # this checkout's benchmarks (the corpus), then the package measured
    from benchmarks.batch_throughput import corpus_items

    sys.path.insert(0, str(args.checkout.resolve()))
    import bulletin_nlp

    _, bulletins = corpus_items()
    nlp = bulletin_nlp.load()
    nlp.tokenizer._segmenter.cache_size = 0
    for text in bulletins:
        bulletin_nlp.parse(text, nlp=nlp)
    texts = bulletins * args.copies
    collections = {generation: [0, 0.0] for generation in range(3)}
    started: list[float] = []

    def timed(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started.append(time.perf_counter())
        else:
            entry = collections[info["generation"]]
            entry[0] += 1
            entry[1] += time.perf_counter() - started.pop()

    kept = []
    gc.callbacks.append(timed)
    wall, cpu = time.perf_counter(), time.process_time()
    results = (bulletin_nlp.parse(text, nlp=nlp) for text in texts) if args.loop else bulletin_nlp.parse_many(
        texts, nlp=nlp, n_process=args.n_process)
    for bulletin in results:
        if args.keep:
            kept.append(bulletin)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    gc.callbacks.remove(timed)
    spent = sum(seconds for _, seconds in collections.values())
    call = "parse()" if args.loop else f"parse_many(n_process={args.n_process})"
    print(f"{bulletin_nlp.__file__}: {call} of {len(texts)} bulletins, results {'kept' if args.keep else 'dropped'}: "
          f"wall {wall:.2f} s, CPU {cpu:.2f} s, collections (count, s) by generation "
          + ", ".join(f"{generation}: {count} {seconds:.3f}" for generation, (count, seconds) in collections.items())
          + f"; {spent / cpu:.1%} of the CPU")


if __name__ == "__main__":
    main()
