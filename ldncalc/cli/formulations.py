"""``ldncalc formulations``: list, show and check master formulation records."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ldncalc.cli.options import FormulationsDirOption, JsonOption
from ldncalc.errors import FormulationError

app = typer.Typer(
    help="List, show and check master formulation records.\n\n\b\nExample:\n"
    "  ldncalc formulations show ldn-liquid-water",
    no_args_is_help=True,
    rich_markup_mode=None,
)


LangOption = Annotated[
    str | None,
    typer.Option(metavar="LANG", help="Language of what is printed: en or fr.", show_default="en"),
]


@app.command("list")
def list_command(formulations_dir: FormulationsDirOption = None, lang: LangOption = None) -> None:
    """List every formulation in effect: built-in and the pharmacy's own.

    \b
    Example:
      ldncalc formulations list
    """
    from ldncalc.cli.language import choose, voice

    choose(lang)  # first: a refusal that follows speaks it
    from ldncalc.formulations import load
    from ldncalc.screen.formulations import formulations_table

    typer.echo(formulations_table(load(formulations_dir).formulations.values(), voice()))


@app.command("show")
def show_command(
    formulation_id: Annotated[str, typer.Argument(metavar="ID", help="Formulation id.")],
    formulations_dir: FormulationsDirOption = None,
    json: JsonOption = False,
    lang: LangOption = None,
) -> None:
    """Show one master formulation record in full.

    \b
    Example:
      ldncalc formulations show ldn-liquid-water
    """
    from ldncalc.cli.language import choose, voice

    choose(lang)  # first: a refusal that follows speaks it
    from ldncalc.cli.output import echo_json
    from ldncalc.formulations import load
    from ldncalc.screen.formulations import formulation_text

    record = load(formulations_dir).get(formulation_id, option="ID")
    if json:  # the record's data as it is written, its French in its fr table
        echo_json(record.model_dump_json(indent=2))
    else:
        typer.echo(formulation_text(record, voice()))


@app.command("check")
def check_command(
    # text, not a Path: typer would read "" as the current folder
    given: Annotated[str, typer.Argument(metavar="DIR", help="Folder of .toml records.")],
    lang: Annotated[
        str | None,
        typer.Option(metavar="LANG", help="Language of the report: en or fr.", show_default="en"),
    ] = None,
) -> None:
    """Validate a pharmacy's own formulation folder (records, catalogs/ and protocols/).

    \b
    Example:
      ldncalc formulations check pharmacy-formulations
    """
    from ldncalc.cli.language import choose, voice

    choose(lang)  # first: a refusal that follows speaks it
    from ldncalc.formulations import folder_name
    from ldncalc.formulations_check import check_folder
    from ldncalc.locale.check import check_lines

    folder = Path(folder_name(given, "DIR", optional=False))
    report = check_folder(folder)
    for line in check_lines(report, voice()):
        typer.echo(line)
    if report.failed:
        raise FormulationError(
            str(folder), None, code="folder-invalid", failed=report.failed, checked=report.checked
        )
