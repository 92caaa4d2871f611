"""The published JSON Schema of ldncalc's results (what ``--json`` prints)."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from ldncalc.models import CapsuleResult, LiquidResult


def result_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of a liquid or capsule result, as serialized to JSON."""
    schema = TypeAdapter(LiquidResult | CapsuleResult).json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "ldncalc result"
    return schema
