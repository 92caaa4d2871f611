"""``titrate()``: read the options or the protocol (:mod:`ldncalc.titration.read`), build the
dated schedule (:mod:`ldncalc.titration.schedule`), plan it as a liquid
(:mod:`ldncalc.titration.liquid`) or capsules (:mod:`ldncalc.titration.capsules`), describe
the plan (:mod:`ldncalc.titration.describe`) and put the result together.

The result's models are built with ``model_construct``: every value in them was read and
checked already (the quantities by the one parser, the records by their own models), and
validating them again was most of a plan's time."""

from __future__ import annotations

import dataclasses
import functools
import os
from datetime import date, timedelta
from typing import Any

from ldncalc.bud import BeyondUse, beyond_use
from ldncalc.catalogs import Catalog, Syringe
from ldncalc.checks import only_accepted_fixes, require_text
from ldncalc.errors import InputError, UnsafeInputError
from ldncalc.formulations import Formulation, load
from ldncalc.messages import Message
from ldncalc.models import Amount, FormulationUsed, SyringeUsed
from ldncalc.preparations.liquid.amounts import ingredient_amounts
from ldncalc.titration import describe
from ldncalc.titration.capsules import CapsuleStep, plan_capsules
from ldncalc.titration.kept import Kept
from ldncalc.titration.liquid import LiquidStep, plan_liquid, too_many_steps_fix
from ldncalc.titration.models import FORMS, Fill, ScheduleStep, TitrationResult
from ldncalc.titration.protocols import Protocol, find_protocol
from ldncalc.titration.read import (
    read_maintenance,
    read_schedule,
    read_start_date,
    read_step_doses,
)
from ldncalc.titration.schedule import (
    MAX_STEPS,
    Phase,
    exact,
    in_unit,
    phases,
    protocol_phases,
)
from ldncalc.units import MG, Qty

DIRECTIONS = "at bedtime"  # docs/basis.md §2: once daily at bedtime (never "HS" or "QHS")


@only_accepted_fixes
def titrate(
    *,
    start: str | Qty | None = None,
    step: str | Qty | None = None,
    every: str | int | None = None,
    target: str | Qty | None = None,
    protocol: str | None = None,
    form: str = "liquid",
    start_date: str | date | None = None,
    maintenance_days: str | int | None = None,
    concentration: str | Qty | None = None,
    formulation: str | None = None,
    formulations_dir: str | os.PathLike[str] | None = None,
) -> TitrationResult:
    """A dated titration schedule for an oral liquid or capsules, once daily at bedtime.

    Give ``start``, ``step``, ``every`` (``"7d"``, ``"2w"``) and ``target``, or the id of a
    published ``protocol``. ``start_date`` is ISO 8601 (``"2025-03-03"``; default today);
    ``maintenance_days`` extends the target dose. Raises a subclass of
    :class:`~ldncalc.LdnCalcError` for any bad or unsafe input.
    """
    require_text(form, "--form", "use liquid or capsule")  # `in` with a Quantity can raise
    if form not in FORMS:
        raise InputError(
            "form", form, code="titration-form-unknown", forms=FORMS,
            dosage_form=form in ("drops", "cream"),  # a form ldncalc makes, but not titrated
        )  # fmt: skip
    library = load(formulations_dir)
    record = library.pick(formulation, form, None)
    limits = record.limits
    warnings: list[Message] = []
    notes: list[Message] = []
    used: Protocol | None = None

    if protocol is not None:
        for option, value in (
            ("start", start),
            ("step", step),
            ("every", every),
            ("target", target),
        ):
            if value is not None:
                raise InputError(
                    option, value, code="titration-option-with-protocol", option=option
                )
        used = find_protocol(protocol, form, formulations_dir)
        steps, first, last, step_size, interval = protocol_phases(used, protocol)
        if len(steps) > MAX_STEPS:
            raise UnsafeInputError(
                "protocol",
                protocol,
                code="titration-protocol-too-many-steps",
                steps=len(steps),
                most=MAX_STEPS,
            )
        notes += _some(describe.protocol_note(used))
    else:
        step_fix = (
            functools.partial(
                too_many_steps_fix,
                record=record,
                catalog=library.catalog,
                concentration=concentration,
            )
            if form == "liquid"
            else None
        )
        first, step_size, interval, last = read_schedule(
            start, step, every, target, record, step_fix
        )
        given = {"--start": start, "--step": step, "--target": target}
        steps = phases(first, step_size, interval, last, given)
    warnings += read_step_doses(steps, limits, protocol=used is not None)
    maintenance = read_maintenance(maintenance_days, used, record)
    if maintenance:
        steps[-1] = dataclasses.replace(steps[-1], days=steps[-1].days + maintenance)
    total = sum(p.days for p in steps)
    if total > limits.days_maximum:
        option, value = (
            ("maintenance_days", maintenance_days)
            if maintenance and total - maintenance <= limits.days_maximum
            else (("protocol", protocol) if used else ("every", every))
        )
        raise UnsafeInputError(
            option, value, code="titration-schedule-too-long", days=total, most=limits.days_maximum
        )
    begin = read_start_date(start_date)
    used_record, bud = _record_parts(record)
    common = {
        "formulation": used_record,
        "dosage_form": record.dosage_form,
        "protocol": used.used() if used else None,
        "start": first,
        "target": last,
        "step": step_size,
        "every_days": interval,
        "maintenance_days": maintenance,
        "start_date": begin,
        "end_date": begin + timedelta(days=total - 1),
        "days": total,
        "directions": DIRECTIONS,
        "bud": bud,
        "container": record.container,
        "auxiliary_labels": record.auxiliary_labels,
        "method": record.method,
    }
    if form == "liquid":
        if concentration is None and used is not None and used.concentration is not None:
            concentration = used.concentration
            notes.append(describe.protocol_concentration_note(used))
        return _liquid_result(
            steps, record, library.catalog, concentration, begin, bud, warnings, notes, common
        )
    if concentration is not None:
        raise InputError("concentration", concentration, code="titration-concentration-for-liquids")
    return _capsule_result(steps, begin, bud, warnings, notes, common, record.tablet_strength)


def _liquid_result(
    steps: list[Phase],
    record: Formulation,
    catalog: Catalog,
    concentration: str | Qty | None,
    begin: date,
    bud: BeyondUse,
    warnings: list[Message],
    notes: list[Message],
    common: dict[str, Any],
) -> TitrationResult:
    plan = plan_liquid(steps, record, catalog, concentration, begin, bud.days)
    notes += _some(describe.concentration_chosen_note(plan))
    warnings += _some(describe.unreliable_warning(plan, record))
    notes += describe.fill_notes(plan)
    notes += _some(
        describe.fills_note("titration-liquid-fills", common["days"], bud.days, len(plan.fills))
    )
    syringes = {id(s.syringe): _syringe_used(s.syringe) for s in plan.steps}  # a few
    fills = []
    for fill in plan.fills:
        used: list[SyringeUsed] = []
        for syringe in fill.syringes:
            kept = syringes[id(syringe)]
            if kept not in used:
                used.append(kept)
        fills.append(
            Fill.model_construct(
                number=fill.number,
                **fill.span.dates(begin, bud.days),
                drug_taken=fill.drug_taken,
                tablets=fill.tablets,
                drug=_times(plan.strength, fill.tablets),
                volume=fill.volume,
                volume_taken=fill.volume_taken,
                spare=fill.spare,
                spare_minimum=fill.spare_minimum,
                syringes=tuple(used),
                ingredients=_ingredients(record, fill.tablets, plan.strength, fill.volume),
            )
        )
    return TitrationResult.model_construct(
        **common,
        form="liquid",
        schedule=tuple(
            _schedule_step(number, step, volume=step.volume, syringe=syringes[id(step.syringe)])
            for number, step in enumerate(plan.steps, 1)
        ),
        concentration=plan.concentration,
        tablet_strength=plan.strength,
        capsule_strengths=(),
        fills=tuple(fills),
        drug_taken=plan.drug_taken,
        tablets=plan.tablets,
        total_volume=plan.total_volume,
        warnings=tuple(warnings),
        notes=tuple(notes),
        steps=tuple(describe.liquid_steps(plan, record, common["days"])),
    )


def _capsule_result(
    steps: list[Phase],
    begin: date,
    bud: BeyondUse,
    warnings: list[Message],
    notes: list[Message],
    common: dict[str, Any],
    tablet_strength: Qty | None,
) -> TitrationResult:
    """``tablet_strength`` is the record's, for capsules made from crushed tablets (``None``
    for API powder)."""
    plan = plan_capsules(steps, begin, bud.days)
    notes += _some(describe.one_capsule_note(plan, common["days"]))
    warnings += _some(describe.not_proven_fewest_warning(plan))
    calculation = describe.capsule_steps(plan)
    notes += _some(
        describe.fills_note("titration-capsule-fills", common["days"], bud.days, len(plan.fills))
    )
    notes += describe.batch_notes(tablet_strength)
    return TitrationResult.model_construct(
        **common,
        form="capsule",
        schedule=tuple(
            _schedule_step(number, step, capsules=step.capsules)
            for number, step in enumerate(plan.steps, 1)
        ),
        concentration=None,
        tablet_strength=tablet_strength,
        capsule_strengths=plan.totals,
        fills=tuple(
            Fill.model_construct(
                number=fill.number,
                **fill.span.dates(begin, bud.days),
                drug_taken=fill.drug_taken,
                capsules=fill.capsules,
                capsules_a_day=fill.capsules_a_day,
            )
            for fill in plan.fills
        ),
        drug_taken=plan.drug_taken,
        tablets=None,
        total_volume=None,
        warnings=tuple(warnings),
        notes=tuple(notes),
        steps=tuple(calculation),
    )


def _record_parts(record: Formulation) -> tuple[FormulationUsed, BeyondUse]:
    """What a result says of its formulation record, and its BUD (made once per record)."""
    return _RECORDS.get(record, (), lambda: (FormulationUsed.of(record), beyond_use(record.bud)))


_RECORDS: Kept[tuple[FormulationUsed, BeyondUse]] = Kept(256)


def _schedule_step(number: int, step: LiquidStep | CapsuleStep, **measure: Any) -> ScheduleStep:
    """Step ``number`` of the schedule, and how its dose is measured (``measure``)."""
    return ScheduleStep.model_construct(
        number=number,
        dose=step.phase.dose,
        first_day=step.first_day,
        last_day=step.last_day,
        days=step.phase.days,
        **measure,
    )


def _ingredients(
    record: Formulation, tablets: int, strength: Qty, volume: Qty
) -> tuple[Amount, ...]:
    """:func:`~ldncalc.preparations.liquid.amounts.ingredient_amounts` of a fill, kept for the
    next fill of the same tablets and volume (most fills of most plans are 1 or 2 tablets to
    the same volume). The numbers keyed as text: an amount carries the volume as written."""
    key = (tablets, str(strength.magnitude), strength._units, str(volume.magnitude), volume._units)
    return _AMOUNTS.get(record, key, lambda: ingredient_amounts(record, tablets, strength, volume))


_AMOUNTS: Kept[tuple[Amount, ...]] = Kept(1024)


def _some(record: Message | None) -> list[Message]:
    return [] if record is None else [record]


def _times(strength: Qty, tablets: int) -> Qty:
    """The drug of ``tablets`` of ``strength``, in mg."""
    return (
        exact(strength.magnitude * tablets, MG)
        if in_unit(strength, MG)
        else (strength * tablets).to(MG)
    )


def _syringe_used(syringe: Syringe) -> SyringeUsed:
    """What a result says of a catalog's syringe (made once per syringe)."""
    return _SYRINGES.get(
        syringe,
        (),
        lambda: SyringeUsed.model_construct(
            name=syringe.name, capacity=syringe.capacity, graduation=syringe.graduation
        ),
    )


_SYRINGES: Kept[SyringeUsed] = Kept(256)
