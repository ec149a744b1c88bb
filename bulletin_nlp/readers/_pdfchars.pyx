# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""Compiled character loop of :func:`bulletin_nlp.readers.pdf._page_lines`: the same pdfium
calls for each character of a text page, made from C through the addresses of pypdfium2's own
ctypes functions (five ctypes calls a character cost more than pdfium's work), and the same
grouping of characters into lines and runs, in two passes.

:func:`read_chars` reads the characters; the caller rounds their font sizes and looks up their
bold (both by Python functions, once per distinct value); :func:`group_lines` then groups them.
The lines are the ones the Python loop makes (``tests/readers/test_pdf.py`` compares the two)."""

from cpython cimport array
from libc.math cimport fabs
from libc.stdint cimport uint8_t, uint64_t

import array as py_array

API = 1  # what the Python side expects (an extension built from an older .pyx counts as not built)

ctypedef unsigned int (*GetUnicode)(void*, int) noexcept
ctypedef int (*IsGenerated)(void*, int) noexcept
ctypedef int (*GetCharOrigin)(void*, int, double*, double*) noexcept
ctypedef double (*GetFontSize)(void*, int) noexcept
ctypedef int (*GetCharBox)(void*, int, double*, double*, double*, double*) noexcept
ctypedef void* (*GetTextObject)(void*, int) noexcept

cdef array.array _INTS = py_array.array("i")
cdef array.array _CODES = py_array.array("I")
cdef array.array _FLAGS = py_array.array("B")
cdef array.array _DOUBLES = py_array.array("d")
cdef array.array _ADDRESSES = py_array.array("Q")

cdef enum:
    _MAX_SKIPPED = 16


cdef inline double _py_max(double a, double b):
    """Python's ``max(a, b)``: ``a`` unless ``b`` is greater (NaN included)."""
    return b if b > a else a


cdef inline double _py_min(double a, double b):
    """Python's ``min(a, b)``: ``a`` unless ``b`` is smaller."""
    return b if b < a else a


cdef inline bint _ascii_word(unsigned int code):
    """``[A-Za-z0-9]``."""
    return 48 <= code <= 57 or 65 <= code <= 90 or 97 <= code <= 122


def read_chars(size_t text_page, int count, skipped, size_t get_unicode, size_t is_generated, size_t get_origin,
               size_t get_font_size, size_t get_box, size_t get_text_object):
    """Each kept character of the text page at ``text_page`` (pdfium's handle) as arrays, in
    order: ``(char_index, code, gap, x0, x1, y, font_size, text_object)``. Codes in ``skipped``
    and codes past U+10FFFF are passed over, and so is a space pdfium generated (``gap``: one
    came right before the character). ``x0``/``y`` are the origin, ``x1`` the larger of ``x0``
    and the box's right; the font size is pdfium's, unrounded; ``text_object`` the address of
    the character's text object (0 for none). The other arguments are the addresses of pdfium's functions
    ``FPDFText_GetUnicode``, ``IsGenerated``, ``GetCharOrigin``, ``GetFontSize``, ``GetCharBox``
    and ``GetTextObject``. As the Python loop, the origin and box keep their last values where
    pdfium fails to give them."""
    cdef GetUnicode unicode_of = <GetUnicode> <void*> get_unicode
    cdef IsGenerated generated = <IsGenerated> <void*> is_generated
    cdef GetCharOrigin origin_of = <GetCharOrigin> <void*> get_origin
    cdef GetFontSize font_size_of = <GetFontSize> <void*> get_font_size
    cdef GetCharBox box_of = <GetCharBox> <void*> get_box
    cdef GetTextObject object_of = <GetTextObject> <void*> get_text_object
    cdef void* page = <void*> text_page
    cdef unsigned int skip[_MAX_SKIPPED]
    cdef unsigned int code
    cdef int n_skip = 0, index, j, k = 0
    cdef double x = 0.0, y = 0.0, left = 0.0, right = 0.0, bottom = 0.0, top = 0.0
    cdef bint gap = False, passed
    cdef array.array out
    for value in skipped:
        if n_skip == _MAX_SKIPPED:
            raise ValueError(f"at most {_MAX_SKIPPED} skipped codes")
        skip[n_skip] = value
        n_skip += 1
    cdef int size = count if count > 0 else 0
    cdef array.array indices = array.clone(_INTS, size, zero=False)
    cdef array.array codes = array.clone(_CODES, size, zero=False)
    cdef array.array gaps = array.clone(_FLAGS, size, zero=False)
    cdef array.array x0s = array.clone(_DOUBLES, size, zero=False)
    cdef array.array x1s = array.clone(_DOUBLES, size, zero=False)
    cdef array.array ys = array.clone(_DOUBLES, size, zero=False)
    cdef array.array font_sizes = array.clone(_DOUBLES, size, zero=False)
    cdef array.array objects = array.clone(_ADDRESSES, size, zero=False)
    for index in range(size):
        code = unicode_of(page, index)
        passed = False
        for j in range(n_skip):
            if code == skip[j]:
                passed = True
                break
        if passed or code > 0x10FFFF:  # (no character: a broken font's map)
            continue
        if code == 32 and generated(page, index) == 1:
            gap = True  # a space pdfium inferred from a gap: the grouping keeps it only between Latin words
            continue
        origin_of(page, index, &x, &y)
        font_sizes.data.as_doubles[k] = font_size_of(page, index)
        box_of(page, index, &left, &right, &bottom, &top)
        indices.data.as_ints[k] = index
        codes.data.as_uints[k] = code
        gaps.data.as_uchars[k] = gap
        x0s.data.as_doubles[k] = x
        x1s.data.as_doubles[k] = _py_max(x, right)
        ys.data.as_doubles[k] = y
        objects.data.as_ulonglongs[k] = <uint64_t> <size_t> object_of(page, index)
        gap = False
        k += 1
    for out in (indices, codes, gaps, x0s, x1s, ys, font_sizes, objects):
        array.resize(out, k)
    return indices, codes, gaps, x0s, x1s, ys, font_sizes, objects


cdef struct _Grouping:  # what group_lines has written so far, and the current line and run
    unsigned int* text  # the codes of the page's text
    int* run_starts  # where each run starts in it, its bold and size
    uint8_t* run_bolds
    double* run_sizes
    int k  # characters written
    int runs  # runs started
    double x0  # the current line's extent
    double x1
    uint8_t run_bold  # the current run's bold and size
    double run_size
    bint fresh  # a line has just started: its first character starts a run


cdef inline void _add(_Grouping* g, unsigned int code, double x0, double x1, uint8_t bold, double size) noexcept:
    """``_Line.add``: the character appended to the current run, or to a new one where the bold
    or the size changes (a NaN size always does, as in Python); the line's extent grown."""
    if g.fresh or g.run_bold != bold or not g.run_size == size:
        g.run_starts[g.runs], g.run_bolds[g.runs], g.run_sizes[g.runs] = g.k, bold, size
        g.run_bold, g.run_size, g.fresh = bold, size, False
        g.runs += 1
    g.text[g.k] = code
    g.k += 1
    g.x0, g.x1 = _py_min(g.x0, x0), _py_max(g.x1, x1)


def group_lines(const double[::1] x0s, const double[::1] x1s, const double[::1] ys, const double[::1] sizes,
                const uint8_t[::1] bolds, const unsigned int[::1] codes, const uint8_t[::1] gaps, double cell_gap):
    """Group the characters of :func:`read_chars` (``sizes`` rounded, ``bolds`` looked up) into
    lines as the Python loop does: a new line where the baseline moves by more than half the
    larger font size, a tab before a character more than ``cell_gap`` font sizes right of the
    line's end, a space where pdfium generated one between two Latin letters or digits.

    Returns ``(text_codes, run_starts, run_bolds, run_sizes, line_first_runs, line_y, line_x0,
    line_x1, line_sizes)``: the codes of the page's text with the tabs and spaces, where each
    run of one bold and size starts in it, and each line's first run, baseline, extent and first
    font size."""
    cdef Py_ssize_t n = codes.shape[0], i
    cdef array.array text = array.clone(_CODES, 2 * n, zero=False)
    cdef array.array run_starts = array.clone(_INTS, 2 * n, zero=False)
    cdef array.array run_bolds = array.clone(_FLAGS, 2 * n, zero=False)
    cdef array.array run_sizes = array.clone(_DOUBLES, 2 * n, zero=False)
    cdef array.array line_first_runs = array.clone(_INTS, n, zero=False)
    cdef array.array line_y = array.clone(_DOUBLES, n, zero=False)
    cdef array.array line_x0 = array.clone(_DOUBLES, n, zero=False)
    cdef array.array line_x1 = array.clone(_DOUBLES, n, zero=False)
    cdef array.array line_sizes = array.clone(_DOUBLES, n, zero=False)
    cdef _Grouping g
    g.text, g.run_starts = text.data.as_uints, run_starts.data.as_ints
    g.run_bolds, g.run_sizes = run_bolds.data.as_uchars, run_sizes.data.as_doubles
    g.k = g.runs = 0
    g.x0 = g.x1 = g.run_size = 0.0
    g.run_bold, g.fresh = 0, False
    cdef int lines = 0
    cdef double y = 0.0, size = 0.0, char_x0, char_size
    cdef unsigned int last = 0, code
    cdef uint8_t bold
    cdef array.array out
    for i in range(n):
        code, char_x0, char_size, bold = codes[i], x0s[i], sizes[i], bolds[i]
        if lines == 0 or fabs(ys[i] - y) > _py_max(char_size, size) * 0.5:
            if lines:
                line_x0.data.as_doubles[lines - 1], line_x1.data.as_doubles[lines - 1] = g.x0, g.x1
            line_first_runs.data.as_ints[lines] = g.runs
            y, size, g.x0, g.x1, g.fresh = ys[i], char_size, char_x0, x1s[i], True
            line_y.data.as_doubles[lines], line_sizes.data.as_doubles[lines] = y, size
            lines += 1
        elif char_x0 - g.x1 > cell_gap * char_size:
            _add(&g, 9, char_x0, char_x0, 0, char_size)  # a wide gap: the next cell of a table row
        elif gaps[i] and _ascii_word(last) and _ascii_word(code):
            _add(&g, 32, char_x0, char_x0, bold, char_size)
        _add(&g, code, char_x0, x1s[i], bold, char_size)
        last = code
    if lines:
        line_x0.data.as_doubles[lines - 1], line_x1.data.as_doubles[lines - 1] = g.x0, g.x1
    array.resize(text, g.k)
    for out in (run_starts, run_bolds, run_sizes):
        array.resize(out, g.runs)
    for out in (line_first_runs, line_y, line_x0, line_x1, line_sizes):
        array.resize(out, lines)
    return text, run_starts, run_bolds, run_sizes, line_first_runs, line_y, line_x0, line_x1, line_sizes
