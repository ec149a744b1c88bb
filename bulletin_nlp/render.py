"""An HTML view of parsed bulletins (``bulletin-nlp parse --format html``).

One page: an index of the files, then per file its masthead, sections and items (headline,
topic with its score, sources) with the entities marked in the text, the footer, the warnings
and the leftovers. Every string from the input or a file name is escaped. The entity colours
are the evaluation report's (:data:`ENTITY_CSS`).
"""

from __future__ import annotations

import html
from bisect import bisect_left
from collections.abc import Sequence

from bulletin_nlp.bulletin import Bulletin, Entity, Item
from bulletin_nlp.text.numbers import plain_number

__all__ = ["ENTITY_CSS", "entity_detail", "render_html"]

ENTITY_CSS = ("mark{padding:0 2px;border-radius:3px}mark b{font-size:60%;margin-left:2px;opacity:.7}"
              "mark.AGENCY{background:#aee}mark.TOWNSHIP{background:#fd8}mark.QUANTITY{background:#cfc}"
              "mark.DATE{background:#ddf}")
_CSS = ENTITY_CSS + """
body{font-family:sans-serif;margin:2em;max-width:1100px;line-height:1.6}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}
.item{border-left:3px solid #ccc;padding:.2em .8em;margin:.8em 0}.headline{font-weight:bold}
.topic{background:#eee;border-radius:3px;padding:0 4px;font-size:85%;margin-left:.5em}
.sources{color:#555;font-size:90%}.body{white-space:pre-wrap}.warn{color:#a40}dt{font-weight:bold}"""



def entity_detail(entity: Entity) -> str:
    """The normalised value shown beside a mention: value and unit, canonical name or code."""
    if entity.label == "QUANTITY" and entity.value is not None:
        qualifier = f" ({entity.qualifier})" if entity.qualifier else ""
        return f"{plain_number(entity.value)} {entity.unit or ''}{qualifier}".strip()
    if entity.label == "TOWNSHIP":
        return f"{entity.canonical or ''} {entity.code or '?'}"
    if entity.label == "DATE":
        return f"{entity.interval[0] or '…'} – {entity.interval[1] or '…'}" if entity.interval else ""
    return entity.canonical or ""


def _marked(text: str, start: int, end: int, entities: Sequence[Entity], starts: Sequence[int]) -> str:
    """``text[start:end]`` escaped, with the entities inside it marked (of overlapping ones, the
    first); ``starts`` are the entities' start offsets, sorted."""
    parts, position = [], start
    for index in range(bisect_left(starts, start), bisect_left(starts, end)):
        entity = entities[index]
        if entity.start < position or entity.end > end:
            continue
        parts.append(html.escape(text[position:entity.start]))
        parts.append(f"<mark class='{html.escape(entity.label)}' title='{html.escape(entity_detail(entity))}'>"
                     f"{html.escape(text[entity.start:entity.end])}<b>{html.escape(entity.label)}</b></mark>")
        position = entity.end
    parts.append(html.escape(text[position:end]))
    return "".join(parts)


def _item(text: str, item: Item, entities: Sequence[Entity], starts: Sequence[int]) -> str:
    score = item.topic_scores.get(item.topic) if item.topic else None
    topic = (f"<span class='topic'>{html.escape(item.topic)}{f' {score:.2f}' if score is not None else ''}</span>"
             if item.topic else "")
    sources = f"<div class='sources'>来源：{html.escape('、'.join(item.sources))}</div>" if item.sources else ""
    headline = f"<div class='headline'>{html.escape(item.headline)}{topic}</div>" if item.headline else topic
    body = _marked(text, item.start, item.end, entities, starts)
    return f"<div class='item'>{headline}<div class='body'>{body}</div>{sources}</div>"


def _masthead(bulletin: Bulletin) -> str:
    fields = [("标题", bulletin.title), ("期号", bulletin.issue), ("日期", bulletin.date),
              ("发布单位", bulletin.publisher), ("县", f"{bulletin.county or ''} {bulletin.county_code or ''}".strip())]
    return "<dl>" + "".join(f"<dt>{name}</dt><dd>{html.escape(str(value))}</dd>"
                            for name, value in fields if value not in (None, "")) + "</dl>"


def _document(number: int, name: str, text: str, bulletin: Bulletin) -> str:
    parts = [f"<section id='doc-{number}'><h2>{html.escape(name)}</h2>", _masthead(bulletin)]
    entities = sorted(bulletin.entities, key=lambda entity: (entity.start, -entity.end))
    starts = [entity.start for entity in entities]
    for section in bulletin.sections:
        if section.title:
            parts.append(f"<h3>【{html.escape(section.title)}】</h3>")
        parts += [_item(text, item, entities, starts) for item in section.items]
    footer = bulletin.footer
    footer_fields = [("本期发", "、".join(footer.distribution)), ("责任编辑", footer.editor), ("审核", footer.reviewer),
                     ("签发", footer.issuer)]
    shown = [(name, value) for name, value in footer_fields if value]
    if shown:
        parts.append("<dl>" + "".join(f"<dt>{name}</dt><dd>{html.escape(value)}</dd>" for name, value in shown)
                     + "</dl>")
    if bulletin.warnings:
        parts.append("<ul class='warn'>" + "".join(f"<li>{html.escape(warning)}</li>" for warning in bulletin.warnings)
                     + "</ul>")
    parts.append("</section>")
    return "".join(parts)


def _index(documents: Sequence[tuple[str, str, Bulletin]]) -> str:
    rows = "".join(
        f"<tr><td><a href='#doc-{number}'>{html.escape(name)}</a></td><td>{html.escape(bulletin.title or '')}</td>"
        f"<td>{bulletin.issue if bulletin.issue is not None else ''}</td><td>{html.escape(bulletin.date or '')}</td>"
        f"<td>{html.escape(bulletin.county or '')}</td><td>{len(bulletin.items)}</td><td>{len(bulletin.entities)}</td>"
        f"<td>{len(bulletin.warnings)}</td></tr>"
        for number, (name, _, bulletin) in enumerate(documents))
    return ("<table><tr><th>file</th><th>title</th><th>issue</th><th>date</th><th>county</th><th>items</th>"
            f"<th>entities</th><th>warnings</th></tr>{rows}</table>")


def render_html(documents: Sequence[tuple[str, str, Bulletin]]) -> str:
    """One HTML page for ``(name, text, bulletin)`` triples (``text``: what was parsed)."""
    body = "".join(_document(number, name, text, bulletin) for number, (name, text, bulletin) in enumerate(documents))
    index = _index(documents) if len(documents) > 1 else ""
    return (f"<!doctype html><html lang='zh'><head><meta charset='utf-8'><title>bulletin_nlp</title>"
            f"<style>{_CSS}</style></head><body><h1>bulletin_nlp</h1>{index}{body}</body></html>\n")
