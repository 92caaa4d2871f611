"""The result of ``ldncalc liquid`` (from tablets): the form's own class, registered with the
form (:data:`ldncalc.forms.REGISTRY`); what every preparation carries is in
:class:`ldncalc.models.Preparation`."""

from typing import Literal

from ldncalc.models import Preparation, SyringeUsed
from ldncalc.preparations.dilution_plan import DilutionPlan
from ldncalc.quantities import Concentration, Mass, SignedPercent, Volume


class LiquidResult(Preparation):
    """An oral liquid: what to make from how many tablets, the dose volume and syringe.

    ``drug`` is the naltrexone HCl in the bottle dispensed: ``tablets`` × ``tablet_strength``,
    except for a serial ``dilution``, whose tablets make a stock and whose bottle holds only
    the final dilution's doses (``final_volume`` × ``concentration``)."""

    kind: Literal["liquid"] = "liquid"
    target: Mass
    concentration: Concentration
    tablet_strength: Mass
    drug_needed: Mass | None
    tablets: int
    drug: Mass
    final_volume: Volume
    dose_volume: Volume
    dose_volume_calculated: Volume
    dose_measured: Mass
    dose_deviation: SignedPercent  # measured − calculated dose volume, % of calculated
    syringe: SyringeUsed
    doses: int  # whole doses in the bottle with the spare left over
    doses_volume: Volume  # doses × dose volume: the volume for the doses
    spare: Volume  # final volume − volume for the doses: never taken (docs/basis.md §3)
    spare_minimum: Volume  # the spare the formulation record asks for, for these doses
    dilution: DilutionPlan | None = None  # a dose only a serial dilution measures
