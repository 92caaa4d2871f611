"""Every fix a refusal suggests is itself accepted (the project's rule 4).

The parser suggests what to write from the text alone (``1,000d``: write 1000d or 1d), not
knowing the option's range, the BUD or the other options; each preparation offers only the
suggestions it accepts, and when none is, says why the first is refused (its range)."""

from __future__ import annotations

import shlex
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ldncalc import LdnCalcError
from ldncalc.cli import main
from ldncalc.formatting import typed
from ldncalc.preparations.capsule import capsule
from ldncalc.preparations.cream import cream
from ldncalc.preparations.drops import drops
from ldncalc.preparations.liquid import liquid
from ldncalc.units import Quantity


def run(argv: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(shlex.split(argv))
    return code, capsys.readouterr().err.strip()


@pytest.mark.parametrize(
    ("argv", "line"),
    [
        # 1000 days is out of range (at most 365, and the BUD): only 1d is offered
        (
            "liquid --target 4.5mg --days 1,000",
            'ldncalc: --days: "1,000" has a comma, which can be a decimal or a thousands '
            "separator; write 1d",
        ),
        (
            "liquid --target 4.5mg --days 1,000 --lang fr",
            'ldncalc: --days: "1,000" a une virgule, qui peut être décimale ou séparer les '
            "milliers; écrivez 1d",
        ),
        # 1000 mg is not low-dose naltrexone: only 1mg
        (
            "liquid --target 1,000mg",
            'ldncalc: --target: "1,000mg" has a comma, which can be a decimal or a thousands '
            "separator; write 1mg",
        ),
        # 10.5 mg, the one reading, is above 10 mg: why, and the range
        (
            "liquid --target 10,5mg",
            'ldncalc: --target: "10,5mg" uses a decimal comma; "10.5mg" is above 10 mg: that is '
            "not low-dose naltrexone; write a dose up to 10 mg",
        ),
        (
            "liquid --target 10,5mg --lang fr",
            'ldncalc: --target: "10,5mg" utilise une virgule décimale; "10.5mg" est supérieur '
            "à 10 mg : ce n'est plus de la naltrexone à faible dose; écrivez une dose d'au plus "
            "10 mg",
        ),
        # 1000 doses a day: the range of --doses-per-day, not 1000
        (
            "liquid --target 4.5mg --doses-per-day 1,000",
            'ldncalc: --doses-per-day: "1,000" has a comma, which could be a thousands '
            "separator or a decimal comma; write a whole number from 1 to 4",
        ),
        # 1000 capsules is inside --quantity's range: still offered
        (
            "capsule --strength 4.5mg --quantity 1,000",
            'ldncalc: --quantity: "1,000" has a comma, which could be a thousands separator or '
            "a decimal comma; write 1000 without it",
        ),
        # drops keep 14 days (the BUD): 20 and 21 days are beyond it
        (
            "drops --target 1mg --drop-volume 0.05mL --days 20,5",
            'ldncalc: --days: "20,5" is not a whole number of days; "20" is beyond the BUD of '
            "14 days; give --days 14 or fewer",
        ),
        (
            "drops --target 1mg --drop-volume 0.05mL --days 13.5",
            'ldncalc: --days: "13.5" is not a whole number of days; write 13 or 14',
        ),
        # 1000 mL and 1 mL are no drop volumes
        (
            "drops --target 1mg --drop-volume 1,000mL",
            'ldncalc: --drop-volume: "1,000mL" has a comma, which can be a decimal or a '
            'thousands separator; "1000mL" is not a drop volume from 0.02 mL to 0.1 mL; give '
            "the volume of one drop of the dropper dispensed, as the pharmacy calibrated it (a "
            "USP medicine dropper: 20 drops of water per mL, 0.05mL)",
        ),
    ],
)
def test_a_refusal_suggests_only_what_is_accepted(
    argv: str, line: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(argv, capsys) == (2, line)


# Each preparation with its options that have a range, and inputs that are accepted
PREPARATIONS: dict[str, tuple[Callable[..., Any], dict[str, str], dict[str, str]]] = {
    # name: (function, accepted inputs, {option: the unit it is written in, "" a count})
    "liquid": (
        liquid,
        {"target": "4.5mg"},
        {"target": "mg", "days": "d", "doses_per_day": "", "tablet_strength": "mg",
         "balance_sensitivity": "mg", "concentration": "mg/mL"},
    ),
    "capsule": (
        capsule,
        {"strength": "4.5mg", "quantity": "30"},
        {"strength": "mg", "quantity": "", "overage": "%", "assay": "%",
         "balance_sensitivity": "mg", "doses_per_day": ""},
    ),
    "drops": (
        drops,
        {"target": "1mg", "drop_volume": "0.05mL"},
        {"target": "mg", "drop_volume": "mL", "days": "d", "drops": "",
         "doses_per_day": "", "balance_sensitivity": "mg"},
    ),
    "cream": (
        cream,
        {"strength": "10mg/g", "quantity": "30g"},
        {"quantity": "g", "dose": "g", "doses_per_day": "", "pump_volume": "mL"},
    ),
}  # fmt: skip
CHOICES = [(name, option) for name, (_, _, units) in PREPARATIONS.items() for option in units]


@st.composite
def doubtful(draw: st.DrawFn, unit: str) -> str:
    """Text the parser refuses with a suggestion: a comma, extra or missing zeros, a
    trailing point, a bare number."""
    whole = draw(st.integers(0, 1200))
    digits = draw(st.sampled_from(["5", "25", "000", "500", "050"]))
    shapes = [
        f"{whole},{digits}{unit}",  # a decimal comma, or a thousands separator
        f"{whole},{digits},000{unit}",  # thousands separators only
        f"0{whole}{unit}",  # an extra leading zero
        f"{whole}.{unit}",  # a trailing point
        f".{digits}{unit}",  # no leading zero
        f"{whole}.{digits}",  # no unit (a fraction of a count)
        f"{whole}",
        "abc",  # no number: an example is shown
    ]
    return draw(st.sampled_from(shapes))


def suggestions(error: LdnCalcError) -> list[str]:
    """What a refusal tells to write, as typed."""
    written = error.params.get("written")
    fixes = list(written) if isinstance(written, tuple | list) else [written]
    fixes += [error.params.get("digits"), error.params.get("example")]
    return [typed(f) if isinstance(f, Quantity) else str(f) for f in fixes if f is not None]


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(CHOICES), st.data())
@example(("liquid", "days"), "1,000")  # issue: "write 1000d or 1d", 1000 days out of range
@example(("liquid", "target"), "10,5mg")
@example(("liquid", "doses_per_day"), "1,000")
@example(("drops", "days"), "20,5")
@example(("drops", "drop_volume"), "1,000mL")
@example(("drops", "drop_volume"), "abc")  # was "write e.g. 100mL", no drop volume
def test_every_suggested_value_is_accepted_when_run_again(
    choice: tuple[str, str], data: st.DataObject | str
) -> None:
    name, option = choice
    calculate, inputs, units = PREPARATIONS[name]
    text = data if isinstance(data, str) else data.draw(doubtful(units[option]), label="text")
    try:
        calculate(**{**inputs, option: text})
    except LdnCalcError as error:
        if error.parameter != option:
            return
        for fix in suggestions(error):
            try:
                calculate(**{**inputs, option: fix})
            except LdnCalcError as again:
                # accepted for this option; another may then need changing (a pump of 0.3 mL
                # takes the 1 g dose in 3.33 pumps: --dose 0.9g is that refusal's own fix)
                refused = again.parameter == option
                message = str(again)
            else:
                refused, message = False, ""
            assert not refused, f"{option}={text!r} suggests {fix!r}: {message}"


@pytest.mark.parametrize(
    ("options", "line"),
    [
        # 1000 mg is no balance's sensitivity (0.001 mg to 100 mg): only 1mg
        (
            "--balance X --sensitivity 1,000mg",
            'ldncalc: --sensitivity: "1,000mg" has a comma, which can be a decimal or a '
            "thousands separator; write 1mg",
        ),
        (
            "--balance X --sensitivity 500,5mg",
            'ldncalc: --sensitivity: "500,5mg" uses a decimal comma; 500.5 mg is outside 0.001 '
            "mg to 100 mg, the range of a balance's sensitivity; give it in mg, e.g. 6mg",
        ),
        # the width alone, 4.5in, is no label size
        (
            "--label-size 4,5x2in",
            'ldncalc: --label-size: "4,5x2in" uses a decimal comma; "4.5in" is not a label size; '
            "write WIDTHxHEIGHT, e.g. 4x2in",
        ),
    ],
)
def test_config_init_suggests_only_what_it_accepts(
    options: str, line: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = tmp_path / "pharmacy.toml"
    argv = f"config init --name A --address B --phone 1 --pharmacy {profile} {options}"
    assert run(argv, capsys) == (2, line)
    assert not profile.exists()
