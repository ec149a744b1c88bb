# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
# distutils: extra_compile_args = -ffp-contract=off
"""Compiled linear decision of items (:meth:`~bulletin_nlp.topics.model.TopicClassifier.decision`):
the same TF-IDF values and the same sums as the numpy code, in the same order, in one loop per
item instead of some twenty numpy calls and two temporary arrays of a row of class weights per term.

Bit for bit: the sublinear term frequencies come from a table numpy computed (``np.log(k) +
1.0``); products, quotients and square roots are correctly rounded in C as in numpy; the
block norms add in term order as ``np.bincount`` does; the class sums follow
``np.add.reduceat``'s order along the rows (the first row, plus numpy's pairwise sum of the
others). ``-ffp-contract=off`` keeps a compiler from fusing a product and a sum. ``tests/topics/
test_model.py`` compares the two on random data and on the corpus.
"""

from libc.math cimport sqrt
from libc.stdint cimport int64_t
from libc.stdlib cimport free, malloc

from bulletin_nlp.segment._probe cimport PREFETCH_AHEAD, prefetch, prefetch_bytes

import numpy as np

API = 2  # what the Python side expects (an extension built from an older .pyx counts as not built)

cdef Py_ssize_t _BLOCK = 128  # numpy's pairwise summation: sums of up to this many terms are unrolled by 8


cdef void _pairwise(const double[:, ::1] coef_t, const int64_t* column, const double* value, Py_ssize_t n,
                    Py_ssize_t classes, double* out, double* scratch) noexcept nogil:
    """``out[k]`` = numpy's pairwise sum over the ``n`` rows of ``coef_t[column[i], k] * value[i]``
    (``DOUBLE_pairwise_sum``): under 8 terms one by one from -0.0; up to ``_BLOCK`` terms eight
    running sums combined as ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7)), then the rest one
    by one; more: the two halves (the first a multiple of 8 long) summed so and added.
    ``scratch`` holds 8 × ``classes`` doubles per level of halving."""
    cdef Py_ssize_t i, j, k, half
    cdef double* sums = scratch
    if n < 8:
        for k in range(classes):
            out[k] = -0.0
        for i in range(n):
            for k in range(classes):
                out[k] = out[k] + coef_t[column[i], k] * value[i]
        return
    if n <= _BLOCK:
        for j in range(8):
            for k in range(classes):
                sums[j * classes + k] = coef_t[column[j], k] * value[j]
        i = 8
        while i < n - (n % 8):
            for j in range(8):
                for k in range(classes):
                    sums[j * classes + k] = sums[j * classes + k] + coef_t[column[i + j], k] * value[i + j]
            i += 8
        for k in range(classes):
            out[k] = ((sums[k] + sums[classes + k]) + (sums[2 * classes + k] + sums[3 * classes + k])) + (
                (sums[4 * classes + k] + sums[5 * classes + k]) + (sums[6 * classes + k] + sums[7 * classes + k]))
        while i < n:
            for k in range(classes):
                out[k] = out[k] + coef_t[column[i], k] * value[i]
            i += 1
        return
    half = n // 2
    half -= half % 8
    _pairwise(coef_t, column, value, half, classes, out, scratch)
    _pairwise(coef_t, column + half, value + half, n - half, classes, scratch, scratch + classes * 8)
    for k in range(classes):  # the right half's sum sits in the first row of its scratch
        out[k] = out[k] + scratch[k]


cdef int _decide(const int64_t* column, Py_ssize_t n, const int64_t[::1] first_columns,
                 const unsigned char[::1] sublinear, const double[::1] log_tf, const double[::1] idf,
                 const double[::1] weight, const double[:, ::1] coef_t, double* out) noexcept nogil:
    """Add to ``out`` (one row of ``classes`` doubles, the intercept) the decision of one item
    whose counted blocks' terms are ``column[:n]`` (sorted; repeats are counts). -1: no memory."""
    cdef Py_ssize_t classes = coef_t.shape[1], blocks = first_columns.shape[0]
    cdef Py_ssize_t i, k, unique = 0, count, block, levels = 1  # levels: more than the pairwise sum's halvings
    cdef double tf, norm
    if n == 0:
        return 0
    while (n >> levels) > 0:
        levels += 1
    cdef int64_t* columns = <int64_t*>malloc(n * sizeof(int64_t))
    cdef int64_t* block_of = <int64_t*>malloc(n * sizeof(int64_t))
    cdef double* value = <double*>malloc(n * sizeof(double))
    cdef double* norms = <double*>malloc(blocks * sizeof(double))
    cdef double* sums = <double*>malloc(classes * (1 + 8 * (levels + 1)) * sizeof(double))
    if columns == NULL or block_of == NULL or value == NULL or norms == NULL or sums == NULL:
        free(columns); free(block_of); free(value); free(norms); free(sums)
        return -1
    for block in range(blocks):
        norms[block] = 0.0
    block = 0
    i = 0
    while i < n:  # each column once, with its count; its block (np.searchsorted, side right, - 1)
        if i + PREFETCH_AHEAD < n:
            prefetch(&idf[column[i + PREFETCH_AHEAD]])
        prefetch_bytes(&coef_t[column[i], 0], classes * sizeof(double))  # the class weights the sums below read
        count = 1
        while i + count < n and column[i + count] == column[i]:
            count += 1
        while block + 1 < blocks and first_columns[block + 1] <= column[i]:
            block += 1
        tf = log_tf[count] if sublinear[block] else <double>count
        columns[unique] = column[i]
        block_of[unique] = block
        value[unique] = tf * idf[column[i]]
        norms[block] = norms[block] + value[unique] * value[unique]  # np.bincount: in term order
        unique += 1
        i += count
    for block in range(blocks):
        norm = sqrt(norms[block])
        norms[block] = norm if norm > 0 else 1.0
    for i in range(unique):
        value[i] = value[i] / norms[block_of[i]] * weight[block_of[i]]
    # np.add.reduceat(rows, [0], axis=0): the first row, plus the pairwise sum of the others
    if unique > 1:
        _pairwise(coef_t, columns + 1, value + 1, unique - 1, classes, sums, sums + classes)
        for k in range(classes):
            out[k] = out[k] + (coef_t[columns[0], k] * value[0] + sums[k])
    else:
        for k in range(classes):
            out[k] = out[k] + coef_t[columns[0], k] * value[0]
    free(columns); free(block_of); free(value); free(norms); free(sums)
    return 0


def decision_of_one(const int64_t[::1] column, const int64_t[::1] first_columns, const unsigned char[::1] sublinear,
                    const double[::1] log_tf, const double[::1] idf, const double[::1] weight,
                    const double[:, ::1] coef_t, const double[::1] intercept):
    """The decision row (shape ``(1, classes)``) of one item whose counted blocks' terms are
    ``column`` (sorted; repeats are counts): ``first_columns``, ``sublinear`` and ``weight`` per
    block, ``log_tf[count]`` = ``np.log(count) + 1.0`` for every count up to ``len(column)``."""
    cdef Py_ssize_t classes = coef_t.shape[1]
    cdef int status
    out_array = np.array(intercept, dtype=np.float64).reshape(1, classes)
    cdef double[:, ::1] out = out_array
    with nogil:
        status = _decide(&column[0] if column.shape[0] else NULL, column.shape[0], first_columns, sublinear,
                         log_tf, idf, weight, coef_t, &out[0, 0])
    if status:
        raise MemoryError()
    return out_array


def decision_of_many(const int64_t[::1] column, const int64_t[::1] starts, const int64_t[::1] first_columns,
                     const unsigned char[::1] sublinear, const double[::1] log_tf, const double[::1] idf,
                     const double[::1] weight, const double[:, ::1] coef_t, const double[::1] intercept):
    """The decision rows (shape ``(len(starts) - 1, classes)``) of items whose terms are
    ``column[starts[i]:starts[i + 1]]`` (each item's sorted), each as :func:`decision_of_one`
    computes it: an item's row does not depend on the others."""
    cdef Py_ssize_t items = starts.shape[0] - 1, classes = coef_t.shape[1], i
    cdef int status = 0
    for i in range(items):  # bounds are not checked below: the items' ranges must lie in column, in order
        if starts[i] < 0 or starts[i] > starts[i + 1] or starts[i + 1] > column.shape[0]:
            raise ValueError("starts must be non-decreasing offsets into column")
    out_array = np.tile(np.asarray(intercept, dtype=np.float64), (max(items, 0), 1))
    cdef double[:, ::1] out = out_array
    with nogil:
        for i in range(items):
            if starts[i + 1] > starts[i]:
                status = _decide(&column[starts[i]], starts[i + 1] - starts[i], first_columns, sublinear, log_tf,
                                 idf, weight, coef_t, &out[i, 0])
                if status:
                    break
    if status:
        raise MemoryError()
    return out_array
