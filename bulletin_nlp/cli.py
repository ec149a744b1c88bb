"""The ``bulletin-nlp`` command: parse, evaluate, check-corpus, train, export-items."""

from __future__ import annotations

import argparse
import gc
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from bulletin_nlp.errors import BulletinError, WorkerError
from bulletin_nlp.io import DEFAULT_MAX_BYTES
from bulletin_nlp.outputs import FORMATS
from bulletin_nlp.runner import STDIN, RunOptions, iter_files, run_parse
from bulletin_nlp.version import __version__

log = logging.getLogger("bulletin_nlp")


EXAMPLES = """examples:
  bulletin-nlp parse bulletin.txt                              one bulletin as JSON
  bulletin-nlp parse bulletins/ --format jsonl -o out.jsonl    a folder, one line per file
  bulletin-nlp parse bulletins/ --format parquet -o tables/    tables for pandas, DuckDB, Spark
  bulletin-nlp parse bulletins/ --format csv -o tables/        one CSV per table (Excel-ready)
  bulletin-nlp parse bulletins/ --format jsonl -o out.jsonl --resume   add only new files
  cat bulletin.txt | bulletin-nlp parse -                      read standard input
  bulletin-nlp evaluate corpus/dev.jsonl --html report.html    accuracy against gold
"""


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status (0 ok, 1 some file failed or a user error, 2 usage error)."""
    parser = _parser()
    args = parser.parse_args(argv)
    _configure_logging(args.verbose - args.quiet)
    try:
        return int(args.run(args))
    except (ValueError, OSError, WorkerError) as exc:  # BulletinError is a ValueError: bad files, formats, paths
        log.debug("", exc_info=True)
        log.error("error: %s", _user_message(exc))
        return 1
    except KeyboardInterrupt:
        log.error("interrupted")
        return 130


def _user_message(exc: Exception) -> str:
    """One line for a user error: an OS error as ``path: reason`` (no errno), others as they are."""
    if isinstance(exc, OSError) and exc.strerror and exc.filename is not None:
        return f"{exc.filename}: {exc.strerror}"
    return str(exc)


def run() -> NoReturn:
    """The ``bulletin-nlp`` command (console script and ``python -m bulletin_nlp``): :func:`main`,
    then exit without Python's final collections walking what the run made and kept (the
    pipeline, the results; the import's objects are frozen already: :mod:`bulletin_nlp.startup`).
    Everything the command writes is closed and flushed by then, so no object left in a cycle
    holds anything to save."""
    status = main()
    gc.freeze()  # the process ends here: nothing needs collecting any more
    sys.exit(status)


def _configure_logging(verbosity: int) -> None:
    level = logging.DEBUG if verbosity > 0 else logging.INFO if verbosity == 0 else logging.WARNING
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    log.handlers[:] = [handler]
    log.setLevel(level)
    log.propagate = False


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bulletin-nlp", description=__doc__, epilog=EXAMPLES,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-v", "--verbose", action="count", default=0, help="more messages")
    common.add_argument("-q", "--quiet", action="count", default=0, help="only errors (no progress, no summary)")
    sub = parser.add_subparsers(required=True, metavar="COMMAND")

    p = sub.add_parser("parse", parents=[common], epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
                       help="parse bulletin files or folders into JSON, JSONL, CSV, Parquet or HTML")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (recursive); - reads standard input")
    p.add_argument("--format", choices=FORMATS, default="json",
                   help="csv/parquet with -o DIR write one file per table (bulletins, items, entities)")
    p.add_argument("-o", "--output", type=Path,
                   help="write here instead of stdout (a folder for table formats; - is stdout)")
    p.add_argument("--force", action="store_true", help="replace an existing output (else the run stops at once)")
    p.add_argument("--model", type=Path, help="pipeline or topic-model directory")
    p.add_argument("--jobs", type=_positive, default=1,
                   help="worker processes (default 1; at most the processors and the files)")
    p.add_argument("--max-bytes", type=_positive, default=DEFAULT_MAX_BYTES, metavar="N",
                   help=f"refuse files larger than this (default {DEFAULT_MAX_BYTES:,})")
    p.add_argument("--no-bom", dest="bom", action="store_false", help="CSV without the UTF-8 byte-order mark")
    p.add_argument("--resume", action="store_true", help="skip files already in the output and add the rest")
    p.add_argument("--errors", type=Path, metavar="FILE", help="write a CSV of the files that failed")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="dask: parse on a Dask cluster (needs --format parquet -o DIR)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler (tcp://HOST:PORT); default a LocalCluster")
    p.set_defaults(run=_run_parse)

    p = sub.add_parser("evaluate", parents=[common], help="score the pipeline against a labelled corpus",
                       epilog=_examples("evaluate corpus/test.jsonl",
                                        "evaluate corpus/ --output metrics.json --html report.html"),
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("corpus", type=Path, help="a labelled corpus: a JSONL file or a folder of them")
    p.add_argument("--model", type=Path, help="pipeline or topic-model directory (default: the shipped one)")
    p.add_argument("--output", type=Path, help="write the metrics as JSON")
    p.add_argument("--html", type=Path, help="write an HTML report of every error")
    p.set_defaults(run=_run_evaluate)

    p = sub.add_parser("check-corpus", parents=[common], help="validate a labelled corpus (schema and offsets)",
                       epilog=_examples("check-corpus my_labels.jsonl", "check-corpus corpus/"),
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("corpus", type=Path, help="a labelled corpus: a JSONL file or a folder of them")
    p.set_defaults(run=_run_check)

    p = sub.add_parser("train", parents=[common], help="train the item-topic classifier from a corpus or items CSV",
                       epilog=_examples("train corpus/ items_labelled.csv --out my_model",
                                        "parse bulletins/ --model my_model --format jsonl -o out.jsonl"),
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("data", nargs="+", type=Path,
                   help="corpus JSONL files/folders and items CSVs "
                        "(a CSV's labels replace corpus items of the same text)")
    p.add_argument("--out", type=Path,
                   help="model directory (default: a new topic-model-<date-time> folder here; never the shipped model)")
    p.add_argument("--held-out", nargs="+", type=Path, default=[], metavar="FILE",
                   help="labelled JSONL/CSV files to score the model on, before and after training")
    p.add_argument("--base-model", type=Path, help="the 'before' model for --held-out (default: the shipped one)")
    p.add_argument("--no-cv", action="store_true", help="skip cross-validation")
    p.add_argument("--no-taxonomy-prior", action="store_true", help="do not add the taxonomy as training text")
    p.set_defaults(run=_run_train)

    p = sub.add_parser("export-items", parents=[common],
                       help="write one CSV row per item, to label topics in a spreadsheet",
                       epilog=_examples("export-items bulletins/ -o items.csv",
                                        "train corpus/ items.csv --out my_model      (after editing the topic column)"),
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="bulletin files or folders (recursive)")
    p.add_argument("-o", "--output", type=Path, required=True, help="the CSV file to write")
    p.add_argument("--model", type=Path, help="pipeline or topic-model directory (default: the shipped one)")
    p.set_defaults(run=_run_export)
    return parser


def _examples(*commands: str) -> str:
    return "examples:\n" + "".join(f"  bulletin-nlp {command}\n" for command in commands)


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {number}")
    return number


def _run_parse(args: argparse.Namespace) -> int:
    output = None if args.output == Path(STDIN) else args.output
    options = RunOptions(paths=args.paths, fmt=args.format, output=output, model=args.model, jobs=args.jobs,
                         bom=args.bom, resume=args.resume, errors=args.errors, max_bytes=args.max_bytes,
                         force=args.force)
    if args.engine == "dask":
        from bulletin_nlp.dask import run_dask

        summary = run_dask(options, scheduler=args.scheduler)
    else:
        summary = run_parse(options, progress=not args.quiet)
    log.info("%s", summary.line())
    return 1 if summary.failures else 0


def _run_evaluate(args: argparse.Namespace) -> int:
    from bulletin_nlp.api import load
    from bulletin_nlp.corpus.evaluate import evaluate_records, format_table, write_html
    from bulletin_nlp.corpus.records import read_records

    records = read_records(args.corpus)
    nlp = load(args.model)
    metrics, predictions = evaluate_records(records, nlp)
    print(format_table(metrics))
    if args.output:
        args.output.write_text(json.dumps(metrics, ensure_ascii=False, indent=2), encoding="utf-8")
    if args.html:
        write_html(metrics, records, predictions, args.html)
    return 0


def _run_check(args: argparse.Namespace) -> int:
    from bulletin_nlp.corpus.records import count_and_check

    checked, problems = count_and_check(args.corpus)
    count = sum(len(messages) for messages in problems.values())
    for record_id, messages in problems.items():
        for message in messages:
            print(f"{record_id}: {message}")
    log.info("%s record(s) checked, %s with problems, %s problem(s)", checked, len(problems), count)
    return 1 if count else 0


def _run_train(args: argparse.Namespace) -> int:
    from bulletin_nlp.topics.report import format_summary
    from bulletin_nlp.topics.train import train_topics

    result = train_topics(args.data, out_dir=args.out, taxonomy_prior=not args.no_taxonomy_prior,
                          cv=not args.no_cv, held_out=args.held_out, baseline_model=args.base_model)
    log.info("%s", format_summary(result))  # the full metadata is in the model's meta.json
    return 0


def _run_export(args: argparse.Namespace) -> int:
    from bulletin_nlp.api import load, parse_file
    from bulletin_nlp.topics.items_csv import write_items_csv

    nlp = load(args.model)
    failed = 0
    rows = []
    for path in iter_files([str(path) for path in args.paths]):
        try:
            rows.append((path, parse_file(path, nlp=nlp)))
        except BulletinError as exc:
            log.error("error: %s", exc)
            failed += 1
    write_items_csv(rows, args.output)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
