"""The results ldncalc returns: validated pydantic models whose JSON is the CLI's ``--json``.

What every preparation's result carries is here (:class:`Preparation`, and the amounts,
formulation and syringe it names); each dosage form's own result class is in the form's
package (``ldncalc/preparations/<form>/result.py``) and registered with the form
(:data:`ldncalc.forms.REGISTRY`), so a new form adds nothing here. ``Result`` is any
registered form's result (:func:`ldncalc.forms.result_union`); ``LiquidResult``,
``CapsuleResult``, ``DropsResult``, ``CreamResult`` and ``ApiLiquidResult`` are still found
here, imported from their forms on first use (importing this module builds none of them).

The engine builds them from values it has read and checked or computed itself, without pydantic
checking each again (:func:`ldncalc.messages.built`); a result read back from JSON, or made by
a caller, is validated as any model is.

Every quantity is a named quantity type (``Mass``, ``Volume``…), serialized as
``{"value": 4.5, "unit": "mg"}``; every figure is traceable through ``steps`` (the calculation
with units), ``formulation`` (the record used) and ``bud`` (the basis of the beyond-use date).
"""

from typing import TYPE_CHECKING, Any, Literal, Self, TypeAlias

from pydantic import BaseModel, ConfigDict, SerializationInfo, field_serializer

from ldncalc.bud import BeyondUse
from ldncalc.formulations import Formulation
from ldncalc.messages import Message, Step, method_words
from ldncalc.quantities import Mass, Volume


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class FormulationUsed(_Result):
    """Which master formulation record a result was made to, and from which file."""

    id: str
    name: str
    version: int
    path: str
    builtin: bool

    @classmethod
    def of(cls, record: Formulation) -> Self:
        return cls(
            id=record.id,
            name=record.name,
            version=record.version,
            path=record.path,
            builtin=record.builtin,
        )


class Amount(_Result):
    """What to take of one ingredient: a count of tablets (with the drug they hold, or the
    crushed powder to weigh from them), a mass, a volume, or "to" a final volume (qs)."""

    name: str
    role: Literal["active", "vehicle", "excipient", "filler"]
    function: str = ""
    tablets: int | None = None
    mass: Mass | None = None
    volume: Volume | None = None
    powder: Mass | None = None
    qs_to: Volume | Mass | None = None  # a liquid's volume, a cream's weight
    diluent: bool = False  # for the vehicle a stock is diluted with, not for the stock
    # the active's drug that reaches the container dispensed: less than ``mass`` when only part
    # of a stock goes into the bottle (a serial dilution)
    drug_dispensed: Mass | None = None
    # what reaches the batch: weighed as this aliquot of the aliquot method's last mixture
    # (which holds ``mass`` or ``powder``), and the naltrexone HCl it brings
    aliquot: Mass | None = None
    drug: Mass | None = None


class SyringeUsed(_Result):
    """The oral syringe to dispense, with its marks."""

    name: str
    capacity: Volume
    graduation: Volume


class Preparation(_Result):
    """What every preparation result carries: the record it was made to, the supply, what to
    take, the BUD, and the traceability (warnings, notes, calculation steps, method). Each
    dosage form's result subclasses it, with its ``kind`` (a ``Literal``, its first own
    field) and its own figures."""

    if TYPE_CHECKING:  # for the type checker only: as a field here, the kind would move
        kind: str  # ahead of the fields above in every result's JSON

    formulation: FormulationUsed
    dosage_form: str
    doses_per_day: int
    days_supply: int
    ingredients: tuple[Amount, ...]
    container: str
    bud: BeyondUse
    auxiliary_labels: tuple[str, ...]
    # records (ldncalc.messages): a code, its parameters and the input it concerns; no words
    warnings: tuple[Message, ...]
    notes: tuple[Message, ...]
    steps: tuple[Step, ...]
    method: tuple[Message | str, ...]  # the record's own text, and the engine's lines
    quality_checks: tuple[str, ...]

    @field_serializer("method")
    def _method_words(
        self, method: tuple[Message | str, ...], info: SerializationInfo
    ) -> list[str]:
        """The method as text, as it always was (the engine's lines in words)."""
        return method_words(method, info)


if TYPE_CHECKING:
    from ldncalc.preparations.capsule.result import CapsuleResult as CapsuleResult
    from ldncalc.preparations.cream.result import CreamResult as CreamResult
    from ldncalc.preparations.drops.result import DropsResult as DropsResult
    from ldncalc.preparations.liquid.api_result import ApiLiquidResult as ApiLiquidResult
    from ldncalc.preparations.liquid.result import LiquidResult as LiquidResult

    # For the type checker: the built-in forms' results, which the documents' code tells
    # apart by ``kind``. The interface of a form (:class:`ldncalc.dosage_form.DosageForm`)
    # takes any :class:`Preparation`; at run time ``Result`` is the registry's union.
    Result: TypeAlias = LiquidResult | CapsuleResult | DropsResult | CreamResult | ApiLiquidResult
else:
    # the result classes that lived here, by the kind of the form that defines them now
    _MOVED = {
        "LiquidResult": "liquid",
        "CapsuleResult": "capsule",
        "DropsResult": "drops",
        "CreamResult": "cream",
        "ApiLiquidResult": "liquid-api",
    }

    def __getattr__(name: str) -> Any:
        """``Result`` (every registered form's result) and the result classes that lived
        here, from the forms' registry on first use."""
        from ldncalc import forms

        if name == "Result":  # not kept: a form registered later (a test's) joins it
            return forms.result_union()
        if name in _MOVED:
            found = globals()[name] = forms.get(_MOVED[name]).result
            return found
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
