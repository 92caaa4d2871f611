"""Reading a titration's inputs: start, step, days a step and target from the options (each
checked against the formulation's limits, with the refusal that says what is accepted), the
maintenance days and the start date. The schedule they give is built in
:mod:`ldncalc.titration.schedule`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from ldncalc.checks import dose_unit, read_date, read_days, read_dose
from ldncalc.errors import InputError, UnsafeInputError
from ldncalc.formulations import Formulation
from ldncalc.titration.protocols import Protocol
from ldncalc.titration.schedule import MAX_STEPS, whole_days
from ldncalc.units import FIRST_DOSE, MG, STEP, Qty, Quantity, as_quantity


def read_schedule(
    start: object,
    step: object,
    every: object,
    target: object,
    record: Formulation,
    step_fix: Callable[[Qty, Qty, Qty], StepFix] | None = None,
) -> tuple[Qty, Qty, int, Qty]:
    """Start, step (mg), days a step and target from the options, or the one-line refusal.
    ``step_fix(start, target, least)`` is the fix for a step below ``least``, the smallest the
    schedule accepts (too many steps, or below the smallest dose), when the form accepts fewer
    of the steps from ``least`` up (a liquid's doses must be on a syringe's marks); by default
    "use --step LEAST or more"."""
    fix = step_fix or _least_step_fix
    examples = {"start": "0.5mg", "step": "0.5mg", "every": "14d", "target": "4.5mg"}
    for option, value in (("start", start), ("step", step), ("every", every), ("target", target)):
        if value is None:
            raise InputError(
                option,
                None,
                code="titration-option-required",
                option=option,
                example=examples[option],
                protocol=option != "target",
            )
    limits = record.limits
    first, _ = read_dose(start, option="--start", limits=limits, doses_per_day=1, kind=FIRST_DOSE)
    last, _ = read_dose(target, option="--target", limits=limits, doses_per_day=1)
    size = as_quantity(step, option="--step", kinds=(STEP,))
    interval = read_days(every, limits, option="--every")
    if last < first:
        raise UnsafeInputError("target", target, code="titration-target-below-start", start=first)
    if last == first:
        raise UnsafeInputError("target", target, code="titration-target-is-start", start=first)
    # a step is from the smallest dose ldncalc prepares (in few enough steps) to the whole
    # distance from start to target (one step): a larger one is not the schedule typed
    distance = dose_unit(last - first)
    if size > distance:
        raise UnsafeInputError(
            "step",
            step,
            code="titration-step-above-distance",
            start=first,
            target=last,
            distance=distance,
        )
    count = math.ceil((last - first) / size) + 1
    if count > MAX_STEPS:
        raise UnsafeInputError(
            "step",
            step,
            code="titration-too-many-steps",
            steps=count,
            start=first,
            target=last,
            most=MAX_STEPS,
            **fix(first.to(MG), last.to(MG), least_step(first, last)),
        )
    if size < limits.dose_minimum:
        raise UnsafeInputError(
            "step",
            step,
            code="titration-step-below-minimum",
            minimum=limits.dose_minimum,
            **fix(first.to(MG), last.to(MG), limits.dose_minimum),
        )
    return first.to(MG), size.to(MG), interval, last.to(MG)


# The fix for a step that is too small, as an error's params: "remedy" is "least" (use
# --step LEAST or more), "marks" (use --step A or B: every dose on a syringe's marks) or
# "change" (change the start, step or target so every dose is on a syringe's marks), and
# the steps suggested ("suggested")
StepFix = dict[str, Any]


def _least_step_fix(first: Qty, last: Qty, least: Qty) -> StepFix:
    return {"remedy": "least", "suggested": (least,)}


def least_step(first: Qty, last: Qty) -> Qty:
    """The smallest step (a multiple of 0.01 mg) that goes from ``first`` to ``last`` in at
    most :data:`MAX_STEPS` steps."""
    grain = Quantity(Decimal("0.01"), MG)
    least: Qty = grain * math.ceil((last - first) / (MAX_STEPS - 1) / grain)
    return least


def read_maintenance(
    value: str | int | None, protocol: Protocol | None, record: Formulation
) -> int:
    """Days the target continues after its step: the option, else the protocol's, else 0."""
    if value is None:
        return whole_days(protocol.maintenance) if protocol and protocol.maintenance else 0
    # (type first: == against a hostile library value, a float Quantity say, can raise)
    if type(value) in (int, str) and value in (0, "0", "0d"):
        return 0
    return read_days(value, record.limits, option="--maintenance-days")


def read_start_date(value: str | date | None) -> date:
    return date.today() if value is None else read_date(value, "--start-date")
