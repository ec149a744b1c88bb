"""Lengths of listed names by the characters they end with (entities/endings.py)."""

from __future__ import annotations

from bulletin_nlp.entities.endings import lengths_by_ending


def test_lengths_by_the_last_character_longest_first() -> None:
    assert lengths_by_ending(["县民政局", "公安局", "县委", "", "局", "税务局"]) == {"局": (4, 3, 1), "委": (2,)}


def test_lengths_by_the_last_two_characters_leave_out_shorter_words() -> None:
    assert lengths_by_ending(["王楼镇", "城关镇", "石佛镇", "镇", "东屯镇", "塔铺街道"], size=2) == {
        "楼镇": (3,), "关镇": (3,), "佛镇": (3,), "屯镇": (3,), "街道": (4,)}
