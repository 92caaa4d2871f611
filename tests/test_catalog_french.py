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
    assert "  124 mg du mélange 1, contenant 15,5 mg de chlorhydrate de naltrexone (anhydre)" in out
    assert (
        "603,5 mg de cellulose microcristalline (Avicel PH-102) — diluant à libération immédiate"
        in out
    )
    assert "  120 mg de chlorhydrate de naltrexone (anhydre)" in out
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


def test_the_aliquot_methods_lines_are_records_in_english_and_french() -> None:
    from ldncalc import capsule
    from ldncalc.messages import Message

    # 10 mcg × 31 = 310 mcg, three stages of 1 in 10, 10 and 4 (docs/basis.md §8)
    plan = capsule(strength="10mcg", quantity=30).aliquot
    assert plan is not None
    assert all(isinstance(m, Message) for m in plan.method)
    second = plan.method[1]
    assert isinstance(second, Message)
    assert second.text() == (
        "Weigh 120 mg of mixture 1 and 1,080 mg of Microcrystalline cellulose (Avicel PH-102); "
        "mix by geometric dilution (start with an equal amount of filler, then add filler in "
        "equal portions): 1,200 mg of mixture 2, 1 in 10."
    )
    assert second.text("fr") == (
        "Peser 120 mg du mélange 1 et 1\xa0080 mg de cellulose microcristalline (Avicel PH-102); "
        "mélanger par dilution géométrique (commencer avec une quantité égale de diluant, puis "
        "ajouter le diluant par portions égales) : 1\xa0200 mg de mélange 2, 1 dans 10."
    )
    for line in plan.method:
        assert isinstance(line, Message)
        for word in (" the ", " of ", " and ", "Weigh", "mixture", "hydrochloride"):
            assert word not in line.text("fr"), (word, line.text("fr"))
