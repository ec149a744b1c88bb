"""Reading bulletin files: encoding detection for UTF-8 (with or without BOM), UTF-16, GB18030."""

from __future__ import annotations

import codecs
import os
import re
import stat
from pathlib import Path

from bulletin_nlp.errors import BulletinDecodeError
from bulletin_nlp.text.chars import HAN

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_CONTROL_LIMIT = 0.02  # share of control characters above which the bytes are not text
SUFFIXES = (".txt", ".md", ".markdown", ".text")
#: Files larger than this are refused, not read: far above any bulletin (a few to a few
#: hundred KB), well below what would exhaust memory (see docs/usage.md, "Limits").
DEFAULT_MAX_BYTES = 32 * 1024 * 1024
#: Joins the parts of a list in one CSV cell (the tables' sources, the items CSV's sources;
#: the items CSV reader splits on it).
CSV_LIST_SEPARATOR = "、"
_SAMPLE_CHARS = 4000  # characters read to judge whether a GB18030 decoding is plausible
_MIN_HAN = 20
_COMMON_HAN_SHARE = 0.9  # real GB text: over 0.99 of its Han characters are in GB2312
_KOREAN_WORD_CHARS = 4  # Han runs this short on average (between spaces) read like Korean words
_HAN_RUN_RE = re.compile(f"[{HAN}]+")
#: The control characters of a binary file: below U+0020, but for \t \n \v \f \r.
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f]")
#: Byte → 1 for the bytes of newline, space and carriage return, and for a zero byte, else 0
#: (``bytes.translate`` tables of the UTF-16 test).
_SPACE_FLAGS = bytes(byte in b"\n \r" for byte in range(256))
_ZERO_FLAGS = bytes(byte == 0 for byte in range(256))
#: (encoding, its own script, the share of the letters in that script to believe it)
_OTHER_ENCODINGS = (
    ("EUC-KR", re.compile("[\uac00-\ud7a3]"), 0.5),
    ("SHIFT_JIS", re.compile("[\u3040-\u30ff]"), 0.2),
    ("BIG5", re.compile(f"[{HAN}]"), 0.5),
)


def decode(data: bytes, name: str = "<bytes>") -> str:
    """Decode the bytes of a bulletin, detecting the encoding; raise BulletinDecodeError."""
    encoding = _detect(data)
    if encoding is None and _cut_utf8(data):
        raise BulletinDecodeError(name, "UTF-8 text cut inside its last character (a truncated file or "
                                        "stream, e.g. head -c): complete it or drop the broken bytes")
    if encoding is None:
        raise BulletinDecodeError(name, "not UTF-8, UTF-16 or GB18030 text")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise BulletinDecodeError(name, f"broken {encoding} text: {exc.reason} at byte {exc.start}") from None
    if encoding == "gb18030" and (likely := _other_cjk_encoding(data, text)) is not None:
        raise BulletinDecodeError(name, f"looks like {likely} text, which decodes as GB18030 to gibberish; "
                                        f"convert it to UTF-8 (iconv -f {likely} -t UTF-8)")
    controls = len(_CONTROL_RE.findall(text))
    if text and controls / len(text) > _CONTROL_LIMIT:
        raise BulletinDecodeError(name, f"looks binary ({controls} control characters), not a text file")
    return text


def read_text(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Read and decode one file (see :func:`read_bytes` and :func:`decode`)."""
    return decode(read_bytes(path, max_bytes), str(path))


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of one file. Only a regular file is read (a FIFO would block, ``/dev/zero``
    never end), and at most ``max_bytes`` of it: :class:`BulletinDecodeError` names the file
    otherwise (a missing file, a broken or looping link included)."""
    try:
        # O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as stream:
            mode = os.fstat(descriptor).st_mode
            if not stat.S_ISREG(mode):
                kind = "a folder" if stat.S_ISDIR(mode) else "a FIFO, device or socket"
                raise BulletinDecodeError(str(path), f"not a regular file ({kind})")
            data = stream.read(max_bytes + 1)
    except OSError as exc:
        raise BulletinDecodeError(str(path), exc.strerror or str(exc)) from None
    return check_size(data, max_bytes, str(path))


def check_size(data: bytes, max_bytes: int, name: str) -> bytes:
    """``data`` if it holds at most ``max_bytes``, else :class:`BulletinDecodeError`."""
    if len(data) > max_bytes:
        raise BulletinDecodeError(name, f"larger than the limit of {max_bytes:,} bytes (max_bytes, --max-bytes)")
    return data


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


def _cut_utf8(data: bytes) -> bool:
    """Whether ``data`` is UTF-8 but for an incomplete character at its very end."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.reason == "unexpected end of data" and len(data) - exc.start < 4
    return False


def _other_cjk_encoding(data: bytes, decoded: str) -> str | None:
    """Big5, Shift-JIS or EUC-KR when ``decoded`` (``data`` as GB18030) is implausible Chinese
    and ``data`` decodes cleanly as one of them, mostly into its own script; else None.

    Chinese text in GB18030 keeps nearly all of its Han characters inside GB2312 (the common
    simplified set); Big5 and Shift-JIS read as GB18030 land in its rare extensions. EUC-KR
    lands inside GB2312, but as short runs between the spaces of Korean words, without the
    full-width ， and 。 of Chinese text.
    """
    han_runs = _HAN_RUN_RE.findall(decoded[:_SAMPLE_CHARS])
    han = "".join(han_runs)
    if len(han) < _MIN_HAN:
        return None
    common = (len(han) - han.encode("gb2312", "replace").count(b"?")) / len(han)  # (each character outside it: one ?)
    korean_like = len(han) / len(han_runs) <= _KOREAN_WORD_CHARS and not any(c in decoded for c in "，。")
    if common >= _COMMON_HAN_SHARE and not korean_like:
        return None
    sample = data[: _SAMPLE_CHARS * 2]
    for encoding, script, share in _OTHER_ENCODINGS:
        try:
            other = sample.decode(encoding)
        except UnicodeDecodeError as exc:
            if len(sample) == len(data) or exc.start < len(sample) - 4:  # not a character cut by the sample's end
                continue
            other = sample[: exc.start].decode(encoding)
        letters = [char for char in other if not char.isascii() and char.isalpha()]
        if letters and sum(1 for char in letters if script.match(char)) / len(letters) >= share:
            return encoding
    return None


def _flags(data: bytes, table: bytes) -> int:
    """``data`` through a 0/1 ``table``, as one integer: bit ``8 * i`` is the flag of byte ``i``
    (two such integers ANDed and their bits counted give the positions flagged in both)."""
    return int.from_bytes(data.translate(table), "little")


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a BOM: newlines and spaces sit in one byte position, a zero beside them
    (Chinese text has few zero bytes otherwise, so counting zeros alone is not enough)."""
    sample = data[:8192]
    if len(sample) < 4:
        return False
    end = len(sample) // 2 * 2  # the byte pairs from the first byte on: their first and second bytes
    first, second = sample[0:end:2], sample[1:end:2]
    little = (_flags(first, _SPACE_FLAGS) & _flags(second, _ZERO_FLAGS)).bit_count()  # b"\n\x00"
    big = (_flags(first, _ZERO_FLAGS) & _flags(second, _SPACE_FLAGS)).bit_count()  # b"\x00\n"
    return max(little, big) >= 2 and max(little, big) > 4 * min(little, big)
