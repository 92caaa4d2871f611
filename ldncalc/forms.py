"""Dosage forms as plug-ins of the engine: one interface that every form implements, and the
registry that finds a form by its ``kind``.

A form is a package under ``ldncalc/preparations/`` (read → compute → describe, as liquid and
capsule), its master formulation records (``formulations/ldn-<kind>-*.toml``), the words of
its records in ``ldncalc/locale/<kind>.py``, its command in ``ldncalc/cli/<kind>.py`` and its
tests; adding one touches nothing else but one line of :data:`REGISTRY` (and the record
kind it makes, :data:`ldncalc.formulations.Kind`). Everything the shared code needs from a
form goes through :class:`DosageForm`::

    form = ldncalc.forms.get("drops")
    result = form.calculate(target="0.5mg", drop_volume="0.05mL")
    form.dose_amounts(result)   # what directions may name for one dose: (1 drop, 0.5 mg, ...)
    form.documents(result)      # the label's and record's form-specific parts, as records

The documents are message records (codes and figures, no words): the label, the record and
the screen render them in the reader's language like every other message. Liquid and capsule
predate the interface: their adapters (:mod:`ldncalc.preparations.adapters`) return ``None``
from ``documents`` and the label, record and screen keep their own code for them.

A form is looked up lazily (the module is imported when the form is first used), so the
registry costs nothing at start-up and the import contract keeps each form in its own layer.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

if TYPE_CHECKING:
    from typing_extensions import TypeIs

    from ldncalc.messages import Message
    from ldncalc.models import CapsuleResult, LiquidResult, Result
    from ldncalc.units import Qty


class FormDocuments(NamedTuple):
    """What a label, a compounding record and the bench screen say that only the form knows,
    as records (their words are in ``ldncalc/locale/<kind>.py``)."""

    title: Message  # the screen's title: "Naltrexone HCl 10 mg/mL sublingual drops: ..."
    drug: Message  # the label's drug line: "Naltrexone HCl 10 mg/mL sublingual drops (LDN)"
    quantity: Message  # the label's quantity dispensed: "5 mL"
    made: Message  # the record's quantity made
    directions: Message  # the default directions: "Place 1 drop under the tongue at bedtime"
    lines: tuple[Message, ...]  # the screen's lines on what to make and the dose
    factors: tuple[Message, ...]  # the record's rows of factors: heading and value each
    measured: tuple[Message, ...]  # the record's measured checks, a blank cell under each
    warnings: tuple[Message, ...] = ()  # the label's warnings of the form ("For external use")


class DosageForm(Protocol):
    """One dosage form of the engine (see the module's text)."""

    @property
    def kind(self) -> str:
        """The ``kind`` of its results and of its master formulation records."""

    @property
    def command(self) -> str:
        """``ldncalc <command>``."""

    @property
    def titration(self) -> bool:
        """Whether ``ldncalc titrate`` makes a titration in this form."""

    def calculate(self, **inputs: Any) -> Result:
        """Read the inputs (refusing anything doubtful with a coded
        :class:`~ldncalc.LdnCalcError`), compute, describe: the result."""

    def dose_amounts(self, result: Result) -> tuple[Qty, ...]:
        """The amounts directions may name for one dose of ``result`` (``--directions`` is
        checked against them)."""

    def directions_counts(self, result: Result) -> Mapping[str, int]:
        """Counted units directions may name for one dose, by noun (``{"drop": 2}``);
        empty when the form's directions count nothing."""

    def documents(self, result: Result) -> FormDocuments | None:
        """The form's own parts of the label, record and screen; ``None``: the documents'
        built-in code (liquid, capsule)."""


# kind → "module:attribute" of its DosageForm. One line a form.
REGISTRY: dict[str, str] = {
    "liquid": "ldncalc.preparations.adapters:LIQUID",
    "capsule": "ldncalc.preparations.adapters:CAPSULE",
    "drops": "ldncalc.preparations.drops:FORM",
    "cream": "ldncalc.preparations.cream:FORM",
    "liquid-api": "ldncalc.preparations.liquid.api:FORM",  # ldncalc liquid --source api
}


def row(name: str, code: str = "form-value", **params: Any) -> tuple[Message, Message]:
    """One row of a record's factors: its heading (``form-heading``, words in
    :mod:`ldncalc.locale.forms`) and its value (``form-value`` for a quantity ``value``, a
    ``count`` or the API powder; a form's own ``code`` for the rest)."""
    from ldncalc.messages import Message

    return (
        Message(code="form-heading", params={"name": name}),
        Message(code=code, params={"name": name, **params}),
    )


def kinds() -> tuple[str, ...]:
    """The kinds of every registered form, in registration order."""
    return tuple(REGISTRY)


def get(kind: str) -> DosageForm:
    """The form of ``kind`` (a :class:`KeyError` for a kind no form registers: the records
    and results of ldncalc only carry registered kinds)."""
    module, _, attribute = REGISTRY[kind].partition(":")
    form: DosageForm = getattr(importlib.import_module(module), attribute)
    return form


BUILTIN = ("liquid", "capsule")  # the forms whose documents have their own code


def builtin(result: Result) -> TypeIs[LiquidResult | CapsuleResult]:
    """Whether ``result`` is a liquid or capsules, whose label, record and screen have their
    own code; any other form's come from :func:`documents`."""
    return result.kind in BUILTIN


def documents(result: Result) -> FormDocuments:
    """The form-specific document parts of a plug-in form's ``result`` (not
    :func:`builtin`)."""
    found = get(result.kind).documents(result)
    if found is None:
        raise ValueError(f"the {result.kind} form has no documents of its own")
    return found
