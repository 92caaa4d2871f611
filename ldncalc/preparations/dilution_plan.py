"""A serial dilution plan as data: the stock, each 1:N step and the dose (docs/basis.md §8).

:mod:`ldncalc.preparations.liquid.dilution` makes the plan; a liquid's result
(:mod:`ldncalc.preparations.liquid.result`) carries it. A leaf: it imports nothing of the
engine but quantities and the BUD.
"""

from pydantic import BaseModel, ConfigDict, Field

from ldncalc.bud import BeyondUse
from ldncalc.formatting import format_quantity as fq
from ldncalc.messages import Message
from ldncalc.quantities import Concentration, Mass, Volume


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Device(_Model):
    """What measures a volume: an oral syringe or a graduated cylinder, with its marks."""

    name: str
    capacity: Volume
    graduation: Volume


class DilutionStep(_Model):
    """One 1:N dilution: ``aliquot`` of the liquid at ``from_concentration`` made up with
    ``diluent_volume`` of diluent to ``final_volume`` at ``concentration``."""

    number: int
    factor: int
    from_concentration: Concentration
    aliquot: Volume
    aliquot_device: Device
    diluent_volume: Volume
    diluent_device: Device
    final_volume: Volume
    concentration: Concentration
    drug: Mass  # C1 × V1 = C2 × V2
    bud: BeyondUse
    calculation: str

    def __str__(self) -> str:
        return (
            f"Dilution {self.number} (1:{self.factor}): {fq(self.aliquot)} of the "
            f"{fq(self.from_concentration)} liquid ({self.aliquot_device.name}) + "
            f"{fq(self.diluent_volume)} diluent ({self.diluent_device.name}) = "
            f"{fq(self.final_volume)} at {fq(self.concentration)}"
        )


class DilutionPlan(_Model):
    """A serial dilution for one dose: the stock, the steps, the final liquid and the dose."""

    dose: Mass
    stock_concentration: Concentration
    stock_drawn: Volume  # drawn from the stock: dilution 1's aliquot, the one figure shown
    stock_reserve: Volume  # left in the stock after that: the stock made holds at least both
    diluent: str  # in English, as the JSON has always written it
    # the same as a record, in every language the formulation record gives (not in the JSON:
    # None in a result read back from it, whose readers fall back to ``diluent``)
    diluent_text: Message | None = Field(default=None, exclude=True)
    steps: tuple[DilutionStep, ...]
    concentration: Concentration
    final_volume: Volume
    dose_volume: Volume
    dose_device: Device
    doses: int  # the doses asked for: the last dilution holds them and the spare
    dispensed_volume: Volume  # all of the last dilution: the doses asked for, the spare and more
    dispensed_drug: Mass  # the naltrexone HCl that reaches the bottle: volume × concentration
    bud: BeyondUse
