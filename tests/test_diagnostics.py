"""Coded diagnostics beside the warnings (diagnostics.py)."""

from __future__ import annotations


def test_diagnostics_carry_codes_spans_and_match_warnings(parse):
    from bulletin_nlp.diagnostics import CATALOGUE, NO_ITEMS, NO_MASTHEAD, UNCLOSED_SECTION

    text = "延津政务快报\n第 6 期\n\n【低温雨雪天气应对\n县民政局发放棉被。（民政局）\n"
    bulletin = parse(text)
    assert [d.message for d in bulletin.diagnostics] == list(bulletin.warnings)
    unclosed = [d for d in bulletin.diagnostics if d.code == UNCLOSED_SECTION]
    assert len(unclosed) == 1 and text[unclosed[0].start:unclosed[0].end].startswith("【低温")
    assert all(d.code in CATALOGUE for d in bulletin.diagnostics)
    assert NO_MASTHEAD in {d.code for d in parse("这不是简报。").diagnostics}
    assert NO_ITEMS in {d.code for d in parse("延津政务快报\n第 6 期\n").diagnostics}
    assert parse("   ").diagnostics[0].to_dict() == {"code": "W001", "message": "empty input: nothing to parse",
                                                    "start": None, "end": None}
    assert type(bulletin).from_dict(bulletin.to_dict()).diagnostics == bulletin.diagnostics
