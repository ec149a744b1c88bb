"""Ordinary bulletins in the common house styles, and a renderer of formatting variants that
must not change their structure (issue 11: metamorphic tests of the layout reader).

Bulletins written for these tests; events and figures invented."""

from __future__ import annotations

from dataclasses import dataclass, replace

_HAN_DIGITS = "〇一二三四五六七八九"
_TRADITIONAL = str.maketrans(
    "县开农业务动发区镇乡处设户万经济环卫组织检问题个实现过进还这为与对们会时训岗级场养饮资查导产贫帮难",
    "縣開農業務動發區鎮鄉處設戶萬經濟環衛組織檢問題個實現過進還這為與對們會時訓崗級場養飲資查導產貧幫難",
)
_HALF_WIDTH = str.maketrans({"（": "(", "）": ")", "：": ":", "【": "[", "】": "]", "，": ","})
_FULL_WIDTH = str.maketrans({"(": "（", ")": "）", ":": "：", ",": "，"})


@dataclass(frozen=True)
class Report:
    """One report: headline, body sentences, source bracket's name (None: no source)."""

    headline: str
    body: tuple[str, ...]
    source: str | None = None


@dataclass(frozen=True)
class Spec:
    """One bulletin: masthead, sections (title None: items outside any heading) and a style
    of how each report is typed: ``line`` (headline line over the body), ``glued`` (headline,
    a space, the body), ``bullet`` (◆ before the headline line), ``numbered`` (一、 before
    the headline line), ``notice`` (one 通报: its title, addressee, preamble, numbered parts)."""

    name: str
    title: str
    issue_text: str
    issue: int
    office: str
    style: str
    sections: tuple[tuple[str | None, tuple[Report, ...]], ...]
    date: tuple[int, int, int] = (2024, 5, 6)
    notice: tuple[str, ...] = ()  # addressee, preamble, signature office (style ``notice``)


@dataclass(frozen=True)
class Variant:
    """A formatting of a bulletin; the defaults are the plain form."""

    masthead_gap: str = "\n"  # between masthead lines
    body_gap: str = "\n"  # between the masthead and the body
    office_and_date: str = "two"  # "one": on one line
    date_form: str = "cn"  # cn 2024年5月6日 | iso 2024-05-06 | han 二〇二四年五月六日 | dot 2024.5.6
    head_gap: str = ""  # between a headline line and its body
    item_gap: str = "\n"  # between reports
    section_gap: str = "\n"  # before a section heading
    eol: str = "\n"
    trailing: str = ""  # appended to every text line
    blank: str = ""  # what a blank line holds
    indent: str = ""  # before every body line
    half_width: bool = False
    markdown: bool = False
    source_line: bool = False
    page_break: str = ""  # between | inside | formfeed-between | formfeed-inside (the first report)
    footer: bool = False
    traditional: bool = False  # the first report in traditional characters
    bullet: str = "◆"
    number_form: str = "一、"  # 一、 | 1. | 1、 | （一）
    glue: str = "\u3000"  # between a glued headline and its body
    indent_headlines: bool = False  # the indent before headline lines too
    body_split: str = ""  # between the sentences of a body: "\n" a paragraph each, "\n\n" a blank line between
    source_form: str = "（{}）"  # （供稿：{}） | （{}供稿） | 来源：{} (on a line of its own)
    page_header: bool = False  # the title repeated at the top of the next page
    issue_form: str = ""  # e.g. 第{han}期 (spec's own when empty)
    date_first: bool = False  # the date before the office
    spaced_title: bool = False  # 汝 阳 政 务 信 息
    classified: bool = False  # 内部资料　注意保存 over the title
    footer_rule: bool = False  # a rule over the footer
    heading_marks: str = ""  # Markdown heading marks before section headings (## 【重点工作】)


@dataclass(frozen=True)
class Expected:
    """What every variant of a bulletin must read."""

    title: str
    issue: int
    date: str
    publisher: str
    section_titles: tuple[str, ...]
    items: tuple[tuple[str, tuple[str, ...]], ...]  # headline, sources
    openers: tuple[str, ...]  # what each item's text starts with
    closers: tuple[str, ...]  # what each item's text ends with


def _date(spec: Spec, form: str) -> str:
    year, month, day = spec.date
    if form == "iso":
        return f"{year}-{month:02d}-{day:02d}"
    if form == "dot":
        return f"{year}.{month}.{day}"
    if form == "han":
        return "".join(_HAN_DIGITS[int(digit)] for digit in str(year)) + f"年{_han(month)}月{_han(day)}日"
    return f"{year}年{month}月{day}日"


def _han(number: int) -> str:
    tens, units = divmod(number, 10)
    return ("" if tens == 0 else ("十" if tens == 1 else _HAN_DIGITS[tens] + "十")) + (
        _HAN_DIGITS[units] if units or not tens else "")


def _masthead(spec: Spec, variant: Variant) -> list[str]:
    date = _date(spec, variant.date_form)
    title = " ".join(spec.title) if variant.spaced_title else spec.title
    issue = (variant.issue_form.format(number=spec.issue, han=_han(spec.issue)) if variant.issue_form
             else spec.issue_text)
    lines = [("# " if variant.markdown else "") + title, issue]
    office_and_date = [date, spec.office] if variant.date_first else [spec.office, date]
    lines += ["　　".join(office_and_date)] if variant.office_and_date == "one" else office_and_date
    lines = (["内部资料　注意保存"] if variant.classified else []) + lines
    gap = variant.masthead_gap
    return [part for index, line in enumerate(lines) for part in ([line] if index == 0 else [*_gap(gap), line])]


_SENTENCE_BREAK = "\x00"  # where a page break may cut a sentence


def _report_lines(spec: Spec, report: Report, number: int, variant: Variant) -> list[str]:
    headline = f"**{report.headline}**" if variant.markdown else report.headline
    lead = variant.indent if variant.indent_headlines else ""
    body = (variant.body_split + variant.indent).join(report.body)
    source = variant.source_form.format(report.source) if report.source else ""
    own_line = variant.source_line or not source.startswith("（")
    body_lines = [body, source] if own_line and source else [body + source]
    if spec.style == "glued":
        return [f"{variant.indent}{headline}{variant.glue}{body_lines[0]}", *body_lines[1:]]
    return [lead + _opener(spec, number, variant) + headline, *_gap(variant.head_gap), variant.indent + body_lines[0],
            *body_lines[1:]]


def _opener(spec: Spec, number: int, variant: Variant) -> str:
    if spec.style == "bullet":
        return variant.bullet
    if spec.style != "numbered":
        return ""
    return {"一、": "一二三四五六"[number] + "、", "1.": f"{number + 1}.", "1、": f"{number + 1}、",
            "（一）": f"（{'一二三四五六'[number]}）"}[variant.number_form]


def _gap(gap: str) -> list[str]:
    """The blank lines of a gap written as line ends (``"\n"``: one blank line)."""
    return gap.split("\n")[1:]


def _between_page_break(spec: Spec, variant: Variant) -> list[str]:
    if variant.page_break == "between":
        return ["", "- 2 -", "", *([spec.title, ""] if variant.page_header else [])]
    return ["\f"] if variant.page_break == "formfeed-between" else []


def _inside_page_break(spec: Spec, variant: Variant) -> str:
    if variant.page_break == "inside":
        return "\n\n- 2 -\n\n" + (f"{spec.title}\n\n" if variant.page_header else "")
    return "\f" if variant.page_break == "formfeed-inside" else ""


def _notice_lines(spec: Spec, variant: Variant) -> list[str]:
    ((_, (report, *parts)),) = spec.sections
    addressee, preamble, signer = spec.notice
    lines = [report.headline, "", addressee, variant.indent + preamble]
    for index, part in enumerate(parts):
        lines += ["", f"{'一二三四'[index]}、{part.headline}", variant.indent + "".join(part.body)]
    return [*lines, "", signer, _date(spec, variant.date_form)]


def render(spec: Spec, variant: Variant) -> tuple[str, Expected]:
    """The bulletin typed in ``variant``, and what every reader must read from it."""
    lines = _masthead(spec, variant) + _gap(variant.body_gap) + (["---"] if variant.markdown else [])
    items: list[tuple[str, tuple[str, ...]]] = []
    openers: list[str] = []
    closers: list[str] = []
    section_titles = []
    if spec.style == "notice":
        lines += _notice_lines(spec, variant)
        items.append((spec.sections[0][1][0].headline, ()))
        openers.append(spec.sections[0][1][0].headline)
        closers.append(spec.sections[0][1][-1].body[-1][-4:])  # the signature closes no item
    reports = [(section_index, title, report) for section_index, (title, section) in enumerate(spec.sections)
               for report in section if spec.style != "notice"]
    for number, (section_index, title, report) in enumerate(reports):
        opens_section = title is not None and (number == 0 or reports[number - 1][0] != section_index)
        if number:
            lines += _gap(variant.section_gap if opens_section else variant.item_gap)
            if number == 1:
                lines += _between_page_break(spec, variant)
        if opens_section:
            assert title is not None
            section_titles.append(title)
            lines += (["---", ""] if variant.markdown and number else []) + [f"{variant.heading_marks}【{title}】"]
        if variant.traditional and number == 0:
            report = replace(report, headline=report.headline.translate(_TRADITIONAL),
                             body=tuple(sentence.translate(_TRADITIONAL) for sentence in report.body),
                             source=report.source.translate(_TRADITIONAL) if report.source else None)
        rendered = _report_lines(spec, report, number, variant)
        if number == 0:
            rendered = [line.replace(_SENTENCE_BREAK, _inside_page_break(spec, variant)) for line in rendered]
        lines += rendered
        items.append((report.headline, (report.source,) if report.source else ()))
        openers.append(_opener(spec, number, variant) + ("**" if variant.markdown else "") + report.headline[:4])
        last_words = report.body[-1].rsplit(_SENTENCE_BREAK)[-1][-3:]
        closers.append(variant.source_form.format(report.source) if report.source else last_words)
    if variant.footer:
        lines += ["", "─" * 20 if variant.footer_rule else "",
                  "本期发送：县委常委，县人大常委会主任，县政府领导", "责任编辑：王磊　　签发：李华"]
    text = ("\n".join(lines) + "\n").replace(_SENTENCE_BREAK, "")
    if variant.half_width:
        text = text.translate(_HALF_WIDTH)
    if variant.trailing or variant.blank:
        text = "\n".join(line + variant.trailing if line.strip() else line or variant.blank
                         for line in text.split("\n"))
    text = text.replace("\n", variant.eol)
    year, month, day = spec.date
    expected = Expected(spec.title, spec.issue, f"{year}-{month:02d}-{day:02d}", spec.office,
                        tuple(section_titles), tuple(items), tuple(openers), tuple(closers))
    return text, expected


def normalised(value: str) -> str:
    """``value`` with ASCII brackets, colons and commas as full-width (the half-width variant)."""
    return value.translate(_FULL_WIDTH)


SPECS = (
    Spec("bracket-sections", "汝阳政务信息", "第12期", 12, "汝阳县人民政府办公室", "line", (
        ("重点工作", (
            Report("县交通运输局开展农村公路养护", ("4月以来，县交通运输局组织养护队伍对农村公路开展集中整治，",
                                                   "处置路面病\x00害36处，清理边沟18公里。"), "县交通运输局"),
            Report("县住建局：三项举措推进老旧小区改造", (
                "县住建局完成老旧小区改造5个，惠及居民620户。",), "县住建局"))),
        ("乡镇动态", (
            Report("柏树乡开展人居环境整治", ("柏树乡组织干部群众清理垃圾42吨，拆除残垣断壁15处。",), "柏树乡"),
            Report("上店镇举办技能培训", ("上店镇举办电商技能培训班3期，培训群众180人次。",), "上店镇"))),
    )),
    Spec("glued-headlines", "宁陵政务快报", "第5期", 5, "宁陵县人民政府办公室", "glued", (
        ("经济发展", (
            Report("县发改委调度重点项目", (
                "县发改委召开重点项目调\x00度会，协调解决问题12个。", "全县42个重点项目已开工38个。"), "县发改委"),
            Report("县商务局开展促消费活动", ("县商务局组织商超开展促消费活动，发放消费券30万元。",), "县商务局"))),
        ("民生保障", (
            Report("县人社局举办招聘会", ("县人社局举办春风行动招聘会，提供岗位1600个。",), "县人社局"),)),
    )),
    Spec("bullet-items", "淮滨工作简报", "第9期", 9, "淮滨县人民政府办公室", "bullet", (
        (None, (
            Report("县农业农村局抓好夏粮收购", (
                "县农业农村局设立收购网\x00点26个，已收购小麦3.2万吨。", "收购价格保持稳定。"), "县农业农村局"),
            Report("县应急管理局开展安全检查", ("县应急管理局检查企业48家，督促整改隐患97处。",), "县应急管理局"),
            Report("县卫健委开展义诊活动", ("县卫健委组织医务人员下乡义诊8场，服务群众1100人次。",), "县卫健委"))),
    )),
    Spec("numbered-headlines", "商城政务信息", "2024年第7期", 7, "商城县人民政府办公室", "numbered", (
        (None, (
            Report("县水利局加快水毁工程修复", (
                "县水利局修复水毁堤防3.6公里，完成投\x00资420万元。", "剩余工程将于汛前完工。"), "县水利局"),
            Report("县教体局开展校园安全排查", ("县教体局排查学校112所，整改隐患37处。",), "县教体局"),
            Report("县市场监管局开展食品抽检", ("县市场监管局抽检食品批次260个，合格率98.5%。",), "县市场监管局"))),
    )),
    Spec("work-news", "光山县工作动态", "第15期", 15, "光山县人民政府办公室", "line", (
        (None, (
            Report("全县春季植树造林有序推进", ("截至3月\x00底，全县完成植树造林1.8万亩，", "栽植苗木42万株。"), None),
            Report("县民政局开展困难群众走访", ("县民政局走访困难群众310户，发放慰问金18万元。",), None))),
    )),
    # headline lines of two phrases with a comma between them
    Spec("comma-headlines", "西峡政务信息", "第21期", 21, "西峡县人民政府办公室", "line", (
    ("工作推进", (
        Report("聚焦群众急难愁盼，县信访局推行领导包案化解信访积案", (
            "5月6日，县信访局召开信访积案化解推进会，", "明确县级领导包案23件，已化解17件。"), "县信访局"),
        Report("抓早抓实抓细，县林业局全力做好森林防火工作", (
            "县林业局组建扑火队伍12支，开展防火巡查\x00460余次。",), "县林业局"))),
    ("基层风采", (
        Report("丁河镇：产业联农带农助增收", ("丁河镇发展猕猴桃种植2600亩，带动农户480户。",), "丁河镇"),)),
)),
    Spec("single-notice", "督查通报", "第3期", 3, "新县人民政府督查室", "notice", (
        (None, (
            Report("关于全县安全生产大检查情况的通报", ()),
            Report("基本情况", ("5月上旬，县政府督查室对全县12个乡镇的安全生产工作进行了督查，共检查企\x00业65家。",)),
            Report("存在问题", ("部分企业隐患整改不到位，台账资料不健全。",)),
            Report("下步要求", ("各乡镇要压实属地责任，于5月底前完成整改。",)))),
    ), notice=("各乡镇人民政府，县直各单位：",
               "为进一步压实安全生产责任，县政府督查室开展了专项督查。现将有关情况通报如下：",
               "新县人民政府督查室")),
)
