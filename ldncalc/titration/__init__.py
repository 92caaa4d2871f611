"""Titration schedules: ``ldncalc titrate --start 0.5mg --step 0.5mg --every 14d --target 4.5mg``.

LDN is usually started low and stepped up (docs/basis.md §2: start 0.5–1.5 mg, +0.5 mg every
1–2 weeks or +1 mg weekly, to 4.5 mg), taken once a day at bedtime. A schedule comes from the
options or from a published protocol kept as data in ``formulations/protocols/*.toml``.

Where each part is computed, in the order data flows:

``protocols``  the published schedules as data: loading and validating them
``read``       the options read and checked: start, step, days a step, target, maintenance,
               date, and every step's dose against the record's limits
``schedule``   the dated steps (from the options or a protocol) and the days each fill covers
``liquid``     the numbers of a liquid plan: the one concentration that measures every step on
               a syringe's marks, each step's volume and syringe, each fill's spare, tablets
               and volume (and the refusals, with the fix that works)
``capsules``   the numbers of a capsule plan: the fewest capsule strengths, each dose's
               capsules, each fill's batch of each strength
``describe``   a plan's calculation steps, warnings and notes, as records (no words: those are
               in :mod:`ldncalc.locale.titration`)
``plan``       :func:`titrate`, which reads, plans, describes and puts the result together
``kept``       what a plan computes once and keeps for the next (syringes, strengths, amounts)
``models``     the result (``--json``)
(readers, above the engine: ldncalc.screen.titration, the screen; ldncalc.labels.calendar)
"""

from ldncalc.titration.capsules import (
    MAX_CAPSULES_PER_DOSE,
    OFFERED_CAPSULE_STRENGTHS,
    choose_strengths,
)
from ldncalc.titration.models import CapsuleCount, Fill, ProtocolUsed, ScheduleStep, TitrationResult
from ldncalc.titration.plan import DIRECTIONS, titrate
from ldncalc.titration.protocols import Protocol, load_protocols, read_protocol
from ldncalc.titration.schedule import MAX_STEPS

__all__ = [
    "DIRECTIONS",
    "MAX_CAPSULES_PER_DOSE",
    "MAX_STEPS",
    "OFFERED_CAPSULE_STRENGTHS",
    "CapsuleCount",
    "Fill",
    "Protocol",
    "ProtocolUsed",
    "ScheduleStep",
    "TitrationResult",
    "choose_strengths",
    "load_protocols",
    "read_protocol",
    "titrate",
]
