"""Word (.docx) files: paragraphs, tables and text boxes in reading order, with bold and size.

Page headers and footers live in their own parts of the file and are not read. The page
count is Word's own pagination as saved in the file (``lastRenderedPageBreak``), else the
explicit page breaks. Bold and
size are resolved as Word does: the run's own properties, then its character style, the
paragraph's style and the styles they are based on, then the document defaults.

Only the main document part and its styles are read from the archive (its other parts, images
included, are not needed for the text); a file that is not plainly a Word document is opened with
python-docx, which says what is wrong with it.
"""

from __future__ import annotations

import functools
import itertools
import posixpath
from collections.abc import Iterator
from io import BytesIO
from typing import Any
from zipfile import BadZipFile, ZipFile

from bulletin_nlp.errors import BulletinDecodeError
from bulletin_nlp.readers.assemble import Block, Run, assemble
from bulletin_nlp.readers.document import Document
from bulletin_nlp.resources import require

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
_WORD_DOCUMENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_TEXT_BOX = f"{W}txbxContent"
_FALSE = {"0", "false", "off", "none"}


def read_docx(data: bytes, name: str) -> Document:
    """Extract a .docx file's text (see the module docstring)."""
    docx = require("docx", f"reading {name}")
    parts = _main_parts(data)
    if parts is None:
        from docx.opc.exceptions import PackageNotFoundError

        try:
            document = docx.Document(BytesIO(data))
        except (PackageNotFoundError, BadZipFile, KeyError, ValueError, SyntaxError) as exc:  # lxml: SyntaxError
            raise BulletinDecodeError(name, f"a damaged Word file ({type(exc).__name__}: {exc})") from None
        parts = document.element.body, document.styles.element
    body, styles_element = parts
    reader = _BodyReader(_Styles(styles_element))
    blocks = list(reader.blocks(body))
    assembled = assemble(blocks)
    pages = 1 + (reader.rendered_breaks or reader.page_breaks)
    return Document(assembled.text, "docx", name, pages, assembled.hints)


def _main_parts(data: bytes) -> tuple[Any, Any] | None:
    """The body of a Word file's main document part and its styles element, read from the ZIP
    archive alone, or None where the file is not plainly so (the caller then opens it with
    python-docx, which reads every part and says what is wrong).

    The main part is the one the package's relationships name as the office document, with a
    Word document's content type; the styles part the one its own relationships name. Both are
    parsed with python-docx's parser options (blank text removed, entities not resolved), so
    the trees are the ones python-docx builds, without its element classes, and without reading
    and parsing the package's other parts (settings, fonts, theme, images). A broken part the
    text does not need (an image named but missing) no longer fails the file."""
    try:
        with ZipFile(BytesIO(data)) as archive:
            main = _related_part(archive, "/", _OFFICE_DOCUMENT)
            if main is None or _content_type(archive, main) != _WORD_DOCUMENT:
                return None
            styles = _related_part(archive, main, _STYLES)
            if styles is None:
                return None  # python-docx then makes a default styles part
            root, styles_root = (_parse(archive.read(name.lstrip("/"))) for name in (main, styles))
    except (BadZipFile, KeyError, ValueError, SyntaxError, OSError, EOFError):  # lxml: SyntaxError
        return None
    body = root.find(f"{W}body")
    if root.tag != f"{W}document" or body is None:
        return None
    return body, styles_root


def _related_part(archive: ZipFile, source: str, relationship: str) -> str | None:
    """The part name (``/word/document.xml``) that ``source``'s one relationship of the type
    ``relationship`` targets inside the package, or None (none, several, or an external one)."""
    folder, file = posixpath.split(source)
    rels = _parse(archive.read(posixpath.join(folder, "_rels", f"{file}.rels").lstrip("/")))
    matching = [rel for rel in rels.iterfind(f"{_RELS}Relationship") if rel.get("Type") == relationship]
    if len(matching) != 1 or matching[0].get("TargetMode") == "External" or not matching[0].get("Target"):
        return None
    return posixpath.abspath(posixpath.join(folder, matching[0].get("Target")))


def _content_type(archive: ZipFile, part: str) -> str | None:
    """``part``'s content type by ``[Content_Types].xml``: its override, else its extension's default."""
    types = _parse(archive.read("[Content_Types].xml"))
    name, extension = part.lower(), posixpath.splitext(part)[1][1:].lower()
    overrides = (item for item in types.iterfind(f"{_TYPES}Override") if item.get("PartName", "").lower() == name)
    defaults = (item for item in types.iterfind(f"{_TYPES}Default") if item.get("Extension", "").lower() == extension)
    entry = next(itertools.chain(overrides, defaults), None)
    content_type: str | None = None if entry is None else entry.get("ContentType")
    return content_type


def _parse(xml: bytes) -> Any:
    """An XML part parsed with python-docx's parser options (lxml comes with python-docx)."""
    return _etree().fromstring(xml, _parser())


@functools.cache
def _parser() -> Any:
    return _etree().XMLParser(remove_blank_text=True, resolve_entities=False)


def _etree() -> Any:
    return require("lxml.etree", "reading Word files")


class _Styles:
    """Bold and size of paragraph and character styles, following ``basedOn``."""

    def __init__(self, styles_element: Any) -> None:
        self._by_id: dict[str, Any] = {}
        for style in styles_element.iterfind(f"{W}style"):
            self._by_id[style.get(f"{W}styleId")] = style
        defaults = styles_element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        self.default_bold = _bold(defaults) or False
        self.default_size = _size(defaults)
        default_paragraph = styles_element.find(f"{W}style[@{W}default='1'][@{W}type='paragraph']")
        self.default_paragraph = default_paragraph.get(f"{W}styleId") if default_paragraph is not None else None
        self._cache: dict[str | None, tuple[bool | None, float | None]] = {}

    def of(self, style_id: str | None) -> tuple[bool | None, float | None]:
        """(bold, size) set by a style or the styles it is based on; None where unset."""
        if style_id in self._cache:
            return self._cache[style_id]
        bold: bool | None = None
        size: float | None = None
        seen: set[str] = set()
        current = style_id
        while current and current not in seen and current in self._by_id:
            seen.add(current)
            style = self._by_id[current]
            properties = style.find(f"{W}rPr")
            bold = _bold(properties) if bold is None else bold
            size = _size(properties) if size is None else size
            based = style.find(f"{W}basedOn")
            current = based.get(f"{W}val") if based is not None else None
        self._cache[style_id] = (bold, size)
        return bold, size


class _BodyReader:
    def __init__(self, styles: _Styles) -> None:
        self.styles = styles
        self.page = 1
        self.page_breaks = 0
        self.rendered_breaks = 0  # where Word last broke pages when it saved the file

    def blocks(self, container: Any) -> Iterator[Block]:
        for child in container.iterchildren():
            if child.tag == f"{W}p":
                yield from self._paragraph(child)
            elif child.tag == f"{W}tbl":
                yield from self._table(child)
            elif child.tag == f"{W}sdt":
                content = child.find(f"{W}sdtContent")
                if content is not None:
                    yield from self.blocks(content)

    def _table(self, table: Any) -> Iterator[Block]:
        """Each row one block: its cells' text separated by tabs."""
        for row in table.iterfind(f"{W}tr"):
            cells = []
            for cell in row.iterfind(f"{W}tc"):
                cell_blocks = list(self.blocks(cell))
                cells.append(" ".join(block.text.strip() for block in cell_blocks if block.text.strip()))
            if any(cells):
                yield Block([Run("\t".join(cells), page=self.page)])

    def _paragraph(self, paragraph: Any) -> Iterator[Block]:
        properties = paragraph.find(f"{W}pPr")
        style_id = self.styles.default_paragraph
        if properties is not None:
            style = properties.find(f"{W}pStyle")
            style_id = style.get(f"{W}val") if style is not None else style_id
            if _on(properties.find(f"{W}pageBreakBefore")):
                self._break_page()
        block = Block()
        text_boxes: list[Any] = []
        for element in paragraph.iter(f"{W}r", _TEXT_BOX):
            above = _ancestors_within(element, paragraph)
            if element.tag == _TEXT_BOX:
                if not any(tag.endswith("}Fallback") or tag == _TEXT_BOX for tag in above):
                    text_boxes.append(element)  # a fallback copy of a text box is read once
            elif _TEXT_BOX not in above:
                self._run(element, style_id, block)
        yield block
        for box in text_boxes:  # after the paragraph that anchors them
            yield from self.blocks(box)

    def _run(self, run: Any, paragraph_style: str | None, block: Block) -> None:
        properties = run.find(f"{W}rPr")
        bold = _bold(properties)
        size = _size(properties)
        if properties is not None and (style := properties.find(f"{W}rStyle")) is not None:
            style_bold, style_size = self.styles.of(style.get(f"{W}val"))
            bold = style_bold if bold is None else bold
            size = style_size if size is None else size
        paragraph_bold, paragraph_size = self.styles.of(paragraph_style)
        bold = paragraph_bold if bold is None else bold
        size = paragraph_size if size is None else size
        bold = self.styles.default_bold if bold is None else bold
        size = self.styles.default_size if size is None else size
        for child in run.iterchildren():
            tag = child.tag
            if tag == f"{W}t":
                block.runs.append(Run(child.text or "", bool(bold), size, self.page))
            elif tag == f"{W}tab":
                block.runs.append(Run("\t", False, size, self.page))
            elif tag in (f"{W}br", f"{W}cr"):
                if child.get(f"{W}type") == "page":
                    self._break_page()
                else:
                    block.runs.append(Run("\n", False, size, self.page))
            elif tag == f"{W}lastRenderedPageBreak":
                self.rendered_breaks += 1
            elif tag == f"{W}noBreakHyphen":
                block.runs.append(Run("-", bool(bold), size, self.page))

    def _break_page(self) -> None:
        self.page += 1
        self.page_breaks += 1


def _ancestors_within(element: Any, container: Any) -> list[str]:
    """Tags of ``element``'s ancestors below ``container``."""
    tags = []
    parent = element.getparent()
    while parent is not None and parent is not container:
        tags.append(parent.tag)
        parent = parent.getparent()
    return tags


def _on(element: Any) -> bool:
    return element is not None and (element.get(f"{W}val") or "true").lower() not in _FALSE


def _bold(properties: Any) -> bool | None:
    if properties is None:
        return None
    element = properties.find(f"{W}b")
    return None if element is None else _on(element)


def _size(properties: Any) -> float | None:
    if properties is None:
        return None
    element = properties.find(f"{W}sz")
    value = element.get(f"{W}val") if element is not None else None
    try:
        return int(value) / 2 if value else None
    except ValueError:
        return None
