"""Saving and loading topic models: plain JSON and ``.npy`` arrays, checked before use.

A model directory holds ``model.json`` (format, taxonomy version, classes, feature blocks,
vocabularies, agency table, SHA-256 of the arrays file and of the manifest itself) and
``arrays.npz`` (idf per block, ``coef``, ``intercept``; read with ``allow_pickle=False``), so
loading never runs code from the files.
"""

from __future__ import annotations

import hashlib
import io
import json
import warnings
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from bulletin_nlp.errors import ModelError
from bulletin_nlp.npz_files import stored_arrays, write_npz
from bulletin_nlp.resources import PathLike
from bulletin_nlp.topics.config import Config, FittedArrays
from bulletin_nlp.topics.taxonomy import taxonomy_version as current_taxonomy_version
from bulletin_nlp.topics.taxonomy import topic_codes

FORMAT = "bulletin_nlp.topics"
FORMAT_VERSION = 1
MODEL_FILE = "model.json"
ARRAYS_FILE = "arrays.npz"
UNVERSIONED_TAXONOMY = 1  # models saved before manifests recorded the taxonomy version


class TaxonomyMismatchWarning(UserWarning):
    """A topic model was trained on another taxonomy version (or topic list) than this package's."""


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _manifest_sha(manifest: Mapping[str, Any]) -> str:
    body = {k: v for k, v in manifest.items() if k != "manifest_sha256"}
    return _sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode("utf-8"))


@dataclass(frozen=True)
class StoredModel:
    """What a model folder holds: the configuration, topic codes, taxonomy version and arrays."""

    config: Config
    codes: tuple[str, ...]
    taxonomy_version: int
    fitted: FittedArrays


def save_model(directory: PathLike, config: Config, codes: Sequence[str], taxonomy_version: int,
               fitted: FittedArrays) -> Path:
    """Write ``model.json`` and ``arrays.npz`` of a fitted classifier into ``directory`` (created if needed)."""

    from importlib.metadata import PackageNotFoundError, version

    from bulletin_nlp.version import __version__ as lib_version

    try:
        sklearn_version: str | None = version("scikit-learn")
    except PackageNotFoundError:
        sklearn_version = None

    f = fitted
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    arrays = {"coef": f.coef, "intercept": f.intercept, **{f"idf_{k}": v for k, v in f.idf.items()}}
    # Stored, not deflated: the weights are floats that deflate by a third only, and inflating
    # them took ~30 ms of every process's first parse (reading them stored: ~4 ms).
    write_npz(d / ARRAYS_FILE, arrays, deflate=lambda name: False)
    manifest: dict[str, Any] = {
        "format": FORMAT, "format_version": FORMAT_VERSION,
        "bulletin_nlp_version": lib_version, "sklearn_version": sklearn_version,
        "taxonomy_version": taxonomy_version, "codes": list(codes), "classes": f.classes,
        "config": config.to_dict(),
        "vocabularies": f.vocab, "agency_table": f.agency_table,
        "arrays": {"file": ARRAYS_FILE, "sha256": _sha256((d / ARRAYS_FILE).read_bytes()),
                   "shapes": {k: list(v.shape) for k, v in arrays.items()}},
    }
    manifest["manifest_sha256"] = _manifest_sha(manifest)
    (d / MODEL_FILE).write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return d


def load_model(directory: PathLike) -> StoredModel:
    """Read a model written by :func:`save_model`; no code from the files is run.

    Raises :class:`~bulletin_nlp.errors.ModelError` when a file is missing, unreadable,
    altered since it was saved (SHA-256), of another format version or inconsistent in shape.
    A model trained on another taxonomy version (or topic list) loads with a
    :class:`TaxonomyMismatchWarning` naming both versions; it scores the topics it was
    trained on.
    """
    d = Path(directory)
    mpath = d / MODEL_FILE
    if not mpath.is_file():
        raise ModelError(f"{d}: no topic model here ({MODEL_FILE} missing); "
                         "train one with `bulletin-nlp train CORPUS --out DIR`")
    try:
        manifest = json.loads(mpath.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ModelError(f"{mpath}: not a readable topic model manifest ({e})") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ModelError(f"{mpath}: not a bulletin_nlp topic model (format {FORMAT!r} expected)")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise ModelError(f"{mpath}: format version {manifest.get('format_version')!r}, this bulletin_nlp "
                         f"reads version {FORMAT_VERSION}; retrain with `bulletin-nlp train`")
    if manifest.get("manifest_sha256") != _manifest_sha(manifest):
        raise ModelError(f"{mpath}: the manifest was modified after it was saved (SHA-256 mismatch)")
    try:
        return _from_manifest(d, manifest)
    except ModelError:
        raise
    except (KeyError, TypeError, ValueError) as e:
        raise ModelError(f"{mpath}: malformed topic model ({type(e).__name__}: {e})") from None


def _read_arrays(d: Path, manifest: dict[str, Any]) -> dict[str, np.ndarray]:
    name = str(manifest["arrays"]["file"])
    if name != Path(name).name or name in ("", ".", ".."):
        raise ModelError(f"{d / MODEL_FILE}: the arrays file must be a plain name in the model directory")
    apath = d / name
    try:
        data = apath.read_bytes()
    except OSError as e:
        raise ModelError(f"{apath}: cannot read the model arrays ({e})") from None
    if _sha256(data) != manifest["arrays"]["sha256"]:
        raise ModelError(f"{apath}: the arrays were modified after the model was saved (SHA-256 mismatch)")
    try:
        stored = stored_arrays(data)  # views of the bytes just checked (save_model stores its members)
        if stored is not None:
            return stored
        with np.load(io.BytesIO(data), allow_pickle=False) as npz:
            return {k: npz[k] for k in npz.files}
    except (OSError, ValueError, zipfile.BadZipFile, EOFError) as e:
        raise ModelError(f"{apath}: unreadable model arrays ({e})") from None


def _from_manifest(d: Path, manifest: dict[str, Any]) -> StoredModel:
    arrays = _read_arrays(d, manifest)
    codes = [str(c) for c in manifest["codes"]]
    version = int(manifest.get("taxonomy_version", UNVERSIONED_TAXONOMY))
    _check_taxonomy(d, version, codes)
    config = Config.from_dict(manifest["config"])
    classes = [str(c) for c in manifest["classes"]]
    vocab: dict[str, Sequence[str]] = {str(k): tuple(str(t) for t in v) for k, v in manifest["vocabularies"].items()}
    idf = {b.name: arrays.get(f"idf_{b.name}") for b in config.blocks if b.kind != "prior"}
    n_feat = 0
    for b in config.blocks:
        if b.kind == "prior":
            n_feat += len(codes)
            continue
        v, w = vocab.get(b.name), idf.get(b.name)
        if v is None or w is None or w.shape != (len(v),) or len(set(v)) != len(v):
            raise ModelError(f"{d}: vocabulary and idf of block {b.name!r} do not match")
        n_feat += len(v)
    coef, intercept = arrays.get("coef"), arrays.get("intercept")
    if (coef is None or intercept is None or coef.shape != (len(classes), n_feat)
            or intercept.shape != (len(classes),) or not set(classes) <= set(codes)):
        raise ModelError(f"{d}: coef/intercept shapes do not match {len(classes)} classes × {n_feat} features")
    for name, a in [("coef", coef), ("intercept", intercept), *idf.items()]:
        if a is None or a.dtype.kind != "f" or not np.all(np.isfinite(a)):
            raise ModelError(f"{d}: array {name!r} is not finite floating point")
    fitted = FittedArrays(
        classes=classes, vocab=vocab, idf={k: np.asarray(v, np.float64) for k, v in idf.items() if v is not None},
        coef=np.asarray(coef, np.float64), intercept=np.asarray(intercept, np.float64),
        agency_table={str(k): [str(t) for t in v] for k, v in manifest["agency_table"].items()})
    return StoredModel(config, tuple(codes), version, fitted)


def _check_taxonomy(directory: Path, version: int, codes: Sequence[str]) -> None:
    """Warn when a model's taxonomy version or topic list differs from this package's."""
    current, current_codes = current_taxonomy_version(), topic_codes()
    if version == current and sorted(codes) == sorted(current_codes):
        return
    missing = [c for c in current_codes if c not in codes]
    extra = [c for c in codes if c not in current_codes]
    detail = "; ".join(part for part in (f"it lacks {missing}" if missing else "",
                                         f"it has {extra} in addition" if extra else "") if part)
    warnings.warn(f"{directory}: topic model trained on taxonomy version {version} ({len(codes)} topics), "
                  f"this bulletin_nlp has taxonomy version {current} ({len(current_codes)} topics)"
                  f"{'; ' + detail if detail else ''}. It scores only the topics it was trained on; "
                  "retrain it with `bulletin-nlp train` to use the current taxonomy.",
                  TaxonomyMismatchWarning, stacklevel=5)
