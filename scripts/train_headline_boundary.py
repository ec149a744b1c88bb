"""Train the glued-headline boundary model (bulletin_nlp/boundary.py) from labelled items.

Each training item is a (headline, body) pair; glued together, the true boundary is
len(headline) and every other candidate position is a negative. A logistic regression over the
features of bulletin_nlp.layout.boundary.features is fitted and its weights written as JSON.

    python scripts/train_headline_boundary.py                      # train on corpus/, write data/
    python scripts/train_headline_boundary.py --evaluate corpus/holdout.jsonl

Training data: the gold items of corpus/seeds.jsonl, dev.jsonl, test.jsonl and
corpus/topics/*.jsonl. corpus/holdout.jsonl is kept out for evaluation: every holdout item with
a headline is glued to its body and the predicted boundary compared with the true one.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from bulletin_nlp.corpus.records import item_records, read_records
from bulletin_nlp.layout.boundary import candidate_positions, features, glued_boundary

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bulletin_nlp" / "data" / "headline_boundary.json"
CLAUSE_END = "，。；！？：,;!?:"


def pairs(paths: list[Path]) -> list[tuple[str, str]]:
    """(headline, body) pairs of the labelled items in ``paths`` that have a headline."""
    items = item_records([record for path in paths for record in read_records(path)])
    return [(i["headline"], i["body"].lstrip()) for i in items if i.get("headline") and i.get("body")]


def _limit(text: str) -> int:
    ends = [text.find(c) for c in CLAUSE_END if c in text]
    return min(ends) if ends else len(text)


#: Time frames and purpose clauses that often open a body. Each training pair is also used
#: with its body behind one of them (cycled, so the data stays deterministic), because the
#: labelled items open with verbs far more often than real bulletins do.
BODY_OPENERS = ("今年以来，", "近日，", "入冬以来，", "为切实", "日前，", "近年来，", "为进一步", "3月以来，",
                "入汛以来，", "自开展以来，", "春节以来，", "为全面")


def augmented(data: list[tuple[str, str]]) -> list[tuple[str, str]]:
    extra = [(headline, BODY_OPENERS[i % len(BODY_OPENERS)] + body) for i, (headline, body) in enumerate(data)]
    return data + extra


def examples(data: list[tuple[str, str]]) -> tuple[list[dict[str, int]], list[int]]:
    rows, labels = [], []
    for headline, body in data:
        text = headline + body
        for position in candidate_positions(text, _limit(text)):
            rows.append(dict.fromkeys(features(text, position), 1))
            labels.append(int(position == len(headline)))
    return rows, labels


def train(data: list[tuple[str, str]], threshold: float) -> dict[str, object]:
    rows, labels = examples(data)
    vectorizer = DictVectorizer()
    model = LogisticRegression(C=0.3, max_iter=2000, class_weight="balanced", random_state=0)
    model.fit(vectorizer.fit_transform(rows), labels)
    weights = {name: round(float(weight), 4)
               for name, weight in zip(vectorizer.feature_names_, model.coef_[0], strict=True) if abs(weight) >= 0.01}
    return {"weights": weights, "bias": float(model.intercept_[0]), "threshold": threshold,
            "trained_on": len(data), "note": "see scripts/train_headline_boundary.py"}


def evaluate(data: list[tuple[str, str]]) -> dict[str, float]:
    correct = found = 0
    for headline, body in data:
        text = headline + body
        predicted = glued_boundary(text, _limit(text))
        found += predicted is not None
        correct += predicted == len(headline)
    return {"items": len(data), "accuracy": correct / max(1, len(data)), "coverage": found / max(1, len(data))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--train", nargs="*", type=Path,
                        default=[*(ROOT / "corpus" / f"{name}.jsonl" for name in ("seeds", "dev", "test")),
                                 *sorted((ROOT / "corpus" / "topics").glob("*.jsonl"))])
    parser.add_argument("--threshold", type=float, default=0.3)
    parser.add_argument("--evaluate", type=Path, help="report boundary accuracy on this corpus instead of training")
    args = parser.parse_args()
    if args.evaluate:
        print(json.dumps(evaluate(pairs([args.evaluate])), indent=2))
        return
    model = train(augmented(pairs(args.train)), args.threshold)
    OUT.write_text(json.dumps(model, ensure_ascii=False, indent=0, sort_keys=True), encoding="utf-8")
    print(f"wrote {OUT} ({len(model['weights'])} weights, {model['trained_on']} items)")


if __name__ == "__main__":
    main()
