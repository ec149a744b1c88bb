"""Two mastheads that are not a printed title block (issue 11): an office system's plain-text
export, whose masthead is ``label：value`` lines with letter-spaced labels (标    题：, 编发单位：,
编发日期：) over rule lines of hyphens and 【1】 numbered headlines; and an upward 信息专报 whose
issue line also prints its signer (第3期      签发人：张明华), the footer's issuer. The masthead
is read and the first item starts at its headline. Bulletins written for these tests; counties,
names, events and figures invented."""

from __future__ import annotations

import pytest

from tests.invariants import check_promises

RULE = "-" * 40
EXPORT_REPORTS = [("旺苍县抓好秋粮收购", "县粮食和储备局在嘉川镇、木门镇设立收购点12个，已收购秋粮3.2万吨。",
                   "（县粮食和储备局）"),
                  ("旺苍县开展冬季送温暖活动", "县民政局走访慰问困难群众620户，发放慰问金48万元。", "（县民政局）")]
EXPORT_MASTHEADS = {
    "letter-spaced-labels": ("标    题：旺苍政务信息（第17期）\n期    号：2024年第17期\n"
                             "编发单位：旺苍县人民政府办公室\n编发日期：2024-10-15\n密    级：无\n"),
    "ascii-colons": ("标  题:旺苍政务信息（第17期）\n期  号:2024年第17期\n"
                     "编发单位:旺苍县人民政府办公室\n编发日期:2024-10-15\n"),
}


def _export(masthead: str) -> str:
    items = "".join(f"{RULE}\n【{number}】{head}\n{body}{source}\n"
                    for number, (head, body, source) in enumerate(EXPORT_REPORTS, 1))
    return f"{masthead}{items}{RULE}\n编辑：罗静    审核：马国强\n【导出时间】2024-10-15 09:12\n"


@pytest.mark.parametrize("masthead", EXPORT_MASTHEADS.values(), ids=EXPORT_MASTHEADS.keys())
def test_an_export_masthead_of_label_lines_is_read_and_items_open_at_their_numbers(parse, masthead):
    text = _export(masthead)
    bulletin = parse(text)
    check_promises(text, bulletin)
    assert (bulletin.title, bulletin.issue, str(bulletin.date)) == ("旺苍政务信息", 17, "2024-10-15")
    assert bulletin.publisher == "旺苍县人民政府办公室"
    items = [item for section in bulletin.sections for item in section.items]
    assert [item.headline for item in items] == [head for head, _, _ in EXPORT_REPORTS]
    assert [text[item.start:item.end] for item in items] == [
        f"【{number}】{head}\n{body}{source}" for number, (head, body, source) in enumerate(EXPORT_REPORTS, 1)]
    assert (bulletin.footer.editor, bulletin.footer.reviewer) == ("罗静", "马国强")


REPORT_TITLE = "松溪县多措并举推进油茶产业发展"
REPORT_BODY = ("    今年以来，我县把油茶产业作为富民产业来抓，现将有关情况报告如下：\n"
               "    一、基本情况\n    全县油茶林面积约8.4万亩，今年新增油茶林3200余亩。\n"
               "    二、下步打算\n    县林业局将在郑墩镇、渭田镇推广高产油茶品种，力争年产茶油突破900吨。\n")
ISSUE_LINES = {
    "signer-after-the-issue": "第3期                                  签发人：张明华\n",
    "signer-with-a-year": "2024年第3期      签发人:张明华\n",
    "signer-on-its-own-line": "第3期\n签发人：张明华\n",
}


@pytest.mark.parametrize("footer", ["报送：南平市人民政府办公室。\n", "报：南平市人民政府办公室。\n签发：张明华\n"],
                         ids=["signer-only-in-the-header", "signer-in-the-footer-too"])
@pytest.mark.parametrize("issue_line", ISSUE_LINES.values(), ids=ISSUE_LINES.keys())
def test_a_signer_on_the_issue_line_is_the_issuer_and_the_report_opens_at_its_title(parse, issue_line, footer):
    text = (f"松溪县人民政府办公室\n信息专报\n{issue_line}2024年6月12日\n\n"
            f"{REPORT_TITLE}\n{REPORT_BODY}\n{footer}")
    bulletin = parse(text)
    check_promises(text, bulletin)
    assert (bulletin.title, bulletin.issue, str(bulletin.date)) == ("信息专报", 3, "2024-06-12")
    assert bulletin.publisher == "松溪县人民政府办公室"
    assert bulletin.footer.issuer == "张明华"
    assert bulletin.footer.distribution == ("南平市人民政府办公室",)
    items = [item for section in bulletin.sections for item in section.items]
    assert [item.headline for item in items] == [REPORT_TITLE]
    assert text[items[0].start:items[0].end] == f"{REPORT_TITLE}\n{REPORT_BODY.rstrip()}"


def test_a_signer_in_a_report_sentence_is_no_issuer(parse):
    text = ("松溪政务信息\n第3期\n松溪县人民政府办公室  2024年6月12日\n\n县政务服务中心推行文件签发人负责制\n"
            "县政务服务中心明确每份文件的签发人：各科室负责人，办理时限缩短至3个工作日。（县政务服务中心）\n")
    bulletin = parse(text)
    check_promises(text, bulletin)
    assert bulletin.footer.issuer is None
