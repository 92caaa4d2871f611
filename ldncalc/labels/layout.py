"""Where each line of a label goes: one layout, drawn by the PDF and the ZPL renderers alike.

USP <17> (docs/basis.md §6): patient, drug and strength, and directions on top in the largest
type, at least 11 pt (the critical text of USP <17> is 12-pt Times or 11-pt Arial; DejaVu Sans
at the same size is wider and taller than Arial). The other items follow in smaller type: the
details in two columns, then the storage running on into the notices (in bold), the pharmacy
at the foot. Long text wraps at spaces (a number stays with its unit); when it still does not
fit, the type shrinks step by step; when it does not fit at the smallest step, the label is
refused with an error that names the text a person gave that, shortened, would let it fit.
Nothing is ever cut.

Coordinates are PDF points (1/72 in) from the top left corner; ``baseline`` is where a line of
text sits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from decimal import Decimal
from typing import Any

from ldncalc.errors import InputError
from ldncalc.fonts import metrics, text_width
from ldncalc.labels.content import Item, LabelContent

MARGIN = 6.0  # unprinted edge of thermal and laser label stock, about 2 mm
GAP = 6.0  # between the two columns of details
LEADING = 1.15  # line height ÷ type size (DejaVu Sans: ascent + descent = 1.164 em)
RULE = 0.6  # thickness of the separating rules
RULE_GAP = 1.0  # above and below each rule: the descenders and line gap leave room enough
# No text on a label is smaller than this, the footer included: 6 pt is a 2.1 mm em, 17 dots
# on a 203 dpi printer, about the smallest that prints legibly on thermal stock.
MINIMUM_SIZE = 6.0
# (critical, detail) type sizes in points, largest first: the details shrink before the
# critical text does, and the critical text never goes below 11 pt (USP <17>). The last
# detail size is MINIMUM_SIZE.
STEPS = (
    (13.0, 8.0),
    (13.0, 7.5),
    (12.0, 7.5),
    (12.0, 7.0),
    (11.5, 7.0),
    (11.0, 7.0),
    (11.0, 6.5),
    (11.0, 6.0),
)


@dataclass(frozen=True)
class Line:
    """One line of text: left edge ``x``, ``baseline``, type ``size`` in points."""

    x: float
    baseline: float
    size: float
    bold: bool
    text: str

    @property
    def width(self) -> float:
        return text_width(self.text, self.size, bold=self.bold)


@dataclass(frozen=True)
class Rule:
    """A horizontal rule: left edge ``x``, top ``y``, ``width`` and ``thickness``."""

    x: float
    y: float
    width: float
    thickness: float


@dataclass(frozen=True)
class Barcode:
    """``text`` as Code 128: the bars start at ``x``, ``y`` is their top; ``module`` is the
    width of the narrowest bar, in points."""

    x: float
    y: float
    module: float
    height: float
    text: str


@dataclass(frozen=True)
class LabelLayout:
    width: float
    height: float
    critical_size: float
    detail_size: float
    lines: tuple[Line, ...]
    rules: tuple[Rule, ...]
    barcode: Barcode | None = None


class _DoesNotFit(Exception):
    """``item`` has a word wider than its line (``too_wide``), or the label is full."""

    def __init__(self, item: Item, *, too_wide: bool = False) -> None:
        self.item = item
        self.too_wide = too_wide


@dataclass(frozen=True)
class _Block:
    """Wrapped text of one item, not yet placed."""

    item: Item
    lines: tuple[str, ...]
    size: float
    bold: bool

    @property
    def height(self) -> float:
        """From the top of the first line's ascenders to the foot of the last's descenders."""
        return _height(len(self.lines), self.size, self.bold)


def _height(lines: int, size: float, bold: bool | None = None) -> float:
    """Height of ``lines`` lines of type ``size`` in the bold or regular face (``None``: the
    taller of the two, for lines that mix them)."""
    faces = [metrics(bold)] if bold is not None else [metrics(False), metrics(True)]
    extent = max(face.ascent + face.descent for face in faces)
    return ((lines - 1) * LEADING + extent) * size


def layout_label(content: LabelContent) -> LabelLayout:
    """The layout of ``content`` on its label stock, in the largest type that fits.

    Raises :class:`InputError` naming the text to shorten when nothing fits.
    """
    global _LAST
    if _LAST is not None and _LAST[0] == content:
        return _LAST[1]  # a record lays out its copy of the label twice: checked, then drawn
    layout = _fitted(content)
    _LAST = (content, layout)
    return layout


_LAST: tuple[LabelContent, LabelLayout] | None = None  # the last label laid out


def _fitted(content: LabelContent) -> LabelLayout:
    """:func:`layout_label`, laid out again."""
    width, height = content.stock.width.points, content.stock.height.points
    failure: _DoesNotFit | None = None
    # with the lot's barcode in the largest type that holds it; else without, as before
    for barcode in (True, False):
        for critical, detail in STEPS:
            try:
                return _layout(content, width, height, critical, detail, barcode=barcode)
            except _DoesNotFit as error:
                failure = error
    assert failure is not None
    critical, detail = STEPS[-1]
    culprit = failure.item if failure.too_wide else None
    if culprit is None or culprit.option == "label":
        culprit = _culprit(content, width, height, critical, detail)
    raise InputError(
        culprit.option, culprit.given, code="label-does-not-fit",
        place=not culprit.option.startswith("--"), stock=str(content.stock),
        critical=Decimal(f"{critical:g}"), detail=Decimal(f"{detail:g}"),
    )  # fmt: skip


def _layout(
    content: LabelContent,
    width: float,
    height: float,
    critical: float,
    detail: float,
    *,
    barcode: bool = False,
) -> LabelLayout:
    inner = width - 2 * MARGIN
    column = (inner - GAP) / 2
    lines: list[Line] = []
    rules: list[Rule] = []
    y = MARGIN  # top of the next line

    def place(block: _Block, x: float, top: float) -> float:
        ascent = metrics(block.bold).ascent * block.size
        for i, text in enumerate(block.lines):
            baseline = top + i * block.size * LEADING + ascent
            lines.append(Line(x, baseline, block.size, block.bold, text))
        return top + block.height

    def rule(top: float) -> float:
        rules.append(Rule(MARGIN, top + RULE_GAP, inner, RULE))
        return top + 2 * RULE_GAP + RULE

    for item, bold in ((content.patient, True), (content.drug, True), (content.directions, False)):
        y = place(_wrap(item, critical, bold, inner), MARGIN, y)
    y = rule(y)  # as over the footer: the descenders of the large type leave room enough

    def pair(left: Item, right: Item, *, left_bold: bool = False, right_bold: bool = False) -> None:
        nonlocal y
        a = _wrap(left, detail, left_bold, column)
        b = _wrap(right, detail, right_bold, column)
        place(a, MARGIN, y)
        place(b, MARGIN + column + GAP, y)
        y += max(a.height, b.height)

    pair(content.quantity, content.rx)
    pair(content.prescriber, content.date)
    pair(content.lot, content.discard, right_bold=True)
    # The storage runs on into "Compounded preparation" and the auxiliary warnings, in bold:
    # on a line of its own it would leave most of that line empty (French needs the room).
    notices = (content.compounded, *content.warnings)
    joined = Item(" · ".join(n.text for n in notices), notices[-1].option)
    paragraph = _wrap_runs(((content.storage, False), (joined, True)), detail, inner)
    ascent = max(metrics(False).ascent, metrics(True).ascent) * detail
    for i, runs in enumerate(paragraph):
        x, baseline = MARGIN, y + i * detail * LEADING + ascent
        for text, bold in runs:
            lines.append(Line(x, baseline, detail, bold, text))
            x += text_width(f"{text} ", detail, bold=bold)
    y += _height(len(paragraph), detail)

    footer_size = max(detail - 0.5, MINIMUM_SIZE)
    name = _wrap(content.pharmacy, footer_size, True, inner)
    contact = Item(f"{content.address.text} · {content.phone.text}", content.address.option)
    address = _wrap(contact, footer_size, False, inner)
    footer = name.height + address.height
    bottom = height - MARGIN - footer  # the footer sits at the foot of the label
    bars = _barcode(content.lot.given, width, y) if barcode else None
    if bars is not None:
        y = bars.y + bars.height + RULE_GAP
    if bottom < y + 2 * RULE_GAP + RULE:
        raise _DoesNotFit(content.patient)  # the label is full: layout_label finds the culprit
    rule(bottom - 2 * RULE_GAP - RULE)
    place(address, MARGIN, place(name, MARGIN, bottom))
    return LabelLayout(width, height, critical, detail, tuple(lines), tuple(rules), bars)


# The lot as Code 128 under the notices, so that a scanner types it into any 'ldncalc log'
# command. The type shrinks to make room for it, never below the sizes of STEPS (the critical
# text stays at 11 pt or more); a label too narrow for it, or too full even in the smallest
# type, is laid out without it, as before: a label that fits without a barcode still fits.
# The lot is printed as text on every label.
BAR_MODULE = 2 * 72 / 203  # points: 2 printer dots at 203 dpi (0.25 mm), for a common scanner
BAR_HEIGHT = 16.0  # points (5.6 mm)
QUIET_ZONE = 10  # modules of white either side of the bars (ISO/IEC 15417)


def code128_modules(text: str) -> int:
    """The most modules Code 128 takes for ``text``: start, each character in code set B,
    check character (11 each) and stop (13). A printer's own encoder (ZPL's ^BC in automatic
    mode) and python-barcode's shorten runs of digits with code set C, never lengthen them."""
    return 11 * (len(text) + 2) + 13


def _barcode(text: str, width: float, top: float) -> Barcode:
    """The barcode of ``text`` below ``top``, with its quiet zones either side."""
    if code128_modules(text) * BAR_MODULE > width - 2 * QUIET_ZONE * BAR_MODULE:
        raise _DoesNotFit(Item(text, "label"))  # too narrow: the label goes without it
    return Barcode(QUIET_ZONE * BAR_MODULE, top + RULE_GAP, BAR_MODULE, BAR_HEIGHT, text)


# A space that may break a line: not after a number (4.5 mL, 30 capsules, 06 Dec 2026 stay
# together), and not before one (Rx 1234567, Lot 20261122-0930-7F3A) or a separating dot.
_BREAK = re.compile(r"(?<![0-9]) (?![0-9(·])")


def _wrap(item: Item, size: float, bold: bool, width: float) -> _Block:
    """``item`` broken into lines no wider than ``width``; a word wider than that does not
    fit (it is never split)."""
    lines = _greedy(_BREAK.split(item.text), size, bold, width)
    if lines is None:  # a group of glued words is too wide: break it at any space
        lines = _greedy(item.text.split(" "), size, bold, width)
    if lines is None:
        raise _DoesNotFit(item, too_wide=True)
    return _Block(item, tuple(lines), size, bold)


Run = tuple[str, bool]  # text, and whether it is bold


def _wrap_runs(
    parts: tuple[tuple[Item, bool], ...], size: float, width: float
) -> list[tuple[Run, ...]]:
    """``parts`` as one paragraph, each in its weight, separated by " · ", broken into lines
    no wider than ``width`` as :func:`_wrap` breaks one: each line is the runs of text that
    change weight along it."""
    words: list[Run] = []
    for index, (item, bold) in enumerate(parts):
        glued = [word for word in _BREAK.split(item.text) if word]
        if any(text_width(word, size, bold=bold) > width for word in glued):
            glued = [word for word in item.text.split(" ") if word]
        if any(text_width(word, size, bold=bold) > width for word in glued):
            raise _DoesNotFit(item, too_wide=True)
        if glued and index < len(parts) - 1:
            glued[-1] += " ·"  # the dot stays with the text before it, as _BREAK keeps it
        words += [(word, bold) for word in glued]
    lines: list[tuple[Run, ...]] = []
    current: tuple[Run, ...] = ()
    for word in words:
        candidate = _join((*current, word))
        if current and _width(candidate, size) > width:
            lines.append(current)
            candidate = (word,)
        current = candidate
    if current:
        lines.append(current)
    return lines


def _join(words: tuple[Run, ...]) -> tuple[Run, ...]:
    """Consecutive words of the same weight as one run."""
    runs: list[Run] = []
    for text, bold in words:
        if runs and runs[-1][1] == bold:
            runs[-1] = (f"{runs[-1][0]} {text}", bold)
        else:
            runs.append((text, bold))
    return tuple(runs)


def _width(runs: tuple[Run, ...], size: float) -> float:
    """Width of a line of ``runs``: each run, and the space after it in its weight."""
    widths = [text_width(text, size, bold=bold) for text, bold in runs]
    spaces = [text_width(" ", size, bold=bold) for _, bold in runs[:-1]]
    return sum(widths) + sum(spaces)


def _greedy(words: list[str], size: float, bold: bool, width: float) -> list[str] | None:
    lines: list[str] = []
    current = ""
    for word in words:
        if not word:
            continue
        if text_width(word, size, bold=bold) > width:
            return None
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size, bold=bold) <= width:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


def _culprit(
    content: LabelContent, width: float, height: float, critical: float, detail: float
) -> Item:
    """The text to shorten when the label is full in the smallest type: of the texts a person
    gave (options and profile fields, not the label's own words), the one taking the most room
    of those that, cut short, would let the label fit; else the one taking the most room."""
    slots = {
        id(value): name
        for name in (f.name for f in fields(content))
        if isinstance(value := getattr(content, name), Item) and value.option != "label"
    }
    given = [item for item in content.items() if id(item) in slots]

    def fits_short(item: Item) -> bool:
        changes: dict[str, Any] = {slots[id(item)]: Item(item.text[:1], item.option)}
        short = replace(content, **changes)
        try:
            _layout(short, width, height, critical, detail)
        except _DoesNotFit:
            return False
        return True

    def room(item: Item) -> float:
        """Points of height that ``item`` takes beyond one line, where it is printed."""
        name = slots[id(item)]
        size = critical if name in _CRITICAL else detail
        inner = width - 2 * MARGIN
        line = inner if name not in _PAIRED else (inner - GAP) / 2
        try:
            block = _wrap(item, size, name in _BOLD, line)
        except _DoesNotFit:
            return float("inf")
        return (len(block.lines) - 1) * size * LEADING

    offenders = [item for item in given if fits_short(item)]
    return max(offenders or given or list(content.items()), key=room)


_CRITICAL = ("patient", "drug", "directions")
_PAIRED = ("quantity", "rx", "prescriber", "date", "lot", "discard")
_BOLD = ("patient", "drug", "discard", "pharmacy")
