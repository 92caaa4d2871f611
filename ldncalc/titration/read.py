"""Reading a titration's inputs: start, step, days a step and target from the options (each
checked against the formulation's limits, with the refusal that says what is accepted), the
maintenance days and the start date. The schedule they give is built in
:mod:`ldncalc.titration.schedule`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from ldncalc.checks import dose_unit, read_date, read_days, read_dose
from ldncalc.errors import InputError, UnsafeInputError
from ldncalc.formatting import MAX_PLACES, typed
from ldncalc.formulations import Formulation
from ldncalc.limits import Limits
from ldncalc.messages import Message
from ldncalc.titration.kept import Kept
from ldncalc.titration.protocols import Protocol
from ldncalc.titration.schedule import MAX_STEPS, Phase, in_unit, milligrams, whole_days
from ldncalc.units import FIRST_DOSE, MASS, MG, STEP, Kind, Qty, Quantity, as_quantity


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
    first = _read_dose(start, "--start", limits, FIRST_DOSE)
    last = _read_dose(target, "--target", limits, MASS)
    size = as_quantity(step, option="--step", kinds=(STEP,))
    interval = read_days(every, limits, option="--every")
    if last < first:
        raise UnsafeInputError("target", target, code="titration-target-below-start", start=first)
    if last == first:
        raise UnsafeInputError("target", target, code="titration-target-is-start", start=first)
    if in_unit(first, MG) and in_unit(last, MG) and in_unit(size, MG):
        # the usual case, in exact Decimal mg: a step within the distance, few enough steps,
        # not below the smallest dose (else the checks below, which say why)
        count = math.ceil((last.magnitude - first.magnitude) / size.magnitude) + 1
        if (
            size.magnitude <= last.magnitude - first.magnitude
            and count <= MAX_STEPS
            and size.magnitude >= _milligrams(limits)[0]
        ):
            return first, size, interval, last
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


def _read_dose(value: object, option: str, limits: Limits, kind: Kind) -> Qty:
    """:func:`~ldncalc.checks.read_dose` of a schedule's start or target (its warnings are
    the steps'): the dose read once and, in the usual case (in mg, inside the usual range),
    compared in exact Decimal mg; otherwise ``read_dose`` converts, refuses or warns."""
    dose = as_quantity(value, option=option, kinds=(kind,))
    if in_unit(dose, MG) and _usual(dose.magnitude, limits):
        return dose
    return read_dose(value, option=option, limits=limits, doses_per_day=1, kind=kind)[0]


def read_step_doses(steps: Sequence[Phase], limits: Limits, *, protocol: bool) -> list[Message]:
    """Every step's dose checked as ``--start``, ``--step`` or ``--target`` (``--protocol``)
    would be: the refusal of the first outside ldncalc's range, and the warnings of the
    lowest and the highest dose outside the usual range (each once)."""
    warnings: list[Message] = []
    lowest = highest = None
    for phase in steps:
        # the usual dose, in mg and written exactly by typed(): read_dose would say nothing
        mg = phase.mg
        if in_unit(phase.dose, MG) and not mg * _PLACES % 1 and _usual(mg, limits):
            continue
        if lowest is None:
            lowest, highest = min(p.dose for p in steps), max(p.dose for p in steps)
        option = "--protocol" if protocol else phase.option
        _, said = read_dose(typed(phase.dose), option=option, limits=limits, doses_per_day=1)
        if phase.dose in (lowest, highest):  # one warning for the lowest and the highest dose
            warnings += [w for w in said if w not in warnings]
    return warnings


_PLACES = 10**MAX_PLACES  # typed() writes a dose to MAX_PLACES decimal places


def _usual(mg: Decimal, limits: Limits) -> bool:
    """Whether a dose of ``mg`` is inside ldncalc's range and the usual range (below 1,000 mg:
    ``typed`` writes no thousands separator below it)."""
    low, high, warn_below, warn_above = _milligrams(limits)
    return low <= mg <= high and warn_below <= mg <= warn_above and mg < 1000


def _milligrams(limits: Limits) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    """A record's dose limits in exact mg: the least and the most dose, and the usual range."""
    return _LIMITS.get(
        limits,
        (),
        lambda: (
            milligrams(limits.dose_minimum),
            milligrams(limits.dose_maximum),
            milligrams(limits.dose_warn_below),
            milligrams(limits.dose_warn_above),
        ),
    )


_LIMITS: Kept[tuple[Decimal, Decimal, Decimal, Decimal]] = Kept(256)


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
