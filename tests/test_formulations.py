"""Formulations as data (issue 2 §3): the built-in records and catalogs against docs/basis.md,
``ldncalc formulations list/show/check``, a pharmacy's own folder (new records, a replaced
built-in, its own syringes), and errors that name the file, the field and the problem."""

from __future__ import annotations

import json
import os
import resource
import shlex
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from pint.testing import assert_equal

from ldncalc import FormulationError, Quantity, UnsafeInputError, capsule, liquid, load
from ldncalc.cli import main
from ldncalc.formulations import Formulation, Spare, builtin_folder, read_formulation
from ldncalc.limits import CEILINGS, FLOORS, Limits
from ldncalc.titration.protocols import load_protocols

DATA = Path(__file__).parent / "data"
PHARMACY = DATA / "pharmacy"  # a new capsule record and a replacement ldn-liquid-water
SYRINGES = DATA / "syringes"  # catalogs/syringes.toml: a 1 mL syringe trusted from 0.2 mL

BUILTIN_IDS = {
    "ldn-liquid-water",
    "ldn-liquid-preserved",
    "ldn-capsule-api-mcc",
    "ldn-capsule-tablets-mcc",
    "ldn-drops-water",  # issue 14: sublingual drops
    "ldn-cream-xematop",  # issue 14: the USP compounded cream
    "ldn-liquid-api-water",  # issue 14: liquids from API powder
    "ldn-liquid-api-preserved",
}


def run(argv: str | list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(shlex.split(argv) if isinstance(argv, str) else argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def flat(text: str) -> str:
    return " ".join(text.split())


def mg_per_ml(value: str) -> Quantity:
    return Quantity(Decimal(value), "milligram/milliliter")


# --------------------------------------------------------------------------------------------
# The built-in records and catalogs, checked against docs/basis.md
# --------------------------------------------------------------------------------------------


def test_every_builtin_record_loads() -> None:
    library = load()
    assert set(library.formulations) == BUILTIN_IDS
    for record in library.formulations.values():
        assert record.builtin
        assert Path(record.path).is_file()
        assert record.references
        assert record.method
        assert record.bud.references


@pytest.mark.parametrize("path", sorted(builtin_folder().glob("*.toml")), ids=lambda p: p.name)
def test_every_builtin_file_validates_on_its_own(path: Path) -> None:
    record = read_formulation(path)
    assert record.id == path.stem  # one record a file, named after its id


@pytest.mark.parametrize("path", sorted(builtin_folder().glob("*.toml")), ids=lambda p: p.name)
def test_every_builtin_record_states_its_dose_range(path: Path) -> None:
    # issue 2 §3: each record holds its dose range (docs/basis.md §2: 1 mcg to 10 mg)
    import tomllib

    stated = tomllib.loads(path.read_text(encoding="utf-8"))["limits"]
    # drops narrow it (issue 14): a microgram dose in drops is a concentration too low to
    # weigh for in a batch of a dropper bottle's size (docs/basis.md §9)
    assert stated == {
        "dose_minimum": "0.1mg" if path.name.startswith("ldn-drops-") else "1mcg",
        "dose_maximum": "10mg",
        "dose_warn_below": "0.5mg",
        "dose_warn_above": "4.5mg",
    }


@pytest.mark.parametrize(
    ("record_id", "days", "category", "storage"),
    [
        # USP <795> (2023): aqueous nonpreserved 14 days refrigerated; preserved 35 days;
        # nonaqueous solids (capsules) 180 days.
        ("ldn-liquid-water", 14, "aqueous-nonpreserved", "refrigerate"),
        ("ldn-liquid-preserved", 35, "aqueous-preserved", "refrigerate"),
        ("ldn-capsule-api-mcc", 180, "nonaqueous-solid", "room-temperature"),
        ("ldn-capsule-tablets-mcc", 180, "nonaqueous-solid", "room-temperature"),
    ],
)
def test_builtin_buds_are_the_usp_795_defaults(
    record_id: str, days: int, category: str, storage: str
) -> None:
    bud = load().get(record_id).bud
    assert (bud.days, bud.category, bud.storage) == (days, category, storage)
    assert any("USP <795>" in ref for ref in bud.references)


def test_preserved_liquid_is_the_fawcett_1997_formula() -> None:
    # Fawcett, Morgan, Woods, Ann Pharmacother 1997;31:1291-5, per 100 mL
    record = load().get("ldn-liquid-preserved")
    assert_equal(record.per, Quantity(Decimal(100), "milliliter"))
    amounts = {i.name: (i.mass if i.mass is not None else i.volume) for i in record.ingredients}
    assert_equal(amounts["Ascorbic acid"], Quantity(Decimal("0.5"), "gram"))
    assert_equal(amounts["Sodium benzoate"], Quantity(Decimal("0.1"), "gram"))
    assert_equal(amounts["Glycerol"], Quantity(Decimal(20), "milliliter"))
    assert any("Fawcett" in ref for ref in record.bud.references)
    assert any("Fawcett" in ref for ref in record.references)


@pytest.mark.parametrize("record_id", ["ldn-liquid-water", "ldn-liquid-preserved"])
def test_liquids_list_the_concentrations_in_common_use(record_id: str) -> None:
    # docs/basis.md §3: 0.5, 1 (most used) and 5 mg/mL; 50 mg tablets
    record = load().get(record_id)
    assert record.concentration is not None
    assert_equal(record.concentration.default, mg_per_ml("1"))
    listed = {c.to("milligram/milliliter").magnitude for c in record.concentration.listed}
    assert {Decimal("0.5"), Decimal(1), Decimal(5)} <= listed
    assert record.tablet_strength is not None
    assert_equal(record.tablet_strength, Quantity(Decimal(50), "milligram"))
    assert {"Shake well", "Protect from light"} <= set(record.auxiliary_labels)


@pytest.mark.parametrize(
    ("size", "volume_ml"),
    # UNC Pharmlabs gelatin capsule page (docs/basis.md §4)
    [
        ("000", "1.37"),
        ("00", "0.95"),
        ("0", "0.68"),
        ("1", "0.5"),
        ("2", "0.37"),
        ("3", "0.3"),
        ("4", "0.2"),
        ("5", "0.13"),
    ],
)
def test_capsule_size_catalog_is_the_unc_table(size: str, volume_ml: str) -> None:
    found = load().catalog.capsule_size(size)
    assert found is not None
    assert_equal(found.volume, Quantity(Decimal(volume_ml), "milliliter"))


@pytest.mark.parametrize(
    ("form", "molar_mass"),
    [("hcl", "377.86"), ("hcl-dihydrate", "413.89"), ("base", "341.4")],
)
def test_api_form_catalog_molar_masses(form: str, molar_mass: str) -> None:
    # docs/basis.md §1: USP 28 / DailyMed; derived 377.86 + 2 × 18.015; PubChem
    found = load().catalog.api_form(form)
    assert found is not None
    assert_equal(found.molar_mass, Quantity(Decimal(molar_mass), "gram/mole"))


def test_filler_catalog_densities_and_avoided_fillers() -> None:
    catalog = load().catalog
    mcc = catalog.filler("mcc")
    assert mcc is not None
    assert not mcc.avoid
    # Avicel PH-102 loose bulk density 0.28–0.33 g/mL
    assert mg_per_ml("280") <= mcc.bulk_density <= mg_per_ml("330")
    ph301 = catalog.filler("mcc-ph301")
    assert ph301 is not None
    assert mg_per_ml("340") <= ph301.bulk_density <= mg_per_ml("450")
    lactose = catalog.filler("lactose")
    assert lactose is not None
    assert lactose.caution
    assert not lactose.avoid
    for avoided in ("calcium-carbonate", "methylcellulose"):
        filler = catalog.filler(avoided)
        assert filler is not None
        assert filler.avoid


@pytest.mark.parametrize(
    ("capacity", "graduation"),
    # docs/basis.md §7: 1 mL 0.01 mL; 3 mL 0.1 mL; 5 mL 0.2 mL (0.1 on some); 10 mL 0.2 mL
    [("1", "0.01"), ("3", "0.1"), ("5", "0.2"), ("5", "0.1"), ("10", "0.2")],
)
def test_syringe_catalog_graduations(capacity: str, graduation: str) -> None:
    pairs = {
        (s.capacity.to("milliliter").magnitude, s.graduation.to("milliliter").magnitude)
        for s in load().catalog.syringes
    }
    assert (Decimal(capacity), Decimal(graduation)) in pairs


# --------------------------------------------------------------------------------------------
# ldncalc formulations list / show / check
# --------------------------------------------------------------------------------------------


def test_formulations_list_shows_every_builtin(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run("formulations list", capsys)
    assert (code, err) == (0, "")
    for record_id in BUILTIN_IDS:
        line = next(line for line in out.splitlines() if line.startswith(record_id + " "))
        assert "built-in" in line


def test_formulations_show_prints_the_whole_record(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run("formulations show ldn-liquid-preserved", capsys)
    assert (code, err) == (0, "")
    screen = flat(out)
    assert "Fawcett" in screen
    assert "35 days" in screen
    assert "0.5 g Ascorbic acid" in screen
    assert "20 mL Glycerol" in screen
    assert "ldn-liquid-preserved.toml" in screen
    assert "Doses 1 mcg to 10 mg (a warning below 0.5 mg and above 4.5 mg)" in screen


# s5 review: the cream's record showed "a warning below 0.5 mg and above 4.5 mg", which the
# cream never gives: it shows the limits it applies. 1 g of 10 mg/g = 10 mg an application,
# the monograph's own dose, is inside them and not warned.
def test_the_cream_record_shows_the_limits_the_cream_applies(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run("formulations show ldn-cream-xematop", capsys)
    assert code == 0
    assert (
        "Doses at most 10 mg of naltrexone HCl an application and a day, from at least 0.1 g of "
        "cream (no usual-dose warning: 0.5 mg to 4.5 mg is an oral dose)"
    ) in flat(out)
    _, out, _ = run("cream --strength 10mg/g --quantity 30g --dose 1g --json", capsys)
    data = json.loads(out)
    assert (data["dose_drug"], data["warnings"]) == ({"value": 10, "unit": "mg"}, [])


def test_formulations_show_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run("formulations show ldn-capsule-api-mcc --json", capsys)
    assert code == 0
    data = json.loads(out)
    assert data["id"] == "ldn-capsule-api-mcc"
    assert data["bud"]["days"] == 180
    assert data["capsule"]["filler"] == "mcc"


def test_formulations_check_accepts_a_valid_pharmacy_folder(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(["formulations", "check", str(PHARMACY)], capsys)
    assert (code, err) == (0, "")
    assert "ok      ldn-liquid-water.toml" in out
    assert "ok      pharmacy-capsule-ph301.toml" in out
    assert "9 formulations in effect" in out  # 8 built-in (4 since issue 14) + 1


# --------------------------------------------------------------------------------------------
# A pharmacy's own folder
# --------------------------------------------------------------------------------------------


def test_pharmacy_folder_adds_a_record(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["formulations", "list", "--formulations-dir", str(PHARMACY)], capsys)
    assert code == 0
    line = next(x for x in out.splitlines() if x.startswith("pharmacy-capsule-ph301 "))
    assert str(PHARMACY / "pharmacy-capsule-ph301.toml") in line
    # used by id: size 0 (0.68 mL) × PH-301 395 mg/mL = 268.6 mg; batch 30 + 2 = 32;
    # API 4.5 × 32 = 144 mg; filler 32 × 268.6 − 144 = 8,451.2 mg; BUD 90 days
    result = capsule(
        strength="4.5mg",
        quantity=30,
        formulation="pharmacy-capsule-ph301",
        formulations_dir=PHARMACY,
    )
    assert result.formulation.id == "pharmacy-capsule-ph301"
    assert result.formulation.version == 3
    assert not result.formulation.builtin
    assert result.formulation.path == str(PHARMACY / "pharmacy-capsule-ph301.toml")
    assert (result.capsule_size, result.batch) == ("0", 32)
    assert_equal(result.fill_weight, Quantity(Decimal("268.6"), "milligram"))
    assert_equal(result.filler_weight, Quantity(Decimal("8451.2"), "milligram"))
    assert result.bud.days == 90
    assert (
        str(result.bud.basis)
        == "90 days, shorter than USP <795> (2023): nonaqueous solid (capsules), 180 days"
    )


def test_pharmacy_record_with_a_builtin_id_replaces_it_on_the_command_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(
        ["liquid", "--target", "4.5mg", "--formulations-dir", str(PHARMACY), "--json"], capsys
    )
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["formulation"]["path"] == str(PHARMACY / "ldn-liquid-water.toml")
    assert data["formulation"]["builtin"] is False
    assert data["bud"]["days"] == 7
    code, out, _ = run(["liquid", "--target", "4.5mg", "--formulations-dir", str(PHARMACY)], capsys)
    assert "(pharmacy record)" in out


def test_pharmacy_record_with_a_builtin_id_replaces_it_and_is_named_in_the_result() -> None:
    result = liquid(target="4.5mg", formulations_dir=PHARMACY)
    assert result.formulation.id == "ldn-liquid-water"
    assert result.formulation.version == 2
    assert not result.formulation.builtin
    assert result.formulation.path == str(PHARMACY / "ldn-liquid-water.toml")
    # its 7-day BUD: 4.5 mL × 7 = 31.5 mL + 4.5 mL spare = 36 mg → 1 tablet → 50 mL → 10 doses
    # with the spare (45 mL + 4.5 mL ≤ 50 mL) > 7 → 3 discarded
    assert result.bud.days == 7
    assert result.doses == 10
    assert result.days_supply == 7
    assert any("3 doses will be discarded" in str(w) for w in result.warnings)


def test_pharmacy_folder_from_the_environment_variable(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LDNCALC_FORMULATIONS", str(PHARMACY))
    result = liquid(target="4.5mg")
    assert result.formulation.path == str(PHARMACY / "ldn-liquid-water.toml")
    code, out, _ = run("liquid --target 4.5mg --json", capsys)
    assert code == 0
    assert json.loads(out)["formulation"]["path"] == str(PHARMACY / "ldn-liquid-water.toml")
    code, out, _ = run("formulations list", capsys)
    assert "pharmacy-capsule-ph301" in out


def test_the_builtin_record_is_used_again_without_the_folder() -> None:
    result = liquid(target="4.5mg")
    assert result.formulation.builtin
    assert result.bud.days == 14


def test_pharmacy_syringe_catalog_replaces_a_syringe_by_name() -> None:
    # built-in 1 mL syringe measures from 0.1 mL: 0.1 mg at 1 mg/mL = 0.1 mL is measured
    # (with a warning: below the 0.2 mL it measures reliably)
    builtin = liquid(target="0.1mg", concentration="1mg/mL")
    assert_equal(builtin.dose_volume, Quantity(Decimal("0.1"), "milliliter"))
    # the pharmacy's 1 mL syringe measures from 0.2 mL: 0.1 mL is not measurable, so the
    # listed 0.5 mg/mL is chosen (0.2 mL) and the note says so
    own = liquid(target="0.1mg", formulations_dir=SYRINGES)
    assert_equal(own.concentration, mg_per_ml("0.5"))
    assert_equal(own.dose_volume, Quantity(Decimal("0.2"), "milliliter"))
    assert own.notes
    names = [s.name for s in load(SYRINGES).catalog.syringes]
    assert names.count("1 mL oral syringe") == 1
    (one_ml,) = [s for s in load(SYRINGES).catalog.syringes if s.name == "1 mL oral syringe"]
    assert_equal(one_ml.minimum, Quantity(Decimal("0.2"), "milliliter"))


def test_pharmacy_syringe_catalog_refusal_names_its_minimum() -> None:
    with pytest.raises(UnsafeInputError) as raised:
        liquid(target="0.1mg", concentration="1mg/mL", formulations_dir=SYRINGES)
    assert "below the 0.2 mL a 1 mL oral syringe measures" in str(raised.value)


# --------------------------------------------------------------------------------------------
# Invalid files: the file, the field and the problem
# --------------------------------------------------------------------------------------------


def builtin_text(record_id: str) -> str:
    return (builtin_folder() / f"{record_id}.toml").read_text(encoding="utf-8")


def replace_line(text: str, start: str, new: str) -> str:
    """``text`` with the (one) line that starts with ``start`` replaced by ``new`` (the
    record's own, not its translation's in the ``[fr]`` table)."""
    lines = text.splitlines()
    table, own = "", []
    for i, line in enumerate(lines):
        table = line if line.startswith("[") else table
        if line.startswith(start) and not table.startswith("[fr"):
            own.append(i)
    matches = own
    assert len(matches) == 1, (start, matches)
    lines[matches[0]] = new
    return "\n".join(lines) + "\n"


def own_copy(record_id: str, **replacements: str) -> str:
    """A built-in record renamed ``my-…``, with lines replaced (key → new line, or "" to drop)."""
    text = replace_line(builtin_text(record_id), "id = ", f'id = "my-{record_id}"')
    for start, new in replacements.items():
        text = replace_line(text, start, new)
    return text


INVALID = [
    # (case, built-in to start from, line replacements, field, problem)
    ("bad-toml", None, {}, None, "is not valid TOML"),
    (
        "missing-field",
        "ldn-liquid-water",
        {"container = ": ""},
        "container",
        "Field required",
    ),
    (
        "unknown-field",
        "ldn-liquid-water",
        {"equipment = ": 'equipement = ["Mortar and pestle"]'},
        "equipement",
        "Extra inputs are not permitted",
    ),
    (
        "wrong-unit",
        "ldn-liquid-water",
        {"tablet_strength = ": 'tablet_strength = "50 cc"'},
        "tablet_strength",
        '"50 cc" uses "cc"',
    ),
    (
        "bud-above-usp-795",
        "ldn-liquid-water",
        {"days = ": "days = 30"},
        "bud",
        "30 days exceeds the USP <795> maximum of 14 days",
    ),
    (
        "nonpreserved-room-temperature",
        "ldn-liquid-water",
        {"storage = ": 'storage = "room-temperature"'},
        "bud",
        "must be stored: refrigerate",
    ),
    (
        # a water suspension dated as a solid: 180 days instead of 14 (USP <795>,
        # docs/basis.md §5: the category is the dosage form's)
        "liquid-dated-as-a-solid",
        "ldn-liquid-water",
        {"category = ": 'category = "nonaqueous-solid"', "days = ": "days = 180"},
        "bud.category",
        '"nonaqueous-solid" does not fit a liquid: use "aqueous-nonpreserved" or '
        '"aqueous-preserved", or "nonaqueous-liquid" with the measured bud.water_activity '
        "below 0.6 (USP <795>)",
    ),
    (
        "capsule-dated-as-a-liquid",
        "ldn-capsule-api-mcc",
        {"category = ": 'category = "aqueous-preserved"', "days = ": "days = 35"},
        "bud.category",
        '"aqueous-preserved" does not fit a capsule: USP <795> dates capsules as nonaqueous '
        'solids; use category = "nonaqueous-solid"',
    ),
    (
        "nonaqueous-liquid-without-water-activity",
        "ldn-liquid-water",
        {"category = ": 'category = "nonaqueous-liquid"'},
        "bud.category",
        '"nonaqueous-liquid" needs the liquid\'s measured water activity: give '
        "bud.water_activity, below 0.6 (USP <795>)",
    ),
    (
        "water-activity-of-an-aqueous-liquid",
        "ldn-liquid-water",
        {
            "category = ": 'category = "nonaqueous-liquid"\nwater_activity = 0.98',
            "storage = ": 'storage = "room-temperature"',
        },
        "bud",
        'category "nonaqueous-liquid" contradicts water_activity 0.98: USP <795> counts 0.6 '
        "or more as aqueous; use an aqueous category",
    ),
    (
        "default-not-listed",
        "ldn-liquid-preserved",
        {"default = ": 'default = "2mg/mL"'},
        "concentration",
        "default must be one of the listed concentrations",
    ),
    (
        "capsule-size-not-in-catalog",
        "ldn-capsule-api-mcc",
        {"size = ": 'size = "7"'},
        "capsule.size",
        "is not in the capsule catalog",
    ),
    (
        "avoided-filler",
        "ldn-capsule-api-mcc",
        {"filler = ": 'filler = "calcium-carbonate"'},
        "capsule.filler",
        "must not be used: calcium carbonate is reported to reduce naltrexone absorption",
    ),
]


def write_invalid(folder: Path, case: str, start: str | None, changes: dict[str, str]) -> Path:
    path = folder / f"{case}.toml"
    text = 'id = "unterminated\n' if start is None else own_copy(start, **changes)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("case", "start", "changes", "field", "problem"), INVALID, ids=[c[0] for c in INVALID]
)
def test_an_invalid_file_is_refused_naming_the_file_the_field_and_the_problem(
    tmp_path: Path,
    case: str,
    start: str | None,
    changes: dict[str, str],
    field: str | None,
    problem: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = write_invalid(tmp_path, case, start, changes)
    # loading it for a calculation
    with pytest.raises(FormulationError) as raised:
        liquid(target="4.5mg", formulations_dir=tmp_path)
    message = str(raised.value)
    assert str(path) in message
    if field is not None:
        assert field in message
    assert problem in message
    # the same through the command line: one line, exit 2
    code, out, err = run(
        ["liquid", "--target", "4.5mg", "--formulations-dir", str(tmp_path)], capsys
    )
    assert (code, out) == (2, "")
    assert err == f"ldncalc: {message}\n"
    # and `formulations check` lists it
    code, out, err = run(["formulations", "check", str(tmp_path)], capsys)
    assert code == 2
    (line,) = [x for x in out.splitlines() if x.startswith("INVALID")]
    assert f"{path.name}: " in line
    if field is not None:
        assert field in line
    assert problem in line
    assert err.startswith(f"ldncalc: {tmp_path}: has 1 invalid file(s) of 1")


def test_a_longer_bud_with_cited_evidence_is_accepted(tmp_path: Path) -> None:
    # USP <795>: a longer BUD needs preparation-specific evidence (here, Fawcett 1997: 60 days
    # at 4 °C for the preserved formula)
    text = own_copy("ldn-liquid-preserved", **{"days = ": "days = 60"})
    text = text.replace(
        'category = "aqueous-preserved"',
        'category = "aqueous-preserved"\nevidence = "Fawcett 1997: 60 days at 4 °C, amber"',
    )
    (tmp_path / "long.toml").write_text(text, encoding="utf-8")
    result = liquid(
        target="4.5mg", formulation="my-ldn-liquid-preserved", formulations_dir=tmp_path
    )
    assert result.bud.days == 60
    assert "Fawcett" in str(result.bud.basis)


def test_a_nonaqueous_liquid_with_its_water_activity_is_accepted(tmp_path: Path) -> None:
    # USP <795> (docs/basis.md §5): an oral liquid with aw below 0.6 may have 90 days
    text = own_copy(
        "ldn-liquid-water",
        **{
            "category = ": 'category = "nonaqueous-liquid"\nwater_activity = 0.5',
            "days = ": "days = 90",
            "storage = ": 'storage = "room-temperature"',
        },
    )
    (tmp_path / "oil.toml").write_text(text, encoding="utf-8")
    result = liquid(target="4.5mg", formulation="my-ldn-liquid-water", formulations_dir=tmp_path)
    assert (result.bud.days, result.bud.category) == (90, "nonaqueous-liquid")


def test_formulations_check_lists_every_problem_of_every_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record_level = [c for c in INVALID if not c[3] or "." not in c[3]]
    for case, start, changes, _, _ in record_level:
        write_invalid(tmp_path, case, start, changes)
    # one file with two problems: both are listed
    two = own_copy(
        "ldn-liquid-water",
        **{"container = ": "", "equipment = ": 'equipement = ["Mortar"]'},
    )
    (tmp_path / "two-problems.toml").write_text(two, encoding="utf-8")
    shutil.copy(PHARMACY / "pharmacy-capsule-ph301.toml", tmp_path)
    code, out, err = run(["formulations", "check", str(tmp_path)], capsys)
    assert code == 2
    invalid = [x for x in out.splitlines() if x.startswith("INVALID")]
    for case, *_ in record_level:
        assert any(f"{case}.toml: " in line for line in invalid), case
    two_lines = [x for x in invalid if "two-problems.toml" in x]
    assert any("container" in x for x in two_lines)
    assert any("equipement" in x for x in two_lines)
    assert "ok      pharmacy-capsule-ph301.toml" in out
    n = len(record_level) + 1
    assert err == (
        f"ldncalc: {tmp_path}: has {n} invalid file(s) of {n + 1}; fix the problems listed above\n"
    )


def test_formulations_check_lists_catalog_problems_alongside_broken_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for case, start, changes, _, _ in INVALID:
        if case in ("bad-toml", "capsule-size-not-in-catalog", "avoided-filler"):
            write_invalid(tmp_path, case, start, changes)
    code, out, _ = run(["formulations", "check", str(tmp_path)], capsys)
    assert code == 2
    assert "is not valid TOML" in out
    assert "capsule.size" in out
    assert "capsule.filler" in out


# A record's kind is one a registered dosage form makes (ldncalc.forms.kinds()); the message
# names them in registration order, in the words a closed list of choices always had.
KIND_REFUSED = {
    "en": "kind: Input should be 'liquid', 'capsule', 'drops', 'cream' or 'liquid-api'",
    "fr": "kind: doit être 'liquid', 'capsule', 'drops', 'cream' ou 'liquid-api'",
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_record_of_a_kind_no_form_makes_is_refused_naming_the_kinds(
    tmp_path: Path, lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "my-syrup.toml"
    path.write_text(own_copy("ldn-liquid-water", **{"kind = ": 'kind = "syrup"'}), "utf-8")
    expected = f"{path}: {KIND_REFUSED[lang]}"
    if lang == "en":  # loading it for a calculation (the library's words are English)
        with pytest.raises(FormulationError) as raised:
            liquid(target="4.5mg", formulations_dir=tmp_path)
        assert str(raised.value) == expected
    argv = ["liquid", "--target", "4.5mg", "--formulations-dir", str(tmp_path), "--lang", lang]
    assert run(argv, capsys) == (2, "", f"ldncalc: {expected}\n")
    code, out, _ = run(["formulations", "check", str(tmp_path), "--lang", lang], capsys)
    invalid = "INVALID" if lang == "en" else "INVALIDE"
    space = "" if lang == "en" else " "  # French sets a space before a colon
    assert (code, out) == (2, f"{invalid} my-syrup.toml{space}: {KIND_REFUSED[lang]}\n")


def test_a_record_or_catalog_that_is_not_utf8_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # review: a UnicodeDecodeError was an internal error (exit 70)
    record = tmp_path / "mine.toml"
    record.write_bytes(own_copy("ldn-liquid-water").encode("utf-16"))
    code, out, err = run(
        ["liquid", "--target", "4.5mg", "--formulations-dir", str(tmp_path)], capsys
    )
    assert (code, out) == (2, "")
    assert err == (
        f"ldncalc: {record}: is not UTF-8 text (it looks like UTF-16); save it as UTF-8\n"
    )
    (tmp_path / "catalogs").mkdir()
    (tmp_path / "catalogs" / "fillers.toml").write_bytes(b'source = "Caf\xe9"\n')
    code, out, _ = run(["formulations", "check", str(tmp_path)], capsys)
    assert code == 2
    assert (
        f"INVALID {tmp_path / 'catalogs' / 'fillers.toml'}: is not UTF-8 text (byte 0xE9 on line 1)"
        in out
    )
    assert "INVALID mine.toml: is not UTF-8 text (it looks like UTF-16)" in out


def test_an_invalid_pharmacy_catalog_names_its_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "catalogs").mkdir()
    path = tmp_path / "catalogs" / "syringes.toml"
    path.write_text(
        '[[syringe]]\nname = "2 mL oral syringe"\ncapacity = "2cc"\n'
        'graduation = "0.1mL"\nminimum = "0.4mL"\n',
        encoding="utf-8",
    )
    with pytest.raises(FormulationError) as raised:
        liquid(target="4.5mg", formulations_dir=tmp_path)
    assert str(path) in str(raised.value)
    assert "capacity" in str(raised.value)
    assert '"2cc"' in str(raised.value)
    code, out, err = run(["formulations", "check", str(tmp_path)], capsys)
    assert code == 2
    assert "syringes.toml" in out + err


def test_a_syringe_whose_minimum_exceeds_its_capacity_is_refused(tmp_path: Path) -> None:
    (tmp_path / "catalogs").mkdir()
    (tmp_path / "catalogs" / "syringes.toml").write_text(
        '[[syringe]]\nname = "1 mL oral syringe"\ncapacity = "1mL"\n'
        'graduation = "0.01mL"\nminimum = "2mL"\n',
        encoding="utf-8",
    )
    with pytest.raises(FormulationError) as raised:
        load(tmp_path)
    assert "syringes.toml" in str(raised.value)
    assert "minimum" in str(raised.value)


# --------------------------------------------------------------------------------------------
# A folder is untrusted input (issue 9 §8): only regular files, at most 1 MB, TOML the parser
# can take, the right table shapes, each id once a folder, ceilings that stay ceilings, and
# text without control characters
# --------------------------------------------------------------------------------------------


def refused(folder: Path, expected: str, capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    """``expected`` is the library's error and the command line's one line (exit 2) for
    ``folder``; returns what ``formulations check`` printed (exit 2) on stdout and stderr."""
    with pytest.raises(FormulationError) as raised:
        liquid(target="4.5mg", formulations_dir=folder)
    assert str(raised.value) == expected
    code, out, err = run(["liquid", "--target", "4.5mg", "--formulations-dir", str(folder)], capsys)
    assert (code, out, err) == (2, "", f"ldncalc: {expected}\n")
    code, out, err = run(["formulations", "check", str(folder)], capsys)
    assert code == 2
    return out, err


def in_subprocess(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh Python with a time and memory limit: a regression that waits
    on a FIFO or reads /dev/zero fails this test instead of hanging or starving the suite."""

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))

    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=limit_memory,
        env={**os.environ, **env},
        check=False,
    )


CLI_LIQUID = (
    "import sys; from ldncalc.cli import main; "
    "sys.exit(main(['liquid', '--target', '4.5mg', '--formulations-dir', sys.argv[1]]))"
)
CLI_CHECK = (
    "import sys; from ldncalc.cli import main; "
    "sys.exit(main(['formulations', 'check', sys.argv[1]]))"
)
LIBRARY_LIQUID = (
    "import sys, ldncalc\n"
    "try:\n"
    "    ldncalc.liquid(target='4.5mg', formulations_dir=sys.argv[1])\n"
    "except ldncalc.FormulationError as error:\n"
    "    print(error)\n"
)


def run_isolated(code: str, folder: Path) -> subprocess.CompletedProcess[str]:
    return in_subprocess(code.replace("sys.argv[1]", repr(str(folder))))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_in_the_folder_is_refused_at_once_not_waited_on(tmp_path: Path) -> None:
    # it hung every command: reading a FIFO waits for a writer that never comes
    fifo = tmp_path / "x.toml"
    os.mkfifo(fifo)
    expected = f"{fifo}: is not a regular file (it is a FIFO); use a regular .toml file"
    done = run_isolated(CLI_LIQUID, tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (2, "", f"ldncalc: {expected}\n")
    done = run_isolated(LIBRARY_LIQUID, tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (0, f"{expected}\n", "")
    done = run_isolated(CLI_CHECK, tmp_path)
    assert done.returncode == 2
    assert "INVALID x.toml: is not a regular file (it is a FIFO)\n" in done.stdout


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_link_to_dev_zero_is_refused_without_reading_it(tmp_path: Path) -> None:
    # it read until memory ran out
    (tmp_path / "catalogs").mkdir()
    link = tmp_path / "catalogs" / "zero.toml"
    link.symlink_to("/dev/zero")
    expected = f"{link}: is not a regular file (it is a device); use a regular .toml file"
    done = run_isolated(CLI_LIQUID, tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (2, "", f"ldncalc: {expected}\n")
    done = run_isolated(LIBRARY_LIQUID, tmp_path)
    assert (done.returncode, done.stdout) == (0, f"{expected}\n")


def test_a_link_to_a_regular_record_is_followed(tmp_path: Path) -> None:
    # a pharmacy may link a shared record into its folder: a link to a regular file is read
    elsewhere = tmp_path / "shared"
    elsewhere.mkdir()
    (elsewhere / "record.toml").write_text(own_copy("ldn-liquid-water"), encoding="utf-8")
    folder = tmp_path / "pharmacy"
    folder.mkdir()
    (folder / "linked.toml").symlink_to(elsewhere / "record.toml")
    assert "my-ldn-liquid-water" in load(folder).formulations


def test_a_file_over_one_megabyte_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = tmp_path / "big.toml"
    big.write_text(own_copy("ldn-liquid-water") + "#" * 1_000_000 + "\n", encoding="utf-8")
    expected = (
        f"{big}: is larger than 1,000,000 bytes: no record, catalog, protocol or profile is "
        "that large; check that it is the file meant"
    )
    refused(tmp_path, expected, capsys)


def test_a_file_of_exactly_one_megabyte_is_read(tmp_path: Path) -> None:
    text = own_copy("ldn-liquid-water")
    padded = text + "#" * (1_000_000 - len(text.encode()) - 1) + "\n"
    assert len(padded.encode()) == 1_000_000
    (tmp_path / "padded.toml").write_text(padded, encoding="utf-8")
    assert "my-ldn-liquid-water" in load(tmp_path).formulations


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        # Python's TOML parser recursed until RecursionError (exit 70)
        ("a = " + "[" * 5000 + "]" * 5000 + "\n", "is not valid TOML (nested too deep)"),
        ("a = " + "{b = " * 3000 + "1" + "}" * 3000 + "\n", "is not valid TOML (nested too deep)"),
        # and refused an integer of more than 4,300 digits with a ValueError (exit 70)
        (
            "version = " + "9" * 5000 + "\n",
            "is not valid TOML (a number of more than 4,300 digits)",
        ),
    ],
    ids=["nested-arrays", "nested-tables", "huge-integer"],
)
def test_what_the_toml_parser_cannot_take_is_a_file_error(
    tmp_path: Path, text: str, problem: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "hostile.toml"
    path.write_text(text, encoding="utf-8")
    out, _ = refused(tmp_path, f"{path}: {problem}", capsys)
    assert f"INVALID hostile.toml: {problem}\n" in out


SYRINGE = 'name = "2 mL oral syringe"\ncapacity = "2mL"\ngraduation = "0.1mL"\nminimum = "0.4mL"\n'


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        # [syringe] for [[syringe]] was an internal error (AttributeError, exit 70)
        ("[syringe]\n" + SYRINGE, "syringe: is one table [syringe]"),
        ('syringe = "2 mL oral syringe"\n', "syringe: is not a list of tables"),
        ("syringe = [1, 2]\n", "syringe: is not a list of tables"),
    ],
    ids=["single-table", "text", "numbers"],
)
def test_a_catalog_table_of_the_wrong_shape_names_file_and_table(
    tmp_path: Path, text: str, problem: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "catalogs").mkdir()
    path = tmp_path / "catalogs" / "syringes.toml"
    path.write_text(text, encoding="utf-8")
    expected = f"{path}: {problem}; write [[syringe]] above each entry, with two brackets"
    out, err = refused(tmp_path, expected, capsys)
    assert f"INVALID {expected}\n" in out
    assert err.startswith(f"ldncalc: {tmp_path}: has 1 invalid file(s) of 1;")


def test_a_record_id_in_two_files_of_a_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the second file (in name order) silently replaced the first
    (tmp_path / "a.toml").write_text(own_copy("ldn-liquid-water"), encoding="utf-8")
    text = own_copy("ldn-liquid-water", **{"days = ": "days = 7"})
    (tmp_path / "b.toml").write_text(text, encoding="utf-8")
    expected = (
        f'{tmp_path / "b.toml"}: id: "my-ldn-liquid-water" is also in {tmp_path / "a.toml"}; '
        "keep one of them: a folder defines each once"
    )
    out, _ = refused(tmp_path, expected, capsys)
    assert "ok      a.toml: my-ldn-liquid-water (liquid, tablets)\n" in out
    assert f'INVALID b.toml: id: "my-ldn-liquid-water" is also in {tmp_path / "a.toml"}\n' in out


def test_a_builtin_id_is_still_replaced_by_a_pharmacy_folder() -> None:
    # the override across folders is the feature; only two files of one folder are refused
    assert not load(PHARMACY).get("ldn-liquid-water").builtin


@pytest.mark.parametrize("same_file", [False, True], ids=["two-files", "one-file"])
def test_a_catalog_entry_given_twice_in_a_folder_is_refused(
    tmp_path: Path, same_file: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "catalogs").mkdir()
    first, second = tmp_path / "catalogs" / "a.toml", tmp_path / "catalogs" / "b.toml"
    if same_file:
        first.write_text(f"[[syringe]]\n{SYRINGE}\n[[syringe]]\n{SYRINGE}", encoding="utf-8")
        where, path = "twice in this file", first
    else:
        first.write_text(f"[[syringe]]\n{SYRINGE}", encoding="utf-8")
        second.write_text(f"[[syringe]]\n{SYRINGE}", encoding="utf-8")
        where, path = f"also in {first}", second
    expected = (
        f'{path}: syringe.name: "2 mL oral syringe" is {where}; '
        "keep one of them: a folder defines each once"
    )
    out, _ = refused(tmp_path, expected, capsys)
    assert f"INVALID {expected}\n" in out


def protocol_text(protocol_id: str, **replacements: str) -> str:
    text = (builtin_folder() / "protocols" / "ldnrt-weekly.toml").read_text(encoding="utf-8")
    text = replace_line(text, "id = ", f'id = "{protocol_id}"')
    for start, new in replacements.items():
        text = replace_line(text, start, new)
    return text


def test_a_protocol_id_in_two_files_of_a_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "protocols").mkdir()
    first, second = tmp_path / "protocols" / "a.toml", tmp_path / "protocols" / "b.toml"
    first.write_text(protocol_text("my-weekly"), encoding="utf-8")
    second.write_text(protocol_text("my-weekly", **{"target = ": 'target = "3mg"'}), "utf-8")
    expected = (
        f'{second}: id: "my-weekly" is also in {first}; keep one of them: a folder defines '
        "each once"
    )
    with pytest.raises(FormulationError) as raised:
        load_protocols(tmp_path)
    assert str(raised.value) == expected
    argv = ["titrate", "--protocol", "my-weekly", "--form", "capsule"]
    code, out, err = run([*argv, "--formulations-dir", str(tmp_path)], capsys)
    assert (code, out, err) == (2, "", f"ldncalc: {expected}\n")
    code, out, _ = run(["formulations", "check", str(tmp_path)], capsys)
    assert code == 2
    assert "ok      protocols/a.toml: my-weekly (liquid, capsule)\n" in out
    assert f'INVALID protocols/b.toml: id: "my-weekly" is also in {first}\n' in out


def test_formulations_check_covers_protocols(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # protocols/ was not checked at all: a broken protocol passed `formulations check`
    (tmp_path / "protocols").mkdir()
    (tmp_path / "protocols" / "good.toml").write_text(protocol_text("my-good"), "utf-8")
    bad = protocol_text("my-bad", **{"every = ": 'every = "7.5d"'})
    (tmp_path / "protocols" / "bad.toml").write_text(bad, encoding="utf-8")
    code, out, err = run(["formulations", "check", str(tmp_path)], capsys)
    assert code == 2
    assert out.splitlines() == [
        "INVALID protocols/bad.toml: (protocol): 7.5 days is not a whole number of days",
        "ok      protocols/good.toml: my-good (liquid, capsule)",
    ]
    assert err == (
        f"ldncalc: {tmp_path}: has 1 invalid file(s) of 2; fix the problems listed above\n"
    )
    (tmp_path / "protocols" / "bad.toml").unlink()
    code, out, _ = run(["formulations", "check", str(tmp_path)], capsys)
    assert code == 0
    assert out.splitlines()[-1] == "ok      8 formulations in effect with this folder"


def test_a_protocol_cannot_go_beyond_the_dose_range(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # checked only when used (naming --protocol with a dose of its own), and `formulations
    # check` passed it
    (tmp_path / "protocols").mkdir()
    path = tmp_path / "protocols" / "high.toml"
    path.write_text(protocol_text("my-high", **{"target = ": 'target = "30mg"'}), "utf-8")
    problem = f"(protocol): the dose 30 mg is outside ldncalc's 1 mcg to 10 mg{LOW_DOSE}"
    with pytest.raises(FormulationError) as raised:
        load_protocols(tmp_path)
    assert str(raised.value) == f"{path}: {problem}"
    code, out, _ = run(["formulations", "check", str(tmp_path)], capsys)
    assert code == 2
    assert f"INVALID protocols/high.toml: {problem}\n" in out


# (the line added to the record's [limits], the problem): every limit a record can set stays on
# the safe side of ldncalc's own (ldncalc/limits.py)
CEILING = "; a record may lower this limit, never raise it"
FLOOR = "; a record may raise this limit, never lower it"
LOW_DOSE = " (the low-dose range, docs/basis.md §2)"
SOLUBILITY = " (the solubility of naltrexone HCl in water, docs/basis.md §1)"
RAISED = [
    (
        'concentration_maximum = "1000mg/mL"',
        f"concentration_maximum: 1,000 mg/mL is above ldncalc's 100 mg/mL{SOLUBILITY}{CEILING}",
    ),
    ('dose_maximum = "50mg"', f"dose_maximum: 50 mg is above ldncalc's 10 mg{LOW_DOSE}{CEILING}"),
    ('dose_minimum = "0.1mcg"', f"dose_minimum: 0.1 mcg is below ldncalc's 1 mcg{LOW_DOSE}{FLOOR}"),
    ('dose_warn_above = "10mg"', f"dose_warn_above: 10 mg is above ldncalc's 4.5 mg{CEILING}"),
    ("quantity_maximum = 5000", f"quantity_maximum: 5,000 is above ldncalc's 1,000{CEILING}"),
    ("days_maximum = " + "9" * 40, f"days_maximum: is above ldncalc's 365{CEILING}"),
    ('assay_minimum = "80%"', f"assay_minimum: 80 % is below ldncalc's 90 %{FLOOR}"),
    (
        'weighing_error_maximum = "10%"',
        f"weighing_error_maximum: 10 % is above ldncalc's 5 %{CEILING}",
    ),
    ('balance_sensitivity = "1mg"', f"balance_sensitivity: 1 mg is below ldncalc's 6 mg{FLOOR}"),
    # 100 % left nothing to weigh: a division by zero (exit 70)
    (
        'crushing_loss_allowance = "100%"',
        f"crushing_loss_allowance: 100 % is above ldncalc's 50 %{CEILING}",
    ),
    (
        "doses_per_day_maximum = 0",
        "doses_per_day_maximum: Input should be greater than or equal to 1",
    ),
    ('dose_minimum = "5mg"\ndose_maximum = "4mg"', ": dose_minimum must not be above dose_maximum"),
]


@pytest.mark.parametrize(("line", "problem"), RAISED, ids=[r[0].split(" ")[0] for r in RAISED])
def test_a_record_may_narrow_a_limit_never_widen_it(
    tmp_path: Path, line: str, problem: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # a record with concentration_maximum = "1000mg/mL" passed the check and was used
    stated = ("dose_minimum = ", "dose_maximum = ", "dose_warn_below = ", "dose_warn_above = ")
    text = own_copy("ldn-liquid-water", **dict.fromkeys(stated, ""))
    path = tmp_path / "raised.toml"
    path.write_text(text + line + "\n", encoding="utf-8")
    problem = "limits" + ("" if problem.startswith(":") else ".") + problem
    out, _ = refused(tmp_path, f"{path}: {problem}", capsys)
    assert f"INVALID raised.toml: {problem.split(';')[0]}" in out


def test_a_record_above_the_solubility_limit_is_not_made(tmp_path: Path) -> None:
    # what the audit did: a record listing 200 mg/mL under a raised ceiling was used
    text = own_copy(
        "ldn-liquid-water",
        **{
            "listed = ": 'listed = ["1mg/mL", "200mg/mL"]',
            "maximum = ": 'maximum = "200mg/mL"',
        },
    )
    (tmp_path / "high.toml").write_text(
        text + 'concentration_maximum = "1000mg/mL"\n', encoding="utf-8"
    )
    with pytest.raises(FormulationError, match=r"limits\.concentration_maximum: 1,000 mg/mL"):
        liquid(
            target="4.5mg",
            concentration="200mg/mL",
            formulation="my-ldn-liquid-water",
            formulations_dir=tmp_path,
        )


def test_a_narrowed_limit_is_accepted_and_used(tmp_path: Path) -> None:
    text = own_copy("ldn-liquid-water", **{"dose_maximum = ": 'dose_maximum = "5mg"'})
    (tmp_path / "narrow.toml").write_text(text, encoding="utf-8")
    record = load(tmp_path).get("my-ldn-liquid-water")
    assert_equal(record.limits.dose_maximum, Quantity(Decimal(5), "milligram"))
    with pytest.raises(UnsafeInputError, match="is above 5 mg"):
        liquid(target="6mg", formulation="my-ldn-liquid-water", formulations_dir=tmp_path)


def test_every_limit_is_a_ceiling_or_a_floor() -> None:
    # a limit added to ldncalc/limits.py must say which way a record may move it
    assert set(CEILINGS) | set(FLOORS) == set(Limits.model_fields)
    assert not set(CEILINGS) & set(FLOORS)


def test_a_record_tablet_strength_stays_in_the_strengths_tablets_are_made_in(
    tmp_path: Path,
) -> None:
    text = own_copy("ldn-liquid-water", **{"tablet_strength = ": 'tablet_strength = "500mg"'})
    path = tmp_path / "strong.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FormulationError) as raised:
        load(tmp_path)
    assert str(raised.value) == (
        f"{path}: (record): tablet_strength 500 mg is outside 25 mg to 100 mg, the strengths "
        "naltrexone HCl tablets are made in"
    )


def test_a_bud_over_a_year_is_refused_even_with_evidence(tmp_path: Path) -> None:
    # 10^20 days with "evidence" was accepted and printed as the BUD
    text = own_copy(
        "ldn-liquid-preserved",
        **{"days = ": 'days = 100000000000000000000\nevidence = "a study"'},
    )
    path = tmp_path / "forever.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FormulationError) as raised:
        load(tmp_path)
    assert str(raised.value) == f"{path}: bud.days: Input should be less than or equal to 365"


CONTROL = (
    "holds control characters (a line break, a terminal escape code or a bidirectional "
    "override?); write plain text on one line"
)


@pytest.mark.parametrize(
    ("start", "new", "field"),
    [
        ("name = ", 'name = "Naltrexone \\u001b[2J\\u001b[31mHCl"', "name"),  # clears the screen
        ("name = ", 'name = "Naltrexone \\u202e lm 05 \\u202c HCl"', "name"),  # reads backwards
        ("container = ", 'container = "Amber bottle\\u200b"', "container"),  # zero-width space
        ("package = ", 'package = "Pour into the bottle.\\u001b]0;pwned\\u0007"', "package"),
        ('    "Crush the', '    "Crush the tablets\\nand add 10 tablets more.",', "method.1"),
        ('    "Final volume', '    "Final volume \\u2066checked\\u2069",', "quality_checks.0"),
    ],
    ids=["escape", "bidi-override", "zero-width", "osc-title", "line-break", "bidi-isolate"],
)
def test_control_characters_in_record_text_are_refused(
    tmp_path: Path, start: str, new: str, field: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # they reached the screen and the record as they are refused in a patient's name
    text = builtin_text("ldn-liquid-water")
    text = replace_line(text, "id = ", 'id = "my-liquid"')
    lines = text.splitlines()
    first = next(i for i, x in enumerate(lines) if x.startswith(start))
    lines[first] = new
    path = tmp_path / "escape.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected = f"{path}: {field}: {CONTROL}"
    refused(tmp_path, expected, capsys)


def test_control_characters_in_catalog_and_protocol_text_are_refused(tmp_path: Path) -> None:
    (tmp_path / "catalogs").mkdir()
    path = tmp_path / "catalogs" / "syringes.toml"
    path.write_text(
        '[[syringe]]\nname = "2 mL \\u001b[8msyringe"\ncapacity = "2mL"\n'
        'graduation = "0.1mL"\nminimum = "0.4mL"\n',
        encoding="utf-8",
    )
    with pytest.raises(FormulationError) as raised:
        load(tmp_path)
    message = str(raised.value)  # the entry's place in the merged catalog, after the built-in
    assert message.startswith(f"{path}: syringes.")
    assert message.endswith(f".name: {CONTROL}")
    path.unlink()
    (tmp_path / "protocols").mkdir()
    path = tmp_path / "protocols" / "p.toml"
    path.write_text(protocol_text("my-p", **{"name = ": 'name = "Weekly\\u202e"'}), "utf-8")
    with pytest.raises(FormulationError) as raised:
        load_protocols(tmp_path)
    assert str(raised.value) == f"{path}: name: {CONTROL}"


def test_a_tab_in_record_text_reads_as_a_space(tmp_path: Path) -> None:
    # the same check as a patient's name: a tab is not a control character there either
    text = own_copy("ldn-liquid-water", **{"container = ": 'container = "Amber\\tbottle"'})
    (tmp_path / "tab.toml").write_text(text, encoding="utf-8")
    assert load(tmp_path).get("my-ldn-liquid-water").container == "Amber\tbottle"


@pytest.mark.parametrize(
    ("overage", "problem"),
    [
        ("100000", "is out of range; write a whole number from 0 to 100"),
        ("80%", "is above 50 %; write a count (e.g. 2) or a smaller percentage (e.g. 5%)"),
    ],
)
def test_a_record_default_overage_stays_within_its_limits(
    tmp_path: Path, overage: str, problem: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # it passed `formulations check` and was refused only when used, naming --overage,
    # which nobody had given
    text = own_copy("ldn-capsule-api-mcc", **{"overage = ": f'overage = "{overage}"'})
    path = tmp_path / "overage.toml"
    path.write_text(text, encoding="utf-8")
    expected = f'{path}: capsule.overage: "{overage}" {problem}'
    with pytest.raises(FormulationError) as raised:
        capsule(strength="4.5mg", quantity=30, formulations_dir=tmp_path)
    assert str(raised.value) == expected
    argv = ["capsule", "--strength", "4.5mg", "--quantity", "30"]
    code, out, err = run([*argv, "--formulations-dir", str(tmp_path)], capsys)
    assert (code, out, err) == (2, "", f"ldncalc: {expected}\n")
    code, out, _ = run(["formulations", "check", str(tmp_path)], capsys)
    assert code == 2
    assert out == f'INVALID overage.toml: capsule.overage: "{overage}" {problem}\n'


def test_a_record_without_limits_or_spare_has_the_defaults_validated() -> None:
    # the defaults are built without validation (no schema is built at import for them): they
    # must be the same values a validated default holds, and read back as one
    fields = Formulation.model_fields
    assert fields["limits"].default == Limits()
    assert fields["spare"].default == Spare()
    assert Limits.model_validate(fields["limits"].default.model_dump()) == Limits()


# s5 review: liquid --formulation nope listed the cream, drops and capsule records, each then
# refused as the wrong kind; a refusal lists only the records the command can use
@pytest.mark.parametrize(
    ("command", "usable"),
    [
        ("liquid --target 4.5mg", "ldn-liquid-preserved, ldn-liquid-water"),
        ("liquid --target 4.5mg --source api", "ldn-liquid-api-preserved, ldn-liquid-api-water"),
        ("drops --target 0.5mg --drop-volume 0.05mL", "ldn-drops-water"),
        ("cream --strength 10mg/g --quantity 30g", "ldn-cream-xematop"),
        ("capsule --strength 4.5mg --quantity 30 --source api", "ldn-capsule-api-mcc"),
        (
            "titrate --start 0.5mg --step 0.5mg --every 7d --target 4.5mg",
            "ldn-liquid-preserved, ldn-liquid-water",
        ),
        (
            "titrate --start 0.5mg --step 0.5mg --every 7d --target 4.5mg --form capsule",
            "ldn-capsule-api-mcc, ldn-capsule-tablets-mcc",
        ),
    ],
)
def test_an_unknown_formulation_lists_only_the_records_the_command_uses(
    command: str, usable: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(f"{command} --formulation nope", capsys)
    assert (code, err) == (
        2,
        f'ldncalc: --formulation: "nope" is not a known formulation; use one of: {usable}\n',
    )
    for record in usable.split(", "):  # each is accepted by the command
        code, _, err = run(f"{command} --formulation {record}", capsys)
        assert code == 0, err
