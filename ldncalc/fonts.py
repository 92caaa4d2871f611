"""The label font: DejaVu Sans, shipped in ``labels/fonts/`` and embedded in every PDF.

Text is measured here with the same numbers fpdf2 uses to draw it (glyph advances in
thousandths of an em, rounded half up), so a line that the layout says fits is the line the PDF
prints. Characters the font does not have are found before anything is drawn: a name the label
cannot print is refused, never printed as empty boxes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from itertools import repeat
from pathlib import Path

from ldncalc.errors import InputError

# found by importlib.resources; a path, as fpdf2 and fontTools want (pip unpacks the wheel)
FONT_DIR = Path(str(resources.files("ldncalc") / "labels" / "fonts"))
REGULAR = FONT_DIR / "DejaVuSans.ttf"
BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
FAMILY = "DejaVuSans"


@dataclass(frozen=True)
class Metrics:
    """Advance widths (thousandths of an em, by code point) and vertical metrics (em)."""

    widths: dict[int, int]
    ascent: float
    descent: float  # positive: how far below the baseline


@cache
def metrics(bold: bool = False) -> Metrics:
    """The metrics of the regular or bold face (read once)."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]  # comes with fpdf2; untyped

    with TTFont(BOLD if bold else REGULAR, lazy=True) as font:
        units_per_em = font["head"].unitsPerEm
        scale = 1000 / units_per_em
        advances = font["hmtx"].metrics
        widths = {
            code: round(scale * advances[glyph][0] + 0.001)  # fpdf2's rounding (fonts.py)
            for code, glyph in font.getBestCmap().items()
        }
        hhea = font["hhea"]
        return Metrics(widths, hhea.ascent / units_per_em, -hhea.descent / units_per_em)


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Width of ``text`` in points at ``size`` points (no kerning, as fpdf2 draws it)."""
    return _advance(text, bold) * size / 1000


@lru_cache(maxsize=8192)
def _advance(text: str, bold: bool) -> int:
    """Width of ``text`` in thousandths of an em: a label measures the same words at each
    type size it tries, so they are summed once."""
    return sum(map(metrics(bold).widths.get, map(ord, text), repeat(0)))


def missing_characters(text: str) -> str:
    """The characters of ``text`` that the label font cannot print (empty when all can)."""
    if text.isascii() and text.isprintable():
        return ""  # both faces have every printable ASCII character: no need to read them
    regular, bold = metrics(False).widths, metrics(True).widths
    seen: dict[str, None] = {}
    for c in text:
        if ord(c) not in regular or ord(c) not in bold:
            seen[c] = None
    return "".join(seen)


def check_printable(text: str, option: str) -> str:
    """``text``, or :class:`~ldncalc.errors.InputError` naming ``option`` if the font lacks
    one of its characters (it would print as a box). The one check of everything a label or a
    record prints: prescription details when they are printed, the pharmacy profile when it
    is written or read."""
    missing = missing_characters(text)
    if missing:
        raise InputError(
            option, text, code="font-cannot-print",
            place=not option.startswith("--"), missing=tuple(missing),
        )  # fmt: skip
    return text
