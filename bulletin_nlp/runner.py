"""A batch run of ``bulletin-nlp parse``: read files, parse, stream results out, count failures.

Reading (in the caller's thread), parsing (in ``jobs`` worker processes) and writing (as each
result arrives, in input order) overlap. A file that cannot be read is reported and counted,
never fatal; the run ends with a summary line.
"""

from __future__ import annotations

import csv
import json
import logging
import os
import sys
import tempfile
import time
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TypeVar

from bulletin_nlp.errors import BulletinError
from bulletin_nlp.io import DEFAULT_MAX_BYTES, check_size
from bulletin_nlp.outputs import open_writer
from bulletin_nlp.readers import DOCUMENT_SUFFIXES, Document, extract, read_document
from bulletin_nlp.tables import TABLE_NAMES

__all__ = ["STDIN", "RunOptions", "RunSummary", "done_paths", "iter_files", "run_parse"]

log = logging.getLogger("bulletin_nlp")

STDIN = "-"


@dataclass(frozen=True)
class RunOptions:
    """What ``bulletin-nlp parse`` was asked to do."""

    paths: Sequence[str]
    fmt: str = "json"
    output: Path | None = None
    model: Path | None = None
    jobs: int = 1
    bom: bool = True
    resume: bool = False
    errors: Path | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    force: bool = False


@dataclass
class RunSummary:
    """Counts of one run; ``failures`` holds ``(path, message)`` pairs."""

    files: int = 0
    parsed: int = 0
    skipped: int = 0
    bytes_read: int = 0
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)

    def line(self) -> str:
        """``1,610 files: 1,606 parsed, 4 failed, 3.1 MB/s`` (MB of input files per second)."""
        rate = self.bytes_read / 1e6 / self.seconds if self.seconds > 0 else 0.0
        skipped = f", {self.skipped:,} skipped (already in the output)" if self.skipped else ""
        return (f"{self.files:,} files: {self.parsed:,} parsed, {len(self.failures):,} failed{skipped}, "
                f"{rate:.2f} MB/s")


def iter_files(paths: Sequence[str]) -> Iterator[str]:
    """The files named, and the bulletin files inside the folders named (sorted, recursive).

    Inside a folder, every entry with a bulletin suffix that is not a folder is listed, so that
    a broken or looping link, a FIFO or a device gets its error line when it is read rather
    than being skipped in silence (links to folders are not followed)."""
    for name in paths:
        path = Path(name)
        if name != STDIN and path.is_dir():
            found = (p for p in path.rglob("*") if p.suffix.lower() in DOCUMENT_SUFFIXES and not p.is_dir())
            yield from sorted(str(p) for p in found)
        else:
            yield name


def check_output(options: RunOptions) -> None:
    """Fail before any parsing when the output cannot be written (missing folder, a file
    where a folder is needed, nothing to resume into)."""
    output = options.output
    table_folder = output is not None and _is_table_folder(options.fmt, output)
    if options.fmt == "parquet" and output is None:
        raise BulletinError("--format parquet writes a folder of tables: give -o DIR")
    if output is None:
        if options.resume:
            raise BulletinError("--resume needs -o (the output to add to)")
        return
    replaced: list[Path] = []
    if table_folder:
        if output.exists() and not output.is_dir():
            raise BulletinError(f"{output}: not a folder (--format {options.fmt} -o writes one file per table)")
        parent = output.parent
        if options.fmt == "csv":
            replaced = [output / f"{name}.csv" for name in TABLE_NAMES if (output / f"{name}.csv").exists()]
    else:
        if output.is_dir():
            raise BulletinError(f"{output}: is a folder; give a file name for --format {options.fmt}")
        parent = output.parent
        if options.resume and options.fmt not in ("jsonl", *_CSV_FORMATS):
            raise BulletinError(f"--resume works with jsonl, csv, facts-csv and parquet output, not {options.fmt}")
        replaced = [output] if output.exists() or output.is_symlink() else []
    if replaced and not (options.force or options.resume):
        raise BulletinError(f"{replaced[0]}: exists; --force replaces it, --resume adds to it")
    if not parent.is_dir():
        raise BulletinError(f"{parent}: no such folder for the output")
    if not os.access(parent, os.W_OK):
        raise BulletinError(f"{parent}: not writable")


_CSV_FORMATS = ("csv", "facts-csv")  # one CSV file: the items or the facts table


def _is_table_folder(fmt: str, output: Path) -> bool:
    """csv to a folder (an existing one, or a name without a suffix) writes one CSV per table."""
    return fmt == "parquet" or (fmt == "csv" and (output.is_dir() or not output.suffix))


def done_paths(options: RunOptions) -> set[str]:
    """Paths already in the output, for ``--resume``."""
    output = options.output
    if output is None or not output.exists():
        return set()
    if options.fmt == "jsonl":
        with output.open(encoding="utf-8") as stream:
            return {json.loads(line)["path"] for line in stream if line.strip()}
    if options.fmt == "parquet":
        import pyarrow.parquet

        parts = sorted((output / "bulletins").glob("part-*.parquet"))
        return {path for part in parts
                for path in pyarrow.parquet.read_table(part, columns=["path"])["path"].to_pylist() if path is not None}
    csv_path = output / "bulletins.csv" if output.is_dir() else output
    column = "path" if output.is_dir() else "bulletin"
    if not csv_path.exists():
        return set()
    with csv_path.open(encoding="utf-8-sig", newline="") as stream:
        return {row[column] for row in csv.DictReader(stream)}


def run_parse(options: RunOptions, progress: bool = True) -> RunSummary:
    """Parse every file of ``options.paths`` and write the results; see the module docstring."""
    from bulletin_nlp.api import load, parse_many

    check_output(options)
    summary = RunSummary()
    skip = done_paths(options) if options.resume else set()
    files = list(iter_files(options.paths))
    summary.files = len(files)
    todo = [path for path in files if path not in skip]
    summary.skipped = len(files) - len(todo)
    single = len(options.paths) == 1 and len(files) == 1 and not Path(options.paths[0]).is_dir()
    started = time.perf_counter()
    order: deque[tuple[str, str]] = deque()  # (path, text) read and not yet written
    jobs = max(1, min(options.jobs, os.cpu_count() or 1, len(todo)))  # no idle workers forked
    if jobs < options.jobs:
        log.debug("--jobs %d lowered to %d (processors and files)", options.jobs, jobs)
    nlp = load(options.model) if options.model or jobs <= 1 else None
    with _OutputTarget(options) as (stream, folder):
        writer = open_writer(options.fmt, stream, folder, single=single, bom=options.bom,
                             append=options.resume)
        try:
            results = parse_many(_read_all(todo, order, summary, options.max_bytes), nlp=nlp, n_process=jobs)
            for bulletin in _progress(results, len(todo), progress):
                path, text = order.popleft()
                writer.write(_shown(path), text, bulletin)
                summary.parsed += 1
        finally:
            writer.close()
    summary.seconds = time.perf_counter() - started
    if options.errors is not None:
        _write_errors(options.errors, summary.failures)
    return summary


def _read_all(paths: list[str], order: deque[tuple[str, str]], summary: RunSummary,
              max_bytes: int) -> Iterator[Document]:
    for path in paths:
        try:
            data = check_size(sys.stdin.buffer.read(max_bytes + 1), max_bytes, "<stdin>") if path == STDIN else None
            document = extract(data, "<stdin>") if data is not None else read_document(Path(path), max_bytes)
        except BulletinError as exc:
            log.error("error: %s", exc)
            summary.failures.append((_shown(path), str(exc)))
            continue
        summary.bytes_read += len(data) if data is not None else Path(path).stat().st_size
        order.append((path, document.text))
        yield document


def _shown(path: str) -> str:
    """The path as written into outputs: bytes of a file name that are not UTF-8 (kept by
    Python as lone surrogates, which no UTF-8 output can hold) become U+FFFD."""
    if path == STDIN:
        return "<stdin>"
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


class _OutputTarget:
    """The output stream or folder; a file is written beside its target and renamed into place
    when the run ends (an interrupted run leaves any previous output as it was). ``--resume``
    appends in place."""

    def __init__(self, options: RunOptions) -> None:
        self.options = options
        self.temp: Path | None = None  # written to, then renamed to ``target``
        self.target: Path | None = None
        self.stream: IO[str] | None = None

    def __enter__(self) -> tuple[IO[str] | None, Path | None]:
        output, fmt = self.options.output, self.options.fmt
        if output is None:
            return sys.stdout, None
        if _is_table_folder(fmt, output):
            output.mkdir(exist_ok=True)
            return None, output
        encoding = "utf-8-sig" if fmt in _CSV_FORMATS and self.options.bom else "utf-8"
        if self.options.resume and output.exists():
            self.stream = output.open("a", encoding="utf-8", newline="" if fmt in _CSV_FORMATS else None)
            return self.stream, None
        handle, name = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".part", dir=output.parent)
        self.temp, self.target = Path(name), output
        self.stream = open(handle, "w", encoding=encoding, newline="" if fmt in _CSV_FORMATS else None)
        return self.stream, None

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if self.stream is not None:
            self.stream.close()
        if self.temp is not None and self.target is not None:
            if error is None:
                os.replace(self.temp, self.target)
            else:
                self.temp.unlink(missing_ok=True)


_Result = TypeVar("_Result")


def _progress(results: Iterator[_Result], count: int, shown: bool) -> Iterator[_Result]:
    if not shown or count < 10 or not sys.stderr.isatty():
        return results
    from tqdm import tqdm

    return iter(tqdm(results, total=count, unit="file", file=sys.stderr))


def _write_errors(path: Path, failures: list[tuple[str, str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(("path", "error"))
        writer.writerows(failures)
