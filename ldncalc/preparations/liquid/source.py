"""``ldncalc liquid --source``: tablets (the default) or api (naltrexone HCl powder, made by
:mod:`ldncalc.preparations.liquid.api`), and the options that belong to only one of them."""

from __future__ import annotations

from collections.abc import Mapping

from ldncalc.errors import InputError

SOURCES = ("tablets", "api")


def read_source(
    source: str | None, *, api: Mapping[str, object], tablets: Mapping[str, object]
) -> bool:
    """Whether the liquid is made from API powder. An option of the other source (a
    certificate's with tablets, ``--volume`` or ``--tablet-strength`` with powder) is
    refused rather than ignored."""
    if source is not None and source not in SOURCES:
        raise InputError("source", source, code="liquid-source-unknown", sources=SOURCES)
    from_api = source == "api"
    others, needs = (tablets, "tablets") if from_api else (api, "api")
    for name, value in others.items():
        if value is not None:
            raise InputError(name, value, code="liquid-source-option", source=needs)
    return from_api
