"""parse() from several threads at once: same results as one thread, the pipeline loaded once."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import bulletin_nlp
from bulletin_nlp import pipeline
from bulletin_nlp.segment.pkuseg import FastPkuseg
from tests.support import corpus_records


def texts() -> list[str]:
    records = corpus_records("dev", "test")
    return [r["text"] for r in records][:12] or ["县民政局开展培训。（民政局）"]


def test_threads_parse_concurrently_with_a_cache_that_keeps_filling(nlp, monkeypatch):
    """The segmenter's piece cache is cleared whenever it fills; threads reading it while
    another clears it must neither fail nor change a result."""
    segmenter: FastPkuseg = nlp.tokenizer._segmenter
    monkeypatch.setattr(segmenter, "cache_size", 64)  # fills and clears all the time
    inputs = texts() * 4
    expected = [bulletin_nlp.parse(text, nlp=nlp).to_dict() for text in inputs]
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda text: bulletin_nlp.parse(text, nlp=nlp).to_dict(), inputs))
    assert results == expected


def test_threads_load_the_default_pipeline_once(nlp, monkeypatch):
    calls = []

    def slow_load(model_dir=None):
        calls.append(threading.get_ident())
        time.sleep(0.2)  # every thread arrives while the first one loads
        return nlp

    monkeypatch.setattr(pipeline, "_default_nlp", None)
    monkeypatch.setattr(pipeline, "load", slow_load)
    barrier = threading.Barrier(8)

    def parse_after_barrier(text: str) -> bulletin_nlp.Bulletin:
        barrier.wait()
        return bulletin_nlp.parse(text)

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(parse_after_barrier, ["县民政局开展培训。（民政局）"] * 8))
    assert len(calls) == 1
    assert len({r.to_json() for r in results}) == 1
