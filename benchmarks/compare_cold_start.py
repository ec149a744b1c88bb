"""Whole-process cold start of two checkouts, measured side by side (A/B).

    python benchmarks/compare_cold_start.py BEFORE_DIR AFTER_DIR --pairs 16

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
extensions built (or neither).
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from side_by_side import checkouts_and_count, compile_byte_code, run_fresh, taking_turns

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


def run(checkout: Path, code: str) -> tuple[float, str]:
    """Wall time of ``python -c code`` in ``checkout`` (its package first on the path), and its output."""
    return run_fresh(checkout, ["-c", code])


def phases(checkout: Path) -> list[float]:
    """Seconds per phase (:data:`PHASE_NAMES`) of one fresh process."""
    _, out = run(checkout, PHASES)
    ended = time.time()
    *spans, last_line = (float(field) for field in out.split())
    return [*spans, ended - last_line]


def compare(checkouts: dict[str, Path], pairs: int) -> None:
    for folder in checkouts.values():
        compile_byte_code(folder)
        run(folder, WHOLE)  # warm the page cache
    times: dict[str, list[float]] = {name: [] for name in checkouts}
    for pair in range(pairs):
        for name, folder in taking_turns(checkouts, pair):
            times[name].append(run(folder, WHOLE)[0])
    first = next(iter(checkouts))
    for name, seconds in times.items():
        paired = statistics.median(a - b for a, b in zip(seconds, times[first], strict=True))
        print(f"{name}: whole process median {statistics.median(seconds):.3f} s, min {min(seconds):.3f} s; "
              f"paired difference from {first}: {paired * 1000:+.0f} ms ({pairs} pairs)")
    runs: dict[str, list[list[float]]] = {name: [] for name in checkouts}
    for turn in range(5):  # taking turns too
        for name, folder in taking_turns(checkouts, turn):
            runs[name].append(phases(folder))
    for name, rows in runs.items():
        cells = [f"{phase} {statistics.median(row[i] for row in rows):.3f}" for i, phase in enumerate(PHASE_NAMES)]
        print(f"{name} phases (s, median of 5): " + "; ".join(cells))


def main() -> None:
    compare(*checkouts_and_count(__doc__.split("\n\n")[0], "pairs", 16))


if __name__ == "__main__":
    main()
