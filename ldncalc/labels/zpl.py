"""ZPL II labels for 203 dpi thermal printers (Zebra and compatibles).

The label is drawn from the same layout as the PDF, line by line, each at its own position
(``^FT``), so the printer never re-wraps or drops text. Widths are measured with DejaVu Sans,
which is wider than the printer's font 0 (CG Triumvirate Bold Condensed): a line that fits in
the PDF fits on the printer. Type sizes are rounded up to whole dots (:func:`type_dots`), so no
text prints below the size the layout gives it, the 11-pt critical text included.

Text is UTF-8 (``^CI28``). Every field's data goes through :func:`escape`, which writes every
character that is not a plain letter, digit, space or harmless punctuation as ``^FH`` hex
escapes (``_5E`` for ``^``): a patient named ``^XZ`` prints those letters and cannot end the
label or send the printer a command.

The printer draws text in its resident font, which holds the characters of code page 850
(Latin letters with their accents, ``°``, ``·``, ``«»``), not the typographic ones the PDF
prints: an en dash, a narrow no-break space (French thousands), ``×``, curly quotes would be
left out or printed as something else. :func:`printable` writes each as the plain character
that means the same (``2–8 °C`` as ``2-8 °C``); text with any other character (Greek or
Cyrillic names, which the PDF prints) is refused, naming the option it came from.
"""

from __future__ import annotations

import dataclasses
import math
import re
from fractions import Fraction
from typing import Any

from ldncalc.errors import InputError
from ldncalc.labels.content import Item, LabelContent
from ldncalc.labels.layout import layout_label

DPI = 203
_SAFE = re.compile(r"[A-Za-z0-9 .,:;()/+%#&'*=!?@-]", re.ASCII)


RESIDENT_CODEPAGE = "cp850"  # the character set of the resident fonts (Zebra: ^CI13)
# Typographic characters of label text, as the resident font writes them.
_PLAIN = str.maketrans(
    {
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"),  # dashes, minus
        **dict.fromkeys("\u00a0\u2007\u2009\u202f", " "),  # no-break and thin spaces
        "\u00d7": "x",  # 4 × 2 in
        "\u2026": "...",
        **dict.fromkeys("\u2018\u2019\u201a\u2032", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u2033", '"'),
        "\u0153": "oe",
        "\u0152": "OE",
    }
)


def printable(text: str, option: str) -> str:
    """``text`` as the printer's resident font can print it: typographic characters as their
    plain equivalents; :class:`InputError` naming ``option`` if a character remains that the
    font does not have."""
    plain = text.translate(_PLAIN)
    missing = dict.fromkeys(c for c in plain if not _resident(c))
    if missing:
        raise InputError(
            option, text, code="zpl-cannot-print",
            place=not option.startswith("--"), missing=tuple(missing),
        )  # fmt: skip
    return plain


def _resident(c: str) -> bool:
    if not c.isprintable():
        return False
    try:
        c.encode(RESIDENT_CODEPAGE)
    except UnicodeEncodeError:
        return False
    return True


def dots(points: float, dpi: int = DPI) -> int:
    """Points (1/72 in) as the nearest printer dots: a position or a length."""
    return round(points * dpi / 72)


def type_dots(points: float, dpi: int = DPI) -> int:
    """A type size in points as whole printer dots, rounded up: no text prints below the size
    the layout gives it, so none below its floor (11 pt is 31.01 dots at 203 dpi: 31 dots
    would be 10.99 pt, 32 dots is 11.35 pt). Exact arithmetic: 6 pt at 300 dpi is 25 dots."""
    return math.ceil(Fraction(points) * dpi / 72)


def escape(text: str) -> str:
    """``text`` as ``^FH_`` field data: safe ASCII as is, anything else as UTF-8 hex escapes
    (``_5E`` is ``^``, ``_7E`` is ``~``, ``_5F`` is ``_``, ``_C3_A9`` is ``é``)."""
    return "".join(
        c if _SAFE.fullmatch(c) else "".join(f"_{byte:02X}" for byte in c.encode("utf-8"))
        for c in text
    )


def label_zpl(content: LabelContent, dpi: int = DPI) -> bytes:
    """One label in ZPL II for a ``dpi`` printer, sized to the label stock, UTF-8, in
    characters the printer's resident font has (:func:`printable`)."""
    layout = layout_label(_printable_content(content))
    commands = [
        "^XA",
        "^CI28",  # field data is UTF-8
        f"^PW{dots(layout.width, dpi)}",
        f"^LL{dots(layout.height, dpi)}",
        "^LH0,0",
    ]
    for rule in layout.rules:
        thickness = max(dots(rule.thickness, dpi), 1)
        x, y, width = (dots(v, dpi) for v in (rule.x, rule.y, rule.width))
        commands.append(f"^FO{x},{y}^GB{width},{thickness},{thickness}^FS")
    for line in layout.lines:
        height = type_dots(line.size, dpi)
        commands.append(
            f"^FT{dots(line.x, dpi)},{dots(line.baseline, dpi)}^A0N,{height},{height}"
            f"^FH_^FD{escape(line.text)}^FS"
        )
    if (bars := layout.barcode) is not None:
        # the printer's own Code 128 (^BC), automatic code sets, no text line: the lot is
        # printed above it. ^BY: the narrowest bar in dots.
        commands.append(
            f"^FO{dots(bars.x)},{dots(bars.y)}^BY{dots(bars.module)}"
            f"^BCN,{dots(bars.height)},N,N,N,A^FH_^FD{escape(bars.text)}^FS"
        )
    commands += ["^PQ1", "^XZ"]
    return ("\n".join(commands) + "\n").encode("utf-8")


def _printable_content(content: LabelContent) -> LabelContent:
    """``content`` with every piece of text :func:`printable`."""
    changes: dict[str, Any] = {}  # Items and tuples of Items, by field
    for field in dataclasses.fields(content):
        value = getattr(content, field.name)
        if isinstance(value, Item):
            changes[field.name] = _item(value)
        elif isinstance(value, tuple):
            changes[field.name] = tuple(_item(item) for item in value)
    return dataclasses.replace(content, **changes)


def _item(item: Item) -> Item:
    return dataclasses.replace(item, text=printable(item.text, item.option))
