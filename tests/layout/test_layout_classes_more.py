"""More layout classes of real county bulletins and government pages (issue 11), each tested
on new bulletins written for these tests in several variants (figures and events invented):
a one-report web page whose page title is its headline, short headline lines that are no
section headings, headline lines ending in a closing quote, a headline wrapped at the page's
line width in a PDF conversion, and names broken by a hard wrap."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bulletin_nlp.layout.headline import looks_like_headline_line
from bulletin_nlp.layout.lines import display_width, line_start, split_lines, wrap_width
from tests.invariants import check_promises


def _items(text, bulletin):
    """(item text, headline or None, sources) of every item."""
    return [(text[item.start : item.end], item.headline or None, list(item.sources)) for item in bulletin.items]


# --- a web page holding one report: the page title above the metadata is its headline --------

REPORT = ("入秋以来，县发展改革委会同县粮食和物资储备中心组织收储企业8家，开设收购网点26个，"
          "累计收购秋粮3.4万吨。\n\n下一步，县发展改革委将加强市场监测，确保农民售粮顺畅。")
PAGE_TITLES = ["某县全力推进秋粮收购工作", "县发改委：多措并举做好秋粮收购", "我县秋粮收购进度过半"]


@pytest.mark.parametrize("title", PAGE_TITLES)
@pytest.mark.parametrize("front", [
    "首页 > 政务公开 > 工作动态\n\n{title}\n\n发布时间：2024-10-12 10:20  来源：某县发展和改革委员会\n\n",
    "{title}\n发布日期:2024-10-12 信息来源:某县发展和改革委员会 浏览次数:\n",
    "当前位置：首页 > 部门动态\n{title}\n| 发布机构 | 某县发展和改革委员会 | 发布日期 | 2024-10-12 |\n\n",
], ids=["label-lines", "glued-labels", "table-row"])
def test_a_one_report_page_title_is_its_headline(parse, front, title):
    head = front.format(title=title)
    text = head + REPORT + "\n"
    bulletin = parse(text)
    (item,) = bulletin.items
    assert item.headline == title and item.start == text.index(title)
    assert item.body.startswith("入秋以来") and item.body.endswith("确保农民售粮顺畅。")
    assert (bulletin.title, bulletin.date, bulletin.publisher) == (None, "2024-10-12", "某县发展和改革委员会")
    check_promises(text, bulletin)


def test_a_one_report_page_keeps_its_numbered_parts_and_drops_its_furniture(parse):
    text = ("首页 > 政务公开 > 工作动态\n\n某县全力推进秋粮收购工作\n\n"
            "发布时间：2024-10-12  来源：某县发展和改革委员会\n\n"
            "入秋以来，县发展改革委组织收储企业8家。\n\n一、强化组织领导\n成立工作专班。\n\n"
            "二、优化收购服务\n开设收购网点26个。\n\n【打印本页】 【关闭窗口】\n")
    bulletin = parse(text)
    (item,) = bulletin.items
    assert item.headline == "某县全力推进秋粮收购工作" and item.body.endswith("开设收购网点26个。")
    assert [(x.text, x.reason) for x in bulletin.leftovers] == [("【打印本页】 【关闭窗口】", "page furniture")]


@pytest.mark.parametrize("page", [
    # a bulletin's page: the page title is the bulletin's name, the masthead's title
    "首页 > 信息公开\n\n某县政务信息（第12期）\n\n发布时间：2024-06-20  来源：某县人民政府办公室\n\n"
    "某县推进高标准农田建设\n县农业农村局新建高标准农田2.6万亩。（县农业农村局）\n",
    # the page title repeated as the report's own headline line: that line is the headline
    "首页 > 工作动态\n\n某县推进高标准农田建设\n\n发布时间：2024-06-20  来源：某县农业农村局\n\n"
    "某县推进高标准农田建设\n县农业农村局新建高标准农田2.6万亩，完成投资3900万元。\n",
], ids=["bulletin-page", "title-repeated"])
def test_a_page_title_that_is_no_report_headline(parse, page):
    bulletin = parse(page)
    assert bulletin.items[0].headline == "某县推进高标准农田建设"
    assert page[bulletin.items[0].start :].startswith("某县推进高标准农田建设\n县农业农村局")
    check_promises(page, bulletin)


# --- short headline lines (≤ 8 characters) are headlines, not section headings ----------------

MASTHEAD = "某县政务信息\n\n第5期\n\n某县人民政府办公室        2024年3月10日\n\n"
SPRING = "县农业农村局组织农技人员深入田间地头，指导群众开展春耕生产，发放良种1.2万公斤。（县农业农村局）"
RIVERS = "县水利局开展河道清四乱专项行动，清理河道垃圾360吨，拆除违建12处。（县水利局）"
SAFETY = "县应急管理局组织4个检查组，对全县危化企业开展安全检查，发现隐患27处。（县应急局）"


@pytest.mark.parametrize("headlines", [("春耕备耕", "河长制", "安全生产"),
                                       ("春耕备耕正当时", "河长制见实效", "安全生产")])
@pytest.mark.parametrize("section", ["", "【工作动态】\n\n"], ids=["no-section", "bracket-section"])
def test_short_headline_lines_over_closed_reports(parse, headlines, section):
    reports = [f"{headline}\n{body}" for headline, body in zip(headlines, (SPRING, RIVERS, SAFETY), strict=True)]
    text = MASTHEAD + section + "\n\n".join(reports) + "\n"
    bulletin = parse(text)
    assert _items(text, bulletin) == [(report, headline, [report[report.rindex("（") + 1 : -1]])
                                      for report, headline in zip(reports, headlines, strict=True)]
    assert [s.title for s in bulletin.sections] == (["工作动态"] if section else [None])
    check_promises(text, bulletin)


def test_short_headline_lines_among_longer_ones(parse):
    reports = [f"春耕备耕\n{SPRING}", f"县水利局开展河道清四乱专项行动\n{RIVERS}", f"安全生产\n{SAFETY}"]
    text = MASTHEAD + "\n\n".join(reports) + "\n"
    assert [item.headline for item in parse(text).items] == ["春耕备耕", "县水利局开展河道清四乱专项行动", "安全生产"]


@pytest.mark.parametrize("second", [
    "县交通运输局完成农村公路提档升级86公里。（县交通运输局）",
    "县住建局开展城镇燃气安全排查，排查商户360户。（县住建局）",
])
def test_a_short_line_over_several_reports_is_a_section(parse, second):
    text = (MASTHEAD + "交通建设\n县交通运输局新建农村公路42公里，完成投资1.2亿元。（县交通运输局）\n" + second
            + "\n\n民生保障\n" + SAFETY + "\n")
    bulletin = parse(text)
    assert [s.title for s in bulletin.sections] == ["交通建设", "民生保障"]
    assert [len(s.items) for s in bulletin.sections] == [2, 1]


# --- a headline line ending in a closing quote or title mark ---------------------------------

@pytest.mark.parametrize("headline", [
    "县人社局开展“春风行动”", "县图书馆发布《全民阅读倡议书》", "我县启动「书香家庭」", "县妇联举办“最美家庭”评选",
])
@pytest.mark.parametrize("position", ["first", "second"])
def test_headline_line_ending_in_a_closing_quote(parse, headline, position):
    mine = f"{headline}\n县人社局组织企业86家，提供岗位3200个，达成意向1260人。（县人社局）"
    other = f"县水利局开展河道清四乱专项行动\n{RIVERS}"
    reports = [mine, other] if position == "first" else [other, mine]
    text = MASTHEAD + "\n\n".join(reports) + "\n"
    bulletin = parse(text)
    assert [(text[i.start : i.end], i.headline) for i in bulletin.items] == [
        (report, report.split("\n")[0]) for report in reports]
    check_promises(text, bulletin)


# --- a headline wrapped at the page's line width (PDF conversion) -----------------------------

PDF_MASTHEAD = "某县政务信息\n第9期\n某县人民政府办公室编          2024年5月8日\n\n"
ROADS = ("今年以来，县交通运输局聚焦群众出行需求，完成农村公路\n提档升级86公里，完成投资1.2亿元，新建安全生命防护\n"
         "工程32处，群众出行条件明显改善。（县交通运输局）")
WATER = ("县水利局组织3个检查组，对全县19座小型水库开展汛前检\n查，发现隐患27处，已整改21处，其余隐患已明确整改时限\n"
         "和责任人，确保汛前全部整改到位。（县水利局）")


@pytest.mark.parametrize("first,rest", [
    ("县交通运输局多措并举全力推进全县农村公路提档升级", "和安全生命防护工程建设"),
    ("县交通运输局多措并举全力推进全县农村公路提档升级和", "安全生命防护工程建设"),
    ("县交通运输局：多措并举推进全县农村公路提档升级和安全", "生命防护工程"),
], ids=["second-opens-with-he", "first-ends-with-he", "named"])
@pytest.mark.parametrize("position", ["first", "second"])
def test_a_headline_wrapped_at_the_page_width_is_one_headline(parse, first, rest, position):
    mine = f"{first}\n{rest}\n{ROADS}"
    other = f"县水利局扎实开展汛前水库安全隐患排查整治\n{WATER}"
    reports = [mine, other] if position == "first" else [other, mine]
    text = PDF_MASTHEAD + "\n\n".join(reports) + "\n"
    bulletin = parse(text)
    headline = first + rest
    expected = [(mine, headline, ["县交通运输局"]), (other, "县水利局扎实开展汛前水库安全隐患排查整治", ["县水利局"])]
    assert _items(text, bulletin) == (expected if position == "first" else expected[::-1])
    assert bulletin.date == "2024-05-08"
    check_promises(text, bulletin)


def test_a_short_headline_line_over_a_wrapped_body_is_not_joined(parse):
    text = PDF_MASTHEAD + "县交通运输局推进农村公路建设\n" + ROADS + "\n"
    (item,) = parse(text).items
    assert item.headline == "县交通运输局推进农村公路建设" and item.body.startswith("今年以来")


def test_line_start_after_any_line_break():
    text = "甲乙\n丙丁\r\n戊\r己庚\u2028辛"
    assert [line_start(text, text.index(char)) for char in "乙丁戊庚辛"] == [0, 3, 7, 9, 12]


def test_wrap_width():
    text = "甲，" * 13 + "\n" + "乙" * 25 + "，\n" + "丙、" * 13 + "\n" + "丁" * 10 + "。\n\n短行\n"
    lines = split_lines(text)
    assert wrap_width(text, lines) == 52 and display_width("a甲1") == 4
    no_sentences = "甲" * 26 + "\n" + "乙" * 26 + "\n" + "丙" * 26 + "\n" + "丁" * 10 + "\n"
    assert wrap_width(no_sentences, split_lines(no_sentences)) is None  # titles or names, not running text
    assert wrap_width("一行。\n\n另一行。\n", split_lines("一行。\n\n另一行。\n")) is None


# --- names broken by a hard wrap: found across it, spans over the line break ------------------

@pytest.mark.parametrize("body,label,name,canonical", [
    ("今年以来，县人力资源和社\n会保障局组织招聘会12场。（县人社局）", "AGENCY", "县人力资源和社\n会保障局",
     "县人力资源和社会保障局"),
    ("今年以来，县人力资源和社\r\n会保障局组织招聘会12场。（县人社局）", "AGENCY", "县人力资源和社\r\n会保障局",
     "县人力资源和社会保障局"),
    ("今年以来，县住房和城乡建设\n局完成老旧小区改造12个。（县住建局）", "AGENCY", "县住房和城乡建设\n局",
     "县住房和城乡建设局"),
    ("今年以来，城关镇、新集\n镇新建文化广场6个。（县文广旅局）", "TOWNSHIP", "新集\n镇", "新集镇"),
], ids=["agency-lf", "agency-crlf", "agency-head-word", "township"])
def test_names_broken_by_a_hard_wrap(parse, body, label, name, canonical):
    text = MASTHEAD + "县人社局开展春风行动专项工作\n" + body + "\n"
    bulletin = parse(text)
    found = [(e.text, e.canonical) for e in bulletin.entities if e.label == label]
    assert (name, canonical) in found
    entity = next(e for e in bulletin.entities if e.text == name)
    assert text[entity.start : entity.end] == name
    assert len(bulletin.items) == 1


@pytest.mark.parametrize("line,expected", [
    ("县人社局开展“春风行动”", True), ("县图书馆发布《全民阅读倡议书》", True), ("我县启动『书香家庭』", True),
    ("县长强调要“抓好落实。”", False),  # a sentence's end inside the quote
    ("会议指出，要抓好“春风行动”", False),  # a clause mark: a sentence
    ("县人社局开展春风行动（图）", False),  # a closing bracket still ends it terminally
    ("县人社局开展春风行动”", False),  # a quote closing nothing opened on the line
])
def test_looks_like_headline_line_ending_in_a_quote(line, expected):
    assert looks_like_headline_line(line) is expected


# --- a one-report page: more labels of the site (归档时间, 更新时间), pane names, a title
# repeated broken in two lines ---------------------------------------------------------------

EPIDEMIC = ("今年春季，县农业农村局组织防疫员126名，完成牲畜免疫18.6万头（只），免疫密度达到100%。\n\n"
            "一、强化组织领导\n\n成立春防工作专班，召开推进会3次。")


@pytest.mark.parametrize("front", [
    "归档时间:2024-06-15\n当前位置: 首页 > 公开领域 > 部门动态\n\n{title}\n\n详细信息\n\n公开具体内容\n\n",
    "{title}\n更新时间：2024-06-15  浏览次数：\n\n基本信息\n\n",
    "首页 > 部门动态\n{title}\n归档日期：2024-06-15\n正文内容\n",
], ids=["archive-time-and-panes", "update-time", "archive-date"])
def test_site_labels_and_pane_names_are_front_matter(parse, front):
    title = "某县农业农村局全力做好春季动物防疫"
    text = front.format(title=title) + EPIDEMIC + "\n"
    bulletin = parse(text)
    (item,) = bulletin.items
    assert (item.headline, bulletin.title, bulletin.date) == (title, None, "2024-06-15")
    assert item.body.startswith("今年春季") and item.body.endswith("召开推进会3次。")
    check_promises(text, bulletin)


@pytest.mark.parametrize("title,first,second", [
    ("某县农业农村局2024年春季动物防疫 工作总结", "某县农业农村局2024年春季动物防疫", "工作总结"),
    ("某县农业农村局2024年春季动物防疫工作总结", "某县农业农村局2024年春季", "动物防疫工作总结"),
    ("关于全县春季动物防疫 工作情况的报告", "关于全县春季动物防疫", "工作情况的报告"),
], ids=["spaced-title", "unspaced-title", "document-title"])
@pytest.mark.parametrize("gap", ["\n\n", "\n"], ids=["blank-between", "no-blank"])
def test_a_page_title_repeated_in_two_lines_is_one_headline(parse, title, first, second, gap):
    text = (f"归档时间:2024-06-15\n当前位置: 首页 > 部门动态\n\n{title}\n\n详细信息\n\n"
            f"{first}{gap}{second}\n\n{EPIDEMIC}\n")
    bulletin = parse(text)
    (item,) = bulletin.items
    assert item.headline == first + second and item.start == text.index(first + gap)
    assert item.body.startswith("今年春季")
    check_promises(text, bulletin)


# --- reports signed by their office (and a date) inside the body ------------------------------

SIGNED_CLOSING = "\n\n抄送：市委办公室，市政府办公室。\n"


@pytest.mark.parametrize("office", ["县民政局", "某县城关镇人民政府", "县农业农村局"])
@pytest.mark.parametrize("layout", ["{office}\n{date}", "{office}  {date}", "{office}　　{date}"],
                         ids=["two-lines", "one-line", "one-line-full-width-spaces"])
def test_a_report_signed_by_its_office_is_closed_by_it(parse, office, layout):
    signature = layout.format(office=office, date="2024年1月5日")
    first = f"县民政局开展冬季救助\n县民政局采购棉被6500条，分发至全县12个乡镇，惠及困难群众4600人。\n{signature}"
    second = "县水利局开展河道清四乱专项行动\n县水利局清理河道垃圾360吨，拆除违建12处。（县水利局）"
    text = MASTHEAD + first + "\n\n" + second + SIGNED_CLOSING
    bulletin = parse(text)
    assert _items(text, bulletin) == [(first, "县民政局开展冬季救助", [office]),
                                      (second, "县水利局开展河道清四乱专项行动", ["县水利局"])]
    assert bulletin.date == "2024-03-10"  # a report's date is not the bulletin's
    check_promises(text, bulletin)


@pytest.mark.parametrize("line", ["县民政局", "2024年1月5日"], ids=["office-without-date", "date-without-office"])
def test_an_office_or_a_date_alone_signs_no_report(parse, line):
    first = f"县民政局开展冬季救助\n县民政局采购棉被6500条，分发至全县12个乡镇，惠及困难群众4600人。\n{line}\n"
    text = MASTHEAD + first + "县水利局清理河道垃圾360吨，拆除违建12处。（县水利局）" + SIGNED_CLOSING
    assert all(item.sources != [line] for item in parse(text).items)


@given(st.lists(st.sampled_from(["县", "a", " ", "\t", "\n", "\r", "\r\n", "\u2028", "\u2029", "\x0b", "\x0c",
                                 "\x85", "\x1c", "\x1d", "\x1e"]), max_size=30).map("".join))
@settings(max_examples=400, deadline=None)
def test_lines_break_where_the_layout_says_lines_break(text):
    """``str.splitlines`` (the fast way) and the layout's own line-break pattern give the same
    lines, except that the former also breaks at U+001C–U+001E: a text holding one takes the
    pattern."""
    from bulletin_nlp.layout.lines import _LINE_RE, _line_pieces

    by_pattern = [match.group() for match in _LINE_RE.finditer(text) if match.group()]
    assert _line_pieces(text) == by_pattern and "".join(by_pattern) == text
    assert _line_pieces("县\x1c局\n镇") == ["县\x1c局\n", "镇"]  # no break there
