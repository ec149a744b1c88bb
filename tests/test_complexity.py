"""Linear time on hostile inputs: every regex and every loop over lines, timed at N and 4N.

A linear step takes about 4x as long on 4x the input, a quadratic one 16x. The bound (7x,
plus a little absolute slack for timer noise) sits well under quadratic. Timings are the best
of a few runs, so a busy shared machine slows both sizes rather than one.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest
import regex

import bulletin_nlp
from bulletin_nlp.entities.gazetteer import Gazetteer
from bulletin_nlp.layout.lines import split_lines
from bulletin_nlp.layout.reader import parse_layout
from bulletin_nlp.layout.titles import blank_lines_part_paragraphs
from bulletin_nlp.text.fold import fold

RATIO = 7.0
SLACK_S = 0.002
#: Repeated to build adversarial texts: separators, brackets, Markdown, digits, names, lines.
UNITS = [" ", "\t", "\u3000", "- ", "*", "**", "_", "#", ">", "\n", "\n\n", "1", "1 ", "1.", "12,", "十", "第1",
         "1年", "县", "县民政局", "乡镇", "，", "。", "：", "、", "万", "亿元", "余", "2024年", "(", "（", "）",
         "（民政局）", "【", "【【【\n", "】", "〖", "[", "本期发：", "审 核", "—", "·", "“", "交通建设\n", "x", "a1",
         "％", "第1期", "1月1日", "县民政局，开展工作\n", "一、", "人次", "约", "万余元", "5.", "办公室", "街道"]
#: How the repeated unit is framed: alone, then a character that makes a match fail at the
#: very end (the classic backtracking trap), after an opening bracket, between a name and 。.
FRAMES = {"plain": "{}", "fail": "{}x", "open": "（{}x", "anchor": "县{}。"}
#: Lines (or line fragments) repeated to build whole bulletins for the layout and the pipeline.
LINE_UNITS = ["县民政局开展工作。（民政局）", "- ", "【【【\n", "县民政局，开展工作\n", "交通建设\n",
              "县民政局开展工作\n",
              "王楼镇、", "（王楼", "１２３万元", "约1万", "**", "*\n", "**县经开区加快推进** ", "本期发：县委\n",
              "【交通】\n", "一、工作\n", "(民政局)\n", "县人民政府办公室\n", "2024年1月1日\n", "延津政务快报\n",
              "县民政局开展培训。（民政局）\n**\n", "— 2 —\n", "\u200b", "。", "县卫健委、", "（民政局）\n",
              "县民政局开展工作\n\n\n", "第 6 期\n", "审核：李勉\n", "县民政局开展工作。\n\n"]


def repeat(unit: str, size: int, frame: str = "{}") -> str:
    return frame.format(unit * max(1, size // len(unit)))


def as_input(pattern: regex.Pattern[str] | re.Pattern[str], text: str) -> str | bytes:
    """``text``, as UTF-8 bytes for a bytes pattern (one that sniffs raw file content)."""
    return text.encode("utf-8") if isinstance(pattern.pattern, bytes) else text


def best_time(run: Callable[[], object], repeats: int = 3, budget_s: float = 0.05) -> float:
    """The fastest of ``repeats`` runs, or of more while they take under ``budget_s`` together
    (short runs are repeated more: one interruption by a busy machine must not decide)."""
    best, spent, count = float("inf"), 0.0, 0
    while count < repeats or (spent < budget_s and count < 25):
        start = time.perf_counter()
        run()
        elapsed = time.perf_counter() - start
        best, spent, count = min(best, elapsed), spent + elapsed, count + 1
    return best


def assert_linear(make: Callable[[int], Callable[[], object]], size: int, what: str, repeats: int = 3,
                  doublings: int = 2) -> None:
    """``make(n)`` gives a run over an input of size ``n``; 4x the size must cost < RATIO x.

    The size is doubled (at most ``doublings`` times) while the smaller run takes under 5 ms:
    below that, fixed costs decide the ratio. A ratio over the bound is measured again, then
    the next step (4N to 16N) is tried: the step where the data outgrows a processor cache
    costs several times more once, a quadratic step costs 16x at every size."""
    for _ in range(doublings):
        if best_time(make(size), 2, 0) >= 0.005:
            break
        size *= 2
    small, large = make(size), make(4 * size)
    for _ in range(2):
        t_small, t_large = best_time(small, repeats), best_time(large, repeats)
        if t_large < RATIO * t_small + SLACK_S:
            return
    t_larger = best_time(make(16 * size), 1, 0)
    if t_larger < RATIO * t_large + SLACK_S:
        return
    pytest.fail(f"{what}: {t_small * 1000:.1f} ms at {size}, {t_large * 1000:.1f} ms at {4 * size}, "
                f"{t_larger * 1000:.1f} ms at {16 * size} (linear is ~4x per step, quadratic ~16x)")


def package_patterns() -> list[tuple[str, regex.Pattern[str] | re.Pattern[str], set[str]]]:
    """Every module-level compiled pattern of the package, with the methods called on it in
    the modules that hold it (a pattern imported elsewhere is listed once)."""
    found: dict[int, tuple[str, regex.Pattern[str] | re.Pattern[str], set[str]]] = {}
    for info in pkgutil.walk_packages(bulletin_nlp.__path__, "bulletin_nlp."):
        if info.name.endswith("__main__"):
            continue  # runs the command line when imported
        module = importlib.import_module(info.name)
        if not (module.__file__ or "").endswith(".py"):
            continue  # a compiled extension: no patterns, no source to read
        source = Path(module.__file__ or "").read_text("utf-8")
        for name, value in vars(module).items():
            if isinstance(value, (regex.Pattern, re.Pattern)):
                calls = r"\.(search|match|fullmatch|finditer|findall|sub|subn|split)\b"
                used = set(re.findall(re.escape(name) + calls, source))
                found.setdefault(id(value), (f"{info.name}.{name}", value, set()))[2].update(used)
    return list(found.values())


PATTERNS = package_patterns()


def test_complexity_finds_the_package_patterns():
    names = {name for name, _, _ in PATTERNS}
    assert "bulletin_nlp.layout.lines._PAGE_NUMBER_RE" in names
    assert "bulletin_nlp.layout.headline._SOURCE_BRACKET_RE" in names
    assert len(PATTERNS) >= 40


@pytest.mark.parametrize("name,pattern,used", PATTERNS, ids=[p[0].removeprefix("bulletin_nlp.") for p in PATTERNS])
def test_complexity_every_regex_is_linear(name, pattern, used):
    """Each pattern, used as its module uses it (anchored or searching), on every unit and frame.

    A pattern whose use the source does not show (passed around in a tuple) is tried both ways."""
    runs: list[Callable[[str], object]] = []
    if used & {"search", "finditer", "findall", "sub", "subn", "split"} or not used:
        runs.append(pattern.findall)  # every start position, as search and finditer try them
    if "match" in used or not used:
        runs.append(pattern.match)
    if "fullmatch" in used:
        runs.append(pattern.fullmatch)
    size = 4000
    for unit in UNITS:
        for frame in FRAMES.values():
            for run in runs:
                large = as_input(pattern, repeat(unit, 4 * size, frame))
                if best_time(partial(run, large), 1, 0) < 0.005:
                    continue  # a quadratic scan of 16,000 characters takes far longer
                def make(n: int, run=run, unit=unit, frame=frame) -> Callable[[], object]:
                    return partial(run, as_input(pattern, repeat(unit, n, frame)))

                assert_linear(make,
                              size, f"{name}.{run.__name__} on {frame.format(unit * 3)!r}...", doublings=0)


@pytest.mark.parametrize("unit", LINE_UNITS)
def test_complexity_layout_is_linear(unit):
    """The layout's loops over lines and paragraphs (source brackets, headings, continuations)."""
    def make(n: int) -> Callable[[], object]:
        text = repeat(unit, n)
        folded = fold(text)
        return lambda: parse_layout(text, folded)

    assert_linear(make, 20_000, f"parse_layout of {unit!r} repeated")


@pytest.mark.parametrize("unit", ["县民政局开展工作。（民政局）" + " " * 50, "- ", "【【【\n", "县民政局，开展工作\n",
                                  "交通建设\n", "县民政局开展工作\n", "王楼镇、县卫健委、", "约1万元，", "(民政局)\n",
                                  "县民政局开展培训。（民政局）\n**\n"])
def test_complexity_parse_is_linear(nlp, unit):
    """The whole pipeline (segmenter, rulers, entities, topics) on repeated units."""
    assert_linear(lambda n: partial(bulletin_nlp.parse, repeat(unit, n), nlp=nlp), 8_000,
                  f"parse of {unit!r} repeated", repeats=2)


@pytest.mark.parametrize("text", [
    "县民政局开展工作。（民政局）" + " " * 32_000 + "x",
    "- " * 100_000 + "x",
    "【【【\n" * 40_000,
    "县民政局，开展工作\n" * 20_000,
    "交通建设\n" * 50_000,
    "县民政局开展工作\n" * 25_000,
], ids=["source-then-spaces", "dashes", "brackets", "comma-lines", "heading-lines", "plain-lines"])
def test_complexity_issue_inputs_finish_quickly(nlp, text):
    """The inputs that once took seconds to minutes (each quadratic): a layout now takes well under a second."""
    assert best_time(lambda: parse_layout(text, fold(text)), 1, 0) < 5.0


def test_complexity_the_blank_line_count_is_linear():
    """The count of blank lines after sentences looks ahead from every sentence-ending line."""
    def make(n: int) -> Callable[[], object]:
        text = repeat("县民政局发放棉被。\n\n", n)
        lines = split_lines(text)
        return lambda: blank_lines_part_paragraphs(text, lines)

    assert_linear(make, 50_000, "blank_lines_part_paragraphs over sentence lines and blank lines")


@pytest.mark.parametrize("unit", ["丰庄，", "丰庄、东屯、", "在丰庄设立", "。丰庄同步开展", "（三）东屯产业"])
def test_complexity_township_short_names_are_linear(unit):
    """Short names of the bulletin's county (延津's 丰庄, 东屯): the series, clause and title checks."""
    gazetteer = Gazetteer.default()
    assert_linear(lambda n: partial(gazetteer.find_townships, repeat(unit, n), "410726"), 20_000,
                  f"find_townships of {unit!r} repeated")
