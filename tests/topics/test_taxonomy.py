"""The item-topic taxonomy shipped as package data (topics/taxonomy.py)."""

from __future__ import annotations

from bulletin_nlp.topics.taxonomy import load_taxonomy, topic_codes
from tests.support import ROOT


def test_taxonomy_package_data_matches_docs() -> None:
    tax = load_taxonomy()
    assert len(tax) == 12 and len(set(topic_codes())) == 12
    assert {"code", "name", "description", "headings"} <= set(tax[0])
    doc = (ROOT / "docs" / "taxonomy.md").read_text(encoding="utf-8")
    for t in tax:
        assert f"`{t['code']}` | {t['name']} |" in doc
    assert next(t for t in tax if t["code"] == "transport_urban")["headings"] == []
