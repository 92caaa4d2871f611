"""Oral liquids from 50 mg tablets: ``ldncalc liquid --target 4.5mg``.

:func:`liquid` reads the inputs (:mod:`.read`), computes (:mod:`.compute`, :mod:`.dilution`,
:mod:`.amounts`), describes (:mod:`.describe`: steps, warnings and notes as records; their
words are in :mod:`ldncalc.locale.liquid`) and returns the result (:mod:`.result`).

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
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from ldncalc.bud import BeyondUse, beyond_use
from ldncalc.catalogs import Syringe
from ldncalc.checks import (
    days_of_supply,
    only_accepted_fixes,
    read_days,
    read_doses_per_day,
    read_tablet_strength,
)
from ldncalc.errors import UnsafeInputError
from ldncalc.formatting import round_to
from ldncalc.formulations import Formulation, Library, load
from ldncalc.messages import Message, built
from ldncalc.models import Amount, FormulationUsed, SyringeUsed
from ldncalc.preparations.liquid import compute, describe
from ldncalc.preparations.liquid.amounts import ingredient_amounts
from ldncalc.preparations.liquid.compute import (
    DEFAULT_DAYS,
    Measure,
    _choose_concentration,
    measure,
    spare_for,
    volume_ml,
)
from ldncalc.preparations.liquid.dilution import (
    diluent_of,
    needs_dilution,
    plan_dilution,
)
from ldncalc.preparations.liquid.read import (
    measure_or_refuse,
    read_concentration,
    read_target,
    refuse_large_volume,
    tablets_for_volume,
)
from ldncalc.preparations.liquid.result import LiquidResult
from ldncalc.preparations.weighing import read_sensitivity
from ldncalc.quantities import like, magnitude, quantity
from ldncalc.units import MG, MG_PER_ML, ML, PCT, Qty

__all__ = ["Measure", "liquid", "measure"]


@only_accepted_fixes
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
    dose, read_warnings = read_target(target, limits, per_day)
    warnings: list[Message | str] = [*read_warnings]
    notes: list[Message] = []
    strength = read_tablet_strength(tablet_strength, record.tablet_strength, limits)
    sensitivity = read_sensitivity(balance_sensitivity, limits.balance_sensitivity)
    if concentration is None and needs_dilution(dose, record.concentration.listed, library.catalog):
        return _diluted_liquid(
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
        default = record.concentration.default
        chosen = _choose_concentration(dose, record, library.catalog, target)
        if chosen is None:
            measure_or_refuse(
                dose, default, record, library.catalog, parameter="target", value=target
            )
        assert chosen is not None
        conc, measure = chosen.concentration, chosen.measure
        if magnitude(conc, MG_PER_ML) != magnitude(default, MG_PER_ML):
            notes.append(describe.chosen_note(conc, default, dose, chosen.at_default))
    else:
        conc = read_concentration(concentration, record, dose, library.catalog)
        measure = measure_or_refuse(
            dose, conc, record, library.catalog, parameter="concentration", value=concentration
        )
    # From here the figures are exact Decimals in mL, mg and mg/mL (compute.py); quantities
    # are made of them once each, for the steps and the result.
    conc_mg_ml = magnitude(conc, MG_PER_ML)
    strength_mg = magnitude(strength, MG)
    dose_ml = measure.millilitres
    calculated_ml = volume_ml(dose, conc)
    calculated = quantity(calculated_ml, ML)
    if not measure.exact:
        warnings.append(describe.off_marks_warning(measure, calculated))
    if not measure.reliable:
        warnings.append(describe.unreliable_warning(measure, dose, record, library.catalog))

    bud = _beyond_use(record)
    steps = [describe.dose_volume_step(dose, conc, calculated)]
    if volume is not None and days is not None:
        raise UnsafeInputError("volume", volume, code="volume-with-days")
    supply = None
    if volume is not None:
        final_volume, tablets = tablets_for_volume(volume, conc, strength, limits)
        final_ml = magnitude(final_volume, ML)
        needed = None
        steps.append(describe.tablets_for_volume_step(final_volume, conc, strength, tablets))
    else:
        supply = read_days(days, limits) if days is not None else min(DEFAULT_DAYS, bud.days)
        made = compute.supply(dose_ml, per_day * supply, record.spare, conc_mg_ml, strength_mg)
        refuse_large_volume(made.exact_volume_ml, conc, limits, supply)
        tablets = made.tablets
        final_ml = made.final_volume_ml
        final_volume = quantity(final_ml, ML)
        if final_ml != made.exact_volume_ml:
            notes.append(
                describe.made_up_note(made.exact_volume_ml, final_ml, strength_mg * tablets, conc)
            )
        for_doses = quantity(made.for_doses_ml, ML)
        least_spare = quantity(made.least_spare_ml, ML)
        needed = quantity(made.needed_mg, MG)
        steps += [
            describe.volume_for_doses_step(measure.volume, per_day, supply, for_doses),
            describe.spare_step(measure.volume, for_doses, least_spare, record.spare),
            *describe.supply_steps(
                for_doses=for_doses,
                least_spare=least_spare,
                conc=conc,
                needed=needed,
                strength=strength,
                exact_tablets=made.exact_tablets,
                tablets=tablets,
                final_volume=final_volume,
            ),
        ]
    drug = quantity(strength_mg * tablets, MG)
    held = compute.bottle(final_ml, dose_ml, record.spare)
    doses = held.doses
    if doses < 1:
        least = measure.volume + spare_for(measure.volume, 1, record.spare)
        raise UnsafeInputError(
            "volume", volume, code="volume-below-one-dose", dose_volume=measure.volume, least=least
        )
    spare_minimum = quantity(held.spare_minimum_ml, ML)
    steps.append(
        describe.doses_step(final_volume, measure.volume, doses, record.spare, spare_minimum)
    )
    if volume is not None:
        short = describe.spare_warning(
            final_volume, measure.volume, doses, per_day, bud.days, record
        )
        if short:
            warnings.append(short)
    fix, alternatives = describe.supply_fix(record, library, bud.days, supply)
    warning = describe.supply_warning(
        doses=doses, per_day=per_day, bud_days=bud.days, fix=fix, alternatives=alternatives
    )
    if warning:
        warnings.append(warning)
    amounts = ingredient_amounts(record, tablets, strength, final_volume)
    warnings += describe.weighing_warnings(amounts, sensitivity, limits, record)

    dose_measured = quantity(dose_ml * conc_mg_ml, MG)
    return built(  # every value is checked or computed here: pydantic need not check them again
        LiquidResult,
        formulation=_formulation_used(record),
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
        dose_volume_calculated=quantity(round_to(calculated_ml), ML),
        dose_measured=like(dose_measured, dose),
        dose_deviation=quantity(measure.deviation_percent, PCT),
        syringe=syringe_used(measure.syringe),
        doses=doses,
        days_supply=days_of_supply(doses, per_day, bud.days),
        doses_volume=quantity(held.doses_volume_ml, ML),
        spare=quantity(held.spare_ml, ML),
        spare_minimum=spare_minimum,
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


def _kept(cache: dict[int, tuple[Any, Any]], key: Any, make: Callable[[Any], Any]) -> Any:
    """``make(key)``, kept per object (records and catalogs are kept while their files stay
    the same): what is kept is a frozen record, the same for every result."""
    kept = cache.get(id(key))
    if kept is None or kept[0] is not key:
        if len(cache) >= 256:  # folders edited again and again: forget the old records
            cache.clear()
        kept = cache[id(key)] = (key, make(key))
    return kept[1]


_FORMULATIONS_USED: dict[int, tuple[Any, Any]] = {}
_BUDS: dict[int, tuple[Any, Any]] = {}
_SYRINGES: dict[int, tuple[Any, Any]] = {}


def _formulation_used(record: Formulation) -> FormulationUsed:
    used: FormulationUsed = _kept(_FORMULATIONS_USED, record, FormulationUsed.of)
    return used


def _beyond_use(record: Formulation) -> BeyondUse:
    bud: BeyondUse = _kept(_BUDS, record.bud, beyond_use)
    return bud


def syringe_used(syringe: Syringe) -> SyringeUsed:
    """The syringe a result names: its name, capacity and marks (kept per catalog syringe)."""
    used: SyringeUsed = _kept(
        _SYRINGES,
        syringe,
        lambda s: built(SyringeUsed, name=s.name, capacity=s.capacity, graduation=s.graduation),
    )
    return used


def _diluted_liquid(
    *,
    dose: Qty,
    record: Formulation,
    library: Library,
    doses_per_day: int,
    days: str | int | None,
    volume: object,
    strength: Qty,
    sensitivity: Qty,
    warnings: list[Message | str],
) -> LiquidResult:
    """The oral liquid of a dose that only a serial dilution measures: a stock made from
    whole tablets to ``record``, the dilutions, and the final dilution dispensed with its dose
    volume. The result's ``dilution`` holds the plan."""
    assert record.concentration is not None
    if volume is not None:
        raise UnsafeInputError(
            "volume", volume, code="volume-with-dilution", dose=describe.mass_unit(dose)
        )
    bud = _beyond_use(record)
    supply = read_days(days, record.limits) if days is not None else min(DEFAULT_DAYS, bud.days)
    doses = doses_per_day * supply
    diluent = diluent_of(record)
    plan = plan_dilution(
        dose,
        stocks=record.concentration.listed,
        default_stock=record.concentration.default,
        doses=doses,
        catalog=library.catalog,
        max_deviation=Decimal(record.limits.dose_deviation_maximum.magnitude),
        diluent=diluent,
        stock_bud=bud,
        diluent_bud=bud,  # the same vehicle: a dilution keeps the record's category
        spare=record.spare,
    )
    # exact Decimals in mL, mg and mg/mL (compute.py), quantities for the result
    dose_ml = magnitude(plan.dose_volume, ML)
    strength_mg = magnitude(strength, MG)
    least_spare_ml = compute.spare_ml(dose_ml, doses, record.spare)
    least_spare = quantity(least_spare_ml, ML)
    bottle = compute.bottle(magnitude(plan.dispensed_volume, ML), dose_ml, record.spare)
    held = bottle.doses
    stock_mg_ml = magnitude(plan.stock_concentration, MG_PER_ML)
    least_stock = magnitude(plan.stock_drawn, ML) + magnitude(plan.stock_reserve, ML)
    tablets = math.ceil(least_stock * stock_mg_ml / strength_mg)
    stock_volume = quantity(compute.exact_volume_ml(tablets, strength_mg, stock_mg_ml), ML)
    steps = describe.dilution_steps(
        plan,
        doses_per_day=doses_per_day,
        days=supply,
        least_spare=least_spare,
        tablets=tablets,
        strength=strength,
        stock_volume=stock_volume,
        spare=record.spare,
        held=held,
    )
    notes = describe.dilution_notes(plan, record.id)
    warning = describe.supply_warning(
        doses=held,
        per_day=doses_per_day,
        bud_days=plan.bud.days,
        fix="fewer-days-dilution" if supply > plan.bud.days else "discard-dilution",
    )
    if warning:
        warnings.append(warning)
    amounts = tuple(
        # of the stock's tablets, only the last dilution's drug reaches the bottle
        a.model_copy(update={"drug_dispensed": plan.dispensed_drug}) if a.role == "active" else a
        for a in ingredient_amounts(record, tablets, strength, stock_volume, validate=True)
    )
    diluent_amounts: tuple[Amount, ...] = ()
    diluent_made = None
    if plan.diluent != record.ingredients[-1].name and len(record.ingredients) > 2:
        # the vehicle made without tablets: weigh its excipients for at least the record's
        # own batch (docs/basis.md §8: small weights are inaccurate), 10 mL steps above it
        assert record.per is not None
        needed = sum(magnitude(s.diluent_volume, ML) for s in plan.steps)
        tens = math.ceil(needed / 10)
        per = magnitude(record.per, ML)
        diluent_made = quantity(max(per, Decimal(10 * tens)), ML)
        diluent_amounts = tuple(
            a.model_copy(update={"diluent": True})
            for a in ingredient_amounts(record, 0, strength, diluent_made)
        )
    amounts = (*amounts, *diluent_amounts)
    return built(
        LiquidResult,
        formulation=_formulation_used(record),
        dosage_form=record.dosage_form,
        target=dose,
        doses_per_day=doses_per_day,
        concentration=plan.concentration,
        tablet_strength=strength,
        drug_needed=quantity(
            (dose_ml * doses + least_spare_ml) * magnitude(plan.concentration, MG_PER_ML), MG
        ),
        tablets=tablets,
        drug=plan.dispensed_drug,
        final_volume=plan.dispensed_volume,
        dose_volume=plan.dose_volume,
        dose_volume_calculated=plan.dose_volume,
        dose_measured=dose,
        dose_deviation=quantity(Decimal(0), PCT),
        syringe=built(
            SyringeUsed,
            name=plan.dose_device.name,
            capacity=plan.dose_device.capacity,
            graduation=plan.dose_device.graduation,
        ),
        doses=held,
        days_supply=days_of_supply(held, doses_per_day, plan.bud.days),
        doses_volume=quantity(bottle.doses_volume_ml, ML),
        spare=quantity(bottle.spare_ml, ML),
        spare_minimum=quantity(bottle.spare_minimum_ml, ML),
        ingredients=amounts,
        container=record.container,
        bud=plan.bud,
        auxiliary_labels=record.auxiliary_labels,
        warnings=(
            *warnings,
            *describe.weighing_warnings(amounts, sensitivity, record.limits, record),
        ),
        notes=tuple(notes),
        steps=tuple(steps),
        method=describe.diluted_method(record, plan, diluent_made),
        quality_checks=record.quality_checks,
        dilution=plan,
    )
