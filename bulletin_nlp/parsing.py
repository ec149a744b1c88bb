"""Text → :class:`~bulletin_nlp.bulletin.Bulletin`: fold, read the layout, run the pipeline,
and assemble the result in the input's offsets (:func:`parse`, :func:`parse_batch`)."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, TypeGuard, overload

from spacy.language import Language

from bulletin_nlp.bulletin import (
    Bulletin,
    Entity,
    Fact,
    Leftover,
    Period,
    Section,
    Subject,
    TextSource,
    build_fact,
    build_item,
    build_period,
    build_span,
    build_subject,
)
from bulletin_nlp.diagnostics import EMPTY_INPUT, LEFTOVER, NO_ITEMS, NO_MASTHEAD, Diagnostic
from bulletin_nlp.entities.components import stage_data_dir
from bulletin_nlp.facts import FactSpans, ItemRegion, Mention, facts_by_item
from bulletin_nlp.facts.lexicon import FactWords, fact_words
from bulletin_nlp.layout.blocks import SectionLayout
from bulletin_nlp.layout.hints import LayoutHints
from bulletin_nlp.layout.masthead import words_from
from bulletin_nlp.layout.reader import Layout, parse_layout
from bulletin_nlp.pipeline import Analysis, analyse_many, default_nlp
from bulletin_nlp.startup import batch_gc_pause
from bulletin_nlp.text.fold import fold
from bulletin_nlp.text.offsets import MappedText

if TYPE_CHECKING:
    from bulletin_nlp.readers import Document


def parse(text: str, *, nlp: Language | None = None) -> Bulletin:
    """Parse one bulletin.

    Never raises on text it cannot make sense of: it returns a :class:`Bulletin` with empty
    fields and ``warnings``. Raises ``TypeError`` when ``text`` is not a ``str`` and
    :class:`~bulletin_nlp.errors.TextTooLongError` when it is longer than ``nlp.max_length``.
    Safe to call from several threads at once.
    """
    return parse_batch([text], nlp=nlp)[0]


def parse_batch(texts: Iterable[str | Document], *, nlp: Language | None = None) -> list[Bulletin]:
    """:func:`parse` for each text, tokenizing them together (faster than one by one).

    A :class:`~bulletin_nlp.readers.Document` (from :func:`~bulletin_nlp.readers.read_document`)
    is parsed with its layout hints, and the result carries its text and source. The masthead
    words and the facts' word lists come from the pipeline's data folder, as its rules do.
    """
    if isinstance(texts, str):
        raise TypeError("parse_batch() needs a sequence of str, got one str (use parse)")
    inputs = list(texts)
    for text in inputs:
        if not (isinstance(text, str) or _is_document(text)):
            hint = " (decode bytes first, or use parse_file)" if isinstance(text, (bytes, bytearray)) else ""
            raise TypeError(f"parse() needs a str, got {type(text).__name__}{hint}")
    plain = [_plain(text) for text in inputs]
    todo = [i for i, text in enumerate(plain) if text.strip()]
    pipeline = nlp if nlp is not None or not todo else default_nlp()  # none needed for empty texts
    data_dir = stage_data_dir(pipeline) if pipeline is not None else None
    parsed: dict[int, Bulletin] = {}
    with words_from(data_dir):
        if pipeline is not None and todo:
            with batch_gc_pause():  # what the batch makes dies with it (bulletin_nlp.startup)
                parsed = _parsed(inputs, plain, todo, pipeline, data_dir)
        out = [parsed[i] if i in parsed else _empty_input() for i in range(len(inputs))]
        for i, given in enumerate(inputs):
            if _is_document(given):
                from bulletin_nlp.readers.attach import with_document

                out[i] = with_document(out[i], given)
    return out


def _parsed(inputs: list[str | Document], plain: list[str], todo: list[int], pipeline: Language,
            data_dir: str | None) -> dict[int, Bulletin]:
    """The Bulletin of each input numbered in ``todo``. A function of its own, so that the batch's
    layouts and analyses die when it returns, inside the caller's pause of the collector."""
    layouts = [parse_layout(plain[i], fold(plain[i]), _hints(inputs[i])) for i in todo]
    for layout in layouts:
        layout.view.finish()  # the folded input is let go: the analysis reads the view
    analyses = analyse_many(layouts, pipeline)
    words = fact_words(data_dir)
    return {i: assemble(plain[i], layout, analysis, words)
            for i, layout, analysis in zip(todo, layouts, analyses, strict=True)}


def _empty_input() -> Bulletin:
    empty = Diagnostic(EMPTY_INPUT, "empty input: nothing to parse")
    return Bulletin(warnings=(empty.message,), diagnostics=(empty,))


def iter_parse_batch(texts: list[str | Document], nlp: Language) -> Iterator[Bulletin]:
    """:func:`parse_batch`, or one by one when a text would raise (not a str, or longer than
    ``nlp.max_length``): the texts before it are yielded, then its error, the same with one
    process or several."""
    if all((isinstance(t, str) or _is_document(t)) and len(_plain(t)) <= nlp.max_length for t in texts):
        yield from parse_batch(texts, nlp=nlp)
    else:
        yield from (parse_batch([text], nlp=nlp)[0] for text in texts)


def _is_document(given: object) -> TypeGuard[Document]:
    """Whether ``given`` is a :class:`~bulletin_nlp.readers.Document`. Plain text does not import
    the readers: a Document exists only once its module has been imported."""
    module = sys.modules.get("bulletin_nlp.readers.document")
    return module is not None and isinstance(given, module.Document)


def _plain(given: str | Document) -> str:
    return given if isinstance(given, str) else given.text


def _hints(given: str | Document) -> LayoutHints | None:
    return None if isinstance(given, str) else given.hints


def assemble(text: str, layout: Layout, analysis: Analysis, words: FactWords | None = None) -> Bulletin:
    """The :class:`Bulletin` of ``text`` from its layout and the pipeline's analysis: every
    span mapped from the view back to ``text``; ``words``: the facts' word lists (None: the
    packaged ones)."""
    view = layout.view
    masthead = layout.masthead
    diagnostics = list(layout.warnings)
    title = "".join(text[slice(*masthead.title)].split()) if masthead.title else None  # 督 查 通 报
    publisher = " ".join(text[slice(*masthead.publisher)].split()) if masthead.publisher else None  # joint: A　　B
    topics = iter(analysis.topics)
    source = TextSource(text)  # the spans' texts, held once
    sections = tuple(_section(view, section, topics, source) for section in layout.sections)
    leftovers = tuple(Leftover(a, b, text[a:b], reason) for a, b, reason in layout.leftovers)
    diagnostics.extend(Diagnostic(LEFTOVER, f"left over ({x.reason}) at {x.start}-{x.end}: {x.text!r}", x.start, x.end)
                       for x in leftovers)
    if title is None and masthead.issue is None and masthead.date is None:
        diagnostics.append(Diagnostic(NO_MASTHEAD, "no masthead found (title, issue number or date)"))
    if not any(s.items for s in sections):
        diagnostics.append(Diagnostic(NO_ITEMS, "no items found"))
    item_keys = [(si, ii) for si, section in enumerate(sections) for ii in range(len(section.items))]
    entities = tuple(analysis.entities)  # placed in the input by the analysis
    return Bulletin(
        title=title,
        issue=masthead.issue,
        issue_total=masthead.issue_total,
        date=masthead.date,
        publisher=publisher,
        county=analysis.county_name,
        county_code=analysis.county_code,
        sections=sections,
        entities=entities,
        footer=layout.footer,
        warnings=tuple(diagnostic.message for diagnostic in diagnostics),
        leftovers=leftovers,
        diagnostics=tuple(diagnostics),
        facts=_facts(source, layout, analysis, entities, item_keys, words),
    )


def _facts(
    source: TextSource, layout: Layout, analysis: Analysis, entities: tuple[Entity, ...],
    item_keys: list[tuple[int, int]], words: FactWords | None,
) -> tuple[Fact, ...]:
    """Facts of the items (:mod:`bulletin_nlp.facts`), mapped from the view back to the input."""
    view = layout.view
    regions = [
        ItemRegion(item.headline, item.body, tuple(item.sources))
        for section in layout.sections
        for item in section.items
    ]
    county = (analysis.county_name, analysis.county_code) if analysis.county_name and analysis.county_code else None
    mentions = _Mentions(entities, analysis.view_spans)
    build = _FactBuilder(source, view, entities, item_keys)
    out = [build.fact(found)  # converted item by item: the view-offset facts of all items never coexist
           for found_in_item in facts_by_item(view.text, regions, mentions, analysis.token_bounds, county, words)
           for found in found_in_item]
    view_spans = analysis.view_spans
    out.sort(key=lambda fact: view_spans[2 * fact.quantity])  # as extract_facts orders them
    return tuple(out)


class _FactBuilder:
    """Facts in the input's offsets from facts in the view's: one Subject per subject mention
    and one Period per DATE, shared by the figures that have them."""

    def __init__(self, source: TextSource, view: MappedText, entities: tuple[Entity, ...],
                 item_keys: list[tuple[int, int]]) -> None:
        self.source, self.view, self.entities, self.item_keys = source, view, entities, item_keys
        self.subjects: dict[Mention, Subject] = {}
        self.periods: dict[int, Period] = {}

    def fact(self, found: FactSpans) -> Fact:
        source = self.source
        subject = indicator = period = None
        if found.subject is not None:
            subject = self.subjects.get(found.subject)
            if subject is None:
                a, b = self.view.to_original(found.subject.start, found.subject.end)
                subject = self.subjects[found.subject] = build_subject(
                    source, a, b, found.subject.label, found.subject.canonical, found.subject.code)
        if found.indicator is not None:
            a, b = self.view.to_original(*found.indicator)
            indicator = build_span(a, b, source)
        if found.period is not None:
            period = self.periods.get(found.period)
            if period is None:
                date = self.entities[found.period]
                period = self.periods[found.period] = build_period(source, date.start, date.end, date.interval)
        return build_fact(found.quantity, self.item_keys[found.item], subject, indicator, period)


class _Mentions(Sequence[Mention]):
    """The entities as fact extraction reads them, in view offsets, each made when read (a list
    of them would cost ~8 bytes per input character at the peak of a long text's parse)."""

    def __init__(self, entities: tuple[Entity, ...], view_spans: Sequence[int]) -> None:
        self.entities = entities
        self.view_spans = view_spans  # start and end in the view, entity after entity

    def __len__(self) -> int:
        return len(self.entities)

    def __iter__(self) -> Iterator[Mention]:
        """Each mention in turn (``Sequence``'s own walk reads them index by index until an
        ``IndexError``)."""
        bounds = iter(self.view_spans)  # start and end, taken in pairs
        for entity, view_start, view_end in zip(self.entities, bounds, bounds, strict=True):
            yield Mention(entity.label, view_start, view_end, entity.canonical, entity.code)

    @overload
    def __getitem__(self, index: int) -> Mention: ...

    @overload
    def __getitem__(self, index: slice) -> list[Mention]: ...

    def __getitem__(self, index: int | slice) -> Mention | list[Mention]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        entity = self.entities[index]
        view_start, view_end = self.view_spans[2 * index], self.view_spans[2 * index + 1]
        return Mention(entity.label, view_start, view_end, entity.canonical, entity.code)


def _section(view: MappedText, section: SectionLayout, topics: Iterable[tuple[str, Mapping[str, float]]],
             source: TextSource) -> Section:
    """One section; ``topics`` yields the (topic, scores) of its items in order (nothing when
    the pipeline has no classifier)."""
    topic_of_item = iter(topics)
    title = view.original_text(*section.title).strip() if section.title else None
    items = []
    for item in section.items:
        headline = view.to_original(*item.headline) if item.headline else (None, None)
        assert item.body is not None
        body = view.to_original(*item.body)
        topic, scores = next(topic_of_item, (None, {}))
        # a headline or body that is one piece of the input reads it from there (no copy)
        headline_read = item.headline is not None and view.is_input_slice(*item.headline)
        body_read = view.is_input_slice(*item.body)
        items.append(build_item(  # the fields in order: headline, body, sources, start, end, headline_start,
            # headline_end, body_start, body_end, source_spans, topic, topic_scores, page
            source if headline_read else view.original_text(*item.headline) if item.headline else "",
            source if body_read else view.original_text(*item.body),
            tuple(view.original_text(a, b) for a, b in item.sources),
            item.start, item.end, *headline, *body,
            tuple(build_span(a, b, source) for s in item.sources for a, b in [view.to_original(*s)]),
            topic, scores, None,
        ))
    return Section(title=title, start=section.start, end=section.end, items=tuple(items))
