"""The word rules of the AGENCY finder, read from ``agency_rules.txt`` (format:
bulletin_nlp/data/README.md, "Rule files"; what each section means: the comments there)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from bulletin_nlp.resources import alternatives_pattern, read_sections, section_words
from bulletin_nlp.text.chars import HAN

__all__ = ["AgencyRules"]


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
    place_conjunctions: str
    zone_infixes: tuple[str, ...]
    office_heads: frozenset[str]
    subunit_re: re.Pattern[str]
    generic: frozenset[str]
    bracket_blocked_first: str
    own_office_prev: str
    leadership_next_block: re.Pattern[str]
    banner_level_block: tuple[str, ...]  # characters before, and after, a 旗 that is no level prefix

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
            anchor_next_block=alternatives_pattern(sections.get("anchor_next_block", [])),
            body_block=alternatives_pattern(sections.get("body_block", [])),
            body_head_block=frozenset(words("body_head_block")),
            head_allow=frozenset(words("head_allow")),
            short_bodies=frozenset(words("short_bodies")),
            place_words=frozenset(words("place_words")),
            place_conjunctions="".join(words("place_conjunctions")),
            zone_infixes=tuple(sorted(words("zone_infixes"), key=len, reverse=True)),
            office_heads=frozenset(words("office_heads")),
            subunit_re=re.compile(f"(?P<name>[{HAN}]{{1,6}}?)(?:{subunits})"),
            generic=frozenset(words("generic")),
            bracket_blocked_first="".join(words("bracket_blocked_first")),
            own_office_prev="".join(words("own_office_prev")),
            leadership_next_block=alternatives_pattern(sections.get("leadership_next_block", [])),
            banner_level_block=tuple(sections.get("banner_level_block", ["", ""])[:2]),
        )

    @cached_property
    def anchor_chars_set(self) -> str:
        """The anchor characters (县 市 区 旗 州 盟 省): a zone's own name does not end in one."""
        return self.anchor_re.pattern.strip("[]").replace("\\", "")

    @cached_property
    def heads_by_first(self) -> dict[str, tuple[str, ...]]:
        """The heads by their first character, each group in the file's order (which decides
        between two heads at one place)."""
        groups: dict[str, tuple[str, ...]] = {}
        for head in self.heads:
            groups[head[0]] = (*groups.get(head[0], ()), head)
        return groups

    @cached_property
    def head_start_re(self) -> re.Pattern[str]:
        """The first characters of the heads."""
        return re.compile("[" + "".join(sorted({head[0] for head in self.heads})) + "]")
