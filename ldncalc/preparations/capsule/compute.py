"""The capsule calculation: ``ldncalc capsule --strength 4.5mg --quantity 30``.

The calculation (docs/basis.md §4, §1 and §8)::

    batch             = quantity + overage (a count, or a percentage rounded up)
    packing statistic = filler one capsule holds: --fill-weight, or volume × bulk density
    from API          = strength × batch ÷ factor, the factor from the certificate of
                        analysis (mg naltrexone HCl per mg of powder: certificate.py)
    from tablets      = tablets: strength × batch ÷ tablet strength, rounded up;
                        powder:  strength × batch ÷ tablet strength × tablet weight;
                        crushed: powder to weigh ÷ (tablet weight × (100 % − loss
                        allowance)), rounded up, when that is more tablets (limits.py)
    filler            = batch × packing statistic − active powder (equal-density displacement)
    net fill weight   = packing statistic, accepted within ± 10 % (the powder alone, weighed
                        on a balance tared with an empty shell)
    gross weight      = net fill weight + one empty shell (--shell-weight, the pharmacy
                        profile's, or the catalog's typical weight by size and material)
    days of supply    = capsules ÷ doses a day, never more than the BUD (checks.days_of_supply)

Weights are rounded to 0.1 mg (an analytical balance's readability), and the filler is
calculated from the rounded active weight, so active + filler = batch × fill weight exactly.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Any, Literal

from ldncalc.bud import beyond_use
from ldncalc.catalogs import SHELLS, CapsuleSize, Catalog, Filler, Shell
from ldncalc.checks import (
    days_of_supply,
    read_count,
    read_dose,
    read_doses_per_day,
    read_overage,
    read_tablet_strength,
    require_text,
)
from ldncalc.errors import InputError, UnsafeInputError
from ldncalc.formatting import format_quantity as fq
from ldncalc.formatting import round_to
from ldncalc.formulations import Formulation, load
from ldncalc.limits import Limits
from ldncalc.messages import Message, Step
from ldncalc.models import Amount, CapsuleResult, FormulationUsed
from ldncalc.preparations.capsule.aliquot import (
    AliquotPlan,
    minimum_weighable,
    plan_aliquot,
    read_sensitivity,
)
from ldncalc.preparations.capsule.certificate import read_certificate
from ldncalc.units import (
    DIMENSIONLESS,
    FILL_WEIGHT,
    MG,
    MG_PER_ML,
    ML,
    PCT,
    SHELL_WEIGHT,
    TABLET_WEIGHT,
    Qty,
    Quantity,
    as_quantity,
    converted,
)

WEIGHT_PLACES = 1  # mg: the readability of an analytical balance (0.1 mg)
NEEDED_PLACES = 4  # mg: a drug amount delivered by aliquot is kept to 0.1 mcg
FACTOR_PLACES = 4


def calculate(
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
    """The whole calculation of :func:`ldncalc.capsule` (its parameters)."""
    library = load(formulations_dir)
    if source is not None:
        require_text(source, "--source", "use api or tablets")
        if source.strip().lower() not in ("api", "tablets"):
            raise InputError(
                "source", source, code="capsule-unknown-choice", what="source", choices=SOURCES
            )
        source = source.strip().lower()
    record = library.pick(formulation, "capsule", source)  # type: ignore[arg-type]
    assert record.capsule is not None  # checked on load
    limits = record.limits
    catalog = library.catalog
    per_day = read_doses_per_day(doses_per_day, limits)
    dose, read = read_dose(strength, option="--strength", limits=limits, doses_per_day=per_day)
    warnings: list[Message | str] = [*read]  # the dose's warnings: text until checks.py has codes
    count = read_count(quantity, "--quantity", 1, limits.quantity_maximum)
    salt = require_text(salt, "--salt", f"use one of {_forms(catalog)}")
    if not salt.strip():
        forms = tuple(f.id for f in catalog.api_forms)
        raise InputError("salt", salt, code="capsule-empty-choice", what="api-form", choices=forms)
    extra, percent, exact = _overage(
        overage if overage is not None else record.capsule.overage, count, record
    )
    batch = count + extra
    if not extra:
        warnings.append(Message(code="capsule-no-overage", concerns="overage"))
    notes: list[Message] = []
    steps = [
        Step(
            code="capsule-batch",
            params={
                "quantity": count,
                "overage": extra,
                "percent": percent,
                "exact": exact,
                "batch": batch,
            },
        )
    ]

    chosen_size = _size(size if size is not None else record.capsule.size, catalog)
    fill = _filler(filler if filler is not None else record.capsule.filler, catalog, warnings)
    if fill_weight is None:
        packing = _weight(converted(chosen_size.volume * fill.bulk_density, MG))
        steps.append(
            Step(
                code="capsule-packing-statistic",
                params={
                    "volume": chosen_size.volume,
                    "bulk_density": fill.bulk_density,
                    "packing": packing,
                },
            )
        )
        notes.append(
            Message(
                code="capsule-packing-estimated",
                concerns="fill_weight",
                params={"packing": packing, "filler": fill.name, "size": chosen_size.name},
            )
        )
    else:
        packing = _fill_weight(fill_weight, chosen_size, fill, limits, warnings)

    sensitivity = read_sensitivity(balance_sensitivity, limits.balance_sensitivity)
    minimum = minimum_weighable(sensitivity, limits.weighing_error_maximum)
    form = molar_mass = factor = potency = api_weight = api_factor = certificate = None
    tablets = tablet_mass = powder_weight = strength_of_tablet = None
    if record.source == "api":
        for option, given in (
            ("--tablet-weight", tablet_weight),
            ("--tablet-strength", tablet_strength),
        ):
            if given is not None:
                raise InputError(option, given, code="capsule-tablets-only")
        certificate = read_certificate(
            catalog,
            limits,
            salt=salt.strip().lower(),
            assay=assay,
            assay_as=assay_as,
            basis=assay_basis,
            water=water,
        )
        warnings += certificate.warnings
        form, molar_mass = certificate.form, certificate.form.molar_mass
        factor, potency = certificate.salt_factor, certificate.assay
        api_factor = certificate.factor
        api_weight = _active_weight(dose * batch / api_factor, minimum)
        active_total = api_weight
        steps += [
            certificate.step,
            Step(
                code="capsule-api-to-weigh",
                params={
                    "strength": dose,
                    "batch": batch,
                    "factor": api_factor,
                    "api_weight": api_weight,
                },
            ),
        ]
    else:
        api_only: list[tuple[str, object]] = [
            ("--salt", salt if salt != "hcl" else None),
            ("--assay", assay),
            ("--assay-as", assay_as),
            ("--assay-basis", assay_basis),
            ("--water", water),
        ]
        typed_ = [(option, value) for option, value in api_only if value is not None]
        if typed_:
            option, value = typed_[0]
            raise InputError(option, value, code="capsule-api-only")
        strength_of_tablet = read_tablet_strength(tablet_strength, record.tablet_strength, limits)
        tablet_mass = _tablet_weight(tablet_weight, strength_of_tablet)
        drug = dose * batch
        # in tablets: dimensionless, however the strength was typed (mcg ÷ mg is not 1:1)
        in_tablets = (drug / strength_of_tablet).to(DIMENSIONLESS)
        tablets = math.ceil(in_tablets.magnitude)
        powder_weight = _active_weight(in_tablets * tablet_mass, minimum)
        active_total = powder_weight
        steps += [
            Step(
                code="capsule-tablets-to-crush",
                params={
                    "strength": dose,
                    "batch": batch,
                    "tablet_strength": strength_of_tablet,
                    "exact": in_tablets,
                    "tablets": tablets,
                },
            ),
            Step(
                code="capsule-tablet-powder",
                params={
                    "strength": dose,
                    "batch": batch,
                    "tablet_strength": strength_of_tablet,
                    "tablet_weight": tablet_mass,
                    "powder": powder_weight,
                },
            ),
        ]

    per_capsule = active_total / batch
    if per_capsule >= packing:  # equal leaves no filler to weigh: a batch needs some
        raise _does_not_fit(per_capsule, packing, chosen_size, fill, fill_weight, catalog)
    aliquot, crushed = None, tablets
    if active_total < minimum:
        aliquot = plan_aliquot(
            active_total,
            sensitivity=sensitivity,
            error=limits.weighing_error_maximum,
            powder=form.name if form else "tablet powder",
            filler_name=fill.name,
            asked=("--strength", strength),
        )
        # the aliquot brings part of the batch's filler: the rest is weighed in on top of it,
        # so the batch must hold more powder than the aliquot alone
        if aliquot.aliquot >= packing * batch:
            raise UnsafeInputError(
                "quantity",
                quantity,
                code="capsule-batch-smaller-than-aliquot",
                powder=packing * batch,
                aliquot=aliquot.aliquot,
            )
        directly = math.ceil(minimum / per_capsule)
        warnings.append(
            Message(
                code="capsule-weighed-by-aliquot",
                concerns="strength",
                params={
                    "active": active_total,
                    "powder": form.name if form else None,
                    "minimum_weighable": minimum,
                    "sensitivity": sensitivity,
                    "error": limits.weighing_error_maximum,
                    # a batch that large weighs it directly, if it may be made
                    "directly": directly if directly - extra <= limits.quantity_maximum else None,
                },
            )
        )
        # the aliquot weighed to 0.1 mg holds this much drug: within 0.05 % of the need
        active_total = aliquot.needed
        api_weight, powder_weight = (
            (active_total, None) if api_weight is not None else (None, active_total)
        )
        steps += aliquot.steps
    if tablets is not None and tablet_mass is not None:
        crushed = _tablets_to_crush(
            tablets, tablet_mass, minimum if aliquot is not None else active_total,
            aliquot=aliquot is not None, limits=limits, steps=steps, notes=notes,
        )  # fmt: skip
    filler_weight = converted(packing * batch - active_total, MG)
    tolerance = limits.fill_weight_tolerance.to(DIMENSIONLESS).magnitude
    # rounded inward (low up, high down): a capsule at either printed limit is within ± 10 %
    low = _weight(packing * (1 - tolerance), rounding=ROUND_CEILING)
    high = _weight(packing * (1 + tolerance), rounding=ROUND_FLOOR)
    steps += [
        Step(
            code="capsule-filler",
            params={
                "batch": batch,
                "packing": packing,
                "active": active_total,
                "filler": filler_weight,
                "aliquot": aliquot is not None,
            },
        ),
        Step(
            code="capsule-net-fill-weight",
            params={
                "active": active_total,
                "filler": filler_weight,
                "batch": batch,
                "packing": packing,
                "low": low,
                "high": high,
                "tolerance": limits.fill_weight_tolerance,
            },
        ),
    ]
    # a filled capsule weighs its powder and its shell (docs/basis.md §4): the range printed
    # for the powder alone must never be read as the filled capsule's
    material = _shell(shell if shell is not None else record.capsule.shell)
    empty, empty_source = _shell_weight(shell_weight, chosen_size, material, warnings)
    gross = gross_low = gross_high = None
    if empty is not None:
        gross, gross_low, gross_high = packing + empty, low + empty, high + empty
        steps.append(
            Step(
                code="capsule-gross-weight",
                params={
                    "packing": packing,
                    "shell_weight": empty,
                    "gross": gross,
                    "low": gross_low,
                    "high": gross_high,
                },
            )
        )
    else:
        notes.append(
            Message(
                code="capsule-no-shell-weight",
                concerns="shell_weight",
                params={"size": chosen_size.name, "shell": material},
            )
        )
    filler_to_add = filler_weight
    if aliquot is not None:
        filler_to_add = converted(filler_weight - aliquot.aliquot_filler, MG)
        steps.append(
            Step(
                code="capsule-filler-to-add",
                params={
                    "filler": filler_weight,
                    "aliquot_filler": aliquot.aliquot_filler,
                    "filler_to_add": filler_to_add,
                },
            )
        )
    if filler_to_add < minimum:
        warnings.append(
            Message(
                code="capsule-filler-below-minimum-weighable",
                concerns="overage",
                params={
                    "filler": filler_to_add,
                    "minimum_weighable": minimum,
                    "sensitivity": sensitivity,
                    "error": limits.weighing_error_maximum,
                },
            )
        )

    bud = beyond_use(record.bud)
    if count > bud.days * per_day:  # more capsules than can be taken before the BUD
        warnings.append(
            Message(
                code="capsule-supply-outlasts-bud",
                concerns="quantity",
                params={"doses": count, "doses_per_day": per_day, "bud_days": bud.days},
            )
        )

    return CapsuleResult(
        formulation=FormulationUsed.of(record),
        dosage_form=_dosage_form(record.dosage_form, material),
        strength=dose,
        quantity=count,
        overage=extra,
        batch=batch,
        doses_per_day=per_day,
        days_supply=days_of_supply(count, per_day, bud.days),
        source=record.source,
        capsule_size=chosen_size.name,
        capsule_volume=chosen_size.volume,
        filler=fill.name,
        filler_bulk_density=fill.bulk_density if fill_weight is None else None,
        packing_statistic=packing,
        packing_statistic_estimated=fill_weight is None,
        api_form=form.name if form else None,
        api_molar_mass=molar_mass,
        salt_factor=factor,
        assay=potency,
        assay_expressed_as=certificate.expressed_as.name if certificate else None,
        assay_basis=certificate.basis if certificate else None,
        water=certificate.water if certificate else None,
        api_factor=api_factor,
        api_weight=api_weight,
        tablet_strength=strength_of_tablet,
        tablet_weight=tablet_mass,
        tablets=tablets,
        tablets_to_crush=crushed,
        powder_weight=powder_weight,
        active_per_capsule=_weight(per_capsule, NEEDED_PLACES),
        filler_weight=filler_to_add,
        fill_weight=packing,
        fill_weight_low=low,
        fill_weight_high=high,
        shell=material,
        shell_weight=empty,
        shell_weight_source=empty_source if empty is not None else None,
        gross_weight=gross,
        gross_weight_low=gross_low,
        gross_weight_high=gross_high,
        total_weight=converted(packing * batch, MG),
        minimum_weighable=minimum,
        ingredients=_amounts(
            record,
            fill,
            active_total,
            # the drug the active powder brings: the powder is weighed (or its aliquot made)
            # to 0.1 mg, at least 120 mg, so it holds this within 0.05 %
            converted(dose * batch, MG),
            aliquot,
            crushed,
            filler_to_add,
            form.name if form else None,
            strength_of_tablet,
        ),
        container=record.container,
        bud=bud,
        auxiliary_labels=record.auxiliary_labels,
        warnings=tuple(warnings),
        notes=tuple(notes),
        steps=tuple(steps),
        method=record.procedure,
        quality_checks=record.quality_checks,
        aliquot=aliquot,
    )


def _weight(mass: Qty, places: int = WEIGHT_PLACES, rounding: str = ROUND_HALF_UP) -> Qty:
    """A mass in mg rounded to what the balance reads (half-up unless told otherwise)."""
    step = Decimal(1).scaleb(-places)
    magnitude = converted(mass, MG).magnitude.quantize(step, rounding=rounding)
    return Quantity(round_to(magnitude, places), MG)


def _active_weight(mass: Qty, minimum: Qty) -> Qty:
    """The drug (or tablet) powder needed. At or above the minimum weighable quantity it is
    weighed directly and rounded to the balance's 0.1 mg (an error under 0.05 %); below it
    the aliquot method delivers it, so it stays exact to 0.1 mcg rather than becoming a
    different dose (0.06 mg is not 0.1 mg)."""
    # 119.987 mg is weighed as 120 mg: rounded to the balance, it is weighable (an aliquot of
    # it would be the whole mixture, with nothing to discard)
    rounded = _weight(mass)
    return rounded if rounded >= minimum else _weight(mass, NEEDED_PLACES)


def _tablets_to_crush(
    tablets: int,
    tablet_mass: Qty,
    weighed: Qty,
    *,
    aliquot: bool,
    limits: Limits,
    steps: list[Step],
    notes: list[Message],
) -> int:
    """The tablets to crush for ``weighed`` of their powder: at least the ``tablets`` that hold
    the batch's drug, and enough that ``weighed`` is at most (100 % − the loss allowance) of
    the powder crushed. Weighing all of it (2.5 mg × 60 = 3 tablets exactly) is impossible
    once some powder stays in the mortar. Adds the step and the note when that is more."""
    allowance = limits.crushing_loss_allowance
    usable = Quantity(100, PCT) - allowance
    exact = (weighed / (tablet_mass * usable)).to(DIMENSIONLESS).magnitude
    crushed: int = max(tablets, math.ceil(exact))
    if crushed == tablets:
        return tablets
    steps.append(
        Step(
            code="capsule-tablets-for-losses",
            params={
                "weighed": weighed,
                "tablet_weight": tablet_mass,
                "usable": usable,
                "exact": exact,
                "tablets": crushed,
            },
        )
    )
    params: dict[str, object] = {
        "tablets": crushed,
        "weighed": weighed,
        "usable": usable,
        "allowance": allowance,
    }
    if aliquot:
        # the note says the allowance only when it, not the minimum to weigh, adds a tablet
        enough = crushed == math.ceil((weighed / tablet_mass).to(DIMENSIONLESS).magnitude)
        notes.append(Message(code="capsule-crush-for-aliquot", params={**params, "enough": enough}))
    else:
        notes.append(
            Message(code="capsule-crush-for-losses", params={**params, "holding": tablets})
        )
    return crushed


def _overage(
    value: str | int, count: int, record: Formulation
) -> tuple[int, Qty | None, Decimal | None]:
    """Extra capsules: a count (``2``) or a percentage of the quantity, rounded up (``5%``)."""
    return read_overage(value, count, record.limits)  # as the record's default is checked


def _forms(catalog: Catalog) -> str:
    return ", ".join(f.id for f in catalog.api_forms)


def _size(name: object, catalog: Catalog) -> CapsuleSize:
    names = tuple(s.name for s in catalog.capsule_sizes)
    sizes = ", ".join(names)
    if isinstance(name, int) and not isinstance(name, bool):
        # 0, 00 and 000 are three sizes: a number cannot say which
        raise InputError(
            "size",
            name,
            code="capsule-size-not-text",
            size=name if -1000 < name < 1000 else None,
            choices=names,
        )
    if isinstance(name, str) and not name.strip():  # "" was the default size, silently
        raise InputError("size", name, code="capsule-empty-choice", what="size", choices=names)
    found = catalog.capsule_size(
        require_text(name, "--size", f"use one of {sizes}").strip().removeprefix("#")
    )
    if found is None:
        raise InputError("size", name, code="capsule-unknown-choice", what="size", choices=names)
    return found


def _filler(filler_id: object, catalog: Catalog, warnings: list[Message | str]) -> Filler:
    ids = tuple(f.id for f in catalog.fillers if not f.avoid)
    choice: dict[str, Any] = {"what": "filler", "choices": ids}
    text = require_text(filler_id, "--filler", f"use {', '.join(ids)}").strip().lower()
    if not text:  # "" was the default filler, silently
        raise InputError("filler", filler_id, code="capsule-empty-choice", **choice)
    found = catalog.filler(text)
    if found is None:
        raise InputError("filler", filler_id, code="capsule-unknown-choice", **choice)
    if found.avoid:
        raise UnsafeInputError(
            "filler", filler_id, code="capsule-filler-avoided", reason=found.avoid, **choice
        )
    if found.caution:
        warnings.append(
            Message(
                code="capsule-filler-caution",
                concerns="filler",
                params={"filler": found.name, "caution": found.caution},
            )
        )
    return found


def _tablet_weight(value: str | Qty | None, strength: Qty) -> Qty:
    if value is None:
        raise InputError("tablet_weight", None, code="capsule-tablet-weight-needed")
    weight = as_quantity(value, option="--tablet-weight", kinds=(TABLET_WEIGHT,)).to(MG)
    if weight < strength:
        raise UnsafeInputError(
            "tablet_weight",
            value,
            code="capsule-tablet-weight-below-strength",
            tablet_strength=strength,
        )
    if weight > TABLET_MAXIMUM:
        raise UnsafeInputError(
            "tablet_weight", value, code="capsule-tablet-weight-too-high", maximum=TABLET_MAXIMUM
        )
    return weight


def _fill_weight(
    value: str | Qty,
    shell: CapsuleSize,
    fill: Filler,
    limits: Limits,
    warnings: list[Message | str],
) -> Qty:
    """``--fill-weight``: the filler one capsule holds, as weighed. The bulk density it implies
    (fill weight ÷ capsule volume) must be a powder's: refused outside the limits (a typo:
    99999mg in a 0.5 mL capsule), warned outside the filler's catalog range."""
    weighed = as_quantity(value, option="--fill-weight", kinds=(FILL_WEIGHT,))
    packing = _weight(weighed)
    density = (packing / shell.volume).to(MG_PER_ML)
    low, high = limits.packing_density_minimum, limits.packing_density_maximum
    if not low <= density <= high:
        in_mg = Quantity(weighed.magnitude, MG)
        # 150mcg for 150mg: the unit slip that makes a powder a thousand times too light
        slip = weighed.units != in_mg.units and low <= in_mg / shell.volume <= high
        raise UnsafeInputError(
            "fill_weight",
            value,
            code="capsule-fill-weight-implausible",
            size=shell.name,
            volume=shell.volume,
            density=converted(weighed / shell.volume, MG / ML),
            low=low,
            high=high,
            estimate=_weight(shell.volume * fill.bulk_density),
            filler=fill.name,
            weighed=weighed if slip else None,
            in_mg=in_mg if slip else None,
        )
    usual_low, usual_high = fill.density_low, fill.density_high
    if usual_low is not None and usual_high is not None and not usual_low <= density <= usual_high:
        warnings.append(
            Message(
                code="capsule-fill-weight-unusual",
                concerns="fill_weight",
                params={
                    "packing": packing,
                    "density": density,
                    "filler": fill.name,
                    "low": usual_low,
                    "high": usual_high,
                },
            )
        )
    return packing


# ldncalc defaults: an empty hard capsule weighs about 28 mg (size 5) to 163 mg (size 000,
# docs/basis.md §4); outside these a shell weight is a typo (76g, 76mcg). A weighed figure
# more than a quarter off the catalog's is warned: the wrong size or material.
SHELL_MINIMUM = Quantity(10, MG)
SHELL_MAXIMUM = Quantity(250, MG)
SHELL_DEVIATION = Decimal("0.25")
TABLET_MAXIMUM = Quantity(2000, MG)  # ldncalc default: more than one tablet's weight is a typo
SOURCES = ("api", "tablets")
# The dosage forms of the built-in records, by shell material: a record that says one of
# them says the material chosen
_DOSAGE_FORMS = {"gelatin": "hard gelatin capsule", "hpmc": "hard HPMC capsule"}


def _shell(value: object) -> Shell:
    """``--shell``: gelatin or hpmc (vegetarian)."""
    fix = f"use {' or '.join(SHELLS)} (HPMC: vegetarian)"
    text = require_text(value, "--shell", fix).strip().lower()
    for material in SHELLS:
        if text == material:
            return material
    raise InputError(
        "shell", value, code="capsule-unknown-choice", what="shell", choices=tuple(SHELLS)
    )


def _shell_weight(
    value: str | Qty | Mapping[str, Mapping[str, Qty]] | None,
    size: CapsuleSize,
    material: Shell,
    warnings: list[Message | str],
) -> tuple[Qty | None, Literal["weighed", "profile", "typical"]]:
    """The weight of one empty shell: ``--shell-weight`` (the average of 10 weighed), else the
    pharmacy's own figure for this size and material (``value`` is then the profile's table,
    material → size → mass), else the catalog's typical one (``None`` when it has none)."""
    typical = size.shell_weight.get(material)
    source: Literal["weighed", "profile", "typical"]
    given: object
    if isinstance(value, Mapping):
        found = _from_table(value, size, material)
        if found is None:
            return typical, "typical"
        weighed, source = found, "profile"
        option, given = f"shell_weights.{material}.{size.name}", fq(found)
    elif value is not None:
        option, given, source = "--shell-weight", value, "weighed"
        weighed = as_quantity(value, option=option, kinds=(SHELL_WEIGHT,))
    else:
        return typical, "typical"
    weighed = _weight(weighed)
    if not SHELL_MINIMUM <= weighed <= SHELL_MAXIMUM:
        raise UnsafeInputError(
            option,
            given,
            code="capsule-shell-weight-implausible",
            minimum=SHELL_MINIMUM,
            maximum=SHELL_MAXIMUM,
            example=typical or Quantity(76, MG),
        )
    if typical is not None and abs(weighed - typical) > typical * SHELL_DEVIATION:
        warnings.append(
            Message(
                code="capsule-shell-weight-unusual",
                concerns="shell_weight",
                params={
                    "shell_weight": weighed,
                    "given_as": option.removeprefix("--").replace("-", "_"),
                    "typical": typical,
                    "size": size.name,
                    "shell": material,
                },
            )
        )
    return weighed, source


def _from_table(table: Mapping[Any, Any], size: CapsuleSize, material: Shell) -> Qty | None:
    """The shell weight of ``size`` and ``material`` in a pharmacy's table (the profile's
    ``[shell_weights]``), ``None`` when it has none; a table of anything else is refused."""
    for key, sizes in table.items():
        masses = sizes.values() if isinstance(sizes, Mapping) else [sizes]
        if key not in SHELLS or not all(isinstance(m, Quantity) for m in masses):
            raise InputError("shell_weight", table, code="capsule-shell-weight-table")
    sizes = table.get(material)
    found = sizes.get(size.name) if isinstance(sizes, Mapping) else None
    return found if isinstance(found, Quantity) else None


def _dosage_form(written: str, material: Shell) -> str:
    """The record's dosage form, saying the shell material chosen when it names one."""
    return _DOSAGE_FORMS[material] if written in _DOSAGE_FORMS.values() else written


def _density(density: Qty) -> str:
    """A bulk density to three significant figures: ``305 mg/mL``, ``0.3 mg/mL`` (to whole
    mg/mL, 150 mcg in a 0.5 mL capsule read as 0 mg/mL)."""
    density = converted(density, MG / ML)
    return fq(density, max(0, 2 - density.magnitude.adjusted()))


def _does_not_fit(
    per_capsule: Qty,
    packing: Qty,
    shell: CapsuleSize,
    fill: Filler,
    fill_weight: object,
    catalog: Catalog,
) -> UnsafeInputError:
    """The error for an active powder that fills one capsule, or more than it holds, with the
    smallest size that holds it and filler (scaled by volume from the packing statistic used)."""
    # the same estimate, rounded the same way, as a run with --size would make
    per_volume = fill.bulk_density if fill_weight is None else packing / shell.volume
    holds = {s.name: _weight(per_volume * s.volume) for s in catalog.capsule_sizes}
    fits = [
        s
        for s in sorted(catalog.capsule_sizes, key=lambda s: s.volume)
        if holds[s.name] > per_capsule
    ]
    option, value = (
        ("fill_weight", fill_weight) if fill_weight is not None else ("size", shell.name)
    )
    return UnsafeInputError(
        option,
        value,
        code="capsule-does-not-fit",
        powder=_weight(per_capsule, 2),
        size=shell.name,
        packing=packing,
        filler=fill.name,
        over=per_capsule > packing,  # more than the capsule holds, or exactly as much
        fits=fits[0].name if fits else None,
        holds=holds[fits[0].name] if fits else None,
        weighed=fill_weight is not None,  # the fill weight weighed is for this size only
    )


def _amounts(
    record: Formulation,
    fill: Filler,
    active: Qty,
    drug: Qty,
    aliquot: AliquotPlan | None,
    tablets: int | None,
    filler_weight: Qty,
    form_name: str | None,
    tablet_strength: Qty | None,
) -> tuple[Amount, ...]:
    """What goes into the batch: the active powder (``active``, holding ``drug`` of
    naltrexone HCl; with an aliquot plan, delivered as its aliquot of mixture) and the filler.
    What is weighed to make an aliquot's mixture is the plan's, not these amounts."""
    amounts = []
    delivered = {"aliquot": aliquot.aliquot if aliquot is not None else None, "drug": drug}
    for item in record.ingredients:
        common = {"role": item.role, "function": item.function}
        if item.role == "active" and tablet_strength is None:
            name = form_name or item.name
            amounts.append(Amount(name=name, mass=active, **delivered, **common))
        elif item.role == "active":
            assert tablet_strength is not None
            name = f"Naltrexone HCl {fq(tablet_strength)} tablets"
            amounts.append(Amount(name=name, tablets=tablets, powder=active, **delivered, **common))
        elif item.role == "filler":
            amounts.append(Amount(name=fill.name, mass=filler_weight, **common))
    return tuple(amounts)
