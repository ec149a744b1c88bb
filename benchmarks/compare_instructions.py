"""Instructions per ``parse()`` call in two checkouts, counted by valgrind (A/B with far less noise than timing).

    python benchmarks/compare_instructions.py BEFORE_DIR AFTER_DIR --rounds 2
    python benchmarks/compare_instructions.py BEFORE_DIR AFTER_DIR --sets tiny10 --cache
    python benchmarks/compare_instructions.py BEFORE_DIR AFTER_DIR --layout-only   # the layout reader alone

Timings on a shared machine drift by 10 % and more between runs, more than most single changes
weigh. Counting the instructions executed (valgrind's cachegrind, which runs the program on a
simulated CPU) does not see what else the machine does. With OpenBLAS's threads left on, counts
of one checkout spread by up to 8 % between runs (the threads spin while they wait, and
cachegrind counts that); the workers run with ``OPENBLAS_NUM_THREADS=1`` and the same checkout
counted twice gives the same figure to a few instructions a call (1,469,313, 1,469,310 and
1,469,304 for the items cut to 10 characters). For each checkout and set, a process loads the
pipeline (segmenter cache off), parses the set once, then ``--rounds`` more times; a second
process stops after the first pass. The difference between the two counts is the cost of the
rounds. ``--cache`` also simulates the caches and reports the first-level data misses and last-level misses per call
(several times slower; valgrind takes the last level to be the host's, with nothing else
running, so it counts next to no misses there: what evicts this program's data on a shared
machine is not simulated).

Instructions are not time: a cache miss costs a hundred instructions' worth, and the counts do
not see them unless ``--cache`` is given. Use these figures to see what a change saves in work,
the timed comparisons (``compare_short.py``) to see what it saves in time. Sets as
``compare_short.py`` names them, and ``tiny10`` (items cut to 10 characters: the fixed cost of a
call). Runs two processes at a time. Needs valgrind (``apt install valgrind``); both checkouts
need their compiled extensions built (or neither).
"""

from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from compare_short import ALL_SETS as SETS
from compare_short import text_sets
from side_by_side import cachegrind, checkouts, checkouts_parser, compile_byte_code

_EVENTS = ("Ir", "D1mr", "DLmr")  # instructions; first-level and last-level data read misses


def worker(name_of_set: str, rounds: int, layout_only: bool = False) -> None:
    """Load the pipeline, parse the set once, then ``rounds`` more times (or read each text's
    layout alone); print the set's size (texts, characters)."""
    sys.path.insert(0, str(Path.cwd()))  # this checkout's package and benchmarks
    import bulletin_nlp
    from benchmarks.batch_throughput import corpus_items
    from bulletin_nlp.layout.reader import parse_layout
    from bulletin_nlp.text.fold import fold

    texts = text_sets(*corpus_items())[name_of_set]
    nlp = bulletin_nlp.load()
    nlp.tokenizer._segmenter.cache_size = 0
    for _ in range(rounds + 1):
        for text in texts:
            if layout_only:
                parse_layout(text, fold(text))
            else:
                bulletin_nlp.parse(text, nlp=nlp)
    print(len(texts), sum(map(len, texts)))


def worker_arguments(name_of_set: str, rounds: int, layout_only: bool) -> list[str]:
    """The command line (after the interpreter) of a :func:`worker` process."""
    return [__file__, "--worker", name_of_set, str(rounds), *(["--layout-only"] if layout_only else [])]


def counted(checkout: Path, name_of_set: str, rounds: int, cache: bool,
            layout_only: bool) -> tuple[dict[str, int], list[int]]:
    """The events counted in one worker process, and the set's size (texts, characters)."""
    events, out = cachegrind(checkout, worker_arguments(name_of_set, rounds, layout_only), cache=cache)
    return events, [int(value) for value in out.split()]


def compare(checkouts: dict[str, Path], sets: list[str], rounds: int, cache: bool, layout_only: bool) -> None:
    """Count each set in each checkout with and without its rounds, two processes at a time, and
    print the events per call and per character and the change from before to after."""
    jobs = [(name, name_of_set, count) for name in checkouts for name_of_set in sets for count in (0, rounds)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = dict(zip(jobs, pool.map(lambda job: counted(checkouts[job[0]], job[1], job[2], cache, layout_only),
                                          jobs), strict=True))
    events = _EVENTS if cache else _EVENTS[:1]
    for name_of_set in sets:
        texts, characters = results[next(iter(checkouts)), name_of_set, 0][1]
        print(f"{name_of_set} ({texts} texts, {characters / texts:.0f} characters each), per call:")
        for event in events:
            per_call = {name: (results[name, name_of_set, rounds][0][event] - results[name, name_of_set, 0][0][event])
                        / (rounds * texts) for name in checkouts}
            before, after = per_call.values()
            cells = "; ".join(f"{name} {value:,.0f} ({value / characters * texts:,.0f} per character)"
                              for name, value in per_call.items())
            change = f"{(after - before) / before:+.1%}" if before > 0 else "n/a"
            print(f"  {event:5s} {cells}; {change}")


def main() -> None:
    if sys.argv[1:2] == ["--worker"]:
        worker(sys.argv[2], int(sys.argv[3]), "--layout-only" in sys.argv[4:])
        return
    parser = checkouts_parser(__doc__.splitlines()[0], "rounds", 2)
    parser.add_argument("--sets", default="tiny10,items200_800,bulletins",
                        help=f"comma-separated, of {', '.join(SETS)}")
    parser.add_argument("--cache", action="store_true", help="simulate the caches too (slower)")
    parser.add_argument("--layout-only", action="store_true", help="count the layout reader alone, not parse()")
    args = parser.parse_args()
    sets = args.sets.split(",")
    unknown = sorted(set(sets) - set(SETS))
    if unknown:
        parser.error(f"unknown set {', '.join(unknown)}")
    sides = checkouts(args)
    for checkout in sides.values():
        compile_byte_code(checkout)
    compare(sides, sets, args.rounds, args.cache, args.layout_only)


if __name__ == "__main__":
    main()
