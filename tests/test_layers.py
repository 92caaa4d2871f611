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
