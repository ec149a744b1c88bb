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


class TextTooLongError(BulletinError):
    """A text is longer than the pipeline's ``max_length``; ``length`` and ``max_length`` say by how much."""

    def __init__(self, length: int, max_length: int) -> None:
        super().__init__(length, max_length)
        self.length, self.max_length = length, max_length

    def __str__(self) -> str:
        return (f"text of {self.length:,} characters, over the pipeline's max_length of {self.max_length:,} "
                "(split it, or raise nlp.max_length; docs/usage.md says how much memory a character takes)")


class WorkerError(RuntimeError):
    """A worker process of ``parse_many(n_process > 1)`` died (killed, or out of memory);
    ``batch`` is the first batch left without a result (texts ``first`` to ``end - 1`` of the
    input, counted from 0): the dead worker's, or one another worker had when the pool broke."""

    def __init__(self, batch: int, first: int, end: int) -> None:
        super().__init__(batch, first, end)
        self.batch, self.first, self.end = batch, first, end

    def __str__(self) -> str:
        return (f"a parse_many worker process died (killed, or out of memory) before returning batch {self.batch} "
                f"(texts {self.first}-{self.end - 1}); the results before it were yielded, none after")
