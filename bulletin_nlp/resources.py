"""Where the package's files live, and the one reader of its rule files.

- :data:`DATA_DIR` — ``bulletin_nlp/data`` (gazetteers, rule files, tables); :func:`data_path`
- :func:`model_path` — the shipped models: ``bulletin_nlp/models/`` in a wheel, ``models/`` in a clone
- :func:`read_sections` — the sectioned word-list format of every ``*.txt`` rule file
  (described in ``bulletin_nlp/data/README.md``)
- :func:`require` — import an optional dependency or say which extra installs it

A base module: it imports only :mod:`bulletin_nlp.errors`, so every stage may use it.
"""

from __future__ import annotations

import importlib
import os
import re
from pathlib import Path
from types import ModuleType
from typing import Union

from bulletin_nlp.errors import MissingExtraError

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"

#: A file-system path as the public functions accept it.
PathLike = Union[str, "os.PathLike[str]"]


def data_path(name: str) -> Path:
    """``bulletin_nlp/data/<name>``."""
    return DATA_DIR / name


def data_file(data_dir: PathLike | None, name: str) -> Path:
    """``data_dir/<name>`` when that file exists, else the packaged ``bulletin_nlp/data/<name>``
    (a folder of user data may hold only the files it changes)."""
    if data_dir is not None:
        own = Path(data_dir) / name
        if own.exists():
            return own
    return DATA_DIR / name


def model_path(name: str) -> Path | None:
    """The directory of the shipped model ``name`` (``pkuseg``, ``topics``), or None."""
    for root in (PACKAGE_DIR / "models", PACKAGE_DIR.parent / "models"):
        candidate = root / name
        if candidate.is_dir():
            return candidate
    return None


_HEADER_RE = re.compile(r"\[[A-Za-z_][A-Za-z0-9_]*\]")


def read_sections(path: PathLike) -> dict[str, list[str]]:
    """A rule file as ``{section: [lines]}``.

    ``[name]`` on a line of its own (``name``: ASCII letters, digits, ``_``) starts a section;
    ``#`` starts a comment (to the end of the line); blank lines are skipped; lines before the
    first header go to section ``""``.

    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
    ...     _ = f.write("# comment\\n[heads]\\n局 委  # two words\\n\\n[other]\\nx\\n")
    >>> read_sections(f.name)
    {'': [], 'heads': ['局 委'], 'other': ['x']}
    """
    sections: dict[str, list[str]] = {"": []}
    current = sections[""]
    for raw in Path(path).read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if _HEADER_RE.fullmatch(line):
            current = sections.setdefault(line[1:-1], [])
        elif line:
            current.append(line)
    return sections


def section_words(sections: dict[str, list[str]], name: str) -> list[str]:
    """The whitespace-separated words of section ``name``, in file order (empty when absent)."""
    return [word for line in sections.get(name, []) for word in line.split()]


def alternatives_pattern(regexes: list[str]) -> re.Pattern[str]:
    """One pattern of the alternatives ``regexes`` (a section's lines or words), tried in file
    order; a pattern that never matches when there are none.

    >>> alternatives_pattern(["遗址", "[寺塔]"]).match("塔林").group()
    '塔'
    >>> alternatives_pattern([]).match("") is None
    True
    """
    return re.compile("|".join(f"(?:{item})" for item in regexes) if regexes else "(?!)")


#: Optional dependency (import name) → (the extra that installs it, its distribution name).
EXTRAS: dict[str, tuple[str, str]] = {
    "sklearn": ("train", "scikit-learn"),
    "scipy": ("train", "scipy"),
    "threadpoolctl": ("train", "threadpoolctl"),
    "spacy_pkuseg": ("train", "spacy-pkuseg"),
    "datasets": ("corpus", "datasets"),
    "jsonschema": ("corpus", "jsonschema"),
    "pypdfium2": ("pdf", "pypdfium2"),
    "docx": ("docx", "python-docx"),
    "lxml": ("html", "lxml"),
}


def require(module: str, purpose: str) -> ModuleType:
    """Import ``module`` (for ``purpose``) or raise :class:`~bulletin_nlp.errors.MissingExtraError`
    (an ImportError) naming the install command of its extra."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        top = module.split(".")[0]
        extra, distribution = EXTRAS.get(top, ("all", top))
        raise MissingExtraError(extra, f"{distribution} ({purpose})") from exc
