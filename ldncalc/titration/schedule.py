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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypedDict

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
