"""Labelled corpora: records (read, write, check, convert) and evaluation against gold.

The record functions are re-exported here (``bulletin_nlp.corpus.load_corpus``); evaluation
lives in :mod:`bulletin_nlp.corpus.evaluate`.
"""

from bulletin_nlp.corpus.records import (
    check_corpus,
    check_record,
    features,
    is_bulletin,
    item_body,
    item_records,
    item_text,
    load_corpus,
    load_schema,
    load_town_codes,
    normalize_record,
    read_records,
    schema_errors,
    write_records,
)
from bulletin_nlp.corpus.spacy_docs import to_docbin, to_spacy_examples, topic_examples

__all__ = ["check_corpus", "check_record", "features", "is_bulletin", "item_body", "item_records", "item_text",
           "load_corpus", "load_schema", "load_town_codes", "normalize_record", "read_records", "schema_errors",
           "to_docbin", "to_spacy_examples", "topic_examples", "write_records"]
