"""The layers of ldncalc, as pyproject.toml's import contract states them, hold.

``lint-imports`` (import-linter) reads the contracts in ``[tool.importlinter]``: each module
imports only from the layers below its own, only the command line imports typer, the engine
never imports words, screens, documents or the command line, and nothing imports the package
``__init__``. Run here so that ``python -m pytest`` checks it as CI does.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def lint_imports(root: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` on the package ``ldncalc`` found in ``root``, with its pyproject.toml."""
    # the script beside this Python (the project's venv), else the one on PATH
    script = Path(sys.executable).with_name("lint-imports")
    found = str(script) if script.exists() else shutil.which("lint-imports")
    if found is None:
        pytest.fail("lint-imports is missing: pip install -e '.[test]' installs import-linter")
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [found, "--no-cache"], cwd=root, env=env, capture_output=True, text=True, check=False
    )


def test_the_layer_contract_is_kept() -> None:
    run = lint_imports()
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 broken" in run.stdout
    for contract in (
        "ldncalc is layered",
        "Only the command line imports typer",
        "The engine never imports",
        "No module of ldncalc imports the package itself",
    ):
        assert status(run.stdout, contract) == "KEPT"


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        # the unit parser reaching up to the command line
        ("units.py", "import ldncalc.cli", "ldncalc is layered"),
        # the engine writing words
        ("titration/schedule.py", "import ldncalc.render", "The engine never imports"),
        # the engine printing its own screen or calendar (they live above it)
        ("titration/plan.py", "import ldncalc.screen.titration", "The engine never imports"),
        ("titration/schedule.py", "import ldncalc.labels.calendar", "The engine never imports"),
        # loading records reaching up to the titration's protocols (the folder check does)
        ("formulations.py", "import ldncalc.titration.protocols", "ldncalc is layered"),
        # a renderer printing with typer
        ("render.py", "import typer", "Only the command line imports typer"),
        # the version read from the package __init__ again
        ("labels/content.py", "from ldncalc import __version__", "No module of ldncalc"),
    ],
)
def test_the_contract_catches_an_import_that_breaks_it(
    tmp_path: Path, module: str, line: str, broken: str
) -> None:
    copy = tmp_path / "ldncalc"
    shutil.copytree(ROOT / "ldncalc", copy, ignore=shutil.ignore_patterns("__pycache__", "*.ttf"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = copy / module
    target.write_text(f"{line}  # noqa\n" + target.read_text(encoding="utf-8"), encoding="utf-8")
    run = lint_imports(tmp_path)
    assert run.returncode == 1, run.stdout + run.stderr
    assert status(run.stdout, broken) == "BROKEN"


def status(output: str, contract: str) -> str:
    """KEPT or BROKEN, as lint-imports reports the contract whose name starts ``contract``
    (a long name wraps over two lines)."""
    found = re.search(re.escape(contract) + r".*?\b(KEPT|BROKEN)\b", " ".join(output.split()))
    assert found is not None, output
    return found.group(1)


# What a plain `ldncalc liquid --target 4.5mg` does not import: each was found in its start-up
# (python -X importtime, cProfile) and is imported only where it is used, so that the start-up
# stays within 1.3 times `python -c "import pint, pydantic, typer"` (issue 10, "Keep";
# bench/run.py section 1).
NOT_AT_START_UP = (
    "ldncalc.locale.phrases",  # every fixed phrase of a label and a record (~6 ms)
    "ldncalc.preparations.capsule.compute",  # was read for a capsule record's default overage
    "ldncalc.preparations.capsule.certificate",
    "ldncalc.formulations_check",
    "ldncalc.titration",
    "ldncalc.screen",
    "ldncalc.labels",
    "ldncalc.issuing",
    "ldncalc.log",
    "ldncalc.schema",
    "babel.dates",  # French dates: a French reader's
    "fpdf",
)


def test_a_plain_liquid_imports_only_what_it_uses() -> None:
    probe = (
        "import contextlib, io, sys\n"
        "from ldncalc.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['liquid', '--target', '4.5mg']) == 0\n"
        f"lazy = {NOT_AT_START_UP!r}\n"
        "print(sorted(m for m in sys.modules if any(\n"
        "    m == name or m.startswith(name + '.') for name in lazy)))\n"
    )
    assert python(probe)[-1] == "[]"


def test_the_modules_the_words_registry_skips_register_no_words() -> None:
    # ldncalc.locale imports every module of its package on the first message rendered, but
    # those it knows hold no codes (the phrase tables): a code written there would be missing
    probe = (
        "import importlib, sys\n"
        "import ldncalc.locale as words\n"
        "found = words.codes()\n"
        "skipped = sorted(words._NO_WORDS)\n"
        "assert not any(f'ldncalc.locale.{m}' in sys.modules for m in skipped), skipped\n"
        "for module in skipped:\n"
        "    importlib.import_module(f'ldncalc.locale.{module}')\n"
        "print(skipped, words.codes() == found)\n"
    )
    assert python(probe) == ["['phrases'] True"]


def test_the_engine_computes_without_the_words() -> None:
    # errors and messages import ldncalc.locale inside the methods that render them (the two
    # imports the contract tolerates): computing a liquid, a capsule batch and a titration,
    # warnings, notes and steps included, imports no words until a reader asks for text
    probe = (
        "import sys\n"
        "from ldncalc.preparations.capsule import capsule\n"
        "from ldncalc.preparations.liquid import liquid\n"
        "from ldncalc.titration import titrate\n"
        "results = [liquid(target='0.5mg', days=90), capsule(strength='4.5mg', quantity=30),\n"
        "           titrate(protocol='ldnrt-weekly')]\n"
        "assert all(r.warnings or r.notes for r in results)\n"
        "print(sorted(m for m in sys.modules if m.startswith('ldncalc.locale')))\n"
        "results[0].warnings[0].text()\n"
        "print('ldncalc.locale.liquid' in sys.modules)\n"
    )
    assert python(probe) == ["[]", "True"]


def python(code: str) -> list[str]:
    """The lines ``code`` prints, run in a fresh Python (nothing imported yet)."""
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    return run.stdout.splitlines()
