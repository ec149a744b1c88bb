"""AGENCY mentions: listed names and aliases (``agencies.tsv``), unlisted names anchored on a
level prefix or a place name, and the items of source brackets; the word rules are data
(``agency_rules.txt``). Conventions: docs/annotation.md (AGENCY).
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from bulletin_nlp.entities.counties import CountyTable
from bulletin_nlp.entities.overlaps import AgencyCandidate, longest_first
from bulletin_nlp.resources import read_sections, section_words
from bulletin_nlp.text.chars import HAN, is_han

__all__ = ["AgencyMatch", "AgencyRules", "AgencyTable"]

_BODY_MIN, _BODY_MAX = 2, 10  # characters of an unlisted name between prefix and head
#: Source bracket: a list of names separated by spaces / 、 (no other punctuation).
_BRACKET_RE = re.compile(r"[（(]([^（）()\n]{1,160})[）)]")
_BRACKET_ITEM_RE = re.compile(f"[{HAN}]+")
_BRACKET_CONTENT_RE = re.compile(f"[ \u3000]*[{HAN}]+(?:[ \u3000、，,]+[{HAN}]+)*[ \u3000]*")
_BRACKET_ITEM_MAX = 12
#: A bracket item containing a township suffix after ≥2 chars is a township's body (王楼镇卫生院).
_TOWNSHIP_BODY_RE = re.compile(f"^(?:街道|乡镇|镇|[{HAN}]{{2,}}?(?<!城)(?:镇|乡(?!村)|街道|苏木))")
#: The level prefix of the canonical forms (县卫生健康委员会).
_COUNTY_PREFIX = "县"


@dataclass(frozen=True)
class AgencyMatch:
    """An agency mention: ``text == input[start:end]``; ``canonical`` is the full county form."""

    start: int
    end: int
    text: str
    canonical: str


def _alternatives(lines: list[str]) -> re.Pattern[str]:
    """One regex of the alternatives of a section, one a line, in file order."""
    return re.compile("|".join(f"(?:{line})" for line in lines) if lines else "(?!)")


@dataclass(frozen=True)
class AgencyRules:
    """The word rules of ``agency_rules.txt`` (see the comments there)."""

    heads: tuple[str, ...]
    head_follow_block: dict[str, str]
    level_chars: str
    anchor_re: re.Pattern[str]
    anchor_prev_block: dict[str, str]
    anchor_next_block: re.Pattern[str]
    body_block: re.Pattern[str]
    body_head_block: frozenset[str]
    head_allow: frozenset[str]
    short_bodies: frozenset[str]
    place_words: frozenset[str]
    subunit_re: re.Pattern[str]
    generic: frozenset[str]
    bracket_blocked_first: str
    own_office_prev: str

    @classmethod
    def read(cls, path: Path) -> AgencyRules:
        sections = read_sections(path)

        def words(name: str) -> list[str]:
            return section_words(sections, name)

        subunits = "|".join(map(re.escape, words("subunit_heads")))
        return cls(
            heads=tuple(words("heads")),
            head_follow_block=dict(line.split(None, 1) for line in sections.get("head_follow_block", [])),
            level_chars="".join(words("level_chars")),
            anchor_re=re.compile("[" + re.escape("".join(words("anchor_chars"))) + "]"),
            anchor_prev_block=dict(line.split(None, 1) for line in sections.get("anchor_prev_block", [])),
            anchor_next_block=_alternatives(sections.get("anchor_next_block", [])),
            body_block=_alternatives(sections.get("body_block", [])),
            body_head_block=frozenset(words("body_head_block")),
            head_allow=frozenset(words("head_allow")),
            short_bodies=frozenset(words("short_bodies")),
            place_words=frozenset(words("place_words")),
            subunit_re=re.compile(f"[{HAN}]{{1,6}}?(?:{subunits})"),
            generic=frozenset(words("generic")),
            bracket_blocked_first="".join(words("bracket_blocked_first")),
            own_office_prev="".join(words("own_office_prev")),
        )

    @cached_property
    def head_start_re(self) -> re.Pattern[str]:
        """The first characters of the heads."""
        return re.compile("[" + "".join(sorted({head[0] for head in self.heads})) + "]")


class AgencyTable:
    """Listed agencies and the rules for unlisted ones; :meth:`find` finds mentions."""

    def __init__(self, agencies_file: Path, rules: AgencyRules, counties: CountyTable) -> None:
        self.agencies_file = agencies_file
        self.rules = rules
        self.counties = counties

    @cached_property
    def _listed(self) -> tuple[dict[str, str], dict[str, str]]:
        """(name or alias → canonical name, the same plus bracket-only aliases)."""
        canonical: dict[str, str] = {}
        in_brackets: dict[str, str] = {}
        with self.agencies_file.open(encoding="utf-8", newline="") as handle:
            lines = [line for line in handle if line.strip() and not line.startswith("#")]
        for row in csv.DictReader(lines, delimiter="\t"):
            name = row["name"].strip()
            canonical[name] = name
            for alias in (row.get("aliases") or "").split("|"):
                if alias.strip():
                    canonical.setdefault(alias.strip(), name)
            for alias in (row.get("bracket_only") or "").split("|"):
                if alias.strip():
                    in_brackets.setdefault(alias.strip(), name)
        in_brackets.update(canonical)
        return canonical, in_brackets

    @cached_property
    def _listed_lengths(self) -> list[int]:
        return sorted({len(word) for word in self._listed[0]}, reverse=True)

    @cached_property
    def _listed_end_re(self) -> re.Pattern[str]:
        return re.compile("[" + re.escape("".join(sorted({word[-1] for word in self._listed[0]}))) + "]")

    @cached_property
    def _places(self) -> frozenset[str]:
        """County, city and province full names (for place-prefixed agencies)."""
        return frozenset(
            name for name in list(self.counties.full_names) + list(self.counties.regions)
            if (len(name) >= 3 or name.endswith("县")) and name not in self.rules.place_words  # 曹县, 沛县 too
        )

    @cached_property
    def _place_lengths(self) -> list[int]:
        return sorted({len(place) for place in self._places}, reverse=True)

    def lexicon(self) -> list[str]:
        """Agency names and aliases from agencies.tsv (for the segmenter's user dictionary)."""
        return sorted(self._listed[0])

    def _lookup(self, core: str) -> str | None:
        """Listed canonical name for ``core`` written with or without the 县 prefix."""
        in_brackets = self._listed[1]
        for word in (core, core[1:] if core.startswith(_COUNTY_PREFIX) else _COUNTY_PREFIX + core):
            if word in in_brackets:
                return in_brackets[word]
        return None

    def _place_before(self, text: str, end: int) -> str:
        """Longest known place name (county/city/province) ending at ``end``."""
        for length in self._place_lengths:
            if length <= end and text[end - length:end] in self._places:
                return text[end - length:end]
        return ""

    def _head_at(self, text: str, position: int) -> str:
        for head in self.rules.heads:
            if text.startswith(head, position):
                following = text[position + len(head):position + len(head) + 1]
                if following and following in self.rules.head_follow_block.get(head, ""):
                    continue
                return head
        return ""

    def _body_blocked(self, text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` holds a blocked word; lookaheads see the head after it."""
        return any(m.end() <= end for m in self.rules.body_block.finditer(text, start, min(len(text), end + 1)))

    def _rule_body(self, text: str, start: int) -> int:
        """End of ``name + head`` starting at ``start`` (lazy: first head after 2-10 chars), or -1."""
        rules = self.rules
        for position in range(start + 1, min(start + _BODY_MAX, len(text)) + 1):
            if not is_han(text[position - 1]):
                return -1
            if position - start < _BODY_MIN:
                continue
            if self._body_blocked(text, start, position):
                return -1
            head = self._head_at(text, position)
            if head and (text[position - 1] + head[0] not in rules.body_head_block
                         or text[position - 2:position] + head in rules.head_allow):
                end = position + len(head)
                subunit = rules.subunit_re.match(text, end)
                if subunit and not rules.body_block.search(subunit.group()):
                    end = subunit.end()
                return end
        return -1

    def _level_start(self, text: str, anchor: int) -> int:
        """Start of the level prefix (县/市/区 or a place name) ending at ``text[anchor]``, or -1."""
        place = self._place_before(text, anchor + 1) if anchor >= 2 else ""
        if place:
            return anchor + 1 - len(place)
        char = text[anchor]
        if char not in self.rules.level_chars:
            return -1
        if anchor > 0 and text[anchor - 1] in self.rules.anchor_prev_block.get(char, ""):
            return -1
        return anchor

    def find(self, text: str) -> list[AgencyMatch]:
        """Agency mentions, non-overlapping, longest first, in text order."""
        if not text:
            return []
        candidates = self._listed_candidates(text) + self._anchored_candidates(text) + self._bracket_candidates(text)
        return [AgencyMatch(start, end, text[start:end], canonical)
                for start, end, canonical in longest_first(candidates)]

    def _listed_candidates(self, text: str) -> list[AgencyCandidate]:
        """Listed names and aliases: the longest ending at each head character."""
        rules = self.rules
        canonical = self._listed[0]
        candidates: list[AgencyCandidate] = []
        for match in self._listed_end_re.finditer(text):
            end = match.end()
            for length in self._listed_lengths:
                start = end - length
                if start < 0:
                    continue
                word = text[start:end]
                if word in canonical:
                    following = text[end:end + 1]
                    if length <= 2 and following and following in rules.head_follow_block.get(word, ""):
                        break  # 防指导 ...
                    if start > 0 and word[0] not in rules.level_chars and text[start - 1] in rules.own_office_prev:
                        break  # 镇政府办公室: a township's own office
                    candidates.append(self._with_prefix(text, start, end, canonical[word]))
                    break
        return candidates

    def _anchored_candidates(self, text: str) -> list[AgencyCandidate]:
        """Unlisted names anchored on a level prefix (县/市/区 or a county/city/province name)."""
        rules = self.rules
        heads = [match.start() for match in rules.head_start_re.finditer(text)]
        candidates: list[AgencyCandidate] = []
        for match in rules.anchor_re.finditer(text):
            anchor = match.start()
            short = text[anchor + 1:anchor + 3] in rules.short_bodies
            first_head = bisect_left(heads, anchor + 1 + _BODY_MIN)
            if not short and (first_head == len(heads) or heads[first_head] > anchor + 1 + _BODY_MAX):
                continue  # no head word within reach: nothing to find here
            if rules.anchor_next_block.match(text, anchor + 1):
                continue
            start = self._level_start(text, anchor)
            if start < 0:
                continue
            end = max(anchor + 3 if short else -1, self._rule_body(text, anchor + 1))
            if end < 0:
                continue
            candidates.append((start, end, self._canonical_written(text[start:end])))
        return candidates

    def _bracket_candidates(self, text: str) -> list[AgencyCandidate]:
        """Items of source brackets （民政局 交通运输局 王楼镇）."""
        in_brackets = self._listed[1]
        candidates: list[AgencyCandidate] = []
        for match in _BRACKET_RE.finditer(text):
            if not _BRACKET_CONTENT_RE.fullmatch(match.group(1)):
                continue
            items = list(_BRACKET_ITEM_RE.finditer(match.group(1)))
            if any(len(item.group()) > _BRACKET_ITEM_MAX for item in items):
                continue
            base = match.start(1)
            for item in items:
                word = item.group()
                if word in in_brackets:
                    canonical = in_brackets[word]
                elif self._is_bracket_agency(word):
                    canonical = self._canonical_written(word)
                else:
                    continue
                candidates.append((base + item.start(), base + item.end(), canonical))
        return candidates

    def _is_bracket_agency(self, word: str) -> bool:
        """An unlisted source-bracket item that names a body (ends in an organisational head)."""
        rules = self.rules
        return (
            len(word) >= 3
            and any(word.endswith(head) and len(word) > len(head) for head in rules.heads)
            and word not in rules.generic
            and word[0] not in rules.bracket_blocked_first
            and not _TOWNSHIP_BODY_RE.match(word)
            and not rules.body_block.search(word)
        )

    def _canonical_written(self, word: str) -> str:
        """Canonical form of a written name: the listed name when the county form is listed
        (延津县卫健委, 县卫健委, 卫健委 → 县卫生健康委员会), else the written form, with 县 added
        when it has no level prefix."""
        for length in self._place_lengths:
            if length < len(word) and word[:length] in self._places:
                if word[:length] in self.counties.full_names:
                    return self._lookup(_COUNTY_PREFIX + word[length:]) or word
                return word
        if word[0] in self.rules.level_chars and word[0] != _COUNTY_PREFIX:
            return word
        return self._lookup(word) or (word if word[0] == _COUNTY_PREFIX else _COUNTY_PREFIX + word)

    def _with_prefix(self, text: str, start: int, end: int, canonical: str) -> tuple[int, int, str]:
        """Extend a listed match left over a level prefix / place name (延津县卫健委, 市防指)."""
        level_chars = self.rules.level_chars
        new_start = start
        if start > 0 and text[start] not in level_chars and text[start - 1] in level_chars:
            new_start = self._level_start(text, start - 1)
        elif start >= 1 and text[start] in level_chars:
            place = self._place_before(text, start + 1)
            if place:
                new_start = start + 1 - len(place)
        if new_start < 0 or new_start == start:
            return start, end, canonical
        return new_start, end, self._canonical_written(text[new_start:end])
