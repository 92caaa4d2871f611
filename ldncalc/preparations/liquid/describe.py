"""What a liquid's calculation says: its steps, warnings and notes as records (code and
figures, no words; the words are in :mod:`ldncalc.locale.liquid`)."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import TYPE_CHECKING

from ldncalc.catalogs import Catalog
from ldncalc.formulations import Formulation, Library, Spare
from ldncalc.limits import Limits
from ldncalc.messages import Message, Step, coded
from ldncalc.models import Amount, LiquidResult
from ldncalc.preparations.dilution_plan import Device, DilutionPlan
from ldncalc.preparations.liquid.compute import (
    Measure,
    _max_deviation,
    exact_volume_ml,
    made_up_ml,
    measure_ml,
    spare_ml,
    volume_ml,
)
from ldncalc.preparations.weighing import minimum_weighable
from ldncalc.quantities import like, magnitude, quantity
from ldncalc.units import MCG, MG, MG_PER_ML, ML, Qty, Quantity

if TYPE_CHECKING:
    from ldncalc.dosage_form import Block, FormDocuments, Grid


def mass_unit(mass: Qty) -> Qty:
    """``mass`` in mcg below 1 mg (ISMP: 25 mcg, not 0.025 mg), else in mg."""
    return mass.to(MCG) if mass < Quantity(1, MG) else mass.to(MG)


def syringe_params(syringe: object, prefix: str = "") -> dict[str, object]:
    """A syringe (or cylinder) as message parameters: its catalog name, capacity and marks."""
    return {
        f"{prefix}syringe": syringe.name,  # type: ignore[attr-defined]
        f"{prefix}capacity": syringe.capacity,  # type: ignore[attr-defined]
        f"{prefix}graduation": syringe.graduation,  # type: ignore[attr-defined]
    }


def off_marks_warning(found: Measure, calculated: Qty) -> Message:
    """A dose volume rounded to the syringe's marks, and by how much."""
    return coded(
        Message,
        code="dose-off-syringe-marks",
        concerns="target",
        params={
            "calculated": calculated,
            "measured": found.volume,
            "deviation": found.deviation_percent,
            **syringe_params(found.syringe),
        },
    )


def unreliable_warning(found: Measure, dose: Qty, record: Formulation, catalog: Catalog) -> Message:
    """The warning for a dose volume below what its syringe measures reliably (docs/basis.md
    §7), with the fix: the listed concentrations that measure ``dose`` reliably, or else a
    serial dilution (of tablets: a record from API powder has none, ``source`` says so)."""
    assert record.concentration is not None
    better = [
        c
        for c in record.concentration.listed
        if (m := measure_ml(volume_ml(dose, c), catalog, _max_deviation(record))) is not None
        and m.reliable
    ]
    return coded(
        Message,
        code="dose-volume-unreliable",
        concerns="concentration",
        params={
            "volume": found.volume,
            "minimum": found.syringe.reliable_minimum,
            "better": tuple(better),
            "source": record.source,
            **syringe_params(found.syringe),
        },
    )


def chosen_note(chosen: Qty, default: Qty, dose: Qty, at_default: Measure | None) -> Message:
    """Why a listed concentration other than the default is made."""
    params: dict[str, object] = {
        "concentration": chosen,
        "default": default,
        "volume": quantity(volume_ml(dose, default), ML),
    }
    if at_default is None:
        params["why"] = "no-syringe"
    elif not at_default.reliable:
        params.update(
            why="unreliable",
            minimum=at_default.syringe.reliable_minimum,
            **syringe_params(at_default.syringe),
        )
    else:
        params.update(why="rounded", measured=at_default.volume)
    return coded(Message, code="concentration-chosen", concerns="concentration", params=params)


def final_volume(
    tablets: int, strength: Qty, conc: Qty, *, at_least: Qty | None = None
) -> tuple[Qty, Message | None]:
    """The final volume of ``tablets`` of ``strength`` at ``conc`` (:func:`made_up_volume`)
    and the note that says it is made up to what a graduated cylinder reads, with the
    concentration that makes (``None`` when it is the exact volume). Also used by each fill
    of a titration."""
    strength_mg = magnitude(strength, MG)
    exact = exact_volume_ml(tablets, strength_mg, magnitude(conc, MG_PER_ML))
    rounded = made_up_ml(exact, None if at_least is None else magnitude(at_least, ML))
    note = None if rounded == exact else made_up_note(exact, rounded, strength_mg * tablets, conc)
    return quantity(rounded, ML), note


def made_up_note(exact_ml: Decimal, rounded_ml: Decimal, drug_mg: Decimal, conc: Qty) -> Message:
    """The note that the final volume is made up to ``rounded_ml``, what a graduated cylinder
    reads, from the ``exact_ml`` the tablets (``drug_mg``) make at ``conc``, with the
    concentration that makes (in ``conc``'s unit)."""
    made = quantity(drug_mg / rounded_ml, MG_PER_ML)
    return coded(
        Message,
        code="final-volume-made-up",
        params={
            "exact": quantity(exact_ml, ML),
            "rounded": quantity(rounded_ml, ML),
            "concentration": like(made, conc),
        },
    )


def dose_volume_step(dose: Qty, conc: Qty, calculated: Qty) -> Step:
    return coded(
        Step,
        code="dose-volume",
        params={"dose": dose, "concentration": conc, "dose_volume": calculated},
    )


def tablets_for_volume_step(final_volume: Qty, conc: Qty, strength: Qty, tablets: int) -> Step:
    return coded(
        Step,
        code="tablets-for-volume",
        params={
            "final_volume": final_volume,
            "concentration": conc,
            "tablet_strength": strength,
            "tablets": tablets,
        },
    )


def volume_for_doses_step(dose_volume: Qty, per_day: int, days: int, for_doses: Qty) -> Step:
    return coded(
        Step,
        code="volume-for-doses",
        params={
            "dose_volume": dose_volume,
            "doses_per_day": per_day,
            "days": days,
            "volume": for_doses,
        },
    )


def supply_steps(
    *,
    for_doses: Qty,
    least_spare: Qty,
    conc: Qty,
    needed: Qty,
    strength: Qty,
    exact_tablets: Decimal,
    tablets: int,
    final_volume: Qty,
) -> list[Step]:
    """The steps from the volume of the doses to the final volume: drug, tablets, volume."""
    return [
        coded(
            Step,
            code="drug-needed",
            params={
                "for_doses": for_doses,
                "spare": least_spare,
                "concentration": conc,
                "drug": needed,
            },
        ),
        coded(
            Step,
            code="tablets-needed",
            params={
                "drug": needed,
                "tablet_strength": strength,
                "exact": exact_tablets,
                "tablets": tablets,
            },
        ),
        coded(
            Step,
            code="final-volume",
            params={
                "tablets": tablets,
                "tablet_strength": strength,
                "concentration": conc,
                "final_volume": final_volume,
            },
        ),
    ]


def spare_step(dose_volume: Qty, for_doses: Qty, least: Qty, spare: Spare) -> Step:
    """The calculation step of the spare on top of ``for_doses`` (the volume of the doses)."""
    return coded(
        Step,
        code="spare",
        params={
            "spare_doses": spare.doses,
            "spare_doses_volume": quantity(magnitude(dose_volume, ML) * spare.doses, ML),
            "percent": spare.percent,
            "for_doses": for_doses,
            "share": quantity(magnitude(for_doses, ML) * spare.percent / 100, ML),
            "spare": least,
        },
    )


def doses_step(
    volume: Qty, dose_volume: Qty, doses: int, spare: Spare, least: Qty | None = None
) -> Step:
    """The calculation step of the whole doses ``volume`` holds with its spare (``least``:
    :func:`spare_for` those doses, when it is computed already)."""
    dose_ml = magnitude(dose_volume, ML)
    least_ml = spare_ml(dose_ml, doses, spare) if least is None else magnitude(least, ML)
    return coded(
        Step,
        code="doses-in-bottle",
        params={
            "doses": doses,
            "dose_volume": dose_volume,
            "spare": quantity(least_ml, ML) if least is None else least,
            "used": quantity(dose_ml * doses + least_ml, ML),
            "volume": volume,
        },
    )


def spare_warning(
    volume: Qty, dose_volume: Qty, doses: int, per_day: int, bud_days: int, record: Formulation
) -> Message | None:
    """For a ``volume`` that would hold more doses (up to the BUD) only without the record's
    spare: how much to add for them, and the days that make it (``None`` if none)."""
    usable = bud_days * per_day
    volume_ml, dose_ml = magnitude(volume, ML), magnitude(dose_volume, ML)
    full = min(math.floor(volume_ml / dose_ml), usable)
    if min(doses, usable) >= full:
        return None
    least_ml = spare_ml(dose_ml, full, record.spare)
    return coded(
        Message,
        code="volume-spare-short",
        concerns="volume",
        params={
            "volume": volume,
            "dose_volume": dose_volume,
            "full": full,
            "left": quantity(volume_ml - dose_ml * full, ML),
            "least": quantity(least_ml, ML),
            "doses": doses,
            "add": quantity(dose_ml * full + least_ml - volume_ml, ML),
            "days": math.ceil(full / per_day),
        },
    )


def weighing_warnings(
    amounts: tuple[Amount, ...], sensitivity: Qty, limits: Limits, record: Formulation
) -> list[Message]:
    """A warning for each excipient mass below the minimum weighable quantity of a balance of
    ``sensitivity`` (docs/basis.md §8), with the fix: weigh more and take an aliquot of a
    solution, or make a larger volume."""
    weighed = [a for a in amounts if a.role == "excipient" and a.mass is not None]
    if not weighed:
        return []
    minimum = minimum_weighable(sensitivity, limits.weighing_error_maximum)
    return [
        coded(
            Message,
            code="liquid-excipient-below-minimum-weighable",
            concerns="balance_sensitivity",
            params={
                "mass": a.mass,
                "name": record.ingredient_text(a.name),
                "diluent": a.diluent,
                "minimum": minimum,
                "sensitivity": sensitivity,
                "error": limits.weighing_error_maximum,
            },
        )
        for a in weighed
        if a.mass < minimum
    ]


def supply_warning(
    *,
    doses: int,
    per_day: int,
    bud_days: int,
    fix: str,
    alternatives: tuple[tuple[str, int], ...] = (),
) -> Message | None:
    """The warning when the bottle holds more doses than can be taken before its BUD, with
    the ``fix`` (``fewer-days``, ``smaller-volume``, ``discard``…) and the formulations with a
    longer BUD (``alternatives``: id and BUD days)."""
    if doses <= bud_days * per_day:
        return None
    return coded(
        Message,
        code="liquid-supply-outlasts-bud",
        concerns="volume" if fix == "smaller-volume" else "days",
        params={
            "doses": doses,
            "doses_per_day": per_day,
            "bud": bud_days,
            "fix": fix,
            "alternatives": alternatives,
        },
    )


def supply_fix(
    record: Formulation, library: Library, bud_days: int, days: int | None
) -> tuple[str, tuple[tuple[str, int], ...]]:
    """How to avoid discarding doses: ask for fewer days (or a smaller volume), or use a
    formulation with a longer BUD; whole tablets can leave a remainder all the same."""
    if days is None:
        fix = "smaller-volume"
    elif days > bud_days:
        fix = "fewer-days"
    else:
        fix = "discard"
    return fix, library.keeping_longer("liquid", bud_days, record.id)


def dilution_steps(
    plan: DilutionPlan,
    *,
    doses_per_day: int,
    days: int,
    least_spare: Qty,
    tablets: int,
    strength: Qty,
    stock_volume: Qty,
    spare: Spare,
    held: int,
) -> list[Step]:
    """The calculation of a serial dilution: dose volume, volume for the doses, spare, the
    stock, each dilution (C1 × V1 = C2 × V2), what is dispensed and the doses it holds."""
    for_doses_ml = magnitude(plan.dose_volume, ML) * doses_per_day * days
    for_doses = quantity(for_doses_ml, ML)
    return [
        coded(
            Step,
            code="dilution-dose-volume",
            params={
                "dose": mass_unit(plan.dose),
                "concentration": plan.concentration,
                "dose_volume": plan.dose_volume,
            },
        ),
        volume_for_doses_step(plan.dose_volume, doses_per_day, days, for_doses),
        spare_step(plan.dose_volume, for_doses, least_spare, spare),
        coded(
            Step,
            code="dilution-stock",
            params={
                "tablets": tablets,
                "tablet_strength": strength,
                "concentration": plan.stock_concentration,
                "volume": stock_volume,
                "drawn": plan.stock_drawn,
                "reserve": plan.stock_reserve,
            },
        ),
        *(
            coded(
                Step,
                code="dilution-step",
                params={
                    "number": s.number,
                    "factor": s.factor,
                    "from_concentration": s.from_concentration,
                    "aliquot": s.aliquot,
                    "concentration": s.concentration,
                    "final_volume": s.final_volume,
                    "drug": mass_unit(s.drug),
                },
            )
            for s in plan.steps
        ),
        coded(
            Step,
            code="dilution-dispensed",
            params={
                "volume": plan.dispensed_volume,
                "for_doses": for_doses,
                "spare": least_spare,
                "least": quantity(for_doses_ml + magnitude(least_spare, ML), ML),
            },
        ),
        doses_step(plan.dispensed_volume, plan.dose_volume, held, spare),
    ]


def dilution_notes(plan: DilutionPlan, formulation: str) -> list[Message]:
    """Why the dose is diluted, and how the stock and dilutions are made and used."""
    return [
        coded(
            Message,
            code="dilution-needed",
            concerns="target",
            params={
                "dose": mass_unit(plan.dose),
                "formulation": formulation,
                "steps": len(plan.steps),
                "concentration": plan.concentration,
            },
        ),
        coded(
            Message,
            code="dilution-same-day",
            params={
                "volume": plan.dispensed_volume,
                "dilution": plan.steps[-1].number,
                "several": len(plan.steps) > 1,
            },
        ),
    ]


def diluted_method(
    record: Formulation, plan: DilutionPlan, diluent_made: Qty | None
) -> tuple[Message | str, ...]:
    """The record's method (its own text) followed by the stock, diluent, dilution and
    filling steps, as records (the words: ldncalc/locale/liquid.py)."""
    others = [i for i in record.ingredients if i.role != "active"]
    # what dilutes: the vehicle when it is all there is besides the drug, else the whole
    # vehicle made without the tablets (dilution.diluent_of)
    alone = len(others) == 1
    named = others[0].name if alone else record.name
    french = None
    if record.fr is not None:
        french = record.fr.ingredients.get(named) if alone else record.fr.name
    diluent = {"diluent": named, "diluent_fr": french, "without_tablets": not alone}
    last = plan.steps[-1]
    made = (
        (coded(Message, code="liquid-method-make-diluent", params={"volume": diluent_made}),)
        if diluent_made is not None
        else ()
    )
    dilutions = tuple(
        coded(
            Message,
            code="liquid-method-dilution",
            params={
                "number": s.number,
                "aliquot": s.aliquot,
                "from_concentration": s.from_concentration,
                "aliquot_syringe": s.aliquot_device.name,
                "aliquot_capacity": s.aliquot_device.capacity,
                "aliquot_graduation": s.aliquot_device.graduation,  # two 5 mL syringes differ
                "diluent_volume": s.diluent_volume,
                "diluent_syringe": s.diluent_device.name,
                "diluent_capacity": s.diluent_device.capacity,
                "diluent_graduation": s.diluent_device.graduation,
                "final_volume": s.final_volume,
                "concentration": s.concentration,
                **diluent,
            },
        )
        for s in plan.steps
    )
    container = {
        "container": record.container,
        "container_fr": record.fr.container if record.fr is not None else None,
    }
    fill = coded(
        Message,
        code="liquid-method-fill",
        params={
            **container,
            "volume": plan.dispensed_volume,
            "number": last.number,
            "concentration": plan.concentration,
        },
    )
    return (
        *record.method,
        coded(Message, code="liquid-method-keep-stock"),
        *made,
        *dilutions,
        fill,
    )


def documents(result: LiquidResult) -> FormDocuments:
    """The parts of the label, record and screen only liquids from tablets have, as records
    (their words are in :mod:`ldncalc.locale.liquid`): with a serial dilution, what goes into
    the bottle, the stock and each dilution on the screen, the stock and last dilution made and
    the dilutions' table on the record."""
    from ldncalc.dosage_form import FormDocuments  # built when documents are asked for

    path, plan = result.formulation.path, result.dilution
    volume = Message(code="liquid-quantity", params={"value": result.final_volume})
    return FormDocuments(
        title=Message(
            code="liquid-title",
            params={
                "concentration": result.concentration,
                "form": result.dosage_form,
                "path": path,
                "target": result.target,
                "per_day": result.doses_per_day,
            },
        ),
        drug=Message(
            code="liquid-label-drug",
            params={
                "concentration": result.concentration,
                "form": result.dosage_form,
                "path": path,
            },
        ),
        quantity=volume,
        made=volume,
        directions=Message(
            code="liquid-directions",
            params={
                "volume": result.dose_volume,
                "dose": result.dose_measured,
                "per_day": result.doses_per_day,
            },
        ),
        lines=_screen_lines(result),
        factors=tuple(m for pair in _factors(result) for m in pair),
        measured=(
            ()
            if plan is not None
            else (
                _record("volume-check", volume=result.final_volume),
                _phrase("appearance"),
            )
        ),
        weigh=_dilution_blocks(result, plan, path) if plan is not None else (),
        dispensed=(
            _record(
                "dispensed",
                volume=result.final_volume,
                concentration=plan.concentration,
                drug=plan.dispensed_drug,
            )
            if plan is not None
            else None
        ),
        made_rows=_made(result, plan) if plan is not None else (),
        sections=(_dilutions(plan, result.doses, path),) if plan is not None else (),
        checks=(_dilution_volumes(result, plan),) if plan is not None else (),
        passes=(_phrase("labelled_dilutions"),) if plan is not None else (),
        widths=() if plan is not None else (40, 60),
    )


def _phrase(name: str, index: int | None = None) -> Message:
    return Message(code="liquid-phrase", params={"name": name, "index": index})


def _record(name: str, **params: object) -> Message:
    return Message(code="liquid-record", params={"name": name, **params})


def _screen_lines(result: LiquidResult) -> tuple[Message, ...]:
    """What to make, the bottle's volume (the doses, the spare, the final volume), the dose
    and the supply."""

    def bottle(line: str, **params: object) -> Message:
        return Message(code="liquid-bottle", params={"line": line, **params})

    return (
        Message(
            code="liquid-make",
            params={
                "volume": result.final_volume,
                "concentration": result.concentration,
                "drug": result.drug,
            },
        ),
        bottle("doses", volume=result.doses_volume, doses=result.doses, dose=result.dose_volume),
        bottle("spare", spare=result.spare, minimum=result.spare_minimum),
        bottle("final", volume=result.final_volume),
        Message(
            code="liquid-dose-line",
            params={
                "target": result.target,
                "volume": result.dose_volume,
                "measured": result.dose_measured,
                "syringe": result.syringe.name,
                "capacity": result.syringe.capacity,
                "graduation": result.syringe.graduation,
            },
        ),
        Message(
            code="supply-line",
            params={
                "days": result.days_supply,
                "per_day": result.doses_per_day,
                "count": result.doses,
                "noun": "dose",
                "container": "bottle",
            },
        ),
    )


def _dilution_blocks(result: LiquidResult, plan: DilutionPlan, path: str) -> tuple[Block, ...]:
    """A serial dilution on the screen: what goes into the bottle first, then what is weighed
    for the stock (not dispensed) and any diluent, then each dilution."""
    from ldncalc.dosage_form import Block  # built when documents are asked for

    def heading(name: str, **params: object) -> Message:
        return Message(code="liquid-screen-heading", params={"name": name, **params})

    into = Message(
        code="liquid-into-bottle",
        params={
            "volume": plan.dispensed_volume,
            "number": plan.steps[-1].number,
            "concentration": plan.concentration,
            "drug": plan.dispensed_drug,
        },
    )
    steps = tuple(Message(code="liquid-dilution-step", params={"step": s}) for s in plan.steps)
    return (
        Block(heading("into-bottle"), (into,)),
        Block(heading("weigh-stock"), result.ingredients),
        Block(heading("dilute", diluent=plan.diluent_text or plan.diluent, path=path), (), steps),
    )


def _stock_volume(result: LiquidResult) -> Qty | None:
    """The volume of stock a diluted liquid starts from: what its vehicle is made up to (the
    stock's, not the diluent vehicle's)."""
    return next(
        (item.qs_to for item in result.ingredients if item.qs_to is not None and not item.diluent),
        None,
    )


def _made(result: LiquidResult, plan: DilutionPlan) -> tuple[tuple[Message, Message], ...]:
    """A serial dilution's quantities made: the stock (and what is drawn of it), the last
    dilution (all of it dispensed)."""
    last = _record("at", volume=plan.final_volume, concentration=plan.concentration)
    stock = _stock_volume(result)
    made = ((_phrase("last_dilution"), last),)
    if stock is None:
        return made
    drawn = _record(
        "stock", volume=stock, concentration=plan.stock_concentration, drawn=plan.stock_drawn
    )
    return ((_phrase("stock_made"), drawn), *made)


def _measured(volume: Qty, device: Device) -> Message:
    kind = "cylinder" if "cylinder" in device.name else "syringe"
    params = {"volume": volume, "device": device.name, "kind": kind, "capacity": device.capacity}
    params["graduation"] = device.graduation
    return _record("device", **params)


def _dilutions(plan: DilutionPlan, doses: int, path: str) -> Grid:
    """Each dilution of the stock (docs/basis.md §8: C1 × V1 = C2 × V2), with blank cells for
    the volumes drawn and added, then the bottle filled from the last one."""
    from ldncalc.dosage_form import Grid  # built when documents are asked for

    rows: list[tuple[Message | None, ...]] = []
    for step in plan.steps:
        rows.append(
            (
                _record(
                    "dilution",
                    number=step.number,
                    factor=step.factor,
                    concentration=step.from_concentration,
                ),
                _measured(step.aliquot, step.aliquot_device),
                None,
                _measured(step.diluent_volume, step.diluent_device),
                None,
                _record("at", volume=step.final_volume, concentration=step.concentration),
            )
        )
    rows.append(
        (
            _record("fill", concentration=plan.concentration),
            Message(code="liquid-quantity", params={"value": plan.dispensed_volume}),
            None,
            _phrase("not_applicable"),
            _phrase("not_applicable"),
            _record("doses", doses=doses),
        )
    )
    return Grid(
        _phrase("serial_dilution"),
        tuple(_phrase("dilution_header", index) for index in range(6)),
        tuple(rows),
        (28, 18, 10, 18, 10, 16),
        note=_record("diluent", diluent=plan.diluent_text or plan.diluent, path=path),
    )


def _dilution_volumes(result: LiquidResult, plan: DilutionPlan) -> Grid:
    """What is measured of a diluted liquid: the stock's volume, the volume in the bottle (of
    the last dilution, at its concentration) and the appearance."""
    from ldncalc.dosage_form import Grid  # built when documents are asked for

    rows: list[tuple[Message | None, ...]] = []
    stock = _stock_volume(result)
    if stock is not None:
        at = _record("at", volume=stock, concentration=plan.stock_concentration)
        rows.append((_phrase("stock_volume"), at, None))
    at = _record("at", volume=plan.dispensed_volume, concentration=plan.concentration)
    rows += [
        (_phrase("volume_dispensed"), at, None),
        (_phrase("appearance"), _phrase("not_applicable"), None),
    ]
    return Grid(
        None, tuple(_phrase("expected_measured", index) for index in range(3)), tuple(rows),
        (40, 30, 30),
    )  # fmt: skip


def _factors(result: LiquidResult) -> list[tuple[Message, Message]]:
    """The record's factors of a liquid: the stock's and the bottle's concentrations, the
    tablets, the dose (rounded to a syringe mark: from what), the syringe, the supply and the
    bottle's volume (docs/basis.md §3: the doses, the spare on top, the final volume)."""

    def volume(value: Qty) -> Message:
        return Message(code="liquid-quantity", params={"value": value})

    rows: list[tuple[Message, Message]] = []
    if result.dilution is not None:
        rows.append((_phrase("stock_concentration"), volume(result.dilution.stock_concentration)))
    rows += [
        (_phrase("concentration"), volume(result.concentration)),
        (_phrase("tablet_strength"), volume(result.tablet_strength)),
    ]
    if result.dose_measured != result.target:  # rounded to a syringe mark: say from what
        rounded = _record(
            "rounded",
            dose=result.target,
            measured=result.dose_measured,
            deviation=result.dose_deviation,
        )
        rows.append((_phrase("dose_prescribed"), rounded))
    syringe = result.syringe
    kind = "cylinder" if "cylinder" in syringe.name else "syringe"
    device = {
        "name": syringe.name, "kind": kind, "capacity": syringe.capacity,
        "graduation": syringe.graduation,
    }  # fmt: skip
    return [
        *rows,
        (_phrase("dose"), _record("dose", volume=result.dose_volume, dose=result.dose_measured)),
        (_phrase("syringe"), Message(code="measuring-device", params=device)),
        (_phrase("supply"), _record("supply", doses=result.doses, days=result.days_supply)),
        (
            _phrase("volume_for_doses"),
            _record(
                "for-doses",
                volume=result.doses_volume,
                doses=result.doses,
                dose=result.dose_volume,
            ),
        ),
        (
            _phrase("spare"),
            _record("spare", volume=result.spare, minimum=result.spare_minimum),
        ),
        (_phrase("final_volume"), volume(result.final_volume)),
    ]
