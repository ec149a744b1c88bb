"""The ``bulletin_item_topics`` spaCy component: the item-topic classifier in the pipeline."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import srsly
from spacy.language import Language
from spacy.tokens import Doc

from bulletin_nlp.entities.components import doc_text
from bulletin_nlp.entities.context import BulletinContext, context_of, set_context, stored_context, update_context
from bulletin_nlp.factories import evaluated_annotations
from bulletin_nlp.resources import model_path
from bulletin_nlp.startup import paused_gc
from bulletin_nlp.topics.model import TopicClassifier


class ItemTopics:
    """Sets a topic and a score for every topic on each item of a bulletin.

    Items come from the Doc's context (``doc._.bulletin_context.items``, set by
    :func:`bulletin_nlp.parse`); results go to its ``topics``, in the same order. A Doc without
    items is classified as one item and gets ``doc.cats``.
    """

    def __init__(self, name: str, model: str | None) -> None:
        self.name = name
        self.model_dir = Path(model) if model else None
        self._model: TopicClassifier | None = None
        self._loaded = False  # loaded on first use, or by from_disk: a saved pipeline never
        # needs the directory its topic model was first loaded from

    @property
    def classifier(self) -> TopicClassifier | None:
        """The :class:`~bulletin_nlp.topics.model.TopicClassifier`, or None without one.

        Not called ``model``: spaCy probes ``component.model`` (as a Thinc model) while it
        assembles a pipeline, which would load the classifier from a directory that may
        be gone by then."""
        if not self._loaded:
            directory = self.model_dir or model_path("topics")
            if directory is not None:
                with paused_gc():  # a large, long-lived model (bulletin_nlp.startup)
                    self._model = TopicClassifier.load(directory)
            self._loaded = True
        return self._model

    def __call__(self, doc: Doc) -> Doc:
        model = self.classifier
        if model is None:
            return doc
        stored = stored_context(doc)
        if stored is not None and stored["items"] is not None:  # the items read as stored, not copied
            _store_topics(doc, model.predict(stored["items"]) if stored["items"] else [])
            return doc
        context = context_of(doc)
        if context is None or context.items is None:
            doc.cats = model.predict_scores([{"section": "", "headline": "", "body": doc_text(doc), "sources": []}])[0]
            return doc
        self.classify(context)
        set_context(doc, context)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 16) -> Iterator[Doc]:
        """:meth:`__call__` for each Doc (as ``nlp.pipe`` runs a component), the items of the
        Docs whose context is stored (what :func:`bulletin_nlp.parse_batch` sets) classified in
        one call: an item's scores do not depend on the items beside it (the model's batches
        are tested bit for bit against single items), and one call has the fixed cost of one.
        ``batch_size`` is what ``nlp.pipe`` passes; the Docs given are classified together."""
        model = self.classifier
        docs = list(docs)
        if model is None:
            yield from docs
            return
        items = [stored["items"] if (stored := stored_context(doc)) is not None else None for doc in docs]
        flat = [item for doc_items in items if doc_items for item in doc_items]
        topics = iter(model.predict(flat) if flat else [])
        for doc, doc_items in zip(docs, items, strict=True):
            if doc_items is None:
                yield self(doc)
            else:
                _store_topics(doc, [next(topics) for _ in doc_items])
                yield doc

    def classify(self, context: BulletinContext) -> None:
        """Set the topics of the items of ``context`` (none without a classifier or items);
        also how a chunked analysis runs this component once per bulletin."""
        model = self.classifier
        if model is not None and context.items is not None:
            context.topics = model.predict(context.items) if context.items else []

    def to_disk(self, path: str | Path, **kwargs: Any) -> None:
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        if self.classifier is not None:
            self.classifier.save(folder / "model")
        srsly.write_json(folder / "cfg", {"has_model": self.classifier is not None})

    def from_disk(self, path: str | Path, **kwargs: Any) -> ItemTopics:
        folder = Path(path)
        has_model = srsly.read_json(folder / "cfg").get("has_model")
        self._model = TopicClassifier.load(folder / "model") if has_model else None
        self._loaded = True
        return self


def _store_topics(doc: Doc, topics: Iterable[tuple[str, Mapping[str, float]]]) -> None:
    """Set the stored context's topics of ``doc`` in the form ``BulletinContext.to_dict`` writes."""
    update_context(doc, topics=[[topic, dict(scores)] for topic, scores in topics])


@Language.factory(
    "bulletin_item_topics", default_config={"model": None}, assigns=["doc.cats", "doc._.bulletin_context"]
)
@evaluated_annotations
def make_item_topics(nlp: Language, name: str, model: str | None) -> ItemTopics:
    return ItemTopics(name, model)
