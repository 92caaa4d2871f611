"""A titration as an iCalendar file (RFC 5545) for the patient's own calendar program.

Made with icalendar (imported only when a ``.ics`` file is asked for):

- one all-day event on the first day of each step (a dose change), saying the dose and how
  to measure it: the volume and the syringe, or which capsules; its description gives the
  step's last day. The events are "free" time (``TRANSP:TRANSPARENT``): they block nothing.
- one daily reminder, a **separate** recurring event at bedtime (docs/basis.md §2: LDN is
  taken at bedtime) with a display alarm, from the first to the last day of the schedule
  (``RRULE:FREQ=DAILY;COUNT=days``). It is its own event so that the patient can switch it
  off by deleting it ("all events" of the series) or turning its alert off, and keep the
  dose changes. Its time is floating (the patient's local time wherever they are).

The words are in :mod:`ldncalc.locale.exchange` (English and French); every number goes
through the ISMP formatter. The file is written whole and owner-only
(:func:`ldncalc.labels.files.write_atomic`).
"""

from __future__ import annotations

import datetime
import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from ldncalc.exchange.fhir import capsules_taken, title
from ldncalc.formatting import format_date, format_quantity
from ldncalc.locale.exchange import ICS, ics_words
from ldncalc.locale.phrases import Lang, phrases

if TYPE_CHECKING:
    from ldncalc.titration.models import ScheduleStep, TitrationResult

PRODID = "-//ldncalc//Titration calendar//EN"
BEDTIME = datetime.time(21, 30)  # the reminder's default time: at bedtime


def titration_ics(
    result: TitrationResult,
    *,
    lang: Lang = "en",
    reminder: datetime.time | None = BEDTIME,
    patient: str | None = None,
    now: datetime.datetime | None = None,
) -> bytes:
    """The iCalendar text of ``result``: an event per dose change and, unless ``reminder`` is
    ``None``, a daily reminder at that local time. ``patient`` names the calendar;
    ``now`` is the time stamp of its events (default: now, UTC)."""
    from icalendar import Alarm, Calendar, Event

    stamp = (now or datetime.datetime.now(datetime.UTC)).astimezone(datetime.UTC)
    seed = hashlib.sha256(result.model_dump_json(exclude={"formulation": {"path"}}).encode())
    uid = seed.hexdigest()[:24]
    name = title(result, lang)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{name} ({patient})" if patient else name)
    words = phrases(lang)
    for step in result.schedule:
        event = Event()
        event.add("uid", f"{uid}-step-{step.number}@ldncalc")
        event.add("dtstamp", stamp)
        event.add("dtstart", step.first_day)
        event.add("dtend", step.first_day + datetime.timedelta(days=1))
        key = "start" if step.number == 1 else "change"
        event.add("summary", ics_words(lang, key, dose=_q(step.dose, lang)))
        lines = [
            _take(step, result, lang),
            ics_words(lang, "until", day=_day(step.last_day, lang)),
            f"{words.opioid_warning}.",
        ]
        event.add("description", "\n".join(lines))
        event.add("transp", "TRANSPARENT")
        event.add("categories", [ICS["category"][0 if lang == "en" else 1]])
        calendar.add_component(event)
    if reminder is not None:
        event = Event()
        event.add("uid", f"{uid}-reminder@ldncalc")
        event.add("dtstamp", stamp)
        start = datetime.datetime.combine(result.start_date, reminder)  # floating: local time
        event.add("dtstart", start)
        event.add("dtend", start + datetime.timedelta(minutes=5))
        event.add("rrule", {"freq": "daily", "count": result.days})
        event.add("summary", ics_words(lang, "reminder", when=_when(result, lang)))
        event.add("description", ics_words(lang, "reminder-off"))
        event.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", ics_words(lang, "reminder", when=_when(result, lang)))
        alarm.add("trigger", datetime.timedelta(0))
        event.add_component(alarm)
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data


def write_ics(
    result: TitrationResult,
    path: str | os.PathLike[str],
    *,
    lang: Lang = "en",
    reminder: datetime.time | None = BEDTIME,
    patient: str | None = None,
    force: bool = False,
    option: str = "--ics",
) -> Path:
    """Write :func:`titration_ics` to ``path``: whole, owner-only, an existing file replaced
    only with ``force``."""
    from ldncalc.labels.files import write_atomic

    data = titration_ics(result, lang=lang, reminder=reminder, patient=patient)
    return write_atomic(path, data, option=option, force=force)


def _q(quantity: object, lang: Lang) -> str:
    return format_quantity(quantity, lang=lang)  # type: ignore[arg-type]


def _day(day: datetime.date, lang: Lang) -> str:
    """``Mon 03 Mar 2025``: the weekday and the date, as on the calendar."""
    return f"{phrases(lang).weekdays[day.weekday()]} {format_date(day, lang)}"


def _when(result: TitrationResult, lang: Lang) -> str:
    return phrases(lang).times_a_day.get(result.doses_per_day, result.directions)


def _take(step: ScheduleStep, result: TitrationResult, lang: Lang) -> str:
    """``Take 0.5 mL (0.5 mg) by mouth at bedtime, with the 1 mL oral syringe`` or the
    capsules of the dose."""
    from ldncalc.locale import Voice, render
    from ldncalc.messages import Message

    words = phrases(lang)
    voice = Voice(lang, "cli")
    when = _when(result, lang)
    if step.volume is not None:
        take = words.take_liquid.format(
            volume=_q(step.volume, lang), dose=_q(step.dose, lang), when=when
        )
        if step.syringe is None:
            return take
        syringe = step.syringe
        params = {
            "name": syringe.name, "kind": "syringe", "capacity": syringe.capacity,
            "graduation": syringe.graduation,
        }  # fmt: skip
        device = render(Message(code="measuring-device", params=params), voice)
        return ics_words(lang, "with-syringe", take=take, device=device)
    return ics_words(lang, "capsules", measure=capsules_taken(step, lang), when=when)
