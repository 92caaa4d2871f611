"""Published titration protocols, kept as data: ``formulations/protocols/*.toml``.

A protocol is either ``[schedule]`` (start, step, every, target) or a list of ``[[steps]]``
(dose, duration), with its source and references. A pharmacy adds its own in ``protocols/``
of its formulations folder; one with the id of a built-in protocol replaces it. Within one
folder an id is given once: a second file with it is refused, never silently preferred.
"""

import itertools
import os
import re
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Annotated, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from ldncalc.checks import PlainText, Text, require_text, validation_problems
from ldncalc.errors import FormulationError, FormulationNotFoundError, UnsafeInputError
from ldncalc.formatting import Lang, format_number
from ldncalc.formatting import format_quantity as fq
from ldncalc.formulations import file_error, folders, read_data_file, refuse_shared_id
from ldncalc.limits import Limits
from ldncalc.quantities import Concentration, Duration, Mass
from ldncalc.titration.models import FORMS, Form, ProtocolUsed
from ldncalc.units import DAY

PROTOCOLS_FOLDER = "protocols"
_DOSE_RANGE = (Limits().dose_minimum, Limits().dose_maximum)  # ldncalc's own, not a record's


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


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


class ProtocolTranslation(_Record):
    """A protocol's own text in another language (its ``[fr]`` table)."""

    name: Text | None = None
    note: PlainText | None = None


class Protocol(_Record):
    """A published titration schedule and where it comes from."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    name: Text
    forms: tuple[Form, ...] = Field(default=FORMS, min_length=1)
    concentration: Concentration | None = None  # for liquids: the one the source uses
    schedule: ProtocolSchedule | None = None
    steps: tuple[ProtocolStep, ...] = ()
    maintenance: Duration | None = None
    note: PlainText = ""
    languages: tuple[Lang, ...] = ("en",)  # the languages its text is written in
    fr: ProtocolTranslation | None = None  # its text in French (Canada), where given
    source: Text
    references: tuple[Text, ...] = Field(min_length=1)
    path: str = ""  # set by the loader
    builtin: bool = False  # set by the loader

    @model_validator(mode="after")
    def _one_schedule(self) -> Self:
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
            days = duration.to(DAY).magnitude
            if days != days.to_integral():
                raise ValueError(f"{fq(duration)} is not a whole number of days")
        doses = [s.dose for s in self.steps]
        if any(b <= a for a, b in itertools.pairwise(doses)):
            raise ValueError("the doses of [[steps]] must go up, step by step")
        if self.schedule is not None:
            doses += [self.schedule.start, self.schedule.target]
        low, high = _DOSE_RANGE
        for dose in doses:  # ldncalc's dose range: a protocol cannot widen it (issue 9 §8)
            if not low <= dose <= high:
                raise ValueError(
                    f"the dose {fq(dose)} is outside ldncalc's {fq(low)} to {fq(high)} "
                    "(the low-dose range, docs/basis.md §2)"
                )
        if self.concentration is not None and "liquid" not in self.forms:
            raise ValueError("concentration is for liquid protocols")
        return self

    def used(self) -> ProtocolUsed:
        """What a result says of the protocol it follows."""
        return ProtocolUsed(
            id=self.id,
            name=self.name,
            path=self.path,
            builtin=self.builtin,
            source=self.source,
            references=self.references,
            note=self.note,
        )

    def text(self, field: str, lang: str) -> str:
        """The protocol's ``name`` or ``note`` in ``lang`` where it gives it, else its English."""
        given = getattr(self, lang, None) if lang != "en" else None
        return str(getattr(given, field, None) or getattr(self, field))


def missing_protocol_translations(protocol: Protocol) -> tuple[FormulationError, ...]:
    """What a protocol lacks in a language it declares (``languages``), as a formulation
    record's translations are checked: its name and note, each placed at its field
    (``fr.name``); and a number of the English name written otherwise than the one formatter
    writes it in that language (``1.5 mg`` is ``1,5 mg`` in French)."""
    lacking: list[FormulationError] = []
    for lang in protocol.languages:
        if lang == "en":
            continue
        given = getattr(protocol, lang)
        if given is None:
            lacking.append(_lack(lang, "translation-missing", lang=lang))
            continue
        for field in ("name", "note"):
            text = getattr(given, field)
            if getattr(protocol, field) and not text:
                lacking.append(_lack(f"{lang}.{field}", "translation-missing", lang=lang))
        if given.name:
            lacking += [
                _lack(f"{lang}.name", "translation-number", english=number, written=written)
                for number, written in _numbers_not_written(protocol.name, given.name, lang)
            ]
    return tuple(lacking)


def _lack(field: str, code: str, **params: object) -> FormulationError:
    return FormulationError(field, None, code=code, place=True, **params)


_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _numbers_not_written(english: str, translated: str, lang: Lang) -> list[tuple[str, str]]:
    """Each number of ``english`` (``1.5``) that ``translated`` does not hold as the one
    formatter writes it in ``lang`` (``1,5``): with how it should be written."""
    held = set(re.findall(r"\d+(?:[.,]\d+)?", translated))
    missing = []
    for number in dict.fromkeys(_NUMBER.findall(english)):
        written = format_number(Decimal(number), lang=lang)
        if written not in held:
            missing.append((number, written))
    return missing


def load_protocols(extra: str | os.PathLike[str] | None = None) -> dict[str, Protocol]:
    """Every protocol in ``protocols/*.toml`` of the folders in effect (built-in first, then
    a pharmacy's: one with the same id replaces a built-in one), validated on load."""
    dirs = folders(extra)
    files = tuple(
        (path, _modified(path), folder == dirs[0])
        for folder in dirs
        for path in protocol_files(folder)
    )
    return _load_protocols(files)


def protocol_files(folder: Path) -> list[Path]:
    """The protocols of one formulations folder (``protocols/*.toml``), in name order."""
    return sorted((folder / PROTOCOLS_FOLDER).glob("*.toml"))


def _modified(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:  # a broken link: read_protocol says so
        return -1


@cache
def _load_protocols(files: tuple[tuple[Path, int, bool], ...]) -> dict[str, Protocol]:
    protocols: dict[str, Protocol] = {}
    in_folder: dict[tuple[Path, str], Path] = {}
    for path, _, builtin in files:  # a later folder replaces a protocol by id
        protocol = read_protocol(path, builtin=builtin)
        refuse_shared_id(path, "id", protocol.id, in_folder.get((path.parent, protocol.id)))
        in_folder[path.parent, protocol.id] = path
        protocols[protocol.id] = protocol
    return protocols


def read_protocol(path: Path, *, builtin: bool = False) -> Protocol:
    """One protocol from a TOML file, or :class:`FormulationError` naming file, field, problem."""
    data = read_data_file(path)
    data.update(path=str(path), builtin=builtin)
    try:
        return Protocol.model_validate(data)
    except ValidationError as error:
        problems = validation_problems(error, "(protocol)", FormulationError)
        raise file_error(path, problems) from None


def find_protocol(
    name: str, form: str, formulations_dir: str | os.PathLike[str] | None
) -> Protocol:
    """The protocol called ``name`` for ``form``, or the one-line refusal on ``--protocol`` or
    ``--form``."""
    protocols = load_protocols(formulations_dir)
    known = tuple(sorted(protocols))
    require_text(name, "--protocol", code="titration-protocol-unknown", known=known)
    found = protocols.get(name)
    if found is None:
        raise FormulationNotFoundError(
            "protocol", name, code="titration-protocol-unknown", known=tuple(sorted(protocols))
        )
    if form not in found.forms:
        raise UnsafeInputError(
            "form", form, code="titration-protocol-form", protocol=found.id, forms=found.forms
        )
    return found
