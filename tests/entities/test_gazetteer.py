"""Tests for bulletin_nlp.entities.gazetteer (AGENCY / TOWNSHIP conventions of docs/annotation.md).

Sentences are written for these tests in the style of county bulletins; they are not copied from
any bulletin.
"""

from __future__ import annotations

import pytest

from bulletin_nlp.entities.gazetteer import AgencyMatch, County, Gazetteer, TownshipMatch

G = Gazetteer.default()
YANJIN = "410726"
FENGQIU = "410727"
SHUNYI = "110113"


def agencies(text: str) -> list[tuple[str, str]]:
    out = G.find_agencies(text)
    for m in out:
        assert text[m.start:m.end] == m.text
    return [(m.text, m.canonical) for m in out]


def towns(text: str, county: str | None = None) -> list[tuple[str, str, str | None]]:
    out = G.find_townships(text, county)
    for m in out:
        assert text[m.start:m.end] == m.text
    return [(m.text, m.canonical, m.code) for m in out]


# ------------------------------------------------------------------------------------ AGENCY
AGENCY_POSITIVE = [
    pytest.param("县财政局强化预算绩效管理推动资金提质增效",
                 [("县财政局", "县财政局")], id="listed-full-name"),
    pytest.param("县卫健委组织开展义诊进乡村活动",
                 [("县卫健委", "县卫生健康委员会")], id="listed-alias-with-prefix"),
    pytest.param("发改委牵头梳理年度重点项目清单",
                 [("发改委", "县发展和改革委员会")], id="listed-alias-bare"),
    pytest.param("县人力资源和社会保障局举办春风行动专场招聘会",
                 [("县人力资源和社会保障局", "县人力资源和社会保障局")], id="listed-longest-first"),
    pytest.param("县发展和改革委员会召开物价监测会议",
                 [("县发展和改革委员会", "县发展和改革委员会")], id="head-weiyuanhui"),
    pytest.param("县数据局推进政务数据归集共享",
                 [("县数据局", "县行政审批局")], id="listed-data-bureau"),
    pytest.param("县营商办聚焦企业诉求开展入企走访",
                 [("县营商办", "县营商环境建设办公室")], id="listed-yingshang-office"),
    pytest.param("县防指启动防汛四级应急响应",
                 [("县防指", "县防汛抗旱指挥部")], id="listed-fangzhi"),
    pytest.param("县园林绿化中心加快推进城区绿化提升工程",
                 [("县园林绿化中心", "县园林绿化中心")], id="unlisted-center"),
    pytest.param("县疾病预防控制中心开展春季传染病防控培训",
                 [("县疾病预防控制中心", "县疾病预防控制中心")], id="unlisted-long-center"),
    pytest.param("县中医院开展冬病夏治义诊",
                 [("县中医院", "县中医院")], id="unlisted-hospital-prefixed"),
    pytest.param("县农技站组织专家指导小麦镇压",
                 [("县农技站", "县农技站")], id="unlisted-station"),
    pytest.param("县公安局交警大队开展酒驾醉驾专项整治",
                 [("县公安局交警大队", "县公安局交警大队")], id="unlisted-subunit-brigade"),
    pytest.param("延津县人民政府办公室",
                 [("延津县人民政府办公室", "县人民政府办公室")], id="publisher-with-place"),
    pytest.param("延津县卫健委联合县医保局开展打击欺诈骗保检查",
                 [("延津县卫健委", "县卫生健康委员会"), ("县医保局", "县医疗保障局")],
                 id="place-prefixed-alias"),
    pytest.param("封丘县民政局到我县交流学习",
                 [("封丘县民政局", "县民政局")], id="other-county-place"),
    pytest.param("新乡市生态环境局延津分局开展夜查执法",
                 [("新乡市生态环境局延津分局", "新乡市生态环境局延津分局")], id="city-branch-office"),
    pytest.param("迎接市生态环境局专项督导",
                 [("市生态环境局", "市生态环境局")], id="city-level-as-written"),
    pytest.param("新乡市人民医院专家团队到我县坐诊",
                 [("新乡市人民医院", "新乡市人民医院")], id="city-hospital"),
    pytest.param("区民政局开展困难群众走访慰问",
                 [("区民政局", "区民政局")], id="district-prefix"),
    pytest.param("县商务局联合县民政局开展节日慰问",
                 [("县商务局", "县商务局"), ("县民政局", "县民政局")], id="left-boundary-after-verb"),
    pytest.param("配合县自然资源局核查违法占地",
                 [("县自然资源局", "县自然资源局")], id="left-boundary-peihe"),
    pytest.param("我县数据资源局完成系统迁移",
                 [("县数据资源局", "县行政审批局")], id="bare-alias-gets-county-prefix"),
    pytest.param("在县人民医院设立便民服务窗口",
                 [("县人民医院", "县人民医院")], id="county-hospital"),
    pytest.param("县交通运输局强化路域环境整治",
                 [("县交通运输局", "县交通运输局")], id="no-swallow-following-words"),
    pytest.param("县人大常委会视察县城管局执法工作",
                 [("县人大常委会", "县人大常委会"), ("县城管局", "县城市管理局")],
                 id="head-changweihui-and-county-seat-alias"),
    pytest.param("县纪委监委通报典型案例", [("县纪委监委", "县纪委监委")], id="unlisted-commission"),
    pytest.param("县农业农村委组织专家开展技术指导", [("县农业农村委", "县农业农村委")], id="unlisted-nongcun-wei"),
    pytest.param("县教委召开秋季开学工作会", [("县教委", "县教委")], id="one-char-name-body"),
    pytest.param("县委组织部部署干部培训，县委宣传部配合", [("县委组织部", "县委组织部"), ("县委宣传部", "县委宣传部")],
                 id="party-departments-bu"),
    pytest.param("县有关部门全部完成整改，局部地区降雨", [], id="bu-inside-common-words"),
    pytest.param("单县人民政府办公室印发通知", [("单县人民政府办公室", "县人民政府办公室")],
                 id="two-char-county-prefix"),
    pytest.param("依托县就业创业服务中心开展技能培训", [("县就业创业服务中心", "县就业创业服务中心")],
                 id="unlisted-name-with-jiu-ye"),
    pytest.param("（财政局 商务局 东屯镇 文岩街道）",
                 [("财政局", "县财政局"), ("商务局", "县商务局")], id="bracket-space-list"),
    pytest.param("（自然资源局、林业局）",
                 [("自然资源局", "县自然资源局"), ("林业局", "县林业局")], id="bracket-dunhao-list"),
    pytest.param("（园林绿化中心）",
                 [("园林绿化中心", "县园林绿化中心")], id="bracket-unlisted-adds-county"),
    pytest.param("（文明办 农业农村局）",
                 [("文明办", "县文明办"), ("农业农村局", "县农业农村局")], id="bracket-unlisted-ban"),
    pytest.param("（县委办 县政府办）",
                 [("县委办", "县委办公室"), ("县政府办", "县人民政府办公室")], id="bracket-prefixed"),
]

AGENCY_NEGATIVE = [
    pytest.param("督导企业制定整改清单并限期销号", id="verb-object"),
    pytest.param("会同市场监管、城管、公安、消防、融媒等部门开展燃气安全检查", id="function-words"),
    pytest.param("强化相关部门、上级部门和县直各单位联动", id="generic-departments"),
    pytest.param("成立工作专班和督导组，依托医共体平台开展远程会诊", id="generic-groups"),
    pytest.param("全县 12 个乡镇卫生院中 4 家卫生院通过评审", id="clinics-class"),
    pytest.param("深入学校、养老院、医院等场所开展检查", id="institutions-class"),
    pytest.param("王楼镇卫生院开展家庭医生签约服务", id="township-body"),
    pytest.param("街道督查办牵头开展安全检查", id="township-internal-office"),
    pytest.param("王楼镇、塔铺街道持续推进人居环境整治", id="township-not-agency"),
    pytest.param("参会人员：县委常委、副县长", id="standing-committee"),
    pytest.param("壮大县域经济，增强县级财政实力", id="county-domain-words"),
    pytest.param("检查辖区企业和社区卫生服务中心", id="district-tail-words"),
    pytest.param("规范超市和农贸市场经营秩序", id="city-tail-words"),
    pytest.param("成立领导小组办公室统筹推进", id="bare-office-in-text"),
    pytest.param("加强疫病预防指导", id="fangzhi-inside-word"),
    pytest.param("全县上下围绕中心工作狠抓落实", id="center-work"),
    pytest.param("通知县直各单位抓好落实", id="county-direct-units"),
    pytest.param("新建（改建）厂房 3 栋，配备设备 12 台（套）", id="bracket-non-name"),
    pytest.param("县委党校举办专题培训班", id="verb-juban-not-head"),
    pytest.param("县王楼镇卫生院", id="township-inside-rule-body"),
    pytest.param("县长带领相关负责人深入企业调研", id="county-head-person"),
    pytest.param("县城新增公交站点 20 个", id="county-seat-xiancheng"),
    pytest.param("王楼镇政府办公室牵头，乡政府办配合", id="township-government-office"),
    pytest.param("县域医共体成员单位包括各乡镇卫生院", id="county-domain-clinics"),

]


@pytest.mark.parametrize("text,expected", AGENCY_POSITIVE)
def test_gazetteer_agency_positive(text: str, expected: list[tuple[str, str]]) -> None:
    assert agencies(text) == expected


@pytest.mark.parametrize("text", AGENCY_NEGATIVE)
def test_gazetteer_agency_negative(text: str) -> None:
    assert agencies(text) == []


def test_gazetteer_agency_match_type() -> None:
    (m,) = G.find_agencies("县民政局")
    assert m == AgencyMatch(0, 4, "县民政局", "县民政局")


# ------------------------------------------------------------------------------------ TOWNSHIP
TOWNSHIP_CASES = [
    pytest.param("鸡足山镇、钟英乡卫生院新开展诊疗项目", "532924",
                 [("鸡足山镇", "鸡足山镇", "532924104"), ("钟英乡", "钟英傈僳族彝族乡", "532924200")],
                 id="ethnic-township-short-form"),
    pytest.param("邓家乡、红椿乡完成饮水工程", "500237",
                 [("邓家乡", "邓家土家族乡", "500237231"), ("红椿乡", "红椿土家族乡", "500237200")],
                 id="ethnic-short-form-wins-in-own-county"),
    pytest.param("倪集街道和韩集镇化解疑难纠纷", "371721",
                 [("倪集街道", "倪集街道", "371721005"), ("韩集镇", "韩集镇", "371721105")],
                 id="zhen-followed-by-hua-jie"),
    pytest.param("王楼镇组织开展秸秆禁烧巡查", YANJIN,
                 [("王楼镇", "王楼镇", "410726105")], id="full-town-code"),
    pytest.param("魏邱乡召开人居环境整治推进会", YANJIN,
                 [("魏邱乡", "魏邱乡", "410726203")], id="full-xiang-code"),
    pytest.param("塔铺街道开展独居老人走访", YANJIN,
                 [("塔铺街道", "塔铺街道", "410726004")], id="full-jiedao-code"),
    pytest.param("石婆固镇完成小麦一喷三防", YANJIN,
                 [("石婆固镇", "石婆固镇", "410726104")], id="longest-name"),
    pytest.param("王楼镇组织开展秸秆禁烧巡查", None,
                 [("王楼镇", "王楼镇", None)], id="ambiguous-without-county"),
    pytest.param("城关镇推进老旧小区改造", FENGQIU,
                 [("城关镇", "城关镇", "410727100")], id="ambiguous-resolved-by-county"),
    pytest.param("城关镇推进老旧小区改造", YANJIN,
                 [("城关镇", "城关镇", None)], id="ambiguous-not-in-county"),
    pytest.param("赴庞家堡镇学习考察", YANJIN,
                 [("庞家堡镇", "庞家堡镇", "130705100")], id="unique-other-county"),
    pytest.param("位邱乡组织群众收看专题节目", YANJIN,
                 [("位邱乡", "魏邱乡", "410726203")], id="former-name"),
    pytest.param("王楼乡群众踊跃参加", YANJIN,
                 [("王楼乡", "王楼镇", "410726105")], id="former-name-xiang-to-zhen"),
    pytest.param("位邱乡组织群众收看专题节目", None, [], id="former-name-needs-county"),
    pytest.param("王楼、塔铺等乡镇率先完成任务", YANJIN,
                 [("王楼", "王楼镇", "410726105"), ("塔铺", "塔铺街道", "410726004")],
                 id="short-names-deng"),
    pytest.param("王楼、塔铺等乡镇率先完成任务", None, [], id="short-names-need-county"),
    pytest.param("文岩、潭龙两个街道联合排查", YANJIN,
                 [("文岩", "文岩街道", "410726002"), ("潭龙", "潭龙街道", "410726003")],
                 id="short-after-dunhao"),
    pytest.param("（农业农村局 王楼 塔铺）", YANJIN,
                 [("王楼", "王楼镇", "410726105"), ("塔铺", "塔铺街道", "410726004")],
                 id="short-in-source-bracket"),
    pytest.param("开展龙舟竞渡、屈原祭祀、诗歌朗诵，推出夜游古城、非遗研学等线路", "420527", [],
                 id="short-name-in-a-series-of-other-things"),
    pytest.param("胙城和榆林两乡", YANJIN,
                 [("胙城", "胙城乡", "410726209")], id="short-before-he"),
    pytest.param("王楼村两委换届顺利完成", YANJIN, [], id="short-village"),
    pytest.param("文岩社区开展文艺汇演", YANJIN, [], id="short-community"),
    pytest.param("塔铺大道改造提升工程", YANJIN, [], id="short-avenue"),
    pytest.param("走访王楼小学、司寨小学", YANJIN, [], id="short-school"),
    pytest.param("、马庄村", YANJIN, [], id="short-after-dunhao-village"),
    pytest.param("黄陵、赵岗等乡镇", FENGQIU,
                 [("黄陵", "黄陵镇", "410727101"), ("赵岗", "赵岗镇", "410727105")],
                 id="short-derived-other-county"),
    pytest.param("城关、黄陵等乡镇", FENGQIU,
                 [("黄陵", "黄陵镇", "410727101")], id="short-ambiguous-within-county"),
    pytest.param("联合公安、消防等部门", "451122", [], id="derived-short-common-word"),
    pytest.param("政务服务中心、便民服务中心", "230223", [], id="derived-short-zhongxin"),
    pytest.param("北京、上海等地客商", "440104", [], id="derived-short-is-city"),
    pytest.param("各乡（镇、街道）、全镇、该镇、乡域、镇村、城乡统筹、13 个乡镇", YANJIN, [],
                 id="generic-words"),
    pytest.param("该街道下辖 9 个社区均建立台账", YANJIN, [], id="generic-this-jiedao"),
    pytest.param("杨镇开展农村人居环境整治", SHUNYI,
                 [("杨镇", "杨镇", "110113006")], id="two-char-in-county"),
    pytest.param("杨镇开展农村人居环境整治", YANJIN, [], id="two-char-other-county"),
    pytest.param("杨镇开展农村人居环境整治", None, [], id="two-char-no-county"),
    pytest.param("为建设健康新乡贡献力量，新乡市排名第一", YANJIN, [], id="city-not-township"),
    pytest.param("稳步推进新城镇化建设", None, [], id="followed-by-hua"),
    pytest.param("东屯镇村两级干部", YANJIN, [], id="followed-by-cun"),
    pytest.param("太平镇区域内", None, [("太平镇", "太平镇", None)], id="followed-by-quyu"),
    pytest.param("王楼镇卫生院开展家庭医生签约服务", YANJIN,
                 [("王楼镇", "王楼镇", "410726105")], id="inside-longer-proper-name"),
    pytest.param("常营回族乡开展民族团结宣传", None,
                 [("常营回族乡", "常营回族乡", "110105033")], id="ethnic-township"),
    pytest.param("吉忽伦图苏木牧民", None,
                 [("吉忽伦图苏木", "吉忽伦图苏木", "150205200")], id="sumu"),
    pytest.param("（水利局 司寨乡 僧固乡 丰庄镇）", YANJIN,
                 [("司寨乡", "司寨乡", "410726204"), ("僧固乡", "僧固乡", "410726200"),
                  ("丰庄镇", "丰庄镇", "410726102")], id="source-bracket-list"),
    pytest.param("县住房和城乡建设局", YANJIN, [], id="agency-not-township"),
    pytest.param("溪口至庙下公路完成改造", "330825",
                 [("溪口", "溪口镇", "330825103"), ("庙下", "庙下乡", "330825203")], id="two-ends-of-a-road"),
    pytest.param("溪口镇、沐尘开展巡查", "330825",
                 [("溪口镇", "溪口镇", "330825103"), ("沐尘", "沐尘畲族乡", "330825204")],
                 id="short-name-of-an-ethnic-township-is-its-official-name"),
]


@pytest.mark.parametrize("text,county,expected", TOWNSHIP_CASES)
def test_gazetteer_townships(text: str, county: str | None, expected: list[tuple[str, str, str | None]]) -> None:
    assert towns(text, county) == expected


def test_gazetteer_township_match_type() -> None:
    (m,) = G.find_townships("榆林乡", YANJIN)
    assert m == TownshipMatch(0, 3, "榆林乡", "榆林乡", "410726210")


# ------------------------------------------------------------------------------------ COUNTY
YANJIN_COUNTY = County("延津县", "410726", "新乡市", "河南省")

FIND_COUNTY_CASES = [
    pytest.param("延津政务快报", "410726", id="masthead-short"),
    pytest.param("延津县人民政府办公室", "410726", id="publisher-full"),
    pytest.param("新乡市生态环境局延津分局", "410726", id="city-short-skipped"),
    pytest.param("封丘政务信息", "410727", id="other-short"),
    pytest.param("朝阳县人民政府办公室", "211321", id="full-unique"),
    pytest.param("长春市朝阳区人民政府办公室", "220104", id="full-ambiguous-city-context"),
    pytest.param("北京市朝阳区政务快报", "110105", id="full-ambiguous-province-context"),
    pytest.param("朝阳区人民政府办公室", None, id="full-ambiguous-no-context"),
    pytest.param("通州政务快报", None, id="short-ambiguous-no-context"),
    pytest.param("南通市通州政务快报", "320612", id="short-ambiguous-city-context"),
    pytest.param("新乡政务快报", None, id="short-is-city"),
    pytest.param("政务快报", None, id="no-county"),
    pytest.param("", None, id="empty"),
]


@pytest.mark.parametrize("text,code", FIND_COUNTY_CASES)
def test_gazetteer_find_county(text: str, code: str | None) -> None:
    c = G.find_county(text)
    assert (c.code if c else None) == code


def test_gazetteer_find_county_fields() -> None:
    assert G.find_county("延津政务快报") == YANJIN_COUNTY


INFER_CASES = [
    pytest.param("王楼镇、塔铺街道持续开展巡查，魏邱乡同步推进", "410726", id="yanjin-towns"),
    pytest.param("王楼镇、黄陵镇、赵岗镇联合开展", "410727", id="majority-wins"),
    pytest.param("城关镇召开会议", None, id="single-ambiguous-tie"),
    pytest.param("城关镇、青伊湖镇联合开展", "321322", id="tie-settled-by-a-name-unique-in-china"),
    pytest.param("城关镇、新河镇联合开展", None, id="tie-without-unique-name"),
    pytest.param("近日，龙游县溪口镇举办竹文化节", "330825", id="tie-settled-by-the-county-written-before-it"),
    pytest.param("近日，衢州市溪口镇举办竹文化节", None, id="a-city-before-it-settles-nothing"),
    pytest.param("县民政局开展走访", None, id="no-township"),
    pytest.param("", None, id="empty"),
]


@pytest.mark.parametrize("text,code", INFER_CASES)
def test_gazetteer_infer_county(text: str, code: str | None) -> None:
    c = G.infer_county(text)
    assert (c.code if c else None) == code


# ------------------------------------------------------------------------------------ lexicons
def test_gazetteer_agency_lexicon() -> None:
    lex = set(G.agency_lexicon())
    assert {"县卫健委", "卫健委", "县民政局", "县防指"} <= lex
    assert not {"市场监管", "消防", "融媒"} & lex


def test_gazetteer_township_lexicon() -> None:
    all_names = G.township_lexicon()
    assert len(all_names) > 30000 and "王楼镇" in all_names and "王楼" not in all_names
    yj = set(G.township_lexicon(YANJIN))
    assert {"王楼", "塔铺", "位邱乡", "魏邱乡"} <= yj


def test_gazetteer_default_is_cached() -> None:
    assert Gazetteer.default() is Gazetteer.default()


# ------------------------------------------------------------------------------------ robustness
ROBUST = [
    pytest.param("", id="empty"),
    pytest.param("（商务局 财政局", id="unclosed-bracket"),
    pytest.param("商务局）王楼镇）", id="unopened-bracket"),
    pytest.param("（（（）））（", id="only-brackets"),
    pytest.param("县", id="lone-level-char"),
    pytest.param("乡镇街道", id="suffixes-only"),
    pytest.param("abc 123 ＡＢＣ\n\t", id="no-han"),
]


@pytest.mark.parametrize("text", ROBUST)
def test_gazetteer_robust(text: str) -> None:
    for m in G.find_agencies(text):
        assert text[m.start:m.end] == m.text
    for county in (None, YANJIN):
        for m in G.find_townships(text, county):
            assert text[m.start:m.end] == m.text
    G.find_county(text)
    G.infer_county(text)


def test_gazetteer_unknown_county_code() -> None:
    assert towns("王楼、塔铺等乡镇，魏邱乡", "999999") == [("魏邱乡", "魏邱乡", "410726203")]


def test_gazetteer_unclosed_bracket_keeps_listed_names() -> None:
    assert agencies("（商务局 财政局") == [("商务局", "县商务局"), ("财政局", "县财政局")]


@pytest.mark.slow
def test_gazetteer_long_input_is_consistent() -> None:
    unit = "县民政局联合王楼镇开展走访，塔铺、王楼等乡镇同步推进。（民政局 王楼镇）\n"
    text = unit * 3000
    a = G.find_agencies(text)
    t = G.find_townships(text, YANJIN)
    assert len(a) == 2 * 3000 and len(t) == 4 * 3000
    assert all(text[m.start:m.end] == m.text for m in a + t)  # type: ignore[operator]


def test_gazetteer_matches_are_sorted_and_disjoint() -> None:
    text = "延津县卫健委、县人民医院和王楼镇卫生院（卫健委 王楼镇）"
    for ms in (G.find_agencies(text), G.find_townships(text, YANJIN)):
        ends = [m.end for m in ms]
        starts = [m.start for m in ms]
        assert starts == sorted(starts)
        assert all(e <= s for e, s in zip(ends, starts[1:], strict=False))
