"""A government web page opens with the site's name over its breadcrumb (天台县人民政府 /
首页 > 政务公开 > …): page furniture, in no item and read for no entity, while a page title in
that place is the page's title (issue 11). Pages written for these tests; figures invented."""

from __future__ import annotations

import pytest

from tests.invariants import check_promises

PAGE = ("{first}\n首页 > 政务公开 > 政务信息\n发布时间：2024-09-12 09:30    信息来源：宁海县人民政府办公室\n\n"
        "宁海政务信息\n2024年第12期\n宁海县人民政府办公室编\n\n"
        "▶ 县交通运输局推进农村公路提质\n    县交通运输局完成农村公路提质改造46公里。（县交通运输局）\n")


@pytest.mark.parametrize("banner", ["宁海县人民政府", "宁海县人民政府门户网站", "宁海县政府网"])
def test_the_sites_name_over_the_breadcrumb_is_furniture(parse, banner):
    text = PAGE.format(first=banner)
    bulletin = parse(text)
    check_promises(text, bulletin)
    assert (bulletin.title, bulletin.issue, bulletin.publisher) == ("宁海政务信息", 12, "宁海县人民政府办公室")
    assert [(x.text, x.reason) for x in bulletin.leftovers if x.start == 0] == [(banner, "page furniture")]
    assert not [entity for entity in bulletin.entities if entity.start < len(banner)]


def test_a_page_title_over_the_breadcrumb_stays_the_title(parse):
    text = PAGE.format(first="宁海县推进农村公路提质改造")
    bulletin = parse(text)
    check_promises(text, bulletin)
    assert not [x for x in bulletin.leftovers if x.start == 0]
