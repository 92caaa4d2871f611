"""A titration as capsules: the fewest capsule strengths, and the batches of each fill.

The strengths are the fewest distinct ones that make every step's dose with at most
:data:`MAX_CAPSULES_PER_DOSE` capsules (one, two of one strength, or two different ones). The
search is exact over every strength that is a whole number of *grains*, the grain being half the
greatest common divisor of the doses. No smallest set lies off that grid: in a smallest set each
strength is fixed by the doses (a dose, half a dose, or a dose less another fixed strength);
strengths that could all slide together while keeping their sums could slide until two meet,
making a set with one fewer. When the doses are too irregular for the search to finish within
:data:`SEARCH_BUDGET`, a set built dose by dose is used, with a warning that it may not be the
fewest. Of the smallest sets:

1. when the target is taken longer than all the steps before it together (a long maintenance),
   the sets that make the target with one capsule come first: a patient swallows one capsule a
   day for most of the schedule, and never at the cost of one more strength;
2. then the sets with more of the strengths usually offered (:data:`OFFERED_CAPSULE_STRENGTHS`);
3. then fewer capsules swallowed (counted once per dose), then two identical capsules over two
   different ones, then the smaller strengths.

Each fill (at most the BUD in days) has its own batch of each strength, compounded on the fill's
compounding date: ``ldncalc capsule --strength S --quantity N`` makes one (it adds the
formulation's overage).
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

from ldncalc.bud import BeyondUse
from ldncalc.formatting import format_number, round_to
from ldncalc.formatting import format_quantity as fq
from ldncalc.messages import Message, Step
from ldncalc.titration.models import CapsuleCount, Fill, ScheduleStep, TitrationResult
from ldncalc.titration.schedule import Phase, dated, drug_of, fill_spans, per_day, total_drug
from ldncalc.units import MG, Qty, Quantity

MAX_CAPSULES_PER_DOSE = 2
# Capsule strengths usually offered (docs/basis.md §2).
OFFERED_CAPSULE_STRENGTHS = tuple(Quantity(Decimal(s), MG) for s in ("0.5", "1", "1.5", "3", "4.5"))

# Work the exact search may do (sets tried, plus the work of its bound counted in sets) before
# it gives up: about a second where it was measured. Every schedule of up to 24 steps from the
# options with doses in multiples of 0.05 mg, and every built-in protocol, takes far less;
# irregular doses (24 steps 0.39 mg apart, or doses to 0.01 mg) would take minutes, and get a
# set built dose by dose with a warning instead. Counted, not timed: the same doses always give
# the same strengths.
SEARCH_BUDGET = 400_000

Combos = dict[Qty, tuple[CapsuleCount, ...]]
# Doses in multiples of this always let the exact search finish (SEARCH_BUDGET)
REGULAR_DOSE = Quantity(Decimal("0.05"), MG)


def plan_capsules(
    steps: list[Phase],
    begin: date,
    bud: BeyondUse,
    warnings: list[Message | str],
    notes: list[Message | str],
    common: dict[str, Any],
    *,
    tablet_strength: Qty | None,
) -> TitrationResult:
    """The capsule titration of ``steps`` from ``begin``: the strengths, each step's capsules,
    and each fill's batches. ``tablet_strength`` is the record's, for capsules made from
    crushed tablets (``None`` for API powder)."""
    doses = list(dict.fromkeys(p.dose for p in steps))
    last = steps[-1]
    single = last.dose if last.days > sum(p.days for p in steps[:-1]) else None
    strengths, combos, fewest = choose_strengths(doses, single=single)
    if single is not None and single in strengths:
        notes.append(
            Message(
                code="titration-target-one-capsule",
                params={"target": single, "days": last.days, "total_days": common["days"]},
            )
        )
    if not fewest:
        warnings.append(
            Message(
                code="titration-strengths-not-proven-fewest",
                params={"strengths": len(strengths), "multiple": REGULAR_DOSE},
            )
        )
    calculation = [
        Step(
            code="titration-capsule-strengths",
            params={
                "strengths": strengths,
                "most_a_dose": MAX_CAPSULES_PER_DOSE,
                "single": single,
            },
        )
    ]
    schedule = []
    for number, (phase, first, final) in enumerate(dated(steps, begin), 1):
        combo = combos[phase.dose]
        schedule.append(
            ScheduleStep(
                number=number,
                dose=phase.dose,
                first_day=first,
                last_day=final,
                days=phase.days,
                capsules=combo,
            )
        )
        calculation.append(
            Step(
                code="titration-step-capsules",
                params={"step": number, "dose": phase.dose, "capsules": _pairs(combo)},
            )
        )
    daily = per_day(steps)
    fills = []
    for number, span in enumerate(fill_spans(len(daily), bud.days), 1):
        taken = daily[span.offset : span.offset + span.days]
        fills.append(
            Fill(
                number=number,
                **span.dates(begin, bud.days),
                drug_taken=drug_of(taken),
                capsules=_counts(taken, strengths, combos),
                capsules_a_day=_most_a_day(taken, strengths, combos),
            )
        )
    totals = _counts(daily, strengths, combos)
    for count in totals:
        used = [
            (c.count, p.days) for p in steps for c in combos[p.dose] if c.strength == count.strength
        ]
        calculation.append(
            Step(
                code="titration-strength-capsules",
                params={"strength": count.strength, "uses": used, "capsules": count.count},
            )
        )
    if len(fills) > 1:
        calculation += [
            Step(
                code="titration-fill-capsules",
                params={"fill": fill.number, "capsules": _pairs(fill.capsules)},
            )
            for fill in fills
        ]
        notes.append(
            Message(
                code="titration-capsule-fills",
                params={"days": common["days"], "bud": bud.days, "fills": len(fills)},
            )
        )
    notes.append(Message(code="titration-batch-commands"))
    notes.append(Message(code="titration-batch-net-fill-weight"))
    if tablet_strength is not None:
        notes.append(
            Message(
                code="titration-batch-tablet-weight",
                params={"tablet_strength": tablet_strength},
            )
        )
    return TitrationResult(
        **common,
        form="capsule",
        schedule=tuple(schedule),
        concentration=None,
        tablet_strength=tablet_strength,
        capsule_strengths=totals,
        fills=tuple(fills),
        drug_taken=total_drug(steps),
        tablets=None,
        total_volume=None,
        warnings=tuple(warnings),
        notes=tuple(notes),
        steps=tuple(calculation),
    )


def _pairs(combo: Sequence[CapsuleCount]) -> list[tuple[int, Qty]]:
    """The capsules of a dose or fill as message parameters: (count, strength) pairs."""
    return [(c.count, c.strength) for c in combo]


def capsules_text(combo: Sequence[CapsuleCount]) -> str:
    """``1 × 3 mg + 1 × 1.5 mg``: the capsules of one dose."""
    return " + ".join(f"{format_number(c.count)} × {fq(c.strength)}" for c in combo)


def _counts(
    days: Sequence[Qty], strengths: Sequence[Qty], combos: Combos
) -> tuple[CapsuleCount, ...]:
    """The capsules of each strength taken over ``days`` (the dose of each day)."""
    counts = dict.fromkeys(strengths, 0)
    for dose in days:
        for capsule in combos[dose]:
            counts[capsule.strength] += capsule.count
    return tuple(CapsuleCount(strength=s, count=n) for s, n in counts.items() if n)


def _most_a_day(
    days: Sequence[Qty], strengths: Sequence[Qty], combos: Combos
) -> tuple[CapsuleCount, ...]:
    """The most capsules of each strength taken on one of ``days`` (the dose of each day)."""
    most = dict.fromkeys(strengths, 0)
    for dose in set(days):
        for capsule in combos[dose]:
            most[capsule.strength] = max(most[capsule.strength], capsule.count)
    return tuple(CapsuleCount(strength=s, count=n) for s, n in most.items() if n)


# --- the fewest strengths ---------------------------------------------------------------------


class StrengthChoice(NamedTuple):
    """The capsule strengths chosen (largest first), the capsules of each dose, and whether
    the strengths are proven the fewest (``False``: the search ran out of its work budget)."""

    strengths: tuple[Qty, ...]
    combos: Combos
    fewest: bool


def choose_strengths(doses: Sequence[Qty], *, single: Qty | None = None) -> StrengthChoice:
    """The fewest capsule strengths that make each of ``doses`` with at most 2 capsules, and
    the capsules of each dose. ``single``: a dose to make with one capsule when one of the
    smallest sets can (see the module docstring for the order of preference)."""
    grain = _grain(doses)
    wanted = sorted({_grains(d, grain) for d in doses})
    offered = {_grains(s, grain) for s in OFFERED_CAPSULE_STRENGTHS if _whole(s, grain)}
    alone = _grains(single, grain) if single is not None else None

    def rank(strengths: frozenset[int]) -> tuple[bool, int, int, int, tuple[int, ...]]:
        made = {d: _make(d, strengths) for d in wanted}
        swallowed = sum(len(made[d]) for d in wanted)
        mixed = sum(1 for d in wanted if len(set(made[d])) > 1)
        return (
            alone is not None and alone not in strengths,
            -len(strengths & offered),
            swallowed,
            mixed,
            tuple(sorted(strengths)),
        )

    found = fewest_sets(wanted, SEARCH_BUDGET)
    chosen = min(found, key=rank) if found is not None else _greedy(wanted, alone)
    strengths = tuple(_strength(s, grain) for s in sorted(chosen, reverse=True))
    combos = {}
    for dose in doses:
        made = _make(_grains(dose, grain), chosen)
        combos[dose] = tuple(
            CapsuleCount(strength=_strength(s, grain), count=made.count(s))
            for s in sorted(set(made), reverse=True)
        )
    return StrengthChoice(strengths, combos, fewest=found is not None)


def _grain(doses: Sequence[Qty]) -> Decimal:
    """Half the greatest common divisor of ``doses``, in mg."""
    magnitudes: list[Decimal] = [Decimal(d.to(MG).magnitude) for d in doses]
    places = max(0, *(-int(m.normalize().as_tuple().exponent) for m in magnitudes))
    scale = Decimal(10) ** places
    divisor = math.gcd(*(int(m * scale) for m in magnitudes))
    return Decimal(divisor) / scale / 2


def _grains(mass: Qty, grain: Decimal) -> int:
    return int(mass.to(MG).magnitude / grain)


def _whole(mass: Qty, grain: Decimal) -> bool:
    value = mass.to(MG).magnitude / grain
    return bool(value == value.to_integral())


def _strength(grains: int, grain: Decimal) -> Qty:
    return Quantity(round_to(grain * grains, 6), MG)


def _make(dose: int, strengths: frozenset[int]) -> tuple[int, ...]:
    """The fewest capsules of ``strengths`` summing to ``dose`` (two identical ones before
    two different ones, then the largest capsule first), or ``()`` if none does with at
    most 2."""
    if dose in strengths:
        return (dose,)
    if dose % 2 == 0 and dose // 2 in strengths:
        return (dose // 2, dose // 2)
    for s in sorted(strengths, reverse=True):
        if dose - s in strengths:
            return (s, dose - s)
    return ()


def fewest_sets(wanted: Sequence[int], budget: int = SEARCH_BUDGET) -> list[frozenset[int]] | None:
    """Every smallest set of strengths (positive whole numbers) whose sums of one or two
    (the same one twice included) make every number of ``wanted``; ``None`` if the search
    needs more than ``budget`` units of work (sets tried, see :data:`SEARCH_BUDGET`)."""
    goal = 0
    for dose in wanted:
        goal |= 1 << dose
    search = _Search(budget)
    for size in range(1, len(wanted) + 1):
        try:
            found = search.run(size, goal)
        except _OutOfBudget:
            return None
        if found:
            return sorted(found, key=sorted)
    raise AssertionError("every dose as its own strength always works")  # pragma: no cover


def _greedy(wanted: Sequence[int], alone: int | None) -> frozenset[int]:
    """A set that makes every dose, built dose by dose (the smallest not yet made first) with
    the strength that makes the most doses left; not proven the fewest. Used only when the
    exact search would take too long."""
    chosen: set[int] = {alone} if alone is not None else set()
    left = set(wanted) - _sums(chosen)
    while left:
        dose = min(left)
        options = {dose, *(dose - s for s in chosen if s < dose)}
        if dose % 2 == 0:
            options.add(dose // 2)
        best = max(sorted(options), key=lambda x: len(left & _sums(chosen | {x})))
        chosen.add(best)
        left -= _sums(chosen)
    return frozenset(chosen)


def _sums(strengths: set[int]) -> set[int]:
    """What one or two capsules of ``strengths`` make."""
    return strengths | {a + b for a, b in itertools.combinations_with_replacement(strengths, 2)}


def _members(bits: int) -> list[int]:
    """The numbers of a bit mask, smallest first."""
    found = []
    while bits:
        low = bits & -bits
        found.append(low.bit_length() - 1)
        bits ^= low
    return found


class _OutOfBudget(Exception):
    """The exact search has tried more sets than its budget allows."""


class _Search:
    """A depth-first search for the sets of at most ``size`` strengths that make every dose.

    Sets of numbers are bit masks (bit n: the number n). The smallest dose not yet made must be
    made now: by itself, as two halves, with a strength already chosen, or as two new strengths
    (any split of it). A branch stops when the strengths it may still add cannot make the doses
    left, counted generously (:meth:`_can_finish`).
    """

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.size = 0
        self.found: set[frozenset[int]] = set()
        self._seen: set[frozenset[int]] = set()

    def run(self, size: int, goal: int) -> set[frozenset[int]]:
        """The sets of ``size`` strengths (or fewer) that make every dose of ``goal``."""
        self.size = size
        self.found, self._seen = set(), set()
        self.grow(frozenset(), 0, goal)
        return self.found

    def grow(self, chosen: frozenset[int], chosen_bits: int, left: int) -> None:
        self.budget -= 1  # every set tried counts, seen before or not
        if self.budget < 0:
            raise _OutOfBudget
        if chosen in self._seen:
            return
        self._seen.add(chosen)
        if not left:
            self.found.add(chosen)
            return
        room = self.size - len(chosen)
        if room <= 0 or not self._can_finish(chosen, left, room):
            return
        dose = (left & -left).bit_length() - 1
        options: list[tuple[int, ...]] = [(dose,)]
        if dose % 2 == 0:
            options.append((dose // 2,))
        options += [(dose - s,) for s in chosen if s < dose]
        if room >= 2:
            options += [(a, dose - a) for a in range(1, (dose + 1) // 2)]
        for option in options:
            bits, made = chosen_bits, 0
            for strength in option:
                if bits >> strength & 1:
                    break
                made |= 1 << strength | 1 << 2 * strength | bits << strength
                bits |= 1 << strength
            else:
                self.grow(chosen | frozenset(option), bits, left & ~made)

    def _can_finish(self, chosen: frozenset[int], left: int, room: int) -> bool:
        """Whether ``room`` new strengths could make the ``left`` doses: each new strength makes
        at most the doses that are itself, its double or itself plus a chosen strength, and
        two new strengths one more dose together."""
        count = left.bit_count()
        if count > room * (room + 3) // 2 + room * len(chosen):
            return False
        if room == 1:
            return True  # the options tried next are all a single strength can be
        self.budget -= count * (len(chosen) + 2) // 8  # the work of this bound, in set tries
        helps: dict[int, int] = {}
        get = helps.get
        for dose in _members(left):
            helps[dose] = get(dose, 0) + 1
            if dose % 2 == 0:
                helps[dose // 2] = get(dose // 2, 0) + 1
            for strength in chosen:
                if strength < dose:
                    helps[dose - strength] = get(dose - strength, 0) + 1
        best = sum(heapq.nlargest(room, helps.values()))
        return count <= best + room * (room - 1) // 2
