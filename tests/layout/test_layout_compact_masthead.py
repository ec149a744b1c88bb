"""A plain bulletin typed without blank lines inside its masthead (title, issue, office and
date on consecutive lines) and with headline lines directly over their bodies: the masthead
is read and each headline opens its item, whatever lengths the short lines happen to share
(issue 11). Bulletins written for these tests; counties, events and figures invented."""

from __future__ import annotations

import pytest

from bulletin_nlp.layout.lines import display_width, split_lines, wrap_width
from tests.invariants import check_promises

REPORTS = [("县民政局开展救助", "县民政局走访困难群众86户，发放慰问金2万元。", "（县民政局）"),
           ("县水利局开展巡查", "县水利局巡查河道12公里，清理河道垃圾40余吨。", "（县水利局）"),
           ("县交通运输局修路", "县交通运输局完成道路修补3处，投入资金46万元。", "（县交通运输局）")]
MASTHEADS = {
    "office-and-date-on-one-line": "封丘政务快报\n第8期\n封丘县人民政府办公室　　2024年5月6日\n",
    "office-then-date": "封丘政务快报\n第8期\n封丘县人民政府办公室\n2024年5月6日\n",
    "issue-with-year": "封丘政务快报\n2024年第8期\n封丘县人民政府办公室  2024年5月6日\n",
}


def _bulletin(masthead: str, gap: str) -> str:
    return masthead + "\n" + gap.join(f"{head}\n{body}{source}\n" for head, body, source in REPORTS)


@pytest.mark.parametrize("gap", ["\n", ""], ids=["blank-line-between-reports", "no-blank-line"])
@pytest.mark.parametrize("masthead", MASTHEADS.values(), ids=MASTHEADS.keys())
def test_compact_masthead_and_headline_lines(parse, masthead, gap):
    text = _bulletin(masthead, gap)
    bulletin = parse(text)
    check_promises(text, bulletin)
    assert (bulletin.title, bulletin.issue, str(bulletin.date)) == ("封丘政务快报", 8, "2024-05-06")
    assert bulletin.publisher == "封丘县人民政府办公室"
    items = [item for section in bulletin.sections for item in section.items]
    assert [item.headline for item in items] == [head for head, _, _ in REPORTS]
    assert [list(item.sources) for item in items] == [[source[1:-1]] for _, _, source in REPORTS]
    assert [text[item.start:item.end] for item in items] == [f"{head}\n{body}{source}"
                                                             for head, body, source in REPORTS]


def test_headline_and_masthead_lines_of_one_length_make_no_page_width():
    text = _bulletin(MASTHEADS["office-and-date-on-one-line"], "\n")
    assert wrap_width(text, split_lines(text)) is None


def test_running_text_wrapped_at_one_width_makes_the_page_width():
    body = ("县农业农村局组织农技人员深入田间地头，指导农户开展夏管，" "发放技术资料1200份，培训农户860人次，"
            "推广节水灌溉面积3600亩，带动全县夏粮稳产增收。")
    rows = [""]
    for char in body:  # wrapped at 32 columns, as a PDF page breaks its lines
        if display_width(rows[-1] + char) > 32:
            rows.append("")
        rows[-1] += char
    text = "县农业农村局抓好夏管\n" + "\n".join(rows) + "\n"
    assert wrap_width(text, split_lines(text)) in (31, 32)


@pytest.mark.parametrize("byline", ["（责任编辑：李明）", "（责任编辑 李明）", "（主编：王芳）"])
def test_an_editor_bracket_closes_the_item_and_names_no_source(parse, byline):
    text = _bulletin(MASTHEADS["office-then-date"], "\n").replace("（县水利局）", byline)
    bulletin = parse(text)
    check_promises(text, bulletin)
    items = [item for section in bulletin.sections for item in section.items]
    assert [list(item.sources) for item in items] == [["县民政局"], [], ["县交通运输局"]]
    assert text[items[1].start:items[1].end].endswith(byline)


# --- sources written other ways: after a byline's people, with 联合供稿, or before the report -----

@pytest.mark.parametrize("closing,sources", [
    ("（通讯员 张伟 县水利局）", ["县水利局"]),
    ("（通讯员：刘芳，县应急管理局）", ["县应急管理局"]),
    ("（县文旅局、县融媒体中心 联合供稿）", ["县文旅局", "县融媒体中心"]),
    ("（记者 李强 王海洲）", []),  # people only
    ("（撰稿：王丽 审核：陈卫东）", []),
])
def test_sources_after_a_bylines_people_and_joint_contributions(parse, closing, sources):
    text = _bulletin(MASTHEADS["office-then-date"], "\n").replace("（县水利局）", closing)
    items = [item for section in parse(text).sections for item in section.items]
    assert [list(item.sources) for item in items] == [["县民政局"], sources, ["县交通运输局"]]


def test_a_source_bracket_before_the_first_sentence_is_the_source(parse):
    text = "封丘政务快报\n第8期\n封丘县人民政府办公室\n2024年5月6日\n\n" + "\n".join(
        f"{head}\n    {source}{body}\n" for head, body, source in REPORTS)
    bulletin = parse(text)
    check_promises(text, bulletin)
    items = [item for section in bulletin.sections for item in section.items]
    assert [item.headline for item in items] == [head for head, _, _ in REPORTS]
    assert [list(item.sources) for item in items] == [[source[1:-1]] for _, _, source in REPORTS]


@pytest.mark.parametrize("opening", ["（一）", "（县交通运输局讯）", "（记者 李强）"])
def test_other_brackets_before_the_first_sentence_name_no_source(parse, opening):
    text = f"封丘政务快报\n第8期\n\n县民政局开展救助\n{opening}县民政局走访困难群众86户。\n"
    items = [item for section in parse(text).sections for item in section.items]
    assert [list(item.sources) for item in items] == [[]]


@pytest.mark.parametrize("gap", ["\n", ""], ids=["blank-line-between-reports", "no-blank-line"])
def test_headline_lines_over_reports_without_sources_are_headlines(parse, gap):
    text = MASTHEADS["office-then-date"] + "\n" + gap.join(f"{head}\n{body}\n" for head, body, _ in REPORTS)
    bulletin = parse(text)
    check_promises(text, bulletin)
    assert [section.title for section in bulletin.sections] == [None]
    assert [item.headline for item in bulletin.sections[0].items] == [head for head, _, _ in REPORTS]


def test_a_heading_too_short_for_a_headline_stays_a_section_over_one_report(parse):
    text = (MASTHEADS["office-then-date"] + "\n春耕备耕\n县农业农村局组织农技人员下乡指导，发放资料1200份。\n\n"
            "防汛抗旱\n县应急管理局开展防汛演练。\n")
    bulletin = parse(text)
    assert [section.title for section in bulletin.sections] == ["春耕备耕", "防汛抗旱"]
