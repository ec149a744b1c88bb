"""Bulletins as tables: schemas, join keys and the values the rows carry."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from bulletin_nlp.bulletin import Bulletin, Entity, Item, Section
from bulletin_nlp.tables import COLUMNS, TABLE_NAMES, column_names, schemas, table_rows, to_pandas, to_tables
from tests.support import SAMPLES


@pytest.fixture(scope="module")
def parsed(nlp):
    from bulletin_nlp import parse

    return [(str(path), parse(path.read_text("utf-8"), nlp=nlp)) for path in sorted(SAMPLES.glob("*.txt"))]


def _toy() -> Bulletin:
    first = Item(headline="甲", body="县民政局发放棉被 6500 条", sources=("民政局",), start=10, end=30,
                 topic="social_welfare", topic_scores={"social_welfare": 0.9})
    second = Item(headline="乙", body="王楼镇", sources=(), start=40, end=60)
    entities = (
        Entity("AGENCY", 0, 4, "县政府办", canonical="县人民政府办公室"),
        Entity("QUANTITY", 20, 27, "6500 条", value=6500.0, unit="条"),
        Entity("TOWNSHIP", 45, 48, "王楼镇", canonical="王楼镇", code="410726105"),
        Entity("AGENCY", 70, 74, "县民政局", canonical="县民政局"),
    )
    return Bulletin(title="延津政务快报", issue=6, date="2024-02-02", county="延津县", county_code="410726",
                    sections=(Section("一", 5, 30, (first,)), Section("二", 35, 60, (second,))), entities=entities)


def test_tables_entities_carry_the_item_that_holds_them():
    rows = table_rows(_toy(), "b1").entities
    assert [(row["section_index"], row["item_index"]) for row in rows] == [(None, None), (0, 0), (1, 0), (None, None)]
    assert [row["entity_index"] for row in rows] == [0, 1, 2, 3]


def test_tables_bulletin_row_counts_and_places():
    row = table_rows(_toy(), "b1", "x.txt").bulletins[0]
    assert (row["items"], row["sections"], row["agencies"], row["townships"], row["quantities"]) == (2, 2, 2, 1, 1)
    assert row["date"] == dt.date(2024, 2, 2) and row["path"] == "x.txt"
    assert (row["city"], row["province"]) == ("新乡市", "河南省")


def test_tables_unknown_county_and_bad_date_are_null():
    row = table_rows(Bulletin(county_code="999999", date="2024-02-30"), "b").bulletins[0]
    assert row["city"] is None and row["province"] is None and row["date"] is None


def test_tables_schemas_hold_for_real_bulletins(parsed):
    tables = to_tables(parsed)
    assert set(tables) == set(TABLE_NAMES)
    for name, table in tables.items():
        assert table.schema == schemas()[name]
    assert tables["bulletins"].num_rows == len(parsed)
    assert tables["items"].num_rows == sum(len(bulletin.items) for _, bulletin in parsed)
    assert tables["entities"].num_rows == sum(len(bulletin.entities) for _, bulletin in parsed)


def test_tables_keys_join_items_and_entities(parsed):
    frames = to_pandas(parsed)
    items, entities = frames["items"], frames["entities"]
    joined = entities.dropna(subset=["item_index"]).merge(items, on=["bulletin", "section_index", "item_index"],
                                                          suffixes=("", "_item"))
    assert len(joined) == entities["item_index"].notna().sum() > 0
    assert ((joined["start"] >= joined["start_item"]) & (joined["end"] <= joined["end_item"])).all()
    assert str(items["item_index"].dtype) == "Int64"


def test_tables_bare_bulletins_are_keyed_by_position():
    tables = to_tables([Bulletin(title="a"), Bulletin(title="b")])
    assert tables["bulletins"].column("bulletin").to_pylist() == ["#0", "#1"]
    assert tables["bulletins"].column("path").to_pylist() == [None, None]


def test_tables_facts_join_their_quantity_and_item():
    from bulletin_nlp.bulletin import Fact, Period, Subject

    toy = _toy()
    fact = Fact(quantity=1, item=(0, 0), subject=Subject("县民政局", 14, 18, "AGENCY", "县民政局"),
                period=Period("目前", 10, 12, (None, "2024-02-02")))
    rows = table_rows(Bulletin(**{**toy.__dict__, "facts": (fact,)}), "b1").facts
    assert len(rows) == 1
    row = rows[0]
    assert (row["entity_index"], row["section_index"], row["item_index"]) == (1, 0, 0)
    assert (row["subject"], row["subject_label"], row["value"], row["unit"]) == ("县民政局", "AGENCY", 6500.0, "条")
    assert (row["period_start"], row["period_end"]) == (None, dt.date(2024, 2, 2))
    assert row["indicator"] is None and row["quantity"] == "6500条" and row["headline"] == "甲"


def test_tables_facts_of_parsed_samples(parsed):
    tables = to_tables(parsed)
    facts, entities = tables["facts"], tables["entities"]
    assert facts.num_rows == sum(len(b.facts) for _, b in parsed) > 0
    quantity_rows = {(r["bulletin"], r["entity_index"]) for r in entities.to_pylist() if r["label"] == "QUANTITY"}
    assert {(r["bulletin"], r["entity_index"]) for r in facts.to_pylist()} <= quantity_rows


def test_tables_column_names_are_the_schemas_and_the_rows_keys():
    """The pyarrow-free column lists (the CSV headers) name the schemas' fields and the rows' keys."""
    rows = table_rows(_toy(), "b1").by_table()
    assert tuple(COLUMNS) == TABLE_NAMES
    for name in TABLE_NAMES:
        assert column_names(name) == schemas()[name].names
        assert all(list(row) == column_names(name) for row in rows[name])


def test_tables_csv_output_needs_no_pyarrow(tmp_path):
    """The CSV tables and the facts CSV are written with pyarrow unimportable (a core install)."""
    sample = sorted(SAMPLES.glob("*.txt"))[0]
    code = ("import sys; sys.modules['pyarrow'] = None; from bulletin_nlp.cli import main; "
            f"sys.exit(main(['parse', {str(sample)!r}, '--format', 'csv', '-o', {str(tmp_path / 'tables')!r}, '-q'])"
            f" or main(['parse', {str(sample)!r}, '--format', 'facts-csv', '-o', {str(tmp_path / 'facts.csv')!r},"
            " '-q']))")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[1])
    assert sorted(path.name for path in (tmp_path / "tables").iterdir()) == sorted(f"{n}.csv" for n in TABLE_NAMES)
    header = (tmp_path / "facts.csv").read_text("utf-8-sig").splitlines()[0]
    assert header.split(",") == column_names("facts")
    assert len((tmp_path / "tables" / "entities.csv").read_text("utf-8-sig").splitlines()) > 1
