"""Named quantity types for pydantic models: ``Mass``, ``Volume``, ``Concentration``, …

Each validates its dimension, accepts text (through the one parser), a pint Quantity or the
JSON form ``{"value": 4.5, "unit": "mg"}``, and serializes to that JSON form through the one
formatter's number rule, so a model's JSON never shows a float artefact.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, Any

import pint
from pydantic import PlainSerializer, PlainValidator, ValidationInfo, WithJsonSchema

from ldncalc.errors import LdnCalcError
from ldncalc.formatting import json_number, unit_symbol
from ldncalc.units import (
    CONCENTRATION,
    DURATION,
    MASS,
    MOLAR_MASS,
    PERCENT,
    VOLUME,
    Kind,
    Qty,
    Quantity,
    as_quantity,
)


def _validator(kind: Kind) -> Callable[[Any, ValidationInfo], Qty]:
    def validate(value: Any, info: ValidationInfo) -> Qty:
        option = info.field_name or kind.name
        if isinstance(value, dict):
            value = _from_json(value, kind, option)
        try:
            return as_quantity(value, option=option, kinds=(kind,))
        except LdnCalcError as error:
            # pydantic turns ValueError into a ValidationError naming the field
            raise ValueError(str(error)) from None
        except pint.PintError as error:  # pint's errors are not ValueErrors
            raise ValueError(f"{option}: {error}") from None

    return validate


def _from_json(value: dict[str, Any], kind: Kind, option: str) -> Qty:
    if set(value) != {"value", "unit"}:
        raise ValueError(f"{option}: {value!r} needs exactly the keys 'value' and 'unit'")
    number, symbol = value["value"], value["unit"]
    if isinstance(number, bool) or not isinstance(number, int | float | str):
        raise ValueError(f"{option}: value {number!r} is not a number")
    if isinstance(number, float) and not math.isfinite(number):
        raise ValueError(f"{option}: value {number!r} is not a finite number")
    by_symbol = {
        unit_symbol(as_quantity(f"1{name}", option=option, kinds=(kind,))): name
        for name in kind.spellings
    }
    if not isinstance(symbol, str) or symbol not in by_symbol:
        raise ValueError(f"{option}: unit {symbol!r} is not one of {sorted(by_symbol)}")
    # a float's repr is the shortest text that is that float (4.5, never 4.4999…), written out
    # in full because the parser refuses exponents; text goes to the parser as it is
    text = f"{Decimal(repr(number)):f}" if isinstance(number, float) else str(number)
    return as_quantity(text + by_symbol[symbol], option=option, kinds=(kind,))


def _serialize(quantity: Qty) -> dict[str, Any]:
    return {"value": json_number(quantity.magnitude), "unit": unit_symbol(quantity)}


def _schema(kind: Kind, units: list[str]) -> WithJsonSchema:
    return WithJsonSchema(
        {
            "type": "object",
            "description": f"{kind.name.removeprefix('a ')} as a number and a unit",
            "properties": {
                "value": {"type": "number", "exclusiveMinimum": 0},
                "unit": {"type": "string", "enum": units},
            },
            "required": ["value", "unit"],
            "additionalProperties": False,
        }
    )


_SERIALIZER = PlainSerializer(_serialize, return_type=dict, when_used="json")

Mass = Annotated[
    Qty, PlainValidator(_validator(MASS)), _SERIALIZER, _schema(MASS, ["mg", "mcg", "g"])
]
Volume = Annotated[
    Qty, PlainValidator(_validator(VOLUME)), _SERIALIZER, _schema(VOLUME, ["mL", "L"])
]
Concentration = Annotated[
    Qty,
    PlainValidator(_validator(CONCENTRATION)),
    _SERIALIZER,
    _schema(CONCENTRATION, ["mg/mL", "mcg/mL"]),
]
Percent = Annotated[Qty, PlainValidator(_validator(PERCENT)), _SERIALIZER, _schema(PERCENT, ["%"])]
Duration = Annotated[
    Qty,
    PlainValidator(_validator(DURATION)),
    _SERIALIZER,
    _schema(DURATION, ["day", "week"]),
]


def _signed_percent(value: Any, info: ValidationInfo) -> Qty:
    """A percentage of any sign (a deviation: -1 % is 1 % under): a pint Quantity in percent
    or the JSON form ``{"value": -1, "unit": "%"}``. Never text: the parser reads only
    positive amounts, and no person types a deviation."""
    option = info.field_name or "a percentage"
    if isinstance(value, dict):
        if set(value) != {"value", "unit"}:
            raise ValueError(f"{option}: {value!r} needs exactly the keys 'value' and 'unit'")
        number, symbol = value["value"], value["unit"]
        if isinstance(number, bool) or not isinstance(number, int | float):
            raise ValueError(f"{option}: value {number!r} is not a number")
        if symbol != "%":
            raise ValueError(f"{option}: unit {symbol!r} is not '%'")
        value = Quantity(Decimal(repr(number)) if isinstance(number, float) else number, "percent")
    if not isinstance(value, pint.Quantity) or str(value.units) != "percent":
        raise ValueError(f"{option}: {value!r} is not a percentage")
    magnitude = value.magnitude
    if isinstance(magnitude, float | int) and not isinstance(magnitude, bool):
        magnitude = Decimal(repr(magnitude))
    if not isinstance(magnitude, Decimal) or not magnitude.is_finite():
        raise ValueError(f"{option}: {value!r} is not a finite percentage")
    return Quantity(magnitude, "percent")


SignedPercent = Annotated[
    Qty,
    PlainValidator(_signed_percent),
    _SERIALIZER,
    WithJsonSchema(
        {
            "type": "object",
            "description": "a percentage of either sign (a deviation) as a number and a unit",
            "properties": {
                "value": {"type": "number"},
                "unit": {"type": "string", "enum": ["%"]},
            },
            "required": ["value", "unit"],
            "additionalProperties": False,
        }
    ),
]
MolarMass = Annotated[
    Qty,
    PlainValidator(_validator(MOLAR_MASS)),
    _SERIALIZER,
    _schema(MOLAR_MASS, ["g/mol"]),
]
