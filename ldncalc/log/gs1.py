"""GS1 element strings scanned from a manufacturer's container: GTIN, lot and expiry.

A scanner reading the GS1 DataMatrix or GS1-128 barcode on a bottle of naltrexone types its
element string, e.g. ``0107032069804988172712311``\\ ``0NX2291`` (FNC1 as the GS character, or
a symbology identifier ``]d2`` first), or a person types the printed form
``(01)07032069804988(17)271231(10)NX2291``. Given as ``--ingredient-lot INGREDIENT=SCAN``, it
fills that ingredient's lot (AI 10) and expiry (AI 17). The string is parsed by biip, a
maintained GS1 library (docs/basis.md §6; GS1 General Specifications, section 3).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from ldncalc.errors import InputError

OPTION = "--ingredient-lot"
_SCANNED = re.compile(r"^(\(\d{2,4}\)|\]|01\d{14})")


@dataclass(frozen=True)
class Scan:
    """What a GS1 element string says about one container."""

    gtin: str
    lot: str
    expiry: datetime.date | None


def is_gs1(value: str) -> bool:
    """Whether ``value`` (what follows ``INGREDIENT=``) is a GS1 element string rather than
    a plain lot number: the printed ``(01)…`` form, a symbology identifier, or AI 01."""
    return bool(_SCANNED.match(value.strip())) or "\x1d" in value


def read_gs1(text: str, value: str) -> Scan:
    """The GTIN, lot and expiry of ``value``; :class:`InputError` quoting ``text`` when it is
    not a valid GS1 element string or names no lot."""
    from biip import ParseError, parse
    from biip.gs1_messages import GS1Message

    value = value.strip()
    try:
        message = GS1Message.parse_hri(value) if value.startswith("(") else None
        if message is None:
            message = parse(value).gs1_message
    except ParseError as error:
        # the reason is biip's own words
        raise InputError(OPTION, text, code="gs1-invalid", reason=str(error)) from None
    if message is None:
        raise InputError(OPTION, text, code="gs1-invalid", reason=None)
    strings = message.element_strings
    lot = strings.get(ai="10")
    if lot is None:
        raise InputError(OPTION, text, code="gs1-no-lot")
    gtin = strings.get(ai="01")
    if gtin is not None and gtin.gtin_error:
        raise InputError(OPTION, text, code="gs1-invalid-gtin", reason=str(gtin.gtin_error))
    expiry = strings.get(ai="17")
    return Scan(
        gtin=gtin.value if gtin is not None else "",
        lot=lot.value,
        expiry=expiry.date if expiry is not None else None,
    )


def expiries_of(texts: list[str] | None) -> list[str]:
    """``INGREDIENT=YYYY-MM-DD`` for each scanned ``INGREDIENT=SCAN`` that carries an expiry,
    to be read with the ``--expiry`` options."""
    found = []
    for text in texts or ():
        name, equals, value = text.partition("=")
        if equals and is_gs1(value):
            scan = read_gs1(text, value)
            if scan.expiry is not None:
                found.append(f"{name}={scan.expiry.isoformat()}")
    return found
