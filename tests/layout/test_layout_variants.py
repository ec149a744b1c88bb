"""Metamorphic tests of the layout reader (issue 11): ordinary bulletins of the common house
styles (tests/layout/variants.py), each typed in formatting variants that must not change what
is read — masthead fields, sections, items, headlines, sources, and where each item starts
and ends in the input."""

from __future__ import annotations

import random

import pytest

from bulletin_nlp.layout.lines import split_lines, wrap_width
from tests.invariants import check_promises
from tests.layout.variants import SPECS, Variant, normalised, render

VARIANTS = {
    "plain": Variant(),
    "compact-masthead": Variant(masthead_gap=""),
    "masthead-runs-of-blank-lines": Variant(masthead_gap="\n\n\n"),
    "masthead-straight-into-body": Variant(masthead_gap="", body_gap=""),
    "office-and-date-on-one-line": Variant(office_and_date="one"),
    "compact-office-and-date-on-one-line": Variant(office_and_date="one", masthead_gap=""),
    "iso-date": Variant(date_form="iso"),
    "dotted-date": Variant(date_form="dot"),
    "han-date": Variant(date_form="han"),
    "blank-line-under-headline": Variant(head_gap="\n"),
    "no-blank-line-between-items": Variant(item_gap="", section_gap=""),
    "runs-of-blank-lines": Variant(item_gap="\n\n\n", section_gap="\n\n\n", head_gap="\n\n"),
    "crlf": Variant(eol="\r\n"),
    "cr": Variant(eol="\r"),
    "crlf-compact": Variant(eol="\r\n", masthead_gap="", item_gap=""),
    "trailing-spaces": Variant(trailing="  "),
    "trailing-full-width-space": Variant(trailing="\u3000"),
    "space-only-lines": Variant(blank="   "),
    "full-width-indent": Variant(indent="\u3000\u3000"),
    "ascii-indent": Variant(indent="    "),
    "tab-indent": Variant(indent="\t"),
    "half-width": Variant(half_width=True),
    "markdown": Variant(markdown=True),
    "source-on-its-own-line": Variant(source_line=True),
    "page-break-between-items": Variant(page_break="between"),
    "page-break-inside-a-sentence": Variant(page_break="inside"),
    "form-feed-between-items": Variant(page_break="formfeed-between"),
    "form-feed-inside-a-sentence": Variant(page_break="formfeed-inside"),
    "footer": Variant(footer=True),
    "compact-footer": Variant(footer=True, item_gap="", masthead_gap=""),
    "traditional-item": Variant(traditional=True),
    "round-bullets": Variant(bullet="●"),
    "square-bullets": Variant(bullet="■"),
    "star-bullets": Variant(bullet="★"),
    "arabic-numbers": Variant(number_form="1."),
    "arabic-numbers-with-comma": Variant(number_form="1、"),
    "bracketed-numbers": Variant(number_form="（一）"),
    "ascii-space-glue": Variant(glue=" "),
    "two-space-glue": Variant(glue="  "),
    "paragraph-per-sentence": Variant(body_split="\n"),
    "blank-line-between-paragraphs": Variant(body_split="\n\n"),
    "indented-paragraphs": Variant(body_split="\n", indent="\u3000\u3000"),
    "indented-paragraphs-with-blank-lines": Variant(body_split="\n\n", indent="\u3000\u3000"),
    "source-with-gong-gao-label": Variant(source_form="（供稿：{}）"),
    "source-then-gong-gao": Variant(source_form="（{}供稿）"),
    "source-as-lai-yuan-line": Variant(source_form="来源：{}"),
    "running-header-after-page-break": Variant(page_break="between", page_header=True),
    "running-header-inside-a-sentence": Variant(page_break="inside", page_header=True),
    "han-issue": Variant(issue_form="第{han}期"),
    "issue-with-year": Variant(issue_form="2024年第{number}期"),
    "spaced-issue": Variant(issue_form="第 {number} 期"),
    "bracketed-issue": Variant(issue_form="（第{number}期）"),
    "issue-with-total": Variant(issue_form="第{number}期（总第356期）"),
    "date-before-office": Variant(date_first=True),
    "date-before-office-on-one-line": Variant(date_first=True, office_and_date="one"),
    "spaced-title": Variant(spaced_title=True),
    "spaced-title-and-running-header": Variant(spaced_title=True, page_break="between", page_header=True),
    "classified-line-over-title": Variant(classified=True),
    "compact-classified-line-over-title": Variant(classified=True, masthead_gap=""),
    "rule-over-footer": Variant(footer=True, footer_rule=True),
    "markdown-section-headings": Variant(heading_marks="## "),
    "indented-headlines": Variant(indent="\u3000\u3000", indent_headlines=True),
    "everything-compact": Variant(masthead_gap="", item_gap="", section_gap="", office_and_date="one",
                                  footer=True, indent="\u3000\u3000"),
    "everything-loose": Variant(masthead_gap="\n\n", item_gap="\n\n\n", head_gap="\n", eol="\r\n",
                                trailing=" ", blank="  ", footer=True, date_form="iso"),
}
_CHOICES = {"masthead_gap": ["", "\n", "\n\n"], "body_gap": ["", "\n", "\n\n"], "office_and_date": ["one", "two"],
            "date_form": ["cn", "iso", "han", "dot"], "head_gap": ["", "\n"], "item_gap": ["", "\n", "\n\n\n"],
            "section_gap": ["", "\n", "\n\n"], "eol": ["\n", "\r\n", "\r"], "trailing": ["", " ", "\u3000"],
            "blank": ["", "  "], "indent": ["", "\u3000\u3000", "  ", "\t"], "half_width": [False, True],
            "markdown": [False, True], "source_line": [False, True], "footer": [False, True],
            "page_break": ["", "between", "inside", "formfeed-between", "formfeed-inside"],
            "traditional": [False, True], "bullet": ["◆", "●", "■", "★"],
            "number_form": ["一、", "1.", "1、", "（一）"],
            "glue": ["\u3000", " ", "  "], "indent_headlines": [False, True], "body_split": ["", "\n", "\n\n"],
            "source_form": ["（{}）", "（供稿：{}）", "（{}供稿）", "来源：{}"], "page_header": [False, True],
            "issue_form": ["", "第{han}期", "第 {number} 期"], "date_first": [False, True],
            "spaced_title": [False, True], "classified": [False, True], "footer_rule": [False, True],
            "heading_marks": ["", "## "]}
_DRAW = random.Random(11)
VARIANTS.update({f"mixed-{number}": Variant(**{key: _DRAW.choice(values) for key, values in _CHOICES.items()})
                 for number in range(40)})
def _open_hole(spec_name: str, variant: Variant) -> str | None:
    """Why the reader fails this case (a strict xfail), or None."""
    if (spec_name == "comma-headlines" and variant.head_gap and not variant.markdown and not variant.item_gap
            and variant.source_form.startswith("来源")):
        return ("a headline line of two phrases (聚焦群众急难愁盼，县信访局…) with a blank line under it reads "
                "like a body line that a page break cut (处置路面病 / / 害6处) unless the text spaces its "
                "paragraphs with blank lines; here each 来源：line runs straight into the next headline")
    return None


def _cases() -> list[object]:
    return [pytest.param(spec, variant, id=f"{spec.name}-{name}", marks=[pytest.mark.xfail(strict=True, reason=reason)]
                         if (reason := _open_hole(spec.name, variant)) else [])
            for spec in SPECS for name, variant in VARIANTS.items()]


@pytest.mark.parametrize(("spec", "variant"), _cases())
def test_formatting_keeps_the_structure(parse, spec, variant):
    text, expected = render(spec, variant)
    bulletin = parse(text)
    check_promises(text, bulletin)
    assert (bulletin.title, bulletin.issue, bulletin.date, bulletin.publisher) == (
        expected.title, expected.issue, expected.date, expected.publisher)
    assert tuple(normalised(section.title) for section in bulletin.sections if section.title) == \
        expected.section_titles
    items = bulletin.items
    assert tuple((normalised(item.headline), tuple(map(normalised, item.sources))) for item in items) == tuple(
        (normalised(headline), tuple(map(normalised, sources))) for headline, sources in expected.items)
    for item, opener, closer in zip(items, expected.openers, expected.closers, strict=True):
        item_text = normalised(text[item.start : item.end])
        assert item_text.startswith(normalised(opener)), item_text[:20]
        assert item_text.rstrip("*").endswith(normalised(closer)), item_text[-20:]
        assert "本期发送" not in item_text


def test_paragraphs_whose_last_lines_share_a_length_make_no_page_width():
    """Lines ending their paragraph (。, a source bracket) fill a page's width only by chance:
    three of one length are no hard wrap (a comma headline line over them stays a headline)."""
    text = ("县信访局推行领导包案，积案化解见成效\n县信访局召开信访积案化解推进会，明确领导包案23件。\n"
            "县林业局组建扑火队伍12支，开展防火巡查460余次。\n丁河镇发展猕猴桃种植2600亩，带动农户480户增收。\n"
            "县民政局走访困难群众310户，发放慰问金18万元。\n")
    assert wrap_width(text, split_lines(text)) is None


@pytest.mark.xfail(strict=True, reason="two phrases parted by a space over a plain body read like a glued headline "
                   "and its body's first words that a wrap continues (test_layout_levels_epaper): no rule yet")
def test_a_spaced_headline_line_over_a_plain_body(parse):
    text = ("西峡政务信息\n第21期\n西峡县人民政府办公室　　2024年5月6日\n\n【工作推进】\n"
            "抓早抓实抓细 县林业局全力做好森林防火工作\n县林业局组建扑火队伍12支，开展防火巡查460余次。（县林业局）\n")
    assert [item.headline for item in parse(text).items] == ["抓早抓实抓细 县林业局全力做好森林防火工作"]


def test_an_exclaimed_headline_line(parse):
    text = ("汝阳政务信息\n第12期\n汝阳县人民政府办公室　　2024年5月6日\n\n【重点工作】\n春耕正当时！\n"
            "县农业农村局组织农技人员下田指导，培训农户860人次。（县农业农村局）\n")
    assert [item.headline for item in parse(text).items] == ["春耕正当时！"]


def test_an_exclaimed_last_line_of_a_body_stays_the_body(parse):
    text = ("汝阳政务信息\n第12期\n汝阳县人民政府办公室　　2024年5月6日\n\n【重点工作】\n县农业农村局抓好春耕生产\n"
            "县农业农村局组织农技人员下田指导，培训农户860人次。\n春耕生产正当时！\n"
            "县水利局开展汛前检查\n县水利局检查水库12座，整改隐患9处。（县水利局）\n")
    items = parse(text).items
    assert [item.headline for item in items] == ["县农业农村局抓好春耕生产", "县水利局开展汛前检查"]
    assert items[0].body.endswith("春耕生产正当时！")


def test_a_title_on_two_lines(parse):
    text = ("汝阳县\n政务信息\n第12期\n汝阳县人民政府办公室　　2024年5月6日\n\n【重点工作】\n县民政局开展救助\n"
            "县民政局走访困难群众86户，发放慰问金2万元。（县民政局）\n")
    bulletin = parse(text)
    assert bulletin.title == "汝阳县政务信息"
    assert not bulletin.warnings  # the place's line is the title's, not an unread masthead line
