"""DATE mentions (bulletin_nlp.entities.dates) and the DATE ruler in the pipeline."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bulletin_nlp
import bulletin_nlp.resources
from bulletin_nlp.entities.dates import find_dates, time_words

BULLETIN_DATE = "2024-11-20"


def one(text: str, bulletin_date: str | None = BULLETIN_DATE) -> tuple[str, tuple | None]:
    """The single DATE of ``text``: its span text and interval."""
    found = find_dates(text, bulletin_date)
    assert len(found) == 1, [text[m.start : m.end] for m in found]
    return text[found[0].start : found[0].end], found[0].interval


@pytest.mark.parametrize("written, interval", [
    ("2024 年 2 月 2 日", ("2024-02-02", "2024-02-02")),
    ("二〇二四年十月九日", ("2024-10-09", "2024-10-09")),
    ("２０２４年６月１８日", ("2024-06-18", "2024-06-18")),
    ("2023年", ("2023-01-01", "2023-12-31")),
    ("2025 年度", ("2025-01-01", "2025-12-31")),
    ("一季度", ("2024-01-01", "2024-03-31")),
    ("第四季度", ("2024-10-01", "2024-12-31")),
    ("上半年", ("2024-01-01", "2024-06-30")),
    ("10 月 20 日", ("2024-10-20", "2024-10-20")),
    ("6月29日上午", ("2024-06-29", "2024-06-29")),
])
def test_dates_calendar_dates(written: str, interval: tuple) -> None:
    assert one(f"，{written}，全县完成") == (written, interval)


@pytest.mark.parametrize("written, interval", [
    ("4月15日至20日", ("2024-04-15", "2024-04-20")),
    ("4月28日至5月3日", ("2024-04-28", "2024-05-03")),
    ("10月上旬", ("2024-10-01", "2024-10-10")),
    ("3月中旬", ("2024-03-11", "2024-03-20")),
    ("12月下旬", ("2024-12-21", "2024-12-31")),
    ("本月", ("2024-11-01", "2024-11-30")),
    ("上月", ("2024-10-01", "2024-10-31")),
])
def test_dates_day_ranges_ten_day_parts_and_relative_months(written: str, interval: tuple) -> None:
    assert one(f"。{written}，共检查") == (written, interval)


def test_dates_relative_month_across_a_year() -> None:
    assert one("上月，", "2025-01-10")[1] == ("2024-12-01", "2024-12-31")


@pytest.mark.parametrize("written", ["1-10月", "1至10月", "1—10 月份", "１－１０月", "1月至10月"])
def test_dates_month_ranges_run_from_the_first_to_the_last_day(written: str) -> None:
    assert one(f"{written}，全县")[1] == ("2024-01-01", "2024-10-31")


def test_dates_month_range_after_the_bulletin_month_is_last_year() -> None:
    assert one("11-12 月，全县", "2025-01-10")[1] == ("2024-11-01", "2024-12-31")


@pytest.mark.parametrize("written, interval", [
    ("截至目前", (None, BULLETIN_DATE)),
    ("目前", (None, BULLETIN_DATE)),
    ("截至 10 月 20 日", (None, "2024-10-20")),
    ("截至 3 月底", (None, "2024-03-31")),
    ("今年以来", ("2024-01-01", BULLETIN_DATE)),
    ("2 月份以来", ("2024-02-01", BULLETIN_DATE)),
    ("入冬以来", (None, BULLETIN_DATE)),
    ("国庆以来", ("2024-10-01", BULLETIN_DATE)),
    ("自工作开展以来", (None, BULLETIN_DATE)),
    ("近日", (None, BULLETIN_DATE)),
    ("2000 年以前", (None, "1999-12-31")),
])
def test_dates_relative_dates_end_at_the_bulletin_date_or_their_own(written: str, interval: tuple) -> None:
    assert one(f"。{written}，共检查") == (written, interval)


@pytest.mark.parametrize("written", ["春节期间", "國慶假期", "暑假前", "活动期间"])
def test_dates_holidays_and_events_have_no_value(written: str) -> None:
    assert one(f"。{written}，共接待") == (written, None)


@pytest.mark.parametrize("text", [
    "2024 年第 42 期", "落实“一周一通报、一月一评比”制度", "每月召开", "24 小时值班", "连续 3 个月",
    "项目前期准备工作", "较去年同期下降", "〔2021〕5号", "年度计划", "全年产量",
])
def test_dates_not_dates(text: str) -> None:
    assert find_dates(text, BULLETIN_DATE) == []


def test_dates_year_opening_a_quoted_name_is_a_date() -> None:
    assert one("《延津县“2024迎新春消费季”活动方案》")[0] == "2024"


def test_dates_without_a_bulletin_date_implicit_years_stay_null() -> None:
    assert one("10 月 20 日，", None)[1] == (None, None)
    assert one("今年以来，", None)[1] == (None, None)
    assert one("2023年，", None)[1] == ("2023-01-01", "2023-12-31")


def test_dates_word_lists_are_data() -> None:
    words = time_words()
    assert "目前" in words.now and words.parts["上半年"] == ("01-01", "06-30")
    assert words.holiday_suffixes["以来"] == "since"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="0123456789年月日至-截今以来目前春节期间，。 一二十季度上半", max_size=60),
       st.sampled_from([None, "2024-11-20", "2024-02-29", "not a date"]))
def test_dates_spans_are_ordered_disjoint_and_intervals_well_formed(text: str, date: str | None) -> None:
    found = find_dates(text, date)
    for a, b in itertools.pairwise(found):
        assert a.end <= b.start
    for m in found:
        assert 0 <= m.start < m.end <= len(text) and not text[m.start].isspace()
        if m.interval and m.interval[0] and m.interval[1]:
            assert m.interval[0] <= m.interval[1]


def test_dates_ruler_in_parse_offsets_and_items(nlp) -> None:
    text = ("延津政务快报\n\n第 6 期\n\n延津县人民政府办公室\n\n2024 年 2 月 2 日\n\n【民生】\n\n"
            "县民政局发放棉被 目前，采购棉被 6500 条。（民政局）\n")
    bulletin = bulletin_nlp.parse(text, nlp=nlp)
    dates = [e for e in bulletin.entities if e.label == "DATE"]
    assert [d.text for d in dates] == ["2024 年 2 月 2 日", "目前"]
    assert all(text[d.start : d.end] == d.text for d in dates)
    assert dates[0].item is None and dates[1].item == (0, 0)
    assert dates[1].interval == (None, "2024-02-02")
    assert bulletin.to_dict()["entities"][-1]["item"] == [0, 0]


def test_dates_word_lists_come_from_a_data_dir(tmp_path) -> None:
    """A data folder's time_words.txt replaces the packaged one (a saved pipeline's copy too)."""
    packaged = (bulletin_nlp.resources.data_path("time_words.txt")).read_text("utf-8")
    edited = packaged.replace("\n近日\n", "\n", 1)
    assert edited != packaged
    (tmp_path / "time_words.txt").write_text(edited, "utf-8")
    text = "近日，县民政局发放棉被。"
    assert [m.text for m in find_dates(text, BULLETIN_DATE)] == ["近日"]
    assert find_dates(text, BULLETIN_DATE, data_dir=tmp_path) == []


def test_dates_bare_nlp_resolves_dates_against_the_masthead_date(nlp) -> None:
    doc = nlp("延津政务快报\n\n第 6 期\n\n延津县人民政府办公室\n\n2024 年 2 月 2 日\n\n目前，采购棉被 6500 条。\n")
    assert doc._.bulletin_context.date == "2024-02-02"
    dates = [span for span in doc.spans["bulletin"] if span.label_ == "DATE"]
    assert [span.text for span in dates] == ["2024 年 2 月 2 日", "目前"]
    assert tuple(dates[1]._.bulletin["interval"]) == (None, "2024-02-02")


_DATE_PIECES = [*"0123456789〇零一二三四五六七八九十两年月日号份底末初上中下旬度季第首前半今本去明当个自从以来之",
                *"-－—–~～至到 ，。的工作县", "今年", "上半年", "一季度", "第三季度", "本月", "上个月", "以来",
                "2024 年"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_DATE_PIECES), min_size=1, max_size=16).map("".join))
def test_the_dates_pattern_guard_only_skips_where_nothing_would_match(text: str) -> None:
    """The second lookahead of the dates' pattern (a number before 年, 月 or a range sign, an
    opener or a time word) skips only positions where the all-optional pattern matches nothing."""
    from bulletin_nlp.entities.dates import _patterns

    def non_empty(pattern: re.Pattern[str]) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
        return [(match.span(), match.groupdict()) for match in pattern.finditer(text) if match.group().strip()]

    guarded, plain = _patterns(None)[1], _patterns(None, guarded=False)[1]
    assert guarded.pattern != plain.pattern
    assert non_empty(guarded) == non_empty(plain)
