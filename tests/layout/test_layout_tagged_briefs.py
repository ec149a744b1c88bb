"""Layout classes of set (g) (issue 11), each tested on new bulletins written for these tests in
several variants (counties, events and figures invented): briefs opened by their reporting unit
in 【】 glued to the body (one item each, no headline, the unit its source), and Markdown exports
whose report headlines are ``### 标题`` lines (the item starts at the ``#``, as a bold
headline's starts at its ``**``)."""

from __future__ import annotations

import pytest

from bulletin_nlp.layout.closing import opens_with_tag
from tests.invariants import check_promises

# --- briefs tagged by their reporting unit: 【石桥镇】今年以来，… --------------------------------

BRIEFS_HEAD = "泗水信息\n2024年第17期\n泗水县人民政府办公室\n2024年9月9日  星期一\n\n"
TOWN_BRIEFS = ["【石桥镇】今年以来，石桥镇新建蔬菜大棚120座，带动种植户300余户增收。",
               "【城东街道】城东街道改造老旧小区4个，惠及居民1500余户，加装电梯11部。",
               "【柳林乡】柳林乡完成高标准农田建设2.3万亩，新打机井46眼。"]
OFFICE_BRIEFS = ["【县人社局】县人社局举办秋季招聘会3场，提供就业岗位2100个，达成意向860人。",
                 "【县卫健委】县卫健委为65岁以上老人免费体检2.8万人次，建立健康档案。",
                 "【县残联】县残联为困难残疾人发放生活补贴96万元，适配辅具240件。"]
BRIEF_SOURCES = [["石桥镇"], ["城东街道"], ["柳林乡"], ["县人社局"], ["县卫健委"], ["县残联"]]
BRIEF_HEADINGS = {"plain": ("乡镇动态", "部门动态"), "bracketed": ("【乡镇动态】", "【部门动态】"),
                  "numbered": ("一、乡镇动态", "二、部门动态")}
FOOTER = "\n报：市政府办公室。\n送：县四套班子领导，各乡镇（街道），县各部门。\n"


@pytest.mark.parametrize("headings", BRIEF_HEADINGS.values(), ids=BRIEF_HEADINGS.keys())
def test_tagged_briefs_are_one_item_each_without_headline(parse, headings):
    text = (BRIEFS_HEAD + f"{headings[0]}\n" + "\n".join(TOWN_BRIEFS) + f"\n\n{headings[1]}\n"
            + "\n".join(OFFICE_BRIEFS) + "\n" + FOOTER)
    bulletin = parse(text)
    assert [len(section.items) for section in bulletin.sections] == [3, 3]
    assert [text[item.start : item.end] for item in bulletin.items] == TOWN_BRIEFS + OFFICE_BRIEFS
    assert [item.headline for item in bulletin.items] == [""] * 6
    assert [list(item.sources) for item in bulletin.items] == BRIEF_SOURCES
    assert all(not item.body.startswith("【") for item in bulletin.items)
    check_promises(text, bulletin)


def test_tagged_briefs_without_headings_are_items(parse):
    text = BRIEFS_HEAD + "\n\n".join(TOWN_BRIEFS + OFFICE_BRIEFS) + "\n" + FOOTER
    bulletin = parse(text)
    assert [text[item.start : item.end] for item in bulletin.items] == TOWN_BRIEFS + OFFICE_BRIEFS
    assert [list(item.sources) for item in bulletin.items] == BRIEF_SOURCES
    check_promises(text, bulletin)


@pytest.mark.parametrize(("opening", "tagged"), [
    ("【石桥镇】今年以来，石桥镇新建蔬菜大棚120座。", True),
    ("【县人社局、县总工会】两部门联合举办招聘会3场。", True),
    ("（县民政局）今年以来，全县发放低保金1200万元。", False),  # a source bracket, not a tag
    ("【经验交流】县民政局推行“一站式”救助。", False),  # a column's name, no unit
    ("【石桥镇】", False),  # a heading alone
])
def test_opens_with_tag(opening, tagged):
    assert opens_with_tag(opening) is tagged


# --- Markdown exports: ### 标题 headlines ------------------------------------------------------

MD_HEAD = "# 临江政务信息\n\n> 2024年第8期　临江县人民政府办公室编　2024年10月14日\n\n"
MD_REPORTS = [
    ("县农业农村局秋粮收购进度过半", "全县设立收购网点28个，已收购秋粮5.6万吨，占预计收购量的54%。（县农业农村局）"),
    ("城区供水管网改造完工", "县住建局完成城区老旧供水管网改造37公里，惠及居民2.1万户。（县住建局）"),
    ("县医保局推进异地就医直接结算", "今年以来，全县异地就医直接结算1.4万人次，结算金额6300万元。（县医保局）"),
]
MD_SECTIONS = {"sections": ("## 【经济发展】\n\n", "## 【民生保障】\n\n"), "no-sections": ("", "")}


def _markdown(marks: str, sections: tuple[str, str]) -> tuple[str, list[str]]:
    reports = [f"{marks}{headline}\n\n{body}" for headline, body in MD_REPORTS]
    text = (MD_HEAD + sections[0] + "\n\n".join(reports[:2]) + "\n\n" + sections[1] + reports[2]
            + "\n\n---\n\n**报：**市政府办公室。\n")
    return text, reports


@pytest.mark.parametrize("sections", MD_SECTIONS.values(), ids=MD_SECTIONS.keys())
@pytest.mark.parametrize("marks", ["### ", "#### ", "###\t"], ids=["level-3", "level-4", "tab"])
def test_markdown_heading_headlines_open_items_at_their_markers(parse, marks, sections):
    text, reports = _markdown(marks, sections)
    bulletin = parse(text)
    assert [text[item.start : item.end] for item in bulletin.items] == reports
    assert [item.headline for item in bulletin.items] == [headline for headline, _ in MD_REPORTS]
    if sections[0]:
        assert [section.title for section in bulletin.sections] == ["经济发展", "民生保障"]
        assert [text[section.start] for section in bulletin.sections] == ["【", "【"]  # ## outside the section
    check_promises(text, bulletin)


def test_markdown_heading_and_bold_headlines_start_alike(parse):
    heading_text, _ = _markdown("### ", MD_SECTIONS["sections"])
    bold_text = heading_text.replace("### 县农业农村局秋粮收购进度过半", "**县农业农村局秋粮收购进度过半**")
    heading_items, bold_items = parse(heading_text).items, parse(bold_text).items
    assert heading_text[heading_items[0].start : heading_items[0].start + 4] == "### "
    assert bold_text[bold_items[0].start : bold_items[0].start + 2] == "**"
    assert heading_items[0].headline == bold_items[0].headline == MD_REPORTS[0][0]
