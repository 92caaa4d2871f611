"""The result of a titration: a dated schedule and what to compound for it (``--json``)."""

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict

from ldncalc.bud import BeyondUse
from ldncalc.messages import Message, Step
from ldncalc.models import Amount, FormulationUsed, SyringeUsed
from ldncalc.quantities import Concentration, Mass, Volume

Form = Literal["liquid", "capsule"]
FORMS: tuple[Form, ...] = ("liquid", "capsule")


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class ProtocolUsed(_Result):
    """Which published protocol a schedule follows, and its sources."""

    id: str
    name: str
    path: str
    builtin: bool
    source: str
    references: tuple[str, ...]
    note: str


class CapsuleCount(_Result):
    """``count`` capsules of ``strength``: in one dose, or to compound."""

    strength: Mass
    count: int


class ScheduleStep(_Result):
    """One step: the dose taken every day from ``first_day`` to ``last_day``, and how it is
    measured (liquid: a volume on a syringe's marks; capsules: which capsules)."""

    number: int
    dose: Mass
    first_day: date
    last_day: date
    days: int
    volume: Volume | None = None
    syringe: SyringeUsed | None = None
    capsules: tuple[CapsuleCount, ...] = ()


class Fill(_Result):
    """One preparation of the titration, used from ``first_day`` to ``last_day``: compounded on
    ``compounding_date``, not to be used after ``bud_date``. For capsules, ``capsules`` is the
    batch of each strength to compound on that date."""

    number: int
    compounding_date: date
    bud_date: date
    first_day: date
    last_day: date
    days: int
    drug_taken: Mass  # the doses taken from this fill
    tablets: int | None = None
    drug: Mass | None = None  # in the bottle: tablets × tablet strength
    volume: Volume | None = None
    volume_taken: Volume | None = None
    spare: Volume | None = None  # volume − volume taken: never taken (docs/basis.md §3)
    spare_minimum: Volume | None = None  # the spare the formulation record asks for
    syringes: tuple[SyringeUsed, ...] = ()
    ingredients: tuple[Amount, ...] = ()
    capsules: tuple[CapsuleCount, ...] = ()
    # the most capsules of each strength taken on one day of the fill (two of one strength
    # on the days a dose is 2 × it): the batch's capsules a day, so its supply is not
    # counted at one a day (docs/basis.md §2: at most 2 capsules a dose)
    capsules_a_day: tuple[CapsuleCount, ...] = ()


class TitrationResult(_Result):
    """A dated titration schedule and what to compound for it."""

    kind: Literal["titration"] = "titration"
    form: Form
    formulation: FormulationUsed
    dosage_form: str
    protocol: ProtocolUsed | None
    start: Mass
    target: Mass
    step: Mass | None
    every_days: int | None
    maintenance_days: int
    start_date: date
    end_date: date
    days: int
    doses_per_day: int = 1
    directions: str
    schedule: tuple[ScheduleStep, ...]
    concentration: Concentration | None
    tablet_strength: Mass | None
    capsule_strengths: tuple[CapsuleCount, ...]
    fills: tuple[Fill, ...]
    drug_taken: Mass
    tablets: int | None
    total_volume: Volume | None
    bud: BeyondUse
    container: str
    auxiliary_labels: tuple[str, ...]
    # records (ldncalc.messages): a code, its parameters and the input it concerns; no words
    warnings: tuple[Message, ...]
    notes: tuple[Message, ...]
    steps: tuple[Step, ...]
    method: tuple[str, ...]
