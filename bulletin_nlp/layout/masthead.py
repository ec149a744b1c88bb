"""Masthead fields (title, 第 N 期, date, publisher) and the closing signature; the words of both
and of the footer (:mod:`~bulletin_nlp.layout.footer`).

The words (title suffixes, publisher heads, footer keys …) are data: ``data/masthead.txt``, or
that of a pipeline's data folder while :func:`words_from` is in effect (``parse()`` reads a
bulletin's layout with the words of its pipeline).
"""

from __future__ import annotations

import datetime
import itertools
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

from bulletin_nlp.resources import data_file, read_sections, section_words
from bulletin_nlp.text.chars import without_whitespace
from bulletin_nlp.text.numbers import parse_number

MASTHEAD_FILE = "masthead.txt"

_DIGITS = r"0-9〇零○一二三四五六七八九十百两"
# A numeral may be spaced out (第 十 二 期): digits with at most one space between them.
_NUMERAL = rf"[{_DIGITS}](?:[ \t]?+[{_DIGITS}]){{0,5}}+"
ISSUE_RE = regex.compile(rf"(?<!总)第[ \t]*+({_NUMERAL})[ \t]*+期")
# 5期, 962 期, 2023年5期: a number and 期 without 第, at the start of a piece or after 年.
BARE_ISSUE_RE = regex.compile(rf"(?:^|(?<=[\s年]))(?<![总第])({_NUMERAL})[ \t]*+期")
# 〔2024〕7号, 隆政纪〔2024〕7号 alone on a masthead line: a 纪要's document number, its only issue number.
DOCUMENT_NUMBER_RE = regex.compile(
    r"^[ \t]*+\p{Han}{0,8}+[〔［\[][ \t]*+\d{4}[ \t]*+[〕］\]][ \t]*+第?+[ \t]*+(\d{1,4})[ \t]*+号[ \t]*+$")
TOTAL_ISSUE_RE = regex.compile(rf"[（(]?+[ \t]*+总[ \t]*+第?+[ \t]*+({_NUMERAL})[ \t]*+期[ \t]*+[）)]?+")
# 日 may be missing (2023年7月6): then no digit may follow the day.
DATE_RE = regex.compile(
    r"(?<!\d)(\d{4})[ \t]*+(?:年[ \t]*+(\d{1,2})[ \t]*+月[ \t]*+(\d{1,2})(?:[ \t]*+日|(?!\d))"
    r"|[-./][ \t]*+(\d{1,2})[ \t]*+[-./][ \t]*+(\d{1,2})(?!\d))"
)
CN_DATE_RE = regex.compile(
    r"([〇零○一二三四五六七八九]{4})[ \t]*+年[ \t]*+([一二三四五六七八九十]{1,3})[ \t]*+月"
    r"[ \t]*+([一二三四五六七八九十]{1,3})(?:[ \t]*+日|(?![一二三四五六七八九十]))"
)


def _spaced(word: str) -> str:
    """``审核`` also written ``审 核``."""
    return r"\s?".join(word)


@dataclass(frozen=True)
class MastheadWords:
    """The patterns and keys built from one ``masthead.txt``."""

    #: A title is short (at most 16 characters) and never a document's title (关于…的通报); a
    #: newspaper's is a place name and 报 (阳城报).
    title: regex.Pattern[str]
    publisher: regex.Pattern[str]
    note: regex.Pattern[str]
    footer_key: regex.Pattern[str]
    #: A line that opens the footer.
    footer_start: regex.Pattern[str]
    distribution_keys: frozenset[str]
    field_keys: dict[str, str]
    #: The end of a document's title (关于…的通报): one of its kinds, 通报 通知 ….
    document_kind: regex.Pattern[str]

    @classmethod
    def read(cls, path: Path) -> MastheadWords:
        sections = read_sections(path)

        def alternatives(section: str) -> str:
            """The words of a section as regex alternatives, in file order."""
            return "|".join(map(regex.escape, section_words(sections, section)))

        footer_keys = section_words(sections, "footer_keys")
        colon_optional = section_words(sections, "footer_colon_optional")  # other keys are words too
        return cls(
            title=regex.compile(r"^(?!关于)(?:\p{Han}[\p{Han}·“”\"]{1,14}(?:" + alternatives("title_suffixes") + ")"
                                r"|\p{Han}{2,3}(?:" + (alternatives("paper_suffixes") or "(?!)") + "))$"),
            publisher=regex.compile(r"^(?P<name>\p{Han}{2,30}?(?:" + alternatives("publisher_heads") + "))"
                                    r"(?:" + alternatives("publisher_verbs") + ")?$"),
            note=regex.compile(r"^[（(]?\s*(?:" + alternatives("masthead_notes") + ")"),
            footer_key=regex.compile(r"(?:^|(?<=\s))(?P<key>" + "|".join(map(_spaced, footer_keys)) + r")\s*[：:]"),
            footer_start=regex.compile(
                r"^\s*(?:(?:" + "|".join(colon_optional) + r")\s*[：:]?"
                r"|(?:" + "|".join(_spaced(key) for key in footer_keys if key not in colon_optional) + r")\s*[：:])"),
            distribution_keys=frozenset(section_words(sections, "distribution_keys")),
            field_keys=dict(line.split() for line in sections["footer_fields"]),
            document_kind=regex.compile("(?:" + (alternatives("document_kinds") or "(?!)") + ")$"),  # none: no match
        )


@lru_cache(maxsize=8)
def masthead_words(data_dir: str | Path | None = None) -> MastheadWords:
    """The words of ``data_dir``'s ``masthead.txt`` (None, or a folder without one: the
    packaged file), read once per process."""
    return MastheadWords.read(data_file(data_dir, MASTHEAD_FILE))


_ACTIVE_WORDS: ContextVar[MastheadWords | None] = ContextVar("masthead_words", default=None)


def active_words() -> MastheadWords:
    """The masthead words in effect here: those of :func:`words_from`, else the packaged ones."""
    return _ACTIVE_WORDS.get() or masthead_words()


def words_from(data_dir: str | Path | None) -> _ActiveWords:
    """Read mastheads and footers with the words of ``data_dir`` inside this block (in this
    thread or task only); ``with`` gives the words."""
    return _ActiveWords(masthead_words(data_dir))


class _ActiveWords:
    """The context manager of :func:`words_from` (a class: cheaper to enter and leave, once a
    parse, than a generator)."""

    __slots__ = ("token", "words")

    def __init__(self, words: MastheadWords) -> None:
        self.words = words

    def __enter__(self) -> MastheadWords:
        self.token = _ACTIVE_WORDS.set(self.words)
        return self.words

    def __exit__(self, *exception: object) -> None:
        _ACTIVE_WORDS.reset(self.token)


@dataclass
class MastheadFields:
    """What the masthead lines said; each field keeps its span in the folded text."""

    title: tuple[int, int] | None = None
    issue: int | None = None
    date: str | None = None
    publisher: tuple[int, int] | None = None
    issue_total: int | None = None  # the cumulative number: 总第2150期
    issuer: tuple[int, int] | None = None  # 签发人：叶志强 printed on the issue line (a footer field)

    def copy(self) -> MastheadFields:
        """A copy of these fields (``dataclasses.replace`` checks each field: ~6 times as slow)."""
        return MastheadFields(**self.__dict__)


def read_masthead_line(folded: str, start: int, end: int, fields: MastheadFields) -> bool:
    """Fill ``fields`` from one masthead line; return whether the line was recognised."""
    line = folded[start:end]
    known = False
    consumed: list[tuple[int, int]] = []
    for total in _total_issues(line):
        if fields.issue_total is None:
            fields.issue_total = _int(total.group(1))
        consumed.append(total.span())
        known = True
    if fields.issue is None and (issue := _issue_match(line, consumed)):
        fields.issue = _int(issue.group(1))
        consumed.append(_with_brackets(line, *issue.span()))  # 睢宁工作动态(第11期)
        known = True
    date = _read_date(line)
    if fields.date is None and date:
        fields.date, span = date
        consumed.append(span)
        known = True
    segments = _segments(line, consumed)
    if fields.title is None and (spaced := _spaced_title(line, segments)):
        fields.title = (start + spaced[0], start + spaced[1])
        return True
    words = active_words()
    dated = date is not None
    name_end = -1  # where the publisher read on this line ends
    for seg_start, seg_end in segments:
        segment = line[seg_start:seg_end]
        if fields.title is None and words.title.match(segment):
            fields.title = (start + seg_start, start + seg_end)
            known = True
        elif match := words.publisher.match(segment):
            name = (start + seg_start, start + seg_start + match.end("name"))
            if fields.publisher and name_end >= 0 and line[name_end:seg_start].isspace():
                fields.publisher = (fields.publisher[0], name[1])  # 县委督查室　　县政府督查室: a joint issue
            elif _names_publisher(folded, fields, name, dated):
                fields.publisher = name
            else:
                continue
            name_end = seg_start + match.end("name")
            known = True
        elif words.note.match(segment):
            known = True
    return known


_YEAR_RE = regex.compile(rf"[{_DIGITS}]{{4}}[ \t]*+年")


def repeats_masthead(folded: str, start: int, end: int, fields: MastheadFields) -> bool:
    """Whether ``folded[start:end]`` is made only of masthead pieces (第 N 期, 2024年第7期, a date,
    a title, a publisher), one at least a field already read: the printed masthead under a web
    page's title and metadata (``第18期`` after the page title gave the issue). Fills nothing."""
    line = folded[start:end]
    consumed: list[tuple[int, int]] = [total.span() for total in _total_issues(line)]
    repeated = bool(consumed) and fields.issue_total is not None
    if issue := _issue_match(line, consumed):
        consumed.append(_with_brackets(line, *issue.span()))
        repeated = repeated or fields.issue is not None
    if date := _read_date(line):
        consumed.append(date[1])
        repeated = repeated or fields.date is not None
    words = active_words()
    for seg_start, seg_end in _segments(line, consumed):
        segment = line[seg_start:seg_end]
        if words.title.match(segment) and _same_title(segment, folded, fields):
            repeated = repeated or fields.title is not None
        elif words.publisher.match(segment):
            repeated = repeated or fields.publisher is not None
        elif not _YEAR_RE.fullmatch(segment):
            return False
    return repeated


def _same_title(segment: str, folded: str, fields: MastheadFields) -> bool:
    """Whether a title-like ``segment`` is the title read (or one holds the other: 政务信息 under
    蔚县政务信息); a column's name under a paper's (要闻简报 under 阳城报) is not."""
    title = folded[slice(*fields.title)] if fields.title else ""
    return not title or segment in title or title in segment


_SPACED_TITLE_MAX = 10
_HAN_ONLY_RE = regex.compile(r"\p{Han}+")
_SIGNATURE_LINE_MAX = 60
_SIGNATURE_LINES = 2  # 舟曲县人民政府督查室 / 二〇二〇年四月十日


def find_signature(folded: str, lines: list[tuple[int, int] | None], fields: MastheadFields) -> int:
    """How many of the last ``lines`` (content spans; None for a line that is not text) are the
    closing signature that ends a body: the office, the date, or both, at most two lines, with
    a date or with the masthead's own publisher. Fills a publisher or date ``fields`` lack."""
    found: list[tuple[tuple[int, int] | None, str | None]] = []
    for span in reversed(lines):
        if span is None or span[1] - span[0] > _SIGNATURE_LINE_MAX or len(found) == _SIGNATURE_LINES:
            break
        signed = read_signature_line(folded, *span)
        if signed is None:
            break
        found.append(signed)
    publishers = [folded[slice(*publisher)] for publisher, _ in found if publisher]
    repeats_publisher = fields.publisher is not None and publishers == [folded[slice(*fields.publisher)]]
    if not any(date for _, date in found) and not repeats_publisher:
        return 0
    for publisher, date in found:
        fields.publisher = fields.publisher or publisher
        fields.date = fields.date or date
    return len(found)


def read_signature_line(folded: str, start: int, end: int) -> tuple[tuple[int, int] | None, str | None] | None:
    """``(publisher span, date)`` of a closing signature line (an office, a date, or both, and
    nothing else), or None."""
    line = folded[start:end]
    date = _read_date(line)
    consumed = [date[1]] if date else []
    segments = _segments(line, consumed)
    names = [active_words().publisher.match(line[seg_start:seg_end]) for seg_start, seg_end in segments]
    publisher = None
    if segments and (last := names[-1]) and all(names) and all(  # offices side by side
            line[before[1] : after[0]].isspace() for before, after in itertools.pairwise(segments)):
        publisher = (start + segments[0][0], start + segments[-1][0] + last.end("name"))
    elif segments:
        return None
    if publisher is None and date is None:
        return None
    return publisher, date[0] if date else None


def _names_publisher(folded: str, fields: MastheadFields, name: tuple[int, int], dated: bool) -> bool:
    """Whether the name at ``folded[name[0]:name[1]]``, on a line with a date if ``dated``, is the
    publisher: the first one read, the office of the one read before (隆化县人民政府 over the title,
    then 隆化县人民政府办公室 with the date: the office is the publisher), or another body's name
    printed with the date under a name that stood without one (靖远县纪委监委 over the title, then
    中共靖远县纪律检查委员会办公室 with the date: the imprint names the publisher)."""
    if fields.publisher is None:
        return True
    earlier = folded[slice(*fields.publisher)]
    if name[1] - name[0] > len(earlier) and folded.startswith(earlier, name[0]):
        return True
    return dated and folded[slice(*name)] != earlier and not _is_dated_line(folded, fields.publisher[0])


def _is_dated_line(folded: str, position: int) -> bool:
    """Whether the line holding ``position`` has a date."""
    line_start = folded.rfind("\n", 0, position) + 1
    line_end = folded.find("\n", position)
    return _read_date(folded[line_start : line_end if line_end >= 0 else len(folded)]) is not None


def _with_brackets(line: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` widened over a pair of brackets around it."""
    if start > 0 and end < len(line) and line[start - 1] in "(（" and line[end] in ")）":
        return start - 1, end + 1
    return start, end


def _spaced_title(line: str, segments: list[tuple[int, int]]) -> tuple[int, int] | None:
    """A title written letter-spaced (督  查  通  报, 仙 居 工 作): its span, or None. Only a
    masthead's title is set so: it needs no title word, only Han characters and no note."""
    if not 3 <= len(segments) <= _SPACED_TITLE_MAX or any(seg_end - seg_start != 1 for seg_start, seg_end in segments):
        return None
    joined = "".join(line[seg_start:seg_end] for seg_start, seg_end in segments)
    if not _HAN_ONLY_RE.fullmatch(joined) or active_words().note.match(joined):
        return None
    return segments[0][0], segments[-1][1]


def _total_issues(line: str) -> list[regex.Match[str]]:
    """The cumulative issue numbers (总第 N 期) of ``line``; a line without 总 holds none."""
    return list(TOTAL_ISSUE_RE.finditer(line)) if "总" in line else []


def _issue_match(line: str, consumed: list[tuple[int, int]]) -> regex.Match[str] | None:
    """第 N 期, else a bare N 期, outside the spans already read (总第 N 期)."""
    if "期" not in line and "号" not in line:  # what each pattern needs: no search without it
        return None
    masked = _mask(line, consumed)
    return ISSUE_RE.search(masked) or BARE_ISSUE_RE.search(masked) or DOCUMENT_NUMBER_RE.search(masked)


def _read_date(line: str) -> tuple[str | None, tuple[int, int]] | None:
    """The ISO date written in ``line`` and its span; the date is None when the written one is
    not a calendar date (its span is still the masthead's), the result None when there is none."""
    if "年" not in line and "-" not in line and "." not in line and "/" not in line:
        return None  # both patterns need 年 or a numeric date's separator
    if match := DATE_RE.search(line):
        month, day = (match.group(2), match.group(3)) if match.group(2) else (match.group(4), match.group(5))
        return _iso(int(match.group(1)), int(month), int(day)), match.span()
    if match := CN_DATE_RE.search(line):
        return _iso(_int(match.group(1)), _int(match.group(2)), _int(match.group(3))), match.span()
    return None


def _int(numeral: str) -> int | None:
    """``18``, ``十八``, ``二〇二四`` as an int (issue numbers and dates)."""
    value = parse_number(without_whitespace(numeral).replace("○", "〇"))
    return None if value is None else int(value)


def _iso(year: int | None, month: int | None, day: int | None) -> str | None:
    """The ISO date, or None when it is not a calendar date (2024 年 2 月 31 日)."""
    if year is None or month is None or day is None:
        return None
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


_SEGMENT_RE = regex.compile(r"[^\s*#]+")


def _segments(line: str, consumed: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Whitespace-separated pieces of ``line`` outside the ``consumed`` spans."""
    return [match.span() for match in _SEGMENT_RE.finditer(_mask(line, consumed))]


def _mask(line: str, spans: list[tuple[int, int]]) -> str:
    """``line`` with the ``spans`` blanked out (same length)."""
    mask = list(line)
    for span_start, span_end in spans:
        mask[span_start:span_end] = " " * (span_end - span_start)
    return "".join(mask)
