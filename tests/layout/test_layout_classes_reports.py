"""Layout classes of 简报 front and back matter (zoo set e), each tested on new bulletins written
for these tests in several variants (figures and events invented): a masthead note line with a
serial number (内部资料  编号：0031); an office line over a date line above an editor's note; a
footer whose printing line (an office and a date ending in 印发) is widely spaced; a 注释 box of
endnotes after the last report."""

from __future__ import annotations

import pytest

from tests.invariants import check_promises

REPORTS = ("某镇推进农村人居环境整治\n    某镇组织村组干部清理垃圾120吨，整治残垣断壁32处。（某镇）\n\n"
           "县农业农村局开展春耕备耕检查\n    县农业农村局检查农资门店18家，发现问题5个。（县农业农村局）\n")
HEADLINES = ["某镇推进农村人居环境整治", "县农业农村局开展春耕备耕检查"]


@pytest.mark.parametrize("front", [
    "内部资料                          编号：0031\n注意保存\n\n工 作 简 报\n\n第7期\n\n"
    "中共某县委办公室              2024年3月12日\n━━━━━━━━━━━━━━━━━━━━\n\n",
    "内部刊物   编号：A-112\n\n某县工作简报\n第7期\n某县人民政府办公室编印        2024年3月12日\n\n",
    "某县工作简报\n（内部资料  份号：0208）\n第7期\n某县人民政府办公室        2024年3月12日\n\n",
], ids=["note-and-serial-over-spaced-title", "serial-with-letters", "bracketed-copy-number"])
def test_a_masthead_note_with_a_serial_number_opens_no_item(parse, front):
    text = front + REPORTS
    bulletin = parse(text)
    assert [item.headline for item in bulletin.items] == HEADLINES
    assert bulletin.items[0].start == text.index("某镇推进")
    assert (bulletin.issue, bulletin.date) == (7, "2024-03-12")
    check_promises(text, bulletin)


@pytest.mark.parametrize(("office", "date", "note"), [
    ("某县防汛抗旱指挥部办公室", "2024年7月9日", "    按语：我县进入主汛期，现将各地防御强降雨情况摘编如下。\n\n"),
    ("某县安全生产委员会办公室", "2024年5月20日", "编者按：现将各乡镇安全生产检查情况摘编如下。\n\n"),
    ("某县农业农村局", "二〇二四年三月十二日", "    按语：春耕备耕进入关键时期，现将有关情况编发如下。\n\n"),
], ids=["flood-office", "committee-office-editor-note", "bureau-chinese-date"])
def test_an_office_over_a_date_above_a_note_is_the_masthead(parse, office, date, note):
    text = f"某县工作专刊\n第4期\n{office}\n{date}\n\n{note}{REPORTS}"
    bulletin = parse(text)
    assert [item.headline for item in bulletin.items] == HEADLINES
    assert bulletin.items[0].start == text.index("某镇推进")
    assert bulletin.publisher == office and bulletin.date is not None
    check_promises(text, bulletin)


@pytest.mark.parametrize("footer", [
    "━━━━━━━━━━━━━━━━━━━━\n主送：市委办公室。\n抄送：县委常委，县直各单位，各乡镇党委。\n"
    "某县委办公室                              2024年3月12日印发\n（共印120份）\n",
    "主送：市政府办公室。\n抄送：县政府领导，县直有关单位。\n"
    "某县人民政府办公室                                  2024年3月12日印发\n",
    "报送：市委办公室，市政府办公室。\n"
    "中共某县委办公室                                    2024年3月12日印发\n共印80份\n",
], ids=["main-and-copy-with-count", "no-count", "report-to-bare-count"])
def test_a_widely_spaced_printing_line_closes_the_footer(parse, footer):
    text = "某县工作简报\n第7期\n某县人民政府办公室        2024年3月12日\n\n" + REPORTS + "\n" + footer
    bulletin = parse(text)
    assert [item.headline for item in bulletin.items] == HEADLINES
    assert bulletin.items[-1].end == text.index("（县农业农村局）") + len("（县农业农村局）")
    assert "市委办公室" in bulletin.footer.distribution or "市政府办公室" in bulletin.footer.distribution
    assert not any("印发" in recipient for recipient in bulletin.footer.distribution)
    check_promises(text, bulletin)


@pytest.mark.parametrize("notes", [
    "注释：\n[1] 宣纸：以青檀皮为主要原料的传统书画用纸。\n[2] 村晚：在乡村舞台举办的群众文艺展演。\n",
    "注解：\n［1］春耕备耕：春季播种前的农资、农机准备。\n［2］人居环境：农村垃圾、污水和村容村貌。\n",
    "注释：①高标准农田：旱涝保收、高产稳产的耕地。\n②残垣断壁：废弃的院墙和房屋。\n",
], ids=["bracketed-numbers", "full-width-brackets", "circled-numbers-on-the-key-line"])
def test_endnotes_after_the_last_report_are_in_no_item(parse, notes):
    text = "某县政务信息\n第11期\n某县人民政府办公室编印        2024年7月2日\n\n" + REPORTS + "\n" + notes
    bulletin = parse(text)
    assert [item.headline for item in bulletin.items] == HEADLINES
    last_end = text.index("（县农业农村局）") + len("（县农业农村局）")
    assert bulletin.items[-1].end == last_end
    notes_start = text.index("注")
    notes_left = [left for left in bulletin.leftovers if left.reason == "note"]
    assert notes_left and notes_left[0].start == notes_start
    assert max(left.end for left in notes_left) == len(text.rstrip())
    check_promises(text, bulletin)
