"""Plain-text labels and records: for a text-only printer, a pharmacy system that imports text,
or a quick look in a terminal. The same content as the PDF, in the same order."""

from __future__ import annotations

import re
import textwrap

from ldncalc.formatting import format_number
from ldncalc.labels.content import (
    BLANK,
    Fields,
    Items,
    LabelContent,
    Paragraph,
    RecordContent,
    Signatures,
    Table,
)

LABEL_WIDTH = 48
RECORD_WIDTH = 96
WRITE_IN = "_" * 24


def label_text(content: LabelContent) -> str:
    """The label as lines of at most 48 characters (longer words are kept whole)."""
    return "\n".join(_label_lines(content)) + "\n"


def _label_lines(content: LabelContent) -> list[str]:
    width = LABEL_WIDTH
    lines: list[str] = []
    for item in (content.patient, content.drug, content.directions):
        lines += _wrap(item.text, width)
    lines.append("-" * width)
    half = (width - 2) // 2
    for left, right in (
        (content.quantity, content.rx),
        (content.prescriber, content.date),
        (content.lot, content.discard),
    ):
        if len(left.text) <= half and len(right.text) <= half:
            lines.append(f"{left.text:<{half}}  {right.text}".rstrip())
        else:
            lines += _wrap(left.text, width) + _wrap(right.text, width)
    lines += _wrap(content.storage.text, width)
    notices = (content.compounded, *content.warnings)
    lines += _wrap(" · ".join(n.text for n in notices), width)
    lines.append("-" * width)
    lines += _wrap(content.pharmacy.text, width)
    lines += _wrap(f"{content.address.text} · {content.phone.text}", width)
    return lines


def record_text(content: RecordContent) -> str:
    """The compounding record as text, blanks as lines to write on."""
    width = RECORD_WIDTH
    lines = [content.title, "=" * len(content.title), content.subtitle]
    lines += _wrap(" · ".join(content.pharmacy), width)
    for section in content.sections:
        lines += ["", section.title, "-" * len(section.title)]
        for block in section.blocks:
            if isinstance(block, Fields):
                lines += _fields(block)
            elif isinstance(block, Table):
                lines += _table(block, ":" if content.lang == "en" else "\u00a0:")
            elif isinstance(block, Items):
                lines += _items(block)
            elif isinstance(block, Paragraph):
                lines += _wrap(block.text, width)
            elif isinstance(block, Signatures):
                for role in block.roles:
                    lines += ["", f"{role:<26}{WRITE_IN}{WRITE_IN}   {block.date} {WRITE_IN}"]
    label = _label_lines(content.label)
    rule = "+" + "-" * (LABEL_WIDTH + 2) + "+"
    lines += ["", content.label_title, "-" * len(content.label_title), rule]
    lines += [f"| {line:<{LABEL_WIDTH}} |" for line in label]
    lines += [rule, "", " · ".join(content.footer)]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _fields(block: Fields) -> list[str]:
    lines = []
    for label, value in block.rows:
        shown = WRITE_IN + WRITE_IN if value == BLANK else value
        wrapped = textwrap.wrap(shown, RECORD_WIDTH - 28, break_long_words=False) or [""]
        lines.append(f"{label:<26}  {wrapped[0]}" if len(label) <= 26 else label)
        if len(label) > 26:
            lines.append(f"{'':<26}  {wrapped[0]}")
        lines += [f"{'':<26}  {more}" for more in wrapped[1:]]
    return lines


def _table(block: Table, colon: str) -> list[str]:
    """A table's rows as lines: each row's first cell, then ``heading: value`` for the others
    (French sets a no-break space before the colon)."""
    lines = []
    for row in block.rows:
        if row[0] == BLANK:  # a row to fill in: every column is a blank
            cells = [f"{name}{colon} {WRITE_IN[:12]}" for name in block.header]
            lines += _wrap("   ".join(cells), RECORD_WIDTH)
            continue
        lines += _wrap(f"- {row[0]}", RECORD_WIDTH, indent="  ")
        cells = [
            f"{name}{colon} {value or WRITE_IN[:12]}"
            for name, value in zip(block.header[1:], row[1:], strict=True)
        ]
        lines += _wrap("    " + "   ".join(cells), RECORD_WIDTH, indent="    ")
    return lines


def _items(block: Items) -> list[str]:
    lines = []
    for number, text in enumerate(block.items, 1):
        marker = f"{format_number(number)}." if block.numbered else "-"
        lines += _unglue(
            textwrap.wrap(
                _GLUE.sub(_NO_BREAK, text),
                RECORD_WIDTH,
                initial_indent=f"  {marker:<3} ",
                subsequent_indent="      ",
                break_long_words=False,
                break_on_hyphens=False,
            )
        )
    return lines


def _unglue(lines: list[str]) -> list[str]:
    return [line.replace(_NO_BREAK, " ") for line in lines]


# Spaces that must not break a line: after a number (4.5 mL, 22 Nov 2026) or before one
# (Rx 1234567) or a separating dot, as on the printed label (layout._BREAK).
_GLUE = re.compile(r"(?<=[0-9]) | (?=[0-9(·])")
_NO_BREAK = "\u00a0"


def _wrap(text: str, width: int, indent: str = "") -> list[str]:
    lines = textwrap.wrap(
        _GLUE.sub(_NO_BREAK, text),
        width,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return [line.replace(_NO_BREAK, " ") for line in lines] or [""]
