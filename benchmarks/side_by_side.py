"""What the side-by-side (A/B) benchmarks share: their command line (two checkouts and a count),
the order their runs take turns in, and fresh processes run in a checkout, timed or counted by
valgrind.

Imported by those scripts as a module beside them (``from side_by_side import ...``), not as
``benchmarks.side_by_side``: the worker of ``compare_short.py`` runs this checkout's script in the
other checkout and must find that checkout's ``benchmarks`` package, not this one's.
"""

from __future__ import annotations

import argparse
import compileall
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TypeVar

_T = TypeVar("_T")


def checkouts_parser(description: str, count: str, default: int) -> argparse.ArgumentParser:
    """A parser of ``BEFORE_DIR AFTER_DIR [--<count> N]``, to which a script may add options."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument(f"--{count}", type=int, default=default)
    return parser


def checkouts(args: argparse.Namespace) -> dict[str, Path]:
    """The parsed checkouts by name (before, after)."""
    return {"before": args.before.resolve(), "after": args.after.resolve()}


def add_pythons_option(parser: argparse.ArgumentParser) -> None:
    """``--pythons BEFORE_PY AFTER_PY``: the interpreter of each side (default: this one for both).
    A checkout given twice with two interpreters compares Python versions; each interpreter needs
    the package's dependencies, and the checkout its extensions built for that Python (or none)."""
    parser.add_argument("--pythons", nargs=2, metavar=("BEFORE_PY", "AFTER_PY"), default=(sys.executable,) * 2,
                        help="the interpreter of each side (default: this one for both)")


def interpreters(args: argparse.Namespace) -> dict[str, str]:
    """The interpreter of each side by name (before, after) from ``--pythons``: a path is made
    absolute, not resolved (a virtual environment's python is a link to the base one)."""
    return {name: os.path.abspath(python) if os.sep in python else python
            for name, python in zip(("before", "after"), args.pythons, strict=True)}


def checkouts_and_count(description: str, count: str, default: int) -> tuple[dict[str, Path], int]:
    """Parse ``BEFORE_DIR AFTER_DIR [--<count> N]``: the checkouts by name (before, after) and N."""
    args = checkouts_parser(description, count, default).parse_args()
    return checkouts(args), getattr(args, count)


def taking_turns(runners: dict[str, _T], turn: int) -> list[tuple[str, _T]]:
    """``runners`` in their order on even turns, reversed on odd ones: neither side always goes first."""
    order = list(runners.items())
    return order if turn % 2 == 0 else order[::-1]


def best_passes(workers: dict[str, subprocess.Popen[str]], sets: Sequence[str],
                rounds: int) -> dict[tuple[str, str], float]:
    """Ask each worker for one pass over each set (its name on a line of stdin; the pass's
    seconds on a line of stdout), taking turns for ``rounds`` rounds, then close them: the best
    seconds per (worker, set)."""
    best: dict[tuple[str, str], float] = {}
    for round_number in range(rounds):
        for name_of_set in sets:
            for name, process in taking_turns(workers, round_number):
                process.stdin.write(name_of_set + "\n")  # type: ignore[union-attr]
                process.stdin.flush()  # type: ignore[union-attr]
                seconds = float(process.stdout.readline())  # type: ignore[union-attr]
                best[name, name_of_set] = min(best.get((name, name_of_set), float("inf")), seconds)
    for process in workers.values():
        process.stdin.close()  # type: ignore[union-attr]
        process.wait()
    return best


def compile_byte_code(checkout: Path, python: str = sys.executable) -> None:
    """Compile the package and the benchmarks of ``checkout`` to byte code for the interpreter
    ``python``, as an installed package has it (a checkout under ``PYTHONDONTWRITEBYTECODE=1``
    would compile its modules in every process; without it, the first processes would, each
    writing the byte code while others read it)."""
    folders = [str(checkout / "bulletin_nlp"), str(checkout / "benchmarks")]
    if python == sys.executable:
        for folder in folders:
            compileall.compile_dir(folder, quiet=1)
    else:  # byte code is written per interpreter version
        subprocess.run([python, "-m", "compileall", "-q", *folders], check=True, stdout=subprocess.DEVNULL)


def run_fresh(checkout: Path, arguments: Sequence[str], python: str = sys.executable) -> tuple[float, str]:
    """Wall seconds and output of ``python ARGUMENTS`` in a fresh process in ``checkout``, its
    package first on the path and its byte code used (``PYTHONDONTWRITEBYTECODE`` left out of
    the environment: see :func:`compile_byte_code`)."""
    started = time.perf_counter()
    done = subprocess.run([python, *arguments], cwd=checkout, env=_fresh_environment(checkout), check=True,
                          capture_output=True, text=True)
    return time.perf_counter() - started, done.stdout


def cachegrind(checkout: Path, arguments: Sequence[str], *, cache: bool = False) -> tuple[dict[str, int], str]:
    """The events valgrind's cachegrind counts in ``python ARGUMENTS`` (this interpreter), run
    as :func:`run_fresh` runs it (:func:`compile_byte_code` first, so that every run reads the
    same byte code), and its output: ``Ir``, the instructions executed, and with
    ``cache`` the simulated caches' events too (``D1mr``, ``DLmr`` …). The same dict and set
    orders in every run (``PYTHONHASHSEED=0``), and no OpenBLAS threads spinning while they
    wait (``OPENBLAS_NUM_THREADS=1``: cachegrind counts their instructions, which depend on
    timing)."""
    lines, stdout = _cachegrind_lines(checkout, arguments, cache)
    names = next(line for line in lines if line.startswith("events:")).split()[1:]
    totals = next(line for line in lines if line.startswith("summary:")).split()[1:]
    return dict(zip(names, map(int, totals), strict=True)), stdout


def instructions_by_function(checkout: Path, arguments: Sequence[str]) -> tuple[Counter[tuple[str, str]], str]:
    """The instructions :func:`cachegrind` counts in ``python ARGUMENTS``, by ``(source file,
    function)`` as valgrind names them (``???`` where the code has no debug information; code
    inlined from a header counts under the header's file, as ``cg_annotate`` shows it), and the
    program's output."""
    lines, stdout = _cachegrind_lines(checkout, arguments, cache=False)
    counts: Counter[tuple[str, str]] = Counter()
    source = function = ""
    for line in lines:
        if line[:1].isdigit():  # "<line number> <Ir>"
            counts[source, function] += int(line.split()[1])
        elif line.startswith("fl="):
            source = line[3:]
        elif line.startswith("fn="):
            function = line[3:]
    return counts, stdout


def _cachegrind_lines(checkout: Path, arguments: Sequence[str], cache: bool) -> tuple[list[str], str]:
    """The lines of cachegrind's output file for ``python ARGUMENTS`` (see :func:`cachegrind`),
    and the program's output."""
    environment = {**_fresh_environment(checkout), "PYTHONHASHSEED": "0", "OPENBLAS_NUM_THREADS": "1"}
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "cachegrind.out"
        command = ["valgrind", "--tool=cachegrind", f"--cache-sim={'yes' if cache else 'no'}",
                   f"--cachegrind-out-file={out}", sys.executable, *arguments]
        done = subprocess.run(command, cwd=checkout, env=environment, capture_output=True, text=True, check=True)
        return out.read_text().splitlines(), done.stdout


def _fresh_environment(checkout: Path) -> dict[str, str]:
    """This environment with ``checkout``'s package first on the path and byte code written and used."""
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    environment["PYTHONPATH"] = str(checkout)
    return environment
