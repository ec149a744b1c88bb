"""Cheaper construction of frozen dataclasses, for the result types a parse makes by the hundred
(:mod:`bulletin_nlp.bulletin`) and the finders' matches.

A frozen dataclass's constructor sets each field through ``object.__setattr__``, looked up
anew for every field: 1.7-2.2 µs for an :class:`~bulletin_nlp.bulletin.Entity` (13 fields),
where a mutable class with the same slots takes 0.3 µs. :func:`positional_builder` makes an
instance of such a mutable twin and gives it the frozen class as its class; CPython allows
that between classes whose instances are laid out alike (the same slots, in the same order, or
each a ``__dict__``).
The result is an ordinary instance of the frozen class: equal, hashed, printed and pickled as
one made by its constructor, and as immutable afterwards.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar

_T = TypeVar("_T")


def positional_builder(cls: type[_T]) -> Callable[..., _T]:
    """A function making an instance of the frozen dataclass ``cls`` from the value of every
    field, in the fields' order (no defaults, no keywords), as its constructor would. ``cls``
    derives from ``object`` alone and has no ``__post_init__``; slotted, it has a slot for each
    field and no other. Where a field holds a property over its slot
    (``bulletin._read_from_source``), the value goes into the slot as given. ``cls`` itself
    where the interpreter refuses to change an instance's class."""
    names = [item.name for item in dataclasses.fields(cls)]  # type: ignore[arg-type]
    own = vars(cls)
    slotted = "__slots__" in own
    if cls.__bases__ != (object,) or "__post_init__" in own or (slotted and own["__slots__"] != tuple(names)):
        raise TypeError(f"{cls.__name__}: a dataclass of its own fields alone, without __post_init__, is needed")
    twin: type[Any] = dataclasses.make_dataclass(f"_{cls.__name__}Fields", names, slots=slotted, eq=False,
                                                  repr=False, match_args=False)
    try:
        object.__new__(twin).__class__ = cls
    except TypeError:
        return cls

    def build(*values: Any) -> _T:
        made = twin(*values)
        made.__class__ = cls
        return made  # type: ignore[no-any-return]

    build.__doc__ = f"A {cls.__name__} from the value of each of its fields, in order."
    return build
