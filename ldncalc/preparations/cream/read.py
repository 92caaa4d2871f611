"""Reading a cream's inputs: the record's ``[form]`` table, the strength (one the record
lists), the quantity and the dose applied by weight; anything doubtful is refused."""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal
from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ldncalc.checks import validation_problem
from ldncalc.errors import FormulationError, UnsafeInputError
from ldncalc.formatting import round_to, typed
from ldncalc.formulations import Formulation
from ldncalc.limits import Limits
from ldncalc.quantities import Mass, Strength, Volume
from ldncalc.units import (
    CREAM_DOSE,
    CREAM_WEIGHT,
    DIMENSIONLESS,
    MG,
    MG_PER_G,
    ML,
    PUMP_MASS,
    PUMP_VOLUME,
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
    # what --pump-volume accepts: metered pumps for creams deliver some 0.25 to 1 mL an
    # actuation; plausibility bounds, not a published standard (a record may set its own)
    pump_volume_minimum: Volume = Quantity(Decimal("0.1"), ML)
    pump_volume_maximum: Volume = Quantity(2, ML)


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


class Pump(NamedTuple):
    """One actuation of the metered pump dispensed: its volume and the cream it delivers."""

    volume: Qty  # mL
    mass: Qty  # g


def read_pump(value: object, table: CreamRecord, record: str) -> Pump | None:
    """``--pump-volume`` (the record's pump if None): mL an actuation of the pump dispensed, or
    the g it delivers as the pharmacy weighed it; the other follows from the record's pump
    (its g per mL). ``None`` when the record gives directions in grams (``record``: its id)."""
    if table.directions != "pump":
        if value is not None:
            raise UnsafeInputError("pump_volume", value, code="cream-pump-not-used", record=record)
        return None
    # both checked on load (cream-pump-needs-measures)
    assert table.pump_volume is not None
    assert table.pump_mass is not None
    if value is None:
        return Pump(converted(table.pump_volume, ML), converted(table.pump_mass, G))
    read = as_quantity(value, option="--pump-volume", kinds=(PUMP_VOLUME, PUMP_MASS))
    density = table.pump_mass / table.pump_volume  # g a mL of this cream, from the record
    if read.dimensionality == table.pump_volume.dimensionality:
        volume = converted(read, ML)
        mass = Quantity(round_to((volume * density).to(G).magnitude, 4), G)
    else:
        mass = converted(read, G)
        volume = Quantity(round_to((mass / density).to(ML).magnitude, 4), ML)
    low, high = table.pump_volume_minimum, table.pump_volume_maximum
    if not low <= volume <= high:
        raise UnsafeInputError(
            "pump_volume", value, code="cream-pump-volume-outside", volume=volume, minimum=low,
            maximum=high,
        )  # fmt: skip
    return Pump(volume, mass)


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
    value: object,
    table: CreamRecord,
    strength: Qty,
    per_day: int,
    limits: Limits,
    pump: Pump | None = None,
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
        better = _largest(high / per_day, strength, pump)
        alone = better is None and per_day > 1  # a dose fits only once a day
        raise UnsafeInputError(
            "dose", shown, code="cream-dose-above-maximum", drug=drug, maximum=high,
            better=_largest(high, strength, pump) if alone else better,
            per_day=1 if alone else None,
        )  # fmt: skip
    daily = drug * per_day
    if daily > high:
        most = int((high / drug).to(DIMENSIONLESS).magnitude)  # at least 1: drug <= high
        raise UnsafeInputError(
            "doses_per_day", per_day, code="cream-daily-dose-above-maximum",
            daily=converted(daily, MG), drug=drug, maximum=high, most=most,
            better=_largest(high / per_day, strength, pump),
        )  # fmt: skip
    return applied


def _largest(drug: Qty, strength: Qty, pump: Pump | None) -> Qty | None:
    """The most cream applied that gives at most ``drug``: whole actuations of ``pump``,
    else to 0.01 g; None if that is less than one pump or :data:`LEAST_APPLIED`."""
    grams = Decimal((drug / strength).to(G).magnitude)
    step = Decimal("0.01")
    if pump is not None:
        step = Decimal(pump.mass.to(G).magnitude)
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
