"""Word segmentation: the spaCy tokenizer over a pkuseg model decoded in numpy, its user
dictionary and the integer maps behind its lookups."""
