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
from ldncalc.formatting import format_number, format_quantity
from ldncalc.locale import Voice, render
from ldncalc.locale.auxiliary import auxiliary_in_full
from ldncalc.locale.phrases import Lang, Phrases, phrases
from ldncalc.messages import Message
from ldncalc.screen.titration import WIDTH, table
from ldncalc.titration.models import ScheduleStep, TitrationResult

if TYPE_CHECKING:
    from ldncalc.profile import Profile
    from ldncalc.units import Qty

PAPER_WITHOUT_PROFILE = "a4"


def calendar_text(
    result: TitrationResult,
    *,
    patient: str | None = None,
    pharmacy: Profile | None = None,
    lang: Lang = "en",
) -> str:
    """The patient's calendar in ``lang``: what to take from when to when, then every day
    week by week."""
    words = phrases(lang)
    head = words.calendar_heading.format(title=_title(result, lang))
    lines = [head, "=" * min(len(head), WIDTH)]
    lines += _who(patient, pharmacy, lang)
    lines += _patient_header(result, lang)
    lines.append("")
    rows = [
        (
            _day(s.first_day, lang),
            _day(s.last_day, lang),
            _q(s.dose, lang),
            _measure(s, lang),
        )
        for s in result.schedule
    ]
    lines += table(words.calendar_columns, rows)
    lines += ["", words.day_by_day]
    for number, week in enumerate(_weeks(result), 1):
        dates = "  ".join(f"{_short(day, lang):<9}" for day, _ in week)
        doses = "  ".join(f"{_cell(step, lang):<9}" for _, step in week)
        lines += [
            f"{words.week} {format_number(number, lang=lang):<3} {dates}".rstrip(),
            f"{'':9}{doses}".rstrip(),
        ]
    lines += ["", *_patient_footer(result, lang)]
    return "\n".join(lines)


def write_calendar_pdf(
    result: TitrationResult,
    path: str | os.PathLike[str],
    *,
    patient: str | None = None,
    pharmacy: Profile | None = None,
    force: bool = False,
    lang: Lang = "en",
) -> Path:
    """Write the patient's calendar as a PDF at ``path``, whole or not at all, replacing an
    existing file only with ``force`` (never a read-only one); an
    :class:`~ldncalc.errors.OutputError` on ``--pdf`` if it cannot be written."""
    from ldncalc.labels.files import write_atomic  # imported here: only this output needs it

    data = calendar_pdf(result, patient=patient, pharmacy=pharmacy, lang=lang)
    return write_atomic(path, data, option="--pdf", force=force)


def calendar_pdf(
    result: TitrationResult,
    *,
    patient: str | None = None,
    pharmacy: Profile | None = None,
    lang: Lang = "en",
) -> bytes:
    """The patient's calendar in ``lang`` as PDF bytes: the steps, then a box to tick for
    every day."""
    from fpdf import FPDF  # imported here: only this output needs it

    from ldncalc.fonts import FAMILY
    from ldncalc.labels.embed import add_faces, output

    words = phrases(lang)
    title = _title(result, lang)
    who = _who(patient, pharmacy, lang)  # a name the font cannot print stops before any PDF
    paper = pharmacy.paper if pharmacy is not None else PAPER_WITHOUT_PROFILE
    whose = f"{patient}  ·  " if patient else ""

    class CalendarPDF(FPDF):
        def footer(self) -> None:  # every page says whose it is: pages get separated
            self.set_y(-12)
            self.set_font(FAMILY, "", 8)
            page = words.page.format(
                n=format_number(self.page_no(), lang=lang), total=self.str_alias_nb_pages
            )
            self.cell(0, 5, f"{whose}{title}  ·  {page}", align="C")

    pdf = CalendarPDF(orientation="portrait", unit="mm", format=paper)
    pdf.set_creation_date(_creation(result))
    pdf.set_title(words.calendar_pdf_title.format(title=title))
    pdf.set_auto_page_break(auto=True, margin=15)
    add_faces(pdf)  # parsed once per process (embed.py), as on labels and records
    pdf.add_page()
    width = pdf.epw

    pdf.set_font(FAMILY, "B", 15)
    pdf.multi_cell(width, 7, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", 12)
    for line in [*who, *_patient_header(result, lang)]:
        pdf.multi_cell(width, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)

    columns = (0.24, 0.24, 0.14, 0.38)
    pdf.set_font(FAMILY, "B", 11)
    for name, share in zip(words.calendar_columns, columns, strict=True):
        pdf.cell(width * share, 7, name, border="B")
    pdf.ln(7)
    pdf.set_font(FAMILY, "", 11)
    for step in result.schedule:
        cells = (_day(step.first_day, lang), _day(step.last_day, lang), _q(step.dose, lang))
        for text, share in zip(cells, columns[:-1], strict=True):
            pdf.cell(width * share, 7, text)
        pdf.multi_cell(
            width * columns[-1], 7, _measure(step, lang), align="L", new_x="LMARGIN", new_y="NEXT"
        )
    pdf.ln(4)

    pdf.set_font(FAMILY, "B", 12)
    pdf.cell(width, 7, words.day_by_day_pdf, new_x="LMARGIN", new_y="NEXT")
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
            pdf.cell(cell_w - 2, 4, f"{words.weekdays[day.weekday()]} {_short(day, lang)}")
            pdf.set_xy(x + 1, top + 6)
            pdf.set_font(FAMILY, "", 10)
            pdf.cell(cell_w - 7, 6, _cell(step, lang))
            pdf.rect(x + cell_w - 6, top + cell_h - 6, 4, 4)  # the box to tick
        pdf.set_xy(pdf.l_margin, top + cell_h)
    pdf.ln(4)
    pdf.set_font(FAMILY, "", 10)
    for line in _patient_footer(result, lang):
        pdf.multi_cell(width, 5, line, new_x="LMARGIN", new_y="NEXT")
    return output(pdf)


def _creation(result: TitrationResult) -> datetime:
    """A fixed creation date (the schedule's start), so the same result gives the same PDF."""
    start = result.start_date
    return datetime(start.year, start.month, start.day, tzinfo=UTC)


def _who(patient: str | None, pharmacy: Profile | None, lang: Lang) -> list[str]:
    """Whose calendar it is, and the pharmacy to call. A name the label font cannot print is
    refused (:class:`~ldncalc.errors.InputError` on ``--patient``), never printed blank."""
    from ldncalc.fonts import check_printable

    words = phrases(lang)
    lines = []
    if patient:
        lines.append(words.calendar_for.format(patient=check_printable(patient, "--patient")))
    if pharmacy is not None:
        lines.append(words.calendar_pharmacy.format(name=pharmacy.name, phone=pharmacy.phone))
    return lines


def _patient_header(result: TitrationResult, lang: Lang) -> list[str]:
    words = phrases(lang)
    lines = [words.take_once_a_day.format(when=_when(result, words))]
    # what matters most to an LDN patient, as on every label (docs/basis.md §6)
    lines.append(f"{words.opioid_warning}.")
    if result.auxiliary_labels:
        said = (auxiliary_in_full(w, lang) for w in result.auxiliary_labels)
        lines.append(". ".join(said) + ".")
    last = result.schedule[-1]
    lines.append(words.keep_taking.format(day=_day(last.first_day, lang), dose=_q(last.dose, lang)))
    return lines


def _patient_footer(result: TitrationResult, lang: Lang) -> list[str]:
    words = phrases(lang)
    lines = [words.new_dose, words.your_fills[result.form]]
    lines += [
        words.fill_line.format(
            container=words.fill_containers[result.form],
            number=format_number(f.number, lang=lang),
            first=_day(f.first_day, lang),
            last=_day(f.bud_date, lang),
        )
        for f in result.fills
    ]
    lines.append(words.questions)
    return lines


def _title(result: TitrationResult, lang: Lang) -> str:
    """``Naltrexone HCl 1 mg/mL oral suspension: 0.5 mg to 4.5 mg at bedtime``."""
    words = phrases(lang)
    dose = {"start": _q(result.start, lang), "target": _q(result.target, lang)}
    when = _when(result, words)
    if result.concentration is None:
        return words.calendar_title_capsules.format(**dose, when=when)
    form = words.dosage_forms.get(result.dosage_form, result.dosage_form)
    concentration = _q(result.concentration, lang)
    return words.calendar_title_liquid.format(
        concentration=concentration, form=form, **dose, when=when
    )


def _when(result: TitrationResult, words: Phrases) -> str:
    """When the dose is taken (``at bedtime``), in the calendar's language."""
    english = phrases("en").times_a_day
    key = next((n for n, text in english.items() if text == result.directions), None)
    return words.times_a_day[key] if key is not None else result.directions


def _day(day: date, lang: Lang) -> str:
    """``Mon 03 Mar 2025`` (French ``lun. 03 mars 2025``): the weekday, then the date as on a
    label."""
    return f"{phrases(lang).weekdays[day.weekday()]} {format_date(day, lang)}"


def _q(quantity: Qty, lang: Lang) -> str:
    return format_quantity(quantity, lang=lang)


def _measure(step: ScheduleStep, lang: Lang) -> str:
    """How the patient takes one step's dose: ``0.5 mL (1 mL oral syringe)`` or capsules
    (``2 capsules: 1 × 3 mg + 1 × 1.5 mg``)."""
    voice = Voice(lang, "cli")
    if step.volume is not None and step.syringe is not None:
        syringe = step.syringe
        params = {
            "name": syringe.name, "kind": "syringe", "capacity": syringe.capacity,
            "graduation": syringe.graduation,
        }  # fmt: skip
        device = render(Message(code="measuring-device", params=params), voice)
        return f"{_q(step.volume, lang)} ({device})"
    total = sum(c.count for c in step.capsules)
    capsules = " + ".join(f"{voice.n(c.count)} × {voice.q(c.strength)}" for c in step.capsules)
    return phrases(lang).capsule_measure.format(
        count=voice.counted(total, "capsule"), capsules=capsules
    )


def _weeks(result: TitrationResult) -> Iterator[list[tuple[date, ScheduleStep]]]:
    """Every day of the schedule with its step, seven days a row from the start date."""
    days = [
        (step.first_day + timedelta(days=offset), step)
        for step in result.schedule
        for offset in range(step.days)
    ]
    for start in range(0, len(days), 7):
        yield days[start : start + 7]


def _short(day: date, lang: Lang) -> str:
    """``03 Mar``: a day of the calendar without its year."""
    return format_date(day, lang).rsplit(" ", 1)[0]


def _cell(step: ScheduleStep, lang: Lang) -> str:
    """What one day's box shows: the volume to measure, or the dose for capsules."""
    return _q(step.volume, lang) if step.volume is not None else _q(step.dose, lang)
