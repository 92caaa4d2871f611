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
    from ldncalc.capsules import capsule
    from ldncalc.errors import (
        FormulationError,
        FormulationNotFoundError,
        InputError,
        LdnCalcError,
        UnsafeInputError,
    )
    from ldncalc.formatting import format_number, format_quantity
    from ldncalc.formulations import Formulation, Library, load
    from ldncalc.liquids import liquid
    from ldncalc.models import Amount, CapsuleResult, LiquidResult, Step, SyringeUsed
    from ldncalc.schema import result_schema
    from ldncalc.units import Quantity, parse_quantity, ureg

__version__ = "0.1.0"

# public name -> the module that defines it
_EXPORTS = {
    "capsule": "ldncalc.capsules",
    "liquid": "ldncalc.liquids",
    "Amount": "ldncalc.models",
    "BeyondUse": "ldncalc.bud",
    "CapsuleResult": "ldncalc.models",
    "Formulation": "ldncalc.formulations",
    "FormulationError": "ldncalc.errors",
    "FormulationNotFoundError": "ldncalc.errors",
    "InputError": "ldncalc.errors",
    "LdnCalcError": "ldncalc.errors",
    "Library": "ldncalc.formulations",
    "LiquidResult": "ldncalc.models",
    "Quantity": "ldncalc.units",
    "Step": "ldncalc.models",
    "SyringeUsed": "ldncalc.models",
    "UnsafeInputError": "ldncalc.errors",
    "format_number": "ldncalc.formatting",
    "format_quantity": "ldncalc.formatting",
    "load": "ldncalc.formulations",
    "parse_quantity": "ldncalc.units",
    "result_schema": "ldncalc.schema",
    "ureg": "ldncalc.units",
}

__all__ = [
    "Amount",
    "BeyondUse",
    "CapsuleResult",
    "Formulation",
    "FormulationError",
    "FormulationNotFoundError",
    "InputError",
    "LdnCalcError",
    "Library",
    "LiquidResult",
    "Quantity",
    "Step",
    "SyringeUsed",
    "UnsafeInputError",
    "__version__",
    "capsule",
    "format_number",
    "format_quantity",
    "liquid",
    "load",
    "parse_quantity",
    "result_schema",
    "ureg",
]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'ldncalc' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
