"""The segmenter's user dictionary from the gazetteer: names it should keep whole.

Building it walks some 31,000 names (the township index of all of China included), a tenth
of a second and more at start-up, so the dictionary of the packaged gazetteer ships ready-made
in ``models/lexicon/user_dict.npz`` (:func:`user_dictionary` reads it), with the township
table's name indexes that towns.csv gives and the lengths its names have by their last two
characters (~40 ms more to build at a process's first bulletin).
The file carries the SHA-256 of the gazetteer files it was built from and is ignored when a
folder's files differ; rebuild it after editing the packaged ones, the fold table or the code
that reads them: ``python scripts/build_user_dict.py`` (``tests/entities/test_lexicon.py``
checks that the shipped file matches a fresh build).
"""

from __future__ import annotations

import hashlib
from itertools import accumulate, pairwise
from pathlib import Path

import numpy as np

from bulletin_nlp.entities.gazetteer import Gazetteer
from bulletin_nlp.npz_files import write_npz
from bulletin_nlp.resources import PathLike, data_path, model_path
from bulletin_nlp.segment.userdict import JoinedWords, UserDictionary, joined_strings, split_strings
from bulletin_nlp.text.fold import FOLD_TABLE_FILE

__all__ = ["MIN_TOWNSHIP_WORD", "SOURCE_FILES", "USER_DICT_FILE", "shipped_user_dictionary", "source_fingerprint",
           "user_dictionary", "user_words", "write_user_dictionary"]

#: Township names shorter than this are left to the segmenter (二台, 王楼 are words too).
MIN_TOWNSHIP_WORD = 3
#: The ready-made dictionary of the packaged gazetteer, in the shipped model folder ``lexicon``.
USER_DICT_FILE = "user_dict.npz"
#: The gazetteer files the user words and the township indexes come from (with the county lists
#: agencies_local.csv names, and the package's fold table: the township names' folded spellings).
SOURCE_FILES = ("agencies_national.tsv", "agencies_local.csv", "towns.csv", "ethnic_groups.txt")
_FORMAT = "bulletin_nlp user dictionary 4"


def user_words(gazetteer: Gazetteer) -> list[str]:
    """Agency names and aliases, and township names of at least :data:`MIN_TOWNSHIP_WORD` characters."""
    townships = (word for word in gazetteer.township_lexicon() if len(word) >= MIN_TOWNSHIP_WORD)
    return [*gazetteer.agency_lexicon(), *townships]


def user_dictionary(gazetteer: Gazetteer) -> tuple[JoinedWords, UserDictionary]:
    """The user words of ``gazetteer`` (sorted, each once) and their :class:`UserDictionary`:
    read from the shipped file when it was built from the same files, else built."""
    shipped = shipped_user_dictionary()
    if shipped is not None:
        loaded = read_user_dictionary(shipped, gazetteer)
        if loaded is not None:
            return loaded
    words = JoinedWords.of(user_words(gazetteer))
    return words, UserDictionary(words)


def shipped_user_dictionary() -> Path | None:
    """The shipped ``user_dict.npz``, or None."""
    folder = model_path("lexicon")
    return folder / USER_DICT_FILE if folder is not None and (folder / USER_DICT_FILE).is_file() else None


def source_fingerprint(gazetteer: Gazetteer) -> str:
    """SHA-256 of the files the archive is built from (names and contents, as ``gazetteer`` finds
    them; the fold table as :func:`~bulletin_nlp.text.fold.fold` reads it, from the package)."""
    digest = hashlib.sha256(_FORMAT.encode("utf-8"))
    paths = [*(gazetteer.path(name) for name in SOURCE_FILES), data_path(FOLD_TABLE_FILE),
             *gazetteer.agencies.local_files()]
    for path in paths:
        digest.update(b"\0" + path.name.encode("utf-8") + b"\0")
        digest.update(path.read_bytes() if path.exists() else b"(missing)")
    return digest.hexdigest()


def write_user_dictionary(path: PathLike, gazetteer: Gazetteer | None = None) -> Path:
    """Build the user dictionary of ``gazetteer`` (None: the packaged one) and write it to
    ``path`` (an ``.npz`` archive, byte for byte the same for the same sources). The default is
    a fresh Gazetteer, not the shared one, whose township indexes may come from the archive."""
    gazetteer = gazetteer if gazetteer is not None else Gazetteer()
    words = JoinedWords.of(user_words(gazetteer))
    arrays = {"fingerprint": np.frombuffer(source_fingerprint(gazetteer).encode("ascii"), dtype=np.uint8),
              "user_words": joined_strings(words, sort=False), **UserDictionary(words).to_arrays(),
              **_township_arrays(gazetteer)}
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_npz(target, arrays, deflate=lambda name: True)
    return target


def read_user_dictionary(path: PathLike, gazetteer: Gazetteer) -> tuple[JoinedWords, UserDictionary] | None:
    """The words and dictionary written to ``path``, or None when ``gazetteer``'s files are not
    the ones it was built from. The township name indexes written with them go to the
    gazetteer's township table (:meth:`~bulletin_nlp.entities.townships.TownshipTable.adopt_indexes`)."""
    with np.load(path, allow_pickle=False) as archive:
        if archive["fingerprint"].tobytes().decode("ascii") != source_fingerprint(gazetteer):
            return None
        arrays = {name: archive[name] for name in archive.files}
    _adopt_township_arrays(gazetteer, arrays)
    return JoinedWords.from_array(arrays["user_words"]), UserDictionary.from_arrays(arrays)


def _township_arrays(gazetteer: Gazetteer) -> dict[str, np.ndarray]:
    """The township table's name indexes as arrays (in their order): a process that reads them
    never reads towns.csv."""
    codes, ethnic, folded, ending_lengths = gazetteer.townships.indexes()
    return {"township_names": joined_strings(codes, sort=False),
            "township_codes": joined_strings(codes.values(), sort=False),
            "township_ethnic": joined_strings(("\t".join((short, *names)) for short, names in ethnic.items()),
                                              sort=False),
            "township_folded": joined_strings(("\t".join(pair) for pair in folded.items()), sort=False),
            "township_endings": joined_strings(ending_lengths, sort=False),
            "township_ending_counts": np.array([len(lengths) for lengths in ending_lengths.values()], dtype=np.uint16),
            "township_ending_lengths": np.array([length for lengths in ending_lengths.values() for length in lengths],
                                                dtype=np.uint16)}


def _adopt_township_arrays(gazetteer: Gazetteer, arrays: dict[str, np.ndarray]) -> None:
    ethnic = (line.split("\t") for line in split_strings(arrays["township_ethnic"]))
    lengths = arrays["township_ending_lengths"].tolist()
    bounds = list(accumulate(arrays["township_ending_counts"].tolist(), initial=0))
    gazetteer.townships.adopt_indexes(
        dict(zip(split_strings(arrays["township_names"]), split_strings(arrays["township_codes"]), strict=True)),
        {short: tuple(fulls) for short, *fulls in ethnic},
        dict(line.split("\t", 1) for line in split_strings(arrays["township_folded"])),
        dict(zip(split_strings(arrays["township_endings"]),
                 (tuple(lengths[start:end]) for start, end in pairwise(bounds)), strict=True)))
