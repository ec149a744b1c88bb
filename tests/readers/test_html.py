"""Web pages (readers/html.py): the article without the site's chrome, and the metadata block."""

from __future__ import annotations

import dataclasses

import pytest

import bulletin_nlp
from bulletin_nlp.errors import BulletinDecodeError
from bulletin_nlp.readers import extract, read_document
from tests.readers.documents import RECORDS, named_entities, write_document
from tests.support import record_id


def test_html_page_chrome_removed(tmp_path):
    record = RECORDS[0]
    page = read_document(write_document(record, "html", tmp_path))
    for chrome in ("当前位置", "首页", "分享到", "ICP", "打印本页", "发布时间", "索引号"):
        assert chrome not in page.text
    assert page.metadata["发布机构"] == record["gold"]["publisher"]


@pytest.mark.parametrize("record", RECORDS, ids=record_id)
def test_html_page_metadata_stands_in_for_a_missing_masthead(record, tmp_path, nlp):
    """The article without its masthead: title, issue, date, publisher and county come from the
    page's metadata table, and townships are resolved in that county as in the text version."""
    bulletin = bulletin_nlp.parse_file(write_document(record, "html", tmp_path, masthead_in_body=False), nlp=nlp)
    gold = record["gold"]
    assert (bulletin.title, bulletin.issue, bulletin.date, bulletin.publisher, bulletin.county) == (
        gold["title"], gold["issue"], gold["date"], gold["publisher"], gold["county"])
    text_version = bulletin_nlp.parse(record["text"], nlp=nlp)
    body_start = min(section["start"] for section in gold["sections"])
    in_body = [e for e in text_version.entities if e.start >= body_start]
    assert named_entities(bulletin) == named_entities(dataclasses.replace(text_version, entities=tuple(in_body)))


def test_html_page_label_lines_and_gb2312(tmp_path):
    body = ("<html><head><meta charset='gb2312'></head><body><div class='nav'>首页 政务公开</div>"
            "<div class='info'><p>发布机构：某县人民政府办公室</p><p>发布日期：2024年3月8日</p></div>"
            "<div id='zoom'><p><b>县林业局开展春季造林</b>组织干部群众植树 2.6 万株。（林业局）</p>"
            "<table><tr><td>乡镇</td><td>株数</td></tr><tr><td>城关镇</td><td>1200</td></tr></table></div>"
            "<div class='footer'>版权所有</div></body></html>")
    document = extract(body.encode("gb18030"), "page.htm")
    assert document.metadata == {"发布机构": "某县人民政府办公室", "发布日期": "2024年3月8日"}
    assert document.text.splitlines()[0] == "县林业局开展春季造林组织干部群众植树 2.6 万株。（林业局）"
    assert "乡镇\t株数" in document.text and "城关镇\t1200" in document.text
    assert document.hints is not None and document.hints.bold == ((0, 10),)
    assert "首页" not in document.text and "版权所有" not in document.text


def test_html_page_in_an_old_table_layout_with_a_label_list():
    rows = "".join(f"<p>　　{text}</p>" for text in (
        "县水利局全面开展汛前隐患排查共排查水库 18 座、堤防 46 公里，整改隐患 23 处。（水利局）",
        "城关镇推进人居环境整治清理垃圾 260 吨，拆除违建 1.1 万平方米。（城关镇）"))
    page = ("<html><body><table><tr><td class='menu'>网站首页 | 政务公开 | 办事服务</td></tr>"
            "<tr><td><ul class='meta'><li><b>发布机构：</b><span>某县人民政府办公室</span></li>"
            "<li><b>文号：</b><span>第 7 期</span></li>"
            "<li><b>成文日期：</b><span>2024年05月06日</span></li></ul></td></tr>"
            f"<tr><td class='bt_content'>{rows}</td></tr>"
            "<tr><td>您现在的位置：首页 &gt; 政务动态</td></tr></table></body></html>")
    document = extract(page.encode(), "old.html")
    assert document.metadata == {"发布机构": "某县人民政府办公室", "文号": "第 7 期", "发文日期": "2024年05月06日"}
    lines = document.text.split("\n\n")
    assert len(lines) == 2 and lines[0].strip().startswith("县水利局") and lines[1].strip().startswith("城关镇")


def test_html_page_title_gives_title_and_issue_when_nothing_else_does(tmp_path, nlp):
    page = ("<html><head><title>某县政务信息第12期_某县人民政府</title></head><body><div class='content'>"
            "<p>县民政局开展冬季救助走访困难群众 320 户，发放棉被 300 床。（民政局）</p></div></body></html>")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    bulletin = bulletin_nlp.parse_file(path, nlp=nlp)
    assert (bulletin.title, bulletin.issue) == ("某县政务信息", 12)
    assert bulletin.items and bulletin.items[0].sources == ("民政局",)


def test_html_source_line_breaks_inside_a_text_node_are_dropped_with_their_spaces() -> None:
    """A page's source wraps long text nodes: the break and the spaces around it are not text
    (the Han text around it runs on); other whitespace stays, and a long run of spaces with no
    break after it is passed in linear time (tests/test_complexity.py)."""
    from bulletin_nlp.readers.html import _inline

    assert _inline("县民政局 \t\r\n   开展培训") == "县民政局开展培训"
    assert _inline("a  b\u3000c\xa0d") == "a  b\u3000c d"
    assert _inline(" " * 50_000 + "x\n y") == " " * 50_000 + "xy"


def test_html_page_nested_past_the_parsers_limit_is_an_error_not_an_empty_page() -> None:
    """libxml2 stops reading at 256 levels of elements and keeps what it read (here: nothing of
    the article); the reader says so instead of handing on an empty or truncated page."""
    report = "<p>县民政局向王楼镇发放棉被6500条。</p>" * 3
    for depth, fails in ((200, False), (300, True)):
        body = f"{'<div>' * depth}{report}{'</div>' * depth}"
        page = f"<html><head><title>政务信息</title></head><body>{body}</body></html>"
        if fails:
            with pytest.raises(BulletinDecodeError, match="nested more than 256 deep"):
                extract(page.encode(), "deep.html")
        else:
            assert "棉被6500条" in extract(page.encode(), "deep.html").text


def test_html_nested_containers_measure_each_paragraph_once(monkeypatch) -> None:
    """Choosing the article measures the paragraphs of every container; nested containers share
    their paragraphs' measures, so 200 levels cost about what 20 do (each paragraph measured once
    per container made a page nested 100 deep take 0.5 s for 83 kB)."""
    from bulletin_nlp.readers import html as html_reader

    squashed: list[int] = []
    real = html_reader._squash
    monkeypatch.setattr(html_reader, "_squash", lambda text: squashed.append(1) or real(text))
    report = "<p>县民政局向王楼镇发放棉被6500条。</p>" * 100
    calls = []
    for depth in (20, 200):
        squashed.clear()
        body = f"{'<div>' * depth}{report}{'</div>' * depth}"
        page = extract(f"<html><head><title>t</title></head><body>{body}</body></html>".encode(), "deep.html")
        assert page.text.count("棉被6500条") == 100
        calls.append(len(squashed))
    assert calls[1] < 3 * calls[0], calls
