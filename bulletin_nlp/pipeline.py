"""Building, loading and running the spaCy pipeline behind :func:`bulletin_nlp.parse`.

Components, in order: ``bulletin_county`` → the four rulers → ``bulletin_entities`` →
``bulletin_item_topics`` (see docs/pipeline.md). The Doc's context
(:class:`~bulletin_nlp.entities.context.BulletinContext`) carries the masthead lines and items
in (and the masthead date, for DATEs), and the county and topics out.
"""

from __future__ import annotations

import dataclasses
import os
import sys
import threading
from array import array
from bisect import bisect_right
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import spacy
from spacy.attrs import IDX, LENGTH, SPACY
from spacy.errors import Errors
from spacy.language import Language
from spacy.tokens import Doc

from bulletin_nlp.bulletin import Entity, TextSource
from bulletin_nlp.entities.components import (
    ATTRS_KEY,
    LABEL_OF_ID,
    SPANS_KEY,
    CountyDetector,
    active_components,
    doc_text,
    ruler_entity,
)
from bulletin_nlp.entities.context import (
    BulletinContext,
    context_of,
    layout_context,
    set_context,
    stored_context,
)
from bulletin_nlp.entities.gazetteer import Gazetteer
from bulletin_nlp.entities.lexicon import user_dictionary
from bulletin_nlp.entities.quantities import is_issue_number
from bulletin_nlp.errors import ModelError, TextTooLongError
from bulletin_nlp.extensions import load_extension, use_extension
from bulletin_nlp.layout.reader import Layout
from bulletin_nlp.resources import PathLike, model_path
from bulletin_nlp.segment.tokenizer import (
    BulletinTokenizer,  # (importing it registers the tokenizer)
)
from bulletin_nlp.startup import gc_paused
from bulletin_nlp.text.chunks import chunks
from bulletin_nlp.topics.component import ItemTopics  # (importing it registers bulletin_item_topics)
from bulletin_nlp.version import __version__

MODEL_ENV = "BULLETIN_NLP_MODEL"
#: No component needs memory per character the way spaCy's parser does, so long texts are fine.
MAX_LENGTH = 100_000_000
#: parse() analyses a view longer than this in chunks of about this many characters, each one
#: Doc (bounded memory: a Doc costs ~100 bytes a token, its ruler and segmenter scratch more).
CHUNK_CHARS = 16_384
#: Characters of text around a chunk that its Doc also holds, so that its finders see what lies
#: beyond its edges; every finder looks at a window far shorter than this.
CHUNK_MARGIN = 512
#: Views analysed as one group (at most this many, of this many characters together): each
#: component runs over every Doc of the group before the next one starts, so that its code and
#: tables stay in the core's caches; a group's Docs exist at once.
GROUP_TEXTS = 64
GROUP_CHARS = 4 * CHUNK_CHARS
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
_bounds = load_extension("bulletin_nlp.segment._bounds", api=2)  # the compiled token bounds, or None: numpy
#: Whether :func:`doc_token_bounds` runs the compiled loop (``segment/_bounds.pyx``, built at install).
COMPILED_BOUNDS = use_extension(_bounds)
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
    words, user_dict = user_dictionary(Gazetteer.at(data))
    nlp.tokenizer.initialize(pkuseg_model=pkuseg_dir, user_words=words, user_dict=user_dict)
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


@gc_paused  # the tables it builds are large and long-lived (bulletin_nlp.startup)
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
    """What the pipeline found."""

    #: The entities placed in the input (offsets, text and item as in the Bulletin), in order.
    entities: list[Entity] = field(default_factory=list)
    #: Where each entity is in the view: start and end, entity after entity (for the facts).
    view_spans: array[int] = field(default_factory=lambda: array("q"))
    #: (topic, scores) per item, in the layout's item order (empty without a classifier).
    topics: list[tuple[str, Mapping[str, float]]] = field(default_factory=list)
    county_code: str | None = None
    county_name: str | None = None
    #: Where the segmenter's words start and end (sorted view offsets), for the facts.
    token_bounds: Sequence[int] = field(default_factory=lambda: array("q"))


def analyse_many(layouts: list[Layout], nlp: Language, chunk_chars: int | None = None) -> list[Analysis]:
    """Run ``nlp`` over each layout's view (entities, the county, each item's topic).

    Views of up to ``chunk_chars`` characters (None: :data:`CHUNK_CHARS`) are analysed in groups
    (:data:`GROUP_TEXTS`, :data:`GROUP_CHARS`), each view one Doc, tokenized together and each
    component run over the whole group in turn; a longer view is analysed in chunks of about
    that size (:func:`analyse_in_chunks`), so that memory stays bounded however long the
    bulletin."""
    chunk_chars = CHUNK_CHARS if chunk_chars is None else chunk_chars
    texts = [layout.view.text for layout in layouts]
    for text in texts:
        if len(text) > nlp.max_length:
            raise TextTooLongError(len(text), nlp.max_length)
    if len(texts) == 1 and len(texts[0]) <= chunk_chars:  # parse() of one text: a group of one
        return _analyse_group(layouts, nlp)
    analyses: list[Analysis | None] = [None] * len(layouts)
    for group in _groups([i for i, text in enumerate(texts) if len(text) <= chunk_chars], texts):
        for i, analysis in zip(group, _analyse_group([layouts[i] for i in group], nlp), strict=True):
            analyses[i] = analysis
    for i, text in enumerate(texts):
        if len(text) > chunk_chars:
            analyses[i] = analyse_in_chunks(layouts[i], nlp, chunk_chars)
    return analyses  # type: ignore[return-value]  # every one is set: a text is either whole or chunked


def _groups(indices: list[int], texts: list[str]) -> list[list[int]]:
    """``indices`` cut into runs of at most :data:`GROUP_TEXTS` texts and, unless one text
    alone is longer, :data:`GROUP_CHARS` characters."""
    groups: list[list[int]] = []
    size = 0
    for i in indices:
        if not groups or len(groups[-1]) == GROUP_TEXTS or size + len(texts[i]) > GROUP_CHARS:
            groups.append([])
            size = 0
        groups[-1].append(i)
        size += len(texts[i])
    return groups


def _analyse_group(layouts: list[Layout], nlp: Language) -> list[Analysis]:
    texts = [layout.view.text for layout in layouts]
    pipe = getattr(nlp.tokenizer, "pipe", None)  # spaCy asks a tokenizer only to be callable
    docs = list(pipe(texts, batch_size=len(texts)) if pipe else map(nlp.tokenizer, texts))
    for layout, doc in zip(layouts, docs, strict=True):
        set_context(doc, layout_context(layout))
    docs = run_components_over(nlp, docs)
    return [_analysis(layout, doc, nlp) for layout, doc in zip(layouts, docs, strict=True)]


def _analysis(layout: Layout, doc: Doc, nlp: Language) -> Analysis:
    """The analysis of a Doc over the whole of ``layout``'s view, the components run."""
    context = _found_context(doc)
    analysis = Analysis(topics=context.topics, county_code=context.county_code, county_name=context.county_name,
                        token_bounds=doc_token_bounds(doc))
    _EntityPlacer(layout, nlp, analysis).add(doc, 0, 0, len(doc_text(doc)))
    return analysis


def run_components(nlp: Language, doc: Doc, disable: Collection[str] = ()) -> Doc:
    """``nlp(doc, disable=disable)``: each enabled component not in ``disable`` in turn, with
    spaCy's error handling, without what ``Language.__call__`` redoes on every call (its
    ``pipeline`` property copies the components into a frozen list and formats an error message
    for it: 26 µs of a short parse in flow against 13 for this loop, docs/performance-history.md). A
    Language subclass with its own ``__call__`` is called as it is."""
    if type(nlp).__call__ is not Language.__call__:
        return nlp(doc, disable=disable)
    for name, proc in active_components(nlp):
        if name not in disable:
            doc = _run_component(name, proc, _error_handler(nlp, proc), doc)
    return doc


def run_components_over(nlp: Language, docs: list[Doc], disable: Collection[str] = ()) -> list[Doc]:
    """:func:`run_components` for each of ``docs``, component by component: each runs over
    every Doc before the next starts (the same Docs as one by one, faster: the component's code
    and tables stay in the caches), by its ``pipe`` where it has one, as ``nlp.pipe`` runs it."""
    if len(docs) == 1 or type(nlp).__call__ is not Language.__call__:
        return [run_components(nlp, doc, disable) for doc in docs]
    for name, proc in active_components(nlp):
        if name in disable:
            continue
        if hasattr(proc, "pipe"):  # as nlp.pipe runs it: the component handles its errors
            docs = list(proc.pipe(docs))
            continue
        handler = _error_handler(nlp, proc)
        docs = [_run_component(name, proc, handler, doc) for doc in docs]
    return docs


def _error_handler(nlp: Language, proc: object) -> Callable[..., object]:
    """The handler of a component's errors: its own (``get_error_handler``), else the pipeline's."""
    own = getattr(proc, "get_error_handler", None)
    handler: Callable[..., object] = own() if own is not None else nlp.default_error_handler
    return handler


def _run_component(name: str, proc: Callable[[Doc], Doc], handler: Callable[..., object], doc: Doc) -> Doc:
    """``proc(doc)`` as ``Language.__call__`` runs it: a KeyError is a component not
    initialised, any other error goes to ``handler``, and what it returns must be a Doc."""
    try:
        doc = proc(doc)
    except KeyError as error:
        raise ValueError(Errors.E109.format(name=name)) from error
    except Exception as error:
        handler(name, proc, [doc], error)
    if not isinstance(doc, Doc):
        raise ValueError(Errors.E005.format(name=name, returned_type=type(doc)))
    return doc


def _found_context(doc: Doc) -> BulletinContext:
    """The county and the topics that the components set in the Doc's context, read as stored
    where it can be (rebuilding the whole context would copy every item)."""
    stored = stored_context(doc)
    if stored is None:
        return context_of(doc) or BulletinContext()
    return BulletinContext(topics=[(topic, scores) for topic, scores in stored["topics"]],
                           county_code=stored["county_code"], county_name=stored["county_name"])


def analyse_in_chunks(layout: Layout, nlp: Language, chunk_chars: int, margin: int = CHUNK_MARGIN) -> Analysis:
    """The analysis of one Doc over the whole view, one chunk at a time (:mod:`bulletin_nlp.text.chunks`).

    The components that read the whole bulletin (the county from its text, the topics of its
    items) run once on its context; the others run on a Doc of each chunk's window, with the
    bulletin's county and date in its context, and keep what starts in the chunk's core."""
    text = layout.view.text
    context = layout_context(layout)
    whole_bulletin = []
    for name, component in nlp.pipeline:
        if isinstance(component, CountyDetector):
            component.detect(context, text)
        elif isinstance(component, ItemTopics):
            component.classify(context)
        else:
            continue
        whole_bulletin.append(name)
    analysis = Analysis(topics=context.topics, county_code=context.county_code, county_name=context.county_name)
    chunk_context = dataclasses.replace(context, items=None, topics=[])
    del context
    placer = _EntityPlacer(layout, nlp, analysis)
    bounds = array(_offset_type(len(text)))
    for chunk in chunks(text, chunk_chars, margin):
        doc = nlp.make_doc(text[chunk.start:chunk.end])
        set_context(doc, chunk_context)
        doc = run_components(nlp, doc, disable=whole_bulletin)
        core_start, core_end = chunk.core_start - chunk.start, chunk.core_end - chunk.start
        placer.add(doc, chunk.start, core_start, core_end)
        chunk_bounds = token_bounds(doc)
        kept = chunk_bounds[(chunk_bounds >= core_start) & (chunk_bounds <= core_end)] + chunk.start
        if bounds and len(kept) and kept[0] == bounds[-1]:  # a core's end is the next one's start
            kept = kept[1:]
        bounds.frombytes(kept.astype(bounds.typecode).tobytes())
    analysis.token_bounds = bounds
    return analysis


class _EntityPlacer:
    """Adds the entities of Docs over (parts of) a layout's view to an :class:`Analysis`,
    placed in the input: offsets, text and the item that holds them."""

    def __init__(self, layout: Layout, nlp: Language, analysis: Analysis) -> None:
        self.view = layout.view
        self.source = TextSource(layout.view.original)  # the entities' texts, held once
        analysis.view_spans = array(_offset_type(len(layout.view)))  # 4-byte offsets where they fit
        self.analysis = analysis
        setter = next((component for name, component in active_components(nlp) if name == "bulletin_entities"), None)
        self.spans_key = getattr(setter, "spans_key", SPANS_KEY)
        self.item_keys = [(si, ii) for si, section in enumerate(layout.sections) for ii in range(len(section.items))]
        self.item_spans = [(item.start, item.end) for section in layout.sections for item in section.items]

    def add(self, doc: Doc, shift: int, core_start: int, core_end: int) -> None:
        """The entities of the Doc's span group that start in ``[core_start, core_end)``, in
        text order, without issue numbers; ``shift`` is where the Doc starts in the view."""
        labels = LABEL_OF_ID
        keys = ((span.start_char, -span.end_char, labels.get(span.label) or sys.intern(span.label_))
                for span in doc.spans.get(self.spans_key, []))
        found = sorted(key for key in keys if core_start <= key[0] < core_end)  # each span read once
        view, original = self.view, self.view.original
        attrs_by_key = doc.user_data.get(ATTRS_KEY, {})
        for doc_start, negative_end, label in found:
            view_start, view_end = doc_start + shift, shift - negative_end
            start, end = view.to_original(view_start, view_end)
            if label == "QUANTITY" and is_issue_number(original, start, end):
                continue  # an issue number on a masthead line of its own: the view joins lines, so read the input
            self.analysis.entities.append(ruler_entity(attrs_by_key, label, doc_start, -negative_end, start, end,
                                                       self._item_at(start), self.source))
            self.analysis.view_spans.extend((view_start, view_end))

    def _item_at(self, start: int) -> tuple[int, int] | None:
        """(section index, item index) of the item holding ``start``, or None."""
        k = bisect_right(self.item_spans, (start, float("inf"))) - 1
        return self.item_keys[k] if k >= 0 and self.item_spans[k][0] <= start < self.item_spans[k][1] else None


def token_bounds(doc: Doc) -> np.ndarray:
    """The sorted offsets where the Doc's tokens start and end (int64)."""
    if not len(doc):
        return np.zeros(0, dtype=np.int64)
    pairs = doc.to_array([IDX, LENGTH]).astype(np.int64)  # (start, length) per token
    pairs[:, 1] += pairs[:, 0]
    bounds = pairs.reshape(-1)  # start, end, start, end...: sorted, as tokens follow one another without overlap
    keep = np.empty(len(bounds), dtype=bool)  # each offset once (a token's end is often the next's start)
    keep[0] = True
    np.not_equal(bounds[1:], bounds[:-1], out=keep[1:])
    return bounds[keep]


def doc_token_bounds(doc: Doc) -> array[int]:
    """``compact(token_bounds(doc))``, by the compiled loop where it is built: some ten numpy
    steps cost a short text's parse more than their work (docs/performance-history.md, fourteenth step)."""
    if COMPILED_BOUNDS and len(doc):
        assert _bounds is not None  # COMPILED_BOUNDS is only set when the module is built
        bounds: array[int] | None = _bounds.token_bounds(doc.to_array([IDX, SPACY]), len(doc_text(doc)))
        if bounds is not None:
            return bounds
    return compact(token_bounds(doc))


def compact(offsets: np.ndarray) -> array[int]:
    """Sorted offsets as an array of 4-byte integers where they fit, else of 8-byte ones."""
    typecode = _offset_type(int(offsets[-1]) + 1 if len(offsets) else 0)
    return array(typecode, offsets.astype(typecode).tobytes())


def _offset_type(length: int) -> str:
    """The array typecode for offsets up to ``length``: 4-byte integers where they fit."""
    return "i" if length < 2**31 else "q"
