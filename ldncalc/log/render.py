"""The compounding log as a person reads it: tables of lots, one lot in full, the audit, in
the reader's language (``--lang``: the words in :mod:`ldncalc.locale.log_screen`, numbers and
quantities through the reader's :class:`~ldncalc.locale.Voice`). They format what the log
returns; they never query or calculate.

The log stores some figures as the English screen writes them (a completion's quantities,
tolerance and failures, a lot's preparation: ``450.3 mg``, ``±5 %``); English shows them as
stored, French writes the same figures again in French (``450,3 mg``), the reasons of a failure
rebuilt from the completion's own figures. Identifiers (entry numbers, lots) are shown as
stored in both languages; the time an entry was recorded (UTC) as stored in English (ISO
8601), the French way in French (``le 06 déc. 2026 à 16 h 33 min 17 s UTC``)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from ldncalc.locale import Voice
from ldncalc.locale.log_screen import chain_problem, entries_counted, heads, say, status
from ldncalc.log.lots import STRENGTH_RANGE, Audit, Lot
from ldncalc.log.store import Entry

CLI = Voice("en", "cli")  # the log's screens are the command line's
_FILL_RANGE = (Decimal(90), Decimal(110))  # % of a capsule's fill weight (log/lots.py)
_KINDS = ("registered", "completed", "released", "rejected")  # an entry's kind, in words

Names = Callable[[str], str]  # an ingredient's name as the result gives it, in words


def lots_table(lots: Iterable[Lot], voice: Voice = CLI) -> str:
    """One line a lot: lot, date, patient, Rx, preparation, status."""
    v = voice
    rows = [
        (
            lot.lot,
            lot.compounded,
            lot.patient,
            lot.rx,
            _preparation(lot.preparation, v),
            status(v, lot.status),
        )
        for lot in lots
    ]
    if not rows:
        return say(v, "no-lot")
    columns = heads(v)
    widths = [max(len(row[i]) for row in [columns, *rows]) for i in range(len(columns))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [columns, *rows]
    )


def lot_text(lot: Lot, entries: Sequence[Entry], voice: Voice = CLI) -> str:
    """One lot: what it is, who made and checked it, and every entry about it."""
    v = voice
    registered = entries[0].body
    name = ingredient_names(registered.get("result"), v)
    lines = [
        say(v, "lot-status", lot=lot.lot, status=status(v, lot.status)),
        say(
            v,
            "preparation",
            preparation=_preparation(lot.preparation, v),
            id=lot.formulation_id,
            version=lot.formulation_version,
        ),
        say(
            v,
            "patient",
            patient=lot.patient or "-",
            rx=lot.rx or "-",
            prescriber=lot.prescriber or "-",
        ),
        say(v, "compounded", date=lot.compounded, by=lot.prepared_by),
    ]
    for item in registered.get("ingredient_lots", []):
        expiry = say(v, "expires", date=item["expiry"]) if item["expiry"] else ""
        lines.append(
            say(
                v, "ingredient", ingredient=name(item["ingredient"]), lot=item["lot"], expiry=expiry
            )
        )
    if lot.verified_by is not None:
        lines.append(say(v, "verified-by", name=lot.verified_by))
    if lot.reason is not None:
        reason = lot.reason
        if v.fr and lot.status == "failed":  # the last completion's reasons, in words
            reason = failure_reason(entries, v)
        lines.append(say(v, "reason", reason=reason))
    lines.append(say(v, "entries"))
    lines.extend(f"  {entry_line(entry, v, name)}" for entry in entries)
    return "\n".join(lines)


def failure_reason(entries: Sequence[Entry], voice: Voice = CLI) -> str:
    """Why the last completion of a lot (its ``entries``) failed, in ``voice``'s words."""
    last = [entry for entry in entries if entry.kind == "completed"][-1]
    names = ingredient_names(entries[0].body.get("result"), voice)
    return _joined(_failures(last.body, voice, names), voice)


def entry_line(entry: Entry, voice: Voice = CLI, names: Names | None = None) -> str:
    """``#3 2026-12-06T11:30:00Z completed by A. Martin: passed, strength made 1 mg/mL``."""
    v = voice
    said = ""
    body = entry.body
    if entry.kind == "completed":
        verdict = (
            say(v, "passed")
            if body["passed"]
            else say(v, "failed", failures=_joined(_failures(body, v, names), v))
        )
        said = say(v, "said-completed", verdict=verdict, strength=_stored(body["strength_made"], v))
    elif entry.kind == "rejected":
        said = say(v, "said-reason", reason=body["reason"])
    elif entry.kind == "released" and body.get("single_pharmacist"):
        said = say(v, "said-single")
    corrects = say(v, "corrects", seq=entry.corrects) if entry.corrects is not None else ""
    return say(
        v,
        "entry",
        seq=entry.seq,
        at=_moment(entry.recorded_at, v),
        kind=say(v, entry.kind) if entry.kind in _KINDS else entry.kind,
        actor=entry.actor,
        corrects=corrects,
        said=said,
    )


def verification_text(entry: Entry, voice: Voice = CLI) -> str:
    """What ``log verify`` did: ``Lot X released by B. Chen (entry #3)``, then when."""
    v = voice
    rejected = entry.kind == "rejected"
    key = "quarantined-by" if rejected else "released-by"
    lines = [say(v, key, lot=entry.lot, actor=entry.actor, seq=entry.seq)]
    if rejected:
        lines.append(say(v, "verify-reason", reason=entry.body["reason"]))
    if entry.body.get("single_pharmacist"):
        lines.append(say(v, "verify-single"))
    lines.append(say(v, "recorded-at", at=_moment(entry.recorded_at, v)))
    return "\n".join(lines)


def completion_text(
    entry: Entry, voice: Voice = CLI, result: Mapping[str, Any] | None = None
) -> str:
    """What ``log complete`` found: each ingredient's variance, the strength, the verdict.
    ``result`` is the lot's registered result (its formulation names the ingredients in
    another language than English)."""
    v = voice
    body = entry.body
    name = ingredient_names(result, v)
    lines = [say(v, "completed-entry", lot=entry.lot, seq=entry.seq)]
    for check in body["ingredients"]:
        lines.append(
            say(
                v,
                "check",
                ingredient=name(check["ingredient"]),
                actual=_stored(check["actual"], v),
                expected=_stored(check["expected"], v),
                variance=_percent(check["variance_percent"], v),
                tolerance=_tolerance(check["tolerance"], v),
                mark=say(v, "ok" if check["passed"] else "out"),
            )
        )
    capsules = body.get("capsules")
    if capsules is not None:
        lines.append(
            say(
                v,
                "capsules",
                sample=_count(capsules["sample"], v),
                shell=_stored(capsules["shell_weight"], v),
                outside=_count(capsules["outside_range"], v),
                range=_range(capsules["fill_weight_range"], v),
            )
        )
    lines.append(
        say(
            v,
            "strength",
            strength=_stored(body["strength_made"], v),
            percent=_number(body["strength_percent"], v),
        )
    )
    if body["passed"]:
        lines.append(say(v, "passed-line"))
    else:
        lines.append(say(v, "failed", failures=_joined(_failures(body, v, name), v)))
    return "\n".join(lines)


def audit_text(audit: Audit, where: str, voice: Voice = CLI) -> str:
    v = voice
    if audit.ok:
        return say(
            v,
            "audit-ok",
            where=where,
            entries=audit.entries,
            counted=entries_counted(v, audit.entries),
        )
    return say(
        v,
        "audit-bad",
        where=where,
        seq=audit.first_bad,
        lot=audit.lot,
        problem=chain_problem(v, audit.problem or ""),
        entries=_count(audit.entries, v),
    )


def reprinted_text(written: Iterable[Mapping[str, str]], lot: str, voice: Voice = CLI) -> str:
    """``label reprinted: reprint.txt (lot LDN-0001)``, a line for each document."""
    return "\n".join(
        say(
            voice,
            "reprinted",
            document=say(voice, item["document"]),
            path=say(voice, "stdout") if item["path"] == "-" else item["path"],
            lot=lot,
        )
        for item in written
    )


def ingredient_names(result: Mapping[str, Any] | None, v: Voice) -> Names:
    """The names of a stored result's ingredients in ``v``'s language: as its formulation
    record gives them, else as the reference catalog does (a filler), else as stored."""
    if not v.fr or result is None:
        return str
    from ldncalc.locale.common import catalog_text

    record = _record(result.get("formulation"))
    french = record.fr.ingredients if record is not None and record.fr is not None else {}

    def name(english: str) -> str:
        return french.get(english) or catalog_text(english, v)

    return name


def _record(used: Mapping[str, Any] | None) -> Any:
    """The formulation record a stored result was made to, if its file can still be read."""
    if not used or not used.get("path"):
        return None
    from pathlib import Path

    from ldncalc.errors import LdnCalcError
    from ldncalc.formulations import read_formulation

    try:
        return read_formulation(Path(used["path"]), builtin=bool(used.get("builtin")))
    except (LdnCalcError, OSError):  # moved or removed since: the names as stored
        return None


def _failures(body: Mapping[str, Any], v: Voice, names: Names | None = None) -> list[str]:
    """Why a completion failed: as stored (English), or rebuilt in ``v``'s language from the
    completion's figures, in the order log/lots.py found them."""
    stored = list(body["failures"])
    if not v.fr:
        return stored
    name = names or str
    failures = [
        say(
            v,
            "fails-ingredient",
            ingredient=name(check["ingredient"]),
            actual=_stored(check["actual"], v),
            expected=_stored(check["expected"], v),
            variance=_percent(check["variance_percent"], v),
            tolerance=_tolerance(check["tolerance"], v),
        )
        for check in body["ingredients"]
        if not check["passed"]
    ]
    capsules = body.get("capsules")
    if capsules is not None and capsules["outside_range"]:
        failures.append(
            say(
                v,
                "fails-capsules",
                outside=v.counted(capsules["outside_range"], "capsule"),
                sample=v.n(capsules["sample"]),
                range=_range(capsules["fill_weight_range"], v),
                low=v.n(_FILL_RANGE[0]),
                high=v.n(_FILL_RANGE[1]),
            )
        )
    percent = Decimal(str(body["strength_percent"]))
    if not STRENGTH_RANGE[0] <= percent <= STRENGTH_RANGE[1]:
        failures.append(
            say(
                v,
                "fails-strength",
                strength=_stored(body["strength_made"], v),
                percent=v.n(percent),
                low=v.n(STRENGTH_RANGE[0]),
                high=v.n(STRENGTH_RANGE[1]),
            )
        )
    # a reason this screen does not know (a newer ldncalc's) is shown as stored, never dropped
    return failures if len(failures) == len(stored) else stored


def _joined(failures: Sequence[str], v: Voice) -> str:
    return say(v, "separator").join(failures)


def _stored(text: str, v: Voice) -> str:
    """A figure the log stored as the English screen writes it (``1,000 mL``, ``0.99
    mg/mL``, ``2``) in ``v``'s language (French ``1 000 mL``, ``0,99 mg/mL``)."""
    if not v.fr:
        return text
    number, space, unit = text.partition(" ")
    try:
        figure = Decimal(number.replace(",", ""))
    except InvalidOperation:
        return text
    return f"{v.n(figure)}{space}{unit}"


def _preparation(text: str, v: Voice) -> str:
    """A lot's preparation as log/lots.py stores it (``30 capsules 4.5 mg``, ``100 mL 1
    mg/mL``), in ``v``'s language."""
    parts = text.split(" ")
    if not v.fr or len(parts) != 4:
        return text
    if parts[1] == "capsules" and parts[0].replace(",", "").isdigit():
        capsules = v.counted(int(parts[0].replace(",", "")), "capsule")
        return say(v, "prep-capsules", capsules=capsules, strength=_stored(" ".join(parts[2:]), v))
    return say(
        v,
        "prep-liquid",
        volume=_stored(" ".join(parts[:2]), v),
        concentration=_stored(" ".join(parts[2:]), v),
    )


def _moment(stamp: str, v: Voice) -> str:
    """When an entry was recorded, in UTC as the log stores it (``2026-12-06T16:33:17Z``):
    English shows it as stored; French writes it the French way, the date as a label prints
    it and the time from CLDR's fr_CA (``le 06 déc. 2026 à 16 h 33 min 17 s UTC``)."""
    import datetime

    if not v.fr:
        return stamp
    try:
        moment = datetime.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:  # not as ldncalc stores it: shown as it is, never hidden
        return stamp
    from babel.dates import format_time

    time = format_time(moment, "long", tzinfo=datetime.UTC, locale="fr_CA")
    return say(v, "moment", date=v.date(moment.date()), time=time)


def _tolerance(text: str, v: Voice) -> str:
    """``exact count`` or ``±5 %``, as stored, in words."""
    if text == "exact count":
        return say(v, "exact-count")
    if text.startswith("±") and text.endswith(" %"):
        return say(v, "tolerance", percent=_stored(text[1:-2], v))
    return text


def _range(text: str, v: Voice) -> str:
    """``225 mg to 275 mg``, as stored, in words."""
    low, to, high = text.partition(" to ")
    return say(v, "range", low=_stored(low, v), high=_stored(high, v)) if to and v.fr else text


def _count(count: int, v: Voice) -> str:
    # the English screen has always written a count bare (1000 entries): kept as it is
    return v.n(count) if v.fr else str(count)


def _number(value: float, v: Voice) -> str:
    return v.n(Decimal(str(value)))


def _percent(value: float, v: Voice) -> str:
    sign = "+" if value > 0 else "−" if value < 0 else ""
    return f"{sign}{_number(abs(value), v)} %"


def json_text(value: Any) -> str:
    """``value`` (lots, entries, audits, plain data) as indented JSON."""
    return json.dumps(_plain(value), indent=2, ensure_ascii=False)


def _plain(value: Any) -> Any:
    if isinstance(value, Lot | Audit):
        return value.as_dict()
    if isinstance(value, Entry):
        return entry_dict(value)
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    return value


def entry_dict(entry: Entry) -> dict[str, Any]:
    from dataclasses import asdict

    return {**asdict(entry), "body": dict(entry.body)}
