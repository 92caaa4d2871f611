"""ldncalc's figures, measured in one run on this machine (issue: speed).

    python bench/run.py [--runs 31]

1. Start-up: the median wall time of `ldncalc liquid --target 4.5mg` and of
   `python -c "import pint, pydantic, typer"` (the dependencies alone), run alternately so
   that both see the same machine load, and their ratio (target: at most 1.3); the same for
   the smallest typer program with one pydantic model, the least a program on these
   dependencies pays beyond importing them (``import pydantic`` alone loads none of its model
   machinery, and typer builds a pydantic TypeAdapter for each option); and, from an
   instrumented process run alongside, roughly where ldncalc's extra time goes.
2. Library throughput: results per second of `liquid()` and `capsule()` on one core, the best
   of twenty 0.25 s windows (target: at least 2,000/s each).

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
import time
from pathlib import Path

ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def wall_time(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV
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


def startup(runs: int) -> tuple[float, float, float, list[float]]:
    script = shutil.which("ldncalc", path=str(Path(sys.executable).parent)) or shutil.which(
        "ldncalc"
    )
    if script is None:
        sys.exit("bench: the ldncalc command is not installed in this environment")
    app = [script, "liquid", "--target", "4.5mg"]
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


def throughput(call: object, windows: int = 20, seconds: float = 0.25) -> float:
    """Results per second in the best of ``windows`` short windows (as timeit advises: the
    fastest window is the one least disturbed by other work on a shared machine)."""
    assert callable(call)
    call()  # load formulations and build models once, as a long-running system would
    best = 0.0
    for _ in range(windows):
        count, start = 0, time.perf_counter()
        while (elapsed := time.perf_counter() - start) < seconds:
            call()
            count += 1
        best = max(best, count / elapsed)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=31, help="start-up runs of each command")
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
    # the rest: exit and garbage collection, below 0 where the baseline pays more of them
    rest = app - deps - models - modules - first - cli
    print(
        f"  extra {(app - deps) * 1000:.0f} ms ≈ pydantic models {models * 1000:.0f} + ldncalc "
        f"modules {modules * 1000:.0f} + first liquid() {first * 1000:.0f} + CLI {cli * 1000:.0f}"
        f" + exit, gc and the rest {rest * 1000:+.0f}"
    )
    rate_liquid = throughput(lambda: liquid(target="4.5mg"))
    rate_capsule = throughput(lambda: capsule(strength="4.5mg", quantity=30))
    print("library throughput, one core")
    print(f"  liquid(target='4.5mg')                  {rate_liquid:7,.0f}/s  (target ≥ 2,000)")
    print(f"  capsule(strength='4.5mg', quantity=30)  {rate_capsule:7,.0f}/s  (target ≥ 2,000)")


if __name__ == "__main__":
    main()
