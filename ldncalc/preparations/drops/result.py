"""The result of ``ldncalc drops``: the form's own class; what every preparation carries is in
:class:`ldncalc.models.Preparation`."""

from typing import Literal

from ldncalc.models import Preparation
from ldncalc.quantities import Concentration, Mass, Number, Percent, SignedPercent, Volume


class DropsResult(Preparation):
    """Sublingual drops from API powder (``ldncalc drops``): the dose as whole drops of a
    calibrated dropper, the concentration, the powder to weigh and the volumes (docs/basis.md
    §9). ``final_volume`` is dispensed; ``batch_volume`` is made (more when the powder for
    the bottle alone is below the minimum weighable quantity)."""

    kind: Literal["drops"] = "drops"
    target: Mass
    drop_volume: Volume  # the pharmacy's calibration of the dropper dispensed
    drops: int  # drops a dose
    concentration: Concentration
    concentration_maximum: Concentration  # the record's, below the solubility
    dose_measured: Mass  # drops × drop volume × concentration
    dose_deviation: SignedPercent  # measured − target, % of target (within 5 %)
    doses: int
    doses_volume: Volume
    spare: Volume
    final_volume: Volume
    batch_volume: Volume
    drug: Mass  # naltrexone HCl in the batch
    api_form: str
    assay: Percent
    api_factor: Number  # mg of naltrexone HCl in 1 mg of API powder as weighed
    api_weight: Mass
    minimum_weighable: Mass
