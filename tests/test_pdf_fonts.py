"""The label font in PDFs (issue 11 §3): each face is parsed once per process, each document
embeds only the glyphs it uses, and a PDF shows and says exactly what it did before: fpdf2's
own embedding (``add_font`` and a fontTools subset for every document) and its ``multi_cell``
breaking each text again: the same pixels when rendered, the same text when extracted."""

from __future__ import annotations

import io
from collections.abc import Callable

import pypdf
import pypdfium2
import pytest
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]  # comes with fpdf2; untyped

import ldncalc.labels.pdf as pdf_module
from ldncalc import capsule, liquid
from ldncalc.fonts import BOLD, FAMILY, REGULAR
from ldncalc.labels import embed, render_label, render_record
from ldncalc.prescriptions import prescription
from ldncalc.profile import Profile

pytestmark = pytest.mark.usefixtures("printed_on_22_nov_2026")

# Greek, Cyrillic and Latin letters with accents: DejaVu builds many of them from parts
# (composite glyphs), which the subset must carry and renumber
PHARMACY = Profile(
    name="Pharmacie Ωμέγα · Кирилл",
    address=("12 rue Saint-Édouard",),
    phone="613-555-0100",
    pharmacist="Zoë Łukasz, pharm.",
)
PATIENT = "Ñúñez-Ærø Œdïpe"


def _details(lang: str, patient: str = PATIENT) -> object:
    return prescription(
        patient=patient,
        prescriber="Dre Hélène Côté",
        rx="1234567",
        lot="20261122-0930-7F3A",
        date="2026-11-22",
        lang=lang,
    )


def _as_before_issue_11(monkeypatch: pytest.MonkeyPatch) -> None:
    """PDFs made as before issue 11: fpdf2 parses and subsets the font for each document, and
    breaks every text into lines as it draws it."""

    def add_font(pdf: object) -> None:
        pdf.add_font(FAMILY, "", str(REGULAR))  # type: ignore[attr-defined]
        pdf.add_font(FAMILY, "B", str(BOLD))  # type: ignore[attr-defined]

    monkeypatch.setattr(pdf_module, "add_faces", add_font)
    monkeypatch.setattr(pdf_module, "output", lambda pdf: bytes(pdf.output()))
    monkeypatch.setattr(
        pdf_module,
        "_flow",
        lambda pdf, width, height, text: pdf.multi_cell(
            width, height, text, align="L", new_x="LMARGIN", new_y="NEXT"
        ),
    )


def _pixels(data: bytes) -> list[bytes]:
    document = pypdfium2.PdfDocument(data)
    return [page.render(scale=2).to_pil().tobytes() for page in document]


def _text(data: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def _fonts(data: bytes) -> list[tuple[str, TTFont, dict[int, int]]]:
    """Each embedded font: its ToUnicode map, the font program, and its /W widths by code."""
    found = []
    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            cid_font = font["/DescendantFonts"][0].get_object()
            program = cid_font["/FontDescriptor"]["/FontFile2"].get_data()
            widths, w = {}, list(cid_font["/W"])
            for first, run in zip(w[::2], w[1::2], strict=True):
                widths.update({first + i: width for i, width in enumerate(run)})
            to_unicode = font["/ToUnicode"].get_data().decode("latin-1")
            found.append((to_unicode, TTFont(io.BytesIO(program)), widths))
    return found


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("render", [render_label, render_record])
def test_a_pdf_shows_and_says_what_it_did_before(
    render: Callable[..., bytes], lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = capsule(strength="1mg", quantity=90) if lang == "fr" else liquid(target="4.5mg")
    now = render(result, _details(lang), PHARMACY, "pdf")
    with monkeypatch.context() as before:
        _as_before_issue_11(before)
        then = render(result, _details(lang), PHARMACY, "pdf")
    assert _text(now) == _text(then)
    assert _pixels(now) == _pixels(then)


def test_each_face_is_parsed_once_per_process() -> None:
    embed._face.cache_clear()
    for target in ("1mg", "3mg", "4.5mg"):
        render_label(liquid(target=target), _details("en"), PHARMACY, "pdf")
    assert embed._face.cache_info().misses == 2  # regular and bold, once each


def test_each_document_embeds_only_the_characters_it_prints() -> None:
    render_label(liquid(target="4.5mg"), _details("fr"), PHARMACY, "pdf")  # Ω, К, Ñ…
    plain = Profile(name="Main Street", address=("12 Main Street",), phone="613-555-0100")
    data = render_label(liquid(target="4.5mg"), _details("en", "Jane Doe"), plain, "pdf")
    for to_unicode, font, _ in _fonts(data):
        assert "03A9" not in to_unicode  # Ω: not printed
        assert "041A" not in to_unicode  # К
        assert font["maxp"].numGlyphs < 120  # of DejaVu's 2,048


def test_every_embedded_glyph_is_the_fonts_own_at_its_width() -> None:
    """Read back with fontTools: each character in the subset has the original glyph's
    outline (composite glyphs with their parts renumbered) and advance width, and the PDF's
    /W array says the same width."""
    data = render_record(capsule(strength="1mg", quantity=90), _details("fr"), PHARMACY, "pdf")
    originals = {path: TTFont(path) for path in (REGULAR, BOLD)}
    for to_unicode, font, widths in _fonts(data):
        font.ensureDecompiled()
        original = originals[BOLD if "Bold" in font["name"].getBestFullName() else REGULAR]
        cmap, original_cmap = font.getBestCmap(), original.getBestCmap()
        assert len(cmap) > 40
        for code, name in cmap.items():
            glyph_id = font.getGlyphID(name)
            assert f"<{glyph_id:04X}> <{code:04X}>" in to_unicode
            old = original_cmap[code]
            coordinates = font["glyf"][name].getCoordinates(font["glyf"])[0]
            expected = original["glyf"][old].getCoordinates(original["glyf"])[0]
            assert list(coordinates) == list(expected), chr(code)
            assert font["hmtx"][name] == original["hmtx"][old], chr(code)
            assert widths[glyph_id] == round(original["hmtx"][old][0] * 1000 / 2048 + 0.001)


def test_a_document_made_by_fpdf2_with_another_font_keeps_it() -> None:
    """A font that is not the shared DejaVu is embedded by fpdf2 as before."""
    from fpdf import FPDF

    pdf = FPDF()
    embed.add_faces(pdf)
    pdf.add_page()
    pdf.set_font("helvetica", "", 12)
    pdf.cell(text="core font")
    pdf.set_font(FAMILY, "B", 12)
    pdf.cell(text="Ωμέγα")
    assert " ".join(_text(embed.output(pdf))[0].split()) == "core font Ωμέγα"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_calendar_and_leaflet_use_the_shared_faces_and_show_what_they_did_before(
    lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ldncalc.labels.calendar import calendar_pdf
    from ldncalc.labels.leaflet import render_leaflet
    from ldncalc.titration import titrate

    schedule = titrate(protocol="ldnrt-weekly", start_date="2026-11-23")

    def documents() -> tuple[bytes, bytes]:
        calendar = calendar_pdf(schedule, patient=PATIENT, pharmacy=PHARMACY, lang=lang)
        leaflet = render_leaflet(liquid(target="4.5mg"), _details(lang), PHARMACY)
        return calendar, leaflet

    embed._face.cache_clear()
    now = documents()
    documents()
    assert embed._face.cache_info().misses == 2  # regular and bold, once per process
    with monkeypatch.context() as before:  # fpdf2 parsing the font for each document
        before.setattr(embed, "add_faces", lambda pdf: [
            pdf.add_font(FAMILY, "", str(REGULAR)), pdf.add_font(FAMILY, "B", str(BOLD))
        ])  # fmt: skip
        before.setattr(embed, "output", lambda pdf: bytes(pdf.output()))
        then = documents()
    for new, old in zip(now, then, strict=True):
        assert _text(new) == _text(old)
        assert _pixels(new) == _pixels(old)
