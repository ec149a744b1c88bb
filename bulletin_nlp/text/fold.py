"""Length-preserving character folding, so that rules see one form of each character.

:func:`fold` maps full-width digits, letters and signs to ASCII, the many Unicode spaces to a
plain space, and traditional characters to simplified ones (OpenCC's character table, see
``data/t2s_chars.tsv``). Every character maps to exactly one character, so offsets into the
folded string are offsets into the original.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from bulletin_nlp.extensions import load_extension, use_extension
from bulletin_nlp.resources import data_path

if TYPE_CHECKING:
    from bulletin_nlp.text._fold import Folder

_fold = load_extension("bulletin_nlp.text._fold", api=3)  # the compiled fold, or None: str.translate
#: Whether :func:`fold` runs the compiled code (``text/_fold.pyx``, built at install).
COMPILED_FOLD = use_extension(_fold)

_SPACES = (
    "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u202f\u205f\u3000\ufeff"
)


#: The traditional → simplified characters of the fold, in the package's data folder.
FOLD_TABLE_FILE = "t2s_chars.tsv"


@lru_cache(maxsize=1)
def fold_table() -> dict[int, str]:
    """The translation table used by :func:`fold` (built once)."""
    table: dict[int, str] = {}
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII block
        char = chr(code - 0xFEE0)
        if char.isalnum() or char in "%+-./=":
            table[code] = char
    for char in _SPACES:
        table[ord(char)] = " "
    for code in range(0xD800, 0xE000):  # lone surrogates cannot reach spaCy's string store
        table[code] = "\ufffd"
    data = data_path(FOLD_TABLE_FILE)
    for line in data.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            trad, simp = line.split("\t")
            table[ord(trad)] = simp
    return table


def fold(text: str) -> str:
    """Fold ``text`` character by character; ``len(fold(text)) == len(text)``.

    >>> fold("２０２４年 棉被６５００條")
    '2024年 棉被6500条'
    """
    if COMPILED_FOLD:
        return _folder().fold(text)
    return text.translate(fold_table())


def folded_word_chars(text: str) -> str | None:
    """``fold(text).lower()`` with only its letters and numbers kept and decimal digits written
    0 (the topic features' normalisation), by the compiled fold in one pass; None where that is
    not built or a non-ASCII character of the text has a lowercase form (the caller then uses
    ``str.lower`` and regular expressions)."""
    if not COMPILED_FOLD:
        return None
    words: str | None = _folder().word_chars(text)
    return words


@lru_cache(maxsize=1)
def _folder() -> Folder:
    """The compiled fold over :func:`fold_table` (built once)."""
    assert _fold is not None  # called only when COMPILED_FOLD is set
    folder: Folder = _fold.Folder(fold_table())
    return folder


def compiled_folder(table: dict[int, str]) -> Folder | None:
    """The compiled mapping of characters through ``table`` (each value one character), or
    None where :data:`COMPILED_FOLD` is off: the caller then uses ``str.translate``."""
    if not COMPILED_FOLD:
        return None
    assert _fold is not None  # COMPILED_FOLD is only set when the extension is built
    folder: Folder = _fold.Folder(table)
    return folder
