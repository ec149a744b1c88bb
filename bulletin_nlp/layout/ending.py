"""The end of a bulletin's body: the footer block, a web page's feedback form and the closing
signature (with 附件 lines after it), found from the last line backwards; and the end of a
report signed by its office within the body."""

from __future__ import annotations

import regex

from bulletin_nlp.layout import cues
from bulletin_nlp.layout.blocks import Paragraph
from bulletin_nlp.layout.lines import NOT_CONTENT, Line
from bulletin_nlp.layout.masthead import MastheadFields, find_signature, read_signature_line
from bulletin_nlp.text.offsets import MappedText

_FOOTER_NOTE_MAX = 40
_FORM_FIELDS_MIN = 2
_SIGNATURE_MAX = 40  # an office and a date on one line
# the printing line, however widely spaced: 沁源县委办公室      2024年6月18日印发
_PRINTED_RE = regex.compile(r"[ \t]*+\p{Han}{2,30}[ \t]++\d{4}[ \t]*+年[ \t]*+\d{1,2}[ \t]*+月"
                         r"[ \t]*+\d{1,2}[ \t]*+日[ \t]*+印发[ \t]*+$")


def find_footer(folded: str, lines: list[Line], body_start: int, end: int | None = None) -> int:
    """Index of the first footer line: the first footer keyword line of the closing block
    before ``lines[end]`` (a phone post's counters may follow it); ``end`` when there is none.

    Short lines without a keyword (（共印 50 份）) or the printing line (an office and a date
    ending in 印发, however widely spaced) may sit inside the block or close it.
    """
    start = len(lines) if end is None else end
    short_run = 0
    for index in range(start - 1, body_start - 1, -1):
        line = lines[index]
        if line.kind == "footer":
            start, short_run = index, 0
        elif line.kind in ("blank", "rule", "page"):
            continue
        elif line.kind == "text" and short_run < 2 and (line.end - line.start <= _FOOTER_NOTE_MAX
                                                         or _PRINTED_RE.match(folded[line.start : line.end])):
            short_run += 1
        else:
            break
    return start


def find_page_form(folded: str, lines: list[Line], body_start: int, footer_start: int) -> int:
    """Index of the first line of a web page's feedback form closing the body (two or more
    empty fields, ``• 姓  名:``, and the line inviting comments before them); ``footer_start``
    when there is none. The form is in no item."""
    end, fields = footer_start, 0
    while end > body_start and (lines[end - 1].kind in NOT_CONTENT
                                or cues.is_form_field(folded[lines[end - 1].start : lines[end - 1].end])):
        fields += lines[end - 1].kind not in NOT_CONTENT
        end -= 1
    if fields < _FORM_FIELDS_MIN:
        return footer_start
    before = end
    while before > body_start and lines[before - 1].kind in NOT_CONTENT:
        before -= 1
    if before > body_start and cues.invites_comment(folded[lines[before - 1].start : lines[before - 1].end]):
        return before - 1
    return end


def find_signature_start(folded: str, lines: list[Line], body_start: int, footer_start: int,
                    masthead: MastheadFields) -> int:
    """Index of the first line of the closing signature, ``footer_start`` when there is none.
    附件 lines after the signature (not before it, inside a notice) are left out with it."""
    end = footer_start
    while end > body_start and (lines[end - 1].kind in NOT_CONTENT or _is_attachment_line(folded, lines[end - 1])):
        end -= 1
    closing_lines = [(line.start, line.end) if line.kind == "text" else None
                     for line in lines[body_start:end] if line.kind not in NOT_CONTENT]
    signed = find_signature(folded, closing_lines, masthead)
    if not signed:
        return footer_start
    while signed and end > body_start:  # back over the signature's lines (and blanks among them)
        end -= 1
        signed -= lines[end].kind not in NOT_CONTENT
    return end


def _is_attachment_line(folded: str, line: Line) -> bool:
    return line.kind in ("text", "enum") and cues.is_attachment(folded[line.start : line.end], True)


def item_signature(folded: str, lines: list[Line], index: int, view: MappedText) -> tuple[Paragraph, int] | None:
    """A report's own signature in the body (``县民政局`` over ``2024年1月5日``, or both on one
    line), as departments sign what they submit: a paragraph closing the report with the office
    as its source, added to ``view``, and the index of its last line; None when ``lines[index]``
    opens none. The caller checks that a sentence ends before it."""
    first = read_signature_line(folded, lines[index].start, lines[index].end)
    if first is None or first[0] is None or lines[index].end - lines[index].start > _SIGNATURE_MAX:
        return None
    last = index
    if first[1] is None:
        following = lines[index + 1] if index + 1 < len(lines) else None
        dated = following and following.kind == "text" and read_signature_line(folded, following.start, following.end)
        if not dated or dated[0] is not None or dated[1] is None:
            return None
        last = index + 1
    if len(view):
        view.add_separator()
    view_start = len(view)
    for position in range(index, last + 1):
        if position > index:
            view.add_separator()
        view.add(lines[position].start, lines[position].end)
    office = (view_start + first[0][0] - lines[index].start, view_start + first[0][1] - lines[index].start)
    paragraph = Paragraph(lines[index].start, lines[last].end, view_start, len(view),
                          closing=(view_start, len(view), [office]))
    return paragraph, last
