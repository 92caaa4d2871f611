"""``titrate()``: read the options or the protocol, build the dated schedule, and plan it as a
liquid (:mod:`ldncalc.titration.liquid`) or capsules (:mod:`ldncalc.titration.capsules`)."""

from __future__ import annotations

import dataclasses
import functools
import os
from datetime import date, timedelta

from ldncalc.bud import beyond_use
from ldncalc.checks import read_dose, require_text
from ldncalc.errors import InputError, UnsafeInputError
from ldncalc.formatting import typed
from ldncalc.formulations import load
from ldncalc.messages import Message, record_text
from ldncalc.models import FormulationUsed
from ldncalc.titration.capsules import plan_capsules
from ldncalc.titration.liquid import plan_liquid, too_many_steps_fix
from ldncalc.titration.models import FORMS, TitrationResult
from ldncalc.titration.protocols import Protocol, find_protocol
from ldncalc.titration.read import read_maintenance, read_schedule, read_start_date
from ldncalc.titration.schedule import (
    MAX_STEPS,
    phases,
    protocol_phases,
)
from ldncalc.units import Qty

DIRECTIONS = "at bedtime"  # docs/basis.md §2: once daily at bedtime (never "HS" or "QHS")


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
        raise InputError("form", form, code="titration-form-unknown", forms=FORMS)
    library = load(formulations_dir)
    record = library.pick(formulation, form, None)
    limits = record.limits
    warnings: list[Message | str] = []  # text: read_dose's, until it gives records
    notes: list[Message | str] = []
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
        if used.note:
            notes.append(record_text(used.note, used.fr.note if used.fr else None))
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
    lowest, highest = min(p.dose for p in steps), max(p.dose for p in steps)
    for phase in steps:
        option = "--protocol" if used is not None else phase.option
        _, said = read_dose(typed(phase.dose), option=option, limits=limits, doses_per_day=1)
        if phase.dose in (lowest, highest):  # one warning for the lowest and the highest dose
            warnings += [w for w in said if w not in warnings]

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
    bud = beyond_use(record.bud)
    common = {
        "formulation": FormulationUsed.of(record),
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
            notes.append(
                Message(
                    code="titration-protocol-concentration",
                    params={"concentration": used.concentration, "protocol": used.id},
                    concerns="concentration",
                )
            )
        return plan_liquid(
            steps, record, library.catalog, concentration, begin, bud, warnings, notes, common
        )
    if concentration is not None:
        raise InputError("concentration", concentration, code="titration-concentration-for-liquids")
    return plan_capsules(
        steps, begin, bud, warnings, notes, common, tablet_strength=record.tablet_strength
    )
