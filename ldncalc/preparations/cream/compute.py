"""A cream's figures by weight: numbers and units only (docs/basis.md §9, §8, §1).

::

    drug        = quantity × strength
    powder      = drug ÷ the certificate's factor (to 0.1 mg)
    excipient   = its amount per the record's weight × quantity ÷ that weight (to 0.1 mg)
    base        = quantity − powder − excipients (weighed "to" the total, to 1 mg)
    least       = the smallest quantity whose every weighing is at least the minimum
                  weighable quantity: for each, minimum × per-weight ÷ amount, up to whole g
    applications = quantity ÷ dose, whole
"""

from __future__ import annotations

import math

from ldncalc.formatting import round_to
from ldncalc.units import DIMENSIONLESS, MG, G, Qty, Quantity

WEIGHT_PLACES = 1  # mg: the analytical balance's 0.1 mg
# g: the base is weighed "to" the total on the prescription balance (6 mg sensitivity,
# docs/basis.md §8), not to the analytical balance's 0.1 mg: to 1 mg, as a liquid's excipients
BASE_PLACES = 3


def weighed(mass: Qty) -> Qty:
    """``mass`` to the balance's 0.1 mg, in mg below 1 g and in g from 1 g (1.5 g, 150 mg)."""
    milligrams = round_to(mass.to(MG).magnitude, WEIGHT_PLACES)
    if milligrams < 1000:
        return Quantity(milligrams, MG)
    grams: Qty = Quantity(round_to(milligrams / 1000, WEIGHT_PLACES + 3), G)
    return grams


def to_base_balance(mass: Qty) -> Qty:
    """``mass`` in g to the prescription balance's 1 mg (the base and what it is weighed to)."""
    grams: Qty = Quantity(round_to(mass.to(G).magnitude, BASE_PLACES), G)
    return grams


def share(amount: Qty, quantity: Qty, per: Qty) -> Qty:
    """An excipient's mass for ``quantity``: ``amount`` per ``per``, scaled."""
    return weighed(amount * (quantity / per).to(DIMENSIONLESS).magnitude)


def least_quantity(minimum: Qty, per_gram: list[Qty]) -> Qty:
    """The smallest whole-gram quantity in which every weighing of ``per_gram`` (mg of that
    ingredient a g of cream, mg/g) is at least ``minimum``."""
    grams = max(math.ceil((minimum / each).to(G).magnitude) for each in per_gram)
    value: Qty = Quantity(grams, G)
    return value


def applications(quantity: Qty, dose: Qty) -> int:
    return int((quantity / dose).to(DIMENSIONLESS).magnitude)
