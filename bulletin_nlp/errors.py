"""Errors raised by bulletin_nlp. Text that merely makes no sense never raises: see ``parse``."""

from __future__ import annotations


class BulletinError(ValueError):
    """Base class of bulletin_nlp's errors."""


class BulletinDecodeError(BulletinError):
    """A file could not be decoded as text; ``path`` names it."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class ModelError(BulletinError):
    """A model directory is missing, incompatible or has been tampered with."""


class MissingExtraError(BulletinError, ImportError):
    """An optional dependency is not installed; the message names the command that installs it."""

    def __init__(self, extra: str, package: str) -> None:
        super().__init__(f"{package} is needed for this: pip install \"bulletin-nlp[{extra}]\"")
        self.extra = extra
        self.package = package
