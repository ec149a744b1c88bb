"""Item-topic classifier (topics/model.py): fitting, numpy inference, saving and loading, the shipped model.

Small models are trained on the 21 items of the seed bulletins (corpus/seeds.jsonl) plus the
taxonomy pseudo-items (fixtures in conftest.py), so each fit takes a second or two.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from bulletin_nlp.errors import ModelError
from bulletin_nlp.topics.model import TopicClassifier
from bulletin_nlp.topics.storage import ARRAYS_FILE, MODEL_FILE
from bulletin_nlp.topics.taxonomy import topic_codes
from tests.support import NEW_ITEM, ROOT

SHIPPED = ROOT / "models" / "topics"


def test_model_every_code_scored(fitted):
    (topic, scores), = fitted.predict([NEW_ITEM])
    assert list(scores) == list(topic_codes())
    assert sum(scores.values()) == pytest.approx(1.0)
    assert topic == max(scores, key=scores.get) == "environment"


def test_model_empty_item_gets_a_topic(fitted):
    (topic, scores), = fitted.predict([{"section": None, "headline": "", "body": "", "sources": []}])
    assert topic in topic_codes() and len(scores) == len(topic_codes())


def test_model_training_deterministic(seed_items, fitted, tmp_path):
    again = TopicClassifier().fit(seed_items, [it["topic"] for it in seed_items])
    a, b = fitted.save(tmp_path / "a"), again.save(tmp_path / "b")
    for name in (MODEL_FILE, ARRAYS_FILE):
        assert (a / name).read_bytes() == (b / name).read_bytes()


def test_model_numpy_inference_matches_sklearn(fitted, seed_items):
    items = [*seed_items, NEW_ITEM]
    ours = np.array([[s[c] for c in fitted._fitted.classes] for s in fitted.predict_scores(items)])
    np.testing.assert_allclose(ours, fitted.sklearn_scores(items), rtol=0, atol=1e-12)


def test_model_prior_block_scores_no_items_and_some(seed_items):
    from bulletin_nlp.topics.config import DEFAULT_BLOCKS, Block, Config

    labels = [it["topic"] for it in seed_items]
    clf = TopicClassifier(Config(blocks=(*DEFAULT_BLOCKS, Block("prior", "prior", weight=0.5)))).fit(seed_items, labels)
    assert clf.decision([]).shape == (0, len(clf._fitted.classes))
    assert clf.decision(iter(seed_items[:2])).shape == (2, len(clf._fitted.classes))


def test_model_many_items_are_scored_in_batches_as_one_by_one(fitted, seed_items, monkeypatch):
    chars = sum(len(it.get("headline") or "") + len(it.get("body") or "") for it in seed_items)
    items = seed_items * (TopicClassifier._BATCH_CHARS // chars + 2)  # more than one batch
    together = fitted.decision(items)
    alone = np.vstack([fitted.decision([it]) for it in items])
    np.testing.assert_allclose(together, alone, rtol=0, atol=1e-12)
    for batch_chars in (300, 10**9):  # batches of a few items, and one of them all: the same to the bit
        monkeypatch.setattr(TopicClassifier, "_BATCH_CHARS", batch_chars)
        assert np.array_equal(fitted.decision(items), together)


def test_model_short_and_long_inputs_find_the_same_ngrams(fitted, seed_items, monkeypatch):
    """Without the compiled string index, short inputs look n-grams up one by one and long ones
    walk the vocabulary trie: the decision values must be bit-identical either way, for one
    item and for many."""
    import bulletin_nlp.topics.model as model

    items = [*seed_items, NEW_ITEM]
    assert sum(len(it["headline"] or "") + len(it["body"] or "") for it in items) > model._DICT_CHARS
    monkeypatch.setattr(model, "COMPILED", False)
    by_lookup = [fitted.decision([it]) for it in items]
    together = fitted.decision(items)
    monkeypatch.setattr(model, "_DICT_CHARS", -1)
    by_trie = [fitted.decision([it]) for it in items]
    np.testing.assert_array_equal(np.vstack(by_lookup), np.vstack(by_trie))
    np.testing.assert_array_equal(np.vstack(by_lookup), together)


def test_model_fit_on_rows_equals_fit_on_subset(seed_items):
    """Cross-validation shares the counting; a fold model must equal one trained on the fold alone."""
    labels = [it["topic"] for it in seed_items]
    rows = list(range(3, len(seed_items)))
    clf = TopicClassifier()
    shared = TopicClassifier().fit_counts(clf.count(clf.block_docs(seed_items)), labels[3:], rows=rows)
    alone = TopicClassifier().fit(seed_items[3:], labels[3:])
    assert shared._fitted.vocab == alone._fitted.vocab
    np.testing.assert_allclose(shared._fitted.coef, alone._fitted.coef, rtol=0, atol=1e-9)  # summation order


def test_model_save_load_roundtrip(fitted, saved, seed_items):
    loaded = TopicClassifier.load(saved)
    items = [*seed_items, NEW_ITEM]
    assert loaded.predict_scores(items) == fitted.predict_scores(items)


def test_model_unfitted_raises():
    with pytest.raises(ModelError, match="not trained"):
        TopicClassifier().predict([NEW_ITEM])


def test_model_shipped_model_loads_and_is_small():
    clf = TopicClassifier.load(SHIPPED)
    (topic, scores), = clf.predict([NEW_ITEM])
    assert topic == "environment" and set(scores) == set(topic_codes())
    assert sum(f.stat().st_size for f in SHIPPED.iterdir()) < 5_000_000
    meta = json.loads((SHIPPED / "meta.json").read_text("utf-8"))
    assert "MIT" in meta["license"] and meta["cv"]


@pytest.mark.parametrize("compiled", [True, False])
def test_model_one_item_alone_is_its_row_of_a_batch_to_the_bit(seed_items, monkeypatch, compiled):
    """One item is scored without the batch's bookkeeping (``_decision_of_one``): its decision
    values must be those of its row when scored with other items, bit for bit, with the shipped
    model (char, section and agency blocks), with and without the compiled string index."""
    import bulletin_nlp.topics.model as model

    if compiled and not model.COMPILED:
        pytest.skip("the compiled string index is not built")
    monkeypatch.setattr(model, "COMPILED", compiled)
    clf = TopicClassifier.load(SHIPPED)
    items = [*seed_items, NEW_ITEM, {"section": "", "headline": "", "body": "", "sources": []},
             {"section": "安全生产", "headline": "", "body": "一", "sources": ["县应急管理局", "", "应急局"]}]
    together = clf.decision(items)
    alone = np.vstack([clf.decision([item]) for item in items])
    np.testing.assert_array_equal(alone, together)


def _long_items(clf: TopicClassifier, seed: int) -> list[dict]:
    """Items made of the model's own vocabulary (many distinct and repeated terms): 3 to about
    4,000 n-grams, so that the class sums run through every depth of numpy's pairwise sum."""
    rng = np.random.default_rng(seed)
    vocabulary = clf.arrays().vocab["text"]
    items = []
    for length in (3, 40, 130, 300, 700, 1300):
        words = rng.choice(vocabulary, size=length)
        body = "".join(words)[:length]
        items.append({"section": "", "headline": "", "body": body, "sources": []})
        items.append({"section": "工作动态", "headline": body[:25], "body": body * 2, "sources": ["县教育局"]})
    return items


@pytest.mark.parametrize("sublinear", [True, False])
def test_model_compiled_decision_is_numpy_decision_to_the_bit(seed_items, monkeypatch, sublinear):
    """The compiled decision (``topics/_decision.pyx``) of one item and of batches gives the numpy
    code's values bit for bit: the shipped model, and a model whose text block counts raw term
    frequencies."""
    import bulletin_nlp.topics.model as model
    from bulletin_nlp.topics.config import Block, Config

    if model._decision is None:
        pytest.skip("the compiled decision is not built")
    if sublinear:
        clf = TopicClassifier.load(SHIPPED)
    else:
        blocks = (Block("text", "char", "text", (1, 3), 1.0, min_df=1, sublinear_tf=False),
                  Block("section", "char", "section", (1, 3), 0.2), Block("agency", "agency", weight=0.2))
        clf = TopicClassifier(Config(blocks=blocks)).fit(seed_items, [item["topic"] for item in seed_items])
    items = [*seed_items, NEW_ITEM, {"section": "", "headline": "", "body": "", "sources": []},
             {"section": "", "headline": "", "body": "\u2603", "sources": []}, *_long_items(clf, 7)]
    monkeypatch.setattr(model, "COMPILED_DECISION", True)
    compiled = [clf.decision([item]) for item in items]
    batches = (items[:-4], items)  # without the longest items, and with them (more terms than the log table)
    compiled_batches = [clf.decision(batch) for batch in batches]
    monkeypatch.setattr(model, "COMPILED_DECISION", False)
    numpy = [clf.decision([item]) for item in items]
    numpy_batches = [clf.decision(batch) for batch in batches]
    for item, fast, slow in zip(items, compiled, numpy, strict=True):
        assert fast.shape == slow.shape and fast.dtype == slow.dtype
        assert fast.tobytes() == slow.tobytes(), item["body"][:40]
    for batch, fast, slow in zip(batches, compiled_batches, numpy_batches, strict=True):
        assert fast.shape == slow.shape == (len(batch), len(clf.arrays().classes))
        assert fast.tobytes() == slow.tobytes()  # several items: decision_of_many


def test_model_decides_with_strided_arrays_as_older_scikit_learn_fits_them(seed_items, monkeypatch):
    """scikit-learn up to 1.7 gives ``intercept_`` as a strided view into its parameters and may
    give ``coef_`` in Fortran order: a model fitted from such arrays decides as one loaded from
    disk, compiled or not (it raised "ndarray is not C-contiguous" in the compiled decision)."""
    import dataclasses

    import bulletin_nlp.topics.model as model

    clf = TopicClassifier.load(SHIPPED)
    fitted = clf.arrays()
    wide = np.repeat(fitted.intercept, 3)[::3]  # the same values, every third element of a buffer
    strided = dataclasses.replace(fitted, coef=np.asfortranarray(fitted.coef), intercept=wide)
    assert not wide.flags["C_CONTIGUOUS"]
    assert strided.intercept.flags["C_CONTIGUOUS"] and strided.coef_t.flags["C_CONTIGUOUS"]
    items = [*seed_items[:5], NEW_ITEM]
    expected = clf.decision(items)
    clf._fitted = strided
    for compiled in (True, False) if model._decision is not None else (False,):
        monkeypatch.setattr(model, "COMPILED_DECISION", compiled)
        assert clf.decision(items).tobytes() == expected.tobytes()  # several items, and one alone
        assert clf.decision(items[:1]).tobytes() == expected[:1].tobytes()


def test_model_log_table_is_numpy_log_wherever_the_count_sits():
    """The compiled decision reads ``np.log(count) + 1.0`` from a table: numpy must give each
    count the same value whatever its place in the array (vector body or tail)."""
    clf = TopicClassifier.load(SHIPPED)
    table = clf._layout().log_tf
    counts = np.arange(1, len(table), dtype=np.float64)
    for offset in range(17):
        np.testing.assert_array_equal(np.log(counts[offset:]) + 1.0, table[1 + offset:])
    for count in (1, 2, 3, 7, 100, len(table) - 1):
        assert (np.log(np.array([count], dtype=np.float64)) + 1.0)[0] == table[count]


def test_model_compiled_decision_refuses_item_ranges_outside_the_terms():
    """``decision_of_many`` reads the terms without bounds checks: ranges that leave the terms or
    run backwards are refused before the loop."""
    import bulletin_nlp.topics.model as model

    if model._decision is None:
        pytest.skip("the compiled decision is not built")
    clf = TopicClassifier.load(SHIPPED)
    layout, fitted = clf._layout(), clf.arrays()
    column = np.array([3, 5, 8], dtype=np.int64)
    for starts in ([0, 4], [0, 2, 1], [-1, 3]):
        with pytest.raises(ValueError, match="non-decreasing"):
            model._decision.decision_of_many(column, np.array(starts, dtype=np.int64), layout.first_columns,
                                             layout.sublinear_flags, layout.log_tf, layout.idf, layout.weight,
                                             fitted.coef_t, fitted.intercept)
