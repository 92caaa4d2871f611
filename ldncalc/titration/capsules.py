"""A titration as capsules, in numbers: the fewest capsule strengths, and each fill's batches.

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

Numbers and units only; :mod:`ldncalc.titration.describe` turns them into steps and notes.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from ldncalc.formatting import round_to
from ldncalc.titration.kept import Kept
from ldncalc.titration.models import CapsuleCount
from ldncalc.titration.schedule import (
    Phase,
    Span,
    dated,
    drug_of,
    exact,
    fill_runs,
    fill_spans,
    milligrams,
    total_drug,
)
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

Combos = dict[Decimal, tuple[CapsuleCount, ...]]  # the capsules of each dose, by its mg
# Doses in multiples of this always let the exact search finish (SEARCH_BUDGET)
REGULAR_DOSE = Quantity(Decimal("0.05"), MG)


class CapsuleStep(NamedTuple):
    """One step of a capsule titration: the capsules of its dose."""

    phase: Phase
    first_day: date
    last_day: date
    capsules: tuple[CapsuleCount, ...]


class CapsuleFill(NamedTuple):
    """One fill: its days, the drug taken from it, its batch of each strength and the most
    capsules of each strength taken on one of its days."""

    number: int
    span: Span
    drug_taken: Qty
    capsules: tuple[CapsuleCount, ...]
    capsules_a_day: tuple[CapsuleCount, ...]


class CapsulePlan(NamedTuple):
    """A capsule titration in numbers."""

    strengths: tuple[Qty, ...]  # largest first
    fewest: bool  # False: the search ran out of its budget (a set built dose by dose)
    single: Qty | None  # the target, when a long maintenance asks for it in one capsule
    steps: list[CapsuleStep]
    fills: list[CapsuleFill]
    totals: tuple[CapsuleCount, ...]  # the capsules of each strength over the schedule
    drug_taken: Qty


def plan_capsules(steps: list[Phase], begin: date, bud_days: int) -> CapsulePlan:
    """The capsule titration of ``steps`` from ``begin``: the strengths, each step's capsules,
    and each fill's batches (fills of at most ``bud_days`` days)."""
    last = steps[-1]
    single = last.dose if last.days > sum(p.days for p in steps[:-1]) else None
    strengths, combos, fewest = _choose(
        tuple(dict.fromkeys(p.mg for p in steps)), None if single is None else last.mg
    )
    whole = [(phase, phase.days) for phase in steps]
    fills = []
    for number, span in enumerate(fill_spans(sum(p.days for p in steps), bud_days), 1):
        taken = fill_runs(steps, span)
        fills.append(
            CapsuleFill(
                number=number,
                span=span,
                drug_taken=drug_of(taken),
                capsules=_counts(taken, strengths, combos),
                capsules_a_day=_most_a_day(taken, strengths, combos),
            )
        )
    return CapsulePlan(
        strengths=strengths,
        fewest=fewest,
        single=single,
        steps=[
            CapsuleStep(phase, first, final, combos[phase.mg])
            for phase, first, final in dated(steps, begin)
        ],
        fills=fills,
        totals=_counts(whole, strengths, combos),
        drug_taken=total_drug(steps),
    )


def _counts(
    taken: Sequence[tuple[Phase, int]], strengths: Sequence[Qty], combos: Combos
) -> tuple[CapsuleCount, ...]:
    """The capsules of each strength taken over ``taken`` (steps and their days)."""
    counts = dict.fromkeys((s.magnitude for s in strengths), 0)
    for phase, days in taken:
        for capsule in combos[phase.mg]:
            counts[capsule.strength.magnitude] += capsule.count * days
    return tuple(_count(s, n) for s, n in zip(strengths, counts.values(), strict=True) if n)


def _most_a_day(
    taken: Sequence[tuple[Phase, int]], strengths: Sequence[Qty], combos: Combos
) -> tuple[CapsuleCount, ...]:
    """The most capsules of each strength taken on one day of ``taken`` (steps and their
    days)."""
    most = dict.fromkeys((s.magnitude for s in strengths), 0)
    for phase, _ in taken:
        for capsule in combos[phase.mg]:
            key = capsule.strength.magnitude
            most[key] = max(most[key], capsule.count)
    return tuple(_count(s, n) for s, n in zip(strengths, most.values(), strict=True) if n)


def _count(strength: Qty, count: int) -> CapsuleCount:
    """``count`` capsules of ``strength`` (both already checked: no validation again)."""
    return CapsuleCount.model_construct(strength=strength, count=count)


# --- the fewest strengths ---------------------------------------------------------------------


class StrengthChoice(NamedTuple):
    """The capsule strengths chosen (largest first), the capsules of each dose, and whether
    the strengths are proven the fewest (``False``: the search ran out of its work budget)."""

    strengths: tuple[Qty, ...]
    combos: dict[Qty, tuple[CapsuleCount, ...]]
    fewest: bool


def choose_strengths(doses: Sequence[Qty], *, single: Qty | None = None) -> StrengthChoice:
    """The fewest capsule strengths that make each of ``doses`` with at most 2 capsules, and
    the capsules of each dose. ``single``: a dose to make with one capsule when one of the
    smallest sets can (see the module docstring for the order of preference)."""
    strengths, by_mg, fewest = _choose(
        tuple(dict.fromkeys(milligrams(d) for d in doses)),
        None if single is None else milligrams(single),
    )
    return StrengthChoice(strengths, {d: by_mg[milligrams(d)] for d in doses}, fewest)


def _choose(
    doses: tuple[Decimal, ...], single: Decimal | None
) -> tuple[tuple[Qty, ...], dict[Decimal, tuple[CapsuleCount, ...]], bool]:
    """:func:`choose_strengths` of doses in mg, the capsules of each dose by its mg. The same
    doses always give the same strengths: a choice is kept for the next plan with them."""
    return _CHOSEN.get(None, (doses, single, SEARCH_BUDGET), lambda: _search(doses, single))


def _search(
    doses: tuple[Decimal, ...], single: Decimal | None
) -> tuple[tuple[Qty, ...], dict[Decimal, tuple[CapsuleCount, ...]], bool]:
    grain = _grain(doses)
    wanted = sorted({_grains(d, grain) for d in doses})
    offered = {_grains(s, grain) for s in _OFFERED_MG if _whole(s, grain)}
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
    quantity = {s: _strength(s, grain) for s in sorted(chosen, reverse=True)}
    combos = {}
    for dose in doses:
        made = _make(_grains(dose, grain), chosen)
        combos[dose] = tuple(
            _count(quantity[s], made.count(s)) for s in sorted(set(made), reverse=True)
        )
    return tuple(quantity.values()), combos, found is not None


# The strengths chosen for each set of doses (mg), single dose and search budget: the search
# is the same every time, and an irregular set takes up to its whole budget
_CHOSEN: Kept[tuple[tuple[Qty, ...], dict[Decimal, tuple[CapsuleCount, ...]], bool]] = Kept(1024)
_OFFERED_MG = tuple(milligrams(s) for s in OFFERED_CAPSULE_STRENGTHS)


def _grain(doses: Sequence[Decimal]) -> Decimal:
    """Half the greatest common divisor of ``doses`` (mg), in mg."""
    places = max(0, *(-int(m.normalize().as_tuple().exponent) for m in doses))
    scale = Decimal(10) ** places
    divisor = math.gcd(*(int(m * scale) for m in doses))
    return Decimal(divisor) / scale / 2


def _grains(mg: Decimal, grain: Decimal) -> int:
    return int(mg / grain)


def _whole(mg: Decimal, grain: Decimal) -> bool:
    value = mg / grain
    return bool(value == value.to_integral())


def _strength(grains: int, grain: Decimal) -> Qty:
    return exact(round_to(grain * grains, 6), MG)


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
