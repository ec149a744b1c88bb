"""Where an item's headline ends and its body begins, and the closing source bracket.

A headline is the title sentence that opens an item. Converted bulletins mark its end in one
of four ways, tried in this order:

1. ``bold``: a ``**bold**`` span opens the paragraph;
2. ``space``: a space between the headline and the body (a space *inside a number*,
   ``5452 万元``, is not one: both neighbours of the separating space are text, or the body
   starts with a date such as 2024 年 or 1-5 月);
3. ``line``: the headline stands on its own line (decided by the layout, see
   :func:`looks_like_headline_line`);
4. ``glued``: nothing marks it. A small model learned from labelled items scores every
   position of the first clause by the characters around it (:mod:`bulletin_nlp.layout.boundary`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import regex

from bulletin_nlp.layout.boundary import glued_boundary
from bulletin_nlp.text.chars import CLOSING_MARKS, SENTENCE_END

_CLAUSE_END_RE = regex.compile(r"[，。；！？：,;!?:]")
_WHITESPACE_RE = regex.compile(r"\s+")
_TEXTY = regex.compile(r"[\p{Han}“”‘’《》「」（）()、·]")
_DATE_START = regex.compile(r"\d{4}\s*年|\d{1,2}\s*(?:[-—~至]\s*\d{1,2}\s*)?月")
_SOURCE_INNER_MAX = 80
# Matched only where _source_opening found the opening bracket; possessive where a retry
# could only fail again.
_SOURCE_BRACKET_RE = regex.compile(
    rf"[（(]\s*+(?P<inner>[^（）()\n]{{1,{_SOURCE_INNER_MAX}}}?)\s*(?P<close>[）)])\s*+(?:\*\*|__)?+\s*+$"
)
_NAME_RE = regex.compile(r"[\p{Han}A-Za-z·]{2,30}")  # a source name: no digits
_NAME_SPLIT_RE = regex.compile(r"[\s、，,；;/]+")
_HAN_RE = regex.compile(r"\p{Han}")
#: Labels before source names, in a bracket (（供稿：县民政局）) or on a line (来源：县民政局).
SOURCE_LABELS = ("信息来源", "稿件来源", "供稿单位", "报送单位", "来源", "供稿", "报送")
SOURCE_LABEL = "(?:" + "|".join(SOURCE_LABELS) + ")"
_SOURCE_PREFIX_RE = regex.compile(rf"{SOURCE_LABEL}\s*[：:]\s*")
# （县民政局供稿）, （县文旅局、县融媒体中心 联合供稿）
_SOURCE_SUFFIX_RE = regex.compile(r"(?<!\s)\s*+(?:联合|共同)?+(?:供稿|报送|提供)$")
_TERMINAL = set(SENTENCE_END + CLOSING_MARKS)
# 阳坝镇：, 县交通运输局：, 县委组织部： — a body or place named before its headline; also a
# township's short name (华阳：有机茶园采摘正当时), but not a label (来源：, 编辑：, 附件： …)
_NAMED_HEADLINE_RE = regex.compile(
    r"(?:\p{Han}{2,14}?(?:局|委|办|镇|乡|街道|社区|村|区|县|市|中心|院|所|站|队|室|部|厅|处|会|公司)"
    r"|(?!来源|供稿|报送|编辑|审核|签发|校对|主编|责编|附件|抄送|抄报|主送|发送|印发|联系|电话|地址|时间"
    r"|地点|主题|标题|题目|摘要|按语|编者|批示|备注|说明|注释|提示|要求|目标|任务|措施|内容|结果|原因"
    r"|问题|意见|建议|做法|成效|经验|亮点|特点|举措|背景|现状|下步|今年|近日|目前|其中|一是|二是|三是"
    r"|主办|承办|协办|联办|指导|出品|制作|监制|编印|编发|密级|日期|期号|单位|作者|记者|通讯员|摄影|图片"
    r"|链接|网址|邮箱|传真|邮编|会议|通知|公告|通报)"
    r"\p{Han}{2,3})[ \t]*+[：:](?=[^：:]{4})")
_QUOTE_PAIRS = {"”": "“", "’": "‘", "」": "「", "』": "『", "》": "《"}
MIN_HEADLINE = 6
MAX_HEADLINE = 60
HEADLINE_LINE_MAX = 45
_PAUSE_RE = regex.compile(r"[，,]")  # between the two phrases of a headline
_PHRASE_MIN = 4


@dataclass(frozen=True)
class HeadlineSplit:
    """``headline`` is a (start, end) span of the paragraph, or None; the body starts at
    ``body_start``. ``signal`` says what marked the boundary: bold, space, glued or none."""

    headline: tuple[int, int] | None
    body_start: int
    signal: str


def find_headline(paragraph: str, bold: tuple[int, int] | None = None) -> HeadlineSplit:
    """Split the first paragraph of an item into headline and body (see the module docstring)."""
    if bold is not None and bold[0] == 0 and bold[1] - bold[0] <= MAX_HEADLINE and paragraph[bold[0] : bold[1]].strip():
        inner = paragraph[bold[0] : bold[1]]
        start = bold[0] + len(inner) - len(inner.lstrip())
        end = max(start, bold[1] - (len(inner) - len(inner.rstrip())))  # ** 标题 ** is 标题
        return HeadlineSplit((start, end), _skip_space(paragraph, bold[1]), "bold")
    named = _NAMED_HEADLINE_RE.match(paragraph)  # 县农业农村局：滩羊产业提质增效　今年以来…: its colon ends no clause
    clause = _CLAUSE_END_RE.search(paragraph, named.end() if named else 0, MAX_HEADLINE + 40)
    limit = clause.start() if clause else min(len(paragraph), MAX_HEADLINE + 40)
    for match in _WHITESPACE_RE.finditer(paragraph, 0, limit):
        if _is_headline_space(paragraph, match.start(), match.end()):
            return HeadlineSplit((0, match.start()), match.end(), "space")
    glued = glued_boundary(paragraph, limit)
    if glued is not None and named is not None:
        name = paragraph[: named.end()].rstrip(" \t：:")
        if glued - len(name) > named.end() and paragraph.endswith(name, named.end(), glued):
            glued -= len(name)  # 平型关镇：红色研学线路持续升温|平型关镇依托…: the body opens with the name again
    if glued is not None:
        return HeadlineSplit((0, glued), glued, "glued")
    return HeadlineSplit(None, 0, "none")


def _is_headline_space(text: str, start: int, end: int) -> bool:
    if start < MIN_HEADLINE or start > MAX_HEADLINE or end >= len(text):
        return False
    left, right = text[start - 1], text[end]
    if _TEXTY.match(left) and _TEXTY.match(right):
        return True
    return bool(_TEXTY.match(left)) and start >= 8 and bool(_DATE_START.match(text, end))


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def looks_like_headline_line(paragraph: str) -> bool:
    """A short one-line paragraph with no sentence punctuation, not itself split into
    headline and body by a space: a headline on its own line. A body's name and a colon may
    open it (``县民政局：困难群众救助帮扶落实落细``)."""
    text = paragraph.strip()
    named = _NAMED_HEADLINE_RE.match(text)
    return (
        MIN_HEADLINE <= len(text) <= HEADLINE_LINE_MAX
        and not _CLAUSE_END_RE.search(text, named.end() if named else 0)
        and not _ends_terminally(text)
        and "\n" not in text
        and find_headline(text).signal not in ("bold", "space")
    )


def looks_like_exclaimed_headline_line(paragraph: str) -> bool:
    """A short one-line paragraph whose only punctuation is the ``！`` ending it (``春耕正当时！``):
    a headline line when it opens an item over its body (decided by the layout); a body's last
    sentence ends so too."""
    text = paragraph.strip()
    return (MIN_HEADLINE <= len(text) <= HEADLINE_LINE_MAX and text[-1] in "！!" and "\n" not in text
            and not _CLAUSE_END_RE.search(text, 0, len(text) - 1)
            and find_headline(text).signal not in ("bold", "space"))


def is_spaced_headline_line(paragraph: str) -> bool:
    """A line that would look like a headline line but for a space between two phrases of
    text (``做强“白莲+”产业链 带动群众稳定增收``): one headline when the line stands alone over
    its body (decided by the layout), not a headline and its body's first words."""
    text = paragraph.strip()
    if (not MIN_HEADLINE <= len(text) <= HEADLINE_LINE_MAX or "\n" in text or _CLAUSE_END_RE.search(text)
            or _ends_terminally(text)):
        return False  # the cheap tests first: find_headline may run the glued-boundary model
    split = find_headline(text)
    return split.signal == "space" and _TEXTY.match(text, split.body_start) is not None  # not a date after it


def looks_like_phrased_headline_line(paragraph: str) -> bool:
    """A headline line of two phrases with a comma between them (``聚焦群众急难愁盼，县信访局推行
    领导包案化解信访积案``): with the comma taken out, it looks like a headline line. A body's first
    line cut by a page break or a hard wrap reads the same: say it only of a line that nothing
    cuts (:func:`stands_alone`). (Two phrases parted by a space read the same as a glued headline
    and its body's first words that a wrap continues: :func:`is_spaced_headline_line`.)"""
    text = paragraph.strip()
    pauses = list(_PAUSE_RE.finditer(text))
    if len(pauses) != 1:
        return False
    first, second = text[: pauses[0].start()], text[pauses[0].end() :]
    return min(len(first), len(second)) >= _PHRASE_MIN and looks_like_headline_line(first + second)


def stands_alone(folded: str, end: int, next_start: int, width: int | None,
                 blank_parted: Callable[[], bool] | None = None) -> bool:
    """Whether a line ending at ``end`` is followed by the next line (at ``next_start``) without
    a sign of a cut: no page number between, no blank line (a page break: 处置路面病 / / 害6处)
    unless ``blank_parted()`` (the text sets a blank line between its paragraphs, so one says
    nothing of a cut; asked only where a blank line is between), and no page width (a hard wrap)."""
    between = folded[end:next_start].replace("\r\n", "\n").replace("\r", "\n")
    return (width is None and not between.strip(" \t\u3000\n")
            and (between.count("\n") == 1
                 or (blank_parted is not None and between.count("\n") <= 3 and blank_parted())))


def _ends_terminally(text: str) -> bool:
    """Whether ``text`` ends like a sentence: with its end mark, maybe inside a quote (…。”), or
    with a closing bracket; a quote or title mark closing a name (开展“春风行动”, 发布《…》) does not."""
    if text[-1] in _QUOTE_PAIRS and _QUOTE_PAIRS[text[-1]] in text[:-1]:
        return text[-2] in _TERMINAL
    return text[-1] in _TERMINAL


def find_sources(
    paragraph: str, start: int = 0, end: int | None = None
) -> tuple[int, int, list[tuple[int, int]]] | None:
    """The closing source bracket of a paragraph: ``(bracket_start, bracket_end, name_spans)``.

    The bracket must end the paragraph and follow the end of a sentence (or stand alone), and
    hold only names: （民政局 交通运输局 王楼镇）, ( 财政局 ), （县民政局供稿）. With ``start``
    and ``end`` the paragraph is ``paragraph[start:end]`` (offsets stay those of ``paragraph``):
    only its last characters are read, so the cost does not grow with the paragraph.
    """
    end = len(paragraph) if end is None else end
    opening = _source_opening(paragraph, start, end)
    if opening is None:
        return None
    match = _SOURCE_BRACKET_RE.match(paragraph, opening, end)
    if match is None:
        return None
    before = opening
    while before > start and paragraph[before - 1] in " *_":
        before -= 1
    if (before > start and paragraph[before - 1] not in _TERMINAL
            and not is_ascii_full_stop(paragraph, before - 1, start)):
        return None
    inner_start, inner_end = match.span("inner")
    if prefix := _SOURCE_PREFIX_RE.match(paragraph, inner_start, inner_end):
        inner_start = prefix.end()  # （供稿：县民政局）
    if suffix := _SOURCE_SUFFIX_RE.search(paragraph, inner_start, inner_end):
        inner_end = suffix.start()  # （县民政局供稿）
    names = split_names(paragraph, inner_start, inner_end)
    if not names:
        return None
    return match.start(), match.end("close"), names


def is_ascii_full_stop(text: str, position: int, start: int = 0) -> bool:
    """Whether ``text[position]`` is an ASCII ``.`` ending a sentence (…28天.(供稿:X), as texts
    typed with ASCII punctuation end them), not a decimal point or an abbreviation's (after a
    digit or a Latin letter)."""
    return (text[position] == "." and position > start
            and not (text[position - 1].isascii() and text[position - 1].isalnum()))


def split_names(text: str, start: int, end: int) -> list[tuple[int, int]] | None:
    """Name spans of ``text[start:end]`` split on spaces and list marks (``、，,；;/``); None when
    a piece is no name (2 to 30 Han or Latin letters and ``·``, at least one Han, no digit)."""
    names: list[tuple[int, int]] = []
    position = start
    for sep in [*_NAME_SPLIT_RE.finditer(text, start, end), None]:
        piece_end = sep.start() if sep else end
        if piece_end > position:
            if not _NAME_RE.fullmatch(text, position, piece_end) or not _HAN_RE.search(text, position, piece_end):
                return None
            names.append((position, piece_end))
        position = sep.end() if sep else end
    return names


def _source_opening(text: str, start: int, end: int) -> int | None:
    """Where the bracket closing ``text[start:end]`` opens, read backwards from the end over at
    most the bracket's own characters (so a long paragraph costs no more than a short one)."""
    position = _skip_space_back(text, start, end)
    if position - start >= 2 and text[position - 2 : position] in ("**", "__"):
        position = _skip_space_back(text, start, position - 2)
    if position == start or text[position - 1] not in "）)":
        return None
    position = _skip_space_back(text, start, position - 1)
    inner = 0  # the names: at most _SOURCE_INNER_MAX characters, no brackets
    while position > start and inner <= _SOURCE_INNER_MAX and text[position - 1] not in "（）()":
        position -= 1
        inner += 1
    position = _skip_space_back(text, start, position)
    if position == start or text[position - 1] not in "（(":
        return None
    return position - 1


def _skip_space_back(text: str, start: int, position: int) -> int:
    while position > start and text[position - 1].isspace():
        position -= 1
    return position
