"""Parsing past one machine with Dask: files read and parsed on the workers, tables written there.

    from bulletin_nlp.dask import parse_files
    tables = parse_files(paths)                  # dict of dask DataFrames: bulletins, items, entities, facts
    tables["items"].groupby("topic").size().compute()

    bulletin-nlp parse bulletins/ --engine dask --format parquet -o tables/ [--scheduler tcp://HOST:PORT]

Each worker process loads the pipeline once (``model``, a saved pipeline or topic-model folder
that the workers can read at the same path, else the default one), reads its files itself
(refusing those over ``max_bytes``) and parses them; :func:`write_parquet` has the workers write partitioned Parquet
(``DIR/<table>/part-<n>.parquet``), so results are never gathered on the client. Without a
scheduler address, a ``distributed.LocalCluster`` with one single-threaded worker process per
core is started. Needs the ``dask`` extra (``pip install "bulletin-nlp[dask]"``).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bulletin_nlp.arrow_columns import ColumnRows
from bulletin_nlp.errors import BulletinError, MissingExtraError
from bulletin_nlp.io import DEFAULT_MAX_BYTES
from bulletin_nlp.tables import pandas_frame, schemas, table_rows

if TYPE_CHECKING:
    import pandas
    import pyarrow
    from spacy.language import Language

    from bulletin_nlp.runner import RunOptions, RunSummary

__all__ = ["parse_files", "run_dask", "write_parquet"]

FILES_PER_PARTITION = 64
ERRORS_TABLE = "errors"
_pipelines: dict[str | None, Language] = {}  # this worker's pipeline of each model folder
_pipelines_lock = threading.Lock()


def _imports() -> tuple[Any, Any]:
    try:
        import dask
        import dask.dataframe
    except ImportError:
        raise MissingExtraError("dask", "dask[dataframe]") from None
    return dask, dask.dataframe


def _pipeline(model: str | None) -> Language:
    """The pipeline of ``model`` (None: the default one), loaded once per process."""
    from bulletin_nlp.api import default_nlp, load

    with _pipelines_lock:
        if model not in _pipelines:
            _pipelines[model] = load(model) if model is not None else default_nlp()
        return _pipelines[model]


def parse_partition(paths: Sequence[str], model: str | None = None,
                    max_bytes: int = DEFAULT_MAX_BYTES) -> dict[str, pyarrow.Table]:
    """Read and parse ``paths`` in this process with the pipeline of ``model`` (None: the
    default one): every table, plus ``errors`` (unreadable files, and those over ``max_bytes``)."""
    from bulletin_nlp.api import parse_batch
    from bulletin_nlp.readers import Document, read_document

    texts: list[Document] = []
    names, errors = [], []
    for path in paths:
        try:
            texts.append(read_document(Path(path), max_bytes))
            names.append(path)
        except BulletinError as exc:
            errors.append({"path": path, "error": str(exc)})
    tables = {name: ColumnRows(schema) for name, schema in _schemas().items()}
    for path, bulletin in zip(names, parse_batch(texts, nlp=_pipeline(model)), strict=True):
        for name, rows in table_rows(bulletin, path, path).by_table().items():
            tables[name].extend(rows)
    tables[ERRORS_TABLE].extend(errors)
    return {name: rows.table() for name, rows in tables.items()}


def _schemas() -> dict[str, pyarrow.Schema]:
    import pyarrow

    errors = pyarrow.schema([("path", pyarrow.string()), ("error", pyarrow.string())])
    return {**schemas(), ERRORS_TABLE: errors}


def _partition_frames(paths: Sequence[str], model: str | None, max_bytes: int) -> dict[str, pandas.DataFrame]:
    return {name: pandas_frame(table) for name, table in parse_partition(paths, model, max_bytes).items()}


def _write_partition(index: int, paths: Sequence[str], folder: str, model: str | None,
                     max_bytes: int) -> dict[str, int]:
    """Parse one partition and write ``folder/<table>/part-<index>.parquet``; the row counts."""
    import pyarrow.parquet

    counts = {}
    for name, table in parse_partition(paths, model, max_bytes).items():
        pyarrow.parquet.write_table(table, Path(folder) / name / f"part-{index:05d}.parquet")
        counts[name] = table.num_rows
    return counts


def _chunks(paths: Sequence[str | Path], size: int) -> list[list[str]]:
    names = [str(path) for path in paths]
    return [names[index:index + size] for index in range(0, len(names), size)]


def _model_name(model: str | Path | None) -> str | None:
    """The model folder as the workers are sent it: an absolute path (their working folder may differ)."""
    return str(Path(model).resolve()) if model is not None else None


def parse_files(paths: Sequence[str | Path], files_per_partition: int = FILES_PER_PARTITION, *,
                model: str | Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> dict[str, Any]:
    """Lazy Dask DataFrames ``bulletins``, ``items``, ``entities``, ``facts`` (and ``errors``: files that
    could not be read or are over ``max_bytes``) for ``paths``, one partition per
    ``files_per_partition`` files, parsed with the pipeline of ``model`` (see :func:`~bulletin_nlp.load`).

    Nothing runs until the frames are computed; the tables of a partition come from one task,
    so computing several of them together (``dask.compute``) parses each file once.
    """
    dask, dataframe = _imports()
    parts = [dask.delayed(_partition_frames, pure=True)(chunk, _model_name(model), max_bytes)
             for chunk in _chunks(paths, files_per_partition)]
    meta = {name: pandas_frame(schema.empty_table()) for name, schema in _schemas().items()}
    return {name: dataframe.from_delayed([part[name] for part in parts], meta=meta[name], verify_meta=False)
            for name in meta}


def write_parquet(paths: Sequence[str | Path], folder: str | Path,
                  files_per_partition: int = FILES_PER_PARTITION, *,
                  model: str | Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> dict[str, int]:
    """Parse ``paths`` on the current Dask scheduler with the pipeline of ``model``; the workers
    write ``folder/<table>/part-<n>.parquet`` (the layout of ``bulletin-nlp parse --format
    parquet``), files over ``max_bytes`` going to ``errors``. Returns the row count of each table."""
    dask, _ = _imports()
    for name in _schemas():
        (Path(folder) / name).mkdir(parents=True, exist_ok=True)
    tasks = [dask.delayed(_write_partition, pure=False)(index, chunk, str(folder), _model_name(model), max_bytes)
             for index, chunk in enumerate(_chunks(paths, files_per_partition))]
    totals = dict.fromkeys(_schemas(), 0)
    for counts in dask.compute(*tasks):
        for name, count in counts.items():
            totals[name] += count
    return totals


def run_dask(options: RunOptions, scheduler: str | None = None) -> RunSummary:
    """``bulletin-nlp parse --engine dask``: Parquet tables written by the workers."""
    from bulletin_nlp.runner import RunSummary, iter_files

    if options.fmt != "parquet" or options.output is None:
        raise BulletinError("--engine dask writes Parquet tables: use --format parquet -o DIR")
    if options.resume or options.errors is not None:
        raise BulletinError("--resume and --errors work with --engine local only")
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise MissingExtraError("dask", "distributed") from None
    paths = list(iter_files(options.paths))
    started = time.perf_counter()
    if scheduler:
        with Client(scheduler):
            counts = write_parquet(paths, options.output, model=options.model, max_bytes=options.max_bytes)
    else:
        workers = max(1, options.jobs)
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                          dashboard_address=":0") as cluster, Client(cluster):
            counts = write_parquet(paths, options.output, model=options.model, max_bytes=options.max_bytes)
    summary = RunSummary(files=len(paths), parsed=counts["bulletins"], seconds=time.perf_counter() - started,
                         bytes_read=sum(Path(path).stat().st_size for path in paths if Path(path).is_file()))
    summary.failures = [(path, "unreadable (see the errors table)") for path in _error_paths(options.output)]
    return summary


def _error_paths(folder: Path) -> list[str]:
    import pyarrow.parquet

    parts = sorted((folder / ERRORS_TABLE).glob("part-*.parquet"))
    return [path for part in parts for path in pyarrow.parquet.read_table(part)["path"].to_pylist()]
