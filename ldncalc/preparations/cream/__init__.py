"""A topical cream by weight: ``ldncalc cream --strength 10mg/g --quantity 30g``.

The USP compounded monograph's formula as a master formulation record (docs/basis.md §9:
naltrexone HCl 1 g, hydrolyzed hyaluronic acid 0.5 g, glycerin 5 g, XemaTop base to 100 g),
scaled to the quantity asked for: every ingredient weighed, the base "to" the total weight.
:func:`cream` reads the inputs (:mod:`.read`), computes (:mod:`.compute`), describes
(:mod:`.describe`; the words are in :mod:`ldncalc.locale.cream`) and returns a
:class:`.result.CreamResult`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ldncalc.bud import beyond_use
from ldncalc.checks import days_of_supply, only_accepted_fixes, read_doses_per_day
from ldncalc.errors import UnsafeInputError
from ldncalc.formulations import load
from ldncalc.messages import Message, Step
from ldncalc.models import Amount, FormulationUsed
from ldncalc.preparations.capsule.certificate import read_certificate
from ldncalc.preparations.cream import compute, describe
from ldncalc.preparations.cream.read import (
    cream_record,
    read_applied,
    read_pump,
    read_quantity,
    read_strength,
)
from ldncalc.preparations.cream.result import CreamResult
from ldncalc.preparations.weighing import minimum_weighable, read_sensitivity
from ldncalc.units import DIMENSIONLESS, MG, MG_PER_G, PCT, G, Qty, Quantity

if TYPE_CHECKING:
    from ldncalc.dosage_form import FormDocuments, Supply
    from ldncalc.models import Preparation

__all__ = ["FORM", "cream"]


@only_accepted_fixes
def cream(
    *,
    strength: str | Qty,
    quantity: str | Qty,
    dose: str | Qty | None = None,
    pump_volume: str | Qty | None = None,
    doses_per_day: str | int = 1,
    salt: str = "hcl",
    assay: str | Qty | None = None,
    assay_as: str | None = None,
    assay_basis: str | None = None,
    water: str | Qty | None = None,
    balance_sensitivity: str | Qty | None = None,
    formulation: str | None = None,
    formulations_dir: str | os.PathLike[str] | None = None,
) -> CreamResult:
    """Calculate a naltrexone HCl cream made by weight from API powder.

    ``strength`` (mg/g) must be one the record lists; ``quantity`` is the weight made and
    dispensed; ``dose`` the cream applied each time (default the record's; with a metered
    pump, whole actuations of ``pump_volume``: mL an actuation, or the g it delivers, default
    the record's pump). ``salt``, ``assay``, ``assay_as``, ``assay_basis`` and ``water``
    are the API lot's certificate of analysis (as ``capsule``). Every weighing must be at
    least the minimum weighable quantity (``balance_sensitivity``). Raises a subclass of
    :class:`~ldncalc.LdnCalcError` for any bad or unsafe input.
    """
    library = load(formulations_dir)
    record = library.pick(formulation, "cream", "api")
    table = cream_record(record)
    limits = record.limits
    per_day = read_doses_per_day(doses_per_day, limits)
    chosen = read_strength(strength, table)
    pump = read_pump(pump_volume, table, record.id)
    applied = read_applied(dose, table, chosen, per_day, limits, pump)
    pumps = None
    if pump is not None:
        exact = (applied / pump.mass).to(DIMENSIONLESS).magnitude
        if exact != exact.to_integral_value() or exact < 1:
            whole = max(1, int(exact.to_integral_value()))
            # the dose typed, or (none typed) the record's dose with the pump typed
            refused = ("dose", dose) if dose is not None else ("pump_volume", pump_volume)
            raise UnsafeInputError(
                *refused, code="cream-dose-not-pumps", pump_mass=pump.mass,
                pump_volume=pump.volume, better=(pump.mass * whole).to(G),
                dose=None if dose is not None else applied,
            )  # fmt: skip
        pumps = int(exact)
    certificate = read_certificate(
        library.catalog, limits, salt=salt, assay=assay, assay_as=assay_as, basis=assay_basis,
        water=water,
    )  # fmt: skip
    warnings: list[Message | str] = [*certificate.warnings]
    sensitivity = read_sensitivity(balance_sensitivity, limits.balance_sensitivity)
    least = minimum_weighable(sensitivity, Quantity(5, PCT))
    # mg weighed a g of cream, of the powder and of each excipient: the least quantity whose
    # every weighing the balance weighs, known before --quantity is read so that its refusal
    # offers only quantities that are accepted
    per_gram = [(chosen / certificate.exact).to(MG_PER_G)] + [
        (item.mass / table.per).to(MG_PER_G)
        for item in record.ingredients
        if item.role == "excipient" and item.mass is not None
    ]
    weighable = compute.least_quantity(least, per_gram)
    total = read_quantity(quantity, table, least, weighable)
    if applied > total:
        raise UnsafeInputError("dose", dose, code="cream-dose-above-quantity", quantity=total)
    drug = compute.weighed(total * chosen)  # mg below 1 g, else g
    powder = compute.weighed(drug / certificate.exact)
    steps: list[Step] = [
        describe.drug_step(total, chosen, drug),
        certificate.step,
        describe.powder_step(drug, certificate.factor, powder),
    ]
    amounts: list[Amount] = []
    others = powder
    for item in record.ingredients:
        if item.role == "active":
            amounts.append(
                Amount(
                    name=item.name, role="active", function=item.function, mass=powder, drug=drug
                )
            )
        elif item.role == "excipient":
            assert item.mass is not None  # a cream's excipients are weighed
            mass = compute.share(item.mass, total, table.per)
            per_gram.append((item.mass / table.per).to(MG_PER_G))
            steps.append(
                describe.excipient_step(
                    record.ingredient_text(item.name), item.mass, table.per, total, mass
                )
            )
            amounts.append(
                Amount(name=item.name, role="excipient", function=item.function, mass=mass)
            )
            others = others + mass
    base = compute.to_base_balance(total - others)
    steps.append(describe.base_step(total, compute.to_base_balance(others), base))
    vehicle = next(i for i in record.ingredients if i.role == "vehicle")
    amounts.append(
        Amount(name=vehicle.name, role="vehicle", function=vehicle.function, qs_to=total)
    )
    held = compute.applications(total, applied)
    steps.append(describe.applications_step(total, applied, held))
    bud = beyond_use(record.bud)
    if held // per_day > bud.days:
        # the quantity that lasts the BUD, unless less cannot be made (the record's minimum,
        # or a weighing below the balance's): then the least that can, or none if that is
        # the quantity already made
        lasting = (applied * per_day * bud.days).to(G)
        fix = max(lasting, table.quantity_minimum.to(G), weighable)
        kept = compute.applications(fix, applied) if fix < total else None
        warnings.append(
            describe.supply_warning(held, per_day, bud.days, fix if fix < total else None, kept)
        )
    return CreamResult(
        formulation=FormulationUsed.of(record),
        dosage_form=record.dosage_form,
        doses_per_day=per_day,
        days_supply=days_of_supply(held, per_day, bud.days),
        ingredients=tuple(amounts),
        container=record.container,
        bud=bud,
        auxiliary_labels=record.auxiliary_labels,
        warnings=tuple(warnings),
        notes=(),
        steps=tuple(steps),
        method=record.procedure,
        quality_checks=record.quality_checks,
        strength=chosen,
        quantity=total,
        dose=applied,
        dose_drug=(applied * chosen).to(MG),
        pump_volume=pump.volume if pump is not None else None,
        pumps=pumps,
        applications=held,
        drug=drug,
        api_form=certificate.form.name,
        assay=certificate.assay,
        api_factor=certificate.factor,
        api_weight=powder,
        base_weight=base,
        minimum_weighable=least,
    )


class CreamForm:
    """A topical cream as a :class:`ldncalc.forms.DosageForm`."""

    kind = "cream"
    titration = False
    result = CreamResult

    def calculate(self, **inputs: Any) -> CreamResult:
        return cream(**inputs)

    def dose_amounts(self, result: Preparation) -> tuple[Qty, ...]:
        assert isinstance(result, CreamResult)
        found: tuple[Qty, ...] = (result.dose, result.dose_drug, result.strength)
        if result.pumps and result.pump_volume is not None:  # "2 pumps of 0.5 mL"
            found += (result.pump_volume, result.pump_volume * result.pumps)
        return found

    def directions_counts(self, result: Preparation) -> Mapping[str, int]:
        assert isinstance(result, CreamResult)
        return {"pump": result.pumps} if result.pumps else {}

    def drug(self, result: Preparation) -> Message:
        return self.documents(result).drug

    def documents(self, result: Preparation) -> FormDocuments:
        assert isinstance(result, CreamResult)
        return describe.documents(result)

    def supply(self, result: Preparation) -> Supply:
        from ldncalc.dosage_form import Supply

        assert isinstance(result, CreamResult)
        return Supply(
            route="topical",
            dispensed=result.quantity,
            made=result.quantity,
            strength=result.strength,
            dose=result.dose,
            drug=result.dose_drug,
            number=result.pumps,
            counted="pump" if result.pumps else None,
        )


FORM = CreamForm()
