"""The item-topic classifier: char n-gram TF-IDF of the item + section and agency features → linear model.

Training uses scikit-learn (``CountVectorizer`` → ``TfidfTransformer`` per field block,
``LogisticRegression``). Inference re-implements that transform and the linear decision with
numpy from plain arrays, so :meth:`TopicClassifier.load` never unpickles anything.

Saving and loading are in :mod:`bulletin_nlp.topics.storage`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from bulletin_nlp.errors import ModelError
from bulletin_nlp.extensions import load_extension, use_extension
from bulletin_nlp.resources import PathLike, require
from bulletin_nlp.segment.intmap import COMPILED, code_points
from bulletin_nlp.topics.config import Block, Config, FittedArrays
from bulletin_nlp.topics.features import (
    Item,
    agency_prior,
    agency_tokens,
    field_ngrams,
    field_text,
    normalize,
    priors,
)
from bulletin_nlp.topics.scores import TopicScores
from bulletin_nlp.topics.storage import (
    ARRAYS_FILE,
    MODEL_FILE,
    TaxonomyMismatchWarning,
    load_model,
    save_model,
)
from bulletin_nlp.topics.taxonomy import taxonomy_version as current_taxonomy_version
from bulletin_nlp.topics.taxonomy import topic_codes

__all__ = ["ARRAYS_FILE", "MODEL_FILE", "Block", "Config", "TaxonomyMismatchWarning", "TopicClassifier"]

_decision = load_extension("bulletin_nlp.topics._decision", api=2)  # the compiled decision, or None: numpy
#: Whether the decision runs compiled; ``BULLETIN_NLP_PURE_PYTHON=1`` forces numpy.
COMPILED_DECISION = use_extension(_decision)
#: The compiled decision reads ``np.log(count) + 1.0`` from a table of counts up to this many;
#: an item with more terms (a long text alone) takes the numpy code.
_LOG_TF_COUNTS = 4096

#: Without the compiled string index: up to this many characters of a block's text, n-grams
#: are looked up one by one in a dict.
_DICT_CHARS = 512
_FIRST = np.zeros(1, dtype=np.int64)  # where the features of a single item start
_NONE = np.zeros(0, dtype=np.int64)


def _identity(doc: list[str]) -> list[str]:
    return doc


@dataclass(frozen=True)
class _Columns:
    """The decision's feature columns: the blocks side by side, in config order."""

    offsets: tuple[int, ...]  # first column of each block
    first_columns: np.ndarray  # the same as an array
    width: int  # columns in all
    idf: np.ndarray  # per column (0.0 in prior columns)
    weight: np.ndarray  # per counted (char or agency) block, in order
    sublinear: np.ndarray  # per counted block
    all_sublinear: bool  # whether every counted block is (the default: no need to pick)
    has_prior: bool  # whether a block is a prior (dense, not counted)
    sublinear_flags: np.ndarray  # ``sublinear`` as uint8, for the compiled decision
    log_tf: np.ndarray  # np.log(count) + 1.0 for counts 0 (unused) to _LOG_TF_COUNTS, as numpy computes it


def _batches(items: list[Item], chars: int) -> list[list[Item]]:
    """``items`` in runs of at most ``chars`` headline and body characters (a longer item alone)."""
    batches: list[list[Item]] = [[]]
    size = 0
    for item in items:
        length = sum(map(len, field_text(item, "text")))
        if batches[-1] and size + length > chars:
            batches.append([])
            size = 0
        batches[-1].append(item)
        size += length
    return batches


def _tfidf(group: np.ndarray, column: np.ndarray, n_items: int,
           columns: _Columns) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(item, column, value)`` sorted by block, item and column: the L2-normalised, weighted
    TF-IDF vector of each counted block of each item, as ``TfidfTransformer`` computes it from
    the raw counts. ``group`` is the counted block's number × ``n_items`` + the item."""
    key, counts = np.unique(group * columns.width + column, return_counts=True)
    group, column = key // columns.width, key % columns.width
    block = group // n_items
    term_freq = counts.astype(np.float64)
    if columns.all_sublinear:
        term_freq = np.log(term_freq) + 1.0
    elif columns.sublinear.any():
        term_freq = np.where(columns.sublinear[block], np.log(term_freq) + 1.0, term_freq)
    values = term_freq * columns.idf[column]
    norm = np.sqrt(np.bincount(group, values * values, minlength=n_items * len(columns.weight)))
    return group % n_items, column, values / np.where(norm > 0, norm, 1.0)[group] * columns.weight[block]


class TopicClassifier:
    """Scores every taxonomy topic for bulletin items.

    >>> clf = TopicClassifier().fit(items, labels)          # doctest: +SKIP
    >>> clf.predict([{"section": "安全生产", "headline": "…", "body": "…", "sources": ["应急管理局"]}])
    ...                                                     # doctest: +SKIP
    """

    def __init__(self, config: Config | None = None, *, codes: Sequence[str] | None = None,
                 taxonomy_version: int | None = None) -> None:
        self.config = config or Config()
        self.codes = tuple(codes or topic_codes())
        self.taxonomy_version = taxonomy_version if taxonomy_version is not None else current_taxonomy_version()
        self._fitted: FittedArrays | None = None
        self._sk: Any = None  # the scikit-learn objects after fit (not saved)
        self._columns: tuple[FittedArrays, _Columns] | None = None

    # ---------------------------------------------------------------- features
    def block_docs(self, items: Sequence[Item]) -> dict[str, list[Any]]:
        """Tokens (``char``/``agency`` blocks) or prior vectors (``prior``) per block, per item."""
        table = self._fitted.agency_table if self._fitted else priors()["agencies"]
        out: dict[str, list[Any]] = {}
        for block in self.config.blocks:
            if block.kind == "char":
                out[block.name] = [field_ngrams(item, block.field, *block.ngram) for item in items]
            elif block.kind == "agency":
                out[block.name] = [agency_tokens(item) for item in items]
            elif block.kind == "prior":
                out[block.name] = [agency_prior(item, table, self.codes) for item in items]
            else:
                raise ValueError(f"unknown feature block kind {block.kind!r}")
        return out

    # ---------------------------------------------------------------- training
    def count(self, docs: Mapping[str, list[Any]]) -> dict[str, tuple[Any, np.ndarray]]:
        """Raw counts per block over all items: ``(csr matrix, sorted terms)`` (prior: values, no terms)."""
        require("sklearn", "training the topic classifier")
        from scipy import sparse
        from sklearn.feature_extraction.text import CountVectorizer

        out: dict[str, tuple[Any, np.ndarray]] = {}
        for block in self.config.blocks:
            rows = docs[block.name]
            if block.kind == "prior":
                out[block.name] = (sparse.csr_matrix(np.asarray(rows, dtype=np.float64).reshape(len(rows), -1)),
                               np.empty(0, dtype=object))
                continue
            vectorizer = CountVectorizer(analyzer=_identity, dtype=np.float64)
            try:
                out[block.name] = (vectorizer.fit_transform(rows).tocsr(), vectorizer.get_feature_names_out())
            except ValueError:  # no token at all (e.g. no item has a section)
                out[block.name] = (sparse.csr_matrix((len(rows), 0)), np.empty(0, dtype=object))
        return out

    def fit(self, items: Sequence[Item], labels: Sequence[str], *, sample_weight: Sequence[float] | None = None,
            docs: Mapping[str, list[Any]] | None = None) -> TopicClassifier:
        """Fit on items and their topic codes; ``docs`` may pass precomputed :meth:`block_docs`."""
        docs = docs if docs is not None else self.block_docs(items)
        return self.fit_counts(self.count(docs), labels, sample_weight=sample_weight)

    def fit_counts(self, counts: Mapping[str, tuple[Any, np.ndarray]], labels: Sequence[str], *,
                   rows: Sequence[int] | None = None, sample_weight: Sequence[float] | None = None) -> TopicClassifier:
        """Fit on :meth:`count` output restricted to ``rows`` (``labels``/``sample_weight`` per row).

        Identical to fitting ``CountVectorizer(min_df)`` + ``TfidfTransformer`` on those rows
        alone, but the counting is shared across cross-validation folds.
        """
        require("sklearn", "training the topic classifier")
        from scipy import sparse
        from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer
        from sklearn.linear_model import LogisticRegression
        from sklearn.svm import LinearSVC
        from threadpoolctl import threadpool_limits

        bad = sorted({label for label in labels if label not in self.codes})
        if bad:
            raise ValueError(f"unknown topic code(s) {bad}; expected one of {list(self.codes)}")
        if len(set(labels)) < 2:
            raise ValueError("need items of at least two topics to train")
        self._fitted = None
        matrices, idf, steps = [], {}, {}
        vocab: dict[str, Sequence[str]] = {}
        for block in self.config.blocks:
            term_counts, terms = counts[block.name]
            term_counts = term_counts[np.asarray(rows)] if rows is not None else term_counts
            if block.kind == "prior":
                matrices.append(term_counts * block.weight)
                continue
            # csr rows hold each column once
            doc_freq = np.bincount(term_counts.indices, minlength=term_counts.shape[1])
            keep = np.flatnonzero(doc_freq >= (block.min_df if term_counts.shape[0] > 1 else 1))
            vocab[block.name] = [str(term) for term in terms[keep]]
            if len(keep):
                tfidf = TfidfTransformer(sublinear_tf=block.sublinear_tf).fit(term_counts[:, keep])
                matrices.append(tfidf.transform(term_counts[:, keep]) * block.weight)
                idf[block.name] = tfidf.idf_.astype(np.float64)
                vectorizer = CountVectorizer(analyzer=_identity, vocabulary=vocab[block.name], dtype=np.float64)
                steps[block.name] = (vectorizer, tfidf)
            else:
                matrices.append(sparse.csr_matrix((term_counts.shape[0], 0)))
                idf[block.name], steps[block.name] = np.zeros(0), (None, None)
        features = sparse.hstack(matrices, format="csr")
        config = self.config
        if config.model == "logreg":
            model: Any = LogisticRegression(C=config.C, max_iter=config.max_iter, tol=config.tol)
        elif config.model == "linearsvc":
            model = LinearSVC(C=config.C, max_iter=config.max_iter, tol=config.tol, random_state=0)
        else:
            raise ValueError(f"unknown model {config.model!r} (logreg, linearsvc)")
        with threadpool_limits(1):  # BLAS threads only slow L-BFGS down on a few shared cores
            weights = None if sample_weight is None else np.asarray(sample_weight)
            model.fit(features, list(labels), sample_weight=weights)
        coef, intercept = np.atleast_2d(model.coef_), np.atleast_1d(model.intercept_)
        if len(model.classes_) == 2:  # binary models keep one row: expand to a softmax over two
            coef, intercept = np.vstack([-coef / 2, coef / 2]), np.array([-intercept[0] / 2, intercept[0] / 2])
        self._sk = (steps, model)
        self._fitted = FittedArrays(classes=[str(code) for code in model.classes_], vocab=vocab, idf=idf,
                               coef=np.ascontiguousarray(coef, dtype=np.float64),
                               intercept=np.asarray(intercept, dtype=np.float64),
                               agency_table={key: list(value) for key, value in priors()["agencies"].items()})
        return self

    def sklearn_scores(self, items: Sequence[Item]) -> np.ndarray:
        """Scores from the scikit-learn objects of :meth:`fit` (``CountVectorizer`` with the fitted
        vocabulary, ``TfidfTransformer``, ``predict_proba``), to check the numpy inference."""
        from scipy import sparse

        if self._sk is None:
            raise ModelError("sklearn_scores needs a model fitted in this process")
        steps, model = self._sk
        docs = self.block_docs(items)
        matrices = []
        for block in self.config.blocks:
            if block.kind == "prior":
                matrices.append(sparse.csr_matrix(np.asarray(docs[block.name], dtype=np.float64) * block.weight))
            elif steps[block.name][0] is None:
                matrices.append(sparse.csr_matrix((len(items), 0)))
            else:
                vectorizer, tfidf = steps[block.name]
                matrices.append(tfidf.transform(vectorizer.transform(docs[block.name])) * block.weight)
        features = sparse.hstack(matrices, format="csr")
        if hasattr(model, "predict_proba"):
            return np.asarray(model.predict_proba(features))
        decision = np.asarray(model.decision_function(features))
        decision = np.column_stack([-decision / 2, decision / 2]) if decision.ndim == 1 else decision
        probabilities = np.exp(decision - decision.max(axis=1, keepdims=True))
        return np.asarray(probabilities / probabilities.sum(axis=1, keepdims=True))

    # ---------------------------------------------------------------- inference (numpy only)
    def _require(self) -> FittedArrays:
        if self._fitted is None:
            raise ModelError("the topic classifier is not trained: call fit() or TopicClassifier.load()")
        return self._fitted

    _BATCH_CHARS = 8192  # headline and body characters of the items scored together

    def decision(self, items: Sequence[Item]) -> np.ndarray:
        """Linear decision values, shape ``(len(items), len(classes))``, from the arrays alone.

        The features of all items are gathered as ``(item, column, value)`` triples, char
        n-grams by one vectorised lookup per block (:class:`~bulletin_nlp.segment.intmap.StringIndex`),
        in batches of ``_BATCH_CHARS`` characters so that memory stays bounded on long inputs
        (each feature found costs a row of class weights; an item's values do not depend on
        the batch).
        """
        batches = _batches(list(items), self._BATCH_CHARS)
        if len(batches) > 1:
            return np.vstack([self.decision(batch) for batch in batches])
        items = batches[0]
        fitted = self._require()
        layout = self._layout()
        if len(items) == 1 and not layout.has_prior:
            return self._decision_of_one(items[0], layout)
        if COMPILED_DECISION and not layout.has_prior:
            compiled = self._compiled_decision(items, layout)
            if compiled is not None:
                return compiled
        groups: list[np.ndarray] = []  # per counted block: the group (block, item) of each term found
        counted: list[np.ndarray] = []  # and its column
        prior: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []  # (item, column, value) per prior block
        for block, offset in zip(self.config.blocks, layout.offsets, strict=True):
            if block.kind == "prior":
                dense = np.asarray([agency_prior(item, fitted.agency_table, self.codes) for item in items],
                                   dtype=np.float64)
                dense = dense.reshape(len(items), len(self.codes))
                rows, columns = np.nonzero(dense)
                prior.append((rows, columns + offset, dense[rows, columns] * block.weight))
                continue
            item_ids, term_ids = self._counted_terms(block, items)
            groups.append(item_ids + len(groups) * len(items))
            counted.append(term_ids + offset)
        out = np.tile(fitted.intercept, (len(items), 1))
        triples = [_tfidf(np.concatenate(groups), np.concatenate(counted), len(items), layout)] if groups else []
        rows, columns, values = (np.concatenate(arrays) for arrays in zip((_NONE, _NONE, np.zeros(0)), *triples, *prior,
                                                                          strict=True))
        if not len(rows):
            return out
        if len(items) > 1 or prior:  # in item order; an item's features by column, i.e. block by block
            order = np.argsort(rows * layout.width + columns)
            rows, columns, values = rows[order], columns[order], values[order]
        first = _FIRST if len(items) == 1 else np.flatnonzero(np.concatenate([[True], rows[1:] != rows[:-1]]))
        out[rows[first]] += np.add.reduceat(fitted.coef_t[columns] * values[:, None], first, axis=0)
        return out

    def _compiled_decision(self, items: Sequence[Item], layout: _Columns) -> np.ndarray | None:
        """:meth:`decision` of several items by the compiled module, item by item as
        :meth:`_decision_of_one` computes one (a row does not depend on the batch; tested bit
        for bit), or None where an item holds more terms than the log table counts."""
        assert _decision is not None  # called only when COMPILED_DECISION is set
        fitted = self._require()
        found = []
        for block, offset in zip(self.config.blocks, layout.offsets, strict=True):
            owner, term = self._counted_terms(block, items)
            found.append(owner * layout.width + (term + offset))
        key = np.concatenate(found) if found else _NONE
        key.sort()  # by item, then column: each item's terms sorted, as one item's are
        starts = np.searchsorted(key, np.arange(len(items) + 1, dtype=np.int64) * layout.width)
        if len(key) and np.diff(starts).max() >= len(layout.log_tf):
            return None
        rows: np.ndarray = _decision.decision_of_many(
            key % layout.width, starts, layout.first_columns, layout.sublinear_flags, layout.log_tf, layout.idf,
            layout.weight, fitted.coef_t, fitted.intercept)
        return rows

    def _decision_of_one(self, item: Item, layout: _Columns) -> np.ndarray:
        """:meth:`decision` of one item when no block is a prior: the same values summed in
        the same order, without the batch's bookkeeping. One item's columns, sorted, run block
        by block (each block's columns follow the last one's), as :func:`_tfidf` orders them."""
        fitted = self._require()
        found = [(self._block_terms(block, item), offset)
                 for block, offset in zip(self.config.blocks, layout.offsets, strict=True)]
        column = np.concatenate([terms + offset if offset else terms for terms, offset in found if len(terms)]
                                or [_NONE])  # a new array: sorted in place below
        if COMPILED_DECISION and len(column) < len(layout.log_tf):
            assert _decision is not None  # COMPILED_DECISION is only set when the module is built
            column.sort()
            compiled: np.ndarray = _decision.decision_of_one(
                column, layout.first_columns, layout.sublinear_flags, layout.log_tf, layout.idf, layout.weight,
                fitted.coef_t, fitted.intercept)
            return compiled
        out: np.ndarray = fitted.intercept.reshape(1, -1).copy()
        if not len(column):
            return out
        column.sort()  # np.unique(column, return_counts=True) without its generic steps
        first = np.empty(len(column), dtype=bool)
        first[0] = True
        np.not_equal(column[1:], column[:-1], out=first[1:])
        starts = np.flatnonzero(first)
        counts = np.diff(starts, append=len(column))
        column = column[starts]
        block = np.searchsorted(layout.first_columns, column, side="right") - 1
        term_freq = counts.astype(np.float64)
        if layout.all_sublinear:
            term_freq = np.log(term_freq) + 1.0
        elif layout.sublinear.any():
            term_freq = np.where(layout.sublinear[block], np.log(term_freq) + 1.0, term_freq)
        values = term_freq * layout.idf[column]
        norm = np.sqrt(np.bincount(block, values * values, minlength=len(layout.weight)))
        values = values / np.where(norm > 0, norm, 1.0)[block] * layout.weight[block]
        out += np.add.reduceat(fitted.coef_t[column] * values[:, None], _FIRST, axis=0)
        return out

    def _block_terms(self, block: Block, item: Item) -> np.ndarray:
        """The vocabulary index of each term of one item's counted block (repeats included)."""
        if block.kind == "char":
            return self._char_terms(block, [item], owners=False)[1]
        return self._counted_terms(block, [item])[1]

    def _counted_terms(self, block: Block, items: Sequence[Item]) -> tuple[np.ndarray, np.ndarray]:
        """``(item, vocabulary index)`` of every term of a counted block of ``items`` (repeats
        included): char n-grams by :meth:`_char_terms`, agency tokens by the block's vocabulary."""
        if block.kind == "char":
            return self._char_terms(block, items)
        index = self._require().index(block.name)
        pairs = [(position, index[token]) for position, item in enumerate(items)
                 for token in agency_tokens(item) if token in index]
        return (np.array([position for position, _ in pairs], dtype=np.int64),
                np.array([column for _, column in pairs], dtype=np.int64))

    def _layout(self) -> _Columns:
        """The feature columns of the fitted model (computed once per fit or load)."""
        fitted = self._require()
        if self._columns is None or self._columns[0] is not fitted:
            blocks = self.config.blocks
            widths = [len(self.codes) if block.kind == "prior" else len(fitted.vocab[block.name]) for block in blocks]
            counted = [block for block in blocks if block.kind != "prior"]
            idf = [np.zeros(width) if block.kind == "prior" else fitted.idf[block.name]
                   for block, width in zip(blocks, widths, strict=True)]
            offsets = np.cumsum([0, *widths[:-1]]).astype(np.int64)
            sublinear = np.array([block.sublinear_tf for block in counted], dtype=bool)
            self._columns = (fitted, _Columns(
                offsets=tuple(offsets.tolist()), first_columns=offsets, width=max(sum(widths), 1),
                idf=np.concatenate([np.zeros(0), *idf]).astype(np.float64),
                weight=np.array([block.weight for block in counted], dtype=np.float64),
                sublinear=sublinear, all_sublinear=bool(sublinear.all()), has_prior=len(counted) < len(blocks),
                sublinear_flags=sublinear.astype(np.uint8),
                log_tf=np.concatenate([[0.0], np.log(np.arange(1, _LOG_TF_COUNTS + 1, dtype=np.float64)) + 1.0])))
        return self._columns[1]

    def _char_terms(self, block: Block, items: Sequence[Item], owners: bool = True) -> tuple[np.ndarray, np.ndarray]:
        """``(item, vocabulary index)`` of every char n-gram of the block's field in the vocabulary
        (without ``owners``, one item's: no item numbers, the first array is empty).

        One walk of the vocabulary trie (:class:`~bulletin_nlp.segment.intmap.StringIndex`),
        compiled where the extension is built. Without it, up to ``_DICT_CHARS`` characters
        are looked up one n-gram at a time in a dict: the numpy walk's fixed cost of some fifty
        steps only pays on longer texts. Both find the same pairs; the order differs, which
        :func:`_tfidf` does not see (it counts them)."""
        parts = [(position, part) for position, item in enumerate(items)
                 for part in map(normalize, field_text(item, block.field)) if part]
        if not parts:
            return _NONE, _NONE
        if not COMPILED and sum(len(part) for _, part in parts) <= _DICT_CHARS:
            return self._looked_up_terms(block, parts)
        codes = code_points("\0".join(part for _, part in parts))  # normalised text never holds U+0000
        start, term = self._require().strings(block.name).find(codes, *block.ngram)
        if not owners:
            return _NONE, term
        if len(items) == 1:
            return np.zeros(len(start), dtype=np.int64), term
        owner = np.repeat(np.array([position for position, _ in parts], dtype=np.int64),
                          [len(part) + 1 for _, part in parts])
        return owner[start], term

    def _looked_up_terms(self, block: Block, parts: list[tuple[int, str]]) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`_char_terms` by dict lookups of each n-gram."""
        column_of = self._require().index(block.name).get
        lo, hi = block.ngram
        owners: list[int] = []
        terms: list[int] = []
        for position, part in parts:
            for size in range(lo, hi + 1):
                ngrams = [part[start : start + size] for start in range(len(part) - size + 1)]
                found = [column for column in map(column_of, ngrams) if column is not None]
                terms += found
                owners += [position] * len(found)
        return np.array(owners, dtype=np.int64), np.array(terms, dtype=np.int64)

    def predict_scores(self, items: Sequence[Item]) -> list[dict[str, float]]:
        """A score for every taxonomy code (softmax of the decision; sums to 1 per item)."""
        return [dict(scores) for scores in self._scores(items)]

    def predict(self, items: Sequence[Item]) -> list[tuple[str, Mapping[str, float]]]:
        """``(topic, scores)`` per item; the topic is the best-scored code (first in taxonomy order on ties)."""
        return [(max(scores, key=scores.__getitem__), scores) for scores in self._scores(items)]

    def _scores(self, items: Sequence[Item]) -> list[TopicScores]:
        fitted = self._require()
        if not items:
            return []
        decision = self.decision(items)
        decision -= decision.max(axis=1, keepdims=True)
        probabilities = np.exp(decision)
        probabilities /= probabilities.sum(axis=1, keepdims=True)
        columns = fitted.code_columns(self.codes)  # -1 (no column): the 0.0 appended to each row
        return [TopicScores(self.codes, [row[column] for column in columns])
                for row in [[*row, 0.0] for row in probabilities.tolist()]]

    # ---------------------------------------------------------------- persistence
    def save(self, directory: PathLike) -> Path:
        """Write ``model.json`` and ``arrays.npz`` into ``directory`` (created if needed)."""
        return save_model(directory, self.config, self.codes, self.taxonomy_version, self._require())

    @classmethod
    def load(cls, directory: PathLike) -> TopicClassifier:
        """Read a model written by :meth:`save` (:func:`~bulletin_nlp.topics.storage.load_model`)."""
        stored = load_model(directory)
        clf = cls(stored.config, codes=stored.codes, taxonomy_version=stored.taxonomy_version)
        clf._fitted = stored.fitted
        return clf

    def arrays(self) -> FittedArrays:
        """The fitted arrays (raises ``ModelError`` before ``fit``)."""
        return self._require()
