"""The lines of a bulletin's folded text, each classified: blank, rule, page number, table of
contents heading, numbered title line, section heading (closed or not), footer, text.

:func:`split_lines` is the layout reader's first step (:mod:`bulletin_nlp.layout.reader`).
"""

from __future__ import annotations

import itertools
import unicodedata
from dataclasses import dataclass

import regex

from bulletin_nlp.layout import cues
from bulletin_nlp.layout.masthead import active_words

_LINE_BREAKS = "\n\r\u2028\u2029\x0b\x0c\x85"
_LINE_RE = regex.compile(r"[^\n\r\u2028\u2029\x0b\x0c\x85]*(?:\r\n|[\n\r\u2028\u2029\x0b\x0c\x85]|$)")
_MD_PREFIX_RE = regex.compile(r"^[ \t]*(?:#{1,6}[ \t]*|>[ \t]*)*")
_MD_PREFIX_CHARS = frozenset(" \t#>")  # what that prefix can open with
_HEADING_PREFIX_RE = regex.compile(r"[ \t]*+(?:>[ \t]*+)*+(?P<marks>#{1,6}+)[ \t]*+")
_RULE_CHARS = "-*_=—–━─·•"  # a line of three or more of these (spaces between) is a rule
# Possessive (*+, ?+): where a quantifier's characters cannot start what follows, giving them
# back can only fail again, and trying would cost time quadratic in the line's length.
_PAGE_NUMBER_RE = regex.compile(
    r"^[ \t]*+[-—–－~·]*+[ \t]*+(?:第\s*+)?+\d{1,3}+(?:\s*+页)?+[ \t]*+[-—–－~·]*+[ \t]*+$"
)
_SECTION_RE = regex.compile(
    r"^(?:\*\*|__)?\s*(?P<open>[【〖［\[])\s*(?P<title>[^【】〖〗\[\]［］\n]{1,40}?)\s*[】〗］\]]\s*(?:\*\*|__)?$"
)
_BROKEN_SECTION_RE = regex.compile(r"^(?:\*\*)?\s*(?P<open>【)(?P<title>[^【】\n，。]{1,30}?)\s*(?:\*\*)?$")
_SECTION_PATTERNS = ((_SECTION_RE, "section"), (_BROKEN_SECTION_RE, "broken_section"))
NOT_CONTENT = ("blank", "page", "rule")  # lines that hold no content
_LAST_BREAK_RE = regex.compile(f"[{_LINE_BREAKS}]", regex.REVERSE)
RUNNING_TEXT_RE = regex.compile(r"[，。、；,;]")  # punctuation of sentences, rare in headline and masthead lines
_PARAGRAPH_END = "。！？!?）)"  # a line ending so ends its paragraph more often than a wrap cuts it
_WRAPPED_MIN = 3  # hard-wrapped lines of one width that make it the page's line width
_PARAGRAPH_INDENT_MAX = 4  # columns: two Han characters' width
_INDENT_CHARS = " \t\u3000\u00a0"
_WIDTH_SLACK = 4  # a line this much narrower (two Han characters: line-breaking rules) still fills the width


@dataclass
class Line:
    """A line of the folded input: ``start``/``end`` bound its content (Markdown prefix removed)."""

    start: int
    end: int
    kind: str  # blank | rule | page | section | footer | text
    title: tuple[int, int] | None = None


def split_lines(folded: str) -> list[Line]:
    """Classify every line of ``folded``."""
    lines = []
    start = 0
    for piece in _line_pieces(folded):
        lines.append(_classify(folded, start, start + len(piece.rstrip(_LINE_BREAKS))))
        start += len(piece)
    return lines


def _line_pieces(folded: str) -> list[str]:
    """The lines of ``folded``, each with its line break (CR LF or one of
    ``_LINE_BREAKS``): ``str.splitlines``'s, which cost a third of a regular expression's
    matches, except where it would also break at U+001C–U+001E."""
    if "\x1c" in folded or "\x1d" in folded or "\x1e" in folded:
        return [match.group() for match in _LINE_RE.finditer(folded) if match.group()]  # (empty only at the end)
    return folded.splitlines(keepends=True)


def _classify(folded: str, start: int, end: int) -> Line:
    text = folded[start:end]
    markup = _MD_PREFIX_RE.match(text) if text[:1] in _MD_PREFIX_CHARS else None  # else it matches nothing
    prefix = markup.end() if markup else 0
    content = text[prefix:].rstrip()
    c_start, c_end = start + prefix, start + prefix + len(content)
    stripped = content.strip()
    lead = len(content) - len(content.lstrip())
    c_start += lead
    if not stripped:
        return Line(start, start, "blank")
    if _is_rule(stripped):
        return Line(c_start, c_end, "rule")
    # a line opening with a Han character other than 第 (most lines) is no page number and no
    # section heading: those patterns are not tried on it
    plain = "\u4e00" <= stripped[0] <= "\u9fff" and stripped[0] != "第"
    if not plain and _PAGE_NUMBER_RE.match(stripped):
        return Line(c_start, c_end, "page")
    if cues.is_toc_heading(stripped):
        return Line(c_start, c_end, "toc")
    if cues.enum_title(stripped):
        return Line(c_start, c_end, "enum")
    for pattern, kind in _SECTION_PATTERNS if not plain else ():
        if match := pattern.match(stripped):
            title_start, title_end = match.span("title")
            opening = match.start("open") if "open" in pattern.groupindex and match.start("open") >= 0 else title_start
            return Line(c_start + opening, c_end, kind, (c_start + title_start, c_start + title_end))
    if active_words().footer_start.match(unbracket(stripped).lstrip("*_ ")):
        return Line(c_start, c_end, "footer")
    return Line(c_start, c_end, "text")


def _is_rule(stripped: str) -> bool:
    """Three or more rule characters with nothing but spaces and tabs between them."""
    return not stripped.strip(_RULE_CHARS + " \t") and len(stripped) - stripped.count(" ") - stripped.count("\t") >= 3


def heading_marker_start(folded: str, start: int) -> int:
    """Where the Markdown heading markers before the content at ``start`` begin (``### 标题`` →
    the first ``#``: they open what the line opens, as a bold headline's ``**`` do), or ``start``
    when the line has none."""
    prefix = _HEADING_PREFIX_RE.fullmatch(folded, line_start(folded, start), start)
    return prefix.start("marks") if prefix else start


def line_start(folded: str, position: int) -> int:
    """Where the line holding ``position`` starts (after any of the line breaks)."""
    found = _LAST_BREAK_RE.search(folded, 0, position)  # read backwards: as far as the line is long
    return found.end() if found else 0


def _runs_on(folded: str, line: Line) -> bool:
    """Whether ``line`` is running text that a wrap may have cut: a comma or stop inside, not at
    its end (a paragraph's last line fills the width only by chance)."""
    return bool(RUNNING_TEXT_RE.search(folded, line.start, line.end)) and folded[line.end - 1] not in _PARAGRAPH_END


def next_non_blank(lines: list[Line], index: int) -> Line | None:
    """The first line after ``lines[index]`` that is not blank."""
    for following_index in range(index + 1, len(lines)):
        if lines[following_index].kind != "blank":
            return lines[following_index]
    return None


def unbracket(text: str, folded: str | None = None) -> str:
    """A footer line written in brackets, （责任编辑：李晓燕）, without them (same length);
    ``folded``: the same line folded, where its key is read (（責任編輯：陳曉東） in the original)."""
    stripped, judged = text.strip(), (text if folded is None else folded).strip()
    if (len(stripped) > 2 and stripped[0] in "（(" and stripped[-1] in "）)"
            and active_words().footer_start.match(judged[1:-1].lstrip("*_ "))):
        position = text.index(stripped[0])
        return text[:position] + " " + text[position + 1 : position + len(stripped) - 1] + " " + text[
            position + len(stripped):]
    return text


def display_width(text: str) -> int:
    """Columns ``text`` takes on a page: 2 for a Han or full-width character, 1 for others."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def wrap_width(folded: str, lines: list[Line]) -> int | None:
    """The page's line width of a hard-wrapped text (a PDF conversion): the widest width that
    three or more lines of running text (a comma or stop inside, not at their end: a paragraph's
    last line fills the width only by chance) followed directly by another text line fill (to
    one character); None when no width is shared so (the text is not
    hard-wrapped). Headline and masthead lines of one length do not make a width."""
    widths = sorted((display_width(folded[line.start : line.end]) for line, following in itertools.pairwise(lines)
                     if line.kind == following.kind == "text" and _runs_on(folded, line)), reverse=True)
    for index, width in enumerate(widths):
        if index + _WRAPPED_MIN <= len(widths) and widths[index + _WRAPPED_MIN - 1] >= width - _WIDTH_SLACK:
            return width
    return None


def fills_width(folded: str, line: Line, width: int | None) -> bool:
    """Whether ``line`` reaches the page's line ``width`` (so it was broken off there)."""
    return width is not None and display_width(folded[line.start : line.end]) >= width - _WIDTH_SLACK


def fills_width_indented(folded: str, line: Line, width: int | None) -> bool:
    """Whether ``line``, indented as a paragraph is (by two characters at most: a centred
    headline is indented more), reaches the page's line ``width`` with its indentation: the
    first line of a paragraph that a hard wrap broke off (a flattened PDF column's)."""
    start = line_start(folded, line.start)
    return (0 < display_width(folded[start : line.start]) <= _PARAGRAPH_INDENT_MAX
            and fills_width(folded, Line(start, line.end, line.kind), width))


def fills_line_below(folded: str, lines: list[Line], index: int, width: int | None) -> bool:
    """Whether ``lines[index]``, indented as a paragraph is, is with its indentation as wide as
    the line under it (to two characters) when that one is a wrapped line of running text (not
    indented, a comma or stop inside, not at its end, a text line under it) in a hard-wrapped text
    (``width`` known): the first line of a paragraph that the wrap broke off short of the page's
    width, as a wrap that keeps names whole does (县畜牧业管理局落实肉牛扩群提质 / 政策，…)."""
    if width is None or index + 2 >= len(lines):
        return False
    line, below, after = lines[index : index + 3]
    if not (line.kind == below.kind == after.kind == "text" and _runs_on(folded, below)
            and line_start(folded, below.start) == below.start):
        return False
    return fills_width_indented(folded, line, display_width(folded[below.start : below.end]))


def is_centred(folded: str, start: int) -> bool:
    """Whether the line whose content starts at ``start`` is indented more than a paragraph is
    (more than two characters): a centred line, a headline's."""
    position = start
    while position > 0 and folded[position - 1] in _INDENT_CHARS:
        position -= 1
    return display_width(folded[position:start]) > _PARAGRAPH_INDENT_MAX
