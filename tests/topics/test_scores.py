"""Compact topic scores (topics/scores.py): a read-only mapping equal to the dict it replaces."""

from __future__ import annotations

import json
import pickle

import pytest

from bulletin_nlp.topics.scores import TopicScores

CODES = ("economy", "environment", "safety")


def test_scores_read_like_the_dict() -> None:
    scores = TopicScores(CODES, [0.25, 0.5, 0.25])
    assert scores == {"economy": 0.25, "environment": 0.5, "safety": 0.25}
    assert list(scores) == list(CODES) and len(scores) == 3
    assert scores["environment"] == 0.5 and scores.get("missing") is None and "safety" in scores
    assert json.loads(json.dumps(dict(scores))) == dict(scores)
    assert repr(scores) == repr(dict(scores))


def test_scores_are_read_only_and_checked() -> None:
    scores = TopicScores(CODES, [0.2, 0.3, 0.5])
    with pytest.raises(TypeError):
        scores["economy"] = 1.0  # type: ignore[index]
    with pytest.raises(ValueError):
        TopicScores(CODES, [1.0])


def test_scores_pickle_and_keep_doubles_exactly() -> None:
    value = 0.1 + 0.2  # not representable in fewer than 64 bits
    scores = TopicScores(CODES, [value, 1 - value, 0.0])
    again = pickle.loads(pickle.dumps(scores))
    assert again == scores and again["economy"] == value and isinstance(again, TopicScores)


def test_predict_gives_the_scores_of_predict_scores(fitted) -> None:
    items = [{"section": "", "headline": "秸秆禁烧", "body": "全县开展秸秆禁烧巡查。", "sources": ["生态环境局"]},
             {"section": "", "headline": "", "body": "", "sources": []}]
    predicted = fitted.predict(items)
    assert [dict(scores) for _, scores in predicted] == fitted.predict_scores(items)
    assert all(isinstance(scores, TopicScores) for _, scores in predicted)
