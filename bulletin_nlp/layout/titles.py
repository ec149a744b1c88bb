"""Headlines the reader finds beyond one line of the body: a one-report web page's title above
the site's metadata, and a headline that a hard wrap broke at the page's line width; and section
headings set in bold on a line of their own (**工作动态**)."""

from __future__ import annotations

import regex

from bulletin_nlp.layout import cues
from bulletin_nlp.layout.blocks import Paragraph
from bulletin_nlp.layout.closing import find_closing, is_closing_line
from bulletin_nlp.layout.headline import MAX_HEADLINE, looks_like_headline_line
from bulletin_nlp.layout.items import bullet_headline_line
from bulletin_nlp.layout.lines import Line, fills_width, next_non_blank
from bulletin_nlp.layout.masthead import CN_DATE_RE, DATE_RE
from bulletin_nlp.text.chars import SENTENCE_END

_PLAIN_HEADING_RE = regex.compile(r"[\p{Han}“”·]{2,8}$")
_SENTENCE_END = set(SENTENCE_END)
_SENTENCE_TAIL = set("”’」』）)》】\"'*_ ")  # may follow a sentence's terminal punctuation
_BOLD_HEADING_RE = regex.compile(r"(?:\*\*|__)[ \t]*+(?P<title>[\p{Han}“”·]{2,8})[ \t]*+(?:\*\*|__)[ \t]*+$")
_LABELLED_HEADING_RE = regex.compile(
    r"[▍▌▋▊▉█▐|｜]?+[ \t]*+(?:栏目|专栏|板块|版块)[ \t]*+[：:][ \t]*+(?P<title>[\p{Han}“”·]{2,10})[ \t]*+$")


def ends_sentence(folded: str, end: int) -> bool:
    """Whether the text ending at ``end`` ends a sentence (closing quotes and markers passed over)."""
    position = end
    while position > 0 and folded[position - 1] in _SENTENCE_TAIL:
        position -= 1
    return position > 0 and folded[position - 1] in _SENTENCE_END


def blank_lines_part_paragraphs(folded: str, lines: list[Line]) -> bool:
    """Whether the text sets a blank line between its paragraphs: of its lines that end a
    sentence or a report (its closing source) and have a paragraph of text after them, four
    in five or more (and one at least) have a blank line between (Word exports that space every
    paragraph). A blank line under a line then says nothing of a page cut. (A source on its own line under
    its report's last sentence, and a section heading, are no paragraph after one; a page number
    between is passed over.)"""
    parted = tight = 0
    for index, line in enumerate(lines[:-1]):
        if line.kind != "text" or not (ends_sentence(folded, line.end) or find_closing(folded, line.start, line.end)):
            continue
        after = next((lines[below] for below in range(index + 1, len(lines))  # no slice: linear in the lines
                      if lines[below].kind not in ("blank", "page")), None)
        if after is None or after.kind != "text" or is_closing_line(folded[after.start : after.end]):
            continue
        parted += lines[index + 1].kind == "blank"
        tight += lines[index + 1].kind != "blank"
    return parted >= 1 and parted >= 4 * tight


def is_plain_heading(folded: str, lines: list[Line], index: int, before: Paragraph | None) -> bool:
    """A short line of text alone (交通建设) between paragraphs, ``before`` the one it follows:
    a section heading without 【】 over text (not a subtitle), or over a numbered report's
    headline line (三、我县…) when the report before it is closed."""
    line = lines[index]
    if not _PLAIN_HEADING_RE.match(folded, line.start, line.end):
        return False
    closed = before is None or find_closing(folded, before.start, before.end) is not None
    if before is not None and not ends_sentence(folded, before.end) and not closed:
        return False  # the end of a broken sentence
    following = next_non_blank(lines, index)
    if following is not None and following.kind == "enum":
        return closed
    return following is not None and following.kind == "text" and not cues.is_subtitle(
        folded[following.start : following.end])


def heads_numbered_report(folded: str, lines: list[Line], index: int) -> bool:
    """Whether ``lines[index]`` is a short heading alone over a numbered report's headline line
    (项目建设 / 一、沛县经济开发区…): a section heading, also right under the masthead."""
    following = next_non_blank(lines, index)
    return following is not None and following.kind == "enum" and is_plain_heading(folded, lines, index, None)


def bold_heading(folded: str, lines: list[Line], index: int) -> tuple[int, int] | None:
    """The title span of ``lines[index]`` when it is a section heading set in bold on a line of
    its own (**工作动态**): a short title over a bulleted report whose headline is a line of its
    own (■县农业农村局推动…), with its body below. A bold line over anything else is a headline."""
    line = lines[index]
    match = _BOLD_HEADING_RE.match(folded, line.start, line.end)
    if match is None:
        return None
    headline = next_non_blank(lines, index)
    if headline is None or headline.kind != "text":
        return None
    text = folded[headline.start : headline.end]
    bullet = cues.bullet_length(text)
    body = next_non_blank(lines, lines.index(headline, index))
    if not bullet or not bullet_headline_line(text[bullet:]) or body is None or body.kind != "text":
        return None
    return None if cues.bullet_length(folded[body.start : body.end]) else match.span("title")


def labelled_heading(folded: str, line: Line) -> tuple[int, int] | None:
    """The title span of ``line`` when it names the column of what follows (▍栏目：重点项目,
    专栏：乡村振兴): a section heading titled by the name after the label."""
    match = _LABELLED_HEADING_RE.match(folded, line.start, line.end)
    return None if match is None else match.span("title")


def is_article_title(folded: str, lines: list[Line], title: tuple[int, int], body_start: int) -> bool:
    """Whether a web page's title above its metadata (``title``) heads the page's one report,
    given that no bulletin title nor masthead line was read (the caller's part): the title ends
    no sentence and the body from ``lines[body_start]`` does not open with a headline line of
    its own (the title repeated above the report)."""
    text = folded[title[0] : title[1]].rstrip()
    if not text or len(text) > MAX_HEADLINE or text[-1] in SENTENCE_END:
        return False
    first = next((line for line in lines[body_start:] if line.kind != "blank"), None)
    return first is not None and first.kind == "text" and not looks_like_headline_line(folded[first.start : first.end])


def wraps_headline(folded: str, lines: list[Line], index: int, before: tuple[int, int], width: int | None) -> bool:
    """Whether ``lines[index]`` ends a headline whose first line, ``before``, a hard wrap broke
    off: ``before`` fills the page's line ``width``, this line does not, both are headline-like
    (together too: no sentence punctuation) and body text follows. A line that is only a date
    (an office over ``2024年7月9日``) ends no headline."""
    line = lines[index]
    if not (line.kind == "text" and fills_width(folded, Line(*before, "text"), width)
            and not fills_width(folded, line, width)) or _is_date_line(folded[line.start : line.end]):
        return False
    following = next_non_blank(lines, index)
    if following is None or following.kind != "text":
        return False
    first = folded[before[0] : before[1]]
    return looks_like_headline_line(first) and looks_like_headline_line(first + folded[line.start : line.end])


def _is_date_line(text: str) -> bool:
    stripped = text.strip()
    return any(pattern.fullmatch(stripped) for pattern in (DATE_RE, CN_DATE_RE))


def repeated_broken_title(folded: str, lines: list[Line], title: tuple[int, int], start: int) -> tuple[int, int] | None:
    """Indices of the two lines from ``lines[start]`` on (blank lines between them allowed)
    that repeat a web page's ``title`` broken in two (``…2024年春季动物防疫`` / ``工作总结``
    under the page title ``…2024年春季动物防疫 工作总结``); None when the body does not open so."""
    found: list[int] = []
    for index in range(start, len(lines)):
        if lines[index].kind != "blank":
            found.append(index)
            if len(found) == 2:
                break
    if len(found) < 2 or any(lines[index].kind != "text" for index in found):
        return None
    pieces = ["".join(folded[lines[index].start : lines[index].end].split()) for index in found]
    return (found[0], found[1]) if "".join(pieces) == "".join(folded[title[0] : title[1]].split()) else None
