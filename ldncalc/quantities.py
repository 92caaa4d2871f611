"""Named quantity types for pydantic models: ``Mass``, ``Volume``, ``Concentration``, …

Each validates its dimension, accepts text (through the one parser), a pint Quantity or the
JSON form ``{"value": 4.5, "unit": "mg"}``, and serializes to that JSON form through the one
formatter's number rule, so a model's JSON never shows a float artefact. ``Number`` is the
same for a plain factor (a Decimal without a unit).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any

import pint
from pint.facets.plain import PlainUnit
from pydantic import ValidationInfo
from pydantic_core import CoreSchema, core_schema

from ldncalc.errors import LdnCalcError
from ldncalc.formatting import json_number, unit_symbol
from ldncalc.units import (
    CONCENTRATION,
    DURATION,
    MASS,
    MOLAR_MASS,
    PCT,
    PERCENT,
    STRENGTH,
    VOLUME,
    Kind,
    Qty,
    Quantity,
    as_quantity,
)

if TYPE_CHECKING:
    from pydantic.json_schema import JsonSchemaValue


def _validator(kind: Kind) -> Callable[[Any, ValidationInfo], Qty]:
    def validate(value: Any, info: ValidationInfo) -> Qty:
        option = info.field_name or kind.name
        try:
            if isinstance(value, dict):
                value = _from_json(value, kind, option)
            return as_quantity(value, option=option, kinds=(kind,))
        except LdnCalcError as error:
            # pydantic turns ValueError into a ValidationError naming the field: a field of
            # a model is a place ("target: ..."), not an argument of a call
            error.is_input = False
            raise ValueError(error.render()) from None
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
    by_symbol: dict[str, str] = {}  # the first spelling of each unit: "mcg", not "ug"
    for name in kind.spellings:
        symbol_of = unit_symbol(as_quantity(f"1{name}", option=option, kinds=(kind,)))
        by_symbol.setdefault(symbol_of, name)
    if not isinstance(symbol, str) or symbol not in by_symbol:
        raise ValueError(f"{option}: unit {symbol!r} is not one of {sorted(by_symbol)}")
    # a float's repr is the shortest text that is that float (4.5, never 4.4999…), written out
    # in full because the parser refuses exponents; text goes to the parser as it is
    text = f"{Decimal(repr(number)):f}" if isinstance(number, float) else str(number)
    return as_quantity(text + by_symbol[symbol], option=option, kinds=(kind,))


# --- Quantities at the edges of an exact Decimal core -----------------------------------------
#
# A calculation core works in plain Decimals in fixed units (mL, mg, mg/mL) and meets pint only
# at its edges: :func:`magnitude` takes a quantity in (converted, so a quantity of another
# dimension is refused: a mass where a volume belongs raises), :func:`quantity` gives one out.
# A pint operation costs 10-15 µs, the same Decimal operation 0.2 µs (issue 11).

_QUANTITY_CLASS: Any = Quantity
_EXACT = frozenset((Decimal, int))
AnyUnit = pint.Unit | PlainUnit  # a unit of ldncalc's registry (``units.ML``) or a quantity's


def magnitude(value: Qty, unit: AnyUnit) -> Decimal:
    """The exact magnitude of ``value`` in ``unit`` (a Decimal): no work when it is in that
    unit already; converted when it is in another unit of the same dimension; a
    :class:`pint.DimensionalityError` when it is not a quantity of that dimension."""
    units = value._units
    same = units is unit._units or units == unit._units
    number = (value if same else value.to(unit))._magnitude
    if isinstance(number, Decimal):
        return number
    if isinstance(number, int) and not isinstance(number, bool):  # a default written as 1000
        return Decimal(number)
    raise TypeError(f"{value!r} is not an exact quantity")  # a float has no place in ldncalc


def quantity(number: Decimal | int, unit: AnyUnit) -> Qty:
    """A quantity of ldncalc's registry: ``number`` (exact: a Decimal or an int, never a
    float) in ``unit``, built without pint's checks of its arguments (a tenth of the time),
    which is all they check."""
    if type(number) not in _EXACT:
        raise TypeError(f"a quantity's magnitude is exact, not {type(number).__name__}")
    built: Qty = object.__new__(_QUANTITY_CLASS)
    built._magnitude = number
    built._units = unit._units
    return built


def like(value: Qty, other: Qty) -> Qty:
    """``value`` in ``other``'s unit (no work when it is in that unit already)."""
    units = value._units
    return value if units is other._units or units == other._units else value.to(other.units)


def _serialize(quantity: Qty) -> dict[str, Any]:
    return {"value": json_number(quantity.magnitude), "unit": unit_symbol(quantity)}


class _Field:
    """A field type as pydantic needs it: its core schema (validation and JSON form) and its
    JSON Schema.

    The core schema is written here directly rather than assembled from ``PlainValidator``,
    ``PlainSerializer`` and ``WithJsonSchema``: pydantic inspects those again for every field
    that uses them, which made building the result and formulation models the costliest part
    of start-up."""

    __slots__ = ("_core_schema", "_json_schema")

    def __init__(self, core: Callable[[], CoreSchema], json_schema: dict[str, Any]) -> None:
        self._core_schema = core
        self._json_schema = json_schema

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> CoreSchema:
        return self._core_schema()  # a new one each time: pydantic may add to it

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: Any) -> JsonSchemaValue:
        return dict(self._json_schema)


def _quantity_field(
    validate: Callable[[Any, ValidationInfo], Qty], json_schema: dict[str, Any]
) -> _Field:
    return _Field(
        lambda: core_schema.with_info_plain_validator_function(
            validate,
            serialization=core_schema.plain_serializer_function_ser_schema(
                _serialize, when_used="json"
            ),
        ),
        json_schema,
    )


def _quantity(kind: Kind, units: list[str]) -> _Field:
    return _quantity_field(
        _validator(kind),
        {
            "type": "object",
            "description": f"{kind.name.removeprefix('a ')} as a number and a unit",
            "properties": {
                "value": {"type": "number", "exclusiveMinimum": 0},
                "unit": {"type": "string", "enum": units},
            },
            "required": ["value", "unit"],
            "additionalProperties": False,
        },
    )


Mass = Annotated[Qty, _quantity(MASS, ["mg", "mcg", "g"])]
Volume = Annotated[Qty, _quantity(VOLUME, ["mL", "L"])]
Concentration = Annotated[Qty, _quantity(CONCENTRATION, ["mg/mL", "mcg/mL"])]
Percent = Annotated[Qty, _quantity(PERCENT, ["%"])]
Duration = Annotated[Qty, _quantity(DURATION, ["day", "week"])]


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
        value = Quantity(Decimal(repr(number)) if isinstance(number, float) else number, PCT)
    if not isinstance(value, pint.Quantity) or str(value.units) != "percent":
        raise ValueError(f"{option}: {value!r} is not a percentage")
    magnitude = value.magnitude
    if isinstance(magnitude, float | int) and not isinstance(magnitude, bool):
        magnitude = Decimal(repr(magnitude))
    if not isinstance(magnitude, Decimal) or not magnitude.is_finite():
        raise ValueError(f"{option}: {value!r} is not a finite percentage")
    return Quantity(magnitude, PCT)


SignedPercent = Annotated[
    Qty,
    _quantity_field(
        _signed_percent,
        {
            "type": "object",
            "description": "a percentage of either sign (a deviation) as a number and a unit",
            "properties": {
                "value": {"type": "number"},
                "unit": {"type": "string", "enum": ["%"]},
            },
            "required": ["value", "unit"],
            "additionalProperties": False,
        },
    ),
]
MolarMass = Annotated[Qty, _quantity(MOLAR_MASS, ["g/mol"])]
Strength = Annotated[Qty, _quantity(STRENGTH, ["mg/g"])]  # by weight: a cream's mg/g
# A plain decimal number (a factor such as the salt factor) that serializes without artefacts.
Number = Annotated[
    Decimal,
    _Field(
        lambda: core_schema.decimal_schema(
            serialization=core_schema.plain_serializer_function_ser_schema(
                json_number, when_used="json"
            )
        ),
        {"type": "number"},
    ),
]
