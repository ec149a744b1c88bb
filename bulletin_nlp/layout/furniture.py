"""A web page's own furniture: buttons, share blocks and links to the pages beside it.

A bulletin copied from a county's website keeps what the page prints around the article:
buttons (``【打印本页】 【关闭窗口】``, ``返回顶部``, ``【字体：大 中 小】``), a share block
(``扫一扫在手机打开当前页``, ``分享到：``) and links to the previous and next pages
(``上一篇：…``, ``下一篇：…``). Before the article they are front matter
(:mod:`bulletin_nlp.layout.sitemeta`); after the last item they are read here, so that the
reader lists them as leftovers (reason ``page furniture``) instead of taking them into an item.
All patterns are anchored and linear-time.
"""

from __future__ import annotations

import regex

from bulletin_nlp.layout.lines import Line

_BUTTONS = ("打印本页", "打印此页", "打印正文", "打印", "关闭窗口", "关闭本页", "关闭", "返回顶部", "返回首页", "返回",
            "加入收藏", "收藏本页", "收藏", "我要纠错", "纠错", "保存本页", "视力保护色", "分享到", "分享")
_BUTTON = "(?:" + "|".join(_BUTTONS) + ")"
_FONT_SIZES = r"(?:字[ \t]*+[体号][ \t]*+[：:]?+[ \t]*+)?+[【\[(（]?+[ \t]*+大[ \t]*+中[ \t]*+小[ \t]*+[】\])）]?+"
#: A button opening a line, as :mod:`~bulletin_nlp.layout.sitemeta` reads the front matter.
BUTTON_OPENING_RE = regex.compile(r"^[【\[]?+(?:返回顶部|打印本页|打印|关闭窗口|关闭|收藏|分享到|分享|扫一扫|我要纠错)")
# 【打印本页】 【关闭窗口】, [打印] [关闭], 【字体：大 中 小】: a line of buttons and nothing else
_BUTTON_ROW_RE = regex.compile(
    rf"(?:[ \t|/]*+(?:[【\[(（]?+[ \t]*+{_BUTTON}[ \t]*+[】\])）]?+|[【\[]?+{_FONT_SIZES}[】\]]?+))++[ \t|/]*+"
)
_ROW_MAX = 60
# 上一篇：蔚县政务信息(第6期), 下一条: 没有了 — links to the pages beside this one
_NEIGHBOUR_RE = regex.compile(r"(?:上|下|前|后)[ \t]*+一?+[ \t]*+[篇条][ \t]*+[：:]")
_NEIGHBOUR_MAX = 80
# 扫一扫在手机打开当前页, 扫一扫在手机上查看, 手机扫码阅读, 分享到：微信 微博
_SHARE_RE = regex.compile(r"扫一扫|(?:手机)?+扫码(?:阅读|查看|打开)|分享到[ \t]*+[：:]?+")
_SHARE_MAX = 40


def is_furniture(text: str) -> bool:
    """A line of a web page's furniture: a row of buttons, a share line or a link to the
    previous or next page."""
    text = text.strip()
    if not text:
        return False
    if len(text) <= _ROW_MAX and _BUTTON_ROW_RE.fullmatch(text):
        return True
    if len(text) <= _NEIGHBOUR_MAX and _NEIGHBOUR_RE.match(text):
        return True
    return len(text) <= _SHARE_MAX and _SHARE_RE.match(text) is not None


def find_furniture(folded: str, lines: list[Line], body_start: int, end: int) -> int:
    """Index of the first line of the furniture closing the body before ``lines[end]`` (blank
    lines among it), ``end`` when there is none."""
    first = end
    index = end
    while index > body_start:
        line = lines[index - 1]
        if line.kind in ("blank", "rule"):
            index -= 1
            continue
        if line.kind == "footer" or not is_furniture(folded[line.start : line.end]):
            break
        index -= 1
        first = index
    return first
