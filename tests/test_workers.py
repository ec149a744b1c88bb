"""parse_many with worker processes: a dead worker raises, never hangs; errors come in order."""

from __future__ import annotations

import gc
import os
import signal

import pytest

import bulletin_nlp
from bulletin_nlp import parsing
from bulletin_nlp.errors import TextTooLongError, WorkerError

KILL = "这段文字让工作进程退出"


@pytest.fixture
def alarm():
    """Fail instead of hanging: SIGALRM after the given number of seconds."""
    def expire(signum, frame):
        raise TimeoutError("parse_many hung")

    previous = signal.signal(signal.SIGALRM, expire)
    yield lambda seconds: signal.alarm(seconds)
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def test_workers_a_killed_worker_raises_naming_its_batch(nlp, monkeypatch, alarm):
    real = parsing.parse_batch

    def parse_or_die(texts, *, nlp=None):  # inherited by the forked workers
        if KILL in texts:
            os.kill(os.getpid(), signal.SIGKILL)  # as the out-of-memory killer would
        return real(texts, nlp=nlp)

    monkeypatch.setattr(parsing, "parse_batch", parse_or_die)
    texts = ["县民政局开展培训。（民政局）"] * 4 + [KILL] + ["王楼镇完成任务。（王楼镇）"] * 6
    alarm(120)
    got = []
    with pytest.raises(WorkerError) as caught:
        got.extend(bulletin_nlp.parse_many(texts, nlp=nlp, n_process=2, batch_size=2))
    error = caught.value  # the first batch without a result: the dead worker's, or one before it
    assert error.batch <= 2 and (error.first, error.end) == (2 * error.batch, 2 * error.batch + 2)
    assert f"batch {error.batch} (texts {error.first}-{error.end - 1})" in str(error)
    assert len(got) == error.first  # every batch before it was yielded


@pytest.mark.parametrize("n_process", [1, 2])
def test_workers_a_wrong_typed_text_comes_after_the_texts_before_it(nlp, n_process):
    texts = ["县民政局开展培训。", "王楼镇完成任务。", "县财政局", b"bytes", "县"]
    got = []
    with pytest.raises(TypeError, match="bytes"):
        got.extend(bulletin_nlp.parse_many(texts, nlp=nlp, n_process=n_process, batch_size=4))
    assert len(got) == 3


@pytest.mark.parametrize("n_process", [1, 2])
def test_workers_a_text_over_max_length_raises_the_librarys_error(nlp, monkeypatch, n_process):
    monkeypatch.setattr(nlp, "max_length", 50)
    texts = ["县民政局开展培训。", "县" * 51, "县"]
    got = []
    with pytest.raises(TextTooLongError) as caught:
        got.extend(bulletin_nlp.parse_many(texts, nlp=nlp, n_process=n_process, batch_size=4))
    assert (caught.value.length, caught.value.max_length) == (51, 50)
    assert len(got) == 1
    with pytest.raises(TextTooLongError):
        bulletin_nlp.parse("县" * 51, nlp=nlp)


def test_workers_gc_is_not_frozen_while_the_generator_waits(nlp):
    made = [[] for _ in range(10_000)]  # unfrozen objects of the caller's: frozen with the rest, they would count
    frozen = gc.get_freeze_count()
    stream = bulletin_nlp.parse_many(["县民政局开展培训。"] * 6, nlp=nlp, n_process=2, batch_size=1)
    next(stream)
    assert gc.get_freeze_count() < frozen + 1_000  # waiting in the caller's code (3.12: see test_parallel)
    stream.close()
    assert len(made) == 10_000
