"""Start-up without the garbage collector's rescans (a base module).

Importing the package (spaCy with it) creates some 160,000 tracked objects that live as long as
the process (modules, classes, functions, spaCy's registries), and loading the pipeline some 10,000
more. Building them triggers hundreds of collections that walk them again and again, about a
fifth of a cold start's CPU time (docs/performance-history.md, cold start): :func:`paused_gc` runs such
work with the cyclic collector off. A collector the caller switched off stays off.

When the package's import ends, :func:`freeze_startup_objects` freezes what is alive
(``gc.freeze()``): no collection walks those objects again, neither the full collections of a
long run nor the interpreter's final ones at exit, which took ~0.19 s of a one-bulletin process
on CPython 3.11 (docs/performance-history.md, twenty-first step). Reference counting still frees a
frozen object that is dropped; what a frozen object cannot be is collected as part of a
reference cycle. That costs the ~0.3 MB of cyclic garbage the import leaves (spaCy's
dependencies' bound methods, dicts and classes; finding it would take a full collection, ~40
ms), and it applies to the caller's objects that were alive before the import: a cycle of them
dropped later is never reclaimed nor finalised. Objects made after the import are collected as
usual. A caller who wants the collector to walk everything again calls ``gc.unfreeze()``.

A batch of parses (:func:`batch_gc_pause`) is the opposite case: it makes tens of thousands of
short-lived objects (layouts, Docs, spans) that all die when it ends, while only its results
live on. Left on, the collector's young collections during the batch promote the objects in
flight to the older generations, where they set off full collections over every unfrozen object
of the process: 7-10 % of ``parse_many``'s time, whether or not the caller keeps the results
(measured before the import's objects were frozen, when a full collection took 70-100 ms). With
the collector off until the batch ends, reference counting frees them and the first allocation
after it runs one young collection over what the batch left.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

__all__ = ["batch_gc_pause", "freeze_startup_objects", "gc_paused", "paused_gc"]

_P = ParamSpec("_P")
_R = TypeVar("_R")
_lock = threading.Lock()
_depth = 0  # nesting depth of paused_gc, over all threads
_was_enabled = False
_batch_holds = False  # a batch_gc_pause switched the collector off and switches it back on


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
            if _depth == 0 and _was_enabled and not _batch_holds:
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


def freeze_startup_objects() -> None:
    """Freeze every object alive now, once the package's import has ended (see the module's
    docstring)."""
    gc.freeze()


def gc_paused(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """``function`` run under :func:`paused_gc` (for builders of large, long-lived tables)."""

    @wraps(function)
    def run(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with paused_gc():
            return function(*args, **kwargs)

    return run
