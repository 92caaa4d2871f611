"""The prescription details a label and a compounding record need beyond the calculation.

Patient, prescriber, Rx number, directions, lot, compounding date, language and the expiry dates
of the ingredients used. Every value a person types is read here, once, and refused with a
one-line :class:`~ldncalc.errors.InputError` naming the option when it cannot be printed safely:

- dates are ISO 8601 only (``2026-11-22``): ``11/12/2026`` means two different days in Canada
  and the United States;
- directions are explicit (USP <17>: never "use as directed", "as needed", ``UD``, ``PRN``,
  « selon les indications »), never use the ISMP error-prone abbreviations (``QD``, ``HS``,
  ``QHS``, ``BID``, ``PO``, ``f.p.j.``, ``cc``, ``µg``…), trailing zeros (``1.0 mL``) or
  naked decimals (``.5 mL``), and write every amount in figures as the label's language does,
  a space before the unit, thousands grouped (``4.5 mg``, ``4,5 mg``, ``4,500 mcg``)
  (docs/basis.md §6, :func:`read_directions`); once
  the result is known, they must state its dose in the form's own measure (mL of a liquid,
  capsules, drops, pumps or grams of a cream), never a household measure (``tsp``; a drop but
  on drops), every amount and count in them must be its dose, and every frequency its doses
  a day (:func:`check_directions`);
- text holds no control characters (a newline would break a ZPL or text label).

When ``--directions`` is not given they are written in plain words from the result:
``Take 4.5 mL (4.5 mg) by mouth at bedtime`` (docs/basis.md §2: LDN is taken at bedtime).
"""

import contextlib
import datetime
import re
import secrets
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Generic, Literal, NoReturn, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from ldncalc import forms
from ldncalc.checks import control_characters, read_date, require_text, type_name
from ldncalc.errors import InputError, UnsafeInputError
from ldncalc.formatting import format_number
from ldncalc.locale import Voice, render
from ldncalc.units import CONCENTRATION, MASS, VOLUME, Qty, parse_quantity

if TYPE_CHECKING:  # any registered form's result: none is built to read a prescription
    from ldncalc.models import Result

Lang = Literal["en", "fr"]
LANGS: tuple[Lang, ...] = ("en", "fr")

MAXIMUM_NAME = 80  # patient, prescriber: longer text is a paste error, not a name
MAXIMUM_DIRECTIONS = 200
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]*", re.ASCII)  # lot and Rx numbers
MAXIMUM_LOT = 30
MAXIMUM_RX = 20


class Prescription(BaseModel):
    """What a label and a record print besides the calculation; every field already read."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    patient: str = ""
    prescriber: str = ""
    rx: str = ""
    directions: str = ""  # empty: written from the result (see default_directions)
    lot: str
    compounded: datetime.date
    lang: Lang = "en"
    expiries: tuple[tuple[str, datetime.date], ...] = ()  # (ingredient as typed, expiry)
    # the day the label or record is printed: a lot whose BUD is before it is not labelled
    printed: datetime.date = Field(default_factory=lambda: clock().date())


def clock() -> datetime.datetime:
    """The time now: the one clock that labels and records read (a test may set it)."""
    return datetime.datetime.now()


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

    ``date`` is the compounding date (default: today, from ``now``, which is also the day the
    label or record is printed); ``lot`` defaults to a new unique lot
    number from that date and the time; ``expiry`` holds ``INGREDIENT=YYYY-MM-DD`` texts.
    """
    if now is None:
        now = clock()
    elif not isinstance(now, datetime.datetime):
        # a library keyword: the library names it now=
        raise InputError("now", now, code="now-not-datetime", type=type_name(now))
    language = read_lang(lang) if lang is not None else "en"
    # a date object goes through read_date too: the same 2000–2099 check as typed text
    compounded = read_date(date, "--date") if date is not None else now.date()
    texts: tuple[object, ...] | None = None
    if not isinstance(expiry, str | bytes | Mapping) and isinstance(expiry, Iterable):
        # (a pint Quantity says it is iterable, then refuses to be iterated)
        with contextlib.suppress(TypeError):
            texts = tuple(expiry)
    if texts is None:
        raise InputError("expiry", expiry, code="expiry-not-list", type=type_name(expiry))
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
        expiries=tuple(read_expiry(text, compounded) for text in texts),
        printed=now.date(),
    )


def new_lot(compounded: datetime.date, now: datetime.datetime) -> str:
    """A new lot number: compounding date, time and 4 random hex digits, ``20261122-0930-7F3A``.

    The random part keeps two lots made in the same minute (two terminals, two pharmacists)
    apart.
    """
    return f"{compounded:%Y%m%d}-{now:%H%M}-{secrets.token_hex(2).upper()}"


def read_lang(text: str) -> Lang:
    """``en`` or ``fr``."""
    require_text(text, "--lang", code="lang-unknown")
    for lang in LANGS:
        if text.strip().lower() == lang:
            return lang
    raise InputError("lang", text, code="lang-unknown")


def read_expiry(text: object, compounded: datetime.date | None = None) -> tuple[str, datetime.date]:
    """``INGREDIENT=YYYY-MM-DD``: part of an ingredient's name and its expiry date, which must
    come after the ``compounded`` date when one is given (USP <795>: an expired ingredient is
    not used). Errors quote ``text`` as typed."""
    text = require_text(text, "--expiry", code="expiry-unnamed")
    name, equals, day = text.rpartition("=")
    name = " ".join(name.split())
    if not equals or not name:
        raise InputError("expiry", text, code="expiry-unnamed")
    expiry = read_date(day, "--expiry")
    if compounded is not None and expiry <= compounded:
        raise UnsafeInputError(
            "expiry", text, code="expiry-before-compounding", compounded=compounded
        )
    return name, expiry


def read_text(text: str, option: str, maximum: int) -> str:
    """Free text for a label (a name): one line, no control characters, spaces collapsed."""
    require_text(text, option, code="text-empty")
    normal = unicodedata.normalize("NFC", text)
    if control_characters(normal):
        raise InputError(option, text, code="text-control-characters")
    collapsed = " ".join(normal.split())
    if not collapsed:
        raise InputError(option, text, code="text-empty")
    if len(collapsed) > maximum:
        raise InputError(option, _short(collapsed), code="text-too-long", maximum=maximum)
    return collapsed


def read_code(text: str, option: str, maximum: int) -> str:
    """A lot or Rx number: letters, digits and ``. _ / -``."""
    stripped = require_text(text, option, code="lot-or-rx-invalid", maximum=maximum).strip()
    if not _CODE.fullmatch(stripped) or len(stripped) > maximum:
        raise InputError(option, text, code="lot-or-rx-invalid", maximum=maximum)
    return stripped


# --- Directions -------------------------------------------------------------------------------
#
# Directions are read twice. As typed (read_directions): refused when a patient could misread
# them, with what to write instead. Against the result (check_directions): refused when they
# name another dose, or another number of doses a day, than the one calculated. What they are
# read for is data, in the tables below; each says which rule it serves.


def _dotted(abbreviation: str) -> str:
    """A pattern for ``abbreviation`` with or without a dot after each letter or number:
    ``QHS`` finds QHS, qhs and q.h.s."""
    parts = re.findall(r"\d+|.", abbreviation)
    return "".join(re.escape(part) + (r"\.?" if part.isalnum() else "") for part in parts)


# The ISMP List of Error-Prone Abbreviations and the Joint Commission "do not use" list
# (docs/basis.md §6), with the Latin frequencies a patient cannot read (BID, q8h; "die" is the
# Quebec prescriber's QD): every spelling (any letter case, dots or not), and what to write.
_ABBREVIATIONS: tuple[tuple[tuple[str, ...], dict[Lang, str]], ...] = (
    (("QD", "Q1D", "OD", "DIE"), {"en": "daily", "fr": "une fois par jour"}),
    (("QOD",), {"en": "every other day", "fr": "un jour sur deux"}),
    (("QHS", "HS", "QN", "BT"), {"en": "at bedtime", "fr": "au coucher"}),
    (("QAM",), {"en": "every morning", "fr": "chaque matin"}),
    (("QPM",), {"en": "every evening", "fr": "chaque soir"}),
    (("BID",), {"en": "twice a day", "fr": "deux fois par jour"}),
    (("TID",), {"en": "three times a day", "fr": "trois fois par jour"}),
    (("QID",), {"en": "four times a day", "fr": "quatre fois par jour"}),
    (("Q4H",), {"en": "every 4 hours", "fr": "toutes les 4 heures"}),
    (("Q6H",), {"en": "every 6 hours", "fr": "toutes les 6 heures"}),
    (("Q8H",), {"en": "every 8 hours", "fr": "toutes les 8 heures"}),
    (("Q12H",), {"en": "every 12 hours", "fr": "toutes les 12 heures"}),
    (("Q24H",), {"en": "every 24 hours", "fr": "toutes les 24 heures"}),
    (("TIW",), {"en": "three times a week", "fr": "trois fois par semaine"}),
    (("PO", "per os"), {"en": "by mouth", "fr": "par la bouche"}),
    (("FPJ",), {"en": "times a day", "fr": "fois par jour"}),  # Quebec: "1 f.p.j."
    (("D/C",), {"en": "discontinue", "fr": "cesser"}),
    (("SC", "SQ"), {"en": "subcutaneously", "fr": "par voie sous-cutanée"}),
    (("cc",), {"en": "mL", "fr": "mL"}),
    (("µg", "μg", "ug"), {"en": "mcg", "fr": "mcg"}),
    (("IU",), {"en": "units", "fr": "unités"}),
)
# Not inside a word nor after a dot, but after a figure, where "5cc" or "500ug" hides them.
_ABBREVIATION = re.compile(
    "|".join(
        rf"(?<![^\W\d])(?<!\.)(?:{_dotted(spelling)})(?!\w)"
        for spellings, _ in _ABBREVIATIONS
        for spelling in spellings
    ),
    re.IGNORECASE,
)
_TRAILING_ZERO = {
    "en": re.compile(r"(?<![\d.,])\d+\.\d*0(?![\d])"),
    "fr": re.compile(r"(?<![\d.,])\d+,\d*0(?![\d])"),
}
_NAKED_DECIMAL = re.compile(r"(?<![\w.,])[.,]\d")

# Numbers in words, English and French. A count of capsules may be written so ("two
# capsules", "une capsule", "half a capsule"); an amount may not ("ten mL" is not checked by
# eye against the figures of the label: it is refused, with its figures).
_NUMBER_WORDS: dict[str, Decimal] = {
    word: Decimal(value)
    for value, *words in (
        ("0.25", "quarter", "quart"),
        ("0.5", "half", "demi", "demie", "½"),
        ("1", "a", "an", "one", "un", "une"),
        ("2", "two", "deux"),
        ("3", "three", "trois"),
        ("4", "four", "quatre"),
        ("5", "five", "cinq"),
        ("6", "six"),
        ("7", "seven", "sept"),
        ("8", "eight", "huit"),
        ("9", "nine", "neuf"),
        ("10", "ten", "dix"),
        ("11", "eleven", "onze"),
        ("12", "twelve", "douze"),
        ("20", "twenty", "vingt"),
        ("50", "fifty", "cinquante"),
        ("100", "hundred", "cent"),
        ("1000", "thousand", "mille"),
    )
    for word in words
}
_NUMBER_WORD = "|".join(sorted(map(re.escape, _NUMBER_WORDS), key=len, reverse=True))

# The units a dose is written in (a symbol or a word), each with its ISMP symbol.
_UNITS = {
    **dict.fromkeys(("milligrams", "milligram", "milligrammes", "milligramme", "mgs", "mg"), "mg"),
    **dict.fromkeys(
        ("micrograms", "microgram", "microgrammes", "microgramme", "mcgs", "mcg"), "mcg"
    ),
    **dict.fromkeys(("grams", "gram", "grammes", "gramme", "g"), "g"),
    **dict.fromkeys(("milliliters", "milliliter", "millilitres", "millilitre", "mls", "ml"), "mL"),
    **dict.fromkeys(("liters", "liter", "litres", "litre", "l"), "L"),
}
_MASS_UNIT = "|".join(unit for unit, symbol in _UNITS.items() if symbol in ("mg", "mcg", "g"))
_VOLUME_UNIT = "|".join(unit for unit, symbol in _UNITS.items() if symbol in ("mL", "L"))

# How each label language writes a number (ldncalc.formatting, docs/basis.md §6): its decimal
# mark and its thousands separators. French groups with a (narrow) space; typed text has an
# ordinary one.
_NOTATIONS: dict[Lang, tuple[str, str]] = {"en": (".", ","), "fr": (",", " \u00a0\u202f")}
_OTHER: dict[Lang, Lang] = {"en": "fr", "fr": "en"}
_WRITTEN = {
    lang: re.compile(
        rf"[0-9]{{1,3}}(?:[{groups}][0-9]{{3}})+(?:{re.escape(mark)}[0-9]+)?"
        rf"|[0-9]+(?:{re.escape(mark)}[0-9]+)?"
    )
    for lang, (mark, groups) in _NOTATIONS.items()
}
# An amount: figures in either language's notation (so that each is refused in the other and
# none escapes the dose check) or number words, then a unit of mass or volume, or mass per
# volume. A French number may hold its thousands spaces.
_FIGURES: dict[Lang, str] = {
    "en": r"\d+(?:[.,]\d+)*",
    "fr": r"\d+(?:[.,]\d+|[ \u00a0\u202f]\d{3}(?!\d))*",
}
# A fraction: a vulgar fraction after figures or alone (9½, ½) or with a slash (1/2, 1 1/2).
_VULGAR = "\u00bc-\u00be\u2150-\u215e"  # ¼ ½ ¾ and ⅐ to ⅞
_FRACTION = rf"\s*[{_VULGAR}]|\s+\d+/\d+(?![\d/])"
_RATIO = r"\d+/\d+(?![\d/])"
_AMOUNT = {
    lang: re.compile(
        rf"(?<![\w.,/])(?:(?:(?P<ratio>{_RATIO})|(?P<figures>{figures})(?P<fraction>{_FRACTION})?)"
        rf"(?P<space>\s*)"
        rf"|(?P<words>(?:{_NUMBER_WORD})(?:[\s-]+(?:{_NUMBER_WORD}))*)\s+)"
        rf"(?P<unit>(?:{_MASS_UNIT})\s*/\s*(?:{_VOLUME_UNIT})|{_MASS_UNIT}|{_VOLUME_UNIT})"
        r"(?!\w)",
        re.IGNORECASE,
    )
    for lang, figures in _FIGURES.items()
}
# A count of capsules, in figures (1, 1.5, 1/2) or in words, English or French:
# "1 capsule", "two capsules", "half a capsule", "deux capsules de 1,5 mg".
# Tablets are counted too: "Take 2 tablets" on capsules is not their dose (a dose is 1 capsule).
_COUNT = (
    rf"\d+(?:[.,]\d+)?(?:{_FRACTION})?(?![\d/])|{_RATIO}|\d+(?:[.,]\d+)?|[{_VULGAR}]"
    rf"|{_NUMBER_WORD}"
)
_DOSAGE_UNITS = (
    r"capsules?|caps?|gélules?|tablets?|tabs?|comprimés?|pills?|drops?|gouttes?|pumps?|pressions?"
    r"|droppers?|compte-gouttes"  # "1 dropper" is a dropperful, not 1 drop
)
_COUNTED = (
    ("capsule", r"caps|gélule"),
    ("dropper", r"dropper|compte"),  # no form counts droppers
    ("drop", r"drop|goutte"),
    ("pump", r"pump|pression"),
)  # the counted forms' nouns
_CAPSULE_COUNT = re.compile(
    rf"(?<![\w.,/])(?P<count>{_COUNT})"
    r"(?:\s+of)?(?:\s+(?:a|an|une))?(?:\s+\d+(?:[.,]\d+)?\s*(?:mcgs?|mgs?))?[\s-]+"
    rf"(?P<noun>{_DOSAGE_UNITS})(?!\w)",
    re.IGNORECASE,
)
# A dose multiplied: "4.5 mL x2", "2 x 4.5 mL", "2 doses of 4.5 mL", « 2 doses de 4,5 mL ».
# "x 30 days" is a duration, not a multiplier.
_DURATION = r"days?|jours?|weeks?|semaines?|months?|mois|nights?|nuits?"
_MULTIPLIER = re.compile(
    rf"(?<![\w.,/])(?:[x×]\s*(?P<after>\d+|{_NUMBER_WORD})(?![\w.,/]|\s*(?:{_DURATION})(?!\w))"
    rf"|(?P<before>\d+|{_NUMBER_WORD})\s*[x×](?!\w)"
    rf"|(?P<doses>\d+|{_NUMBER_WORD})\s+doses?\s+(?:of|de|d')(?!\w))",
    re.IGNORECASE,
)
# A count with no noun right after the verb: "Take 3 by mouth" (3 what?). Articles, times,
# hours and durations after a number are not counts of a dose.
_BARE_COUNT = re.compile(
    rf"(?<!\w)(?:take|give|prenez|prendre|donnez|donner)\s+"
    rf"(?P<count>\d+(?:[.,]\d+)?(?:{_FRACTION})?(?![\d/])|{_RATIO}|[{_VULGAR}]"
    rf"|(?!(?:a|an|un|une)(?!\w))(?:{_NUMBER_WORD}))"
    rf"(?!\w|[.,/]?\d|\s*[\d{_VULGAR}x×]|\s*(?:{_MASS_UNIT}|{_VOLUME_UNIT}|{_DOSAGE_UNITS}|doses?|times?"
    rf"|fois|hours?|heures?|h|{_DURATION})(?!\w))",
    re.IGNORECASE,
)

_T = TypeVar("_T")
_WORD = re.compile(r"\d+|[^\W\d_]+")  # the words and whole numbers a phrase is matched by


@dataclass(frozen=True)
class _Found(Generic[_T]):
    said: str  # as typed, "Twice a day"
    value: _T


class _Phrases(Generic[_T]):
    """Phrases found in directions by their words, whatever the letter case and the spaces,
    dots, hyphens or slashes between them ("c. à soupe" is "c à soupe"), the longest first."""

    def __init__(self, table: dict[str, _T]) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], _T]]] = {}
        for phrase, value in table.items():
            words = tuple(_WORD.findall(unicodedata.normalize("NFC", phrase).casefold()))
            self._by_first.setdefault(words[0], []).append((words, value))
        for entries in self._by_first.values():
            entries.sort(key=lambda entry: len(entry[0]), reverse=True)

    def find(self, text: str) -> list[_Found[_T]]:
        words = _words(text)
        found = []
        i = 0
        while i < len(words):
            for phrase, value in self._by_first.get(words[i][0], ()):
                end = i + len(phrase)
                if tuple(word for word, _, _ in words[i:end]) == phrase:
                    found.append(_Found(text[words[i][1] : words[end - 1][2]], value))
                    i = end
                    break
            else:
                i += 1
        return found


def _words(text: str) -> list[tuple[str, int, int]]:
    """Each word of ``text`` in lower case, with where it starts and ends."""
    return [
        (unicodedata.normalize("NFC", match.group()).casefold(), match.start(), match.end())
        for match in _WORD.finditer(text)
    ]


# Directions that leave the patient to guess (USP <17>: explicit directions; docs/basis.md §6):
# "use as directed" says neither how much nor when. English and French, with the Latin and
# its abbreviations (UD, ut dict., PRN).
_VAGUE = _Phrases(
    dict.fromkeys(
        (
            *("as directed", "as instructed", "as prescribed", "as told", "as advised"),
            *("as needed", "as required", "when needed", "if needed", "per doctor"),
            *("ud", "u d", "ut dict", "ut dictum", "prn", "p r n", "pro re nata"),
            *("selon les indications", "selon l'indication", "selon les directives"),
            *("tel qu'indiqué", "tel que prescrit", "tel que dirigé", "comme indiqué"),
            *("comme prescrit", "comme convenu", "selon l'ordonnance", "selon la prescription"),
            *("selon avis médical", "au besoin", "si besoin", "si nécessaire"),
        ),
        True,
    )
)

# Household measures: a kitchen spoon holds from 2.5 to 7 mL and a drop depends on the
# dropper. ISMP (and NCPDP): oral liquid doses in mL only, measured with the oral syringe
# dispensed (docs/basis.md §7). A drop is the measure of one form only, the one that counts
# drops with its calibrated dropper (docs/basis.md §7, issue 14 §4): each phrase says which
# counted noun it is, and is allowed where the form counts that noun
# (``DosageForm.directions_counts``); "a dropperful" is no form's measure.
_HOUSEHOLD_MEASURES = _Phrases(
    {
        **dict.fromkeys(
            (
                *("teaspoon", "teaspoons", "teaspoonful", "teaspoonfuls", "tsp"),
                *("tablespoon", "tablespoons", "tablespoonful", "tablespoonfuls", "tbsp", "tbs"),
                *("spoonful", "spoonfuls", "dropperful", "dropperfuls"),
                *(
                    f"{spoon} {kind}".strip()
                    for spoon in ("cuillère", "cuillères", "cuiller", "cuillerée", "cuillerées")
                    for kind in ("", "à thé", "à café", "à soupe")
                ),
                *("c. à thé", "c. à café", "c. à soupe", "c. à c.", "c. à s."),
            ),
            "",
        ),
        # the dropper too: "with the dropper" on drops names the device ("1 dropper" is refused
        # as a count of droppers, which no form counts)
        **dict.fromkeys(
            ("drop", "drops", "dropper", "droppers", "goutte", "gouttes", "compte-gouttes"),
            "drop",
        ),
    }
)

# How often directions say a dose is taken, as the doses a day it means, so that the label
# cannot contradict the calculation's --doses-per-day (the supply, the BUD check). Plain words
# only: QD, BID or QHS are refused before, as abbreviations (ISMP, docs/basis.md §6). A time of
# the day is one dose (below); directions with neither are not checked for their frequency.
_COUNTS = {
    **{str(n): n for n in range(1, 25)},
    **{word: int(n) for word, n in _NUMBER_WORDS.items() if n == int(n) and n <= 12},
}
_HOW_MANY_TIMES = {
    "once": 1,
    "twice": 2,
    "thrice": 3,
    **{f"{count} {word}": n for count, n in _COUNTS.items() for word in ("time", "times", "fois")},
}
# "a day" after a number of times ("twice a day", "2 fois/jour"), and the few that mean once.
_A_DAY = ("a day", "per day", "each day", "every day", "daily", "par jour", "jour", "chaque jour")
_ONCE_A_DAY = (
    *("a day", "per day", "each day", "every day", "daily", "every twenty-four hours"),
    *("par jour", "chaque jour", "tous les jours", "quotidiennement"),
    "toutes les vingt-quatre heures",
)
_EVERY_HOURS = ("every {} hours", "every {} h", "toutes les {} heures", "toutes les {} h")
_DOSES_A_DAY = _Phrases(
    {
        **dict.fromkeys(_ONCE_A_DAY, Decimal(1)),
        **{
            f"{times} {a_day}": Decimal(n)
            for times, n in _HOW_MANY_TIMES.items()
            for a_day in _A_DAY
        },
        **{
            every.format(count): Decimal(24) / hours
            for every in _EVERY_HOURS
            for count, hours in _COUNTS.items()
            if 24 % hours == 0
        },
        **dict.fromkeys(
            ("every other day", "every second day", "un jour sur deux", "tous les deux jours"),
            Decimal("0.5"),
        ),
    }
)
# The times of the day, each one dose: "in the morning and at bedtime", "matin et soir" are
# two a day. The evening and bedtime are one time ("le soir au coucher"). The words before a
# time are kept in what an error quotes: "at bedtime", "au coucher".
_TIMES = {
    "morning": ("morning", "mornings", "waking", "matin", "matins", "lever"),
    "noon": ("noon", "midday", "midi"),
    "evening": (
        *("evening", "evenings", "night", "nights", "nightly", "bedtime"),
        *("soir", "soirs", "soirée", "nuit", "coucher"),
    ),
}
_BEFORE_A_TIME = (
    *("at", "in the", "every", "each", "on", "upon", "before"),
    *("au", "à", "le", "la", "chaque", "tous les", "avant le", "avant de vous", "avant de se"),
)
_TIMES_OF_DAY = _Phrases(
    {
        f"{before} {word}".strip(): time
        for time, words in _TIMES.items()
        for word in words
        for before in ("", *_BEFORE_A_TIME)
    }
)


def read_directions(text: str, lang: Lang) -> str:
    """Directions as the prescriber means them, in words a patient reads without error (ISMP,
    docs/basis.md §6): no error-prone abbreviation, trailing zero or naked decimal, and every
    amount in figures as the label's language writes them (``4.5 mg``, French ``4,5 mg``), a
    space before the unit, thousands grouped (``4,500 mcg``). Household measures depend on
    the form (a drop is the dose of drops, of nothing else): :func:`check_directions`."""
    directions = read_text(text, "--directions", MAXIMUM_DIRECTIONS)
    vague = _VAGUE.find(directions)
    if vague:
        raise InputError("directions", directions, code="directions-vague", said=vague[0].said)
    found = _ABBREVIATION.search(directions)
    if found:
        abbreviation = found.group()
        fix = next(
            fixes[lang]
            for spellings, fixes in _ABBREVIATIONS
            if any(re.fullmatch(_dotted(s), abbreviation, re.IGNORECASE) for s in spellings)
        )
        raise InputError(
            "directions", directions, code="directions-abbreviation",
            abbreviation=abbreviation, written=fix,
        )  # fmt: skip
    zero = _TRAILING_ZERO[lang].search(directions)
    if zero:
        number = zero.group()
        plain = number.rstrip("0").rstrip(".,")
        raise InputError(
            "directions", directions, code="directions-trailing-zero", number=number, written=plain
        )
    naked = _NAKED_DECIMAL.search(directions)
    if naked:
        said = naked.group()
        raise InputError("directions", directions, code="directions-naked-decimal", said=said)
    for match in _AMOUNT[lang].finditer(directions):
        problem = _misread(match, lang)
        if problem:
            code, params = problem
            raise InputError("directions", directions, code=code, **params)
    return directions


def _misread(amount: re.Match[str], lang: Lang) -> tuple[str, dict[str, Any]] | None:
    """How an amount of directions can be misread on a ``lang`` label: the code of the
    refusal and its params (what was said, and what to write)."""
    said = " ".join(amount.group().split())
    unit = _symbol(amount["unit"])
    if amount["words"] is not None:
        value = _NUMBER_WORDS.get(amount["words"].lower())
        written = _written(value, unit, lang) if value is not None else ()
        return "directions-amount-in-words", {"said": said, "written": written}
    if amount["ratio"] is not None:
        return None  # "1/2 mL": read, and checked against the dose (check_directions)
    figures = amount["figures"]
    value = _read_number(figures, lang)
    if value is not None and amount["fraction"] is not None:
        value += _fraction(amount["fraction"])
    if value is None:
        theirs = _read_number(figures, _OTHER[lang])
        if theirs is None:
            return "directions-not-a-number", {"said": said}
        written = _written(theirs, unit, lang)
        mark = _NOTATIONS[_OTHER[lang]][0]
        return "directions-other-notation", {
            "said": said,
            "mark": mark,
            "label_lang": lang,
            "written": written,
        }
    if not amount["space"]:
        return "directions-no-space", {"said": said, "written": _written(value, unit, lang)}
    if value >= 1000 and not any(c in _NOTATIONS[lang][1] for c in figures):
        return "directions-no-thousands-separator", {
            "said": said,
            "written": _written(value, unit, lang),
        }
    return None


def _read_number(figures: str, lang: Lang) -> Decimal | None:
    """``figures`` as ``lang`` writes numbers (``4.5``, ``4,500``; French ``4,5``,
    ``4 500``), or None when it does not write them so."""
    if not _WRITTEN[lang].fullmatch(figures):
        return None
    mark, groups = _NOTATIONS[lang]
    return Decimal("".join(c for c in figures if c not in groups).replace(mark, "."))


def _fraction(text: str) -> Decimal:
    """A fraction as directions write it: ``½``, ``1/2`` (0 when it divides by zero: it then
    names no dose)."""
    text = text.strip()
    if "/" not in text:
        return Decimal(str(unicodedata.numeric(text)))
    over, _, under = text.partition("/")
    return Decimal(over) / Decimal(under) if int(under) else Decimal(0)


def _symbol(unit: str) -> str:
    """The ISMP symbol of a unit as directions write it: ``milligrams`` → mg, ``ML`` → mL."""
    return "/".join(_UNITS.get(part.strip().casefold(), part.strip()) for part in unit.split("/"))


def _written(value: Decimal, unit: str, lang: Lang) -> tuple[str, ...]:
    """``value`` in ``unit`` as the label's language writes it: ``("4,500 mcg", "4.5 mg")``
    (a dose of a thousand mcg or more is also said in mg, as on the label)."""
    places = len(f"{value:f}".partition(".")[2])
    number = format_number(value, places, lang=lang).replace("\u00a0", " ")
    text: tuple[str, ...] = (f"{number} {unit}",)
    if unit == "mcg" and value >= 1000:
        text += _written(value / 1000, "mg", lang)
    return text


def default_directions(result: "Result", lang: Lang) -> str:
    """Plain-word directions for one dose: ``Take 4.5 mL (4.5 mg) by mouth at bedtime``,
    ``Take 1 capsule by mouth at bedtime``; never HS, QHS or QD (ISMP)."""
    # the form's own directions (ldncalc.forms)
    return render(forms.documents(result).directions, Voice.of(lang, "cli"))


def directions_for(result: "Result", details: Prescription) -> str:
    """The directions to print: the prescriber's (``--directions``), read
    (:func:`read_directions`) and checked against ``result`` (:func:`check_directions`), or
    the default."""
    if not details.directions:
        return default_directions(result, details.lang)
    directions = read_directions(details.directions, details.lang)
    check_directions(result, directions, details.lang)
    return directions


def check_directions(result: "Result", directions: str, lang: Lang) -> None:
    """Refuse directions that do not state ``result``'s dose in its form's own measure, name
    another dose, or another number of doses a day.

    A household measure is refused unless it is what the form counts (drops for drops: the
    form's ``directions_counts``). The dose must be stated as the patient measures it (the
    form's :class:`~ldncalc.dosage_form.Supply`): a count of what the form counts (``1
    capsule``, ``1 drop``, ``2 pumps``), else its measured amount (``4.5 mL`` of a liquid,
    ``1 g`` of a cream): "Take by mouth", ``-1`` or ``4.5 mg`` alone on a liquid is refused.

    Every amount in mL, mg or mcg (in figures, in either language's notation, or in words) and
    every count of capsules must be the dose measured (a liquid: its dose volume, the mg it
    holds or the dose prescribed, and its concentration; capsules: 1 capsule of the
    strength): "Take 45 mL" on a 1 mg/mL bottle made for 4.5 mg is ten times the dose. Every
    frequency ("twice a day", "every 8 hours", "une fois par jour") must be
    ``result.doses_per_day``, and so must the times of the day named ("at bedtime", "matin et
    soir") when no frequency is; directions that name neither are not checked for it.
    """
    form = forms.get(result.kind)
    counts = form.directions_counts(result)  # {"capsule": 1}, {"drop": 2}
    for measure in _HOUSEHOLD_MEASURES.find(directions):
        if measure.value not in counts:
            raise InputError(
                "directions", directions, code="directions-household-measure",
                said=measure.said, **_dose_params(result, lang),
            )  # fmt: skip
    measured = form.supply(result)  # what the patient measures: 4.5 mL, 1 drop, 2 pumps
    stated: list[str] = []  # what states the dose in that measure
    other: list[str] = []  # the dose in another measure: "4.5 mg" of a liquid
    for match in _AMOUNT[lang].finditer(directions):
        amount = _amount(match, lang)
        if amount is None or not any(_same(amount, dose) for dose in _doses(result)):
            if amount is not None and measured.counted and _same(amount, measured.dose):
                raise InputError(  # the volume of a dose of drops: they are counted
                    "directions", directions, code="directions-unmeasured",
                    said=" ".join(match.group().split()), **_dose_params(result, lang),
                )  # fmt: skip
            _wrong_dose(result, directions, match.group(), lang)
        own = measured.counted is None and _same(amount, measured.dose)
        (stated if own else other).append(" ".join(match.group().split()))
    for match in _CAPSULE_COUNT.finditer(directions):
        count = _count(match["count"])
        noun = next((n for n, said in _COUNTED if re.match(said, match["noun"], re.I)), "")
        if counts.get(noun) != count:
            _wrong_dose(result, directions, match.group(), lang)
        stated.append(match.group())
    for match in _MULTIPLIER.finditer(directions):
        multiplier = next(text for text in match.groups() if text is not None)
        if _count(multiplier) != 1:
            _wrong_dose(result, directions, match.group(), lang)
    for match in _BARE_COUNT.finditer(directions):
        if result.kind != "capsule" or _count(match["count"]) != 1:
            _wrong_dose(result, directions, match["count"], lang)
        stated.append(match["count"])  # "Take 1 by mouth": 1 capsule
    if not stated:
        raise InputError(
            "directions", directions, code="directions-no-dose", said=tuple(other),
            **_dose_params(result, lang),
        )  # fmt: skip
    doses_a_day = Decimal(result.doses_per_day)
    frequencies = _DOSES_A_DAY.find(directions)
    for frequency in frequencies:
        if frequency.value != doses_a_day:
            _wrong_frequency(result, directions, [frequency.said], frequency.value, lang)
    times: dict[str, str] = {}
    for time in _TIMES_OF_DAY.find(directions):
        times.setdefault(time.value, time.said)
    if len(times) > doses_a_day or (times and not frequencies and len(times) != doses_a_day):
        _wrong_frequency(result, directions, list(times.values()), Decimal(len(times)), lang)


def _amount(match: re.Match[str], lang: Lang) -> Qty | None:
    """The amount ``match`` names, however its number is written; None if it is none."""
    if match["words"] is not None:
        number = _NUMBER_WORDS.get(match["words"].lower())
    elif match["ratio"] is not None:
        number = _fraction(match["ratio"])
    else:
        number = _read_number(match["figures"], lang)
        if number is None:
            number = _read_number(match["figures"], _OTHER[lang])
        if number is not None and match["fraction"] is not None:
            number += _fraction(match["fraction"])
    if number is None:
        return None
    try:
        return parse_quantity(
            f"{number:f} {_symbol(match['unit'])}",
            option="--directions",
            kinds=(MASS, VOLUME, CONCENTRATION),
        )
    except InputError:
        return None


def _doses(result: "Result") -> tuple[Qty, ...]:
    """The amounts directions may name for one dose of ``result`` (its form's)."""
    return forms.get(result.kind).dose_amounts(result)


def _same(amount: Qty, dose: Qty) -> bool:
    if amount.dimensionality != dose.dimensionality:
        return False
    return bool(amount.to(dose.units).magnitude == dose.magnitude)


def _count(text: str) -> Decimal:
    """A count as written: ``1``, ``1,5``, ``1/2``, ``1 1/2``, ``1½``, ``½``, ``two``."""
    word = _NUMBER_WORDS.get(text.lower())
    if word is not None:
        return word
    found = re.fullmatch(rf"(\d+(?:[.,]\d+)?)?((?:{_FRACTION})|{_RATIO}|[{_VULGAR}])?", text)
    if found is None or not any(found.groups()):  # not a count _COUNT finds
        return Decimal(0)
    whole, part = found.groups()
    return Decimal((whole or "0").replace(",", ".")) + (_fraction(part) if part else 0)


def _dose_params(result: "Result", lang: Lang) -> dict[str, Any]:
    """What a refusal of directions says a dose of ``result`` is, in its form's own terms
    (:class:`~ldncalc.dosage_form.Supply`): ``measure`` (4.5 mL, 1 g) or ``number``
    ``counted`` (1 capsule, 2 pumps), the naltrexone HCl ``drug`` in it and the ``strength``,
    with ``shown`` when a counted dose's amount may be named too (2 pumps: 1 g); and the
    default directions as the ``example``."""
    form = forms.get(result.kind)
    supply = form.supply(result)
    shown = (
        supply.counted is not None
        and not _same(supply.dose, supply.drug)
        and any(_same(supply.dose, dose) for dose in form.dose_amounts(result))
    )
    return {
        "strength": supply.strength, "measure": supply.dose, "number": supply.number,
        "counted": supply.counted, "drug": supply.drug, "shown": shown,
        "form": result.dosage_form, "route": supply.route, "syringe": supply.syringe is not None,
        "example": default_directions(result, lang),
    }  # fmt: skip


def _wrong_dose(result: "Result", directions: str, said: str, lang: Lang) -> NoReturn:
    raise InputError(
        "directions", directions, code="directions-wrong-dose", said=" ".join(said.split()),
        **_dose_params(result, lang),
    )  # fmt: skip


def _wrong_frequency(
    result: "Result", directions: str, said: list[str], doses_a_day: Decimal, lang: Lang
) -> NoReturn:
    raise InputError(
        "directions", directions, code="directions-wrong-frequency",
        said=tuple(" ".join(text.split()) for text in said), doses_a_day=doses_a_day,
        doses_per_day=result.doses_per_day, example=default_directions(result, lang),
    )  # fmt: skip


def ingredient_names(result: "Result", lang: Lang) -> tuple[str, ...]:
    """Everything a record lists with a manufacturer lot and expiry: the ingredients (named
    as in the formulation record), and for capsules the empty shells."""
    names = tuple(item.name for item in result.ingredients)
    voice = Voice.of(lang, "cli")  # and the form's own rows (the capsule shells)
    names += tuple(render(row[0], voice) for row in forms.documents(result).rows)
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
        text = f"{typed}={day.isoformat()}"
        name = match_ingredient("--expiry", typed, text, known)
        if name in found:
            raise InputError("expiry", text, code="expiry-twice", name=name)
        found[name] = day
    return found


def match_ingredient(option: str, typed: str, text: str, names: Iterable[str]) -> str:
    """The one name of ``names`` that ``typed`` is (any letter case) or is part of; refused,
    quoting ``text`` for ``option``, when it matches none or several."""
    known = tuple(dict.fromkeys(names))
    key = typed.casefold()
    exact = [name for name in known if name.casefold() == key]
    matches = exact or [name for name in known if key in name.casefold()]
    if not matches:
        raise InputError(option, text, code="ingredient-unknown", known="; ".join(known))
    if len(matches) > 1:
        raise InputError(option, text, code="ingredient-ambiguous", matches="; ".join(matches))
    return matches[0]


def _short(text: str, length: int = 40) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"
