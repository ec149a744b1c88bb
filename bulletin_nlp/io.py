"""Reading bulletin files: encoding detection for UTF-8 (with or without BOM), UTF-16, GB18030."""

from __future__ import annotations

import codecs
from pathlib import Path

from bulletin_nlp.errors import BulletinDecodeError

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_CONTROL_LIMIT = 0.02  # share of control characters above which the bytes are not text
SUFFIXES = (".txt", ".md", ".markdown", ".text")


def decode(data: bytes, name: str = "<bytes>") -> str:
    """Decode the bytes of a bulletin, detecting the encoding; raise BulletinDecodeError."""
    encoding = _detect(data)
    if encoding is None:
        raise BulletinDecodeError(name, "not UTF-8, UTF-16 or GB18030 text")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise BulletinDecodeError(name, f"broken {encoding} text: {exc.reason} at byte {exc.start}") from None
    controls = sum(1 for char in text if ord(char) < 32 and char not in "\n\r\t\f\v")
    if text and controls / len(text) > _CONTROL_LIMIT:
        raise BulletinDecodeError(name, f"looks binary ({controls} control characters), not a text file")
    return text


def read_text(path: Path) -> str:
    """Read and decode one file (see :func:`decode`)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BulletinDecodeError(str(path), exc.strerror or str(exc)) from None
    return decode(data, str(path))


def _detect(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    if _looks_utf16(data):
        return "utf-16-le" if data[1:8192:2].count(0) > data[0:8192:2].count(0) else "utf-16-be"
    for encoding in ("utf-8", "gb18030"):
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return encoding
    return None


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a BOM: newlines and spaces sit in one byte position, a zero beside them
    (Chinese text has few zero bytes otherwise, so counting zeros alone is not enough)."""
    sample = data[:8192]
    if len(sample) < 4:
        return False
    pairs = [sample[index : index + 2] for index in range(0, len(sample) - 1, 2)]
    little = sum(pair in (b"\n\x00", b" \x00", b"\r\x00") for pair in pairs)
    big = sum(pair in (b"\x00\n", b"\x00 ", b"\x00\r") for pair in pairs)
    return max(little, big) >= 2 and max(little, big) > 4 * min(little, big)
