"""The patient's calendar of a titration, as text and as a PDF to hand over.

A finished :class:`~ldncalc.titration.TitrationResult` in, text or PDF bytes out: it formats,
it never calculates. It may name the patient and the pharmacy (name and phone, from the
pharmacy profile); the PDF is on the profile's paper (letter or A4), A4 without a profile, in
the label font of :mod:`ldncalc.fonts` (DejaVu Sans, embedded) so it prints on any
machine, and it is written whole or not at all (:func:`ldncalc.labels.files.write_atomic`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from ldncalc.bud import format_date
from ldncalc.formatting import format_number
from ldncalc.formatting import format_quantity as fq
from ldncalc.titration.models import ScheduleStep, TitrationResult
from ldncalc.titration.render import WEEKDAYS, WIDTH, day_text, measure_text, table, title

if TYPE_CHECKING:
    from ldncalc.profile import Profile

PAPER_WITHOUT_PROFILE = "a4"


def calendar_text(
    result: TitrationResult, *, patient: str | None = None, pharmacy: Profile | None = None
) -> str:
    """The patient's calendar: what to take from when to when, then every day week by week."""
    head = f"Your dose calendar: {title(result)}"
    lines = [head, "=" * min(len(head), WIDTH)]
    lines += _who(patient, pharmacy)
    lines += _patient_header(result)
    lines.append("")
    rows = [
        (day_text(s.first_day), day_text(s.last_day), fq(s.dose), measure_text(s))
        for s in result.schedule
    ]
    lines += table(("From", "To", "Dose", "Take"), rows)
    lines += ["", "Day by day (tick each dose when taken)"]
    for number, week in enumerate(_weeks(result), 1):
        dates = "  ".join(f"{_short(day):<9}" for day, _ in week)
        doses = "  ".join(f"{_cell(step):<9}" for _, step in week)
        lines += [f"Week {format_number(number):<3} {dates}".rstrip(), f"{'':9}{doses}".rstrip()]
    lines += ["", *_patient_footer(result)]
    return "\n".join(lines)


def write_calendar_pdf(
    result: TitrationResult,
    path: str | os.PathLike[str],
    *,
    patient: str | None = None,
    pharmacy: Profile | None = None,
    force: bool = False,
) -> Path:
    """Write the patient's calendar as a PDF at ``path``, whole or not at all, replacing an
    existing file only with ``force`` (never a read-only one); an
    :class:`~ldncalc.errors.OutputError` on ``--pdf`` if it cannot be written."""
    from ldncalc.labels.files import write_atomic  # imported here: only this output needs it

    data = calendar_pdf(result, patient=patient, pharmacy=pharmacy)
    return write_atomic(path, data, option="--pdf", force=force)


def calendar_pdf(
    result: TitrationResult, *, patient: str | None = None, pharmacy: Profile | None = None
) -> bytes:
    """The patient's calendar as PDF bytes: the steps, then a box to tick for every day."""
    from fpdf import FPDF  # imported here: only this output needs it

    from ldncalc.fonts import BOLD, FAMILY, REGULAR

    who = _who(patient, pharmacy)  # a name the font cannot print stops before any PDF work
    paper = pharmacy.paper if pharmacy is not None else PAPER_WITHOUT_PROFILE
    whose = f"{patient}  ·  " if patient else ""

    class CalendarPDF(FPDF):
        def footer(self) -> None:  # every page says whose it is: pages get separated
            self.set_y(-12)
            self.set_font(FAMILY, "", 8)
            page = f"Page {format_number(self.page_no())} of {self.str_alias_nb_pages}"
            self.cell(0, 5, f"{whose}{title(result)}  ·  {page}", align="C")

    pdf = CalendarPDF(orientation="portrait", unit="mm", format=paper)
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
    for line in [*who, *_patient_header(result)]:
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


def _who(patient: str | None, pharmacy: Profile | None) -> list[str]:
    """Whose calendar it is, and the pharmacy to call. A name the label font cannot print is
    refused (:class:`~ldncalc.errors.InputError` on ``--patient``), never printed blank."""
    from ldncalc.fonts import check_printable

    lines = []
    if patient:
        lines.append(f"For: {check_printable(patient, '--patient')}")
    if pharmacy is not None:
        lines.append(f"Pharmacy: {pharmacy.name}, {pharmacy.phone}")
    return lines


def _patient_header(result: TitrationResult) -> list[str]:
    from ldncalc.locale.phrases import phrases  # imported here: the calendar alone needs it

    lines = [f"Take once a day, {result.directions}."]
    # what matters most to an LDN patient, as on every label (docs/basis.md §6)
    lines.append(f"{phrases('en').opioid_warning}.")
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
    container, what = (
        ("Bottle", "bottles (do not use a bottle after its date)")
        if result.form == "liquid"
        else ("Supply", "capsules (do not use any after the date on its container)")
    )
    lines.append(f"Your {what}:")
    lines += [
        f"  {container} {format_number(f.number)}: from {day_text(f.first_day)}, "
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
