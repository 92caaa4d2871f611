"""What a capsule batch's calculation says: its steps, warnings and notes as records (code and
figures, no words; the words are in :mod:`ldncalc.locale.capsule`), and its ingredients.

Each function takes figures already computed (:mod:`.compute`) or read (:mod:`.read`) and
returns the record, or ``None`` when there is nothing to say.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ldncalc.catalogs import ApiForm, CapsuleSize, Filler, Shell
from ldncalc.formatting import format_quantity as fq
from ldncalc.formulations import Formulation
from ldncalc.messages import Message, Step
from ldncalc.models import Amount, CapsuleResult
from ldncalc.preparations.capsule.aliquot import AliquotPlan
from ldncalc.preparations.capsule.build import model_of, record
from ldncalc.preparations.capsule.read import Overage, ShellWeight
from ldncalc.units import Qty, Quantity

if TYPE_CHECKING:
    from ldncalc.dosage_form import Block, FormDocuments, Grid

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


def documents(result: CapsuleResult) -> FormDocuments:
    """The parts of the label, record and screen only capsules have, as records (their words
    are in :mod:`ldncalc.locale.capsule`)."""
    from ldncalc.dosage_form import FormDocuments, Preface  # built when documents are asked for

    path, plan = result.formulation.path, result.aliquot
    batch = Message(code="capsule-count", params={"count": result.batch})
    weigh = _aliquot_blocks(result, plan, path) if plan is not None else ()
    return FormDocuments(
        title=Message(
            code="capsule-title",
            params={
                "strength": result.strength,
                "size": result.capsule_size,
                "quantity": result.quantity,
                "batch": result.batch,
            },
        ),
        drug=Message(code="capsule-label-drug", params={"strength": result.strength}),
        quantity=Message(code="capsule-count", params={"count": result.quantity}),
        made=batch,
        directions=Message(code="capsule-directions", params={"per_day": result.doses_per_day}),
        lines=(
            Message(
                code="capsule-make",
                params={
                    "batch": result.batch,
                    "quantity": result.quantity,
                    "overage": result.overage,
                    "total": result.total_weight,
                },
            ),
            *_weight_check(result),
            Message(
                code="supply-line",
                params={
                    "days": result.days_supply,
                    "per_day": result.doses_per_day,
                    "count": result.quantity,
                    "noun": "capsule",
                    "container": "vial",
                },
            ),
        ),
        factors=tuple(m for pair in _factors(result) for m in pair),
        measured=(
            *(_phrase(name) for name in ("capsules_weighed", "within_range")),
            *(_phrase(name) for name in ("lightest", "heaviest")),
            Message(code="capsule-yield", params={"batch": result.batch}),
        ),
        weigh=weigh,
        cells=_cells(result, plan),
        rows=(
            (
                Message(code="capsule-shells", params={"size": result.capsule_size}),
                Message(
                    code="capsule-shells",
                    params={
                        "size": result.capsule_size,
                        "count": result.batch,
                        "shell": result.shell,
                    },
                ),
            ),
        ),
        tables=(_weighings(result, plan, path),) if plan is not None else (),
        preface=(
            Preface(_phrase("aliquot_method"), plan.method, _phrase("then_method"))
            if plan is not None
            else None
        ),
        checks=(
            Message(
                code="capsule-record-check",
                params={
                    "name": "net",
                    "weight": result.fill_weight,
                    "low": result.fill_weight_low,
                    "high": result.fill_weight_high,
                },
            ),
            Message(code="capsule-record-check", params={"name": "gross", **_gross(result)}),
        ),
        widths=(18, 18, 18, 18, 28),
    )


def _phrase(name: str) -> Message:
    return Message(code="capsule-phrase", params={"name": name})


def _gross(result: CapsuleResult) -> dict[str, Any]:
    """The gross weight of a filled capsule and its range, with the empty shell it counts
    (no weight when no shell weight is known)."""
    if (
        result.gross_weight is None
        or result.gross_weight_low is None
        or result.gross_weight_high is None
    ):
        return {}
    return {
        **_empty_shell(result),
        "weight": result.gross_weight,
        "low": result.gross_weight_low,
        "high": result.gross_weight_high,
    }


def _weight_check(result: CapsuleResult) -> tuple[Message, ...]:
    """The screen's weight check of a filled capsule: the net fill weight (the powder alone,
    on a balance tared with an empty shell) and the gross weight of a filled capsule."""

    def line(name: str, **params: Any) -> Message:
        return Message(code="capsule-weight-check", params={"line": name, **params})

    shell = {"size": result.capsule_size, "shell": result.shell}
    lines = [
        line("check"),
        line(
            "net-fill",
            fill=result.fill_weight,
            low=result.fill_weight_low,
            high=result.fill_weight_high,
        ),
    ]
    if (
        result.shell_weight is None
        or result.gross_weight is None
        or result.gross_weight_low is None
        or result.gross_weight_high is None
    ):
        return (*lines, line("untared-weigh", **shell))
    return (
        *lines,
        line(
            "untared-gross",
            gross=result.gross_weight,
            low=result.gross_weight_low,
            high=result.gross_weight_high,
        ),
        line(
            "with-shell",
            weight=result.shell_weight,
            source=result.shell_weight_source or "typical",
            **shell,
        ),
    )


def _aliquot_blocks(result: CapsuleResult, plan: AliquotPlan, path: str) -> tuple[Block, ...]:
    """A batch whose drug comes by the aliquot method, on the screen: what goes into the batch
    (the aliquot, with the drug it holds, and the filler), then what is weighed to make the
    mixture it is taken from. Never the powder weighed for the mixture as the batch's."""
    from ldncalc.dosage_form import Block  # built when documents are asked for

    number = plan.stages[-1].number
    into: list[Amount | Message] = []
    for amount in result.ingredients:
        if amount.aliquot is None:
            into.append(amount)
            continue
        shown = amount.drug is not None and amount.drug != (
            amount.mass if amount.powder is None else None
        )
        held = (
            {"powder": amount.powder}
            if amount.powder is not None
            else {"mass": amount.mass, "name": amount.name, "path": path}
        )
        into.append(
            Message(
                code="capsule-aliquot-line",
                params={
                    "aliquot": amount.aliquot,
                    "number": number,
                    **held,
                    "drug": amount.drug if shown else None,
                },
            )
        )
    first = plan.stages[0]
    weighed = (
        {
            "tablets": result.tablets_to_crush,
            "name": result.ingredients[0].name,
            "path": path,
            "powder": first.weighed,
        }
        if result.tablets_to_crush is not None
        else {"powder": first.weighed, "name": plan.powder}
    )
    return (
        Block(Message(code="capsule-into-batch"), tuple(into)),
        Block(
            Message(code="capsule-first-make", params={"number": number}),
            (
                Message(code="capsule-mixture-weighed", params=weighed),
                Message(
                    code="capsule-mixture-weighed",
                    params={"powder": plan.filler_total, "name": plan.filler_name},
                ),
            ),
            plan.method,
        ),
    )


def _factors(result: CapsuleResult) -> list[tuple[Message, Message]]:
    """The record's factors of a capsule batch: the API and its certificate, the tablets, the
    capsule, the filler and the balance's minimum weighable quantity; heading and value each."""
    path = result.formulation.path

    def row(name: str, code: str = "capsule-factor-row", **params: Any) -> tuple[Message, Message]:
        return _phrase(name), Message(code=code, params={"name": name, **params})

    def quantity(name: str, value: Qty, places: int | None = None) -> tuple[Message, Message]:
        return row(name, "capsule-quantity", value=value, places=places)

    rows: list[tuple[Message, Message]] = []
    if result.api_form is not None:
        rows.append(row("api_form", "record-word", text=result.api_form, path=path))
    if result.api_molar_mass is not None:
        rows.append(quantity("molar_mass", result.api_molar_mass, 2))
    if result.salt_factor is not None:
        rows.append(row("salt_factor", value=result.salt_factor))
    if result.assay is not None:
        stated = result.assay_basis is not None and result.assay_expressed_as is not None
        assay: dict[str, Any] = (
            {"basis": result.assay_basis, "form": result.assay_expressed_as, "path": path}
            if stated
            else {}
        )
        rows.append(row("assay", assay=result.assay, **assay))
    if result.api_form is not None:  # docs/basis.md §6: the record keeps the API's water too
        rows.append(row("water", water=result.water))
    factor = next((step for step in result.steps if step.code == "capsule-factor"), None)
    if factor is not None:  # the one factor, its formula with the figures
        rows.append(row("api_factor", step=factor))
    if result.tablet_strength is not None:
        rows.append(quantity("tablet_strength", result.tablet_strength))
    if result.tablet_weight is not None:
        rows.append(quantity("tablet_weight", result.tablet_weight))
    rows += [
        row("capsule_size", size=result.capsule_size, volume=result.capsule_volume),
        row("filler", "record-word", text=result.filler, path=path),
        row(
            "packing_statistic",
            packing=result.packing_statistic,
            estimated=result.packing_statistic_estimated,
        ),
        row("empty_shell", **_empty_shell(result)),
        quantity("minimum_weighable", result.minimum_weighable),
    ]
    return rows


def _empty_shell(result: CapsuleResult) -> dict[str, Any]:
    """The empty shell the gross weight counts: its material, and its weight and where that
    comes from when known."""
    if result.shell_weight is None or result.shell_weight_source is None:
        return {"shell": result.shell}
    return {
        "shell": result.shell,
        "shell_weight": result.shell_weight,
        "source": result.shell_weight_source,
    }


def _cells(
    result: CapsuleResult, plan: AliquotPlan | None
) -> tuple[tuple[Message, Message | None] | None, ...]:
    """The record's ingredients of a capsule batch, where they differ from every form's: the
    API with the drug it holds; by the aliquot method, the active (what reaches the batch and
    what is weighed for the mixture) and the filler (in the batch and in the triturations),
    both weighed as the Weighings say."""
    see = Message(code="capsule-ingredient", params={"how": "see-weighings"})
    found: list[tuple[Message, Message | None] | None] = []
    params: dict[str, Any]
    for item in result.ingredients:
        shown = item.drug is not None and item.drug != item.mass
        held: dict[str, Any] = {"drug": item.drug} if shown else {}
        if plan is not None and item.name == plan.filler_name and item.mass is not None:
            # the filler is weighed in the triturations too: every weighing is in Weighings
            params = {"how": "filler-split", "mass": item.mass, "triturations": plan.filler_total}
            found.append((Message(code="capsule-ingredient", params=params), see))
        elif plan is not None and item.role == "active":
            # what reaches the batch (the aliquot) apart from what makes the mixture
            first = plan.stages[0]
            params = {
                "how": "aliquot",
                "aliquot": plan.aliquot,
                "number": plan.stages[-1].number,
                "weighed": first.weighed,
            }
            if item.tablets is not None and item.powder is not None:
                params |= {"tablets": item.tablets, "powder": item.powder, "drug": item.drug}
            else:
                assert item.tablets is None  # tablets come with the powder weighed from them
                params |= {"mass": item.mass, **held}
            found.append((Message(code="capsule-ingredient", params=params), see))
        elif item.role == "active" and item.tablets is None and held and item.mass is not None:
            params = {"how": "holding", "mass": item.mass, **held}
            found.append((Message(code="capsule-ingredient", params=params), None))
        else:
            found.append(None)
    return tuple(found)


def _weighings(result: CapsuleResult, plan: AliquotPlan, path: str) -> Grid:
    """Every mass the aliquot method puts on the balance (docs/basis.md §8), in order, each
    with a blank cell for what was weighed: each trituration's powder and filler, the aliquot,
    then the filler of the batch."""
    from ldncalc.dosage_form import Grid  # built when documents are asked for

    names = {
        "tablets": result.source == "tablets",
        "powder": plan.powder,
        "filler": plan.filler_name,
        "path": path,
    }

    def weighing(what: str, mass: Qty, **params: Any) -> tuple[Message | None, ...]:
        label = Message(code="capsule-weighing", params={"what": what, **names, **params})
        return (label, Message(code="capsule-quantity", params={"value": mass}), None)

    rows: list[tuple[Message | None, ...]] = []
    for stage in plan.stages:
        rows.append(weighing("powder", stage.weighed, number=stage.number))
        rows.append(
            weighing(
                "filler",
                stage.filler,
                number=stage.number,
                mixture=stage.mixture,
                factor=stage.factor,
            )
        )
    rows.append(
        weighing("aliquot", plan.aliquot, number=plan.stages[-1].number, needed=plan.needed)
    )
    rows.append(weighing("batch-filler", result.filler_weight))
    return Grid(
        _phrase("weighings"),
        tuple(_phrase(name) for name in ("weighing", "calculated", "actual")),
        tuple(rows),
        (60, 20, 20),
    )
