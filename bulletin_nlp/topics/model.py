"""The item-topic classifier: char n-gram TF-IDF of the item + section and agency features → linear model.

Training uses scikit-learn (``CountVectorizer`` → ``TfidfTransformer`` per field block,
``LogisticRegression``). Inference re-implements that transform and the linear decision with
numpy from plain arrays, so :meth:`TopicClassifier.load` never unpickles anything.

Saving and loading are in :mod:`bulletin_nlp.topics.storage`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from bulletin_nlp.errors import ModelError
from bulletin_nlp.resources import PathLike, require
from bulletin_nlp.segment.intmap import code_points
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


def _identity(doc: list[str]) -> list[str]:
    return doc


def _tfidf(item: np.ndarray, term: np.ndarray, idf: np.ndarray, n_items: int,
           block: Block) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(item, column, value)``: the block's L2-normalised, weighted TF-IDF vector per item,
    as ``TfidfTransformer`` computes it from the raw counts."""
    width = max(len(idf), 1)
    key, counts = np.unique(item * width + term, return_counts=True)
    item, column = key // width, key % width
    tf = counts.astype(np.float64)
    if block.sublinear_tf:
        tf = np.log(tf) + 1.0
    vals = tf * idf[column]
    norm = np.sqrt(np.bincount(item, vals * vals, minlength=n_items))
    return item, column, vals / np.where(norm > 0, norm, 1.0)[item] * block.weight


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

    # ---------------------------------------------------------------- features
    def block_docs(self, items: Sequence[Item]) -> dict[str, list[Any]]:
        """Tokens (``char``/``agency`` blocks) or prior vectors (``prior``) per block, per item."""
        table = self._fitted.agency_table if self._fitted else priors()["agencies"]
        out: dict[str, list[Any]] = {}
        for b in self.config.blocks:
            if b.kind == "char":
                out[b.name] = [field_ngrams(it, b.field, *b.ngram) for it in items]
            elif b.kind == "agency":
                out[b.name] = [agency_tokens(it) for it in items]
            elif b.kind == "prior":
                out[b.name] = [agency_prior(it, table, self.codes) for it in items]
            else:
                raise ValueError(f"unknown feature block kind {b.kind!r}")
        return out

    # ---------------------------------------------------------------- training
    def count(self, docs: Mapping[str, list[Any]]) -> dict[str, tuple[Any, np.ndarray]]:
        """Raw counts per block over all items: ``(csr matrix, sorted terms)`` (prior: values, no terms)."""
        require("sklearn", "training the topic classifier")
        from scipy import sparse
        from sklearn.feature_extraction.text import CountVectorizer

        out: dict[str, tuple[Any, np.ndarray]] = {}
        for b in self.config.blocks:
            rows = docs[b.name]
            if b.kind == "prior":
                out[b.name] = (sparse.csr_matrix(np.asarray(rows, dtype=np.float64).reshape(len(rows), -1)),
                               np.empty(0, dtype=object))
                continue
            vec = CountVectorizer(analyzer=_identity, dtype=np.float64)
            try:
                out[b.name] = (vec.fit_transform(rows).tocsr(), vec.get_feature_names_out())
            except ValueError:  # no token at all (e.g. no item has a section)
                out[b.name] = (sparse.csr_matrix((len(rows), 0)), np.empty(0, dtype=object))
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

        bad = sorted({y for y in labels if y not in self.codes})
        if bad:
            raise ValueError(f"unknown topic code(s) {bad}; expected one of {list(self.codes)}")
        if len(set(labels)) < 2:
            raise ValueError("need items of at least two topics to train")
        self._fitted = None
        mats, vocab, idf, steps = [], {}, {}, {}
        for b in self.config.blocks:
            C, terms = counts[b.name]
            C = C[np.asarray(rows)] if rows is not None else C
            if b.kind == "prior":
                mats.append(C * b.weight)
                continue
            df = np.bincount(C.indices, minlength=C.shape[1])  # csr rows hold each column once
            keep = np.flatnonzero(df >= (b.min_df if C.shape[0] > 1 else 1))
            vocab[b.name] = [str(t) for t in terms[keep]]
            if len(keep):
                tfidf = TfidfTransformer(sublinear_tf=b.sublinear_tf).fit(C[:, keep])
                mats.append(tfidf.transform(C[:, keep]) * b.weight)
                idf[b.name] = tfidf.idf_.astype(np.float64)
                vec = CountVectorizer(analyzer=_identity, vocabulary=vocab[b.name], dtype=np.float64)
                steps[b.name] = (vec, tfidf)
            else:
                mats.append(sparse.csr_matrix((C.shape[0], 0)))
                idf[b.name], steps[b.name] = np.zeros(0), (None, None)
        X = sparse.hstack(mats, format="csr")
        cfg = self.config
        if cfg.model == "logreg":
            model: Any = LogisticRegression(C=cfg.C, max_iter=cfg.max_iter, tol=cfg.tol)
        elif cfg.model == "linearsvc":
            model = LinearSVC(C=cfg.C, max_iter=cfg.max_iter, tol=cfg.tol, random_state=0)
        else:
            raise ValueError(f"unknown model {cfg.model!r} (logreg, linearsvc)")
        with threadpool_limits(1):  # BLAS threads only slow L-BFGS down on a few shared cores
            model.fit(X, list(labels), sample_weight=None if sample_weight is None else np.asarray(sample_weight))
        coef, intercept = np.atleast_2d(model.coef_), np.atleast_1d(model.intercept_)
        if len(model.classes_) == 2:  # binary models keep one row: expand to a softmax over two
            coef, intercept = np.vstack([-coef / 2, coef / 2]), np.array([-intercept[0] / 2, intercept[0] / 2])
        self._sk = (steps, model)
        self._fitted = FittedArrays(classes=[str(c) for c in model.classes_], vocab=vocab, idf=idf,
                               coef=np.ascontiguousarray(coef, dtype=np.float64),
                               intercept=np.asarray(intercept, dtype=np.float64),
                               agency_table={k: list(v) for k, v in priors()["agencies"].items()})
        return self

    def sklearn_scores(self, items: Sequence[Item]) -> np.ndarray:
        """Scores from the scikit-learn objects of :meth:`fit` (``CountVectorizer`` with the fitted
        vocabulary, ``TfidfTransformer``, ``predict_proba``), to check the numpy inference."""
        from scipy import sparse

        if self._sk is None:
            raise ModelError("sklearn_scores needs a model fitted in this process")
        steps, model = self._sk
        docs = self.block_docs(items)
        mats = []
        for b in self.config.blocks:
            if b.kind == "prior":
                mats.append(sparse.csr_matrix(np.asarray(docs[b.name], dtype=np.float64) * b.weight))
            elif steps[b.name][0] is None:
                mats.append(sparse.csr_matrix((len(items), 0)))
            else:
                vec, tfidf = steps[b.name]
                mats.append(tfidf.transform(vec.transform(docs[b.name])) * b.weight)
        X = sparse.hstack(mats, format="csr")
        if hasattr(model, "predict_proba"):
            return np.asarray(model.predict_proba(X))
        z = np.asarray(model.decision_function(X))
        z = np.column_stack([-z / 2, z / 2]) if z.ndim == 1 else z
        p = np.exp(z - z.max(axis=1, keepdims=True))
        return np.asarray(p / p.sum(axis=1, keepdims=True))

    # ---------------------------------------------------------------- inference (numpy only)
    def _require(self) -> FittedArrays:
        if self._fitted is None:
            raise ModelError("the topic classifier is not trained: call fit() or TopicClassifier.load()")
        return self._fitted

    _BATCH = 256  # items scored together

    def decision(self, items: Sequence[Item]) -> np.ndarray:
        """Linear decision values, shape ``(len(items), len(classes))``, from the arrays alone.

        The features of all items are gathered as ``(item, column, value)`` triples, char
        n-grams by one vectorised lookup per block (:class:`~bulletin_nlp.segment.intmap.StringIndex`),
        in batches of ``_BATCH`` items so that memory stays bounded on huge inputs.
        """
        items = list(items)
        if len(items) > self._BATCH:
            return np.vstack([self.decision(items[i : i + self._BATCH]) for i in range(0, len(items), self._BATCH)])
        f = self._require()
        none = np.zeros(0, dtype=np.int64)
        triples = [(none, none, np.zeros(0))]  # (item, column, value) arrays per block
        offset = 0
        for b in self.config.blocks:
            if b.kind == "prior":
                dense = np.asarray([agency_prior(it, f.agency_table, self.codes) for it in items], dtype=np.float64)
                dense = dense.reshape(len(items), len(self.codes))
                r, c = np.nonzero(dense)
                triples.append((r, c + offset, dense[r, c] * b.weight))
                offset += len(self.codes)
                continue
            if b.kind == "char":
                item, term = self._char_terms(b, items)
            else:
                index = f.index(b.name)
                found = [(n, index[t]) for n, it in enumerate(items) for t in agency_tokens(it) if t in index]
                item, term = (np.array([x[k] for x in found], dtype=np.int64) for k in (0, 1))
            r, c, v = _tfidf(item, term, f.idf[b.name], len(items), b)
            triples.append((r, c + offset, v))
            offset += len(f.vocab[b.name])
        out = np.tile(f.intercept, (len(items), 1))
        r, c, v = (np.concatenate(x) for x in zip(*triples))
        if len(r):
            order = np.argsort(r, kind="stable")
            r, c, v = r[order], c[order], v[order]
            first = np.flatnonzero(np.r_[True, r[1:] != r[:-1]])
            out[r[first]] += np.add.reduceat(f.coef_t[c] * v[:, None], first, axis=0)
        return out

    def _char_terms(self, block: Block, items: Sequence[Item]) -> tuple[np.ndarray, np.ndarray]:
        """``(item, vocabulary index)`` of every char n-gram of the block's field in the vocabulary."""
        parts = [(n, t) for n, it in enumerate(items) for t in map(normalize, field_text(it, block.field)) if t]
        codes = code_points("\0".join(t for _, t in parts))  # normalised text never holds U+0000
        owner = np.repeat(np.array([n for n, _ in parts], dtype=np.int64), [len(t) + 1 for _, t in parts])
        start, term = self._require().strings(block.name).find(codes, *block.ngram)
        return owner[start], term

    def predict_scores(self, items: Sequence[Item]) -> list[dict[str, float]]:
        """A score for every taxonomy code (softmax of the decision; sums to 1 per item)."""
        f = self._require()
        if not items:
            return []
        z = self.decision(items)
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        col = {c: i for i, c in enumerate(f.classes)}
        return [{c: float(row[col[c]]) if c in col else 0.0 for c in self.codes} for row in p]

    def predict(self, items: Sequence[Item]) -> list[tuple[str, dict[str, float]]]:
        """``(topic, scores)`` per item; the topic is the best-scored code (first in taxonomy order on ties)."""
        return [(max(s, key=s.__getitem__), s) for s in self.predict_scores(items)]

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
