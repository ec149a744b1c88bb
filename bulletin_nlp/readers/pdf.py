"""PDF files with a text layer, read with pypdfium2 character by character.

Characters are grouped into lines by their baseline; running headers, footers and page
numbers at the top and bottom of the pages are dropped; lines broken at the right margin or
across a page are joined into paragraphs (a paragraph ends at a short line or before an
indented one); wide gaps inside a line (table cells) become tabs. Bold is the font's name or
flags (SimHei, ``…,Bold``) or the fill-and-stroke rendering that word processors use for bold
without a bold font.

The loop over a page's characters runs compiled where ``_pdfchars.pyx`` is built (pdfium called
from C, the lines grouped in C: a page reads 3-5 times faster), else in Python
(``BULLETIN_NLP_PURE_PYTHON=1`` forces it); both make the same lines.
"""

from __future__ import annotations

import ctypes
import functools
import statistics
import sys
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import regex

from bulletin_nlp.errors import BulletinDecodeError
from bulletin_nlp.extensions import load_extension, use_extension
from bulletin_nlp.layout.masthead import active_words
from bulletin_nlp.readers.assemble import Block, Run, assemble
from bulletin_nlp.readers.document import Document
from bulletin_nlp.resources import require

PAGE_NUMBER_RE = regex.compile(
    r"^[-—–－~·\s]*(?:第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}(?:\s*/\s*\d{1,4})?)[-—–－~·\s]*$"
)
_BOLD_NAME_RE = regex.compile(r"bold|black|heavy|demi|semibold|hei|黑|xbs|小标宋|biaosong", regex.IGNORECASE)
_SENTENCE_RE = regex.compile(r"[，。；！？]")
_NUMBERS_AND_SPACES_RE = regex.compile(r"\d+|\s+")  # what differs between a header's pages
_SENTENCE_ENDS = tuple("。！？；")
_ASCII_WORD = regex.compile(r"[A-Za-z0-9]")
_SKIPPED_CODES = {0x0A, 0x0D, 0xFFFE, 0x02}  # line ends pdfium adds, unknown glyphs, its mark of a soft hyphen
_FILL_STROKE = (2, 6)  # text render modes: fill + stroke (word processors' fake bold)
_FORCE_BOLD_FLAG = 0x40000
_CELL_GAP = 2.0  # a gap wider than this many font sizes inside a line separates table cells
_BAND = 0.1  # share of the page height where headers and footers sit
_MIN_CHARS_PER_PAGE = 10  # fewer than this on average: a scan without a text layer
_UTF32 = "utf-32-le" if sys.byteorder == "little" else "utf-32-be"  # the compiled loop's codes, as bytes
#: what the compiled loop calls, in the order of ``_pdfchars.read_chars``'s arguments
_PDFIUM_FUNCTIONS = ("FPDFText_GetUnicode", "FPDFText_IsGenerated", "FPDFText_GetCharOrigin", "FPDFText_GetFontSize",
                     "FPDFText_GetCharBox", "FPDFText_GetTextObject")
_pdfchars = load_extension("bulletin_nlp.readers._pdfchars", api=1)  # the compiled character loop, or None
COMPILED_PDF = use_extension(_pdfchars)  # whether pages are read by it (else by the Python loop)


@dataclass
class _Line:
    page: int
    y: float
    x0: float
    x1: float
    size: float
    runs: list[Run] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)

    def add(self, char: str, x0: float, x1: float, bold: bool, size: float) -> None:
        if self.runs and self.runs[-1].bold == bold and self.runs[-1].size == size:
            self.runs[-1].text += char
        else:
            self.runs.append(Run(char, bold, size, self.page))
        self.x0, self.x1 = min(self.x0, x0), max(self.x1, x1)


def read_pdf(data: bytes, name: str) -> Document:
    """Extract a PDF's text (see the module docstring); raise for scans, encryption, damage."""
    pdfium = require("pypdfium2", f"reading {name}")
    if b"%%EOF" not in data[-2048:]:
        raise BulletinDecodeError(name, "a truncated PDF (no end-of-file marker): download it again")
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise BulletinDecodeError(
                name, "an encrypted PDF: open it with its password and save an unprotected copy"
            ) from None
        raise BulletinDecodeError(name, f"a damaged PDF ({exc}); download it again") from None
    try:
        pages = [_page_lines(pdf, index) for index in range(len(pdf))]
    finally:
        pdf.close()
    page_count = len(pages)
    chars = sum(len(line.text.strip()) for lines, _ in pages for line in lines)
    if chars < _MIN_CHARS_PER_PAGE * max(1, page_count):
        raise BulletinDecodeError(
            name, f"{page_count} page(s) but no text layer (a scan?): run OCR on it first (for example ocrmypdf)"
        )
    kept, dropped = _drop_running_lines(pages)
    assembled = assemble(_paragraphs(kept))
    return Document(assembled.text, "pdf", name, page_count, assembled.hints, assembled.page_starts,
                    dropped=tuple(dropped))


def _page_lines(pdf: Any, index: int) -> tuple[list[_Line], float]:
    from pypdfium2 import raw

    page = pdf[index]
    text_page = page.get_textpage()
    height = page.get_height()
    count = text_page.count_chars()
    lines = _compiled_lines(raw, text_page.raw, count, index + 1) if COMPILED_PDF else None
    if lines is None:
        lines = _python_lines(raw, text_page.raw, count, index + 1)
    text_page.close()
    page.close()
    return lines, height


def _python_lines(raw: Any, handle: Any, count: int, page_number: int) -> list[_Line]:
    """The lines of a text page (pdfium's ``handle``, ``count`` characters), character by character."""
    lines: list[_Line] = []
    bold_of: dict[int | None, bool] = {}
    x = ctypes.c_double()
    y = ctypes.c_double()
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    current: _Line | None = None
    gap = False
    # (pdfium's functions looked up once: a page has thousands of characters)
    get_unicode, is_generated = raw.FPDFText_GetUnicode, raw.FPDFText_IsGenerated
    get_origin, get_font_size, get_box = raw.FPDFText_GetCharOrigin, raw.FPDFText_GetFontSize, raw.FPDFText_GetCharBox
    for char_index in range(count):
        code = get_unicode(handle, char_index)
        if code in _SKIPPED_CODES or code > sys.maxunicode:  # (no character: a broken font's map)
            continue
        if code == 32 and is_generated(handle, char_index) == 1:
            gap = True  # a space pdfium inferred from a gap: kept only between Latin words
            continue
        get_origin(handle, char_index, x, y)
        size = round(get_font_size(handle, char_index), 1)
        get_box(handle, char_index, left, right, bottom, top)
        x0, x1 = x.value, max(x.value, right.value)
        bold = _bold(raw, handle, char_index, bold_of)
        if current is None or abs(y.value - current.y) > max(size, current.size) * 0.5:
            current = _Line(page_number, y.value, x0, x1, size)
            lines.append(current)
        elif x0 - current.x1 > _CELL_GAP * size:
            current.add("\t", x0, x0, False, size)  # a wide gap: the next cell of a table row
        elif gap and _ASCII_WORD.match(current.text[-1:]) and _ASCII_WORD.match(chr(code)):
            current.add(" ", x0, x0, bold, size)
        gap = False
        current.add(chr(code), x0, x1, bold, size)
    return lines


def _compiled_lines(raw: Any, handle: Any, count: int, page_number: int) -> list[_Line] | None:
    """:func:`_python_lines` by the compiled module: pdfium called from C for every character,
    each distinct font size rounded and each text object's bold looked up once in Python, the
    lines grouped in C. None where pypdfium2's functions have no address."""
    assert _pdfchars is not None  # called only when the module is built
    addresses = _pdfium_addresses(raw)
    if addresses is None:
        return None
    indices, codes, gaps, x0s, x1s, ys, sizes, objects = _pdfchars.read_chars(
        _address(handle), count, tuple(_SKIPPED_CODES), *addresses)
    if not codes:
        return []
    size_bits = np.frombuffer(sizes, dtype=np.uint64)  # distinct by their bits (-0.0 stays -0.0, as round gives it)
    distinct, inverse = np.unique(size_bits, return_inverse=True)
    rounded = np.array([round(size, 1) for size in distinct.view(np.float64).tolist()], dtype=np.float64)[inverse]
    _, first, inverse = np.unique(np.frombuffer(objects, dtype=np.uint64), return_index=True, return_inverse=True)
    bold_of: dict[int | None, bool] = {}
    flags = [_bold(raw, handle, indices[position], bold_of) for position in first.tolist()]
    bolds = np.array(flags, dtype=np.uint8)[inverse]
    text_codes, run_starts, run_bolds, run_sizes, first_runs, line_y, line_x0, line_x1, line_sizes = (
        _pdfchars.group_lines(x0s, x1s, ys, rounded, bolds, codes, gaps, _CELL_GAP))
    text = text_codes.tobytes().decode(_UTF32, "surrogatepass")
    bounds = [*run_starts.tolist(), len(text)]
    runs = [Run(text[bounds[number]:bounds[number + 1]], bool(bold), size, page_number)
            for number, (bold, size) in enumerate(zip(run_bolds.tolist(), run_sizes.tolist(), strict=True))]
    firsts = [*first_runs.tolist(), len(runs)]
    return [_Line(page_number, y, x0, x1, size, runs[firsts[number]:firsts[number + 1]])
            for number, (y, x0, x1, size) in enumerate(zip(line_y, line_x0, line_x1, line_sizes, strict=True))]


@functools.cache
def _pdfium_addresses(raw: Any) -> tuple[int, ...] | None:
    """The addresses of the pdfium functions :func:`_compiled_lines` calls, or None where
    pypdfium2 does not give them."""
    try:
        addresses = tuple(_address(getattr(raw, name)) for name in _PDFIUM_FUNCTIONS)
    except (AttributeError, TypeError, ctypes.ArgumentError):
        return None
    return addresses if all(addresses) else None


def _address(pointer: Any) -> int:
    """A ctypes pointer or function as an integer (0 for NULL)."""
    return ctypes.cast(pointer, ctypes.c_void_p).value or 0


def _bold(raw: Any, text_page: Any, char_index: int, cache: dict[int | None, bool]) -> bool:
    text_object = raw.FPDFText_GetTextObject(text_page, char_index)
    key = ctypes.c_void_p.from_buffer(text_object).value  # its address (ctypes.cast's, at a third of the cost)
    if key in cache:
        return cache[key]
    bold = bool(text_object) and raw.FPDFTextObj_GetTextRenderMode(text_object) in _FILL_STROKE
    if not bold:
        flags = ctypes.c_int()
        buffer = ctypes.create_string_buffer(128)
        raw.FPDFText_GetFontInfo(text_page, char_index, buffer, len(buffer), ctypes.byref(flags))
        name = buffer.value.decode("latin-1", "replace")
        bold = bool(flags.value & _FORCE_BOLD_FLAG) or bool(_BOLD_NAME_RE.search(name))
        bold = bold or raw.FPDFText_GetFontWeight(text_page, char_index) >= 600
    cache[key] = bold
    return bold


def _drop_running_lines(pages: list[tuple[list[_Line], float]]) -> tuple[list[_Line], list[str]]:
    """Drop page numbers, and headers/footers that repeat or stand apart at a page's edge."""
    def band_key(line: _Line, height: float) -> str | None:
        if line.y > height * (1 - _BAND):
            band = "top"
        elif line.y < height * _BAND:
            band = "bottom"
        else:
            return None
        return band + _NUMBERS_AND_SPACES_RE.sub("#", line.text)

    counts = Counter(key for lines, height in pages for line in lines if (key := band_key(line, height)))
    kept: list[_Line] = []
    dropped: list[str] = []
    for lines, height in pages:
        for position, line in enumerate(lines):
            key = band_key(line, height)
            text = line.text.strip()
            running = key is not None and (
                PAGE_NUMBER_RE.match(text)
                or counts[key] >= 2
                or _stands_apart(lines, position, line)
            )
            (dropped.append(text) if running else kept.append(line))
    return kept, dropped


def _stands_apart(lines: list[_Line], position: int, line: _Line) -> bool:
    """A short line without sentence punctuation, far from its neighbour: a page header or footer."""
    if line.page == 1 or len(line.text.strip()) > 40 or _SENTENCE_RE.search(line.text):
        return False
    neighbours = [lines[i] for i in (position - 1, position + 1) if 0 <= i < len(lines)]
    return all(abs(other.y - line.y) > 2.5 * max(line.size, other.size) for other in neighbours)


def _paragraphs(lines: list[_Line]) -> list[Block]:
    """Join lines broken at the right margin or across pages into paragraphs."""
    if not lines:
        return []
    body_size = statistics.median(line.size for line in lines)
    left = Counter(round(line.x0) for line in lines if line.size == body_size).most_common(1)[0][0]
    ends = sorted(line.x1 for line in lines if line.size == body_size)
    right = ends[int(len(ends) * 0.75)]  # the right margin (a few lines hang punctuation past it)
    blocks: list[Block] = []
    previous: _Line | None = None
    for line in lines:
        if previous is None or _starts_paragraph(previous, line, left, right):
            blocks.append(Block(list(line.runs)))
        else:
            joint = " " if _ASCII_WORD.match(previous.text[-1:]) and _ASCII_WORD.match(line.text[:1]) else ""
            if joint:
                blocks[-1].runs.append(Run(joint, False, line.size, line.page))
            blocks[-1].runs.extend(line.runs)
        previous = line
    return blocks


def _starts_paragraph(previous: _Line, line: _Line, left: float, right: float) -> bool:
    size = max(previous.size, line.size)
    if abs(previous.size - line.size) > 1.5:
        return True
    if line.x0 > left + 0.8 * line.size:
        return True  # indented first line, or a centred line
    if previous.x1 < right - 0.9 * previous.size:
        return True  # the previous line ended short of the margin
    if previous.text.rstrip().endswith(_SENTENCE_ENDS) and active_words().footer_start.match(line.text):
        return True  # a full last line, then 责任编辑：… (the margin alone cannot tell)
    return line.page == previous.page and abs(previous.y - line.y) > 2.2 * size
