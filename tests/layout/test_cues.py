"""bulletin_nlp.layout.cues: what a line or paragraph opens (or is not)."""

from __future__ import annotations

import pytest

from bulletin_nlp.layout import cues


@pytest.mark.parametrize("text,length", [
    ("◆县民政局", 1), ("■ 县发改局", 2), ("★\t标题", 2), ("县民政局", 0), ("“◆”", 0),
])
def test_cues_bullet_length(text, length):
    assert cues.bullet_length(text) == length


@pytest.mark.parametrize("text,title,level", [
    ("一、全县秋季学期平稳有序开学", "全县秋季学期平稳有序开学", 1),
    ("**三、“三秋”农田水利设施加快修复**", "“三秋”农田水利设施加快修复", 1),
    ("（二）存在问题", "存在问题", 2),
    ("2.乡镇排名情况", "乡镇排名情况", 3),
    ("（1）主要做法", "主要做法", 4),
])
def test_cues_enum_title_span_and_level(text, title, level):
    found = cues.enum_title(text)
    assert found is not None
    start, end, got_level = found
    assert text[start:end] == title and got_level == level


@pytest.mark.parametrize("text", ["一、盘活闲置资源。清理闲置资产46处", "一、", "2.5万亩", "十四五规划", "县民政局"])
def test_cues_enum_title_rejects_sentences_and_numbers(text):
    assert cues.enum_title(text) is None


@pytest.mark.parametrize("before,text,expected", [
    ("县农业农村局推动一", "二、三产业融合发展", True), ("扶持第", "一、二批示范村", True),
    ("各景区接待情况(见附表2)", "二、古城街道推进民居修缮", False),
    ("物资发放情况如下", "（二）汛前检查全面铺开", False),
    ("", "二、三产业融合发展", False), ("县农业农村局推动一", "县民政局温暖过冬", False),
])
def test_cues_continues_number_list(before, text, expected):
    assert cues.continues_number_list(before, text) is expected


@pytest.mark.parametrize("text,expected", [
    ("（一）加大投入补短板。", True), ("1.在钱集镇设立专窗。", True), ("二、数据共享减材料。", True),
    ("①统一管护", True), ("2024年以来", False), ("1.5万元", False), ("县民政局", False),
])
def test_cues_opens_with_sub_number(text, expected):
    assert cues.opens_with_sub_number(text) is expected


@pytest.mark.parametrize("text,expected", [
    ("编者按：茶产业是我县的主导产业。", True), ("【编者按】", True), ("领导批示：", True), ("领导批示", True),
    ("批示要求各乡镇抓好落实。", False), ("县民政局编者", False),
])
def test_cues_opens_note(text, expected):
    assert cues.opens_note(text) is expected


def test_cues_instruction_and_signature():
    assert cues.opens_instruction("县委主要领导批示：宁都的做法很好。")
    assert not cues.opens_instruction("县民政局成立工作专班，抓好落实。")
    assert cues.is_signature("——县委副书记、县长  罗建平")
    assert not cues.is_signature("—2—")


@pytest.mark.parametrize("text,expected", [
    ("本期要目", True), ("目  录", True), ("目录：", True), ("目录管理办法", False),
])
def test_cues_toc_heading(text, expected):
    assert cues.is_toc_heading(text) is expected


@pytest.mark.parametrize("text,after,expected", [
    ("附件：1.一都镇春季造林任务分解表.xlsx", False, True),
    ("附件 2：乡镇排名表", False, True),
    ("2.全县春季造林进度统计表.xlsx", False, True),
    ("2．乡镇排名表", True, True),
    ("2．乡镇排名表", False, False),
    ("2.在钱集镇设立专窗，方便群众。", True, False),
    ("附近群众踊跃参加。", False, False),
])
def test_cues_attachment_lines(text, after, expected):
    assert cues.is_attachment(text, after) is expected


@pytest.mark.parametrize("text,expected", [
    ("洛川政务信息                    2024年第10期", True), ("洛川政务信息", True),
    ("洛川政务信息第10期发布", False), ("县果业中心全力做好苹果采摘", False),
])
def test_cues_running_header(text, expected):
    assert cues.is_running_header(text, "洛川政务信息") is expected
    assert not cues.is_running_header(text, "")


@pytest.mark.parametrize("text,expected", [
    ("本报讯 3月4日，全县召开会议。", True), ("大安镇讯  8月以来，大安镇组织农技人员。", True),
    ("（县交通运输局讯）县交通运输局开展整治。", True), ("安定讯（通讯员 周志勇）连日来，安定镇组织。", True),
    ("县民政局通讯员开展培训。", False), ("资讯平台上线运行。", False),
])
def test_cues_dateline(text, expected):
    assert cues.opens_with_dateline(text) is expected
