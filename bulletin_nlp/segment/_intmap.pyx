# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
"""Compiled :meth:`~bulletin_nlp.segment.intmap.StringIndex.find`: the same occurrences, in the
same order, by a loop over positions instead of some fifty numpy steps per call; and the pieces
the segmenter's user dictionary forces (:meth:`~bulletin_nlp.segment.userdict.UserDictionary._forced`),
found by one loop over the text and the arrays of its trie.

:mod:`bulletin_nlp.segment.intmap` uses it when the extension is built and falls back to its
numpy code otherwise (or when ``BULLETIN_NLP_PURE_PYTHON`` is set); ``tests/segment/test_intmap.py``
compares the two.
"""

from libc.stdint cimport int64_t, uint64_t

from bulletin_nlp.segment._probe cimport PREFETCH_AHEAD, prefetch_slot, probe_rows

import numpy as np

API = 3  # what the Python side expects (an extension built from an older .pyx counts as not built)

cdef int _SHIFT = 21
cdef int64_t _LOW_32 = (<int64_t>1 << 32) - 1  # the string index + 1 in a packed edge
cdef Py_ssize_t _ONE_PASS_ROOM = 1 << 15  # occurrences room for a single walk (else one to count, one to fill)


cdef Py_ssize_t _walk(const int64_t[::1] codes, Py_ssize_t lo, Py_ssize_t hi, const int64_t[:, ::1] table,
                      uint64_t shift, int64_t mask, int64_t[::1] node, int64_t[::1] starts,
                      int64_t[::1] found, bint fill) noexcept nogil:
    """Walk the trie from every position, one length at a time; count the occurrences of
    lengths ``lo..hi``, and write them (start, string index) when ``fill``."""
    cdef Py_ssize_t n = codes.shape[0], length, pos, count = 0, alive, ahead
    cdef int64_t packed, index
    for pos in range(n):
        node[pos] = 0
    for length in range(1, hi + 1):
        alive = 0
        for pos in range(n - length + 1):
            if node[pos] < 0:
                continue
            ahead = pos + PREFETCH_AHEAD
            if ahead < n - length + 1 and node[ahead] >= 0:  # a hint: its row is read a few steps on
                prefetch_slot(table, shift, (node[ahead] << _SHIFT) | codes[ahead + length - 1])
            packed = probe_rows(table, shift, mask, (node[pos] << _SHIFT) | codes[pos + length - 1])
            if packed < 0:
                node[pos] = -1
                continue
            node[pos] = packed >> 32
            alive += 1
            if length >= lo:
                index = (packed & _LOW_32) - 1
                if index >= 0:
                    if fill:
                        starts[count] = pos
                        found[count] = index
                    count += 1
        for pos in range(max(n - length + 1, 0), n):  # too close to the end for longer strings
            node[pos] = -1
        if alive == 0:
            break
    return count


def find_in_table(const int64_t[::1] codes, Py_ssize_t lo, Py_ssize_t hi, const int64_t[:, ::1] table,
                  uint64_t shift, int64_t mask):
    """``(start, string index)`` of each occurrence ``lo <= length <= hi`` in ``codes``, ordered
    by length, then start. ``table``: the trie's edges as an open-addressing table of ``(key,
    child << 32 | string index of the child + 1)`` rows, hashed as
    :class:`~bulletin_nlp.segment.intmap.IntMap` hashes (``shift``, ``mask``)."""
    cdef Py_ssize_t n = codes.shape[0], count
    node_array = np.empty(n, dtype=np.int64)
    cdef int64_t[::1] node = node_array
    cdef int64_t[::1] none = node_array[:0]
    cdef int64_t[::1] starts, found
    cdef Py_ssize_t room = n * max(hi - lo + 1, 0)  # at most one occurrence per position and length
    if room <= _ONE_PASS_ROOM:  # a short text: one walk into arrays of that size, then cut to the count
        starts_array = np.empty(room, dtype=np.int64)
        found_array = np.empty(room, dtype=np.int64)
        starts, found = starts_array, found_array
        with nogil:
            count = _walk(codes, lo, hi, table, shift, mask, node, starts, found, True)
        return starts_array[:count].copy(), found_array[:count].copy()
    with nogil:
        count = _walk(codes, lo, hi, table, shift, mask, node, none, none, False)
    starts_array = np.empty(count, dtype=np.int64)
    found_array = np.empty(count, dtype=np.int64)
    starts, found = starts_array, found_array
    with nogil:
        _walk(codes, lo, hi, table, shift, mask, node, starts, found, True)
    return starts_array, found_array


cdef inline Py_ssize_t _lower_bound(const int64_t[::1] keys, Py_ssize_t count, int64_t key) noexcept nogil:
    """``np.searchsorted(keys[:count], key)``, side left: the first index whose key is not below ``key``."""
    cdef Py_ssize_t low = 0, high = count, middle
    while low < high:
        middle = (low + high) >> 1
        if keys[middle] < key:
            low = middle + 1
        else:
            high = middle
    return low


def forced_pieces(str text, const unsigned char[::1] bitmap, int bits, const int64_t[::1] pair_keys,
                  const unsigned char[::1] walks, const int64_t[::1] trie_keys, const unsigned char[::1] trie_words):
    """:meth:`~bulletin_nlp.segment.userdict.UserDictionary._forced` of a dictionary without
    one-character words: ``(start, end)`` of each piece pkuseg forces in ``text`` (its chunks each
    followed by a line break). A position opens a walk when its character pair (``first << 21 |
    second``) is one of ``pair_keys`` (sorted, ending with a sentinel larger than any pair); pairs
    whose Fibonacci hash (``bits`` bits, as int64) is unset in ``bitmap`` are skipped without a
    search. The walk goes on through ``trie_keys`` (``parent << 21 | character``, sorted; a pair's
    node is its index, a longer prefix's ``len(walks)`` + its row), as the Python walk goes
    through the dict of prefixes."""
    cdef Py_ssize_t n = len(text), i, low, size = bitmap.shape[0], count = pair_keys.shape[0]
    cdef Py_ssize_t rows = trie_keys.shape[0], first_node = walks.shape[0], end = 0, walk_end, word_end, node
    cdef int64_t key, slot
    cdef unsigned char walk
    cdef Py_UCS4 first, second, following
    forced = []
    if n < 2:
        return forced
    second = text[0]
    for i in range(n - 1):
        first = second
        second = text[i + 1]
        if i < end:  # inside the last forced piece: pkuseg does not start there
            continue
        key = (<int64_t>first << _SHIFT) | <int64_t>second
        slot = (<int64_t>(<uint64_t>key * 0x9E3779B97F4A7C15ULL)) >> (64 - bits)  # arithmetic, as numpy's
        if slot < 0:
            slot += size
        if not bitmap[slot]:
            continue
        low = _lower_bound(pair_keys, count, key)
        if low >= count or pair_keys[low] != key:
            continue
        walk = walks[low]
        walk_end = i + (walk >> 2)
        word_end = i + (walk & 3) if walk & 3 else 0
        node = low
        while walk_end < n:  # the text ends with a line break, which no prefix holds: it stops every walk
            following = text[walk_end]
            key = (<int64_t>node << _SHIFT) | <int64_t>following
            low = _lower_bound(trie_keys, rows, key)
            if low >= rows or trie_keys[low] != key:
                break
            node = first_node + low
            walk_end += 1
            if trie_words[low]:
                word_end = walk_end
        if word_end:  # the piece ends past the last word at the chunk's end, else where the walk failed
            end = walk_end
            if walk_end < n:
                following = text[walk_end]
                if following == u"\n":
                    end = word_end
            forced.append((i, end))
    return forced


def pack_rows(const int64_t[::1] keys, const int64_t[::1] values, int bits):
    """``(key, value)`` rows of an open-addressing table of ``2**bits`` slots, hashed and probed
    as :class:`~bulletin_nlp.segment.intmap.IntMap` (keys unique and >= 0; -1 marks an empty slot)."""
    cdef Py_ssize_t size = (<Py_ssize_t>1) << bits, i
    cdef uint64_t shift = 64 - bits
    cdef int64_t mask = size - 1, slot
    rows_array = np.full((size, 2), -1, dtype=np.int64)
    cdef int64_t[:, ::1] rows = rows_array
    with nogil:
        for i in range(keys.shape[0]):
            slot = <int64_t>((<uint64_t>keys[i] * 0x9E3779B97F4A7C15ULL) >> shift)
            while rows[slot, 0] != -1:
                slot = (slot + 1) & mask
            rows[slot, 0] = keys[i]
            rows[slot, 1] = values[i]
    return rows_array
