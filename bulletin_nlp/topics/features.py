"""What the topic classifier sees of an item: normalised text, char n-grams, agencies.

An item is a mapping with ``section``, ``headline``, ``body`` (str or None) and ``sources``
(list of str). The same functions feed training (through scikit-learn) and inference (numpy
only), so both see identical tokens.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

from bulletin_nlp.text.fold import fold, folded_word_chars

Item = Mapping[str, Any]

_NOT_WORD = re.compile(r"[\W_]+")
_DIGIT = re.compile(r"\d")
_SENTENCE_END = re.compile(r"[。；\n]")
TEXT_FIELDS = ("section", "headline", "body", "sources", "text")


def normalize(text: str | None) -> str:
    """Fold width/traditional forms, lowercase, drop spaces and punctuation, digits → 0.

    >>> normalize("县生态环境局 打好“蓝天”保卫战，ＰＭ２.５下降 12%")
    '县生态环境局打好蓝天保卫战pm00下降00'
    """
    if not text:
        return ""
    compiled = folded_word_chars(text)
    if compiled is not None:
        return compiled
    return _DIGIT.sub("0", _NOT_WORD.sub("", fold(text).lower()))


def char_ngrams(text: str | None, lo: int, hi: int) -> list[str]:
    """Character n-grams of the normalised text, ``lo <= n <= hi`` (shorter text: fewer)."""
    normalized = normalize(text)
    return [normalized[start:start + size] for size in range(lo, hi + 1) for start in range(len(normalized) - size + 1)]


def field_text(item: Item, field: str) -> list[str]:
    """The strings of one field; ``text`` is headline and body, ``sources`` one per source."""
    if field == "sources":
        return [str(source) for source in item.get("sources") or ()]
    if field == "text":
        return [item.get("headline") or "", item.get("body") or ""]
    return [item.get(field) or ""]


def field_ngrams(item: Item, field: str, lo: int, hi: int) -> list[str]:
    """Char n-grams of a field; n-grams never cross from one part (or source) to the next."""
    return [ngram for part in field_text(item, field) for ngram in char_ngrams(part, lo, hi)]


@lru_cache(maxsize=1)
def priors() -> dict[str, Any]:
    """``bulletin_nlp/topics/priors.json``: Chinese keywords per topic, agency → topics."""
    data: dict[str, Any] = json.loads(resources.files(__package__).joinpath("priors.json").read_text("utf-8"))
    return data


def _first_sentence(text: str | None) -> str:
    """The body up to its first full stop (or line break): where a report names its actor."""
    return _SENTENCE_END.split((text or "").strip(), maxsplit=1)[0]


def item_agencies(item: Item) -> list[str]:
    """Canonical agencies (national list, ``data/agencies_national.tsv``) of the sources, else of
    the headline, else of the body's first sentence. Traditional and full-width forms are folded."""
    from bulletin_nlp.entities.gazetteer import Gazetteer

    gazetteer = Gazetteer.default()

    def canonical(folded: str) -> list[str]:
        return [match.canonical for match in gazetteer.find_agencies(folded)]

    sources = [fold(str(source)) for source in item.get("sources") or () if source]
    found = canonical("（" + " ".join(sources) + "）") if sources else []
    if not found:
        found = canonical(fold(item.get("headline") or ""))
    if not found:  # the body's first sentence is cut only when it is read
        found = canonical(fold(_first_sentence(item.get("body"))))
    return list(dict.fromkeys(found))


def agency_tokens(item: Item) -> list[str]:
    """``a:<canonical agency>`` for known agencies and ``s:<source>`` for every source as written."""
    tokens = ["a:" + agency for agency in item_agencies(item)]
    for source in item.get("sources") or ():
        norm = normalize(source)
        if norm:
            tokens.append("s:" + (norm[1:] if norm.startswith("县") and len(norm) > 2 else norm))
    return tokens


def agency_prior(item: Item, table: Mapping[str, Sequence[str]], codes: Sequence[str]) -> list[float]:
    """The mean over the item's agencies in ``table`` of a uniform vote for their topics.

    All zeros when no agency of the item is in the table.
    """
    index = {code: position for position, code in enumerate(codes)}
    prior = [0.0] * len(codes)
    votes = [[index[topic] for topic in table[agency] if topic in index]
             for agency in item_agencies(item) if agency in table]
    votes = [topic_positions for topic_positions in votes if topic_positions]
    for topic_positions in votes:
        for position in topic_positions:
            prior[position] += 1.0 / (len(topic_positions) * len(votes))
    return prior
