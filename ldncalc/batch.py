"""Batch orders: many prescriptions in, per order the result JSON, the label, the compounding
record and the log entry out (``ldncalc batch ORDERS --out DIR``).

The orders are a CSV file (a header row), a JSON Lines file (one JSON object a line) or a FHIR
``Bundle`` of ``MedicationRequest``\\ s (R5 or R4B, read with fhir.resources). A CSV column or
JSON key is a command-line option of ``liquid`` or ``capsule`` spelled as the library names it
(``target``, ``doses_per_day``; ``doses-per-day`` too), plus ``kind`` (``liquid`` or
``capsule``) and the prescription (:data:`PRESCRIPTION`: ``patient``, ``prescriber``, ``rx``,
``directions``, ``lot``, ``date``, ``lang``, ``expiry`` as ``INGREDIENT=DATE`` separated by
``;``). An empty cell is an option not given.

Each order is its own folder, ``order-<line>`` (``<line>``: the order's line in the file, or
its entry in the bundle): ``result.json``, ``label.<format>`` and ``record.<format>``. It is
made in a hidden folder beside it (``.order-<line>.…``) and renamed into place in one step
once everything is in it, so an order's folder is there whole or not at all. A bad order is
reported (its line, the field, the message) and the others still run. ``summary.csv`` lists
every order, written whole at the end.

The orders run on every core (a :class:`~concurrent.futures.ProcessPoolExecutor` whose
workers import the calculations and read the profile and the log once), in chunks. In a
chunk each order is calculated, its label and record rendered whole and written (on disk) in
its hidden folder; then the chunk's lots are registered in the log in one transaction (one
commit, not one an order), each order in its own savepoint with its folder renamed into
place inside it: its folder and its log entry are kept both or neither, and a commit that
fails removes the chunk's folders. The label and record are what :func:`ldncalc.issue`
would write (the same renderers, the same log entry).
"""

from __future__ import annotations

import csv
import datetime
import functools
import io
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, cast

from ldncalc.errors import InputError, LdnCalcError

if TYPE_CHECKING:
    from ldncalc.log import Location
    from ldncalc.models import Result
    from ldncalc.prescriptions import Prescription
    from ldncalc.profile import Profile

Kind = Literal["liquid", "capsule", "drops", "cream"]
KINDS: tuple[Kind, ...] = ("liquid", "capsule", "drops", "cream")
_API = ("salt", "assay", "assay_as", "assay_basis", "water")  # the API lot's certificate

# the options of each command an order may give (the library's keyword arguments)
COLUMNS: dict[str, tuple[str, ...]] = {
    "liquid": (
        "target",
        "concentration",
        "days",
        "volume",
        "doses_per_day",
        "source",  # tablets, or api: naltrexone HCl powder (with the certificate's columns)
        *_API,
        "tablet_strength",
        "balance_sensitivity",
        "formulation",
    ),
    "capsule": (
        "strength",
        "quantity",
        "overage",
        "doses_per_day",
        "source",
        "salt",
        "assay",
        "assay_as",
        "assay_basis",
        "water",
        "size",
        "shell",
        "shell_weight",
        "filler",
        "fill_weight",
        "tablet_weight",
        "tablet_strength",
        "balance_sensitivity",
        "formulation",
    ),
    "drops": (
        "target",
        "drop_volume",
        "drops",
        "concentration",
        "days",
        "doses_per_day",
        *_API,
        "balance_sensitivity",
        "formulation",
    ),
    "cream": (
        "strength",
        "quantity",
        "dose",
        "pump_volume",
        "doses_per_day",
        *_API,
        "balance_sensitivity",
        "formulation",
    ),
}
_REQUIRED = {
    "liquid": (("target", "4.5mg"),),
    "capsule": (("strength", "4.5mg"), ("quantity", "30")),
    "drops": (("target", "0.5mg"), ("drop_volume", "0.05mL")),
    "cream": (("strength", "10mg/g"), ("quantity", "30g")),
}
PRESCRIPTION = ("patient", "prescriber", "rx", "directions", "lot", "date", "lang", "expiry")
SUMMARY = ("line", "status", "kind", "rx", "lot", "bud", "folder", "field", "message")

Status = Literal["issued", "calculated", "checked", "failed"]


class Order(NamedTuple):
    """One order as read: its line (or bundle entry) and its fields as typed; ``problem``
    (field, message) when the line itself could not be read."""

    line: int
    fields: dict[str, str]
    problem: LdnCalcError | None = None
    lot: str = ""  # the lot drawn for it in this batch when it gives none (:func:`draw_lots`)


class Outcome(NamedTuple):
    """What became of one order."""

    line: int
    status: Status
    kind: str = ""
    rx: str = ""
    lot: str = ""
    bud: str = ""
    folder: str = ""
    field: str = ""
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.status != "failed"


class Settings(NamedTuple):
    """What every order of a batch shares."""

    out: str
    results_only: bool = False
    dry_run: bool = False
    label_format: str = "pdf"
    record_format: str = "pdf"
    pharmacy: str | None = None
    log: str | None = None
    no_log: bool = False
    formulations_dir: str | None = None
    lang: str = "en"  # of the messages


class Report(NamedTuple):
    """A batch run: every order's outcome, in the file's order, and the summary written."""

    outcomes: tuple[Outcome, ...]
    summary: Path | None

    @property
    def ok(self) -> bool:
        return all(outcome.ok for outcome in self.outcomes)


# --- Reading the orders -----------------------------------------------------------------------


def read_orders(path: str | os.PathLike[str], *, parameter: str = "orders") -> list[Order]:
    """The orders of ``path``: CSV (``.csv``), JSON Lines (``.jsonl``, ``.ndjson``) or a FHIR
    ``Bundle`` (``.json``). A file that cannot be read at all is refused
    (:class:`InputError` naming ``parameter``: ``orders``; the command line's ``ORDERS``); a
    line that cannot is an order with a problem."""
    source = Path(path)
    suffix = source.suffix.lower()
    if suffix not in (".csv", ".jsonl", ".ndjson", ".json"):
        raise InputError(parameter, str(source), code="batch-file")
    try:
        text = source.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "not UTF-8 text"
        raise InputError(parameter, str(source), code="batch-unreadable", reason=reason) from None
    if suffix == ".csv":
        return list(_csv_orders(text))
    if suffix == ".json":
        return _fhir_orders(text, str(source), parameter)
    return list(_json_lines(text))


def _csv_orders(text: str) -> Iterator[Order]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    for row in reader:
        line = reader.line_num
        if None in row:  # more cells than the header has columns
            count = len(reader.fieldnames or ())
            yield Order(line, {}, InputError("line", None, code="batch-cells", count=count))
            continue
        yield Order(line, {_name(k): v.strip() for k, v in row.items() if v and v.strip()})


def _json_lines(text: str) -> Iterator[Order]:
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw, parse_float=str, parse_int=str)
        except json.JSONDecodeError as error:
            yield Order(number, {}, InputError("line", None, code="batch-json", reason=error.msg))
            continue
        if not isinstance(data, dict):
            reason = f"a JSON {type(data).__name__}"
            yield Order(number, {}, InputError("line", None, code="batch-json", reason=reason))
            continue
        yield Order(
            number,
            {_name(k): _cell(v) for k, v in data.items() if v is not None and _cell(v) != ""},
        )


def _fhir_orders(text: str, source: str, parameter: str) -> list[Order]:
    """The ``MedicationRequest``\\ s of a FHIR ``Bundle`` (R5, else R4B) as orders, numbered
    by their entry (1 = the first entry of the bundle)."""
    bundle = _fhir_bundle(text, source, parameter)
    by_url = {entry.fullUrl: entry.resource for entry in bundle.entry or () if entry.fullUrl}
    for entry in bundle.entry or ():
        resource = entry.resource
        if resource is not None and resource.id:
            by_url.setdefault(f"{resource.get_resource_type()}/{resource.id}", resource)
    orders = []
    for number, entry in enumerate(bundle.entry or (), start=1):
        resource = entry.resource
        if resource is None or resource.get_resource_type() != "MedicationRequest":
            continue
        try:
            orders.append(Order(number, _fhir_order(resource, by_url)))
        except InputError as error:
            orders.append(Order(number, {}, error))
    return orders


def _fhir_bundle(text: str, source: str, parameter: str) -> Any:
    from fhir.resources.bundle import Bundle
    from fhir.resources.R4B.bundle import Bundle as BundleR4B
    from pydantic import ValidationError

    for model in (Bundle, BundleR4B):
        try:
            return model.model_validate_json(text)
        except ValidationError as error:
            reason = f"not a FHIR Bundle: {error.errors()[0]['msg']}"
        except ValueError as error:
            reason = f"not a FHIR Bundle: {error}"
    raise InputError(parameter, source, code="batch-unreadable", reason=reason)


def _fhir_order(request: Any, by_url: dict[str, Any]) -> dict[str, str]:
    """One ``MedicationRequest`` as an order's fields."""
    fields: dict[str, str] = {}
    if request.identifier:
        fields["rx"] = request.identifier[0].value or ""
    if request.requester is not None and request.requester.display:
        fields["prescriber"] = request.requester.display
    patient = _resolved(request.subject, by_url)
    if patient is not None and patient.name:
        name = patient.name[0]
        fields["patient"] = name.text or " ".join([*(name.given or ()), name.family or ""]).strip()
    elif request.subject is not None and request.subject.display:
        fields["patient"] = request.subject.display
    medication, concept = _fhir_medication(request, by_url)
    dosages: list[Any] = list(request.dosageInstruction or ())
    if len(dosages) != 1 or not dosages[0].doseAndRate:
        what = "a titration" if len(dosages) > 1 else "no dose"
        raise InputError("dosageInstruction", None, code="batch-fhir", what=what)
    dosage = dosages[0]
    dose = dosage.doseAndRate[0].doseQuantity
    if dose is None or dose.value is None:
        raise InputError("dosageInstruction", None, code="batch-fhir", what="no doseQuantity")
    repeat = dosage.timing.repeat if dosage.timing is not None else None
    if repeat is not None and repeat.frequency and (repeat.period or 1) == 1:
        fields["doses_per_day"] = str(repeat.frequency)
    form = " ".join(
        text or ""
        for text in (
            concept,
            _text(getattr(medication, "doseForm", None) or getattr(medication, "form", None)),
            _text(getattr(medication, "code", None)),
        )
    ).lower()
    supply = request.dispenseRequest
    unit = (dose.code or dose.unit or "").strip()
    ordered = _ldncalc_order(request)
    if ordered:  # ldncalc's own export: the order as it was given (its kind, source, dose…)
        return {**fields, **ordered}
    plugin = _plugin_form(form, unit)
    if plugin is not None:  # never read as a liquid: its drop volume or pump is not in FHIR
        raise InputError("doseForm", None, code="batch-fhir-form", kind=plugin)
    if unit == "CAP" or "capsule" in form or "gélule" in form:
        fields["kind"] = "capsule"
        strength = _active_strength(medication)
        if strength is not None and strength[1] in ("CAP", "capsule", "1"):
            fields["strength"] = f"{_figures(strength[0])}mg"
        elif unit in ("mg", "ug"):
            fields["strength"] = _amount(dose.value, unit)
        if supply is not None and supply.quantity is not None and supply.quantity.value:
            fields["quantity"] = _figures(supply.quantity.value)
        return fields
    fields["kind"] = "liquid"
    if unit in ("mg", "ug"):
        fields["target"] = _amount(dose.value, unit)
    elif unit == "mL":
        strength = _active_strength(medication)
        if strength is None or strength[1] != "mL":
            raise InputError("doseQuantity", None, code="batch-fhir", what="mL without strength")
        fields["target"] = f"{_figures(dose.value * strength[0])}mg"
        fields["concentration"] = f"{_figures(strength[0])}mg/mL"
    else:
        raise InputError("doseQuantity", unit, code="batch-fhir", what=f"a dose in {unit!r}")
    duration = supply.expectedSupplyDuration if supply is not None else None
    if (
        duration is not None
        and duration.value
        and (duration.code or duration.unit) in ("d", "days")
    ):
        fields["days"] = _figures(duration.value)
    return fields


def _ldncalc_order(request: Any) -> dict[str, str]:
    """The fields of ldncalc's order extension (:data:`ldncalc.exchange.fhir.ORDER_EXTENSION`)
    of ``request``, as typed (``target``: ``0.5mg``): the whole order, its kind and source
    included; empty without it."""
    from ldncalc.exchange.fhir import ORDER_EXTENSION

    for extension in request.extension or ():
        if extension.url != ORDER_EXTENSION:
            continue
        fields: dict[str, str] = {}
        for part in extension.extension or ():
            if part.valueQuantity is not None and part.valueQuantity.value is not None:
                unit = part.valueQuantity.code or part.valueQuantity.unit or ""
                fields[part.url] = _amount(part.valueQuantity.value, unit)
            else:
                value = part.valueCode or part.valueString or part.valueInteger
                if value is not None:
                    fields[part.url] = str(value)
        if fields.get("kind") in KINDS:
            return fields
    return {}


def _plugin_form(form: str, unit: str) -> str | None:
    """``drops`` or ``cream`` when a request names sublingual drops or a cream (its form or
    name, or a dose in drops or pump actuations: EDQM 15022000, 15001000), else ``None``."""
    if unit == "15022000" or "drop" in form or "goutte" in form:
        return "drops"
    if unit == "15001000" or "cream" in form or "crème" in form:
        return "cream"
    return None


def _resolved(reference: Any, by_url: dict[str, Any]) -> Any:
    if reference is None or not getattr(reference, "reference", None):
        return None
    return by_url.get(reference.reference)


def _fhir_medication(request: Any, by_url: dict[str, Any]) -> tuple[Any, str]:
    """The request's ``Medication`` (resolved in the bundle, or ``None``) and its text."""
    link = getattr(request, "medication", None)  # R5: a CodeableReference
    if link is not None:
        medication = _resolved(link.reference, by_url)
        return medication, _text(link.concept)
    medication = _resolved(getattr(request, "medicationReference", None), by_url)
    return medication, _text(getattr(request, "medicationCodeableConcept", None))


def _text(concept: Any) -> str:
    if concept is None:
        return ""
    if concept.text:
        return str(concept.text)
    return " ".join(c.display or "" for c in concept.coding or ())


def _active_strength(medication: Any) -> tuple[Decimal, str] | None:
    """The active ingredient's strength as (mg per unit, the unit: ``mL`` or ``CAP``)."""
    if medication is None:
        return None
    for ingredient in medication.ingredient or ():
        if not ingredient.isActive:
            continue
        ratio = getattr(ingredient, "strengthRatio", None) or getattr(ingredient, "strength", None)
        if ratio is None or ratio.numerator is None or ratio.denominator is None:
            return None
        over, under = ratio.numerator, ratio.denominator
        if (over.code or over.unit) != "mg" or not under.value:
            return None
        return Decimal(str(over.value)) / Decimal(str(under.value)), (
            under.code or under.unit or "1"
        )
    return None


def _amount(value: Any, unit: str) -> str:
    return f"{_figures(value)}{'mcg' if unit == 'ug' else unit}"


def _figures(value: Any) -> str:
    """A number as typed: ``4.5``, ``100`` (never ``1E+2``)."""
    from ldncalc.formatting import round_to

    return f"{round_to(Decimal(str(value)), 6):f}"


def _cell(value: object) -> str:
    """A JSON value as text typed on the command line (numbers exactly as written)."""
    if isinstance(value, list):
        return ";".join(str(item) for item in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip()


def _name(column: str) -> str:
    return column.strip().lower().replace("-", "_")


TEMPLATE_COLUMNS = (
    "kind", "target", "days", "strength", "quantity", "doses_per_day", "source", "drop_volume",
    "patient", "prescriber", "rx", "directions", "lot", "date", "lang", "expiry",
)  # fmt: skip
_EXAMPLES = (  # one order of each kind: the columns it fills, the others empty
    {"kind": "liquid", "target": "4.5mg", "days": "14", "doses_per_day": "1",
     "patient": "Jane Doe", "rx": "1001"},
    {"kind": "capsule", "strength": "1.5mg", "quantity": "60", "doses_per_day": "2",
     "patient": "John Roe", "rx": "1002", "lang": "fr"},
    {"kind": "liquid", "target": "4.5mg", "source": "api", "patient": "Ann Poe", "rx": "1003"},
    {"kind": "drops", "target": "0.5mg", "drop_volume": "0.05mL", "patient": "Jim Low",
     "rx": "1004"},
    {"kind": "cream", "strength": "10mg/g", "quantity": "30g", "patient": "Eve Moe",
     "rx": "1005"},
)  # fmt: skip
TEMPLATE = (
    TEMPLATE_COLUMNS,
    *(
        tuple(
            {"prescriber": "Dr. Ann Smith", **example}.get(column, "")
            for column in TEMPLATE_COLUMNS
        )
        for example in _EXAMPLES
    ),
)


def write_template(path: str | os.PathLike[str], *, force: bool = False) -> Path:
    """An example orders file (CSV) at ``path``: the columns most orders use, one order of
    each kind (a liquid from tablets, capsules, a liquid from API powder, drops, a cream);
    replacing a file only with ``force`` (never a read-only one)."""
    from ldncalc.labels.files import write_atomic

    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(TEMPLATE)
    return write_atomic(path, text.getvalue().encode("utf-8"), option="--template", force=force)


# --- One order --------------------------------------------------------------------------------


class _Shared(NamedTuple):
    profile: Profile | None
    log: Location | None
    prepared_by: str = ""


_SHARED: dict[Settings, _Shared] = {}  # each process reads the profile and log once


def _shared(settings: Settings) -> _Shared:
    shared = _SHARED.get(settings)
    if shared is None:
        if settings.results_only:
            shared = _Shared(None, None)
        else:
            from ldncalc.issuing import _preparer, usable_log
            from ldncalc.profile import load_profile

            profile = load_profile(settings.pharmacy)
            log = None if settings.no_log or settings.dry_run else usable_log(settings.log, profile)
            shared = _Shared(profile, log, _preparer(None, profile))
        _SHARED[settings] = shared
    return shared


class _Staged(NamedTuple):
    """An order calculated and its documents rendered, its folder complete but still hidden
    (``staging``), waiting for its log entry."""

    slot: int  # its place in its chunk
    line: int
    kind: str
    fields: dict[str, str]
    result: Result
    details: Prescription
    bud: str
    staging: Path  # its hidden folder

    @property
    def rx(self) -> str:
        return self.fields.get("rx", "")


def run_order(order: Order, settings: Settings) -> Outcome:
    """Calculate one order and, unless ``settings.dry_run``, write its folder whole; a bad
    order is an :class:`Outcome` with the field and the message, never an exception."""
    return _run_chunk([order], settings)[0]


def _prepare(index: int, order: Order, settings: Settings) -> Outcome | _Staged:
    """The order calculated and, when it is issued, staged (:class:`_Staged`); else what
    became of it."""
    if order.problem is not None:
        return _failed(order.line, "", "", order.problem, settings)
    fields = dict(order.fields)
    kind = fields.pop("kind", "")
    rx = fields.get("rx", "")
    try:
        if kind not in KINDS:
            raise InputError("kind", kind or None, code="batch-kind", kinds=KINDS)
        result = _calculate(kind, fields, settings)
        if settings.results_only:
            return _results_only(order.line, kind, rx, result, settings)
        return _stage(index, order.line, kind, fields, result, settings, lot=order.lot or None)
    except LdnCalcError as error:
        return _failed(order.line, kind, rx, error, settings)
    except Exception as error:  # a bug: reported with the order, the others still run
        return _internal(order.line, kind, rx, error)


def _internal(line: int, kind: str, rx: str, error: Exception) -> Outcome:
    return Outcome(line, "failed", kind, rx, message=f"internal error: {error!r}")


def _failed(line: int, kind: str, rx: str, error: LdnCalcError, settings: Settings) -> Outcome:
    """A refused order: the field (as a column names it) and the message, in the batch's
    language (the problem and the fix, as after the option on the command line)."""
    from ldncalc.locale import Voice, render_error

    field = error.parameter.removeprefix("--").replace("-", "_")
    problem, fix = render_error(error, Voice(settings.lang, "library"))  # type: ignore[arg-type]
    value = "" if error.value is None else f'"{error.value!s}" '
    return Outcome(line, "failed", kind, rx, field=field, message=f"{value}{problem}; {fix}")


def _calculate(kind: str, fields: dict[str, str], settings: Settings) -> Result:
    allowed = COLUMNS[kind]
    for name in fields:
        if name not in allowed and name not in PRESCRIPTION:
            raise InputError(name, fields[name], code="batch-column", kind=kind)
    options: dict[str, Any] = {name: fields[name] for name in allowed if name in fields}
    for name, example in _REQUIRED[kind]:
        if name not in options:
            raise InputError(name, None, code="option-required", option=name, example=example)
    if settings.formulations_dir is not None:
        options["formulations_dir"] = settings.formulations_dir
    from ldncalc import forms

    if kind == "liquid":  # from tablets, or from API powder: its own form (issue 14 §2)
        from ldncalc.preparations.liquid.source import read_source

        api = {name: options.get(name) for name in _API}
        if options.get("salt") == "hcl":  # the default salt, as `ldncalc liquid --salt hcl`
            api["salt"] = None
        tablets = {name: options.get(name) for name in ("volume", "tablet_strength")}
        if read_source(options.pop("source", None), api=api, tablets=tablets):
            kind = "liquid-api"
        elif api["salt"] is None:
            options.pop("salt", None)
    # one of KINDS: the documents' code below is typed for the built-in forms' results
    return cast("Result", forms.get(kind).calculate(**options))


def _results_only(line: int, kind: str, rx: str, result: Result, settings: Settings) -> Outcome:
    if settings.dry_run:
        return Outcome(line, "checked", kind, rx)
    name = f"order-{line}"
    staging = _staging(name, settings, {"result.json": _json(result, settings)})
    _into_place(staging, name, settings)
    return Outcome(line, "calculated", kind, rx, folder=name)


def _stage(
    index: int,
    line: int,
    kind: str,
    fields: dict[str, str],
    result: Result,
    settings: Settings,
    *,
    lot: str | None = None,
) -> Outcome | _Staged:
    """The order's prescription, label and record rendered whole (a label that does not fit
    stops here), then written with its result.json in its hidden folder; in a dry run,
    nothing written."""
    from ldncalc.labels import render_label, render_record
    from ldncalc.labels.content import dated_bud, lot_result
    from ldncalc.prescriptions import prescription

    shared = _shared(settings)
    assert shared.profile is not None
    details = prescription(
        patient=fields.get("patient"),
        prescriber=fields.get("prescriber"),
        rx=fields.get("rx"),
        directions=fields.get("directions"),
        lot=fields.get("lot") or lot,
        date=fields.get("date"),
        lang=fields.get("lang", shared.profile.lang),
        expiry=[text for text in fields.get("expiry", "").split(";") if text.strip()],
    )
    bud = dated_bud(result, details).date.isoformat()
    label = render_label(result, details, shared.profile, settings.label_format)  # type: ignore[arg-type]
    record = render_record(result, details, shared.profile, settings.record_format)  # type: ignore[arg-type]
    if settings.dry_run:
        return Outcome(line, "checked", kind, details.rx, details.lot, bud)
    dated = lot_result(result, details)  # the days of supply left: the JSON, as on screen
    files = {
        "result.json": _json(dated, settings),
        f"label.{settings.label_format}": label,
        f"record.{settings.record_format}": record,
    }
    # the label and record are legal records: on disk before their log entry commits
    staging = _staging(f"order-{line}", settings, files, synced=tuple(files)[1:])
    return _Staged(index, line, kind, fields, result, details, bud, staging)


_MESSAGES: dict[tuple[Any, ...], Any] = {}  # each process renders a distinct message once


def _json(result: Result, settings: Settings) -> bytes:
    from ldncalc.render import json_text

    context = {"lang": settings.lang, "surface": "library", "memo": _MESSAGES}
    return (json_text(result, context) + "\n").encode()


def _staging(
    name: str, settings: Settings, files: dict[str, bytes], synced: Sequence[str] = ()
) -> Path:
    """A hidden folder beside the order's place (``.order-<line>.<process>``, owner-only)
    holding ``files``, each owner-only (patient data); those named in ``synced`` flushed to
    disk."""
    staging = Path(settings.out, f".{name}.{os.getpid()}")
    try:
        try:
            staging.mkdir(0o700)
        except FileExistsError:  # left by a process of the same number that was killed
            staging = Path(tempfile.mkdtemp(prefix=f".{name}.", dir=settings.out))
    except OSError as error:
        raise _unwritable(settings.out, error) from None
    try:
        for file, data in files.items():
            handle = os.open(staging / file, _NEW_FILE, 0o600)
            with os.fdopen(handle, "wb") as written:
                written.write(data)
                if file in synced:
                    written.flush()
                    os.fsync(handle)
    except BaseException as error:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(error, OSError):
            raise _unwritable(settings.out, error) from None
        raise
    return staging


_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL


def _into_place(staging: Path, name: str, settings: Settings) -> None:
    """Rename the hidden folder to ``name``, in one step: the order's folder is there whole
    or not at all (the hidden one is removed if it cannot be; an existing folder is never
    replaced)."""
    final = Path(settings.out, name)
    try:
        if final.exists() or final.is_symlink():
            raise InputError("out", str(final), code="batch-exists")
        staging.rename(final)
    except BaseException as error:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(error, OSError):
            raise _unwritable(settings.out, error) from None
        raise


def _unwritable(out: str, error: OSError) -> LdnCalcError:
    from ldncalc.errors import OutputError

    return OutputError("out", out, code="batch-unwritable", reason=error.strerror)


# --- A chunk of orders: one log transaction ---------------------------------------------------

_LOT_TRIES = 5  # new lot numbers tried for an order whose random one is already in the log


def _run_chunk(orders: Sequence[Order], settings: Settings) -> list[Outcome]:
    """Every order of the chunk: calculated, rendered and staged one by one, then (issued)
    registered in the log in one transaction, each order's folder renamed into place inside
    its own savepoint (:func:`_register`)."""
    prepared: list[Outcome | _Staged] = []
    try:
        for index, order in enumerate(orders):
            prepared.append(_prepare(index, order, settings))
        staged = [item for item in prepared if isinstance(item, _Staged)]
        placed = _register(staged, settings) if staged else {}
    except BaseException:  # Ctrl-C, a bug: no hidden folder left behind
        for item in prepared:
            if isinstance(item, _Staged):
                shutil.rmtree(item.staging, ignore_errors=True)
        raise
    return [placed[item.slot] if isinstance(item, _Staged) else item for item in prepared]


def _issued(staged: _Staged) -> Outcome:
    details = staged.details
    name = f"order-{staged.line}"
    return Outcome(staged.line, "issued", staged.kind, details.rx, details.lot, staged.bud, name)


def _register(staged: Sequence[_Staged], settings: Settings) -> dict[int, Outcome]:
    """Each staged order's log entry and folder, both or neither, in one transaction of the
    log (one commit, one flush to disk, for the chunk): an order is appended in a savepoint,
    its folder renamed into place, and the savepoint released; if anything of it fails, its
    savepoint is rolled back and its folder removed. If the commit fails, every folder of the
    chunk is removed again. An order given no lot whose new random lot number is already in
    the log (another order of the batch made it the same minute) is staged again with another
    one."""
    shared = _shared(settings)
    outcomes: dict[int, Outcome] = {}
    if shared.log is None:  # --no-log: each folder into place
        for item in staged:
            try:
                _into_place(item.staging, f"order-{item.line}", settings)
                outcomes[item.slot] = _issued(item)
            except LdnCalcError as error:
                outcomes[item.slot] = _failed(item.line, item.kind, item.rx, error, settings)
            except Exception as error:  # a bug: reported with the order, the others still run
                outcomes[item.slot] = _internal(item.line, item.kind, item.rx, error)
        return outcomes
    pending = list(staged)
    for attempt in range(1, _LOT_TRIES + 1):
        taken = _transaction(pending, settings, outcomes, last=attempt == _LOT_TRIES)
        pending = []
        for item in taken:
            again = _stage(item.slot, item.line, item.kind, item.fields, item.result, settings)
            if isinstance(again, _Staged):
                pending.append(again)
            else:
                outcomes[item.slot] = again
        if not pending:
            break
    return outcomes


def _transaction(
    pending: Sequence[_Staged], settings: Settings, outcomes: dict[int, Outcome], *, last: bool
) -> list[_Staged]:
    """One transaction of the log for ``pending``; the orders whose new lot was taken (to
    stage again with another, unless ``last``)."""
    from ldncalc.log import register
    from ldncalc.log.store import open_log

    shared = _shared(settings)
    assert shared.log is not None
    assert shared.profile is not None
    documents = {"label": settings.label_format, "record": settings.record_format}
    moved: set[int] = set()  # the orders whose folder is in its place (by index)
    taken: list[_Staged] = []

    def into_place(item: _Staged) -> None:
        _into_place(item.staging, f"order-{item.line}", settings)
        moved.add(item.slot)

    try:
        with open_log(shared.log) as book, book.appending():
            for item in pending:
                try:
                    register(
                        book,
                        item.result,
                        item.details,
                        prepared_by=shared.prepared_by,
                        inputs={"kind": item.kind, **item.fields},
                        profile=shared.profile,
                        documents=documents,
                        while_open=functools.partial(into_place, item),
                    )
                except Exception as error:  # its savepoint rolled back: its folder goes too
                    _remove(item, settings, placed=item.slot in moved)
                    moved.discard(item.slot)
                    if not isinstance(error, LdnCalcError):
                        outcomes[item.slot] = _internal(item.line, item.kind, item.rx, error)
                    elif error.code == "log-lot-exists" and "lot" not in item.fields and not last:
                        taken.append(item)
                    else:
                        outcomes[item.slot] = _failed(
                            item.line, item.kind, item.rx, error, settings
                        )
    except BaseException as error:  # the log could not be opened, or the commit failed
        for item in pending:
            _remove(item, settings, placed=item.slot in moved)
        if not isinstance(error, LdnCalcError):
            raise
        for item in pending:
            outcomes[item.slot] = _failed(item.line, item.kind, item.rx, error, settings)
        return []
    for item in pending:
        if item.slot in moved:
            outcomes[item.slot] = _issued(item)
    return taken


def _remove(item: _Staged, settings: Settings, *, placed: bool) -> None:
    """An order's folder gone again: the hidden one, and the one in its place if this run put
    it there (``placed``)."""
    shutil.rmtree(item.staging, ignore_errors=True)
    if placed:
        shutil.rmtree(Path(settings.out, f"order-{item.line}"), ignore_errors=True)


def _start_worker(settings: Settings) -> None:
    """Each worker process, once before its first chunk: the modules every order uses
    imported, the profile and log read."""
    from ldncalc.preparations.capsule import capsule  # noqa: F401
    from ldncalc.preparations.liquid import liquid  # noqa: F401
    from ldncalc.render import json_text  # noqa: F401

    if not settings.results_only:
        import ldncalc.labels.content
        import ldncalc.log
        import ldncalc.prescriptions  # noqa: F401

        _shared(settings)


# --- The batch --------------------------------------------------------------------------------

CHUNK = (10, 100)  # orders a worker takes at a time, at least and at most


def chunk_size(orders: int, workers: int) -> int:
    """Orders a chunk: about 8 chunks a worker (an even share at the end, the progress bar
    moving), each chunk one round trip to the worker and one transaction of the log."""
    return max(CHUNK[0], min(CHUNK[1], -(-orders // (workers * 8))))


def run_batch(
    orders: Sequence[Order],
    settings: Settings,
    *,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> Report:
    """Run every order (on ``workers`` processes, default every core; in this process for a
    batch of one chunk), then write ``summary.csv`` (not in a dry run). ``progress`` is
    called with the number of orders done after each chunk."""
    if not settings.dry_run:
        _check_out(settings.out)
    if not settings.results_only:
        _shared(settings)  # a missing profile or an unusable log stops before any order
        orders = draw_lots(orders)
    cores = workers if workers is not None else os.cpu_count() or 1
    size = chunk_size(len(orders), cores)
    chunks = [orders[i : i + size] for i in range(0, len(orders), size)]
    count = min(cores, len(chunks))
    outcomes: list[Outcome] = []
    if count <= 1:
        for chunk in chunks:
            outcomes += _run_chunk(chunk, settings)
            if progress is not None:
                progress(len(chunk))
    else:
        with ProcessPoolExecutor(count, initializer=_start_worker, initargs=(settings,)) as pool:
            futures = [pool.submit(_run_chunk, chunk, settings) for chunk in chunks]
            for future in futures:  # in order: the summary follows the file
                done = future.result()
                outcomes += done
                if progress is not None:
                    progress(len(done))
    summary = None if settings.dry_run else write_summary(outcomes, settings.out)
    return Report(tuple(outcomes), summary)


def draw_lots(orders: Sequence[Order], now: datetime.datetime | None = None) -> list[Order]:
    """Each order that gives no lot, with a new lot number drawn here, once for the batch and
    never one the batch already holds: lots drawn at random in separate worker processes
    (4 hex digits a minute) would repeat about 8 times in 1,000 orders made in one minute,
    and with ``--no-log`` nothing else would catch it. An order whose date cannot be read
    keeps none (it is refused with its date)."""
    from ldncalc.checks import read_date
    from ldncalc.prescriptions import clock, new_lot

    now = now or clock()
    held = {order.fields["lot"] for order in orders if order.fields.get("lot")}
    drawn: list[Order] = []
    for order in orders:
        if order.problem is None and not order.fields.get("lot"):
            try:
                day = read_date(order.fields.get("date", now.date()), "date")
            except LdnCalcError:
                drawn.append(order)
                continue
            lot = new_lot(day, now)
            while lot in held:
                lot = new_lot(day, now)
            held.add(lot)
            order = order._replace(lot=lot)
        drawn.append(order)
    return drawn


def _check_out(out: str) -> None:
    folder = Path(out)
    if not folder.is_dir():
        raise InputError("out", out, code="batch-out")


def summary_csv(outcomes: Sequence[Outcome]) -> str:
    """The summary as CSV text: one row an order."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(SUMMARY)
    for outcome in outcomes:
        writer.writerow(outcome)
    return text.getvalue()


def write_summary(outcomes: Sequence[Outcome], out: str) -> Path:
    from ldncalc.labels.files import write_atomic

    data = summary_csv(outcomes).encode("utf-8")
    return write_atomic(Path(out) / "summary.csv", data, option="out", force=True)
