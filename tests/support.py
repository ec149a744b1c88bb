"""Test helpers that are not fixtures: repository paths, corpus records, timing of scaling."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SAMPLES = CORPUS / "samples"
SHARED = ROOT.parent / "shared"  # the project's shared data; tests that need it skip without it


def corpus_records(*names: str) -> list[dict]:
    """Records of ``corpus/<name>.jsonl`` files that exist, in order."""
    records = []
    for name in names:
        path = CORPUS / f"{name}.jsonl"
        if path.exists():
            records.extend(json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip())
    return records


def record_id(record: dict) -> str:
    return record["id"]


#: A linear algorithm takes about 10 times as long on 10 times the input, a quadratic one about
#: 100 times; the limit between leaves room for timing noise on a loaded machine.
MAX_LINEAR_RATIO = 30.0


def scaling_ratio(run: Callable[[int], object], size: int, factor: int = 10, repeats: int = 3) -> float:
    """How many times longer ``run(factor * size)`` takes than ``run(size)``: best of ``repeats``
    timings each, a timing repeating the call until it has run for at least 50 ms."""

    def best_time(input_size: int) -> float:
        times = []
        for _ in range(repeats):
            calls, started = 0, time.perf_counter()
            while (elapsed := time.perf_counter() - started) < 0.05 or calls == 0:
                run(input_size)
                calls += 1
            times.append(elapsed / calls)
        return min(times)

    return best_time(factor * size) / best_time(size)


#: An item written for the topic tests (figures invented): clearly about the environment.
NEW_ITEM = {"section": "生态环境保护", "headline": "县生态环境局开展大气污染防治专项检查",
            "body": "检查涉气企业 12 家，督促整改扬尘问题 5 处。", "sources": ["生态环境局"]}


#: A sentence written for the tests, with an agency, a township, quantities and a paragraph break.
SENTENCE = "县民政局采购棉被 6500 条，\n\n王楼镇排查养殖大棚20座，近 30 亿元。"


class StrSubclass(str):
    """A subclass of str, as numpy.str_ is one (the compiled passes must take it)."""
