"""The patient leaflet (``--leaflet FILE``): what the preparation is, the dose and how to
measure it (a picture of the syringe filled to the dose, or of the capsule), when to take it,
the opioid warning, the first weeks, a missed dose, storage and the discard date, and the
pharmacy to call; a one-page PDF in the label's language (English or French), printed with
the label from the same command (:func:`ldncalc.issue`).

The words are in :mod:`ldncalc.locale.leaflet`, each fact from docs/basis.md (§2, §5, §6 and
their sources); every number goes through the ISMP formatter (:mod:`ldncalc.formatting`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, NamedTuple

from ldncalc.formatting import format_date, format_quantity
from ldncalc.locale.leaflet import leaflet_words

if TYPE_CHECKING:
    from collections.abc import Callable

    from ldncalc.dosage_form import Supply
    from ldncalc.locale import Voice
    from ldncalc.models import Result
    from ldncalc.prescriptions import Prescription
    from ldncalc.profile import Profile
    from ldncalc.units import Qty


class Leaflet(NamedTuple):
    """The leaflet's text, in order: a title, who it is for, and headed paragraphs; the
    picture: a syringe filled to ``volume`` of ``capacity``, or a capsule of ``strength``."""

    title: str
    patient: str
    sections: tuple[tuple[str, str], ...]
    picture: str  # the caption of the picture; empty: none (drops, a cream)
    volume: Qty | None = None
    capacity: Qty | None = None


def leaflet_content(result: Result, details: Prescription, profile: Profile) -> Leaflet:
    """The leaflet of ``result`` for ``details`` (its language, lot, directions and BUD date)."""
    from ldncalc import forms
    from ldncalc.labels.content import dated_bud
    from ldncalc.locale import Voice, render
    from ldncalc.locale.phrases import phrases
    from ldncalc.locale.screen import storage
    from ldncalc.prescriptions import directions_for

    lang = details.lang
    words = phrases(lang)

    def say(key: str, **values: object) -> str:
        return leaflet_words(lang, key, **values)

    def q(quantity: Qty) -> str:
        return format_quantity(quantity, lang=lang)

    when = words.times_a_day.get(result.doses_per_day, "")
    when_heading, take, missed, not_while = "when", "when-text", "missed-text", "not-while-take"
    form = forms.get(result.kind)
    supply = form.supply(result)  # what every form supplies (ldncalc.dosage_form)
    drug = render(form.drug(result), Voice(lang, "cli"))
    dose = _supplied(supply, say, Voice(lang, "cli"))
    picture = say("capsule-picture", strength=q(supply.strength)) if _capsule(supply) else ""
    volume, capacity = (supply.dose, supply.syringe) if supply.syringe else (None, None)
    if supply.route == "topical":
        when_heading, take, missed = "when-apply", "apply-when", "missed-apply"
        not_while = "not-while-apply"
    if volume is not None:  # measured with an oral syringe: the picture shows the dose
        picture = say("fill-to", volume=q(volume))
        if "Shake well" in result.auxiliary_labels:  # a suspension, not a solution
            dose += " " + say("shake")
    dose += " " + say("directions", directions=directions_for(result, details))
    bud = format_date(dated_bud(result, details).date, lang)
    kept = storage(Voice(lang, "cli"), result.bud.storage_condition, result.bud.storage)
    sections = (
        (say("what"), say("what-text", drug=drug, lot=details.lot)),
        (say("dose"), dose),
        (say(when_heading), say(take, when=when)),
        (say("opioids"), say("opioids-text", not_while=say(not_while))),
        (say("start"), say("start-text")),
        (say("missed"), say(missed)),
        (say("storage"), say("storage-text", storage=kept, bud=bud)),
        (
            say("contact"),
            say(
                "contact-text",
                name=profile.name,
                address=", ".join(profile.address),
                phone=profile.phone,
            ),
        ),
    )
    who = say("for", patient=details.patient) if details.patient else ""
    return Leaflet(say("title", drug=drug), who, sections, picture, volume, capacity)


def _supplied(supply: Supply, say: Callable[..., str], voice: Voice) -> str:
    """How to measure a form's dose: a capsule, drops from the calibrated dropper, cream in
    pump actuations or grams (for external use only), a liquid in the oral syringe."""
    drug = voice.q(supply.drug)
    if _capsule(supply):
        return say("dose-capsule", dose=drug, strength=voice.q(supply.strength))
    if supply.counted == "drop":
        assert supply.number is not None
        return say("dose-drops", dose=drug, drops=voice.counted(supply.number, "drop"))
    if supply.route == "topical":
        amount = voice.q(supply.dose)
        if supply.counted == "pump" and supply.number is not None:
            pumps = voice.counted(supply.number, "pump")
            told = say("dose-cream-pump", pumps=pumps, amount=amount, dose=drug)
        else:
            told = say("dose-cream", amount=amount, dose=drug)
        return f"{told} {say('external')}"
    assert supply.syringe is not None  # an oral liquid is measured with a syringe
    syringe = say("syringe", capacity=voice.q(supply.syringe))
    return say("dose-liquid", dose=drug, volume=voice.q(supply.dose), syringe=syringe)


def _capsule(supply: Supply) -> bool:
    """Whether the dose is one capsule (pictured as one)."""
    return supply.counted == "capsule"


def render_leaflet(
    result: Result, details: Prescription, profile: Profile, *, reprint: str | None = None
) -> bytes:
    """The leaflet as PDF bytes, on the profile's paper, in the label font; ``reprint`` (e.g.
    "REPRINT 2026-12-06", ``ldncalc log reprint``) is printed under the title."""
    from fpdf import FPDF

    from ldncalc.fonts import FAMILY, check_printable
    from ldncalc.labels.embed import add_faces, output

    content = leaflet_content(result, details, profile)
    pdf = FPDF(orientation="portrait", unit="mm", format=profile.paper)
    created = details.compounded
    pdf.set_creation_date(datetime(created.year, created.month, created.day, tzinfo=UTC))
    pdf.set_title(check_printable(content.title, "--leaflet"))
    pdf.set_auto_page_break(auto=True, margin=12)
    add_faces(pdf)  # parsed once per process (embed.py), as on labels and records
    pdf.add_page()
    width = pdf.epw
    pdf.set_font(FAMILY, "B", 15)
    pdf.multi_cell(width, 7, content.title, new_x="LMARGIN", new_y="NEXT")
    if reprint:
        pdf.set_font(FAMILY, "B", 11)
        pdf.multi_cell(width, 6, reprint, new_x="LMARGIN", new_y="NEXT")
    if content.patient:
        pdf.set_font(FAMILY, "", 12)
        pdf.multi_cell(width, 6, content.patient, new_x="LMARGIN", new_y="NEXT")
    for number, (heading, text) in enumerate(content.sections):
        pdf.ln(2)
        pdf.set_font(FAMILY, "B", 12)
        pdf.multi_cell(width, 6, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FAMILY, "", 11)
        pdf.multi_cell(width, 5.5, text, new_x="LMARGIN", new_y="NEXT")
        if number == 1 and content.picture:  # the picture, under the dose
            _picture(pdf, content, FAMILY)
    return output(pdf)


def _picture(pdf: object, content: Leaflet, family: str) -> None:
    """A syringe filled to the dose (its marks every tenth of its capacity), or a capsule."""
    from fpdf import FPDF

    assert isinstance(pdf, FPDF)
    left, top = pdf.l_margin + 5, pdf.get_y() + 3
    pdf.set_draw_color(0)
    if content.volume is not None and content.capacity is not None:
        barrel = 100.0
        share = float(content.volume / content.capacity)
        pdf.set_fill_color(190, 215, 245)
        pdf.rect(left, top, barrel * share, 10, style="F")  # the liquid drawn up
        pdf.rect(left, top, barrel, 10)  # the barrel
        for tenth in range(11):
            x = left + barrel * tenth / 10
            pdf.line(x, top, x, top + (4 if tenth % 5 else 6))
        pdf.line(left + barrel, top + 5, left + barrel + 12, top + 5)  # the plunger rod
        pdf.rect(left + barrel + 12, top + 1, 3, 8)  # the thumb rest
        pdf.line(left - 6, top + 5, left, top + 5)  # the tip
        mark = left + barrel * share
        pdf.set_draw_color(200, 0, 0)
        pdf.set_line_width(0.6)
        pdf.line(mark, top - 2, mark, top + 12)
        pdf.set_line_width(0.2)
        pdf.set_draw_color(0)
        pdf.set_xy(max(pdf.l_margin, mark - 30), top + 13)
        pdf.set_font(family, "B", 10)
        pdf.cell(60, 5, content.picture, align="C")
        pdf.set_xy(pdf.l_margin, top + 19)
        return
    pdf.set_fill_color(245, 225, 190)
    pdf.rect(left, top, 30, 10, style="DF", round_corners=True, corner_radius=5)
    pdf.line(left + 15, top, left + 15, top + 10)
    pdf.set_xy(left + 35, top + 2.5)
    pdf.set_font(family, "B", 10)
    pdf.cell(80, 5, content.picture)
    pdf.set_xy(pdf.l_margin, top + 14)
