"""Renderers of a titration: the pharmacist's screen, and the patient's calendar (text and PDF).

A finished :class:`~ldncalc.titration.TitrationResult` in, text or a PDF file out: they format,
they never calculate. Numbers go through :mod:`ldncalc.formatting`, dates through
:func:`ldncalc.bud.format_date` (``03 Mar 2025``: never 03/03/25), and the PDF uses the label
font of :mod:`ldncalc.labels.fonts` (DejaVu Sans, embedded), so it prints on any machine.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from ldncalc.bud import format_date
from ldncalc.errors import InputError
from ldncalc.formatting import format_quantity as fq
from ldncalc.models import Amount

if TYPE_CHECKING:
    from ldncalc.titration import CapsuleCount, ScheduleStep, TitrationResult

WIDTH = 78
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def day_text(day: date) -> str:
    """``Mon 03 Mar 2025``: the weekday, then the date as on a label."""
    return f"{WEEKDAYS[day.weekday()]} {format_date(day)}"


def title(result: TitrationResult) -> str:
    """``Naltrexone HCl 1 mg/mL oral suspension: 0.5 mg to 4.5 mg at bedtime``."""
    what = (
        f"{fq(result.concentration)} {result.dosage_form}"
        if result.concentration is not None
        else "capsules"
    )
    return f"Naltrexone HCl {what}: {fq(result.start)} to {fq(result.target)} {result.directions}"


def capsules_text(capsules: Sequence[CapsuleCount]) -> str:
    """``1 × 3 mg + 1 × 1.5 mg`` capsules of one dose."""
    return " + ".join(f"{c.count} × {fq(c.strength)}" for c in capsules)


def measure_text(step: ScheduleStep) -> str:
    """How the patient takes one step's dose: ``0.5 mL (1 mL oral syringe)`` or capsules."""
    if step.volume is not None and step.syringe is not None:
        return f"{fq(step.volume)} ({step.syringe.name})"
    total = sum(c.count for c in step.capsules)
    noun = "capsule" if total == 1 else "capsules"
    return f"{total} {noun}: {capsules_text(step.capsules)}"


def titration_text(result: TitrationResult) -> str:
    """The pharmacist's screen: the dated schedule, what to compound and when, the working."""
    head = title(result)
    lines = [head, "=" * min(len(head), WIDTH)]
    lines.append(
        f"Formulation  {result.formulation.id} (v{result.formulation.version}): "
        f"{result.formulation.name}"
    )
    if result.protocol is not None:
        lines.append(f"Protocol     {result.protocol.id}: {result.protocol.name}")
    lines.append(
        f"Schedule     {len(result.schedule)} steps, {result.days} days: "
        f"{day_text(result.start_date)} to {day_text(result.end_date)}"
    )
    lines += ["", *_table(("Step", "From", "To", "Days", "Dose", "Take"), _step_rows(result))]
    if result.form == "capsule":
        lines += ["", "Capsules to compound for the whole schedule"]
        for count in result.capsule_strengths:
            lines.append(
                f"  {count.count:>4} × {fq(count.strength)} capsules   (ldncalc capsule "
                f"--strength {_cli(count)} --quantity {count.count})"
            )
    lines += ["", f"Fills (BUD {result.bud.days} days; {result.bud.storage})"]
    lines += _fills(result)
    if result.form == "liquid":
        assert result.total_volume is not None
        assert result.tablet_strength is not None
        lines += [
            "",
            f"Totals   {result.tablets} × {fq(result.tablet_strength)} tablets "
            f"({_tablet_drug(result)}), {fq(result.total_volume)} in {len(result.fills)} "
            f"fill{'s' if len(result.fills) != 1 else ''}; {fq(result.drug_taken)} taken",
        ]
    lines.append(f"BUD      basis: {result.bud.basis}")
    lines.append(f"Labels   {', '.join(result.auxiliary_labels)}")
    if result.warnings:
        lines += ["", "WARNINGS"] + [f"  ! {w}" for w in result.warnings]
    if result.notes:
        lines += ["", "Notes"] + [f"  - {n}" for n in result.notes]
    lines += ["", "Calculation"] + [f"  {i}. {s}" for i, s in enumerate(result.steps, 1)]
    if result.form == "liquid":
        lines += ["", "Method (each fill)"]
        lines += [f"  {i}. {s}" for i, s in enumerate(result.method, 1)]
    if result.protocol is not None:
        lines += ["", "Protocol references"] + [f"  - {r}" for r in result.protocol.references]
    lines += ["", "BUD references"] + [f"  - {r}" for r in result.bud.references]
    return "\n".join(lines)


def calendar_text(result: TitrationResult) -> str:
    """The patient's calendar: what to take from when to when, then every day week by week."""
    head = f"Your dose calendar: {title(result)}"
    lines = [head, "=" * min(len(head), WIDTH)]
    lines += _patient_header(result)
    lines.append("")
    rows = [
        (day_text(s.first_day), day_text(s.last_day), fq(s.dose), measure_text(s))
        for s in result.schedule
    ]
    lines += _table(("From", "To", "Dose", "Take"), rows)
    lines += ["", "Day by day (tick each dose when taken)"]
    for number, week in enumerate(_weeks(result), 1):
        dates = "  ".join(f"{_short(day):<9}" for day, _ in week)
        doses = "  ".join(f"{_cell(step):<9}" for _, step in week)
        lines += [f"Week {number:<3} {dates}".rstrip(), f"{'':9}{doses}".rstrip()]
    lines += ["", *_patient_footer(result)]
    return "\n".join(lines)


def write_calendar_pdf(result: TitrationResult, path: str | os.PathLike[str]) -> Path:
    """Write the patient's calendar as a PDF at ``path`` (A4), whole or not at all: it is
    written to a temporary file beside ``path`` and renamed into place."""
    target = Path(path)
    if not target.parent.is_dir():
        raise InputError(
            "--pdf", str(path), "is in a folder that does not exist", "give a path in a folder"
        )
    data = calendar_pdf(result)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        # 0o666 less the umask, as any file a person writes (mkstemp would give 0o600)
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        temporary.replace(target)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise InputError("--pdf", str(path), f"cannot be written ({error.strerror})") from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return target


def calendar_pdf(result: TitrationResult) -> bytes:
    """The patient's calendar as PDF bytes: the steps, then a box to tick for every day."""
    from fpdf import FPDF  # imported here: only this output needs it

    from ldncalc.labels.fonts import BOLD, FAMILY, REGULAR

    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_creation_date(_creation(result))
    pdf.set_title(f"{title(result)}: dose calendar")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_font(FAMILY, "", REGULAR)
    pdf.add_font(FAMILY, "B", BOLD)
    pdf.add_page()
    width = pdf.epw

    pdf.set_font(FAMILY, "B", 15)
    pdf.multi_cell(width, 7, title(result), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", 12)
    for line in _patient_header(result):
        pdf.multi_cell(width, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)

    columns = (0.24, 0.24, 0.14, 0.38)
    pdf.set_font(FAMILY, "B", 11)
    for name, share in zip(("From", "To", "Dose", "Take"), columns, strict=True):
        pdf.cell(width * share, 7, name, border="B")
    pdf.ln(7)
    pdf.set_font(FAMILY, "", 11)
    for step in result.schedule:
        cells = (day_text(step.first_day), day_text(step.last_day), fq(step.dose))
        for text, share in zip(cells, columns[:-1], strict=True):
            pdf.cell(width * share, 7, text)
        pdf.multi_cell(
            width * columns[-1], 7, measure_text(step), align="L", new_x="LMARGIN", new_y="NEXT"
        )
    pdf.ln(4)

    pdf.set_font(FAMILY, "B", 12)
    pdf.cell(width, 7, "Day by day: tick each dose when taken", new_x="LMARGIN", new_y="NEXT")
    cell_w, cell_h = width / 7, 15
    for week in _weeks(result):
        if pdf.get_y() + cell_h > pdf.h - pdf.b_margin:
            pdf.add_page()
        top = pdf.get_y()
        for column, (day, step) in enumerate(week):
            x = pdf.l_margin + column * cell_w
            pdf.rect(x, top, cell_w, cell_h)
            pdf.set_xy(x + 1, top + 1)
            pdf.set_font(FAMILY, "B", 8)
            pdf.cell(cell_w - 2, 4, f"{WEEKDAYS[day.weekday()]} {_short(day)}")
            pdf.set_xy(x + 1, top + 6)
            pdf.set_font(FAMILY, "", 10)
            pdf.cell(cell_w - 7, 6, _cell(step))
            pdf.rect(x + cell_w - 6, top + cell_h - 6, 4, 4)  # the box to tick
        pdf.set_xy(pdf.l_margin, top + cell_h)
    pdf.ln(4)
    pdf.set_font(FAMILY, "", 10)
    for line in _patient_footer(result):
        pdf.multi_cell(width, 5, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _creation(result: TitrationResult) -> datetime:
    """A fixed creation date (the schedule's start), so the same result gives the same PDF."""
    start = result.start_date
    return datetime(start.year, start.month, start.day, tzinfo=UTC)


def _patient_header(result: TitrationResult) -> list[str]:
    lines = [f"Take once a day, {result.directions}."]
    if result.auxiliary_labels:
        lines.append(". ".join(result.auxiliary_labels) + ".")
    last = result.schedule[-1]
    lines.append(
        f"From {day_text(last.first_day)} your dose is {fq(last.dose)}: keep taking it as your "
        "prescriber tells you."
    )
    return lines


def _patient_footer(result: TitrationResult) -> list[str]:
    lines = [
        "If a new dose does not agree with you, ask your prescriber or pharmacist before "
        "going up again."
    ]
    if result.form == "liquid":
        lines.append("Your bottles (do not use a bottle after its date):")
        lines += [
            f"  Bottle {f.number}: from {day_text(f.first_day)}, "
            f"do not use after {day_text(f.bud_date)}"
            for f in result.fills
        ]
    lines.append("Questions about your doses: ask your pharmacist.")
    return lines


def _weeks(result: TitrationResult) -> Iterator[list[tuple[date, ScheduleStep]]]:
    """Every day of the schedule with its step, seven days a row from the start date."""
    days = [
        (step.first_day + timedelta(days=offset), step)
        for step in result.schedule
        for offset in range(step.days)
    ]
    for start in range(0, len(days), 7):
        yield days[start : start + 7]


def _short(day: date) -> str:
    """``03 Mar``: a day of the calendar without its year."""
    return format_date(day).rsplit(" ", 1)[0]


def _cell(step: ScheduleStep) -> str:
    """What one day's box shows: the volume to measure, or the dose for capsules."""
    return fq(step.volume) if step.volume is not None else fq(step.dose)


def _step_rows(result: TitrationResult) -> list[tuple[str, ...]]:
    return [
        (
            str(s.number),
            day_text(s.first_day),
            day_text(s.last_day),
            str(s.days),
            fq(s.dose),
            measure_text(s),
        )
        for s in result.schedule
    ]


def _fills(result: TitrationResult) -> list[str]:
    rows = []
    for fill in result.fills:
        if fill.volume is not None:
            tablets = f"{fill.tablets} tablet{'s' if fill.tablets != 1 else ''}"
            taken = fq(fill.volume_taken) if fill.volume_taken is not None else ""
            what = f"{tablets} to {fq(fill.volume)} ({taken} taken)"
        else:
            what = ", ".join(f"{c.count} × {fq(c.strength)}" for c in fill.capsules)
        rows.append(
            (
                str(fill.number),
                format_date(fill.compounding_date),
                format_date(fill.bud_date),
                f"{format_date(fill.first_day)} to {format_date(fill.last_day)}",
                what,
            )
        )
    lines = _table(("Fill", "Compound on", "BUD", "Doses from", "Make"), rows)
    for fill in result.fills:
        if fill.ingredients:
            take = "; ".join(_amount(a) for a in fill.ingredients)
            syringes = ", ".join(s.name for s in fill.syringes)
            lines.append(f"  Fill {fill.number}: {take}. Dispense with: {syringes}")
    return lines


def _amount(amount: Amount) -> str:
    if amount.tablets is not None:
        return f"{amount.tablets} × {amount.name}"
    if amount.qs_to is not None:
        return f"{amount.name} to {fq(amount.qs_to)}"
    quantity = amount.mass if amount.mass is not None else amount.volume
    assert quantity is not None
    return f"{fq(quantity)} {amount.name}"


def _tablet_drug(result: TitrationResult) -> str:
    assert result.tablet_strength is not None
    assert result.tablets is not None
    return f"{fq(result.tablet_strength * result.tablets)} naltrexone HCl"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Left-aligned columns two spaces apart; the last column is not padded."""
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header) - 1)]
    return [
        "  ".join(cell.ljust(w) for cell, w in zip(row[:-1], widths, strict=True)) + "  " + row[-1]
        for row in (header, *rows)
    ]


def _cli(count: CapsuleCount) -> str:
    return fq(count.strength).replace(" ", "")
