"""Training a topic model from corpus files or an items CSV (topics/train.py), and the shipped model's provenance."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bulletin_nlp.bulletin import Bulletin, Item, Section
from bulletin_nlp.corpus.records import item_records, read_records
from bulletin_nlp.topics.items_csv import write_items_csv
from bulletin_nlp.topics.model import ARRAYS_FILE, MODEL_FILE, TopicClassifier
from bulletin_nlp.topics.train import corpus_sha256, data_files, train_topics
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
