"""Dosage forms as plug-ins of the engine: one interface that every form implements, and the
registry that finds a form by its ``kind``.

A form is a package under ``ldncalc/preparations/`` (read → compute → describe, as liquid and
capsule, and its result class in ``result.py``), its master formulation records
(``formulations/ldn-<kind>-*.toml``), the words of its records in ``ldncalc/locale/<kind>.py``,
its command in ``ldncalc/cli/<command>.py`` and its tests, plus one entry of
:data:`REGISTRY` (:class:`Registered`: where its form is, its command, its default records).
The registry is what the shared code asks: a record's ``kind`` must be a registered one
(:func:`kinds`), the command line lists the forms' commands (:func:`commands`), a record is
used when none is named (:func:`default_record`), and a result read back (the log's reprint)
or described by the JSON Schema is any registered form's (:func:`result_types`,
:func:`result_adapter`), so neither :mod:`ldncalc.models`, the command line's table nor a list
of kinds is edited. (Two things stay optional: batch orders know the built-in forms'
columns (:mod:`ldncalc.batch`), and the index of the words' codes
(``ldncalc/locale/_modules.py``, written by ``python tests/test_message_codes.py``) only
saves importing every word module: a code it lacks still finds its words.) Everything the
shared code needs from a form goes through :class:`ldncalc.dosage_form.DosageForm`::

    form = ldncalc.forms.get("drops")
    result = form.calculate(target="0.5mg", drop_volume="0.05mL")
    form.result                 # its result class: DropsResult
    form.dose_amounts(result)   # what directions may name for one dose: (1 drop, 0.5 mg, ...)
    form.drug(result)           # the drug line: "Naltrexone HCl 10 mg/mL sublingual drops (LDN)"
    form.supply(result)         # what the patient is given and takes (FHIR, the leaflet)
    form.documents(result)      # the screen's, label's and record's own parts, as records

The drug line and the documents are message records (codes and figures, no words): the label,
the record and the screen render them in the reader's language like every other message, and
have no code of their own for any form. Liquid and capsule predate the interface: their
adapters (:mod:`ldncalc.preparations.adapters`) call ``liquid()`` and ``capsule()`` as they are,
and their documents are built in their ``describe`` modules like every form's, with the
optional parts of :class:`~ldncalc.dosage_form.FormDocuments` a serial dilution and an aliquot
need (screen blocks, record tables and sections, a method preface), which any form may use.

A form is looked up lazily (the module is imported when the form is first used), so the
registry costs nothing at start-up and the import contract keeps each form in its own layer;
it imports nothing a form needs, so every layer may ask it.
"""

from __future__ import annotations

import functools
import importlib
import operator
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from pydantic import TypeAdapter

    from ldncalc.dosage_form import DosageForm, FormDocuments
    from ldncalc.messages import Message
    from ldncalc.models import Preparation


class Registered(NamedTuple):
    """A form's entry in :data:`REGISTRY`: where its :class:`~ldncalc.dosage_form.DosageForm`
    is (``"module:attribute"``), the command that makes it (``None``: another form's command
    does, as ``ldncalc liquid --source api``), and its master formulation record used when
    none is named, by source (the first: the source used when none is asked for)."""

    form: str
    command: str | None = None
    records: tuple[tuple[str, str], ...] = ()


# kind → its entry (or only "module:attribute"). One entry a form: everything the engine and
# the command line need of a form that is not in the form's own module.
REGISTRY: dict[str, Registered | str] = {
    "liquid": Registered(
        "ldncalc.preparations.adapters:LIQUID", "liquid", (("tablets", "ldn-liquid-water"),)
    ),
    "capsule": Registered(
        "ldncalc.preparations.adapters:CAPSULE",
        "capsule",
        (("api", "ldn-capsule-api-mcc"), ("tablets", "ldn-capsule-tablets-mcc")),
    ),
    "drops": Registered("ldncalc.preparations.drops:FORM", "drops", (("api", "ldn-drops-water"),)),
    "cream": Registered(
        "ldncalc.preparations.cream:FORM", "cream", (("api", "ldn-cream-xematop"),)
    ),
    "liquid-api": Registered(  # ldncalc liquid --source api
        "ldncalc.preparations.liquid.api:FORM", None, (("api", "ldn-liquid-api-water"),)
    ),
}


def entry(kind: str) -> Registered:
    """The registry's entry of ``kind`` (a :class:`KeyError` for a kind no form registers)."""
    found = REGISTRY[kind]
    return Registered(found) if isinstance(found, str) else found


def commands() -> tuple[str, ...]:
    """The commands of the registered forms, in registration order (``ldncalc liquid``…)."""
    return tuple(dict.fromkeys(c for k in REGISTRY if (c := entry(k).command) is not None))


def default_records() -> dict[tuple[str, str], str]:
    """The record used when none is named, by kind and source, as the registry stands."""
    return {(kind, source): id_ for kind in REGISTRY for source, id_ in entry(kind).records}


def default_record(kind: str, source: str | None) -> str | None:
    """The record ``kind`` uses when none is named: for ``source``, else for the form's first
    source; ``None`` when the form names none (then a record must be named)."""
    return _default_record(source, REGISTRY[kind])


@functools.cache  # keyed by the entry itself: a form registered or replaced later is seen
def _default_record(source: str | None, registered: Registered | str) -> str | None:
    records = () if isinstance(registered, str) else registered.records
    if source is None:
        return records[0][1] if records else None
    return next((record for of, record in records if of == source), None)


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
    module, _, attribute = entry(kind).form.partition(":")
    form: DosageForm = getattr(importlib.import_module(module), attribute)
    return form


def result_types() -> tuple[type[Preparation], ...]:
    """The result class of every registered form, in registration order (each form's module
    imported: for reading results back and describing them, not for making one)."""
    return _results(tuple((kind, entry(kind).form) for kind in REGISTRY))


def result_union() -> Any:
    """Any registered form's result, as one type: ``LiquidResult | CapsuleResult | ...`` in
    registration order (``ldncalc.models.Result`` at run time)."""
    return functools.reduce(operator.or_, result_types())


def result_adapter() -> TypeAdapter[Preparation]:
    """The validator of any registered form's result read back from JSON (the log's reprint,
    or a program reading ``--json``): each form's result is told apart by its ``kind``. Built
    once for the registry as it stands."""
    return _adapter(tuple((kind, entry(kind).form) for kind in REGISTRY))


# keyed by the registry's entries, so that a form registered later is not missed
@functools.cache
def _results(registered: tuple[tuple[str, str], ...]) -> tuple[type[Preparation], ...]:
    return tuple(get(kind).result for kind, _ in registered)


@functools.cache
def _adapter(registered: tuple[tuple[str, str], ...]) -> TypeAdapter[Preparation]:
    from pydantic import TypeAdapter

    return TypeAdapter(result_union())


# the last result's documents: the screen, the label, the record and the directions of one
# result each ask for them (a result is frozen, so they never change)
_last: list[tuple[Preparation, FormDocuments]] = []


def documents(result: Preparation) -> FormDocuments:
    """The form-specific document parts of ``result``: its form's
    :meth:`~ldncalc.dosage_form.DosageForm.documents`."""
    last = _last[0] if _last else None
    if last is not None and last[0] is result:
        return last[1]
    found = get(result.kind).documents(result)
    _last[:] = [(result, found)]
    return found
