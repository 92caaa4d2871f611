"""Aliquots for weighing below the minimum weighable quantity (issue 4 §3, docs/basis.md §8):
the worked example, refusals, and the invariants as properties (every weighing at or above the
minimum weighable quantity; the aliquot holds exactly the drug needed)."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pint.testing import assert_equal

from ldncalc.errors import UnsafeInputError
from ldncalc.preparations.capsule.aliquot import MAX_FACTOR, AliquotPlan, plan_aliquot
from ldncalc.preparations.weighing import minimum_weighable
from ldncalc.units import Qty, Quantity


def cli(messages: tuple[object, ...]) -> tuple[str, ...]:
    """Warnings or notes as the command line shows them in English (``--overage 1``)."""
    return tuple(m if isinstance(m, str) else m.text("en", "cli") for m in messages)  # type: ignore[attr-defined]


def mg(value: str | int) -> Qty:
    return Quantity(Decimal(value), "milligram")


def percent(value: str | int) -> Qty:
    return Quantity(Decimal(value), "percent")


SIX_MG = Quantity(Decimal(6), "milligram")  # docs/basis.md §8: the worked balance
FIVE_PERCENT = Quantity(Decimal(5), "percent")  # docs/basis.md §8: USP's largest error


def aliquot(needed: Qty, sensitivity: Qty = SIX_MG) -> AliquotPlan:
    return plan_aliquot(
        needed,
        sensitivity=sensitivity,
        error=FIVE_PERCENT,
        powder="Naltrexone hydrochloride (anhydrous)",
        filler_name="Microcrystalline cellulose",
    )


def test_a_balance_sensitive_to_6_mg_cannot_weigh_less_than_120_mg() -> None:
    # docs/basis.md §8: 6 mg × 100 ÷ 5 % = 120 mg
    assert_equal(minimum_weighable(mg(6), percent(5)), mg(120))


def test_the_minimum_is_rounded_up_to_the_balance() -> None:
    # 0.77 mg ÷ 5 % = 15.4 mg exactly; 0.771 mg ÷ 5 % = 15.42 mg → 15.5 mg (never less)
    assert_equal(minimum_weighable(mg("0.77"), percent(5)), mg("15.4"))
    assert_equal(minimum_weighable(mg("0.771"), percent(5)), mg("15.5"))


def test_15_5_mg_of_api_is_a_1_in_8_trituration_and_a_124_mg_aliquot() -> None:
    # 0.5 mg × 31 capsules = 15.5 mg of API, below 120 mg. 120 ÷ 15.5 = 7.74 → 1 in 8:
    # weigh 120 mg of API + 840 mg of filler = 960 mg; the aliquot is 15.5 × 8 = 124 mg
    # (124 × 120 ÷ 960 = 15.5 mg of API and 108.5 mg of filler); 836 mg is left over.
    result = aliquot(mg("15.5"))
    (stage,) = result.stages
    assert stage.factor == 8
    assert_equal(stage.weighed, mg(120))
    assert_equal(stage.filler, mg(840))
    assert_equal(stage.mixture, mg(960))
    assert_equal(result.aliquot, mg(124))
    assert_equal(result.aliquot_filler, mg("108.5"))
    assert_equal(result.discarded, mg(836))
    assert_equal(result.minimum_weighable, mg(120))
    assert str(result.method[-1]) == (  # a message record (capsule-aliquot-take)
        "Weigh 124 mg of mixture 1: it holds 15.5 mg of Naltrexone hydrochloride (anhydrous): "
        "use it as the drug powder of the batch. Discard the rest of the mixture."
    )


def test_a_very_small_amount_takes_several_triturations() -> None:
    # 1 mg: 120 ÷ 1 = 120 > 10 per stage; three stages of 1 in 5 (125 ≥ 120, the least product)
    result = aliquot(mg(1))
    assert [s.factor for s in result.stages] == [5, 5, 5]
    assert_equal(result.aliquot, mg(125))
    assert result.stages[1].material == "mixture 1"
    assert_equal(result.stages[1].weighed, mg(120))


def test_an_amount_the_balance_can_weigh_is_refused() -> None:
    with pytest.raises(UnsafeInputError) as caught:
        aliquot(mg(120))
    assert str(caught.value) == (
        'balance_sensitivity="6 mg": gives a minimum weighable quantity of 120 mg, not above '
        "120 mg; weigh the powder directly"
    )


def test_a_more_sensitive_balance_lowers_the_minimum() -> None:
    # a 1 mg balance: 20 mg minimum; 15.5 mg → 1 in 2, aliquot 31 mg
    result = aliquot(mg("15.5"), sensitivity=mg(1))
    assert_equal(result.minimum_weighable, mg(20))
    assert [s.factor for s in result.stages] == [2]
    assert_equal(result.aliquot, mg(31))


needed_amounts = st.integers(1, 1199).map(lambda n: mg(Decimal(n) / 10))
sensitivities = st.integers(1, 100).map(lambda n: mg(Decimal(n) / 10))


@settings(max_examples=300, deadline=None)
@given(needed=needed_amounts, sensitivity=sensitivities)
@example(needed=mg("15.5"), sensitivity=mg(6))
@example(needed=mg("0.1"), sensitivity=mg(10))
@example(needed=mg("119.9"), sensitivity=mg(6))
def test_every_weighing_is_at_least_the_minimum_and_the_drug_is_conserved(
    needed: Qty, sensitivity: Qty
) -> None:
    minimum = minimum_weighable(sensitivity, percent(5))
    if needed >= minimum:
        with pytest.raises(UnsafeInputError):
            aliquot(needed, sensitivity)
        return
    result = aliquot(needed, sensitivity)
    for weight in result.weighings:
        assert weight >= minimum
    # the aliquot holds exactly the drug needed: aliquot × (1 ÷ product of the factors)
    product = math.prod(s.factor for s in result.stages)
    assert (result.aliquot / product).to("milligram").magnitude == needed.magnitude
    assert result.aliquot_filler + needed == result.aliquot
    # each stage dilutes what it weighed 1 in its factor, and weighs the minimum
    active = minimum
    for stage in result.stages:
        assert 2 <= stage.factor <= MAX_FACTOR
        assert stage.weighed == minimum
        assert stage.mixture == stage.weighed + stage.filler == minimum * stage.factor
        assert stage.active.to("milligram").magnitude == active.to("milligram").magnitude
        active = active / stage.factor
    assert result.discarded + result.aliquot == result.stages[-1].mixture
    # weights are what a 0.1 mg balance reads
    for weight in (*result.weighings, result.discarded):
        tenths = weight.to("milligram").magnitude * 10
        assert tenths == tenths.to_integral()


# --------------------------------------------------------------------------------------------
# capsule(): active powder below the minimum weighable quantity gets the plan
# --------------------------------------------------------------------------------------------


def test_capsule_0_5_mg_by_30_weighs_the_api_by_the_aliquot_method() -> None:
    # 0.5 mg × 31 = 15.5 mg of API (the worked example above). The batch holds
    # 31 × 152.5 = 4,727.5 mg: 15.5 mg API + 4,712 mg filler, of which 108.5 mg comes in the
    # 124 mg aliquot: 4,712 − 108.5 = 4,603.5 mg of filler is added to it.
    from ldncalc import capsule

    result = capsule(strength="0.5mg", quantity=30)
    assert result.aliquot is not None
    expected = aliquot(mg("15.5"))
    assert result.aliquot.stages == expected.stages
    assert result.aliquot.aliquot == expected.aliquot
    assert result.aliquot.filler_name == "Microcrystalline cellulose (Avicel PH-102)"
    assert_equal(result.api_weight, mg("15.5"))
    assert_equal(result.filler_weight, mg("4603.5"))  # the filler weighed: the aliquot has its own
    api, filler = result.ingredients
    # issue 9 §3: the active ingredient is what goes into the batch, never the 120 mg weighed
    # to make the mixture: 15.5 mg of API, delivered as the 124 mg aliquot of mixture 1
    assert_equal(api.mass, mg("15.5"))
    assert_equal(api.aliquot, mg(124))
    assert_equal(api.drug, mg("15.5"))  # naltrexone HCl at 100 %: the powder's own mass
    assert_equal(filler.mass, mg("4603.5"))
    assert_equal(result.aliquot.aliquot + filler.mass, result.total_weight)
    steps = {s.name: s.calculation for s in result.steps}
    assert steps["Minimum weighable quantity"] == "6 mg ÷ 5 % = 120 mg"
    assert steps["Trituration 1"] == "120 mg + 840 mg = 960 mg, 1 in 8"
    assert steps["Aliquot"] == "15.5 mg × 8 = 124 mg (108.5 mg of it filler)"
    assert steps["Filler to add to the aliquot"] == "4,712 mg − 108.5 mg = 4,603.5 mg"


def test_capsule_from_tablets_crushes_enough_powder_for_the_minimum() -> None:
    # 0.5 mg × 31 = 15.5 mg of drug = 0.31 tablet; with 100 mg tablets, 31 mg of powder. One
    # crushed tablet is 100 mg, less than the 120 mg to weigh: crush 2.
    from ldncalc import capsule

    result = capsule(strength="0.5mg", quantity=30, source="tablets", tablet_weight="100mg")
    assert result.aliquot is not None
    assert result.tablets == 1  # the drug the batch needs
    assert result.tablets_to_crush == 2
    (tablets, _) = result.ingredients
    assert tablets.tablets == 2
    # into the batch: the 31 mg of tablet powder (15.5 mg naltrexone HCl: 31 × 50 ÷ 100) in
    # the 124 mg aliquot; the 120 mg weighed from the crushed tablets makes the mixture
    assert_equal(tablets.powder, mg(31))
    assert_equal(tablets.aliquot, mg(124))
    assert_equal(tablets.drug, mg("15.5"))
    assert result.aliquot.stages[0].weighed == mg(120)
    assert "Crush 2 tablets: the aliquot method weighs 120 mg" in cli(result.notes)


def test_a_more_sensitive_balance_needs_no_aliquot() -> None:
    # 4.5 mg × 11 = 49.5 mg: below 120 mg (6 mg balance), above 20 mg (1 mg balance)
    from ldncalc import capsule

    assert capsule(strength="4.5mg", quantity=10).aliquot is not None
    result = capsule(strength="4.5mg", quantity=10, balance_sensitivity="1mg")
    assert result.aliquot is None
    assert_equal(result.minimum_weighable, mg(20))
    assert [w for w in cli(result.warnings) if "minimum weighable" in w] == []


def test_an_aliquot_larger_than_the_batch_is_refused() -> None:
    # 0.1 mg × 2 = 0.2 mg: 120 ÷ 0.2 = 600 → three stages (two give at most 100), the least
    # product ≥ 600 being 10 × 8 × 8 = 640: aliquot 0.2 × 640 = 128 mg, but 2 size-5 capsules
    # hold 2 × 39.7 = 79.4 mg of powder
    from ldncalc import capsule

    with pytest.raises(UnsafeInputError) as caught:
        capsule(strength="0.1mg", quantity=1, size="5")
    assert str(caught.value) == (
        'quantity="1": makes 79.4 mg of powder, no more than the 128 mg aliquot that holds '
        "the drug; make a larger batch, or give a more sensitive balance_sensitivity"
    )


def test_an_aliquot_as_large_as_the_batch_is_refused_not_a_crash() -> None:
    # found by hypothesis: 0.1 mg × 4 from tablets of 150 mg is 1.2 mg of powder, a 120 mg
    # aliquot (1 in 10 twice); 4 capsules of 30 mg hold 120 mg, so no filler is left to add.
    # This was an internal error (a filler Amount of 0 mg); a batch needs filler beyond the
    # aliquot, and one more capsule gives it.
    from ldncalc import capsule

    kwargs = {"strength": "0.1mg", "size": "3", "source": "tablets", "tablet_weight": "150mg"}
    with pytest.raises(UnsafeInputError) as caught:
        capsule(quantity=3, fill_weight="30mg", **kwargs)
    assert str(caught.value) == (
        'quantity="3": makes 120 mg of powder, no more than the 120 mg aliquot that holds '
        "the drug; make a larger batch, or give a more sensitive balance_sensitivity"
    )
    assert_equal(capsule(quantity=4, fill_weight="30mg", **kwargs).filler_weight, mg(30))


CLI_LINES = [
    (
        "capsule --strength 4.5mg --quantity 10 --balance-sensitivity 6g",
        'ldncalc: --balance-sensitivity: "6g" is outside 0.001 mg to 100 mg; give the '
        "balance's sensitivity in mg, e.g. 6mg (a class III prescription balance)",
    ),
    (
        "capsule --strength 4.5mg --quantity 10 --balance-sensitivity 0.0000001mg",
        'ldncalc: --balance-sensitivity: "0.0000001mg" is outside 0.001 mg to 100 mg; give the '
        "balance's sensitivity in mg, e.g. 6mg (a class III prescription balance)",
    ),
    (
        # review: this named "0.002 mg" (the batch's drug, in mg) as if it had been typed
        "capsule --strength 1mcg --quantity 1",
        'ldncalc: --strength: "1mcg" makes 2 mcg of Naltrexone hydrochloride (anhydrous) in the '
        "batch, more than 10,000 times below the minimum weighable quantity 120 mg; make a "
        "larger batch, or use a more sensitive balance (--balance-sensitivity)",
    ),
    (
        "capsule --strength 4.5mg --quantity 10 --balance-sensitivity 6",
        'ldncalc: --balance-sensitivity: "6" has no unit; write 6mg (units: mg, mcg or g)',
    ),
]


@pytest.mark.parametrize(("argv", "line"), CLI_LINES)
def test_a_bad_balance_sensitivity_is_one_line_and_exit_2(
    argv: str, line: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from ldncalc.cli import main

    assert main(argv.split()) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == line + "\n"


def test_ldncalc_capsule_prints_the_aliquot_method(capsys: pytest.CaptureFixture[str]) -> None:
    from ldncalc.cli import main

    assert main(["capsule", "--strength", "0.5mg", "--quantity", "30"]) == 0
    out = capsys.readouterr().out
    # issue 9 §3: what goes into the batch, then what makes the mixture, each under its own
    # heading; the 120 mg of API is never listed as the batch's
    into = out.index("Into the batch\n")
    mixture = out.index("First make mixture 1 (aliquot method): take and weigh\n")
    assert into < mixture
    assert out[into:mixture] == (
        "Into the batch\n"
        "  124 mg of mixture 1, holding 15.5 mg Naltrexone hydrochloride (anhydrous)\n"
        "  4,603.5 mg Microcrystalline cellulose (Avicel PH-102) — immediate-release filler\n"
        "\n"
    )
    assert out[mixture:].startswith(
        "First make mixture 1 (aliquot method): take and weigh\n"
        "  120 mg Naltrexone hydrochloride (anhydrous)\n"
        "  840 mg Microcrystalline cellulose (Avicel PH-102)\n"
        "  1. Weigh 120 mg of Naltrexone hydrochloride (anhydrous) and 840 mg of\n"
    )
    assert "Take and weigh" not in out


def test_the_json_active_ingredient_is_what_reaches_the_batch(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # issue 9 §3: JSON said 120 mg for a batch that holds 15.5 mg (7.7 times the dose)
    import json

    from ldncalc.cli import main

    assert main(["capsule", "--strength", "0.5mg", "--quantity", "30", "--json"]) == 0
    active = json.loads(capsys.readouterr().out)["ingredients"][0]
    assert active["role"] == "active"
    assert active["mass"] == {"value": 15.5, "unit": "mg"}
    assert active["aliquot"] == {"value": 124, "unit": "mg"}
    assert active["drug"] == {"value": 15.5, "unit": "mg"}


def test_a_dihydrate_aliquot_says_the_naltrexone_hcl_it_brings() -> None:
    # 0.5 mg × 31 = 15.5 mg naltrexone HCl ÷ (100 % × 377.86 ÷ 413.89 = 0.9129) = 16.9789 mg
    # of dihydrate; 120 ÷ 16.9789 = 7.07 → 1 in 8; aliquot 16.9789 × 8 = 135.83 → 135.8 mg,
    # which holds 135.8 ÷ 8 = 16.975 mg of dihydrate: the 15.5 mg of naltrexone HCl asked
    # (16.975 × 0.9129 = 15.4965, within the 0.05 % of the 0.1 mg weighing)
    from ldncalc import capsule
    from ldncalc.render import bench_text

    result = capsule(strength="0.5mg", quantity=30, salt="hcl-dihydrate")
    active = result.ingredients[0]
    assert_equal(active.mass, mg("16.975"))
    assert_equal(active.aliquot, mg("135.8"))
    assert_equal(active.drug, mg("15.5"))
    assert (
        "  135.8 mg of mixture 1, holding 16.975 mg Naltrexone hydrochloride dihydrate "
        "(15.5 mg naltrexone HCl)\n" in bench_text(result)
    )


@settings(max_examples=150, deadline=None)
@given(
    strength=st.integers(1, 90).map(lambda n: f"{Decimal(n) / 20}mg"),
    quantity=st.integers(1, 120),
    sensitivity=st.sampled_from(["1mg", "2mg", "6mg", "10mg"]),
)
@example(strength="0.5mg", quantity=30, sensitivity="6mg")
def test_every_capsule_weighing_is_at_least_the_minimum(
    strength: str, quantity: int, sensitivity: str
) -> None:
    from ldncalc import capsule

    try:
        result = capsule(strength=strength, quantity=quantity, balance_sensitivity=sensitivity)
    except UnsafeInputError:
        return
    minimum = result.minimum_weighable
    assert result.api_weight is not None
    if result.api_weight >= minimum:
        assert result.aliquot is None
        return
    assert result.aliquot is not None
    for weight in result.aliquot.weighings:
        assert weight >= minimum
    # the capsules get exactly the API of the batch, and the powder adds up
    assert result.aliquot.needed == result.api_weight
    (_, filler) = result.ingredients
    assert filler.mass is not None
    assert result.aliquot.aliquot + filler.mass == result.total_weight


def test_a_drug_weight_that_rounds_to_the_minimum_is_weighed_directly() -> None:
    # 1.967 mg × 61 = 119.987 mg: on a balance reading 0.1 mg that is 120 mg, the minimum
    # weighable quantity. Its aliquot (× 2 = 239.974 → 240 mg) was the whole 240 mg mixture,
    # with nothing to discard, and the plan could not be made (a crash, exit 70).
    from ldncalc import capsule

    result = capsule(strength="1.967mg", quantity=60)
    assert result.aliquot is None
    assert_equal(result.api_weight, mg(120))
    with pytest.raises(UnsafeInputError) as raised:
        aliquot(mg("119.987"))
    assert str(raised.value) == (
        'balance_sensitivity="6 mg": gives a minimum weighable quantity of 120 mg, not above '
        "119.987 mg; weigh the powder directly"
    )
