"""What sublingual drops' calculation says: steps, notes and the form's document parts as
records (codes and figures; the words are in :mod:`ldncalc.locale.drops`)."""

from __future__ import annotations

from decimal import Decimal

from ldncalc.dosage_form import FormDocuments
from ldncalc.forms import row
from ldncalc.formulations import Spare
from ldncalc.messages import Message, Step
from ldncalc.preparations.drops import compute
from ldncalc.preparations.drops.result import DropsResult
from ldncalc.units import DIMENSIONLESS, ML, Qty, Quantity


def concentration_step(dose: Qty, drops: int, drop: Qty, concentration: Qty) -> Step:
    return Step(
        code="drops-concentration",
        params={"dose": dose, "drops": drops, "drop": drop, "concentration": concentration},
    )


def drops_step(dose: Qty, concentration: Qty, drop: Qty, exact: Decimal, drops: int) -> Step:
    return Step(
        code="drops-count",
        params={
            "dose": dose,
            "concentration": concentration,
            "drop": drop,
            "exact": exact,
            "drops": drops,
        },
    )


def dose_step(drops: int, drop: Qty, concentration: Qty, exact: Qty, measured: Qty) -> Step:
    """The dose measured, ``exact`` (the product) rounded to ``measured`` (3 figures)."""
    return Step(
        code="drops-dose",
        params={
            "drops": drops,
            "drop": drop,
            "concentration": concentration,
            "exact": exact,
            "dose": measured,
        },
    )


def for_doses_step(dose_volume: Qty, per_day: int, days: int, for_doses: Qty) -> Step:
    return Step(
        code="drops-for-doses",
        params={"dose_volume": dose_volume, "per_day": per_day, "days": days, "volume": for_doses},
    )


def spare_step(dose_volume: Qty, for_doses: Qty, spare: Qty, record: Spare) -> Step:
    return Step(
        code="drops-spare",
        params={
            "dose_volume": dose_volume,
            "for_doses": for_doses,
            "spare": spare,
            "doses": record.doses,
            "percent": record.percent,
        },
    )


def dispensed_step(for_doses: Qty, spare: Qty, step: Qty, dispensed: Qty) -> Step:
    return Step(
        code="drops-dispensed",
        params={"for_doses": for_doses, "spare": spare, "step": step, "volume": dispensed},
    )


def batch_step(least: Qty, factor: Decimal, concentration: Qty, step: Qty, batch: Qty) -> Step:
    return Step(
        code="drops-batch",
        params={
            "minimum": least,
            "factor": factor,
            "concentration": concentration,
            "step": step,
            "volume": batch,
        },
    )


def drug_step(batch: Qty, concentration: Qty, drug: Qty) -> Step:
    return Step(
        code="drops-drug", params={"volume": batch, "concentration": concentration, "drug": drug}
    )


def powder_step(drug: Qty, factor: Decimal, powder: Qty) -> Step:
    return Step(code="drops-powder", params={"drug": drug, "factor": factor, "powder": powder})


def batch_note(batch: Qty, dispensed: Qty, least: Qty) -> Message:
    """More is made than dispensed: the powder for the bottle alone is below the minimum
    weighable quantity (docs/basis.md §8)."""
    return Message(
        code="drops-batch-larger",
        concerns="balance_sensitivity",
        params={"batch": batch, "dispensed": dispensed, "minimum": least},
    )


def supply_warning(
    doses: int, per_day: int, bud_days: int, step: Qty, alternatives: tuple[tuple[str, int], ...]
) -> Message | None:
    """The bottle holds more doses than are taken before its BUD (the volume dispensed is
    made up to a multiple of ``step``): warned as a liquid's, the rest discarded at the BUD,
    or a formulation with a longer BUD (``alternatives``: id and BUD days)."""
    if doses <= bud_days * per_day:
        return None
    return Message(
        code="liquid-supply-outlasts-bud",
        concerns="days",
        params={
            "doses": doses, "doses_per_day": per_day, "bud": bud_days, "fix": "discard-step",
            "step": step, "alternatives": alternatives,
        },
    )  # fmt: skip


def documents(result: DropsResult) -> FormDocuments:
    """The label's, record's and screen's parts only drops have."""
    # to the concentration's 3 figures, as the dose (6.67 mg/mL × 0.05 mL = 0.334 mg)
    per_drop = compute.measured_dose(1, result.drop_volume, result.concentration, result.target)
    common = {
        "concentration": result.concentration,
        "per_drop": per_drop,
        "drops": result.drops,
        "dose": result.dose_measured,
    }
    factors = [
        row("drop-volume", value=result.drop_volume),
        row("drops", "drops-value", drops=result.drops),
        row(
            "concentration",
            "drops-value",
            concentration=result.concentration,
            maximum=result.concentration_maximum,
        ),
        row(
            "dose",
            "drops-value",
            target=result.target,
            dose=result.dose_measured,
            deviation=result.dose_deviation.magnitude,
        ),
        row("api", form=result.api_form, assay=result.assay),
        row("factor", count=result.api_factor),
        row("minimum-weighable", value=result.minimum_weighable),
        row("for-doses", value=result.doses_volume, doses=result.doses),
        row("spare", value=result.spare),
        row("dispensed", value=result.final_volume),
        row("batch", value=result.batch_volume),
    ]
    return FormDocuments(
        title=Message(
            code="drops-title",
            params={**common, "target": result.target, "per_day": result.doses_per_day},
        ),
        drug=Message(code="drops-label-drug", params=common),
        quantity=Message(code="drops-quantity", params={"volume": result.final_volume}),
        made=Message(code="drops-quantity", params={"volume": result.batch_volume}),
        directions=Message(
            code="drops-directions",
            params={
                "drops": result.drops,
                "dose": result.dose_measured,
                "per_day": result.doses_per_day,
            },
        ),
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
            Message(
                code="drops-dose-line",
                params={**common, "target": result.target, "drop": result.drop_volume},
            ),
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
            Message(
                code="form-check",
                params={
                    "name": "calibration",
                    "value": result.drop_volume,
                    "expected": (Quantity(1, ML) / result.drop_volume).to(DIMENSIONLESS).magnitude,
                },
            ),
            Message(code="form-check", params={"name": "appearance"}),
        ),
    )
