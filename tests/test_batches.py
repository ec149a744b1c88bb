"""Cutting a stream into batches (bulletin_nlp.batches) and parse_many's default batches."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import bulletin_nlp
from bulletin_nlp.batches import batched


@given(st.lists(st.text(max_size=30), max_size=40), st.integers(min_value=1, max_value=8),
       st.one_of(st.none(), st.integers(min_value=1, max_value=60)))
def test_batched_keeps_every_item_in_order_within_both_bounds(items, size, max_chars):
    batches = list(batched(items, size, max_chars))
    assert [item for batch in batches for item in batch] == items
    for batch in batches:
        assert 1 <= len(batch) <= size
        if max_chars is not None:  # only its last item may take it to the bound or past it
            assert sum(map(len, batch[:-1])) < max_chars
    for batch in batches[:-1]:  # a batch ends only at a bound
        assert len(batch) == size or (max_chars is not None and sum(map(len, batch)) >= max_chars)


def test_batched_yields_what_it_read_before_the_source_fails():
    def source():
        yield from ("县", "镇")
        raise OSError("unreadable")

    stream = batched(source(), 5, max_chars=100)
    assert next(stream) == ["县", "镇"]
    with pytest.raises(OSError, match="unreadable"):
        next(stream)


def test_parse_many_default_batches_yield_the_texts_before_a_bad_one(nlp):
    """With its default batches (bounded by characters too), parse_many still parses what
    comes before a text it cannot take, then raises that text's own error."""
    stream = bulletin_nlp.parse_many(["县民政局", "王楼镇", b"bytes", "县"], nlp=nlp)
    assert [next(stream).entities[0].text for _ in range(2)] == ["县民政局", "王楼镇"]
    with pytest.raises(TypeError, match="bytes"):
        next(stream)


def test_parse_many_ends_a_batch_at_its_characters(nlp, monkeypatch):
    from bulletin_nlp import api, parsing

    sizes = []
    real = parsing.parse_batch
    monkeypatch.setattr(parsing, "parse_batch", lambda texts, nlp: sizes.append(len(texts)) or real(texts, nlp=nlp))
    monkeypatch.setattr(api, "BATCH_CHARS", 10)
    texts = ["县民政局发放棉被", "王楼镇", "塔铺街道办事处", "县"]
    assert len(list(bulletin_nlp.parse_many(texts, nlp=nlp))) == 4
    assert sizes == [2, 2]
