"""What one stage costs a ``parse()`` call in flow, found by taking it away.

    python benchmarks/stage_in_flow.py --rounds 12                 # every stage below
    python benchmarks/stage_in_flow.py facts topics --rounds 12

A stage timed alone in a loop keeps its code and tables in the core's caches, and so costs less
than it does between the other stages of a call (docs/performance-history.md, fourteenth step). Here two
worker processes of this checkout take turns over the sets of ``compare_short.py`` (segmenter
cache off, CPU time, best of ``--rounds`` passes): one as it is, one with the stage memoized —
its result kept per input on the first pass and handed back on the later ones, so that they skip
its work, its allocations and what it brings into the caches. The difference is what the stage
costs a call in flow (its result is the same either way; looking the result up is charged to
the memoized side, so small stages read a little low). Stages:

- ``facts``: the facts of a bulletin (``parsing._facts``), built from its entities;
- ``topics``: the topic classifier's predictions (``TopicClassifier.predict``), features included;
- ``topic_decision``: its decision values (``TopicClassifier.decision``): the features and the
  linear model, without the softmax and the scores' objects;
- ``item_agencies``: the agencies the topic features read of each item (``features.item_agencies``);
- ``entity_placer``: the entities placed in the input (``pipeline._EntityPlacer.add``);
- ``token_bounds``: the segmenter's word boundaries for the facts (``pipeline.doc_token_bounds``);
- ``finders``: the four rulers' finders (their ``find``), without the spans they make;
  ``agency_finder``, ``township_finder``, ``quantity_finder``, ``date_finder``: one of them.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from compare_short import SETS, serve_passes, set_sizes
from side_by_side import best_passes

ROOT = Path(__file__).resolve().parents[1]


def _memoize_function(module: Any, name: str, key: Callable[..., Any]) -> None:
    """Replace ``module.name`` by a version that returns its first result for each key."""
    function = getattr(module, name)
    kept: dict[Any, Any] = {}

    def memoized(*args: Any) -> Any:
        found = key(*args)
        if found not in kept:
            kept[found] = function(*args)
        return kept[found]

    setattr(module, name, memoized)


def _item_key(item: Any) -> tuple[Any, ...]:
    """An item of the topic features (a mapping of section, headline, body, sources) as a key."""
    return (item.get("section"), item.get("headline"), item.get("body"), tuple(map(str, item.get("sources") or ())))


def _items_key(items: Any) -> tuple[Any, ...]:
    return tuple(map(_item_key, items))


def _memoize_method(cls: type, name: str, key: Callable[..., Any] = _items_key, copy: bool = False) -> None:
    """Replace the method ``cls.name`` by a version that returns its first result for each key of
    its arguments (a copy of it with ``copy``)."""
    method = getattr(cls, name)
    kept: dict[Any, Any] = {}

    def memoized(self: Any, *args: Any) -> Any:
        found = key(*args)
        if found not in kept:
            result = method(self, *args)
            kept[found] = list(result) if isinstance(result, Iterator) else result  # (a finder's generator)
        return kept[found].copy() if copy else kept[found]

    setattr(cls, name, memoized)


def _memoize(stage: str) -> None:
    """Memoize ``stage`` in this process (see the module's docstring)."""
    from bulletin_nlp import parsing, pipeline
    from bulletin_nlp.entities import components
    from bulletin_nlp.topics import features
    from bulletin_nlp.topics.model import TopicClassifier

    if stage == "facts":
        _memoize_function(parsing, "_facts", lambda source, *rest: source.text)
    elif stage == "topics":
        _memoize_method(TopicClassifier, "predict")
    elif stage == "topic_decision":
        _memoize_method(TopicClassifier, "decision", copy=True)  # the caller changes the rows in place
    elif stage == "item_agencies":
        _memoize_function(features, "item_agencies", _item_key)  # read through the module by agency_tokens
    elif stage == "entity_placer":
        add = pipeline._EntityPlacer.add
        placed: dict[tuple[Any, ...], tuple[list[Any], list[int]]] = {}

        def memoized_add(self: Any, doc: Any, shift: int, core_start: int, core_end: int) -> None:
            key = (self.view.original, shift, core_start, core_end)  # where they land depends on the input
            entities, spans = self.analysis.entities, self.analysis.view_spans
            if key not in placed:
                before = (len(entities), len(spans))
                add(self, doc, shift, core_start, core_end)
                placed[key] = (entities[before[0]:], list(spans[before[1]:]))
            else:
                entities.extend(placed[key][0])
                spans.extend(placed[key][1])

        pipeline._EntityPlacer.add = memoized_add  # type: ignore[method-assign]
    elif stage == "token_bounds":
        _memoize_function(pipeline, "doc_token_bounds", lambda doc: components.doc_text(doc))
    elif stage == "finders" or stage.endswith("_finder"):
        rulers = {"agency": components.AgencyRuler, "township": components.TownshipRuler,
                  "quantity": components.QuantityRuler, "date": components.DateRuler}
        for name, ruler in rulers.items():
            if stage in ("finders", f"{name}_finder"):
                _memoize_method(ruler, "find", key=lambda doc, text: (text, *(
                    components.context_value(doc, field) for field in ("county_code", "county_name", "date"))))
    else:
        raise SystemExit(f"unknown stage {stage!r}; one of {', '.join(STAGES)}")


STAGES = ("facts", "topics", "topic_decision", "item_agencies", "entity_placer", "token_bounds", "finders",
          "agency_finder", "township_finder", "quantity_finder", "date_finder")


def measure(stage: str, rounds: int) -> None:
    workers = {name: subprocess.Popen([sys.executable, __file__, "--worker", *([stage] if name == "without" else [])],
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
               for name in ("with", "without")}
    sizes = set_sizes(workers)
    best = best_passes(workers, SETS, rounds)
    for name_of_set in SETS:
        whole, rest = (best[name, name_of_set] / sizes[name_of_set][0] * 1e6 for name in ("with", "without"))
        print(f"{stage:15s} {name_of_set:12s} call {whole:8.1f} us; stage in flow {whole - rest:7.1f} us "
              f"({(whole - rest) / whole:6.1%})", flush=True)


def main() -> None:
    if "--worker" in sys.argv:
        rest = sys.argv[sys.argv.index("--worker") + 1:]  # the stage to memoize, if any
        serve_passes(ROOT, (lambda: _memoize(rest[0])) if rest else None)
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stages", nargs="*", metavar="STAGE",
                        help=f"of {', '.join(STAGES)} (default: all)")
    parser.add_argument("--rounds", type=int, default=12)
    args = parser.parse_args()
    unknown = [stage for stage in args.stages if stage not in STAGES]
    if unknown:  # (argparse's choices refuse an empty list of positionals in Python 3.11)
        parser.error(f"unknown stage {unknown[0]!r}")
    for stage in args.stages or STAGES:
        measure(stage, args.rounds)


if __name__ == "__main__":
    main()
