"""Invariants of labels over generated preparations (Hypothesis).

For any valid liquid or capsule result, compounding date and language: the label's text never
breaks an ISMP rule (no trailing zero, no naked decimal, no µg, cc, HS, QHS or QD), every line
lies inside the label, and the BUD printed is the compounding date + the formulation's BUD days,
or the earliest ingredient expiry when that comes first (USP <795>, docs/basis.md §5).
"""

from __future__ import annotations

import datetime
import io
import re
from decimal import Decimal
from functools import partial

import pypdf
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from ldncalc import capsule, liquid
from ldncalc.bud import bud_date, format_date
from ldncalc.errors import LdnCalcError
from ldncalc.fonts import metrics
from ldncalc.labels import Format, render_label
from ldncalc.labels.content import label_content
from ldncalc.labels.layout import MARGIN, MINIMUM_SIZE, layout_label
from ldncalc.labels.zpl import printable
from ldncalc.locale.phrases import phrases
from ldncalc.models import Result
from ldncalc.prescriptions import prescription
from ldncalc.profile import Profile

PHARMACY = Profile(
    name="Main Street Compounding Pharmacy",
    address=("12 Main Street", "Springfield, ON K1A 0B1"),
    phone="613-555-0100",
)

mg = st.decimals(min_value=Decimal("0.5"), max_value=Decimal("5"), places=2)


@st.composite
def liquids(draw: st.DrawFn) -> Result:
    try:
        return liquid(
            target=f"{draw(mg)}mg",
            concentration=draw(st.sampled_from(["0.5mg/mL", "1mg/mL", "5mg/mL"])),
            doses_per_day=str(draw(st.integers(1, 2))),
            days=str(draw(st.integers(1, 30))),
            formulation=draw(st.sampled_from(["ldn-liquid-water", "ldn-liquid-preserved"])),
        )
    except LdnCalcError:  # a dose the engine refuses (not measurable): not a valid result
        assume(False)
        raise


@st.composite
def capsules(draw: st.DrawFn) -> Result:
    source = draw(st.sampled_from(["api", "tablets"]))
    try:
        return capsule(
            strength=f"{draw(mg)}mg",
            quantity=draw(st.integers(1, 200)),
            source=source,
            tablet_weight="150mg" if source == "tablets" else None,
            assay=f"{draw(st.decimals(min_value=95, max_value=105, places=1))}%",
        )
    except LdnCalcError:
        assume(False)
        raise


results = st.one_of(liquids(), capsules())
dates = st.dates(datetime.date(2024, 1, 1), datetime.date(2030, 12, 31))


def printed_on(day: datetime.date) -> datetime.datetime:
    """Labelled on the day it is compounded: a lot whose BUD has passed is refused (issue 9)."""
    return datetime.datetime.combine(day, datetime.time(9, 30))


langs = st.sampled_from(["en", "fr"])

TRAILING_ZERO = {"en": re.compile(r"\d\.\d*0(?!\d)"), "fr": re.compile(r"\d,\d*0(?!\d)")}
NAKED_DECIMAL = re.compile(r"(?<![\d])[.,]\d")
FORBIDDEN = re.compile(r"µg|μg|\bug\b|\bcc\b|\bHS\b|\bQHS\b|\bQD\b", re.IGNORECASE)

slow = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def printed_text(data: bytes, output: Format) -> str:
    """What a label says, as printed: the PDF's text layer (pypdf), the ZPL's field data
    (``^FD`` … ``^FS``, hex escapes decoded), or the text file."""
    if output == "pdf":
        reader = pypdf.PdfReader(io.BytesIO(data))
        return "\n".join(page.extract_text() for page in reader.pages)
    if output == "zpl":
        fields = re.findall(r"\^FD(.*?)\^FS", data.decode("ascii"))
        decode = partial(re.sub, rb"_([0-9A-F]{2})", lambda m: bytes([int(m.group(1), 16)]))
        return "\n".join(decode(field.encode()).decode("utf-8") for field in fields)
    return data.decode("utf-8")


@slow
@pytest.mark.parametrize("output", ["txt", "pdf", "zpl"])
@given(results, dates, langs)
@example(liquid(target="4.5mg"), datetime.date(2026, 11, 22), "fr")
@example(liquid(target="25mcg"), datetime.date(2026, 11, 22), "fr")  # a serial dilution
@example(capsule(strength="0.5mg", quantity=1000), datetime.date(2026, 11, 22), "en")
def test_label_text_follows_the_ismp_rules(
    output: Format, result: Result, day: datetime.date, lang: str
) -> None:
    details = prescription(
        patient="Jane Doe",
        prescriber="Dr. Ann Smith",
        rx="1234567",
        date=day,
        lang=lang,
        now=printed_on(day),
    )
    text = printed_text(render_label(result, details, PHARMACY, output), output)
    assert "Jane Doe" in text  # the text was read back at all
    warning = phrases(lang).opioid_warning  # issue 9 §7: on every LDN label
    assert printable(warning, "label") in " ".join(text.split())
    assert details.lot in text
    numbers = text.replace(details.lot, "")  # the lot is a code, not a number
    assert not TRAILING_ZERO[lang].search(numbers), text
    assert not NAKED_DECIMAL.search(numbers), text
    assert not FORBIDDEN.search(text), text
    if lang == "fr":
        assert not re.search(r"\d\.\d", numbers), text  # French decimals use the comma


@slow
@given(results, dates, langs)
def test_every_label_line_lies_inside_the_label(
    result: Result, day: datetime.date, lang: str
) -> None:
    details = prescription(
        patient="Élodie Bérubé-Tremblay",
        prescriber="Dre Côté",
        rx="1",
        date=day,
        lang=lang,
        now=printed_on(day),
    )
    layout = layout_label(label_content(result, details, PHARMACY))
    for line in layout.lines:
        face = metrics(line.bold)
        assert line.x >= MARGIN
        assert line.x + line.width <= layout.width - MARGIN + 1e-6, line
        assert line.baseline - face.ascent * line.size >= MARGIN - 1e-6, line
        assert line.baseline + face.descent * line.size <= layout.height - MARGIN + 1e-6, line
    tops = sorted(line.baseline for line in layout.lines if line.x == MARGIN)
    assert tops == sorted(set(tops))  # no two lines printed on top of each other
    # issue 9 §7: nothing below the 6 pt floor (the footer was 5.5 pt); USP <17>: 11 pt
    assert min(line.size for line in layout.lines) >= MINIMUM_SIZE
    assert layout.critical_size >= 11


@given(
    dates,
    st.integers(1, 365),
    st.lists(st.integers(1, 400), max_size=3),
)
def test_the_bud_date_is_the_compounding_date_plus_the_bud_days(
    day: datetime.date, days: int, expiry_offsets: list[int]
) -> None:
    expiries = {
        f"ingredient {i}": day + datetime.timedelta(days=offset)
        for i, offset in enumerate(expiry_offsets)
    }
    bud = bud_date(day, days, expiries)
    assert bud.date == min([day + datetime.timedelta(days=days), *expiries.values()])
    assert bud.days == (bud.date - day).days
    assert (bud.limited_by is None) == (bud.date == day + datetime.timedelta(days=days))


@slow
@given(results, dates, langs)
def test_the_label_prints_that_bud_date(result: Result, day: datetime.date, lang: str) -> None:
    details = prescription(
        patient="J", prescriber="P", rx="1", date=day, lang=lang, now=printed_on(day)
    )
    content = label_content(result, details, PHARMACY)
    expected = format_date(day + datetime.timedelta(days=result.bud.days), lang)
    assert content.discard.text.endswith(expected)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_storage_and_auxiliary_phrase_of_the_builtin_formulations_is_translated(
    lang: str,
) -> None:
    from ldncalc.bud import STORAGE_TEXT
    from ldncalc.formulations import load
    from ldncalc.locale.phrases import phrases

    words = phrases("fr" if lang == "fr" else "en")
    assert set(words.storage) == set(STORAGE_TEXT)
    if lang == "fr":
        for record in load().formulations.values():
            for auxiliary in record.auxiliary_labels:
                assert auxiliary in words.auxiliary, auxiliary
