"""Number parsing: Arabic, full-width and Chinese numerals with multipliers (text/numbers.py)."""

from __future__ import annotations

import pytest

from bulletin_nlp.text.numbers import parse_number

P = pytest.param


@pytest.mark.parametrize(("text", "value"), [
    P("5452", 5452.0, id="arabic"),
    P("54.8", 54.8, id="decimal"),
    P("２０２４", 2024.0, id="fullwidth"),
    P("１２．５", 12.5, id="fullwidth-decimal"),
    P("1,200", 1200.0, id="comma"),
    P("5452万", 54520000.0, id="arabic-wan"),
    P("1.5万", 15000.0, id="mixed"),
    P("3 亿", 300000000.0, id="arabic-space-yi"),
    P("两", 2.0, id="liang"),
    P("十", 10.0, id="shi"),
    P("十五", 15.0, id="shiwu"),
    P("三十", 30.0, id="sanshi"),
    P("一百一十", 110.0, id="yibaiyishi"),
    P("一千二百", 1200.0, id="yiqianerbai"),
    P("一千二", 1200.0, id="abbreviated"),
    P("一百零五", 105.0, id="ling"),
    P("两万五", 25000.0, id="liangwanwu"),
    P("三十万", 300000.0, id="sanshiwan"),
    P("一亿二千万", 120000000.0, id="yi-qianwan"),
    P("五十四点八", 54.8, id="cn-decimal"),
    P("零点五", 0.5, id="ling-dian"),
    P("二〇二四", 2024.0, id="positional"),
    P("贰佰", 200.0, id="financial"),
])
def test_numbers_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", [
    "", "  ", "万", "百", "两三", "七八", "十四五", "一千一千", "3,5", "PM2.5", "abc",
    "1" * 10000, "一" * 100, "5.", "点五",
])
def test_numbers_parse_number_rejects(text: str) -> None:
    assert parse_number(text) is None
