"""TOWNSHIP mentions: every township of China (``towns.csv``), a county's former and short names
(``towns_aliases.csv``, derived short forms), and the word rules of ``township_rules.txt``.

Matching works on characters, so offsets are ``text[start:end]`` (docs/annotation.md, TOWNSHIP).
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate
from pathlib import Path
from typing import NamedTuple

import numpy as np

from bulletin_nlp.entities.counties import CountyTable, NameForms
from bulletin_nlp.entities.endings import lengths_by_ending
from bulletin_nlp.entities.overlaps import TownshipCandidate, longest_first
from bulletin_nlp.frozen_builders import positional_builder
from bulletin_nlp.resources import alternatives_pattern, read_sections, section_words
from bulletin_nlp.startup import gc_paused
from bulletin_nlp.text.chars import is_han
from bulletin_nlp.text.fold import fold, fold_table

__all__ = ["TownshipMatch", "TownshipRules", "TownshipTable"]

#: Digits of a township's division code (民政部): 410726100.
CODE_LENGTH = 9
#: Its first digits, its county's code: 410726.
COUNTY_CODE_LENGTH = 6
_TOWN_END_RE = re.compile("[镇乡木所]|街道")
_SHORT_BRACKET_RE = re.compile(r"[（(][^（）()]*$")
_SHORT_CLOSE_RE = re.compile(r"[^（）()，。]*[）)]")
_SHORT_ETC_RE = re.compile(r"等(?:\d+个|[一二三四五六七八九十两]+个)?(?:乡镇|镇|乡|街道|镇街|乡（镇）|地(?![区方]))")
_SERIES_GAP_RE = re.compile(r"[、和及与至]|以及|、以及")  # 至: the two ends of a road (永太至兴隆公路)
_SERIES_GAP_MAX = 3  # characters of the longest gap (、以及)
#: Whitespace after a short name is as good as the punctuation of ``short_next_ok``.
_WHITESPACE = " \u3000\n\r\t"
#: What stands before a clause's first word: a line's start, a sentence's end, a bullet.
_CLAUSE_OPENERS = frozenset("\n\r。；！？●◆■★▲•")
#: A pause inside a sentence: a short name after it opens a clause only when it acts.
_CLAUSE_PAUSES = frozenset("，,")
#: A title's number opening its line (（三）, 二、, 3.): a short name after it opens the title.
_NUMBER_OPENS_LINE_RE = re.compile(r"[ \t\u3000]*(?:[（(][一二三四五六七八九十]{1,3}[）)]"
                                   r"|[一二三四五六七八九十]{1,3}、|\d{1,2}[.、．])[ \t\u3000]*")
_TITLE_NUMBER_MAX = 12  # characters a title's number takes with its spaces (\u3000\u3000（十二） …)
#: What a road's name ends with before a township's section of it (国道102线大虎山段, 永太至兴隆段).
_ROAD_ENDS = frozenset("线路道至")


@dataclass(frozen=True)
class TownshipMatch:
    """A township mention; ``canonical`` is the current official name, ``code`` the 9-digit MCA
    code (``None`` when the name is ambiguous and not in the bulletin's county)."""

    start: int
    end: int
    text: str
    canonical: str
    code: str | None


_build_match = positional_builder(TownshipMatch)  # TownshipMatch(...) at under half the cost (frozen_builders)


@dataclass(frozen=True)
class TownshipRules:
    """The word rules of ``township_rules.txt`` (see the comments there)."""

    generic_townships: frozenset[str]
    generic_short_names: frozenset[str]
    next_block_any: frozenset[str]
    next_block: dict[str, str]
    short_next_ok: frozenset[str]
    short_next_bad: frozenset[str]
    short_subject_after_block: re.Pattern[str]
    short_locative_before: str
    short_locative_verbs: re.Pattern[str]
    short_landform_ends: frozenset[str]
    short_economy_after: re.Pattern[str]
    upgraded_types: dict[str, tuple[str, ...]]

    @classmethod
    def read(cls, path: Path) -> TownshipRules:
        sections = read_sections(path)
        return cls(
            generic_townships=frozenset(section_words(sections, "generic_townships")),
            generic_short_names=frozenset(section_words(sections, "generic_short_names")),
            next_block_any=frozenset(section_words(sections, "next_block_any")),
            next_block=dict(line.split(None, 1) for line in sections.get("next_block", [])),
            short_next_ok=frozenset(section_words(sections, "short_next_ok")) | frozenset(_WHITESPACE),
            short_next_bad=frozenset(section_words(sections, "short_next_bad")),
            short_subject_after_block=alternatives_pattern(sections.get("short_subject_after_block", [])),
            short_locative_before="".join(section_words(sections, "short_locative_before")),
            short_locative_verbs=alternatives_pattern(section_words(sections, "short_locative_verbs")),
            short_landform_ends=frozenset(section_words(sections, "short_landform_ends")),
            short_economy_after=alternatives_pattern(sections.get("short_economy_after", [])),
            upgraded_types={current: tuple(former.split()) for current, former in
                            (line.split(None, 1) for line in sections.get("upgraded_types", []))},
        )


class _TownRow(NamedTuple):
    canonical: str
    code: str


@dataclass(frozen=True)
class _CountyTowns:
    """Per-county lookup tables: full/former names and short names → (canonical, code)."""

    full: dict[str, _TownRow]
    short: dict[str, _TownRow]
    short_re: re.Pattern[str] | None
    #: Lengths to try before a name's end, by its last two characters: the township index's and
    #: the county's own full and former names' (where one of those ends so).
    lengths: dict[str, tuple[int, ...]]


class TownshipTable:
    """Township names of China and per-county tables; :meth:`find` finds mentions."""

    def __init__(self, towns_file: Path, aliases_file: Path, rules: TownshipRules,
                 counties: CountyTable, forms: NameForms) -> None:
        self.towns_file = towns_file
        self.aliases_file = aliases_file
        self.rules = rules
        self.counties = counties
        self.forms = forms
        self._county_towns_cache: dict[str, _CountyTowns] = {}

    @cached_property
    def _columns(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The codes and the names of towns.csv's rows, in its order: two tuples of strings, not
        an object per row (~39,000 rows that the collector would otherwise walk at every full
        collection, the one at exit included; it stops walking a tuple of strings once it has
        seen one, not a list)."""
        text = self.towns_file.read_text(encoding="utf-8")
        text = (text.replace("\r\n", "\n") if "\r" in text else text).rstrip("\n")
        header_end = text.find("\n")
        if header_end < 0:  # the header alone
            return (), ()
        rows = text.count("\n")
        cells = text.replace(",", "\n").split("\n")  # three cells a row: one split for all
        header_cells = text.count(",", 0, header_end) + 1
        if len(cells) == header_cells + 3 * rows:
            codes, names = cells[header_cells::3], cells[header_cells + 1::3]
        else:  # more columns (towns_all.csv's county, city and province), or a row short of one
            parts = [line.split(",", 2) for line in text[header_end + 1:].split("\n")]
            codes, names = [part[0] for part in parts], [part[1] if len(part) == 3 else "" for part in parts]
            rows = sum(len(part) == 3 for part in parts)
        digits = "".join(codes)
        if len(codes) != rows or len(digits) != CODE_LENGTH * len(codes) or not (digits.isascii() and digits.isdigit()):
            raise ValueError(f"{self.towns_file}: every row must read CODE,NAME,TYPE with a {CODE_LENGTH}-digit code")
        return tuple(codes), tuple(names)

    @cached_property
    def _codes(self) -> dict[str, str]:
        """Township name → its codes (all of China) written one after another, with the short
        forms of ethnic townships: strings, which the collector does not track (see :meth:`codes_of`)."""
        index: dict[str, str] = {}
        for code, name in zip(*self._columns, strict=True):
            index[name] = index.get(name, "") + code
        for alias, fulls in self._ethnic_short_forms.items():
            if alias not in index:
                index[alias] = "".join(index[full] for full in fulls)
        for folded, official in self._folded_names.items():
            index.setdefault(folded, index[official])
        return index

    def indexes(self) -> tuple[dict[str, str], dict[str, tuple[str, ...]], dict[str, str], dict[str, tuple[int, ...]]]:
        """The name indexes built from towns.csv: name → codes (:meth:`codes_of`), the short form
        of an ethnic township's name → the official names, a folded spelling → the official name,
        and the names' lengths by their last two characters (longest first)."""
        return self._codes, self._ethnic_short_forms, self._folded_names, self._ending_lengths

    def adopt_indexes(self, codes: dict[str, str], ethnic_short_forms: dict[str, tuple[str, ...]],
                      folded_names: dict[str, str], ending_lengths: dict[str, tuple[int, ...]]) -> None:
        """Take :meth:`indexes` built beforehand from the same files (the shipped lexicon archive)
        instead of reading towns.csv for them (~35 ms) and walking every name for the lengths
        (~7 ms more, at the first bulletin)."""
        # the values of the cached properties, which then are not computed
        self.__dict__.update(_codes=codes, _ethnic_short_forms=ethnic_short_forms, _folded_names=folded_names,
                             _ending_lengths=ending_lengths)

    def codes_of(self, name: str) -> tuple[str, ...]:
        """The codes of the townships named ``name`` (all of China, in towns.csv's order; the
        short form of an ethnic township's name included), ``()`` for none."""
        return _split_codes(self._codes.get(name, ""))

    @cached_property
    def _folded_names(self) -> dict[str, str]:
        """濛江乡 as the reader's folded text writes it (蒙江乡) → the official name: the rulers
        read text with traditional characters folded to simplified ones, and a few official
        names hold a character the fold changes."""
        changing = frozenset(map(chr, fold_table()))  # a set test per name: a third of folding them all
        folded = ((fold(name), name) for name in self._columns[1] if not changing.isdisjoint(name))
        return {spelling: name for spelling, name in folded if spelling != name}

    @cached_property
    def _ethnic_short_forms(self) -> dict[str, tuple[str, ...]]:
        """钟英乡 → (钟英傈僳族彝族乡,): ethnic townships are usually written without the peoples.
        Each short form that no township bears, with the official names it shortens in
        towns.csv's order (牛场乡: 牛场苗族彝族乡 and 牛场布依族乡, in two counties)."""
        names = self._columns[1]
        bearing = frozenset(names)
        forms: dict[str, tuple[str, ...]] = {}
        for name in dict.fromkeys(name for name in names if "族" in name):  # the pattern needs 族
            match = self.forms.ethnic_town.match(name)
            if match and (short := match.group(1) + match.group(2)) not in bearing:
                forms[short] = (*forms.get(short, ()), name)
        return forms

    def canonical(self, name: str, code: str | None = None) -> str:
        """The official name of a township written ``name`` (钟英乡 → 钟英傈僳族彝族乡); ``code``
        tells which township a short form that several share means (牛场乡), else it stays as written."""
        official = self._folded_names.get(name, name)
        fulls = self._ethnic_short_forms.get(official)
        if fulls is None:
            return official
        if code is not None:
            return next((full for full in fulls if code in self.codes_of(full)), official)
        return fulls[0] if len(fulls) == 1 else official

    def _county_rows(self, prefix: str) -> list[tuple[str, str]]:
        """[(name, code)] of the townships of county ``prefix`` (6 digits), in :attr:`_codes`'s
        order: one scan for the first county asked (all that a single bulletin needs, ~3 ms),
        an index of every county from the second on (~6 ms to build, ~40 µs a county)."""
        if len(prefix) != COUNTY_CODE_LENGTH or not (prefix.isascii() and prefix.isdigit()):
            return []  # no county's code
        if not self._county_towns_cache:
            return [(name, code) for name, joined in self._codes.items() if prefix in joined
                    for code in _split_codes(joined) if code.startswith(prefix)]
        names, joined, name_ends, counties, order = self._county_index
        first, last = np.searchsorted(counties, [int(prefix), int(prefix) + 1]).tolist()
        found = order[first:last]  # the codes' places in ``joined``: in its order, the sort being stable
        owners = np.searchsorted(name_ends, found, side="right").tolist()
        return [(names[owner], joined[place * CODE_LENGTH:(place + 1) * CODE_LENGTH])
                for place, owner in zip(found.tolist(), owners, strict=True)]

    @cached_property
    def _county_index(self) -> tuple[list[str], str, np.ndarray, np.ndarray, np.ndarray]:
        """:attr:`_codes` as arrays: its names, its codes written one after another, where each
        name's codes end (counted in codes), and each code's county as a number, sorted, with
        the order that sorts them (stable). Arrays of numbers, not a list of rows per county
        (~40,000 tuples, 26 ms to build and walked by every full collection)."""
        names = list(self._codes)
        joined = "".join(self._codes.values())
        name_ends = np.fromiter(accumulate(map(len, self._codes.values())), dtype=np.int64,
                                count=len(names)) // CODE_LENGTH
        digits = np.frombuffer(joined.encode("ascii"), dtype=np.uint8).reshape(-1, CODE_LENGTH)
        weights = 10 ** np.arange(COUNTY_CODE_LENGTH - 1, -1, -1, dtype=np.int64)
        counties = (digits[:, :COUNTY_CODE_LENGTH].astype(np.int64) - ord("0")) @ weights
        order = np.argsort(counties, kind="stable")
        return names, joined, name_ends, counties[order], order

    @cached_property
    def _ending_lengths(self) -> dict[str, tuple[int, ...]]:
        """The lengths of the index's names by their last two characters (one-character names
        are never read)."""
        return lengths_by_ending(self._codes, size=2)

    @cached_property
    def _indexed_lengths(self) -> frozenset[int]:
        """The lengths of the index's names (of two characters or more)."""
        return frozenset(length for found in self._ending_lengths.values() for length in found)

    @cached_property
    def _aliases(self) -> dict[str, list[tuple[str, str, str, str]]]:
        """County code → [(alias, canonical, code, kind)] from towns_aliases.csv."""
        index: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
        if self.aliases_file.exists():
            with self.aliases_file.open(encoding="utf-8", newline="") as handle:
                for row in csv.DictReader(line for line in handle if not line.startswith("#")):
                    index[row["county_code"]].append((row["alias"], row["canonical"], row["code"], row["kind"]))
        return dict(index)

    def county_towns(self, county_code: str) -> _CountyTowns:
        """Lookup tables of one county (built once per county)."""
        cached = self._county_towns_cache.get(county_code)
        if cached is None:
            cached = self._county_towns_cache[county_code] = self._build_county_towns(county_code)
        return cached

    @gc_paused
    def _build_county_towns(self, county_code: str) -> _CountyTowns:
        rules = self.rules
        region_short = self.counties.region_short_names
        own_short = self.counties.own_short_name(county_code)
        full: dict[str, _TownRow] = {}
        short: dict[str, _TownRow] = {}
        ambiguous: set[str] = set()
        prefix = county_code[:6]
        for name, code in self._county_rows(prefix):
            full[name] = _TownRow(self.canonical(name, code), code)
            ethnic = self.forms.ethnic_town.match(name)
            if ethnic:  # 邓家乡 is 邓家土家族乡 here, whatever other counties call 邓家乡
                full.setdefault(ethnic.group(1) + ethnic.group(2), _TownRow(name, code))
            match = self.forms.town_suffix.match(name)
            if match and len(match.group(1)) >= 2:
                short_name = match.group(1)
                if short_name in rules.generic_short_names or short_name in region_short or short_name == own_short:
                    continue
                if short_name in short and short[short_name].code != code:
                    ambiguous.add(short_name)
                short[short_name] = _TownRow(self.canonical(name, code), code)
        for alias, canonical, code, kind in self._aliases.get(prefix, []):
            row = _TownRow(canonical, code)
            if kind == "short":
                if len(alias) >= 2:
                    short[alias] = row
                    ambiguous.discard(alias)
            else:
                full.setdefault(alias, row)
        self._add_former_types(full)
        for short_name in ambiguous:
            short.pop(short_name, None)
        for short_name in list(short):
            if short_name in rules.generic_townships or short_name in full:
                short.pop(short_name)
        short_re = None
        if short:
            alternatives = "|".join(re.escape(name) for name in sorted(short, key=lambda name: (-len(name), name)))
            short_re = re.compile(alternatives)
        indexed = self._indexed_lengths  # find() tries no other
        own = lengths_by_ending([name for name in full if len(name) in indexed], size=2)
        lengths = {ending: tuple(sorted({*found, *self._ending_lengths.get(ending, ())}, reverse=True))
                   for ending, found in own.items()}
        return _CountyTowns(full, short, short_re, lengths)

    def _add_former_types(self, full: dict[str, _TownRow]) -> None:
        """Add the names a county's townships had before their type was upgraded (胡川乡 →
        胡川镇), unless another township of the county bears that name."""
        for name, row in list(full.items()):
            for current, formers in self.rules.upgraded_types.items():
                stem = name.removesuffix(current)
                if stem == name or len(stem) < 2 or name != row.canonical:
                    continue
                for former in formers:
                    full.setdefault(stem + former, row)

    def _official_codes(self, name: str) -> str:
        """The codes of the townships whose official name is ``name`` (:attr:`_codes`'s entry
        unless that entry is a short form of ethnic townships' names or a folded spelling of
        another name), ``""`` for none."""
        joined = self._codes.get(name, "")
        if not joined or name in self._ethnic_short_forms:
            return ""
        spelled_for = self._folded_names.get(name)  # a folded spelling has its official name's codes,
        if spelled_for is not None and self._codes.get(spelled_for) == joined:  # an official name its own
            return ""
        return joined

    def _former_joined(self, name: str) -> str:
        """The codes of the townships of all of China that bore ``name`` before their type was
        upgraded, written one after another: for each upgrade (镇 from 乡, 街道 from 镇 or 乡) in
        the rules' order, those of the townships officially named with the new type. Looked up
        from :attr:`_codes` (in the shipped archive), not from an index of every former name:
        that index read towns.csv and took ~37 ms at the first text whose county is inferred."""
        joined = ""
        for current, formers in self.rules.upgraded_types.items():
            for former in formers:
                if name.endswith(former) and len(name) - len(former) >= 2:
                    joined += self._official_codes(name[: len(name) - len(former)] + current)
        return joined

    def former_type_codes(self, name: str) -> tuple[str, ...]:
        """The codes of the townships of all of China that bore ``name`` before their type was
        upgraded (祖庵镇: 祖庵街道's); for inferring the county, not for mentions."""
        return _split_codes(self._former_joined(name))

    @cached_property
    def _former_stems(self) -> dict[str, frozenset[str]]:
        """Each former type (乡, 镇) → the stems (two characters or more) of the index's names
        that end with a type it was upgraded to: where stem + former type may be a former name
        (:meth:`_former_joined` decides). Sets of strings, ~12 ms to build: the first text whose
        county is inferred reads them."""
        names = list(self._codes)
        stems: dict[str, frozenset[str]] = {}
        for current, formers in self.rules.upgraded_types.items():
            cut = len(current)
            found = frozenset([name[:-cut] for name in names if name.endswith(current) and len(name) - cut >= 2])
            for former in formers:
                stems[former] = stems[former] | found if former in stems else found
        return stems

    @cached_property
    def _former_lengths(self) -> list[int]:
        """The lengths a former name can have, longest first."""
        return sorted({len(stem) + len(former) for former, stems in self._former_stems.items()
                       for stem in stems}, reverse=True)

    def former_type_names(self, text: str) -> list[str]:
        """Names in ``text`` that no township bears today but one bore before its type was
        upgraded (祖庵镇), longest at each end; for inferring the county."""
        found: list[str] = []
        for match in _TOWN_END_RE.finditer(text):
            end = match.end()
            ends_so = [(len(former), stems) for former, stems in self._former_stems.items()
                       if text.endswith(former, 0, end)]
            if not ends_so:
                continue  # no former name ends so (木, 所, 街道)
            for length in self._former_lengths:
                if length > end or not _stem_in(text, end - length, end, ends_so):
                    continue
                name = text[end - length:end]
                if self._former_joined(name):
                    if (name not in self._codes and name not in self.rules.generic_townships
                            and not self._generic_name(name) and not self._blocked_after(name, text, end)):
                        found.append(name)
                    break
        return found

    def lexicon(self, county_code: str | None = None) -> list[str]:
        """All township names of China, plus the former and short names of ``county_code``."""
        words = set(self._codes)
        if county_code:
            county_towns = self.county_towns(county_code[:6])
            words.update(county_towns.full)
            words.update(county_towns.short)
        return sorted(words)

    def _blocked_after(self, name: str, text: str, end: int) -> bool:
        """Whether the character after a full name makes it part of a longer word."""
        if end >= len(text):
            return False
        following = text[end]
        next_block = self.rules.next_block
        return (following in self.rules.next_block_any or following in next_block.get(name[-2:], "")
                or following in next_block.get(name[-1], "")
                or (following == "区" and text[end + 1:end + 2] != "域"))

    def find(self, text: str, county_code: str | None = None) -> list[TownshipMatch]:
        """Township mentions; ``county_code`` (6 digits) enables its short/former names and
        2-character names, and resolves ambiguous names to that county's code."""
        if not text:
            return []
        codes = self._codes
        county_towns = self.county_towns(county_code[:6]) if county_code else None
        county_full = county_towns.full if county_towns else {}
        county_lengths = county_towns.lengths if county_towns else {}
        ending_lengths = self._ending_lengths
        candidates: list[TownshipCandidate] = []
        for match in _TOWN_END_RE.finditer(text):
            end = match.end()
            ending = text[end - 2:end] if end >= 2 else ""
            for length in county_lengths.get(ending) or ending_lengths.get(ending, ()):
                start = end - length
                if start < 0:
                    continue
                name = text[start:end]
                row = county_full.get(name)
                name_codes = codes.get(name)
                if row is None and name_codes is None:
                    continue
                if name in self.rules.generic_townships:
                    break
                if length == 2 and row is None:  # 1 char + 乡/镇: only in the bulletin's county
                    break
                if row is None and name.endswith("乡镇") and start > 0 and is_han(text[start - 1]):
                    break  # 部分乡镇 is not 分乡镇 (X + 乡镇 after a word: only in the bulletin's county)
                if self._blocked_after(name, text, end):
                    break
                if row is not None:
                    candidates.append((start, end, row.canonical, row.code))
                elif name_codes is not None and not self._generic_name(name):
                    only_code = name_codes if len(name_codes) == CODE_LENGTH else None
                    candidates.append((start, end, self.canonical(name), only_code))
                break
        if county_towns is not None and county_towns.short_re is not None:
            candidates += self._short_names(text, county_towns, candidates)
        return [_build_match(start, end, text[start:end], canonical, code)
                for start, end, canonical, code in longest_first(candidates)]

    def _generic_name(self, name: str) -> bool:
        """Whether a township's name is a common word + 镇/乡 (中心镇): such a name is read only
        in the bulletin's own county (县政务服务中心 / 镇巴县 glued by a joined line is not 中心镇)."""
        match = self.forms.town_suffix.match(name)
        return match is not None and match.group(1) in self.rules.generic_short_names

    def _short_names(self, text: str, county_towns: _CountyTowns,
                     full_matches: list[TownshipCandidate]) -> list[TownshipCandidate]:
        """Short names (王楼) where the text shows they are townships: followed by punctuation
        or the end, or after 、 and not before a place-word character; then kept only inside a
        source bracket, before 等乡镇/等镇/等街道, as a dateline at a line start (王楼讯), or in a
        series (、和及与) next to another township name. A bare 屈原 or 古城 in "屈原祭祀、诗歌朗诵"
        is a person or a place."""
        assert county_towns.short_re is not None
        shorts: list[TownshipCandidate] = []
        placed: list[TownshipCandidate] = []  # kept without the checks below: a clause's subject or place
        written: list[tuple[int, int]] = []
        for match in county_towns.short_re.finditer(text):
            start, end = match.span()
            written.append((start, end))
            following = text[end:end + 1]
            previous = text[start - 1:start]
            row = county_towns.short[match.group()]
            if self._short_in_clause(text, start, end):
                placed.append((start, end, row.canonical, row.code))
                continue
            if not (following == "" or following in self.rules.short_next_ok
                    or (previous in "、至" and following not in self.rules.short_next_bad)):
                continue
            shorts.append((start, end, row.canonical, row.code))
        spans = written + [(candidate[0], candidate[1]) for candidate in full_matches]
        starts, ends = {span_start for span_start, _ in spans}, {span_end for _, span_end in spans}
        kept = []
        for candidate in shorts:
            start, end = candidate[0], candidate[1]
            in_source_bracket = bool(_SHORT_BRACKET_RE.search(text, max(0, start - 30), start)
                                     and _SHORT_CLOSE_RE.match(text, end))
            dateline = text.startswith("讯", end) and (start == 0 or text[start - 1] in "\n\r \u3000")  # 安定讯
            if (in_source_bracket or _SHORT_ETC_RE.match(text, end) or dateline
                    or _in_series(text, start, end, starts, ends)):
                kept.append(candidate)
        return kept + placed

    def _short_in_clause(self, text: str, start: int, end: int) -> bool:
        """Whether the short name ``text[start:end]`` is a clause's subject (after a sentence's
        or a line's start: 。舒溶溪同步开展…; after a comma, or ending like a lake, river or hill,
        only when it acts: 近日，宝梵在3个村建设) or the place of an action (在乌坡设立, 与高村共建),
        followed by neither a place-word character (舒溶溪村) nor a site of the township
        (兴隆洼遗址, 甲玛沟)."""
        rules = self.rules
        following = text[end:end + 1]
        if not following or following in rules.short_next_bad or rules.short_subject_after_block.match(text, end):
            return False
        previous = text[start - 1:start]
        if following == "段" and (previous in _ROAD_ENDS or previous.isdigit()):
            return True  # 国道102线大虎山段: the road's section in the township
        acts = (rules.short_locative_verbs.match(text, end) is not None
                or rules.short_economy_after.match(text, end) is not None)  # 荆山石榴产业: a feature has none
        if previous and previous in rules.short_locative_before:
            return acts
        if previous in _CLAUSE_PAUSES:
            return acts  # 近日，宝梵在3个村建设 (not 端午假期，屈原故里…)
        opens_clause = previous == "" or previous in _CLAUSE_OPENERS or self._after_title_number(text, start)
        return opens_clause and (acts or text[end - 1] not in rules.short_landform_ends)

    @staticmethod
    def _after_title_number(text: str, start: int) -> bool:
        """Whether only a title's number (（三）, 二、, 3.) stands between its line's start and
        ``start`` (read back at most a few characters, whatever the line's length)."""
        window = max(0, start - _TITLE_NUMBER_MAX)
        line_start = text.rfind("\n", window, start) + 1
        if line_start == 0 and window > 0:
            return False  # the line began further back: more than a number before the name
        return _NUMBER_OPENS_LINE_RE.fullmatch(text, line_start, start) is not None


def _in_series(text: str, start: int, end: int, starts: set[int], ends: set[int]) -> bool:
    """Whether ``text[start:end]`` and another name (one of the spans starting at ``starts`` and
    ending at ``ends``) stand next to each other in a series: only the few positions a series'
    gap (、和及与至, 以及) reaches are looked at, so the cost does not grow with the names."""
    return any((start - gap in ends and _SERIES_GAP_RE.fullmatch(text, start - gap, start) is not None)
               or (end + gap in starts and _SERIES_GAP_RE.fullmatch(text, end, end + gap) is not None)
               for gap in range(1, _SERIES_GAP_MAX + 1))


def _stem_in(text: str, start: int, end: int, ends_so: list[tuple[int, frozenset[str]]]) -> bool:
    """Whether ``text[start:end]``, less one of the former types it ends with (their lengths,
    each with its stems), leaves one of that type's stems. (A loop: ``any`` over a generator
    costs more than the lookups, eight lengths at each 乡 or 镇 of a text.)"""
    for cut, stems in ends_so:  # noqa: SIM110
        if text[start:end - cut] in stems:
            return True
    return False


def _split_codes(joined: str) -> tuple[str, ...]:
    """The codes of an index entry (codes written one after another)."""
    if len(joined) == CODE_LENGTH:
        return (joined,)
    return tuple(joined[start:start + CODE_LENGTH] for start in range(0, len(joined), CODE_LENGTH))
