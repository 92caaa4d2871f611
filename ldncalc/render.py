"""Renderers: a finished result in, text out. They format; they never calculate.

:func:`bench_text` is the one screen a pharmacist reads at the bench; :func:`json_text` is the
``--json`` form (the model's own JSON). Every number comes through the one formatter.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable

import pint

from ldncalc.bud import BudDate, beyond_use, format_date
from ldncalc.formatting import format_count, format_number
from ldncalc.formatting import format_quantity as fq
from ldncalc.formulations import Formulation
from ldncalc.locale import Voice, render, render_parts
from ldncalc.models import Amount, CapsuleResult, LiquidResult, Result
from ldncalc.preparations.capsule.aliquot import AliquotPlan
from ldncalc.units import MCG, MG, Qty, Quantity

WIDTH = 78
CLI = Voice("en", "cli")  # the bench screen is the command line's


def json_text(result: Result) -> str:
    """The result as JSON, quantities as ``{"value": …, "unit": …}``."""
    return result.model_dump_json(indent=2)


def _supply(result: Result, container: str, holds: str) -> str:
    """The Supply line, the same for a liquid and capsules: the days of supply (never more
    than the BUD, checks.days_of_supply) and, when the BUD cuts them short, what the container
    holds."""
    doses = result.doses if isinstance(result, LiquidResult) else result.quantity
    line = f"Supply   {format_count(result.days_supply, 'day')} at {result.doses_per_day} a day"
    if result.days_supply < doses // result.doses_per_day:  # the BUD, not an odd dose, cut them
        line += f" (the BUD; the {container} holds {holds})"
    return line


def bench_text(result: Result, dated: BudDate | None = None) -> str:
    """The one-screen summary: what to take, what to make, dose, BUD, warnings, working.
    ``dated`` is the BUD date of the lot being labelled, when there is one (``--label`` or
    ``--record``): the screen then says the same date as the label."""
    if isinstance(result, LiquidResult):
        title = (
            f"Naltrexone HCl {fq(result.concentration)} {result.dosage_form}: "
            f"{fq(result.target)} {_times(result.doses_per_day)}"
        )
        make = [
            f"Make     {fq(result.final_volume)} at {fq(result.concentration)} "
            f"({fq(result.drug, unit=_mass_unit(result.drug))} naltrexone HCl)",
            *_volumes(result),
        ]
        dose = [
            (
                f"Dose     {fq(result.target)} = {fq(result.dose_volume)} in a "
                f"{result.syringe.name}"
                if result.dose_measured == result.target
                else f"Dose     {fq(result.target)}: measure {fq(result.dose_volume)} "
                f"({fq(result.dose_measured)}) in a {result.syringe.name}"
            ),
            _supply(result, "bottle", format_count(result.doses, "dose")),
        ]
    else:
        title = (
            f"Naltrexone HCl {fq(result.strength)} capsules, size {result.capsule_size}: "
            f"{format_count(result.quantity, 'capsule')} (batch of {format_number(result.batch)})"
        )
        make = [
            f"Make     {format_count(result.batch, 'capsule')} ({format_number(result.quantity)} + "
            f"{format_number(result.overage)} over), total powder {fq(result.total_weight)}",
            *_weight_check(result),
        ]
        dose = [_supply(result, "vial", format_count(result.quantity, "capsule"))]
    lines = [title, "=" * min(len(title), WIDTH)]
    lines.append(
        f"Formulation  {result.formulation.id} (v{result.formulation.version}): "
        f"{result.formulation.name}"
    )
    if isinstance(result, LiquidResult) and result.dilution is not None:
        # what goes into the bottle first, apart from what is weighed for the stock
        plan = result.dilution
        drug = fq(plan.dispensed_drug, unit=_mass_unit(plan.dispensed_drug))
        lines += [
            "",
            "Into the bottle",
            f"  {fq(plan.dispensed_volume)} of dilution {plan.steps[-1].number} "
            f"({fq(plan.concentration)}), holding {drug} naltrexone HCl",
            "",
            "Take and weigh, to make the stock (not dispensed) and any diluent",
        ]
        lines += [f"  {_amount(a)}" for a in result.ingredients]
    elif not isinstance(result, LiquidResult) and result.aliquot is not None:
        lines += _aliquot_batch(result, result.aliquot)
    else:
        lines += ["", "Take and weigh"]
        lines += [f"  {_amount(a)}" for a in result.ingredients]
    if isinstance(result, LiquidResult) and result.dilution is not None:
        lines += ["", f"Dilute the stock above with {plan.diluent}, all on the same day"]
        lines += _items([str(step) for step in plan.steps])
    lines += ["", *make, *dose]
    lines.append(f"BUD      {format_count(result.bud.days, 'day')}; {result.bud.storage}")
    lines.append(f"         basis: {result.bud.basis}")
    if dated is not None:
        lines.append(
            f"         this lot: compounded {format_date(dated.compounded)}, discard after "
            f"{format_date(dated.date)}"
        )
        if dated.limited_by is not None:
            lines.append(
                f"         ({format_count(dated.days, 'day')}: {dated.limited_by} expires then)"
            )
    lines.append(f"Labels   {', '.join(result.auxiliary_labels)}")
    if result.warnings:
        lines += ["", "WARNINGS", *_items([render(w, CLI) for w in result.warnings], "!")]
    if result.notes:
        lines += ["", "Notes", *_items([render(n, CLI) for n in result.notes], "-")]
    lines += ["", "Calculation", *_items([" = ".join(render_parts(s, CLI)) for s in result.steps])]
    lines += ["", "Method", *_items(result.method)]
    if result.quality_checks:
        lines += ["", "Quality checks", *_items(result.quality_checks, "-")]
    lines += ["", "BUD references", *_items(result.bud.references, "-")]
    return "\n".join(lines)


def _volumes(result: LiquidResult) -> list[str]:
    """The bottle's volume in three lines: the doses, the spare, the final volume."""
    return [
        f"           {fq(result.doses_volume)} for {format_count(result.doses, 'dose')} of "
        f"{fq(result.dose_volume)}",
        f"         + {fq(result.spare)} spare (the record asks at least "
        f"{fq(result.spare_minimum)})",
        f"         = {fq(result.final_volume)} final volume",
    ]


def _items(texts: Iterable[str], bullet: str | None = None) -> list[str]:
    """Numbered (or bulleted) items wrapped to the screen width with a hanging indent."""
    lines = []
    for number, text in enumerate(texts, 1):
        mark = f"  {bullet if bullet else f'{number}.'} "
        # A number and its unit stay on one line: "120 mg", never "120" / "mg".
        glued = _NUMBER_AND_UNIT.sub("\\1\u00a0\\2", text)
        wrapped = textwrap.wrap(
            glued, WIDTH, initial_indent=mark, subsequent_indent=" " * len(mark),
            break_on_hyphens=False,
        )  # fmt: skip
        lines += [line.replace("\u00a0", " ") for line in wrapped]
    return lines


_NUMBER_AND_UNIT = re.compile(r"(\d) (mcg/mL|mg/mL|g/mol|mcg|mg|mL|g|L|%|days?|weeks?)(?!\w)")


def _amount(amount: Amount) -> str:
    if amount.diluent:
        amount = amount.model_copy(update={"name": f"{amount.name} (diluent)"})
    return _what(amount)


def _aliquot_batch(result: CapsuleResult, plan: AliquotPlan) -> list[str]:
    """A capsule batch whose drug comes by the aliquot method: what goes into the batch (the
    aliquot, with the drug it holds, and the filler), then what is weighed to make the
    mixture it is taken from. Never the powder weighed for the mixture as the batch's."""
    mixture = f"mixture {plan.stages[-1].number}"
    lines = ["", "Into the batch"]
    for amount in result.ingredients:
        if amount.aliquot is None:
            lines.append(f"  {_amount(amount)}")
            continue
        held = (
            f"{fq(amount.powder)} of the tablet powder"
            if amount.powder is not None
            else f"{fq(amount.mass)} {amount.name}"
            if amount.mass is not None
            else ""
        )
        lines.append(f"  {fq(amount.aliquot)} of {mixture}, holding {held}{_drug(amount)}")
    first = plan.stages[0]
    weighed = (
        f"{format_number(result.tablets_to_crush)} × {result.ingredients[0].name}: crush, then "
        f"weigh {fq(first.weighed)} of the powder"
        if result.tablets_to_crush is not None
        else f"{fq(first.weighed)} {plan.powder}"
    )
    lines += ["", f"First make {mixture} (aliquot method): take and weigh"]
    lines += [f"  {weighed}", f"  {fq(plan.filler_total)} {plan.filler_name}"]
    return lines + _items(plan.method)


def _drug(amount: Amount) -> str:
    """`` (139.5 mg naltrexone HCl)``: the drug an amount of powder brings, when it is not
    the powder's own mass (a dihydrate, an assay, tablet powder)."""
    if amount.drug is None or amount.drug == (amount.mass if amount.powder is None else None):
        return ""
    return f" ({fq(amount.drug)} naltrexone HCl)"


_MATERIALS = {"gelatin": "gelatin", "hpmc": "HPMC"}
_SHELL_SOURCES = {
    "weighed": "weighed: --shell-weight",
    "profile": "weighed: the pharmacy profile's",
    "typical": "typical; weigh 10 empty shells for --shell-weight",
}


def _weight_check(result: CapsuleResult) -> list[str]:
    """The weight check of a filled capsule: the net fill weight (the powder alone, on a
    balance tared with an empty shell) and the gross weight of a filled capsule."""
    shell = f"size {result.capsule_size} {_MATERIALS[result.shell]}"
    lines = [
        "Check    each capsule, on a balance tared with an empty shell:",
        f"         net fill weight {fq(result.fill_weight)} (accept {fq(result.fill_weight_low)} "
        f"to {fq(result.fill_weight_high)})",
    ]
    if (
        result.shell_weight is None
        or result.gross_weight is None
        or result.gross_weight_low is None
        or result.gross_weight_high is None
    ):
        return [
            *lines,
            f"         untared: weigh 10 empty {shell} shells and give --shell-weight",
        ]
    source = _SHELL_SOURCES[result.shell_weight_source or "typical"]
    return [
        *lines,
        f"         untared, a filled capsule weighs {fq(result.gross_weight)} (accept "
        f"{fq(result.gross_weight_low)} to {fq(result.gross_weight_high)})",
        f"         with a {fq(result.shell_weight)} {shell} shell ({source})",
    ]


def _what(amount: Amount) -> str:
    if amount.tablets is not None:
        text = f"{format_number(amount.tablets)} × {amount.name}"
        if amount.powder is not None:
            return f"{text}: crush, then weigh {fq(amount.powder)} of the powder"
        assert amount.mass is not None
        reaches = amount.drug_dispensed
        if reaches is not None and reaches != amount.mass:
            # on the ingredient's own line (continued): the drug that reaches the bottle
            return (
                f"{text} ({fq(amount.mass)} naltrexone HCl;\n"
                f"    {fq(reaches, unit=_mass_unit(reaches))} of it reaches the bottle)"
            )
        return f"{text} ({fq(amount.mass)} naltrexone HCl)"
    if amount.qs_to is not None:
        return f"{amount.name} to {fq(amount.qs_to)}"
    quantity = amount.mass if amount.mass is not None else amount.volume
    assert quantity is not None
    role = f" — {amount.function}" if amount.function else ""
    return f"{fq(quantity)} {amount.name}{_drug(amount)}{role}"


_ONE_MG = Quantity(1, MG)


def _mass_unit(mass: Qty) -> pint.Unit:
    """mcg below 1 mg (ISMP: 500 mcg, not 0.5 mg), else mg."""
    return MCG if mass < _ONE_MG else MG


def _times(per_day: int) -> str:
    return "once a day" if per_day == 1 else f"{per_day} times a day"


def formulations_table(records: Iterable[Formulation]) -> str:
    """One line a formulation: id, kind, source, BUD and where it comes from."""
    rows = [("ID", "KIND", "FROM", "BUD", "ORIGIN", "NAME")]
    for r in sorted(records, key=lambda r: r.id):
        origin = "built-in" if r.builtin else r.path
        rows.append((r.id, r.kind, r.source, f"{r.bud.days} days", origin, r.name))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(row[:5], widths, strict=True)) + "  " + row[5]
        for row in rows
    )


def formulation_text(record: Formulation) -> str:
    """A master formulation record in full, as a pharmacist reads it."""
    lines = [f"{record.name}", "=" * min(len(record.name), WIDTH)]
    lines.append(
        f"Id {record.id}, version {record.version}: {record.dosage_form} ({record.kind}, "
        f"from {record.source})"
    )
    lines.append(f"File {record.path}")
    if record.tablet_strength is not None:
        lines.append(f"Tablets {fq(record.tablet_strength)} naltrexone HCl")
    if record.concentration is not None:
        c = record.concentration
        listed = ", ".join(fq(x) for x in c.listed)
        lines.append(
            f"Concentration {fq(c.default)} by default; listed {listed}; "
            f"range {fq(c.minimum)} to {fq(c.maximum)}"
        )
    if record.kind == "liquid":
        lines.append(
            f"Spare the greater of {format_count(record.spare.doses, 'dose')} and "
            f"{format_number(record.spare.percent)} % of the volume of the doses, on top of them"
        )
    if record.capsule is not None:
        lines.append(
            f"Capsule size {record.capsule.size}, filler {record.capsule.filler}, "
            f"overage {record.capsule.overage}"
        )
    limits = record.limits
    lines.append(
        f"Doses {fq(limits.dose_minimum)} to {fq(limits.dose_maximum)} (a warning below "
        f"{fq(limits.dose_warn_below)} and above {fq(limits.dose_warn_above)})"
    )
    per = f" (per {fq(record.per)})" if record.per is not None else ""
    lines += ["", f"Ingredients{per}"]
    for item in record.ingredients:
        amount = item.mass if item.mass is not None else item.volume
        what = fq(amount) if amount is not None else ("qs" if item.qs else "calculated")
        function = f" ({item.function})" if item.function else ""
        lines.append(f"  {what:<12} {item.name}{function} [{item.role}]")
    lines += ["", f"Container  {record.container}"]
    if record.equipment:
        lines.append(f"Equipment  {', '.join(record.equipment)}")
    bud = beyond_use(record.bud)
    lines += ["", f"BUD {bud.days} days; {bud.storage}", f"  basis: {bud.basis}"]
    lines += [f"  - {ref}" for ref in bud.references]
    lines.append(f"Labels  {', '.join(record.auxiliary_labels)}")
    lines += ["", "Method"] + [f"  {i}. {s}" for i, s in enumerate(record.procedure, 1)]
    if record.quality_checks:
        lines += ["", "Quality checks"] + [f"  - {q}" for q in record.quality_checks]
    lines += ["", "References"] + [f"  - {ref}" for ref in record.references]
    return "\n".join(lines)
