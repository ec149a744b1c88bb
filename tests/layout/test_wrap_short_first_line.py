"""A PDF conversion hard-wrapped at about twenty characters, where the wrap keeps names whole
and so breaks some lines short of the page's width: a report's indented first line that is as
wide as the wrapped line under it is the body's first line, not a headline. A short headline
above it (肉牛产业扩群增量) is then the report's headline, not a section heading, also where a
page number and running header stand between the reports; they fall in no report."""

from __future__ import annotations

import pytest

import bulletin_nlp

ZHENLAI = """镇 赉 政 务 信 息
（第8期）
镇赉县人民政府办公室          2024年4月18日

春季农田水利建设全面铺开
    今年以来，县水利局围绕高标准农田
建设，在嘎什根乡、五棵树镇等12个乡镇
新建灌溉渠道146.5公里、维修泵站112座，新增
节水灌溉面积3.2万亩，受益农户1800余户，
总投资2360万元。
（县水利局）

— 3 —

镇赉政务信息

草原禁牧见成效
    县林业和草原局加强草原禁牧巡查
工作，全县落实禁牧面积52万亩，
查处违规放牧案件19起，补播改良退化草原
1.6万亩，草原综合植被盖度达到58%。
（县林业和草原局）
"""

QIANAN = """乾 安 政 务 信 息
（第15期）
乾安县人民政府办公室          2024年7月9日

全县夏季防汛工作有序推进
    县应急管理局组织开展汛前隐患排查，
共排查河道、塘坝、危旧房屋等隐患点
135处，整改完成128处，储备编织袋2.4万
条、冲锋舟6艘，组建抢险队伍27支。
（县应急管理局）

— 2 —

乾安政务信息

农机作业提质增效
    县农业机械化技术推广站深入
田间，指导农户开展夏管作业，累计
完成中耕面积86.3万亩、植保作业面
积71.5万亩，培训农机手430人次。
（县农机推广站）
"""

DAAN = """大 安 政 务 信 息
（第21期）
大安市人民政府办公室          2024年9月3日

盐碱地改良试点稳步推进
    市农业农村局在叉干镇、龙沼镇
等地实施盐碱地改良试点，完成改良面积
1.25万亩，配套建设排水沟渠38.6公里，
试点区玉米亩产达到612公斤，较上年增长
8.5%。
（市农业农村局）

— 4 —

大安政务信息

城乡环境整治
    市住房和城乡建设局开展城乡
环境集中整治，清理陈年垃圾4.6万
吨、拆除违建房屋213处，新建公共
厕所35座、垃圾转运站6座。
（市住建局）
"""


@pytest.mark.parametrize("text,headlines,second_body", [
    (ZHENLAI, ["春季农田水利建设全面铺开", "草原禁牧见成效"], "县林业和草原局加强草原禁牧巡查"),
    (QIANAN, ["全县夏季防汛工作有序推进", "农机作业提质增效"], "县农业机械化技术推广站深入"),
    (DAAN, ["盐碱地改良试点稳步推进", "城乡环境整治"], "市住房和城乡建设局开展城乡"),
])
def test_a_short_indented_first_line_opens_the_body_not_a_section(
        text: str, headlines: list[str], second_body: str) -> None:
    bulletin = bulletin_nlp.parse(text)
    assert [section.title for section in bulletin.sections] == [None]
    items = bulletin.sections[0].items
    assert [item.headline for item in items] == headlines
    assert items[1].body.startswith(second_body)


@pytest.mark.parametrize("text,page_number,header", [
    (ZHENLAI, "— 3 —", "镇赉政务信息"),
    (QIANAN, "— 2 —", "乾安政务信息"),
    (DAAN, "— 4 —", "大安政务信息"),
])
def test_the_page_number_and_running_header_between_reports_fall_in_no_report(
        text: str, page_number: str, header: str) -> None:
    bulletin = bulletin_nlp.parse(text)
    first, second = bulletin.sections[0].items
    page_start = text.index(page_number)
    header_start = text.index(header, page_start)
    assert first.end <= page_start
    assert second.start > header_start + len(header)


def test_an_indented_line_narrower_than_the_wrapped_line_under_it_stays_a_headline() -> None:
    second = DAAN.index("城乡环境整治")
    text = DAAN[:second] + ("  城乡环境集中整治见效\n市住建局开展城乡环境整治，清理陈年\n"
                            "垃圾4.6万吨、拆除违建房屋213处，新建\n公共厕所35座、垃圾转运站6座。\n（市住建局）\n")
    bulletin = bulletin_nlp.parse(text)
    assert [section.title for section in bulletin.sections] == [None]
    items = bulletin.sections[0].items
    assert [item.headline for item in items] == ["盐碱地改良试点稳步推进", "城乡环境集中整治见效"]
    assert items[1].body.startswith("市住建局开展城乡环境整治")
