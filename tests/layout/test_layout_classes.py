"""Layout classes first met in the fresh zoo set (c) (issue 11), each tested on new bulletins
written for these tests (figures and events invented, not taken from the zoo's texts), in
several variants: items opened by indentation alone, hard wraps that break a sentence after a
line that looks like a headline, letter-spaced labels of a site's metadata, a web page's
furniture after the last item, a title line over a dash subtitle line, and a body's name with a
colon before a headline, a letter-spaced masthead title; and the zoo set (c) itself against
its gold."""

from __future__ import annotations

import pytest

from bulletin_nlp.layout import cues
from bulletin_nlp.layout.furniture import is_furniture
from bulletin_nlp.layout.headline import looks_like_headline_line
from bulletin_nlp.layout.masthead import MastheadFields, read_masthead_line
from tests.invariants import check_promises
from tests.support import corpus_records, record_id


def _items(text, bulletin):
    """(item text, headline or None, sources) of every item."""
    return [(text[item.start : item.end], item.headline or None, list(item.sources)) for item in bulletin.items]


# --- items opened by indentation alone, no headline, no source -------------------------------

PEOPLES_CONGRESS = "某县人大工作简报\n\n第3期\n\n某县人大常委会办公室                2024-03-18\n\n"
MEETING = ("3月12日，县人大常委会召开第十五次会议，审议县人民政府关于全县义务教育优质均衡发展情况的报告，"
           "要求县教育局加快补齐农村学校短板。")
INSPECTION = ("县人大常委会组织部分省、市、县人大代表对城关镇、新集镇农村饮水安全工程开展专题视察，"
              "实地察看水厂3座，提出意见建议12条。")
STATIONS = "县人大常委会深入推进代表联络站规范化建设，今年新建代表联络站9个，收集群众意见建议146条，已办结118条。"
CLOSING = "\n\n报：市人大常委会办公室\n送：县委、县政府、县政协领导\n"


@pytest.mark.parametrize("indent", ["　　", "    ", "\t", "　", "  "],
                         ids=["full-width", "ascii-4", "tab", "one-full-width", "ascii-2"])
@pytest.mark.parametrize("gap", ["\n\n", "\n"], ids=["blank-lines", "no-blank-lines"])
def test_items_opened_by_indentation_alone(parse, indent, gap):
    body = gap.join(indent + paragraph for paragraph in (MEETING, INSPECTION, STATIONS))
    text = PEOPLES_CONGRESS + body + CLOSING
    bulletin = parse(text)
    assert _items(text, bulletin) == [(MEETING, None, []), (INSPECTION, None, []), (STATIONS, None, [])]
    assert bulletin.date == "2024-03-18"
    check_promises(text, bulletin)


def test_indented_items_under_a_section_heading(parse):
    text = PEOPLES_CONGRESS + "【代表工作】\n\n" + "\n\n".join("　　" + p for p in (INSPECTION, STATIONS)) + CLOSING
    bulletin = parse(text)
    assert [section.title for section in bulletin.sections] == ["代表工作"]
    assert _items(text, bulletin) == [(INSPECTION, None, []), (STATIONS, None, [])]


def test_a_headline_line_keeps_its_indented_paragraphs(parse):
    headline = "县人大常委会视察农村饮水安全工程"
    text = PEOPLES_CONGRESS + f"{headline}\n　　{INSPECTION}\n　　{STATIONS}" + CLOSING
    (item,) = parse(text).items
    assert item.headline == headline and text[item.start : item.end] == f"{headline}\n　　{INSPECTION}\n　　{STATIONS}"


# --- hard wraps: a line that looks like a headline, then the rest of its sentence -------------

WRAPPED = "某县政务信息\n\n2024年第8期  总第215期\n\n某县人民政府办公室              2024年4月16日\n\n"
FIRST = ("县人社局开展春风行动专场招聘\n县人社局联合县总工会在县城广场举办春风行动\n"
         "专场招聘会，组织企业86家，提供岗位3200个。\n{broken}（县人社局）")
LAST = ("县应急局开展汛前安全检查\n县应急管理局组织4个检查组，对全县19座水库\n"
        "开展汛前检查，发现隐患27处，已整改21处。（县应急局）")


@pytest.mark.parametrize("broken", [
    "当天现场达成就业意向的求职者\n1260余人。",  # the rest of a figure: number, 余, unit
    "全县今年新增城镇就业岗位1\n860个。",  # a number broken over two lines
    "项目累计完成投资4.6\n亿元，占年度计划的52%。",  # the number's 亿 on the next line
    "一季度全县规上工业增加值同比增长\n8.7%，高于全市平均水平。",  # a percentage
    "全年技能培训任务由县人力资源和\n社会保障局统筹安排。",  # an agency's name broken at 和
    "专项检查由县应急管理局、\n县消防救援大队联合开展。",  # a list of agencies broken after 、
    "食品安全整治由县市场监管局与\n县公安局联合开展，查处案件12起。",  # broken after 与
    "春季招聘会累计发放政策宣传资料\n等材料5000余份。",  # a line never opens with 等
], ids=["figure-tail", "number", "unit", "percent", "agency-at-he", "agency-list", "agency-at-yu", "deng"])
def test_hard_wrap_after_a_headline_like_line_stays_in_the_item(parse, broken):
    first = FIRST.format(broken=broken)
    text = WRAPPED + "【民生保障】\n\n" + first + "\n\n" + LAST + "\n\n报：市委办公室\n"
    bulletin = parse(text)
    assert _items(text, bulletin) == [(first, "县人社局开展春风行动专场招聘", ["县人社局"]),
                                      (LAST, "县应急局开展汛前安全检查", ["县应急局"])]
    check_promises(text, bulletin)


@pytest.mark.parametrize("before,text,expected", [
    ("当天现场达成就业意向的求职者", "1260余人。", True),
    ("全县新增岗位1", "860个。", True),
    ("由县人力资源和", "社会保障局统筹安排。", True),
    ("县民政局开展冬季救助", "3月5日，县民政局成立工作专班。", False),  # a body opening with a date
    ("县交通运输局三项举措保障安全", "1、开展隐患排查。对全县农村公路开展排查。", False),  # a list number
    ("县交通运输局三项举措保障安全", "2024年以来，全县完成投资1.2亿元。", False),
    ("县民政局开展冬季救助", "县民政局成立工作专班，采购棉被6500条。", False),
    ("春节期间全县社会大局平稳祥和", "县公安局加强节日巡逻。", False),  # 祥和 ends a headline
    ("垃圾分类全民参与", "县城管局开展垃圾分类宣传。", False),
])
def test_continues_broken_line(before, text, expected):
    assert cues.continues_broken_line(before, text) is expected


def test_a_headline_line_over_a_body_opening_with_a_date_is_kept(parse):
    text = (WRAPPED + "县民政局开展冬季救助\n3月5日，县民政局成立工作专班，采购棉被\n6500条。（县民政局）\n\n"
            + LAST + "\n\n报：市委办公室\n")
    assert [item.headline for item in parse(text).items] == ["县民政局开展冬季救助", "县应急局开展汛前安全检查"]


# --- letter-spaced labels of a site's metadata ------------------------------------------------

ARTICLE = ("某县推进高标准农田建设\n今年,县农业农村局新建高标准农田2.6万亩,完成投资3900万元。(县农业农村局)\n\n"
           "某县开展春季植树造林\n县林业局组织干部群众义务植树16万株,新增造林面积1800亩。(县林业局)\n")
TABLE_ROWS = (
    "您当前所在位置:首页 > 信息公开 > 政务信息\n\n某县政务信息(第12期)\n\n"
    "索 引 号: | 0012/2024-00033 | 主 题 分 类: | 综合政务 |\n---|---|---|---|\n"
    "发 布 机 构: | 某县人民政府办公室 | 发 布 日 期: | 2024-06-20 |\n标 题: | 某县政务信息(第12期) |\n\n"
)
LABEL_LINES = (
    "首页 > 政务公开 > 政务信息\n\n标    题：某县政务信息（第12期）\n发 布 时 间：2024-06-20 09:30\n"
    "来    源：某县人民政府办公室\n\n"
)


@pytest.mark.parametrize("front", [TABLE_ROWS, LABEL_LINES], ids=["table-rows", "label-lines"])
def test_letter_spaced_metadata_labels_are_site_metadata(parse, front):
    text = front + ARTICLE
    bulletin = parse(text)
    assert (bulletin.issue, bulletin.date, bulletin.publisher) == (12, "2024-06-20", "某县人民政府办公室")
    assert [item.headline for item in bulletin.items] == ["某县推进高标准农田建设", "某县开展春季植树造林"]
    assert text[bulletin.items[0].start :].startswith("某县推进高标准农田建设")  # the 标 题 row is in no item
    check_promises(text, bulletin)


# --- a web page's furniture after the last item -----------------------------------------------

BULLETS = ("●县民政局为全县低保对象发放一次性生活补贴,惠及困难群众4600人,发放资金230万元。\n\n"
           "●县交通运输局完成农村公路安保工程42公里,整治危桥5座。")


@pytest.mark.parametrize("furniture", [
    ["扫一扫在手机打开当前页", "上一篇:某县政务信息(第11期)", "下一篇:某县政务信息(第13期)"],
    ["【打印本页】 【关闭窗口】"],
    ["【字体：大 中 小】 【打印】 【关闭】"],
    ["分享到:", "返回顶部"],
    ["上一条：没有了", "下一条：某县召开防汛工作会议"],
], ids=["share-and-neighbours", "print-close", "font-size", "share-top", "neighbour-items"])
@pytest.mark.parametrize("articles", [ARTICLE.rstrip("\n"), BULLETS], ids=["closed-items", "bullet-items"])
def test_page_furniture_after_the_last_item_is_a_leftover(parse, furniture, articles):
    text = TABLE_ROWS + articles + "\n\n" + "\n\n".join(furniture) + "\n"
    bulletin = parse(text)
    assert [(x.text, x.reason) for x in bulletin.leftovers] == [(line, "page furniture") for line in furniture]
    last = bulletin.items[-1]
    assert text[: last.end].endswith(articles[-12:])  # the last item ends with its own text
    assert len(bulletin.items) == 2
    check_promises(text, bulletin)


FORM = "如您对本文有意见建议,请在下方留言。\n  • 姓  名:\n\n  • 联系电话:\n"


@pytest.mark.parametrize("tail", [FORM + "\n【打印本页】 【关闭窗口】\n", "【打印本页】 【关闭窗口】\n\n" + FORM],
                         ids=["after-the-form", "before-the-form"])
def test_page_furniture_beside_a_feedback_form(parse, tail):
    text = TABLE_ROWS + ARTICLE + "\n" + tail
    bulletin = parse(text)
    assert [(x.text, x.reason) for x in bulletin.leftovers] == [("【打印本页】 【关闭窗口】", "page furniture")]
    assert text[: bulletin.items[-1].end].endswith("(县林业局)")
    check_promises(text, bulletin)


def test_the_next_step_of_a_report_is_no_furniture(parse):
    report = "某县推进高标准农田建设\n今年,县农业农村局新建高标准农田2.6万亩。\n下一步,县农业农村局将加强管护。\n"
    text = TABLE_ROWS + report
    bulletin = parse(text)
    assert bulletin.leftovers == () and bulletin.items[-1].body.endswith("加强管护。")


@pytest.mark.parametrize("line,expected", [
    ("扫一扫在手机打开当前页", True), ("【打印本页】 【关闭窗口】", True), ("[打印] [关闭]", True),
    ("字号:[大 中 小]", True), ("上一篇：某县政务信息（第6期）", True), ("下一条: 没有了", True),
    ("下一步，县民政局将加强督导。", False), ("分享经验做法12条。", False), ("关闭非法矿点8处。", False),
])
def test_is_furniture(line, expected):
    assert is_furniture(line) is expected


# --- a title line over a dash subtitle line ---------------------------------------------------

SUBTITLE_MASTHEAD = "工 作 简 报\n第4期\n某县人民政府办公室  2024.5.20\n\n"
REPORT = ("3月以来，县商务局牵头开展“城乡消费季”活动，组织商贸企业120家，发放消费券300万元，"
          "带动消费1.2亿元。\n\n下一步，县商务局将持续扩大活动覆盖面。（县商务局）")


@pytest.mark.parametrize("title,dash", [
    ("县域商贸流通体系建设提速", "——"), ("县域商贸流通体系建设提速", "—"), ("城乡消费持续回暖", "——"),
], ids=["double-dash", "single-dash", "short-title"])
def test_title_over_a_subtitle_is_one_headline(parse, title, dash):
    subtitle = f"{dash}县商务局“城乡消费季”活动成效明显"
    item_text = f"{title}\n{subtitle}\n\n{REPORT}"
    text = SUBTITLE_MASTHEAD + item_text + "\n"
    bulletin = parse(text)
    assert _items(text, bulletin) == [(item_text, title, ["县商务局"])]
    assert bulletin.items[0].body.startswith(subtitle)
    assert bulletin.issue == 4 and bulletin.date == "2024-05-20"
    check_promises(text, bulletin)


def test_title_over_a_subtitle_after_another_item(parse):
    first = "县民政局开展冬季救助\n县民政局采购棉被6500条分发至各乡镇。（县民政局）"
    second = f"县域商贸流通体系建设提速\n——县商务局“城乡消费季”活动成效明显\n\n{REPORT}"
    text = SUBTITLE_MASTHEAD + first + "\n\n" + second + "\n"
    bulletin = parse(text)
    assert _items(text, bulletin) == [(first, "县民政局开展冬季救助", ["县民政局"]),
                                      (second, "县域商贸流通体系建设提速", ["县商务局"])]


# --- a body's name and a colon before the headline --------------------------------------------

@pytest.mark.parametrize("headline", [
    "城关镇：“小网格”撬动基层大治理", "县医保局：三项举措守护群众看病钱", "县委组织部：年轻干部到一线墩苗历练",
])
def test_named_headline_lines(parse, headline):
    body = "今年以来，累计开展专项行动12次，覆盖群众1.6万人。"
    item_text = f"{headline}\n{body}\n供稿：县政府办公室"
    text = WRAPPED + item_text + "\n\n" + LAST + "\n\n报：市委办公室\n"
    bulletin = parse(text)
    assert _items(text, bulletin)[0] == (item_text, headline, ["县政府办公室"])


@pytest.mark.parametrize("line,expected", [
    ("县民政局：困难群众救助帮扶落实落细", True), ("供稿：县民政局", False), ("会议要求：各单位抓好落实", False),
    ("主办：某县人民政府办公室", False), ("县民政局：", False),
])
def test_looks_like_headline_line_with_a_name(line, expected):
    assert looks_like_headline_line(line) is expected


# --- a letter-spaced masthead title needs no title word ---------------------------------------

@pytest.mark.parametrize("line,title", [("山 城 工 作", "山 城 工 作"), ("平  安  建  设", "平  安  建  设"),
                                        ("内 部 资 料", None), ("第 十 二 期", None)])
def test_letter_spaced_masthead_title(line, title):
    fields = MastheadFields()
    read_masthead_line(line, 0, len(line), fields)
    assert (line[slice(*fields.title)] if fields.title else None) == title


# --- the zoo set (c), seen since its one final run: its layout stays as the gold says ----------

@pytest.mark.parametrize("record", corpus_records("zoo_c_unseen"), ids=record_id)
def test_zoo_c_layout_matches_gold(parse, record):
    got = parse(record["text"]).to_dict()
    gold = record["gold"]
    fields = ("title", "issue", "issue_total", "date", "publisher")
    assert {k: got[k] for k in fields} == {k: gold[k] for k in fields}
    keys = ("start", "end", "headline", "headline_start", "headline_end", "sources")
    assert [{k: i[k] or None for k in keys} for s in got["sections"] for i in s["items"]] == [
        {k: i[k] or None for k in keys} for s in gold["sections"] for i in s["items"]]
    assert [(s["title"], s["start"], s["end"]) for s in got["sections"]] == [
        (s["title"], s["start"], s["end"]) for s in gold["sections"]]
    assert got["footer"] == gold["footer"]
    check_promises(record["text"], parse(record["text"]))
