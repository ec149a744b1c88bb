"""The promises of docs/usage.md ("The result") as one checker, for the fuzz and regression tests."""

from __future__ import annotations

import json
import math
import re

from bulletin_nlp import Bulletin
from bulletin_nlp.layout.reader import split_lines
from bulletin_nlp.text.fold import fold

_MARKERS_ONLY = re.compile(r"[\s*_]*")
_CODE = re.compile(r"W\d{3}")


def check_promises(text: str, bulletin: Bulletin) -> None:
    """Assert every promise of docs/usage.md about ``parse(text)``'s result."""
    assert isinstance(bulletin, Bulletin)
    encoded = bulletin.to_json().encode("utf-8")  # always encodable, lone surrogates included
    assert Bulletin.from_dict(json.loads(encoded)) == bulletin
    _check_sections_and_items(text, bulletin)
    _check_entities(text, bulletin)
    _check_leftovers(text, bulletin)
    _check_diagnostics(text, bulletin)
    _check_body_covered(text, bulletin)


def _span_ok(text: str, start: int | None, end: int | None) -> bool:
    return start is not None and end is not None and 0 <= start <= end <= len(text)


def _clean(value: str) -> bool:
    """Markdown markers removed (docs: headline, body, sources and titles are clean strings)."""
    return "**" not in value and "__" not in value


def _check_sections_and_items(text: str, bulletin: Bulletin) -> None:
    previous_end = 0
    for section in bulletin.sections:
        assert _span_ok(text, section.start, section.end), section
        assert section.title is None or _clean(section.title), section.title
        for item in section.items:
            where = f"item {item.start}-{item.end} of {text[item.start:item.end][:60]!r}"
            assert previous_end <= item.start < item.end <= len(text), where  # in order, not overlapping, not empty
            assert section.start <= item.start and item.end <= section.end, where
            previous_end = item.end
            assert _clean(item.headline) and _clean(item.body), where
            assert all(_clean(source) for source in item.sources), where
            if item.headline:
                assert item.start <= item.headline_start <= item.headline_end <= item.end, where
            else:
                assert item.headline_start is None and item.headline_end is None, where
            assert item.start <= item.body_start <= item.body_end <= item.end, where
            if item.headline and item.headline_end is not None:
                assert item.headline_end <= item.body_start, where
            assert len(item.sources) == len(item.source_spans), where
            for span in item.source_spans:
                assert (item.body_end <= span.start < span.end <= item.end  # closing: （县民政局）
                        or (item.headline_end or item.start) <= span.start < span.end <= item.body_start), where
                assert text[span.start : span.end] == span.text, where
            for score in item.topic_scores.values():
                assert math.isfinite(score), where
            assert item.topic is None or item.topic in item.topic_scores, where


def _check_entities(text: str, bulletin: Bulletin) -> None:
    for entity in bulletin.entities:
        assert 0 <= entity.start < entity.end <= len(text), entity
        assert text[entity.start : entity.end] == entity.text, entity
        if entity.label == "AGENCY":
            assert entity.canonical and entity.code is None and entity.value is None and entity.unit is None, entity
        elif entity.label == "TOWNSHIP":
            assert entity.canonical and entity.value is None and entity.unit is None, entity
            assert entity.code is None or re.fullmatch(r"\d{9}", entity.code), entity
        elif entity.label == "QUANTITY":
            assert entity.value is not None and math.isfinite(entity.value) and entity.unit is not None, entity
            assert entity.canonical is None and entity.code is None, entity


def _check_leftovers(text: str, bulletin: Bulletin) -> None:
    for leftover in bulletin.leftovers:
        assert 0 <= leftover.start < leftover.end <= len(text), leftover
        assert text[leftover.start : leftover.end] == leftover.text, leftover
        assert any(f"at {leftover.start}-{leftover.end}" in warning for warning in bulletin.warnings), leftover


def _check_diagnostics(text: str, bulletin: Bulletin) -> None:
    assert list(bulletin.warnings) == [d.message for d in bulletin.diagnostics]
    for diagnostic in bulletin.diagnostics:
        assert _CODE.fullmatch(diagnostic.code), diagnostic
        if diagnostic.start is not None:
            assert _span_ok(text, diagnostic.start, diagnostic.end), diagnostic


def _check_body_covered(text: str, bulletin: Bulletin) -> None:
    """Every text line of the body (from the first item to the last) lies in an item, a section
    heading or a leftover; blank lines, rules and lines of Markdown markers alone excepted."""
    if not bulletin.items:
        return
    covered = [(i.start, i.end) for i in bulletin.items]
    covered += [(s.start, s.end) for s in bulletin.sections if s.title is not None]
    covered += [(x.start, x.end) for x in bulletin.leftovers]
    first, last = bulletin.items[0].start, bulletin.items[-1].end
    for line in split_lines(fold(text)):
        if line.kind != "text" or line.end <= first or line.start >= last:
            continue
        if _MARKERS_ONLY.fullmatch(text, line.start, line.end):
            continue
        assert any(a <= line.start < b or a < line.end <= b for a, b in covered), text[line.start : line.end]
