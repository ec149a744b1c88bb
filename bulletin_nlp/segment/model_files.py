"""Integrity of a pkuseg model directory: a SHA-256 manifest, checked before anything is loaded.

``manifest.json`` lists every model file with its size and SHA-256, and for each ``.npz``
archive the size of every member once decompressed. :func:`check_model_dir` refuses a
directory whose files differ from it (a flipped byte, negated weights), and an archive holding
a member the manifest does not name or one larger than it says (a header claiming 64 GiB is
refused before anything is decompressed). An array that ``tables.npz`` stores as its common
value and exceptions (:mod:`bulletin_nlp.npz_files`) is bounded through its bit mask: at most
64 times the mask member's size once restored. Write the manifest with :func:`write_manifest`
(``python -m bulletin_nlp.segment.write_manifest DIR``) after training a model.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bulletin_nlp.errors import ModelError

MANIFEST = "manifest.json"
MODEL_FILES = ("features.msgpack", "weights.npz")  # a model as spacy_pkuseg.train writes it
TABLES = "tables.npz"  # the decoder's tables derived from them, optional (FastPkuseg.save_tables)
FORMAT = "bulletin_nlp pkuseg model"


def write_manifest(directory: str | Path, names: Iterable[str]) -> Path:
    """Write ``manifest.json`` for the files ``names`` of ``directory``; return its path."""
    directory = Path(directory)
    files: dict[str, dict[str, Any]] = {}
    for name in sorted(names):
        data = (directory / name).read_bytes()
        entry: dict[str, Any] = {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
        if name.endswith(".npz"):
            with zipfile.ZipFile(directory / name) as archive:
                entry["members"] = {info.filename: info.file_size for info in archive.infolist()}
        files[name] = entry
    path = directory / MANIFEST
    path.write_text(json.dumps({"format": FORMAT, "files": files}, indent=1) + "\n", encoding="utf-8")
    return path


def check_model_dir(directory: Path, required: Iterable[str]) -> dict[str, str]:
    """Check ``directory`` against its manifest; return the names it lists, each with the
    SHA-256 (hex) its file was found to have.

    Raises :class:`~bulletin_nlp.errors.ModelError` naming the directory when the manifest is
    missing or unreadable, a ``required`` file is not in it, or a file differs from it.
    """
    manifest = _read_manifest(directory)
    files = manifest["files"]
    missing = [name for name in required if name not in files]
    if missing:
        raise ModelError(f"pkuseg model {directory}: the manifest does not list {', '.join(missing)}")
    for name, entry in files.items():
        _check_file(directory, name, entry)
    return {name: entry["sha256"] for name, entry in files.items()}


def _read_manifest(directory: Path) -> dict[str, Any]:
    path = directory / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"pkuseg model {directory}: no {MANIFEST} (write one with "
                         f"`python -m bulletin_nlp.segment.write_manifest {directory}`)") from None
    except (OSError, ValueError) as exc:
        raise ModelError(f"pkuseg model {directory}: unreadable {MANIFEST} ({exc})") from None
    files = manifest.get("files") if isinstance(manifest, dict) else None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT or not isinstance(files, dict):
        raise ModelError(f"pkuseg model {directory}: {MANIFEST} is not a {FORMAT} manifest")
    for name, entry in files.items():
        if not is_plain_name(name) or not isinstance(entry, dict):
            raise ModelError(f"pkuseg model {directory}: {MANIFEST} names {name!r}, not a plain file name")
    return manifest


def _check_file(directory: Path, name: str, entry: dict[str, Any]) -> None:
    path = directory / name
    try:
        size = path.stat().st_size
        if size != entry.get("size"):
            raise ModelError(f"pkuseg model {directory}: {name} has {size} bytes, "
                             f"the manifest says {entry.get('size')}")
        data = path.read_bytes()
    except OSError as exc:
        raise ModelError(f"pkuseg model {directory}: cannot read {name} ({exc.strerror or exc})") from None
    if hashlib.sha256(data).hexdigest() != entry.get("sha256"):
        raise ModelError(f"pkuseg model {directory}: {name} was modified after the manifest was written "
                         "(SHA-256 mismatch)")
    if name.endswith(".npz"):
        _check_members(directory, name, entry.get("members") or {})


def _check_members(directory: Path, name: str, members: dict[str, int]) -> None:
    """Every member of the archive is named by the manifest, and no larger than it says."""
    try:
        with zipfile.ZipFile(directory / name) as archive:
            infos = archive.infolist()
    except (OSError, zipfile.BadZipFile) as exc:
        raise ModelError(f"pkuseg model {directory}: {name} is not a readable npz archive ({exc})") from None
    for info in infos:
        if info.filename not in members:
            raise ModelError(f"pkuseg model {directory}: {name} holds {info.filename!r}, "
                             "which the manifest does not list")
        if info.file_size > members[info.filename]:
            raise ModelError(f"pkuseg model {directory}: {name}/{info.filename} claims {info.file_size:,} bytes, "
                             f"the manifest says {members[info.filename]:,}")


def is_plain_name(name: object) -> bool:
    """A file name without directories: no separator, not ``.``/``..``, no NUL."""
    return (isinstance(name, str) and bool(name) and name not in (".", "..")
            and not any(c in name for c in "/\\\0") and Path(name).name == name)
