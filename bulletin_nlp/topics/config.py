"""The topic classifier's configuration and fitted arrays: plain data, shared by the model
(:mod:`bulletin_nlp.topics.model`) and its files (:mod:`bulletin_nlp.topics.storage`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from bulletin_nlp.segment.intmap import StringIndex
from bulletin_nlp.startup import paused_gc

__all__ = ["DEFAULT_BLOCKS", "Block", "Config", "FittedArrays"]


@dataclass(frozen=True)
class Block:
    """One feature block: ``kind`` is ``char`` (n-grams of ``field``), ``agency`` or ``prior``."""

    name: str
    kind: str
    field: str = ""
    ngram: tuple[int, int] = (1, 3)
    weight: float = 1.0
    min_df: int = 1
    sublinear_tf: bool = True


DEFAULT_BLOCKS: tuple[Block, ...] = (
    Block("text", "char", "text", (1, 3), 1.0, min_df=2),  # headline + body
    Block("section", "char", "section", (1, 3), 0.2),
    Block("agency", "agency", weight=0.2),
)


@dataclass(frozen=True)
class Config:
    """Hyper-parameters (chosen by cross-validation, see docs/topics.md)."""

    blocks: tuple[Block, ...] = DEFAULT_BLOCKS
    model: str = "logreg"  # or "linearsvc" (scores: softmax of the decision values)
    C: float = 20.0
    max_iter: int = 1000
    tol: float = 1e-3

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Config:
        blocks = tuple(Block(**{**b, "ngram": tuple(b.get("ngram", (1, 3)))}) for b in d["blocks"])
        return cls(blocks=blocks, model=str(d["model"]), C=float(d["C"]), max_iter=int(d["max_iter"]),
                   tol=float(d["tol"]))


@dataclass
class FittedArrays:
    """The arrays a fitted model needs, all plain numpy/JSON."""

    classes: list[str]
    vocab: dict[str, Sequence[str]]  # a loaded model's are tuples: the collector stops walking them
    idf: dict[str, np.ndarray]
    coef: np.ndarray
    intercept: np.ndarray
    agency_table: dict[str, list[str]]
    coef_t: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))  # coef.T, one row per feature
    _index: dict[str, dict[str, int]] = field(default_factory=dict)
    _strings: dict[str, StringIndex] = field(default_factory=dict)
    _columns: dict[tuple[str, ...], list[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # the compiled decision reads both as contiguous float64: scikit-learn up to 1.7 gives an
        # intercept_ that is a strided view into its parameter array
        self.coef_t = np.ascontiguousarray(self.coef.T, dtype=np.float64)
        self.intercept = np.ascontiguousarray(self.intercept, dtype=np.float64)

    def index(self, block: str) -> dict[str, int]:
        """Term -> column of a block's vocabulary (built on first use)."""
        if block not in self._index:
            self._index[block] = {t: i for i, t in enumerate(self.vocab[block])}
        return self._index[block]

    def code_columns(self, codes: Sequence[str]) -> list[int]:
        """The column of each of ``codes`` in :attr:`classes`, -1 where a code has none."""
        key = tuple(codes)
        if key not in self._columns:
            column_of = {code: column for column, code in enumerate(self.classes)}
            self._columns[key] = [column_of.get(code, -1) for code in key]
        return self._columns[key]

    def strings(self, block: str) -> StringIndex:
        """The vocabulary of a char block as a :class:`StringIndex` (built on first use)."""
        if block not in self._strings:
            with paused_gc():  # a large, long-lived index (bulletin_nlp.startup)
                self._strings[block] = StringIndex(self.vocab[block])
        return self._strings[block]
