"""Sublingual drops from API powder: ``ldncalc drops --target 0.5mg --drop-volume 0.05mL``.

The dose is a whole number of drops of the dropper dispensed, whose drop volume the pharmacy
calibrated with this liquid (docs/basis.md §9: USP <1101>'s medicine dropper delivers 20 drops
of water per mL; other droppers and liquids differ). :func:`drops` reads the inputs
(:mod:`.read`), computes (:mod:`.compute`), describes (:mod:`.describe`; the words are in
:mod:`ldncalc.locale.drops`) and returns a :class:`.result.DropsResult`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from decimal import ROUND_CEILING, Decimal
from typing import TYPE_CHECKING, Any, NoReturn

from ldncalc.bud import beyond_use
from ldncalc.checks import (
    days_of_supply,
    only_accepted_fixes,
    read_days,
    read_dose,
    read_doses_per_day,
)
from ldncalc.errors import UnsafeInputError
from ldncalc.formulations import load
from ldncalc.messages import Message, Step
from ldncalc.models import Amount, FormulationUsed
from ldncalc.preparations.capsule.certificate import read_certificate
from ldncalc.preparations.drops import compute, describe
from ldncalc.preparations.drops.read import (
    DropsRecord,
    drops_record,
    read_drop_volume,
    read_drops,
    read_drops_concentration,
)
from ldncalc.preparations.drops.result import DropsResult
from ldncalc.preparations.weighing import minimum_weighable, read_sensitivity
from ldncalc.units import DROPS_DOSE, MG, ML, PCT, Qty, Quantity

if TYPE_CHECKING:
    from ldncalc.dosage_form import FormDocuments, Supply
    from ldncalc.models import Preparation

__all__ = ["FORM", "drops"]

DEFAULT_DAYS = 30  # as liquids: the lesser of 30 days and the BUD


@only_accepted_fixes
def drops(
    *,
    target: str | Qty,
    drop_volume: str | Qty,
    drops: str | int | None = None,
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
) -> DropsResult:
    """Calculate sublingual drops of naltrexone HCl made from API powder.

    ``target`` is the dose (naltrexone HCl) and ``drop_volume`` the calibrated volume of one
    drop of the dropper dispensed; ``drops`` a dose (default the record's, 1) gives the
    concentration = dose ÷ (drops × drop volume), or ``concentration`` gives the drops, which
    must be whole within 5 %. The concentration must stay below the record's maximum (under
    the solubility). ``days`` of supply default to the lesser of 30 and the BUD. ``salt``,
    ``assay``, ``assay_as``, ``assay_basis`` and ``water`` are the API lot's certificate of
    analysis (as ``capsule``). Raises a subclass of :class:`~ldncalc.LdnCalcError` for any
    bad or unsafe input.
    """
    library = load(formulations_dir)
    record = library.pick(formulation, "drops", "api")
    table = drops_record(record)
    limits = record.limits
    per_day = read_doses_per_day(doses_per_day, limits)
    dose, read_warnings = read_dose(
        target, option="--target", limits=limits, doses_per_day=per_day, kind=DROPS_DOSE
    )
    warnings: list[Message | str] = [*read_warnings]
    drop = read_drop_volume(drop_volume, table)
    count = read_drops(drops, table) if drops is not None else None
    certificate = read_certificate(
        library.catalog, limits, salt=salt, assay=assay, assay_as=assay_as, basis=assay_basis,
        water=water,
    )  # fmt: skip
    sensitivity = read_sensitivity(balance_sensitivity, limits.balance_sensitivity)
    least = minimum_weighable(sensitivity, Quantity(5, PCT))
    # the least concentration whose powder in the largest batch is weighable
    lowest = least * certificate.exact / table.batch_maximum
    steps: list[Step] = []
    if concentration is None:
        count = count if count is not None else table.drops
        conc = compute.concentration_for(dose, count, drop)
        steps.append(describe.concentration_step(dose, count, drop, conc))
    else:
        conc = read_drops_concentration(concentration)
        exact = compute.exact_drops(dose, conc, drop)
        nearest = max(1, int(exact.to_integral_value()))
        if count is None:
            count = nearest
            if count > table.drops_maximum:
                _refuse_concentration(
                    "drops-too-many",
                    concentration,
                    dose,
                    drop,
                    conc,
                    exact=compute.significant(exact),
                    maximum=table.drops_maximum,
                    **_fix(dose, drop, table, lowest),
                )
        steps.append(describe.drops_step(dose, conc, drop, exact, count))
    measured = (conc * drop * count).to(dose.units)
    if not compute.within(measured, dose):
        if drops is not None:  # and --concentration: they give another dose
            _refuse_concentration(
                "drops-dose-mismatch",
                concentration,
                dose,
                drop,
                conc,
                drops=count,
                measured=measured,
                **_fix(dose, drop, table, lowest, asked=count),
            )
        exact = compute.exact_drops(dose, conc, drop)
        nearest = min(table.drops_maximum, max(1, int(exact.to_integral_value())))
        _refuse_concentration(
            "drops-not-whole",
            concentration,
            dose,
            drop,
            conc,
            exact=compute.significant(exact),
            **_fix(dose, drop, table, lowest, asked=nearest, keep=False),
        )
    if conc > table.concentration_maximum:
        fix: dict[str, Any]
        if concentration is not None:  # the fix is a concentration (and the drops, if asked)
            fix = _fix(dose, drop, table, lowest, asked=count if drops is not None else None)
        else:
            fewest = _fewest_drops(dose, drop, table.concentration_maximum)
            fix = {"drops": fewest if fewest <= table.drops_maximum else None}
        raise UnsafeInputError(
            "concentration" if concentration is not None else "drops" if drops is not None
            else "target",
            concentration if concentration is not None else drops if drops is not None
            else target,
            code="drops-above-solubility",
            count=count,
            concentration=conc,
            maximum=table.concentration_maximum,
            **fix,
        )  # fmt: skip
    exact_dose, measured = measured, compute.measured_dose(count, drop, conc, dose)
    steps.append(describe.dose_step(count, drop, conc, exact_dose, measured))
    bud = beyond_use(record.bud)
    supply = read_days(days, limits) if days is not None else min(DEFAULT_DAYS, bud.days)
    if supply > bud.days:
        raise UnsafeInputError("days", days, code="days-beyond-bud", bud=bud.days)
    dose_volume = (drop * count).to(ML)
    volumes = compute.volumes(dose_volume, per_day * supply, record.spare, table.volume_step)
    steps += [
        describe.for_doses_step(dose_volume, per_day, supply, volumes.for_doses),
        describe.spare_step(dose_volume, volumes.for_doses, volumes.spare, record.spare),
        describe.dispensed_step(
            volumes.for_doses, volumes.spare, table.volume_step, volumes.dispensed
        ),
    ]
    warnings += certificate.warnings
    longer = library.keeping_longer("drops", bud.days, record.id)
    if outlasts := describe.supply_warning(
        volumes.doses, per_day, bud.days, table.volume_step, longer
    ):
        warnings.append(outlasts)
    batch = compute.batch_volume(
        volumes.dispensed, conc, certificate.exact, least, table.volume_step
    )
    if batch > table.batch_maximum:
        if concentration is not None:
            # the fix is a concentration (and the drops, if asked: they must agree with it)
            raise UnsafeInputError(
                "concentration",
                concentration,
                code="drops-batch-too-large",
                batch=batch,
                maximum=table.batch_maximum,
                minimum=least,
                **_fix(dose, drop, table, lowest, asked=count if drops is not None else None),
            )
        # the most drops that keep the concentration at or above the lowest
        fewer = int(compute.exact_drops(dose, lowest, drop))
        raise UnsafeInputError(
            "drops" if drops is not None else "target",
            drops if drops is not None else target,
            code="drops-batch-too-large",
            batch=batch,
            maximum=table.batch_maximum,
            minimum=least,
            drops=fewer if 1 <= fewer < count else None,
        )
    notes: list[Message] = []
    if batch != volumes.dispensed:
        steps.append(describe.batch_step(least, certificate.factor, conc, table.volume_step, batch))
        notes.append(describe.batch_note(batch, volumes.dispensed, least))
    drug = Quantity(compute.plain((batch * conc).to(MG).magnitude), MG)
    powder = compute.powder_for(drug, certificate.exact)
    steps += [
        describe.drug_step(batch, conc, drug),
        certificate.step,
        describe.powder_step(drug, certificate.factor, powder),
    ]
    ingredients = tuple(
        Amount(name=i.name, role=i.role, function=i.function, mass=powder, drug=drug)
        if i.role == "active"
        else Amount(name=i.name, role=i.role, function=i.function, qs_to=batch)
        for i in record.ingredients
    )
    return DropsResult(
        formulation=FormulationUsed.of(record),
        dosage_form=record.dosage_form,
        doses_per_day=per_day,
        days_supply=days_of_supply(volumes.doses, per_day, bud.days),
        ingredients=ingredients,
        container=record.container,
        bud=bud,
        auxiliary_labels=record.auxiliary_labels,
        warnings=tuple(warnings),
        notes=tuple(notes),
        steps=tuple(steps),
        method=record.procedure,
        quality_checks=record.quality_checks,
        target=dose,
        drop_volume=drop,
        drops=count,
        concentration=conc,
        concentration_maximum=table.concentration_maximum,
        dose_measured=measured,
        dose_deviation=Quantity(compute.deviation(measured, dose).quantize(_TENTH), PCT),
        doses=volumes.doses,
        doses_volume=(dose_volume * volumes.doses).to(ML),
        spare=(volumes.dispensed - dose_volume * volumes.doses).to(ML),
        final_volume=volumes.dispensed,
        batch_volume=batch,
        drug=drug,
        api_form=certificate.form.name,
        assay=certificate.assay,
        api_factor=certificate.factor,
        api_weight=powder,
        minimum_weighable=least,
    )


_TENTH = Decimal("0.1")


def _fewest_drops(dose: Qty, drop: Qty, maximum: Qty) -> int:
    """The fewest drops a dose whose concentration is at most ``maximum``."""
    exact = compute.exact_drops(dose, maximum, drop)
    return int(exact.to_integral_value(rounding=ROUND_CEILING))


def _refuse_concentration(
    code: str, value: object, dose: Qty, drop: Qty, conc: Qty, **params: Any
) -> NoReturn:
    """Refuse ``--concentration`` (``value``) for ``dose`` in drops of ``drop``: ``code``
    says why, ``params`` add the figures and the fix (:func:`_fix`)."""
    raise UnsafeInputError(
        "concentration", value, code=code, dose=dose, drop=drop, concentration=conc, **params
    )


def _fix(
    dose: Qty,
    drop: Qty,
    table: DropsRecord,
    lowest: Qty,
    *,
    asked: int | None = None,
    keep: bool = True,
) -> dict[str, Any]:
    """A refusal's fix with ``--concentration``: the concentration (``better``) for the drops
    a dose (``nearest``) nearest ``asked``, else the most, that the record accepts: at most
    its maximum concentration and at least ``lowest`` (its largest batch's powder is
    weighable); ``with_drops`` when the drops asked for (``keep``) must change too. With no
    such drops, ``better`` is None and ``balance`` says whether a more sensitive balance
    (the dose is too small), not a dropper with larger drops, is the fix."""
    counts: list[int] = list(range(table.drops_maximum, 0, -1))
    if asked is not None:  # the drops nearest those asked for, the more of two as near
        counts = sorted(counts, key=lambda n: abs(n - asked))
    for count in counts:
        better = compute.concentration_for(dose, count, drop)
        if lowest <= better <= table.concentration_maximum:
            changed = keep and asked is not None and count != asked
            return {"better": better, "nearest": count, "with_drops": changed}
    smallest = compute.concentration_for(dose, 1, drop)
    return {"better": None, "nearest": None, "with_drops": False, "balance": smallest < lowest}


class DropsForm:
    """Sublingual drops as a :class:`ldncalc.forms.DosageForm`."""

    kind = "drops"
    titration = False  # a titration changes the dose: here a new concentration or drops
    result = DropsResult

    def calculate(self, **inputs: Any) -> DropsResult:
        return drops(**inputs)

    def dose_amounts(self, result: Preparation) -> tuple[Qty, ...]:
        assert isinstance(result, DropsResult)
        # no volume: the patient counts drops with the calibrated dropper dispensed, and an mL
        # figure on the label invites measuring them otherwise (docs/basis.md §7)
        return (result.target, result.dose_measured, result.concentration)

    def directions_counts(self, result: Preparation) -> Mapping[str, int]:
        assert isinstance(result, DropsResult)
        return {"drop": result.drops}

    def drug(self, result: Preparation) -> Message:
        return self.documents(result).drug

    def documents(self, result: Preparation) -> FormDocuments:
        assert isinstance(result, DropsResult)
        return describe.documents(result)

    def supply(self, result: Preparation) -> Supply:
        from ldncalc.dosage_form import Supply

        assert isinstance(result, DropsResult)
        return Supply(
            route="sublingual",
            dispensed=result.final_volume,
            made=result.batch_volume,
            strength=result.concentration,
            dose=(result.drop_volume * result.drops).to(ML),
            drug=result.dose_measured,
            number=result.drops,
            counted="drop",
        )


FORM = DropsForm()
