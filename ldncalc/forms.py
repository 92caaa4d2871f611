"""Dosage forms as plug-ins of the engine: one interface that every form implements, and the
registry that finds a form by its ``kind``.

A form is a package under ``ldncalc/preparations/`` (read → compute → describe, as liquid and
capsule), its master formulation records (``formulations/ldn-<kind>-*.toml``), the words of
its records in ``ldncalc/locale/<kind>.py``, its command in ``ldncalc/cli/<kind>.py`` and its
tests; adding one touches nothing else but one line of :data:`REGISTRY` (and the record
kind it makes, :data:`ldncalc.formulations.Kind`). Everything the shared code needs from a
form goes through :class:`ldncalc.dosage_form.DosageForm`::

    form = ldncalc.forms.get("drops")
    result = form.calculate(target="0.5mg", drop_volume="0.05mL")
    form.dose_amounts(result)   # what directions may name for one dose: (1 drop, 0.5 mg, ...)
    form.drug(result)           # the drug line: "Naltrexone HCl 10 mg/mL sublingual drops (LDN)"
    form.supply(result)         # what the patient is given and takes (FHIR, the leaflet)
    form.documents(result)      # the label's and record's form-specific parts, as records

The drug line and the documents are message records (codes and figures, no words): the label,
the record and the screen render them in the reader's language like every other message.
Liquid and capsule predate the interface: their adapters
(:mod:`ldncalc.preparations.adapters`) give their drug line and what they supply as every form
does, so the FHIR export, the leaflet and the label's quantity read every form alike; they
return ``None`` from ``documents``, and the screen and most of the record keep their own code
for them (:func:`builtin`).

A form is looked up lazily (the module is imported when the form is first used), so the
registry costs nothing at start-up and the import contract keeps each form in its own layer.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from typing_extensions import TypeIs

    from ldncalc.dosage_form import DosageForm, FormDocuments
    from ldncalc.messages import Message
    from ldncalc.models import LiquidResult, Result


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


BUILTIN = ("liquid",)  # the forms whose documents have their own code


def builtin(result: Result) -> TypeIs[LiquidResult]:
    """Whether ``result`` is a liquid or capsules, whose label, record and screen have their
    own code; any other form's come from :func:`documents` (the drug line and the supply of
    every form come from the form itself)."""
    return result.kind in BUILTIN


def documents(result: Result) -> FormDocuments:
    """The form-specific document parts of a plug-in form's ``result`` (not
    :func:`builtin`)."""
    found = get(result.kind).documents(result)
    if found is None:
        raise ValueError(f"the {result.kind} form has no documents of its own")
    return found
