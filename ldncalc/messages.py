"""Messages as data: every warning, note and calculation step the engine reports is a record.

::

    Message(code="supply-outlasts-bud", params={"doses": 22, "bud": <14 day>}, concerns="days")
    Step(code="dose-volume", params={"dose": <4.5 mg>, "concentration": <1 mg/mL>, ...})

The engine (reading, calculating, describing) builds these records and never a sentence: a
record holds a stable ``code``, its ``params`` (quantities with their units, counts, names)
and the input it ``concerns`` (a parameter named as the library names it: ``target``,
``doses_per_day``). The words are chosen later, for one reader, by :mod:`ldncalc.locale`:
English or French, and the CLI's ``--target`` or the library's ``target=``.

A record's JSON carries its code, its parameters and its rendered text (in the language and
for the surface the serialization context names, else English for a library caller)::

    {"code": "supply-outlasts-bud", "params": {...}, "concerns": "days", "text": "The bottle…"}

Every code is documented in README's table of message codes; ``ldncalc.locale.codes()`` lists
the codes that have words, and a test keeps the two and the engine in step.
"""

import copy
import datetime
from collections.abc import Callable, Sequence
from decimal import Decimal
from functools import partial
from typing import Any, Literal, TypeVar

import pint
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializationInfo,
    model_serializer,
    model_validator,
)

Severity = Literal["warning", "note", "step"]

Model = TypeVar("Model", bound=BaseModel)


def built(model: type[Model], /, **values: Any) -> Model:
    """A ``model`` from values the engine has computed and checked already, without pydantic
    validating them again (re-validating every quantity of a result cost more than the
    arithmetic that made it): ``built(Amount, name=..., role="vehicle", qs_to=volume)``.

    The model is the one validation gives: the same field values (defaults filled in, in the
    fields' order), the same fields set, equal to the validated one and serialized alike. What
    it does not do is check the values: use it only for values of the declared types (the
    tests validate built results again and compare, ``tests/test_liquid_core.py``); a field
    the model does not have, or a required one left out, is still an error."""
    names, template, factories, required = _FIELDS.get(model) or _fields_of(model)
    fields_set = set(values)
    if not (fields_set <= names and required <= fields_set):
        unknown, missing = sorted(fields_set - names), sorted(required - fields_set)
        raise TypeError(f"{model.__name__}: unknown fields {unknown}, missing {missing}")
    for name, factory in factories:
        if name not in fields_set:
            values[name] = factory()
    made: Model = _new(model)
    _set(made, "__dict__", {**template, **values})  # the fields' order, as validation gives
    _set(made, "__pydantic_fields_set__", fields_set)
    _set(made, "__pydantic_extra__", None)
    _set(made, "__pydantic_private__", None)
    return made


_new = object.__new__
_set = object.__setattr__

Record = TypeVar("Record", bound="Message")


def coded(
    kind: type[Record],
    /,
    code: str,
    params: dict[str, Any] | None = None,
    concerns: str | None = None,
) -> Record:
    """A :class:`Message` or :class:`Step` the engine makes, as :func:`built` makes it (the
    same record validation gives; the code is one of the engine's own, each with its words:
    tests/test_message_codes.py), with the three fields set directly: the engine makes a
    dozen of these for every result."""
    made: Record = _new(kind)
    if params is None:
        params, given = {}, {"code"}
    else:
        given = {"code", "params"}
    if concerns is not None:
        given.add("concerns")
    _set(made, "__dict__", {"code": code, "params": params, "concerns": concerns})
    _set(made, "__pydantic_fields_set__", given)
    _set(made, "__pydantic_extra__", None)
    _set(made, "__pydantic_private__", None)
    return made


# per model class: its field names, every field with its default (in the fields' order), the
# fields whose default is made afresh for each model, and the required fields
_Fields = tuple[
    frozenset[str], dict[str, Any], tuple[tuple[str, Callable[[], Any]], ...], frozenset[str]
]
_FIELDS: dict[type[BaseModel], _Fields] = {}


def _fields_of(model: type[BaseModel]) -> _Fields:
    kept = _FIELDS.get(model)
    if kept is None:
        template: dict[str, Any] = {}
        factories: list[tuple[str, Callable[[], Any]]] = []
        required = set()
        for name, field in model.model_fields.items():
            template[name] = field.default
            if field.default_factory is not None:
                factories.append((name, field.default_factory))  # type: ignore[arg-type]
            elif field.is_required():
                required.add(name)
            else:  # as pydantic does: a default that cannot be hashed is copied each time
                try:
                    hash(field.default)
                except TypeError:
                    factories.append((name, partial(copy.deepcopy, field.default)))
        kept = (frozenset(template), template, tuple(factories), frozenset(required))
        _FIELDS[model] = kept
    return kept


_RENDERED = frozenset(("text", "name", "formula", "calculation"))  # the words in a JSON record


class Message(BaseModel):
    """One warning or note: a stable ``code``, its ``params`` and the input it ``concerns``."""

    model_config = ConfigDict(
        frozen=True, extra="forbid", defer_build=True, arbitrary_types_allowed=True
    )

    code: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    params: dict[str, Any] = Field(default_factory=dict)
    concerns: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _words_are_not_data(cls, data: Any) -> Any:
        # a record read back from its JSON: the rendered words are output, not input
        if not isinstance(data, dict):
            return data
        params = data.get("params")
        from_json = isinstance(params, dict) and any(
            isinstance(v, dict | list) for v in params.values()
        )
        if from_json or not _RENDERED.isdisjoint(data):  # the engine's own records: as they are
            data = {k: v for k, v in data.items() if k not in _RENDERED}
            if isinstance(params, dict):
                data["params"] = {k: _read_param(v) for k, v in params.items()}
        return data

    def text(self, lang: str = "en", surface: str = "library") -> str:
        """The message in words, for ``lang`` (``en``, ``fr``) and ``surface`` (``cli``,
        ``library``)."""
        from ldncalc.locale import Voice, render_text

        return render_text(self, Voice.of(lang, surface))

    def __str__(self) -> str:
        return self.text()

    @model_serializer(mode="plain")
    def _serialize(self, info: SerializationInfo) -> Any:
        if not isinstance(self, Message):  # pydantic < 2.9 tries a union's members in turn
            return self
        context = info.context if isinstance(info.context, dict) else {}
        memo = context.get("memo")  # a batch's: each distinct message rendered once
        if memo is None:
            return self._record(info)
        key = _memo_key(self, context)
        if key is None:
            return self._record(info)
        found = memo.get(key)
        if found is None:
            if len(memo) >= _MEMO_SIZE:
                memo.clear()
            found = memo[key] = self._record(info)
        return found

    def _record(self, info: SerializationInfo) -> dict[str, Any]:
        data: dict[str, Any] = {
            "code": self.code,
            "params": {name: json_param(value) for name, value in self.params.items()},
            "concerns": self.concerns,
        }
        data.update(self._words(info))
        return data

    def _words(self, info: SerializationInfo) -> dict[str, Any]:
        context = info.context if isinstance(info.context, dict) else {}
        return {"text": self.text(context.get("lang", "en"), context.get("surface", "library"))}


class Step(Message):
    """One line of the calculation, with units: its ``name``, ``formula`` and
    ``calculation`` in words are rendered from the code and the figures
    (``Dose volume = dose ÷ concentration = 4.5 mg ÷ 1 mg/mL = 4.5 mL``)."""

    def parts(self, lang: str = "en", surface: str = "library") -> tuple[str, str, str]:
        """The step's name, formula and calculation in words."""
        from ldncalc.locale import Voice, render_step

        return render_step(self, Voice.of(lang, surface))

    def text(self, lang: str = "en", surface: str = "library") -> str:
        name, formula, calculation = self.parts(lang, surface)
        return f"{name} = {formula} = {calculation}"

    @property
    def name(self) -> str:
        """The step's name in English (``Dose volume``)."""
        return self.parts()[0]

    @property
    def formula(self) -> str:
        """The step's formula in English (``dose ÷ concentration``)."""
        return self.parts()[1]

    @property
    def calculation(self) -> str:
        """The step's figures in English (``4.5 mg ÷ 1 mg/mL = 4.5 mL``)."""
        return self.parts()[2]

    def _words(self, info: SerializationInfo) -> dict[str, Any]:
        context = info.context if isinstance(info.context, dict) else {}
        name, formula, calculation = self.parts(
            context.get("lang", "en"), context.get("surface", "library")
        )
        return {
            "name": name,
            "formula": formula,
            "calculation": calculation,
            "text": f"{name} = {formula} = {calculation}",
        }


_MEMO_SIZE = 10_000  # distinct messages a memo keeps


def _memo_key(message: Message, context: dict[str, Any]) -> tuple[Any, ...] | None:
    """What a message's JSON record is rendered from, exactly (a quantity's magnitude as
    written, ``4.50`` apart from ``4.5``, and its unit; each value's type), or ``None`` when a
    parameter is not one of the kinds that can be told apart this way."""
    params = []
    for name, value in message.params.items():
        exact = _exact(value)
        if exact is None:
            return None
        params.append((name, exact))
    lang, surface = context.get("lang", "en"), context.get("surface", "library")
    return (type(message), message.code, message.concerns, lang, surface, tuple(params))


def _exact(value: Any) -> Any:
    if isinstance(value, pint.Quantity):
        magnitude = value.magnitude
        return (pint.Quantity, type(magnitude), str(magnitude), value._units)
    if value is None or isinstance(value, bool | int | str | Decimal | datetime.date):
        return (type(value), str(value))
    if isinstance(value, tuple | list):
        items = tuple(_exact(item) for item in value)
        return None if None in items else (type(value), items)
    return None


def json_param(value: Any) -> Any:
    """A message parameter in JSON: a quantity as ``{"value": 4.5, "unit": "mg"}`` (through
    the one formatter's number rule: no float artefacts), a Decimal as a number, a date as
    ``YYYY-MM-DD``, a sequence as a list."""
    from ldncalc.formatting import json_number, unit_symbol

    if isinstance(value, pint.Quantity):
        return {"value": json_number(value.magnitude), "unit": unit_symbol(value)}
    if isinstance(value, Decimal):
        return json_number(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [json_param(item) for item in value]
    if isinstance(value, dict):
        return {str(key): json_param(item) for key, item in value.items()}
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    raise TypeError(f"a message parameter cannot be {type(value).__name__}")


def _read_param(value: Any) -> Any:
    """A parameter read back from JSON: ``{"value", "unit"}`` as the quantity it was written
    from (whatever its kind), a list as a tuple; the rest as it is."""
    if isinstance(value, dict) and set(value) == {"value", "unit"}:
        from ldncalc.quantities import _from_json
        from ldncalc.units import KINDS

        for kind in KINDS:
            try:
                return _from_json(value, kind, "params")
            except (ValueError, ArithmeticError):
                continue
        return value
    if isinstance(value, list):
        return tuple(_read_param(item) for item in value)
    if isinstance(value, dict):
        return {key: _read_param(item) for key, item in value.items()}
    return value


def record_text(english: str, french: str | None = None) -> Message:
    """Text a person wrote in a master formulation record (a method step, a quality check),
    in the languages the record gives: the reader's, else the English (``record-text``)."""
    return Message(code="record-text", params={"en": english, "fr": french})


def method_words(method: Sequence[Message | str], info: SerializationInfo) -> list[str]:
    """A method's lines as text (a record's own text as it is, a message record in words), in
    the language and for the surface the serialization context names: a result's JSON writes
    its method as text, as it always did."""
    context = info.context if isinstance(info.context, dict) else {}
    lang, surface = context.get("lang", "en"), context.get("surface", "library")
    return [m if isinstance(m, str) else m.text(lang, surface) for m in method]
