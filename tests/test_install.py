"""The wheel works on its own (issue 2 §1, §8): built from this checkout, installed
non-editable into a fresh venv, and run from outside the repository it finds every built-in
formulation (they ship inside the wheel as ``ldncalc/_formulations``) and its label fonts.
The wheel and the sdist carry the LICENSE; the lowest versions of the dependencies that
pyproject.toml declares are installed and run (issue 10 §6)."""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
import subprocess
import sys
import tarfile
import tomllib
import venv
import zipfile
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


def run_in(
    argv: list[str], cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``argv`` run in ``cwd`` (a clean environment unless ``env``), its output captured."""
    return subprocess.run(
        argv,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=clean_env() if env is None else env,
        timeout=300,
        check=False,
    )


def pip(python: Path | str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_in([str(python), "-m", "pip", "--disable-pip-version-check", *args], cwd)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel of this checkout."""
    work = tmp_path_factory.mktemp("wheel")
    # hatchling is the build backend; build without isolation when it is already here (no
    # network needed for the build itself), else let pip fetch it
    isolation = [] if importlib.util.find_spec("hatchling") is None else ["--no-build-isolation"]
    built = pip(
        sys.executable, "wheel", "--no-deps", *isolation, "-w", str(work), str(ROOT), cwd=work
    )
    assert built.returncode == 0, built.stdout + built.stderr
    (found,) = work.glob("ldncalc-*.whl")
    return found


def fresh_venv(work: Path, *requirements: str) -> Path:
    """The ``bin`` folder of a new venv in ``work`` with ``requirements`` installed."""
    env_dir = work / "venv"
    venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    done = pip(bin_dir / "python", "install", *requirements, cwd=work)
    if done.returncode != 0 and any(s in done.stdout + done.stderr for s in NETWORK_FAILURES):
        pytest.skip(f"pip cannot reach a package index for pint/pydantic/typer: {done.stderr}")
    assert done.returncode == 0, done.stdout + done.stderr
    return bin_dir


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``bin`` folder of a fresh venv with the wheel of this checkout installed."""
    work = tmp_path_factory.mktemp("install")
    bin_dir = fresh_venv(work, str(wheel))
    env_dir = bin_dir.parent
    # non-editable: the package is inside the venv, not this checkout
    where = run_python(bin_dir, "import ldncalc; print(ldncalc.__file__)", cwd=work)
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()).is_relative_to(env_dir), where.stdout
    return bin_dir


def run_python(bin_dir: Path, code: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``python -c code args`` of the venv of ``bin_dir``."""
    return run_in([str(bin_dir / "python"), "-c", code, *args], cwd)


def ldncalc(bin_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_in([str(bin_dir / "ldncalc"), *args], cwd)


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


def pdf_label(bin_dir: Path, cwd: Path) -> None:
    """A PDF label and record, from a profile written by ``config init``: the fonts and
    fpdf2 at work."""
    env = clean_env() | {"XDG_CONFIG_HOME": str(cwd / "config")}
    env.pop("LDNCALC_CONFIG_DIR", None)
    for command in (
        'config init --name "Main Street Pharmacy" --address "12 Main St" --phone 555-0100',
        "liquid --target 4.5mg --label label.pdf --record record.pdf --patient 'Jane Doe' "
        "--prescriber 'Dr. Ann Smith' --rx 1234567",
    ):
        done = run_in([str(bin_dir / "ldncalc"), *shlex.split(command)], cwd, env)
        assert done.returncode == 0, done.stderr
    # the profile went to the XDG folder, as platformdirs finds it
    assert (cwd / "config" / "ldncalc" / "pharmacy.toml").is_file()
    for name in ("label.pdf", "record.pdf"):
        assert (cwd / name).read_bytes().startswith(b"%PDF-")


def test_installed_wheel_prints_labels_with_its_own_fonts(installed: Path, tmp_path: Path) -> None:
    pdf_label(installed, tmp_path)


def test_installed_wheel_reads_its_data_through_importlib_resources(
    installed: Path, tmp_path: Path
) -> None:
    code = (
        "from importlib import resources; from pathlib import Path\n"
        "from ldncalc.formulations import builtin_folder\n"
        "from ldncalc.fonts import REGULAR\n"
        "assert builtin_folder() == resources.files('ldncalc') / '_formulations'\n"
        "assert REGULAR == resources.files('ldncalc.labels') / 'fonts' / 'DejaVuSans.ttf'\n"
        "assert REGULAR.is_file(), REGULAR\n"
    )
    done = run_python(installed, code, cwd=tmp_path)
    assert done.returncode == 0, done.stderr


def test_bundled_data_is_never_found_from_a_module_file() -> None:
    """``Path(__file__)`` arithmetic breaks where the package is not a folder next to its data
    (a zip, a frozen app): bundled data is asked of importlib.resources."""
    found = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "ldncalc").rglob("*.py")
        if "__file__" in path.read_text(encoding="utf-8")
    ]
    assert found == []


def test_installed_wheel_prints_its_version(installed: Path, wheel: Path, tmp_path: Path) -> None:
    version = wheel.name.split("-")[1]
    done = ldncalc(installed, "--version", cwd=tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (0, f"ldncalc {version}\n", "")


def test_wheel_and_sdist_carry_the_license(wheel: Path, tmp_path: Path) -> None:
    license_text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert license_text.startswith("MIT License")
    with zipfile.ZipFile(wheel) as archive:
        (name,) = [n for n in archive.namelist() if re.fullmatch(r"[^/]+\.dist-info/.*LICENSE", n)]
        assert archive.read(name).decode("utf-8") == license_text
        metadata = archive.read(name.split("/")[0] + "/METADATA").decode("utf-8")
    assert "License-Expression: MIT" in metadata or "License: MIT" in metadata
    # the sdist, built by the same backend through its PEP 517 hook
    bin_dir = fresh_venv(tmp_path, "hatchling")
    code = "import sys; from hatchling.build import build_sdist; print(build_sdist(sys.argv[1]))"
    done = run_python(bin_dir, code, str(tmp_path), cwd=ROOT)
    assert done.returncode == 0, done.stderr
    sdist = tmp_path / done.stdout.strip()
    with tarfile.open(sdist) as archive:
        names = archive.getnames()
        (member,) = [n for n in names if n.endswith("/LICENSE") and n.count("/") == 1]
        extracted = archive.extractfile(member)
        assert extracted is not None
        assert extracted.read().decode("utf-8") == license_text


def release(version: str) -> tuple[int, ...]:
    """``2.7`` and ``2.7.0`` alike: the numbers without trailing zeros."""
    numbers = [int(part) for part in version.split(".")]
    while numbers and numbers[-1] == 0:
        numbers.pop()
    return tuple(numbers)


def floor_pins() -> list[str]:
    """Every dependency of pyproject.toml at the lowest version it declares (``>=`` as ``==``)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = []
    for requirement in project["dependencies"]:
        name, floor = re.fullmatch(r"([A-Za-z0-9_.-]+)>=([0-9.]+)", requirement).groups()
        pins.append(f"{name}=={floor}")
    return pins


def test_the_declared_dependency_floors_work(wheel: Path, tmp_path: Path) -> None:
    """The lowest versions pyproject.toml allows, installed together (what they need in turn
    at its newest), run the main job, an error, help, the version and a PDF label."""
    pins = floor_pins()
    assert {p.split("==")[0] for p in pins} == {
        "pint",
        "pydantic",
        "typer",
        "fpdf2",
        "fonttools",
        "platformdirs",
        "python-barcode",
        "biip",
        "babel",
        "fhir.resources",  # --fhir and batch orders from FHIR (issue 13)
        "icalendar",  # titrate --ics (issue 13)
        "rich",  # the batch progress bar (issue 13)
    }
    bin_dir = fresh_venv(tmp_path, str(wheel), *pins)
    frozen = pip(bin_dir / "python", "list", "--format", "freeze", cwd=tmp_path).stdout
    installed = dict(line.lower().split("==") for line in frozen.split())
    for pin in pins:
        name, floor = pin.split("==")
        assert release(installed[name.lower()]) == release(floor), frozen
    done = ldncalc(bin_dir, "liquid", "--target", "4.5mg", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "4.5 mg = 4.5 mL" in done.stdout
    done = ldncalc(bin_dir, "liquid", "--target", "4,5mg", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == 'ldncalc: --target: "4,5mg" uses a decimal comma; write 4.5mg\n'
    done = ldncalc(bin_dir, "liquid", "--bogus", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith("ldncalc: No such option")
    assert done.stderr.endswith("(see 'ldncalc liquid --help')\n")
    done = ldncalc(bin_dir, "capsule", "-h", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Example:" in done.stdout
    assert ldncalc(bin_dir, "--version", cwd=tmp_path).stdout.startswith("ldncalc ")
    pdf_label(bin_dir, tmp_path)
