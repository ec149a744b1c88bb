"""Small integers written in Chinese numerals or digits (issue numbers, dates)."""

from __future__ import annotations

_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2}
_UNIT = {"十": 10, "百": 100, "千": 1000}


def chinese_int(text: str) -> int | None:
    """Read ``"18"``, ``"十八"``, ``"二十三"``, ``"一百零五"`` or ``"二〇二四"`` as an int.

    >>> [chinese_int(s) for s in ("18", "十八", "二十三", "一百零五", "二〇二四", "x")]
    [18, 18, 23, 105, 2024, None]
    """
    text = text.strip()
    if text.isdigit():
        return int(text)
    if not text or any(c not in _DIGIT and c not in _UNIT for c in text):
        return None
    if not any(c in _UNIT for c in text):
        return int("".join(str(_DIGIT[c]) for c in text))
    total, digit = 0, None
    for char in text:
        if char in _DIGIT:
            digit = _DIGIT[char]
        else:
            total += (1 if digit is None else digit) * _UNIT[char]
            digit = None
    return total + (digit or 0)
