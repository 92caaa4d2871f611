"""Oral liquids from 50 mg tablets: ``ldncalc liquid --target 4.5mg``.

The calculation (docs/basis.md §3 and §7)::

    dose volume   = target ÷ concentration, measured on the marks of the smallest oral
                    syringe that holds it (rounded to a mark only if it must be)
    for the doses = dose volume × doses a day × days (the volume on the syringe's marks when
                    the dose is rounded to one, so the bottle holds every dose asked for)
    spare         = the record's: the greater of 1 dose and 5 % of the volume for the doses
                    (docs/basis.md §3; USP <698>): never taken, so never counted as a dose
    drug needed   = (volume for the doses + spare) × concentration
    tablets       = drug needed ÷ tablet strength, rounded up to whole tablets
    final volume  = tablets × tablet strength ÷ concentration
    doses         = whole doses the final volume holds with the spare left over
    days          = doses ÷ doses a day, never more than the BUD (checks.days_of_supply)

or, with ``volume``: tablets = volume × concentration ÷ tablet strength, which must be whole;
a volume that holds more doses only without the spare is warned, with how much to add.
Only the record's listed concentrations are made.

Precision: doses are measured to the syringe's graduation; the final volume to 0.1 mL
(graduated cylinder); excipient masses to 1 mg and volumes to 0.1 mL.
"""

from __future__ import annotations

import math
import os
from decimal import ROUND_CEILING, Decimal
from typing import NamedTuple

from ldncalc.aliquot import minimum_weighable, read_sensitivity
from ldncalc.bud import beyond_use
from ldncalc.catalogs import Catalog, Syringe
from ldncalc.checks import (
    days_of_supply,
    read_days,
    read_dose,
    read_doses_per_day,
    read_tablet_strength,
    supply_warning,
)
from ldncalc.dilution import diluted_liquid, needs_dilution
from ldncalc.errors import UnsafeInputError
from ldncalc.formatting import format_count, format_number, round_to, typed
from ldncalc.formatting import format_quantity as fq
from ldncalc.formulations import Formulation, Library, Spare, load
from ldncalc.limits import Limits
from ldncalc.models import Amount, FormulationUsed, LiquidResult, Step, SyringeUsed
from ldncalc.units import (
    CONCENTRATION,
    DIMENSIONLESS,
    MG,
    MG_PER_ML,
    ML,
    PCT,
    VOLUME,
    Qty,
    Quantity,
    as_quantity,
    converted,
)

DEFAULT_DAYS = 30  # supply when neither days nor volume is given (capped at the BUD)
SPARE_FORMULA = (
    "the formulation record's spare: the greater of its doses and its percent of the volume "
    "for the doses"
)
FINAL_VOLUME_PLACES = 1  # mL: a graduated cylinder reads to about 0.1 mL at these volumes


class Measure(NamedTuple):
    """How a dose volume is measured: the syringe, the volume on its marks, whether that is
    exactly the volume calculated, and the deviation (rounded to 0.1 %, for reading)."""

    syringe: Syringe
    volume: Qty
    exact: bool
    deviation_percent: Decimal

    @property
    def reliable(self) -> bool:
        """Whether the volume is one the syringe measures reliably (docs/basis.md §7)."""
        return self.syringe.reliable(self.volume)

    @property
    def quality(self) -> tuple[bool, bool]:
        """For ranking measures, best first: reliable before not, exact before rounded."""
        return (not self.reliable, not self.exact)


def liquid(
    *,
    target: str | Qty,
    concentration: str | Qty | None = None,
    volume: str | Qty | None = None,
    days: str | int | None = None,
    doses_per_day: str | int = 1,
    tablet_strength: str | Qty | None = None,
    balance_sensitivity: str | Qty | None = None,
    formulation: str | None = None,
    formulations_dir: str | os.PathLike[str] | None = None,
) -> LiquidResult:
    """Calculate an oral liquid of naltrexone HCl made from tablets.

    ``target`` is the dose per administration (naltrexone HCl); ``concentration`` defaults to
    the formulation's (1 mg/mL), or to a listed one that measures the dose if that does not;
    give ``days`` of supply (default the lesser of 30 and the BUD) or a final ``volume``.
    ``balance_sensitivity`` (default the formulation's limits, 6 mg) sets the minimum
    weighable quantity that excipient weights are checked against.
    Raises a subclass of :class:`~ldncalc.LdnCalcError` for any bad or unsafe input.
    """
    library = load(formulations_dir)
    record = library.pick(formulation, "liquid", "tablets")
    assert record.concentration is not None  # checked on load
    limits = record.limits
    per_day = read_doses_per_day(doses_per_day, limits)
    dose, warnings = read_dose(target, option="--target", limits=limits, doses_per_day=per_day)
    notes: list[str] = []
    strength = read_tablet_strength(tablet_strength, record.tablet_strength, limits)
    sensitivity = read_sensitivity(balance_sensitivity, limits.balance_sensitivity)
    if concentration is None and needs_dilution(dose, record.concentration.listed, library.catalog):
        return diluted_liquid(
            dose=dose,
            record=record,
            library=library,
            doses_per_day=per_day,
            days=days,
            volume=volume,
            strength=strength,
            sensitivity=sensitivity,
            warnings=warnings,
        )

    if concentration is None:
        conc, measure, note = _choose_concentration(dose, record, library.catalog, target)
        if note:
            notes.append(note)
    else:
        conc = _read_concentration(concentration, record, dose, library.catalog)
        measure = _measure_or_refuse(
            dose, conc, record, library.catalog, option="--concentration", value=concentration
        )
    calculated = converted(dose / conc, ML)
    if not measure.exact:
        warnings.append(
            f"{fq(calculated, 6)} is not on the marks of the {measure.syringe.name}: measure "
            f"{fq(measure.volume)} ({_signed(measure.deviation_percent)} of the dose)"
        )
    if not measure.reliable:
        warnings.append(unreliable_warning(measure, dose, record, library.catalog))

    bud = beyond_use(record.bud)
    steps = [
        Step(
            name="Dose volume",
            formula="dose ÷ concentration",
            calculation=f"{fq(dose, 6)} ÷ {fq(conc)} = {fq(calculated, 6)}",
        )
    ]
    if volume is not None and days is not None:
        raise UnsafeInputError(
            "--volume", volume, "cannot be given with --days", "give one of them"
        )
    supply = None
    if volume is not None:
        final_volume, tablets = _tablets_for_volume(volume, conc, strength, limits)
        needed = None
        steps.append(
            Step(
                name="Tablets",
                formula="final volume × concentration ÷ tablet strength",
                calculation=f"{fq(final_volume)} × {fq(conc)} ÷ {fq(strength)} = {tablets}",
            )
        )
    else:
        supply = read_days(days, limits) if days is not None else min(DEFAULT_DAYS, bud.days)
        asked = per_day * supply
        # A dose rounded to a syringe mark takes the drug of that volume from the bottle:
        # counting the prescribed dose instead leaves the last days without a dose.
        for_doses = converted(measure.volume * asked, ML)
        least_spare = spare_for(measure.volume, asked, record.spare)
        needed = ((for_doses + least_spare) * conc).to(MG)
        exact_tablets = (needed / strength).to(DIMENSIONLESS).magnitude
        tablets = math.ceil(exact_tablets)
        final_volume = _final_volume(
            tablets, strength, conc, limits, supply, notes, at_least=for_doses + least_spare
        )
        steps += [
            Step(
                name="Volume for the doses",
                formula="dose volume × doses a day × days",
                calculation=f"{fq(measure.volume)} × {per_day} × {supply} = {fq(for_doses)}",
            ),
            spare_step(measure.volume, for_doses, least_spare, record.spare),
            Step(
                name="Drug needed",
                formula="(volume for the doses + spare) × concentration",
                calculation=f"({fq(for_doses)} + {fq(least_spare)}) × {fq(conc)} = {fq(needed)}",
            ),
            Step(
                name="Tablets",
                formula="drug needed ÷ tablet strength, rounded up",
                calculation=f"{fq(needed)} ÷ {fq(strength)} = "
                f"{format_number(exact_tablets)} → {format_count(tablets, 'tablet')}",
            ),
            Step(
                name="Final volume",
                formula="tablets × tablet strength ÷ concentration",
                calculation=f"{tablets} × {fq(strength)} ÷ {fq(conc)} = {fq(final_volume)}",
            ),
        ]
    drug = converted(strength * tablets, MG)
    doses = doses_held(final_volume, measure.volume, record.spare)
    if doses < 1:
        least = measure.volume + spare_for(measure.volume, 1, record.spare)
        raise UnsafeInputError(
            "--volume",
            volume,
            f"holds less than one dose of {fq(measure.volume)} and the spare",
            f"give at least {fq(least)}",
        )
    steps.append(doses_step(final_volume, measure.volume, doses, record.spare))
    if volume is not None:
        short = _spare_warning(final_volume, measure.volume, doses, per_day, bud.days, record)
        if short:
            warnings.append(short)
    warning = supply_warning(
        doses=doses,
        doses_per_day=per_day,
        bud_days=bud.days,
        container="bottle",
        fix=_supply_fix(record, library, bud.days, supply),
    )
    if warning:
        warnings.append(warning)
    amounts = ingredient_amounts(record, tablets, strength, final_volume)
    warnings += weighing_warnings(amounts, sensitivity, limits)

    return LiquidResult(
        formulation=FormulationUsed.of(record),
        dosage_form=record.dosage_form,
        target=dose,
        doses_per_day=per_day,
        concentration=conc,
        tablet_strength=strength,
        drug_needed=needed,
        tablets=tablets,
        drug=drug,
        final_volume=final_volume,
        dose_volume=measure.volume,
        dose_volume_calculated=Quantity(round_to(calculated.magnitude), ML),
        dose_measured=(measure.volume * conc).to(dose.units),
        dose_deviation=Quantity(measure.deviation_percent, PCT),
        syringe=SyringeUsed(
            name=measure.syringe.name,
            capacity=measure.syringe.capacity,
            graduation=measure.syringe.graduation,
        ),
        doses=doses,
        days_supply=days_of_supply(doses, per_day, bud.days),
        doses_volume=converted(measure.volume * doses, ML),
        spare=converted(final_volume - measure.volume * doses, ML),
        spare_minimum=spare_for(measure.volume, doses, record.spare),
        ingredients=amounts,
        container=record.container,
        bud=bud,
        auxiliary_labels=record.auxiliary_labels,
        warnings=tuple(warnings),
        notes=tuple(notes),
        steps=tuple(steps),
        method=record.procedure,
        quality_checks=record.quality_checks,
    )


def measure(volume: Qty, catalog: Catalog, max_deviation: Decimal) -> Measure | None:
    """The smallest oral syringe that holds ``volume`` (on its marks if one of that size can),
    and the volume on its marks; ``None`` if no syringe measures it within ``max_deviation`` %."""
    # Exact Decimal arithmetic in mL inside this hot loop (it runs for every syringe and
    # concentration tried); quantities go in and come out.
    wanted_ml = volume.m_as(ML)
    best: Measure | None = None
    best_capacity_ml = None
    for syringe in catalog.syringes_by_size:
        capacity_ml, graduation_ml, minimum_ml = syringe.millilitres
        if not minimum_ml <= wanted_ml <= capacity_ml:
            continue
        if best_capacity_ml is not None and capacity_ml > best_capacity_ml:
            break
        measured_ml = graduation_ml * round_to(wanted_ml / graduation_ml, 0)
        deviation = round_to((measured_ml - wanted_ml) / wanted_ml * 100, 1)
        if abs(deviation) <= max_deviation and (
            best is None or abs(deviation) < abs(best.deviation_percent)
        ):
            best = Measure(syringe, Quantity(measured_ml, ML), measured_ml == wanted_ml, deviation)
            best_capacity_ml = capacity_ml
    return best


def _choose_concentration(
    dose: Qty, record: Formulation, catalog: Catalog, target: object
) -> tuple[Qty, Measure, str]:
    """The concentration to make: the record's default when a syringe measures the dose
    exactly on its marks, at or above the least it measures reliably; else the listed one
    that measures it best: reliably before not (docs/basis.md §7), exactly before rounded,
    then the smaller deviation, then the nearest to the default. The default is kept when
    no listed one measures the dose better (a rounded dose: the warning gives the
    deviation). A dose is never rounded to a mark when another listed concentration
    measures it exactly: the label must say the dose prescribed. The note says which
    concentration was used and why."""
    assert record.concentration is not None
    default = record.concentration.default
    at_default = measure(converted(dose / default, ML), catalog, _max_deviation(record))
    if at_default is not None and at_default.quality == (False, False):
        return default, at_default, ""  # the usual case: no other concentration to try
    options = []
    for conc in record.concentration.listed:
        found = measure(converted(dose / conc, ML), catalog, _max_deviation(record))
        if found is not None:
            distance = distance_from_default(conc, default)
            options.append((found.quality, abs(found.deviation_percent), distance, conc, found))
    if not options:
        _measure_or_refuse(dose, default, record, catalog, option="--target", value=target)
    *_, best, best_found = min(options, key=lambda o: o[:3])
    if at_default is not None and at_default.quality <= best_found.quality:
        return default, at_default, ""  # no listed one does better: the warnings say why
    volume = fq(dose / default, 4, unit=ML)
    if at_default is None:
        why = "which no oral syringe measures"
    elif not at_default.reliable:
        why = (
            f"below the {fq(at_default.syringe.reliable_minimum)} a "
            f"{at_default.syringe.name} measures reliably"
        )
    else:
        why = f"which a syringe measures only as {fq(at_default.volume)}"
    note = f"{fq(best)} is used: at the default {fq(default)} the dose would be {volume}, {why}"
    return best, best_found, note


def _measure_or_refuse(
    dose: Qty,
    conc: Qty,
    record: Formulation,
    catalog: Catalog,
    *,
    option: str,
    value: object,
) -> Measure:
    """The measure of ``dose`` at ``conc``, or an error that names a concentration that works."""
    volume = converted(dose / conc, ML)
    found = measure(volume, catalog, _max_deviation(record))
    if found is not None:
        return found
    working = _measuring(dose, record, catalog)
    syringes = catalog.syringes_by_size
    smallest = min(syringes, key=lambda s: s.minimum)
    largest = max(syringes, key=lambda s: s.capacity)
    gives = f"gives {fq(volume, 4)} a dose at {fq(conc)}"
    if volume < smallest.minimum:
        problem = f"{gives}, below the {fq(smallest.minimum)} a {smallest.name} measures"
    elif volume > largest.capacity:
        problem = f"{gives}, more than a {largest.name} holds"
    else:
        deviation = format_number(_max_deviation(record))
        problem = f"{gives}, which no oral syringe measures within {deviation} %"
    if working:
        fix = "use --concentration " + " or ".join(typed(c) for c in working)
    else:
        fix = (
            f"no listed concentration of {record.id} measures {fq(dose)}; a dose this small "
            f"needs a serial dilution: leave out --concentration for the plan"
            if volume < smallest.minimum
            else f"no listed concentration of {record.id} measures {fq(dose)}"
        )
    raise UnsafeInputError(option, value, problem, fix)


def unreliable_warning(found: Measure, dose: Qty, record: Formulation, catalog: Catalog) -> str:
    """The warning for a dose volume below what its syringe measures reliably (docs/basis.md
    §7), with the fix: the listed concentrations that measure ``dose`` reliably, or else a
    serial dilution."""
    assert record.concentration is not None
    better = [
        c
        for c in record.concentration.listed
        if (m := measure(converted(dose / c, ML), catalog, _max_deviation(record))) is not None
        and m.reliable
    ]
    fix = (
        "use --concentration " + " or ".join(typed(c) for c in better)
        if better
        else "leave out --concentration for a serial dilution plan"
    )
    return (
        f"{fq(found.volume)} is below the {fq(found.syringe.reliable_minimum)} a "
        f"{found.syringe.name} measures reliably (USP <1176> practice: not below 20 % of a "
        f"syringe's capacity). Fix: {fix}"
    )


def _read_concentration(value: str | Qty, record: Formulation, dose: Qty, catalog: Catalog) -> Qty:
    conc = as_quantity(value, option="--concentration", kinds=(CONCENTRATION,)).to(MG_PER_ML)
    assert record.concentration is not None
    limits = record.limits
    listed = record.concentration.listed
    if conc > limits.concentration_maximum:
        raise UnsafeInputError(
            "--concentration",
            value,
            f"is above the solubility of naltrexone HCl ({fq(limits.concentration_maximum)})",
            "use --concentration "
            + " or ".join(typed(c) for c in _measuring(dose, record, catalog) or listed),
        )
    if conc not in listed:
        # only what the record lists is made (docs/basis.md §3): its label, BUD and method
        # are for those; 0.75 mg/mL would make 50 mg up to 66.7 mL, labelled 0.75 mg/mL
        working = _measuring(dose, record, catalog) or listed
        raise UnsafeInputError(
            "--concentration",
            value,
            f"is not one of {record.id}'s listed concentrations "
            f"({', '.join(fq(c) for c in listed)})",
            "use --concentration " + " or ".join(typed(c) for c in working),
        )
    return next(c for c in listed if c == conc)


def _measuring(dose: Qty, record: Formulation, catalog: Catalog) -> list[Qty]:
    """The record's listed concentrations at which some syringe measures ``dose``."""
    assert record.concentration is not None
    return [
        c
        for c in record.concentration.listed
        if measure(converted(dose / c, ML), catalog, _max_deviation(record))
    ]


def _tablets_for_volume(
    value: str | Qty, conc: Qty, strength: Qty, limits: Limits
) -> tuple[Qty, int]:
    final_volume = as_quantity(value, option="--volume", kinds=(VOLUME,)).to(ML)
    if final_volume > limits.volume_maximum:
        raise UnsafeInputError(
            "--volume",
            value,
            f"is more than {fq(limits.volume_maximum)}",
            f"make at most {fq(limits.volume_maximum)} in one bottle",
        )
    tablets = (final_volume * conc / strength).to(DIMENSIONLESS).magnitude
    if tablets != tablets.to_integral():
        per_tablet = converted(strength / conc, ML)
        nearest = sorted({max(1, math.floor(tablets)), max(1, math.ceil(tablets))})
        volumes = " or ".join(typed(per_tablet * n) for n in nearest)
        raise UnsafeInputError(
            "--volume",
            value,
            f"needs {format_number(tablets, 6)} tablets of {fq(strength)} at {fq(conc)}",
            f"use whole tablets: --volume {volumes}",
        )
    return final_volume, int(tablets)


def _final_volume(
    tablets: int,
    strength: Qty,
    conc: Qty,
    limits: Limits,
    days: int,
    notes: list[str],
    *,
    at_least: Qty,
) -> Qty:
    exact = converted(strength * tablets / conc, ML)
    if exact > limits.volume_maximum:
        raise UnsafeInputError(
            "--days",
            days,
            f"needs {fq(exact)} at {fq(conc)}, more than {fq(limits.volume_maximum)} in one bottle",
            "give fewer --days or a higher --concentration",
        )
    rounded, note = final_volume(tablets, strength, conc, at_least=at_least)
    if note:
        notes.append(note)
    return rounded


def final_volume(
    tablets: int, strength: Qty, conc: Qty, *, at_least: Qty | None = None
) -> tuple[Qty, str]:
    """The volume ``tablets`` of ``strength`` make at ``conc``, made up to the 0.1 mL a
    graduated cylinder reads (rounded up when rounding to the nearest would hold less than
    ``at_least``, the volume of the doses asked for), and the note that says so when that is
    not the exact volume (``""`` when it is). Also used by each fill of a titration."""
    exact = converted(strength * tablets / conc, ML)
    rounded = Quantity(round_to(exact.magnitude, FINAL_VOLUME_PLACES), ML)
    if at_least is not None and rounded < at_least <= exact:
        step = Decimal(1).scaleb(-FINAL_VOLUME_PLACES)
        up = exact.magnitude.quantize(step, rounding=ROUND_CEILING)
        rounded = Quantity(round_to(up, FINAL_VOLUME_PLACES), ML)
    if rounded == exact:
        return rounded, ""
    made = fq((strength * tablets / rounded).to(conc.units), 4)
    return rounded, (
        f"The final volume {fq(exact, 4)} is made up to {fq(rounded)}; "
        f"the concentration is then {made}"
    )


def spare_for(dose_volume: Qty, doses: int, spare: Spare) -> Qty:
    """The least spare volume (mL) a formulation record asks for on top of ``doses`` of
    ``dose_volume``: the greater of its ``spare.doses`` doses and ``spare.percent`` % of the
    volume of the doses (docs/basis.md §3; USP <698> Deliverable Volume)."""
    return least_spare(dose_volume, dose_volume * doses, spare)


def least_spare(largest_dose: Qty, for_doses: Qty, spare: Spare) -> Qty:
    """The spare (mL) on top of doses whose volumes add up to ``for_doses``, the largest
    ``largest_dose`` (a titration fill's doses differ): the greater of ``spare.doses`` of the
    largest and ``spare.percent`` % of ``for_doses``."""
    return converted(max(largest_dose * spare.doses, for_doses * spare.percent / 100), ML)


def doses_held(volume: Qty, dose_volume: Qty, spare: Spare) -> int:
    """The whole doses of ``dose_volume`` that ``volume`` holds with the record's spare left
    over: the largest n with n × dose volume + :func:`spare_for` (n) ≤ volume (0 if none).
    The one count of doses of every liquid: plain, serial dilution and titration fill."""
    ratio: Decimal = (volume / dose_volume).to(DIMENSIONLESS).magnitude
    by_doses = math.floor(ratio - spare.doses)
    by_percent = math.floor(ratio / (1 + spare.percent / 100))
    return max(0, min(by_doses, by_percent))


def spare_step(dose_volume: Qty, for_doses: Qty, least: Qty, spare: Spare) -> Step:
    """The calculation step of the spare on top of ``for_doses`` (the volume of the doses)."""
    share = converted(for_doses * spare.percent / 100, ML)
    return Step(
        name="Spare",
        formula=SPARE_FORMULA,
        calculation=f"greater of {format_count(spare.doses, 'dose')} "
        f"({fq(dose_volume * spare.doses)}) and {format_number(spare.percent)} % of "
        f"{fq(for_doses)} ({fq(share)}) = {fq(least)}",
    )


def doses_step(volume: Qty, dose_volume: Qty, doses: int, spare: Spare) -> Step:
    """The calculation step of the whole doses ``volume`` holds with its spare."""
    used = converted(dose_volume * doses + spare_for(dose_volume, doses, spare), ML)
    return Step(
        name="Doses in the bottle",
        formula="whole doses that leave the spare: doses × dose volume + spare ≤ final volume",
        calculation=f"{doses} × {fq(dose_volume)} + {fq(spare_for(dose_volume, doses, spare))} = "
        f"{fq(used)} ≤ {fq(volume)} → {format_count(doses, 'dose')}",
    )


def _spare_warning(
    volume: Qty, dose_volume: Qty, doses: int, per_day: int, bud_days: int, record: Formulation
) -> str:
    """For a ``--volume`` that would hold more doses (up to the BUD) only without the record's
    spare: how much to add for them, and the option that makes it (``""`` if none)."""
    usable = bud_days * per_day
    ratio = (volume / dose_volume).to(DIMENSIONLESS).magnitude
    full = min(math.floor(ratio), usable)
    if min(doses, usable) >= full:
        return ""
    least = spare_for(dose_volume, full, record.spare)
    left = converted(volume - dose_volume * full, ML)
    add = converted(dose_volume * full + least - volume, ML)
    return (
        f"The {fq(volume)} bottle holds {format_count(full, 'dose')} of {fq(dose_volume)} only "
        f"with {fq(left)} spare, less than the {fq(least)} the formulation record asks for "
        f"(what stays in the bottle, the adapter and the syringe tip is never taken): it is "
        f"counted as {format_count(doses, 'dose')}. Fix: add {fq(add)} for "
        f"{format_count(full, 'dose')}: leave out --volume and give "
        f"--days {math.ceil(full / per_day)}"
    )


def distance_from_default(conc: Qty, default: Qty) -> float:
    """How far ``conc`` is from a record's ``default`` concentration on a ratio scale (twice
    and half the default are as far): the last tie-break between listed concentrations, here
    and in a titration."""
    return abs(math.log(float((conc / default).to(DIMENSIONLESS).magnitude)))


def ingredient_amounts(
    record: Formulation, tablets: int, strength: Qty, final_volume: Qty
) -> tuple[Amount, ...]:
    """What to take of each ingredient for ``final_volume``: the tablets (named by the
    strength used; none when ``tablets`` is 0, for the vehicle alone), excipients scaled from
    the record's ``per`` volume, the vehicle to volume."""
    assert record.per is not None
    scale = (final_volume / record.per).to(DIMENSIONLESS)
    amounts = []
    for item in record.ingredients:
        common = {"name": item.name, "role": item.role, "function": item.function}
        if item.role == "active":
            if not tablets:  # the vehicle alone (a diluent)
                continue
            common["name"] = f"Naltrexone HCl {fq(strength)} tablets"
            drug = strength * tablets
            amounts.append(Amount(**common, tablets=tablets, mass=drug, drug_dispensed=drug))
        elif item.qs:
            amounts.append(Amount(**common, qs_to=final_volume))
        elif item.mass is not None:
            mass = (item.mass * scale).to(item.mass.units)
            places = 3 if str(mass.units) == "gram" else 0  # 1 mg
            amounts.append(
                Amount(**common, mass=Quantity(round_to(mass.magnitude, places), mass.units))
            )
        elif item.volume is not None:
            vol = converted(item.volume * scale, ML)
            amounts.append(Amount(**common, volume=Quantity(round_to(vol.magnitude, 1), ML)))
    return tuple(amounts)


def weighing_warnings(amounts: tuple[Amount, ...], sensitivity: Qty, limits: Limits) -> list[str]:
    """A warning for each excipient mass below the minimum weighable quantity of a balance of
    ``sensitivity`` (docs/basis.md §8), with the fix: weigh more and take an aliquot of a
    solution, or make a larger volume."""
    minimum = minimum_weighable(sensitivity, limits.weighing_error_maximum)
    return [
        f"{fq(a.mass, unit=MG)} of {a.name}{' (diluent)' if a.diluent else ''} is "
        "below the minimum weighable quantity "
        f"{fq(minimum)} (balance sensitivity {fq(sensitivity)}, "
        f"{fq(limits.weighing_error_maximum)} error). Fix: weigh {fq(minimum)} or more, "
        "dissolve it in a measured volume of the vehicle and take the aliquot that holds "
        f"{fq(a.mass, unit=MG)}, or make a larger volume"
        for a in amounts
        if a.role == "excipient" and a.mass is not None and a.mass < minimum
    ]


def _supply_fix(record: Formulation, library: Library, bud_days: int, days: int | None) -> str:
    """How to avoid discarding doses: ask for fewer days (or a smaller volume), or use a
    formulation with a longer BUD; whole tablets can leave a remainder all the same."""
    if days is None:
        fixes = ["a smaller --volume"]
    elif days > bud_days:
        fixes = [f"--days {bud_days}"]
    else:
        fixes = ["discard the rest at the BUD (whole tablets cannot make less)"]
    fixes += [
        f"--formulation {r.id} ({r.bud.days}-day BUD)"
        for r in library.formulations.values()
        if r.kind == "liquid" and r.bud.days > bud_days and r.id != record.id
    ]
    return ", or ".join(fixes)


def _max_deviation(record: Formulation) -> Decimal:
    return Decimal(record.limits.dose_deviation_maximum.magnitude)


def _signed(value: Decimal) -> str:
    """A deviation in % with its sign; one that rounds to 0.0 % is still said to be there."""
    if value == 0:
        return "under 0.1 %"
    return ("+" if value > 0 else "") + format_number(value, 1) + " %"
