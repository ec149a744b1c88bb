"""Shared fixtures: the default pipeline, loaded once per session, and parse() bound to it."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    from bulletin_nlp import load

    return load()


@pytest.fixture(scope="session")
def parse(nlp):
    """``bulletin_nlp.parse`` bound to the session's pipeline."""
    from bulletin_nlp import parse as _parse

    return lambda text: _parse(text, nlp=nlp)
