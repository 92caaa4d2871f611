"""The curated public API (issue 2, §7), kept honest like httpx's tests/test_exported_members.py:
``__all__`` is sorted and complete, every name resolves, and every error a library call
raises is an ``LdnCalcError`` that also is a builtin exception."""

from __future__ import annotations

import ast
import contextlib
import inspect
import os
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pint
import pytest
from hypothesis import example, given, settings
from pint.testing import assert_equal
from strategies import hostile_calls

import ldncalc
from ldncalc import (
    FormulationError,
    FormulationNotFoundError,
    InputError,
    LdnCalcError,
    LogAccessError,
    LogError,
    OutputError,
    Quantity,
    UnsafeInputError,
    capsule,
    liquid,
)


def test_all_is_sorted() -> None:
    assert ldncalc.__all__ == sorted(ldncalc.__all__)


def test_all_is_the_exported_names_and_the_version() -> None:
    assert set(ldncalc.__all__) == set(ldncalc._EXPORTS) | {"__version__"}
    assert len(ldncalc.__all__) == len(set(ldncalc.__all__))


@pytest.mark.parametrize("name", ldncalc.__all__)
def test_every_public_name_resolves(name: str) -> None:
    value = getattr(ldncalc, name)
    assert value is not None
    if name in ldncalc._EXPORTS:
        module = sys.modules[ldncalc._EXPORTS[name]]
        assert value is getattr(module, name)


def test_from_ldncalc_import_star_gives_every_public_name() -> None:
    namespace: dict[str, object] = {}
    exec("from ldncalc import *", namespace)
    assert set(namespace) - {"__builtins__"} == set(ldncalc.__all__)


def test_dir_lists_the_public_api() -> None:
    assert dir(ldncalc) == ldncalc.__all__


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match=r"^module 'ldncalc' has no attribute 'nope'$"):
        ldncalc.nope  # noqa: B018


def test_the_type_checking_imports_match_the_exports() -> None:
    """mypy sees the names through the ``if TYPE_CHECKING:`` imports; they must name the same
    modules as the lazy table, so the types checked are the objects returned."""
    tree = ast.parse(Path(inspect.getfile(ldncalc)).read_text(encoding="utf-8"))
    guarded = next(
        node
        for node in tree.body
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"
    )
    imported = {
        alias.name: node.module
        for node in guarded.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert imported == ldncalc._EXPORTS


def test_version_matches_the_package_metadata() -> None:
    from importlib.metadata import version

    assert ldncalc.__version__ == version("ldncalc")


def test_liquid_and_capsule_are_functions_even_after_their_modules_are_imported() -> None:
    # Regression: when the engine modules were named liquid.py and capsule.py, importing them
    # replaced the lazily exported functions ldncalc.liquid and ldncalc.capsule by the modules.
    code = (
        "import ldncalc.preparations.liquid, ldncalc.preparations.capsule\n"
        "from ldncalc import liquid, capsule\n"
        "import ldncalc\n"
        "assert callable(liquid) and callable(capsule), (liquid, capsule)\n"
        "assert ldncalc.liquid is liquid and ldncalc.capsule is capsule\n"
        "assert ldncalc.preparations.liquid.liquid is liquid\n"
        "assert ldncalc.preparations.capsule.capsule is capsule\n"
        "print(liquid.__name__, capsule.__name__)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == "liquid capsule\n"


# --- the error tree ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("error", "bases"),
    [
        (InputError, (LdnCalcError, ValueError)),
        (UnsafeInputError, (LdnCalcError, ValueError)),
        (FormulationError, (LdnCalcError, ValueError)),
        (FormulationNotFoundError, (FormulationError, LookupError)),
        (OutputError, (LdnCalcError, OSError)),
        (LogError, (LdnCalcError, ValueError)),
        (LogAccessError, (LdnCalcError, OSError)),
    ],
)
def test_every_error_is_an_ldncalc_error_and_a_builtin(
    error: type[Exception], bases: tuple[type[Exception], ...]
) -> None:
    assert error.__bases__ == bases
    assert issubclass(error, LdnCalcError)
    # a value refused is a ValueError; a file that could not be written is an OSError
    assert issubclass(error, OSError if error in (OutputError, LogAccessError) else ValueError)


def test_every_exported_exception_is_in_the_tree() -> None:
    exported = {
        name
        for name in ldncalc.__all__
        if isinstance(getattr(ldncalc, name), type)
        and issubclass(getattr(ldncalc, name), BaseException)
    }
    assert exported == {
        "FormulationError",
        "FormulationNotFoundError",
        "InputError",
        "LdnCalcError",
        "LogAccessError",
        "LogError",
        "OutputError",
        "UnsafeInputError",
    }
    assert LdnCalcError.__bases__ == (Exception,)
    for name in exported:
        assert name in (ldncalc.errors.__doc__ or "")  # the tree drawn in the module docstring


def test_the_message_is_built_in_one_place() -> None:
    error = InputError("--target", "4,5mg", code="decimal-comma", written=("4.5mg",))
    assert str(error) == 'target="4,5mg": uses a decimal comma; write 4.5mg'
    assert error.args == ('target="4,5mg": uses a decimal comma; write 4.5mg',)
    assert str(InputError("--target", "", code="empty", example="4.5mg")) == (
        "target=: is empty; write e.g. 4.5mg"
    )
    assert str(InputError("--target", None, code="empty", example="4.5mg")) == (
        "target=: is empty; write e.g. 4.5mg"
    )


def test_the_message_is_one_line_whatever_was_read() -> None:
    error = InputError("--target", "4.5\nmg\u200b", code="decimal-comma", written=("4.5mg",))
    assert str(error) == 'target="4.5\\nmg\\u200b": uses a decimal comma; write 4.5mg'


# --- library calls ----------------------------------------------------------------------------


def test_bad_text_raises_input_error_which_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="decimal comma") as caught:
        liquid(target="4,5mg")
    assert type(caught.value) is InputError
    assert str(caught.value) == 'target="4,5mg": uses a decimal comma; write 4.5mg'


@pytest.mark.parametrize(
    ("call", "error", "start"),
    [
        (lambda: liquid(target="4.5"), InputError, 'target="4.5": has no unit'),
        (lambda: liquid(target="4.5 cc"), InputError, 'target="4.5 cc": uses "cc"'),
        (lambda: liquid(target="50mg"), UnsafeInputError, 'target="50mg": '),
        (
            lambda: liquid(target="4.5mg", concentration="1mg"),
            InputError,
            'concentration="1mg": is a mass, not a concentration',
        ),
        (
            lambda: capsule(strength="4.5mg", quantity="30.0"),
            InputError,
            'quantity="30.0": is not a whole number; write 30',
        ),
        (lambda: capsule(strength="4.5mg", quantity=0), UnsafeInputError, 'quantity="0": '),
        (
            lambda: capsule(strength="4,5mg", quantity=30),
            InputError,
            'strength="4,5mg": uses a decimal comma; write 4.5mg',
        ),
        (
            lambda: liquid(target="4.5mg", formulation="nope"),
            FormulationNotFoundError,
            'formulation="nope": ',
        ),
    ],
)
def test_bad_library_input_raises_the_right_error(
    call: object, error: type[LdnCalcError], start: str
) -> None:
    assert callable(call)
    with pytest.raises(LdnCalcError) as caught:
        call()
    assert type(caught.value) is error
    assert isinstance(caught.value, ValueError)
    assert str(caught.value).startswith(start)
    assert "\n" not in str(caught.value)


def test_the_library_takes_text_or_quantities_of_any_registry() -> None:
    theirs = pint.UnitRegistry()
    from_text = liquid(target="4.5mg", concentration="1mg/mL")
    from_ours = liquid(
        target=ldncalc.Quantity(4.5, "milligram"),
        concentration=ldncalc.ureg.Quantity(1, "mg/mL"),
    )
    from_theirs = liquid(target=theirs.Quantity(4.5, "mg"), concentration=theirs("1 mg/mL"))
    for result in (from_ours, from_theirs):
        assert_equal(result.dose_volume, from_text.dose_volume)
        assert result.model_dump_json() == from_text.model_dump_json()


def test_no_public_name_is_also_a_submodule_name() -> None:
    # Importing a submodule sets it as an attribute of the package: a submodule named like a
    # lazily exported function (liquid.py, prescription.py) would replace the function.
    package = Path(inspect.getfile(ldncalc)).parent
    modules = {p.stem for p in package.glob("*.py")} | {
        p.name for p in package.iterdir() if p.is_dir()
    }
    assert not set(ldncalc.__all__) & modules


# --- every keyword of the public functions, given a value of the wrong type -----------------

_BASES: dict[str, dict[str, object]] = {
    "liquid": {"target": "4.5mg"},
    "capsule": {"strength": "4.5mg", "quantity": 30},
    "titrate": {"start": "0.5mg", "step": "0.5mg", "every": "14d", "target": "4.5mg"},
    "prescription": {},
}
# keywords that need other arguments to apply at all (else they are refused for that reason)
_WITH: dict[tuple[str, str], dict[str, object]] = {
    ("capsule", "tablet_weight"): {"source": "tablets"},
    ("capsule", "tablet_strength"): {"source": "tablets", "tablet_weight": "250mg"},
    ("titrate", "protocol"): {"start": None, "step": None, "every": None, "target": None},
}
_WRONG: dict[str, object] = {
    "None": None,
    "int": 7,
    "list": ["x"],
    "dict": {"x": 1},
    "nan": float("nan"),
    "bool": True,
}


def _wrong_type_cases() -> list[object]:
    import typing

    cases = []
    for function in ("liquid", "capsule", "titrate", "prescription"):
        signature = inspect.signature(getattr(ldncalc, function))
        hints = typing.get_type_hints(getattr(ldncalc, function))
        for name, parameter in signature.parameters.items():
            accepts = str(hints[name])
            for label, value in _WRONG.items():
                if label == "None" and parameter.default is None:
                    continue  # None is "not given"
                if label == "int" and "int" in accepts:
                    continue  # a count
                if label == "list" and "Iterable" in accepts:
                    continue  # a list of texts
                cases.append(pytest.param(function, name, value, id=f"{function}-{name}-{label}"))
    return cases


@pytest.mark.parametrize(("function", "name", "value"), _wrong_type_cases())
def test_a_wrong_type_for_any_keyword_is_an_input_error_naming_the_option(
    function: str, name: str, value: object
) -> None:
    kwargs = {**_BASES[function], **_WITH.get((function, name), {}), name: value}
    kwargs = {k: v for k, v in kwargs.items() if v is not None or k == name}
    with pytest.raises(InputError) as caught:
        getattr(ldncalc, function)(**kwargs)
    message = str(caught.value)
    # the library names the keyword (target=), not the CLI option (--target), and shows the
    # value as given
    assert message.startswith(f"{name}=: " if value is None else f'{name}="{value}": '), message
    assert "; " in message, message  # and what is accepted
    assert "\n" not in message


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        # each raised AttributeError or TypeError from inside ldncalc
        ({"salt": None}, "salt=: is None, not text; use one of hcl, hcl-dihydrate, base"),
        (
            {"size": 1},
            'size="1": is an int, not text; write the size as text, e.g. "1" '
            "(000, 00, 0, 1, 2, 3, 4, 5)",
        ),
        ({"source": 1}, 'source="1": is an int, not text; use api or tablets'),
        ({"filler": 1}, 'filler="1": is an int, not text; use mcc, mcc-ph301, lactose'),
        (
            {"formulation": ["x"]},
            "formulation=\"['x']\": is a list, not text; use one of: ldn-capsule-api-mcc, "
            "ldn-capsule-tablets-mcc, ldn-cream-xematop, ldn-drops-water, "
            "ldn-liquid-api-preserved, ldn-liquid-api-water, ldn-liquid-preserved, "
            "ldn-liquid-water",
        ),
        ({"doses_per_day": 2.0}, 'doses_per_day="2.0": is a float, not a whole number; write 2'),
        (
            {"quantity": True},
            'quantity="True": is a bool, not a whole number; write a whole number from 1 to 1,000',
        ),
    ],
)
def test_the_reviewed_wrong_types_say_what_the_option_takes(
    kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(InputError) as caught:
        capsule(**{"strength": "4.5mg", "quantity": 30, **kwargs})  # type: ignore[arg-type]
    assert str(caught.value) == message


# --- any value of any type for any argument (issue 9 §8) ------------------------------------


@pytest.fixture(scope="module")
def away_from_the_checkout(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Run in an empty folder: text such as "." given as a folder or a file names it."""
    cwd = Path.cwd()
    os.chdir(tmp_path_factory.mktemp("hostile"))
    yield
    os.chdir(cwd)


@pytest.mark.usefixtures("away_from_the_checkout")
@settings(max_examples=400, deadline=None)
@given(call=hostile_calls())
# each raised something other than an LdnCalcError before issue 9 §8
@example(call=("liquid", {"days": 10**5000}))  # ValueError (an int too long to be text)
@example(call=("capsule", {"fill_weight": "9" * 5000 + "mg"}))  # decimal.InvalidOperation
@example(call=("capsule", {"size": 10**5000}))  # ValueError
@example(call=("titrate", {"step": float("inf")}))  # OverflowError
@example(call=("titrate", {"form": Quantity(1e300, "mg")}))  # TypeError
@example(call=("titrate", {"maintenance_days": Quantity(1.5, "mg")}))  # TypeError
@example(call=("liquid", {"formulations_dir": "a" * 5000}))  # OSError (file name too long)
@example(call=("liquid", {"target": Quantity(Decimal("1E+999999"), "mg")}))
def test_any_value_for_any_argument_raises_only_ldncalc_errors(
    call: tuple[str, dict[str, object]],
) -> None:
    function, kwargs = call
    with contextlib.suppress(LdnCalcError):  # anything else fails the test
        getattr(ldncalc, function)(**{**_BASES.get(function, {}), **kwargs})
