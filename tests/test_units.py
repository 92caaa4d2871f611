"""The one parser of a person's text: what it accepts, exactly what it reads, and the exact
message for everything it refuses (issue 2, §2; docs/basis.md §6 for the ISMP rules)."""

from __future__ import annotations

import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pint
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pint.testing import assert_equal
from strategies import (
    Typed,
    any_text,
    decimal_texts,
    kind_tuples,
    near_misses,
    quantities,
    typed_amounts,
)

from ldncalc.errors import InputError, LdnCalcError, UnsafeInputError
from ldncalc.formatting import format_quantity
from ldncalc.locale import Voice
from ldncalc.units import (
    CONCENTRATION,
    DAY,
    DIMENSIONLESS,
    DURATION,
    G_PER_MOL,
    INCH,
    KINDS,
    MASS,
    MCG,
    MCG_PER_ML,
    MG,
    MG_PER_ML,
    ML,
    MM,
    MOLAR_MASS,
    OVERAGE_PERCENT,
    PCT,
    PERCENT,
    VOLUME,
    WATER_PERCENT,
    WEEK,
    G,
    Kind,
    L,
    Qty,
    Quantity,
    as_quantity,
    parse_count,
    parse_quantity,
    ureg,
)

OTHER_REGISTRY = pint.UnitRegistry()  # pint's full default registry, as a caller would have


def assert_exact(actual: Qty, magnitude: str, unit: str | pint.Unit) -> None:
    """``actual`` is exactly ``magnitude`` (a Decimal) in ``unit`` of ldncalc's registry:
    the same quantity, the same unit (not merely convertible), an exact Decimal."""
    expected = Quantity(Decimal(magnitude), unit)
    assert_equal(actual, expected)
    assert actual.units == expected.units
    assert actual._REGISTRY is ureg
    assert isinstance(actual.magnitude, Decimal)
    assert actual.magnitude == Decimal(magnitude)


def refusal(text: object, kinds: tuple[Kind, ...] = (MASS,), option: str = "--target") -> str:
    with pytest.raises(InputError) as caught:
        parse_quantity(text, option=option, kinds=kinds)  # type: ignore[arg-type]
    return str(caught.value)


# --- accepted ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kinds", "magnitude", "unit"),
    [
        ("4.5mg", (MASS,), "4.5", "milligram"),
        ("4.5 mg", (MASS,), "4.5", "milligram"),
        ("4.5 MG", (MASS,), "4.5", "milligram"),
        ("4.5 Mg", (MASS,), "4.5", "milligram"),
        ("  4.5mg\n", (MASS,), "4.5", "milligram"),
        ("4.5\u00a0mg", (MASS,), "4.5", "milligram"),  # a no-break space is a space
        ("0.5mg", (MASS,), "0.5", "milligram"),
        ("500mcg", (MASS,), "500", "microgram"),
        ("500 MCG", (MASS,), "500", "microgram"),
        ("500 \u00b5g", (MASS,), "500", "microgram"),  # micro sign
        ("500 \u03bcg", (MASS,), "500", "microgram"),  # Greek small mu
        ("500 \u00b5G", (MASS,), "500", "microgram"),
        ("500ug", (MASS,), "500", "microgram"),
        ("500 UG", (MASS,), "500", "microgram"),
        ("1.5g", (MASS,), "1.5", "gram"),
        ("1.0mg", (MASS,), "1", "milligram"),  # trailing zero: read as exactly 1 mg
        ("30mg", (MASS,), "30", "milligram"),
        ("1mg/mL", (CONCENTRATION,), "1", "milligram/milliliter"),
        ("1 mg / mL", (CONCENTRATION,), "1", "milligram/milliliter"),
        ("1 MG/ML", (CONCENTRATION,), "1", "milligram/milliliter"),
        ("50mcg/mL", (CONCENTRATION,), "50", "microgram/milliliter"),
        ("50 \u00b5g/ml", (CONCENTRATION,), "50", "microgram/milliliter"),
        ("100mL", (VOLUME,), "100", "milliliter"),
        ("100 ML", (VOLUME,), "100", "milliliter"),
        ("1L", (VOLUME,), "1", "liter"),
        ("1 l", (VOLUME,), "1", "liter"),
        ("98.5%", (PERCENT,), "98.5", "percent"),
        ("98.5 %", (PERCENT,), "98.5", "percent"),
        ("14d", (DURATION,), "14", "day"),
        ("1 day", (DURATION,), "1", "day"),
        ("30 days", (DURATION,), "30", "day"),
        ("30 DAYS", (DURATION,), "30", "day"),
        ("2w", (DURATION,), "2", "week"),
        ("2 wk", (DURATION,), "2", "week"),
        ("2 weeks", (DURATION,), "2", "week"),
        ("377.86g/mol", (MOLAR_MASS,), "377.86", "gram/mole"),
        ("377.86 g / mol", (MOLAR_MASS,), "377.86", "gram/mole"),
        ("5%", (PERCENT, MASS), "5", "percent"),
        ("2mg", (PERCENT, MASS), "2", "milligram"),
    ],
)
def test_accepted_spellings_read_exactly_the_digits_typed(
    text: str, kinds: tuple[Kind, ...], magnitude: str, unit: str
) -> None:
    assert_exact(parse_quantity(text, option="--x", kinds=kinds), magnitude, unit)


def test_magnitude_is_the_exact_decimal_not_a_float() -> None:
    dose = parse_quantity("4.5mg", option="--target", kinds=(MASS,))
    assert type(dose.magnitude) is Decimal
    assert dose.magnitude == Decimal("4.5")
    tenth = parse_quantity("0.1mg", option="--target", kinds=(MASS,))
    assert tenth.magnitude == Decimal("0.1")
    assert tenth.magnitude != Decimal.from_float(0.1)  # the binary float 0.1 is not 0.1


def test_a_trailing_zero_is_read_as_exactly_the_whole_number_and_printed_without_it() -> None:
    dose = parse_quantity("1.0mg", option="--target", kinds=(MASS,))
    assert_equal(dose, Quantity(Decimal(1), "milligram"))
    assert dose.magnitude == 1
    assert format_quantity(dose) == "1 mg"


@given(typed_amounts())
@settings(max_examples=200)
@example(Typed("1.0mg", "1.0", MG, (MASS,)))
@example(Typed("500 \u00b5G", "500", MCG, (MASS,)))
@example(Typed("4.5\u00a0mg\u00a0", "4.5", MG, (MASS,)))
@example(Typed("1 Mcg /\tmL", "1", MCG_PER_ML, (CONCENTRATION,)))
def test_no_accepted_spelling_is_read_as_a_different_value(typed: Typed) -> None:
    quantity = parse_quantity(typed.text, option="--x", kinds=typed.kinds)
    assert_exact(quantity, typed.digits, typed.unit)
    assert quantity.magnitude.as_tuple() == Decimal(typed.digits).as_tuple()


# The whitelist, written out independently of ldncalc.units: every spelling a person may type
# (ASCII letter case aside) and the one unit it means.
SPELLINGS = {
    "mg": "milligram",
    "mcg": "microgram",
    "\u00b5g": "microgram",  # micro sign
    "\u03bcg": "microgram",  # Greek small mu
    "ug": "microgram",
    "g": "gram",
    "ml": "milliliter",
    "l": "liter",
    "mg/ml": "milligram/milliliter",
    "mcg/ml": "microgram/milliliter",
    "\u00b5g/ml": "microgram/milliliter",
    "\u03bcg/ml": "microgram/milliliter",
    "ug/ml": "microgram/milliliter",
    "%": "percent",
    "d": "day",
    "day": "day",
    "days": "day",
    "w": "week",
    "wk": "week",
    "week": "week",
    "weeks": "week",
    "g/mol": "gram/mole",
    "mg/g": "milligram/gram",  # a cream's strength (issue 14)
}


def test_the_whitelist_is_exactly_these_spellings() -> None:
    accepted = {s: str(u).replace(" ", "") for kind in KINDS for s, u in kind.spellings.items()}
    assert accepted == SPELLINGS


def _ascii_lower(text: str) -> str:
    return "".join(c.lower() if c.isascii() else c for c in text)


@given(text=near_misses(), kinds=kind_tuples())
@settings(max_examples=200)
@example(text="4.5 \u039cg", kinds=(MASS,))  # Greek capital mu looks like Mg: was read as mcg
@example(text="4.5 \u039cG", kinds=(MASS,))
@example(text="05mg", kinds=(MASS,))  # a slip for 0.5 mg: refused, no longer read as 5 mg
def test_whatever_is_accepted_is_the_number_and_unit_written(
    text: str, kinds: tuple[Kind, ...]
) -> None:
    try:
        quantity = parse_quantity(text, option="--x", kinds=kinds)
    except InputError:
        return
    typed = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]+)?)\s*(.*?)\s*", text, re.DOTALL)
    assert typed is not None
    digits, unit = typed.groups()
    assert quantity.magnitude == Decimal(digits)
    assert not re.match(r"0[0-9]", digits)  # "05" is refused, never read as 5 or 0.5
    spelled = _ascii_lower(re.sub(r"\s*/\s*", "/", unit))
    assert quantity.units == Quantity(1, SPELLINGS[spelled]).units


@given(quantities(), st.sampled_from(["", " "]))
@settings(max_examples=200)
def test_format_then_parse_round_trips(quantity: Qty, space: str) -> None:
    """What ldncalc prints reads back as the same quantity (thousands separators removed:
    the parser refuses them, see the "1,000mg" refusal)."""
    kind = next(k for k in (MASS, VOLUME, CONCENTRATION) if quantity.check(k.dimensionality))
    text = format_quantity(quantity).replace(",", "").replace(" ", space)
    parsed = parse_quantity(text, option="--x", kinds=(kind,))
    assert_exact(parsed, str(quantity.magnitude), str(quantity.units).replace(" ", ""))


@given(quantities(max_places=4))
@settings(max_examples=100)
def test_format_below_1000_round_trips_with_only_the_space_removed(quantity: Qty) -> None:
    if quantity.magnitude >= 1000:
        return
    kind = next(k for k in (MASS, VOLUME, CONCENTRATION) if quantity.check(k.dimensionality))
    text = format_quantity(quantity).replace(" ", "")
    parsed = parse_quantity(text, option="--x", kinds=(kind,))
    assert_equal(parsed, quantity)
    assert parsed.units == quantity.units


# --- refused, with the exact message ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # commas
        ("4,5mg", 'target="4,5mg": uses a decimal comma; write 4.5mg'),
        ("4,5 MG", 'target="4,5 MG": uses a decimal comma; write 4.5mg'),
        ("0,5mg", 'target="0,5mg": uses a decimal comma; write 0.5mg'),
        (",5mg", 'target=",5mg": uses a decimal comma; write 0.5mg'),
        ("4,50mg", 'target="4,50mg": uses a decimal comma; write 4.5mg'),
        ("4,5", 'target="4,5": uses a decimal comma; write 4.5mg'),
        ("4,5,6mg", 'target="4,5,6mg": has a comma; write e.g. 4.5mg'),
        (
            "1,000mg",
            'target="1,000mg": has a comma, which can be a decimal or a thousands separator; '
            "write 1000mg or 1mg",
        ),
        (
            "1,500mg",
            'target="1,500mg": has a comma, which can be a decimal or a thousands separator; '
            "write 1500mg or 1.5mg",
        ),
        ("1,000.5mg", 'target="1,000.5mg": has a thousands separator; write 1000.5mg'),
        ("1,234,567mg", 'target="1,234,567mg": has a thousands separator; write 1234567mg'),
        # no unit, unknown unit, wrong dimension
        ("4.5", 'target="4.5": has no unit; write 4.5mg (units: mg, mcg or g)'),
        ("4.50", 'target="4.50": has no unit; write 4.5mg (units: mg, mcg or g)'),
        (
            "4.5 xyz",
            'target="4.5 xyz": has unit "xyz", which ldncalc does not accept; '
            "write 4.5 with mg, mcg or g",
        ),
        (
            "4.5 milligrams",
            'target="4.5 milligrams": has unit "milligrams", which ldncalc does not accept; '
            "write 4.5 with mg, mcg or g",
        ),
        (
            "4.5mL",
            'target="4.5mL": is a volume, not a mass; write a mass in mg, mcg or g, e.g. 4.5mg',
        ),
        (
            "4.5 mg/mL",
            'target="4.5 mg/mL": is a concentration, not a mass; '
            "write a mass in mg, mcg or g, e.g. 4.5mg",
        ),
        (
            "4.5d",
            'target="4.5d": is a duration, not a mass; write a mass in mg, mcg or g, e.g. 4.5mg',
        ),
        # units refused by name (ISMP error-prone abbreviations, household measures)
        ("4.5cc", 'target="4.5cc": uses "cc": cc is misread as u or 00 (ISMP); write mL'),
        ("4.5 CC", 'target="4.5 CC": uses "CC": cc is misread as u or 00 (ISMP); write mL'),
        (
            "4.5gr",
            'target="4.5gr": uses "gr": gr (grain) is confused with g (gram); write mg or g',
        ),
        ("1 grain", 'target="1 grain": uses "grain": grains are not used; write mg or g'),
        (
            "4.5IU",
            'target="4.5IU": uses "IU": naltrexone is not dosed in units; write mg or mcg',
        ),
        ("4.5u", 'target="4.5u": uses "u": naltrexone is not dosed in units; write mg or mcg'),
        (
            "4.5 units",
            'target="4.5 units": uses "units": naltrexone is not dosed in units; write mg or mcg',
        ),
        (
            "1tsp",
            'target="1tsp": uses "tsp": household measures are not accurate; write mL',
        ),
        (
            "1 tbsp",
            'target="1 tbsp": uses "tbsp": household measures are not accurate; write mL',
        ),
        ("1oz", 'target="1oz": uses "oz": ounces are not used; write mL or g'),
        ("1 dr", 'target="1 dr": uses "dr": drams are not used; write mL or g'),
        ("2gtt", 'target="2gtt": uses "gtt": drops are not a measure; write mL'),
        ("2 drops", 'target="2 drops": uses "drops": drops are not a measure; write mL'),
        ("2 minim", 'target="2 minim": uses "minim": minims are not used; write mL'),
        # not a number
        ("NaN", 'target="NaN": does not start with a number; write e.g. 4.5mg'),
        ("nan mg", 'target="nan mg": does not start with a number; write e.g. 4.5mg'),
        ("inf", 'target="inf": does not start with a number; write e.g. 4.5mg'),
        ("Infinity mg", 'target="Infinity mg": does not start with a number; write e.g. 4.5mg'),
        ("mg", 'target="mg": does not start with a number; write e.g. 4.5mg'),
        (
            "4.5e-3mg",
            'target="4.5e-3mg": uses exponent notation; write the number in full, e.g. 4.5mg',
        ),
        ("1E3mg", 'target="1E3mg": uses exponent notation; write the number in full, e.g. 4.5mg'),
        ("1e3", 'target="1e3": uses exponent notation; write the number in full, e.g. 4.5mg'),
        # sign and zero
        ("-4.5mg", 'target="-4.5mg": is negative; write a positive amount, e.g. 4.5mg'),
        ("\u22124.5mg", 'target="\u22124.5mg": is negative; write a positive amount, e.g. 4.5mg'),
        ("\u20134.5mg", 'target="\u20134.5mg": is negative; write a positive amount, e.g. 4.5mg'),
        ("-4,5mg", 'target="-4,5mg": is negative; write a positive amount, e.g. 4.5mg'),
        ("+4.5mg", 'target="+4.5mg": is signed; write a positive amount, e.g. 4.5mg'),
        ("0mg", 'target="0mg": is zero; write a positive amount, e.g. 4.5mg'),
        ("0.0mg", 'target="0.0mg": is zero; write a positive amount, e.g. 4.5mg'),
        ("0 mcg", 'target="0 mcg": is zero; write a positive amount, e.g. 4.5mg'),
        # ISMP: naked decimal point, trailing point, extra leading zero
        (".5mg", 'target=".5mg": has no leading zero (ISMP); write 0.5mg'),
        (".5 MG", 'target=".5 MG": has no leading zero (ISMP); write 0.5mg'),
        ("5.mg", 'target="5.mg": has a decimal point with no digit after it; write 5mg'),
        ("5. mg", 'target="5. mg": has a decimal point with no digit after it; write 5mg'),
        ("5.", 'target="5.": has a decimal point with no digit after it; write 5mg'),
        ("4.5.6mg", 'target="4.5.6mg": has more than one decimal point; write e.g. 4.5mg'),
        ("05mg", 'target="05mg": has an extra leading zero; write 5mg or 0.5mg'),
        ("00.5mg", 'target="00.5mg": has an extra leading zero; write 0.5mg'),
        # spaces and several numbers
        ("4 5mg", 'target="4 5mg": has a space inside the number; write e.g. 4.5mg'),
        ("4.5 4.5mg", 'target="4.5 4.5mg": has a space inside the number; write e.g. 4.5mg'),
        (
            "4.5mg 3mg",
            'target="4.5mg 3mg": has more than one number; write one amount, e.g. 4.5mg',
        ),
        ("", "target=: is empty; write e.g. 4.5mg"),
        ("   ", 'target="   ": is empty; write e.g. 4.5mg'),
        # non-ASCII digits and letters
        (
            "\u0664.\u0665mg",
            'target="\u0664.\u0665mg": has digits other than 0-9; write 4.5mg',
        ),
        (
            "\uff14.\uff15mg",
            'target="\uff14.\uff15mg": has digits other than 0-9; write 4.5mg',
        ),
        (
            "4.5 \u039cg",
            'target="4.5 \u039cg": has the non-ASCII character "\u039c" '
            "(GREEK CAPITAL LETTER MU) in its unit; write 4.5 with mg, mcg or g",
        ),
        (
            "4.5 \u043c\u0433",
            'target="4.5 \u043c\u0433": has the non-ASCII character "\u043c" '
            "(CYRILLIC SMALL LETTER EM) in its unit; write 4.5 with mg, mcg or g",
        ),
        (
            "4.5\u200bmg",
            'target="4.5\\u200bmg": has the non-ASCII character "\\u200b" '
            "(ZERO WIDTH SPACE) in its unit; write 4.5 with mg, mcg or g",
        ),
        # a unit that is only its prefix
        ("4.5m", 'target="4.5m": has an incomplete unit "m"; write 4.5mg or 4.5mcg'),
        ("4.5 mc", 'target="4.5 mc": has an incomplete unit "mc"; write 4.5mcg'),
        ("4.5 \u00b5", 'target="4.5 \u00b5": has an incomplete unit "\u00b5"; write 4.5mcg'),
        # a message is one line, whatever was typed
        (
            "4.5m\ng",
            'target="4.5m\\ng": has unit "m\\ng", which ldncalc does not accept; '
            "write 4.5 with mg, mcg or g",
        ),
    ],
)
def test_refused_mass_with_exact_message(text: str, message: str) -> None:
    assert refusal(text) == message


@pytest.mark.parametrize(
    ("text", "kinds", "message"),
    [
        (
            "1mg",
            (CONCENTRATION,),
            'x="1mg": is a mass, not a concentration; '
            "write a concentration in mg/mL or mcg/mL, e.g. 1mg/mL",
        ),
        (
            "1 mg/L",
            (CONCENTRATION,),
            'x="1 mg/L": has unit "mg/L", which ldncalc does not accept; '
            "write 1 with mg/mL or mcg/mL",
        ),
        ("1 mg/", (CONCENTRATION,), 'x="1 mg/": has an incomplete unit "mg/"; write 1mg/mL'),
        (
            "5mg/5mL",
            (CONCENTRATION,),
            'x="5mg/5mL": gives the amount in 5 mL; write the amount in 1 mL: 1mg/mL',
        ),
        (
            "4.5 mg / 5 mL",
            (CONCENTRATION,),
            'x="4.5 mg / 5 mL": gives the amount in 5 mL; write the amount in 1 mL: 0.9mg/mL',
        ),
        (
            "1mg/3mL",
            (CONCENTRATION,),
            'x="1mg/3mL": gives the amount in 3 mL; write the amount in 1 mL',
        ),
        ("1,5mg/mL", (CONCENTRATION,), 'x="1,5mg/mL": uses a decimal comma; write 1.5mg/mL'),
        ("100 cc", (VOLUME,), 'x="100 cc": uses "cc": cc is misread as u or 00 (ISMP); write mL'),
        (
            "1tsp",
            (VOLUME,),
            'x="1tsp": uses "tsp": household measures are not accurate; write mL',
        ),
        ("100 m", (VOLUME,), 'x="100 m": has an incomplete unit "m"; write 100mL'),
        (
            "5,000mL",
            (VOLUME,),
            'x="5,000mL": has a comma, which can be a decimal or a thousands separator; '
            "write 5000mL or 5mL",
        ),
        (
            "100",
            (VOLUME,),
            'x="100": has no unit; write 100mL (units: mL or L)',
        ),
        ("98,5%", (PERCENT,), 'x="98,5%": uses a decimal comma; write 98.5%'),
        ("98.5", (PERCENT,), 'x="98.5": has no unit; write 98.5% (units: %)'),
        (
            "14 jours",
            (DURATION,),
            'x="14 jours": has unit "jours", which ldncalc does not accept; '
            "write 14 with d (days) or w (weeks)",
        ),
        ("14 da", (DURATION,), 'x="14 da": has an incomplete unit "da"; write 14d'),
        (
            "377.86g",
            (MOLAR_MASS,),
            'x="377.86g": is a mass, not a molar mass; '
            "write a molar mass in g/mol, e.g. 377.86g/mol",
        ),
        ("5", (PERCENT, MASS), 'x="5": has no unit; write 5% (units: % or mg, mcg or g)'),
    ],
)
def test_refused_other_kinds_with_exact_message(
    text: str, kinds: tuple[Kind, ...], message: str
) -> None:
    assert refusal(text, kinds, option="--x") == message


def test_text_that_is_not_a_string_is_refused() -> None:
    assert refusal(4.5) == 'target="4.5": is not text; write e.g. 4.5mg'
    assert refusal(None) == "target=: is not text; write e.g. 4.5mg"


def test_refusal_carries_the_option_and_the_value_read() -> None:
    with pytest.raises(InputError) as caught:
        parse_quantity("4,5mg", option="--target", kinds=(MASS,))
    error = caught.value
    assert (error.option, error.value) == ("--target", "4,5mg")
    assert (error.problem, error.fix) == ("uses a decimal comma", "write 4.5mg")
    assert isinstance(error, ValueError)
    assert isinstance(error, LdnCalcError)


# What a refusal suggests must itself be accepted, and be ISMP-clean (no trailing zero, no
# naked point, no extra leading zero).
_SUGGESTED = re.compile(r"(?:write |e\.g\. | or |: )([0-9][0-9.]*[a-zA-Z%][a-zA-Z%/]*)")
_ISMP_NUMBER = re.compile(r"(?:0|[1-9][0-9]*)(?:\.[0-9]*[1-9])?")


@given(text=any_text(), kinds=kind_tuples())
@settings(max_examples=200)
@example(text="4.5m\ng", kinds=(MASS,))  # a line break was printed inside the message
@example(text="1,000mg", kinds=(MASS,))  # suggested "1.000mg", a trailing zero
@example(text=",5mg", kinds=(MASS,))  # suggested ".5mg", a naked decimal point
@example(text="\uff14.\uff15mg", kinds=(MASS,))  # "does not start with a number"
@example(text="1,000.5mg", kinds=(MASS,))  # suggested "1.000.5mg"
@example(text="5mg/5mL", kinds=(CONCENTRATION,))
def test_any_text_is_read_or_refused_with_a_one_line_message_and_a_fix(
    text: str, kinds: tuple[Kind, ...]
) -> None:
    try:
        parse_quantity(text, option="--x", kinds=kinds)
    except InputError as error:  # any other exception (pint's, decimal's…) fails the test
        refused = error
    else:
        return
    message = str(refused)
    assert message.isprintable()  # one line, no invisible characters
    assert message.startswith('x="' if text else "x=: ")  # the library's name, then the value
    assert refused.value == text
    assert refused.problem
    assert refused.fix
    assert message.endswith(f"; {refused.fix}")
    for suggested in _SUGGESTED.findall(refused.fix):
        number = re.match(r"[0-9.]+", suggested)
        assert number is not None
        assert _ISMP_NUMBER.fullmatch(number.group()), suggested
        parse_quantity(suggested, option="--x", kinds=kinds)


@given(st.one_of(st.none(), st.integers(), st.floats(), st.binary(), st.lists(st.text())))
@settings(max_examples=50)
def test_any_non_text_is_refused_as_not_text(value: object) -> None:
    with pytest.raises(InputError, match=r"is not text; write e\.g\. 4\.5mg$"):
        parse_quantity(value, option="--target", kinds=(MASS,))  # type: ignore[arg-type]


@given(decimal_texts(), kind_tuples())
@settings(max_examples=100)
def test_a_number_without_a_unit_is_refused_with_the_default_unit(
    digits: str, kinds: tuple[Kind, ...]
) -> None:
    with pytest.raises(InputError) as caught:
        parse_quantity(digits, option="--x", kinds=kinds)
    assert caught.value.problem == "has no unit"
    suggested = caught.value.fix.removeprefix("write ").split(" (units: ")[0]
    parsed = parse_quantity(suggested, option="--x", kinds=kinds)
    assert parsed.magnitude == Decimal(digits)


# --- counts -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [("30", 30), (" 30 ", 30), ("1", 1), ("1000", 1000), (30, 30), (1, 1)],
)
def test_count_accepts_whole_numbers_in_range(value: str | int, expected: int) -> None:
    assert parse_count(value, option="--quantity", minimum=1, maximum=1000) == expected


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        ("30.0", InputError, 'quantity="30.0": is not a whole number; write 30'),
        ("30.", InputError, 'quantity="30.": is not a whole number; write 30'),
        (30.0, InputError, 'quantity="30.0": is not a whole number; write 30'),
        (
            "30.5",
            InputError,
            'quantity="30.5": is not a whole number; write a whole number from 1 to 1,000',
        ),
        (
            "-3",
            InputError,
            'quantity="-3": is negative; write a whole number from 1 to 1,000',
        ),
        (
            "3e1",
            InputError,
            'quantity="3e1": is not a whole number; write a whole number from 1 to 1,000',
        ),
        (
            "1,000",
            InputError,
            # review: the fix "from 1 to 1,000" was itself refused
            'quantity="1,000": has a comma, which could be a thousands separator or a decimal '
            "comma; write 1000 without it",
        ),
        (
            "thirty",
            InputError,
            'quantity="thirty": is not a whole number; write a whole number from 1 to 1,000',
        ),
        (
            "",
            InputError,
            "quantity=: is not a whole number; write a whole number from 1 to 1,000",
        ),
        (True, InputError, 'quantity="True": is not a whole number; write e.g. 1'),
        (False, InputError, 'quantity="False": is not a whole number; write e.g. 1'),
        (
            "0",
            UnsafeInputError,
            'quantity="0": is out of range; write a whole number from 1 to 1,000',
        ),
        (
            "1001",
            UnsafeInputError,
            'quantity="1001": is out of range; write a whole number from 1 to 1,000',
        ),
        (
            0,
            UnsafeInputError,
            'quantity="0": is out of range; write a whole number from 1 to 1,000',
        ),
    ],
)
def test_count_refusals(value: object, error: type[LdnCalcError], message: str) -> None:
    with pytest.raises(error) as caught:
        parse_count(value, option="--quantity", minimum=1, maximum=1000)  # type: ignore[arg-type]
    assert type(caught.value) is error
    assert str(caught.value) == message


@given(st.one_of(st.text(), st.integers(), st.booleans(), st.floats(), st.none()))
@settings(max_examples=200)
def test_count_reads_a_whole_number_or_refuses(value: object) -> None:
    try:
        count = parse_count(value, option="--n", minimum=1, maximum=4)  # type: ignore[arg-type]
    except (InputError, UnsafeInputError) as error:  # anything else fails the test
        message = str(error)
        shown = error.value is not None and error.value != ""
    else:
        message = ""
    if message:
        assert message.isprintable()
        assert message.startswith('n="' if shown else "n=: ")  # the library's name, the value
        return
    assert type(count) is int
    assert 1 <= count <= 4
    if isinstance(value, str):
        assert re.fullmatch(r"\s*[0-9]+\s*", value, re.ASCII)
        assert int(value) == count
    else:
        assert type(value) is int
        assert value == count


# --- library arguments: text or a pint Quantity -----------------------------------------------


def test_as_quantity_reads_text_through_the_parser() -> None:
    assert_exact(as_quantity("4.5mg", option="--target", kinds=(MASS,)), "4.5", "milligram")
    with pytest.raises(InputError, match=r'^target="4,5mg": uses a decimal comma'):
        as_quantity("4,5mg", option="--target", kinds=(MASS,))


def test_as_quantity_keeps_an_exact_quantity_of_ldncalc_registry() -> None:
    dose = Quantity(Decimal("4.5"), "milligram")
    assert as_quantity(dose, option="--target", kinds=(MASS,)) is dose


@pytest.mark.parametrize(
    ("magnitude", "unit", "kinds", "expected", "expected_unit"),
    [
        (4.5, "mg", (MASS,), "4.5", "milligram"),
        (4.5, "milligram", (MASS,), "4.5", "milligram"),
        (500, "microgram", (MASS,), "500", "microgram"),
        (0.1, "gram", (MASS,), "0.1", "gram"),
        (0.1 + 0.2, "mg", (MASS,), "0.30000000000000004", "milligram"),  # the float given
        (100, "mL", (VOLUME,), "100", "milliliter"),
        (1, "mg/mL", (CONCENTRATION,), "1", "milligram/milliliter"),
        (98.5, "percent", (PERCENT,), "98.5", "percent"),
        (14, "day", (DURATION,), "14", "day"),
        (2, "week", (DURATION,), "2", "week"),
        (377.86, "g/mol", (MOLAR_MASS,), "377.86", "gram/mole"),
    ],
)
def test_as_quantity_makes_another_registry_quantity_exact(
    magnitude: float, unit: str, kinds: tuple[Kind, ...], expected: str, expected_unit: str
) -> None:
    theirs = OTHER_REGISTRY.Quantity(magnitude, unit)
    assert_exact(as_quantity(theirs, option="--x", kinds=kinds), expected, expected_unit)


def test_as_quantity_makes_a_float_quantity_of_ldncalc_registry_exact() -> None:
    assert_exact(as_quantity(Quantity(4.5, "mg"), option="--x", kinds=(MASS,)), "4.5", "milligram")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            OTHER_REGISTRY.Quantity(4.5, "mL"),
            'target="4.5 milliliter": has unit milliliter; use mg, mcg or g',
        ),
        (
            OTHER_REGISTRY.Quantity(0.001, "kg"),
            'target="0.001 kilogram": has unit kilogram; use mg, mcg or g',
        ),
        (
            Quantity(Decimal("4.5"), "milliliter"),
            'target="4.5 milliliter": has unit milliliter; use mg, mcg or g',
        ),
        (
            OTHER_REGISTRY.Quantity(float("nan"), "mg"),
            'target="nan milligram": is not a finite number; write e.g. 4.5mg',
        ),
        (
            OTHER_REGISTRY.Quantity(float("inf"), "mg"),
            'target="inf milligram": is not a finite number; write e.g. 4.5mg',
        ),
        (
            Quantity(Decimal("NaN"), "milligram"),
            'target="NaN milligram": is not a finite number; write e.g. 4.5mg',
        ),
        (
            OTHER_REGISTRY.Quantity(-4.5, "mg"),
            'target="-4.5 milligram": is not positive; write e.g. 4.5mg',
        ),
        (
            OTHER_REGISTRY.Quantity(0, "mg"),
            'target="0 milligram": is not positive; write e.g. 4.5mg',
        ),
        (4.5, 'target="4.5": is neither text nor a quantity; write e.g. 4.5mg'),
        (None, "target=: is neither text nor a quantity; write e.g. 4.5mg"),
    ],
)
def test_as_quantity_refusals(value: object, message: str) -> None:
    with pytest.raises(InputError) as caught:
        as_quantity(value, option="--target", kinds=(MASS,))
    assert str(caught.value) == message


@given(st.floats(min_value=1e-6, max_value=1e6, allow_nan=False))
@settings(max_examples=100)
def test_a_float_quantity_becomes_the_decimal_of_its_shortest_text(magnitude: float) -> None:
    exact = as_quantity(OTHER_REGISTRY.Quantity(magnitude, "mg"), option="--x", kinds=(MASS,))
    assert exact.magnitude == Decimal(repr(magnitude))
    assert float(exact.magnitude) == magnitude


# --- the registry -----------------------------------------------------------------------------


# The unit constants are built from pint's unit container, which pint does not check: a
# misspelt name would go unnoticed until a conversion. Each is the unit its name means.
@pytest.mark.parametrize(
    ("unit", "name"),
    [
        (MG, "milligram"),
        (MCG, "microgram"),
        (G, "gram"),
        (ML, "milliliter"),
        (L, "liter"),
        (MG_PER_ML, "milligram/milliliter"),
        (MCG_PER_ML, "microgram/milliliter"),
        (PCT, "percent"),
        (DIMENSIONLESS, "dimensionless"),
        (DAY, "day"),
        (WEEK, "week"),
        (G_PER_MOL, "gram/mole"),
        (INCH, "inch"),
        (MM, "millimeter"),
    ],
)
def test_each_unit_constant_is_the_unit_it_names(unit: pint.Unit, name: str) -> None:
    assert unit == ureg.Unit(name)


# The symbols and aliases the registry defines, and units it does not have: a unit nobody
# here uses cannot be produced by accident.
@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("g", "gram"),
        ("mg", "milligram"),
        ("ug", "microgram"),
        ("mcg", "microgram"),
        ("L", "liter"),
        ("l", "liter"),
        ("litre", "liter"),
        ("mL", "milliliter"),
        ("mol", "mole"),
        ("d", "day"),
        ("wk", "week"),
        ("%", "percent"),
        ("m", "meter"),
        ("metre", "meter"),
        ("in", "inch"),
        ("mm", "millimeter"),
    ],
)
def test_the_registry_defines_each_symbol_and_alias(written: str, name: str) -> None:
    assert ureg.get_name(written) == name


@pytest.mark.parametrize("name", ["kilogram", "kg", "ng", "second", "cc", "ounce", "grain"])
def test_the_registry_has_only_pharmacy_units(name: str) -> None:
    with pytest.raises(pint.UndefinedUnitError):
        ureg.Unit(name)


@pytest.mark.parametrize(
    ("quantity", "unit", "expected"),
    [
        (Quantity(Decimal("4.5"), MG), G, "0.0045"),
        (Quantity(500, MCG), MG, "0.5"),
        (Quantity(Decimal("0.1"), L), ML, "100"),
        (Quantity(1, WEEK), DAY, "7"),
        (Quantity(50, PCT), DIMENSIONLESS, "0.5"),
        (Quantity(1, MG_PER_ML), MCG_PER_ML, "1000"),
        (Quantity(1, INCH), MM, "25.4"),
    ],
)
def test_the_registry_converts_exactly_in_decimals(
    quantity: Qty, unit: pint.Unit, expected: str
) -> None:
    converted = quantity.to(unit)
    assert converted.units == unit
    assert isinstance(converted.magnitude, Decimal)
    assert converted.magnitude == Decimal(expected)


# pint reads a unit string with Python's tokenizer, whose first use compiles a large regex
# (~2 ms of every start-up), and evaluates it: ldncalc gives pint Unit objects instead, from
# the parser and everywhere else. Run in a fresh process: this one has parsed and cached.
_RECORD_PARSING = """
import pint.pint_eval
from pint.util import ParserHelper

parsed = []
parse = ParserHelper.from_string.__wrapped__  # under an lru_cache: record every call
tokenize = pint.pint_eval.tokenizer  # what ureg("4.5 mg") uses, besides from_string


def from_string(cls, text, *args):
    parsed.append(text)
    return parse(cls, text, *args)


def tokenizer(text):
    parsed.append(text)
    return tokenize(text)


ParserHelper.from_string = classmethod(from_string)
pint.pint_eval.tokenizer = tokenizer

import contextlib, io, os, sys
import ldncalc
from ldncalc.cli import main
from ldncalc.profile import read_length

folder, profile = sys.argv[1], sys.argv[2]
for target in ("4.5mg", "0.1mg", "50mcg", "1mcg", "10mg"):  # syringes, dilutions, limits
    ldncalc.liquid(target=target)
ldncalc.liquid(target="1.76mg", concentration="5mg/mL", days="2w")
ldncalc.liquid(target="3mg", volume="100mL", formulation="ldn-liquid-preserved")
ldncalc.capsule(strength="4.5mg", quantity=30, salt="hcl-dihydrate", assay="99.5%",
                assay_basis="anhydrous", water="8.6%", overage="5%", shell_weight="75.2mg")
ldncalc.capsule(strength="0.5mg", quantity=30)  # an aliquot
for strength in ("4.5mg", "25mcg"):
    ldncalc.capsule(strength=strength, quantity=30, source="tablets", tablet_weight="150mg")
ldncalc.capsule(strength="1mg", quantity=10, size="3", fill_weight="60mg")
ldncalc.titrate(protocol="ldnrt-weekly")
ldncalc.titrate(protocol="three-step-1-5mg", form="capsule")
read_length("102mm")
label = ["--pharmacy", profile, "--patient", "Jane Doe", "--prescriber", "Dr. Ann Smith",
         "--rx", "1234567", "--expiry", "naltrexone=2027-06-30"]
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    codes = [
        main(["liquid", "--target", "4.5mg"]),
        main(["capsule", "--strength", "4.5mg", "--quantity", "30"]),
        main(["liquid", "--target", "50mcg", "--label", os.path.join(folder, "l.pdf"),
              "--record", os.path.join(folder, "r.pdf"), *label]),
        main(["capsule", "--strength", "0.5mg", "--quantity", "30",
              "--label", os.path.join(folder, "l.zpl"), "--record", os.path.join(folder, "r.txt"),
              "--lang", "fr", *label]),
    ]
print(codes, parsed)
"""


def test_no_unit_string_is_parsed_by_pint(tmp_path: Path) -> None:
    # the paths that build quantities: dilutions, aliquots, tablet powder, fill weights, salt
    # and assay factors, overage percentages, titrations, label sizes, labels and records
    profile = Path(__file__).parent.parent / "docs" / "pharmacy.example.toml"
    done = subprocess.run(
        [sys.executable, "-c", _RECORD_PARSING, str(tmp_path), str(profile)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == "[0, 0, 0, 0] []\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["l.pdf", "l.zpl", "r.pdf", "r.txt"]


# --------------------------------------------------------------------------------------------
# Numbers of absurd length (issue 9 §8): refused in one line, never an overflow or a bug
# --------------------------------------------------------------------------------------------

NINES = "9" * 5000  # Python refuses to turn an int of more than 4,300 digits into text
SHORT_NINES = f"{'9' * 60}...{'9' * 30} (5,000 characters)"  # how a message shows it


@pytest.mark.parametrize(
    ("text", "kinds", "message"),
    [
        (
            NINES + "mg",
            (MASS,),
            f'x="{"9" * 60}...{"9" * 28}mg (5,002 characters)": has 5,000 digits, more than '
            "any amount needs (20); write e.g. 4.5mg",
        ),
        (
            "0." + "0" * 3000 + "1mg",
            (MASS,),
            f'x="0.{"0" * 58}...{"0" * 27}1mg (3,005 characters)": is smaller than any amount; '
            "write e.g. 4.5mg",
        ),
        (
            "1" + "0" * 25 + "mL",
            (VOLUME,),
            'x="10000000000000000000000000mL": has 26 digits, more than any amount needs (20); '
            "write e.g. 100mL",
        ),
        (
            # 21 significant digits: past 20, Decimal arithmetic could round what was typed
            "4.50000000000000000000mg",
            (MASS,),
            'x="4.50000000000000000000mg": has 21 digits, more than any amount needs (20); '
            "write e.g. 4.5mg",
        ),
    ],
)
def test_a_number_of_absurd_length_is_refused_in_one_line(
    text: str, kinds: tuple[Kind, ...], message: str
) -> None:
    with pytest.raises(InputError) as caught:
        parse_quantity(text, option="--x", kinds=kinds)
    assert str(caught.value) == message


def test_twenty_significant_digits_are_read_exactly() -> None:
    read = parse_quantity("4.5000000000000000001mg", option="--x", kinds=(MASS,))
    assert read.magnitude == Decimal("4.5000000000000000001")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            NINES,
            f'quantity="{SHORT_NINES}": has 5,000 digits: it is out of range; write a whole '
            "number from 1 to 1,000",
        ),
        (
            NINES + ".0",
            f'quantity="{"9" * 60}...{"9" * 28}.0 (5,002 characters)": has 5,001 digits: it is '
            "out of range; write a whole number from 1 to 1,000",
        ),
        (
            10**5000,  # an int from a library caller, too long even to be shown
            'quantity="an int that cannot be shown": is out of range; write a whole number from '
            "1 to 1,000",
        ),
    ],
    ids=["text", "text with a point", "int"],
)
def test_a_count_of_absurd_length_is_out_of_range(value: object, message: str) -> None:
    with pytest.raises(UnsafeInputError) as caught:
        parse_count(value, option="--quantity", minimum=1, maximum=1000)  # type: ignore[arg-type]
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("magnitude", "problem"),
    [
        (Decimal("1E+999999"), "is larger than any amount"),
        (Decimal("1E-999999"), "is smaller than any amount"),
        (Decimal(NINES), "has 5,000 digits, more than any amount needs (20)"),
        (1e300, "is larger than any amount"),
        (5e-324, "is smaller than any amount"),
    ],
    ids=["1E+999999", "1E-999999", "5,000 digits", "1e300", "5e-324"],
)
def test_a_quantity_of_absurd_size_is_refused_before_any_arithmetic(
    magnitude: object, problem: str
) -> None:
    # before issue 9 §8, 1E+999999 mg passed and overflowed Decimal arithmetic later on
    with pytest.raises(InputError, match=re.escape(f"{problem}; write e.g. 4.5mg")):
        as_quantity(Quantity(magnitude, MG), option="--target", kinds=(MASS,))


# --- refusals as coded records, in English and French (issue 10) ------------------------------

# English words that cannot be in a French sentence (a stop list, with spaces around each)
ENGLISH_WORDS = (" the ", " and ", " of ", " is ", " with ", " has ", " write ", " an ", " not ")


def assert_french(error: LdnCalcError) -> None:
    """``error`` is coded, and its French rendering (both surfaces) holds no English word."""
    assert error.code != "text", error
    for surface in ("cli", "library"):
        french = error.render("fr", surface)
        # no-break spaces are the group separators of French numbers
        assert french.replace("\xa0", " ").isprintable(), french
        # the words around what was typed: the typed text itself may be anything ("0THE")
        problem, fix = error._words(Voice("fr", surface))  # type: ignore[arg-type]
        typed = [str(error.value), *(str(v) for v in error.params.values())]
        words = f" {problem} {fix} "
        for text in typed:
            words = words.replace(text, " ")
        assert not [w for w in ENGLISH_WORDS if w in words.lower()], french


@given(text=any_text(), kinds=kind_tuples())
@settings(max_examples=300)
@example(text="4.5cc", kinds=(MASS,))
@example(text="4.5mL", kinds=(MASS,))
@example(text="4.5Μg", kinds=(MASS,))
@example(text="4.5m", kinds=(MASS,))
@example(text="4.5xyz", kinds=(MASS,))
@example(text="5mg/5mL", kinds=(CONCENTRATION,))
@example(text="5mg/mL 2", kinds=(CONCENTRATION,))
@example(text="1,000mg", kinds=(MASS,))
@example(text="1,000.5mg", kinds=(MASS,))
@example(text="4,5mg", kinds=(MASS,))
@example(text="0.985", kinds=(PERCENT,))
@example(text="1e3mg", kinds=(MASS,))
@example(text="9" * 30 + "mg", kinds=(MASS,))
def test_every_refusal_of_the_parser_is_coded_and_has_french_words(
    text: str, kinds: tuple[Kind, ...]
) -> None:
    try:
        parse_quantity(text, option="--x", kinds=kinds)
    except InputError as error:
        assert_french(error)


@given(value=st.one_of(st.text(max_size=8), st.integers(), st.booleans(), st.floats()))
@settings(max_examples=200)
@example(value="9" * 40)
@example(value="1,000")
@example(value="-3")
@example(value="30.0")
def test_every_refusal_of_a_count_is_coded_and_has_french_words(value: object) -> None:
    try:
        parse_count(value, option="--quantity", minimum=1, maximum=1000)  # type: ignore[arg-type]
    except LdnCalcError as error:
        assert_french(error)


@pytest.mark.parametrize(
    "value",
    [
        Quantity(Decimal("4.5"), ML),
        Quantity(Decimal("-1"), MG),
        Quantity(Decimal("NaN"), MG),
        Quantity(Decimal("1E+40"), MG),
        4.5,
    ],
)
def test_every_refusal_of_a_library_quantity_is_coded_and_has_french_words(value: object) -> None:
    with pytest.raises(InputError) as caught:
        as_quantity(value, option="target", kinds=(MASS,))
    assert_french(caught.value)


@pytest.mark.parametrize(
    ("text", "kinds", "code", "english", "french"),
    [
        (
            "4,5mg",
            (MASS,),
            "decimal-comma",
            '--target: "4,5mg" uses a decimal comma; write 4.5mg',
            '--target: "4,5mg" utilise une virgule décimale; écrivez 4.5mg',
        ),
        (
            "4.5",
            (MASS,),
            "no-unit",
            '--target: "4.5" has no unit; write 4.5mg (units: mg, mcg or g)',
            "--target: \"4.5\" n'a pas d'unité; écrivez 4.5mg (unités : mg, mcg ou g)",
        ),
        (
            "0mg",
            (MASS,),
            "zero-amount",
            '--target: "0mg" is zero; write a positive amount, e.g. 4.5mg',
            '--target: "0mg" est zéro; écrivez une quantité positive, par exemple 4.5mg',
        ),
        (
            "4.5mL",
            (MASS,),
            "wrong-kind",
            '--target: "4.5mL" is a volume, not a mass; write a mass in mg, mcg or g, e.g. 4.5mg',
            '--target: "4.5mL" est un volume, pas une masse; écrivez une masse en mg, mcg ou g, '
            "par exemple 4.5mg",
        ),
        (
            "5cc",
            (VOLUME,),
            "refused-unit",
            '--target: "5cc" uses "cc": cc is misread as u or 00 (ISMP); write mL',
            '--target: "5cc" emploie « cc » : cc se lit à tort u ou 00 (ISMP); écrivez mL',
        ),
        (
            "5mg/5mL",
            (CONCENTRATION,),
            "amount-per-volume",
            '--target: "5mg/5mL" gives the amount in 5 mL; write the amount in 1 mL: 1mg/mL',
            '--target: "5mg/5mL" donne la quantité dans 5 mL; écrivez la quantité dans 1 mL : '
            "1mg/mL",
        ),
    ],
)
def test_a_refusal_in_english_and_french_on_the_command_line(
    text: str, kinds: tuple[Kind, ...], code: str, english: str, french: str
) -> None:
    with pytest.raises(InputError) as caught:
        parse_quantity(text, option="--target", kinds=kinds)
    assert caught.value.code == code
    assert caught.value.render("en", "cli") == english
    assert caught.value.render("fr", "cli") == french


def test_a_count_out_of_range_in_french() -> None:
    with pytest.raises(UnsafeInputError) as caught:
        parse_count("200", option="--quantity", minimum=1, maximum=100)
    assert caught.value.code == "count-out-of-range"
    assert caught.value.params == {"minimum": 1, "maximum": 100}
    assert (
        str(caught.value) == 'quantity="200": is out of range; write a whole number from 1 to 100'
    )
    assert caught.value.render("fr", "cli") == (
        '--quantity: "200" est hors des limites; écrivez un nombre entier de 1 à 100'
    )


@pytest.mark.parametrize("kind", [WATER_PERCENT, OVERAGE_PERCENT])
@pytest.mark.parametrize("text", ["0", "0.0", " 0 "])
def test_a_bare_zero_where_zero_percent_is_accepted_is_refused_for_its_missing_unit(
    kind: Kind, text: str
) -> None:
    # review: `--water 0` said '"0" is zero; write a positive amount, e.g. 8.6%', though 0 %
    # is a water content a certificate can state and `--water 0%` is accepted: the number
    # lacks its unit, and the fix is 0%
    with pytest.raises(InputError) as caught:
        parse_quantity(text, option="--water", kinds=(kind,))
    assert caught.value.code == "no-unit"
    assert caught.value.render("en", "cli") == f'--water: "{text}" has no unit; write 0% (units: %)'


def test_a_bare_zero_where_zero_is_refused_is_still_zero() -> None:
    assert refusal("0") == 'target="0": is zero; write a positive amount, e.g. 4.5mg'
    assert refusal("0", (PERCENT,)) == 'target="0": is zero; write a positive amount, e.g. 98.5%'


def test_zero_percent_water_and_overage_are_accepted_by_the_library() -> None:
    import ldncalc

    with pytest.raises(InputError) as caught:
        ldncalc.capsule(strength="4.5mg", quantity=30, overage="0.0")
    assert str(caught.value) == 'overage="0.0": has no unit; write 0% (units: %)'
    ldncalc.capsule(strength="4.5mg", quantity=30, overage="0%")  # the fix is accepted
    anhydrous = {"assay": "99%", "assay_basis": "anhydrous"}
    with pytest.raises(InputError) as caught:
        ldncalc.capsule(strength="4.5mg", quantity=30, water="0", **anhydrous)
    assert str(caught.value) == 'water="0": has no unit; write 0% (units: %)'
    ldncalc.capsule(strength="4.5mg", quantity=30, water="0%", **anhydrous)
