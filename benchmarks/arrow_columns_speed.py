"""Rows → Arrow tables: ``bulletin_nlp.arrow_columns.ColumnRows`` against
``pyarrow.Table.from_pylist``, on the rows of the corpus bulletins.

    python benchmarks/arrow_columns_speed.py --files 400 --rounds 5

Parses ``--files`` bulletins of the repo, read round-robin
(``batch_throughput.parsed_bulletins``: the files ``compare_cli.py`` copies), then
times, taking turns, best of ``--rounds``, what the Parquet writer does with them, in row groups
of 256 bulletins: each bulletin's rows built (``table_rows``), then either gathered as dicts and
converted by ``from_pylist``, or gathered column by column and converted from buffers. pandas is
imported first, so that neither side pays for it here: what the buffers save is that import
(``python -c "import pyarrow; import pandas"``), what they cost is the per-row difference
printed here.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout's package and benchmarks

from benchmarks.batch_throughput import parsed_bulletins  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    import pandas  # noqa: F401  (imported before timing: see the docstring)
    import pyarrow

    from bulletin_nlp.arrow_columns import ColumnRows
    from bulletin_nlp.outputs import ROW_GROUP_BULLETINS
    from bulletin_nlp.tables import TABLE_NAMES, schemas, table_rows

    bulletins = parsed_bulletins(args.files)
    groups = [bulletins[first:first + ROW_GROUP_BULLETINS] for first in range(0, len(bulletins), ROW_GROUP_BULLETINS)]

    def from_pylist() -> int:
        count = 0
        for group in groups:
            rows: dict[str, list[dict[str, object]]] = {name: [] for name in TABLE_NAMES}
            for index, bulletin in enumerate(group):
                for name, table in table_rows(bulletin, f"#{index}").by_table().items():
                    rows[name].extend(table)
            count += sum(pyarrow.Table.from_pylist(rows[name], schema=schemas()[name]).num_rows for name in TABLE_NAMES)
        return count

    def column_rows() -> int:
        count = 0
        gathered = {name: ColumnRows(schemas()[name]) for name in TABLE_NAMES}
        for group in groups:
            for index, bulletin in enumerate(group):
                for name, table in table_rows(bulletin, f"#{index}").by_table().items():
                    gathered[name].extend(table)
            count += sum(gathered[name].table().num_rows for name in TABLE_NAMES)
            for rows in gathered.values():
                rows.clear()
        return count

    ways = {"rows + from_pylist": from_pylist, "rows + ColumnRows": column_rows}
    best = dict.fromkeys(ways, float("inf"))
    counts = set()
    for turn in range(args.rounds):
        for name in (list(ways) if turn % 2 == 0 else list(ways)[::-1]):
            started = time.perf_counter()
            counts.add(ways[name]())
            best[name] = min(best[name], time.perf_counter() - started)
    assert len(counts) == 1
    print(f"{args.files} bulletins, {counts.pop():,} rows in {len(groups)} row groups: "
          + "; ".join(f"{name} {seconds * 1000:.1f} ms" for name, seconds in best.items()))

if __name__ == "__main__":
    main()
