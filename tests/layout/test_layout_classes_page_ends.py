"""Layout classes of bulletins copied from web pages and phone posts (zoo set d), each tested on
new bulletins written for these tests in several variants (figures and events invented): the
printed masthead repeated under a page's title and metadata; a phone post's footer rows, counters
and buttons; a government site's own footer and files to download after the article; a byline line under a headline.

a recipient list in the footer that ends before the lines after it; a source bracket after a
sentence typed with ASCII punctuation. Also tested: the byline classifier and the footer reader."""

from __future__ import annotations

import pytest

from bulletin_nlp.layout.closing import find_closing, is_head_byline
from bulletin_nlp.layout.footer import read_footer
from bulletin_nlp.layout.headline import is_ascii_full_stop
from tests.invariants import check_promises

REPORTS = ("●某镇：推进农村人居环境整治\n某镇组织村组干部清理垃圾120吨，整治残垣断壁32处。（某镇）\n\n"
           "●县农业农村局开展春耕备耕检查\n县农业农村局检查农资门店18家。（县农业农村局）\n")


def _spans(text, bulletin):
    return [text[item.start : item.end] for item in bulletin.items]


@pytest.mark.parametrize("front", [
    "首页 > 政务公开 > 政务信息\n\n某县政务信息（第9期）\n\n来源：某县人民政府办公室    发布时间：2024-03-12 10:00\n\n"
    "【字号：大 中 小】【打印】【关闭】\n\n某县政务信息\n第9期\n某县人民政府办公室编              2024年3月12日\n\n",
    "某县工作动态（第9期）\n\n原创  中共某县委办公室  某县发布  2024-03-12 18:02\n\n某县工作动态\n2024年第9期\n\n",
    "某县政务信息（第9期）\n\n发布时间：2024-03-12  来源：某县人民政府办公室\n\n（第9期）\n\n",
], ids=["site-masthead-block", "post-year-issue", "bracketed-issue"])
def test_the_printed_masthead_under_page_front_matter_is_no_item(parse, front):
    text = front + REPORTS
    bulletin = parse(text)
    assert [item.headline for item in bulletin.items] == ["某镇：推进农村人居环境整治", "县农业农村局开展春耕备耕检查"]
    assert bulletin.items[0].start == text.index("●某镇")
    assert bulletin.issue == 9
    check_promises(text, bulletin)


def test_a_headline_naming_an_issue_is_no_masthead_line(parse):
    text = ("某县政务信息（第9期）\n\n发布时间：2024-03-12  来源：某县人民政府办公室\n\n"
            "全县第3期农技培训班开班\n县农业农村局组织种植户86人参加培训。（县农业农村局）\n")
    bulletin = parse(text)
    (item,) = bulletin.items
    assert item.headline == "全县第3期农技培训班开班"
    check_promises(text, bulletin)


# --- the end of a phone post: 编辑/审核 rows (the footer), then counters and buttons ---------------

@pytest.mark.parametrize("tail", [
    "编辑：王丽\n审核：张强\n\n阅读 2041    在看 16    点赞 38\n\n分享  收藏  留言\n",
    "责任编辑：王丽\n审核：张强\n阅读 986  赞 12\n阅读原文\n",
    "编辑：王丽\n审核：张强\n\n分享  收藏  在看  点赞\n",
], ids=["counters-and-buttons", "counters-read-more", "buttons-only"])
def test_a_phone_posts_counters_and_buttons_close_it_after_its_footer(parse, tail):
    text = REPORTS + "\n" + tail
    bulletin = parse(text)
    assert _spans(text, bulletin)[-1].endswith("（县农业农村局）")
    assert (bulletin.footer.editor, bulletin.footer.reviewer) == ("王丽", "张强")
    last_counter_line = tail.rstrip("\n").rsplit("\n", 1)[-1]
    assert [x.reason for x in bulletin.leftovers if x.text == last_counter_line] == ["page furniture"]
    check_promises(text, bulletin)


# --- a government site's own footer after the article ------------------------------------------

@pytest.mark.parametrize("tail", [
    "上一篇：某县政务信息（第8期）\n下一篇：某县政务信息（第10期）\n\n"
    "主办单位：某县人民政府办公室    承办单位：某县大数据发展中心\n网站标识码：5201230001    黔ICP备12003456号-1\n",
    "【打印本页】 【关闭窗口】\n\n版权所有：某县人民政府    技术支持：某县信息中心\n"
    "某公网安备 52012302000118号\n联系电话：0851-8612345    地址：某县城关镇人民路8号\n",
    "主办：某县人民政府办公室\nCopyright 2024 某县人民政府 版权所有\n",
], ids=["neighbours-and-site", "buttons-and-contacts", "site-only"])
def test_a_sites_own_footer_after_the_article_is_page_furniture(parse, tail):
    text = REPORTS + "\n" + tail
    bulletin = parse(text)
    assert len(bulletin.items) == 2 and _spans(text, bulletin)[-1].endswith("（县农业农村局）")
    furniture = [x.text for x in bulletin.leftovers if x.reason == "page furniture"]
    assert furniture == [line for line in tail.splitlines() if line]
    check_promises(text, bulletin)


@pytest.mark.parametrize("tail", [
    "相关附件:\n某县春耕物资储备清单.xlsx\n\n扫一扫在手机打开当前页\n",
    "附件下载：\n1.某镇农村人居环境整治台账.docx\n2.某县春耕检查情况表.pdf\n",
    "相关附件：某县春耕物资储备清单.xlsx\n【打印本页】 【关闭窗口】\n",
], ids=["label-file-share", "label-two-files", "label-with-file"])
def test_a_pages_files_to_download_are_page_furniture(parse, tail):
    text = REPORTS + "\n" + tail
    bulletin = parse(text)
    assert len(bulletin.items) == 2 and _spans(text, bulletin)[-1].endswith("（县农业农村局）")
    assert [x.text for x in bulletin.leftovers] == [line for line in tail.splitlines() if line]
    check_promises(text, bulletin)


def test_a_bulletins_own_attachment_list_is_no_furniture(parse):
    text = REPORTS + "\n附件：1.某县春耕物资储备清单.xlsx\n2.某县春耕检查情况表.xlsx\n"
    bulletin = parse(text)
    assert all(x.reason != "page furniture" for x in bulletin.leftovers)
    check_promises(text, bulletin)


def test_a_reports_own_contact_line_stays_in_it(parse):
    text = (REPORTS + "\n●县人社局开展春风行动招聘会\n县人社局组织企业42家提供岗位1300个。\n"
            "联系电话：0851-8612345\n\n主办单位：某县人民政府办公室\n")
    bulletin = parse(text)
    assert _spans(text, bulletin)[-1].endswith("联系电话：0851-8612345")
    assert [x.text for x in bulletin.leftovers] == ["主办单位：某县人民政府办公室"]
    check_promises(text, bulletin)


# --- a byline under a headline, before the report: the report's, closing nothing ---------------

BODY = "4月2日，县应急管理局组织检查组对全县加油站开展安全检查，共检查站点23个，整改隐患17处。"


@pytest.mark.parametrize("headline", ["●县应急管理局开展加油站安全检查", "☆县应急局：加油站安全检查全覆盖",
                                      "县应急管理局开展加油站安全检查"], ids=["bullet", "bullet-colon", "plain"])
@pytest.mark.parametrize("byline", ["（通讯员 李春燕）", "(记者：王磊 赵敏)", "□通讯员 杨帆 报道",
                                    "本报记者 张晓东 报道", "（县应急管理局 通讯员 李春燕）"])
def test_a_byline_under_a_headline_belongs_to_the_report(parse, headline, byline):
    text = ("某县政务信息\n\n第5期\n\n某县人民政府办公室    2024年4月5日\n\n"
            f"{headline}\n{byline}\n{BODY}（县应急管理局）\n\n"
            "●某镇开展汛前水库巡查\n某镇巡查小型水库6座，发现问题3处。（某镇）\n")
    bulletin = parse(text)
    first, second = bulletin.items
    assert first.headline == headline.lstrip("●☆")
    assert first.start == text.index(headline) and text[first.start : first.end].endswith("（县应急管理局）")
    assert first.body.endswith("整改隐患17处。") and list(first.sources) == ["县应急管理局"]
    assert second.headline == "某镇开展汛前水库巡查"
    check_promises(text, bulletin)


@pytest.mark.parametrize(("line", "expected"), [
    ("（通讯员 岩温香）", True), ("□通讯员 杨帆 报道", True), ("本报记者 李强 王敏", True), ("通讯员：刘洋", True),
    ("（县农业农村局）", False), ("□县农业农村局开展春耕检查", False),
    ("记者从县统计局获悉，一季度全县生产总值增长6.1%。", False),
])
def test_head_bylines_are_told_from_sources_and_headlines(line, expected):
    assert is_head_byline(line) is expected


# --- a recipient list ends before the lines after it that name no recipient -----------------------

OFFICES = ["县委办", "县人大办", "县政协办"]


@pytest.mark.parametrize(("footer", "recipients", "after"), [
    ("抄送：县委办，县人大办，县政协办。\n某县人民政府办公室\u3000\u3000\u30002024年6月3日印发", OFFICES,
     "某县人民政府办公室2024年6月3日印发"),
    ("发：县委办、县人大办，县政协办\n共印60份", OFFICES, "共印60份"),
    ("报：县委总值班室，县政府领导\n值班员：李 明\u3000\u3000带班领导：赵建国", ["县委总值班室", "县政府领导"],
     "值班员：李明带班领导：赵建国"),
], ids=["issued-line", "print-count", "duty-row"])
def test_a_recipient_list_ends_before_lines_naming_no_recipient(footer, recipients, after):
    read, unread = read_footer(footer)
    assert list(read.distribution) == recipients
    assert ["".join(line.split()) for line in unread] == [after]


def test_a_recipient_list_goes_on_over_a_wrapped_line():
    read, unread = read_footer("本期发：各乡镇人民政府，县直各部门，\n县委办，县人大办")
    assert list(read.distribution) == ["各乡镇人民政府", "县直各部门", "县委办", "县人大办"] and unread == []


# --- text typed with ASCII punctuation: a source bracket after an ASCII full stop ---------------

@pytest.mark.parametrize(("paragraph", "source"), [
    ("县人社局举办招聘会3场,达成就业意向620人.(供稿:县人社局)", "县人社局"),
    ("某镇清理沟渠12公里,整治率达96%.(某镇供稿)", "某镇"),
    ("县农业农村局检查农资门店18家. (县农业农村局)", "县农业农村局"),
])
def test_a_source_bracket_closes_a_sentence_ended_by_an_ascii_full_stop(paragraph, source):
    closing = find_closing(paragraph)
    assert closing is not None and [paragraph[start:end] for start, end in closing[2]] == [source]


@pytest.mark.parametrize(("text", "position", "expected"), [
    ("28天.(", 3, True), ("92%.", 3, True), ("增长1.5%", 3, False), ("见No.(", 3, False),
])
def test_an_ascii_full_stop_is_told_from_a_decimal_point(text, position, expected):
    assert is_ascii_full_stop(text, position) is expected
