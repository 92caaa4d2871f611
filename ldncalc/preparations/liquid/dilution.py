"""Serial dilution of an oral liquid for microgram doses (docs/basis.md §8 and §7).

A dose whose volume at every listed concentration is below what an oral syringe measures
reliably (25 mcg is 0.025 mL at 1 mg/mL) is made by diluting a stock in steps::

    step i       take V1 of the liquid at C1, add diluent to V2 = N × V1   (1:N, N ≤ 10)
    conserved    C1 × V1 = C2 × V2, so C2 = C1 ÷ N exactly
    dose volume  dose ÷ final concentration, exactly on the marks of the oral syringe that
                 measures it (the one :func:`ldncalc.preparations.liquid.compute.measure` picks)

e.g. 1 mg/mL → 0.1 → 0.01 mg/mL → 1 mcg/mL is three 1:10 steps. How the plan is chosen:

* a dose volume at or above what its syringe measures reliably (20 % of its capacity:
  0.2 mL in a 1 mL syringe, docs/basis.md §7) before any other; then
  the fewest steps; then the fewest factors other than 10 (1:10 is the usual step and the
  easiest to check); then the largest dose volume (larger volumes are measured more
  accurately: Arenas-López, Arch Dis Child 2017;102:655); then the formulation's default
  concentration as the stock;
* each aliquot (V1) is measured in an oral syringe, exactly on its marks and within its
  measurable range, and is at least :data:`PREFERRED_ALIQUOT` when the volumes allow (the
  smaller the volume, the larger the error of a syringe: Arenas-López 2017); each intermediate
  dilution is made :data:`RESERVE` larger than the next step draws, so that the aliquot is never
  drawn from the last drops;
* the diluent (V2 − V1) is measured in an oral syringe when one holds it, otherwise in a
  graduated cylinder (:data:`GRADUATED_CYLINDERS`), again exactly on the marks;
* the last dilution holds at least the doses asked for and the formulation record's spare
  (docs/basis.md §3), and all of it is dispensed: its volume is measured (the aliquot and the
  diluent are on marks), and none of it is thrown away at the bench;
* each dilution's BUD is the shorter of the BUD of what it is made from and the BUD of a
  preparation made with the diluent, so the plan's BUD is the shortest of its steps (USP <795>:
  never later than the earliest expiry of any ingredient, docs/basis.md §5). Every step is made
  on the same day.

The plan itself is data (:mod:`ldncalc.preparations.dilution_plan`): the result models
import it, not this module.
"""

import itertools
import math
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

import pint

from ldncalc.bud import BeyondUse
from ldncalc.catalogs import Catalog, Syringe
from ldncalc.errors import UnsafeInputError
from ldncalc.formatting import format_quantity as fq
from ldncalc.formatting import round_to
from ldncalc.formulations import Formulation, Spare
from ldncalc.messages import Message, built, coded
from ldncalc.preparations.dilution_plan import Device, DilutionPlan, DilutionStep
from ldncalc.preparations.liquid.compute import (
    Measure,
    measure_ml,
    spare_ml,
)
from ldncalc.quantities import magnitude, quantity
from ldncalc.units import DIMENSIONLESS, MCG, MCG_PER_ML, MG, MG_PER_ML, ML, Qty, Quantity

if TYPE_CHECKING:  # it imports this module
    pass

MAX_FACTOR = 10  # 1:10 per step, the step of docs/basis.md §8
MAX_STEPS = 6  # 1 mg/mL ÷ 10⁶ is 1 ng/mL: far below the 1 mcg dose minimum
PREFERRED_ALIQUOT = Quantity(1, ML)  # ldncalc default: below ~1 mL, marks are coarse
RESERVE = Quantity(1, ML)  # ldncalc default: left after the next step draws its aliquot
PREFERRED_ALIQUOT_ML = RESERVE_ML = Decimal(1)  # the same, in mL for the exact search


class Cylinder(NamedTuple):
    """A graduated cylinder: what it holds, its marks, and the least it measures."""

    name: str
    capacity: Qty
    graduation: Qty
    minimum: Qty


# Graduated cylinders for diluent volumes larger than any oral syringe holds. Subdivisions of
# ISO 4788 (25 mL: 0.5 mL; 50 and 100 mL: 1 mL; 250 mL: 2 mL); the least each measures is 20 %
# of its capacity (USP <1176> practice, docs/basis.md §7). ldncalc defaults: check your own.
GRADUATED_CYLINDERS = tuple(
    Cylinder(
        f"{capacity} mL graduated cylinder",
        Quantity(Decimal(capacity), ML),
        Quantity(Decimal(graduation), ML),
        Quantity(Decimal(capacity) / 5, ML),
    )
    for capacity, graduation in (("25", "0.5"), ("50", "1"), ("100", "1"), ("250", "2"))
)
_CYLINDERS_ML = tuple(
    (c, (c.capacity.m_as(ML), c.graduation.m_as(ML), c.minimum.m_as(ML)))
    for c in GRADUATED_CYLINDERS
)


def factors_between(stock: Qty, final: Qty, *, max_factor: int = MAX_FACTOR) -> tuple[int, ...]:
    """The fewest whole dilution factors, each at most ``max_factor``, whose product takes
    ``stock`` to ``final`` exactly (1 mg/mL → 1 mcg/mL: ``(10, 10, 10)``), 10s first.

    Raises :class:`UnsafeInputError` when ``final`` is not ``stock`` divided by such factors.
    """
    ratio = (stock / final).to(DIMENSIONLESS).magnitude
    if ratio <= 1 or ratio != ratio.to_integral():
        raise UnsafeInputError(
            "concentration",
            fq(final),
            code="dilution-not-whole-fraction",
            stock=stock,
            tenth=(stock / 10).to(stock.units),
        )
    whole = int(ratio)
    for count in range(1, MAX_STEPS + 1):
        for combo in _factor_sets(count, max_factor):
            if math.prod(combo) == whole:
                return combo
    raise UnsafeInputError(
        "concentration",
        fq(final),
        code="dilution-too-many-steps",
        ratio=ratio,
        stock=stock,
        steps=MAX_STEPS,
        max_factor=max_factor,
    )


def dilution_steps(
    stock: Qty,
    factors: Sequence[int],
    *,
    volume: Qty,
    catalog: Catalog,
    max_deviation: Decimal,
    stock_bud: BeyondUse,
    diluent_bud: BeyondUse,
) -> tuple[tuple[DilutionStep, ...], Qty]:
    """The steps that take ``stock`` through ``factors`` and end with at least ``volume``,
    and the least stock to make (what dilution 1 draws plus :data:`RESERVE`); every aliquot
    and diluent volume is exactly on the marks of the device that measures it. Raises
    :class:`UnsafeInputError` when no volumes work (a final volume larger than the biggest
    cylinder, say)."""
    found = _volumes(tuple(factors), magnitude(volume, ML), catalog, max_deviation)
    if found is None:
        raise UnsafeInputError(
            "volume",
            fq(volume),
            code="dilution-volume-not-measurable",
            factors=tuple(factors),
            stock=stock,
            maximum=GRADUATED_CYLINDERS[-1].capacity,
        )
    return _steps(stock, found, stock_bud, diluent_bud), found[0][0] + quantity(RESERVE_ML, ML)


def plan_dilution(
    dose: Qty,
    *,
    stocks: Sequence[Qty],
    default_stock: Qty,
    doses: int,
    catalog: Catalog,
    max_deviation: Decimal,
    diluent: str | Message,
    stock_bud: BeyondUse,
    diluent_bud: BeyondUse,
    max_factor: int = MAX_FACTOR,
    spare: Spare | None = None,
) -> DilutionPlan:
    """The serial dilution that measures ``dose`` exactly on an oral syringe's marks, from one
    of ``stocks`` (concentrations that can be made from tablets), making at least ``doses``
    doses and the ``spare`` on top (default: a record's default), diluted with ``diluent``
    (:func:`diluent_of`; a bare English name has no French). Raises
    :class:`UnsafeInputError` when no plan of at most :data:`MAX_STEPS` steps of at most
    1:``max_factor`` works."""
    dose = dose.to(MG)
    dose_mg = magnitude(dose, MG)
    default_mg_ml = magnitude(default_stock, MG_PER_ML)
    spare = Spare() if spare is None else spare
    # exact Decimals in mg, mL and mg/mL (as in compute.py); quantities for the plan only
    # a dose volume its syringe measures reliably (docs/basis.md §7) before fewer steps
    for reliable_only, count in itertools.product((True, False), range(1, MAX_STEPS + 1)):
        candidates = []
        for stock in stocks:
            stock_mg_ml = magnitude(stock, MG_PER_ML)
            for combo in _factor_sets(count, max_factor):
                # factors of 2s and 5s: the final concentration is an exact decimal
                dose_ml = dose_mg / (stock_mg_ml / math.prod(combo))
                measured = exact_measure_ml(dose_ml, catalog, max_deviation)
                if measured is None or (reliable_only and not measured.reliable):
                    continue
                others = sum(1 for n in combo if n != 10)
                rank = (others, -dose_ml, stock_mg_ml != default_mg_ml)
                candidates.append((rank, stock, combo, dose_ml, measured))
        for _, stock, combo, dose_ml, measured in sorted(candidates, key=lambda c: c[0]):
            needed = dose_ml * doses + spare_ml(dose_ml, doses, spare)
            found = _volumes(combo, needed, catalog, max_deviation)
            if found is None:
                continue
            steps = _steps(stock, found, stock_bud, diluent_bud)
            last = steps[-1]
            return built(
                DilutionPlan,
                dose=dose,
                stock_concentration=stock,
                stock_drawn=quantity(magnitude(found[0][0], ML), ML),
                stock_reserve=quantity(RESERVE_ML, ML),
                diluent=str(diluent),
                diluent_text=diluent if isinstance(diluent, Message) else None,
                steps=steps,
                concentration=last.concentration,
                final_volume=last.final_volume,
                dose_volume=quantity(dose_ml, ML),
                dose_device=_device(measured.syringe),
                doses=doses,
                dispensed_volume=last.final_volume,
                dispensed_drug=(last.concentration * last.final_volume).to(MG),
                bud=min((stock_bud, *(s.bud for s in steps)), key=lambda b: b.days),
            )
    suggested = None
    rounded = _two_figures(dose)
    if rounded != dose:
        try:
            plan_dilution(
                rounded,
                stocks=stocks,
                default_stock=default_stock,
                doses=doses,
                catalog=catalog,
                max_deviation=max_deviation,
                diluent=diluent,
                stock_bud=stock_bud,
                diluent_bud=diluent_bud,
                max_factor=max_factor,
                spare=spare,
            )
            suggested = rounded.to(MCG)
        except UnsafeInputError:
            pass
    raise UnsafeInputError(
        "target",
        fq(dose, unit=_mass_unit(dose)),
        code="dose-not-dilutable",
        steps=MAX_STEPS,
        max_factor=max_factor,
        rounded=suggested,
    )


def needs_dilution(dose: Qty, concentrations: Sequence[Qty], catalog: Catalog) -> bool:
    """Whether ``dose`` is below what the smallest oral syringe measures reliably at every
    one of ``concentrations``: the doses that only a serial dilution measures well."""
    key = (id(catalog), id(concentrations))
    kept = _THRESHOLDS.get(key)
    if kept is None or kept[0] is not catalog or kept[1] is not concentrations:
        least = min(s.reliable_minimum for s in catalog.syringes)
        threshold = (min(concentrations) * least).to(MG)  # at the weakest liquid
        kept = _THRESHOLDS[key] = (catalog, concentrations, magnitude(threshold, MG))
    return magnitude(dose, MG) < kept[2]


# The dose (mg) below which a dilution is needed, per catalog and list of concentrations
# (liquid() asks for every dose; the objects stay the same while the files do).
_THRESHOLDS: dict[tuple[int, int], tuple[Catalog, Sequence[Qty], Decimal]] = {}


def diluent_of(record: Formulation) -> Message:
    """What dilutes a record's liquid, as a record in every language the formulation record
    gives: its vehicle when that is all there is besides the drug; else the whole vehicle made
    without tablets (``liquid-diluent-without-tablets``), so that a preservative is not diluted
    below the strength the record's BUD relies on."""
    others = [i for i in record.ingredients if i.role != "active"]
    if len(others) == 1:
        return record.ingredient_text(others[0].name)
    (name,) = record.texts("name")
    return coded(Message, code="liquid-diluent-without-tablets", params={"name": name})


def exact_measure(volume: Qty, catalog: Catalog, max_deviation: Decimal) -> Measure | None:
    """The oral syringe :func:`~ldncalc.preparations.liquid.compute.measure` picks for
    ``volume``, if ``volume`` is exactly on its marks (a whole number of graduations); else
    ``None``."""
    return exact_measure_ml(magnitude(volume, ML), catalog, max_deviation)


def exact_measure_ml(
    volume_ml: Decimal, catalog: Catalog, max_deviation: Decimal
) -> Measure | None:
    """:func:`exact_measure` of a volume of ``volume_ml`` mL."""
    found = measure_ml(volume_ml, catalog, max_deviation)
    if found is None or not on_marks_ml(volume_ml, found.syringe.millilitres[1]):
        return None
    return found


def on_marks(volume: Qty, graduation: Qty) -> bool:
    """Whether ``volume`` is a whole number of ``graduation`` marks, exactly."""
    return on_marks_ml(magnitude(volume, ML), magnitude(graduation, ML))


def on_marks_ml(volume_ml: Decimal, graduation_ml: Decimal) -> bool:
    """:func:`on_marks` in mL."""
    marks = volume_ml / graduation_ml
    return marks == marks.to_integral()


def _factor_sets(count: int, max_factor: int) -> Iterator[tuple[int, ...]]:
    """Every multiset of ``count`` factors up to ``max_factor``, largest factors first. Only
    factors made of 2s and 5s (2, 4, 5, 8, 10…): they divide a decimal concentration into an
    exact decimal one, so a label never shows 0.3333 mg/mL and C1 × V1 = C2 × V2 exactly."""
    usable = [n for n in range(max_factor, 1, -1) if _only_twos_and_fives(n)]
    yield from itertools.combinations_with_replacement(usable, count)


def _only_twos_and_fives(number: int) -> bool:
    for prime in (2, 5):
        while number % prime == 0:
            number //= prime
    return number == 1


# (aliquot, aliquot device, diluent volume, diluent device) for each step, first step first
_Volumes = list[tuple[Qty, Device, Qty, Device]]


def _volumes(
    factors: tuple[int, ...], needed_ml: Decimal, catalog: Catalog, max_deviation: Decimal
) -> _Volumes | None:
    """Volumes for each step, worked back from the last: the smallest aliquot of at least
    :data:`PREFERRED_ALIQUOT` (or, if none works, any measurable one) that makes at least what
    the next step needs (``needed_ml``), and whose diluent volume is on a device's marks."""
    chosen: _Volumes = []
    for factor in reversed(factors):
        least = needed_ml / factor
        picked = _aliquot(max(least, PREFERRED_ALIQUOT_ML), factor, catalog, max_deviation)
        if picked is None and least < PREFERRED_ALIQUOT_ML:
            picked = _aliquot(least, factor, catalog, max_deviation)
        if picked is None:
            return None
        chosen.append(picked[1:])
        needed_ml = picked[0] + RESERVE_ML
    return chosen[::-1]


def _aliquot(
    floor_ml: Decimal, factor: int, catalog: Catalog, max_deviation: Decimal
) -> tuple[Decimal, Qty, Device, Qty, Device] | None:
    for volume_ml, syringe in _syringe_volumes(catalog, max_deviation):
        if volume_ml < floor_ml:
            continue
        diluent_ml = volume_ml * (factor - 1)
        device = _diluent_device(diluent_ml, catalog, max_deviation)
        if device is not None:
            aliquot = quantity(volume_ml, ML)
            return volume_ml, aliquot, _device(syringe), quantity(diluent_ml, ML), device
    return None


def _diluent_device(volume_ml: Decimal, catalog: Catalog, max_deviation: Decimal) -> Device | None:
    if volume_ml <= max(s.millilitres[0] for s in catalog.syringes):
        found = exact_measure_ml(volume_ml, catalog, max_deviation)
        return _device(found.syringe) if found is not None else None
    for cylinder, (capacity_ml, graduation_ml, minimum_ml) in _CYLINDERS_ML:
        if minimum_ml <= volume_ml <= capacity_ml:
            return _device(cylinder) if on_marks_ml(volume_ml, graduation_ml) else None
    return None


def _syringe_volumes(
    catalog: Catalog, max_deviation: Decimal
) -> tuple[tuple[Decimal, Syringe], ...]:
    """Every volume (mL) an oral syringe of the catalog measures exactly, smallest first
    (kept per catalog object: :func:`ldncalc.formulations.load` returns the same one while
    files stay)."""
    key = (id(catalog), max_deviation)
    kept = _SYRINGE_VOLUMES.get(key)
    if kept is None or kept[0] is not catalog:
        kept = _SYRINGE_VOLUMES[key] = (catalog, _measurable_volumes(catalog, max_deviation))
    return kept[1]


_SYRINGE_VOLUMES: dict[
    tuple[int, Decimal], tuple[Catalog, tuple[tuple[Decimal, Syringe], ...]]
] = {}


def _measurable_volumes(
    catalog: Catalog, max_deviation: Decimal
) -> tuple[tuple[Decimal, Syringe], ...]:
    volumes: dict[Decimal, tuple[Decimal, Syringe]] = {}
    for syringe in catalog.syringes:
        graduation = syringe.graduation.to(ML)
        first = math.ceil((syringe.minimum / graduation).to(DIMENSIONLESS).magnitude)
        last = math.floor((syringe.capacity / graduation).to(DIMENSIONLESS).magnitude)
        for marks in range(first, last + 1):
            volume = (graduation * marks).to(ML)
            key = volume.magnitude.normalize()
            if key in volumes:
                continue
            found = exact_measure(volume, catalog, max_deviation)
            if found is not None:
                volumes[key] = (key, found.syringe)
    return tuple(volumes[key] for key in sorted(volumes))


def _steps(
    stock: Qty, volumes: _Volumes, stock_bud: BeyondUse, diluent_bud: BeyondUse
) -> tuple[DilutionStep, ...]:
    steps = []
    concentration = stock
    bud = stock_bud
    for number, (aliquot, aliquot_device, diluent, diluent_device) in enumerate(volumes, 1):
        aliquot_ml = magnitude(aliquot, ML)
        final_ml = aliquot_ml + magnitude(diluent, ML)
        factor = int(final_ml / aliquot_ml)
        conc_mg_ml = magnitude(concentration, MG_PER_ML)
        after = _readable(conc_mg_ml / factor)
        drug = quantity(conc_mg_ml * aliquot_ml, MG)
        final_volume = quantity(final_ml, ML)
        bud = min(bud, diluent_bud, key=lambda b: b.days)
        steps.append(
            built(
                DilutionStep,
                number=number,
                factor=factor,
                from_concentration=concentration,
                aliquot=aliquot,
                aliquot_device=aliquot_device,
                diluent_volume=diluent,
                diluent_device=diluent_device,
                final_volume=final_volume,
                concentration=after,
                drug=drug,
                bud=bud,
                calculation=f"{fq(concentration)} × {fq(aliquot)} = {fq(after)} × "
                f"{fq(final_volume)} = {fq(drug, unit=_mass_unit(drug))}",
            )
        )
        concentration = after
    return tuple(steps)


def readable_concentration(concentration: Qty) -> Qty:
    """``concentration`` in mg/mL, or in mcg/mL below 0.01 mg/mL (docs/basis.md §8 writes
    1 mg/mL → 0.1 → 0.01 mg/mL → 1 mcg/mL)."""
    return _readable(magnitude(concentration, MG_PER_ML))


def _readable(conc_mg_ml: Decimal) -> Qty:
    """:func:`readable_concentration` of ``conc_mg_ml`` mg/mL."""
    if conc_mg_ml < _HUNDREDTH:
        return quantity(conc_mg_ml * 1000, MCG_PER_ML)  # exact: 1 mg is 1,000 mcg
    return quantity(conc_mg_ml, MG_PER_ML)


_HUNDREDTH = Decimal("0.01")


def _two_figures(dose: Qty) -> Qty:
    """``dose`` in mcg rounded half-up to two significant figures (12.34 mcg → 12 mcg)."""
    micrograms = dose.to(MCG).magnitude
    places = max(0, 1 - micrograms.adjusted())
    return Quantity(round_to(micrograms, places), MCG).to(MG)


def _device(device: Syringe | Cylinder) -> Device:
    """The device a plan names (a frozen record, kept per catalog syringe or cylinder)."""
    kept = _DEVICES.get(id(device))
    if kept is None or kept[0] is not device:
        if len(_DEVICES) >= 256:  # catalogs read again and again: forget the old ones
            _DEVICES.clear()
        made = built(
            Device, name=device.name, capacity=device.capacity, graduation=device.graduation
        )
        kept = _DEVICES[id(device)] = (device, made)
    return kept[1]


_DEVICES: dict[int, tuple[Syringe | Cylinder, Device]] = {}


def _mass_unit(mass: Qty) -> pint.Unit:
    """mcg below 1 mg (ISMP: 25 mcg, not 0.025 mg), else mg."""
    return MCG if mass < Quantity(1, MG) else MG
