"""Facts: which body reported which figure, about what, and for which period.

One fact per QUANTITY mention of an item (headline and body), in text order. The rules are
part-of-speech free and driven by the word lists in ``data/facts_words.txt``:

- :mod:`~bulletin_nlp.facts.subjects`: the AGENCY/TOWNSHIP mention (or 我县/全县) that opens a
  clause is the subject, and carries on until another takes over; otherwise the item's single
  source, else the headline's subject.
- :mod:`~bulletin_nlp.facts.indicators`: the words of the figure's clause that name what is
  counted, over the segmenter's tokens.
- :mod:`~bulletin_nlp.facts.periods`: the last DATE before the figure in its sentence, else one
  whose scope still runs (``今年以来`` to the item's end).

Everything works in the analysed view's offsets (see :mod:`bulletin_nlp.text.offsets`); the
result builder maps them back to the input. Each figure looks at a bounded window, so facts
are linear in the length of the text.
"""

from bulletin_nlp.facts.extract import (
    FactSpans,
    ItemRegion,
    Mention,
    extract_facts,
    facts_by_item,
)

__all__ = ["FactSpans", "ItemRegion", "Mention", "extract_facts", "facts_by_item"]
