"""The bulletin-nlp command: formats, folders, bad files and exit status."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from bulletin_nlp.cli import main
from bulletin_nlp.topics.taxonomy import topic_codes
from tests.support import CORPUS, SAMPLES


def test_cli_parse_one_file_prints_the_bulletin(capsys):
    assert main(["parse", str(SAMPLES / "yanjin_2024_06.txt"), "--quiet"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["issue"] == 6 and data["title"] == "延津政务快报"
    assert {"sections", "entities", "footer", "warnings"} <= set(data)


def test_cli_parse_folder_as_jsonl(tmp_path):
    out = tmp_path / "out.jsonl"
    assert main(["parse", str(SAMPLES), "--format", "jsonl", "-o", str(out), "--quiet"]) == 0
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert sorted(Path(r["path"]).name for r in rows) == sorted(p.name for p in SAMPLES.glob("*.txt"))


def test_cli_parse_csv_has_a_row_per_item(tmp_path):
    out = tmp_path / "items.csv"
    assert main(["parse", str(SAMPLES / "yanjin_2024_06.txt"), "--format", "csv", "-o", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8"))))
    assert len(rows) == 6
    assert rows[0]["headline"] == "我县积极行动防范应对低温雨雪天气"


def test_cli_parse_facts_csv_has_a_row_per_figure(tmp_path):
    out = tmp_path / "facts.csv"
    assert main(["parse", str(SAMPLES / "yanjin_2024_06.txt"), "--format", "facts-csv", "-o", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8"))))
    text = (SAMPLES / "yanjin_2024_06.txt").read_text("utf-8")
    assert rows and all(r["county_code"] == "410726" and r["date"] == "2024-02-02" for r in rows)
    assert all("".join(text[int(r["start"]):int(r["end"])].split()) == r["quantity"] for r in rows)
    assert {r["subject_label"] for r in rows} <= {"AGENCY", "TOWNSHIP", "COUNTY", ""}
    assert any(r["indicator"] and r["period_end"] for r in rows)


def test_cli_parse_html_marks_entities(tmp_path):
    out = tmp_path / "b.html"
    assert main(["parse", str(SAMPLES / "yanjin_2024_06.txt"), "--format", "html", "-o", str(out)]) == 0
    assert out.read_text("utf-8").count("<mark") > 10


def test_cli_bad_file_reports_and_continues(tmp_path, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(bytes(range(256)) * 10)
    good = tmp_path / "good.txt"
    good.write_text((SAMPLES / "yanjin_2024_06.txt").read_text("utf-8"), encoding="utf-8")
    status = main(["parse", str(bad), str(good), "--format", "jsonl", "--quiet"])
    captured = capsys.readouterr()
    assert status == 1
    assert "bad.txt" in captured.err
    assert len(captured.out.splitlines()) == 1


def test_cli_check_corpus_flags_broken_record(tmp_path, capsys):
    entity = {"label": "AGENCY", "start": 0, "end": 2, "text": "zz"}
    record = {"id": "x", "text": "abc", "meta": {}, "gold": {"entities": [entity]}}
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps(record), encoding="utf-8")
    assert main(["check-corpus", str(path)]) == 1
    assert "x" in capsys.readouterr().out


def test_cli_unknown_command_is_a_usage_error():
    with pytest.raises(SystemExit) as info:
        main(["frobnicate"])
    assert info.value.code == 2


def test_cli_html_shows_structure_escapes_names_and_writes_plain_numbers(tmp_path):
    source = tmp_path / "<img src=x onerror=alert(1)>.txt"
    source.write_text((SAMPLES / "yanjin_2024_06.txt").read_text("utf-8"), encoding="utf-8")
    other = tmp_path / "b.txt"
    other.write_text((SAMPLES / "yanjin_2023_18.txt").read_text("utf-8"), encoding="utf-8")
    out = tmp_path / "view.html"
    assert main(["parse", str(source), str(other), "--format", "html", "-o", str(out), "-q"]) == 0
    page = out.read_text("utf-8")
    assert "<img src=x" not in page and "&lt;img src=x" in page
    assert "<meta charset='utf-8'>" in page and "lang='zh'" in page
    assert "【低温雨雪天气应对】" in page and "class='topic'" in page and "href='#doc-1'" in page
    assert "54520000 元" in page and "e+" not in page


def test_cli_jobs_matches_serial(tmp_path):
    from bulletin_nlp.cli import main

    samples = SAMPLES
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main(["parse", str(samples), "--format", "jsonl", "-o", str(one), "--quiet"]) == 0
    assert main(["parse", str(samples), "--format", "jsonl", "-o", str(two), "--quiet", "--jobs", "2"]) == 0
    assert one.read_text("utf-8") == two.read_text("utf-8")


# ----------------------------------------------------------------------------- retraining
# Retraining from an edited export, as a user does it: export-items, correct some topics, train.
# The bulletins exported are the dev texts, whose items are also in the training corpus with
# gold topics: the corrections must win over those copies and change nothing else.
CORRECTED_ROWS = (1, 9, 20)  # data rows (0-based) whose topic the "user" changes


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def _write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture(scope="module")
def retrained(tmp_path_factory) -> dict:
    tmp = tmp_path_factory.mktemp("retrain")
    texts = CORPUS / "dev_texts"
    assert main(["export-items", str(texts), "-o", str(tmp / "export.csv")]) == 0
    exported = _csv_rows(tmp / "export.csv")
    edited = [dict(row) for row in exported]
    codes = topic_codes()
    for index in CORRECTED_ROWS:  # a topic the item does not have: the next code in taxonomy order
        edited[index]["topic"] = codes[(codes.index(exported[index]["topic"]) + 1) % len(codes)]
    _write_csv(tmp / "edited.csv", edited)
    assert main(["train", str(tmp / "edited.csv"), str(CORPUS), "--out", str(tmp / "model"),
                 "--no-cv"]) == 0
    assert main(["export-items", str(texts), "-o", str(tmp / "again.csv"), "--model", str(tmp / "model")]) == 0
    return {"exported": exported, "edited": edited, "again": _csv_rows(tmp / "again.csv"),
            "meta": json.loads((tmp / "model" / "meta.json").read_text("utf-8"))}


def test_cli_retrain_from_edited_export_changes_exactly_the_corrected_topics(retrained):
    exported, edited, again = retrained["exported"], retrained["edited"], retrained["again"]
    assert [row["headline"] for row in again] == [row["headline"] for row in exported]
    changed = [row for row, (before, after) in enumerate(zip(exported, again, strict=True))
               if before["topic"] != after["topic"]]
    assert changed == sorted(CORRECTED_ROWS)
    assert all(again[row]["topic"] == edited[row]["topic"] for row in CORRECTED_ROWS)
    # learnt, not outvoted by the corpus copy of the same item (with both copies the score is about 0.5)
    assert all(float(again[row]["score"]) > 0.75 for row in CORRECTED_ROWS)


def test_cli_retrain_reports_the_corpus_items_the_corrections_replaced(retrained):
    report = retrained["meta"]["user_labels"]
    assert report["replaced"] == len(retrained["exported"])  # every exported item is a dev.jsonl item
    corrected = {retrained["edited"][row]["headline"] for row in CORRECTED_ROWS}
    assert {conflict["headline"] for conflict in report["conflicts"]} >= corrected


def test_cli_train_prints_a_summary_not_a_json_dump(tmp_path, capsys):
    held_out = CORPUS / "holdout.jsonl"
    assert main(["train", str(CORPUS / "seeds.jsonl"), "--out", str(tmp_path / "m"), "--no-cv",
                 "--held-out", str(held_out)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""  # no JSON dump: the summary is a log message
    summary = captured.err
    assert "items per topic" in summary and "held-out" in summary and "before" in summary and "after" in summary
    meta = json.loads((tmp_path / "m" / "meta.json").read_text("utf-8"))
    assert meta["held_out"]["after"]["items"] == meta["held_out"]["before"]["items"] > 0


def test_cli_train_reports_every_bad_csv_row(tmp_path, capsys):
    path = tmp_path / "items.csv"
    path.write_text("bulletin,section,headline,body,sources,topic,score\n"
                    "x,s,h1,b,,nonsense,\nx,s,h2,b,,health,\nx,s,h3,b,,other,\n", "utf-8")
    assert main(["train", str(path), "--out", str(tmp_path / "m"), "--no-cv"]) == 1
    err = capsys.readouterr().err
    assert "row 2 'nonsense'" in err and "row 4 'other'" in err
    assert not (tmp_path / "m").exists()


@pytest.mark.parametrize(("command", "kind"), [(["evaluate"], "corpus"), (["check-corpus"], "corpus"),
                                               (["train", "--out", "model_dir"], "training")])
def test_cli_missing_corpus_says_which_path_and_why(tmp_path, capsys, command, kind):
    missing = tmp_path / "no_such.jsonl"
    assert main([*command, str(missing)]) == 1
    assert capsys.readouterr().err.strip() == f"error: {missing}: no such {kind} file or folder"


@pytest.mark.parametrize("command", ["parse", "evaluate", "check-corpus", "train", "export-items"])
def test_cli_every_command_help_has_examples_and_explains_its_arguments(capsys, command):
    with pytest.raises(SystemExit) as info:
        main([command, "--help"])
    assert info.value.code == 0
    text = capsys.readouterr().out
    assert f"bulletin-nlp {command} " in text.partition("examples:")[2]
    lines = text.partition("positional arguments:")[2].partition("examples:")[0].splitlines()
    for number, line in enumerate(lines):  # an argument with no help: its line alone, no help line under it
        if line.startswith("  ") and not line.startswith("   ") and "  " not in line.strip():
            assert lines[number + 1].startswith(" " * 10), f"{command}: {line.strip()} has no help"
