"""A titration as an oral liquid: one concentration for every step, and the fills.

One concentration of the formulation's listed ones for which every step's volume (dose ÷
concentration) is exactly on the marks of the oral syringe that measures it (the one
:func:`ldncalc.preparations.liquid.compute.measure` picks): the default concentration if it
works, then the one needing the fewest different syringes, then the nearest to the default
(:func:`ldncalc.preparations.liquid.compute.distance_from_default`). Each fill is made from
whole tablets, made up to a volume the graduated cylinder reads
(:func:`ldncalc.preparations.liquid.describe.final_volume`), compounded on the
day of its first dose, with its own BUD.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from ldncalc.bud import BeyondUse
from ldncalc.catalogs import Catalog, Syringe
from ldncalc.errors import LdnCalcError, UnsafeInputError
from ldncalc.formatting import typed
from ldncalc.formulations import DEFAULT_IDS, Formulation
from ldncalc.messages import Message, Step
from ldncalc.models import SyringeUsed
from ldncalc.preparations.liquid.amounts import ingredient_amounts
from ldncalc.preparations.liquid.compute import distance_from_default, least_spare
from ldncalc.preparations.liquid.describe import final_volume
from ldncalc.preparations.liquid.dilution import exact_measure, needs_dilution
from ldncalc.titration.models import Fill, ScheduleStep, TitrationResult
from ldncalc.titration.read import StepFix
from ldncalc.titration.schedule import (
    MAX_STEPS,
    Phase,
    dated,
    drug_of,
    fill_spans,
    per_day,
    phases,
    runs,
    total_drug,
)
from ldncalc.units import CONCENTRATION, MG, MG_PER_ML, ML, Qty, Quantity, as_quantity, converted


def plan_liquid(
    steps: list[Phase],
    record: Formulation,
    catalog: Catalog,
    concentration: str | Qty | None,
    begin: date,
    bud: BeyondUse,
    warnings: list[Message | str],
    notes: list[Message | str],
    common: dict[str, Any],
) -> TitrationResult:
    """The liquid titration of ``steps`` from ``begin``: the concentration (``concentration``
    if given, else chosen), each step's volume and syringe, and the fills."""
    assert record.concentration is not None
    assert record.tablet_strength is not None
    deviation = Decimal(record.limits.dose_deviation_maximum.magnitude)
    if concentration is not None:
        conc = _read_concentration(concentration, record, steps, catalog, deviation)
        syringes = _syringes(steps, conc, catalog, deviation)
        if syringes is None:
            raise _concentration_refused(concentration, conc, steps, record, catalog, deviation)
    else:
        conc, syringes = _choose_concentration(steps, record, catalog, deviation, notes)
    small = _unreliable(steps, conc, syringes)
    if small:
        warnings.append(_unreliable_warning(small, conc, steps, record, catalog, deviation))
    strength = record.tablet_strength.to(MG)
    calculation = [
        Step(
            code="titration-step-volume",
            params={
                "step": number,
                "dose": phase.dose,
                "concentration": conc,
                "volume": _volume(phase.dose, conc),
                "syringe": syringe.name,
            },
        )
        for number, (phase, syringe) in enumerate(zip(steps, syringes, strict=True), 1)
    ]
    schedule = tuple(
        ScheduleStep(
            number=number,
            dose=phase.dose,
            first_day=first,
            last_day=last,
            days=phase.days,
            volume=_volume(phase.dose, conc),
            syringe=_syringe_used(syringe),
        )
        for number, ((phase, first, last), syringe) in enumerate(
            zip(dated(steps, begin), syringes, strict=True), 1
        )
    )
    by_dose = {phase.dose: syringe for phase, syringe in zip(steps, syringes, strict=True)}
    daily = per_day(steps)
    fills = []
    for number, span in enumerate(fill_spans(len(daily), bud.days), 1):
        taken_doses = daily[span.offset : span.offset + span.days]
        taken = drug_of(taken_doses)
        taken_volume = _volume(taken, conc)
        # the fill holds its doses and the record's spare (docs/basis.md §3): never a bottle
        # drawn to the last drop
        largest = _volume(max(taken_doses), conc)
        spare = least_spare(largest, taken_volume, record.spare)
        needed = converted((taken_volume + spare) * conc, MG)
        tablets = math.ceil(needed / strength)
        exact = converted(strength * tablets / conc, ML)
        if exact > record.limits.volume_maximum:
            raise UnsafeInputError(
                "concentration",
                typed(conc),
                code="titration-fill-too-large",
                volume=exact,
                fill=number,
                most=record.limits.volume_maximum,
            )
        volume, made_up = final_volume(tablets, strength, conc, at_least=taken_volume + spare)
        if made_up:
            # the fill's number before final_volume's own note, as one record
            notes.append(
                Message(
                    code="titration-fill-note",
                    params={"fill": number, "note": made_up.code, **made_up.params},
                )
            )
        used: list[SyringeUsed] = []
        for dose in dict.fromkeys(taken_doses):
            syringe = _syringe_used(by_dose[dose])
            if syringe not in used:
                used.append(syringe)
        fills.append(
            Fill(
                number=number,
                **span.dates(begin, bud.days),
                drug_taken=taken,
                tablets=tablets,
                drug=(strength * tablets).to(MG),
                volume=volume,
                volume_taken=taken_volume,
                spare=converted(volume - taken_volume, ML),
                spare_minimum=spare,
                syringes=tuple(used),
                ingredients=ingredient_amounts(record, tablets, strength, volume),
            )
        )
        calculation += [
            Step(
                code="titration-fill-drug",
                params={"fill": number, "doses": runs(taken_doses), "drug": taken},
            ),
            Step(
                code="titration-fill-spare",
                params={
                    "fill": number,
                    "doses": record.spare.doses,
                    "percent": record.spare.percent,
                    "by_doses": largest * record.spare.doses,
                    "by_percent": converted(taken_volume * record.spare.percent / 100, ML),
                    "taken": taken_volume,
                    "spare": spare,
                },
            ),
            Step(
                code="titration-fill-tablets",
                params={
                    "fill": number,
                    "taken": taken_volume,
                    "spare": spare,
                    "concentration": conc,
                    "tablet_strength": strength,
                    "exact": needed / strength,
                    "tablets": tablets,
                },
            ),
            Step(
                code="titration-fill-volume",
                params={
                    "fill": number,
                    "tablets": tablets,
                    "tablet_strength": strength,
                    "concentration": conc,
                    "volume": volume,
                    "taken": taken_volume,
                    "spare": converted(volume - taken_volume, ML),
                },
            ),
        ]
    if len(fills) > 1:
        notes.append(
            Message(
                code="titration-liquid-fills",
                params={"days": common["days"], "bud": bud.days, "fills": len(fills)},
            )
        )
    tablets = sum(f.tablets or 0 for f in fills)
    total_volume = sum((f.volume for f in fills if f.volume is not None), Quantity(0, ML))
    drug_taken = total_drug(steps)
    calculation.append(
        Step(
            code="titration-totals",
            params={
                "tablets": tablets,
                "volume": total_volume,
                "drug": drug_taken,
                "days": common["days"],
            },
        )
    )
    return TitrationResult(
        **common,
        form="liquid",
        schedule=schedule,
        concentration=conc,
        tablet_strength=strength,
        capsule_strengths=(),
        fills=tuple(fills),
        drug_taken=drug_taken,
        tablets=tablets,
        total_volume=total_volume.to(ML),
        warnings=tuple(warnings),
        notes=tuple(notes),
        steps=tuple(calculation),
    )


def _volume(dose: Qty, conc: Qty) -> Qty:
    return converted(dose / conc, ML)


def _syringes(
    steps: Sequence[Phase], conc: Qty, catalog: Catalog, deviation: Decimal
) -> list[Syringe] | None:
    """The syringe that measures each step exactly on its marks at ``conc``, or ``None`` if
    any step is not measured exactly."""
    found = []
    for phase in steps:
        measured = exact_measure(_volume(phase.dose, conc), catalog, deviation)
        if measured is None:
            return None
        found.append(measured.syringe)
    return found


def _choose_concentration(
    steps: Sequence[Phase],
    record: Formulation,
    catalog: Catalog,
    deviation: Decimal,
    notes: list[Message | str],
) -> tuple[Qty, list[Syringe]]:
    assert record.concentration is not None
    default = record.concentration.default
    options = []
    for conc in record.concentration.listed:
        syringes = _syringes(steps, conc, catalog, deviation)
        if syringes is not None:
            kinds = len({s.name for s in syringes})
            unreliable = len(_unreliable(steps, conc, syringes))
            rank = (unreliable, conc != default, kinds, distance_from_default(conc, default))
            options.append((rank, conc, syringes))
    if not options:
        raise _no_concentration(steps, record, catalog, deviation)
    rank, conc, syringes = min(options, key=lambda o: o[0])
    if conc != default:
        at_default = next((o for o in options if o[1] == default), None)
        notes.append(
            Message(
                code="titration-concentration-chosen",
                params={
                    "concentration": conc,
                    "default": default,
                    "unreliable": None if at_default is None else at_default[0][0],
                },
                concerns="concentration",
            )
        )
    return conc, syringes


def _unreliable(steps: Sequence[Phase], conc: Qty, syringes: Sequence[Syringe]) -> list[Phase]:
    """The steps whose volume at ``conc`` is below what its syringe measures reliably
    (docs/basis.md §7: 20 % of the capacity)."""
    return [
        p for p, s in zip(steps, syringes, strict=True) if not s.reliable(_volume(p.dose, conc))
    ]


def _unreliable_warning(
    small: Sequence[Phase],
    conc: Qty,
    steps: Sequence[Phase],
    record: Formulation,
    catalog: Catalog,
    deviation: Decimal,
) -> Message:
    """The warning for steps whose volume is below what its syringe measures reliably, with
    the listed concentrations that measure every step reliably as the fix; else each of those
    steps made as its own liquid (a serial dilution when the dose needs one,
    :func:`ldncalc.preparations.liquid.dilution.needs_dilution`), for that step's days."""
    assert record.concentration is not None
    better = [
        c
        for c in record.concentration.listed
        if (found := _syringes(steps, c, catalog, deviation)) is not None
        and not _unreliable(steps, c, found)
    ]
    own = [
        (p.dose, p.days, needs_dilution(p.dose, record.concentration.listed, catalog))
        for p in dict.fromkeys(small)
    ]
    return Message(
        code="titration-volume-unreliable",
        params={
            "volumes": tuple(_volume(p.dose, conc) for p in small),
            "concentration": conc,
            "better": tuple(better),
            "own": () if better else tuple(own),
            "formulation": _formulation_id(record),
        },
        concerns="concentration",
    )


def _formulation_id(record: Formulation) -> str | None:
    """``record``'s id for a command that must use it, unless it is the default."""
    return None if record.id == DEFAULT_IDS[("liquid", "tablets")] else record.id


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
            fix = {"remedy": "dilution", "dilution_formulation": _formulation_id(record)}
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


def _syringe_used(syringe: Syringe) -> SyringeUsed:
    return SyringeUsed(name=syringe.name, capacity=syringe.capacity, graduation=syringe.graduation)
