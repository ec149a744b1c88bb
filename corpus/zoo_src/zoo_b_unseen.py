"""Zoo bulletins (zoob, unseen set): kept from the code until the final measure.  Written for this
project in layouts seen in real county bulletins; not copied; figures, names and events invented.
Notation: see build.py."""

BULLETINS = []

# ---------------------------------------------------------------- u1 ● headline lines, 来源：X lines, no sections
BULLETINS.append(dict(
    id="huanan_2024_12", county="桦南县",
    note="工作简报 layout: no 【】 sections; items open with a ● headline line, body paragraph(s) below, and a "
         "来源：X line (two sources separated by 、); one item without a source line; date 2024年5月9日; "
         "县农业农村局, 县人社局, 县税务局 (vertical), 佳木斯市农业农村局 (city); 公顷; 逾; 万余元; distractors "
         "春播, 一喷三防, 五一; footer 报：/送：/编辑 lines",
    title="桦南工作简报", issue=12, date="2024-05-09", publisher="桦南县人民政府办公室",
    text="""桦南工作简报

第12期

桦南县人民政府办公室              2024年5月9日

●全县春播生产进度过半
县农业农村局会同佳木斯市农业农村局专家组，分片指导各乡镇抢抓农时开展春播，截至5月8日全县完成大田播种6.8万公顷，占计划面积的54%，投入农机具逾4200台套。
驼腰子镇、孟家岗镇率先完成水稻插秧，共插秧1.2万亩。
来源：县农业农村局、驼腰子镇

●县人社局开展“五一”劳动保障专项检查
县人社局对全县建筑工地、餐饮企业开展劳动保障专项检查，检查用人单位86家，督促补签劳动合同310份，为农民工追回工资85万余元。
来源：县人社局

●土龙山镇为企业送政策上门
土龙山镇联合县税务局开展税费优惠政策宣讲，走访企业27家，帮助企业享受减税降费136万元。

报：市政府办公室
送：县委、县人大、县政府、县政协领导，各乡镇，县直各部门
编辑：孙  丽
""",
    sections=[(None, None, [
        ("●全县春播", "来源：县农业农村局、驼腰子镇", "全县春播生产进度过半", ["县农业农村局", "驼腰子镇"], "agriculture_rural"),
        ("●县人社局开展", "来源：县人社局", "县人社局开展“五一”劳动保障专项检查", ["县人社局"], "social_welfare"),
        ("●土龙山镇", "136万元。", "土龙山镇为企业送政策上门", [], "business_finance"),
    ])],
    ents="""
A|桦南县人民政府办公室|县人民政府办公室
A|县农业农村局|县农业农村局
A|佳木斯市农业农村局|佳木斯市农业农村局|city
Q|6.8万公顷|68000|公顷
Q|54%|54|%
Q|逾4200台套|4200|台套|逾
T|驼腰子镇|驼腰子镇
T|孟家岗镇|孟家岗镇
Q|1.2万亩|12000|亩
A|县农业农村局|县农业农村局
T|驼腰子镇|驼腰子镇
A|县人社局|县人力资源和社会保障局
A|县人社局|县人力资源和社会保障局
Q|86家|86|家
Q|310份|310|份
Q|85万余元|850000|元|余
A|县人社局|县人力资源和社会保障局
T|土龙山镇|土龙山镇
T|土龙山镇|土龙山镇
A|县税务局|县税务局
Q|27家|27|家
Q|136万元|1360000|元
""",
    footer_anchor="报：市政府办公室",
    footer={"distribution": ["市政府办公室", "县委", "县人大", "县政府", "县政协领导", "各乡镇", "县直各部门"],
            "editor": "孙丽", "reviewer": None, "issuer": None},
))

# ---------------------------------------------------------------- u2 ◆ items, ASCII (供稿:X), traditional item
BULLETINS.append(dict(
    id="zijin_2023_07", county="紫金县",
    note="web-copied 政务信息: ◆ items with no headline; source variant in ASCII brackets and colon (供稿:X) and "
         "(X供稿); one item in traditional characters (縣水務局, 藍塘鎮, 萬元); 【】 sections; a run of blank "
         "lines and a line of spaces between items; 县水务局 (alias of 县水利局), 县文广旅体局 (not in "
         "agencies.tsv, kept as written), 河源市水务局 (city); 宗; 超过; distractors 三月三, 百千万工程, "
         "2023年度; footer 本期发 + 编辑/审核/签发 on one line",
    title="紫金政务信息", issue=7, date="2023-04-14", publisher="紫金县人民政府办公室",
    text="""紫金政务信息

第7期

紫金县人民政府办公室                2023年4月14日

【百千万工程】

◆蓝塘镇以“百千万工程”为牵引推进典型村建设，投入资金超过2600万元，完成村道硬化18公里、农房微改造420户，打造示范村5个。(供稿:蓝塘镇)

◆縣水務局會同河源市水务局對藍塘鎮、臨江鎮等地的山塘水庫開展汛前檢查，排查山塘水庫46宗，整改隱患21處，投入維修資金320萬元。(縣水務局供稿)
   



【文旅体育】

◆县文广旅体局举办“三月三”民俗文化活动，吸引游客3.6万人次，带动消费1100万元。(供稿:县文广旅体局)

本期发：县委、县人大、县政府、县政协领导，各镇，县直各单位。
编辑：钟  敏  审核：刘华  签发：黄志强
""",
    sections=[
        ("百千万工程", "【百千万工程】", [
            ("◆蓝塘镇", "(供稿:蓝塘镇)", None, ["蓝塘镇"], "agriculture_rural"),
            ("◆縣水務局", "(縣水務局供稿)", None, ["縣水務局"], "safety_emergency"),
        ]),
        ("文旅体育", "【文旅体育】", [("◆县文广旅体局", "(供稿:县文广旅体局)", None, ["县文广旅体局"], "education_culture")]),
    ],
    ents="""
A|紫金县人民政府办公室|县人民政府办公室
T|蓝塘镇|蓝塘镇
Q|超过2600万元|26000000|元|超过
Q|18公里|18|公里
Q|420户|420|户
Q|5个|5|个
T|蓝塘镇|蓝塘镇
A|縣水務局|县水利局
A|河源市水务局|河源市水务局|city
T|藍塘鎮|蓝塘镇
T|臨江鎮|临江镇
Q|46宗|46|宗
Q|21處|21|处
Q|320萬元|3200000|元
A|縣水務局|县水利局
A|县文广旅体局|县文广旅体局
Q|3.6万人次|36000|人次
Q|1100万元|11000000|元
A|县文广旅体局|县文广旅体局
""",
    footer_anchor="本期发：",
    footer={"distribution": ["县委", "县人大", "县政府", "县政协领导", "各镇", "县直各单位"],
            "editor": "钟敏", "reviewer": "刘华", "issuer": "黄志强"},
))

# ---------------------------------------------------------------- u3 indentation items, （X供稿）, blank runs
BULLETINS.append(dict(
    id="lishu_2024_19", county="梨树县",
    note="工作动态 layout: items are paragraphs opened by full-width indentation with no headline, separated by "
         "blank lines and a line of spaces; source variant （X供稿） closing each item; a run of five blank "
         "lines where a page was cut; 【】 sections; issue line 第19期（总第1023期）; 县农业农村局, 县畜牧业"
         "管理局 (not in agencies.tsv), 县应急局, 四平市气象局 (city); 头; 不少于; distractors 黑土地保护, "
         "梨树模式, 一网统管; footer 本期发",
    title="梨树工作动态", issue=19, issue_total=1023, date="2024-07-11", publisher="梨树县人民政府办公室",
    text="""梨树工作动态

第19期（总第1023期）

梨树县人民政府办公室                2024年7月11日

【农业生产】

　　县农业农村局持续推广“梨树模式”，在榆树台镇、蔡家镇等地建设保护性耕作示范基地12处，全县保护性耕作面积达到320万亩，每个示范基地配备技术指导员不少于2名。（县农业农村局供稿）
   
　　县畜牧业管理局组织开展夏季动物防疫，累计免疫生猪18.6万头、牛羊7.2万头，抽检血清样品1500份。（县畜牧业管理局供稿）





【防汛减灾】

　　县应急局联合四平市气象局开展汛期会商，提前转移低洼地带群众260人，在小宽镇、白山乡储备编织袋4万条。（县应急局供稿）

本期发：县委、县人大、县政府、县政协领导，各乡镇（街道），县直各部门。
""",
    sections=[
        ("农业生产", "【农业生产】", [
            ("县农业农村局持续", "（县农业农村局供稿）", None, ["县农业农村局"], "agriculture_rural"),
            ("县畜牧业管理局组织", "（县畜牧业管理局供稿）", None, ["县畜牧业管理局"], "agriculture_rural"),
        ]),
        ("防汛减灾", "【防汛减灾】", [("县应急局联合", "（县应急局供稿）", None, ["县应急局"], "safety_emergency")]),
    ],
    ents="""
A|梨树县人民政府办公室|县人民政府办公室
A|县农业农村局|县农业农村局
T|榆树台镇|榆树台镇
T|蔡家镇|蔡家镇
Q|12处|12|处
Q|320万亩|3200000|亩
Q|不少于2名|2|名|不少于
A|县农业农村局|县农业农村局
A|县畜牧业管理局|县畜牧业管理局
Q|18.6万头|186000|头
Q|7.2万头|72000|头
Q|1500份|1500|份
A|县畜牧业管理局|县畜牧业管理局
A|县应急局|县应急管理局
A|四平市气象局|四平市气象局|city
Q|260人|260|人
T|小宽镇|小宽镇
T|白山乡|白山乡
Q|4万条|40000|条
A|县应急局|县应急管理局
""",
    footer_anchor="本期发：",
    footer={"distribution": ["县委", "县人大", "县政府", "县政协领导", "各乡镇（街道）", "县直各部门"],
            "editor": None, "reviewer": None, "issuer": None},
))

# ---------------------------------------------------------------- u4 目录 + numbered title lines + (见附表2) + 附件 xlsx
BULLETINS.append(dict(
    id="pingyao_2024_04", county="平遥县",
    note="政务信息 layout: a 目录 list of the items' headlines after the masthead (not items); items open with "
         "一、二、三、 numbered title lines, body below, no source brackets; a body ending in (见附表2) and one "
         "with （详见附件）; 附件：…xlsx lines after the last item (outside it); issue 2024年第4期; 县文旅局, "
         "县住建局, 晋中市住建局 (city); 万人次; 栋; distractors 古城, 五一, 第一批, 两节; footer 送：",
    title="平遥政务信息", issue=4, date="2024-05-10", publisher="平遥县人民政府办公室",
    text="""平遥政务信息

2024年第4期

平遥县人民政府办公室                2024年5月10日

目  录
一、“五一”假期全县旅游市场平稳有序
二、古城街道推进传统民居保护修缮
三、洪善镇开展农村危房排查

一、“五一”假期全县旅游市场平稳有序
“五一”假期，县文旅局强化景区客流管控和市场秩序监管，全县接待游客48.6万人次，实现旅游收入3.9亿元，各景区未发生安全事故。各景区接待情况(见附表2)

二、古城街道推进传统民居保护修缮
古城街道会同县住建局、晋中市住建局专家，对辖区传统民居开展保护性修缮，第一批修缮民居38栋，完成投资2100万元（详见附件）。

三、洪善镇开展农村危房排查
洪善镇组织技术人员对辖区农房逐户排查，排查农房3260户，鉴定C级、D级危房17户，已全部落实“两节”前搬离措施。

附件：1.“五一”假期各景区接待情况统计表.xlsx
2.古城街道传统民居修缮清单.xlsx

送：县委、县人大、县政府、县政协领导，县直各单位。
""",
    sections=[(None, None, [
        ("一、“五一”假期全县旅游市场平稳有序\n“五一”假期，", "(见附表2)", "“五一”假期全县旅游市场平稳有序", [], "education_culture"),
        ("二、古城街道推进传统民居保护修缮\n古城", "（详见附件）。", "古城街道推进传统民居保护修缮", [], "transport_urban"),
        ("三、洪善镇开展农村危房排查\n洪善镇", "搬离措施。", "洪善镇开展农村危房排查", [], "transport_urban"),
    ])],
    ents="""
A|平遥县人民政府办公室|县人民政府办公室
T|古城街道|古城街道
T|洪善镇|洪善镇
A|县文旅局|县文化广电和旅游局
Q|48.6万人次|486000|人次
Q|3.9亿元|390000000|元
T|古城街道|古城街道
T|古城街道|古城街道
A|县住建局|县住房和城乡建设局
A|晋中市住建局|晋中市住建局|city
Q|38栋|38|栋
Q|2100万元|21000000|元
T|洪善镇|洪善镇
T|洪善镇|洪善镇
Q|3260户|3260|户
Q|17户|17|户
T|古城街道|古城街道
""",
    footer_anchor="送：县委",
    footer={"distribution": ["县委", "县人大", "县政府", "县政协领导", "县直各单位"],
            "editor": None, "reviewer": None, "issuer": None},
))

# ---------------------------------------------------------------- u5 信息专报 with 编者按 and a byline bracket
BULLETINS.append(dict(
    id="shuyang_2024_31", county="沭阳县",
    note="信息专报 layout: an 编者按 paragraph (not an item) before one single-topic report; the report's "
         "numbered parts 一、二、三、 and 1. 2. sub-points belong to ONE item; closed by a byline bracket "
         "（撰稿：name 审核：name） naming people (sources []); no 【】 sections; issue 第31期; date 2024年8月30日; "
         "县行政审批局, 县数据局 (alias), 江苏省政务服务管理办公室 (province); 个工作日; 件次; 项; "
         "distractors 一件事, 高效办成, 7×24小时 (name of a service); footer 报/送 on one line",
    title="沭阳信息专报", issue=31, date="2024-08-30", publisher="沭阳县人民政府办公室",
    text="""沭阳信息专报

第31期

沭阳县人民政府办公室编                2024年8月30日

编者按：推进“高效办成一件事”是优化政务服务、提升行政效能的重要抓手。县行政审批局的做法具有较强的借鉴意义，现刊发供各地各部门学习参考。

县行政审批局推动“高效办成一件事”落地见效

今年以来，县行政审批局对照江苏省政务服务管理办公室公布的重点事项清单，推动政务服务由“能办”向“好办”转变。

一、整合流程减环节。对企业开办、不动产登记等13项“一件事”进行流程再造，平均办理时限由5个工作日压缩至1个工作日。

二、数据共享减材料。会同县数据局打通部门数据接口28个，申请材料平均精简42%。

三、延伸服务减跑动。
1.在钱集镇、沂涛镇等乡镇便民服务中心设立“一件事”专窗。
2.推行“7×24小时”自助服务，今年累计办件5.6万件次。

（撰稿：陈  晨  审核：吴国强）

报：市政府办公室    送：县委、县人大、县政府、县政协领导
""",
    sections=[(None, None, [
        ("县行政审批局推动“高效办成一件事”落地见效\n", "审核：吴国强）", "县行政审批局推动“高效办成一件事”落地见效", [], "government_affairs"),
    ])],
    ents="""
A|沭阳县人民政府办公室|县人民政府办公室
A|县行政审批局|县行政审批局
A|县行政审批局|县行政审批局
A|县行政审批局|县行政审批局
A|江苏省政务服务管理办公室|江苏省政务服务管理办公室|province
Q|13项|13|项
Q|5个工作日|5|个工作日
Q|1个工作日|1|个工作日
A|县数据局|县行政审批局
Q|28个|28|个
Q|42%|42|%
T|钱集镇|钱集镇
T|沂涛镇|沂涛镇
Q|5.6万件次|56000|件次
""",
    footer_anchor="报：市政府办公室",
    footer={"distribution": ["市政府办公室", "县委", "县人大", "县政府", "县政协领导"],
            "editor": None, "reviewer": None, "issuer": None},
))

# ---------------------------------------------------------------- u6 page headers + ■ bullets + （供稿：X）
BULLETINS.append(dict(
    id="gushi_2024_15", county="固始县",
    note="PDF conversion: running header line 固始政务  第15期 and page-number lines (- 1 -) left at page "
         "breaks, one break inside an item body; items open with ■ headline lines, body below, and a "
         "（供稿：X） source; 【】 sections; zero-padded date 2024年07月02日; 县发展改革委 (short form), "
         "县商务局, 信阳市商务局 (city); 万余人; 亿元; distractors 茶旅融合, 一县一品, 十佳; footer 本期发 + 责任编辑",
    title="固始政务", issue=15, date="2024-07-02", publisher="固始县人民政府办公室",
    text="""固始政务

第15期

固始县人民政府办公室                2024年07月02日

【项目建设】

■ 上半年全县重点项目建设提速
县发展改革委实行重点项目“周调度、月排名”，上半年全县156个重点项目完成投资186亿元，占年度计划的58%，新开工项目42个，带动就业1.1万余人。（供稿：县发展改革委）

【商贸流通】

■ 县商务局举办“一县一品”农产品展销会
县商务局联合信阳市商务局举办农产品展销会，组织陈淋子镇、祖师庙镇等乡镇86家企业参展，现场签约金额2.3亿元，线上直播带货销售额达

- 1 -

固始政务                    第15期

860万元。（供稿：县商务局）

■ 泉河铺镇打造茶旅融合示范带
泉河铺镇整合茶园2.6万亩，评选“十佳”茶旅民宿10家，接待游客3万余人次。（供稿：泉河铺镇）

本期发：县四大班子领导，各乡镇（街道、区），县直各单位。
责任编辑：杨  帆
""",
    sections=[
        ("项目建设", "【项目建设】", [("■ 上半年", "（供稿：县发展改革委）", "上半年全县重点项目建设提速", ["县发展改革委"], "economy_industry")]),
        ("商贸流通", "【商贸流通】", [
            ("■ 县商务局举办", "（供稿：县商务局）", "县商务局举办“一县一品”农产品展销会", ["县商务局"], "consumption_market"),
            ("■ 泉河铺镇打造", "（供稿：泉河铺镇）", "泉河铺镇打造茶旅融合示范带", ["泉河铺镇"], "agriculture_rural"),
        ]),
    ],
    ents="""
A|固始县人民政府办公室|县人民政府办公室
A|县发展改革委|县发展和改革委员会
Q|156个|156|个
Q|186亿元|18600000000|元
Q|58%|58|%
Q|42个|42|个
Q|1.1万余人|11000|人|余
A|县发展改革委|县发展和改革委员会
A|县商务局|县商务局
A|县商务局|县商务局
A|信阳市商务局|信阳市商务局|city
T|陈淋子镇|陈淋子镇
T|祖师庙镇|祖师庙镇
Q|86家|86|家
Q|2.3亿元|230000000|元
Q|860万元|8600000|元
A|县商务局|县商务局
T|泉河铺镇|泉河铺镇
T|泉河铺镇|泉河铺镇
Q|2.6万亩|26000|亩
Q|10家|10|家
Q|3万余人次|30000|人次|余
T|泉河铺镇|泉河铺镇
""",
    footer_anchor="本期发：",
    footer={"distribution": ["县四大班子领导", "各乡镇（街道、区）", "县直各单位"],
            "editor": "杨帆", "reviewer": None, "issuer": None},
))

# ---------------------------------------------------------------- u7 datelines 讯 + ★ + non-source parentheses
BULLETINS.append(dict(
    id="longde_2024_09", county="隆德县",
    note="工作动态 layout: ★ headline lines, bodies opening with a dateline (X讯) and ending with a closing source "
         "bracket in one item and none in another; parentheses that are not sources: （扩大） in a body, a "
         "document number （隆政办发〔2024〕21号）, pinyin gloss 堡(pù), and （见附表） just before the end of an "
         "item with no source; 【】 sections; date 2024年3月18; 县委统战部, 县民宗局 (not in agencies.tsv), "
         "固原市民宗局 (city); 亩; 万株; distractors 四季度, 十三五, 三治融合; footer 抄送",
    title="隆德工作动态", issue=9, date="2024-03-18", publisher="隆德县人民政府办公室",
    text="""隆德工作动态

第9期

隆德县人民政府办公室          2024年3月18日

【基层治理】

★沙塘镇“三治融合”化解矛盾纠纷
沙塘镇讯  沙塘镇召开综治工作会议（扩大），推行“三治融合”基层治理模式，在十八堡(pù)村等9个村设立“说事点”，今年以来化解矛盾纠纷46起。（沙塘镇）

★县委统战部推进民族团结进步创建
本刊讯  县委统战部会同县民宗局、固原市民宗局，按照《隆德县民族团结进步示范创建实施方案》（隆政办发〔2024〕21号）要求，在神林乡、观庄乡开展创建活动12场，创建示范单位7个（见附表）。

【生态建设】

★温堡乡春季造林全面启动
温堡乡讯  温堡乡组织群众开展春季植树造林，完成造林1800亩，栽植云杉、山桃等苗木12万株。（温堡乡）

抄送：市委办公室，市政府办公室，县委办公室，县人大常委会办公室，县政协办公室。
""",
    sections=[
        ("基层治理", "【基层治理】", [
            ("★沙塘镇", "（沙塘镇）", "沙塘镇“三治融合”化解矛盾纠纷", ["沙塘镇"], "governance_order"),
            ("★县委统战部", "（见附表）。", "县委统战部推进民族团结进步创建", [], "governance_order"),
        ]),
        ("生态建设", "【生态建设】", [("★温堡乡", "（温堡乡）", "温堡乡春季造林全面启动", ["温堡乡"], "environment")]),
    ],
    ents="""
A|隆德县人民政府办公室|县人民政府办公室
T|沙塘镇|沙塘镇
T|沙塘镇|沙塘镇
T|沙塘镇|沙塘镇
Q|9个|9|个
Q|46起|46|起
T|沙塘镇|沙塘镇
A|县委统战部|县委统战部
A|县委统战部|县委统战部
A|县民宗局|县民宗局
A|固原市民宗局|固原市民宗局|city
T|神林乡|神林乡
T|观庄乡|观庄乡
Q|12场|12|场
Q|7个|7|个
T|温堡乡|温堡乡
T|温堡乡|温堡乡
T|温堡乡|温堡乡
Q|1800亩|1800|亩
Q|12万株|120000|株
T|温堡乡|温堡乡
""",
    footer_anchor="抄送：",
    footer={"distribution": ["市委办公室", "市政府办公室", "县委办公室", "县人大常委会办公室", "县政协办公室"],
            "editor": None, "reviewer": None, "issuer": None},
))
