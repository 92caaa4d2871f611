"""Every validated range in one place, each of which a formulation's ``[limits]`` table may
narrow, never widen: a ceiling (concentration, dose maximum, quantity, days…) may be lowered,
a floor (dose minimum, tablet strength minimum…) raised. The solubility of the salt, the dose
range that is low-dose naltrexone and USP's tolerances are facts, not a pharmacy's setting; a
record that raises one is refused when it is loaded and by ``formulations check``
(:data:`CEILINGS`, :data:`FLOORS`; issue 9 §8).

The defaults and where they come from (docs/basis.md sections named):

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

The loss allowance is a pharmacy's own figure (from its yield records) either way, up to 50 %
(half the powder left in the mortar is not a loss allowance but a wrong figure). The balance
sensitivity in a record may only be coarser than 6 mg: a finer balance is stated per run with
``--balance-sensitivity``.
"""

from decimal import Decimal
from functools import cached_property
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from ldncalc.formatting import format_number, format_quantity
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
    quantity_maximum: int = Field(default=1000, ge=1)
    days_maximum: int = Field(default=365, ge=1)
    doses_per_day_maximum: int = Field(default=4, ge=1)
    assay_minimum: Percent = Quantity(90, PCT)
    assay_maximum: Percent = Quantity(110, PCT)
    volume_maximum: Volume = Quantity(1000, ML)
    overage_count_maximum: int = Field(default=100, ge=0)
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

    @field_validator("*", mode="after")
    @classmethod
    def _narrows(cls, value: Qty | int, info: ValidationInfo) -> Qty | int:
        """A limit a record sets lies on the safe side of ldncalc's own (:data:`CEILINGS`,
        :data:`FLOORS`)."""
        name = info.field_name
        if name in CEILINGS and value > CEILINGS[name]:
            raise ValueError(
                f"{_shown(value)}is above ldncalc's {_shown(CEILINGS[name]).strip()}"
                f"{_WHY.get(name, '')}; "
                "a record may lower this limit, never raise it"
            )
        if name in FLOORS and value < FLOORS[name]:
            raise ValueError(
                f"{_shown(value)}is below ldncalc's {_shown(FLOORS[name]).strip()}"
                f"{_WHY.get(name, '')}; "
                "a record may raise this limit, never lower it"
            )
        return value

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        for low, high in _PAIRS:
            if getattr(self, low) > getattr(self, high):
                raise ValueError(f"{low} must not be above {high}")
        return self

    @cached_property
    def minimum_weighable(self) -> Qty:
        """Minimum weighable quantity = sensitivity × 100 ÷ error % (docs/basis.md §8)."""
        minimum: Qty = converted(self.balance_sensitivity / self.weighing_error_maximum, MG)
        return minimum


def _shown(value: Qty | int) -> str:
    """A limit for a message, followed by a space; a count of thousands of digits is not
    repeated in full ("is above ldncalc's 1,000")."""
    if isinstance(value, int):
        return f"{format_number(value)} " if value < 10**9 else ""
    return f"{format_quantity(value)} "


_DEFAULTS = {name: field.default for name, field in Limits.model_fields.items()}
# The limits a record may only lower, and those it may only raise, at ldncalc's own values.
CEILINGS: dict[str, Qty | int] = {
    name: _DEFAULTS[name]
    for name in (
        "dose_maximum",
        "dose_warn_above",  # a record may warn more, never less
        "concentration_maximum",
        "tablet_strength_maximum",
        "quantity_maximum",
        "days_maximum",
        "doses_per_day_maximum",
        "assay_maximum",
        "volume_maximum",
        "overage_count_maximum",
        "overage_percent_maximum",
        "dose_deviation_maximum",
        "weighing_error_maximum",
        "fill_weight_tolerance",
        "packing_density_maximum",
    )
} | {"crushing_loss_allowance": Quantity(50, PCT)}
FLOORS: dict[str, Qty | int] = {
    name: _DEFAULTS[name]
    for name in (
        "dose_minimum",
        "dose_warn_below",
        "tablet_strength_minimum",
        "assay_minimum",
        "balance_sensitivity",
        "packing_density_minimum",
    )
}
_LOW_DOSE = " (the low-dose range, docs/basis.md §2)"
_WHY = {
    "concentration_maximum": " (the solubility of naltrexone HCl in water, docs/basis.md §1)",
    "dose_minimum": _LOW_DOSE,
    "dose_maximum": _LOW_DOSE,
}
# (lower, upper): a narrowed range must still hold something
_PAIRS = (
    ("dose_minimum", "dose_maximum"),
    ("dose_warn_below", "dose_warn_above"),
    ("tablet_strength_minimum", "tablet_strength_maximum"),
    ("assay_minimum", "assay_maximum"),
    ("packing_density_minimum", "packing_density_maximum"),
)
