"""Where ``parse()`` spends its time in flow: a sampling profile (py-spy) of parse() called over
one set of texts in a loop, summarised as shares of the call and microseconds per call.

    pip install py-spy
    python benchmarks/profile_flow.py items200_800 --seconds 30 --top 40
    python benchmarks/profile_flow.py short60 --fit items200_800     # each function's fixed cost
    python benchmarks/profile_flow.py bulletins --native             # C frames too; the regex engines' share

Sets (as ``benchmarks/compare_short.py`` names them): ``bulletins`` (the corpus bulletins),
``items`` (each of their items alone), ``items200_800``, ``short60`` (items cut to 60
characters) and ``tiny10`` (cut to 10: little more than the fixed cost of a call). The
segmenter's cache is off.

A stage timed alone in a tight loop keeps its tables and code in the core's caches; inside a
parse every other stage has evicted them, and it runs two to three times slower. Sampling the
real sequence of calls shows what each part costs there. ``inclusive``: the share of parse()
spent in a function and what it calls; ``self``: in its own lines (and the C code they call).
py-spy reads the stacks without pausing the process (``--nonblocking``); the loop still runs
somewhat slower than unprofiled. ``--fit OTHER`` profiles a second set and fits each function's
own cost per call as a line over the sets' mean lengths: its value at no characters is what
the function costs a call whatever the text. ``--native`` samples the C frames too (py-spy
pauses the process at each sample for it, so the loop runs slower still): a function's own time
is then that of its lines alone, the C functions it calls are listed by name, and the report ends
with the share of the call spent inside the two regular-expression engines (``re``'s ``_sre`` and
the ``regex`` module; time in the C library functions they call is not counted to them).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout's package and benchmarks

from compare_short import ALL_SETS as SETS  # noqa: E402  (a script beside this one, imported as it imports side_by_side)
from compare_short import text_sets  # noqa: E402

from benchmarks.batch_throughput import corpus_items  # noqa: E402

_PARSE = "parse (bulletin_nlp/parsing.py)"


def texts_of(name: str) -> list[str]:
    return text_sets(*corpus_items())[name]


def loop(name: str, seconds: float, timing: Path) -> None:
    """Parse the set over and over for ``seconds``; write the CPU time per call to ``timing``."""
    import bulletin_nlp

    texts = texts_of(name)
    nlp = bulletin_nlp.load()
    nlp.tokenizer._segmenter.cache_size = 0
    for text in texts[:50]:
        bulletin_nlp.parse(text, nlp=nlp)
    calls, started, cpu = 0, time.perf_counter(), time.process_time()
    while time.perf_counter() - started < seconds:
        for text in texts:
            bulletin_nlp.parse(text, nlp=nlp)
        calls += len(texts)
    timing.write_text(str((time.process_time() - cpu) / calls * 1e6))


@dataclass
class Profile:
    """Microseconds per call of each function, inclusive and self, and of the whole call."""

    samples: int
    per_call_us: float
    inclusive: dict[str, float]
    own: dict[str, float]


def profile(name: str, seconds: float, rate: int, native: bool = False) -> Profile:
    """Sample the loop over set ``name`` with py-spy (``native``: with the C frames)."""
    spy = shutil.which("py-spy")
    if spy is None:
        sys.exit("py-spy is not installed (pip install py-spy)")
    with tempfile.TemporaryDirectory() as folder:
        raw, timing = Path(folder) / "profile.raw", Path(folder) / "per_call_us"
        record = [spy, "record", "--native" if native else "--nonblocking", "-r", str(rate), "-f", "raw",
                  "-o", str(raw), "--"]
        subprocess.run([*record, sys.executable, __file__, "--loop", name, str(seconds), str(timing)],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return summarised(raw.read_text("utf-8"), float(timing.read_text()))


def summarised(raw: str, per_call_us: float) -> Profile:
    """The frames under parse() in py-spy's raw (collapsed) output, as microseconds per call."""
    inclusive: Counter[str] = Counter()
    own: Counter[str] = Counter()
    total = 0
    for line in raw.splitlines():
        stack, _, count = line.rpartition(" ")
        frames = [_name(frame) for frame in stack.split(";")]
        if _PARSE not in frames:
            continue  # loading, warming up
        frames = frames[frames.index(_PARSE):]  # not the loop around it
        samples = int(count)
        total += samples
        for frame in set(frames):
            inclusive[frame] += samples
        own[frames[-1]] += samples
    scale = per_call_us / max(total, 1)
    return Profile(total, per_call_us, {frame: samples * scale for frame, samples in inclusive.items()},
                   {frame: samples * scale for frame, samples in own.items()})


def _name(frame: str) -> str:
    """``function (/path/to/bulletin_nlp/module.py:line)`` → ``function (bulletin_nlp/module.py)``
    (a third-party module's path from its package on)."""
    function, _, where = frame.partition(" (")
    path = re.sub(r":\d+$", "", where.removesuffix(")")).split("/site-packages/")[-1]
    if "/bulletin_nlp/" in path:
        path = "bulletin_nlp/" + path.rsplit("/bulletin_nlp/", 1)[1]
    return f"{function} ({path})"


def _largest(costs: dict[str, float], per_call_us: float, top: int) -> list[str]:
    ranked = sorted(costs.items(), key=lambda pair: -pair[1])[:top]
    return [f"  {cost / per_call_us:6.1%} {cost:8.1f} us  {frame}" for frame, cost in ranked]


def report(found: Profile, top: int, native: bool = False) -> str:
    rows = [f"{found.samples} samples; parse() {found.per_call_us:.0f} us per call (CPU time of the loop)",
            "inclusive:", *_largest(found.inclusive, found.per_call_us, top),
            "self:", *_largest(found.own, found.per_call_us, top)]
    if native:
        engines = Counter({engine: 0.0 for engine in ("re (_sre)", "regex module")})
        for frame, cost in found.own.items():
            if frame.endswith("(_regex.c)"):
                engines["regex module"] += cost
            elif frame.startswith(("sre_", "_sre_")):
                engines["re (_sre)"] += cost
        rows += ["regular-expression engines (their own C functions):",
                 *(f"  {cost / found.per_call_us:6.1%} {cost:8.1f} us  {engine}" for engine, cost in engines.items())]
    return "\n".join(rows)


def fit(first: Profile, first_chars: float, second: Profile, second_chars: float, top: int) -> str:
    """Each function's own cost per call as a line over the two sets' mean lengths: its value
    at no characters (what a call costs whatever its text) and its slope."""
    rows = []
    for frame in first.own.keys() | second.own.keys():
        a, b = first.own.get(frame, 0.0), second.own.get(frame, 0.0)
        slope = (b - a) / (second_chars - first_chars)
        rows.append((a - slope * first_chars, slope, frame))
    rows.sort(reverse=True)
    lines = [f"per call at {first_chars:.0f} chars {first.per_call_us:.0f} us, at {second_chars:.0f} chars "
             f"{second.per_call_us:.0f} us; own cost at no characters, and per character:"]
    lines += [f"  {fixed:7.1f} us {slope * 1000:7.1f} ns/char  {frame}" for fixed, slope, frame in rows[:top]]
    return "\n".join(lines)


def main() -> None:
    if sys.argv[1:2] == ["--loop"]:
        loop(sys.argv[2], float(sys.argv[3]), Path(sys.argv[4]))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("set", choices=SETS)
    parser.add_argument("--fit", choices=SETS, help="a second set: fit each function's fixed cost per call")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--rate", type=int, help="samples per second (default 500; 200 with --native, whose "
                        "unwinding cannot keep up with more on this machine)")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--native", action="store_true", help="sample C frames too; report the regex engines' share")
    args = parser.parse_args()
    args.rate = args.rate or (200 if args.native else 500)
    found = profile(args.set, args.seconds, args.rate, args.native)
    if args.fit is None:
        print(report(found, args.top, args.native))
        return
    other = profile(args.fit, args.seconds, args.rate, args.native)
    sets = text_sets(*corpus_items())  # the corpus read once
    lengths = [sum(map(len, sets[name])) / len(sets[name]) for name in (args.set, args.fit)]
    print(fit(found, lengths[0], other, lengths[1], args.top))


if __name__ == "__main__":
    main()
