"""The one formatter: ISMP rules for every number a person reads, and JSON numbers without
float artefacts (issue 2, §2; docs/basis.md §6: no trailing zero, a leading zero, "mcg",
a space before the unit, thousands separators)."""

from __future__ import annotations

import json
import re
from decimal import ROUND_HALF_UP, Context, Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from strategies import decimals, quantities

from ldncalc.formatting import format_number, format_quantity, json_number, round_to, unit_symbol
from ldncalc.units import (
    CONCENTRATION,
    DURATION,
    KINDS,
    MASS,
    MCG,
    MG,
    ML,
    VOLUME,
    Qty,
    Quantity,
)


def q(magnitude: str, unit: str) -> Qty:
    return Quantity(Decimal(magnitude), unit)


@pytest.mark.parametrize(
    ("quantity", "places", "text"),
    [
        (q("4.5", "milligram"), 4, "4.5 mg"),
        (q("1.0", "milligram"), 4, "1 mg"),  # never a trailing zero
        (q("1.50", "milligram"), 4, "1.5 mg"),
        (q("0.5", "milligram"), 4, "0.5 mg"),  # always a leading zero
        (q("500", "microgram"), 4, "500 mcg"),  # mcg, never µg
        (q("300", "milligram"), 4, "300 mg"),  # never 3E+2
        (q("1E+3", "milligram"), 4, "1,000 mg"),
        (q("10000", "milligram"), 4, "10,000 mg"),  # thousands separators
        (q("1234.5", "milligram"), 4, "1,234.5 mg"),
        (q("1234567.891", "milligram"), 2, "1,234,567.89 mg"),
        (q("0.125", "milligram"), 2, "0.13 mg"),  # half-up, not half-even
        (q("0.135", "milligram"), 2, "0.14 mg"),
        (q("0.145", "milligram"), 2, "0.15 mg"),
        (q("2.5", "milligram"), 0, "3 mg"),  # half-even would give 2
        (q("0.44999", "milliliter"), 1, "0.4 mL"),
        (q("4.5", "milliliter"), 1, "4.5 mL"),
        (q("1", "liter"), 4, "1 L"),
        (q("1", "gram"), 4, "1 g"),
        (q("1", "milligram/milliliter"), 4, "1 mg/mL"),
        (q("50", "microgram/milliliter"), 4, "50 mcg/mL"),
        (q("98.5", "percent"), 4, "98.5 %"),
        (q("377.86", "gram/mole"), 2, "377.86 g/mol"),
        (q("1", "day"), 0, "1 day"),
        (q("14", "day"), 0, "14 days"),
        (q("1.00004", "day"), 4, "1 day"),  # singular when it prints as 1
        (q("0.5", "day"), 1, "0.5 days"),
        (q("1", "week"), 0, "1 week"),
        (q("2", "week"), 0, "2 weeks"),
        (q("-1.5", "milligram"), 4, "-1.5 mg"),  # a deviation may be negative
        (q("-0.00001", "milligram"), 4, "0 mg"),  # never "-0 mg"
        (q("1" + "0" * 30, "milligram"), 4, "1" + ",000" * 10 + " mg"),  # crashed
    ],
)
def test_format_quantity(quantity: Qty, places: int, text: str) -> None:
    assert format_quantity(quantity, places) == text


@pytest.mark.parametrize(
    ("quantity", "places", "text"),
    [
        (q("0.5", "milligram"), 4, "0,5 mg"),
        (q("4.5", "milligram"), 4, "4,5 mg"),
        (q("10000", "milligram"), 4, "10\u00a0000 mg"),  # no-break space, as CLDR fr_CA
        (q("1234.5", "milligram"), 4, "1\u00a0234,5 mg"),
        (q("1", "milligram/milliliter"), 4, "1 mg/mL"),
        (q("500", "microgram"), 4, "500 mcg"),
        (q("98.5", "percent"), 1, "98,5 %"),
        (q("1", "day"), 0, "1 jour"),
        (q("14", "day"), 0, "14 jours"),
        (q("1", "week"), 0, "1 semaine"),
        (q("2", "week"), 0, "2 semaines"),
    ],
)
def test_format_quantity_in_french(quantity: Qty, places: int, text: str) -> None:
    assert format_quantity(quantity, places, lang="fr") == text


def test_format_quantity_converts_to_the_unit_asked_for() -> None:
    assert format_quantity(q("4500", "microgram"), 2, unit=MG) == "4.5 mg"
    assert format_quantity(q("0.5", "milligram"), unit=MCG) == "500 mcg"
    assert format_quantity(q("1", "liter"), unit=ML) == "1,000 mL"


def test_a_unit_without_an_ismp_symbol_is_refused() -> None:
    with pytest.raises(ValueError, match=r"^ldncalc has no symbol for unit 'mole'$"):
        format_quantity(q("1", "mole"))


@pytest.mark.parametrize(
    ("quantity", "symbol"),
    [
        (q("1", "milligram"), "mg"),
        (q("1", "microgram"), "mcg"),
        (q("1", "gram"), "g"),
        (q("1", "milliliter"), "mL"),
        (q("1", "liter"), "L"),
        (q("1", "milligram/milliliter"), "mg/mL"),
        (q("1", "microgram/milliliter"), "mcg/mL"),
        (q("1", "percent"), "%"),
        (q("1", "day"), "day"),
        (q("1", "week"), "week"),
        (q("1", "gram/mole"), "g/mol"),
    ],
)
def test_unit_symbol(quantity: Qty, symbol: str) -> None:
    assert unit_symbol(quantity) == symbol


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [
        (Decimal("4.5"), 4, "4.5"),
        (5, 4, "5"),
        (Decimal("1E+5"), 4, "100,000"),
        (Decimal("0.00005"), 4, "0.0001"),
        (Decimal("-0.00001"), 4, "0"),
        (Decimal("12345.6789"), 4, "12,345.6789"),
    ],
)
def test_format_number(value: Decimal | int, places: int, text: str) -> None:
    assert format_number(value, places) == text


def test_format_number_in_french() -> None:
    assert format_number(Decimal("12345.6789"), lang="fr") == "12\u00a0345,6789"
    assert format_number(Decimal("0.5"), lang="fr") == "0,5"


@pytest.mark.parametrize(
    ("value", "places", "rounded"),
    [
        (Decimal("0.125"), 2, "0.13"),
        (Decimal("0.124999"), 2, "0.12"),
        (Decimal("2.5"), 0, "3"),
        (Decimal("300"), 4, "300"),
        (Decimal("1.000"), 4, "1"),
        (Decimal("-0.00001"), 4, "0"),
        (Decimal("1" + "0" * 30), 4, "1" + "0" * 30),
    ],
)
def test_round_to_is_half_up_without_trailing_zeros(
    value: Decimal, places: int, rounded: str
) -> None:
    result = round_to(value, places)
    assert str(result) == rounded
    assert result == Decimal(rounded)


# --- properties over generated values ---------------------------------------------------------

_ISMP = re.compile(
    r"(?P<number>(?:0|[1-9][0-9]{0,2}(?:,[0-9]{3})*)(?:\.[0-9]*[1-9])?)"
    r" (?P<unit>mg|mcg|g|mL|L|mg/mL|mcg/mL|%|day|days|week|weeks|g/mol|mg/g)"
)


def _half_up(value: Decimal, places: int) -> Decimal:
    """The expected rounding, computed independently of ldncalc.formatting."""
    return value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP, Context(prec=100))


@given(quantities(KINDS, max_places=8), st.integers(0, 6))
@settings(max_examples=200)
@example(q("1.0", "milligram"), 4)
@example(q("0.05", "milligram"), 1)  # rounds to 0.1: a leading zero
@example(q("999.99995", "milliliter"), 4)  # rounds up across the thousands separator
@example(q("1" + "0" * 30, "milligram"), 4)  # raised decimal.InvalidOperation
def test_every_formatted_quantity_follows_ismp(quantity: Qty, places: int) -> None:
    text = format_quantity(quantity, places)
    shown = _ISMP.fullmatch(text)
    assert shown is not None, text
    for never in ("\u00b5", "\u03bc", "ug", "cc"):
        assert never not in text
    assert Decimal(shown["number"].replace(",", "")) == _half_up(quantity.magnitude, places)


@given(quantities((DURATION,), max_places=4), st.integers(0, 4))
@settings(max_examples=100)
def test_days_and_weeks_are_singular_only_when_shown_as_1(quantity: Qty, places: int) -> None:
    number, unit = format_quantity(quantity, places).split(" ")
    singular = str(quantity.units)
    assert unit == (singular if number == "1" else f"{singular}s")


@given(quantities(KINDS, max_places=6), st.integers(0, 6))
@settings(max_examples=200)
def test_french_is_english_with_french_separators(quantity: Qty, places: int) -> None:
    english = format_quantity(quantity, places)
    french = format_quantity(quantity, places, lang="fr")
    number, unit = english.split(" ", 1)
    french_unit = {"day": "jour", "days": "jours", "week": "semaine", "weeks": "semaines"}
    expected = number.replace(",", "\u00a0").replace(".", ",")
    assert french == f"{expected} {french_unit.get(unit, unit)}"


@given(decimals(max_places=6, max_value=10**9))
@settings(max_examples=200)
@example(Decimal("4.5"))
@example(Decimal("0.1"))
@example(Decimal("0.3"))
@example(Decimal("123456789.123456"))  # 15 significant digits: still exact as a float
@example(Decimal("0.000001"))
def test_json_number_has_no_float_artefact(value: Decimal) -> None:
    number = json_number(value)
    assert Decimal(repr(number)) == value
    assert json.loads(json.dumps(number), parse_float=Decimal) == value
    significant = len(value.normalize().as_tuple().digits)
    assert len(re.sub(r"e.*|[^0-9]", "", repr(number)).strip("0") or "0") <= significant


@given(decimals(max_places=6, max_value=10**9))
@settings(max_examples=100)
def test_json_number_is_an_int_when_whole(value: Decimal) -> None:
    number = json_number(value)
    assert (type(number) is int) == (value == value.to_integral())


def test_json_number_rounds_half_up_at_six_places() -> None:
    assert json_number(Decimal("0.1234565")) == 0.123457
    assert json_number(Decimal("30.0")) == 30
    assert type(json_number(Decimal("30.0"))) is int
    assert json_number(Decimal("1E+3")) == 1000
    assert json_number(Decimal("4.5"), places=0) == 5


@given(quantities((MASS, VOLUME, CONCENTRATION), max_places=4))
@settings(max_examples=100)
def test_format_is_exact_for_amounts_within_the_places(quantity: Qty) -> None:
    number = format_quantity(quantity).split(" ")[0]
    assert Decimal(number.replace(",", "")) == quantity.magnitude


# --- figures kept per value (issue 11): the same text as formatting afresh -----------------


@given(decimals(max_places=8, max_value=10**6), st.integers(min_value=0, max_value=6))
@settings(max_examples=200)
@example(Decimal("5.0E-7"), 6)  # written with zeros added to its digits, not its exponent
def test_a_kept_rounding_is_the_rounding_afresh(value: Decimal, places: int) -> None:
    from ldncalc import formatting

    first = round_to(value, places)
    formatting._ROUNDED.clear()
    afresh = round_to(value, places)
    assert first == afresh
    assert str(first) == str(afresh)  # the same digits, not only the same number
    # an equal value written otherwise (trailing zeros, an int) rounds to the same text
    plain = f"{value:f}"  # 5.0E-7 as 0.00000050: "5.0E-7000" would be another number
    assert str(round_to(Decimal(f"{plain}000" if "." in plain else value), places)) == str(afresh)


def test_kept_figures_depend_only_on_the_value_and_the_options() -> None:
    from ldncalc import formatting

    assert format_quantity(Quantity(Decimal("4.50"), MG)) == "4.5 mg"
    assert format_quantity(Quantity(Decimal("4.5"), MG)) == "4.5 mg"
    assert format_quantity(Quantity(Decimal("4.5"), ML)) == "4.5 mL"  # another unit
    assert format_quantity(Quantity(Decimal("4.5"), MG), lang="fr") == "4,5 mg"
    assert format_quantity(Quantity(Decimal("4.56"), MG), 1) == "4.6 mg"
    assert format_quantity(Quantity(Decimal("4500"), MCG), unit=MG) == "4.5 mg"
    assert round_to(5) == Decimal(5)
    assert str(round_to(Decimal("-0.00001"))) == "0"
    formatting._ROUNDED.clear()
    formatting._FORMATTED.clear()
    assert format_quantity(Quantity(Decimal("4.5"), MG)) == "4.5 mg"


def test_a_signalling_nan_is_refused_as_before_not_by_the_cache() -> None:
    from decimal import InvalidOperation

    with pytest.raises(InvalidOperation):
        round_to(Decimal("sNaN"))
