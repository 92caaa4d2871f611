"""``ldncalc schema``: the JSON Schema of ``--json`` results."""

from __future__ import annotations

import json

from ldncalc.cli.output import echo_json


def schema_command() -> None:
    """Print the JSON Schema of the liquid, capsule and titration results (--json).

    \b
    Example:
      ldncalc schema
    """
    from ldncalc.schema import result_schema

    echo_json(json.dumps(result_schema(), indent=2, ensure_ascii=False))
