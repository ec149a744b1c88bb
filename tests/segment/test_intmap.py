"""The vectorised lookups behind the segmenter and the topic classifier."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from bulletin_nlp.segment.intmap import IntMap, PackedTable, StringIndex, code_points

ALPHABET = "ab县局\U00020000\x00"


@given(st.sets(st.integers(0, 2**62), max_size=300), st.lists(st.integers(0, 2**62), max_size=50),
       st.sampled_from([2, 8]))
@settings(max_examples=200, deadline=None)
def test_intmap_finds_exactly_its_keys(keys: set[int], others: list[int], room: int) -> None:
    ordered = sorted(keys)
    table = IntMap(ordered, room=room)
    queries = np.array(ordered + others, dtype=np.int64)
    expected = [ordered.index(q) if q in keys else -1 for q in queries.tolist()]
    assert table.get(queries).tolist() == expected


@given(st.lists(st.text(ALPHABET.replace("\x00", ""), min_size=1, max_size=4), unique=True, max_size=30),
       st.text(ALPHABET, max_size=60), st.integers(1, 3), st.integers(1, 5))
@settings(max_examples=300, deadline=None)
def test_intmap_string_index_finds_every_occurrence(strings: list[str], text: str, lo: int, hi: int) -> None:
    start, index = StringIndex(strings).find(code_points(text), lo, hi)
    got = sorted(zip(start.tolist(), index.tolist(), strict=True))
    expected = sorted(
        (i, k) for k, s in enumerate(strings) for i in range(len(text)) if lo <= len(s) <= hi and text.startswith(s, i)
    )
    assert got == expected


@given(st.lists(st.text(ALPHABET.replace("\x00", ""), min_size=1, max_size=5), unique=True, max_size=30),
       st.text(ALPHABET, max_size=80), st.integers(1, 3), st.sampled_from([1, 2, 4, None]))
@settings(max_examples=300, deadline=None)
def test_intmap_string_index_compiled_equals_numpy(strings: list[str], text: str, lo: int, hi: int | None) -> None:
    """The compiled walk returns the numpy walk's arrays, order included."""
    import pytest

    from bulletin_nlp.segment import intmap

    if intmap._intmap is None:
        pytest.skip("the compiled string index is not built")
    index, codes = StringIndex(strings), code_points(text)
    saved = intmap.COMPILED
    try:
        intmap.COMPILED = True
        compiled = index.find(codes, lo, hi)
        intmap.COMPILED = False
        vectorised = index.find(codes, lo, hi)
    finally:
        intmap.COMPILED = saved
    for ours, theirs in zip(compiled, vectorised, strict=True):
        assert ours.dtype == theirs.dtype == np.int64
        assert ours.tolist() == theirs.tolist()


def test_intmap_string_index_compiled_equals_numpy_on_long_texts() -> None:
    """Past the room of one walk (``_ONE_PASS_ROOM`` occurrences) the compiled walk counts, then
    fills: the same arrays as numpy."""
    import pytest

    from bulletin_nlp.segment import intmap

    if intmap._intmap is None:
        pytest.skip("the compiled string index is not built")
    generator = np.random.default_rng(7)
    alphabet = np.array(list("县局镇乡区ab"))
    strings = sorted({"".join(generator.choice(alphabet, size=length)) for length in (1, 2, 2, 3, 3, 3, 4) * 20})
    index = StringIndex(strings)
    for size in (5_000, 10_000, 40_000):  # one walk, then count and fill
        codes = code_points("".join(generator.choice(alphabet, size=size)))
        saved = intmap.COMPILED
        try:
            intmap.COMPILED = True
            compiled = index.find(codes, 1, 4)
            intmap.COMPILED = False
            vectorised = index.find(codes, 1, 4)
        finally:
            intmap.COMPILED = saved
        assert len(compiled[0]) > size
        for ours, theirs in zip(compiled, vectorised, strict=True):
            assert ours.dtype == theirs.dtype == np.int64
            assert ours.tolist() == theirs.tolist()


def test_intmap_string_index_of_nothing_finds_nothing() -> None:
    start, index = StringIndex([]).find(code_points("县民政局"))
    assert len(start) == len(index) == 0
    start, index = StringIndex(["县"]).find(code_points(""))
    assert len(start) == 0


def test_intmap_code_points_keep_astral_and_lone_surrogates() -> None:
    assert code_points("a\U00020000\ud800").tolist() == [0x61, 0x20000, 0xD800]


def test_intmap_string_index_refuses_its_separator() -> None:
    import pytest

    with pytest.raises(ValueError):
        StringIndex(["县\0局"])


def _probe_rows(table: PackedTable, key: int) -> int:
    """A PackedTable lookup in Python, as the compiled code probes it."""
    slot = ((key * 0x9E3779B97F4A7C15) % 2**64) >> table.shift
    while True:
        found, value = table.rows[slot].tolist()
        if found == key:
            return int(value)
        if found == -1:
            return -1
        slot = (slot + 1) & table.mask


@given(st.sets(st.integers(0, 2**40), max_size=300), st.lists(st.integers(0, 2**40), max_size=50))
@settings(max_examples=100, deadline=None)
def test_intmap_packed_table_gives_each_key_its_value(keys: set[int], others: list[int]) -> None:
    """Built compiled or in numpy, a PackedTable finds every key with its value, and nothing
    else; an IntMap's ordered keys are its keys, in their order."""
    from bulletin_nlp.segment import intmap

    source = IntMap(sorted(keys)).ordered_keys()
    assert source.tolist() == sorted(keys)
    values = np.arange(len(keys), dtype=np.int64) * 7 + 3
    saved = intmap._intmap
    tables = []
    try:
        for module in ({saved, None} if saved is not None else {None}):
            intmap._intmap = module
            tables.append(PackedTable(source, values))
    finally:
        intmap._intmap = saved
    for table in tables:
        for index, key in enumerate(sorted(keys)):
            assert _probe_rows(table, key) == values[index]
        for key in others:
            if key not in keys:
                assert _probe_rows(table, key) == -1
