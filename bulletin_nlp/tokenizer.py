"""A lossless Chinese tokenizer for spaCy built on a spacy-pkuseg model.

Words come from :class:`~bulletin_nlp.segmenter.FastPkuseg` (token-for-token the output of
spacy-pkuseg, several times faster) with a user dictionary of agency and township names, so
that those names come out as whole tokens. Whitespace, which pkuseg drops, is restored by
:func:`spacy.util.get_words_and_spaces`, so ``doc.text`` is always the text given. Without a
model the tokenizer falls back to one token per character.

Registered as ``bulletin_nlp.PkusegTokenizer.v1``; the model files and the user dictionary
travel with ``nlp.to_disk``/``to_bytes``.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import srsly
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from .errors import ModelError

MODEL_FILES = ("features.msgpack", "weights.npz")
OPTIONAL_FILES = ("tables.npz",)  # FastPkuseg's derived tables: faster loading when present
USER_DICT = "user_dict.txt"
TEXT_KEY = "bulletin_text"


@registry.tokenizers("bulletin_nlp.PkusegTokenizer.v1")
def create_tokenizer() -> Callable[[Language], BulletinTokenizer]:
    """The spaCy registry entry; the model is set in ``initialize`` or loaded from disk."""

    def make(nlp: Language) -> BulletinTokenizer:
        return BulletinTokenizer(nlp.vocab)

    return make


def words_and_spaces(words: Iterable[str], text: str) -> tuple[list[str], list[bool]]:
    """Align ``words`` (whitespace dropped) with ``text``: spaCy's ``get_words_and_spaces``
    in linear time (spaCy's copies the rest of the text for every word)."""
    out_words: list[str] = []
    spaces: list[bool] = []
    position = 0
    for word in words:
        if word.isspace():
            continue
        start = text.find(word, position)
        if start < 0:
            raise ValueError(f"segmenter word {word!r} not found in the text after offset {position}")
        if start > position:
            out_words.append(text[position:start])
            spaces.append(False)
        out_words.append(word)
        spaces.append(False)
        position = start + len(word)
        if text.startswith(" ", position):
            spaces[-1] = True
            position += 1
    if position < len(text):
        out_words.append(text[position:])
        spaces.append(False)
    return out_words, spaces


class BulletinTokenizer:
    """Callable ``str -> Doc`` with pkuseg words and spaCy serialisation."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.model_dir: Path | None = None
        self.user_words: list[str] = []
        self._segmenter: Any = None
        self._tmp: tempfile.TemporaryDirectory[str] | None = None

    def __call__(self, text: str) -> Doc:
        if self._segmenter is None:
            words = [c for c in text if not c.isspace()]
        else:
            words = self._segmenter.cut(text)
        words, spaces = words_and_spaces(words, text)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc.user_data[TEXT_KEY] = text  # doc.text walks every token; the rulers read this
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterable[Doc]:
        for text in texts:
            yield self(text)

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Language | None = None,
        pkuseg_model: str | Path | None = None,
        user_words: Iterable[str] = (),
    ) -> None:
        """Load a pkuseg model directory and the words to keep whole."""
        self.user_words = sorted(set(user_words))
        self.model_dir = Path(pkuseg_model) if pkuseg_model else None
        self._load()

    def _load(self) -> None:
        if self.model_dir is None:
            self._segmenter = None
            return
        missing = [f for f in MODEL_FILES if not (self.model_dir / f).exists()]
        if missing:
            raise ModelError(f"pkuseg model {self.model_dir} lacks {', '.join(missing)}; "
                             "train one with scripts/train_segmenter.py")
        from .segmenter import FastPkuseg

        self._segmenter = FastPkuseg(self.model_dir, self.user_words)

    # serialisation -------------------------------------------------------------------------
    def _files(self) -> list[str]:
        assert self.model_dir is not None
        return [*MODEL_FILES, *(name for name in OPTIONAL_FILES if (self.model_dir / name).exists())]

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
        self.user_words = [w for w in words.split("\n") if w]
        self.model_dir = path if cfg.get("has_model") else None
        self._load()
        return self

    def to_bytes(self, **kwargs: Any) -> bytes:
        data: dict[str, Any] = {"user_words": self.user_words, "files": {}}
        if self.model_dir is not None:
            data["files"] = {name: (self.model_dir / name).read_bytes() for name in self._files()}
        return srsly.msgpack_dumps(data)

    def from_bytes(self, data: bytes, **kwargs: Any) -> BulletinTokenizer:
        loaded = srsly.msgpack_loads(data)
        self.user_words = list(loaded["user_words"])
        self.model_dir = None
        if loaded["files"]:
            self._tmp = tempfile.TemporaryDirectory(prefix="bulletin-pkuseg-")
            self.model_dir = Path(self._tmp.name)
            for name, content in loaded["files"].items():
                (self.model_dir / name).write_bytes(content)
        self._load()
        return self
