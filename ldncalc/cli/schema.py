"""``ldncalc schema``: the JSON Schema of ``--json`` results."""

from __future__ import annotations

import json

import typer


def schema_command() -> None:
    """Print the JSON Schema of the liquid, capsule and titration results (--json).

    \b
    Example:
      ldncalc schema
    """
    from ldncalc.schema import result_schema

    typer.echo(json.dumps(result_schema(), indent=2, ensure_ascii=False))
