# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""Compiled :func:`bulletin_nlp.pipeline.doc_token_bounds`: the sorted offsets where a Doc's
tokens start and end, each once, read from its ``(IDX, LENGTH)`` columns in one loop instead of
some ten numpy steps (whose fixed cost weighs on a short text's parse); the same array as
``compact(token_bounds(doc))`` (``tests/segment/test_bounds.py`` compares the two)."""

from cpython cimport array
from libc.stdint cimport uint64_t

import array as py_array

API = 1  # what the Python side expects (an extension built from an older .pyx counts as not built)

cdef array.array _INT32 = py_array.array("i")
cdef uint64_t _INT32_LIMIT = (<uint64_t>1 << 31) - 1  # a bound below it, and one past it, fit 4 bytes


def token_bounds(const uint64_t[:, ::1] columns):
    """The bounds of the tokens whose ``(start, length)`` are the rows of ``columns`` (in text
    order, as ``Doc.to_array([IDX, LENGTH])`` gives them) as an array of 4-byte integers, or None
    when the last one does not fit them (the caller's numpy code then makes 8-byte ones)."""
    cdef Py_ssize_t n = columns.shape[0], i, k = 0
    if n == 0 or columns[n - 1, 0] + columns[n - 1, 1] >= _INT32_LIMIT:
        return None
    cdef array.array out = array.clone(_INT32, 2 * n, zero=False)
    cdef int* data = out.data.as_ints
    cdef int start, end = -1
    for i in range(n):
        start = <int> columns[i, 0]
        if start != end:  # else the last token's end is this one's start, written already
            data[k] = start
            k += 1
        end = start + <int> columns[i, 1]
        data[k] = end
        k += 1
    array.resize(out, k)
    return out
