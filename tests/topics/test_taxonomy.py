"""The item-topic taxonomy shipped as package data (topics/taxonomy.py)."""

from __future__ import annotations

from bulletin_nlp.topics.taxonomy import load_taxonomy, taxonomy_version, topic_codes
from tests.support import ROOT


def test_taxonomy_package_data_matches_docs() -> None:
    topics = load_taxonomy()
    assert len(topics) == 16 and len(set(topic_codes())) == 16
    assert {"code", "name", "description", "headings"} <= set(topics[0])
    doc = (ROOT / "docs" / "taxonomy.md").read_text(encoding="utf-8")
    assert doc.startswith(f"# Item topics (version {taxonomy_version()})")
    for topic in topics:
        assert f"`{topic['code']}` | {topic['name']} | {topic['description']} |" in doc
    assert next(topic for topic in topics if topic["code"] == "transport_urban")["headings"] == []
