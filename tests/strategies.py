"""Hypothesis strategies shared by the test modules: what a person types, and exact quantities.

A typed amount is generated together with what it must mean (``Typed``): the tests then check
that the parser reads exactly that, never a neighbour. Magnitudes are Decimals with a bounded
number of places, so every expected value is exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pint
from hypothesis import strategies as st

from ldncalc.units import (
    CONCENTRATION,
    DURATION,
    KINDS,
    MASS,
    MOLAR_MASS,
    PERCENT,
    STRENGTH,
    VOLUME,
    Kind,
    Qty,
    Quantity,
)

__all__ = [
    "KIND_TUPLES",
    "Typed",
    "absurd_numbers",
    "any_text",
    "decimal_texts",
    "decimals",
    "hostile_calls",
    "hostile_values",
    "kind_tuples",
    "liquid_supplies",
    "near_misses",
    "quantities",
    "typed_amounts",
]

# The option/kinds pairs the library and the CLI actually use.
KIND_TUPLES: tuple[tuple[Kind, ...], ...] = (
    (MASS,),
    (VOLUME,),
    (CONCENTRATION,),
    (PERCENT,),
    (DURATION,),
    (MOLAR_MASS,),
    (STRENGTH,),  # --strength of a cream
    (PERCENT, MASS),  # --overage style: a percent or an amount
)


def kind_tuples() -> st.SearchStrategy[tuple[Kind, ...]]:
    return st.sampled_from(KIND_TUPLES)


@st.composite
def decimal_texts(draw: st.DrawFn, max_whole_digits: int = 5, max_places: int = 6) -> str:
    """A positive plain decimal number as a person writes it: ``30``, ``0.5``, ``4.50``.

    Never a naked point or an extra leading zero (the parser refuses those on purpose); a
    trailing zero after the point is allowed (``1.0`` is read as exactly 1).
    """
    whole = draw(st.integers(0, 10**max_whole_digits - 1))
    places = draw(st.integers(0, max_places))
    fraction = draw(st.text("0123456789", min_size=places, max_size=places))
    text = f"{whole}.{fraction}" if fraction else str(whole)
    if Decimal(text) == 0:
        text = f"{whole}.{fraction[:-1]}1" if fraction else "1"
    return text


def _random_case(draw: st.DrawFn, text: str) -> str:
    """``text`` with each ASCII letter upper or lower case at random (µ and μ left alone:
    only ASCII case is forgiven)."""
    flips = draw(st.lists(st.booleans(), min_size=len(text), max_size=len(text)))
    return "".join(
        c.upper() if flip and c.isascii() else c for c, flip in zip(text, flips, strict=True)
    )


_SPACE = st.sampled_from(["", " ", "  ", "\t", "\u00a0"])


@dataclass(frozen=True)
class Typed:
    """A typed amount and what it must be read as."""

    text: str
    digits: str  # the number exactly as typed
    unit: pint.Unit  # the unit it means, e.g. ldncalc.units.MCG_PER_ML
    kinds: tuple[Kind, ...]

    @property
    def expected(self) -> Qty:
        return Quantity(Decimal(self.digits), self.unit)


@st.composite
def typed_amounts(draw: st.DrawFn, kinds: tuple[Kind, ...] | None = None) -> Typed:
    """An accepted spelling of an amount: any whitelisted unit spelling of ``kinds``, random
    ASCII letter case, spaces around the number, the unit and a "/"."""
    kinds = kinds if kinds is not None else draw(kind_tuples())
    kind = draw(st.sampled_from(kinds))
    spelling, unit = draw(st.sampled_from(sorted(kind.spellings.items())))
    spelling = _random_case(draw, spelling)
    if "/" in spelling:
        before, after = draw(_SPACE), draw(_SPACE)
        spelling = spelling.replace("/", f"{before}/{after}")
    digits = draw(decimal_texts())
    text = f"{draw(_SPACE)}{digits}{draw(_SPACE)}{spelling}{draw(_SPACE)}"
    return Typed(text=text, digits=digits, unit=unit, kinds=kinds)


def decimals(
    max_places: int = 6, max_value: int = 10**8, min_value: Decimal | None = None
) -> st.SearchStrategy[Decimal]:
    """Positive exact Decimals with at most ``max_places`` decimal places."""
    smallest = min_value if min_value is not None else Decimal(1).scaleb(-max_places)
    return st.integers(0, max_places).flatmap(
        lambda places: st.decimals(
            min_value=max(smallest, Decimal(1).scaleb(-places)),
            max_value=max_value,
            places=places,
            allow_nan=False,
            allow_infinity=False,
        )
    )


# canonical unit name of each kind that ldncalc's formatter and parser both know
_UNITS = {
    MASS: ["milligram", "microgram", "gram"],
    VOLUME: ["milliliter", "liter"],
    CONCENTRATION: ["milligram/milliliter", "microgram/milliliter"],
    PERCENT: ["percent"],
    DURATION: ["day", "week"],
    MOLAR_MASS: ["gram/mole"],
    STRENGTH: ["milligram/gram"],  # a cream's, by weight (issue 14)
}
assert set(_UNITS) == set(KINDS)


@st.composite
def quantities(
    draw: st.DrawFn, kinds: tuple[Kind, ...] = (MASS, VOLUME, CONCENTRATION), max_places: int = 4
) -> Qty:
    """An exact quantity of ldncalc's registry, in one of the whitelisted units of ``kinds``."""
    kind = draw(st.sampled_from(kinds))
    unit = draw(st.sampled_from(_UNITS[kind]))
    return Quantity(draw(decimals(max_places=max_places)), unit)


# Pieces of text a person might type: numbers with commas, points and signs, exponents,
# spaces, accepted and refused unit spellings, non-ASCII look-alikes.
_PIECES = [
    *"0123456789",
    *".,+-eE /%",
    "0.",
    ".5",
    "1,000",
    "4,5",
    "e-3",
    "mg",
    "MG",
    "mcg",
    "µg",
    "μg",
    "Μg",
    "ug",
    "g",
    "mL",
    "ML",
    "l",
    "L",
    "m",
    "mc",
    "d",
    "days",
    "w",
    "weeks",
    "mol",
    "cc",
    "gr",
    "IU",
    "units",
    "tsp",
    "oz",
    "gtt",
    "nan",
    "inf",
    "\u2212",  # minus sign
    "\u00a0",  # no-break space
    "\u200b",  # zero-width space
    "\n",
    "\uff14",  # full-width 4
    "\u0664",  # Arabic-Indic 4
]


def near_misses() -> st.SearchStrategy[str]:
    """Text that looks like an amount: right, nearly right, or wrong in a way a person would."""
    return st.lists(st.sampled_from(_PIECES), max_size=8).map("".join)


def any_text() -> st.SearchStrategy[str]:
    """Any text at all (every Unicode category hypothesis generates), or a near miss."""
    return st.one_of(st.text(), st.text(st.characters(codec="utf-8")), near_misses())


# --- library arguments --------------------------------------------------------------------


@st.composite
def liquid_supplies(draw: st.DrawFn) -> dict[str, object]:
    """Keyword arguments of ``liquid()`` with ``days`` of supply: a dose from 0.05 mg to the
    10 mg a day of low-dose naltrexone, 1–4 doses a day, 1–365 days, either formulation, and
    the default, a listed or any in-range concentration (0.5–5 mg/mL in 0.1 mg/mL steps: only
    the listed ones are made, the others are refused, issue 9 §5)."""
    per_day = draw(st.integers(1, 4))
    hundredths = draw(st.integers(5, 1000 // per_day))
    target = f"{hundredths * 10}mcg" if draw(st.booleans()) else f"{Decimal(hundredths) / 100}mg"
    kwargs: dict[str, object] = {
        "target": target,
        "doses_per_day": per_day,
        "days": draw(st.integers(1, 365)),
        "formulation": draw(st.sampled_from([None, "ldn-liquid-water", "ldn-liquid-preserved"])),
    }
    concentration = draw(
        st.one_of(
            st.none(),
            st.sampled_from(["0.5mg/mL", "1mg/mL", "5mg/mL"]),
            st.integers(5, 50).map(lambda tenths: f"{Decimal(tenths) / 10}mg/mL"),
        )
    )
    if concentration is not None:
        kwargs["concentration"] = concentration
    return kwargs


# --- hostile library arguments (issue 9 §8) -------------------------------------------------

# Numbers no amount has: thousands of digits, exponents beyond Decimal's arithmetic, NaN,
# infinities. (Under the 4,300 digits beyond which Python refuses to turn an int into text:
# hypothesis could not show a failing example; the tests give such ints explicitly.)
_ABSURD = [
    10**4000,
    -(10**4000),
    2**64,
    Decimal("1E+999999"),
    Decimal("1E-999999"),
    Decimal("9" * 5000),
    Decimal("NaN"),
    Decimal("sNaN"),
    Decimal("-Infinity"),
    Decimal("-0"),
    float("inf"),
    float("nan"),
    1e308,
    5e-324,
]
_ABSURD_TEXT = [
    "9" * 5000,
    "9" * 5000 + "mg",
    "0." + "0" * 3000 + "1mg",
    "1" + "0" * 25 + "mcg",
    "1e999999mg",
    "nan mg",
    "inf mL",
    "9" * 5000 + "d",
    "9" * 5000 + "%",
    "9" * 5000 + "mg/mL",
    "/" + "a" * 5000,
    "2026-02-30",
    "\x00",
]
_HOSTILE_UNITS = [
    "mg",
    "mcg",
    "g",
    "mL",
    "L",
    "mg/mL",
    "percent",
    "day",
    "week",
    "g/mol",
    "inch",
    "",
]


def absurd_numbers() -> st.SearchStrategy[object]:
    """A number of any type: any int, float or Decimal (NaN and infinities included), or one
    of the absurd ones above."""
    return st.one_of(
        st.sampled_from(_ABSURD),
        st.integers(),
        st.floats(),
        st.decimals(),
        st.fractions(),
        st.complex_numbers(),
    )


def _quantity(magnitude: object, unit: str) -> object:
    from ldncalc.units import ureg

    return ureg.Quantity(magnitude, unit)


def hostile_values() -> st.SearchStrategy[object]:
    """Any value a library caller could pass for any argument: text (any, near misses, absurd
    lengths), numbers of any type and size, quantities of any unit and magnitude, and values
    of other types (None, bools, bytes, containers, dates, an object)."""
    return st.one_of(
        any_text(),
        st.sampled_from(_ABSURD_TEXT),
        absurd_numbers(),
        st.builds(_quantity, absurd_numbers(), st.sampled_from(_HOSTILE_UNITS)),
        st.none(),
        st.booleans(),
        st.binary(max_size=8),
        st.lists(st.text(max_size=4), max_size=3),
        st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
        st.dates(),
        st.datetimes(),
        st.just(object()),
    )


# The public functions a property test calls with hostile values.
LIBRARY_CALLS = ("liquid", "capsule", "titrate", "prescription", "load", "load_profile")


@st.composite
def hostile_calls(draw: st.DrawFn) -> tuple[str, dict[str, object]]:
    """A public function of ldncalc and hostile values for one to three of its keywords."""
    import inspect

    import ldncalc

    function = draw(st.sampled_from(LIBRARY_CALLS))
    names = list(inspect.signature(getattr(ldncalc, function)).parameters)
    chosen = draw(st.lists(st.sampled_from(names), min_size=1, max_size=3, unique=True))
    return function, {name: draw(hostile_values(), label=name) for name in chosen}
