"""``ldncalc formulations check``: a pharmacy's own formulation folder checked as a whole.

Every record, catalog and protocol file of the folder on its own, each record against the
catalog (built-in plus the folder's) and for the translations its languages declare, ids
given twice, then the folder as a whole. Above the engine: a record's default overage is read
as ``--overage`` is (:func:`ldncalc.checks.read_overage`) and the protocols by the titration's
reader, while :mod:`ldncalc.formulations` only loads and checks records.
"""

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from ldncalc.catalogs import catalog_files
from ldncalc.config_paths import path_kind
from ldncalc.errors import FormulationError
from ldncalc.formulations import (
    builtin_folder,
    check_against_catalog,
    formulation_files,
    load_folders,
    missing_translations,
    read_catalog,
    read_formulation,
    refuse_shared_id,
)
from ldncalc.titration.protocols import (
    missing_protocol_translations,
    protocol_files,
    read_protocol,
)

Described = tuple[str, tuple[str, ...]]  # a valid file: its id, its kind and source (forms)


class CheckLine(NamedTuple):
    """One line of the report, as data (:mod:`ldncalc.locale.check` writes it): a file that
    is valid (``described``: its id and what it holds), a file and its ``error``, an ``error``
    of the folder (``name`` empty), or how many formulations are ``in_effect``."""

    name: str = ""
    described: Described | None = None
    error: FormulationError | None = None
    in_effect: int | None = None


class CheckReport(NamedTuple):
    """What ``formulations check`` found: a line a file (a file with problems, a line each:
    :func:`ldncalc.locale.check.check_lines`), and how many failed."""

    lines: tuple[CheckLine, ...]
    checked: int
    failed: int


def check_folder(folder: Path) -> CheckReport:
    """Validate every record, catalog and protocol file in ``folder``: each file on its own,
    each record against the catalog (built-in plus the folder's), ids given twice, then the
    folder as a whole."""
    if path_kind(folder, "DIR") != "folder":
        raise FormulationError("DIR", str(folder), code="formulation-not-a-folder")
    dirs = (builtin_folder(), folder.resolve())
    lines: list[CheckLine] = []
    failed = 0
    catalog = None
    try:
        catalog = read_catalog(dirs)
    except FormulationError as error:
        failed += 1
        lines.append(CheckLine(error.option if len(error.problems) > 1 else "", error=error))

    def record(path: Path) -> tuple[str, Described]:
        found = read_formulation(path)
        if catalog is not None:
            check_against_catalog(found, catalog)
        _refuse_lacking(path, missing_translations(found))
        return found.id, (found.id, (found.kind, found.source))

    def protocol(path: Path) -> tuple[str, Described]:
        found = read_protocol(path)
        _refuse_lacking(path, missing_protocol_translations(found))
        return found.id, (found.id, found.forms)

    files = formulation_files(folder)
    protocols = protocol_files(folder)
    for paths, read, prefix in ((files, record, ""), (protocols, protocol, "protocols/")):
        more, invalid = _check_files(paths, read, prefix)
        lines += more
        failed += invalid
    files += protocols + catalog_files(folder)
    if not failed:
        lines.append(CheckLine(in_effect=len(load_folders(dirs).formulations)))
    return CheckReport(tuple(lines), len(files), failed)


def _refuse_lacking(path: Path, lacking: tuple[FormulationError, ...]) -> None:
    """Refuse a record or protocol file that lacks text in a language it declares, each
    problem on a line of its own."""
    if lacking:
        error = FormulationError(
            str(path), None, code="formulation-translation-missing", place=True, lacking=lacking
        )
        error.problems = tuple(map(str, lacking))
        raise error


def _check_files(
    paths: list[Path], read: Callable[[Path], tuple[str, Described]], prefix: str
) -> tuple[list[CheckLine], int]:
    """A line a file of ``paths`` (``read`` gives its id and description) and how many are
    invalid, an id given by two files included."""
    lines: list[CheckLine] = []
    failed = 0
    ids: dict[str, Path] = {}
    for path in paths:
        name = prefix + path.name
        try:
            found, described = read(path)
            refuse_shared_id(path, "id", found, ids.get(found))
            ids[found] = path
            lines.append(CheckLine(name, described))
        except FormulationError as error:
            failed += 1
            lines.append(CheckLine(name, error=error))
    return lines, failed
