"""Vectorised integer lookups: a static hash map and a string index over code-point arrays.

Both answer a whole numpy array of queries per call, so that looking up every character
n-gram of a text costs a few numpy operations instead of one Python dict lookup per n-gram.
:meth:`StringIndex.find` runs compiled (``_intmap.pyx``) where the extension is built.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property

import numpy as np

from bulletin_nlp.extensions import load_extension, use_extension

__all__ = ["COMPILED", "SHIFT", "IntMap", "PackedTable", "StringIndex", "code_points", "packed_trie"]

_intmap = load_extension("bulletin_nlp.segment._intmap", api=3)  # the compiled walks, or None: the numpy code below
#: Whether :meth:`StringIndex.find` runs compiled; ``BULLETIN_NLP_PURE_PYTHON=1`` forces numpy.
COMPILED = use_extension(_intmap)

SHIFT = 21  # bits per code point in packed keys (code points are < 2**21)


def code_points(text: str) -> np.ndarray:
    """The code points of ``text`` as int64 (lone surrogates included)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.int64)


class IntMap:
    """Static open-addressing hash map: int64 key (>= 0) -> its index in ``keys``.

    ``room``: slots per key, at least. A lookup loops once per probe of the longest chain it
    meets; at the default room (load <= 1/8) chains stay a few slots long, so lookups of
    mostly absent keys (a text's n-grams) take about half the numpy steps of load 1/2.
    """

    _MUL = np.uint64(0x9E3779B97F4A7C15)

    def __init__(self, keys: Sequence[int] | np.ndarray, room: int = 8) -> None:
        keys = np.asarray(keys, dtype=np.int64)
        bits = max(4, (room * len(keys)).bit_length())
        self.shift, self.mask = np.uint64(64 - bits), (1 << bits) - 1
        self.keys = np.full(1 << bits, -1, dtype=np.int64)
        self.vals = np.full(1 << bits, -1, dtype=np.int64)
        todo, probe = np.arange(len(keys)), self._hash(keys)
        while len(todo):  # linear probing; each round fills one key per free slot
            free = np.flatnonzero(self.keys[probe] == -1)
            slots, first = np.unique(probe[free], return_index=True)
            self.keys[slots], self.vals[slots] = keys[todo[free[first]]], todo[free[first]]
            stay = np.ones(len(todo), dtype=bool)
            stay[free[first]] = False
            todo, probe = todo[stay], (probe[stay] + 1) & self.mask

    def _hash(self, keys: np.ndarray) -> np.ndarray:
        slots: np.ndarray = ((keys.astype(np.uint64) * self._MUL) >> self.shift).astype(np.int64)
        return slots

    def get(self, keys: np.ndarray, missing: int = -1) -> np.ndarray:
        """The index of each key, ``missing`` where absent."""
        probe = self._hash(keys)
        found = self.keys[probe]
        out = np.where(found == keys, self.vals[probe], missing)
        todo = np.flatnonzero((found != keys) & (found != -1))
        probe = probe[todo]
        while len(todo):
            probe = (probe + 1) & self.mask
            found = self.keys[probe]
            hit = found == keys[todo]
            out[todo[hit]] = self.vals[probe[hit]]
            todo, probe = todo[~hit & (found != -1)], probe[~hit & (found != -1)]
        return out

    def ordered_keys(self) -> np.ndarray:
        """The keys in the order they were given: ``IntMap(map.ordered_keys())`` equals ``map``."""
        occupied = np.flatnonzero(self.keys >= 0)
        keys = np.empty(len(occupied), dtype=np.int64)
        keys[self.vals[occupied]] = self.keys[occupied]  # each key at the index it maps to
        return keys


class PackedTable:
    """Distinct keys, each with a value of its own, in one ``(key, value)`` row per slot (load
    <= 1/2, hashed as :class:`IntMap`): a compiled lookup reads one record where the IntMap reads
    its key and value arrays apart (two cache misses on a cold table). Values must be >= 0 (-1
    marks an empty slot)."""

    def __init__(self, keys: np.ndarray, values: np.ndarray | None = None) -> None:
        """``keys``: distinct keys (>= 0; an IntMap's: :meth:`IntMap.ordered_keys`);
        ``values[i]``: the value of ``keys[i]`` (None: ``i`` itself)."""
        keys = np.ascontiguousarray(keys, dtype=np.int64)
        values = np.arange(len(keys)) if values is None else np.ascontiguousarray(values, dtype=np.int64)
        if _intmap is not None:  # one compiled insertion loop (~1 ms where IntMap's numpy rounds take ~10)
            bits = max(4, (2 * len(keys)).bit_length())  # as IntMap(keys, room=2)
            self.rows = _intmap.pack_rows(keys, values, bits)
            self.shift, self.mask = 64 - bits, (1 << bits) - 1
            return
        packed = IntMap(keys, room=2)
        used = packed.keys >= 0
        self.rows = np.full((len(packed.keys), 2), -1, dtype=np.int64)
        self.rows[used, 0] = packed.keys[used]
        self.rows[used, 1] = values[packed.vals[used]]
        self.shift, self.mask = int(packed.shift), packed.mask


def packed_trie(edge_keys: np.ndarray, child: np.ndarray, string_of: np.ndarray) -> PackedTable:
    """A trie's edges (their keys, edge ``i`` the key ``edge_keys[i]``) with ``child << 32 |
    string index of the child + 1`` as their value, so that a step of a compiled walk reads one
    record instead of the map, the child and its string (nodes < 2**31, string indexes < 2**32 - 1)."""
    return PackedTable(edge_keys, child << 32 | (string_of[child] + 1))


class StringIndex:
    """Finds every occurrence of a fixed list of strings in a code-point array at once.

    A trie over the strings, its edges ``parent << 21 | code point`` in an :class:`IntMap`,
    is walked from every position of the text together, one numpy step per character.
    The strings must not contain U+0000, which therefore works as a separator.
    """

    def __init__(self, strings: Sequence[str]) -> None:
        lengths = np.fromiter(map(len, strings), dtype=np.int64, count=len(strings))
        codes = code_points("".join(strings))
        if (codes == 0).any():
            raise ValueError("StringIndex strings must not contain U+0000")
        self.longest = int(lengths.max()) if len(strings) else 0
        # The trie one depth at a time, for all strings together: the edges from the strings'
        # nodes at depth d - 1 by their d-th character, each distinct edge a new node.
        offsets = np.cumsum(lengths) - lengths
        node = np.zeros(len(strings), dtype=np.int64)
        edge_keys, children = [], []
        nodes = 1
        walking = np.arange(len(strings))
        for depth in range(self.longest):
            walking = walking[lengths[walking] > depth]
            keys, edge_of = np.unique(node[walking] << SHIFT | codes[offsets[walking] + depth], return_inverse=True)
            node[walking] = nodes + edge_of.reshape(-1)
            edge_keys.append(keys)
            children.append(np.arange(nodes, nodes + len(keys), dtype=np.int64))
            nodes += len(keys)
        string_of = np.full(nodes, -1, dtype=np.int64)  # per trie node: index of the string ending there
        ending, last_from_end = np.unique(node[::-1], return_index=True)  # a string listed twice: its last index
        string_of[ending] = len(strings) - 1 - last_from_end
        self.edge_keys = np.concatenate(edge_keys) if edge_keys else np.zeros(0, dtype=np.int64)  # edge i: key i
        self.child = np.concatenate(children) if children else np.zeros(0, dtype=np.int64)
        self.string_of = string_of
        self._table: PackedTable | None = None  # the compiled walk's (built on first use)

    @cached_property
    def edges(self) -> IntMap:
        """The edges as a map, key -> edge index (the numpy walk's; the compiled one packs the
        keys into a table of its own and never builds it)."""
        return IntMap(self.edge_keys)

    def find(self, codes: np.ndarray, lo: int = 1, hi: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """``(start, string index)`` of each occurrence ``lo <= length <= hi`` in ``codes``,
        ordered by length, then start."""
        hi = self.longest if hi is None else min(hi, self.longest)
        if COMPILED:
            assert _intmap is not None  # COMPILED is only set when the module is built
            codes = np.ascontiguousarray(codes, dtype=np.int64)
            if self._table is None:
                self._table = packed_trie(self.edge_keys, self.child, self.string_of)
            table = self._table
            walked: tuple[np.ndarray, np.ndarray] = _intmap.find_in_table(codes, lo, hi, table.rows, table.shift,
                                                                          table.mask)
            return walked
        starts, found = [], []
        pos = np.arange(len(codes))
        node = np.zeros(len(codes), dtype=np.int64)
        for length in range(1, hi + 1):
            fits = pos + length <= len(codes)
            pos, node = pos[fits], node[fits]
            edge = self.edges.get(node << SHIFT | codes[pos + length - 1])
            pos, node = pos[edge >= 0], self.child[edge[edge >= 0]]
            if length >= lo:
                index = self.string_of[node]
                starts.append(pos[index >= 0])
                found.append(index[index >= 0])
            if not len(pos):
                break
        if not starts:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        return np.concatenate(starts), np.concatenate(found)
