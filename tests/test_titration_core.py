"""The titration's numbers (issues 10 and 11): the compute modules build no records, and the
exact Decimal paths that made ``titrate()`` fast give what pint gives, to the digit.

Each Decimal path is compared here with the pint computation it replaces, on random inputs:
a unit or an operation slipped in the Decimal path fails one of these tests.
"""

from __future__ import annotations

import inspect
import itertools
import os
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ldncalc.checks import read_dose
from ldncalc.errors import LdnCalcError
from ldncalc.formatting import typed
from ldncalc.formulations import builtin_folder, load
from ldncalc.messages import Message
from ldncalc.preparations.liquid.dilution import exact_measure
from ldncalc.titration import (
    Fill,
    ScheduleStep,
    TitrationResult,
    capsules,
    liquid,
    read,
    schedule,
    titrate,
)
from ldncalc.titration.schedule import (
    Phase,
    drug_of,
    fill_runs,
    fill_spans,
    phases,
    total_drug,
)
from ldncalc.units import FIRST_DOSE, MASS, MCG, MG, MG_PER_ML, ML, Qty, Quantity, converted

MONDAY = "2025-03-03"
LIBRARY = load()
WATER = LIBRARY.pick(None, "liquid", None)


def _outcome(call: Callable[[], object]) -> object:
    """What a call gives: its value, or its refusal's code and text."""
    try:
        return call()
    except LdnCalcError as error:
        return ("refused", error.code, str(error))


def _same(a: Qty, b: Qty) -> bool:
    """The same quantity, written the same: magnitude digits and unit."""
    return repr(a.magnitude) == repr(b.magnitude) and a.units == b.units


# Doses as a person writes them: mg with up to 3 places (trailing zeros kept: 0.50 is not 0.5
# to the digit), or mcg
def _mg(places: int = 3) -> st.SearchStrategy[Qty]:
    return st.builds(
        lambda n, p: Quantity(Decimal(n).scaleb(-p), MG),
        st.integers(1, 10_000),
        st.integers(0, places),
    )


# --------------------------------------------------------------------------------------------
# Compute and describe apart
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("module", [liquid, capsules, schedule])
def test_the_compute_modules_build_no_records(module: object) -> None:
    # numbers and units only: the records (steps, warnings, notes) are built in describe.py
    assert "ldncalc.messages" not in inspect.getsource(module)  # type: ignore[arg-type]
    assert not hasattr(module, "Message")
    assert not hasattr(module, "Step")


# --------------------------------------------------------------------------------------------
# Decimal paths against pint
# --------------------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(dose=_mg(), conc=st.sampled_from(["0.5", "1", "5", "2.5", "0.25", "1.0"]))
def test_a_volume_is_what_pint_computes(dose: Qty, conc: str) -> None:
    concentration = Quantity(Decimal(conc), MG_PER_ML)
    assert _same(liquid._volume(dose, concentration), converted(dose / concentration, ML))
    in_mcg = dose.to(MCG)  # another unit: pint's own path
    assert liquid._volume(in_mcg, concentration) == converted(in_mcg / concentration, ML)


def _old_phases(first: Qty, size: Qty, interval: int, last: Qty) -> list[tuple[Qty, str]]:
    """The steps as pint made them before (the reference)."""
    found, dose = [], first
    while dose < last:
        found.append((dose, "--start" if dose == first else "--step"))
        dose = (dose + size).to(MG)
    found.append((last, "--target"))
    return found


@settings(max_examples=300, deadline=None)
@given(first=_mg(2), size=_mg(2), distance=_mg(2))
@example(
    first=Quantity(Decimal("0.50"), MG),
    size=Quantity(Decimal("0.5"), MG),
    distance=Quantity(Decimal(4), MG),
)
def test_the_steps_are_what_pint_adds(first: Qty, size: Qty, distance: Qty) -> None:
    last = (first + distance).to(MG)
    if (distance / size).to("").magnitude > 200:
        return  # more steps than any schedule takes
    made = phases(first, size, 7, last)
    old = _old_phases(first, size, 7, last)
    assert len(made) == len(old)
    for phase, (dose, option) in zip(made, old, strict=True):
        assert _same(phase.dose, dose)
        assert phase.option == option
        assert phase.mg == dose.magnitude


@settings(max_examples=200, deadline=None)
@given(
    doses=st.lists(_mg(3), min_size=1, max_size=6),
    days=st.lists(st.integers(1, 40), min_size=6, max_size=6),
    bud=st.integers(1, 60),
)
def test_a_fills_drug_is_the_day_by_day_sum(doses: list[Qty], days: list[int], bud: int) -> None:
    steps = [Phase(dose, n, "--step") for dose, n in zip(doses, days, strict=False)]
    daily = [p.dose for p in steps for _ in range(p.days)]
    total = 0
    for span in fill_spans(len(daily), bud):
        taken = daily[span.offset : span.offset + span.days]
        old = sum(taken, Quantity(0, MG)).to(MG)
        runs = fill_runs(steps, span)
        assert sum(n for _, n in runs) == span.days
        assert _same(drug_of(runs), old)
        # the runs are the days' doses grouped, in order
        assert [(p.dose, n) for p, n in runs] == [
            (dose, len(list(group))) for dose, group in itertools.groupby(taken)
        ]
        total += span.days
    assert total == len(daily)
    assert _same(total_drug(steps), sum((p.dose * p.days for p in steps), Quantity(0, MG)).to(MG))


@settings(max_examples=300, deadline=None)
@given(
    number=st.decimals(min_value=Decimal("0.0001"), max_value=Decimal(30), places=4),
    unit=st.sampled_from(["mg", "mcg", "g", "MG"]),
    first=st.booleans(),
)
@example(number=Decimal("0.5"), unit="mg", first=False)
@example(number=Decimal("0.25"), unit="mg", first=True)
@example(number=Decimal("11"), unit="mg", first=False)
def test_a_start_or_target_is_read_as_read_dose_reads_it(
    number: Decimal, unit: str, first: bool
) -> None:
    text = f"{number}{unit}"
    option, kind = ("--start", FIRST_DOSE) if first else ("--target", MASS)
    expected = _outcome(
        lambda: read_dose(text, option=option, limits=WATER.limits, doses_per_day=1, kind=kind)
    )
    found = _outcome(lambda: read._read_dose(text, option, WATER.limits, kind))
    if isinstance(expected, tuple) and expected[0] == "refused":
        assert found == expected
    else:
        assert isinstance(expected, tuple)
        assert isinstance(found, Quantity)
        assert _same(found, expected[0])


def _old_step_doses(steps: list[Phase], protocol: bool) -> list[Message]:
    """Every step's dose formatted and read again (the reference)."""
    warnings: list[Message] = []
    lowest, highest = min(p.dose for p in steps), max(p.dose for p in steps)
    for phase in steps:
        option = "--protocol" if protocol else phase.option
        _, said = read_dose(typed(phase.dose), option=option, limits=WATER.limits, doses_per_day=1)
        if phase.dose in (lowest, highest):
            warnings += [w for w in said if w not in warnings]
    return warnings


@settings(max_examples=200, deadline=None)
@given(
    doses=st.lists(
        st.decimals(min_value=Decimal("0.0005"), max_value=Decimal(12), places=5),
        min_size=1,
        max_size=5,
        unique=True,
    ),
    protocol=st.booleans(),
)
@example(doses=[Decimal("0.25"), Decimal("1"), Decimal("6")], protocol=False)
@example(doses=[Decimal("0.5"), Decimal("10.5")], protocol=True)
def test_each_steps_dose_is_checked_as_read_dose_checks_it(
    doses: list[Decimal], protocol: bool
) -> None:
    options = ["--start", *["--step"] * (len(doses) - 2), "--target"][-len(doses) :]
    steps = [
        Phase(Quantity(d, MG), 7, option) for d, option in zip(sorted(doses), options, strict=True)
    ]
    assert _outcome(lambda: read.read_step_doses(steps, WATER.limits, protocol=protocol)) == (
        _outcome(lambda: _old_step_doses(steps, protocol))
    )


@settings(max_examples=200, deadline=None)
@given(dose=_mg(3), conc=st.sampled_from(["0.5", "1", "5"]))
def test_the_syringe_looked_up_is_the_one_measured(dose: Qty, conc: str) -> None:
    concentration = Quantity(Decimal(conc), MG_PER_ML)
    volume = converted(dose / concentration, ML)
    catalog = LIBRARY.catalog
    found = exact_measure(volume, catalog, Decimal(5))
    for _ in range(2):  # measured, then looked up
        syringe, reliable = liquid._measured(dose, concentration, catalog, Decimal(5))
        assert syringe is (None if found is None else found.syringe)
        assert reliable is (found is not None and found.syringe.reliable(volume))


def test_a_plan_reads_no_dose_again_unless_it_warns_or_refuses(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # issue 11: each step's dose was formatted and parsed again to check it (5 steps: 7 reads)
    calls: list[object] = []

    def counted(value: object, **options: object) -> object:
        calls.append(value)
        return read_dose(value, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(read, "read_dose", counted)
    plan = {"start": "0.5mg", "step": "1mg", "every": "7d", "target": "4.5mg"}
    titrate(**plan, start_date=MONDAY)
    titrate(**plan, form="capsule", start_date=MONDAY)
    assert calls == []
    # 0.25 mg is below the usual range: read_dose reads it, and warns, once as --start and
    # once as the first step
    result = titrate(**{**plan, "start": "0.25mg"}, form="capsule", start_date=MONDAY)
    assert calls == ["0.25mg", "0.25mg"]
    assert [w.code for w in result.warnings if isinstance(w, Message)] == ["dose-below-usual-range"]


# --------------------------------------------------------------------------------------------
# Results built without validation are what validation builds
# --------------------------------------------------------------------------------------------

PLANS = [
    {"protocol": protocol, "form": form}
    for protocol in ("ldnrt-weekly", "ldnrt-fortnightly", "three-step-1-5mg")
    for form in ("liquid", "capsule")
] + [
    {"start": "0.5mg", "step": "1mg", "every": "7d", "target": "4.5mg"},
    {"start": "0.5mg", "step": "0.25mg", "every": "14d", "target": "3mg",
     "concentration": "5mg/mL"},
    {"start": "1mg", "step": "0.5mg", "every": "7d", "target": "4.5mg", "form": "capsule",
     "maintenance_days": "200", "formulation": "ldn-capsule-tablets-mcc"},
    {"protocol": "ldnrt-weekly", "formulation": "ldn-liquid-preserved"},
]  # fmt: skip


def _validated(model: TitrationResult | Fill | ScheduleStep) -> object:
    """``model`` built again from the fields it was given, with validation."""
    return type(model)(**{name: getattr(model, name) for name in model.model_fields_set})


@pytest.mark.parametrize("options", PLANS, ids=lambda o: "-".join(map(str, o.values())))
def test_a_result_is_what_validation_would_build(options: dict[str, str]) -> None:
    result = titrate(**options, start_date=MONDAY)
    models: list[TitrationResult | Fill | ScheduleStep] = [result, *result.fills, *result.schedule]
    for model in models:
        again = _validated(model)
        assert again == model
        assert repr(again) == repr(model)
        assert again.model_fields_set == model.model_fields_set  # type: ignore[attr-defined]
    assert result.start_date == date.fromisoformat(MONDAY)


def test_a_kept_figure_is_never_one_of_an_edited_record(tmp_path: Path) -> None:
    # the figures kept between plans (the record's name and BUD, a fill's ingredients) are
    # kept per record object: a record edited in place is read again into a new object
    source = (builtin_folder() / "ldn-liquid-water.toml").read_text(encoding="utf-8")
    path = tmp_path / "ldn-liquid-house.toml"
    path.write_text(source.replace('id = "ldn-liquid-water"', 'id = "ldn-liquid-house"'), "utf-8")
    options = {"protocol": "ldnrt-weekly", "start_date": MONDAY}
    house = {"formulation": "ldn-liquid-house", "formulations_dir": tmp_path}
    before = titrate(**options, **house)
    assert before.formulation.name.endswith("(purified water)")
    assert before.fills[0].ingredients[-1].name == "Purified water"
    edited = source.replace('id = "ldn-liquid-water"', 'id = "ldn-liquid-house"')
    edited = edited.replace("(purified water)", "(house water)")
    edited = edited.replace('name = "Purified water"', 'name = "House water"')
    path.write_text(edited, encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    after = titrate(**options, **house)
    assert after.formulation.name.endswith("(house water)")
    assert after.fills[0].ingredients[-1].name == "House water"
    assert [f.ingredients[-1].name for f in titrate(**options).fills] == ["Purified water"] * 5
