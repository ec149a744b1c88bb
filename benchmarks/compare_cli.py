"""Wall time of the command line over one folder in two checkouts, measured side by side (A/B).

    python benchmarks/compare_cli.py BEFORE_DIR AFTER_DIR --rounds 4
    python benchmarks/compare_cli.py BEFORE_DIR AFTER_DIR --rounds 4 --files 400 --jobs 2
    python benchmarks/compare_cli.py BEFORE_DIR AFTER_DIR --rounds 4 --files 400 --format json
    python benchmarks/compare_cli.py BEFORE_DIR AFTER_DIR --rounds 4 --files 200 --documents pdf

Each round runs ``python -m bulletin_nlp parse FOLDER --format parquet -o OUT --jobs N`` (or the
``--format`` given) once in each checkout (fresh processes, taking turns) over the same
``--files`` bulletins of the repo, copied round-robin (``batch_throughput.make_folder``), or with
``--documents`` the corpus bulletins written as PDF or Word files (``scripts/make_documents.py``)
and copied round-robin: what a user waits for, start-up, reading and writing included. Best of
``--rounds`` per checkout, with the CPU time of that run (the process and its workers). Byte code
is compiled first in both checkouts and ``PYTHONDONTWRITEBYTECODE`` is left out of the children's
environment (``side_by_side.run_fresh``, as for ``compare_cold_start.py``). The tables the two
checkouts wrote are then compared (pyarrow; another format's file byte for byte), so that a change
of speed that changed the output says so.
Both checkouts need their compiled extensions built (or neither).
"""

from __future__ import annotations

import resource
import shutil
import sys
import tempfile
from pathlib import Path

from side_by_side import checkouts, checkouts_parser, compile_byte_code, run_fresh, taking_turns

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's benchmarks package

from benchmarks.batch_throughput import make_folder


def run(checkout: Path, folder: Path, output: Path, jobs: int, fmt: str = "parquet") -> tuple[float, float]:
    """Wall seconds of one command-line run in ``checkout`` (its package first on the path), and
    the CPU seconds of its process and its workers."""
    shutil.rmtree(output, ignore_errors=True)
    output.unlink(missing_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = run_fresh(checkout, ["-m", "bulletin_nlp", "parse", str(folder), "--format", fmt, "-o", str(output),
                                "--jobs", str(jobs), "-q"])[0]
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def document_folder(folder: Path, count: int, fmt: str) -> int:
    """``count`` files in ``folder``: the corpus bulletins of the readers' tests written as ``fmt``
    documents, copied round-robin; their total size in bytes."""
    from tests.readers.documents import RECORDS, write_document

    made = folder.parent / f"made_{fmt}"
    made.mkdir()
    sources = [write_document(record, fmt, made) for record in RECORDS]
    total = 0
    for index in range(count):
        source = sources[index % len(sources)]
        target = folder / f"{index:05d}_{source.name}"
        shutil.copy(source, target)
        total += target.stat().st_size
    return total


def same_tables(first: Path, second: Path) -> list[str]:
    """The tables (folders of Parquet files) that differ between two outputs; a file output
    (``--format`` other than parquet) is compared byte for byte."""
    if first.is_file():
        return [] if first.read_bytes() == second.read_bytes() else [first.name]
    import pyarrow.parquet as pq

    return [table.name for table in sorted(first.iterdir())
            if not pq.read_table(table).equals(pq.read_table(second / table.name))]


def main() -> None:
    parser = checkouts_parser(__doc__.split("\n\n")[0], "rounds", 4)
    parser.add_argument("--files", type=int, default=400)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--format", default="parquet", help="the command's --format (parquet, json, jsonl, csv …)")
    parser.add_argument("--documents", choices=("pdf", "docx"), help="the bulletins as documents of this format")
    args = parser.parse_args()
    sides = checkouts(args)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "bulletins"
        folder.mkdir()
        size = (document_folder(folder, args.files, args.documents) if args.documents
                else make_folder(folder, args.files))
        outputs = {name: Path(scratch) / f"out_{name}" for name in sides}
        for name, checkout in sides.items():
            compile_byte_code(checkout)
            run(checkout, folder, outputs[name], args.jobs, args.format)  # warm the page cache
        best = {name: (float("inf"), 0.0) for name in sides}  # the fastest run: wall and CPU seconds
        for turn in range(args.rounds):
            for name, checkout in taking_turns(sides, turn):
                best[name] = min(best[name], run(checkout, folder, outputs[name], args.jobs, args.format))
        differing = same_tables(*outputs.values())
    print(f"{args.files} {args.documents or 'text'} files, {size / 1e6:.2f} MB, --format {args.format} "
          f"--jobs {args.jobs}: "
          + "; ".join(f"{name} {wall:.2f} s ({args.files / wall:.0f} files/s, CPU {cpu:.2f} s)"
                      for name, (wall, cpu) in best.items()))
    print("outputs: " + (f"differ: {', '.join(differing)}" if differing else "the same"))


if __name__ == "__main__":
    main()
