"""The published JSON Schema of ldncalc's results (what ``--json`` prints)."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from ldncalc import forms
from ldncalc.titration import TitrationResult


def result_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of a liquid, capsule, drops, cream or titration result as
    serialized to JSON (``ldncalc liquid|capsule|drops|cream|titrate --json``): any registered
    form's result (:func:`ldncalc.forms.result_union`, in registration order) or a titration;
    ``kind`` tells which. Warnings, notes
    and calculation steps are message records whose ``code`` is one of the documented codes
    (README, "Message codes"; :func:`ldncalc.locale.codes`)."""
    adapter: TypeAdapter[Any] = TypeAdapter(forms.result_union() | TitrationResult)
    schema = adapter.json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "ldncalc result"
    definitions = schema.get("$defs", {})
    for name, record in message_schemas().items():
        for key in definitions:  # pydantic names a clashing class by its module
            if key == name or key.endswith(f"__messages__{name}"):
                definitions[key] = record
    return schema


def message_schemas() -> dict[str, dict[str, Any]]:
    """The schema of a message record (warning or note) and of a calculation step as JSON
    gives them (:mod:`ldncalc.messages`): a message record serializes itself, so pydantic
    cannot tell its shape."""
    from ldncalc.locale import codes

    message: dict[str, Any] = {
        "title": "Message",
        "description": 'A warning or note as a record: its code (README, "Message codes"), '
        "its parameters (quantities as {value, unit}), the input it concerns, and its text "
        "in the language and for the surface asked for (--lang; the CLI names --target, "
        "the library target=).",
        "type": "object",
        "properties": {
            "code": {"type": "string", "enum": list(codes())},
            "params": {"type": "object"},
            "concerns": {"anyOf": [{"type": "string"}, {"type": "null"}]},
            "text": {"type": "string"},
        },
        "required": ["code", "params", "concerns", "text"],
        "additionalProperties": False,
    }
    step = {
        **message,
        "title": "Step",
        "description": "One line of the calculation as a record: its code, its figures with "
        "their units, and its name, formula and calculation in words.",
        "properties": {
            **message["properties"],
            "name": {"type": "string"},
            "formula": {"type": "string"},
            "calculation": {"type": "string"},
        },
        "required": [*message["required"], "name", "formula", "calculation"],
    }
    return {"Message": message, "Step": step}
