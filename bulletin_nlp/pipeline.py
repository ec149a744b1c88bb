"""Building, loading and running the spaCy pipeline behind :func:`bulletin_nlp.parse`."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import spacy
from spacy.errors import Errors
from spacy.language import Language
from spacy.tokens import Doc

from bulletin_nlp.entities import components  # importing it registers the factories
from bulletin_nlp.entities.components import COUNTY_KEY, ITEMS_KEY, SPANS_KEY, TOPICS_KEY
from bulletin_nlp.errors import ModelError
from bulletin_nlp.layout.reader import Layout
from bulletin_nlp.resources import model_path
from bulletin_nlp.segment import tokenizer  # importing it registers the tokenizer

#: No component needs memory per character the way spaCy's parser does, so long texts are fine.
MAX_LENGTH = 100_000_000
COMPONENTS = (
    "bulletin_agency_ruler",
    "bulletin_township_ruler",
    "bulletin_quantity_ruler",
    "bulletin_entities",
    "bulletin_item_topics",
)


def build_pipeline(
    pkuseg_model: str | os.PathLike[str] | None = None, topic_model: str | os.PathLike[str] | None = None
) -> Language:
    """A fresh pipeline from the package's config; None picks the shipped models."""
    from bulletin_nlp.entities.gazetteer import Gazetteer

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "bulletin_nlp.PkusegTokenizer.v1"}}})
    for name in COMPONENTS[:-1]:
        nlp.add_pipe(name)
    nlp.add_pipe(COMPONENTS[-1], config={"model": str(topic_model) if topic_model else None})
    gazetteer = Gazetteer.default()
    words = [*gazetteer.agency_lexicon(), *(w for w in gazetteer.township_lexicon() if len(w) >= 3)]
    assert isinstance(nlp.tokenizer, tokenizer.BulletinTokenizer)  # the config above names it
    nlp.tokenizer.initialize(pkuseg_model=pkuseg_model or model_path("pkuseg"), user_words=words)
    nlp.max_length = MAX_LENGTH
    return nlp


def load_pipeline(model_dir: str | os.PathLike[str] | None = None) -> Language:
    """A saved pipeline (``nlp.to_disk``), a topic-model directory, or None for the default."""
    if model_dir is None:
        return build_pipeline()
    path = Path(model_dir)
    if (path / "config.cfg").exists():
        nlp = spacy.load(path)
        nlp.max_length = MAX_LENGTH
        return nlp
    if (path / "meta.json").exists():
        return build_pipeline(topic_model=path)
    raise ModelError(f"{path} is neither a saved pipeline (config.cfg) nor a topic model (meta.json)")


@dataclass
class Analysis:
    """What the pipeline found, in view offsets (see :mod:`bulletin_nlp.text.offsets`)."""

    entities: list[dict[str, Any]] = field(default_factory=list)
    topics: dict[int, tuple[str, dict[str, float]]] = field(default_factory=dict)
    county: Any = None


def analyse_many(layouts: list[Layout], nlp: Language) -> list[Analysis]:
    """Run ``nlp`` over each layout's view (entities, the county, each item's topic); the
    texts are tokenized in one batch."""
    texts = [layout.view.text for layout in layouts]
    for text in texts:
        if len(text) > nlp.max_length:
            raise ValueError(Errors.E088.format(length=len(text), max_length=nlp.max_length))
    pipe = getattr(nlp.tokenizer, "pipe", None)  # spaCy asks a tokenizer only to be callable
    docs = pipe(texts, batch_size=max(1, len(texts))) if pipe else map(nlp.tokenizer, texts)
    return [_analyse_doc(layout, doc, nlp) for layout, doc in zip(layouts, docs, strict=True)]


def _analyse_doc(layout: Layout, doc: Doc, nlp: Language) -> Analysis:
    from bulletin_nlp.entities.gazetteer import Gazetteer

    view = layout.view
    text = view.text
    gazetteer = Gazetteer.default()
    county = None
    for span in (layout.masthead.publisher, layout.masthead.title):
        if span is not None and county is None:
            county = gazetteer.find_county(view.folded[span[0] : span[1]])
    if county is None:
        county = gazetteer.infer_county(text)
    items = [item for section in layout.sections for item in section.items]
    titles = [
        view.original_text(*section.title) if section.title else ""
        for section in layout.sections
        for _ in section.items
    ]
    doc.user_data[COUNTY_KEY] = county.code if county else None
    doc.user_data[ITEMS_KEY] = [
        {
            "section": title,
            "headline": text[slice(*item.headline)] if item.headline else "",
            "body": text[slice(*item.body)] if item.body else "",
            "sources": [text[a:b] for a, b in item.sources],
        }
        for title, item in zip(titles, items, strict=False)
    ]
    doc = nlp(doc)
    analysis = Analysis(county=county)
    for item, result in zip(items, doc.user_data.get(TOPICS_KEY, []), strict=False):
        analysis.topics[id(item)] = result
    for span in sorted(doc.spans.get(SPANS_KEY, []), key=lambda s: (s.start_char, -s.end_char, s.label_)):
        values = components.span_attrs(span)
        analysis.entities.append({"label": span.label_, "start": span.start_char, "end": span.end_char, **values})
    return analysis
