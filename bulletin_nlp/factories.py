"""Registered spaCy functions that every spaCy 3.8 can call (a base module).

The package's modules postpone their annotations (``from __future__ import annotations``), so a
factory's annotations are strings. With confection 0.1.5, which pip installs beside older spaCy
3.8 releases (3.8.2, 3.8.4 and 3.8.7 were tried, with thinc 8.3.11), a component's arguments
are checked with pydantic v1 models built from those annotations, which cannot read the strings:
``nlp.add_pipe`` stopped with 'field "nlp" not yet prepared so type is still a ForwardRef'.
:func:`evaluated_annotations` gives a registered function the objects its annotations name.
"""

from __future__ import annotations

import typing
from collections.abc import Callable
from typing import TypeVar

__all__ = ["evaluated_annotations"]

_F = TypeVar("_F", bound=Callable[..., object])


def evaluated_annotations(function: _F) -> _F:
    """``function``, its ``__annotations__`` evaluated in its module (put it under the registry's
    decorator)."""
    function.__annotations__ = typing.get_type_hints(function)
    return function
