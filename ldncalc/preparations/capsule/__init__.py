"""Capsules by the packing statistic: ``ldncalc capsule --strength 4.5mg --quantity 30``.

:mod:`.batch` makes a batch: :mod:`.read` turns the input into quantities and catalog entries
(refusing anything doubtful), :mod:`.certificate` reads the API lot's certificate and its factor,
:mod:`.compute` makes the figures (exact Decimal in fixed units, no text), :mod:`.aliquot`
plans the aliquot method, :mod:`.describe` the calculation steps, warnings and notes as
message records (their words: :mod:`ldncalc.locale.capsule`), and :mod:`.build` builds them
and the result without validating again what is already valid.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

# the module, not its names: models.CapsuleResult is .result's, imported on first use, so that
# importing this package (drops, creams and liquids from API powder do, for the certificate)
# builds no capsule's classes
from ldncalc import models
from ldncalc.checks import only_accepted_fixes
from ldncalc.units import Qty


@only_accepted_fixes
def capsule(
    *,
    strength: str | Qty,
    quantity: str | int,
    overage: str | int | None = None,
    doses_per_day: str | int = 1,
    source: str | None = None,
    salt: str = "hcl",
    assay: str | Qty | None = None,
    assay_as: str | None = None,
    assay_basis: str | None = None,
    water: str | Qty | None = None,
    size: str | None = None,
    shell: str | None = None,
    shell_weight: str | Qty | Mapping[str, Mapping[str, Qty]] | None = None,
    filler: str | None = None,
    fill_weight: str | Qty | None = None,
    tablet_weight: str | Qty | None = None,
    tablet_strength: str | Qty | None = None,
    balance_sensitivity: str | Qty | None = None,
    formulation: str | None = None,
    formulations_dir: str | os.PathLike[str] | None = None,
) -> models.CapsuleResult:
    """Calculate a batch of naltrexone HCl capsules from API powder or crushed tablets.

    ``strength`` is naltrexone HCl per capsule, ``quantity`` the capsules dispensed and
    ``overage`` the extra made for losses (``2`` capsules or ``"5%"``). ``salt`` is the form of
    the API powder weighed; ``assay``, ``assay_as``, ``assay_basis`` and ``water`` are what its
    certificate of analysis states (:func:`.certificate.read_certificate` makes the one factor);
    ``tablet_weight`` is the average weight of one tablet, needed with
    ``source="tablets"``. ``shell`` is the capsule shell's material (gelatin or hpmc) and
    ``shell_weight`` one empty shell's weight (the average of 10 weighed), or the pharmacy's
    table of them (material → size → mass, the profile's ``shell_weights``). Active powder
    below the minimum weighable quantity (from ``balance_sensitivity``) gets an aliquot plan.
    Raises a subclass of :class:`~ldncalc.LdnCalcError` for any bad or unsafe input.
    """
    # imported here: importing the package stays cheap
    from ldncalc.preparations.capsule.batch import make

    return make(
        strength=strength,
        quantity=quantity,
        overage=overage,
        doses_per_day=doses_per_day,
        source=source,
        salt=salt,
        assay=assay,
        assay_as=assay_as,
        assay_basis=assay_basis,
        water=water,
        size=size,
        shell=shell,
        shell_weight=shell_weight,
        filler=filler,
        fill_weight=fill_weight,
        tablet_weight=tablet_weight,
        tablet_strength=tablet_strength,
        balance_sensitivity=balance_sensitivity,
        formulation=formulation,
        formulations_dir=formulations_dir,
    )
