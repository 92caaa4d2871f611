"""A BUD's basis and the refusal of an expired ingredient are coded records, in English as
before and in French (issue 10; docs/basis.md §5, USP <795> 2023)."""

from __future__ import annotations

import datetime

import pytest
from test_units import assert_french

from ldncalc.bud import BudRecord, beyond_use, bud_date
from ldncalc.errors import UnsafeInputError


@pytest.mark.parametrize(
    ("record", "english", "french"),
    [
        (
            BudRecord(days=14, category="aqueous-nonpreserved", storage="refrigerate"),
            "USP <795> (2023): aqueous preparation, nonpreserved, 14 days",
            "USP <795> (2023) : préparation aqueuse sans agent de conservation, 14 jours",
        ),
        (
            BudRecord(days=90, category="nonaqueous-solid", storage="room-temperature"),
            "90 days, shorter than USP <795> (2023): nonaqueous solid (capsules), 180 days",
            "90 jours, moins que USP <795> (2023) : solide non aqueux (capsules), 180 jours",
        ),
        (
            BudRecord(
                days=60,
                category="aqueous-preserved",
                storage="refrigerate",
                evidence="Study X, 2020: stable 60 days",
            ),
            "60 days: Study X, 2020: stable 60 days",
            "60 jours : Study X, 2020: stable 60 days",  # the record's own text, as written
        ),
    ],
)
def test_the_basis_of_a_bud_in_english_and_french(
    record: BudRecord, english: str, french: str
) -> None:
    basis = beyond_use(record).basis
    assert basis.code == "bud-basis"
    assert basis.text("en") == english
    assert basis.text("fr") == french


def test_the_basis_survives_the_json_of_a_result() -> None:
    # the compounding log stores a result's JSON and reads it back: the words are rendered
    # again from the code
    bud = beyond_use(BudRecord(days=14, category="aqueous-nonpreserved", storage="refrigerate"))
    again = type(bud).model_validate_json(bud.model_dump_json())
    assert again.basis == bud.basis


def test_an_expired_ingredient_is_refused_with_a_code() -> None:
    day = datetime.date(2026, 11, 22)
    with pytest.raises(UnsafeInputError) as caught:
        bud_date(day, 14, {"naltrexone": day})
    error = caught.value
    assert error.code == "ingredient-expired"
    assert error.render("en", "cli") == (
        '--expiry: "naltrexone=2026-11-22" expires on or before the compounding date '
        "2026-11-22; use a lot of that ingredient that has not expired"
    )
    assert error.render("fr", "cli") == (
        '--expiry: "naltrexone=2026-11-22" expire au plus tard à la date de préparation, '
        "22 nov. 2026; employez un lot de cet ingrédient qui n'est pas expiré"
    )
    assert_french(error)
