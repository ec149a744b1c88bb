# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
"""Compiled pkuseg decoding: node scores and Viterbi, bit-identical to the numpy decoder.

:mod:`bulletin_nlp.segment.pkuseg` uses these when the extension is built and falls back to
its numpy code otherwise (or when ``BULLETIN_NLP_PURE_PYTHON`` is set). Every floating-point
sum is taken in the numpy decoder's order, so the scores, and hence the words, are the same
to the bit (``tests/segment/test_decoder.py`` compares the two on the corpus).
"""

from libc.stdint cimport int64_t, uint64_t
from libc.stdlib cimport free, malloc

from bulletin_nlp.segment._probe cimport PREFETCH_AHEAD, prefetch_bytes, prefetch_slot, probe_rows

import numpy as np

API = 2  # what the Python side expects (an extension built from an older .pyx counts as not built)

cdef int _SHIFT = 21
cdef int _WORD_MIN = 2
cdef int _WORD_MAX = 6
cdef int64_t _LOW_32 = (<int64_t>1 << 32) - 1  # the word id + 1 in a packed trie edge


cdef inline void _add_feature(double[:, ::1] scores, const double[:, :, ::1] weights, const int64_t[::1] index,
                              Py_ssize_t offset, Py_ssize_t slot, Py_ssize_t first, Py_ssize_t last) noexcept nogil:
    """``scores[i] += weights[index[i + offset], slot]`` for ``first <= i < last``."""
    cdef Py_ssize_t i, t
    for i in range(first, last):
        for t in range(scores.shape[1]):
            scores[i, t] += weights[index[i + offset], slot, t]


def node_scores(const int64_t[::1] cp, const double[::1] bias, const int64_t[::1] char_row,
                const double[:, :, ::1] char_w, bi, const double[:, :, ::1] bi_w, const int64_t[::1] root_child,
                trie, pairs, const double[:, ::1] word_w, word_present_array, int64_t n_words):
    """Tag scores per position of ``cp``, as ``FastPkuseg._node_scores`` computes them. ``bi``,
    ``trie`` and ``pairs``: the bigram, trie-edge and word-pair maps as
    :class:`~bulletin_nlp.segment.intmap.PackedTable` (a trie edge's value: ``child << 32 |
    word id of the child + 1``)."""
    cdef Py_ssize_t n = cp.shape[0], h = bias.shape[0], i, t, ln, col, start, ln_left, len_right
    cdef int64_t n_char = char_row.shape[0], n_root = root_child.shape[0], bi_missing = bi_w.shape[0] - 1
    cdef const int64_t[:, ::1] bi_rows = bi.rows, trie_rows = trie.rows, pair_rows = pairs.rows
    cdef uint64_t bi_shift = <uint64_t>bi.shift, trie_shift = <uint64_t>trie.shift, pair_shift = <uint64_t>pairs.shift
    cdef int64_t bi_mask = bi.mask, trie_mask = trie.mask, pair_mask = pairs.mask
    cdef const unsigned char[::1] present = np.ascontiguousarray(word_present_array, dtype=np.uint8)
    cdef int64_t n_pair = (word_w.shape[0] - 2 * n_words) // 2
    out = np.empty((n, h), dtype=np.float64)
    cdef double[:, ::1] scores = out
    rows_array = np.empty(n, dtype=np.int64)
    bis_array = np.empty(max(n - 1, 0), dtype=np.int64)
    cdef int64_t[::1] rows = rows_array, bis = bis_array
    # starting[i * 7 + length]: word id of the vocabulary word of that length starting at i
    starting_array = np.full((n + 1) * (_WORD_MAX + 1), -1, dtype=np.int64)
    cdef int64_t[::1] starting = starting_array
    node_at_array = np.empty(n, dtype=np.int64)  # the trie node each start has reached
    cdef int64_t[::1] node_at = node_at_array
    cdef Py_ssize_t ahead, alive
    cdef int64_t node, edge, key, wid, left, right, pair, row
    with nogil:
        for i in range(n):
            rows[i] = char_row[cp[i] if cp[i] < n_char else n_char - 1]
            prefetch_bytes(&char_w[rows[i], 0, 0], char_w.shape[1] * h * sizeof(double))
        for i in range(n - 1):
            if i + PREFETCH_AHEAD < n - 1:
                prefetch_slot(bi_rows, bi_shift, (cp[i + PREFETCH_AHEAD] << _SHIFT) | cp[i + PREFETCH_AHEAD + 1])
            key = (cp[i] << _SHIFT) | cp[i + 1]
            edge = probe_rows(bi_rows, bi_shift, bi_mask, key)
            bis[i] = edge if edge >= 0 else bi_missing
            prefetch_bytes(&bi_w[bis[i], 0, 0], bi_w.shape[1] * h * sizeof(double))
        for i in range(n):
            for t in range(h):
                scores[i, t] = bias[t] + char_w[rows[i], 0, t]
        # the neighbours' characters and bigrams, one feature after another (the numpy order)
        _add_feature(scores, char_w, rows, -1, 1, 1, n)
        _add_feature(scores, bi_w, bis, -1, 0, 1, n)
        _add_feature(scores, char_w, rows, 1, 2, 0, n - 1)
        _add_feature(scores, bi_w, bis, 0, 1, 0, n - 1)
        _add_feature(scores, char_w, rows, -2, 3, 2, n)
        _add_feature(scores, bi_w, bis, -2, 2, 2, n)
        _add_feature(scores, char_w, rows, 2, 4, 0, n - 2)
        # vocabulary words (lengths 2..6) by walking the trie from every start, one length at a
        # time over all starts, so that the probe a few starts ahead can be prefetched
        for start in range(n):
            node_at[start] = root_child[cp[start] if cp[start] < n_root else n_root - 1]
        for ln in range(2, _WORD_MAX + 1):
            alive = 0
            for start in range(n - ln + 1):
                node = node_at[start]
                if node < 0:
                    continue
                ahead = start + PREFETCH_AHEAD
                if ahead < n - ln + 1 and node_at[ahead] >= 0:
                    prefetch_slot(trie_rows, trie_shift, (node_at[ahead] << _SHIFT) | cp[ahead + ln - 1])
                edge = probe_rows(trie_rows, trie_shift, trie_mask, (node << _SHIFT) | cp[start + ln - 1])
                if edge < 0:
                    node_at[start] = -1
                    continue
                node_at[start] = edge >> 32
                alive += 1
                wid = (edge & _LOW_32) - 1
                if wid >= 0:
                    starting[start * (_WORD_MAX + 1) + ln] = wid
                    prefetch_bytes(&word_w[wid, 0], h * sizeof(double))
                    prefetch_bytes(&word_w[n_words + wid, 0], h * sizeof(double))
            if alive == 0:
                break
        # word features per position, in the numpy decoder's slot order
        for i in range(n):
            for ln in range(_WORD_MAX, _WORD_MIN - 1, -1):  # slots 0-4: words ending here
                if i - ln + 1 >= 0:
                    wid = starting[(i - ln + 1) * (_WORD_MAX + 1) + ln]
                    if wid >= 0 and present[wid]:
                        for t in range(h):
                            scores[i, t] += word_w[wid, t]
            for ln in range(_WORD_MAX, _WORD_MIN - 1, -1):  # slots 5-9: words starting here
                wid = starting[i * (_WORD_MAX + 1) + ln]
                if wid >= 0 and present[n_words + wid]:
                    for t in range(h):
                        scores[i, t] += word_w[n_words + wid, t]
            for ln_left in range(_WORD_MAX, _WORD_MIN - 1, -1):  # slots 10-34: a pair meeting before i
                if i - ln_left < 0:
                    continue
                left = starting[(i - ln_left) * (_WORD_MAX + 1) + ln_left]
                if left < 0:
                    continue
                for len_right in range(_WORD_MAX, _WORD_MIN - 1, -1):
                    right = starting[i * (_WORD_MAX + 1) + len_right]
                    if right < 0:
                        continue
                    pair = probe_rows(pair_rows, pair_shift, pair_mask, left * n_words + right)
                    if pair < 0:
                        continue
                    row = 2 * n_words + pair
                    if present[row]:
                        for t in range(h):
                            scores[i, t] += word_w[row, t]
            for ln_left in range(_WORD_MAX, _WORD_MIN - 1, -1):  # slots 35-59: a pair meeting after i
                if i - ln_left + 1 < 0:
                    continue
                left = starting[(i - ln_left + 1) * (_WORD_MAX + 1) + ln_left]
                if left < 0:
                    continue
                for len_right in range(_WORD_MAX, _WORD_MIN - 1, -1):
                    right = starting[(i + 1) * (_WORD_MAX + 1) + len_right]
                    if right < 0:
                        continue
                    pair = probe_rows(pair_rows, pair_shift, pair_mask, left * n_words + right)
                    if pair < 0:
                        continue
                    row = 2 * n_words + n_pair + pair
                    if present[row]:
                        for t in range(h):
                            scores[i, t] += word_w[row, t]
    return out


cdef void _best_tags(const double[:, ::1] scores, Py_ssize_t first, Py_ssize_t length, const double[:, ::1] edge,
                     double *best, signed char *back, signed char *tags) noexcept nogil:
    """Best tag of each of the ``length`` positions from row ``first`` of ``scores``, as
    ``FastPkuseg._viterbi``: backward pass ``(best[next] + node) + edge[tag, next]``, the last
    maximising next tag on ties, the first maximum at the piece's first position."""
    cdef Py_ssize_t h = edge.shape[0], pos, tag, nxt
    cdef double value, top
    cdef signed char arg
    for tag in range(h):
        best[(length - 1) * h + tag] = scores[first + length - 1, tag]
    for pos in range(length - 2, -1, -1):
        for tag in range(h):
            top = (best[(pos + 1) * h] + scores[first + pos, tag]) + edge[tag, 0]
            arg = 0
            for nxt in range(1, h):
                value = (best[(pos + 1) * h + nxt] + scores[first + pos, tag]) + edge[tag, nxt]
                if value >= top:
                    top = value
                    arg = <signed char>nxt
            best[pos * h + tag] = top
            back[pos * h + tag] = arg
    arg = 0
    for tag in range(1, h):
        if best[tag] > best[arg]:
            arg = <signed char>tag
    tags[0] = arg
    for pos in range(length - 1):
        arg = back[pos * h + arg]
        tags[pos + 1] = arg


def words(const double[:, ::1] scores, list pieces, Py_ssize_t gap, const double[:, ::1] edge,
          const unsigned char[::1] begin_tag):
    """The words of each piece (non-empty, whitespace-free strings). ``scores``: the node scores
    of the pieces joined as ``FastPkuseg._decode`` joins them, ``gap`` separator positions before,
    between and after them. A word starts at a piece's first character and wherever the best
    tag (:func:`_best_tags`) is a beginning one."""
    cdef Py_ssize_t h = edge.shape[0], longest = 0, first = gap, length, pos, word_start
    cdef str piece
    for piece in pieces:
        longest = max(longest, len(piece))
    cdef double *best = <double *>malloc(max(longest, 1) * h * sizeof(double))
    cdef signed char *back = <signed char *>malloc(max(longest, 1) * h * sizeof(signed char))
    cdef signed char *tags = <signed char *>malloc(max(longest, 1) * sizeof(signed char))
    if best == NULL or back == NULL or tags == NULL:
        free(best)
        free(back)
        free(tags)
        raise MemoryError()
    out = []
    try:
        for piece in pieces:
            length = len(piece)
            cut = []
            if length:
                with nogil:
                    _best_tags(scores, first, length, edge, best, back, tags)
                word_start = 0
                for pos in range(1, length):
                    if begin_tag[tags[pos]]:
                        cut.append(piece[word_start:pos])
                        word_start = pos
                cut.append(piece[word_start:])
            out.append(cut)
            first += length + gap
    finally:
        free(best)
        free(back)
        free(tags)
    return out
