"""Word files (readers/docx.py): paragraphs, tables and text boxes in reading order."""

from __future__ import annotations

import io
import re
import zipfile

from bulletin_nlp.readers import docx as docx_reader
from bulletin_nlp.readers import read_document
from tests.readers.documents import RECORDS, write_document


def test_docx_tables_and_text_boxes_in_reading_order(tmp_path):
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph("上面的段落。")
    table = document.add_table(rows=2, cols=3)
    for row, cells in zip(table.rows, (("乡镇", "户数", "金额"), ("城关镇", "120", "3.6 万元")), strict=True):
        for cell, value in zip(row.cells, cells, strict=True):
            cell.text = value
    anchor = document.add_paragraph("锚定段落。")
    box = ('<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
           'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
           'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
           'xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent><mc:Choice Requires="wps">'
           '<w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>文本框里的字。</w:t></w:r></w:p></w:txbxContent>'
           '</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r>'
           '<w:t>文本框里的字。</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback>'
           '</mc:AlternateContent></w:r>')
    anchor._p.append(parse_xml(box))
    document.add_paragraph("最后一段。")
    path = tmp_path / "t.docx"
    document.save(str(path))
    text = read_document(path).text
    assert text.split("\n\n") == ["上面的段落。", "乡镇\t户数\t金额", "城关镇\t120\t3.6 万元", "锚定段落。",
                                  "文本框里的字。", "最后一段。"]


def test_docx_parts_read_from_the_archive_are_python_docx_trees(tmp_path):
    """The body and styles that readers/docx.py reads from the ZIP archive alone serialise as the
    trees python-docx builds when it opens the whole package, for every corpus bulletin as a Word
    file: the text read from them is the text python-docx's trees give."""
    import docx
    from lxml import etree

    for record in RECORDS:
        data = write_document(record, "docx", tmp_path).read_bytes()
        parts = docx_reader._main_parts(data)
        assert parts is not None, record["id"]
        document = docx.Document(io.BytesIO(data))
        expected = (document.element.body, document.styles.element)
        assert [etree.tostring(part) for part in parts] == [etree.tostring(part) for part in expected], record["id"]


def _rewritten(data: bytes, drop: str = "", rels: tuple[str, str] = ("", "")) -> bytes:
    """``data`` (a .docx) without the member ``drop``, the pattern ``rels[0]`` replaced by
    ``rels[1]`` in the main part's relationships."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            if item.filename == drop:
                continue
            content = source.read(item.filename)
            if item.filename == "word/_rels/document.xml.rels":
                content = re.sub(rels[0], rels[1], content.decode()).encode()
            target.writestr(item, content)
    return out.getvalue()


def test_docx_without_styles_or_with_a_missing_image(tmp_path):
    """A file without a styles part is opened by python-docx (which makes default styles); a
    file whose main part names a missing part it does not need for the text (an image) is read
    all the same."""
    path = write_document(RECORDS[0], "docx", tmp_path)
    data = path.read_bytes()
    text = read_document(path).text
    no_styles = _rewritten(data, drop="word/styles.xml", rels=(r'<Relationship [^>]*Target="styles\.xml"/>', ""))
    assert docx_reader._main_parts(no_styles) is None
    (tmp_path / "no_styles.docx").write_bytes(no_styles)
    assert read_document(tmp_path / "no_styles.docx").text == text
    image = ('<Relationship Id="rIdImage" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
             'image" Target="media/missing.png"/></Relationships>')
    missing = _rewritten(data, rels=("</Relationships>", image))
    (tmp_path / "missing_image.docx").write_bytes(missing)
    assert read_document(tmp_path / "missing_image.docx").text == text
