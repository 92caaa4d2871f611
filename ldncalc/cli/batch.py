"""``ldncalc batch``: many orders at once, per order the result, label, record and log entry."""

from typing import Annotated

import typer

from ldncalc.cli.options import FormulationsDirOption, LogUrlOption, NoLogOption, PharmacyOption


def batch_command(
    orders: Annotated[
        str | None,
        typer.Argument(
            metavar="ORDERS",
            help="The orders: a .csv file (a header row), a .jsonl file (one JSON object a "
            "line) or a .json FHIR Bundle of MedicationRequests. Columns: kind (liquid, "
            "capsule, drops or cream), the options of that command as the library names them "
            "(target, days, doses_per_day, strength, quantity, source, drop_volume…), and "
            "patient, prescriber, rx, directions, "
            "lot, date, lang, expiry (INGREDIENT=DATE;…).",
            show_default=False,
        ),
    ] = None,
    out: Annotated[
        str | None,
        typer.Option(
            metavar="DIR",
            help="Folder the orders are written in (order-LINE/ each, and summary.csv).",
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check every order (and its label); write nothing.")
    ] = False,
    results_only: Annotated[
        bool,
        typer.Option(
            "--results-only",
            help="Write each order's result.json only: no label, record or log entry.",
        ),
    ] = False,
    label_format: Annotated[
        str, typer.Option(metavar="FORMAT", help="Format of the labels: pdf, zpl or txt.")
    ] = "pdf",
    record_format: Annotated[
        str, typer.Option(metavar="FORMAT", help="Format of the records: pdf or txt.")
    ] = "pdf",
    pharmacy: PharmacyOption = None,
    log: LogUrlOption = None,
    no_log: NoLogOption = False,
    formulations_dir: FormulationsDirOption = None,
    lang: Annotated[
        str | None,
        typer.Option(
            metavar="LANG",
            help="Language of the screen and of the messages in the summary: en or fr.",
            show_default="en",
        ),
    ] = None,
    template: Annotated[
        str | None,
        typer.Option(
            metavar="FILE",
            help="Write an example orders file (.csv) with every column, and exit.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace an existing --template file.")
    ] = False,
) -> None:
    """Batch orders: per order the result JSON, label, record and log entry; a summary.

    \b
    Example:
      ldncalc batch --template orders.csv
      ldncalc batch orders.csv --out . --dry-run
    """
    import sys

    from ldncalc.batch import Settings, read_orders, run_batch
    from ldncalc.cli.language import choose, voice
    from ldncalc.cli.options import required
    from ldncalc.errors import InputError
    from ldncalc.labels import output_format
    from ldncalc.locale.batch import batch_say
    from ldncalc.locale.common import kind_name

    choose(lang)
    if template is not None:
        from ldncalc.batch import write_template

        path = write_template(template, force=force)
        typer.echo(batch_say(voice(), "template", path=path))
        return
    if force:  # the orders' folders are never replaced: only a template is
        raise InputError("--force", None, code="option-only-with", with_=(("template", "FILE"),))
    folder = required(out, "--out", "today/")
    if no_log and log is not None:
        raise InputError("--log", log, code="options-exclusive", other="no_log")
    label = output_format("x", label_format, option="--label", formats=("pdf", "zpl", "txt"))
    record = output_format("x", record_format, option="--record", formats=("pdf", "txt"))
    settings = Settings(
        out=folder,
        results_only=results_only,
        dry_run=dry_run,
        label_format=label,
        record_format=record,
        pharmacy=pharmacy,
        log=log,
        no_log=no_log,
        formulations_dir=formulations_dir,
        lang=voice().lang,
    )
    if orders is None:
        raise InputError("ORDERS", None, code="batch-orders")
    read = read_orders(orders, parameter="ORDERS")
    v = voice()
    if sys.stderr.isatty():  # a progress bar on a terminal only, never in a pipe or a file
        from rich.progress import Progress

        with Progress(transient=True) as bar:
            task = bar.add_task(batch_say(v, "progress"), total=len(read))
            report = run_batch(read, settings, progress=lambda n: bar.advance(task, n))
    else:
        report = run_batch(read, settings)
    heads = batch_say(v, "heads").split("|")
    rows = [
        (
            str(o.line),
            batch_say(v, o.status),
            kind_name(o.kind, v),
            o.rx,
            o.lot,
            o.bud,
            f"{o.field}: {o.message}" if o.field else o.message,
        )
        for o in report.outcomes
    ]
    widths = [max(len(row[i]) for row in [heads, *rows]) for i in range(len(heads) - 1)]
    for row in [heads, *rows]:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        typer.echo("  ".join([*cells, row[-1]]).rstrip())
    failed = sum(not o.ok for o in report.outcomes)
    done = batch_say(v, "done", ok=len(rows) - failed, total=len(rows), failed=failed)
    typer.echo(done)
    if report.summary is not None:
        typer.echo(batch_say(v, "summary", path=report.summary), err=True)
    if failed:
        raise typer.Exit(2)
