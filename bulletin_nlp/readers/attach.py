"""A parsed :class:`~bulletin_nlp.bulletin.Bulletin` completed from the document it was read from."""

from __future__ import annotations

import dataclasses

import regex

from bulletin_nlp.bulletin import Bulletin, Section, Source
from bulletin_nlp.layout.masthead import MastheadFields, active_words, read_masthead_line
from bulletin_nlp.readers.document import Document

_ISSUE_DECORATION_RE = regex.compile(
    r"[（(【\[]?\s*(?:总\s*)?第\s*[0-9〇零一二三四五六七八九十百]+\s*期\s*[）)】\]]?|\s+"
)


def with_document(bulletin: Bulletin, document: Document) -> Bulletin:
    """``bulletin`` with the document's text and source, PDF page numbers on items and
    entities, and masthead fields the body lacks taken from a web page's metadata (which
    named the county to the pipeline already, see ``LayoutHints.masthead``)."""
    sections = bulletin.sections
    entities = bulletin.entities
    if document.format == "pdf":
        sections = tuple(
            Section(s.title, s.start, s.end,
                    tuple(dataclasses.replace(i, page=document.page_at(i.start)) for i in s.items))
            for s in sections
        )
        entities = tuple(dataclasses.replace(e, page=document.page_at(e.start)) for e in entities)
    masthead = _metadata_masthead(document.metadata) if document.metadata else MastheadFields()
    publisher = bulletin.publisher or document.metadata.get("发布机构")
    title = bulletin.title or _metadata_title(document.metadata)
    return dataclasses.replace(
        bulletin,
        sections=sections,
        entities=entities,
        title=title,
        issue=bulletin.issue if bulletin.issue is not None else masthead.issue,
        date=bulletin.date or masthead.date,
        publisher=publisher,
        source=Source(document.path, document.format, document.pages),
        text=document.text,
    )


def _metadata_masthead(metadata: dict[str, str]) -> MastheadFields:
    """Issue (第N期 in 文号 or 标题) and date (发文日期, else 发布日期) from a page's metadata."""
    fields = MastheadFields()
    for key in ("文号", "标题", "页面标题"):
        value = metadata.get(key, "")
        if fields.issue is None and value:
            read_masthead_line(value, 0, len(value), fields)
    date_fields = MastheadFields()
    for key in ("发文日期", "发布日期"):
        value = metadata.get(key, "")
        if date_fields.date is None and value:
            read_masthead_line(value, 0, len(value), date_fields)
    fields.date = date_fields.date
    return fields


def _metadata_title(metadata: dict[str, str]) -> str | None:
    """The bulletin's name in the page's 标题 (延津政务快报（第6期）→ 延津政务快报), when it is one."""
    for key in ("标题", "页面标题"):
        first = regex.split(r"[_|｜]", metadata.get(key, ""))[0]  # 延津政务快报第6期_延津县人民政府
        name = _ISSUE_DECORATION_RE.sub("", first)
        if active_words().title.match(name):
            return name
    return None
