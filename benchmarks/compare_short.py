"""Per-call cost of ``parse()`` in two checkouts, measured side by side (A/B).

    python benchmarks/compare_short.py BEFORE_DIR AFTER_DIR --rounds 8
    python benchmarks/compare_short.py BEFORE_DIR AFTER_DIR --rounds 8 --many   # parse_many instead
    python benchmarks/compare_short.py . . --pythons py311/bin/python py313/bin/python   # two interpreters

Each checkout gets a worker process that loads the pipeline once (segmenter cache off); the
workers then take turns, one pass at a time and in alternating order, over four sets: every
item of the corpus bulletins alone (~164 characters), the items of 200 to 800 characters (the
short texts as issue 17 defines them), the items cut to 60 characters (mostly the fixed cost of
a call) and the whole bulletins. Best CPU time of ``--rounds`` passes
per set and checkout. On a loaded machine, single runs drift by 10 % and more; passes that
alternate every fraction of a second see the same load, which makes differences of a few
percent visible. ``--many`` times one ``parse_many`` over each set (its default batches, one
process: what the command line does) instead of ``parse`` text by text. Both checkouts need
their compiled extensions built (or neither).
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from side_by_side import add_pythons_option, best_passes, checkouts, checkouts_parser, interpreters

SETS = ("items", "items200_800", "short60", "bulletins")
#: Every set :func:`text_sets` makes (the other scripts' choices).
ALL_SETS = (*SETS, "tiny10")


def text_sets(items: list[str], bulletins: list[str]) -> dict[str, list[str]]:
    """The sets of texts by name (also ``profile_flow.py``'s and ``compare_instructions.py``'s):
    :data:`SETS` and ``tiny10``, the items cut to 10 characters (little more than the fixed cost of
    a call)."""
    return {"items": items, "items200_800": [item for item in items if 200 <= len(item) <= 800],
            "short60": [item[:60] for item in items], "tiny10": [item[:10] for item in items],
            "bulletins": bulletins}


def serve_passes(root: Path, prepare: Callable[[], None] | None = None, many: bool = False) -> None:
    """Load the checkout ``root``'s pipeline (after ``prepare``, given one), parse every set once,
    print each set's ``texts:characters``, then time one pass over the set named on each line of
    stdin (the worker of this script and of ``stage_in_flow.py``): ``parse`` text by text, or
    one ``parse_many`` over the set (``many``)."""
    sys.path.insert(0, str(root))  # this checkout's package and benchmarks
    import bulletin_nlp
    from benchmarks.batch_throughput import corpus_items

    if prepare is not None:
        prepare()
    items, bulletins = corpus_items()
    texts = text_sets(items, bulletins)
    nlp = bulletin_nlp.load()
    nlp.tokenizer._segmenter.cache_size = 0
    for name in SETS:  # a first pass: warm, and what a memoized stage keeps
        for text in texts[name]:
            bulletin_nlp.parse(text, nlp=nlp)
    print(" ".join(f"{len(texts[name])}:{sum(map(len, texts[name]))}" for name in SETS), flush=True)
    for line in sys.stdin:
        started = time.process_time()
        if many:
            for _ in bulletin_nlp.parse_many(texts[line.strip()], nlp=nlp):
                pass
        else:
            for text in texts[line.strip()]:
                bulletin_nlp.parse(text, nlp=nlp)
        print(time.process_time() - started, flush=True)


def set_sizes(workers: dict[str, subprocess.Popen[str]]) -> dict[str, tuple[int, int]]:
    """``(texts, characters)`` of each set, read from the workers' first lines (all alike)."""
    ready = [process.stdout.readline().split() for process in workers.values()]  # type: ignore[union-attr]
    return {name: (int(texts), int(characters))
            for name, (texts, characters) in zip(SETS, (size.split(":") for size in ready[0]), strict=True)}


def compare(checkouts: dict[str, Path], rounds: int, many: bool, pythons: dict[str, str]) -> None:
    arguments = [__file__, "--worker", *(["--many"] if many else [])]
    workers = {name: subprocess.Popen([pythons[name], *arguments], cwd=folder, stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE, text=True)
               for name, folder in checkouts.items()}
    sizes = set_sizes(workers)
    best = best_passes(workers, SETS, rounds)
    for name_of_set in SETS:
        texts = sizes[name_of_set][0]
        cells = [f"{name} {best[name, name_of_set] / texts * 1000:.3f} ms/text" for name in checkouts]
        print(f"{name_of_set:12s} ({texts} texts): " + "; ".join(cells))
    for name_of_set in SETS[:2]:  # characters per second of the short texts over those of the bulletins
        ratios = {name: best[name, "bulletins"] / best[name, name_of_set] * sizes[name_of_set][1]
                  / sizes["bulletins"][1] for name in checkouts}
        cells = [f"{name} {ratio:.2f}" for name, ratio in ratios.items()]
        print(f"short/long rate, {name_of_set}: " + "; ".join(cells))


def main() -> None:
    if "--worker" in sys.argv:
        serve_passes(Path.cwd(), many="--many" in sys.argv)
        return
    parser = checkouts_parser(__doc__.split("\n\n")[0], "rounds", 8)
    parser.add_argument("--many", action="store_true", help="time parse_many over each set, not parse text by text")
    add_pythons_option(parser)
    args = parser.parse_args()
    compare(checkouts(args), args.rounds, args.many, interpreters(args))


if __name__ == "__main__":
    main()
