"""Throughput of batch runs: the CLI with 1 and 2 processes, and the Dask engine with 1 and 2 workers.

    python benchmarks/batch_throughput.py --files 400            # prints a table, writes JSON

Every run parses the same folder of ``--files`` bulletins (the repo's bulletin texts, copied
round-robin) to Parquet tables, in a fresh process (what a user waits for, start-up included),
best of ``--repeats``. Short texts: ``parse()`` called once per item of the corpus bulletins
(each item alone, ~200 characters) against one ``parse_many`` over the same items, to show the
fixed cost of a call (CPU time, segmenter cache off; ``--short-only`` runs only that, and
``--stages`` adds the cost of each stage on the items and on the whole bulletins).
``--min-chars 200 --max-chars 800`` keeps only the items of that length (the short texts as
issue 17 defines them; all items by default, 164 characters on average).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # benchmarks.run, and this checkout's package


def bulletin_files(count: int) -> list[Path]:
    """``count`` of the repo's bulletin files (the samples, then the corpus texts), round-robin."""
    sources = sorted((ROOT / "corpus" / "samples").glob("*.txt")) + sorted((ROOT / "corpus").glob("*_texts/*.txt"))
    return [sources[index % len(sources)] for index in range(count)]


def parsed_bulletins(count: int) -> list:
    """The Bulletins of :func:`bulletin_files` (``parse_many``, the default pipeline)."""
    import bulletin_nlp

    return list(bulletin_nlp.parse_many(path.read_text("utf-8") for path in bulletin_files(count)))


def make_folder(folder: Path, count: int) -> int:
    """Copy ``count`` bulletin files (:func:`bulletin_files`) into ``folder``; their total size in bytes."""
    total = 0
    for index, source in enumerate(bulletin_files(count)):
        target = folder / f"{index:05d}_{source.name}"
        shutil.copy(source, target)
        total += target.stat().st_size
    return total


def timed_run(args: list[str], output: Path, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        shutil.rmtree(output, ignore_errors=True)
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "bulletin_nlp", "parse", *args, "--format", "parquet", "-o", str(output),
                        "-q"], check=True)
        best = min(best, time.perf_counter() - started)
    return best


def corpus_items(min_chars: int = 0, max_chars: int | None = None) -> tuple[list[str], list[str]]:
    """Every item of the corpus bulletins (dev, test, holdout) alone, of ``min_chars`` to
    ``max_chars`` characters, and the whole bulletins."""
    records = [json.loads(line) for name in ("dev", "test", "holdout")
               for line in (ROOT / "corpus" / f"{name}.jsonl").read_text("utf-8").splitlines()]
    items = [record["text"][item["start"]:item["end"]] for record in records
             for section in record["gold"]["sections"] for item in section["items"]]
    items = [item for item in items if min_chars <= len(item) <= (max_chars or len(item))]
    return items, [record["text"] for record in records]


def short_texts(repeats: int = 3, min_chars: int = 0, max_chars: int | None = None) -> dict[str, float]:
    """CPU time of ``parse()`` once per item of the corpus bulletins (each item alone) against
    ``parse()`` once per whole bulletin and one ``parse_many`` over the items; segmenter cache
    off (texts that repeat would be served from it), best of ``repeats`` passes each."""
    import bulletin_nlp

    texts, long_text = corpus_items(min_chars, max_chars)
    nlp = bulletin_nlp.load()
    nlp.tokenizer._segmenter.cache_size = 0
    bulletin_nlp.parse(texts[0], nlp=nlp)

    def best(run) -> float:
        seconds = []
        for _ in range(repeats):
            started = time.process_time()
            run()
            seconds.append(time.process_time() - started)
        return min(seconds)

    one_by_one = best(lambda: [bulletin_nlp.parse(text, nlp=nlp) for text in texts])
    batched = best(lambda: list(bulletin_nlp.parse_many(texts, nlp=nlp)))
    long_seconds = best(lambda: [bulletin_nlp.parse(text, nlp=nlp) for text in long_text])
    chars, long_chars = sum(map(len, texts)), sum(map(len, long_text))
    return {"items": len(texts), "mean_chars": chars / len(texts),
            "parse_ms_per_call": one_by_one / len(texts) * 1000,
            "short_chars_per_s_parse": chars / one_by_one, "short_chars_per_s_parse_many": chars / batched,
            "long_chars_per_s": long_chars / long_seconds,
            "short_to_long": chars / one_by_one / (long_chars / long_seconds)}


def stage_table(repeats: int, min_chars: int = 0, max_chars: int | None = None) -> str:
    """Each stage of ``parse()`` (``benchmarks.run.stage_costs``, best of ``repeats``): µs per
    call on the corpus items alone, µs per character on the whole bulletins."""
    import bulletin_nlp
    from benchmarks.run import stage_costs

    items, bulletins = corpus_items(min_chars, max_chars)
    nlp = bulletin_nlp.load()
    bulletin_nlp.parse(items[0], nlp=nlp)
    rows = []
    for texts, per_call in ((items, True), (bulletins, False)):
        best = min((stage_costs(nlp, texts) for _ in range(repeats)), key=lambda costs: sum(costs.values()))
        scale = sum(map(len, texts)) / len(texts) if per_call else 1.0
        rows.append({name: cost * scale for name, cost in best.items()})
    lines = [f"{'stage':<26} {'items: us/call':>15} {'bulletins: us/char':>19}"]
    lines += [f"{name:<26} {rows[0][name]:15.0f} {rows[1][name]:19.2f}" for name in rows[0]]
    lines.append(f"{'total':<26} {sum(rows[0].values()):15.0f} {sum(rows[1].values()):19.2f}")
    return "\n".join(lines)


def short_line(short: dict[str, float]) -> str:
    return (f"short texts (CPU time, segmenter cache off): {short['items']} items of {short['mean_chars']:.0f} chars; "
            f"parse() {short['parse_ms_per_call']:.2f} ms/call = {short['short_chars_per_s_parse']:,.0f} chars/s; "
            f"parse_many {short['short_chars_per_s_parse_many']:,.0f} chars/s; "
            f"whole bulletins, parse() each {short['long_chars_per_s']:,.0f} chars/s; "
            f"short/long {short['short_to_long']:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=400)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "batch_results.json")
    parser.add_argument("--short-only", action="store_true", help="only the short-text measurement (no JSON)")
    parser.add_argument("--stages", action="store_true", help="with --short-only: also the cost of each stage")
    parser.add_argument("--min-chars", type=int, default=0, help="with --short-only: items at least this long")
    parser.add_argument("--max-chars", type=int, default=None, help="with --short-only: items at most this long")
    args = parser.parse_args()
    if args.short_only:
        print(short_line(short_texts(args.repeats, args.min_chars, args.max_chars)))
        if args.stages:
            print(stage_table(args.repeats, args.min_chars, args.max_chars))
        return
    with tempfile.TemporaryDirectory() as temp:
        folder, output = Path(temp) / "in", Path(temp) / "out"
        folder.mkdir()
        size = make_folder(folder, args.files)
        runs = {
            "cli --jobs 1": ["--jobs", "1"],
            "cli --jobs 2": ["--jobs", "2"],
            "dask, 1 worker": ["--engine", "dask", "--jobs", "1"],
            "dask, 2 workers": ["--engine", "dask", "--jobs", "2"],
        }
        results = {}
        for name, extra in runs.items():
            seconds = timed_run([str(folder), *extra], output, args.repeats)
            results[name] = {"seconds": seconds, "files_per_s": args.files / seconds, "mb_per_s": size / 1e6 / seconds}
    results["short texts"] = short_texts(args.repeats)
    print(f"{args.files} files, {size / 1e6:.2f} MB")
    print(f"{'run':<18} {'seconds':>8} {'files/s':>8} {'MB/s':>6}")
    for name, row in results.items():
        if "seconds" in row:
            print(f"{name:<18} {row['seconds']:8.1f} {row['files_per_s']:8.1f} {row['mb_per_s']:6.2f}")
    print(short_line(results["short texts"]))
    report = {"files": args.files, "bytes": size, "results": results}
    args.out.write_text(json.dumps(report, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
