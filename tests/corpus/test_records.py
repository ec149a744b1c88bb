"""Tests for bulletin_nlp.corpus.records on tiny hand-written bulletins."""
from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bulletin_nlp.corpus import records as corpus_records
from bulletin_nlp.corpus import spacy_docs
from bulletin_nlp.topics.taxonomy import topic_codes

TEXT = (
    "延津政务快报\n第6期\n延津县人民政府办公室　2024年2月2日\n\n"
    "【低温雨雪天气应对】\n"
    "**我县积极行动防范应对低温雨雪天气** 县民政局为王楼镇群众发放棉被6500 条。（民政局 交通运输局）\n"
    "**塔铺街道开展安全检查**检查企业近30家。（应急管理局）\n\n"
    "【民生保障】\n"
    "我县发放救助金5452万元。\n\n"
    "本期发：县委常委，县人大\n责任编辑：李勉　审核：原超俊　签发：麻彦伟\n"
)


def at(s: str, n: int = 1) -> int:
    """Start of the n-th occurrence of ``s`` in TEXT."""
    i = -1
    for _ in range(n):
        i = TEXT.index(s, i + 1)
    return i


def ent(label: str, s: str, n: int = 1, **kw: Any) -> dict[str, Any]:
    i = at(s, n)
    base = {"label": label, "start": i, "end": i + len(s), "text": s, "canonical": None,
            "code": None, "value": None, "unit": None, "qualifier": None, "interval": None}
    return base | kw


def make_record(rid: str = "t1") -> dict[str, Any]:
    h1, h2 = "我县积极行动防范应对低温雨雪天气", "塔铺街道开展安全检查"
    i1, i2, i3 = at("**我县"), at("**塔铺"), at("我县发放")
    e1, e2, e3 = at("（民政局") + len("（民政局 交通运输局）"), at("（应急管理局）") + 7, at("5452万元。") + 7
    return {
        "id": rid, "text": TEXT, "meta": {"origin": "synthetic", "note": None},
        "gold": {
            "title": "延津政务快报", "issue": 6, "date": "2024-02-02",
            "publisher": "延津县人民政府办公室", "county": "延津县",
            "sections": [
                {"title": "低温雨雪天气应对", "start": at("【低温"), "end": e2, "items": [
                    {"start": i1, "end": e1, "headline": h1, "headline_start": at(h1),
                     "headline_end": at(h1) + len(h1), "sources": ["民政局", "交通运输局"],
                     "topic": "safety_emergency"},
                    {"start": i2, "end": e2, "headline": h2, "headline_start": at(h2),
                     "headline_end": at(h2) + len(h2), "sources": ["应急管理局"], "topic": "safety_emergency"}]},
                {"title": "民生保障", "start": at("【民生"), "end": e3, "items": [
                    {"start": i3, "end": e3, "headline": None, "headline_start": None, "headline_end": None,
                     "sources": [], "topic": "social_welfare"}]},
            ],
            "entities": [
                ent("AGENCY", "延津县人民政府办公室", canonical="县人民政府办公室"),
                ent("AGENCY", "县民政局", canonical="县民政局"),
                ent("TOWNSHIP", "王楼镇", code="410726105", canonical="王楼镇"),
                ent("QUANTITY", "6500 条", value=6500.0, unit="条"),
                ent("AGENCY", "民政局", 2, canonical="县民政局"),
                ent("AGENCY", "交通运输局", canonical="县交通运输局"),
                ent("TOWNSHIP", "塔铺街道", code="410726002", canonical="塔铺街道"),
                ent("QUANTITY", "近30家", value=30.0, unit="家", qualifier="近"),
                ent("AGENCY", "应急管理局", canonical="县应急管理局"),
                ent("QUANTITY", "5452万元", value=54520000.0, unit="元"),
            ],
            "facts": None,
            "footer": {"distribution": ["县委常委", "县人大"], "editor": "李勉", "reviewer": "原超俊",
                       "issuer": "麻彦伟"},
        },
    }


TOPIC_ITEM = {"id": "ti1", "section": "民生保障", "headline": "我县发放救助金", "body": "发放救助金5452万元。",
              "sources": ["民政局"], "topic": "social_welfare", "origin": "synthetic"}
TOWNS = frozenset({"410726105", "410726002"})


def test_records_valid_record_has_no_problems() -> None:
    assert corpus_records.check_record(make_record(), TOWNS) == []
    assert corpus_records.check_record(make_record(), None) == []


def _g(r: dict) -> dict:
    return r["gold"]


def _swap_items(r: dict) -> None:
    items = _g(r)["sections"][0]["items"]
    items.reverse()


def _overlap_agency(r: dict) -> None:
    e = ent("AGENCY", "民政局", 1, canonical="县民政局")  # inside 县民政局
    ents = _g(r)["entities"]
    ents.insert(2, e)


# (id, mutation, town codes, expected substring of a problem)
BROKEN: list[tuple[str, Callable[[dict], Any], str]] = [
    ("entity-text-mismatch", lambda r: _g(r)["entities"][1].update(text="县民政"), "!= text["),
    ("entity-end-past-text", lambda r: _g(r)["entities"][-1].update(end=len(TEXT) + 5), "bad offsets"),
    ("entity-start-after-end", lambda r: _g(r)["entities"][1].update(start=_g(r)["entities"][1]["end"] + 1),
     "bad offsets"),
    ("entity-overlap-same-label", _overlap_agency, "overlaps AGENCY"),
    ("entities-unsorted", lambda r: _g(r)["entities"].reverse(), "not sorted"),
    ("entity-edge-whitespace", lambda r: _g(r)["entities"][3].update(start=at("6500 条") + 4, text=" 条"),
     "whitespace"),
    ("missing-entity-key", lambda r: _g(r)["entities"][1].pop("code"), "missing key 'code'"),
    ("missing-gold-key", lambda r: _g(r).pop("footer"), "missing key 'footer'"),
    ("missing-id", lambda r: r.pop("id"), "missing key 'id'"),
    ("unexpected-key", lambda r: _g(r).update(entites=[]), "unexpected key 'entites'"),
    ("issue-wrong-type", lambda r: _g(r).update(issue="6"), "gold.issue: expected integer"),
    ("date-pattern", lambda r: _g(r).update(date="2024/02/02"), "does not match"),
    ("date-not-calendar", lambda r: _g(r).update(date="2024-02-30"), "not a calendar date"),
    ("unknown-label", lambda r: _g(r)["entities"][1].update(label="PERSON"), "not one of"),
    ("quantity-without-value", lambda r: _g(r)["entities"][3].update(value=None), "entities[3].value"),
    ("agency-with-value", lambda r: _g(r)["entities"][1].update(value=1.0), "entities[1].value"),
    ("code-pattern", lambda r: _g(r)["entities"][2].update(code="4107"), "does not match"),
    ("unknown-township-code", lambda r: _g(r)["entities"][2].update(code="410726999"), "not in the gazetteer"),
    ("qualifier-not-in-text", lambda r: _g(r)["entities"][3].update(qualifier="余"), "qualifier"),
    ("unknown-topic", lambda r: _g(r)["sections"][1]["items"][0].update(topic="sports"), "unknown topic"),
    ("items-out-of-order", _swap_items, "before the previous item ends"),
    ("sections-out-of-order", lambda r: _g(r)["sections"].reverse(), "before the previous section ends"),
    ("item-outside-section", lambda r: _g(r)["sections"][0].update(end=_g(r)["sections"][0]["end"] - 3),
     "outside its section"),
    ("item-edge-whitespace", lambda r: _g(r)["sections"][1]["items"][0].update(
        start=at("我县发放") - 1), "whitespace"),
    ("headline-outside-item", lambda r: _g(r)["sections"][0]["items"][0].update(headline_start=0), "outside item"),
    ("headline-text-mismatch", lambda r: _g(r)["sections"][0]["items"][0].update(headline="我县积极行动"),
     "headline '我县积极行动' != text"),
    ("headline-half-null", lambda r: _g(r)["sections"][0]["items"][0].update(headline_end=None), "both"),
    ("headline-without-offsets", lambda r: _g(r)["sections"][1]["items"][0].update(headline="我县"),
     "without offsets"),
    ("source-not-in-item", lambda r: _g(r)["sections"][0]["items"][1].update(sources=["民政局"]),
     "not in the item text"),
    ("empty-source", lambda r: _g(r)["sections"][0]["items"][1].update(sources=[""]), "empty string"),
    ("meta-origin", lambda r: r["meta"].update(origin="web"), "not one of"),
]


@pytest.mark.parametrize("mutate,expected", [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN])
def test_records_check_record_finds_problem(mutate: Callable[[dict], Any], expected: str) -> None:
    r = make_record()
    mutate(r)
    problems = corpus_records.check_record(r, TOWNS)
    assert any(expected in p for p in problems), problems


SCHEMA_CASES = [b for b in BROKEN if b[0] in {
    "missing-entity-key", "missing-gold-key", "missing-id", "unexpected-key", "issue-wrong-type",
    "date-pattern", "unknown-label", "quantity-without-value", "agency-with-value", "code-pattern",
    "empty-source", "meta-origin"}]


@pytest.mark.parametrize("mutate", [b[1] for b in SCHEMA_CASES], ids=[b[0] for b in SCHEMA_CASES])
def test_records_schema_agrees_with_jsonschema(mutate: Callable[[dict], Any]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    v = jsonschema.Draft202012Validator(corpus_records.load_schema())
    r = make_record()
    assert not list(v.iter_errors(r)) and not corpus_records.schema_errors(r)
    mutate(r)
    assert list(v.iter_errors(r)) and corpus_records.schema_errors(r)


def test_records_schema_is_valid_draft_2020_12_and_accepts_topic_items() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft202012Validator.check_schema(corpus_records.load_schema())
    jsonschema.validate(TOPIC_ITEM, corpus_records.load_schema())
    jsonschema.validate(make_record(), corpus_records.load_schema())


def test_records_other_labels_may_overlap() -> None:
    r = make_record()
    r["gold"]["entities"].insert(1, ent("AGENCY", "延津县人民政府", canonical="县人民政府"))
    assert any("overlaps" in p for p in corpus_records.check_record(r, TOWNS))
    r = make_record()
    i = at("王楼镇")
    r["gold"]["entities"].insert(3, {**ent("AGENCY", "王楼镇群众"), "canonical": "x"})  # AGENCY over TOWNSHIP
    assert not [p for p in corpus_records.check_record(r, TOWNS) if "overlaps" in p]
    assert r["gold"]["entities"][2]["start"] == i


def test_records_qualifier_of_traditional_text_is_the_simplified_form() -> None:
    r = make_record()
    r["text"] = r["text"].replace("近30家", "約30家")
    quantity = next(e for e in _g(r)["entities"] if e["text"] == "近30家")
    quantity.update(text="約30家", qualifier="约")
    assert not corpus_records.check_record(r, TOWNS)
    quantity.update(qualifier="約")  # the written form is not the normalised field
    assert any("qualifier" in p for p in corpus_records.check_record(r, TOWNS))


def test_records_township_codes_skipped_without_gazetteer(tmp_path: Path) -> None:
    r = make_record()
    r["gold"]["entities"][2]["code"] = "410726999"
    assert corpus_records.check_record(r, None) == []
    assert corpus_records.load_town_codes(tmp_path / "absent.csv") is None
    csv = tmp_path / "towns.csv"
    csv.write_text("code,name\n410726105,王楼镇\n", encoding="utf-8")
    assert corpus_records.load_town_codes(csv) == frozenset({"410726105"})


@pytest.mark.parametrize("item,expected", [
    (TOPIC_ITEM, None),
    ({**TOPIC_ITEM, "topic": "sports"}, "unknown topic"),
    ({k: v for k, v in TOPIC_ITEM.items() if k != "body"}, "missing key 'body'"),
], ids=["valid", "unknown-topic", "missing-body"])
def test_records_check_topic_item(item: dict, expected: str | None) -> None:
    problems = corpus_records.check_record(item)
    assert (problems == []) if expected is None else any(expected in p for p in problems)


def _write(path: Path, lines: list[Any]) -> Path:
    path.write_text("".join((x if isinstance(x, str) else json.dumps(x, ensure_ascii=False)) + "\n"
                            for x in lines), encoding="utf-8")
    return path


def test_records_read_records_file_and_folder(tmp_path: Path) -> None:
    _write(tmp_path / "b.jsonl", [make_record("b1")])
    _write(tmp_path / "a.jsonl", [make_record("a1"), "", make_record("a2")])
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    assert [r["id"] for r in corpus_records.read_records(tmp_path)] == ["a1", "a2", "b1"]
    assert [r["id"] for r in corpus_records.read_records(tmp_path / "b.jsonl")] == ["b1"]
    _write(tmp_path / "c.jsonl", ["{oops"])
    with pytest.raises(ValueError, match=r"c\.jsonl:1"):
        corpus_records.read_records(tmp_path)


def test_records_check_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(corpus_records, "load_town_codes", lambda path=None: TOWNS)
    bad = make_record("bad")
    bad["gold"]["entities"][1]["text"] = "县民政"
    _write(tmp_path / "x.jsonl", [make_record("good"), bad, make_record("good"), "{oops", TOPIC_ITEM])
    out = corpus_records.check_corpus(tmp_path)
    assert set(out) == {"bad", "x.jsonl:3", "x.jsonl:4"}
    assert out["x.jsonl:3"] == ["duplicate id 'good'"]
    assert out["x.jsonl:4"][0].startswith("invalid JSON")


def test_records_normalize_and_write_records(tmp_path: Path) -> None:
    r = make_record()
    del r["meta"]["note"]
    r["gold"]["entities"][1] = {"label": "AGENCY", "start": at("县民政局"), "end": at("县民政局") + 4,
                                "text": "县民政局", "canonical": "县民政局"}
    r["gold"]["entities"][3]["value"] = 6500
    n = corpus_records.normalize_record(r)
    assert r["gold"]["entities"][3]["value"] == 6500  # input untouched
    assert set(n["gold"]["entities"][1]) == set(corpus_records.ENTITY_KEYS) and n["meta"]["note"] is None
    assert isinstance(n["gold"]["entities"][3]["value"], float)
    corpus_records.write_records([r], tmp_path / "o.jsonl")
    line = (tmp_path / "o.jsonl").read_text(encoding="utf-8")
    assert "延津" in line and '"value": 6500.0' in line
    assert corpus_records.check_record(corpus_records.read_records(tmp_path / "o.jsonl")[0], TOWNS) == []


def _two_records() -> list[dict]:
    a, b = make_record("a"), make_record("b")
    a["gold"]["entities"] = [e for e in a["gold"]["entities"] if e["label"] == "AGENCY"]
    b["gold"]["entities"] = [e for e in b["gold"]["entities"] if e["label"] == "QUANTITY"]
    b["gold"]["issue"] = None
    b["gold"]["footer"] = {"distribution": [], "editor": None, "reviewer": None, "issuer": None}
    return [a, b]


@pytest.mark.parametrize("loader", ["load_corpus", "datasets.load_dataset"])
def test_records_datasets_loaders(tmp_path: Path, loader: str) -> None:
    path = tmp_path / "two.jsonl"
    corpus_records.write_records(_two_records(), path)
    if loader == "load_corpus":
        ds = corpus_records.load_corpus(path)
    else:
        import datasets
        ds = datasets.load_dataset("json", data_files=str(path), split="train", cache_dir=str(tmp_path / "c"))
    assert ds.num_rows == 2 and ds[0]["id"] == "a"
    assert ds[1]["gold"]["issue"] is None and ds[0]["gold"]["issue"] == 6
    e0, e1 = ds[0]["gold"]["entities"][0], ds[1]["gold"]["entities"][1]
    assert e0["canonical"] == "县人民政府办公室" and e0["value"] is None and e0["code"] is None
    assert e1["value"] == 30.0 and e1["qualifier"] == "近" and e1["canonical"] is None
    assert ds[0]["gold"]["sections"][0]["items"][0]["sources"] == ["民政局", "交通运输局"]
    assert ds[1]["text"] == TEXT


def test_records_load_corpus_types_unnormalised_file_and_topic_items(tmp_path: Path) -> None:
    recs = _two_records()
    for e in recs[0]["gold"]["entities"]:
        for k in ("code", "value", "unit", "qualifier"):
            del e[k]
    _write(tmp_path / "raw.jsonl", recs)
    ds = corpus_records.load_corpus(tmp_path / "raw.jsonl")
    feat = ds.features["gold"]["entities"]
    feat = feat[0] if isinstance(feat, list) else feat.feature  # datasets < 4 uses [feature]
    assert feat["value"].dtype == "float64"
    assert ds[0]["gold"]["entities"][0]["unit"] is None
    (tmp_path / "t").mkdir()
    _write(tmp_path / "t" / "items.jsonl", [TOPIC_ITEM])
    items = corpus_records.load_corpus(tmp_path / "t")["items"]
    assert items[0]["topic"] == "social_welfare" and items[0]["sources"] == ["民政局"]
    _write(tmp_path / "t" / "mixed.jsonl", [make_record(), TOPIC_ITEM])
    with pytest.raises(ValueError, match="mixes"):
        corpus_records.load_corpus(tmp_path / "t")


def test_records_load_corpus_folder_is_a_dataset_dict_by_file(tmp_path: Path) -> None:
    import bulletin_nlp

    _write(tmp_path / "dev.jsonl", _two_records())
    _write(tmp_path / "test.jsonl", [make_record()])
    splits = bulletin_nlp.load_corpus(tmp_path)
    assert sorted(splits) == ["dev", "test"]
    assert (len(splits["dev"]), len(splits["test"])) == (2, 1)
    (tmp_path / "empty").mkdir()
    with pytest.raises(ValueError, match=r"no \*\.jsonl"):
        corpus_records.load_corpus(tmp_path / "empty")


def test_records_item_records() -> None:
    items = corpus_records.item_records([make_record(), TOPIC_ITEM])
    assert [i["id"] for i in items] == ["t1/0.0", "t1/0.1", "t1/1.0", "ti1"]
    first, second, third = items[:3]
    assert first["section"] == "低温雨雪天气应对" and first["headline"] == "我县积极行动防范应对低温雨雪天气"
    assert first["body"] == "县民政局为王楼镇群众发放棉被6500 条。"
    assert second["body"] == "检查企业近30家。" and second["sources"] == ["应急管理局"]
    assert third["headline"] == "" and third["body"] == "我县发放救助金5452万元。"
    assert third["topic"] == "social_welfare" and third["origin"] == "synthetic"
    assert items[3] == TOPIC_ITEM
    assert corpus_records.item_text(first).startswith("我县积极行动防范应对低温雨雪天气\n县民政局")


@pytest.fixture(scope="module")
def zh():
    import spacy
    return spacy.blank("zh")


def test_records_docbin_roundtrip(zh) -> None:
    db = spacy_docs.to_docbin([make_record()], zh)
    from spacy.tokens import DocBin
    doc = next(DocBin().from_bytes(db.to_bytes()).get_docs(zh.vocab))
    gold = make_record()["gold"]["entities"]
    assert [(s.start_char, s.end_char, s.label_) for s in doc.spans["gold"]] == \
        [(e["start"], e["end"], e["label"]) for e in gold]
    assert [e.text for e in doc.ents] == [e["text"] for e in gold]
    assert doc.user_data["entities"][2]["code"] == "410726105" and doc.user_data["id"] == "t1"
    assert [s.label_ for s in doc.spans["items"]] == ["safety_emergency", "safety_emergency", "social_welfare"]
    assert [s.text for s in doc.spans["sections"]][1] == "【民生保障】\n我县发放救助金5452万元。"
    assert len(doc.spans["headlines"]) == 2


def test_records_examples_expand_to_tokens() -> None:
    import spacy
    nlp = spacy.blank("en")  # whitespace tokens: entities do not align with tokens
    ex = spacy_docs.to_spacy_examples([make_record()], nlp)[0]
    ref = ex.reference
    assert ex.predicted.text == ref.text == TEXT
    gold = ref.spans["gold"]
    assert len(gold) == 10 and gold[1].text == "县民政局为王楼镇群众发放棉被6500"  # expanded to the token
    # 县民政局, 王楼镇 and 6500 条 expand onto shared tokens: doc.ents keeps the longest only
    assert [e.label_ for e in ref.ents][:2] == ["AGENCY", "QUANTITY"]
    assert ref.ents[1].text == "县民政局为王楼镇群众发放棉被6500 条。（民政局"
    assert ref.user_data["entities"][1]["start"] == at("县民政局")


def test_records_topic_examples(zh) -> None:
    exs = spacy_docs.topic_examples([make_record(), TOPIC_ITEM], zh)
    assert len(exs) == 4
    cats = exs[2].reference.cats
    assert cats["social_welfare"] == 1.0 and sum(cats.values()) == 1.0 and list(cats) == list(topic_codes())
    assert exs[3].reference.text == "我县发放救助金\n发放救助金5452万元。"


def test_records_are_not_mutated_by_checks() -> None:
    r = make_record()
    before = copy.deepcopy(r)
    corpus_records.check_record(r, TOWNS)
    corpus_records.item_records([r])
    assert r == before


def test_records_facts_must_point_at_quantities_and_dates_with_their_values() -> None:
    r = make_record()
    g = r["gold"]
    i = at("县民政局")
    g["facts"] = [{"quantity": 3, "item": [0, 0],
                   "subject": {"text": "县民政局", "start": i, "end": i + 4, "label": "AGENCY",
                               "canonical": "县民政局", "code": None},
                   "indicator": {"text": "棉被", "start": at("棉被"), "end": at("棉被") + 2}, "period": None}]
    assert corpus_records.check_record(r, TOWNS) == []
    g["facts"][0]["quantity"] = 1
    assert any("not a QUANTITY" in e for e in corpus_records.check_record(r, TOWNS))
    g["facts"][0]["quantity"] = 3
    g["facts"][0]["indicator"]["text"] = "棉"
    assert any("indicator" in e for e in corpus_records.check_record(r, TOWNS))
    g["facts"][0]["indicator"]["text"] = "棉被"
    g["facts"][0]["period"] = {"text": "2024年2月2日", "start": at("2024年"), "end": at("2024年") + 9,
                               "value": {"start": "2024-02-02", "end": "2024-02-02"}}
    assert any("not a DATE entity" in e for e in corpus_records.check_record(r, TOWNS))
    g["entities"].insert(1, ent("DATE", "2024年2月2日", interval={"start": "2024-02-02", "end": "2024-02-02"}))
    g["facts"][0]["quantity"] = 4
    assert corpus_records.check_record(r, TOWNS) == []
    g["entities"][1]["interval"] = {"start": "2024-02-03", "end": "2024-02-02"}
    assert any("starts after it ends" in e for e in corpus_records.check_record(r, TOWNS))


def test_records_dates_without_facts_annotation_are_an_error() -> None:
    r = make_record()
    r["gold"]["entities"].insert(1, ent("DATE", "2024年2月2日", interval=None))
    assert any("gold.facts" in e for e in corpus_records.check_record(r, TOWNS))
