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

import dataclasses
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, cached_property
from importlib import resources
from pathlib import Path, PurePath
from typing import Annotated, Any, Literal, NamedTuple, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    StringConstraints,
    ValidationError,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ldncalc.bud import BudRecord
from ldncalc.catalogs import CATALOG_TABLES, Catalog, catalog_files
from ldncalc.checks import (
    PlainText,
    Text,
    read_overage,
    require_text,
    type_name,
    validation_problems,
)
from ldncalc.config_paths import path_kind
from ldncalc.errors import FormulationError, FormulationNotFoundError, InputError, LdnCalcError
from ldncalc.forms import default_record, default_records, kinds
from ldncalc.formulation_index import Entry, Index, index_key, settled
from ldncalc.limits import Limits
from ldncalc.messages import Message, built, record_text
from ldncalc.quantities import Concentration, Mass, Volume
from ldncalc.toml_files import PARSED, read_parsed, read_toml

ENVIRONMENT_VARIABLE = "LDNCALC_FORMULATIONS"

# The record used when none is named, by (kind, source), as the forms register it
# (:data:`ldncalc.forms.REGISTRY`; :meth:`Library.pick` asks the registry as it stands).
DEFAULT_IDS = default_records()


def _registered(value: object) -> str:
    """``value`` if it is the kind of a registered dosage form (:func:`ldncalc.forms.kinds`);
    refused in the words of a closed list of choices (pydantic's ``literal_error``, which
    ``formulations check`` and the loader translate)."""
    known = kinds()
    if isinstance(value, str) and value in known:
        return value
    choices = [repr(kind) for kind in known]
    expected = " or ".join(filter(None, (", ".join(choices[:-1]), choices[-1])))
    raise PydanticCustomError("literal_error", "Input should be {expected}", {"expected": expected})


# a record's dosage form: a kind :data:`ldncalc.forms.REGISTRY` registers
Kind = Annotated[str, PlainValidator(_registered)]
Source = Literal["tablets", "api"]


def _invalid(code: str, **params: Any) -> FormulationError:
    """A record's own check refused (placed at its field by :func:`_formulation_error`)."""
    return FormulationError("(record)", None, code=code, place=True, **params)


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
            raise _invalid("formulation-excipient-amount")
        if self.role != "excipient" and given:
            raise _invalid("formulation-amount-calculated", role=self.role)
        if self.qs != (self.role in ("vehicle", "filler")):
            raise _invalid("formulation-qs-role")
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
            raise _invalid("concentration-default-outside")
        if any(not self.minimum <= c <= self.maximum for c in self.listed):
            raise _invalid("concentration-listed-outside")
        if self.default not in self.listed:
            raise _invalid("concentration-default-unlisted")
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
    # liquids: the spare volume on top of the doses. These defaults are the same as Spare() and
    # Limits(), built without validation, so that importing this module builds no schema
    spare: Spare = built(Spare)
    capsule: CapsuleDefaults | None = None
    # a plug-in form's own table ([form]), read and checked by its package (ldncalc.forms)
    form: dict[str, Any] = Field(default_factory=dict)
    ingredients: tuple[Ingredient, ...] = Field(min_length=2)
    bud: BudRecord
    limits: Limits = built(Limits)
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
            raise _invalid("formulation-one-active")
        if self.source == "tablets" and self.tablet_strength is None:
            raise _invalid("formulation-tablet-strength-needed")
        if self.kind in ("liquid", "liquid-api"):
            if self.concentration is None or self.per is None:
                raise _invalid("formulation-liquid-needs-concentration")
            if (self.kind == "liquid") != (self.source == "tablets"):
                raise _invalid("formulation-liquid-from-tablets")
            if self.concentration.maximum > self.limits.concentration_maximum:
                raise _invalid("formulation-concentration-above-limit")
        low, high = self.limits.tablet_strength_minimum, self.limits.tablet_strength_maximum
        if self.tablet_strength is not None and not low <= self.tablet_strength <= high:
            raise _invalid(
                "formulation-tablet-strength-outside",
                strength=self.tablet_strength, low=low, high=high,
            )  # fmt: skip
        if self.kind == "capsule" and self.capsule is None:
            raise _invalid("formulation-capsule-needs-defaults")
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
        raise _invalid("bud-category-capsule", category=category)
    if kind in ("liquid", "liquid-api") and category == "nonaqueous-solid":
        raise _invalid("bud-category-liquid")
    if category == "nonaqueous-liquid" and bud.water_activity is None:
        raise _invalid("bud-water-activity-needed")


@dataclass(frozen=True)  # public (ldncalc.load() returns it): a dataclass, as it always was
class Library:
    """Every formulation and the catalog, as loaded from the folders in effect."""

    formulations: Mapping[str, Formulation]  # by id (:class:`Records` when load() reads it)
    catalog: Catalog
    # the folders it was loaded from, and the state of each pharmacy file then (load() sets
    # them): a record served is read again if its file has changed since
    folders: tuple[Path, ...] = dataclasses.field(default=(), repr=False, compare=False)
    files: dict[str, tuple[int, ...]] = dataclasses.field(
        default_factory=dict, repr=False, compare=False
    )

    def get(self, formulation_id: str, *, option: str = "--formulation") -> Formulation:
        if not isinstance(formulation_id, str):
            known = ", ".join(sorted(self.formulations))
            require_text(formulation_id, option, code="formulation-unknown", known=known)
        try:
            record = self.formulations[formulation_id]
            if record.builtin or not self.folders:
                return record
            if _file_state(record.path) == self.files.get(record.path):
                return record
            return _snapshot(self.folders).get(formulation_id, option=option)  # edited since
        except KeyError:
            known = ", ".join(sorted(self.formulations))
            raise FormulationNotFoundError(
                option, formulation_id, code="formulation-unknown", known=known
            ) from None

    def pick(self, formulation_id: str | None, kind: Kind, source: Source | None) -> Formulation:
        """The record named, or the default for ``kind`` and ``source``; it must be of that
        kind (and source, when one is asked for)."""
        if formulation_id is None:
            default = default_record(kind, source)
            if default is None:  # a form that names no default record
                made = [i for i in self.ids(kind) if self.formulations[i].source == source]
                example = next(iter(made if source is not None else self.ids(kind)), "ID")
                raise InputError(
                    "formulation", None, code="option-required", option="formulation",
                    example=example,
                )  # fmt: skip
            return self.get(default)
        if isinstance(formulation_id, str) and formulation_id not in self.formulations:
            # only the records this command can use: the others would be refused as the
            # wrong kind (or source)
            usable = [
                i for i in self.ids(kind)
                if source is None or self.formulations[i].source == source
            ]  # fmt: skip
            raise FormulationNotFoundError(
                "--formulation", formulation_id, code="formulation-unknown",
                known=", ".join(usable),
            )  # fmt: skip
        record = self.get(formulation_id)
        if record.kind != kind:
            raise FormulationError(
                "formulation", formulation_id, code="formulation-wrong-kind",
                kind=record.kind, wanted=kind, ids=", ".join(self.ids(kind)),
            )  # fmt: skip
        if source is not None and record.source != source:
            raise FormulationError(
                "source", source, code="formulation-wrong-source",
                formulation=formulation_id, source=record.source,
            )  # fmt: skip
        return record

    def ids(self, kind: Kind) -> list[str]:
        """The ids of every record of ``kind``, sorted."""
        return sorted(i for i in self.formulations if _summary(self.formulations, i)[0] == kind)

    @cached_property
    def buds(self) -> dict[str, tuple[tuple[str, int], ...]]:
        """Each kind's records as (id, BUD in days), in the library's order: gathered once
        per library (a supply that outlasts its BUD names the records that keep longer)."""
        found: dict[str, list[tuple[str, int]]] = {}
        for record_id in self.formulations:
            kind, days = _summary(self.formulations, record_id)
            found.setdefault(kind, []).append((record_id, days))
        return {kind: tuple(records) for kind, records in found.items()}

    def keeping_longer(self, kind: str, days: int, other_than: str) -> tuple[tuple[str, int], ...]:
        """The records of ``kind`` but ``other_than`` whose BUD is longer than ``days``, as
        (id, BUD in days) in the library's order: worked out once per library for each
        question (a call then costs the same whatever the folder holds)."""
        key = (kind, days, other_than)
        found = self._longer.get(key)
        if found is None:
            found = tuple(
                (i, d) for i, d in self.buds.get(kind, ()) if d > days and i != other_than
            )
            if len(self._longer) >= 256:  # a bound: each record and BUD asked of one library
                self._longer.clear()
            self._longer[key] = found
        return found

    @cached_property
    def _longer(self) -> dict[tuple[str, int, str], tuple[tuple[str, int], ...]]:
        return {}


def _summary(records: Mapping[str, Formulation], record_id: str) -> tuple[str, int]:
    """The kind and BUD in days of the record ``record_id``, read only if the index does
    not say."""
    if isinstance(records, Records):
        return records.summary(record_id)
    record = records[record_id]
    return record.kind, record.bud.days


class Records(Mapping[str, Formulation]):
    """The records in effect, by id. A record whose file the index vouches for
    (:mod:`ldncalc.formulation_index`: unchanged since it passed every check) is read when it
    is first asked for, and checked again then; its id, kind and BUD are known without
    reading it. A file found changed since, or not what the index says, has the folders read
    again without the index: a record is never served stale."""

    def __init__(
        self,
        found: dict[str, "Formulation | _Vouched"],
        catalog: Catalog,
        dirs: tuple[Path, ...] = (),
    ) -> None:
        self._found = found
        self._catalog = catalog
        self._dirs = dirs  # the folders it was read from

    def __getitem__(self, record_id: str) -> Formulation:
        found = self._found[record_id]
        if isinstance(found, Formulation):
            return found
        record = None
        if _file_state(found.path) == found.entry.state:  # else changed since: read them all
            path = Path(found.path)
            if found.builtin:
                record = read_formulation(path, builtin=True)
            else:
                record = _read_once(path, found.entry.state)
            check_against_catalog(record, self._catalog)
        said = (found.entry.id, found.entry.kind, found.entry.days)
        if (
            record is None
            or (record.id, record.kind, record.bud.days) != said
            or (_file_state(found.path) != found.entry.state)
        ):
            _READ.pop(found.path, None)
            _LOADED.clear()  # a library that holds the index's word is not served again
            again = _snapshot(self._dirs, trusted=False)  # the index learns, vouches for none
            return again.formulations[record_id]
        self._found[record_id] = record
        return record

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._found

    def __iter__(self) -> Iterator[str]:
        return iter(self._found)

    def __len__(self) -> int:
        return len(self._found)

    def __repr__(self) -> str:
        return repr(dict(self))

    def summary(self, record_id: str) -> tuple[str, int]:
        """The kind and BUD in days of ``record_id``, without reading an unread record."""
        found = self._found[record_id]
        if isinstance(found, Formulation):
            return found.kind, found.bud.days
        return found.entry.kind, found.entry.days


class _Vouched(NamedTuple):
    """A record not read yet: its file is in the state the index knew it in."""

    path: str
    entry: Entry
    builtin: bool


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
            raise FormulationError(option, text, code="formulation-not-a-folder")
        chosen.append(Path(text).resolve())  # results name the file absolutely
    return tuple(chosen)


def folder_name(value: object, option: str, *, optional: bool = True) -> str:
    """A folder named by a library caller or on the command line, as text: a ``str`` or a
    path, never empty (``""`` would be the current folder, read as formulations)."""
    if not isinstance(value, str | os.PathLike):
        raise InputError(option, value, code="folder-not-text", type=type_name(value))
    text = os.fspath(value)
    if not isinstance(text, str) or not text.strip():
        raise InputError(option, value, code="folder-empty-name", optional=optional)
    return text


def load(extra: str | os.PathLike[str] | None = None) -> Library:
    """Load every formulation and catalog from the folders in effect.

    Read once, then checked at each call at a cost that does not grow with the folder: each
    folder named (a file added, removed or renamed changes its folder; a link pointed
    elsewhere names another folder), its ``catalogs`` folder and its catalog files, here; the
    file of a record served, by :meth:`Library.get`. What changed is read again, and only the
    files that changed (each remembered by its modification time, size and inode): an edited
    file is never served stale."""
    key = (os.environ.get(ENVIRONMENT_VARIABLE, ""), extra)
    known = _LOADED.get(key) if isinstance(extra, str | PurePath | None) else None
    if known is not None and all(_file_state(path) == state for path, state in known.checks):
        return known.library
    dirs = folders(extra)
    checks: tuple[tuple[str, tuple[int, ...]], ...] = ()
    if len(dirs) == 1:
        library = _builtin_library()
    else:  # the states before the files are read: a change while reading is seen next time
        named = [text for text in key[0].split(os.pathsep) if text]
        named += [] if extra is None else [os.fspath(extra)]
        checks = tuple((text, _file_state(text)) for text in named)
        # a catalogs folder made later changes its folder: only one that is there is looked at
        subfolders = [str(folder / "catalogs") for folder in dirs[1:]]
        checks += tuple((sub, state) for sub in subfolders if (state := _file_state(sub)))
        library = _snapshot(dirs)
        checks += tuple(
            (path, state)
            for path, state in library.files.items()
            if os.path.dirname(path) in subfolders  # noqa: PTH120  # no Path built per file
        )
    if len(_LOADED) >= 16:  # a bound over a long-running process given many folders
        _LOADED.clear()
    if isinstance(extra, str | PurePath | None):
        _LOADED[key] = _Loaded(library, checks)
    return library


@cache
def _builtin_library() -> Library:
    """The built-in records alone: part of the installed package, read once, each record
    when it is first used (the index of files already checked vouches for the others' id,
    kind and BUD: :class:`Records`)."""
    return _library((builtin_folder(),), {}, indexed=True)


class _Loaded(NamedTuple):
    """A library as read, and the files and folders whose state says it still is."""

    library: Library
    checks: tuple[tuple[str, tuple[int, ...]], ...]


# by (LDNCALC_FORMULATIONS, the folder given): the library last read
_LOADED: dict[tuple[str, object], _Loaded] = {}


def _snapshot(dirs: tuple[Path, ...], *, indexed: bool = True, trusted: bool = True) -> Library:
    """Read the folders ``dirs`` again, each unchanged file from memory or, if ``indexed``,
    from the index of files already checked (:mod:`ldncalc.formulation_index`); not
    ``trusted``, the index learns what is read but vouches for nothing."""
    files = dict(_fingerprint(dirs))
    found = _library(dirs, files, indexed=indexed, trusted=trusted)
    return Library(found.formulations, found.catalog, dirs, files)


def _file_state(path: str) -> tuple[int, ...]:
    """What changes when a file is written: its modification time, size and inode (an
    editor that saves by renaming gives a new inode), then its device and type."""
    try:
        return _state(os.stat(path))  # noqa: PTH116  # a text path: no Path to build per call
    except (OSError, ValueError):
        return ()


def _fingerprint(dirs: tuple[Path, ...]) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """Every .toml file of the pharmacy folders with its state (:func:`_file_state`). The
    built-in folder (``dirs[0]``) is part of the installed package and is read once."""
    found = []
    for folder in dirs[1:]:
        for where in (folder, folder / "catalogs"):
            try:
                with os.scandir(where) as entries:
                    found += [
                        (entry.path, _state(entry.stat()))
                        for entry in entries
                        if entry.name.endswith(".toml") and entry.is_file()
                    ]
            except FileNotFoundError:
                continue
            except OSError as failure:  # a folder that cannot be read is bad input, not output
                reason = failure.strerror or str(failure)
                raise FormulationError(
                    str(where), None, code="folder-unreadable", place=True, reason=reason
                ) from None
    return tuple(sorted(found))


def _state(found: os.stat_result) -> tuple[int, ...]:
    # the change time moves with every write and cannot be set back (touch -r sets the other)
    state = (found.st_mtime_ns, found.st_size, found.st_ino, found.st_dev, found.st_mode)
    return (*state, found.st_ctime_ns)


def formulation_files(folder: Path) -> list[Path]:
    """The formulation records of one folder (its top-level ``*.toml`` files), in name order."""
    # by name as the system compares them (as paths of one folder compare), quicker
    return sorted(folder.glob("*.toml"), key=lambda path: os.path.normcase(path.name))


def _library(
    dirs: tuple[Path, ...],
    files: dict[str, tuple[int, ...]],
    *,
    indexed: bool = False,
    trusted: bool = True,
) -> Library:
    """Every record and the catalog of ``dirs``; a pharmacy record whose file is in
    ``files`` with the same state as when it was last read is not read again, nor, if
    ``indexed``, one the index vouches for (read when it is asked for: :class:`Records`)."""
    builtin = dirs[0]
    index = None
    if indexed:
        catalogs = [str(path) for folder in dirs for path in catalog_files(folder)]
        catalog_states = [(path, _file_state(path)) for path in catalogs]
        index = Index(index_key([str(folder) for folder in dirs], catalog_states))
    formulations: dict[str, Formulation | _Vouched] = {}
    states = dict(files)  # with the index, the built-in files' too
    seen: list[Formulation | _Vouched] = []  # every record indexed or read: the index's next
    for folder in dirs:  # a later folder replaces a record by id
        in_folder: dict[str, Path] = {}
        for path in formulation_files(folder):
            record: Formulation | _Vouched
            if folder == builtin and index is None:
                record = read_formulation(path, builtin=True)
            else:
                if folder == builtin:
                    states[str(path)] = _file_state(str(path))
                vouching = index if trusted else None
                record = _known(path, states.get(str(path), ()), vouching, folder == builtin)
                seen.append(record)
            record_id = record.id if isinstance(record, Formulation) else record.entry.id
            refuse_shared_id(path, "id", record_id, in_folder.get(record_id))
            in_folder[record_id] = path
            formulations[record_id] = record
    catalog = read_catalog(dirs)
    for record in formulations.values():
        if isinstance(record, Formulation):
            check_against_catalog(record, catalog)
    if index is not None:
        index.save(_index_entries(formulations, seen, states, catalog))
    return Library(Records(formulations, catalog, dirs), catalog)


def _known(
    path: Path, state: tuple[int, ...], index: Index | None, builtin: bool
) -> "Formulation | _Vouched":
    """The record in ``path``: from memory if read in this state, else vouched for by the
    index if it knew the file in this state, else read."""
    known = None if builtin else _READ.get(str(path))
    if known is not None and state and known[0] == state:
        return known[1]
    entry = index.trusted(str(path), state) if index is not None else None
    if entry is not None:
        return _Vouched(str(path), entry, builtin)
    return read_formulation(path, builtin=True) if builtin else _read_once(path, state)


def _index_entries(
    formulations: dict[str, "Formulation | _Vouched"],
    seen: list["Formulation | _Vouched"],
    states: dict[str, tuple[int, ...]],
    catalog: Catalog,
) -> dict[str, Entry]:
    """What the index is to know of the files: each vouched for still, and each read that
    passed every check (one replaced by a later folder's is checked here against the
    catalog, as it would be in effect)."""
    entries: dict[str, Entry] = {}
    for found in seen:
        if isinstance(found, _Vouched):
            entries[found.path] = found.entry
            continue
        state = states.get(found.path, ())
        if not state or not settled(state[0], state[-1]):  # modified, changed
            continue
        if formulations.get(found.id) is not found:
            try:
                check_against_catalog(found, catalog)
            except FormulationError:
                continue
        entries[found.path] = Entry(state, found.id, found.kind, found.bud.days)
    return entries


_READ: dict[str, tuple[tuple[int, ...], Formulation]] = {}  # path -> (file state, record)


def _read_once(path: Path, state: tuple[int, ...]) -> Formulation:
    """The record in ``path``, read again only if its state is not the one last read."""
    known = _READ.get(str(path))
    if known is not None and state and known[0] == state:
        return known[1]
    record = read_formulation(path)
    if state:
        if len(_READ) >= 10_000:  # a bound over a long-running process
            _READ.clear()
        _READ[str(path)] = (state, record)
    return record


def read_formulation(path: Path, *, builtin: bool = False) -> Formulation:
    """One record from a TOML file, or :class:`FormulationError` naming file, field, problem."""
    data = read_data_file(path)
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
            data = read_data_file(path)
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
                    str(path), ", ".join(data), code="catalog-table-unknown", place=True,
                    tables=", ".join(f"[[{t}]]" for t, _, _ in CATALOG_TABLES),
                )  # fmt: skip
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
    code = "catalog-one-table" if isinstance(value, dict) else "catalog-not-tables"
    raise FormulationError(f"{path}: {table}", None, code=code, place=True, table=table)


def refuse_shared_id(path: Path, field: str, value: str, first: Path | None) -> None:
    """Refuse ``value`` as the ``field`` of ``path`` when ``first``, another file of the same
    folder (or ``path`` itself), already gave it: within a folder the second would silently
    win. A later folder replacing an id of an earlier one is the override, and allowed."""
    if first is None:
        return
    error = FormulationError(
        f"{path}: {field}", value, code="id-given-twice", place=True,
        first=None if first == path else str(first),
    )  # fmt: skip
    error.problems = (f'{field}: "{value}" {error.problem}',)
    raise error


def check_against_catalog(record: Formulation, catalog: Catalog) -> None:
    """A record's defaults must name entries that exist in the catalog, and its default
    overage lie within its limits."""
    if record.capsule is None:
        return
    size, filler = record.capsule.size, catalog.filler(record.capsule.filler)
    if catalog.capsule_size(size) is None:
        raise _field_error(record, "capsule.size", size, "formulation-capsule-size-unknown")
    if filler is None or filler.avoid:
        if filler is None:
            raise _field_error(
                record, "capsule.filler", record.capsule.filler, "formulation-filler-unknown"
            )
        raise _field_error(
            record, "capsule.filler", record.capsule.filler, "formulation-filler-avoided",
            avoid=filler.avoid,
        )  # fmt: skip
    try:  # read as --overage is, within the record's own limits
        read_overage(record.capsule.overage, 1, record.limits)
    except LdnCalcError as error:
        raise _field_error(
            record, "capsule.overage", record.capsule.overage, "formulation-overage-invalid",
            error=error,
        ) from None  # fmt: skip


def missing_translations(record: Formulation) -> tuple[FormulationError, ...]:
    """What a record lacks in a language it declares (``languages``): each field of text a
    person reads, line for line with the English, and each ingredient's name; each placed at
    its field (``fr.method``)."""
    lacking: list[FormulationError] = []

    def lack(field: str, code: str, **params: Any) -> None:
        lacking.append(FormulationError(field, None, code=code, place=True, **params))

    for lang in record.languages:
        if lang == "en":
            continue
        given = getattr(record, lang)
        if given is None:
            lack(lang, "translation-missing", lang=lang)
            continue
        for field in TRANSLATED:
            if field == "references":
                continue  # citations are quoted as published, in their own language
            english = record.bud.references if field == "bud_references" else getattr(record, field)
            if not english:
                continue
            text = getattr(given, field)
            if text is None:
                lack(f"{lang}.{field}", "translation-missing", lang=lang)
            elif not isinstance(english, str) and len(text) != len(english):
                lack(f"{lang}.{field}", "translation-lines", lines=len(text), english=len(english))
        for ingredient in record.ingredients:
            if ingredient.name not in given.ingredients:
                lack(f"{lang}.ingredients", "translation-name-missing", name=ingredient.name)
            if ingredient.function and ingredient.function not in given.functions:
                lack(f"{lang}.functions", "translation-name-missing", name=ingredient.function)
    return tuple(lacking)


def _field_error(
    record: Formulation, field: str, value: str, code: str, **params: Any
) -> FormulationError:
    error = FormulationError(f"{record.path}: {field}", value, code=code, place=True, **params)
    error.problems = (f'{field}: "{value}" {error.problem}',)
    return error


def load_folders(dirs: tuple[Path, ...]) -> Library:
    """The records and catalog of exactly ``dirs`` (the built-in folder first), without
    ``LDNCALC_FORMULATIONS``: what one pharmacy folder puts in effect (``formulations check``,
    which checks every file: the index of files already checked is not used)."""
    return _snapshot(dirs, indexed=False)


def read_data_file(path: Path) -> dict[str, Any]:
    """The tables of a record's, catalog's or protocol's TOML file, or a
    :class:`FormulationError` saying why it cannot be read."""
    return read_toml(path, FormulationError, parsed=_shipped_parses())


@cache
def _shipped_parses() -> dict[str, str]:
    """What the built-in files parse to, as shipped (:data:`ldncalc.toml_files.PARSED`)."""
    return read_parsed(builtin_folder() / PARSED)


def _formulation_error(path: Path, error: ValidationError) -> FormulationError:
    # a quantity's own message starts with its field name: once is enough
    return file_error(
        path, validation_problems(error, "(record)", FormulationError, strip_field=True)
    )


def file_error(path: Path, problems: tuple[LdnCalcError, ...]) -> FormulationError:
    """The refusal of the file at ``path``: its first problem and how many more, in the
    reader's language; :attr:`~FormulationError.problems` lists them all (in English)."""
    exc = FormulationError(str(path), None, code="file-invalid", place=True, problems=problems)
    exc.problems = tuple(map(str, problems))
    return exc
