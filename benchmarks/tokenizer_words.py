"""The pipeline's tokens: word F1 against hand-segmented sentences, and how many tokens glue
punctuation to a word over the corpus texts.

    python benchmarks/tokenizer_words.py [--seg-dir ../shared/data/seg]
    cp benchmarks/tokenizer_words.py OTHER/benchmarks/ && python OTHER/benchmarks/tokenizer_words.py

* Word F1 (exact character spans, ``scripts/train_segmenter.py``'s ``prf``) of the loaded
  pipeline's tokenizer — the pkuseg model, the shipped user dictionary, the parentheses read
  full-width and the characters kept apart (docs/segmentation.md) — on UD test and CFL test
  (read from ``--seg-dir`` by path; skipped where absent) and on ``corpus/seg/bulletin_test.txt``.
  The table in docs/segmentation.md is the training script's: the model with the dictionary it
  built, before the tokenizer's own steps.
* Over every text of ``corpus/*.jsonl``: the tokens that hold a punctuation mark or a symbol and
  something else, digits aside (``1.2万``, ``98.5%`` are numbers); and, digits or not, the tokens
  of more than one character that hold one of the tokenizer's kept-apart characters (none where
  the alignment works as it should).

Copied into another checkout (the second command), it measures that checkout's tokenizer; one
from before round 2's session 21 keeps nothing apart, and its brackets are counted instead.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout's package and scripts

import bulletin_nlp  # noqa: E402
from scripts.train_segmenter import prf, read_seg_file  # noqa: E402

try:
    from bulletin_nlp.segment.tokenizer import KEPT_APART
except ImportError:  # a checkout from before round 2's session 21, which kept nothing apart: its brackets
    KEPT_APART = "()[]{}（）［］｛｝【】〔〕《》「」『』"

_PUNCTUATION_OR_SYMBOL = regex.compile(r"[\p{P}\p{S}]")
_HAN = regex.compile(r"\p{Han}")


def word_f1(nlp, path: Path) -> dict[str, float]:
    """Word precision, recall and F1 of the tokenizer on one segmented file."""
    gold = read_seg_file(path)
    pred = [[token.text for token in nlp.make_doc("".join(words)) if not token.is_space] for words in gold]
    return prf(gold, pred)


def glued_tokens(nlp, texts: list[str]) -> tuple[Counter[str], Counter[str]]:
    """Tokens of ``texts`` with a Chinese character and a punctuation mark or symbol, no digit;
    and the tokens of more than one character that hold a kept-apart character."""
    glued: Counter[str] = Counter()
    apart: Counter[str] = Counter()
    for doc in nlp.tokenizer.pipe(texts):
        for token in doc:
            text = token.text
            if len(text) < 2:
                continue
            if _HAN.search(text) and _PUNCTUATION_OR_SYMBOL.search(text) and not any(c.isdigit() for c in text):
                glued[text] += 1
            if any(char in KEPT_APART for char in text):
                apart[text] += 1
    return glued, apart


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seg-dir", type=Path, default=ROOT.parent / "shared" / "data" / "seg")
    parser.add_argument("--top", type=int, default=15, help="the most frequent glued tokens shown")
    args = parser.parse_args()
    nlp = bulletin_nlp.load()
    sets = {"UD test": args.seg_dir / "ud_test.txt", "CFL test": args.seg_dir / "cfl_test.txt",
            "bulletin test": ROOT / "corpus" / "seg" / "bulletin_test.txt"}
    for name, path in sets.items():
        if not path.exists():
            print(f"{name:14} skipped ({path} not found)")
            continue
        scores = word_f1(nlp, path)
        print(f"{name:14} P {scores['p']:.2f}  R {scores['r']:.2f}  F1 {scores['f1']:.2f}  "
              f"({scores['gold_words']} gold words)")
    texts = [json.loads(line)["text"] for path in sorted((ROOT / "corpus").glob("*.jsonl"))
             for line in path.read_text("utf-8").splitlines() if line.strip()]
    glued, apart = glued_tokens(nlp, texts)
    print(f"corpus: {len(texts)} texts; tokens gluing punctuation or a symbol to a word, digits aside: "
          f"{sum(glued.values())} ({len(glued)} distinct); holding a kept-apart character and more: "
          f"{sum(apart.values())}")
    print("  most frequent:", ", ".join(f"{token} {count}" for token, count in glued.most_common(args.top)))


if __name__ == "__main__":
    main()
