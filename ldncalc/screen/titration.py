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

from ldncalc.formatting import typed
from ldncalc.forms import default_record
from ldncalc.formulations import Formulation
from ldncalc.locale import Voice, render, render_step, screen
from ldncalc.locale.phrases import phrases
from ldncalc.locale.screen import heads, say
from ldncalc.models import Amount
from ldncalc.render import _ingredient, _own_texts, _record, _syringe
from ldncalc.titration.models import (
    CapsuleCount,
    Fill,
    ProtocolUsed,
    ScheduleStep,
    TitrationResult,
)

WIDTH = 78

WEEKDAYS = screen.WEEKDAYS["en"]  # the calendar's
CLI = Voice("en", "cli")  # the titration screen is the command line's


def day_text(day: date, v: Voice = CLI) -> str:
    """``Mon 03 Mar 2025``: the weekday, then the date as on a label."""
    return f"{screen.WEEKDAYS[v.lang][day.weekday()]} {v.date(day)}"


def title(result: TitrationResult, v: Voice = CLI) -> str:
    """``Naltrexone HCl 1 mg/mL oral suspension: 0.5 mg to 4.5 mg at bedtime``."""
    what = (
        say(v, "t-liquid", conc=v.q(result.concentration), form=_form(result, v))
        if result.concentration is not None
        else say(v, "t-capsules")
    )
    directions = _directions(result, v)
    return say(
        v, "t-title", what=what, start=v.q(result.start), target=v.q(result.target),
        directions=directions,
    )  # fmt: skip


def measure_text(step: ScheduleStep, v: Voice = CLI) -> str:
    """How the patient takes one step's dose: ``0.5 mL (1 mL oral syringe)`` or capsules."""
    if step.volume is not None and step.syringe is not None:
        syringe = _syringe(step.syringe, v)
        return say(v, "t-measure-liquid", volume=v.q(step.volume), syringe=syringe)
    total = sum(c.count for c in step.capsules)
    return say(
        v, "t-measure-capsules", capsules=v.counted(total, "capsule"),
        which=_capsules(step.capsules, v),
    )  # fmt: skip


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
    if used.id != default_record("capsule", "api"):
        words.append(f"--formulation {used.id}")
    words += [f"--strength {typed(count.strength)}", f"--quantity {count.count}"]
    if count.count > result.bud.days:
        words.append(f"--doses-per-day {a_day}")
    if result.tablet_strength is not None:
        words.append("--tablet-weight MASS")
    return " ".join(words)


def _protocol_name(used: ProtocolUsed, v: Voice) -> str:
    """The protocol's name in the reader's language, read from its file (the result carries
    the English)."""
    if not v.fr or not used.path:
        return used.name
    from ldncalc.titration.protocols import read_protocol

    return read_protocol(Path(used.path), builtin=used.builtin).text("name", v.lang)


def titration_text(result: TitrationResult, voice: Voice = CLI) -> str:
    """The pharmacist's screen: the dated schedule, what to compound and when, the working.
    ``voice`` chooses the language (the command line's, English by default)."""
    v = voice
    head = title(result, v)
    lines = [head, "=" * min(len(head), WIDTH)]
    used = result.formulation
    record = _record(result.formulation, v)
    name = render(record.texts("name")[0], v) if record else used.name
    lines.append(say(v, "formulation", id=used.id, version=used.version, name=name))
    if result.protocol is not None:
        name = _protocol_name(result.protocol, v)
        lines.append(say(v, "t-protocol", id=result.protocol.id, name=name))
    lines.append(
        say(
            v,
            "t-schedule",
            steps=v.counted(len(result.schedule), "step"),
            days=v.counted(result.days, "day"),
            first=day_text(result.start_date, v),
            last=day_text(result.end_date, v),
        )
    )
    lines += ["", *table(heads(v, "t-head-steps"), _step_rows(result, v))]
    if result.form == "capsule":
        lines += [
            "",
            say(v, "t-capsules-to-make"),
            *table(heads(v, "t-head-batches"), _batch_rows(result, v)),
        ]
    bud = result.bud
    storage = screen.storage(v, bud.storage_condition, bud.storage)
    lines += ["", say(v, "t-fills", days=v.counted(bud.days, "day"), storage=storage)]
    lines += _fills(result, v)
    fills = v.counted(len(result.fills), "fill")
    if result.form == "liquid":
        assert result.total_volume is not None
        assert result.tablet_strength is not None
        assert result.tablets is not None
        lines += [
            "",
            say(
                v,
                "t-totals-liquid",
                tablets=v.n(result.tablets),
                strength=v.q(result.tablet_strength),
                drug=_tablet_drug(result, v),
                volume=v.q(result.total_volume),
                fills=fills,
                taken=v.q(result.drug_taken),
            ),
        ]
    else:
        counts = ", ".join(f"{v.n(c.count)} × {v.q(c.strength)}" for c in result.capsule_strengths)
        lines += [
            "",
            say(v, "t-totals-capsules", counts=counts, fills=fills, taken=v.q(result.drug_taken)),
        ]
    lines.append(say(v, "t-bud-basis", basis=render(bud.basis, v)))
    auxiliary = phrases(v.lang).auxiliary  # the label's own words for them
    labels = ", ".join(auxiliary.get(a, a) for a in result.auxiliary_labels)
    lines.append(say(v, "t-labels", labels=labels))
    own = _own_texts(_record(result.formulation, v))  # the record's text in the reader's words
    if result.warnings:
        lines += ["", say(v, "warnings")] + [f"  ! {render(w, v)}" for w in result.warnings]
    if result.notes:
        lines += ["", say(v, "notes")] + [f"  - {render(n, v)}" for n in result.notes]
    lines += ["", say(v, "calculation")] + [
        f"  {i}. {' = '.join(render_step(s, v))}" for i, s in enumerate(result.steps, 1)
    ]
    if result.form == "liquid":
        lines += ["", say(v, "t-method")]
        lines += [f"  {i}. {render(own.get(str(s), s), v)}" for i, s in enumerate(result.method, 1)]
    if result.protocol is not None:
        lines += ["", say(v, "t-protocol-references")]
        lines += [f"  - {render(r, v)}" for r in result.protocol.references]
    lines += ["", say(v, "bud-references")]
    lines += [f"  - {render(own.get(str(r), r), v)}" for r in bud.references]
    return "\n".join(lines)


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Left-aligned columns two spaces apart; the last column is not padded."""
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header) - 1)]
    return [
        "  ".join(cell.ljust(w) for cell, w in zip(row[:-1], widths, strict=True)) + "  " + row[-1]
        for row in (header, *rows)
    ]


def _step_rows(result: TitrationResult, v: Voice) -> list[tuple[str, ...]]:
    return [
        (
            v.n(s.number),
            day_text(s.first_day, v),
            day_text(s.last_day, v),
            v.n(s.days),
            v.q(s.dose),
            measure_text(s, v),
        )
        for s in result.schedule
    ]


def _batch_rows(result: TitrationResult, v: Voice) -> list[tuple[str, ...]]:
    """One row a batch: its fill, the day to compound it, the capsules and the command."""
    return [
        (
            v.n(fill.number),
            day_text(fill.compounding_date, v),
            f"{v.n(count.count)} × {v.q(count.strength)}",
            batch_command(count, result, _a_day(fill, count)),
        )
        for fill in result.fills
        for count in fill.capsules
    ]


def _a_day(fill: Fill, count: CapsuleCount) -> int:
    return next(c.count for c in fill.capsules_a_day if c.strength == count.strength)


def _fills(result: TitrationResult, v: Voice) -> list[str]:
    rows = []
    for fill in result.fills:
        if fill.volume is not None:
            assert fill.tablets is not None
            taken = v.q(fill.volume_taken) if fill.volume_taken is not None else ""
            spare = say(v, "t-spare", spare=v.q(fill.spare)) if fill.spare is not None else ""
            what = say(
                v, "t-fill-liquid", tablets=v.counted(fill.tablets, "tablet"),
                volume=v.q(fill.volume), taken=taken, spare=spare,
            )  # fmt: skip
        else:
            what = ", ".join(f"{v.n(c.count)} × {v.q(c.strength)}" for c in fill.capsules)
        rows.append(
            (
                v.n(fill.number),
                v.date(fill.compounding_date),
                v.date(fill.bud_date),
                say(v, "t-span", first=v.date(fill.first_day), last=v.date(fill.last_day)),
                what,
            )
        )
    lines = table(heads(v, "t-head-fills"), rows)
    record = _record(result.formulation, v)
    for fill in result.fills:
        if fill.ingredients:
            take = "; ".join(_amount(a, v, record) for a in fill.ingredients)
            syringes = "; ".join(  # names may hold a comma
                _syringe(s, v) for s in fill.syringes
            )
            lines.append(
                say(v, "t-fill-line", number=v.n(fill.number), take=take, syringes=syringes)
            )
    return lines


def _amount(amount: Amount, v: Voice, record: Formulation | None) -> str:
    name = _ingredient(amount.name, v, record)
    if amount.tablets is not None:
        return f"{v.n(amount.tablets)} × {name}"
    if amount.qs_to is not None:
        return say(v, "qs-to", name=name, volume=v.q(amount.qs_to))
    quantity = amount.mass if amount.mass is not None else amount.volume
    assert quantity is not None
    return f"{v.q(quantity)} {name}"


def _capsules(combo: Sequence[CapsuleCount], v: Voice) -> str:
    """``1 × 3 mg + 1 × 1.5 mg``: the capsules of one dose."""
    return " + ".join(f"{v.n(c.count)} × {v.q(c.strength)}" for c in combo)


def _form(result: TitrationResult, v: Voice) -> str:
    record = _record(result.formulation, v)
    return render(record.texts("dosage_form")[0], v) if record else result.dosage_form


def _directions(result: TitrationResult, v: Voice) -> str:
    """``at bedtime``: the directions of the schedule."""
    return say(v, "t-bedtime") if v.fr and result.directions == "at bedtime" else result.directions


def _tablet_drug(result: TitrationResult, v: Voice) -> str:
    assert result.tablet_strength is not None
    assert result.tablets is not None
    return say(v, "t-drug", drug=v.q(result.tablet_strength * result.tablets))
