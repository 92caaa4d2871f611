"""Worked examples from published sources (docs/basis.md), through the library."""

from __future__ import annotations

from decimal import Decimal

from pint.testing import assert_equal

from ldncalc import Quantity, liquid


def test_one_tablet_in_50_ml_is_1_mg_per_ml_and_holds_11_doses_of_4_5_mg() -> None:
    # nathankennard.com/ldn/dosecalculator.html: 1 tablet in 50 mL water = 1 mg/mL;
    # 4.5 mg is 4.5 mL; the bottle holds 11 full doses, but only with no spare (docs/basis.md
    # §3): 11 × 4.5 mL = 49.5 mL leaves 0.5 mL, less than the greater of 1 dose (4.5 mL) and
    # 5 % of 49.5 mL. With the spare it is counted as 10 doses: 45 mL + 4.5 mL ≤ 50 mL.
    result = liquid(target="4.5mg", volume="50mL")
    assert result.tablets == 1
    assert_equal(result.concentration, Quantity(Decimal(1), "milligram/milliliter"))
    assert_equal(result.dose_volume, Quantity(Decimal("4.5"), "milliliter"))
    assert result.doses == 10
