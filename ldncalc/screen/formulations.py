"""The screens of ``ldncalc formulations list`` and ``formulations show``: the records in
effect, one line each, and one master formulation record in full, in the reader's language
(a record's own text as its ``[fr]`` table gives it, else its English)."""

from __future__ import annotations

from collections.abc import Iterable

from ldncalc.bud import beyond_use
from ldncalc.formulations import Formulation
from ldncalc.locale import Voice, render, screen
from ldncalc.locale.auxiliary import auxiliary_label
from ldncalc.locale.common import catalog_text, ingredient_in, kind_name, source_name
from ldncalc.locale.screen import heads, say

WIDTH = 78  # the longest underline of a record's name, as the bench screen


def formulations_table(records: Iterable[Formulation], v: Voice) -> str:
    """One line a formulation: id, kind, source, BUD and where it comes from, then its name."""
    rows = [heads(v, "f-heads")]
    builtin = say(v, "f-builtin")
    for r in sorted(records, key=lambda r: r.id):
        origin = builtin if r.builtin else r.path
        name = render(r.texts("name")[0], v)
        source, days = source_name(r.source, v), v.counted(r.bud.days, "day")
        rows.append((r.id, kind_name(r.kind, v), source, days, origin, name))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(row[:5], widths, strict=True)) + "  " + row[5]
        for row in rows
    )


def formulation_text(record: Formulation, v: Voice) -> str:
    """A master formulation record in full, as a pharmacist reads it."""

    def text(field: str) -> list[str]:
        return [render(t, v) for t in record.texts(field)]

    name = text("name")[0]
    lines = [name, "=" * min(len(name), WIDTH)]
    lines.append(
        say(
            v, "f-id", id=record.id, version=record.version, form=text("dosage_form")[0],
            kind=kind_name(record.kind, v), source=source_name(record.source, v),
        )
    )  # fmt: skip
    lines.append(say(v, "f-file", path=record.path))
    if record.tablet_strength is not None:
        lines.append(say(v, "f-tablets", strength=v.q(record.tablet_strength)))
    if record.concentration is not None:
        c = record.concentration
        lines.append(
            say(
                v, "f-concentration", default=v.q(c.default),
                listed=", ".join(v.q(x) for x in c.listed), low=v.q(c.minimum),
                high=v.q(c.maximum),
            )
        )  # fmt: skip
    if record.kind == "liquid":
        doses, percent = v.counted(record.spare.doses, "dose"), v.n(record.spare.percent)
        lines.append(say(v, "f-spare", doses=doses, percent=percent))
    if record.capsule is not None:
        capsule = record.capsule
        filler = catalog_text(capsule.filler, v)
        lines.append(say(v, "f-capsule", size=capsule.size, filler=filler, overage=capsule.overage))
    limits = record.limits
    warned = {"below": v.q(limits.dose_warn_below), "above": v.q(limits.dose_warn_above)}
    if record.kind == "cream":  # the limits a cream applies (preparations/cream/read.py)
        from ldncalc.preparations.cream.read import LEAST_APPLIED

        most, least = v.q(limits.dose_maximum), v.q(LEAST_APPLIED)
        lines.append(say(v, "f-doses-cream", high=most, least=least, **warned))
    else:
        low, high = v.q(limits.dose_minimum), v.q(limits.dose_maximum)
        lines.append(say(v, "f-doses", low=low, high=high, **warned))
    per = say(v, "f-per", per=v.q(record.per)) if record.per is not None else ""
    lines += ["", say(v, "f-ingredients", per=per)]
    for item in record.ingredients:
        amount = item.mass if item.mass is not None else item.volume
        what = v.q(amount) if amount is not None else say(v, "f-qs" if item.qs else "f-calculated")
        function = f" ({render(record.function_text(item.function), v)})" if item.function else ""
        name = ingredient_in(item.name, record, v)
        role = say(v, f"f-role-{item.role}")
        lines.append(f"  {what:<12} {name}{function} [{role}]")
    lines += ["", say(v, "f-container", container=text("container")[0])]
    if record.equipment:
        lines.append(say(v, "f-equipment", equipment=", ".join(text("equipment"))))
    bud = beyond_use(record.bud)
    storage = screen.storage(v, bud.storage_condition, bud.storage)
    days = v.counted(bud.days, "day")
    lines += ["", say(v, "f-bud", days=days, storage=storage)]
    lines.append(say(v, "f-basis", basis=render(bud.basis, v)))
    lines += [f"  - {ref}" for ref in text("bud_references")]
    labels = ", ".join(auxiliary_label(label, v.lang) for label in record.auxiliary_labels)
    lines.append(say(v, "f-labels", labels=labels))
    procedure = text("method") + (text("package") if record.package else [])
    lines += ["", say(v, "f-method")] + [f"  {i}. {s}" for i, s in enumerate(procedure, 1)]
    if record.quality_checks:
        lines += ["", say(v, "f-quality")] + [f"  - {q}" for q in text("quality_checks")]
    lines += ["", say(v, "f-references")] + [f"  - {ref}" for ref in text("references")]
    return "\n".join(lines)
