"""A web page's own furniture: buttons, share blocks and links to the pages beside it.

A bulletin copied from a county's website keeps what the page prints around the article:
buttons (``【打印本页】 【关闭窗口】``, ``返回顶部``, ``【字体：大 中 小】``), a share block
(``扫一扫在手机打开当前页``, ``分享到：``) and links to the previous and next pages
(``上一篇：…``, ``下一篇：…``); a phone post ends with its counters and buttons (``阅读 1862  在看 23``,
``分享  收藏  留言``), a government site with its own footer (``主办单位：…``, ``网站标识码…``,
``…ICP备…号``, ``…公网安备…号``, ``版权所有``; ``联系电话：``/``地址：`` lines only below such a line,
as a report may end with its own contact line), and a page its files to download (``相关附件：``, a
file's name ``….xlsx``), an e-paper its navigation row (``上一版  下一版»``). Before the article they are front matter
(:mod:`bulletin_nlp.layout.sitemeta`); after the last item they are read here, so that the
reader lists them as leftovers (reason ``page furniture``) instead of taking them into an item.
All patterns are anchored and linear-time.
"""

from __future__ import annotations

import regex

from bulletin_nlp.layout.epaper import is_navigation_row
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
# 阅读 1862    在看 23    点赞 57, 分享  收藏  留言, 阅读原文: a phone post's counters and buttons
_COUNTER = r"(?:阅读原文|阅读|浏览|在看|点赞|赞|转发|分享|收藏|写留言|留言|评论|推荐)(?:量|数|次数)?+"
_COUNTER_ROW_RE = regex.compile(
    rf"(?:[ \t|·/]*+{_COUNTER}[ \t]*+[：:]?+[ \t]*+(?:\d[\d,]*+(?:\.\d++)?+[万wW]?+\+?+)?+)++[ \t]*+"
)
# 主办单位：…, 网站标识码：…, 渝ICP备05003918号-1, 渝公网安备 50023602000331号, 版权所有: a site's own footer
_SITE_FOOTER_RE = regex.compile(
    r"^[ \t]*+(?:主办单位|承办单位|协办单位|运维单位|主办|承办|(?:政府)?+网站(?:标识|识别)码|版权所有|技术支持"
    r"|Copyright|©)|ICP[备证]|公网安备"
)
# 联系电话：…, 地址：… — a site's footer only below one of its lines above
_SITE_CONTACT_RE = regex.compile(r"[ \t]*+(?:联系电话|电话|联系地址|地址|邮编|邮政编码|传真|电子邮箱)[ \t]*+[：:]")
_SITE_FOOTER_MAX = 160
# 相关附件：, 附件下载：, 博罗高新区一季度签约项目清单.xlsx — a page's files to download
_DOWNLOAD_RE = regex.compile(r"(?:相关附件|附件下载|相关下载|下载附件)[ \t]*+[：:]?+.{0,80}+")
# a file's name: furniture only under such a label (a bulletin's own 附件 list is no furniture)
_FILE_NAME_RE = regex.compile(r"[^\n，。；！？]{1,80}?\.(?:docx?|xlsx?|pdf|wps|et|ofd|zip|rar|7z|jpe?g|png)")


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
    if len(text) <= _ROW_MAX and _COUNTER_ROW_RE.fullmatch(text):
        return True
    if len(text) <= _SITE_FOOTER_MAX and _SITE_FOOTER_RE.search(text):
        return True
    if _DOWNLOAD_RE.fullmatch(text) or is_navigation_row(text):  # 上一版  下一版»: an e-paper's
        return True
    return len(text) <= _SHARE_MAX and _SHARE_RE.match(text) is not None


def _is_furniture_below(text: str) -> bool:
    """联系电话：…, 地址：…, a file's name: furniture when another line of it is above (a site's
    footer, 相关附件：), else the report's own."""
    return len(text) <= _SITE_FOOTER_MAX and (_SITE_CONTACT_RE.match(text) is not None
                                              or _FILE_NAME_RE.fullmatch(text.strip()) is not None)


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
        if line.kind == "footer":
            break
        text = folded[line.start : line.end]
        if is_furniture(text):
            first = index - 1
        elif not _is_furniture_below(text):
            break
        index -= 1
    return first
