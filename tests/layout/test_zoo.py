"""Layouts of many counties (issue 11): hand-made variants, one layout feature each, and the
zoo bulletins of corpus/zoo_b.jsonl (written for the project, gold by reading)."""

from __future__ import annotations

import pytest

from bulletin_nlp.layout.masthead import (
    MastheadFields,
    read_masthead_line,
    read_signature_line,
)
from bulletin_nlp.layout.sitemeta import read_front_matter
from tests.support import corpus_records, record_id

MASTHEAD = "某县政务信息\n\n第 6 期\n\n某县人民政府办公室        2024年5月8日\n\n"
FOOTER = "\n\n本期发：县委常委，副县长。\n\n编辑：李勉\n"
A = "县民政局成立工作专班，采购棉被6500条分发至各乡镇。"
B = "县商务局举办年货节，组织企业120余家参加活动。"
C = "县应急管理局开展汛前检查，发现隐患58处，已整改51处。"


def _items(bulletin):
    text_items = []
    for item in bulletin.items:
        text_items.append((item.headline or None, list(item.sources)))
    return text_items


def _spans(text, bulletin):
    return [text[item.start : item.end] for item in bulletin.items]


VARIANTS = [
    # id, body, expected [(headline or None, sources)], expected item texts (None: not checked)
    ("bullets-without-headlines", f"◆{A}\n\n◆{B}\n\n◆{C}",
     [(None, []), (None, []), (None, [])], [f"◆{A}", f"◆{B}", f"◆{C}"]),
    ("bullet-headline-lines", f"●县民政局温暖过冬\n{A}（供稿：县民政局）\n\n●县商务局：激发“年货”消费\n{B}（县商务局供稿）",
     [("县民政局温暖过冬", ["县民政局"]), ("县商务局：激发“年货”消费", ["县商务局"])], None),
    ("source-lines", f"■ 县民政局温暖过冬\n{A}\n{B}\n来源：县民政局 县商务局\n\n■ 县应急局抓好汛前检查\n{C}\n来源：县应急局",
     [("县民政局温暖过冬", ["县民政局", "县商务局"]), ("县应急局抓好汛前检查", ["县应急局"])],
     [f"■ 县民政局温暖过冬\n{A}\n{B}\n来源：县民政局 县商务局", f"■ 县应急局抓好汛前检查\n{C}\n来源：县应急局"]),
    ("numbered-title-lines", f"一、全县冬季救助有序开展\n{A}\n{B}\n\n二、汛前检查全面铺开\n{C}",
     [("全县冬季救助有序开展", []), ("汛前检查全面铺开", [])],
     [f"一、全县冬季救助有序开展\n{A}\n{B}", f"二、汛前检查全面铺开\n{C}"]),
    ("numbered-title-with-sub-titles", f"一、全县冬季救助有序开展\n（一）物资保障\n{A}\n（二）市场供应\n{B}\n\n二、汛前检查全面铺开\n{C}",
     [("全县冬季救助有序开展", []), ("汛前检查全面铺开", [])], None),
    ("numbered-section-heading", f"一、民生保障\n\n县民政局温暖过冬 {A}（民政局）\n\n县商务局激发消费 {B}（商务局）",
     [("县民政局温暖过冬", ["民政局"]), ("县商务局激发消费", ["商务局"])], None),
    ("numbered-section-of-bullets", f"一、民生保障\n\n◆{A}\n\n◆{B}\n\n二、安全生产\n\n◆{C}\n\n◆{A}",
     [(None, []), (None, []), (None, []), (None, [])], [f"◆{A}", f"◆{B}", f"◆{C}", f"◆{A}"]),
    ("datelines-open-items", f"本刊讯  {A}\n\n大安镇讯  {B}\n\n（县应急管理局讯）{C}",
     [(None, []), (None, []), (None, [])], [f"本刊讯  {A}", f"大安镇讯  {B}", f"（县应急管理局讯）{C}"]),
    ("numbered-title-after-a-remark", f"一、全县冬季救助有序开展\n{A}各乡镇发放情况(见附表2)\n\n二、汛前检查全面铺开\n{C}",
     [("全县冬季救助有序开展", []), ("汛前检查全面铺开", [])],
     [f"一、全县冬季救助有序开展\n{A}各乡镇发放情况(见附表2)", f"二、汛前检查全面铺开\n{C}"]),
    ("bracket-numbered-titles-after-an-unfinished-line",
     f"（一）冬季救助有序开展\n县民政局成立工作专班，各乡镇进度如下表\n（二）汛前检查全面铺开\n{C}",
     [("冬季救助有序开展", []), ("汛前检查全面铺开", [])],
     ["（一）冬季救助有序开展\n县民政局成立工作专班，各乡镇进度如下表", f"（二）汛前检查全面铺开\n{C}"]),
    ("arabic-numbered-titles-after-an-unfinished-line", f"1. 年货市场供应充足\n{B}各商超价格见附表\n2. 农村公路养护提速\n{A}",
     [("年货市场供应充足", []), ("农村公路养护提速", [])],
     [f"1. 年货市场供应充足\n{B}各商超价格见附表", f"2. 农村公路养护提速\n{A}"]),
    ("byline-lines-after-reports",
     f"县民政局扎实做好冬季救助\n{A}\n来源：县民政局\n作者：王丽\n\n县商务局举办迎春年货节\n{B}\n通讯员：刘涛  摄影：孙明",
     [("县民政局扎实做好冬季救助", ["县民政局"]), ("县商务局举办迎春年货节", [])],
     [f"县民政局扎实做好冬季救助\n{A}\n来源：县民政局\n作者：王丽", f"县商务局举办迎春年货节\n{B}\n通讯员：刘涛  摄影：孙明"]),
    ("single-topic-report", f"我县多措并举做好冬季救助\n\n{A}\n\n一、主要做法\n\n（一）压实责任。{B}\n\n二、取得成效\n\n{C}（县民政局）",
     [("我县多措并举做好冬季救助", ["县民政局"])], None),
    ("bylines-close-items", f"{A}（撰稿：王丽 审核：陈卫东）\n{B}（撰稿：刘涛 审核：孙明）",
     [(None, []), (None, [])], [f"{A}（撰稿：王丽 审核：陈卫东）", f"{B}（撰稿：刘涛 审核：孙明）"]),
    ("indented-items-without-closings", f"　　{A}\n　　{B}\n　　{C}",
     [(None, []), (None, []), (None, [])], [A, B, C]),
    ("remarks-are-not-sources", f"县民政局温暖过冬 {A}各乡镇情况另行印发。(见附表2)\n\n县商务局激发消费 {B}（详见附件）。（商务局）",
     [("县民政局温暖过冬", []), ("县商务局激发消费", ["商务局"])], None),
    ("notes-and-contents-are-not-items",
     ("本期要目\n\n县民政局温暖过冬……1\n县商务局激发消费……2\n\n领导批示：\n做法很好，请各地学习。\n——县长  张某\n\n"
     f"编者按：现将两地做法刊发，供参考。\n\n县民政局温暖过冬 {A}（民政局）\n\n县商务局激发消费 {B}（商务局）"),
     [("县民政局温暖过冬", ["民政局"]), ("县商务局激发消费", ["商务局"])], None),
    ("attachments-after-items", f"县民政局温暖过冬 {A}（民政局）\n附件：1.救助物资清单.xlsx\n2.乡镇发放进度表.xlsx",
     [("县民政局温暖过冬", ["民政局"])], [f"县民政局温暖过冬 {A}（民政局）"]),
    ("running-header-inside-an-item", (f"县民政局温暖过冬 县民政局成立工作专班，采购棉被\n\n— 1 —\n\n某县政务信息        第 6 期\n\n"
     f"6500条。（民政局）\n\n县商务局激发消费 {B}（商务局）"),
     [("县民政局温暖过冬", ["民政局"]), ("县商务局激发消费", ["商务局"])], None),
]


@pytest.mark.parametrize("body,expected,spans", [v[1:] for v in VARIANTS], ids=[v[0] for v in VARIANTS])
def test_zoo_variant_items(parse, body, expected, spans):
    text = MASTHEAD + body + FOOTER
    bulletin = parse(text)
    assert _items(bulletin) == expected
    if spans is not None:
        assert _spans(text, bulletin) == spans
    assert bulletin.issue == 6 and bulletin.footer.editor == "李勉"
    for item in bulletin.items:
        if item.headline_start is not None:
            assert text[item.headline_start : item.headline_end] == item.headline


NOTICE = (
    "督  查  通  报\n\n第 十 二 期\n\n关于第一季度重点工作督查情况的通报\n\n各乡镇人民政府，县直各部门：\n\n"
    "根据县政府安排，县政府督查室开展了专项督查。现将督查情况通报如下：\n\n一、总体情况\n\n" + A + "\n\n二、存在问题\n\n"
    "（一）部分村庄清扫不及时。" + B + "\n\n1.乡镇排名：城关镇位列第一。\n\n附件：1．督查问题清单\n\n2．乡镇排名表\n\n"
    "某县人民政府督查室\n\n二〇二〇年四月十日\n\n报：县委常委\n"
)


def test_zoo_single_notice_is_one_item(parse):
    bulletin = parse(NOTICE)
    assert (bulletin.title, bulletin.issue, bulletin.date) == ("督查通报", 12, "2020-04-10")
    assert bulletin.publisher == "某县人民政府督查室"
    (item,) = bulletin.items
    assert item.headline == "关于第一季度重点工作督查情况的通报"
    assert NOTICE[item.start : item.end].endswith("2．乡镇排名表")  # the attachments close the notice
    assert bulletin.footer.distribution == ("县委常委",)


def test_zoo_number_list_broken_by_a_page_is_joined(parse):
    text = MASTHEAD + "县农业农村局扶持龙头企业8家，推动一\n\n二、三产业融合发展\n\n带动就业岗位200个。" + FOOTER
    (item,) = parse(text).items
    assert item.body == "县农业农村局扶持龙头企业8家，推动一二、三产业融合发展带动就业岗位200个。"


def test_zoo_notice_parts_are_paragraphs_after_the_preamble(parse):
    text = NOTICE.replace("通报如下：\n\n一、总体情况\n\n", "通报如下：\n一、总体情况\n")
    (item,) = parse(text).items
    assert "如下：一、" not in item.body and "总体情况" + A[0] not in item.body
    assert item.body.index("一、总体情况") < item.body.index(A)


def test_zoo_note_between_reports_is_a_leftover(parse):
    note = "编者按：现将两地做法刊发，供参考。"
    text = MASTHEAD + f"一、全县冬季救助有序开展\n{A}\n\n{note}\n\n二、汛前检查全面铺开\n{C}" + FOOTER
    bulletin = parse(text)
    assert [item.headline for item in bulletin.items] == ["全县冬季救助有序开展", "汛前检查全面铺开"]
    assert [(x.text, x.reason) for x in bulletin.leftovers] == [(note, "note")]


def test_zoo_attachments_after_the_signature_are_in_no_item(parse):
    text = NOTICE.replace("附件：1．督查问题清单\n\n2．乡镇排名表\n\n", "").replace(
        "二〇二〇年四月十日\n\n", "二〇二〇年四月十日\n\n附件：督查问题清单.xlsx\n\n")
    bulletin = parse(text)
    (item,) = bulletin.items
    assert text[item.start : item.end].endswith("1.乡镇排名：城关镇位列第一。")
    assert bulletin.date == "2020-04-10"


WEB_PAGE = (
    "太湖县多措并举推进城乡低保提标扩面\n首页 > 县政府办公室信息公开 > 信息浏览\n"
    "索引号: 003129766/202305-00118 组配分类: 政务信息\n信息分类: 工作动态   发布机构: 太湖县人民政府办公室\n"
    "发文日期: 2023-05-18 文号:\n浏览次数: 214 内容概述:\n\n太湖政务信息\n2023年第9期\n\n"
    "太湖县多措并举推进城乡低保提标扩面\n今年以来,县民政局将城乡低保标准提高到每人每月720元。(县民政局)\n\n"
    "太湖县开展汛前安全隐患大排查\n县应急管理局对全县38座水库开展排查,发现问题64个。(县应急管理局 县消防救援大队)\n"
)

TABLE_PAGE = (
    "第九次县政府常务会议确定事项落实情况的通报\n当前位置:首页 > 政务公开 > 政务督查\n\n"
    "索引号 | zyxzfbgs/2022-5108 | 公开目录: | 政务督查 |\n公开责任部门 | 紫阳县政府办公室 | 公开形式: | 主动公开 |\n"
    "文号 | 督查通报第十七期 | 成文日期: | 2022年09月14日 |\n有效性 | 有效 | 公开日期: | 2022年09月16日 |\n\n"
    "第九次县政府常务会议确定事项落实情况的通报\n近日,县政府督查室开展了专项督查,现将有关情况通报如下:\n一、总体情况\n"
    "确定事项共19件,已办结7件(详见附件)。\n二、工作要求\n请各责任单位倒排工期。\n附件:确定事项办理情况表.xlsx\n"
)

NEXT_LINE_VALUES = (
    "返回顶部\n\n镇巴政务信息\n\n  • 索引号:\n\n    6107280000/2024-001021\n  • 发文机构:\n\n    镇巴县人民政府办公室\n"
    "  • 发文字号:\n\n    5期\n  • 发文日期:\n\n    2024年04月06日 16:40\n  • 内容概述:\n\n"
    "镇巴县全力推进茶园春季管护\n清明前后,县农业农村局指导茶农开展春管,完成茶园春管11.6万亩。\n来源:县农业农村局\n"
)


@pytest.mark.parametrize("text,masthead,headlines", [
    (WEB_PAGE, ("太湖政务信息", 9, "2023-05-18", "太湖县人民政府办公室"),
     ["太湖县多措并举推进城乡低保提标扩面", "太湖县开展汛前安全隐患大排查"]),
    (TABLE_PAGE, ("督查通报", 17, "2022-09-14", "紫阳县政府办公室"), ["第九次县政府常务会议确定事项落实情况的通报"]),
    (NEXT_LINE_VALUES, ("镇巴政务信息", 5, "2024-04-06", "镇巴县人民政府办公室"), ["镇巴县全力推进茶园春季管护"]),
], ids=["label-value-lines", "table-rows", "values-on-next-lines"])
def test_zoo_web_page_front_matter(parse, text, masthead, headlines):
    bulletin = parse(text)
    assert (bulletin.title, bulletin.issue, bulletin.date, bulletin.publisher) == masthead
    assert [item.headline for item in bulletin.items] == headlines


NAME_ROW_PAGE = (
    "某县推进农田水利建设\n首页 > 政务公开 > 政务信息\n\n| 索引号 | 0001/2023-00041 | 信息分类 | 工作动态 |\n"
    "| 发布机构 | 某县人民政府办公室 | 发文日期 | 2023-08-22 |\n| 名称 | 某县政务信息第14期 | 文号 | |\n\n"
    "某县推进农田水利建设\n今年,县水利局新建灌排渠道26公里。(县水利局)\n"
)


@pytest.mark.parametrize("text,title,issue", [
    (NAME_ROW_PAGE, "某县政务信息", 14),
    (NAME_ROW_PAGE.replace("某县推进农田水利建设\n今年", "某县政务信息\n第15期\n\n某县推进农田水利建设\n今年"), "某县政务信息", 15),
    (NAME_ROW_PAGE.replace("| 名称 | 某县政务信息第14期 |", "| 文件名称 | 关于第14期农田水利建设的通报 |"), None, None),
], ids=["name-row-only", "masthead-first", "document-name"])
def test_zoo_page_name_row_fills_what_the_masthead_lacks(parse, text, title, issue):
    bulletin = parse(text)
    assert (bulletin.title, bulletin.issue, bulletin.date) == (title, issue, "2023-08-22")
    assert [item.headline for item in bulletin.items] == ["某县推进农田水利建设"]


SUPERVISION_PAGE = (
    "关于全县民生实事项目上半年进展情况的通报\n\n"
    "发布时间:2024-07-16 10:05信息来源:某县人民政府文字大小:[大 中 小] 背景色:\n\n"
    "某县政务督查\n\n9期\n\n某县人民政府督查室           2024年7月12\n\n"
    "关于全县民生实事项目上半年进展情况\n\n的通报\n\n各乡镇人民政府,县政府各部门:\n\n"
    "县政府督查室于7月上旬对12项民生实事开展了专项督查。上半年累计完成投资3.6亿元。\n\n"
    "请各责任单位倒排工期,确保年底前全部完成。\n\n附件:民生实事项目进展情况表\n\n"
    "如您对本文有意见建议,请在下方留言。\n  • 姓  名:\n\n  • 联系电话:\n\n  • *留言内容:\n"
)


def test_zoo_supervision_page_with_broken_title_and_form(parse):
    bulletin = parse(SUPERVISION_PAGE)
    # the masthead's own date wins over the site's publication time; a label glued to a time is read
    assert (bulletin.title, bulletin.issue, bulletin.date) == ("某县政务督查", 9, "2024-07-12")
    assert bulletin.publisher == "某县人民政府督查室"
    (item,) = bulletin.items
    assert item.headline == "关于全县民生实事项目上半年进展情况的通报"  # one title over two lines
    assert SUPERVISION_PAGE[item.start : item.end].endswith("附件:民生实事项目进展情况表")  # not the form


def test_zoo_site_dates_fill_only_what_the_masthead_lacks(parse):
    without_date = SUPERVISION_PAGE.replace("某县人民政府督查室           2024年7月12", "某县人民政府督查室")
    assert parse(without_date).date == "2024-07-16"
    glued = SUPERVISION_PAGE.replace("某县政务督查\n\n9期\n\n某县人民政府督查室           2024年7月12\n\n", "")
    assert parse(glued).publisher == "某县人民政府"  # 信息来源 glued after the time, 文字大小 after the name


@pytest.mark.parametrize("before,text,expected", [
    ("关于全县民生实事项目上半年进展情况", "的通报", True),
    ("关于开展农村人居环境整治", "百日攻坚行动的通知", True),
    ("关于全县民生实事项目进展情况的通报", "各乡镇人民政府：", False),
    ("县民政局开展冬季救助", "的通报", False),
    ("关于全县民生实事项目上半年进展情况", "县政府督查室开展了专项督查，发现问题12个。", False),
])
def test_zoo_document_title_over_two_lines(parse, before, text, expected):
    body = f"{before}\n\n{text}\n\n各乡镇人民政府，县直各单位：\n\n{A}\n\n{B}"
    headlines = [item.headline for item in parse(MASTHEAD + body + FOOTER).items]
    assert (headlines[0] == before + text) is expected


def test_zoo_addressee_line_opens_a_notice(parse):
    body = f"关于冬季救助工作的通报\n\n各乡镇人民政府，县直各单位：\n{A}\n\n附件：救助物资清单"
    (item,) = parse(MASTHEAD + body + FOOTER).items
    assert item.body.endswith("附件：救助物资清单") and "县直各单位：\n" + A in item.body


def test_zoo_front_matter_absent_leaves_fields_alone():
    text = "某县政务信息\n第6期\n县民政局成立工作专班，采购棉被6500条。"
    fields = MastheadFields()
    assert read_front_matter(text, [(0, 6), (7, 10), (11, len(text))], fields).end == 0
    assert fields == MastheadFields()


@pytest.mark.parametrize("line,issue,total,date", [
    ("第5期（总第123期）", 5, 123, None), ("2023年第5期 总第123期", 5, 123, None), ("二〇二三年第九期", 9, None, None),
    ("第 十 二 期", 12, None, None), ("5期", 5, None, None), ("962 期", 962, None, None), ("总第2150期", None, 2150, None),
    ("某县人民政府办公室    2023年7月6", None, None, "2023-07-06"), ("2021年03月05日", None, None, "2021-03-05"),
    ("2021-03-05", None, None, "2021-03-05"), ("2021.3.5", None, None, "2021-03-05"),
    ("二○二三年十一月三日", None, None, "2023-11-03"), ("二〇二三年十一月三", None, None, "2023-11-03"),
    ("2024年9月30", None, None, "2024-09-30"),
])
def test_zoo_masthead_issue_and_date_forms(line, issue, total, date):
    fields = MastheadFields()
    assert read_masthead_line(line, 0, len(line), fields)
    assert (fields.issue, fields.issue_total, fields.date) == (issue, total, date)


@pytest.mark.parametrize("line,title", [("督  查  通  报", "督  查  通  报"), ("睢宁工作动态(第11期)", "睢宁工作动态"),
                                        ("莒县政务", "莒县政务"), ("关于全县秸秆禁烧工作督查情况的通报", None)])
def test_zoo_masthead_titles(line, title):
    fields = MastheadFields()
    read_masthead_line(line, 0, len(line), fields)
    assert (line[slice(*fields.title)] if fields.title else None) == title


@pytest.mark.parametrize("line,expected", [
    ("舟曲县人民政府督查室", ("舟曲县人民政府督查室", None)), ("二〇二〇年四月十日", (None, "2020-04-10")),
    ("封丘县人民政府办公室        2023年6月12日", ("封丘县人民政府办公室", "2023-06-12")),
    ("县民政局成立工作专班", None), ("2023年6月12日召开会议", None),
])
def test_zoo_signature_lines(line, expected):
    found = read_signature_line(line, 0, len(line))
    assert (None if found is None else (line[slice(*found[0])] if found[0] else None, found[1])) == expected


def test_zoo_issue_total_in_the_json(parse):
    text = "某县工作简报\n第5期（总第123期）\n某县人民政府办公室  2021年3月5日\n\n" + A + "（民政局）\n"
    data = parse(text).to_dict()
    assert (data["issue"], data["issue_total"]) == (5, 123)
    only_total = parse(text.replace("第5期（总第123期）", "总第2150期")).to_dict()
    assert (only_total["issue"], only_total["issue_total"]) == (2150, 2150)


def test_zoo_bracketed_footer_line(parse):
    bulletin = parse(MASTHEAD + f"县民政局温暖过冬 {A}\n\n（责任编辑：李晓燕）\n")
    assert bulletin.footer.editor == "李晓燕"
    assert [item.sources for item in bulletin.items] == [()]


ZOO = corpus_records("zoo_b")


@pytest.mark.parametrize("record", ZOO, ids=record_id)
def test_zoo_corpus_layout_matches_gold(parse, record):
    got = parse(record["text"]).to_dict()
    gold = record["gold"]
    assert {k: got[k] for k in ("title", "issue", "issue_total", "date", "publisher")} == {
        k: gold[k] for k in ("title", "issue", "issue_total", "date", "publisher")}
    keys = ("start", "end", "headline", "headline_start", "headline_end", "sources")
    assert [{k: i[k] or None for k in keys} for s in got["sections"] for i in s["items"]] == [
        {k: i[k] or None for k in keys} for s in gold["sections"] for i in s["items"]]
    assert [(s["title"], s["start"], s["end"]) for s in got["sections"]] == [
        (s["title"], s["start"], s["end"]) for s in gold["sections"]]
    assert got["footer"] == gold["footer"]


def test_zoo_undated_signature_of_the_publisher_is_in_no_item(parse):
    headline = "县民政局扎实做好困难群众冬季救助"
    text = MASTHEAD + f"{headline}\n{A}\n{B}\n\n某县人民政府办公室\n" + FOOTER
    (item,) = parse(text).items
    assert text[item.start : item.end] == f"{headline}\n{A}\n{B}"
    other = MASTHEAD + f"{headline}\n{A}\n{B}\n\n县民政局\n" + FOOTER  # another office: not a signature
    assert other[slice(parse(other).items[-1].start, parse(other).items[-1].end)].endswith("县民政局")
