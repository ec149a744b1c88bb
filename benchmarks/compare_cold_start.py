"""Whole-process cold start of two checkouts, measured side by side (A/B).

    python benchmarks/compare_cold_start.py BEFORE_DIR AFTER_DIR --pairs 16
    python benchmarks/compare_cold_start.py . . --pythons py311/bin/python py313/bin/python   # two interpreters

Each pair runs the issue's command, ``python -c "import bulletin_nlp;
bulletin_nlp.parse(open(SAMPLE).read())"``, once in each checkout (fresh processes, the order
alternating from pair to pair), and times it from outside: start-up, imports, loading, the first
parse and the interpreter's exit. The medians and the median of the paired differences are
printed; pairs that run a fraction of a second apart see the same load, single runs on a shared
machine drift by 10 % and more. Then, five runs of each (taking turns) split by phase, medians:
``import spacy``, the rest of ``import bulletin_nlp``, ``load()``, the first ``parse()``, and the
exit (the wall time from the script's last line until the parent has its output: the
interpreter's exit and a few milliseconds of the parent's reading).

Byte code is compiled first in both checkouts (an installed package has it; a checkout under
``PYTHONDONTWRITEBYTECODE=1`` would compile its modules from source in every process) and that
variable is left out of the children's environment. Both checkouts need their compiled
extensions built (or neither). ``--pythons BEFORE_PY AFTER_PY`` runs each side with its own
interpreter: one checkout given twice compares Python versions.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from side_by_side import (
    add_pythons_option,
    checkouts,
    checkouts_parser,
    compile_byte_code,
    interpreters,
    run_fresh,
    taking_turns,
)

SAMPLE = "corpus/samples/yanjin_2024_06.txt"
WHOLE = f"import bulletin_nlp; bulletin_nlp.parse(open({SAMPLE!r}, encoding='utf-8').read())"
PHASES = f"""
import sys, time
clock = time.perf_counter
marks = [clock()]
import spacy
marks.append(clock())
import bulletin_nlp
from bulletin_nlp.pipeline import default_nlp
marks.append(clock())
nlp = default_nlp()
marks.append(clock())
bulletin_nlp.parse(open({SAMPLE!r}, encoding="utf-8").read(), nlp=nlp)
marks.append(clock())
print(*[b - a for a, b in zip(marks, marks[1:])], time.time())
"""
PHASE_NAMES = ("import spacy", "import bulletin_nlp", "load()", "first parse()", "exit")


def run(side: tuple[Path, str], code: str) -> tuple[float, str]:
    """Wall time of ``python -c code`` in a side's checkout (its package first on the path) with
    the side's interpreter, and its output."""
    checkout, python = side
    return run_fresh(checkout, ["-c", code], python)


def phases(side: tuple[Path, str]) -> list[float]:
    """Seconds per phase (:data:`PHASE_NAMES`) of one fresh process."""
    _, out = run(side, PHASES)
    ended = time.time()
    *spans, last_line = (float(field) for field in out.split())
    return [*spans, ended - last_line]


def compare(sides: dict[str, tuple[Path, str]], pairs: int) -> None:
    """Time the two sides (checkout and interpreter, by name) taking turns: ``pairs`` whole runs
    each, then five runs each split by phase."""
    for name, side in sides.items():
        print(f"{name}: {side[0]} with {side[1]}")
        compile_byte_code(*side)
        run(side, WHOLE)  # warm the page cache
    times: dict[str, list[float]] = {name: [] for name in sides}
    for pair in range(pairs):
        for name, side in taking_turns(sides, pair):
            times[name].append(run(side, WHOLE)[0])
    first = next(iter(sides))
    for name, seconds in times.items():
        paired = statistics.median(a - b for a, b in zip(seconds, times[first], strict=True))
        print(f"{name}: whole process median {statistics.median(seconds):.3f} s, min {min(seconds):.3f} s; "
              f"paired difference from {first}: {paired * 1000:+.0f} ms ({pairs} pairs)")
    runs: dict[str, list[list[float]]] = {name: [] for name in sides}
    for turn in range(5):  # taking turns too
        for name, side in taking_turns(sides, turn):
            runs[name].append(phases(side))
    for name, rows in runs.items():
        cells = [f"{phase} {statistics.median(row[i] for row in rows):.3f}" for i, phase in enumerate(PHASE_NAMES)]
        print(f"{name} phases (s, median of 5): " + "; ".join(cells))


def main() -> None:
    parser = checkouts_parser(__doc__.split("\n\n")[0], "pairs", 16)
    add_pythons_option(parser)
    args = parser.parse_args()
    pythons = interpreters(args)
    compare({name: (folder, pythons[name]) for name, folder in checkouts(args).items()}, args.pairs)


if __name__ == "__main__":
    main()
