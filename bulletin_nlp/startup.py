"""Start-up without the garbage collector's rescans (a base module).

Importing the package (spaCy with it) and loading the pipeline create some 100,000 objects that
stay alive (modules, classes, lexicons, indexes), and building them triggers hundreds of
collections that walk them again and again: about a fifth of a cold start's CPU time
(docs/performance.md, cold start). :func:`paused_gc` runs such work with the cyclic collector
off; when the outermost paused block ends, the objects it left are moved straight to the oldest
generation (``gc.freeze()`` then ``gc.unfreeze()``: nothing stays frozen), so that the young
collections after it do not walk them either. Reference counting frees what is dropped as
usual, and cyclic garbage made in the block is found by the next full collection. A caller's
own ``gc.freeze()`` is left alone (the move is skipped), and a collector the caller switched
off stays off.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import ParamSpec, TypeVar

__all__ = ["gc_paused", "paused_gc"]

_P = ParamSpec("_P")
_R = TypeVar("_R")
_lock = threading.Lock()
_depth = 0  # nesting depth of paused_gc, over all threads
_was_enabled = False


@contextmanager
def paused_gc() -> Iterator[None]:
    """Run the block with the cyclic garbage collector off (see the module's docstring)."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                if not gc.get_freeze_count():  # to the oldest generation, unwalked
                    gc.freeze()
                    gc.unfreeze()
                gc.enable()


def gc_paused(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """``function`` run under :func:`paused_gc` (for builders of large, long-lived tables)."""

    @wraps(function)
    def run(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with paused_gc():
            return function(*args, **kwargs)

    return run
