"""Layout classes of meeting minutes and reposted pages, each tested on new bulletins written
for these tests in several variants (counties, figures and events invented): a 会议纪要's masthead
(an organ over the title, a document number as the only issue number, its office with the
date), its preamble and attendance block in no decision."""

from __future__ import annotations

import pytest

from tests.invariants import check_promises

DECISIONS = [("关于农村公路养护工作", "会议听取了县交通运输局的汇报，全县农村公路总里程1260公里。会议议定：\n"
              "    （一）县交通运输局牵头，30天内完成危桥排查。\n    （二）县财政局安排养护资金860万元。"),
             ("关于夏季防溺水工作", "会议听取了县教育局的汇报。会议议定，由县教育局会同各乡镇开展巡查，"
              "设置警示牌420块。"),
             ("关于城区垃圾分类试点", "会议听取了县城市管理局的汇报，试点小区扩大到18个。会议议定：\n"
              "    （一）县城市管理局6月底前完成分类设施配置。")]
PREAMBLE = "    5月8日，县长主持召开县长办公会议，研究农村公路养护等事项。现将会议议定事项纪要如下：\n\n"


def minutes(organ: str, kind: str, number: str, office: str, date: str, closing: str = "") -> str:
    decisions = "\n\n".join(f"{'一二三'[index]}、{headline}\n    {body}"
                            for index, (headline, body) in enumerate(DECISIONS))
    return f"{organ}\n{kind}\n\n{number}\n\n{office}                    {date}\n\n{PREAMBLE}{decisions}\n{closing}"


@pytest.mark.parametrize(("organ", "kind", "office"), [
    ("永和县人民政府", "县长办公会议纪要", "永和县人民政府办公室"),
    ("青川县人民政府", "常务会议纪要", "青川县人民政府办公室"),
    ("中共安远县委", "县委常委会会议纪要", "中共安远县委办公室"),
])
@pytest.mark.parametrize(("number", "issue"), [("〔2024〕9号", 9), ("永政纪〔2023〕14号", 14), ("[2024] 3号", 3)])
def test_a_minutes_masthead_is_read(parse, organ, kind, office, number, issue):
    text = minutes(organ, kind, number, office, "2024年5月10日")
    bulletin = parse(text)
    assert (bulletin.title, bulletin.issue, bulletin.publisher, bulletin.date) == (kind, issue, office, "2024-05-10")
    assert [item.headline for item in bulletin.items] == [headline for headline, _ in DECISIONS]
    check_promises(text, bulletin)


@pytest.mark.parametrize("attendance", [
    "出席：张建国  李红梅  王志强\n列席：县政府办公室、县交通运输局、县教育局、县财政局\n",
    "出席人员：张建国、李红梅\n列席单位：县交通运输局，县教育局。\n请假：王志强\n记录：赵敏\n",
    "参加会议人员：张建国  李红梅  县交通运输局  县教育局\n",
])
def test_the_attendance_block_of_minutes_is_in_no_decision(parse, attendance):
    text = minutes("永和县人民政府", "县长办公会议纪要", "〔2024〕9号", "永和县人民政府办公室", "2024年5月10日",
                   "\n" + attendance + "\n抄送：县委办公室，县人大常委会办公室。\n")
    bulletin = parse(text)
    assert [item.headline for item in bulletin.items] == [headline for headline, _ in DECISIONS]
    block = text.index(attendance)
    assert bulletin.items[-1].end <= block
    assert any(entity.label == "AGENCY" and entity.start > block for entity in bulletin.entities)
    assert bulletin.footer.distribution == ("县委办公室", "县人大常委会办公室")
    check_promises(text, bulletin)


def test_the_preamble_that_announces_decisions_is_in_no_item(parse):
    text = minutes("永和县人民政府", "县长办公会议纪要", "〔2024〕9号", "永和县人民政府办公室", "2024年5月10日")
    bulletin = parse(text)
    preamble = text.index(PREAMBLE.strip())
    assert all(not item.start <= preamble < item.end for item in bulletin.items)
    assert len(bulletin.items) == len(DECISIONS)


def test_an_organ_over_the_title_without_an_office_is_the_publisher(parse):
    text = ("永和县人民政府督查室\n\n督查通报\n\n第4期\n\n"
            "关于春耕生产的督查情况\n    县农业农村局调运化肥1.2万吨。（县政府督查室）\n")
    assert parse(text).publisher == "永和县人民政府督查室"


@pytest.mark.parametrize("line", ["出席：王立新等5人参加了培训班。", "记录：全县共发放宣传资料3200份。"])
def test_attendance_words_outside_minutes_stay_in_the_report(parse, line):
    text = ("永和政务信息\n2024年第6期\n永和县人民政府办公室        2024年3月8日\n\n"
            f"春季农技培训启动\n    县农业农村局举办培训班12期。\n{line}（县农业农村局）\n")
    bulletin = parse(text)
    assert len(bulletin.items) == 1 and line in text[bulletin.items[0].start : bulletin.items[0].end]


def test_a_document_number_in_a_report_is_no_issue(parse):
    text = ("永和政务信息\n2024年第6期\n永和县人民政府办公室        2024年3月8日\n\n"
            "春季农技培训启动\n    按照《实施方案》（永政办〔2024〕12号）要求，县农业农村局举办培训班12期。"
            "（县农业农村局）\n")
    assert parse(text).issue == 6


REPOSTED = [("臍橙冬季管護全面啟動", "縣農業農村局組織技術人員深入果園指導冬季清園，全縣臍橙面積達12.4萬畝。"
             "（縣農業農村局供稿）"),
            ("城區停車位改造完工", "縣住房和城鄉建設局完成城區停車位改造860個，投入資金1500萬元。（縣住建局供稿）"),
            ("冬季森林防火演練舉行", "縣應急管理局組織撲火隊員230人開展森林防火演練。（縣應急管理局供稿）")]


@pytest.mark.parametrize(("repost", "date"), [("轉載自：安遠縣人民政府網  2024/11/05", "2024-11-05"),
                                              ("转自：安远县人民政府门户网站 2024-11-05 09:30", "2024-11-05"),
                                              ("轉載自：安遠縣人民政府網", None)])
@pytest.mark.parametrize("editor", ["（責任編輯：劉曉紅）", "(责任编辑:刘晓红)"])
def test_a_reposted_bulletin_in_traditional_characters(parse, repost, date, editor):
    text = (f"{repost}\n\n安遠政務信息（第11期）\n\n安遠縣人民政府辦公室\n\n"
            + "\n\n".join(f"【{headline}】\n{body}" for headline, body in REPOSTED) + f"\n\n{editor}\n")
    bulletin = parse(text)
    assert (bulletin.title, bulletin.issue, bulletin.date) == ("安遠政務信息", 11, date)
    assert bulletin.publisher == "安遠縣人民政府辦公室"
    assert [item.headline for item in bulletin.items] == [headline for headline, _ in REPOSTED]
    assert bulletin.footer.editor in ("劉曉紅", "刘晓红")
    assert not any(entity.start < len(repost) and entity.label == "AGENCY" for entity in bulletin.entities)
    check_promises(text, bulletin)


def test_the_masthead_date_wins_over_the_repost_date(parse):
    text = ("转载自：安远县人民政府网  2024/11/08\n\n"
            "安远政务信息\n2024年第11期\n安远县人民政府办公室    2024年11月5日\n\n"
            + "\n\n".join(f"【{headline}】\n{body}" for headline, body in REPOSTED) + "\n")
    assert parse(text).date == "2024-11-05"


@pytest.mark.parametrize("phrase", ["县政府网格化管理平台", "县人民政府网格员"])
def test_a_government_before_grid_words_is_still_the_body(parse, phrase):
    bulletin = parse(f"{phrase}本月受理群众诉求320件。")
    assert any(entity.label == "AGENCY" and entity.text.endswith("政府") for entity in bulletin.entities)


COLUMN_REPORTS = [("秋收进度过半", "县农业农村局组织农机手2300余名抢收玉米，全县已收获玉米86万亩，占播种面积的"
                   "61%，其中宝昌镇、千斤沟镇进度最快。（县农业农村局供稿）"),
                  ("旅游环线通车", "县交通运输局完成旅游环线改造48公里，沿线新建观景台6处、停车场9个，"
                   "投资1.9亿元。（县交通运输局供稿）"),
                  ("冬季供暖准备就绪", "县住房和城乡建设局完成供热管网改造37公里，储煤12万吨，"
                   "城区供热面积达到610万平方米。（县住建局供稿）")]


def wrapped(body: str, width: int) -> list[str]:
    """``body`` hard-wrapped at ``width`` columns (a Han character two), its first line indented."""
    lines, current, used = [], "    ", 4
    for char in body:
        size = 1 if char.isascii() else 2
        if used + size > width:
            lines.append(current)
            current, used = "", 0
        current += char
        used += size
    return [*lines, current]


def flattened(title: str, office: str, width: int) -> str:
    """A two-column PDF flattened: the masthead on one line, reports cut at the column's width, a
    page number and the running head inside the second report."""
    masthead = f"{title}          2024年第8期          {office}编          2024年10月12日"
    reports = [[headline, *wrapped(body, width)] for headline, body in COLUMN_REPORTS]
    cut = len(reports[1]) // 2 + 1
    reports[1][cut:cut] = ["", "— 2 —", "", f"{title}                       2024年第8期", ""]
    return masthead + "\n\n" + "\n\n".join("\n".join(report) for report in reports) + "\n"


@pytest.mark.parametrize(("title", "office"), [("太仆寺政务信息", "太仆寺旗人民政府办公室"),
                                               ("阜平工作动态", "阜平县人民政府办公室")])
@pytest.mark.parametrize("width", [30, 32, 36])
def test_a_flattened_two_column_pdf(parse, title, office, width):
    text = flattened(title, office, width)
    bulletin = parse(text)
    assert (bulletin.title, bulletin.issue, bulletin.publisher, bulletin.date) == (title, 8, office, "2024-10-12")
    assert [s.title for s in bulletin.sections] == [None]
    assert [item.headline for item in bulletin.items] == [headline for headline, _ in COLUMN_REPORTS]
    assert {leftover.reason for leftover in bulletin.leftovers} == {"page number", "page header"}
    check_promises(text, bulletin)


def test_an_indented_headline_over_an_indented_body_stays_a_headline(parse):
    body = wrapped(COLUMN_REPORTS[0][1], 32)
    text = ("阜平工作动态\n2024年第8期\n阜平县人民政府办公室        2024年10月12日\n\n"
            "      全县秋粮收获进度过半农机作业有序\n" + "\n".join(body) + "\n")
    bulletin = parse(text)
    assert [item.headline for item in bulletin.items] == ["全县秋粮收获进度过半农机作业有序"]


def test_a_centred_headline_over_a_body_without_indentation_stays_a_headline(parse):
    first = wrapped(COLUMN_REPORTS[0][1], 32)
    second = [line.strip() for line in wrapped(COLUMN_REPORTS[1][1], 32)]
    text = ("阜平工作动态\n2024年第8期\n阜平县人民政府办公室        2024年10月12日\n\n"
            + "\n".join([COLUMN_REPORTS[0][0], *first]) + "\n\n"
            + "      县交通运输局旅游环线改造工程完工\n" + "\n".join(second) + "\n")
    headlines = [item.headline for item in parse(text).items]
    assert headlines == [COLUMN_REPORTS[0][0], "县交通运输局旅游环线改造工程完工"]
