"""Item topics: a scikit-learn-trained linear classifier that runs on numpy from plain arrays.

- :class:`TopicClassifier` — ``fit`` / ``predict`` / ``predict_scores`` / ``save`` / ``load``
- :func:`train_topics` — what ``bulletin-nlp train`` runs (cross-validation, meta.json)
- :func:`write_items_csv` / :func:`read_items_csv` — label items in a spreadsheet

See docs/topics.md for the design, the cross-validation table and how to retrain.
"""

from __future__ import annotations

from .items_csv import ItemsCsvError, read_items_csv, write_items_csv
from .model import Config, TopicClassifier
from .train import cross_validate, train_topics

__all__ = ["Config", "ItemsCsvError", "TopicClassifier", "cross_validate", "read_items_csv", "train_topics",
           "write_items_csv"]
