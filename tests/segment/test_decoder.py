"""The compiled pkuseg decoder against the numpy one: the same scores, to the bit, and words."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bulletin_nlp.resources import model_path
from bulletin_nlp.segment import pkuseg
from bulletin_nlp.segment.intmap import code_points
from tests.support import CORPUS, SAMPLES

pytestmark = pytest.mark.skipif(pkuseg._decoder is None, reason="the compiled decoder is not built")

#: The characters of the random texts: names, measure words, numerals, digits and punctuation.
ALPHABET = list("县民政局发放棉被条大米袋救助金额万元的了是一二三0123.%ABC，。 \n")


@pytest.fixture(scope="module")
def decoders() -> tuple[pkuseg.FastPkuseg, pkuseg.FastPkuseg]:
    directory = model_path("pkuseg")
    return (pkuseg.FastPkuseg(directory, cache_size=0, compiled=False),
            pkuseg.FastPkuseg(directory, cache_size=0, compiled=True))


def _corpus_texts() -> list[str]:
    texts = [path.read_text("utf-8") for path in sorted(CORPUS.glob("*_texts/*.txt"))]
    texts += [path.read_text("utf-8") for path in sorted(SAMPLES.glob("*.txt"))]
    lines = (CORPUS / "topics" / "synthetic_items.jsonl").read_text("utf-8").splitlines()
    return texts + [json.loads(line)["body"] for line in lines]


def test_decoder_scores_are_bit_identical(decoders):
    numpy_decoder, compiled_decoder = decoders
    for text in _corpus_texts()[:40]:
        codes = code_points(("  " + text + "  ").translate(pkuseg._TRANSLATE))
        assert np.array_equal(numpy_decoder._node_scores(codes), compiled_decoder._compiled_scores(codes))


def test_decoder_words_equal_on_the_corpus(decoders):
    numpy_decoder, compiled_decoder = decoders
    texts = _corpus_texts()
    assert compiled_decoder.cut_many(texts) == numpy_decoder.cut_many(texts)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(ALPHABET), max_size=60), min_size=1, max_size=5))
def test_decoder_words_equal_on_random_text(decoders, texts):
    numpy_decoder, compiled_decoder = decoders
    assert compiled_decoder.cut_many(texts) == numpy_decoder.cut_many(texts)


def test_decoder_can_be_forced_off(monkeypatch):
    assert pkuseg.FastPkuseg(model_path("pkuseg"), compiled=False).compiled is False
    monkeypatch.setattr(pkuseg, "_decoder", None)
    with pytest.raises(ImportError, match="not built"):
        pkuseg.FastPkuseg(model_path("pkuseg"), compiled=True)
