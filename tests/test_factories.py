"""bulletin_nlp.factories: the registered functions' annotations are objects, not strings.

With older spaCy 3.8 releases pip installs confection 0.1.5, whose pydantic v1 models of a
factory's arguments cannot read postponed annotations: ``nlp.add_pipe`` failed there with 'field
"nlp" not yet prepared so type is still a ForwardRef'.
"""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.util import registry

from bulletin_nlp.entities import components
from bulletin_nlp.factories import evaluated_annotations
from bulletin_nlp.topics.component import make_item_topics


def test_factories_evaluated_annotations_turns_strings_into_the_objects_they_name() -> None:
    def factory(nlp: Language, name: str, data_dir: str | None) -> None:
        return None

    assert factory.__annotations__["nlp"] == "Language"  # postponed: a string
    assert evaluated_annotations(factory) is factory
    assert factory.__annotations__ == {"nlp": Language, "name": str, "data_dir": str | None, "return": type(None)}


@pytest.mark.parametrize("factory", [components.make_county_detector, components.make_agency_ruler,
                                     components.make_township_ruler, components.make_quantity_ruler,
                                     components.make_date_ruler, components.make_entity_setter, make_item_topics])
def test_factories_every_component_factory_has_its_annotations_evaluated(factory) -> None:
    assert factory.__annotations__["nlp"] is Language
    assert not any(isinstance(value, str) for value in factory.__annotations__.values())


def test_factories_the_registered_tokenizer_has_its_annotations_evaluated() -> None:
    create = registry.tokenizers.get("bulletin_nlp.PkusegTokenizer.v1")
    assert not any(isinstance(value, str) for value in create.__annotations__.values())
