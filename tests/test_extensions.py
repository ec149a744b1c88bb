"""The optional compiled extensions are used only when built from the current .pyx and not
switched off (bulletin_nlp.extensions)."""

from __future__ import annotations

import sys
from types import ModuleType

import pytest

from bulletin_nlp.extensions import PURE_PYTHON_VARIABLE, load_extension, use_extension


def test_an_extension_that_is_not_built_is_none() -> None:
    assert load_extension("bulletin_nlp.segment._not_built", api=1) is None


def test_an_extension_built_from_an_older_pyx_is_none(monkeypatch: pytest.MonkeyPatch) -> None:
    stale = ModuleType("bulletin_nlp._stale_extension")
    stale.API = 1  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, stale.__name__, stale)
    assert load_extension(stale.__name__, api=2) is None
    assert load_extension(stale.__name__, api=1) is stale


def test_the_environment_switches_the_extensions_off(monkeypatch: pytest.MonkeyPatch) -> None:
    module = ModuleType("bulletin_nlp._some_extension")
    monkeypatch.delenv(PURE_PYTHON_VARIABLE, raising=False)
    assert use_extension(module) and not use_extension(None)
    monkeypatch.setenv(PURE_PYTHON_VARIABLE, "1")
    assert not use_extension(module)
