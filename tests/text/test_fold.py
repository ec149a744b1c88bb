"""Length-preserving character folding (text/fold.py)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bulletin_nlp.text.fold import fold, fold_table


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
