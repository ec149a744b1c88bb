"""What closes an item: a source bracket, a byline bracket or a ``来源：`` line.

:func:`find_closing` extends :func:`~bulletin_nlp.layout.headline.find_sources` (the
``（民政局 交通运输局）`` bracket) with the other ways bulletins of many counties close a report,
and keeps brackets that only look like sources from closing anything. Names are split, and the
source labels kept, in one place for both: :func:`~bulletin_nlp.layout.headline.split_names`,
:data:`~bulletin_nlp.layout.headline.SOURCE_LABELS`.

- ``来源：县发改局 县经济和信息化局`` (also 信息来源/稿件来源/供稿/供稿单位/报送) on its own line, or after the
  last sentence: the names are the sources;
- a byline bracket ``（撰稿：王丽 审核：陈卫东）``, ``（作者 张三）``: it closes the item but names
  people, so the sources are only the bodies written before the first byline label, if any;
  a byline line (``作者：孙立华``) after a report belongs to it and closes it (:func:`is_byline_line`);
  under a headline, before the report (``（通讯员 岩温香）``, ``□通讯员 杨帆 报道``), a byline belongs
  to the report and closes nothing (:func:`is_head_byline`);
- the reporting unit and its clerk, ``（报送单位：县林草局  信息员：李娟）``, ``（县卫健局 李娟 供稿）``: the
  unit is the source, a person's name beside a body is not;
- not sources: references ``（详见附件）`` ``(见附表2)``, words such as ``（扩大）`` ``（试行）``,
  and pinyin ``(xiāng)``: such a bracket closes nothing.

Only the paragraph's last characters are read, so the cost does not grow with its length.
"""

from __future__ import annotations

import regex

from bulletin_nlp.layout.headline import SOURCE_LABEL, find_sources, is_ascii_full_stop, split_names
from bulletin_nlp.text.chars import CLOSING_MARKS, SENTENCE_END

Closing = tuple[int, int, list[tuple[int, int]]]  # start, end, name spans (offsets into the text)

_TAIL = 200  # a closing bracket or line is never longer
_REMARK_MAX = 40  # the longest bracketed remark after a sentence: (见附表2)
_SENTENCE_END = set(SENTENCE_END)
_SENTENCE_TAIL = set(" \t*_”’」』）)》】\"'")
_TERMINAL = set(SENTENCE_END + CLOSING_MARKS)
_NOT_SOURCE_RE = regex.compile(
    r"(?:详见|参见|另见|见|附|注|含|下同|同上|简称|以下简称)|(?:扩大|草案|试行|暂行|修订|节选|摘编|续|完|待续)$"
)
_BYLINE_LABEL = (r"(?:撰稿|撰文|执笔|拟稿|作者|文图|文/图|图文|摄影|摄|通讯员|信息员|记者|责任编辑|编辑|责编|主编"
                 r"|审核|审稿|核稿|校对|签发)")
_BYLINE_RE = regex.compile(
    rf"[（(][ \t]*+(?:{SOURCE_LABEL}[ \t]*+[：:][ \t]*+)?+(?P<units>[^（）()\n：:]{{0,40}}?)[ \t\u3000]*+"
    rf"{_BYLINE_LABEL}(?:[ \t]*+[：:]|[ \t]++)"
    r"(?P<people>[^（）()\n]{0,60}+)[）)][ \t]*+$"
)
# a body named after the people of a byline: （通讯员 张伟 县水利局）
_BODY_RE = regex.compile(r"\p{Han}{1,28}(?:局|委|办|院|所|站|队|室|部|厅|处|会|社|司|中心|联|镇|乡|街道)")
# 作者：孙立华 赵文博 / 通讯员：刘洋 — a byline on its own line after a report (no sentence in it);
# □通讯员 杨帆 报道 / 本报记者 李强 王敏 — one under a headline, names after a space
_BYLINE_LINE_RE = regex.compile(
    rf"(?:[□■◇◆][ \t]*+)?+(?:本报|本刊|本台)?+{_BYLINE_LABEL}"
    r"(?:[ \t]*+[：:][^\n，。；！？,;!?]{1,60}+|(?:[ \t]++\p{Han}{2,4}+){1,4}+(?:[ \t]*+(?:报道|摄影?+))?+)"
)
# The most common Chinese surnames (single characters): a bracket of names opening with one and
# ending like a given name is a byline (王晓燕), not a source.
_SURNAMES = set("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
                "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵钱严覃武戴莫孔向汤")
# how the name of a body or a place ends (局, 委, 镇, 楼, 集 …): no given name ends so
_NOT_GIVEN_NAME_END = set("局委办院所站队室部厅处会社司组心镇乡村区县市街道"
                          "楼集庄店寨营屯桥河湾坡岗口铺堡沟坪岭塘井城关湖园场溪洲渡埠")
_HAN_RE = regex.compile(r"\p{Han}+")
_LABEL_RE = regex.compile(_BYLINE_LABEL)
_PIECE_RE = regex.compile(r"[^\s、，,；;：:]++")
# （县民政局）今年以来，… or a brief's reporting unit as its tag: 【高沟镇】今年以来，…
_OPENING_BRACKET_RE = regex.compile(
    r"[ \t\u3000]*+(?:[（(](?P<inner>[^（）()\n]{2,60}+)[）)]|(?P<tag>【)(?P<inner>[^【】\n]{2,30}+)】)(?=\p{Han})"
)
_SOURCE_LINE_RE = regex.compile(rf"{SOURCE_LABEL}[ \t]*+[：:][ \t]*+(?P<names>[^\n：:，。；]{{2,80}}+)$")


def find_closing(text: str, start: int = 0, end: int | None = None) -> Closing | None:
    """The closing of the paragraph ``text[start:end]``, offsets into ``text``; None if none.

    A byline closes with an empty list of names.
    """
    end = len(text) if end is None else end
    tail_start = max(start, end - _TAIL)
    tail = text[tail_start:end]
    found = _closing_in(tail)
    if found is None:
        return None
    start, end, names = found
    return tail_start + start, tail_start + end, [(tail_start + first, tail_start + last) for first, last in names]


def _closing_in(tail: str) -> Closing | None:
    if byline := _BYLINE_RE.search(tail):
        if _after_sentence(tail, byline.start()):
            return byline.start(), byline.end(), (split_names(tail, *byline.span("units")) or []) + _bodies_among(
                tail, *byline.span("people"))
        return None
    sources = find_sources(tail)
    if sources is not None:
        if _are_people(tail, sources[2]):
            return sources[0], sources[1], []  # (王晓燕): a byline without its label
        return _without_people(tail, sources) if _are_sources(tail, sources[2]) else None
    stripped_end = len(tail.rstrip())
    if (line := _SOURCE_LINE_RE.search(tail, 0, stripped_end)) and _after_sentence(tail, line.start()):
        names = split_names(tail, *line.span("names"))
        if names:
            return line.start(), line.end(), names
    return None


def opening_sources(text: str, start: int) -> tuple[int, list[tuple[int, int]]] | None:
    """The sources of a report that names them in a bracket before its first sentence
    (``（县民政局）今年以来，…``): where the bracket ends and the name spans, offsets into
    ``text``; None unless every name ends like a body."""
    bracket = _opening_bracket(text, start)
    return None if bracket is None else (bracket.end(), split_names(text, *bracket.span("inner")) or [])


def opens_with_tag(text: str, start: int = 0) -> bool:
    """Whether ``text`` opens at ``start`` with a brief's reporting unit in 【】 glued to its body
    (``【高沟镇】今年以来，…``): the brief has no headline, the unit is its source."""
    bracket = _opening_bracket(text, start)
    return bracket is not None and bracket.group("tag") is not None


def _opening_bracket(text: str, start: int) -> regex.Match[str] | None:
    """The bracket of bodies that opens ``text`` at ``start`` (every name ends like a body)."""
    bracket = _OPENING_BRACKET_RE.match(text, start)
    names = split_names(text, *bracket.span("inner")) if bracket else None
    if bracket is None or not names or not all(_BODY_RE.fullmatch(text, first, last) for first, last in names):
        return None
    return bracket


def _bodies_among(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the bodies named among a byline's people (``张伟 县水利局`` → 县水利局): whole
    pieces between spaces or list marks that end like a body, no label inside."""
    return [piece.span() for piece in _PIECE_RE.finditer(text, start, end)
            if len(piece.group()) >= 3 and _BODY_RE.fullmatch(piece.group()) and not _LABEL_RE.search(piece.group())]


def _without_people(text: str, closing: Closing) -> Closing:
    """The closing with the people named beside a body left out: （县卫健局 李娟 供稿） → 县卫健局
    (the clerk who wrote the report is no source)."""
    names = closing[2]
    if not any(_BODY_RE.fullmatch(text, first, last) for first, last in names):
        return closing
    return closing[0], closing[1], [name for name in names if not _are_people(text, [name])]


def _are_sources(text: str, names: list[tuple[int, int]]) -> bool:
    """Whether bracketed names are sources, not a reference or a note (pinyin is no name)."""
    return not any(_NOT_SOURCE_RE.match(text, start, end) for start, end in names)


def _are_people(text: str, names: list[tuple[int, int]]) -> bool:
    """Whether bracketed names are all people's names: a common surname and one or two
    characters, the last no head of a body or a place (王楼, 县民政局 are no people)."""
    return all(end - start in (2, 3) and text[start] in _SURNAMES and text[end - 1] not in _NOT_GIVEN_NAME_END
               and _HAN_RE.fullmatch(text, start, end) for start, end in names)


def _after_sentence(text: str, position: int) -> bool:
    """Whether ``position`` opens the paragraph or follows the end of a sentence."""
    before = text[:position].rstrip(" \t*_")
    return not before or before[-1] in _TERMINAL or is_ascii_full_stop(before, len(before) - 1)


def is_byline_line(text: str) -> bool:
    """A byline on a line of its own: ``作者：孙立华 赵文博``, ``通讯员：刘洋  摄影：王晓``. It belongs
    to the report before it and closes it, naming no source."""
    return _BYLINE_LINE_RE.fullmatch(text.strip()) is not None


def is_head_byline(text: str) -> bool:
    """A byline paragraph under a headline, before the report: ``（通讯员 岩温香）``,
    ``□通讯员 杨帆 报道``. It belongs to the report and closes nothing."""
    text = text.strip()
    return is_byline_line(text) or (_BYLINE_RE.match(text) is not None and text[0] in "（(")


def is_closing_line(text: str) -> bool:
    """A line that is a closing by itself: （民政局）, 来源：县发改局."""
    closing = find_closing(text)
    return closing is not None and closing[0] == 0


def ends_with_remark(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` ends with a bracketed remark after its last sentence:
    ``。(见附表2)``. Reads at most the remark's characters back from the end."""
    position = end
    while position > start and text[position - 1] == " ":
        position -= 1
    if position == start or text[position - 1] not in "）)":
        return False
    limit = max(start, position - _REMARK_MAX)
    position -= 1
    while position > limit and text[position - 1] not in "（(）)":
        position -= 1
    if position == limit or text[position - 1] not in "（(":
        return False
    position -= 1
    while position > start and text[position - 1] in _SENTENCE_TAIL:
        position -= 1
    return position > start and text[position - 1] in _SENTENCE_END
