"""Tables built from buffers (bulletin_nlp.arrow_columns) equal pyarrow's own conversion."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

pa = pytest.importorskip("pyarrow")

from bulletin_nlp import arrow_columns  # noqa: E402
from bulletin_nlp.arrow_columns import ColumnRows  # noqa: E402
from bulletin_nlp.tables import TABLE_NAMES, schemas, table_rows  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = pa.schema([("text", pa.string()), ("count", pa.int64()), ("value", pa.float64()), ("day", pa.date32()),
                    ("sources", pa.list_(pa.string()))])
ROWS = [
    {"text": "王楼镇", "count": 3, "value": 5452.0, "day": dt.date(2024, 6, 1), "sources": ["民政局", "交通运输局"]},
    {"text": None, "count": None, "value": None, "day": None, "sources": None},
    {"text": "", "count": -(1 << 62), "value": -0.5, "day": dt.date(1969, 12, 31), "sources": []},
    {"text": "𠀀 CJK 扩展 B, and ASCII", "count": 0, "value": 1e300, "day": dt.date(1970, 1, 1), "sources": [""]},
    {"count": 7},  # the other keys missing: nulls
]


def table_from_rows(rows: list[dict[str, object]], schema: pa.Schema, batch: int = 2) -> pa.Table:
    """The table of ``rows`` added to a ColumnRows ``batch`` rows at a time."""
    gathered = ColumnRows(schema)
    for first in range(0, len(rows), batch):
        gathered.extend(rows[first:first + batch])
    assert len(gathered) == len(rows)
    return gathered.table()


def assert_same(rows: list[dict[str, object]], schema: pa.Schema) -> None:
    ours, theirs = table_from_rows(rows, schema), pa.Table.from_pylist(rows, schema=schema)
    assert ours.schema == theirs.schema
    assert ours.equals(theirs)
    assert ours.to_pylist() == theirs.to_pylist()


def test_arrow_columns_every_type_with_nulls_empty_values_and_missing_keys() -> None:
    assert_same(ROWS, SCHEMA)


@pytest.mark.parametrize("rows", [[], [ROWS[1]], [ROWS[4]], ROWS[:1]])
def test_arrow_columns_no_rows_all_null_and_single_rows(rows: list[dict[str, object]]) -> None:
    assert_same(rows, SCHEMA)


def test_arrow_columns_one_column() -> None:
    schema = pa.schema([("text", pa.string())])
    assert_same([{"text": "县民政局"}, {"text": None}], schema)
    assert_same([{"text": "县民政局"}, {}], schema)


def test_arrow_columns_a_column_over_the_chunk_size_is_cut_into_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """A string column of more bytes than one array's 32-bit offsets hold is chunked (here with a
    chunk of 10 bytes): the values, nulls included, are the same."""
    monkeypatch.setattr(arrow_columns, "MAX_CHUNK_BYTES", 10)
    rows = [{"text": text} for text in ["民政局", None, "abcdefghijkl", "", "交通", None, "王楼镇石佛镇"]]
    schema = pa.schema([("text", pa.string())])
    table = table_from_rows(rows, schema)
    assert table.column("text").num_chunks > 1
    assert_same(rows, schema)


def test_arrow_columns_a_type_without_a_builder_is_refused() -> None:
    with pytest.raises(TypeError, match="no builder"):
        table_from_rows([{"flag": True}], pa.schema([("flag", pa.bool_())]))


def test_arrow_columns_the_tables_of_corpus_bulletins(parse) -> None:
    """Every table of the sample bulletins, as the writers build them, equals from_pylist's."""
    rows: dict[str, list[dict[str, object]]] = {name: [] for name in TABLE_NAMES}
    samples = sorted((ROOT / "corpus" / "samples").glob("*.txt"))
    for index, path in enumerate(samples):
        bulletin = parse(path.read_text(encoding="utf-8"))
        for name, table in table_rows(bulletin, f"#{index}").by_table().items():
            rows[name].extend(table)
    assert all(rows[name] for name in TABLE_NAMES)
    for name in TABLE_NAMES:
        assert_same(rows[name], schemas()[name])


def test_arrow_columns_to_tables_does_not_import_pandas() -> None:
    """pyarrow's own conversion imports pandas (0.2-0.4 s); building from buffers does not."""
    code = ("import sys, bulletin_nlp; from bulletin_nlp.tables import to_tables; "
            "tables = to_tables([bulletin_nlp.parse('延津政务快报\\n第6期\\n【民生】\\n县民政局发放棉被6500条。')]); "
            "assert tables['entities'].num_rows > 0; print('pandas' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.strip() == "False"


def test_arrow_columns_cleared_rows_start_again() -> None:
    gathered = ColumnRows(SCHEMA)
    gathered.extend(ROWS)
    gathered.clear()
    gathered.extend(ROWS[:2])
    assert len(gathered) == 2
    assert gathered.table().equals(pa.Table.from_pylist(ROWS[:2], schema=SCHEMA))
