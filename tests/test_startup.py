"""Tests for bulletin_nlp.startup: the collector paused while the package imports and loads, and
while a batch of texts is parsed."""

from __future__ import annotations

import gc
import subprocess
import sys
import threading
import weakref

import pytest

from bulletin_nlp.startup import batch_gc_pause, gc_paused, paused_gc
from tests.support import SAMPLES


class Node:
    """An object that can be put in a reference cycle."""

    def __init__(self) -> None:
        self.other: Node | None = None


@pytest.fixture(autouse=True)
def collector_on():
    was_enabled = gc.isenabled()
    gc.enable()
    yield
    if not was_enabled:
        gc.disable()


def test_startup_paused_gc_switches_the_collector_off_and_back_on() -> None:
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():  # nested: still off, and on again only after the outermost block
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_startup_paused_gc_restores_the_collector_after_an_error() -> None:
    with pytest.raises(RuntimeError), paused_gc():
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_startup_a_collector_switched_off_by_the_caller_stays_off() -> None:
    gc.disable()
    with paused_gc():
        pass
    assert not gc.isenabled()


def test_startup_cycles_made_while_paused_are_collected_and_nothing_is_frozen() -> None:
    frozen = gc.get_freeze_count()
    with paused_gc():
        made = [Node() for _ in range(10_000)]
        first, second = Node(), Node()
        first.other, second.other = second, first
        alive = weakref.ref(first)
        del first, second
    assert gc.get_freeze_count() < frozen + 1_000  # (CPython 3.12 may freeze its own immortal objects again)
    gc.collect()
    assert alive() is None
    assert len(made) == 10_000


def test_startup_the_callers_frozen_objects_stay_frozen() -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with paused_gc():
            made = [Node() for _ in range(10_000)]
        count = gc.get_freeze_count()
        # not unfrozen (0), and the block's 10,000 objects not frozen with them; a few frozen
        # objects may die meanwhile (another thread of the test run drops its last reference)
        assert frozen - 1_000 < count <= frozen, (frozen, count)
        assert len(made) == 10_000
    finally:
        gc.unfreeze()


def test_startup_gc_paused_runs_the_function_paused() -> None:
    @gc_paused
    def state(value: int) -> tuple[int, bool]:
        return value, gc.isenabled()

    assert state(3) == (3, False)
    assert state.__name__ == "state"
    assert gc.isenabled()


def test_startup_the_imports_objects_are_frozen_and_later_cycles_collected() -> None:
    """After ``import bulletin_nlp`` the objects alive then (spaCy's and the package's, ~160,000)
    are frozen; a cycle made later is still collected, and parsing leaves the collector on."""
    code = ("import gc, weakref, bulletin_nlp\n"
            "frozen = gc.get_freeze_count()\n"
            "class Node: pass\n"
            "first, second = Node(), Node(); first.other, second.other = second, first\n"
            "alive = weakref.ref(first); del first, second\n"
            "bulletin_nlp.parse('县市场监督管理局开展专项检查。')\n"
            "gc.collect()\n"
            "print(frozen, alive() is None, gc.isenabled())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    frozen, collected, enabled = out.split()
    assert int(frozen) > 50_000
    assert (collected, enabled) == ("True", "True")


def test_startup_the_loaded_tables_are_not_walked_by_the_collector() -> None:
    """The large tables (the user dictionary's prefixes, the user words, the township index,
    the topic vocabulary) are held where the collector does not look: in dicts of strings,
    strings, or tuples it stops tracking at its first full collection. A list or set of some
    50,000 strings would be walked at every full collection, three of them at exit. After
    loading and parsing, no tracked object holds more than 10,000 references (spaCy's largest,
    about 4,400); the import's frozen objects are unfrozen first, so that they are counted too."""
    sample = SAMPLES / "yanjin_2024_06.txt"
    code = ("import gc, sys, bulletin_nlp; bulletin_nlp.parse(open(sys.argv[1], encoding='utf-8').read()); "
            "gc.unfreeze(); gc.collect(); print(max(len(gc.get_referents(o)) for o in gc.get_objects()))")
    out = subprocess.run([sys.executable, "-c", code, str(sample)], capture_output=True, text=True, check=True).stdout
    assert int(out) < 10_000


def test_startup_batch_gc_pause_switches_the_collector_off_for_the_batch() -> None:
    with batch_gc_pause():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), batch_gc_pause():
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_startup_batch_gc_pause_leaves_a_collector_switched_off_by_the_caller_off() -> None:
    gc.disable()
    with batch_gc_pause():
        pass
    assert not gc.isenabled()


def test_startup_tables_built_inside_a_batch_keep_the_collector_off_until_the_batch_ends() -> None:
    with batch_gc_pause():
        with paused_gc():  # a new county's tables, built in the middle of a batch
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    with paused_gc():  # a batch started while the package loads: the load switches it on
        with batch_gc_pause():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_startup_a_batch_pause_lasts_one_batch_however_threads_overlap() -> None:
    """Thread A holds the pause; B's batch starts inside it and ends after it: the collector is
    on again when A's batch ends, not only when every overlapping batch has."""
    a_in, b_in, a_out, b_may_end = (threading.Event() for _ in range(4))
    seen: list[bool] = []

    def batch_a() -> None:
        with batch_gc_pause():
            a_in.set()
            b_in.wait(5)
        a_out.set()

    def batch_b() -> None:
        a_in.wait(5)
        with batch_gc_pause():
            b_in.set()
            a_out.wait(5)
            seen.append(gc.isenabled())  # A's batch has ended, B's has not
            b_may_end.set()

    threads = [threading.Thread(target=batch_a), threading.Thread(target=batch_b)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert seen == [True] and b_may_end.is_set()
    assert gc.isenabled()


def test_startup_parse_batch_runs_with_the_collector_off_and_leaves_it_on(monkeypatch: pytest.MonkeyPatch) -> None:
    from bulletin_nlp import parsing

    states: list[bool] = []
    analyse_many = parsing.analyse_many

    def recorded(*args, **kwargs):  # type: ignore[no-untyped-def]
        states.append(gc.isenabled())
        return analyse_many(*args, **kwargs)

    monkeypatch.setattr(parsing, "analyse_many", recorded)
    bulletins = parsing.parse_batch(["县市场监督管理局开展专项检查。", "县民政局发放棉被6500条。"])
    assert states == [False]
    assert gc.isenabled()
    assert [len(bulletin.entities) > 0 for bulletin in bulletins] == [True, True]
