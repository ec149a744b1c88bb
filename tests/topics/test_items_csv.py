"""Items CSV export and import (topics/items_csv.py)."""

from __future__ import annotations

import csv

import pytest

from bulletin_nlp.bulletin import Bulletin, Item, Section
from bulletin_nlp.topics.items_csv import COLUMNS, ItemsCsvError, read_items_csv, write_items_csv
from bulletin_nlp.topics.taxonomy import topic_codes


def _bulletin() -> Bulletin:
    scores = {c: 0.0 for c in topic_codes()} | {"environment": 0.9, "health": 0.1}
    items = (Item(headline="县生态环境局开展检查", body="检查企业 12 家，“清新”行动。",
                  sources=("生态环境局", "王楼镇"), start=0, end=10, topic="environment", topic_scores=scores),
             Item(headline="", body="没有标题的条目,含逗号\n和换行", sources=(), start=11, end=20))
    sections = (Section("生态环境保护", 0, 10, items[:1]), Section(None, 11, 20, items[1:]))
    return Bulletin(title="延津政务快报", sections=sections)


def test_items_csv_roundtrip(tmp_path):
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


def test_items_csv_unknown_topic_names_row(tmp_path):
    path = tmp_path / "items.csv"
    path.write_text("bulletin,section,headline,body,sources,topic,score\n"
                    "x,s,h,b,,environment,\nx,s,h,b,,enviroment,\n", "utf-8")
    with pytest.raises(ItemsCsvError, match=r"row 3 'enviroment'") as caught:
        read_items_csv(path)
    assert caught.value.row == 3


def test_items_csv_every_unknown_topic_reported_at_once(tmp_path):
    path = tmp_path / "items.csv"
    path.write_text("bulletin,section,headline,body,sources,topic,score\n"
                    "x,s,h1,b,,enviroment,\nx,s,h2,b,,health,\nx,s,h3,b,,水利,\nx,s,h4,b,,party,\n", "utf-8")
    with pytest.raises(ItemsCsvError, match="3 row") as caught:
        read_items_csv(path)
    assert [row for row, _ in caught.value.problems] == [2, 4, 5]
    assert all(name in str(caught.value) for name in ("'enviroment'", "'水利'", "'party'"))


def test_items_csv_missing_column(tmp_path):
    path = tmp_path / "items.csv"
    path.write_text("headline,body\nh,b\n", "utf-8")
    with pytest.raises(ItemsCsvError, match="missing column"):
        read_items_csv(path)
