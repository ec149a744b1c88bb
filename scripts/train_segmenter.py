#!/usr/bin/env python3
"""Train, prune and evaluate the spacy-pkuseg word segmenter used by bulletin_nlp.

Training data: UD_Chinese-GSDSimp train + dev (Wikipedia text, from the shared data
directory, never copied into this repository) plus the hand-segmented in-domain
bulletin sentences in corpus/seg/bulletin_train.txt, repeated N times (upsampling).
Test data (never trained on): UD GSDSimp test, UD_Chinese-CFL, corpus/seg/bulletin_test.txt.

Steps
  1. build the training file and call ``spacy_pkuseg.train(train, test, dir, iters)``
     (the "test" file there is only a per-iteration monitor; ud_dev is used);
  2. prune: node weights with |w| < threshold are set to 0, features whose weights are
     then all zero are dropped from ``features.msgpack`` (re-indexed) together with the
     unigram/bigram entries no remaining feature refers to; this is exact (predictions
     equal those of the pruned-but-uncompacted model) and keeps the on-disk format of
     spacy-pkuseg (``features.msgpack`` + ``weights.npz``, float64) so the directory loads
     with ``spacy_pkuseg.pkuseg(DIR)`` and with spaCy's
     ``nlp.tokenizer.initialize(pkuseg_model=DIR, pkuseg_user_dict=...)``;
  3. evaluate word-level P/R/F1 (a predicted word counts when its exact character span
     is a gold word) on the test sets, with and without a user dictionary;
  4. write meta.json, LICENSE and ATTRIBUTION.md into the model directory, and the derived
     lookup tables of bulletin_nlp.segment.pkuseg.FastPkuseg (tables.npz).

``--tune`` instead trains on ud_train + all but the last ``--holdout`` bulletin_train
sentences, records the per-iteration F1 on ud_dev, and evaluates ud_dev and the held-out
bulletin sentences at several prune thresholds (no test file is looked at).

Examples
  python scripts/train_segmenter.py --tune --iters 20 --in-domain-repeat 6 --tune-out /tmp/tune_r6.json
  python scripts/train_segmenter.py --iters 20 --prune 0.04 --in-domain-repeat 6   # the shipped model
  python scripts/train_segmenter.py --skip-train --prune 0.04   # re-prune/evaluate the last raw model
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as _dt
import hashlib
import io
import json
import os
import random
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import srsly

from bulletin_nlp.segment.model_files import MODEL_FILES, TABLES, write_manifest
from bulletin_nlp.segment.pkuseg import FastPkuseg

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SEG_DIR = REPO_ROOT / ".." / "shared" / "data" / "seg"
DEFAULT_GAZETTEER_DIR = REPO_ROOT / ".." / "shared" / "data"
DEFAULT_CORPUS_DIR = REPO_ROOT / "corpus" / "seg"
DEFAULT_OUT = REPO_ROOT / "models" / "pkuseg"
DEFAULT_WORK = Path(tempfile.gettempdir()) / "bulletin_pkuseg_work"

# Defaults chosen with --tune on ud_dev + held-out bulletin_train sentences (see meta.json).
DEFAULT_ITERS = 20
DEFAULT_PRUNE = 0.04
DEFAULT_REPEAT = 6

TEST_SETS = ("ud_test", "cfl_test", "bulletin_test")


# --------------------------------------------------------------------------- data
def read_seg_file(path: os.PathLike) -> list[list[str]]:
    """Read a segmented file: one sentence per line, words separated by whitespace."""
    sents = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            words = line.split()
            if words:
                sents.append(words)
    return sents


def write_seg_file(path: os.PathLike, sents: Iterable[Sequence[str]]) -> int:
    n = 0
    with open(path, "w", encoding="utf-8") as fh:
        for words in sents:
            fh.write(" ".join(words) + "\n")
            n += 1
    return n


def sha256_file(path: os.PathLike) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def build_user_dict(gazetteer_dir: os.PathLike, path: os.PathLike) -> list[str]:
    """Write a pkuseg user dictionary (one word per line): agency names and aliases from
    agencies.tsv and the 延津 township names (full, short, former) from
    towns_yanjin_crosswalk.csv. Returns the words."""
    gaz = Path(gazetteer_dir)
    words: list[str] = []
    with open(gaz / "agencies.tsv", encoding="utf-8") as fh:
        header = fh.readline().rstrip("\n").split("\t")
        i_name, i_alias = header.index("name"), header.index("aliases")
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) <= i_alias:
                continue
            words.append(cols[i_name].strip())
            words.extend(a.strip() for a in cols[i_alias].split("|"))
    import csv

    with open(gaz / "towns_yanjin_crosswalk.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if not row.get("name"):
                continue  # NBS-only / defunct rows
            words.append(row["name"].strip())
            if row.get("short"):
                words.append(row["short"].strip())
            for old in (row.get("former_or_variant_names") or "").split(";"):
                old = re.sub(r"\(.*?\)", "", old).strip()
                if old:
                    words.append(old)
    seen, out = set(), []
    for w in words:
        if w and len(w) > 1 and " " not in w and w not in seen:
            seen.add(w)
            out.append(w)
    Path(path).write_text("\n".join(out) + "\n", encoding="utf-8")
    return out


# --------------------------------------------------------------------- evaluation
def word_spans(words: Sequence[str]) -> set:
    spans, pos = set(), 0
    for w in words:
        spans.add((pos, pos + len(w)))
        pos += len(w)
    return spans


def prf(gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]]) -> dict[str, float]:
    """Word-level precision/recall/F1 (percent): a predicted word is correct when its
    exact character span is a gold word span."""
    n_gold = n_pred = n_ok = 0
    for g, p in zip(gold, pred, strict=False):
        if "".join(g) != "".join(p):
            raise ValueError(f"prediction does not cover the gold text: {g!r} vs {p!r}")
        gs, ps = word_spans(g), word_spans(p)
        n_gold += len(gs)
        n_pred += len(ps)
        n_ok += len(gs & ps)
    prec = 100.0 * n_ok / n_pred if n_pred else 0.0
    rec = 100.0 * n_ok / n_gold if n_gold else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"p": round(prec, 2), "r": round(rec, 2), "f1": round(f1, 2),
            "gold_words": n_gold, "pred_words": n_pred, "correct": n_ok}


def load_segmenter(model_dir: os.PathLike, user_dict: str | None = None,
                   postprocess: bool | None = None):
    """Load a spacy_pkuseg segmenter the way spaCy does (``pkuseg(DIR, user_dict=...)``).

    user_dict: None (model only), "default" (spaCy's default: no user words, but
    spacy-pkuseg's bundled default.pkl post-processing merges), or a file path (user
    words forced into single tokens, plus the same default.pkl post-processing).
    postprocess: if not None, switch the default.pkl post-processing on/off explicitly.
    """
    import spacy_pkuseg

    seg = spacy_pkuseg.pkuseg(str(model_dir), user_dict=user_dict)
    if postprocess is not None:
        if postprocess and not seg.postprocesser.do_process:
            raise ValueError("post-processing needs user_dict='default' or a file")
        seg.postprocesser.do_process = bool(postprocess)
    return seg


def segment(seg, sents: Sequence[Sequence[str]]) -> list[list[str]]:
    return [seg.cut("".join(words)) for words in sents]


# Evaluation settings: name -> (use user dict file?, user_dict for pkuseg, postprocess override)
EVAL_CONDITIONS = {
    # the model alone (pkuseg(DIR, user_dict=None))
    "model": ("none", None),
    # the user dictionary as spaCy passes it: pkuseg(DIR, user_dict=FILE); note that
    # spacy-pkuseg then also applies its bundled default.pkl merge post-processing
    "user_dict": ("file", None),
    # the user dictionary with the default.pkl post-processing switched off
    "user_dict_no_postproc": ("file", False),
    # spaCy's default pkuseg_user_dict="default": default.pkl post-processing only
    "default_postproc": ("default", None),
}


def evaluate(model_dir: os.PathLike, gold_sets: dict[str, Sequence[Sequence[str]]],
             user_dict_file: os.PathLike | None = None,
             conditions: Iterable[str] = ("model", "user_dict")) -> dict[str, dict[str, dict]]:
    """Evaluate a pkuseg model directory on several gold sets.

    gold_sets: name -> list of gold sentences (lists of words).
    Returns {condition: {set name: {"p", "r", "f1", "gold_words", ...}}}.
    Conditions needing a user dictionary are skipped when user_dict_file is None.
    """
    results: dict[str, dict[str, dict]] = {}
    for cond in conditions:
        kind, post = EVAL_CONDITIONS[cond]
        if kind == "file":
            if user_dict_file is None:
                continue
            ud: str | None = str(user_dict_file)
        elif kind == "default":
            ud = "default"
        else:
            ud = None
        seg = load_segmenter(model_dir, ud, post)
        results[cond] = {name: prf(gold, segment(seg, gold)) for name, gold in gold_sets.items()}
    return results


def load_gold_sets(seg_dir: Path, corpus_dir: Path, names: Iterable[str]) -> dict[str, list[list[str]]]:
    paths = {"ud_train": seg_dir / "ud_train.txt", "ud_dev": seg_dir / "ud_dev.txt",
             "ud_test": seg_dir / "ud_test.txt", "cfl_test": seg_dir / "cfl_test.txt",
             "bulletin_train": corpus_dir / "bulletin_train.txt",
             "bulletin_test": corpus_dir / "bulletin_test.txt"}
    return {n: read_seg_file(paths[n]) for n in names}


# ------------------------------------------------------------------------ pruning
def dir_size(path: os.PathLike) -> int:
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file())


def prune_model(src_dir: os.PathLike, dst_dir: os.PathLike, threshold: float) -> dict:
    """Zero node weights with |w| < threshold and drop features whose weights are then
    all zero, writing a compact spacy-pkuseg model directory (features.msgpack +
    weights.npz, float64).

    Exactness: at inference spacy-pkuseg only looks features up in feature_to_idx
    (index 0 is the always-on "$$" feature and is kept); the unigram set only serves to
    build word features (w-1./w1./ww.l./ww.r.), so words no kept feature mentions can
    be dropped; "**noWord" never occurs inside a feature because the bigram set is
    built from real word pairs; the bigram set is only used at training time, and only
    the pairs still used by kept ww.* features are kept. The transition (tag-tag)
    weights are kept unpruned.
    """
    src, dst = Path(src_dir), Path(dst_dir)
    data = srsly.read_msgpack(src / "features.msgpack")
    npz = np.load(src / "weights.npz")
    n_tag, n_feature = (int(x) for x in npz["sizes"])
    w = np.asarray(npz["w"], dtype=np.float64)
    assert w.shape[0] == n_tag * (n_feature + n_tag)
    node = w[: n_feature * n_tag].reshape(n_feature, n_tag).copy()
    trans = w[n_feature * n_tag:].copy()
    node[np.abs(node) < threshold] = 0.0

    f2i: dict[str, int] = data["feature_to_idx"]
    idx2f = [None] * n_feature
    for f, i in f2i.items():
        idx2f[i] = f
    keep = np.any(node != 0.0, axis=1)
    keep[0] = True  # "$$" start feature: always appended as index 0 at inference
    assert idx2f[0] == "$$", idx2f[0]
    kept_idx = np.flatnonzero(keep)
    new_f2i = {idx2f[i]: j for j, i in enumerate(kept_idx)}

    words, pairs = set(), set()
    for f in new_f2i:
        if f.startswith(("w-1.", "w1.")):
            words.add(f.split(".", 1)[1])
        elif f.startswith(("ww.l.", "ww.r.")):
            pair = f[5:]
            pairs.add(pair)
            words.update(pair.split("*"))
    unigram = sorted(w_ for w_ in data["unigram"] if w_ in words)
    bigram = sorted(b for b in data["bigram"] if b in pairs)

    new_node = node[kept_idx]
    new_w = np.concatenate([new_node.reshape(-1), trans]).astype(np.float64)
    dst.mkdir(parents=True, exist_ok=True)
    srsly.write_msgpack(dst / "features.msgpack", {
        "unigram": unigram, "bigram": bigram,
        "feature_to_idx": new_f2i, "tag_to_idx": data["tag_to_idx"]})
    np.savez_compressed(dst / "weights.npz", sizes=np.array([n_tag, len(kept_idx)]), w=new_w)
    return {"threshold": threshold, "features_before": n_feature, "features_after": len(kept_idx),
            "unigram_before": len(data["unigram"]), "unigram_after": len(unigram),
            "bigram_before": len(data["bigram"]), "bigram_after": len(bigram),
            "nonzero_node_weights": int(np.count_nonzero(new_node)),
            "size_bytes": (dst / "features.msgpack").stat().st_size + (dst / "weights.npz").stat().st_size}


# ----------------------------------------------------------------------- training
def train_pkuseg(train_file: Path, monitor_file: Path, save_dir: Path, iters: int,
                 seed: int, log_path: Path | None = None) -> tuple[float, list[float]]:
    """Run spacy_pkuseg.train; returns (seconds, per-iteration F1 on monitor_file)."""
    import spacy_pkuseg

    random.seed(seed)
    np.random.seed(seed)
    save_dir.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()

    class Tee(io.TextIOBase):
        def write(self, s):
            buf.write(s)
            sys.__stdout__.write(s)
            sys.__stdout__.flush()
            return len(s)

    t0 = time.time()
    with contextlib.redirect_stdout(Tee()):
        spacy_pkuseg.train(str(train_file), str(monitor_file), str(save_dir), train_iter=iters)
    secs = time.time() - t0
    if log_path is not None:
        log_path.write_text(buf.getvalue(), encoding="utf-8")
    curve = [float(m) for m in re.findall(r"f-score=([0-9.]+)%", buf.getvalue())]
    return secs, curve


def spacy_smoke_test(model_dir: Path, user_dict_file: Path | None) -> list[str]:
    """Load the model through spaCy exactly as bulletin_nlp does and segment a sentence."""
    import spacy

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "pkuseg"}}})
    nlp.tokenizer.initialize(pkuseg_model=str(model_dir),
                             pkuseg_user_dict=str(user_dict_file) if user_dict_file else "default")
    doc = nlp("县科工局开展以旧换新活动，王楼镇采购棉被6500条，累计发放资金5452万元。")
    return [t.text for t in doc]


# -------------------------------------------------------------------- model card
LICENSE_TEXT = """\
bulletin_nlp pkuseg word-segmentation model (features.msgpack, weights.npz, meta.json)

This model is a derivative work (trained weights) of word-segmented text from
Universal Dependencies treebanks and of hand-segmented in-domain sentences; see
ATTRIBUTION.md for the sources and the changes made.

It is licensed under the Creative Commons Attribution-ShareAlike 4.0 International
License (CC BY-SA 4.0). To view a copy of this license, visit
http://creativecommons.org/licenses/by-sa/4.0/ (legal code:
http://creativecommons.org/licenses/by-sa/4.0/legalcode).

You are free to share and adapt it for any purpose, including commercially, provided
you give appropriate credit (see ATTRIBUTION.md), indicate if changes were made, and
distribute your contributions under the same license. No warranties are given.

Note: this licence covers the model files in this directory only; the bulletin_nlp
source code is licensed separately (see the project's pyproject.toml).
"""

ATTRIBUTION_TEMPLATE = """\
# Attribution: bulletin_nlp pkuseg model

Licence: CC BY-SA 4.0 (see LICENSE). Trained {date} by `scripts/train_segmenter.py`
of bulletin_nlp with spacy-pkuseg {pkuseg_version}.

## Sources

- **UD_Chinese-GSDSimp** (Universal Dependencies; simplified-Chinese conversion of the
  Google-donated UD_Chinese-GSD treebank of Wikipedia sentences), train and dev parts,
  word segmentation only (the train part as distributed with UniversalNER's
  UNER_Chinese-GSDSIMP). Licence CC BY-SA 4.0.
  https://github.com/UniversalDependencies/UD_Chinese-GSDSimp
- **UniversalNER** (UNER_Chinese-GSDSIMP), which redistributes the GSDSimp train
  sentences used here. Licence CC BY-SA 4.0. https://www.universalner.org/
- **UD_Chinese-CFL** (essays by learners of Chinese): used for evaluation only, not
  trained on. Licence CC BY-SA 4.0. https://github.com/UniversalDependencies/UD_Chinese-CFL
- **bulletin_nlp in-domain segmented sentences** (`corpus/seg/bulletin_train.txt`,
  {n_bulletin_train} sentences; `bulletin_test.txt` is evaluation only): sentences
  written in the style of Chinese county-government bulletins (政务快报) and segmented
  by hand for this project. Licence CC BY-SA 4.0. See `corpus/seg/README.md`.

## Changes made

The sources' sentences are not redistributed: their word segmentation was used to train
a CRF segmenter, and this directory contains **trained model weights** derived from
them (spacy-pkuseg `features.msgpack` + `weights.npz`; the feature file holds strings
derived from the training text: character n-gram features, {n_unigram} vocabulary
words and {n_bigram} word pairs that the kept features refer to). Trained for
{iters} iterations on UD GSDSimp train + dev plus the in-domain sentences repeated
{repeat}×, then node weights with |w| < {prune} set to zero and the features that
became all-zero removed. The segmentation convention follows UD GSDSimp, except that
county-government agency names and administrative-division names are single words
(see corpus/seg/README.md).
"""


# ---------------------------------------------------------------------------- main
def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seg-dir", type=Path, default=DEFAULT_SEG_DIR,
                    help="directory with ud_train/ud_dev/ud_test/cfl_test.txt "
                         "(default: ../shared/data/seg from the repo root)")
    ap.add_argument("--corpus-dir", type=Path, default=DEFAULT_CORPUS_DIR,
                    help="directory with bulletin_train.txt / bulletin_test.txt (default: corpus/seg)")
    ap.add_argument("--gazetteer-dir", type=Path, default=DEFAULT_GAZETTEER_DIR,
                    help="directory with agencies.tsv and towns_yanjin_crosswalk.csv, "
                         "used to build the evaluation user dictionary")
    ap.add_argument("--user-dict", type=Path, default=None,
                    help="user dictionary (one word per line) for the evaluation; "
                         "default: built from --gazetteer-dir into the work dir")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="final model directory (default: models/pkuseg)")
    ap.add_argument("--work-dir", type=Path, default=DEFAULT_WORK,
                    help="scratch directory (training files, unpruned model)")
    ap.add_argument("--iters", type=int, default=DEFAULT_ITERS, help="training iterations")
    ap.add_argument("--prune", type=float, default=DEFAULT_PRUNE, help="prune node weights with |w| below this")
    ap.add_argument("--in-domain-repeat", type=int, default=DEFAULT_REPEAT,
                    help="repeat bulletin_train.txt N times in the training file")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--skip-train", action="store_true", help="reuse the unpruned model in --work-dir/raw_model")
    ap.add_argument("--tune", action="store_true",
                    help="tuning run: hold out bulletin_train sentences, measure on ud_dev + held-out part")
    ap.add_argument("--holdout", type=int, default=60, help="--tune: last N bulletin_train sentences held out")
    ap.add_argument("--tune-thresholds", default="0,0.01,0.02,0.05,0.1,0.2")
    ap.add_argument("--tune-out", type=Path, default=None, help="--tune: write results JSON here")
    ap.add_argument("--tuning-report", type=Path, action="append", default=[],
                    help="tuning JSON file(s) to summarise in meta.json (repeatable)")
    return ap.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    seg_dir, corpus_dir = args.seg_dir.resolve(), args.corpus_dir.resolve()
    work = args.work_dir
    work.mkdir(parents=True, exist_ok=True)
    user_dict = args.user_dict
    if user_dict is None:
        user_dict = work / "user_dict.txt"
        n = len(build_user_dict(args.gazetteer_dir, user_dict))
        print(f"user dictionary: {n} words -> {user_dict}")

    ud_train = read_seg_file(seg_dir / "ud_train.txt")
    ud_dev = read_seg_file(seg_dir / "ud_dev.txt")
    b_train = read_seg_file(corpus_dir / "bulletin_train.txt")

    if args.tune:
        return run_tune(args, work, seg_dir, ud_train, ud_dev, b_train, user_dict)

    raw_dir = work / "raw_model"
    train_file = work / "train.txt"
    train_secs, curve = None, []
    if not args.skip_train:
        sents = ud_train + ud_dev + b_train * args.in_domain_repeat
        rng = random.Random(args.seed)
        rng.shuffle(sents)
        n_train = write_seg_file(train_file, sents)
        print(f"training file: {n_train} sentences -> {train_file}")
        if raw_dir.exists():
            shutil.rmtree(raw_dir)
        train_secs, curve = train_pkuseg(train_file, seg_dir / "ud_dev.txt", raw_dir, args.iters,
                                         args.seed, work / "train_log.txt")
        (work / "raw_model_info.json").write_text(json.dumps(
            {"train_seconds": train_secs, "monitor_curve_ud_dev": curve, "iters": args.iters,
             "in_domain_repeat": args.in_domain_repeat, "seed": args.seed,
             "train_sentences": n_train}, indent=1), encoding="utf-8")
    else:
        info = json.loads((work / "raw_model_info.json").read_text(encoding="utf-8"))
        train_secs, curve = info["train_seconds"], info["monitor_curve_ud_dev"]
        if info["iters"] != args.iters or info["in_domain_repeat"] != args.in_domain_repeat:
            sys.exit(f"--skip-train: raw model was trained with iters={info['iters']} "
                     f"repeat={info['in_domain_repeat']}")

    out = args.out
    if out.exists():
        shutil.rmtree(out)
    prune_stats = prune_model(raw_dir, out, args.prune)
    print("pruned:", prune_stats)
    print("tables:", FastPkuseg(out).save_tables())  # bulletin_nlp's decoder loads these directly
    # SHA-256 of each file, checked at load
    print("manifest:", write_manifest(out, [*MODEL_FILES, TABLES]))

    gold = load_gold_sets(seg_dir, corpus_dir, TEST_SETS)
    t0 = time.time()
    table = evaluate(out, gold, user_dict, conditions=list(EVAL_CONDITIONS))
    eval_secs = time.time() - t0
    n_chars = sum(len("".join(s)) for g in gold.values() for s in g) * len(table)
    smoke = spacy_smoke_test(out, user_dict)
    print("spaCy:", " | ".join(smoke))

    from importlib.metadata import version

    import spacy_pkuseg  # noqa: F401

    date = _dt.date.today().isoformat()
    meta = {
        "name": "bulletin_nlp pkuseg segmenter",
        "date": date,
        "spacy_pkuseg_version": version("spacy-pkuseg"),
        "spacy_version": version("spacy"),
        "license": "CC-BY-SA-4.0",
        "format": "spacy-pkuseg model directory: features.msgpack + weights.npz (float64, savez_compressed)",
        "load": "spacy.blank('zh', config={'nlp': {'tokenizer': {'segmenter': 'pkuseg'}}}); "
                "nlp.tokenizer.initialize(pkuseg_model=DIR, pkuseg_user_dict=FILE)",
        "training": {
            "data": [
                {"file": "ud_train.txt", "source": "UD_Chinese-GSDSimp train (via UNER_Chinese-GSDSIMP)",
                 "sentences": len(ud_train), "sha256": sha256_file(seg_dir / "ud_train.txt")},
                {"file": "ud_dev.txt", "source": "UD_Chinese-GSDSimp dev", "sentences": len(ud_dev),
                 "sha256": sha256_file(seg_dir / "ud_dev.txt")},
                {"file": "corpus/seg/bulletin_train.txt", "source": "bulletin_nlp hand-segmented in-domain sentences",
                 "sentences": len(b_train), "repeat": args.in_domain_repeat,
                 "sha256": sha256_file(corpus_dir / "bulletin_train.txt")},
            ],
            "train_sentences_total": len(ud_train) + len(ud_dev) + len(b_train) * args.in_domain_repeat,
            "train_chars_total": sum(len("".join(s)) for s in ud_train + ud_dev)
            + args.in_domain_repeat * sum(len("".join(s)) for s in b_train),
            "iterations": args.iters,
            "seed": args.seed,
            "train_seconds": round(train_secs, 1) if train_secs is not None else None,
            "monitor_f1_ud_dev_per_iteration (ud_dev is in the training data)": curve,
            "pkuseg_config": "spacy_pkuseg defaults (crf.adf, 5 labels, word features 2-6, nThread=1)",
        },
        "pruning": prune_stats,
        "model_files_size_bytes (features.msgpack + weights.npz)": prune_stats["size_bytes"],
        "evaluation": {
            "metric": "word-level precision/recall/F1 in percent; "
                      "a predicted word is correct iff its exact character span is a gold word",
            "test_sets": {name: {"sentences": len(sentences), "words": sum(map(len, sentences)),
                                 "chars": sum(len("".join(words)) for words in sentences)}
                          for name, sentences in gold.items()},
            "user_dict": {"path_at_training_time": str(user_dict),
                          "words": sum(1 for word in user_dict.read_text(encoding="utf-8").splitlines()
                                       if word.strip()),
                          "content": "agencies.tsv names + aliases, 延津 township names (full, short, former)"},
            "conditions": {
                "model": "pkuseg(DIR, user_dict=None): model only",
                "user_dict": "pkuseg(DIR, user_dict=FILE), as spaCy's initialize(pkuseg_user_dict=FILE): "
                             "user words forced + spacy-pkuseg's bundled default.pkl merge post-processing",
                "user_dict_no_postproc": "user words forced, default.pkl post-processing off "
                                         "(seg.postprocesser.do_process = False)",
                "default_postproc": "pkuseg(DIR, user_dict='default'), "
                                    "spaCy's default: default.pkl post-processing only",
            },
            "f1_table": {c: {s: r["f1"] for s, r in res.items()} for c, res in table.items()},
            "details": table,
            "decode_chars_per_second": round(n_chars / eval_secs) if eval_secs else None,
            "spacy_smoke_test": smoke,
        },
    }
    tuning = []
    for p in args.tuning_report:
        t = json.loads(Path(p).read_text(encoding="utf-8"))
        tuning.append({k: t[k] for k in ("in_domain_repeat", "iters", "train_sentences", "train_seconds",
                                         "ud_dev_f1_per_iteration", "by_threshold") if k in t})
    if tuning:
        meta["tuning"] = {"note": "tuning runs: trained on ud_train + bulletin_train minus the held-out part; "
                                  "measured on ud_dev and the held-out bulletin_train sentences only",
                          "runs": tuning}
    (out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (out / "LICENSE").write_text(LICENSE_TEXT, encoding="utf-8")
    (out / "ATTRIBUTION.md").write_text(ATTRIBUTION_TEMPLATE.format(
        date=date, pkuseg_version=meta["spacy_pkuseg_version"], n_bulletin_train=len(b_train),
        iters=args.iters, repeat=args.in_domain_repeat, prune=args.prune,
        n_unigram=prune_stats["unigram_after"], n_bigram=prune_stats["bigram_after"]), encoding="utf-8")
    print_table(meta["evaluation"]["f1_table"])
    print(f"model: {out} ({dir_size(out) / 1e6:.2f} MB)")
    return 0


def print_table(f1_table: dict[str, dict[str, float]]):
    sets = list(next(iter(f1_table.values())).keys())
    print(f"{'F1':<24}" + "".join(f"{s:>16}" for s in sets))
    for cond, row in f1_table.items():
        print(f"{cond:<24}" + "".join(f"{row[s]:16.2f}" for s in sets))


def run_tune(args, work, seg_dir, ud_train, ud_dev, b_train, user_dict):
    """Train on ud_train + bulletin_train[:-holdout] * repeat; per-iteration F1 on ud_dev;
    then F1 on ud_dev and the held-out bulletin sentences for several prune thresholds."""
    held = b_train[-args.holdout:]
    fit = b_train[: -args.holdout]
    tdir = work / f"tune_r{args.in_domain_repeat}_i{args.iters}"
    tdir.mkdir(parents=True, exist_ok=True)
    sents = ud_train + fit * args.in_domain_repeat
    random.Random(args.seed).shuffle(sents)
    n_train = write_seg_file(tdir / "train.txt", sents)
    raw = tdir / "raw_model"
    secs, curve = train_pkuseg(tdir / "train.txt", seg_dir / "ud_dev.txt", raw, args.iters, args.seed,
                               tdir / "train_log.txt")
    gold = {"ud_dev": ud_dev, "bulletin_heldout": held}
    by_thr = {}
    for thr in [float(x) for x in args.tune_thresholds.split(",")]:
        pdir = tdir / f"pruned_{thr}"
        stats = prune_model(raw, pdir, thr)
        res = evaluate(pdir, gold, user_dict, conditions=("model", "user_dict"))
        by_thr[str(thr)] = {"size_bytes": stats["size_bytes"], "features_after": stats["features_after"],
                            "f1": {c: {s: r["f1"] for s, r in rr.items()} for c, rr in res.items()}}
        print(thr, json.dumps(by_thr[str(thr)], ensure_ascii=False))
    result = {"in_domain_repeat": args.in_domain_repeat, "iters": args.iters, "holdout": args.holdout,
              "train_sentences": n_train, "train_seconds": round(secs, 1),
              "ud_dev_f1_per_iteration": curve, "by_threshold": by_thr}
    out = args.tune_out or (tdir / "tune.json")
    Path(out).write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    print("tuning result ->", out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
