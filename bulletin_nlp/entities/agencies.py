"""AGENCY mentions: listed names and aliases, unlisted names anchored on a level prefix or a
place name, and the items of source brackets; the word rules are data (``agency_rules.txt``).

Listed names come from the national list ``agencies_national.tsv`` (every county: the bodies
after the 2018–2019 reform with their other names and short forms, and the bodies of other
levels bulletins name) and from a county's own list, read on top of it for bulletins of that
county (``agencies_local.csv`` names the files: ``agencies.tsv`` for 延津县). Each mention has a
``level``: county, city, province or national. Conventions: docs/annotation.md (AGENCY).
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from bulletin_nlp.entities.agency_rules import AgencyRules
from bulletin_nlp.entities.counties import CountyTable
from bulletin_nlp.entities.endings import lengths_by_ending
from bulletin_nlp.entities.overlaps import AgencyCandidate, longest_first
from bulletin_nlp.frozen_builders import positional_builder
from bulletin_nlp.text.chars import HAN, is_han

__all__ = ["LEVELS", "AgencyEntry", "AgencyMatch", "AgencyTable"]

#: Levels of a body, from the county up.
LEVELS = ("county", "city", "province", "national")

_BODY_MIN, _BODY_MAX = 2, 12  # characters of an unlisted name between prefix and head
_OFFICE = "办公室"
#: Function words before a bare 州 prefix (配合州林草局, 向州民政局); elsewhere a 州 after a Han
#: character ends a place name (广州, 西双版纳州) and is left to the place names.
_BEFORE_BARE_PREFECTURE = frozenset("合和与及同在向对由到经请报据按跟")
#: Source bracket: a list of names separated by spaces / 、 (no other punctuation).
_BRACKET_RE = re.compile(r"[（(]([^（）()\n]{1,160})[）)]")
_BRACKET_ITEM_RE = re.compile(f"[{HAN}]+")
_BRACKET_CONTENT_RE = re.compile(f"[ \u3000]*[{HAN}]+(?:[ \u3000、，,]+[{HAN}]+)*[ \u3000]*")
_BRACKET_ITEM_MAX = 12
_LABEL_AFTER_RE = re.compile(r"[ \u3000]*[：:]")
#: 各乡镇党委、纪委: bodies of every township (a list opened by 各乡镇…, no county body in it)
_EVERY_LIST_RE = re.compile(f"各(?:乡镇|乡|镇|街道|村)[{HAN}]{{0,6}}(?:、(?![县市省])[{HAN}]{{1,8}})*、$")
#: A bracket item containing a township suffix after ≥2 chars is a township's body (王楼镇卫生院).
_TOWNSHIP_BODY_RE = re.compile(f"^(?:街道|乡镇|镇|[{HAN}]{{2,}}?(?<!城)(?:镇|乡(?!村)|街道|苏木))")
#: The level prefix of the canonical forms (县卫生健康委员会).
_COUNTY_PREFIX = "县"
#: A banner (旗): Inner Mongolia's county-level division, whose bodies are written 旗农牧局, 旗委.
_BANNER = "旗"
#: The party's name before a party organ (中共延津县委办公室).
_PARTY_PREFIX = "中共"
#: Level words that open a body without a place name.
_LEVEL_OF_PREFIX = {"县": "county", "区": "county", "市": "city", "州": "city", "省": "province"}
#: Bodies a leadership body's name may open: 县人民政府办公室 is not 县政府 + 办公室.
_LEADERSHIP_KIND = "leadership"
#: Development zones (开发区, 高新区): their own name may stand before the listed word.
_ZONE_KIND = "zone"
_ZONE_NAME_MIN, _ZONE_NAME_MAX = 2, 3  # characters of a zone's own name (庞河, 花亭湖)


@dataclass(frozen=True)
class AgencyMatch:
    """An agency mention: ``text == input[start:end]``; ``canonical`` is the standard full name
    (``县`` + full name for a county body); ``level`` is county, city, province or national."""

    start: int
    end: int
    text: str
    canonical: str
    level: str = "county"


_build_match = positional_builder(AgencyMatch)  # AgencyMatch(...) at under half the cost (frozen_builders)


@dataclass(frozen=True)
class AgencyEntry:
    """A listed body: its canonical name, level and kind (see agencies_national.tsv)."""

    canonical: str
    level: str
    kind: str


def _read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


class AgencyTable:
    """Listed agencies and the rules for unlisted ones; :meth:`find` finds mentions.

    ``national_file`` is ``agencies_national.tsv``; ``local_index`` (``agencies_local.csv``,
    ``county_code,file``) names each county's own list, read on top of the national one;
    ``file_of`` finds a data file by name.
    """

    def __init__(self, national_file: Path, local_index: Path, file_of: Callable[[str], Path],
                 rules: AgencyRules, counties: CountyTable) -> None:
        self.national_file = national_file
        self.local_index = local_index
        self.file_of = file_of  # a data file by name (the county lists named in local_index)
        self.rules = rules
        self.counties = counties

    @cached_property
    def _national(self) -> dict[str, AgencyEntry]:
        """Written name → body; a county body's aliases with and without 县 (发改委, 县发改委)."""
        names: dict[str, AgencyEntry] = {}
        for row in _read_rows(self.national_file):
            entry = AgencyEntry(row["name"], row["level"], row["kind"])
            names[entry.canonical] = entry
            for alias in filter(None, row["aliases"].split("|")):
                names.setdefault(alias, entry)
                if entry.level == "county" and not alias.startswith(_COUNTY_PREFIX):
                    names.setdefault(_COUNTY_PREFIX + alias, entry)
        return names

    def _local_refs(self) -> list[dict[str, str]]:
        """The rows of the local index (``county_code``, ``file``); none without one."""
        if not self.local_index.exists():
            return []
        with self.local_index.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(line for line in handle if not line.startswith("#")))

    def local_files(self) -> list[Path]:
        """The counties' own lists that the local index names."""
        return [self.file_of(ref["file"]) for ref in self._local_refs()]

    @cached_property
    def _local(self) -> dict[str, tuple[dict[str, AgencyEntry], dict[str, AgencyEntry]]]:
        """County code → (its own names, its bracket-only names)."""
        out: dict[str, tuple[dict[str, AgencyEntry], dict[str, AgencyEntry]]] = {}
        for ref in self._local_refs():
            names, in_brackets = out.setdefault(ref["county_code"], ({}, {}))
            for row in _read_rows(self.file_of(ref["file"])):
                name = row["name"].strip()
                base = self._national.get(name)
                entry = AgencyEntry(name, "county", base.kind if base else "government")
                names[name] = entry
                for alias in filter(None, (a.strip() for a in (row.get("aliases") or "").split("|"))):
                    names.setdefault(alias, entry)
                for alias in filter(None, (a.strip() for a in (row.get("bracket_only") or "").split("|"))):
                    in_brackets.setdefault(alias, entry)
        return out

    def lookup(self, name: str, county_code: str | None, bracket: bool = False) -> AgencyEntry | None:
        """The listed body written ``name``: the county's own names first; ``bracket``: also
        the names only a source bracket may hold."""
        own, in_brackets = self._local.get(county_code[:6], ({}, {})) if county_code else ({}, {})
        return own.get(name) or (in_brackets.get(name) if bracket else None) or self._national.get(name)

    def _lookup_county_form(self, core: str, county_code: str | None) -> AgencyEntry | None:
        """The listed county body for ``core`` written with or without 县."""
        for word in (core, core[1:] if core.startswith(_COUNTY_PREFIX) else _COUNTY_PREFIX + core):
            entry = self.lookup(word, county_code, bracket=True)
            if entry is not None and entry.level == "county":
                return entry
        return None

    def _names(self, county_code: str | None) -> tuple[frozenset[str], dict[str, tuple[int, ...]], re.Pattern[str]]:
        """(listed written forms, the lengths of those ending with each character longest
        first, a class of their last characters) for a bulletin of ``county_code``."""
        key = county_code[:6] if county_code and county_code[:6] in self._local else ""
        cached = self._names_cache.get(key)
        if cached is None:
            names = frozenset(self._national) | frozenset(self._local[key][0] if key else ())
            lengths = lengths_by_ending(names)  # keyed by the names' last characters
            ends = re.compile("[" + re.escape("".join(sorted(lengths))) + "]")
            cached = self._names_cache[key] = (names, lengths, ends)
        return cached

    @cached_property
    def _names_cache(self) -> dict[str, tuple[frozenset[str], dict[str, tuple[int, ...]], re.Pattern[str]]]:
        return {}

    @cached_property
    def _place_levels(self) -> dict[str, str]:
        """Place name → level: county, city and province names, and the short forms of
        autonomous prefectures and counties written before a body (大理州, 长阳县)."""
        levels: dict[str, str] = {}
        for level, names in (("county", self.counties.full_names), ("city", self.counties.city_names),
                             ("province", self.counties.province_names)):
            for name in names:
                if name in self._places:
                    levels[name] = level
                short = self.counties.autonomous_short(name)
                if short:
                    levels.setdefault(short, level)
        return levels

    @cached_property
    def _places(self) -> frozenset[str]:
        """County, city and province full names (for place-prefixed agencies)."""
        return frozenset(
            name for name in list(self.counties.full_names) + list(self.counties.regions)
            if (len(name) >= 3 or name.endswith("县")) and name not in self.rules.place_words  # 曹县, 沛县 too
        )

    @cached_property
    def _place_lengths(self) -> list[int]:
        return sorted({len(place) for place in self._place_levels}, reverse=True)

    @cached_property
    def _place_lengths_by_last(self) -> dict[str, tuple[int, ...]]:
        return lengths_by_ending(self._place_levels)

    def lexicon(self) -> list[str]:
        """Listed agency names and aliases, national and of every county (for the segmenter's
        user dictionary)."""
        return sorted(set(self._national).union(*(own for own, _ in self._local.values())))

    def _place_before(self, text: str, end: int) -> str:
        """Longest known place name (county/city/province) ending at ``end``; a two-character
        name opening with a conjunction right after a Chinese character is not one (县委和县政府)."""
        for length in self._place_lengths_by_last.get(text[end - 1:end], ()):
            if length <= end and text[end - length:end] in self._place_levels:
                start = end - length
                if (length == 2 and text[start] in self.rules.place_conjunctions
                        and start > 0 and is_han(text[start - 1])):
                    continue
                return text[start:end]
        return ""

    def _zone_name_start(self, text: str, start: int) -> int:
        """Start of a development zone's own name before the listed zone word at ``start``
        (安化经开区, 太湖经济开发区管委会, 、庞河经济开发区): a county's short name, or 2-3
        characters standing after punctuation or a line start; ``start`` when there is none."""
        rules = self.rules
        position = start
        for infix in rules.zone_infixes:
            if text.endswith(infix, 0, position):
                position -= len(infix)
                break
        for length in self.counties.name_lengths[1]:
            if length <= position and text[position - length:position] in self.counties.short_names:
                return position - length
        name_start = position
        while name_start > 0 and position - name_start <= _ZONE_NAME_MAX and is_han(text[name_start - 1]):
            name_start -= 1
        name = text[name_start:position]
        if (_ZONE_NAME_MIN <= len(name) <= _ZONE_NAME_MAX and (name_start == 0 or not is_han(text[name_start - 1]))
                and name[-1] not in rules.anchor_chars_set and not rules.body_block.search(name)):
            return name_start
        return start

    def _subunit_end(self, text: str, end: int) -> int:
        """End of a sub-unit appended at ``end`` (延津分局, 交警大队, 镇巴分局), else ``end``."""
        subunit = self.rules.subunit_re.match(text, end)
        if subunit is None:
            return end
        name = subunit.group("name")
        if (not self.rules.body_block.search(subunit.group()) or name in self.counties.short_names
                or name in self._place_levels):
            return subunit.end()
        return end

    def _head_at(self, text: str, position: int) -> str:
        for head in self.rules.heads_by_first.get(text[position:position + 1], ()):
            if text.startswith(head, position):
                following = text[position + len(head):position + len(head) + 1]
                if following and following in self.rules.head_follow_block.get(head, ""):
                    continue
                return head
        return ""

    def _body_blocked(self, text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` holds a blocked word; lookaheads see the head after it."""
        return any(m.end() <= end for m in self.rules.body_block.finditer(text, start, min(len(text), end + 3)))

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
                if head in rules.office_heads and text.startswith(_OFFICE, end):
                    end += len(_OFFICE)  # 指挥部办公室: the body's own office
                return self._subunit_end(text, end)
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

    def find(self, text: str, county_code: str | None = None) -> list[AgencyMatch]:
        """Agency mentions, non-overlapping, longest first, in text order; ``county_code``
        (6 digits) adds that county's own names."""
        if not text:
            return []
        read = self._banner_as_county(text, county_code)
        candidates = (self._listed_candidates(read, county_code) + self._anchored_candidates(read, county_code)
                      + self._bracket_candidates(read, county_code))
        return [_build_match(start, end, text[start:end], canonical, level)
                for start, end, canonical, level in longest_first(candidates)]

    def _banner_as_county(self, text: str, county_code: str | None) -> str:
        """``text`` with each 旗 written as a level prefix (旗农牧局, 旗委, 全旗) turned into 县 when
        the bulletin's county is a banner (敖汉旗), so that its bodies are read as a county's
        (canonical 县农业农村局); the same length, so offsets hold. A banner's own name and the
        words of ``banner_level_block`` (国旗, 旗帜) keep their 旗."""
        county = self.counties.county(county_code) if county_code else None
        if county is None or not county.name.endswith(_BANNER) or _BANNER not in text:
            return text
        before, after = self.rules.banner_level_block
        chars = list(text)
        position = text.find(_BANNER)
        while position >= 0:
            if ((position == 0 or text[position - 1] not in before)
                    and text[position + 1:position + 2] not in after and not self._banner_name_ends(text, position)):
                chars[position] = _COUNTY_PREFIX
            position = text.find(_BANNER, position + 1)
        return "".join(chars)

    def _banner_name_ends(self, text: str, position: int) -> bool:
        """Whether a banner's name (敖汉旗, 科尔沁左翼中旗) ends with the 旗 at ``position``."""
        return any(text[max(0, position + 1 - length):position + 1] in self._banner_names
                   for length in self._banner_name_lengths)

    @cached_property
    def _banner_names(self) -> frozenset[str]:
        return frozenset(name for name in self.counties.full_names if name.endswith(_BANNER))

    @cached_property
    def _banner_name_lengths(self) -> list[int]:
        return sorted({len(name) for name in self._banner_names})

    def _leadership_blocked(self, text: str, start: int, end: int, entry: AgencyEntry | None) -> bool:
        """A party committee, government, 人大 or 政协 itself before a post, meeting or team
        (县委书记, 县政府常务会议), or a 市委 that is the tail of 城市委…."""
        if entry is None or entry.kind != _LEADERSHIP_KIND:
            return False
        prev = text[start - 1:start]
        return bool(self.rules.leadership_next_block.match(text, end)) or (
            bool(prev) and prev in self.rules.anchor_prev_block.get(text[start], ""))

    def _listed_candidates(self, text: str, county_code: str | None) -> list[AgencyCandidate]:
        """Listed names and aliases: the longest ending at each head character."""
        rules = self.rules
        names, lengths, ends = self._names(county_code)
        candidates: list[AgencyCandidate] = []
        for match in ends.finditer(text):
            end = match.end()
            for length in lengths[match.group()]:
                start = end - length
                if start < 0:
                    continue
                word = text[start:end]
                if word not in names:
                    continue
                entry = self.lookup(word, county_code)
                if entry is None:
                    continue
                following = text[end:end + 1]
                if length <= 2 and following and following in rules.head_follow_block.get(word, ""):
                    break  # 防指导 ...
                if start > 0 and word[0] not in rules.level_chars and text[start - 1] in rules.own_office_prev:
                    break  # 镇政府办公室: a township's own office; 十八届人大: a session
                if word[0] not in rules.level_chars and _EVERY_LIST_RE.search(text, max(0, start - 40), start):
                    break  # 各乡镇党委、纪委: a kind of body of every township, not the county's
                if self._leadership_blocked(text, start, end, entry):
                    break
                candidates.append(self._with_prefix(text, start, end, entry, county_code))
                break
        return candidates

    def _anchored_candidates(self, text: str, county_code: str | None) -> list[AgencyCandidate]:
        """Unlisted names anchored on a level prefix (县/市/区/省 or a county/city/province name)."""
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
            start = self._party_start(text, start)
            canonical, level = self._canonical_written(text[start:end], county_code)
            if self._leadership_blocked(text, end, end, self.lookup(canonical, county_code)):
                continue  # 县人大常委会主任: a post
            candidates.append((start, end, canonical, level))
        return candidates

    def _bracket_candidates(self, text: str, county_code: str | None) -> list[AgencyCandidate]:
        """Items of source brackets （民政局 交通运输局 王楼镇）."""
        candidates: list[AgencyCandidate] = []
        for match in _BRACKET_RE.finditer(text):
            if not _BRACKET_CONTENT_RE.fullmatch(match.group(1)) or _LABEL_AFTER_RE.match(text, match.end()):
                continue  # 县直各部门党组（党委、党支部）：: an addressee line's kinds of body, no source
            items = list(_BRACKET_ITEM_RE.finditer(match.group(1)))
            if any(len(item.group()) > _BRACKET_ITEM_MAX for item in items):
                continue
            base = match.start(1)
            for item in items:
                word = item.group()
                entry = self.lookup(word, county_code, bracket=True)
                if entry is not None:
                    canonical, level = entry.canonical, entry.level
                elif self._is_bracket_agency(word):
                    canonical, level = self._canonical_written(word, county_code)
                else:
                    continue
                candidates.append((base + item.start(), base + item.end(), canonical, level))
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

    def _canonical_written(self, word: str, county_code: str | None) -> tuple[str, str]:
        """(canonical name, level) of a written name.

        A county body (县…, a county's name…, or no prefix) gets the listed county form when
        one is listed (延津县卫健委, 县卫健委, 卫健委 → 县卫生健康委员会), else ``县`` + the written
        name without its place. A body named with its city or province keeps the written form;
        one written with a bare 市/省 gets the listed name under that prefix (市发改委 →
        市发展和改革委员会). 区 bodies keep the written form.
        """
        core = word[len(_PARTY_PREFIX):] if word.startswith(_PARTY_PREFIX) and len(word) > 4 else word
        for length in self._place_lengths:
            if length < len(core) and core[:length] in self._place_levels:
                level = self._place_levels[core[:length]]
                if level != "county":
                    return word, level
                rest = core[length:]
                if rest.startswith(("委", "政府", "人民政府", "人大", "政协")):
                    rest = _COUNTY_PREFIX + rest
                entry = self._lookup_county_form(rest, county_code)
                return (entry.canonical if entry else _COUNTY_PREFIX + rest.removeprefix(_COUNTY_PREFIX)), "county"
        listed = self.lookup(core, county_code, bracket=True)
        if listed is not None:
            return listed.canonical, listed.level
        prefix_level = _LEVEL_OF_PREFIX.get(core[0])
        if prefix_level in ("city", "province"):
            entry = self._lookup_county_form(core[1:], county_code)
            return (core[0] + entry.canonical[1:] if entry else core), prefix_level
        if core[0] == "区":
            return core, "county"
        entry = self._lookup_county_form(core, county_code)
        return (entry.canonical if entry else (core if core[0] == _COUNTY_PREFIX else _COUNTY_PREFIX + core)), "county"

    def _party_start(self, text: str, start: int) -> int:
        """``start`` moved back over 中共 before a party organ (中共延津县委办公室)."""
        if start >= len(_PARTY_PREFIX) and text.startswith(_PARTY_PREFIX, start - len(_PARTY_PREFIX)):
            return start - len(_PARTY_PREFIX)
        return start

    def _with_prefix(self, text: str, start: int, end: int, entry: AgencyEntry,
                     county_code: str | None) -> AgencyCandidate:
        """Extend a listed match left over a level prefix / place name (延津县卫健委, 市防指,
        大理州应急管理局) and right over a sub-unit (市生态环境局镇巴分局) or a coordinating
        body's own office (纪律检查委员会办公室)."""
        level_chars = self.rules.level_chars
        new_start = start
        if start > 0 and text[start] not in level_chars and text[start - 1] in level_chars:
            new_start = self._level_start(text, start - 1)
        elif start >= 1 and text[start] in self.rules.anchor_chars_set:  # 大理州委: the 州 ends a place
            place = self._place_before(text, start + 1)
            if place:
                new_start = start + 1 - len(place)
        elif start >= 2 and (place := self._place_before(text, start)):
            new_start = start - len(place)
        elif start >= 1 and text[start - 1] == "州" and (start == 1 or not is_han(text[start - 2])
                                                       or text[start - 2] in _BEFORE_BARE_PREFECTURE):
            new_start = start - 1  # 配合州林草局: the prefecture's body, 州 standing alone
        if new_start == start and entry.kind == _ZONE_KIND:
            return self._zone_name_start(text, start), end, entry.canonical, entry.level
        new_end = self._subunit_end(text, end) if new_start >= 0 and new_start != start else end
        if new_start >= 0 and text.startswith(_OFFICE, new_end) and text[start:end].endswith(
                tuple(self.rules.office_heads)):
            new_end += len(_OFFICE)  # 纪律检查委员会办公室: the listed body's own office
        if new_start < 0 or (new_start == start and new_end == end):
            return start, end, entry.canonical, entry.level
        new_start = self._party_start(text, new_start)
        return (new_start, new_end, *self._canonical_written(text[new_start:new_end], county_code))
