"""Optional dependencies of the readers, with an error naming the install command."""

from __future__ import annotations

import importlib
from types import ModuleType

from bulletin_nlp.errors import BulletinError

_PACKAGES = {"pdf": "pypdfium2", "docx": "python-docx", "html": "lxml"}


class MissingReaderError(BulletinError):
    """The library that reads a format is not installed."""


def require(module: str, extra: str, name: str) -> ModuleType:
    """Import ``module``, or raise :class:`MissingReaderError` naming ``pip install`` for ``extra``."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingReaderError(
            f"{name}: reading {extra.upper()} files needs {_PACKAGES[extra]}: pip install 'bulletin-nlp[{extra}]'"
            " (or bulletin-nlp[all])"
        ) from None
