"""The published JSON Schema of ldncalc's results (what ``--json`` prints)."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from ldncalc.models import CapsuleResult, LiquidResult
from ldncalc.titration import TitrationResult


def result_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of a liquid, capsule or titration result as serialized to
    JSON (``ldncalc liquid|capsule|titrate --json``); ``kind`` tells which."""
    adapter = TypeAdapter(LiquidResult | CapsuleResult | TitrationResult)
    schema = adapter.json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "ldncalc result"
    return schema
