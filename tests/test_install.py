"""The wheel works on its own (issue 2 §1, §8): built from this checkout, installed
non-editable into a fresh venv, and run from outside the repository it finds every built-in
formulation (they ship inside the wheel as ``ldncalc/_formulations``)."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUILTIN_IDS = (
    "ldn-capsule-api-mcc",
    "ldn-capsule-tablets-mcc",
    "ldn-liquid-preserved",
    "ldn-liquid-water",
)
NETWORK_FAILURES = (
    "Could not find a version that satisfies",
    "No matching distribution found",
    "Failed to establish a new connection",
    "Temporary failure in name resolution",
    "Network is unreachable",
    "ConnectTimeoutError",
)

pytestmark = pytest.mark.slow


def clean_env() -> dict[str, str]:
    """The environment of a person on a fresh shell: no pharmacy folder, no venv, no colour."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("LDNCALC_FORMULATIONS", "PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")
    }
    env["NO_COLOR"] = "1"
    return env


def pip(python: Path | str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(python), "-m", "pip", "--disable-pip-version-check", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=clean_env(),
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``bin`` folder of a fresh venv with the wheel of this checkout installed."""
    work = tmp_path_factory.mktemp("install")
    wheels = work / "wheels"
    # hatchling is the build backend; build without isolation when it is already here (no
    # network needed for the build itself), else let pip fetch it
    isolation = [] if importlib.util.find_spec("hatchling") is None else ["--no-build-isolation"]
    built = pip(
        sys.executable, "wheel", "--no-deps", *isolation, "-w", str(wheels), str(ROOT), cwd=work
    )
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = wheels.glob("ldncalc-*.whl")

    env_dir = work / "venv"
    venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / "python"
    done = pip(python, "install", str(wheel), cwd=work)
    if done.returncode != 0 and any(s in done.stdout + done.stderr for s in NETWORK_FAILURES):
        pytest.skip(f"pip cannot reach a package index for pint/pydantic/typer: {done.stderr}")
    assert done.returncode == 0, done.stdout + done.stderr
    # non-editable: the package is inside the venv, not this checkout
    where = subprocess.run(
        [str(python), "-c", "import ldncalc; print(ldncalc.__file__)"],
        capture_output=True,
        text=True,
        cwd=work,
        env=clean_env(),
        check=True,
    )
    assert Path(where.stdout.strip()).is_relative_to(env_dir), where.stdout
    return bin_dir


def ldncalc(bin_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(bin_dir / "ldncalc"), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=clean_env(),
        timeout=60,
        check=False,
    )


def test_installed_wheel_runs_the_main_job_outside_the_repository(
    installed: Path, tmp_path: Path
) -> None:
    done = ldncalc(installed, "liquid", "--target", "4.5mg", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert "4.5 mg = 4.5 mL" in done.stdout
    assert "ldn-liquid-water" in done.stdout
    assert "/_formulations/" not in done.stderr


def test_installed_wheel_ships_every_builtin_formulation(installed: Path, tmp_path: Path) -> None:
    done = ldncalc(installed, "formulations", "list", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    listed = {line.split()[0] for line in done.stdout.splitlines()[1:] if line.strip()}
    assert set(BUILTIN_IDS) <= listed
    for record_id in BUILTIN_IDS:
        line = next(x for x in done.stdout.splitlines() if x.startswith(record_id + " "))
        assert "built-in" in line


def test_installed_wheel_reads_records_from_inside_the_package(
    installed: Path, tmp_path: Path
) -> None:
    done = ldncalc(
        installed, "capsule", "--strength", "4.5mg", "--quantity", "30", "--json", cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert '"path": ' in done.stdout
    assert str(ROOT / "formulations") not in done.stdout
    assert "_formulations" in done.stdout


def test_installed_wheel_refuses_bad_input_with_exit_code_2(
    installed: Path, tmp_path: Path
) -> None:
    done = ldncalc(installed, "liquid", "--target", "4,5mg", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == 'ldncalc: --target: "4,5mg" uses a decimal comma; write 4.5mg\n'
