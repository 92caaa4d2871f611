"""``titrate()`` throughput: 5-step titration plans a second on one core (issue 11).

    python bench/titrate.py

The plans: 0.5 mg to 4.5 mg by 1 mg every 7 days (5 steps, 35 days) from a fixed start date,
as an oral liquid (the concentration and syringes chosen, 3 fills of at most the 14-day BUD)
and as capsules (the strengths chosen, one fill). :func:`throughput` is the rate of the two
alternated, the best of short windows; ``bench/run.py`` prints it beside the other library
rows.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from ldncalc.titration import titrate

PLAN = {"start": "0.5mg", "step": "1mg", "every": "7d", "target": "4.5mg"}
START_DATE = "2025-03-03"


def liquid_plan() -> object:
    return titrate(**PLAN, start_date=START_DATE)


def capsule_plan() -> object:
    return titrate(**PLAN, form="capsule", start_date=START_DATE)


def _both() -> None:
    liquid_plan()
    capsule_plan()


def rate(call: Callable[[], object], windows: int = 20, seconds: float = 0.25) -> float:
    """Calls a second, the best of short windows: ``bench/run.py``'s measure (imported here,
    not at the top, so that bench/run.py may import this module at its own top)."""
    here = str(Path(__file__).parent)
    if here not in sys.path:
        sys.path.insert(0, here)
    from run import throughput as best_of_windows

    return best_of_windows(call, windows, seconds)


def throughput(windows: int = 20, seconds: float = 0.25) -> float:
    """Plans a second, a liquid and a capsule plan alternated (target: at least 2,000/s)."""
    return 2 * rate(_both, windows, seconds)


if __name__ == "__main__":
    print(f"titrate(), 5-step liquid plan   {rate(liquid_plan):7,.0f}/s")
    print(f"titrate(), 5-step capsule plan  {rate(capsule_plan):7,.0f}/s")
    print(f"titrate(), both alternated      {throughput():7,.0f}/s  (target ≥ 2,000)")
