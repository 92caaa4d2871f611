"""The numbers of an oral liquid: measures on a syringe's marks, spare, doses, final volume.

Numbers and units only (docs/basis.md §3 and §7); :mod:`.read` reads the inputs,
:mod:`.describe` turns what is computed here into steps, warnings and notes.
"""

from __future__ import annotations

import math
from decimal import ROUND_CEILING, Decimal
from typing import NamedTuple

from ldncalc.catalogs import Catalog, Syringe
from ldncalc.formatting import round_to
from ldncalc.formulations import Formulation, Spare
from ldncalc.units import DIMENSIONLESS, ML, Qty, Quantity, converted

DEFAULT_DAYS = 30  # supply when neither days nor volume is given (capped at the BUD)
FINAL_VOLUME_PLACES = 1  # mL: a graduated cylinder reads to about 0.1 mL at these volumes


class Measure(NamedTuple):
    """How a dose volume is measured: the syringe, the volume on its marks, whether that is
    exactly the volume calculated, and the deviation (rounded to 0.1 %, for reading)."""

    syringe: Syringe
    volume: Qty
    exact: bool
    deviation_percent: Decimal

    @property
    def reliable(self) -> bool:
        """Whether the volume is one the syringe measures reliably (docs/basis.md §7)."""
        return self.syringe.reliable(self.volume)

    @property
    def quality(self) -> tuple[bool, bool]:
        """For ranking measures, best first: reliable before not, exact before rounded."""
        return (not self.reliable, not self.exact)


class Choice(NamedTuple):
    """The concentration chosen for a dose, its measure, and the measure at the record's
    default concentration (``None`` if no syringe measures the dose there): when the two
    concentrations differ, the latter says why."""

    concentration: Qty
    measure: Measure
    at_default: Measure | None


def measure(volume: Qty, catalog: Catalog, max_deviation: Decimal) -> Measure | None:
    """The smallest oral syringe that holds ``volume`` (on its marks if one of that size can),
    and the volume on its marks; ``None`` if no syringe measures it within ``max_deviation`` %."""
    # Exact Decimal arithmetic in mL inside this hot loop (it runs for every syringe and
    # concentration tried); quantities go in and come out.
    wanted_ml = volume.m_as(ML)
    best: Measure | None = None
    best_capacity_ml = None
    for syringe in catalog.syringes_by_size:
        capacity_ml, graduation_ml, minimum_ml = syringe.millilitres
        if not minimum_ml <= wanted_ml <= capacity_ml:
            continue
        if best_capacity_ml is not None and capacity_ml > best_capacity_ml:
            break
        measured_ml = graduation_ml * round_to(wanted_ml / graduation_ml, 0)
        deviation = round_to((measured_ml - wanted_ml) / wanted_ml * 100, 1)
        if abs(deviation) <= max_deviation and (
            best is None or abs(deviation) < abs(best.deviation_percent)
        ):
            best = Measure(syringe, Quantity(measured_ml, ML), measured_ml == wanted_ml, deviation)
            best_capacity_ml = capacity_ml
    return best


def _choose_concentration(
    dose: Qty, record: Formulation, catalog: Catalog, target: object
) -> Choice | None:
    """The concentration to make: the record's default when a syringe measures the dose
    exactly on its marks, at or above the least it measures reliably; else the listed one
    that measures it best: reliably before not (docs/basis.md §7), exactly before rounded,
    then the smaller deviation, then the nearest to the default. The default is kept when
    no listed one measures the dose better (a rounded dose: the warning gives the
    deviation). A dose is never rounded to a mark when another listed concentration
    measures it exactly: the label must say the dose prescribed. ``None`` when no syringe
    measures the dose at any listed concentration."""
    assert record.concentration is not None
    default = record.concentration.default
    at_default = measure(converted(dose / default, ML), catalog, _max_deviation(record))
    if at_default is not None and at_default.quality == (False, False):
        return Choice(
            default, at_default, at_default
        )  # the usual case: no other concentration to try
    options = []
    for conc in record.concentration.listed:
        found = measure(converted(dose / conc, ML), catalog, _max_deviation(record))
        if found is not None:
            distance = distance_from_default(conc, default)
            options.append((found.quality, abs(found.deviation_percent), distance, conc, found))
    if not options:
        return None  # the caller refuses: no syringe measures the dose
    *_, best, best_found = min(options, key=lambda o: o[:3])
    if at_default is not None and at_default.quality <= best_found.quality:
        return Choice(
            default, at_default, at_default
        )  # no listed one does better: the warnings say why
    return Choice(best, best_found, at_default)


def _measuring(dose: Qty, record: Formulation, catalog: Catalog) -> list[Qty]:
    """The record's listed concentrations at which some syringe measures ``dose``."""
    assert record.concentration is not None
    return [
        c
        for c in record.concentration.listed
        if measure(converted(dose / c, ML), catalog, _max_deviation(record))
    ]


def made_up_volume(tablets: int, strength: Qty, conc: Qty, *, at_least: Qty | None = None) -> Qty:
    """The volume ``tablets`` of ``strength`` make at ``conc``, made up to the 0.1 mL a
    graduated cylinder reads (rounded up when rounding to the nearest would hold less than
    ``at_least``, the volume of the doses asked for). Also used by each fill of a titration."""
    exact = converted(strength * tablets / conc, ML)
    rounded = Quantity(round_to(exact.magnitude, FINAL_VOLUME_PLACES), ML)
    if at_least is not None and rounded < at_least <= exact:
        step = Decimal(1).scaleb(-FINAL_VOLUME_PLACES)
        up = exact.magnitude.quantize(step, rounding=ROUND_CEILING)
        rounded = Quantity(round_to(up, FINAL_VOLUME_PLACES), ML)
    return rounded


def spare_for(dose_volume: Qty, doses: int, spare: Spare) -> Qty:
    """The least spare volume (mL) a formulation record asks for on top of ``doses`` of
    ``dose_volume``: the greater of its ``spare.doses`` doses and ``spare.percent`` % of the
    volume of the doses (docs/basis.md §3; USP <698> Deliverable Volume)."""
    dose = _millilitres(dose_volume)  # in exact Decimal mL, as least_spare()
    return Quantity(max(dose * spare.doses, dose * doses * spare.percent / 100), ML)


def least_spare(largest_dose: Qty, for_doses: Qty, spare: Spare) -> Qty:
    """The spare (mL) on top of doses whose volumes add up to ``for_doses``, the largest
    ``largest_dose`` (a titration fill's doses differ): the greater of ``spare.doses`` of the
    largest and ``spare.percent`` % of ``for_doses``."""
    # in exact Decimal mL: three pint operations a call were a tenth of a liquid()
    by_doses = _millilitres(largest_dose) * spare.doses
    by_percent = _millilitres(for_doses) * spare.percent / 100
    return Quantity(max(by_doses, by_percent), ML)


def _millilitres(volume: Qty) -> Decimal:
    """The magnitude of ``volume`` in mL (a Decimal), converting only when it is not mL."""
    magnitude: Decimal = (volume if volume.units == ML else converted(volume, ML)).magnitude
    return magnitude


def doses_held(volume: Qty, dose_volume: Qty, spare: Spare) -> int:
    """The whole doses of ``dose_volume`` that ``volume`` holds with the record's spare left
    over: the largest n with n × dose volume + :func:`spare_for` (n) ≤ volume (0 if none).
    The one count of doses of every liquid: plain, serial dilution and titration fill."""
    ratio: Decimal = (volume / dose_volume).to(DIMENSIONLESS).magnitude
    by_doses = math.floor(ratio - spare.doses)
    by_percent = math.floor(ratio / (1 + spare.percent / 100))
    return max(0, min(by_doses, by_percent))


def distance_from_default(conc: Qty, default: Qty) -> float:
    """How far ``conc`` is from a record's ``default`` concentration on a ratio scale (twice
    and half the default are as far): the last tie-break between listed concentrations, here
    and in a titration."""
    return abs(math.log(float((conc / default).to(DIMENSIONLESS).magnitude)))


def _max_deviation(record: Formulation) -> Decimal:
    return Decimal(record.limits.dose_deviation_maximum.magnitude)
