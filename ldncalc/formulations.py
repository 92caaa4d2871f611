"""Master formulation records: the model, and loading them (and the catalogs) from TOML.

Built-in records ship inside the package (``ldncalc/_formulations`` in a wheel, the
repository's ``formulations/`` folder in a checkout). A pharmacy adds its own folder with
``--formulations-dir DIR`` or the ``LDNCALC_FORMULATIONS`` environment variable (several
folders separated by ``os.pathsep``); a pharmacy record with the id of a built-in one replaces
it, and the result names the file it came from. Every file is validated on load; an error names
the file, the field and the problem.

A folder is untrusted input (issue 9 §8): only regular files are read, each of at most 1 MB
(:mod:`ldncalc.toml_files`); within one folder an id (of a record, a catalog entry or a
protocol) is defined once, and a second file that uses it is refused rather than silently
winning; a record's ``[limits]`` narrow ldncalc's, never widen them (:mod:`ldncalc.limits`).
"""

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources
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
from ldncalc.checks import PlainText, Text, require_text, type_words
from ldncalc.config_paths import path_kind
from ldncalc.errors import FormulationError, FormulationNotFoundError, InputError, LdnCalcError
from ldncalc.formatting import format_quantity
from ldncalc.limits import Limits
from ldncalc.messages import Message, record_text
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
    function: PlainText = ""
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
    """The concentrations a liquid record allows (docs/basis.md §3: 0.5, 1, 5 mg/mL in use)."""

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


class Spare(_Record):
    """A liquid's spare volume (overfill) on top of its doses: what stays in the bottle, the
    press-in adapter and the syringe tip is never taken (USP <698> Deliverable Volume). The
    spare is the greater of ``doses`` doses and ``percent`` % of the volume of the doses.
    ldncalc's default, 1 dose or 5 %, is an unconfirmed, overridable one (docs/basis.md §3):
    no compendial figure exists for a compounded oral liquid."""

    doses: int = Field(default=1, ge=1, le=10)
    percent: Decimal = Field(default=Decimal(5), ge=0, le=50)


class CapsuleDefaults(_Record):
    """A capsule record's defaults: size, filler, overage (extra capsules) and the shell's
    material (its empty weight is part of a filled capsule's: docs/basis.md §4)."""

    size: Text
    filler: Text
    overage: Text = "1"
    shell: Literal["gelatin", "hpmc"] = "gelatin"


class Translation(_Record):
    """A record's own text in another language (its ``[fr]`` table): each field given
    replaces the English one; ``ingredients`` maps an ingredient's English name to its name
    in that language. ``ldncalc formulations check`` reports what a declared language lacks."""

    name: Text | None = None
    dosage_form: Text | None = None
    container: Text | None = None
    equipment: tuple[Text, ...] | None = None
    method: tuple[Text, ...] | None = None
    package: PlainText | None = None
    quality_checks: tuple[Text, ...] | None = None
    references: tuple[Text, ...] | None = None
    bud_references: tuple[Text, ...] | None = None
    ingredients: dict[str, Text] = Field(default_factory=dict)
    functions: dict[str, Text] = Field(default_factory=dict)  # an ingredient's function


TRANSLATED = (  # the fields of a record that hold text a person reads
    *("name", "dosage_form", "container", "equipment", "method", "package"),
    *("quality_checks", "references", "bud_references"),
)


class Formulation(_Record):
    """A master formulation record (docs/basis.md §6) as ldncalc reads it."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    name: Text
    version: int = Field(default=1, ge=1)
    dosage_form: Text
    kind: Kind
    source: Source
    tablet_strength: Mass | None = None
    per: Volume | None = None
    concentration: Concentrations | None = None
    spare: Spare = Spare()  # liquids: the spare volume on top of the doses
    capsule: CapsuleDefaults | None = None
    ingredients: tuple[Ingredient, ...] = Field(min_length=2)
    bud: BudRecord
    limits: Limits = Limits()
    container: Text
    equipment: tuple[Text, ...] = ()
    method: tuple[Text, ...] = Field(min_length=1)
    package: PlainText = ""  # the last step: into the container, and label it
    quality_checks: tuple[Text, ...] = ()
    auxiliary_labels: tuple[Text, ...] = ()
    references: tuple[Text, ...] = Field(min_length=1)
    languages: tuple[Literal["en", "fr"], ...] = ("en",)  # the languages its text is written in
    fr: Translation | None = None  # its text in French, beside the English
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
        low, high = self.limits.tablet_strength_minimum, self.limits.tablet_strength_maximum
        if self.tablet_strength is not None and not low <= self.tablet_strength <= high:
            raise ValueError(
                f"tablet_strength {format_quantity(self.tablet_strength)} is outside "
                f"{format_quantity(low)} to {format_quantity(high)}, the strengths naltrexone "
                "HCl tablets are made in"
            )
        if self.kind == "capsule" and self.capsule is None:
            raise ValueError("a capsule record needs [capsule] with size and filler")
        _bud_fits_form(self.kind, self.bud)
        return self

    def texts(self, field: str) -> tuple[Message, ...]:
        """The record's text ``field`` (``method``, ``quality_checks``…) as records that carry
        every language the record has, for the reader to choose (code ``record-text``)."""
        english = getattr(self, field) if field != "bud_references" else self.bud.references
        english = (english,) if isinstance(english, str) else tuple(english)
        french = getattr(self.fr, field, None) if self.fr is not None else None
        french = (french,) if isinstance(french, str) else french
        if french is not None and len(french) != len(english):
            french = None  # formulations check reports it; the reader gets the English
        return tuple(
            record_text(line, french[i] if french is not None else None)
            for i, line in enumerate(english)
        )

    def ingredient_text(self, name: str) -> Message:
        """An ingredient's name in every language the record has."""
        french = self.fr.ingredients.get(name) if self.fr is not None else None
        return record_text(name, french)

    def function_text(self, function: str) -> Message:
        """An ingredient's function (``immediate-release filler``) in every language given."""
        french = self.fr.functions.get(function) if self.fr is not None else None
        return record_text(function, french)

    @property
    def procedure(self) -> tuple[str, ...]:
        """The method steps followed by the packaging step."""
        return (*self.method, self.package) if self.package else self.method

    @property
    def active(self) -> Ingredient:
        return next(i for i in self.ingredients if i.role == "active")


def _bud_fits_form(kind: Kind, bud: BudRecord) -> None:
    """The BUD's USP <795> category must be the dosage form's (docs/basis.md §5): a capsule is
    a nonaqueous solid; a liquid is aqueous, or a nonaqueous liquid only with a measured water
    activity below 0.6 (a water suspension must not get a solid's 180 days)."""
    category = bud.category
    if kind == "capsule" and category != "nonaqueous-solid":
        raise ValueError(
            f'bud.category "{category}" does not fit a capsule: USP <795> dates capsules as '
            'nonaqueous solids; use category = "nonaqueous-solid"'
        )
    if kind == "liquid" and category == "nonaqueous-solid":
        raise ValueError(
            'bud.category "nonaqueous-solid" does not fit a liquid: use "aqueous-nonpreserved" '
            'or "aqueous-preserved", or "nonaqueous-liquid" with the measured '
            "bud.water_activity below 0.6 (USP <795>)"
        )
    if category == "nonaqueous-liquid" and bud.water_activity is None:
        raise ValueError(
            'bud.category "nonaqueous-liquid" needs the liquid\'s measured water activity: '
            "give bud.water_activity, below 0.6 (USP <795>)"
        )


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
    """The built-in formulations folder: ``_formulations`` in the installed package (found by
    importlib.resources; pip unpacks a wheel, so it is a folder on disk and results name each
    record's file), else the checkout's ``formulations/`` (an editable install)."""
    package = resources.files("ldncalc")
    packaged = package / "_formulations"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(str(package)).parent / "formulations"


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
        if path_kind(Path(text), option) != "folder":
            raise FormulationError(option, text, "is not a folder", "give a folder of .toml files")
        chosen.append(Path(text).resolve())  # results name the file absolutely
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
            except OSError as failure:  # a folder that cannot be read is bad input, not output
                raise FormulationError(
                    str(where),
                    None,
                    f"cannot be read ({failure.strerror or failure})",
                    "give a folder that you can read",
                ) from None
    return tuple(sorted(found))


def formulation_files(folder: Path) -> list[Path]:
    """The formulation records of one folder (its top-level ``*.toml`` files), in name order."""
    return sorted(folder.glob("*.toml"))


@cache
def _load(dirs: tuple[Path, ...], fingerprint: tuple[tuple[str, int], ...]) -> Library:
    builtin = dirs[0]
    formulations: dict[str, Formulation] = {}
    for folder in dirs:  # a later folder replaces a record by id
        in_folder: dict[str, Path] = {}
        for path in formulation_files(folder):
            record = read_formulation(path, builtin=folder == builtin)
            refuse_shared_id(path, "id", record.id, in_folder.get(record.id))
            in_folder[record.id] = path
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
    """The catalog merged from every folder's ``catalogs/*.toml``; a later folder replaces an
    entry by key (name or id), which one folder gives once."""
    merged: dict[str, dict[object, tuple[Any, Path]]] = {f: {} for _, f, _ in CATALOG_TABLES}
    for folder in dirs:
        in_folder: dict[tuple[str, str], Path] = {}
        for path in catalog_files(folder):
            data = _read_toml(path)
            for table, field, key in CATALOG_TABLES:
                for number, entry in enumerate(_entries(path, table, data.pop(table, []))):
                    name = entry.get(key)
                    if not isinstance(name, str):  # no key: the catalog's check names it
                        merged[field][(path, number)] = (entry, path)
                        continue
                    refuse_shared_id(path, f"{table}.{key}", name, in_folder.get((field, name)))
                    in_folder[field, name] = path
                    merged[field][name] = (entry, path)
            data.pop("source", None)
            if data:
                raise FormulationError(
                    str(path),
                    ", ".join(data),
                    "is not a catalog table",
                    "use " + ", ".join(f"[[{t}]]" for t, _, _ in CATALOG_TABLES),
                )
    listed = {field: list(entries.values()) for field, entries in merged.items()}
    try:
        return Catalog.model_validate({f: [e for e, _ in got] for f, got in listed.items()})
    except ValidationError as error:
        match error.errors()[0]["loc"]:
            case (str(field), int(number), *_):  # an entry: the file it came from
                where = listed[field][number][1]
            case _:
                where = Path("catalogs")
        raise _formulation_error(where, error) from None


def _entries(path: Path, table: str, value: object) -> list[dict[str, Any]]:
    """The entries of a catalog's ``[[table]]``; ``[table]`` (one table, not a list of them)
    and ``table = …`` are refused naming the file and the table."""
    if isinstance(value, list) and all(isinstance(entry, dict) for entry in value):
        return value
    shape = f"is one table [{table}]" if isinstance(value, dict) else "is not a list of tables"
    raise FormulationError(
        f"{path}: {table}", None, shape, f"write [[{table}]] above each entry, with two brackets"
    )


def refuse_shared_id(path: Path, field: str, value: str, first: Path | None) -> None:
    """Refuse ``value`` as the ``field`` of ``path`` when ``first``, another file of the same
    folder (or ``path`` itself), already gave it: within a folder the second would silently
    win. A later folder replacing an id of an earlier one is the override, and allowed."""
    if first is None:
        return
    where = "twice in this file" if first == path else f"also in {first}"
    error = FormulationError(
        f"{path}: {field}",
        value,
        f"is {where}",
        "keep one of them: a folder defines each once",
    )
    error.problems = (f'{field}: "{value}" is {where}',)
    raise error


def check_against_catalog(record: Formulation, catalog: Catalog) -> None:
    """A record's defaults must name entries that exist in the catalog, and its default
    overage lie within its limits."""
    if record.capsule is None:
        return
    size, filler = record.capsule.size, catalog.filler(record.capsule.filler)
    if catalog.capsule_size(size) is None:
        raise _field_error(record, "capsule.size", size, "is not in the capsule catalog")
    if filler is None or filler.avoid:
        problem = f"must not be used: {filler.avoid}" if filler else "is not in the filler catalog"
        raise _field_error(record, "capsule.filler", record.capsule.filler, problem)
    from ldncalc.preparations.capsule.read import read_overage  # imports this module

    try:  # read as --overage is, within the record's own limits
        read_overage(record.capsule.overage, 1, record)
    except LdnCalcError as error:
        problem = f"{error.problem}; {error.fix}" if error.fix else error.problem
        raise _field_error(record, "capsule.overage", record.capsule.overage, problem) from None


def missing_translations(record: Formulation) -> tuple[str, ...]:
    """What a record lacks in a language it declares (``languages``): each field of text a
    person reads, line for line with the English, and each ingredient's name."""
    lacking: list[str] = []
    for lang in record.languages:
        if lang == "en":
            continue
        given = getattr(record, lang)
        if given is None:
            lacking.append(f"{lang}: missing (languages declares {lang!r})")
            continue
        for field in TRANSLATED:
            if field == "references":
                continue  # citations are quoted as published, in their own language
            english = record.bud.references if field == "bud_references" else getattr(record, field)
            if not english:
                continue
            text = getattr(given, field)
            if text is None:
                lacking.append(f"{lang}.{field}: missing (languages declares {lang!r})")
            elif not isinstance(english, str) and len(text) != len(english):
                lacking.append(f"{lang}.{field}: has {len(text)} lines, the English {len(english)}")
        for ingredient in record.ingredients:
            if ingredient.name not in given.ingredients:
                lacking.append(f'{lang}.ingredients: missing "{ingredient.name}"')
            if ingredient.function and ingredient.function not in given.functions:
                lacking.append(f'{lang}.functions: missing "{ingredient.function}"')
    return tuple(lacking)


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
    """Validate every record, catalog and protocol file in ``folder``: each file on its own,
    each record against the catalog (built-in plus the folder's), ids given twice, then the
    folder as a whole."""
    from ldncalc.titration.protocols import protocol_files, read_protocol  # imports this module

    if path_kind(folder, "DIR") != "folder":
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
        if len(error.problems) > 1:
            lines += [f"INVALID {error.option}: {p}" for p in error.problems]
        else:
            lines.append(f"INVALID {error}")

    def record(path: Path) -> tuple[str, str]:
        found = read_formulation(path)
        if catalog is not None:
            check_against_catalog(found, catalog)
        lacking = missing_translations(found)
        if lacking:
            error = FormulationError(str(path), None, lacking[0])
            error.problems = lacking
            raise error
        return found.id, f"{found.id} ({found.kind}, {found.source})"

    def protocol(path: Path) -> tuple[str, str]:
        found = read_protocol(path)
        return found.id, f"{found.id} ({', '.join(found.forms)})"

    files = formulation_files(folder)
    protocols = protocol_files(folder)
    for paths, read, prefix in ((files, record, ""), (protocols, protocol, "protocols/")):
        more, invalid = _check_files(paths, read, prefix)
        lines += more
        failed += invalid
    files += protocols + catalog_files(folder)
    if not failed:
        library = _load(dirs, _fingerprint(dirs))
        lines.append(f"ok      {len(library.formulations)} formulations in effect with this folder")
    return CheckReport(tuple(lines), len(files), failed)


def _check_files(
    paths: list[Path], read: Callable[[Path], tuple[str, str]], prefix: str
) -> tuple[list[str], int]:
    """A line a file of ``paths`` (``read`` gives its id and description) and how many are
    invalid, an id given by two files included."""
    lines: list[str] = []
    failed = 0
    ids: dict[str, Path] = {}
    for path in paths:
        name = prefix + path.name
        try:
            found, described = read(path)
            refuse_shared_id(path, "id", found, ids.get(found))
            ids[found] = path
            lines.append(f"ok      {name}: {described}")
        except FormulationError as error:
            failed += 1
            lines += [f"INVALID {name}: {p}" for p in error.problems or (error.problem,)]
    return lines, failed


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
