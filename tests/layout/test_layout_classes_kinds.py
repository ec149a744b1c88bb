"""Layout classes of document kinds and heading labels, each tested on new bulletins written for
these tests in several variants (figures and events invented): bracketed headlines over one
report each under a repost line, column labels (▍栏目：…) opening sections, and meeting minutes
whose numbered decisions are items."""

from __future__ import annotations

import pytest

from tests.invariants import check_promises

REPORTS = [("春耕备耕有序推进", "县农业农村局调运化肥1.2万吨，检修农机860台。（县农业农村局供稿）"),
           ("城区道路改造开工", "县住建局启动城区5条道路改造，总投资6800万元。（县住建局供稿）"),
           ("校园安全检查全覆盖", "县教育局检查中小学校46所，整改隐患37处。（县教育局供稿）")]


@pytest.mark.parametrize("lead", ["转载自：某县人民政府网  2024/03/11\n\n", "来源：某县融媒体中心\n\n", ""])
@pytest.mark.parametrize("count", [2, 3])
def test_bracketed_headlines_over_one_report_each_are_headlines(parse, lead, count):
    text = (lead + "某县政务信息（第3期）\n\n某县人民政府办公室\n\n"
            + "\n\n".join(f"【{headline}】\n{body}" for headline, body in REPORTS[:count]) + "\n")
    bulletin = parse(text)
    assert [s.title for s in bulletin.sections] == [None]
    assert [item.headline for item in bulletin.items][-count:] == [headline for headline, _ in REPORTS[:count]]
    check_promises(text, bulletin)


@pytest.mark.parametrize("label", ["▍栏目：", "栏目：", "▌专栏：", "▍栏目: "])
def test_column_labels_open_sections(parse, label):
    columns = [("项目建设", "新材料产业园一期完工", "产业园一期厂房主体完工，总投资2.6亿元。\n（县发改局）"),
               ("民生实事", "老旧小区改造加快推进", "全县12个老旧小区改造开工，惠及居民3100户。\n（县住建局）")]
    text = ("某县政务信息\n2024年第5期\n某县人民政府办公室        2024年3月8日\n\n"
            + "\n\n".join(f"{label}{title}\n{headline}\n    {body}" for title, headline, body in columns) + "\n")
    bulletin = parse(text)
    assert [s.title for s in bulletin.sections] == [title for title, _, _ in columns]
    assert [item.headline for item in bulletin.items] == [headline for _, headline, _ in columns]
    check_promises(text, bulletin)


def test_a_label_with_a_sentence_is_no_heading(parse):
    text = ("某县政务信息\n2024年第5期\n某县人民政府办公室        2024年3月8日\n\n"
            "栏目：本期刊发全县重点工作进展情况，供参阅。\n"
            "县发改局推进项目建设，完成投资2.6亿元。（县发改局）\n")
    assert [s.title for s in parse(text).sections] == [None]


DECISIONS = [("关于春季森林防火工作", "会议听取了县林业局的汇报。会议议定：\n    （一）县林业局牵头开展隐患排查。\n"
              "    （二）各乡镇落实24小时值班。"),
             ("关于城区停车秩序整治", "会议听取了县公安局的汇报，全县新增停车位1200个。会议议定，由县公安局牵头整治。"),
             ("关于农村饮水安全工作", "会议听取了县水利局的汇报。会议议定：\n    （一）6月底前完成水源地保护。")]


@pytest.mark.parametrize("count", [2, 3])
@pytest.mark.parametrize("announcement", ["现将会议议定事项纪要如下：", "现将会议研究议定事项纪要如下:"])
def test_minutes_decisions_are_items(parse, count, announcement):
    text = ("某县人民政府\n县长办公会议纪要\n\n〔2024〕3号\n\n"
            f"    3月5日，县长主持召开县长办公会议，研究有关事项。{announcement}\n\n"
            + "\n\n".join(f"{'一二三'[index]}、{headline}\n    {body}"
                          for index, (headline, body) in enumerate(DECISIONS[:count])) + "\n")
    bulletin = parse(text)
    headlines = [item.headline for item in bulletin.items]
    assert headlines[-count:] == [headline for headline, _ in DECISIONS[:count]]
    check_promises(text, bulletin)


@pytest.mark.parametrize("announcement", ["现将有关情况通报如下：", "现将督查情况通报如下："])
def test_a_notice_with_numbered_parts_stays_one_item(parse, announcement):
    text = ("某县人民政府督查室\n督查通报\n\n第2期\n\n"
            f"    近期，县政府督查室对重点工作进行了督查。{announcement}\n\n"
            + "\n\n".join(f"{'一二三'[index]}、{headline}\n    {body}"
                          for index, (headline, body) in enumerate(DECISIONS)) + "\n")
    assert len(parse(text).items) == 1
