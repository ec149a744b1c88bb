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
    "seeds.jsonl": "d5e89535d1324d237d005d9e6e89d0c1de2ebfa93d4c2eef6c07febadb699186",
    "dev.jsonl": "ad2b5342c27a8c638bd1a8f90e3c18e44a8e1bcb41f5fbc1f1ce2624f3d0ed6e",
    "test.jsonl": "73bfb9e1ae6dc7eefe23ff18cee75893702486d3abef932d4649c62b078f8077",
    "holdout.jsonl": "8346cb81d8efa7868e549d6c4ea2f001a0c512d4548bec2b3e7ec4e1fa1890f6",
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
