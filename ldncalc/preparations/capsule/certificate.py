"""What the certificate of analysis (CoA) of a naltrexone API lot says, and the one factor it
gives: the mg of naltrexone HCl in 1 mg of the powder as weighed (docs/basis.md §1).

A CoA states an assay, what it is expressed as (naltrexone HCl, the dihydrate or the base),
its basis (as is, or on the anhydrous / dried basis: the USP monograph "Naltrexone
Hydrochloride" states it "calculated on the anhydrous, solvent-free basis") and the water
(Karl Fischer, USP <921>). From them, one factor::

    assay as is, as naltrexone HCl               A
    assay on the anhydrous (dried) basis         A × (100 % − water)
    assay as is, as the dihydrate                A × 377.86 ÷ 413.89
    base, assay as is, as the base               A × 377.86 ÷ 341.4
    (base on the dried basis                     A × (100 % − water) × 377.86 ÷ 341.4)

    powder to weigh = naltrexone HCl needed ÷ factor

The water of a hydrate is corrected once: by the molar masses (an as-is assay of the
dihydrate) or by the water measured (an assay on the anhydrous basis), never both (both
would overdose a dihydrate lot by about 9.5 %). So an as-is assay takes no ``--water``, an
anhydrous-basis one needs it, and an assay of the dihydrate must say which it is.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Literal, NamedTuple

from ldncalc.catalogs import ApiForm, Catalog
from ldncalc.checks import require_text
from ldncalc.errors import InputError, UnsafeInputError
from ldncalc.formatting import FACTOR_PLACES, round_to
from ldncalc.limits import Limits
from ldncalc.messages import Message, Step
from ldncalc.preparations.capsule.build import record
from ldncalc.preparations.capsule.compute import in_unit
from ldncalc.units import (
    DIMENSIONLESS,
    G_PER_MOL,
    PCT,
    PERCENT,
    WATER_PERCENT,
    Qty,
    Quantity,
    as_quantity,
)

Basis = Literal["as-is", "anhydrous"]
# Every weight is computed with the exact factor, shown to FACTOR_PLACES (s5 review: 500 mg ÷
# 0.9049, the factor to 4 places, weighed 552.5 mg where 500 ÷ 0.90486 is 552.6 mg)
# docs/basis.md §1: a lot's water is 0 to 15 % (the dihydrate holds 8.7 % in theory); above
# 5 % an "anhydrous" lot holds a hydrate's water (ldncalc default: half the dihydrate's)
WATER_MAXIMUM = Quantity(15, PCT)
HYDRATE_WATER = Quantity(5, PCT)
# USP: 98.0-102.0 % on the anhydrous basis (docs/basis.md §1); an as-is assay of a hydrate
# expressed as its anhydrous form is at most the molar masses' ratio of that (dihydrate, as
# naltrexone HCl: 377.86 ÷ 413.89 × 102 % = 93.1 %)
ASSAY_CEILING = Decimal("1.02")
_PERCENT = Decimal("0.01")  # 1 % as a fraction
_FULL = Quantity(Decimal(100), PCT)  # no assay given: 100 %, as the parser reads "100%"
_BASES: dict[str, Basis] = {"as-is": "as-is", "anhydrous": "anhydrous", "dried": "anhydrous"}
_BASIS_FIX = "use as-is, anhydrous or dried (as the certificate of analysis states the assay)"


class Certificate(NamedTuple):
    """A lot's certificate as read, and its factor (mg naltrexone HCl per mg of powder)."""

    form: ApiForm  # the powder weighed
    assay: Qty
    expressed_as: ApiForm  # the form the assay is expressed as
    basis: Basis
    water: Qty | None
    salt_factor: Decimal  # molar mass of expressed_as ÷ molar mass of naltrexone HCl
    factor: Decimal  # to FACTOR_PLACES, as shown and in JSON
    step: Step  # the factor's calculation (capsule-factor)
    exact: Decimal  # the factor unrounded: every weight is computed with it
    warnings: tuple[Message, ...]


def read_certificate(
    catalog: Catalog,
    limits: Limits,
    *,
    salt: str,
    assay: str | Qty | None,
    assay_as: str | None,
    basis: str | None,
    water: str | Qty | None,
) -> Certificate:
    """The certificate of an API lot of form ``salt`` (a catalog id), read and checked.
    Refused: a combination that would correct the water twice (an as-is assay with
    ``water``; an assay of a hydrate on the anhydrous basis), one that leaves the water unknown
    where it matters (the anhydrous basis without ``water``), an assay of a hydrate that does
    not say what it is expressed as, and figures outside their plausible ranges."""
    forms = tuple(f.id for f in catalog.api_forms)
    form = _form(catalog, salt, "salt", forms)
    hcl = catalog.api_form("hcl")
    if hcl is None:
        raise InputError(
            "salt", salt, code="capsule-unknown-choice", what="api-form", choices=forms
        )
    potency = read_assay(_FULL if assay is None else assay, limits)
    chosen = _basis(basis)
    measured = _water(water) if water is not None else None
    expressed = None if assay_as is None else _form(catalog, assay_as, "assay_as", forms)
    hydrate = catalog.api_form(form.anhydrous) if form.anhydrous else None
    lot = _Lot(form, hydrate, expressed, chosen, measured, assay is not None)
    dry_form = hydrate or form  # what an anhydrous-basis assay is expressed as
    if expressed is not None and expressed.id not in (form.id, dry_form.id):
        raise UnsafeInputError(
            "assay_as", assay_as, code="capsule-assay-as-other-form", form_id=form.id, **lot.fix()
        )
    if chosen == "anhydrous" and expressed is not None and expressed.water is not None:
        raise UnsafeInputError(
            "assay_basis",
            basis,
            code="capsule-hydrate-on-anhydrous-basis",
            expressed_id=expressed.id,
            **lot.fix(),
        )
    if chosen != "anhydrous" and measured is not None:
        raise UnsafeInputError("water", water, code="capsule-water-with-as-is", **lot.fix())
    if chosen == "anhydrous" and measured is None:
        raise UnsafeInputError(
            "assay_basis", basis, code="capsule-anhydrous-needs-water", **lot.fix()
        )
    if chosen != "anhydrous" and expressed is None and hydrate is not None and assay is not None:
        raise UnsafeInputError(
            "assay",
            assay,
            code="capsule-assay-form-unstated",
            form_id=form.id,
            hydrate_id=hydrate.id,
            **lot.fix(),
        )
    if expressed is None:  # USP: a hydrate's anhydrous-basis assay is as its anhydrous form
        expressed = dry_form if chosen == "anhydrous" else form
    if hydrate is not None and chosen != "anhydrous" and expressed.id == hydrate.id:
        _refuse_impossible_as_is(potency, assay, form, hydrate, lot)
    basis_ = chosen or "as-is"
    # exact Decimal in fixed units (g/mol; percent as a fraction), as capsule's core
    molar = in_unit(hcl.molar_mass, G_PER_MOL) / in_unit(expressed.molar_mass, G_PER_MOL)
    salt_factor = round_to(1 / molar, 6)  # as before: the molar masses' ratio
    dry = Decimal(1) if measured is None else 1 - in_unit(measured, PCT) * _PERCENT
    fraction = in_unit(potency, PCT) * _PERCENT
    exact = fraction * dry * molar
    factor = round_to(exact, FACTOR_PLACES)
    by_molar_mass = salt_factor != 1  # the molar masses enter the formula
    step = record(
        Step,
        code="capsule-factor",
        params={
            "assay": potency,
            "water": measured,
            "hcl_molar_mass": hcl.molar_mass if by_molar_mass else None,
            "form_molar_mass": expressed.molar_mass if by_molar_mass else None,
            "factor": factor,
        },
    )
    warnings = []
    hydrates = [f for f in catalog.api_forms if f.anhydrous == form.id and f.water is not None]
    if measured is not None and hydrates and measured >= HYDRATE_WATER:
        hydrated = hydrates[0]
        assert hydrated.water is not None
        warnings.append(
            record(
                Message,
                code="capsule-water-suggests-hydrate",
                concerns="salt",
                params={
                    "water": measured,
                    "form": form.name,
                    "form_id": form.id,
                    "hydrate": hydrated.name,
                    "hydrate_id": hydrated.id,
                    "hydrate_water": hydrated.water,
                },
            )
        )
    if measured is not None and hydrate is not None:
        warnings += _hydrate_water(measured, form, hydrate)
    return Certificate(
        form=form,
        assay=potency,
        expressed_as=expressed,
        basis=basis_,
        water=measured,
        salt_factor=salt_factor,
        factor=factor,
        step=step,
        exact=exact,
        warnings=tuple(warnings),
    )


def _hydrate_water(measured: Qty, form: ApiForm, dry: ApiForm) -> list[Message]:
    """The reverse of ``capsule-water-suggests-hydrate``: a hydrate lot whose water is as far
    from its own (the dihydrate's 8.7 %, docs/basis.md §1) as the 5 % line is."""
    if form.water is None or abs(measured - form.water) < form.water - HYDRATE_WATER:
        return []
    params = {"water": measured, "form": form.name, "form_id": form.id}
    params |= {"hydrate_water": form.water, "anhydrous": dry.name, "anhydrous_id": dry.id}
    return [record(Message, code="capsule-water-far-from-hydrate", concerns="water", params=params)]


def _refuse_impossible_as_is(
    potency: Qty, assay: str | Qty | None, form: ApiForm, dry: ApiForm, lot: _Lot
) -> None:
    """An as-is assay of a hydrate lot expressed as its anhydrous form cannot be above the
    anhydrous form's share of the hydrate's mass (docs/basis.md §1): such a figure is an
    anhydrous-basis assay, and reading it as is would underdose (a dihydrate by about 9 %)."""
    share = (dry.molar_mass / form.molar_mass).to(DIMENSIONLESS).magnitude
    if potency.to(DIMENSIONLESS).magnitude <= share * ASSAY_CEILING:
        return
    given = assay is not None  # else 100 %, and the refusal is of --assay-as
    raise UnsafeInputError(
        "assay" if given else "assay_as",
        assay if given else dry.id,
        code="capsule-assay-above-hydrate",
        assay_given=given,
        form=form.name,
        expressed_id=dry.id,
        ceiling=Quantity(round_to(share * ASSAY_CEILING * 100, 1), PCT),
        dry_molar_mass=dry.molar_mass,
        form_molar_mass=form.molar_mass,
        **lot.fix(),
    )


class _Lot(NamedTuple):
    """A certificate as given, to write the fix of a refused one: the two readings a
    certificate can have (anhydrous basis with its water, or as is without), each written out
    whole from what was given, so that either fix, applied as written, is accepted."""

    form: ApiForm
    hydrate: ApiForm | None
    expressed: ApiForm | None
    basis: Basis | None
    water: Qty | None
    assay_given: bool

    def fix(self) -> dict[str, Any]:
        """The fix's parameters: the inputs (name, value) to give for each reading, and
        whether to add or drop the water (``capsule-...`` words in ldncalc/locale/capsule.py)."""
        dry = self.hydrate or self.form
        anhydrous = [] if self.basis == "anhydrous" else [("assay_basis", "anhydrous")]
        if self.expressed is not None and self.expressed.id != dry.id:
            anhydrous.append(("assay_as", dry.id))
        as_is = [("assay_basis", "as-is")] if self.basis == "anhydrous" else []
        # read as is, an assay of a hydrate lot is of the hydrate: as its anhydrous form it
        # would be above what the powder holds (capsule-assay-above-hydrate)
        usable = self.expressed is not None and self.expressed.id == self.form.id
        if not usable and (self.expressed is not None or (self.hydrate and self.assay_given)):
            as_is.append(("assay_as", self.form.id))
        return {
            "anhydrous": tuple(anhydrous),
            "anhydrous_water": "add" if self.water is None else "",
            "as_is": tuple(as_is),
            "as_is_water": "drop" if self.water is not None else "",
            "water_example": self.form.water or Quantity(Decimal("0.5"), PCT),
        }


def _form(catalog: Catalog, text: object, option: str, forms: tuple[str, ...]) -> ApiForm:
    if isinstance(text, str) and (found := catalog.api_form(text.strip().lower())) is not None:
        return found
    choice: dict[str, Any] = {"what": "api-form", "choices": forms}
    text = require_text(text, "--" + option.replace("_", "-"), f"use one of {', '.join(forms)}")
    if not text.strip():
        raise InputError(option, text, code="capsule-empty-choice", **choice)
    found = catalog.api_form(text.strip().lower())
    if found is None:
        raise InputError(option, text, code="capsule-unknown-choice", **choice)
    return found


def _basis(text: object) -> Basis | None:
    if text is None:
        return None
    text = require_text(text, "--assay-basis", _BASIS_FIX)
    found = _BASES.get(text.strip().lower().replace(" ", "-").replace("_", "-"))
    if found is None:
        raise InputError("assay_basis", text, code="capsule-unknown-assay-basis")
    return found


def read_assay(value: str | Qty, limits: Limits) -> Qty:
    """``--assay``: a percentage within the limits (90 to 110 %)."""
    low, high = limits.assay_minimum, limits.assay_maximum
    if isinstance(value, str) and _PLAIN_NUMBER.fullmatch(value.strip()):
        raise InputError(
            "assay", value, code="capsule-percent-without-unit", **_percent_fix(value, low, high)
        )
    potency = as_quantity(value, option="--assay", kinds=(PERCENT,))
    return _within(potency, "assay", value, (low, high))


def _water(value: str | Qty) -> Qty:
    """``--water``: the lot's water content, 0 to 15 % (docs/basis.md §1)."""
    low = Quantity(Decimal(0), PCT)  # exact, as every magnitude in a result
    if isinstance(value, str) and re.fullmatch(r"0+(\.0+)?\s*%", value.strip()):
        return low  # the parser refuses a zero amount; no water is a figure a CoA can state
    water = as_quantity(value, option="--water", kinds=(WATER_PERCENT,))
    return _within(water, "water", value, (low, WATER_MAXIMUM))


def _within(quantity: Qty, option: str, value: object, limits: tuple[Qty, Qty]) -> Qty:
    """``quantity`` if it is within ``limits``; else the refusal."""
    low, high = limits
    if not in_unit(low, PCT) <= in_unit(quantity, PCT) <= in_unit(high, PCT):
        raise UnsafeInputError(
            option,
            value,
            code="capsule-certificate-figure-outside",
            figure=option,
            low=low,
            high=high,
        )
    return quantity


_PLAIN_NUMBER = re.compile(r"(?:0|[1-9][0-9]*)(?:\.[0-9]+)?", re.ASCII)


def _percent_fix(value: str, low: Qty, high: Qty) -> dict[str, Any]:
    """How to read a percentage typed without its unit: ``98.5`` is 98.5 %, ``0.985`` a
    fraction (98.5 %); a reading is offered only if it is itself inside ``low`` to ``high``."""
    digits = value.strip()
    number = Decimal(digits)
    if low.magnitude <= number <= high.magnitude:
        return {"reading": "percent", "percent": number}
    if low.magnitude <= number * 100 <= high.magnitude:
        return {"reading": "fraction", "percent": number * 100, "digits": digits}
    return {"reading": "range", "low": low, "high": high}
