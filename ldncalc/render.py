"""Renderers: a finished result in, text out. They format; they never calculate.

:func:`bench_text` is the one screen a pharmacist reads at the bench; :func:`json_text` is the
``--json`` form (the model's own JSON). Every number comes through the one formatter.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import pint

from ldncalc import forms
from ldncalc.bud import BudDate
from ldncalc.formulations import TRANSLATED, Formulation, read_formulation
from ldncalc.locale import Voice, render, render_step, screen
from ldncalc.locale.auxiliary import auxiliary_label
from ldncalc.locale.common import ingredient_in
from ldncalc.locale.screen import mass_of, say
from ldncalc.messages import Message
from ldncalc.models import Amount, FormulationUsed, SyringeUsed
from ldncalc.units import MCG, MG, Qty, Quantity

if TYPE_CHECKING:  # any registered form's result: a command builds only its own form's classes
    from ldncalc.models import Result

WIDTH = 78
CLI = Voice("en", "cli")  # the bench screen is the command line's


def json_text(result: Result, context: Mapping[str, object] | None = None) -> str:
    """The result as JSON, quantities as ``{"value": …, "unit": …}``; each message record's
    text in the language and for the surface ``context`` names (``{"lang": "fr", "surface":
    "cli"}``; a library caller's English by default). ``"memo": {}`` in the context keeps each
    distinct message's record, rendered once (a batch's many results)."""
    return result.model_dump_json(indent=2, context=context)


def bench_text(result: Result, dated: BudDate | None = None, voice: Voice = CLI) -> str:
    """The one-screen summary: what to take, what to make, dose, BUD, warnings, working.
    ``dated`` is the BUD date of the lot being labelled, when there is one (``--label`` or
    ``--record``): the screen then says the same date as the label. ``voice`` chooses the
    language (the command line's, English by default)."""
    v = voice
    record = _record(result.formulation, v)
    parts = forms.documents(result)  # the form's own lines (ldncalc.forms)
    title = render(parts.title, v)
    lines = [title, "=" * min(len(title), WIDTH)]
    used = result.formulation
    name = render(record.texts("name")[0], v) if record else used.name
    lines.append(say(v, "formulation", id=used.id, version=used.version, name=name))
    if parts.weigh:  # the form's own (an aliquot's, a serial dilution's)
        for block in parts.weigh:
            lines += ["", render(block.heading, v)]
            lines += [f"  {_line(item, v, record)}" for item in block.lines]
            lines += _items(render(step, v) for step in block.steps)
    else:
        lines += ["", say(v, "weigh")]
        lines += [f"  {_amount(a, v, record)}" for a in result.ingredients]
    lines += ["", *(render(line, v) for line in parts.lines)]
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
    extra = [render(w, v) for w in parts.warnings]  # the form's own ("For external use only")
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
        # the diluent's own amounts: the name marked, the function as the record words it
        name = say(v, "diluent", name=_ingredient(amount.name, v, record))
        return _what(amount, v, record, name)
    return _what(amount, v, record)


def _line(item: Amount | Message, v: Voice, record: Formulation | None) -> str:
    """A line of a form's block: an ingredient's amount, as every form's, or a message."""
    return _amount(item, v, record) if isinstance(item, Amount) else render(item, v)


def _ingredient(name: str, v: Voice, record: Formulation | None) -> str:
    """An ingredient's name in the reader's language, as the record gives it, else as the
    reference catalog gives it (the API form or filler a capsule batch weighs)."""
    return ingredient_in(name, record, v)


def _own(item: Message | str, own: dict[str, Message]) -> Message | str:
    """A record's own text by its English, else the item as it is (a message record)."""
    return own.get(item, item) if isinstance(item, str) else item


def _own_texts(record: Formulation | None) -> dict[str, Message]:
    """A record's own text (method, quality checks, BUD basis), by its English, in every
    language the record gives (nothing in English: the result carries the English)."""
    if record is None:
        return {}
    return {t.params["en"]: t for field in TRANSLATED for t in record.texts(field)}


def _drug(amount: Amount, v: Voice) -> str:
    """`` (139.5 mg naltrexone HCl)``: the drug an amount of powder brings, when it is not
    the powder's own mass (a dihydrate, an assay, tablet powder)."""
    if amount.drug is None or amount.drug == (amount.mass if amount.powder is None else None):
        return ""
    return say(v, "drug-held", drug=v.q(amount.drug))


def _what(
    amount: Amount, v: Voice = CLI, record: Formulation | None = None, name: str | None = None
) -> str:
    name = _ingredient(amount.name, v, record) if name is None else name
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
