"""The pipeline's entity components (registered spaCy factories).

- ``bulletin_county``: the bulletin's county — the one place it is detected — into the Doc's
  context (:mod:`bulletin_nlp.entities.context`): the masthead lines first, then the township
  names of the text (:meth:`~bulletin_nlp.entities.gazetteer.Gazetteer.detect_county`).
- ``bulletin_agency_ruler``, ``bulletin_township_ruler``, ``bulletin_quantity_ruler``: rule-based
  entity rulers. Their rules are data (``agencies.tsv``, ``agency_rules.txt``, ``towns.csv``,
  ``units.txt`` …, read from ``data_dir``) matched on characters; each match is then aligned to
  tokens, splitting a token where the segmenter put a boundary elsewhere, so ``span.text`` is
  exactly the mention. The spans go to ``doc.spans[spans_key]``, with the canonical name (or
  the township code) as ``span.kb_id_`` and all attributes in ``span._.bulletin``.
- ``bulletin_date_ruler``: DATE mentions with their interval (:mod:`bulletin_nlp.entities.dates`,
  word lists in ``time_words.txt``), resolved against the date of the Doc's context.
- ``bulletin_entities``: copies the spans to ``doc.ents`` (longest first, for displaCy).

Config of every factory here: ``data_dir`` (a folder of data files; a file it lacks, and None,
mean the packaged one) and, for the rulers and ``bulletin_entities``, ``spans_key``.
``nlp.to_disk`` writes the files each component reads into its folder; a saved pipeline loads
its rules from there. ``bulletin_county`` also carries the files of the stages around the
pipeline (:data:`STAGE_FILES`), which ``parse()`` reads from its folder (:func:`stage_data_dir`).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import srsly
from spacy.attrs import ENT_IOB, ENT_TYPE, IDX, ORTH, SPACY
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from bulletin_nlp.bulletin import Entity, TextSource, build_entity
from bulletin_nlp.entities.context import (
    BulletinContext,
    context_of,
    context_value,
    set_context,
    stored_context,
    text_context,
    update_context,
)
from bulletin_nlp.entities.dates import DATE_FILES, find_dates
from bulletin_nlp.entities.gazetteer import AGENCY_FILES, COUNTY_FILES, TOWNSHIP_FILES, Gazetteer
from bulletin_nlp.entities.mentions import ATTRIBUTES, FinderMatch, kb_id
from bulletin_nlp.entities.quantities import QUANTITY_FILES, find_quantities
from bulletin_nlp.factories import evaluated_annotations
from bulletin_nlp.layout.masthead import MASTHEAD_FILE
from bulletin_nlp.segment.tokenizer import TEXT_KEY
from bulletin_nlp.text.chars import is_han
from bulletin_nlp.text.numbers import CN_NUMERAL_CHARS

SPANS_KEY = "bulletin"
ATTRS_KEY = "bulletin_attrs"
LABELS = tuple(ATTRIBUTES)
#: Each label by its id (what ``span.label`` holds; ``span.label_`` makes a new string each time).
LABEL_OF_ID = {get_string_id(label): label for label in LABELS}
_QUANTITY_ID = get_string_id("QUANTITY")
_FEW_TOKENS = 32  # fewer, and set_entities leaves doc.ents to spaCy's loop (4.5 against 4.0 µs at 35 tokens)
_CFG = "cfg"
#: The data of the stages around the pipeline: the masthead words of ``layout/`` and the word
#: lists of ``facts/`` (``facts.lexicon.FACTS_FILE``), read with the pipeline's ``data_dir``
#: and saved with it, as the rules are.
STAGE_FILES = (MASTHEAD_FILE, "facts_words.txt")


def attrs_key(label: str, start: int, end: int) -> str:
    """Key of a span's attributes in ``doc.user_data["bulletin_attrs"]`` (a string, so that
    ``Doc.to_bytes`` and ``nlp.pipe(n_process=...)`` can serialise it)."""
    return f"{label}:{start}:{end}"


def span_attrs(span: Span) -> dict[str, Any]:
    """The attributes a ruler set on ``span`` (canonical, code, value, unit, qualifier)."""
    return dict(span.doc.user_data.get(ATTRS_KEY, {}).get(attrs_key(span.label_, span.start_char, span.end_char), {}))


def ruler_entity(attrs_by_key: Mapping[str, Mapping[str, Any]], label: str, doc_start: int, doc_end: int,
                 start: int, end: int, item: tuple[int, int] | None, text: str | TextSource, /) -> Entity:
    """The :class:`~bulletin_nlp.bulletin.Entity` a ruler found at ``doc_start:doc_end`` of a Doc
    whose ``user_data["bulletin_attrs"]`` is ``attrs_by_key``, placed at ``start:end`` of the input
    and in ``item`` (as :func:`bulletin_nlp.parse` places it), with ``text`` (the parse's
    :class:`~bulletin_nlp.bulletin.TextSource`: the piece of the input it reads). Only the rulers'
    attributes are read (canonical, code, value, unit, qualifier, interval, level)."""
    attrs = attrs_by_key.get(attrs_key(label, doc_start, doc_end))
    if not attrs:
        return build_entity(label, start, end, text, None, None, None, None, None, None, item, None, None)
    get = attrs.get
    interval = get("interval")  # a list after serialisation
    return build_entity(label, start, end, text, get("canonical"), get("code"), get("value"), get("unit"),
                        get("qualifier"), None if interval is None else tuple(interval), item, None, get("level"))


if not Span.has_extension("bulletin"):
    Span.set_extension("bulletin", getter=span_attrs)


def doc_text(doc: Doc) -> str:
    """``doc.text``, as the tokenizer recorded it (``doc.text`` walks every token)."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


class _DataComponent:
    """A component whose rules are the files ``files`` of a data folder."""

    files: tuple[str, ...] = ()

    def __init__(self, name: str, data_dir: str | None) -> None:
        self.name = name
        self.data_dir = data_dir
        self.gazetteer = Gazetteer.at(data_dir)

    def to_disk(self, path: str | Path, **kwargs: Any) -> None:
        """Write the data files this component reads (as it reads them) into ``path``."""
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        self.gazetteer.copy_files(self.files, folder)
        srsly.write_json(folder / _CFG, {"files": list(self.files)})

    def from_disk(self, path: str | Path, **kwargs: Any) -> _DataComponent:
        """Read the rules from ``path`` from now on (a saved pipeline is self-contained)."""
        self.data_dir = str(Path(path).resolve())
        self.gazetteer = Gazetteer.at(self.data_dir)
        return self


class CountyDetector(_DataComponent):
    """Sets the bulletin's county in the Doc's context, unless the context names one already."""

    files = (*COUNTY_FILES, *STAGE_FILES)

    def __call__(self, doc: Doc) -> Doc:
        stored = stored_context(doc)
        if stored is not None:  # only the fields the detection reads and sets (the items stay as they are)
            context = BulletinContext(masthead_lines=stored["masthead_lines"], county_code=stored["county_code"],
                                      county_name=stored["county_name"])
            self.detect(context, doc_text(doc))
            update_context(doc, county_code=context.county_code, county_name=context.county_name)
            return doc
        context = context_of(doc) or text_context(doc_text(doc))
        self.detect(context, doc_text(doc))
        set_context(doc, context)
        return doc

    def detect(self, context: BulletinContext, text: str) -> None:
        """Set the county of ``context`` (the bulletin whose whole text is ``text``) unless it
        names one already; also how a chunked analysis runs this component once per bulletin."""
        if context.county_code is None:
            county = self.gazetteer.detect_county(context.masthead_lines, text)
            if county is not None:
                context.county_code, context.county_name = county.code, county.name
        elif context.county_name is None:
            county = self.gazetteer.county(context.county_code)
            context.county_name = county.name if county else None


def active_components(nlp: Language) -> list[tuple[str, Any]]:
    """``nlp.pipeline`` (the enabled components, in order), read from the Language's own list:
    the property formats an error message for its frozen list on every read (~5 µs a call)."""
    disabled = nlp._disabled
    return [(name, component) for name, component in nlp._components if name not in disabled]


def stage_data_dir(nlp: Language) -> str | None:
    """The folder ``nlp`` reads :data:`STAGE_FILES` from: that of its county component (None:
    the packaged data)."""
    return next((component.data_dir for _, component in active_components(nlp)
                 if isinstance(component, CountyDetector)), None)


class _CharRuler(_DataComponent):
    """Base of the rulers: find entities on ``doc.text``, add aligned spans."""

    label = ""

    def __init__(self, name: str, data_dir: str | None, spans_key: str) -> None:
        super().__init__(name, data_dir)
        self.spans_key = spans_key

    @property
    def labels(self) -> tuple[str, ...]:
        """The label this ruler sets (spaCy lists it in ``nlp.meta["labels"]``)."""
        return (self.label,)

    def find(self, doc: Doc, text: str) -> Iterable[FinderMatch]:
        raise NotImplementedError

    def __call__(self, doc: Doc) -> Doc:
        found = list(self.find(doc, doc_text(doc)))
        spans = self._spans(doc, found)
        if any(span is None for span in spans):  # a mention starts or ends inside a token (rare)
            doc = with_boundaries_at(doc, {offset for match in found for offset in (match.start, match.end)})
            spans = self._spans(doc, found)
        attrs = doc.user_data.setdefault(ATTRS_KEY, {})
        names = ATTRIBUTES[self.label]
        kept = []
        for match, span in zip(found, spans, strict=True):
            if span is None:  # a boundary inside whitespace: cannot happen for trimmed matches
                continue
            kept.append(span)
            attrs[attrs_key(self.label, match.start, match.end)] = {name: getattr(match, name) for name in names}
        if self.spans_key in doc.spans:
            doc.spans[self.spans_key].extend(kept)
        else:
            doc.spans[self.spans_key] = kept
        return doc

    def _spans(self, doc: Doc, found: list[FinderMatch]) -> list[Span | None]:
        """The span of each mention, None where its start or end is not a token boundary: where
        every one is, no token needs splitting (the check costs no numpy set-up per call). The
        label is looked up once, not once a span."""
        strings = doc.vocab.strings
        label = strings.add(self.label)
        return [doc.char_span(match.start, match.end, label=label, kb_id=strings.add(kb_id(match))) for match in found]


class AgencyRuler(_CharRuler):
    """AGENCY mentions with their canonical name and level; the county of the Doc's context
    (run ``bulletin_county`` first) adds that county's own names."""

    label = "AGENCY"
    files = AGENCY_FILES

    def find(self, doc: Doc, text: str) -> Iterable[FinderMatch]:
        return self.gazetteer.find_agencies(text, context_value(doc, "county_code"))


class TownshipRuler(_CharRuler):
    """TOWNSHIP mentions with canonical name and 民政部 division code, resolved by the county of
    the Doc's context (run ``bulletin_county`` first)."""

    label = "TOWNSHIP"
    files = TOWNSHIP_FILES

    def find(self, doc: Doc, text: str) -> Iterable[FinderMatch]:
        return self.gazetteer.find_townships(text, context_value(doc, "county_code"))


class QuantityRuler(_CharRuler):
    """QUANTITY mentions with value, unit and qualifier."""

    label = "QUANTITY"
    files = QUANTITY_FILES

    def find(self, doc: Doc, text: str) -> Iterable[FinderMatch]:
        found = find_quantities(text, self.data_dir)
        own = _numeral_place_name(context_value(doc, "county_name"))
        return [match for match in found if not own or not _names_place(text, match.start, own)]


def _names_place(text: str, start: int, name: str) -> bool:
    """Whether ``name`` stands at ``start`` as a name: followed by a Chinese character (五台山,
    五台县), not by punctuation (购置收割机五台。 counts five)."""
    return text.startswith(name, start) and is_han(text[start + len(name) : start + len(name) + 1])


def _numeral_place_name(county_name: str | None) -> str:
    """The county's name without its suffix when it opens with a numeral (五台县 → 五台, 三台县):
    a number read where that name stands (五台山, 五台政务) is the name's, not five 台."""
    if not county_name or county_name[0] not in CN_NUMERAL_CHARS:
        return ""
    return county_name[:-1] if len(county_name) >= 3 and county_name[-1] in "县市区旗" else county_name


class DateRuler(_CharRuler):
    """DATE mentions with their interval (first and last day, ISO, or None), resolved against
    the date of the Doc's context."""

    label = "DATE"
    files = DATE_FILES

    def find(self, doc: Doc, text: str) -> Iterable[FinderMatch]:
        return find_dates(text, context_value(doc, "date"), self.data_dir)


def with_boundaries_at(doc: Doc, offsets: set[int]) -> Doc:
    """``doc``, or a copy of it whose tokens are split wherever one of ``offsets`` falls
    strictly inside a token. The copy is built in one pass (spaCy's retokenizer shifts the
    whole Doc for every split, which is quadratic on long texts); user data, span groups,
    entity annotation and cats are carried over by character offsets."""
    if not offsets or not len(doc):
        return doc
    text = doc_text(doc)
    columns = doc.to_array([IDX, SPACY, ORTH])
    starts, spaces = columns[:, :2].astype(np.int64).T
    ends = np.append(starts[1:], len(text)) - spaces
    points = np.fromiter(sorted(offsets), dtype=np.int64, count=len(offsets))  # (np.unique would import numpy.ma)
    token = np.searchsorted(starts, points, side="right") - 1
    inside = (token >= 0) & (starts[np.maximum(token, 0)] < points) & (points < ends[np.maximum(token, 0)])
    if not inside.any():
        return doc
    bounds = np.sort(np.concatenate([starts, points[inside]]))  # token starts after the cuts
    owner = np.searchsorted(starts, bounds, side="right") - 1  # the token each piece comes from
    last = np.append(owner[1:] != owner[:-1], True)  # a token's last piece keeps its end and space
    new_ends = np.where(last, ends[owner], np.append(bounds[1:], 0))
    # a token left whole is given by its id (its lexeme is known: five times faster than a string)
    words: list[str | int] = columns[owner, 2].tolist()
    for piece in np.flatnonzero(~(last & (bounds == starts[owner]))).tolist():
        words[piece] = text[bounds[piece] : new_ends[piece]]
    new_spaces = (last & (spaces[owner] > 0)).tolist()
    copy = Doc(doc.vocab, words=words, spaces=new_spaces)  # type: ignore[arg-type]  # (ids too, its stub omits them)
    copy.user_data.update(doc.user_data)
    copy.cats = dict(doc.cats)
    for key, group in doc.spans.items():
        copy.spans[key] = _same_spans(copy, bounds, group)
    if doc.has_annotation("ENT_IOB"):  # else the copy, like the Doc, has none (assigning would mark every token O)
        copy.ents = _same_spans(copy, bounds, doc.ents)
    return copy


def _same_spans(copy: Doc, token_starts: np.ndarray, spans: Iterable[Span]) -> list[Span]:
    """``spans`` (label and kb id) in ``copy``, a Doc with the same text whose tokens, starting at
    ``token_starts``, split the original's further: every span bound is one of ``token_starts``
    or the end of a token, so its first and next token are found by bisection."""
    spans = list(spans)
    chars = np.array([(span.start_char, span.end_char) for span in spans], dtype=np.int64).reshape(-1, 2)
    tokens = np.searchsorted(token_starts, chars).tolist()
    return [Span(copy, start, end, label=span.label, kb_id=span.kb_id)
            for span, (start, end) in zip(spans, tokens, strict=True)]


class EntitySetter:
    """Drops numbers read inside names (the township 二台 is not "2 台"), then copies the spans
    of ``spans_key`` to ``doc.ents``, keeping the longest where labels overlap."""

    def __init__(self, name: str, spans_key: str) -> None:
        self.name = name
        self.spans_key = spans_key

    @property
    def labels(self) -> tuple[str, ...]:
        """The labels of ``doc.ents`` (spaCy lists them in ``nlp.meta["labels"]``)."""
        return LABELS

    def __call__(self, doc: Doc) -> Doc:
        held = self.spans_key in doc.spans
        spans = list(doc.spans[self.spans_key]) if held else []
        names = sorted((s.start_char, s.end_char) for s in spans if s.label != _QUANTITY_ID)
        name_starts = [start for start, _ in names]
        longest = max((end - start for start, end in names), default=0)

        def inside_name(span: Span) -> bool:
            first = bisect_left(name_starts, span.start_char - longest)
            last = bisect_left(name_starts, span.end_char)
            return any(names[i][1] > span.start_char for i in range(first, last))

        kept = [s for s in spans if s.label != _QUANTITY_ID or not inside_name(s)]
        if len(kept) < len(spans) or not held:  # else the group holds them already
            doc.spans[self.spans_key] = kept
        set_entities(doc, filter_spans(kept))
        return doc


def set_entities(doc: Doc, spans: list[Span]) -> None:
    """What ``doc.ents = spans`` does to a Doc (``doc.set_ents(spans, default="outside")``), for
    spans made in it: without making each Span anew (three Tokens apiece), and with every token
    first marked outside in one array instead of one Python set lookup per token (~70 µs for a
    bulletin's Doc). A Doc of a few tokens takes spaCy's own loop, which costs it less than the
    array's set-up."""
    if len(doc) < _FEW_TOKENS:
        doc.set_ents(spans, default="outside")
        return
    outside = np.zeros((len(doc), 2), dtype=np.uint64)
    outside[:, 0] = 2  # ENT_IOB "O", ENT_TYPE none; kb and entity ids stay as they are, as spaCy leaves them
    doc.from_array([ENT_IOB, ENT_TYPE], outside)  # type: ignore[arg-type]  # (its stub says int32; it wants uint64)
    doc.set_ents(spans, default="unmodified")


_RULER_CONFIG = {"data_dir": None, "spans_key": SPANS_KEY}


@Language.factory("bulletin_county", default_config={"data_dir": None}, assigns=["doc._.bulletin_context"])
@evaluated_annotations
def make_county_detector(nlp: Language, name: str, data_dir: str | None) -> CountyDetector:
    return CountyDetector(name, data_dir)


@Language.factory("bulletin_agency_ruler", default_config=_RULER_CONFIG, assigns=["doc.spans"],
                  requires=["doc._.bulletin_context"])
@evaluated_annotations
def make_agency_ruler(nlp: Language, name: str, data_dir: str | None, spans_key: str) -> AgencyRuler:
    return AgencyRuler(name, data_dir, spans_key)


@Language.factory("bulletin_township_ruler", default_config=_RULER_CONFIG, assigns=["doc.spans"],
                  requires=["doc._.bulletin_context"])
@evaluated_annotations
def make_township_ruler(nlp: Language, name: str, data_dir: str | None, spans_key: str) -> TownshipRuler:
    return TownshipRuler(name, data_dir, spans_key)


@Language.factory("bulletin_quantity_ruler", default_config=_RULER_CONFIG, assigns=["doc.spans"])
@evaluated_annotations
def make_quantity_ruler(nlp: Language, name: str, data_dir: str | None, spans_key: str) -> QuantityRuler:
    return QuantityRuler(name, data_dir, spans_key)


@Language.factory("bulletin_date_ruler", default_config=_RULER_CONFIG, assigns=["doc.spans"],
                  requires=["doc._.bulletin_context"])
@evaluated_annotations
def make_date_ruler(nlp: Language, name: str, data_dir: str | None, spans_key: str) -> DateRuler:
    return DateRuler(name, data_dir, spans_key)


@Language.factory("bulletin_entities", default_config={"spans_key": SPANS_KEY}, assigns=["doc.ents"],
                  requires=["doc.spans"])
@evaluated_annotations
def make_entity_setter(nlp: Language, name: str, spans_key: str) -> EntitySetter:
    return EntitySetter(name, spans_key)
