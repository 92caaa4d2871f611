"""A titration as an oral liquid, in numbers: one concentration for every step, and the fills.

One concentration of the formulation's listed ones for which every step's volume (dose ÷
concentration) is exactly on the marks of the oral syringe that measures it (the one
:func:`ldncalc.preparations.liquid.compute.measure` picks): the default concentration if it
works, then the one needing the fewest different syringes, then the nearest to the default
(:func:`ldncalc.preparations.liquid.compute.distance_from_default`). Each fill is made from
whole tablets, made up to a volume the graduated cylinder reads
(:func:`ldncalc.preparations.liquid.compute.made_up_volume`), compounded on the day of its
first dose, with its own BUD.

Numbers and units only (exact Decimal where the units are mg, mL and mg/mL, as pint would
compute them); :mod:`ldncalc.titration.describe` turns them into steps, warnings and notes.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from ldncalc.catalogs import Catalog, Syringe
from ldncalc.errors import LdnCalcError, UnsafeInputError
from ldncalc.formatting import round_to, typed
from ldncalc.forms import default_record
from ldncalc.formulations import Formulation
from ldncalc.preparations.liquid.compute import (
    FINAL_VOLUME_PLACES,
    distance_from_default,
    least_spare,
    made_up_volume,
)
from ldncalc.preparations.liquid.dilution import exact_measure, needs_dilution
from ldncalc.titration.kept import Kept
from ldncalc.titration.read import StepFix
from ldncalc.titration.schedule import (
    MAX_STEPS,
    Phase,
    Span,
    dated,
    drug_of,
    exact,
    fill_runs,
    fill_spans,
    in_unit,
    phases,
    total_drug,
)
from ldncalc.units import (
    CONCENTRATION,
    DIMENSIONLESS,
    MG,
    MG_PER_ML,
    ML,
    Qty,
    Quantity,
    as_quantity,
    converted,
)


class LiquidStep(NamedTuple):
    """One step of a liquid titration: its volume at the concentration, and the syringe that
    measures it exactly on its marks."""

    phase: Phase
    first_day: date
    last_day: date
    volume: Qty
    syringe: Syringe


class LiquidFill(NamedTuple):
    """The numbers of one fill: the doses it holds, the spare, the tablets, the volume."""

    number: int
    span: Span
    taken_doses: list[tuple[Phase, int]]  # the steps taken from it, with their days in it
    drug_taken: Qty  # mg
    volume_taken: Qty  # mL
    largest: Qty  # the largest dose's volume (mL)
    spare_by_doses: Qty  # the record's spare doses of the largest (mL)
    spare_by_percent: Qty  # the record's percentage of the volume taken (mL)
    spare_minimum: Qty  # the greater: the spare on top of the doses (mL)
    needed: Qty  # (volume taken + spare) × concentration, mg
    exact_tablets: Qty  # needed ÷ tablet strength (a number)
    tablets: int  # rounded up
    exact_volume: Qty  # tablets × strength ÷ concentration, mL
    volume: Qty  # the exact volume made up to what a graduated cylinder reads, mL
    spare: Qty  # volume − volume taken: never taken (docs/basis.md §3)
    syringes: tuple[Syringe, ...]  # the syringe of each run of doses


class LiquidPlan(NamedTuple):
    """A liquid titration in numbers: the concentration (and, when it is not the record's
    default, the steps the default measures only unreliably), each step and each fill."""

    concentration: Qty
    chosen: bool  # chosen from the record's listed ones (not given)
    default: Qty
    unreliable_at_default: int | None  # None: the default measures not every step exactly
    unreliable: list[Phase]  # the steps below what their syringe measures reliably
    unreliable_volumes: tuple[Qty, ...]  # their volumes
    better: tuple[Qty, ...]  # then: the listed concentrations that measure every step so
    own: tuple[tuple[Qty, int, bool], ...]  # else each such step as its own liquid
    strength: Qty  # the tablets', mg
    steps: list[LiquidStep]
    fills: list[LiquidFill]
    tablets: int
    total_volume: Qty
    drug_taken: Qty


def plan_liquid(
    steps: list[Phase],
    record: Formulation,
    catalog: Catalog,
    concentration: str | Qty | None,
    begin: date,
    bud_days: int,
) -> LiquidPlan:
    """The liquid titration of ``steps`` from ``begin``: the concentration (``concentration``
    if given, else chosen), each step's volume and syringe, and the fills of at most
    ``bud_days`` days. Raises the refusal when no concentration measures every step, or a
    fill would be larger than the record allows."""
    assert record.concentration is not None
    assert record.tablet_strength is not None
    deviation = Decimal(record.limits.dose_deviation_maximum.magnitude)
    default = record.concentration.default
    at_default: int | None = None
    if concentration is not None:
        conc = _read_concentration(concentration, record, steps, catalog, deviation)
        found = _measures(steps, conc, catalog, deviation)
        if found is None:
            raise _concentration_refused(concentration, conc, steps, record, catalog, deviation)
        measures = found
    else:
        conc, measures, at_default = _choose_concentration(steps, record, catalog, deviation)
    syringes = [syringe for syringe, _ in measures]
    strength = converted(record.tablet_strength, MG)
    volumes = [_volume(phase.dose, conc) for phase in steps]
    by_dose = {phase.mg: syringe for phase, syringe in zip(steps, syringes, strict=True)}
    fills = [
        _fill(number, span, steps, record, conc, strength, by_dose)
        for number, span in enumerate(fill_spans(sum(p.days for p in steps), bud_days), 1)
    ]
    total_volume = sum((f.volume.magnitude for f in fills), Decimal(0))
    small = _unreliable(steps, measures)
    better, own = unreliable_fix(small, steps, record, catalog, deviation) if small else ((), ())
    return LiquidPlan(
        concentration=conc,
        chosen=concentration is None,
        default=default,
        unreliable_at_default=at_default,
        unreliable=small,
        unreliable_volumes=tuple(_volume(p.dose, conc) for p in small),
        better=better,
        own=own,
        strength=strength,
        steps=[
            LiquidStep(phase, first, last, volume, syringe)
            for (phase, first, last), volume, syringe in zip(
                dated(steps, begin), volumes, syringes, strict=True
            )
        ],
        fills=fills,
        tablets=sum(f.tablets for f in fills),
        total_volume=exact(total_volume, ML),
        drug_taken=total_drug(steps),
    )


def _fill(
    number: int,
    span: Span,
    steps: Sequence[Phase],
    record: Formulation,
    conc: Qty,
    strength: Qty,
    by_dose: dict[Decimal, Syringe],
) -> LiquidFill:
    """One fill: its doses and the record's spare (docs/basis.md §3: never a bottle drawn to
    the last drop), made from whole tablets to a volume the graduated cylinder reads."""
    taken_doses = fill_runs(steps, span)
    taken = drug_of(taken_doses)
    taken_volume = _volume(taken, conc)
    largest = _volume(max(taken_doses, key=lambda run: run[0].mg)[0].dose, conc)
    # the record's spare (docs/basis.md §3): the greater of its doses of the largest and its
    # percentage of the volume taken (shown), up to the graduated cylinder's 0.1 mL
    by_doses = largest.magnitude * record.spare.doses
    by_percent = taken_volume.magnitude * record.spare.percent / 100
    spare = least_spare(largest, taken_volume, record.spare)
    if in_unit(conc, MG_PER_ML) and in_unit(strength, MG):
        # exact Decimal: mL × mg/mL is mg, mg ÷ mg a number, mg ÷ mg/mL is mL
        needed = exact((taken_volume.magnitude + spare.magnitude) * conc.magnitude, MG)
        exact_tablets = exact(needed.magnitude / strength.magnitude, DIMENSIONLESS)
        tablets = math.ceil(exact_tablets.magnitude)
        made = exact(strength.magnitude * tablets / conc.magnitude, ML)
    else:
        needed = converted((taken_volume + spare) * conc, MG)
        exact_tablets = needed / strength
        tablets = math.ceil(exact_tablets)
        made = converted(strength * tablets / conc, ML)
    if made > record.limits.volume_maximum:
        raise UnsafeInputError(
            "concentration",
            typed(conc),
            code="titration-fill-too-large",
            volume=made,
            fill=number,
            most=record.limits.volume_maximum,
        )
    rounded = round_to(made.magnitude, FINAL_VOLUME_PLACES)
    if in_unit(made, ML) and rounded == made.magnitude:
        volume = exact(rounded, ML)  # on the cylinder's marks already
    else:
        volume = made_up_volume(tablets, strength, conc, at_least=taken_volume + spare)
    return LiquidFill(
        number=number,
        span=span,
        taken_doses=taken_doses,
        drug_taken=taken,
        volume_taken=taken_volume,
        largest=largest,
        spare_by_doses=exact(by_doses, ML),
        spare_by_percent=exact(by_percent, ML),
        spare_minimum=spare,
        needed=needed,
        exact_tablets=exact_tablets,
        tablets=tablets,
        exact_volume=made,
        volume=volume,
        spare=_difference(volume, taken_volume),
        syringes=tuple(by_dose[phase.mg] for phase, _ in taken_doses),
    )


def _difference(volume: Qty, taken: Qty) -> Qty:
    """``volume`` − ``taken``, in mL."""
    if in_unit(volume, ML) and in_unit(taken, ML):
        return exact(volume.magnitude - taken.magnitude, ML)
    return converted(volume - taken, ML)


def _volume(dose: Qty, conc: Qty) -> Qty:
    """The volume of ``dose`` at ``conc`` (mL): exact Decimal when they are in mg and
    mg/mL, as pint would compute it."""
    if in_unit(dose, MG) and in_unit(conc, MG_PER_ML):
        return exact(dose.magnitude / conc.magnitude, ML)
    return converted(dose / conc, ML)


def _measured(
    dose: Qty, conc: Qty, catalog: Catalog, deviation: Decimal
) -> tuple[Syringe | None, bool]:
    """The syringe that measures ``dose`` at ``conc`` exactly on its marks (``None`` if none
    does), and whether it measures it reliably: kept per catalog, deviation, dose and
    concentration, since every plan tries its doses at each listed concentration."""

    def measure() -> tuple[Syringe | None, bool]:
        volume = _volume(dose, conc)
        found = exact_measure(volume, catalog, deviation)
        if found is None:
            return None, False
        return found.syringe, found.syringe.reliable(volume)

    key = (deviation, dose.magnitude, dose._units, conc.magnitude, conc._units)
    return _MEASURED.get(catalog, key, measure)


_MEASURED: Kept[tuple[Syringe | None, bool]] = Kept(4096)


def _measures(
    steps: Sequence[Phase], conc: Qty, catalog: Catalog, deviation: Decimal
) -> list[tuple[Syringe, bool]] | None:
    """The syringe that measures each step exactly on its marks at ``conc`` and whether it
    measures it reliably, or ``None`` if any step is not measured exactly (kept per set of
    doses, as :func:`_measured` keeps each dose's)."""

    def measure() -> list[tuple[Syringe, bool]] | None:
        each = [_measured(phase.dose, conc, catalog, deviation) for phase in steps]
        return None if any(s is None for s, _ in each) else [(s, r) for s, r in each if s]

    doses = tuple((p.dose.magnitude, p.dose._units) for p in steps)
    return _MEASURES.get(catalog, (deviation, doses, conc.magnitude, conc._units), measure)


_MEASURES: Kept[list[tuple[Syringe, bool]] | None] = Kept(1024)


def _syringes(
    steps: Sequence[Phase], conc: Qty, catalog: Catalog, deviation: Decimal
) -> list[Syringe] | None:
    """The syringe that measures each step exactly on its marks at ``conc``, or ``None`` if
    any step is not measured exactly."""
    found = _measures(steps, conc, catalog, deviation)
    return None if found is None else [syringe for syringe, _ in found]


def _unreliable(steps: Sequence[Phase], measures: Sequence[tuple[Syringe, bool]]) -> list[Phase]:
    """The steps whose volume is below what its syringe measures reliably (docs/basis.md §7:
    20 % of the capacity), of their ``measures`` (:func:`_measures`)."""
    return [p for p, (_, reliable) in zip(steps, measures, strict=True) if not reliable]


def _choose_concentration(
    steps: Sequence[Phase],
    record: Formulation,
    catalog: Catalog,
    deviation: Decimal,
) -> tuple[Qty, list[tuple[Syringe, bool]], int | None]:
    """The listed concentration that measures every step exactly: fewest unreliable steps,
    then the default, then the fewest different syringes, then the nearest to the default;
    its measures (:func:`_measures`), and the unreliable steps at the default (``None``: the
    default measures not every step)."""
    assert record.concentration is not None
    default = record.concentration.default
    options = []
    for conc in record.concentration.listed:
        measures = _measures(steps, conc, catalog, deviation)
        if measures is not None:
            kinds = len({s.name for s, _ in measures})
            unreliable = len(_unreliable(steps, measures))
            rank = (unreliable, conc != default, kinds, _distance(conc, default))
            options.append((rank, conc, measures))
    if not options:
        raise _no_concentration(steps, record, catalog, deviation)
    rank, conc, measures = min(options, key=lambda o: o[0])
    at_default = next((o for o in options if o[1] == default), None)
    return conc, measures, None if at_default is None else at_default[0][0]


def _distance(conc: Qty, default: Qty) -> float:
    """:func:`~ldncalc.preparations.liquid.compute.distance_from_default`, in exact Decimal
    when both are in the same unit."""
    if conc._units == default._units:
        return abs(math.log(float(conc.magnitude / default.magnitude)))
    return distance_from_default(conc, default)


def unreliable_fix(
    small: Sequence[Phase],
    steps: Sequence[Phase],
    record: Formulation,
    catalog: Catalog,
    deviation: Decimal,
) -> tuple[tuple[Qty, ...], tuple[tuple[Qty, int, bool], ...]]:
    """The fix for steps whose volume is below what its syringe measures reliably: the
    listed concentrations that measure every step reliably; else each of those steps made
    as its own liquid (dose, days, and whether it needs a serial dilution,
    :func:`ldncalc.preparations.liquid.dilution.needs_dilution`)."""
    assert record.concentration is not None
    better = tuple(
        c
        for c in record.concentration.listed
        if (measures := _measures(steps, c, catalog, deviation)) is not None
        and not _unreliable(steps, measures)
    )
    own = tuple(
        (p.dose, p.days, needs_dilution(p.dose, record.concentration.listed, catalog))
        for p in dict.fromkeys(small)
    )
    return better, () if better else own


def formulation_id(record: Formulation) -> str | None:
    """``record``'s id for a command that must use it, unless it is the default."""
    return None if record.id == default_record("liquid", "tablets") else record.id


def _read_concentration(
    value: str | Qty,
    record: Formulation,
    steps: Sequence[Phase],
    catalog: Catalog,
    deviation: Decimal,
) -> Qty:
    """``value`` if it is one of the record's listed concentrations (docs/basis.md §3: only
    those are made); else the refusal names the listed ones that measure every step."""
    conc = as_quantity(value, option="--concentration", kinds=(CONCENTRATION,)).to(MG_PER_ML)
    assert record.concentration is not None
    listed = record.concentration.listed
    if conc not in listed:
        working = [c for c in listed if _syringes(steps, c, catalog, deviation) is not None]
        raise UnsafeInputError(
            "concentration",
            value,
            code="titration-concentration-not-listed",
            formulation=record.id,
            listed=listed,
            working=working or listed,
        )
    return next(c for c in listed if c == conc)


def _unmeasured(
    steps: Sequence[Phase], conc: Qty, catalog: Catalog, deviation: Decimal
) -> list[Phase]:
    return [p for p in steps if exact_measure(_volume(p.dose, conc), catalog, deviation) is None]


def _concentration_refused(
    value: object,
    conc: Qty,
    steps: Sequence[Phase],
    record: Formulation,
    catalog: Catalog,
    deviation: Decimal,
) -> UnsafeInputError:
    assert record.concentration is not None
    bad = _unmeasured(steps, conc, catalog, deviation)[0]
    working = [
        c
        for c in record.concentration.listed
        if _syringes(steps, c, catalog, deviation) is not None
    ]
    return UnsafeInputError(
        "concentration",
        value,
        code="titration-concentration-off-marks",
        volume=_volume(bad.dose, conc),
        dose=bad.dose,
        working=working,
    )


def _no_concentration(
    steps: Sequence[Phase], record: Formulation, catalog: Catalog, deviation: Decimal
) -> UnsafeInputError:
    """The refusal when no listed concentration measures every step exactly: it names a step
    that none measures (or says that none measures them all) and how to fix it."""
    assert record.concentration is not None
    listed = record.concentration.listed
    failing = {c: _unmeasured(steps, c, catalog, deviation) for c in listed}
    everywhere = [p for p in steps if all(p in failing[c] for c in listed)]
    if everywhere:
        bad = everywhere[0]
        least = min(s.minimum for s in catalog.syringes)
        too_small = all(_volume(bad.dose, c) < least for c in listed)
        fix: StepFix
        if too_small:
            fix = {"remedy": "dilution", "dilution_formulation": formulation_id(record)}
        elif bad.option == "--step":
            fix = _step_fix(steps, record, catalog, deviation)
        else:
            fix = {"remedy": "round", "multiple": Quantity(Decimal("0.1"), MG)}
        return UnsafeInputError(
            bad.option,
            bad.given,
            code="titration-dose-off-marks",
            dose=bad.dose,
            formulation=record.id,
            listed=listed,
            volumes=tuple(_volume(bad.dose, c) for c in listed),
            **fix,
        )
    bad = steps[0]
    return UnsafeInputError(
        bad.option,
        bad.given,
        code="titration-no-concentration-for-schedule",
        formulation=record.id,
        listed=listed,
        **_step_fix(steps, record, catalog, deviation),
    )


def too_many_steps_fix(
    first: Qty, last: Qty, least: Qty, record: Formulation, catalog: Catalog, concentration: object
) -> StepFix:
    """The fix for a --step that gives too many steps: the steps from ``least`` (the smallest
    with few enough steps) up that put every dose on a syringe's marks at a listed
    concentration (``concentration``, when it is a listed one), so that the step suggested is
    accepted ("use --step 0.18mg or more" was refused: 1.04 mg is on no syringe's marks)."""
    assert record.concentration is not None
    listed = record.concentration.listed
    try:
        given = as_quantity(concentration, option="--concentration", kinds=(CONCENTRATION,))
    except LdnCalcError:
        given = None  # refused in its turn when the step is right
    usable = [c for c in listed if given is not None and c == given] or listed
    deviation = Decimal(record.limits.dose_deviation_maximum.magnitude)
    trial = phases(first, least, 1, last)
    return _step_fix(trial, record, catalog, deviation, usable)


def _step_fix(
    steps: Sequence[Phase],
    record: Formulation,
    catalog: Catalog,
    deviation: Decimal,
    concentrations: Sequence[Qty] | None = None,
) -> StepFix:
    """A nearby --step (a multiple of 0.05 mg, else of 0.01 mg when the distance is too short
    for one) that makes every step measurable (at one of ``concentrations``, by default the
    listed ones), if one is."""
    assert record.concentration is not None
    concentrations = concentrations or record.concentration.listed
    first, last = steps[0].dose, steps[-1].dose
    sizes = [p.dose - q.dose for q, p in itertools.pairwise(steps)]
    asked = max(sizes) if sizes else last - first
    works = []
    for grain in (Quantity(Decimal("0.05"), MG), Quantity(Decimal("0.01"), MG)):
        for count in range(1, int((last - first) / grain) + 1):
            size = (grain * count).to(MG)
            trial = phases(first, size, 1, last)
            if len(trial) > MAX_STEPS:
                continue
            if any(_syringes(trial, c, catalog, deviation) for c in concentrations):
                works.append(size)
        if works:
            break
    if not works:
        return {"remedy": "change"}
    below = [s for s in works if s <= asked]
    above = [s for s in works if s > asked]
    near = ([max(below)] if below else []) + ([min(above)] if above else [])
    return {"remedy": "marks", "suggested": tuple(near)}
