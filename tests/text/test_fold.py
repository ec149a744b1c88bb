"""Length-preserving character folding (text/fold.py)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bulletin_nlp.segment.intmap import code_points
from bulletin_nlp.text import fold as fold_module
from bulletin_nlp.text.fold import fold, fold_table
from tests.support import SAMPLES, StrSubclass, corpus_records


def test_fold_full_width_digits_letters_and_signs_become_ascii() -> None:
    assert fold("２０２４．５％　ＰＭ２．５") == "2024.5% PM2.5"


def test_fold_unicode_spaces_become_plain_spaces() -> None:
    assert fold("县\u3000民政局\u00a0发放\u2003棉被\t") == "县 民政局 发放 棉被 "


def test_fold_traditional_characters_become_simplified() -> None:
    assert fold("縣民政局發放棉被") == "县民政局发放棉被"


def test_fold_full_width_brackets_and_punctuation_are_kept() -> None:
    text = "（民政局）【低温】，。：；"
    assert fold(text) == text


def test_fold_table_maps_every_character_to_one_character() -> None:
    assert all(len(target) == 1 for target in fold_table().values())


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_fold_works_character_by_character_and_keeps_the_length(text: str) -> None:
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == "".join(fold(char) for char in text)


def _table_characters() -> st.SearchStrategy[str]:
    """Texts mixing characters the table folds (astral and surrogate keys among them) with others."""
    keys = sorted(fold_table())
    folding = st.sampled_from(keys).map(chr)
    return st.text(alphabet=st.one_of(folding, st.characters(), st.sampled_from("县民政局 ，。0aA")), max_size=80)


def _compiled_and_translated(texts: list[str]) -> tuple[list[str], list[str]]:
    if fold_module._fold is None:
        pytest.skip("the compiled fold is not built")
    folder = fold_module._folder()  # built once: an array over every code point up to the table's largest
    return [folder.fold(text) for text in texts], [text.translate(fold_table()) for text in texts]


@settings(max_examples=400, deadline=None)
@given(st.lists(_table_characters(), max_size=4))
def test_the_compiled_fold_equals_str_translate(texts: list[str]) -> None:
    compiled, translated = _compiled_and_translated([*texts, "", "plain ascii", "\U0002b726\ud800x", "县\u3000"])
    assert compiled == translated


def test_the_compiled_fold_equals_str_translate_on_the_corpus_and_the_samples() -> None:
    texts = [record["text"] for record in corpus_records("dev", "test", "holdout")]
    texts += [path.read_text("utf-8") for path in sorted(SAMPLES.glob("*.txt"))]
    assert len(texts) > 20
    compiled, translated = _compiled_and_translated(texts)
    assert compiled == translated
    assert any(folded != text for folded, text in zip(translated, texts, strict=True))  # something was folded


@settings(max_examples=300, deadline=None)
@given(_table_characters())
def test_the_compiled_codes_are_the_code_points_of_the_translated_text(text: str) -> None:
    if fold_module._fold is None:
        pytest.skip("the compiled fold is not built")
    folder = fold_module._folder()
    for sample in (text, "", "\U0002b726\ud800x"):
        codes = folder.codes(sample)
        assert codes.dtype == np.int64
        np.testing.assert_array_equal(codes, code_points(sample.translate(fold_table())))


def test_the_compiled_fold_takes_a_subclass_of_str_and_gives_a_plain_str() -> None:
    texts = [StrSubclass("縣民政局發放棉被６５００條"), StrSubclass("nothing to fold"), StrSubclass("")]
    compiled, translated = _compiled_and_translated(texts)
    assert compiled == translated
    assert all(type(folded) is str for folded in compiled + [fold(text) for text in texts])
    folder = fold_module._folder()
    assert [list(folder.codes(text)) for text in texts] == [list(folder.codes(str(text))) for text in texts]
    assert [folder.word_chars(text) for text in texts] == [folder.word_chars(str(text)) for text in texts]
    for method in (folder.fold, folder.codes, folder.word_chars):
        with pytest.raises(TypeError, match="needs a str, got bytes"):
            method(b"bytes")


def test_the_compiled_fold_rejects_a_table_entry_of_two_characters() -> None:
    if fold_module._fold is None:
        pytest.skip("the compiled fold is not built")
    with pytest.raises(ValueError, match="exactly one character"):
        fold_module._fold.Folder({ord("a"): "bc"})
