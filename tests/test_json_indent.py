"""bulletin_nlp.json_indent: the same text as json.dumps(..., ensure_ascii=False, indent=N)."""

from __future__ import annotations

import enum
import json
import math
import random

import pytest

import bulletin_nlp
from bulletin_nlp.bulletin import json_text
from bulletin_nlp.json_indent import dumps_indented
from tests.support import SAMPLES


def _reference(value: object, indent: int = 2) -> str:
    return json.dumps(value, ensure_ascii=False, indent=indent)


def test_json_indent_writes_the_sample_bulletins_as_json_dumps_does(nlp) -> None:
    for path in sorted(SAMPLES.glob("*.txt")):
        value = {"path": str(path), **bulletin_nlp.parse(path.read_text("utf-8"), nlp=nlp).to_dict()}
        assert dumps_indented(value, 2) == _reference(value)


def _random_value(rng: random.Random, depth: int = 0) -> object:
    leaves = [None, True, False, 0, -7, 2**70, 0.1, -2.5e-300, 1e22, math.inf, -math.inf, math.nan, "",
              "县\"民政局\"\n\t\\", "\u2028\x00\x1f", "\ud800", "😀", "a/b"]
    if depth > 3 or rng.random() < 0.4:
        return rng.choice(leaves)
    if rng.random() < 0.5:
        return [_random_value(rng, depth + 1) for _ in range(rng.randrange(0, 4))]
    if rng.random() < 0.5:
        return tuple(_random_value(rng, depth + 1) for _ in range(rng.randrange(0, 4)))
    return {rng.choice(["a", "键", "", "\n", "b c"]) + str(index): _random_value(rng, depth + 1)
            for index in range(rng.randrange(0, 4))}


@pytest.mark.parametrize("indent", [0, 1, 2, 4])
def test_json_indent_writes_random_values_as_json_dumps_does(indent: int) -> None:
    rng = random.Random(indent)
    for _ in range(2_000):
        value = _random_value(rng)
        assert dumps_indented(value, indent) == _reference(value, indent)


class Level(enum.IntEnum):
    COUNTY = 3


@pytest.mark.parametrize("value", [{1: "a"}, {"a": {1, 2}}, [Level.COUNTY], {"a": b"x"}, ["x", object()]])
def test_json_indent_leaves_other_types_to_json_dumps(value: object) -> None:
    assert dumps_indented(value, 2) is None


def test_json_text_gives_json_dumps_text_and_errors_either_way() -> None:
    value = {1: Level.COUNTY, "b": [1.5, None]}  # json.dumps's own conversions: the fallback
    assert json_text(value, indent=2) == _reference(value)
    assert json_text({"a": [1, "县"]}, indent=2, sort_keys=True) == json.dumps({"a": [1, "县"]}, indent=2,
                                                                               sort_keys=True, ensure_ascii=False)
    cycle: list[object] = []
    cycle.append(cycle)
    with pytest.raises(ValueError, match="Circular reference"):
        json_text(cycle, indent=2)
    with pytest.raises(TypeError):
        json_text({"a": object()}, indent=2)
