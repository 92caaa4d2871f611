"""The reference catalog's text (API forms, fillers, their cautions) and a record's ingredient
functions in French for a French reader; English as it was."""

from pathlib import Path

import pytest

from ldncalc.cli import main
from ldncalc.locale import Voice
from ldncalc.locale.common import catalog_text

FR = Voice("fr", "cli")
ALIQUOT = "capsule --strength 0.5mg --quantity 30"


def run(command: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(command.split())
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_catalog_text_is_french_for_a_french_reader_and_english_otherwise() -> None:
    api, filler = (
        "Naltrexone hydrochloride (anhydrous)",
        "Microcrystalline cellulose (Avicel PH-102)",
    )
    assert catalog_text(api, FR) == "Chlorhydrate de naltrexone (anhydre)"
    assert catalog_text(filler, FR) == "Cellulose microcristalline (Avicel PH-102)"
    assert catalog_text(api, Voice("en", "cli")) == api
    assert catalog_text("a pharmacy's own filler", FR) == "a pharmacy's own filler"  # as written


def test_a_french_capsule_screen_names_the_api_filler_and_role_in_french(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(f"{ALIQUOT} --lang fr", capsys)
    assert code == 0
    assert "  124 mg du mélange 1, contenant 15,5 mg de Chlorhydrate de naltrexone (anhydre)" in out
    assert (
        "603,5 mg de Cellulose microcristalline (Avicel PH-102) — diluant à libération immédiate"
        in out
    )
    assert "  120 mg de Chlorhydrate de naltrexone (anhydre)" in out
    assert "hydrochloride" not in out.split("\n  1.")[0]  # before the aliquot method lines
    code, out, _ = run(ALIQUOT, capsys)
    assert (
        "  4,603.5 mg Microcrystalline cellulose (Avicel PH-102) — immediate-release filler" in out
    )


def test_a_filler_caution_and_reason_to_avoid_are_french(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(f"{ALIQUOT} --filler lactose --lang fr", capsys)
    assert code == 0
    assert "! Diluant Lactose monohydraté : le lactose pose problème aux patients\n" in out
    code, _, err = run(f"{ALIQUOT} --filler calcium-carbonate --lang fr", capsys)
    assert code == 2
    assert "ne doit pas être utilisé : le carbonate de calcium réduirait l'absorption" in err


def test_a_french_capsule_record_names_the_api_form_in_french(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = tmp_path / "r.txt"
    pharmacy = Path(__file__).parent.parent / "docs" / "pharmacy.example.toml"
    command = (
        f"capsule --strength 4.5mg --quantity 30 --lang fr --record {record} --patient P "
        f"--prescriber D --rx 1 --pharmacy {pharmacy} --no-log"
    )
    assert run(command, capsys)[0] == 0
    text = record.read_text(encoding="utf-8")
    assert "Chlorhydrate de naltrexone (anhydre)" in text
    assert "exprimé en Chlorhydrate de naltrexone (anhydre)" in text
    for english in ("hydrochloride", "Microcrystalline", "immediate-release"):
        assert english not in text
