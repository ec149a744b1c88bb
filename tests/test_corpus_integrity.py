"""The labelled corpus in corpus/: valid, and never changed silently.

Gold is made by reading the text (docs/annotation.md). A change to a gold file must be
deliberate: update the recorded SHA-256 below in the same commit, and retrain what is trained
on it (the topic model records the hashes it saw; tests/test_topics.py checks them).
"""

from __future__ import annotations

import hashlib

import pytest

from bulletin_nlp.corpus.records import check_corpus
from conftest import CORPUS

RECORDED = {
    "seeds.jsonl": "d5e89535d1324d237d005d9e6e89d0c1de2ebfa93d4c2eef6c07febadb699186",
    "dev.jsonl": "737ab87f8cc945b0d9df6344d47d2d79673f832419080f2bcb7646c0cf6df67a",
    "test.jsonl": "ecb93f9cd891cd8dace687de1731ed32e5a6cf768b1b7d7291611c0597d7a6b6",
}


@pytest.mark.parametrize("name", sorted(RECORDED))
def test_corpus_gold_unchanged(name):
    digest = hashlib.sha256((CORPUS / name).read_bytes()).hexdigest()
    assert digest == RECORDED[name], f"{name} changed: if deliberate, record {digest}"


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.jsonl")))
def test_corpus_file_passes_check_corpus(name):
    assert check_corpus(CORPUS / name) == {}
