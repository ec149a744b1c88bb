#!/usr/bin/env python3
"""Regenerate the gazetteer data shipped in ``bulletin_nlp/data/`` from ``../shared/data``.

Usage::

    python3 scripts/build_gazetteer_data.py [--src ../shared/data] [--out bulletin_nlp/data]

Writes ``towns.csv``, ``counties.csv``, ``agencies.tsv`` and ``towns_aliases.csv``. The output
is deterministic (fixed row order, ``\\n`` line ends, UTF-8 without BOM), so
``tests/entities/test_gazetteer_data.py`` can compare a fresh build with the shipped files byte for byte.
See ``bulletin_nlp/data/README.md`` for what each file holds and what this script changes.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SRC = ROOT.parent / "shared" / "data"
DEFAULT_OUT = ROOT / "bulletin_nlp" / "data"

#: Aliases dropped from agencies.tsv: function words without an organisational head word are
#: not agencies (docs/annotation.md, AGENCY: "市场监管、城管、公安、消防、融媒等部门").
DROP_ALIASES = {"市场监管", "消防", "融媒"}
#: Aliases too generic for running text; recognised only as an item of a source bracket
#: (e.g. "（办公室）" closing an item of the county government office).
BRACKET_ONLY_ALIASES = {"办公室"}


def _write_csv(path: Path, header: list[str], rows: list[list[str]], delimiter: str = ",") -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8", newline="")


def _read_csv(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream, delimiter=delimiter))


def build_towns(src: Path, out: Path) -> list[dict[str, str]]:
    """towns.csv: ``code,name,type`` for every row (county code = first 6 digits of code)."""
    rows = _read_csv(src / "towns_all.csv")
    for row in rows:
        if not re.fullmatch(r"\d{9}", row["code"]) or row["code"][:6] != row["county_code"]:
            raise ValueError(f"unexpected township code: {row}")
    rows.sort(key=lambda row: (row["code"], row["name"]))
    _write_csv(out / "towns.csv", ["code", "name", "type"],
               [[row["code"], row["name"], row["type"]] for row in rows])
    return rows


def build_counties(src: Path, out: Path, towns: list[dict[str, str]]) -> None:
    """counties.csv: counties_all.csv plus the county-less prefecture units holding townships."""
    rows = _read_csv(src / "counties_all.csv")
    known = {row["code"] for row in rows}
    extra: dict[str, dict[str, str]] = {}
    for town in towns:
        county_code = town["county_code"]
        if county_code not in known and county_code not in extra:
            extra[county_code] = {"code": county_code, "name": town["county"], "city_code": "", "city": "",
                         "province": town["province"]}
    rows = sorted(rows + list(extra.values()), key=lambda row: row["code"])
    columns = ["code", "name", "city_code", "city", "province"]
    _write_csv(out / "counties.csv", columns, [[row[column] for column in columns] for row in rows])


def build_agencies(src: Path, out: Path) -> None:
    """agencies.tsv: the shared list, head-less aliases dropped, generic ones moved to a column."""
    rows = _read_csv(src / "agencies.tsv", delimiter="\t")
    table = []
    for row in rows:
        aliases = [alias for alias in row["aliases"].split("|") if alias]
        keep = [alias for alias in aliases if alias not in DROP_ALIASES and alias not in BRACKET_ONLY_ALIASES]
        bracket = [alias for alias in aliases if alias in BRACKET_ONLY_ALIASES]
        table.append([row["name"], "|".join(keep), "|".join(bracket), row["evidence"], row["note"]])
    _write_csv(out / "agencies.tsv", ["name", "aliases", "bracket_only", "evidence", "note"],
               table, delimiter="\t")


def build_aliases(src: Path, out: Path, towns: list[dict[str, str]]) -> None:
    """towns_aliases.csv: short and former names from the crosswalk with the current MCA code."""
    by_code = {town["code"]: town for town in towns}
    rows = []
    for row in _read_csv(src / "towns_yanjin_crosswalk.csv"):
        code, name = row["mca_code_2025"], row["name"]
        if not code or code not in by_code:  # NBS-only units and defunct names: no current unit
            continue
        if by_code[code]["name"] != name:
            raise ValueError(f"crosswalk name {name} != towns {by_code[code]['name']}")
        county = code[:6]
        if row["short"] and row["short"] != name:
            rows.append([row["short"], name, code, county, "short"])
        for item in re.split(r"[;；]", row["former_or_variant_names"]):
            former = re.sub(r"[（(].*?[)）]", "", item).strip()
            if former and former != name:
                rows.append([former, name, code, county, "former"])
    rows.sort(key=lambda alias_row: (alias_row[3], alias_row[2], alias_row[4], alias_row[0]))
    _write_csv(out / "towns_aliases.csv", ["alias", "canonical", "code", "county_code", "kind"],
               rows)


def build(src: Path, out: Path) -> None:
    """Write all gazetteer files from ``src`` into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    towns = build_towns(src, out)
    build_counties(src, out, towns)
    build_agencies(src, out)
    build_aliases(src, out, towns)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, default=DEFAULT_SRC)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    build(args.src, args.out)


if __name__ == "__main__":
    main()
