"""Liquid and capsule as :class:`ldncalc.forms.DosageForm` plug-ins: thin adapters over
:func:`ldncalc.preparations.liquid.liquid` and :func:`ldncalc.preparations.capsule.capsule`,
which they call as they are. They say what they supply and their drug line as every form
does (the FHIR export and the leaflet read those for every form), and give their screen,
label and record parts from :func:`ldncalc.preparations.liquid.describe.documents` and
:func:`ldncalc.preparations.capsule.describe.documents`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ldncalc.dosage_form import Supply
from ldncalc.messages import Message

if TYPE_CHECKING:
    from ldncalc.dosage_form import FormDocuments
    from ldncalc.models import Preparation
    from ldncalc.preparations.capsule.result import CapsuleResult
    from ldncalc.preparations.liquid.result import LiquidResult
    from ldncalc.units import Qty


class LiquidForm:
    """An oral liquid from tablets (``ldncalc liquid``)."""

    kind = "liquid"
    titration = True

    @property
    def result(self) -> type[LiquidResult]:
        # imported when asked: this module serves both forms, and each command builds its own
        from ldncalc.preparations.liquid.result import LiquidResult

        return LiquidResult

    def calculate(self, **inputs: Any) -> LiquidResult:
        from ldncalc.preparations.liquid import liquid

        return liquid(**inputs)

    def dose_amounts(self, result: Preparation) -> tuple[Qty, ...]:
        assert isinstance(result, self.result)
        return (result.dose_volume, result.dose_measured, result.target, result.concentration)

    def directions_counts(self, result: Preparation) -> Mapping[str, int]:
        return {}

    def drug(self, result: Preparation) -> Message:
        assert isinstance(result, self.result)
        params = {"concentration": result.concentration, "form": result.dosage_form}
        return Message(code="liquid-label-drug", params=params)

    def documents(self, result: Preparation) -> FormDocuments:
        from ldncalc.preparations.liquid.describe import documents

        assert isinstance(result, self.result)
        return documents(result)

    def supply(self, result: Preparation) -> Supply:
        assert isinstance(result, self.result)
        return Supply(
            route="oral", dispensed=result.final_volume, made=result.final_volume,
            strength=result.concentration, dose=result.dose_volume, drug=result.dose_measured,
            syringe=result.syringe.capacity,
        )  # fmt: skip


class CapsuleForm:
    """Capsules from API powder or tablets (``ldncalc capsule``)."""

    kind = "capsule"
    titration = True

    @property
    def result(self) -> type[CapsuleResult]:
        from ldncalc.preparations.capsule.result import CapsuleResult

        return CapsuleResult

    def calculate(self, **inputs: Any) -> CapsuleResult:
        from ldncalc.preparations.capsule import capsule

        return capsule(**inputs)

    def dose_amounts(self, result: Preparation) -> tuple[Qty, ...]:
        assert isinstance(result, self.result)
        return (result.strength,)

    def directions_counts(self, result: Preparation) -> Mapping[str, int]:
        return {"capsule": 1}

    def drug(self, result: Preparation) -> Message:
        assert isinstance(result, self.result)
        return Message(code="capsule-label-drug", params={"strength": result.strength})

    def documents(self, result: Preparation) -> FormDocuments:
        from ldncalc.preparations.capsule.describe import documents

        assert isinstance(result, self.result)
        return documents(result)

    def supply(self, result: Preparation) -> Supply:
        assert isinstance(result, self.result)
        return Supply(
            route="oral", dispensed=result.quantity, made=result.batch, strength=result.strength,
            dose=result.strength, drug=result.strength, number=1, counted="capsule",
            powder=result.active_per_capsule,
        )  # fmt: skip


LIQUID = LiquidForm()
CAPSULE = CapsuleForm()
