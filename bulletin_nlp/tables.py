"""Bulletins as tables for analysts: one row per bulletin, item, entity and fact, with join keys.

:func:`to_tables` turns parsed bulletins into ``pyarrow.Table`` objects with the fixed schemas
below (docs/tables.md documents every column); :func:`to_pandas` gives the same as pandas
DataFrames. Rows join on keys, never on offsets: every row carries ``bulletin`` (the file path,
or ``#<n>`` for a bulletin given without one), items and entities carry ``section_index`` and
``item_index`` (the item's index inside its section, as in ``Bulletin.sections``), and entities
carry ``entity_index`` (the index into ``Bulletin.entities``); facts carry the ``entity_index``
of their quantity and the item keys.

Needs the ``tables`` extra (``pip install "bulletin-nlp[tables]"``).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from bulletin_nlp.arrow_columns import ColumnRows
from bulletin_nlp.bulletin import Bulletin, Entity, Fact, Item
from bulletin_nlp.errors import MissingExtraError

if TYPE_CHECKING:
    import pandas
    import pyarrow

__all__ = ["COLUMNS", "TABLE_NAMES", "BulletinRows", "column_names", "pandas_frame", "schemas", "table_rows",
           "to_pandas", "to_tables"]

_NO_END = 1 << 62  # sorts after every real end offset


def _pyarrow() -> Any:
    try:
        import pyarrow
    except ImportError:
        raise MissingExtraError("tables", "pyarrow") from None
    return pyarrow


_OFFSETS = (("start", "int64"), ("end", "int64"))
#: Each table's columns in order, with their Arrow type by name (``list`` is a list of strings):
#: the schemas below, and the CSV writers' headers, which need no pyarrow.
COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "bulletins": (
        ("bulletin", "string"), ("path", "string"), ("title", "string"), ("issue", "int64"),
        ("issue_total", "int64"), ("date", "date32"), ("publisher", "string"), ("county", "string"),
        ("county_code", "string"), ("city", "string"), ("province", "string"),
        ("sections", "int64"), ("items", "int64"), ("agencies", "int64"),
        ("townships", "int64"), ("quantities", "int64"), ("warnings", "int64"),
        ("leftovers", "int64"),
    ),
    "items": (
        ("bulletin", "string"), ("section_index", "int64"), ("item_index", "int64"),
        ("item_number", "int64"), ("section", "string"), ("headline", "string"),
        ("body", "string"), ("sources", "list"), ("topic", "string"),
        ("topic_score", "float64"), *_OFFSETS,
        ("headline_start", "int64"), ("headline_end", "int64"),
        ("body_start", "int64"), ("body_end", "int64"),
    ),
    "entities": (
        ("bulletin", "string"), ("entity_index", "int64"), ("section_index", "int64"),
        ("item_index", "int64"), ("label", "string"), ("text", "string"),
        ("canonical", "string"), ("code", "string"), ("value", "float64"),
        ("unit", "string"), ("qualifier", "string"), *_OFFSETS,
        ("interval_start", "date32"), ("interval_end", "date32"), ("level", "string"),
    ),
    "facts": (
        ("bulletin", "string"), ("entity_index", "int64"), ("section_index", "int64"),
        ("item_index", "int64"), ("county", "string"), ("county_code", "string"),
        ("date", "date32"), ("issue", "int64"), ("section", "string"), ("headline", "string"),
        ("topic", "string"), ("subject", "string"), ("subject_label", "string"),
        ("subject_code", "string"), ("subject_text", "string"), ("indicator", "string"),
        ("value", "float64"), ("unit", "string"), ("qualifier", "string"), ("period", "string"),
        ("period_start", "date32"), ("period_end", "date32"), ("quantity", "string"), *_OFFSETS,
    ),
}


#: The tables, in order.
TABLE_NAMES = tuple(COLUMNS)


def column_names(table: str) -> list[str]:
    """The columns of ``table`` in order (what its schema names), without pyarrow."""
    return [name for name, _ in COLUMNS[table]]


@lru_cache(maxsize=1)
def schemas() -> dict[str, pyarrow.Schema]:
    """The schema of each table, by name (the columns are documented in docs/tables.md)."""
    pa = _pyarrow()
    types = {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64(), "date32": pa.date32(),
             "list": pa.list_(pa.string())}
    return {table: pa.schema([(name, types[kind]) for name, kind in columns]) for table, columns in COLUMNS.items()}


@dataclass(frozen=True)
class BulletinRows:
    """The rows one bulletin contributes to each table (plain dicts, schema order)."""

    bulletins: list[dict[str, Any]]
    items: list[dict[str, Any]]
    entities: list[dict[str, Any]]
    facts: list[dict[str, Any]]

    def by_table(self) -> dict[str, list[dict[str, Any]]]:
        return {"bulletins": self.bulletins, "items": self.items, "entities": self.entities, "facts": self.facts}


def table_rows(bulletin: Bulletin, key: str, path: str | None = None) -> BulletinRows:
    """The rows of one bulletin; ``key`` goes into every row's ``bulletin`` column."""
    item_rows: list[dict[str, Any]] = []
    item_spans: list[tuple[int, int, int, int]] = []  # start, end, section index, item index
    for section_index, section in enumerate(bulletin.sections):
        for item_index, item in enumerate(section.items):
            item_rows.append(_item_row(key, section_index, item_index, len(item_rows), section.title, item))
            item_spans.append((item.start, item.end, section_index, item_index))
    entity_rows = [_entity_row(key, index, entity, _item_of(entity, item_spans))
                   for index, entity in enumerate(bulletin.entities)]
    fact_rows = [_fact_row(key, bulletin, fact) for fact in bulletin.facts]
    return BulletinRows([_bulletin_row(bulletin, key, path, len(item_rows))], item_rows, entity_rows, fact_rows)


def to_tables(bulletins: Iterable[Bulletin | tuple[str, Bulletin]]) -> dict[str, pyarrow.Table]:
    """Tables ``bulletins``, ``items``, ``entities`` and ``facts`` (``pyarrow.Table``) for many bulletins.

    Give ``(path, bulletin)`` pairs to key the rows by path; a bare ``Bulletin`` is keyed
    ``#<n>`` by its position.
    """
    columns = {name: ColumnRows(schemas()[name]) for name in TABLE_NAMES}
    for rows in _rows(bulletins):
        for name, table_rows_ in rows.by_table().items():
            columns[name].extend(table_rows_)
    return {name: columns[name].table() for name in TABLE_NAMES}


def to_pandas(bulletins: Iterable[Bulletin | tuple[str, Bulletin]]) -> dict[str, pandas.DataFrame]:
    """:func:`to_tables` as pandas DataFrames (nullable integer columns stay integers)."""
    return {name: pandas_frame(table) for name, table in to_tables(bulletins).items()}


def pandas_frame(table: pyarrow.Table) -> pandas.DataFrame:
    """One table as a DataFrame with pandas' nullable types (integers with gaps stay integers)."""
    try:
        import pandas
    except ImportError:
        raise MissingExtraError("tables", "pandas") from None
    pa = _pyarrow()
    mapping = {pa.int64(): pandas.Int64Dtype(), pa.string(): pandas.StringDtype(), pa.float64(): pandas.Float64Dtype()}
    return table.to_pandas(types_mapper=mapping.get)


def _rows(bulletins: Iterable[Bulletin | tuple[str, Bulletin]]) -> Iterator[BulletinRows]:
    for position, entry in enumerate(bulletins):
        if isinstance(entry, Bulletin):
            yield table_rows(entry, f"#{position}")
        else:
            path, bulletin = entry
            yield table_rows(bulletin, str(path), str(path))


def _bulletin_row(bulletin: Bulletin, key: str, path: str | None, item_count: int) -> dict[str, Any]:
    county = _county(bulletin.county_code)
    labels = [entity.label for entity in bulletin.entities]
    return {
        "bulletin": key, "path": path, "title": bulletin.title, "issue": bulletin.issue,
        "issue_total": bulletin.issue_total,
        "date": _date(bulletin.date), "publisher": bulletin.publisher, "county": bulletin.county,
        "county_code": bulletin.county_code, "city": county[0], "province": county[1],
        "sections": len(bulletin.sections), "items": item_count, "agencies": labels.count("AGENCY"),
        "townships": labels.count("TOWNSHIP"), "quantities": labels.count("QUANTITY"),
        "warnings": len(bulletin.warnings), "leftovers": len(bulletin.leftovers),
    }


def _item_row(key: str, section_index: int, item_index: int, number: int, section: str | None,
              item: Item) -> dict[str, Any]:
    return {
        "bulletin": key, "section_index": section_index, "item_index": item_index, "item_number": number,
        "section": section, "headline": item.headline, "body": item.body, "sources": list(item.sources),
        "topic": item.topic, "topic_score": item.topic_scores.get(item.topic) if item.topic else None,
        "start": item.start, "end": item.end, "headline_start": item.headline_start,
        "headline_end": item.headline_end, "body_start": item.body_start, "body_end": item.body_end,
    }


def _entity_row(key: str, index: int, entity: Entity, item: tuple[int, int] | None) -> dict[str, Any]:
    return {
        "bulletin": key, "entity_index": index, "section_index": item[0] if item else None,
        "item_index": item[1] if item else None, "label": entity.label, "text": entity.text,
        "canonical": entity.canonical, "code": entity.code, "value": entity.value, "unit": entity.unit,
        "qualifier": entity.qualifier, "start": entity.start, "end": entity.end,
        "interval_start": _date(entity.interval[0]) if entity.interval else None,
        "interval_end": _date(entity.interval[1]) if entity.interval else None, "level": entity.level,
    }


def _fact_row(key: str, bulletin: Bulletin, fact: Fact) -> dict[str, Any]:
    """Who reported which figure, about what, for which period (spans on one line)."""
    quantity = bulletin.entities[fact.quantity]
    section = bulletin.sections[fact.item[0]]
    item = section.items[fact.item[1]]
    subject, indicator, period = fact.subject, fact.indicator, fact.period
    interval = period.value if period and period.value else (None, None)
    return {
        "bulletin": key, "entity_index": fact.quantity, "section_index": fact.item[0],
        "item_index": fact.item[1], "county": bulletin.county, "county_code": bulletin.county_code,
        "date": _date(bulletin.date), "issue": bulletin.issue, "section": section.title,
        "headline": item.headline, "topic": item.topic,
        "subject": subject.canonical if subject else None, "subject_label": subject.label if subject else None,
        "subject_code": subject.code if subject else None, "subject_text": subject.text if subject else None,
        "indicator": _one_line(indicator.text) if indicator else None, "value": quantity.value,
        "unit": quantity.unit, "qualifier": quantity.qualifier,
        "period": _one_line(period.text) if period else None,
        "period_start": _date(interval[0]), "period_end": _date(interval[1]),
        "quantity": _one_line(quantity.text), "start": quantity.start, "end": quantity.end,
    }


def _one_line(text: str) -> str:
    """A span without the whitespace a page break left inside it."""
    return "".join(text.split())


def _item_of(entity: Entity, item_spans: list[tuple[int, int, int, int]]) -> tuple[int, int] | None:
    """(section index, item index) of the item whose span holds the entity, or None.

    ``item_spans`` is sorted by start (items follow reading order and do not overlap)."""
    position = bisect_right(item_spans, (entity.start, _NO_END)) - 1
    if position >= 0:
        start, end, section_index, item_index = item_spans[position]
        if start <= entity.start and entity.end <= end:
            return section_index, item_index
    return None


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _county(code: str | None) -> tuple[str | None, str | None]:
    """(city, province) of a county code from the shipped division table; Nones when unknown."""
    if not code:
        return None, None
    from bulletin_nlp.entities.gazetteer import Gazetteer

    county = Gazetteer.default().county(code)
    if county is None:
        return None, None
    return county.city or None, county.province or None
