"""parse() of long texts in chunks (pipeline.analyse_in_chunks): the same result as one Doc,
with Docs of bounded size."""

from __future__ import annotations

import pytest

import bulletin_nlp
from bulletin_nlp import pipeline
from tests.support import SAMPLES, corpus_records


@pytest.fixture(scope="module")
def texts():
    return [path.read_text("utf-8") for path in sorted(SAMPLES.glob("*.txt"))] + [
        record["text"] for record in corpus_records("dev", "test")]


def test_chunked_parse_equals_one_doc_on_every_line(nlp, texts, monkeypatch):
    """With a core of one character every line is a chunk of its own: entities (offsets into
    the input), facts, topics and county must not move."""
    whole = [bulletin_nlp.parse(text, nlp=nlp).to_dict() for text in texts]
    monkeypatch.setattr(pipeline, "CHUNK_CHARS", 1)
    assert [bulletin_nlp.parse(text, nlp=nlp).to_dict() for text in texts] == whole


def test_chunked_parse_of_joined_bulletins_equals_one_doc(nlp, texts, monkeypatch):
    text = "\n\n".join(texts[:6])
    monkeypatch.setattr(pipeline, "CHUNK_CHARS", len(text))
    whole = bulletin_nlp.parse(text, nlp=nlp)
    monkeypatch.setattr(pipeline, "CHUNK_CHARS", 2000)
    chunked = bulletin_nlp.parse(text, nlp=nlp)
    assert chunked.to_dict() == whole.to_dict()
    assert all(text[e.start:e.end] == e.text for e in chunked.entities)


def test_chunked_parse_makes_docs_of_bounded_size(nlp, texts, monkeypatch):
    sizes: list[int] = []
    make_doc = nlp.make_doc

    def recording(text: str):
        sizes.append(len(text))
        return make_doc(text)

    monkeypatch.setattr(nlp, "make_doc", recording)
    monkeypatch.setattr(pipeline, "CHUNK_CHARS", 3000)
    text = "\n\n".join(texts * 3)
    bulletin_nlp.parse(text, nlp=nlp)
    assert len(sizes) > 10
    longest_line = max(map(len, text.splitlines()))
    assert max(sizes) <= 3000 + longest_line + 2 * pipeline.CHUNK_MARGIN
