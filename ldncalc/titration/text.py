"""How a titration writes a dose for a person to read."""

from __future__ import annotations

from decimal import Decimal

from ldncalc.formatting import format_quantity as fq
from ldncalc.units import MCG, MG, Qty, Quantity


def dose_text(dose: Qty) -> str:
    """A dose as a person reads it: in mcg below 0.1 mg (25 mcg, not 0.025 mg), else mg."""
    if dose < Quantity(Decimal("0.1"), MG):
        return fq(dose, unit=MCG)
    return fq(dose, unit=MG)
