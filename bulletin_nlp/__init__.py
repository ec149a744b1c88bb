"""bulletin_nlp: structured data from Chinese county-government bulletins (政务快报).

>>> import bulletin_nlp
>>> bulletin = bulletin_nlp.parse(text)          # doctest: +SKIP
>>> bulletin.to_dict()["sections"][0]["items"]   # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any

from bulletin_nlp.startup import freeze_startup_objects, paused_gc

with paused_gc():  # spaCy and the package's modules: many long-lived objects, little garbage
    from bulletin_nlp.api import load, parse, parse_batch, parse_file, parse_many
    from bulletin_nlp.bulletin import (
        Bulletin,
        Entity,
        Fact,
        Footer,
        Item,
        Leftover,
        Period,
        Section,
        Span,
        Subject,
    )
    from bulletin_nlp.errors import BulletinDecodeError, BulletinError, ModelError, TextTooLongError, WorkerError
    from bulletin_nlp.version import __version__
freeze_startup_objects()  # what the import made lives as long as the process: never walked again

__all__ = [
    "Bulletin",
    "BulletinDecodeError",
    "BulletinError",
    "Entity",
    "Fact",
    "Footer",
    "Item",
    "Leftover",
    "ModelError",
    "Period",
    "Section",
    "Span",
    "Subject",
    "TextTooLongError",
    "WorkerError",
    "__version__",
    "evaluate",
    "load",
    "load_corpus",
    "parse",
    "parse_batch",
    "parse_file",
    "parse_many",
    "to_pandas",
    "to_tables",
    "train_topics",
]


def __getattr__(name: str) -> Any:
    """Load the heavier entry points only when they are used."""
    if name == "evaluate":
        from bulletin_nlp.corpus.evaluate import evaluate

        return evaluate
    if name == "load_corpus":
        from bulletin_nlp.corpus.records import load_corpus

        return load_corpus
    if name in ("to_tables", "to_pandas"):
        from bulletin_nlp import tables

        return getattr(tables, name)
    if name == "train_topics":
        from bulletin_nlp.topics.train import train_topics

        return train_topics
    raise AttributeError(f"module 'bulletin_nlp' has no attribute {name!r}")
