"""Facts (bulletin_nlp.facts): subject, indicator and period of every figure of the items."""

from __future__ import annotations

import pytest

import bulletin_nlp
from bulletin_nlp.bulletin import Bulletin, Fact
from bulletin_nlp.facts import ItemRegion, Mention, extract_facts, facts_by_item
from bulletin_nlp.facts.lexicon import fact_words
from tests.support import MAX_LINEAR_RATIO, scaling_ratio

MASTHEAD = "延津政务快报\n\n第 6 期\n\n延津县人民政府办公室\n\n2024 年 2 月 2 日\n\n【工作动态】\n\n"


def parse(nlp, body: str, masthead: str = MASTHEAD) -> Bulletin:
    return bulletin_nlp.parse(masthead + body + "\n", nlp=nlp)


def by_figure(bulletin: Bulletin) -> dict[str, Fact]:
    return {bulletin.entities[f.quantity].text: f for f in bulletin.facts}


def subject(fact: Fact) -> str | None:
    return fact.subject.canonical if fact.subject else None


def indicator(fact: Fact) -> str | None:
    return fact.indicator.text if fact.indicator else None


def period(fact: Fact) -> str | None:
    return fact.period.text if fact.period else None


# ----------------------------------------------------------------------------- subjects
def test_facts_subject_switches_at_each_body_and_carries_between(nlp) -> None:
    b = parse(nlp, "我县积极应对低温天气 县民政局成立专班。目前，采购棉被 6500 条。县交通运输局加强联动，"
                   "储备融雪剂 5 吨。王楼镇排查养殖大棚 20 座。（民政局 交通运输局 王楼镇）")
    facts = by_figure(b)
    assert [subject(facts[q]) for q in ("6500 条", "5 吨", "20 座")] == ["县民政局", "县交通运输局", "王楼镇"]
    assert facts["20 座"].subject.label == "TOWNSHIP" and facts["20 座"].subject.code == "410726105"


def test_facts_county_words_make_a_county_subject_that_carries_into_breakdowns(nlp) -> None:
    b = parse(nlp, "县财政局强化收支管理 1-10 月，全县一般公共预算收入完成 9.42 亿元，其中税收收入 6.87 亿元。"
                   "（财政局）")
    facts = by_figure(b)
    for q in ("9.42 亿元", "6.87 亿元"):
        assert facts[q].subject.label == "COUNTY"
        assert (facts[q].subject.canonical, facts[q].subject.code) == ("延津县", "410726")


def test_facts_without_a_subject_in_the_body_the_single_source_reports(nlp) -> None:
    b = parse(nlp, "县商务局举办促销活动 目前，共组织企业 120 余家参加活动。（商务局）")
    fact = by_figure(b)["120 余家"]
    assert subject(fact) == "县商务局" and fact.subject.text == "商务局"
    assert fact.subject.start > b.entities[fact.quantity].end  # the source bracket's mention


def test_facts_several_sources_fall_back_to_the_headline_subject(nlp) -> None:
    b = parse(nlp, "县应急管理局做好汛前准备 截至目前，共排查风险点位 86 处。（应急管理局 水利局）")
    fact = by_figure(b)["86 处"]
    assert subject(fact) == "县应急管理局" and fact.subject.start < b.entities[fact.quantity].start


def test_facts_bodies_after_joining_words_and_in_series_do_not_take_over(nlp) -> None:
    b = parse(nlp, "县卫健委推动资源下沉 县卫健委联合县人民医院开展坐诊，下派医务人员 126 名，"
                   "王楼镇、塔铺街道卫生院新开展手术 300 余台。（卫健委）")
    facts = by_figure(b)
    assert subject(facts["126 名"]) == subject(facts["300 余台"]) == "县卫生健康委员会"


def test_facts_no_body_anywhere_gives_a_null_subject(nlp) -> None:
    b = parse(nlp, "开展集中整治 共清理占道经营 1260 处。")
    assert by_figure(b)["1260 处"].subject is None


# ----------------------------------------------------------------------------- indicators
@pytest.mark.parametrize("clause, figure, expected", [
    ("县民政局采购棉被 6500 条。", "6500 条", "棉被"),
    ("县交通运输局巡查农村公路 500 余公里。", "500 余公里", "农村公路"),
    ("县民政局发放大米 2139 袋、面粉 2130 袋。", "2130 袋", "面粉"),
    ("县民政局救助金额684.1万元。", "684.1万元", "救助金额"),
    ("县生态环境局监测，PM10 年均浓度 120 微克/立方米。", "120 微克/立方米", "PM10 年均浓度"),
    ("县城市管理局将400余名环卫工人分解至片区。", "400余名", "环卫工人"),
    ("县应急管理局储备铁锹、编织袋 500 余件。", "500 余件", "铁锹、编织袋"),
    ("县财政局完成投资 3.18 亿元。", "3.18 亿元", "投资"),
    ("县医保局统计，参保率达 95.2%。", "95.2%", "参保率"),
    ("县市场监管局统计，抽检不合格率较去年同期下降 3.5%。", "3.5%", "抽检不合格率"),
    ("县审计局查出问题 156 个，已整改 142 个。", "142 个", "整改"),
    ("县医保局统计，应参保3215人。", "3215人", "应参保"),
])
def test_facts_indicator_names_what_the_figure_counts(nlp, clause: str, figure: str, expected: str) -> None:
    b = parse(nlp, f"县直单位工作动态 {clause}（民政局）")
    fact = by_figure(b)[figure]
    assert indicator(fact) == expected


def test_facts_indicator_spans_are_the_input_even_across_page_breaks(nlp) -> None:
    b = parse(nlp, "县交通运输局应对低温 目前，处置路面病\n\n害6处，巡查农村公路 500 余公里。（交通运输局）")
    for fact in b.facts:
        if fact.indicator:
            text = b.to_dict()["facts"][b.facts.index(fact)]["indicator"]["text"]
            assert text == fact.indicator.text
    assert indicator(by_figure(b)["6处"]) == "路面病\n\n害"


# ----------------------------------------------------------------------------- periods
def test_facts_period_is_the_last_date_of_the_sentence(nlp) -> None:
    b = parse(nlp, "县财政局保障运行 1-10 月，全县收入 9.42 亿元，其中税收收入 6.87 亿元。（财政局）")
    fact = by_figure(b)["9.42 亿元"]
    # months after the bulletin's (2024-02-02) are last year's
    assert period(fact) == "1-10 月" and fact.period.value == ("2023-01-01", "2023-10-31")
    assert period(by_figure(b)["6.87 亿元"]) == "1-10 月"


def test_facts_since_dates_run_to_the_item_end_other_dates_scope_their_sentence(nlp) -> None:
    b = parse(nlp, "县信访局化解积案 今年以来，化解信访积案 23 件。截至目前，接访群众 46 批次。"
                   "同时就地化解群众诉求 156 件。（信访局）")
    facts = by_figure(b)
    assert period(facts["23 件"]) == "今年以来"
    assert period(facts["46 批次"]) == "截至目前"
    assert period(facts["156 件"]) == "今年以来"


def test_facts_breakdowns_keep_the_previous_sentence_period(nlp) -> None:
    b = parse(nlp, "县住建局推进改造 截至目前，完成危房改造户 32 户。其中，低保户 23 户。（住建局）")
    assert period(by_figure(b)["23 户"]) == "截至目前"


def test_facts_one_event_and_headline_dates_scope_nothing(nlp) -> None:
    b = parse(nlp, "县市场监管局开展2024年专项检查 今年以来多措并举。此次专项检查，共检查商户 38 家。"
                   "（市场监督管理局）")
    assert by_figure(b)["38 家"].period is None


# ----------------------------------------------------------------------------- bad input
def test_facts_bad_input_gives_null_fields_and_exact_spans(nlp) -> None:
    texts = [
        "【工作】\n\n王楼镇排查大棚 20 座。\n",                          # no masthead, no date
        MASTHEAD + "发放棉被 500 条，目前仍在进行。\n",                    # figure before any subject
        MASTHEAD + "**县民政局发放棉被 6500 条**\n\n（民政局）\n",          # figure in a headline only
        MASTHEAD + "**县民政局工作**\n\n（）\n",                          # empty item
        "6500 条 30 台 。。。，，（）（民政局）",                          # no structure at all
    ]
    for text in texts:
        b = bulletin_nlp.parse(text, nlp=nlp)
        quantities = [k for k, e in enumerate(b.entities) if e.label == "QUANTITY" and e.item is not None]
        assert [f.quantity for f in b.facts] == quantities
        for fact in b.facts:
            for part in (fact.subject, fact.indicator, fact.period):
                if part is not None:
                    assert text[part.start : part.end] == part.text
        assert Bulletin.from_dict(b.to_dict()).to_dict() == b.to_dict()


def test_facts_headline_figure_takes_the_headline_subject(nlp) -> None:
    b = parse(nlp, "**县民政局发放棉被 6500 条** 为困难群众送温暖。（民政局 交通运输局）")
    fact = by_figure(b)["6500 条"]
    assert subject(fact) == "县民政局" and fact.period is None


def test_facts_without_tokens_or_items() -> None:
    assert extract_facts("", [], []) == []
    text = "共发放棉被 10 条"
    facts = extract_facts(text, [ItemRegion(body=(0, len(text)))], [Mention("QUANTITY", 5, 9)])
    assert len(facts) == 1 and facts[0].subject is None and facts[0].period is None


def test_facts_by_item_come_item_after_item_as_extract_facts_finds_them() -> None:
    clause = "县民政局发放棉被 10 条，"
    step = len(clause)
    text = clause * 3
    items = [ItemRegion(body=(k * step, (k + 1) * step)) for k in (2, 0)] + [ItemRegion(headline=(step, step + 4))]
    entities = [Mention("AGENCY", k * step, k * step + 4, "县民政局") for k in range(3)]
    entities += [Mention("QUANTITY", k * step + 8, k * step + 12) for k in range(3)]
    entities.sort(key=lambda entity: entity.start)
    by_item = list(facts_by_item(text, items, entities))
    assert [[fact.item for fact in facts] for facts in by_item] == [[0], [1]]  # the headline has no figure
    assert sorted((fact for facts in by_item for fact in facts),
                  key=lambda fact: entities[fact.quantity].start) == extract_facts(text, items, entities)


def test_facts_linear_in_the_number_of_figures() -> None:
    clause = "县民政局发放棉被 10 条，"
    step = len(clause)

    def run(n_figures: int) -> None:
        text = clause * n_figures
        entities = [Mention("AGENCY", k * step, k * step + 4, "县民政局") for k in range(n_figures)]
        entities += [Mention("QUANTITY", k * step + 8, k * step + 12) for k in range(n_figures)]
        entities.sort(key=lambda entity: entity.start)
        facts = extract_facts(text, [ItemRegion(body=(0, len(text)))], entities)
        assert len(facts) == n_figures and all(fact.subject is not None for fact in facts)

    run(200)  # warm the word lists
    assert scaling_ratio(run, 800) < MAX_LINEAR_RATIO


def test_facts_word_lists_are_data() -> None:
    words = fact_words()
    assert "采购" in words.verbs.words and "累计" in words.totals.words and "全县" in words.county.words


def test_facts_county_government_as_actor_is_not_the_earlier_agency(nlp) -> None:
    # 县政府 is an AGENCY (县人民政府) since issue 11: the figure is its own, not 县民政局's
    b = parse(nlp, "县民政局发放物资 县民政局发放棉被 500 条。县政府召开专题会议，共部署任务 12 项。（民政局）")
    facts = by_figure(b)
    assert subject(facts["500 条"]) == "县民政局"
    assert subject(facts["12 项"]) == "县人民政府"


def test_facts_words_between_two_figures_and_dates_in_titles(nlp) -> None:
    b = parse(nlp, "县城市管理局清雪 县城市管理局将6台除雪设备分解至5个片区，组建抢险队伍 19 支、1400 余人。"
                   "印发《2024 年清雪方案》，派出 3 个检查组。（城市管理局）")
    facts = by_figure(b)
    assert indicator(facts["5个"]) == "片区"
    assert indicator(facts["1400 余人"]) == indicator(facts["19 支"]) == "抢险队伍"
    assert facts["3 个"].period is None  # 2024 年 names the plan
