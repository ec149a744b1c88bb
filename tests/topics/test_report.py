"""Topic scores and their tables (topics/report.py)."""

from __future__ import annotations

import numpy as np
import pytest

from bulletin_nlp.topics.report import markdown_tables, score_topics
from bulletin_nlp.topics.taxonomy import topic_codes


def test_report_scores_agree_with_sklearn():
    from sklearn.metrics import accuracy_score, confusion_matrix, f1_score

    rng = np.random.default_rng(0)
    codes = list(topic_codes())
    gold = [codes[index] for index in rng.integers(0, 6, 200)]
    predicted = [topic if rng.random() < 0.7 else codes[rng.integers(0, 8)] for topic in gold]
    scores = score_topics(gold, predicted, codes)
    assert scores.accuracy == pytest.approx(accuracy_score(gold, predicted))
    assert scores.macro_f1 == pytest.approx(f1_score(gold, predicted, average="macro"))
    labels = [row.code for row in scores.rows if row.support or row.predicted]
    matrix = confusion_matrix(gold, predicted, labels=labels)
    assert [[scores.confusion.get(gold_code, {}).get(pred_code, 0) for pred_code in labels]
            for gold_code in labels] == matrix.tolist()
    table = markdown_tables(scores)
    assert f"accuracy **{scores.accuracy:.3f}**" in table and table.count("\n| `") == 2 * len(labels)
