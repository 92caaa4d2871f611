"""The numbers of an oral liquid: measures on a syringe's marks, spare, doses, final volume.

Numbers and units only (docs/basis.md §3 and §7); :mod:`.read` reads the inputs,
:mod:`.describe` turns what is computed here into steps, warnings and notes.

The calculation is exact Decimal arithmetic in fixed units: volumes in mL, masses in mg,
concentrations in mg/mL, each named so (``dose_ml``, ``strength_mg``), the way a pharmacist
works a calculation on paper. pint is used only at the edges: :func:`ldncalc.quantities.magnitude`
takes a quantity in (converting it, and refusing one of another dimension) and
:func:`ldncalc.quantities.quantity` gives the result's quantities out. The functions that take
and return quantities (``measure``, ``spare_for``, ``doses_held``…) are those edges, for the
titration and the tests; ``tests/test_liquid_core.py`` compares the core with the same
calculation in pint quantities on random inputs.
"""

from __future__ import annotations

import math
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from typing import NamedTuple

from ldncalc.catalogs import Catalog, Syringe
from ldncalc.formatting import round_to
from ldncalc.formulations import Formulation, Spare
from ldncalc.quantities import magnitude, quantity
from ldncalc.units import DIMENSIONLESS, MG, MG_PER_ML, ML, Qty

DEFAULT_DAYS = 30  # supply when neither days nor volume is given (capped at the BUD)
FINAL_VOLUME_PLACES = 1  # mL: a graduated cylinder reads to about 0.1 mL at these volumes
_ONE, _ZERO = Decimal(1), Decimal(0)


class Measure(NamedTuple):
    """How a dose volume is measured: the syringe, the volume on its marks, whether that is
    exactly the volume calculated, and the deviation (rounded to 0.1 %, for reading)."""

    syringe: Syringe
    volume: Qty  # in mL
    exact: bool
    deviation_percent: Decimal

    @property
    def millilitres(self) -> Decimal:
        """The volume on the marks, in mL."""
        volume: Decimal = self.volume._magnitude
        return volume

    @property
    def reliable(self) -> bool:
        """Whether the volume is one the syringe measures reliably (docs/basis.md §7)."""
        return self.millilitres >= reliable_ml(self.syringe)

    @property
    def quality(self) -> tuple[bool, bool]:
        """For ranking measures, best first: reliable before not, exact before rounded."""
        return (not self.reliable, not self.exact)


def reliable_ml(syringe: Syringe) -> Decimal:
    """The least volume ``syringe`` measures reliably (:attr:`Syringe.reliable_minimum`), in
    mL (kept per syringe object: catalogs are kept while their files do not change)."""
    kept = _RELIABLE.get(id(syringe))
    if kept is None or kept[0] is not syringe:
        kept = _RELIABLE[id(syringe)] = (syringe, magnitude(syringe.reliable_minimum, ML))
    return kept[1]


_RELIABLE: dict[int, tuple[Syringe, Decimal]] = {}


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
    return measure_ml(magnitude(volume, ML), catalog, max_deviation)


def measure_ml(wanted_ml: Decimal, catalog: Catalog, max_deviation: Decimal) -> Measure | None:
    """:func:`measure` of a volume of ``wanted_ml`` mL."""
    best: Measure | None = None
    best_capacity_ml = None
    for syringe in catalog.syringes_by_size:
        capacity_ml, graduation_ml, minimum_ml = syringe.millilitres
        if not minimum_ml <= wanted_ml <= capacity_ml:
            continue
        if best_capacity_ml is not None and capacity_ml > best_capacity_ml:
            break
        measured_ml = graduation_ml * (wanted_ml / graduation_ml).quantize(_ONE, ROUND_HALF_UP)
        exact = measured_ml == wanted_ml
        deviation = _ZERO if exact else round_to((measured_ml - wanted_ml) / wanted_ml * 100, 1)
        if abs(deviation) <= max_deviation and (
            best is None or abs(deviation) < abs(best.deviation_percent)
        ):
            best = Measure(syringe, quantity(measured_ml, ML), exact, deviation)
            best_capacity_ml = capacity_ml
    return best


def volume_ml(dose: Qty, conc: Qty) -> Decimal:
    """The volume (mL) of ``conc`` that holds ``dose``: dose ÷ concentration."""
    return magnitude(dose, MG) / magnitude(conc, MG_PER_ML)


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
    at_default = measure_ml(volume_ml(dose, default), catalog, _max_deviation(record))
    if at_default is not None and at_default.quality == (False, False):
        return Choice(
            default, at_default, at_default
        )  # the usual case: no other concentration to try
    options = []
    for conc in record.concentration.listed:
        found = measure_ml(volume_ml(dose, conc), catalog, _max_deviation(record))
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
        if measure_ml(volume_ml(dose, c), catalog, _max_deviation(record))
    ]


def made_up_volume(tablets: int, strength: Qty, conc: Qty, *, at_least: Qty | None = None) -> Qty:
    """The volume ``tablets`` of ``strength`` make at ``conc``, made up to the 0.1 mL a
    graduated cylinder reads (rounded up when rounding to the nearest would hold less than
    ``at_least``, the volume of the doses asked for). Also used by each fill of a titration."""
    exact = exact_volume_ml(tablets, magnitude(strength, MG), magnitude(conc, MG_PER_ML))
    least = None if at_least is None else magnitude(at_least, ML)
    return quantity(made_up_ml(exact, least), ML)


def exact_volume_ml(tablets: int, strength_mg: Decimal, conc_mg_ml: Decimal) -> Decimal:
    """The volume (mL) ``tablets`` of ``strength_mg`` make at ``conc_mg_ml``."""
    return strength_mg * tablets / conc_mg_ml


def made_up_ml(exact_ml: Decimal, at_least_ml: Decimal | None = None) -> Decimal:
    """:func:`made_up_volume` of an exact volume of ``exact_ml`` mL."""
    rounded = round_to(exact_ml, FINAL_VOLUME_PLACES)
    if at_least_ml is not None and rounded < at_least_ml <= exact_ml:
        step = Decimal(1).scaleb(-FINAL_VOLUME_PLACES)
        up = exact_ml.quantize(step, rounding=ROUND_CEILING)
        rounded = round_to(up, FINAL_VOLUME_PLACES)
    return rounded


def spare_for(dose_volume: Qty, doses: int, spare: Spare) -> Qty:
    """The least spare volume (mL) a formulation record asks for on top of ``doses`` of
    ``dose_volume``: the greater of its ``spare.doses`` doses and ``spare.percent`` % of the
    volume of the doses (docs/basis.md §3; USP <698> Deliverable Volume)."""
    return quantity(spare_ml(magnitude(dose_volume, ML), doses, spare), ML)


def spare_ml(dose_ml: Decimal, doses: int, spare: Spare) -> Decimal:
    """:func:`spare_for` of doses of ``dose_ml`` mL, in mL, up to the final volume's 0.1 mL:
    a spare of 4.725 mL (5 % of 94.5 mL) is checked against a volume made up in a graduated
    cylinder, which reads 0.1 mL, so the record asks at least 4.8 mL."""
    key = (dose_ml, doses, spare.doses, spare.percent)  # kept per value, as round_to's
    found = _SPARES.get(key)
    if found is None:
        found = _read_up(max(dose_ml * spare.doses, dose_ml * doses * spare.percent / 100))
        if len(_SPARES) >= 4096:
            _SPARES.clear()
        _SPARES[key] = found
    return found


_SPARES: dict[tuple[Decimal, int, int, Decimal], Decimal] = {}


def _read_up(exact_ml: Decimal) -> Decimal:
    """``exact_ml`` up to what a graduated cylinder reads (:data:`FINAL_VOLUME_PLACES`)."""
    return round_to(exact_ml.quantize(_READ_STEP, rounding=ROUND_CEILING), FINAL_VOLUME_PLACES)


_READ_STEP = Decimal(1).scaleb(-FINAL_VOLUME_PLACES)


def least_spare(largest_dose: Qty, for_doses: Qty, spare: Spare) -> Qty:
    """The spare (mL) on top of doses whose volumes add up to ``for_doses``, the largest
    ``largest_dose`` (a titration fill's doses differ): the greater of ``spare.doses`` of the
    largest and ``spare.percent`` % of ``for_doses``, up to 0.1 mL as :func:`spare_ml`."""
    by_doses = magnitude(largest_dose, ML) * spare.doses
    by_percent = magnitude(for_doses, ML) * spare.percent / 100
    return quantity(_read_up(max(by_doses, by_percent)), ML)


def doses_held(volume: Qty, dose_volume: Qty, spare: Spare) -> int:
    """The whole doses of ``dose_volume`` that ``volume`` holds with the record's spare left
    over: the largest n with n × dose volume + :func:`spare_for` (n) ≤ volume (0 if none).
    The one count of doses of every liquid: plain, serial dilution and titration fill."""
    return doses_held_ml(magnitude(volume, ML), magnitude(dose_volume, ML), spare)


def doses_held_ml(volume_ml: Decimal, dose_ml: Decimal, spare: Spare) -> int:
    """:func:`doses_held` of ``volume_ml`` mL in doses of ``dose_ml`` mL."""
    ratio = volume_ml / dose_ml
    by_doses = math.floor(ratio - spare.doses)
    by_percent = math.floor(ratio / (1 + spare.percent / 100))
    held = max(0, min(by_doses, by_percent))  # with the spare exact: at most 1 too many
    while held and dose_ml * held + spare_ml(dose_ml, held, spare) > volume_ml:
        held -= 1  # the spare up to 0.1 mL leaves room for fewer
    return held


class Supply(NamedTuple):
    """A liquid made for days of supply (docs/basis.md §3), exact, in mL and mg: the volume of
    the doses asked for (on the syringe's marks), the least spare on top, the drug that
    needs, the tablets (exact, then whole), the volume they make and the final volume made
    up to what a graduated cylinder reads."""

    for_doses_ml: Decimal
    least_spare_ml: Decimal
    needed_mg: Decimal
    exact_tablets: Decimal
    tablets: int
    exact_volume_ml: Decimal
    final_volume_ml: Decimal


def supply(
    dose_ml: Decimal, asked: int, spare: Spare, conc_mg_ml: Decimal, strength_mg: Decimal
) -> Supply:
    """The liquid that holds ``asked`` doses of ``dose_ml`` and the record's ``spare`` at
    ``conc_mg_ml``, from whole tablets of ``strength_mg``."""
    # A dose rounded to a syringe mark takes the drug of that volume from the bottle:
    # counting the prescribed dose instead leaves the last days without a dose.
    for_doses = dose_ml * asked
    least = spare_ml(dose_ml, asked, spare)
    needed = (for_doses + least) * conc_mg_ml
    exact_tablets = needed / strength_mg
    tablets = math.ceil(exact_tablets)
    exact = exact_volume_ml(tablets, strength_mg, conc_mg_ml)
    final = made_up_ml(exact, for_doses + least)
    return Supply(for_doses, least, needed, exact_tablets, tablets, exact, final)


class Bottle(NamedTuple):
    """What a final volume holds, exact, in mL: the whole doses with the spare left over, their
    volume, the spare left, and the least spare the record asks for on top of them."""

    doses: int
    doses_volume_ml: Decimal
    spare_ml: Decimal
    spare_minimum_ml: Decimal


def bottle(final_volume_ml: Decimal, dose_ml: Decimal, spare: Spare) -> Bottle:
    """The doses of ``dose_ml`` that ``final_volume_ml`` holds with the record's ``spare``."""
    doses = doses_held_ml(final_volume_ml, dose_ml, spare)
    doses_volume = dose_ml * doses
    return Bottle(
        doses, doses_volume, final_volume_ml - doses_volume, spare_ml(dose_ml, doses, spare)
    )


def distance_from_default(conc: Qty, default: Qty) -> float:
    """How far ``conc`` is from a record's ``default`` concentration on a ratio scale (twice
    and half the default are as far): the last tie-break between listed concentrations, here
    and in a titration."""
    return abs(math.log(float((conc / default).to(DIMENSIONLESS).magnitude)))


def _max_deviation(record: Formulation) -> Decimal:
    return Decimal(record.limits.dose_deviation_maximum.magnitude)
