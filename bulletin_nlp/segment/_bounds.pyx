# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""Compiled :func:`bulletin_nlp.pipeline.doc_token_bounds`: the sorted offsets where a Doc's
tokens start and end, each once, read from its ``(IDX, SPACY)`` columns and its text's length in
one loop instead of some ten numpy steps (whose fixed cost weighs on a short text's parse); the
same array as ``compact(token_bounds(doc))`` (``tests/segment/test_bounds.py`` compares the two).
A token ends where the next starts, less its trailing space (the last at the text's end): its
length would be read from its lexeme, a look-up in spaCy's vocabulary that misses the caches in
flow (~40 µs of a bulletin's call)."""

from cpython cimport array
from libc.stdint cimport uint64_t

import array as py_array

API = 2  # what the Python side expects (an extension built from an older .pyx counts as not built)

cdef array.array _INT32 = py_array.array("i")
cdef uint64_t _INT32_LIMIT = (<uint64_t>1 << 31) - 1  # a bound below it, and one past it, fit 4 bytes


def token_bounds(const uint64_t[:, ::1] columns, uint64_t text_length):
    """The bounds of the tokens whose ``(start, trailing space)`` are the rows of ``columns`` (in
    text order, as ``Doc.to_array([IDX, SPACY])`` gives them) in a text of ``text_length``
    characters, as an array of 4-byte integers, or None when the text's end does not fit them
    (the caller's numpy code then decides)."""
    cdef Py_ssize_t n = columns.shape[0], i, k = 0
    if n == 0 or text_length >= _INT32_LIMIT:
        return None
    cdef array.array out = array.clone(_INT32, 2 * n, zero=False)
    cdef int* data = out.data.as_ints
    cdef int start, end = -1
    for i in range(n):
        start = <int> columns[i, 0]
        if start != end:  # else the last token's end is this one's start, written already
            data[k] = start
            k += 1
        end = <int> ((columns[i + 1, 0] if i + 1 < n else text_length) - columns[i, 1])
        data[k] = end
        k += 1
    array.resize(out, k)
    return out
