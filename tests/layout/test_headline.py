"""Headline/body split and source brackets of an item's paragraphs (layout/headline.py), called directly."""

from __future__ import annotations

from bulletin_nlp.layout.headline import find_headline, find_sources, looks_like_headline_line

HEADLINE = "县民政局积极行动防范应对低温雨雪天气"
BODY = "县民政局成立工作专班，采购棉被 6500 条。"


def test_headline_space_marks_the_end() -> None:
    split = find_headline(HEADLINE + "  " + BODY)
    assert (split.headline, split.body_start, split.signal) == ((0, len(HEADLINE)), len(HEADLINE) + 2, "space")


def test_headline_glued_to_the_body_is_found_by_the_boundary_model() -> None:
    split = find_headline(HEADLINE + BODY)
    assert (split.headline, split.body_start, split.signal) == ((0, len(HEADLINE)), len(HEADLINE), "glued")


def test_headline_bold_span_is_the_headline() -> None:
    paragraph = HEADLINE + " " + BODY
    split = find_headline(paragraph, bold=(0, len(HEADLINE)))
    assert (split.headline, split.body_start, split.signal) == ((0, len(HEADLINE)), len(HEADLINE) + 1, "bold")


def test_headline_plain_sentence_has_none() -> None:
    split = find_headline(BODY)
    assert (split.headline, split.body_start, split.signal) == (None, 0, "none")


def test_headline_line_test_tells_headlines_from_sentences() -> None:
    assert looks_like_headline_line(HEADLINE)
    assert not looks_like_headline_line(BODY)


def test_headline_sources_bracket_at_the_end_is_split_into_names() -> None:
    paragraph = BODY + "（供稿：民政局、交通运输局）"
    found = find_sources(paragraph)
    assert found is not None
    start, end, names = found
    assert paragraph[start:end] == "（供稿：民政局、交通运输局）"
    assert [paragraph[a:b] for a, b in names] == ["民政局", "交通运输局"]


def test_headline_sources_need_a_closing_bracket_of_names() -> None:
    assert find_sources(BODY) is None
    assert find_sources(BODY + "（2024 年）") is None


def test_a_named_glued_headline_leaves_the_name_repeated_to_the_body():
    text = "柳泉镇：红色研学线路持续升温柳泉镇依托景区推出研学线路3条，接待学生5200余名。"
    split = find_headline(text)
    assert text[: split.body_start] == "柳泉镇：红色研学线路持续升温"
