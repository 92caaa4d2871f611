"""The capsule calculation's exact Decimal core (issue 11 §1 §2): the same figures as the same
formulas in pint on random inputs, its units checked at its edges (a unit mistake fails), and
results built without re-validation equal to validated ones."""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Any

import pint
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from ldncalc import capsule
from ldncalc.errors import LdnCalcError, UnsafeInputError
from ldncalc.formatting import round_to
from ldncalc.messages import Message, Step
from ldncalc.models import Amount, CapsuleResult
from ldncalc.preparations.capsule import batch, compute
from ldncalc.preparations.capsule.build import kept, model, record
from ldncalc.preparations.capsule.compute import mass, quantity
from ldncalc.units import (
    DIMENSIONLESS,
    MCG,
    MCG_PER_ML,
    MG,
    MG_PER_ML,
    ML,
    PCT,
    G,
    L,
    Qty,
    Quantity,
)

# -- the formulas in pint, as capsule() computed them before the Decimal core (42488b6) --------


def pint_weight(mass_: Qty, places: int = 1, rounding: str = ROUND_HALF_UP) -> Qty:
    step = Decimal(1).scaleb(-places)
    magnitude = mass_.to(MG).magnitude.quantize(step, rounding=rounding)
    return Quantity(round_to(magnitude, places), MG)


def pint_active(mass_: Qty, minimum: Qty) -> Qty:
    rounded = pint_weight(mass_)
    return rounded if rounded >= minimum else pint_weight(mass_, 4)


def pint_packing(volume: Qty, density: Qty) -> Qty:
    return pint_weight((volume * density).to(MG))


def pint_api(dose: Qty, batch_: int, factor: Decimal, minimum: Qty) -> Qty:
    return pint_active(dose * batch_ / factor, minimum)


def pint_tablets(
    dose: Qty, batch_: int, strength: Qty, tablet_weight: Qty, minimum: Qty
) -> tuple[Qty, int, Qty]:
    exact = (dose * batch_ / strength).to(DIMENSIONLESS)
    return exact, math.ceil(exact.magnitude), pint_active(exact * tablet_weight, minimum)


def pint_crushing(tablets: int, tablet_weight: Qty, weighed: Qty, allowance: Qty) -> int:
    usable = Quantity(100, PCT) - allowance
    exact: Decimal = (weighed / (tablet_weight * usable)).to(DIMENSIONLESS).magnitude
    return max(tablets, math.ceil(exact))


def pint_fill(packing: Qty, batch_: int, active: Qty, tolerance: Qty) -> tuple[Qty, Qty, Qty]:
    fraction = tolerance.to(DIMENSIONLESS).magnitude
    low = pint_weight(packing * (1 - fraction), rounding=ROUND_CEILING)
    high = pint_weight(packing * (1 + fraction), rounding=ROUND_FLOOR)
    return (packing * batch_ - active).to(MG), low, high


# -- random inputs, in the units a pharmacist types -------------------------------------------


def decimals(low: str, high: str, places: int) -> st.SearchStrategy[Decimal]:
    return st.decimals(Decimal(low), Decimal(high), places=places, allow_nan=False)


def masses(low: str, high: str) -> st.SearchStrategy[Qty]:
    """A mass from ``low`` to ``high`` mg, written in mg, mcg or g."""
    return st.builds(
        lambda value, unit: Quantity(value, MG).to(unit),
        decimals(low, high, 3),
        st.sampled_from([MG, MCG, G]),
    )


volumes = st.builds(
    lambda value, unit: Quantity(value, ML).to(unit),
    decimals("0.1", "1.5", 3),
    st.sampled_from([ML, L]),
)
densities = st.builds(
    lambda value, unit: Quantity(value, MG_PER_ML).to(unit),
    decimals("100", "1500", 1),
    st.sampled_from([MG_PER_ML, MCG_PER_ML]),
)
batches = st.integers(1, 1100)
minimums = st.sampled_from([Quantity(Decimal(m), MG) for m in ("120", "20", "2", "0.2")])


def same(core: Decimal, reference: Qty, unit: pint.Unit = MG) -> None:
    """The core's figure (in ``unit``) is the reference's, exactly."""
    assert core == reference.to(unit).magnitude, (core, reference)


@given(volumes, densities)
@example(Quantity(Decimal("0.5"), ML), Quantity(305, MG_PER_ML))  # size 1, MCC: 152.5 mg
def test_packing_statistic_is_pints(volume: Qty, density: Qty) -> None:
    core = compute.packing_estimate(
        compute.in_unit(volume, ML), compute.in_unit(density, MG_PER_ML)
    )
    same(core, pint_packing(volume, density))


@given(masses("0.001", "10"), batches, decimals("0.85", "1.1", 4), minimums)
def test_api_to_weigh_is_pints(dose: Qty, batch_: int, factor: Decimal, minimum: Qty) -> None:
    core = compute.api_to_weigh(
        compute.in_unit(dose, MG), batch_, factor, compute.in_unit(minimum, MG)
    )
    same(core, pint_api(dose, batch_, factor, minimum))


@given(
    masses("0.001", "10"),
    batches,
    masses("25", "100"),
    masses("100", "2000"),
    minimums,
    decimals("0", "20", 1),
)
def test_tablets_are_pints(
    dose: Qty,
    batch_: int,
    strength: Qty,
    tablet_weight: Qty,
    minimum: Qty,
    allowance: Decimal,
) -> None:
    core = compute.from_tablets(
        compute.in_unit(dose, MG),
        batch_,
        compute.in_unit(strength, MG),
        compute.in_unit(tablet_weight, MG),
        compute.in_unit(minimum, MG),
    )
    exact, tablets, powder = pint_tablets(dose, batch_, strength, tablet_weight, minimum)
    assert core.exact == exact.magnitude
    assert core.tablets == tablets
    same(core.powder, powder)
    crushed = compute.crushing(
        core.tablets, compute.in_unit(tablet_weight, MG), core.powder, allowance
    )
    assert crushed.tablets == pint_crushing(
        tablets, tablet_weight, powder, Quantity(allowance, PCT)
    )


@given(masses("20", "1500"), batches, st.data(), decimals("1", "20", 1))
def test_filler_and_fill_range_are_pints(
    packing: Qty, batch_: int, data: st.DataObject, tolerance: Decimal
) -> None:
    active = Quantity(data.draw(decimals("0.1", "1", 4)), DIMENSIONLESS) * packing * batch_
    active = pint_weight(active)
    core = compute.fill(
        compute.in_unit(packing, MG), batch_, compute.in_unit(active, MG), tolerance
    )
    filler, low, high = pint_fill(packing, batch_, active, Quantity(tolerance, PCT))
    same(core.filler, filler)
    same(core.low, low)
    same(core.high, high)


# -- a unit mistake in the core fails ---------------------------------------------------------


def test_a_quantity_of_another_dimension_never_enters_the_core() -> None:
    with pytest.raises(pint.DimensionalityError):
        compute.in_unit(Quantity(Decimal("0.5"), ML), MG)  # a volume where a mass goes
    with pytest.raises(pint.DimensionalityError):
        compute.in_unit(Quantity(305, MG_PER_ML), ML)


def packing_agrees(core: Callable[[Decimal, Decimal], Decimal]) -> None:
    """The packing statistic of ``core`` against pint's on the capsule sizes and fillers
    (the property above, on a fixed set of inputs)."""
    for volume in ("0.13", "0.5", "1.37"):
        for density in ("305", "395", "980"):
            v, d = Quantity(Decimal(volume), ML), Quantity(Decimal(density), MG_PER_ML)
            same(core(compute.in_unit(v, ML), compute.in_unit(d, MG_PER_ML)), pint_packing(v, d))


def test_a_unit_mistake_inside_the_core_fails_the_comparison_with_pint() -> None:
    packing_agrees(compute.packing_estimate)

    def volume_in_litres(volume: Decimal, density: Decimal) -> Decimal:
        # the mistake: the capsule's volume taken in L where the core's unit is mL
        return compute.packing_estimate(volume / 1000, density)

    with pytest.raises(AssertionError):
        packing_agrees(volume_in_litres)


def test_a_unit_mistake_at_the_core_edge_does_not_go_unnoticed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # docs/basis.md §4 worked example: size 1 (0.5 mL) × MCC 305 mg/mL = 152.5 mg
    assert capsule(strength="4.5mg", quantity=30).fill_weight == Quantity(Decimal("152.5"), MG)
    monkeypatch.setattr(batch, "ML", L)  # the capsule volume read into the core in litres
    with pytest.raises(UnsafeInputError) as refused:  # 0.15 mg of filler: nothing fits
        capsule(strength="4.5mg", quantity=30)
    assert refused.value.code == "capsule-does-not-fit"


# -- results built without re-validation are the validated ones -------------------------------

ORDERS: list[dict[str, Any]] = [
    {"strength": "4.5mg", "quantity": 30},
    {"strength": "1.5mg", "quantity": "60", "balance_sensitivity": "1mg"},
    {"strength": "250mcg", "quantity": 30},  # the aliquot method
    {"strength": "4.5mg", "quantity": 30, "source": "tablets", "tablet_weight": "250mg"},
    {"strength": "0.5mg", "quantity": 30, "source": "tablets", "tablet_weight": "250mg"},
    {
        "strength": "4.5mg",
        "quantity": 30,
        "salt": "hcl-dihydrate",
        "assay": "98.5%",
        "assay_basis": "anhydrous",
        "water": "8.6%",
    },
    {"strength": "4.5mg", "quantity": 30, "assay_basis": "anhydrous", "water": "0%"},
    {"strength": "0.5mg", "quantity": 30, "balance_sensitivity": "2mg"},  # an exact sensitivity
    {
        "strength": "4.5mg",
        "quantity": 30,
        "overage": "5%",
        "size": "0",
        "shell": "hpmc",
        "shell_weight": "60mg",
        "fill_weight": "250mg",
        "filler": "lactose",
    },
]


def validated(made: Any) -> Any:
    """``made`` built again by validation from the fields it was given."""
    return type(made)(**{name: getattr(made, name) for name in made.__pydantic_fields_set__})


@pytest.mark.parametrize("order", ORDERS)
def test_a_result_built_without_validation_is_the_validated_one(order: dict[str, Any]) -> None:
    result = capsule(**order)
    again = validated(result)
    assert again == result
    assert repr(again) == repr(result)
    assert again.__pydantic_fields_set__ == result.__pydantic_fields_set__
    assert again.model_dump_json() == result.model_dump_json()
    plan = () if result.aliquot is None else (result.aliquot, *result.aliquot.stages)
    for item in (*result.warnings, *result.notes, *result.steps, *result.ingredients, *plan):
        copy = validated(item)
        assert copy == item
        assert repr(copy) == repr(item)
        assert copy.__pydantic_fields_set__ == item.__pydantic_fields_set__


def test_model_leaves_what_validation_refuses_to_validation() -> None:
    with pytest.raises(ValueError, match="name"):
        model(Amount, role="filler")  # no name
    with pytest.raises(ValueError, match="colour"):
        model(Amount, name="MCC", role="filler", colour="white")  # no such field


def test_records_and_quantities_are_what_their_constructors_make() -> None:
    assert record(Step, "capsule-batch", {"batch": 31}) == Step(
        code="capsule-batch", params={"batch": 31}
    )
    note = record(Message, "capsule-no-overage", concerns="overage")
    assert note == Message(code="capsule-no-overage", concerns="overage")
    assert note.__pydantic_fields_set__ == {"code", "concerns"}
    made = quantity(Decimal("4.5"), MG)
    assert repr(made) == repr(Quantity(Decimal("4.5"), MG))
    assert mass(Decimal("152.5")) + made == Quantity(Decimal(157), MG)
    result = capsule(strength="4.5mg", quantity=30)
    assert CapsuleResult.model_validate_json(result.model_dump_json()) == result


def test_kept_values_are_per_object_never_stale() -> None:
    calls: list[int] = []

    def make(n: int) -> Callable[[], int]:
        return lambda: calls.append(n) or n  # type: ignore[func-returns-value]

    first, edited = object(), object()  # a record, and the same record read again
    assert kept((first,), ("k",), make(1)) == 1
    assert kept((first,), ("k",), make(2)) == 1  # kept
    assert kept((edited,), ("k",), make(3)) == 3  # another object: made again
    assert calls == [1, 3]

    def refuse() -> int:
        raise ValueError("refused")

    for _ in range(2):  # a refusal is never kept: it is made, and raised, each time
        with pytest.raises(ValueError, match="refused"):
            kept((first,), ("bad",), refuse)


def test_an_overage_of_true_is_refused_after_an_overage_of_1_was_kept() -> None:
    # True == 1 and hash(True) == hash(1): a kept reading of 1 must not answer for True
    assert capsule(strength="4.5mg", quantity=30, overage=1).overage == 1
    with pytest.raises(LdnCalcError, match="overage"):
        capsule(strength="4.5mg", quantity=30, overage=True)  # type: ignore[arg-type]
