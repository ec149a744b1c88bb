"""Training a topic model from corpus files or an items CSV (topics/train.py), and the shipped model's provenance."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bulletin_nlp.bulletin import Bulletin, Item, Section
from bulletin_nlp.corpus.records import item_records, read_records
from bulletin_nlp.topics.items_csv import write_items_csv
from bulletin_nlp.topics.model import TopicClassifier
from bulletin_nlp.topics.storage import ARRAYS_FILE, MODEL_FILE
from bulletin_nlp.topics.train import apply_user_labels, corpus_sha256, data_files, train_topics
from tests.support import NEW_ITEM, ROOT

SHIPPED = ROOT / "models" / "topics"


def test_train_keeps_previous_model(tmp_path):
    shutil.copy(ROOT / "corpus" / "seeds.jsonl", tmp_path / "seeds.jsonl")
    out = tmp_path / "model"
    first = train_topics(tmp_path / "seeds.jsonl", out, cv=False)
    assert first["previous_model_dir"] is None
    second = train_topics(tmp_path / "seeds.jsonl", out, cv=False)
    previous = Path(second["previous_model_dir"])
    assert previous.name.startswith("model.previous-")
    for name in (MODEL_FILE, ARRAYS_FILE):  # same data and seed: same model, kept twice
        assert (previous / name).read_bytes() == (out / name).read_bytes()
    meta = json.loads((out / "meta.json").read_text("utf-8"))
    assert meta["corpus"]["sha256"] == corpus_sha256([tmp_path / "seeds.jsonl"])
    assert meta["versions"]["scikit-learn"] and meta["taxonomy"] and meta["created"]
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("mine", "utf-8")
    with pytest.raises(ValueError, match="refusing"):
        train_topics(tmp_path / "seeds.jsonl", tmp_path / "other", cv=False)


def _labelled(headline: str, topic: str, file: str, item_id: str) -> dict:
    return {"id": item_id, "section": None, "headline": headline, "body": "正文 12 项", "sources": [],
            "topic": topic, "group": None, "file": file}


def test_train_user_labels_replace_corpus_items_of_same_text():
    items = [_labelled("县水利局推进灌区改造", "agriculture_rural", "corpus/a.jsonl", "a/0.0"),
             _labelled("县卫健委开展义诊", "health", "corpus/a.jsonl", "a/0.1"),
             _labelled("县水利局推进灌区改造", "water_resources", "mine.csv", "b#2"),   # same text, relabelled
             _labelled("县卫健委开展义诊 ", "health", "mine.csv", "b#3"),           # same text, same topic
             _labelled("县审计局开展审计", "fiscal_audit", "mine.csv", "b#4"),
             _labelled("县审计局开展审计", "government_affairs", "other.csv", "c#2")]  # CSVs disagree
    kept, report = apply_user_labels(items)
    assert [item["id"] for item in kept] == ["b#2", "b#3", "c#2"]
    assert report["replaced"] == 2
    assert [(conflict["source"], conflict["corpus_topics"], conflict["topic"]) for conflict in report["conflicts"]] == [
        ("b#2", ["agriculture_rural"], "water_resources")]
    assert report["csv_conflicts"][0]["rows"] == ["b#4", "c#2"]


def test_train_default_out_is_a_new_named_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    meta = train_topics(ROOT / "corpus" / "seeds.jsonl", cv=False)
    out = Path(meta["model_dir"])
    assert out.name.startswith("topic-model-") and out.parent == Path(".") and (tmp_path / out / MODEL_FILE).is_file()


def test_train_refuses_the_shipped_model_folder(tmp_path):
    before = (SHIPPED / ARRAYS_FILE).read_bytes()
    with pytest.raises(ValueError, match="shipped"):
        train_topics(ROOT / "corpus" / "seeds.jsonl", SHIPPED, cv=False)
    assert (SHIPPED / ARRAYS_FILE).read_bytes() == before


def test_train_from_csv_with_cv(tmp_path):
    bulletins = []
    for rec in read_records(ROOT / "corpus" / "seeds.jsonl"):
        its = item_records([rec])
        items = tuple(Item(headline=i["headline"], body=i["body"], sources=tuple(i["sources"]), start=0, end=1,
                           topic=i["topic"], topic_scores={i["topic"]: 1.0}) for i in its)
        bulletins.append((rec["id"], Bulletin(sections=(Section(None, 0, 1, items),))))
    write_items_csv(bulletins, tmp_path / "items.csv")
    meta = train_topics([tmp_path / "items.csv"], tmp_path / "m", seed=0)
    cv = meta["cv"]["leave_one_bulletin_out"]
    assert cv["folds"] == 3 and cv["items"] == 21
    assert 0.0 <= cv["model"]["accuracy_mean"] <= 1.0 and "baseline_rules" in cv
    (topic, _), = TopicClassifier.load(tmp_path / "m").predict([NEW_ITEM])
    assert topic == "environment"


def test_train_shipped_model_matches_corpus():
    """Fails when the corpus changed and models/topics was not retrained:
    run ``python scripts/train_topics.py`` (= ``bulletin-nlp train corpus --out models/topics``)."""
    meta = json.loads((SHIPPED / "meta.json").read_text("utf-8"))
    files = data_files([ROOT / p for p in meta["data"]])
    assert corpus_sha256(files) == meta["corpus"]["sha256"], "corpus changed: retrain models/topics"
    assert [f["path"] for f in meta["corpus"]["files"]] == [f.relative_to(ROOT).as_posix() for f in files]
