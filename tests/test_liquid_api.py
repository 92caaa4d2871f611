"""Oral liquids from API powder (issue 14 §2): ``ldncalc liquid --target 4.5mg --source api``.

Hand-checked: dose volume = dose ÷ concentration on the smallest syringe's marks; the spare is
the greater of 1 dose and 5 % of the doses' volume (docs/basis.md §3), the volume dispensed
that up to whole mL; a stock solution (up to 5 mL) when the powder for the bottle is below the
minimum weighable quantity, 6 mg × 100 ÷ 5 % = 120 mg (docs/basis.md §8); powder = drug ÷ the
certificate's factor (docs/basis.md §1). The water record's BUD is 14 days, the preserved 35.
"""

from __future__ import annotations

import json
import shlex
from decimal import Decimal
from pathlib import Path

import pytest

from ldncalc.cli import main
from ldncalc.issuing import issue
from ldncalc.labels.content import label_content
from ldncalc.log import open_log, show
from ldncalc.preparations.liquid.api import api_liquid
from ldncalc.prescriptions import prescription
from ldncalc.profile import Profile
from ldncalc.units import MG, ML, Quantity

PRESERVED = "ldn-liquid-api-preserved"
PHARMACY = Profile(name="Lakeside Pharmacy", address=("4 Lake Road",), phone="613-555-0199")


def run(argv: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(shlex.split(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# (inputs, dose volume, dispensed, doses, days, batch, powder)
CASES: list[tuple[dict[str, object], str, str, int, int, str, str]] = [
    # 4.5 ÷ 1 = 4.5 mL; 14 × 4.5 = 63 + max(4.5, 3.15) = 67.5 → 68 mL, 14 doses; 68 mg < 120:
    # stock 120 ÷ 1 = 120 mL, 120 mg.
    ({"target": "4.5mg"}, "4.5", "68", 14, 14, "120", "120"),
    # 5 mg/mL: 0.9 mL; 12.6 + 0.9 = 13.5 → 14 mL (15 doses need 14.4); 70 mg < 120: stock
    # 120 ÷ 5 = 24 → 25 mL, 125 mg.
    ({"target": "4.5mg", "concentration": "5mg/mL"}, "0.9", "14", 14, 14, "25", "125"),
    # preserved, 30 days: 135 + max(4.5, 6.75) = 141.75 → 142 mL, 30 doses; 142 mg ≥ 120.
    ({"target": "4.5mg", "formulation": PRESERVED}, "4.5", "142", 30, 30, "142", "142"),
    # preserved, 1.5 mg: 45 + max(1.5, 2.25) = 47.25 → 48 mL, 30 doses; stock 120 mL.
    ({"target": "1.5mg", "formulation": PRESERVED}, "1.5", "48", 30, 30, "120", "120"),
    # the dihydrate, 99 % as the dihydrate: factor 0.99 × 377.86 ÷ 413.89 = 0.9038; 142 mg ÷
    # 0.9038 = 157.11 → 157.1 mg (≥ 120: no stock).
    (
        {"target": "4.5mg", "formulation": PRESERVED, "salt": "hcl-dihydrate", "assay": "99%",
         "assay_as": "hcl-dihydrate"},
        "4.5", "142", 30, 30, "142", "157.1",
    ),
    # a balance sensitive to 1 mg (20 mg minimum): 68 mg is weighed as it is.
    ({"target": "4.5mg", "balance_sensitivity": "1mg"}, "4.5", "68", 14, 14, "68", "68"),
    # 2 mg twice a day for 7 days: 14 doses of 2 mL = 28 + 2 = 30 mL; 14 doses = 7 days.
    ({"target": "2mg", "doses_per_day": 2, "days": 7}, "2", "30", 14, 7, "120", "120"),
    # 0.5 mg at 0.5 mg/mL: 1 mL; 14 + 1 = 15 mL; 7.5 mg: stock 120 ÷ 0.5 = 240 mL.
    ({"target": "0.5mg", "concentration": "0.5mg/mL"}, "1", "15", 14, 14, "240", "120"),
    # the base, 99 % as the base: 0.99 × 377.86 ÷ 341.4 = 1.0957 mg of HCl a mg; the stock
    # holds 120 mg of powder: 120 × 1.0957 ÷ 1 = 131.5 → 135 mL, 135 mg ÷ 1.0957 = 123.2 mg.
    ({"target": "4.5mg", "salt": "base", "assay": "99%"}, "4.5", "68", 14, 14, "135", "123.2"),
    # preserved, 3 mg for 10 days: 30 + 3 = 33 mL, 10 doses; stock 120 mL.
    ({"target": "3mg", "formulation": PRESERVED, "days": 10}, "3", "33", 10, 10, "120", "120"),
]  # fmt: skip


@pytest.mark.parametrize(("inputs", "dose", "dispensed", "doses", "days", "batch", "powder"), CASES)
def test_hand_checked_liquids_from_powder(
    inputs: dict[str, object],
    dose: str,
    dispensed: str,
    doses: int,
    days: int,
    batch: str,
    powder: str,
) -> None:
    result = api_liquid(**inputs)  # type: ignore[arg-type]
    assert result.dose_volume == Quantity(Decimal(dose), ML)
    assert result.final_volume == Quantity(Decimal(dispensed), ML)
    assert result.doses == doses
    assert result.days_supply == days
    assert result.batch_volume == Quantity(Decimal(batch), ML)
    assert result.api_weight == Quantity(Decimal(powder), MG)
    assert result.ingredients[-1].qs_to == result.batch_volume  # the vehicle to the batch
    stock = result.batch_volume > result.final_volume
    assert [n.code for n in result.notes] == (["liquid-api-stock-larger"] if stock else [])
    assert "Shake well" not in result.auxiliary_labels  # a solution


def test_the_preserved_vehicle_is_scaled_to_the_batch() -> None:
    # per 100 mL: ascorbic acid 0.5 g, sodium benzoate 0.1 g, glycerol 20 mL; × 1.42
    result = api_liquid(target="4.5mg", formulation=PRESERVED)
    amounts = {a.name: a.mass if a.mass is not None else a.volume for a in result.ingredients}
    assert amounts["Ascorbic acid"] == Quantity(Decimal("0.71"), "g")
    assert amounts["Sodium benzoate"] == Quantity(Decimal("0.142"), "g")
    assert amounts["Glycerol"] == Quantity(Decimal("28.4"), ML)
    assert result.bud.days == 35


def test_a_dose_volume_below_what_its_syringe_measures_reliably_is_warned() -> None:
    # 0.5 mg at 5 mg/mL: 0.1 mL in a 1 mL syringe, below its 0.2 mL (20 %, USP <1176>
    # practice; docs/basis.md §7) as from tablets; 0.5 and 1 mg/mL give 1 and 0.5 mL
    result = api_liquid(target="0.5mg", concentration="5mg/mL")
    assert [w.code for w in result.warnings if not isinstance(w, str)] == ["dose-volume-unreliable"]
    warning = result.warnings[0]
    assert not isinstance(warning, str)
    assert warning.text(surface="cli") == (
        "0.1 mL is below the 0.2 mL a 1 mL oral syringe measures reliably (USP <1176> practice: "
        "not below 20 % of a syringe's capacity). Fix: use --concentration 0.5mg/mL or 1mg/mL"
    )
    for fixed in ("0.5mg/mL", "1mg/mL"):
        assert not api_liquid(target="0.5mg", concentration=fixed).warnings
    # 0.05 mg at 0.5 mg/mL: 0.1 mL, and no concentration listed measures it reliably: the
    # serial dilution is made from tablets
    result = api_liquid(target="0.05mg", concentration="0.5mg/mL")
    warning = result.warnings[-1]
    assert not isinstance(warning, str)
    assert warning.text(surface="cli").endswith(
        "Fix: leave out --source and --concentration for a serial dilution plan from tablets"
    )


def test_a_dose_off_the_syringe_marks_is_warned() -> None:
    # 4.15 mg at 1 mg/mL: 4.15 mL in a 5 mL syringe with 0.1 mL marks, measured 4.2 mL:
    # (4.2 − 4.15) ÷ 4.15 = +1.2 %, as from tablets
    result = api_liquid(target="4.15mg")
    assert result.dose_volume == Quantity(Decimal("4.2"), ML)
    warning = result.warnings[0]
    assert not isinstance(warning, str)
    assert warning.text(surface="cli") == (
        "4.15 mL is not on the marks of the 5 mL oral syringe, 0.1 mL marks: measure 4.2 mL "
        "(+1.2 % of the dose)"
    )


def test_an_excipient_below_the_minimum_weighable_quantity_is_warned() -> None:
    # preserved, 1.5 mg at 5 mg/mL: 0.3 mL; 30 × 0.3 = 9 + 0.45 → 10 mL; 50 mg powder below a
    # 10 mg balance's 10 × 100 ÷ 5 = 200 mg: stock 200 ÷ 5 = 40 mL, whose sodium benzoate
    # (0.1 g per 100 mL) is 40 mg < 200 mg; ascorbic acid 0.5 g per 100 mL: 200 mg, not below
    result = api_liquid(
        target="1.5mg", formulation=PRESERVED, concentration="5mg/mL", balance_sensitivity="10mg"
    )
    assert result.batch_volume == Quantity(Decimal(40), ML)
    assert [w.code for w in result.warnings if not isinstance(w, str)] == [
        "liquid-excipient-below-minimum-weighable"
    ]
    warning = result.warnings[0]
    assert not isinstance(warning, str)
    assert warning.text(surface="cli").startswith(
        "40 mg of Sodium benzoate is below the minimum weighable quantity 200 mg"
    )


REFUSED = [
    # a decimal comma in days: the fix was "write 2.5d", itself refused (not whole days)
    (
        "liquid --target 4.5mg --source api --days 2,5",
        'ldncalc: --days: "2,5" is not a whole number of days; write 2 or 3',
    ),
    (  # the same reading from tablets
        "liquid --target 4.5mg --days 2,5",
        'ldncalc: --days: "2,5" is not a whole number of days; write 2 or 3',
    ),
    # 2.5 weeks = 17.5 days (the preserved record's BUD is 35 days)
    (
        f"liquid --target 4.5mg --source api --formulation {PRESERVED} --days 2,5w",
        'ldncalc: --days: "2,5w" is not a whole number of days; write 17d or 18d',
    ),
    (
        "liquid --target 4.5mg --source api --days 30",
        'ldncalc: --days: "30" is beyond the BUD of 14 days; give --days 14 or fewer',
    ),
    (
        "liquid --target 4.5mg --source api --volume 100mL",
        'ldncalc: --volume: "100mL" is only for --source tablets; drop it or give --source tablets',
    ),
    (
        "liquid --target 4.5mg --assay 99%",
        'ldncalc: --assay: "99%" is only for --source api; drop it or give --source api',
    ),
    (
        "liquid --target 4.5mg --source pills",
        'ldncalc: --source: "pills" is not a known source; use tablets or api',
    ),
]


@pytest.mark.parametrize(("argv", "line"), REFUSED)
def test_refusals_are_one_line(argv: str, line: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(argv, capsys)
    assert (code, out, err) == (2, "", line + "\n")


def test_the_days_suggested_for_a_decimal_comma_are_accepted() -> None:
    # 2 days of 4.5 mL: 9 + 4.5 spare = 13.5 → 14 mL, 2 doses (3 would need 18 mL)
    assert api_liquid(target="4.5mg", days="2").days_supply == 2
    assert api_liquid(target="4.5mg", days="3").days_supply == 3
    for days in (17, 18):
        result = api_liquid(target="4.5mg", formulation=PRESERVED, days=f"{days}d")
        assert result.days_supply == days


def test_screen_json_and_french(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run("liquid --target 4.5mg --source api", capsys)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Naltrexone HCl 1 mg/mL oral solution: 4.5 mg at bedtime"
    assert "Dose     4.5 mg = 4.5 mL (4.5 mg) in a 5 mL oral syringe, 0.1 mL marks" in lines
    assert not any("Shake well" in line for line in lines)
    code, out, _ = run("liquid --target 4.5mg --source api --json", capsys)
    data = json.loads(out)
    assert data["kind"] == "liquid-api"
    assert data["api_weight"] == {"value": 120, "unit": "mg"}
    code, out, _ = run("liquid --target 4.5mg --source api --lang fr", capsys)
    assert out.splitlines()[0] == (
        "Chlorhydrate de naltrexone 1 mg/mL, solution orale : 4,5 mg au coucher"
    )


@pytest.mark.usefixtures("printed_on_22_nov_2026")
def test_label_record_and_log(tmp_path: Path) -> None:
    details = prescription(
        patient="Jane Doe", prescriber="Dr. Ann Smith", rx="1234567", lot="L-1",
        date="2026-11-22",
    )  # fmt: skip
    result = api_liquid(target="4.5mg")
    label = label_content(result, details, PHARMACY)
    assert label.drug.text == "Naltrexone HCl 1 mg/mL oral solution (LDN)"
    assert label.directions.text == "Take 4.5 mL (4.5 mg) by mouth at bedtime"
    assert label.quantity.text == "Qty 68 mL"
    book = tmp_path / "log.sqlite3"
    issue(result, details, profile=PHARMACY, record=str(tmp_path / "r.pdf"), log=str(book))
    with open_log(str(book)) as opened:
        _, entries = show(opened, "L-1")
    assert entries[0].body["result"]["kind"] == "liquid-api"
