"""Dosage forms are plug-ins of the engine (issue 14 §1): one interface, one registry."""

from __future__ import annotations

import typing

import pytest
from form_parts import messages

from ldncalc import capsule, forms, liquid
from ldncalc.formulations import DEFAULT_IDS, Kind, load
from ldncalc.messages import Message
from ldncalc.units import MG, Quantity

INPUTS: dict[str, dict[str, object]] = {
    "liquid": {"target": "4.5mg"},
    "capsule": {"strength": "4.5mg", "quantity": 30},
    "drops": {"target": "0.5mg", "drop_volume": "0.05mL"},
    "cream": {"strength": "10mg/g", "quantity": "30g"},
    "liquid-api": {"target": "4.5mg"},
}


def test_every_record_kind_has_a_registered_form_and_back() -> None:
    assert set(typing.get_args(Kind)) == set(forms.kinds())
    assert {kind for kind, _ in DEFAULT_IDS} == set(forms.kinds())
    for record in load().formulations.values():
        assert record.kind in forms.kinds()


@pytest.mark.parametrize("kind", sorted(INPUTS))
def test_each_form_implements_the_interface(kind: str) -> None:
    form = forms.get(kind)
    assert form.kind == kind
    assert isinstance(form.command, str)
    assert isinstance(form.titration, bool)
    result = form.calculate(**INPUTS[kind])
    assert result.kind == kind
    amounts = form.dose_amounts(result)
    assert amounts
    assert all(hasattr(a, "units") for a in amounts)
    documents = form.documents(result)  # every form's, liquid and capsule included
    parts = [documents.title, documents.drug, documents.quantity, documents.made]
    parts += [documents.directions, *documents.lines, *documents.factors]
    for part in (*parts, *documents.measured):
        assert isinstance(part, Message)
        assert part.text("en")
        assert part.text("fr")
    assert len(documents.factors) % 2 == 0  # heading and value, in turn
    # what FHIR and the leaflet need of every form, liquid and capsule included
    supply = form.supply(result)
    assert supply.route in ("oral", "sublingual", "topical")
    assert type(supply.dispensed) is type(supply.made)  # both counted, or both measured
    assert supply.dispensed <= supply.made
    assert (supply.number is None) == (supply.counted is None)
    drug = form.drug(result)
    assert drug.text("en").startswith("Naltrexone HCl ")
    assert drug.text("fr").startswith("Naltrexone HCl ")


def test_the_adapters_call_liquid_and_capsule_as_they_are() -> None:
    assert forms.get("liquid").calculate(target="4.5mg") == liquid(target="4.5mg")
    made = forms.get("capsule").calculate(strength="4.5mg", quantity=30)
    assert made == capsule(strength="4.5mg", quantity=30)
    assert forms.get("capsule").dose_amounts(made) == (Quantity(4.5, MG),)
    assert forms.get("capsule").directions_counts(made) == {"capsule": 1}
    assert forms.get("liquid").directions_counts(liquid(target="4.5mg")) == {}


def test_liquid_and_capsule_say_what_they_supply_as_every_form() -> None:
    made = liquid(target="4.5mg", days="14")
    supply = forms.get("liquid").supply(made)
    # 4.5 mg ÷ 1 mg/mL (the formulation's concentration) = 4.5 mL, in the 5 mL syringe
    assert supply.route == "oral"
    assert supply.strength == Quantity(1, "mg/mL")
    assert supply.dose == Quantity(4.5, "mL")
    assert supply.drug == Quantity(4.5, MG)
    assert supply.syringe == Quantity(5, "mL")
    assert supply.dispensed == supply.made == made.final_volume
    assert supply.counted is None
    assert forms.get("liquid").drug(made).text("en") == (
        "Naltrexone HCl 1 mg/mL oral suspension (LDN)"
    )
    batch = capsule(strength="4.5mg", quantity=30)
    supply = forms.get("capsule").supply(batch)
    # 30 capsules dispensed, 1 capsule (4.5 mg) a dose; the batch holds the overage too
    assert (supply.dispensed, supply.made) == (30, batch.batch)
    assert (supply.number, supply.counted) == (1, "capsule")
    assert supply.strength == supply.drug == Quantity(4.5, MG)
    assert supply.syringe is None
    assert forms.get("capsule").drug(batch).text("fr") == "Naltrexone HCl 4,5 mg, capsules (LDN)"


def test_an_unknown_kind_is_not_a_form() -> None:
    with pytest.raises(KeyError):
        forms.get("suppository")


def test_drops_are_a_form_of_their_own() -> None:
    drops = forms.get("drops")
    result = drops.calculate(target="0.5mg", drop_volume="0.05mL")
    assert drops.directions_counts(result) == {"drop": 1}
    assert not drops.titration


def test_the_json_schema_has_every_form() -> None:
    from ldncalc.schema import result_schema

    definitions = result_schema()["$defs"]
    forms = {"LiquidResult", "CapsuleResult", "DropsResult", "CreamResult", "ApiLiquidResult"}
    assert forms <= set(definitions)


def test_the_readme_shows_liquid_and_capsule_implementing_the_interface() -> None:
    import doctest
    from pathlib import Path

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    shown = readme[readme.index("Liquid and capsule implement it like the others:") :]
    block = shown.split("```python\n", 1)[1].split("```", 1)[0]
    test = doctest.DocTestParser().get_doctest(block, {}, "README", None, 0)
    runner = doctest.DocTestRunner()
    runner.run(test)
    assert runner.summarize(verbose=False) == (0, 7)


def test_fhir_reads_what_a_capsule_supplies_through_the_registry(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import json

    from ldncalc import fhir_json

    real = forms.get("capsule")
    registered = forms.get

    class Sublingual:  # the capsule form, telling another route: FHIR must follow it
        def __getattr__(self, name: str) -> object:
            return getattr(real, name)

        def supply(self, result: object) -> object:
            return real.supply(result)._replace(route="sublingual")  # type: ignore[arg-type]

    monkeypatch.setattr(
        forms, "get", lambda kind: Sublingual() if kind == "capsule" else registered(kind)
    )
    bundle = json.loads(fhir_json(capsule(strength="4.5mg", quantity=30)))
    dosages = [
        entry["resource"]["dosageInstruction"][0]
        for entry in bundle["entry"]
        if "dosageInstruction" in entry["resource"]
    ]
    assert dosages
    for dosage in dosages:
        assert dosage["route"]["coding"][0]["code"] == "37839007"  # SNOMED CT: sublingual
        assert dosage["doseAndRate"][0]["doseQuantity"]["code"] == "CAP"  # 1 capsule


@pytest.mark.parametrize(
    ("kind", "inputs", "parts"),
    [
        # a serial dilution: the screen's blocks, the record's stock and dilutions
        ("liquid", {"target": "0.05mg", "days": 7}, ("weigh", "made_rows", "sections", "checks")),
        # the aliquot method: the screen's blocks, the weighings, the method's preface
        ("capsule", {"strength": "0.5mg", "quantity": 30}, ("weigh", "cells", "tables")),
    ],
)
def test_liquid_and_capsule_give_their_optional_parts_as_records(
    kind: str, inputs: dict[str, object], parts: tuple[str, ...]
) -> None:
    documents = forms.get(kind).documents(forms.get(kind).calculate(**inputs))
    for name in parts:
        assert getattr(documents, name), name
    for message in messages(documents):
        assert message.text("en", "cli")
        assert message.text("fr", "cli")


def test_the_screen_and_documents_have_no_code_of_one_form() -> None:
    # everything a form says of its own comes through DosageForm.documents (issue 14 §1)
    from pathlib import Path

    import ldncalc

    root = Path(ldncalc.__file__).parent
    for module in ("render.py", "labels/content.py"):
        text = (root / module).read_text(encoding="utf-8")
        branches = ("builtin(", "result.kind", "isinstance(result", "BUILTIN")
        for branch in (*branches, "LiquidResult", "CapsuleResult"):
            assert branch not in text, (module, branch)
