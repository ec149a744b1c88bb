"""Pickling and unpickling the Bulletins of the corpus: what ``parse_many``'s workers send to the
caller for every text.

    python benchmarks/result_pickle_speed.py --files 100 --rounds 7

Parses ``--files`` bulletins of the repo, read round-robin
(``batch_throughput.parsed_bulletins``: the files ``compare_cli.py`` copies), then
times ``pickle.dumps`` (the protocol ``multiprocessing`` uses) and ``pickle.loads`` of each,
best of ``--rounds``, and checks that what comes back is equal.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout's package and benchmarks

from benchmarks.batch_throughput import parsed_bulletins  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    bulletins = parsed_bulletins(args.files)
    dumped: list[bytes] = []
    best_dumps = best_loads = float("inf")
    for _ in range(args.rounds):
        started = time.perf_counter()
        dumped = [pickle.dumps(bulletin, protocol=pickle.HIGHEST_PROTOCOL) for bulletin in bulletins]
        best_dumps = min(best_dumps, time.perf_counter() - started)
        started = time.perf_counter()
        loaded = [pickle.loads(data) for data in dumped]
        best_loads = min(best_loads, time.perf_counter() - started)
    assert loaded == bulletins
    print(f"{args.files} bulletins: dumps {best_dumps / args.files * 1000:.3f} ms, loads "
          f"{best_loads / args.files * 1000:.3f} ms a bulletin, {sum(map(len, dumped)) / args.files / 1000:.1f} kB")


if __name__ == "__main__":
    main()
