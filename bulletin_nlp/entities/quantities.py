"""Character-level quantity finder for 政务快报 bulletins (docs/annotation.md, QUANTITY).

A quantity is ``[prefix qualifier] number [multiplier] [余/多] [multiplier] unit [suffix
qualifier]``: ``近 30 亿元``, ``500 余公里``, ``2 万余人``, ``100 人以上``, ``54.8％``,
``百分之三十``. Units, measure words and qualifiers are data (``data/units.txt``), and so are
fixed words containing Chinese numerals (``data/numeral_words.txt``).

Whitespace: up to four whitespace characters (space, U+3000, tab, newline) may separate the
parts of a quantity and stay in the span, so a page break inside a quantity (``24\\n\\n小时``)
is found like ``24 小时``. ``text == input[start:end]`` always holds.

Not quantities: bare numbers; dates (年 counts only below 100; 月/日/号/季度 never); ordinals
(第…); ranges (``3-5 人``, ``三至五天``, ``3 人至 5 人``); identifiers (``PM2.5``, ``G107``,
``60·80``, ``2024.5.6``); titles in 《》; names opening a quotation (``“七项便民服务举措”``);
durations opening a system name (``24 小时值班带班制度``); Chinese N-X-N slogans
(``一户一档``); fixed words; imprecise (``数十人``) or malformed (``两三天``) numerals.
Every step looks at a bounded window, so a scan is linear in the length of the text.
"""
from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bulletin_nlp.frozen_builders import positional_builder
from bulletin_nlp.resources import PathLike, data_file, read_sections
from bulletin_nlp.text.chars import HAN, WHITESPACE
from bulletin_nlp.text.numbers import (
    ARABIC_RE,
    CHINESE_RE,
    CN_DIGITS,
    CN_NUMERAL_CHARS,
    DIGITS,
    MAX_CN_LEN,
    MULTIPLIERS,
    NUMBER_RE,
    NUMBER_START_RE,
    parse_numeral,
    scale_exact,
)

__all__ = ["QUANTITY_FILES", "QuantityMatch", "find_quantities", "is_issue_number"]

_NAME_RE = re.compile(rf"[{HAN}]{{0,4}}?(?:制度|机制|行动|计划|规划|制(?![{HAN}]))")
_WS_SET = frozenset(WHITESPACE)
_MAX_WS = 4
_WS_RE = re.compile(rf"[{WHITESPACE}]{{0,{_MAX_WS}}}")
_RANGE = "-－—–~～〜至到"
_RANGE_GAP_RE = re.compile(rf"[{WHITESPACE}]{{0,{_MAX_WS}}}[{_RANGE}][{WHITESPACE}]{{0,{_MAX_WS}}}")
_OPEN_QUOTES = "“「『‘"
_ORDINAL_OR_QUOTE = "第" + _OPEN_QUOTES
_QUOTE_SPAN = 20  # quotations this short are names and slogans
_LINKS = "·•・"
#: A list of ordinals up to here: 第3、4项, 第11、12项 (the text before "、N").
_ORDINAL_LIST_RE = re.compile(rf"第[{WHITESPACE}]*[0-9０-９{CN_NUMERAL_CHARS}]+(?:、[0-9０-９{CN_NUMERAL_CHARS}]+)*、$")
#: A congress or committee term before a session number: 十六届人大, 十二届, 第十八届县委.
_SESSION_RE = re.compile(rf"届[{HAN}]{{0,8}}$")
#: After a Chinese-numeral count of 项/条: a named package of measures (十项举措), not a count.
_MEASURES_RE = re.compile("举措|措施|规定|机制|禁令|承诺|硬措施|补贴|主线")
#: Last characters of a project's or site's name: a Chinese 期 after them is its phase (产业园二期).
_PROJECT_ENDS = frozenset("园区城镇厂站馆场地楼程目院港库")
#: A short quoted slogan after a Chinese count of 个 (两个“零”目标, 四个“不摘”, 三个“一”): a named set.
_NAMED_SET_RE = re.compile(f"“[{HAN}]{{1,2}}”")
#: Verbs after which 一个/一条 + "…的" + noun is an article (营造一个风清气正的氛围, 走出了一条
#: …的新路子).
_ARTICLE_VERBS = ("营造", "打造", "形成", "构建", "创造", "树立", "成为", "搭建", "建设成",
                  "走出", "走出了", "探索出", "探索出了", "闯出", "闯出了", "蹚出", "开辟出")
_ARTICLE_OBJECT_RE = re.compile(rf"[{HAN}“”、]{{1,14}}的")
#: A rank before 名/位: 排名后两位, 位列前三名, 窗口单位前三名 (but 先后两名 counts).
_RANK_BEFORE_RE = re.compile(f"(?<!先)[前后][{WHITESPACE}]*$")
#: An issue number on a line of its own (5期, 962 期, 第 十 二 期): the masthead, not a count.
_ISSUE_LINE_RE = re.compile(rf"第?[0-9０-９{CN_NUMERAL_CHARS}]+期(?:[（(][^（）()\n]{{0,12}}[）)])?"
                            rf"(?:[/／|｜]?第[0-9０-９{CN_NUMERAL_CHARS}]+版)?")  # an e-paper's 1503 期 / 第1版
_LINE_SPACE_RE = re.compile("[ \t\r\u3000]+")

_Unit = tuple[int, int, str, str | None]  # start, end, reported unit, tag (time/year)
# written, reported unit, tag, whether some not-unit word begins with it (期 in 期间), whether it
# ends in a Latin letter (km)
_UnitEntry = tuple[str, str, "str | None", bool, bool]


@dataclass(frozen=True)
class QuantityMatch:
    """One quantity mention: ``text == input[start:end]``; ``value`` has 万/亿 multiplied out."""

    start: int
    end: int
    text: str
    value: float
    unit: str
    qualifier: str | None


_build_match = positional_builder(QuantityMatch)  # QuantityMatch(...) at under half the cost (frozen_builders)


@dataclass(frozen=True)
class _Lexicon:
    """The word lists, indexed for lookups at a position; every word list is longest first."""

    units_by_first: dict[str, tuple[_UnitEntry, ...]]  # first character -> units
    not_units: frozenset[str]
    denominators: tuple[str, ...]
    prefixes_by_last: dict[str, tuple[str, ...]]  # last character -> prefix qualifiers
    blockers: tuple[str, ...]
    inner: frozenset[str]
    suffixes_by_first: dict[str, tuple[str, ...]]  # first character -> suffix qualifiers
    fixed_re: re.Pattern[str]  # at each position, the longest fixed word starting there
    fixed_exceptions: frozenset[str]  # fixed words marked "!": numerals after all (一起案)
    max_not_unit: int
    max_fixed: int


def _longest_first(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(words), key=len)[::-1])


def _by_char(words: Iterable[str], index: int) -> dict[str, tuple[str, ...]]:
    """{character at index (0: first, -1: last): words with it, longest first}."""
    out: dict[str, list[str]] = {}
    for word in _longest_first(words):
        out.setdefault(word[index], []).append(word)
    return {char: tuple(char_words) for char, char_words in out.items()}


def _unit_entries(units: dict[str, tuple[str, str | None]],
                  not_units: tuple[str, ...]) -> dict[str, tuple[_UnitEntry, ...]]:
    """{first character: units written with it, longest first}; units: written -> (unit, tag)."""
    starts_not_unit = {not_unit[:end] for not_unit in not_units for end in range(1, len(not_unit) + 1)}
    return {char: tuple((written, *units[written], written in starts_not_unit,
                         written[-1].isascii() and written[-1].isalpha()) for written in written_units)
            for char, written_units in _by_char(units, 0).items()}


#: The files the quantity finder reads (``bulletin_nlp/data`` or a folder given to it).
QUANTITY_FILES = ("units.txt", "numeral_words.txt")


def _lexicon(data_dir: PathLike | None = None) -> _Lexicon:
    """The word lists of ``data_dir`` (None: the packaged ones), loaded once per folder."""
    return _load_lexicon(Path(data_dir).resolve() if data_dir is not None else None)


@lru_cache(maxsize=8)
def _load_lexicon(data_dir: Path | None) -> _Lexicon:
    sections = read_sections(data_file(data_dir, "units.txt"))
    units: dict[str, tuple[str, str | None]] = {}
    for line in sections["units"]:
        tokens = line.split()
        canonical = tokens[tokens.index("->") + 1] if "->" in tokens else tokens[0]
        units[tokens[0]] = (canonical, next((token[1:] for token in tokens if token[0] == "@"), None))

    def words(name: str) -> tuple[str, ...]:
        return _longest_first(word for entry in sections.get(name, []) for word in entry.split())

    fixed = [(word.lstrip("!"), word[0] == "!") for word in read_sections(data_file(data_dir, "numeral_words.txt"))[""]]
    fixed_words = _longest_first(word for word, _ in fixed)
    # the longest alternative that matches comes first; the lookahead finds overlapping words
    fixed_re = re.compile(f"(?=({'|'.join(map(re.escape, fixed_words))}))" if fixed else "(?!)")
    not_units = words("not_units")
    return _Lexicon(_unit_entries(units, not_units), frozenset(not_units), words("denominators"),
                    _by_char(words("prefix_qualifiers"), -1), words("prefix_blockers"),
                    frozenset(words("inner_qualifiers")), _by_char(words("suffix_qualifiers"), 0),
                    fixed_re, frozenset(word for word, exception in fixed if exception),
                    len(not_units[0]) if not_units else 0,
                    max((len(word) for word, _ in fixed), default=0))


def _skip_ws(text: str, position: int) -> int:
    if text[position:position + 1] not in _WS_SET:
        return position  # the usual case, without a regex call
    spaces = _WS_RE.match(text, position)  # matches at least the empty string
    return spaces.end() if spaces else position


def _back_ws(text: str, position: int) -> int:
    start = position
    while start > 0 and position - start < _MAX_WS and text[start - 1] in WHITESPACE:
        start -= 1
    return start


def _match_unit(text: str, position: int, lex: _Lexicon) -> _Unit | None:
    """The longest unit written at ``position``, unless a not-unit word (期间, 台账) starts there."""
    for written, unit, tag, extended, latin in lex.units_by_first.get(text[position:position + 1], ()):
        if not text.startswith(written, position):
            continue
        length = len(written)
        if extended and any(
                text[position:position + size] in lex.not_units for size in range(length + 1, lex.max_not_unit + 1)):
            return None
        if latin and (after := text[position + length:position + length + 1]).isascii() and after.isalpha():
            return None  # "5 kms" is not km
        if tag == "within" and not text.startswith(("内", "以内"), position + length):
            return None  # "21 日" is a date; "10 日内" a duration
        return position, position + length, unit, tag
    return None


def _full_unit(text: str, position: int, lex: _Lexicon) -> _Unit | None:
    """A unit with an optional bracketed alternative (台（套）) or rate denominator (元/吨)."""
    base = _match_unit(text, position, lex)
    if base is None:
        return None
    start, end, unit, tag = base
    next_char = text[end:end + 1]
    if next_char and next_char in "(（":
        alt = _match_unit(text, end + 1, lex)
        if alt and text[alt[1]:alt[1] + 1] in (")", "）"):
            return start, alt[1] + 1, f"{unit}（{alt[2]}）", tag
    elif next_char and next_char in "/／":
        denominator = _match_unit(text, end + 1, lex)
        if denominator:
            return start, denominator[1], f"{unit}/{denominator[2]}", tag
        word = next((w for w in lex.denominators if text.startswith(w, end + 1)), None)
        if word:
            return start, end + 1 + len(word), f"{unit}/{word}", tag
    return base


def _tail(text: str, number_end: int, lex: _Lexicon) -> tuple[float, str | None, _Unit] | None:
    """After a number ending at ``number_end``: [余/多] [multiplier] [余/多] unit -> (factor, 余/多, unit)."""
    position = _skip_ws(text, number_end)
    inner = text[position] if text[position:position + 1] in lex.inner else None
    if inner:
        position = _skip_ws(text, position + 1)
    unit = _full_unit(text, position, lex)  # a unit first: 千米 and 百分点 are units, not multipliers
    if unit:
        return 1.0, inner, unit
    factor, multiplier_end = 1.0, position
    # shortest first: 万 + 千瓦
    while multiplier_end < len(text) and text[multiplier_end] in MULTIPLIERS and multiplier_end - position < 3:
        factor, multiplier_end = factor * MULTIPLIERS[text[multiplier_end]], multiplier_end + 1
        unit_start, qualifier = _skip_ws(text, multiplier_end), inner
        if qualifier is None and text[unit_start:unit_start + 1] in lex.inner:
            qualifier, unit_start = text[unit_start], _skip_ws(text, unit_start + 1)
        unit = _full_unit(text, unit_start, lex)
        if unit:
            return factor, qualifier, unit
    return None


def _fixed_word_at(text: str, start: int, end: int, lex: _Lexicon) -> bool:
    """Whether a fixed word (统一, 一张图) overlaps text[start:end]; the longest word at a place wins."""
    for match in lex.fixed_re.finditer(text, max(0, start - lex.max_fixed), end + lex.max_fixed):
        if match.start() >= end:
            break
        if match.end(1) > start and match[1] not in lex.fixed_exceptions:
            return True
    return False


#: Numerals of amounts written against forgery; 伍 陆 拾 肆 are also parts of words (队伍, 陆续).
_CAPITAL_NUMERALS = frozenset("壹贰叁肆伍陆柒捌玖拾佰仟")


def _word_before_number_end(text: str, start: int, end: int, lex: _Lexicon) -> int:
    """End of a fixed word that takes the first characters of the number text[start:end] and
    ends inside it (队伍 in 队伍万余名), else -1: the number is read again after that word."""
    for match in lex.fixed_re.finditer(text, max(0, start - lex.max_fixed), end):
        if match.start() >= start:
            break
        if start < match.end(1) < end and match[1] not in lex.fixed_exceptions:
            return match.end(1)
    return -1


_CLOCK_MARKS = frozenset("时点:：")


def _is_word_han(char: str) -> bool:
    """Whether ``char`` (one character or empty) is a Han character other than a numeral."""
    return bool(char) and "\u3400" <= char <= "\u9fff" and char not in CN_NUMERAL_CHARS


def _context_ok(text: str, start: int, end: int, ws_start: int, kind: str, lex: _Lexicon) -> bool:
    """Reject identifiers, ordinals, ranges, titles, quoted names and fixed Chinese words.

    The number is text[start:end]; ``ws_start`` is where the whitespace before it starts (``_back_ws``).
    """
    prev_char, next_char = text[start - 1:start], text[end:end + 1]
    latin_before = prev_char.isalpha() and (prev_char.isascii() or "Ａ" <= prev_char <= "ｚ")
    if prev_char and (prev_char in _LINKS or latin_before):
        return False  # PM2.5, G107, 60·80
    if (next_char and next_char in _LINKS) \
            or (prev_char and prev_char in "./／．" and text[start - 2:start - 1] in DIGITS) \
            or (next_char and next_char in "./／．" and text[end + 1:end + 2] in DIGITS):
        return False  # 2024.5.6, 1/3
    before = text[ws_start - 1:ws_start]
    if before and before in _ORDINAL_OR_QUOTE:
        return False  # 第 6 期, “七项便民服务举措”
    if before == "、" and _ORDINAL_LIST_RE.search(text, max(0, ws_start - 24), ws_start):
        return False  # 第3、4项: the 4 is an ordinal too
    if _SESSION_RE.search(text, max(0, ws_start - 12), ws_start):
        return False  # 十六届人大三次会议: a session's ordinal
    if before and before in _RANGE:
        before_range = text[_back_ws(text, ws_start - 1) - 1:_back_ws(text, ws_start - 1)]
        if before_range and (before_range in DIGITS or before_range in CN_NUMERAL_CHARS or before_range in "%％"):
            return False  # 3-5 人, 三至五天, 3万-5万元
    opened = text.rfind("《", max(0, start - 100), start)
    if opened >= 0 and text.find("》", opened, start) < 0 and text.find("》", end, end + 100) >= 0:
        return False  # inside a document title
    quoted = text.rfind("“", max(0, start - _QUOTE_SPAN), start)
    if quoted >= 0 and text.find("”", quoted, start) < 0 and text.find("”", end, end + _QUOTE_SPAN) >= 0:
        return False  # inside a short quotation: a slogan or name (“一个项目、一名领导”)
    if kind != "cn":
        return True
    if prev_char and prev_char in "几数若":
        return False  # 数十人, 几十家
    if end - start == 1 and ((_is_word_han(next_char) and text[end + 1:end + 2] in CN_DIGITS) or (
            start >= 2 and _is_word_han(prev_char) and text[start - 2] in CN_DIGITS)):
        return False  # N-X-N slogans: 一户一档, 七查一打, 三年一次
    return not _fixed_word_at(text, start, end, lex)


def _quantity_at(text: str, number: re.Match[str], last_end: int, lex: _Lexicon) -> QuantityMatch | None:
    """Build the quantity whose number token is ``number``, or None."""
    number_start, number_end, kind = number.start(), number.end(), number.lastgroup
    assert kind is not None  # every alternative of NUMBER_RE is a named group
    value: float | None = None
    tail: tuple[float, str | None, _Unit] | None = None
    start, ws_start = number_start, _back_ws(text, number_start)
    prefix = None
    for word in lex.prefixes_by_last.get(text[ws_start - 1:ws_start], ()):
        if text.endswith(word, last_end, ws_start):
            if not any(text.endswith(blocker, 0, ws_start) for blocker in lex.blockers):  # 节约 30 万元
                prefix, start = word, ws_start - len(word)
            break
    if kind == "pct":  # 百分之三十, 百分之五十四点八, 百分之百
        digits_at = _skip_ws(text, number_end)
        percent = ARABIC_RE.match(text, digits_at) or CHINESE_RE.match(text, digits_at)
        if percent and _context_ok(text, number_start, number_end, ws_start, kind, lex):
            value = 100.0 if percent.group() == "百" else parse_numeral(percent.group(), percent.re is ARABIC_RE)
            tail = (1.0, None, (percent.end(), percent.end(), "%", None))
    elif kind == "ar" or number_end - number_start <= MAX_CN_LEN:
        # 五千瓦 is 五 + 千瓦 when 五千 + 瓦 finds no unit
        ends_in_multiplier = kind == "cn" and number_end - number_start > 1 and text[number_end - 1] in MULTIPLIERS
        cut = number_end - 1 if ends_in_multiplier else number_end
        for end in (number_end,) if cut == number_end else (number_end, cut):
            value = parse_numeral(text[number_start:end], kind == "ar")
            bare = value is None and kind == "cn" and end - number_start <= 2 and all(
                char in MULTIPLIERS for char in text[number_start:end])
            if bare:  # 近百家, 千余人: a bare multiplier is a number only with a qualifier
                value = math.prod(float(MULTIPLIERS[char]) for char in text[number_start:end])
            if value is not None and _context_ok(text, number_start, end, ws_start, kind, lex):
                tail = _tail(text, end, lex)
                if tail and bare and not (prefix or tail[1] or _closing_suffix(text, tail[2][1], lex)):
                    tail = None  # a bare 万 counts only qualified: 万余名, 近万人, 万人以上
            if tail:
                break
    if value is None or tail is None:
        return None
    factor, inner, (u_start, u_end, unit, tag) = tail
    value = scale_exact(value, factor)
    written = text[u_start:u_end]
    if not math.isfinite(value) or (tag == "year" and value >= 100):
        return None  # 2024 年 is a date
    if tag in ("time", "year") and _NAME_RE.match(text, u_end):
        return None  # 24 小时值班带班制度 names a system
    if value == 1 and unit in ("个", "条") and text.endswith(_ARTICLE_VERBS, 0, _back_ws(text, start)) \
            and _ARTICLE_OBJECT_RE.match(text, u_end):
        return None  # 营造一个良好的氛围: an article, not a count
    if kind == "cn" and unit in ("项", "条") and _MEASURES_RE.match(text, u_end):
        return None  # 十项举措, 八条措施, 两项补贴, 两条主线: the name of a package of measures
    if kind == "cn" and unit == "期" and text[start - 1:start] in _PROJECT_ENDS:
        return None  # 产业园二期, 康养小镇二期: a project's phase, not a count
    if unit in ("个月", "月") and text.endswith("前", 0, _back_ws(text, start)):
        return None  # 前8个月重点项目完成投资: a period of the year, not a figure
    if len(written) == 1 and text.startswith(written, u_end) and kind == "cn" and value == 1:
        return None  # 一个个, 一件件 (800多户户均 counts 800 户)
    if kind == "cn" and unit == "个" and _NAMED_SET_RE.match(text, u_end):
        return None  # 两个“零”目标, 四个“不摘”: a named set of goals, not a count
    if unit in ("位", "名") and _RANK_BEFORE_RE.search(text, max(0, start - 8), start):
        return None  # 排名后两位, 前三名: a rank
    if unit == "分" and text[start - 1:start] in _CLOCK_MARKS:
        return None  # 10时30分, 8:30分: a time of day, not points
    end, suffix = u_end, _suffix_at(text, u_end, lex)
    if suffix:
        end = _skip_ws(text, u_end) + len(suffix)
    return _build_match(start, end, text[start:end], float(value), unit, prefix or inner or suffix)


def _suffix_at(text: str, i: int, lex: _Lexicon) -> str | None:
    """The suffix qualifier (以上, 左右 …) written at i, after optional whitespace."""
    k = _skip_ws(text, i)
    return next((w for w in lex.suffixes_by_first.get(text[k:k + 1], ()) if text.startswith(w, k)), None)


def _closing_suffix(text: str, i: int, lex: _Lexicon) -> bool:
    """A suffix qualifier at i that ends the phrase: 带动就业万人以上。 (亿元以上项目 names a
    class of projects)."""
    suffix = _suffix_at(text, i, lex)
    if suffix is None:
        return False
    after = text[_skip_ws(text, i) + len(suffix):][:1]
    return not ("\u3400" <= after <= "\u9fff")


def is_issue_number(text: str, start: int, end: int) -> bool:
    """Whether the quantity text[start:end] (a number of 期) is all its line holds, give or
    take 第 and a bracketed cumulative number: an issue number (5期, 962 期, 第 十 二 期) on a
    masthead line of the original text, not a count of issues."""
    if not text[start:end].rstrip().endswith("期"):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start:len(text) if line_end < 0 else line_end]
    return bool(_ISSUE_LINE_RE.fullmatch(_LINE_SPACE_RE.sub("", line)))  # 第 十 二 期 → 第十二期


def find_quantities(text: str, data_dir: PathLike | None = None) -> list[QuantityMatch]:
    """Find all quantity mentions in text, sorted by position and non-overlapping.

    The word lists come from ``data_dir`` (files :data:`QUANTITY_FILES`; missing ones and
    None: the packaged data).

    Each match satisfies ``match.text == text[match.start:match.end]``. See the module
    docstring for what is and is not a quantity.

    >>> [(q.text, q.value, q.unit, q.qualifier) for q in find_quantities("年产值近 30 亿元")]
    [('近 30 亿元', 3000000000.0, '元', '近')]
    """
    lex = _lexicon(data_dir)
    found: list[QuantityMatch] = []
    pos = 0
    while (first := NUMBER_START_RE.search(text, pos)) is not None:
        number = NUMBER_RE.match(text, first.start())
        assert number is not None  # a number token starts at each of those characters
        quantity = _quantity_at(text, number, found[-1].end if found else 0, lex)
        if quantity is None:
            word_end = _word_before_number_end(text, number.start(), number.end(), lex) \
                if text[number.start()] in _CAPITAL_NUMERALS else -1
            pos = number.end() if word_end < 0 else word_end
            continue
        pos = quantity.end
        if found and found[-1].unit == quantity.unit and _RANGE_GAP_RE.fullmatch(
                text, found[-1].end, quantity.start):
            found.pop()  # 3 人至 5 人 is a range: neither value is right
        else:
            found.append(quantity)
    return _drop_parallel_ones(text, found)


def _drop_parallel_ones(text: str, found: list[QuantityMatch]) -> list[QuantityMatch]:
    """Drop 一 + measure word in a 、-series of such phrases: a slogan, not counts
    (一个项目、一名领导、一个专班; 收一块、清一块、种一块)."""
    ones = [index for index, quantity in enumerate(found) if quantity.text.startswith("一") and quantity.value == 1.0]
    drop: set[int] = set()
    for first, second in itertools.pairwise(ones):
        between = text[found[first].end : found[second].start]
        if len(between) <= 8 and "、" in between and not any(c in between for c in "，。；：,;"):
            drop.update((first, second))
    return [quantity for index, quantity in enumerate(found) if index not in drop]
