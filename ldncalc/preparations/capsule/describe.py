"""What a capsule batch's calculation says: its steps, warnings and notes as records (code and
figures, no words; the words are in :mod:`ldncalc.locale.capsule`), and its ingredients.

Each function takes figures already computed (:mod:`.compute`) or read (:mod:`.read`) and
returns the record, or ``None`` when there is nothing to say.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Any

from ldncalc.catalogs import ApiForm, CapsuleSize, Filler, Shell
from ldncalc.formatting import format_quantity as fq
from ldncalc.formulations import Formulation
from ldncalc.messages import Message, Step
from ldncalc.models import Amount
from ldncalc.preparations.capsule.aliquot import AliquotPlan
from ldncalc.preparations.capsule.build import model_of, record
from ldncalc.preparations.capsule.read import Overage, ShellWeight
from ldncalc.units import Qty, Quantity

# A weighed (or the profile's) shell weight more than this fraction off the catalog's typical
# one is warned: the wrong size or material (docs/basis.md §4)
SHELL_DEVIATION = Decimal("0.25")


def batch_step(quantity: int, overage: Overage, batch: int) -> Step:
    return record(
        Step,
        code="capsule-batch",
        params={
            "quantity": quantity,
            "overage": overage.extra,
            "percent": overage.percent,
            "exact": overage.exact,
            "batch": batch,
        },
    )


def no_overage() -> Message:
    return record(Message, code="capsule-no-overage", concerns="overage")


def filler_caution(filler: Filler) -> Message | None:
    """The catalog's caution about a filler (lactose: intolerance), if it has one."""
    if not filler.caution:
        return None
    return record(
        Message,
        code="capsule-filler-caution",
        concerns="filler",
        params={"filler": filler.name, "caution": filler.caution},
    )


def packing_step(size: CapsuleSize, filler: Filler, packing: Qty) -> Step:
    return record(
        Step,
        code="capsule-packing-statistic",
        params={"volume": size.volume, "bulk_density": filler.bulk_density, "packing": packing},
    )


def packing_estimated(packing: Qty, filler: Filler, size: CapsuleSize) -> Message:
    return record(
        Message,
        code="capsule-packing-estimated",
        concerns="fill_weight",
        params={"packing": packing, "filler": filler.name, "size": size.name},
    )


def fill_weight_unusual(packing: Qty, density: Qty, filler: Filler) -> Message | None:
    """A weighed fill weight whose bulk density is outside the filler's catalog range."""
    low, high = filler.density_low, filler.density_high
    if low is None or high is None or low <= density <= high:
        return None
    return record(
        Message,
        code="capsule-fill-weight-unusual",
        concerns="fill_weight",
        params={
            "packing": packing,
            "density": density,
            "filler": filler.name,
            "low": low,
            "high": high,
        },
    )


def api_to_weigh_step(dose: Qty, batch: int, factor: Decimal, api_weight: Qty) -> Step:
    return record(
        Step,
        code="capsule-api-to-weigh",
        params={"strength": dose, "batch": batch, "factor": factor, "api_weight": api_weight},
    )


def tablet_steps(
    dose: Qty,
    batch: int,
    tablet_strength: Qty,
    exact: Qty,
    tablets: int,
    tablet_weight: Qty,
    powder: Qty,
) -> tuple[Step, Step]:
    """The tablets that hold the batch's drug, and their powder to weigh."""
    return (
        record(
            Step,
            code="capsule-tablets-to-crush",
            params={
                "strength": dose,
                "batch": batch,
                "tablet_strength": tablet_strength,
                "exact": exact,
                "tablets": tablets,
            },
        ),
        record(
            Step,
            code="capsule-tablet-powder",
            params={
                "strength": dose,
                "batch": batch,
                "tablet_strength": tablet_strength,
                "tablet_weight": tablet_weight,
                "powder": powder,
            },
        ),
    )


def weighed_by_aliquot(
    active: Qty,
    form: ApiForm | None,
    minimum: Qty,
    sensitivity: Qty,
    error: Qty,
    directly: int | None,
) -> Message:
    """The active powder is below the minimum weighable: the aliquot method weighs it;
    ``directly`` is the batch that would weigh it directly, if one may be made."""
    return record(
        Message,
        code="capsule-weighed-by-aliquot",
        concerns="strength",
        params={
            "active": active,
            "powder": form.name if form else None,
            "minimum_weighable": minimum,
            "sensitivity": sensitivity,
            "error": error,
            "directly": directly,
        },
    )


def crushing_records(
    *,
    weighed: Qty,
    tablet_weight: Qty,
    usable: Qty,
    exact: Decimal,
    tablets: int,
    holding: int,
    allowance: Qty,
    aliquot: bool,
    enough: bool,
) -> tuple[Step, Message]:
    """More tablets crushed than hold the drug: the step, and the note saying why (the loss
    allowance, or enough powder for the aliquot's minimum weighable quantity)."""
    step = record(
        Step,
        code="capsule-tablets-for-losses",
        params={
            "weighed": weighed,
            "tablet_weight": tablet_weight,
            "usable": usable,
            "exact": exact,
            "tablets": tablets,
        },
    )
    params: dict[str, object] = {
        "tablets": tablets,
        "weighed": weighed,
        "usable": usable,
        "allowance": allowance,
    }
    if aliquot:
        # the note says the allowance only when it, not the minimum to weigh, adds a tablet
        code, params = "capsule-crush-for-aliquot", {**params, "enough": enough}
    else:
        code, params = "capsule-crush-for-losses", {**params, "holding": holding}
    note = record(Message, code=code, params=params)
    return step, note


def fill_steps(
    *,
    batch: int,
    packing: Qty,
    active: Qty,
    filler: Qty,
    aliquot: bool,
    low: Qty,
    high: Qty,
    tolerance: Qty,
) -> tuple[Step, Step]:
    """The filler of the batch, and the net fill weight with its accepted range."""
    return (
        record(
            Step,
            code="capsule-filler",
            params={
                "batch": batch,
                "packing": packing,
                "active": active,
                "filler": filler,
                "aliquot": aliquot,
            },
        ),
        record(
            Step,
            code="capsule-net-fill-weight",
            params={
                "active": active,
                "filler": filler,
                "batch": batch,
                "packing": packing,
                "low": low,
                "high": high,
                "tolerance": tolerance,
            },
        ),
    )


def shell_weight_unusual(shell: ShellWeight, size: CapsuleSize, material: Shell) -> Message | None:
    """A weighed (or the profile's) shell weight more than :data:`SHELL_DEVIATION` off the
    catalog's typical one for this size and material."""
    typical = size.shell_weight.get(material)
    weighed = shell.weight
    if shell.source == "typical" or weighed is None or typical is None:
        return None
    if abs(weighed - typical) <= typical * SHELL_DEVIATION:
        return None
    return record(
        Message,
        code="capsule-shell-weight-unusual",
        concerns="shell_weight",
        params={
            "shell_weight": weighed,
            "given_as": shell.given_as,
            "typical": typical,
            "size": size.name,
            "shell": material,
        },
    )


def gross_step(packing: Qty, shell_weight: Qty, gross: Qty, low: Qty, high: Qty) -> Step:
    return record(
        Step,
        code="capsule-gross-weight",
        params={
            "packing": packing,
            "shell_weight": shell_weight,
            "gross": gross,
            "low": low,
            "high": high,
        },
    )


def no_shell_weight(size: CapsuleSize, material: Shell) -> Message:
    return record(
        Message,
        code="capsule-no-shell-weight",
        concerns="shell_weight",
        params={"size": size.name, "shell": material},
    )


def filler_to_add_step(filler: Qty, aliquot_filler: Qty, filler_to_add: Qty) -> Step:
    return record(
        Step,
        code="capsule-filler-to-add",
        params={
            "filler": filler,
            "aliquot_filler": aliquot_filler,
            "filler_to_add": filler_to_add,
        },
    )


def filler_below_minimum(filler: Qty, minimum: Qty, sensitivity: Qty, error: Qty) -> Message:
    return record(
        Message,
        code="capsule-filler-below-minimum-weighable",
        concerns="overage",
        params={
            "filler": filler,
            "minimum_weighable": minimum,
            "sensitivity": sensitivity,
            "error": error,
        },
    )


def supply_outlasts_bud(doses: int, doses_per_day: int, bud_days: int) -> Message | None:
    """More capsules than can be taken before the BUD."""
    if doses <= bud_days * doses_per_day:
        return None
    return record(
        Message,
        code="capsule-supply-outlasts-bud",
        concerns="quantity",
        params={"doses": doses, "doses_per_day": doses_per_day, "bud_days": bud_days},
    )


def amounts(
    record: Formulation,
    filler: Filler,
    active: Qty,
    drug: Qty,
    aliquot: AliquotPlan | None,
    tablets: int | None,
    filler_weight: Qty,
    form_name: str | None,
    tablet_strength: Qty | None,
) -> tuple[Amount, ...]:
    """What goes into the batch: the active powder (``active``, holding ``drug`` of
    naltrexone HCl; with an aliquot plan, delivered as its aliquot of mixture) and the filler.
    What is weighed to make an aliquot's mixture is the plan's, not these amounts."""
    found = []
    delivered = aliquot.aliquot if aliquot is not None else None
    given: dict[str, Any]
    for item in record.ingredients:
        if item.role == "active" and tablet_strength is None:
            name = form_name or item.name
            given = {"name": name, "mass": active, "aliquot": delivered, "drug": drug}
        elif item.role == "active":
            assert tablet_strength is not None
            name = _tablets_name(tablet_strength.magnitude, tablet_strength._units)
            given = {"name": name, "tablets": tablets, "powder": active}
            given |= {"aliquot": delivered, "drug": drug}
        elif item.role == "filler":
            given = {"name": filler.name, "mass": filler_weight}
        else:
            continue
        given |= {"role": item.role, "function": item.function}
        found.append(model_of(Amount, given))
    return tuple(found)


@lru_cache(maxsize=64)
def _tablets_name(magnitude: Decimal, units: Any) -> str:
    """The active ingredient's name for tablets of a strength (its magnitude and units)."""
    return f"Naltrexone HCl {fq(Quantity(magnitude, units))} tablets"
