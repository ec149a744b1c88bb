"""The spaCy pipeline: registered names, lossless tokenizer, aligned entity spans, serialisation."""

from __future__ import annotations

import itertools

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

import bulletin_nlp
from bulletin_nlp.pipeline import COMPONENTS
from tests.support import SAMPLES

SENTENCE = "县民政局采购棉被 6500 条，\n\n王楼镇排查养殖大棚20座，近 30 亿元。"


def test_pipeline_component_names_are_stable(nlp):
    assert tuple(nlp.pipe_names) == COMPONENTS
    assert COMPONENTS == (
        "bulletin_agency_ruler",
        "bulletin_township_ruler",
        "bulletin_quantity_ruler",
        "bulletin_entities",
        "bulletin_item_topics",
    )


def test_pipeline_tokenizer_is_lossless(nlp):
    for text in (SENTENCE, "", "   ", "a  b\t\nc", "２０２４年　延津"):
        assert nlp.make_doc(text).text == text


def test_pipeline_entities_are_exact_token_spans(nlp):
    doc = nlp(SENTENCE)
    found = {(s.label_, s.text) for s in doc.spans["bulletin"]}
    assert {("AGENCY", "县民政局"), ("QUANTITY", "6500 条"), ("TOWNSHIP", "王楼镇"),
            ("QUANTITY", "20座"), ("QUANTITY", "近 30 亿元")} <= found
    quantity = next(s for s in doc.spans["bulletin"] if s.text == "近 30 亿元")
    assert quantity._.bulletin == {"value": 3e9, "unit": "元", "qualifier": "近"}
    assert {e.text for e in doc.ents} >= {"县民政局", "王楼镇"}


def test_pipeline_quantity_inside_township_name_is_dropped(nlp):
    doc = nlp.make_doc("引导二台、大囫囵等乡镇发展订单种植")
    doc.user_data["bulletin_county"] = "130722"  # 张北县, which has a township 二台镇
    spans = {(s.label_, s.text) for s in nlp(doc).spans["bulletin"]}
    assert ("TOWNSHIP", "二台") in spans and ("QUANTITY", "二台") not in spans


def test_pipeline_to_disk_and_spacy_load_give_the_same_parse(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    text = (SAMPLES / "yanjin_2024_06.txt").read_text("utf-8")
    assert bulletin_nlp.parse(text, nlp=loaded).to_dict() == bulletin_nlp.parse(text, nlp=nlp).to_dict()
    assert bulletin_nlp.load(tmp_path / "pipeline").pipe_names == nlp.pipe_names


def test_pipeline_saved_with_a_user_topic_model_loads_after_it_is_gone(nlp, tmp_path):
    import shutil

    from bulletin_nlp.resources import model_path

    user_model = tmp_path / "my-topics"
    shutil.copytree(model_path("topics"), user_model)
    custom = bulletin_nlp.load(user_model)
    custom.to_disk(tmp_path / "pipeline")
    shutil.rmtree(user_model)
    # spaCy checks components against runtime protocols (hasattr on each member, in an order
    # that varies with string hashing) before from_disk; none of that may load the classifier
    from spacy import ty

    probed = custom.get_pipe("bulletin_item_topics").__class__("probe", str(user_model))
    assert not hasattr(type(probed), "model")
    assert not isinstance(probed, (ty.ListenedToComponent, ty.TrainableComponent))
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.get_pipe("bulletin_item_topics").classifier is not None


def test_pipeline_doc_bytes_round_trip_keeps_attributes(nlp):
    from spacy.tokens import Doc

    doc = nlp(SENTENCE)
    restored = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert [(s.text, s._.bulletin) for s in restored.spans["bulletin"]] == [
        (s.text, s._.bulletin) for s in doc.spans["bulletin"]
    ]


def test_pipeline_tokenizer_bytes_round_trip(nlp):
    from bulletin_nlp.segment.tokenizer import BulletinTokenizer

    restored = BulletinTokenizer(nlp.vocab).from_bytes(nlp.tokenizer.to_bytes())
    assert [t.text for t in restored(SENTENCE)] == [t.text for t in nlp.tokenizer(SENTENCE)]


def test_pipeline_user_dictionary_keeps_names_whole(nlp):
    tokens = [t.text for t in nlp.make_doc("县市场监督管理局联合塔铺街道开展检查")]
    assert "县市场监督管理局" in tokens and "塔铺街道" in tokens


def test_pipeline_doc_without_items_gets_cats(nlp):
    assert nlp.get_pipe("bulletin_item_topics").classifier is not None  # the shipped model
    doc = nlp("县生态环境局开展大气污染防治专项检查，PM2.5 浓度同比下降。")
    assert doc.cats
    assert abs(sum(doc.cats.values()) - 1.0) < 1e-6


def test_pipeline_parse_many_in_two_processes_keeps_order(nlp):
    samples = sorted((SAMPLES).glob("*.txt"))
    texts = [p.read_text("utf-8") for p in samples] * 2
    serial = [b.to_dict() for b in bulletin_nlp.parse_many(texts, nlp=nlp)]
    parallel = [b.to_dict() for b in bulletin_nlp.parse_many(texts, nlp=nlp, n_process=2, batch_size=1)]
    assert parallel == serial
    assert [b["issue"] for b in serial] == [18, 43, 6, 18, 43, 6]
    import gc

    assert gc.get_freeze_count() == 0  # the run's gc.freeze() is undone


def test_pipeline_parse_many_in_two_processes_streams_an_endless_input(nlp):
    """Workers read ahead a bounded number of texts; closing the stream stops them."""
    import itertools
    import threading

    text = (SAMPLES / "yanjin_2024_06.txt").read_text("utf-8")
    taken = []

    def consume() -> None:
        stream = bulletin_nlp.parse_many(itertools.cycle([text]), nlp=nlp, n_process=2, batch_size=2)
        taken.extend(itertools.islice(stream, 5))
        stream.close()

    worker = threading.Thread(target=consume, daemon=True)
    worker.start()
    worker.join(timeout=120)
    assert not worker.is_alive(), "parse_many did not stop after its consumer closed it"
    assert [b.issue for b in taken] == [6] * 5


def test_pipeline_cli_jobs_matches_serial(tmp_path):
    from bulletin_nlp.cli import main

    samples = SAMPLES
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main(["parse", str(samples), "--format", "jsonl", "-o", str(one), "--quiet"]) == 0
    assert main(["parse", str(samples), "--format", "jsonl", "-o", str(two), "--quiet", "--jobs", "2"]) == 0
    assert one.read_text("utf-8") == two.read_text("utf-8")


@given(st.lists(st.tuples(st.text("县局a1，\U00020000", min_size=1, max_size=4),
                          st.text(" \n\t\u3000\r", max_size=3)), max_size=30),
       st.text(" \n\u3000", max_size=2), st.data())
@settings(max_examples=300, deadline=None)
def test_pipeline_words_and_spaces_equals_spacy(chunks, lead, data):
    """The tokenizer's alignment of whitespace-free words with the text is spaCy's."""
    from spacy.util import get_words_and_spaces

    from bulletin_nlp.segment.tokenizer import words_and_spaces

    text = lead + "".join(solid + gap for solid, gap in chunks)
    words = []
    for solid, _ in chunks:  # cut each whitespace-free run at random places
        cuts = sorted(data.draw(st.sets(st.integers(1, max(1, len(solid) - 1)), max_size=2)))
        bounds = [0, *(c for c in cuts if c < len(solid)), len(solid)]
        words += [solid[a:b] for a, b in itertools.pairwise(bounds)]
    assert words_and_spaces(words, text) == get_words_and_spaces(words, text)


def test_pipeline_words_and_spaces_refuses_words_that_do_not_spell_the_text():
    import pytest

    from bulletin_nlp.segment.tokenizer import words_and_spaces

    with pytest.raises(ValueError):
        words_and_spaces(["县", "局"], "县 民政局")


def test_pipeline_parse_batch_equals_parse_one_by_one(nlp):
    samples = sorted((SAMPLES).glob("*.txt"))
    texts = [p.read_text("utf-8") for p in samples] + ["", "  \n", "县民政局"]
    batch = bulletin_nlp.parse_batch(texts, nlp=nlp)
    assert [b.to_dict() for b in batch] == [bulletin_nlp.parse(t, nlp=nlp).to_dict() for t in texts]


def test_pipeline_parse_many_yields_the_texts_before_a_bad_one(nlp):
    import pytest

    stream = bulletin_nlp.parse_many(["县民政局", "王楼镇", b"bytes", "县"], nlp=nlp, batch_size=4)
    assert [next(stream).entities[0].text for _ in range(2)] == ["县民政局", "王楼镇"]
    with pytest.raises(TypeError):
        next(stream)


def test_pipeline_tokenizer_pipe_equals_calls(nlp):
    texts = ["县民政局发放棉被 6500 条。", "", "  王楼镇\n\n塔铺街道 ", "县" * 20]
    piped = list(nlp.tokenizer.pipe(texts, batch_size=3))
    assert [[(t.text, t.whitespace_) for t in d] for d in piped] == [
        [(t.text, t.whitespace_) for t in nlp.tokenizer(text)] for text in texts
    ]


def test_pipeline_words_and_spaces_refuses_a_word_across_whitespace():
    import pytest

    from bulletin_nlp.segment.tokenizer import words_and_spaces

    with pytest.raises(ValueError):
        words_and_spaces(["民政局"], "民政 局")


def test_pipeline_parse_batch_takes_any_iterable_but_not_a_str(nlp):
    import pytest

    assert len(bulletin_nlp.parse_batch((t for t in ["县民政局", "王楼镇"]), nlp=nlp)) == 2
    with pytest.raises(TypeError):
        bulletin_nlp.parse_batch("县民政局", nlp=nlp)


class _FailingInput:
    """Yields texts, then raises OSError, as a file reader might."""

    def __init__(self, texts):
        self.texts = list(texts)

    def __iter__(self):
        yield from self.texts
        raise OSError("disk gone")


@pytest.mark.parametrize("n_process", [1, 2])
def test_pipeline_parse_many_yields_what_was_read_before_the_input_fails(nlp, n_process):
    stream = bulletin_nlp.parse_many(_FailingInput(["县民政局"] * 5), nlp=nlp, n_process=n_process, batch_size=2)
    got = []
    with pytest.raises(OSError):
        for bulletin in stream:
            got.append(bulletin)
    assert len(got) == 5


def test_pipeline_parse_many_in_two_processes_reads_the_input_in_the_callers_thread(nlp):
    """A sqlite3 cursor may only be used in the thread that made it."""
    import sqlite3

    connection = sqlite3.connect(":memory:")
    connection.execute("create table t (text)")
    connection.executemany("insert into t values (?)", [("县民政局",)] * 5)
    rows = (row[0] for row in connection.execute("select text from t"))
    assert len(list(bulletin_nlp.parse_many(rows, nlp=nlp, n_process=2, batch_size=2))) == 5


def test_diagnostics_carry_codes_spans_and_match_warnings(parse):
    from bulletin_nlp.diagnostics import CATALOGUE, NO_ITEMS, NO_MASTHEAD, UNCLOSED_SECTION

    text = "延津政务快报\n第 6 期\n\n【低温雨雪天气应对\n县民政局发放棉被。（民政局）\n"
    bulletin = parse(text)
    assert [d.message for d in bulletin.diagnostics] == list(bulletin.warnings)
    unclosed = [d for d in bulletin.diagnostics if d.code == UNCLOSED_SECTION]
    assert len(unclosed) == 1 and text[unclosed[0].start:unclosed[0].end].startswith("【低温")
    assert all(d.code in CATALOGUE for d in bulletin.diagnostics)
    assert NO_MASTHEAD in {d.code for d in parse("这不是简报。").diagnostics}
    assert NO_ITEMS in {d.code for d in parse("延津政务快报\n第 6 期\n").diagnostics}
    assert parse("   ").diagnostics[0].to_dict() == {"code": "W001", "message": "empty input: nothing to parse",
                                                    "start": None, "end": None}
    assert type(bulletin).from_dict(bulletin.to_dict()).diagnostics == bulletin.diagnostics
