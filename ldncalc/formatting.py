"""The one formatter for every number a person reads: terminal, JSON, labels.

ISMP and Joint Commission rules (docs/basis.md §6): no trailing zero (``1 mg``, never
``1.0 mg``), a leading zero (``0.5 mg``, never ``.5 mg``), ``mcg`` never ``µg``, ``mL`` never
``cc``, a space between number and unit, and thousands separators (``10,000``).

Magnitudes are Decimals; rounding is half-up at the number of decimal places the caller gives
(the precision of the balance or syringe that will measure it), four places at most otherwise,
so a binary-float artefact such as 4.499999 can never be printed.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import TYPE_CHECKING, Any, Literal

import pint

if TYPE_CHECKING:  # an annotation only: the unit parser imports this formatter
    from ldncalc.units import Qty

Lang = Literal["en", "fr"]

MAX_PLACES = 4
# An API lot's factor (docs/basis.md §1) is shown to 5 places: a hand check of a powder's
# weight with the printed factor gives the printed weight (weights use the exact factor)
FACTOR_PLACES = 5

# pint's canonical unit name → the symbol a pharmacist reads (ISMP).
_SYMBOLS = {
    "milligram": "mg",
    "microgram": "mcg",
    "gram": "g",
    "milliliter": "mL",
    "liter": "L",
    "milligram / milliliter": "mg/mL",
    "microgram / milliliter": "mcg/mL",
    "percent": "%",
    "day": "day",
    "week": "week",
    "gram / mole": "g/mol",
    "milligram / gram": "mg/g",
    "dimensionless": "",
}
_PLURAL = {"day": "days", "week": "weeks"}
_FRENCH_PLURAL = {"days": "jours", "day": "jour", "weeks": "semaines", "week": "semaine"}


def decimal_of(value: Decimal | int) -> Decimal:
    """``value`` as a Decimal (ints are exact)."""
    return value if isinstance(value, Decimal) else Decimal(value)


def round_to(value: Decimal | int, places: int = MAX_PLACES) -> Decimal:
    """``value`` rounded half-up to ``places`` decimal places, trailing zeros removed."""
    # Kept per value: a result's figures are rounded again for its JSON, its screen, its
    # label. Safe: the rounded number depends only on the value (4.5 and 4.50 are equal and
    # round alike) and on ``places``.
    key = (value, places)
    try:
        return _ROUNDED[key]
    except KeyError:
        rounded = _round(value, places)
    except TypeError:  # a signalling NaN cannot be hashed: quantize() says what is wrong
        return _round(value, places)
    if len(_ROUNDED) >= _KEEP:
        _ROUNDED.clear()
    _ROUNDED[key] = rounded
    return rounded


_KEEP = 4096
_ROUNDED: dict[tuple[Decimal | int, int], Decimal] = {}


def _round(value: Decimal | int, places: int) -> Decimal:
    number = value if type(value) is Decimal else decimal_of(value)
    # quantize() raises InvalidOperation when the result needs more digits than the context
    # holds (28): an absurd amount typed by a person must print, not crash.
    digits = number.adjusted() + places + 2
    context = _CONTEXT if digits <= _PRECISION else Context(prec=digits)
    step = _STEPS[places] if 0 <= places < len(_STEPS) else _ONE.scaleb(-places)
    rounded = number.quantize(step, ROUND_HALF_UP, context)
    if not rounded:
        rounded = rounded.copy_abs()  # -0.00001 rounds to 0, never "-0"
    # normalize() would write 300 as 3E+2; adding zero at the integer exponent keeps digits.
    normal = rounded.normalize(context)
    return normal.quantize(_ONE, context=context) if normal == normal.to_integral() else normal


_CONTEXT = Context()  # the default: 28 significant digits
_PRECISION = _CONTEXT.prec
_ONE = Decimal(1)
_STEPS = tuple(_ONE.scaleb(-places) for places in range(12))  # 1, 0.1, 0.01…


def format_number(value: Decimal | int, places: int = MAX_PLACES, *, lang: Lang = "en") -> str:
    """ISMP text of a number: ``0.5``, ``4.5``, ``1``, ``10,000`` (French, from CLDR's fr_CA
    symbols: ``0,5``, ``10 000`` with a no-break space)."""
    number = round_to(value, places)
    if lang == "fr":
        return _french_number(number)
    return f"{number:,f}"


def _french_number(number: Decimal) -> str:
    """``number`` (already rounded half-up: Babel would round half-even) in fr_CA notation,
    through Babel (CLDR), imported only when French is asked for."""
    from babel.numbers import format_decimal

    places = max(0, -number.as_tuple().exponent)  # type: ignore[operator]
    pattern = "#,##0" + ("." + "#" * places if places else "")
    return format_decimal(number, format=pattern, locale="fr_CA", decimal_quantization=False)


def format_count_in(count: int, noun: tuple[str, str], lang: Lang) -> str:
    """A count and its noun (singular, plural) by ``lang``'s plural rule: English ``1 dose``,
    ``0 doses``; French (CLDR: singular for 0 and 1) ``0 comprimé``, ``2 comprimés``."""
    one = count == 1 if lang == "en" else count < 2
    return f"{format_number(count, lang=lang)} {noun[0] if one else noun[1]}"


_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_date(day: datetime.date, lang: Lang = "en") -> str:
    """``day`` as a person reads it on a label, unambiguous (ISMP: never 06/12/26): ``06 Dec
    2026``; French from CLDR's fr_CA month abbreviations, ``06 déc. 2026``."""
    if lang == "fr":
        from babel.dates import format_date as babel_date

        return babel_date(day, "dd MMM y", locale="fr_CA")
    return f"{day.day:02d} {_MONTHS_EN[day.month - 1]} {day.year:04d}"


def unit_symbol(quantity: pint.Quantity[Any]) -> str:
    """The ISMP symbol of ``quantity``'s unit (``mg``, ``mcg``, ``mL``, ``mg/mL``, ``%``)."""
    # Keyed by pint's hashable unit container: writing the unit name out costs ~10 µs a call.
    units = quantity._units
    symbol = _SYMBOL_CACHE.get(units)
    if symbol is None:
        name = str(quantity.units)
        if name not in _SYMBOLS:
            raise ValueError(f"ldncalc has no symbol for unit {name!r}")
        symbol = _SYMBOL_CACHE[units] = _SYMBOLS[name]
    return symbol


_SYMBOL_CACHE: dict[Any, str] = {}


def format_quantity(
    quantity: Qty,
    places: int = MAX_PLACES,
    *,
    unit: pint.Unit | str | None = None,
    lang: Lang = "en",
) -> str:
    """ISMP text of a quantity: ``4.5 mg``, ``0.5 mL``, ``1 mg/mL``, ``14 days``, ``98.5 %``.

    ``unit`` converts first: a unit of ldncalc's registry, or its name (``"milligram"``,
    which pint parses; ldncalc itself passes units such as ``ldncalc.units.MG``, never text);
    ``places`` is the decimal precision of whatever will measure the amount.
    """
    # Kept per value, unit and options (the same dose is written on the screen, in every
    # step and on the label): the text depends on nothing else.
    key = (quantity._magnitude, quantity._units, places, unit, lang)
    try:
        return _FORMATTED[key]
    except KeyError:
        text = _format_quantity(quantity, places, unit, lang)
    except TypeError:  # a magnitude that cannot be hashed
        return _format_quantity(quantity, places, unit, lang)
    if len(_FORMATTED) >= _KEEP:
        _FORMATTED.clear()
    _FORMATTED[key] = text
    return text


_FORMATTED: dict[tuple[Any, ...], str] = {}


def _format_quantity(quantity: Qty, places: int, unit: pint.Unit | str | None, lang: Lang) -> str:
    if unit is not None:
        quantity = quantity.to(unit)
    number = format_number(quantity.magnitude, places, lang=lang)
    symbol = unit_symbol(quantity)
    if symbol in _PLURAL and round_to(quantity.magnitude, places) != 1:
        symbol = _PLURAL[symbol]
    if lang == "fr":
        symbol = _FRENCH_PLURAL.get(symbol, symbol)
    return f"{number} {symbol}".rstrip()


def typed(quantity: Qty) -> str:
    """A quantity as a person types it on the command line, for the fixes a message suggests:
    ``0.5mg/mL``, ``14d``."""
    return format_quantity(quantity).replace(" ", "")


def json_number(value: Decimal | int, places: int = 6) -> int | float:
    """A JSON-safe number: an int when whole, else the float whose shortest text is the
    decimal rounded to ``places`` (so JSON shows 4.5, never 4.499999)."""
    number = round_to(value, places)
    return int(number) if number == number.to_integral() else float(number)
