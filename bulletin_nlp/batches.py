"""Cutting a stream into lists, for the batched parsing and tokenizing paths."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Consecutive lists of ``size`` items (the last one shorter); ``size`` < 1 counts as 1.

    When reading ``items`` raises, the items read so far come as a last batch first, then
    the error: nothing already read is lost.
    """
    batch: list[Any] = []
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
        if len(batch) >= max(1, size):
            yield batch
            batch = []
    if batch:
        yield batch
