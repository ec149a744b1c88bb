"""The spaCy pipeline: registered names, lossless tokenizer, aligned entity spans, serialisation."""

from __future__ import annotations

import pytest
import spacy

import bulletin_nlp
from bulletin_nlp.pipeline import COMPONENTS
from tests.support import SAMPLES, SENTENCE


def test_pipeline_component_names_are_stable(nlp):
    assert tuple(nlp.pipe_names) == COMPONENTS
    assert COMPONENTS == (
        "bulletin_agency_ruler",
        "bulletin_township_ruler",
        "bulletin_quantity_ruler",
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


def test_pipeline_quantity_inside_township_name_is_dropped(nlp):
    doc = nlp.make_doc("引导二台、大囫囵等乡镇发展订单种植")
    doc.user_data["bulletin_county"] = "130722"  # 张北县, which has a township 二台镇
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


