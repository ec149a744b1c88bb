"""``json.dumps(value, ensure_ascii=False, indent=N)`` without the standard library's Python
encoder (a base module).

With ``indent`` set, ``json.dumps`` cannot use its C encoder and walks the value with nested
Python generators: 2.0 ms for a bulletin's ``to_dict()``, against 0.5 ms without indentation,
and the ``json`` output (the command line's default) indents every bulletin. :func:`dumps_indented`
writes the same text by one recursive walk that appends to a list, with the C function that
``json`` itself uses for strings. It takes only what ``to_dict()`` holds (dicts with string keys,
lists, tuples, strings, integers, floats, booleans and None, by their exact types) and returns
None for anything else, for the caller to hand to ``json.dumps``.
"""

from __future__ import annotations

import json.encoder
from collections.abc import Callable
from typing import Any

__all__ = ["dumps_indented"]

_encode_string = json.encoder.encode_basestring  # the C function where it is built, as json uses
_INFINITY = float("inf")


class _UnexpectedValueError(Exception):
    """A value ``json.dumps`` would write differently (or refuse): left to it."""


def dumps_indented(value: Any, indent: int) -> str | None:
    """``json.dumps(value, ensure_ascii=False, indent=indent)``, or None where ``value`` holds a
    type this encoder leaves to ``json.dumps`` (a subclass, a non-string key, a set …)."""
    out: list[str] = []
    try:
        _write(value, out.append, "\n", " " * indent)
    except (_UnexpectedValueError, RecursionError):
        return None
    return "".join(out)


def _write(value: Any, append: Callable[[str], None], newline: str, step: str) -> None:
    kind = type(value)
    if kind is str:
        append(_encode_string(value))
    elif value is None:
        append("null")
    elif kind is int:
        append(int.__repr__(value))
    elif value is True:
        append("true")
    elif value is False:
        append("false")
    elif kind is float:
        append(_float(value))
    elif kind is dict:
        if not value:
            append("{}")
            return
        inner = newline + step
        separator = "{" + inner
        for key, item in value.items():
            if type(key) is not str:
                raise _UnexpectedValueError
            append(separator + _encode_string(key) + ": ")
            _write(item, append, inner, step)
            separator = "," + inner
        append(newline + "}")
    elif kind is list or kind is tuple:
        if not value:
            append("[]")
            return
        inner = newline + step
        separator = "[" + inner
        for item in value:
            append(separator)
            _write(item, append, inner, step)
            separator = "," + inner
        append(newline + "]")
    else:
        raise _UnexpectedValueError


def _float(value: float) -> str:
    """A float as ``json`` writes it (``allow_nan``: NaN and the infinities by name)."""
    if value != value:
        return "NaN"
    if value == _INFINITY:
        return "Infinity"
    if value == -_INFINITY:
        return "-Infinity"
    return float.__repr__(value)
