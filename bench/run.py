"""ldncalc's figures, measured in one run on this machine (issue: speed).

    python bench/run.py [--runs 31] [--windows 20]

Every row of issue 11's table, as ratios where the machine's speed would otherwise hide the
result:

1. Start-up: the median wall time of `ldncalc liquid --target 4.5mg` and of
   `python -c "import pint, pydantic, typer"` (the dependencies alone), run alternately so
   that both see the same machine load, and their ratio (target: at most 1.3); the same for
   the smallest typer program with one pydantic model, the least a program on these
   dependencies pays beyond importing them (``import pydantic`` alone loads none of its model
   machinery, and typer builds a pydantic TypeAdapter for each option); and, from an
   instrumented process run alongside, roughly where ldncalc's extra time goes. Then the
   same command with a pharmacy folder of 500 records (``LDNCALC_FORMULATIONS``) against the
   dependencies (target: at most 1.5).
2. Library throughput on one core, the best of short windows: `liquid()` and `capsule()`
   results a second (target: at least 20,000 each), `titrate()` plans of five steps a second
   (target: at least 2,000), one label and one compounding record as PDF a second (targets:
   200 and 50), and `liquid()` with a `formulations_dir` of 500 records against none, as a
   ratio of their rates (target: at most 1.1).

Machines here are shared and noisy: compare the ratio, not the absolute times. Both commands
run with their .pyc files written, as after a wheel install (pip compiles them), even where
PYTHONDONTWRITEBYTECODE is set: otherwise ldncalc alone is compiled from source on every run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def wall_time(command: list[str], env: dict[str, str] = ENV) -> float:
    start = time.perf_counter()
    subprocess.run(
        command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    return time.perf_counter() - start


# The least any typer and pydantic program pays beyond importing them, for comparison: a
# command with one option (typer builds a pydantic TypeAdapter for it), in a group of two as
# ldncalc's commands are, and one pydantic model; set up as ldncalc's console script is (no
# plugins, no cyclic garbage collection).
_FLOOR = """
import gc, os
os.environ["PYDANTIC_DISABLE_PLUGINS"] = "1"
gc.disable()
import pint, pydantic, typer
class Result(pydantic.BaseModel):
    target: str
app = typer.Typer(add_completion=False)
@app.command()
def liquid(target: str = typer.Option(...)) -> None:
    print(Result(target=target))
@app.command()
def capsule() -> None: ...
app(["liquid", "--target", "4.5mg"], standalone_mode=False)
gc.freeze()
"""


def ldncalc_script() -> str:
    script = shutil.which("ldncalc", path=str(Path(sys.executable).parent)) or shutil.which(
        "ldncalc"
    )
    if script is None:
        sys.exit("bench: the ldncalc command is not installed in this environment")
    return script


def startup(runs: int) -> tuple[float, float, float, list[float]]:
    app = [ldncalc_script(), "liquid", "--target", "4.5mg"]
    deps = [sys.executable, "-c", "import pint, pydantic, typer"]
    floor = [sys.executable, "-c", _FLOOR]
    for command in (app, deps, floor):
        wall_time(command)  # warm the file cache and the .pyc files once
    app_times, dep_times, floor_times, step_times = [], [], [], []
    for _ in range(runs):
        app_times.append(wall_time(app))
        dep_times.append(wall_time(deps))
        floor_times.append(wall_time(floor))
        step_times.append(steps())
    medians = [statistics.median(step) for step in zip(*step_times, strict=True)]
    return (
        statistics.median(app_times),
        statistics.median(dep_times),
        statistics.median(floor_times),
        medians,
    )


# One process that does what `ldncalc liquid --target 4.5mg` does, step by step, timing each
# step after the dependencies are imported (as ldncalc.console.run does: no pydantic plugins, no
# cyclic garbage collection).
_STEPS = """
import gc, io, os, sys, time
os.environ["PYDANTIC_DISABLE_PLUGINS"] = "1"
gc.disable()
import pint, pydantic, typer
t0 = time.perf_counter()
from pydantic import BaseModel
class M(BaseModel):
    a: int
M(a=1)
t1 = time.perf_counter()
import ldncalc.cli, ldncalc.preparations.liquid, ldncalc.render
t2 = time.perf_counter()
ldncalc.preparations.liquid.liquid(target="4.5mg")
t3 = time.perf_counter()
sys.stdout = io.StringIO()
ldncalc.cli.main(["liquid", "--target", "4.5mg"])
t4 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t2, t4 - t3, file=sys.stderr)
"""


def steps() -> list[float]:
    """Seconds of: pydantic's models and schema machinery (``import pydantic`` alone is lazy),
    ldncalc's modules and unit registry, the first ``liquid()`` (formulation files, schemas),
    and the CLI around it (building the command, parsing, rendering)."""
    done = subprocess.run(
        [sys.executable, "-c", _STEPS], check=True, capture_output=True, text=True, env=ENV
    )
    return [float(x) for x in done.stderr.split()]


def throughput(call: Callable[[], object], windows: int = 20, seconds: float = 0.25) -> float:
    """Results per second in the best of ``windows`` short windows (as timeit advises: the
    fastest window is the one least disturbed by other work on a shared machine)."""
    call()  # load formulations and build models once, as a long-running system would
    best = 0.0
    for _ in range(windows):
        count, start = 0, time.perf_counter()
        while (elapsed := time.perf_counter() - start) < seconds:
            call()
            count += 1
        best = max(best, count / elapsed)
    return best


def pharmacy_folder(where: Path, records: int = 500) -> Path:
    """A formulations folder of ``records`` liquid records (copies of a built-in one under
    ids of their own), as a pharmacy with many preparations might keep."""
    from ldncalc.formulations import builtin_folder

    text = (builtin_folder() / "ldn-liquid-preserved.toml").read_text(encoding="utf-8")
    for number in range(records):
        own = text.replace('id = "ldn-liquid-preserved"', f'id = "pharmacy-{number:03}"', 1)
        (where / f"pharmacy-{number:03}.toml").write_text(own, encoding="utf-8")
    return where


def startup_with_folder(folder: Path, runs: int) -> tuple[float, float]:
    """Median wall times of `ldncalc liquid --target 4.5mg` with ``folder`` in effect and of
    importing the dependencies, run alternately."""
    app = [ldncalc_script(), "liquid", "--target", "4.5mg"]
    deps = [sys.executable, "-c", "import pint, pydantic, typer"]
    env = {**ENV, "LDNCALC_FORMULATIONS": str(folder)}
    wall_time(app, env)
    app_times, dep_times = [], []
    for _ in range(runs):
        app_times.append(wall_time(app, env))
        dep_times.append(wall_time(deps))
    return statistics.median(app_times), statistics.median(dep_times)


def titrate_rate(windows: int) -> float:
    """`titrate()` plans a second: bench/titrate.py's figure where it exists, else a plan of
    five steps (1 to 5 mg, a step a week) timed here the same way."""
    try:
        from titrate import throughput as titrate_throughput  # bench/titrate.py
    except ImportError:
        from ldncalc import titrate

        return throughput(
            lambda: titrate(start="1mg", step="1mg", every="7d", target="5mg"), windows
        )
    return float(titrate_throughput())


def documents() -> tuple[Callable[[], bytes], Callable[[], bytes]]:
    """One label and one compounding record as PDF, of a 4.5 mg liquid."""
    from ldncalc import liquid
    from ldncalc.labels import render_label, render_record
    from ldncalc.prescriptions import prescription
    from ldncalc.profile import Profile

    result = liquid(target="4.5mg")
    details = prescription(patient="Jane Doe", prescriber="Dr. Ann Smith", rx="1234567")
    pharmacy = Profile(
        name="Main Street Compounding Pharmacy",
        address=("12 Main Street", "Springfield, ON K1A 0B1"),
        phone="613-555-0100",
        pharmacist="A. Martin, RPh",
    )
    return (
        lambda: render_label(result, details, pharmacy, "pdf"),
        lambda: render_record(result, details, pharmacy, "pdf"),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=31, help="start-up runs of each command")
    parser.add_argument("--windows", type=int, default=20, help="throughput windows of 0.25 s")
    args = parser.parse_args()

    from ldncalc import capsule, liquid

    app, deps, floor, (models, modules, first, cli) = startup(args.runs)
    print(f"start-up, median of {args.runs} runs")
    print(f"  ldncalc liquid --target 4.5mg             {app * 1000:7.1f} ms")
    print(f"  python -c 'import pint, pydantic, typer'  {deps * 1000:7.1f} ms")
    print(f"  ratio                                     {app / deps:7.2f}     (target ≤ 1.3)")
    print(
        f"  for comparison, a typer command of one option with one pydantic model: "
        f"{floor * 1000:.1f} ms, ratio {floor / deps:.2f}"
    )
    # the steps are timed one after another in another process (_STEPS): where the time goes,
    # not parts that add up to the difference (the first model there also pays for pydantic's
    # schema machinery, which the baseline's typer has partly imported)
    print(
        f"  extra {(app - deps) * 1000:.0f} ms; timed step by step in one process: pydantic's "
        f"first model {models * 1000:.0f}, ldncalc's modules {modules * 1000:.0f}, the first "
        f"liquid() {first * 1000:.0f}, the command line around it {cli * 1000:.0f}"
    )
    with tempfile.TemporaryDirectory() as where:
        folder = pharmacy_folder(Path(where))
        runs = max(args.runs // 3, 5)
        with_folder, deps_again = startup_with_folder(folder, runs)
        print(
            f"  with 500 records in LDNCALC_FORMULATIONS  {with_folder * 1000:7.1f} ms, ratio "
            f"{with_folder / deps_again:.2f}  (target ≤ 1.5; median of {runs})"
        )
        windows = args.windows
        plain = throughput(lambda: liquid(target="4.5mg"), windows)
        folder_rate = throughput(lambda: liquid(target="4.5mg", formulations_dir=folder), windows)
    rate_capsule = throughput(lambda: capsule(strength="4.5mg", quantity=30), windows)
    rate_titrate = titrate_rate(windows)
    label, record = documents()
    rate_label = throughput(label, max(windows // 2, 3))
    rate_record = throughput(record, max(windows // 2, 3))
    print("library throughput, one core, best of short windows")
    print(f"  liquid(target='4.5mg')                  {plain:9,.0f}/s  (target ≥ 20,000)")
    print(f"  capsule(strength='4.5mg', quantity=30)  {rate_capsule:9,.0f}/s  (target ≥ 20,000)")
    print(f"  titrate(), 5 steps                      {rate_titrate:9,.0f}/s  (target ≥ 2,000)")
    print(f"  label as PDF                            {rate_label:9,.0f}/s  (target ≥ 200)")
    print(f"  compounding record as PDF               {rate_record:9,.0f}/s  (target ≥ 50)")
    print(
        f"  liquid() with a 500-record folder       {folder_rate:9,.0f}/s, none ÷ folder "
        f"{plain / folder_rate:.2f}  (target ≤ 1.1)"
    )


if __name__ == "__main__":
    main()
