"""What the topic classifier reads of an item's agencies (bulletin_nlp.topics.features)."""

from __future__ import annotations

from bulletin_nlp.topics.features import agency_tokens, item_agencies


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
