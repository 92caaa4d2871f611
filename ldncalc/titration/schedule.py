"""The dated schedule: the doses and their days, from the options or a protocol, and the fills
that cover them.

::

    doses        start, start + step, start + 2 × step, …, then the target (the last step is
                 shorter when the difference is not a whole number of steps)
    each step    lasts ``every`` days; the target then continues for ``maintenance`` days
    dates        step i begins on start date + the days of the steps before it
    fills        runs of at most the BUD in days, each compounded on the day of its first dose
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, TypedDict

from ldncalc.checks import dose_unit, read_date, read_days, read_dose
from ldncalc.errors import InputError, UnsafeInputError
from ldncalc.formulations import Formulation
from ldncalc.titration.protocols import Protocol
from ldncalc.units import DAY, FIRST_DOSE, MG, STEP, Qty, Quantity, as_quantity

MAX_STEPS = 24  # ldncalc default: published schedules have at most 9 steps


@dataclass(frozen=True)
class Phase:
    """A dose taken for a number of days, and the option (with the value given) a person
    would change to fix it."""

    dose: Qty
    days: int
    option: str
    given: object = None


@dataclass(frozen=True)
class Span:
    """The days a fill covers: from ``offset`` days after the start, for ``days`` days."""

    offset: int
    days: int

    def dates(self, begin: date, bud_days: int) -> FillDates:
        """The fill's dates when the schedule begins on ``begin``: compounded on the day of its
        first dose, not to be used after that day + ``bud_days``."""
        first = begin + timedelta(days=self.offset)
        return FillDates(
            compounding_date=first,
            bud_date=first + timedelta(days=bud_days),
            first_day=first,
            last_day=first + timedelta(days=self.days - 1),
            days=self.days,
        )


class FillDates(TypedDict):
    """The dates of a :class:`~ldncalc.titration.models.Fill`, as its keyword arguments."""

    compounding_date: date
    bud_date: date
    first_day: date
    last_day: date
    days: int


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


def phases(
    first: Qty, size: Qty, interval: int, last: Qty, given: Mapping[str, object] | None = None
) -> list[Phase]:
    """The steps from ``first`` by ``size`` to ``last``, each ``interval`` days."""
    given = given or {}
    found = []
    dose = first
    while dose < last:
        option = "--start" if dose == first else "--step"
        found.append(Phase(dose, interval, option, given.get(option)))
        dose = (dose + size).to(MG)
    found.append(Phase(last, interval, "--target", given.get("--target")))
    return found


def protocol_phases(
    protocol: Protocol, name: str
) -> tuple[list[Phase], Qty, Qty, Qty | None, int | None]:
    """The steps of a protocol, and its start, target, step and days a step (the last two
    ``None`` for a protocol written as [[steps]])."""
    if protocol.schedule is not None:
        s = protocol.schedule
        every = whole_days(s.every)
        given: dict[str, object] = dict.fromkeys(("--start", "--step", "--target"), name)
        return (
            [
                Phase(p.dose, p.days, "--protocol", name)
                for p in phases(_mg(s.start), _mg(s.step), every, _mg(s.target), given)
            ],
            s.start,
            s.target,
            s.step,
            every,
        )
    found = [Phase(_mg(s.dose), whole_days(s.duration), "--protocol", name) for s in protocol.steps]
    return found, found[0].dose, found[-1].dose, None, None


def whole_days(duration: Qty) -> int:
    return int(duration.to(DAY).magnitude)


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


def total_drug(taken: Sequence[Phase]) -> Qty:
    """The drug of the doses of ``taken``, each dose times its days, in mg."""
    total: Qty = sum((p.dose * p.days for p in taken), Quantity(0, MG)).to(MG)
    return total


def dated(steps: Sequence[Phase], begin: date) -> list[tuple[Phase, date, date]]:
    """Each step with its first and last day."""
    found, day = [], begin
    for phase in steps:
        found.append((phase, day, day + timedelta(days=phase.days - 1)))
        day += timedelta(days=phase.days)
    return found


def fill_spans(total: int, bud_days: int) -> list[Span]:
    """The days of each fill: at most ``bud_days`` days each, one after the other."""
    return [Span(start, min(bud_days, total - start)) for start in range(0, total, bud_days)]


def per_day(steps: Sequence[Phase]) -> list[Qty]:
    """The dose of every day of the schedule, in order."""
    return [phase.dose for phase in steps for _ in range(phase.days)]


def drug_of(doses: Sequence[Qty]) -> Qty:
    """The drug of a run of daily doses, in mg."""
    total: Qty = sum(doses, Quantity(0, MG)).to(MG)
    return total


def runs(doses: Sequence[Qty]) -> list[tuple[Qty, int]]:
    """The doses of a run of days, grouped: (0.5 mg, 14), (1 mg, 7)."""
    return [(dose, len(list(run))) for dose, run in itertools.groupby(doses)]


def _mg(mass: Qty) -> Qty:
    return mass.to(MG)
