"""Fuzzing: mutated corpus bulletins checked against the promises of docs/usage.md.

The default run tries a few hundred mutations; ``-m slow`` tries tens of thousands. Inputs
that once broke a promise are kept as regression cases.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest

import bulletin_nlp
from tests.invariants import check_promises
from tests.support import corpus_records

ROOT = Path(__file__).resolve().parents[1]


def seeds() -> list[str]:
    texts = [r["text"] for r in corpus_records("dev", "test", "holdout", "seeds") if r.get("text")]
    texts += [p.read_text("utf-8") for p in sorted((ROOT / "corpus" / "samples").glob("*.txt"))]
    return texts


SEEDS = seeds()
BRACKETS = "【】（）()[]〖〗［］「」“”"
MARKUP = ["**", "*", "__", "_", "# ", "> ", "---", "***", "- ", "1. ", "|", "`"]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\ufeff", "\u2060", "\u0301", "\u0332", "\u3099", "\u20dd"]
BREAKS = ["\r\n", "\r", "\u2028", "\u2029", "\x0b", "\x0c", "\x85", "\n\n\n"]
ODD = ["\x00", "\x01", "\x1b", "\x7f", "\ud800", "\udfff", "\ufffd", "\U0001f600", "\u3000", "\t"]
LINES = ["— 2 —", "- 3 -", "第 4 页", "12", "**", "*", "【", "】", "（民政局）", "本期发：县委", "责任编辑：李 勉",
         "第 6 期", "2024 年 2 月 2 日", "交通建设", "一、重点工作", "县民政局开展工作。（民政局）"]


def _insert(rng: random.Random, text: str, piece: str) -> str:
    at = rng.randrange(len(text) + 1)
    return text[:at] + piece + text[at:]


def _lines_op(op: Callable[[random.Random, list[str]], None]) -> Callable[[random.Random, str], str]:
    def mutate(rng: random.Random, text: str) -> str:
        lines = text.split("\n")
        if len(lines) > 1:
            op(rng, lines)
        return "\n".join(lines)

    return mutate


def _duplicate(rng: random.Random, lines: list[str]) -> None:
    at = rng.randrange(len(lines))
    lines.insert(at, lines[at])


def _swap(rng: random.Random, lines: list[str]) -> None:
    a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[a], lines[b] = lines[b], lines[a]


def _drop(rng: random.Random, lines: list[str]) -> None:
    del lines[rng.randrange(len(lines))]


def _wrap(rng: random.Random, lines: list[str]) -> None:
    at = rng.randrange(len(lines))
    marker = rng.choice(["**", "__", "*"])
    lines[at] = marker + lines[at] + marker


def _add_line(rng: random.Random, lines: list[str]) -> None:
    lines.insert(rng.randrange(len(lines) + 1), rng.choice(LINES))


def _hard_wrap(rng: random.Random, lines: list[str]) -> None:
    at = rng.randrange(len(lines))
    line = lines[at]
    if len(line) > 2:
        cut = rng.randrange(1, len(line))
        lines[at : at + 1] = [line[:cut], line[cut:]]


MUTATIONS: list[Callable[[random.Random, str], str]] = [
    lambda rng, text: _insert(rng, text, rng.choice(BRACKETS)),
    lambda rng, text: _insert(rng, text, rng.choice(MARKUP)),
    lambda rng, text: _insert(rng, text, rng.choice(INVISIBLE)),
    lambda rng, text: _insert(rng, text, rng.choice(ODD)),
    lambda rng, text: text.replace("\n", rng.choice(BREAKS)),
    lambda rng, text: text[: rng.randrange(len(text) + 1)],
    lambda rng, text: text[rng.randrange(len(text) + 1) :],
    lambda rng, text: text.replace("\n", ""),
    lambda rng, text: text.replace("。", "。\n"),
    lambda rng, text: text.replace(" ", ""),
    lambda rng, text: "".join(c + "\u200b" if rng.random() < 0.05 else c for c in text),
    _lines_op(_duplicate),
    _lines_op(_swap),
    _lines_op(_drop),
    _lines_op(_wrap),
    _lines_op(_add_line),
    _lines_op(_hard_wrap),
]


def mutants(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        text = rng.choice(SEEDS)
        for _ in range(rng.randint(1, 4)):
            text = rng.choice(MUTATIONS)(rng, text)
        out.append(text)
    return out


REGRESSIONS = [
    "县民政局开展培训。（民政局）\n**",  # a phantom item outside its own span
    "*\n*县经开区加快推进电子信息产业集群建设** 围绕主导产业。（发改委）",  # ** kept in the headline
    "县民政局\ud800开展培训。（民政局）",  # a lone surrogate: to_json could not be encoded
    "县民政局开展工作。（民政局）" + " " * 3000 + "x",
    "- " * 2000 + "x",
    "【【【\n" * 500,
    "县民政局，开展工作\n" * 300,
    "交通建设\n" * 500,
    "县民政局开展工作\n" * 300,
]


def check_all(texts: list[str], nlp) -> None:
    for text, bulletin in zip(texts, bulletin_nlp.parse_many(texts, nlp=nlp, batch_size=16), strict=True):
        try:
            check_promises(text, bulletin)
        except AssertionError as exc:
            raise AssertionError(f"promise broken for input {text!r}") from exc


@pytest.mark.parametrize("text", REGRESSIONS, ids=range(len(REGRESSIONS)))
def test_fuzz_regressions(nlp, text):
    check_promises(text, bulletin_nlp.parse(text, nlp=nlp))


def test_fuzz_the_corpus_keeps_the_promises(nlp):
    check_all(SEEDS, nlp)


def test_fuzz_mutated_bulletins(nlp):
    check_all(mutants(300, seed=16), nlp)


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(20))
def test_fuzz_mutated_bulletins_long_run(nlp, seed, request):
    """20 x 1,000 mutations, run only when asked for (``-m slow``): about ten minutes."""
    if "slow" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("the long fuzz run: select it with -m slow")
    check_all(mutants(1000, seed=1000 + seed), nlp)
