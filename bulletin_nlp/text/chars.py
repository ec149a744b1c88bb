"""Character classes shared by the stages (one home for each)."""

from __future__ import annotations

import regex

#: Han ideographs: CJK Extension A, the Unified Ideographs block and the compatibility block,
#: as a regular-expression character range.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"

#: Characters that end a sentence.
SENTENCE_END = "。！？；!?;…"

#: Whitespace around a mention or a span (spaces, tabs, line ends, the ideographic and the
#: no-break space).
WHITESPACE = " \t\r\n\u3000\xa0"

#: Closing quotes and brackets that may follow a sentence end.
CLOSING_MARKS = "”’」』）)"


_WHITESPACE_RUN_RE = regex.compile(r"\s+")


def without_whitespace(text: str) -> str:
    r"""``text`` with every whitespace character taken out (a letter-spaced 宁 陵 政 务, a name
    broken over two lines).

    >>> without_whitespace("宁 陵\u3000政\n务")
    '宁陵政务'
    """
    return _WHITESPACE_RUN_RE.sub("", text)


def is_han(char: str) -> bool:
    """Whether ``char`` is in :data:`HAN`.

    >>> is_han("县"), is_han("a"), is_han("〇")
    (True, False, False)
    """
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf" or "\uf900" <= char <= "\ufaff"
