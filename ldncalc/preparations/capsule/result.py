"""The result of ``ldncalc capsule``: the form's own class, with the aliquot plan it may carry
(:mod:`.aliquot`); what every preparation carries is in :class:`ldncalc.models.Preparation`."""

from typing import Literal

from ldncalc.models import Preparation
from ldncalc.preparations.capsule.aliquot import AliquotPlan
from ldncalc.quantities import (
    Concentration,
    Mass,
    MolarMass,
    Number,
    Percent,
    SignedPercent,
    Volume,
)


class CapsuleResult(Preparation):
    """A batch of capsules: what to weigh, the filler, the fill weight and its range.

    ``api_weight`` (or ``powder_weight`` from tablets) is the drug powder the batch holds;
    ``filler_weight`` is the filler weighed into the batch. Without an aliquot, drug powder +
    filler = batch × fill weight. With an ``aliquot`` (drug below the minimum weighable
    quantity), the aliquot brings its own filler: aliquot + filler = batch × fill weight.
    ``tablets`` are the whole tablets that hold the batch's drug; ``tablets_to_crush`` (and
    the active ingredient's ``tablets``) the ones to crush, which can be more (a margin for
    losses in the mortar, or enough powder for an aliquot)."""

    kind: Literal["capsule"] = "capsule"
    strength: Mass
    quantity: int
    overage: int
    batch: int
    source: Literal["api", "tablets"]
    capsule_size: str
    capsule_volume: Volume
    filler: str
    filler_bulk_density: Concentration | None
    packing_statistic: Mass
    packing_statistic_estimated: bool
    api_form: str | None
    api_molar_mass: MolarMass | None
    salt_factor: Number | None  # molar mass of the form assayed ÷ that of naltrexone HCl
    assay: Percent | None
    # the certificate of analysis: what the assay is expressed as, on which basis, the water
    assay_expressed_as: str | None = None
    assay_basis: Literal["as-is", "anhydrous"] | None = None
    water: SignedPercent | None = None  # 0 % is a figure a certificate can state
    api_factor: Number | None = None  # mg of naltrexone HCl in 1 mg of API powder as weighed
    api_weight: Mass | None
    tablet_strength: Mass | None
    tablet_weight: Mass | None
    tablets: int | None
    tablets_to_crush: int | None  # ≥ tablets: a margin for mortar losses, or for an aliquot
    powder_weight: Mass | None
    active_per_capsule: Mass
    filler_weight: Mass
    fill_weight: Mass  # net: the powder in one capsule, without its shell
    fill_weight_low: Mass
    fill_weight_high: Mass
    # the empty shell (material; weight weighed, from the profile or typical) and the gross
    # weight of a filled capsule: net + shell (None when no shell weight is known)
    shell: Literal["gelatin", "hpmc"] = "gelatin"
    shell_weight: Mass | None = None
    shell_weight_source: Literal["weighed", "profile", "typical"] | None = None
    gross_weight: Mass | None = None
    gross_weight_low: Mass | None = None
    gross_weight_high: Mass | None = None
    total_weight: Mass
    minimum_weighable: Mass
    aliquot: AliquotPlan | None = None  # active powder below the minimum weighable
