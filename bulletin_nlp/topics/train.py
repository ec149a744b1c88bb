"""Train the item-topic classifier, cross-validate it and write a model directory.

``train_topics`` is what ``bulletin-nlp train`` runs. Data: corpus JSONL files (bulletin records
and/or topic items, docs/corpus-format.md), items CSVs (:mod:`.items_csv`), or folders (their
``*.jsonl`` plus ``topics/*.jsonl``). Deterministic for a given data set and seed.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import os
import platform
import shutil
import time
import warnings
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from bulletin_nlp.corpus.records import is_bulletin, item_records, read_records
from bulletin_nlp.resources import PathLike, model_path, require
from bulletin_nlp.topics.features import item_agencies, normalize, priors
from bulletin_nlp.topics.items_csv import read_items_csv
from bulletin_nlp.topics.model import Config, TopicClassifier
from bulletin_nlp.topics.report import score_topics
from bulletin_nlp.topics.storage import MODEL_FILE, TaxonomyMismatchWarning
from bulletin_nlp.topics.taxonomy import load_taxonomy, taxonomy_version, topic_codes

META_FILE = "meta.json"
TAXONOMY_WEIGHT = 1.0
MAX_BULLETIN_FOLDS = 12
ITEM_FOLDS = 5
LICENSE = ("MIT, as bulletin_nlp. Trained on the labelled corpus listed under 'corpus' "
           "(for the shipped model: the project's corpus/, seed bulletins and annotator-written items).")


# --------------------------------------------------------------------------- data
HELD_OUT_PREFIXES = ("test", "holdout", "zoo")  # zoo*: the layout zoo; a seen zoo file is trained on only when named


def data_files(data: PathLike | Sequence[PathLike]) -> list[Path]:
    """The files ``train_topics`` reads: each file named, and for a folder its ``*.jsonl`` and
    ``topics/*.jsonl`` (sorted) except held-out files, ``test*.jsonl``, ``holdout*.jsonl`` and ``zoo*.jsonl``
    (name such a file to use it). Unknown suffixes raise ``ValueError``."""
    paths = [data] if isinstance(data, (str, os.PathLike)) else list(data)
    out: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(path.glob("*.jsonl")) + sorted((path / "topics").glob("*.jsonl"))
            out += [file for file in found if not file.name.lower().startswith(HELD_OUT_PREFIXES)]
        elif not path.exists():
            raise FileNotFoundError(errno.ENOENT, "no such training file or folder", str(path))
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


def text_key(item: dict[str, Any]) -> str:
    """What identifies an item across a corpus and an exported CSV: headline and body
    normalised (``features.normalize``) without digits, so that page-number lines kept in a
    corpus body, or a headline split elsewhere by the parser, do not make two copies differ."""
    return (normalize(item.get("headline")) + normalize(item.get("body"))).replace("0", "")


def apply_user_labels(items: Sequence[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Let items from CSV files (the user's labels) replace corpus items of the same text.

    Returns the items to train on and a report: ``replaced`` (corpus items dropped),
    ``conflicts`` (those whose corpus topic differed from the user's) and ``csv_conflicts``
    (one text labelled differently in the CSVs: the last row wins).
    """
    def from_csv(item: dict[str, Any]) -> bool:
        return Path(item["file"]).suffix.lower() == ".csv"

    user: dict[str, dict[str, Any]] = {}
    csv_conflicts = []
    for item in filter(from_csv, items):
        key = text_key(item)
        if not key:
            continue
        earlier = user.get(key)
        if earlier is not None and earlier["topic"] != item["topic"]:
            csv_conflicts.append({"headline": item.get("headline") or "", "topics": [earlier["topic"], item["topic"]],
                                  "rows": [earlier["id"], item["id"]]})
        user[key] = item
    replaced: dict[str, list[dict[str, Any]]] = {}
    kept = []
    for item in items:
        key = text_key(item)
        if from_csv(item):
            if not key or user[key] is item:
                kept.append(item)
        elif key in user:
            replaced.setdefault(key, []).append(item)
        else:
            kept.append(item)
    conflicts = []
    for key, copies in replaced.items():
        corpus_topics = sorted({c["topic"] for c in copies})
        if corpus_topics != [user[key]["topic"]]:
            conflicts.append({"headline": user[key].get("headline") or "", "text": key, "topic": user[key]["topic"],
                              "corpus_topics": corpus_topics, "source": user[key]["id"],
                              "corpus_items": [f"{Path(c['file']).name}:{c['id']}" for c in copies]})
    report = {"replaced": sum(map(len, replaced.values())), "conflicts": conflicts, "csv_conflicts": csv_conflicts}
    return kept, report


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
DEFAULT_OUT_PREFIX = "topic-model-"


def _default_out_dir() -> Path:
    """A new folder in the current directory, named so that it is never taken for the shipped model."""
    return Path(f"{DEFAULT_OUT_PREFIX}{dt.datetime.now().strftime('%Y%m%d-%H%M%S')}")


def _check_out_dir(out: Path, replace_shipped: bool) -> None:
    shipped = model_path("topics")
    if shipped is not None and not replace_shipped and out.resolve() == shipped.resolve():
        raise ValueError(f"{out} is the topic model shipped with bulletin_nlp; write your model to another "
                         "folder (--out) and use it with BULLETIN_NLP_MODEL or --model")


def evaluate_held_out(files: Sequence[PathLike], models: dict[str, TopicClassifier | PathLike | None]
                      ) -> dict[str, Any]:
    """Accuracy and macro-F1 of each named model (a classifier or a model directory) on the
    labelled items of ``files``; a model that is None is left out."""
    paths = [Path(f) for f in files]
    for path in paths:
        if not path.is_file():
            raise FileNotFoundError(errno.ENOENT, "no such held-out file", str(path))
    items = load_items(paths)
    if not items:
        raise ValueError(f"no labelled items in held-out file(s) {[str(p) for p in paths]}")
    out: dict[str, Any] = {"files": [_rel(p) for p in paths], "items": len(items)}
    for name, model in models.items():
        if model is None:
            continue
        if isinstance(model, TopicClassifier):
            clf, label = model, "the new model"
        else:
            with warnings.catch_warnings():  # a model of another taxonomy version is still worth comparing
                warnings.simplefilter("ignore", TaxonomyMismatchWarning)
                clf, label = TopicClassifier.load(model), _rel(model)
        scores = score_topics([it["topic"] for it in items], [t for t, _ in clf.predict(items)], topic_codes())
        out[name] = {"model": label, **scores.to_dict()}
    return out


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
                 config: Config | None = None, held_out: Sequence[PathLike] = (),
                 baseline_model: PathLike | None = None, replace_shipped: bool = False) -> dict[str, Any]:
    """Train on ``data``, cross-validate (``cv``), write the model and ``meta.json`` to ``out_dir``.

    Items from CSV files replace corpus items of the same text (:func:`apply_user_labels`).
    ``out_dir`` defaults to a new ``topic-model-<date-time>`` folder in the current directory;
    the shipped model's folder is refused unless ``replace_shipped``. A model already at
    ``out_dir`` is moved to ``<out_dir>.previous-<date-time>``, never overwritten.
    ``taxonomy_prior`` adds the taxonomy (names, headings, Chinese keywords, agencies) as one
    pseudo-item per topic heading. ``held_out`` files are scored with ``baseline_model``
    (default: the shipped model) before and with the new model after. Returns the metadata
    written to meta.json, plus ``model_dir`` and ``previous_model_dir``.
    """
    import json

    from bulletin_nlp.version import __version__

    sklearn = require("sklearn", "train_topics")

    started = time.perf_counter()
    out = Path(out_dir) if out_dir is not None else _default_out_dir()
    _check_out_dir(out, replace_shipped)
    files = data_files(data)
    items, user_labels = apply_user_labels(load_items(files))
    if not items:
        raise ValueError(f"no labelled items in {[str(file) for file in files]}")
    extra = taxonomy_items() if taxonomy_prior else []
    config = config or Config()
    classifier = TopicClassifier(config).fit(items + extra, [item["topic"] for item in items + extra],
                                      sample_weight=[1.0] * len(items) + [TAXONOMY_WEIGHT] * len(extra))
    cv_results = cross_validate(items, config, taxonomy_prior=taxonomy_prior, seed=seed) if cv else {}
    before = baseline_model if baseline_model is not None else model_path("topics")
    held_out_results = evaluate_held_out(held_out, {"before": before, "after": classifier}) if held_out else None
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
        "user_labels": user_labels,
        "taxonomy_version": taxonomy_version(),
        "taxonomy": [{"code": topic["code"], "name": topic["name"]} for topic in load_taxonomy()],
        "taxonomy_prior": taxonomy_prior, "seed": seed, "config": config.to_dict(),
        "cv": cv_results, "held_out": held_out_results,
        "train_seconds": round(time.perf_counter() - started, 1),
    }
    (tmp / META_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", "utf-8")
    previous = _install(tmp, out)
    return {**meta, "model_dir": out.as_posix(), "previous_model_dir": previous.as_posix() if previous else None}
