"""The offset map from an analysed view back to the caller's string (text/offsets.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bulletin_nlp.text.offsets import MappedText


def view_of(original: str, pieces: list[tuple[int, int]], folded: str | None = None) -> MappedText:
    view = MappedText(original, original if folded is None else folded)
    for start, end in pieces:
        view.add(start, end)
    return view


def test_offsets_whole_text_maps_to_itself() -> None:
    view = view_of("县民政局开展走访", [(0, 8)])
    assert view.text == "县民政局开展走访"
    assert len(view) == 8
    assert view.to_original(2, 6) == (2, 6)


def test_offsets_dropped_characters_are_skipped_in_both_directions() -> None:
    original = "县民政局\r\n开展走访"
    view = view_of(original, [(0, 4), (6, 10)])  # the \r\n is not content
    assert view.text == "县民政局开展走访"
    assert view.to_original(0, 4) == (0, 4)
    assert view.to_original(4, 8) == (6, 10)
    assert view.to_original(3, 5) == (3, 7)  # a span over the gap covers it in the original
    assert view.original_text(3, 5) == "局开"


def test_offsets_adjacent_pieces_join_into_one_run() -> None:
    joined = view_of("abcdef", [(0, 2), (2, 4), (4, 6)])
    whole = view_of("abcdef", [(0, 6)])
    assert joined.text == whole.text
    assert [joined.to_original(i, j) for i in range(6) for j in range(i, 7)] == [
        whole.to_original(i, j) for i in range(6) for j in range(i, 7)
    ]


def test_offsets_separator_maps_to_the_end_of_what_precedes_it() -> None:
    view = MappedText("ab--cd", "ab--cd")
    view.add(0, 2)
    view.add_separator("\n")
    view.add(4, 6)
    assert view.text == "ab\ncd"
    assert view.to_original(2, 3) == (2, 2)
    assert view.to_original(1, 4) == (1, 5)
    assert view.original_text(0, 5) == "ab\ncd"  # separators are kept, dropped text is not


def test_offsets_original_text_gives_the_unfolded_characters() -> None:
    original, folded = "縣民政局　２０人", "县民政局 20人"
    view = view_of(original, [(0, len(original))], folded)
    assert view.text == folded
    assert view.original_text(0, 4) == "縣民政局"
    assert view.original_text(5, 7) == "２０"


def test_offsets_input_slice_is_a_span_within_one_piece_of_the_input() -> None:
    original = "县民政局\r\n开展走访--完"
    view = view_of(original, [(0, 4), (6, 10)])  # the \r\n is dropped
    view.add_separator("\n")
    view.add(12, 13)
    spans = [(i, j) for i in range(len(view) + 1) for j in range(i, len(view) + 1)]
    slices = {span for span in spans if view.is_input_slice(*span)}
    assert (0, 4) in slices and (4, 8) in slices and (3, 5) not in slices  # over the dropped \r\n
    assert (8, 9) not in slices and (7, 9) not in slices and (9, 10) in slices  # the separator is no input
    assert (2, 2) not in slices  # empty
    for span in slices:
        assert view.original_text(*span) == original[slice(*view.to_original(*span))]


def test_offsets_finished_view_keeps_its_text_and_map_without_the_folded_input() -> None:
    original, folded = "縣民政局　２０人", "县民政局 20人"
    view = view_of(original, [(0, 4), (5, len(original))], folded)
    text, mapped = view.text, view.to_original(4, 6)
    view.finish()
    assert view.text == text and view.to_original(4, 6) == mapped and view.original_text(4, 6) == "２０"
    with pytest.raises(ValueError):
        view.add(0, 1)


def test_offsets_empty_span_maps_to_a_point() -> None:
    view = view_of("abcdef", [(0, 2), (4, 6)])
    assert view.to_original(2, 2) == (4, 4)
    assert view.to_original(4, 4) == (6, 6)  # the end of the view is the end of its last piece


def test_offsets_empty_view_maps_its_only_point_to_zero() -> None:
    view = MappedText("abc", "abc")
    view.add(2, 2)  # empty pieces add nothing
    assert view.text == "" and len(view) == 0
    assert view.to_original(0, 0) == (0, 0)


@pytest.mark.parametrize("span", [(-1, 2), (3, 2), (0, 5)])
def test_offsets_span_outside_the_view_raises(span: tuple[int, int]) -> None:
    view = view_of("abcdef", [(0, 4)])
    with pytest.raises(IndexError):
        view.to_original(*span)


def test_offsets_fold_that_changes_length_is_refused() -> None:
    with pytest.raises(ValueError, match="preserve length"):
        MappedText("ab", "abc")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab县局\r\n ", min_size=1, max_size=30), st.data())
def test_offsets_every_view_character_maps_to_its_original(original: str, data: st.DataObject) -> None:
    cuts = sorted(data.draw(st.lists(st.integers(0, len(original)), max_size=8)))
    bounds = [0, *cuts, len(original)]
    pieces = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds) - 1, 2)]  # every other piece
    view = MappedText(original, original)
    for start, end in pieces:
        view.add(start, end)
        if data.draw(st.booleans()):
            view.add_separator("|")
    for index, char in enumerate(view.text):
        start, end = view.to_original(index, index + 1)
        if char == "|":
            assert start == end
        else:
            assert (end - start, original[start]) == (1, char)
    for start in range(len(view) + 1):
        for end in range(start, len(view) + 1):
            first, last = view.to_original(start, end)
            assert 0 <= first <= last <= len(original)
