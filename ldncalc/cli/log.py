"""``ldncalc log``: the compounding log: list, show, recall, complete, verify, audit, export,
reprint. Each command parses its options, makes one call to :mod:`ldncalc.log` and renders."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ldncalc.cli.options import JsonOption
from ldncalc.errors import InputError

if TYPE_CHECKING:
    from ldncalc.locale import Voice
    from ldncalc.log import Log
    from ldncalc.profile import Profile

app = typer.Typer(
    help="The compounding log: every lot issued, completed, verified, recallable.\n\n\b\n"
    "Example:\n  ldncalc liquid --target 4.5mg --record record.txt --lot LDN-0001\n"
    "  ldncalc log list",
    no_args_is_help=True,
    rich_markup_mode=None,
)

EXIT_AUDIT_FAILED = 1  # `log audit` found an entry that does not match

LogUrlOption = Annotated[
    str | None,
    typer.Option(
        "--log",
        metavar="URL",
        help="The log: a file path or postgresql://USER@HOST/DATABASE (also LDNCALC_LOG, or "
        "[log] url in the pharmacy profile).",
        show_default="log.sqlite3 in the user's data folder",
    ),
]
PharmacyOption = Annotated[
    str | None,
    typer.Option(
        "--pharmacy",
        metavar="FILE",
        help="Pharmacy profile to read [log] from instead of the one 'ldncalc config init' wrote.",
        show_default=False,
    ),
]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="LANG",
        help="Language of everything the command prints (screen, refusals): en or fr.",
        show_default="the profile's, en",
    ),
]
LotArgument = Annotated[str, typer.Argument(metavar="LOT", help="Lot number (scan or type it).")]


def _profile(pharmacy: str | None) -> Profile | None:
    """The profile given, else the default one if it exists, else none."""
    from ldncalc.config_paths import default_path

    if pharmacy is None and not default_path().is_file():
        return None
    from ldncalc.profile import load_profile

    return load_profile(pharmacy)


def _speak(lang: str | None) -> None:
    """Speak ``--lang`` from here on: a refusal that follows is in it."""
    from ldncalc.cli.language import choose

    choose(lang)


def _voice() -> Voice:
    from ldncalc.cli.language import voice

    return voice()


@contextlib.contextmanager
def _opened(
    url: str | None, pharmacy: str | None, lang: str | None
) -> Iterator[tuple[Log, Profile | None]]:
    from ldncalc.log import open_log

    profile = _profile(pharmacy)
    if lang is None and profile is not None:  # the profile in use speaks its language
        from ldncalc.cli.language import choose

        choose(None, profile.lang)
    # a mistyped path is refused, never a new empty log that answers "no lot"
    with open_log(url, profile=profile, create=False) as book:
        yield book, profile


def _echo(value: Any, json: bool, text: Callable[[], str]) -> None:
    from ldncalc.cli.output import echo_json
    from ldncalc.log.render import json_text

    if json:
        echo_json(json_text(value))
    else:
        typer.echo(text())


@app.command("list")
def list_command(
    since: Annotated[
        str | None, typer.Option(metavar="DATE", help="Compounded on or after, YYYY-MM-DD.")
    ] = None,
    until: Annotated[
        str | None, typer.Option(metavar="DATE", help="Compounded on or before, YYYY-MM-DD.")
    ] = None,
    patient: Annotated[
        str | None, typer.Option(metavar="NAME", help="Patient (any part of the name).")
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(
            metavar="STATUS",
            help="awaiting completion, completed, failed, released or quarantined.",
        ),
    ] = None,
    formulation: Annotated[str | None, typer.Option(metavar="ID", help="Formulation id.")] = None,
    log: LogUrlOption = None,
    pharmacy: PharmacyOption = None,
    lang: LangOption = None,
    json: JsonOption = False,
) -> None:
    """List the lots in the log, oldest first.

    \b
    Example:
      ldncalc liquid --target 4.5mg --record record.txt --lot LDN-0001
      ldncalc log list --since 2026-01-01
    """
    _speak(lang)  # first: a refusal that follows speaks it
    from ldncalc.checks import read_date
    from ldncalc.log import list_lots
    from ldncalc.log.render import lots_table

    first = read_date(since, "--since") if since is not None else None
    last = read_date(until, "--until") if until is not None else None
    with _opened(log, pharmacy, lang) as (book, _):
        lots = list_lots(
            book, since=first, until=last, patient=patient, status=status, formulation=formulation
        )
    _echo(lots, json, lambda: lots_table(lots, _voice()))


@app.command("show")
def show_command(
    lot: LotArgument,
    log: LogUrlOption = None,
    pharmacy: PharmacyOption = None,
    lang: LangOption = None,
    json: JsonOption = False,
) -> None:
    """Show one lot: its preparation, patient, ingredient lots, status and every entry.

    \b
    Example:
      ldncalc liquid --target 4.5mg --record record.txt --lot LDN-0001
      ldncalc log show LDN-0001
    """
    _speak(lang)  # first: a refusal that follows speaks it
    from ldncalc.log import show
    from ldncalc.log.render import lot_text

    with _opened(log, pharmacy, lang) as (book, _):
        found, entries = show(book, lot.strip())
    _echo({"lot": found, "entries": entries}, json, lambda: lot_text(found, entries, _voice()))


@app.command("recall")
def recall_command(
    ingredient_lot: Annotated[
        str | None,
        typer.Option(metavar="LOT", help="Every preparation made from this ingredient lot."),
    ] = None,
    formulation: Annotated[
        str | None, typer.Option(metavar="ID", help="Every preparation made to this formulation.")
    ] = None,
    formulation_version: Annotated[
        int | None, typer.Option(metavar="N", help="…at this version of --formulation.")
    ] = None,
    lot: Annotated[str | None, typer.Option("--lot", metavar="LOT", help="This lot.")] = None,
    log: LogUrlOption = None,
    pharmacy: PharmacyOption = None,
    lang: LangOption = None,
    json: JsonOption = False,
) -> None:
    """Who received what: each affected preparation with patient, Rx and dates.

    \b
    Example:
      ldncalc liquid --target 4.5mg --record record.txt --ingredient-lot naltrexone=NX2291
      ldncalc log recall --ingredient-lot NX2291
    """
    _speak(lang)  # first: a refusal that follows speaks it
    from ldncalc.log import recall
    from ldncalc.log.render import lots_table

    given = [
        name
        for name, value in (
            ("--ingredient-lot", ingredient_lot),
            ("--formulation", formulation),
            ("--lot", lot),
        )
        if value is not None
    ]
    if len(given) > 1:
        raise InputError(given[1], None, code="options-exclusive", other=given[0], recall=True)
    if formulation_version is not None and formulation is None:
        raise InputError(
            "--formulation-version",
            formulation_version,
            code="option-needs",
            needs="formulation",
            metavar="ID",
        )
    with _opened(log, pharmacy, lang) as (book, _):
        lots = recall(
            book,
            ingredient_lot=ingredient_lot,
            formulation=formulation,
            formulation_version=formulation_version,
            lot=lot,
        )
    _echo(lots, json, lambda: lots_table(lots, _voice()))


@app.command("complete")
def complete_command(
    lot: LotArgument,
    actual: Annotated[
        list[str] | None,
        typer.Option(
            metavar="INGREDIENT=QTY",
            help="Quantity actually weighed or measured (repeatable, every ingredient): "
            "naltrexone=2 (tablets), water=100mL, naltrexone=450.3mg.",
            show_default=False,
        ),
    ] = None,
    capsule_weight: Annotated[
        list[str] | None,
        typer.Option(
            metavar="MASS",
            help="Weight of one filled capsule of a sample (repeatable, capsules only).",
            show_default=False,
        ),
    ] = None,
    shell_weight: Annotated[
        str | None,
        typer.Option(
            metavar="MASS",
            help="Weight of one empty shell (capsules only).",
            show_default="the shell weight the record was calculated with",
        ),
    ] = None,
    by: Annotated[
        str | None,
        typer.Option(metavar="NAME", help="Who weighed.", show_default="who prepared the lot"),
    ] = None,
    correction: Annotated[
        str | None,
        typer.Option(
            metavar="REASON",
            help="Complete an already completed lot again, correcting the last completion.",
            show_default=False,
        ),
    ] = None,
    log: LogUrlOption = None,
    pharmacy: PharmacyOption = None,
    lang: LangOption = None,
    json: JsonOption = False,
) -> None:
    """Record the quantities actually used: variances against tolerances, strength made, pass
    or fail.

    \b
    Example:
      ldncalc liquid --target 4.5mg --record record.txt --lot LDN-0001
      ldncalc log complete LDN-0001 --actual naltrexone=2 --actual water=100mL
    """
    _speak(lang)  # first: a refusal that follows speaks it
    from ldncalc.log import complete, show
    from ldncalc.log.render import completion_text

    with _opened(log, pharmacy, lang) as (book, _):
        entry = complete(
            book,
            lot.strip(),
            actual=actual or [],
            by=by,
            capsule_weights=capsule_weight or [],
            shell_weight=shell_weight,
            correction=correction,
        )
        # the lot's registered result: its formulation names the ingredients in French
        result = show(book, entry.lot)[1][0].body.get("result") if _voice().fr else None
    _echo(entry, json, lambda: completion_text(entry, _voice(), result))


@app.command("verify")
def verify_command(
    lot: LotArgument,
    pharmacist: Annotated[
        str | None,
        typer.Option(
            metavar="NAME", help="The pharmacist who checked the lot.", show_default=False
        ),
    ] = None,
    reject: Annotated[
        str | None,
        typer.Option(
            metavar="REASON", help="Quarantine the lot instead of releasing it.", show_default=False
        ),
    ] = None,
    log: LogUrlOption = None,
    pharmacy: PharmacyOption = None,
    lang: LangOption = None,
    json: JsonOption = False,
) -> None:
    """Release a completed lot that passed, or quarantine a lot (--reject).

    \b
    Example:
      ldncalc liquid --target 4.5mg --record record.txt --lot LDN-0001
      ldncalc log complete LDN-0001 --actual naltrexone=2 --actual water=100mL
      ldncalc log verify LDN-0001 --pharmacist "B. Chen"
    """
    _speak(lang)  # first: a refusal that follows speaks it
    from ldncalc.log import verify
    from ldncalc.log.render import verification_text

    with _opened(log, pharmacy, lang) as (book, profile):
        single = bool(
            profile is not None and profile.log is not None and profile.log.single_pharmacist
        )
        entry = verify(
            book, lot.strip(), pharmacist=pharmacist or "", reject=reject, single_pharmacist=single
        )
    _echo(entry, json, lambda: verification_text(entry, _voice()))


@app.command("audit")
def audit_command(
    log: LogUrlOption = None,
    pharmacy: PharmacyOption = None,
    lang: LangOption = None,
    json: JsonOption = False,
) -> None:
    """Verify the hash chain of the whole log; name the first entry that does not match
    (exit 1).

    \b
    Example:
      ldncalc liquid --target 4.5mg --record record.txt --lot LDN-0001
      ldncalc log audit
    """
    _speak(lang)  # first: a refusal that follows speaks it
    from ldncalc.log import audit
    from ldncalc.log.render import audit_text

    with _opened(log, pharmacy, lang) as (book, _):
        found = audit(book)
        where = str(book.location)
    _echo(found, json, lambda: audit_text(found, where, _voice()))
    if not found.ok:
        raise typer.Exit(EXIT_AUDIT_FAILED)


@app.command("export")
def export_command(
    format: Annotated[
        str, typer.Option("--format", metavar="FORMAT", help="csv or jsonl.")
    ] = "jsonl",
    log: LogUrlOption = None,
    pharmacy: PharmacyOption = None,
    lang: LangOption = None,
    json: JsonOption = False,
) -> None:
    """Every entry of the log, in order: CSV or JSON Lines (--json: one JSON array).

    \b
    Example:
      ldncalc liquid --target 4.5mg --record record.txt --lot LDN-0001
      ldncalc log export --format csv
    """
    _speak(lang)  # first: a refusal that follows speaks it
    from ldncalc.log import export

    with _opened(log, pharmacy, lang) as (book, _):
        if json:
            from ldncalc.log.render import json_text

            text = json_text(book.entries()) + "\n"
        else:
            text = export(book, format)
    typer.echo(text, nl=False)


@app.command("reprint")
def reprint_command(
    lot: LotArgument,
    label: Annotated[
        str | None,
        typer.Option(
            metavar="FILE", help="Reprint the label: .pdf, .zpl or .txt.", show_default=False
        ),
    ] = None,
    record: Annotated[
        str | None,
        typer.Option(metavar="FILE", help="Reprint the record: .pdf or .txt.", show_default=False),
    ] = None,
    log: LogUrlOption = None,
    pharmacy: PharmacyOption = None,
    lang: LangOption = None,
    json: JsonOption = False,
    force: Annotated[
        bool, typer.Option("--force", help="Replace an existing --label or --record file.")
    ] = False,
) -> None:
    """Reprint a lot's label or record from the result stored when it was issued (never
    recalculated), marked REPRINT with today's date.

    \b
    Example:
      ldncalc liquid --target 4.5mg --record record.txt --lot LDN-0001
      ldncalc log reprint LDN-0001 --record reprint.txt
    """
    _speak(lang)  # first: a refusal that follows speaks it
    from ldncalc.labels import LABEL_FORMATS, RECORD_FORMATS, output_format
    from ldncalc.labels.files import check_destination, write_all
    from ldncalc.log import reprint

    if label is None and record is None:
        raise InputError(
            "--label", None, code="options-one-of", options=(("label", "FILE"), ("record", "FILE"))
        )
    wanted = []
    if label is not None:
        wanted.append(
            (
                "label",
                "--label",
                label,
                output_format(label, None, option="--label", formats=LABEL_FORMATS),
            )
        )
    if record is not None:
        wanted.append(
            (
                "record",
                "--record",
                record,
                output_format(record, None, option="--record", formats=RECORD_FORMATS),
            )
        )
    for _, option, path, _ in wanted:
        check_destination(path, option=option, force=force)
    with _opened(log, pharmacy, lang) as (book, _):
        files = [
            (path, reprint(book, lot.strip(), document=document, output=output), option)
            for document, option, path, output in wanted
        ]
    write_all(files, force=force)
    written = [{"document": document, "path": path} for document, _, path, _ in wanted]
    from ldncalc.log.render import reprinted_text

    _echo(
        {"lot": lot.strip(), "reprinted": written},
        json,
        lambda: reprinted_text(written, lot.strip(), _voice()),
    )
