"""Footer fields: the distribution list (本期发, 报, 送 …) and the editor, reviewer and issuer
(责任编辑, 审核, 签发); the keys are the masthead words' (``data/masthead.txt``)."""

from __future__ import annotations

import regex

from bulletin_nlp.bulletin import Footer
from bulletin_nlp.layout.masthead import active_words
from bulletin_nlp.text.chars import without_whitespace

_NOTE_RE = regex.compile(r"^[（(].*[）)]$")  # （共印 120 份） closes a list but names no recipient
# a line after a list that does not go on with it: 共印40份, …2024年5月20日印发, 值班员：郭岩
_AFTER_LIST_RE = regex.compile(r"[（(]?+[ \t]*+共?+印[ \t]*+\d++[ \t]*+份|.*印发[ \t]*+$|[^：:\n]{1,8}[：:]")


def read_footer(text: str, original: str | None = None) -> tuple[Footer, list[str]]:
    """Parse the footer block; return the footer and the lines it could not read.

    Keys are found in ``text`` (folded); values are taken from ``original``, the same block
    unfolded (same length), so names keep the characters they were written in.
    """
    words = active_words()
    keys = list(words.footer_key.finditer(text))
    if original is not None and len(original) == len(text):
        text = original
    distribution: list[str] = []
    values: dict[str, str] = {}
    unread: list[str] = []
    head = text[: keys[0].start()] if keys else text
    if head.strip():
        unread.append(head.strip())
    for i, key in enumerate(keys):
        value = text[key.end() : keys[i + 1].start() if i + 1 < len(keys) else len(text)]
        name = without_whitespace(key.group("key"))  # folded: 責任編輯 is 责任编辑
        if name in words.distribution_keys:
            value, rest = _list_lines(value)
            unread.extend(without_whitespace(line) for line in rest.split("\n") if line.strip())
            for recipient in split_top_level(value):
                (unread if _NOTE_RE.match(recipient) else distribution).append(recipient)
        else:
            field = words.field_keys.get(name)
            value, _, rest = value.partition("\n")  # a name ends with its line
            if rest.strip():
                unread.append(rest.strip())
            person = without_whitespace(value).rstrip("。；;，,")
            if field and field not in values and person:
                values[field] = person
            elif person and not field:
                unread.append(f"{name}：{person}")
    return Footer(tuple(distribution), values.get("editor"), values.get("reviewer"), values.get("issuer")), unread


def _list_lines(value: str) -> tuple[str, str]:
    """A recipient list's lines and what follows it: the list ends with a line ending in 。, or
    before a line that is no recipient (共印40份, an office's 印发 line, 值班员：郭岩)."""
    lines = value.split("\n")
    count = 1
    while (count < len(lines) and not lines[count - 1].rstrip().endswith(("。", "."))
           and not _AFTER_LIST_RE.match(lines[count].strip())):
        count += 1
    return "\n".join(lines[:count]), "\n".join(lines[count:]).strip()


def split_top_level(value: str) -> list[str]:
    """Split a recipient list on ，、；, except inside brackets: 各乡（镇、街道）stays whole."""
    parts: list[str] = []
    depth = 0
    current: list[str] = []
    for char in value:
        if char in "（(【[":
            depth += 1
        elif char in "）)】]":
            depth = max(0, depth - 1)
        if depth == 0 and char in "，,、；;\n":
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    cleaned = (without_whitespace(part).strip("。.") for part in parts)
    return [part for part in cleaned if part]
