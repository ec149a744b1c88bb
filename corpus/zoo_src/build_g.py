"""Build corpus/zoo_g_unseen.jsonl (layout zoo, set g: fresh unseen) from hand-marked sources.

Same notation as build_a.py (see its docstring and build_c.py's). Each source file
corpus/zoo_src/g/<id>.txt is a JSON header line (masthead, footer, note, optional
``footer_anchor``), a line ``---``, then the bulletin text with the annotator's hand-written
marks. All decisions are in the marks; this script only removes them, counts offsets, writes
the texts to corpus/zoo_texts/g/<id>.txt (a subfolder, so that globs over zoo_texts/*.txt
leave the set out) and lists township names of the county that occur unmarked before the
footer anchor, for the annotator to look at again. Usage: python corpus/zoo_src/build_g.py
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_a import ROOT  # the same notation: one builder (build_a), one set builder (build_c)
from build_c import build_set


def main() -> None:
    build_set(Path(__file__).parent / "g", ROOT / "corpus" / "zoo_texts" / "g",
              ROOT / "corpus" / "zoo_g_unseen.jsonl")


if __name__ == "__main__":
    main()
