"""Layout classes of bulletins copied from web pages and phone posts (zoo set d), each tested on
new bulletins written for these tests in several variants (figures and events invented): the
printed masthead repeated under a page's title and metadata."""

from __future__ import annotations

import pytest

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
