"""The patient leaflet (issue 13 §4): a PDF in English or French, printed with the label; its
text extracted with pypdf and checked in both languages."""

from __future__ import annotations

import io
import shlex
import stat
from pathlib import Path

import pytest
from pypdf import PdfReader

from ldncalc import capsule, issue, liquid, prescription
from ldncalc.cli import main
from ldncalc.labels.leaflet import render_leaflet
from ldncalc.profile import Profile, profile_toml

pytestmark = pytest.mark.usefixtures("printed_on_22_nov_2026")

PHARMACY = Profile(
    name="Lakeside Pharmacy", address=("4 Lake Road", "Ottawa ON"), phone="613-555-0199"
)


def text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def details(lang: str = "en") -> object:
    return prescription(
        patient="Jane Doe",
        prescriber="Dr. Ann Smith",
        rx="1234567",
        lot="LOT-7",
        date="2026-11-22",
        lang=lang,
    )


def test_an_english_liquid_leaflet_says_the_dose_how_to_measure_it_and_the_warnings() -> None:
    said = text(render_leaflet(liquid(target="4.5mg", days="14"), details(), PHARMACY))
    for expected in (
        "About your medicine: Naltrexone HCl 1 mg/mL oral suspension (LDN)",
        "For Jane Doe",
        "lot LOT-7",
        # 4.5 mg at 1 mg/mL = 4.5 mL, measured in the 5 mL syringe (docs/basis.md §3, §7)
        "Your dose is 4.5 mg: 4.5 mL of the liquid. Measure it with the 5 mL oral syringe",
        "fill to 4.5 mL",
        "Shake the bottle well before each dose.",
        "Take it at bedtime, every day",
        "Important: naltrexone blocks opioids",
        "Carry a card saying that you take naltrexone",
        "vivid dreams or trouble sleeping",
        "Never take two doses to make up for a missed one.",
        # 22 Nov 2026 + 14 days, refrigerated (docs/basis.md §5, USP <795>)
        "Refrigerate at 2–8 °C",
        "Do not use it after 06 Dec 2026",
        "Lakeside Pharmacy, 4 Lake Road, Ottawa ON. Tel. 613-555-0199",
    ):
        assert expected in said, expected


def test_a_french_capsule_leaflet_is_french_throughout() -> None:
    result = capsule(strength="1.5mg", quantity=30)
    said = text(render_leaflet(result, details("fr"), PHARMACY))
    for expected in (
        "Au sujet de votre médicament : Naltrexone HCl 1,5 mg, capsules (LDN)",
        "Pour Jane Doe",
        "Votre dose est de 1,5 mg : 1 capsule de 1,5 mg.",
        "1 capsule, 1,5 mg",
        "Prenez-la au coucher",
        "la naltrexone bloque les opioïdes",
        "rêves très vifs",
        "Ne prenez jamais deux doses pour compenser un oubli.",
        # 22 Nov 2026 + 180 days (docs/basis.md §5: nonaqueous solid)
        "Ne l'utilisez pas après le 21 mai 2027",
        "Tél. : 613-555-0199",
    ):
        assert expected in said, expected
    lowered = f" {said.lower()} "
    for english in (" the ", " and ", " your ", " take ", " dose is "):
        assert english not in lowered, english


def test_numbers_go_through_the_ismp_formatter() -> None:
    # 0.5 mg at 1 mg/mL: 0.5 mL, with its leading zero and no trailing zero
    said = text(render_leaflet(liquid(target="0.5mg"), details(), PHARMACY))
    assert "Your dose is 0.5 mg: 0.5 mL" in said
    assert ".50" not in said
    assert " .5" not in said


def test_the_leaflet_is_issued_with_the_label(tmp_path: Path) -> None:
    label, leaflet = tmp_path / "label.txt", tmp_path / "leaflet.pdf"
    issued = issue(
        liquid(target="4.5mg", days="14"),
        details(),
        profile=PHARMACY,
        label=str(label),
        leaflet=str(leaflet),
    )
    assert [d.kind for d in issued.documents] == ["label", "leaflet"]
    assert stat.S_IMODE(leaflet.stat().st_mode) == 0o600  # the patient's name: owner-only
    assert "For Jane Doe" in text(leaflet.read_bytes())


def test_leaflet_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = tmp_path / "pharmacy.toml"
    profile.write_text(profile_toml(PHARMACY), encoding="utf-8")
    common = (
        f"--pharmacy {profile} --patient 'Jane Doe' --prescriber 'Dr. A' --rx 12 --no-log "
        "--date 2026-11-22 --lot LOT-8"
    )
    argv = f"capsule --strength 4.5mg --quantity 30 --label {tmp_path}/l.txt "
    code = main(shlex.split(argv + f"--leaflet {tmp_path}/f.pdf --lang fr {common}"))
    err = capsys.readouterr().err
    assert code == 0, err
    assert f"feuillet d'information écrit : {tmp_path}/f.pdf (lot LOT-8)" in err  # --lang fr
    assert "Votre dose est de 4,5 mg" in text((tmp_path / "f.pdf").read_bytes())
    code = main(
        shlex.split(argv.replace("l.txt", "m.txt") + f"--leaflet {tmp_path}/f.txt {common}")
    )
    assert code == 2
    assert capsys.readouterr().err.startswith(f'ldncalc: --leaflet: "{tmp_path}/f.txt" has no')
    same = argv.replace("l.txt", "same.pdf") + f"--leaflet {tmp_path}/same.pdf {common}"
    assert main(shlex.split(same)) == 2
    assert capsys.readouterr().err == (
        f'ldncalc: --leaflet: "{tmp_path}/same.pdf" is also the --label file; give two file names\n'
    )
