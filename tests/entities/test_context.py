"""bulletin_nlp.entities.context: the typed context a Doc carries through the pipeline."""

from __future__ import annotations

from spacy.tokens import Doc

from bulletin_nlp.entities.context import (
    CONTEXT_KEY,
    BulletinContext,
    ItemText,
    context_of,
    set_context,
    stored_context,
    text_context,
    update_context,
)


def _context() -> BulletinContext:
    return BulletinContext(
        masthead_lines=["延津县人民政府办公室", "延津政务快报"],
        items=[ItemText(section="工作动态", headline="县民政局发放棉被", body="共发放 6500 条。", sources=["民政局"])],
        county_code="410726",
        county_name="延津县",
        topics=[("social_welfare", {"social_welfare": 0.9, "other": 0.1})],
    )


def test_context_survives_doc_bytes(nlp) -> None:
    doc = nlp.make_doc("县民政局发放棉被")
    set_context(doc, _context())
    restored = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert context_of(restored) == _context()
    assert restored._.bulletin_context == _context()


def test_context_absent_is_none(nlp) -> None:
    assert context_of(nlp.make_doc("县民政局")) is None


def test_context_of_a_bare_text_reads_its_masthead() -> None:
    context = text_context("延津县人民政府办公室\n延津政务快报\n\n县民政局发放棉被 6500 条。\n")
    assert context.items is None
    assert any("延津" in line for line in context.masthead_lines)


def test_context_county_given_by_the_caller_is_kept(nlp) -> None:
    doc = nlp.make_doc("王楼镇开展排查")
    set_context(doc, BulletinContext(county_code="130722"))
    assert nlp(doc)._.bulletin_context.county_code == "130722"
    assert nlp(doc)._.bulletin_context.county_name == "张北县"


def test_update_context_sets_fields_in_a_new_dict(nlp) -> None:
    doc = nlp.make_doc("县民政局发放棉被")
    set_context(doc, _context())
    before = doc.user_data[CONTEXT_KEY]
    update_context(doc, county_code="130722", county_name="张北县")
    assert before["county_code"] == "410726"  # what shared the old dict (a copy of the Doc) keeps it
    changed = context_of(doc)
    assert changed is not None and (changed.county_code, changed.county_name) == ("130722", "张北县")
    assert changed.items == _context().items and changed.topics == _context().topics


def test_stored_context_needs_every_field(nlp) -> None:
    doc = nlp.make_doc("王楼镇开展排查")
    assert stored_context(doc) is None
    set_context(doc, _context())
    assert stored_context(doc) == _context().to_dict()
    doc.user_data[CONTEXT_KEY] = {"county_code": "130722"}  # hand-written: read through context_of
    assert stored_context(doc) is None


def test_components_read_a_hand_written_context_as_before(nlp) -> None:
    doc = nlp.make_doc("王楼镇开展排查")
    doc.user_data[CONTEXT_KEY] = {"county_code": "130722", "items": [
        {"section": "", "headline": "王楼镇开展排查", "body": "王楼镇开展排查", "sources": []}]}
    context = nlp(doc)._.bulletin_context
    assert (context.county_code, context.county_name) == ("130722", "张北县")
    assert len(context.topics) == 1 and not doc.cats


def test_components_set_the_same_context_either_way(nlp) -> None:
    """A stored context is updated field by field; a context missing a field is rebuilt: both
    give the same county and topics."""
    items = [{"section": "工作动态", "headline": "县民政局发放棉被", "body": "共发放 6500 条。", "sources": ["民政局"]}]
    results = []
    for data in (BulletinContext(masthead_lines=["延津县人民政府办公室"], items=[ItemText(**items[0])]).to_dict(),
                 {"masthead_lines": ["延津县人民政府办公室"], "items": items}):
        doc = nlp.make_doc("县民政局发放棉被，共发放 6500 条。")
        doc.user_data[CONTEXT_KEY] = data
        results.append(nlp(doc).user_data[CONTEXT_KEY])
    assert results[0] == results[1]
    assert results[0]["county_code"] == "410726" and len(results[0]["topics"]) == 1
