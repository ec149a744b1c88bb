"""Rows of plain Python values → a ``pyarrow.Table``, built from buffers (:class:`ColumnRows`).

``pyarrow.Table.from_pylist`` converts each column with ``pyarrow.array``, which imports pandas
when pandas is installed (to ask whether the values are a pandas object), whatever the values:
0.16–0.3 s, and some 30,000 more objects that the collector walks to the interpreter's exit; a
command-line run to Parquet over 20 files took a sixth less without it (docs/performance-history.md,
sixteenth step). The Parquet writer, the Dask engine's partitions and
:func:`~bulletin_nlp.tables.to_tables` hold rows whose types the schemas fix, so they gather them
column by column and build each column's Arrow buffers themselves (numpy arrays, UTF-8 bytes,
validity bitmaps), handed over with ``pyarrow.Array.from_buffers``, which converts nothing. The
result equals ``from_pylist``'s (``tests/test_arrow_columns.py``); it takes 0.03 ms more a
bulletin (``benchmarks/arrow_columns_speed.py``), which the import saved outweighs below some
5,000 bulletins a run. The types the schemas use: ``string``, ``int64``, ``float64``,
``date32`` and ``list<string>``; a missing key or None is a null, as there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from itertools import repeat
from operator import is_not, itemgetter
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    import pyarrow

__all__ = ["ColumnRows"]

#: The most UTF-8 bytes one string array holds (its offsets are 32-bit); a column with more is
#: cut into chunks, as ``from_pylist`` does.
MAX_CHUNK_BYTES = (1 << 31) - 1
_EPOCH = dt.date(1970, 1, 1)


class ColumnRows:
    """The rows of one table gathered column by column as they arrive, then built into a
    ``pyarrow.Table``: what ``pyarrow.Table.from_pylist(rows, schema=schema)`` gives for all the
    rows added, without importing pandas. Each batch of rows is read into the columns while its
    dicts are fresh in the caches (reading them all at the end, one column at a time, made the
    conversion a third slower)."""

    def __init__(self, schema: pyarrow.Schema) -> None:
        self.schema = schema
        self.columns: list[list[Any]] = [[] for _ in schema.names]
        self._getters = [itemgetter(name) for name in schema.names]

    def extend(self, rows: Sequence[dict[str, Any]]) -> None:
        """Add ``rows`` (dicts keyed by the schema's field names; a missing key is a null)."""
        try:
            added = [list(map(get, rows)) for get in self._getters]
        except KeyError:
            added = [[row.get(name) for row in rows] for name in self.schema.names]
        for values, new in zip(self.columns, added, strict=True):
            values.extend(new)

    def __len__(self) -> int:
        return len(self.columns[0]) if self.columns else 0

    def table(self) -> pyarrow.Table:
        """The rows added, as a table under the schema."""
        import pyarrow as pa

        arrays = [_column(pa, values, field.type) for values, field in zip(self.columns, self.schema, strict=True)]
        return pa.Table.from_arrays(arrays, schema=self.schema)

    def clear(self) -> None:
        for values in self.columns:
            values.clear()


def _column(pa: Any, values: Sequence[Any], kind: pyarrow.DataType) -> pyarrow.Array | pyarrow.ChunkedArray:
    validity, nulls = _validity(pa, values)
    if kind == pa.string():
        chunks = [pa.Array.from_buffers(kind, size, [part_validity, offsets, data], null_count=part_nulls)
                  for size, part_validity, part_nulls, offsets, data in _string_chunks(pa, values, validity, nulls)]
        return chunks[0] if len(chunks) == 1 else pa.chunked_array(chunks, type=kind)
    if kind == pa.list_(pa.string()):
        return _string_lists(pa, values, validity, nulls)
    if nulls:  # a placeholder under each null, which the bitmap hides
        placeholder = _EPOCH if kind == pa.date32() else 0
        values = [placeholder if value is None else value for value in values]
    if kind == pa.int64():
        data = np.array(values, dtype=np.int64)
    elif kind == pa.float64():
        data = np.array(values, dtype=np.float64)
    elif kind == pa.date32():
        data = np.fromiter(map(dt.date.toordinal, values), dtype=np.int32, count=len(values)) - np.int32(
            _EPOCH.toordinal())
    else:
        raise TypeError(f"no builder for Arrow type {kind}")
    return pa.Array.from_buffers(kind, len(values), [validity, pa.py_buffer(data)], null_count=nulls)


def _validity(pa: Any, values: Sequence[Any]) -> tuple[pyarrow.Buffer | None, int]:
    """The validity bitmap of ``values`` (None where no value is null) and the null count."""
    nulls = values.count(None)
    if not nulls:
        return None, 0
    present = np.fromiter(map(is_not, values, repeat(None)), dtype=bool, count=len(values))
    return pa.py_buffer(np.packbits(present, bitorder="little")), nulls


def _string_chunks(pa: Any, values: Sequence[str | None], validity: pyarrow.Buffer | None,
                   nulls: int) -> Iterator[tuple[int, pyarrow.Buffer | None, int, pyarrow.Buffer, pyarrow.Buffer]]:
    """``values`` as parts of at most :data:`MAX_CHUNK_BYTES` of UTF-8 each: the length, validity
    bitmap, null count, offsets and bytes of each part (one part but for columns of gigabytes)."""
    encoded = [b"" if value is None else value.encode() for value in values] if nulls else list(
        map(str.encode, values))  # type: ignore[arg-type]  # no None without nulls
    ends = np.cumsum(np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded)))
    if not len(ends) or ends[-1] <= MAX_CHUNK_BYTES:
        yield len(values), validity, nulls, _offsets(pa, ends), pa.py_buffer(b"".join(encoded))
        return
    present = None if validity is None else np.unpackbits(
        np.frombuffer(validity, dtype=np.uint8), count=len(values), bitorder="little").astype(bool)
    first = 0
    while first < len(values):
        base = int(ends[first - 1]) if first else 0
        last = min(max(int(np.searchsorted(ends, base + MAX_CHUNK_BYTES, side="right")), first + 1), len(values))
        part_nulls, part_validity = 0, None
        if present is not None and not present[first:last].all():
            part_nulls = last - first - int(np.count_nonzero(present[first:last]))
            part_validity = pa.py_buffer(np.packbits(present[first:last], bitorder="little"))
        yield last - first, part_validity, part_nulls, _offsets(pa, ends[first:last] - base), pa.py_buffer(
            b"".join(encoded[first:last]))
        first = last


def _offsets(pa: Any, ends: np.ndarray) -> pyarrow.Buffer:
    offsets = np.zeros(len(ends) + 1, dtype=np.int32)
    offsets[1:] = ends
    return pa.py_buffer(offsets)


def _string_lists(pa: Any, values: Sequence[list[str] | None], validity: pyarrow.Buffer | None,
                  nulls: int) -> pyarrow.Array:
    """``values`` (lists of str, or None) as a ``list<string>`` array."""
    flat = [string for strings in values if strings is not None for string in strings]
    (_, _, _, offsets, data), *more = _string_chunks(pa, flat, None, 0)
    if more:
        raise ValueError(f"a list<string> column holds more than {MAX_CHUNK_BYTES} bytes of strings")
    child = pa.Array.from_buffers(pa.string(), len(flat), [None, offsets, data])
    ends = np.cumsum(np.fromiter((0 if strings is None else len(strings) for strings in values), dtype=np.int64,
                                 count=len(values)))
    return pa.Array.from_buffers(pa.list_(pa.string()), len(values), [validity, _offsets(pa, ends)],
                                 null_count=nulls, children=[child])
