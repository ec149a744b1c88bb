"""Hostile and odd inputs: parse never crashes, spans stay valid, nothing is lost silently.

Property tests (hypothesis) check, for any string: a Bulletin comes back; every span's offsets
are valid and ``text[start:end]`` equals its text; items never overlap; every body character
is in an item, a section heading or a leftover; ``to_dict()`` round-trips.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import bulletin_nlp
from bulletin_nlp import Bulletin
from bulletin_nlp.layout.reader import split_lines
from bulletin_nlp.text.fold import fold
from tests.support import MAX_LINEAR_RATIO, SAMPLES, scaling_ratio

SAMPLE = (SAMPLES / "yanjin_2024_06.txt").read_text("utf-8")
PIECES = ["【", "】", "（", "）", "(", ")", "**", "#", "---", "\n", "\n\n", " ", "。", "，", "第 6 期",
          "2024 年 2 月 2 日", "县民政局", "王楼镇", "6500 条", "近 30 亿元", "本期发：", "责任编辑：李 勉",
          "延津政务快报", "县医疗保障局全面发力", "\r\n", "５４．８％", "縣", "— 2 —"]


class _FailingInput:
    """Yields texts, then raises OSError, as a file reader might."""

    def __init__(self, texts):
        self.texts = list(texts)

    def __iter__(self):
        yield from self.texts
        raise OSError("disk gone")



def check_invariants(text: str, bulletin: Bulletin) -> None:
    assert isinstance(bulletin, Bulletin)
    previous_end = -1
    for section in bulletin.sections:
        assert 0 <= section.start <= section.end <= len(text)
        for item in section.items:
            assert previous_end <= item.start <= item.end <= len(text)
            previous_end = item.end
            if item.headline_start is not None:
                assert item.start <= item.headline_start <= item.headline_end <= item.end
            for span in item.source_spans:
                assert text[span.start : span.end] == span.text
    for entity in bulletin.entities:
        assert 0 <= entity.start < entity.end <= len(text)
        assert text[entity.start : entity.end] == entity.text
    for leftover in bulletin.leftovers:
        assert text[leftover.start : leftover.end] == leftover.text
    assert Bulletin.from_dict(bulletin.to_dict()) == bulletin
    assert_body_accounted_for(text, bulletin)


def assert_body_accounted_for(text: str, bulletin: Bulletin) -> None:
    """Every text line between the masthead and the footer lies in an item, heading or leftover."""
    covered = [(i.start, i.end) for i in bulletin.items]
    covered += [(s.start, s.start + 1) for s in bulletin.sections if s.title is not None]
    covered += [(x.start, x.end) for x in bulletin.leftovers]
    if not bulletin.items:
        return
    first, last = bulletin.items[0].start, bulletin.items[-1].end
    for line in split_lines(fold(text)):
        if line.kind != "text" or line.end <= first or line.start >= last:
            continue
        assert any(a <= line.start < b or a < line.end <= b for a, b in covered), text[line.start : line.end]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_api_any_text(parse, text):
    check_invariants(text, parse(text))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(PIECES) | st.text(alphabet="县局镇乡街道余多近约万亿元条人次0123456789", max_size=6),
                max_size=60).map("".join))
def test_api_bulletin_like_text(parse, text):
    check_invariants(text, parse(text))


HOSTILE = [
    ("whitespace-only", " \n\t\r\n\u3000 "),
    ("one-char-10mb", "县" * 10_000_000),
    ("spaces-10mb", " " * 10_000_000),
    ("newlines-10mb", "\n" * 10_000_000),
    ("binary-latin1", bytes(range(256)).decode("latin-1") * 50),
    ("random-cjk", "".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(5000))),
    ("missing-masthead", SAMPLE[SAMPLE.index("【") :]),
    ("items-without-sources", SAMPLE.replace("（", "").replace("）", "")),
    ("nested-brackets", SAMPLE.replace("（民政局", "（（民政局（王楼镇）").replace("【", "【【")),
    ("unbalanced-brackets", SAMPLE.replace("】", "", 2).replace("）", "", 3)),
    ("full-width-digits", SAMPLE.translate({ord(c): chr(ord(c) + 0xFEE0) for c in "0123456789"})),
    ("crlf", SAMPLE.replace("\n", "\r\n")),
    ("digits-10k", "采购棉被 " + "9" * 10_000 + " 条。"),
    ("many-brackets", "（" * 20_000 + "）" * 20_000),
    ("many-stars", "*" * 50_000),
    ("lone-surrogates", SAMPLE[:300] + "\ud800县民政局\udfff" + SAMPLE[300:]),
]


@pytest.mark.slow
@pytest.mark.parametrize("text", [h[1] for h in HOSTILE], ids=[h[0] for h in HOSTILE])
def test_api_hostile_input(parse, text):
    check_invariants(text, parse(text))


@pytest.mark.parametrize("cut", range(500, len(SAMPLE), 500))
def test_api_truncated_bulletin(parse, cut):
    text = SAMPLE[:cut]
    bulletin = parse(text)
    check_invariants(text, bulletin)
    assert bulletin.title == "延津政务快报"


def test_api_traditional_characters_are_matched(parse):
    text = SAMPLE.replace("县民政局成立工作专班", "縣民政局成立工作專班")
    labels = {(e.text, e.canonical) for e in parse(text).entities}
    assert ("縣民政局", "县民政局") in labels


def pathological_lines(repeats: int) -> str:
    """An unclosed source bracket, an unclosed section heading and a run of 县 before one 局."""
    return "（" + "民政局 " * repeats + "\n" + "【" + "低温" * repeats + "\n" + "县" * (7 * repeats) + "局"


@pytest.mark.slow
def test_api_pathological_lines_take_linear_time(parse):
    """Regex backtracking would make 10x these lines take 100x the time or more."""
    assert scaling_ratio(lambda repeats: parse(pathological_lines(repeats)), 1_500, repeats=2) < MAX_LINEAR_RATIO
    text = pathological_lines(30_000)
    check_invariants(text, parse(text))


def test_api_a_subclass_of_str_parses_as_the_str_does(nlp):
    # numpy.str_ (texts read from an array or a data frame column) is a subclass of str
    np = pytest.importorskip("numpy")
    text = SAMPLE.replace("县民政局成立工作专班", "縣民政局成立工作專班")
    assert bulletin_nlp.parse(np.str_(text), nlp=nlp).to_dict() == bulletin_nlp.parse(text, nlp=nlp).to_dict()


def test_api_parse_batch_equals_parse_one_by_one(nlp):
    samples = sorted((SAMPLES).glob("*.txt"))
    texts = [p.read_text("utf-8") for p in samples] + ["", "  \n", "县民政局"]
    batch = bulletin_nlp.parse_batch(texts, nlp=nlp)
    assert [b.to_dict() for b in batch] == [bulletin_nlp.parse(t, nlp=nlp).to_dict() for t in texts]


def test_api_parse_many_yields_the_texts_before_a_bad_one(nlp):
    import pytest

    stream = bulletin_nlp.parse_many(["县民政局", "王楼镇", b"bytes", "县"], nlp=nlp, batch_size=4)
    assert [next(stream).entities[0].text for _ in range(2)] == ["县民政局", "王楼镇"]
    with pytest.raises(TypeError):
        next(stream)


def test_api_parse_batch_takes_any_iterable_but_not_a_str(nlp):
    import pytest

    assert len(bulletin_nlp.parse_batch((t for t in ["县民政局", "王楼镇"]), nlp=nlp)) == 2
    with pytest.raises(TypeError):
        bulletin_nlp.parse_batch("县民政局", nlp=nlp)


@pytest.mark.parametrize("n_process", [1, 2])
def test_api_parse_many_yields_what_was_read_before_the_input_fails(nlp, n_process):
    stream = bulletin_nlp.parse_many(_FailingInput(["县民政局"] * 5), nlp=nlp, n_process=n_process, batch_size=2)
    got = []
    with pytest.raises(OSError):
        for bulletin in stream:
            got.append(bulletin)
    assert len(got) == 5


def test_api_zoo_cues_stay_linear(parse):
    """Many bullets, numbered lines, notes and attachments, and long metadata-like lines."""
    lines = ["来源:" + "县民政局 日期:" * 20_000, "发布机构: 县民政局"]
    lines += ["◆县民政局开展工作" + "，落实" * 50 + "。" for _ in range(2_000)]
    lines += ["一、总体情况", "（一）部分村庄清扫不及时。", "1.乡镇排名", "编者按：" + "现将" * 500] * 500
    lines += ["附件：1.清单.xlsx", "（撰稿：" + "王丽 " * 5_000 + "）", "某县人民政府办公室", "2023年7月6"]
    text = "\n".join(lines)
    check_invariants(text, parse(text))


def test_api_parse_imports_no_readers_tools_or_optional_libraries():
    """Start-up time: parse() of plain text leaves file readers, worker processes, corpus tools,
    tables and the optional libraries unimported (checked in a fresh process)."""
    import subprocess
    import sys

    from tests.support import SAMPLES

    code = (
        "import sys, bulletin_nlp; "
        f"bulletin_nlp.parse(open({str(SAMPLES / 'yanjin_2024_06.txt')!r}, encoding='utf-8').read()); "
        "print(' '.join(sorted(sys.modules)))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    unwanted = ("bulletin_nlp.readers", "bulletin_nlp.parallel", "bulletin_nlp.corpus", "bulletin_nlp.tables",
                "bulletin_nlp.runner", "bulletin_nlp.topics.train", "bulletin_nlp.topics.items_csv", "bulletin_nlp.io",
                "concurrent.futures.process",
                "pyarrow", "pandas", "jsonschema", "datasets", "pypdfium2", "docx", "lxml")
    assert [name for name in loaded if name.startswith(unwanted)] == []
