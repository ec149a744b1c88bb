"""Where the instructions of a ``parse()`` call go, by the code that executes them (valgrind).

    python benchmarks/instruction_mix.py                       # the corpus bulletins, this checkout
    python benchmarks/instruction_mix.py --set items200_800 --top 30
    python benchmarks/instruction_mix.py --checkout OTHER_DIR --rounds 2
    python benchmarks/instruction_mix.py --layout-only        # the layout reader alone (fold, parse_layout)

A process loads the pipeline (segmenter cache off) and parses the set once, then ``--rounds``
more times; a second process stops after the first pass; the difference, per function, is what
the rounds executed (``compare_instructions.py``'s worker processes, with its fixed hash seed and
OpenBLAS threads off). The functions are grouped by whose code they are: the Python interpreter's
evaluation loop and frames, its object operations (dicts, strings, integers, tuples, attribute
look-ups, calls into C), its memory management (allocator, reference-count deallocation, the
cyclic collector), the two regular-expression engines (``re``'s ``_sre`` and the ``regex``
module), this package's compiled modules, spaCy and its libraries, and the C library.

The groups are told apart by valgrind's file names, which need debug line information: an
interpreter built from source (pyenv) has it; a distribution's Python without its debug symbols
shows its functions as ``???`` (the line "no debug information" then grows). Instructions are not
time (a cache miss costs a hundred instructions' worth), but what a group executes bounds what
removing the code around it could save. Needs valgrind (``apt install valgrind``).
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from compare_instructions import worker_arguments
from compare_short import ALL_SETS
from side_by_side import compile_byte_code, instructions_by_function

#: Groups in the order they are tried: a function goes to the first whose test of its file name, or
#: of its name where its file is known, it passes.
GROUPS: tuple[tuple[str, re.Pattern[str], re.Pattern[str] | None], ...] = (
    ("regular expressions: re (_sre)", re.compile(r"/_sre/"), None),
    ("regular expressions: regex module", re.compile(r"/_regex(_unicode)?\.c$"), None),
    ("bulletin_nlp's compiled modules", re.compile(r"bulletin_nlp/.*\.(c|pyx)$"), None),
    ("spaCy and its libraries (thinc, preshed, cymem, murmurhash, srsly)",
     re.compile(r"/(spacy|thinc|preshed|cymem|murmurhash|srsly)/"), None),
    ("Python: evaluation loop and frames", re.compile(r"/Python/(ceval|frame)\.c$|pycore_frame\.h$"),
     re.compile(r"^_PyEval_EvalFrameDefault$")),
    ("Python: memory (allocator, deallocation, cyclic collector)",
     re.compile(r"/Objects/obmalloc\.c$|/Modules/gcmodule\.c$"), re.compile(r"dealloc|_Py_Dealloc|_PyObject_GC_")),
    ("Python: object operations (dict, str, int, tuple, calls …)",
     re.compile(r"/(Python|Objects|Modules|Include|Parser)/"), None),
    ("C library (malloc, memcpy, locks)", re.compile(r"^\./"), None),
    ("no debug information (numpy, OpenBLAS …)", re.compile(r"^\?\?\?$"), None),
)
OTHER = "other"


def group_of(source: str, function: str) -> str:
    """The name of the :data:`GROUPS` entry the function ``function`` of ``source`` belongs to."""
    for name, file_test, function_test in GROUPS:
        if function_test is not None and source != "???" and function_test.search(function):
            return name
        if file_test.search(source):
            return name
    return OTHER


def report(checkout: Path, name_of_set: str, rounds: int, top: int, layout_only: bool = False) -> None:
    """Count both processes (at the same time) and print the groups' and the top functions'
    instructions per call and shares."""
    jobs = [worker_arguments(name_of_set, count, layout_only) for count in (0, rounds)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        (once, out), (more, _) = pool.map(lambda arguments: instructions_by_function(checkout, arguments), jobs)
    texts, characters = map(int, out.split())
    calls = rounds * texts
    spent = Counter({key: more[key] - once.get(key, 0) for key in more})
    total = sum(spent.values())
    groups: Counter[str] = Counter()
    for (source, function), count in spent.items():
        groups[group_of(source, function)] += count
    what = "the layout reader" if layout_only else "parse()"
    print(f"{what}, {name_of_set} ({texts} texts, {characters / texts:.0f} characters each), {rounds} rounds: "
          f"{total / calls:,.0f} instructions a call, {total / calls / characters * texts:,.0f} a character")
    for name, count in groups.most_common():
        print(f"  {count / total:6.1%}  {count / calls:12,.0f} a call  {name}")
    if top:
        print(f"the {top} functions executing most:")
        for (source, function), count in spent.most_common(top):
            print(f"  {count / total:6.1%}  {function}  ({source})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checkout", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument("--set", default="bulletins", choices=ALL_SETS)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--top", type=int, default=15, help="list this many functions (0: none)")
    parser.add_argument("--layout-only", action="store_true", help="count the layout reader alone, not parse()")
    args = parser.parse_args()
    checkout = args.checkout.resolve()
    compile_byte_code(checkout)
    report(checkout, args.set, args.rounds, args.top, args.layout_only)


if __name__ == "__main__":
    main()
