"""Reading sublingual drops' inputs: the record's ``[form]`` table, the dose, the dropper's
calibrated drop volume, drops a dose, a concentration; anything doubtful is refused."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ldncalc.checks import read_count, validation_problem
from ldncalc.errors import FormulationError, UnsafeInputError
from ldncalc.formulations import Formulation
from ldncalc.quantities import Concentration, Volume
from ldncalc.units import (
    DROP_VOLUME,
    DROPS_CONCENTRATION,
    MG_PER_ML,
    ML,
    Qty,
    as_quantity,
    converted,
)


class DropsRecord(BaseModel):
    """A drops record's ``[form]`` table.

    ``concentration_maximum`` stays below the solubility of naltrexone HCl in water, about
    100 mg/mL (docs/basis.md §1; DailyMed naltrexone labels); the drop volumes accepted are a
    plausible dropper's (docs/basis.md §9: USP <1101>'s medicine dropper delivers 20 drops of
    water per mL, 0.05 mL a drop; other droppers and liquids differ)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    drops: int = Field(default=1, ge=1, le=10)  # drops a dose when none is asked for
    drops_maximum: int = Field(default=5, ge=1, le=10)
    drop_volume_minimum: Volume
    drop_volume_maximum: Volume
    concentration_maximum: Concentration
    volume_step: Volume  # the dispensed volume is made up to a multiple of it
    batch_maximum: Volume  # the largest batch made (for the minimum weighable quantity)


def drops_record(record: Formulation) -> DropsRecord:
    """The ``[form]`` table of a drops record, checked (a bad one names the file)."""
    try:
        return DropsRecord.model_validate(record.form)
    except ValidationError as error:
        problem = error.errors()[0]
        where = ".".join(str(part) for part in problem["loc"])
        raise FormulationError(
            record.path or record.id,
            f"form.{where}",
            code="drops-record-invalid",
            field=f"form.{where}",
            error=validation_problem(problem, f"form.{where}", FormulationError),
        ) from None


def read_drop_volume(value: object, table: DropsRecord) -> Qty:
    """``--drop-volume``: the volume of one drop of this liquid from the dropper dispensed,
    as the pharmacy calibrated it (docs/basis.md §9)."""
    drop = converted(as_quantity(value, option="--drop-volume", kinds=(DROP_VOLUME,)), ML)
    low, high = table.drop_volume_minimum, table.drop_volume_maximum
    if not low <= drop <= high:
        raise UnsafeInputError(
            "drop_volume", value, code="drops-drop-volume-outside", minimum=low, maximum=high
        )
    return drop


def read_drops(value: object, table: DropsRecord) -> int:
    """``--drops``: drops a dose, 1 to the record's maximum."""
    return read_count(value, "--drops", 1, table.drops_maximum)


def read_drops_concentration(value: object) -> Qty:
    """``--concentration``: mg/mL of naltrexone HCl."""
    read = as_quantity(value, option="--concentration", kinds=(DROPS_CONCENTRATION,))
    return converted(read, MG_PER_ML)
