"""bulletin-nlp parse as a batch run: table outputs, streaming, resume, errors, summary, stdin."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bulletin_nlp.cli import main
from tests.support import CORPUS, SAMPLES


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    source = tmp_path / "in"
    shutil.copytree(SAMPLES, source)
    return source


def test_runner_parquet_tables_match_to_tables(folder, tmp_path, nlp):
    pq = pytest.importorskip("pyarrow.parquet")
    from bulletin_nlp import parse
    from bulletin_nlp.tables import to_tables

    out = tmp_path / "tables"
    assert main(["parse", str(folder), "--format", "parquet", "-o", str(out), "-q"]) == 0
    paths = sorted(str(path) for path in folder.glob("*.txt"))
    expected = to_tables([(path, parse(Path(path).read_text("utf-8"), nlp=nlp)) for path in paths])
    for name, table in expected.items():
        written = pq.read_table(out / name)
        assert written.to_pylist() == table.to_pylist(), name


def test_runner_csv_folder_has_bom_plain_numbers_and_one_file_per_table(folder, tmp_path):
    out = tmp_path / "csv"
    assert main(["parse", str(folder), "--format", "csv", "-o", str(out), "-q"]) == 0
    assert sorted(path.name for path in out.iterdir()) == ["bulletins.csv", "entities.csv", "facts.csv", "items.csv"]
    raw = (out / "entities.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    values = [row["value"] for row in rows if row["label"] == "QUANTITY"]
    assert values and not any("e+" in value for value in values)
    assert "54520000" in values  # 5452 万元


def test_runner_no_bom(folder, tmp_path):
    out = tmp_path / "csv"
    assert main(["parse", str(folder), "--format", "csv", "-o", str(out), "--no-bom", "-q"]) == 0
    assert not (out / "items.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_runner_output_checked_before_parsing(folder, tmp_path, capsys):
    status = main(["parse", str(folder), "--format", "jsonl", "-o", str(tmp_path / "missing" / "out.jsonl")])
    assert status == 1 and "no such folder" in capsys.readouterr().err
    assert main(["parse", str(folder), "--format", "parquet"]) == 1


def test_runner_resume_adds_only_new_files(folder, tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    first = sorted(folder.glob("*.txt"))[0]
    assert main(["parse", str(first), "--format", "jsonl", "-o", str(out), "-q"]) == 0
    assert main(["parse", str(folder), "--format", "jsonl", "-o", str(out), "--resume"]) == 0
    paths = [json.loads(line)["path"] for line in out.read_text("utf-8").splitlines()]
    assert sorted(paths) == sorted(str(path) for path in folder.glob("*.txt"))
    assert "1 skipped" in capsys.readouterr().err


def test_runner_resume_parquet_adds_a_part(folder, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "tables"
    files = sorted(folder.glob("*.txt"))
    assert main(["parse", str(files[0]), "--format", "parquet", "-o", str(out), "-q"]) == 0
    assert main(["parse", str(folder), "--format", "parquet", "-o", str(out), "--resume", "-q"]) == 0
    assert len(list((out / "bulletins").glob("part-*.parquet"))) == 2
    assert sorted(pq.read_table(out / "bulletins")["path"].to_pylist()) == sorted(map(str, files))


def test_runner_errors_file_and_summary(folder, tmp_path, capsys):
    (folder / "broken.txt").write_bytes(bytes(range(256)) * 10)
    errors = tmp_path / "errors.csv"
    status = main(["parse", str(folder), "--format", "jsonl", "-o", str(tmp_path / "o.jsonl"), "--errors", str(errors)])
    err = capsys.readouterr().err
    assert status == 1
    assert "4 files: 3 parsed, 1 failed" in err
    rows = list(csv.DictReader(io.StringIO(errors.read_text("utf-8-sig"))))
    assert [Path(row["path"]).name for row in rows] == ["broken.txt"]


def test_runner_failed_run_keeps_the_previous_output(folder, tmp_path, monkeypatch):
    out = tmp_path / "o.jsonl"
    out.write_text("previous\n", encoding="utf-8")

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("bulletin_nlp.api.parse_many", explode)
    with pytest.raises(RuntimeError):
        main(["parse", str(folder), "--format", "jsonl", "-o", str(out), "--force", "-q"])
    assert out.read_text("utf-8") == "previous\n"
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".o.jsonl")] == []


@pytest.mark.slow
def test_runner_reads_stdin_and_runs_as_module():
    text = (SAMPLES / "yanjin_2024_06.txt").read_bytes()
    result = subprocess.run([sys.executable, "-m", "bulletin_nlp", "parse", "-", "--format", "jsonl", "-q"],
                            input=text, capture_output=True, check=True)
    row = json.loads(result.stdout)
    assert row["path"] == "<stdin>" and row["issue"] == 6


def test_runner_user_errors_are_one_line(tmp_path, capsys):
    broken = tmp_path / "broken.jsonl"
    broken.write_text("{not json\n", encoding="utf-8")
    for argv in (["evaluate", str(tmp_path / "missing.jsonl")], ["check-corpus", str(broken)],
                 ["evaluate", str(broken)]):
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert "Traceback" not in err and err.startswith("error:"), argv


def test_runner_check_corpus_counts_records(capsys):
    corpus = CORPUS / "seeds.jsonl"
    assert main(["check-corpus", str(corpus)]) == 0
    assert "3 record(s) checked" in capsys.readouterr().err


def test_runner_check_corpus_reads_the_corpus_once(capsys, monkeypatch):
    from bulletin_nlp.corpus import records

    opened: list[Path] = []
    list_files = records._jsonl_files
    monkeypatch.setattr(records, "_jsonl_files", lambda path: opened.extend(list_files(path)) or list_files(path))
    assert main(["check-corpus", str(CORPUS / "seeds.jsonl")]) == 0
    assert opened == [CORPUS / "seeds.jsonl"]


def test_runner_version(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0 and "bulletin-nlp" in capsys.readouterr().out
