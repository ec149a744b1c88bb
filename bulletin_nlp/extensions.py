"""The optional compiled extensions (``segment/_decoder.pyx``, ``segment/_intmap.pyx``,
``segment/_bounds.pyx``, ``segment/_align.pyx``, ``topics/_decision.pyx``, ``text/_fold.pyx``): each
has a pure-Python fallback, used where the extension is not built (no C compiler at install), was
built from an older ``.pyx`` (``pip install -e .`` rebuilds it), or ``BULLETIN_NLP_PURE_PYTHON`` is
set (CI runs the tests both ways)."""

from __future__ import annotations

import importlib
import os
from types import ModuleType

PURE_PYTHON_VARIABLE = "BULLETIN_NLP_PURE_PYTHON"


def load_extension(name: str, api: int) -> ModuleType | None:
    """The compiled module ``name`` when it is built and its ``API`` is ``api`` (what the calling
    code expects), else None: the fallback rather than a failing call."""
    try:
        module = importlib.import_module(name)
    except ImportError:
        return None
    return module if getattr(module, "API", 0) == api else None


def use_extension(module: ModuleType | None) -> bool:
    """Whether to run ``module`` (loaded by :func:`load_extension`): it is there and the
    environment does not ask for the pure-Python code."""
    return module is not None and not os.environ.get(PURE_PYTHON_VARIABLE)
