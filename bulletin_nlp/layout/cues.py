"""Line and paragraph cues of layouts beyond 【】 sections and glued headlines.

Each function reads one line or paragraph of the folded text and says what it opens: an item
(a ``◆ ● ■ ★`` bullet, a numbered title line ``一、…``), a part of an item (``（一）``, ``1.``),
something that is not an item at all (an ``编者按`` or ``领导批示`` box, a table of contents,
``附件：…`` lines, a page's running header). All patterns are anchored and linear-time.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from bulletin_nlp.layout.masthead import active_words
from bulletin_nlp.text.chars import without_whitespace

BULLETS = "◆◇●○◎■□▪★☆▲△▶►♦"  # not •: web pages list metadata and sub-points with it
_BULLET_RE = regex.compile(rf"[{BULLETS}][ \t]*+")
_CIRCLED_RE = regex.compile(r"[①-⑳][ \t]*+")
_ISSUE_OR_DATE_RE = regex.compile(r"[\s\d〇零一二三四五六七八九十年月日第期总（）()—-]*+")
# The numbers of numbered lines, one home for every pattern below. Their form gives the level:
# 一、 1, （一） 2, 1. 3 (and an office system's export's 【1】), （1） 4.
_CN_NUMBER = "[一二三四五六七八九十]{1,3}"
_ARABIC_NUMBER = r"\d{1,2}[.．、]"  # 1. 1、 — not 1.5: the level pattern forbids a digit after it
_LEVELS = (rf"{_CN_NUMBER}[、.．]", rf"[（(]{_CN_NUMBER}[）)]", rf"(?:{_ARABIC_NUMBER}(?!\d)|【\d{{1,2}}】)",
           r"[（(]\d{1,2}[）)]")
# 一、全县秋季学期平稳有序开学 — a numbered title line: no sentence punctuation after the number.
ENUM_TITLE_RE = regex.compile(
    r"(?:\*\*)?+(?:" + "|".join(f"(?P<l{level}>{form})" for level, form in enumerate(_LEVELS, 1)) + ")"
    r"[ \t]*+(?P<title>[^，。；！？,;!?\n]{2,40}?)(?:\*\*)?+$"
)
# （一） 1. 1、 （1） 一、 ①: the numbered points inside one report or notice.
_SUB_ENUM_RE = regex.compile(rf"(?:{_LEVELS[1]}|{_LEVELS[3]}|{_LEVELS[2]}|{_CN_NUMBER}、|[①-⑳])")
# 编者按：…, 【领导批示】, **编者按：** … (a Markdown export's bold label, maybe in a > quote)
_NOTE_RE = regex.compile(r"(?:\*\*)?+[【\[]?+(?:编者按|编者的话|编后语?|按语|领导批示|批示|领导点评|注释|注解)"
                      r"[】\]]?+[ \t]*+(?:(?:\*\*)?+[ \t]*+[：:]|[：:]?+[ \t]*+(?:\*\*)?+[ \t]*+$)")
_NOTE_LABEL_TAIL_RE = regex.compile(r"[ \t]*+[：:]?+[ \t]*+(?:\*\*)?+[ \t]*+")
# an endnote under 注释：, [1] 宣纸：…, ［2］…, ③ …
_ENDNOTE_RE = regex.compile(r"[ \t]*+(?:[\[［][ \t]*+\d{1,2}[ \t]*+[\]］]|[①-⑳])")
_SIGNATURE_RE = regex.compile(r"[—-]{2}")
_DATELINE_RE = regex.compile(r"[（(]\p{Han}{1,14}讯[）)]|\p{Han}{1,14}讯(?=[ \t（(])")
# 县委主要领导批示：…, or the leader's office and name: 县委副书记、县长张立新：…
_INSTRUCTION_RE = regex.compile(r"[\p{Han}、]{0,16}?(?:(?:批示|指示|批注)|(?:书记|[县市区州旗]长|主任|主席)"
                                r"[ \t]*+\p{Han}{2,4}?(?:同志)?)[ \t]*+[：:]")
# 本期要目, 目  录, 本 期 要 目 (letter-spaced as a centred heading is), 本期导读, 本期要览
_TOC_RE = regex.compile(r"(?:\*\*)?+(?:(?:本[ \t]*+期[ \t]*+)?+(?:要[ \t]*+目|目[ \t]*+录)"
                        r"|本[ \t]*+期[ \t]*+(?:导[ \t]*+读|要[ \t]*+览|提[ \t]*+要|看[ \t]*+点))"
                        r"[ \t]*+[：:]?+(?:\*\*)?+$")
_TOC_ENTRY_MAX = 60
_SPACE_RUN_RE = regex.compile(r"[ \t]{2,}+")
_ATTACHMENT_RE = regex.compile(r"附[ \t]*+件[ \t]*+\d{0,2}+[ \t]*+[：:]")
_FILE_RE = regex.compile(r"\.(?:xlsx?|docx?|pdf|wps|et|txt|zip|rar|jpe?g|png)$", regex.IGNORECASE)
_LIST_NUMBER_RE = regex.compile(_ARABIC_NUMBER)
_CLAUSE_MARKS = "，。；：！？,;:!?"
# 关于全县重点项目一季度推进情况 (/ 的通报): a document's title, its kind (masthead.txt
# [document_kinds]) at the end when it is whole
_OPEN_TITLE_RE = regex.compile(rf"关于[^{_CLAUSE_MARKS}]{{2,60}}+$")
_TITLE_REST_RE = regex.compile(rf"[^{_CLAUSE_MARKS}]{{1,32}}+")
# • 姓  名:  / *留言内容: — an empty field of a web page's form; 您对本页内容有何意见建议… invites it
_FORM_FIELD_RE = regex.compile(r"[•·*＊ \t]*+\p{Han}[\p{Han} \t]{0,9}[：:][ \t]*+")
_INVITATION_RE = regex.compile(r"意见|建议|留言|反馈|评价|纠错")
_INVITATION_MAX = 120
_ADDRESSEE_RE = regex.compile(r"各[^。；;！？!?\n]{1,60}[：:]")  # 各乡镇人民政府，县直各单位：
# ——县工信局“企业服务月”活动取得实效: a subtitle under a title line (no sentence end)
_SUBTITLE_RE = regex.compile(r"(?:——|—|－－|--)[ \t]*+[^\s—–－\-][^。！？!?\n]{3,60}+")
# 2.6万余名。 18.6公里， 61%。 — the rest of a figure's sentence (not a date, 3月5日，, nor a list number, 1、)
_FIGURE_TAIL_RE = regex.compile(
    r"\d++(?:[.．]\d++)?+(?:[%％]|[万亿千百]?+[余多]?+(?![年月日时点号])\p{Han}{1,3}?)[，。；、,;]")
_BROKEN_NUMBER_RE = regex.compile(r"[\d.．%％万亿千百]")  # after a line ending in a digit: 1 / 800个
# A headline never ends with a conjunction, a preposition or a list mark: 县人力资源和 / 社会保障局…
# (words ending in one of them may end it: 平稳祥和, 全民参与)
_UNFINISHED_END = set("和与、的把被将从或")
_FINISHED_WORDS = ("祥和", "平和", "温和", "缓和", "总和", "调和", "参与", "给与", "目的")
_TAIL_OPENING = set("的等")  # nor does a sentence open with these: …资金 / 的使用情况
_NUMERALS = "0123456789〇一二三四五六七八九十"
_NUMBER_LIST_END = _NUMERALS + "第、"  # 推动一 / 二、三产业: a list of numbers broken off


def bullet_length(text: str) -> int:
    """Length of the bullet (and the spaces after it) opening ``text``; 0 when there is none."""
    match = _BULLET_RE.match(text)
    return match.end() if match else 0


def circled_number_length(text: str) -> int:
    """Length of the circled number (and the spaces after it) opening ``text``: ``①``; 0 when none."""
    match = _CIRCLED_RE.match(text)
    return match.end() if match else 0


def enum_title(text: str) -> tuple[int, int, int] | None:
    """``(start, end, level)``: the title span (after ``一、``) of a numbered title line and the
    level of its number, or None."""
    match = ENUM_TITLE_RE.match(text)
    if match is None:
        return None
    level = next(level for level, name in enumerate(("l1", "l2", "l3", "l4"), 1) if match.group(name))
    return match.start("title"), match.end("title"), level


def continues_number_list(before: str, text: str) -> bool:
    """Whether the numbered line ``text`` goes on with a list of numbers that the text
    ``before`` it broke off (推动一 / 二、三产业融合发展): ``before`` ends with a numeral, 第 or
    、 and the line's number is followed by another number. Any other numbered title line opens
    a paragraph of its own."""
    numbered = enum_title(text)
    return (numbered is not None and before.rstrip()[-1:] in tuple(_NUMBER_LIST_END)
            and text[numbered[0]] in _NUMERALS)


def continues_broken_line(before: str, text: str) -> bool:
    """Whether the line ``text`` goes on with a sentence that the line ``before`` broke off
    (a hard wrap), whatever ``before`` looks like: ``text`` opens with the rest of a figure
    (``2.6万余名。``), ``before`` ends inside a number (``…学位1`` / ``800个``) or with a word
    that ends no headline (``…县人力资源和`` / ``社会保障局…``)."""
    before = before.rstrip()
    if not before or not text:
        return False
    if _FIGURE_TAIL_RE.match(text) or text[0] in _TAIL_OPENING:
        return True
    if before[-1] in _UNFINISHED_END and not before.endswith(_FINISHED_WORDS):
        return True
    return before[-1].isdigit() and _BROKEN_NUMBER_RE.match(text) is not None


def opens_document_title(text: str) -> bool:
    """A document's title left open at the end of its line: 关于全县重点项目一季度推进情况 (no 的通报)."""
    return _OPEN_TITLE_RE.match(text) is not None and active_words().document_kind.search(text) is None


def is_document_title(text: str) -> bool:
    """A document's whole title, maybe broken over lines: 关于全县重点项目一季度推进情况的通报."""
    return _OPEN_TITLE_RE.match(text) is not None and active_words().document_kind.search(text) is not None


def ends_document_title(text: str) -> bool:
    """The rest of a document's title: a short line ending in its kind (的通报, 落实情况的通知)."""
    return _TITLE_REST_RE.fullmatch(text) is not None and active_words().document_kind.search(text) is not None


def is_addressee(text: str) -> bool:
    """A notice's addressee line: 各乡镇人民政府，县政府各部门：."""
    return _ADDRESSEE_RE.fullmatch(text.strip()) is not None


def is_subtitle(text: str) -> bool:
    """A subtitle line opened by a dash: ``——县工信局“企业服务月”活动取得实效``. Under a
    title line it makes one headline with it (the title; the subtitle opens the body)."""
    return _SUBTITLE_RE.fullmatch(text.strip()) is not None


def is_form_field(text: str) -> bool:
    """An empty field of a web page's form: ``• 姓  名:``, ``*留言内容:``."""
    return _FORM_FIELD_RE.fullmatch(text) is not None


def invites_comment(text: str) -> bool:
    """A short line inviting readers' comments, as a web page's form opens."""
    return len(text) <= _INVITATION_MAX and _INVITATION_RE.search(text) is not None


def opens_with_sub_number(text: str) -> bool:
    """Whether ``text`` opens with a point number of a report: （一）, 1., （1）, ①."""
    return _SUB_ENUM_RE.match(text) is not None


def opens_with_dateline(text: str) -> bool:
    """A report's dateline: 本报讯 …, 大安镇讯  …, （县交通运输局讯）…, 安定讯（通讯员 …）…."""
    return _DATELINE_RE.match(text) is not None


def opens_note(text: str) -> bool:
    """An editor's note, a leader's instruction or endnotes: 编者按：…, 领导批示：…, 注释：…."""
    return _NOTE_RE.match(text) is not None


def is_note_label(text: str) -> bool:
    """A note's label alone on its line (【领导批示】, 编者按：, **编者按**): the paragraph under it
    is the note's text."""
    match = _NOTE_RE.match(text)
    return match is not None and _NOTE_LABEL_TAIL_RE.fullmatch(text, match.end()) is not None


def is_endnote(text: str) -> bool:
    """An endnote line of a 注释 box: [1] 宣纸：…, ［2］…, ③ …."""
    return _ENDNOTE_RE.match(text) is not None


def opens_instruction(text: str) -> bool:
    """A leader's instruction under a 【领导批示】 heading: 县委主要领导批示：…, 县长张立新：…."""
    return _INSTRUCTION_RE.match(text) is not None


def is_signature(text: str) -> bool:
    """A signature line under a note: ——县委副书记、县长  罗建平."""
    return _SIGNATURE_RE.match(text) is not None


def is_toc_heading(text: str) -> bool:
    """A table-of-contents heading: 本期要目, 目  录, 本期导读, 本期要览."""
    return _TOC_RE.match(text) is not None


def is_toc_entry(text: str) -> bool:
    """A line of a table of contents: a short headline, maybe with a section name and a page number
    (the spaces that set the page number in its column not counted)."""
    return len(_SPACE_RUN_RE.sub(" ", text)) <= _TOC_ENTRY_MAX and not any(c in text for c in "，。；")


def is_attachment(text: str, after_attachment: bool) -> bool:
    """An ``附件：…`` line, a file name (``….xlsx``), or a numbered line of an attachment list."""
    if _ATTACHMENT_RE.match(text) or _FILE_RE.search(text):
        return True
    return after_attachment and _LIST_NUMBER_RE.match(text) is not None and not any(c in text for c in "，。；")


@lru_cache(maxsize=64)
def _without_spaces(title: str) -> str:
    """The title without its spaces (a bulletin's one title is asked for every line)."""
    return without_whitespace(title)


def is_running_header(text: str, title: str) -> bool:
    """A page's running header: the bulletin's title followed only by its issue or date (spaces
    not compared: a title set 宁 陵 政 务 快 报 on the front page runs as 宁陵政务快报)."""
    title, text = _without_spaces(title), without_whitespace(text)
    if not title or not text.startswith(title):
        return False
    rest = text[len(title) :]
    return not rest or bool(_ISSUE_OR_DATE_RE.fullmatch(rest))
