"""The figures of a batch of capsules, in exact Decimal: numbers only, no text, no records.

The calculation (docs/basis.md §4, §1 and §8)::

    batch             = quantity + overage (a count, or a percentage rounded up)
    packing statistic = filler one capsule holds: --fill-weight, or volume × bulk density
    from API          = strength × batch ÷ factor, the factor from the certificate of
                        analysis (mg naltrexone HCl per mg of powder: certificate.py)
    from tablets      = tablets: strength × batch ÷ tablet strength, rounded up;
                        powder:  strength × batch ÷ tablet strength × tablet weight;
                        crushed: powder to weigh ÷ (tablet weight × (100 % − loss
                        allowance)), rounded up, when that is more tablets (limits.py)
    filler            = batch × packing statistic − active powder (equal-density displacement)
    net fill weight   = packing statistic, accepted within ± 10 % (the powder alone, weighed
                        on a balance tared with an empty shell)
    gross weight      = net fill weight + one empty shell (--shell-weight, the pharmacy
                        profile's, or the catalog's typical weight by size and material)
    days of supply    = capsules ÷ doses a day, never more than the BUD (checks.days_of_supply)

Weights are rounded to 0.1 mg (an analytical balance's readability), and the filler is
calculated from the rounded active weight, so active + filler = batch × fill weight exactly.

Units: the arithmetic is exact Decimal in fixed units (issue 11: a pint operation costs
9–15 µs, the same Decimal one 0.2 µs). Every mass is in mg, a volume in mL, a bulk density in
mg/mL, a percentage in percent (5 for 5 %); counts are ints. Quantities enter the core only
through :func:`in_unit`, which converts them to the core's unit and refuses (pint's
DimensionalityError) a quantity of any other dimension, and leave it through
:func:`mass` (and :func:`quantity`), which give the figure its unit back.
tests/test_capsule_core.py compares these functions with the same formulas in pint on random
inputs.
"""

from __future__ import annotations

import math
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from functools import cache
from typing import Any, NamedTuple

import pint

from ldncalc.catalogs import CapsuleSize, Catalog, Filler
from ldncalc.errors import UnsafeInputError
from ldncalc.formatting import round_to
from ldncalc.units import MG, MG_PER_ML, ML, Qty, Quantity, ureg

WEIGHT_PLACES = 1  # mg: the readability of an analytical balance (0.1 mg)
NEEDED_PLACES = 4  # mg: a drug amount delivered by aliquot is kept to 0.1 mcg
PERCENT = Decimal("0.01")  # 1 % as a fraction


_new = object.__new__

# -- the edges: quantities in, quantities out ----------------------------------------------


def in_unit(value: Qty, unit: pint.Unit) -> Decimal:
    """``value``'s magnitude in ``unit`` (one of the core's units), exact; a quantity of
    another dimension raises pint's DimensionalityError (a unit mistake never reaches the
    arithmetic)."""
    magnitude = value.magnitude
    if not isinstance(magnitude, Decimal):
        magnitude = Decimal(magnitude)
    if value._units is unit._units or value._units == unit._units:
        return magnitude
    return magnitude * _factor(value._units, unit._units)


@cache
def _factor(source: Any, target: Any) -> Decimal:
    """What a magnitude in ``source`` units is multiplied by to be in ``target`` units, as pint
    converts it (its own conversion of 1, checked for dimension once per pair)."""
    factor = Quantity(Decimal(1), ureg.Unit(source)).to(ureg.Unit(target)).magnitude
    return factor if isinstance(factor, Decimal) else Decimal(factor)


def quantity(magnitude: Decimal, unit: pint.Unit) -> Qty:
    """A core figure with its unit: ``Quantity(magnitude, unit)`` for an exact Decimal and a
    unit of ldncalc's registry, without pint's checks of its arguments (a tenth of the time)."""
    made = _new(Quantity)
    made._magnitude = magnitude
    made._units = unit._units
    return made


def mass(magnitude: Decimal) -> Qty:
    """A mass in mg."""
    return quantity(magnitude, MG)


# -- the core -------------------------------------------------------------------------------


_ONE = Decimal(1)
_STEPS = {places: Decimal(1).scaleb(-places) for places in (WEIGHT_PLACES, 2, NEEDED_PLACES)}


def weight(mg: Decimal, places: int = WEIGHT_PLACES, rounding: str = ROUND_HALF_UP) -> Decimal:
    """A mass in mg rounded to what the balance reads (half-up unless told otherwise),
    written as the formatter's round_to writes it (no trailing zero: 120, 4.5)."""
    step = _STEPS.get(places) or Decimal(1).scaleb(-places)
    rounded = mg.quantize(step, rounding=rounding)
    if not rounded or rounded.adjusted() > 20:  # -0, or a figure round_to writes itself
        return round_to(rounded, places)
    # as round_to writes it: no trailing zero, and a whole number not as 3E+2 but 300
    normal = rounded.normalize()
    return normal.quantize(_ONE) if normal == normal.to_integral() else normal


def active_weight(mg: Decimal, minimum: Decimal) -> Decimal:
    """The drug (or tablet) powder needed. At or above the minimum weighable quantity it is
    weighed directly and rounded to the balance's 0.1 mg (an error under 0.05 %); below it
    the aliquot method delivers it, so it stays exact to 0.1 mcg rather than becoming a
    different dose (0.06 mg is not 0.1 mg)."""
    # 119.987 mg is weighed as 120 mg: rounded to the balance, it is weighable (an aliquot of
    # it would be the whole mixture, with nothing to discard)
    rounded = weight(mg)
    return rounded if rounded >= minimum else weight(mg, NEEDED_PLACES)


def packing_estimate(volume: Decimal, bulk_density: Decimal) -> Decimal:
    """The filler one capsule holds (mg): its volume (mL) × the filler's bulk density
    (mg/mL), to the balance's 0.1 mg."""
    return weight(volume * bulk_density)


def api_to_weigh(dose: Decimal, batch: int, factor: Decimal, minimum: Decimal) -> Decimal:
    """The API powder to weigh (mg) for ``batch`` capsules of ``dose`` mg naltrexone HCl:
    dose × batch ÷ the certificate's factor."""
    return active_weight(dose * batch / factor, minimum)


class FromTablets(NamedTuple):
    """The tablets that hold a batch's drug (``exact``, then ``tablets`` rounded up) and
    their powder to weigh (mg)."""

    exact: Decimal
    tablets: int
    powder: Decimal


def from_tablets(
    dose: Decimal, batch: int, strength: Decimal, tablet_weight: Decimal, minimum: Decimal
) -> FromTablets:
    """The tablets and tablet powder for ``batch`` capsules of ``dose`` mg (tablets of
    ``strength`` mg weighing ``tablet_weight`` mg)."""
    exact = dose * batch / strength
    return FromTablets(exact, math.ceil(exact), active_weight(exact * tablet_weight, minimum))


class Crushing(NamedTuple):
    """Tablets to crush so that ``weighed`` is at most ``usable`` % of their powder:
    ``exact`` before rounding up, ``tablets`` (at least those holding the drug), and whether
    that many also hold ``weighed`` without the loss allowance (``enough``)."""

    usable: Decimal  # %
    exact: Decimal
    tablets: int
    enough: bool


def crushing(
    tablets: int, tablet_weight: Decimal, weighed: Decimal, allowance: Decimal
) -> Crushing:
    """The tablets to crush for ``weighed`` mg of their powder: at least the ``tablets`` that
    hold the batch's drug, and enough that ``weighed`` is at most (100 % − ``allowance`` %)
    of the powder crushed. Weighing all of it (2.5 mg × 60 = 3 tablets exactly) is impossible
    once some powder stays in the mortar."""
    usable = 100 - allowance
    exact = weighed / (tablet_weight * usable) / PERCENT
    crushed = max(tablets, math.ceil(exact))
    return Crushing(usable, exact, crushed, crushed == math.ceil(weighed / tablet_weight))


class Fill(NamedTuple):
    """The filler of a batch and the accepted range of one capsule's net fill weight (mg)."""

    filler: Decimal
    low: Decimal
    high: Decimal


def fill(packing: Decimal, batch: int, active: Decimal, tolerance: Decimal) -> Fill:
    """The filler (batch × packing − active) and the fill weight ± ``tolerance`` %, rounded
    inward (low up, high down): a capsule at either printed limit is within the tolerance."""
    fraction = tolerance * PERCENT
    low = weight(packing * (1 - fraction), rounding=ROUND_CEILING)
    high = weight(packing * (1 + fraction), rounding=ROUND_FLOOR)
    return Fill(packing * batch - active, low, high)


def directly(minimum: Decimal, per_capsule: Decimal) -> int:
    """The batch at which ``per_capsule`` mg of active add up to the minimum weighable."""
    return math.ceil(minimum / per_capsule)


def does_not_fit(
    per_capsule: Decimal,
    packing: Decimal,
    shell: CapsuleSize,
    filler: Filler,
    fill_weight: object,
    catalog: Catalog,
) -> UnsafeInputError:
    """The error for an active powder that fills one capsule, or more than it holds, with the
    smallest size that holds it and filler (scaled by volume from the packing statistic used)."""
    volume = in_unit(shell.volume, ML)
    # the same estimate, rounded the same way, as a run with --size would make
    per_volume = in_unit(filler.bulk_density, MG_PER_ML) if fill_weight is None else None
    holds = {}
    for size in catalog.capsule_sizes:
        other = in_unit(size.volume, ML)
        holds[size.name] = weight(
            per_volume * other if per_volume is not None else packing / volume * other
        )
    fits = [
        s
        for s in sorted(catalog.capsule_sizes, key=lambda s: s.volume)
        if holds[s.name] > per_capsule
    ]
    option, value = (
        ("fill_weight", fill_weight) if fill_weight is not None else ("size", shell.name)
    )
    return UnsafeInputError(
        option,
        value,
        code="capsule-does-not-fit",
        powder=mass(weight(per_capsule, 2)),
        size=shell.name,
        packing=mass(packing),
        filler=filler.name,
        over=per_capsule > packing,  # more than the capsule holds, or exactly as much
        fits=fits[0].name if fits else None,
        holds=mass(holds[fits[0].name]) if fits else None,
        weighed=fill_weight is not None,  # the fill weight weighed is for this size only
    )
