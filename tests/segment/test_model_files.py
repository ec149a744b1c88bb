"""Model files: tampering is refused with ModelError naming the folder; payload names are sanitised."""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
import zipfile
from pathlib import Path

import numpy as np
import pytest
import srsly
from spacy.vocab import Vocab

from bulletin_nlp.errors import ModelError
from bulletin_nlp.resources import model_path
from bulletin_nlp.segment.model_files import MANIFEST, write_manifest
from bulletin_nlp.segment.tokenizer import BulletinTokenizer

FILES = ("features.msgpack", "weights.npz", "tables.npz")


@pytest.fixture
def model_dir(tmp_path: Path) -> Path:
    target = tmp_path / "pkuseg"
    target.mkdir()
    for name in (*FILES, MANIFEST):
        shutil.copyfile(model_path("pkuseg") / name, target / name)
    return target


def load(directory: Path) -> BulletinTokenizer:
    tokenizer = BulletinTokenizer(Vocab())
    tokenizer.initialize(pkuseg_model=directory)
    return tokenizer


def restamp(directory: Path, name: str) -> None:
    """Update the manifest's size and SHA-256 of ``name`` (what a careless re-save would do)."""
    manifest = json.loads((directory / MANIFEST).read_text("utf-8"))
    data = (directory / name).read_bytes()
    manifest["files"][name].update(size=len(data), sha256=hashlib.sha256(data).hexdigest())
    (directory / MANIFEST).write_text(json.dumps(manifest), "utf-8")


def test_model_files_the_shipped_model_passes_its_manifest(model_dir):
    words = load(model_dir)._segmenter.cut("县民政局开展培训工作")
    assert "".join(words) == "县民政局开展培训工作" and 1 < len(words) < 10


def test_model_files_a_flipped_byte_is_refused(model_dir):
    data = bytearray((model_dir / "features.msgpack").read_bytes())
    data[len(data) // 2] ^= 0x01
    (model_dir / "features.msgpack").write_bytes(bytes(data))
    with pytest.raises(ModelError, match=rf"{model_dir}.*features.msgpack.*SHA-256"):
        load(model_dir)


def test_model_files_negated_weights_are_refused(model_dir):
    with np.load(model_dir / "weights.npz") as npz:
        arrays = {name: npz[name] for name in npz.files}
    arrays["w"] = -arrays["w"]
    np.savez_compressed(model_dir / "weights.npz", **arrays)
    with pytest.raises(ModelError, match=r"weights\.npz"):
        load(model_dir)


def test_model_files_a_missing_manifest_is_refused(model_dir):
    (model_dir / MANIFEST).unlink()
    with pytest.raises(ModelError, match=f"no {MANIFEST}"):
        load(model_dir)


def test_model_files_an_unlisted_npz_member_is_refused_before_decompressing(model_dir):
    with zipfile.ZipFile(model_dir / "weights.npz", "a") as archive:
        archive.writestr("extra.npy", b"\0" * 1000)
    restamp(model_dir, "weights.npz")
    with pytest.raises(ModelError, match=r"extra\.npy"):
        load(model_dir)


def test_model_files_a_member_larger_than_the_manifest_says_is_refused(model_dir):
    manifest = json.loads((model_dir / MANIFEST).read_text("utf-8"))
    manifest["files"]["weights.npz"]["members"]["w.npy"] = 100
    (model_dir / MANIFEST).write_text(json.dumps(manifest), "utf-8")
    with pytest.raises(ModelError, match=r"w\.npy claims"):
        load(model_dir)


def test_model_files_a_broken_archive_is_a_model_error_naming_the_folder(model_dir):
    data = (model_dir / "weights.npz").read_bytes()
    (model_dir / "weights.npz").write_bytes(data[: len(data) // 2])
    restamp(model_dir, "weights.npz")
    with pytest.raises(ModelError, match=str(model_dir)):
        load(model_dir)


def test_model_files_an_unlisted_tables_file_is_refused(model_dir):
    manifest = json.loads((model_dir / MANIFEST).read_text("utf-8"))
    del manifest["files"]["tables.npz"]
    (model_dir / MANIFEST).write_text(json.dumps(manifest), "utf-8")
    with pytest.raises(ModelError, match=r"tables\.npz"):
        load(model_dir)


def test_model_files_damage_the_manifest_cannot_see_is_still_a_model_error(model_dir):
    """Files consistent with a manifest written for them, but not a model: wrapped, not raw."""
    (model_dir / "features.msgpack").write_bytes(srsly.msgpack_dumps({"not": "a model"}))
    (model_dir / "tables.npz").unlink()
    write_manifest(model_dir, ["features.msgpack", "weights.npz"])
    with pytest.raises(ModelError, match=rf"{model_dir}: cannot load it"):
        load(model_dir)


@pytest.mark.parametrize("name", ["../escaped.txt", "/tmp/absolute.txt", "sub/dir.txt", "..", "", "unknown.bin"])
def test_model_files_from_bytes_refuses_names_that_are_not_model_files(nlp, tmp_path, name):
    payload = srsly.msgpack_loads(nlp.tokenizer.to_bytes())
    payload["files"][name] = b"payload"
    with pytest.raises(ModelError, match="refusing model file"):
        BulletinTokenizer(nlp.vocab).from_bytes(srsly.msgpack_dumps(payload))
    assert not list(Path(tempfile.gettempdir()).glob("escaped.txt"))


def test_model_files_from_bytes_round_trips_with_the_manifest(nlp):
    restored = BulletinTokenizer(nlp.vocab).from_bytes(nlp.tokenizer.to_bytes())
    assert (restored.model_dir / MANIFEST).exists()
    assert [t.text for t in restored("县民政局开展培训")] == [t.text for t in nlp.tokenizer("县民政局开展培训")]


def test_write_manifest_command_writes_a_manifest_that_loads(model_dir: Path) -> None:
    """``python -m bulletin_nlp.segment.write_manifest DIR`` (the command ModelError names) writes
    a manifest the tokenizer accepts, without Python's warning that the module runs twice."""
    import subprocess
    import sys

    (model_dir / MANIFEST).unlink()
    with pytest.raises(ModelError, match=r"bulletin_nlp\.segment\.write_manifest"):
        load(model_dir)
    done = subprocess.run([sys.executable, "-m", "bulletin_nlp.segment.write_manifest", str(model_dir)],
                          capture_output=True, text=True, check=True)
    assert "RuntimeWarning" not in done.stderr
    assert set(json.loads((model_dir / MANIFEST).read_text(encoding="utf-8"))["files"]) == set(FILES)
    load(model_dir)
    usage = subprocess.run([sys.executable, "-m", "bulletin_nlp.segment.write_manifest"], capture_output=True,
                           text=True)
    assert usage.returncode == 2 and "usage:" in usage.stderr
