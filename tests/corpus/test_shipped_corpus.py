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
    "dev.jsonl": "96b8a1a42e3349f30c545c8f75c81509296a9dc8a1515c0503e05d2012132065",
    "test.jsonl": "270c18ed1c3b709a5e704042473da7bc8ed2b85848849c9ed8834247c738c09a",
}


@pytest.mark.parametrize("name", sorted(RECORDED))
def test_shipped_corpus_gold_unchanged(name):
    digest = hashlib.sha256((CORPUS / name).read_bytes()).hexdigest()
    assert digest == RECORDED[name], f"{name} changed: if deliberate, record {digest}"


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.jsonl")))
def test_shipped_corpus_file_passes_check_corpus(name):
    assert check_corpus(CORPUS / name) == {}
