"""Masthead (title, 第 N 期, date, publisher) and footer (本期发, 责任编辑, 审核, 签发) fields.

The words (title suffixes, publisher heads, footer keys …) are data: ``data/masthead.txt``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import regex

from bulletin_nlp.bulletin import Footer
from bulletin_nlp.resources import data_path, read_sections, section_words
from bulletin_nlp.text.numbers import parse_number

_WORDS = read_sections(data_path("masthead.txt"))

_DIGITS = r"0-9〇零一二三四五六七八九十百两"
ISSUE_RE = regex.compile(rf"(?<!总)第\s*([{_DIGITS}]{{1,6}})\s*期")
TOTAL_ISSUE_RE = regex.compile(rf"[（(]?\s*总\s*第\s*[{_DIGITS}]{{1,6}}\s*期\s*[）)]?")
DATE_RE = regex.compile(
    r"(?<!\d)(\d{4})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})(?!\d))"
)
CN_DATE_RE = regex.compile(
    r"([〇零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日"
)


def _alternatives(section: str) -> str:
    """The words of a section of ``masthead.txt`` as regex alternatives, in file order."""
    return "|".join(map(regex.escape, section_words(_WORDS, section)))


TITLE_RE = regex.compile(r"^\p{Han}[\p{Han}·“”\"]{1,24}(?:" + _alternatives("title_suffixes") + ")$")
PUBLISHER_RE = regex.compile(
    r"^(?P<name>\p{Han}{2,30}?(?:" + _alternatives("publisher_heads") + "))"
    r"(?:" + _alternatives("publisher_verbs") + ")?$"
)
MASTHEAD_NOTE_RE = regex.compile(r"^[（(]?\s*(?:" + _alternatives("masthead_notes") + ")")

_FOOTER_KEYS = section_words(_WORDS, "footer_keys")


def _spaced(word: str) -> str:
    """``审核`` also written ``审 核``."""
    return r"\s?".join(word)


FOOTER_KEY_RE = regex.compile(
    r"(?:^|(?<=\s))(?P<key>" + "|".join(map(_spaced, _FOOTER_KEYS)) + r")\s*[：:]"
)
_COLON_OPTIONAL = tuple(section_words(_WORDS, "footer_colon_optional"))  # other keys are words too
FOOTER_START_RE = regex.compile(
    r"^\s*(?:(?:" + "|".join(_COLON_OPTIONAL) + r")\s*[：:]?"
    r"|(?:" + "|".join(_spaced(k) for k in _FOOTER_KEYS if k not in _COLON_OPTIONAL) + r")\s*[：:])"
)
_NOTE_RE = regex.compile(r"^[（(].*[）)]$")  # （共印 120 份） closes a list but names no recipient
_DISTRIBUTION_KEYS = frozenset(section_words(_WORDS, "distribution_keys"))
_FIELD_KEYS = dict(line.split() for line in _WORDS["footer_fields"])


@dataclass
class MastheadFields:
    """What the masthead lines said; each field keeps its span in the folded text."""

    title: tuple[int, int] | None = None
    issue: int | None = None
    date: str | None = None
    publisher: tuple[int, int] | None = None


def read_masthead_line(folded: str, start: int, end: int, fields: MastheadFields) -> bool:
    """Fill ``fields`` from one masthead line; return whether the line was recognised."""
    line = folded[start:end]
    known = False
    consumed: list[tuple[int, int]] = []
    if fields.issue is None and (match := ISSUE_RE.search(line)):
        fields.issue = _int(match.group(1))
        consumed.append(match.span())
        known = True
    for match in TOTAL_ISSUE_RE.finditer(line):
        consumed.append(match.span())
        known = True
    if fields.date is None and (date := _read_date(line)):
        fields.date, span = date
        consumed.append(span)
        known = True
    for seg_start, seg_end in _segments(line, consumed):
        segment = line[seg_start:seg_end]
        if fields.title is None and TITLE_RE.match(segment):
            fields.title = (start + seg_start, start + seg_end)
            known = True
        elif fields.publisher is None and (match := PUBLISHER_RE.match(segment)):
            fields.publisher = (start + seg_start, start + seg_start + match.end("name"))
            known = True
        elif MASTHEAD_NOTE_RE.match(segment):
            known = True
    return known


def _read_date(line: str) -> tuple[str | None, tuple[int, int]] | None:
    """The ISO date written in ``line`` and its span; the date is None when the written one is
    not a calendar date (its span is still the masthead's), the result None when there is none."""
    if match := DATE_RE.search(line):
        month, day = (match.group(2), match.group(3)) if match.group(2) else (match.group(4), match.group(5))
        return _iso(int(match.group(1)), int(month), int(day)), match.span()
    if match := CN_DATE_RE.search(line):
        return _iso(_int(match.group(1)), _int(match.group(2)), _int(match.group(3))), match.span()
    return None


def _int(numeral: str) -> int | None:
    """``18``, ``十八``, ``二〇二四`` as an int (issue numbers and dates)."""
    value = parse_number(numeral)
    return None if value is None else int(value)


def _iso(year: int | None, month: int | None, day: int | None) -> str | None:
    """The ISO date, or None when it is not a calendar date (2024 年 2 月 31 日)."""
    if year is None or month is None or day is None:
        return None
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def _segments(line: str, consumed: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Whitespace-separated pieces of ``line`` outside the ``consumed`` spans."""
    mask = list(line)
    for span_start, span_end in consumed:
        mask[span_start:span_end] = " " * (span_end - span_start)
    return [match.span() for match in regex.finditer(r"[^\s*#]+", "".join(mask))]


def read_footer(text: str, original: str | None = None) -> tuple[Footer, list[str]]:
    """Parse the footer block; return the footer and the lines it could not read.

    Keys are found in ``text`` (folded); values are taken from ``original``, the same block
    unfolded (same length), so names keep the characters they were written in.
    """
    keys = list(FOOTER_KEY_RE.finditer(text))
    if original is not None and len(original) == len(text):
        text = original
    distribution: list[str] = []
    values: dict[str, str] = {}
    unread: list[str] = []
    head = text[: keys[0].start()] if keys else text
    if head.strip():
        unread.append(head.strip())
    for i, key in enumerate(keys):
        value = text[key.end() : keys[i + 1].start() if i + 1 < len(keys) else len(text)]
        name = regex.sub(r"\s", "", key.group("key"))  # folded: 責任編輯 is 责任编辑
        if name in _DISTRIBUTION_KEYS:
            for recipient in split_top_level(value):
                (unread if _NOTE_RE.match(recipient) else distribution).append(recipient)
        else:
            field = _FIELD_KEYS.get(name)
            value, _, rest = value.partition("\n")  # a name ends with its line
            if rest.strip():
                unread.append(rest.strip())
            person = regex.sub(r"\s+", "", value).rstrip("。；;，,")
            if field and field not in values and person:
                values[field] = person
            elif person and not field:
                unread.append(f"{name}：{person}")
    return Footer(tuple(distribution), values.get("editor"), values.get("reviewer"), values.get("issuer")), unread


def split_top_level(value: str) -> list[str]:
    """Split a recipient list on ，、；, except inside brackets: 各乡（镇、街道）stays whole."""
    parts: list[str] = []
    depth = 0
    current: list[str] = []
    for char in value:
        if char in "（(【[":
            depth += 1
        elif char in "）)】]":
            depth = max(0, depth - 1)
        if depth == 0 and char in "，,、；;\n":
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    cleaned = (regex.sub(r"\s+", "", part).strip("。.") for part in parts)
    return [part for part in cleaned if part]
