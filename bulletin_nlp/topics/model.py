"""The item-topic classifier: char n-gram TF-IDF of the item + section and agency features → linear model.

Training uses scikit-learn (``CountVectorizer`` → ``TfidfTransformer`` per field block,
``LogisticRegression``). Inference re-implements that transform and the linear decision with
numpy from plain arrays, so :meth:`TopicClassifier.load` never unpickles anything.

A model directory holds ``model.json`` (format, classes, feature blocks, vocabularies, agency
table, SHA-256 of the arrays file and of the manifest itself) and ``arrays.npz`` (idf per block,
``coef``, ``intercept``; read with ``allow_pickle=False``).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from bulletin_nlp.errors import ModelError
from bulletin_nlp.segment.intmap import StringIndex, code_points
from bulletin_nlp.topics.features import Item, agency_prior, agency_tokens, field_ngrams, field_text, normalize, priors
from bulletin_nlp.topics.taxonomy import topic_codes

FORMAT = "bulletin_nlp.topics"
FORMAT_VERSION = 1
MODEL_FILE = "model.json"
ARRAYS_FILE = "arrays.npz"
PathLike = str | os.PathLike[str]


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


def _identity(doc: list[str]) -> list[str]:
    return doc


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _write_npz(path: Path, arrays: Mapping[str, np.ndarray]) -> None:
    """Like ``np.savez_compressed`` but byte-reproducible (fixed zip timestamps, sorted names)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(arrays):
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.ascontiguousarray(arrays[name]), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, buf.getvalue())


def _manifest_sha(manifest: Mapping[str, Any]) -> str:
    body = {k: v for k, v in manifest.items() if k != "manifest_sha256"}
    return _sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode("utf-8"))


@dataclass
class _Fitted:
    """The arrays a fitted model needs, all plain numpy/JSON."""

    classes: list[str]
    vocab: dict[str, list[str]]
    idf: dict[str, np.ndarray]
    coef: np.ndarray
    intercept: np.ndarray
    agency_table: dict[str, list[str]]
    coef_t: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))  # coef.T, one row per feature
    _index: dict[str, dict[str, int]] = field(default_factory=dict)
    _strings: dict[str, StringIndex] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.coef_t = np.ascontiguousarray(self.coef.T)

    def index(self, block: str) -> dict[str, int]:
        """Term -> column of a block's vocabulary (built on first use)."""
        if block not in self._index:
            self._index[block] = {t: i for i, t in enumerate(self.vocab[block])}
        return self._index[block]

    def strings(self, block: str) -> StringIndex:
        """The vocabulary of a char block as a :class:`StringIndex` (built on first use)."""
        if block not in self._strings:
            self._strings[block] = StringIndex(self.vocab[block])
        return self._strings[block]


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

    def __init__(self, config: Config | None = None, *, codes: Sequence[str] | None = None) -> None:
        self.config = config or Config()
        self.codes = tuple(codes or topic_codes())
        self._fitted: _Fitted | None = None
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
            term_counts, terms = counts[b.name]
            term_counts = term_counts[np.asarray(rows)] if rows is not None else term_counts
            if b.kind == "prior":
                mats.append(term_counts * b.weight)
                continue
            df = np.bincount(term_counts.indices, minlength=term_counts.shape[1])  # csr rows hold each column once
            keep = np.flatnonzero(df >= (b.min_df if term_counts.shape[0] > 1 else 1))
            vocab[b.name] = [str(t) for t in terms[keep]]
            if len(keep):
                tfidf = TfidfTransformer(sublinear_tf=b.sublinear_tf).fit(term_counts[:, keep])
                mats.append(tfidf.transform(term_counts[:, keep]) * b.weight)
                idf[b.name] = tfidf.idf_.astype(np.float64)
                vec = CountVectorizer(analyzer=_identity, vocabulary=vocab[b.name], dtype=np.float64)
                steps[b.name] = (vec, tfidf)
            else:
                mats.append(sparse.csr_matrix((term_counts.shape[0], 0)))
                idf[b.name], steps[b.name] = np.zeros(0), (None, None)
        features = sparse.hstack(mats, format="csr")
        cfg = self.config
        if cfg.model == "logreg":
            model: Any = LogisticRegression(C=cfg.C, max_iter=cfg.max_iter, tol=cfg.tol)
        elif cfg.model == "linearsvc":
            model = LinearSVC(C=cfg.C, max_iter=cfg.max_iter, tol=cfg.tol, random_state=0)
        else:
            raise ValueError(f"unknown model {cfg.model!r} (logreg, linearsvc)")
        with threadpool_limits(1):  # BLAS threads only slow L-BFGS down on a few shared cores
            weights = None if sample_weight is None else np.asarray(sample_weight)
            model.fit(features, list(labels), sample_weight=weights)
        coef, intercept = np.atleast_2d(model.coef_), np.atleast_1d(model.intercept_)
        if len(model.classes_) == 2:  # binary models keep one row: expand to a softmax over two
            coef, intercept = np.vstack([-coef / 2, coef / 2]), np.array([-intercept[0] / 2, intercept[0] / 2])
        self._sk = (steps, model)
        self._fitted = _Fitted(classes=[str(c) for c in model.classes_], vocab=vocab, idf=idf,
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
        features = sparse.hstack(mats, format="csr")
        if hasattr(model, "predict_proba"):
            return np.asarray(model.predict_proba(features))
        z = np.asarray(model.decision_function(features))
        z = np.column_stack([-z / 2, z / 2]) if z.ndim == 1 else z
        p = np.exp(z - z.max(axis=1, keepdims=True))
        return np.asarray(p / p.sum(axis=1, keepdims=True))

    # ---------------------------------------------------------------- inference (numpy only)
    def _require(self) -> _Fitted:
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
        r, c, v = (np.concatenate(x) for x in zip(*triples, strict=True))
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
        f = self._require()
        d = Path(directory)
        d.mkdir(parents=True, exist_ok=True)
        arrays = {"coef": f.coef, "intercept": f.intercept, **{f"idf_{k}": v for k, v in f.idf.items()}}
        _write_npz(d / ARRAYS_FILE, arrays)
        import sklearn

        from bulletin_nlp import __version__ as lib_version

        manifest: dict[str, Any] = {
            "format": FORMAT, "format_version": FORMAT_VERSION,
            "bulletin_nlp_version": lib_version, "sklearn_version": sklearn.__version__,
            "codes": list(self.codes), "classes": f.classes, "config": self.config.to_dict(),
            "vocabularies": f.vocab, "agency_table": f.agency_table,
            "arrays": {"file": ARRAYS_FILE, "sha256": _sha256((d / ARRAYS_FILE).read_bytes()),
                       "shapes": {k: list(v.shape) for k, v in arrays.items()}},
        }
        manifest["manifest_sha256"] = _manifest_sha(manifest)
        (d / MODEL_FILE).write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", "utf-8")
        return d

    @classmethod
    def load(cls, directory: PathLike) -> TopicClassifier:
        """Read a model written by :meth:`save`; no code from the files is run.

        Raises :class:`~bulletin_nlp.errors.ModelError` when a file is missing, unreadable,
        altered since it was saved (SHA-256), of another format version, inconsistent in shape,
        or made for another topic list.
        """
        d = Path(directory)
        mpath = d / MODEL_FILE
        if not mpath.is_file():
            raise ModelError(f"{d}: no topic model here ({MODEL_FILE} missing); "
                             "train one with `bulletin-nlp train CORPUS --out DIR`")
        try:
            manifest = json.loads(mpath.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
            raise ModelError(f"{mpath}: not a readable topic model manifest ({e})") from None
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise ModelError(f"{mpath}: not a bulletin_nlp topic model (format {FORMAT!r} expected)")
        if manifest.get("format_version") != FORMAT_VERSION:
            raise ModelError(f"{mpath}: format version {manifest.get('format_version')!r}, this bulletin_nlp "
                             f"reads version {FORMAT_VERSION}; retrain with `bulletin-nlp train`")
        if manifest.get("manifest_sha256") != _manifest_sha(manifest):
            raise ModelError(f"{mpath}: the manifest was modified after it was saved (SHA-256 mismatch)")
        try:
            return cls._from_manifest(d, manifest)
        except ModelError:
            raise
        except (KeyError, TypeError, ValueError) as e:
            raise ModelError(f"{mpath}: malformed topic model ({type(e).__name__}: {e})") from None

    @classmethod
    def _from_manifest(cls, d: Path, manifest: dict[str, Any]) -> TopicClassifier:
        name = str(manifest["arrays"]["file"])
        if name != Path(name).name or name in ("", ".", ".."):
            raise ModelError(f"{d / MODEL_FILE}: the arrays file must be a plain name in the model directory")
        apath = d / name
        try:
            data = apath.read_bytes()
        except OSError as e:
            raise ModelError(f"{apath}: cannot read the model arrays ({e})") from None
        if _sha256(data) != manifest["arrays"]["sha256"]:
            raise ModelError(f"{apath}: the arrays were modified after the model was saved (SHA-256 mismatch)")
        try:
            with np.load(apath, allow_pickle=False) as npz:
                arrays = {k: npz[k] for k in npz.files}
        except (OSError, ValueError, zipfile.BadZipFile, EOFError) as e:
            raise ModelError(f"{apath}: unreadable model arrays ({e})") from None
        codes = [str(c) for c in manifest["codes"]]
        current = list(topic_codes())
        if sorted(codes) != sorted(current):
            raise ModelError(f"{d}: model made for topics {codes}, the taxonomy now has {current}; retrain it")
        config = Config.from_dict(manifest["config"])
        classes = [str(c) for c in manifest["classes"]]
        vocab = {k: [str(t) for t in v] for k, v in manifest["vocabularies"].items()}
        idf = {b.name: arrays.get(f"idf_{b.name}") for b in config.blocks if b.kind != "prior"}
        n_feat = 0
        for b in config.blocks:
            if b.kind == "prior":
                n_feat += len(codes)
                continue
            v, w = vocab.get(b.name), idf.get(b.name)
            if v is None or w is None or w.shape != (len(v),) or len(set(v)) != len(v):
                raise ModelError(f"{d}: vocabulary and idf of block {b.name!r} do not match")
            n_feat += len(v)
        coef, intercept = arrays.get("coef"), arrays.get("intercept")
        if (coef is None or intercept is None or coef.shape != (len(classes), n_feat)
                or intercept.shape != (len(classes),) or not set(classes) <= set(codes)):
            raise ModelError(f"{d}: coef/intercept shapes do not match {len(classes)} classes × {n_feat} features")
        for name, a in [("coef", coef), ("intercept", intercept), *idf.items()]:
            if a is None or a.dtype.kind != "f" or not np.all(np.isfinite(a)):
                raise ModelError(f"{d}: array {name!r} is not finite floating point")
        clf = cls(config, codes=codes)
        clf._fitted = _Fitted(classes=classes, vocab=vocab, idf={k: np.asarray(v, np.float64) for k, v in idf.items()
                                                                 if v is not None},
                              coef=np.asarray(coef, np.float64), intercept=np.asarray(intercept, np.float64),
                              agency_table={str(k): [str(t) for t in v] for k, v in manifest["agency_table"].items()})
        return clf
