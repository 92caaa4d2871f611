"""Oral liquids from API powder: ``ldncalc liquid --source api`` (issue 14 §2).

Naltrexone HCl powder is dissolved, far below its solubility (about 100 mg/mL: docs/basis.md
§1, §9), in the record's vehicle: a solution, measured with an oral syringe and made with the
spare volume of a liquid from tablets (docs/basis.md §3, §7)::

    dose volume   = target ÷ concentration, on the marks of the smallest syringe that holds it
    for the doses = dose volume × doses a day × days (days at most the BUD)
    spare         = the record's: the greater of 1 dose and 5 % of the volume for the doses
    to dispense   = volume for the doses + spare, up to whole mL
    batch         = the volume dispensed, or a larger stock solution (up to whole 5 mL) whose
                    powder is at least the minimum weighable quantity (docs/basis.md §8); the
                    volume dispensed is measured from it and the rest is not dispensed
    drug          = batch × concentration;  powder = drug ÷ the certificate's factor (§1)

The certificate's factor is read by
:func:`ldncalc.preparations.capsule.certificate.read_certificate`.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ldncalc.bud import beyond_use
from ldncalc.checks import (
    days_of_supply,
    only_accepted_fixes,
    read_days,
    read_dose,
    read_doses_per_day,
)
from ldncalc.errors import UnsafeInputError
from ldncalc.formatting import round_to
from ldncalc.formulations import load
from ldncalc.messages import Message, Step
from ldncalc.models import Amount, FormulationUsed, SyringeUsed
from ldncalc.preparations.capsule.certificate import read_certificate
from ldncalc.preparations.liquid.amounts import ingredient_amounts
from ldncalc.preparations.liquid.api_result import ApiLiquidResult
from ldncalc.preparations.liquid.compute import doses_held, spare_for, volume_ml
from ldncalc.preparations.liquid.describe import (
    off_marks_warning,
    unreliable_warning,
    weighing_warnings,
)
from ldncalc.preparations.liquid.read import measure_or_refuse, read_concentration
from ldncalc.preparations.weighing import minimum_weighable, read_sensitivity
from ldncalc.units import MG, ML, PCT, Qty, Quantity

if TYPE_CHECKING:
    from ldncalc.dosage_form import FormDocuments, Supply
    from ldncalc.models import Preparation

DEFAULT_DAYS = 30  # as liquids from tablets: the lesser of 30 days and the BUD
DISPENSED_STEP = Decimal(1)  # mL: the volume dispensed is made up to whole mL
STOCK_STEP = Decimal(5)  # mL: a stock solution is made up to a multiple of 5 mL


@only_accepted_fixes
def api_liquid(
    *,
    target: str | Qty,
    concentration: str | Qty | None = None,
    days: str | int | None = None,
    doses_per_day: str | int = 1,
    salt: str = "hcl",
    assay: str | Qty | None = None,
    assay_as: str | None = None,
    assay_basis: str | None = None,
    water: str | Qty | None = None,
    balance_sensitivity: str | Qty | None = None,
    formulation: str | None = None,
    formulations_dir: str | os.PathLike[str] | None = None,
) -> ApiLiquidResult:
    """Calculate an oral solution of naltrexone HCl made from API powder.

    ``target`` is the dose (naltrexone HCl); ``concentration`` one the record lists (default
    its own, 1 mg/mL); ``days`` of supply default to the lesser of 30 and the BUD. ``salt``,
    ``assay``, ``assay_as``, ``assay_basis`` and ``water`` are the API lot's certificate of
    analysis (as ``capsule``). Raises a subclass of :class:`~ldncalc.LdnCalcError` for any
    bad or unsafe input.
    """
    library = load(formulations_dir)
    record = library.pick(formulation, "liquid-api", "api")
    assert record.concentration is not None  # checked on load, as per
    limits = record.limits
    per_day = read_doses_per_day(doses_per_day, limits)
    dose, read_warnings = read_dose(target, option="--target", limits=limits, doses_per_day=per_day)
    warnings: list[Message | str] = [*read_warnings]
    if concentration is None:
        conc = record.concentration.default
        found = measure_or_refuse(
            dose, conc, record, library.catalog, parameter="target", value=target
        )
    else:
        conc = read_concentration(concentration, record, dose, library.catalog)
        found = measure_or_refuse(
            dose, conc, record, library.catalog, parameter="concentration", value=concentration
        )
    # as a liquid from tablets: a dose off the syringe's marks, or below what it measures
    # reliably (docs/basis.md §7)
    if not found.exact:
        calculated = Quantity(volume_ml(dose, conc), ML)
        warnings.append(off_marks_warning(found, calculated))
    if not found.reliable:
        warnings.append(unreliable_warning(found, dose, record, library.catalog))
    bud = beyond_use(record.bud)
    supply = read_days(days, limits) if days is not None else min(DEFAULT_DAYS, bud.days)
    if supply > bud.days:
        raise UnsafeInputError("days", days, code="days-beyond-bud", bud=bud.days)
    asked = per_day * supply
    for_doses = (found.volume * asked).to(ML)
    spare = spare_for(found.volume, asked, record.spare)
    dispensed = _up_to((for_doses + spare).to(ML), DISPENSED_STEP)
    held = doses_held(dispensed, found.volume, record.spare)
    certificate = read_certificate(
        library.catalog, limits, salt=salt, assay=assay, assay_as=assay_as, basis=assay_basis,
        water=water,
    )  # fmt: skip
    warnings += certificate.warnings
    sensitivity = read_sensitivity(balance_sensitivity, limits.balance_sensitivity)
    least = minimum_weighable(sensitivity, Quantity(5, PCT))
    batch = dispensed
    steps: list[Step] = [
        Step(
            code="liquid-api-dose-volume",
            params={"dose": dose, "concentration": conc, "volume": found.volume},
        ),
        Step(
            code="liquid-api-dispensed",
            params={
                "dose_volume": found.volume,
                "doses": asked,
                "for_doses": for_doses,
                "spare": spare,
                "volume": dispensed,
            },
        ),
    ]
    notes: list[Message] = []
    if (dispensed * conc).to(MG).magnitude / certificate.exact < least.to(MG).magnitude:
        needed = least.to(MG).magnitude * certificate.exact / conc.magnitude
        batch = _up_to(Quantity(needed, ML), STOCK_STEP)
        steps.append(
            Step(
                code="liquid-api-stock",
                params={
                    "minimum": least,
                    "factor": certificate.factor,
                    "concentration": conc,
                    "volume": batch,
                },
            )
        )
        notes.append(
            Message(
                code="liquid-api-stock-larger",
                concerns="balance_sensitivity",
                params={"batch": batch, "dispensed": dispensed, "minimum": least},
            )
        )
    drug = Quantity(round_to((batch * conc).to(MG).magnitude, 4), MG)
    powder = Quantity(round_to(drug.magnitude / certificate.exact, 1), MG)
    steps += [
        Step(code="liquid-api-drug", params={"volume": batch, "concentration": conc, "drug": drug}),
        certificate.step,
        Step(
            code="liquid-api-powder",
            params={"drug": drug, "factor": certificate.factor, "powder": powder},
        ),
    ]
    active = next(i for i in record.ingredients if i.role == "active")
    amounts = (
        Amount(name=active.name, role="active", function=active.function, mass=powder, drug=drug),
        # the vehicle and excipients for the batch, as a liquid's (no tablets)
        *ingredient_amounts(record, 0, Quantity(0, MG), batch),
    )
    # an excipient below the minimum weighable quantity, as a liquid from tablets (§8)
    warnings += weighing_warnings(amounts, sensitivity, limits, record)
    return ApiLiquidResult(
        formulation=FormulationUsed.of(record),
        dosage_form=record.dosage_form,
        doses_per_day=per_day,
        days_supply=days_of_supply(held, per_day, bud.days),
        ingredients=amounts,
        container=record.container,
        bud=bud,
        auxiliary_labels=record.auxiliary_labels,
        warnings=tuple(warnings),
        notes=tuple(notes),
        steps=tuple(steps),
        method=record.procedure,
        quality_checks=record.quality_checks,
        target=dose,
        concentration=conc,
        dose_volume=found.volume,
        dose_measured=(found.volume * conc).to(dose.units),
        dose_deviation=Quantity(found.deviation_percent, PCT),
        syringe=SyringeUsed(
            name=found.syringe.name,
            capacity=found.syringe.capacity,
            graduation=found.syringe.graduation,
        ),
        doses=held,
        doses_volume=(found.volume * held).to(ML),
        spare=(dispensed - found.volume * held).to(ML),
        spare_minimum=spare_for(found.volume, held, record.spare),
        final_volume=dispensed,
        batch_volume=batch,
        drug=drug,
        api_form=certificate.form.name,
        assay=certificate.assay,
        api_factor=certificate.factor,
        api_weight=powder,
        minimum_weighable=least,
    )


def _up_to(volume: Qty, step: Decimal) -> Qty:
    """``volume`` in mL, up to a multiple of ``step`` mL."""
    millilitres = volume.to(ML).magnitude
    rounded: Qty = Quantity(math.ceil(millilitres / step) * step, ML)
    return rounded


def documents(result: ApiLiquidResult) -> FormDocuments:
    """The label's, record's and screen's parts of a liquid from powder (records; the words
    are in :mod:`ldncalc.locale.liquid_api`)."""
    from ldncalc.dosage_form import FormDocuments
    from ldncalc.forms import row

    dose = {
        "target": result.target,
        "volume": result.dose_volume,
        "dose": result.dose_measured,
        "syringe": result.syringe.name,
        "capacity": result.syringe.capacity,
        "graduation": result.syringe.graduation,
        "per_day": result.doses_per_day,
    }

    factors = [
        row("concentration", value=result.concentration),
        row("dose", "liquid-api-value", **dose),
        row("api", form=result.api_form, assay=result.assay),
        row("factor", count=result.api_factor),
        row("minimum-weighable", value=result.minimum_weighable),
        row("for-doses", value=result.doses_volume, doses=result.doses),
        row("spare", "liquid-api-value", volume=result.spare, minimum=result.spare_minimum),
        row("dispensed", value=result.final_volume),
        row("batch", value=result.batch_volume),
    ]
    return FormDocuments(
        title=Message(
            code="liquid-api-title",
            params={**dose, "concentration": result.concentration, "form": result.dosage_form},
        ),
        drug=Message(
            code="liquid-api-label-drug",
            params={"concentration": result.concentration, "form": result.dosage_form},
        ),
        quantity=Message(code="liquid-api-quantity", params={"volume": result.final_volume}),
        made=Message(code="liquid-api-quantity", params={"volume": result.batch_volume}),
        directions=Message(code="liquid-api-directions", params=dose),
        lines=(
            Message(
                code="form-make",
                params={
                    "batch": result.batch_volume,
                    "concentration": result.concentration,
                    "powder": result.api_weight,
                    "drug": result.drug,
                    "dispensed": result.final_volume,
                },
            ),
            Message(code="liquid-api-dose-line", params=dose),
            Message(
                code="form-supply",
                params={
                    "days": result.days_supply,
                    "doses": result.doses,
                    "per_day": result.doses_per_day,
                },
            ),
        ),
        factors=tuple(m for pair in factors for m in pair),
        measured=(
            Message(code="form-check", params={"name": "batch", "value": result.batch_volume}),
            Message(code="form-check", params={"name": "appearance"}),
        ),
    )


class ApiLiquidForm:
    """An oral liquid from API powder as a :class:`ldncalc.forms.DosageForm`."""

    kind = "liquid-api"
    titration = False
    result = ApiLiquidResult

    def calculate(self, **inputs: Any) -> ApiLiquidResult:
        return api_liquid(**inputs)

    def dose_amounts(self, result: Preparation) -> tuple[Qty, ...]:
        assert isinstance(result, ApiLiquidResult)
        return (result.dose_volume, result.dose_measured, result.target, result.concentration)

    def directions_counts(self, result: Preparation) -> Mapping[str, int]:
        return {}

    def drug(self, result: Preparation) -> Message:
        return self.documents(result).drug

    def documents(self, result: Preparation) -> FormDocuments:
        assert isinstance(result, ApiLiquidResult)
        return documents(result)

    def supply(self, result: Preparation) -> Supply:
        from ldncalc.dosage_form import Supply

        assert isinstance(result, ApiLiquidResult)
        return Supply(
            route="oral", dispensed=result.final_volume, made=result.batch_volume,
            strength=result.concentration, dose=result.dose_volume, drug=result.dose_measured,
            syringe=result.syringe.capacity,
        )  # fmt: skip


FORM = ApiLiquidForm()
