"""Reading a liquid's inputs: the concentration and the volume, and refusing a dose no oral
syringe measures (docs/basis.md §3 and §7). Every refusal is a coded error; its words are in
:mod:`ldncalc.locale.liquid`."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

from ldncalc.catalogs import Catalog, Syringe
from ldncalc.checks import read_dose
from ldncalc.errors import UnsafeInputError
from ldncalc.formulations import Formulation
from ldncalc.limits import Limits
from ldncalc.messages import Message, coded
from ldncalc.preparations.liquid.compute import (
    Measure,
    _max_deviation,
    _measuring,
    measure_ml,
    volume_ml,
)
from ldncalc.quantities import AnyUnit, magnitude, quantity
from ldncalc.units import (
    CONCENTRATION,
    MG,
    MG_PER_ML,
    ML,
    VOLUME,
    Qty,
    as_quantity,
    converted,
)


def read_target(value: object, limits: Limits, doses_per_day: int) -> tuple[Qty, list[Message]]:
    """``target``: the dose, read and checked against the record's ``limits`` by
    :func:`ldncalc.checks.read_dose`, and its warnings. What a text reads as is kept (per
    text, limits object and doses a day: the same text always reads the same), and each call
    gets its own quantity and warnings."""
    if not isinstance(value, str):
        return read_dose(value, option="--target", limits=limits, doses_per_day=doses_per_day)
    key = (value, id(limits), doses_per_day)
    kept = _TARGETS.get(key)
    if kept is None or kept[0] is not limits:
        dose, warnings = read_dose(
            value, option="--target", limits=limits, doses_per_day=doses_per_day
        )
        if len(_TARGETS) >= _KEEP:
            _TARGETS.clear()
        kept = _TARGETS[key] = (limits, dose, dose.units, tuple(warnings))
    _, first, unit, first_warnings = kept
    dose = quantity(first._magnitude, unit)
    return dose, [
        coded(
            Message,
            code=w.code,
            params={name: dose if v is first else v for name, v in w.params.items()},
            concerns=w.concerns,
        )
        for w in first_warnings
    ]


_KEEP = 512  # texts kept: a pharmacy's usual doses, many times over
_TARGETS: dict[tuple[str, int, int], tuple[Limits, Qty, AnyUnit, tuple[Message, ...]]] = {}


def measure_or_refuse(
    dose: Qty,
    conc: Qty,
    record: Formulation,
    catalog: Catalog,
    *,
    parameter: str,
    value: object,
) -> Measure:
    """The measure of ``dose`` at ``conc``, or an error that names a concentration that works."""
    found = measure_ml(volume_ml(dose, conc), catalog, _max_deviation(record))
    if found is not None:
        return found
    volume = converted(dose / conc, ML)
    syringes = catalog.syringes_by_size
    smallest = min(syringes, key=lambda s: s.minimum)
    largest = max(syringes, key=lambda s: s.capacity)
    device: dict[str, Any] = {}
    if volume < smallest.minimum:
        reason = "below"
        device = _device(smallest, minimum=smallest.minimum)
    elif volume > largest.capacity:
        reason = "above"
        device = _device(largest)
    else:
        reason = "deviation"
    raise UnsafeInputError(
        parameter,
        value,
        code="dose-not-measurable",
        volume=volume,
        concentration=conc,
        reason=reason,
        deviation=_max_deviation(record),
        dose=dose,
        formulation=record.id,
        working=tuple(_measuring(dose, record, catalog)),
        **device,
    )


def _device(syringe: Syringe, **more: Any) -> dict[str, Any]:
    """A syringe as an error's parameters: its catalog name, capacity and marks."""
    return {
        "syringe": syringe.name,
        "capacity": syringe.capacity,
        "graduation": syringe.graduation,
        **more,
    }


def read_concentration(value: str | Qty, record: Formulation, dose: Qty, catalog: Catalog) -> Qty:
    """The concentration asked for, if it is one the record lists and naltrexone HCl
    dissolves at."""
    conc = as_quantity(value, option="--concentration", kinds=(CONCENTRATION,)).to(MG_PER_ML)
    assert record.concentration is not None
    limits = record.limits
    listed = record.concentration.listed
    working = tuple(_measuring(dose, record, catalog) or listed)
    if conc > limits.concentration_maximum:
        raise UnsafeInputError(
            "concentration",
            value,
            code="concentration-above-solubility",
            maximum=limits.concentration_maximum,
            working=working,
        )
    if conc not in listed:
        # only what the record lists is made (docs/basis.md §3): its label, BUD and method
        # are for those; 0.75 mg/mL would make 50 mg up to 66.7 mL, labelled 0.75 mg/mL
        raise UnsafeInputError(
            "concentration",
            value,
            code="concentration-not-listed",
            formulation=record.id,
            listed=tuple(listed),
            working=working,
        )
    return next(c for c in listed if c == conc)


def tablets_for_volume(
    value: str | Qty, conc: Qty, strength: Qty, limits: Limits
) -> tuple[Qty, int]:
    """The final volume asked for and the whole tablets that make it at ``conc``."""
    final_volume = as_quantity(value, option="--volume", kinds=(VOLUME,)).to(ML)
    final_ml = magnitude(final_volume, ML)
    if final_ml > magnitude(limits.volume_maximum, ML):
        raise UnsafeInputError(
            "volume", value, code="volume-above-maximum", maximum=limits.volume_maximum
        )
    tablets = final_ml * magnitude(conc, MG_PER_ML) / magnitude(strength, MG)
    if tablets != tablets.to_integral():
        per_tablet = converted(strength / conc, ML)
        nearest = sorted({max(1, math.floor(tablets)), max(1, math.ceil(tablets))})
        raise UnsafeInputError(
            "volume",
            value,
            code="volume-not-whole-tablets",
            tablets=tablets,
            tablet_strength=strength,
            concentration=conc,
            volumes=tuple(per_tablet * n for n in nearest),
        )
    return final_volume, int(tablets)


def refuse_large_volume(volume_ml: Decimal, conc: Qty, limits: Limits, days: int) -> None:
    """Refuses ``days`` whose doses need more than one bottle holds (``volume_ml`` mL)."""
    if volume_ml > magnitude(limits.volume_maximum, ML):
        raise UnsafeInputError(
            "days",
            days,
            code="days-volume-above-maximum",
            volume=quantity(volume_ml, ML),
            concentration=conc,
            maximum=limits.volume_maximum,
        )
