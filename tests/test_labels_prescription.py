"""Prescription details and the BUD as a date: what is accepted, what is refused, and why.

REFERENCE.md §5: the BUD counts from the day compounding starts and never exceeds the earliest
expiry of an ingredient. §2 and §6: directions say "at bedtime", never HS, QHS or QD.
"""

from __future__ import annotations

import datetime

import pytest

from ldncalc import capsule, liquid
from ldncalc.bud import bud_date, format_date
from ldncalc.errors import InputError, UnsafeInputError
from ldncalc.labels.phrases import Lang, phrases
from ldncalc.models import Result
from ldncalc.prescriptions import (
    check_directions,
    default_directions,
    expiry_dates,
    ingredient_names,
    new_lot,
    prescription,
    read_date,
    read_directions,
)

NOV_22 = datetime.date(2026, 11, 22)


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
        '--expiry: "Purified water=2026-11-22" expires on or before the compounding date '
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
    shown = f'"{text}" ' if text else ""
    assert str(error.value).startswith(f"--date: {shown}{problem};")


def test_an_iso_date_is_read() -> None:
    assert read_date(" 2026-11-22 ", "--date") == NOV_22
    assert prescription(date="2026-11-22").compounded == NOV_22


def test_directions_default_to_plain_words() -> None:
    # REFERENCE.md §3 worked example: 4.5 mg of 1 mg/mL is 4.5 mL
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
    assert str(error.value).startswith("--directions: ")


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
        ("lot", "LOT 12", '--lot: "LOT 12" is not a lot or Rx number; use letters, digits'),
        ("rx", "12^34", '--rx: "12^34" is not a lot or Rx number; use letters, digits'),
        ("rx", "1" * 21, "at most 20 characters"),
        ("patient", "   ", '--patient: "   " is empty; write the text or leave the option out'),
        ("patient", "Jane\tDoe\x00", "--patient: "),
        ("prescriber", "A" * 81, "--prescriber: "),
        ("lang", "EN-us", '--lang: "EN-us" is not a label language; write en or fr'),
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
        (["2027-01-31"], '--expiry: "2027-01-31" does not name an ingredient; write INGREDIENT='),
        (["water=31/01/2027"], '--expiry: "31/01/2027" is not an ISO 8601 date'),
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
        '--expiry: " water =2026-11-01" expires on or before the compounding date 2026-11-22; '
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
        (LIQUID_45, "Shake well and take by mouth at bedtime", "en"),
        (CAPSULE_45, "Take 1 capsule (4.5 mg) by mouth at bedtime", "en"),
        (CAPSULE_45, "Take one 4.5 mg capsule by mouth at bedtime", "en"),
        (CAPSULE_45, "Take a capsule by mouth at bedtime", "en"),
        (CAPSULE_45, "Prendre une capsule de 4,5 mg au coucher", "fr"),
        (DILUTED_25, "Take 0.5 mL (25 mcg) by mouth at bedtime", "en"),
        (DILUTED_25, "Take 0.5 mL (0.025 mg) by mouth at bedtime", "en"),
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
    ],
)
def test_directions_for_another_dose_are_refused(
    result: Result, directions: str, lang: Lang, said: str
) -> None:
    with pytest.raises(InputError) as error:
        check_directions(result, directions, lang)
    message = str(error.value)
    assert message.startswith(f'--directions: "{directions}" says "{said}", but a dose ')
    assert message.endswith(f'e.g. "{default_directions(result, lang)}"')


def test_the_refusal_says_what_the_dose_is() -> None:
    with pytest.raises(InputError) as error:
        check_directions(DILUTED_25, "Take 5 mL by mouth at bedtime", "en")
    assert str(error.value) == (
        '--directions: "Take 5 mL by mouth at bedtime" says "5 mL", but a dose of the '
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
        ("fr", 1001, "capsule", "1\u202f001 capsules"),
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
