"""Fact extraction over one analysed bulletin (view offsets in, view offsets out)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Mapping, Sequence

from bulletin_nlp.facts.indicators import IndicatorFinder
from bulletin_nlp.facts.lexicon import FactWords, fact_words
from bulletin_nlp.facts.model import FactSpans, ItemRegion, Mention
from bulletin_nlp.facts.periods import PeriodFinder
from bulletin_nlp.facts.subjects import (
    NULL_ACTOR,
    county_mentions,
    headline_subject,
    subject_positions,
)
from bulletin_nlp.frozen_builders import positional_builder

__all__ = ["FactSpans", "ItemRegion", "Mention", "extract_facts", "facts_by_item"]
_NAMES = ("AGENCY", "TOWNSHIP")
_build_fact = positional_builder(FactSpans)  # FactSpans(...) at under half the cost (frozen_builders)


def _regions(items: Sequence[ItemRegion]) -> tuple[list[int], list[tuple[int, int, int, str]]]:
    """Every part of every item as ``(start, end, item index, part)``, sorted by start."""
    parts = []
    for index, item in enumerate(items):
        if item.headline:
            parts.append((*item.headline, index, "headline"))
        if item.body:
            parts.append((*item.body, index, "body"))
        parts.extend((*source, index, "source") for source in item.sources)
    parts.sort()
    return [part[0] for part in parts], parts


def _group(entities: Sequence[Mention], items: Sequence[ItemRegion]) -> list[dict[str, list[int]]]:
    """Entity indices of each item, by part (headline, body, source)."""
    starts, parts = _regions(items)
    grouped: list[dict[str, list[int]]] = [{"headline": [], "body": [], "source": []} for _ in items]
    for entity_index, entity in enumerate(entities):
        part_index = bisect_right(starts, entity.start) - 1
        if part_index < 0:
            continue
        _, part_end, item_index, part = parts[part_index]
        if entity.start < part_end:
            grouped[item_index][part].append(entity_index)
    return grouped


def _inside(spans: list[tuple[int, int]], mention: Mention) -> bool:
    """Whether ``mention`` overlaps one of ``spans`` (sorted by start)."""
    last_before = bisect_right(spans, (mention.start, 1 << 62)) - 1
    if last_before >= 0 and spans[last_before][1] > mention.start:
        return True
    return last_before + 1 < len(spans) and spans[last_before + 1][0] < mention.end


class _ItemFacts:
    """The facts of one item."""

    def __init__(self, text: str, item: ItemRegion, members: dict[str, list[int]], entities: Mapping[int, Mention],
                 token_bounds: Sequence[int], county: tuple[str, str] | None, words: FactWords) -> None:
        self.text, self.item, self.entities, self.words = text, item, entities, words
        self.bounds, self.county = token_bounds, county
        self.members = members
        source_names = [entities[index] for index in members["source"] if entities[index].label in _NAMES]
        self.headline_names = self._names("headline")
        self.headline_subject = (headline_subject(text, item.headline, self.headline_names)
                                 if item.headline else None)
        self.default = source_names[0] if len(item.sources) == 1 and source_names else self.headline_subject

    def _span(self, part: str) -> tuple[int, int] | None:
        span: tuple[int, int] | None = self.item.headline if part == "headline" else self.item.body
        return span

    def _names(self, part: str) -> list[Mention]:
        span = self._span(part)
        if span is None:
            return []
        names = [self.entities[index] for index in self.members[part] if self.entities[index].label in _NAMES]
        spans = sorted((name.start, name.end) for name in names)
        counties = [county for county in county_mentions(self.text, span[0], span[1], self.words, self.county)
                    if not _inside(spans, county)]  # 县人民政府办公室 is a body, not 县人民政府
        return sorted(names + counties, key=lambda mention: mention.start)

    def facts(self, item_index: int) -> list[FactSpans]:
        out = []
        for part in ("headline", "body"):
            span = self._span(part)
            if span is None:
                continue
            start, end = span
            in_part = [(index, self.entities[index]) for index in self.members[part]]
            quantities = [index for index, entity in in_part if entity.label == "QUANTITY"]
            if not quantities:
                continue
            dates = [(entity.start, entity.end, index) for index, entity in in_part if entity.label == "DATE"]
            date_spans = [(date_start, date_end) for date_start, date_end, _ in dates]
            names = self.headline_names if part == "headline" else self._names(part)
            blockers = sorted(date_spans + [(name.start, name.end) for name in names])
            spans = [(self.entities[index].start, self.entities[index].end) for index in quantities]
            indicators = IndicatorFinder(self.text, start, end, blockers, spans, self.bounds, self.words)
            periods = PeriodFinder(self.text, start, end, dates, self.words)
            subjects = subject_positions(self.text, start, end, names, date_spans, self.words)
            subject_starts = [subject.start for subject in subjects]
            for quantity_index in quantities:
                quantity = self.entities[quantity_index]
                taken = bisect_right(subject_starts, quantity.start - 1)
                if part == "headline":
                    subject = self.headline_subject if taken else self.default
                else:
                    subject = subjects[taken - 1] if taken else self.default
                out.append(_build_fact(  # quantity, item, subject, indicator, period
                    quantity_index, item_index, None if subject and subject.label == NULL_ACTOR else subject,
                    indicators.find(quantity.start, quantity.end), periods.period(quantity.start, carry=part == "body"),
                ))
        return out


def facts_by_item(
    text: str,
    items: Sequence[ItemRegion],
    entities: Sequence[Mention],
    token_bounds: Sequence[int] = (),
    county: tuple[str, str] | None = None,
    words: FactWords | None = None,
) -> Iterator[list[FactSpans]]:
    """The facts of each item that has a figure, item after item (the arguments of
    :func:`extract_facts`): a caller can convert them as they come."""
    words = words or fact_words()
    grouped = _group(entities, items)
    grouped.reverse()
    for index in range(len(items)):
        members = grouped.pop()  # dropped once used: the caller keeps what is yielded, not this
        # the item's entities, each read once (a mention is made each time one is read)
        mentions = {member: entities[member] for part in members.values() for member in part}
        if any(mentions[member].label == "QUANTITY" for member in members["headline"] + members["body"]):
            yield _ItemFacts(text, items[index], members, mentions, token_bounds, county, words).facts(index)


def extract_facts(
    text: str,
    items: Sequence[ItemRegion],
    entities: Sequence[Mention],
    token_bounds: Sequence[int] = (),
    county: tuple[str, str] | None = None,
    words: FactWords | None = None,
) -> list[FactSpans]:
    """One fact per QUANTITY in an item's headline or body, in text order.

    ``text`` is the (folded) view, ``entities`` sorted by start, ``token_bounds`` the sorted
    word boundaries of the segmenter (empty: every character boundary counts), ``county``
    ``(name, code)`` for 我县/全县 subjects.
    """
    out = [fact for facts in facts_by_item(text, items, entities, token_bounds, county, words) for fact in facts]
    out.sort(key=lambda fact: entities[fact.quantity].start)
    return out
