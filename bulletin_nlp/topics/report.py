"""Scores of topic predictions against gold labels, and the short reports printed about them.

``score_topics`` gives accuracy, macro-F1, a per-topic table and a confusion matrix;
``markdown_tables`` renders them as in docs/topics.md; ``format_summary`` is what
``bulletin-nlp train`` prints (the full metadata goes to the model's meta.json).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

MAX_LISTED = 20  # conflicts printed by format_summary; meta.json has them all


@dataclass(frozen=True)
class TopicRow:
    """Per-topic figures: gold items (``support``), predictions, precision, recall, F1."""

    code: str
    support: int
    predicted: int
    precision: float
    recall: float
    f1: float


@dataclass(frozen=True)
class TopicScores:
    """Accuracy and macro-F1 (over the topics in gold or predictions, as scikit-learn's
    default), per-topic rows in ``codes`` order, and ``confusion[gold][predicted]`` counts."""

    items: int
    accuracy: float
    macro_f1: float
    rows: tuple[TopicRow, ...]
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form (for meta.json)."""
        return {"items": self.items, "accuracy": self.accuracy, "macro_f1": self.macro_f1,
                "per_topic": {r.code: {"support": r.support, "predicted": r.predicted, "precision": r.precision,
                                       "recall": r.recall, "f1": r.f1} for r in self.rows},
                "confusion": self.confusion}


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def score_topics(gold: Sequence[str], predicted: Sequence[str], codes: Sequence[str]) -> TopicScores:
    """Compare predicted topic codes with gold ones (same order, same length)."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
    pairs = Counter(zip(gold, predicted, strict=True))
    order = list(codes) + sorted({code for pair in pairs for code in pair} - set(codes))
    rows = []
    for code in order:
        hits = pairs[(code, code)]
        support = sum(n for (g, _), n in pairs.items() if g == code)
        predicted_count = sum(n for (_, p), n in pairs.items() if p == code)
        precision, recall = _ratio(hits, predicted_count), _ratio(hits, support)
        f1 = _ratio(2 * hits, support + predicted_count)
        rows.append(TopicRow(code, support, predicted_count, precision, recall, f1))
    present = [r for r in rows if r.support or r.predicted]
    confusion = {g: {p: pairs[(g, p)] for p in order if pairs[(g, p)]} for g in order
                 if any(pairs[(g, p)] for p in order)}
    return TopicScores(items=len(gold), accuracy=_ratio(sum(pairs[(c, c)] for c in order), len(gold)),
                       macro_f1=sum(r.f1 for r in present) / len(present) if present else 0.0,
                       rows=tuple(rows), confusion=confusion)


def markdown_tables(scores: TopicScores, short: Mapping[str, str] | None = None) -> str:
    """The per-topic table and the confusion matrix (rows gold, columns predicted) as Markdown.

    ``short`` maps codes to column labels for the matrix (default: the codes themselves)."""
    short = short or {}
    lines = ["| topic | gold items | predicted | precision | recall | F1 |", "|---|---:|---:|---:|---:|---:|"]
    lines += [f"| `{r.code}` | {r.support} | {r.predicted} | {r.precision:.3f} | {r.recall:.3f} | {r.f1:.3f} |"
              for r in scores.rows if r.support or r.predicted]
    lines.append(f"| **all** | {scores.items} | | | accuracy **{scores.accuracy:.3f}** | "
                 f"macro-F1 **{scores.macro_f1:.3f}** |")
    codes = [r.code for r in scores.rows if r.support or r.predicted]
    lines += ["", "| gold \\ predicted | " + " | ".join(short.get(c, c) for c in codes) + " |",
              "|---|" + "---:|" * len(codes)]
    for gold in codes:
        counts = scores.confusion.get(gold, {})
        cells = [(f"**{counts[p]}**" if p == gold else str(counts[p])) if counts.get(p) else "·" for p in codes]
        lines.append(f"| `{gold}` | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def format_summary(meta: Mapping[str, Any]) -> str:
    """A few lines about a training run (``train_topics``' return value): where the model
    went, items per topic, user-label overrides, cross-validation and held-out scores."""
    corpus = meta["corpus"]
    lines = [f"model written to {meta['model_dir']}"
             + (f" (the model that was there is kept in {meta['previous_model_dir']})"
                if meta.get("previous_model_dir") else ""),
             (f"trained on {corpus['items']} items ({corpus['bulletins']} bulletins) of taxonomy version "
              f"{meta['taxonomy_version']}; items per topic:")]
    topics = corpus["topics"]
    width = max(map(len, topics), default=0)
    lines += [f"  {code:<{width}}  {count:>5}" for code, count in topics.items()]
    overrides = meta.get("user_labels") or {}
    if overrides.get("replaced"):
        lines.append(f"your labels replaced {overrides['replaced']} corpus item(s) of the same text; "
                     f"{len(overrides['conflicts'])} of them had another topic there:")
        for conflict in overrides["conflicts"][:MAX_LISTED]:
            lines.append(f"  {conflict['headline'] or conflict['text'][:30]}: {', '.join(conflict['corpus_topics'])}"
                         f" -> {conflict['topic']} ({conflict['source']})")
        if len(overrides["conflicts"]) > MAX_LISTED:
            lines.append(f"  … {len(overrides['conflicts']) - MAX_LISTED} more in meta.json")
    for conflict in overrides.get("csv_conflicts", [])[:MAX_LISTED]:
        lines.append(f"two CSV rows of one text disagree, the later wins: {' / '.join(conflict['rows'])} "
                     f"({' -> '.join(conflict['topics'])})")
    for scheme, result in (meta.get("cv") or {}).items():
        model = result["model"]
        lines.append(f"cross-validation ({scheme}, {result['items']} items): accuracy "
                     f"{model['pooled_accuracy']:.3f}, macro-F1 {model['pooled_macro_f1']:.3f}")
    held_out = meta.get("held_out")
    if held_out:
        lines.append(f"held-out {', '.join(held_out['files'])} ({held_out['items']} items):")
        for name in ("before", "after"):
            result = held_out.get(name)
            if result:
                lines.append(f"  {name:<6} accuracy {result['accuracy']:.3f}, macro-F1 {result['macro_f1']:.3f}"
                             f"  ({result['model']})")
    lines.append(f"details: {meta['model_dir']}/meta.json")
    return "\n".join(lines)
