"""The named quantity types for pydantic models (issue 2, §7: every quantity in JSON is
``{"value": <number>, "unit": "<unit>"}``)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pint
import pytest
from hypothesis import example, given, settings
from pint.testing import assert_equal
from pydantic import BaseModel, TypeAdapter, ValidationError
from strategies import decimals, quantities

from ldncalc import LiquidResult, liquid
from ldncalc.quantities import (
    Concentration,
    Duration,
    Mass,
    MolarMass,
    Percent,
    SignedPercent,
    Volume,
)
from ldncalc.units import CONCENTRATION, MASS, VOLUME, Qty, Quantity, ureg

OTHER_REGISTRY = pint.UnitRegistry()


class Order(BaseModel):
    target: Mass
    concentration: Concentration | None = None
    volume: Volume | None = None
    assay: Percent | None = None
    days: Duration | None = None
    molar_mass: MolarMass | None = None


def exact(magnitude: str, unit: str) -> Qty:
    return Quantity(Decimal(magnitude), unit)


def assert_exact(actual: Qty, expected: Qty) -> None:
    assert_equal(actual, expected)
    assert actual.units == expected.units
    assert actual._REGISTRY is ureg
    assert isinstance(actual.magnitude, Decimal)


def error_of(**fields: Any) -> tuple[tuple[int | str, ...], str]:
    """The location and message of the one validation error ``Order(**fields)`` raises."""
    with pytest.raises(ValidationError) as caught:
        Order(**fields)
    (error,) = caught.value.errors()
    return error["loc"], error["msg"]


# --- validation -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("4.5mg", exact("4.5", "milligram")),
        ("4.5 MG", exact("4.5", "milligram")),
        ("500 \u00b5g", exact("500", "microgram")),
        (exact("4.5", "milligram"), exact("4.5", "milligram")),
        (Quantity(4.5, "milligram"), exact("4.5", "milligram")),
        (OTHER_REGISTRY.Quantity(4.5, "mg"), exact("4.5", "milligram")),
        ({"value": 4.5, "unit": "mg"}, exact("4.5", "milligram")),
        ({"value": 30, "unit": "mg"}, exact("30", "milligram")),
        ({"value": "4.5", "unit": "mg"}, exact("4.5", "milligram")),
        ({"value": 0.1, "unit": "mg"}, exact("0.1", "milligram")),
        ({"value": 1e-05, "unit": "mg"}, exact("0.00001", "milligram")),  # float repr 1e-05
        ({"value": 500, "unit": "mcg"}, exact("500", "microgram")),
        ({"value": 1, "unit": "g"}, exact("1", "gram")),
    ],
)
def test_mass_validates_text_quantities_and_the_json_form(value: object, expected: Qty) -> None:
    assert_exact(Order(target=value).target, expected)


def test_every_type_validates_its_own_kind() -> None:
    order = Order(
        target="4.5mg",
        concentration="1mg/mL",
        volume="100mL",
        assay="98.5%",
        days="14d",
        molar_mass="377.86g/mol",
    )
    assert_exact(order.concentration, exact("1", "milligram/milliliter"))  # type: ignore[arg-type]
    assert_exact(order.volume, exact("100", "milliliter"))  # type: ignore[arg-type]
    assert_exact(order.assay, exact("98.5", "percent"))  # type: ignore[arg-type]
    assert_exact(order.days, exact("14", "day"))  # type: ignore[arg-type]
    assert_exact(order.molar_mass, exact("377.86", "gram/mole"))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fields", "loc", "message"),
    [
        (
            {"target": "4.5mL"},
            ("target",),
            'Value error, target: "4.5mL" is a volume, not a mass; '
            "write a mass in mg, mcg or g, e.g. 4.5mg",
        ),
        (
            {"target": "4,5mg"},
            ("target",),
            'Value error, target: "4,5mg" uses a decimal comma; write 4.5mg',
        ),
        (
            {"target": "4.5mg", "volume": "4.5mg"},
            ("volume",),
            'Value error, volume: "4.5mg" is a mass, not a volume; '
            "write a volume in mL or L, e.g. 100mL",
        ),
        (
            {"target": "4.5mg", "concentration": "1 mg/L"},
            ("concentration",),
            'Value error, concentration: "1 mg/L" has unit "mg/L", which ldncalc does not '
            "accept; write 1 with mg/mL or mcg/mL",
        ),
        (
            {"target": OTHER_REGISTRY.Quantity(4.5, "mL")},
            ("target",),
            'Value error, target: "4.5 milliliter" has unit milliliter; use mg, mcg or g',
        ),
        (
            {"target": {"value": 4.5, "unit": "mL"}},
            ("target",),
            "Value error, target: unit 'mL' is not one of ['g', 'mcg', 'mg']",
        ),
        (
            {"target": {"value": 4.5, "unit": "\u00b5g"}},  # JSON uses the ISMP symbol only
            ("target",),
            "Value error, target: unit '\u00b5g' is not one of ['g', 'mcg', 'mg']",
        ),
        (
            {"target": {"value": 4.5, "unit": ["mg"]}},
            ("target",),
            "Value error, target: unit ['mg'] is not one of ['g', 'mcg', 'mg']",
        ),
        (
            {"target": {"value": True, "unit": "mg"}},
            ("target",),
            "Value error, target: value True is not a number",
        ),
        (
            {"target": {"value": float("nan"), "unit": "mg"}},
            ("target",),
            "Value error, target: value nan is not a finite number",
        ),
        (
            {"target": {"value": float("inf"), "unit": "mg"}},
            ("target",),
            "Value error, target: value inf is not a finite number",
        ),
        (
            {"target": {"value": -4.5, "unit": "mg"}},
            ("target",),
            'Value error, target: "-4.5mg" is negative; write a positive amount, e.g. 4.5mg',
        ),
        (
            {"target": {"value": 0, "unit": "mg"}},
            ("target",),
            'Value error, target: "0mg" is zero; write a positive amount, e.g. 4.5mg',
        ),
        (
            {"target": {"value": "4,5", "unit": "mg"}},  # raised decimal.InvalidOperation
            ("target",),
            'Value error, target: "4,5mg" uses a decimal comma; write 4.5mg',
        ),
        (
            # review: this read '"4,5ug"', a spelling nobody wrote (the last one for mcg)
            {"target": {"value": "4,5", "unit": "mcg"}},
            ("target",),
            'Value error, target: "4,5mcg" uses a decimal comma; write 4.5mcg',
        ),
        (
            {"target": {"value": 4.5}},
            ("target",),
            "Value error, target: {'value': 4.5} needs exactly the keys 'value' and 'unit'",
        ),
        (
            {"target": {"value": 4.5, "unit": "mg", "note": "x"}},
            ("target",),
            "Value error, target: {'value': 4.5, 'unit': 'mg', 'note': 'x'} needs exactly the "
            "keys 'value' and 'unit'",
        ),
        (
            {"target": 4.5},
            ("target",),
            'Value error, target: "4.5" is neither text nor a quantity; write e.g. 4.5mg',
        ),
    ],
)
def test_invalid_values_are_validation_errors_naming_the_field(
    fields: dict[str, Any], loc: tuple[str, ...], message: str
) -> None:
    assert error_of(**fields) == (loc, message)


def test_validation_error_message_names_the_field_and_the_value() -> None:
    with pytest.raises(ValidationError) as caught:
        Order(target="4.5mL")
    text = str(caught.value)
    assert "1 validation error for Order\ntarget\n" in text
    assert 'target: "4.5mL" is a volume, not a mass' in text


def test_a_type_adapter_names_the_kind_when_there_is_no_field() -> None:
    with pytest.raises(ValidationError) as caught:
        TypeAdapter(Mass).validate_python("4.5mL")
    assert caught.value.errors()[0]["msg"] == (
        'Value error, a mass: "4.5mL" is a volume, not a mass; '
        "write a mass in mg, mcg or g, e.g. 4.5mg"
    )


# --- serialization ----------------------------------------------------------------------------


def test_json_shape_is_exactly_value_and_unit() -> None:
    order = Order(
        target="4.5mg",
        concentration="50 mcg/mL",
        volume="30.0mL",
        assay="98.5%",
        days="2 weeks",
        molar_mass="377.86g/mol",
    )
    assert json.loads(order.model_dump_json()) == {
        "target": {"value": 4.5, "unit": "mg"},
        "concentration": {"value": 50, "unit": "mcg/mL"},
        "volume": {"value": 30, "unit": "mL"},
        "assay": {"value": 98.5, "unit": "%"},
        "days": {"value": 2, "unit": "week"},
        "molar_mass": {"value": 377.86, "unit": "g/mol"},
    }
    assert order.model_dump_json(include={"target", "volume"}) == (
        '{"target":{"value":4.5,"unit":"mg"},"volume":{"value":30,"unit":"mL"}}'
    )


def test_whole_numbers_serialize_as_ints() -> None:
    dumped = json.loads(Order(target="30.0mg", days="30 days").model_dump_json())
    assert dumped["target"] == {"value": 30, "unit": "mg"}
    assert type(dumped["target"]["value"]) is int
    assert dumped["days"] == {"value": 30, "unit": "day"}


def test_python_mode_keeps_the_quantity() -> None:
    dumped = Order(target="4.5mg").model_dump()
    assert_exact(dumped["target"], exact("4.5", "milligram"))


@given(quantities((MASS, VOLUME, CONCENTRATION), max_places=6))
@settings(max_examples=200)
@example(exact("0.1", "milligram"))
@example(exact("0.3", "milliliter"))
@example(exact("1.0", "milligram/milliliter"))
def test_json_round_trips_exactly(quantity: Qty) -> None:
    adapter: TypeAdapter[Qty] = TypeAdapter(
        {MASS: Mass, VOLUME: Volume, CONCENTRATION: Concentration}[
            next(k for k in (MASS, VOLUME, CONCENTRATION) if quantity.check(k.dimensionality))
        ]
    )
    text = adapter.dump_json(quantity)
    assert Decimal(repr(json.loads(text)["value"])) == quantity.magnitude
    assert_exact(adapter.validate_json(text), quantity)


@given(decimals(max_places=6, max_value=10**6))
@settings(max_examples=100)
def test_json_value_has_no_float_artefact(value: Decimal) -> None:
    dumped = json.loads(
        TypeAdapter(Mass).dump_json(Quantity(value, "milligram")), parse_float=Decimal
    )
    assert dumped == {"value": value, "unit": "mg"}


# --- JSON schema ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("annotation", "description", "units"),
    [
        (Mass, "mass as a number and a unit", ["mg", "mcg", "g"]),
        (Volume, "volume as a number and a unit", ["mL", "L"]),
        (Concentration, "concentration as a number and a unit", ["mg/mL", "mcg/mL"]),
        (Percent, "percentage as a number and a unit", ["%"]),
        (Duration, "duration as a number and a unit", ["day", "week"]),
        (MolarMass, "molar mass as a number and a unit", ["g/mol"]),
    ],
)
def test_json_schema(annotation: Any, description: str, units: list[str]) -> None:
    schema = {
        "type": "object",
        "description": description,
        "properties": {
            "value": {"type": "number", "exclusiveMinimum": 0},
            "unit": {"type": "string", "enum": units},
        },
        "required": ["value", "unit"],
        "additionalProperties": False,
    }
    assert TypeAdapter(annotation).json_schema() == schema
    assert TypeAdapter(annotation).json_schema(mode="serialization") == schema


def test_every_serialized_unit_is_in_the_schema_and_reads_back() -> None:
    for annotation, texts in [
        (Mass, ["1mg", "1mcg", "1g"]),
        (Volume, ["1mL", "1L"]),
        (Concentration, ["1mg/mL", "1mcg/mL"]),
        (Percent, ["1%"]),
        (Duration, ["1d", "1w"]),
        (MolarMass, ["1g/mol"]),
    ]:
        adapter: TypeAdapter[Qty] = TypeAdapter(annotation)
        enum = adapter.json_schema()["properties"]["unit"]["enum"]
        for text in texts:
            dumped = json.loads(adapter.dump_json(adapter.validate_python(text)))
            assert dumped["unit"] in enum
            assert_exact(adapter.validate_python(dumped), adapter.validate_python(text))


# --- a signed percentage: the dose deviation of a liquid ------------------------------------


@pytest.mark.parametrize("target", ["2.37mg", "4.41mg", "4.5mg"])
def test_a_liquid_with_its_signed_deviation_reads_back_from_its_json(target: str) -> None:
    result = liquid(target=target)
    again = LiquidResult.model_validate_json(result.model_dump_json())
    assert_equal(again.dose_deviation, result.dose_deviation)


@pytest.mark.parametrize(
    "value",
    [
        {"value": 1, "unit": "mg"},
        {"value": "1", "unit": "%"},
        {"value": True, "unit": "%"},
        {"value": 1},
        "1%",
        1,
        float("nan"),
    ],
)
def test_a_signed_percentage_takes_only_a_percent_quantity_or_its_json(value: object) -> None:
    with pytest.raises(ValidationError):
        TypeAdapter(SignedPercent).validate_python(value)
