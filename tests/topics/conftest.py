"""Fixtures of the topic tests: the seed items and a classifier fitted on them."""

from __future__ import annotations

from pathlib import Path

import pytest

from bulletin_nlp.corpus.records import item_records, read_records
from bulletin_nlp.topics.model import TopicClassifier
from bulletin_nlp.topics.train import taxonomy_items
from tests.support import ROOT


@pytest.fixture(scope="module")
def seed_items() -> list[dict]:
    return item_records(read_records(ROOT / "corpus" / "seeds.jsonl")) + taxonomy_items()


@pytest.fixture(scope="module")
def fitted(seed_items) -> TopicClassifier:
    return TopicClassifier().fit(seed_items, [it["topic"] for it in seed_items])


@pytest.fixture()
def saved(fitted, tmp_path) -> Path:
    return fitted.save(tmp_path / "model")
