"""Cutting long texts into chunks (text/chunks.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bulletin_nlp.text.chunks import chunks


def _check_tiling(text: str, size: int, margin: int) -> None:
    found = chunks(text, size, margin)
    assert [c.core_start for c in found[1:]] == [c.core_end for c in found[:-1]]
    assert (found[0].core_start, found[-1].core_end) == (0, len(text))
    for chunk in found:
        assert chunk.start == max(0, chunk.core_start - margin)
        assert chunk.end == min(len(text), chunk.core_end + margin)
    for cut in (c.core_start for c in found[1:]):  # after whitespace, before a word
        assert text[cut - 1].isspace() and not text[cut].isspace()


@given(st.text(alphabet="县乡镇 \n\u3000ab", max_size=300), st.integers(1, 40), st.integers(0, 20))
def test_chunks_tile_the_text_and_cut_only_where_whitespace_ends(text, size, margin):
    if text:
        _check_tiling(text, size, margin)
    else:
        assert chunks(text, size, margin) == []


def test_chunks_prefer_a_line_break_to_a_space():
    text = "一二三四 五\n六七八九十"
    assert chunks(text, 4, 0)[0].core_end == text.index("六")


def test_chunks_short_text_and_text_without_whitespace_are_one_chunk():
    assert [(c.start, c.end) for c in chunks("县政府" * 10, 5, 3)] == [(0, 30)]
    assert [(c.start, c.end) for c in chunks("县政府\n办公室", 100, 3)] == [(0, 7)]


def test_chunks_reject_a_size_below_one():
    with pytest.raises(ValueError):
        chunks("text", 0, 0)
