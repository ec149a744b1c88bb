"""Tests for bulletin_nlp.corpus.evaluate on small hand-computed cases."""
from __future__ import annotations

import copy
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from bulletin_nlp.corpus.evaluate import evaluate, format_table, list_errors, score, write_html

TEXT = "【民生】\n**救助** 县民政局发放6500 条。（民政局）\n王楼镇 近30亿元<b>"


def ent(label: str, s: int, e: int, **kw: Any) -> dict[str, Any]:
    base = {"label": label, "start": s, "end": e, "text": TEXT[s:e], "canonical": None, "code": None,
            "value": None, "unit": None, "qualifier": None}
    return base | kw


def item(s: int, e: int, topic: str = "social_welfare", headline: str = "救助",
         sources: list[str] | None = None) -> dict[str, Any]:
    return {"start": s, "end": e, "headline": headline, "headline_start": None, "headline_end": None,
            "sources": ["民政局"] if sources is None else sources, "topic": topic}


def gold_record() -> dict[str, Any]:
    return {"id": "doc1", "text": TEXT, "gold": {
        "title": "延津政务快报", "issue": 6, "date": "2024-02-02", "publisher": "县政府办", "county": "延津县",
        "sections": [{"title": "民生", "start": 0, "end": 30, "items": [item(5, 30)]}],
        "entities": [ent("AGENCY", 12, 16, canonical="县民政局"),
                     ent("QUANTITY", 18, 24, value=6500.0, unit="条"),
                     ent("AGENCY", 26, 29, canonical="县民政局"),
                     ent("TOWNSHIP", 31, 34, code="410726105", canonical="王楼镇"),
                     ent("QUANTITY", 35, 40, value=3e9, unit="元", qualifier="近")],
        "footer": {"distribution": ["县委常委", "县人大"], "editor": "李勉", "reviewer": None, "issuer": "麻彦伟"}}}


def perfect() -> dict[str, Any]:
    p = copy.deepcopy(gold_record()["gold"])
    p["sections"][0]["items"][0] |= {"body": "…", "topic_scores": {"social_welfare": 0.9}}
    return p | {"warnings": []}


def test_evaluate_perfect_prediction() -> None:
    m = score([gold_record()], [perfect()])
    for k in ("masthead_acc", "sections_title_acc", "items_f", "items_ws_f", "headline_acc", "sources_acc",
              "footer_acc", "ents_p", "ents_r", "ents_f", "ents_overlap_f", "quantity_value_acc",
              "agency_canonical_acc", "township_code_acc", "topic_acc", "topic_macro_f", "overall"):
        assert m[k] == 1.0, k
    assert m["topic_confusion"] == {"social_welfare": {"social_welfare": 1}}
    assert m["per_doc"][0]["id"] == "doc1" and m["n_docs"] == 1
    assert list_errors([gold_record()], [perfect()]) == []


def test_evaluate_empty_prediction() -> None:
    m = score([gold_record()], [{}])
    assert (m["ents_p"], m["ents_r"], m["ents_f"]) == (0.0, 0.0, 0.0)
    assert (m["items_p"], m["items_r"], m["items_f"]) == (0.0, 0.0, 0.0)
    assert m["masthead_acc"] == 0.0 and m["sections_title_acc"] == 0.0
    assert m["footer_acc"] == 0.25  # reviewer: null == missing
    assert m["headline_acc"] is None and m["topic_acc"] is None and m["topic_macro_f"] is None
    assert m["quantity_value_acc"] is None
    kinds = {e["kind"] for e in list_errors([gold_record()], [{}])}
    assert kinds == {"masthead", "footer", "section_missed", "item_missed", "entity_missed"}


def empty_gold() -> dict[str, Any]:
    return {"title": None, "issue": None, "date": None, "publisher": None, "county": None, "sections": [],
            "entities": [], "footer": {"distribution": [], "editor": None, "reviewer": None, "issuer": None}}


@pytest.mark.parametrize("pred,expected_f", [
    ({}, 1.0),
    ({"entities": [ent("AGENCY", 12, 16)], "sections": [{"title": "x", "start": 0, "end": 30,
                                                        "items": [item(5, 30)]}]}, 0.0),
], ids=["empty-gold-empty-pred", "empty-gold-spurious-pred"])
def test_evaluate_empty_gold(pred: dict, expected_f: float) -> None:
    m = score([empty_gold()], [pred])
    assert m["ents_p"] == m["ents_r"] == m["ents_f"] == expected_f
    assert m["items_f"] == m["sections_f"] == expected_f
    assert m["ents_per_type"]["AGENCY"]["f"] == expected_f and m["ents_per_type"]["QUANTITY"]["f"] == 1.0
    assert m["masthead_acc"] == 1.0 and m["sections_title_acc"] is None and m["topic_acc"] is None


def test_evaluate_no_documents() -> None:
    m = score([], [])
    assert m["n_docs"] == 0 and m["ents_f"] == 1.0 and m["masthead_acc"] is None and m["per_doc"] == []


def test_evaluate_length_mismatch() -> None:
    with pytest.raises(ValueError):
        score([gold_record()], [])


def test_evaluate_partial_overlap_and_spurious() -> None:
    p = perfect()
    p["entities"][0] = ent("AGENCY", 13, 16, canonical="县民政局")  # 民政局 inside 县民政局
    p["entities"].append(ent("AGENCY", 0, 4))  # spurious 【民生】
    p["entities"].pop(3)  # TOWNSHIP missed
    m = score([gold_record()], [p])
    assert m["ents_per_type"]["AGENCY"] == pytest.approx({"p": 1 / 3, "r": 1 / 2, "f": 0.4})
    assert m["ents_overlap_per_type"]["AGENCY"] == pytest.approx({"p": 2 / 3, "r": 1.0, "f": 0.8})
    assert m["ents_per_type"]["TOWNSHIP"] == {"p": 0.0, "r": 0.0, "f": 0.0}  # nothing predicted: P = 0
    # micro: tp = 1 + 2 QUANTITY = 3, n_pred = 5, n_gold = 5
    assert (m["ents_p"], m["ents_r"]) == pytest.approx((3 / 5, 3 / 5))
    assert m["township_code_acc"] is None and m["agency_canonical_acc"] == 1.0
    errs = {(e["kind"], tuple(e["span"])) for e in list_errors([gold_record()], [p])}
    assert errs == {("entity_boundary", (12, 16)), ("entity_spurious", (0, 4)), ("entity_missed", (31, 34))}


@pytest.mark.parametrize("attr,pred_value,field,expected", [
    ("value", 6500.000001, "quantity_value_acc", 1.0),   # within 1e-6 relative
    ("value", 650.0, "quantity_value_acc", 0.5),
    ("unit", "张", "quantity_unit_acc", 0.5),
    ("qualifier", "余", "quantity_qualifier_acc", 0.5),
], ids=["value-within-tolerance", "wrong-value", "wrong-unit", "wrong-qualifier"])
def test_evaluate_quantity_attributes(attr: str, pred_value: Any, field: str, expected: float) -> None:
    p = perfect()
    p["entities"][1][attr] = pred_value
    m = score([gold_record()], [p])
    assert m[field] == expected and m["ents_f"] == 1.0


@pytest.mark.parametrize("index,attr,value,field", [
    (3, "code", "410726999", "township_code_acc"),
    (3, "canonical", "王楼乡", "township_canonical_acc"),
    (2, "canonical", "民政局", "agency_canonical_acc"),
], ids=["wrong-township-code", "wrong-township-canonical", "wrong-agency-canonical"])
def test_evaluate_linking_attributes(index: int, attr: str, value: str, field: str) -> None:
    p = perfect()
    p["entities"][index][attr] = value
    m = score([gold_record()], [p])
    assert m[field] == (0.0 if field.startswith("township") else 0.5)
    err = list_errors([gold_record()], [p])[0]
    assert (err["kind"], err["field"], err["gold"], err["pred"]) == ("entity_attr", attr, gold_record()[
        "gold"]["entities"][index][attr], value)


def topic_case() -> tuple[dict, dict]:
    """Four items; gold topics a a b c, predicted a b b c."""
    g = empty_gold()
    p = empty_gold()
    spans = [(0, 4), (5, 10), (11, 20), (21, 30)]
    g["sections"] = [{"title": "s", "start": 0, "end": 30, "items": [
        item(s, e, t)
        for (s, e), t in zip(spans, ["agriculture_rural", "agriculture_rural", "health", "environment"], strict=True)]}]
    p["sections"] = [{"title": "s", "start": 0, "end": 30, "items": [
        item(s, e, t)
        for (s, e), t in zip(spans, ["agriculture_rural", "health", "health", "environment"], strict=True)]}]
    return g, p


def test_evaluate_topic_confusion() -> None:
    g, p = topic_case()
    m = score([g], [p])
    assert m["topic_acc"] == 0.75
    assert m["topic_per_type"]["agriculture_rural"] == pytest.approx({"p": 1.0, "r": 0.5, "f": 2 / 3, "support": 2})
    assert m["topic_per_type"]["health"] == pytest.approx({"p": 0.5, "r": 1.0, "f": 2 / 3, "support": 1})
    assert m["topic_macro_f"] == pytest.approx((2 / 3 + 2 / 3 + 1) / 3)
    assert m["topic_confusion"] == {"agriculture_rural": {"agriculture_rural": 1, "health": 1},
                                    "health": {"health": 1}, "environment": {"environment": 1}}
    assert [e["kind"] for e in list_errors([g], [p])] == ["topic"]


def test_evaluate_items_boundaries_whitespace_and_matching() -> None:
    g = gold_record()
    g["gold"]["sections"][0]["items"] = [item(0, 4, headline="民生"), item(5, 30)]
    p = perfect()
    p["sections"][0]["items"] = [item(0, 5, headline="民生"),       # trailing newline: whitespace-tolerant
                                 item(7, 30, headline="救助", sources=[]),  # IoU 23/25: matched
                                 item(31, 34)]                       # spurious
    m = score([g], [p])
    assert (m["items_p"], m["items_r"]) == (0.0, 0.0)
    assert (m["items_ws_p"], m["items_ws_r"]) == pytest.approx((1 / 3, 1 / 2))
    assert m["items_matched"] == 2 and m["headline_acc"] == 1.0 and m["sources_acc"] == 0.5
    kinds = [e["kind"] for e in list_errors([g], [p])]
    assert kinds.count("item_boundary") == 2 and kinds.count("item_spurious") == 1 and "sources" in kinds


@pytest.mark.parametrize("pred_sections,expected", [
    ([{"title": "民生", "start": 0, "end": 28, "items": []}], 1.0),     # overlap-matched despite end
    ([{"title": "民生保障", "start": 0, "end": 30, "items": []}], 0.0),
    ([{"title": "民生", "start": 31, "end": 40, "items": []}], 0.0),     # no overlap: unmatched
], ids=["title-right-span-off", "title-wrong", "no-overlap"])
def test_evaluate_section_titles(pred_sections: list, expected: float) -> None:
    p = perfect() | {"sections": pred_sections}
    assert score([gold_record()], [p])["sections_title_acc"] == expected


def test_evaluate_masthead_and_footer_fields() -> None:
    p = perfect()
    p["issue"], p["date"] = 7, "2024-2-2"
    p["footer"] = {"distribution": ["县人大", "县委常委"], "editor": " 李勉 ", "reviewer": "", "issuer": None}
    m = score([gold_record()], [p])
    assert m["masthead_per_field"] == {"title": 1.0, "issue": 0.0, "date": 0.0, "publisher": 1.0, "county": 1.0}
    assert m["masthead_acc"] == 0.6
    assert m["footer_per_field"] == {"distribution": 0.0, "editor": 1.0, "reviewer": 1.0, "issuer": 0.0}


def test_evaluate_per_document_breakdown_and_table() -> None:
    g2 = copy.deepcopy(gold_record()) | {"id": "doc2"}
    m = score([gold_record(), g2], [perfect(), {}])
    assert [d["id"] for d in m["per_doc"]] == ["doc1", "doc2"]
    assert m["per_doc"][0]["ents_f"] == 1.0 and m["per_doc"][1]["ents_f"] == 0.0
    assert m["ents_r"] == 0.5
    table = format_table(m)
    assert "entities (exact)" in table and "QUANTITY" in table
    worst = table.split("worst documents")[1].splitlines()
    assert worst[1].startswith("doc2")


def test_evaluate_write_html(tmp_path: Path) -> None:
    p = perfect()
    p["entities"][0] = ent("AGENCY", 13, 16, canonical="县民政局")
    p["entities"][1]["value"] = 650.0
    p["sections"][0]["items"][0]["topic"] = "health"
    m = score([gold_record()], [p])
    out = tmp_path / "report.html"
    write_html(m, [gold_record()], [p], out)
    page = out.read_text(encoding="utf-8")
    for s in ("doc1", "entity_boundary", "entity_attr", "topic", "health (social_welfare 0.90)",
              '<mark class="AGENCY err">县民政局', "&lt;b&gt;"):
        assert s in page, s
    assert "</b></mark><b>" not in page  # the text's own "<b>" is escaped


@pytest.fixture
def fake_parser(monkeypatch: pytest.MonkeyPatch):
    class Bulletin:
        def __init__(self, d: dict) -> None:
            self.d = d

        def to_dict(self) -> dict:
            return self.d

    def parse(text: str, nlp: Any = None) -> Bulletin:
        if "FAIL" in text:
            raise RuntimeError("boom")
        return Bulletin(perfect())

    mod = types.ModuleType("bulletin_nlp.api")
    mod.parse = parse  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "bulletin_nlp.api", mod)


def test_evaluate_with_parser(fake_parser, tmp_path: Path) -> None:
    bad = gold_record() | {"id": "doc2", "text": TEXT + "FAIL"}
    m = evaluate([gold_record(), bad], html=tmp_path / "r.html")
    assert m["per_doc"][0]["overall"] == 1.0 and m["per_doc"][1]["ents_f"] == 0.0
    assert m["failures"] == [{"id": "doc2", "error": "RuntimeError: boom"}]
    assert {e["id"] for e in m["errors"]} == {"doc2"}
    assert "parse failures: 1" in format_table(m) and (tmp_path / "r.html").exists()


def test_evaluate_records_skips_topic_items(fake_parser, tmp_path: Path) -> None:
    from bulletin_nlp.corpus.evaluate import evaluate_records
    topic_item = {"id": "ti", "section": None, "headline": "h", "body": "b", "sources": [], "topic": "health",
                  "origin": "user"}
    records = [topic_item, gold_record()]
    metrics, preds = evaluate_records(records, nlp=None)
    assert metrics["n_docs"] == 1 and len(preds) == 1 and metrics["ents_f"] == 1.0
    write_html(metrics, records, preds, tmp_path / "r.html")
    assert "doc1: 0 errors" in (tmp_path / "r.html").read_text(encoding="utf-8")


# ----------------------------------------------------------------------------- DATE and facts
def _with_facts(record: dict[str, Any]) -> dict[str, Any]:
    """The gold record annotated for DATE and facts: 县民政局 reports 6500 条 of 棉被 (no period)."""
    record = copy.deepcopy(record)
    g = record["gold"]
    g["facts"] = [{"quantity": 1, "item": [0, 0],
                   "subject": {"text": "县民政局", "start": 12, "end": 16, "label": "AGENCY",
                               "canonical": "县民政局", "code": None},
                   "indicator": {"text": "发放", "start": 16, "end": 18}, "period": None}]
    return record


def test_evaluate_facts_scored_per_field_and_unannotated_dates_ignored() -> None:
    gold = _with_facts(gold_record())
    pred = perfect() | {"facts": copy.deepcopy(gold["gold"]["facts"])}
    m = score([gold], [pred])
    assert m["n_gold_facts"] == 1
    assert all(m[f"fact_{k}_acc"] == 1.0 for k in ("subject", "indicator_exact", "indicator_overlap", "period"))
    wrong = copy.deepcopy(pred)
    wrong["facts"][0]["subject"]["canonical"] = "县交通运输局"
    wrong["facts"][0]["indicator"] = {"text": "发放6", "start": 16, "end": 19}  # Jaccard 2/3
    wrong["facts"][0]["period"] = {"text": "目前", "start": 0, "end": 2, "value": {"start": None, "end": "2024-02-02"}}
    m = score([gold], [wrong])
    assert (m["fact_subject_acc"], m["fact_indicator_exact_acc"], m["fact_indicator_overlap_acc"],
            m["fact_period_acc"]) == (0.0, 0.0, 1.0, 0.0)
    assert [e["kind"] for e in list_errors([gold], [wrong])] == ["fact"]
    assert "facts subject" in format_table(m)
    # a predicted DATE counts only where the gold is annotated for DATEs
    dated = perfect() | {"entities": perfect()["entities"] + [ent("DATE", 0, 2) | {"interval": None}]}
    assert score([gold_record()], [dated])["ents_p"] == 1.0
    assert score([gold], [dated])["ents_p"] < 1.0
    assert score([gold_record()], [perfect()])["fact_subject_acc"] is None


def test_evaluate_write_html_shows_the_facts_table(tmp_path: Path) -> None:
    gold = _with_facts(gold_record())
    pred = perfect() | {"facts": []}
    path = tmp_path / "r.html"
    write_html(score([gold], [pred]), [gold], [pred], path)
    assert "facts: gold | predicted" in path.read_text("utf-8")
