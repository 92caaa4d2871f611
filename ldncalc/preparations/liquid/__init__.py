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

from ldncalc.aliquot import read_sensitivity
from ldncalc.bud import beyond_use
from ldncalc.checks import (
    days_of_supply,
    read_days,
    read_dose,
    read_doses_per_day,
    read_tablet_strength,
    supply_warning,
)
from ldncalc.errors import UnsafeInputError
from ldncalc.formatting import format_count, format_number, round_to
from ldncalc.formatting import format_quantity as fq
from ldncalc.formulations import load
from ldncalc.models import FormulationUsed, LiquidResult, Step, SyringeUsed
from ldncalc.preparations.liquid.amounts import ingredient_amounts
from ldncalc.preparations.liquid.compute import (
    DEFAULT_DAYS,
    Measure,
    _choose_concentration,
    doses_held,
    measure,
    spare_for,
)
from ldncalc.preparations.liquid.describe import (
    _signed,
    _spare_warning,
    _supply_fix,
    doses_step,
    spare_step,
    unreliable_warning,
    weighing_warnings,
)
from ldncalc.preparations.liquid.dilution import diluted_liquid, needs_dilution
from ldncalc.preparations.liquid.read import (
    _final_volume,
    _measure_or_refuse,
    _read_concentration,
    _tablets_for_volume,
)
from ldncalc.units import DIMENSIONLESS, MG, ML, PCT, Qty, Quantity, converted

__all__ = ["Measure", "liquid", "measure"]


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
        chosen = _choose_concentration(dose, record, library.catalog, target)
        if chosen is None:
            _measure_or_refuse(
                dose,
                record.concentration.default,
                record,
                library.catalog,
                option="--target",
                value=target,
            )
        assert chosen is not None
        conc, measure, note = chosen
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
