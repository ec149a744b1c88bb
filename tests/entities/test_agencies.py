"""AGENCY lists and rules (bulletin_nlp.entities.agencies): the national list, a county's own
names on top of it, levels, and bodies of other levels."""

from __future__ import annotations

from pathlib import Path

import pytest

from bulletin_nlp.entities.agencies import LEVELS
from bulletin_nlp.entities.gazetteer import DATA_DIR, Gazetteer

G = Gazetteer.default()
YANJIN = "410726"
ZIYANG = "610924"


def found(text: str, county: str | None = None) -> list[tuple[str, str, str]]:
    out = G.find_agencies(text, county)
    for m in out:
        assert text[m.start:m.end] == m.text
    return [(m.text, m.canonical, m.level) for m in out]


@pytest.mark.parametrize("short,canonical", [
    ("工信局", "县科学技术和工业信息化局"),  # one family with 科技局 (corpus convention)
    ("教体局", "县教育体育局"),
    ("人社局", "县人力资源和社会保障局"),
    ("住建局", "县住房和城乡建设局"),
    ("文广旅局", "县文化广电和旅游局"),
    ("卫健局", "县卫生健康委员会"),
    ("医保局", "县医疗保障局"),
    ("市场监管局", "县市场监督管理局"),
    ("发改局", "县发展和改革委员会"),
    ("退役军人局", "县退役军人事务局"),
    ("文广旅体局", "县文化广电和旅游局"),  # the family's canonical (docs/accuracy.md, gold conventions)
    ("文旅委", "县文化广电和旅游局"),  # Chongqing's counties: 文化和旅游发展委员会
])
def test_national_short_forms_of_any_county(short: str, canonical: str) -> None:
    assert found(f"（{short}）", ZIYANG) == [(short, canonical, "county")]
    assert found(f"县{short}开展检查", ZIYANG) == [(f"县{short}", canonical, "county")]


@pytest.mark.parametrize("old,canonical", [
    ("安监局", "县应急管理局"), ("国土局", "县自然资源局"), ("工商局", "县市场监督管理局"),
    ("卫计局", "县卫生健康委员会"), ("建设局", "县住房和城乡建设局"), ("消防大队", "县消防救援大队"),
])
def test_pre_reform_names_map_to_the_body_that_took_over(old: str, canonical: str) -> None:
    assert found(f"县{old}开展检查") == [(f"县{old}", canonical, "county")]


def test_a_countys_own_list_applies_to_that_county_only() -> None:
    text = "县政府督查室开展专项督查"
    assert found(text, YANJIN) == [("县政府督查室", "县督查落实办公室", "county")]
    assert found(text, ZIYANG) == [("县政府督查室", "县人民政府督查室", "county")]
    assert found(text) == [("县政府督查室", "县人民政府督查室", "county")]


def test_a_name_only_one_county_lists_is_not_that_countys_body_elsewhere() -> None:
    text = "县督查落实办开展督查"
    assert found(text, YANJIN) == [("县督查落实办", "县督查落实办公室", "county")]
    for county in (ZIYANG, None):
        assert "县督查落实办公室" not in [canonical for _, canonical, _ in found(text, county)]


def test_bracket_only_alias_needs_its_county() -> None:
    assert found("（办公室）", YANJIN) == [("办公室", "县人民政府办公室", "county")]
    assert found("（办公室）", ZIYANG) == []


@pytest.mark.parametrize("text,expected", [
    ("按照市委部署", [("市委", "市委", "city")]),
    ("省政府办公厅印发通知", [("省政府办公厅", "省人民政府办公厅", "province")]),
    ("争取省住房和城乡建设厅补助", [("省住房和城乡建设厅", "省住房和城乡建设厅", "province")]),
    ("落实《国办关于加强管理的通知》", [("国办", "国务院办公厅", "national")]),
    ("市发改委批复", [("市发改委", "市发展和改革委员会", "city")]),
    ("宝鸡市委肯定", [("宝鸡市委", "宝鸡市委", "city")]),
    ("汉中市生态环境局镇巴分局监测", [("汉中市生态环境局镇巴分局", "汉中市生态环境局镇巴分局", "city")]),
    ("大理州应急管理局部署", [("大理州应急管理局", "大理州应急管理局", "city")]),
])
def test_bodies_of_other_levels(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("根据县委、县政府安排", [("县委", "县委", "county"), ("县政府", "县人民政府", "county")]),
    ("县人大常委会开展执法检查", [("县人大常委会", "县人大常委会", "county")]),
    ("县政协聚焦提案办理", [("县政协", "县政协", "county")]),
    ("县委常委会研究部署", [("县委常委会", "县委常委会", "county")]),
    ("县委统战部、县民宗局联合", [("县委统战部", "县委统战部", "county"),
                             ("县民宗局", "县民族宗教事务局", "county")]),
    ("（县人大常委会办公室 县政协办公室）",
     [("县人大常委会办公室", "县人大常委会办公室", "county"), ("县政协办公室", "县政协办公室", "county")]),
])
def test_party_government_congress_and_cppcc(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize("text", [
    "县委书记主持会议", "县政府常务会议研究", "县人大常委会主任视察", "县政协委员提出提案",
    "提交县十八届人大常委会第十二次会议审议", "县政府领导领办", "县委党校举办培训班",
    "人大政协", "城市委员会", "县委常委会会议", "县委常委",
])
def test_posts_meetings_and_sessions_are_not_bodies(text: str) -> None:
    assert [m for m in found(text) if m[0] in ("县委", "县政府", "县人大常委会", "县政协", "人大常委会",
                                              "政协", "市委")] == []


@pytest.mark.parametrize("text", [
    "全县政务服务事项网上可办率达98.5%", "全县涉企事项一网通办", "县不动产登记事项即来即办",
])
def test_how_a_matter_is_handled_is_not_an_office(text: str) -> None:
    # 可办/通办/即办 end a phrase on how matters are handled; the 办 is no office (县政府办)
    assert [m for m in found(text) if m[0].endswith("办")] == []


def test_place_prefixed_party_organ_starts_at_the_party_name() -> None:
    assert found("中共宁都县委办公室") == [("中共宁都县委办公室", "县委办公室", "county")]


def test_longest_county_name_wins() -> None:
    # 宁县 is a county too; 睢宁县 contains it
    assert found("睢宁县人民政府办公室") == [("睢宁县人民政府办公室", "县人民政府办公室", "county")]
    assert found("舟曲县人民政府督查室") == [("舟曲县人民政府督查室", "县人民政府督查室", "county")]
    assert found("长阳县人民政府办公室") == [("长阳县人民政府办公室", "县人民政府办公室", "county")]


def test_every_listed_row_is_well_formed() -> None:
    import csv

    lines = [line for line in (DATA_DIR / "agencies_national.tsv").read_text("utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t"):
        assert row["level"] in LEVELS, row
        if row["level"] == "county":
            # a district's own leadership bodies keep their written 区 form (区委, 区政府)
            assert row["name"].startswith(("县", "团县")) or (
                row["name"].startswith("区") and row["kind"] == "leadership"), row


def test_custom_data_folder(tmp_path: Path) -> None:
    (tmp_path / "mine.tsv").write_text("name\taliases\n县数字经济局\t数据局\n", encoding="utf-8")
    (tmp_path / "agencies_local.csv").write_text(f"county_code,file\n{ZIYANG},mine.tsv\n", encoding="utf-8")
    gazetteer = Gazetteer(tmp_path)  # the other files come from the package
    assert [m.canonical for m in gazetteer.find_agencies("（数据局）", ZIYANG)] == ["县数字经济局"]
    assert [m.canonical for m in gazetteer.find_agencies("（数据局）", YANJIN)] == ["县行政审批局"]


def test_bare_nlp_infers_the_county_for_its_own_names() -> None:
    import bulletin_nlp
    from bulletin_nlp.entities.components import span_attrs

    doc = bulletin_nlp.load()("王楼镇、塔铺街道开展巡查。（办公室）")
    agencies = [(s.text, span_attrs(s)["canonical"]) for s in doc.spans["bulletin"] if s.label_ == "AGENCY"]
    assert agencies == [("办公室", "县人民政府办公室")]  # 延津县's own bracket name


# ---------------------------------------------- real pages of other counties, read by eye (issue 11)

@pytest.mark.parametrize("text,expected", [
    ("县住建局、沙河经济开发区管委会联合排查", [("县住建局", "县住房和城乡建设局", "county"),
                                                ("沙河经济开发区管委会", "县开发区", "county")]),
    ("组织企业赴青阳经开区考察", [("青阳经开区", "县开发区", "county")]),
    ("新签约项目，明湖高新区引进3个", [("明湖高新区", "县开发区", "county")]),
    ("落户明湖高新区的项目", [("高新区", "县开发区", "county")]),
    ("全县经济开发区完成投资", [("县经济开发区", "县开发区", "county")]),
])
def test_a_development_zone_keeps_its_own_name(text: str, expected: list[tuple[str, str, str]]) -> None:
    # a county's short name (青阳) or a short name standing after punctuation (沙河, 明湖);
    # not a verb before it (落户) nor 全县
    assert found(text) == expected


@pytest.mark.parametrize("text", [
    "县政协副主席王某某带队视察", "县人大常委会副主任李某率队调研", "县委副书记赵某某带队督导",
])
def test_a_post_and_a_name_before_a_team_verb_are_not_a_body(text: str) -> None:
    assert all(not m[0].endswith("队") for m in found(text))


@pytest.mark.parametrize("text,expected", [
    ("县委和县政府联合督查", [("县委", "县委", "county"), ("县政府", "县人民政府", "county")]),
    ("县发改委与县住建局会商", [("县发改委", "县发展和改革委员会", "county"),
                              ("县住建局", "县住房和城乡建设局", "county")]),
    ("和县人民政府办公室", [("和县人民政府办公室", "县人民政府办公室", "county")]),
])
def test_a_conjunction_before_the_level_prefix_is_not_a_county(
        text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


def test_an_autonomous_countys_short_form_wins_over_the_county_inside_it() -> None:
    # 河南县 (河南蒙古族自治县, Qinghai) contains 南县 (Hunan)
    county = G.find_county("河南县市场监督管理局开展节前检查")
    assert county is not None and county.code == "632324"


@pytest.mark.parametrize("text,expected", [
    ("落实党中央和省委部署", [("党中央", "党中央", "national"), ("省委", "省委", "province")]),
    ("按照州人民政府要求", [("州人民政府", "州人民政府", "city")]),
    ("红河州委召开会议", [("红河州委", "红河州委", "city")]),
    ("省委、市委、区委联合部署", [("省委", "省委", "province"), ("市委", "市委", "city"),
                                ("区委", "区委", "county")]),
    ("邛崃市政协组织委员视察", [("邛崃市政协", "县政协", "county")]),
    ("在市委、市政府和县委的领导下", [("市委", "市委", "city"), ("市政府", "市人民政府", "city"),
                                    ("县委", "县委", "county")]),
])
def test_bodies_of_every_level_seen_on_real_pages(text: str, expected: list[tuple[str, str, str]]) -> None:
    # 邛崃市 is a county-level city: its 政协 is the county-level body
    assert found(text) == expected


@pytest.mark.parametrize("text", ["区委书记到村调研", "社区委员会换届", "市人大常委会主任讲话"])
def test_new_leadership_rows_keep_the_post_rules(text: str) -> None:
    assert found(text) == []


def test_pre_reform_names_in_a_list_of_bodies_without_prefix() -> None:
    assert found("联合交通局、建设局、消防大队开展整治") == [
        ("交通局", "县交通运输局", "county"), ("建设局", "县住房和城乡建设局", "county"),
        ("消防大队", "县消防救援大队", "county")]


def test_the_government_before_its_units_is_not_a_body_but_before_its_decisions_it_is() -> None:
    assert found("县政府各部门要抓好落实") == []
    assert found("落实县委县政府各项部署") == [("县委", "县委", "county"), ("县政府", "县人民政府", "county")]


@pytest.mark.parametrize("text,expected", [
    ("宁远县防汛抗旱指挥部办公室发布预警", [("宁远县防汛抗旱指挥部办公室", "县防汛抗旱指挥部办公室", "county")]),
    ("县委全面深化改革委员会召开会议", [("县委全面深化改革委员会", "县委全面深化改革委员会", "county")]),
    ("县安全生产委员会办公室通报情况", [("县安全生产委员会办公室", "县安全生产委员会办公室", "county")]),
    ("县乡村振兴领导小组办公室印发方案", [("县乡村振兴领导小组办公室", "县乡村振兴领导小组办公室", "county")]),
    ("县水库管理处组织巡查", [("县水库管理处", "县水库管理处", "county")]),
])
def test_coordinating_bodies_their_offices_and_management_offices(
        text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize("text", ["县全面推进项目建设", "县领导带队检查", "成立高考工作领导小组"])
def test_words_that_open_no_body_still_block(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize("text,expected", [
    ("县林业和草原局配合州林草局开展巡护",
     [("县林业和草原局", "县林业局", "county"), ("州林草局", "州林业局", "city")]),
    ("向州民政局报送名单", [("州民政局", "州民政局", "city")]),
    ("县住房城乡建委牵头改造", [("县住房城乡建委", "县住房和城乡建设局", "county")]),
    ("县大数据发展管理局上线平台", [("县大数据发展管理局", "县行政审批局", "county")]),
    ("县茶叶和特色生物产业发展中心统计", [("县茶叶和特色生物产业发展中心", "县茶叶和特色生物产业发展中心", "county")]),
])
def test_prefecture_bodies_chongqing_names_and_long_unlisted_names(
        text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("州人民政府森林防火督导组到我县检查", []),
    ("县人大常委会组成执法检查组开展检查", [("县人大常委会", "县人大常委会", "county")]),
    ("县水利局会同县人大常委会农工委调研组调研", [("县水利局", "县水利局", "county"),
                                              ("县人大常委会", "县人大常委会", "county")]),
])
def test_a_government_before_its_named_team_is_not_a_body(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("县水利和湖泊局开展巡查", [("县水利和湖泊局", "县水利局", "county")]),  # Hubei's name, same body
    ("县文旅广体局举办活动", [("县文旅广体局", "县文化广电和旅游局", "county")]),
    ("县文化旅游广电体育局举办活动", [("县文化旅游广电体育局", "县文化广电和旅游局", "county")]),
    ("四川省民政厅来县调研", [("四川省民政厅", "四川省民政厅", "province")]),
    ("县民政局会同省民政厅检查", [("县民政局", "县民政局", "county"), ("省民政厅", "省民政厅", "province")]),
    ("全县餐饮场所和加油站开展检查", []),
    ("市民服务中心延时办理", []),
])
def test_provincial_names_of_listed_bodies_and_words_that_only_look_like_bodies(
        text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("中共会宁县纪律检查委员会办公室通报", [("中共会宁县纪律检查委员会办公室", "县纪律检查委员会办公室", "county")]),
    ("落实县委和定西市纪委监委的要求", [("县委", "县委", "county"), ("定西市纪委监委", "定西市纪委监委", "city")]),
    ("县住房和城乡建设局牵头", [("县住房和城乡建设局", "县住房和城乡建设局", "county")]),
    ("我县选派年轻干部驻村", []),
    ("各乡镇党委、纪委，县直各部门党组（党委、党支部）：", []),  # kinds of body of every township
    ("各乡镇、县民政局、纪委要落实", [("县民政局", "县民政局", "county"), ("纪委", "县纪委监委", "county")]),
])
def test_an_office_of_a_listed_body_a_place_after_he_and_bodies_of_every_township(
        text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("关于市政府交办民生实事的办理情况", [("市政府", "市人民政府", "city")]),
    ("全县文明实践站点开展活动", []),
    ("依托县乡村三级综治中心化解纠纷", []),
    ("县乡两级便民服务中心延时服务", []),
    ("县乡村两级综治中心排查隐患", []),
    ("县综治中心接待群众", [("县综治中心", "县综治中心", "county")]),
])
def test_verbs_sites_and_networks_of_levels_are_no_bodies(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


WENGNIUTE = "150426"  # 翁牛特旗: a banner, Inner Mongolia's county-level division


@pytest.mark.parametrize(("text", "expected"), [
    ("旗农牧局组织技术人员下乡，旗委、旗政府召开会议，全旗推进。",
     [("旗农牧局", "县农业农村局", "county"), ("旗委", "县委", "county"), ("旗政府", "县人民政府", "county")]),
    ("翁牛特旗人社局联合旗就业服务中心举办招聘会。",
     [("翁牛特旗人社局", "县人力资源和社会保障局", "county"), ("旗就业服务中心", "县就业创业服务中心", "county")]),
    ("学校举行升国旗仪式，旗舰店开业。", []),
])
def test_a_banners_bodies_are_written_with_qi(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text, WENGNIUTE) == expected


def test_qi_is_no_level_prefix_outside_a_banner() -> None:
    assert found("旗农牧局开展培训。", ZIYANG) == [("农牧局", "县农业农村局", "county")]


@pytest.mark.parametrize(("text", "expected"), [
    ("县委、县政府主要负责同志带队检查。", []),
    ("市委、市政府主要领导作出批示，县政府负责人表态。", []),
    ("县委、县政府部署防汛工作。", [("县委", "县委", "county"), ("县政府", "县人民政府", "county")]),
    ("县政府督查组会同县农业农村局开展督查。", [("县农业农村局", "县农业农村局", "county")]),
    ("县委常委会（扩大）会议研究部署防汛工作。", []),
    ("我县传达学习市委全会精神。", []),
    ("根据县委工作安排，县政府工作报告提出，县委工作组进驻。", [("县委", "县委", "county")]),
])
def test_leaders_posts_and_a_team_with_a_body(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text, ZIYANG) == expected


def test_chongqings_rural_affairs_commission_is_a_body() -> None:
    # 农业农村委员会: its 村委 is no village committee
    assert found("重庆市农业农村委员会将柑橘列入品牌目录。", "500233") == [
        ("重庆市农业农村委员会", "重庆市农业农村委员会", "province")]


@pytest.mark.parametrize(("text", "expected"), [
    ("县文化馆、县图书馆联合举办展览。", [("县文化馆", "县文化馆", "county"), ("县图书馆", "县图书馆", "county")]),
    ("县政务服务和数据管理局优化流程。", [("县政务服务和数据管理局", "县行政审批局", "county")]),
])
def test_public_institutions_and_the_data_bureau(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text, ZIYANG) == expected
