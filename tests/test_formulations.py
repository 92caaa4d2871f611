"""Formulations as data (issue 2 §3): the built-in records and catalogs against REFERENCE.md,
``ldncalc formulations list/show/check``, a pharmacy's own folder (new records, a replaced
built-in, its own syringes), and errors that name the file, the field and the problem."""

from __future__ import annotations

import json
import shlex
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from pint.testing import assert_equal

from ldncalc import FormulationError, Quantity, UnsafeInputError, capsule, liquid, load
from ldncalc.cli import main
from ldncalc.formulations import builtin_folder, read_formulation

DATA = Path(__file__).parent / "data"
PHARMACY = DATA / "pharmacy"  # a new capsule record and a replacement ldn-liquid-water
SYRINGES = DATA / "syringes"  # catalogs/syringes.toml: a 1 mL syringe trusted from 0.2 mL

BUILTIN_IDS = {
    "ldn-liquid-water",
    "ldn-liquid-preserved",
    "ldn-capsule-api-mcc",
    "ldn-capsule-tablets-mcc",
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
# The built-in records and catalogs, checked against REFERENCE.md
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
    # issue 2 §3: each record holds its dose range (REFERENCE.md §2: 1 mcg to 10 mg)
    import tomllib

    stated = tomllib.loads(path.read_text(encoding="utf-8"))["limits"]
    assert stated == {
        "dose_minimum": "1mcg",
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
    # REFERENCE.md §3: 0.5, 1 (most used) and 5 mg/mL; 50 mg tablets
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
    # UNC Pharmlabs gelatin capsule page (REFERENCE.md §4)
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
    # REFERENCE.md §1: USP 28 / DailyMed; derived 377.86 + 2 × 18.015; PubChem
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
    # REFERENCE.md §7: 1 mL 0.01 mL; 3 mL 0.1 mL; 5 mL 0.2 mL (0.1 on some); 10 mL 0.2 mL
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
    assert "5 formulations in effect" in out


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
    assert "90 days" in result.bud.basis


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
    assert any("3 doses will be discarded" in w for w in result.warnings)


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
    """``text`` with the (one) line that starts with ``start`` replaced by ``new``."""
    lines = text.splitlines()
    matches = [i for i, line in enumerate(lines) if line.startswith(start)]
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
    assert "Fawcett" in result.bud.basis


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
