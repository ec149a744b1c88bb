"""DATE mentions: time expressions with a normalised interval (docs/annotation.md, DATE).

:func:`find_dates` scans folded text (simplified characters, ASCII digits) with a handful of
patterns built from the word lists in ``data/time_words.txt`` and resolves each match against
the bulletin's own date: ``1-10月`` in a bulletin of 2024-11-20 is 2024-01-01..2024-10-31,
``今年以来`` is 2024-01-01..2024-11-20, ``截至 10 月 8 日`` is null..2024-10-08. An interval
bound that cannot be computed is None; holidays and events (``春节期间``) have no interval.

Not DATEs: durations (``24 小时``, ``3 个月`` are QUANTITY), ``每月``, the year of an issue
line (``2024 年第 42 期``), years in document numbers (``〔2021〕``), time words inside nouns
(``年度``, ``全年``, ``年均``). Every pattern matches a bounded window, so a scan is linear.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bulletin_nlp.frozen_builders import positional_builder
from bulletin_nlp.resources import PathLike, data_file, read_sections
from bulletin_nlp.text.fold import fold
from bulletin_nlp.text.numbers import CN_DIGITS

__all__ = ["DATE_FILES", "DateMatch", "Interval", "TimeWords", "find_dates", "time_words"]

#: The data files the DATE finder reads.
DATE_FILES = ("time_words.txt",)

Interval = tuple["str | None", "str | None"]
_CN = "〇零一二三四五六七八九十两"
_NUM = rf"(?:[0-9]{{1,2}}|[{_CN}]{{1,3}})"
_ISSUE_AFTER_YEAR_RE = re.compile(rf"\s{{0,2}}第\s{{0,2}}[0-9{_CN}]{{1,4}}\s{{0,2}}期")  # 2024 年第 42 期
_YEAR = r"(?P<y>(?:19|20)[0-9]{2}|[一二][〇零一二三四五六七八九]{3})\s{0,2}年"
_GAP = r"\s{0,2}"
_RANGE = "-－—–~～至到"
_HAN = "\u3400-\u9fff"


@dataclass(frozen=True)
class DateMatch:
    """A DATE mention: ``text[start:end]`` and its interval (None: no value)."""

    start: int
    end: int
    text: str
    interval: Interval | None


_build_match = positional_builder(DateMatch)  # DateMatch(...) at under half the cost (frozen_builders)


@dataclass(frozen=True)
class TimeWords:
    """The word lists of ``data/time_words.txt`` (format documented there)."""

    now: tuple[str, ...]
    years: dict[str, int]
    months: dict[str, int]
    parts: dict[str, tuple[str, str]]
    holidays: dict[str, str | None]
    holiday_suffixes: dict[str, str]
    events: tuple[str, ...]
    since_openers: tuple[str, ...]
    parts_of_day: tuple[str, ...]
    blocked_after: dict[str, str]


def time_words(data_dir: PathLike | None = None) -> TimeWords:
    """The time-word lists of ``data_dir`` (None: the packaged ones), loaded once per folder."""
    return _load_time_words(_folder(data_dir))


def _folder(data_dir: PathLike | None) -> Path | None:
    return Path(data_dir).resolve() if data_dir is not None else None


@lru_cache(maxsize=8)
def _load_time_words(data_dir: Path | None) -> TimeWords:
    sections = {name: [line.split() for line in lines]
                for name, lines in read_sections(data_file(data_dir, "time_words.txt")).items()}
    rows = sections.get
    return TimeWords(
        now=tuple(row[0] for row in rows("now", [])),
        years={row[0]: int(row[1]) for row in rows("year", [])},
        months={row[0]: int(row[1]) for row in rows("month", [])},
        parts={row[0]: (row[1], row[2]) for row in rows("part", [])},
        holidays={row[0]: None if row[1] == "-" else row[1] for row in rows("holiday", [])},
        holiday_suffixes={row[0]: row[1] for row in rows("holiday_suffix", [])},
        events=tuple(row[0] for row in rows("event", [])),
        since_openers=tuple(row[0] for row in rows("since_opener", [])),
        parts_of_day=tuple(row[0] for row in rows("part_of_day", [])),
        blocked_after={row[0]: row[1] for row in rows("blocked_after", [])},
    )


def _first_chars(*word_lists: Iterable[str]) -> str:
    """The first characters of the words (今, 去, 首, 上 …), escaped for a character class: a
    lookahead that lets the engine skip, cheaply, where no word starts."""
    return re.escape("".join(sorted({word[0] for words in word_lists for word in words})))


def _alternation(words: object) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))  # type: ignore[call-overload]


@lru_cache(maxsize=8)
def _patterns(data_dir: Path | None, guarded: bool = True) -> tuple[re.Pattern[str], ...]:
    """The patterns of :func:`find_dates`; without ``guarded``, the dates' pattern lacks its second
    lookahead (what the tests compare it with: the two find the same non-empty matches)."""
    words = _load_time_words(data_dir)
    pod = rf"(?:{_GAP}(?:{_alternation(words.parts_of_day)}))?"
    to_day = rf"(?:{_GAP}[{_RANGE}]{_GAP}(?:(?P<m3>{_NUM}){_GAP}月{_GAP})?(?P<d2>{_NUM}){_GAP}[日号])?"
    day = rf"(?P<d>{_NUM}){_GAP}[日号]{pod}{to_day}"
    month = rf"(?P<m>{_NUM}){_GAP}月(?:份)?(?P<mend>底|末|初|上旬|中旬|下旬)?"
    months = rf"(?P<m1>{_NUM})(?:{_GAP}月(?:份)?)?{_GAP}[{_RANGE}]{_GAP}(?P<m2>{_NUM}){_GAP}月(?:份)?"
    month_word = rf"(?P<mw>{_alternation(words.months)})"
    part = rf"(?P<part>{_alternation(words.parts)})"
    year_word = rf"(?P<yw>{_alternation(words.years)})"
    holiday = rf"(?P<h>{_alternation(words.holidays)})"
    # every part optional; a match without a year, a month or a part of a year is dropped
    core = (rf"(?:(?:{_YEAR}|{year_word}){_GAP})?"
            rf"(?:{months}|{month}(?:{_GAP}{day})?|{part}|{month_word}|(?P<yend>度|底|末|初))?")
    named = _alternation([*words.years, *words.parts, *words.months])
    guard = rf"(?=[自从]|[0-9{_CN}]{{1,4}}{_GAP}[{_RANGE}年月]|{named})" if guarded else ""
    return (
        # 截至 10 月 8 日, and the words for "now" (截至目前, 目前, 近日 …)
        re.compile(rf"(?=[截{_first_chars(words.now)}])"
                   rf"(?:(?P<now>{_alternation(words.now)})|(?P<upto>截至到|截止到|截至|截止){_GAP}{core})"),
        # dates, with an optional 以来/以前 (the lookaheads skip, cheaply, where none can start:
        # the first where no opener, number or word starts, the second where a number is not
        # followed by 年, 月 or a range sign; the core, all optional, would match nothing there)
        re.compile(rf"(?=[自从0-9{_CN}{_first_chars(words.years, words.parts, words.months)}]){guard}"
                   rf"(?P<opener>自|从)?{core}{_GAP}(?P<since>以来|以前|之前)?"),
        # holidays with a suffix, or alone before a comma
        re.compile(rf"(?=[{_first_chars(words.years, words.holidays)}])(?:{year_word})?{holiday}"
                   rf"(?:(?P<suffix>{_alternation(words.holiday_suffixes)})|(?=[，,]))"),
        # events: 活动期间
        re.compile(rf"(?P<event>{_alternation(words.events)})期间"),
        # 自工作开展以来, 进入采暖季以来
        re.compile(rf"(?P<open>{_alternation(words.since_openers)})[^，。；、,;\s]{{1,10}}?以来"),
        # a year opening a quoted name: “2024迎新春消费季”
        re.compile(rf"(?<=[“《\"「])(?P<qy>(?:19|20)[0-9]{{2}})(?=[{_HAN}])"),
    )


def _number(written: str | None) -> int | None:
    if not written:
        return None
    if written.isdigit():
        return int(written)
    if all(char in CN_DIGITS for char in written) and len(written) == 4:
        return int("".join(str(CN_DIGITS[char]) for char in written))
    tens, _, units = written.partition("十")
    if "十" not in written:
        return CN_DIGITS.get(written) if len(written) == 1 else None
    return (CN_DIGITS.get(tens, 0) if tens else 1) * 10 + (CN_DIGITS.get(units, 0) if units else 0)


def _day(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _month_end(year: int, month: int) -> str | None:
    if not 1 <= month <= 12:
        return None
    return _day(year, month, calendar.monthrange(year, month)[1])


class _Resolver:
    """Turns one regex match into an interval, given the bulletin's date."""

    def __init__(self, bulletin_date: dt.date | None, words: TimeWords) -> None:
        self.today = bulletin_date
        self.words = words

    def year(self, groups: dict[str, str | None]) -> int | None:
        written = _number(groups.get("y"))
        if written is not None:
            return written
        if groups.get("yw"):
            return self.today.year + self.words.years[groups["yw"] or ""] if self.today else None
        return self.today.year if self.today else None

    def core(self, groups: dict[str, str | None]) -> Interval:
        """The interval of the date expression itself (no 截至/以来)."""
        if groups.get("mw"):
            return self.month_word(self.words.months[groups["mw"] or ""])
        year = self.year(groups)
        if year is None:
            return None, None
        if groups.get("m1"):
            first, last = _number(groups["m1"]), _number(groups["m2"])
            if first is None or last is None or not 1 <= first <= last <= 12:
                return None, None
            if not groups.get("y") and self.today and last > self.today.month:
                year -= 1
            return _day(year, first, 1), _month_end(year, last)
        if groups.get("m"):
            month = _number(groups["m"])
            if month is None or not 1 <= month <= 12:
                return None, None
            if groups.get("d"):
                return self.days(year, month, groups)
            return self.month_part(year, month, groups.get("mend"))
        if groups.get("part"):
            part_start, part_end = self.words.parts[groups["part"] or ""]
            return f"{year:04d}-{part_start}", f"{year:04d}-{part_end}"
        if groups.get("yend") in ("底", "末"):
            return f"{year:04d}-12-31", f"{year:04d}-12-31"
        return f"{year:04d}-01-01", f"{year:04d}-12-31"

    def days(self, year: int, month: int, groups: dict[str, str | None]) -> Interval:
        """A day (10 月 8 日) or a range of days (4月15日至20日, 4月28日至5月3日)."""
        first = _day(year, month, _number(groups["d"]) or 0)
        if not groups.get("d2"):
            return first, first
        last_month = _number(groups.get("m3")) if groups.get("m3") else month
        last = _day(year, last_month or 0, _number(groups["d2"]) or 0)
        return (first, last) if first and last and first <= last else (None, None)

    @staticmethod
    def month_part(year: int, month: int, part: str | None) -> Interval:
        """A month, its first/middle/last ten days (上旬/中旬/下旬, 初) or its last day (底, 末)."""
        end = _month_end(year, month)
        if part in ("底", "末"):
            return end, end
        if part in ("上旬", "初"):
            return _day(year, month, 1), _day(year, month, 10)
        if part == "中旬":
            return _day(year, month, 11), _day(year, month, 20)
        if part == "下旬":
            return _day(year, month, 21), end
        return _day(year, month, 1), end

    def month_word(self, offset: int) -> Interval:
        """本月, 上月 …: a month counted from the bulletin's."""
        if self.today is None:
            return None, None
        year, month = divmod(self.today.year * 12 + self.today.month - 1 + offset, 12)
        return _day(year, month + 1, 1), _month_end(year, month + 1)

    def resolve(self, groups: dict[str, str | None]) -> Interval | None:
        today = self.today.isoformat() if self.today else None
        if groups.get("now"):
            return None, today
        if groups.get("event") or groups.get("qy"):
            return (f"{groups['qy']}-01-01", f"{groups['qy']}-12-31") if groups.get("qy") else None
        if groups.get("open"):
            return None, today
        if groups.get("h"):
            kind = self.words.holiday_suffixes.get(groups.get("suffix") or "")
            if kind != "since":
                return None
            fixed = self.words.holidays[groups["h"] or ""]
            year = self.year(groups)
            return (f"{year:04d}-{fixed}" if fixed and year else None), today
        start, end = self.core(groups)
        if groups.get("upto"):
            return None, end
        if groups.get("since") == "以来":
            return start, today
        if groups.get("since"):
            before = dt.date.fromisoformat(start) - dt.timedelta(days=1) if start else None
            return None, before.isoformat() if before else None
        return start, end


def _not_a_date(groups: dict[str, str | None], folded: str, end: int) -> bool:
    """Matches that name no time: an empty match, 年度 without a year, a year opening an issue
    number (2024 年第 42 期), a slogan (一月一评比), a comparison base (去年同期)."""
    has_year = bool(groups.get("y") or groups.get("yw"))
    if not (has_year or groups.get("m") or groups.get("m1") or groups.get("part") or groups.get("mw")):
        return True
    year_only = groups.get("y") and not (groups.get("m") or groups.get("m1") or groups.get("part"))
    if year_only and _ISSUE_AFTER_YEAR_RE.match(folded, end, end + 12):
        return True
    if groups.get("m") and not groups.get("d") and folded[end : end + 1] == "一":
        return True
    return groups.get("yw") is not None and folded[end : end + 2] == "同期"


def find_dates(text: str, bulletin_date: str | None = None, data_dir: PathLike | None = None) -> list[DateMatch]:
    """DATE mentions of ``text`` in order, without overlaps (the longest wins at a position).

    ``bulletin_date`` (``YYYY-MM-DD``) resolves implicit years and relative dates; without it
    they keep null bounds. The word lists come from ``data_dir`` (files :data:`DATE_FILES`;
    missing ones and None mean the packaged ones).
    """
    try:
        today = dt.date.fromisoformat(bulletin_date) if bulletin_date else None
    except ValueError:
        today = None
    folded = fold(text)
    folder = _folder(data_dir)
    words = _load_time_words(folder)
    resolver = _Resolver(today, words)
    found: list[tuple[int, int, Interval | None]] = []
    for pattern in _patterns(folder):
        for match in pattern.finditer(folded):
            start, end = match.span()
            while end > start and folded[end - 1].isspace():
                end -= 1
            if end <= start:
                continue
            groups = match.groupdict()
            if groups.get("now") and start and folded[start - 1] in words.blocked_after.get(groups["now"] or "", ""):
                continue
            if "upto" in groups and not groups.get("now") and _not_a_date(groups, folded, end):
                continue
            if "since" in groups and _not_a_date(groups, folded, end):
                continue
            found.append((start, end, resolver.resolve(groups)))
    found.sort(key=lambda date: (date[0], -(date[1] - date[0])))
    out: list[DateMatch] = []
    for start, end, interval in found:
        if out and start < out[-1].end:
            continue
        out.append(_build_match(start, end, text[start:end], interval))
    return out
