"""The front door: :func:`parse`, :func:`parse_file`, :func:`parse_many` and :func:`load`
(``parse`` and ``load`` live in :mod:`~bulletin_nlp.parsing` and :mod:`~bulletin_nlp.pipeline`)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from bulletin_nlp.batches import batched
from bulletin_nlp.bulletin import Bulletin
from bulletin_nlp.parsing import iter_parse_batch, parse, parse_batch
from bulletin_nlp.pipeline import MODEL_ENV, default_nlp, load

if TYPE_CHECKING:
    from spacy.language import Language

    from bulletin_nlp.readers import Document

__all__ = ["MODEL_ENV", "default_nlp", "load", "parse", "parse_batch", "parse_file", "parse_many"]


def parse_file(path: str | os.PathLike[str], *, nlp: Language | None = None) -> Bulletin:
    """Read a file and parse it: text (.txt/.md in UTF-8, UTF-8 with BOM, GB18030 or UTF-16,
    detected), PDF with a text layer, Word .docx or a web page, told apart by content.

    The result keeps the text it was parsed from (``text``, which its offsets index) and its
    ``source``. Raises :class:`~bulletin_nlp.errors.BulletinDecodeError` naming the file when
    it cannot be read (an old .doc, a scan, an encrypted or damaged PDF) and
    :class:`~bulletin_nlp.errors.MissingExtraError` when the format's library is missing.
    """
    from bulletin_nlp.readers import read_document  # not imported by parse(): start-up time

    return parse_batch([read_document(Path(path))], nlp=nlp)[0]


#: Texts :func:`parse_many` parses together in one process (:func:`parse_batch` analyses them in
#: groups of up to ``pipeline.GROUP_TEXTS``), and per task of a worker process, where smaller
#: tasks spread the work more evenly over the processes.
BATCH_SIZE = 64
TASK_BATCH_SIZE = 16
#: Characters after which a batch of one process ends, however few its texts: what a batch
#: holds at once stays bounded when the texts are long.
BATCH_CHARS = 1 << 20


def parse_many(
    texts: Iterable[str | Document], *, nlp: Language | None = None, n_process: int = 1,
    batch_size: int | None = None,
) -> Iterator[Bulletin]:
    """Parse many bulletins, yielding results in input order.

    Texts are parsed ``batch_size`` at a time (see :func:`parse_batch`; None: :data:`BATCH_SIZE`,
    or fewer where they reach :data:`BATCH_CHARS` characters, in one process, and
    :data:`TASK_BATCH_SIZE` per task with ``n_process > 1``). With
    ``n_process > 1`` the batches are spread over that many worker processes, each loading the
    pipeline once.
    """
    if n_process <= 1:
        pipeline = nlp if nlp is not None else default_nlp()
        batches = batched(texts, BATCH_SIZE, BATCH_CHARS, _length) if batch_size is None else batched(texts, batch_size)
        for batch in batches:
            yield from iter_parse_batch(batch, pipeline)
        return
    from bulletin_nlp.parallel import parse_parallel  # multiprocessing: not imported by parse()

    task_size = TASK_BATCH_SIZE if batch_size is None else batch_size
    yield from parse_parallel(texts, n_process=n_process, batch_size=task_size, nlp=nlp)


def _length(given: object) -> int:
    """Characters of a text or a document's text (what a batch's bound counts); 0 for anything
    else, which :func:`parse_batch` refuses with its own error."""
    text = given if isinstance(given, str) else getattr(given, "text", None)
    return len(text) if isinstance(text, str) else 0

