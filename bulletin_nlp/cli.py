"""The ``bulletin-nlp`` command: parse, evaluate, check-corpus, train, export-items."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from bulletin_nlp.errors import BulletinError
from bulletin_nlp.io import SUFFIXES, read_text

PROGRESS_MIN_FILES = 10


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status (0 ok, 1 some file failed, 2 usage error)."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except BulletinError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bulletin-nlp", description=__doc__)
    sub = parser.add_subparsers(required=True, metavar="COMMAND")

    p = sub.add_parser("parse", help="parse bulletin files or folders into JSON, JSONL, CSV or HTML")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders (recursive)")
    p.add_argument("--format", choices=("json", "jsonl", "csv", "html"), default="json")
    p.add_argument("-o", "--output", type=Path, help="write here instead of stdout")
    p.add_argument("--model", type=Path, help="pipeline or topic-model directory")
    p.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(run=_run_parse)

    p = sub.add_parser("evaluate", help="score the pipeline against a labelled corpus")
    p.add_argument("corpus", type=Path)
    p.add_argument("--model", type=Path)
    p.add_argument("--output", type=Path, help="write the metrics as JSON")
    p.add_argument("--html", type=Path, help="write an HTML report of every error")
    p.set_defaults(run=_run_evaluate)

    p = sub.add_parser("check-corpus", help="validate a labelled corpus (schema and offsets)")
    p.add_argument("corpus", type=Path)
    p.set_defaults(run=_run_check)

    p = sub.add_parser("train", help="train the item-topic classifier from a corpus or items CSV")
    p.add_argument("data", nargs="+", type=Path, help="corpus JSONL files/folders or an items CSV")
    p.add_argument("--out", type=Path, help="model directory (default: a new folder under models/)")
    p.add_argument("--no-taxonomy-prior", action="store_true", help="do not add the taxonomy as training text")
    p.set_defaults(run=_run_train)

    p = sub.add_parser("export-items", help="write one CSV row per item, to label topics in a spreadsheet")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.add_argument("-o", "--output", type=Path, required=True)
    p.add_argument("--model", type=Path)
    p.set_defaults(run=_run_export)
    return parser


def iter_files(paths: Sequence[Path]) -> Iterator[Path]:
    """The files named, and the .txt/.md files inside the folders named (sorted, recursive)."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        else:
            yield path


def _run_parse(args: argparse.Namespace) -> int:
    from bulletin_nlp.api import load, parse_many

    files = list(iter_files(args.paths))
    nlp = load(args.model) if args.model or args.jobs <= 1 else None
    texts: dict[Path, str] = {}
    failed = 0
    for path in files:
        try:
            texts[path] = read_text(path)
        except BulletinError as exc:
            print(f"error: {exc}", file=sys.stderr)
            failed += 1
    paths = list(texts)
    results = parse_many((texts[p] for p in paths), nlp=nlp, n_process=args.jobs)
    results = _progress(results, len(paths), sum(map(len, texts.values())), args.quiet)
    records = [(path, bulletin) for path, bulletin in zip(paths, results)]
    out = io.StringIO()
    _write(out, args.format, records, texts, len(files) == 1 and not args.paths[0].is_dir())
    if args.output:
        args.output.write_text(out.getvalue(), encoding="utf-8")
    else:
        sys.stdout.write(out.getvalue())
    return 1 if failed else 0


def _progress(results: Iterator[Any], count: int, chars: int, quiet: bool) -> Iterator[Any]:
    if quiet or count < PROGRESS_MIN_FILES:
        return results
    from tqdm import tqdm

    return iter(tqdm(results, total=count, unit="file", file=sys.stderr, desc=f"parsing {chars:,} chars"))


def _write(out: io.StringIO, fmt: str, records: list[tuple[Path, Any]], texts: dict[Path, str], single: bool) -> None:
    if fmt == "json":
        if single and records:
            out.write(records[0][1].to_json(indent=2) + "\n")
        else:
            json.dump([{"path": str(p), **b.to_dict()} for p, b in records], out, ensure_ascii=False, indent=2)
            out.write("\n")
    elif fmt == "jsonl":
        for path, bulletin in records:
            out.write(json.dumps({"path": str(path), **bulletin.to_dict()}, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        _write_item_rows(out, records)
    else:
        from bulletin_nlp.render import render_html

        out.write(render_html([(str(p), texts[p], b) for p, b in records]))


ITEM_COLUMNS = ("path", "title", "issue", "date", "section", "item", "headline", "body", "sources",
                "topic", "topic_score", "start", "end")


def _write_item_rows(out: io.StringIO, records: list[tuple[Path, Any]]) -> None:
    writer = csv.writer(out)
    writer.writerow(ITEM_COLUMNS)
    for path, bulletin in records:
        number = 0
        for section in bulletin.sections:
            for item in section.items:
                number += 1
                score = item.topic_scores.get(item.topic, "") if item.topic else ""
                writer.writerow([path, bulletin.title, bulletin.issue, bulletin.date, section.title or "", number,
                                 item.headline, item.body, " ".join(item.sources), item.topic or "", score,
                                 item.start, item.end])


def _run_evaluate(args: argparse.Namespace) -> int:
    from bulletin_nlp.api import load
    from bulletin_nlp.corpus.records import read_records
    from bulletin_nlp.corpus.evaluate import evaluate_records, format_table, write_html

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
    from bulletin_nlp.corpus.records import check_corpus

    problems = check_corpus(args.corpus)
    count = sum(len(p) for p in problems.values())
    for record_id, messages in problems.items():
        for message in messages:
            print(f"{record_id}: {message}")
    print(f"{len(problems)} record(s) checked, {count} problem(s)", file=sys.stderr)
    return 1 if count else 0


def _run_train(args: argparse.Namespace) -> int:
    from bulletin_nlp.topics.train import train_topics

    result = train_topics(args.data, out_dir=args.out, taxonomy_prior=not args.no_taxonomy_prior)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


def _run_export(args: argparse.Namespace) -> int:
    from bulletin_nlp.api import load, parse
    from bulletin_nlp.topics.items_csv import write_items_csv

    nlp = load(args.model)
    failed = 0
    rows = []
    for path in iter_files(args.paths):
        try:
            rows.append((str(path), parse(read_text(path), nlp=nlp)))
        except BulletinError as exc:
            print(f"error: {exc}", file=sys.stderr)
            failed += 1
    write_items_csv(rows, args.output)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
