"""Prescription details and the BUD as a date: what is accepted, what is refused, and why.

docs/basis.md §5: the BUD counts from the day compounding starts and never exceeds the earliest
expiry of an ingredient. §2 and §6: directions say "at bedtime", never HS, QHS or QD.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from ldncalc import capsule, liquid
from ldncalc.bud import bud_date, format_date
from ldncalc.errors import InputError, LdnCalcError, UnsafeInputError
from ldncalc.locale.phrases import Lang, phrases
from ldncalc.models import Result
from ldncalc.prescriptions import (
    Prescription,
    check_directions,
    default_directions,
    directions_for,
    expiry_dates,
    ingredient_names,
    new_lot,
    prescription,
    read_date,
    read_directions,
)

NOV_22 = datetime.date(2026, 11, 22)

pytestmark = pytest.mark.usefixtures("printed_on_22_nov_2026")


def test_the_bud_counts_from_the_compounding_day() -> None:
    # 14 days (USP <795> aqueous nonpreserved) from 22 Nov 2026 is 06 Dec 2026
    bud = bud_date(NOV_22, 14)
    assert bud.date == datetime.date(2026, 12, 6)
    assert (bud.days, bud.limited_by) == (14, None)
    assert format_date(bud.date) == "06 Dec 2026"
    assert format_date(bud.date, "fr") == "06 déc. 2026"


def test_the_bud_never_passes_the_earliest_expiry() -> None:
    expiries = {"Purified water": datetime.date(2026, 12, 1), "API": datetime.date(2026, 11, 30)}
    bud = bud_date(NOV_22, 14, expiries)
    assert (bud.date, bud.days, bud.limited_by) == (datetime.date(2026, 11, 30), 8, "API")
    later = bud_date(NOV_22, 14, {"API": datetime.date(2027, 1, 1)})
    assert (later.date, later.limited_by) == (datetime.date(2026, 12, 6), None)


def test_an_ingredient_expired_by_the_compounding_day_is_refused() -> None:
    with pytest.raises(UnsafeInputError) as error:
        bud_date(NOV_22, 14, {"Purified water": NOV_22})
    assert str(error.value) == (
        'expiry="Purified water=2026-11-22": expires on or before the compounding date '
        "2026-11-22; use a lot of that ingredient that has not expired"
    )


@pytest.mark.parametrize(
    ("month", "en", "fr"),
    [(1, "Jan", "janv."), (2, "Feb", "févr."), (7, "Jul", "juill."), (8, "Aug", "août")],
)
def test_months_are_written_in_letters(month: int, en: str, fr: str) -> None:
    day = datetime.date(2027, month, 3)
    assert format_date(day) == f"03 {en} 2027"
    assert format_date(day, "fr") == f"03 {fr} 2027"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("22/11/2026", "is not an ISO 8601 date"),
        ("11/22/2026", "is not an ISO 8601 date"),
        ("20261122", "is not an ISO 8601 date"),  # basic ISO form: Python reads it, we do not
        ("2026-W47-7", "is not an ISO 8601 date"),
        ("2026-11-22T09:30", "is not an ISO 8601 date"),
        ("22 Nov 2026", "is not an ISO 8601 date"),
        ("2026-02-30", "is not a real date"),
        ("2026-13-01", "is not a real date"),
        ("", "is not an ISO 8601 date"),
    ],
)
def test_dates_are_iso_8601_only(text: str, problem: str) -> None:
    with pytest.raises(InputError) as error:
        read_date(text, "--date")
    shown = f'"{text}"' if text else ""
    assert str(error.value).startswith(f"date={shown}: {problem};")


def test_an_iso_date_is_read() -> None:
    assert read_date(" 2026-11-22 ", "--date") == NOV_22
    assert prescription(date="2026-11-22").compounded == NOV_22


def test_directions_default_to_plain_words() -> None:
    # docs/basis.md §3 worked example: 4.5 mg of 1 mg/mL is 4.5 mL
    assert default_directions(liquid(target="4.5mg"), "en") == (
        "Take 4.5 mL (4.5 mg) by mouth at bedtime"
    )
    assert default_directions(liquid(target="4.5mg"), "fr") == (
        "Prendre 4,5 mL (4,5 mg) par la bouche au coucher"
    )
    assert default_directions(capsule(strength="1.5mg", quantity=30), "en") == (
        "Take 1 capsule by mouth at bedtime"
    )
    twice = liquid(target="1.5mg", doses_per_day="2")
    assert default_directions(twice, "en") == "Take 1.5 mL (1.5 mg) by mouth twice a day"
    assert (
        default_directions(twice, "fr")
        == "Prendre 1,5 mL (1,5 mg) par la bouche deux fois par jour"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Take 1 capsule QHS",
            'uses "QHS", an error-prone abbreviation (ISMP); write "at bedtime"',
        ),
        ("Take 1 capsule q.h.s.", 'uses "q.h.s.", an error-prone abbreviation (ISMP)'),
        ("Take 1 capsule hs", 'uses "hs", an error-prone abbreviation (ISMP); write "at bedtime"'),
        ("Take 1 capsule QD", 'uses "QD", an error-prone abbreviation (ISMP); write "daily"'),
        ("Take 5 cc", 'uses "cc", an error-prone abbreviation (ISMP); write "mL"'),
        ("Take 500 µg", 'uses "µg", an error-prone abbreviation (ISMP); write "mcg"'),
        ("Take 500 ug", 'uses "ug", an error-prone abbreviation (ISMP); write "mcg"'),
        (
            "Take 1.0 mL",
            'has the trailing zero "1.0" (ISMP: read as ten times the dose); write "1"',
        ),
        (
            "Take 4.50 mL",
            'has the trailing zero "4.50" (ISMP: read as ten times the dose); write "4.5"',
        ),
        ("Take .5 mL", 'has a decimal without a leading zero ".5" (ISMP); write "0.5"'),
        ("Take 1 mL\nat bedtime", "holds control characters (a line break?); write it on one line"),
    ],
)
def test_error_prone_directions_are_refused(text: str, message: str) -> None:
    with pytest.raises(InputError) as error:
        read_directions(text, "en")
    assert message in str(error.value)
    shown = text.replace("\n", "\\n")  # a message is one line: the line break as an escape
    assert str(error.value).startswith(f'directions="{shown}": ')


def test_plain_directions_are_kept() -> None:
    for text in [
        "Take 4.5 mL (4.5 mg) by mouth at bedtime",
        "Take 0.5 mL by mouth every morning; shake well",
        "Take 1 capsule by mouth at bedtime for 10 days, then 2 capsules",
        "Chase the dose with water",  # "has" and "chase" are words, not HS
    ]:
        assert read_directions(text, "en") == text
    assert read_directions("Prendre 4,5 mL au coucher", "fr") == "Prendre 4,5 mL au coucher"
    with pytest.raises(InputError, match='trailing zero "4,50"'):
        read_directions("Prendre 4,50 mL au coucher", "fr")


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("lot", "LOT 12", 'lot="LOT 12": is not a lot or Rx number; use letters, digits'),
        ("rx", "12^34", 'rx="12^34": is not a lot or Rx number; use letters, digits'),
        ("rx", "1" * 21, "at most 20 characters"),
        ("patient", "   ", 'patient="   ": is empty; write the text or leave the option out'),
        ("patient", "Jane\tDoe\x00", 'patient="Jane\\tDoe\\x00": holds control characters'),
        ("prescriber", "A" * 81, f'prescriber="{"A" * 39}…": is longer than 80 characters'),
        ("lang", "EN-us", 'lang="EN-us": is not a label language; write en or fr'),
    ],
)
def test_prescription_options_are_checked(option: str, value: str, message: str) -> None:
    with pytest.raises(InputError) as error:
        prescription(**{option: value})
    assert message in str(error.value)


def test_names_are_kept_as_typed_on_one_line() -> None:
    details = prescription(patient="  Élodie   Bérubé ", prescriber="Dr. Ann O'Brien-Smith")
    assert details.patient == "Élodie Bérubé"
    assert details.prescriber == "Dr. Ann O'Brien-Smith"
    # decomposed accents (e + combining acute) are composed, so the font has them
    assert prescription(patient="E\u0301lodie").patient == "Élodie"


def test_a_new_lot_is_dated_and_unique() -> None:
    now = datetime.datetime(2026, 11, 22, 9, 30)
    lots = {new_lot(NOV_22, now) for _ in range(50)}
    assert len(lots) > 45  # 4 random hex digits: a repeat in 50 draws is rare
    assert all(lot.startswith("20261122-0930-") and len(lot) == 18 for lot in lots)
    assert prescription(date="2026-11-20", now=now).lot.startswith("20261120-0930-")


def test_expiries_match_part_of_an_ingredient_name() -> None:
    result = capsule(strength="4.5mg", quantity=30)
    names = ingredient_names(result, "en")
    assert names[-1] == "Empty hard capsules, size 1"
    details = prescription(expiry=["NALTREXONE=2027-01-31", "capsules=2027-06-30"])
    assert expiry_dates(details, names) == {
        "Naltrexone hydrochloride (anhydrous)": datetime.date(2027, 1, 31),
        "Empty hard capsules, size 1": datetime.date(2027, 6, 30),
    }


@pytest.mark.parametrize(
    ("expiry", "message"),
    [
        (["2027-01-31"], 'expiry="2027-01-31": does not name an ingredient; write INGREDIENT='),
        (["water=31/01/2027"], 'expiry="31/01/2027": is not an ISO 8601 date'),
        (["e=2027-01-31"], "matches several ingredients"),
        (["water=2027-01-31", "purified=2027-02-28"], "is a second expiry for Purified water"),
    ],
)
def test_bad_expiries_are_refused(expiry: list[str], message: str) -> None:
    names = ingredient_names(liquid(target="4.5mg"), "en")
    with pytest.raises(InputError) as error:
        expiry_dates(prescription(expiry=expiry), names)
    assert message in str(error.value)


def test_an_expiry_by_the_compounding_date_is_refused_as_typed() -> None:
    with pytest.raises(UnsafeInputError) as error:
        prescription(date="2026-11-22", expiry=["naltrexone=2027-05-31", " water =2026-11-01"])
    assert str(error.value) == (
        'expiry=" water =2026-11-01": expires on or before the compounding date 2026-11-22; '
        "use a lot of that ingredient that has not expired"
    )
    later = prescription(date="2026-11-22", expiry=["water=2026-11-23"])
    assert later.expiries == (("water", datetime.date(2026, 11, 23)),)


# --- Directions name the dose that was calculated (review A1) -------------------------------

LIQUID_45 = liquid(target="4.5mg")  # 1 mg/mL: 4.5 mL a dose
CAPSULE_45 = capsule(strength="4.5mg", quantity=30)
DILUTED_25 = liquid(target="25mcg")  # 0.05 mg/mL after a 1:10 dilution: 0.5 mL a dose


@pytest.mark.parametrize(
    ("result", "directions", "lang"),
    [
        (LIQUID_45, "Take 4.5 mL (4.5 mg) by mouth at bedtime", "en"),
        (LIQUID_45, "Take 4.5 mL of the 1 mg/mL suspension by mouth at bedtime", "en"),
        (LIQUID_45, "Take 4.5 millilitres by mouth at bedtime", "en"),
        (LIQUID_45, "Take 4500 mcg (4.5ML) by mouth at bedtime", "en"),
        (LIQUID_45, "Prendre 4,5 mL (4,5 mg) par la bouche au coucher", "fr"),
        (CAPSULE_45, "Take 1 capsule (4.5 mg) by mouth at bedtime", "en"),
        (CAPSULE_45, "Take one 4.5 mg capsule by mouth at bedtime", "en"),
        (CAPSULE_45, "Take a capsule by mouth at bedtime", "en"),
        (CAPSULE_45, "Prendre une capsule de 4,5 mg au coucher", "fr"),
        (DILUTED_25, "Take 0.5 mL (25 mcg) by mouth at bedtime", "en"),
        (DILUTED_25, "Take 0.5 mL (0.025 mg) by mouth at bedtime", "en"),
        # defect 1: the dose in every spelling, fraction or multiplier of one stays accepted
        (LIQUID_45, "Take 4.5 mls by mouth at bedtime", "en"),
        (LIQUID_45, "Take 4½ mL by mouth at bedtime", "en"),
        (LIQUID_45, "Take 1 dose of 4.5 mL at bedtime", "en"),
        (LIQUID_45, "Take 4.5 mL by mouth at bedtime x 30 days", "en"),
        (LIQUID_45, "Prendre 4,5 mls au coucher pendant 30 jours", "fr"),
        (CAPSULE_45, "Take 1 by mouth at bedtime", "en"),
        (CAPSULE_45, "Take one at bedtime", "en"),
        (CAPSULE_45, "Take 1 capsule 1 hour before bedtime", "en"),
        (CAPSULE_45, "Take 1 capsule (4.5 mgs) by mouth at bedtime", "en"),
        (CAPSULE_45, "Prendre 1 gélule au coucher", "fr"),
    ],
)
def test_directions_that_name_the_dose_are_accepted(
    result: Result, directions: str, lang: Lang
) -> None:
    check_directions(result, directions, lang)


@pytest.mark.parametrize(
    ("result", "directions", "lang", "said"),
    [
        (LIQUID_45, "Take 45 mL by mouth at bedtime", "en", "45 mL"),
        (LIQUID_45, "Take 4.5 mL (45 mg) by mouth at bedtime", "en", "45 mg"),
        (LIQUID_45, "Take 4.5 mL of the 10 mg/mL suspension", "en", "10 mg/mL"),
        (LIQUID_45, "Take 45 milliliters by mouth at bedtime", "en", "45 milliliters"),
        (LIQUID_45, "Take 0.45 mL by mouth at bedtime", "en", "0.45 mL"),
        (LIQUID_45, "Take 4.5 mL; then 9 mL after a week", "en", "9 mL"),
        (LIQUID_45, "Prendre 45 mL au coucher", "fr", "45 mL"),
        (LIQUID_45, "Take 1 capsule at bedtime", "en", "1 capsule"),
        (CAPSULE_45, "Take 2 capsules by mouth at bedtime", "en", "2 capsules"),
        (CAPSULE_45, "Take two 4.5 mg capsules at bedtime", "en", "two 4.5 mg capsules"),
        (CAPSULE_45, "Take half a capsule at bedtime", "en", "half a capsule"),
        (CAPSULE_45, "Take 1/2 capsule at bedtime", "en", "1/2 capsule"),
        (CAPSULE_45, "Take 1 capsule (45 mg) at bedtime", "en", "45 mg"),
        (CAPSULE_45, "Take 1 capsule in 5 mL of water", "en", "5 mL"),
        (CAPSULE_45, "Prendre deux capsules au coucher", "fr", "deux capsules"),
        (CAPSULE_45, "Prendre 1,5 capsule au coucher", "fr", "1,5 capsule"),
        (DILUTED_25, "Take 5 mL (25 mcg) by mouth at bedtime", "en", "5 mL"),
        (DILUTED_25, "Take 0.5 mL (250 mcg) by mouth at bedtime", "en", "250 mcg"),
        # defect 1: plural symbols, fractions, multipliers, tablets and bare counts
        (LIQUID_45, "Take 45 mls by mouth at bedtime", "en", "45 mls"),
        (LIQUID_45, "Take 45 MLs by mouth at bedtime", "en", "45 MLs"),
        (LIQUID_45, "Take 9½ mL by mouth at bedtime", "en", "9½ mL"),  # 9.5 mL, not 4.5
        (LIQUID_45, "Take 1/2 mL by mouth at bedtime", "en", "1/2 mL"),  # not "2 mL"
        (LIQUID_45, "Take 4 1/2 mg (9 mL) at bedtime", "en", "9 mL"),
        (LIQUID_45, "Take 2 doses of 4.5 mL at bedtime", "en", "2 doses of"),
        (LIQUID_45, "Take two doses of 4.5 mL at bedtime", "en", "two doses of"),
        (LIQUID_45, "Take 4.5 mL x2 at bedtime", "en", "x2"),
        (LIQUID_45, "Take 4.5 mL × 2 at bedtime", "en", "× 2"),
        (LIQUID_45, "Take 2 x 4.5 mL at bedtime", "en", "2 x"),
        (LIQUID_45, "Take 3 by mouth at bedtime", "en", "3"),
        (LIQUID_45, "Prendre 45 mls au coucher", "fr", "45 mls"),
        (LIQUID_45, "Prendre 2 doses de 4,5 mL au coucher", "fr", "2 doses de"),
        (LIQUID_45, "Prendre 4,5 mL x2 au coucher", "fr", "x2"),
        (CAPSULE_45, "Take 45 mgs by mouth at bedtime", "en", "45 mgs"),
        (CAPSULE_45, "Take 1½ capsules by mouth at bedtime", "en", "1½ capsules"),
        (CAPSULE_45, "Take 1 1/2 capsules by mouth at bedtime", "en", "1 1/2 capsules"),
        (CAPSULE_45, "Take ½ capsule by mouth at bedtime", "en", "½ capsule"),
        (CAPSULE_45, "Take 2 tablets by mouth at bedtime", "en", "2 tablets"),
        (CAPSULE_45, "Take 1 tablet by mouth at bedtime", "en", "1 tablet"),  # not a capsule
        (CAPSULE_45, "Take 3 by mouth at bedtime", "en", "3"),
        (CAPSULE_45, "Take 1 capsule x2 at bedtime", "en", "x2"),
        (CAPSULE_45, "Prendre 2 comprimés au coucher", "fr", "2 comprimés"),
        (CAPSULE_45, "Prendre 1 ½ gélule au coucher", "fr", "1 ½ gélule"),
        (CAPSULE_45, "Prendre 3 au coucher", "fr", "3"),
    ],
)
def test_directions_for_another_dose_are_refused(
    result: Result, directions: str, lang: Lang, said: str
) -> None:
    with pytest.raises(InputError) as error:
        check_directions(result, directions, lang)
    message = str(error.value)
    assert message.startswith(f'directions="{directions}": says "{said}", but a dose ')
    assert message.endswith(f'e.g. "{default_directions(result, lang)}"')


def test_the_refusal_says_what_the_dose_is() -> None:
    with pytest.raises(InputError) as error:
        check_directions(DILUTED_25, "Take 5 mL by mouth at bedtime", "en")
    assert str(error.value) == (
        'directions="Take 5 mL by mouth at bedtime": says "5 mL", but a dose of the '
        "0.05 mg/mL liquid is 0.5 mL (25 mcg); write the directions for that dose, e.g. "
        '"Take 0.5 mL (25 mcg) by mouth at bedtime"'
    )


# --- Counted nouns in each language (review C1) ---------------------------------------------


@pytest.mark.parametrize(
    ("lang", "number", "noun", "expected"),
    [
        ("en", 1, "tablet", "1 tablet"),
        ("en", 2, "tablet", "2 tablets"),
        ("en", 0, "capsule", "0 capsules"),
        ("en", 1001, "dose", "1,001 doses"),
        ("fr", 1, "tablet", "1 comprimé"),
        ("fr", 0, "tablet", "0 comprimé"),  # French: singular below 2 (OQLF)
        ("fr", 2, "tablet", "2 comprimés"),
        ("fr", 1001, "capsule", "1\u00a0001 capsules"),
    ],
)
def test_counted_nouns_follow_each_languages_plural(
    lang: Lang, number: int, noun: str, expected: str
) -> None:
    assert phrases(lang).count(number, noun) == expected


def test_one_expiry_covers_an_ingredient_and_its_diluent_copy() -> None:
    # a preserved liquid diluted with its own vehicle lists that vehicle's ingredients again,
    # flagged as diluent, under the same names: the same material, so the same lot and expiry
    result = liquid(target="25mcg", formulation="ldn-liquid-preserved", days="30")
    water = [a for a in result.ingredients if a.name == "Purified water"]
    assert [a.diluent for a in water] == [False, True]
    names = ingredient_names(result, "en")
    details = prescription(expiry=["water=2027-01-31"])
    assert expiry_dates(details, names) == {"Purified water": datetime.date(2027, 1, 31)}


# --- Directions a patient could misread, or that contradict the calculation -----------------
# (review: --directions let wrong doses reach the label). docs/basis.md §6 (ISMP): figures in
# the label's notation, a space before the unit, thousands grouped, no error-prone
# abbreviation; mL only, never a spoon or a drop; and the frequency is --doses-per-day.

CAPSULE_15_TWICE = capsule(strength="1.5mg", quantity=60, doses_per_day=2)
LIQUID_15_TWICE = liquid(target="1.5mg", doses_per_day="2")
HOUSEHOLD = "a household measure (ISMP: oral doses in mL only); write the dose in mL, measured "
HOUSEHOLD += "with the oral syringe dispensed"
GLUED = "with no space before the unit (ISMP: the unit can be misread as digits)"
NO_THOUSANDS = "with no thousands separator (ISMP: easily misread by a factor of ten)"
ABBREVIATION = "an error-prone abbreviation (ISMP)"
# issue 9 §7: "use as directed" and the like leave the patient to guess
VAGUE = (
    "which leaves the patient to guess (USP <17>: explicit directions); write how much to "
    "take, how and when (no abbreviations), or leave --directions out: the default directions "
    "say all three"
)
ONCE_NOT_TWICE = (
    "(1 dose a day), but the calculation is for 2 doses a day (--doses-per-day 2); write them "
    'for 2 doses a day, e.g. "Take 1 capsule by mouth twice a day"'
)
TWICE_NOT_ONCE = (
    "(2 doses a day), but the calculation is for 1 dose a day (--doses-per-day 1); write them "
    'for 1 dose a day, e.g. "Take 1 capsule by mouth at bedtime"'
)
THRICE_NOT_TWICE = ONCE_NOT_TWICE.replace("(1 dose a day)", "(3 doses a day)")
EVERY_OTHER_DAY_NOT_ONCE = TWICE_NOT_ONCE.replace("(2 doses a day)", "(1 dose every 2 days)")
FR_ONCE_NOT_TWICE = ONCE_NOT_TWICE.replace(
    "Take 1 capsule by mouth twice a day", "Prendre 1 capsule par la bouche deux fois par jour"
)
FR_TWICE_NOT_ONCE = TWICE_NOT_ONCE.replace(
    "Take 1 capsule by mouth at bedtime", "Prendre 1 capsule par la bouche au coucher"
)


@pytest.mark.parametrize(
    ("result", "directions", "lang", "message"),
    [
        # the other language's decimal mark
        (
            LIQUID_45,
            "Take 9,5 mL by mouth at bedtime",
            "en",
            'has "9,5 mL", with a decimal comma on an English label; write "9.5 mL"',
        ),
        (
            LIQUID_45,
            "Take 45,0 mL by mouth at bedtime",
            "en",
            'has "45,0 mL", with a decimal comma on an English label; write "45 mL"',
        ),
        (
            LIQUID_45,
            "Take 4,5 mL by mouth at bedtime",  # the right dose, in French notation
            "en",
            'has "4,5 mL", with a decimal comma on an English label; write "4.5 mL"',
        ),
        (
            LIQUID_45,
            "Prendre 9.5 mL par la bouche au coucher",
            "fr",
            'has "9.5 mL", with a decimal point on a French label; write "9,5 mL"',
        ),
        (
            CAPSULE_45,
            "Prendre 1 capsule de 9.5 mg",
            "fr",
            'has "9.5 mg", with a decimal point on a French label; write "9,5 mg"',
        ),
        # amounts in words
        (
            LIQUID_45,
            "Take ten mL by mouth at bedtime",
            "en",
            'has "ten mL", an amount in words; write it in figures: "10 mL"',
        ),
        (
            CAPSULE_45,
            "Take five mg by mouth at bedtime",
            "en",
            'has "five mg", an amount in words; write it in figures: "5 mg"',
        ),
        (
            LIQUID_45,
            "Prendre neuf mL au coucher",
            "fr",
            'has "neuf mL", an amount in words; write it in figures: "9 mL"',
        ),
        (
            LIQUID_45,
            "Take four and a half mL at bedtime",
            "en",
            'has "a half mL", an amount in words; write it in figures',
        ),
        (
            DILUTED_25,
            "Take twenty-five mcg at bedtime",
            "en",
            'has "twenty-five mcg", an amount in words; write it in figures',
        ),
        # household measures
        (LIQUID_45, "Take 1 teaspoon by mouth at bedtime", "en", f'uses "teaspoon", {HOUSEHOLD}'),
        (LIQUID_45, "Take 2 teaspoons at bedtime", "en", f'uses "teaspoons", {HOUSEHOLD}'),
        (LIQUID_45, "Take 1 tsp. at bedtime", "en", f'uses "tsp", {HOUSEHOLD}'),
        (LIQUID_45, "Take 1 tablespoon at bedtime", "en", f'uses "tablespoon", {HOUSEHOLD}'),
        (LIQUID_45, "Take 1 TBSP at bedtime", "en", f'uses "TBSP", {HOUSEHOLD}'),
        (LIQUID_45, "Take 5 drops at bedtime", "en", f'uses "drops", {HOUSEHOLD}'),
        (LIQUID_45, "Take 1 drop at bedtime", "en", f'uses "drop", {HOUSEHOLD}'),
        (LIQUID_45, "Take 1 dropperful at bedtime", "en", f'uses "dropperful", {HOUSEHOLD}'),
        (
            LIQUID_45,
            "Prendre 1 cuillère à thé au coucher",
            "fr",
            f'uses "cuillère à thé", {HOUSEHOLD}',
        ),
        (
            LIQUID_45,
            "Prendre 2 cuillères à café au coucher",
            "fr",
            f'uses "cuillères à café", {HOUSEHOLD}',
        ),
        (
            LIQUID_45,
            "Prendre 1 cuillère à soupe au coucher",
            "fr",
            f'uses "cuillère à soupe", {HOUSEHOLD}',
        ),
        (LIQUID_45, "Prendre 1 c. à thé au coucher", "fr", f'uses "c. à thé", {HOUSEHOLD}'),
        (LIQUID_45, "Prendre 5 gouttes au coucher", "fr", f'uses "gouttes", {HOUSEHOLD}'),
        (LIQUID_45, "Prendre 1 goutte au coucher", "fr", f'uses "goutte", {HOUSEHOLD}'),
        # ISMP abbreviations, a unit against its number, thousands not grouped
        # UD's fix was "as directed", itself vague (issue 9 §7)
        (LIQUID_45, "Take 4.5 mL ud", "en", f'says "ud", {VAGUE}'),
        (LIQUID_45, "Take 4.5 mL U.D.", "en", f'says "U.D", {VAGUE}'),
        (LIQUID_45, "Use as directed", "en", f'says "as directed", {VAGUE}'),
        (LIQUID_45, "Take as directed by your doctor", "en", f'says "as directed", {VAGUE}'),
        (CAPSULE_45, "Take 1 capsule as needed", "en", f'says "as needed", {VAGUE}'),
        (CAPSULE_45, "1 capsule PRN", "en", f'says "PRN", {VAGUE}'),
        (CAPSULE_45, "1 capsule ut dict.", "en", f'says "ut dict", {VAGUE}'),
        (
            LIQUID_45,
            "Prendre selon les indications",
            "fr",
            f'says "selon les indications", {VAGUE}',
        ),
        (CAPSULE_45, "1 capsule au besoin", "fr", f'says "au besoin", {VAGUE}'),
        (CAPSULE_45, "Prendre tel qu'indiqué", "fr", f'says "tel qu\'indiqué", {VAGUE}'),
        (
            CAPSULE_45,
            "Take 1 capsule PO at bedtime",
            "en",
            f'uses "PO", {ABBREVIATION}; write "by mouth"',
        ),
        (
            CAPSULE_45,
            "Take 1 capsule p.o. at bedtime",
            "en",
            f'uses "p.o.", {ABBREVIATION}; write "by mouth"',
        ),
        (CAPSULE_45, "1 capsule po hs", "fr", f'uses "po", {ABBREVIATION}; write "par la bouche"'),
        (
            CAPSULE_45,
            "1 capsule 1 f.p.j.",
            "fr",
            f'uses "f.p.j.", {ABBREVIATION}; write "fois par jour"',
        ),
        (CAPSULE_45, "1 caps. 1 FPJ", "fr", f'uses "FPJ", {ABBREVIATION}; write "fois par jour"'),
        (
            CAPSULE_15_TWICE,
            "Take 1 capsule BID",
            "en",
            f'uses "BID", {ABBREVIATION}; write "twice a day"',
        ),
        (
            CAPSULE_45,
            "Take 1 capsule t.i.d.",
            "en",
            f'uses "t.i.d.", {ABBREVIATION}; write "three times a day"',
        ),
        (
            CAPSULE_45,
            "Take 1 capsule QID",
            "en",
            f'uses "QID", {ABBREVIATION}; write "four times a day"',
        ),
        (
            CAPSULE_15_TWICE,
            "Prendre 1 capsule q12h",
            "fr",
            f'uses "q12h", {ABBREVIATION}; write "toutes les 12 heures"',
        ),
        (
            CAPSULE_45,
            "Prendre 1 capsule die",
            "fr",
            f'uses "die", {ABBREVIATION}; write "une fois par jour"',
        ),
        (LIQUID_45, "Take 5cc at bedtime", "en", f'uses "cc", {ABBREVIATION}; write "mL"'),
        (
            CAPSULE_45,
            "Take 1 capsule (4.5mg) at bedtime",
            "en",
            f'has "4.5mg" {GLUED}; write "4.5 mg"',
        ),
        (LIQUID_45, "Take 4.5mL at bedtime", "en", f'has "4.5mL" {GLUED}; write "4.5 mL"'),
        (LIQUID_45, "Prendre 4,5mL au coucher", "fr", f'has "4,5mL" {GLUED}; write "4,5 mL"'),
        (
            LIQUID_45,
            "Take 4500 mcg at bedtime",
            "en",
            f'has "4500 mcg" {NO_THOUSANDS}; write "4,500 mcg" or "4.5 mg"',
        ),
        (
            LIQUID_45,
            "Prendre 4500 mcg au coucher",
            "fr",
            f'has "4500 mcg" {NO_THOUSANDS}; write "4 500 mcg" or "4,5 mg"',
        ),
        # a frequency that is not --doses-per-day
        (
            CAPSULE_15_TWICE,
            "Take 1 capsule by mouth at bedtime",
            "en",
            f'says "at bedtime" {ONCE_NOT_TWICE}',
        ),
        (
            CAPSULE_15_TWICE,
            "Take 1 capsule once daily",
            "en",
            f'says "once daily" {ONCE_NOT_TWICE}',
        ),
        (CAPSULE_15_TWICE, "Take 1 capsule daily", "en", f'says "daily" {ONCE_NOT_TWICE}'),
        (
            CAPSULE_15_TWICE,
            "Take 1 capsule every morning",
            "en",
            f'says "every morning" {ONCE_NOT_TWICE}',
        ),
        (CAPSULE_15_TWICE, "Take 1 capsule a day", "en", f'says "a day" {ONCE_NOT_TWICE}'),
        (CAPSULE_45, "Take 1 capsule twice daily", "en", f'says "twice daily" {TWICE_NOT_ONCE}'),
        (CAPSULE_45, "Take 1 capsule twice a day", "en", f'says "twice a day" {TWICE_NOT_ONCE}'),
        (
            CAPSULE_45,
            "Take 1 capsule every 12 hours",
            "en",
            f'says "every 12 hours" {TWICE_NOT_ONCE}',
        ),
        (
            CAPSULE_45,
            "Take 1 capsule in the morning and at bedtime",
            "en",
            f'says "in the morning" and "at bedtime" {TWICE_NOT_ONCE}',
        ),
        (
            CAPSULE_15_TWICE,
            "Take 1 capsule three times a day",
            "en",
            f'says "three times a day" {THRICE_NOT_TWICE}',
        ),
        (
            CAPSULE_15_TWICE,
            "Take 1 capsule every 8 hours",
            "en",
            f'says "every 8 hours" {THRICE_NOT_TWICE}',
        ),
        (
            CAPSULE_45,
            "Take 1 capsule every other day",
            "en",
            f'says "every other day" {EVERY_OTHER_DAY_NOT_ONCE}',
        ),
        (
            CAPSULE_15_TWICE,
            "Prendre 1 capsule au coucher",
            "fr",
            f'says "au coucher" {FR_ONCE_NOT_TWICE}',
        ),
        (
            CAPSULE_15_TWICE,
            "Prendre 1 capsule une fois par jour",
            "fr",
            f'says "une fois par jour" {FR_ONCE_NOT_TWICE}',
        ),
        (
            CAPSULE_45,
            "Prendre 1 capsule deux fois par jour",
            "fr",
            f'says "deux fois par jour" {FR_TWICE_NOT_ONCE}',
        ),
        (
            CAPSULE_45,
            "Prendre 1 capsule toutes les 12 heures",
            "fr",
            f'says "toutes les 12 heures" {FR_TWICE_NOT_ONCE}',
        ),
        (
            CAPSULE_45,
            "Prendre 1 capsule matin et soir",
            "fr",
            f'says "matin" and "soir" {FR_TWICE_NOT_ONCE}',
        ),
    ],
)
def test_directions_a_patient_could_misread_or_that_contradict_the_result_are_refused(
    result: Result, directions: str, lang: Lang, message: str
) -> None:
    with pytest.raises(InputError) as error:
        check_directions(result, read_directions(directions, lang), lang)
    # the English the CLI prints, byte for byte (the library names directions= instead)
    assert error.value.render(surface="cli") == f'--directions: "{directions}" {message}'


@pytest.mark.parametrize(
    ("result", "directions", "lang", "said"),
    [
        (LIQUID_45, "Take 9,5 mL by mouth at bedtime", "en", "9,5 mL"),
        (LIQUID_45, "Take 45,0 mL by mouth at bedtime", "en", "45,0 mL"),
        (LIQUID_45, "Prendre 9.5 mL par la bouche au coucher", "fr", "9.5 mL"),
        (CAPSULE_45, "Prendre 1 capsule de 9.5 mg", "fr", "9.5 mg"),
        (LIQUID_45, "Take ten mL by mouth at bedtime", "en", "ten mL"),
        (CAPSULE_45, "Take five mg by mouth at bedtime", "en", "five mg"),
        (LIQUID_45, "Prendre neuf mL au coucher", "fr", "neuf mL"),
        (LIQUID_45, "Take 45mL at bedtime", "en", "45mL"),
    ],
)
def test_every_amount_is_checked_against_the_dose_however_it_is_written(
    result: Result, directions: str, lang: Lang, said: str
) -> None:
    # the library's check alone, without read_directions: the number is still read
    with pytest.raises(InputError, match=f'^directions="{directions}": says "{said}", but a '):
        check_directions(result, directions, lang)


@pytest.mark.parametrize(
    ("result", "directions", "lang"),
    [
        (LIQUID_45, "Take 4.5 mL (4.5 mg) by mouth at bedtime", "en"),
        (LIQUID_45, "Prendre 4,5 mL (4,5 mg) par la bouche au coucher", "fr"),
        (LIQUID_45, "Take 4,500 mcg (4.5 mL) by mouth once a day at bedtime", "en"),
        (LIQUID_45, "Prendre 4 500 mcg (4,5 mL) le soir au coucher", "fr"),
        (LIQUID_45, "Take 4.5 mL by mouth daily; measure with the oral syringe", "en"),
        (CAPSULE_15_TWICE, "Take 1 capsule by mouth twice a day", "en"),
        (CAPSULE_15_TWICE, "Take 1 capsule every 12 hours", "en"),
        (CAPSULE_15_TWICE, "Take 1 capsule in the morning and at bedtime", "en"),
        (CAPSULE_15_TWICE, "Take 1 capsule twice a day, the second at bedtime", "en"),
        (CAPSULE_15_TWICE, "Prendre 1 capsule matin et soir", "fr"),
        (CAPSULE_15_TWICE, "Prendre 1 capsule 2 fois par jour", "fr"),
        (LIQUID_15_TWICE, "Take 1.5 mL (1.5 mg) by mouth twice daily", "en"),
        (CAPSULE_45, "Take 1 capsule by mouth", "en"),  # no frequency: not checked for one
    ],
)
def test_plain_directions_for_the_dose_and_its_frequency_are_accepted(
    result: Result, directions: str, lang: Lang
) -> None:
    assert read_directions(directions, lang) == directions
    check_directions(result, directions, lang)


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize(
    "result",
    [LIQUID_45, LIQUID_15_TWICE, DILUTED_25, CAPSULE_45, CAPSULE_15_TWICE],
    ids=["liquid", "liquid-twice", "liquid-mcg", "capsule", "capsule-twice"],
)
def test_the_default_directions_pass_their_own_checks(result: Result, lang: Lang) -> None:
    directions = default_directions(result, lang)
    assert read_directions(directions, lang) == directions
    check_directions(result, directions, lang)


def test_directions_given_to_the_model_directly_are_read_too() -> None:
    # a library caller may build a Prescription without prescription(): the label still reads
    details = Prescription(directions="Take 4.5mL at bedtime", lot="L1", compounded=NOV_22)
    with pytest.raises(InputError, match=r'^directions="Take 4.5mL at bedtime": has "4.5mL" '):
        directions_for(LIQUID_45, details)


@st.composite
def results(draw: st.DrawFn) -> Result:
    """Any liquid or capsule ldncalc makes, 1 to 4 doses a day, from 1 mcg to 10 mg a day."""
    doses_per_day = draw(st.integers(1, 4))
    dose = draw(st.decimals(Decimal("0.001"), Decimal(10) / doses_per_day, places=3))
    try:
        if draw(st.booleans()):
            return liquid(target=f"{dose:f}mg", doses_per_day=doses_per_day)
        return capsule(strength=f"{dose:f}mg", quantity=60, doses_per_day=doses_per_day)
    except LdnCalcError:  # a dose the engine refuses (not measurable): not a valid result
        assume(False)
        raise


@settings(max_examples=60, deadline=None)
@given(results(), st.sampled_from(["en", "fr"]))
@example(DILUTED_25, "fr")
def test_the_default_directions_of_any_result_pass_their_own_checks(
    result: Result, lang: Lang
) -> None:
    directions = default_directions(result, lang)
    assert read_directions(directions, lang) == directions
    check_directions(result, directions, lang)


@settings(max_examples=60, deadline=None)
@given(results(), st.sampled_from(["en", "fr"]), st.integers(1, 4))
@example(CAPSULE_15_TWICE, "en", 1)  # "at bedtime" on capsules for 2 doses a day
def test_directions_for_another_number_of_doses_a_day_are_refused(
    result: Result, lang: Lang, doses_per_day: int
) -> None:
    assume(doses_per_day != result.doses_per_day)
    other = result.model_copy(update={"doses_per_day": doses_per_day})
    with pytest.raises(InputError, match=f"\\(doses_per_day={result.doses_per_day}\\); ") as error:
        check_directions(result, default_directions(other, lang), lang)
    assert f"(--doses-per-day {result.doses_per_day}); " in error.value.render(surface="cli")


@settings(max_examples=60, deadline=None)
@given(results(), st.sampled_from(["en", "fr"]), st.integers(2, 10), st.booleans())
def test_the_dose_multiplied_is_refused_however_the_multiplier_is_written(
    result: Result, lang: Lang, times: int, after: bool
) -> None:
    # defect 1: the default directions name the dose; any multiplier of 2 or more is refused
    directions = default_directions(result, lang)
    verb, _, rest = directions.partition(" ")
    multiplied = f"{directions} x{times}" if after else f"{verb} {times} x {rest}"
    with pytest.raises(InputError, match=r'": says "(x\d+|\d+ x)", but a dose '):
        check_directions(result, multiplied, lang)
