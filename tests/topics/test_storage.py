"""Topic model files (topics/storage.py): damaged or foreign files are refused, the taxonomy
version is recorded and an older one loads with a warning."""

from __future__ import annotations

import hashlib
import io
import json
import warnings
import zipfile
from pathlib import Path

import numpy as np
import pytest

from bulletin_nlp.errors import ModelError
from bulletin_nlp.npz_files import write_npz
from bulletin_nlp.topics.model import TopicClassifier
from bulletin_nlp.topics.storage import ARRAYS_FILE, MODEL_FILE, TaxonomyMismatchWarning, _manifest_sha
from bulletin_nlp.topics.taxonomy import taxonomy_version
from tests.support import NEW_ITEM


def _arrays(directory: Path) -> dict[str, np.ndarray]:
    with np.load(directory / ARRAYS_FILE, allow_pickle=False) as npz:
        return {k: npz[k] for k in npz.files}


def _rewrite_manifest(directory: Path, **changes) -> None:
    """Edit model.json and re-sign it, as a careless tool (not a corruption) would."""
    manifest = json.loads((directory / MODEL_FILE).read_text("utf-8"))
    manifest.update(changes)
    manifest["manifest_sha256"] = _manifest_sha(manifest)
    (directory / MODEL_FILE).write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")


def _flip_byte(d: Path) -> None:
    data = bytearray((d / ARRAYS_FILE).read_bytes())
    data[len(data) // 2] ^= 0xFF
    (d / ARRAYS_FILE).write_bytes(bytes(data))


def _edit_vocab(d: Path) -> None:
    text = (d / MODEL_FILE).read_text("utf-8")
    (d / MODEL_FILE).write_text(text.replace('"生态', '"生杰', 1), "utf-8")


def _pickled_arrays(d: Path) -> None:
    """Arrays holding a pickled object, with matching hashes: must still be refused."""
    buf = io.BytesIO()
    np.save(buf, np.array([{"x": 1}], dtype=object), allow_pickle=True)
    with zipfile.ZipFile(d / ARRAYS_FILE, "w") as zf:
        for name, arr in _arrays_before[0].items():
            if name == "coef":
                continue
            b = io.BytesIO()
            np.save(b, arr)
            zf.writestr(f"{name}.npy", b.getvalue())
        zf.writestr("coef.npy", buf.getvalue())
    manifest = json.loads((d / MODEL_FILE).read_text("utf-8"))
    _rewrite_manifest(d, arrays={**manifest["arrays"],
                                 "sha256": hashlib.sha256((d / ARRAYS_FILE).read_bytes()).hexdigest()})


def _wrong_shape(d: Path) -> None:
    arrays = _arrays(d)
    arrays["coef"] = arrays["coef"][:, :-1]
    write_npz(d / ARRAYS_FILE, arrays, deflate=lambda name: False)
    manifest = json.loads((d / MODEL_FILE).read_text("utf-8"))
    _rewrite_manifest(d, arrays={**manifest["arrays"],
                                 "sha256": hashlib.sha256((d / ARRAYS_FILE).read_bytes()).hexdigest()})


_arrays_before: list[dict[str, np.ndarray]] = []
CORRUPTIONS = {
    "arrays missing": (lambda d: (d / ARRAYS_FILE).unlink(), "cannot read"),
    "arrays truncated": (lambda d: (d / ARRAYS_FILE).write_bytes((d / ARRAYS_FILE).read_bytes()[:100]), "SHA-256"),
    "arrays byte flipped": (_flip_byte, "SHA-256"),
    "manifest missing": (lambda d: (d / MODEL_FILE).unlink(), "no topic model"),
    "manifest not json": (lambda d: (d / MODEL_FILE).write_text("{", "utf-8"), "not a readable"),
    "manifest vocabulary edited": (_edit_vocab, "manifest was modified"),
    "other format": (lambda d: _rewrite_manifest(d, format="something.else"), "not a bulletin_nlp topic model"),
    "newer format version": (lambda d: _rewrite_manifest(d, format_version=99), "format version 99"),
    "coef shape": (_wrong_shape, "shapes do not match"),
    "pickle inside arrays": (_pickled_arrays, "unreadable model arrays|not finite"),
}


@pytest.mark.parametrize("corruption", list(CORRUPTIONS), ids=lambda c: c.replace(" ", "-"))
def test_storage_corrupted_model_refused(saved, corruption):
    damage, message = CORRUPTIONS[corruption]
    _arrays_before[:] = [_arrays(saved)]
    damage(saved)
    with pytest.raises(ModelError, match=message):
        TopicClassifier.load(saved)


def test_storage_missing_directory_refused(tmp_path):
    with pytest.raises(ModelError, match="bulletin-nlp train"):
        TopicClassifier.load(tmp_path / "nowhere")


V1_CODES = ("economy_industry", "business_finance", "consumption_market", "agriculture_rural", "social_welfare",
            "health", "education_culture", "environment", "safety_emergency", "governance_order", "fiscal_audit",
            "transport_urban")


def test_storage_model_records_taxonomy_version(saved):
    manifest = json.loads((saved / MODEL_FILE).read_text("utf-8"))
    assert manifest["taxonomy_version"] == taxonomy_version()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # same version: no warning
        assert TopicClassifier.load(saved).taxonomy_version == taxonomy_version()


def test_storage_model_of_older_taxonomy_loads_with_warning(seed_items, tmp_path):
    items = [item for item in seed_items if item["topic"] in V1_CODES]
    old = TopicClassifier(codes=V1_CODES, taxonomy_version=1).fit(items, [item["topic"] for item in items])
    old.save(tmp_path / "old")
    with pytest.warns(TaxonomyMismatchWarning, match=rf"taxonomy version 1 .*taxonomy version {taxonomy_version()}"):
        loaded = TopicClassifier.load(tmp_path / "old")
    (topic, scores), = loaded.predict([NEW_ITEM])
    assert list(scores) == list(V1_CODES) and topic == "environment"


def test_storage_model_without_version_field_counts_as_version_1(saved):
    manifest = json.loads((saved / MODEL_FILE).read_text("utf-8"))
    del manifest["taxonomy_version"]
    manifest["manifest_sha256"] = _manifest_sha(manifest)
    (saved / MODEL_FILE).write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")
    with pytest.warns(TaxonomyMismatchWarning, match="taxonomy version 1 "):
        assert TopicClassifier.load(saved).taxonomy_version == 1
