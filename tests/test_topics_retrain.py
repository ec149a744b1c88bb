"""Retraining from an edited export, as a user does it: export-items, correct some topics, train.

The bulletins exported are the dev texts, whose items are also in the training corpus with
gold topics: the corrections must win over those copies and change nothing else.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from bulletin_nlp.cli import main
from bulletin_nlp.topics.taxonomy import topic_codes

ROOT = Path(__file__).resolve().parents[1]
CORRECTED_ROWS = (1, 9, 20)  # data rows (0-based) whose topic the "user" changes


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture(scope="module")
def retrained(tmp_path_factory) -> dict:
    tmp = tmp_path_factory.mktemp("retrain")
    texts = ROOT / "corpus" / "dev_texts"
    assert main(["export-items", str(texts), "-o", str(tmp / "export.csv")]) == 0
    exported = _rows(tmp / "export.csv")
    edited = [dict(row) for row in exported]
    codes = topic_codes()
    for index in CORRECTED_ROWS:  # a topic the item does not have: the next code in taxonomy order
        edited[index]["topic"] = codes[(codes.index(exported[index]["topic"]) + 1) % len(codes)]
    _write(tmp / "edited.csv", edited)
    assert main(["train", str(tmp / "edited.csv"), str(ROOT / "corpus"), "--out", str(tmp / "model"),
                 "--no-cv"]) == 0
    assert main(["export-items", str(texts), "-o", str(tmp / "again.csv"), "--model", str(tmp / "model")]) == 0
    return {"exported": exported, "edited": edited, "again": _rows(tmp / "again.csv"),
            "meta": json.loads((tmp / "model" / "meta.json").read_text("utf-8"))}


def test_retrain_from_edited_export_changes_exactly_the_corrected_topics(retrained):
    exported, edited, again = retrained["exported"], retrained["edited"], retrained["again"]
    assert [r["headline"] for r in again] == [r["headline"] for r in exported]
    changed = [i for i, (before, after) in enumerate(zip(exported, again)) if before["topic"] != after["topic"]]
    assert changed == sorted(CORRECTED_ROWS)
    assert all(again[i]["topic"] == edited[i]["topic"] for i in CORRECTED_ROWS)
    # learnt, not outvoted by the corpus copy of the same item (with both copies the score is about 0.5)
    assert all(float(again[i]["score"]) > 0.75 for i in CORRECTED_ROWS)


def test_retrain_reports_the_corpus_items_the_corrections_replaced(retrained):
    report = retrained["meta"]["user_labels"]
    assert report["replaced"] == len(retrained["exported"])  # every exported item is a dev.jsonl item
    corrected = {retrained["edited"][i]["headline"] for i in CORRECTED_ROWS}
    assert {c["headline"] for c in report["conflicts"]} >= corrected


def test_train_prints_a_summary_not_a_json_dump(tmp_path, capsys):
    held_out = ROOT / "corpus" / "holdout.jsonl"
    assert main(["train", str(ROOT / "corpus" / "seeds.jsonl"), "--out", str(tmp_path / "m"), "--no-cv",
                 "--held-out", str(held_out)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""  # no JSON dump: the summary is a log message
    summary = captured.err
    assert "items per topic" in summary and "held-out" in summary and "before" in summary and "after" in summary
    meta = json.loads((tmp_path / "m" / "meta.json").read_text("utf-8"))
    assert meta["held_out"]["after"]["items"] == meta["held_out"]["before"]["items"] > 0


def test_train_reports_every_bad_csv_row(tmp_path, capsys):
    path = tmp_path / "items.csv"
    path.write_text("bulletin,section,headline,body,sources,topic,score\n"
                    "x,s,h1,b,,nonsense,\nx,s,h2,b,,health,\nx,s,h3,b,,other,\n", "utf-8")
    assert main(["train", str(path), "--out", str(tmp_path / "m"), "--no-cv"]) == 1
    err = capsys.readouterr().err
    assert "row 2 'nonsense'" in err and "row 4 'other'" in err
    assert not (tmp_path / "m").exists()

