"""bulletin-nlp parse facing odd files and outputs: errors, never hangs, silent loss or bad bytes."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from bulletin_nlp.cli import main

SAMPLE = Path(__file__).resolve().parents[1] / "corpus" / "samples" / "yanjin_2024_06.txt"


@pytest.fixture
def no_hang():
    def expire(signum, frame):
        raise TimeoutError("the command hung")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(120)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def one_file(tmp_path: Path) -> Path:
    path = tmp_path / "in" / "a.txt"
    path.parent.mkdir()
    shutil.copyfile(SAMPLE, path)
    return path


def test_cli_safety_a_non_utf8_file_name_gives_valid_utf8_output(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copyfile(SAMPLE, os.path.join(os.fsencode(folder), b"\xff\xfe-name.txt"))
    result = subprocess.run([sys.executable, "-m", "bulletin_nlp", "parse", str(folder), "--format", "jsonl", "-q"],
                            capture_output=True, check=True)
    row = json.loads(result.stdout.decode("utf-8"))  # strict: raises on invalid UTF-8
    assert row["path"].endswith("\ufffd\ufffd-name.txt") and row["issue"] == 6


def test_cli_safety_output_dash_is_stdout(one_file, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["parse", str(one_file), "--format", "jsonl", "-o", "-", "-q"]) == 0
    assert json.loads(capsys.readouterr().out)["issue"] == 6
    assert not (tmp_path / "-").exists()


def test_cli_safety_an_existing_output_is_kept_without_force(one_file, tmp_path, monkeypatch):
    out = tmp_path / "out.jsonl"
    out.write_text("previous\n", encoding="utf-8")
    monkeypatch.setattr("bulletin_nlp.api.parse_many", lambda *a, **k: pytest.fail("parsed before refusing"))
    assert main(["parse", str(one_file), "--format", "jsonl", "-o", str(out), "-q"]) == 1
    assert out.read_text("utf-8") == "previous\n"
    monkeypatch.undo()
    assert main(["parse", str(one_file), "--format", "jsonl", "-o", str(out), "--force", "-q"]) == 0
    assert json.loads(out.read_text("utf-8"))["issue"] == 6


def test_cli_safety_existing_csv_tables_are_kept_without_force(one_file, tmp_path):
    tables = tmp_path / "tables"
    tables.mkdir()
    (tables / "items.csv").write_text("previous\n", encoding="utf-8")
    assert main(["parse", str(one_file), "--format", "csv", "-o", str(tables), "-q"]) == 1
    assert (tables / "items.csv").read_text("utf-8") == "previous\n"


def test_cli_safety_a_fifo_on_the_command_line_is_an_error_not_a_hang(one_file, tmp_path, no_hang, capsys):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert main(["parse", str(fifo), str(one_file), "--format", "jsonl", "-q"]) == 1
    captured = capsys.readouterr()
    assert "pipe.txt: not a regular file" in captured.err
    assert json.loads(captured.out)["issue"] == 6


def test_cli_safety_dev_zero_is_refused(no_hang, capsys):
    assert main(["parse", "/dev/zero", "--format", "jsonl", "-q"]) == 1
    assert "/dev/zero: not a regular file" in capsys.readouterr().err


def test_cli_safety_files_over_max_bytes_are_refused(one_file, capsys):
    assert main(["parse", str(one_file), "--format", "jsonl", "--max-bytes", "100", "-q"]) == 1
    assert "larger than the limit of 100 bytes" in capsys.readouterr().err


def test_cli_safety_odd_entries_in_folders_get_error_lines(one_file, no_hang, capsys):
    folder = one_file.parent
    (folder / "broken.txt").symlink_to(folder / "missing.txt")
    (folder / "loop1.txt").symlink_to(folder / "loop2.txt")
    (folder / "loop2.txt").symlink_to(folder / "loop1.txt")
    os.mkfifo(folder / "fifo.txt")
    assert main(["parse", str(folder), "--format", "jsonl", "-q"]) == 1
    captured = capsys.readouterr()
    for name in ("broken.txt", "loop1.txt", "loop2.txt", "fifo.txt"):
        assert f"{name}:" in captured.err
    assert [json.loads(line)["path"] for line in captured.out.splitlines()] == [str(one_file)]


@pytest.mark.parametrize("jobs", ["0", "-1", "many"])
def test_cli_safety_jobs_must_be_a_positive_number(one_file, jobs):
    with pytest.raises(SystemExit) as caught:
        main(["parse", str(one_file), "--jobs", jobs, "-q"])
    assert caught.value.code == 2


def test_cli_safety_jobs_are_capped_by_processors_and_files(one_file, monkeypatch):
    asked = []
    import bulletin_nlp.api

    real = bulletin_nlp.api.parse_many

    def recording(texts, **kwargs):
        asked.append(kwargs["n_process"])
        return real(texts, **{**kwargs, "n_process": 1})

    monkeypatch.setattr(bulletin_nlp.api, "parse_many", recording)
    assert main(["parse", str(one_file), "--jobs", "999", "--format", "jsonl", "-q"]) == 0
    assert asked == [1]


def test_cli_safety_file_names_are_escaped_in_html(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copyfile(SAMPLE, folder / "<img src=x onerror=alert(1)>.txt")
    assert main(["parse", str(folder), "--format", "html", "-q"]) == 0
    page = capsys.readouterr().out
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page


def test_cli_safety_a_dead_worker_is_an_error_line(one_file, tmp_path, monkeypatch, capsys):
    from bulletin_nlp.errors import WorkerError

    def dying(texts, **kwargs):
        raise WorkerError(0, 0, 1)
        yield  # a generator, as parse_many is

    monkeypatch.setattr("bulletin_nlp.api.parse_many", dying)
    assert main(["parse", str(one_file), "--format", "jsonl", "-q"]) == 1
    assert "worker process died" in capsys.readouterr().err


def test_cli_safety_the_command_writes_everything_and_keeps_its_status(one_file, tmp_path):
    """``python -m bulletin_nlp`` exits through ``cli.run`` (the final collections skipped):
    the files it wrote are complete and equal to an in-process run, and a failure still exits 1."""
    out = tmp_path / "out.jsonl"
    done = subprocess.run([sys.executable, "-m", "bulletin_nlp", "parse", str(one_file.parent), "--format", "jsonl",
                           "-o", str(out), "-q"], capture_output=True)
    assert done.returncode == 0, done.stderr
    expected = tmp_path / "expected.jsonl"
    assert main(["parse", str(one_file.parent), "--format", "jsonl", "-o", str(expected), "-q"]) == 0
    assert out.read_bytes() == expected.read_bytes() and json.loads(out.read_text("utf-8"))["issue"] == 6
    failed = subprocess.run([sys.executable, "-m", "bulletin_nlp", "parse", str(tmp_path / "missing.txt"), "-q"],
                            capture_output=True)
    assert failed.returncode == 1
