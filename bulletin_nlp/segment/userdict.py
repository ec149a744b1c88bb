"""The segmenter's user dictionary: pkuseg's forced user words, walked for many texts at once.

:class:`UserDictionary` reproduces pkuseg's ``Preprocesser`` (see its docstring); its tables can
be saved as arrays (:meth:`UserDictionary.to_arrays`) and loaded without walking the words again
(the packaged dictionary, :mod:`bulletin_nlp.entities.lexicon`).
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from bulletin_nlp.resources import PathLike
from bulletin_nlp.segment import intmap
from bulletin_nlp.segment.intmap import SHIFT, code_points

__all__ = ["JoinedWords", "UserDictionary", "joined_strings", "split_strings"]

_CODE_MASK = (1 << SHIFT) - 1


def joined_strings(strings: Iterable[str], *, sort: bool = True) -> np.ndarray:
    """Strings without newlines as one UTF-8 byte array, sorted (or as given), newline-separated."""
    return np.frombuffer("\n".join(sorted(strings) if sort else strings).encode("utf-8"), dtype=np.uint8)


def split_strings(data: np.ndarray) -> list[str]:
    """The strings :func:`joined_strings` packed."""
    text = _packed_text(data)
    return text.split("\n") if text else []


def _packed_text(data: np.ndarray) -> str:
    """The newline-joined strings :func:`joined_strings` packed, as one string."""
    return np.asarray(data, dtype=np.uint8).tobytes().decode("utf-8")


@dataclass(frozen=True)
class JoinedWords:
    """Distinct words, sorted, as one newline-separated string: how the tokenizer keeps its user
    words, and how they are read from an archive of :func:`joined_strings` without a ``str``
    per word (some 31,000 of them, ~10 ms to split, sort and join again at start-up)."""

    text: str

    @classmethod
    def of(cls, words: Iterable[str]) -> JoinedWords:
        """``words`` sorted, each once, empty ones dropped; a line break in one raises ValueError."""
        if isinstance(words, JoinedWords):
            return words
        kept = [word for word in dict.fromkeys(sorted(words)) if word]  # sorted first: sorted words sort in one pass
        text = "\n".join(kept)
        if text.count("\n") != max(len(kept) - 1, 0) or "\r" in text:
            raise ValueError("a user word cannot hold a line break (they are saved one per line)")
        return cls(text)

    @classmethod
    def from_array(cls, data: np.ndarray) -> JoinedWords:
        """The words of ``joined_strings(words)`` (sorted, distinct, without line breaks; other
        strings so packed iterate as they were given)."""
        return cls(_packed_text(data))

    def __iter__(self) -> Iterator[str]:
        return iter(self.text.split("\n") if self.text else ())


class UserDictionary:
    """pkuseg's ``Preprocesser``: cuts forced user words out of whitespace-free chunks.

    pkuseg walks its trie from each start ``i`` of a chunk, left to right.  A walk that
    passed a complete word forces a piece from ``i``: up to the position where the walk
    failed (pkuseg's quirk: not just past the last word), or, when the walk reached the
    chunk's end, just past the last word.  The next start is then the piece's end, else
    ``i + 1``.

    :meth:`plans` walks the chunks of its texts joined by a whitespace character, which no
    chunk and no trie edge holds, so that a walk fails where its chunk ends.  Only a walk
    that passes a word can force a piece, so only the starts of a two-character trie path
    or of a one-character word need walking.  Those are found for all positions at once
    in numpy: a bitmap of hashed character pairs drops most positions, the sorted pairs of
    the trie check the rest exactly.  These walks (about 1 per 13 characters of bulletin
    text) go on from their third character in Python, through the dict of word prefixes,
    left to right, skipping the starts inside the last forced piece.  Where the compiled
    string index is built (and the dictionary has no one-character word) the scan and the
    walks run in one compiled loop over the trie's arrays (:attr:`trie_keys`), and the dict
    of prefixes is only made when something reads it.
    """

    _CHUNK_END = "\n"  # after each chunk in the walked text
    _MUL = -0x61C8864680B583EB  # 0x9E3779B97F4A7C15 as int64 (Fibonacci hashing)

    def __init__(self, words: PathLike | Iterable[str | tuple[str, str]] | None) -> None:
        if words is None:
            words = []
        elif isinstance(words, (str, os.PathLike)):  # a file: first tab-separated field
            with open(words, encoding="utf-8") as stream:
                words = [line.strip().split("\t")[0] for line in stream]
        heads: dict[str, bool] = {}  # word up to any whitespace (no walk gets past it) -> is a word
        for word in words:
            word = (word if isinstance(word, str) else word[0]).strip()
            head = word.split(maxsplit=1)[0] if word else ""
            if head:
                heads[head] = heads.get(head, False) or head == word
        # Walked in Python: every prefix of three characters or more -> whether it is a word. A
        # dict of strings, which the collector does not track (a set it would walk at every full
        # collection, the one at exit included).
        prefixes = {head[:length]: False for head in heads for length in range(3, len(head) + 1)}
        prefixes.update((head, True) for head, whole in heads.items() if whole and len(head) >= 3)
        self.__dict__["prefixes"] = prefixes  # (the cached property's value: no need to rebuild it)
        self.short_words = frozenset(head for head, whole in heads.items() if whole and len(head) < 3)
        # Where walks go on in Python, by first two characters (key first << 21 | second
        # code, sorted), then by one-character word: characters read << 2 | longest word read.
        # (Two-character strings sort as their keys do: by first, then second code point.)
        pairs = sorted({head[:2] for head in heads if len(head) >= 2})
        singles = sorted(single for single in self.short_words if len(single) == 1)
        self.walks = bytes(2 << 2 | (2 if pair in self.short_words else int(pair[0] in self.short_words))
                           for pair in pairs) + bytes([1 << 2 | 1]) * len(singles)
        pair_codes = code_points("".join(pairs)).reshape(-1, 2)
        keys = pair_codes[:, 0] << SHIFT | pair_codes[:, 1]
        self.pair_keys = np.append(keys, np.iinfo(np.int64).max)  # sentinel
        self.single_codes = code_points("".join(singles))
        self.trie_keys, self.trie_words = _trie(prefixes, pairs, len(self.walks))
        self._set_bitmap()

    @cached_property
    def prefixes(self) -> dict[str, bool]:
        """Every prefix of three characters or more of a word -> whether it is a word (what the
        walks read in Python), rebuilt from the trie when the dictionary was read from arrays."""
        strings = [chr(key >> SHIFT) + chr(key & _CODE_MASK) for key in self.pair_keys[:-1].tolist()]
        strings += [""] * (len(self.walks) - len(strings))  # one-character words: no prefix goes on from them
        prefixes: dict[str, bool] = {}
        for key, is_word in zip(self.trie_keys.tolist(), self.trie_words.tolist(), strict=True):
            strings.append(strings[key >> SHIFT] + chr(key & _CODE_MASK))
            prefixes[strings[-1]] = bool(is_word)
        return prefixes

    def _set_bitmap(self) -> None:
        """The bitmap of hashed character pairs (from :attr:`pair_keys`)."""
        self.bits = max(10, (16 * (len(self.pair_keys) - 1)).bit_length())  # bitmap load <= 1/16
        self.bitmap = np.zeros(1 << self.bits, dtype=bool)
        self.bitmap[self._hash(self.pair_keys[:-1])] = True
        self._bitmap_bytes = self.bitmap.view(np.uint8)  # as the compiled scan reads it

    @property
    def words(self) -> frozenset[str]:
        """The words (up to any whitespace) that pkuseg forces."""
        return self.short_words | {prefix for prefix, is_word in self.prefixes.items() if is_word}

    def to_arrays(self) -> dict[str, np.ndarray]:
        """The dictionary as arrays (for ``np.savez``): :meth:`from_arrays` rebuilds it without
        walking its words again."""
        return {"trie_keys": self.trie_keys, "trie_words": self.trie_words,
                "short_words": joined_strings(self.short_words),
                "walks": np.frombuffer(self.walks, dtype=np.uint8),
                "pair_keys": self.pair_keys, "single_codes": self.single_codes}

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, np.ndarray]) -> UserDictionary:
        """The dictionary :meth:`to_arrays` wrote (equal to the one it was written from)."""
        user_dict = cls.__new__(cls)
        user_dict.trie_keys = np.asarray(arrays["trie_keys"], dtype=np.int64)
        user_dict.trie_words = np.asarray(arrays["trie_words"], dtype=np.uint8)
        user_dict.short_words = frozenset(split_strings(arrays["short_words"]))
        user_dict.walks = np.asarray(arrays["walks"], dtype=np.uint8).tobytes()
        user_dict.pair_keys = np.asarray(arrays["pair_keys"], dtype=np.int64)
        user_dict.single_codes = np.asarray(arrays["single_codes"], dtype=np.int64)
        user_dict._set_bitmap()
        return user_dict

    def _hash(self, keys: np.ndarray) -> np.ndarray:
        """Bitmap index per key, in [-2**(bits - 1), 2**(bits - 1)) (negative: from the end)."""
        return keys * self._MUL >> (64 - self.bits)

    def plans(self, texts: Iterable[str], group_chars: int = 1 << 20) -> list[list[tuple[str, bool]]]:
        """For each text, the ``(piece, is_user_word)`` pieces of its whitespace-free chunks.

        Equals ``[p for chunk in text.split() for p in Preprocesser.solve(chunk)]``; texts
        are walked together in groups of about ``group_chars`` characters.
        """
        out: list[list[tuple[str, bool]]] = []
        group: list[str] = []
        size = 0
        for text in texts:
            group.append(self._CHUNK_END.join(text.split()) + self._CHUNK_END)
            size += len(group[-1])
            if size >= group_chars:
                out += self._plan_group(group)
                group, size = [], 0
        return out + self._plan_group(group)

    def _plan_group(self, walked: list[str]) -> list[list[tuple[str, bool]]]:
        """:meth:`plans` of texts given as their chunks, each followed by ``_CHUNK_END``."""
        text = "".join(walked)
        forced = iter(self._forced(text))
        piece = next(forced, None)
        out = []
        offset = 0
        for stop in itertools.accumulate(map(len, walked)):
            plan: list[tuple[str, bool]] = []
            while piece is not None and piece[0] < stop:
                start, end = piece
                plan += zip(text[offset:start].split(), itertools.repeat(False))
                plan.append((text[start:end], True))
                offset, piece = end, next(forced, None)
            plan += zip(text[offset:stop].split(), itertools.repeat(False))
            out.append(plan)
            offset = stop
        return out

    def _forced(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of the pieces that pkuseg forces in ``text`` (``_CHUNK_END`` after each chunk)."""
        if intmap.COMPILED and not len(self.single_codes):  # the pairs' scan and the walks in one compiled loop
            assert intmap._intmap is not None  # COMPILED is only set when the module is built
            pieces: list[tuple[int, int]] = intmap._intmap.forced_pieces(
                text, self._bitmap_bytes, self.bits, self.pair_keys, self.walks, self.trie_keys, self.trie_words)
            return pieces
        codes = code_points(text)
        key = codes[:-1] << SHIFT | codes[1:]
        start = np.flatnonzero(self.bitmap[self._hash(key)])  # most pairs start no trie path
        walk = np.searchsorted(self.pair_keys, key[start])
        known = self.pair_keys[walk] == key[start]
        start, walk = start[known], walk[known]
        if len(self.single_codes):  # one-character words not followed by a trie path
            lone = np.flatnonzero(np.isin(codes, self.single_codes))
            lone = lone[~np.isin(lone, start)]
            single = len(self.pair_keys) - 1 + np.searchsorted(self.single_codes, codes[lone])
            order = np.argsort(np.concatenate([start, lone]), kind="stable")
            start, walk = np.concatenate([start, lone])[order], np.concatenate([walk, single])[order]
        return self._walked(text, start.tolist(), walk.tolist())

    def _walked(self, text: str, starts: list[int], walk_indexes: list[int]) -> list[tuple[int, int]]:
        """:meth:`_forced` from the positions where a walk can start (in order) and its entry of
        :attr:`walks` each."""
        walks, prefixes, sep = self.walks, self.prefixes, self._CHUNK_END
        forced: list[tuple[int, int]] = []
        end = 0
        for position, walk_index in zip(starts, walk_indexes, strict=False):
            if position < end:  # inside the last forced piece: pkuseg does not start there
                continue
            walk = walks[walk_index]
            walk_end = position + (walk >> 2)
            word_end = position + (walk & 3) if walk & 3 else 0
            # the text ends with sep, which no prefix holds: it stops every walk
            while (is_word := prefixes.get(text[position : walk_end + 1])) is not None:
                walk_end += 1
                if is_word:
                    word_end = walk_end
            if word_end:  # the piece ends past the last word at the chunk's end, else where the walk failed
                end = word_end if text[walk_end] == sep else walk_end
                forced.append((position, end))
        return forced


def _trie(prefixes: Mapping[str, bool], pairs: list[str], first_node: int) -> tuple[np.ndarray, np.ndarray]:
    """The walks' trie as arrays: ``(keys, is_word)``, a row per prefix of three characters or
    more, by length, then in string order. Its key is ``parent << SHIFT | last character``, where
    a two-character parent is its index in ``pairs`` (sorted) and a longer one ``first_node``
    (at least ``len(pairs)``) + its row. The keys are sorted: within a length, string order is
    the order of (parent, last character), as the parents are numbered in string order too; and
    the parents of a length are numbered above those of the length before. Every prefix's own
    prefixes of three characters or more are prefixes too, so each length's parents are the
    length before it, found by one search of its strings (numpy orders them by code point, as
    Python does; a string ending in NUL characters reads back without them, so the flags follow
    the sort's order rather than the strings read back)."""
    by_length: dict[int, tuple[list[str], list[bool]]] = {}
    for prefix, is_word in prefixes.items():
        strings, flags = by_length.setdefault(len(prefix), ([], []))
        strings.append(prefix)
        flags.append(is_word)
    keys, words = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.uint8)]
    parents, first_parent, row = np.array(pairs, dtype="U2"), 0, first_node
    for length in sorted(by_length):
        strings, flags = by_length[length]
        unsorted = np.array(strings, dtype=f"U{length}")
        order = np.argsort(unsorted)
        level = unsorted[order]
        parent = first_parent + np.searchsorted(parents, level.astype(f"U{length - 1}"))
        last = level.view(np.uint32).reshape(-1, length)[:, -1]
        keys.append(parent.astype(np.int64) << SHIFT | last)
        words.append(np.array(flags, dtype=np.uint8)[order])
        parents, first_parent, row = level, row, row + len(level)
    return np.concatenate(keys), np.concatenate(words)
