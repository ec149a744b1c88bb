"""Layout classes of weekly digests and one-report pages (issue 11), each tested on new
bulletins written for these tests in several variants (counties, events and figures invented):
dated entries with no headline under numbered or bracketed headings (one item per entry), and
one report split by 【】 subtitles (one item, no sections)."""

from __future__ import annotations

import pytest

from tests.invariants import check_promises

# --- a weekly digest: entries opened by their dates, one item each ------------------------------

DIGEST_HEAD = "某县政务要情\n第23期（6月3日—6月9日）\n\n某县人民政府办公室\n2024年6月11日\n\n"
MEETINGS = ["6月3日，县政府召开第12次常务会议，研究城区供水管网改造等事项，确定改造管网46公里。",
            "6月5日，县政协召开主席会议，协商通过提案办理意见4项。（县政协办公室）",
            "6月7日，省农业农村厅调研组到城关镇调研高标准农田建设，全县今年新建高标准农田3.2万亩。"]
TOWNS = ["6月4日，县交通运输局完成农村公路安防工程28公里，总投资1600万元。（县交通运输局）",
         "6月6日，青石镇举办夏季招聘会，企业42家提供就业岗位650个。",
         "6月8日，县市场监管局开展食品安全抽检，抽检样品120批次。（县市场监管局）"]
SOURCES = [[], ["县政协办公室"], [], ["县交通运输局"], [], ["县市场监管局"]]
DATE_FORMS = {"month-day": "6月3日，", "with-year": "2024年6月3日，", "range": "6月3日至4日，",
              "time-of-day": "6月3日上午，", "ascii-comma": "6月3日,"}

HEADINGS = {"numbered": ("一、重要会议活动", "二、乡镇部门动态"),
            "level-two": ("（一）重要会议活动", "（二） 乡镇部门动态"),
            "bracketed": ("【重要会议活动】", "【乡镇部门动态】")}


def _digest(headings: tuple[str, str], first_date: str) -> tuple[str, list[str]]:
    entries = [MEETINGS[0].replace("6月3日，", first_date, 1), *MEETINGS[1:]]
    text = (DIGEST_HEAD + f"{headings[0]}\n\n" + "\n\n".join(entries) + f"\n\n{headings[1]}\n\n"
            + "\n\n".join(TOWNS) + "\n")
    return text, [*entries, *TOWNS]


@pytest.mark.parametrize("first_date", DATE_FORMS.values(), ids=DATE_FORMS.keys())
@pytest.mark.parametrize("headings", HEADINGS.values(), ids=HEADINGS.keys())
def test_dated_entries_are_items_under_section_headings(parse, headings, first_date):
    text, entries = _digest(headings, first_date)
    bulletin = parse(text)
    assert [section.title for section in bulletin.sections] == ["重要会议活动", "乡镇部门动态"]
    assert [len(section.items) for section in bulletin.sections] == [3, 3]
    assert [text[item.start : item.end] for item in bulletin.items] == entries
    assert [item.headline for item in bulletin.items] == [""] * 6
    assert [list(item.sources) for item in bulletin.items] == SOURCES
    assert text[bulletin.sections[1].start :].startswith(headings[1])  # the section starts at its number
    check_promises(text, bulletin)


def test_dated_entries_without_headings_are_items(parse):
    text = DIGEST_HEAD + "\n\n".join(MEETINGS + TOWNS) + "\n"
    bulletin = parse(text)
    assert [text[item.start : item.end] for item in bulletin.items] == MEETINGS + TOWNS
    check_promises(text, bulletin)


def test_dated_entries_after_a_numbered_report_title_are_a_section(parse):
    text = (DIGEST_HEAD + "一、全县夏粮收购进度过半\n\n全县开设收购网点31个，收购小麦4.6万吨。\n\n二、乡镇部门动态\n\n"
            + "\n\n".join(TOWNS) + "\n")
    bulletin = parse(text)
    assert [section.title for section in bulletin.sections] == [None, "乡镇部门动态"]
    assert [item.headline for item in bulletin.items] == ["全县夏粮收购进度过半", "", "", ""]
    assert [text[item.start : item.end] for item in bulletin.items][1:] == TOWNS
    check_promises(text, bulletin)


def test_a_report_with_a_headline_keeps_its_dated_paragraphs(parse):
    text = ("某县政务信息\n第8期\n某县人民政府办公室        2024年6月12日\n\n"
            "县领导督导防汛备汛工作\n\n6月3日，县长带队检查小型水库12座，现场交办问题5个。\n\n"
            "6月5日，分管副县长检查河道险工险段8处。（县水利局）\n\n"
            "城区夜市管理规范有序\n县城管局划定夜市摊位区3处，规范摊位210个。（县城管局）\n")
    bulletin = parse(text)
    assert [item.headline for item in bulletin.items] == ["县领导督导防汛备汛工作", "城区夜市管理规范有序"]
    assert text[bulletin.items[0].start : bulletin.items[0].end].endswith("（县水利局）")
    check_promises(text, bulletin)


def test_a_notice_keeps_its_dated_paragraphs_under_its_parts(parse):
    text = ("某县人民政府督查室\n督查通报\n\n第4期\n\n各乡镇人民政府，县直各单位：\n\n"
            "县政府督查室对汛前准备工作开展了专项督查。现将督查情况通报如下：\n\n一、督查开展情况\n\n"
            "6月3日，督查组抽查小型水库9座。\n\n6月4日，督查组抽查山洪灾害危险区16处。\n\n"
            "二、存在问题\n\n部分乡镇物资台账不全，巡查记录缺失。\n")
    (item,) = parse(text).items
    assert text[item.start : item.end].endswith("巡查记录缺失。")


def test_numbered_titles_over_one_dated_paragraph_each_are_headlines(parse):
    text = ("某县政务信息\n第8期\n某县人民政府办公室        2024年6月12日\n\n"
            "一、全县夏粮收购进度过半\n6月3日，全县收购小麦4.6万吨，开设收购网点31个。\n\n"
            "二、城区供水管网改造开工\n6月5日，县住建局启动供水管网改造，计划改造管网46公里。\n")
    bulletin = parse(text)
    assert [item.headline for item in bulletin.items] == ["全县夏粮收购进度过半", "城区供水管网改造开工"]
    assert [section.title for section in bulletin.sections] == [None]


# --- one report split by 【】 subtitles: one item, the subtitles are part of it -----------------

REPORT_TITLE = "某县“五好两宜”和美乡村建设见成效"
LEAD = "    今年以来，县农业农村局统筹推进和美乡村建设，全县创建示范村14个，覆盖农户1.1万户。"
PARTS = [("规划引领 连片推进", "    全县按照“一片一规划”编制片区规划5个，今年计划投入建设资金6200万元。"),
         ("产业支撑 强村富民", "    各片区发展茶叶、中药材等特色产业9个，带动村集体经营性收入超1800万元。"),
         ("共建共治 乡风文明", "    片区内组建志愿服务队38支，开展志愿服务2.4万余人次。")]
FRONTS = {
    "web-page": ("首页 > 政务公开 > 部门动态\n\n{title}\n\n发布时间：2024-05-20 09:30   信息来源：某县农业农村局\n"
                 "【字体：大 中 小】\n\n"),
    "glued-labels": "{title}\n发布日期:2024-05-20 信息来源:某县农业农村局 浏览次数:\n\n",
    "document": "{title}\n\n",
    "subtitled-document": "{title}\n——某县推进和美乡村建设纪实\n\n",
}
ENDS = {"bare": ("", []), "source": ("（某县农业农村局）", ["某县农业农村局"])}


def _subtitled(front: str, closing: str, brackets: tuple[str, str] = ("【", "】")) -> str:
    parts = "\n\n".join(f"{brackets[0]}{subtitle}{brackets[1]}\n{body}" for subtitle, body in PARTS)
    return front.format(title=REPORT_TITLE) + LEAD + "\n\n" + parts + closing + "\n\n【打印本页】 【关闭窗口】\n"


@pytest.mark.parametrize("end", ENDS.values(), ids=ENDS.keys())
@pytest.mark.parametrize("front", FRONTS.values(), ids=FRONTS.keys())
def test_subtitles_of_one_report_are_part_of_it(parse, front, end):
    closing, sources = end
    text = _subtitled(front, closing)
    bulletin = parse(text)
    assert [section.title for section in bulletin.sections] == [None]
    (item,) = bulletin.items
    assert item.headline == REPORT_TITLE and item.start == text.index(REPORT_TITLE)
    assert text[item.start : item.end].endswith(PARTS[-1][1].strip() + closing)
    assert "今年以来，县农业农村局" in item.body and "产业支撑 强村富民" in item.body  # a dash subtitle opens it
    assert list(item.sources) == sources
    check_promises(text, bulletin)


def test_an_editor_line_after_the_subtitled_report_is_its_footer(parse):
    text = _subtitled(FRONTS["web-page"], "\n\n责任编辑：李明")
    bulletin = parse(text)
    (item,) = bulletin.items
    assert text[item.start : item.end].endswith(PARTS[-1][1].strip()) and bulletin.footer.editor == "李明"
    check_promises(text, bulletin)


def test_bracketed_parts_each_closed_by_a_source_are_no_parts_of_one_report(parse):
    parts = "\n\n".join(f"【{subtitle}】\n{body}（县农业农村局）" for subtitle, body in PARTS)
    text = FRONTS["web-page"].format(title=REPORT_TITLE) + LEAD + "\n\n" + parts + "\n"
    bulletin = parse(text)
    assert len(bulletin.items) > 1
    check_promises(text, bulletin)


def test_a_bulletin_keeps_its_bracketed_sections(parse):
    text = ("某县政务信息\n第8期\n某县人民政府办公室        2024年6月12日\n\n某县全力推进夏粮收购\n"
            "入夏以来，全县开设收购网点31个。\n\n" + "\n\n".join(f"【{subtitle}】\n{body}" for subtitle, body in PARTS)
            + "\n")
    bulletin = parse(text)
    assert [section.title for section in bulletin.sections][1:] == [subtitle for subtitle, _ in PARTS]
