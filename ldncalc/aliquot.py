"""The old import path of :mod:`ldncalc.preparations.capsule.aliquot`, kept while the liquid
calculation (which weighs by the same aliquot method) still imports it from here."""

from ldncalc.preparations.capsule.aliquot import (
    AliquotPlan,
    minimum_weighable,
    plan_aliquot,
    read_sensitivity,
)

__all__ = ["AliquotPlan", "minimum_weighable", "plan_aliquot", "read_sensitivity"]
