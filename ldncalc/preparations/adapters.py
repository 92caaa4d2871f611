"""Liquid and capsule as :class:`ldncalc.forms.DosageForm` plug-ins: thin adapters over
:func:`ldncalc.preparations.liquid.liquid` and :func:`ldncalc.preparations.capsule.capsule`,
which they call as they are. Their labels, records and screens keep their own code in
``ldncalc/labels/content.py`` and ``ldncalc/render.py`` (``documents`` returns ``None``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ldncalc.dosage_form import FormDocuments, Supply
    from ldncalc.models import CapsuleResult, LiquidResult, Result
    from ldncalc.units import Qty


class LiquidForm:
    """An oral liquid from tablets (``ldncalc liquid``)."""

    kind = "liquid"
    command = "liquid"
    titration = True

    def calculate(self, **inputs: Any) -> LiquidResult:
        from ldncalc.preparations.liquid import liquid

        return liquid(**inputs)

    def dose_amounts(self, result: Result) -> tuple[Qty, ...]:
        assert result.kind == "liquid"
        return (result.dose_volume, result.dose_measured, result.target, result.concentration)

    def directions_counts(self, result: Result) -> Mapping[str, int]:
        return {}

    def documents(self, result: Result) -> FormDocuments | None:
        return None

    def supply(self, result: Result) -> Supply | None:
        return None


class CapsuleForm:
    """Capsules from API powder or tablets (``ldncalc capsule``)."""

    kind = "capsule"
    command = "capsule"
    titration = True

    def calculate(self, **inputs: Any) -> CapsuleResult:
        from ldncalc.preparations.capsule import capsule

        return capsule(**inputs)

    def dose_amounts(self, result: Result) -> tuple[Qty, ...]:
        assert result.kind == "capsule"
        return (result.strength,)

    def directions_counts(self, result: Result) -> Mapping[str, int]:
        return {"capsule": 1}

    def documents(self, result: Result) -> FormDocuments | None:
        return None

    def supply(self, result: Result) -> Supply | None:
        return None


LIQUID = LiquidForm()
CAPSULE = CapsuleForm()
