"""Prescription labels and compounding records: PDF, ZPL II and plain text.

::

    result + Prescription + Profile
        └── content.py   what the label and the record say (every number and date written)
            ├── layout.py    where each label line goes, in the largest type that fits
            │   ├── pdf.py   label and record PDF (fpdf2, DejaVu Sans embedded)
            │   └── zpl.py   label for 203 dpi thermal printers
            └── text.py      label and record as plain text
    files.py   atomic writing: the whole file, or none
    calendar.py  a titration's calendar for the patient, as text and PDF

>>> from ldncalc import liquid
>>> from ldncalc.prescriptions import prescription
>>> from ldncalc.profile import load_profile
>>> data = render_label(liquid(target="4.5mg"), prescription(patient="Jane Doe", ...),
...                     load_profile(), "pdf")  # doctest: +SKIP

Nothing heavy is imported until a label is rendered: the command line stays fast when no
label is asked for.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ldncalc.errors import InputError

if TYPE_CHECKING:
    from ldncalc.models import Result
    from ldncalc.prescriptions import Prescription
    from ldncalc.profile import Profile

Format = Literal["pdf", "zpl", "txt"]
LABEL_FORMATS: tuple[Format, ...] = ("pdf", "zpl", "txt")
RECORD_FORMATS: tuple[Format, ...] = ("pdf", "txt")


def output_format(
    path: str, explicit: str | None, *, option: str, formats: tuple[Format, ...]
) -> Format:
    """The format of an output file: ``explicit`` (``--label-format``), else its extension."""
    suffix = Path(path).suffix.lower().removeprefix(".")
    from_name = next((f for f in formats if f == suffix), None)
    if explicit is not None:
        chosen = next((f for f in formats if f == explicit.strip().lower()), None)
        if chosen is None:
            raise InputError(f"{option}-format", explicit, code="format-unknown", formats=formats)
        if from_name is not None and from_name != chosen:
            raise InputError(
                f"{option}-format", explicit, code="format-mismatch",
                path=path, chosen=chosen, option=option,
            )  # fmt: skip
        return chosen
    if from_name is None:
        raise InputError(
            option, path, code="format-from-name-unknown",
            formats=formats, option=option, hint=option == "--label",
        )  # fmt: skip
    return from_name


def render_label(
    result: Result,
    details: Prescription,
    profile: Profile,
    output: Format,
    *,
    reprint: str | None = None,
) -> bytes:
    """The dispensing label of ``result``, whole, as ``output`` (pdf, zpl or txt);
    ``reprint`` (e.g. "REPRINT 2026-12-06") is added to its lot line."""
    from ldncalc.labels.content import label_content, marked

    content = marked(label_content(result, details, profile), reprint)
    if output == "pdf":
        from ldncalc.labels.pdf import label_pdf

        return label_pdf(content)
    if output == "zpl":
        from ldncalc.labels.zpl import label_zpl

        return label_zpl(content)
    from ldncalc.labels.layout import layout_label
    from ldncalc.labels.text import label_text

    layout_label(content)  # the text label says what the printed one does, or refuses too
    return label_text(content).encode("utf-8")


def render_record(
    result: Result,
    details: Prescription,
    profile: Profile,
    output: Format,
    *,
    reprint: str | None = None,
) -> bytes:
    """The compounding record of ``result``, whole, as ``output`` (pdf or txt); ``reprint``
    is added to its title, its footer and its copy of the label."""
    from ldncalc.labels.content import marked_record, record_content
    from ldncalc.labels.layout import layout_label

    content = marked_record(record_content(result, details, profile), reprint)
    layout_label(content.label)  # the copy of the label must fit the stock like the label
    if output == "pdf":
        from ldncalc.labels.pdf import record_pdf

        return record_pdf(content)
    if output != "txt":
        raise InputError("record", output, code="record-format-unknown")
    from ldncalc.labels.text import record_text

    return record_text(content).encode("utf-8")
