"""Every validated range in one place, each overridable by a formulation's ``[limits]`` table.

The defaults and where they come from (REFERENCE.md sections named):

============================  ==============  ===============================================
limit                         default         basis
============================  ==============  ===============================================
dose / strength               1 mcg – 10 mg   §2: VLDN starts at 1 mcg; ≤ 10 mg/day is "low"
warn below / above            0.5 mg, 4.5 mg  §2: usual LDN range 0.5–4.5 mg
concentration ceiling         100 mg/mL       §1: water solubility of the HCl salt
tablet strength               25 – 100 mg     naltrexone HCl tablets (50 mg is standard, §1)
capsules dispensed            1 – 1,000       ldncalc default (a batch a pharmacist can fill)
days of supply                1 – 365         ldncalc default
doses a day                   1 – 4           ldncalc default (LDN is usually once daily, §2)
assay of the API              90 – 110 %      USP potency window (§1, tablets 90–110 %)
final volume of a liquid      ≤ 1 L           ldncalc default (one dispensing bottle)
overage                       0 – 100 caps    ldncalc default; 0 – 50 % as a percentage
dose deviation (rounding)     5 %             §8: USP allows at most 5 % error
balance sensitivity           6 mg            §8 worked example (Class III balance); unconfirmed
weighing error                5 %             §8: USP maximum
fill-weight tolerance         ± 10 %          §4: USP <795>, UNC quality page
fill weight ÷ capsule volume  0.1 – 1.5 g/mL  ldncalc default: bulk densities of capsule powders
                                              (§4: MCC 0.28–0.45, lactose 0.98 g/mL)
loss allowance, tablet powder 5 %             ldncalc default, unconfirmed (no source found):
                                              the powder weighed from crushed tablets is at
                                              most 95 % of what they make, so losses in the
                                              mortar cannot leave it short
============================  ==============  ===============================================
"""

from decimal import Decimal
from functools import cached_property

from pydantic import BaseModel, ConfigDict

from ldncalc.quantities import Concentration, Mass, Percent, Volume
from ldncalc.units import MCG, MG, MG_PER_ML, ML, PCT, Qty, Quantity, converted


class Limits(BaseModel):
    """The ranges ldncalc enforces; a formulation may override any of them."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    dose_minimum: Mass = Quantity(1, MCG)
    dose_maximum: Mass = Quantity(10, MG)
    dose_warn_below: Mass = Quantity(Decimal("0.5"), MG)
    dose_warn_above: Mass = Quantity(Decimal("4.5"), MG)
    concentration_maximum: Concentration = Quantity(100, MG_PER_ML)
    tablet_strength_minimum: Mass = Quantity(25, MG)
    tablet_strength_maximum: Mass = Quantity(100, MG)
    quantity_maximum: int = 1000
    days_maximum: int = 365
    doses_per_day_maximum: int = 4
    assay_minimum: Percent = Quantity(90, PCT)
    assay_maximum: Percent = Quantity(110, PCT)
    volume_maximum: Volume = Quantity(1000, ML)
    overage_count_maximum: int = 100
    overage_percent_maximum: Percent = Quantity(50, PCT)
    dose_deviation_maximum: Percent = Quantity(5, PCT)
    balance_sensitivity: Mass = Quantity(6, MG)
    weighing_error_maximum: Percent = Quantity(5, PCT)
    fill_weight_tolerance: Percent = Quantity(10, PCT)
    packing_density_minimum: Concentration = Quantity(100, MG_PER_ML)
    packing_density_maximum: Concentration = Quantity(1500, MG_PER_ML)
    # ldncalc default, unconfirmed: powder lost to the mortar and pestle when tablets are
    # crushed; a formulation's [limits] may set its own (e.g. from its yield records)
    crushing_loss_allowance: Percent = Quantity(5, PCT)

    @cached_property
    def minimum_weighable(self) -> Qty:
        """Minimum weighable quantity = sensitivity × 100 ÷ error % (REFERENCE.md §8)."""
        minimum: Qty = converted(self.balance_sensitivity / self.weighing_error_maximum, MG)
        return minimum
