"""Sublingual drops' figures: numbers and units only (docs/basis.md §9, §8, §3).

::

    concentration = dose ÷ (drops × drop volume)     (3 significant figures), or the one asked
    drops         = dose ÷ (concentration × drop volume), a whole number within 5 %
    dose measured = drops × drop volume × concentration   (3 significant figures, as the
                    concentration: 3 × 0.05 mL × 6.67 mg/mL = 1.0005 → 1 mg)
    for the doses = drops × drop volume × doses a day × days
    spare         = the greater of the record's doses and % of the volume for the doses
    to dispense   = volume for the doses + spare, up to the record's volume step
    batch         = the volume dispensed, or more: enough that the powder weighed is at
                    least the minimum weighable quantity (the rest is not dispensed)
    drug          = batch × concentration;  powder = drug ÷ the certificate's factor
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from ldncalc.formulations import Spare
from ldncalc.units import DIMENSIONLESS, MG, MG_PER_ML, ML, PCT, Qty, Quantity

TOLERANCE = Decimal(5)  # % a dose of whole drops may differ from the target (issue 14)
CONCENTRATION_FIGURES = 3  # a concentration worked out is written to 3 significant figures
POWDER_PLACES = 1  # mg: the analytical balance's 0.1 mg


def significant(value: Decimal, figures: int = CONCENTRATION_FIGURES) -> Decimal:
    """``value`` rounded half up to ``figures`` significant figures (6.6667 → 6.67)."""
    if value == 0:
        return value
    exponent = value.adjusted() - figures + 1
    rounded = value.quantize(Decimal(1).scaleb(exponent), rounding=ROUND_HALF_UP)
    return plain(rounded)


def plain(value: Decimal) -> Decimal:
    """``value`` without trailing zeros and never in exponent form (1E+1 → 10)."""
    normal = value.normalize()
    exponent = normal.as_tuple().exponent
    return normal.quantize(Decimal(1)) if isinstance(exponent, int) and exponent > 0 else normal


def concentration_for(dose: Qty, drops: int, drop: Qty) -> Qty:
    """The concentration that gives ``dose`` in ``drops`` drops of ``drop`` mL."""
    exact = (dose / (drop * drops)).to(MG_PER_ML).magnitude
    return Quantity(significant(exact), MG_PER_ML)


def measured_dose(drops: int, drop: Qty, concentration: Qty, target: Qty) -> Qty:
    """The drug in ``drops`` drops of ``drop`` mL at ``concentration``, in ``target``'s unit, to the
    concentration's 3 significant figures: a concentration known to 3 figures gives a dose
    known to 3, so 3 × 0.05 mL × 6.67 mg/mL is 1 mg, not 1.0005 mg (docs/basis.md §9)."""
    exact = (concentration * drop * drops).to(target.units)
    return Quantity(significant(exact.magnitude), exact.units)


def exact_drops(dose: Qty, concentration: Qty, drop: Qty) -> Decimal:
    """Drops of ``drop`` mL at ``concentration`` that hold ``dose`` (not rounded)."""
    return Decimal((dose / (concentration * drop)).to(DIMENSIONLESS).magnitude)


def deviation(measured: Qty, dose: Qty) -> Decimal:
    """(measured − dose) ÷ dose, in %."""
    return Decimal(((measured - dose) / dose).to(PCT).magnitude)


def within(measured: Qty, dose: Qty) -> bool:
    return abs(deviation(measured, dose)) <= TOLERANCE


class Volumes(NamedTuple):
    dose: Qty  # mL a dose
    for_doses: Qty
    spare: Qty
    dispensed: Qty
    doses: int  # whole doses the dispensed volume holds with its spare


def spare_for(dose: Qty, doses: int, spare: Spare) -> Qty:
    """The greater of ``spare.doses`` doses and ``spare.percent`` % of the doses' volume."""
    by_doses: Qty = (dose * spare.doses).to(ML)
    by_percent: Qty = (dose * doses * spare.percent / 100).to(ML)
    return by_doses if by_doses >= by_percent else by_percent


def volumes(dose_volume: Qty, doses: int, spare: Spare, step: Qty) -> Volumes:
    for_doses = (dose_volume * doses).to(ML)
    least = spare_for(dose_volume, doses, spare)
    step_ml = step.to(ML).magnitude
    dispensed = Quantity(math.ceil((for_doses + least).to(ML).magnitude / step_ml) * step_ml, ML)
    held = doses
    while (dose_volume * (held + 1) + spare_for(dose_volume, held + 1, spare)) <= dispensed:
        held += 1
    return Volumes(dose_volume.to(ML), for_doses, least, dispensed, held)


def powder_for(drug: Qty, factor: Decimal) -> Qty:
    """The API powder that holds ``drug`` mg of naltrexone HCl, to the balance's 0.1 mg."""
    exact = drug.to(MG).magnitude / factor
    step = Decimal(1).scaleb(-POWDER_PLACES)
    return Quantity((exact / step).to_integral_value(rounding=ROUND_HALF_UP) * step, MG)


def batch_volume(dispensed: Qty, concentration: Qty, factor: Decimal, least: Qty, step: Qty) -> Qty:
    """The volume to make: ``dispensed``, or the least multiple of ``step`` whose powder is
    at least ``least`` (the minimum weighable quantity)."""
    powder = (dispensed * concentration).to(MG).magnitude / factor
    if powder >= least.to(MG).magnitude:
        return dispensed
    needed = least.to(MG).magnitude * factor / concentration.to(MG_PER_ML).magnitude
    step_ml = step.to(ML).magnitude
    volume: Qty = Quantity(math.ceil(needed / step_ml) * step_ml, ML)
    return volume
