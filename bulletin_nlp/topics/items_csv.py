"""Items as CSV, to label topics in a spreadsheet and train on them again.

``bulletin-nlp export-items`` writes one row per item with the predicted ``topic`` and its
``score``; the user corrects ``topic`` (a code such as ``environment`` or the Chinese name
生态环境与人居环境) and passes the file to ``bulletin-nlp train``. Rows whose ``topic`` is
empty are skipped. Files are written as UTF-8 with a BOM so that spreadsheet programs show
the Chinese text; UTF-8, GB18030 and UTF-16 are read back.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bulletin_nlp.errors import BulletinError
from bulletin_nlp.io import CSV_LIST_SEPARATOR, read_text
from bulletin_nlp.topics.taxonomy import load_taxonomy

if TYPE_CHECKING:
    from bulletin_nlp.bulletin import Bulletin

COLUMNS = ("bulletin", "section", "headline", "body", "sources", "topic", "score")
REQUIRED = ("headline", "body", "topic")
_SPLIT = re.compile(rf"[\s{CSV_LIST_SEPARATOR}，,；;]+")


class ItemsCsvError(BulletinError):
    """An items CSV cannot be used for training; ``path`` and ``row`` (1 = header) locate the
    first problem, ``problems`` lists every ``(row, reason)`` found."""

    def __init__(self, path: str, row: int | None, reason: str,
                 problems: Sequence[tuple[int, str]] = ()) -> None:
        located = f"{path}{f', row {row}' if row and not problems else ''}"
        super().__init__(f"{located}: {reason}")
        self.path, self.row, self.reason = path, row, reason
        self.problems = list(problems) or ([(row, reason)] if row else [])


def write_items_csv(rows: Iterable[tuple[str, Bulletin]], path: str | os.PathLike[str]) -> int:
    """Write one row per item of each ``(bulletin name, Bulletin)``; returns the number of rows."""
    n = 0
    with Path(path).open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(COLUMNS)
        for name, bulletin in rows:
            for section in bulletin.sections:
                for item in section.items:
                    score = item.topic_scores.get(item.topic) if item.topic else None
                    w.writerow([name, section.title or "", item.headline or "", item.body or "",
                                CSV_LIST_SEPARATOR.join(item.sources), item.topic or "",
                                "" if score is None else f"{score:.4f}"])
                    n += 1
    return n


def _topic_lookup() -> dict[str, str]:
    """Accepted spellings of a topic (code, Chinese name, case-insensitive code) → code."""
    out: dict[str, str] = {}
    for t in load_taxonomy():
        out[t["code"]] = out[t["code"].lower()] = out[t["name"]] = t["code"]
    return out


def read_items_csv(path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """Labelled items of a CSV written by :func:`write_items_csv` (or any CSV with its columns).

    Returns ``{id, bulletin, section, headline, body, sources, topic, origin}`` per row with a
    topic (``origin`` is ``"user"``, ``id`` is ``<bulletin>#<row>``). Raises
    :class:`ItemsCsvError` for missing columns, and naming every row whose topic is unknown.
    """
    p = str(path)
    text = read_text(Path(path))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in reader.fieldnames or ()]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ItemsCsvError(p, 1, f"missing column(s) {missing}; expected {list(COLUMNS)}")
    reader.fieldnames = header
    lookup = _topic_lookup()
    items, unknown = [], []
    for row_no, row in enumerate(reader, start=2):
        raw = (row.get("topic") or "").strip()
        if not raw:
            continue
        topic = lookup.get(raw) or lookup.get(raw.lower())
        if topic is None:
            unknown.append((row_no, raw))
            continue
        bulletin = (row.get("bulletin") or "").strip()
        items.append({
            "id": f"{bulletin or Path(p).name}#{row_no}",
            "bulletin": bulletin or None,
            "section": (row.get("section") or "").strip() or None,
            "headline": (row.get("headline") or "").strip(),
            "body": (row.get("body") or "").strip(),
            "sources": [s for s in _SPLIT.split(row.get("sources") or "") if s],
            "topic": topic,
            "origin": "user",
        })
    if unknown:
        codes = ", ".join(sorted(set(lookup.values())))
        rows = ", ".join(f"row {row_no} {raw!r}" for row_no, raw in unknown)
        raise ItemsCsvError(p, unknown[0][0], f"unknown topic in {len(unknown)} row(s): {rows}; use a code or "
                                              f"the Chinese name from docs/taxonomy.md ({codes})",
                            [(row_no, f"unknown topic {raw!r}") for row_no, raw in unknown])
    return items
