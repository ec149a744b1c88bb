"""parse_many over worker processes (parallel.py)."""

from __future__ import annotations

import gc
import itertools

import bulletin_nlp
from tests.support import SAMPLES


def test_parallel_parse_many_in_two_processes_keeps_order(nlp):
    samples = sorted((SAMPLES).glob("*.txt"))
    texts = [p.read_text("utf-8") for p in samples] * 2
    serial = [b.to_dict() for b in bulletin_nlp.parse_many(texts, nlp=nlp)]
    made = [[] for _ in range(10_000)]  # the caller's unfrozen objects: frozen by the run, they would count
    frozen = gc.get_freeze_count()
    parallel = [b.to_dict() for b in bulletin_nlp.parse_many(texts, nlp=nlp, n_process=2, batch_size=1)]
    assert parallel == serial
    assert [b["issue"] for b in serial] == [18, 43, 6, 18, 43, 6]
    # the workers froze their objects, not the caller's (CPython 3.12 may freeze its own immortal ones again)
    assert gc.get_freeze_count() < frozen + 1_000
    assert len(made) == 10_000


def test_parallel_parse_many_in_two_processes_streams_an_endless_input(nlp):
    """Workers read ahead a bounded number of texts; closing the stream stops them."""
    import threading

    text = (SAMPLES / "yanjin_2024_06.txt").read_text("utf-8")
    taken = []

    def consume() -> None:
        stream = bulletin_nlp.parse_many(itertools.cycle([text]), nlp=nlp, n_process=2, batch_size=2)
        taken.extend(itertools.islice(stream, 5))
        stream.close()

    worker = threading.Thread(target=consume, daemon=True)
    worker.start()
    worker.join(timeout=120)
    assert not worker.is_alive(), "parse_many did not stop after its consumer closed it"
    assert [b.issue for b in taken] == [6] * 5


def test_parallel_parse_many_in_two_processes_reads_the_input_in_the_callers_thread(nlp):
    """A sqlite3 cursor may only be used in the thread that made it."""
    import sqlite3

    connection = sqlite3.connect(":memory:")
    connection.execute("create table t (text)")
    connection.executemany("insert into t values (?)", [("县民政局",)] * 5)
    rows = (row[0] for row in connection.execute("select text from t"))
    assert len(list(bulletin_nlp.parse_many(rows, nlp=nlp, n_process=2, batch_size=2))) == 5
