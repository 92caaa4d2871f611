"""What to take of each ingredient of an oral liquid."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ldncalc import messages
from ldncalc.formatting import format_quantity as fq
from ldncalc.formatting import round_to
from ldncalc.formulations import Formulation
from ldncalc.models import Amount
from ldncalc.quantities import magnitude, quantity
from ldncalc.units import MG, ML, Qty


def ingredient_amounts(
    record: Formulation, tablets: int, strength: Qty, final_volume: Qty, *, validate: bool = False
) -> tuple[Amount, ...]:
    """What to take of each ingredient for ``final_volume``: the tablets (named by the
    strength used; none when ``tablets`` is 0, for the vehicle alone), excipients scaled from
    the record's ``per`` volume, the vehicle to volume. ``validate``: pydantic checks each
    amount (for a ``final_volume`` not made up to what a cylinder reads: a serial dilution's
    stock, which is refused when it has more digits than any amount needs)."""
    assert record.per is not None
    built = _validated if validate else _built
    # exact Decimals: the record's amounts are for its ``per`` volume (mL)
    scale = magnitude(final_volume, ML) / magnitude(record.per, ML)
    amounts = []
    for item in record.ingredients:
        common = {"name": item.name, "role": item.role, "function": item.function}
        if item.role == "active":
            if not tablets:  # the vehicle alone (a diluent)
                continue
            common["name"] = f"Naltrexone HCl {fq(strength)} tablets"
            drug = quantity(magnitude(strength, MG) * tablets, MG)
            amounts.append(built(Amount, **common, tablets=tablets, mass=drug, drug_dispensed=drug))
        elif item.qs:
            amounts.append(built(Amount, **common, qs_to=final_volume))
        elif item.mass is not None:
            unit = item.mass.units
            places = 3 if str(unit) == "gram" else 0  # 1 mg
            mass = _scaled(item.mass, scale)
            amounts.append(built(Amount, **common, mass=quantity(round_to(mass, places), unit)))
        elif item.volume is not None:
            volume = magnitude(item.volume, ML) * scale
            amounts.append(built(Amount, **common, volume=quantity(round_to(volume, 1), ML)))
    return tuple(amounts)


def _validated(model: type[Amount], /, **values: Any) -> Amount:
    return model(**values)


_built = messages.built


def _scaled(mass: Qty, scale: Decimal) -> Decimal:
    """``mass`` × ``scale``, in ``mass``'s own unit."""
    return magnitude(mass, mass.units) * scale
