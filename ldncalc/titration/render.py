"""The pharmacist's screen of a titration: the dated schedule, what to compound and when, the
working. A finished :class:`~ldncalc.titration.TitrationResult` in, text out: it formats, it
never calculates. Numbers go through :mod:`ldncalc.formatting`, dates through
:func:`ldncalc.bud.format_date` (``03 Mar 2025``: never 03/03/25).
"""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from ldncalc.bud import format_date
from ldncalc.formatting import format_count, format_number, typed
from ldncalc.formatting import format_quantity as fq
from ldncalc.formulations import DEFAULT_IDS
from ldncalc.locale import Voice, render, render_parts
from ldncalc.models import Amount
from ldncalc.titration.capsules import capsules_text
from ldncalc.titration.models import CapsuleCount, Fill, ScheduleStep, TitrationResult

WIDTH = 78
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

CLI = Voice("en", "cli")  # the titration screen is the command line's


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


def measure_text(step: ScheduleStep) -> str:
    """How the patient takes one step's dose: ``0.5 mL (1 mL oral syringe)`` or capsules."""
    if step.volume is not None and step.syringe is not None:
        return f"{fq(step.volume)} ({step.syringe.name})"
    total = sum(c.count for c in step.capsules)
    return f"{format_count(total, 'capsule')}: {capsules_text(step.capsules)}"


def batch_command(count: CapsuleCount, result: TitrationResult, a_day: int = 1) -> str:
    """The command that compounds one batch of a fill: ``ldncalc capsule --strength 3mg
    --quantity 145`` (the count as typed: no thousands separator), naming the formulation
    (and the pharmacy's folder) when it is not the default, ``--doses-per-day`` with the
    capsules of the strength taken a day (``a_day``) when one a day would outlast the BUD
    (2 × 2 mg a day: 360 capsules are 180 days, not 360), and ``--tablet-weight MASS`` for
    capsules made from crushed tablets."""
    words = ["ldncalc capsule"]
    used = result.formulation
    if not used.builtin:
        words.append(f"--formulations-dir {shlex.quote(str(Path(used.path).parent))}")
    if used.id != DEFAULT_IDS["capsule", "api"]:
        words.append(f"--formulation {used.id}")
    words += [f"--strength {typed(count.strength)}", f"--quantity {count.count}"]
    if count.count > result.bud.days:
        words.append(f"--doses-per-day {a_day}")
    if result.tablet_strength is not None:
        words.append("--tablet-weight MASS")
    return " ".join(words)


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
        f"Schedule     {format_count(len(result.schedule), 'step')}, "
        f"{format_count(result.days, 'day')}: "
        f"{day_text(result.start_date)} to {day_text(result.end_date)}"
    )
    lines += ["", *table(("Step", "From", "To", "Days", "Dose", "Take"), _step_rows(result))]
    if result.form == "capsule":
        lines += [
            "",
            "Capsules to compound: a batch of each strength for each fill, on its compounding date",
            *table(("Fill", "Compound on", "Capsules", "Command"), _batch_rows(result)),
        ]
    lines += ["", f"Fills (BUD {format_count(result.bud.days, 'day')}; {result.bud.storage})"]
    lines += _fills(result)
    fills = format_count(len(result.fills), "fill")
    if result.form == "liquid":
        assert result.total_volume is not None
        assert result.tablet_strength is not None
        assert result.tablets is not None
        lines += [
            "",
            f"Totals   {format_number(result.tablets)} × {fq(result.tablet_strength)} tablets "
            f"({_tablet_drug(result)}), {fq(result.total_volume)} in {fills}; "
            f"{fq(result.drug_taken)} taken",
        ]
    else:
        counts = ", ".join(
            f"{format_number(c.count)} × {fq(c.strength)}" for c in result.capsule_strengths
        )
        lines += ["", f"Totals   {counts} capsules in {fills}; {fq(result.drug_taken)} taken"]
    lines.append(f"BUD      basis: {result.bud.basis}")
    lines.append(f"Labels   {', '.join(result.auxiliary_labels)}")
    if result.warnings:
        lines += ["", "WARNINGS"] + [f"  ! {render(w, CLI)}" for w in result.warnings]
    if result.notes:
        lines += ["", "Notes"] + [f"  - {render(n, CLI)}" for n in result.notes]
    lines += ["", "Calculation"] + [
        f"  {i}. {' = '.join(render_parts(s, CLI))}" for i, s in enumerate(result.steps, 1)
    ]
    if result.form == "liquid":
        lines += ["", "Method (each fill)"]
        lines += [f"  {i}. {s}" for i, s in enumerate(result.method, 1)]
    if result.protocol is not None:
        lines += ["", "Protocol references"] + [f"  - {r}" for r in result.protocol.references]
    lines += ["", "BUD references"] + [f"  - {r}" for r in result.bud.references]
    return "\n".join(lines)


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Left-aligned columns two spaces apart; the last column is not padded."""
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header) - 1)]
    return [
        "  ".join(cell.ljust(w) for cell, w in zip(row[:-1], widths, strict=True)) + "  " + row[-1]
        for row in (header, *rows)
    ]


def _step_rows(result: TitrationResult) -> list[tuple[str, ...]]:
    return [
        (
            format_number(s.number),
            day_text(s.first_day),
            day_text(s.last_day),
            format_number(s.days),
            fq(s.dose),
            measure_text(s),
        )
        for s in result.schedule
    ]


def _batch_rows(result: TitrationResult) -> list[tuple[str, ...]]:
    """One row a batch: its fill, the day to compound it, the capsules and the command."""
    return [
        (
            format_number(fill.number),
            day_text(fill.compounding_date),
            f"{format_number(count.count)} × {fq(count.strength)}",
            batch_command(count, result, _a_day(fill, count)),
        )
        for fill in result.fills
        for count in fill.capsules
    ]


def _a_day(fill: Fill, count: CapsuleCount) -> int:
    return next(c.count for c in fill.capsules_a_day if c.strength == count.strength)


def _fills(result: TitrationResult) -> list[str]:
    rows = []
    for fill in result.fills:
        if fill.volume is not None:
            assert fill.tablets is not None
            taken = fq(fill.volume_taken) if fill.volume_taken is not None else ""
            spare = f" + {fq(fill.spare)} spare" if fill.spare is not None else ""
            what = (
                f"{format_count(fill.tablets, 'tablet')} to {fq(fill.volume)} "
                f"({taken} taken{spare})"
            )
        else:
            what = ", ".join(f"{format_number(c.count)} × {fq(c.strength)}" for c in fill.capsules)
        rows.append(
            (
                format_number(fill.number),
                format_date(fill.compounding_date),
                format_date(fill.bud_date),
                f"{format_date(fill.first_day)} to {format_date(fill.last_day)}",
                what,
            )
        )
    lines = table(("Fill", "Compound on", "BUD", "Doses from", "Make"), rows)
    for fill in result.fills:
        if fill.ingredients:
            take = "; ".join(_amount(a) for a in fill.ingredients)
            syringes = "; ".join(s.name for s in fill.syringes)  # names may hold a comma
            lines.append(f"  Fill {format_number(fill.number)}: {take}. Dispense with: {syringes}")
    return lines


def _amount(amount: Amount) -> str:
    if amount.tablets is not None:
        return f"{format_number(amount.tablets)} × {amount.name}"
    if amount.qs_to is not None:
        return f"{amount.name} to {fq(amount.qs_to)}"
    quantity = amount.mass if amount.mass is not None else amount.volume
    assert quantity is not None
    return f"{fq(quantity)} {amount.name}"


def _tablet_drug(result: TitrationResult) -> str:
    assert result.tablet_strength is not None
    assert result.tablets is not None
    return f"{fq(result.tablet_strength * result.tablets)} naltrexone HCl"
