"""Shared fixtures: the default pipeline (loaded once) and the labelled corpus records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"


def corpus_records(*names: str) -> list[dict]:
    """Records of ``corpus/<name>.jsonl`` files that exist, in order."""
    records = []
    for name in names:
        path = CORPUS / f"{name}.jsonl"
        if path.exists():
            records.extend(json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip())
    return records


def record_id(record: dict) -> str:
    return record["id"]


@pytest.fixture(scope="session")
def nlp():
    from bulletin_nlp import load

    return load()


@pytest.fixture(scope="session")
def parse(nlp):
    """``bulletin_nlp.parse`` bound to the session's pipeline."""
    from bulletin_nlp import parse as _parse

    return lambda text: _parse(text, nlp=nlp)
