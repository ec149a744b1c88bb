"""Speed and memory of bulletin_nlp, measured in one run; prints a table and writes JSON.

    python benchmarks/run.py                       # ~3 MB corpus, 5 repeats
    python benchmarks/run.py --size-mb 1 --repeats 3 --out /tmp/bench.json

Measures (see docs/performance.md for the latest table):
Times are CPU seconds of this process (``time.process_time``), except cold start and the
two-process run, which are wall time.

- full ``parse()`` throughput on the repo's bulletins replicated to ``--size-mb`` (chars/s and
  bulletins/s, median of ``--repeats`` runs), with the segmenter's piece cache off (the
  replicated text would otherwise be served from it) and on;
- the same texts through ``spacy.blank("zh")`` (one token per character, no components) as a
  yardstick, and the ratio between the two: the cache-off passes and the blank ones take turns,
  and the ratio is the median of each pair's (both of a pair see the same load);
- first contact: ``parse()`` over each distinct corpus text the first time a fresh process
  sees it (its words have no spaCy lexeme yet, its county no tables), and again (median of
  ``--repeats`` processes);
- cold start: import + load + first parse in a fresh process (median of 3);
- peak RSS of a fresh process that parses the whole corpus;
- memory per character: the RSS peak of a fresh process while it parses one text of
  ``--memory-mb`` (distinct bulletins joined), less its peak before; and, by tracemalloc, that
  text's peak allocation, the result it returns and the difference (working memory), and the
  same for each distinct corpus bulletin on its own (``--only-memory`` measures just start-up
  and memory);
- scaling: one bulletin repeated 1×, 10×, 100×, 1000× as a single text (time per char must
  stay flat);
- ``parse_many(texts, n_process=2)`` against ``n_process=1``, each pass in a fresh process with
  the pipeline loaded and nothing parsed yet, as the command line's workers start (wall time,
  median of ``--repeats`` each);
- where the time goes: microseconds per character of each stage of ``parse()`` (median of
  ``--repeats`` passes).
"""

from __future__ import annotations

import argparse
import functools
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import bulletin_nlp  # noqa: E402


def corpus_texts(size_mb: float) -> list[str]:
    """The repo's bulletins (samples and corpus texts), replicated to about ``size_mb``."""
    files = sorted((ROOT / "corpus" / "samples").glob("*.txt")) + sorted(
        path for path in (ROOT / "corpus").glob("*_texts/*.txt") if not path.name.startswith("zoo_c"))  # unseen set
    base = [f.read_text("utf-8") for f in files]
    texts: list[str] = []
    while sum(map(len, texts)) < size_mb * 1_000_000:
        texts.extend(base)
    return texts


def timed(function, repeats: int, clock=time.process_time) -> float:
    """Median seconds of ``repeats`` calls; CPU time of this process by default, so that other
    jobs on a shared machine slow the figures less (wall time where other processes work)."""
    times = []
    for _ in range(repeats):
        start = clock()
        function()
        times.append(clock() - start)
    return statistics.median(times)


def throughput(nlp, texts: list[str], repeats: int, cache: bool) -> dict[str, float]:
    """``parse()`` over ``texts``, median of ``repeats`` passes, the segmenter's cache on or off."""
    return _rates(texts, [_parse_pass(nlp, texts, cache) for _ in range(repeats)])


def paired_with_blank(nlp, texts: list[str], repeats: int) -> tuple[dict[str, float], dict[str, float], list[float]]:
    """``parse()`` with the segmenter's cache off and ``spacy.blank("zh")``'s ``make_doc`` over
    the same texts, taking turns: each repeat times one pass of each, so that the two of a pair
    see the same load (a run of one, then of the other, can fall in minutes the machine runs 10 %
    faster or slower). Returns the rates of each (medians) and the ratio of each pair."""
    import spacy

    blank = spacy.blank("zh")
    parse_seconds, blank_seconds = [], []
    for _ in range(repeats):
        parse_seconds.append(_parse_pass(nlp, texts, cache=False))
        start = time.process_time()
        for text in texts:
            blank.make_doc(text)
        blank_seconds.append(time.process_time() - start)
    ratios = [blanked / parsed for parsed, blanked in zip(parse_seconds, blank_seconds, strict=True)]
    return _rates(texts, parse_seconds), _rates(texts, blank_seconds), ratios


def _parse_pass(nlp, texts: list[str], cache: bool) -> float:
    """CPU seconds of one pass of ``parse()`` over ``texts`` (the segmenter's cache emptied first)."""
    segmenter = nlp.tokenizer._segmenter
    saved = segmenter.cache_size
    segmenter.cache_size = saved if cache else 0
    segmenter._cache.clear()
    start = time.process_time()
    for text in texts:
        bulletin_nlp.parse(text, nlp=nlp)
    seconds = time.process_time() - start
    segmenter.cache_size = saved
    return seconds


def _rates(texts: list[str], seconds: list[float]) -> dict[str, float]:
    median = statistics.median(seconds)
    return {"seconds": median, "chars_per_s": sum(map(len, texts)) / median, "bulletins_per_s": len(texts) / median}


COLD = (
    "import time; t = time.perf_counter(); import bulletin_nlp; "
    "b = bulletin_nlp.parse(open({path!r}, encoding='utf-8').read()); "
    "print(time.perf_counter() - t)"
)
PARALLEL = (
    "import json, time, bulletin_nlp; from bulletin_nlp.pipeline import default_nlp; "
    "texts = json.loads(open({path!r}, encoding='utf-8').read()); nlp = default_nlp(); "
    "t = time.perf_counter(); done = sum(1 for _ in bulletin_nlp.parse_many(texts, nlp=nlp, n_process={processes})); "
    "assert done == len(texts); print(time.perf_counter() - t)"
)
# VmHWM, not ru_maxrss: on Linux a child's ru_maxrss keeps the high-water mark of the parent
# it was forked from, even across exec.
RSS = (
    "import sys; sys.path.insert(0, {root!r}); "
    "from benchmarks.run import corpus_texts; import bulletin_nlp; "
    "[bulletin_nlp.parse(t) and None for t in corpus_texts({size})]; "
    "status = open('/proc/self/status').read(); "
    "print(int(status.split('VmHWM:')[1].split()[0]) / 1024)"
)

# Peak memory of one long text: the high-water mark after parsing it, less the one before,
# per character (segmenter cache off, so repeated bulletins cost what new ones would). It
# includes the Bulletin returned, which is held when the mark is read.
PER_CHAR = (
    "import sys; sys.path.insert(0, {root!r}); "
    "from benchmarks.run import corpus_texts, warm_up; import bulletin_nlp; "
    "nlp = bulletin_nlp.load(); nlp.tokenizer._segmenter.cache_size = 0; "
    "text = '\\n\\n'.join(corpus_texts({size})); warm_up(nlp); "
    "hwm = lambda: int(open('/proc/self/status').read().split('VmHWM:')[1].split()[0]) * 1024; "
    "before = hwm(); bulletin_nlp.parse(text, nlp=nlp); "
    "print((hwm() - before) / len(text))"
)
MEMORY = (
    "import sys, json; sys.path.insert(0, {root!r}); "
    "from benchmarks.run import traced_memory; print(json.dumps(traced_memory({size})))"
)
FIRST_CONTACT = (
    "import sys, json; sys.path.insert(0, {root!r}); "
    "from benchmarks.run import first_contact; print(json.dumps(first_contact()))"
)


def warm_up(nlp) -> None:
    """Parse the first corpus bulletin, and load the glued-headline model and the stems of former
    township names, which a parse builds on first use (a text without glued headlines, or whose
    county is named, like that bulletin, never builds them): once per process (~2 and ~3 MB),
    part of the loaded pipeline, not of a parse."""
    from bulletin_nlp.entities.gazetteer import Gazetteer
    from bulletin_nlp.layout.boundary import glued_boundary

    bulletin_nlp.parse(corpus_texts(0.001)[0], nlp=nlp)
    glued_boundary("", 0)
    Gazetteer.default().townships.former_type_names("镇")


def first_contact() -> dict[str, float]:
    """``parse()`` over each distinct corpus text once, the first time this process sees it, and
    then again (segmenter cache off, CPU time): a fresh process that has loaded the pipeline and
    parsed one sample. The replicated corpus of the headline rows is parsed again and again, so
    that every word already has its spaCy lexeme (~11 µs to make one) and every county its
    tables; a collection of new bulletins pays for them as it goes. Run it in a fresh process."""
    nlp = bulletin_nlp.load()
    nlp.tokenizer._segmenter.cache_size = 0
    bulletin_nlp.parse((ROOT / "corpus" / "samples" / "yanjin_2024_06.txt").read_text("utf-8"), nlp=nlp)
    texts = list(dict.fromkeys(corpus_texts(0.001)))
    lexemes = len(nlp.vocab)
    first = _parse_pass(nlp, texts, cache=False)
    lexemes = len(nlp.vocab) - lexemes
    again = _parse_pass(nlp, texts, cache=False)
    chars = sum(map(len, texts))
    return {"texts": len(texts), "chars": chars, "first_chars_per_s": chars / first,
            "again_chars_per_s": chars / again, "new_lexemes_per_1000_chars": lexemes / chars * 1000}


def traced_memory(size_mb: float) -> dict[str, float]:
    """Bytes per character that ``parse()`` allocates (tracemalloc: Python objects, numpy and
    spaCy arrays), for one text of ``size_mb`` joined from the corpus and for each distinct
    corpus bulletin: the peak above the state before the call, the result held after it, and
    the difference (working memory). Run it in a fresh process."""
    import gc
    import tracemalloc

    nlp = bulletin_nlp.load()
    nlp.tokenizer._segmenter.cache_size = 0
    warm_up(nlp)

    def measure(text: str) -> tuple[float, float]:
        gc.collect()
        before = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        result = bulletin_nlp.parse(text, nlp=nlp)
        held, peak = tracemalloc.get_traced_memory()
        del result
        return (peak - before) / len(text), (held - before) / len(text)

    tracemalloc.start()
    text = "\n\n".join(corpus_texts(size_mb))
    peak, held = measure(text)
    bulletins = list(dict.fromkeys(corpus_texts(0.001)))
    each = [measure(bulletin) for bulletin in bulletins]
    tracemalloc.stop()
    peaks = sorted(p for p, _ in each)
    return {"chars": len(text), "peak": peak, "result": held, "working": peak - held,
            "corpus_bulletins": len(bulletins), "corpus_peak_median": statistics.median(peaks),
            "corpus_peak_max": peaks[-1],
            "corpus_working_median": statistics.median(p - h for p, h in each)}


def fresh_process(code: str) -> float:
    return float(_fresh_output(code))


def _fresh_output(code: str) -> str:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return out.stdout.strip().splitlines()[-1]


def cold_start() -> dict[str, float]:
    sample = ROOT / "corpus" / "samples" / "yanjin_2024_06.txt"
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        inside = fresh_process(COLD.format(path=str(sample)))
        runs.append((inside, time.perf_counter() - start))
    return {"import_load_first_parse_s": statistics.median(r[0] for r in runs),
            "whole_process_s": statistics.median(r[1] for r in runs)}


def scaling(nlp) -> list[dict[str, float]]:
    bulletin = (ROOT / "corpus" / "samples" / "yanjin_2024_06.txt").read_text("utf-8")
    rows = []
    for factor in (1, 10, 100, 1000):
        text = "\n\n".join([bulletin] * factor)
        seconds = timed(functools.partial(bulletin_nlp.parse, text, nlp=nlp), 3 if factor < 1000 else 1)
        rows.append({"factor": factor, "chars": len(text), "seconds": seconds,
                     "us_per_char": seconds / len(text) * 1e6})
    return rows


def stage_costs(nlp, texts: list[str], repeats: int = 1) -> dict[str, float]:
    """Microseconds per character of each stage of ``parse()`` (segmenter cache off), from
    timers wrapped around the layout reader, the tokenizer, each component and the result
    builder, each stage's median over ``repeats`` passes over ``texts`` (a single pass moves by
    10-20 % from minute to minute on a shared machine); "other" is the rest of a pass."""
    passes = [_stage_pass(nlp, texts) for _ in range(repeats)]
    return {name: statistics.median(costs[name] for costs in passes) for name in passes[0]}


def _stage_pass(nlp, texts: list[str]) -> dict[str, float]:
    """One pass of :func:`stage_costs`."""
    import bulletin_nlp.parsing as parsing

    spent: dict[str, float] = {}

    def timer(name: str, function):
        def timed_call(*args, **kwargs):
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.process_time() - start
        return timed_call

    saved = (parsing.parse_layout, parsing.assemble, nlp.tokenizer, list(nlp._components))
    segmenter = nlp.tokenizer._segmenter
    cache_size, segmenter.cache_size = segmenter.cache_size, 0
    parsing.parse_layout, parsing.assemble = timer("layout", parsing.parse_layout), timer("build", parsing.assemble)
    nlp.tokenizer = timer("tokenizer", nlp.tokenizer)
    nlp._components[:] = [(name, timer(name, component)) for name, component in nlp._components]
    try:
        segmenter._cache.clear()
        start = time.process_time()
        for text in texts:
            bulletin_nlp.parse(text, nlp=nlp)
        total = time.process_time() - start
    finally:
        parsing.parse_layout, parsing.assemble, nlp.tokenizer, nlp._components[:] = saved
        segmenter.cache_size = cache_size
    chars = sum(map(len, texts))
    costs = {name: seconds / chars * 1e6 for name, seconds in spent.items()}
    costs["other"] = total / chars * 1e6 - sum(costs.values())
    return costs


def parallel(texts: list[str], repeats: int) -> dict[str, float]:
    """``parse_many`` with one process and with two, each pass in a fresh process that has loaded
    the pipeline and parsed nothing yet (what the command line's workers start from: a worker
    forked from a parent that had parsed these texts would inherit every county's tables, and
    miss what building them costs); wall time, median of ``repeats`` each, taking turns."""
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "texts.json"
        path.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
        runs: dict[int, list[float]] = {1: [], 2: []}
        for turn in range(repeats):
            for processes in ((1, 2) if turn % 2 == 0 else (2, 1)):
                runs[processes].append(fresh_process(PARALLEL.format(path=str(path), processes=processes)))
    one, two = statistics.median(runs[1]), statistics.median(runs[2])
    return {"n_process_1_s": one, "n_process_2_s": two, "speedup": one / two}


def _median_runs(runs: list[dict[str, float]]) -> dict[str, float]:
    """Each figure's median over ``runs``."""
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=float, default=3.0)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results.json")
    parser.add_argument("--memory-mb", type=float, default=1.0, help="size of the one long text of the memory rows")
    parser.add_argument("--only-memory", action="store_true", help="measure start-up and memory only")
    args = parser.parse_args()

    results: dict = {
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "processor": platform.processor() or platform.machine()},
        "cold_start": cold_start(),
        "long_text_bytes_per_char": fresh_process(PER_CHAR.format(root=str(ROOT), size=args.memory_mb)),
        "traced_bytes_per_char": json.loads(_fresh_output(MEMORY.format(root=str(ROOT), size=args.memory_mb))),
    }
    if not args.only_memory:
        texts = corpus_texts(args.size_mb)
        nlp = bulletin_nlp.load()
        bulletin_nlp.parse(texts[0], nlp=nlp)  # warm up
        parse_rates, blank_rates, ratios = paired_with_blank(nlp, texts, args.repeats)
        results.update({
            "parse_cache_off": parse_rates,
            "blank_zh": blank_rates,
            "ratio_to_blank": statistics.median(ratios),
            "ratio_to_blank_pairs": ratios,
            "corpus": {"bulletins": len(texts), "chars": sum(map(len, texts))},
            "parse_cache_on": throughput(nlp, texts, args.repeats, cache=True),
            "first_contact": _median_runs([json.loads(_fresh_output(FIRST_CONTACT.format(root=str(ROOT))))
                                           for _ in range(args.repeats)]),
            "peak_rss_mb": fresh_process(RSS.format(root=str(ROOT), size=args.size_mb)),
            "scaling": scaling(nlp),
            "parallel": parallel(texts, args.repeats),
            "stage_us_per_char": stage_costs(nlp, texts, args.repeats),
        })
    args.out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(table(results))


def table(r: dict) -> str:
    rows = []
    if "corpus" in r:
        rows += [
            ("corpus", f"{r['corpus']['bulletins']} bulletins, {r['corpus']['chars']:,} chars"),
            ("parse(), segmenter cache off", f"{r['parse_cache_off']['chars_per_s']:,.0f} chars/s, "
                                             f"{r['parse_cache_off']['bulletins_per_s']:,.1f} bulletins/s"),
            ("parse(), segmenter cache on", f"{r['parse_cache_on']['chars_per_s']:,.0f} chars/s, "
                                            f"{r['parse_cache_on']['bulletins_per_s']:,.1f} bulletins/s"),
            ("parse(), first contact / again", f"{r['first_contact']['first_chars_per_s']:,.0f} / "
                                               f"{r['first_contact']['again_chars_per_s']:,.0f} chars/s "
                                               f"({r['first_contact']['texts']} distinct texts, "
                                               f"{r['first_contact']['new_lexemes_per_1000_chars']:.0f} new "
                                               "lexemes per 1,000 chars)"),
            ('spacy.blank("zh") make_doc', f"{r['blank_zh']['chars_per_s']:,.0f} chars/s"),
            ("ratio parse / blank (cache off)", f"{r['ratio_to_blank']:.3f} (median of the pairs: "
                                                + ", ".join(f"{pair:.3f}" for pair in r["ratio_to_blank_pairs"]) + ")"),
        ]
    traced = r["traced_bytes_per_char"]
    rows += [
        ("cold start (import+load+parse)", f"{r['cold_start']['import_load_first_parse_s']:.2f} s "
                                           f"(whole process {r['cold_start']['whole_process_s']:.2f} s)"),
        (f"memory of one {traced['chars']:,}-char text",
         f"{r['long_text_bytes_per_char']:.0f} bytes/char (RSS peak above the loaded pipeline, result included)"),
        ("  traced: peak / result / working",
         f"{traced['peak']:.1f} / {traced['result']:.1f} / {traced['working']:.1f} bytes/char"),
        (f"  traced, each of {traced['corpus_bulletins']} corpus bulletins",
         f"peak median {traced['corpus_peak_median']:.0f}, max {traced['corpus_peak_max']:.0f}; "
         f"working median {traced['corpus_working_median']:.0f} bytes/char"),
    ]
    if "corpus" in r:
        parallel_runs = r["parallel"]
        rows += [("peak RSS", f"{r['peak_rss_mb']:.0f} MB"),
                 ("parse_many n_process=2", f"{parallel_runs['speedup']:.2f}x ({parallel_runs['n_process_1_s']:.1f} s"
                                            f" -> {parallel_runs['n_process_2_s']:.1f} s)")]
        rows += [(f"scaling {s['factor']}x ({s['chars']:,} chars)",
                  f"{s['seconds']:.3f} s, {s['us_per_char']:.2f} us/char") for s in r["scaling"]]
        rows += [(f"stage {name}", f"{cost:.2f} us/char") for name, cost in r["stage_us_per_char"].items()]
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{k:<{width}}  {v}" for k, v in rows)


if __name__ == "__main__":
    main()
