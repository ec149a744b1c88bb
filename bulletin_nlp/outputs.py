"""Streaming writers behind ``bulletin-nlp parse --format …``: each result is written as it arrives.

- ``json``: one object for a single file, else an array of ``{"path", **to_dict()}``
- ``jsonl``: one ``{"path", **to_dict()}`` per line
- ``csv``: to a file or stdout, the ``items`` table; to a folder, one CSV per table
- ``facts-csv``: the ``facts`` table (one row per figure) to a file or stdout
- ``parquet``: a folder with one dataset per table (``DIR/<table>/part-<n>.parquet``), written
  in row groups as results arrive; ``--resume`` adds a new part
- ``html``: rendered at the end (a page with every file)

CSV files are UTF-8 with a byte-order mark by default (Excel then shows Chinese correctly),
numbers are written plainly (``1870000000``, not ``1.87e+09``) and list cells are joined by
``CSV_LIST_SEPARATOR``.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any, Protocol

from bulletin_nlp.arrow_columns import ColumnRows
from bulletin_nlp.bulletin import Bulletin, json_text
from bulletin_nlp.io import CSV_LIST_SEPARATOR
from bulletin_nlp.tables import TABLE_NAMES, column_names, schemas, table_rows
from bulletin_nlp.text.numbers import plain_number

__all__ = ["CSV_LIST_SEPARATOR", "FORMATS", "TABLE_FORMATS", "ResultWriter", "csv_cell", "open_writer",
           "write_csv_rows"]

FORMATS = ("json", "jsonl", "csv", "facts-csv", "parquet", "html")
TABLE_FORMATS = ("csv", "parquet")
ROW_GROUP_BULLETINS = 256  # Parquet: bulletins per row group


class ResultWriter(Protocol):
    """Receives results in input order; ``close`` finishes the output."""

    def write(self, path: str, text: str, bulletin: Bulletin) -> None: ...

    def close(self) -> None: ...


def csv_cell(value: Any) -> Any:
    """A value as the project's CSV dialect writes it: plain numbers, lists joined, '' for None."""
    if value is None:
        return ""
    if isinstance(value, float):
        if not math.isfinite(value):
            return ""
        return plain_number(value)
    if isinstance(value, (list, tuple)):
        return CSV_LIST_SEPARATOR.join(str(part) for part in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def write_csv_rows(stream: IO[str], columns: Iterable[str], rows: Iterable[dict[str, Any]]) -> None:
    """Rows in the project's CSV dialect (minimal quoting, ``\\r\\n`` line ends as RFC 4180)."""
    writer = csv.writer(stream)
    names = list(columns)
    writer.writerows([csv_cell(row[name]) for name in names] for row in rows)


class JsonWriter:
    """A JSON array streamed element by element (or one object when ``single``)."""

    def __init__(self, stream: IO[str], single: bool) -> None:
        self.stream, self.single, self.count = stream, single, 0

    def write(self, path: str, text: str, bulletin: Bulletin) -> None:
        if self.single:
            self.stream.write(bulletin.to_json(indent=2) + "\n")
        else:
            element = json_text({"path": path, **bulletin.to_dict()}, indent=2)
            self.stream.write(("[\n" if self.count == 0 else ",\n") + element)
        self.count += 1

    def close(self) -> None:
        if not self.single:
            self.stream.write("[]\n" if self.count == 0 else "\n]\n")


class JsonlWriter:
    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def write(self, path: str, text: str, bulletin: Bulletin) -> None:
        self.stream.write(json_text({"path": path, **bulletin.to_dict()}) + "\n")
        self.stream.flush()

    def close(self) -> None:
        self.stream.flush()


class TableCsvWriter:
    """One table (``items`` for ``csv``, ``facts`` for ``facts-csv``) as one CSV (a file or stdout)."""

    def __init__(self, stream: IO[str], header: bool, table: str = "items") -> None:
        self.stream, self.table = stream, table
        self.columns = column_names(table)
        if header:
            write_csv_rows(stream, self.columns, [dict(zip(self.columns, self.columns, strict=True))])

    def write(self, path: str, text: str, bulletin: Bulletin) -> None:
        write_csv_rows(self.stream, self.columns, table_rows(bulletin, path, path).by_table()[self.table])

    def close(self) -> None:
        self.stream.flush()


class CsvTablesWriter:
    """One CSV per table in ``folder`` (``bulletins.csv``, ``items.csv``, ``entities.csv``)."""

    def __init__(self, folder: Path, bom: bool, append: bool) -> None:
        self.streams: dict[str, IO[str]] = {}
        for name in TABLE_NAMES:
            path = folder / f"{name}.csv"
            new = not (append and path.exists() and path.stat().st_size > 0)
            stream = path.open("w" if new else "a", encoding="utf-8-sig" if bom and new else "utf-8", newline="")
            if new:
                columns = column_names(name)
                write_csv_rows(stream, columns, [dict(zip(columns, columns, strict=True))])
            self.streams[name] = stream

    def write(self, path: str, text: str, bulletin: Bulletin) -> None:
        for name, rows in table_rows(bulletin, path, path).by_table().items():
            write_csv_rows(self.streams[name], column_names(name), rows)

    def close(self) -> None:
        for stream in self.streams.values():
            stream.close()


class ParquetTablesWriter:
    """One Parquet dataset per table: ``folder/<table>/part-<n>.parquet``, a new part per run."""

    def __init__(self, folder: Path) -> None:
        import pyarrow.parquet

        self.parquet = pyarrow.parquet
        self.pending = {name: ColumnRows(schemas()[name]) for name in TABLE_NAMES}
        self.bulletins_pending = 0
        self.writers = {}
        for name in TABLE_NAMES:
            (folder / name).mkdir(parents=True, exist_ok=True)
            part = len(list((folder / name).glob("part-*.parquet")))
            self.writers[name] = self.parquet.ParquetWriter(folder / name / f"part-{part:05d}.parquet", schemas()[name])

    def write(self, path: str, text: str, bulletin: Bulletin) -> None:
        for name, rows in table_rows(bulletin, path, path).by_table().items():
            self.pending[name].extend(rows)
        self.bulletins_pending += 1
        if self.bulletins_pending >= ROW_GROUP_BULLETINS:
            self._flush()

    def _flush(self) -> None:
        for name, rows in self.pending.items():
            self.writers[name].write_table(rows.table())
            rows.clear()
        self.bulletins_pending = 0

    def close(self) -> None:
        if self.bulletins_pending:
            self._flush()
        for writer in self.writers.values():
            writer.close()


class HtmlWriter:
    """The HTML view needs every document: collected, rendered at ``close``."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.documents: list[tuple[str, str, Bulletin]] = []

    def write(self, path: str, text: str, bulletin: Bulletin) -> None:
        self.documents.append((path, text, bulletin))

    def close(self) -> None:
        from bulletin_nlp.render import render_html

        self.stream.write(render_html(self.documents))


def open_writer(fmt: str, stream: IO[str] | None, folder: Path | None, *, single: bool, bom: bool,
                append: bool) -> ResultWriter:
    """The writer for ``fmt``: table formats with a ``folder`` write there, the rest to ``stream``."""
    if fmt == "parquet":
        if folder is None:
            raise ValueError("--format parquet writes a folder: give -o DIR")
        return ParquetTablesWriter(folder)
    if fmt == "csv" and folder is not None:
        return CsvTablesWriter(folder, bom, append)
    if stream is None:
        raise ValueError(f"--format {fmt} needs an output stream")
    if fmt in ("csv", "facts-csv"):
        return TableCsvWriter(stream, header=not append, table="facts" if fmt == "facts-csv" else "items")
    if fmt == "jsonl":
        return JsonlWriter(stream)
    if fmt == "json":
        return JsonWriter(stream, single)
    if fmt == "html":
        return HtmlWriter(stream)
    raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
