"""The prescription details a label and a compounding record need beyond the calculation.

Patient, prescriber, Rx number, directions, lot, compounding date, language and the expiry dates
of the ingredients used. Every value a person types is read here, once, and refused with a
one-line :class:`~ldncalc.errors.InputError` naming the option when it cannot be printed safely:

- dates are ISO 8601 only (``2026-11-22``): ``11/12/2026`` means two different days in Canada
  and the United States;
- directions never use the ISMP error-prone abbreviations (``QD``, ``HS``, ``QHS``, ``cc``,
  ``µg``…), trailing zeros (``1.0 mL``) or naked decimals (``.5 mL``) (REFERENCE.md §6), and
  once the result is known, every amount and capsule count in them must be its dose
  (:func:`check_directions`);
- text holds no control characters (a newline would break a ZPL or text label).

When ``--directions`` is not given they are written in plain words from the result:
``Take 4.5 mL (4.5 mg) by mouth at bedtime`` (REFERENCE.md §2: LDN is taken at bedtime).
"""

from __future__ import annotations

import datetime
import re
import secrets
import unicodedata
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Literal, NoReturn

from pydantic import BaseModel, ConfigDict

from ldncalc.checks import read_date
from ldncalc.errors import InputError, UnsafeInputError
from ldncalc.formatting import format_quantity
from ldncalc.labels.phrases import phrases
from ldncalc.units import CONCENTRATION, MASS, VOLUME, Qty, parse_quantity

if TYPE_CHECKING:
    from ldncalc.models import Result

Lang = Literal["en", "fr"]
LANGS: tuple[Lang, ...] = ("en", "fr")

MAXIMUM_NAME = 80  # patient, prescriber: longer text is a paste error, not a name
MAXIMUM_DIRECTIONS = 200
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]*", re.ASCII)  # lot and Rx numbers
MAXIMUM_LOT = 30
MAXIMUM_RX = 20

# ISMP list of error-prone abbreviations (and the Joint Commission "do not use" list), as they
# could appear in directions; each with what to write instead, per language.
_ABBREVIATIONS: tuple[tuple[str, str, dict[Lang, str]], ...] = (
    (r"q\.?d\.?", "QD", {"en": "daily", "fr": "une fois par jour"}),
    (r"q\.?o\.?d\.?", "QOD", {"en": "every other day", "fr": "un jour sur deux"}),
    (r"q\.?h\.?s\.?", "QHS", {"en": "at bedtime", "fr": "au coucher"}),
    (r"h\.?s\.?", "HS", {"en": "at bedtime", "fr": "au coucher"}),
    (r"cc", "cc", {"en": "mL", "fr": "mL"}),
    (r"[µμu]g", "µg", {"en": "mcg", "fr": "mcg"}),
    (r"i\.?u\.?", "IU", {"en": "units", "fr": "unités"}),
    (r"s\.?[cq]\.?", "SC", {"en": "subcutaneously", "fr": "par voie sous-cutanée"}),
    (r"t\.?i\.?w\.?", "TIW", {"en": "three times a week", "fr": "trois fois par semaine"}),
    (r"d/c", "D/C", {"en": "discontinue", "fr": "cesser"}),
)
_ABBREVIATION = re.compile(
    "|".join(f"(?<![\\w.])(?:{pattern})(?!\\w)" for pattern, _, _ in _ABBREVIATIONS),
    re.IGNORECASE,
)
_TRAILING_ZERO = {
    "en": re.compile(r"(?<![\d.,])\d+\.\d*0(?![\d])"),
    "fr": re.compile(r"(?<![\d.,])\d+,\d*0(?![\d])"),
}
_NAKED_DECIMAL = re.compile(r"(?<![\w.,])[.,]\d")


class Prescription(BaseModel):
    """What a label and a record print besides the calculation; every field already read."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    patient: str = ""
    prescriber: str = ""
    rx: str = ""
    directions: str = ""  # empty: written from the result (see default_directions)
    lot: str
    compounded: datetime.date
    lang: Lang = "en"
    expiries: tuple[tuple[str, datetime.date], ...] = ()  # (ingredient as typed, expiry)


def prescription(
    *,
    patient: str | None = None,
    prescriber: str | None = None,
    rx: str | None = None,
    directions: str | None = None,
    lot: str | None = None,
    date: str | datetime.date | None = None,
    lang: str | None = None,
    expiry: Iterable[str] = (),
    now: datetime.datetime | None = None,
) -> Prescription:
    """Read the prescription options as a person typed them (``--patient``, ``--date``…).

    ``date`` is the compounding date (default: today); ``lot`` defaults to a new unique lot
    number from that date and the time; ``expiry`` holds ``INGREDIENT=YYYY-MM-DD`` texts.
    """
    now = now or datetime.datetime.now()
    language = read_lang(lang) if lang is not None else "en"
    compounded = (
        date
        if isinstance(date, datetime.date)
        else read_date(date, "--date")
        if date is not None
        else now.date()
    )
    return Prescription(
        patient=read_text(patient, "--patient", MAXIMUM_NAME) if patient is not None else "",
        prescriber=(
            read_text(prescriber, "--prescriber", MAXIMUM_NAME) if prescriber is not None else ""
        ),
        rx=read_code(rx, "--rx", MAXIMUM_RX) if rx is not None else "",
        directions=read_directions(directions, language) if directions is not None else "",
        lot=read_code(lot, "--lot", MAXIMUM_LOT) if lot is not None else new_lot(compounded, now),
        compounded=compounded,
        lang=language,
        expiries=tuple(read_expiry(text, compounded) for text in expiry),
    )


def new_lot(compounded: datetime.date, now: datetime.datetime) -> str:
    """A new lot number: compounding date, time and 4 random hex digits, ``20261122-0930-7F3A``.

    The random part keeps two lots made in the same minute (two terminals, two pharmacists)
    apart.
    """
    return f"{compounded:%Y%m%d}-{now:%H%M}-{secrets.token_hex(2).upper()}"


def read_lang(text: str) -> Lang:
    """``en`` or ``fr``."""
    for lang in LANGS:
        if text.strip().lower() == lang:
            return lang
    raise InputError("--lang", text, "is not a label language", "write en or fr")


def read_expiry(text: str, compounded: datetime.date | None = None) -> tuple[str, datetime.date]:
    """``INGREDIENT=YYYY-MM-DD``: part of an ingredient's name and its expiry date, which must
    come after the ``compounded`` date when one is given (USP <795>: an expired ingredient is
    not used). Errors quote ``text`` as typed."""
    name, equals, day = text.rpartition("=")
    name = " ".join(name.split())
    if not equals or not name:
        raise InputError(
            "--expiry",
            text,
            "does not name an ingredient",
            "write INGREDIENT=YYYY-MM-DD, e.g. --expiry naltrexone=2027-05-31",
        )
    expiry = read_date(day, "--expiry")
    if compounded is not None and expiry <= compounded:
        raise UnsafeInputError(
            "--expiry",
            text,
            f"expires on or before the compounding date {compounded.isoformat()}",
            "use a lot of that ingredient that has not expired",
        )
    return name, expiry


def read_text(text: str, option: str, maximum: int) -> str:
    """Free text for a label (a name): one line, no control characters, spaces collapsed."""
    normal = unicodedata.normalize("NFC", text)
    bad = [
        c
        for c in normal
        if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") and c != "\t"  # tab: a space
    ]
    if bad:
        raise InputError(
            option, text, "holds control characters (a line break?)", "write it on one line"
        )
    collapsed = " ".join(normal.split())
    if not collapsed:
        raise InputError(option, text, "is empty", "write the text or leave the option out")
    if len(collapsed) > maximum:
        raise InputError(
            option, _short(collapsed), f"is longer than {maximum} characters", "shorten it"
        )
    return collapsed


def read_code(text: str, option: str, maximum: int) -> str:
    """A lot or Rx number: letters, digits and ``. _ / -``."""
    stripped = text.strip()
    if not _CODE.fullmatch(stripped) or len(stripped) > maximum:
        raise InputError(
            option,
            text,
            "is not a lot or Rx number",
            f"use letters, digits and . _ / - only, at most {maximum} characters",
        )
    return stripped


def read_directions(text: str, lang: Lang) -> str:
    """Directions as the prescriber means them, in words a patient reads without error."""
    directions = read_text(text, "--directions", MAXIMUM_DIRECTIONS)
    found = _ABBREVIATION.search(directions)
    if found:
        abbreviation = found.group()
        fix = next(
            fixes[lang]
            for pattern, _, fixes in _ABBREVIATIONS
            if re.fullmatch(pattern, abbreviation, re.IGNORECASE)
        )
        raise InputError(
            "--directions",
            directions,
            f'uses "{abbreviation}", an error-prone abbreviation (ISMP)',
            f'write "{fix}"',
        )
    zero = _TRAILING_ZERO[lang].search(directions)
    if zero:
        number = zero.group()
        plain = number.rstrip("0").rstrip(".,")
        raise InputError(
            "--directions",
            directions,
            f'has the trailing zero "{number}" (ISMP: read as ten times the dose)',
            f'write "{plain}"',
        )
    naked = _NAKED_DECIMAL.search(directions)
    if naked:
        raise InputError(
            "--directions",
            directions,
            f'has a decimal without a leading zero "{naked.group()}" (ISMP)',
            f'write "0{naked.group()}"',
        )
    return directions


def default_directions(result: Result, lang: Lang) -> str:
    """Plain-word directions for one dose: ``Take 4.5 mL (4.5 mg) by mouth at bedtime``,
    ``Take 1 capsule by mouth at bedtime``; never HS, QHS or QD (ISMP)."""
    words = phrases(lang)
    when = words.times_a_day[result.doses_per_day]
    if result.kind == "liquid":
        # the mg the syringe delivers at its marks, which can differ a little from the target
        return words.take_liquid.format(
            volume=format_quantity(result.dose_volume, lang=lang),
            dose=format_quantity(result.dose_measured, lang=lang),
            when=when,
        )
    return words.take_capsule.format(when=when)


def directions_for(result: Result, details: Prescription) -> str:
    """The directions to print: the prescriber's (``--directions``), checked against the dose
    of ``result`` (:func:`check_directions`), or the default."""
    if not details.directions:
        return default_directions(result, details.lang)
    check_directions(result, details.directions, details.lang)
    return details.directions


# What a dose is written with in directions: a number as the label's language writes it
# (4.5 or 4,5), then a unit of mass or volume, or mass per volume, as a symbol or in words.
_UNIT_WORDS = {
    **dict.fromkeys(("milligrams", "milligram", "milligrammes", "milligramme"), "mg"),
    **dict.fromkeys(("micrograms", "microgram", "microgrammes", "microgramme"), "mcg"),
    **dict.fromkeys(("grams", "gram", "grammes", "gramme"), "g"),
    **dict.fromkeys(("milliliters", "milliliter", "millilitres", "millilitre"), "mL"),
    **dict.fromkeys(("liters", "liter", "litres", "litre"), "L"),
}
_MASS_UNIT = "|".join([*(w for w, s in _UNIT_WORDS.items() if s in ("mg", "mcg", "g")), "mcg|mg|g"])
_VOLUME_UNIT = "|".join([*(w for w, s in _UNIT_WORDS.items() if s in ("mL", "L")), "ml|l"])
_DOSE_NUMBER = {"en": r"\d+(?:\.\d+)?", "fr": r"\d+(?:,\d+)?"}
_AMOUNT = {
    lang: re.compile(
        rf"(?<![\w.,])(?P<number>{number})\s*"
        rf"(?P<unit>(?:{_MASS_UNIT})\s*/\s*(?:{_VOLUME_UNIT})|{_MASS_UNIT}|{_VOLUME_UNIT})(?!\w)",
        re.IGNORECASE,
    )
    for lang, number in _DOSE_NUMBER.items()
}
# A count of capsules, in figures (1, 1.5, 1/2) or in words, English or French:
# "1 capsule", "two capsules", "half a capsule", "deux capsules de 1,5 mg".
_COUNT_WORDS: dict[str, Decimal] = {
    **{w: Decimal(n) for n, w in enumerate(("one", "two", "three", "four", "five"), 1)},
    **{w: Decimal(n) for n, w in enumerate(("six", "seven", "eight", "nine", "ten"), 6)},
    **{w: Decimal(n) for n, w in enumerate(("deux", "trois", "quatre", "cinq"), 2)},
    **{w: Decimal(n) for n, w in enumerate(("sept", "huit", "neuf", "dix"), 7)},
    **dict.fromkeys(("a", "an", "un", "une"), Decimal(1)),
    **dict.fromkeys(("half", "demi", "demie", "½"), Decimal("0.5")),
}
_CAPSULE_COUNT = re.compile(
    rf"(?<![\w.,/])(?P<count>\d+(?:[.,]\d+)?(?:/\d+)?|{'|'.join(_COUNT_WORDS)})"
    r"(?:\s+of)?(?:\s+(?:a|an|une))?(?:\s+\d+(?:[.,]\d+)?\s*(?:mcg|mg))?[\s-]+"
    r"(?P<noun>capsules?|caps?|gélules?)(?!\w)",
    re.IGNORECASE,
)


def check_directions(result: Result, directions: str, lang: Lang) -> None:
    """Refuse directions that name another dose than ``result``'s: every amount in mL, mg or
    mcg and every count of capsules must be the dose measured (a liquid: its dose volume, the
    mg it holds or the dose prescribed, and its concentration; capsules: 1 capsule of the
    strength). "Take 45 mL" on a 1 mg/mL bottle made for 4.5 mg is ten times the dose."""
    for match in _AMOUNT[lang].finditer(directions):
        unit = match["unit"]
        symbol = "/".join(
            _UNIT_WORDS.get(part.strip().lower(), part.strip()) for part in unit.split("/")
        )
        text = f"{match['number'].replace(',', '.')}{symbol}"
        try:
            amount = parse_quantity(
                text, option="--directions", kinds=(MASS, VOLUME, CONCENTRATION)
            )
        except InputError:
            _wrong_dose(result, directions, match.group(), lang)
        if not any(_same(amount, dose) for dose in _doses(result)):
            _wrong_dose(result, directions, match.group(), lang)
    for match in _CAPSULE_COUNT.finditer(directions):
        count = _count(match["count"])
        if result.kind != "capsule" or count != 1:
            _wrong_dose(result, directions, match.group(), lang)


def _doses(result: Result) -> tuple[Qty, ...]:
    """The amounts directions may name for one dose of ``result``."""
    if result.kind == "liquid":
        return (result.dose_volume, result.dose_measured, result.target, result.concentration)
    return (result.strength,)


def _same(amount: Qty, dose: Qty) -> bool:
    if amount.dimensionality != dose.dimensionality:
        return False
    return bool(amount.to(dose.units).magnitude == dose.magnitude)


def _count(text: str) -> Decimal:
    word = _COUNT_WORDS.get(text.lower())
    if word is not None:
        return word
    whole, _, per = text.replace(",", ".").partition("/")
    return Decimal(whole) / Decimal(per or 1)


def _wrong_dose(result: Result, directions: str, said: str, lang: Lang) -> NoReturn:
    if result.kind == "liquid":
        dose = (
            f"a dose of the {format_quantity(result.concentration)} liquid is "
            f"{format_quantity(result.dose_volume)} ({format_quantity(result.dose_measured)})"
        )
    else:
        dose = f"a dose is 1 capsule of {format_quantity(result.strength)}"
    raise InputError(
        "--directions",
        directions,
        f'says "{" ".join(said.split())}", but {dose}',
        f'write the directions for that dose, e.g. "{default_directions(result, lang)}"',
    )


def ingredient_names(result: Result, lang: Lang) -> tuple[str, ...]:
    """Everything a record lists with a manufacturer lot and expiry: the ingredients (named
    as in the formulation record), and for capsules the empty shells."""
    names = tuple(item.name for item in result.ingredients)
    if result.kind == "capsule":
        names += (phrases(lang).capsule_shells.format(size=result.capsule_size),)
    return names


def expiry_dates(details: Prescription, names: Iterable[str]) -> dict[str, datetime.date]:
    """The ``--expiry`` dates given, by the full name of the ingredient each one matches.

    ``naltrexone=2027-05-31`` matches the one ingredient whose name contains "naltrexone"
    (any letter case; a diluent vehicle's ingredient has the same name as the stock's, so one
    expiry covers both); an expiry that matches none, or several, is refused.
    """
    known = tuple(dict.fromkeys(names))
    found: dict[str, datetime.date] = {}
    for typed, day in details.expiries:
        key = typed.casefold()
        exact = [name for name in known if name.casefold() == key]
        matches = exact or [name for name in known if key in name.casefold()]
        text = f"{typed}={day.isoformat()}"
        if not matches:
            raise InputError(
                "--expiry",
                text,
                "names no ingredient of this preparation",
                f"write part of one of: {'; '.join(known)}",
            )
        if len(matches) > 1:
            raise InputError(
                "--expiry",
                text,
                f"matches several ingredients ({'; '.join(matches)})",
                "write more of the name",
            )
        if matches[0] in found:
            raise InputError(
                "--expiry", text, f"is a second expiry for {matches[0]}", "give one per ingredient"
            )
        found[matches[0]] = day
    return found


def _short(text: str, length: int = 40) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"
