"""A lossless Chinese tokenizer for spaCy built on a spacy-pkuseg model.

Words come from :class:`~bulletin_nlp.segment.pkuseg.FastPkuseg` (token-for-token the output of
spacy-pkuseg, several times faster) with a user dictionary of agency and township names, so
that those names come out as whole tokens; half-width parentheses are read as the full-width
ones of the model's training text (:func:`segmenter_text`), and brackets and Chinese punctuation
are tokens of their own (:data:`KEPT_APART`). Whitespace, which pkuseg drops, is restored by
:func:`words_and_spaces` (spaCy's ``get_words_and_spaces`` in linear time), so ``doc.text``
is always the text given; :meth:`BulletinTokenizer.pipe` segments a batch of texts together. Without a
model the tokenizer falls back to one token per character.

Registered as ``bulletin_nlp.PkusegTokenizer.v1``; the model files and the user dictionary
travel with ``nlp.to_disk``/``to_bytes``.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import accumulate
from operator import add
from pathlib import Path
from typing import Any

import numpy as np
import srsly
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from bulletin_nlp.batches import batched
from bulletin_nlp.errors import ModelError
from bulletin_nlp.extensions import load_extension, use_extension
from bulletin_nlp.factories import evaluated_annotations
from bulletin_nlp.segment.intmap import code_points
from bulletin_nlp.segment.model_files import MANIFEST, MODEL_FILES, TABLES, check_model_dir, is_plain_name
from bulletin_nlp.segment.userdict import JoinedWords, UserDictionary

OPTIONAL_FILES = (TABLES,)  # FastPkuseg's derived tables: faster loading when present
USER_DICT = "user_dict.txt"
TEXT_KEY = "bulletin_text"


def create_tokenizer() -> Callable[[Language], BulletinTokenizer]:
    """The spaCy registry entry; the model is set in ``initialize`` or loaded from disk."""

    def make(nlp: Language) -> BulletinTokenizer:
        return BulletinTokenizer(nlp.vocab)

    return make


_align = load_extension("bulletin_nlp.segment._align", api=4)  # the compiled alignment, or None
#: Whether :func:`words_and_spaces` runs the compiled loop (``segment/_align.pyx``, built at install).
COMPILED_ALIGN = use_extension(_align)

# Whether a code point is str.isspace() (all such are below U+3001; the last entry stands for
# every higher one): pkuseg drops whitespace, spaCy keeps it as space flags or tokens.
_IS_SPACE = np.array([chr(c).isspace() for c in range(0x3002)])


def words_and_spaces(words: Sequence[str], text: str, written: str | None = None,
                     apart: str = "") -> tuple[list[str], list[bool]]:
    """Align ``words`` (``text`` cut into whitespace-free words, whitespace dropped) with
    ``text``: spaCy's ``get_words_and_spaces`` in linear time and a few numpy steps.

    A single space after a word becomes its ``spaces`` flag; any other whitespace becomes a
    token of its own. Raises ``ValueError`` when the words do not spell the text (words
    holding or spanning whitespace included). ``written``: the text as written, where ``text``
    is what the segmenter read, :func:`segmenter_text` of it (as long, character for character);
    a token holding a rewritten character is then taken from ``written``. ``apart``: characters
    (of the Basic Multilingual Plane) that are tokens of their own wherever the text as written
    holds them inside a word (the tokenizer's: :data:`KEPT_APART`)."""
    if COMPILED_ALIGN:  # checks the words as it aligns them; None where they fail, said below
        assert _align is not None  # COMPILED_ALIGN is only set when the module is built
        aligned: tuple[list[str], list[bool]] | None = _align.words_and_spaces(
            words if type(words) is list else list(words), text, written, apart)
        if aligned is not None:
            return aligned
    if written is not None and len(written) != len(text):
        raise ValueError("the text as written is not as long as the text the segmenter read")
    tokens, spaces = _aligned(words, text)
    if written is not None and written is not text:
        tokens = _as_written(tokens, spaces, written)
    return _kept_apart(tokens, spaces, apart, text if written is None else written) if apart else (tokens, spaces)


#: Characters that are tokens of their own, which pkuseg now and then glues to the word beside
#: them (``【城乡``, ``发〔``, ``：镇``, ``▍栏``): brackets, Chinese sentence punctuation, curly
#: quotes and list markers. Not ASCII punctuation, which numbers hold (``1,000``, ``3.5``).
KEPT_APART = "()[]{}（）［］｛｝｟｠｢｣〈〉《》「」『』【】〔〕〖〗〘〙〚〛⦅⦆，。、；：！？“”‘’▍◎●■□◆★☆▲△▶►※"


def _kept_apart(tokens: list[str], spaces: list[bool], apart: str, text: str) -> tuple[list[str], list[bool]]:
    """``tokens`` (of ``text``, as written) cut around each character of ``apart`` that a longer
    token holds (:func:`words_and_spaces` in Python): where every such character of the text is a
    token already, as nearly always, the tokens are returned as they are after two passes in C."""
    pattern, singles = _apart_pattern(apart)
    if len(pattern.findall(text)) == sum(map(singles.__contains__, tokens)):
        return tokens, spaces
    out_tokens: list[str] = []
    out_spaces: list[bool] = []
    for token, space in zip(tokens, spaces, strict=True):
        if len(token) > 1 and pattern.search(token):
            pieces = [piece for piece in pattern.split(token) if piece]
            out_tokens += pieces
            out_spaces += [False] * (len(pieces) - 1) + [space]
        else:
            out_tokens.append(token)
            out_spaces.append(space)
    return out_tokens, out_spaces


@lru_cache(maxsize=4)
def _apart_pattern(apart: str) -> tuple[re.Pattern[str], frozenset[str]]:
    """A pattern capturing each character of ``apart`` of the Basic Multilingual Plane (those the
    compiled pass knows), and the set of them."""
    chars = sorted({char for char in apart if ord(char) < 0x10000})
    return re.compile("([" + "".join(map(re.escape, chars)) + "])"), frozenset(chars)


def _aligned(words: Sequence[str], text: str) -> tuple[list[str], list[bool]]:
    """:func:`words_and_spaces` of ``text`` itself, in Python."""
    solid_text = "".join(text.split())
    if "".join(words) != solid_text:
        raise ValueError("the segmenter's words do not spell the text without its whitespace")
    if "" in words:
        words = [word for word in words if word]
    if words and solid_text == text:  # no whitespace: the words are the tokens, no space flags
        return list(words), [False] * len(words)
    if not words:
        return ([text], [False]) if text else ([], [])
    if len(text) <= _RUNS_CHARS:
        return _aligned_by_runs(words, text)
    codes = code_points(text)
    solid = np.flatnonzero(~_IS_SPACE[np.minimum(codes, len(_IS_SPACE) - 1)])  # offsets of the words' characters
    lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    ends = np.cumsum(lengths)
    starts = solid[ends - lengths]
    stops = solid[ends - 1] + 1
    if (stops - starts != lengths).any():
        raise ValueError("a segmenter word spans whitespace of the text")
    following = np.append(starts[1:], len(text))  # where the next word (or the end) is
    spaces = (following > stops) & (codes[np.minimum(stops, len(codes) - 1)] == ord(" "))
    gap_start = stops + spaces
    flags = spaces.tolist()
    out_words: list[str] = [text[: starts[0]]] if starts[0] else []
    out_spaces: list[bool] = [False] * len(out_words)
    done = 0
    gaps = np.flatnonzero(following > gap_start)
    gap_spans = zip(gaps.tolist(), gap_start[gaps].tolist(), following[gaps].tolist(), strict=True)
    for last_word, gap_from, gap_to in gap_spans:  # a gap follows word last_word
        out_words += words[done : last_word + 1]
        out_spaces += flags[done : last_word + 1]
        out_words.append(text[gap_from:gap_to])  # whitespace other than one space after a word
        out_spaces.append(False)
        done = last_word + 1
    out_words += words[done:]
    out_spaces += flags[done:]
    return out_words, out_spaces


#: Characters the segmenter reads as others: half-width parentheses as the full-width ones its
#: training text writes (read as they are, pkuseg glues them to a word: ``(县``, ``委)``).
_READ_AS = {"(": "\uff08", ")": "\uff09"}
_REWRITTEN = re.compile("[" + re.escape("".join(_READ_AS)) + "]")


def segmenter_text(text: str) -> str:
    """``text`` as the segmenter reads it (:data:`_READ_AS`): the same length, character for
    character; ``text`` itself when it holds none of the characters rewritten."""
    read = text
    for written, read_as in _READ_AS.items():
        if written in read:
            read = read.replace(written, read_as)
    return read


def _as_written(words: list[str], spaces: list[bool], text: str) -> list[str]:
    """The tokens ``words`` (with their ``spaces`` flags) of :func:`segmenter_text`'s rewrite of
    ``text``, as ``text`` writes them (:func:`words_and_spaces` in Python): only the tokens that
    hold a rewritten character are taken anew from ``text`` (found by bisection)."""
    ends = list(accumulate(map(add, map(len, words), spaces)))  # where each token and its space end
    out = list(words)
    for rewritten in _REWRITTEN.finditer(text):
        token = bisect_right(ends, rewritten.start())
        start = ends[token - 1] if token else 0
        out[token] = text[start : start + len(words[token])]
    return out


#: Words whose lexeme ids the tokenizer keeps (~7 MB, ~140 bytes a word), beyond which it starts afresh.
_MAX_ORTHS = 50_000
_RUNS_CHARS = 1024  # up to this length texts are aligned run by run (cheaper while the runs are few)
_SOLID_RUN = re.compile(r"\S+")  # \S is not str.isspace(), as for str.split()


def _aligned_by_runs(words: Sequence[str], text: str) -> tuple[list[str], list[bool]]:
    """:func:`words_and_spaces` (words known to spell the text without its whitespace) by one
    step per whitespace-free run of the text instead of numpy steps over its characters:
    cheaper on short texts, whose runs are few."""
    ends = list(accumulate(map(len, words)))  # where each word ends in the text without whitespace
    out_words: list[str] = []
    out_spaces: list[bool] = []
    done = solid = gap_start = 0  # words placed, their characters, where the text after them starts
    for run in _SOLID_RUN.finditer(text):
        start, stop = run.span()
        if start > gap_start:  # whitespace before the run: a space flag of the last word, the rest a token
            spaced = bool(out_words) and text[gap_start] == " "
            if spaced:
                out_spaces[-1] = True
            if start > gap_start + spaced:
                out_words.append(text[gap_start + spaced : start])
                out_spaces.append(False)
        solid += stop - start
        last = bisect_left(ends, solid, done)
        if last == len(ends) or ends[last] != solid:
            raise ValueError("a segmenter word spans whitespace of the text")
        out_words += words[done : last + 1]
        out_spaces += [False] * (last + 1 - done)
        done, gap_start = last + 1, stop
    if gap_start < len(text):  # whitespace at the end
        spaced = text[gap_start] == " "
        out_spaces[-1] = out_spaces[-1] or spaced
        if len(text) > gap_start + spaced:
            out_words.append(text[gap_start + spaced :])
            out_spaces.append(False)
    return out_words, out_spaces


class BulletinTokenizer:
    """Callable ``str -> Doc`` with pkuseg words and spaCy serialisation."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.model_dir: Path | None = None
        self._user_text = ""  # the user words, sorted, newline-separated (see user_words)
        self._segmenter: Any = None
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self._orths: dict[str, int] = {}  # the lexeme id of words seen (see _doc)

    def __call__(self, text: str) -> Doc:
        return next(iter(self.pipe([text])))

    @property
    def user_words(self) -> list[str]:
        """The words the segmenter keeps whole, sorted, each once: a new list on each read (assign
        the property to change them). Held as one string: some 31,000 strings in a list would be
        as many references for the collector to walk at every full collection, the one at exit
        included."""
        return self._user_text.split("\n") if self._user_text else []

    @user_words.setter
    def user_words(self, words: Iterable[str]) -> None:
        self._user_text = JoinedWords.of(words).text

    def pipe(self, texts: Iterable[str], batch_size: int = 16) -> Iterator[Doc]:
        """Docs of ``texts``; the segmenter decodes ``batch_size`` texts together (faster)."""
        for batch in batched(texts, batch_size):
            yield from self._docs(batch)

    def _docs(self, texts: list[str]) -> Iterator[Doc]:
        if self._segmenter is None:
            cuts: list[list[str]] = [[char for char in text if not char.isspace()] for text in texts]
            read = texts
        else:
            read = [segmenter_text(text) for text in texts]
            cuts = self._segmenter.cut_many(read)
        for text, seen, cut in zip(texts, read, cuts, strict=True):
            words, spaces = words_and_spaces(cut, seen, None if seen is text else text, KEPT_APART)
            doc = self._doc(words, spaces)
            doc.user_data[TEXT_KEY] = text  # doc.text walks every token; the rulers read this
            yield doc

    def _doc(self, words: list[str], spaces: list[bool]) -> Doc:
        """``Doc(vocab, words=words, spaces=spaces)``, each word seen before given by the id of
        its lexeme: spaCy then skips hashing the string and two look-ups, half the cost of the
        Doc (more in flow, where each look-up misses the caches).

        Only the ids of lexemes made outside a memory zone are kept (a zone removes its own
        when it ends). Where a kept id is unknown all the same (the Vocab's strings replaced),
        the ids are dropped and the Doc is made from the strings."""
        orths = self._orths
        ids: list[str | int] = list(map(orths.get, words, words))  # the word itself where no id is kept
        try:
            doc = Doc(self.vocab, words=ids, spaces=spaces)  # type: ignore[arg-type]  # (ids too, its stub omits them)
        except KeyError:
            orths.clear()
            return Doc(self.vocab, words=words, spaces=spaces)
        if not self.vocab.in_memory_zone:  # type: ignore[attr-defined]  # (spaCy 3.8; its stub omits it)
            if len(orths) > _MAX_ORTHS:
                orths.clear()
            strings = self.vocab.strings
            for word in ids:
                if word.__class__ is str:
                    orths[word] = strings[word]
        return doc

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Language | None = None,
        pkuseg_model: str | os.PathLike[str] | None = None,
        user_words: Iterable[str] = (),
        user_dict: UserDictionary | None = None,
    ) -> None:
        """Load a pkuseg model directory and the words to keep whole (``user_dict``: their
        dictionary, built beforehand from the same words)."""
        self.user_words = user_words
        self.model_dir = Path(pkuseg_model) if pkuseg_model else None
        self._load(user_dict)

    def _load(self, user_dict: UserDictionary | None = None) -> None:
        if self.model_dir is None:
            self._segmenter = None
            return
        missing = [name for name in MODEL_FILES if not (self.model_dir / name).exists()]
        if missing:
            raise ModelError(f"pkuseg model {self.model_dir} lacks {', '.join(missing)}; "
                             "train one with scripts/train_segmenter.py")
        checked = check_model_dir(self.model_dir, MODEL_FILES)
        unlisted = [f for f in OPTIONAL_FILES if (self.model_dir / f).exists() and f not in checked]
        if unlisted:
            raise ModelError(f"pkuseg model {self.model_dir}: {', '.join(unlisted)} is not in its {MANIFEST}")
        from bulletin_nlp.segment.pkuseg import FastPkuseg

        try:
            self._segmenter = FastPkuseg(self.model_dir, user_dict if user_dict is not None else self.user_words,
                                         file_digests=checked)
        except Exception as exc:  # whatever a damaged file raises (msgpack, numpy, zipfile ...)
            raise ModelError(f"pkuseg model {self.model_dir}: cannot load it ({type(exc).__name__}: {exc})") from exc

    # serialisation -------------------------------------------------------------------------
    def _files(self) -> list[str]:
        assert self.model_dir is not None
        return [*MODEL_FILES, MANIFEST, *(name for name in OPTIONAL_FILES if (self.model_dir / name).exists())]

    def to_disk(self, path: str | Path, **kwargs: Any) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        if self.model_dir is not None:
            for name in self._files():
                if (self.model_dir / name).resolve() != (path / name).resolve():
                    shutil.copyfile(self.model_dir / name, path / name)
        (path / USER_DICT).write_text("\n".join(self.user_words), encoding="utf-8")
        srsly.write_json(path / "cfg", {"has_model": self.model_dir is not None})

    def from_disk(self, path: str | Path, **kwargs: Any) -> BulletinTokenizer:
        path = Path(path)
        cfg = srsly.read_json(path / "cfg")
        words = (path / USER_DICT).read_text(encoding="utf-8")
        self.user_words = [word for word in words.split("\n") if word]
        self.model_dir = path if cfg.get("has_model") else None
        self._load()
        return self

    def to_bytes(self, **kwargs: Any) -> bytes:
        data: dict[str, Any] = {"user_words": self.user_words, "files": {}}
        if self.model_dir is not None:
            data["files"] = {name: (self.model_dir / name).read_bytes() for name in self._files()}
        packed: bytes = srsly.msgpack_dumps(data)
        return packed

    def from_bytes(self, data: bytes, **kwargs: Any) -> BulletinTokenizer:
        loaded = srsly.msgpack_loads(data)
        files = loaded.get("files") or {} if isinstance(loaded, dict) else None
        if not isinstance(files, dict):
            raise ModelError("tokenizer bytes: not a bulletin_nlp tokenizer payload")
        allowed = {*MODEL_FILES, MANIFEST, *OPTIONAL_FILES}
        for name, content in files.items():  # written into a temporary folder: plain known names only
            if not is_plain_name(name) or name not in allowed or not isinstance(content, bytes):
                raise ModelError(f"tokenizer bytes: refusing model file {name!r} (expected one of {sorted(allowed)})")
        try:
            self.user_words = list(loaded["user_words"])
        except ValueError as exc:
            raise ModelError(f"tokenizer bytes: {exc}") from None
        self.model_dir = None
        if files:
            self._tmp = tempfile.TemporaryDirectory(prefix="bulletin-pkuseg-")
            self.model_dir = Path(self._tmp.name)
            for name, content in files.items():
                (self.model_dir / name).write_bytes(content)
        self._load()
        return self


# Registered by a call, not a decorator: catalogue's registries are untyped, and a decorator
# from them would leave create_tokenizer untyped. Here, below BulletinTokenizer, which its
# annotations name.
registry.tokenizers.register("bulletin_nlp.PkusegTokenizer.v1", func=evaluated_annotations(create_tokenizer))
