"""Master formulation records: the model, and loading them (and the catalogs) from TOML.

Built-in records ship inside the package (``ldncalc/_formulations`` in a wheel, the
repository's ``formulations/`` folder in a checkout). A pharmacy adds its own folder with
``--formulations-dir DIR`` or the ``LDNCALC_FORMULATIONS`` environment variable (several
folders separated by ``os.pathsep``); a pharmacy record with the id of a built-in one replaces
it, and the result names the file it came from. Every file is validated on load; an error names
the file, the field and the problem.
"""

import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal, NamedTuple, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from ldncalc.bud import BudRecord
from ldncalc.catalogs import CATALOG_TABLES, Catalog, catalog_files
from ldncalc.checks import require_text, type_words
from ldncalc.errors import FormulationError, FormulationNotFoundError, InputError
from ldncalc.limits import Limits
from ldncalc.quantities import Concentration, Mass, Volume
from ldncalc.toml_files import read_toml

ENVIRONMENT_VARIABLE = "LDNCALC_FORMULATIONS"

# The record used when none is named, by (kind, source).
DEFAULT_IDS = {
    ("liquid", "tablets"): "ldn-liquid-water",
    ("capsule", "api"): "ldn-capsule-api-mcc",
    ("capsule", "tablets"): "ldn-capsule-tablets-mcc",
}

_DEFAULT_SOURCE = {"liquid": "tablets", "capsule": "api"}

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Kind = Literal["liquid", "capsule"]
Source = Literal["tablets", "api"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Ingredient(_Record):
    """One ingredient. Liquids give amounts per the record's ``per`` volume; the active
    ingredient's amount is always calculated, and ``qs`` marks the vehicle or filler that
    makes up the rest."""

    name: Text
    role: Literal["active", "vehicle", "excipient", "filler"]
    function: str = ""
    mass: Mass | None = None
    volume: Volume | None = None
    qs: bool = False

    @model_validator(mode="after")
    def _one_amount(self) -> Self:
        given = [x for x in (self.mass, self.volume) if x is not None]
        if self.role == "excipient" and len(given) != 1:
            raise ValueError("an excipient needs exactly one of mass or volume")
        if self.role != "excipient" and given:
            raise ValueError(f"the {self.role}'s amount is calculated; remove mass/volume")
        if self.qs != (self.role in ("vehicle", "filler")):
            raise ValueError("qs = true is for the vehicle or filler, and only for them")
        return self


class Concentrations(_Record):
    """The concentrations a liquid record allows (REFERENCE.md §3: 0.5, 1, 5 mg/mL in use)."""

    default: Concentration
    listed: tuple[Concentration, ...] = Field(min_length=1)
    minimum: Concentration
    maximum: Concentration

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if not self.minimum <= self.default <= self.maximum:
            raise ValueError("default must lie between minimum and maximum")
        if any(not self.minimum <= c <= self.maximum for c in self.listed):
            raise ValueError("every listed concentration must lie between minimum and maximum")
        if self.default not in self.listed:
            raise ValueError("default must be one of the listed concentrations")
        return self


class CapsuleDefaults(_Record):
    """A capsule record's defaults: size, filler, overage (extra capsules) and the shell's
    material (its empty weight is part of a filled capsule's: docs/basis.md §4)."""

    size: Text
    filler: Text
    overage: Text = "1"
    shell: Literal["gelatin", "hpmc"] = "gelatin"


class Formulation(_Record):
    """A master formulation record (REFERENCE.md §6) as ldncalc reads it."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    name: Text
    version: int = Field(default=1, ge=1)
    dosage_form: Text
    kind: Kind
    source: Source
    tablet_strength: Mass | None = None
    per: Volume | None = None
    concentration: Concentrations | None = None
    capsule: CapsuleDefaults | None = None
    ingredients: tuple[Ingredient, ...] = Field(min_length=2)
    bud: BudRecord
    limits: Limits = Limits()
    container: Text
    equipment: tuple[Text, ...] = ()
    method: tuple[Text, ...] = Field(min_length=1)
    package: str = ""  # the last step: into the container, and label it
    quality_checks: tuple[Text, ...] = ()
    auxiliary_labels: tuple[Text, ...] = ()
    references: tuple[Text, ...] = Field(min_length=1)
    path: str = ""  # set by the loader: the file this record came from
    builtin: bool = False  # set by the loader

    @model_validator(mode="after")
    def _complete(self) -> Self:
        actives = [i for i in self.ingredients if i.role == "active"]
        if len(actives) != 1:
            raise ValueError("needs exactly one ingredient with role = active")
        if self.source == "tablets" and self.tablet_strength is None:
            raise ValueError("source = tablets needs tablet_strength")
        if self.kind == "liquid":
            if self.concentration is None or self.per is None:
                raise ValueError("a liquid needs [concentration] and per")
            if self.source != "tablets":
                raise ValueError("liquids are made from tablets (source = tablets)")
            if self.concentration.maximum > self.limits.concentration_maximum:
                raise ValueError("concentration.maximum is above limits.concentration_maximum")
        if self.kind == "capsule" and self.capsule is None:
            raise ValueError("a capsule record needs [capsule] with size and filler")
        return self

    @property
    def procedure(self) -> tuple[str, ...]:
        """The method steps followed by the packaging step."""
        return (*self.method, self.package) if self.package else self.method

    @property
    def active(self) -> Ingredient:
        return next(i for i in self.ingredients if i.role == "active")


@dataclass(frozen=True)  # public (ldncalc.load() returns it): a dataclass, as it always was
class Library:
    """Every formulation and the catalog, as loaded from the folders in effect."""

    formulations: dict[str, Formulation]
    catalog: Catalog

    def get(self, formulation_id: str, *, option: str = "--formulation") -> Formulation:
        if not isinstance(formulation_id, str):
            known = ", ".join(sorted(self.formulations))
            require_text(formulation_id, option, f"use one of: {known}")
        try:
            return self.formulations[formulation_id]
        except KeyError:
            known = ", ".join(sorted(self.formulations))
            raise FormulationNotFoundError(
                option, formulation_id, "is not a known formulation", f"use one of: {known}"
            ) from None

    def pick(self, formulation_id: str | None, kind: Kind, source: Source | None) -> Formulation:
        """The record named, or the default for ``kind`` and ``source``; it must be of that
        kind (and source, when one is asked for)."""
        if formulation_id is None:
            return self.get(DEFAULT_IDS[(kind, source or _DEFAULT_SOURCE[kind])])
        record = self.get(formulation_id)
        if record.kind != kind:
            raise FormulationError(
                "--formulation",
                formulation_id,
                f"is a {record.kind} formulation",
                f"use a {kind} formulation: {', '.join(self.ids(kind))}",
            )
        if source is not None and record.source != source:
            raise FormulationError(
                "--source",
                source,
                f"does not match {formulation_id} (made from {record.source})",
                f"drop --source or use --source {record.source}",
            )
        return record

    def ids(self, kind: Kind) -> list[str]:
        """The ids of every record of ``kind``, sorted."""
        return sorted(i for i, r in self.formulations.items() if r.kind == kind)


@cache
def builtin_folder() -> Path:
    """The built-in formulations folder: inside the installed package, or the checkout's."""
    packaged = Path(__file__).with_name("_formulations")
    return packaged if packaged.is_dir() else Path(__file__).parent.parent / "formulations"


def folders(extra: str | os.PathLike[str] | None = None) -> tuple[Path, ...]:
    """The folders in effect: built-in first, then ``LDNCALC_FORMULATIONS``, then ``extra``."""
    chosen = [builtin_folder()]
    named = [
        (ENVIRONMENT_VARIABLE, p)
        for p in os.environ.get(ENVIRONMENT_VARIABLE, "").split(os.pathsep)
        if p
    ]
    if extra is not None:
        named.append(("--formulations-dir", folder_name(extra, "--formulations-dir")))
    for option, text in named:
        folder = Path(text).resolve()  # results name the file absolutely
        if not folder.is_dir():
            raise FormulationError(option, text, "is not a folder", "give a folder of .toml files")
        chosen.append(folder)
    return tuple(chosen)


def folder_name(value: object, option: str, *, optional: bool = True) -> str:
    """A folder named by a library caller or on the command line, as text: a ``str`` or a
    path, never empty (``""`` would be the current folder, read as formulations)."""
    fix = "give a folder of .toml files" + (", or leave the option out" if optional else "")
    if not isinstance(value, str | os.PathLike):
        raise InputError(
            option, value, f"is {type_words(value)}, not a folder", "give a folder of .toml files"
        )
    text = os.fspath(value)
    if not isinstance(text, str) or not text.strip():
        raise InputError(option, value, "is empty", fix)
    return text


def load(extra: str | os.PathLike[str] | None = None) -> Library:
    """Load every formulation and catalog from the folders in effect (cached per file state)."""
    dirs = folders(extra)
    return _load(dirs, _fingerprint(dirs))


def _fingerprint(dirs: tuple[Path, ...]) -> tuple[tuple[str, int], ...]:
    """Every .toml file of the pharmacy folders with its modification time: a changed, added
    or removed file gives a new fingerprint, so the cache below never serves stale records.
    The built-in folder (``dirs[0]``) is part of the installed package and is read once."""
    found = []
    for folder in dirs[1:]:
        for where in (folder, folder / "catalogs"):
            try:
                with os.scandir(where) as entries:
                    found += [
                        (entry.path, entry.stat().st_mtime_ns)
                        for entry in entries
                        if entry.name.endswith(".toml") and entry.is_file()
                    ]
            except FileNotFoundError:
                continue
    return tuple(sorted(found))


def formulation_files(folder: Path) -> list[Path]:
    """The formulation records of one folder (its top-level ``*.toml`` files), in name order."""
    return sorted(folder.glob("*.toml"))


@cache
def _load(dirs: tuple[Path, ...], fingerprint: tuple[tuple[str, int], ...]) -> Library:
    builtin = dirs[0]
    formulations: dict[str, Formulation] = {}
    for folder in dirs:
        for path in formulation_files(folder):
            record = read_formulation(path, builtin=folder == builtin)
            formulations[record.id] = record
    catalog = read_catalog(dirs)
    for record in formulations.values():
        check_against_catalog(record, catalog)
    return Library(formulations, catalog)


def read_formulation(path: Path, *, builtin: bool = False) -> Formulation:
    """One record from a TOML file, or :class:`FormulationError` naming file, field, problem."""
    data = _read_toml(path)
    data.update(path=str(path), builtin=builtin)
    try:
        return Formulation.model_validate(data)
    except ValidationError as error:
        raise _formulation_error(path, error) from None


def read_catalog(dirs: Iterable[Path]) -> Catalog:
    """The catalog merged from every folder's ``catalogs/*.toml``; later folders win by key."""
    merged: dict[str, dict[str, Any]] = {field: {} for _, field, _ in CATALOG_TABLES}
    where: dict[str, Path] = {}
    for folder in dirs:
        for path in catalog_files(folder):
            data = _read_toml(path)
            for table, field, key in CATALOG_TABLES:
                for entry in data.pop(table, []):
                    merged[field][str(entry.get(key))] = entry
                    where[field] = path
            data.pop("source", None)
            if data:
                raise FormulationError(
                    str(path),
                    ", ".join(data),
                    "is not a catalog table",
                    "use " + ", ".join(f"[[{t}]]" for t, _, _ in CATALOG_TABLES),
                )
    try:
        return Catalog.model_validate({f: list(entries.values()) for f, entries in merged.items()})
    except ValidationError as error:
        field = str(error.errors()[0]["loc"][0])
        raise _formulation_error(where.get(field, Path("catalogs")), error) from None


def check_against_catalog(record: Formulation, catalog: Catalog) -> None:
    """A record's defaults must name entries that exist in the catalog."""
    if record.capsule is None:
        return
    size, filler = record.capsule.size, catalog.filler(record.capsule.filler)
    if catalog.capsule_size(size) is None:
        raise _field_error(record, "capsule.size", size, "is not in the capsule catalog")
    if filler is None or filler.avoid:
        problem = f"must not be used: {filler.avoid}" if filler else "is not in the filler catalog"
        raise _field_error(record, "capsule.filler", record.capsule.filler, problem)


def _field_error(record: Formulation, field: str, value: str, problem: str) -> FormulationError:
    error = FormulationError(f"{record.path}: {field}", value, problem)
    error.problems = (f'{field}: "{value}" {problem}',)
    return error


class CheckReport(NamedTuple):
    """What ``formulations check`` found: a line a file, and how many failed."""

    lines: tuple[str, ...]
    checked: int
    failed: int


def check_folder(folder: Path) -> CheckReport:
    """Validate every record and catalog file in ``folder``: each file on its own, each
    record against the catalog (built-in plus the folder's), then the folder as a whole."""
    if not folder.is_dir():
        raise FormulationError(
            "DIR", str(folder), "is not a folder", "give a folder of .toml files"
        )
    dirs = (builtin_folder(), folder.resolve())
    lines: list[str] = []
    failed = 0
    catalog = None
    try:
        catalog = read_catalog(dirs)
    except FormulationError as error:
        failed += 1
        lines += [f"INVALID {error.option}: {p}" for p in error.problems or (error.problem,)]
    files = formulation_files(folder)
    for path in files:
        try:
            record = read_formulation(path)
            if catalog is not None:
                check_against_catalog(record, catalog)
            lines.append(f"ok      {path.name}: {record.id} ({record.kind}, {record.source})")
        except FormulationError as error:
            failed += 1
            problems = error.problems or (error.problem,)
            lines += [f"INVALID {path.name}: {problem}" for problem in problems]
    if not failed:
        library = _load(dirs, _fingerprint(dirs))
        lines.append(f"ok      {len(library.formulations)} formulations in effect with this folder")
    return CheckReport(tuple(lines), len(files), failed)


def _read_toml(path: Path) -> dict[str, Any]:
    return read_toml(path, FormulationError)


def _formulation_error(path: Path, error: ValidationError) -> FormulationError:
    problems = []
    for item in error.errors():
        where = ".".join(str(part) for part in item["loc"]) or "(record)"
        message = item["msg"].removeprefix("Value error, ")
        if item["loc"]:  # a quantity's own message starts with its field name: once is enough
            message = message.removeprefix(f"{item['loc'][-1]}: ")
        problems.append(f"{where}: {message}")
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    first = problems[0] + more
    exc = FormulationError(str(path), None, first)
    exc.problems = tuple(problems)
    return exc
