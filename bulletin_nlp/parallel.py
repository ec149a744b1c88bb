"""Parsing in worker processes for :func:`bulletin_nlp.parse_many` (``n_process > 1``)."""

from __future__ import annotations

import gc
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from bulletin_nlp.batches import batched
from bulletin_nlp.bulletin import Bulletin
from bulletin_nlp.parsing import parse_batch
from bulletin_nlp.pipeline import default_nlp
from bulletin_nlp.readers.document import Document

if TYPE_CHECKING:
    from multiprocessing.pool import AsyncResult, Pool

    from spacy.language import Language

_worker_nlp: Language | None = None


def _init(nlp: Language | None) -> None:
    global _worker_nlp
    _worker_nlp = nlp if nlp is not None else default_nlp()


def _parse(texts: list[str | Document]) -> list[Bulletin]:
    return parse_batch(texts, nlp=_worker_nlp)


def parse_parallel(
    texts: Iterable[str | Document], *, n_process: int, batch_size: int, nlp: Language | None = None
) -> Iterator[Bulletin]:
    """Parse ``texts`` in ``n_process`` workers, yielding results in input order.

    On platforms with ``fork`` the workers inherit the pipeline already loaded here (``nlp``
    or the default one); elsewhere each worker loads the default pipeline once, and a custom
    ``nlp`` is refused rather than silently replaced. Each worker parses ``batch_size`` texts
    at a time (:func:`~bulletin_nlp.parsing.parse_batch`). The input is read in the caller's
    thread (a database cursor works), at most four batches per worker ahead of what was
    yielded, so an endless iterator streams and the workers never wait for a round to end.
    """
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    if context.get_start_method() == "fork":
        nlp = nlp if nlp is not None else default_nlp()
    elif nlp is not None:
        raise ValueError("parse_many(nlp=..., n_process>1) needs the 'fork' start method; "
                         "here each worker can only load the default pipeline (set BULLETIN_NLP_MODEL)")
    # Set the pipeline's objects aside from garbage collection for the run: collections here
    # (results pile up) and in the workers then do not walk them (measured: parent CPU -25%).
    frozen_by_caller = gc.get_freeze_count() > 0
    gc.freeze()
    try:
        yield from _stream(context.Pool(n_process, initializer=_init, initargs=(nlp,)), texts, n_process, batch_size)
    finally:
        if not frozen_by_caller:  # a caller's own gc.freeze() is left as it was
            gc.unfreeze()


def _stream(pool: Pool, texts: Iterable[str | Document], n_process: int, batch_size: int) -> Iterator[Bulletin]:
    ahead = n_process * 4  # batches submitted and not yet yielded, at most
    pending: deque[AsyncResult[list[Bulletin]]] = deque()
    source = batched(texts, batch_size)
    with pool:
        while True:
            try:
                batch = next(source)  # the input is read here, in the caller's thread
            except StopIteration:
                break
            except Exception:
                while pending:  # the input failed: first what was read before, then its error
                    yield from pending.popleft().get()
                raise
            pending.append(pool.apply_async(_parse, (batch,)))
            if len(pending) >= ahead:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
