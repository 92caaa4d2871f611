"""Reading a cream's inputs: the record's ``[form]`` table, the strength (one the record
lists), the quantity and the dose applied by weight; anything doubtful is refused."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ldncalc.checks import validation_problem
from ldncalc.errors import FormulationError, UnsafeInputError
from ldncalc.formulations import Formulation
from ldncalc.quantities import Mass, Strength, Volume
from ldncalc.units import CREAM_WEIGHT, MG_PER_G, STRENGTH, G, Qty, as_quantity, converted


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


def read_quantity(value: object, table: CreamRecord) -> Qty:
    """``--quantity``: the weight of cream made and dispensed, inside the record's range."""
    quantity = read_weight(value, "--quantity")
    low, high = table.quantity_minimum, table.quantity_maximum
    if not low <= quantity <= high:
        raise UnsafeInputError(
            "quantity", value, code="cream-quantity-outside", minimum=low, maximum=high
        )
    return quantity
