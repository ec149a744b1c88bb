"""The gazetteer: agencies, townships and counties over raw text, from one data folder.

No spaCy needed. Matching works on the raw string (offsets are ``text[start:end]``), so it can
run before or beside segmentation. The work is done by :mod:`~bulletin_nlp.entities.agencies`,
:mod:`~bulletin_nlp.entities.townships` and :mod:`~bulletin_nlp.entities.counties`; this class
loads them from one folder and is the one home of county detection (:meth:`detect_county`).
:mod:`~bulletin_nlp.entities.lexicon` builds the segmenter's user dictionary from it.

Conventions follow ``docs/annotation.md`` (AGENCY, TOWNSHIP); the files are described in
``bulletin_nlp/data/README.md``. Everything but the agency list loads lazily, on first use.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from functools import cached_property, lru_cache
from pathlib import Path

from bulletin_nlp.entities.agencies import AgencyMatch, AgencyTable
from bulletin_nlp.entities.agency_rules import AgencyRules
from bulletin_nlp.entities.counties import County, CountyTable, NameForms
from bulletin_nlp.entities.townships import TownshipMatch, TownshipRules, TownshipTable
from bulletin_nlp.resources import DATA_DIR, PathLike, data_file

__all__ = ["AGENCY_FILES", "COUNTY_FILES", "TOWNSHIP_FILES", "AgencyMatch", "County", "Gazetteer",
           "TownshipMatch"]

#: The files each part reads (a folder may hold only some: the others come from the package).
AGENCY_FILES = ("agencies_national.tsv", "agencies_local.csv", "agencies.tsv", "agency_rules.txt", "counties.csv",
                "ethnic_groups.txt")
TOWNSHIP_FILES = ("towns.csv", "towns_aliases.csv", "township_rules.txt", "counties.csv", "ethnic_groups.txt")
COUNTY_FILES = (*TOWNSHIP_FILES, "county_rules.txt")


class Gazetteer:
    """Agency, township and county lookup over raw text.

    ``Gazetteer(data_dir)`` reads its files from ``data_dir``; a file the folder lacks is read
    from the package's ``bulletin_nlp/data``, so a folder may hold only what it changes.
    :meth:`at` caches one instance per folder; :meth:`default` is the packaged data.
    """

    def __init__(self, data_dir: PathLike = DATA_DIR) -> None:
        self.data_dir = Path(data_dir)
        # the last township search: county inference and the township ruler search the same
        # text with no county when none is named (one tuple, replaced whole: thread-safe)
        self._last_townships: tuple[str, str | None, tuple[TownshipMatch, ...]] | None = None

    @classmethod
    def default(cls) -> Gazetteer:
        """The shared instance over the packaged data (townships load on first use)."""
        return cls.at(None)

    @staticmethod
    @lru_cache(maxsize=8)
    def _cached(data_dir: Path) -> Gazetteer:
        return Gazetteer(data_dir)

    @classmethod
    def at(cls, data_dir: PathLike | None) -> Gazetteer:
        """The shared instance over ``data_dir`` (None: the packaged data). Its files are read once
        per process: after editing them, build ``Gazetteer(data_dir)`` or start a new process."""
        return cls._cached(Path(data_dir).resolve() if data_dir is not None else DATA_DIR)

    def path(self, name: str) -> Path:
        """The file ``name`` of this gazetteer: in ``data_dir``, else the packaged one."""
        return data_file(self.data_dir, name)

    def copy_files(self, names: Iterable[str], destination: PathLike) -> None:
        """Copy the files ``names`` (as this gazetteer reads them) into ``destination``."""
        folder = Path(destination)
        folder.mkdir(parents=True, exist_ok=True)
        for name in names:
            shutil.copyfile(self.path(name), folder / name)

    # ------------------------------------------------------------------ parts
    @cached_property
    def forms(self) -> NameForms:
        return NameForms(self.path("ethnic_groups.txt"))

    @cached_property
    def counties(self) -> CountyTable:
        return CountyTable(self.path("counties.csv"), self.forms, self.path("county_rules.txt"))

    @cached_property
    def agencies(self) -> AgencyTable:
        return AgencyTable(self.path("agencies_national.tsv"), self.path("agencies_local.csv"), self.path,
                           AgencyRules.read(self.path("agency_rules.txt")), self.counties)

    @cached_property
    def townships(self) -> TownshipTable:
        rules = TownshipRules.read(self.path("township_rules.txt"))
        return TownshipTable(self.path("towns.csv"), self.path("towns_aliases.csv"), rules, self.counties, self.forms)

    # ------------------------------------------------------------------ finding
    def find_agencies(self, text: str, county_code: str | None = None) -> list[AgencyMatch]:
        """Agency mentions, non-overlapping, longest first, in text order; ``county_code``
        (6 digits) adds the names of that county's own list (``agencies_local.csv``)."""
        return self.agencies.find(text, county_code)

    def find_townships(self, text: str, county_code: str | None = None) -> list[TownshipMatch]:
        """Township mentions; ``county_code`` (6 digits) enables its short/former names and
        2-character names, and resolves ambiguous names to that county's code."""
        last = self._last_townships
        if last is not None and last[0] is text and last[1] == county_code:
            return list(last[2])
        found = self.townships.find(text, county_code)
        self._last_townships = (text, county_code, tuple(found))
        return found

    def county(self, code: str) -> County | None:
        """The county with this 6-digit code."""
        return self.counties.county(code)

    def find_county(self, text: str) -> County | None:
        """The county named in a masthead or publisher line (see :meth:`CountyTable.find_county`)."""
        return self.counties.find_county(text)

    def infer_county(self, text: str) -> County | None:
        """The county most of the (≥3-char) township names in ``text`` belong to; ``None`` on a
        tie or when no township is found. A name also counts for the county whose township bore
        it before its type was upgraded (蒋村镇, now 蒋村街道 of 鄠邑区); a tie goes to a county
        written before one of its townships (龙游县溪口镇)."""
        townships = self.townships
        found = self.find_townships(text)
        names = [match.canonical for match in found] + townships.former_type_names(text)
        return self.counties.vote(names, townships.codes_of, townships.former_type_codes,
                                  self._counties_before_their_townships(text, found))

    def _counties_before_their_townships(self, text: str, found: list[TownshipMatch]) -> set[str]:
        """Codes of the counties whose full name is written right before one of their own
        townships (龙游县溪口镇): the text says which of the places of that name it means."""
        named: set[str] = set()
        for match in found:
            for code in self.townships.codes_of(match.canonical):
                county = self.counties.county(code[:6])
                if county is not None and text.endswith(county.name, 0, match.start):
                    named.add(county.code)
        return named

    def detect_county(self, masthead_lines: Iterable[str], text: str) -> County | None:
        """The bulletin's county: the first masthead line (publisher, then title) that names
        one, else the county most township names of ``text`` belong to."""
        for line in masthead_lines:
            county = self.find_county(line)
            if county is not None:
                return county
        return self.infer_county(text)

    # ------------------------------------------------------------------ lexicons
    def agency_lexicon(self) -> list[str]:
        """Agency names and aliases from agencies.tsv (for the segmenter's user dictionary)."""
        return self.agencies.lexicon()

    def township_lexicon(self, county_code: str | None = None) -> list[str]:
        """All township names of China, plus the former and short names of ``county_code``."""
        return self.townships.lexicon(county_code)
