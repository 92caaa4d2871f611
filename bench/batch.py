"""`ldncalc batch`'s figures on this machine (issue 13 §2), on every core.

    python bench/batch.py [--orders 1000] [--results 10000]

1. ``--orders`` mixed liquid and capsule orders, each issued as the command line does: result
   JSON, PDF label, PDF record and an entry in a SQLite compounding log (target: 1,000 in at
   most 60 s on 2 cores).
2. ``--results`` orders, results only: each order's result.json (target: 10,000 in at most
   10 s).

Each figure is one run into a fresh temporary folder (the orders differ in dose, days and
quantity, so no result is a copy of another); the time includes reading the orders file and
writing the summary. Both the wall time (what the target is about) and the CPU time of this
process and its workers are printed: on a shared machine the CPU time is the steadier figure.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

from ldncalc.batch import Settings, read_orders, run_batch
from ldncalc.profile import Profile, profile_toml

PHARMACY = Profile(name="Bench Pharmacy", address=("1 Bench Road",), phone="613-555-0100")
DOSES = ("0.5mg", "1mg", "1.5mg", "2mg", "2.5mg", "3mg", "3.5mg", "4mg", "4.5mg")


def orders_csv(path: Path, count: int) -> None:
    """``count`` orders, alternately a liquid and a batch of capsules."""
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(
            ("kind", "target", "days", "strength", "quantity", "patient", "prescriber", "rx")
        )
        for n in range(count):
            dose = DOSES[n % len(DOSES)]
            patient, rx = f"Patient {n}", f"RX{n:06d}"
            if n % 2:
                writer.writerow(("capsule", "", "", dose, 30 + n % 60, patient, "Dr. Bench", rx))
            else:
                writer.writerow(("liquid", dose, 7 + n % 8, "", "", patient, "Dr. Bench", rx))


class Figures(NamedTuple):
    wall: float  # seconds
    cpu: float  # seconds of CPU, this process and its workers


def measure(count: int, *, results_only: bool) -> Figures:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "out").mkdir()
        (root / "pharmacy.toml").write_text(profile_toml(PHARMACY), encoding="utf-8")
        orders_csv(root / "orders.csv", count)
        settings = Settings(
            out=str(root / "out"),
            results_only=results_only,
            pharmacy=str(root / "pharmacy.toml"),
            log=str(root / "log.sqlite3"),
        )
        start, before = time.perf_counter(), os.times()
        report = run_batch(read_orders(root / "orders.csv"), settings)
        elapsed, after = time.perf_counter() - start, os.times()
        failed = [o for o in report.outcomes if not o.ok]
        if failed:
            sys.exit(f"{len(failed)} orders failed, e.g. {failed[0]}")
    cpu = sum(after[:4]) - sum(before[:4])  # user and system, self and children
    return Figures(elapsed, cpu)


def line(what: str, count: int, figures: Figures, target: str) -> str:
    cores = os.cpu_count()
    return (
        f"{count:,} {what}: {figures.wall:.1f} s ({count / figures.wall:,.0f}/s on {cores} "
        f"cores; CPU {figures.cpu:.1f} s, {figures.cpu / count * 1000:.1f} ms an order); "
        f"target: {target}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=1000)
    parser.add_argument("--results", type=int, default=10000)
    args = parser.parse_args()
    issued = measure(args.orders, results_only=False)
    print(
        line(
            "orders with PDF label, PDF record and log entry",
            args.orders,
            issued,
            "1,000 in ≤ 60 s",
        )
    )
    results = measure(args.results, results_only=True)
    print(line("orders, results only", args.results, results, "10,000 in ≤ 10 s"))


if __name__ == "__main__":
    main()
