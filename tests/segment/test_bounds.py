"""A Doc's token bounds (``pipeline.doc_token_bounds``): the compiled loop (``segment/_bounds.pyx``)
gives the numpy code's array, typecode included."""

from __future__ import annotations

from array import array

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.attrs import IDX, SPACY
from spacy.tokens import Doc
from spacy.vocab import Vocab

from bulletin_nlp import pipeline
from bulletin_nlp.pipeline import compact, doc_token_bounds, token_bounds

VOCAB = Vocab()
WORDS = st.text("县局镇2 \n\u3000", min_size=1, max_size=4)


def _compiled() -> object:
    if pipeline._bounds is None:
        pytest.skip("the compiled token bounds are not built")
    return pipeline._bounds


@given(st.lists(st.tuples(WORDS, st.booleans()), max_size=40))
@settings(max_examples=300, deadline=None)
def test_compiled_token_bounds_equal_numpy(tokens: list[tuple[str, bool]]) -> None:
    doc = Doc(VOCAB, words=[word for word, _ in tokens], spaces=[space for _, space in tokens])
    expected = compact(token_bounds(doc))
    if tokens:
        compiled = _compiled().token_bounds(doc.to_array([IDX, SPACY]), len(doc.text))  # type: ignore[attr-defined]
        assert isinstance(compiled, array) and compiled.typecode == expected.typecode == "i"
        assert compiled == expected
    for use_compiled in (False, True):
        saved = pipeline.COMPILED_BOUNDS
        pipeline.COMPILED_BOUNDS = use_compiled and pipeline._bounds is not None
        try:
            assert doc_token_bounds(doc) == expected
        finally:
            pipeline.COMPILED_BOUNDS = saved


def test_compiled_token_bounds_leave_offsets_past_four_bytes_to_numpy() -> None:
    compiled = _compiled()
    columns = np.array([[0, 0], [3, 0]], dtype=np.uint64)  # (start, trailing space) of two tokens
    assert compiled.token_bounds(columns, 2**31 - 2) == array("i", [0, 3, 2**31 - 2])  # type: ignore[attr-defined]
    assert compiled.token_bounds(columns, 2**31 - 1) is None  # type: ignore[attr-defined]  # the end + 1 does not fit
    assert compact(np.array([0, 3, 2**31 - 1], dtype=np.int64)).typecode == "q"


def test_doc_token_bounds_runs_the_compiled_loop_and_falls_back_past_four_bytes(monkeypatch) -> None:
    """With the extension on, the bounds come from its loop (called with the Doc's columns);
    where it answers None, from the numpy code."""
    doc = Doc(VOCAB, words=["县", "民政局", "会议"], spaces=[True, False, False])
    calls: list[tuple[list[list[int]], int]] = []

    class Loop:
        def __init__(self, answer: array[int] | None) -> None:
            self.answer = answer

        def token_bounds(self, columns: np.ndarray, text_length: int) -> array[int] | None:
            calls.append((columns.tolist(), text_length))
            return self.answer

    monkeypatch.setattr(pipeline, "COMPILED_BOUNDS", True)
    monkeypatch.setattr(pipeline, "_bounds", Loop(array("i", [7])))
    assert doc_token_bounds(doc) == array("i", [7])
    assert calls == [([[0, 1], [2, 0], [5, 0]], 7)]  # (start, trailing space) of each token, the text's length
    monkeypatch.setattr(pipeline, "_bounds", Loop(None))
    assert doc_token_bounds(doc) == compact(token_bounds(doc)) == array("i", [0, 1, 2, 5, 7])
