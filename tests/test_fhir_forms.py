"""FHIR export of the plug-in dosage forms (issue 14 §5, issue 13 §1): sublingual drops, the
cream and the oral liquid from API powder as a Bundle of Medication, MedicationRequest and
MedicationDispense, in R5 and R4B, parsed back with fhir.resources. Strengths in UCUM (mg/mL,
mg/g), the dose in drops, pump actuations (EDQM units of presentation), grams or mL."""

from __future__ import annotations

import datetime
import stat
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from test_fhir import parse, resources, run

from ldncalc import fhir_json, prescription
from ldncalc.preparations.cream import cream
from ldncalc.preparations.drops import drops
from ldncalc.preparations.liquid.api import api_liquid

UCUM = "http://unitsofmeasure.org"
EDQM = "http://standardterms.edqm.eu"
TODAY = datetime.date.today()
FORMULATIONS = Path(__file__).resolve().parents[1] / "formulations"


def strength(ingredient: Any, version: str) -> Any:
    return ingredient.strengthRatio if version == "R5" else ingredient.strength


def name(ingredient: Any, version: str) -> str:
    concept = ingredient.item.concept if version == "R5" else ingredient.itemCodeableConcept
    return str(concept.text)


def ratio(value: Any) -> tuple[Any, str, Any, str]:
    return (value.numerator.value, value.numerator.code, value.denominator.value,
            value.denominator.code)  # fmt: skip


def dose(bundle: Any) -> Any:
    (request,) = resources(bundle, "MedicationRequest")
    (dosage,) = request.dosageInstruction
    return dosage


@pytest.mark.parametrize("version", ["R5", "R4B"])
def test_drops_are_dosed_in_drops_by_the_sublingual_route(version: str) -> None:
    details = prescription(patient="Jane Doe", lot="D-1", date=TODAY)
    result = drops(target="0.5mg", drop_volume="0.05mL")
    bundle = parse(fhir_json(result, fhir_version=version, details=details), version)
    (medication,) = resources(bundle, "Medication")
    assert medication.code.text == "Naltrexone HCl 10 mg/mL sublingual drops (0.5 mg a drop) (LDN)"
    form = medication.doseForm if version == "R5" else medication.form
    assert form.text == "sublingual drops"
    active, water = medication.ingredient
    assert (active.isActive, water.isActive) == (True, False)
    assert name(active, version) == "Naltrexone HCl powder"
    # concentration = dose ÷ (drops × drop volume) = 0.5 mg ÷ (1 × 0.05 mL) = 10 mg/mL
    assert ratio(strength(active, version)) == (10, "mg", 1, "mL")
    assert strength(water, version) is None  # made up to volume (qs)
    # dispensed: 0.05 mL × 14 days = 0.7 mL + spare 0.05 mL (1 dose > 5 %), up to 1 mL
    total = medication.totalVolume if version == "R5" else medication.amount.numerator
    assert (total.value, total.code) == (1, "mL")
    # nonpreserved aqueous: 14 days (docs/basis.md §5, USP <795>)
    assert medication.batch.expirationDate == TODAY + datetime.timedelta(days=14)
    assert medication.batch.lotNumber == "D-1"
    dosage = dose(bundle)
    assert dosage.text == "Place 1 drop (0.5 mg) under the tongue at bedtime"
    assert dosage.route.coding[0].code == "37839007"  # SNOMED CT: sublingual route
    counted = dosage.doseAndRate[0].doseQuantity
    assert (counted.value, counted.unit, counted.system, counted.code) == (
        1, "drop", EDQM, "15022000",
    )  # fmt: skip
    (dispense,) = resources(bundle, "MedicationDispense")
    assert (dispense.quantity.value, dispense.quantity.code, dispense.quantity.system) == (
        1, "mL", UCUM,
    )  # fmt: skip
    assert dispense.daysSupply.value == 14


def test_two_drops_a_dose_halve_the_concentration() -> None:
    # 0.5 mg ÷ (2 × 0.05 mL) = 5 mg/mL; 2 drops a dose
    bundle = parse(fhir_json(drops(target="0.5mg", drop_volume="0.05mL", drops=2)), "R5")
    (medication,) = resources(bundle, "Medication")
    assert ratio(medication.ingredient[0].strengthRatio) == (5, "mg", 1, "mL")
    assert dose(bundle).doseAndRate[0].doseQuantity.value == 2


@pytest.mark.parametrize("version", ["R5", "R4B"])
def test_a_cream_is_in_mg_per_g_and_dosed_in_pump_actuations(version: str) -> None:
    result = cream(strength="10mg/g", quantity="30g")
    bundle = parse(fhir_json(result, fhir_version=version), version)
    (medication,) = resources(bundle, "Medication")
    assert medication.code.text == "Naltrexone HCl 10 mg/g cream (LDN)"
    active, hyaluronic, glycerin, base = medication.ingredient
    assert [i.isActive for i in medication.ingredient] == [True, False, False, False]
    assert ratio(strength(active, version)) == (10, "mg", 1, "g")
    # the monograph per 100 g: hyaluronic acid 0.5 g, glycerin 5 g; × 30 g ÷ 100 g
    assert ratio(strength(hyaluronic, version)) == (150, "mg", 30, "g")
    assert ratio(strength(glycerin, version)) == (Decimal("1.5"), "g", 30, "g")
    assert name(base, version) == "XemaTop base (PCCA)"
    assert strength(base, version) is None  # the base "to" the total weight
    total = medication.totalVolume if version == "R5" else medication.amount.numerator
    assert (total.value, total.code) == (30, "g")
    # aqueous preserved: 35 days (docs/basis.md §5, USP <795>)
    assert medication.batch.expirationDate == TODAY + datetime.timedelta(days=35)
    dosage = dose(bundle)
    # 1 g a dose ÷ 0.5 g an actuation (the record's pump) = 2 actuations
    assert dosage.text == "Apply 2 pumps of 0.5 mL (1 g, 10 mg) to the skin at bedtime"
    assert dosage.route.coding[0].code == "6064005"  # SNOMED CT: topical route
    counted = dosage.doseAndRate[0].doseQuantity
    assert (counted.value, counted.unit, counted.system, counted.code) == (
        2, "actuation", EDQM, "15001000",
    )  # fmt: skip
    (dispense,) = resources(bundle, "MedicationDispense")
    assert (dispense.quantity.value, dispense.quantity.code) == (30, "g")


def test_a_cream_dosed_in_grams(tmp_path: Path) -> None:
    # the same record with directions in grams: the dose is 0.5 g (UCUM), not actuations
    record = (FORMULATIONS / "ldn-cream-xematop.toml").read_text(encoding="utf-8")
    record = record.replace('directions = "pump"', 'directions = "grams"')
    (tmp_path / "ldn-cream-xematop.toml").write_text(record, encoding="utf-8")
    result = cream(strength="10mg/g", quantity="50g", dose="0.5g", formulations_dir=tmp_path)
    bundle = parse(fhir_json(result, fhir_version="R4B"), "R4B")
    dosage = dose(bundle)
    assert dosage.text == "Apply 0.5 g (5 mg) to the skin at bedtime"
    measured = dosage.doseAndRate[0].doseQuantity
    assert (measured.value, measured.code, measured.system) == (0.5, "g", UCUM)
    (request,) = resources(bundle, "MedicationRequest")
    assert (request.dispenseRequest.quantity.value, request.dispenseRequest.quantity.code) == (
        50, "g",
    )  # fmt: skip


@pytest.mark.parametrize("version", ["R5", "R4B"])
def test_a_liquid_from_powder_is_in_ml_with_its_excipients_per_batch(version: str) -> None:
    result = api_liquid(target="4.5mg", formulation="ldn-liquid-api-preserved")
    bundle = parse(fhir_json(result, fhir_version=version), version)
    (medication,) = resources(bundle, "Medication")
    assert medication.code.text == "Naltrexone HCl 1 mg/mL oral solution (LDN)"
    active, ascorbic, benzoate, glycerol, water = medication.ingredient
    assert ratio(strength(active, version)) == (1, "mg", 1, "mL")
    # 4.5 mL × 30 days = 135 mL + spare 5 % = 6.75 mL → 142 mL; per 100 mL of the record:
    # ascorbic acid 0.5 g, sodium benzoate 0.1 g, glycerol 20 mL, × 142 mL ÷ 100 mL
    assert ratio(strength(ascorbic, version)) == (Decimal("0.71"), "g", 142, "mL")
    assert ratio(strength(benzoate, version)) == (Decimal("0.142"), "g", 142, "mL")
    assert ratio(strength(glycerol, version)) == (Decimal("28.4"), "mL", 142, "mL")
    assert strength(water, version) is None
    dosage = dose(bundle)
    assert dosage.text == "Take 4.5 mL (4.5 mg) by mouth at bedtime"
    assert dosage.route.coding[0].code == "26643006"  # oral route
    measured = dosage.doseAndRate[0].doseQuantity
    assert (measured.value, measured.code) == (Decimal("4.5"), "mL")


def test_a_stock_solution_larger_than_the_bottle_dispenses_the_bottle() -> None:
    # nonpreserved: 4.5 mL × 14 + 4.5 mL spare = 67.5 → 68 mL dispensed; 68 mg of powder is
    # below the minimum weighable 120 mg, so a 120 mL stock is made: the bottle is 68 mL
    bundle = parse(fhir_json(api_liquid(target="4.5mg")), "R5")
    (medication,) = resources(bundle, "Medication")
    assert (medication.totalVolume.value, medication.totalVolume.code) == (68, "mL")
    assert ratio(medication.ingredient[0].strengthRatio) == (1, "mg", 1, "mL")
    (dispense,) = resources(bundle, "MedicationDispense")
    assert dispense.quantity.value == 68


def test_french_names_and_directions() -> None:
    bundle = parse(fhir_json(cream(strength="10mg/g", quantity="30g"), lang="fr"), "R5")
    (medication,) = resources(bundle, "Medication")
    assert medication.code.text == "Naltrexone HCl 10 mg/g, crème (LDN)"
    assert medication.doseForm.text == "crème"
    assert dose(bundle).text == (
        "Appliquer 2 pressions de pompe de 0,5 mL (1 g, 10 mg) sur la peau au coucher"
    )
    bundle = parse(fhir_json(drops(target="0.5mg", drop_volume="0.05mL"), lang="fr"), "R5")
    assert resources(bundle, "Medication")[0].doseForm.text == "gouttes sublinguales"


@pytest.mark.parametrize(
    ("command", "version"),
    [
        ("drops --target 0.5mg --drop-volume 0.05mL", "R4B"),
        ("cream --strength 10mg/g --quantity 30g", "R5"),
        ("liquid --source api --target 4.5mg", "R4B"),
    ],
)
def test_fhir_on_the_command_line(
    command: str, version: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fhir = tmp_path / "rx.json"
    code, out, err = run(f"{command} --fhir {fhir} --fhir-version {version}", capsys)
    assert code == 0, err
    assert err == f"FHIR written: {fhir}\n"
    assert out.startswith("Naltrexone HCl")
    assert stat.S_IMODE(fhir.stat().st_mode) == 0o600
    assert len(resources(parse(fhir.read_text(encoding="utf-8"), version), "Medication")) == 1


@pytest.mark.parametrize("command", ["drops --target 0.5mg --drop-volume 0.05mL",
                                     "cream --strength 10mg/g --quantity 30g"])  # fmt: skip
def test_fhir_refusals_on_the_new_commands(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(f"{command} --fhir-version R4B", capsys)
    assert (code, out, err) == (
        2, "", "ldncalc: --fhir-version: is only used with --fhir; add --fhir FILE, or leave it "
        "out\n",
    )  # fmt: skip
    code, out, err = run(f"{command} --fhir {tmp_path}/x.json --fhir-version R4", capsys)
    assert (code, out) == (2, "")
    assert (
        err == 'ldncalc: --fhir-version: "R4" is not a FHIR version ldncalc writes; write R5 '
        "or R4B\n"
    )
    assert list(tmp_path.iterdir()) == []
