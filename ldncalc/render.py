"""Renderers: a finished result in, text out. They format; they never calculate.

:func:`bench_text` is the one screen a pharmacist reads at the bench; :func:`json_text` is the
``--json`` form (the model's own JSON). Every number comes through the one formatter.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Mapping

import pint

from ldncalc import forms
from ldncalc.bud import BudDate, beyond_use
from ldncalc.formatting import format_count, format_number
from ldncalc.formatting import format_quantity as fq
from ldncalc.formulations import TRANSLATED, Formulation, read_formulation
from ldncalc.locale import Voice, render, render_step, screen
from ldncalc.locale.auxiliary import auxiliary_label
from ldncalc.locale.common import catalog_text
from ldncalc.locale.screen import mass_of, say
from ldncalc.messages import Message
from ldncalc.models import Amount, CapsuleResult, FormulationUsed, LiquidResult, Result, SyringeUsed
from ldncalc.preparations.capsule.aliquot import AliquotPlan
from ldncalc.preparations.dilution_plan import DilutionStep
from ldncalc.units import MCG, MG, Qty, Quantity

WIDTH = 78
CLI = Voice("en", "cli")  # the bench screen is the command line's


def json_text(result: Result, context: Mapping[str, object] | None = None) -> str:
    """The result as JSON, quantities as ``{"value": …, "unit": …}``; each message record's
    text in the language and for the surface ``context`` names (``{"lang": "fr", "surface":
    "cli"}``; a library caller's English by default). ``"memo": {}`` in the context keeps each
    distinct message's record, rendered once (a batch's many results)."""
    return result.model_dump_json(indent=2, context=context)


def _supply(result: Result, container: str, holds: str, v: Voice) -> str:
    """The Supply line, the same for a liquid and capsules: the days of supply (never more
    than the BUD, checks.days_of_supply) and, when the BUD cuts them short, what the container
    holds."""
    if result.kind == "capsule":
        doses = result.quantity
    elif result.kind == "cream":
        doses = result.applications
    else:
        doses = result.doses
    line = say(
        v, "supply", days=v.counted(result.days_supply, "day"), per_day=v.n(result.doses_per_day)
    )
    if result.days_supply < doses // result.doses_per_day:  # the BUD, not an odd dose, cut them
        line += say(v, "supply-cut", container=say(v, container), holds=holds)
    return line


def bench_text(result: Result, dated: BudDate | None = None, voice: Voice = CLI) -> str:
    """The one-screen summary: what to take, what to make, dose, BUD, warnings, working.
    ``dated`` is the BUD date of the lot being labelled, when there is one (``--label`` or
    ``--record``): the screen then says the same date as the label. ``voice`` chooses the
    language (the command line's, English by default)."""
    v = voice
    q = v.q
    record = _record(result.formulation, v)
    if not forms.builtin(result):  # a plug-in form's own lines (ldncalc.forms)
        plugin = forms.documents(result)
        title = render(plugin.title, v)
        make = [render(plugin.lines[0], v)]
        dose = [render(line, v) for line in plugin.lines[1:]]
    elif isinstance(result, LiquidResult):
        title = say(
            v,
            "title-liquid",
            conc=q(result.concentration),
            form=render(record.texts("dosage_form")[0], v) if record else result.dosage_form,
            target=q(result.target),
            times=_times(result.doses_per_day, v),
        )
        syringe = _syringe(result.syringe, v)
        make = [
            say(
                v,
                "make-liquid",
                volume=q(result.final_volume),
                conc=q(result.concentration),
                drug=q(result.drug, unit=_mass_unit(result.drug)),
            ),
            *_volumes(result, v),
        ]
        dose = [
            (
                say(
                    v,
                    "dose-exact",
                    target=q(result.target),
                    volume=q(result.dose_volume),
                    syringe=syringe,
                )
                if result.dose_measured == result.target
                else say(
                    v,
                    "dose-measure",
                    target=q(result.target),
                    volume=q(result.dose_volume),
                    measured=q(result.dose_measured),
                    syringe=syringe,
                )
            ),
            _supply(result, "bottle", v.counted(result.doses, "dose"), v),
        ]
    else:
        title = say(
            v,
            "title-capsule",
            strength=q(result.strength),
            size=result.capsule_size,
            quantity=v.counted(result.quantity, "capsule"),
            batch=v.n(result.batch),
        )
        make = [
            say(
                v,
                "make-capsule",
                batch=v.counted(result.batch, "capsule"),
                quantity=v.n(result.quantity),
                overage=v.n(result.overage),
                total=q(result.total_weight),
            ),
            *_weight_check(result, v),
        ]
        dose = [_supply(result, "vial", v.counted(result.quantity, "capsule"), v)]
    lines = [title, "=" * min(len(title), WIDTH)]
    used = result.formulation
    name = render(record.texts("name")[0], v) if record else used.name
    lines.append(say(v, "formulation", id=used.id, version=used.version, name=name))
    if isinstance(result, LiquidResult) and result.dilution is not None:
        # what goes into the bottle first, apart from what is weighed for the stock
        plan = result.dilution
        drug = q(plan.dispensed_drug, unit=_mass_unit(plan.dispensed_drug))
        lines += [
            "",
            say(v, "into-bottle"),
            say(
                v,
                "into-bottle-line",
                volume=q(plan.dispensed_volume),
                number=plan.steps[-1].number,
                conc=q(plan.concentration),
                drug=drug,
            ),
            "",
            say(v, "weigh-stock"),
        ]
        lines += [f"  {_amount(a, v, record)}" for a in result.ingredients]
    elif result.kind == "capsule" and result.aliquot is not None:
        lines += _aliquot_batch(result, result.aliquot, v)
    else:
        lines += ["", say(v, "weigh")]
        lines += [f"  {_amount(a, v, record)}" for a in result.ingredients]
    if isinstance(result, LiquidResult) and result.dilution is not None:
        diluent = _ingredient(plan.diluent, v, record)
        lines += ["", say(v, "dilute", diluent=diluent)]
        lines += _items([_dilution(step, v) for step in plan.steps])
    lines += ["", *make, *dose]
    bud = result.bud
    storage = screen.storage(v, bud.storage_condition, bud.storage)
    lines.append(say(v, "bud", days=v.counted(bud.days, "day"), storage=storage))
    lines.append(say(v, "bud-basis", basis=render(bud.basis, v)))
    if dated is not None:
        lines.append(
            say(v, "this-lot", compounded=v.date(dated.compounded), date=v.date(dated.date))
        )
        if dated.limited_by is not None:
            lines.append(
                say(v, "limited-by", days=v.counted(dated.days, "day"), ingredient=dated.limited_by)
            )
    labels = ", ".join(auxiliary_label(a, v.lang) for a in result.auxiliary_labels)
    if not forms.builtin(result):  # a plug-in form's own ("For external use only")
        extra = [render(w, v) for w in forms.documents(result).warnings]
        labels = ", ".join(text for text in (*extra, labels) if text)
    lines.append(say(v, "labels", labels=labels))
    if result.warnings:
        lines += ["", say(v, "warnings"), *_items([render(w, v) for w in result.warnings], "!")]
    if result.notes:
        lines += ["", say(v, "notes"), *_items([render(n, v) for n in result.notes], "-")]
    steps = [" = ".join(render_step(s, v)) for s in result.steps]
    lines += ["", say(v, "calculation"), *_items(steps)]
    own = _own_texts(_record(result.formulation, v))
    lines += ["", say(v, "method"), *_items(render(_own(m, own), v) for m in result.method)]
    if result.quality_checks:
        checks = [render(own.get(c, c), v) for c in result.quality_checks]
        lines += ["", say(v, "quality-checks"), *_items(checks, "-")]
    references = [render(own.get(r, r), v) for r in bud.references]
    lines += ["", say(v, "bud-references"), *_items(references, "-")]
    return "\n".join(lines)


def _record(used: FormulationUsed, v: Voice) -> Formulation | None:
    """The formulation record a result was made to, for its text in another language than
    English (None in English: the result carries the English)."""
    if not v.fr or not used.path:
        return None
    from pathlib import Path

    return read_formulation(Path(used.path), builtin=used.builtin)


def _syringe(syringe: SyringeUsed, v: Voice) -> str:
    """An oral syringe as the reader names it: ``5 mL oral syringe, 0.1 mL marks``."""
    return say(
        v, "syringe", name=syringe.name, capacity=v.q(syringe.capacity),
        graduation=v.q(syringe.graduation),
    )  # fmt: skip


def _dilution(step: DilutionStep, v: Voice) -> str:
    """One dilution of a serial dilution, in the reader's language."""
    if not v.fr:
        return str(step)
    return say(
        v,
        "dilution-step",
        number=step.number,
        factor=step.factor,
        aliquot=v.q(step.aliquot),
        source=v.q(step.from_concentration),
        device=step.aliquot_device.name,
        diluent=v.q(step.diluent_volume),
        diluent_device=step.diluent_device.name,
        volume=v.q(step.final_volume),
        conc=v.q(step.concentration),
    )


def _volumes(result: LiquidResult, v: Voice) -> list[str]:
    """The bottle's volume in three lines: the doses, the spare, the final volume."""
    return [
        say(
            v,
            "doses-volume",
            volume=v.q(result.doses_volume),
            doses=v.counted(result.doses, "dose"),
            dose=v.q(result.dose_volume),
        ),
        say(v, "spare", spare=v.q(result.spare), minimum=v.q(result.spare_minimum)),
        say(v, "final-volume", volume=v.q(result.final_volume)),
    ]


_GLUE = "\ue000"  # holds a number to its unit while wrapping (never in a result's text)


def _items(texts: Iterable[str], bullet: str | None = None) -> list[str]:
    """Numbered (or bulleted) items wrapped to the screen width with a hanging indent."""
    lines = []
    for number, text in enumerate(texts, 1):
        mark = f"  {bullet if bullet else f'{number}.'} "
        # A number and its unit stay on one line: "120 mg", never "120" / "mg".
        glued = _NUMBER_AND_UNIT.sub(f"\\1{_GLUE}\\2", text)
        wrapped = textwrap.wrap(
            glued, WIDTH, initial_indent=mark, subsequent_indent=" " * len(mark),
            break_on_hyphens=False,
        )  # fmt: skip
        lines += [line.replace(_GLUE, " ") for line in wrapped]
    return lines


_NUMBER_AND_UNIT = re.compile(
    r"(\d) (mcg/mL|mg/mL|g/mol|mcg|mg|mL|g|L|%|days?|weeks?|jours?|semaines?)(?!\w)"
)


def _amount(amount: Amount, v: Voice = CLI, record: Formulation | None = None) -> str:
    if amount.diluent:
        name = say(v, "diluent", name=_ingredient(amount.name, v, record))
        return _what(amount.model_copy(update={"name": name}), v)
    return _what(amount, v, record)


def _ingredient(name: str, v: Voice, record: Formulation | None) -> str:
    """An ingredient's name in the reader's language, as the record gives it, else as the
    reference catalog gives it (the API form or filler a capsule batch weighs)."""
    if not v.fr:
        return name
    if record is not None and record.fr is not None and name in record.fr.ingredients:
        return render(record.ingredient_text(name), v)
    return catalog_text(name, v)


def _own(item: Message | str, own: dict[str, Message]) -> Message | str:
    """A record's own text by its English, else the item as it is (a message record)."""
    return own.get(item, item) if isinstance(item, str) else item


def _own_texts(record: Formulation | None) -> dict[str, Message]:
    """A record's own text (method, quality checks, BUD basis), by its English, in every
    language the record gives (nothing in English: the result carries the English)."""
    if record is None:
        return {}
    return {t.params["en"]: t for field in TRANSLATED for t in record.texts(field)}


def _aliquot_batch(result: CapsuleResult, plan: AliquotPlan, v: Voice) -> list[str]:
    """A capsule batch whose drug comes by the aliquot method: what goes into the batch (the
    aliquot, with the drug it holds, and the filler), then what is weighed to make the
    mixture it is taken from. Never the powder weighed for the mixture as the batch's."""
    mixture = say(v, "mixture", number=plan.stages[-1].number)
    lines = ["", say(v, "into-batch")]
    for amount in result.ingredients:
        if amount.aliquot is None:
            lines.append(f"  {_amount(amount, v, _record(result.formulation, v))}")
            continue
        held = (
            say(v, "tablet-powder-held", powder=v.q(amount.powder))
            if amount.powder is not None
            else mass_of(
                v, v.q(amount.mass), _ingredient(amount.name, v, _record(result.formulation, v))
            )
            if amount.mass is not None
            else ""
        )
        lines.append(
            say(
                v,
                "aliquot-line",
                aliquot=v.q(amount.aliquot),
                mixture=mixture,
                held=held,
                drug=_drug(amount, v),
            )
        )
    first = plan.stages[0]
    weighed = (
        say(
            v,
            "crush-weigh",
            tablets=v.n(result.tablets_to_crush),
            name=_ingredient(result.ingredients[0].name, v, _record(result.formulation, v)),
            powder=v.q(first.weighed),
        )
        if result.tablets_to_crush is not None
        else mass_of(v, v.q(first.weighed), catalog_text(plan.powder, v))
    )
    lines += ["", say(v, "first-make", mixture=mixture)]
    lines += [
        f"  {weighed}",
        "  " + mass_of(v, v.q(plan.filler_total), catalog_text(plan.filler_name, v)),
    ]
    return lines + _items(render(m, v) for m in plan.method)


def _drug(amount: Amount, v: Voice) -> str:
    """`` (139.5 mg naltrexone HCl)``: the drug an amount of powder brings, when it is not
    the powder's own mass (a dihydrate, an assay, tablet powder)."""
    if amount.drug is None or amount.drug == (amount.mass if amount.powder is None else None):
        return ""
    return say(v, "drug-held", drug=v.q(amount.drug))


_SHELL_SOURCES = {
    "weighed": "shell-weighed",
    "profile": "shell-profile",
    "typical": "shell-typical",
}


def _weight_check(result: CapsuleResult, v: Voice) -> list[str]:
    """The weight check of a filled capsule: the net fill weight (the powder alone, on a
    balance tared with an empty shell) and the gross weight of a filled capsule."""
    shell = say(v, "shell", size=result.capsule_size, material=say(v, result.shell))
    option = v.option("shell_weight")
    lines = [
        say(v, "check"),
        say(
            v,
            "net-fill",
            fill=v.q(result.fill_weight),
            low=v.q(result.fill_weight_low),
            high=v.q(result.fill_weight_high),
        ),
    ]
    if (
        result.shell_weight is None
        or result.gross_weight is None
        or result.gross_weight_low is None
        or result.gross_weight_high is None
    ):
        return [*lines, say(v, "untared-weigh", shell=shell, option=option)]
    source = say(v, _SHELL_SOURCES[result.shell_weight_source or "typical"], option=option)
    return [
        *lines,
        say(
            v,
            "untared-gross",
            gross=v.q(result.gross_weight),
            low=v.q(result.gross_weight_low),
            high=v.q(result.gross_weight_high),
        ),
        say(v, "with-shell", weight=v.q(result.shell_weight), shell=shell, source=source),
    ]


def _what(amount: Amount, v: Voice = CLI, record: Formulation | None = None) -> str:
    name = _ingredient(amount.name, v, record)
    if amount.tablets is not None:
        tablets = v.n(amount.tablets)
        if amount.powder is not None:
            return say(v, "crush-weigh", tablets=tablets, name=name, powder=v.q(amount.powder))
        assert amount.mass is not None
        reaches = amount.drug_dispensed
        if reaches is not None and reaches != amount.mass:
            # on the ingredient's own line (continued): the drug that reaches the bottle
            return say(
                v,
                "tablets-reach",
                tablets=tablets,
                name=name,
                mass=v.q(amount.mass),
                reaches=v.q(reaches, unit=_mass_unit(reaches)),
            )
        return say(v, "tablets-held", tablets=tablets, name=name, mass=v.q(amount.mass))
    if amount.qs_to is not None:
        return say(v, "qs-to", name=name, volume=v.q(amount.qs_to))
    quantity = amount.mass if amount.mass is not None else amount.volume
    assert quantity is not None
    function = render(record.function_text(amount.function), v) if record else amount.function
    role = f" — {function}" if amount.function else ""
    return f"{mass_of(v, v.q(quantity), name)}{_drug(amount, v)}{role}"


_ONE_MG = Quantity(1, MG)


def _mass_unit(mass: Qty) -> pint.Unit:
    """mcg below 1 mg (ISMP: 500 mcg, not 0.5 mg), else mg."""
    return MCG if mass < _ONE_MG else MG


def _times(per_day: int, v: Voice = CLI) -> str:
    return say(v, "once-a-day") if per_day == 1 else say(v, "times-a-day", n=v.n(per_day))


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
    if record.kind == "cream":  # the limits a cream applies (preparations/cream/read.py)
        from ldncalc.preparations.cream.read import LEAST_APPLIED

        lines.append(
            f"Doses at most {fq(limits.dose_maximum)} of naltrexone HCl an application and a "
            f"day, from at least {fq(LEAST_APPLIED)} of cream (no usual-dose warning: "
            f"{fq(limits.dose_warn_below)} to {fq(limits.dose_warn_above)} is an oral dose)"
        )
    else:
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
