"""Parsing in worker processes for :func:`bulletin_nlp.parse_many` (``n_process > 1``)."""

from __future__ import annotations

import gc
import multiprocessing
import pickle
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING

from bulletin_nlp.batches import batched
from bulletin_nlp.bulletin import Bulletin
from bulletin_nlp.errors import WorkerError
from bulletin_nlp.parsing import iter_parse_batch
from bulletin_nlp.pipeline import default_nlp
from bulletin_nlp.readers.document import Document
from bulletin_nlp.startup import batch_gc_pause

if TYPE_CHECKING:
    from spacy.language import Language

_worker_nlp: Language | None = None
#: What a worker sends back for a batch: the bulletins parsed, pickled, then the error that
#: stopped it. The caller unpickles a batch when it reaches it (:func:`_results`), not when the
#: batch arrives: ahead of the caller the batches stay bytes, which its collections do not walk.
BatchResult = tuple[bytes, BaseException | None]


def _init(nlp: Language | None) -> None:
    """A worker's start: the pipeline it was forked with (or the default one, loaded), and then
    every object it holds frozen, so that its collections never walk them. A worker runs only
    this module's code: what it inherited from the caller is never dropped there."""
    global _worker_nlp
    _worker_nlp = nlp if nlp is not None else default_nlp()
    gc.freeze()


def _parse(texts: list[str | Document]) -> BatchResult:
    """Parse a batch; an error (a text that is not a str) comes back after the texts before it,
    as :func:`~bulletin_nlp.api.parse_many` yields them in one process."""
    assert _worker_nlp is not None
    done: list[Bulletin] = []
    error: BaseException | None = None
    try:
        done.extend(iter_parse_batch(texts, _worker_nlp))
    except Exception as exc:  # any error: sent to the caller, raised there
        error = exc
    return pickle.dumps(done, pickle.HIGHEST_PROTOCOL), error


def _started() -> None:
    """Submitted first, so that the workers are started (forked) at once."""


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

    A worker that dies (killed, or out of memory) raises :class:`~bulletin_nlp.errors.WorkerError`
    naming the first batch without a result, after the results of the batches before it.
    """
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    if context.get_start_method() == "fork":
        nlp = nlp if nlp is not None else default_nlp()
    elif nlp is not None:
        raise ValueError("parse_many(nlp=..., n_process>1) needs the 'fork' start method; "
                         "here each worker can only load the default pipeline (set BULLETIN_NLP_MODEL)")
    executor = ProcessPoolExecutor(n_process, mp_context=context, initializer=_init, initargs=(nlp,))
    try:
        executor.submit(_started)  # the first submission starts every worker
        yield from _stream(executor, texts, n_process, batch_size)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _stream(
    executor: ProcessPoolExecutor, texts: Iterable[str | Document], n_process: int, batch_size: int
) -> Iterator[Bulletin]:
    ahead = n_process * 4  # batches submitted and not yet yielded, at most
    pending: deque[tuple[int, int, int, Future[BatchResult]]] = deque()  # number, first text, size, result
    source = batched(texts, batch_size)
    number = read = 0
    while True:
        try:
            batch = next(source)  # the input is read here, in the caller's thread
        except StopIteration:
            break
        except Exception:
            while pending:  # the input failed: first what was read before, then its error
                yield from _results(pending.popleft())
            raise
        pending.append((number, read, len(batch), executor.submit(_parse, batch)))
        number, read = number + 1, read + len(batch)
        if len(pending) >= ahead:
            yield from _results(pending.popleft())
    while pending:
        yield from _results(pending.popleft())


def _results(entry: tuple[int, int, int, Future[BatchResult]]) -> Iterator[Bulletin]:
    number, first, size, future = entry
    try:
        done, error = future.result()
    except BrokenProcessPool:
        raise WorkerError(number, first, first + size) from None
    with batch_gc_pause():  # a batch's results at once, walked by one young collection after
        bulletins: list[Bulletin] = pickle.loads(done)
    yield from bulletins
    if error is not None:
        raise error
