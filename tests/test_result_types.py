"""Result types of a parse that read their text from the input (bulletin.TextSource): to a user
they are the frozen dataclasses holding the string."""

from __future__ import annotations

import copy
import copyreg
import dataclasses
import io
import pickle

import pytest

import bulletin_nlp
from bulletin_nlp.bulletin import Bulletin, Entity, Period, Span, Subject, TextSource, build_span
from tests.support import SAMPLES

SAMPLE = (SAMPLES / "yanjin_2024_06.txt").read_text("utf-8")


@dataclasses.dataclass(frozen=True, slots=True)
class TaggedSpan(Span):
    """A user's subclass with a field of its own."""

    tag: str = ""


@pytest.fixture(scope="module")
def bulletin() -> Bulletin:
    return bulletin_nlp.parse(SAMPLE)


def test_text_from_a_source_equals_the_string(bulletin: Bulletin) -> None:
    spans = [*bulletin.entities, *(s for f in bulletin.facts for s in (f.subject, f.indicator, f.period) if s),
             *(s for i in bulletin.items for s in i.source_spans)]
    assert {type(s) for s in spans} == {Entity, Subject, Span, Period}
    for span in spans:
        held = dataclasses.replace(span, text=SAMPLE[span.start : span.end])
        assert span.text == SAMPLE[span.start : span.end] and span == held and hash(span) == hash(held)
        assert repr(span) == repr(held) and dataclasses.asdict(span) == dataclasses.asdict(held)


def test_spans_of_a_parse_pickle_their_text_not_the_input(bulletin: Bulletin) -> None:
    entity = bulletin.entities[0]
    assert len(pickle.dumps(entity)) < 600 < len(SAMPLE)
    assert pickle.loads(pickle.dumps(bulletin)) == bulletin == copy.deepcopy(bulletin)
    assert pickle.loads(pickle.dumps(bulletin)).to_dict() == bulletin.to_dict()


def test_items_read_their_headline_and_body_from_the_input_where_they_are_one_piece() -> None:
    text = ("政务信息\n\n【工作动态】\n\n**县民政局开展冬季走访**\n县民政局走访困难群众56户，\r\n发放棉被200床。\n\n"
            "**县卫健局开展义诊**\n县卫健局开展义诊活动，服务群众200人次。\n")
    wrapped, whole = bulletin_nlp.parse(text).items
    assert wrapped.body == "县民政局走访困难群众56户，发放棉被200床。"  # cleaned: held as a string
    assert wrapped.body is wrapped.body
    assert whole.body == "县卫健局开展义诊活动，服务群众200人次。" == text[whole.body_start : whole.body_end]
    assert whole.body is not whole.body  # one piece of the input: sliced from it when read
    assert whole.headline is not whole.headline and whole.headline == "县卫健局开展义诊"
    for item in (wrapped, whole):
        held = dataclasses.replace(item, headline=str(item.headline), body=str(item.body))
        assert item == held and hash(item) == hash(held) and repr(item) == repr(held)
        assert dataclasses.asdict(item) == dataclasses.asdict(held) and item.to_dict() == held.to_dict()
        assert pickle.loads(pickle.dumps(item)) == item
    assert len(pickle.dumps(whole)) < len(pickle.dumps(dataclasses.replace(whole, body=text)))  # not the input


def test_spans_stay_frozen_and_keep_their_fields() -> None:
    span = build_span(2, 4, TextSource("全县发放棉被"))
    assert span.text == "发放" and span == Span(2, 4, "发放")
    with pytest.raises(dataclasses.FrozenInstanceError):
        span.text = "棉被"  # type: ignore[misc]
    assert [f.name for f in dataclasses.fields(Entity)][:4] == ["label", "start", "end", "text"]
    assert Entity("AGENCY", 0, 4, "县民政局").text == "县民政局"


def test_pickles_in_the_dataclasses_own_form_still_load(bulletin: Bulletin) -> None:
    """The slotted result types pickle as a call of their constructor; a pickle written the way
    dataclasses pickle them (the object, then its state: the field values in order) loads equal."""

    class DataclassForm(pickle.Pickler):
        def reducer_override(self, obj: object) -> object:
            if dataclasses.is_dataclass(obj) and hasattr(type(obj), "__slots__") and not isinstance(obj, type):
                state = [getattr(obj, field.name) for field in dataclasses.fields(obj)]
                return copyreg.__newobj__, (type(obj),), state
            return NotImplemented

    buffer = io.BytesIO()
    DataclassForm(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(bulletin)
    assert pickle.loads(buffer.getvalue()) == bulletin
    assert len(pickle.dumps(bulletin)) < len(buffer.getvalue())  # the constructor's form is the smaller


def test_a_subclass_with_fields_of_its_own_pickles_them() -> None:
    span = TaggedSpan(2, 4, "发放", tag="mine")
    assert pickle.loads(pickle.dumps(span)) == span and pickle.loads(pickle.dumps(span)).tag == "mine"
