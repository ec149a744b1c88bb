"""Layout classes of points, boxes and headings inside county bulletins, each tested on new
bulletins written for these tests in several variants (figures and events invented): bulleted
points inside a report, a leader's instruction box above the report, and section headings on a
line of their own over reports with headlines of their own."""

from __future__ import annotations

import pytest

from tests.invariants import check_promises

MASTHEAD = "某县政务信息\n\n第8期\n\n某县人民政府办公室        2024年7月16日\n\n"


def _spans(text, bulletin):
    """(item text, headline) of every item."""
    return [(text[item.start : item.end], item.headline) for item in bulletin.items]


# --- bulleted points inside a report -----------------------------------------------------------

TOURISM = ("◆暑期文旅市场持续升温\n县文旅局统计，7月以来全县接待游客42万人次，实现旅游收入3.1亿元。其中：\n"
           "{point}南湖景区接待游客9万人次；\n{point}古镇街区举办夜市活动，吸引游客2.4万人次；\n"
           "{point}森林公园推出研学线路，接待研学团队36个。\n（县文旅局）")
GRAIN = ("◆县农业农村局部署秋粮田间管理\n"
         "县农业农村局组织农技人员下沉一线，指导群众开展病虫害统防统治12万亩。（县农业农村局）")


@pytest.mark.parametrize("point", ["○", "●", "□", "▶"])
@pytest.mark.parametrize("order", ["points-first", "points-last"])
def test_points_of_another_bullet_stay_in_their_report(parse, point, order):
    tourism = TOURISM.format(point=point)
    reports = [tourism, GRAIN] if order == "points-first" else [GRAIN, tourism]
    text = MASTHEAD + "\n\n".join(reports) + "\n"
    bulletin = parse(text)
    assert _spans(text, bulletin) == [(report, report.split("\n")[0][1:]) for report in reports]
    check_promises(text, bulletin)


def test_points_without_an_announcing_colon_stay_in_a_report_of_another_bullet(parse):
    tourism = TOURISM.format(point="○").replace("其中：", "主要做法如下。")
    text = MASTHEAD + tourism + "\n\n" + GRAIN + "\n"
    headlines = [headline for _, headline in _spans(text, parse(text))]
    assert headlines == ["暑期文旅市场持续升温", "县农业农村局部署秋粮田间管理"]


def test_bullets_like_the_items_own_still_open_items(parse):
    reports = ["◆县水利局开展汛前检查\n县水利局检查小型水库19座。其中：",
               "◆县应急局开展应急演练\n县应急局组织演练6场。（县应急局）"]
    text = MASTHEAD + "\n".join(reports) + "\n"
    assert len(parse(text).items) == 2


SPECIAL = ("南岭乡：“飞地项目”让村集体增收\n——某县发展壮大村集体经济的调查\n\n"
           "近年来，南岭乡整合各村衔接资金在县城周边联建产业项目，按股分红，全乡9个村集体经济收入全部超过10万元。\n\n"
           "{first}\n{point}南岭乡统筹衔接资金1260万元，建设标准化厂房2栋。\n{point}项目资产确权到村，由乡农经站统一管护。\n\n"
           "{second}\n{point}项目按投资额6%保底分红，2023年分红76万元。\n{point}各村将收益的三成用于公益岗位。\n\n"
           "下一步，县农业农村局将指导各乡镇完善收益分配机制。（县农业农村局 南岭乡）")


@pytest.mark.parametrize("point", ["○", "●", "◆"])
@pytest.mark.parametrize("parts", [("（一）资金统筹，联村建项目。", "（二）保底分红，村村有收益。"),
                                   ("（一）资金统筹联村建项目", "（二）保底分红村村有收益"),
                                   ("1.资金统筹，联村建项目。", "2.保底分红，村村有收益。")],
                         ids=["sentence-parts", "title-parts", "arabic-parts"])
def test_a_single_topic_report_keeps_the_points_of_its_parts(parse, point, parts):
    report = SPECIAL.format(point=point, first=parts[0], second=parts[1])
    text = "信息专报\n\n第3期\n\n某县人民政府办公室        2024年8月5日\n\n" + report + "\n"
    bulletin = parse(text)
    assert _spans(text, bulletin) == [(report, "南岭乡：“飞地项目”让村集体增收")]
    check_promises(text, bulletin)


# --- a leader's instruction box above the report -----------------------------------------------

@pytest.mark.parametrize("leader", ["县委副书记、县长王建国：", "县委书记 李明：", "县政协主席赵红梅同志："])
@pytest.mark.parametrize("rule", ["━━━━━━━━━━━━━━━━━━━━", "————————————————————"])
def test_a_leaders_instruction_box_is_in_no_item(parse, leader, rule):
    instruction = leader + "南岭乡的做法值得总结，请县农业农村局在全县推广。"
    report = SPECIAL.format(point="○", first="（一）资金统筹，联村建项目。", second="（二）保底分红，村村有收益。")
    text = ("信息专报\n\n第3期\n\n某县人民政府办公室        2024年8月5日\n\n"
            f"{rule}\n【领导批示】\n{instruction}\n{rule}\n\n{report}\n")
    bulletin = parse(text)
    assert _spans(text, bulletin) == [(report, "南岭乡：“飞地项目”让村集体增收")]
    check_promises(text, bulletin)


# --- a bold section heading on a line of its own over bulleted reports with headline lines -------

WORK = ["{b}县农业农村局推进柑橘低产园改造\n县农业农村局今年完成低产园改造2.4万亩，组织技术培训38期。（县农业农村局）",
        "{b}县司法局打造“一站式”调解平台\n县司法局在各镇建成调解中心12个，受理纠纷1460件，化解率96.2%。（县司法局）"]
TOWNS = ["{b}青山镇：肉牛养殖铺就增收路\n青山镇建设肉牛养殖小区3个，带动养殖户96户，存栏肉牛至少800头。（青山镇）",
         "{b}河口街道开展防返贫排查\n河口街道走访农户2600余户，新纳入监测对象11户。（河口街道）"]


@pytest.mark.parametrize("bullet", ["■", "◆", "● "])
@pytest.mark.parametrize("marks", [("**", "**"), ("__", "__"), ("**", "** ")], ids=["stars", "underscores", "space"])
def test_bold_headings_over_bulleted_reports_are_sections(parse, bullet, marks):
    work = [report.format(b=bullet) for report in WORK]
    towns = [report.format(b=bullet) for report in TOWNS]
    text = (MASTHEAD + f"{marks[0]}工作动态{marks[1]}\n\n" + "\n\n".join(work)
            + f"\n\n{marks[0]}乡镇传真{marks[1]}\n\n" + "\n\n".join(towns) + "\n")
    bulletin = parse(text)
    assert [(s.title, s.start) for s in bulletin.sections] == [
        ("工作动态", text.index("工作动态")), ("乡镇传真", text.index("乡镇传真"))]
    assert _spans(text, bulletin) == [(report, report.split("\n")[0][len(bullet):].strip())
                                      for report in work + towns]
    check_promises(text, bulletin)


def test_a_bold_line_over_bulleted_points_is_no_section(parse):
    text = (MASTHEAD + "**县农业农村局推进春耕生产**\n\n●组织农技人员下沉一线，指导春耕生产。\n"
            "●发放良种1.2万公斤、化肥360吨。\n\n" + WORK[1].format(b="") + "\n")
    bulletin = parse(text)
    assert [s.title for s in bulletin.sections] == [None]
    assert bulletin.items[0].headline == "县农业农村局推进春耕生产"
    check_promises(text, bulletin)


# --- short plain headings over numbered reports with headline lines of their own ----------------

NUMBERED = ["一、县经济开发区重点项目建设提速\n县经济开发区上半年新开工项目12个，投资31.6亿元。（县经济开发区）",
            "二、青山镇农村公路提档升级\n青山镇今年新改建农村公路18.2公里，改造危桥3座。（青山镇）",
            "三、我县多渠道促进高校毕业生就业\n县人社局举办专场招聘会6场，提供岗位2800余个。（县人社局）",
            "四、县卫健委开展义诊进乡村活动\n县卫健委组织专家96名深入各镇开展义诊，服务群众5200人次。（县卫健委）"]


@pytest.mark.parametrize("indent", ["", "          ", "\u3000\u3000"], ids=["flush", "spaces", "full-width"])
@pytest.mark.parametrize("grouping", [(2, 2), (1, 1, 2), (1, 1, 1, 1)], ids=["two-two", "one-one-two", "one-each"])
def test_short_headings_over_numbered_reports_are_sections(parse, indent, grouping):
    titles = ["项目建设", "民生保障", "社会事业", "生态环境"][: len(grouping)]
    parts, position = [], 0
    for title, count in zip(titles, grouping, strict=True):
        parts.append(f"{indent}{title}\n\n" + "\n\n".join(NUMBERED[position : position + count]))
        position += count
    text = MASTHEAD + "\n\n".join(parts) + "\n"
    bulletin = parse(text)
    assert [(s.title, len(s.items)) for s in bulletin.sections] == list(zip(titles, grouping, strict=True))
    assert _spans(text, bulletin) == [(report, report.split("\n")[0][2:]) for report in NUMBERED]
    check_promises(text, bulletin)


def test_a_short_line_inside_an_open_report_over_its_parts_is_no_section(parse):
    text = (MASTHEAD + "某县推进农村人居环境整治\n县农业农村局统筹推进农村人居环境整治，成效明显\n\n"
            "主要做法\n\n一、强化组织领导\n成立工作专班。\n\n二、压实工作责任\n开展督查3次。（县农业农村局）\n")
    bulletin = parse(text)
    assert [s.title for s in bulletin.sections] == [None] and len(bulletin.items) == 1


# --- a headline in brackets over each report, no sections --------------------------------------

BRACKETED = [("县高新区一季度新签约项目9个", "今年以来，县高新区新签约电子信息项目9个，计划总投资逾32亿元。{source}"),
             ("春风行动送岗到村", "县人社局在各镇举办专场招聘会7场，提供岗位1.1万个，达成就业意向1960人。{source}"),
             ("开学季校园食品安全检查", "县市场监管局检查学校食堂186家，责令整改17家，覆盖率达90%。{source}")]


@pytest.mark.parametrize("source", ["（供稿：县有关单位）", "(供稿:县有关单位)", "（县有关单位供稿）"])
@pytest.mark.parametrize("count", [2, 3])
def test_bracketed_headlines_over_one_report_each_are_headlines(parse, source, count):
    reports = [f"【{headline}】\n{body.format(source=source)}" for headline, body in BRACKETED[:count]]
    text = MASTHEAD + "\n\n".join(reports) + "\n"
    bulletin = parse(text)
    assert [s.title for s in bulletin.sections] == [None]
    headlines = [headline for headline, _ in BRACKETED[:count]]
    assert _spans(text, bulletin) == list(zip(reports, headlines, strict=True))
    assert [item.body for item in bulletin.items] == [body.format(source="") for _, body in BRACKETED[:count]]
    check_promises(text, bulletin)


@pytest.mark.parametrize("layout", ["two-reports", "spaced-headline"])
def test_bracketed_sections_stay_sections(parse, layout):
    bodies = [body.format(source="（县有关单位）") for _, body in BRACKETED]
    if layout == "two-reports":
        text = MASTHEAD + f"【项目建设】\n{bodies[0]}\n\n{bodies[1]}\n\n【民生保障】\n{bodies[2]}\n"
    else:
        text = (MASTHEAD + "【项目建设】\n\n县高新区加快项目签约 " + bodies[0] + "\n\n【民生保障】\n\n县人社局送岗到村 "
                + bodies[1] + "\n")
    assert [s.title for s in parse(text).sections] == ["项目建设", "民生保障"]


# --- a headline line opening with a circled number ---------------------------------------------

@pytest.mark.parametrize("space", ["", " "])
@pytest.mark.parametrize("section", ["", "【乡村振兴】\n\n"], ids=["no-section", "section"])
def test_a_circled_number_is_no_part_of_the_headline(parse, space, section):
    reports = [f"①{space}县冬季瓜菜收获上市进入尾声\n全县种植冬季瓜菜6.2万亩，已收获5.1万亩。（县农业农村局）",
               f"②{space}青山镇黑山羊养殖带动增收\n青山镇存栏黑山羊1.3万只，带动农户410户。（青山镇）"]
    text = MASTHEAD + section + "\n\n".join(reports) + "\n"
    bulletin = parse(text)
    assert _spans(text, bulletin) == [(report, report.split("\n")[0][1 + len(space) :]) for report in reports]
    check_promises(text, bulletin)
