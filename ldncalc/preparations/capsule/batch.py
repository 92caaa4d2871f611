"""A batch of capsules, read → compute → describe → result: :func:`make` is
:func:`ldncalc.capsule` (its parameters and the formulas: :mod:`.compute`).

The order of the reading is the order of the refusals: with two bad inputs, the one reported
is the one read first, as it always was.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from ldncalc.bud import beyond_use
from ldncalc.catalogs import Catalog
from ldncalc.checks import (
    days_of_supply,
    read_count,
    read_dose,
    read_doses_per_day,
    read_tablet_strength,
)
from ldncalc.errors import UnsafeInputError
from ldncalc.formulations import Formulation, load
from ldncalc.limits import Limits
from ldncalc.messages import Message, Step
from ldncalc.models import FormulationUsed
from ldncalc.preparations.capsule import compute, describe
from ldncalc.preparations.capsule.aliquot import plan_aliquot
from ldncalc.preparations.capsule.build import kept, model_of
from ldncalc.preparations.capsule.certificate import Certificate, read_certificate
from ldncalc.preparations.capsule.compute import in_unit, mass
from ldncalc.preparations.capsule.read import (
    Overage,
    dosage_form,
    read_fill_weight,
    read_filler,
    read_overage,
    read_salt,
    read_shell,
    read_shell_weight,
    read_size,
    read_source,
    read_tablet_weight,
    refuse_other_source,
)
from ldncalc.preparations.capsule.result import CapsuleResult
from ldncalc.preparations.weighing import minimum_weighable, read_sensitivity
from ldncalc.units import DIMENSIONLESS, MG, MG_PER_ML, ML, PCT, Qty


def make(
    *,
    strength: str | Qty,
    quantity: str | int,
    overage: str | int | None = None,
    doses_per_day: str | int = 1,
    source: str | None = None,
    salt: str = "hcl",
    assay: str | Qty | None = None,
    assay_as: str | None = None,
    assay_basis: str | None = None,
    water: str | Qty | None = None,
    size: str | None = None,
    shell: str | None = None,
    shell_weight: str | Qty | Mapping[str, Mapping[str, Qty]] | None = None,
    filler: str | None = None,
    fill_weight: str | Qty | None = None,
    tablet_weight: str | Qty | None = None,
    tablet_strength: str | Qty | None = None,
    balance_sensitivity: str | Qty | None = None,
    formulation: str | None = None,
    formulations_dir: str | os.PathLike[str] | None = None,
) -> CapsuleResult:
    """The whole of :func:`ldncalc.capsule` (its parameters)."""
    # -- read ---------------------------------------------------------------------------
    library = load(formulations_dir)
    record = library.pick(formulation, "capsule", read_source(source))  # type: ignore[arg-type]
    assert record.capsule is not None  # checked on load
    limits, catalog = record.limits, library.catalog
    per_day = read_doses_per_day(doses_per_day, limits)
    dose, dose_warnings = _read_strength(strength, limits, per_day)
    count = read_count(quantity, "--quantity", 1, limits.quantity_maximum)
    salt = read_salt(salt, catalog)
    extra = _read_overage(overage if overage is not None else record.capsule.overage, count, record)
    batch = count + extra.extra
    chosen_size = read_size(size if size is not None else record.capsule.size, catalog)
    fill = read_filler(filler if filler is not None else record.capsule.filler, catalog)
    weighed_fill = None
    if fill_weight is None:
        packing_mg = compute.packing_estimate(
            in_unit(chosen_size.volume, ML), in_unit(fill.bulk_density, MG_PER_ML)
        )
    else:
        weighed_fill = read_fill_weight(fill_weight, chosen_size, fill, limits)
        packing_mg = in_unit(weighed_fill.packing, MG)
    sensitivity = read_sensitivity(balance_sensitivity, limits.balance_sensitivity)
    minimum = minimum_weighable(sensitivity, limits.weighing_error_maximum)
    minimum_mg = in_unit(minimum, MG)
    dose_mg = in_unit(dose, MG)
    certificate = tablets = strength_of_tablet = tablet_mass = None
    if record.source == "api":
        refuse_other_source(
            "api", [("--tablet-weight", tablet_weight), ("--tablet-strength", tablet_strength)]
        )
        lot = {"assay": assay, "assay_as": assay_as, "basis": assay_basis, "water": water}
        lot["salt"] = salt.strip().lower()
        certificate = _read_certificate(catalog, limits, lot)
        # -- compute: the API powder --------------------------------------------------------
        active_mg = compute.api_to_weigh(dose_mg, batch, certificate.exact, minimum_mg)
    else:
        refuse_other_source(
            "tablets",
            [
                ("--salt", salt if salt != "hcl" else None),
                ("--assay", assay),
                ("--assay-as", assay_as),
                ("--assay-basis", assay_basis),
                ("--water", water),
            ],
        )
        strength_of_tablet = read_tablet_strength(tablet_strength, record.tablet_strength, limits)
        tablet_mass = read_tablet_weight(tablet_weight, strength_of_tablet)
        # -- compute: the tablets and their powder ------------------------------------------
        tablets = compute.from_tablets(
            dose_mg, batch, in_unit(strength_of_tablet, MG), in_unit(tablet_mass, MG), minimum_mg
        )
        active_mg = tablets.powder
    weighed_mg = active_mg  # the active powder as weighed (directly, or for an aliquot)
    per_capsule = active_mg / batch
    if per_capsule >= packing_mg:  # equal leaves no filler to weigh: a batch needs some
        raise compute.does_not_fit(per_capsule, packing_mg, chosen_size, fill, fill_weight, catalog)
    form = certificate.form if certificate is not None else None
    aliquot = None
    if active_mg < minimum_mg:
        aliquot = plan_aliquot(
            mass(active_mg),
            sensitivity=sensitivity,
            error=limits.weighing_error_maximum,
            powder=form.name if form else "tablet powder",
            filler_name=fill.name,
            asked=("--strength", strength),
        )
        aliquot_mg = in_unit(aliquot.aliquot, MG)
        # the aliquot brings part of the batch's filler: the rest is weighed in on top of it,
        # so the batch must hold more powder than the aliquot alone
        if aliquot_mg >= packing_mg * batch:
            raise UnsafeInputError(
                "quantity",
                quantity,
                code="capsule-batch-smaller-than-aliquot",
                powder=mass(packing_mg * batch),
                aliquot=aliquot.aliquot,
            )
        # the aliquot weighed to 0.1 mg holds this much drug: within 0.05 % of the need
        active_mg = in_unit(aliquot.needed, MG)
    crushing = None
    if tablets is not None:
        crushing = compute.crushing(
            tablets.tablets,
            in_unit(tablet_mass, MG),  # type: ignore[arg-type]
            minimum_mg if aliquot is not None else active_mg,
            in_unit(limits.crushing_loss_allowance, PCT),
        )
    filling = compute.fill(packing_mg, batch, active_mg, in_unit(limits.fill_weight_tolerance, PCT))
    # a filled capsule weighs its powder and its shell (docs/basis.md §4): the range printed
    # for the powder alone must never be read as the filled capsule's
    material = read_shell(shell if shell is not None else record.capsule.shell)
    empty = read_shell_weight(shell_weight, chosen_size, material)
    filler_to_add_mg = filling.filler
    if aliquot is not None:
        filler_to_add_mg = filling.filler - in_unit(aliquot.aliquot_filler, MG)
    bud, used = kept(
        (record,), ("bud",), lambda: (beyond_use(record.bud), FormulationUsed.of(record))
    )

    # -- describe ------------------------------------------------------------------------
    packing, active = mass(packing_mg), mass(active_mg)
    low, high = mass(filling.low), mass(filling.high)
    filler_weight, filler_to_add = mass(filling.filler), mass(filler_to_add_mg)
    warnings: list[Message | str] = [*dose_warnings]
    notes: list[Message] = []
    steps: list[Step] = [describe.batch_step(count, extra, batch)]
    if not extra.extra:
        warnings.append(describe.no_overage())
    if caution := describe.filler_caution(fill):
        warnings.append(caution)
    if weighed_fill is None:
        steps.append(describe.packing_step(chosen_size, fill, packing))
        notes.append(describe.packing_estimated(packing, fill, chosen_size))
    elif unusual := describe.fill_weight_unusual(packing, weighed_fill.density, fill):
        warnings.append(unusual)
    api_weight = powder_weight = None
    if certificate is not None:
        warnings += certificate.warnings
        api_weight = active
        steps += [
            certificate.step,
            describe.api_to_weigh_step(dose, batch, certificate.factor, mass(weighed_mg)),
        ]
    else:
        assert tablets is not None
        assert tablet_mass is not None
        assert strength_of_tablet is not None
        powder_weight = active
        steps += describe.tablet_steps(
            dose,
            batch,
            strength_of_tablet,
            compute.quantity(tablets.exact, DIMENSIONLESS),
            tablets.tablets,
            tablet_mass,
            mass(weighed_mg),
        )
    if aliquot is not None:
        directly = compute.directly(minimum_mg, per_capsule)
        warnings.append(
            describe.weighed_by_aliquot(
                mass(weighed_mg),
                form,
                minimum,
                sensitivity,
                limits.weighing_error_maximum,
                # a batch that large weighs it directly, if it may be made
                directly if directly - extra.extra <= limits.quantity_maximum else None,
            )
        )
        steps += aliquot.steps
    crushed = tablets.tablets if tablets is not None else None
    if crushing is not None and tablets is not None and crushing.tablets != tablets.tablets:
        assert tablet_mass is not None
        crushed = crushing.tablets
        step, note = describe.crushing_records(
            weighed=minimum if aliquot is not None else active,
            tablet_weight=tablet_mass,
            usable=compute.quantity(crushing.usable, PCT),
            exact=crushing.exact,
            tablets=crushing.tablets,
            holding=tablets.tablets,
            allowance=limits.crushing_loss_allowance,
            aliquot=aliquot is not None,
            enough=crushing.enough,
        )
        steps.append(step)
        notes.append(note)
    steps += describe.fill_steps(
        batch=batch,
        packing=packing,
        active=active,
        filler=filler_weight,
        aliquot=aliquot is not None,
        low=low,
        high=high,
        tolerance=limits.fill_weight_tolerance,
    )
    if unusual := describe.shell_weight_unusual(empty, chosen_size, material):
        warnings.append(unusual)
    gross = gross_low = gross_high = None
    if empty.weight is not None:
        empty_mg = in_unit(empty.weight, MG)
        gross = mass(packing_mg + empty_mg)
        gross_low, gross_high = mass(filling.low + empty_mg), mass(filling.high + empty_mg)
        steps.append(describe.gross_step(packing, empty.weight, gross, gross_low, gross_high))
    else:
        notes.append(describe.no_shell_weight(chosen_size, material))
    if aliquot is not None:
        steps.append(
            describe.filler_to_add_step(filler_weight, aliquot.aliquot_filler, filler_to_add)
        )
    if filler_to_add_mg < minimum_mg:
        warnings.append(
            describe.filler_below_minimum(
                filler_to_add, minimum, sensitivity, limits.weighing_error_maximum
            )
        )
    if outlasts := describe.supply_outlasts_bud(count, per_day, bud.days):
        warnings.append(outlasts)

    # -- the result -----------------------------------------------------------------------
    return model_of(
        CapsuleResult,
        {
            "formulation": used,
            "dosage_form": dosage_form(record.dosage_form, material),
            "strength": dose,
            "quantity": count,
            "overage": extra.extra,
            "batch": batch,
            "doses_per_day": per_day,
            "days_supply": days_of_supply(count, per_day, bud.days),
            "source": record.source,
            "capsule_size": chosen_size.name,
            "capsule_volume": chosen_size.volume,
            "filler": fill.name,
            "filler_bulk_density": fill.bulk_density if fill_weight is None else None,
            "packing_statistic": packing,
            "packing_statistic_estimated": fill_weight is None,
            "api_form": form.name if form else None,
            "api_molar_mass": form.molar_mass if form else None,
            "salt_factor": certificate.salt_factor if certificate else None,
            "assay": certificate.assay if certificate else None,
            "assay_expressed_as": certificate.expressed_as.name if certificate else None,
            "assay_basis": certificate.basis if certificate else None,
            "water": certificate.water if certificate else None,
            "api_factor": certificate.factor if certificate else None,
            "api_weight": api_weight,
            "tablet_strength": strength_of_tablet,
            "tablet_weight": tablet_mass,
            "tablets": tablets.tablets if tablets is not None else None,
            "tablets_to_crush": crushed,
            "powder_weight": powder_weight,
            "active_per_capsule": mass(compute.weight(per_capsule, compute.NEEDED_PLACES)),
            "filler_weight": filler_to_add,
            "fill_weight": packing,
            "fill_weight_low": low,
            "fill_weight_high": high,
            "shell": material,
            "shell_weight": empty.weight,
            "shell_weight_source": empty.source if empty.weight is not None else None,
            "gross_weight": gross,
            "gross_weight_low": gross_low,
            "gross_weight_high": gross_high,
            "total_weight": mass(packing_mg * batch),
            "minimum_weighable": minimum,
            "ingredients": describe.amounts(
                record,
                fill,
                active,
                # the drug the active powder brings: the powder is weighed (or its aliquot made)
                # to 0.1 mg, at least 120 mg, so it holds this within 0.05 %
                mass(dose_mg * batch),
                aliquot,
                crushed,
                filler_to_add,
                form.name if form else None,
                strength_of_tablet,
            ),
            "container": record.container,
            "bud": bud,
            "auxiliary_labels": record.auxiliary_labels,
            "warnings": tuple(warnings),
            "notes": tuple(notes),
            "steps": tuple(steps),
            "method": record.procedure,
            "quality_checks": record.quality_checks,
            "aliquot": aliquot,
        },
    )


def _read_strength(
    strength: object, limits: Limits, per_day: int
) -> tuple[Qty, tuple[Message, ...]]:
    """``--strength`` and the warnings it earns (checks.read_dose), kept per text typed."""

    def read() -> tuple[Qty, tuple[Message, ...]]:
        dose, warnings = read_dose(
            strength, option="--strength", limits=limits, doses_per_day=per_day
        )
        return dose, tuple(warnings)

    if not isinstance(strength, str):
        return read()
    return kept((limits,), ("strength", strength, per_day), read)


def _read_certificate(catalog: Catalog, limits: Limits, lot: dict[str, Any]) -> Certificate:
    """The API lot's certificate (certificate.read_certificate), kept per text typed."""
    for value in lot.values():
        if value is not None and not isinstance(value, str):
            return read_certificate(catalog, limits, **lot)
    key = ("certificate", *lot.values())  # always built in the same order
    return kept((catalog, limits), key, lambda: read_certificate(catalog, limits, **lot))


def _read_overage(value: str | int, count: int, record: Formulation) -> Overage:
    """``--overage`` (read.read_overage), kept per text typed and quantity."""
    if isinstance(value, bool) or not isinstance(value, str | int):  # True == 1: never kept
        return read_overage(value, count, record)
    return kept((record,), ("overage", value, count), lambda: read_overage(value, count, record))
