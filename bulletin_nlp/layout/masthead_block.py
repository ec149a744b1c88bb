"""Where a bulletin's masthead ends: its lines at the top of the text, read into fields.

The reader hands over the lines after a web page's front matter; each short line without
sentence punctuation that :func:`~bulletin_nlp.layout.masthead.read_masthead_line` recognises
(a title, 第 N 期, a date, a publisher, a note) is a masthead line, and the first line that is
none (or a headline, a section heading, a document's title) opens the body. A line is short
with runs of spaces counted as one, so that a masthead whose parts a flattened PDF set on one
line (``宁城政务信息     2024年第15期     宁城县人民政府办公室编     2024年5月20日``) is one.

An organ's name over the title (``隆化县人民政府`` / ``县长办公会议纪要``, a red header) is first
read as the publisher; when its office is named below (``隆化县人民政府办公室  2024年4月12日``),
the office is the publisher and the organ's line is the title's header: it stays out of the
view (no body is named there), like the rest of the masthead that holds no field. Another body
printed with the date (``靖远县纪委监委`` over the title, ``中共靖远县纪律检查委员会办公室  2024年9月3日``)
is the publisher too, but the line over the title names a body of its own and stays. A newspaper
e-edition's page line (``第02版：要闻``) is a masthead line, its navigation row (``上一版  下一版»``)
page furniture (:mod:`~bulletin_nlp.layout.epaper`). A line of a place's name only directly over
the title line (``汝阳县`` / ``政务信息``) is the title's first part: the title spans both lines.

An upward report (信息专报) may print its signer in the header, after the issue
(``第5期        签发人：叶志强``) or on a line of its own: the line is a masthead line and the
signer, kept as ``issuer``, is the footer's issuer where the footer names none.

Some lines no masthead holds, however short and free of punctuation: a bulleted report's
headline under the title (``◆县农业农村局抓好夏粮收购``) and a line that a page break cuts
mid-sentence (``县农业农村局设立收购网`` / ``- 2 -`` / ``点26个，…``): a masthead never runs
over a page into a report's sentence.
"""

from __future__ import annotations

from dataclasses import replace

import regex

from bulletin_nlp.diagnostics import UNREAD_MASTHEAD, Diagnostic
from bulletin_nlp.layout import cues
from bulletin_nlp.layout.closing import is_head_byline
from bulletin_nlp.layout.epaper import is_navigation_row, is_page_line
from bulletin_nlp.layout.hints import LayoutHints
from bulletin_nlp.layout.lines import RUNNING_TEXT_RE, Line, fills_line_below, fills_width_indented, next_non_blank
from bulletin_nlp.layout.masthead import MastheadFields, read_masthead_line, repeats_masthead
from bulletin_nlp.layout.titles import bold_heading, heads_numbered_report, wraps_headline

_LINE_MAX = 50  # 湄潭县人民政府办公室编    2024 年 3 月 8 日 and the like
_SCAN = 12  # masthead lines are read only among the first text lines
_SERIAL_RE = regex.compile(r"(?<!\p{Han})(?:编号|份号)[ \t]*+[：:][ \t]*+[0-9A-Za-z][0-9A-Za-z-]*+")
_SPACES_RE = regex.compile(r"[ \t\u3000]{2,}+")
_TEXT_COLON_RE = regex.compile(r"(?<!\d):|:(?!\d)")  # an ASCII colon of a sentence, not of a time (16:40)
_SENTENCE_MARKS = "，。；,;"
_SENTENCE_END = "。！？!?；;"
_HAN_RE = regex.compile(r"\p{Han}")
_PLACE_LINE_RE = regex.compile(r"\p{Han}{1,6}[县市区旗]")  # 汝阳县 over 政务信息: the title's first part
# an upward report's signer at the end of a masthead line (第5期        签发人：叶志强), or on a line of its own
_SIGNER_RE = regex.compile(r"(?<![^ \t\u3000\n])签[ \t]*+发[ \t]*+人?+[ \t]*+[：:][ \t]*+"
                           r"(?P<name>\p{Han}(?:[ \t\u3000]?+\p{Han}){1,3})[ \t\u3000]*+$")


def read_masthead_block(folded: str, lines: list[Line], fields: MastheadFields, warnings: list[Diagnostic],
                        hints: LayoutHints, first: int = 0, width: int | None = None) -> tuple[int, list[Line]]:
    """Read masthead lines from ``lines[first]`` on into ``fields``: the index of the first body
    line, and the masthead lines the view shows (``width``: the page's line width of a
    hard-wrapped text)."""
    shown: list[Line] = []
    organ: Line | None = None  # a line that gave the publisher and nothing else
    place: tuple[Line, Diagnostic] | None = None  # the line above, unread, a place's name only
    seen_text, end = 0, len(lines)
    for index in range(first, len(lines)):
        line = lines[index]
        if line.kind == "rule" and fields.date is not None:
            end = index + 1  # the rule under a dated masthead closes it
            break
        if line.kind in ("blank", "rule"):
            continue
        if line.kind == "text" and _is_running_text(folded, line, fields, hints):
            end = index  # what every test below would decide for it, without their cost
            break
        if line.kind != "text" or seen_text >= _SCAN or _opens_body(folded, lines, index, width) or (
                fields.title is not None and _opens_bullet_item(folded[line.start : line.end])):
            end = index
            break
        if is_navigation_row(folded[line.start : line.end]):
            continue  # an e-paper's 上一版 下一版»: page furniture, listed by the reader
        seen_text += 1
        if is_page_line(folded[line.start : line.end]):
            shown.append(line)  # 第02版：要闻, the e-paper's page
            continue
        before = fields.copy()
        signed = _read_signer(folded, line, fields)
        known = signed.start == signed.end or (_is_masthead_like(folded, signed, limit=_LINE_MAX) and (
            read_masthead_line(folded, signed.start, signed.end, fields)
            or repeats_masthead(folded, signed.start, signed.end, fields)))
        if not known and fields.title is None and hints.title and line.start <= hints.title[0] < line.end:
            fields.title, known = (line.start, line.end), True  # set in the document's largest font
        if not known and ((fields.title is not None and hints.bold_opening(line.start, line.end))
                          or heads_numbered_report(folded, lines, index)  # 项目建设 over 一、沛县…
                          or not (_is_masthead_like(folded, line) and not _has_body_after(folded, lines, index,
                                                                                          width))):
            # a bold line under the title, a section heading, a headline: the body's (and so is its 签发人)
            end, fields.issuer = index, before.issuer
            break
        if (place is not None and lines[index - 1] is place[0] and before.title is None
                and fields.title is not None and fields.title[0] == line.start):
            fields.title = (place[0].start, fields.title[1])  # 汝阳县 / 政务信息: one title set on two lines
            warnings.remove(place[1])
        place = None
        if not known:
            warnings.append(Diagnostic(UNREAD_MASTHEAD, f"unrecognised masthead line: {folded[line.start:line.end]!r}",
                                       line.start, line.end))
            if fields.title is None and _PLACE_LINE_RE.fullmatch(folded, line.start, line.end):
                place = line, warnings[-1]
        if fields.publisher != before.publisher:
            if organ is not None and before.publisher and fields.publisher and folded.startswith(
                    folded[slice(*before.publisher)], fields.publisher[0]):
                shown.remove(organ)  # its office is the publisher: the organ heads the title
            organ = line if before.publisher is None and replace(before, publisher=fields.publisher) == fields else None
        shown.append(line)
    return end, shown


def _read_signer(folded: str, line: Line, fields: MastheadFields) -> Line:
    """Read a signer (签发人：叶志强) at the end of ``line`` into ``fields``: the line without it."""
    signer = _SIGNER_RE.search(folded, line.start, line.end)
    if signer is None or fields.issuer is not None:
        return line
    fields.issuer = signer.span("name")
    end = signer.start()
    while end > line.start and folded[end - 1] in " \t\u3000":
        end -= 1
    return replace(line, end=end)


def _opens_body(folded: str, lines: list[Line], index: int, width: int | None) -> bool:
    """关于全县…推进情况 / 的通报, **工作动态**, or a headline wrapped at the page's width."""
    line = lines[index]
    return (_opens_broken_title(folded, lines, index) or bold_heading(folded, lines, index) is not None
            or (index + 1 < len(lines) and wraps_headline(folded, lines, index + 1, (line.start, line.end), width)))


def _is_running_text(folded: str, line: Line, fields: MastheadFields, hints: LayoutHints) -> bool:
    """Whether a text line opens the body for certain, with nothing read from it: a sentence
    (punctuated) that holds no signer and is neither an e-paper's page line or navigation row
    nor the document's title line. The loop's own tests reach the same end on such a line."""
    text = folded[line.start : line.end]
    return (_has_sentence_punctuation(text) and "签" not in text and not is_navigation_row(text)
            and not is_page_line(text)
            and not (fields.title is None and hints.title and line.start <= hints.title[0] < line.end))


def _has_sentence_punctuation(text: str) -> bool:
    """Whether ``text`` holds a sentence's comma, full stop or semicolon (no serial number has one)."""
    return any(char in text for char in _SENTENCE_MARKS)


def _is_masthead_like(folded: str, line: Line, limit: int = 30) -> bool:
    """Short (runs of spaces count as one: a masthead's parts spread over a line), and no sentence
    punctuation: a line of the masthead, not of a report. A serial number (编号：0086) is no sentence."""
    text = folded[line.start : line.end]
    if _has_sentence_punctuation(text):
        return False
    text = _SPACES_RE.sub(" ", _SERIAL_RE.sub("", text))
    return len(text) <= limit and "：" not in text and not _TEXT_COLON_RE.search(text)


def _opens_broken_title(folded: str, lines: list[Line], index: int) -> bool:
    """Whether the line at ``index`` is a document's title that the next line ends."""
    following = next_non_blank(lines, index)
    return (following is not None and cues.opens_document_title(folded[lines[index].start : lines[index].end])
            and cues.ends_document_title(folded[following.start : following.end]))


def _has_body_after(folded: str, lines: list[Line], index: int, width: int | None) -> bool:
    """Whether the line at ``index`` is followed directly by body text (a paragraph's indented
    first line cut by a hard wrap at the page's ``width``, or as wide as the wrapped line under
    it, is) or by a subtitle line (so it is a headline; a line that a page break cuts is body
    text too); a byline line between them (（通讯员 岩温香）) is passed over."""
    following = next_non_blank(lines, index)
    if following is not None and is_head_byline(folded[following.start : following.end]):
        following = next_non_blank(lines, lines.index(following, index))
    return _cut_by_page_break(folded, lines, index) or (following is not None and following.kind == "text" and (
        not _is_masthead_like(folded, following) or _is_subtitle_line(folded, following)
        or fills_width_indented(folded, following, width)
        or fills_line_below(folded, lines, lines.index(following, index), width)
        or _cut_by_page_break(folded, lines, lines.index(following, index))))  # a page cut its first line


def _is_subtitle_line(folded: str, line: Line) -> bool:
    return line.kind == "text" and cues.is_subtitle(folded[line.start : line.end])


def _opens_bullet_item(text: str) -> bool:
    """Whether ``text`` opens a bulleted report: a bullet, then words (★内部资料★, framed by
    bullets, is an ornament)."""
    bullet = cues.bullet_length(text)
    return bool(bullet) and text.rstrip()[-1] not in cues.BULLETS and bool(_HAN_RE.search(text, bullet))


def _cut_by_page_break(folded: str, lines: list[Line], index: int) -> bool:
    """Whether the text line at ``index`` breaks off mid-sentence at a page break (a page
    number line or a form feed) and running text goes on after it (past a running header: a
    line that repeats one above ``index``, the bulletin's title)."""
    line = lines[index]
    if line.kind != "text" or folded[line.start : line.end].rstrip()[-1:] in _SENTENCE_END:
        return False
    earlier: set[str] | None = None  # the lines above, built only once a page break is seen
    position, page_break = index + 1, False
    while position < len(lines):
        if lines[position].kind not in ("blank", "page"):
            if not page_break:
                break
            if earlier is None:
                earlier = {folded[previous.start : previous.end] for previous in lines[:index]}
            if folded[lines[position].start : lines[position].end] not in earlier:
                break  # not a running header
        page_break = page_break or lines[position].kind == "page" or "\f" in folded[
            lines[position - 1].end : lines[position].start]
        position += 1
    if position == len(lines) or lines[position].kind != "text":
        return False
    following = lines[position]
    page_break = page_break or "\f" in folded[lines[position - 1].end : following.start]
    return page_break and bool(RUNNING_TEXT_RE.search(folded, following.start, following.end))
