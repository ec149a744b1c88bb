# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""Compiled :func:`bulletin_nlp.text.fold.fold`: ``str.translate`` with the fold table looks each
character up in a dict (a Python integer made per character); here a character indexes a flat
array of code points, and a text with nothing to fold is returned as it is. The result equals
``text.translate(table)`` (``tests/text/test_fold.py`` compares the two). Two more passes read the
same kind of table: ``Folder.codes`` gives the mapped code points as an int64 array (the pkuseg
decoder's node codes, over its own table), ``Folder.word_chars`` the topic features'
normalisation of a text (over the fold table)."""

from cpython.mem cimport PyMem_Free, PyMem_Malloc
from libc.stdint cimport int64_t

import numpy as np


cdef extern from "Python.h":
    int PyUnicode_4BYTE_KIND
    object PyUnicode_FromKindAndData(int kind, const void *buffer, Py_ssize_t size)
    object PyUnicode_Substring(object text, Py_ssize_t start, Py_ssize_t end)
    bint Py_UNICODE_ISALNUM(Py_UCS4 ch)  # what str.isalnum and the regex engine's \w test
    bint Py_UNICODE_ISDECIMAL(Py_UCS4 ch)  # \d
    Py_UCS4 Py_UNICODE_TOLOWER(Py_UCS4 ch)  # the one-character lowercase mapping

API = 3  # what the Python side expects (an extension built from an older .pyx counts as not built)


cdef class Folder:
    """A table of code point → one character (the fold table, or another) as an array over code
    points 0 to its largest key; ``fold``, ``codes`` and ``word_chars`` map a text through it."""

    cdef Py_UCS4* _to
    cdef Py_ssize_t _size

    def __cinit__(self, dict table):
        cdef Py_ssize_t code
        self._size = max(table) + 1 if table else 0
        self._to = <Py_UCS4*> PyMem_Malloc(max(self._size, 1) * sizeof(Py_UCS4))
        if self._to == NULL:
            raise MemoryError()
        for code in range(self._size):
            self._to[code] = <Py_UCS4> code
        for key, value in table.items():
            if len(value) != 1:
                raise ValueError("a fold table maps each character to exactly one character")
            self._to[<Py_ssize_t> key] = <Py_UCS4> ord(value)

    def __dealloc__(self):
        PyMem_Free(self._to)

    def fold(self, text) -> str:
        """``text`` with each character mapped through the table: a ``str`` of the same length
        (as ``str.translate`` gives, also for a subclass of ``str`` such as ``numpy.str_``)."""
        if not isinstance(text, str):
            raise TypeError(f"fold() needs a str, got {type(text).__name__}")
        return self._fold(<str> text)

    def codes(self, text):
        """The code points of ``text`` (a ``str``, or a subclass) mapped through the table, as an
        int64 array: what ``text.translate(table)`` encoded as UTF-32 (lone surrogates included)
        would give."""
        if not isinstance(text, str):
            raise TypeError(f"codes() needs a str, got {type(text).__name__}")
        out = np.empty(len(text), dtype=np.int64)
        cdef int64_t[::1] codes = out
        cdef Py_ssize_t i = 0
        cdef Py_UCS4 ch
        for ch in <str> text:
            codes[i] = self._to[ch] if ch < self._size else ch
            i += 1
        return out

    def word_chars(self, text):
        """``text`` (a ``str``, or a subclass) mapped through the table and lowercased, with
        only its letters and numbers (``str.isalnum``) kept and each decimal digit written 0:
        what ``re.sub(r"\\d", "0", re.sub(r"[\\W_]+", "", text.translate(table).lower()))``
        gives. None where a non-ASCII character has a lowercase form: ``str.lower`` maps some of
        those by their context (a final sigma) or to two characters, and the caller takes the
        regular path."""
        if not isinstance(text, str):
            raise TypeError(f"word_chars() needs a str, got {type(text).__name__}")
        cdef Py_ssize_t n = len(text), kept = 0
        cdef Py_UCS4 ch
        cdef unsigned int code  # arithmetic on a Py_UCS4 would make Python strings
        cdef Py_UCS4* out = <Py_UCS4*> PyMem_Malloc(max(n, 1) * sizeof(Py_UCS4))
        if out == NULL:
            raise MemoryError()
        try:
            for ch in <str> text:
                code = self._to[ch] if ch < self._size else ch
                if code < 128:
                    if 65 <= code <= 90:  # A-Z
                        code += 32
                    if 48 <= code <= 57:  # 0-9
                        code = 48
                    elif not 97 <= code <= 122:
                        continue  # neither a letter nor a digit
                elif Py_UNICODE_TOLOWER(<Py_UCS4> code) != code:
                    return None
                elif Py_UNICODE_ISDECIMAL(<Py_UCS4> code):
                    code = 48
                elif not Py_UNICODE_ISALNUM(<Py_UCS4> code):
                    continue
                out[kept] = <Py_UCS4> code
                kept += 1
            return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, out, kept)
        finally:
            PyMem_Free(out)

    cdef object _fold(self, str text):
        cdef Py_ssize_t n = len(text), i = 0, first = -1
        cdef Py_UCS4 ch
        cdef Py_UCS4* out
        for ch in text:
            if ch < self._size and self._to[ch] != ch:
                first = i
                break
            i += 1
        if first < 0:
            return PyUnicode_Substring(text, 0, n)  # the text itself; a subclass's as a plain str
        out = <Py_UCS4*> PyMem_Malloc(n * sizeof(Py_UCS4))
        if out == NULL:
            raise MemoryError()
        try:
            i = 0
            for ch in text:
                out[i] = self._to[ch] if ch < self._size else ch
                i += 1
            return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, out, n)
        finally:
            PyMem_Free(out)
