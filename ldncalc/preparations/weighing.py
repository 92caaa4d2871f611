"""What a balance can weigh (docs/basis.md §8; USP <1251>): its sensitivity as a pharmacist
gives it, and the minimum weighable quantity it sets. Shared by every preparation that weighs
a powder (capsules, and a liquid's excipients).

Minimum weighable quantity = balance sensitivity × 100 ÷ acceptable error % (USP: at most 5 %
error), so a balance sensitive to 6 mg cannot weigh less than 120 mg; below it a powder is
weighed by the aliquot method (:mod:`ldncalc.preparations.capsule.aliquot`).
"""

from __future__ import annotations

import math
from decimal import Decimal
from functools import lru_cache
from typing import Any

from ldncalc.errors import UnsafeInputError
from ldncalc.units import BALANCE_SENSITIVITY, DIMENSIONLESS, MG, Qty, Quantity, as_quantity

# ldncalc defaults: a balance sensitivity outside these is a typo (6g for 6mg, 6mcg for 6mg);
# an ultramicro balance reads 0.1 mcg, a class III prescription balance 6 mg (§8)
MIN_SENSITIVITY = Quantity(Decimal("0.001"), MG)
MAX_SENSITIVITY = Quantity(100, MG)
WEIGHT_PLACES = 1  # mg: an analytical balance reads 0.1 mg


def read_sensitivity(value: object, default: Qty) -> Qty:
    """``--balance-sensitivity``: the smallest mass the balance detects (default: the
    formulation's limits, 6 mg: docs/basis.md §8). Above :data:`MAX_SENSITIVITY` it is refused
    as a likely typo (6g for 6mg), as is one below :data:`MIN_SENSITIVITY`."""
    if value is None:
        return default
    sensitivity = as_quantity(
        value, option="--balance-sensitivity", kinds=(BALANCE_SENSITIVITY,)
    ).to(MG)
    if not MIN_SENSITIVITY <= sensitivity <= MAX_SENSITIVITY:
        raise UnsafeInputError(
            "balance_sensitivity",
            value,
            code="aliquot-balance-sensitivity-outside",
            minimum=MIN_SENSITIVITY,
            maximum=MAX_SENSITIVITY,
        )
    return sensitivity


def minimum_weighable(sensitivity: Qty, error: Qty) -> Qty:
    """Balance sensitivity × 100 ÷ error %, in mg rounded up to the balance's 0.1 mg
    (6 mg at 5 % → 120 mg)."""
    # capsule() asks for every batch: kept per value (pint's unit containers hash cheaply)
    return _minimum(sensitivity.magnitude, sensitivity._units, error.magnitude, error._units)


@lru_cache(maxsize=64)
def _minimum(sensitivity: Decimal, sensitivity_unit: Any, error: Decimal, error_unit: Any) -> Qty:
    fraction = Quantity(error, error_unit).to(DIMENSIONLESS)
    exact = (Quantity(sensitivity, sensitivity_unit) / fraction).to(MG).magnitude
    step = Decimal(1).scaleb(-WEIGHT_PLACES)
    return Quantity(math.ceil(exact / step) * step, MG)
