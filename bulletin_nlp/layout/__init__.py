"""Layout: lines → masthead, sections, items (headline, body, sources) and footer.

Works on the folded text alone (``bulletin_nlp.text``); knows nothing of tokens or entities.
"""

from bulletin_nlp.layout.blocks import SectionLayout
from bulletin_nlp.layout.reader import Layout, parse_layout

__all__ = ["Layout", "SectionLayout", "parse_layout"]
