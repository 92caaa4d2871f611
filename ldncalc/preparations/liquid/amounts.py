"""What to take of each ingredient of an oral liquid."""

from __future__ import annotations

from ldncalc.formatting import format_quantity as fq
from ldncalc.formatting import round_to
from ldncalc.formulations import Formulation
from ldncalc.models import Amount
from ldncalc.units import DIMENSIONLESS, ML, Qty, Quantity, converted


def ingredient_amounts(
    record: Formulation, tablets: int, strength: Qty, final_volume: Qty
) -> tuple[Amount, ...]:
    """What to take of each ingredient for ``final_volume``: the tablets (named by the
    strength used; none when ``tablets`` is 0, for the vehicle alone), excipients scaled from
    the record's ``per`` volume, the vehicle to volume."""
    assert record.per is not None
    scale = (final_volume / record.per).to(DIMENSIONLESS)
    amounts = []
    for item in record.ingredients:
        common = {"name": item.name, "role": item.role, "function": item.function}
        if item.role == "active":
            if not tablets:  # the vehicle alone (a diluent)
                continue
            common["name"] = f"Naltrexone HCl {fq(strength)} tablets"
            drug = strength * tablets
            amounts.append(Amount(**common, tablets=tablets, mass=drug, drug_dispensed=drug))
        elif item.qs:
            amounts.append(Amount(**common, qs_to=final_volume))
        elif item.mass is not None:
            mass = (item.mass * scale).to(item.mass.units)
            places = 3 if str(mass.units) == "gram" else 0  # 1 mg
            amounts.append(
                Amount(**common, mass=Quantity(round_to(mass.magnitude, places), mass.units))
            )
        elif item.volume is not None:
            vol = converted(item.volume * scale, ML)
            amounts.append(Amount(**common, volume=Quantity(round_to(vol.magnitude, 1), ML)))
    return tuple(amounts)
