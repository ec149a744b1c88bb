"""What the topic classifier reads of an item's agencies (bulletin_nlp.topics.features)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bulletin_nlp.text import fold as fold_module
from bulletin_nlp.text.fold import fold, fold_table
from bulletin_nlp.topics import features
from bulletin_nlp.topics.features import agency_tokens, item_agencies, normalize
from tests.support import StrSubclass


def test_agencies_of_sources_in_traditional_script_are_resolved():
    simplified = item_agencies({"sources": ["县水务局"]})
    assert simplified
    assert item_agencies({"sources": ["縣水務局"]}) == simplified


def test_agencies_come_from_the_first_sentence_when_no_source_or_headline_names_one():
    item = {"headline": "", "body": "◆县农业农村局组织农技人员深入茶园。县市场监管局同步抽检。", "sources": []}
    from_sources = item_agencies({"sources": ["县农业农村局"]})
    assert item_agencies(item) == from_sources
    assert "a:" + from_sources[0] in agency_tokens(item)


def test_sources_and_headline_come_before_the_body():
    body = "县市场监管局对全县果品收购点开展质量抽检。"
    by_source = item_agencies({"sources": ["县应急管理局"], "body": body})
    by_headline = item_agencies({"headline": "县应急管理局开展检查", "body": body})
    assert by_source == by_headline == item_agencies({"sources": ["县应急管理局"]})
    assert by_source != item_agencies({"body": body})


def _by_regular_expressions(text: str) -> str:
    return re.sub(r"\d", "0", re.sub(r"[\W_]+", "", fold(text).lower()))


_AWKWARD = ["İ", "Σ", "ΑΣ Σ", "ǅ", "Ⅻ", "٣", "_", "e\u0301", "ﬀ", "ß", "Ａｂ１", "縣", "\U0002b726", "\ud800", "²"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.characters(), st.sampled_from(_AWKWARD), st.sampled_from(sorted(fold_table())).map(chr)),
                max_size=40).map("".join))
def test_normalize_equals_folding_lowercasing_and_the_regular_expressions(text: str) -> None:
    if not fold_module.COMPILED_FOLD:
        pytest.skip("without the compiled fold normalize() is the regular expressions")
    assert normalize(text) == _by_regular_expressions(text)


def test_the_compiled_word_chars_hand_back_texts_with_cased_non_ascii_characters() -> None:
    if not fold_module.COMPILED_FOLD:
        pytest.skip("the compiled fold is not built (or BULLETIN_NLP_PURE_PYTHON is set)")
    folder = fold_module._folder()
    assert folder.word_chars("县民政局 ＰＭ２.５，下降12%_") == "县民政局pm00下降00"
    assert [folder.word_chars(text) for text in ("ΑΣ", "İ", "Ⅻ", "ǅ")] == [None] * 4
    assert all(normalize(text) == _by_regular_expressions(text) for text in _AWKWARD)


def test_normalize_without_the_compiled_fold_takes_the_regular_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(features, "folded_word_chars", lambda text: None)
    assert normalize("县生态环境局 打好“蓝天”保卫战，ＰＭ２.５下降 12%") == "县生态环境局打好蓝天保卫战pm00下降00"


def test_normalize_takes_a_subclass_of_str() -> None:
    text = "县生态环境局 打好“蓝天”保卫战，ＰＭ２.５下降 12%"
    assert normalize(StrSubclass(text)) == normalize(text) == _by_regular_expressions(text)
