"""ldncalc's figures, measured in one run on this machine (issue: speed).

    python bench/run.py [--runs 21]

1. Start-up: the median wall time of `ldncalc liquid --target 4.5mg` and of
   `python -c "import pint, pydantic, typer"` (the dependencies alone), run alternately so
   that both see the same machine load, and their ratio (target: at most 1.3).
2. Library throughput: results per second of `liquid()` and `capsule()` on one core, the best
   of ten 0.25 s windows (target: at least 2,000/s each).

Machines here are shared and noisy: compare the ratio, not the absolute times.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def wall_time(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def startup(runs: int) -> tuple[float, float]:
    script = shutil.which("ldncalc", path=str(Path(sys.executable).parent)) or shutil.which(
        "ldncalc"
    )
    if script is None:
        sys.exit("bench: the ldncalc command is not installed in this environment")
    app = [script, "liquid", "--target", "4.5mg"]
    deps = [sys.executable, "-c", "import pint, pydantic, typer"]
    wall_time(app)  # warm the file cache and the .pyc files once
    wall_time(deps)
    app_times, dep_times = [], []
    for _ in range(runs):
        app_times.append(wall_time(app))
        dep_times.append(wall_time(deps))
    return statistics.median(app_times), statistics.median(dep_times)


def throughput(call: object, windows: int = 10, seconds: float = 0.25) -> float:
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
    parser.add_argument("--runs", type=int, default=21, help="start-up runs of each command")
    args = parser.parse_args()

    from ldncalc import capsule, liquid

    app, deps = startup(args.runs)
    print(f"start-up, median of {args.runs} runs")
    print(f"  ldncalc liquid --target 4.5mg             {app * 1000:7.1f} ms")
    print(f"  python -c 'import pint, pydantic, typer'  {deps * 1000:7.1f} ms")
    print(f"  ratio                                     {app / deps:7.2f}     (target ≤ 1.3)")
    rate_liquid = throughput(lambda: liquid(target="4.5mg"))
    rate_capsule = throughput(lambda: capsule(strength="4.5mg", quantity=30))
    print("library throughput, one core")
    print(f"  liquid(target='4.5mg')                  {rate_liquid:7,.0f}/s  (target ≥ 2,000)")
    print(f"  capsule(strength='4.5mg', quantity=30)  {rate_capsule:7,.0f}/s  (target ≥ 2,000)")


if __name__ == "__main__":
    main()
