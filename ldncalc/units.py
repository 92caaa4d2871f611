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
import string
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any, TypeAlias

import pint
from pint.facets.plain import PrefixDefinition, ScaleConverter, UnitDefinition

from ldncalc.errors import InputError, UnsafeInputError

# ldncalc's unit registry: only the units a compounding pharmacist uses for LDN, defined here
# rather than in a definitions file, which pint parses at every start-up (~5 ms, against
# ~0.5 ms to define these), and so that a unit nobody here uses cannot be produced by accident.
# Volume is a base dimension of its own, not a length cubed: the only lengths are the
# sizes of label stock (in, mm), and no volume is ever made from them.

# name, value, symbol, aliases
_PREFIXES: tuple[tuple[str, Decimal, str, tuple[str, ...]], ...] = (
    ("milli", Decimal("0.001"), "m", ()),
    ("micro", Decimal("0.000001"), "u", ("mc",)),
)
# name, symbol, aliases, scale, reference: a base unit is 1 of its [dimension], which pint
# defines with it
_UNITS: tuple[tuple[str, str, tuple[str, ...], Decimal, dict[str, int]], ...] = (
    ("gram", "g", (), Decimal(1), {"[mass]": 1}),
    ("liter", "L", ("l", "litre"), Decimal(1), {"[volume]": 1}),
    ("mole", "mol", (), Decimal(1), {"[substance]": 1}),
    ("day", "d", (), Decimal(1), {"[time]": 1}),
    ("week", "wk", (), Decimal(7), {"day": 1}),
    ("percent", "%", (), Decimal("0.01"), {}),  # a pure number: 50 % is 0.5
    ("meter", "m", ("metre",), Decimal(1), {"[length]": 1}),
    # exact since the international yard and pound agreement of 1959 (NIST SP 811, B.8)
    ("inch", "in", (), Decimal("0.0254"), {"meter": 1}),
)


def _registry() -> pint.UnitRegistry[Any]:
    registry: pint.UnitRegistry[Any] = pint.UnitRegistry(
        None, non_int_type=Decimal, cache_folder=None
    )
    # The ignores: pint annotates define() as taking text or a class, though it takes these
    # definition objects, and a prefix value or scale as a float or Number, not a Decimal.
    for name, value, symbol, aliases in _PREFIXES:
        registry.define(PrefixDefinition(name, value, symbol, aliases))  # type: ignore[arg-type]
    for name, symbol, aliases, scale, reference in _UNITS:
        converter = ScaleConverter(scale)  # type: ignore[arg-type]
        unit = UnitDefinition(name, symbol, aliases, converter, registry.UnitsContainer(reference))
        registry.define(unit)  # type: ignore[arg-type]
    return registry


ureg = _registry()
Quantity = ureg.Quantity
Qty: TypeAlias = pint.Quantity[Any]  # the annotation for a quantity of this registry
# The units ldncalc converts to and builds quantities in, each made from pint's unit container
# (canonical names), never from text: pint reads a unit string with Python's tokenizer, whose
# first use compiles a large regex (~2 ms of start-up), then evaluates it. So no unit string
# reaches pint anywhere in ldncalc, not even a canonical name.
MG = ureg.Unit(ureg.UnitsContainer({"milligram": 1}))
MCG = ureg.Unit(ureg.UnitsContainer({"microgram": 1}))
G = ureg.Unit(ureg.UnitsContainer({"gram": 1}))
ML = ureg.Unit(ureg.UnitsContainer({"milliliter": 1}))
L = ureg.Unit(ureg.UnitsContainer({"liter": 1}))
MG_PER_ML = ureg.Unit(ureg.UnitsContainer({"milligram": 1, "milliliter": -1}))
MCG_PER_ML = ureg.Unit(ureg.UnitsContainer({"microgram": 1, "milliliter": -1}))
MG_PER_G = ureg.Unit(ureg.UnitsContainer({"milligram": 1, "gram": -1}))  # a cream's strength
PCT = ureg.Unit(ureg.UnitsContainer({"percent": 1}))  # not PERCENT: that is the Kind below
DIMENSIONLESS = ureg.Unit(ureg.UnitsContainer())
DAY = ureg.Unit(ureg.UnitsContainer({"day": 1}))
WEEK = ureg.Unit(ureg.UnitsContainer({"week": 1}))
G_PER_MOL = ureg.Unit(ureg.UnitsContainer({"gram": 1, "mole": -1}))
INCH = ureg.Unit(ureg.UnitsContainer({"inch": 1}))
MM = ureg.Unit(ureg.UnitsContainer({"millimeter": 1}))


def converted(quantity: Qty, unit: pint.Unit) -> Qty:
    """``quantity`` in ``unit``; no conversion work when it is in that unit already."""
    return quantity if quantity._units == unit._units else quantity.to(unit)


# The unit each accepted spelling means, keyed in lower case: no two pharmacy units here
# differ only by letter case, so "ML", "Ml" and "mL" can only mean millilitre.
_MASS = {
    "mg": MG,
    "mcg": MCG,
    "µg": MCG,
    "μg": MCG,
    "ug": MCG,
    "g": G,
}
_VOLUME = {"ml": ML, "l": L}
_PER_ML = {MG: MG_PER_ML, MCG: MCG_PER_ML}
_CONCENTRATION = {f"{m}/ml": _PER_ML[mass] for m, mass in _MASS.items() if mass in _PER_ML}
_PERCENT = {"%": PCT}
_DURATION = {
    "d": DAY,
    "day": DAY,
    "days": DAY,
    "w": WEEK,
    "wk": WEEK,
    "week": WEEK,
    "weeks": WEEK,
}
_MOLAR_MASS = {"g/mol": G_PER_MOL}
_STRENGTH = {"mg/g": MG_PER_G}  # by weight: a cream (docs/basis.md §9)
_LENGTH = {"in": INCH, "mm": MM}


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one object per kind
class Kind:
    """What an option takes: a dimension, the spellings accepted, and how to write one."""

    name: str  # "a mass", used in messages
    spellings: dict[str, pint.Unit]
    shown: str  # the accepted units as a person should write them
    default_unit: str  # suggested when a number comes without a unit
    example: str  # a value as a person should type it, shown in error messages
    zero: bool = False  # whether 0 (written with its unit, e.g. 0%) is accepted
    # a percentage's largest accepted value, if fixed: a bare 0.5 is not offered as the
    # fraction 50 % beyond it
    most: Decimal | None = None

    @property
    def key(self) -> str:
        """The kind as a message parameter (``mass``, ``molar mass``): its words in each
        language are in :mod:`ldncalc.locale.reading`."""
        return self.name.split(" ", 1)[1]

    @property
    def dimensionality(self) -> Any:
        return next(iter(self.spellings.values())).dimensionality


MASS = Kind("a mass", _MASS, "mg, mcg or g", "mg", "4.5mg")
VOLUME = Kind("a volume", _VOLUME, "mL or L", "mL", "100mL")
CONCENTRATION = Kind("a concentration", _CONCENTRATION, "mg/mL or mcg/mL", "mg/mL", "1mg/mL")
PERCENT = Kind("a percentage", _PERCENT, "%", "%", "98.5%")
DURATION = Kind("a duration", _DURATION, "d (days) or w (weeks)", "d", "14d")
MOLAR_MASS = Kind("a molar mass", _MOLAR_MASS, "g/mol", "g/mol", "377.86g/mol")
STRENGTH = Kind("a strength", _STRENGTH, "mg/g", "mg/g", "10mg/g")
KINDS = (MASS, VOLUME, CONCENTRATION, PERCENT, DURATION, MOLAR_MASS, STRENGTH)
# A percentage of extra capsules: the same unit, with an example that fits the option.
OVERAGE_PERCENT = Kind("a percentage", _PERCENT, "%", "%", "5%", zero=True, most=Decimal(50))
# The water content of an API lot (Karl Fischer, on its certificate of analysis): 0 to 15 %
# (docs/basis.md §1).
WATER_PERCENT = Kind("a percentage", _PERCENT, "%", "%", "8.6%", zero=True, most=Decimal(15))
# An empty capsule shell's weight: its example must itself be accepted.
SHELL_WEIGHT = Kind("a mass", _MASS, "mg, mcg or g", "mg", "76mg")
# Masses whose example must itself be accepted: a 4.5 mg tablet strength, tablet weight or
# fill weight is refused, so their messages show one that is not.
TABLET_STRENGTH = Kind("a mass", _MASS, "mg, mcg or g", "mg", "50mg")
TABLET_WEIGHT = Kind("a mass", _MASS, "mg, mcg or g", "mg", "250mg")
FILL_WEIGHT = Kind("a mass", _MASS, "mg, mcg or g", "mg", "150mg")
# A titration step: 4.5mg would be larger than most schedules' whole range.
STEP = Kind("a mass", _MASS, "mg, mcg or g", "mg", "0.5mg")
# A titration's first dose: 4.5mg is the usual target, where a titration ends.
FIRST_DOSE = Kind("a mass", _MASS, "mg, mcg or g", "mg", "0.5mg")
# A dose of drops: 4.5 mg in 1 drop of 0.05 mL would be 90 mg/mL, above the solubility.
DROPS_DOSE = Kind("a mass", _MASS, "mg, mcg or g", "mg", "0.5mg")
# A dropper's drop and a metered pump's actuation: 100mL, VOLUME's example, is neither.
DROP_VOLUME = Kind("a volume", _VOLUME, "mL or L", "mL", "0.05mL")
PUMP_VOLUME = Kind("a volume", _VOLUME, "mL or L", "mL", "0.5mL")
PUMP_MASS = Kind("a mass", _MASS, "mg, mcg or g", "g", "0.5g")  # what an actuation delivers
# A cream's weight made (and below, a dose applied) is grams of cream, not milligrams of drug.
CREAM_WEIGHT = Kind("a mass", _MASS, "mg, mcg or g", "g", "30g")
# The cream applied each time: its example is one application, not a tube.
CREAM_DOSE = Kind("a mass", _MASS, "mg, mcg or g", "g", "1g")
# Sublingual drops (docs/basis.md §9): a dose of 0.5 mg, a drop of a USP medicine dropper
# (0.05 mL), and 10 mg/mL, which gives that dose in 1 such drop: 4.5mg (90 mg/mL in a drop),
# 100mL and 1mg/mL (10 drops a dose) would each be refused.
DROPS_DOSE = Kind("a mass", _MASS, "mg, mcg or g", "mg", "0.5mg")
DROP_VOLUME = Kind("a volume", _VOLUME, "mL or L", "mL", "0.05mL")
DROPS_CONCENTRATION = Kind("a concentration", _CONCENTRATION, "mg/mL or mcg/mL", "mg/mL", "10mg/mL")
# A balance's sensitivity (docs/basis.md §8: a class III prescription balance, 6 mg).
BALANCE_SENSITIVITY = Kind("a mass", _MASS, "mg, mcg or g", "mg", "6mg")
# The size of label stock (the pharmacy profile). Not in KINDS: no amount of a preparation is
# a length, and the formatter has no length symbols.
LENGTH = Kind("a length", _LENGTH, "in or mm", "in", "4in")

# Units a pharmacist might type that ldncalc refuses by name; the reason of each, in words, is
# in ldncalc/locale/reading.py (refused-unit)
REFUSED_UNITS = frozenset(
    ("cc", "gr", "grain", "iu", "u", "unit", "units", "tsp", "tbsp", "oz", "floz", "dr")
) | frozenset(("gtt", "drop", "drops", "minim"))

# No amount or count a pharmacist types needs more significant digits than this, nor a power
# of ten beyond it: 20 digits stay exact within Decimal's 28-digit precision, and a number of
# thousands of digits (or 1E+300) is refused in one line instead of overflowing the arithmetic.
MAX_DIGITS = 20
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?", re.ASCII)
_THOUSANDS = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])", re.ASCII)
_SIGNS = "+\uff0b-\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d"  # plus, minus, dashes
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
# How a person should write each unit (in a suggested fix).
_WRITTEN = {
    MG: "mg",
    MCG: "mcg",
    G: "g",
    ML: "mL",
    L: "L",
    MG_PER_ML: "mg/mL",
    MCG_PER_ML: "mcg/mL",
    PCT: "%",
    DAY: "d",
    WEEK: "w",
    G_PER_MOL: "g/mol",
    MG_PER_G: "mg/g",
    INCH: "in",
    MM: "mm",
}


def parse_quantity(text: str, *, option: str, kinds: tuple[Kind, ...]) -> Qty:
    """Read ``text`` as one positive amount of one of ``kinds``, or raise :class:`InputError`.

    Accepted: an ASCII decimal number (``4.5``, ``0.5``, ``30``), optional spaces, then one
    whitelisted unit in any ASCII letter case (``4.5mg``, ``4.5 MG``, ``1 mg / mL``, ``25 µg``).
    The result's magnitude is the exact :class:`~decimal.Decimal` of the digits written.
    Each refusal is coded (``decimal-comma``…; words in :mod:`ldncalc.locale.reading`), its
    fix given as the text to write (``written``) or an example (``example``).
    """
    example = _example(kinds)
    if not isinstance(text, str):
        raise InputError(option, text, code="not-text", **example)
    raw = text
    text = text.strip()
    if not text:
        raise InputError(option, raw, code="empty", **example)
    if not text.isascii() and any(c.isdigit() and not c.isascii() for c in text):
        fix = _write(_ascii_digits(text), kinds=kinds)
        raise InputError(option, raw, code="non-ascii-digits", **fix)
    if text[0] in _SIGNS:
        raise InputError(
            option, raw, code="signed-amount", negative=text[0] not in "+\uff0b", **example
        )
    if "," in text:
        raise _comma_error(option, raw, text, kinds)
    if text[0] == ".":
        raise InputError(option, raw, code="no-leading-zero", **_write("0" + text, kinds=kinds))
    number = _NUMBER.match(text)
    if number is None:
        raise InputError(option, raw, code="not-a-number", **example)
    digits, rest = number.group(), text[number.end() :]
    if (problem := _size_problem(Decimal(digits))) is not None:
        raise InputError(option, raw, code=problem[0], **problem[1], **example)
    if rest.startswith("."):
        if rest[1:2].isdigit():
            raise InputError(option, raw, code="two-decimal-points", **example)
        fix = _write(digits + rest[1:], kinds=kinds)
        raise InputError(option, raw, code="trailing-decimal-point", **fix)
    if re.match(r"[eE][+-]?[0-9]", rest):
        raise InputError(option, raw, code="exponent-notation", **example)
    whole, point, fraction = digits.partition(".")
    if len(whole) > 1 and whole[0] == "0":
        # "05mg" may be a slip for 0.5 mg, a tenfold error: refused, never guessed
        meant = [(whole.lstrip("0") or "0") + point + fraction + rest]
        if not point:
            meant.append(f"0.{whole[1:]}{rest}")
        raise InputError(option, raw, code="extra-leading-zero", **_write(*meant, kinds=kinds))
    unit_text = rest.strip()
    if unit_text[:1].isdigit():
        raise InputError(option, raw, code="space-in-number", **example)
    value = Decimal(digits)
    if not unit_text and value == 0 and not kinds[0].zero:
        raise InputError(option, raw, code="zero-amount", **example)
    if not unit_text:
        # a bare number: its unit is missing (also a bare 0 where 0% is accepted: write 0%)
        percent = kinds[0] in (PERCENT, OVERAGE_PERCENT, WATER_PERCENT)
        fraction_of = None
        most = kinds[0].most
        if percent and 0 < value <= 1 and "." in digits and (most is None or value * 100 <= most):
            # 0.985 for an assay may be a fraction: as a percentage that is 98.5 %
            fraction_of = _plain(str(value * 100)) + "%"
        # the number with its unit, unless that is beyond what the option accepts (--water 20)
        written = _plain(digits) + kinds[0].default_unit if most is None or value <= most else None
        raise InputError(
            option,
            raw,
            code="no-unit",
            number=_plain(digits),
            written=written,
            kinds=_keys(kinds),
            fraction=fraction_of,
            **({} if written else example),
        )
    key = _key(unit_text)
    canonical = _lookup(key, kinds)
    if canonical is None:  # the unit first: "0x10mg" is a bad unit, not a zero
        raise _unit_error(option, raw, unit_text, key, digits, kinds)
    if value == 0:
        raise InputError(option, raw, code="zero-amount", **example)
    return Quantity(value, canonical)


def _size_problem(magnitude: Decimal) -> tuple[str, dict[str, Any]] | None:
    """Why a finite ``magnitude`` is no amount at all (thousands of digits, 1E+300): a code and
    its params, else ``None``. The range checks of each option come later, with their own
    messages."""
    digits = len(magnitude.as_tuple().digits)
    if digits > MAX_DIGITS:
        return "amount-too-many-digits", {"digits": digits, "maximum": MAX_DIGITS}
    if magnitude and magnitude.adjusted() >= MAX_DIGITS:
        return "amount-too-large", {}
    if magnitude and magnitude.adjusted() < -MAX_DIGITS:
        return "amount-too-small", {}
    return None


def _comma_error(option: str, raw: str, text: str, kinds: tuple[Kind, ...]) -> InputError:
    """A comma in the number: a decimal comma (4,5) or a thousands separator (1,000)."""
    thousands = _THOUSANDS.match(text)
    if thousands is not None:
        number, rest = thousands.group(), text[thousands.end() :]
        plain = number.replace(",", "") + rest
        if number.count(",") > 1 or rest.startswith("."):
            # 1,234,567 and 1,000.5 can only be read one way
            fix = _write(plain, kinds=kinds)
            return InputError(option, raw, code="thousands-separator", **fix)
        fix = _write(plain, number.replace(",", ".") + rest, kinds=kinds)
        return InputError(option, raw, code="ambiguous-comma", **fix)
    comma = re.match(r"([0-9]*),([0-9]+)", text)
    if comma is not None and "," not in text[comma.end() :]:
        meant = f"{comma[1] or '0'}.{comma[2]}{text[comma.end() :]}"
        return InputError(option, raw, code="decimal-comma", **_write(meant, kinds=kinds))
    return InputError(option, raw, code="comma", **_example(kinds))


# Spaces forgiven around a count: ASCII only, so an invisible Unicode character is refused
_ASCII_SPACE = " \t\n\r\x0b\x0c"


def parse_count(text: str | int, *, option: str, minimum: int, maximum: int) -> int:
    """Read a whole number from ``minimum`` to ``maximum`` (a count: capsules, doses a day).

    A refusal's params: ``minimum`` and ``maximum``, and ``written`` when a count that would
    be accepted can be suggested (``30`` for ``30.0``)."""
    bounds: dict[str, Any] = {"minimum": minimum, "maximum": maximum}
    if isinstance(text, bool):
        raise InputError(option, text, code="count-not-whole", example=minimum, **bounds)
    if isinstance(text, int):
        value = text
    else:
        stripped = text.strip(_ASCII_SPACE) if isinstance(text, str) else repr(text)  # 30.0: "30.0"
        if len(stripped) > MAX_DIGITS and re.fullmatch(r"[0-9.]+", stripped, re.ASCII):
            # thousands of digits: out of range, without turning them into an int first
            digits = len(stripped) - stripped.count(".")
            raise UnsafeInputError(
                option, text, code="count-too-many-digits", digits=digits, **bounds
            )
        if not re.fullmatch(r"[0-9]+", stripped, re.ASCII):
            fix: dict[str, Any] = {}
            whole = re.fullmatch(r"([0-9]+)\.0*", stripped, re.ASCII)
            if whole and minimum <= int(whole[1]) <= maximum:
                fix = {"written": int(whole[1])}
            if _THOUSANDS.fullmatch(stripped):  # 1,000 (or a decimal comma: 1,000 = 1)
                digits_text = stripped.replace(",", "")
                # the digits are suggested only inside the range; else the range is
                inside = minimum <= int(digits_text) <= maximum
                shown = digits_text if inside else None
                raise InputError(option, text, code="count-comma", digits=shown, **bounds)
            negative = stripped[:1] in _SIGNS and stripped[:1] not in "+\uff0b"
            if negative and re.fullmatch(r"[0-9]+(\.[0-9]+)?", stripped[1:], re.ASCII):
                # -1: not "not whole"
                raise InputError(option, text, code="count-negative", **bounds, **fix)
            raise InputError(option, text, code="count-not-whole", **bounds, **fix)
        value = int(stripped)
    if not minimum <= value <= maximum:
        raise UnsafeInputError(option, text, code="count-out-of-range", **bounds)
    return value


def as_quantity(value: object, *, option: str, kinds: tuple[Kind, ...]) -> Qty:
    """A library argument as a quantity of this registry: text goes through the parser;
    a pint Quantity (of any registry) is checked against the whitelist and made exact."""
    if isinstance(value, str):
        return parse_quantity(value, option=option, kinds=kinds)
    example = _example(kinds)
    if isinstance(value, pint.Quantity):
        magnitude = value.magnitude
        # fast path for ldncalc's own quantities: compare pint's unit container directly
        if (
            value._REGISTRY is ureg
            and isinstance(magnitude, Decimal)
            and value._units in _units_of(kinds)
            and magnitude.is_finite()
            and magnitude > 0
            and _size_problem(magnitude) is None
        ):
            return value
        if isinstance(magnitude, float | int) and not isinstance(magnitude, bool):
            # repr gives the shortest text that is this float: 4.5, not 4.4999999...
            magnitude = Decimal(repr(magnitude))
        if not isinstance(magnitude, Decimal) or not magnitude.is_finite():
            raise InputError(option, value, code="not-finite", **example)
        unit = _units_of(kinds).get(value._units)
        if unit is None:
            shown = str(value.units).replace(" ", "")
            raise InputError(
                option, value, code="unit-not-accepted", unit=shown, kinds=_keys(kinds)
            )
        if magnitude <= 0:
            raise InputError(option, value, code="not-positive", **example)
        if (problem := _size_problem(magnitude)) is not None:
            raise InputError(option, value, code=problem[0], **problem[1], **example)
        return Quantity(magnitude, unit)
    raise InputError(option, value, code="not-text-or-quantity", **example)


@cache
def _units_of(kinds: tuple[Kind, ...]) -> dict[Any, pint.Unit]:
    """Every unit of ``kinds`` by pint's unit container, which compares equal across
    registries (to check a Quantity quickly, and to take one from another registry)."""
    return {unit._units: unit for kind in kinds for unit in kind.spellings.values()}


def _lookup(key: str, kinds: tuple[Kind, ...]) -> pint.Unit | None:
    for kind in kinds:
        if key in kind.spellings:
            return kind.spellings[key]
    return None


def _unit_error(
    option: str, raw: str, unit_text: str, key: str, digits: str, kinds: tuple[Kind, ...]
) -> InputError:
    if key in REFUSED_UNITS:
        return InputError(option, raw, code="refused-unit", unit=unit_text, refused=key)
    for other in KINDS:
        if other not in kinds and key in other.spellings:
            return InputError(
                option,
                raw,
                code="wrong-kind",
                kind=other.key,
                kinds=_keys(kinds),
                **_example(kinds),
            )
    written: dict[str, Any] = {"number": _plain(digits), "kinds": _keys(kinds)}
    strange = [c for c in unit_text if not c.isascii() and c not in "µμ" and not c.isspace()]
    if strange:
        # e.g. a Greek capital mu: "Μg" looks like Mg but is the capital of µ (mcg)
        name = unicodedata.name(strange[0], f"U+{ord(strange[0]):04X}")
        return InputError(
            option, raw, code="non-ascii-unit", character=strange[0], name=name, **written
        )
    if any(c.isdigit() for c in unit_text):
        return _second_number_error(option, raw, key, digits, kinds)
    started = [c for kind in kinds for s, c in kind.spellings.items() if s.startswith(key)]
    if started:
        fix = _write(*(digits + _WRITTEN[c] for c in started), kinds=kinds)
        return InputError(option, raw, code="incomplete-unit", unit=unit_text, **fix)
    return InputError(option, raw, code="unknown-unit", unit=unit_text, **written)


def _second_number_error(
    option: str, raw: str, key: str, digits: str, kinds: tuple[Kind, ...]
) -> InputError:
    """A number after the unit: an amount per volume ("5mg/5mL") or two amounts."""
    ratio = re.fullmatch(r"([a-zµμ]+)/([0-9]+(?:\.[0-9]+)?)\s*ml", key)
    canonical = _lookup(ratio[1] + "/ml", kinds) if ratio is not None else None
    if ratio is None or canonical is None:
        return InputError(option, raw, code="more-than-one-number", **_example(kinds))
    per = Decimal(ratio[2])
    written = None
    if per:
        amount = Decimal(digits) / per
        places = amount.as_tuple().exponent
        # suggested only when exact and short: 1mg/3mL is not 0.3333333333mg/mL
        exact = amount * per == Decimal(digits) and isinstance(places, int) and places >= -4
        if amount > 0 and exact:
            written = _plain(f"{amount:f}") + _WRITTEN[canonical]
    return InputError(option, raw, code="amount-per-volume", per=_plain(ratio[2]), written=written)


def _write(*candidates: str, kinds: tuple[Kind, ...]) -> dict[str, Any]:
    """The fix for a refused text, as params: ``written``, the corrected ``candidates`` that
    read as a positive amount of ``kinds`` ("write 4.5mg", "write 1000mg or 1mg"); an
    ``example`` if none does."""
    written = []
    for candidate in candidates:
        number = _NUMBER.match(candidate)
        if number is None or Decimal(number.group()) <= 0 or re.match("0[0-9]", candidate):
            continue  # nothing to suggest, or a suggestion that would itself be refused
        unit = candidate[number.end() :].strip() or kinds[0].default_unit
        canonical = _lookup(_key(unit), kinds)
        if canonical is not None:
            written.append(_plain(number.group()) + _WRITTEN[canonical])
    if not written:
        return _example(kinds)
    return {"written": tuple(dict.fromkeys(written))}


def _plain(number: str) -> str:
    """``number`` (ASCII digits, at most one point) without trailing zeros after the point."""
    return number.rstrip("0").rstrip(".") if "." in number else number


def _key(unit_text: str) -> str:
    """The lookup key of a unit: no spaces around "/", ASCII letters in lower case. Only ASCII
    is folded: the Greek capital mu of "Μg" (it looks like Mg) must not become µg."""
    return re.sub(r"\s*/\s*", "/", unit_text).translate(_ASCII_LOWER)


def _ascii_digits(text: str) -> str:
    """``text`` with full-width, Arabic-Indic and other decimal digits as 0-9 (for a fix)."""
    text = unicodedata.normalize("NFKC", text).replace("\u066b", ".")  # Arabic decimal point
    return "".join(c if c.isascii() else str(unicodedata.decimal(c, c)) for c in text)


def _example(kinds: tuple[Kind, ...]) -> dict[str, Any]:
    """The fix of a refusal with nothing better to suggest: an example, as params."""
    return {"example": kinds[0].example}


def _keys(kinds: tuple[Kind, ...]) -> tuple[str, ...]:
    return tuple(kind.key for kind in kinds)
