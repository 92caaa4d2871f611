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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, TypedDict

import pint

from ldncalc.titration.protocols import Protocol
from ldncalc.units import DAY, MG, Qty, Quantity

MAX_STEPS = 24  # ldncalc default: published schedules have at most 9 steps


@dataclass(frozen=True)
class Phase:
    """A dose taken for a number of days, and the option (with the value given) a person
    would change to fix it."""

    dose: Qty
    days: int
    option: str
    given: object = None
    # the dose as an exact number of mg: what the plans add up and compare
    mg: Decimal = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "mg", milligrams(self.dose))


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


def phases(
    first: Qty, size: Qty, interval: int, last: Qty, given: Mapping[str, object] | None = None
) -> list[Phase]:
    """The steps from ``first`` by ``size`` to ``last``, each ``interval`` days."""
    given = given or {}
    found = []
    if in_unit(first, MG) and in_unit(size, MG) and in_unit(last, MG):
        # in exact Decimal mg, as pint adds quantities of one unit
        mg, step, end = first.magnitude, size.magnitude, last.magnitude
        dose = first
        while mg < end:
            option = "--start" if mg == first.magnitude else "--step"
            found.append(Phase(dose, interval, option, given.get(option)))
            mg += step
            dose = exact(mg, MG)
    else:
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


def total_drug(taken: Sequence[Phase]) -> Qty:
    """The drug of the doses of ``taken``, each dose times its days, in mg."""
    return exact(sum((p.mg * p.days for p in taken), Decimal(0)), MG)


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


def fill_runs(steps: Sequence[Phase], span: Span) -> list[tuple[Phase, int]]:
    """The steps taken in the days of ``span``, each with its days in it, in order."""
    found: list[tuple[Phase, int]] = []
    begin, end, day = span.offset, span.offset + span.days, 0
    for phase in steps:
        first, last = max(day, begin), min(day + phase.days, end)
        if first < last:
            if found and found[-1][0].mg == phase.mg:  # the same dose on: one run
                found[-1] = (found[-1][0], found[-1][1] + last - first)
            else:
                found.append((phase, last - first))
        day += phase.days
    return found


def drug_of(taken: Sequence[tuple[Phase, int]]) -> Qty:
    """The drug of runs of daily doses (:func:`fill_runs`), in mg."""
    return exact(sum((p.mg * days for p, days in taken), Decimal(0)), MG)


def exact(number: Decimal | int, unit: pint.Unit) -> Qty:
    """A quantity of ldncalc's registry from an exact number computed here and one of
    ldncalc's units, built without pint's checks of its arguments (a twentieth of the time;
    a plan builds some fifty): the same object ``Quantity(number, unit)`` makes."""
    built: Any = object.__new__(Quantity)
    built._magnitude = number
    built._units = unit._units
    return built  # type: ignore[no-any-return]


def in_unit(quantity: Qty, unit: pint.Unit) -> bool:
    """Whether ``quantity`` is in ``unit`` (pint's unit containers compared, the same object
    most often: every quantity ldncalc builds takes its unit's)."""
    return quantity._units is unit._units or bool(quantity._units == unit._units)


def milligrams(mass: Qty) -> Decimal:
    """The magnitude of ``mass`` in mg, converting only when it is not in mg."""
    magnitude: Decimal = mass.magnitude if in_unit(mass, MG) else mass.m_as(MG)
    return magnitude


def _mg(mass: Qty) -> Qty:
    return mass.to(MG)
