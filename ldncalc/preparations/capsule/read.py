"""Reading a capsule order: the source, overage, capsule size, filler, fill weight, tablets,
shell and shell weight as quantities and catalog entries, each refused when doubtful.

Nothing here computes the batch (:mod:`.compute`) or says anything about it (:mod:`.describe`);
the certificate of analysis of an API lot is read by :mod:`.certificate`.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal, NamedTuple

from ldncalc import checks
from ldncalc.catalogs import SHELLS, CapsuleSize, Catalog, Filler, Shell
from ldncalc.checks import require_text
from ldncalc.errors import InputError, UnsafeInputError
from ldncalc.formatting import format_quantity as fq
from ldncalc.formatting import round_to
from ldncalc.formulations import Formulation
from ldncalc.limits import Limits
from ldncalc.preparations.capsule.compute import in_unit
from ldncalc.units import (
    FILL_WEIGHT,
    MG,
    MG_PER_ML,
    ML,
    SHELL_WEIGHT,
    TABLET_WEIGHT,
    Qty,
    Quantity,
    as_quantity,
    converted,
)

WEIGHT_PLACES = 1  # mg: the readability of an analytical balance (0.1 mg)
# ldncalc defaults: an empty hard capsule weighs about 28 mg (size 5) to 163 mg (size 000,
# docs/basis.md §4); outside these a shell weight is a typo (76g, 76mcg). A weighed figure
# more than a quarter off the catalog's is warned (describe.py): the wrong size or material.
SHELL_MINIMUM = Quantity(10, MG)
SHELL_MAXIMUM = Quantity(250, MG)
TABLET_MAXIMUM = Quantity(2000, MG)  # ldncalc default: more than one tablet's weight is a typo
_TABLET_MAXIMUM_MG = Decimal(2000)
SOURCES = ("api", "tablets")
# The dosage forms of the built-in records, by shell material: a record that says one of
# them says the material chosen
_DOSAGE_FORMS = {"gelatin": "hard gelatin capsule", "hpmc": "hard HPMC capsule"}


class Overage(NamedTuple):
    """Extra capsules: ``extra``, and for a percentage the ``percent`` typed and the
    ``exact`` count it makes before rounding up."""

    extra: int
    percent: Qty | None
    exact: Decimal | None


class FillWeight(NamedTuple):
    """``--fill-weight`` as read: the packing statistic (to the balance's 0.1 mg) and the bulk
    density it implies (mg/mL)."""

    packing: Qty
    density: Qty


class ShellWeight(NamedTuple):
    """One empty shell's weight (``None`` when unknown), where it comes from, and the name of
    the input that gave it (for a warning about it)."""

    weight: Qty | None
    source: Literal["weighed", "profile", "typical"]
    given_as: str


def weight(mass: Qty, places: int = WEIGHT_PLACES, rounding: str = ROUND_HALF_UP) -> Qty:
    """A mass in mg rounded to what the balance reads (half-up unless told otherwise)."""
    step = Decimal(1).scaleb(-places)
    magnitude = converted(mass, MG).magnitude.quantize(step, rounding=rounding)
    return Quantity(round_to(magnitude, places), MG)


def read_source(source: str | None) -> str | None:
    """``--source``: api or tablets (``None``: the formulation's)."""
    if source is None:
        return None
    require_text(source, "--source", "use api or tablets")
    if source.strip().lower() not in SOURCES:
        raise InputError(
            "source", source, code="capsule-unknown-choice", what="source", choices=SOURCES
        )
    return source.strip().lower()


def read_salt(salt: object, catalog: Catalog) -> str:
    """``--salt``: the API form weighed, as typed (checked against the catalog with the
    certificate)."""
    text = salt if isinstance(salt, str) else require_text(salt, "--salt", _forms(catalog))
    if not text.strip():
        forms = tuple(f.id for f in catalog.api_forms)
        raise InputError("salt", text, code="capsule-empty-choice", what="api-form", choices=forms)
    return text


def read_overage(value: str | int, count: int, record: Formulation) -> Overage:
    """Extra capsules: a count (``2``) or a percentage of the quantity, rounded up (``5%``),
    read as a record's default is checked (:func:`ldncalc.checks.read_overage`)."""
    return Overage(*checks.read_overage(value, count, record.limits))


def _forms(catalog: Catalog) -> str:
    return f"use one of {', '.join(f.id for f in catalog.api_forms)}"


def read_size(name: object, catalog: Catalog) -> CapsuleSize:
    """``--size``: a capsule size of the catalog, as text (``0``, ``00``, ``#1``)."""
    if isinstance(name, str) and name.strip():
        found = catalog.capsule_size(name.strip().removeprefix("#"))
        if found is not None:
            return found
    names = tuple(s.name for s in catalog.capsule_sizes)
    if isinstance(name, int) and not isinstance(name, bool):
        # 0, 00 and 000 are three sizes: a number cannot say which
        raise InputError(
            "size",
            name,
            code="capsule-size-not-text",
            size=name if -1000 < name < 1000 else None,
            choices=names,
        )
    if isinstance(name, str) and not name.strip():  # "" was the default size, silently
        raise InputError("size", name, code="capsule-empty-choice", what="size", choices=names)
    require_text(name, "--size", f"use one of {', '.join(names)}")
    raise InputError("size", name, code="capsule-unknown-choice", what="size", choices=names)


def read_filler(filler_id: object, catalog: Catalog) -> Filler:
    """``--filler``: a filler of the catalog that is not to be avoided for LDN."""
    if isinstance(filler_id, str):
        found = catalog.filler(filler_id.strip().lower())
        if found is not None and not found.avoid:
            return found
    ids = tuple(f.id for f in catalog.fillers if not f.avoid)
    choice: dict[str, Any] = {"what": "filler", "choices": ids}
    text = require_text(filler_id, "--filler", f"use {', '.join(ids)}").strip().lower()
    if not text:  # "" was the default filler, silently
        raise InputError("filler", filler_id, code="capsule-empty-choice", **choice)
    found = catalog.filler(text)
    if found is None:
        raise InputError("filler", filler_id, code="capsule-unknown-choice", **choice)
    raise UnsafeInputError(
        "filler", filler_id, code="capsule-filler-avoided", reason=found.avoid, **choice
    )


def read_tablet_weight(value: str | Qty | None, strength: Qty) -> Qty:
    """``--tablet-weight``: one tablet's average weight, in mg, at least its strength."""
    if value is None:
        raise InputError("tablet_weight", None, code="capsule-tablet-weight-needed")
    # converted: no conversion work for a weight typed in mg (the same figure as .to(MG))
    mass = converted(as_quantity(value, option="--tablet-weight", kinds=(TABLET_WEIGHT,)), MG)
    if mass.magnitude < in_unit(strength, MG):
        raise UnsafeInputError(
            "tablet_weight",
            value,
            code="capsule-tablet-weight-below-strength",
            tablet_strength=strength,
        )
    if mass.magnitude > _TABLET_MAXIMUM_MG:
        raise UnsafeInputError(
            "tablet_weight", value, code="capsule-tablet-weight-too-high", maximum=TABLET_MAXIMUM
        )
    return mass


def refuse_other_source(source: str, given: list[tuple[str, object]]) -> None:
    """Refuse the first option of ``given`` (option, value) typed for the other source: a
    tablet's weight for an API batch, a certificate for tablets."""
    typed = [(option, value) for option, value in given if value is not None]
    if typed:
        option, value = typed[0]
        code = "capsule-tablets-only" if source == "api" else "capsule-api-only"
        raise InputError(option, value, code=code)


def read_fill_weight(
    value: str | Qty, shell: CapsuleSize, fill: Filler, limits: Limits
) -> FillWeight:
    """``--fill-weight``: the filler one capsule holds, as weighed. The bulk density it implies
    (fill weight ÷ capsule volume) must be a powder's: refused outside the limits (a typo:
    99999mg in a 0.5 mL capsule); outside the filler's catalog range it is warned
    (describe.py)."""
    weighed = as_quantity(value, option="--fill-weight", kinds=(FILL_WEIGHT,))
    packing = weight(weighed)
    density = (packing / shell.volume).to(MG_PER_ML)
    low, high = limits.packing_density_minimum, limits.packing_density_maximum
    if not low <= density <= high:
        in_mg = Quantity(weighed.magnitude, MG)
        # 150mcg for 150mg: the unit slip that makes a powder a thousand times too light
        slip = weighed.units != in_mg.units and low <= in_mg / shell.volume <= high
        raise UnsafeInputError(
            "fill_weight",
            value,
            code="capsule-fill-weight-implausible",
            size=shell.name,
            volume=shell.volume,
            density=converted(weighed / shell.volume, MG / ML),
            low=low,
            high=high,
            estimate=weight(shell.volume * fill.bulk_density),
            filler=fill.name,
            weighed=weighed if slip else None,
            in_mg=in_mg if slip else None,
        )
    return FillWeight(packing, density)


def read_shell(value: object) -> Shell:
    """``--shell``: gelatin or hpmc (vegetarian)."""
    fix = f"use {' or '.join(SHELLS)} (HPMC: vegetarian)"
    text = require_text(value, "--shell", fix).strip().lower()
    for material in SHELLS:
        if text == material:
            return material
    raise InputError(
        "shell", value, code="capsule-unknown-choice", what="shell", choices=tuple(SHELLS)
    )


def read_shell_weight(
    value: str | Qty | Mapping[str, Mapping[str, Qty]] | None,
    size: CapsuleSize,
    material: Shell,
) -> ShellWeight:
    """The weight of one empty shell: ``--shell-weight`` (the average of 10 weighed), else the
    pharmacy's own figure for this size and material (``value`` is then the profile's table,
    material → size → mass), else the catalog's typical one (``None`` when it has none)."""
    typical = size.shell_weight.get(material)
    source: Literal["weighed", "profile", "typical"]
    given: object
    if isinstance(value, Mapping):
        found = _from_table(value, size, material)
        if found is None:
            return ShellWeight(typical, "typical", "")
        weighed, source = found, "profile"
        option, given = f"shell_weights.{material}.{size.name}", fq(found)
    elif value is not None:
        option, given, source = "--shell-weight", value, "weighed"
        weighed = as_quantity(value, option=option, kinds=(SHELL_WEIGHT,))
    else:
        return ShellWeight(typical, "typical", "")
    weighed = weight(weighed)
    if not SHELL_MINIMUM <= weighed <= SHELL_MAXIMUM:
        raise UnsafeInputError(
            option,
            given,
            code="capsule-shell-weight-implausible",
            minimum=SHELL_MINIMUM,
            maximum=SHELL_MAXIMUM,
            example=typical or Quantity(76, MG),
        )
    return ShellWeight(weighed, source, option.removeprefix("--").replace("-", "_"))


def _from_table(table: Mapping[Any, Any], size: CapsuleSize, material: Shell) -> Qty | None:
    """The shell weight of ``size`` and ``material`` in a pharmacy's table (the profile's
    ``[shell_weights]``), ``None`` when it has none; a table of anything else is refused."""
    for key, sizes in table.items():
        masses = sizes.values() if isinstance(sizes, Mapping) else [sizes]
        if key not in SHELLS or not all(isinstance(m, Quantity) for m in masses):
            raise InputError("shell_weight", table, code="capsule-shell-weight-table")
    sizes = table.get(material)
    found = sizes.get(size.name) if isinstance(sizes, Mapping) else None
    return found if isinstance(found, Quantity) else None


def dosage_form(written: str, material: Shell) -> str:
    """The record's dosage form, saying the shell material chosen when it names one."""
    return _DOSAGE_FORMS[material] if written in _DOSAGE_FORMS.values() else written
