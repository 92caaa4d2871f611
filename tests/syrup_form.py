"""A dosage form made for tests/test_forms.py: an oral syrup, written as a new form is (its own
module, its own result class, its own record), to show that registering it is one line of
``ldncalc.forms.REGISTRY`` and nothing else. Deliberately simple arithmetic, not a preparation
to make: the dose volume at the record's default concentration, and the whole tablets that
hold every dose of the supply."""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from typing import Any, Literal

from ldncalc.bud import beyond_use
from ldncalc.dosage_form import FormDocuments, Supply
from ldncalc.formulations import load
from ldncalc.messages import Message, record_text
from ldncalc.models import Amount, FormulationUsed, Preparation
from ldncalc.quantities import Concentration, Mass, Volume
from ldncalc.units import DIMENSIONLESS, MASS, ML, Qty, parse_quantity


class SyrupResult(Preparation):
    """An oral syrup: the dose volume and the tablets for the supply."""

    kind: Literal["syrup"] = "syrup"
    target: Mass
    concentration: Concentration
    dose_volume: Volume
    tablets: int
    final_volume: Volume


def syrup(
    *, target: str, days: int, formulation: str, formulations_dir: str | os.PathLike[str]
) -> SyrupResult:
    record = load(formulations_dir).pick(formulation, "syrup", None)
    assert record.concentration is not None
    assert record.tablet_strength is not None
    dose = parse_quantity(target, option="--target", kinds=(MASS,))
    concentration = record.concentration.default
    bud = beyond_use(record.bud)
    tablets = math.ceil((dose * days / record.tablet_strength).to(DIMENSIONLESS).magnitude)
    final_volume = (tablets * record.tablet_strength / concentration).to(ML)
    active, vehicle = record.ingredients[0], record.ingredients[1]
    return SyrupResult(
        formulation=FormulationUsed.of(record),
        dosage_form=record.dosage_form,
        doses_per_day=1,
        days_supply=days,
        ingredients=(
            Amount(name=active.name, role=active.role, tablets=tablets),
            Amount(name=vehicle.name, role=vehicle.role, qs_to=final_volume),
        ),
        container=record.container,
        bud=bud,
        auxiliary_labels=record.auxiliary_labels,
        warnings=(),
        notes=(),
        steps=(),
        method=record.procedure,
        quality_checks=record.quality_checks,
        target=dose,
        concentration=concentration,
        dose_volume=(dose / concentration).to(ML),
        tablets=tablets,
        final_volume=final_volume,
    )


class SyrupForm:
    kind = "syrup"
    titration = False
    result = SyrupResult

    def calculate(self, **inputs: Any) -> SyrupResult:
        return syrup(**inputs)

    def dose_amounts(self, result: Preparation) -> tuple[Qty, ...]:
        assert isinstance(result, SyrupResult)
        return (result.dose_volume, result.target)

    def directions_counts(self, result: Preparation) -> Mapping[str, int]:
        return {}

    def drug(self, result: Preparation) -> Message:
        assert isinstance(result, SyrupResult)
        params = {"concentration": result.concentration, "form": result.dosage_form}
        return Message(code="liquid-label-drug", params=params)

    def documents(self, result: Preparation) -> FormDocuments:
        """The least a form's documents say (its own words as record texts: no locale)."""
        assert isinstance(result, SyrupResult)
        volume = Message(code="drops-quantity", params={"volume": result.final_volume})
        return FormDocuments(
            title=record_text("Naltrexone HCl oral syrup", "Sirop oral de naltrexone HCl"),
            drug=self.drug(result),
            quantity=volume,
            made=volume,
            directions=record_text("Take by mouth at bedtime", "Prendre par la bouche au coucher"),
            lines=(),
            factors=(),
            measured=(),
        )

    def supply(self, result: Preparation) -> Supply:
        assert isinstance(result, SyrupResult)
        return Supply(
            route="oral", dispensed=result.final_volume, made=result.final_volume,
            strength=result.concentration, dose=result.dose_volume, drug=result.target,
        )  # fmt: skip


FORM = SyrupForm()
