"""Instructions of ``parse()`` over texts a process meets for the first time, in two checkouts.

    python benchmarks/first_contact_instructions.py BEFORE_DIR AFTER_DIR

``benchmarks/run.py`` times the first contact (each distinct corpus text parsed once in a fresh
process, then again); timings of a pass of a few tenths of a second drift by 10 % and more on a
shared machine. This script counts the instructions instead (valgrind's cachegrind, as
``compare_instructions.py``). Three fresh processes per checkout load the pipeline (segmenter
cache off) and parse one sample bulletin, then parse the distinct corpus texts none, one and two
times: the second count less the first is the first contact, the third less the second the same
texts again. The first contact makes a spaCy lexeme for each new word and the tables of each
new county, and builds what some texts need once per process (the glued-headline model, the
index of every county's townships, the former township names). Needs valgrind; both checkouts
need their compiled extensions built (or neither).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from side_by_side import cachegrind, checkouts, checkouts_parser, compile_byte_code

#: The child: load, one sample, then the distinct corpus texts (as ``run.py`` reads them) N times.
CHILD = """
import sys
from benchmarks.run import ROOT, corpus_texts
import bulletin_nlp
nlp = bulletin_nlp.load()
nlp.tokenizer._segmenter.cache_size = 0
bulletin_nlp.parse((ROOT / "corpus" / "samples" / "yanjin_2024_06.txt").read_text("utf-8"), nlp=nlp)
texts = list(dict.fromkeys(corpus_texts(0.001)))
for _ in range({passes}):
    for text in texts:
        bulletin_nlp.parse(text, nlp=nlp)
"""


def main() -> None:
    parser = checkouts_parser(__doc__.splitlines()[0], "jobs", 2)
    args = parser.parse_args()
    sides = checkouts(args)
    for side in sides.values():
        compile_byte_code(side)
    runs = [(name, passes) for name in sides for passes in (0, 1, 2)]

    def count(run: tuple[str, int]) -> int:
        return cachegrind(sides[run[0]], ["-c", CHILD.format(passes=run[1])])[0]["Ir"]

    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        counts = dict(zip(runs, pool.map(count, runs), strict=True))
    for name, root in sides.items():
        first = counts[(name, 1)] - counts[(name, 0)]
        again = counts[(name, 2)] - counts[(name, 1)]
        print(f"{name} ({root}): first contact {first:,} instructions, again {again:,} ({first / again:.3f}x)")


if __name__ == "__main__":
    main()
