"""A county newspaper's e-edition page (数字报): its page line and its navigation row.

A county paper's e-edition prints under its masthead (``阳城报`` / ``…融媒体中心主办`` /
``第2356期  2024年10月15日  星期二``) the page it shows, a line of the masthead
(``第02版：要闻``, ``A3版  综合新闻``), and a row of links to the paper's other pages
(``上一版   下一版»   本期共4版``, ``«上一版 | 版面导航 | 下一版»``): page furniture, in no item, where
no names are read. All patterns are anchored and linear-time.
"""

from __future__ import annotations

import regex

# 第02版：要闻, 第 3 版  综合新闻, A3版：时政, 4版
_PAGE_LINE_RE = regex.compile(
    r"[ \t]*+(?:第[ \t]*+\d{1,3}+|[A-Za-z]?+\d{1,3}+)[ \t]*+版(?:(?:[ \t]*+[：:]|[ \t])[ \t]*+\p{Han}{2,10}+)?+[ \t]*+")
_LINKS = ("上一版", "下一版", "上一期", "下一期", "前一版", "后一版", "首版", "末版", "版面导航", "版面目录",
          "本版目录", "标题导航", "返回目录", "往期回顾", "往期查询", "PDF下载", "下载PDF", "PDF版")
# «上一版, 下一版», 本期共4版 (本期 8 版): one link of the row
_LINK = (r"(?:[«‹<]{0,2}+[ \t]*+(?:" + "|".join(_LINKS) + r")[ \t]*+[»›>]{0,2}+"
         r"|本期(?:共)?+[ \t]*+\d{1,3}+[ \t]*+版)")
_NAVIGATION_RE = regex.compile(rf"(?:[ \t|｜/·]*+{_LINK})++[ \t|｜/·]*+")
_ROW_MAX = 60


def is_page_line(text: str) -> bool:
    """The e-edition's page line: ``第02版：要闻`` (the page's number, maybe its name)."""
    return _PAGE_LINE_RE.fullmatch(text) is not None


def is_navigation_row(text: str) -> bool:
    """A row of links to the e-edition's other pages: ``上一版   下一版»   本期共4版``."""
    return len(text) <= _ROW_MAX and _NAVIGATION_RE.fullmatch(text.strip()) is not None
