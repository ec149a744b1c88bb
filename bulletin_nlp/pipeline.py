"""Building, loading and running the spaCy pipeline behind :func:`bulletin_nlp.parse`.

Components, in order: ``bulletin_county`` → the four rulers → ``bulletin_entities`` →
``bulletin_item_topics`` (see docs/pipeline.md). The Doc's context
(:class:`~bulletin_nlp.entities.context.BulletinContext`) carries the masthead lines and items
in (and the masthead date, for DATEs), and the county and topics out.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import spacy
from spacy.attrs import IDX, LENGTH
from spacy.language import Language
from spacy.tokens import Doc

from bulletin_nlp.bulletin import Entity
from bulletin_nlp.entities.components import SPANS_KEY, span_entity
from bulletin_nlp.entities.context import (
    BulletinContext,
    context_of,
    layout_context,
    set_context,
)
from bulletin_nlp.entities.gazetteer import Gazetteer
from bulletin_nlp.entities.lexicon import user_words
from bulletin_nlp.entities.quantities import is_issue_number
from bulletin_nlp.errors import ModelError, TextTooLongError
from bulletin_nlp.layout.reader import Layout
from bulletin_nlp.resources import PathLike, model_path
from bulletin_nlp.segment.tokenizer import (
    BulletinTokenizer,  # (importing it registers the tokenizer)
)
from bulletin_nlp.topics import component  # noqa: F401  (registers bulletin_item_topics)
from bulletin_nlp.version import __version__

MODEL_ENV = "BULLETIN_NLP_MODEL"
#: No component needs memory per character the way spaCy's parser does, so long texts are fine.
MAX_LENGTH = 100_000_000
COMPONENTS = (
    "bulletin_county",
    "bulletin_agency_ruler",
    "bulletin_township_ruler",
    "bulletin_quantity_ruler",
    "bulletin_date_ruler",
    "bulletin_entities",
    "bulletin_item_topics",
)
#: The components that read data files (config ``data_dir``).
_DATA_COMPONENTS = (
    "bulletin_county", "bulletin_agency_ruler", "bulletin_township_ruler", "bulletin_quantity_ruler",
    "bulletin_date_ruler",
)
META = {
    "name": "bulletin_nlp",
    "version": __version__,
    "description": (
        "Chinese county-government bulletins (政务快报): agencies, townships, quantities, dates and item topics"
    ),
    "license": "MIT (code); see models/pkuseg/ATTRIBUTION.md for the segmenter model",
}
_default_nlp: Language | None = None
_default_lock = threading.Lock()


def build_pipeline(
    pkuseg_model: PathLike | None = None, topic_model: PathLike | None = None, data_dir: PathLike | None = None
) -> Language:
    """A fresh pipeline from the package's config; None picks the shipped models and data.

    ``data_dir``: a folder of gazetteer and rule files (``bulletin_nlp/data/README.md``) read by
    the entity components and the segmenter's user dictionary; files it lacks come from the
    package.
    """
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "bulletin_nlp.PkusegTokenizer.v1"}}})
    data = str(Path(data_dir).resolve()) if data_dir is not None else None
    for name in COMPONENTS:
        if name in _DATA_COMPONENTS:
            nlp.add_pipe(name, config={"data_dir": data})
        elif name == "bulletin_item_topics":
            nlp.add_pipe(name, config={"model": str(topic_model) if topic_model else None})
        else:
            nlp.add_pipe(name)
    assert isinstance(nlp.tokenizer, BulletinTokenizer)
    pkuseg_dir = Path(pkuseg_model) if pkuseg_model is not None else model_path("pkuseg")
    nlp.tokenizer.initialize(pkuseg_model=pkuseg_dir,
                             user_words=user_words(Gazetteer.at(data)))
    nlp.meta.update(META)
    nlp.max_length = MAX_LENGTH
    return nlp


def load_pipeline(model_dir: PathLike | None = None, data_dir: PathLike | None = None) -> Language:
    """A saved pipeline (``nlp.to_disk``), a topic-model directory, or None for the default."""
    if model_dir is None:
        return build_pipeline(data_dir=data_dir)
    path = Path(model_dir)
    if (path / "config.cfg").exists():
        if data_dir is not None:
            raise ModelError("data_dir applies to a new pipeline; a saved one has its data in its own folder")
        nlp = spacy.load(path)
        nlp.max_length = MAX_LENGTH
        return nlp
    if (path / "meta.json").exists():
        return build_pipeline(topic_model=path, data_dir=data_dir)
    raise ModelError(f"{path} is neither a saved pipeline (config.cfg) nor a topic model (meta.json)")


def load(model_dir: PathLike | None = None, *, data_dir: PathLike | None = None) -> Language:
    """Load the spaCy pipeline.

    ``model_dir`` may be a pipeline saved with ``nlp.to_disk`` or a topic model written by
    ``bulletin-nlp train`` (it then replaces the shipped topic model); None uses
    ``$BULLETIN_NLP_MODEL`` when set, else the models shipped with the package. ``data_dir``
    is a folder of gazetteer and rule files for a new pipeline (see
    ``bulletin_nlp/data/README.md``).
    """
    if model_dir is None and os.environ.get(MODEL_ENV):
        model_dir = os.environ[MODEL_ENV]
    return load_pipeline(model_dir, data_dir)


def default_nlp() -> Language:
    """The pipeline :func:`bulletin_nlp.parse` uses when given none: loaded once per process,
    under a lock (threads that ask while it loads wait for it)."""
    global _default_nlp
    if _default_nlp is None:
        with _default_lock:
            if _default_nlp is None:
                _default_nlp = load()
    return _default_nlp


@dataclass
class Analysis:
    """What the pipeline found, in view offsets (see :mod:`bulletin_nlp.text.offsets`)."""

    entities: list[Entity] = field(default_factory=list)
    #: (topic, scores) per item, in the layout's item order (empty without a classifier).
    topics: list[tuple[str, dict[str, float]]] = field(default_factory=list)
    county_code: str | None = None
    county_name: str | None = None
    #: Where the segmenter's words start and end (sorted view offsets), for the facts.
    token_bounds: list[int] = field(default_factory=list)


def analyse_many(layouts: list[Layout], nlp: Language) -> list[Analysis]:
    """Run ``nlp`` over each layout's view (entities, the county, each item's topic); the
    texts are tokenized in one batch."""
    texts = [layout.view.text for layout in layouts]
    for text in texts:
        if len(text) > nlp.max_length:
            raise TextTooLongError(len(text), nlp.max_length)
    pipe = getattr(nlp.tokenizer, "pipe", None)  # spaCy asks a tokenizer only to be callable
    docs = pipe(texts, batch_size=max(1, len(texts))) if pipe else map(nlp.tokenizer, texts)
    return [_analyse_doc(layout, doc, nlp) for layout, doc in zip(layouts, docs, strict=True)]


def _analyse_doc(layout: Layout, doc: Doc, nlp: Language) -> Analysis:
    set_context(doc, layout_context(layout))
    doc = nlp(doc)
    context = context_of(doc) or BulletinContext()
    setter = nlp.get_pipe("bulletin_entities") if "bulletin_entities" in nlp.pipe_names else None
    spans_key = getattr(setter, "spans_key", SPANS_KEY)
    spans = sorted(doc.spans.get(spans_key, []), key=lambda span: (span.start_char, -span.end_char, span.label_))
    view = layout.view
    spans = [span for span in spans if not (  # an issue number on a masthead line of its own: the
        span.label_ == "QUANTITY"              # view joins lines, so the line is read in the input
        and is_issue_number(view.original, *view.to_original(span.start_char, span.end_char)))]
    return Analysis(
        entities=[span_entity(span) for span in spans],
        topics=context.topics,
        county_code=context.county_code,
        county_name=context.county_name,
        token_bounds=token_bounds(doc),
    )


def token_bounds(doc: Doc) -> list[int]:
    """The sorted offsets where the Doc's tokens start and end."""
    if not len(doc):
        return []
    starts, lengths = doc.to_array([IDX, LENGTH]).astype(np.int64).T
    bounds: list[int] = np.union1d(starts, starts + lengths).tolist()
    return bounds
