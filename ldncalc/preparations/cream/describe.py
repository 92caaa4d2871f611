"""What a cream's calculation says: steps, warnings and the form's document parts as
records (codes and figures; the words are in :mod:`ldncalc.locale.cream`)."""

from __future__ import annotations

from decimal import Decimal

from ldncalc.dosage_form import FormDocuments
from ldncalc.forms import row
from ldncalc.messages import Message, Step
from ldncalc.preparations.cream.result import CreamResult
from ldncalc.units import Qty


def drug_step(quantity: Qty, strength: Qty, drug: Qty) -> Step:
    return Step(
        code="cream-drug", params={"quantity": quantity, "strength": strength, "drug": drug}
    )


def powder_step(drug: Qty, factor: Decimal, powder: Qty) -> Step:
    return Step(code="cream-powder", params={"drug": drug, "factor": factor, "powder": powder})


def excipient_step(name: Message, amount: Qty, per: Qty, quantity: Qty, mass: Qty) -> Step:
    return Step(
        code="cream-excipient",  # the name in every language the record gives
        params={"name": name, "amount": amount, "per": per, "quantity": quantity, "mass": mass},
    )


def base_step(quantity: Qty, others: Qty, base: Qty) -> Step:
    return Step(code="cream-base", params={"quantity": quantity, "others": others, "base": base})


def applications_step(quantity: Qty, dose: Qty, applications: int) -> Step:
    return Step(
        code="cream-applications",
        params={"quantity": quantity, "dose": dose, "applications": applications},
    )


def supply_warning(
    applications: int, per_day: int, bud: int, quantity: Qty | None, kept: int | None
) -> Message:
    """More applications than the BUD's days use: with the smaller ``quantity`` to make (the
    one that lasts the BUD, or the least that can be made, holding ``kept`` applications),
    or ``None`` when no smaller quantity can be made."""
    return Message(
        code="cream-supply-outlasts-bud",
        concerns="quantity",
        params={
            "applications": applications, "per_day": per_day, "bud": bud, "fix": quantity,
            "kept": kept,
        },
    )  # fmt: skip


def documents(result: CreamResult) -> FormDocuments:
    """The label's, record's and screen's parts only a cream has."""
    how = {
        "dose": result.dose,
        "drug": result.dose_drug,
        "pumps": result.pumps,
        "pump_volume": result.pump_volume,
        "per_day": result.doses_per_day,
    }
    factors = [
        row("strength", value=result.strength),
        row("dose", "cream-value", **how),
        row("api", form=result.api_form, assay=result.assay),
        row("factor", count=result.api_factor),
        row("minimum-weighable", value=result.minimum_weighable),
        row("applications", count=result.applications),
        row("total", value=result.quantity),
    ]
    return FormDocuments(
        title=Message(
            code="cream-title",
            params={"strength": result.strength, "quantity": result.quantity, **how},
        ),
        drug=Message(code="cream-label-drug", params={"strength": result.strength}),
        quantity=Message(code="cream-quantity", params={"quantity": result.quantity}),
        made=Message(code="cream-quantity", params={"quantity": result.quantity}),
        directions=Message(code="cream-directions", params=how),
        lines=(
            Message(
                code="cream-make",
                params={
                    "quantity": result.quantity,
                    "strength": result.strength,
                    "powder": result.api_weight,
                    "drug": result.drug,
                },
            ),
            Message(code="cream-dose-line", params=how),
            Message(
                code="cream-supply",
                params={
                    "days": result.days_supply,
                    "applications": result.applications,
                    "per_day": result.doses_per_day,
                },
            ),
        ),
        factors=tuple(m for pair in factors for m in pair),
        measured=(
            Message(code="form-check", params={"name": "total", "value": result.quantity}),
            Message(code="form-check", params={"name": "appearance"}),
        ),
        warnings=(Message(code="cream-external"),),
    )
