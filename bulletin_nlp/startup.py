"""Start-up without the garbage collector's rescans (a base module).

Importing the package (spaCy with it) and loading the pipeline create some 100,000 objects that
stay alive (modules, classes, lexicons, indexes), and building them triggers hundreds of
collections that walk them again and again: about a fifth of a cold start's CPU time
(docs/performance.md, cold start). :func:`paused_gc` runs such work with the cyclic collector
off; when the outermost paused block ends, the objects it left are moved straight to the oldest
generation (``gc.freeze()`` then ``gc.unfreeze()``: nothing stays frozen), so that the young
collections after it do not walk them either (left to them, the objects of the package's import
cost ~100 ms of collections). Reference counting frees what is dropped as usual, and cyclic
garbage made in the block is found by the next full collection. A collector the caller switched
off stays off.

The move would unfreeze what the caller froze, so it is made only while the caller has frozen
nothing.
Counting the frozen objects walks them all (``gc.get_freeze_count()``: 14 ms once a loaded
pipeline is frozen, as in the workers of ``parse_many``, which inherit it frozen), and a block
ends for every new county's tables: once frozen objects have been seen, or
:func:`note_frozen_objects` has said so, the move is no longer tried in this process.
CPython 3.12 keeps objects of its own in the permanent generation: its immortal ones (375
tuples of deep-frozen constants in 3.12.1), which every full collection puts back there, so
that ``gc.get_freeze_count()`` is never 0 for long. They are counted when this module is
imported (by unfreezing what is frozen and looking at it: if anything else was frozen, the
caller froze it, and everything is frozen again), and :func:`frozen_by_caller` counts only the
frozen objects beyond them. (A move unfreezes them too; the next full collection puts them back.)

A batch of parses (:func:`batch_gc_pause`) is the opposite case: it makes tens of thousands of
short-lived objects (layouts, Docs, spans) that all die when it ends, while only its results
live on. Left on, the collector's young collections during the batch promote the objects in
flight to the older generations, where they set off full collections over every object of the
process (~70-100 ms each with the pipeline loaded): 7-10 % of ``parse_many``'s time, whether or
not the caller keeps the results. With the collector off until the batch ends, reference
counting frees them and the first allocation after it runs one young collection over what the
batch left.
"""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

__all__ = ["batch_gc_pause", "count_interpreter_frozen", "frozen_by_caller", "gc_paused", "note_frozen_objects",
           "paused_gc"]

_P = ParamSpec("_P")
_R = TypeVar("_R")
_lock = threading.Lock()
_depth = 0  # nesting depth of paused_gc, over all threads
_was_enabled = False
_frozen_seen = False  # the collector held frozen objects when last asked: the move is not tried
_batch_holds = False  # a batch_gc_pause switched the collector off and switches it back on
_IMMORTAL_REFCOUNT = 2**30 - 1  # CPython 3.12+ reports at least this for an immortal object (32-bit builds too)
_interpreter_frozen = 0  # the interpreter's own objects that may be frozen (CPython 3.12's immortal ones)


def paused_gc() -> _PausedGc:
    """Run the block with the cyclic garbage collector off (see the module's docstring)."""
    return _PausedGc()


class _PausedGc:
    """The context manager of :func:`paused_gc` (a class: a generator-based one costs a parse
    two to three times as much to enter and leave)."""

    __slots__ = ()

    def __enter__(self) -> None:
        global _depth, _was_enabled
        with _lock:
            if _depth == 0:
                _was_enabled = gc.isenabled() or _batch_holds  # (a batch switches it on again itself)
                gc.disable()
            _depth += 1

    def __exit__(self, *exception: object) -> None:
        global _depth
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                _move_to_oldest_generation()
                if not _batch_holds:
                    gc.enable()


def batch_gc_pause() -> _BatchGcPause:
    """Run a batch of parses with the cyclic garbage collector off (see the module's docstring).

    Only a collector that is on, and not already paused by this module, is switched off, and it
    is switched on again when the block ends: a pause lasts one batch of one thread, however
    the batches of several threads overlap.
    """
    return _BatchGcPause()


class _BatchGcPause:
    """The context manager of :func:`batch_gc_pause`: whether it switched the collector off."""

    __slots__ = ("holds",)

    def __enter__(self) -> None:
        global _batch_holds
        with _lock:
            self.holds = _depth == 0 and not _batch_holds and gc.isenabled()
            if self.holds:
                _batch_holds = True
                gc.disable()

    def __exit__(self, *exception: object) -> None:
        global _batch_holds
        if self.holds:
            with _lock:
                _batch_holds = False
                if _depth == 0:  # else the paused block switches it on when it ends
                    gc.enable()


def _move_to_oldest_generation() -> None:
    """The tracked objects made since the last collection to the oldest generation, unwalked,
    unless the caller froze objects (see the module's docstring)."""
    global _frozen_seen
    if _frozen_seen:
        return
    if frozen_by_caller():  # walks the frozen objects: read until some are seen, then never again
        _frozen_seen = True
        return
    gc.freeze()
    gc.unfreeze()


def frozen_by_caller() -> bool:
    """Whether objects are frozen (``gc.freeze()``) beyond the interpreter's own (see the
    module's docstring). Counting them walks them all."""
    return gc.get_freeze_count() > _interpreter_frozen


def count_interpreter_frozen(is_immortal: Callable[[object], bool] | None = None) -> None:
    """Count the interpreter's own objects that may be frozen (CPython 3.12: its immortal ones),
    for :func:`frozen_by_caller`. What is frozen is unfrozen and looked at: if any of it is not
    immortal, the caller froze it, everything is frozen again and :func:`paused_gc` leaves
    frozen objects alone. Run once when this module is imported; ``is_immortal`` is for tests
    (older Pythons have no immortal objects)."""
    global _frozen_seen, _interpreter_frozen
    if is_immortal is None:
        if sys.version_info[:2] != (3, 12):
            return  # no other version keeps objects of its own frozen
        is_immortal = _is_immortal
    enabled = gc.isenabled()
    gc.disable()  # no collection may move objects between the lists below
    try:
        frozen = gc.get_freeze_count()
        if not frozen:  # unfrozen before this import: wherever they are, a full collection freezes them
            _interpreter_frozen = sum(map(is_immortal, gc.get_objects()))
            return
        kept = len(gc.get_objects(generation=2))
        gc.unfreeze()
        released = gc.get_objects(generation=2)[kept:]  # unfreezing appends them to the oldest generation
        _interpreter_frozen = sum(map(is_immortal, released))
        if len(released) != frozen or _interpreter_frozen < frozen:
            gc.freeze()  # the caller's: frozen again, with what else is tracked now
            _frozen_seen = True
    finally:
        if enabled:
            gc.enable()


def _is_immortal(obj: object) -> bool:
    return sys.getrefcount(obj) >= _IMMORTAL_REFCOUNT


def note_frozen_objects() -> None:
    """Tell :func:`paused_gc` that this process holds frozen objects (a worker forked with the
    loaded pipeline frozen), so that it never counts them."""
    global _frozen_seen
    _frozen_seen = True


def gc_paused(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """``function`` run under :func:`paused_gc` (for builders of large, long-lived tables)."""

    @wraps(function)
    def run(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with paused_gc():
            return function(*args, **kwargs)

    return run


count_interpreter_frozen()
