"""Options shared by several commands, declared once."""

from __future__ import annotations

from typing import Annotated

import typer

FormulationOption = Annotated[
    str | None,
    typer.Option(
        "--formulation",
        help="Id of the master formulation record to use (see 'ldncalc formulations list').",
        show_default="the built-in default for this preparation",
    ),
]
FormulationsDirOption = Annotated[
    str | None,
    typer.Option(
        "--formulations-dir",
        help="A pharmacy's own folder of formulation records (also LDNCALC_FORMULATIONS).",
        show_default=False,
    ),
]
JsonOption = Annotated[
    bool, typer.Option("--json", help="Print the result as JSON (schema: 'ldncalc schema').")
]
DosesPerDayOption = Annotated[
    str, typer.Option("--doses-per-day", help="Doses taken a day, 1 to 4.")
]
TabletStrengthOption = Annotated[
    str | None,
    typer.Option(
        "--tablet-strength",
        help="Strength of the tablets used, as naltrexone HCl.",
        show_default="the formulation's, 50mg",
    ),
]


def required(value: str | None, option: str, example: str) -> str:
    """``value``, or the one-line error for a missing required option."""
    if value is None:
        from ldncalc.errors import InputError

        raise InputError(option, None, "is required", f"write e.g. {option} {example}")
    return value
