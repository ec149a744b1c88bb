"""Tests for bulletin_nlp.entities.lexicon: the segmenter's user dictionary and its shipped,
ready-made copy (models/lexicon/user_dict.npz)."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from bulletin_nlp.entities.gazetteer import Gazetteer
from bulletin_nlp.entities.lexicon import (
    SOURCE_FILES,
    read_user_dictionary,
    shipped_user_dictionary,
    user_dictionary,
    user_words,
    write_user_dictionary,
)
from bulletin_nlp.resources import DATA_DIR
from bulletin_nlp.segment.userdict import JoinedWords, UserDictionary, joined_strings

TEXT = "县市场监督管理局联合城关镇、僧固乡开展专项检查，县卫健委派员参加。"


def assert_same_dictionary(one: UserDictionary, other: UserDictionary) -> None:
    assert one.words == other.words
    assert one.prefixes == other.prefixes
    assert np.array_equal(one.trie_keys, other.trie_keys)
    assert np.array_equal(one.trie_words, other.trie_words)
    assert one.walks == other.walks
    assert np.array_equal(one.pair_keys, other.pair_keys)
    assert np.array_equal(one.single_codes, other.single_codes)
    assert np.array_equal(one.bitmap, other.bitmap)
    assert one.plans([TEXT, "", " 城关镇 政府"]) == other.plans([TEXT, "", " 城关镇 政府"])


def test_lexicon_the_shipped_dictionary_matches_its_sources(tmp_path: Path) -> None:
    """The shipped file is what scripts/build_user_dict.py writes from the packaged gazetteer
    today (rebuild it after editing the gazetteer files or the code that reads them)."""
    shipped = shipped_user_dictionary()
    assert shipped is not None, "models/lexicon/user_dict.npz is missing: run scripts/build_user_dict.py"
    rebuilt = write_user_dictionary(tmp_path / "user_dict.npz", Gazetteer(DATA_DIR))
    with np.load(shipped) as old, np.load(rebuilt) as new:
        assert sorted(old.files) == sorted(new.files)
        for name in new.files:
            assert np.array_equal(old[name], new[name]), f"{name} differs: run scripts/build_user_dict.py"


def test_lexicon_the_shipped_dictionary_loads_equal_to_a_built_one() -> None:
    gazetteer = Gazetteer(DATA_DIR)
    words = sorted(set(user_words(gazetteer)))
    shipped = shipped_user_dictionary()
    assert shipped is not None
    loaded = read_user_dictionary(shipped, gazetteer)
    assert loaded is not None
    assert list(loaded[0]) == words
    assert_same_dictionary(loaded[1], UserDictionary(words))
    assert list(user_dictionary(gazetteer)[0]) == words


def test_lexicon_the_shipped_file_gives_the_township_indexes_of_towns_csv() -> None:
    """Reading the shipped file hands its township name indexes to the gazetteer, which then
    does not read towns.csv for them; they equal (order included) those built from it."""
    gazetteer = Gazetteer(DATA_DIR)
    shipped = shipped_user_dictionary()
    assert shipped is not None
    assert read_user_dictionary(shipped, gazetteer) is not None
    assert "_columns" not in vars(gazetteer.townships)  # towns.csv not read
    adopted = gazetteer.townships.indexes()
    built = Gazetteer(DATA_DIR).townships.indexes()
    assert [list(index.items()) for index in adopted] == [list(index.items()) for index in built]
    assert gazetteer.find_townships("县民政局联合王楼镇、钟英乡开展检查") == Gazetteer(DATA_DIR).find_townships(
        "县民政局联合王楼镇、钟英乡开展检查")


def test_lexicon_a_folder_with_other_sources_builds_its_own(tmp_path: Path) -> None:
    """A data folder whose files differ from those the shipped file was built from gets a
    dictionary built from its own files: a listed agency added there is a user word."""
    for name in SOURCE_FILES:
        shutil.copyfile(DATA_DIR / name, tmp_path / name)
    national = tmp_path / "agencies_national.tsv"
    lines = national.read_text(encoding="utf-8").splitlines()
    header = next(line for line in lines if not line.startswith("#")).split("\t")
    row = {"name": "县测试事务中心", "level": "county", "kind": "government", "aliases": ""}
    lines.append("\t".join(row.get(column, "") for column in header))
    national.write_text("\n".join(lines) + "\n", encoding="utf-8")
    gazetteer = Gazetteer(tmp_path)
    shipped = shipped_user_dictionary()
    assert shipped is not None
    assert read_user_dictionary(shipped, gazetteer) is None
    words, built = user_dictionary(gazetteer)
    assert "县测试事务中心" in words and "县测试事务中心" in built.words
    assert list(words) == sorted(set(user_words(gazetteer)))


@pytest.mark.parametrize("words", [[], ["县", "县局", "城关镇", "县市场监督管理局", "僧固乡 政府"],
                                   ["城关镇", "城关镇政府", "城南乡", "县城关镇", "县政府办", "县政府", "县政协"],
                                   ["城关镇\x00", "城关镇\x00\x00局", "县\x00局", "城关镇", "\ud800县局"]])
def test_lexicon_user_dictionary_arrays_round_trip(words: list[str]) -> None:
    """The dictionary read back from its arrays is the same, its dict of prefixes rebuilt from
    the trie included; the trie's keys are strictly increasing (the compiled walk searches them)."""
    built = UserDictionary(words)
    assert_same_dictionary(UserDictionary.from_arrays(built.to_arrays()), built)
    assert np.all(np.diff(built.trie_keys) > 0)
    assert len(built.trie_keys) == len(built.prefixes)


def test_lexicon_joined_words_read_from_an_archive_are_the_words_sorted_once() -> None:
    """The user words read from the archive are one string (no str per word) that iterates as the
    sorted, distinct words; the tokenizer keeps that string as it is."""
    words = JoinedWords.of(["城关镇", "县民政局", "", "城关镇", "僧固乡"])
    assert list(words) == ["僧固乡", "县民政局", "城关镇"] and JoinedWords.of(words) is words
    assert JoinedWords.from_array(joined_strings(list(words))) == words
    assert list(JoinedWords.of([])) == [] and JoinedWords.from_array(joined_strings([])).text == ""
    with pytest.raises(ValueError, match="line break"):
        JoinedWords.of(["县\r民政局"])
