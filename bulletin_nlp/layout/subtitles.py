"""One report split by subtitle headings: the headings are parts of the report, not sections.

A web page (or any document without a bulletin's title) that holds one report often breaks it
with subtitle lines in brackets (``【片区组团 抱团发展】``) that the reader first takes for
section headings. A bulletin's sections differ: each report under them has a headline of its own
or closes with its source. So when a document without a bulletin title opens with one report
headed by its title (a page title, a headline line) and not closed, and every heading after it
holds only text with no headline of its own (a glued one the model found is the part's first
words) and no closing except at the very end (a single source or editor closing the whole
report), the headings and their text are the rest of that report: one item, no sections.
"""

from __future__ import annotations

from bulletin_nlp.layout.blocks import ItemLayout, SectionLayout


def join_subtitled_report(sections: list[SectionLayout]) -> list[SectionLayout]:
    """``sections`` with subtitled parts joined to the report they split (see the module
    docstring); unchanged when they are not parts of one report."""
    if len(sections) < 2 or sections[0].title is not None or len(sections[0].items) != 1:
        return sections
    lead, parts = sections[0], sections[1:]
    report = lead.items[0]
    if report.headline is None or report.mark == "glued" or report.closed or report.bullet:
        return sections
    items = [item for section in parts for item in section.items]
    if not all(section.title is not None and not section.plain and section.items for section in parts):
        return sections
    if any(not _is_untitled_part(item) for item in items) or any(item.closed for item in items[:-1]):
        return sections
    first_title, last = parts[0].title, items[-1]
    assert report.body is not None and last.body is not None and first_title is not None
    body_start = report.body[0] if report.body[1] > report.body[0] else first_title[0]
    report.body, report.end = (body_start, last.body[1]), last.end
    report.sources, report.closed = list(last.sources), last.closed
    lead.end = max(lead.end, parts[-1].end)
    return [lead]


def _is_untitled_part(item: ItemLayout) -> bool:
    """Text with no headline of its own (a glued one is its first words), opened by no bullet
    nor numbered title."""
    return (item.headline is None or item.mark == "glued") and not item.bullet and not item.keeps_body
