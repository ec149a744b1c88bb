"""Item-topic classifier: training, numpy inference, safe persistence, items CSV, shipped model.

Small models are trained on the 21 items of the seed bulletins (corpus/seeds.jsonl) plus the
taxonomy pseudo-items, so each fit takes a second or two.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import zipfile
from pathlib import Path

import numpy as np
import pytest

from bulletin_nlp.bulletin import Bulletin, Item, Section
from bulletin_nlp.corpus.records import item_records, read_records
from bulletin_nlp.errors import ModelError
from bulletin_nlp.topics.items_csv import COLUMNS, ItemsCsvError, read_items_csv, write_items_csv
from bulletin_nlp.topics.model import ARRAYS_FILE, MODEL_FILE, TopicClassifier, _manifest_sha, _write_npz
from bulletin_nlp.topics.taxonomy import topic_codes
from bulletin_nlp.topics.train import corpus_sha256, data_files, taxonomy_items, train_topics
from tests.support import ROOT

SHIPPED = ROOT / "models" / "topics"
NEW_ITEM = {"section": "生态环境保护", "headline": "县生态环境局开展大气污染防治专项检查",
            "body": "检查涉气企业 12 家，督促整改扬尘问题 5 处。", "sources": ["生态环境局"]}


@pytest.fixture(scope="module")
def seed_items() -> list[dict]:
    return item_records(read_records(ROOT / "corpus" / "seeds.jsonl")) + taxonomy_items()


@pytest.fixture(scope="module")
def fitted(seed_items) -> TopicClassifier:
    return TopicClassifier().fit(seed_items, [it["topic"] for it in seed_items])


@pytest.fixture()
def saved(fitted, tmp_path) -> Path:
    return fitted.save(tmp_path / "model")


def _arrays(directory: Path) -> dict[str, np.ndarray]:
    with np.load(directory / ARRAYS_FILE, allow_pickle=False) as npz:
        return {k: npz[k] for k in npz.files}


def _rewrite_manifest(directory: Path, **changes) -> None:
    """Edit model.json and re-sign it, as a careless tool (not a corruption) would."""
    manifest = json.loads((directory / MODEL_FILE).read_text("utf-8"))
    manifest.update(changes)
    manifest["manifest_sha256"] = _manifest_sha(manifest)
    (directory / MODEL_FILE).write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")


def test_topics_every_code_scored(fitted):
    (topic, scores), = fitted.predict([NEW_ITEM])
    assert list(scores) == list(topic_codes())
    assert sum(scores.values()) == pytest.approx(1.0)
    assert topic == max(scores, key=scores.get) == "environment"


def test_topics_empty_item_gets_a_topic(fitted):
    (topic, scores), = fitted.predict([{"section": None, "headline": "", "body": "", "sources": []}])
    assert topic in topic_codes() and len(scores) == len(topic_codes())


def test_topics_training_deterministic(seed_items, fitted, tmp_path):
    again = TopicClassifier().fit(seed_items, [it["topic"] for it in seed_items])
    a, b = fitted.save(tmp_path / "a"), again.save(tmp_path / "b")
    for name in (MODEL_FILE, ARRAYS_FILE):
        assert (a / name).read_bytes() == (b / name).read_bytes()


def test_topics_numpy_inference_matches_sklearn(fitted, seed_items):
    items = [*seed_items, NEW_ITEM]
    ours = np.array([[s[c] for c in fitted._fitted.classes] for s in fitted.predict_scores(items)])
    np.testing.assert_allclose(ours, fitted.sklearn_scores(items), rtol=0, atol=1e-12)


def test_topics_prior_block_scores_no_items_and_some(seed_items):
    from bulletin_nlp.topics.model import DEFAULT_BLOCKS, Block, Config

    labels = [it["topic"] for it in seed_items]
    clf = TopicClassifier(Config(blocks=(*DEFAULT_BLOCKS, Block("prior", "prior", weight=0.5)))).fit(seed_items, labels)
    assert clf.decision([]).shape == (0, len(clf._fitted.classes))
    assert clf.decision(iter(seed_items[:2])).shape == (2, len(clf._fitted.classes))


def test_topics_many_items_are_scored_in_batches_as_one_by_one(fitted, seed_items):
    items = (seed_items * (TopicClassifier._BATCH // len(seed_items) + 2))[: TopicClassifier._BATCH + 7]
    together = fitted.decision(items)
    alone = np.vstack([fitted.decision([it]) for it in items])
    np.testing.assert_allclose(together, alone, rtol=0, atol=1e-12)


def test_topics_fit_on_rows_equals_fit_on_subset(seed_items):
    """Cross-validation shares the counting; a fold model must equal one trained on the fold alone."""
    labels = [it["topic"] for it in seed_items]
    rows = list(range(3, len(seed_items)))
    clf = TopicClassifier()
    shared = TopicClassifier().fit_counts(clf.count(clf.block_docs(seed_items)), labels[3:], rows=rows)
    alone = TopicClassifier().fit(seed_items[3:], labels[3:])
    assert shared._fitted.vocab == alone._fitted.vocab
    np.testing.assert_allclose(shared._fitted.coef, alone._fitted.coef, rtol=0, atol=1e-9)  # summation order


def test_topics_save_load_roundtrip(fitted, saved, seed_items):
    loaded = TopicClassifier.load(saved)
    items = [*seed_items, NEW_ITEM]
    assert loaded.predict_scores(items) == fitted.predict_scores(items)


def test_topics_unfitted_raises():
    with pytest.raises(ModelError, match="not trained"):
        TopicClassifier().predict([NEW_ITEM])


def _flip_byte(d: Path) -> None:
    data = bytearray((d / ARRAYS_FILE).read_bytes())
    data[len(data) // 2] ^= 0xFF
    (d / ARRAYS_FILE).write_bytes(bytes(data))


def _edit_vocab(d: Path) -> None:
    text = (d / MODEL_FILE).read_text("utf-8")
    (d / MODEL_FILE).write_text(text.replace('"生态', '"生杰', 1), "utf-8")


def _pickled_arrays(d: Path) -> None:
    """Arrays holding a pickled object, with matching hashes: must still be refused."""
    buf = io.BytesIO()
    np.save(buf, np.array([{"x": 1}], dtype=object), allow_pickle=True)
    with zipfile.ZipFile(d / ARRAYS_FILE, "w") as zf:
        for name, arr in _arrays_before[0].items():
            if name == "coef":
                continue
            b = io.BytesIO()
            np.save(b, arr)
            zf.writestr(f"{name}.npy", b.getvalue())
        zf.writestr("coef.npy", buf.getvalue())
    manifest = json.loads((d / MODEL_FILE).read_text("utf-8"))
    _rewrite_manifest(d, arrays={**manifest["arrays"],
                                 "sha256": hashlib.sha256((d / ARRAYS_FILE).read_bytes()).hexdigest()})


def _wrong_shape(d: Path) -> None:
    arrays = _arrays(d)
    arrays["coef"] = arrays["coef"][:, :-1]
    _write_npz(d / ARRAYS_FILE, arrays)
    manifest = json.loads((d / MODEL_FILE).read_text("utf-8"))
    _rewrite_manifest(d, arrays={**manifest["arrays"],
                                 "sha256": hashlib.sha256((d / ARRAYS_FILE).read_bytes()).hexdigest()})


_arrays_before: list[dict[str, np.ndarray]] = []
CORRUPTIONS = {
    "arrays missing": (lambda d: (d / ARRAYS_FILE).unlink(), "cannot read"),
    "arrays truncated": (lambda d: (d / ARRAYS_FILE).write_bytes((d / ARRAYS_FILE).read_bytes()[:100]), "SHA-256"),
    "arrays byte flipped": (_flip_byte, "SHA-256"),
    "manifest missing": (lambda d: (d / MODEL_FILE).unlink(), "no topic model"),
    "manifest not json": (lambda d: (d / MODEL_FILE).write_text("{", "utf-8"), "not a readable"),
    "manifest vocabulary edited": (_edit_vocab, "manifest was modified"),
    "other format": (lambda d: _rewrite_manifest(d, format="something.else"), "not a bulletin_nlp topic model"),
    "newer format version": (lambda d: _rewrite_manifest(d, format_version=99), "format version 99"),
    "other taxonomy": (lambda d: _rewrite_manifest(d, codes=["a", "b"]), "taxonomy now has"),
    "coef shape": (_wrong_shape, "shapes do not match"),
    "pickle inside arrays": (_pickled_arrays, "unreadable model arrays|not finite"),
}


@pytest.mark.parametrize("corruption", list(CORRUPTIONS), ids=lambda c: c.replace(" ", "-"))
def test_topics_corrupted_model_refused(saved, corruption):
    damage, message = CORRUPTIONS[corruption]
    _arrays_before[:] = [_arrays(saved)]
    damage(saved)
    with pytest.raises(ModelError, match=message):
        TopicClassifier.load(saved)


def test_topics_missing_directory_refused(tmp_path):
    with pytest.raises(ModelError, match="bulletin-nlp train"):
        TopicClassifier.load(tmp_path / "nowhere")


# ----------------------------------------------------------------------------- items CSV
def _bulletin() -> Bulletin:
    scores = {c: 0.0 for c in topic_codes()} | {"environment": 0.9, "health": 0.1}
    items = (Item(headline="县生态环境局开展检查", body="检查企业 12 家，“清新”行动。",
                  sources=("生态环境局", "王楼镇"), start=0, end=10, topic="environment", topic_scores=scores),
             Item(headline="", body="没有标题的条目,含逗号\n和换行", sources=(), start=11, end=20))
    sections = (Section("生态环境保护", 0, 10, items[:1]), Section(None, 11, 20, items[1:]))
    return Bulletin(title="延津政务快报", sections=sections)


def test_topics_csv_roundtrip(tmp_path):
    path = tmp_path / "items.csv"
    assert write_items_csv([("a/b.txt", _bulletin())], path) == 2
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert tuple(rows[0]) == COLUMNS and rows[0]["score"] == "0.9000" and rows[1]["topic"] == ""
    items = read_items_csv(path)  # the unlabelled second row is skipped
    assert items == [{"id": "a/b.txt#2", "bulletin": "a/b.txt", "section": "生态环境保护",
                      "headline": "县生态环境局开展检查", "body": "检查企业 12 家，“清新”行动。",
                      "sources": ["生态环境局", "王楼镇"], "topic": "environment", "origin": "user"}]
    rows[1]["topic"] = "卫生健康"  # a Chinese topic name is accepted
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, COLUMNS)
        w.writeheader()
        w.writerows(rows)
    again = read_items_csv(path)
    assert [it["topic"] for it in again] == ["environment", "health"]
    assert again[1]["body"] == "没有标题的条目,含逗号\n和换行" and again[1]["section"] is None


def test_topics_csv_unknown_topic_names_row(tmp_path):
    path = tmp_path / "items.csv"
    path.write_text("bulletin,section,headline,body,sources,topic,score\n"
                    "x,s,h,b,,environment,\nx,s,h,b,,enviroment,\n", "utf-8")
    with pytest.raises(ItemsCsvError, match=r"row 3: unknown topic 'enviroment'"):
        read_items_csv(path)


def test_topics_csv_missing_column(tmp_path):
    path = tmp_path / "items.csv"
    path.write_text("headline,body\nh,b\n", "utf-8")
    with pytest.raises(ItemsCsvError, match="missing column"):
        read_items_csv(path)


# ----------------------------------------------------------------------------- train_topics
def test_topics_train_keeps_previous_model(tmp_path):
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


def test_topics_train_from_csv_with_cv(tmp_path, fitted):
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


# ----------------------------------------------------------------------------- shipped model
def test_topics_shipped_model_matches_corpus():
    """Fails when the corpus changed and models/topics was not retrained:
    run ``python scripts/train_topics.py`` (= ``bulletin-nlp train corpus --out models/topics``)."""
    meta = json.loads((SHIPPED / "meta.json").read_text("utf-8"))
    files = data_files([ROOT / p for p in meta["data"]])
    assert corpus_sha256(files) == meta["corpus"]["sha256"], "corpus changed: retrain models/topics"
    assert [f["path"] for f in meta["corpus"]["files"]] == [f.relative_to(ROOT).as_posix() for f in files]


def test_topics_shipped_model_loads_and_is_small():
    clf = TopicClassifier.load(SHIPPED)
    (topic, scores), = clf.predict([NEW_ITEM])
    assert topic == "environment" and set(scores) == set(topic_codes())
    assert sum(f.stat().st_size for f in SHIPPED.iterdir()) < 5_000_000
    meta = json.loads((SHIPPED / "meta.json").read_text("utf-8"))
    assert "MIT" in meta["license"] and meta["cv"]
