"""The compounding log: every lot issued, completed, verified, released and recallable.

A library program uses the same functions as ``ldncalc log …``::

    from ldncalc import log

    with log.open_log("compounding.sqlite3") as book:
        for lot in log.recall(book, ingredient_lot="NX2291"):
            print(lot.lot, lot.patient, lot.rx, lot.compounded)

``open_log`` takes a file path (SQLite, created owner-only) or a ``postgresql://`` URL; with
none it reads ``$LDNCALC_LOG``, then the pharmacy profile's ``[log] url``, then uses the
default file in the user's data folder. Storage: :mod:`ldncalc.log.store`; the hash chain:
:mod:`ldncalc.log.chain`; the life of a lot: :mod:`ldncalc.log.lots`.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from ldncalc.log.lots import (
    STATUSES,
    Audit,
    Lot,
    audit,
    complete,
    export,
    list_lots,
    recall,
    register,
    show,
    verify,
)
from ldncalc.log.store import SCHEMA_VERSION, Entry, Location, Log, locate
from ldncalc.log.store import open_log as _open

if TYPE_CHECKING:
    from ldncalc.profile import Profile

__all__ = [
    "SCHEMA_VERSION",
    "STATUSES",
    "Audit",
    "Entry",
    "Location",
    "Log",
    "Lot",
    "audit",
    "complete",
    "export",
    "list_lots",
    "locate",
    "open_log",
    "recall",
    "register",
    "reprint",
    "show",
    "verify",
]


def open_log(url: str | None = None, *, profile: Profile | None = None, create: bool = True) -> Log:
    """Open the log at ``url`` (a path or ``postgresql://…``), else ``$LDNCALC_LOG``, else
    ``profile``'s ``[log] url``, else the default file; an older log is upgraded. A log file
    that does not exist is created, unless ``create`` is false (then it is refused)."""
    profile_url = profile.log.url if profile is not None and profile.log is not None else None
    return _open(locate(url, profile_url=profile_url), create=create)


def reprint(
    log: Log,
    lot: str,
    *,
    document: str,
    output: str,
    now: datetime.datetime | None = None,
) -> bytes:
    """The ``document`` ("label", "record" or "leaflet") of ``lot`` as ``output`` (pdf, zpl
    or txt; a leaflet: pdf), rendered from the result, prescription and pharmacy profile
    stored when it was issued, never recalculated, and marked as a reprint with today's
    date."""
    from ldncalc import forms
    from ldncalc.labels import render_label, render_record
    from ldncalc.prescriptions import Prescription
    from ldncalc.profile import Profile

    _, entries = show(log, lot)
    body = entries[0].body
    if body.get("pharmacy") is None:
        from ldncalc.errors import LogError

        raise LogError("LOT", lot, code="log-lot-no-profile")
    result = forms.result_adapter().validate_python(body["result"])  # any registered form's
    details = Prescription.model_validate(body["prescription"])
    profile = Profile.model_validate(body["pharmacy"])
    from ldncalc.locale import Voice
    from ldncalc.locale.log_screen import say

    day = (now or datetime.datetime.now()).date().isoformat()
    mark = say(Voice(details.lang, "cli"), "reprint-mark", day=day)  # the documents' language
    if document == "leaflet":  # for the patient, in the label's language
        from ldncalc.labels.leaflet import render_leaflet

        return render_leaflet(result, details, profile, reprint=mark)  # type: ignore[arg-type]
    if document == "label":
        return render_label(result, details, profile, output, reprint=mark)  # type: ignore[arg-type]
    return render_record(result, details, profile, output, reprint=mark)  # type: ignore[arg-type]
