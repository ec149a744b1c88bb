"""Three layouts of other counties (issue 11): two levels of numbering (一、 section headings
over （一） reports, the numbers starting again in each section), a county newspaper's
e-edition page (masthead with the paper's serial number and weekday, page line, navigation
row, a column of ◆ entries) and an 经验交流 issue whose headline lines hold a space between two
phrases. Bulletins written for these tests; counties, events and figures invented."""

from __future__ import annotations

import pytest

from bulletin_nlp.layout.epaper import is_navigation_row, is_page_line
from tests.invariants import check_promises

# --- two levels of numbering: 一、 sections over （一） reports ----------------------------------

SECTIONS = [
    ("重点工作", [("酥梨产业园冷链仓储项目投入使用",
                  "位于石桥镇的酥梨产业园冷链仓储项目近日投入使用，新建冷库12座，库容约2万吨。", "县发改委"),
                 ("高标准农田建设完成年度任务", "县农业农村局完成高标准农田建设4.5万亩，新打机井210眼。",
                  "县农业农村局")]),
    ("乡镇动态", [("柳河镇开展人居环境集中整治", "柳河镇组织干部群众清理垃圾360余吨，拆除残垣断壁58处。", "柳河镇"),
                 ("逻岗镇举办农民技能培训", "逻岗镇举办农民技能培训班6期，培训群众520人次。", "逻岗镇"),
                 ("县医保局推进服务下沉", "县医保局在乡镇设立医保服务站点14个，今年办件3100余件。",
                  "县医保局")]),
]
NUMBERS = {"一、 over （一）": (["一、", "二、"], ["（一）", "（二）", "（三）"]),
           "一、 over 1．": (["一、", "二、"], ["1．", "2．", "3．"]),
           "（一） over 1.": (["（一）", "（二）"], ["1.", "2.", "3."])}
MASTHEAD = "宁陵政务信息\n第14期\n宁陵县人民政府办公室    2024年5月16日\n\n"
FOOTER = "\n报：市政府办公室。\n送：县委、县人大、县政协领导，各乡镇，县直各单位。\n"


def _two_levels(numbers: tuple[list[str], list[str]], gap: str, indent: str, bracket: str,
                sections: list[tuple[str, list[tuple[str, str, str]]]] = SECTIONS) -> str:
    heads, subs = numbers
    parts = []
    for head, (title, reports) in zip(heads, sections, strict=True):
        parts.append(f"{head}{title}\n{gap}")
        parts.extend(f"{sub}{headline}\n{indent}{body}{bracket.format(source)}\n{gap}"
                     for sub, (headline, body, source) in zip(subs, reports, strict=False))
    return MASTHEAD + "".join(parts) + FOOTER


@pytest.mark.parametrize("bracket", ["（{}）", "（{}供稿）"])
@pytest.mark.parametrize("gap,indent", [("\n", "    "), ("", "")], ids=["blank-lines-indented", "compact"])
@pytest.mark.parametrize("numbers", NUMBERS.values(), ids=NUMBERS.keys())
def test_numbered_headings_over_numbered_reports_are_sections(parse, numbers, gap, indent, bracket):
    text = _two_levels(numbers, gap, indent, bracket)
    bulletin = parse(text)
    check_promises(text, bulletin)
    assert [section.title for section in bulletin.sections] == [title for title, _ in SECTIONS]
    for section, (_, reports) in zip(bulletin.sections, SECTIONS, strict=True):
        assert [item.headline for item in section.items] == [headline for headline, _, _ in reports]
        assert [list(item.sources) for item in section.items] == [[source] for _, _, source in reports]
        assert [text[item.start:item.end] for item in section.items] == [  # each opens at its number
            f"{sub}{headline}\n{indent}{body}{bracket.format(source)}"
            for sub, (headline, body, source) in zip(numbers[1], reports, strict=False)]


@pytest.mark.parametrize("first", [False, True], ids=["second-holds-one", "first-holds-one"])
@pytest.mark.parametrize("numbers", NUMBERS.values(), ids=NUMBERS.keys())
def test_a_numbered_heading_over_one_report_is_a_section_like_its_siblings(parse, numbers, first):
    sections = [(SECTIONS[0][0], SECTIONS[0][1][:1]), SECTIONS[1]] if first else [SECTIONS[0], (
        SECTIONS[1][0], SECTIONS[1][1][:1])]
    text = _two_levels(numbers, "\n", "    ", "（{}）", sections)
    bulletin = parse(text)
    check_promises(text, bulletin)
    assert [section.title for section in bulletin.sections] == [title for title, _ in sections]
    assert [[item.headline for item in section.items] for section in bulletin.sections] == [
        [headline for headline, _, _ in reports] for _, reports in sections]


def test_a_numbered_report_with_numbered_parts_stays_one_item(parse):
    text = (MASTHEAD + "一、我县扎实推进秋粮收购\n    今年以来，县发改委统筹抓好秋粮收购工作。\n"
            "（一）加强组织领导\n    成立秋粮收购工作专班，落实收购网点21个。\n"
            "（二）强化资金保障\n    协调发放收购贷款1.2亿元。（县发改委）\n\n"
            "二、县民政局开展冬季救助\n    县民政局走访困难群众86户，发放慰问金2万元。（县民政局）\n" + FOOTER)
    bulletin = parse(text)
    check_promises(text, bulletin)
    items = [item for section in bulletin.sections for item in section.items]
    assert [section.title for section in bulletin.sections] == [None]
    assert [item.headline for item in items] == ["我县扎实推进秋粮收购", "县民政局开展冬季救助"]
    assert "（二）强化资金保障" in text[items[0].start:items[0].end]


def test_a_numbered_report_alone_after_numbered_sections_stays_a_report(parse):
    text = _two_levels(NUMBERS["一、 over （一）"], "\n", "    ", "（{}）").replace(
        "\n报：", "\n三、县民政局开展冬季救助\n    县民政局走访困难群众86户，发放慰问金2万元。（县民政局）\n\n报：")
    bulletin = parse(text)
    check_promises(text, bulletin)
    assert [section.title for section in bulletin.sections] == [title for title, _ in SECTIONS]
    assert bulletin.sections[-1].items[-1].headline == "县民政局开展冬季救助"


# --- a county newspaper's e-edition page -------------------------------------------------------

ENTRIES = ["◆8月28日，县委副书记、县长王建国带队督导秋粮收购工作，察看收购网点6个。",
           "◆ 8月29日，县人社局举办秋季招聘会，42家企业提供岗位1300余个。",
           "◆8月30日，南关镇召开产业发展推进会，签约项目3个，总投资约2.6亿元。"]


def _epaper(page_line: str, navigation: str, column: str, navigation_at_end: bool = False,
            paper: str = "灵石报") -> str:
    top = f"{paper}\n灵石县融媒体中心主办\n第1873期   2024年9月3日   星期二\n{page_line}\n"
    entries = "".join(f"    {entry}\n" for entry in ENTRIES)
    end = "\n（编辑：王晓东）\n\n" + (f"{navigation}\n" if navigation_at_end else "") + "版权所有：灵石县融媒体中心\n"
    return top + ("" if navigation_at_end else f"{navigation}\n") + f"\n{column}\n\n" + entries + end


NAVIGATION_ROWS = ["上一版   下一版»   本期共8版", "«上一版 | 版面导航 | 下一版»", "上一版  下一版"]


@pytest.mark.parametrize("navigation_at_end", [False, True], ids=["under-masthead", "at-the-end"])
@pytest.mark.parametrize("navigation", NAVIGATION_ROWS)
@pytest.mark.parametrize("page_line", ["第03版：综合", "A3版 综合新闻", "第3版"])
@pytest.mark.parametrize("column,paper", [("乡镇快讯", "灵石报"), ("综合新闻", "灵石日报")])
def test_an_e_paper_page(parse, page_line, navigation, column, paper, navigation_at_end):
    text = _epaper(page_line, navigation, column, navigation_at_end, paper)
    bulletin = parse(text)
    check_promises(text, bulletin)
    assert (bulletin.title, bulletin.issue, str(bulletin.date)) == (paper, 1873, "2024-09-03")
    assert bulletin.publisher == "灵石县融媒体中心"
    assert bulletin.footer.editor == "王晓东"
    assert [section.title for section in bulletin.sections] == [column]
    items = bulletin.sections[0].items
    assert [text[item.start:item.end] for item in items] == ENTRIES
    assert not any(item.headline for item in items)
    row = text.index(navigation)
    assert (row, row + len(navigation), "page furniture") in [
        (leftover.start, leftover.end, leftover.reason) for leftover in bulletin.leftovers]
    assert not any(entity.start < row + len(navigation) and entity.end > row for entity in bulletin.entities)


@pytest.mark.parametrize("line,expected", [
    ("第02版：要闻", True), ("第 2 版", True), ("B4版：乡村振兴", True), ("A3版 综合新闻", True),
    ("第3版面共计", False), ("第二季度", False), ("县政府召开第3次常务会议", False),
])
def test_page_line(line, expected):
    assert is_page_line(line) is expected


@pytest.mark.parametrize("line,expected", [
    ("上一版   下一版»   本期共4版", True), ("«上一版 | 版面导航 | 下一版»", True), ("上一期 下一期", True),
    ("本期共12版", True), ("上一版已刊发的报道", False), ("下一版将刊登县政协视察报道。", False),
])
def test_navigation_row(line, expected):
    assert is_navigation_row(line) is expected


# --- an 经验交流 issue: a headline line with a space between its two phrases ---------------------

REPORTS = [("做强“脐橙+”产业链 带动果农稳定增收", "——高田镇发展脐橙产业的做法",
            "高田镇是脐橙主产区，今年种植脐橙2.3万亩，带动果农3100余户。", "（高田镇供稿）"),
           ("打通便民服务“最后一公里”", "——县行政审批局推进政务服务下沉的做法",
            "县行政审批局在全县14个乡镇设立便民服务站，今年办件2.1万件。", "（县行政审批局）"),
           ("网格划细  服务做实", "——城关镇推进网格化管理的做法",
            "城关镇划分网格62个，配备网格员140名，化解矛盾纠纷260多件。", "（城关镇）")]


def _experience(title: str, subtitles: bool, centred: bool = False) -> str:
    masthead = f"{title}\n\n第6期\n\n中共崇义县委政策研究室              2024年6月5日\n\n"
    margin, indent = ("          ", "") if centred else ("", "    ")
    reports = "\n".join(f"{margin}{head}\n" + (f"{subtitle}\n\n" if subtitles else "") + f"{indent}{body}{source}\n"
                        for head, subtitle, body, source in REPORTS)
    return masthead + reports + "\n发：县委常委，县人大常委会主任，县政协主席，各乡镇党委，县直各单位。\n"


@pytest.mark.parametrize("centred", [False, True], ids=["body-indented", "headline-centred"])
@pytest.mark.parametrize("subtitles", [True, False], ids=["subtitle-under-headline", "body-under-headline"])
@pytest.mark.parametrize("title", ["崇义经验交流", "崇义工作交流"])
def test_spaced_headline_lines_are_whole_headlines(parse, title, subtitles, centred):
    text = _experience(title, subtitles, centred)
    margin, indent = ("          ", "") if centred else ("", "    ")
    bulletin = parse(text)
    check_promises(text, bulletin)
    assert (bulletin.title, bulletin.issue, str(bulletin.date)) == (title, 6, "2024-06-05")
    items = [item for section in bulletin.sections for item in section.items]
    assert [item.headline for item in items] == [head for head, _, _, _ in REPORTS]
    assert [text[item.start:item.end] for item in items] == [
        f"{head}\n" + (f"{subtitle}\n\n" if subtitles else "") + f"{indent}{body}{source}"
        for head, subtitle, body, source in REPORTS]
    assert not margin or all(text[item.start - len(margin):item.start] == margin for item in items)


def test_a_headline_space_before_a_body_wrapped_on_the_next_line_still_splits(parse):
    text = ("崇义工作交流\n第6期\n中共崇义县委政策研究室    2024年6月5日\n\n"
            "县民政局开展冬季救助 县民政局组织干部深入各村\n走访困难群众86户，发放慰问金2万元。（县民政局）\n\n"
            "县水利局开展汛前巡查 县水利局组织技术人员\n巡查河道12公里，清理河道垃圾40余吨。（县水利局）\n")
    items = [item for section in parse(text).sections for item in section.items]
    assert [item.headline for item in items] == ["县民政局开展冬季救助", "县水利局开展汛前巡查"]
    assert [item.body[:8] for item in items] == ["县民政局组织干部", "县水利局组织技术"]
