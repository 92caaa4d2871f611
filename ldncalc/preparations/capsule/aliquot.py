"""The aliquot method: weighing less than a balance can weigh (docs/basis.md §8).

The minimum weighable quantity M of a balance (:mod:`ldncalc.preparations.weighing`: 120 mg for
a balance sensitive to 6 mg at 5 % error) is the least it weighs. To put a smaller amount of drug
into a batch::

    weigh       the minimum weighable quantity M of the drug powder
    triturate   with (f − 1) × M of filler by geometric dilution: a 1-in-f mixture
    weigh       the aliquot A = needed × f of the mixture: it holds exactly the drug needed

f is the smallest whole number with A ≥ M, so every weighing (M, the filler, A) is at least M.
When f would be above :data:`MAX_FACTOR`, the mixture is diluted again in a second stage (weigh M
of the first mixture, add filler, and so on) so that each trituration mixes evenly; the aliquot
comes from the last mixture. The filler inside the aliquot counts toward the batch's filler.
Weights are multiples of 0.1 mg (an analytical balance's readability).
"""

import itertools
import math
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, SerializationInfo, field_serializer

from ldncalc.errors import UnsafeInputError
from ldncalc.formatting import format_quantity as fq
from ldncalc.formatting import round_to
from ldncalc.messages import Message, Step, method_words
from ldncalc.preparations.capsule.build import model_of, record
from ldncalc.preparations.weighing import WEIGHT_PLACES, minimum_weighable
from ldncalc.quantities import Mass, Percent
from ldncalc.units import MCG, MG, Qty, Quantity

MAX_FACTOR = 10  # ldncalc default: at most 1 part in 10 per trituration, as with liquids (§8)
MAX_STAGES = 4


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Trituration(_Model):
    """One stage: ``weighed`` of ``material`` mixed with ``filler`` to ``mixture`` (1 part in
    ``factor``); ``active`` is the powder being diluted that the whole mixture holds."""

    number: int
    material: str
    weighed: Mass
    filler: Mass
    mixture: Mass
    factor: int
    active: Mass


class AliquotPlan(_Model):
    """How to weigh ``needed`` of a powder on a balance that cannot weigh it directly."""

    needed: Mass
    powder: str
    filler_name: str
    balance_sensitivity: Mass
    weighing_error: Percent
    minimum_weighable: Mass
    stages: tuple[Trituration, ...]
    aliquot: Mass  # weighed from the last mixture; holds exactly ``needed``
    aliquot_filler: Mass  # the filler inside the aliquot
    discarded: Mass  # what is left of the last mixture
    filler_total: Mass  # filler used in every stage
    method: tuple[Message | str, ...]

    @field_serializer("method")
    def _method_words(
        self, method: tuple[Message | str, ...], info: SerializationInfo
    ) -> list[str]:
        """The method as text, as it always was (see models.Preparation)."""
        return method_words(method, info)

    @property
    def weighings(self) -> tuple[Qty, ...]:
        """Every mass put on the balance: each stage's powder and filler, then the aliquot."""
        return (*(m for s in self.stages for m in (s.weighed, s.filler)), self.aliquot)

    @property
    def steps(self) -> tuple[Step, ...]:
        """The working as calculation steps, for a result's ``steps``."""
        minimum = record(
            Step,
            code="capsule-minimum-weighable",
            params={
                "sensitivity": self.balance_sensitivity,
                "error": self.weighing_error,
                "minimum_weighable": self.minimum_weighable,
            },
        )
        stages = [
            record(
                Step,
                code="capsule-trituration",
                params={
                    "number": s.number,
                    "weighed": s.weighed,
                    "filler": s.filler,
                    "mixture": s.mixture,
                    "factor": s.factor,
                },
            )
            for s in self.stages
        ]
        aliquot = record(
            Step,
            code="capsule-aliquot",
            params={
                "needed": self.needed,
                "factors": tuple(s.factor for s in self.stages),
                "aliquot": self.aliquot,
                "aliquot_filler": self.aliquot_filler,
            },
        )
        return (minimum, *stages, aliquot)


def plan_aliquot(
    needed: Qty,
    *,
    sensitivity: Qty,
    error: Qty,
    powder: str,
    filler_name: str,
    asked: tuple[str, object] = ("--strength", None),
) -> AliquotPlan:
    """The trituration and aliquot that put ``needed`` of ``powder`` into a batch (to within
    0.05 mg ÷ the dilution: the plan's ``needed`` is the exact amount its aliquot holds) with
    every weighing at or above the minimum weighable quantity.
    Raises :class:`UnsafeInputError` if ``needed`` is not below that minimum (weigh it
    directly) or is too small for :data:`MAX_STAGES` triturations; that error names ``asked``,
    the option and the value as typed that made ``needed`` so small."""
    minimum = minimum_weighable(sensitivity, error)
    # exact Decimal in mg (the capsule core's edges: compute.in_unit and compute.mass), imported
    # here: the capsule's result model imports this module, and needs no capsule arithmetic
    from ldncalc.preparations.capsule.compute import in_unit, mass

    needed_mg, minimum_mg = in_unit(needed, MG), in_unit(minimum, MG)
    if needed_mg <= 0:
        raise UnsafeInputError("needed", fq(needed.to(MG)), code="aliquot-nothing-to-weigh")
    # what rounds to the minimum on the balance is weighed directly: its aliquot would be the
    # whole mixture
    if round_to(needed_mg, WEIGHT_PLACES) >= minimum_mg:
        raise UnsafeInputError(
            "balance_sensitivity",
            fq(sensitivity),
            code="aliquot-weigh-directly",
            minimum_weighable=minimum,
            needed=needed.to(MG),
        )
    factors = _factors(minimum_mg / needed_mg)
    if factors is None:
        option, value = asked
        amount = fq(needed, unit=MCG)  # below 1 mg here: 2 mcg, not 0.002 mg (ISMP)
        raise UnsafeInputError(
            option,
            amount if value is None else value,
            code="aliquot-too-small",
            needed=needed.to(MCG),
            powder=powder,
            times=MAX_FACTOR**MAX_STAGES,
            minimum_weighable=minimum,
        )
    stages = []
    material, active = powder, minimum_mg
    for number, factor in enumerate(factors, 1):
        given = {"number": number, "material": material, "weighed": minimum}
        given |= {"filler": mass(minimum_mg * (factor - 1)), "mixture": mass(minimum_mg * factor)}
        stages.append(model_of(Trituration, given | {"factor": factor, "active": mass(active)}))
        material = f"mixture {number}"
        active = active / factor  # the next stage weighs M of this 1-in-factor mixture
    product = math.prod(factors)  # the last mixture is 1 in product
    # The aliquot is weighed to the balance's 0.1 mg; the drug it holds is then aliquot ÷
    # product, exactly (the factors are made of 2s and 5s), within 0.05 mg ÷ product of the
    # amount asked for: that is the amount the plan reports as ``needed``.
    aliquot = round_to(needed_mg * product, WEIGHT_PLACES)
    exact = aliquot / product
    fillers = sum((minimum_mg * (factor - 1) for factor in factors), Decimal(0))
    plan: dict[str, Any] = {
        "needed": mass(exact),
        "powder": powder,
        "filler_name": filler_name,
        "balance_sensitivity": _exact(sensitivity),
        "weighing_error": _exact(error),
        "minimum_weighable": minimum,
        "stages": tuple(stages),
        "aliquot": mass(aliquot),
        "aliquot_filler": mass(aliquot - exact),
        "discarded": mass(minimum_mg * factors[-1] - aliquot),
        "filler_total": mass(fillers),
        "method": _method(stages, mass(aliquot), mass(exact), powder, filler_name),
    }
    if min(aliquot - exact, minimum_mg * factors[-1] - aliquot) <= 0:
        return AliquotPlan(**plan)  # validation refuses it, as it always did
    return model_of(AliquotPlan, plan)


def _exact(value: Qty) -> Qty:
    """``value`` as validation makes a quantity field of it: its magnitude an exact Decimal
    (a limit's default of ``6 mg`` is written with an int)."""
    magnitude = value.magnitude
    if isinstance(magnitude, Decimal):
        return value
    return Quantity(Decimal(repr(magnitude)), value.units)


def _factors(ratio: Decimal) -> tuple[int, ...] | None:
    """The fewest trituration factors whose product is at least ``ratio``; the smallest product
    (the least waste), then the largest factors first. Factors are 2, 4, 5, 8 or 10: made of 2s
    and 5s, they keep every fraction an exact decimal (1 in 8 is 0.125; 1 in 6 is not)."""
    usable = [n for n in (10, 8, 5, 4, 2) if n <= MAX_FACTOR]
    for count in range(1, MAX_STAGES + 1):
        sets = [
            combo
            for combo in itertools.combinations_with_replacement(usable, count)
            if math.prod(combo) >= ratio
        ]
        if sets:
            return min(sets, key=lambda combo: (math.prod(combo), [-n for n in combo]))
    return None


def _method(
    stages: list[Trituration], aliquot: Qty, needed: Qty, powder: str, filler: str
) -> tuple[Message, ...]:
    """The aliquot method as records (the words: ldncalc/locale/capsule.py): each stage's
    weighing and mixing, then the aliquot weighed from the last mixture."""
    mixes = tuple(
        record(
            Message,
            code="capsule-aliquot-mix",
            params={
                "number": stage.number,
                "weighed": stage.weighed,
                "powder": powder,  # what stage 1 weighs; each later stage, the mixture before
                "filler": stage.filler,
                "filler_name": filler,
                "mixture": stage.mixture,
                "factor": stage.factor,
            },
        )
        for stage in stages
    )
    take = record(
        Message,
        code="capsule-aliquot-take",
        params={
            "aliquot": aliquot,
            "number": stages[-1].number,
            "needed": needed,
            "powder": powder,
        },
    )
    return (*mixes, take)
