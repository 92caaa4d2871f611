"""``ldncalc titrate``: a dated titration schedule, what to compound for it, and the patient's
calendar."""

from __future__ import annotations

from typing import Annotated

import typer

from ldncalc.cli.options import FormulationOption, FormulationsDirOption, JsonOption


def titrate_command(
    start: Annotated[
        str | None,
        typer.Option(help="First dose, as naltrexone HCl: 0.5mg.", show_default=False),
    ] = None,
    step: Annotated[
        str | None,
        typer.Option(help="Increase at each step: 0.5mg.", show_default=False),
    ] = None,
    every: Annotated[
        str | None,
        typer.Option(help="Days at each step: 7d, 14d or 2w.", show_default=False),
    ] = None,
    target: Annotated[
        str | None,
        typer.Option(help="Dose reached at the last step: 4.5mg.", show_default=False),
    ] = None,
    protocol: Annotated[
        str | None,
        typer.Option(
            help="A published schedule instead of --start/--step/--every/--target "
            "(see --list-protocols).",
            show_default=False,
        ),
    ] = None,
    form: Annotated[str, typer.Option(help="liquid or capsule.")] = "liquid",
    start_date: Annotated[
        str | None,
        typer.Option(help="Day of the first dose, ISO 8601: 2025-03-03.", show_default="today"),
    ] = None,
    maintenance_days: Annotated[
        str | None,
        typer.Option(
            help="Days the target dose continues after its step: 30 or 30d.",
            show_default="0, or the protocol's",
        ),
    ] = None,
    concentration: Annotated[
        str | None,
        typer.Option(
            help="Liquid concentration to use: 0.5mg/mL, 1mg/mL or 5mg/mL.",
            show_default="the first listed one that measures every step",
        ),
    ] = None,
    formulation: FormulationOption = None,
    formulations_dir: FormulationsDirOption = None,
    calendar: Annotated[
        bool, typer.Option("--calendar", help="Print the patient's calendar instead.")
    ] = False,
    pdf: Annotated[
        str | None,
        typer.Option(
            help="Also write the patient's calendar to this PDF file.", show_default=False
        ),
    ] = None,
    list_protocols: Annotated[
        bool, typer.Option("--list-protocols", help="List the published schedules and exit.")
    ] = False,
    json: JsonOption = False,
) -> None:
    """Titration: a dated schedule, the concentration or capsule strengths, fills and totals."""
    # imported here: each command builds only its own models
    from ldncalc.titration import load_protocols, titrate
    from ldncalc.titration_render import calendar_text, titration_text, write_calendar_pdf

    if list_protocols:
        protocols = load_protocols(formulations_dir)
        for name in sorted(protocols):
            typer.echo(f"{name:<22} {protocols[name].name}")
        return
    result = titrate(
        start=start,
        step=step,
        every=every,
        target=target,
        protocol=protocol,
        form=form,
        start_date=start_date,
        maintenance_days=maintenance_days,
        concentration=concentration,
        formulation=formulation,
        formulations_dir=formulations_dir,
    )
    if pdf is not None:
        written = write_calendar_pdf(result, pdf)
        typer.echo(f"Calendar written to {written}", err=True)
    if json:
        typer.echo(result.model_dump_json(indent=2))
    elif calendar:
        typer.echo(calendar_text(result))
    else:
        typer.echo(titration_text(result))
