"""Cutting a stream into lists, for the batched parsing and tokenizing paths."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any


def batched(items: Iterable[Any], size: int, max_chars: int | None = None,
            length: Callable[[Any], int] = len) -> Iterator[list[Any]]:
    """Consecutive lists of ``size`` items (the last one shorter); ``size`` < 1 counts as 1.
    With ``max_chars``, a list also ends once its items' ``length`` adds up to that many (an
    item longer than that is a list of its own).

    When reading ``items`` raises, the items read so far come as a last batch first, then
    the error: nothing already read is lost.
    """
    batch: list[Any] = []
    chars = 0
    source = iter(items)
    while True:
        try:
            item = next(source)
        except StopIteration:
            break
        except Exception:
            if batch:
                yield batch
            raise
        batch.append(item)
        if max_chars is not None:
            chars += length(item)
        if len(batch) >= max(1, size) or (max_chars is not None and chars >= max_chars):
            yield batch
            batch = []
            chars = 0
    if batch:
        yield batch
