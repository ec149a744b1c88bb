"""The segmenter's user dictionary from the gazetteer: names it should keep whole."""

from __future__ import annotations

from bulletin_nlp.entities.gazetteer import Gazetteer

#: Township names shorter than this are left to the segmenter (二台, 王楼 are words too).
MIN_TOWNSHIP_WORD = 3


def user_words(gazetteer: Gazetteer) -> list[str]:
    """Agency names and aliases, and township names of at least :data:`MIN_TOWNSHIP_WORD` characters."""
    townships = (word for word in gazetteer.township_lexicon() if len(word) >= MIN_TOWNSHIP_WORD)
    return [*gazetteer.agency_lexicon(), *townships]
