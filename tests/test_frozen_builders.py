"""The builders of the frozen result types (bulletin_nlp.frozen_builders): what they make is
what the constructor makes."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest

from bulletin_nlp import bulletin
from bulletin_nlp.bulletin import Entity, Fact, Item, Period, Span, Subject, TextSource
from bulletin_nlp.frozen_builders import positional_builder

SPAN = Span(2, 4, "发放")
SUBJECT = Subject("县民政局", 0, 4, "AGENCY", "县民政局", None)
PERIOD = Period("1月", 5, 7, ("2024-01-01", "2024-01-31"))
VALUES = {
    Span: (2, 4, "发放"),
    Item: ("标题", "正文", ("县民政局",), 0, 9, 0, 2, 3, 5, (SPAN,), "civil_affairs", {"civil_affairs": 0.9}, 3),
    Entity: ("QUANTITY", 10, 20, "6500 条", None, None, 6500.0, "条", "余", None, (0, 1), 2, None),
    Subject: ("县民政局", 0, 4, "AGENCY", "县民政局", None),
    Period: ("1月", 5, 7, ("2024-01-01", "2024-01-31")),
    Fact: (0, (0, 1), SUBJECT, SPAN, PERIOD),
}
BUILDERS = {Span: bulletin.build_span, Item: bulletin.build_item, Entity: bulletin.build_entity,
            Subject: bulletin.build_subject, Period: bulletin.build_period, Fact: bulletin.build_fact}


@pytest.mark.parametrize("cls", list(VALUES), ids=lambda cls: cls.__name__)
def test_a_built_object_is_the_one_its_constructor_makes(cls):
    built, made = BUILDERS[cls](*VALUES[cls]), cls(*VALUES[cls])
    assert type(built) is cls and built == made and hash(built) == hash(made) and repr(built) == repr(made)
    assert dataclasses.asdict(built) == dataclasses.asdict(made) and built.to_dict() == made.to_dict()
    assert pickle.loads(pickle.dumps(built)) == made == copy.deepcopy(built)
    assert dataclasses.replace(built) == made
    first = dataclasses.fields(cls)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(built, first, None)


def test_a_text_field_given_the_source_reads_the_input():
    source = TextSource("全县发放棉被 6500 条")
    entity = bulletin.build_entity("QUANTITY", 4, 11, source, None, None, 6500.0, "条", None, None, None, None, None)
    assert entity.text == "棉被 6500" and entity == Entity("QUANTITY", 4, 11, "棉被 6500", value=6500.0, unit="条")
    item = bulletin.build_item(source, source, (), 0, 13, 0, 2, 2, 13, (), None, {}, None)
    assert (item.headline, item.body) == ("全县", "发放棉被 6500 条")


def test_an_unslotted_dataclass_is_built_as_its_constructor_makes_it():
    @dataclasses.dataclass(frozen=True)
    class Match:
        start: int
        text: str
        unit: str | None = None

    built, made = positional_builder(Match)(3, "6500 条", "条"), Match(3, "6500 条", "条")
    assert type(built) is Match and built == made and vars(built) == vars(made)
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.unit = None  # type: ignore[misc]


def test_a_dataclass_with_a_base_or_a_post_init_is_refused():
    @dataclasses.dataclass(frozen=True, slots=True)
    class Checked:
        a: int

        def __post_init__(self) -> None:
            assert self.a >= 0

    @dataclasses.dataclass(frozen=True, slots=True)
    class Tagged(Span):  # its own slots are only those it adds
        tag: str = ""

    for cls in (Checked, Tagged):
        with pytest.raises(TypeError):
            positional_builder(cls)
