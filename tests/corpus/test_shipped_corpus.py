"""The labelled corpus in corpus/: valid, and never changed silently.

Gold is made by reading the text (docs/annotation.md). A change to a gold file must be
deliberate: update the recorded SHA-256 below in the same commit, and retrain what is trained
on it (the topic model records the hashes it saw; tests/topics/test_train.py checks them).
"""

from __future__ import annotations

import hashlib

import pytest

from bulletin_nlp.corpus.records import check_corpus
from tests.support import CORPUS

RECORDED = {
    "seeds.jsonl": "c0b1062a3aa0a7c4520c7aac710687c00c441a61690d47d16abea803530393ff",
    "dev.jsonl": "dde950e7a8a6b2d433fc68e13413502f09e863aef9543f77f3b9ab67faedbf62",
    "test.jsonl": "939832a2b808678c9d818f05c08c74544c6809affec9a8ec782675686c504243",
    "holdout.jsonl": "103560b1d1fb82f2548e5e7377a5e5602e299570edcbbb47558b86cd61c0b271",
    "topics/holdout_boundary_items.jsonl": "036436dc757c60b6c6e2ae37ff4617ac5c497828d3053704f6f2c2770cbe87a5",
    "topics/holdout_items.jsonl": "73629ab9694dd87b4280b179f2921bec04e1d53ff6d70ec06beb366a45be4572",
}


@pytest.mark.parametrize("name", sorted(RECORDED))
def test_shipped_corpus_gold_unchanged(name):
    digest = hashlib.sha256((CORPUS / name).read_bytes()).hexdigest()
    assert digest == RECORDED[name], f"{name} changed: if deliberate, record {digest}"


@pytest.mark.parametrize("name", sorted(path.relative_to(CORPUS).as_posix()
                                         for path in [*CORPUS.glob("*.jsonl"), *CORPUS.glob("topics/*.jsonl")]))
def test_shipped_corpus_file_passes_check_corpus(name):
    assert check_corpus(CORPUS / name) == {}
