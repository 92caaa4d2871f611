"""Dosage forms are plug-ins of the engine (issue 14 §1): one interface, one registry."""

from __future__ import annotations

import typing
from pathlib import Path

import pytest
from form_parts import messages
from pydantic import TypeAdapter, ValidationError

import ldncalc
from ldncalc import FormulationError, capsule, forms, liquid, log
from ldncalc.cli import main
from ldncalc.formulations import DEFAULT_IDS, builtin_folder, load
from ldncalc.messages import Message
from ldncalc.models import Preparation
from ldncalc.prescriptions import prescription
from ldncalc.schema import result_schema
from ldncalc.units import MG, Quantity

INPUTS: dict[str, dict[str, object]] = {
    "liquid": {"target": "4.5mg"},
    "capsule": {"strength": "4.5mg", "quantity": 30},
    "drops": {"target": "0.5mg", "drop_volume": "0.05mL"},
    "cream": {"strength": "10mg/g", "quantity": "30g"},
    "liquid-api": {"target": "4.5mg"},
}


def test_every_record_kind_has_a_registered_form_and_back() -> None:
    # a record's kind is checked against the registry itself (test_formulations: "syrup")
    assert {kind for kind, _ in DEFAULT_IDS} == set(forms.kinds())
    for record in load().formulations.values():
        assert record.kind in forms.kinds()


@pytest.mark.parametrize("kind", sorted(INPUTS))
def test_each_form_implements_the_interface(kind: str) -> None:
    form = forms.get(kind)
    assert form.kind == kind
    assert forms.entry(kind).command in (*forms.commands(), None)  # liquid-api: liquid's
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


@pytest.mark.parametrize("kind", sorted(INPUTS))
def test_each_form_names_its_result_class_defined_in_its_own_package(kind: str) -> None:
    form = forms.get(kind)
    assert issubclass(form.result, Preparation)
    assert form.result.__module__.startswith("ldncalc.preparations.")
    assert form.result.model_fields["kind"].default == kind
    assert type(form.calculate(**INPUTS[kind])) is form.result


def test_the_results_are_the_registered_forms_in_registration_order() -> None:
    assert tuple(t.model_fields["kind"].default for t in forms.result_types()) == forms.kinds()
    # the names that lived in ldncalc.models still name the same classes
    from ldncalc import models

    assert models.LiquidResult is ldncalc.LiquidResult is forms.get("liquid").result
    assert models.CapsuleResult is ldncalc.CapsuleResult is forms.get("capsule").result
    assert models.DropsResult is forms.get("drops").result
    assert models.CreamResult is forms.get("cream").result
    assert models.ApiLiquidResult is forms.get("liquid-api").result
    assert models.Result == forms.result_union()
    assert typing.get_args(models.Result) == forms.result_types()
    with pytest.raises(AttributeError, match=r"^module 'ldncalc.models' has no attribute 'Nope'$"):
        models.Nope  # type: ignore[attr-defined]  # noqa: B018


def test_a_new_form_is_its_own_module_and_record_plus_one_registry_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """tests/syrup_form.py is a form as a new one is written: its module, its result class
    (SyrupResult), its record (written here); registering it is one REGISTRY line."""
    record = (builtin_folder() / "ldn-liquid-water.toml").read_text(encoding="utf-8")
    for line, mine in (("id = ", 'id = "my-syrup"'), ("kind = ", 'kind = "syrup"')):
        (found,) = [x for x in record.splitlines() if x.startswith(line)]
        record = record.replace(found, mine)
    (tmp_path / "my-syrup.toml").write_text(record, encoding="utf-8")
    inputs = {"target": "4.5mg", "days": 14, "formulation": "my-syrup"}
    with pytest.raises(FormulationError, match="kind: Input should be 'liquid'"):
        load(tmp_path)  # no form makes syrups yet

    monkeypatch.setitem(forms.REGISTRY, "syrup", "syrup_form:FORM")  # the one line

    form = forms.get("syrup")
    result = form.calculate(**inputs, formulations_dir=tmp_path)
    # 4.5 mg × 14 days = 63 mg ÷ 50 mg a tablet = 1.26 → 2 tablets; 2 × 50 mg = 100 mg at
    # 1 mg/mL (the record's default) = 100 mL; a dose 4.5 mg ÷ 1 mg/mL = 4.5 mL
    assert (result.kind, result.tablets) == ("syrup", 2)  # type: ignore[attr-defined]
    assert result.final_volume == Quantity(100, "mL")  # type: ignore[attr-defined]
    assert form.dose_amounts(result) == (Quantity(4.5, "mL"), Quantity(4.5, MG))
    assert form.supply(result).dispensed == Quantity(100, "mL")
    # its record passes `formulations check` with the rest
    assert main(["formulations", "check", str(tmp_path)]) == 0
    capsys.readouterr()
    # JSON read back, as every form's: the registry's validator, ldncalc.models.Result, the schema
    text = result.model_dump_json()
    assert forms.result_adapter().validate_json(text) == result
    from ldncalc import models

    assert TypeAdapter(models.Result).validate_json(text) == result
    assert "SyrupResult" in result_schema()["$defs"]
    # and from the compounding log, as `ldncalc log reprint` reads it
    details = prescription(patient="Jane Doe", rx="1234567", lot="S1", date="2026-11-22")
    with log.open_log(str(tmp_path / "log.sqlite3")) as book:
        log.register(book, result, details, prepared_by="A. Martin")
        _, entries = log.show(book, "S1")
    assert forms.result_adapter().validate_python(entries[0].body["result"]) == result


def test_the_results_follow_the_registry_as_it_stands(monkeypatch: pytest.MonkeyPatch) -> None:
    five = forms.result_types()
    assert len(five) == 5
    with pytest.raises(ValidationError):
        forms.result_adapter().validate_python({"kind": "syrup"})
    monkeypatch.setitem(forms.REGISTRY, "syrup", "syrup_form:FORM")
    assert forms.result_types()[:5] == five
    assert forms.result_types()[5].__name__ == "SyrupResult"
    monkeypatch.undo()  # as it was: the validator built for the five forms is used again
    assert forms.result_types() == five
    with pytest.raises(ValidationError):
        forms.result_adapter().validate_python({"kind": "syrup"})


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


def test_the_registry_entry_gives_the_command_and_default_records(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # what a form needs outside its module is its one entry: its command (ldncalc/cli/<command>.py)
    # and the record used when none is named, by source (the first: the default source)
    from ldncalc.cli import FORM_COMMANDS

    assert forms.commands() == FORM_COMMANDS == ("liquid", "capsule", "drops", "cream")
    assert forms.default_record("capsule", None) == "ldn-capsule-api-mcc"
    assert forms.default_record("capsule", "tablets") == "ldn-capsule-tablets-mcc"
    assert forms.default_record("liquid-api", None) == "ldn-liquid-api-water"
    assert forms.default_records() == DEFAULT_IDS
    # a form registered as "module:attribute" alone names no record: one must be named
    monkeypatch.setitem(forms.REGISTRY, "syrup", "syrup_form:FORM")
    assert forms.entry("syrup") == forms.Registered("syrup_form:FORM")
    with pytest.raises(ldncalc.InputError) as refused:
        load().pick(None, "syrup", None)
    assert str(refused.value) == 'formulation=: is required; write e.g. formulation="ID"'
