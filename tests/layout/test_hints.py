"""Layout hints from a document's formatting (layout/hints.py), as the layout reader uses them."""

from __future__ import annotations

from bulletin_nlp.layout import parse_layout
from bulletin_nlp.layout.hints import LayoutHints
from bulletin_nlp.text.fold import fold


def test_hints_split_a_glued_bold_headline_and_ignore_short_emphasis():
    headline = "县林业局扎实推进国土绿化"
    text = (f"【生态建设】\n\n{headline}全县完成人工造林 1.2 万亩。（林业局）\n\n"
            "江口街道组织干部群众义务植树 3000 株，栽植苗木 12 个品种。（江口街道）")
    second = text.index("江口街道组织")
    hints = LayoutHints(bold=((text.index(headline), text.index(headline) + len(headline)), (second, second + 4)))
    layout = parse_layout(text, fold(text), hints)
    items = layout.sections[0].items
    view = layout.view.text
    headlines = [view[slice(*item.headline)] if item.headline else None for item in items]
    assert len(items) == 2 and headlines[0] == headline
    assert headlines[1] != "江口街道"
