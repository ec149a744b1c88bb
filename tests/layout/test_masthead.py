"""Masthead line and footer readers (layout/masthead.py), called directly."""

from __future__ import annotations

import pytest

from bulletin_nlp.layout.footer import read_footer, split_top_level
from bulletin_nlp.layout.masthead import MastheadFields, read_masthead_line


def read_lines(*lines: str) -> tuple[MastheadFields, list[bool], str]:
    """Read each line in turn into one MastheadFields, as the layout reader does."""
    text = "\n".join(lines)
    fields, recognised, start = MastheadFields(), [], 0
    for line in lines:
        recognised.append(read_masthead_line(text, start, start + len(line), fields))
        start += len(line) + 1
    return fields, recognised, text


def span_text(text: str, span: tuple[int, int] | None) -> str | None:
    return None if span is None else text[span[0] : span[1]]


def test_masthead_title_issue_publisher_and_date_lines() -> None:
    fields, recognised, text = read_lines(
        "延津政务快报", "第6期（总第345期）", "延津县人民政府办公室        2024年2月2日"
    )
    assert recognised == [True, True, True]
    assert span_text(text, fields.title) == "延津政务快报"
    assert fields.issue == 6  # not the total issue number
    assert span_text(text, fields.publisher) == "延津县人民政府办公室"
    assert fields.date == "2024-02-02"


@pytest.mark.parametrize(
    "line,date",
    [("2024年2月2日", "2024-02-02"), ("2024-03-08", "2024-03-08"), ("2024.3.8", "2024-03-08"),
     ("二〇二四年十月九日", "2024-10-09"), ("２０２４年５月８日", "2024-05-08")],
    ids=["arabic", "dashes", "dots", "chinese-numerals", "full-width"],
)
def test_masthead_date_forms(line: str, date: str | None) -> None:
    fields, _, _ = read_lines(line)
    assert fields.date == date


def test_masthead_impossible_date_is_recognised_but_not_read() -> None:
    fields, recognised, _ = read_lines("2024年2月31日")
    assert recognised == [True]
    assert fields.date is None


def test_masthead_first_value_of_a_field_is_kept() -> None:
    fields, _, _ = read_lines("第6期", "第7期", "2024年2月2日", "2024年3月3日")
    assert (fields.issue, fields.date) == (6, "2024-02-02")


def test_masthead_notes_are_recognised_and_body_text_is_not() -> None:
    fields, recognised, _ = read_lines("内部资料 注意保存", "县民政局成立工作专班，采购棉被 6500 条。")
    assert recognised == [True, False]
    assert fields == MastheadFields()


def test_masthead_footer_fields_and_distribution() -> None:
    footer, unread = read_footer("本期发：县委常委，县人大、县政府\n责任编辑：李勉    审 核：张三   签发：麻彦伟\n")
    assert footer.distribution == ("县委常委", "县人大", "县政府")
    assert (footer.editor, footer.reviewer, footer.issuer) == ("李勉", "张三", "麻彦伟")
    assert unread == []


def test_masthead_footer_keeps_notes_and_unknown_text_as_unread() -> None:
    footer, unread = read_footer("共 2 页\n本期送：县委办、（共印 120 份）\n校对：王五\n")
    assert footer.distribution == ("县委办",)
    assert unread == ["共 2 页", "（共印120份）", "校对：王五"]


def test_masthead_footer_values_come_from_the_original_characters() -> None:
    folded = "责任编辑：李勉"
    footer, _ = read_footer(folded, original="責任編輯：李勉")
    assert footer.editor == "李勉"
    footer, _ = read_footer("审核：张三", original="审核：張三")
    assert footer.reviewer == "張三"


def test_masthead_recipient_lists_split_outside_brackets_only() -> None:
    assert split_top_level("县委常委，县人大、各乡（镇、街道）；县直各单位。") == [
        "县委常委", "县人大", "各乡（镇、街道）", "县直各单位"]
    assert split_top_level(" ，、 ") == []
