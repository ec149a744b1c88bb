"""The front door: :func:`parse`, :func:`parse_file`, :func:`parse_many` and :func:`load`."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bulletin_nlp.batches import batched
from bulletin_nlp.bulletin import Bulletin, Entity, Item, Leftover, Section, Span
from bulletin_nlp.diagnostics import (
    EMPTY_INPUT,
    LEFTOVER,
    NO_ITEMS,
    NO_MASTHEAD,
    Diagnostic,
)
from bulletin_nlp.io import read_text
from bulletin_nlp.layout.reader import Layout, SectionLayout, parse_layout
from bulletin_nlp.text.fold import fold

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_ENV = "BULLETIN_NLP_MODEL"
_default_nlp: Language | None = None


def load(model_dir: str | os.PathLike[str] | None = None) -> Language:
    """Load the spaCy pipeline.

    ``model_dir`` may be a pipeline saved with ``nlp.to_disk`` or a topic model written by
    ``bulletin-nlp train`` (it then replaces the shipped topic model); None uses
    ``$BULLETIN_NLP_MODEL`` when set, else the models shipped with the package.
    """
    from bulletin_nlp.pipeline import load_pipeline

    if model_dir is None and os.environ.get(MODEL_ENV):
        model_dir = os.environ[MODEL_ENV]
    return load_pipeline(model_dir)


def default_nlp() -> Language:
    """The pipeline :func:`parse` uses when given none (loaded once per process)."""
    global _default_nlp
    if _default_nlp is None:
        _default_nlp = load()
    return _default_nlp


def parse(text: str, *, nlp: Language | None = None) -> Bulletin:
    """Parse one bulletin.

    Never raises on text it cannot make sense of: it returns a :class:`Bulletin` with empty
    fields and ``warnings``. Raises ``TypeError`` when ``text`` is not a ``str``.
    """
    return parse_batch([text], nlp=nlp)[0]


def parse_batch(texts: Iterable[str], *, nlp: Language | None = None) -> list[Bulletin]:
    """:func:`parse` for each text, tokenizing them together (faster than one by one)."""
    if isinstance(texts, str):
        raise TypeError("parse_batch() needs a sequence of str, got one str (use parse)")
    texts = list(texts)
    for text in texts:
        if not isinstance(text, str):
            hint = " (decode bytes first, or use parse_file)" if isinstance(text, (bytes, bytearray)) else ""
            raise TypeError(f"parse() needs a str, got {type(text).__name__}{hint}")
    empty = Diagnostic(EMPTY_INPUT, "empty input: nothing to parse")
    out = [Bulletin(warnings=(empty.message,), diagnostics=(empty,)) for _ in texts]
    todo = [i for i, text in enumerate(texts) if text.strip()]
    if not todo:
        return out
    from bulletin_nlp.pipeline import analyse_many

    layouts = [parse_layout(texts[i], fold(texts[i])) for i in todo]
    analyses = analyse_many(layouts, nlp if nlp is not None else default_nlp())
    for i, layout, analysis in zip(todo, layouts, analyses, strict=True):
        out[i] = _build(texts[i], layout, analysis)
    return out


def parse_file(path: str | os.PathLike[str], *, nlp: Language | None = None) -> Bulletin:
    """Read a .txt/.md file (UTF-8, UTF-8 with BOM, GB18030 or UTF-16, detected) and parse it.

    Raises :class:`~bulletin_nlp.errors.BulletinDecodeError` naming the file when it cannot be
    decoded.
    """
    return parse(read_text(Path(path)), nlp=nlp)


def parse_many(
    texts: Iterable[str], *, nlp: Language | None = None, n_process: int = 1, batch_size: int = 16
) -> Iterator[Bulletin]:
    """Parse many bulletins, yielding results in input order.

    Texts are parsed ``batch_size`` at a time (see :func:`parse_batch`). With ``n_process > 1``
    the batches are spread over that many worker processes, each loading the pipeline once.
    """
    if n_process <= 1:
        pipeline = nlp if nlp is not None else default_nlp()
        for batch in batched(texts, batch_size):
            if all(isinstance(t, str) and len(t) <= pipeline.max_length for t in batch):
                yield from parse_batch(batch, nlp=pipeline)
            else:  # one by one, so that the texts before a bad one are still yielded
                yield from (parse(text, nlp=pipeline) for text in batch)
        return
    from bulletin_nlp.parallel import parse_parallel

    yield from parse_parallel(texts, n_process=n_process, batch_size=batch_size, nlp=nlp)


def _build(text: str, layout: Layout, analysis: Any) -> Bulletin:
    view = layout.view
    masthead = layout.masthead
    diagnostics = list(layout.warnings)
    title = text[slice(*masthead.title)] if masthead.title else None
    publisher = text[slice(*masthead.publisher)] if masthead.publisher else None
    sections = tuple(_section(view, s, analysis.topics) for s in layout.sections)
    leftovers = tuple(Leftover(a, b, text[a:b], reason) for a, b, reason in layout.leftovers)
    diagnostics.extend(Diagnostic(LEFTOVER, f"left over ({x.reason}) at {x.start}-{x.end}: {x.text!r}", x.start, x.end)
                       for x in leftovers)
    if title is None and masthead.issue is None and masthead.date is None:
        diagnostics.append(Diagnostic(NO_MASTHEAD, "no masthead found (title, issue number or date)"))
    if not any(s.items for s in sections):
        diagnostics.append(Diagnostic(NO_ITEMS, "no items found"))
    entities = tuple(
        Entity(**{**e, "start": a, "end": b, "text": text[a:b]})
        for e in analysis.entities
        for a, b in [view.to_original(e["start"], e["end"])]
    )
    return Bulletin(
        title=title,
        issue=masthead.issue,
        date=masthead.date,
        publisher=publisher,
        county=analysis.county.name if analysis.county else None,
        county_code=analysis.county.code if analysis.county else None,
        sections=sections,
        entities=entities,
        footer=layout.footer,
        warnings=tuple(diagnostic.message for diagnostic in diagnostics),
        leftovers=leftovers,
        diagnostics=tuple(diagnostics),
    )


def _section(view: Any, section: SectionLayout, topics: dict[int, tuple[str, dict[str, float]]]) -> Section:
    title = view.original_text(*section.title).strip() if section.title else None
    items = []
    for item in section.items:
        headline = view.to_original(*item.headline) if item.headline else (None, None)
        assert item.body is not None
        body = view.to_original(*item.body)
        topic, scores = topics.get(id(item), (None, {}))
        items.append(
            Item(
                headline=view.original_text(*item.headline) if item.headline else "",
                body=view.original_text(*item.body),
                sources=tuple(view.original_text(a, b) for a, b in item.sources),
                start=item.start,
                end=item.end,
                headline_start=headline[0],
                headline_end=headline[1],
                body_start=body[0],
                body_end=body[1],
                source_spans=tuple(
                    Span(a, b, view.original[a:b]) for s in item.sources for a, b in [view.to_original(*s)]
                ),
                topic=topic,
                topic_scores=scores,
            )
        )
    return Section(title=title, start=section.start, end=section.end, items=tuple(items))
