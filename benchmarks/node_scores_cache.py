"""The segmenter's node scores timed hot and with the core's caches evicted before each call.

    python benchmarks/node_scores_cache.py [CHECKOUT]

Inside a parse, every other stage has pushed the segmenter's tables out of the core's cache
before it runs again; a loop that calls it alone keeps them there. Evicting (summing a 16 MB
array before each call) brings the loop nearer to what a parse sees. Microseconds per
character over the corpus bulletins (whitespace removed, as the segmenter reads them), best of
seven passes; ``CHECKOUT`` (default: this one) for a side-by-side of two versions of the
compiled decoder, each built in place.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import bulletin_nlp  # noqa: E402
from benchmarks.batch_throughput import corpus_items  # noqa: E402
from bulletin_nlp.segment.pkuseg import _SEP, _node_codes  # noqa: E402


def per_char(segmenter, codes: list[np.ndarray], junk: np.ndarray | None) -> float:
    best = float("inf")
    for _ in range(7):
        spent = 0.0
        for one in codes:
            if junk is not None:
                junk.sum()
            started = time.perf_counter()
            segmenter._compiled_scores(one)
            spent += time.perf_counter() - started
        best = min(best, spent)
    return best / sum(map(len, codes)) * 1e6


def main() -> None:
    nlp = bulletin_nlp.load()
    segmenter = nlp.tokenizer._segmenter
    if not segmenter.compiled:
        sys.exit("the compiled decoder is not built in " + str(ROOT))
    _, bulletins = corpus_items()
    codes = [_node_codes(_SEP + "".join(text.split()) + _SEP) for text in bulletins]
    junk = np.ones(16 * 2**20 // 8)
    print(f"{ROOT}: hot {per_char(segmenter, codes, None):.3f} us/char, "
          f"caches evicted {per_char(segmenter, codes, junk):.3f} us/char")


if __name__ == "__main__":
    main()
