"""The bulletin-nlp command: formats, folders, bad files and exit status."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from bulletin_nlp.cli import main
from tests.support import SAMPLES


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
