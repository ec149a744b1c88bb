"""Blocks of formatted runs to text and layout hints (readers/assemble.py)."""

from __future__ import annotations

from bulletin_nlp.readers import read_document


def test_assemble_bold_everywhere_is_no_cue(tmp_path):
    import docx

    document = docx.Document()
    for text in ("县林业局扎实推进国土绿化全县完成人工造林 1.2 万亩。", "县水利局开展汛前检查排查隐患 12 处。"):
        document.add_paragraph().add_run(text).bold = True
    path = tmp_path / "all-bold.docx"
    document.save(str(path))
    hints = read_document(path).hints
    assert hints is not None and hints.bold == ()
