"""Text before layout: length-preserving character folding, the offset map between a cleaned
text and the input, and number parsing. Imports nothing else of the package."""
