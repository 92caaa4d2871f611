"""Reading a cream's inputs: the record's ``[form]`` table, the strength (one the record
lists), the quantity and the dose applied by weight; anything doubtful is refused."""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ldncalc.checks import validation_problem
from ldncalc.errors import FormulationError, UnsafeInputError
from ldncalc.formatting import typed
from ldncalc.formulations import Formulation
from ldncalc.limits import Limits
from ldncalc.quantities import Mass, Strength, Volume
from ldncalc.units import (
    CREAM_DOSE,
    CREAM_WEIGHT,
    DIMENSIONLESS,
    MG,
    MG_PER_G,
    STRENGTH,
    G,
    Qty,
    Quantity,
    as_quantity,
    converted,
)

# The least cream applied at a time: less is most likely a dose of the drug typed as one of
# cream (--dose 10mg: 10 mg of cream, 0.1 mg of naltrexone HCl at 10 mg/g).
LEAST_APPLIED = Quantity(Decimal("0.1"), G)


class CreamRecord(BaseModel):
    """A cream record's ``[form]`` table: the excipients' amounts are per ``per``; only
    ``strengths`` are made (docs/basis.md §9: the USP monograph's 10 mg/g); directions in
    grams, or in actuations of a metered pump of ``pump_volume`` that delivers ``pump_mass``
    of this cream (weighed by the pharmacy)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    per: Mass
    strengths: tuple[Strength, ...] = Field(min_length=1)
    quantity_minimum: Mass
    quantity_maximum: Mass
    dose: Mass
    directions: Literal["grams", "pump"] = "grams"
    pump_volume: Volume | None = None
    pump_mass: Mass | None = None


def cream_record(record: Formulation) -> CreamRecord:
    """The ``[form]`` table of a cream record, checked (a bad one names the file)."""
    try:
        table = CreamRecord.model_validate(record.form)
    except ValidationError as error:
        problem = error.errors()[0]
        where = "form." + ".".join(str(part) for part in problem["loc"])
        raise FormulationError(
            record.path or record.id, where, code="cream-record-invalid", field=where,
            error=validation_problem(problem, where, FormulationError),
        ) from None  # fmt: skip
    if table.directions == "pump" and (table.pump_volume is None or table.pump_mass is None):
        raise FormulationError(
            record.path or record.id,
            "form.directions",
            code="cream-pump-needs-measures",
        )
    return table


def read_strength(value: object, table: CreamRecord) -> Qty:
    """``--strength``: mg of naltrexone HCl per g, one of the record's strengths."""
    strength = converted(as_quantity(value, option="--strength", kinds=(STRENGTH,)), MG_PER_G)
    if strength not in table.strengths:
        raise UnsafeInputError(
            "strength", value, code="cream-strength-not-listed", listed=table.strengths
        )
    return strength


def read_weight(value: object, option: str) -> Qty:
    """A weight of cream (``--quantity``, ``--dose``), in g."""
    return converted(as_quantity(value, option=option, kinds=(CREAM_WEIGHT,)), G)


def read_applied(
    value: object, table: CreamRecord, strength: Qty, per_day: int, limits: Limits
) -> Qty:
    """``--dose`` (the record's dose if None): the cream applied each time, in g, at least
    :data:`LEAST_APPLIED`; the naltrexone HCl it gives, an application and a day, inside the
    record's dose limits as an oral dose is (docs/basis.md §2: at most 10 mg a day is low-dose
    naltrexone)."""
    written = (
        table.dose if value is None else as_quantity(value, option="--dose", kinds=(CREAM_DOSE,))
    )
    applied, shown = converted(written, G), typed(table.dose) if value is None else value
    if applied < LEAST_APPLIED:
        raise UnsafeInputError(
            "dose", shown, code="cream-dose-too-little", amount=written, example=table.dose
        )
    drug = converted(applied * strength, MG)
    high = limits.dose_maximum
    if drug > high:
        better = _largest(high / per_day, table, strength)
        alone = better is None and per_day > 1  # a dose fits only once a day
        raise UnsafeInputError(
            "dose", shown, code="cream-dose-above-maximum", drug=drug, maximum=high,
            better=_largest(high, table, strength) if alone else better,
            per_day=1 if alone else None,
        )  # fmt: skip
    daily = drug * per_day
    if daily > high:
        most = int((high / drug).to(DIMENSIONLESS).magnitude)  # at least 1: drug <= high
        raise UnsafeInputError(
            "doses_per_day", per_day, code="cream-daily-dose-above-maximum",
            daily=converted(daily, MG), drug=drug, maximum=high, most=most,
            better=_largest(high / per_day, table, strength),
        )  # fmt: skip
    return applied


def _largest(drug: Qty, table: CreamRecord, strength: Qty) -> Qty | None:
    """The most cream applied that gives at most ``drug``: whole pumps of the record's pump,
    else to 0.01 g; None if that is less than one pump or :data:`LEAST_APPLIED`."""
    grams = Decimal((drug / strength).to(G).magnitude)
    step = Decimal("0.01")
    if table.directions == "pump":
        assert table.pump_mass is not None  # checked with the record
        step = Decimal(table.pump_mass.to(G).magnitude)
    most = Quantity((grams / step).to_integral_value(ROUND_FLOOR) * step, G)
    return most if most >= LEAST_APPLIED and most >= Quantity(step, G) else None


def read_quantity(value: object, table: CreamRecord, minimum: Qty, weighable: Qty) -> Qty:
    """``--quantity``: the weight of cream made and dispensed, inside the record's range and
    at least ``weighable``, the least quantity whose every weighing is at least the minimum
    weighable quantity ``minimum`` (a refusal offers only a quantity that is accepted)."""
    quantity = read_weight(value, "--quantity")
    low, high = table.quantity_minimum, table.quantity_maximum
    if weighable > high or low <= quantity < weighable <= high:
        raise UnsafeInputError(
            "quantity", value, code="cream-below-weighable", minimum=minimum,
            least=weighable if weighable <= high else None,
        )  # fmt: skip
    if not max(low, weighable) <= quantity <= high:
        raise UnsafeInputError(
            "quantity", value, code="cream-quantity-outside", minimum=max(low, weighable),
            maximum=high,
        )  # fmt: skip
    return quantity
