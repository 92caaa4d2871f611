"""A titration described: the calculation steps, warnings and notes of a plan, as records.

(Sequences in the parameters are tuples: a record's own, as it reads them back from JSON.)

The numbers come from :mod:`ldncalc.titration.liquid` and :mod:`ldncalc.titration.capsules`;
this module turns them into :class:`~ldncalc.messages.Step` and
:class:`~ldncalc.messages.Message` records (codes and parameters, no words: the words are in
:mod:`ldncalc.locale.titration`).
"""

from __future__ import annotations

from collections.abc import Sequence

from ldncalc.formulations import Formulation
from ldncalc.messages import Message, Step, record_text
from ldncalc.preparations.liquid.describe import final_volume
from ldncalc.titration.capsules import MAX_CAPSULES_PER_DOSE, REGULAR_DOSE, CapsulePlan
from ldncalc.titration.liquid import LiquidPlan, formulation_id
from ldncalc.titration.models import CapsuleCount
from ldncalc.titration.protocols import Protocol
from ldncalc.units import Qty

# --- both forms -------------------------------------------------------------------------------


def protocol_note(protocol: Protocol) -> Message | None:
    """The protocol's own note (its source's advice), in the languages it is written in."""
    if not protocol.note:
        return None
    return record_text(protocol.note, protocol.fr.note if protocol.fr else None)


def protocol_concentration_note(protocol: Protocol) -> Message:
    """The note that a liquid is made at the concentration its protocol's source uses."""
    return Message(
        code="titration-protocol-concentration",
        params={"concentration": protocol.concentration, "protocol": protocol.id},
        concerns="concentration",
    )


def fills_note(code: str, days: int, bud_days: int, fills: int) -> Message | None:
    """The note that a schedule longer than the BUD is made in ``fills`` fills (``code``:
    ``titration-liquid-fills`` or ``titration-capsule-fills``); ``None`` for one fill."""
    if fills <= 1:
        return None
    return Message(code=code, params={"days": days, "bud": bud_days, "fills": fills})


# --- an oral liquid ---------------------------------------------------------------------------


def concentration_chosen_note(plan: LiquidPlan) -> Message | None:
    """The note that a concentration other than the record's default was chosen, and why
    (how many steps the default measures unreliably; ``None`` in the params: none exactly)."""
    if not plan.chosen or plan.concentration == plan.default:
        return None
    return Message(
        code="titration-concentration-chosen",
        params={
            "concentration": plan.concentration,
            "default": plan.default,
            "unreliable": plan.unreliable_at_default,
        },
        concerns="concentration",
    )


def unreliable_warning(plan: LiquidPlan, record: Formulation) -> Message | None:
    """The warning for steps whose volume is below what its syringe measures reliably, with
    the fix: a listed concentration that measures every step reliably, else each of those
    steps made as its own liquid."""
    if not plan.unreliable:
        return None
    return Message(
        code="titration-volume-unreliable",
        params={
            "volumes": plan.unreliable_volumes,
            "concentration": plan.concentration,
            "better": plan.better,
            "own": plan.own,
            "formulation": formulation_id(record),
        },
        concerns="concentration",
    )


def fill_notes(plan: LiquidPlan) -> list[Message]:
    """For each fill made up to what a graduated cylinder reads (not its exact volume), the
    fill's number before :func:`~ldncalc.preparations.liquid.describe.final_volume`'s own
    note, as one record."""
    notes = []
    for fill in plan.fills:
        if fill.volume.magnitude == fill.exact_volume.magnitude:  # both in mL
            continue
        _, made_up = final_volume(
            fill.tablets,
            plan.strength,
            plan.concentration,
            at_least=fill.volume_taken + fill.spare_minimum,
        )
        assert made_up is not None
        notes.append(
            Message(
                code="titration-fill-note",
                params={"fill": fill.number, "note": made_up.code, **made_up.params},
            )
        )
    return notes


def liquid_steps(plan: LiquidPlan, record: Formulation, days: int) -> list[Step]:
    """The calculation: each step's volume, each fill's drug, spare, tablets and volume, and
    the totals."""
    conc, strength, spare = plan.concentration, plan.strength, record.spare
    calculation = [
        Step(
            code="titration-step-volume",
            params={
                "step": number,
                "dose": step.phase.dose,
                "concentration": conc,
                "volume": step.volume,
                "syringe": step.syringe.name,
                "capacity": step.syringe.capacity,
                "graduation": step.syringe.graduation,
            },
        )
        for number, step in enumerate(plan.steps, 1)
    ]
    for fill in plan.fills:
        taken, number = fill.volume_taken, fill.number
        calculation += [
            Step(
                code="titration-fill-drug",
                params={
                    "fill": number,
                    "doses": tuple((phase.dose, days) for phase, days in fill.taken_doses),
                    "drug": fill.drug_taken,
                },
            ),
            Step(
                code="titration-fill-spare",
                params={
                    "fill": number,
                    "doses": spare.doses,
                    "percent": spare.percent,
                    "by_doses": fill.spare_by_doses,
                    "by_percent": fill.spare_by_percent,
                    "taken": taken,
                    "spare": fill.spare_minimum,
                },
            ),
            Step(
                code="titration-fill-tablets",
                params={
                    "fill": number,
                    "taken": taken,
                    "spare": fill.spare_minimum,
                    "concentration": conc,
                    "tablet_strength": strength,
                    "exact": fill.exact_tablets,
                    "tablets": fill.tablets,
                },
            ),
            Step(
                code="titration-fill-volume",
                params={
                    "fill": number,
                    "tablets": fill.tablets,
                    "tablet_strength": strength,
                    "concentration": conc,
                    "volume": fill.volume,
                    "taken": taken,
                    "spare": fill.spare,
                },
            ),
        ]
    calculation.append(
        Step(
            code="titration-totals",
            params={
                "tablets": plan.tablets,
                "volume": plan.total_volume,
                "drug": plan.drug_taken,
                "days": days,
            },
        )
    )
    return calculation


# --- capsules ---------------------------------------------------------------------------------


def one_capsule_note(plan: CapsulePlan, days: int) -> Message | None:
    """The note that the target is one capsule, for a long maintenance."""
    if plan.single is None or plan.single not in plan.strengths:
        return None
    last = plan.steps[-1].phase
    return Message(
        code="titration-target-one-capsule",
        params={"target": plan.single, "days": last.days, "total_days": days},
    )


def not_proven_fewest_warning(plan: CapsulePlan) -> Message | None:
    """The warning that the search ran out of budget: the strengths may not be the fewest."""
    if plan.fewest:
        return None
    return Message(
        code="titration-strengths-not-proven-fewest",
        params={"strengths": len(plan.strengths), "multiple": REGULAR_DOSE},
    )


def batch_notes(tablet_strength: Qty | None) -> list[Message]:
    """How each batch is made: one capsule command each, the net fill weight, and (capsules
    from crushed tablets) the tablets' weight."""
    notes = [
        Message(code="titration-batch-commands"),
        Message(code="titration-batch-net-fill-weight"),
    ]
    if tablet_strength is not None:
        notes.append(
            Message(
                code="titration-batch-tablet-weight",
                params={"tablet_strength": tablet_strength},
            )
        )
    return notes


def capsule_steps(plan: CapsulePlan) -> list[Step]:
    """The calculation: the strengths, each step's capsules, each strength's capsules over
    the schedule, and each fill's batches when there are several fills."""
    calculation = [
        Step(
            code="titration-capsule-strengths",
            params={
                "strengths": plan.strengths,
                "most_a_dose": MAX_CAPSULES_PER_DOSE,
                "single": plan.single,
            },
        )
    ]
    calculation += [
        Step(
            code="titration-step-capsules",
            params={"step": number, "dose": step.phase.dose, "capsules": _pairs(step.capsules)},
        )
        for number, step in enumerate(plan.steps, 1)
    ]
    for count in plan.totals:
        used = tuple(
            (c.count, step.phase.days)
            for step in plan.steps
            for c in step.capsules
            if c.strength.magnitude == count.strength.magnitude
        )
        calculation.append(
            Step(
                code="titration-strength-capsules",
                params={"strength": count.strength, "uses": used, "capsules": count.count},
            )
        )
    if len(plan.fills) > 1:
        calculation += [
            Step(
                code="titration-fill-capsules",
                params={"fill": fill.number, "capsules": _pairs(fill.capsules)},
            )
            for fill in plan.fills
        ]
    return calculation


def _pairs(combo: Sequence[CapsuleCount]) -> tuple[tuple[int, Qty], ...]:
    """The capsules of a dose or fill as message parameters: (count, strength) pairs."""
    return tuple((c.count, c.strength) for c in combo)
