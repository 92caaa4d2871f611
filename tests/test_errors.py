"""Errors are records rendered per surface (issue 10 §2): the library names ``target=``, the
command line ``--target``, and an error survives pickle and copy with its fields."""

from __future__ import annotations

import copy
import pickle
from collections.abc import Callable
from decimal import Decimal

import pytest

import ldncalc
from ldncalc.cli import main
from ldncalc.errors import InputError, LdnCalcError, UnsafeInputError
from ldncalc.units import Quantity


def _refusal(call: Callable[[], object]) -> LdnCalcError:
    with pytest.raises(LdnCalcError) as caught:
        call()
    return caught.value


@pytest.mark.parametrize(
    "twin",
    [lambda e: pickle.loads(pickle.dumps(e)), copy.copy, copy.deepcopy],
    ids=["pickle", "copy", "deepcopy"],
)
def test_an_error_with_a_quantity_value_survives_pickle_and_copy(
    twin: Callable[[LdnCalcError], LdnCalcError],
) -> None:
    # a library caller passes a pint Quantity of the wrong kind: a volume for a mass
    given = Quantity(Decimal("4.5"), "milliliter")
    error = _refusal(lambda: ldncalc.liquid(target=given))
    assert type(error) is InputError
    assert str(error) == 'target="4.5 milliliter": has unit milliliter; use mg, mcg or g'
    again = twin(error)
    assert type(again) is InputError
    assert again is not error
    assert str(again) == str(error)
    assert again.args == error.args == (str(error),)
    assert (again.code, again.parameter, again.option) == (
        "unit-not-accepted",
        "target",
        "--target",
    )
    assert again.value == given
    assert again.value.magnitude == Decimal("4.5")  # exact: still a Decimal, not a float
    assert isinstance(again.value.magnitude, Decimal)
    assert again.params == error.params
    cli = '--target: "4.5 milliliter" has unit milliliter; use mg, mcg or g'
    assert again.render(surface="cli") == cli


def test_a_deep_copy_does_not_share_the_quantity() -> None:
    given = Quantity(Decimal("4.5"), "milliliter")
    error = InputError("--target", given, "has unit milliliter", "use mg, mcg or g")
    again = copy.deepcopy(error)
    assert again.value == given
    assert again.value is not error.value


@pytest.mark.parametrize(
    ("call", "argv", "library", "cli"),
    [
        (
            lambda: ldncalc.liquid(target="4,5mg"),
            ["liquid", "--target", "4,5mg"],
            'target="4,5mg": uses a decimal comma; write 4.5mg',
            '--target: "4,5mg" uses a decimal comma; write 4.5mg',
        ),
        (
            # a hyphenated option: doses_per_day= in the library, --doses-per-day on the CLI
            lambda: ldncalc.liquid(target="4.5mg", doses_per_day="9"),
            ["liquid", "--target", "4.5mg", "--doses-per-day", "9"],
            'doses_per_day="9": is out of range; write a whole number from 1 to 4',
            '--doses-per-day: "9" is out of range; write a whole number from 1 to 4',
        ),
    ],
    ids=["target", "doses-per-day"],
)
def test_the_same_bad_input_names_the_keyword_in_the_library_and_the_option_on_the_cli(
    call: Callable[[], object],
    argv: list[str],
    library: str,
    cli: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    error = _refusal(call)
    assert isinstance(error, InputError | UnsafeInputError)
    assert str(error) == error.args[0] == library
    assert error.render(surface="cli") == cli
    assert error.option == cli.split(":", 1)[0]
    assert error.parameter == library.split("=", 1)[0]
    code = main(argv)
    captured = capsys.readouterr()
    assert (code, captured.out, captured.err) == (2, "", f"ldncalc: {cli}\n")


def test_a_place_reads_the_same_on_both_surfaces() -> None:
    # a file and field is not an input: neither --x nor x= fits it
    error = InputError("clinic.toml: schedule.step", "0mg", "is zero", "write e.g. 0.5mg")
    expected = 'clinic.toml: schedule.step: "0mg" is zero; write e.g. 0.5mg'
    assert str(error) == error.render(surface="cli") == expected
    assert error.option == error.parameter == "clinic.toml: schedule.step"
