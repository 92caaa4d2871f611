"""ZPL II labels for 203 dpi thermal printers (Zebra and compatibles).

The label is drawn from the same layout as the PDF, line by line, each at its own position
(``^FT``), so the printer never re-wraps or drops text. Widths are measured with DejaVu Sans,
which is wider than the printer's font 0 (CG Triumvirate Bold Condensed): a line that fits in
the PDF fits on the printer.

Text is UTF-8 (``^CI28``). Every field's data goes through :func:`escape`, which writes every
character that is not a plain letter, digit, space or harmless punctuation as ``^FH`` hex
escapes (``_5E`` for ``^``): a patient named ``^XZ`` prints those letters and cannot end the
label or send the printer a command.
"""

from __future__ import annotations

import re

from ldncalc.labels.content import LabelContent
from ldncalc.labels.layout import layout_label

DPI = 203
_SAFE = re.compile(r"[A-Za-z0-9 .,:;()/+%#&'*=!?@-]", re.ASCII)


def dots(points: float) -> int:
    """Points (1/72 in) as printer dots at 203 dpi."""
    return round(points * DPI / 72)


def escape(text: str) -> str:
    """``text`` as ``^FH_`` field data: safe ASCII as is, anything else as UTF-8 hex escapes
    (``_5E`` is ``^``, ``_7E`` is ``~``, ``_5F`` is ``_``, ``_C3_A9`` is ``é``)."""
    return "".join(
        c if _SAFE.fullmatch(c) else "".join(f"_{byte:02X}" for byte in c.encode("utf-8"))
        for c in text
    )


def label_zpl(content: LabelContent) -> bytes:
    """One label in ZPL II, sized to the label stock, UTF-8."""
    layout = layout_label(content)
    commands = [
        "^XA",
        "^CI28",  # field data is UTF-8
        f"^PW{dots(layout.width)}",
        f"^LL{dots(layout.height)}",
        "^LH0,0",
    ]
    for rule in layout.rules:
        thickness = max(dots(rule.thickness), 1)
        commands.append(
            f"^FO{dots(rule.x)},{dots(rule.y)}^GB{dots(rule.width)},{thickness},{thickness}^FS"
        )
    for line in layout.lines:
        height = dots(line.size)
        commands.append(
            f"^FT{dots(line.x)},{dots(line.baseline)}^A0N,{height},{height}"
            f"^FH_^FD{escape(line.text)}^FS"
        )
    commands += ["^PQ1", "^XZ"]
    return ("\n".join(commands) + "\n").encode("utf-8")
