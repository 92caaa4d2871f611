"""FHIR export (issue 13 §1): a result as a Bundle of Medication, MedicationRequest and
MedicationDispense, in R5 and R4B, parsed back and validated with fhir.resources; every number
exact, the lot and its BUD date in the Medication's batch, a titration as sequenced dosages."""

from __future__ import annotations

import datetime
import json
import re
import shlex
import stat
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from ldncalc import capsule, fhir_bundle, fhir_json, liquid, prescription, titrate
from ldncalc.cli import main
from ldncalc.errors import InputError
from ldncalc.profile import Profile, profile_toml

UCUM = "http://unitsofmeasure.org"
TODAY = datetime.date.today()


def parse(text: str, version: str) -> Any:
    """The bundle read back with fhir.resources (validated again on the way in)."""
    if version == "R5":
        from fhir.resources.bundle import Bundle
    else:
        from fhir.resources.R4B.bundle import Bundle
    return Bundle.model_validate_json(text)


def resources(bundle: Any, kind: str) -> list[Any]:
    return [e.resource for e in bundle.entry if e.resource.get_resource_type() == kind]


def test_a_liquid_in_r5_parses_back_with_its_strength_batch_and_dosage() -> None:
    bundle = parse(fhir_json(liquid(target="4.5mg")), "R5")
    assert [e.resource.get_resource_type() for e in bundle.entry] == [
        "Patient",
        "Medication",
        "MedicationRequest",
        "MedicationDispense",
    ]
    (medication,) = resources(bundle, "Medication")
    assert medication.code.text == "Naltrexone HCl 1 mg/mL oral suspension (LDN)"
    assert medication.doseForm.text == "oral suspension"
    assert (medication.totalVolume.value, medication.totalVolume.code) == (100, "mL")
    active, water = medication.ingredient
    assert active.isActive is True
    assert water.isActive is False
    assert water.item.concept.text == "Purified water"
    assert water.strengthRatio is None  # made up to volume (qs): no strength
    ratio = active.strengthRatio  # 1 mg/mL: 1 mg in 1 mL, UCUM
    assert (ratio.numerator.value, ratio.numerator.code, ratio.numerator.system) == (1, "mg", UCUM)
    assert (ratio.denominator.value, ratio.denominator.code) == (1, "mL")
    # no prescription: compounded today, the formulation's 14 days (docs/basis.md §5)
    assert medication.batch.expirationDate == TODAY + datetime.timedelta(days=14)
    assert medication.batch.lotNumber is None
    (request,) = resources(bundle, "MedicationRequest")
    (dosage,) = request.dosageInstruction
    assert dosage.text == "Take 4.5 mL (4.5 mg) by mouth at bedtime"
    assert (dosage.doseAndRate[0].doseQuantity.value, dosage.doseAndRate[0].doseQuantity.code) == (
        Decimal("4.5"),
        "mL",
    )
    assert dosage.timing.repeat.when == ["HS"]
    assert dosage.route.coding[0].code == "26643006"  # SNOMED CT: oral route
    assert request.dispenseRequest.expectedSupplyDuration.value == 14
    (dispense,) = resources(bundle, "MedicationDispense")
    assert (dispense.quantity.value, dispense.quantity.code) == (100, "mL")
    assert dispense.medication.reference.reference == bundle.entry[1].fullUrl
    assert dispense.authorizingPrescription[0].reference == bundle.entry[2].fullUrl


def test_capsules_in_r4b_carry_the_lot_patient_and_per_capsule_strengths() -> None:
    details = prescription(
        patient="Jane Doe", prescriber="Dr. Ann Smith", rx="1234567", lot="L-0042", date=TODAY
    )
    result = capsule(strength="4.5mg", quantity=30)
    bundle = parse(fhir_json(result, fhir_version="R4B", details=details), "R4B")
    (patient,) = resources(bundle, "Patient")
    assert patient.name[0].text == "Jane Doe"
    (medication,) = resources(bundle, "Medication")
    assert medication.form.text == "hard gelatin capsule"
    assert medication.batch.lotNumber == "L-0042"
    # a capsule: nonaqueous solid, 180 days (docs/basis.md §5, USP <795>)
    assert medication.batch.expirationDate == TODAY + datetime.timedelta(days=180)
    active, filler = medication.ingredient
    assert active.itemCodeableConcept.text == "Naltrexone hydrochloride (anhydrous)"
    assert (active.strength.numerator.value, active.strength.numerator.code) == (
        Decimal("4.5"),
        "mg",
    )
    assert (active.strength.denominator.value, active.strength.denominator.code) == (1, "CAP")
    # the filler weighed into the batch of 31 (30 + 1 overage), per capsule, kept unreduced:
    # 4588 mg / 31 capsules (batch 31 × 152.5 mg fill − 139.5 mg API = 4588 mg)
    assert filler.isActive is False
    assert (filler.strength.numerator.value, filler.strength.denominator.value) == (4588, 31)
    (request,) = resources(bundle, "MedicationRequest")
    assert request.identifier[0].value == "1234567"
    assert request.requester.display == "Dr. Ann Smith"
    assert request.medicationReference.reference == bundle.entry[1].fullUrl
    assert request.dosageInstruction[0].text == "Take 1 capsule by mouth at bedtime"
    (dispense,) = resources(bundle, "MedicationDispense")
    assert (dispense.quantity.value, dispense.quantity.code) == (30, "CAP")
    assert dispense.whenPrepared.isoformat().startswith(TODAY.isoformat())


@pytest.mark.parametrize("version", ["R5", "R4B"])
def test_a_titration_is_sequenced_dosages_with_their_periods_and_one_medication_a_fill(
    version: str,
) -> None:
    result = titrate(start="0.5mg", step="0.5mg", every="7d", target="2mg", start_date="2026-12-07")
    bundle = parse(fhir_json(result, fhir_version=version), version)
    (request,) = resources(bundle, "MedicationRequest")
    steps = request.dosageInstruction
    assert [s.sequence for s in steps] == [1, 2, 3, 4]
    # 0.5 mg → 0.5 mL at 1 mg/mL, each step 7 days from 07 Dec 2026
    assert [s.doseAndRate[0].doseQuantity.value for s in steps] == [
        Decimal("0.5"),
        1,
        Decimal("1.5"),
        2,
    ]
    bounds = [(s.timing.repeat.boundsPeriod.start, s.timing.repeat.boundsPeriod.end) for s in steps]
    assert [(str(a)[:10], str(b)[:10]) for a, b in bounds] == [
        ("2026-12-07", "2026-12-13"),
        ("2026-12-14", "2026-12-20"),
        ("2026-12-21", "2026-12-27"),
        ("2026-12-28", "2027-01-03"),
    ]
    assert steps[0].text == "Take 0.5 mL (0.5 mg) by mouth at bedtime"
    medications = resources(bundle, "Medication")
    assert [str(m.batch.expirationDate)[:10] for m in medications] == [
        fill.bud_date.isoformat() for fill in result.fills
    ]
    dispenses = resources(bundle, "MedicationDispense")
    assert len(dispenses) == len(result.fills)


def test_a_capsule_titration_dispenses_each_strength_of_each_fill() -> None:
    result = titrate(
        start="0.5mg",
        step="0.5mg",
        every="7d",
        target="2mg",
        form="capsule",
        start_date="2026-12-07",
    )
    bundle = parse(fhir_json(result), "R5")
    # one fill: 28 capsules of 1 mg and 14 of 0.5 mg (the 1.5 mg week is 1 mg + 0.5 mg)
    dispensed = [
        (d.quantity.value, d.quantity.code) for d in resources(bundle, "MedicationDispense")
    ]
    assert dispensed == [(28, "CAP"), (14, "CAP")]
    (request,) = resources(bundle, "MedicationRequest")
    assert [s.text for s in request.dosageInstruction] == [
        "1 capsule: 1 × 0.5 mg",
        "1 capsule: 1 × 1 mg",
        "2 capsules: 1 × 1 mg + 1 × 0.5 mg",
        "2 capsules: 2 × 1 mg",
    ]
    assert [s.doseAndRate[0].doseQuantity.code for s in request.dosageInstruction] == ["mg"] * 4


def test_french_text_and_the_same_result_gives_the_same_bytes() -> None:
    result = liquid(target="0.3mg", concentration="0.5mg/mL")
    first = fhir_json(result, lang="fr")
    assert first == fhir_json(result, lang="fr")
    assert "Prendre 0,6 mL (0,3 mg) par la bouche au coucher" in first


@pytest.mark.parametrize(
    "target", ["0.3mg", "0.7mg", "1.1mg", "2.3mg", "3.3mg", "4.5mg", "0.15mg", "4.9mg"]
)
def test_numbers_are_exact_decimals_never_float_artefacts(target: str) -> None:
    text = fhir_json(liquid(target=target, concentration="0.5mg/mL"), fhir_version="R4B")
    numbers = re.findall(r'"value": (-?[0-9.eE+-]+)', text)
    assert numbers
    for number in numbers:
        assert "e" not in number.lower()
        assert len(number.partition(".")[2]) <= 6, number
    data = json.loads(text, parse_float=Decimal)
    dose = data["entry"][2]["resource"]["dosageInstruction"][0]["doseAndRate"][0]
    # 0.5 mg/mL: the dose volume is twice the dose in mg, exactly
    assert dose["doseQuantity"]["value"] == Decimal(target.removesuffix("mg")) * 2


def test_a_version_fhir_resources_does_not_write_is_refused() -> None:
    with pytest.raises(InputError) as raised:
        fhir_bundle(liquid(target="4.5mg"), fhir_version="R4")
    assert (
        str(raised.value)
        == 'fhir_version="R4": is not a FHIR version ldncalc writes; write R5 or R4B'
    )
    assert raised.value.render("fr", surface="cli") == (
        '--fhir-version: "R4" n\'est pas une version de FHIR prise en charge; écrivez R5 ou R4B'
    )


# --- The command line --------------------------------------------------------------------------


def run(argv: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(shlex.split(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_fhir_on_the_command_line_is_written_owner_only_with_the_labels_lot(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = tmp_path / "pharmacy.toml"
    pharmacy = Profile(name="Lakeside Pharmacy", address=("4 Lake Road",), phone="613-555-0199")
    profile.write_text(profile_toml(pharmacy), encoding="utf-8")
    fhir, label = tmp_path / "rx.json", tmp_path / "label.txt"
    code, _, err = run(
        f"liquid --target 4.5mg --label {label} --patient 'Jane Doe' --prescriber 'Dr. A' "
        f"--rx 77 --lot LOT-9 --no-log --pharmacy {profile} --fhir {fhir} --fhir-version R4B",
        capsys,
    )
    assert code == 0, err
    assert f"FHIR written: {fhir}" in err
    assert stat.S_IMODE(fhir.stat().st_mode) == 0o600  # the patient's name: owner-only
    bundle = parse(fhir.read_text(encoding="utf-8"), "R4B")
    (medication,) = resources(bundle, "Medication")
    assert medication.batch.lotNumber == "LOT-9"
    assert medication.batch.expirationDate == TODAY + datetime.timedelta(days=14)
    assert resources(bundle, "Patient")[0].name[0].text == "Jane Doe"


def test_titrate_and_capsule_write_fhir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        f"titrate --start 0.5mg --step 0.5mg --every 7d --target 4.5mg --fhir {tmp_path}/t.json",
        capsys,
    )
    assert code == 0, err
    assert len(resources(parse((tmp_path / "t.json").read_text(), "R5"), "MedicationRequest")) == 1
    code, _, err = run(f"capsule --strength 1.5mg --quantity 30 --fhir {tmp_path}/c.json", capsys)
    assert code == 0, err
    parse((tmp_path / "c.json").read_text(), "R5")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            "liquid --target 4.5mg --fhir-version R4B",
            "ldncalc: --fhir-version: is only used with --fhir; add --fhir FILE, or leave it out",
        ),
        (
            "liquid --target 4.5mg --fhir {tmp}/x.json --fhir-version R4",
            'ldncalc: --fhir-version: "R4" is not a FHIR version ldncalc writes; write R5 or R4B',
        ),
        (
            "titrate --start 0.5mg --step 0.5mg --every 7d --target 4.5mg --fhir {tmp}/nope/x.json",
            'ldncalc: --fhir: "{tmp}/nope/x.json" is in a folder that does not exist; create the '
            "folder first",
        ),
    ],
)
def test_fhir_refusals_are_one_line_before_anything_is_written(
    argv: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(argv.format(tmp=tmp_path), capsys)
    assert (code, out, err) == (2, "", message.format(tmp=tmp_path) + "\n")
    assert list(tmp_path.iterdir()) == []


def test_an_existing_fhir_file_is_not_replaced_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "x.json"
    target.write_text("old", encoding="utf-8")
    code, _, err = run(
        f"titrate --start 0.5mg --step 0.5mg --every 7d --target 2mg --fhir {target}", capsys
    )
    assert code == 2
    assert "already exists" in err
    assert target.read_text(encoding="utf-8") == "old"
    code, _, err = run(
        f"titrate --start 0.5mg --step 0.5mg --every 7d --target 2mg --fhir {target} --force",
        capsys,
    )
    assert code == 0, err
    parse(target.read_text(encoding="utf-8"), "R5")


def test_a_plain_liquid_never_imports_fhir_resources_icalendar_or_rich() -> None:
    # start-up unchanged: the exchange libraries are imported only when a file is asked for
    code = (
        "import sys; from ldncalc.cli import main; main(['liquid', '--target', '4.5mg']); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('fhir', 'fhir_core', 'icalendar', 'rich')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"
