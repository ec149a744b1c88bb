"""Subjects: the body whose work a figure reports.

A mention (AGENCY, TOWNSHIP or a county word such as 全县) is *in subject position* when it
opens its clause — only spaces, DATEs, connectors and time words before it (``截至目前，县农业
农村局出动…``, ``；**潭龙街道**分发…``) — and is not one of several names joined by 、/和
(``郑庄街道、倪集街道和韩集镇化解…``). A body after 联合, 对, 由 … is not. The subject carries
on until the next mention in subject position.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from bulletin_nlp.facts.clauses import SUBJECT_BREAKS, Breaks, skip_space
from bulletin_nlp.facts.lexicon import FactWords
from bulletin_nlp.facts.model import Mention

_MAX_LEAD = 40  # characters a clause may hold before its subject
_JOINERS = frozenset("、和及与")


NULL_ACTOR = "NONE"  # the label of a mention that makes the subject null (县政府)


def county_mentions(text: str, start: int, end: int, words: FactWords, county: tuple[str, str] | None) -> list[Mention]:
    """Every county word (我县, 全县 …) in ``text[start:end]``, and every null actor (县政府 …)
    as a mention labelled ``NONE``."""
    name, code = county if county else (None, None)
    found = [Mention("COUNTY", match.start(), match.end(), name, code)
             for match in words.county.pattern.finditer(text, start, end)]
    found += [Mention(NULL_ACTOR, match.start(), match.end())
              for match in words.null_actors.pattern.finditer(text, start, end)]
    return found


def opens_clause(text: str, mention: Mention, opening: int, date_ends: dict[int, int], words: FactWords) -> bool:
    """Whether only spaces, DATEs, connectors and time words stand between ``opening`` and
    the mention."""
    pos, limit = opening, mention.start
    if limit - pos > _MAX_LEAD:
        return False
    while pos < limit:
        pos = skip_space(text, pos, limit)
        if pos >= limit:
            break
        if pos in date_ends:
            pos = date_ends[pos]
            continue
        size = words.connectors.prefix(text, pos, limit) or words.time.prefix(text, pos, limit)
        if not size:
            return False
        pos += size
    return pos == limit


def subject_positions(
    text: str, start: int, end: int, mentions: Sequence[Mention], dates: Sequence[tuple[int, int]], words: FactWords
) -> list[Mention]:
    """The mentions of ``text[start:end]`` that are in subject position, in order."""
    breaks = Breaks(text, start, end, SUBJECT_BREAKS)
    date_ends = dict(dates)
    ordered = sorted(mentions, key=lambda mention: mention.start)
    starts = [mention.start for mention in ordered]
    out = []
    for mention in ordered:
        if not opens_clause(text, mention, breaks.opening(mention.start), date_ends, words):
            continue
        after = skip_space(text, mention.end, end)
        if after < end and text[after] in _JOINERS:
            following = skip_space(text, after + 1, end)
            next_mention = bisect_right(starts, following - 1)
            if next_mention < len(starts) and starts[next_mention] == following:
                continue  # 郑庄街道、倪集街道和韩集镇…: no single body reports the figure
        out.append(mention)
    return out


def headline_subject(text: str, headline: tuple[int, int], mentions: Sequence[Mention]) -> Mention | None:
    """The mention the headline opens with (县民政局…, 我县…), if any."""
    first = skip_space(text, headline[0], headline[1])
    return next((mention for mention in mentions if mention.start == first), None)
