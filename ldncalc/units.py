"""The one unit registry and the only parser of a person's text into a quantity.

Every amount ldncalc reads (a CLI option, a library argument, a value in a formulation file)
goes through :func:`parse_quantity` or, for counts, :func:`parse_count`. pint's own grammar
never sees that text: pint would read ``4,5 mg`` as 45 mg and ``4.5 ML`` as 4.5 megalitres.
The parser accepts a plain decimal number and one unit from a whitelist, and refuses anything
it could misread with a message that says how to write it.

Magnitudes are :class:`decimal.Decimal` throughout (the registry is built with
``non_int_type=Decimal``), so 4.5 stays 4.5 and never becomes 4.499999.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, TypeAlias

import pint

from ldncalc.errors import InputError, UnsafeInputError

ureg: pint.UnitRegistry[Any] = pint.UnitRegistry(
    str(Path(__file__).with_name("units.txt")),
    non_int_type=Decimal,
    cache_folder=None,
)
Quantity = ureg.Quantity
Qty: TypeAlias = pint.Quantity[Any]  # the annotation for a quantity of this registry
# Units parsed once: converting with a Unit object skips pint's parsing of a unit name.
MG = ureg.Unit("milligram")
ML = ureg.Unit("milliliter")


def converted(quantity: Qty, unit: pint.Unit) -> Qty:
    """``quantity`` in ``unit``; no conversion work when it is in that unit already."""
    return quantity if quantity._units == unit._units else quantity.to(unit)


# Canonical pint unit for each accepted spelling, keyed in lower case: no two pharmacy units
# here differ only by letter case, so "ML", "Ml" and "mL" can only mean millilitre.
_MASS = {
    "mg": "milligram",
    "mcg": "microgram",
    "µg": "microgram",
    "μg": "microgram",
    "ug": "microgram",
    "g": "gram",
}
_VOLUME = {"ml": "milliliter", "l": "liter"}
_CONCENTRATION = {
    f"{m}/{v}": f"{mass}/{volume}"
    for m, mass in _MASS.items()
    if mass != "gram"
    for v, volume in (("ml", "milliliter"),)
}
_PERCENT = {"%": "percent"}
_DURATION = {
    "d": "day",
    "day": "day",
    "days": "day",
    "w": "week",
    "wk": "week",
    "week": "week",
    "weeks": "week",
}
_MOLAR_MASS = {"g/mol": "gram/mole"}


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one object per kind
class Kind:
    """What an option takes: a dimension, the spellings accepted, and how to write one."""

    name: str  # "a mass", used in messages
    spellings: dict[str, str]
    shown: str  # the accepted units as a person should write them
    default_unit: str  # suggested when a number comes without a unit

    @property
    def dimensionality(self) -> Any:
        return Quantity(1, next(iter(self.spellings.values()))).dimensionality


MASS = Kind("a mass", _MASS, "mg, mcg or g", "mg")
VOLUME = Kind("a volume", _VOLUME, "mL or L", "mL")
CONCENTRATION = Kind("a concentration", _CONCENTRATION, "mg/mL or mcg/mL", "mg/mL")
PERCENT = Kind("a percentage", _PERCENT, "%", "%")
DURATION = Kind("a duration", _DURATION, "d (days) or w (weeks)", "d")
MOLAR_MASS = Kind("a molar mass", _MOLAR_MASS, "g/mol", "g/mol")
KINDS = (MASS, VOLUME, CONCENTRATION, PERCENT, DURATION, MOLAR_MASS)

# Units a pharmacist might type that ldncalc refuses by name, with the reason.
_REFUSED_UNITS = {
    "cc": "cc is misread as u or 00 (ISMP); write mL",
    "gr": "gr (grain) is confused with g (gram); write mg or g",
    "grain": "grains are not used; write mg or g",
    "iu": "naltrexone is not dosed in units; write mg or mcg",
    "u": "naltrexone is not dosed in units; write mg or mcg",
    "unit": "naltrexone is not dosed in units; write mg or mcg",
    "units": "naltrexone is not dosed in units; write mg or mcg",
    "tsp": "household measures are not accurate; write mL",
    "tbsp": "household measures are not accurate; write mL",
    "oz": "ounces are not used; write mL or g",
    "floz": "ounces are not used; write mL",
    "dr": "drams are not used; write mL or g",
    "gtt": "drops are not a measure; write mL",
    "drop": "drops are not a measure; write mL",
    "drops": "drops are not a measure; write mL",
    "minim": "minims are not used; write mL",
}

_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?", re.ASCII)
_THOUSANDS = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])", re.ASCII)


def parse_quantity(text: str, *, option: str, kinds: tuple[Kind, ...]) -> Qty:
    """Read ``text`` as one positive amount of one of ``kinds``, or raise :class:`InputError`.

    Accepted: an ASCII decimal number (``4.5``, ``0.5``, ``30``), optional spaces, then one
    whitelisted unit in any letter case (``4.5mg``, ``4.5 MG``, ``1 mg / mL``, ``25 µg``).
    The result's magnitude is the exact :class:`~decimal.Decimal` of the digits written.
    """
    if not isinstance(text, str):
        raise InputError(option, text, "is not text", f"write e.g. {_example(kinds)}")
    raw = text
    text = text.strip()
    if not text:
        raise InputError(option, raw, "is empty", f"write e.g. {_example(kinds)}")
    if "," in text:
        if _THOUSANDS.match(text):
            plain = _THOUSANDS.sub(lambda m: m.group().replace(",", ""), text, count=1)
            first = text.split(",", 1)[0]
            raise InputError(
                option,
                raw,
                "has a comma, which can be a decimal or a thousands separator",
                f"write {_compact(plain)} or {_compact(first + '.' + text.split(',', 1)[1])}",
            )
        raise InputError(
            option, raw, "uses a decimal comma", f"write {_compact(text.replace(',', '.'))}"
        )
    if text[0] in "+-−":
        sign = "negative" if text[0] != "+" else "signed"
        raise InputError(
            option, raw, f"is {sign}", f"write a positive amount, e.g. {_example(kinds)}"
        )
    if text[0] == ".":
        raise InputError(option, raw, "has no leading zero (ISMP)", f"write {_compact('0' + text)}")
    number = _NUMBER.match(text)
    if number is None:
        raise InputError(
            option, raw, "does not start with a number", f"write e.g. {_example(kinds)}"
        )
    digits, rest = number.group(), text[number.end() :]
    if rest.startswith("."):
        raise InputError(
            option, raw, "is not a plain decimal number", f"write e.g. {_example(kinds)}"
        )
    if re.match(r"[eE][+-]?[0-9]", rest):
        raise InputError(
            option,
            raw,
            "uses exponent notation",
            f"write the number in full, e.g. {_example(kinds)}",
        )
    unit_text = rest.strip()
    if unit_text[:1].isdigit():
        raise InputError(
            option, raw, "has a space inside the number", f"write e.g. {_example(kinds)}"
        )
    if not unit_text:
        raise InputError(
            option,
            raw,
            "has no unit",
            f"write {digits}{kinds[0].default_unit} (units: {_shown(kinds)})",
        )
    key = re.sub(r"\s*/\s*", "/", unit_text).lower()
    canonical = _lookup(key, kinds)
    if canonical is None:
        raise _unit_error(option, raw, unit_text, key, digits, kinds)
    value = Decimal(digits)
    if value == 0:
        raise InputError(option, raw, "is zero", f"write a positive amount, e.g. {_example(kinds)}")
    return Quantity(value, canonical)


def parse_count(text: str | int, *, option: str, minimum: int, maximum: int) -> int:
    """Read a whole number from ``minimum`` to ``maximum`` (a count: capsules, doses a day)."""
    if isinstance(text, bool):
        raise InputError(option, text, "is not a whole number", f"write e.g. {minimum}")
    if isinstance(text, int):
        value = text
    else:
        stripped = text.strip() if isinstance(text, str) else ""
        if not re.fullmatch(r"[0-9]+", stripped, re.ASCII):
            if re.fullmatch(r"[0-9]+\.0*", stripped, re.ASCII):
                fix = f"write {stripped.split('.')[0]}"
            else:
                fix = f"write a whole number from {minimum} to {maximum:,}"
            raise InputError(option, text, "is not a whole number", fix)
        value = int(stripped)
    if not minimum <= value <= maximum:
        raise UnsafeInputError(
            option, text, "is out of range", f"write a whole number from {minimum} to {maximum:,}"
        )
    return value


def as_quantity(value: object, *, option: str, kinds: tuple[Kind, ...]) -> Qty:
    """A library argument as a quantity of this registry: text goes through the parser;
    a pint Quantity (of any registry) is checked against the whitelist and made exact."""
    if isinstance(value, str):
        return parse_quantity(value, option=option, kinds=kinds)
    if isinstance(value, pint.Quantity):
        magnitude = value.magnitude
        # fast path for ldncalc's own quantities: compare pint's unit container directly
        if (
            value._REGISTRY is ureg
            and isinstance(magnitude, Decimal)
            and value._units in _containers(kinds)
            and magnitude.is_finite()
            and magnitude > 0
        ):
            return value
        if isinstance(magnitude, float | int) and not isinstance(magnitude, bool):
            # repr gives the shortest text that is this float: 4.5, not 4.4999999...
            magnitude = Decimal(repr(magnitude))
        if not isinstance(magnitude, Decimal) or not magnitude.is_finite():
            fix = f"write e.g. {_example(kinds)}"
            raise InputError(option, value, "is not a finite number", fix)
        unit = str(value.units).replace(" ", "")
        allowed = {c for kind in kinds for c in kind.spellings.values()}
        if unit not in allowed:
            raise InputError(option, value, f"has unit {unit}", f"use {_shown(kinds)}")
        if magnitude <= 0:
            raise InputError(option, value, "is not positive", f"write e.g. {_example(kinds)}")
        return Quantity(magnitude, unit)
    raise InputError(
        option, value, "is neither text nor a quantity", f"write e.g. {_example(kinds)}"
    )


@cache
def _containers(kinds: tuple[Kind, ...]) -> frozenset[Any]:
    """pint's unit containers for every unit of ``kinds`` (to check a Quantity quickly)."""
    return frozenset(Quantity(1, c)._units for kind in kinds for c in kind.spellings.values())


def _lookup(key: str, kinds: tuple[Kind, ...]) -> str | None:
    for kind in kinds:
        if key in kind.spellings:
            return kind.spellings[key]
    return None


def _unit_error(
    option: str, raw: str, unit_text: str, key: str, digits: str, kinds: tuple[Kind, ...]
) -> InputError:
    if key in _REFUSED_UNITS:
        return InputError(
            option,
            raw,
            f'uses "{unit_text}": ' + _REFUSED_UNITS[key].split("; ")[0],
            _REFUSED_UNITS[key].split("; ")[-1],
        )
    for other in KINDS:
        if other not in kinds and key in other.spellings:
            return InputError(
                option,
                raw,
                f"is {other.name}, not {_names(kinds)}",
                f"write {_names(kinds)} in {_shown(kinds)}, e.g. {_example(kinds)}",
            )
    return InputError(
        option,
        raw,
        f'has unit "{unit_text}", which ldncalc does not accept',
        f"write {digits} with {_shown(kinds)}",
    )


def _example(kinds: tuple[Kind, ...]) -> str:
    return {
        "a mass": "4.5mg",
        "a volume": "100mL",
        "a concentration": "1mg/mL",
        "a percentage": "98.5%",
        "a duration": "14d",
        "a molar mass": "377.86g/mol",
    }[kinds[0].name]


def _shown(kinds: tuple[Kind, ...]) -> str:
    return " or ".join(kind.shown for kind in kinds)


def _names(kinds: tuple[Kind, ...]) -> str:
    return " or ".join(kind.name for kind in kinds)


def _compact(text: str) -> str:
    """The suggestion a person should type: the number and unit without spaces."""
    return re.sub(r"\s+", "", text)
