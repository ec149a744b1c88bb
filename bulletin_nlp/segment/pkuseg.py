"""Fast, exact re-implementation of spacy-pkuseg's word segmenter (pure Python + numpy).

:class:`FastPkuseg` loads a model directory written by ``spacy_pkuseg.train``
(``features.msgpack`` + ``weights.npz``) and returns token for token what
``spacy_pkuseg.pkuseg(model_dir, user_dict=..., postag=False)`` returns with
``postprocesser.do_process = False``.  spaCy's ``ChineseTokenizer`` leaves that flag
on (pkuseg then merges words of its bundled ``dicts/default.pkl``); ``default_dict=True``
reproduces that configuration.

As in pkuseg, ``text.strip().split()`` drops all whitespace (the words concatenate to
the text minus its whitespace), user words are forced by pkuseg's greedy trie walk,
quirk included, and the rest is decoded by a first-order CRF (features: bias, chars and
char bigrams in a +-2 window, training-vocabulary words of 2..6 chars) over text with
``-._,|/*:`` -> ``&``, digits -> ``**Num`` and full-width letters -> ``**Letter``.

Speed: features come from integer tables (hash maps, per-character weight rows) looked
up for a whole batch of pieces at once, and the Viterbi advances all pieces of a batch in
the same numpy step.  Scores are added in pkuseg's feature order and the Viterbi keeps
its operation order and tie-breaking, so every score is bit-identical to pkuseg's.

One module over 400 lines because it is one algorithm: the feature tables, the user-word walk
and the batched Viterbi must reproduce pkuseg's order of operations together, and are checked
together against pkuseg (tests/segment/test_pkuseg.py).
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterable, Mapping, Sequence
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import srsly

from bulletin_nlp.extensions import load_extension, use_extension
from bulletin_nlp.npz_files import common_value_members, read_common_value, write_npz
from bulletin_nlp.resources import PathLike, require
from bulletin_nlp.segment.intmap import SHIFT, IntMap, PackedTable, StringIndex, code_points, packed_trie
from bulletin_nlp.segment.model_files import MODEL_FILES, TABLES
from bulletin_nlp.segment.userdict import UserDictionary
from bulletin_nlp.text.fold import compiled_folder

if TYPE_CHECKING:
    from bulletin_nlp.text._fold import Folder

__all__ = ["COMPILED", "MAX_PIECE", "TABLES", "FastPkuseg"]

_decoder = load_extension("bulletin_nlp.segment._decoder", api=2)  # the compiled decoder, or None
#: Whether decoding runs compiled; ``BULLETIN_NLP_PURE_PYTHON=1`` forces the numpy decoder.
COMPILED = use_extension(_decoder)

_DIGESTS = "digests:"  # opens a tables fingerprint made from the model files' SHA-256s


_KEYWORDS = "-._,|/*:"  # FeatureExtractor.keywords, all renamed to "&"
_NUM = "0123456789." "几二三四五六七八九十千万亿兆零" "１２３４５６７８９０％"
_LETTER = (
    "ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ"
    "ａｂｃｄｅｆｇｈｉｇｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ" "／・－"
)
# One character per normalised node: "**Num" -> "*", "**Letter" -> "/" (both
# are keywords, so no raw character is ever mapped to them).
_TRANSLATE = {ord(c): "*" for c in _NUM}
_TRANSLATE.update({ord(c): "/" for c in _LETTER})
_TRANSLATE.update({ord(c): "&" for c in _KEYWORDS})
# The same mapping on code points (sorted sources, their targets), for :func:`_node_codes`.
_FROM_CODES = np.array(sorted(_TRANSLATE), dtype=np.int64)
_TO_CODES = np.array([ord(_TRANSLATE[code]) for code in sorted(_TRANSLATE)], dtype=np.int64)
#: Up to this length str.translate is cheaper: numpy's steps cost ~7 µs together warm, but ~50 µs for a
#: 219-character text inside a parse (str.translate ~32 µs there, and the same ~110 µs on 1,295 characters).
_TRANSLATED_CHARS = 1024
_UNIGRAM = ("c", "c-1", "c1", "c-2", "c2")
_BIGRAM = ("c-1c", "cc1", "c-2c-1")
_WORD_MIN, _WORD_MAX = 2, 6  # pkuseg config.wordMin / wordMax
_SEP = "  "  # between the pieces of a batch (pieces never contain whitespace)
_SEP_CODE = ord(" ")  # _SEP is made of it; no character of a piece is, nor maps to it
#: Longest whitespace-free piece decoded in one go. Longer ones (never met in real text:
#: bulletins are a few thousand characters) are decoded in windows of this size, each as
#: pkuseg would decode it alone, so memory stays bounded and the windows decode together
#: (a word may be cut where two windows meet).
MAX_PIECE = 1 << 14


def _encode(feature: str) -> str | None:
    """``s`` as a join of normalised nodes, one char per node; None if impossible."""
    core = feature.replace("**Num", "").replace("**Letter", "")
    if core.translate(_TRANSLATE) != core:  # raw digits, letters, keywords are never nodes
        return None
    return feature.replace("**Num", "*").replace("**Letter", "/")


def _node_codes(text: str) -> np.ndarray:
    """``code_points(text.translate(_TRANSLATE))``: compiled where the fold extension is built,
    else, past :data:`_TRANSLATED_CHARS` characters, mapped in numpy (a few array steps instead
    of a dict lookup per character)."""
    folder = _node_folder()
    if folder is not None:
        return folder.codes(text)
    if len(text) <= _TRANSLATED_CHARS:
        return code_points(text.translate(_TRANSLATE))
    codes = code_points(text)
    index = np.minimum(np.searchsorted(_FROM_CODES, codes), len(_FROM_CODES) - 1)
    mapped = _FROM_CODES[index] == codes
    codes[mapped] = _TO_CODES[index[mapped]]
    return codes


@lru_cache(maxsize=1)
def _node_folder() -> Folder | None:
    """The compiled mapping of :data:`_TRANSLATE` (built once), or None."""
    return compiled_folder(_TRANSLATE)


def _windows(piece: str) -> list[str]:
    """``piece`` cut into windows of at most :data:`MAX_PIECE` characters (nearly always one)."""
    if len(piece) <= MAX_PIECE:
        return [piece]
    return [piece[offset : offset + MAX_PIECE] for offset in range(0, len(piece), MAX_PIECE)]


def _post_process(sent: list[str], words: frozenset[str]) -> list[str]:
    """pkuseg's ``Postprocesser.post_process`` (no common words, ``check_seperated=True``)."""
    for width in range(7, 1, -1):
        index = 0
        while index <= len(sent) - width:
            window = sent[index : index + width]
            merged = "".join(window)
            if merged in words and not all(word in words for word in window):
                sent[index : index + width] = [merged]
            index += 1
    return sent


class FastPkuseg:
    """Exact, faster ``spacy_pkuseg.pkuseg(model_dir, user_dict, postag=False)``.

    model_dir: directory with ``features.msgpack`` and ``weights.npz``.
    user_words: words to force, the path of a pkuseg user-dict file (one
        word per line, optionally followed by a tab and a tag), or a built
        :class:`~bulletin_nlp.segment.userdict.UserDictionary`.
    default_dict: also run pkuseg's post-processor with its bundled
        ``dicts/default.pkl``, as spaCy's ``ChineseTokenizer`` does.
    cache_size: how many whitespace-free pieces to memoise (0 disables).
    batch_chars: characters decoded together; bounds a batch's memory.
    compiled: decode with the compiled extension (default: :data:`COMPILED`) or numpy;
        both give the same words, bit for bit in every score.
    file_digests: the SHA-256 (hex) of ``features.msgpack`` and ``weights.npz`` where the caller
        has just checked them (the tokenizer, against the model's manifest): spares hashing
        them again to match ``tables.npz`` to them.
    """

    def __init__(
        self,
        model_dir: PathLike,
        user_words: PathLike | Iterable[str] | UserDictionary | None = (),
        *,
        default_dict: bool = False,
        cache_size: int = 1 << 16,
        batch_chars: int = 1 << 16,
        compiled: bool | None = None,
        file_digests: Mapping[str, str] | None = None,
    ) -> None:
        self.model_dir = Path(model_dir)
        self._file_digests = dict(file_digests or {})
        if compiled and _decoder is None:
            raise ImportError("the compiled decoder is not built (reinstall with a C compiler present)")
        self.compiled = COMPILED if compiled is None else compiled
        self.user_dict = user_words if isinstance(user_words, UserDictionary) else UserDictionary(user_words)
        self.cache_size, self.batch_chars = cache_size, batch_chars
        self._cache: dict[str, list[str]] = {}
        self._dict_words: frozenset[str] | None = None
        self._ordered: dict[str, np.ndarray] = {}  # the keys of trie, bi and pairs, where only they were loaded
        if default_dict:
            spacy_pkuseg = require("spacy_pkuseg", "pkuseg's default dictionary")
            with (resources.files(spacy_pkuseg) / "dicts" / "default.pkl").open("rb") as stream:
                self._dict_words = frozenset(pickle.load(stream).strip().split("\n"))
        if not self._load_tables():
            self._load(srsly.read_msgpack(self.model_dir / MODEL_FILES[0]), np.load(self.model_dir / MODEL_FILES[1]))
        # word_present as the compiled decoder reads it (converted once, not on every call)
        self._present_bytes = np.ascontiguousarray(self.word_present, dtype=np.uint8)
        self._begin_bytes = np.ascontiguousarray(self.begin_tag, dtype=np.uint8)
        self._packed: tuple[PackedTable, PackedTable, PackedTable] | None = None  # the compiled decoder's maps

    # Derived tables, saved beside the model so that loading skips regrouping its features
    # (about 0.4 s and 60 MB of temporary objects). They carry a SHA-256 of the model files
    # they were built from and are ignored when those files change.
    _ARRAYS = ("bias", "edge", "begin_tag", "trie_child", "trie_word", "char_row", "root_child", "char_w",
               "bi_w", "word_w", "word_present")
    # Mostly one value (zeros, an empty row): stored as that value and its exceptions, the
    # exceptions not deflated (the weights' inflating took ~25 ms of every load).
    _COMMON_VALUE = ("char_row", "root_child", "char_w", "bi_w", "word_w")
    _MAPS = ("trie", "bi", "pairs")

    # The maps where tables.npz gave their keys alone: built on first use (the numpy decoder's
    # lookups). The compiled decoder packs the keys into its own tables and never builds them;
    # their slots, seven in eight of them empty, would take 13 MB to store and ~20 ms to inflate.
    @cached_property
    def trie(self) -> IntMap:
        return IntMap(self._ordered["trie"])

    @cached_property
    def bi(self) -> IntMap:
        return IntMap(self._ordered["bi"])

    @cached_property
    def pairs(self) -> IntMap:
        return IntMap(self._ordered["pairs"])

    def _ordered_keys(self, name: str) -> np.ndarray:
        """The keys of map ``name`` in its order (:meth:`IntMap.ordered_keys`)."""
        keys = self._ordered.get(name)
        return keys if keys is not None else getattr(self, name).ordered_keys()

    def _fingerprint(self) -> str:
        """``digests:`` and a SHA-256 over the model files' names and SHA-256s (those given as
        ``file_digests``, else hashed now): what tables.npz was built from."""
        digest = hashlib.sha256()
        for name in MODEL_FILES:
            known = self._file_digests.get(name) or hashlib.sha256((self.model_dir / name).read_bytes()).hexdigest()
            digest.update(f"{name} {known.lower()}\n".encode("ascii"))
        return _DIGESTS + digest.hexdigest()

    def _concatenated_fingerprint(self) -> str:
        """SHA-256 of the model files' bytes one after the other: the fingerprint of tables
        written before :meth:`_fingerprint` (they still load)."""
        digest = hashlib.sha256()
        for name in MODEL_FILES:
            digest.update((self.model_dir / name).read_bytes())
        return digest.hexdigest()

    def save_tables(self) -> Path:
        """Write ``tables.npz`` beside the model (see :data:`TABLES`), fingerprinted by the
        model files' digests (``file_digests`` where given); return its path."""
        arrays = {name: getattr(self, name) for name in self._ARRAYS if name not in self._COMMON_VALUE}
        for name in self._COMMON_VALUE:
            arrays.update(common_value_members(name, getattr(self, name)))
        arrays.update({f"{name}.ordered": self._ordered_keys(name) for name in self._MAPS})
        arrays["sizes"] = np.array([self.n_tag, self.n_words])
        arrays["fingerprint"] = np.array(self._fingerprint())
        path = self.model_dir / TABLES
        write_npz(path, arrays, deflate=lambda name: not name.endswith(".rest"))
        return path

    def _load_tables(self) -> bool:
        path = self.model_dir / TABLES
        if not path.exists():
            return False
        with np.load(path, allow_pickle=False) as npz:
            stored = str(npz["fingerprint"])
            if stored != (self._fingerprint() if stored.startswith(_DIGESTS) else self._concatenated_fingerprint()):
                return False
            for name in self._ARRAYS:
                array = read_common_value(npz, name)  # None: stored whole, as tables written before
                setattr(self, name, npz[name] if array is None else array)
            for name in self._MAPS:
                if f"{name}.ordered" in npz.files:  # the keys alone: the maps are built when used
                    self._ordered[name] = npz[f"{name}.ordered"]
                    continue
                intmap = IntMap.__new__(IntMap)  # the map's slots, as tables written before them
                intmap.keys, intmap.vals = npz[f"{name}.keys"], npz[f"{name}.vals"]
                intmap.shift, intmap.mask = np.uint64(npz[f"{name}.shift"]), int(npz[f"{name}.mask"])
                setattr(self, name, intmap)
            self.n_tag, self.n_words = (int(size) for size in npz["sizes"])
        return True

    def _load(self, data: dict[str, Any], npz: np.lib.npyio.NpzFile) -> None:
        """Regroup pkuseg's string-keyed weights into integer-indexed tables."""
        n_tag, n_feat = (int(part) for part in npz["sizes"])
        weights = np.asarray(npz["w"], dtype=np.float64)
        node_w = np.vstack([weights[: n_feat * n_tag].reshape(n_feat, n_tag), np.zeros((1, n_tag))])
        self.bias = node_w[0]  # pkuseg adds feature 0 at every position
        self.edge = 1.0 + weights[n_feat * n_tag :].reshape(n_tag, n_tag).T  # getLogYY's edge_score
        tags = sorted(data["tag_to_idx"].items(), key=lambda tag_index: tag_index[1])
        self.begin_tag = np.array(["B" in tag for tag, _ in tags])
        self.n_tag = n_tag
        words: dict[str, int] = {}  # vocabulary words of 2..6 nodes -> word id
        for word in data["unigram"]:
            encoded = _encode(word)
            if encoded is not None and _WORD_MIN <= len(encoded) <= _WORD_MAX:
                words.setdefault(encoded, len(words))
        n_words = self.n_words = len(words)
        # Feature ids by template, n_feat (the zero row of node_w) where absent.
        unigrams: dict[int, list[int]] = {}
        bigrams: dict[int, list[int]] = {}
        pairs: dict[int, list[int]] = {}
        word_fid = np.full((2, n_words), n_feat, dtype=np.int64)  # w-1, w1
        for key, feature_id in data["feature_to_idx"].items():
            template, _, rest = key.partition(".")
            if template in _UNIGRAM:
                node = _encode(rest)
                if node is not None and len(node) == 1:
                    unigrams.setdefault(ord(node), [n_feat] * 5)[_UNIGRAM.index(template)] = feature_id
            elif template in _BIGRAM:
                first, second = (_encode(part) for part in rest.partition(".")[::2])
                if first is not None and second is not None and len(first) == len(second) == 1:
                    ids = bigrams.setdefault(ord(first) << SHIFT | ord(second), [n_feat] * 3)
                    ids[_BIGRAM.index(template)] = feature_id
            elif template in ("w-1", "w1"):
                encoded = _encode(rest)
                if encoded in words:
                    word_fid[int(template == "w1"), words[encoded]] = feature_id
            elif template == "ww":
                side, _, rest = rest.partition(".")
                if "**noWord" in rest:  # never produced by spacy_pkuseg.train
                    raise ValueError(f"unsupported pkuseg feature {key!r}")
                first, second = (_encode(part) for part in rest.partition("*")[::2])
                if first in words and second in words:
                    ids = pairs.setdefault(words[first] * n_words + words[second], [n_feat] * 2)
                    ids[int(side == "r")] = feature_id
        # Vocabulary trie over node codes: key (parent << 21 | code) -> child node.
        vocabulary = StringIndex(list(words))  # string index = word id
        self.trie, self.trie_child, self.trie_word = vocabulary.edges, vocabulary.child, vocabulary.string_of
        # Dense per code point (the last entry stands for all higher ones):
        # row of char_w (len(uni) = no feature) and child of the trie root.
        root_edges = np.flatnonzero((self.trie.keys >= 0) & (self.trie.keys >> SHIFT == 0))
        roots = self.trie.keys[root_edges]
        self.char_row = np.full(max([*unigrams, *roots.tolist(), 0]) + 2, len(unigrams), dtype=np.int64)
        self.char_row[list(unigrams)] = np.arange(len(unigrams))
        self.root_child = np.full(len(self.char_row), -1, dtype=np.int64)
        self.root_child[roots] = self.trie_child[self.trie.vals[root_edges]]
        # Weight rows per character / bigram (template, tag), last row all zero;
        # word_w rows: w-1 of each word, w1 of each word, ww.l and ww.r of each pair.
        self.char_w = node_w[np.array([*unigrams.values(), [n_feat] * 5], dtype=np.int64)]
        self.bi, self.pairs = IntMap(list(bigrams)), IntMap(list(pairs))
        self.bi_w = node_w[np.array([*bigrams.values(), [n_feat] * 3], dtype=np.int64)]
        feature_ids = np.concatenate([*word_fid, *np.array(list(pairs.values()), dtype=np.int64).reshape(-1, 2).T])
        self.word_w, self.word_present = node_w[feature_ids], feature_ids != n_feat

    def cut(self, text: str) -> list[str]:
        """Segment ``text`` into words; whitespace is dropped, as pkuseg does."""
        return self.cut_many([text])[0]

    def cut_many(self, texts: Iterable[str]) -> list[list[str]]:
        """Segment several texts, decoding their pieces in shared batches.

        Safe to call from several threads at once: the shared cache is only read with
        ``dict.get`` (another thread may clear it at any moment) and written at the end."""
        cache = self._cache
        plans = self.user_dict.plans(texts)
        hits: dict[str, list[str]] = {}
        new: list[str] = []
        for piece in dict.fromkeys(piece for plan in plans for piece, forced in plan if not forced):
            cached = cache.get(piece)
            if cached is None:
                new.append(piece)
            else:
                hits[piece] = cached
        decoded: dict[str, list[str]] = {}  # words of each window (of each piece, nearly always)
        batch: list[str] = []
        size = 0
        for window in dict.fromkeys(window for piece in new for window in _windows(piece)):
            batch.append(window)
            size += len(window) + len(_SEP)
            if size >= self.batch_chars:
                decoded.update(zip(batch, self._decode(batch), strict=False))
                batch, size = [], 0
        if batch:
            decoded.update(zip(batch, self._decode(batch), strict=False))
        done = {piece: decoded[piece] if len(piece) <= MAX_PIECE
                else [word for window in _windows(piece) for word in decoded[window]]
                for piece in new}
        if self._dict_words is not None:
            done = {piece: _post_process(list(words), self._dict_words) for piece, words in done.items()}
        hits.update(done)
        result = [[word for piece, forced in plan for word in ([piece] if forced else hits[piece])] for plan in plans]
        if self.cache_size:  # only now: clearing it earlier would lose this call's hits
            if len(cache) + len(done) > self.cache_size:
                cache.clear()
            cache.update(list(done.items())[: self.cache_size])
        return result

    def _decode(self, pieces: Sequence[str]) -> list[list[str]]:
        """Words of each piece (non-empty, whitespace-free strings)."""
        padded = _SEP + _SEP.join(pieces) + _SEP
        codes = _node_codes(padded)
        if self.compiled:  # best tags and words of each piece in one compiled call
            assert _decoder is not None  # compiled is only set when the decoder is built
            cut: list[list[str]] = _decoder.words(self._compiled_scores(codes), list(pieces), len(_SEP),
                                                  self._edge_contiguous, self._begin_bytes)
            return cut
        lens = np.array([len(piece) for piece in pieces], dtype=np.int64)
        starts = np.cumsum(lens) - lens  # in the plain concatenation
        scores = self._node_scores(codes)[codes != _SEP_CODE]  # the pieces' characters (pieces hold no whitespace)
        tags = self._viterbi(scores, starts, lens)
        begin = self.begin_tag[tags]
        begin[starts] = True  # pkuseg always starts a word at a piece's first char
        word_starts = np.flatnonzero(begin).tolist()
        text = "".join(pieces)
        words = [text[start:stop] for start, stop in zip(word_starts, [*word_starts[1:], len(text)], strict=True)]
        ends = np.cumsum(np.add.reduceat(begin, starts, dtype=np.int64)).tolist()
        return [words[start:stop] for start, stop in zip([0, *ends], ends, strict=False)]

    def _compiled_scores(self, codes: np.ndarray) -> np.ndarray:
        """:meth:`_node_scores` by the compiled extension."""
        assert _decoder is not None  # compiled is only set when the decoder is built
        if self._packed is None:  # one record per slot: a lookup reads one cache line, not two to four
            keys = self._ordered_keys
            self._packed = (PackedTable(keys("bi")), packed_trie(keys("trie"), self.trie_child, self.trie_word),
                            PackedTable(keys("pairs")))
        bigrams, trie, pairs = self._packed
        scores: np.ndarray = _decoder.node_scores(
            codes, self.bias, self.char_row, self.char_w, bigrams, self.bi_w, self.root_child, trie, pairs,
            self.word_w, self._present_bytes, self.n_words)
        return scores

    @property
    def _edge_contiguous(self) -> np.ndarray:
        if not self.edge.flags.c_contiguous:
            self.edge = np.ascontiguousarray(self.edge)
        edge: np.ndarray = self.edge
        return edge

    def _node_scores(self, codes: np.ndarray) -> np.ndarray:
        """Tag scores per position, summed in pkuseg's feature order (bit-identical).

        An absent feature adds +0.0, which leaves a sum unchanged.
        """
        char_weights = self.char_w[self.char_row[np.minimum(codes, len(self.char_row) - 1)]]  # c c-1 c1 c-2 c2
        bigram_weights = self.bi_w[self.bi.get(codes[:-1] << SHIFT | codes[1:], len(self.bi_w) - 1)]  # c-1c cc1 c-2c-1
        scores: np.ndarray = self.bias + char_weights[:, 0]
        scores[1:] += char_weights[:-1, 1]
        scores[1:] += bigram_weights[:, 0]
        scores[:-1] += char_weights[1:, 2]
        scores[:-1] += bigram_weights[:, 1]
        scores[2:] += char_weights[:-2, 3]
        scores[2:] += bigram_weights[:-1, 2]
        scores[:-2] += char_weights[2:, 4]
        pos, slot, row = self._word_features(codes)
        order = np.lexsort((slot, pos))
        pos, row = pos[order], row[order]
        while len(pos):  # each round adds the next feature of every position
            first = np.r_[True, pos[1:] != pos[:-1]]
            scores[pos[first]] += self.word_w[row[first]]
            pos, row = pos[~first], row[~first]
        return scores

    def _word_features(self, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(position, rank in pkuseg's order, word_w row) of all word features."""
        n_chars, n_words = len(codes), self.n_words
        node = self.root_child[np.minimum(codes, len(self.root_child) - 1)]
        start = np.flatnonzero(node >= 0)
        node = node[start]
        found = []  # (start, length, word id) of the vocabulary words in the text
        for length in range(2, _WORD_MAX + 1):
            fits = start + length <= n_chars
            edge = self.trie.get(node[fits] << SHIFT | codes[start[fits] + length - 1])
            start, node = start[fits][edge >= 0], self.trie_child[edge[edge >= 0]]
            wid = self.trie_word[node]
            found.append((start[wid >= 0], np.full(int((wid >= 0).sum()), length), wid[wid >= 0]))
        word_start, word_len, wid = (np.concatenate(column) for column in zip(*found, strict=True))
        word_last = word_start + word_len - 1
        starting = np.full((n_chars + 1, _WORD_MAX + 1), -1, dtype=np.int64)
        starting[word_start, word_len] = wid
        right = starting[word_last + 1][:, _WORD_MAX : _WORD_MIN - 1 : -1]  # next word, lengths 6..2
        left, col = np.nonzero(right >= 0)
        pair = self.pairs.get(wid[left] * n_words + right[left, col])
        left, col, pair = left[pair >= 0], col[pair >= 0], pair[pair >= 0]
        n_pair = (len(self.word_w) - 2 * n_words) // 2
        pair_slot = (_WORD_MAX - word_len[left]) * 5 + col  # pre length 6..2, then post length 6..2
        pos = np.concatenate([word_last, word_start, word_last[left] + 1, word_last[left]])
        slot = np.concatenate([_WORD_MAX - word_len, 5 + _WORD_MAX - word_len, 10 + pair_slot, 35 + pair_slot])
        row = np.concatenate([wid, n_words + wid, 2 * n_words + pair, 2 * n_words + n_pair + pair])
        keep = self.word_present[row]
        return pos[keep], slot[keep], row[keep]

    def _viterbi(self, scores: np.ndarray, starts: np.ndarray, lens: np.ndarray) -> np.ndarray:
        """Best tag per position; the pieces advance together, aligned at their ends.

        As ``inference.run_viterbi``: backward pass ``(best[i+1] + node[i]) + edge``,
        ties go to the later next tag, and the first tag is the first maximum.
        """
        n_piece, n_tag = len(lens), self.n_tag
        order = np.argsort(-lens, kind="stable")
        sorted_lens, sorted_starts = lens[order], starts[order]
        max_len = int(sorted_lens[0])
        active = n_piece - np.cumsum(np.bincount(sorted_lens, minlength=max_len + 1))[:max_len]
        offset = np.concatenate([[0], np.cumsum(active)])
        # row offset[t] + piece holds position sorted_lens[piece] - 1 - t of that piece (pieces aligned at their ends)
        piece = np.repeat(np.arange(n_piece), sorted_lens)
        in_piece = np.arange(len(piece)) - np.repeat(np.cumsum(sorted_lens) - sorted_lens, sorted_lens)
        src = np.empty(len(piece), dtype=np.int64)
        src[offset[sorted_lens[piece] - 1 - in_piece] + piece] = sorted_starts[piece] + in_piece
        node = np.ascontiguousarray(scores[src].T)  # (tag, row)
        best = np.empty_like(node)
        n_active, row_offsets = active.tolist(), offset.tolist()
        best[:, : n_active[0]] = node[:, : n_active[0]]
        nxt3, node3, edge3 = best[:, None], node[None], self.edge.T[:, :, None].copy()
        add, maximum = np.add, np.maximum.reduce
        # the sequential part: 3 ufunc calls per step
        for width, row, next_row in zip(n_active[1:], row_offsets[1:], row_offsets, strict=False):
            summed = nxt3[..., next_row : next_row + width] + node3[..., row : row + width]  # [next tag, tag, piece]
            add(summed, edge3, summed)
            maximum(summed, axis=0, out=best[:, row : row + width])
        # pre_tag for all rows at once, from the same (bit-identical) sums.
        step = np.repeat(np.arange(max_len), active)
        prev_row = np.arange(len(piece)) + np.where(step > 0, offset[np.maximum(step - 1, 0)] - offset[step], 0)
        nxt = best[:, prev_row]
        cands = [(nxt[tag] + node) + self.edge[:, tag : tag + 1] for tag in range(n_tag)]
        top = np.maximum.reduce(cands)
        back = np.zeros(node.shape, dtype=np.int8)  # the last maximising next tag
        for tag in range(1, n_tag):
            np.maximum(back, np.multiply(cands[tag] == top, tag, dtype=np.int8), out=back)
        # Backtrack by pointer doubling: (row, tag) -> (next row, pre_tag); mark
        # all nodes reachable from each piece's (first row, first tag).
        jump = (prev_row[:, None] * n_tag + back.T).ravel()
        jump[: n_active[0] * n_tag] = np.arange(n_active[0] * n_tag)  # last positions point to themselves
        first_rows = offset[sorted_lens - 1] + np.arange(n_piece)
        on_path = np.zeros(len(jump), dtype=bool)
        on_path[first_rows * n_tag + best[:, first_rows].argmax(axis=0)] = True
        for _ in range((max_len - 1).bit_length()):
            on_path[jump[on_path]] = True
            jump = jump[jump]
        out = np.empty(len(scores), dtype=np.intp)
        out[src] = on_path.reshape(-1, n_tag).argmax(axis=1)
        return out
