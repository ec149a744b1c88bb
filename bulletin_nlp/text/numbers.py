"""Numbers as bulletins write them: Arabic, full-width and Chinese numerals with 百/千/万/亿.

:func:`parse_number` reads one number; the patterns and tables here are shared by the quantity
finder (``entities/quantities.py``) and the masthead reader (issue numbers, dates).
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

__all__ = [
    "ARABIC_RE",
    "CHINESE_RE",
    "CN_DIGITS",
    "CN_NUMERAL_CHARS",
    "DIGITS",
    "MAX_CN_LEN",
    "MULTIPLIERS",
    "NUMBER_RE",
    "NUMBER_START_RE",
    "parse_number",
    "parse_numeral",
    "plain_number",
    "scale_exact",
]

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3,
              "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8,
              "捌": 8, "九": 9, "玖": 9}
CN_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
MULTIPLIERS = {"百": 100, "千": 1000, "万": 10**4, "亿": 10**8}  # after a number: 5452 万元
CN_NUMERAL_CHARS = "".join([*CN_DIGITS, *CN_SMALL_UNITS, "万", "亿"])
DIGIT_CLASS = "0-9０-９"
DIGITS = frozenset("0123456789０１２３４５６７８９")
ARABIC_PATTERN = rf"[{DIGIT_CLASS}]+(?:,[{DIGIT_CLASS}]+)*(?:[.．][{DIGIT_CLASS}]+)?"
CHINESE_PATTERN = rf"[{CN_NUMERAL_CHARS}]+(?:点[{''.join(CN_DIGITS)}]+)?"
NUMBER_RE = re.compile(rf"(?P<pct>百分之)|(?P<ar>{ARABIC_PATTERN})|(?P<cn>{CHINESE_PATTERN})")
# The characters a number token starts with: NUMBER_RE matches wherever one stands. Searching for
# them first is faster than NUMBER_RE.search, which tries its three branches at every character.
NUMBER_START_RE = re.compile(rf"[{DIGIT_CLASS}{CN_NUMERAL_CHARS}]")
ARABIC_RE, CHINESE_RE = re.compile(ARABIC_PATTERN), re.compile(CHINESE_PATTERN)
_MIXED_RE = re.compile(rf"({ARABIC_PATTERN})\s*([百千万亿]*)")
_FULLWIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")
MAX_CN_LEN = 40      # no real Chinese numeral is longer
_MAX_AR_DIGITS = 300  # beyond this a float overflows


def _parse_arabic(numeral: str) -> float | None:
    if numeral.isascii() and numeral.isdigit():  # the usual case: plain digits
        return float(numeral) if len(numeral) <= _MAX_AR_DIGITS else None
    numeral = numeral.translate(_FULLWIDTH)
    groups = numeral.partition(".")[0].split(",")
    if len(numeral) > _MAX_AR_DIGITS or not groups[0]:
        return None
    if len(groups) > 1 and (len(groups[0]) > 3 or any(len(group) != 3 for group in groups[1:])):
        return None  # "3,5" is a list, not 35
    try:
        value = float(numeral.replace(",", ""))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _cn_int(numeral: str) -> int | None:
    """Parse a Chinese integer; None when malformed (两三, 十四五, 万)."""
    if all(char in CN_DIGITS for char in numeral):  # 五, or positional 二〇二四
        if len(numeral) == 1 or (len(numeral) >= 3 and "两" not in numeral):
            return int("".join(str(CN_DIGITS[char]) for char in numeral))
        return None
    total = section = prev_unit = after_unit = 0  # after_unit: 一千二 = 1200, 两万五 = 25000
    digit: int | None = None
    small_cap = 10**4  # units inside a section decrease: 一千二百

    def flush() -> int:
        return 0 if digit is None else digit * (after_unit // 10 if after_unit >= 100 else 1)

    for char in numeral:
        if char in CN_DIGITS:
            if digit:
                return None  # two digits in a row: 两三, 七八 (零 may precede one: 一百零五)
            after_unit, digit, prev_unit = prev_unit, CN_DIGITS[char], 0
        elif char in CN_SMALL_UNITS:
            unit = CN_SMALL_UNITS[char]
            if digit is None and unit == 10 and section == 0:
                digit = 1  # 十五
            if not digit or unit >= small_cap:
                return None
            section, digit, small_cap, prev_unit = section + digit * unit, None, unit, unit
        else:  # 万 or 亿
            section += flush()
            if section == 0 and (char == "万" or total == 0):
                return None
            total = (total + section) * 10**8 if char == "亿" else total + section * 10**4
            digit, section, small_cap, prev_unit = None, 0, 10**4, MULTIPLIERS[char]
    return total + section + flush()


def _parse_cn(numeral: str) -> float | None:
    whole, dot, frac = numeral.partition("点")
    if not whole or len(numeral) > MAX_CN_LEN or (dot and any(char not in "零〇一二三四五六七八九"
                                                          for char in frac or "x")):
        return None
    integer = _cn_int(whole)
    if integer is None or integer > 10**300:
        return None
    return integer + (float("0." + "".join(str(CN_DIGITS[char]) for char in frac)) if dot else 0.0)


def scale_exact(value: float, factor: float) -> float:
    """value × factor without binary noise: 1.16 亿 is 116000000.0, not 115999999.99999999."""
    return float(Decimal(repr(value)) * Decimal(factor)) if factor != 1 else value


def parse_numeral(tok: str, arabic: bool) -> float | None:
    """Parse one numeral token matched by ARABIC_RE (``arabic``) or CHINESE_RE; None if malformed."""
    return _parse_arabic(tok) if arabic else _parse_cn(tok)


def parse_number(s: str) -> float | None:
    """Parse an Arabic, full-width or Chinese numeral, with optional 百/千/万/亿 multipliers.

    Returns None for anything that is not exactly one well-formed number.

    >>> parse_number("5452万"), parse_number("1.5万"), parse_number("1.16亿"), parse_number("1,200")
    (54520000.0, 15000.0, 116000000.0, 1200.0)
    >>> parse_number("２０２４"), parse_number("５４．８")
    (2024.0, 54.8)
    >>> parse_number("两"), parse_number("十五"), parse_number("三十"), parse_number("一千二百")
    (2.0, 15.0, 30.0, 1200.0)
    >>> parse_number("一百零五"), parse_number("两万五"), parse_number("一亿二千万")
    (105.0, 25000.0, 120000000.0)
    >>> parse_number("五十四点八"), parse_number("二〇二四")
    (54.8, 2024.0)
    >>> [parse_number(x) for x in ("", "两三", "十四五", "万", "PM2.5", "3,5", "1" * 500)]
    [None, None, None, None, None, None, None]
    """
    s = s.strip()
    mixed = _MIXED_RE.fullmatch(s)
    if mixed:
        value = _parse_arabic(mixed[1])
        factor = math.prod(float(MULTIPLIERS[char]) for char in mixed[2])
        value = None if value is None or not math.isfinite(factor) else scale_exact(value, factor)
    else:
        value = _parse_cn(s) if CHINESE_RE.fullmatch(s) else None
    return float(value) if value is not None and math.isfinite(value) else None


def plain_number(value: float) -> str:
    """``54520000`` rather than ``5.452e+07``; decimals as written (``54.8``).

    >>> plain_number(54520000.0), plain_number(54.8)
    ('54520000', '54.8')
    """
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return repr(value)
