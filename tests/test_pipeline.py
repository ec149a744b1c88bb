"""The spaCy pipeline: registered names, lossless tokenizer, aligned entity spans, serialisation."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

import bulletin_nlp
from bulletin_nlp.pipeline import COMPONENTS
from tests.support import SAMPLES, SENTENCE


def test_pipeline_component_names_are_stable(nlp):
    assert tuple(nlp.pipe_names) == COMPONENTS
    assert COMPONENTS == (
        "bulletin_county",
        "bulletin_agency_ruler",
        "bulletin_township_ruler",
        "bulletin_quantity_ruler",
        "bulletin_date_ruler",
        "bulletin_entities",
        "bulletin_item_topics",
    )


def test_pipeline_entities_are_exact_token_spans(nlp):
    doc = nlp(SENTENCE)
    found = {(s.label_, s.text) for s in doc.spans["bulletin"]}
    assert {("AGENCY", "县民政局"), ("QUANTITY", "6500 条"), ("TOWNSHIP", "王楼镇"),
            ("QUANTITY", "20座"), ("QUANTITY", "近 30 亿元")} <= found
    quantity = next(s for s in doc.spans["bulletin"] if s.text == "近 30 亿元")
    assert quantity._.bulletin == {"value": 3e9, "unit": "元", "qualifier": "近"}
    assert {e.text for e in doc.ents} >= {"县民政局", "王楼镇"}


def test_the_entity_setter_sets_what_assigning_doc_ents_sets(nlp):
    """``doc.ents`` holds the longest of overlapping spans, kb ids included, and each token's IOB
    is what spaCy's own ``doc.ents = spans`` gives, also on a Doc whose entities were set before."""
    from spacy.tokens import Span
    from spacy.util import filter_spans

    from tests.support import SAMPLES

    for path in sorted(SAMPLES.glob("*.txt"))[:3]:
        doc = nlp.make_doc(path.read_text("utf-8"))
        doc.ents = [Span(doc, 0, 2, label="AGENCY")]  # set before, as an earlier component might
        doc = nlp(doc)
        kept = list(doc.spans["bulletin"])
        by_setter = [(t.ent_iob_, t.ent_type_, t.ent_kb_id_) for t in doc]
        assert len(doc.ents) > 10
        assert {(e.start, e.end) for e in doc.ents} <= {(s.start, s.end) for s in kept}
        doc.ents = filter_spans(kept)
        assert [(t.ent_iob_, t.ent_type_, t.ent_kb_id_) for t in doc] == by_setter


def test_pipeline_rulers_split_tokens_that_hold_a_mention(nlp):
    """A mention inside a token (or across tokens) splits them; the spans found before survive."""
    from spacy.tokens import Doc

    doc = Doc(nlp.vocab, words=["昨日县民政局发放棉被6", "500条", "。"], spaces=[False, True, False])
    doc = nlp.get_pipe("bulletin_agency_ruler")(doc)
    assert [t.text for t in doc] == ["昨日", "县民政局", "发放棉被6", "500条", "。"]
    doc = nlp.get_pipe("bulletin_quantity_ruler")(doc)
    assert [t.text for t in doc] == ["昨日", "县民政局", "发放棉被", "6", "500条", "。"]
    assert [(s.label_, s.text) for s in doc.spans["bulletin"]] == [("AGENCY", "县民政局"), ("QUANTITY", "6500条")]
    assert doc.text == "昨日县民政局发放棉被6500条 。"


def test_pipeline_quantity_inside_township_name_is_dropped(nlp):
    from bulletin_nlp.entities.context import BulletinContext, set_context

    doc = nlp.make_doc("引导二台、大囫囵等乡镇发展订单种植")
    set_context(doc, BulletinContext(county_code="130722"))  # 张北县, which has a township 二台镇
    spans = {(s.label_, s.text) for s in nlp(doc).spans["bulletin"]}
    assert ("TOWNSHIP", "二台") in spans and ("QUANTITY", "二台") not in spans


@pytest.mark.slow
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


def test_pipeline_doc_without_items_gets_cats(nlp):
    assert nlp.get_pipe("bulletin_item_topics").classifier is not None  # the shipped model
    doc = nlp("县生态环境局开展大气污染防治专项检查，PM2.5 浓度同比下降。")
    assert doc.cats
    assert abs(sum(doc.cats.values()) - 1.0) < 1e-6


SAVED_PIPELINE_SCRIPT = """
import json, sys
import spacy
import bulletin_nlp
nlp = spacy.load(sys.argv[1])
print(json.dumps([bulletin_nlp.parse(text, nlp=nlp).to_dict() for text in json.loads(sys.argv[2])]))
"""


def _parse_in_fresh_process(folder: Path, texts: list[str]) -> list[dict]:
    import json
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-c", SAVED_PIPELINE_SCRIPT, str(folder), json.dumps(texts)],
                            capture_output=True, text=True, check=True, cwd=folder.parent)
    return json.loads(result.stdout)


def test_pipeline_saved_folder_holds_the_rules_and_loads_alone(nlp, tmp_path):
    """A saved pipeline carries every data file its components read and gives the same parse in
    a fresh process, with the package's own data folder out of reach of its components."""
    folder = tmp_path / "pipeline"
    nlp.to_disk(folder)
    for component, names in [("bulletin_agency_ruler", ("agencies.tsv", "agency_rules.txt")),
                             ("bulletin_township_ruler", ("towns.csv", "township_rules.txt")),
                             ("bulletin_county", ("counties.csv", "ethnic_groups.txt", "county_rules.txt")),
                             ("bulletin_quantity_ruler", ("units.txt", "numeral_words.txt")),
                             ("bulletin_date_ruler", ("time_words.txt",))]:
        for name in names:
            assert (folder / component / name).is_file(), f"{component}/{name} not saved"
    loaded = spacy.load(folder)
    assert loaded.get_pipe("bulletin_agency_ruler").data_dir == str((folder / "bulletin_agency_ruler").resolve())
    text = (SAMPLES / "yanjin_2024_06.txt").read_text("utf-8")
    assert _parse_in_fresh_process(folder, [text]) == [bulletin_nlp.parse(text, nlp=nlp).to_dict()]


def test_pipeline_rule_edit_in_a_saved_folder_changes_the_output(nlp, tmp_path):
    """Removing 局 from the head words of the saved agency rules stops an unlisted 局 name."""
    folder = tmp_path / "pipeline"
    nlp.to_disk(folder)
    text = "县园林绿化中心、县农机管理局开展检查。"
    agencies = {e["text"] for e in bulletin_nlp.parse(text, nlp=nlp).to_dict()["entities"] if e["label"] == "AGENCY"}
    assert {"县园林绿化中心", "县农机管理局"} <= agencies
    rules = folder / "bulletin_agency_ruler" / "agency_rules.txt"
    edited = rules.read_text("utf-8").replace("\n局 委 办", "\n委 办", 1)
    assert edited != rules.read_text("utf-8")
    rules.write_text(edited, "utf-8")
    [after] = _parse_in_fresh_process(folder, [text])
    agencies_after = {e["text"] for e in after["entities"] if e["label"] == "AGENCY"}
    assert "县园林绿化中心" in agencies_after and "县农机管理局" not in agencies_after


def test_pipeline_data_dir_reaches_parse(tmp_path):
    """load(data_dir=...) with one changed file: the change shows in parse(), the rest is packaged."""
    from bulletin_nlp.resources import DATA_DIR

    added_row = "县乡村振兴示范推进中心\t振兴推进中心\tinstitution\tcounty\ttest row\n"
    (tmp_path / "agencies_national.tsv").write_text(
        (DATA_DIR / "agencies_national.tsv").read_text("utf-8") + added_row, "utf-8")
    text = "振兴推进中心在王楼镇召开现场会。"
    custom = bulletin_nlp.load(data_dir=tmp_path)
    found = {(e.text, e.canonical) for e in bulletin_nlp.parse(text, nlp=custom).entities}
    assert ("振兴推进中心", "县乡村振兴示范推进中心") in found
    assert any(e.label == "TOWNSHIP" for e in bulletin_nlp.parse(text, nlp=custom).entities)


def test_pipeline_nlp_and_parse_find_the_same_county(nlp):
    text = (SAMPLES / "yanjin_2024_06.txt").read_text("utf-8")
    doc = nlp(text)
    bulletin = bulletin_nlp.parse(text, nlp=nlp)
    assert doc._.bulletin_context.county_code == bulletin.county_code is not None


def test_pipeline_spans_carry_kb_ids_and_meta_names_labels(nlp):
    doc = nlp(SENTENCE)
    spans = {(s.label_, s.text): s for s in doc.spans["bulletin"]}
    assert spans["AGENCY", "县民政局"].kb_id_ == "县民政局"
    township = spans["TOWNSHIP", "王楼镇"]._.bulletin
    assert spans["TOWNSHIP", "王楼镇"].kb_id_ == (township["code"] or township["canonical"])
    assert {e.kb_id_ for e in doc.ents if e.label_ != "QUANTITY"} >= {"县民政局"}
    assert {"name", "version", "description", "labels"} <= set(nlp.meta)
    assert set(nlp.meta["labels"]["bulletin_entities"]) == {"AGENCY", "TOWNSHIP", "QUANTITY", "DATE"}
    assert nlp.meta["labels"]["bulletin_township_ruler"] == ["TOWNSHIP"]


def test_token_bounds_are_every_token_start_and_end_once(nlp):
    """Interleaved starts and ends, repeats dropped: what np.union1d of them gives."""
    import numpy as np
    from spacy.tokens import Doc

    from bulletin_nlp.pipeline import token_bounds

    docs = [nlp.make_doc(text) for text in ("", "县", SENTENCE, "  县民政局\n\n 召开  会议。 ", "\u3000王楼镇 20座")]
    docs.append(Doc(nlp.vocab, words=["县", " ", "民政局", "\n", "会议"], spaces=[True, False, True, False, True]))
    for doc in docs:
        starts = np.array([token.idx for token in doc], dtype=np.int64)
        ends = np.array([token.idx + len(token) for token in doc], dtype=np.int64)
        bounds = token_bounds(doc)
        assert bounds.dtype == np.int64
        np.testing.assert_array_equal(bounds, np.union1d(starts, ends))


def test_ruler_entity_sets_each_attribute_on_its_own_field():
    """ruler_entity builds the Entity positionally: each ruler's attributes land on the fields
    of their names (a reordered Entity would fail here), a serialised interval is a tuple."""
    from bulletin_nlp.bulletin import Entity
    from bulletin_nlp.entities.components import attrs_key, ruler_entity
    from bulletin_nlp.entities.mentions import ATTRIBUTES

    values = {"canonical": "县民政局", "level": "county", "code": "410726100000", "value": 6500.0, "unit": "条",
              "qualifier": "余", "interval": ["2024-01-01", "2024-01-31"]}
    for label, names in ATTRIBUTES.items():
        attrs = {name: values[name] for name in names}
        entity = ruler_entity({attrs_key(label, 3, 7): attrs}, label, 3, 7, 10, 14, (0, 1), "县民政局")
        expected = {name: tuple(value) if name == "interval" else value for name, value in attrs.items()}
        assert entity == Entity(label=label, start=10, end=14, text="县民政局", item=(0, 1), **expected)
    assert ruler_entity({}, "DATE", 3, 7, 10, 14, None, "") == Entity(label="DATE", start=10, end=14, text="")


def test_the_placer_knows_each_label_by_the_id_spans_carry(nlp):
    """The entity setter and placer read a span's label by its id (label_ makes a new string each time)."""
    from bulletin_nlp.entities.components import LABEL_OF_ID, LABELS

    assert {nlp.vocab.strings[label]: label for label in LABELS} == LABEL_OF_ID


def test_a_county_named_with_a_numeral_is_no_figure(parse):
    text = ("三台政务信息\n第9期\n三台县人民政府办公室　　2024年5月8日\n\n"
            "县农业农村局组织农机手赴三台县各镇作业，新购置收割机五台。（县农业农村局）\n")
    quantities = [(entity.text, entity.value) for entity in parse(text).entities if entity.label == "QUANTITY"]
    assert quantities == [("五台", 5.0)]  # 三台 in the title and in 三台县 names the county


def _blank_with(*components):
    """A blank Chinese pipeline (character tokens) running ``components`` (callables) in order."""
    from spacy.language import Language

    blank = spacy.blank("zh")
    for index, component in enumerate(components):
        name = f"test_component_{index}_{id(component)}"
        Language.component(name, func=component)
        blank.add_pipe(name)
    return blank


def test_run_components_is_nlp_of_the_doc(nlp):
    """The components in order on the Doc given, disabled ones skipped: what nlp(doc) gives."""
    from bulletin_nlp.pipeline import run_components

    seen = []
    blank = _blank_with(lambda doc: seen.append("a") or doc, lambda doc: seen.append("b") or doc,
                        lambda doc: seen.append("c") or doc)
    blank.disable_pipe(blank.pipe_names[1])
    doc = blank.make_doc("县民政局")
    assert run_components(blank, doc) is doc
    assert seen == ["a", "c"]
    seen.clear()
    run_components(blank, doc, disable=[blank.pipe_names[0]])  # as nlp(doc, disable=...)
    assert seen == ["c"]
    text = "县民政局发放棉被6500条。"
    ours, theirs = run_components(nlp, nlp.make_doc(text)), nlp(nlp.make_doc(text))
    assert [(s.start_char, s.end_char, s.label_, s.kb_id_) for s in ours.spans["bulletin"]] == [
        (s.start_char, s.end_char, s.label_, s.kb_id_) for s in theirs.spans["bulletin"]]
    assert [(e.start_char, e.end_char, e.label_) for e in ours.ents] == [
        (e.start_char, e.end_char, e.label_) for e in theirs.ents]


def test_run_components_handles_errors_as_spacy_does():
    """A component's error goes to the pipeline's error handler; a KeyError and a result that is
    no Doc raise spaCy's ValueErrors (E109, E005)."""
    from bulletin_nlp.pipeline import run_components

    def fails(doc):
        raise RuntimeError("broken component")

    def missing(doc):
        raise KeyError("weights")

    handled = []
    blank = _blank_with(fails)
    blank.set_error_handler(lambda name, proc, docs, error: handled.append((name, str(error))))
    doc = blank.make_doc("县")
    assert run_components(blank, doc) is doc
    assert handled == [(blank.pipe_names[0], "broken component")]
    with pytest.raises(RuntimeError, match="broken component"):
        run_components(_blank_with(fails), doc)
    with pytest.raises(ValueError, match="E109"):
        run_components(_blank_with(missing), doc)
    with pytest.raises(ValueError, match="E005"):
        run_components(_blank_with(lambda doc: None), doc)


def test_run_components_uses_a_component_own_error_handler():
    """A component with ``get_error_handler`` (as spaCy's trainable pipes have) gets its own."""
    from bulletin_nlp.pipeline import run_components

    handled = []

    class Failing:
        def __call__(self, doc):
            raise RuntimeError("own handler")

        def get_error_handler(self):
            return lambda name, proc, docs, error: handled.append(str(error))

    blank = _blank_with(Failing())
    doc = blank.make_doc("县")
    assert run_components(blank, doc) is doc
    assert handled == ["own handler"]


def test_run_components_over_runs_each_component_over_every_doc_before_the_next():
    """Component by component, each over the Docs in order; a failing Doc goes to the error
    handler and the others go on, as one by one."""
    from bulletin_nlp.pipeline import run_components_over

    seen = []

    def first(doc):
        if doc.text == "坏":
            raise RuntimeError("bad doc")
        seen.append(("first", doc.text))
        return doc

    handled = []
    blank = _blank_with(first, lambda doc: seen.append(("second", doc.text)) or doc)
    blank.set_error_handler(lambda name, proc, docs, error: handled.append([doc.text for doc in docs]))
    docs = [blank.make_doc(text) for text in ("县", "坏", "镇")]
    assert run_components_over(blank, docs) == docs
    assert seen == [("first", "县"), ("first", "镇"), ("second", "县"), ("second", "坏"), ("second", "镇")]
    assert handled == [["坏"]]


def test_item_topics_pipe_gives_each_doc_what_it_gets_alone(nlp):
    """The items of several Docs classified in one call: each Doc's topics (and a Doc without
    items, its cats) as the component gives them one Doc at a time."""
    from bulletin_nlp.entities.context import BulletinContext, layout_context, set_context, stored_context
    from bulletin_nlp.layout.reader import parse_layout
    from bulletin_nlp.text.fold import fold

    texts = [path.read_text("utf-8") for path in sorted(SAMPLES.glob("*.txt"))][:3]
    component = nlp.get_pipe("bulletin_item_topics")

    def docs():
        made = [nlp.make_doc(text) for text in texts]
        for doc, text in zip(made, texts, strict=True):
            set_context(doc, layout_context(parse_layout(text, fold(text))))
        set_context(made[1], BulletinContext(items=[]))  # a bulletin without items
        return [*made, nlp.make_doc("县民政局发放棉被。")]  # no context: classified as one item

    alone, together = [component(doc) for doc in docs()], list(component.pipe(docs()))
    assert sum(len(stored_context(doc)["items"]) for doc in alone[:3]) > 3
    for one, piped in zip(alone, together, strict=True):
        assert (stored_context(one) or {}).get("topics") == (stored_context(piped) or {}).get("topics")
        assert one.cats == piped.cats
    assert together[-1].cats


def test_run_components_over_uses_a_component_pipe_for_several_docs():
    """A component with ``pipe`` gets the Docs together (as ``nlp.pipe`` gives them), a single
    Doc by its ``__call__`` (as ``nlp(doc)``)."""
    from bulletin_nlp.pipeline import run_components_over

    calls = []

    class Batched:
        def __call__(self, doc):
            calls.append(("call", doc.text))
            return doc

        def pipe(self, docs, batch_size=16):
            docs = list(docs)
            calls.append(("pipe", [doc.text for doc in docs]))
            yield from docs

    blank = _blank_with(Batched())
    docs = [blank.make_doc(text) for text in ("县", "镇")]
    assert run_components_over(blank, docs) == docs
    assert run_components_over(blank, docs[:1]) == docs[:1]
    assert calls == [("pipe", ["县", "镇"]), ("call", "县")]


def test_analyse_many_in_groups_and_chunks_equals_one_by_one(nlp, monkeypatch):
    """Texts of one batch are analysed in groups (of a few texts and characters, here two and
    600), longer ones in chunks; every result is the one its text gives alone."""
    from bulletin_nlp import pipeline

    texts = [path.read_text("utf-8") for path in sorted(SAMPLES.glob("*.txt"))]
    texts = [*texts, *(text[:300] for text in texts), "县民政局", texts[0][:700]]
    monkeypatch.setattr(pipeline, "CHUNK_CHARS", 1_000)
    monkeypatch.setattr(pipeline, "GROUP_TEXTS", 2)
    monkeypatch.setattr(pipeline, "GROUP_CHARS", 600)
    calls = []
    analyse_group = pipeline._analyse_group
    monkeypatch.setattr(pipeline, "_analyse_group",
                        lambda layouts, nlp: calls.append(len(layouts)) or analyse_group(layouts, nlp))
    batch = bulletin_nlp.parse_batch(texts, nlp=nlp)
    assert max(calls) == 2 and sum(calls) == sum(len(text) <= 1_000 for text in texts) < len(texts)
    assert [bulletin.to_dict() for bulletin in batch] == [bulletin_nlp.parse(text, nlp=nlp).to_dict() for text in texts]


@given(st.lists(st.integers(min_value=0, max_value=50), max_size=40), st.integers(min_value=1, max_value=5),
       st.integers(min_value=1, max_value=80))
def test_groups_keep_the_order_within_both_bounds(lengths, most_texts, most_chars):
    from bulletin_nlp import pipeline

    texts = ["字" * length for length in lengths]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "GROUP_TEXTS", most_texts)
        patch.setattr(pipeline, "GROUP_CHARS", most_chars)
        groups = pipeline._groups(list(range(len(texts))), texts)
    assert [i for group in groups for i in group] == list(range(len(texts)))
    for group in groups:
        assert 1 <= len(group) <= most_texts
        assert len(group) == 1 or sum(lengths[i] for i in group) <= most_chars
    for group, following in itertools.pairwise(groups):  # a group closes only when the next text would not fit
        assert len(group) == most_texts or sum(lengths[i] for i in [*group, following[0]]) > most_chars


def test_run_components_calls_a_language_subclass_own_call():
    """A Language whose ``__call__`` is its own is called, not bypassed."""
    from spacy.lang.zh import Chinese

    from bulletin_nlp.pipeline import run_components

    class Counting(Chinese):
        calls = 0

        def __call__(self, text, **kwargs):
            Counting.calls += 1
            return super().__call__(text, **kwargs)

    counting = Counting()
    run_components(counting, counting.make_doc("县"))
    assert Counting.calls == 1


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["县", "民政局", "6500", "条", "\n", "  ", "。", "王楼镇"]), st.booleans()),
                min_size=1, max_size=12),
       st.sets(st.integers(min_value=0, max_value=60), max_size=6), st.booleans())
def test_with_boundaries_at_splits_only_inside_tokens_and_keeps_the_text(nlp, pieces, offsets, with_ents):
    """The copy's tokens are the Doc's, cut at each offset inside one (a token left whole is
    the same lexeme, given by its id): the same text, spaces, span groups (label and kb id) and
    entity annotation (none where the Doc has none)."""
    from spacy.tokens import Doc, Span

    from bulletin_nlp.entities.components import with_boundaries_at

    doc = Doc(nlp.vocab, words=[word for word, _ in pieces], spaces=[space for _, space in pieces])
    doc.spans["kept"] = [Span(doc, 0, 1, label="AGENCY", kb_id="县民政局"), Span(doc, len(doc) - 1, len(doc))]
    if with_ents:
        doc.ents = [Span(doc, len(doc) - 1, len(doc), label="TOWNSHIP", kb_id="410726100")]
    cuts = {token.idx + len(token) for token in doc} | {token.idx for token in doc}
    inside = {offset for offset in offsets for token in doc if token.idx < offset < token.idx + len(token)}
    copy = with_boundaries_at(doc, set(offsets))
    assert copy.text == doc.text
    assert {token.idx for token in copy} == {token.idx for token in doc} | inside
    assert {token.idx + len(token) for token in copy} <= cuts | inside
    assert [token.orth for token in copy if token.idx in cuts and token.idx + len(token) in cuts] == [
        token.orth for token in doc if not any(token.idx < offset < token.idx + len(token) for offset in inside)]

    def spans(group):
        return [(span.start_char, span.end_char, span.label_, span.kb_id_) for span in group]

    assert spans(copy.spans["kept"]) == spans(doc.spans["kept"])
    assert spans(copy.ents) == spans(doc.ents)
    assert copy.has_annotation("ENT_IOB") == with_ents


def test_mentions_walked_in_turn_are_those_read_by_index():
    """The facts read the entities as mentions in view offsets, in turn (``_group``) and by index."""
    from array import array

    from bulletin_nlp.bulletin import Entity
    from bulletin_nlp.parsing import _Mentions

    entities = (Entity("AGENCY", 10, 14, "县民政局", canonical="县民政局"), Entity("QUANTITY", 20, 27, "6500 条"),
                Entity("TOWNSHIP", 30, 33, "王楼镇", canonical="王楼镇", code="410726104"))
    mentions = _Mentions(entities, array("i", [4, 8, 12, 19, 22, 25]))
    assert list(mentions) == [mentions[i] for i in range(3)] == mentions[:]
    assert [(m.label, m.start, m.end, m.canonical, m.code) for m in mentions] == [
        ("AGENCY", 4, 8, "县民政局", None), ("QUANTITY", 12, 19, None, None),
        ("TOWNSHIP", 22, 25, "王楼镇", "410726104")]
    with pytest.raises(ValueError):
        list(_Mentions(entities, array("i", [4, 8, 12, 19])))  # a pair of offsets short
