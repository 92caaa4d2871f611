"""The result of ``ldncalc liquid --source api`` (the form ``liquid-api``,
:mod:`ldncalc.preparations.liquid.api`): the form's own class; what every preparation
carries is in :class:`ldncalc.models.Preparation`."""

from typing import Literal

from ldncalc.models import Preparation, SyringeUsed
from ldncalc.quantities import Concentration, Mass, Number, Percent, SignedPercent, Volume


class ApiLiquidResult(Preparation):
    """An oral liquid from API powder (``ldncalc liquid --source api``): a solution below the
    solubility (docs/basis.md §9, §1), measured with an oral syringe as a liquid from
    tablets, with the same spare (§3); the powder weighed by the certificate's factor.
    ``final_volume`` is dispensed; ``batch_volume`` is made (more, as a stock solution part
    of which fills the bottle, when the powder for the bottle alone is below the minimum
    weighable quantity: §8)."""

    kind: Literal["liquid-api"] = "liquid-api"
    target: Mass
    concentration: Concentration
    dose_volume: Volume
    dose_measured: Mass
    dose_deviation: SignedPercent
    syringe: SyringeUsed
    doses: int
    doses_volume: Volume
    spare: Volume
    spare_minimum: Volume
    final_volume: Volume
    batch_volume: Volume
    drug: Mass  # naltrexone HCl in the batch
    api_form: str
    assay: Percent
    api_factor: Number
    api_weight: Mass
    minimum_weighable: Mass
