"""Sublingual drops (issue 14 §4): ``ldncalc drops --target 0.5mg --drop-volume 0.05mL``.

Every case is checked by hand in its comment (docs/basis.md §9: the dose is whole drops of the
pharmacy's calibrated dropper; §8: the minimum weighable quantity is balance sensitivity × 100
÷ 5 %, 6 mg → 120 mg; §3: the spare is the greater of 1 dose and 5 % of the doses' volume).
"""

from __future__ import annotations

import json
import shlex
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ldncalc.cli import main
from ldncalc.errors import InputError, LdnCalcError, UnsafeInputError
from ldncalc.issuing import issue
from ldncalc.labels.content import label_content, record_content
from ldncalc.log import open_log, show
from ldncalc.models import DropsResult
from ldncalc.preparations.drops import drops
from ldncalc.prescriptions import Prescription, check_directions, prescription
from ldncalc.profile import Profile
from ldncalc.render import bench_text, json_text
from ldncalc.units import MG, MG_PER_ML, ML, Quantity

PHARMACY = Profile(name="Lakeside Pharmacy", address=("4 Lake Road",), phone="613-555-0199")
LOT = "20261122-0930-7F3A"


def mg(value: str) -> Quantity:
    return Quantity(Decimal(value), MG)


def ml(value: str) -> Quantity:
    return Quantity(Decimal(value), ML)


def conc(value: str) -> Quantity:
    return Quantity(Decimal(value), MG_PER_ML)


def details(**changes: object) -> Prescription:
    options: dict[str, object] = {
        "patient": "Jane Doe",
        "prescriber": "Dr. Ann Smith",
        "rx": "1234567",
        "lot": LOT,
        "date": "2026-11-22",
    }
    options.update(changes)
    return prescription(**options)  # type: ignore[arg-type]


def run(argv: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(shlex.split(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# (inputs, concentration, drops, dose measured, dispensed, doses held, batch, powder, days)
CASES: list[tuple[dict[str, object], str, int, str, str, int, str, str, int]] = [
    # 0.5 mg in 1 drop of 0.05 mL: 0.5 ÷ 0.05 = 10 mg/mL. 14 days (the BUD) × 0.05 = 0.7 mL,
    # spare max(0.05, 5 % × 0.7 = 0.035) = 0.05: 0.75 mL → 1 mL dispensed, holding 19 doses
    # (19 × 0.05 + 0.05 = 1). 1 mL × 10 = 10 mg < 120 mg: batch 120 ÷ 10 = 12 mL, 120 mg.
    ({"target": "0.5mg", "drop_volume": "0.05mL"}, "10", 1, "0.5", "1", 19, "12", "120", 14),
    # 4.5 mg in 2 drops: 4.5 ÷ 0.1 = 45 mg/mL. 14 × 0.1 = 1.4 mL + spare 0.1 = 1.5 → 2 mL, 19
    # doses (1.9 + 0.1). 2 × 45 = 90 mg < 120: batch ⌈120 ÷ 45 = 2.67⌉ = 3 mL, 135 mg.
    (
        {"target": "4.5mg", "drop_volume": "0.05mL", "drops": 2},
        "45", 2, "4.5", "2", 19, "3", "135", 14,
    ),
    # 1 mg in 3 drops: 1 ÷ 0.15 = 6.667 → 6.67 mg/mL (3 figures); 3 × 0.05 × 6.67 = 1.0005
    # → 1 mg (3 figures, as the concentration). 14 × 0.15 = 2.1 + 0.15 = 2.25 → 3 mL, 19 doses
    # (2.85 + 0.15). 3 × 6.67 = 20 mg < 120: batch ⌈120 ÷ 6.67 = 17.99⌉ = 18 mL; 18 × 6.67 =
    # 120.06 mg → 120.1 mg weighed.
    (
        {"target": "1mg", "drop_volume": "0.05mL", "drops": 3},
        "6.67", 3, "1", "3", 19, "18", "120.1", 14,
    ),
    # a 0.033 mL dropper: 1 ÷ 0.033 = 30.30 → 30.3 mg/mL; 0.033 × 30.3 = 0.9999 → 1 mg.
    # 14 × 0.033 = 0.462 + 0.033 = 0.495 → 1 mL, 28 doses (0.924 + max(0.033, 0.0462) =
    # 0.9702; 29: 0.957 + 0.04785 > 1). 30.3 mg < 120: batch ⌈120 ÷ 30.3 = 3.96⌉ = 4 mL,
    # 121.2 mg.
    ({"target": "1mg", "drop_volume": "0.033mL"}, "30.3", 1, "1", "1", 28, "4", "121.2", 14),
    # a 0.03 mL dropper: 1 ÷ 0.03 = 33.33 → 33.3 mg/mL; 0.03 × 33.3 = 0.999 mg, already 3
    # figures: the dose measured is 0.999 mg, honestly below 1 mg (−0.1 %). 0.45 mL → 1 mL,
    # 31 doses (as the 1.5 mg case below); batch ⌈120 ÷ 33.3 = 3.6⌉ = 4 mL, 133.2 mg.
    ({"target": "1mg", "drop_volume": "0.03mL"}, "33.3", 1, "0.999", "1", 31, "4", "133.2", 14),
    # 1 mg at 7 mg/mL: 1 ÷ (7 × 0.05) = 2.857 → 3 drops = 1.05 mg, +5 %: inside 5 %.
    # 3 mL as above; batch ⌈120 ÷ 7 = 17.1⌉ = 18 mL, 126 mg.
    (
        {"target": "1mg", "drop_volume": "0.05mL", "concentration": "7mg/mL"},
        "7", 3, "1.05", "3", 19, "18", "126", 14,
    ),
    # 0.45 mg at 4.5 mg/mL: 0.45 ÷ 0.225 = 2 drops exactly. 0.1 mL a dose: 2 mL, 19 doses;
    # batch ⌈120 ÷ 4.5 = 26.7⌉ = 27 mL, 121.5 mg.
    (
        {"target": "0.45mg", "drop_volume": "0.05mL", "concentration": "4.5mg/mL"},
        "4.5", 2, "0.45", "2", 19, "27", "121.5", 14,
    ),
    # a 0.03 mL dropper (33 drops a mL): 1.5 ÷ 0.03 = 50 mg/mL, the record's maximum (allowed).
    # 14 × 0.03 = 0.42 + spare 0.03 = 0.45 → 1 mL, 31 doses (0.93 + max(0.03, 5 % × 0.93 =
    # 0.0465) = 0.9765; 32 doses: 0.96 + 0.048 = 1.008 > 1). 50 mg < 120: batch ⌈120 ÷ 50 =
    # 2.4⌉ = 3 mL, 150 mg.
    ({"target": "1.5mg", "drop_volume": "0.03mL"}, "50", 1, "1.5", "1", 31, "3", "150", 14),
    # a balance sensitive to 1 mg: minimum 1 × 100 ÷ 5 = 20 mg. 4.5 mg in 2 drops: 2 mL × 45
    # = 90 mg ≥ 20: the batch is what is dispensed, 90 mg weighed.
    (
        {"target": "4.5mg", "drop_volume": "0.05mL", "drops": 2, "balance_sensitivity": "1mg"},
        "45", 2, "4.5", "2", 19, "2", "90", 14,
    ),
    # twice a day for 7 days: 14 doses, as case 1: 1 mL, 19 doses = 9 days (19 // 2).
    (
        {"target": "0.5mg", "drop_volume": "0.05mL", "doses_per_day": 2, "days": 7},
        "10", 1, "0.5", "1", 19, "12", "120", 9,
    ),
    # 10 days: 10 × 0.05 = 0.5 + 0.05 = 0.55 → 1 mL, still 19 doses, 14 days (the BUD).
    (
        {"target": "0.5mg", "drop_volume": "0.05mL", "days": 10},
        "10", 1, "0.5", "1", 19, "12", "120", 14,
    ),
    # the dihydrate, assay 99 % as is as the dihydrate: factor 0.99 × 377.86 ÷ 413.89 =
    # 0.9038 (docs/basis.md §1). 10 mg/mL: batch ⌈120 × 0.9038 ÷ 10 = 10.85⌉ = 11 mL, drug
    # 110 mg, powder 110 ÷ 0.9038 = 121.708 → 121.7 mg.
    (
        {
            "target": "0.5mg",
            "drop_volume": "0.05mL",
            "salt": "hcl-dihydrate",
            "assay": "99%",
            "assay_as": "hcl-dihydrate",
        },
        "10", 1, "0.5", "1", 19, "11", "121.7", 14,
    ),
    # 2 mg in 2 drops of 0.04 mL: 2 ÷ 0.08 = 25 mg/mL; 14 × 0.08 = 1.12 + 0.08 = 1.2 → 2 mL,
    # 23 doses (1.84 + max(0.08, 0.092) = 1.932; 24: 1.92 + 0.096 > 2). 2 × 25 = 50 mg < 120:
    # batch ⌈4.8⌉ = 5 mL, 125 mg.
    (
        {"target": "2mg", "drop_volume": "0.04mL", "drops": 2},
        "25", 2, "2", "2", 23, "5", "125", 14,
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("inputs", "concentration", "count", "dose", "dispensed", "doses", "batch", "powder", "days"),
    CASES,
)
def test_hand_checked_drops(
    inputs: dict[str, object],
    concentration: str,
    count: int,
    dose: str,
    dispensed: str,
    doses: int,
    batch: str,
    powder: str,
    days: int,
) -> None:
    result = drops(**inputs)  # type: ignore[arg-type]
    assert result.concentration == conc(concentration)
    assert result.drops == count
    assert result.dose_measured == mg(dose)
    assert result.final_volume == ml(dispensed)
    assert result.doses == doses
    assert result.batch_volume == ml(batch)
    assert result.api_weight == mg(powder)
    assert result.days_supply == days
    # a dose is whole drops within 5 % (issue 14)
    assert abs(result.dose_deviation.magnitude) <= 5
    # more is made than dispensed only for the minimum weighable quantity, and says so
    larger = result.batch_volume > result.final_volume
    assert [n.code for n in result.notes] == (["drops-batch-larger"] if larger else [])
    assert not [m for m in (*result.warnings, *result.notes) if getattr(m, "code", "") == "text"]
    # a bottle holding doses past the BUD is warned, as a liquid's (s5 review)
    outlasts = result.doses > result.bud.days * result.doses_per_day
    codes = [getattr(m, "code", "") for m in result.warnings]
    assert ("liquid-supply-outlasts-bud" in codes) == outlasts


# s5 review: 1 mL held 19 doses for a 14-day BUD without a word, while a liquid from tablets
# in the same case warned. 19 − 14 × 1 = 5 doses discarded; 1 mL is the record's volume step.
def test_a_bottle_that_outlasts_its_bud_is_warned(capsys: pytest.CaptureFixture[str]) -> None:
    (warned,) = drops(target="0.5mg", drop_volume="0.05mL").warnings
    assert warned.text("en", "cli") == (
        "The bottle holds 19 doses (19 days at 1 a day) but the BUD is 14 days: 5 doses will be "
        "discarded. Fix: discard the rest at the BUD (the bottle is filled in multiples of 1 mL)"
    )
    assert warned.text("fr", "cli") == (
        "Le flacon contient 19 doses (19 jours à 1 par jour), mais la date limite d'utilisation "
        "est de 14 jours : 5 doses seront jetées. Solution : jetez le reste à la date limite "
        "d'utilisation (le flacon est rempli par multiples de 1 mL)"
    )
    # twice a day for 7 days, 19 doses last 9 days: inside the BUD, no warning
    assert drops(target="0.5mg", drop_volume="0.05mL", doses_per_day=2, days=7).warnings == ()


def test_the_steps_show_the_working() -> None:
    result = drops(target="0.5mg", drop_volume="0.05mL")
    texts = [step.text() for step in result.steps]
    assert texts[0] == (
        "Concentration = dose ÷ (drops × drop volume) = 0.5 mg ÷ (1 × 0.05 mL) = 10 mg/mL"
    )
    assert texts[-1] == (
        "Powder to weigh = naltrexone HCl ÷ factor (to 0.1 mg) = 120 mg ÷ 1 = 120 mg"
    )
    assert result.steps[0].text("fr") == (
        "Concentration = dose ÷ (gouttes × volume d'une goutte) = 0,5 mg ÷ (1 × 0,05 mL) = 10 mg/mL"
    )


REFUSED = [
    # 0.45 ÷ (4 × 0.05) = 2.25 drops: 2 drops are 0.4 mg (−11 %); 4.5 mg/mL makes it 2
    (
        "drops --target 0.45mg --drop-volume 0.05mL --concentration 4mg/mL",
        'ldncalc: --concentration: "4mg/mL" gives 0.45 mg in 2.25 drops of 0.05 mL at 4 mg/mL, '
        "not a whole number of drops within 5 %; give --concentration 4.5mg/mL (2 drops a dose)",
    ),
    # 4.5 mg in 1 drop of 0.05 mL: 90 mg/mL, above 50; ⌈4.5 ÷ (50 × 0.05)⌉ = 2 drops
    (
        "drops --target 4.5mg --drop-volume 0.05mL",
        'ldncalc: --target: "4.5mg" needs 90 mg/mL (1 drop a dose), above the record\'s maximum '
        "of 50 mg/mL (below the solubility of naltrexone HCl, about 100 mg/mL); give --drops 2 "
        "or more",
    ),
    (
        "drops --target 0.5mg --drop-volume 0.3mL",
        'ldncalc: --drop-volume: "0.3mL" is not a drop volume from 0.02 mL to 0.1 mL; give the '
        "volume of one drop of the dropper dispensed, as the pharmacy calibrated it (a USP "
        "medicine dropper: 20 drops of water per mL, 0.05mL)",
    ),
    (
        "drops --target 0.5mg --drop-volume 0.05mL --days 30",
        'ldncalc: --days: "30" is beyond the BUD of 14 days; give --days 14 or fewer',
    ),
    # 0.1 mg in 5 drops of 0.05 mL: 0.4 mg/mL, 120 mg ÷ 0.4 = 300 mL > 100 mL. The least
    # concentration is 120 ÷ 100 = 1.2 mg/mL: 0.1 ÷ (1.2 × 0.05) = 1.67 → 1 drop (2 mg/mL, 60 mL)
    (
        "drops --target 0.1mg --drop-volume 0.05mL --drops 5",
        'ldncalc: --drops: "5" needs a batch of 300 mL to weigh the minimum weighable quantity '
        "(120 mg), more than the record's maximum of 100 mL; give --drops 1",
    ),
    # 0.1 mg in 5 drops of 0.02 mL: 1 mg/mL, 120 mL; 0.1 ÷ (1.2 × 0.02) = 4.17 → 4 drops
    (
        "drops --target 0.1mg --drop-volume 0.02mL --drops 5",
        'ldncalc: --drops: "5" needs a batch of 120 mL to weigh the minimum weighable quantity '
        "(120 mg), more than the record's maximum of 100 mL; give --drops 4 or fewer",
    ),
    # 4.5 mg at 1.5 mg/mL: 4.5 ÷ (1.5 × 0.05) = 60 drops, above the record's 5 (it was
    # accepted, the label saying "Place 60 drops"); 5 drops: 4.5 ÷ 0.25 = 18 mg/mL
    (
        "drops --target 4.5mg --drop-volume 0.05mL --concentration 1.5mg/mL",
        'ldncalc: --concentration: "1.5mg/mL" gives 4.5 mg in 60 drops of 0.05 mL at 1.5 mg/mL, '
        "more than the record's maximum of 5 drops a dose; give --concentration 18mg/mL "
        "(5 drops a dose)",
    ),
    # 0.1 mg at 0.1 mg/mL in 0.02 mL drops: 50 drops. 5 drops would be 1 mg/mL, a batch of
    # 120 ÷ 1 = 120 mL > 100; 4 drops: 0.1 ÷ 0.08 = 1.25 mg/mL, 96 mL
    (
        "drops --target 0.1mg --drop-volume 0.02mL --concentration 0.1mg/mL",
        'ldncalc: --concentration: "0.1mg/mL" gives 0.1 mg in 50 drops of 0.02 mL at 0.1 mg/mL, '
        "more than the record's maximum of 5 drops a dose; give --concentration 1.25mg/mL "
        "(4 drops a dose)",
    ),
    # 0.1 mg at 1 mg/mL: 2 drops, but 120 mg ÷ 1 mg/mL = 120 mL > 100 (it suggested --drops,
    # which --concentration contradicts); 1 drop: 0.1 ÷ 0.05 = 2 mg/mL, 60 mL
    (
        "drops --target 0.1mg --drop-volume 0.05mL --concentration 1mg/mL",
        'ldncalc: --concentration: "1mg/mL" needs a batch of 120 mL to weigh the minimum '
        "weighable quantity (120 mg), more than the record's maximum of 100 mL; give "
        "--concentration 2mg/mL (1 drop a dose)",
    ),
    # 3 drops at 10 mg/mL: 3 × 0.05 × 10 = 1.5 mg, not 1 mg (it said "1 mg in 2 drops");
    # 1 ÷ 0.15 = 6.67 mg/mL
    (
        "drops --target 1mg --drop-volume 0.05mL --drops 3 --concentration 10mg/mL",
        'ldncalc: --concentration: "10mg/mL" gives 1.5 mg in 3 drops of 0.05 mL at 10 mg/mL, '
        "not 1 mg within 5 %; give --concentration 6.67mg/mL (3 drops a dose)",
    ),
    # 1 drop of 0.05 mL for 4.5 mg needs 90 mg/mL, above 50: the nearest drops that work
    # are 2, at 4.5 ÷ 0.1 = 45 mg/mL, and --drops must change too
    (
        "drops --target 4.5mg --drop-volume 0.05mL --drops 1 --concentration 10mg/mL",
        'ldncalc: --concentration: "10mg/mL" gives 0.5 mg in 1 drop of 0.05 mL at 10 mg/mL, '
        "not 4.5 mg within 5 %; give --drops 2 --concentration 45mg/mL (2 drops a dose)",
    ),
    # 0.1 mg in 0.1 mL drops: 1 drop is 1 mg/mL, a batch of 120 mL > 100; no drops work
    (
        "drops --target 0.1mg --drop-volume 0.1mL --concentration 0.3mg/mL",
        'ldncalc: --concentration: "0.3mg/mL" gives 0.1 mg in 3.33 drops of 0.1 mL at 0.3 mg/mL, '
        "not a whole number of drops within 5 %; use a more sensitive balance "
        "(--balance-sensitivity)",
    ),
    (
        "drops --target 0.5mg --drop-volume 0.05mL --drops 9",
        'ldncalc: --drops: "9" is out of range; write a whole number from 1 to 5',
    ),
]


@pytest.mark.parametrize(("argv", "line"), REFUSED)
def test_refusals_are_one_line(argv: str, line: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(argv, capsys)
    assert (code, out, err) == (2, "", line + "\n")


def test_every_fix_is_accepted(capsys: pytest.CaptureFixture[str]) -> None:
    """The fixes the refusals suggest are accepted and do what they say."""
    fixed = drops(target="0.45mg", drop_volume="0.05mL", concentration="4.5mg/mL")
    assert fixed.drops == 2
    fixed = drops(target="4.5mg", drop_volume="0.05mL", drops=2)
    assert fixed.concentration <= fixed.concentration_maximum
    assert drops(target="0.5mg", drop_volume="0.05mL", days=14).days_supply == 14
    # 4 drops of 0.02 mL for 0.1 mg: 1.25 mg/mL, batch 120 ÷ 1.25 = 96 mL
    assert drops(target="0.1mg", drop_volume="0.02mL", drops=4).batch_volume == ml("96")
    assert drops(target="0.1mg", drop_volume="0.05mL", drops=1).batch_volume == ml("60")
    assert drops(target="4.5mg", drop_volume="0.05mL", concentration="18mg/mL").drops == 5
    fixed = drops(target="0.1mg", drop_volume="0.02mL", concentration="1.25mg/mL")
    assert (fixed.drops, fixed.batch_volume) == (4, ml("96"))
    fixed = drops(target="0.1mg", drop_volume="0.05mL", concentration="2mg/mL")
    assert (fixed.drops, fixed.batch_volume) == (1, ml("60"))
    fixed = drops(target="1mg", drop_volume="0.05mL", drops=3, concentration="6.67mg/mL")
    assert fixed.drops == 3
    fixed = drops(target="4.5mg", drop_volume="0.05mL", drops=2, concentration="45mg/mL")
    assert fixed.drops == 2
    # a 1 mg balance (minimum weighable 20 mg): 3 drops of 0.1 mL at 0.333 mg/mL, 60 mL
    fixed = drops(
        target="0.1mg", drop_volume="0.1mL", concentration="0.333mg/mL", balance_sensitivity="1mg"
    )
    assert fixed.drops == 3


@settings(max_examples=300, deadline=None)
@given(
    target=st.sampled_from(["0.1mg", "0.5mg", "1mg", "1.5mg", "3mg", "4.5mg"]),
    drop=st.sampled_from(["0.02mL", "0.03mL", "0.05mL", "0.1mL"]),
    count=st.none() | st.integers(1, 5),
    concentration=st.none()
    | st.decimals(Decimal("0.01"), Decimal("120"), places=2).map(lambda d: f"{d}mg/mL"),
)
@example(target="4.5mg", drop="0.05mL", count=None, concentration="1.5mg/mL")
@example(target="1mg", drop="0.05mL", count=3, concentration="10mg/mL")
@example(target="4.5mg", drop="0.05mL", count=1, concentration="10mg/mL")
@example(target="2mg", drop="0.03mL", count=None, concentration="119mg/mL")
def test_never_more_drops_than_the_record_allows_and_every_concentration_fix_is_accepted(
    target: str, drop: str, count: int | None, concentration: str | None
) -> None:
    """Whatever gives the drops, a result has at most the record's 5 a dose; a refusal that
    suggests a concentration (and the drops, when those asked for must change) is fixed by
    it."""
    inputs: dict[str, object] = {
        "target": target, "drop_volume": drop, "drops": count, "concentration": concentration
    }  # fmt: skip
    try:
        assert drops(**inputs).drops <= 5  # type: ignore[arg-type]
        return
    except UnsafeInputError as error:
        better = error.params.get("better")
        if better is None:
            return
        inputs["concentration"] = better
        if error.params["with_drops"]:
            inputs["drops"] = error.params["nearest"]
    except LdnCalcError:
        return
    fixed = drops(**inputs)  # type: ignore[arg-type]
    assert inputs["drops"] in (None, fixed.drops)


def test_the_fix_keeps_the_drops_asked_for() -> None:
    # 3 drops at 4 mg/mL are 0.6 mg for 0.45 mg: the fix is the concentration for 3 drops,
    # 0.45 ÷ 0.15 = 3 mg/mL
    with pytest.raises(UnsafeInputError) as caught:
        drops(target="0.45mg", drop_volume="0.05mL", drops=3, concentration="4mg/mL")
    assert caught.value.code == "drops-dose-mismatch"
    assert str(caught.value).endswith('give concentration="3mg/mL" (3 drops a dose)')
    assert drops(target="0.45mg", drop_volume="0.05mL", drops=3, concentration="3mg/mL").drops == 3


def test_refusals_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        "drops --target 0.45mg --drop-volume 0.05mL --concentration 4mg/mL --lang fr", capsys
    )
    assert code == 2
    assert err == (
        'ldncalc: --concentration: "4mg/mL" donne 0,45 mg en 2,25 gouttes de 0,05 mL à '
        "4 mg/mL, pas un nombre entier de gouttes à 5 % près; donnez --concentration 4.5mg/mL "
        "(2 gouttes par dose)\n"
    )


def test_a_drop_volume_must_be_a_volume() -> None:
    with pytest.raises(InputError) as caught:
        drops(target="0.5mg", drop_volume="0.05mg")
    assert caught.value.parameter == "drop_volume"


def test_screen_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run("drops --target 0.5mg --drop-volume 0.05mL", capsys)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Naltrexone HCl 10 mg/mL sublingual drops: 0.5 mg (1 drop) at bedtime"
    make = "Make     12 mL at 10 mg/mL (120 mg powder, 120 mg naltrexone HCl); dispense 1 mL"
    assert make in lines
    code, out, _ = run("drops --target 0.5mg --drop-volume 0.05mL --json", capsys)
    data = json.loads(out)
    assert data["kind"] == "drops"
    assert data["concentration"] == {"value": 10, "unit": "mg/mL"}
    assert data["drop_volume"] == {"value": 0.05, "unit": "mL"}
    assert data["api_weight"] == {"value": 120, "unit": "mg"}
    assert DropsResult.model_validate_json(json_text(drops(target="0.5mg", drop_volume="0.05mL")))
    code, out, _ = run("drops --target 0.5mg --drop-volume 0.05mL --lang fr", capsys)
    assert out.splitlines()[0] == (
        "Gouttes sublinguales de chlorhydrate de naltrexone 10 mg/mL : 0,5 mg (1 goutte) au coucher"
    )


@pytest.mark.usefixtures("printed_on_22_nov_2026")
def test_label_and_record_say_drops() -> None:
    result = drops(target="0.5mg", drop_volume="0.05mL")
    label = label_content(result, details(), PHARMACY)
    assert label.drug.text == "Naltrexone HCl 10 mg/mL sublingual drops (0.5 mg a drop) (LDN)"
    assert label.directions.text == "Place 1 drop (0.5 mg) under the tongue at bedtime"
    assert label.quantity.text == "Qty 1 mL"
    french = label_content(result, details(lang="fr"), PHARMACY)
    assert french.directions.text == "Déposer 1 goutte (0,5 mg) sous la langue au coucher"
    assert french.drug.text == (
        "Naltrexone HCl 10 mg/mL, gouttes sublinguales (LDN), 0,5 mg par goutte"
    )
    record = record_content(result, details(), PHARMACY)
    rows = {row[0]: row[1] for s in record.sections for b in s.blocks if hasattr(b, "rows")
            for row in b.rows if len(row) == 2}  # fmt: skip
    assert rows["Drop volume (calibrated)"] == "0.05 mL"
    assert rows["Quantity made"] == "12 mL"
    assert rows["Batch volume"] == "12 mL"
    # s5 review: the 19 doses the 1 mL holds (19 × 0.05 = 0.95 mL) and step 3's 14 days asked
    # (14 × 0.05 = 0.7 mL) had one name: now two
    assert rows["Volume of the doses held"] == "0.95 mL (19 doses)"
    assert result.steps[2].text() == (
        "Volume for the doses asked = dose volume × doses a day × days = 0.05 mL × 1 × 14 = 0.7 mL"
    )
    french = record_content(result, details(lang="fr"), PHARMACY)
    rows = {row[0]: row[1] for s in french.sections for b in s.blocks if hasattr(b, "rows")
            for row in b.rows if len(row) == 2}  # fmt: skip
    assert rows["Volume des doses contenues"] == "0,95 mL (19 doses)"
    assert result.steps[2].text("fr").startswith("Volume des doses demandées = ")


@pytest.mark.usefixtures("printed_on_22_nov_2026")
def test_a_dose_is_shown_to_the_concentrations_figures_everywhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 1 mg in 3 drops of 0.05 mL: 6.67 mg/mL (3 figures), 3 × 0.05 × 6.67 = 1.0005 mg; the
    # concentration is known to 3 figures, so is the dose: 1 mg, and 0.05 × 6.67 = 0.3335 →
    # 0.334 mg a drop. Only the calculation step shows the product before rounding.
    argv = "drops --target 1mg --drop-volume 0.05mL --drops 3"
    result = drops(target="1mg", drop_volume="0.05mL", drops=3)
    label = label_content(result, details(), PHARMACY)
    assert label.drug.text == "Naltrexone HCl 6.67 mg/mL sublingual drops (0.334 mg a drop) (LDN)"
    assert label.directions.text == "Place 3 drops (1 mg) under the tongue at bedtime"
    french = label_content(result, details(lang="fr"), PHARMACY)
    assert french.directions.text == "Déposer 3 gouttes (1 mg) sous la langue au coucher"
    record = record_content(result, details(), PHARMACY)
    rows = {row[0]: row[1] for s in record.sections for b in s.blocks if hasattr(b, "rows")
            for row in b.rows if len(row) == 2}  # fmt: skip
    assert rows["Dose"] == "1 mg measured for 1 mg prescribed (0 %)"
    assert [step.text() for step in result.steps][1] == (
        "Dose measured = drops × drop volume × concentration (3 significant figures) = "
        "3 × 0.05 mL × 6.67 mg/mL = 1.0005 mg → 1 mg"
    )
    _, out, _ = run(argv, capsys)
    assert "Dose     1 mg = 3 drops of 0.05 mL (1 mg)" in out.splitlines()
    _, out, _ = run(f"{argv} --json", capsys)
    data = json.loads(out)
    assert data["dose_measured"] == {"value": 1, "unit": "mg"}
    assert data["dose_deviation"] == {"value": 0, "unit": "%"}
    fhir = tmp_path / "drops.json"
    assert run(f"{argv} --fhir {fhir}", capsys)[0] == 0
    bundle = fhir.read_text(encoding="utf-8")
    assert "Place 3 drops (1 mg) under the tongue at bedtime" in bundle
    assert "(0.334 mg a drop)" in bundle
    assert "1.0005" not in bundle
    assert "0.3335" not in bundle


@pytest.mark.usefixtures("printed_on_22_nov_2026")
def test_directions_in_drops_are_checked() -> None:
    result = drops(target="0.5mg", drop_volume="0.05mL")
    check_directions(result, "Place 1 drop under the tongue at bedtime", "en")
    with pytest.raises(LdnCalcError) as caught:
        check_directions(result, "Place 2 drops under the tongue at bedtime", "en")
    assert caught.value.code == "directions-wrong-dose"
    from ldncalc import liquid

    with pytest.raises(LdnCalcError):  # drops are for this form only
        check_directions(liquid(target="4.5mg"), "Take 5 drops by mouth at bedtime", "en")


@pytest.mark.usefixtures("printed_on_22_nov_2026")
def test_issue_writes_label_record_and_log(tmp_path: Path) -> None:
    book = tmp_path / "log.sqlite3"
    result = drops(target="0.5mg", drop_volume="0.05mL")
    issue(
        result,
        details(),
        profile=PHARMACY,
        label=str(tmp_path / "label.txt"),
        record=str(tmp_path / "record.pdf"),
        log=str(book),
        inputs={"target": "0.5mg", "drop_volume": "0.05mL"},
    )
    assert "sublingual drops" in (tmp_path / "label.txt").read_text(encoding="utf-8")
    assert (tmp_path / "record.pdf").read_bytes().startswith(b"%PDF")
    with open_log(str(book)) as opened:
        _, entries = show(opened, LOT)
    assert entries[0].body["result"]["kind"] == "drops"
    assert entries[0].formulation_id == "ldn-drops-water"


def test_screen_text_has_no_english_in_french() -> None:
    from ldncalc.locale import Voice

    text = bench_text(drops(target="0.5mg", drop_volume="0.05mL"), voice=Voice("fr", "cli"))
    for word in (" the ", " and ", " of ", " with ", " drop "):
        assert word not in text
