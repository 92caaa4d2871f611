"""Capsules by the packing statistic (issue 2 §5, §6, §8): salt, hydrate and assay corrections,
crushed tablets, overage, fill weight, refusals and warnings, and mass balance as a property.

Every expected figure was worked by hand from docs/basis.md; the working is next to it.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import event, example, given, settings
from hypothesis import strategies as st
from pint.testing import assert_equal

from ldncalc import (
    CapsuleResult,
    InputError,
    LdnCalcError,
    Quantity,
    UnsafeInputError,
    capsule,
    load,
)

HCL = Decimal("377.86")  # g/mol, naltrexone HCl anhydrous (USP 28; DailyMed)
DIHYDRATE = Decimal("413.89")  # g/mol, derived: 377.86 + 2 × 18.015 (docs/basis.md §1)
BASE = Decimal("341.4")  # g/mol, naltrexone base (PubChem)


def cli(messages: tuple[object, ...]) -> tuple[str, ...]:
    """Warnings or notes as the command line shows them in English (``--overage 1``)."""
    return tuple(m if isinstance(m, str) else m.text("en", "cli") for m in messages)  # type: ignore[attr-defined]


def mg(value: str | int) -> Quantity:
    return Quantity(Decimal(value), "milligram")


def discard_warnings(result: CapsuleResult) -> list[str]:
    return [w for w in cli(result.warnings) if "discarded" in w]


def weighable_warnings(result: CapsuleResult) -> list[str]:
    return [w for w in cli(result.warnings) if "minimum weighable" in w]


FLOAT_ARTEFACT = re.compile(r"\d\.\d*(?:9999|0000)")


# --------------------------------------------------------------------------------------------
# API powder: salt form, hydrate and assay (docs/basis.md §1; ARL Bio Pharma)
# --------------------------------------------------------------------------------------------


def test_4_5_mg_times_30_from_hcl_api_is_139_5_mg_for_a_batch_of_31() -> None:
    # batch = 30 + 1 (the formulation's overage, UNC punch method) = 31
    # API = 4.5 mg × 31 × 1 ÷ 100 % = 139.5 mg
    # packing statistic = size 1, 0.5 mL × MCC 305 mg/mL = 152.5 mg
    # filler = 31 × 152.5 − 139.5 = 4,727.5 − 139.5 = 4,588 mg
    result = capsule(strength="4.5mg", quantity=30)
    assert (result.quantity, result.overage, result.batch) == (30, 1, 31)
    assert result.source == "api"
    assert result.salt_factor == 1
    assert_equal(result.api_weight, mg("139.5"))
    assert result.capsule_size == "1"
    assert_equal(result.fill_weight, mg("152.5"))
    assert_equal(result.filler_weight, mg(4588))
    assert_equal(result.total_weight, mg("4727.5"))
    assert result.tablets is None
    assert result.powder_weight is None
    assert result.bud.days == 180
    assert result.bud.category == "nonaqueous-solid"
    assert cli(result.warnings) == ()


@pytest.mark.parametrize(
    ("salt", "assay", "factor", "api_mg"),
    [
        # dihydrate, no certificate figures (theory): 413.89 ÷ 377.86 = 1.095353;
        # 139.5 × 1.095353 = 152.80 → 152.8 mg
        ("hcl-dihydrate", None, DIHYDRATE / HCL, "152.8"),
        # base: 341.4 ÷ 377.86 = 0.903509 (docs/basis.md: 0.9035); 139.5 × 0.9035 = 126.04 → 126
        ("base", "100%", BASE / HCL, "126"),
        # assay 98.5 %: 139.5 ÷ 0.985 = 141.62 → 141.6 mg
        ("hcl", "98.5%", Decimal(1), "141.6"),
        # assay above 100 % weighs less: 139.5 ÷ 1.02 = 136.76 → 136.8 mg
        ("hcl", "102%", Decimal(1), "136.8"),
    ],
)
def test_api_weight_corrected_for_salt_form_and_assay(
    salt: str, assay: str | None, factor: Decimal, api_mg: str
) -> None:
    result = capsule(strength="4.5mg", quantity=30, salt=salt, assay=assay)
    assert_equal(result.api_weight, mg(api_mg))
    assert result.salt_factor is not None
    assert abs(result.salt_factor - factor) < Decimal("0.000001")
    # the filler makes up the rest: 4,727.5 mg − API
    assert_equal(result.filler_weight, mg("4727.5") - mg(api_mg))


def test_the_factor_step_shows_both_molar_masses() -> None:
    steps = {s.name: s for s in capsule(strength="4.5mg", quantity=30, salt="hcl-dihydrate").steps}
    # 100 % × 377.86 ÷ 413.89 = 0.9129479 → 0.91295 shown; 139.5 ÷ 0.9129479 = 152.80 → 152.8
    assert steps["Factor"].calculation == "100 % × 377.86 g/mol ÷ 413.89 g/mol = 0.91295"
    assert steps["API to weigh"].calculation == "4.5 mg × 31 ÷ 0.91295 = 152.8 mg"


# --------------------------------------------------------------------------------------------
# The certificate of analysis decides the factor (issue 9 §4; docs/basis.md §1: USP assay on the
# anhydrous basis, water by Karl Fischer; one factor, the water corrected once)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("certificate", "factor", "api_mg", "shown"),
    [
        # a dihydrate lot, USP certificate: assay 99.5 % on the anhydrous basis, water 8.6 %;
        # factor = 0.995 × (1 − 0.086) = 0.995 × 0.914 = 0.90943 (no molar-mass factor: the
        # water is corrected once); 4.5 mg × 31 = 139.5 mg ÷ 0.90943 = 153.393 → 153.4 mg. The
        # weights use the exact factor, shown to 6 places (s5 review)
        (
            {"salt": "hcl-dihydrate", "assay": "99.5%", "assay_basis": "anhydrous",
             "water": "8.6%"},
            "0.90943", "153.4", "99.5 % × (100 % − 8.6 %) = 0.90943",
        ),
        # "dried" is the same basis (the water is then the loss on drying)
        (
            {"salt": "hcl-dihydrate", "assay": "99.5%", "assay_basis": "dried",
             "water": "8.6%"},
            "0.90943", "153.4", "99.5 % × (100 % − 8.6 %) = 0.90943",
        ),
        # the same lot assayed as is, as the dihydrate: 0.995 × 377.86 ÷ 413.89
        # = 0.995 × 0.9129479 = 0.9083831 → 0.90838 shown; 139.5 ÷ 0.9083831 = 153.57 → 153.6 mg
        (
            {"salt": "hcl-dihydrate", "assay": "99.5%", "assay_as": "hcl-dihydrate"},
            "0.90838", "153.6", "99.5 % × 377.86 g/mol ÷ 413.89 g/mol = 0.90838",
        ),
        # a dihydrate lot assayed as is, as naltrexone HCl: the factor is the assay, 0.91;
        # 139.5 ÷ 0.91 = 153.30 → 153.3 mg
        (
            {"salt": "hcl-dihydrate", "assay": "91%", "assay_as": "hcl"},
            "0.91", "153.3", "91 % = 0.91",
        ),
        # anhydrous HCl, anhydrous-basis assay 99.2 %, water 0.5 %: 0.992 × 0.995 = 0.98704;
        # 139.5 ÷ 0.98704 = 141.33 → 141.3 mg
        (
            {"assay": "99.2%", "assay_basis": "anhydrous", "water": "0.5%"},
            "0.98704", "141.3", "99.2 % × (100 % − 0.5 %) = 0.98704",
        ),
        # base powder, as is: 0.99 × 377.86 ÷ 341.4 = 0.99 × 1.1067955 = 1.0957276 → 1.09573
        # shown; 139.5 ÷ 1.0957276 = 127.31 → 127.3 mg
        (
            {"salt": "base", "assay": "99%"},
            "1.09573", "127.3", "99 % × 377.86 g/mol ÷ 341.4 g/mol = 1.09573",
        ),
        # base on the dried basis, loss on drying 1 %: 0.99 × 0.99 × 1.1067955 = 1.0847703
        # → 1.08477 shown; 139.5 ÷ 1.0847703 = 128.60 → 128.6 mg
        (
            {"salt": "base", "assay": "99%", "assay_basis": "dried", "water": "1%"},
            "1.08477", "128.6", "99 % × (100 % − 1 %) × 377.86 g/mol ÷ 341.4 g/mol = 1.08477",
        ),
        # a certificate may state no water at all: 0 % on the anhydrous basis is the assay
        (
            {"assay": "99%", "assay_basis": "anhydrous", "water": "0%"},
            "0.99", "140.9", "99 % × (100 % − 0 %) = 0.99",
        ),
    ],
)  # fmt: skip
def test_the_certificate_gives_one_factor(
    certificate: dict[str, str], factor: str, api_mg: str, shown: str
) -> None:
    result = capsule(strength="4.5mg", quantity=30, **certificate)  # type: ignore[arg-type]
    assert result.api_factor == Decimal(factor)
    assert_equal(result.api_weight, mg(api_mg))
    steps = {s.name: s for s in result.steps}
    assert steps["Factor"].calculation == shown
    assert steps["API to weigh"].formula == "strength × batch ÷ factor"


def test_a_dihydrate_lot_is_recorded_with_what_its_certificate_says() -> None:
    result = capsule(
        strength="4.5mg", quantity=30, salt="hcl-dihydrate", assay="99.5%",
        assay_basis="anhydrous", water="8.6%",
    )  # fmt: skip
    assert result.api_form == "Naltrexone hydrochloride dihydrate"
    assert result.assay_expressed_as == "Naltrexone hydrochloride (anhydrous)"
    assert result.assay_basis == "anhydrous"
    assert_equal(result.water, Quantity(Decimal("8.6"), "percent"))
    assert result.salt_factor == 1  # the assay is as naltrexone HCl: no molar-mass factor
    assert cli(result.warnings) == ()


COA_REFUSALS = [
    # the dihydrate's assay must say what it is: as is (as the dihydrate) or anhydrous (USP)
    (
        {"salt": "hcl-dihydrate", "assay": "99.5%"},
        'assay="99.5%": of hcl-dihydrate does not say what it is expressed as: as the '
        "hcl-dihydrate as is, or as hcl on the anhydrous basis (USP), which differ by its "
        "water; if the certificate states the assay on the anhydrous basis (USP), give "
        "--assay-basis anhydrous and add --water from the certificate (e.g. --water 8.7%); if "
        "it states the assay as is, give --assay-as hcl-dihydrate",
    ),
    # the double correction the audit found: the dihydrate's molar masses and its water
    (
        {"salt": "hcl-dihydrate", "assay": "99.5%", "assay_as": "hcl-dihydrate",
         "assay_basis": "anhydrous", "water": "8.6%"},
        'assay_basis="anhydrous": contradicts --assay-as hcl-dihydrate: a hydrate\'s assay '
        "on the anhydrous basis would remove its water twice; if the certificate states the "
        "assay on the anhydrous basis (USP), give --assay-as hcl; if it states the assay as "
        "is, give --assay-basis as-is and drop --water",
    ),
    # an as-is assay already counts the water
    (
        {"assay": "98.5%", "water": "0.5%"},
        'water="0.5%": applies to an assay on the anhydrous (dried) basis only: an as-is '
        "assay already counts the water, and correcting for it again would overdose; if the "
        "certificate states the assay on the anhydrous basis (USP), give --assay-basis "
        "anhydrous; if it states the assay as is, drop --water",
    ),
    # the water unknown where it matters
    (
        {"salt": "hcl-dihydrate", "assay": "99.5%", "assay_basis": "anhydrous"},
        'assay_basis="anhydrous": needs the lot\'s water: an assay on the anhydrous basis '
        "counts no water, and the powder weighed holds some; if the certificate states the "
        "assay on the anhydrous basis (USP), add --water from the certificate (e.g. --water "
        "8.7%); if it states the assay as is, give --assay-basis as-is --assay-as hcl-dihydrate",
    ),
    (
        {"salt": "base", "assay_as": "hcl"},
        'assay_as="hcl": is not a form of the base powder weighed (--salt base); if the '
        "certificate states the assay on the anhydrous basis (USP), give --assay-basis "
        "anhydrous --assay-as base and add --water from the certificate (e.g. --water 0.5%); "
        "if it states the assay as is, give --assay-as base",
    ),
    (
        {"assay_as": "hcl-dihydrate"},
        'assay_as="hcl-dihydrate": is not a form of the hcl powder weighed (--salt hcl); if '
        "the certificate states the assay on the anhydrous basis (USP), give --assay-basis "
        "anhydrous --assay-as hcl and add --water from the certificate (e.g. --water 0.5%); if "
        "it states the assay as is, give --assay-as hcl",
    ),
    (
        {"assay_basis": "anhydrous", "water": "16%"},
        'water="16%": is outside 0 % to 15 %; check the certificate of analysis (water, Karl '
        "Fischer); write e.g. 8.6%",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("kwargs", "message"), COA_REFUSALS)
def test_a_certificate_that_would_correct_twice_or_leave_the_water_unknown_is_refused(
    kwargs: dict[str, str], message: str
) -> None:
    with pytest.raises(UnsafeInputError) as raised:
        capsule(strength="4.5mg", quantity=30, **kwargs)  # type: ignore[arg-type]
    # the messages as the command line prints them (a library caller reads the same inputs
    # named assay_basis="anhydrous", water=)
    name, rest = message.split("=", 1)
    value, text = rest.split(": ", 1)
    assert raised.value.render("en", "cli") == f"--{name.replace('_', '-')}: {value} {text}"
    assert "--" not in str(raised.value)


@pytest.mark.parametrize(
    ("kwargs", "fixed"),
    [
        # every fix a refusal suggests is accepted, and does what it says
        (
            {"salt": "hcl-dihydrate", "assay": "99.5%"},
            {"assay_basis": "anhydrous", "water": "8.7%"},
        ),
        ({"salt": "hcl-dihydrate", "assay": "99.5%"}, {"assay_as": "hcl-dihydrate"}),
        ({"assay": "98.5%", "water": "0.5%"}, {"water": None}),
        ({"assay": "98.5%", "water": "0.5%"}, {"assay_basis": "anhydrous"}),
        (
            {"salt": "hcl-dihydrate", "assay": "99.5%", "assay_basis": "anhydrous"},
            {"water": "8.7%"},
        ),
        (
            {"salt": "hcl-dihydrate", "assay": "99.5%", "assay_as": "hcl-dihydrate",
             "assay_basis": "anhydrous", "water": "8.6%"},
            {"assay_as": "hcl"},
        ),
        (
            {"salt": "hcl-dihydrate", "assay": "99%", "assay_as": "hcl"},
            {"assay_basis": "anhydrous", "water": "8.7%"},
        ),
        (
            {"salt": "hcl-dihydrate", "assay": "99%", "assay_as": "hcl"},
            {"assay_as": "hcl-dihydrate"},
        ),
    ],
)  # fmt: skip
def test_the_fix_of_a_refused_certificate_is_accepted(
    kwargs: dict[str, str], fixed: dict[str, str | None]
) -> None:
    capsule(strength="4.5mg", quantity=30, **{**kwargs, **fixed})  # type: ignore[arg-type]


def test_a_hydrates_water_on_an_anhydrous_lot_is_warned() -> None:
    # a dihydrate lot entered as hcl: the factor 0.995 × 0.914 is still right (153.4 mg, as
    # above), and the form the record names is questioned
    result = capsule(
        strength="4.5mg", quantity=30, assay="99.5%", assay_basis="anhydrous", water="8.6%"
    )
    assert_equal(result.api_weight, mg("153.4"))
    assert cli(result.warnings) == (
        "Water 8.6 % on a lot of Naltrexone hydrochloride (anhydrous) (--salt hcl) is a "
        "hydrate's: Naltrexone hydrochloride dihydrate holds 8.7 % in theory. Check the form on "
        "the certificate of analysis, and give --salt hcl-dihydrate if it is that one: the "
        "factor from an anhydrous-basis assay and the water is the same for either form, the "
        "form the record names is not",
    )
    # base powder has no hydrate in the catalog: its loss on drying is not a hydrate's
    base = capsule(
        strength="4.5mg", quantity=30, salt="base", assay="99%", assay_basis="dried", water="6%"
    )
    assert cli(base.warnings) == ()


def test_an_as_is_assay_a_dihydrate_cannot_hold_is_refused(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # docs/basis.md §1: 1 mg of dihydrate holds 377.86 ÷ 413.89 = 0.913 mg of naltrexone HCl;
    # with the USP's 102 % at most 93.1 %. Read as is, 99 % gave the factor 0.99 and weighed
    # 4.5 × 31 ÷ 0.99 = 140.9 mg where 4.5 × 31 ÷ (0.99 × 0.913) = 154.3 mg is needed: -9 %
    from ldncalc.cli import main

    argv = ["capsule", "--strength", "4.5mg", "--quantity", "30", "--salt", "hcl-dihydrate"]
    assert main([*argv, "--assay", "99%", "--assay-as", "hcl"]) == 2
    assert capsys.readouterr().err == (
        'ldncalc: --assay: "99%" (as --assay-as hcl) is more than what a Naltrexone '
        "hydrochloride dihydrate powder weighed as is can hold: at most 93.1 % (377.86 g/mol ÷ "
        "413.89 g/mol × 102 %), so the assay is on the anhydrous basis, and reading it as is "
        "would underdose; if the certificate states the assay on the anhydrous basis (USP), give "
        "--assay-basis anhydrous and add --water from the certificate (e.g. --water 8.7%); if "
        "it states the assay as is, give --assay-as hcl-dihydrate\n"
    )
    with pytest.raises(UnsafeInputError) as raised:
        capsule(strength="4.5mg", quantity=30, salt="hcl-dihydrate", assay="99%", assay_as="hcl")
    assert raised.value.code == "capsule-assay-above-hydrate"
    assert "au plus 93,1 %" in raised.value.render("fr", "cli")


@settings(max_examples=100, deadline=None)
@given(assay_tenths=st.integers(900, 1100))
@example(assay_tenths=931)  # 93.1 %: within 377.86 ÷ 413.89 × 102 % = 93.12 %
@example(assay_tenths=932)
def test_an_as_is_assay_of_a_dihydrate_as_hcl_is_refused_above_what_it_holds(
    assay_tenths: int,
) -> None:
    assay = Decimal(assay_tenths) / 10
    ceiling = Decimal("377.86") / Decimal("413.89") * Decimal("1.02") * 100
    kwargs = {"salt": "hcl-dihydrate", "assay": f"{assay}%", "assay_as": "hcl"}
    if assay > ceiling:
        with pytest.raises(UnsafeInputError):
            capsule(strength="4.5mg", quantity=30, **kwargs)  # type: ignore[arg-type]
    else:
        result = capsule(strength="4.5mg", quantity=30, **kwargs)  # type: ignore[arg-type]
        assert result.api_factor == round(assay / 100, 4)


def test_a_dihydrate_lots_water_far_from_its_own_is_warned() -> None:
    # docs/basis.md §1: the dihydrate holds 8.7 % water; 0.5 % is an anhydrous lot's. The
    # factor 0.99 × (1 − 0.005) = 0.98505 is right for either form; the form named is not
    def warned(water: str) -> tuple[str, ...]:
        result = capsule(
            strength="4.5mg", quantity=30, salt="hcl-dihydrate", assay="99%",
            assay_basis="anhydrous", water=water,
        )  # fmt: skip
        return tuple(getattr(w, "code", w) for w in result.warnings)

    result = capsule(
        strength="4.5mg", quantity=30, salt="hcl-dihydrate", assay="99%",
        assay_basis="anhydrous", water="0.5%",
    )  # fmt: skip
    assert result.api_factor == Decimal("0.98505")  # 0.99 × 0.995, to 6 places
    assert cli(result.warnings) == (
        "Water 0.5 % on a lot of Naltrexone hydrochloride dihydrate (--salt hcl-dihydrate) is "
        "far from the 8.7 % it holds in theory. Check the form and the water on the certificate "
        "of analysis, and give --salt hcl if the lot is Naltrexone hydrochloride (anhydrous): "
        "the factor from an anhydrous-basis assay and the water is the same for either form, "
        "the form the record names is not",
    )
    # as far from 8.7 % as the 5 % line: 5 % or less and 12.4 % or more are warned
    far = "capsule-water-far-from-hydrate"
    assert [far in warned(w) for w in ("5%", "5.1%", "8.7%", "12.3%", "12.4%")] == [
        True, False, False, False, True,
    ]  # fmt: skip


def test_api_molar_mass_and_form_are_recorded() -> None:
    result = capsule(strength="4.5mg", quantity=30, salt="base")
    assert_equal(result.api_molar_mass, Quantity(BASE, "gram/mole"))
    assert result.api_form is not None
    assert "base" in result.api_form.lower()
    assert_equal(result.assay, Quantity(Decimal(100), "percent"))


# --------------------------------------------------------------------------------------------
# Crushed tablets (docs/basis.md §4)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("strength", "quantity", "tablet_weight", "tablets", "powder", "filler"),
    [
        # 4.5 mg × 31 = 139.5 mg ÷ 50 = 2.79 → 3 tablets; powder 2.79 × 250 = 697.5 mg;
        # filler 4,727.5 − 697.5 = 4,030 mg
        ("4.5mg", 30, "250mg", 3, "697.5", "4030"),
        # 1.5 mg × 61 = 91.5 mg ÷ 50 = 1.83 → 2 tablets; powder 1.83 × 200 = 366 mg;
        # filler 61 × 152.5 − 366 = 9,302.5 − 366 = 8,936.5 mg
        ("1.5mg", 60, "200mg", 2, "366", "8936.5"),
        # 0.5 mg × 100 + 1 = 50.5 mg ÷ 50 = 1.01 → 2 tablets (rounded up, never down);
        # powder 1.01 × 180 = 181.8 mg; filler 101 × 152.5 − 181.8 = 15,220.7 mg
        ("0.5mg", 100, "180mg", 2, "181.8", "15220.7"),
        # 3 mg × 31 = 93 mg ÷ 50 = 1.86 → 2 tablets; powder 1.86 × 333.3 = 619.938 → 619.9 mg
        ("3mg", 30, "333.3mg", 2, "619.9", "4107.6"),
    ],
)
def test_crushed_tablets_rounded_up_and_powder_in_proportion(
    strength: str, quantity: int, tablet_weight: str, tablets: int, powder: str, filler: str
) -> None:
    result = capsule(
        strength=strength, quantity=quantity, source="tablets", tablet_weight=tablet_weight
    )
    assert result.formulation.id == "ldn-capsule-tablets-mcc"
    assert result.tablets == tablets
    assert_equal(result.powder_weight, mg(powder))
    assert_equal(result.filler_weight, mg(filler))
    assert result.api_weight is None
    (active,) = [a for a in result.ingredients if a.role == "active"]
    assert active.tablets == tablets
    assert_equal(active.powder, mg(powder))


@pytest.mark.parametrize("strength", ["25mcg", "0.025mg"])
def test_a_strength_in_mcg_from_tablets_is_the_same_preparation(strength: str) -> None:
    # Bug: "25mcg" crashed (mcg ÷ mg has no symbol) and counted tablets in mcg/mg.
    # 25 mcg × 31 = 0.775 mg ÷ 50 mg = 0.0155 → 1 tablet; powder 0.0155 × 250 mg = 3.875 mg,
    # below the 120 mg minimum weighable quantity: weighed by the aliquot method
    result = capsule(strength=strength, quantity=30, source="tablets", tablet_weight="250mg")
    assert result.tablets == 1
    assert_equal(result.powder_weight, mg("3.875"))
    assert result.aliquot is not None
    (crush,) = [s for s in result.steps if s.name == "Tablets to crush"]
    assert crush.calculation.endswith("= 0.0155 → 1 tablet")


def test_the_tablets_to_crush_are_named_with_the_strength_used() -> None:
    # 4.5 mg × 31 = 139.5 mg ÷ 25 = 5.58 → 6 tablets; powder 5.58 × 150 mg = 837 mg
    result = capsule(
        strength="4.5mg",
        quantity=30,
        source="tablets",
        tablet_weight="150mg",
        tablet_strength="25mg",
    )
    assert result.tablets == 6
    assert_equal(result.powder_weight, mg(837))
    (active,) = [a for a in result.ingredients if a.role == "active"]
    assert "50 mg" not in active.name
    assert "25 mg" in active.name


def test_tablets_source_needs_the_tablet_weight() -> None:
    with pytest.raises(InputError) as raised:
        capsule(strength="4.5mg", quantity=30, source="tablets")
    assert str(raised.value) == (
        'tablet_weight=: is needed with source="tablets"; weigh 10 tablets and give the '
        'average, e.g. tablet_weight="250mg"'
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"salt": "base"},
            'salt="base": applies to API powder only; drop it with source="tablets" '
            "(tablets are labelled as HCl)",
        ),
        (
            {"assay": "99%"},
            'assay="99%": applies to API powder only; drop it with source="tablets" '
            "(tablets are labelled as HCl)",
        ),
        (
            {"tablet_weight": "40mg"},
            'tablet_weight="40mg": is less than the 50 mg of drug a tablet holds; give the '
            "average weight of one whole tablet",
        ),
    ],
)
def test_tablets_source_refuses_api_only_options(kwargs: dict[str, str], message: str) -> None:
    args: dict[str, object] = {"tablet_weight": "250mg", **kwargs}
    with pytest.raises(LdnCalcError) as raised:
        capsule(strength="4.5mg", quantity=30, source="tablets", **args)  # type: ignore[arg-type]
    assert str(raised.value) == message


# --------------------------------------------------------------------------------------------
# Overage: a count, or a percentage rounded up (issue 2 §5)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quantity", "overage", "extra"),
    [
        (30, None, 1),  # the formulation's default, 1 (UNC punch method)
        (30, "0", 0),
        (30, 0, 0),
        (30, "2", 2),
        (30, 2, 2),
        (30, "5%", 2),  # 30 × 5 % = 1.5 → 2
        (30, "10%", 3),  # 30 × 10 % = 3 exactly
        (30, "7.5%", 3),  # 2.25 → 3
        (100, "5%", 5),
        (1, "5%", 1),  # 0.05 → 1: even a tiny percentage makes one extra
        (60, "1%", 1),  # 0.6 → 1
    ],
)
def test_overage_count_or_percent_rounded_up(
    quantity: int, overage: str | int | None, extra: int
) -> None:
    result = capsule(strength="4.5mg", quantity=quantity, overage=overage)
    assert result.overage == extra
    assert result.batch == quantity + extra
    # 4.5 mg × batch, exactly (no rounding needed at one decimal place)
    assert_equal(result.api_weight, mg("4.5") * result.batch)


def test_percent_overage_working_is_shown() -> None:
    steps = {s.name: s for s in capsule(strength="4.5mg", quantity=30, overage="5%").steps}
    assert steps["Batch"].calculation == "30 + 5 % of 30 (1.5 → 2) = 32 capsules"


# --------------------------------------------------------------------------------------------
# Packing statistic and fill weight (docs/basis.md §4: UNC Pharmlabs)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("size", "filler", "packing"),
    [
        ("1", None, "152.5"),  # 0.5 mL × 305 mg/mL (Avicel PH-102 midpoint)
        ("0", "mcc", "207.4"),  # 0.68 × 305 = 207.4
        ("00", "mcc", "289.8"),  # 0.95 × 305 = 289.75 → 289.8 (half up)
        ("3", "mcc", "91.5"),  # 0.3 × 305
        ("5", "mcc", "39.7"),  # 0.13 × 305 = 39.65 → 39.7
        ("1", "mcc-ph301", "197.5"),  # 0.5 × 395 (PH-301 midpoint)
        ("000", "mcc", "417.9"),  # 1.37 × 305 = 417.85 → 417.9
    ],
)
def test_packing_statistic_default_is_capsule_volume_times_bulk_density(
    size: str, filler: str | None, packing: str
) -> None:
    result = capsule(strength="4.5mg", quantity=30, size=size, filler=filler)
    assert_equal(result.packing_statistic, mg(packing))
    assert_equal(result.fill_weight, mg(packing))
    assert result.packing_statistic_estimated is True
    assert result.filler_bulk_density is not None
    assert any("--fill-weight" in note for note in cli(result.notes))
    steps = {s.name: s.calculation for s in result.steps}
    assert steps["Packing statistic"].endswith(f"= {packing} mg")


def test_measured_fill_weight_replaces_the_estimate() -> None:
    # filler = 31 × 160 − 139.5 = 4,960 − 139.5 = 4,820.5 mg; range 144 to 176 mg
    result = capsule(strength="4.5mg", quantity=30, fill_weight="160mg")
    assert_equal(result.fill_weight, mg(160))
    assert_equal(result.filler_weight, mg("4820.5"))
    assert_equal(result.fill_weight_low, mg(144))
    assert_equal(result.fill_weight_high, mg(176))
    assert result.packing_statistic_estimated is False
    assert result.filler_bulk_density is None
    assert not any("--fill-weight" in note for note in cli(result.notes))
    assert "Packing statistic" not in {s.name for s in result.steps}


@pytest.mark.parametrize(
    ("fill_weight", "low", "high"),
    [("150mg", "135", "165"), ("200mg", "180", "220"), ("0.25g", "225", "275")],
)
def test_fill_weight_acceptance_range_is_plus_minus_10_percent(
    fill_weight: str, low: str, high: str
) -> None:
    # USP <795>; UNC quality page: each capsule within 90–110 % of its theoretical weight
    result = capsule(strength="4.5mg", quantity=30, fill_weight=fill_weight)
    assert_equal(result.fill_weight_low, mg(low))
    assert_equal(result.fill_weight_high, mg(high))


def test_estimated_fill_weight_range_is_within_a_rounding_of_10_percent() -> None:
    # 152.5 mg ± 10 % = 137.25 to 167.75 mg, shown to the balance's 0.1 mg
    result = capsule(strength="4.5mg", quantity=30)
    assert abs(result.fill_weight_low - mg("137.25")) <= mg("0.05")
    assert abs(result.fill_weight_high - mg("167.75")) <= mg("0.05")


def test_powder_that_does_not_fit_is_refused_with_the_size_that_does() -> None:
    # 10 mg from 500 mg tablets: 10 ÷ 50 × 500 = 100 mg of powder a capsule; size 5 holds
    # 0.13 × 305 = 39.65 mg; size 2 holds 0.37 × 305 = 112.85 mg, the smallest that fits
    with pytest.raises(UnsafeInputError) as raised:
        capsule(strength="10mg", quantity=30, source="tablets", tablet_weight="500mg", size="5")
    message = str(raised.value)
    assert message.startswith('size="5": does not fit: 100 mg of powder a capsule, but a size 5')
    assert 'use size="2"' in message
    result = capsule(
        strength="10mg", quantity=30, source="tablets", tablet_weight="500mg", size="2"
    )
    assert result.capsule_size == "2"


def test_fill_weight_smaller_than_the_active_powder_names_fill_weight() -> None:
    # 4.5 mg from 300 mg tablets: 4.5 ÷ 50 × 300 = 27 mg of powder a capsule; a size 5
    # capsule (0.13 mL) weighed at 20 mg of filler (a plausible 154 mg/mL) cannot hold it
    with pytest.raises(UnsafeInputError) as raised:
        capsule(
            strength="4.5mg", quantity=30, source="tablets", tablet_weight="300mg",
            size="5", fill_weight="20mg",
        )  # fmt: skip
    assert str(raised.value) == (
        'fill_weight="20mg": does not fit: 27 mg of powder a capsule, but a size 5 capsule '
        'holds 20 mg of Microcrystalline cellulose (Avicel PH-102); use size="4" (holds about '
        "30.8 mg) and weigh the fill_weight of a size 4 capsule"
    )


def test_an_active_powder_that_fills_the_capsule_alone_is_refused_not_a_crash() -> None:
    # found by hypothesis: 10 mg from 150 mg tablets is 10 ÷ 50 × 150 = 30 mg of powder a
    # capsule, exactly the 30 mg of filler a size 3 capsule was weighed to hold: no filler is
    # left to weigh. This was an internal error (a filler Amount of 0 mg).
    with pytest.raises(UnsafeInputError) as raised:
        capsule(
            strength="10mg", quantity=3, source="tablets", tablet_weight="150mg",
            size="3", fill_weight="30mg",
        )  # fmt: skip
    assert str(raised.value) == (
        'fill_weight="30mg": leaves no room for filler: 30 mg of powder a capsule fills a '
        "size 3 capsule on its own (30 mg of Microcrystalline cellulose (Avicel PH-102)); use "
        'size="2" (holds about 37 mg) and weigh the fill_weight of a size 2 capsule'
    )


@pytest.mark.parametrize(
    ("fill_weight", "density"), [("99999mg", "199,998 mg/mL"), ("10mg", "20 mg/mL")]
)
def test_an_implausible_fill_weight_is_refused(fill_weight: str, density: str) -> None:
    # docs/basis.md §4: capsule powders are about 0.28 to 1 g/mL loose; size 1 holds 0.5 mL
    with pytest.raises(UnsafeInputError) as raised:
        capsule(strength="4.5mg", quantity=30, fill_weight=fill_weight)
    assert str(raised.value) == (
        f'fill_weight="{fill_weight}": in a size 1 capsule (0.5 mL) means a powder of '
        f"{density}, outside 100 mg/mL to 1,500 mg/mL; weigh the filler that fills one size 1 "
        "capsule (about 152.5 mg of Microcrystalline cellulose (Avicel PH-102))"
    )


def test_a_fill_weight_outside_the_fillers_range_is_warned() -> None:
    result = capsule(strength="4.5mg", quantity=30, fill_weight="190mg")  # 380 mg/mL of MCC
    assert any("380 mg/mL" in w and "280 mg/mL to 330 mg/mL" in w for w in cli(result.warnings))


def test_the_acceptance_range_is_rounded_inward() -> None:
    # 152.5 mg ± 10 % = 137.25 to 167.75 mg: printed 137.3 to 167.7 mg, both inside the range
    result = capsule(strength="4.5mg", quantity=30)
    assert_equal(result.fill_weight_low, mg("137.3"))
    assert_equal(result.fill_weight_high, mg("167.7"))


@pytest.mark.parametrize("option", ["tablet_weight", "tablet_strength"])
def test_tablet_options_are_refused_for_api_powder(option: str) -> None:
    with pytest.raises(InputError) as raised:
        capsule(strength="4.5mg", quantity=30, **{option: "200mg"})
    assert str(raised.value) == (
        f'{option}="200mg": applies to source="tablets" only; drop it, or add source="tablets"'
    )


def test_no_capsule_size_holds_it() -> None:
    # 10 mg from 2,000 mg tablets: 400 mg a capsule fits only size 000 (417.85 mg)
    with pytest.raises(UnsafeInputError) as raised:
        capsule(strength="10mg", quantity=30, source="tablets", tablet_weight="2000mg")
    assert 'use size="000"' in str(raised.value)


def test_the_suggested_size_accepts_the_same_powder() -> None:
    # 10 mg from 564.7 mg tablets: 10 ÷ 50 × 564.7 = 112.94 mg a capsule
    kwargs: dict[str, object] = {
        "strength": "10mg",
        "quantity": 30,
        "source": "tablets",
        "tablet_weight": "564.7mg",
    }
    with pytest.raises(UnsafeInputError) as raised:
        capsule(size="5", **kwargs)  # type: ignore[arg-type]
    suggested = re.search(r'use size="([^"]+)"', str(raised.value))
    assert suggested is not None
    capsule(size=suggested.group(1), **kwargs)  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------
# Fillers (docs/basis.md §4: Swidan, CRC chapter; pharmacy filler notes)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filler", "message"),
    [
        (
            "calcium-carbonate",
            'filler="calcium-carbonate": must not be used: calcium carbonate is reported to '
            "reduce naltrexone absorption; use mcc, mcc-ph301, lactose",
        ),
        (
            "methylcellulose",
            'filler="methylcellulose": must not be used: methylcellulose derivatives slow the '
            "release; LDN needs immediate release; use mcc, mcc-ph301, lactose",
        ),
    ],
)
def test_avoided_fillers_are_refused(filler: str, message: str) -> None:
    with pytest.raises(UnsafeInputError) as raised:
        capsule(strength="4.5mg", quantity=30, filler=filler)
    assert str(raised.value) == message


def test_lactose_is_used_with_a_warning() -> None:
    # 0.5 mL × 980 mg/mL = 490 mg; filler 31 × 490 − 139.5 = 15,050.5 mg
    result = capsule(strength="4.5mg", quantity=30, filler="lactose")
    assert_equal(result.fill_weight, mg(490))
    assert_equal(result.filler_weight, mg("15050.5"))
    assert any("lactose" in w.lower() and "intolerant" in w for w in cli(result.warnings))


# --------------------------------------------------------------------------------------------
# Minimum weighable quantity (docs/basis.md §8: 6 mg × 100 ÷ 5 % = 120 mg)
# --------------------------------------------------------------------------------------------


def test_minimum_weighable_quantity_is_120_mg() -> None:
    assert_equal(capsule(strength="4.5mg", quantity=30).minimum_weighable, mg(120))


def test_api_below_the_minimum_weighable_quantity_is_warned_with_a_fix() -> None:
    # 4.5 mg × 11 = 49.5 mg < 120 mg; at least 120 ÷ 4.5 = 26.7 → 27 capsules
    result = capsule(strength="4.5mg", quantity=10)
    assert_equal(result.api_weight, mg("49.5"))
    (warning,) = weighable_warnings(result)
    assert "49.5 mg" in warning
    assert "120 mg" in warning
    assert "27 capsules" in warning
    assert "aliquot" in warning


def test_api_at_or_above_the_minimum_is_not_warned() -> None:
    # 4.5 mg × 27 = 121.5 mg ≥ 120 mg
    assert weighable_warnings(capsule(strength="4.5mg", quantity=26)) == []
    # 0.5 mg × 31 = 15.5 mg: warned; 4 mg × 31 = 124 mg: not
    assert weighable_warnings(capsule(strength="0.5mg", quantity=30)) != []
    assert weighable_warnings(capsule(strength="4mg", quantity=30)) == []


def test_the_batch_suggested_for_weighing_is_one_that_is_accepted() -> None:
    # 0.1 mg a capsule: 120 mg ÷ 0.1 mg = 1,200 capsules, above the 1,000 limit
    result = capsule(strength="0.1mg", quantity=30)
    for warning in weighable_warnings(result):
        found = re.search(r"at least ([\d,]+) capsules", warning)
        if found:
            assert int(found.group(1).replace(",", "")) <= 1000, warning


def test_filler_below_the_minimum_weighable_quantity_is_warned() -> None:
    # 10 mg from 700 mg tablets = 140 mg a capsule; filler 12.5 mg a capsule; batch 1 + 1 = 2
    # → 25 mg of filler < 120 mg
    result = capsule(strength="10mg", quantity=1, source="tablets", tablet_weight="700mg")
    assert_equal(result.filler_weight, mg(25))
    assert any("of filler" in w for w in weighable_warnings(result))


@pytest.mark.parametrize(
    "kwargs",
    [
        {"strength": "1mcg", "quantity": 30},
        {"strength": "0.01mg", "quantity": 1},
        {"strength": "0.01mg", "quantity": 1, "source": "tablets", "tablet_weight": "100mg"},
    ],
)
def test_microgram_capsules_are_calculated_or_refused_never_a_crash(
    kwargs: dict[str, object],
) -> None:
    try:
        result = capsule(**kwargs)  # type: ignore[arg-type]
    except LdnCalcError:
        return
    active = result.api_weight or result.powder_weight
    assert active is not None
    assert active.magnitude > 0


@pytest.mark.parametrize(
    ("strength", "quantity", "assay", "exact_mg"),
    [
        ("0.03mg", 1, "100%", "0.06"),
        ("0.1mg", 1, "90%", "0.2222"),
        ("50mcg", 30, "100%", "1.55"),
    ],
)
def test_a_tiny_api_weight_is_not_rounded_into_a_different_dose(
    strength: str, quantity: int, assay: str, exact_mg: str
) -> None:
    try:
        result = capsule(strength=strength, quantity=quantity, assay=assay)
    except UnsafeInputError:
        return
    weighed = result.aliquot.needed if result.aliquot is not None else result.api_weight
    assert weighed is not None
    exact = mg(exact_mg)
    assert abs(weighed - exact) <= exact * Decimal("0.01")


# --------------------------------------------------------------------------------------------
# Supply against the 180-day BUD (USP <795> nonaqueous solid)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quantity", "per_day", "discarded"),
    [
        (180, 1, None),
        (181, 1, 1),
        (200, 1, 20),
        (360, 2, None),  # 180 days × 2 a day
        (361, 2, 1),
        (400, 2, 40),
    ],
)
def test_supply_beyond_the_bud_is_warned_with_the_doses_discarded(
    quantity: int, per_day: int, discarded: int | None
) -> None:
    result = capsule(strength="1mg", quantity=quantity, doses_per_day=per_day)
    warnings = discard_warnings(result)
    if discarded is None:
        assert warnings == []
    else:
        (warning,) = warnings
        assert f"{discarded} doses will be discarded" in warning or (
            discarded == 1 and "1 dose will be discarded" in warning
        )
        assert "180 days" in warning
        assert f"{180 * per_day}" in warning  # the fix: at most that many capsules


@pytest.mark.parametrize(
    ("quantity", "per_day", "days"),
    [
        (30, 1, 30),
        (180, 1, 180),
        (400, 1, 180),  # said 400 days: 400 capsules outlast the 180-day BUD
        (31, 2, 15),  # 31 ÷ 2 = 15 whole days
        (400, 2, 180),  # 200 days at 2 a day, cut to the BUD
    ],
)
def test_days_of_supply_of_capsules_never_exceed_the_bud(
    quantity: int, per_day: int, days: int
) -> None:
    # the one definition of the liquids (docs/basis.md §5): capsules ÷ doses a day, whole
    # days, never more than the 180-day BUD (USP <795> nonaqueous solid)
    result = capsule(strength="0.5mg", quantity=quantity, doses_per_day=per_day)
    assert result.bud.days == 180
    assert result.days_supply == days


# --------------------------------------------------------------------------------------------
# Refusals
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"assay": "89%"},
            'assay="89%": is outside 90 % to 110 %; check the certificate of '
            "analysis; write e.g. 98.5%",
        ),
        (
            {"assay": "110.5%"},
            'assay="110.5%": is outside 90 % to 110 %; check the '
            "certificate of analysis; write e.g. 98.5%",
        ),
        ({"quantity": 0}, 'quantity="0": is out of range; write a whole number from 1 to 1,000'),
        (
            {"quantity": 1001},
            'quantity="1001": is out of range; write a whole number from 1 to 1,000',
        ),
        (
            {"overage": "60%"},
            'overage="60%": is above 50 %; write a count (e.g. 2) or a '
            "smaller percentage (e.g. 5%)",
        ),
        ({"overage": 101}, 'overage="101": is out of range; write a whole number from 0 to 100'),
        (
            {"strength": "11mg"},
            'strength="11mg": is above 10 mg: that is not low-dose '
            "naltrexone; write a dose up to 10 mg",
        ),
        (
            {"strength": "0.5mcg"},
            'strength="0.5mcg": is below 1 mcg; write a dose from 1 mcg to 10 mg',
        ),
    ],
)
def test_capsule_refusals(kwargs: dict[str, object], message: str) -> None:
    args: dict[str, object] = {"strength": "4.5mg", "quantity": 30, **kwargs}
    with pytest.raises(UnsafeInputError) as raised:
        capsule(**args)  # type: ignore[arg-type]
    assert str(raised.value) == message


@pytest.mark.parametrize(("assay"), ["90%", "110%"])
def test_assay_at_the_limits_is_accepted(assay: str) -> None:
    capsule(strength="4.5mg", quantity=30, assay=assay)


# --------------------------------------------------------------------------------------------
# Properties (hypothesis)
# --------------------------------------------------------------------------------------------

SIZES = st.sampled_from([None, "000", "00", "0", "1", "2", "3", "4", "5"])
FILLERS = st.sampled_from([None, "mcc", "mcc-ph301", "lactose"])
OVERAGES = st.one_of(st.none(), st.integers(0, 5), st.sampled_from(["1", "2", "5%", "10%", "2.5%"]))


@st.composite
def strengths(draw: st.DrawFn) -> str:
    # 0.1 mg to 10 mg: below 0.1 mg a batch of one can round to 0 mg of API, which crashes
    # today (see test_microgram_capsules_are_calculated_or_refused_never_a_crash)
    hundredths = draw(st.integers(10, 1000))
    return f"{Decimal(hundredths) / 100}mg"


@st.composite
def capsule_inputs(draw: st.DrawFn) -> dict[str, object]:
    kwargs: dict[str, object] = {
        "strength": draw(strengths()),
        "quantity": draw(st.integers(1, 1000)),
        "overage": draw(OVERAGES),
        "size": draw(SIZES),
        "filler": draw(FILLERS),
    }
    if draw(st.booleans()):
        kwargs["fill_weight"] = f"{Decimal(draw(st.integers(300, 6000))) / 10}mg"
    if draw(st.booleans()):
        kwargs["source"] = "tablets"
        kwargs["tablet_weight"] = f"{draw(st.integers(100, 400))}mg"
    else:
        kwargs["salt"] = draw(st.sampled_from(["hcl", "hcl-dihydrate", "base"]))
        kwargs["assay"] = f"{Decimal(draw(st.integers(900, 1100))) / 10}%"
        if draw(st.booleans()):  # the certificate's basis and water (issue 9 §4)
            kwargs["assay_basis"] = "anhydrous"
            kwargs["water"] = f"{Decimal(draw(st.integers(0, 150))) / 10}%"
        else:
            kwargs["assay_as"] = kwargs["salt"]
    return kwargs


def accepted(kwargs: dict[str, object]) -> CapsuleResult | None:
    try:
        result = capsule(**kwargs)  # type: ignore[arg-type]
    except LdnCalcError:
        event("refused")
        return None
    event("accepted")
    return result


@settings(max_examples=300, deadline=None)
@given(capsule_inputs())
@example({"strength": "4.5mg", "quantity": 30})
@example({"strength": "4.5mg", "quantity": 30, "source": "tablets", "tablet_weight": "250mg"})
def test_mass_balance_is_exact(kwargs: dict[str, object]) -> None:
    result = accepted(kwargs)
    if result is None:
        return
    active = result.api_weight if result.api_weight is not None else result.powder_weight
    assert active is not None
    total = result.fill_weight * result.batch
    # active powder + filler = batch × fill weight, exactly (no rounding drift)
    into_capsules = active
    if result.aliquot is not None:
        # below the minimum weighable quantity the drug goes in as an aliquot of a mixture;
        # filler_weight is then either all the filler or the filler added to the aliquot
        event("aliquot")
        assert_equal(result.aliquot.needed, active)
        if active + result.filler_weight != total:
            into_capsules = result.aliquot.aliquot
    assert_equal(into_capsules + result.filler_weight, total)
    assert_equal(result.total_weight, result.fill_weight * result.batch)
    assert result.filler_weight.magnitude >= 0
    assert result.fill_weight_low < result.fill_weight < result.fill_weight_high
    # whole tablets hold at least the drug of the batch
    if result.tablets is not None:
        assert result.tablet_strength is not None
        assert result.tablets * result.tablet_strength >= result.strength * result.batch
        assert (result.tablets - 1) * result.tablet_strength < result.strength * result.batch
    # the BUD warning exactly when the capsules outlast 180 days
    usable = result.bud.days * result.doses_per_day
    assert bool(discard_warnings(result)) is (result.quantity > usable)
    # weights to the balance's 0.1 mg; no float artefact in the JSON
    for weight in (into_capsules, result.filler_weight, result.fill_weight):
        tenths = weight.to("milligram").magnitude * 10
        assert tenths == tenths.to_integral()
    text = result.model_dump_json()
    assert FLOAT_ARTEFACT.search(text) is None, FLOAT_ARTEFACT.search(text)


def exact_api_mg(strength: Decimal, batch: int, salt: str, assay: Decimal) -> Decimal:
    molar = {"hcl": HCL, "hcl-dihydrate": DIHYDRATE, "base": BASE}[salt]
    return strength * batch * molar / HCL / (assay / 100)


@settings(max_examples=200, deadline=None)
@given(
    hundredths=st.integers(10, 1000),
    quantity=st.integers(1, 250),
    salt=st.sampled_from(["hcl", "hcl-dihydrate", "base"]),
    assay_tenths=st.integers(900, 1100),
    scale=st.integers(2, 4),
)
def test_api_weight_scales_linearly_with_the_batch(
    hundredths: int, quantity: int, salt: str, assay_tenths: int, scale: int
) -> None:
    strength = Decimal(hundredths) / 100
    assay = Decimal(assay_tenths) / 10
    common = {
        "strength": f"{strength}mg",
        "salt": salt,
        "assay": f"{assay}%",
        "assay_as": salt,  # as is, as the powder's own form (issue 9 §4: a hydrate must say)
        "overage": 0,
    }
    weights = []
    for batch in (quantity, quantity * scale):
        if batch > 1000:
            return
        result = accepted({**common, "quantity": batch, "size": "000", "filler": "lactose"})
        if result is None:
            return
        assert result.api_weight is not None
        weights.append(result.api_weight.to("milligram").magnitude)
        # each weight is the exact figure rounded to the balance's 0.1 mg: the exact factor is
        # used, never the one printed (s5 review)
        exact = exact_api_mg(strength, batch, salt, assay)
        assert abs(weights[-1] - exact) <= Decimal("0.05")
    small, large = weights
    # linear: k × batch weighs k × as much, up to the two roundings to 0.1 mg
    assert abs(large - small * scale) <= Decimal("0.05") * (scale + 1) + Decimal("0.001")


def test_overage_percent_rounds_up_for_every_quantity() -> None:
    for quantity in (1, 7, 19, 30, 333, 1000):
        result = capsule(strength="1mg", quantity=quantity, overage="5%")
        assert result.overage == math.ceil(Decimal(quantity) * Decimal("0.05"))


# --------------------------------------------------------------------------------------------
# Crushed tablets leave a margin for mortar losses (ldncalc default allowance, limits.py)
# --------------------------------------------------------------------------------------------


def test_powder_to_weigh_that_is_all_the_crushed_powder_crushes_one_more_tablet() -> None:
    # 2.5 mg × (59 + 1) = 150 mg = 3 tablets exactly; powder 3 × 250 = 750 mg: all of it, which
    # cannot be weighed after losses in the mortar. 750 ÷ (250 × 95 %) = 3.1579 → crush 4.
    result = capsule(strength="2.5mg", quantity=59, source="tablets", tablet_weight="250mg")
    assert result.tablets == 3  # the drug the batch needs
    assert result.tablets_to_crush == 4  # what a pharmacy system reads to hand out
    assert_equal(result.powder_weight, mg(750))
    (active,) = [a for a in result.ingredients if a.role == "active"]
    assert active.tablets == 4
    assert_equal(active.powder, mg(750))
    assert (
        "Crush 4 tablets, not the 3 that hold the drug: 750 mg of powder is weighed from them, "
        "at most 95 % of the powder crushed (5 % allowed for losses in the mortar)"
    ) in cli(result.notes)
    steps = {s.name: s for s in result.steps}
    allowing = steps["Tablets to crush, allowing for losses"]
    assert allowing.formula == "powder to weigh ÷ (tablet weight × 95 %), rounded up"
    assert allowing.calculation == "750 mg ÷ (250 mg × 95 %) = 3.1579 → 4 tablets"


@pytest.mark.parametrize(
    ("strength", "quantity", "crushed"),
    [
        # 4.5 mg × 31 = 139.5 mg = 2.79 tablets: 697.5 mg of 750 mg is 93 %, within 95 %
        ("4.5mg", 30, 3),
        # 4.75 mg × 31 = 147.25 mg = 2.945 tablets: 736.25 mg of 750 mg is 98.2 % → 4
        ("4.75mg", 30, 4),
    ],
)
def test_a_tablet_more_only_when_the_powder_is_more_than_95_percent_of_the_crushed(
    strength: str, quantity: int, crushed: int
) -> None:
    result = capsule(strength=strength, quantity=quantity, source="tablets", tablet_weight="250mg")
    (active,) = [a for a in result.ingredients if a.role == "active"]
    assert active.tablets == crushed
    assert any(n.startswith(f"Crush {crushed} tablets") for n in cli(result.notes)) is (
        crushed == 4
    )


def test_the_loss_allowance_is_a_limit_a_formulation_can_override(tmp_path: Path) -> None:
    source = Path(load().get("ldn-capsule-tablets-mcc").path).read_text(encoding="utf-8")
    text = source.replace('id = "ldn-capsule-tablets-mcc"', 'id = "tight"')
    text += 'crushing_loss_allowance = "1%"\n'  # in the record's [limits] table, its last
    (tmp_path / "tight.toml").write_text(text, encoding="utf-8")
    # 4.75 mg × 31: 736.25 mg of 750 mg is 98.2 %, within 99 %: 3 tablets suffice
    result = capsule(
        strength="4.75mg",
        quantity=30,
        source="tablets",
        tablet_weight="250mg",
        formulation="tight",
        formulations_dir=tmp_path,
    )
    (active,) = [a for a in result.ingredients if a.role == "active"]
    assert active.tablets == 3


# --------------------------------------------------------------------------------------------
# No overage: accepted, with a warning and the fix (docs/basis.md §4: make at least one extra
# capsule for losses, UNC punch method)
# --------------------------------------------------------------------------------------------

NO_OVERAGE = (
    "No extra capsule is made for losses (overage 0): powder lost in the mortar and the "
    "capsule filling leaves the last capsules short. Fix: --overage 1 or more (make at least "
    "one extra capsule, UNC punch method)"
)


@pytest.mark.parametrize("overage", [0, "0", "0%", "0.0%"])
def test_no_overage_is_made_with_a_warning_and_the_fix(overage: object) -> None:
    result = capsule(strength="4.5mg", quantity=30, overage=overage)  # type: ignore[arg-type]
    assert result.batch == 30
    assert NO_OVERAGE in cli(result.warnings)


@pytest.mark.parametrize("overage", [None, 1, "5%"])
def test_an_overage_of_one_capsule_or_more_has_no_such_warning(overage: object) -> None:
    result = capsule(strength="4.5mg", quantity=30, overage=overage)  # type: ignore[arg-type]
    assert result.batch > 30
    assert NO_OVERAGE not in cli(result.warnings)


# --------------------------------------------------------------------------------------------
# The weight check never halves the dose: net fill weight and gross weight (issue 9 §2;
# docs/basis.md §4: empty shells, Capsuline and iCapsulePack size charts)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "shell", "source", "gross", "low", "high"),
    [
        # net 152.5 mg (137.3 to 167.7 mg) + a typical 76 mg size 1 gelatin shell:
        # 228.5 mg, 137.3 + 76 = 213.3 to 167.7 + 76 = 243.7 mg
        ({}, "76", "typical", "228.5", "213.3", "243.7"),
        # HPMC (vegetarian), size 1: 79 mg; 152.5 + 79 = 231.5 (216.3 to 246.7) mg
        ({"shell": "hpmc"}, "79", "typical", "231.5", "216.3", "246.7"),
        ({"shell": " HPMC "}, "79", "typical", "231.5", "216.3", "246.7"),
        # the pharmacy's 10 shells weighed 752 mg: 75.2 mg each; 152.5 + 75.2 = 227.7 mg
        ({"shell_weight": "75.2mg"}, "75.2", "weighed", "227.7", "212.5", "242.9"),
        # a profile's table, by material then size
        ({"shell_weight": {"gelatin": {"1": mg("75.2")}}}, "75.2", "profile", "227.7", "212.5",
         "242.9"),
        # a table without this size falls back to the catalog
        ({"shell_weight": {"gelatin": {"0": mg(96)}}}, "76", "typical", "228.5", "213.3",
         "243.7"),
        # size 0 gelatin: 0.68 mL × 305 mg/mL = 207.4 mg (186.7 to 228.1) + 97.5 mg (the middle
        # of the charts' 96–99 mg) = 304.9 mg (284.2 to 325.6)
        ({"size": "0"}, "97.5", "typical", "304.9", "284.2", "325.6"),
    ],
)  # fmt: skip
def test_the_gross_weight_is_the_net_fill_weight_plus_the_empty_shell(
    kwargs: dict[str, object], shell: str, source: str, gross: str, low: str, high: str
) -> None:
    result = capsule(strength="4.5mg", quantity=30, **kwargs)  # type: ignore[arg-type]
    assert_equal(result.shell_weight, mg(shell))
    assert result.shell_weight_source == source
    assert_equal(result.gross_weight, mg(gross))
    assert_equal(result.gross_weight_low, mg(low))
    assert_equal(result.gross_weight_high, mg(high))
    # the net range is unchanged: the powder alone
    assert_equal(result.gross_weight - result.shell_weight, result.fill_weight)
    assert_equal(result.gross_weight_low - result.shell_weight, result.fill_weight_low)
    steps = {s.name: s for s in result.steps}
    assert steps["Gross weight"].formula == "net fill weight + empty shell"
    assert "Net fill weight" in steps


def test_the_screen_says_net_and_gross_and_to_tare_with_an_empty_shell() -> None:
    from ldncalc.render import bench_text

    text = bench_text(capsule(strength="4.5mg", quantity=30))
    assert (
        "Make     31 capsules (30 + 1 over), total powder 4,727.5 mg\n"
        "Check    each capsule, on a balance tared with an empty shell:\n"
        "         net fill weight 152.5 mg (accept 137.3 mg to 167.7 mg)\n"
        "         untared, a filled capsule weighs 228.5 mg (accept 213.3 mg to 243.7 mg)\n"
        "         with a 76 mg size 1 gelatin shell (typical; weigh 10 empty shells for "
        "--shell-weight)\n"
    ) in text
    # the range of the powder is never printed as "fill weight" alone
    assert "fill weight 152.5 mg (accept" not in text.replace("net fill weight", "")


def test_an_hpmc_shell_makes_an_hpmc_capsule() -> None:
    assert capsule(strength="4.5mg", quantity=30).dosage_form == "hard gelatin capsule"
    result = capsule(strength="4.5mg", quantity=30, shell="hpmc")
    assert result.dosage_form == "hard HPMC capsule"
    assert result.shell == "hpmc"


def test_a_size_without_a_shell_weight_asks_for_one(tmp_path: Path) -> None:
    (tmp_path / "catalogs").mkdir()
    (tmp_path / "catalogs" / "sizes.toml").write_text(
        '[[capsule_size]]\nname = "0el"\nvolume = "0.78mL"\n', encoding="utf-8"
    )
    result = capsule(strength="4.5mg", quantity=30, size="0el", formulations_dir=tmp_path)
    assert result.shell_weight is None
    assert result.gross_weight is None
    assert (
        "The capsule catalog has no empty-shell weight for size 0el (gelatin): weigh 10 empty "
        "shells and give their average with --shell-weight for the gross weight of a filled "
        "capsule"
    ) in cli(result.notes)
    weighed = capsule(
        strength="4.5mg", quantity=30, size="0el", formulations_dir=tmp_path, shell_weight="110mg"
    )
    assert_equal(weighed.shell_weight, mg(110))


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        (
            {"shell_weight": "76g"},
            UnsafeInputError,
            'shell_weight="76g": is outside 10 mg to 250 mg, the weight of one empty hard '
            "capsule; weigh 10 empty shells and give their average in mg, e.g. 76mg",
        ),
        (
            {"shell_weight": "76"},
            InputError,
            'shell_weight="76": has no unit; write 76mg (units: mg, mcg or g)',
        ),
        (
            {"shell": "glass"},
            InputError,
            'shell="glass": is not a capsule shell material; use gelatin or hpmc (HPMC: '
            "vegetarian)",
        ),
        (
            {"shell_weight": {"plastic": {"1": "76mg"}}},
            InputError,
            "shell_weight=\"{'plastic': {'1': '76mg'}}\": is not a mass, nor a table of shell "
            "weights by material and size; give the average weight of 10 empty shells, e.g. 76mg",
        ),
    ],
)
def test_a_bad_shell_is_refused(
    kwargs: dict[str, object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as raised:
        capsule(strength="4.5mg", quantity=30, **kwargs)  # type: ignore[arg-type]
    assert str(raised.value) == message


def test_a_shell_weight_far_from_the_typical_one_is_warned() -> None:
    # 120 mg is a size 00 gelatin shell, not a size 1 (76 mg): more than 25 % off
    result = capsule(strength="4.5mg", quantity=30, shell_weight="120mg")
    assert cli(result.warnings) == (
        "The empty shell weighs 120 mg (--shell-weight), far from the 76 mg typical of a size 1 "
        "gelatin shell: check the capsule size (--size) and the shell material (--shell)",
    )


def test_the_pharmacys_shell_weights_come_from_its_profile(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from ldncalc.cli import main
    from ldncalc.profile import load_profile, profile_toml

    profile = tmp_path / "pharmacy.toml"
    profile.write_text(
        'name = "P"\naddress = ["1 Main St"]\nphone = "555-0100"\n\n'
        '[shell_weights.gelatin]\n"1" = "75.2mg"\n\n[shell_weights.hpmc]\n"1" = "80mg"\n',
        encoding="utf-8",
    )
    # written back as read (config show)
    assert '[shell_weights.hpmc]  # empty shells: the average of 10 weighed\n"1" = "80mg"' in (
        profile_toml(load_profile(profile))
    )
    argv = ["capsule", "--strength", "4.5mg", "--quantity", "30", "--pharmacy", str(profile)]
    assert main([*argv, "--shell", "hpmc"]) == 0
    # 152.5 + 80 = 232.5 mg (137.3 + 80 = 217.3 to 167.7 + 80 = 247.7 mg)
    assert (
        "         untared, a filled capsule weighs 232.5 mg (accept 217.3 mg to 247.7 mg)\n"
        "         with a 80 mg size 1 HPMC shell (weighed: the pharmacy profile's)\n"
    ) in capsys.readouterr().out
    # --shell-weight, weighed for this lot, comes first
    assert main([*argv, "--shell-weight", "77mg", "--json"]) == 0
    out = capsys.readouterr().out
    assert '"shell_weight_source": "weighed"' in out
    assert '"gross_weight": {\n    "value": 229.5,' in out


def test_a_profile_with_an_impossible_shell_weight_is_refused(tmp_path: Path) -> None:
    from ldncalc.profile import load_profile

    profile = tmp_path / "pharmacy.toml"
    profile.write_text(
        'name = "P"\naddress = ["1 Main St"]\nphone = "555-0100"\n\n'
        '[shell_weights.gelatin]\n"1" = "76g"\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError) as raised:
        load_profile(profile)
    assert "gelatin size 1: 76 g is outside 10 mg to 250 mg" in str(raised.value)


def test_a_profile_shell_weight_for_a_size_that_does_not_exist_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # there is no size 7 (docs/basis.md §4: 000 to 5): the weight would be ignored, silently
    from ldncalc.cli import main

    profile = tmp_path / "pharmacy.toml"
    profile.write_text(
        'name = "P"\naddress = ["1 Main St"]\nphone = "555-0100"\n\n'
        '[shell_weights.gelatin]\n"7" = "75mg"\n',
        encoding="utf-8",
    )
    argv = ["capsule", "--strength", "4.5mg", "--quantity", "30", "--pharmacy", str(profile)]
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        f'ldncalc: {profile}: shell_weights: gelatin size "7" is not a capsule size; use one '
        "of 000, 00, 0, 1, 2, 3, 4, 5; fix it, or run 'ldncalc config init'\n"
    )


def test_a_size_5_shell_weighed_at_240_mg_is_warned(capsys: pytest.CaptureFixture[str]) -> None:
    # a size 5 gelatin shell weighs about 28 mg (docs/basis.md §4, Capsuline size chart):
    # 240 mg is far more than 25 % off (28 × 1.25 = 35 mg)
    from ldncalc.cli import main

    argv = ["capsule", "--strength", "4.5mg", "--quantity", "30", "--size", "5"]
    assert main([*argv, "--shell-weight", "240mg"]) == 0
    assert (
        "  ! The empty shell weighs 240 mg (--shell-weight), far from the 28 mg typical\n"
        "    of a size 5 gelatin shell: check the capsule size (--size) and the shell\n"
        "    material (--shell)\n"
    ) in capsys.readouterr().out


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            ["--salt", "hcl-dihydrate", "--assay", "99.5%", "--assay-basis", "anhydrous"],
            'ldncalc: --assay-basis: "anhydrous" needs the lot\'s water: an assay on the '
            "anhydrous basis counts no water, and the powder weighed holds some; if the "
            "certificate states the assay on the anhydrous basis (USP), add --water from the "
            "certificate (e.g. --water 8.7%); if it states the assay as is, give --assay-basis "
            "as-is --assay-as hcl-dihydrate\n",
        ),
        (
            ["--assay-basis", "wet"],
            'ldncalc: --assay-basis: "wet" is not a basis of an assay; use as-is, anhydrous or '
            "dried (as the certificate of analysis states the assay)\n",
        ),
        (
            ["--assay-as", "sulfate"],
            'ldncalc: --assay-as: "sulfate" is not an API form; use one of hcl, hcl-dihydrate, '
            "base\n",
        ),
        (
            ["--assay-basis", "anhydrous", "--water", "0.086"],
            'ldncalc: --water: "0.086" has no unit; write 0.086% (units: %), or 8.6% if 0.086 '
            "is a fraction\n",
        ),
        (
            ["--source", "tablets", "--tablet-weight", "250mg", "--water", "1%"],
            'ldncalc: --water: "1%" applies to API powder only; drop it with --source tablets '
            "(tablets are labelled as HCl)\n",
        ),
    ],
)
def test_certificate_options_are_refused_in_one_line(
    options: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from ldncalc.cli import main

    assert main(["capsule", "--strength", "4.5mg", "--quantity", "30", *options]) == 2
    assert capsys.readouterr().err == message


@settings(max_examples=200, deadline=None)
@given(assay_tenths=st.integers(900, 1100), water_tenths=st.integers(0, 150))
@example(assay_tenths=995, water_tenths=86)  # the audit's lot
@example(assay_tenths=995, water_tenths=87)  # the dihydrate's theoretical water
def test_a_dihydrate_lots_water_is_corrected_once(assay_tenths: int, water_tenths: int) -> None:
    # docs/basis.md §1: an anhydrous-basis assay A with water W gives A × (1 − W), never also
    # × 377.86 ÷ 413.89; at the dihydrate's theoretical 8.7 % water both routes agree
    assay, water = Decimal(assay_tenths) / 10, Decimal(water_tenths) / 10
    result = capsule(
        strength="4.5mg", quantity=30, salt="hcl-dihydrate", assay=f"{assay}%",
        assay_basis="anhydrous", water=f"{water}%",
    )  # fmt: skip
    expected = assay / 100 * (1 - water / 100)
    assert result.api_factor is not None
    assert abs(result.api_factor - expected) <= Decimal("0.00005")
    if water == Decimal("8.7"):
        as_is = capsule(
            strength="4.5mg", quantity=30, salt="hcl-dihydrate", assay=f"{assay}%",
            assay_as="hcl-dihydrate",
        )  # fmt: skip
        assert as_is.api_factor is not None
        assert abs(result.api_factor - as_is.api_factor) <= Decimal("0.0002")


_FIX_VALUE = re.compile(
    r"--(assay-as|assay-basis|water)\s+(\d[\d.]*%|as-is|anhydrous|dried|hcl-dihydrate|hcl|base)"
)


def _fixes(fix: str) -> list[dict[str, object]]:
    """Each reading a certificate refusal's fix offers (anhydrous basis; as is), as the
    keywords it changes."""
    changes = []
    for alternative in fix.split("; "):
        change: dict[str, object] = {
            name.replace("-", "_"): value for name, value in _FIX_VALUE.findall(alternative)
        }
        if "drop --water" in alternative:
            change["water"] = None
        changes.append(change)
    return changes


CERTIFICATES = [
    {"salt": salt, "assay": assay, "assay_as": as_, "assay_basis": basis, "water": water}
    for salt in ("hcl", "hcl-dihydrate", "base")
    for assay in (None, "99.5%")
    for as_ in (None, "hcl", "hcl-dihydrate", "base")
    for basis in (None, "as-is", "anhydrous")
    for water in (None, "8.6%")
]


@pytest.mark.parametrize("certificate", CERTIFICATES, ids=lambda c: " ".join(map(str, c.values())))
def test_every_fix_a_certificate_refusal_suggests_is_accepted(
    certificate: dict[str, object],
) -> None:
    # the fix of a refused combination, either reading, is itself accepted (issue 9 §4)
    try:
        capsule(strength="4.5mg", quantity=30, **certificate)  # type: ignore[arg-type]
    except UnsafeInputError as error:
        refused = error
    else:
        return
    fix = refused.render("en", "cli").split("; ", 1)[1]  # the fix as the command line says it
    options = _fixes(fix)
    assert all(options), fix
    for change in options:
        capsule(strength="4.5mg", quantity=30, **{**certificate, **change})  # type: ignore[arg-type]


def test_the_record_shows_the_certificate_the_factor_and_the_shell() -> None:
    # issue 9 §2 and §4: the record says what the certificate states, the one factor with its
    # figures, the empty shell, and the net and gross ranges
    from ldncalc.labels import render_record
    from ldncalc.prescriptions import prescription
    from ldncalc.profile import make_profile

    result = capsule(
        strength="4.5mg", quantity=30, salt="hcl-dihydrate", assay="99.5%",
        assay_basis="anhydrous", water="8.6%", shell_weight="75.2mg",
    )  # fmt: skip
    details = prescription(
        patient=None, prescriber=None, rx=None, directions=None, lot="L1", date="2026-11-22",
        lang="en", expiry=(),
    )  # fmt: skip
    profile = make_profile(name="P", address=["1 Main St"], phone="555-0100")
    text = " ".join(render_record(result, details, profile, "txt").decode("utf-8").split())
    for line in [
        "Assay (certificate of analysis) 99.5 %, anhydrous (dried) basis, as Naltrexone "
        "hydrochloride (anhydrous)",
        "Water (certificate of analysis) 8.6 %",
        "Factor (naltrexone HCl per mg of powder) assay, anhydrous basis × (100 % − water) = "
        "99.5 % × (100 % − 8.6 %) = 0.9094",
        "Empty shell 75.2 mg, gelatin, weighed, --shell-weight",
        "Calculated: 153.4 mg (139.5 mg naltrexone HCl)",
        # 152.5 + 75.2 = 227.7 mg; 137.3 + 75.2 = 212.5; 167.7 + 75.2 = 242.9
        "Net fill weight 152.5 mg (the powder alone: tare the balance with an empty shell): "
        "each capsule's powder must weigh from 137.3 mg to 167.7 mg",
        "Gross weight 227.7 mg (a filled capsule, untared; empty shell 75.2 mg, gelatin, "
        "weighed, --shell-weight): from 212.5 mg to 242.9 mg",
    ]:
        assert line in text, line
