"""ldncalc: low-dose naltrexone compounding calculations, every number traced.

>>> from ldncalc import liquid, capsule
>>> liquid(target="4.5mg").dose_volume
<Quantity(4.5, 'milliliter')>

The public API is what ``__all__`` lists; everything else may change. Names are imported on
first use, so a command builds only the models it needs (``bench/run.py`` measures start-up).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ldncalc.bud import BeyondUse
    from ldncalc.errors import (
        FormulationError,
        FormulationNotFoundError,
        InputError,
        LdnCalcError,
        LogAccessError,
        LogError,
        OutputError,
        UnsafeInputError,
    )
    from ldncalc.exchange.fhir import fhir_bundle, fhir_json, write_fhir
    from ldncalc.formatting import format_number, format_quantity
    from ldncalc.formulations import Formulation, Library, load
    from ldncalc.issuing import Issued, issue
    from ldncalc.labels import render_label, render_record
    from ldncalc.messages import Step
    from ldncalc.models import Amount, SyringeUsed
    from ldncalc.preparations.capsule import capsule
    from ldncalc.preparations.capsule.aliquot import AliquotPlan
    from ldncalc.preparations.capsule.result import CapsuleResult
    from ldncalc.preparations.dilution_plan import DilutionPlan
    from ldncalc.preparations.liquid import liquid
    from ldncalc.preparations.liquid.result import LiquidResult
    from ldncalc.prescriptions import Prescription, prescription
    from ldncalc.profile import Profile, load_profile
    from ldncalc.schema import result_schema
    from ldncalc.titration import TitrationResult, titrate
    from ldncalc.units import Quantity, parse_quantity, ureg

from ldncalc.version import __version__  # the one copy is ldncalc/version.py

# public name -> the module that defines it
_EXPORTS = {
    "AliquotPlan": "ldncalc.preparations.capsule.aliquot",
    "Amount": "ldncalc.models",
    "BeyondUse": "ldncalc.bud",
    "CapsuleResult": "ldncalc.preparations.capsule.result",
    "DilutionPlan": "ldncalc.preparations.dilution_plan",
    "Formulation": "ldncalc.formulations",
    "FormulationError": "ldncalc.errors",
    "FormulationNotFoundError": "ldncalc.errors",
    "InputError": "ldncalc.errors",
    "Issued": "ldncalc.issuing",
    "LdnCalcError": "ldncalc.errors",
    "Library": "ldncalc.formulations",
    "LiquidResult": "ldncalc.preparations.liquid.result",
    "LogAccessError": "ldncalc.errors",
    "LogError": "ldncalc.errors",
    "OutputError": "ldncalc.errors",
    "Prescription": "ldncalc.prescriptions",
    "Profile": "ldncalc.profile",
    "Quantity": "ldncalc.units",
    "Step": "ldncalc.messages",
    "SyringeUsed": "ldncalc.models",
    "TitrationResult": "ldncalc.titration",
    "UnsafeInputError": "ldncalc.errors",
    "capsule": "ldncalc.preparations.capsule",
    "fhir_bundle": "ldncalc.exchange.fhir",
    "fhir_json": "ldncalc.exchange.fhir",
    "format_number": "ldncalc.formatting",
    "format_quantity": "ldncalc.formatting",
    "issue": "ldncalc.issuing",
    "liquid": "ldncalc.preparations.liquid",
    "load": "ldncalc.formulations",
    "load_profile": "ldncalc.profile",
    "parse_quantity": "ldncalc.units",
    "prescription": "ldncalc.prescriptions",
    "render_label": "ldncalc.labels",
    "render_record": "ldncalc.labels",
    "result_schema": "ldncalc.schema",
    "titrate": "ldncalc.titration",
    "ureg": "ldncalc.units",
    "write_fhir": "ldncalc.exchange.fhir",
}

__all__ = [
    "AliquotPlan",
    "Amount",
    "BeyondUse",
    "CapsuleResult",
    "DilutionPlan",
    "Formulation",
    "FormulationError",
    "FormulationNotFoundError",
    "InputError",
    "Issued",
    "LdnCalcError",
    "Library",
    "LiquidResult",
    "LogAccessError",
    "LogError",
    "OutputError",
    "Prescription",
    "Profile",
    "Quantity",
    "Step",
    "SyringeUsed",
    "TitrationResult",
    "UnsafeInputError",
    "__version__",
    "capsule",
    "fhir_bundle",
    "fhir_json",
    "format_number",
    "format_quantity",
    "issue",
    "liquid",
    "load",
    "load_profile",
    "parse_quantity",
    "prescription",
    "render_label",
    "render_record",
    "result_schema",
    "titrate",
    "ureg",
    "write_fhir",
]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'ldncalc' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
