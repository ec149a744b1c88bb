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
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(path.glob("*.jsonl")) + sorted((path / "topics").glob("*.jsonl"))
            out += [file for file in found if not file.name.lower().startswith(HELD_OUT_PREFIXES)]
        elif not path.exists():
            raise FileNotFoundError(path)
        elif path.suffix.lower() in (".jsonl", ".csv"):
            out.append(path)
        else:
            raise ValueError(f"{path}: expected a corpus .jsonl file, an items .csv or a folder")
    return list(dict.fromkeys(out))


def load_items(files: Sequence[Path]) -> list[dict[str, Any]]:
    """Labelled items with ``group`` (the bulletin they come from, None for lone items) and ``file``."""
    items: list[dict[str, Any]] = []
    for file in files:
        if file.suffix.lower() == ".csv":
            for item in read_items_csv(file):
                items.append({**item, "group": f"{file.name}:{item['bulletin']}" if item["bulletin"] else None,
                              "file": file.as_posix()})
            continue
        for record in read_records(file):
            group = f"{file.name}:{record.get('id')}" if is_bulletin(record) else None
            for item in item_records([record]):
                if item.get("topic"):
                    items.append({**item, "group": group, "file": file.as_posix()})
    return items


def corpus_sha256(files: Sequence[Path]) -> str:
    """SHA-256 over the sorted SHA-256s of the files' bytes (independent of paths and order)."""
    digests = sorted(hashlib.sha256(Path(file).read_bytes()).hexdigest() for file in files)
    return hashlib.sha256("\n".join(digests).encode()).hexdigest()


def taxonomy_items() -> list[dict[str, Any]]:
    """One pseudo-item per topic and typical heading: name as headline, Chinese keywords as body,
    the agencies the prior table gives to that topic as sources."""
    keywords, table = priors()["keywords"], priors()["agencies"]
    out = []
    for topic in load_taxonomy():
        agencies = [agency for agency, topics in table.items() if topics and topics[0] == topic["code"]]
        for heading in topic["headings"] or [None]:
            out.append({"id": f"taxonomy:{topic['code']}:{heading or ''}", "section": heading,
                        "headline": topic["name"],
                        "body": keywords.get(topic["code"], ""), "sources": agencies, "topic": topic["code"],
                        "origin": "taxonomy", "group": None})
    return out


# --------------------------------------------------------------------------- baselines and metrics
def rule_baseline(item: dict[str, Any], fallback: str) -> str:
    """Section heading ≈ a taxonomy typical heading, else the agency table's best topic, else ``fallback``."""
    section = normalize(item.get("section"))
    if section:
        for topic in load_taxonomy():
            if any(normalize(heading) and (normalize(heading) in section or section in normalize(heading))
                   for heading in topic["headings"]):
                return str(topic["code"])
    votes: Counter[str] = Counter()
    table = priors()["agencies"]
    for agency in item_agencies(item):
        for code in table.get(agency, ())[:1]:
            votes[code] += 1
    return votes.most_common(1)[0][0] if votes else fallback


def _scores(y_true: Sequence[str], y_pred: Sequence[str]) -> tuple[float, float]:
    from sklearn.metrics import accuracy_score, f1_score

    return float(accuracy_score(y_true, y_pred)), float(f1_score(y_true, y_pred, average="macro", zero_division=0))


def _summary(folds: list[tuple[list[int], list[int], dict[str, list[str]]]], labels: Sequence[str],
             items: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Mean ± std over folds and pooled scores, for the model and each baseline."""
    out: dict[str, Any] = {"folds": len(folds), "items": sum(len(fold[0]) for fold in folds)}
    for name in folds[0][2]:
        per_fold = [_scores([labels[index] for index in test], preds[name]) for test, _, preds in folds]
        gold = [labels[index] for test, _, _ in folds for index in test]
        predicted = [label for _, _, preds in folds for label in preds[name]]
        pooled_accuracy, macro_f1 = _scores(gold, predicted)
        accuracies = [accuracy for accuracy, _ in per_fold]
        macro_f1s = [fold_macro_f1 for _, fold_macro_f1 in per_fold]
        figures: dict[str, Any] = {"accuracy_mean": float(np.mean(accuracies)),
                                   "accuracy_std": float(np.std(accuracies)),
                                   "macro_f1_mean": float(np.mean(macro_f1s)),
                                   "macro_f1_std": float(np.std(macro_f1s)),
                                   "pooled_accuracy": pooled_accuracy, "pooled_macro_f1": macro_f1}
        if name == "model":
            origins = sorted({str(items[index].get("origin")) for test, _, _ in folds for index in test})
            figures["by_origin"] = {}
            for origin in origins:
                pairs = [(labels[index], prediction) for test, _, preds in folds
                         for index, prediction in zip(test, preds[name], strict=False)
                         if str(items[index].get("origin")) == origin]
                origin_gold, origin_predicted = zip(*pairs, strict=False)
                figures["by_origin"][origin] = {"items": len(pairs),
                                                "accuracy": _scores(origin_gold, origin_predicted)[0]}
        out[name] = figures
    return out


# --------------------------------------------------------------------------- cross-validation
def _folds(items: Sequence[dict[str, Any]], labels: Sequence[str], seed: int) -> dict[str, list[list[int]]]:
    from sklearn.model_selection import GroupKFold, StratifiedKFold

    out: dict[str, list[list[int]]] = {}
    in_bulletins = [index for index, item in enumerate(items) if item.get("group")]
    groups = sorted({items[index]["group"] for index in in_bulletins})
    if len(groups) >= 2:
        if len(groups) <= MAX_BULLETIN_FOLDS:
            out["leave_one_bulletin_out"] = [[index for index in in_bulletins if items[index]["group"] == group]
                                             for group in groups]
        else:
            group_folds = GroupKFold(n_splits=ITEM_FOLDS)
            bulletin_groups = [items[index]["group"] for index in in_bulletins]
            out["grouped_5fold_bulletins"] = [[in_bulletins[position] for position in test] for _, test in
                                              group_folds.split(in_bulletins, groups=bulletin_groups)]
    lone = [index for index, item in enumerate(items) if not item.get("group")]
    if len(lone) >= ITEM_FOLDS:
        lone_labels = [labels[index] for index in lone]
        fold_count = min(ITEM_FOLDS, min(Counter(lone_labels).values()))
        if fold_count >= 2:
            stratified = StratifiedKFold(n_splits=fold_count, shuffle=True, random_state=seed)
            out[f"stratified_{fold_count}fold_items"] = [[lone[position] for position in test]
                                                         for _, test in stratified.split(lone, lone_labels)]
    return out


def cross_validate(items: Sequence[dict[str, Any]], config: Config | None = None, *,
                   taxonomy_prior: bool = True, seed: int = 0) -> dict[str, Any]:
    """Leave-one-bulletin-out over bulletin items (grouped 5-fold above 12 bulletins) and
    stratified 5-fold over lone items; each fold trains on everything else.

    Returns per scheme: ``folds``, ``items`` and for ``model``, ``baseline_rules`` and
    ``baseline_majority`` the accuracy and macro-F1 (mean and std over folds, and pooled).
    """
    items = list(items)
    labels = [item["topic"] for item in items]
    extra = taxonomy_items() if taxonomy_prior else []
    classifier = TopicClassifier(config)
    all_items = items + extra
    counts = classifier.count(classifier.block_docs(all_items))
    results: dict[str, Any] = {}
    for scheme, tests in _folds(items, labels, seed).items():
        folds = []
        for test in tests:
            held = set(test)
            train = [index for index in range(len(all_items)) if index not in held]
            train_labels = [all_items[index]["topic"] for index in train]
            weights = [TAXONOMY_WEIGHT if index >= len(items) else 1.0 for index in train]
            fold_clf = TopicClassifier(config).fit_counts(counts, train_labels, rows=train, sample_weight=weights)
            majority = Counter(labels[index] for index in train if index < len(items)).most_common(1)[0][0]
            preds = {"model": [topic for topic, _ in fold_clf.predict([items[index] for index in test])],
                     "baseline_rules": [rule_baseline(items[index], majority) for index in test],
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
            attempt = 1
            while previous.exists():
                previous, attempt = out.with_name(f"{out.name}.previous-{stamp}-{attempt}"), attempt + 1
            out.rename(previous)
        elif any(out.iterdir()):
            raise ValueError(f"{out} holds files but no topic model; refusing to write into it")
        else:
            out.rmdir()
    tmp.rename(out)
    return previous


def _rel(path_like: PathLike) -> str:
    path = Path(path_like)
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
        raise ValueError(f"no labelled items in {[str(file) for file in files]}")
    extra = taxonomy_items() if taxonomy_prior else []
    config = config or Config()
    classifier = TopicClassifier(config).fit(items + extra, [item["topic"] for item in items + extra],
                                      sample_weight=[1.0] * len(items) + [TAXONOMY_WEIGHT] * len(extra))
    cv_results = cross_validate(items, config, taxonomy_prior=taxonomy_prior, seed=seed) if cv else {}
    out = Path(out_dir) if out_dir is not None else _default_out_dir()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    if tmp.exists():
        shutil.rmtree(tmp)
    classifier.save(tmp)
    meta: dict[str, Any] = {
        "name": "bulletin_nlp item-topic classifier",
        "created": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "versions": {"bulletin_nlp": __version__, "scikit-learn": sklearn.__version__,
                     "numpy": np.__version__, "python": platform.python_version()},
        "license": LICENSE,
        "data": [_rel(path) for path in ([data] if isinstance(data, (str, os.PathLike)) else data)],
        "corpus": {"sha256": corpus_sha256(files),
                   "files": [{"path": _rel(file), "sha256": hashlib.sha256(file.read_bytes()).hexdigest(),
                              "items": sum(item["file"] == file.as_posix() for item in items)} for file in files],
                   "items": len(items), "bulletins": len({item["group"] for item in items if item["group"]}),
                   "topics": dict(sorted(Counter(item["topic"] for item in items).items())),
                   "origins": dict(sorted(Counter(str(item.get("origin")) for item in items).items()))},
        "taxonomy": [{"code": topic["code"], "name": topic["name"]} for topic in load_taxonomy()],
        "taxonomy_prior": taxonomy_prior, "seed": seed, "config": config.to_dict(),
        "cv": cv_results,
        "train_seconds": round(time.perf_counter() - started, 1),
    }
    (tmp / META_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", "utf-8")
    previous = _install(tmp, out)
    return {**meta, "model_dir": out.as_posix(), "previous_model_dir": previous.as_posix() if previous else None}
