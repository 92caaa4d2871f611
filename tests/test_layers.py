"""The layers of ldncalc, as pyproject.toml's import contract states them, hold.

``lint-imports`` (import-linter) reads the contracts in ``[tool.importlinter]``: each module
imports only from the layers below its own, only the command line imports typer, the engine
never imports words, screens, documents or the command line, and nothing imports the package
``__init__``. Run here so that ``python -m pytest`` checks it as CI does.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def lint_imports() -> subprocess.CompletedProcess[str]:
    # the script beside this Python (the project's venv), else the one on PATH
    script = Path(sys.executable).with_name("lint-imports")
    found = str(script) if script.exists() else shutil.which("lint-imports")
    if found is None:
        pytest.fail("lint-imports is missing: pip install -e '.[test]' installs import-linter")
    return subprocess.run(
        [found, "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
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
        assert contract in run.stdout
