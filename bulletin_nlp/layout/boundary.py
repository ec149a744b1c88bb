"""Where a glued headline ends: a small log-linear model over character context.

When nothing marks the end of an item's headline (no space, no bold, no line break), every
position of the first clause is a candidate. Each gets a score from character n-grams on both
sides of it (the headline's last characters, the body's first ones) and the headline length;
the best-scoring position wins if its probability clears a threshold. The weights are learned
from labelled (headline, body) pairs by ``scripts/train_headline_boundary.py`` and shipped as
JSON in ``data/headline_boundary.json`` (no pickle).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from functools import lru_cache

from bulletin_nlp.resources import data_path

#: The glued-headline model only looks for an end this far into the paragraph (its training
#: range); :mod:`bulletin_nlp.layout.headline` has the limits of headlines in general.
GLUED_MIN = 8
GLUED_MAX = 50
_LENGTH_KEYS = tuple(str(quarter) for quarter in range(13))  # the "len" feature's values


def candidate_positions(text: str, limit: int) -> range:
    """Positions where a glued headline may end, up to ``limit`` (the first clause's end)."""
    return range(GLUED_MIN, min(limit - 1, GLUED_MAX) + 1)


def features(text: str, position: int) -> Iterator[str]:
    """The features of a boundary before ``text[position]``."""
    yield f"L1:{text[position - 1]}"
    yield f"L2:{text[position - 2:position]}"
    yield f"R1:{text[position]}"
    yield f"R2:{text[position:position + 2]}"
    yield f"R3:{text[position:position + 3]}"
    yield f"LR:{text[position - 1:position + 1]}"
    yield f"len:{min(position // 4, 12)}"


def _model() -> tuple[dict[str, float], float, float]:
    """The weights by feature name, the bias and the threshold, read from the JSON file."""
    raw = data_path("headline_boundary.json").read_text("utf-8")
    data = json.loads(raw)
    return data["weights"], float(data["bias"]), float(data["threshold"])


@lru_cache(maxsize=1)
def _parameters() -> tuple[dict[str, dict[str, float]], float, float]:
    """The weights split by feature kind (``L1`` …): ``{"L1": {"县": w, …}, …}``, so that a
    feature's weight is read without formatting its name; the bias and the threshold. Only this
    split is kept (the weights by name would hold each weight a second time, ~2 MB)."""
    weights, bias, threshold = _model()
    by_kind: dict[str, dict[str, float]] = {}
    for name, weight in weights.items():
        kind, _, value = name.partition(":")
        by_kind.setdefault(kind, {})[value] = weight
    return by_kind, bias, threshold


def glued_boundary(text: str, limit: int) -> int | None:
    """The most probable end of a glued headline in ``text[:limit]``, or None if none is likely."""
    by_kind, bias, threshold = _parameters()
    empty: dict[str, float] = {}
    left1, left2, right1, right2, right3, across, length = (
        by_kind.get(kind, empty).get for kind in ("L1", "L2", "R1", "R2", "R3", "LR", "len"))
    best, best_score = None, -math.inf
    positions = candidate_positions(text, limit)
    # quotation marks opened and closed before the position, counted as the positions advance
    opened, closed = text.count("“", 0, positions.start - 1), text.count("”", 0, positions.start - 1)
    for position in positions:  # from GLUED_MIN (8): text[position - 1] is there
        before = text[position - 1]
        opened, closed = opened + (before == "“"), closed + (before == "”")
        if opened > closed:
            continue  # a headline does not end inside a quotation
        score = bias + sum((  # the weights of features(text, position), in its order
            left1(text[position - 1], 0.0), left2(text[position - 2:position], 0.0), right1(text[position], 0.0),
            right2(text[position:position + 2], 0.0), right3(text[position:position + 3], 0.0),
            across(text[position - 1:position + 1], 0.0), length(_LENGTH_KEYS[min(position // 4, 12)], 0.0)))
        if score > best_score:
            best, best_score = position, score
    if best is None or 1 / (1 + math.exp(-best_score)) < threshold:
        return None
    return best
