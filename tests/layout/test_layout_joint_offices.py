"""Layouts of set (f)'s classes, as general rules (issue 11): a notice issued jointly by two
offices printed side by side on one line (the masthead's publisher is both, the closing
signature of both is outside the notice); a masthead whose imprint line names another body than
the name printed over the title (the imprint names the publisher); reports opened by bullets of
other shapes (``◎``, ``▪`` …); sources labelled with the reporting unit and its clerk
(``（报送单位：X  信息员：name）``, ``（X name 供稿）``: the unit only). Bulletins written for
these tests; counties, events and figures invented."""

from __future__ import annotations

import pytest

from tests.invariants import check_promises

NOTICE_TITLE = "关于6月份全县项目建设“比学赶超”的通报"
NOTICE = (NOTICE_TITLE + "\n\n各乡镇人民政府，县直各单位：\n\n"
          "6月17日至21日，县委督查室、县政府督查室对全县28个重点项目进行了督查。现将督查情况通报如下：\n\n"
          "一、总体情况\n\n全县28个重点项目完成投资9.6亿元，占年度计划的52%。\n\n"
          "二、工作要求\n\n各项目责任单位要于7月15日前完成整改，整改情况报县委督查室。\n\n"
          "附件：1.重点项目督查问题清单\n2.重点项目进度排名表.xlsx")
OFFICES = ("中共罗田县委督查室", "罗田县人民政府督查室")
JOINT_MASTHEADS = {
    "offices-then-date": "督 查 通 报\n\n第6期\n\n{0}　　{1}\n2024年6月28日\n",
    "offices-and-date-on-one-line": "督查通报\n第6期\n{0}  {1}    2024年6月28日\n",
}
JOINT_SIGNATURES = {
    "full-width-spaces": "{0}　　{1}\n2024年6月28日\n",
    "ascii-spaces": "{0}    {1}\n2024年6月28日\n",
}


def _items(bulletin):
    return [item for section in bulletin.sections for item in section.items]


@pytest.mark.parametrize("signature", JOINT_SIGNATURES.values(), ids=JOINT_SIGNATURES.keys())
@pytest.mark.parametrize("masthead", JOINT_MASTHEADS.values(), ids=JOINT_MASTHEADS.keys())
def test_a_joint_notice_names_both_offices_and_ends_at_its_last_attachment_line(parse, masthead, signature):
    text = masthead.format(*OFFICES) + "\n" + NOTICE + "\n\n" + signature.format(*OFFICES)
    bulletin = parse(text)
    check_promises(text, bulletin)
    assert (bulletin.issue, str(bulletin.date)) == (6, "2024-06-28")
    assert bulletin.publisher == " ".join(OFFICES)
    items = _items(bulletin)
    assert len(items) == 1 and items[0].headline == NOTICE_TITLE
    assert text[items[0].start : items[0].end] == NOTICE


def test_a_signature_of_one_office_still_closes_the_notice(parse):
    masthead = JOINT_MASTHEADS["offices-then-date"].format(*OFFICES)
    text = masthead + "\n" + NOTICE + "\n\n罗田县人民政府督查室\n2024年6月28日\n"
    (item,) = _items(parse(text))
    assert text[item.start : item.end] == NOTICE


REPORT = ("关于4起违反中央八项规定精神问题的通报\n\n各乡镇党委，县直各部门党组（党委）：\n\n"
          "现将近期查处的4起违反中央八项规定精神问题通报如下：\n\n"
          "1.某镇财政所原所长刘某某违规收受礼金问题。刘某某先后3次收受礼金共计0.8万元，受到党内警告处分。\n"
          "2.某局干部孙某某公车私用问题。孙某某受到政务警告处分。")


@pytest.mark.parametrize("imprint", ["中共英山县纪律检查委员会办公室          2024年10月8日",
                                     "中共英山县纪律检查委员会办公室　　2024年10月8日"])
def test_the_imprint_line_names_the_publisher_as_printed(parse, imprint):
    text = f"英山县纪委监委\n工 作 通 报\n第9期\n\n{imprint}\n\n{REPORT}\n\n{imprint.split()[0]}\n2024年10月8日\n"
    bulletin = parse(text)
    check_promises(text, bulletin)
    assert bulletin.publisher == imprint.split()[0]
    assert (bulletin.title, bulletin.issue, str(bulletin.date)) == ("工作通报", 9, "2024-10-08")
    assert any(entity.start == 0 and entity.label == "AGENCY" for entity in bulletin.entities)  # over the title
    (item,) = _items(bulletin)
    assert text[item.start : item.end] == REPORT


@pytest.mark.parametrize("masthead", [
    "隆昌县人民政府\n县长办公会议纪要\n隆昌县人民政府办公室    2024年4月12日\n",
    "隆昌县人民政府办公室\n隆昌政务信息\n第4期\n隆昌县人民政府办公室    2024年4月12日\n",
])
def test_an_office_under_its_organ_or_repeated_with_the_date_stays_the_publisher(parse, masthead):
    text = masthead + "\n县民政局开展救助\n县民政局走访困难群众86户，发放慰问金2万元。（县民政局）\n"
    assert parse(text).publisher == "隆昌县人民政府办公室"


BULLET_REPORTS = [("县林业局开展候鸟监测", "县林业局在湖区设立监测点9个，记录鸟类64种。", "（县林业局）"),
                  ("县卫健委组织送医下乡", "县卫健委组织医务人员85人开展义诊，服务群众1600人次。", "（县卫健委）")]


@pytest.mark.parametrize("bullet", list("◎○▶►☆◇□▲△▪"))
def test_a_bullet_of_any_shape_opens_a_report_and_stays_out_of_its_headline(parse, bullet):
    reports = [f"{bullet}{head}\n    {body}{source}" for head, body, source in BULLET_REPORTS]
    text = "建水信息快报\n2024年 第7期\n建水县人民政府办公室        2024年5月8日\n\n" + "\n\n".join(reports) + "\n"
    bulletin = parse(text)
    check_promises(text, bulletin)
    items = _items(bulletin)
    assert [item.headline for item in items] == [head for head, _, _ in BULLET_REPORTS]
    assert [text[item.start : item.end] for item in items] == reports
    assert [list(item.sources) for item in items] == [[source[1:-1]] for _, _, source in BULLET_REPORTS]


@pytest.mark.parametrize(("closing", "sources"), [
    ("（报送单位：县林草局　信息员：杨敏）", ["县林草局"]),
    ("（报送单位：县林草局  信息员：杨敏）", ["县林草局"]),
    ("（报送单位：县应急管理局）", ["县应急管理局"]),
    ("（县卫健局　杨敏　供稿）", ["县卫健局"]),
    ("（县卫健局 杨敏 县疾控中心 供稿）", ["县卫健局", "县疾控中心"]),
    ("（信息来源：红河州生态环境局建水分局）", ["红河州生态环境局建水分局"]),
    ("（县民政局 县水利局）", ["县民政局", "县水利局"]),
    ("（杨敏）", []),
])
def test_the_reporting_unit_is_the_source_and_its_clerk_is_not(parse, closing, sources):
    body = "县林草局组织护林员42名开展森林防火巡查，排查隐患17处。"
    text = ("建水信息快报\n第7期\n建水县人民政府办公室        2024年5月8日\n\n"
            f"县林草局开展森林防火巡查\n{body}{closing}\n\n县水利局开展河道清淤\n县水利局清淤河道8公里。（县水利局）\n")
    bulletin = parse(text)
    check_promises(text, bulletin)
    items = _items(bulletin)
    assert [list(item.sources) for item in items] == [sources, ["县水利局"]]
    assert text[items[0].start : items[0].end].endswith(closing)
