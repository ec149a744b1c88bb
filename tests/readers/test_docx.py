"""Word files (readers/docx.py): paragraphs, tables and text boxes in reading order."""

from __future__ import annotations

from bulletin_nlp.readers import read_document


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
