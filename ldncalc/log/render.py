"""The compounding log as a person reads it: tables of lots, one lot in full, the audit. They
format what the log returns; they never query or calculate."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ldncalc.log.lots import Audit, Lot
from ldncalc.log.store import Entry

_COLUMNS = ("LOT", "COMPOUNDED", "PATIENT", "RX", "PREPARATION", "STATUS")


def lots_table(lots: Iterable[Lot]) -> str:
    """One line a lot: lot, date, patient, Rx, preparation, status."""
    rows = [
        (lot.lot, lot.compounded, lot.patient, lot.rx, lot.preparation, lot.status) for lot in lots
    ]
    if not rows:
        return "No lot matches."
    widths = [max(len(row[i]) for row in [_COLUMNS, *rows]) for i in range(len(_COLUMNS))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [_COLUMNS, *rows]
    )


def lot_text(lot: Lot, entries: Sequence[Entry]) -> str:
    """One lot: what it is, who made and checked it, and every entry about it."""
    lines = [
        f"Lot {lot.lot}: {lot.status}",
        f"  Preparation:  {lot.preparation} ({lot.formulation_id} v{lot.formulation_version})",
        f"  Patient:      {lot.patient or '-'}   Rx {lot.rx or '-'}   "
        f"Prescriber {lot.prescriber or '-'}",
        f"  Compounded:   {lot.compounded}, prepared by {lot.prepared_by}",
    ]
    registered = entries[0].body
    for item in registered.get("ingredient_lots", []):
        expiry = f", expires {item['expiry']}" if item["expiry"] else ""
        lines.append(f"  Ingredient:   {item['ingredient']}: lot {item['lot']}{expiry}")
    if lot.verified_by is not None:
        lines.append(f"  Verified by:  {lot.verified_by}")
    if lot.reason is not None:
        lines.append(f"  Reason:       {lot.reason}")
    lines.append("Entries:")
    lines.extend(f"  {entry_line(entry)}" for entry in entries)
    return "\n".join(lines)


def entry_line(entry: Entry) -> str:
    """``#3 2026-12-06T11:30:00Z completed by A. Martin: passed, strength made 1 mg/mL``."""
    said = ""
    body = entry.body
    if entry.kind == "completed":
        verdict = "passed" if body["passed"] else "FAILED: " + "; ".join(body["failures"])
        said = f": {verdict}, strength made {body['strength_made']}"
    elif entry.kind == "rejected":
        said = f": {body['reason']}"
    elif entry.kind == "released" and body.get("single_pharmacist"):
        said = ": single-pharmacist pharmacy, verified by the preparer"
    corrects = f" (corrects #{entry.corrects})" if entry.corrects is not None else ""
    return f"#{entry.seq} {entry.recorded_at} {entry.kind} by {entry.actor}{corrects}{said}"


def verification_text(entry: Entry) -> str:
    """What ``log verify`` did: ``Lot X released by B. Chen (entry #3)``, then when."""
    word = "quarantined" if entry.kind == "rejected" else "released"
    lines = [f"Lot {entry.lot} {word} by {entry.actor} (entry #{entry.seq})"]
    if entry.kind == "rejected":
        lines.append(f"  Reason: {entry.body['reason']}")
    if entry.body.get("single_pharmacist"):
        lines.append("  Single-pharmacist pharmacy: verified by the preparer")
    lines.append(f"  Recorded at {entry.recorded_at}")
    return "\n".join(lines)


def completion_text(entry: Entry) -> str:
    """What ``log complete`` found: each ingredient's variance, the strength, the verdict."""
    body = entry.body
    lines = [f"Lot {entry.lot} completed (entry #{entry.seq})"]
    for check in body["ingredients"]:
        mark = "ok" if check["passed"] else "OUT"
        lines.append(
            f"  {check['ingredient']}: {check['actual']} for {check['expected']} "
            f"({_percent(check['variance_percent'])}, tolerance {check['tolerance']}) {mark}"
        )
    capsules = body.get("capsules")
    if capsules is not None:
        lines.append(
            f"  Capsules: {capsules['sample']} weighed, shell {capsules['shell_weight']}, "
            f"{capsules['outside_range']} outside {capsules['fill_weight_range']}"
        )
    lines.append(
        f"  Strength made: {body['strength_made']} ({_number(body['strength_percent'])} % of "
        "the label)"
    )
    if body["passed"]:
        lines.append("PASSED: ready for a pharmacist's verification")
    else:
        lines.append("FAILED: " + "; ".join(body["failures"]))
    return "\n".join(lines)


def _number(value: float) -> str:
    from decimal import Decimal

    from ldncalc.formatting import format_number

    return format_number(Decimal(str(value)))


def _percent(value: float) -> str:
    sign = "+" if value > 0 else "−" if value < 0 else ""
    return f"{sign}{_number(abs(value))} %"


def audit_text(audit: Audit, where: str) -> str:
    if audit.ok:
        return f"Audit of {where}: {audit.entries} entries, the hash chain is intact."
    return (
        f"Audit of {where}: entry #{audit.first_bad} (lot {audit.lot}) {audit.problem}; "
        f"{audit.entries} entries read"
    )


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
