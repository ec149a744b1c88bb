"""Tests for bulletin_nlp.entities.quantities (docs/annotation.md, QUANTITY).

Sentences are written for these tests in the style of 政务快报 bulletins.
"""
from __future__ import annotations

import itertools

import pytest

from bulletin_nlp.entities.quantities import QuantityMatch, find_quantities, is_issue_number
from bulletin_nlp.text.numbers import parse_number
from tests.support import MAX_LINEAR_RATIO, scaling_ratio

P = pytest.param

# (sentence, [(span text, value, unit, qualifier), ...]) — all quantities of the sentence.
FOUND = [
    # --- Arabic numbers with measure words, with and without inner spaces
    P("县民政局为困难群众发放棉被 3200 条。", [("3200 条", 3200.0, "条", None)], id="count-space"),
    P("共检查沿街门店45家。", [("45家", 45.0, "家", None)], id="count-glued"),
    P("组织党员干部 86 名深入一线。", [("86 名", 86.0, "名", None)], id="count-ming"),
    P("排查企业 12 家、商户 37 户，发现问题 9 处。",
      [("12 家", 12.0, "家", None), ("37 户", 37.0, "户", None), ("9 处", 9.0, "处", None)],
      id="several-counts"),
    P("为敬老院送去大米 300 袋、面粉 300 袋。",
      [("300 袋", 300.0, "袋", None), ("300 袋", 300.0, "袋", None)], id="repeated-pair"),
    P("累计巡查河道 1,200 公里。", [("1,200 公里", 1200.0, "公里", None)], id="thousands-comma"),
    # --- 万/亿/千/百 multipliers
    P("全年完成固定资产投资 8731 万元。", [("8731 万元", 87310000.0, "元", None)],
      id="wan-yuan"),
    P("项目总投资 12.6 亿元。", [("12.6 亿元", 1260000000.0, "元", None)], id="yi-yuan-decimal"),
    P("落实小麦统防统治 15 万亩。", [("15 万亩", 150000.0, "亩", None)], id="wan-mu"),
    P("印发明白纸 3 万份。", [("3 万份", 30000.0, "份", None)], id="wan-fen"),
    P("参与群众达2.5万人次。", [("2.5万人次", 25000.0, "人次", None)], id="mixed-wan-renci"),
    P("发放补贴 8 千元。", [("8 千元", 8000.0, "元", None)], id="qian-yuan"),
    P("争取专项资金 2 千万元。", [("2 千万元", 20000000.0, "元", None)], id="qianwan-yuan"),
    P("新增装机容量 10 万千瓦。", [("10 万千瓦", 100000.0, "千瓦", None)], id="wan-qianwa"),
    P("修建生产道路 3 千米。", [("3 千米", 3.0, "千米", None)], id="qianmi-is-unit"),
    # --- percentages
    P("同比增长 12.5%。", [("12.5%", 12.5, "%", None)], id="percent-ascii"),
    P("占全县总量的 37.4％。", [("37.4％", 37.4, "%", None)], id="percent-fullwidth"),
    P("群众满意率达到百分之九十八点六。", [("百分之九十八点六", 98.6, "%", None)],
      id="percent-chinese-decimal"),
    P("覆盖率提升百分之三十。", [("百分之三十", 30.0, "%", None)], id="percent-chinese"),
    P("实现百分之百全覆盖。", [("百分之百", 100.0, "%", None)], id="percent-hundred"),
    P("优良天数比例提高 3.2 个百分点。", [("3.2 个百分点", 3.2, "个百分点", None)],
      id="percentage-points"),
    # --- compound and bracketed units
    P("累计服务群众 1800 人次。", [("1800 人次", 1800.0, "人次", None)], id="renci"),
    P("检查车辆 260 台次、运输企业 14 家次。",
      [("260 台次", 260.0, "台次", None), ("14 家次", 14.0, "家次", None)], id="taici-jiaci"),
    P("走访农户 530 户次。", [("530 户次", 530.0, "户次", None)], id="huci"),
    P("出动执法车辆 42 车次。", [("42 车次", 42.0, "车次", None)], id="checi"),
    P("PM2.5 平均浓度 46 微克/立方米。", [("46 微克/立方米", 46.0, "微克/立方米", None)],
      id="microgram-per-m3"),
    P("改造老旧小区 2.3 万平方米。", [("2.3 万平方米", 23000.0, "平方米", None)],
      id="square-metre"),
    P("清运淤泥 1800 立方米。", [("1800 立方米", 1800.0, "立方米", None)], id="cubic-metre"),
    P("铺设管网 960 米。", [("960 米", 960.0, "米", None)], id="metre"),
    P("收购玉米 3.5 万吨。", [("3.5 万吨", 35000.0, "吨", None)], id="wan-ton"),
    P("年发电量 1200 万千瓦时。", [("1200 万千瓦时", 12000000.0, "千瓦时", None)], id="kwh"),
    P("建成光伏电站 20 兆瓦。", [("20 兆瓦", 20.0, "兆瓦", None)], id="megawatt"),
    P("收购价格为 2700 元/吨。", [("2700 元/吨", 2700.0, "元/吨", None)], id="yuan-per-ton"),
    P("每人每月补助 200 元/月。", [("200 元/月", 200.0, "元/月", None)], id="yuan-per-month"),
    P("配备应急照明设备 45 台（套）。", [("45 台（套）", 45.0, "台（套）", None)],
      id="bracket-tai-tao"),
    P("储备编织袋 800 件（个）。", [("800 件（个）", 800.0, "件（个）", None)],
      id="bracket-jian-ge"),
    P("配发救生衣 120 件(套)。", [("120 件(套)", 120.0, "件（套）", None)], id="bracket-ascii"),
    P("转运物资 15 kg。", [("15 kg", 15.0, "千克", None)], id="latin-unit"),
    # --- qualifiers
    P("硬化道路 300 余公里。", [("300 余公里", 300.0, "公里", "余")], id="yu-space"),
    P("发现隐患 30余条。", [("30余条", 30.0, "条", "余")], id="yu-glued"),
    P("组织志愿者 200 多人。", [("200 多人", 200.0, "人", "多")], id="duo"),
    P("吸纳就业 2 万余人。", [("2 万余人", 20000.0, "人", "余")], id="wan-yu"),
    P("带动群众增收 1000 多万元。", [("1000 多万元", 10000000.0, "元", "多")], id="duo-wan"),
    P("预计年产值近 20 亿元。", [("近 20 亿元", 2000000000.0, "元", "近")], id="jin"),
    P("参训人员约 150 人。", [("约 150 人", 150.0, "人", "约")], id="yue"),
    P("累计接待游客超 5 万人次。", [("超 5 万人次", 50000.0, "人次", "超")], id="chao"),
    P("惠及群众逾 3000 户。", [("逾 3000 户", 3000.0, "户", "逾")], id="yu-before"),
    P("出动执法人员超过 200 人次。", [("超过 200 人次", 200.0, "人次", "超过")], id="chaoguo"),
    P("库存不足 50 吨。", [("不足 50 吨", 50.0, "吨", "不足")], id="buzu"),
    P("工期将近 90 天。", [("将近 90 天", 90.0, "天", "将近")], id="jiangjin"),
    P("培训 100 人以上。", [("100 人以上", 100.0, "人", "以上")], id="yishang"),
    P("单次不超 5 人以下规模。", [("超 5 人以下", 5.0, "人", "超")], id="prefix-wins"),
    P("降幅 15%左右。", [("15%左右", 15.0, "%", "左右")], id="zuoyou"),
    P("为 60 岁以上老人体检。", [("60 岁以上", 60.0, "岁", "以上")], id="age-yishang"),
    # --- qualifier look-alikes inside words
    P("节约资金 30 万元。", [("30 万元", 300000.0, "元", None)], id="jieyue-not-qualifier"),
    P("签约项目 6 个。", [("6 个", 6.0, "个", None)], id="qianyue-not-qualifier"),
    P("检查商超 40 家。", [("40 家", 40.0, "家", None)], id="shangchao-not-qualifier"),
    P("最近 3 天降雨。", [("3 天", 3.0, "天", None)], id="zuijin-not-qualifier"),
    # --- Chinese numerals
    P("选派两名技术骨干驻村指导。", [("两名", 2.0, "名", None)], id="cn-liang"),
    P("召开专题会议三次。", [("三次", 3.0, "次", None)], id="cn-san"),
    P("走访慰问困难群众三十户。", [("三十户", 30.0, "户", None)], id="cn-sanshi"),
    P("辖区共有养老机构十五家。", [("十五家", 15.0, "家", None)], id="cn-shiwu"),
    P("招录公益性岗位一千二百名。", [("一千二百名", 1200.0, "名", None)], id="cn-yiqianerbai"),
    P("参与志愿者二十余人。", [("二十余人", 20.0, "人", "余")], id="cn-ershi-yu"),
    P("兑付资金三十余万元。", [("三十余万元", 300000.0, "元", "余")], id="cn-yu-wan"),
    P("发放宣传册两千份。", [("两千份", 2000.0, "份", None)], id="cn-liangqian"),
    P("新建机井一百零五眼，清淤沟渠两万五千米。",
      [("一百零五眼", 105.0, "眼", None), ("两万五千米", 25000.0, "米", None)], id="cn-lingwu-and-wanqian"),
    P("开展远程会诊 4800 余例，接种疫苗 1.86 万剂次。",
      [("4800 余例", 4800.0, "例", "余"), ("1.86 万剂次", 18600.0, "剂次", None)], id="medical-units"),
    P("实行“一个项目、一名领导、一个专班”推进机制，推行“一件事一次办”。", [], id="numerals-inside-slogan-quotes"),
    P("实行一个项目、一名领导、一个专班跟踪服务，做到收一块、清一块、种一块。", [], id="parallel-yi-series"),
    P("建立一个机制，配备灭火器2000具。", [("一个", 1.0, "个", None), ("2000具", 2000.0, "具", None)],
      id="single-yi-and-ju"),
    P("吸引近百家企业参展。", [("近百家", 100.0, "家", "近")], id="cn-bare-bai-with-jin"),
    P("培训村干部百余人。", [("百余人", 100.0, "人", "余")], id="cn-bare-bai-with-yu"),
    P("覆盖群众万余人次。", [("万余人次", 10000.0, "人次", "余")], id="cn-bare-wan-renci"),
    P("新增储能五千瓦。", [("五千瓦", 5.0, "千瓦", None)], id="cn-qianwa-backoff"),
    P("建立一个工作机制。", [("一个", 1.0, "个", None)], id="cn-yi-ge-counts"),
    P("发生一起交通事故。", [("一起", 1.0, "起", None)], id="cn-yiqi-case"),
    # --- full-width digits
    P("排查隐患２３处。", [("２３处", 23.0, "处", None)], id="fullwidth-count"),
    P("投入资金１２３４５万元，增长５４．８％。",
      [("１２３４５万元", 123450000.0, "元", None), ("５４．８％", 54.8, "%", None)],
      id="fullwidth-wan-percent"),
    P("排查隐患２３　处。", [("２３　处", 23.0, "处", None)], id="ideographic-space"),
    # --- durations are quantities; calendar words are not
    P("实行 24 小时值守。", [("24 小时", 24.0, "小时", None)], id="hours"),
    P("问题整改须在 3 天内完成。", [("3 天", 3.0, "天", None)], id="days"),
    P("五个工作日内办结。", [("五个工作日", 5.0, "个工作日", None)], id="working-days"),
    P("集中攻坚 3 个月。", [("3 个月", 3.0, "个月", None)], id="months-duration"),
    P("连续 3 年获评先进。", [("3 年", 3.0, "年", None)], id="years-duration"),
    P("近两年来累计投入。", [("近两年", 2.0, "年", "近")], id="years-duration-cn"),
    P("平均处置时间 30 分钟。", [("30 分钟", 30.0, "分钟", None)], id="minutes"),
    # --- page breaks and whitespace inside the span
    P("严格落实 24\n\n小时值守。", [("24\n\n小时", 24.0, "小时", None)], id="newline-inside"),
    P("处置路面病\n\n害6处。", [("6处", 6.0, "处", None)], id="newline-before"),
    P("完成投资 5452\n万元。", [("5452\n万元", 54520000.0, "元", None)],
      id="newline-before-multiplier"),
    # --- qualifiers before the number (issue 11)
    P("确保新开工项目不少于 15 个。", [("不少于 15 个", 15.0, "个", "不少于")], id="not-less-than"),
    P("新增泊位至少1200个。", [("至少1200个", 1200.0, "个", "至少")], id="at-least"),
    P("最多30日内答复。", [("最多30日", 30.0, "日", "最多")], id="at-most-days-within"),
    P("办结时间不超过3个月。", [("不超过3个月", 3.0, "个月", "不超过")], id="not-more-than"),
    P("产值突破300亿元。", [("突破300亿元", 30000000000.0, "元", "突破")], id="breaks-through"),
    # --- combined units and a bare 万
    P("检查预警设施420个次。", [("420个次", 420.0, "个次", None)], id="gege-ci"),
    P("检查经营主体1240家次。", [("1240家次", 1240.0, "家次", None)], id="jia-ci"),
    P("达成就业意向万余名。", [("万余名", 10000.0, "名", "余")], id="bare-wan-yu"),
    P("带动就业万人以上。", [("万人以上", 10000.0, "人", "以上")], id="bare-wan-yishang"),
    P("在10日内完成整改。", [("10日", 10.0, "日", None)], id="days-within"),
    # --- a unit written twice: reduplication only after 一 (一户户), else a count then a word (户均)
    P("带动种植户620多户户均增收0.8万元。",
      [("620多户", 620.0, "户", "多"), ("0.8万元", 8000.0, "元", None)], id="unit-then-same-char"),
    P("干部一户户上门走访。", [], id="reduplication"),
    # --- named sets and policies with numerals: no figures
    P("确保实现人员伤亡、重大损失两个“零”目标，落实四个“不摘”要求。", [], id="named-sets-in-quotes"),
    P("建成3个“美丽庭院”示范点。", [("3个", 3.0, "个", None)], id="arabic-count-before-quote"),
    P("严格落实长江十年禁渔。", [], id="ten-year-fishing-ban"),
    P("开设书法、足球等特色课程30余门，新开门店12家。",
      [("30余门", 30.0, "门", "余"), ("12家", 12.0, "家", None)], id="courses-men"),
    P("推行一门式办理，赴三门峡市考察。", [], id="men-in-words-and-names"),
    P("清理机动地260余垧。", [("260余垧", 260.0, "垧", "余")], id="shang-land-unit"),
    P("朱鹮野外巢数达近200巢。", [("近200巢", 200.0, "巢", "近")], id="nests"),
    P("物流园二期主体完工，举办培训班三期。", [("三期", 3.0, "期", None)], id="phase-after-a-project"),
    P("前9个月完成投资，近3个月新增就业。", [("近3个月", 3.0, "个月", "近")], id="first-n-months-a-period"),
    P("发放两项补贴1860万元，围绕两条主线推进。", [("1860万元", 18600000.0, "元", None)], id="named-packages"),
]

# Sentences with nothing to find, or only the listed quantities: the exclusions.
EXCLUDED = [
    P("2024 年 5 月 6 日召开会议。", [], id="date"),
    P("2023年，全县经济稳中有进。", [], id="year-glued"),
    P("二〇二四年工作要点。", [], id="year-chinese"),
    P("1-4 月，全县实现增长。", [], id="month-range"),
    P("2 月份以来，持续开展检查。", [], id="month-fen"),
    P("一季度，技改投资快速增长。", [], id="quarter"),
    P("计划第四季度开工。", [], id="ordinal-quarter"),
    P("上半年完成目标任务。", [], id="half-year"),
    P("本期为第 12 期。", [], id="ordinal-issue"),
    P("第一批资金已到位。", [], id="ordinal-batch"),
    P("全市排名第 1。", [], id="ordinal-rank"),
    P("第三方机构参与评估。", [], id="ordinal-third-party"),
    P("落实“一周一通报、一月一评比”制度。", [], id="slogan-weekly"),
    P("开展“七查一打”专项行动。", [], id="slogan-qicha"),
    P("做到一户一档、一人一策。", [], id="slogan-per-household"),
    P("成立六大共享服务中心。", [], id="name-liuda"),
    P("为辖区五保户送去慰问品。", [], id="wubaohu"),
    P("构建防汛物资“一张图”。", [], id="yi-zhang-tu"),
    P("推进“60·80”项目建设。", [], id="name-dotted"),
    P("完成“十项民生实事”项目。", [], id="quoted-name"),
    P("引进小麦新品种轮选 66 号。", [], id="variety-hao"),
    P("PM2.5 和 PM10 浓度下降。", [], id="pm-identifiers"),
    P("G107 国道改造完成。", [], id="road-id"),
    P("大气综合指数为 4.512。", [], id="bare-number"),
    P("统一部署，进一步加强一线力量。", [], id="yi-words"),
    P("大家一起努力。", [], id="yiqi-together"),
    P("开工建设一批重点项目。", [], id="yipi-idiom"),
    P("推行一次性告知制度。", [], id="yicixing"),
    P("每一个村都建立台账。", [], id="mei-yi"),
    P("新一轮督查即将开始。", [], id="xin-yi-lun"),
    P("连续四次排名最后一名。", [("四次", 4.0, "次", None)], id="last-place"),
    P("成为全市唯一一家试点单位。", [], id="weiyi-yijia"),
    P("千家万户受益，百姓满意。", [], id="bare-multipliers"),
    P("吸引数十家企业参展。", [], id="imprecise-shu"),
    P("招聘十几名护林员。", [], id="imprecise-ji"),
    P("两三天即可完成。", [], id="malformed-liangsan"),
    P("落实蓝天卫士 24 小时值班带班制度。", [], id="duty-system-name"),
    P("实施人居环境整治三年行动。", [], id="campaign-name"),
    P("上百家企业参与。", [], id="bare-bai-without-qualifier"),
    P("落实 24\n\n小时值班制度。", [], id="duty-system-name-page-break"),
    P("印发《关于做好 3 项重点工作的通知》。", [], id="document-title"),
    P("培训 3-5 人。", [], id="range-hyphen"),
    P("3至5天内完成。", [], id="range-zhi"),
    P("三至五天内完成。", [], id="range-cn"),
    P("每组 3～5 万元。", [], id="range-wan"),
    P("每户补助 3 万元至 5 万元。", [], id="range-both-units"),
    P("每村 2 人到 4 人。", [], id="range-dao-both-units"),
    P("十一期间加强值守。", [], id="holiday"),
    P("项目一个个落地，实事一件件办好。", [], id="reduplication"),
    P("2024.5.6 起施行。", [], id="dotted-date"),
    P("按 1/3 比例配置。", [], id="fraction"),
    P("5G 基站建设加快。", [], id="5g"),
    P("共 1,23 人。", [], id="bad-grouping"),
    P("处理问题 5 处理完毕。", [], id="not-unit-word"),
    P("三年一次全面体检。", [], id="slogan-nxn-year"),
    P("2024 年度考核。", [], id="year-du"),
    # --- numerals in set phrases (issue 11)
    P("县十六届人大三次会议期间提出建议。", [], id="session-ordinal"),
    P("县政协十二届三次会议提案。", [], id="session-ordinal-cppcc"),
    P("其中第3、4项进展滞后。", [], id="ordinal-list"),
    P("第11、12项由县领导领办。", [], id="ordinal-list-two-digits"),
    P("位列后两位的乡镇要整改。", [], id="rank"),
    P("推出作风建设十项举措。", [], id="named-measures"),
    P("营造一个风清气正的良好氛围。", [], id="article-yige"),
    P("走出了一条联农带农的新路子。", [], id="article-yitiao"),
    P("推行一件事一次办。", [], id="slogan-one-stop"),
    P("打通服务群众最后一公里。", [], id="slogan-last-mile"),
    P("21日召开会议。", [], id="day-is-date"),
    P("其中亿元以上项目 6 个。", [("6 个", 6.0, "个", None)], id="class-threshold"),
    P("召开3次会议。", [("3次", 3.0, "次", None)], id="meetings-count"),
    P("出台10项举措。", [("10项", 10.0, "项", None)], id="measures-count-arabic"),
]


@pytest.mark.parametrize("text,start,end,expected", [
    ("宣汉政务快报\n\n962 期\n", 8, 13, True),
    ("督查通报\n\n第 十 二 期\n", 10, 13, True),
    ("    5期\n", 4, 6, True),
    ("共编发简报2期，", 5, 7, False),
    ("巫溪要情\n1288 期 / 第1版\n", 5, 12, True),  # an e-paper's issue and page
])
def test_issue_number_lines(text: str, start: int, end: int, expected: bool) -> None:
    assert is_issue_number(text, start, end) is expected


def _tuples(text: str) -> list[tuple[str, float, str, str | None]]:
    return [(q.text, q.value, q.unit, q.qualifier) for q in find_quantities(text)]


@pytest.mark.parametrize(("text", "expected"), FOUND + EXCLUDED)
def test_quantities_found_in_examples(text: str, expected: list) -> None:
    assert _tuples(text) == expected


@pytest.mark.parametrize(("text", "expected"), FOUND + EXCLUDED)
def test_quantities_span_is_slice(text: str, expected: list) -> None:
    for q in find_quantities(text):
        assert text[q.start:q.end] == q.text


def test_quantities_bulletin_item() -> None:
    text = ("县城市管理局全力做好道路除雪保畅 组织环卫工人 350 余名、除雪车辆 12 台，"
            "对主次干道开展 24 小时不间断清扫，累计清理积雪 1.2 万平方米，撒布融雪剂 8 吨，"
            "主干道通行率达到 100%。（城市管理局）\n\n第 7 期")
    assert _tuples(text) == [
        ("350 余名", 350.0, "名", "余"), ("12 台", 12.0, "台", None),
        ("24 小时", 24.0, "小时", None), ("1.2 万平方米", 12000.0, "平方米", None),
        ("8 吨", 8.0, "吨", None), ("100%", 100.0, "%", None)]
    matches = find_quantities(text)
    assert all(a.end <= b.start for a, b in itertools.pairwise(matches))
    assert all(isinstance(q, QuantityMatch) and isinstance(q.value, float) for q in matches)


@pytest.mark.parametrize("text", [
    P("", id="empty"),
    P("1" * 10000, id="digits-10k"),
    P("1" * 10000 + " 元", id="digits-10k-unit"),
    P("9" * 400 + "万元", id="overflow-wan"),
    P("1." * 5000, id="dotted-run"),
    P("一" * 5000 + "个", id="cn-run"),
    P("近近近 5 余余 多 万万万 个个", id="qualifier-soup"),
    P("百分之", id="percent-prefix-only"),
    P("5 (", id="open-bracket"),
    P("5 元/", id="open-rate"),
    P("《 3 个", id="unclosed-title"),
    P("abc 123 xyz ｘ１２ｙ", id="mixed-scripts"),
    P("5 单位 7 foo 9 ◎", id="unknown-units"),
    P("\n\n\n 5\n\n\n\n\n个", id="too-much-whitespace"),
    P("1-2-3-4 人", id="chained-range"),
])
def test_quantities_robust(text: str) -> None:
    matches = find_quantities(text)
    assert all(text[q.start:q.end] == q.text for q in matches)
    assert all(a.end <= b.start for a, b in itertools.pairwise(matches))


def test_quantities_overflow_is_skipped() -> None:
    assert find_quantities("9" * 400 + "万元") == []
    assert find_quantities("1" * 10000 + " 元") == []


PATHOLOGICAL_UNITS = ["一", "1,", "近", "万", "9", "1余多", "1 个"]


@pytest.mark.slow
@pytest.mark.parametrize("unit", PATHOLOGICAL_UNITS)
def test_quantities_pathological_input_takes_linear_time(unit: str) -> None:
    """Runs of number characters, qualifiers and multipliers: 10x the text takes about 10x the time."""

    def run(repeats: int) -> None:
        matches = find_quantities("1" + unit * repeats if unit == "万" else unit * repeats)
        assert all(a.end <= b.start for a, b in itertools.pairwise(matches))

    assert scaling_ratio(run, 10_000 // len(unit)) < MAX_LINEAR_RATIO


try:
    from hypothesis import given, settings
    from hypothesis import strategies as st
except ImportError:  # hypothesis is an optional test dependency
    given = None

if given is not None:
    _ALPHABET = list("0123456789０１．.,-至~ 　\n一二两三十百千万亿零点余多近约超第个家人次"
                     "台（套）(/)元吨米亩%％以上左右“”《》·PM年月日小时天制度期间百分之不足")

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet=_ALPHABET, max_size=40))
    def test_quantities_invariants_on_random_text(text: str) -> None:
        matches = find_quantities(text)
        assert all(text[q.start:q.end] == q.text for q in matches)
        assert all(a.end <= b.start for a, b in itertools.pairwise(matches))
        assert all(q.value == q.value and q.value != float("inf") for q in matches)
        parse_number(text)


@pytest.mark.parametrize("text,expected", [
    ("文冠果种植项目二期完成招标", []),
    ("产业园道路工程二期投资800万元", [("800万元", 8000000.0, "元")]),
    ("全年开展培训二期", [("二期", 2.0, "期")]),
])
def test_a_project_phase_is_not_a_count(text: str, expected: list[tuple[str, float, str]]) -> None:
    assert [(m.text, m.value, m.unit) for m in find_quantities(text)] == expected


@pytest.mark.parametrize("text,expected", [
    ("组织专业队伍对全县18个乡镇开展普查", [("18个", 18.0, "个", None)]),
    ("组建基层抢险队伍万余名", [("万余名", 10000.0, "名", "余")]),
    ("退伍军人3名、陆续返乡2人", [("3名", 3.0, "名", None), ("2人", 2.0, "人", None)]),
    ("人民币伍万元整", [("伍万元", 50000.0, "元", None)]),
])
def test_capital_numerals_inside_words_are_not_numbers(
        text: str, expected: list[tuple[str, float, str, str | None]]) -> None:
    assert [(m.text, m.value, m.unit, m.qualifier) for m in find_quantities(text)] == expected


@pytest.mark.parametrize("text,expected", [
    ("窗口单位前三名：县税务局", []),
    ("排名后两位的乡镇作表态发言", []),
    ("会上先后两名代表发言", [("两名", 2.0, "名", None)]),
    ("上一篇：政务信息第6期", []),
    ("报上一级部门审核", []),
    ("比上一年增长5%", [("5%", 5.0, "%", None)]),
])
def test_ranks_and_previous_or_next_are_not_counts(
        text: str, expected: list[tuple[str, float, str, str | None]]) -> None:
    assert [(m.text, m.value, m.unit, m.qualifier) for m in find_quantities(text)] == expected


@pytest.mark.parametrize("text,expected", [
    ("加装电梯11部，新增停车位40个", [("11部", 11.0, "部", None), ("40个", 40.0, "个", None)]),
    ("联合3部门开展检查", []),
    ("依托国家一类口岸推动边贸", []),
    ("投入收割机具逾3600台套", [("逾3600台套", 3600.0, "台套", "逾")]),
    ("操办宴席28桌", [("28桌", 28.0, "桌", None)]),
    ("增殖放流鱼苗30万尾", [("30万尾", 300000.0, "尾", None)]),
    ("第一名：城关镇  95.2分", [("95.2分", 95.2, "分", None)]),
    ("上午9时30分召开，8:30分集合", []),  # times of day, not points
    ("资金3分别用于", []),
    ("改造完成年度任务八成", [("八成", 8.0, "成", None)]),  # a share in tenths
    ("建成投产，一成不变，成员单位", []),
])
def test_the_measure_word_bu_and_class_names(
        text: str, expected: list[tuple[str, float, str, str | None]]) -> None:
    assert [(m.text, m.value, m.unit, m.qualifier) for m in find_quantities(text)] == expected
