"""Layout classes of set (h) (issue 11), each tested on new bulletins written for these tests
(counties, events and figures invented): an editor's note written as a Markdown quote with a
bold label (``> **编者按：** …``), a note label alone on its line over the note's paragraph
(``【领导批示】`` / the instruction without a leader's name), and a letter-spaced table of
contents (``本 期 要 目``) whose entries end in page numbers. None of them is an item."""

from __future__ import annotations

import pytest

from bulletin_nlp.layout import cues, parse_layout
from bulletin_nlp.text.fold import fold
from tests.invariants import check_promises

FOOTER = "\n报：市政府办公室。\n送：县委办公室，县人大常委会办公室，县政协办公室。\n"

# --- an editor's note as a Markdown quote: > **编者按：** … -------------------------------------

MD_HEAD = "# 铜鼓政务信息\n\n**2024年第12期**\n\n铜鼓县人民政府办公室　　　　2024年6月14日\n\n"
MD_NOTE = ("今年以来，三都镇探索“积分制”推动乡村治理，群众参与热情明显提高。"
           "现将其做法予以刊发，供各乡镇学习借鉴。")
MD_REPORTS = [
    ("**三都镇：“积分制”激活乡村治理**",
     "三都镇在全镇12个村推行积分制管理，累计发放积分兑换物资价值8.6万元。（三都镇）"),
    ("**县人社局举办夏季招聘会**", "县人社局举办夏季招聘会2场，提供岗位1300个，达成就业意向410人。（县人社局）"),
]
NOTE_FORMS = {
    "quote-bold": f"> **编者按：** {MD_NOTE}",
    "quote-bold-colon-after": f"> **编者按**：{MD_NOTE}",
    "bold": f"**编者按：**{MD_NOTE}",
    "quote-plain": f"> 编者按：{MD_NOTE}",
}


def _markdown(note: str, section: str) -> tuple[str, list[str]]:
    reports = [f"{headline}\n\n{body}" for headline, body in MD_REPORTS]
    return MD_HEAD + note + "\n\n" + section + "\n\n".join(reports) + "\n\n* * *\n" + FOOTER, reports


@pytest.mark.parametrize("section", ["## 工作动态\n\n", ""], ids=["section", "no-section"])
@pytest.mark.parametrize("note", NOTE_FORMS.values(), ids=NOTE_FORMS.keys())
def test_markdown_quoted_editors_note_is_no_item(parse, note, section):
    text, reports = _markdown(note, section)
    bulletin = parse(text)
    assert [text[item.start : item.end] for item in bulletin.items] == reports
    assert [section.title for section in bulletin.sections] == (["工作动态"] if section else [None])
    assert all("编者按" not in item.headline and MD_NOTE[:8] not in item.body for item in bulletin.items)
    check_promises(text, bulletin)


def test_markdown_quoted_note_is_shown_without_markers():
    text, _ = _markdown(NOTE_FORMS["quote-bold"], "## 工作动态\n\n")
    view = parse_layout(text, fold(text)).view.text
    assert f"编者按： {MD_NOTE}" in view
    assert "> " not in view and "**编者按" not in view


# --- a note's label alone on its line, the note's paragraph under it ---------------------------

BRIEFS_HEAD = "辰溪乡镇工作动态\n第9期\n辰溪县人民政府办公室编                2024年4月18日\n\n"
NOTE_TEXT = "    火马冲镇“屋场会”议事做法接地气、见实效，请县民政局总结经验，在全县推开。"
BRIEFS = ["●火马冲镇：该镇以屋场为单元召开议事会48场，收集群众意见320条，办结率达96%。",
          "●潭湾镇：组织农机手抢收油菜，全镇已收获油菜1.8万亩，占种植面积的七成。",
          "●孝坪镇：投入资金56万元整治集镇排水沟渠2.4公里，解决内涝隐患5处。"]
LABELS = {"instruction": "【领导批示】", "editor": "编者按：", "bracketed-editor": "【编者按】",
          "bold-editor": "**编者按**"}


@pytest.mark.parametrize("label", LABELS.values(), ids=LABELS.keys())
@pytest.mark.parametrize("gap", ["\n", "\n\n"], ids=["adjacent", "blank-line"])
def test_paragraph_under_a_note_label_joins_the_note(parse, label, gap):
    text = BRIEFS_HEAD + label + gap + NOTE_TEXT + "\n\n" + "\n\n".join(BRIEFS) + "\n" + FOOTER
    bulletin = parse(text)
    assert [text[item.start : item.end] for item in bulletin.items] == BRIEFS
    assert all("屋场会”议事做法" not in text[item.start : item.end] for item in bulletin.items)
    check_promises(text, bulletin)


def test_only_the_first_paragraph_under_a_note_label_is_the_note(parse):
    report = "潭湾镇油菜机收过半\n    潭湾镇组织农机手抢收油菜，已收获1.8万亩，占种植面积的七成。（潭湾镇）"
    text = BRIEFS_HEAD + "【领导批示】\n" + NOTE_TEXT + "\n\n" + report + "\n" + FOOTER
    bulletin = parse(text)
    assert [text[item.start : item.end] for item in bulletin.items] == [report]
    assert bulletin.items[0].headline == "潭湾镇油菜机收过半"


@pytest.mark.parametrize(("line", "label"), [
    ("【领导批示】", True), ("编者按：", True), ("【编者按】", True), ("**编者按**", True), ("编者按", True),
    ("编者按：今年以来，全县推行…", False),  # the note's text follows its label
    ("**编者按：** 今年以来，全县推行…", False),
    ("领导批示件办理情况", False),  # a headline, no label
])
def test_is_note_label(line, label):
    assert cues.is_note_label(line) is label


@pytest.mark.parametrize(("line", "note"), [
    ("**编者按：** 今年以来，…", True), ("**编者按**：今年以来，…", True), ("**【领导批示】**", True),
    ("**领导批示件办理情况**", False), ("批示精神落地见效", False),
])
def test_opens_note_with_bold_label(line, note):
    assert cues.opens_note(line) is note


# --- a letter-spaced table of contents with page numbers ---------------------------------------

TOC_HEAD = "岢岚政务\n（2024年第23期）\n岢岚县人民政府办公室\n2024年12月2日\n\n"
TOC_REPORTS = [
    ("县住建局启动冬季供热保障", "    入冬以来，县住建局督促供热企业储煤3.2万吨，城区供热面积达86万平方米。"
     "（县住建局）"),
    ("宋家沟乡红色旅游热度不减", "    宋家沟乡今年接待游客21万人次，实现旅游收入1900万元，带动农户增收。（宋家沟乡）"),
    ("县医疗集团开展送医下乡活动", "    县医疗集团组织医生38名深入12个村巡回义诊，服务群众2600人次。（县卫健局）"),
]
TOC_HEADINGS = {"letter-spaced": "本 期 要 目", "wide-spaced": "本  期  要  目", "plain": "本期要目",
                "contents": "目  录"}


def _toc_text(heading: str, column: int = 30) -> tuple[str, list[str]]:
    pages = ["1", "2", "3"]
    entries = [f"{number}.{headline}{' ' * (column - 2 * len(headline))}{page}"
               for number, ((headline, _), page) in enumerate(zip(TOC_REPORTS, pages, strict=True), 1)]
    reports = [f"{headline}\n{body}" for headline, body in TOC_REPORTS]
    return TOC_HEAD + heading + "\n" + "\n".join(entries) + "\n\n" + "\n\n".join(reports) + "\n" + FOOTER, reports


@pytest.mark.parametrize("heading", TOC_HEADINGS.values(), ids=TOC_HEADINGS.keys())
def test_spaced_toc_with_page_numbers_is_no_item(parse, heading):
    text, reports = _toc_text(heading)
    bulletin = parse(text)
    assert [text[item.start : item.end] for item in bulletin.items] == reports
    assert [item.headline for item in bulletin.items] == [headline for headline, _ in TOC_REPORTS]
    assert [section.title for section in bulletin.sections] == [None]
    check_promises(text, bulletin)


def test_toc_entries_with_page_numbers_far_right_are_no_items(parse):
    text, reports = _toc_text("本 期 要 目", column=100)  # 80 spaces and more before the page number
    bulletin = parse(text)
    assert [text[item.start : item.end] for item in bulletin.items] == reports
    check_promises(text, bulletin)


def test_numbered_report_titles_are_no_toc(parse):
    reports = [f"{number}.{headline}\n{body}" for number, (headline, body) in enumerate(TOC_REPORTS, 1)]
    text = TOC_HEAD + "\n\n".join(reports) + "\n" + FOOTER
    bulletin = parse(text)
    assert len(bulletin.items) == 3
    assert [item.headline for item in bulletin.items] == [headline for headline, _ in TOC_REPORTS]
    check_promises(text, bulletin)


@pytest.mark.parametrize(("line", "heading"), [
    ("本 期 要 目", True), ("本  期  要  目", True), ("本期要目：", True), ("**本期要目**", True), ("目  录", True),
    ("本 期", False), ("本期要闻", False),
])
def test_is_toc_heading(line, heading):
    assert cues.is_toc_heading(line) is heading
