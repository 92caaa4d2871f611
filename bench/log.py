"""The compounding log's figures, measured on this machine (issue 12).

    python bench/log.py [--entries 100000] [--postgres postgresql://…]

1. Registering a lot on SQLite: the median time of ``ldncalc.log.register`` (one committed
   entry, with the full result, as a label registers it), beside the median time of rendering
   the text and PDF labels it accompanies (target: at most 5 ms).
2. ``recall --ingredient-lot`` over a log of ``--entries`` entries (a third each registered,
   completed, released; one ingredient lot in a thousand): the median time (target: at most
   200 ms for 100,000 entries).
3. ``audit`` of that log: the time to verify the whole hash chain (target: at most 5 s).

With ``--postgres URL`` (a database that may be filled and is left filled) the same on
PostgreSQL. The big log is built with the library's own append, in one transaction a
thousand entries, so that every hash is a real chained one.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any, BinaryIO

from ldncalc import log
from ldncalc.labels import Format, render_label
from ldncalc.log.lots import check_quantities
from ldncalc.log.store import Draft
from ldncalc.preparations.liquid import liquid
from ldncalc.prescriptions import prescription
from ldncalc.profile import load_profile

PHARMACY = Path(__file__).parent.parent / "docs" / "pharmacy.example.toml"


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def durable_write(probe: BinaryIO) -> float:
    """The time this disk takes to make one 4 KB append durable (write + fsync): the least any
    durable commit costs, whatever the database does around it."""
    start = time.perf_counter()
    probe.write(bytes(4096))
    probe.flush()
    os.fsync(probe.fileno())
    return time.perf_counter() - start


def bench_register(url: str, runs: int, folder: Path | None = None) -> None:
    """With ``folder`` (the SQLite log's own), a durable 4 KB write beside each register shows
    how much of the median is the disk's: a register commits once, one fsync of the WAL."""
    result = liquid(target="4.5mg")
    profile = load_profile(PHARMACY)
    times: list[float] = []
    floor: list[float] = []
    labels: dict[Format, list[float]] = {"txt": [], "pdf": []}
    with log.open_log(url) as book, contextlib.ExitStack() as files:
        probe = files.enter_context((folder / "probe").open("ab")) if folder else None
        for number in range(runs):
            if probe is not None:
                floor.append(durable_write(probe))
            details = prescription(
                patient="Jane Doe", prescriber="Dr. Ann Smith", rx="1234567", lot=f"R-{number}"
            )
            for output, samples in labels.items():
                start = time.perf_counter()
                render_label(result, details, profile, output)
                samples.append(time.perf_counter() - start)
            start = time.perf_counter()
            log.register(
                book,
                result,
                details,
                prepared_by="A. Martin",
                ingredient_lots=["naltrexone=NX2291"],
                profile=profile,
            )
            times.append(time.perf_counter() - start)
    print(
        f"register: median {median_ms(times):.2f} ms over {runs} lots (target ≤ 5 ms); "
        f"label beside it: txt {median_ms(labels['txt']):.1f} ms, "
        f"pdf {median_ms(labels['pdf']):.1f} ms"
    )
    if floor:
        print(
            f"  the disk beside it: one durable 4 KB write (write + fsync), timed beside each "
            f"register, has a median of {median_ms(floor):.2f} ms here (SQLite in WAL mode with "
            "synchronous=FULL commits a register with one such fsync)"
        )


def fill(url: str, entries: int) -> None:
    """A log of ``entries`` entries: lots registered, completed and released in turn."""
    result = liquid(target="4.5mg")
    profile = load_profile(PHARMACY)
    with log.open_log(url) as book:
        template = log.register(
            book,
            result,
            prescription(patient="Template", rx="1", lot="TEMPLATE"),
            prepared_by="A. Martin",
            ingredient_lots=["naltrexone=NX-0"],
            profile=profile,
        ).body
        completed = check_quantities(template["result"], ["naltrexone=2", "water=100mL"], [], None)
        made = 1
        batch = 1000
        while made < entries:
            with book.appending() as appender:
                for _ in range(min(batch, entries - made) // 3 + 1):
                    number = made
                    lot = f"B-{number:07d}"
                    body: dict[str, Any] = {
                        **template,
                        "prescription": {**template["prescription"], "lot": lot},
                    }
                    common = {
                        "lot": lot,
                        "patient": f"Patient {number % 5000}",
                        "rx": str(1000000 + number),
                        "formulation_id": "ldn-liquid-water",
                        "formulation_version": 1,
                        "compounded": "2026-12-06",
                    }
                    ingredient_lot = f"NX-{number % 1000}"
                    appender.append(
                        Draft(
                            kind="registered",
                            actor="A. Martin",
                            body=body,
                            ingredient_lots=(("Naltrexone HCl 50 mg tablets", ingredient_lot, ""),),
                            **common,  # type: ignore[arg-type]
                        )
                    )
                    appender.append(
                        Draft(kind="completed", actor="A. Martin", body=completed, **common)  # type: ignore[arg-type]
                    )
                    appender.append(
                        Draft(
                            kind="released",
                            actor="B. Chen",
                            body={"single_pharmacist": False},
                            **common,  # type: ignore[arg-type]
                        )
                    )
                    made += 3


def bench_big(url: str, entries: int) -> None:
    start = time.perf_counter()
    fill(url, entries)
    print(f"filled {entries:,} entries in {time.perf_counter() - start:.1f} s")
    with log.open_log(url) as book:
        count = book.query("SELECT count(*) FROM entries")[0][0]
        times = []
        for number in range(11):
            start = time.perf_counter()
            found = log.recall(book, ingredient_lot=f"NX-{number * 7}")
            times.append(time.perf_counter() - start)
        print(
            f"recall --ingredient-lot over {count:,} entries: median {median_ms(times):.1f} ms, "
            f"{len(found)} lots each (target ≤ 200 ms)"
        )
        start = time.perf_counter()
        audit = log.audit(book)
        took = time.perf_counter() - start
        print(f"audit of {audit.entries:,} entries: {took:.2f} s, ok={audit.ok} (target ≤ 5 s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=201)
    parser.add_argument("--postgres", help="also measure on this PostgreSQL database")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        print("SQLite:")
        bench_register(str(Path(folder) / "register.sqlite3"), options.runs, Path(folder))
        bench_big(str(Path(folder) / "big.sqlite3"), options.entries)
    if options.postgres:
        print("PostgreSQL:")
        bench_register(options.postgres, options.runs)
        bench_big(options.postgres, options.entries)


if __name__ == "__main__":
    main()
