"""Options shared by several commands, declared once."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple, TypeVar

import typer

from ldncalc.errors import InputError, LdnCalcError

if TYPE_CHECKING:
    from ldncalc.bud import BudDate
    from ldncalc.issuing import Order
    from ldncalc.log import Location
    from ldncalc.models import Result
    from ldncalc.prescriptions import Prescription
    from ldncalc.profile import Profile

_R = TypeVar("_R", bound="Result")

FormulationOption = Annotated[
    str | None,
    typer.Option(
        "--formulation",
        metavar="ID",
        help="Id of the master formulation record to use (see 'ldncalc formulations list').",
        show_default="the built-in default for this preparation",
    ),
]
FormulationsDirOption = Annotated[
    str | None,
    typer.Option(
        "--formulations-dir",
        metavar="DIR",
        help="A pharmacy's own folder of formulation records (also LDNCALC_FORMULATIONS).",
        show_default=False,
    ),
]
JsonOption = Annotated[
    bool, typer.Option("--json", help="Print the result as JSON (schema: 'ldncalc schema').")
]
DosesPerDayOption = Annotated[
    str, typer.Option("--doses-per-day", metavar="N", help="Doses taken a day, 1 to 4.")
]
TabletStrengthOption = Annotated[
    str | None,
    typer.Option(
        "--tablet-strength",
        metavar="MASS",
        help="Strength of the tablets used, as naltrexone HCl.",
        show_default="the formulation's, 50mg",
    ),
]


BalanceSensitivityOption = Annotated[
    str | None,
    typer.Option(
        "--balance-sensitivity",
        metavar="MASS",
        help="Smallest mass the balance detects: anything to weigh under 20 times it (5 % "
        "error, USP) is flagged, and capsule drug powder is weighed by the aliquot method.",
        show_default="the pharmacy profile's, else the formulation's, 6mg",
    ),
]


def required(value: str | None, option: str, example: str) -> str:
    """``value``, or the one-line error for a missing required option."""
    if value is None:
        from ldncalc.errors import InputError

        raise InputError(option, None, code="option-required", option=option, example=example)
    return value


# --- FHIR (shared by the preparations' commands and `titrate`; ldncalc/exchange/fhir.py) ----

FhirOption = Annotated[
    str | None,
    typer.Option(
        "--fhir",
        metavar="FILE",
        help="Also write the result as FHIR JSON: a Bundle of the Medication (with its lot and "
        "BUD), the MedicationRequest and the MedicationDispense.",
        show_default=False,
    ),
]
FhirVersionOption = Annotated[
    str | None,
    typer.Option(
        "--fhir-version",
        metavar="VERSION",
        help="FHIR release of --fhir: R5, or R4B (read by R4 systems).",
        show_default="R5",
    ),
]


def check_fhir(fhir: str | None, version: str | None, *, force: bool = False) -> str:
    """``--fhir-version`` read and ``--fhir``'s destination checked, before anything is
    calculated; the version to write."""
    if fhir is None:
        if version is not None:
            raise InputError(
                "--fhir-version", None, code="option-only-with", with_=(("fhir", "FILE"),)
            )
        return "R5"
    from ldncalc.exchange.fhir import read_version
    from ldncalc.labels.files import check_destination

    check_destination(fhir, option="--fhir", force=force)
    return read_version(version if version is not None else "R5")


def write_fhir_file(
    result: Any,
    fhir: str | None,
    version: str,
    prepared: Prepared | None,
    *,
    force: bool = False,
    order: Mapping[str, object] | None = None,
) -> None:
    """Write ``--fhir`` (the lot and BUD date of the label, if one was issued; ``order``: the
    options as typed, read back by ``ldncalc batch``) and say so."""
    if fhir is None:
        return
    from ldncalc.cli.language import voice
    from ldncalc.exchange.fhir import write_fhir
    from ldncalc.locale.exchange import written

    bud = prepared.dated_bud(result).date if prepared is not None else None
    details = prepared.details if prepared is not None else None
    path = write_fhir(
        result,
        fhir,
        fhir_version=version,
        details=details,
        bud=bud,
        lang=voice().lang,
        force=force,
        order=order,
    )
    typer.echo(written(voice(), "fhir", path), err=True)


# --- Labels and compounding records (shared by `liquid` and `capsule`) -----------------------

_LABELS = "Label and record"  # the help panel these options are listed under

LabelOption = Annotated[
    str | None,
    typer.Option(
        "--label",
        metavar="FILE",
        help="Write the prescription label: .pdf, .zpl (Zebra, 203 dpi) or .txt.",
        show_default=False,
        rich_help_panel=_LABELS,
    ),
]
RecordOption = Annotated[
    str | None,
    typer.Option(
        "--record",
        metavar="FILE",
        help="Write the compounding record: .pdf (letter or A4, from the profile) or .txt.",
        show_default=False,
        rich_help_panel=_LABELS,
    ),
]
LabelFormatOption = Annotated[
    str | None,
    typer.Option(
        "--label-format",
        metavar="FORMAT",
        help="Format of --label when its name does not say: pdf, zpl or txt.",
        show_default="from the file name",
        rich_help_panel=_LABELS,
    ),
]
LeafletOption = Annotated[
    str | None,
    typer.Option(
        "--leaflet",
        metavar="FILE",
        help="Write the patient leaflet (.pdf) in the label's language: the dose and how to "
        "measure it, when to take it, the opioid warning, a missed dose, storage and the "
        "discard date.",
        show_default=False,
        rich_help_panel=_LABELS,
    ),
]
PatientOption = Annotated[
    str | None,
    typer.Option(
        "--patient",
        metavar="NAME",
        help="Patient's name (needed for --label).",
        show_default=False,
        rich_help_panel=_LABELS,
    ),
]
PrescriberOption = Annotated[
    str | None,
    typer.Option(
        "--prescriber",
        metavar="NAME",
        help="Prescriber's name (needed for --label).",
        show_default=False,
        rich_help_panel=_LABELS,
    ),
]
RxOption = Annotated[
    str | None,
    typer.Option(
        "--rx",
        metavar="RX",
        help="Prescription (Rx) number (needed for --label).",
        show_default=False,
        rich_help_panel=_LABELS,
    ),
]
DirectionsOption = Annotated[
    str | None,
    typer.Option(
        "--directions",
        metavar="TEXT",
        help="Directions in plain words, for the dose calculated; no abbreviations such as HS, "
        "QHS or QD.",
        show_default='"Take … by mouth at bedtime"',
        rich_help_panel=_LABELS,
    ),
]
LotOption = Annotated[
    str | None,
    typer.Option(
        "--lot",
        metavar="LOT",
        help="Lot number of this preparation.",
        show_default="new: date, time and 4 random characters",
        rich_help_panel=_LABELS,
    ),
]
DateOption = Annotated[
    str | None,
    typer.Option(
        "--date",
        metavar="DATE",
        help="Compounding date, YYYY-MM-DD; the BUD counts from it.",
        show_default="today",
        rich_help_panel=_LABELS,
    ),
]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="LANG",
        help="Language of everything the command prints (screen, --json text, refusals) and "
        "of the label and record: en or fr.",
        show_default="the profile's, en",
        rich_help_panel=_LABELS,
    ),
]
ExpiryOption = Annotated[
    list[str] | None,
    typer.Option(
        "--expiry",
        metavar="INGREDIENT=DATE",
        help="Expiry of an ingredient's lot, e.g. naltrexone=2027-05-31 (repeatable); "
        "the BUD never goes past the earliest.",
        show_default=False,
        rich_help_panel=_LABELS,
    ),
]
PharmacyOption = Annotated[
    str | None,
    typer.Option(
        "--pharmacy",
        metavar="FILE",
        help="Pharmacy profile to use instead of the one 'ldncalc config init' wrote.",
        show_default=False,
        rich_help_panel=_LABELS,
    ),
]
LogUrlOption = Annotated[
    str | None,
    typer.Option(
        "--log",
        metavar="URL",
        help="Compounding log the lot is registered in: a file or postgresql://… (also "
        "LDNCALC_LOG, or [log] url in the profile).",
        show_default="log.sqlite3 in the user's data folder",
        rich_help_panel=_LABELS,
    ),
]
NoLogOption = Annotated[
    bool,
    typer.Option(
        "--no-log", help="Do not register the lot in the compounding log.", rich_help_panel=_LABELS
    ),
]
IngredientLotOption = Annotated[
    list[str] | None,
    typer.Option(
        "--ingredient-lot",
        metavar="INGREDIENT=LOT",
        help="Manufacturer's lot of an ingredient, e.g. naltrexone=NX2291 (repeatable); "
        "'ldncalc log recall --ingredient-lot' finds it.",
        show_default=False,
        rich_help_panel=_LABELS,
    ),
]
PreparedByOption = Annotated[
    str | None,
    typer.Option(
        "--prepared-by",
        metavar="NAME",
        help="Who prepared the lot, as logged.",
        show_default="the profile's pharmacist, else the login name",
        rich_help_panel=_LABELS,
    ),
]
ForceOption = Annotated[
    bool,
    typer.Option(
        "--force",
        help="Replace an existing --label, --record, --leaflet or --fhir file (never a "
        "read-only one): they are legal records, not replaced without it.",
        rich_help_panel=_LABELS,
    ),
]

_DOCUMENT_OPTIONS = {
    "label": LabelOption,
    "record": RecordOption,
    "label_format": LabelFormatOption,
    "patient": PatientOption,
    "prescriber": PrescriberOption,
    "rx": RxOption,
    "directions": DirectionsOption,
    "lot": LotOption,
    "date": DateOption,
    "lang": LangOption,
    "expiry": ExpiryOption,
    "pharmacy": PharmacyOption,
    "force": ForceOption,
    "log": LogUrlOption,
    "no_log": NoLogOption,
    "ingredient_lot": IngredientLotOption,
    "prepared_by": PreparedByOption,
    "leaflet": LeafletOption,
}


class Documents(NamedTuple):
    """The label and record options of one command, as typed."""

    label: str | None = None
    record: str | None = None
    label_format: str | None = None
    patient: str | None = None
    prescriber: str | None = None
    rx: str | None = None
    directions: str | None = None
    lot: str | None = None
    date: str | None = None
    lang: str | None = None
    expiry: list[str] | None = None
    pharmacy: str | None = None
    force: bool = False
    log: str | None = None
    no_log: bool = False
    ingredient_lot: list[str] | None = None
    prepared_by: str | None = None
    leaflet: str | None = None
    inputs: dict[str, Any] | None = None  # the command's own options, as typed (for the log)

    def prepare(self, **outputs: str | None) -> Prepared | None:
        """Read every option before anything is calculated, so that a bad date or a missing
        profile stops the command before it prints; ``None`` when no file is asked for.
        ``outputs`` are the command's other files (``fhir``): ``--force`` replaces them too."""
        if self.label is None and self.record is None and self.leaflet is None:
            # --pharmacy alone is fine: its balance sets the default --balance-sensitivity
            given = [
                name
                for name, value in self._asdict().items()
                if value not in (None, [], False) and name not in ("pharmacy", "inputs", "lang")
                if name != "force" or all(path is None for path in outputs.values())
            ]
            if given:
                option = "--" + given[0].replace("_", "-")
                files = [("label", "FILE"), ("record", "FILE")]
                if option == "--force":  # it replaces any file the command writes
                    files += [("leaflet", "FILE"), *((name, "FILE") for name in outputs)]
                raise InputError(option, None, code="option-only-with", with_=tuple(files))
            return None
        from ldncalc.issuing import order, usable_log
        from ldncalc.prescriptions import prescription
        from ldncalc.profile import load_profile

        # formats, destinations: checked first, so that a run that cannot write stops early
        checked = order(
            label=self.label,
            record=self.record,
            label_format=self.label_format,
            force=self.force,
            leaflet=self.leaflet,
        )
        profile = load_profile(self.pharmacy)
        if self.lang is None:  # the profile in use speaks its language (cli/language.py)
            from ldncalc.cli.language import choose

            choose(None, profile.lang)
        details = prescription(
            patient=self.patient,
            prescriber=self.prescriber,
            rx=self.rx,
            directions=self.directions,
            lot=self.lot,
            date=self.date,
            lang=self.lang if self.lang is not None else profile.lang,
            expiry=[*(self.expiry or ()), *_scanned_expiries(self.ingredient_lot)],
        )
        if self.no_log and self.log is not None:
            raise InputError("--log", self.log, code="options-exclusive", other="no_log")
        # checked now: a log that cannot be used stops before printing
        book = None if self.no_log else usable_log(self.log, profile)
        return Prepared(self, details, profile, checked, book)


class Prepared(NamedTuple):
    """Label and record options read and checked, waiting for the result."""

    documents: Documents
    details: Prescription
    profile: Profile
    order: Order  # the documents to write (ldncalc.issuing)
    log: Location | None = None  # the compounding log the lot registers in

    def dated_bud(self, result: Result) -> BudDate:
        """The BUD date of this lot, as on its label (capped by any ``--expiry``)."""
        from ldncalc.labels.content import dated_bud

        return dated_bud(result, self.details)

    def lot_result(self, result: _R) -> _R:
        """``result`` with the days of supply left before this lot's BUD date."""
        from ldncalc.labels.content import lot_result

        return lot_result(result, self.details)


def _scanned_expiries(ingredient_lots: list[str] | None) -> list[str]:
    """The expiries of the GS1 barcodes scanned into ``--ingredient-lot``, as ``--expiry``."""
    if not ingredient_lots:
        return []
    from ldncalc.log.gs1 import expiries_of

    return expiries_of(ingredient_lots)


def profile_sensitivity(prepared: Prepared | None, pharmacy: str | None) -> Any:
    """The balance sensitivity of the pharmacy profile (the one in use for a label, else the
    default profile if one exists), or ``None``: ``--balance-sensitivity``'s default."""
    profile = _defaults_profile(prepared, pharmacy, "--balance-sensitivity", "balance")
    if profile is None:
        return None
    return profile.balance.sensitivity if profile.balance is not None else None


def profile_shell_weights(prepared: Prepared | None, pharmacy: str | None) -> Any:
    """The empty-shell weights the pharmacy weighed (profile ``[shell_weights]``), or
    ``None``: ``--shell-weight``'s default before the catalog's typical weights."""
    profile = _defaults_profile(prepared, pharmacy, "--shell-weight", "shell-weights")
    return profile.shell_weights if profile is not None else None


def _defaults_profile(
    prepared: Prepared | None, pharmacy: str | None, option: str, what: str
) -> Profile | None:
    """The profile whose figures are ``option``'s default: the one in use for a label, else
    the default profile if one exists (``None`` if not)."""
    if prepared is not None:
        return prepared.profile
    from ldncalc.config_paths import default_path, has_default_profile

    if pharmacy is None and not has_default_profile():
        return None
    from ldncalc.profile import load_profile

    try:
        return load_profile(pharmacy)
    except LdnCalcError as error:
        if pharmacy is not None:
            raise
        # no label was asked for: say why the profile was read at all
        raise InputError(
            option,
            None,
            code="profile-unreadable",
            option=option,
            what=what,
            path=str(default_path()),
            cause=error,
        ) from None


def write_documents(prepared: Prepared | None, result: Result) -> None:
    """Issue the label and record of ``result`` (:meth:`ldncalc.issuing.Order.issue`: both
    or neither, the lot registered in the log); say on stderr what was written (stdout stays
    the result, JSON included, unless a document went there)."""
    if prepared is None:
        return
    documents = prepared.documents
    issued = prepared.order.issue(
        result,
        prepared.details,
        profile=prepared.profile,
        log=prepared.log,
        prepared_by=documents.prepared_by,
        inputs=documents.inputs,
        ingredient_lots=documents.ingredient_lot or (),
    )
    from ldncalc.cli.language import voice
    from ldncalc.locale.issuing import issued as say

    v = voice()
    for warning in issued.warnings:
        typer.echo(say(v, "warning", warning=warning), err=True)
    for document in issued.documents:
        where = say(v, "stdout") if document.to_stdout else document.path
        kind = say(v, document.kind)
        typer.echo(say(v, "written", document=kind, where=where, lot=issued.lot), err=True)
    if issued.log is not None:
        typer.echo(say(v, "registered", lot=issued.lot, log=issued.log), err=True)


def screen_on_stderr(prepared: Prepared | None) -> bool:
    """Whether the result goes to stderr: a document took standard output (``--label -``)."""
    return prepared is not None and prepared.order.to_stdout


def write_and_print(
    prepared: Prepared | None,
    result: Result,
    *,
    json: bool,
    fhir: str | None = None,
    fhir_version: str = "R5",
    force: bool = False,
    order: Mapping[str, object] | None = None,
) -> None:
    """What every preparation command does once ``result`` is calculated: issue the label and
    record (before printing: a label that cannot fit stops here), count the days of supply a
    lot made days ago has left, write ``--fhir`` (with ``order``, the options as typed), then
    print the bench screen or ``--json`` (on stderr when a document took standard output,
    ``--label -``)."""
    from ldncalc.cli.language import json_context, voice
    from ldncalc.cli.output import echo_json
    from ldncalc.render import bench_text, json_text

    write_documents(prepared, result)
    dated = prepared.dated_bud(result) if prepared is not None else None
    if prepared is not None:
        result = prepared.lot_result(result)
    write_fhir_file(result, fhir, fhir_version, prepared, force=force, order=order)
    err = screen_on_stderr(prepared)
    if json:
        echo_json(json_text(result, json_context()), err=err)
    else:
        typer.echo(bench_text(result, dated, voice()), err=err)


def with_documents(command: Callable[..., None]) -> Callable[..., None]:
    """Give ``command`` the label and record options (declared once, above).

    ``command`` takes a keyword argument ``documents``; the command line shows the thirteen
    options instead, and they reach ``command`` gathered as one :class:`Documents`.
    """
    signature = inspect.signature(command, eval_str=True)
    defaults = {name: parameter.default for name, parameter in signature.parameters.items()}
    kept = [p for name, p in signature.parameters.items() if name != "documents"]
    added = [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=kind)
        for name, kind in _DOCUMENT_OPTIONS.items()
    ]

    @functools.wraps(command)
    def run(**options: Any) -> None:
        from ldncalc.cli.language import choose

        choose(options["lang"])  # first: a refusal that follows speaks it
        documents = Documents(
            **{name: options.pop(name) for name in _DOCUMENT_OPTIONS},
            # what was typed: the options that differ from their defaults
            inputs={
                name: value
                for name, value in options.items()
                if value not in (None, False) and value != defaults.get(name)
            },
        )
        command(**options, documents=documents)

    # typer reads the parameters from __signature__, which inspect.signature prefers
    run.__signature__ = signature.replace(parameters=[*kept, *added])  # type: ignore[attr-defined]
    return run
