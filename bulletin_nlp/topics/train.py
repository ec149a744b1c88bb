"""Train the item-topic classifier, cross-validate it and write a model directory.

``train_topics`` is what ``bulletin-nlp train`` runs. Data: corpus JSONL files (bulletin records
and/or topic items, docs/corpus-format.md), items CSVs (:mod:`.items_csv`), or folders (their
``*.jsonl`` plus ``topics/*.jsonl``). Deterministic for a given data set and seed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import platform
import shutil
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from bulletin_nlp.corpus.records import is_bulletin, item_records, read_records
from bulletin_nlp.topics.features import item_agencies, normalize, priors
from bulletin_nlp.topics.items_csv import read_items_csv
from bulletin_nlp.topics.model import MODEL_FILE, Config, TopicClassifier
from bulletin_nlp.topics.taxonomy import load_taxonomy

PathLike = str | os.PathLike[str]
META_FILE = "meta.json"
TAXONOMY_WEIGHT = 1.0
MAX_BULLETIN_FOLDS = 12
ITEM_FOLDS = 5
LICENSE = ("MIT, as bulletin_nlp. Trained on the labelled corpus listed under 'corpus' "
           "(for the shipped model: the project's corpus/, seed bulletins and annotator-written items).")


# --------------------------------------------------------------------------- data
HELD_OUT_PREFIXES = ("test", "holdout")


def data_files(data: PathLike | Sequence[PathLike]) -> list[Path]:
    """The files ``train_topics`` reads: each file named, and for a folder its ``*.jsonl`` and
    ``topics/*.jsonl`` (sorted) except held-out files, ``test*.jsonl`` and ``holdout*.jsonl``
    (name such a file to use it). Unknown suffixes raise ``ValueError``."""
    paths = [data] if isinstance(data, (str, os.PathLike)) else list(data)
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(p.glob("*.jsonl")) + sorted((p / "topics").glob("*.jsonl"))
            out += [f for f in found if not f.name.lower().startswith(HELD_OUT_PREFIXES)]
        elif not p.exists():
            raise FileNotFoundError(p)
        elif p.suffix.lower() in (".jsonl", ".csv"):
            out.append(p)
        else:
            raise ValueError(f"{p}: expected a corpus .jsonl file, an items .csv or a folder")
    return list(dict.fromkeys(out))


def load_items(files: Sequence[Path]) -> list[dict[str, Any]]:
    """Labelled items with ``group`` (the bulletin they come from, None for lone items) and ``file``."""
    items: list[dict[str, Any]] = []
    for f in files:
        if f.suffix.lower() == ".csv":
            for it in read_items_csv(f):
                items.append({**it, "group": f"{f.name}:{it['bulletin']}" if it["bulletin"] else None,
                              "file": f.as_posix()})
            continue
        for rec in read_records(f):
            group = f"{f.name}:{rec.get('id')}" if is_bulletin(rec) else None
            for it in item_records([rec]):
                if it.get("topic"):
                    items.append({**it, "group": group, "file": f.as_posix()})
    return items


def corpus_sha256(files: Sequence[Path]) -> str:
    """SHA-256 over the sorted SHA-256s of the files' bytes (independent of paths and order)."""
    digests = sorted(hashlib.sha256(Path(f).read_bytes()).hexdigest() for f in files)
    return hashlib.sha256("\n".join(digests).encode()).hexdigest()


def taxonomy_items() -> list[dict[str, Any]]:
    """One pseudo-item per topic and typical heading: name as headline, Chinese keywords as body,
    the agencies the prior table gives to that topic as sources."""
    kw, table = priors()["keywords"], priors()["agencies"]
    out = []
    for t in load_taxonomy():
        agencies = [a for a, topics in table.items() if topics and topics[0] == t["code"]]
        for heading in t["headings"] or [None]:
            out.append({"id": f"taxonomy:{t['code']}:{heading or ''}", "section": heading, "headline": t["name"],
                        "body": kw.get(t["code"], ""), "sources": agencies, "topic": t["code"],
                        "origin": "taxonomy", "group": None})
    return out


# --------------------------------------------------------------------------- baselines and metrics
def rule_baseline(item: dict[str, Any], fallback: str) -> str:
    """Section heading ≈ a taxonomy typical heading, else the agency table's best topic, else ``fallback``."""
    sec = normalize(item.get("section"))
    if sec:
        for t in load_taxonomy():
            if any(normalize(h) and (normalize(h) in sec or sec in normalize(h)) for h in t["headings"]):
                return str(t["code"])
    votes: Counter[str] = Counter()
    table = priors()["agencies"]
    for a in item_agencies(item):
        for code in table.get(a, ())[:1]:
            votes[code] += 1
    return votes.most_common(1)[0][0] if votes else fallback


def _scores(y_true: Sequence[str], y_pred: Sequence[str]) -> tuple[float, float]:
    from sklearn.metrics import accuracy_score, f1_score

    return float(accuracy_score(y_true, y_pred)), float(f1_score(y_true, y_pred, average="macro", zero_division=0))


def _summary(folds: list[tuple[list[int], list[int], dict[str, list[str]]]], labels: Sequence[str],
             items: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Mean ± std over folds and pooled scores, for the model and each baseline."""
    out: dict[str, Any] = {"folds": len(folds), "items": sum(len(f[0]) for f in folds)}
    for name in folds[0][2]:
        per = [_scores([labels[i] for i in idx], preds[name]) for idx, _, preds in folds]
        y = [labels[i] for idx, _, _ in folds for i in idx]
        p = [x for _, _, preds in folds for x in preds[name]]
        acc, f1 = _scores(y, p)
        res: dict[str, Any] = {"accuracy_mean": float(np.mean([a for a, _ in per])),
                               "accuracy_std": float(np.std([a for a, _ in per])),
                               "macro_f1_mean": float(np.mean([f for _, f in per])),
                               "macro_f1_std": float(np.std([f for _, f in per])),
                               "pooled_accuracy": acc, "pooled_macro_f1": f1}
        if name == "model":
            origins = sorted({str(items[i].get("origin")) for idx, _, _ in folds for i in idx})
            res["by_origin"] = {}
            for o in origins:
                pairs = [(labels[i], q) for idx, _, preds in folds for i, q in zip(idx, preds[name], strict=False)
                         if str(items[i].get("origin")) == o]
                res["by_origin"][o] = {"items": len(pairs), "accuracy": _scores(*zip(*pairs, strict=False))[0]}
        out[name] = res
    return out


# --------------------------------------------------------------------------- cross-validation
def _folds(items: Sequence[dict[str, Any]], labels: Sequence[str], seed: int) -> dict[str, list[list[int]]]:
    from sklearn.model_selection import GroupKFold, StratifiedKFold

    out: dict[str, list[list[int]]] = {}
    bul = [i for i, it in enumerate(items) if it.get("group")]
    groups = sorted({items[i]["group"] for i in bul})
    if len(groups) >= 2:
        if len(groups) <= MAX_BULLETIN_FOLDS:
            out["leave_one_bulletin_out"] = [[i for i in bul if items[i]["group"] == g] for g in groups]
        else:
            gkf = GroupKFold(n_splits=ITEM_FOLDS)
            out["grouped_5fold_bulletins"] = [[bul[j] for j in test] for _, test in
                                              gkf.split(bul, groups=[items[i]["group"] for i in bul])]
    lone = [i for i, it in enumerate(items) if not it.get("group")]
    if len(lone) >= ITEM_FOLDS:
        y = [labels[i] for i in lone]
        k = min(ITEM_FOLDS, min(Counter(y).values()))
        if k >= 2:
            skf = StratifiedKFold(n_splits=k, shuffle=True, random_state=seed)
            out[f"stratified_{k}fold_items"] = [[lone[j] for j in test] for _, test in skf.split(lone, y)]
    return out


def cross_validate(items: Sequence[dict[str, Any]], config: Config | None = None, *,
                   taxonomy_prior: bool = True, seed: int = 0) -> dict[str, Any]:
    """Leave-one-bulletin-out over bulletin items (grouped 5-fold above 12 bulletins) and
    stratified 5-fold over lone items; each fold trains on everything else.

    Returns per scheme: ``folds``, ``items`` and for ``model``, ``baseline_rules`` and
    ``baseline_majority`` the accuracy and macro-F1 (mean and std over folds, and pooled).
    """
    items = list(items)
    labels = [it["topic"] for it in items]
    extra = taxonomy_items() if taxonomy_prior else []
    clf = TopicClassifier(config)
    all_items = items + extra
    counts = clf.count(clf.block_docs(all_items))
    results: dict[str, Any] = {}
    for scheme, tests in _folds(items, labels, seed).items():
        folds = []
        for test in tests:
            held = set(test)
            train = [i for i in range(len(all_items)) if i not in held]
            y = [all_items[i]["topic"] for i in train]
            weights = [TAXONOMY_WEIGHT if i >= len(items) else 1.0 for i in train]
            fold_clf = TopicClassifier(config).fit_counts(counts, y, rows=train, sample_weight=weights)
            majority = Counter(labels[i] for i in train if i < len(items)).most_common(1)[0][0]
            preds = {"model": [t for t, _ in fold_clf.predict([items[i] for i in test])],
                     "baseline_rules": [rule_baseline(items[i], majority) for i in test],
                     "baseline_majority": [majority] * len(test)}
            folds.append((test, train, preds))
        results[scheme] = _summary(folds, labels, items)
    return results


# --------------------------------------------------------------------------- training
def _default_out_dir() -> Path:
    return Path("models") / f"topics-{dt.datetime.now().strftime('%Y%m%d-%H%M%S')}"


def _install(tmp: Path, out: Path) -> Path | None:
    """Move ``tmp`` to ``out``; an existing model at ``out`` is kept as ``<out>.previous-<time>``."""
    previous = None
    if out.exists():
        if not out.is_dir():
            raise ValueError(f"{out} exists and is not a directory")
        if (out / MODEL_FILE).exists() or (out / META_FILE).exists():
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            previous = out.with_name(f"{out.name}.previous-{stamp}")
            n = 1
            while previous.exists():
                previous, n = out.with_name(f"{out.name}.previous-{stamp}-{n}"), n + 1
            out.rename(previous)
        elif any(out.iterdir()):
            raise ValueError(f"{out} holds files but no topic model; refusing to write into it")
        else:
            out.rmdir()
    tmp.rename(out)
    return previous


def _rel(p: PathLike) -> str:
    path = Path(p)
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()


def train_topics(data: PathLike | Sequence[PathLike], out_dir: PathLike | None = None, *,
                 taxonomy_prior: bool = True, seed: int = 0, cv: bool = True,
                 config: Config | None = None) -> dict[str, Any]:
    """Train on ``data``, cross-validate (``cv``), write the model and ``meta.json`` to ``out_dir``.

    ``out_dir`` defaults to a new ``models/topics-<date-time>`` under the current directory; a
    model already at ``out_dir`` is moved to ``<out_dir>.previous-<date-time>``, never
    overwritten. ``taxonomy_prior`` adds the taxonomy (names, headings, Chinese keywords,
    agencies) as one pseudo-item per topic heading. Returns the metadata written to meta.json.
    """
    import json

    import sklearn

    from bulletin_nlp import __version__

    started = time.perf_counter()
    files = data_files(data)
    items = load_items(files)
    if not items:
        raise ValueError(f"no labelled items in {[str(f) for f in files]}")
    extra = taxonomy_items() if taxonomy_prior else []
    config = config or Config()
    clf = TopicClassifier(config).fit(items + extra, [it["topic"] for it in items + extra],
                                      sample_weight=[1.0] * len(items) + [TAXONOMY_WEIGHT] * len(extra))
    cv_results = cross_validate(items, config, taxonomy_prior=taxonomy_prior, seed=seed) if cv else {}
    out = Path(out_dir) if out_dir is not None else _default_out_dir()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    if tmp.exists():
        shutil.rmtree(tmp)
    clf.save(tmp)
    meta: dict[str, Any] = {
        "name": "bulletin_nlp item-topic classifier",
        "created": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "versions": {"bulletin_nlp": __version__, "scikit-learn": sklearn.__version__,
                     "numpy": np.__version__, "python": platform.python_version()},
        "license": LICENSE,
        "data": [_rel(p) for p in ([data] if isinstance(data, (str, os.PathLike)) else data)],
        "corpus": {"sha256": corpus_sha256(files),
                   "files": [{"path": _rel(f), "sha256": hashlib.sha256(f.read_bytes()).hexdigest(),
                              "items": sum(it["file"] == f.as_posix() for it in items)} for f in files],
                   "items": len(items), "bulletins": len({it["group"] for it in items if it["group"]}),
                   "topics": dict(sorted(Counter(it["topic"] for it in items).items())),
                   "origins": dict(sorted(Counter(str(it.get("origin")) for it in items).items()))},
        "taxonomy": [{"code": t["code"], "name": t["name"]} for t in load_taxonomy()],
        "taxonomy_prior": taxonomy_prior, "seed": seed, "config": config.to_dict(),
        "cv": cv_results,
        "train_seconds": round(time.perf_counter() - started, 1),
    }
    (tmp / META_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", "utf-8")
    previous = _install(tmp, out)
    return {**meta, "model_dir": out.as_posix(), "previous_model_dir": previous.as_posix() if previous else None}
