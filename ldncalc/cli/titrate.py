"""``ldncalc titrate``: a dated titration schedule, what to compound for it, and the patient's
calendar."""

from typing import TYPE_CHECKING, Annotated

import typer

from ldncalc.cli.options import (
    FhirOption,
    FhirVersionOption,
    FormulationOption,
    FormulationsDirOption,
    JsonOption,
    check_fhir,
    write_fhir_file,
)
from ldncalc.errors import InputError

if TYPE_CHECKING:
    from ldncalc.profile import Profile


def titrate_command(
    start: Annotated[
        str | None,
        typer.Option(
            metavar="DOSE", help="First dose, as naltrexone HCl: 0.5mg.", show_default=False
        ),
    ] = None,
    step: Annotated[
        str | None,
        typer.Option(metavar="DOSE", help="Increase at each step: 0.5mg.", show_default=False),
    ] = None,
    every: Annotated[
        str | None,
        typer.Option(metavar="DAYS", help="Days at each step: 7d, 14d or 2w.", show_default=False),
    ] = None,
    target: Annotated[
        str | None,
        typer.Option(
            metavar="DOSE", help="Dose reached at the last step: 4.5mg.", show_default=False
        ),
    ] = None,
    protocol: Annotated[
        str | None,
        typer.Option(
            metavar="NAME",
            help="A published schedule instead of --start/--step/--every/--target "
            "(see --list-protocols).",
            show_default=False,
        ),
    ] = None,
    form: Annotated[str, typer.Option(metavar="FORM", help="liquid or capsule.")] = "liquid",
    start_date: Annotated[
        str | None,
        typer.Option(
            metavar="DATE",
            help="Day of the first dose, ISO 8601: 2025-03-03.",
            show_default="today",
        ),
    ] = None,
    maintenance_days: Annotated[
        str | None,
        typer.Option(
            metavar="DAYS",
            help="Days the target dose continues after its step: 30 or 30d.",
            show_default="0, or the protocol's",
        ),
    ] = None,
    concentration: Annotated[
        str | None,
        typer.Option(
            metavar="CONC",
            help="Liquid concentration to use: 0.5mg/mL, 1mg/mL or 5mg/mL.",
            show_default="the default 1mg/mL if it measures every step, else another listed one",
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
            metavar="FILE",
            help="Also write the patient's calendar to this PDF file.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Replace an existing --pdf, --ics or --fhir file (never a read-only one): not "
            "replaced without it.",
        ),
    ] = False,
    patient: Annotated[
        str | None,
        typer.Option(
            metavar="NAME",
            help="Patient's name, printed on the calendar (with --calendar, --pdf or --ics).",
            show_default=False,
        ),
    ] = None,
    pharmacy: Annotated[
        str | None,
        typer.Option(
            metavar="FILE",
            help="Pharmacy profile for the calendar: its name, phone and paper (with "
            "--calendar, --pdf or --ics).",
            show_default="the one 'ldncalc config init' wrote, if any; else A4 and no pharmacy",
        ),
    ] = None,
    ics: Annotated[
        str | None,
        typer.Option(
            metavar="FILE",
            help="Also write the schedule as an iCalendar file (.ics) for the patient's calendar: "
            "an event at each dose change and a daily bedtime reminder they can switch off.",
            show_default=False,
        ),
    ] = None,
    fhir: FhirOption = None,
    fhir_version: FhirVersionOption = None,
    list_protocols: Annotated[
        bool, typer.Option("--list-protocols", help="List the published schedules and exit.")
    ] = False,
    json: JsonOption = False,
    lang: Annotated[
        str | None,
        typer.Option(
            metavar="LANG",
            help="Language of everything the command prints (screen, --json text, refusals): "
            "en or fr.",
            show_default="en",
        ),
    ] = None,
) -> None:
    """Titration: a dated schedule, the concentration or capsule strengths, fills and totals.

    \b
    Example:
      ldncalc titrate --start 0.5mg --step 0.5mg --every 7d --target 4.5mg
    """
    # imported here: each command builds only its own models
    from ldncalc.cli.language import choose, json_context, voice
    from ldncalc.cli.output import echo_json
    from ldncalc.labels.calendar import calendar_text, write_calendar_pdf
    from ldncalc.locale.screen import say
    from ldncalc.screen.titration import titration_text
    from ldncalc.titration import load_protocols, titrate

    choose(lang)  # first: a refusal that follows speaks it
    if list_protocols:
        protocols = load_protocols(formulations_dir)
        for name in sorted(protocols):
            typer.echo(f"{name:<22} {protocols[name].text('name', voice().lang)}")
        return
    if force and pdf is None and fhir is None and ics is None:
        raise InputError(
            "--force",
            None,
            code="option-only-with",
            with_=(("pdf", "FILE"), ("ics", "FILE"), ("fhir", "FILE")),
        )
    who, profile = _calendar_details(
        patient, pharmacy, calendar or pdf is not None or ics is not None
    )
    if pdf is not None:  # before anything is calculated, as for a label
        from ldncalc.labels import output_format
        from ldncalc.labels.files import check_destination

        check_destination(pdf, option="--pdf", force=force)
        output_format(pdf, None, option="--pdf", formats=("pdf",))  # not a PDF in cal.txt
    version = check_fhir(fhir, fhir_version, force=force)
    if ics is not None:
        from ldncalc.labels.files import check_destination

        check_destination(ics, option="--ics", force=force)
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
        written = write_calendar_pdf(
            result, pdf, patient=who, pharmacy=profile, force=force, lang=voice().lang
        )
        # as "label written: …"
        typer.echo(say(voice(), "calendar-written", path=written), err=True)
    write_fhir_file(result, fhir, version, None, force=force)
    if ics is not None:
        from ldncalc.exchange.ics import write_ics
        from ldncalc.locale.exchange import written as said_written

        path = write_ics(result, ics, lang=voice().lang, patient=who, force=force)
        typer.echo(said_written(voice(), "ics", path), err=True)
    if json:
        echo_json(result.model_dump_json(indent=2, context=json_context()))
    elif calendar:
        typer.echo(calendar_text(result, patient=who, pharmacy=profile, lang=voice().lang))
    else:
        typer.echo(titration_text(result, voice()))


def _calendar_details(
    patient: str | None, pharmacy: str | None, wanted: bool
) -> "tuple[str | None, Profile | None]":
    """The patient's name and the pharmacy profile for the calendar, read before anything is
    calculated; refused when no calendar is asked for (they would do nothing)."""
    if not wanted:
        for option, value in (("--patient", patient), ("--pharmacy", pharmacy)):
            if value is not None:
                raise InputError(
                    option,
                    None,
                    code="option-only-with",
                    with_=(("calendar",), ("pdf", "FILE"), ("ics", "FILE")),
                )
        return None, None
    from ldncalc.config_paths import has_default_profile
    from ldncalc.fonts import check_printable
    from ldncalc.prescriptions import MAXIMUM_NAME, read_text
    from ldncalc.profile import load_profile

    # the calendar prints in the label font: a name it cannot print is refused, as on a label
    who = (
        check_printable(read_text(patient, "--patient", MAXIMUM_NAME), "--patient")
        if patient is not None
        else None
    )
    if pharmacy is None and not has_default_profile():
        return who, None
    return who, load_profile(pharmacy)
