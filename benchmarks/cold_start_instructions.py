"""Instructions of the whole-process cold start in two checkouts, by phase, counted by valgrind.

    python benchmarks/cold_start_instructions.py BEFORE_DIR AFTER_DIR
    python benchmarks/cold_start_instructions.py BEFORE_DIR AFTER_DIR --jobs 1
    python benchmarks/cold_start_instructions.py BEFORE_DIR AFTER_DIR --sample corpus/zoo_texts/qingfeng_2023_22.txt

``compare_cold_start.py`` times the issue's command; on a shared machine its medians move by
10 % and more from one run to the next, more than a change of a few tens of milliseconds weighs.
This script counts the instructions the same work executes (valgrind's cachegrind, which runs
each process on a simulated CPU and does not see what else the machine does). Five fresh
processes per checkout, each doing a little more than the one before:

- ``python``: the interpreter starting and exiting;
- ``import spacy``;
- ``import bulletin_nlp``;
- ``load``: and the default pipeline loaded (``bulletin_nlp.pipeline.default_nlp()``);
- ``parse``: the issue's command, the first bulletin parsed (``--sample``: another text, such
  as one whose county is inferred from its township names, which builds what that needs);
- ``parse, no exit``: the same ending in ``os._exit(0)``, without the interpreter's exit.

The differences between consecutive rows are each phase's instructions; ``parse`` minus
``parse, no exit`` is the exit's (its collections and the teardown of every module). Each
process runs with ``OPENBLAS_NUM_THREADS=1`` (numpy's OpenBLAS threads spin while they wait,
and cachegrind counts that) and ``PYTHONHASHSEED=0``; byte code is compiled first in both
checkouts, as an installed package has it. The same checkout counted twice agrees to a few
hundredths of a percent. Instructions are not time (a cache miss costs a hundred instructions'
worth and is not counted): they show what a change saves in work. Needs valgrind (``apt install
valgrind``); each process runs ~50 times slower than natively, about 25 s for the whole command.
"""

from __future__ import annotations

import argparse
from concurrent.futures import ThreadPoolExecutor
from itertools import pairwise
from pathlib import Path

from side_by_side import cachegrind, checkouts, checkouts_parser, compile_byte_code

SAMPLE = "corpus/samples/yanjin_2024_06.txt"


def stages(sample: str) -> dict[str, str]:
    """The code of each process, by row name; ``sample``: the text parsed, relative to the checkout."""
    parse = f"import bulletin_nlp; bulletin_nlp.parse(open({sample!r}, encoding='utf-8').read())"
    return {
        "python": "pass",
        "import spacy": "import spacy",
        "import bulletin_nlp": "import bulletin_nlp",
        "load": "import bulletin_nlp.pipeline; bulletin_nlp.pipeline.default_nlp()",
        "parse": parse,
        "parse, no exit": f"{parse}; import os; os._exit(0)",
    }


def instructions(checkout: Path, code: str) -> int:
    """Instructions executed by ``python -c code`` in a fresh process in ``checkout`` (its package
    first on the path), counted by cachegrind."""
    return cachegrind(checkout, ["-c", code])[0]["Ir"]


def main() -> None:
    parser: argparse.ArgumentParser = checkouts_parser(__doc__.splitlines()[0], "jobs", 2)
    parser.add_argument("--sample", default=SAMPLE, help=f"the text parsed, relative to the checkouts ({SAMPLE})")
    args = parser.parse_args()
    stage_code = stages(args.sample)
    sides = checkouts(args)
    for side in sides.values():
        compile_byte_code(side)
    runs = [(name, stage) for stage in stage_code for name in sides]
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        counts = dict(zip(runs, pool.map(lambda run: instructions(sides[run[0]], stage_code[run[1]]), runs),
                          strict=True))
    names = list(sides)
    header = "".join(f"{name:>10}" for name in names)
    print(f"{'process (millions)':24}{header}{'change':>10}")
    for stage in stage_code:
        row = [counts[(name, stage)] for name in names]
        change = (row[-1] - row[0]) / row[0]
        print(f"{stage:24}" + "".join(f"{count / 1e6:10.1f}" for count in row) + f"{change:+10.2%}")
    print(f"\n{'phase (millions)':24}{header}{'change':>10}")
    steps = list(stage_code)[:5]  # each process up to the parse does a little more than the one before
    phases = [*((later, later, earlier) for earlier, later in pairwise(steps)), ("exit", "parse", "parse, no exit")]
    for label, later, earlier in phases:
        row = [counts[(name, later)] - counts[(name, earlier)] for name in names]
        print(f"{label:24}" + "".join(f"{count / 1e6:10.1f}" for count in row) + f"{(row[-1] - row[0]) / 1e6:+10.1f}")

if __name__ == "__main__":
    main()
