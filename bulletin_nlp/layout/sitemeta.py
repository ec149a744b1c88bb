"""A government web page's front matter: breadcrumbs, site buttons and metadata rows.

A bulletin copied from a county's website starts with the page's own furniture: a page title,
a breadcrumb (``首页 > 政务公开 > 政务督查``), buttons (``返回顶部``, ``字号:【大 中 小】``) and the
site's metadata, written as ``label: value`` pairs (several on one line, or the value on the
next line) or as ``|`` table rows (``公开责任部门 | 紫阳县政府办公室 | 成文日期: | 2022年09月14日``).
The metadata may hold the only publisher, date or issue number of the bulletin. An office
system's plain-text export opens with such rows too (``标    题：南江政务信息（第28期）``,
``期    号：``, ``编发单位：``, ``编发日期：2024-11-06``, ``密    级：无``): its masthead.

:func:`read_front_matter` finds where that front matter ends among the first lines and keeps
its metadata; the reader reads the masthead proper after it, and :func:`fill_from_front_matter`
then fills what the masthead left empty (the bulletin's own print wins over the site's dates),
the page's name row (``名称 | 寿县政务信息第14期``) last.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import regex

from bulletin_nlp.layout.furniture import BUTTON_OPENING_RE
from bulletin_nlp.layout.masthead import (
    MastheadFields,
    active_words,
    read_masthead_line,
)

Span = tuple[int, int]

_PUBLISHER_LABELS = ("发布机构", "发文机构", "发文机关", "发文单位", "发布单位", "编发单位", "编印单位",
                     "公开责任部门", "责任部门", "信息来源", "来源", "部门")
_DATE_LABELS = ("成文日期", "发文日期", "编发日期", "编印日期", "印发日期", "生成日期", "发布日期", "公开日期",
                "发布时间", "更新日期", "更新时间", "归档日期", "归档时间", "录入时间", "日期", "时间",
                "转载自", "转自")  # by priority; a repost line (转载自：X县人民政府网  2024/10/09) last
_ISSUE_LABELS = ("发文字号", "文号", "期号", "期数")
_NAME_LABELS = ("文件名称", "名称", "标题")  # 名称 | 寿县政务信息第14期: the page's name
_OTHER_LABELS = ("索引号", "主题分类", "组配分类", "信息分类", "体裁分类", "公开目录", "公开形式", "公开方式",
                 "有效性", "废止时间", "生效时间", "关键词", "主题词", "浏览次数",
                 "浏览量", "点击次数", "点击数", "访问量", "访问次数", "阅读次数", "阅读量", "内容概述", "正文",
                 "字号", "字体", "文字大小", "字体大小", "背景色", "视力保护色", "作者", "发布者", "所属机构",
                 "服务对象", "密级")
_CONTENT_LABELS = ("内容概述", "正文")  # what follows them is the page's content, not a value
_ALL_LABELS = sorted({*_PUBLISHER_LABELS, *_DATE_LABELS, *_ISSUE_LABELS, *_NAME_LABELS, *_OTHER_LABELS},
                     key=len, reverse=True)


def _letter_spaced(label: str) -> str:
    """``标题`` also written ``标 题`` or ``来    源`` (spaces between characters, as site tables
    align labels of different lengths)."""
    return "[ \t]{0,4}+".join(label)


# A label opens the line or follows a space, a bullet, a cell bar or a digit (发布时间:…09:30信息来源:),
# a label of four characters or more may follow anything (…县人民政府文字大小:) but a bracket after
# a sentence (…17处。（信息来源：县林草局）closes a report); all are followed by a colon or (in a
# table row) by a bar. Labels may be letter-spaced (标 题:, 发 布 时 间:).
@lru_cache(maxsize=1)
def _label_re() -> regex.Pattern[str]:
    """The labels' pattern, compiled on first use (~6 ms: a line with a colon or a cell bar
    near the top of a web page; most bulletins have none)."""
    return regex.compile(
        r"(?:(?:^|(?<=[\s|•·【\[\d]))(?P<label>" + "|".join(map(_letter_spaced, _ALL_LABELS)) + r")"
        r"|(?<![。！？!?][（(])(?P<label>" + "|".join(label for label in _ALL_LABELS if len(label) >= 4) + r"))"
        r"[ \t]*+(?:[：:]|(?=\|))"
    )


# 详细信息, 公开具体内容: the names of a page's tabs or panes, on lines of their own
_PANE_NAMES = frozenset(("详细信息", "公开具体内容", "具体内容", "正文内容", "信息正文", "文章内容", "基本信息"))
_SITE_NAME_RE = regex.compile(r"[ \t]*+\p{Han}{2,12}?(?:人民政府|政府|人民政府门户网站|门户网站|政府网)[ \t]*+")
_BREADCRUMB_RE = regex.compile(r"^(?:您)?+(?:现在|当前)?+的?+(?:所在)?+位置[ \t]*+[：:]|^首页[ \t]*+[>＞»/]")
_LABEL_ENDS = "：:|"  # what _label_re() needs after a label
_VALUE_EDGE = " \t|【】[]"  # around a value: spaces, cell bars, the brackets of 【发布时间：…】
_METADATA_LINE_MAX = 240
_BODY_TEXT_MAX = 60  # a longer line, or one holding 。, is body text: the front matter is over
_SCAN = 40


@dataclass
class FrontMatter:
    """A web page's front matter: ``end`` indexes the first line after it (0: there is none),
    ``values`` the metadata's value span of each label."""

    end: int = 0
    values: dict[str, Span] = field(default_factory=dict)
    page_title: int | None = None  # the last line among it that is no metadata, breadcrumb or masthead
    banner: int | None = None  # the site's name alone over the breadcrumb (天台县人民政府): page furniture


def read_front_matter(folded: str, lines: list[Span], fields: MastheadFields) -> FrontMatter:
    """Read the front matter of a web page among ``lines`` (content spans, blank lines as
    empty spans); a bulletin title among it fills ``fields``, its metadata is kept for
    :func:`fill_from_front_matter`."""
    last = -1
    banner: int | None = None
    values: dict[str, Span] = {}
    pending: str | None = None  # a label whose value is on the next line
    others: list[int] = []  # lines that are neither metadata, breadcrumbs nor buttons
    for index, (start, end) in enumerate(lines[:_SCAN]):
        text = folded[start:end]
        if not text:
            continue
        if pending is not None and not _label_re().search(text):
            values.setdefault(pending, (start, end))
            pending, last = None, index
            continue
        pending = None
        if end - start > _METADATA_LINE_MAX:
            break  # body text: a metadata line is short
        pairs = _pairs(folded, start, end)
        if pairs:
            for label, value in pairs:
                if value is not None:
                    values.setdefault(label, value)
            label, value = pairs[0]
            if len(pairs) == 1 and value is None and label not in _CONTENT_LABELS:
                pending = label  # • 发文机构:  (the value on the next line)
            last = index
        elif _BREADCRUMB_RE.match(text) or BUTTON_OPENING_RE.match(text) or text.strip() in _PANE_NAMES:
            if (_BREADCRUMB_RE.match(text) and others == [index - 1] == [_first_line(lines)]
                    and _SITE_NAME_RE.fullmatch(folded, *lines[index - 1])):
                banner = others.pop()  # the site's name, then where the page is on the site
            last = index
        elif len(text) > _BODY_TEXT_MAX or "。" in text:
            break
        else:
            others.append(index)
    if not values:
        return FrontMatter()
    page_title = None
    for index in others:
        if index < last and not read_masthead_line(folded, *lines[index], fields):  # a bulletin title?
            page_title = index
    return FrontMatter(last + 1, values, page_title, banner)


def _first_line(lines: list[Span]) -> int:
    """The index of the first line with text."""
    return next((index for index, (start, end) in enumerate(lines) if end > start), -1)


def fill_from_front_matter(folded: str, front: FrontMatter, fields: MastheadFields) -> None:
    """Fill what the masthead left empty from the front matter's metadata: publisher, issue,
    date, then title and issue from the page's name row (``名称 | 寿县政务信息第14期``; a name
    without a bulletin's title, or a document's, ``关于…的通报``, fills nothing)."""
    _fill(folded, front.values, fields)
    for label in _NAME_LABELS:
        value = front.values.get(label)
        if value is None or folded.startswith("关于", value[0]):
            continue
        name = MastheadFields()
        read_masthead_line(folded, *value, name)
        if name.title is not None:
            fields.title = fields.title or name.title
            fields.issue = name.issue if fields.issue is None else fields.issue
            fields.issue_total = name.issue_total if fields.issue_total is None else fields.issue_total


def _pairs(folded: str, start: int, end: int) -> list[tuple[str, Span | None]]:
    """The ``(label, value span)`` pairs of a metadata line; a value is None when it is on the
    next line."""
    if not any(mark in folded[start:end] for mark in _LABEL_ENDS):
        return []  # a label is followed by a colon or a cell bar: no search without one
    labels = list(_label_re().finditer(folded, start, end))
    out: list[tuple[str, Span | None]] = []
    for i, label in enumerate(labels):
        value_end = labels[i + 1].start() if i + 1 < len(labels) else end
        name = "".join(label.group("label").split())  # 标 题 → 标题
        out.append((name, _value(folded, label.end(), value_end)))
    return out


def _value(folded: str, start: int, end: int) -> Span | None:
    """The value between a label and the next one: up to the next cell bar, spaces trimmed."""
    while start < end and folded[start] in _VALUE_EDGE:
        start += 1
    bar = folded.find("|", start, end)
    if bar >= 0:
        end = bar
    while end > start and folded[end - 1] in _VALUE_EDGE:
        end -= 1
    return (start, end) if end > start else None


def _fill(folded: str, values: dict[str, Span], fields: MastheadFields) -> None:
    for label in _PUBLISHER_LABELS:
        if fields.publisher is None and label in values:
            start, end = values[label]
            if match := active_words().publisher.match(folded[start:end]):
                fields.publisher = (start, start + match.end("name"))
    for label in (*_ISSUE_LABELS, *_DATE_LABELS):
        if label in values:
            read_masthead_line(folded, *values[label], fields)
