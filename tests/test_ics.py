"""A titration as iCalendar (issue 13 §3): an event per dose change with the dose and how to
measure it, and a daily reminder the patient can switch off; parsed back with icalendar."""

from __future__ import annotations

import datetime
import shlex
import stat
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from ldncalc import titrate
from ldncalc.cli import main
from ldncalc.exchange.ics import titration_ics

NOW = datetime.datetime(2026, 12, 1, 12, 0, tzinfo=datetime.UTC)


def liquid_plan() -> Any:
    return titrate(
        start="0.5mg",
        step="0.5mg",
        every="7d",
        target="2mg",
        start_date="2026-12-07",
        maintenance_days="14",
    )


def events(data: bytes) -> list[Any]:
    calendar = Calendar.from_ical(data)
    assert calendar["VERSION"] == "2.0"
    return list(calendar.walk("VEVENT"))


def test_one_event_per_dose_change_with_the_volume_and_syringe() -> None:
    found = events(titration_ics(liquid_plan(), now=NOW))
    changes = found[:-1]
    assert [str(e["SUMMARY"]) for e in changes] == [
        "Naltrexone: start at 0.5 mg",
        "Naltrexone: new dose, 1 mg",
        "Naltrexone: new dose, 1.5 mg",
        "Naltrexone: new dose, 2 mg",
    ]
    # all-day events on each step's first day, 7 days apart from 07 Dec 2026
    assert [e.decoded("DTSTART") for e in changes] == [
        datetime.date(2026, 12, 7),
        datetime.date(2026, 12, 14),
        datetime.date(2026, 12, 21),
        datetime.date(2026, 12, 28),
    ]
    assert [e.decoded("DTEND") - e.decoded("DTSTART") for e in changes] == [
        datetime.timedelta(days=1)
    ] * 4
    assert str(changes[0]["DESCRIPTION"]).splitlines() == [
        "Take 0.5 mL (0.5 mg) by mouth at bedtime, with the 1 mL oral syringe.",
        "This dose until Sun 13 Dec 2026.",
        "Naltrexone blocks opioid medicines: tell every prescriber, dentist and pharmacist; "
        "carry this information.",
    ]
    # the last step goes on for the 14 maintenance days: 28 Dec 2026 + 7 + 14 − 1 = 17 Jan 2027
    assert "This dose until Sun 17 Jan 2027." in str(changes[-1]["DESCRIPTION"])
    assert {str(e["TRANSP"]) for e in changes} == {"TRANSPARENT"}
    assert len({str(e["UID"]) for e in found}) == len(found)
    assert {e.decoded("DTSTAMP") for e in found} == {NOW}


def test_the_daily_reminder_is_its_own_recurring_event_with_an_alarm() -> None:
    plan = liquid_plan()
    reminder = events(titration_ics(plan, now=NOW))[-1]
    assert str(reminder["SUMMARY"]) == "Naltrexone: take your dose at bedtime"
    # floating local time (no time zone): bedtime wherever the patient is
    assert reminder.decoded("DTSTART") == datetime.datetime(2026, 12, 7, 21, 30)
    # every day of the schedule: 4 steps × 7 days + 14 maintenance days = 42
    assert plan.days == 42
    assert dict(reminder["RRULE"]) == {"FREQ": ["DAILY"], "COUNT": [42]}
    (alarm,) = reminder.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm.decoded("TRIGGER") == datetime.timedelta(0)
    assert "To switch it off, delete this event" in str(reminder["DESCRIPTION"])


def test_no_reminder_when_none_is_wanted() -> None:
    found = events(titration_ics(liquid_plan(), reminder=None, now=NOW))
    assert len(found) == 4
    assert not any("RRULE" in e for e in found)


def test_capsules_in_french() -> None:
    plan = titrate(
        start="0.5mg",
        step="0.5mg",
        every="7d",
        target="1.5mg",
        form="capsule",
        start_date="2026-12-07",
    )
    calendar = Calendar.from_ical(titration_ics(plan, lang="fr", patient="Jeanne Roy", now=NOW))
    assert str(calendar["X-WR-CALNAME"]) == (
        "Naltrexone HCl, capsules : de 0,5 mg à 1,5 mg au coucher (Jeanne Roy)"
    )
    found = list(calendar.walk("VEVENT"))
    assert [str(e["SUMMARY"]) for e in found] == [
        "Naltrexone : début à 0,5 mg",
        "Naltrexone : nouvelle dose, 1 mg",
        "Naltrexone : nouvelle dose, 1,5 mg",
        "Naltrexone : prenez votre dose au coucher",
    ]
    assert str(found[2]["DESCRIPTION"]).splitlines()[:2] == [
        "Prendre 1 capsule : 1 × 1,5 mg, par la bouche au coucher.",
        "Cette dose jusqu'au dim. 27 déc. 2026.",
    ]
    for event in found:  # no English left in the French calendar
        text = f" {event['SUMMARY']} {event['DESCRIPTION']} "
        for word in (" the ", " and ", " your ", " take ", " dose until "):
            assert word not in text.lower()


def test_ics_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "doses.ics"
    argv = f"titrate --start 0.5mg --step 0.5mg --every 7d --target 2mg --ics {target}"
    assert main(shlex.split(argv)) == 0
    assert f"iCalendar written: {target}" in capsys.readouterr().err
    assert stat.S_IMODE(target.stat().st_mode) == 0o600  # may name the patient: owner-only
    assert len(events(target.read_bytes())) == 5
    # an existing calendar is not replaced silently
    assert main(shlex.split(argv)) == 2
    assert "already exists" in capsys.readouterr().err
    assert main(shlex.split(argv + " --force --patient 'Jane Doe'")) == 0
    assert "(Jane Doe)" in str(Calendar.from_ical(target.read_bytes())["X-WR-CALNAME"])
