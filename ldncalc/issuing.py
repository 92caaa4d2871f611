"""Issuing a lot: its label and compounding record, written both or neither, and its entry in
the compounding log. The library call that ``ldncalc liquid --label … --record …`` makes::

    from ldncalc import issue, liquid, load_profile, prescription

    result = liquid(target="4.5mg")
    details = prescription(patient="Jane Doe", prescriber="Dr A. Smith", rx="RX-1001")
    issued = issue(result, details, profile=load_profile(), label="label.zpl",
                   record="record.pdf", log="compounding.sqlite3")

Two steps, so that a command line can check everything before it calculates:
:func:`order` reads the formats, checks that each file can be written (a new file, or with
``force`` an ordinary one) and that the log can be used; :meth:`Order.issue` renders every
document whole (a label that does not fit stops here, nothing written), then writes them and
registers the lot in one go (:func:`ldncalc.labels.files.write_all`; inside the log's
transaction when there is a log, the files removed again if it cannot commit). The BUD printed
is the formulation's, capped by the earliest ingredient expiry given with the prescription.

A document named ``-`` goes to standard output (one document at most), e.g. a ZPL label piped
to a printer queue; it is written last, once the files are in place, as text unless its format
says otherwise (``label_format="zpl"``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal, NamedTuple

from ldncalc.errors import InputError, OutputError

if TYPE_CHECKING:
    from ldncalc.bud import BudDate
    from ldncalc.labels import Format
    from ldncalc.log import Location
    from ldncalc.models import Result
    from ldncalc.prescriptions import Prescription
    from ldncalc.profile import Profile

STDOUT = "-"  # as a file name: standard output

Kind = Literal["label", "record", "leaflet"]  # the leaflet: for the patient (labels/leaflet.py)


class Document(NamedTuple):
    """One document to write: what it is, where (a path, or ``-``) and in which format."""

    kind: Kind
    path: str
    format: Format

    @property
    def option(self) -> str:
        """The option that asked for it, as the command line names it (``--label``)."""
        return f"--{self.kind}"

    @property
    def to_stdout(self) -> bool:
        return self.path == STDOUT


class Issued(NamedTuple):
    """What :meth:`Order.issue` did: the lot, the documents written, the BUD they print (the
    formulation's, capped by ingredient expiry), the warnings about that date, and the log
    the lot was registered in (``None``: not registered)."""

    lot: str
    documents: tuple[Document, ...]
    bud: BudDate
    warnings: tuple[Any, ...]
    log: Location | None


class Order(NamedTuple):
    """A lot's documents, read and checked, waiting for the result (made by :func:`order`)."""

    documents: tuple[Document, ...] = ()
    force: bool = False  # an existing file may be replaced (never a read-only one)
    stdout: IO[bytes] | None = None  # where a document named "-" goes: standard output

    @property
    def to_stdout(self) -> bool:
        """Whether a document goes to standard output (a caller then prints elsewhere)."""
        return any(document.to_stdout for document in self.documents)

    def issue(
        self,
        result: Result,
        details: Prescription,
        *,
        profile: Profile,
        log: Location | None = None,
        prepared_by: str | None = None,
        inputs: Mapping[str, Any] | None = None,
        ingredient_lots: Sequence[str] = (),
    ) -> Issued:
        """Render every document of ``result`` whole, then write them all and register the
        lot (``details.lot``) in ``log`` (see :func:`usable_log`; ``None``: not registered),
        all or nothing. ``prepared_by`` defaults to the profile's pharmacist, else the login
        name; ``inputs`` are what was typed, kept in the log."""
        from ldncalc.labels.content import bud_warnings, dated_bud

        rendered = [(d, _render(d, result, details, profile)) for d in self.documents]

        def write() -> list[Path]:
            return self.write(rendered)

        if log is None:
            # not logged, read as a logged lot's are all the same: a lot typed is a lot
            _ingredient_lots(result, details, ingredient_lots)
            write()
        else:
            _register(
                log,
                self.documents,
                result,
                details,
                write,
                prepared_by=_preparer(prepared_by, profile),
                inputs=inputs,
                ingredient_lots=ingredient_lots,
                profile=profile,
            )
        return Issued(
            lot=details.lot,
            documents=self.documents,
            bud=dated_bud(result, details),
            warnings=tuple(bud_warnings(result, details)),
            log=log,
        )

    def write(self, rendered: Sequence[tuple[Document, bytes]]) -> list[Path]:
        """Write documents already rendered (each of this order's, with its bytes): the
        files all or none, then the one for standard output (``ldncalc log reprint``)."""
        return _write(rendered, force=self.force, stdout=self.stdout)


def order(
    *,
    label: str | None = None,
    record: str | None = None,
    label_format: str | None = None,
    force: bool = False,
    stdout: IO[bytes] | None = None,
    leaflet: str | None = None,
) -> Order:
    """The documents to issue, read and checked before anything is calculated: each format
    (``label_format``, else the file name's extension; text for ``-``), each destination
    writable (:func:`ldncalc.labels.files.check_destination`; an existing file only with
    ``force``), two different files, and at most one of them ``-``: written to ``stdout``
    (standard output), never a PDF on a terminal."""
    from ldncalc.labels import LABEL_FORMATS, RECORD_FORMATS, output_format
    from ldncalc.labels.files import check_destination

    documents = []
    if label is not None:
        explicit = label_format if label_format is not None or label != STDOUT else "txt"
        chosen = output_format(label, explicit, option="--label", formats=LABEL_FORMATS)
        documents.append(Document("label", label, chosen))
    elif label_format is not None:
        raise InputError(
            "--label-format", label_format, code="option-needs", needs="label", metavar="FILE"
        )
    if record is not None:
        explicit = "txt" if record == STDOUT else None
        chosen = output_format(record, explicit, option="--record", formats=RECORD_FORMATS)
        documents.append(Document("record", record, chosen))
    if leaflet is not None:  # a PDF to hand over with the label, in the label's language
        chosen = output_format(leaflet, None, option="--leaflet", formats=("pdf",))
        documents.append(Document("leaflet", leaflet, chosen))
    if label == STDOUT and record == STDOUT:
        raise InputError("record", record, code="stdout-taken", kind="record", other="label")
    for document in documents:
        if not document.to_stdout:
            check_destination(document.path, option=document.option, force=force)
        elif document.format == "pdf" and (stdout or sys.stdout).isatty():
            raise InputError(document.kind, STDOUT, code="stdout-terminal", format="pdf")
    files = [d.path for d in documents if not d.to_stdout and d.kind != "leaflet"]
    if len(files) == 2 and Path(files[0]).resolve() == Path(files[1]).resolve():
        raise InputError("--record", record, code="same-file", other="label")
    for document in documents[:-1]:
        same = leaflet is not None and Path(leaflet).resolve() == Path(document.path).resolve()
        if same and not document.to_stdout:
            raise InputError("--leaflet", leaflet, code="same-file", other=document.kind)
    return Order(tuple(documents), force, stdout)


def usable_log(log: str | Location | None, profile: Profile | None = None) -> Location:
    """The compounding log a lot will register in: ``log`` (a path, a ``postgresql://`` URL,
    a located log), else ``$LDNCALC_LOG``, else the profile's ``[log] url``, else the default
    file; opened (created, upgraded) and closed again now, so that a log that cannot be used
    stops before anything is calculated."""
    from ldncalc.log import open_log
    from ldncalc.log.store import Location
    from ldncalc.log.store import open_log as open_located

    opened = open_located(log) if isinstance(log, Location) else open_log(log, profile=profile)
    with opened as book:
        return book.location


def issue(
    result: Result,
    details: Prescription,
    *,
    profile: Profile,
    label: str | None = None,
    record: str | None = None,
    label_format: str | None = None,
    leaflet: str | None = None,
    force: bool = False,
    log: str | Location | None = None,
    prepared_by: str | None = None,
    inputs: Mapping[str, Any] | None = None,
    ingredient_lots: Sequence[str] = (),
    stdout: IO[bytes] | None = None,
) -> Issued:
    """Write the label and record of ``result`` for ``details`` (a
    :func:`~ldncalc.prescription`), both or neither, and register the lot in ``log`` (a path
    or a ``postgresql://`` URL; ``None``: not registered): :func:`order`, :func:`usable_log`,
    then :meth:`Order.issue`."""
    checked = order(
        label=label,
        record=record,
        label_format=label_format,
        force=force,
        stdout=stdout,
        leaflet=leaflet,
    )
    return checked.issue(
        result,
        details,
        profile=profile,
        log=usable_log(log, profile) if log is not None else None,
        prepared_by=prepared_by,
        inputs=inputs,
        ingredient_lots=ingredient_lots,
    )


def _render(document: Document, result: Result, details: Prescription, profile: Profile) -> bytes:
    from ldncalc.labels import render_label, render_record

    if document.kind == "leaflet":
        from ldncalc.labels.leaflet import render_leaflet

        return render_leaflet(result, details, profile)
    render = render_label if document.kind == "label" else render_record
    return render(result, details, profile, document.format)


def _write(
    rendered: Sequence[tuple[Document, bytes]], *, force: bool, stdout: IO[bytes] | None
) -> list[Path]:
    """Write the files (:func:`~ldncalc.labels.files.write_all`), then the document for
    standard output; if that fails, the files this call created are removed again."""
    from ldncalc.labels.files import write_all

    files = [(d.path, data, d.option) for d, data in rendered if not d.to_stdout]
    existed = {path: Path(path).exists() for path, _, _ in files}
    written = write_all(files, force=force)
    for document, data in rendered:
        if document.to_stdout:
            try:
                _to_stdout(document, data, stdout)
            except BaseException:
                _remove_new(existed)
                raise
    return written


def _to_stdout(document: Document, data: bytes, stdout: IO[bytes] | None) -> None:
    if stdout is None:
        sys.stdout.flush()  # text printed before stays before the document
    out = stdout if stdout is not None else sys.stdout.buffer
    try:
        out.write(data)
        out.flush()
    except OSError as error:  # a closed pipe, a full disk behind a redirection
        raise OutputError(
            document.kind,
            STDOUT,
            code="stdout-unwritable",
            reason=error.strerror or type(error).__name__,
        ) from None


def _remove_new(existed: Mapping[str, bool]) -> None:
    for path, was in existed.items():
        if not was:
            Path(path).unlink(missing_ok=True)


def _register(
    log: Location,
    documents: Sequence[Document],
    result: Result,
    details: Prescription,
    write: Callable[[], list[Path]],
    **entry: Any,
) -> None:
    """Register the lot and write its documents, both or neither: the documents are written
    inside the log's transaction, and the files removed again if the commit fails."""
    from ldncalc.log import register
    from ldncalc.log.store import open_log

    existed = {d.path: Path(d.path).exists() for d in documents if not d.to_stdout}
    try:
        with open_log(log) as book:
            register(
                book,
                result,
                details,
                documents={d.kind: str(d.format) for d in documents},
                while_open=write,
                **entry,
            )
    except BaseException:
        _remove_new(existed)
        raise


def _ingredient_lots(result: Result, details: Prescription, typed: Sequence[str]) -> None:
    """Refuse ``--ingredient-lot`` texts that :func:`ldncalc.log.register` would refuse."""
    if not typed:
        return
    from ldncalc.log.lots import read_ingredient_lots
    from ldncalc.prescriptions import expiry_dates, ingredient_names

    names = ingredient_names(result, details.lang)
    read_ingredient_lots(typed, names, expiry_dates(details, names))


def _preparer(typed: str | None, profile: Profile) -> str:
    """``prepared_by``, else the profile's pharmacist, else the login name."""
    if typed is not None and typed.strip():
        return " ".join(typed.split())
    if profile.pharmacist:
        return profile.pharmacist
    import getpass

    return getpass.getuser()
