"""bulletin_nlp.entities.context: the typed context a Doc carries through the pipeline."""

from __future__ import annotations

from spacy.tokens import Doc

from bulletin_nlp.entities.context import BulletinContext, ItemText, context_of, set_context, text_context


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
