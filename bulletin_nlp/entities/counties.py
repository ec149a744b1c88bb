"""Counties: the county table (``counties.csv``), the suffix forms of place names, and finding
the county a bulletin names (延津政务快报 → 延津县).

County *detection* for a bulletin — masthead first, then the township names of its text — is
:meth:`bulletin_nlp.entities.gazetteer.Gazetteer.detect_county`, run by the ``bulletin_county``
component; this module supplies the tables and the name matching it uses.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from bulletin_nlp.resources import read_sections, section_words
from bulletin_nlp.startup import gc_paused
from bulletin_nlp.text.chars import HAN

__all__ = ["County", "CountyTable", "NameForms"]


@dataclass(frozen=True)
class County:
    """A county-level division (``city`` is empty for municipal districts)."""

    name: str
    code: str
    city: str
    province: str


class NameForms:
    """Suffix patterns of Chinese place names, built from the list of peoples
    (``ethnic_groups.txt``): ``group(1)`` of each is the name without its level suffix."""

    def __init__(self, ethnic_groups_file: Path) -> None:
        peoples = section_words(read_sections(ethnic_groups_file), "peoples")
        ethnic = "|".join(peoples)
        longest_first = "|".join(sorted(peoples, key=len, reverse=True))
        self.town_suffix = re.compile(f"^(.+?)(?:(?:{ethnic})族)*(?:民族乡|民族苏木|区公所|街道|苏木|镇|乡)$")
        self.county_suffix = re.compile(f"^(.+?)(?:(?:(?:{ethnic})族?)+自治[县旗]|[县市区旗])$")
        self.city_suffix = re.compile(f"^(.+?)(?:(?:(?:{ethnic})族?)+自治州|地区|盟|市)$")
        self.province_suffix = re.compile(f"^(.+?)(?:(?:(?:{ethnic})族?)*自治区|特别行政区|省|市)$")
        #: An autonomous prefecture or county: written stem + 州/县 before a body (大理州, 长阳县).
        self.autonomous = re.compile(f"^(.+?)(?:(?:{ethnic})族?)+自治([州县])$")
        #: 钟英傈僳族彝族乡 → (钟英, 乡): an ethnic township without its peoples.
        self.ethnic_town = re.compile(
            f"^([{HAN}]{{2,}}?)(?:(?:{longest_first})族)+(乡|镇|苏木)$"
        )


def _frozen_values(index: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    """``index`` with tuples for lists: tuples of strings the collector stops tracking at its
    first full collection (some 5,600 lists it would walk at every one, those at exit included)."""
    return {key: tuple(values) for key, values in index.items()}


def short_form(name: str, pattern: re.Pattern[str]) -> str:
    """``name`` without its suffix when at least two characters remain, else ``""``."""
    match = pattern.match(name)
    return match.group(1) if match and len(match.group(1)) >= 2 else ""


class CountyTable:
    """Every county-level division of China, indexed by full and short name."""

    def __init__(self, counties_file: Path, forms: NameForms, rules_file: Path) -> None:
        self.counties_file = counties_file
        self.forms = forms
        self.rules_file = rules_file

    @cached_property
    def _rules(self) -> tuple[re.Pattern[str], str, str]:
        """(full-name ends, characters blocking a full name, characters blocking a short name)
        from ``county_rules.txt``."""
        sections = read_sections(self.rules_file)
        ends = "".join(section_words(sections, "full_name_ends"))
        return (re.compile("[" + re.escape(ends) + "]"), "".join(section_words(sections, "full_name_next_block")),
                "".join(section_words(sections, "short_name_next_block")))

    @cached_property
    @gc_paused
    def by_code(self) -> dict[str, County]:
        """6-digit code → county."""
        with self.counties_file.open(encoding="utf-8", newline="") as handle:
            rows = csv.reader(handle)
            header = next(rows, [])
            columns = ("name", "code", "city", "province")
            if not set(columns) <= set(header):
                raise ValueError(f"{self.counties_file}: the header must name the columns {', '.join(columns)}")
            # a column named twice is read from its last place, as csv.DictReader reads it
            name, code, city, province = (len(header) - 1 - header[::-1].index(column) for column in columns)
            needed = max(name, code, city, province) + 1
            table = {}
            for row in rows:
                if len(row) < needed:
                    if not row:
                        continue  # a blank line, skipped as csv.DictReader does
                    raise ValueError(f"{self.counties_file}, line {rows.line_num}: {needed} cells expected")
                table[row[code]] = County(row[name], row[code], row[city], row[province])
            return table

    @cached_property
    @gc_paused
    def full_names(self) -> dict[str, tuple[str, ...]]:
        """Full name (延津县) → codes; an autonomous county also under the short form people
        write with 县 (河南县 for 河南蒙古族自治县), so that it wins over a shorter name inside it
        (南县)."""
        index: dict[str, list[str]] = defaultdict(list)
        for county in self.by_code.values():
            index[county.name].append(county.code)
        for county in self.by_code.values():
            short = self.autonomous_short(county.name)
            if short.endswith("县") and county.code not in index[short]:
                index[short].append(county.code)
        return _frozen_values(index)

    @cached_property
    @gc_paused
    def short_names(self) -> dict[str, tuple[str, ...]]:
        """Name without 县/市/区/旗 or 自治县 (延津) → codes."""
        index: dict[str, list[str]] = defaultdict(list)
        for county in self.by_code.values():
            short = short_form(county.name, self.forms.county_suffix)
            if short:
                index[short].append(county.code)
        return _frozen_values(index)

    @cached_property
    def regions(self) -> set[str]:
        """City and province full names (新乡市, 河南省)."""
        return {name for county in self.by_code.values() for name in (county.city, county.province) if name}

    @cached_property
    def city_names(self) -> set[str]:
        """City (prefecture) full names (新乡市, 大理白族自治州)."""
        return {county.city for county in self.by_code.values() if county.city}

    @cached_property
    def province_names(self) -> set[str]:
        """Province full names (河南省, 广西壮族自治区)."""
        return {county.province for county in self.by_code.values() if county.province}

    def autonomous_short(self, name: str) -> str:
        """大理州 for 大理白族自治州, 长阳县 for 长阳土家族自治县; ``""`` for other names."""
        match = self.forms.autonomous.match(name)
        return match.group(1) + match.group(2) if match and len(match.group(1)) >= 2 else ""

    @cached_property
    def region_short_names(self) -> set[str]:
        """City and province names without their suffix (新乡, 河南)."""
        names = [(self.city_names, self.forms.city_suffix), (self.province_names, self.forms.province_suffix)]
        return {short for regions, pattern in names for name in regions if (short := short_form(name, pattern))}

    @cached_property
    def name_lengths(self) -> tuple[list[int], list[int]]:
        """Lengths of full and of short county names, longest first."""
        return (sorted({len(name) for name in self.full_names}, reverse=True),
                sorted({len(name) for name in self.short_names}, reverse=True))

    def county(self, code: str) -> County | None:
        """The county with this code (its first 6 digits)."""
        return self.by_code.get(code[:6])

    def own_short_name(self, code: str) -> str:
        """The county's name without its suffix (延津 for 410726), or ``""``."""
        own = self.county(code)
        match = self.forms.county_suffix.match(own.name) if own else None
        return match.group(1) if match else ""

    def pick(self, codes: Iterable[str], text: str) -> County | None:
        """The one county among ``codes`` that ``text`` singles out by naming its city, then its
        province (a name shared by several counties); None when it does not."""
        candidates = [self.by_code[code] for code in dict.fromkeys(codes)]
        if len(candidates) == 1:
            return candidates[0]

        def mentioned(name: str, pattern: re.Pattern[str]) -> bool:
            if not name:
                return False
            if name in text:
                return True
            match = pattern.match(name)
            return bool(match and len(match.group(1)) >= 2 and match.group(1) in text)

        narrowed = [c for c in candidates if mentioned(c.city, self.forms.city_suffix)]
        if len(narrowed) != 1:
            narrowed = [c for c in (narrowed or candidates) if mentioned(c.province, self.forms.province_suffix)]
        return narrowed[0] if len(narrowed) == 1 else None

    def find_county(self, text: str) -> County | None:
        """The county named in a masthead or publisher line (延津政务快报 → 延津县).

        Full names first (first one in text order that resolves); then short forms without
        县/市/区/旗 (or 自治县) not followed by 市/县/区/旗/镇/乡/村/街/路 (``county_rules.txt``). A short form that is
        also a city or province short name (新乡) is skipped. A name shared by several counties
        (朝阳区, 朝阳) resolves only when the text also names one candidate's city or province;
        otherwise it is skipped and ``None`` is returned when nothing else resolves.
        """
        if not text:
            return None
        full, short = self.full_names, self.short_names
        full_lengths, short_lengths = self.name_lengths
        full_end_re, full_next_block, short_next_block = self._rules
        for match in full_end_re.finditer(text):
            end = match.end()
            for length in full_lengths:
                if length > end:
                    continue
                name = text[end - length:end]
                if name in full:
                    if length == 2 and name.endswith("区") and not any(
                        city and text.endswith(city, 0, end - length)
                        for city in (self.by_code[code].city for code in full[name])
                    ):
                        break  # 城区, 郊区, 矿区: only as 阳泉市城区 (曹县, 沛县 stand alone)
                    if text[end:end + 1] and text[end] in full_next_block:
                        break  # 上海城市场 ... : not 海城市
                    county = self.pick(full[name], text)
                    if county is not None:
                        return county
                    break
        for start in range(len(text)):
            for length in short_lengths:
                name = text[start:start + length]
                if len(name) < length or name not in short:
                    continue
                following = text[start + length:start + length + 1]
                if following and following in short_next_block:
                    continue
                if name in self.region_short_names:
                    continue
                county = self.pick(short[name], text)
                if county is not None:
                    return county
                break
        return None

    def vote(self, township_names: Iterable[str], codes_of: Callable[[str], Iterable[str]],
             former_codes_of: Callable[[str], Iterable[str]] | None = None,
             named: Collection[str] = ()) -> County | None:
        """The county the (≥3-character) township names fit: the one holding most of them; on
        a tie, the one of the ``named`` county codes (counties written before one of their
        townships), else the one holding a name found in one county only (unique in China);
        None when that does not settle it or there are none. ``codes_of`` gives the 9-digit
        codes of a name; ``former_codes_of`` those of the townships that bore it before an
        upgrade of their type, which count as votes but not for uniqueness."""
        votes: dict[str, set[str]] = defaultdict(set)
        unique: set[str] = set()
        for name in township_names:
            if len(name) < 3:
                continue
            counties = {code[:6] for code in codes_of(name)}
            former = {code[:6] for code in former_codes_of(name)} if former_codes_of else set()
            for county_code in counties | former:
                votes[county_code].add(name)
            if len(counties) == 1:
                unique.update(counties)
            elif not counties and len(former) == 1:
                unique.update(former)
        if not votes:
            return None
        most = max(len(names) for names in votes.values())
        best = [code for code, names in votes.items() if len(names) == most]
        if len(best) > 1:
            best = [code for code in best if code in named] or [code for code in best if code in unique]
        return self.by_code.get(best[0]) if len(best) == 1 else None
