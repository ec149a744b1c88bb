"""The item-topic taxonomy (package data copied from docs/taxonomy.md)."""
from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from bulletin_nlp.resources import data_path


@lru_cache(maxsize=1)
def _raw() -> str:
    return data_path("taxonomy.json").read_text("utf-8")


def load_taxonomy() -> list[dict[str, Any]]:
    """The topics in their documented order: ``{code, name, description, headings}`` each."""
    topics: list[dict[str, Any]] = json.loads(_raw())["topics"]
    return topics


@lru_cache(maxsize=1)
def taxonomy_version() -> int:
    """The version of the taxonomy (docs/taxonomy.md) that this package carries."""
    return int(json.loads(_raw())["version"])


@lru_cache(maxsize=1)
def topic_codes() -> tuple[str, ...]:
    """The topic codes in their documented order."""
    return tuple(t["code"] for t in load_taxonomy())
