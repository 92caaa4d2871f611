"""The patient leaflet of the plug-in forms (issue 14 §5, issue 13 §4): sublingual drops (the
dose in drops from the calibrated dropper), the cream (how much, in pump actuations or grams,
for external use only) and the oral liquid from API powder (the dose volume and its syringe,
no "Shake well" for a solution); text extracted with pypdf, in English and French."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from test_leaflet import PHARMACY, details, text

from ldncalc.cli import main
from ldncalc.labels.leaflet import leaflet_content, render_leaflet
from ldncalc.preparations.cream import cream
from ldncalc.preparations.drops import drops
from ldncalc.preparations.liquid.api import api_liquid
from ldncalc.profile import profile_toml

pytestmark = pytest.mark.usefixtures("printed_on_22_nov_2026")

FORMULATIONS = Path(__file__).resolve().parents[1] / "formulations"
ENGLISH = (" the ", " and ", " your ", " take ", " dose is ", " apply ", " drops ")


def french_only(said: str) -> None:
    lowered = f" {said.lower()} "
    for english in ENGLISH:
        assert english not in lowered, english


def test_drops_leaflet_in_english() -> None:
    # 2 drops of 0.05 mL for 0.5 mg: 0.5 mg ÷ (2 × 0.05 mL) = 5 mg/mL, 0.25 mg a drop
    result = drops(target="0.5mg", drop_volume="0.05mL", drops=2)
    said = text(render_leaflet(result, details(), PHARMACY))
    for expected in (
        "About your medicine: Naltrexone HCl 5 mg/mL sublingual drops (0.25 mg a drop) (LDN)",
        "Your dose is 0.5 mg: 2 drops of the liquid. Use only the dropper given with the "
        "bottle (its drops were measured with this liquid) and place the dose under your "
        "tongue.",
        "Directions on your label: Place 2 drops (0.5 mg) under the tongue at bedtime.",
        "Take it at bedtime, every day",
        "Important: naltrexone blocks opioids",
        # 22 Nov 2026 + 14 days, refrigerated (docs/basis.md §5, USP <795>: nonpreserved)
        "Refrigerate at 2–8 °C",
        "Do not use it after 06 Dec 2026",
    ):
        assert expected in said, expected
    assert "syringe" not in said
    assert "Shake" not in said


def test_drops_leaflet_in_french() -> None:
    result = drops(target="0.5mg", drop_volume="0.05mL")  # 1 drop at 10 mg/mL
    said = text(render_leaflet(result, details("fr"), PHARMACY))
    for expected in (
        "Naltrexone HCl 10 mg/mL, gouttes sublinguales (LDN), 0,5 mg par goutte",
        "Votre dose est de 0,5 mg : 1 goutte de liquide. Utilisez seulement le compte-gouttes "
        "remis avec le flacon",
        "déposez la dose sous votre langue.",
        "Mode d'emploi sur l'étiquette : Déposer 1 goutte (0,5 mg) sous la langue au coucher.",
        "Ne l'utilisez pas après le 06 déc. 2026",
    ):
        assert expected in said, expected
    french_only(said)


def test_cream_leaflet_in_pumps_for_external_use_only() -> None:
    # 1 g a dose ÷ 0.5 g an actuation (the record's pump) = 2 pumps; 1 g × 10 mg/g = 10 mg
    result = cream(strength="10mg/g", quantity="30g")
    said = text(render_leaflet(result, details(), PHARMACY))
    for expected in (
        "About your medicine: Naltrexone HCl 10 mg/g cream (LDN)",
        "Your dose is 2 pumps (1 g of cream, 10 mg of naltrexone hydrochloride): press the "
        "pump all the way down each time.",
        "For external use only: do not swallow it",
        "When to apply it Apply it at bedtime, every day",
        "Never apply a double dose to make up for a missed one.",
        # 22 Nov 2026 + 35 days, room temperature (docs/basis.md §5, USP <795>: preserved)
        "Do not use it after 27 Dec 2026",
    ):
        assert expected in said, expected
    assert "Take it" not in said


def test_cream_leaflet_in_french() -> None:
    said = text(render_leaflet(cream(strength="10mg/g", quantity="30g"), details("fr"), PHARMACY))
    for expected in (
        "Naltrexone HCl 10 mg/g, crème (LDN)",
        "Votre dose est de 2 pressions (1 g de crème, 10 mg de chlorhydrate de naltrexone)",
        "Usage externe seulement : ne l'avalez pas",
        "Quand l'appliquer Appliquez-la au coucher",
        "N'appliquez jamais une double dose pour compenser un oubli.",
    ):
        assert expected in said, expected
    french_only(said)


def test_cream_leaflet_in_grams(tmp_path: Path) -> None:
    # a record whose directions are in grams: 0.5 g a dose × 10 mg/g = 5 mg (a cream's dose
    # is held to 10 mg of naltrexone HCl: docs/basis.md §2)
    record = (FORMULATIONS / "ldn-cream-xematop.toml").read_text(encoding="utf-8")
    record = record.replace('directions = "pump"', 'directions = "grams"')
    (tmp_path / "ldn-cream-xematop.toml").write_text(record, encoding="utf-8")
    result = cream(strength="10mg/g", quantity="30g", dose="0.5g", formulations_dir=tmp_path)
    said = text(render_leaflet(result, details(), PHARMACY))
    assert "Your dose is 0.5 g of cream (5 mg of naltrexone hydrochloride)." in said
    assert "For external use only" in said
    said = text(render_leaflet(result, details("fr"), PHARMACY))
    assert "Votre dose est de 0,5 g de crème (5 mg de chlorhydrate de naltrexone)." in said


def test_liquid_from_powder_leaflet_has_the_syringe_and_no_shake_for_a_solution() -> None:
    # 4.5 mg at 1 mg/mL = 4.5 mL, in the 5 mL oral syringe (docs/basis.md §3, §7)
    result = api_liquid(target="4.5mg")
    said = text(render_leaflet(result, details(), PHARMACY))
    for expected in (
        "About your medicine: Naltrexone HCl 1 mg/mL oral solution (LDN)",
        "Your dose is 4.5 mg: 4.5 mL of the liquid. Measure it with the 5 mL oral syringe",
        "fill to 4.5 mL",
        "Directions on your label: Take 4.5 mL (4.5 mg) by mouth at bedtime.",
    ):
        assert expected in said, expected
    assert "Shake" not in said  # a solution (docs/basis.md §1, §9)
    content = leaflet_content(result, details(), PHARMACY)
    assert (str(content.volume), str(content.capacity)) == ("4.5 milliliter", "5 milliliter")
    said = text(render_leaflet(result, details("fr"), PHARMACY))
    assert (
        "Votre dose est de 4,5 mg : 4,5 mL de liquide. Mesurez-la avec la seringue orale "
        "de 5 mL" in said
    )
    assert "Agitez" not in said
    french_only(said)


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("drops --target 0.5mg --drop-volume 0.05mL", "Votre dose est de 0,5 mg : 1 goutte"),
        ("cream --strength 10mg/g --quantity 30g", "Usage externe seulement"),
        ("liquid --source api --target 4.5mg", "seringue orale de 5 mL"),
    ],
)
def test_leaflet_on_the_command_line(
    command: str, expected: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = tmp_path / "pharmacy.toml"
    profile.write_text(profile_toml(PHARMACY), encoding="utf-8")
    argv = (
        f"{command} --label {tmp_path}/l.txt --leaflet {tmp_path}/f.pdf --lang fr "
        f"--pharmacy {profile} --patient 'Jane Doe' --prescriber 'Dr. A' --rx 12 --no-log "
        "--date 2026-11-22 --lot LOT-8"
    )
    code = main(shlex.split(argv))
    err = capsys.readouterr().err
    assert code == 0, err
    assert f"{tmp_path}/f.pdf (lot LOT-8)" in err
    assert expected in text((tmp_path / "f.pdf").read_bytes())
