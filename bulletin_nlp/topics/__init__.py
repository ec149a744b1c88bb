"""Item topics: a scikit-learn-trained linear classifier that runs on numpy from plain arrays.

- :class:`TopicClassifier` — ``fit`` / ``predict`` / ``predict_scores`` / ``save`` / ``load``
- :func:`train_topics` — what ``bulletin-nlp train`` runs (cross-validation, meta.json)
- :func:`write_items_csv` / :func:`read_items_csv` — label items in a spreadsheet
- :mod:`.storage` — the model files, checked at load (SHA-256, shapes, taxonomy version)
- :mod:`.report` — accuracy, macro-F1, per-topic table, confusion matrix, the training summary
- :mod:`.taxonomy` — the topic list (docs/taxonomy.md, version 2)

See docs/topics.md for the design, the cross-validation table and how to retrain.
"""

from __future__ import annotations

from typing import Any

from bulletin_nlp.topics.model import Config, TopicClassifier

__all__ = ["Config", "ItemsCsvError", "TopicClassifier", "cross_validate", "read_items_csv", "train_topics",
           "write_items_csv"]


def __getattr__(name: str) -> Any:
    """Training reads corpora (``bulletin_nlp.corpus``), which read the taxonomy from here:
    import it on first use so that ``bulletin_nlp.topics.taxonomy`` stays importable alone.
    The spreadsheet functions too: ``parse()`` needs neither them nor the file readers they use."""
    if name in ("cross_validate", "train_topics"):
        from bulletin_nlp.topics import train

        return getattr(train, name)
    if name in ("ItemsCsvError", "read_items_csv", "write_items_csv"):
        from bulletin_nlp.topics import items_csv

        return getattr(items_csv, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
