"""The life of a lot in the compounding log: registered, completed, verified, found.

A lot is registered when its label or record is issued (:func:`register`), completed with the
quantities actually weighed or measured (:func:`complete`), then released or quarantined by a
pharmacist (:func:`verify`). Each step is a new entry; the state of a lot is read from its
entries in order, inside the append lock, so that two pharmacists verifying at once cannot
both release it. Tolerances (docs/basis.md §4 and §8): a weighed or measured ingredient within
5 % of its quantity (USP <1176> weighing error), tablets counted exactly, each filled capsule's
net fill within 90–110 % of its theoretical weight (USP <795>), and the strength made within
90–110 % of the strength labelled.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ldncalc.errors import InputError, LogError
from ldncalc.log.chain import first_mismatch
from ldncalc.log.store import Draft, Entry, Log

if TYPE_CHECKING:
    from ldncalc.locale import Lang
    from ldncalc.log.render import Names
    from ldncalc.models import Result
    from ldncalc.prescriptions import Prescription
    from ldncalc.profile import Profile
    from ldncalc.units import Qty

Status = Literal["awaiting completion", "completed", "failed", "released", "quarantined"]
STATUSES: tuple[Status, ...] = (
    "awaiting completion",
    "completed",
    "failed",
    "released",
    "quarantined",
)
INGREDIENT_TOLERANCE = Decimal(5)  # %, docs/basis.md §8 (USP: at most 5 % weighing error)
STRENGTH_RANGE = (Decimal(90), Decimal(110))  # % of label, docs/basis.md §4 (USP <795>)


@dataclass(frozen=True)
class Lot:
    """A lot as the log knows it: its registration and what happened to it since."""

    lot: str
    status: Status
    patient: str
    rx: str
    prescriber: str
    compounded: str
    formulation_id: str
    formulation_version: int
    preparation: str
    prepared_by: str
    registered_at: str
    completed_at: str | None
    verified_by: str | None
    verified_at: str | None
    reason: str | None  # of a failure or a rejection
    entries: tuple[int, ...]

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "entries": list(self.entries)}


def lot_of(entries: Sequence[Entry]) -> Lot:
    """The state of one lot from its entries, in order (a correction replaces the entry it
    names)."""
    first = entries[0]
    body = first.body
    status: Status = "awaiting completion"
    completed_at = verified_by = verified_at = reason = None
    for entry in entries[1:]:
        if entry.kind == "completed":
            status = "completed" if entry.body["passed"] else "failed"
            completed_at = entry.recorded_at
            reason = None if entry.body["passed"] else "; ".join(entry.body["failures"])
        elif entry.kind in ("released", "rejected"):
            status = "released" if entry.kind == "released" else "quarantined"
            verified_by, verified_at = entry.actor, entry.recorded_at
            if entry.kind == "rejected":
                reason = entry.body["reason"]
    result = body["result"]
    return Lot(
        lot=first.lot,
        status=status,
        patient=first.patient,
        rx=first.rx,
        prescriber=body["prescription"].get("prescriber", ""),
        compounded=first.compounded,
        formulation_id=first.formulation_id,
        formulation_version=first.formulation_version,
        preparation=_preparation(result),
        prepared_by=first.actor,
        registered_at=first.recorded_at,
        completed_at=completed_at,
        verified_by=verified_by,
        verified_at=verified_at,
        reason=reason,
        entries=tuple(entry.seq for entry in entries),
    )


def _preparation(result: Mapping[str, Any]) -> str:
    if result["kind"] == "capsule":
        strength = result["strength"]
        return f"{result['quantity']} capsules {_json_quantity(strength)}"
    if result["kind"] == "cream":  # by weight (issue 14)
        return f"{_json_quantity(result['quantity'])} {_json_quantity(result['strength'])}"
    return f"{_json_quantity(result['final_volume'])} {_json_quantity(result['concentration'])}"


def _json_quantity(value: Mapping[str, Any]) -> str:
    from ldncalc.formatting import format_number

    return f"{format_number(Decimal(str(value['value'])))} {value['unit']}"


# --- registering ------------------------------------------------------------------------------


def read_ingredient_lots(
    texts: Iterable[str], names: Sequence[str], expiries: Mapping[str, datetime.date]
) -> tuple[tuple[str, str, str], ...]:
    """``--ingredient-lot INGREDIENT=LOT`` texts as (ingredient's full name, lot, expiry or
    ""), matched to ``names`` as ``--expiry`` is. LOT may be a GS1 element string scanned
    from the container (:mod:`ldncalc.log.gs1`): its lot is used, and its expiry is one of
    ``expiries`` already (:func:`~ldncalc.log.gs1.expiries_of`)."""
    from ldncalc.log.gs1 import is_gs1, read_gs1
    from ldncalc.prescriptions import MAXIMUM_LOT, match_ingredient, read_code

    found: dict[str, str] = {}
    for text in texts:
        typed, equals, lot = str(text).partition("=")
        if equals and is_gs1(lot):
            lot = read_gs1(text, lot).lot
        if not equals or not typed.strip():
            raise InputError("ingredient_lot", text, code="ingredient-lot-unnamed")
        name = match_ingredient("--ingredient-lot", " ".join(typed.split()), text, names)
        if name in found:
            raise InputError("ingredient_lot", text, code="ingredient-lot-twice", name=name)
        found[name] = read_code(lot, "--ingredient-lot", MAXIMUM_LOT)
    return tuple(
        (name, lot, expiries[name].isoformat() if name in expiries else "")
        for name, lot in found.items()
    )


def register(
    log: Log,
    result: Result,
    details: Prescription,
    *,
    prepared_by: str,
    inputs: Mapping[str, Any] | None = None,
    ingredient_lots: Sequence[str] = (),
    profile: Profile | None = None,
    documents: Mapping[str, str] | None = None,
    while_open: Callable[[], object] | None = None,
) -> Entry:
    """Register the lot of ``result`` (``details.lot``): everything needed to find it, check
    it and reprint its documents. ``while_open`` runs after the entry is written and before
    it is committed (the label and record files): if it raises, nothing is kept."""
    from ldncalc.prescriptions import expiry_dates, ingredient_names
    from ldncalc.version import __version__

    names = ingredient_names(result, details.lang)
    lots = read_ingredient_lots(ingredient_lots, names, expiry_dates(details, names))
    formulation = result.formulation
    body = {
        "prescription": details.model_dump(mode="json"),
        "inputs": dict(inputs or {}),
        "formulation": {
            **formulation.model_dump(mode="json"),
            "content_sha256": _file_hash(formulation.path),
        },
        "result": json.loads(result.model_dump_json()),
        "program": f"ldncalc {__version__}",
        "ingredient_lots": [
            {"ingredient": name, "lot": lot, "expiry": expiry} for name, lot, expiry in lots
        ],
        "expiries": [[name, day.isoformat()] for name, day in details.expiries],
        "prepared_by": prepared_by,
        "pharmacy": profile.model_dump(mode="json") if profile is not None else None,
        "documents": dict(documents or {}),
    }
    draft = Draft(
        lot=details.lot,
        kind="registered",
        actor=prepared_by,
        body=body,
        patient=details.patient,
        rx=details.rx,
        formulation_id=formulation.id,
        formulation_version=formulation.version,
        compounded=details.compounded.isoformat(),
        ingredient_lots=lots,
    )
    with log.appending() as appender:
        if appender.entries_of(details.lot):
            raise LogError("lot", details.lot, code="log-lot-exists")
        entry = appender.append(draft)
        if while_open is not None:
            while_open()
    return entry


def _file_hash(path: str) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return ""


def _follow(previous: Entry, draft_kind: str, actor: str, body: Mapping[str, Any]) -> Draft:
    """A new entry about the lot of ``previous``, carrying its search columns."""
    return Draft(
        lot=previous.lot,
        kind=draft_kind,
        actor=actor,
        body=body,
        patient=previous.patient,
        rx=previous.rx,
        formulation_id=previous.formulation_id,
        formulation_version=previous.formulation_version,
        compounded=previous.compounded,
    )


def _entries(appender: Any, lot: str) -> list[Entry]:
    entries: list[Entry] = appender.entries_of(lot)
    if not entries:
        raise LogError("LOT", lot, code="log-lot-unknown")
    return entries


# --- completing -------------------------------------------------------------------------------


def complete(
    log: Log,
    lot: str,
    *,
    actual: Sequence[str],
    by: str | None = None,
    capsule_weights: Sequence[str] = (),
    shell_weight: str | None = None,
    correction: str | None = None,
    lang: Lang = "en",
) -> Entry:
    """Record the quantities actually weighed or measured for ``lot`` (``INGREDIENT=QTY``:
    a mass, a volume, or a count of tablets; an ingredient made up to a total, the total:
    water to 100 mL, a cream's base to 30 g), and for capsules a sample of filled-capsule
    weights and the empty shell's weight; the entry holds each variance, the strength made,
    and pass or fail with the reasons; ``by`` defaults to whoever prepared the lot. A lot
    already completed takes a new completion only
    as a ``correction`` (the reason), which names the entry it corrects. INGREDIENT is any
    part of its English or French name; a refusal names the ingredients in ``lang``."""
    with log.appending() as appender:
        entries = _entries(appender, lot)
        state = lot_of(entries)
        if state.status in ("released", "quarantined"):
            raise LogError("LOT", lot, code="log-lot-final", status=state.status)
        done = [entry for entry in entries if entry.kind == "completed"]
        if done and correction is None:
            raise LogError("LOT", lot, code="log-lot-completed", entry=done[-1].seq)
        if correction is not None and not done:
            raise LogError("correction", correction, code="log-correction-nothing")
        result = entries[0].body["result"]
        body = check_quantities(result, actual, capsule_weights, shell_weight, lang=lang)
        if correction is not None:
            body["correction"] = correction
        draft = _follow(entries[0], "completed", by or state.prepared_by, body)
        if done:
            draft = Draft(**{**asdict(draft), "corrects": done[-1].seq})
        return appender.append(draft)


def check_quantities(
    result: Mapping[str, Any],
    actual: Sequence[str],
    capsule_weights: Sequence[str],
    shell_weight: str | None,
    *,
    lang: Lang = "en",
) -> dict[str, Any]:
    """Variances, strength made and pass/fail of the quantities typed against ``result``
    (INGREDIENT as :func:`complete` reads it; a refusal names the ingredients in ``lang``)."""
    from ldncalc.formatting import format_number, format_quantity
    from ldncalc.locale import Voice
    from ldncalc.log.render import ingredient_names

    ingredients = result["ingredients"]
    names = [item["name"] for item in ingredients]
    said = ingredient_names(result, Voice(lang, "cli"))  # a name as the reader reads it
    french = ingredient_names(result, Voice("fr", "cli"))
    typed: dict[str, str] = {}
    for text in actual:
        name_typed, equals, amount = str(text).rpartition("=")
        if not equals or not name_typed.strip():
            raise InputError("actual", text, code="actual-unnamed")
        name = _named(" ".join(name_typed.split()), text, names, (said, french))
        if name in typed:
            raise InputError("actual", text, code="actual-twice", name=said(name))
        typed[name] = amount
    missing = [said(name) for name in dict.fromkeys(names) if name not in typed]
    if missing:
        raise InputError("actual", None, code="actual-missing", names=tuple(missing))
    checks: list[dict[str, Any]] = []
    failures: list[str] = []
    ratios: dict[str, Decimal] = {}
    weighed_expected = weighed_actual = Decimal(0)
    for item in ingredients:
        name = item["name"]
        expected, measured = _expected_and_actual(item, typed[name], said(name))
        if isinstance(expected, int):
            variance = Decimal(measured - expected) * 100 / expected if expected else Decimal(0)
            passed = measured == expected
            shown = (str(expected), str(measured), "exact count")
        else:
            variance = (
                (measured.to(expected.units).magnitude - expected.magnitude)
                * 100
                / (expected.magnitude)
            )
            passed = abs(variance) <= INGREDIENT_TOLERANCE
            shown = (
                format_quantity(expected),
                format_quantity(measured.to(expected.units)),
                f"±{format_number(INGREDIENT_TOLERANCE)} %",
            )
            if item.get("mass") is not None or item.get("powder") is not None:
                weighed_expected += expected.magnitude
                weighed_actual += measured.to(expected.units).magnitude
        ratio = (Decimal(1) + variance / 100).quantize(Decimal("0.000001"))
        if item["role"] == "active" or (item.get("qs_to") is not None):
            ratios[item["role"] if item["role"] == "active" else "volume"] = ratio
        variance = variance.quantize(Decimal("0.1"))
        checks.append(
            {
                "ingredient": name,
                "expected": shown[0],
                "actual": shown[1],
                "variance_percent": float(variance),
                "tolerance": shown[2],
                "passed": passed,
            }
        )
        if not passed:
            failures.append(
                f"{name}: {shown[1]} instead of {shown[0]} ({_signed(variance)} %, "
                f"tolerance {shown[2]})"
            )
    body: dict[str, Any] = {"ingredients": checks}
    strength_ratio = ratios.get("active", Decimal(1)) / ratios.get("volume", Decimal(1))
    if result["kind"] == "capsule":
        if weighed_expected:
            strength_ratio = ratios.get("active", Decimal(1)) / (weighed_actual / weighed_expected)
        strength_ratio *= _capsule_sample(result, capsule_weights, shell_weight, body, failures)
        labelled = result["strength"]
    else:
        if capsule_weights or shell_weight is not None:
            raise InputError("capsule_weight", None, code="log-capsule-weight-liquid")
        # a cream's strength is by weight (mg/g), a liquid's a concentration (mg/mL)
        labelled = result["strength"] if result["kind"] == "cream" else result["concentration"]
    percent = (strength_ratio * 100).quantize(Decimal("0.1"))
    made = Decimal(str(labelled["value"])) * strength_ratio
    body["strength_made"] = f"{format_number(made.quantize(Decimal('0.001')))} {labelled['unit']}"
    body["strength_percent"] = float(percent)
    if not STRENGTH_RANGE[0] <= percent <= STRENGTH_RANGE[1]:
        failures.append(
            f"strength made {body['strength_made']} is {format_number(percent)} % of the "
            f"label, outside 90–110 %"
        )
    body["passed"] = not failures
    body["failures"] = failures
    return body


def _signed(value: Decimal) -> str:
    from ldncalc.formatting import format_number

    return ("+" if value > 0 else "−" if value < 0 else "") + format_number(abs(value))


def _named(typed: str, text: str, names: Sequence[str], readings: Sequence[Names]) -> str:
    """The one ingredient of ``names`` that ``typed`` is, or is part of, in any of its
    ``readings`` (as stored, in English, in French), any letter case and accent; refused
    naming the ingredients as the first reading gives them."""
    key = _folded(typed)
    spelled = [(name, _folded(read(name))) for name in names for read in (_as_stored, *readings)]
    exact = [name for name, spelling in spelled if spelling == key]
    matches = list(dict.fromkeys(exact or [name for name, spelling in spelled if key in spelling]))
    said = readings[0]
    if not matches:
        known = "; ".join(said(name) for name in dict.fromkeys(names))
        raise InputError("--actual", text, code="ingredient-unknown", known=known)
    if len(matches) > 1:
        found = "; ".join(said(name) for name in matches)
        raise InputError("--actual", text, code="ingredient-ambiguous", matches=found)
    return matches[0]


def _as_stored(name: str) -> str:
    return name


def _folded(text: str) -> str:
    """``text`` compared without letter case or accents (glycerine is glycérine)."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


# What each ingredient of a stored result was measured as: a mass, a volume, or a total made
# up "to": a liquid's volume (water to 100 mL), a cream's weight (base to 30 g, by weight).
_MEASURED = (("powder", ("mass",)), ("mass", ("mass",)), ("volume", ("volume",)))
_MADE_UP_TO = ("volume", "mass")


def _expected_and_actual(item: Mapping[str, Any], text: str, said: str) -> tuple[Any, Any]:
    """The quantity the result asked for and the one typed (for ``said``, the ingredient's
    name as the reader reads it), of the same kind."""
    from ldncalc.units import MASS, VOLUME, parse_count, parse_quantity

    option = f"--actual {said}"
    if item.get("tablets") is not None and item.get("powder") is None:
        return item["tablets"], parse_count(text, option=option, minimum=0, maximum=100_000)
    for key, kinds in (*_MEASURED, ("qs_to", _MADE_UP_TO)):
        if item.get(key) is not None:
            expected = _quantity(item[key], *kinds)
            kind = VOLUME if expected.dimensionality == VOLUME.dimensionality else MASS
            return expected, parse_quantity(text, option=option, kinds=(kind,))
    raise InputError(option, text, code="actual-nothing-to-compare")


def _quantity(value: Mapping[str, Any], *kinds: str) -> Qty:
    """A quantity of the stored result's own JSON (``{"value": 450, "unit": "mg"}``), read by
    the one parser as one of ``kinds`` (``mass``, ``volume``). The result is what ldncalc
    itself registered: one that does not read is a bug in ldncalc, never an input error."""
    from ldncalc.errors import LdnCalcError
    from ldncalc.units import KINDS, parse_quantity

    text = f"{value.get('value')}{value.get('unit')}"
    try:
        return parse_quantity(
            text, option="result", kinds=tuple(k for k in KINDS if k.key in kinds)
        )
    except LdnCalcError:
        raise RuntimeError(
            f"the lot's registered result holds {text!r} where {' or '.join(kinds)} was expected"
        ) from None


def _capsule_sample(
    result: Mapping[str, Any],
    weights: Sequence[str],
    shell_weight: str | None,
    body: dict[str, Any],
    failures: list[str],
) -> Decimal:
    """Check each filled capsule's net fill against the fill-weight range; the mean net fill
    over the theoretical fill weight (the strength ratio it brings)."""
    from ldncalc.formatting import format_quantity
    from ldncalc.units import MASS, MG, parse_quantity

    stored = result.get("shell_weight")
    if not weights or (shell_weight is None and stored is None):
        raise InputError("capsule_weight", None, code="log-capsule-weight-needed")
    if shell_weight is not None or stored is None:
        shell = parse_quantity(str(shell_weight), option="--shell-weight", kinds=(MASS,)).to(MG)
        source = "weighed"
    else:  # the shell weight the record was calculated with (the profile's or typical)
        shell = _quantity(stored, "mass").to(MG)
        source = f"the record's ({result.get('shell_weight_source') or 'typical'})"
    low = _quantity(result["fill_weight_low"], "mass").to(MG).magnitude
    high = _quantity(result["fill_weight_high"], "mass").to(MG).magnitude
    fill = _quantity(result["fill_weight"], "mass").to(MG).magnitude
    nets = []
    for text in weights:
        gross = parse_quantity(text, option="--capsule-weight", kinds=(MASS,)).to(MG)
        nets.append(gross.magnitude - shell.magnitude)
    outside = [net for net in nets if not low <= net <= high]
    mean = sum(nets, Decimal(0)) / len(nets)
    body["capsules"] = {
        "sample": len(nets),
        "shell_weight": format_quantity(shell),
        "shell_weight_source": source,
        "net_fill_weights_mg": [float(net) for net in nets],
        "fill_weight_range": f"{format_quantity(_quantity(result['fill_weight_low'], 'mass'))} to "
        f"{format_quantity(_quantity(result['fill_weight_high'], 'mass'))}",
        "outside_range": len(outside),
    }
    if outside:
        failures.append(
            f"{len(outside)} of {len(nets)} capsules outside the net fill range "
            f"{body['capsules']['fill_weight_range']} (90–110 %)"
        )
    ratio: Decimal = mean / fill
    return ratio


# --- verifying --------------------------------------------------------------------------------


def verify(
    log: Log,
    lot: str,
    *,
    pharmacist: str,
    reject: str | None = None,
    single_pharmacist: bool = False,
) -> Entry:
    """Release ``lot`` (checked by ``pharmacist``) or quarantine it (``reject``: the reason).
    A lot is released once, only when completed and passed,
    and never by whoever prepared it unless the pharmacy works alone (``single_pharmacist``,
    from the profile), which the entry records."""
    checker = " ".join(str(pharmacist or "").split())
    if not checker:
        raise InputError("pharmacist", None, code="pharmacist-required")
    if reject is not None and not reject.strip():
        raise InputError("reject", reject, code="reject-empty")
    with log.appending() as appender:
        entries = _entries(appender, lot)
        state = lot_of(entries)
        if state.status in ("released", "quarantined"):
            raise LogError(
                "LOT", lot, code="log-lot-verified",
                status=state.status, by=state.verified_by, entry=state.entries[-1],
            )  # fmt: skip
        if reject is not None:
            return appender.append(_follow(entries[0], "rejected", checker, {"reason": reject}))
        if state.status == "awaiting completion":
            raise LogError("LOT", lot, code="log-lot-not-completed", lot=lot)
        if state.status == "failed":
            from ldncalc.locale import Voice
            from ldncalc.log.render import failure_reason

            french = failure_reason(entries, Voice("fr", "cli"))  # the reasons, in words
            raise LogError(
                "LOT", lot, code="log-lot-failed", lot=lot, reason=state.reason, reason_fr=french
            )
        same = checker.casefold().strip() == state.prepared_by.casefold().strip()
        if same and not single_pharmacist:
            raise LogError("pharmacist", checker, code="log-pharmacist-prepared")
        body = {"single_pharmacist": same}
        return appender.append(_follow(entries[0], "released", checker, body))


# --- finding ----------------------------------------------------------------------------------


def show(log: Log, lot: str) -> tuple[Lot, list[Entry]]:
    """The lot and all its entries."""
    entries = log.entries("lot = ?", (lot,))
    if not entries:
        raise LogError("LOT", lot, code="log-lot-unknown")
    return lot_of(entries), entries


def _lots(log: Log, where: str, params: Sequence[Any]) -> list[Lot]:
    """The lots whose registration matches ``where``, with their state."""
    found: dict[str, list[Entry]] = {}
    registered = f"SELECT lot FROM entries WHERE kind = 'registered' AND {where}"
    for entry in log.summaries(f"lot IN ({registered})", params):
        found.setdefault(entry.lot, []).append(entry)
    return sorted((lot_of(found[lot]) for lot in found), key=lambda lot: lot.entries[0])


def list_lots(
    log: Log,
    *,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
    patient: str | None = None,
    status: str | None = None,
    formulation: str | None = None,
) -> list[Lot]:
    """Lots compounded between ``since`` and ``until`` (inclusive), for ``patient`` (any part
    of the name, any letter case), of ``formulation`` (its id), in ``status``."""
    if status is not None and status not in STATUSES:
        raise InputError("status", status, code="log-status-unknown", statuses=STATUSES)
    where, params = ["1 = 1"], []
    if since is not None:
        where.append("compounded >= ?")
        params.append(since.isoformat())
    if until is not None:
        where.append("compounded <= ?")
        params.append(until.isoformat())
    if patient is not None:
        where.append("lower(patient) LIKE ?")
        params.append(f"%{patient.casefold()}%")
    if formulation is not None:
        where.append("formulation_id = ?")
        params.append(formulation)
    lots = _lots(log, " AND ".join(where), params)
    return [lot for lot in lots if status is None or lot.status == status]


def recall(
    log: Log,
    *,
    ingredient_lot: str | None = None,
    formulation: str | None = None,
    formulation_version: int | None = None,
    lot: str | None = None,
) -> list[Lot]:
    """Every preparation made from ``ingredient_lot``, or to ``formulation`` (at
    ``formulation_version``), or the one ``lot``: who received it, the Rx and the dates."""
    if ingredient_lot is not None:
        return _lots(
            log,
            "seq IN (SELECT seq FROM ingredient_lots WHERE ingredient_lot = ?)",
            (ingredient_lot,),
        )
    if formulation is not None:
        if formulation_version is None:
            return _lots(log, "formulation_id = ?", (formulation,))
        return _lots(
            log,
            "formulation_id = ? AND formulation_version = ?",
            (formulation, formulation_version),
        )
    if lot is not None:
        return _lots(log, "lot = ?", (lot,))
    raise InputError("ingredient_lot", None, code="recall-needs-what")


@dataclass(frozen=True)
class Audit:
    """What :func:`audit` found: the entries checked, and the first that does not match."""

    entries: int
    ok: bool
    first_bad: int | None = None
    lot: str | None = None
    problem: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def audit(log: Log) -> Audit:
    """Verify the whole hash chain; name the first entry that does not match."""
    count = 0

    def counted() -> Iterable[Mapping[str, Any]]:
        nonlocal count
        for row in log.chain_rows():
            count += 1
            yield row

    bad = first_mismatch(counted())
    if bad is None:
        return Audit(entries=count, ok=True)
    return Audit(entries=count, ok=False, first_bad=bad[0], lot=bad[1], problem=bad[2])


def export(log: Log, format: str) -> str:
    """Every entry, as CSV (one row an entry, the body as JSON) or JSON Lines."""
    if format not in ("csv", "jsonl"):
        raise InputError("format", format, code="export-format-unknown")
    rows = [_exported(entry) for entry in log.entries()]
    if format == "jsonl":
        return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    columns = list(_exported_columns())
    writer.writerow(columns)
    for row in rows:
        writer.writerow(
            [json.dumps(row[c], ensure_ascii=False) if c == "body" else row[c] for c in columns]
        )
    return out.getvalue()


def _exported_columns() -> tuple[str, ...]:
    from ldncalc.log.chain import HEADER

    return (*HEADER, "hash", "body")


def _exported(entry: Entry) -> dict[str, Any]:
    values = asdict(entry)
    return {name: values[name] for name in _exported_columns()}
