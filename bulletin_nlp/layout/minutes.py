"""Meeting minutes (会议纪要): the preamble and the attendance block, which are no decisions.

A 县长办公会议纪要 or 常务会议纪要 opens with a preamble (the date, who chaired, what was
discussed) that announces the decisions (``现将会议议定事项纪要如下：``); the decisions
(``一、关于…``) are its items. After the last one the minutes list who attended: ``出席：`` and
``列席：`` lines (also ``参加：``, ``请假：``, ``记录：``, ``出席人员：`` …), names of people and of
bodies. Neither the preamble nor that block belongs to a decision: the reader keeps them in the
view (their names are found) as paragraphs of their own, in no item. Patterns are anchored and
linear-time.
"""

from __future__ import annotations

import regex

# 出席：王立新  刘海涛, 列席人员：县政府办公室、…, 参加会议人员：…, 请假：…, 记录：…
_ATTENDANCE_RE = regex.compile(r"[ \t]*+(?:出[ \t]*+席|列[ \t]*+席|参[ \t]*+加(?:会议)?+|缺[ \t]*+席|请[ \t]*+假"
                               r"|记[ \t]*+录)(?:人员|单位|领导)?+[ \t]*+[：:]")
_ANNOUNCEMENT_ENDS = ("纪要如下：", "纪要如下:")


def opens_attendance(text: str) -> bool:
    """Whether a line opens the attendance block of minutes: 出席：…, 列席：…, 参加会议人员：…."""
    return _ATTENDANCE_RE.match(text) is not None


def announces_decisions(paragraph: str) -> bool:
    """Whether a paragraph is the preamble of minutes that announces their decisions
    (…现将会议议定事项纪要如下：)."""
    return paragraph.rstrip().endswith(_ANNOUNCEMENT_ENDS)
