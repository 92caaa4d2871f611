"""The result of ``ldncalc cream``: the form's own class; what every preparation carries is in
:class:`ldncalc.models.Preparation`."""

from typing import Literal

from ldncalc.models import Preparation
from ldncalc.quantities import Mass, Number, Percent, Strength, Volume


class CreamResult(Preparation):
    """A topical cream made by weight from API powder (``ldncalc cream``): every ingredient
    weighed, the base made up "to" the total weight (docs/basis.md §9: the USP compounded
    monograph's formula). ``dose`` is the cream applied each time; with a metered pump,
    ``pumps`` actuations of ``pump_volume`` (the record's) deliver it."""

    kind: Literal["cream"] = "cream"
    strength: Strength
    quantity: Mass  # made and dispensed
    dose: Mass
    dose_drug: Mass  # naltrexone HCl in one application
    pump_volume: Volume | None = None
    pumps: int | None = None
    applications: int  # whole applications in the quantity
    drug: Mass  # naltrexone HCl in the batch
    api_form: str
    assay: Percent
    api_factor: Number
    api_weight: Mass
    base_weight: Mass  # what the base weighs, made up to the total
    minimum_weighable: Mass
