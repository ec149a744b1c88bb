"""A hard wrap that cuts the first line of a report short, right under its headline line: the
short line is the body's, and a name broken by the wrap is found whole."""

from __future__ import annotations

import pytest

import bulletin_nlp

MASTHEAD = "睢宁政务信息\n\n第12期\n\n睢宁县人民政府办公室          2024年5月6日\n\n"


@pytest.mark.parametrize("headline,first,rest,name", [
    ("一、我县开展春风行动招聘会", "县人力资源和社",
     "会保障局联合县教育局举办招聘会，提供岗位860个。（县人社局）", "县人力资源和社\n会保障局"),
    ("二、古邳镇推进农村公路提档", "徐州市生态环境局睢",
     "宁分局加强入河排污口监测，完成断面检测12次。（古邳镇）", "徐州市生态环境局睢\n宁分局"),
    ("三、县卫健委开展义诊进乡村活动", "县卫生健康委员",
     "会组织县人民医院专家深入6个镇开展义诊。（县卫健委）", "县卫生健康委员\n会"),
])
def test_a_short_first_line_under_a_headline_continues_the_body(
        headline: str, first: str, rest: str, name: str) -> None:
    text = f"{MASTHEAD}{headline}\n{first}\n{rest}\n"
    bulletin = bulletin_nlp.parse(text)
    items = [item for section in bulletin.sections for item in section.items]
    assert len(items) == 1
    assert items[0].headline == headline.split("、")[-1]
    assert name in [entity.text for entity in bulletin.entities if entity.label == "AGENCY"]


def test_a_dash_subtitle_under_a_headline_stays_a_line_of_its_own() -> None:
    text = (f"{MASTHEAD}春耕备耕全面展开\n——我县多措并举保障农资供应\n"
            "县农业农村局组织农技人员下乡指导，发放种子3000公斤。（县农业农村局）\n")
    items = [item for section in bulletin_nlp.parse(text).sections for item in section.items]
    assert len(items) == 1
    assert items[0].body.startswith("——我县多措并举保障农资供应\n县农业农村局")
