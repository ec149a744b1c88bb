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

from bulletin_nlp.resources import PACKAGE_DIR
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

__all__ = ["QuantityMatch", "find_quantities"]

_DATA = PACKAGE_DIR / "data"
_HAN = "\u3400-\u9fff"
_NAME_RE = re.compile(rf"[{_HAN}]{{0,4}}?(?:制度|机制|行动|计划|规划|制(?![{_HAN}]))")
_WS = " \t\r\n\u3000\u00a0"
_WS_SET = frozenset(_WS)
_MAX_WS = 4
_WS_RE = re.compile(rf"[{_WS}]{{0,{_MAX_WS}}}")
_RANGE = "-－—–~～〜至到"
_RANGE_GAP_RE = re.compile(rf"[{_WS}]{{0,{_MAX_WS}}}[{_RANGE}][{_WS}]{{0,{_MAX_WS}}}")
_OPEN_QUOTES = "“「『‘"
_ORDINAL_OR_QUOTE = "第" + _OPEN_QUOTES
_QUOTE_SPAN = 20  # quotations this short are names and slogans
_LINKS = "·•・"

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


def _sections(name: str) -> dict[str, list[str]]:
    """Read a data file into {section: [lines]} without comments; lines before a header: ""."""
    out: dict[str, list[str]] = {"": []}
    current = out[""]
    for raw in (_DATA / name).read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line.startswith("[") and line.endswith("]"):
            current = out.setdefault(line[1:-1], [])
        elif line:
            current.append(line)
    return out


def _longest_first(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(words), key=len)[::-1])


def _by_char(words: Iterable[str], index: int) -> dict[str, tuple[str, ...]]:
    """{character at index (0: first, -1: last): words with it, longest first}."""
    out: dict[str, list[str]] = {}
    for w in _longest_first(words):
        out.setdefault(w[index], []).append(w)
    return {c: tuple(ws) for c, ws in out.items()}


def _unit_entries(units: dict[str, tuple[str, str | None]],
                  not_units: tuple[str, ...]) -> dict[str, tuple[_UnitEntry, ...]]:
    """{first character: units written with it, longest first}; units: written -> (unit, tag)."""
    return {c: tuple((w, *units[w], any(n.startswith(w) for n in not_units),
                      w[-1].isascii() and w[-1].isalpha()) for w in ws)
            for c, ws in _by_char(units, 0).items()}


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    """Load units.txt and numeral_words.txt once."""
    sec = _sections("units.txt")
    units: dict[str, tuple[str, str | None]] = {}
    for line in sec["units"]:
        toks = line.split()
        canonical = toks[toks.index("->") + 1] if "->" in toks else toks[0]
        units[toks[0]] = (canonical, next((t[1:] for t in toks if t[0] == "@"), None))

    def words(name: str) -> tuple[str, ...]:
        return _longest_first(w for ln in sec.get(name, []) for w in ln.split())

    fixed = [(w.lstrip("!"), w[0] == "!") for w in _sections("numeral_words.txt")[""]]
    fixed_words = _longest_first(w for w, _ in fixed)
    # the longest alternative that matches comes first; the lookahead finds overlapping words
    fixed_re = re.compile(f"(?=({'|'.join(map(re.escape, fixed_words))}))" if fixed else "(?!)")
    not_units = words("not_units")
    return _Lexicon(_unit_entries(units, not_units), frozenset(not_units), words("denominators"),
                    _by_char(words("prefix_qualifiers"), -1), words("prefix_blockers"),
                    frozenset(words("inner_qualifiers")), _by_char(words("suffix_qualifiers"), 0),
                    fixed_re, frozenset(w for w, exception in fixed if exception),
                    len(not_units[0]) if not_units else 0,
                    max((len(w) for w, _ in fixed), default=0))


def _skip_ws(text: str, i: int) -> int:
    if text[i:i + 1] not in _WS_SET:
        return i  # the usual case, without a regex call
    return _WS_RE.match(text, i).end()  # type: ignore[union-attr]  # always matches


def _back_ws(text: str, i: int) -> int:
    j = i
    while j > 0 and i - j < _MAX_WS and text[j - 1] in _WS:
        j -= 1
    return j


def _match_unit(text: str, i: int, lex: _Lexicon) -> _Unit | None:
    """The longest unit written at i, unless a not-unit word (期间, 台账) starts there."""
    for written, unit, tag, extended, latin in lex.units_by_first.get(text[i:i + 1], ()):
        if not text.startswith(written, i):
            continue
        n = len(written)
        if extended and any(
                text[i:i + k] in lex.not_units for k in range(n + 1, lex.max_not_unit + 1)):
            return None
        if latin and (after := text[i + n:i + n + 1]).isascii() and after.isalpha():
            return None  # "5 kms" is not km
        return i, i + n, unit, tag
    return None


def _full_unit(text: str, i: int, lex: _Lexicon) -> _Unit | None:
    """A unit with an optional bracketed alternative (台（套）) or rate denominator (元/吨)."""
    base = _match_unit(text, i, lex)
    if base is None:
        return None
    start, end, unit, tag = base
    nxt = text[end:end + 1]
    if nxt and nxt in "(（":
        alt = _match_unit(text, end + 1, lex)
        if alt and text[alt[1]:alt[1] + 1] in (")", "）"):
            return start, alt[1] + 1, f"{unit}（{alt[2]}）", tag
    elif nxt and nxt in "/／":
        den = _match_unit(text, end + 1, lex)
        if den:
            return start, den[1], f"{unit}/{den[2]}", tag
        word = next((w for w in lex.denominators if text.startswith(w, end + 1)), None)
        if word:
            return start, end + 1 + len(word), f"{unit}/{word}", tag
    return base


def _tail(text: str, e: int, lex: _Lexicon) -> tuple[float, str | None, _Unit] | None:
    """After a number ending at e: [余/多] [multiplier] [余/多] unit -> (factor, 余/多, unit)."""
    k = _skip_ws(text, e)
    inner = text[k] if text[k:k + 1] in lex.inner else None
    if inner:
        k = _skip_ws(text, k + 1)
    unit = _full_unit(text, k, lex)  # a unit first: 千米 and 百分点 are units, not multipliers
    if unit:
        return 1.0, inner, unit
    factor, j = 1.0, k
    while j < len(text) and text[j] in MULTIPLIERS and j - k < 3:  # shortest first: 万 + 千瓦
        factor, j = factor * MULTIPLIERS[text[j]], j + 1
        k2, q2 = _skip_ws(text, j), inner
        if q2 is None and text[k2:k2 + 1] in lex.inner:
            q2, k2 = text[k2], _skip_ws(text, k2 + 1)
        unit = _full_unit(text, k2, lex)
        if unit:
            return factor, q2, unit
    return None


def _fixed_word_at(text: str, s: int, e: int, lex: _Lexicon) -> bool:
    """Whether a fixed word (统一, 一张图) overlaps text[s:e]; the longest word at a place wins."""
    for m in lex.fixed_re.finditer(text, max(0, s - lex.max_fixed), e + lex.max_fixed):
        if m.start() >= e:
            break
        if m.end(1) > s and m[1] not in lex.fixed_exceptions:
            return True
    return False


def _is_word_han(char: str) -> bool:
    """Whether ``char`` (one character or empty) is a Han character other than a numeral."""
    return bool(char) and "\u3400" <= char <= "\u9fff" and char not in CN_NUMERAL_CHARS


def _context_ok(text: str, s: int, e: int, k: int, kind: str, lex: _Lexicon) -> bool:
    """Reject identifiers, ordinals, ranges, titles, quoted names and fixed Chinese words.

    The number is text[s:e]; k is where the whitespace before it starts (``_back_ws``).
    """
    prev, nxt = text[s - 1:s], text[e:e + 1]
    if prev and (prev in _LINKS or (prev.isalpha() and (prev.isascii() or "Ａ" <= prev <= "ｚ"))):
        return False  # PM2.5, G107, 60·80
    if (nxt and nxt in _LINKS) or (prev and prev in "./／．" and text[s - 2:s - 1] in DIGITS) \
            or (nxt and nxt in "./／．" and text[e + 1:e + 2] in DIGITS):
        return False  # 2024.5.6, 1/3
    before = text[k - 1:k]
    if before and before in _ORDINAL_OR_QUOTE:
        return False  # 第 6 期, “七项便民服务举措”
    if before and before in _RANGE:
        c = text[_back_ws(text, k - 1) - 1:_back_ws(text, k - 1)]
        if c and (c in DIGITS or c in CN_NUMERAL_CHARS or c in "%％"):
            return False  # 3-5 人, 三至五天, 3万-5万元
    opened = text.rfind("《", max(0, s - 100), s)
    if opened >= 0 and text.find("》", opened, s) < 0 and text.find("》", e, e + 100) >= 0:
        return False  # inside a document title
    quoted = text.rfind("“", max(0, s - _QUOTE_SPAN), s)
    if quoted >= 0 and text.find("”", quoted, s) < 0 and text.find("”", e, e + _QUOTE_SPAN) >= 0:
        return False  # inside a short quotation: a slogan or name (“一个项目、一名领导”)
    if kind != "cn":
        return True
    if prev and prev in "几数若":
        return False  # 数十人, 几十家
    if e - s == 1 and ((_is_word_han(nxt) and text[e + 1:e + 2] in CN_DIGITS) or (
            s >= 2 and _is_word_han(prev) and text[s - 2] in CN_DIGITS)):
        return False  # N-X-N slogans: 一户一档, 七查一打, 三年一次
    return not _fixed_word_at(text, s, e, lex)


def _quantity_at(text: str, m: re.Match[str], last_end: int, lex: _Lexicon) -> QuantityMatch | None:
    """Build the quantity whose number token is m, or None."""
    s, e, kind = m.start(), m.end(), m.lastgroup
    assert kind is not None  # every alternative of NUMBER_RE is a named group
    value: float | None = None
    tail: tuple[float, str | None, _Unit] | None = None
    start, k = s, _back_ws(text, s)
    prefix = None
    for word in lex.prefixes_by_last.get(text[k - 1:k], ()):
        if text.endswith(word, last_end, k):
            if not any(text.endswith(b, 0, k) for b in lex.blockers):  # 节约 30 万元
                prefix, start = word, k - len(word)
            break
    if kind == "pct":  # 百分之三十, 百分之五十四点八, 百分之百
        n = ARABIC_RE.match(text, _skip_ws(text, e)) or CHINESE_RE.match(text, _skip_ws(text, e))
        if n and _context_ok(text, s, e, k, kind, lex):
            value = 100.0 if n.group() == "百" else parse_numeral(n.group(), n.re is ARABIC_RE)
            tail = (1.0, None, (n.end(), n.end(), "%", None))
    elif kind == "ar" or e - s <= MAX_CN_LEN:
        # 五千瓦 is 五 + 千瓦 when 五千 + 瓦 finds no unit
        cut = e - 1 if kind == "cn" and e - s > 1 and text[e - 1] in MULTIPLIERS else e
        for end in (e,) if cut == e else (e, cut):
            value = parse_numeral(text[s:end], kind == "ar")
            bare = value is None and kind == "cn" and end - s <= 2 and all(
                c in MULTIPLIERS for c in text[s:end])
            if bare:  # 近百家, 千余人: a bare multiplier is a number only with a qualifier
                value = math.prod(float(MULTIPLIERS[c]) for c in text[s:end])
            if value is not None and _context_ok(text, s, end, k, kind, lex):
                tail = _tail(text, end, lex)
                tail = None if tail and bare and not (prefix or tail[1]) else tail
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
    if len(written) == 1 and text.startswith(written, u_end):
        return None  # 一个个, 一件件
    end, k = u_end, _skip_ws(text, u_end)
    suffix = None
    for word in lex.suffixes_by_first.get(text[k:k + 1], ()):
        if text.startswith(word, k):
            suffix, end = word, k + len(word)
            break
    return QuantityMatch(start, end, text[start:end], float(value), unit, prefix or inner or suffix)


def find_quantities(text: str) -> list[QuantityMatch]:
    """Find all quantity mentions in text, sorted by position and non-overlapping.

    Each match satisfies ``match.text == text[match.start:match.end]``. See the module
    docstring for what is and is not a quantity.

    >>> [(q.text, q.value, q.unit, q.qualifier) for q in find_quantities("年产值近 30 亿元")]
    [('近 30 亿元', 3000000000.0, '元', '近')]
    """
    lex = _lexicon()
    found: list[QuantityMatch] = []
    pos = 0
    while (first := NUMBER_START_RE.search(text, pos)) is not None:
        m = NUMBER_RE.match(text, first.start())
        assert m is not None  # a number token starts at each of those characters
        q = _quantity_at(text, m, found[-1].end if found else 0, lex)
        pos = m.end() if q is None else q.end
        if q is None:
            continue
        if found and found[-1].unit == q.unit and _RANGE_GAP_RE.fullmatch(
                text, found[-1].end, q.start):
            found.pop()  # 3 人至 5 人 is a range: neither value is right
        else:
            found.append(q)
    return _drop_parallel_ones(text, found)


def _drop_parallel_ones(text: str, found: list[QuantityMatch]) -> list[QuantityMatch]:
    """Drop 一 + measure word in a 、-series of such phrases: a slogan, not counts
    (一个项目、一名领导、一个专班; 收一块、清一块、种一块)."""
    ones = [i for i, q in enumerate(found) if q.text.startswith("一") and q.value == 1.0]
    drop: set[int] = set()
    for a, b in itertools.pairwise(ones):
        between = text[found[a].end : found[b].start]
        if len(between) <= 8 and "、" in between and not any(c in between for c in "，。；：,;"):
            drop.update((a, b))
    return [q for i, q in enumerate(found) if i not in drop]
