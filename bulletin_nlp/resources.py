"""Where the shipped models live: ``bulletin_nlp/models/`` in a wheel, ``models/`` in a clone."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def model_path(name: str) -> Path | None:
    """The directory of the shipped model ``name`` (``pkuseg``, ``topics``), or None."""
    for root in (PACKAGE_DIR / "models", PACKAGE_DIR.parent / "models"):
        candidate = root / name
        if candidate.is_dir():
            return candidate
    return None
