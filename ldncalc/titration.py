"""Titration schedules: ``ldncalc titrate --start 0.5mg --step 0.5mg --every 14d --target 4.5mg``.

LDN is usually started low and stepped up (REFERENCE.md §2: start 0.5–1.5 mg, +0.5 mg every
1–2 weeks or +1 mg weekly, to 4.5 mg), taken once a day at bedtime. A schedule comes from the
options or from a published protocol kept as data in ``formulations/protocols/*.toml``.

The schedule::

    doses        start, start + step, start + 2 × step, …, then the target (the last step is
                 shorter when the difference is not a whole number of steps)
    each step    lasts ``every`` days; the target then continues for ``maintenance`` days
    dates        step i begins on start date + the days of the steps before it

Liquid: one concentration of the formulation's listed ones for which every step's volume
(dose ÷ concentration) is exactly on the marks of the oral syringe that measures it
(:func:`ldncalc.liquids.measure`): the default concentration if it works, then the one needing
the fewest different syringes, then the nearest to the default. The schedule is split into fills
of at most the BUD in days; each fill is made from whole tablets, compounded on the day of its
first dose, with its own BUD.

Capsules: the fewest distinct strengths that make every step with at most 2 capsules a dose,
chosen from the doses, half of each, the differences between two doses and the strengths usually
offered (:data:`OFFERED_CAPSULE_STRENGTHS`); ties go to the set with more usual strengths, then
fewer capsules swallowed, then two identical capsules over two different ones. The count of
each strength covers every dose of the schedule (a batch adds the formulation's overage).
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import os
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from ldncalc.bud import BeyondUse, beyond_use
from ldncalc.catalogs import Catalog
from ldncalc.checks import read_date, read_days, read_dose
from ldncalc.dilution import exact_measure
from ldncalc.errors import (
    FormulationError,
    FormulationNotFoundError,
    InputError,
    UnsafeInputError,
)
from ldncalc.formatting import format_quantity as fq
from ldncalc.formatting import round_to
from ldncalc.formulations import Formulation, folders, load
from ldncalc.liquids import (
    FINAL_VOLUME_PLACES,
    ingredient_amounts,  # the same scaling as ldncalc liquid
)
from ldncalc.models import Amount, FormulationUsed, Step, SyringeUsed
from ldncalc.quantities import Concentration, Duration, Mass, Volume
from ldncalc.units import CONCENTRATION, MASS, Qty, Quantity, as_quantity

Form = Literal["liquid", "capsule"]
FORMS: tuple[Form, ...] = ("liquid", "capsule")
DIRECTIONS = "at bedtime"  # REFERENCE.md §2: once daily at bedtime (never "HS" or "QHS")
MAX_CAPSULES_PER_DOSE = 2
MAX_STEPS = 24  # ldncalc default: published schedules have at most 9 steps
# Capsule strengths usually offered (REFERENCE.md §2).
OFFERED_CAPSULE_STRENGTHS = tuple(
    Quantity(Decimal(s), "milligram") for s in ("0.5", "1", "1.5", "3", "4.5")
)
PROTOCOLS_FOLDER = "protocols"

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


# ---------------------------------------------------------------------------------------------
# Published protocols, kept as data


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ProtocolSchedule(_Record):
    """A schedule written as start, step, interval and target."""

    start: Mass
    step: Mass
    every: Duration
    target: Mass


class ProtocolStep(_Record):
    """One step of a schedule written out in full: a dose taken for a duration."""

    dose: Mass
    duration: Duration


class Protocol(_Record):
    """A published titration schedule and where it comes from."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    name: Text
    forms: tuple[Form, ...] = Field(default=FORMS, min_length=1)
    concentration: Concentration | None = None  # for liquids: the one the source uses
    schedule: ProtocolSchedule | None = None
    steps: tuple[ProtocolStep, ...] = ()
    maintenance: Duration | None = None
    note: str = ""
    source: Text
    references: tuple[Text, ...] = Field(min_length=1)
    path: str = ""  # set by the loader
    builtin: bool = False  # set by the loader

    @model_validator(mode="after")
    def _one_schedule(self) -> Protocol:
        if (self.schedule is None) == (not self.steps):
            raise ValueError("give either [schedule] or [[steps]], not both and not neither")
        durations = [s.duration for s in self.steps]
        if self.schedule is not None:
            durations.append(self.schedule.every)
            if self.schedule.target <= self.schedule.start:
                raise ValueError("schedule.target must be above schedule.start")
        if self.maintenance is not None:
            durations.append(self.maintenance)
        for duration in durations:
            days = duration.to("day").magnitude
            if days != days.to_integral():
                raise ValueError(f"{fq(duration)} is not a whole number of days")
        doses = [s.dose for s in self.steps]
        if any(b <= a for a, b in itertools.pairwise(doses)):
            raise ValueError("the doses of [[steps]] must go up, step by step")
        if self.concentration is not None and "liquid" not in self.forms:
            raise ValueError("concentration is for liquid protocols")
        return self


def load_protocols(extra: str | os.PathLike[str] | None = None) -> dict[str, Protocol]:
    """Every protocol in ``protocols/*.toml`` of the folders in effect (built-in first, then
    a pharmacy's: one with the same id replaces a built-in one), validated on load."""
    dirs = folders(extra)
    files = tuple(
        (path, path.stat().st_mtime_ns, folder == dirs[0])
        for folder in dirs
        for path in sorted((folder / PROTOCOLS_FOLDER).glob("*.toml"))
    )
    return _load_protocols(files)


@cache
def _load_protocols(files: tuple[tuple[Path, int, bool], ...]) -> dict[str, Protocol]:
    return {
        protocol.id: protocol
        for protocol in (read_protocol(path, builtin=builtin) for path, _, builtin in files)
    }


def read_protocol(path: Path, *, builtin: bool = False) -> Protocol:
    """One protocol from a TOML file, or :class:`FormulationError` naming file, field, problem."""
    try:
        with path.open("rb") as file:
            data: dict[str, Any] = tomllib.load(file)
    except tomllib.TOMLDecodeError as error:
        raise FormulationError(str(path), None, f"is not valid TOML ({error})") from None
    except OSError as error:
        raise FormulationError(str(path), None, f"cannot be read ({error.strerror})") from None
    data.update(path=str(path), builtin=builtin)
    try:
        return Protocol.model_validate(data)
    except ValidationError as error:
        problems = []
        for item in error.errors():
            where = ".".join(str(part) for part in item["loc"]) or "(protocol)"
            problems.append(f"{where}: {item['msg'].removeprefix('Value error, ')}")
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        exc = FormulationError(str(path), None, problems[0] + more)
        exc.problems = tuple(problems)
        raise exc from None


# ---------------------------------------------------------------------------------------------
# The result


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


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
    ``compounding_date``, not to be used after ``bud_date``."""

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
    syringes: tuple[SyringeUsed, ...] = ()
    ingredients: tuple[Amount, ...] = ()
    capsules: tuple[CapsuleCount, ...] = ()


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
    warnings: tuple[str, ...]
    notes: tuple[str, ...]
    steps: tuple[Step, ...]
    method: tuple[str, ...]


# ---------------------------------------------------------------------------------------------
# The engine


@dataclass(frozen=True)
class Phase:
    """A dose taken for a number of days, and the option (with the value given) a person
    would change to fix it."""

    dose: Qty
    days: int
    option: str
    given: object = None


def titrate(
    *,
    start: str | Qty | None = None,
    step: str | Qty | None = None,
    every: str | int | None = None,
    target: str | Qty | None = None,
    protocol: str | None = None,
    form: str = "liquid",
    start_date: str | date | None = None,
    maintenance_days: str | int | None = None,
    concentration: str | Qty | None = None,
    formulation: str | None = None,
    formulations_dir: str | os.PathLike[str] | None = None,
) -> TitrationResult:
    """A dated titration schedule for an oral liquid or capsules, once daily at bedtime.

    Give ``start``, ``step``, ``every`` (``"7d"``, ``"2w"``) and ``target``, or the id of a
    published ``protocol``. ``start_date`` is ISO 8601 (``"2025-03-03"``; default today);
    ``maintenance_days`` extends the target dose. Raises a subclass of
    :class:`~ldncalc.LdnCalcError` for any bad or unsafe input.
    """
    if form not in FORMS:
        raise InputError("--form", form, "is not a form", "use liquid or capsule")
    library = load(formulations_dir)
    record = library.pick(formulation, form, None)
    limits = record.limits
    warnings: list[str] = []
    notes: list[str] = []
    used: Protocol | None = None

    if protocol is not None:
        for option, value in (
            ("--start", start),
            ("--step", step),
            ("--every", every),
            ("--target", target),
        ):
            if value is not None:
                raise InputError(
                    option, value, "cannot be given with --protocol", f"drop {option} or --protocol"
                )
        used = _protocol(protocol, form, formulations_dir)
        phases, first, last, step_size, interval = _protocol_phases(used, protocol)
        if used.note:
            notes.append(used.note)
    else:
        first, step_size, interval, last = _schedule_options(start, step, every, target, record)
        given = {"--start": start, "--step": step, "--target": target}
        phases = _phases(first, step_size, interval, last, given)
    for phase in phases:
        option = "--protocol" if used is not None else phase.option
        _, said = read_dose(_cli(phase.dose), option=option, limits=limits, doses_per_day=1)
        warnings += [w for w in said if w not in warnings]

    maintenance = _maintenance(maintenance_days, used, record)
    if maintenance:
        phases[-1] = dataclasses.replace(phases[-1], days=phases[-1].days + maintenance)
    total = sum(p.days for p in phases)
    if total > limits.days_maximum:
        option, value = (
            ("--maintenance-days", maintenance_days)
            if maintenance and total - maintenance <= limits.days_maximum
            else (("--protocol", protocol) if used else ("--every", every))
        )
        raise UnsafeInputError(
            option,
            value,
            f"gives a schedule of {total} days, longer than {limits.days_maximum}",
            "shorten the schedule (fewer or shorter steps, or fewer maintenance days)",
        )
    begin = _start_date(start_date)
    bud = beyond_use(record.bud)
    common = {
        "formulation": FormulationUsed.of(record),
        "dosage_form": record.dosage_form,
        "protocol": _protocol_used(used) if used else None,
        "start": first,
        "target": last,
        "step": step_size,
        "every_days": interval,
        "maintenance_days": maintenance,
        "start_date": begin,
        "end_date": begin + timedelta(days=total - 1),
        "days": total,
        "directions": DIRECTIONS,
        "bud": bud,
        "container": record.container,
        "auxiliary_labels": record.auxiliary_labels,
        "method": record.procedure,
    }
    drug_taken = _total(phases)
    if form == "liquid":
        if concentration is None and used is not None and used.concentration is not None:
            concentration = used.concentration
            notes.append(f"{fq(used.concentration)}: the concentration of protocol {used.id}")
        return _liquid(
            phases,
            record,
            library.catalog,
            concentration,
            begin,
            bud,
            drug_taken,
            warnings,
            notes,
            common,
        )
    if concentration is not None:
        raise InputError(
            "--concentration", concentration, "is for liquids", "drop it with --form capsule"
        )
    return _capsules(phases, begin, bud, drug_taken, warnings, notes, common)


def _schedule_options(
    start: object, step: object, every: object, target: object, record: Formulation
) -> tuple[Qty, Qty, int, Qty]:
    examples = {"--start": "0.5mg", "--step": "0.5mg", "--every": "14d", "--target": "4.5mg"}
    for option, value in (("--start", start), ("--step", step), ("--every", every)):
        if value is None:
            raise InputError(
                option,
                None,
                "is required",
                f"write e.g. {option} {examples[option]}, or give --protocol NAME",
            )
    if target is None:
        raise InputError("--target", None, "is required", "write e.g. --target 4.5mg")
    limits = record.limits
    first, _ = read_dose(start, option="--start", limits=limits, doses_per_day=1)
    last, _ = read_dose(target, option="--target", limits=limits, doses_per_day=1)
    size = as_quantity(step, option="--step", kinds=(MASS,))
    interval = read_days(every, limits, option="--every")
    if last < first:
        raise UnsafeInputError(
            "--target",
            target,
            f"is below --start {fq(first)}",
            "a titration steps up: give a target above the start",
        )
    if last == first:
        raise UnsafeInputError(
            "--target",
            target,
            f"is the same as --start {fq(first)}: there is nothing to titrate",
            "give a higher target, or use 'ldncalc liquid' or 'ldncalc capsule' for one dose",
        )
    count = math.ceil((last - first) / size) + 1
    if count > MAX_STEPS:
        grain = Quantity(Decimal("0.01"), "milligram")
        least = grain * math.ceil((last - first) / (MAX_STEPS - 1) / grain)
        raise UnsafeInputError(
            "--step",
            step,
            f"gives {count} steps from {fq(first)} to {fq(last)}, more than {MAX_STEPS}",
            f"use --step {_cli(least)} or more",
        )
    return first.to("milligram"), size.to("milligram"), interval, last.to("milligram")


def _phases(
    first: Qty, size: Qty, interval: int, last: Qty, given: Mapping[str, object] | None = None
) -> list[Phase]:
    given = given or {}
    phases = []
    dose = first
    while dose < last:
        option = "--start" if dose == first else "--step"
        phases.append(Phase(dose, interval, option, given.get(option)))
        dose = (dose + size).to("milligram")
    phases.append(Phase(last, interval, "--target", given.get("--target")))
    return phases


def _protocol(name: str, form: Form, formulations_dir: object) -> Protocol:
    protocols = load_protocols(formulations_dir)  # type: ignore[arg-type]
    found = protocols.get(name)
    if found is None:
        raise FormulationNotFoundError(
            "--protocol",
            name,
            "is not a known protocol",
            f"use one of: {', '.join(sorted(protocols))}",
        )
    if form not in found.forms:
        raise UnsafeInputError(
            "--form",
            form,
            f"is not a form of protocol {found.id}",
            f"use --form {' or '.join(found.forms)}",
        )
    return found


def _protocol_phases(
    protocol: Protocol, name: str
) -> tuple[list[Phase], Qty, Qty, Qty | None, int | None]:
    if protocol.schedule is not None:
        s = protocol.schedule
        every = _days(s.every)
        given: dict[str, object] = dict.fromkeys(("--start", "--step", "--target"), name)
        return (
            [
                Phase(p.dose, p.days, "--protocol", name)
                for p in _phases(_mg(s.start), _mg(s.step), every, _mg(s.target), given)
            ],
            s.start,
            s.target,
            s.step,
            every,
        )
    phases = [Phase(_mg(s.dose), _days(s.duration), "--protocol", name) for s in protocol.steps]
    return phases, phases[0].dose, phases[-1].dose, None, None


def _protocol_used(protocol: Protocol) -> ProtocolUsed:
    return ProtocolUsed(
        id=protocol.id,
        name=protocol.name,
        path=protocol.path,
        builtin=protocol.builtin,
        source=protocol.source,
        references=protocol.references,
        note=protocol.note,
    )


def _mg(mass: Qty) -> Qty:
    return mass.to("milligram")


def _days(duration: Qty) -> int:
    return int(duration.to("day").magnitude)


def _maintenance(value: str | int | None, protocol: Protocol | None, record: Formulation) -> int:
    if value is None:
        return _days(protocol.maintenance) if protocol and protocol.maintenance else 0
    if value in (0, "0", "0d"):
        return 0
    return read_days(value, record.limits, option="--maintenance-days")


def _start_date(value: str | date | None) -> date:
    return date.today() if value is None else read_date(value, "--start-date")


def _total(phases: Sequence[Phase]) -> Qty:
    return sum((p.dose * p.days for p in phases), Quantity(0, "milligram")).to("milligram")


def _dated(phases: Sequence[Phase], begin: date) -> list[tuple[Phase, date, date]]:
    dated, day = [], begin
    for phase in phases:
        dated.append((phase, day, day + timedelta(days=phase.days - 1)))
        day += timedelta(days=phase.days)
    return dated


def _chunks(total: int, bud_days: int) -> list[tuple[int, int]]:
    """(first day offset, days) of each fill: at most ``bud_days`` days each."""
    return [(start, min(bud_days, total - start)) for start in range(0, total, bud_days)]


def _per_day(phases: Sequence[Phase]) -> list[Phase]:
    return [phase for phase in phases for _ in range(phase.days)]


# --- liquid ----------------------------------------------------------------------------------


def _liquid(
    phases: list[Phase],
    record: Formulation,
    catalog: Catalog,
    concentration: str | Qty | None,
    begin: date,
    bud: BeyondUse,
    drug_taken: Qty,
    warnings: list[str],
    notes: list[str],
    common: dict[str, Any],
) -> TitrationResult:
    assert record.concentration is not None
    assert record.tablet_strength is not None
    deviation = Decimal(record.limits.dose_deviation_maximum.magnitude)
    if concentration is not None:
        conc = _read_concentration(concentration, record)
        syringes = _syringes(phases, conc, catalog, deviation)
        if syringes is None:
            raise _concentration_refused(concentration, conc, phases, record, catalog, deviation)
    else:
        conc, syringes = _choose_concentration(phases, record, catalog, deviation, notes)
    strength = record.tablet_strength.to("milligram")
    steps = [
        Step(
            name=f"Step {number} volume",
            formula="dose ÷ concentration",
            calculation=f"{fq(phase.dose)} ÷ {fq(conc)} = {fq(_volume(phase.dose, conc))} "
            f"({syringe.name})",
        )
        for number, (phase, syringe) in enumerate(zip(phases, syringes, strict=True), 1)
    ]
    schedule = tuple(
        ScheduleStep(
            number=number,
            dose=phase.dose,
            first_day=first,
            last_day=last,
            days=phase.days,
            volume=_volume(phase.dose, conc),
            syringe=_syringe_used(syringe),
        )
        for number, ((phase, first, last), syringe) in enumerate(
            zip(_dated(phases, begin), syringes, strict=True), 1
        )
    )
    by_dose = {phase.dose: syringe for phase, syringe in zip(phases, syringes, strict=True)}
    daily = _per_day(phases)
    fills = []
    for number, (offset, days) in enumerate(_chunks(len(daily), bud.days), 1):
        taken_doses = daily[offset : offset + days]
        taken = sum((p.dose for p in taken_doses), Quantity(0, "milligram")).to("milligram")
        tablets = math.ceil(taken / strength)
        exact = (strength * tablets / conc).to("milliliter")
        if exact > record.limits.volume_maximum:
            raise UnsafeInputError(
                "--concentration",
                _cli(conc),
                f"needs {fq(exact)} for fill {number}, more than "
                f"{fq(record.limits.volume_maximum)} in one bottle",
                "use a higher --concentration",
            )
        volume = Quantity(round_to(exact.magnitude, FINAL_VOLUME_PLACES), "milliliter")
        if volume != exact:
            notes.append(
                f"Fill {number}: the final volume {fq(exact, 4)} is made up to {fq(volume)}"
            )
        taken_volume = _volume(taken, conc)
        first = begin + timedelta(days=offset)
        used = []
        for phase in dict.fromkeys(p.dose for p in taken_doses):
            syringe = _syringe_used(by_dose[phase])
            if syringe not in used:
                used.append(syringe)
        fills.append(
            Fill(
                number=number,
                compounding_date=first,
                bud_date=first + timedelta(days=bud.days),
                first_day=first,
                last_day=first + timedelta(days=days - 1),
                days=days,
                drug_taken=taken,
                tablets=tablets,
                drug=(strength * tablets).to("milligram"),
                volume=volume,
                volume_taken=taken_volume,
                syringes=tuple(used),
                ingredients=ingredient_amounts(record, tablets, strength, volume),
            )
        )
        steps += [
            Step(
                name=f"Fill {number} drug",
                formula="sum of the daily doses taken from it",
                calculation=f"{_sum_text(taken_doses)} = {fq(taken)}",
            ),
            Step(
                name=f"Fill {number} tablets",
                formula="drug ÷ tablet strength, rounded up",
                calculation=f"{fq(taken)} ÷ {fq(strength)} = {fq(taken / strength)} → "
                f"{_count(tablets, 'tablet')}",
            ),
            Step(
                name=f"Fill {number} volume",
                formula="tablets × tablet strength ÷ concentration",
                calculation=f"{tablets} × {fq(strength)} ÷ {fq(conc)} = {fq(volume)} "
                f"({fq(taken_volume)} taken)",
            ),
        ]
    if len(fills) > 1:
        notes.append(
            f"The schedule lasts {common['days']} days and the BUD is {bud.days} days: "
            f"{len(fills)} fills. Compound each fill on its compounding date, not earlier: "
            "a fill made earlier reaches its BUD before its last dose."
        )
    tablets = sum(f.tablets or 0 for f in fills)
    total_volume = sum((f.volume for f in fills if f.volume is not None), Quantity(0, "mL"))
    steps.append(
        Step(
            name="Totals",
            formula="sum over the fills",
            calculation=f"{_count(tablets, 'tablet')}, {fq(total_volume)}; "
            f"{fq(drug_taken)} taken over {common['days']} days",
        )
    )
    return TitrationResult(
        **common,
        form="liquid",
        schedule=schedule,
        concentration=conc,
        tablet_strength=strength,
        capsule_strengths=(),
        fills=tuple(fills),
        drug_taken=drug_taken,
        tablets=tablets,
        total_volume=total_volume.to("milliliter"),
        warnings=tuple(warnings),
        notes=tuple(notes),
        steps=tuple(steps),
    )


def _volume(dose: Qty, conc: Qty) -> Qty:
    volume: Qty = (dose / conc).to("milliliter")
    return volume


def _syringes(
    phases: Sequence[Phase], conc: Qty, catalog: Catalog, deviation: Decimal
) -> list[Any] | None:
    """The syringe that measures each step exactly on its marks at ``conc``, or ``None`` if
    any step is not measured exactly."""
    found = []
    for phase in phases:
        measured = exact_measure(_volume(phase.dose, conc), catalog, deviation)
        if measured is None:
            return None
        found.append(measured.syringe)
    return found


def _choose_concentration(
    phases: Sequence[Phase],
    record: Formulation,
    catalog: Catalog,
    deviation: Decimal,
    notes: list[str],
) -> tuple[Qty, list[Any]]:
    assert record.concentration is not None
    default = record.concentration.default
    options = []
    for conc in record.concentration.listed:
        syringes = _syringes(phases, conc, catalog, deviation)
        if syringes is not None:
            distance = abs(math.log(float((conc / default).to("dimensionless").magnitude)))
            kinds = len({s.name for s in syringes})
            options.append(((conc != default, kinds, distance), conc, syringes))
    if not options:
        raise _no_concentration(phases, record, catalog, deviation)
    _, conc, syringes = min(options, key=lambda o: o[0])
    if conc != default:
        notes.append(
            f"{fq(conc)} is used: at the default {fq(default)} not every step is on a "
            "syringe's marks"
        )
    return conc, syringes


def _read_concentration(value: str | Qty, record: Formulation) -> Qty:
    conc = as_quantity(value, option="--concentration", kinds=(CONCENTRATION,)).to(
        "milligram/milliliter"
    )
    assert record.concentration is not None
    low, high = record.concentration.minimum, record.concentration.maximum
    if not low <= conc <= high:
        listed = ", ".join(_cli(c) for c in record.concentration.listed)
        raise UnsafeInputError(
            "--concentration",
            value,
            f"is outside {record.id}'s range of {fq(low)} to {fq(high)}",
            f"use one of {listed}",
        )
    return conc


def _unmeasured(
    phases: Sequence[Phase], conc: Qty, catalog: Catalog, deviation: Decimal
) -> list[Phase]:
    return [p for p in phases if exact_measure(_volume(p.dose, conc), catalog, deviation) is None]


def _concentration_refused(
    value: object,
    conc: Qty,
    phases: Sequence[Phase],
    record: Formulation,
    catalog: Catalog,
    deviation: Decimal,
) -> UnsafeInputError:
    assert record.concentration is not None
    bad = _unmeasured(phases, conc, catalog, deviation)[0]
    working = [
        c
        for c in record.concentration.listed
        if _syringes(phases, c, catalog, deviation) is not None
    ]
    fix = (
        "use --concentration " + " or ".join(_cli(c) for c in working)
        if working
        else "change the schedule so every dose is on a syringe's marks"
    )
    return UnsafeInputError(
        "--concentration",
        value,
        f"gives {fq(_volume(bad.dose, conc), 4)} for the {fq(bad.dose)} step, which is not "
        "exactly on the marks of an oral syringe that measures it",
        fix,
    )


def _no_concentration(
    phases: Sequence[Phase], record: Formulation, catalog: Catalog, deviation: Decimal
) -> UnsafeInputError:
    """The refusal when no listed concentration measures every step exactly: it names a step
    that none measures (or says that none measures them all) and how to fix it."""
    assert record.concentration is not None
    listed = record.concentration.listed
    failing = {c: _unmeasured(phases, c, catalog, deviation) for c in listed}
    everywhere = [p for p in phases if all(p in failing[c] for c in listed)]
    shown = ", ".join(fq(c) for c in listed)
    if everywhere:
        bad = everywhere[0]
        volumes = ", ".join(fq(_volume(bad.dose, c), 4) for c in listed)
        dose = _dose_text(bad.dose)
        least = min(s.minimum for s in catalog.syringes)
        too_small = all(_volume(bad.dose, c) < least for c in listed)
        problem = (
            f"gives a dose of {dose} that no listed concentration of {record.id} "
            f"({shown}) measures exactly on a syringe's marks ({volumes})"
        )
        if too_small:
            fix = (
                f"a dose this small needs a serial dilution (ldncalc liquid --target "
                f"{dose.replace(' ', '')}); start the titration at a measurable dose"
            )
        elif bad.option == "--step":
            fix = _step_fix(phases, record, catalog, deviation)
        else:
            fix = "round it to a dose on the marks, e.g. a multiple of 0.1 mg"
        return UnsafeInputError(bad.option, bad.given, problem, fix)
    bad = phases[0]
    return UnsafeInputError(
        bad.option,
        bad.given,
        f"starts a schedule that no single listed concentration of {record.id} ({shown}) "
        "measures exactly at every step",
        _step_fix(phases, record, catalog, deviation),
    )


def _step_fix(
    phases: Sequence[Phase], record: Formulation, catalog: Catalog, deviation: Decimal
) -> str:
    """A nearby --step (a multiple of 0.05 mg) that makes every step measurable, if one is."""
    assert record.concentration is not None
    first, last = phases[0].dose, phases[-1].dose
    sizes = [p.dose - q.dose for q, p in itertools.pairwise(phases)]
    asked = max(sizes) if sizes else last - first
    grain = Quantity(Decimal("0.05"), "milligram")
    works = []
    for count in range(1, int((last - first) / grain) + 1):
        size = (grain * count).to("milligram")
        trial = _phases(first, size, 1, last)
        if len(trial) > MAX_STEPS:
            continue
        if any(_syringes(trial, c, catalog, deviation) for c in record.concentration.listed):
            works.append(size)
    if not works:
        return "change the start, step or target so every dose is on a syringe's marks"
    below = [s for s in works if s <= asked]
    above = [s for s in works if s > asked]
    near = ([max(below)] if below else []) + ([min(above)] if above else [])
    return "use --step " + " or ".join(_cli(s) for s in near) + " (every dose on the marks)"


def _syringe_used(syringe: Any) -> SyringeUsed:
    return SyringeUsed(name=syringe.name, capacity=syringe.capacity, graduation=syringe.graduation)


def _sum_text(doses: Sequence[Phase]) -> str:
    """``0.5 mg × 14 + 1 mg × 7``: the doses of a run of days, grouped."""
    groups = [(dose, len(list(run))) for dose, run in itertools.groupby(p.dose for p in doses)]
    return " + ".join(f"{fq(dose)} × {days}" for dose, days in groups)


# --- capsules --------------------------------------------------------------------------------


def _capsules(
    phases: list[Phase],
    begin: date,
    bud: BeyondUse,
    drug_taken: Qty,
    warnings: list[str],
    notes: list[str],
    common: dict[str, Any],
) -> TitrationResult:
    doses = list(dict.fromkeys(p.dose for p in phases))
    strengths, combos = choose_strengths(doses)
    steps = [
        Step(
            name="Capsule strengths",
            formula=f"fewest strengths making every dose with at most {MAX_CAPSULES_PER_DOSE} "
            "capsules",
            calculation=", ".join(fq(s) for s in strengths),
        )
    ]
    schedule = []
    for number, (phase, first, last) in enumerate(_dated(phases, begin), 1):
        combo = combos[phase.dose]
        schedule.append(
            ScheduleStep(
                number=number,
                dose=phase.dose,
                first_day=first,
                last_day=last,
                days=phase.days,
                capsules=combo,
            )
        )
        steps.append(
            Step(
                name=f"Step {number} capsules",
                formula="capsules making the dose",
                calculation=f"{fq(phase.dose)} = {_capsules_text(combo)}",
            )
        )
    daily = _per_day(phases)
    fills = []
    for number, (offset, days) in enumerate(_chunks(len(daily), bud.days), 1):
        taken = daily[offset : offset + days]
        first = begin + timedelta(days=offset)
        fills.append(
            Fill(
                number=number,
                compounding_date=first,
                bud_date=first + timedelta(days=bud.days),
                first_day=first,
                last_day=first + timedelta(days=days - 1),
                days=days,
                drug_taken=sum((p.dose for p in taken), Quantity(0, "milligram")).to("milligram"),
                capsules=_counts(taken, strengths, combos),
            )
        )
    totals = _counts(daily, strengths, combos)
    for count in totals:
        used = [
            f"{c.count} × {p.days}"
            for p in phases
            for c in combos[p.dose]
            if c.strength == count.strength
        ]
        steps.append(
            Step(
                name=f"{fq(count.strength)} capsules",
                formula="capsules a dose × days, summed over the steps",
                calculation=f"{' + '.join(used)} = {count.count}",
            )
        )
    if len(fills) > 1:
        notes.append(
            f"The schedule lasts {common['days']} days and the BUD is {bud.days} days: "
            f"{len(fills)} fills, each compounded on its compounding date."
        )
    notes.append(
        "Compound each strength with 'ldncalc capsule --strength S --quantity N'; "
        "the batch adds the formulation's overage."
    )
    return TitrationResult(
        **common,
        form="capsule",
        schedule=tuple(schedule),
        concentration=None,
        tablet_strength=None,
        capsule_strengths=totals,
        fills=tuple(fills),
        drug_taken=drug_taken,
        tablets=None,
        total_volume=None,
        warnings=tuple(warnings),
        notes=tuple(notes),
        steps=tuple(steps),
    )


def _counts(
    days: Sequence[Phase], strengths: Sequence[Qty], combos: dict[Qty, tuple[CapsuleCount, ...]]
) -> tuple[CapsuleCount, ...]:
    counts = dict.fromkeys(strengths, 0)
    for phase in days:
        for capsule in combos[phase.dose]:
            counts[capsule.strength] += capsule.count
    return tuple(CapsuleCount(strength=s, count=n) for s, n in counts.items() if n)


def _capsules_text(combo: Sequence[CapsuleCount]) -> str:
    return " + ".join(f"{c.count} × {fq(c.strength)}" for c in combo)


def choose_strengths(
    doses: Sequence[Qty],
) -> tuple[tuple[Qty, ...], dict[Qty, tuple[CapsuleCount, ...]]]:
    """The fewest capsule strengths that make each of ``doses`` with at most 2 capsules, and
    the capsules for each dose (see the module docstring for the candidates and tie-breaks)."""
    places = max(-p.to("milligram").magnitude.normalize().as_tuple().exponent for p in doses)
    unit = Decimal(1).scaleb(-max(places, 0)) / 2  # halves of every dose are whole units
    wanted = sorted({_units(d, unit) for d in doses})
    offered = {_units(s, unit) for s in OFFERED_CAPSULE_STRENGTHS if _units_exact(s, unit)}
    pool = set(wanted) | offered
    pool |= {d // 2 for d in wanted if d % 2 == 0}
    pool |= {b - a for a, b in itertools.combinations(wanted, 2)}
    best = _search(wanted, sorted(pool))

    def rank(strengths: frozenset[int]) -> tuple[int, int, int, tuple[int, ...]]:
        made = {d: _make(d, strengths) for d in wanted}
        swallowed = sum(len(made[d]) for d in wanted)
        mixed = sum(1 for d in wanted if len(set(made[d])) > 1)
        return (-len(strengths & offered), swallowed, mixed, tuple(sorted(strengths)))

    chosen = min(best, key=rank)
    strengths = tuple(_strength(s, unit) for s in sorted(chosen, reverse=True))
    combos = {}
    for dose in doses:
        made = _make(_units(dose, unit), chosen)
        combos[dose] = tuple(
            CapsuleCount(strength=_strength(s, unit), count=made.count(s))
            for s in sorted(set(made), reverse=True)
        )
    return strengths, combos


def _strength(units: int, unit: Decimal) -> Qty:
    return Quantity(round_to(unit * units, 6), "milligram")


def _units(mass: Qty, unit: Decimal) -> int:
    return int(mass.to("milligram").magnitude / unit)


def _units_exact(mass: Qty, unit: Decimal) -> bool:
    value = mass.to("milligram").magnitude / unit
    return bool(value == value.to_integral())


def _make(dose: int, strengths: frozenset[int]) -> tuple[int, ...]:
    """The fewest capsules of ``strengths`` summing to ``dose`` (two identical ones before
    two different ones), or ``()`` if none does with at most 2."""
    if dose in strengths:
        return (dose,)
    if dose % 2 == 0 and dose // 2 in strengths:
        return (dose // 2, dose // 2)
    for s in sorted(strengths, reverse=True):
        if dose - s in strengths:
            return (s, dose - s)
    return ()


def _sums(strengths: frozenset[int]) -> set[int]:
    return set(strengths) | {
        a + b for a, b in itertools.combinations_with_replacement(strengths, 2)
    }


def _search(wanted: list[int], pool: list[int]) -> list[frozenset[int]]:
    """Every smallest set of strengths from ``pool`` whose sums of 1 or 2 cover ``wanted``."""
    for size in range(1, len(wanted) + 1):
        found: set[frozenset[int]] = set()
        _grow(frozenset(), set(wanted), size, wanted, pool, found)
        if found:
            return sorted(found, key=sorted)
    raise AssertionError("every dose as its own strength always works")  # pragma: no cover


def _grow(
    chosen: frozenset[int],
    open_doses: set[int],
    size: int,
    wanted: list[int],
    pool: list[int],
    found: set[frozenset[int]],
) -> None:
    if not open_doses:
        found.add(chosen)
        return
    room = size - len(chosen)
    # each new strength adds at most: itself, its double, a sum with each chosen strength and
    # a sum with each other new strength
    if room <= 0 or len(open_doses) > room * (room + 3) // 2 + room * len(chosen):
        return
    dose = min(open_doses)  # it must be made from strengths no larger than itself
    options: set[frozenset[int]] = {frozenset({dose})}
    if dose % 2 == 0:
        options.add(frozenset({dose // 2}))
    options |= {frozenset({dose - s}) for s in chosen if dose - s > 0}
    if room >= 2:
        options |= {frozenset({a, dose - a}) for a in pool if 0 < a < dose - a and dose - a in pool}
    for option in options:
        if option & chosen or len(option) > room:
            continue
        grown = chosen | option
        _grow(grown, open_doses - _sums(grown), size, wanted, pool, found)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _dose_text(dose: Qty) -> str:
    """A dose as a person reads it: in mcg below 0.1 mg (25 mcg, not 0.025 mg), else mg."""
    if dose < Quantity(Decimal("0.1"), "milligram"):
        return fq(dose, unit="microgram")
    return fq(dose, unit="milligram")


def _cli(quantity: Qty) -> str:
    """A quantity as a person types it on the command line: ``0.5mg``."""
    return fq(quantity).replace(" ", "")
