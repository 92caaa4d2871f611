"""Oral liquids (issue 2 §4, §6, §8): worked examples from published sources, the choice of
concentration and syringe, refusals, and the invariants as properties.

Every expected figure below was worked by hand from docs/basis.md; the working is in the comment
next to it.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import event, example, given, settings
from hypothesis import strategies as st
from pint.testing import assert_equal
from strategies import liquid_supplies

from ldncalc import (
    InputError,
    LdnCalcError,
    LiquidResult,
    Quantity,
    UnsafeInputError,
    liquid,
)
from ldncalc.formulations import Spare, builtin_folder, load
from ldncalc.locale import ENGLISH
from ldncalc.messages import Message
from ldncalc.preparations.liquid.compute import spare_for
from ldncalc.screen.formulations import formulation_text


def cli(messages: tuple[Message | str, ...]) -> list[str]:
    """Warnings or notes as the command line says them (``--days 14``, not ``days=14``)."""
    return [m if isinstance(m, str) else m.text("en", "cli") for m in messages]


def mg(value: str | int) -> Quantity:
    return Quantity(Decimal(value), "milligram")


def ml(value: str | int) -> Quantity:
    return Quantity(Decimal(value), "milliliter")


def mg_per_ml(value: str | int) -> Quantity:
    return Quantity(Decimal(value), "milligram/milliliter")


def discard_warnings(result: LiquidResult) -> list[str]:
    return [w for w in cli(result.warnings) if "discarded" in w]


# A binary-float artefact in a number: 4.499999 or 4.500001 style runs after a decimal point.
FLOAT_ARTEFACT = re.compile(r"\d\.\d*(?:9999|0000)")


@pytest.mark.parametrize("text", ["4.499999", "4.500001", "0.30000000000000004", "1.0000"])
def test_the_float_artefact_pattern_catches_artefacts(text: str) -> None:
    assert FLOAT_ARTEFACT.search(f'{{"value": {text}}}')


@pytest.mark.parametrize("text", ["4.5", "0.0125", "10,000", "1,000.5", "100"])
def test_the_float_artefact_pattern_passes_clean_numbers(text: str) -> None:
    assert FLOAT_ARTEFACT.search(f'{{"value": {text}}}') is None


# --------------------------------------------------------------------------------------------
# Worked examples from published sources (docs/basis.md §3)
# --------------------------------------------------------------------------------------------


def test_nathankennard_one_tablet_in_50_ml_is_1_mg_per_ml_4_5_mg_is_4_5_ml_11_doses() -> None:
    # nathankennard.com/ldn/dosecalculator.html (and altarp.com): 1 × 50 mg tablet in 50 mL
    # water = 1 mg/mL; a 4.5 mg dose is 4.5 mL; 50 ÷ 4.5 = 11.1 → 11 full doses, but only with
    # 0.5 mL left over. The spare (docs/basis.md §3) is the greater of 1 dose (4.5 mL) and 5 %
    # of the doses: 10 doses (45 mL + 4.5 mL = 49.5 mL ≤ 50 mL; 11 need 49.5 + 4.5 = 54 mL).
    result = liquid(target="4.5mg", volume="50mL")
    assert result.tablets == 1
    assert_equal(result.drug, mg(50))
    assert_equal(result.concentration, mg_per_ml(1))
    assert_equal(result.dose_volume, ml("4.5"))
    assert_equal(result.final_volume, ml(50))
    assert result.doses == 10
    assert result.days_supply == 10
    assert_equal(result.doses_volume, ml(45))
    assert_equal(result.spare, ml(5))
    assert_equal(result.spare_minimum, ml("4.5"))
    # the 11 doses it would hold with no spare: 49.5 mL + 4.5 mL − 50 mL = 4 mL to add
    assert (
        "The 50 mL bottle holds 11 doses of 4.5 mL only with 0.5 mL spare, less than the "
        "4.5 mL the formulation record asks for (what stays in the bottle, the adapter and the "
        "syringe tip is never taken): it is counted as 10 doses. Fix: add 4 mL for 11 doses: "
        "leave out --volume and give --days 11"
    ) in cli(result.warnings)
    assert_equal(result.dose_deviation, Quantity(0, "percent"))
    assert result.formulation.id == "ldn-liquid-water"


def test_altarp_water_formula_two_50_mg_tablets_per_100_ml() -> None:
    # docs/basis.md §3, water only: 2 × 50 mg tablets, purified water to 100 mL (1 mg/mL).
    result = liquid(target="1mg", volume="100mL")
    assert result.tablets == 2
    assert_equal(result.drug, mg(100))
    assert_equal(result.concentration, mg_per_ml(1))
    active, water = result.ingredients
    assert (active.role, active.tablets) == ("active", 2)
    assert_equal(active.mass, mg(100))
    assert water.role == "vehicle"
    assert_equal(water.qs_to, ml(100))


@pytest.mark.parametrize(
    ("volume", "tablets", "ascorbic_g", "benzoate_g", "glycerol_ml"),
    [
        # Fawcett, Morgan, Woods, Ann Pharmacother 1997;31:1291-5, per 100 mL: ascorbic acid
        # 0.5 g, sodium benzoate 0.1 g, glycerol 20 mL, 2 × 50 mg tablets, water to 100 mL.
        ("100mL", 2, "0.5", "0.1", "20"),
        # × 1.5: 0.75 g, 0.15 g, 30 mL, 3 tablets
        ("150mL", 3, "0.75", "0.15", "30"),
        # × 2: 1 g, 0.2 g, 40 mL, 4 tablets
        ("200mL", 4, "1", "0.2", "40"),
    ],
)
def test_fawcett_1997_preserved_formula_scaled_to_the_final_volume(
    volume: str, tablets: int, ascorbic_g: str, benzoate_g: str, glycerol_ml: str
) -> None:
    result = liquid(target="4.5mg", volume=volume, formulation="ldn-liquid-preserved")
    assert result.tablets == tablets
    amounts = {a.name: a for a in result.ingredients}
    assert_equal(amounts["Ascorbic acid"].mass, Quantity(Decimal(ascorbic_g), "gram"))
    assert_equal(amounts["Sodium benzoate"].mass, Quantity(Decimal(benzoate_g), "gram"))
    assert_equal(amounts["Glycerol"].volume, ml(glycerol_ml))
    assert_equal(amounts["Purified water"].qs_to, Quantity(Decimal(volume[:-2]), "milliliter"))
    # the JSON names the unit the formula is written in (g), with no float artefact
    data = result.model_dump(mode="json")
    ascorbic = next(i for i in data["ingredients"] if i["name"] == "Ascorbic acid")
    assert ascorbic["mass"] == {"value": float(ascorbic_g) if "." in ascorbic_g else 1, "unit": "g"}


def test_fawcett_preserved_default_supply_is_30_days_within_its_35_day_bud() -> None:
    # USP <795> preserved aqueous: 35 days; default supply = lesser of 30 and the BUD = 30 days.
    # 4.5 mL × 30 = 135 mL + spare (greater of 4.5 mL and 5 % = 6.75 mL, up to the cylinder's
    # 0.1 mL: 6.8 mL) = 141.8 mL → 141.8 mg → 2.836 → 3 tablets → 150 mL, which holds 31 doses
    # with their spare (31 × 4.5 = 139.5 + 6.975 → 7 = 146.5 ≤ 150; 32: 144 + 7.2 = 151.2 >
    # 150) ≤ 35.
    result = liquid(target="4.5mg", formulation="ldn-liquid-preserved")
    assert_equal(result.drug_needed, mg("141.8"))
    assert result.tablets == 3
    assert_equal(result.final_volume, ml(150))
    assert result.doses == 31
    assert result.days_supply == 31
    assert result.bud.days == 35
    assert result.bud.category == "aqueous-preserved"
    assert any("Fawcett" in ref for ref in result.bud.references)
    assert discard_warnings(result) == []


def test_default_4_5_mg_run_nonpreserved_water() -> None:
    # The issue's main job, `ldncalc liquid --target 4.5mg`, by hand:
    # BUD USP <795> aqueous nonpreserved = 14 days (refrigerate); supply = min(30, 14) = 14 days
    # volume for the doses = 4.5 mL × 1 × 14 = 63 mL; spare = greater of 4.5 mL (1 dose) and
    # 3.15 mL (5 %) = 4.5 mL; drug needed = 67.5 mL × 1 mg/mL = 67.5 mg → 1.35 → 2 tablets
    # final volume = 2 × 50 mg ÷ 1 mg/mL = 100 mL; doses with their spare: 21 (21 × 4.5 = 94.5
    # + 4.725 → 4.8, up to the cylinder's 0.1 mL, = 99.3 ≤ 100; 22: 99 + 4.95 → 5 > 100); 5.5 mL
    # spare
    # 21 doses > 14 days × 1 a day → 7 doses will be discarded; days of supply = the BUD, 14.
    result = liquid(target="4.5mg")
    assert result.bud.days == 14
    assert result.bud.category == "aqueous-nonpreserved"
    assert "2–8 °C" in result.bud.storage
    assert "USP <795>" in str(result.bud.basis)
    assert_equal(result.drug_needed, mg("67.5"))
    assert result.tablets == 2
    assert_equal(result.final_volume, ml(100))
    assert_equal(result.dose_volume, ml("4.5"))
    assert result.doses == 21
    assert result.days_supply == 14
    assert_equal(result.doses_volume, ml("94.5"))
    assert_equal(result.spare, ml("5.5"))
    assert_equal(result.spare_minimum, ml("4.8"))
    (warning,) = discard_warnings(result)
    assert "21 doses" in warning
    assert "7 doses will be discarded" in warning
    assert "14 days" in warning
    # the fix names the preserved formulation (the issue: fewer days, or the preserved one)
    assert "ldn-liquid-preserved" in warning
    assert result.notes == ()


def test_default_run_steps_show_the_calculation_with_units() -> None:
    steps = {s.name: s.calculation for s in liquid(target="4.5mg").steps}
    assert steps["Dose volume"] == "4.5 mg ÷ 1 mg/mL = 4.5 mL"
    assert steps["Volume for the doses asked"] == "4.5 mL × 1 × 14 = 63 mL"
    assert steps["Spare"] == "greater of 1 dose (4.5 mL) and 5 % of 63 mL (3.15 mL) = 4.5 mL"
    assert steps["Drug needed"] == "(63 mL + 4.5 mL) × 1 mg/mL = 67.5 mg"
    assert steps["Tablets"] == "67.5 mg ÷ 50 mg = 1.35 → 2 tablets"
    assert steps["Final volume"] == "2 × 50 mg ÷ 1 mg/mL = 100 mL"
    assert steps["Doses in the bottle"] == "21 × 4.5 mL + 4.8 mL = 99.3 mL ≤ 100 mL → 21 doses"


def test_fawcett_excipient_below_the_minimum_weighable_quantity_is_warned() -> None:
    result = liquid(target="4.5mg", volume="100mL", formulation="ldn-liquid-preserved")
    assert any("Sodium benzoate" in w and "120 mg" in w for w in cli(result.warnings))


def test_days_given_as_weeks_is_the_same_supply_as_days() -> None:
    # 2w = 14 days; 4.5 mL × 14 = 63 mL + 4.5 mL spare = 67.5 mL at 1 mg/mL = 67.5 mg
    assert_equal(liquid(target="4.5mg", days="2w").drug_needed, mg("67.5"))
    assert_equal(liquid(target="4.5mg", days=14).drug_needed, mg("67.5"))
    assert_equal(liquid(target="4.5mg", days="14d").drug_needed, mg("67.5"))


def test_twice_a_day_doubles_the_drug_needed() -> None:
    # 1.5 mL × 2 × 14 = 42 mL + spare (greater of 1.5 mL and 5 % = 2.1 mL) = 44.1 mg
    # → 1 tablet → 50 mL → 31 doses with the spare (46.5 + 2.325 ≤ 50; 32: 48 + 2.4 > 50)
    # > 28 usable → 3 discarded; 15 days of doses, but the BUD is 14: days of supply 14
    result = liquid(target="1.5mg", doses_per_day=2)
    assert_equal(result.drug_needed, mg("44.1"))
    assert result.tablets == 1
    assert result.doses == 31
    assert result.days_supply == 14
    (warning,) = discard_warnings(result)
    assert "3 doses will be discarded" in warning


def test_microgram_target_is_kept_in_micrograms() -> None:
    # 500 mcg = 0.5 mg → 0.5 mL at 1 mg/mL in the 1 mL syringe
    result = liquid(target="500mcg")
    assert_equal(result.dose_volume, ml("0.5"))
    assert_equal(result.dose_measured, mg("0.5"))
    assert result.syringe.name == "1 mL oral syringe"


# --------------------------------------------------------------------------------------------
# Concentration: the default, or a listed one that measures the dose (issue 2 §4)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["0.5mg", "1mg", "1.5mg", "3mg", "4.5mg", "7mg", "10mg"])
def test_default_concentration_kept_when_it_measures_the_dose_exactly(target: str) -> None:
    result = liquid(target=target)
    assert_equal(result.concentration, mg_per_ml(1))
    assert result.notes == ()


@pytest.mark.parametrize(
    ("target", "dose_ml"),
    [
        # docs/basis.md §7: not below about 20 % of a syringe's capacity, 0.2 mL in a 1 mL
        # syringe. 0.1 mg at 1 mg/mL = 0.1 mL, measured but not reliably; at 0.5 mg/mL it is
        # 0.2 mL. (Review: 0.1 mL used to be chosen, with no warning.)
        ("0.1mg", "0.2"),
        ("100mcg", "0.2"),
        # 0.15 mg → 0.15 mL at 1 mg/mL (below 0.2 mL) → 0.3 mL at 0.5 mg/mL
        ("0.15mg", "0.3"),
    ],
)
def test_dose_unmeasurable_at_1_mg_per_ml_picks_a_listed_concentration_and_says_so(
    target: str, dose_ml: str
) -> None:
    result = liquid(target=target)
    assert_equal(result.concentration, mg_per_ml("0.5"))
    assert_equal(result.dose_volume, ml(dose_ml))
    (note,) = result.notes
    assert note.code == "concentration-chosen"
    assert str(note).startswith("0.5 mg/mL is used: at the default 1 mg/mL the dose would be ")
    assert str(note).endswith("below the 0.2 mL a 1 mL oral syringe measures reliably")
    assert not any("measures reliably" in w for w in cli(result.warnings))


def test_a_volume_below_20_percent_of_the_syringe_is_measured_with_a_warning() -> None:
    # docs/basis.md §7; the LDN Research Trust's 5 mg/mL schedule measures 0.5 mg as 0.1 mL
    result = liquid(target="0.5mg", concentration="5mg/mL")
    assert_equal(result.dose_volume, ml("0.1"))
    assert (
        "0.1 mL is below the 0.2 mL a 1 mL oral syringe measures reliably (USP <1176> "
        "practice: not below 20 % of a syringe's capacity). Fix: use --concentration "
        "0.5mg/mL or 1mg/mL"
    ) in cli(result.warnings)


def test_default_concentration_kept_when_it_measures_the_dose_within_the_deviation() -> None:
    result = liquid(target="2.37mg")
    assert_equal(result.concentration, mg_per_ml(1))
    assert_equal(result.dose_volume, ml("2.4"))


def test_volume_of_whole_tablets_at_the_default_concentration_is_accepted() -> None:
    result = liquid(target="2.37mg", volume="50mL")
    assert result.tablets == 1
    assert_equal(result.concentration, mg_per_ml(1))


# --------------------------------------------------------------------------------------------
# Syringe: the smallest that holds the dose, on its marks (docs/basis.md §7)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "concentration", "syringe", "dose_ml", "deviation"),
    [
        ("0.1mg", "1mg/mL", "1 mL oral syringe", "0.1", "0"),
        ("0.5mg", "1mg/mL", "1 mL oral syringe", "0.5", "0"),
        ("1mg", "1mg/mL", "1 mL oral syringe", "1", "0"),
        ("4.5mg", "5mg/mL", "1 mL oral syringe", "0.9", "0"),
        ("1.5mg", "1mg/mL", "3 mL oral syringe", "1.5", "0"),
        ("3mg", "1mg/mL", "3 mL oral syringe", "3", "0"),
        # 4.5 mL: on the marks of a 5 mL syringe with 0.1 mL marks; on 0.2 mL marks it would be
        # 4.6 mL (+2.2 %), so the finer-marked 5 mL syringe is the one.
        ("4.5mg", "1mg/mL", "5 mL oral syringe, 0.1 mL marks", "4.5", "0"),
        ("7mg", "1mg/mL", "10 mL oral syringe", "7", "0"),
        ("4.5mg", "0.5mg/mL", "10 mL oral syringe", "9", "0"),
        ("10mg", "1mg/mL", "10 mL oral syringe", "10", "0"),
        # rounded to the marks, deviation = (measured − exact) ÷ exact, to 0.1 %:
        # 1.05 mL on 0.1 mL marks → 1.1 mL: +0.05 ÷ 1.05 = +4.76 % → +4.8 %
        ("1.05mg", "1mg/mL", "3 mL oral syringe", "1.1", "4.8"),
        # 2.37 mL → 2.4 mL: +0.03 ÷ 2.37 = +1.27 % → +1.3 %
        ("2.37mg", "1mg/mL", "3 mL oral syringe", "2.4", "1.3"),
        # 0.123 mL on 0.01 mL marks → 0.12 mL: −0.003 ÷ 0.123 = −2.44 % → −2.4 %
        ("0.123mg", "1mg/mL", "1 mL oral syringe", "0.12", "-2.4"),
        # 6.3 mL on 0.2 mL marks: 31.5 marks, half up → 32 → 6.4 mL: +0.1 ÷ 6.3 = +1.59 % → +1.6 %
        ("6.3mg", "1mg/mL", "10 mL oral syringe", "6.4", "1.6"),
    ],
)
def test_smallest_syringe_that_holds_the_dose_on_its_marks(
    target: str, concentration: str, syringe: str, dose_ml: str, deviation: str
) -> None:
    result = liquid(target=target, concentration=concentration)
    assert result.syringe.name == syringe
    assert_equal(result.dose_volume, ml(dose_ml))
    assert_equal(result.dose_deviation, Quantity(Decimal(deviation), "percent"))
    assert_equal(result.dose_measured, result.dose_volume * result.concentration)
    rounding = [w for w in cli(result.warnings) if "not on the marks" in w]
    if deviation == "0":
        assert rounding == []
    else:
        (warning,) = rounding
        signed = ("+" if not deviation.startswith("-") else "") + deviation
        assert f"measure {dose_ml} mL" in warning
        assert f"{signed} %" in warning
        assert syringe in warning


# --------------------------------------------------------------------------------------------
# --volume: whole tablets only (issue 2 §4)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("volume", "concentration", "tablets", "final_ml"),
    [
        ("50mL", "1mg/mL", 1, "50"),
        ("150mL", "1mg/mL", 3, "150"),
        ("0.1L", "1mg/mL", 2, "100"),
        ("100mL", "0.5mg/mL", 1, "100"),
        ("20mL", "5mg/mL", 2, "20"),
    ],
)
def test_volume_that_takes_whole_tablets(
    volume: str, concentration: str, tablets: int, final_ml: str
) -> None:
    result = liquid(target="4.5mg", volume=volume, concentration=concentration)
    assert result.tablets == tablets
    assert_equal(result.final_volume, ml(final_ml))
    assert result.drug_needed is None


@pytest.mark.parametrize(
    ("volume", "concentration", "message"),
    [
        (
            "75mL",
            "1mg/mL",
            'volume="75mL": needs 1.5 tablets of 50 mg at 1 mg/mL; '
            'use whole tablets: volume="50mL" or "100mL"',
        ),
        (
            "125mL",
            "1mg/mL",
            'volume="125mL": needs 2.5 tablets of 50 mg at 1 mg/mL; '
            'use whole tablets: volume="100mL" or "150mL"',
        ),
        # 5 mg/mL: one tablet makes 10 mL
        (
            "25mL",
            "5mg/mL",
            'volume="25mL": needs 2.5 tablets of 50 mg at 5 mg/mL; '
            'use whole tablets: volume="20mL" or "30mL"',
        ),
        # less than one tablet: the nearest volume is one tablet's
        (
            "30mL",
            "1mg/mL",
            'volume="30mL": needs 0.6 tablets of 50 mg at 1 mg/mL; '
            'use whole tablets: volume="50mL"',
        ),
    ],
)
def test_volume_that_needs_part_of_a_tablet_is_refused_naming_the_nearest_volumes(
    volume: str, concentration: str, message: str
) -> None:
    with pytest.raises(UnsafeInputError) as raised:
        liquid(target="4.5mg", volume=volume, concentration=concentration)
    assert str(raised.value) == message


def test_volume_refusal_never_says_a_whole_number_of_tablets() -> None:
    with pytest.raises(UnsafeInputError) as raised:
        liquid(target="4.5mg", volume="50.05mL")
    assert "needs 1 tablets" not in str(raised.value)
    assert "1.001 tablets" in str(raised.value)


def test_volume_and_days_together_are_refused() -> None:
    with pytest.raises(UnsafeInputError) as raised:
        liquid(target="4.5mg", volume="100mL", days=14)
    assert str(raised.value) == 'volume="100mL": cannot be given with days=; give one of them'


def test_volume_far_beyond_one_bottle_is_refused() -> None:
    # a typo of L for mL must not make a 100,000 mL bottle of 2,000 tablets
    with pytest.raises(UnsafeInputError) as raised:
        liquid(target="4.5mg", volume="100L")
    assert str(raised.value).startswith('volume="100L": is more than 1,000 mL')


@pytest.mark.parametrize("strength", ["50g", "50mcg"])
def test_implausible_tablet_strength_is_refused_naming_it(strength: str) -> None:
    with pytest.raises(UnsafeInputError) as raised:
        liquid(target="4.5mg", tablet_strength=strength)
    assert str(raised.value).startswith(f'tablet_strength="{strength}":')


def test_the_tablets_taken_are_named_with_the_strength_used() -> None:
    result = liquid(target="4.5mg", tablet_strength="25mg")
    # 4.5 mg × 14 = 63 mg ÷ 25 mg = 2.52 → 3 tablets = 75 mg → 75 mL
    assert result.tablets == 3
    (active,) = [a for a in result.ingredients if a.role == "active"]
    assert "50 mg" not in active.name
    assert "25 mg" in active.name


# --------------------------------------------------------------------------------------------
# Refusals (issue 2 §4, §6): the exact message, and the error class
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        # dose below 1 mcg / above 10 mg (docs/basis.md §2: ≤ 10 mg/day is low-dose)
        (
            {"target": "0.5mcg"},
            'target="0.5mcg": is below 1 mcg; write a dose from 1 mcg to 10 mg',
        ),
        (
            {"target": "10.5mg"},
            'target="10.5mg": is above 10 mg: that is not low-dose naltrexone; '
            "write a dose up to 10 mg",
        ),
        (
            {"target": "50mg"},
            'target="50mg": is above 10 mg: that is not low-dose naltrexone; '
            "write a dose up to 10 mg",
        ),
        # daily total above 10 mg: 4.5 mg × 3 = 13.5 mg
        (
            {"target": "4.5mg", "doses_per_day": 3},
            'doses_per_day="3": gives 13.5 mg a day with 4.5 mg a dose, above the 10 mg a day '
            "of low-dose naltrexone; lower the dose or the doses a day",
        ),
        # concentration above the solubility of the HCl salt (about 100 mg/mL, DailyMed)
        (
            {"target": "4.5mg", "concentration": "200mg/mL"},
            'concentration="200mg/mL": is above the solubility of naltrexone HCl (100 mg/mL); '
            'use concentration="0.5mg/mL" or "1mg/mL" or "5mg/mL"',
        ),
        # outside the formulation's range
        (
            {"target": "4.5mg", "concentration": "6mg/mL"},
            'concentration="6mg/mL": is not one of ldn-liquid-water\'s listed concentrations '
            '(0.5 mg/mL, 1 mg/mL, 5 mg/mL); use concentration="0.5mg/mL" or "1mg/mL" or "5mg/mL"',
        ),
        (
            {"target": "4.5mg", "concentration": "0.1mg/mL"},
            'concentration="0.1mg/mL": is not one of ldn-liquid-water\'s listed concentrations '
            '(0.5 mg/mL, 1 mg/mL, 5 mg/mL); use concentration="0.5mg/mL" or "1mg/mL" or "5mg/mL"',
        ),
        # dose volume below the 1 mL syringe's 0.1 mL minimum: 0.05 mg at 1 mg/mL = 0.05 mL
        (
            {"target": "0.05mg", "concentration": "1mg/mL"},
            'concentration="1mg/mL": gives 0.05 mL a dose at 1 mg/mL, below the 0.1 mL a '
            '1 mL oral syringe measures; use concentration="0.5mg/mL"',
        ),
        # dose volume above the 10 mL syringe: 7 mg at 0.5 mg/mL = 14 mL
        (
            {"target": "7mg", "concentration": "0.5mg/mL"},
            'concentration="0.5mg/mL": gives 14 mL a dose at 0.5 mg/mL, more than a 10 mL '
            'oral syringe holds; use concentration="1mg/mL" or "5mg/mL"',
        ),
        # days out of 1–365
        (
            {"target": "4.5mg", "days": 0},
            'days="0": is out of range; write a whole number from 1 to 365',
        ),
        (
            {"target": "4.5mg", "days": 366},
            'days="366": is out of range; write a whole number from 1 to 365',
        ),
        (
            {"target": "4.5mg", "days": "366"},
            'days="366": is out of range; write a whole number from 1 to 365',
        ),
        (
            {"target": "4.5mg", "doses_per_day": 5},
            'doses_per_day="5": is out of range; write a whole number from 1 to 4',
        ),
    ],
)
def test_unsafe_input_is_refused_with_a_message_that_says_what_works(
    kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(UnsafeInputError) as raised:
        liquid(**kwargs)  # type: ignore[arg-type]
    assert str(raised.value) == message
    assert isinstance(raised.value, ValueError)  # callers that do not know ldncalc


def test_a_dose_no_listed_concentration_measures_needs_a_serial_dilution() -> None:
    # 1 mcg is in range but 0.002 mL at 0.5 mg/mL is far below any syringe (docs/basis.md §8):
    # liquid() makes a serial dilution plan instead (issue 4; tests/test_dilution.py)
    result = liquid(target="1mcg")
    assert result.dilution is not None
    dose = (result.dose_volume * result.concentration).to("microgram")
    assert_equal(dose, Quantity(Decimal(1), "microgram"))
    # with a concentration given, it is refused and says how to get the plan
    with pytest.raises(UnsafeInputError) as raised:
        liquid(target="1mcg", concentration="0.5mg/mL")
    message = str(raised.value)
    assert message.startswith('concentration="0.5mg/mL": ')
    assert "serial dilution" in message
    assert "0.1 mL" in message


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"target": "4,5mg"}, 'target="4,5mg": uses a decimal comma; write 4.5mg'),
        ({"target": "4.5"}, 'target="4.5": has no unit; write 4.5mg (units: mg, mcg or g)'),
        ({"target": 4.5}, 'target="4.5": is neither text nor a quantity; write e.g. 4.5mg'),
        (
            {"target": "4.5mg", "days": "1.5d"},
            'days="1.5d": is not a whole number of days; write 1d or 2d',
        ),
    ],
)
def test_unreadable_input_is_an_input_error(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(InputError) as raised:
        liquid(**kwargs)  # type: ignore[arg-type]
    assert str(raised.value) == message


@pytest.mark.parametrize(
    "target",
    [Quantity(4.5, "milliliter"), Quantity(-1.5, "milligram"), Quantity(float("inf"), "milligram")],
    ids=["4.5 mL", "-1.5 mg", "inf mg"],
)
def test_a_bad_float_quantity_is_an_input_error(target: Quantity) -> None:
    with pytest.raises(InputError):
        liquid(target=target)


@pytest.mark.parametrize(
    "target",
    [Quantity(4.5, "milligram"), Quantity(Decimal("4.5"), "milligram")],
    ids=["float", "Decimal"],
)
def test_a_quantity_target_gives_the_same_result_as_text(target: Quantity) -> None:
    # issue 2 §7: the library accepts strings or Quantities
    assert liquid(target=target).model_dump_json() == liquid(target="4.5mg").model_dump_json()


def test_a_microgram_quantity_target_is_the_same_dose() -> None:
    by_text = liquid(target="4.5mg")
    result = liquid(target=Quantity(4500, "microgram"))
    assert_equal(result.dose_volume, by_text.dose_volume)
    assert (result.tablets, result.doses) == (by_text.tablets, by_text.doses)


@pytest.mark.parametrize(("target", "word"), [("0.4mg", "below"), ("5mg", "above")])
def test_dose_outside_the_usual_ldn_range_is_made_with_a_warning(target: str, word: str) -> None:
    # docs/basis.md §2: usual 0.5–4.5 mg
    result = liquid(target=target)
    assert any(word in w and "check the prescription" in w for w in cli(result.warnings))


@pytest.mark.parametrize("target", ["0.5mg", "4.5mg"])
def test_dose_at_the_edges_of_the_usual_range_has_no_range_warning(target: str) -> None:
    assert not any("usual" in w for w in cli(liquid(target=target).warnings))


# --------------------------------------------------------------------------------------------
# The BUD warning: exactly when the bottle holds more doses than the BUD allows
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "doses", "warned"),
    [
        # 4.5 mg, 1 tablet → 50 mL → 10 doses with the spare ≤ 14: no warning
        ({"target": "4.5mg", "volume": "50mL"}, 10, False),
        # 3.2 mg × 14 = 44.8 mL + 3.2 mL spare = 48 mg → 1 tablet → 50 mL → 14 doses with the
        # spare (44.8 + 3.2 = 48 ≤ 50; 15: 48 + 3.2 > 50) = 14 × 1: no warning (not "more")
        ({"target": "3.2mg", "days": 14}, 14, False),
        # 3 mg: 42 + 3 = 45 mg → 1 tablet → 50 mL → 15 doses (45 + 3 ≤ 50) > 14: 1 discarded
        ({"target": "3mg", "days": 14}, 15, True),
        # preserved, 35-day BUD: 4.5 mL × 35 = 157.5 mL + 7.875 mL spare → 4 tablets → 200 mL
        # → 42 doses with the spare (189 + 9.45 ≤ 200; 43: 193.5 + 9.675 > 200) > 35
        ({"target": "4.5mg", "days": 35, "formulation": "ldn-liquid-preserved"}, 42, True),
    ],
)
def test_bud_supply_warning_at_the_boundary(
    kwargs: dict[str, object], doses: int, warned: bool
) -> None:
    result = liquid(**kwargs)  # type: ignore[arg-type]
    assert result.doses == doses
    assert bool(discard_warnings(result)) is warned


# --------------------------------------------------------------------------------------------
# Properties (hypothesis)
# --------------------------------------------------------------------------------------------

CONCENTRATIONS = st.sampled_from([None, "0.5mg/mL", "1mg/mL", "5mg/mL"])
FORMULATIONS = st.sampled_from([None, "ldn-liquid-water", "ldn-liquid-preserved"])
WHOLE_TABLET_VOLUMES = {  # mL that one tablet of 50 mg makes at each listed concentration
    "0.5mg/mL": 100,
    "1mg/mL": 50,
    "5mg/mL": 10,
}


@st.composite
def targets(draw: st.DrawFn, per_day: int) -> str:
    """A dose from 0.1 mg (0.2 mL at 0.5 mg/mL, the least measured reliably: below it the
    liquid is a serial dilution, tested in test_dilution.py) to 10 mg a day."""
    ceiling = 1000 // per_day
    hundredths = draw(st.integers(10, ceiling))
    if draw(st.booleans()):
        return f"{hundredths * 10}mcg"
    return f"{Decimal(hundredths) / 100}mg"


@st.composite
def liquid_inputs(draw: st.DrawFn) -> dict[str, object]:
    per_day = draw(st.integers(1, 4))
    kwargs: dict[str, object] = {
        "target": draw(targets(per_day)),
        "doses_per_day": per_day,
        "formulation": draw(FORMULATIONS),
    }
    concentration = draw(CONCENTRATIONS)
    if concentration is not None:
        kwargs["concentration"] = concentration
    supply = draw(st.sampled_from(["default", "days", "volume"]))
    if supply == "days":
        kwargs["days"] = draw(st.integers(1, 365))
    elif supply == "volume" and concentration is not None:
        kwargs["volume"] = f"{WHOLE_TABLET_VOLUMES[concentration] * draw(st.integers(1, 6))}mL"
    return kwargs


def accepted(kwargs: dict[str, object]) -> LiquidResult | None:
    try:
        result = liquid(**kwargs)  # type: ignore[arg-type]
    except LdnCalcError:
        event("refused")
        return None  # refused: the refusals are tested above
    event("accepted")
    return result


@settings(max_examples=300, deadline=None)
@given(liquid_inputs())
@example({"target": "4.5mg", "doses_per_day": 1, "formulation": None})
def test_invariants_of_every_accepted_liquid(kwargs: dict[str, object]) -> None:
    result = accepted(kwargs)
    if result is None:
        return
    # the tablets hold at least the drug needed
    if result.drug_needed is not None:
        assert result.tablets * result.tablet_strength >= result.drug_needed
    assert_equal(result.drug, result.tablets * result.tablet_strength)
    # the bottle holds every dose counted and the record's spare, and not one dose more
    spare = Spare()
    n = result.doses
    assert n * result.dose_volume + spare_for(result.dose_volume, n, spare) <= result.final_volume
    assert (n + 1) * result.dose_volume + spare_for(
        result.dose_volume, n + 1, spare
    ) > result.final_volume
    assert_equal(result.doses_volume + result.spare, result.final_volume)
    assert result.spare >= result.spare_minimum
    # the days of supply never exceed the BUD, nor the doses in the bottle
    assert result.days_supply == min(n // result.doses_per_day, result.bud.days)
    # the dose measured is what the syringe volume holds at this concentration
    assert_equal(result.dose_volume * result.concentration, result.dose_measured)
    # the syringe holds the dose, on its marks, within 5 % (USP: at most 5 % error)
    syringe = result.syringe
    assert result.dose_volume <= syringe.capacity
    marks = (result.dose_volume / syringe.graduation).to("dimensionless").magnitude
    assert marks == marks.to_integral()
    assert abs(result.dose_deviation) <= Quantity(5, "percent")
    # a volume below 20 % of the syringe's capacity is never produced without a warning
    if result.dose_volume < syringe.capacity / 5:
        assert any("measures reliably" in w for w in cli(result.warnings))
    # the BUD warning appears exactly when the bottle outlasts the BUD
    per_day = result.doses_per_day
    assert bool(discard_warnings(result)) is (result.doses > result.bud.days * per_day)
    # no float artefact anywhere in the JSON
    text = result.model_dump_json()
    assert FLOAT_ARTEFACT.search(text) is None, FLOAT_ARTEFACT.search(text)


@settings(max_examples=150, deadline=None)
@given(
    per_day=st.integers(1, 4),
    days=st.integers(1, 182),
    data=st.data(),
)
def test_doubling_the_days_doubles_the_drug_needed_exactly(
    per_day: int, days: int, data: st.DataObject
) -> None:
    target = data.draw(targets(per_day))
    once = accepted({"target": target, "doses_per_day": per_day, "days": days})
    if once is None:
        return
    twice = accepted({"target": target, "doses_per_day": per_day, "days": days * 2})
    if twice is None:
        return  # e.g. more than one bottle holds
    assert once.drug_needed is not None
    assert twice.drug_needed is not None

    # the drug for the doses doubles exactly; the spare on top is the record's for each
    # (the greater of one dose and 5 %: not linear)
    def for_doses(result: LiquidResult, days: int) -> Quantity:
        spare = spare_for(result.dose_volume, per_day * days, Spare())
        assert result.drug_needed is not None
        return result.drug_needed - spare * result.concentration

    assert_equal(for_doses(twice, days * 2), for_doses(once, days) * 2)
    # whole tablets: twice the supply never takes more than twice the tablets
    assert once.tablets <= twice.tablets <= 2 * once.tablets


# --------------------------------------------------------------------------------------------
# The bottle holds every dose asked for, also when a dose is rounded to a syringe's marks
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "measured", "needed", "tablets", "doses"),
    [
        # 1.76 mg at 1 mg/mL = 1.76 mL, measured as 1.8 mL (1.8 mg) in the 3 mL syringe:
        # 1.8 mL × 1 × 28 = 50.4 mL + spare (greater of 1.8 mL and 5 % = 2.52 mL) = 52.92 mg
        # → 2 tablets → 100 mL → 52 doses with the spare (93.6 + 4.68 ≤ 100; 53: 95.4 + 4.77
        # > 100) (was 1 tablet: 27 doses)
        (
            {"target": "1.76mg", "days": 28, "formulation": "ldn-liquid-preserved"},
            "1.8",
            "50.4",
            2,
            52,
        ),
        # 1.65 mg → 1.7 mL (1.7 mg): 1.7 mL × 30 = 51 mL + 2.55 mL spare = 53.55 mg → 2 tablets
        # → 100 mL → 56 doses (95.2 + 4.76 ≤ 100; 57: 96.9 + 4.845 > 100)
        (
            {
                "target": "1.65mg",
                "days": 30,
                "concentration": "1mg/mL",
                "formulation": "ldn-liquid-preserved",
            },
            "1.7",
            "51",
            2,
            56,
        ),
    ],
)
def test_a_dose_rounded_to_a_syringe_mark_counts_the_drug_it_measures(
    kwargs: dict[str, object], measured: str, needed: str, tablets: int, doses: int
) -> None:
    result = liquid(**kwargs)  # type: ignore[arg-type]
    assert_equal(result.dose_measured, mg(measured))
    # the doses counted at the volume measured (the needed above), with the spare on top
    spare = spare_for(ml(measured), kwargs["days"], Spare())  # type: ignore[arg-type]
    assert_equal(result.drug_needed, mg(needed) + spare * mg_per_ml(1))
    assert result.tablets == tablets
    assert result.doses == doses
    assert result.doses >= kwargs["days"]  # type: ignore[operator]
    steps = {s.name: s for s in result.steps}
    assert steps["Volume for the doses asked"].calculation == (
        f"{measured} mL × 1 × {kwargs['days']} = {needed} mL"
    )


@pytest.mark.parametrize("concentration", ["3mg/mL", "0.75mg/mL", "3000mcg/mL"])
def test_only_the_formulations_listed_concentrations_are_made(concentration: str) -> None:
    # issue 9 §5: 0.75 mg/mL made 50 mg up to 66.7 mL, labelled 0.75 mg/mL; 3 mg/mL made
    # 33.3 mL. Only the listed ones are made (docs/basis.md §3), and the refusal names them.
    with pytest.raises(UnsafeInputError) as caught:
        liquid(target="0.99mg", days=101, concentration=concentration)
    assert str(caught.value) == (
        f'concentration="{concentration}": is not one of ldn-liquid-water\'s listed '
        'concentrations (0.5 mg/mL, 1 mg/mL, 5 mg/mL); use concentration="0.5mg/mL" or "1mg/mL" '
        'or "5mg/mL"'
    )
    # each fix is accepted: 0.99 mg at 0.5 mg/mL = 1.98 mL, at 1 mg/mL = 0.99 mL, at 5 mg/mL
    # 0.198 mL (measured as 0.2 mL, +1 %, with that warning)
    for fix in ("0.5mg/mL", "1mg/mL", "5mg/mL"):
        assert liquid(target="0.99mg", days=101, concentration=fix).doses >= 101


@settings(max_examples=300, deadline=None)
@given(liquid_supplies())
@example({"target": "1.76mg", "days": 28, "formulation": "ldn-liquid-preserved"})
@example(
    {
        "target": "1.65mg",
        "days": 30,
        "concentration": "1mg/mL",
        "formulation": "ldn-liquid-preserved",
    }
)
@example({"target": "0.99mg", "days": 101, "concentration": "1mg/mL"})
def test_every_accepted_liquid_with_days_holds_every_dose_asked_for(
    kwargs: dict[str, object],
) -> None:
    result = accepted(kwargs)
    if result is None:
        return
    assert result.doses >= result.doses_per_day * kwargs["days"]  # type: ignore[operator]
    # the days asked for, never more than the BUD (issue 9 §5)
    assert result.days_supply >= min(kwargs["days"], result.bud.days)  # type: ignore[type-var]
    assert result.days_supply <= result.bud.days


# --------------------------------------------------------------------------------------------
# issue 9 §1: every liquid carries the record's spare; a --volume without it is warned, and
# the fix the warning prints runs as printed and gives the doses with the spare
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "add", "doses"),
    [
        # 50 mL of 4.5 mL doses: 11 doses leave 0.5 mL; 11 need 49.5 + 4.5 = 54 mL: add 4 mL
        ("--target 4.5mg --volume 50mL", "4 mL", 11),
        # issue 9: 2.5 mg at 5 mg/mL is 0.5 mL; 10 mL is 20 doses with no spare; 20 need
        # 10 mL + the greater of 0.5 mL and 5 % (0.5 mL) = 10.5 mL: add 0.5 mL
        (
            "--target 2.5mg --concentration 5mg/mL --volume 10mL "
            "--formulation ldn-liquid-preserved",
            "0.5 mL",
            20,
        ),
    ],
)
def test_a_volume_with_no_spare_is_warned_and_its_fix_runs_as_printed(
    argv: str, add: str, doses: int, capsys: pytest.CaptureFixture[str]
) -> None:
    from ldncalc.cli import main

    assert main(["liquid", *argv.split()]) == 0
    screen = re.sub(r"\s+", " ", capsys.readouterr().out)  # the warning as one line
    assert f"Fix: add {add} for {doses} doses: leave out --volume and give --days {doses}" in (
        screen
    )
    fixed = re.sub(r"--volume \S+", f"--days {doses}", argv)
    assert main(["liquid", *fixed.split(), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["doses"] >= doses
    assert result["days_supply"] >= doses
    assert not any("spare" in w for w in result["warnings"])
    spare = Decimal(str(result["spare"]["value"]))
    assert spare >= Decimal(str(result["spare_minimum"]["value"])) > 0


def test_issue_9_examples_by_hand() -> None:
    # liquid --target 2.5mg --concentration 5mg/mL --days 20 --formulation ldn-liquid-preserved
    # made 10 mL for twenty 0.5 mL doses. Now: 20 × 0.5 mL = 10 mL + spare (the greater of
    # 0.5 mL and 5 % of 10 mL = 0.5 mL) = 10.5 mL → 52.5 mg → 2 tablets → 20 mL, which holds
    # 38 doses with the spare (19 + 0.95 ≤ 20; 39: 19.5 + 0.975 > 20); the BUD (35) caps the
    # days of supply.
    result = liquid(
        target="2.5mg", concentration="5mg/mL", days=20, formulation="ldn-liquid-preserved"
    )
    assert result.tablets == 2
    assert_equal(result.final_volume, ml(20))
    assert result.doses == 38
    assert result.days_supply == 35
    assert_equal(result.spare, ml(1))
    # liquid --target 100mcg said "Supply 500 doses: 500 days". 0.1 mg at 0.5 mg/mL = 0.2 mL;
    # 14 × 0.2 = 2.8 mL + 0.2 mL spare → 1.5 mg → 1 tablet → 100 mL: 476 doses with the spare
    # (95.2 + 4.76 ≤ 100; 477: 95.4 + 4.77 > 100); days of supply: the 14-day BUD.
    result = liquid(target="100mcg")
    assert result.doses == 476
    assert result.days_supply == 14
    assert any("462 doses will be discarded" in w for w in cli(result.warnings))


@pytest.mark.parametrize(
    ("argv", "printed", "fixed", "check"),
    [
        # 0.1 mg at 1 mg/mL is 0.1 mL, below the 0.2 mL a 1 mL syringe measures reliably;
        # at 0.5 mg/mL it is 0.2 mL
        (
            "--target 0.1mg --concentration 1mg/mL",
            "Fix: use --concentration 0.5mg/mL",
            "--target 0.1mg --concentration 0.5mg/mL",
            "reliable",
        ),
        # 0.06 mg is below 0.2 mL at every listed concentration: the serial dilution plan
        (
            "--target 0.06mg --concentration 0.5mg/mL",
            "Fix: leave out --concentration for a serial dilution plan",
            "--target 0.06mg",
            "diluted",
        ),
        (
            "--target 25mcg --concentration 1mg/mL",
            "a dose this small needs a serial dilution: leave out --concentration for the plan",
            "--target 25mcg",
            "diluted",
        ),
        # 4.5 mg for 30 days with a 14-day BUD: the fix asks for the days the BUD allows
        ("--target 4.5mg --days 30", "Fix: --days 14,", "--target 4.5mg --days 14", "bud"),
        (
            "--target 4.5mg --volume 75mL",
            "use whole tablets: --volume 50mL or 100mL",
            "--target 4.5mg --volume 100mL",
            "bud",
        ),
        (
            "--target 4.5mg --concentration 0.75mg/mL",
            "use --concentration 0.5mg/mL or 1mg/mL or 5mg/mL",
            "--target 4.5mg --concentration 0.5mg/mL",
            "reliable",
        ),
    ],
)
def test_every_fix_a_liquid_message_prints_runs_as_printed(
    argv: str, printed: str, fixed: str, check: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # issue 9 §7: every fix a message suggests is accepted and does what it says
    from ldncalc.cli import main

    main(["liquid", *argv.split()])
    captured = capsys.readouterr()
    assert printed in " ".join((captured.out + captured.err).split())
    assert main(["liquid", *fixed.split(), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    if check == "diluted":
        assert result["dilution"] is not None
    if check in ("diluted", "reliable"):
        assert not any("measures reliably" in w for w in result["warnings"])
    assert result["days_supply"] <= result["bud"]["days"]


def test_a_pharmacy_record_sets_its_own_spare(tmp_path: Path) -> None:
    # The spare is the record's (docs/basis.md §3: an unconfirmed, overridable default). With
    # [spare] doses = 2, percent = 10: 4.5 mg for 14 days is 63 mL + the greater of 9 mL and
    # 6.3 mL = 72 mL → 72 mg → 2 tablets → 100 mL, which holds 20 doses with that spare
    # (90 mL + the greater of 9 mL and 9 mL = 99 ≤ 100; 21: 94.5 + 9.45 = 103.95 > 100):
    # 10 mL spare.
    source = (builtin_folder() / "ldn-liquid-water.toml").read_text()
    assert "[spare]\ndoses = 1\npercent = 5\n" in source
    own = source.replace("[spare]\ndoses = 1\npercent = 5\n", "[spare]\ndoses = 2\npercent = 10\n")
    (tmp_path / "ldn-liquid-water.toml").write_text(own)
    result = liquid(target="4.5mg", days=14, formulations_dir=tmp_path)
    steps = {s.name: s.calculation for s in result.steps}
    assert steps["Spare"] == "greater of 2 doses (9 mL) and 10 % of 63 mL (6.3 mL) = 9 mL"
    assert_equal(result.drug_needed, mg(72))
    assert result.tablets == 2
    assert result.doses == 20
    assert_equal(result.spare, ml(10))
    assert_equal(result.spare_minimum, ml(9))
    assert "Spare the greater of 2 doses and 10 % of the volume of the doses" in (
        formulation_text(load(tmp_path).get("ldn-liquid-water"), ENGLISH)
    )
