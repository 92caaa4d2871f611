"""Records and results built from values the calculation has already checked, without
checking them again (issue 11 §2: pydantic re-validating quantities the engine has just built
cost about 8 % of a result); and :func:`kept`, what reading the same text always gives.

What comes out is exactly what validation would make of the same values: the same types,
the same fields in the same order with the same defaults, the same set of fields given, so
``==``, ``repr``, the JSON and the JSON Schema are unchanged (bench/compare_capsule.py
checks it over 900 inputs, tests/test_capsule_core.py against validation).

To move to ldncalc/quantities.py, messages.py and models.py once those have fast paths of
their own (the capsule package keeps them here meanwhile).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple, TypeVar

from pydantic import BaseModel

from ldncalc.messages import Message

M = TypeVar("M", bound=BaseModel)
_new = object.__new__
_set = object.__setattr__


class _Shape(NamedTuple):
    """What :func:`model` needs of a model class: every field in order with its default
    (required ones too, their place kept), the required names, all the names, and the fields
    whose default comes from a factory."""

    template: dict[str, Any]
    required: frozenset[str]
    names: frozenset[str]
    factories: tuple[tuple[str, Callable[[], Any]], ...]


_SHAPES: dict[type[BaseModel], _Shape] = {}


def _shape(cls: type[BaseModel]) -> _Shape:
    cls.model_rebuild()  # a deferred build: its serializer is made before the first use
    fields = cls.model_fields
    shape = _SHAPES[cls] = _Shape(
        {name: None if field.is_required() else field.default for name, field in fields.items()},
        frozenset(name for name, field in fields.items() if field.is_required()),
        frozenset(fields),
        tuple(
            (name, field.default_factory)  # type: ignore[misc]
            for name, field in fields.items()
            if field.default_factory is not None
        ),
    )
    return shape


def model(cls: type[M], /, **given: Any) -> M:
    """``cls(**given)`` for values that are already what validation would make of them:
    quantities with exact Decimal magnitudes, tuples, records already built. Anything
    validation would refuse (a field missing or unknown) goes to validation, which refuses it."""
    return model_of(cls, given)


def model_of(cls: type[M], given: dict[str, Any]) -> M:
    """:func:`model` of the fields in ``given``."""
    shape = _SHAPES.get(cls) or _shape(cls)
    if not shape.required <= given.keys() <= shape.names:
        return cls(**given)
    values = shape.template.copy()
    values.update(given)
    for name, factory in shape.factories:  # none but a Message's params
        if name not in given:
            values[name] = factory()
    made = _new(cls)
    _set(made, "__dict__", values)
    _set(made, "__pydantic_fields_set__", set(given))
    _set(made, "__pydantic_extra__", None)
    _set(made, "__pydantic_private__", None)
    return made


R = TypeVar("R", bound=Message)


def record(
    cls: type[R], /, code: str, params: dict[str, Any] | None = None, concerns: str | None = None
) -> R:
    """``cls(code=..., params=..., concerns=...)`` (a Message or a Step) for one of the
    engine's own codes, ``params`` and ``concerns`` given unless ``None``."""
    if cls not in _SHAPES:
        _shape(cls)
    made = _new(cls)
    given = {"code"}
    if params is None:
        params = {}
    else:
        given.add("params")
    if concerns is not None:
        given.add("concerns")
    _set(made, "__dict__", {"code": code, "params": params, "concerns": concerns})
    _set(made, "__pydantic_fields_set__", given)
    _set(made, "__pydantic_extra__", None)
    _set(made, "__pydantic_private__", None)
    return made


T = TypeVar("T")
_KEPT: dict[tuple[Any, ...], tuple[tuple[object, ...], Any]] = {}
_KEPT_MAXIMUM = 1024


def kept(of: tuple[object, ...], key: tuple[Any, ...], make: Callable[[], T]) -> T:
    """``make()``, kept for the next call with the same ``key`` (text, numbers) and the very
    same objects ``of`` (a record, its limits, a catalog: compared by identity, so a record
    read again from an edited file is a new object and is never served a stale value).

    For what reading and describing the same input always gives (a strength typed as
    ``"4.5mg"`` is always 4.5 mg, with the same warnings): frozen values, shared by every
    result that asks for them."""
    # the objects' ids in the key: each entry holds its objects, so while it is kept no other
    # object can have their ids
    full = (*map(id, of), *key)
    found = _KEPT.get(full)
    if found is not None:
        return found[1]  # type: ignore[no-any-return]
    value = make()
    if len(_KEPT) >= _KEPT_MAXIMUM:
        _KEPT.clear()
    _KEPT[full] = (of, value)
    return value
