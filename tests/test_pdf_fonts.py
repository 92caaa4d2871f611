"""The label font in PDFs (issue 11 §3): each face is parsed once per process, each document
embeds only the glyphs it uses, and a PDF shows and says exactly what it did before: fpdf2's
own embedding (``add_font`` and a fontTools subset for every document), its ``multi_cell``
breaking each text again and its ``table()`` measuring each cell twice: the same pixels when
rendered, the same text when extracted."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Callable

import fpdf.util
import pypdf
import pypdfium2
import pytest
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]  # comes with fpdf2; untyped
from hypothesis import given, settings
from hypothesis import strategies as st

import ldncalc.labels.pdf as pdf_module
from ldncalc import capsule, liquid
from ldncalc.fonts import BOLD, FAMILY, REGULAR
from ldncalc.labels import embed, render_label, render_record
from ldncalc.labels.content import BLANK, Section, Table, record_content
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
    monkeypatch.setattr(pdf_module, "_table", pdf_module._fpdf2_table)


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


@pytest.mark.parametrize("paper", ["letter", "a4"])
@pytest.mark.parametrize("blank", [False, True])
def test_a_table_over_two_pages_is_drawn_as_fpdf2_draws_it(
    paper: str, blank: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A table longer than a page: its header again on the next page, rows of several lines
    (one glued number and unit, one long word), empty cells, rows left blank to write in."""
    result = capsule(strength="1mg", quantity=90)
    content = record_content(result, _details("fr"), PHARMACY.model_copy(update={"paper": paper}))
    rows = tuple(
        (
            f"Pesée {n} · Ñúñez-Ærø Œdïpe, contrôle du mélange homogène",
            f"{n * 37} mg" if n % 3 else "Supercalifragilisticexpialidocious-Ωμέγα",
            BLANK if blank and n % 2 else f"{n}.5 mg",
        )
        for n in range(1, 45)
    )
    long = Table(("Étape", "Calculé", "Réel"), rows, (60, 20, 20))
    first = content.sections[0]
    sections = (Section(first.title, (*first.blocks, long)), *content.sections[1:])
    content = dataclasses.replace(content, sections=sections)
    now = pdf_module.record_pdf(content)
    with monkeypatch.context() as before:
        _as_before_issue_11(before)
        then = pdf_module.record_pdf(content)
    assert len(_pixels(now)) >= 3  # the table runs onto another page
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


def test_a_record_lays_out_its_copy_of_the_label_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """render_record checks that the label fits, then record_pdf draws it: one layout; a label
    with other words is laid out anew."""
    from ldncalc.labels import layout

    calls: list[object] = []
    fitted = layout._fitted
    monkeypatch.setattr(layout, "_fitted", lambda content: calls.append(content) or fitted(content))
    render_record(liquid(target="4.5mg"), _details("en"), PHARMACY, "pdf")
    assert len(calls) == 1
    other = render_label(liquid(target="3mg"), _details("en"), PHARMACY, "txt")
    assert len(calls) == 2
    assert b"3 mg" in other


def _lines_drawn(draw: Callable[..., None]) -> bytes:
    """A page of lines in the states a record draws them in (and some it does not), each
    drawn by ``draw(pdf, width, height, text)``; the document's bytes."""
    import datetime

    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="a4")
    pdf.creation_date = datetime.datetime(2026, 11, 22, tzinfo=datetime.UTC)
    embed.add_faces(pdf)
    pdf.set_auto_page_break(True, margin=42)
    pdf.add_page()
    for number in range(70):  # past the foot of the page: a page break before a line
        bold = number % 3 == 0
        pdf.set_font(FAMILY, "B" if bold else "", 7.5 + number % 4)
        pdf.set_text_color(60 if number % 5 == 0 else 0)
        pdf.set_fill_color((230, 230, 230) if number % 7 == 0 else 0)
        pdf.set_font(FAMILY, "BU" if number % 11 == 0 else "B" if bold else "")
        pdf.set_x(42 + number % 6)
        text = ("", "4,588\u00a0mg (Ñúñez) \\ Ωμέγα", "Pesée · 22 Nov 2026", "\u4e2d x")[number % 4]
        draw(pdf, 200, 11.05, text)
    return embed.output(pdf)


def test_a_line_is_written_as_fpdf2s_cell_writes_it() -> None:
    """The record's own writing of a line of text makes the same document as fpdf2's cell():
    coloured text, on a shaded fill, bold and regular at several sizes, a page break, an
    empty line, a character the font lacks, underlined text (left to cell())."""
    now = _lines_drawn(pdf_module._line)
    then = _lines_drawn(
        lambda pdf, width, height, text: pdf.cell(width, height, text, new_x="LEFT", new_y="NEXT")
    )
    assert len(_pixels(now)) == 2
    assert now == then


# record-like words: numbers glued to units by no-break spaces, accents, long words, the
# separators a record prints, runs of spaces, newlines, other breaking spaces, a glyph the
# font lacks
_WORDS = st.sampled_from(
    [
        "4,588\u00a0mg", "Pesée", "Ñúñez-Ærø", "Œdïpe", "·", "•", "Supercalifragilistic",
        "a", "mL", "(Ωμέγα)", "Кирилл", "22\u00a0Nov\u00a02026", "—", "\u4e2d",
    ]
)  # fmt: skip
_GAPS = st.sampled_from([" ", " ", " ", "  ", "\n", "\u2009", "\t", "\u00a0", ""])


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(st.tuples(_WORDS, _GAPS), max_size=30),
    width=st.floats(min_value=2, max_value=400, allow_nan=False),
    bold=st.booleans(),
    size=st.sampled_from([7.5, 8.5, 11.0, 16.0]),
    padding=st.sampled_from([0.0, 3.0]),
)
def test_lines_are_broken_where_fpdf2_breaks_them(
    words: list[tuple[str, str]], width: float, bold: bool, size: float, padding: float
) -> None:
    """The record's own line breaking gives fpdf2's lines (its multi_cell) for any text a
    record could print, at any width, in either face, with and without a cell's padding;
    where fpdf2 refuses (a character wider than the line), it is left to fpdf2."""
    from fpdf import FPDF
    from fpdf.errors import FPDFException
    from fpdf.util import Padding

    pdf = FPDF(unit="pt")
    embed.add_faces(pdf)
    pdf.add_page()
    pdf.set_font(FAMILY, "B" if bold else "", size)
    text = "".join(word + gap for word, gap in words)
    sides = Padding(right=padding, left=padding)
    try:
        expected = pdf.multi_cell(width, 10, text, dry_run=True, output="LINES", padding=sides)
    except FPDFException:
        expected = None
    inner = width - padding - padding if padding else width
    found = pdf_module._break(pdf, inner, text, padding)
    assert found is None or list(found) == expected
    if expected is not None and width > 40 and hasattr(fpdf.util, "FloatTolerance"):
        assert found is not None  # only a narrow line is left to fpdf2


@pytest.mark.parametrize("padding", [0.0, 3.0])
@pytest.mark.parametrize("over", [-2e-9, 0.0, 5e-10, 2e-9])
def test_a_line_just_as_wide_as_its_room_is_broken_as_fpdf2_breaks_it(
    padding: float, over: float
) -> None:
    """At the edge of fpdf2's tolerance (1e-9 point): the same lines."""
    from fpdf import FPDF
    from fpdf.util import Padding

    pdf = FPDF(unit="pt")
    embed.add_faces(pdf)
    pdf.add_page()
    pdf.set_font(FAMILY, "", 8.5)
    for text in ("Pesée du mélange 4,588\u00a0mg", "Ñúñez-Ærø Œdïpe · Кирилл"):
        room = pdf.get_string_width(text) - over
        width = room + (2 * padding if padding else 2 * pdf.c_margin)
        for more in ("", " suite", "\u00a0x"):
            sides = Padding(right=padding, left=padding)
            expected = pdf.multi_cell(
                width, 10, text + more, dry_run=True, output="LINES", padding=sides
            )
            inner = width - padding - padding if padding else width
            found = pdf_module._break(pdf, inner, text + more, padding)
            assert found is not None or not hasattr(fpdf.util, "FloatTolerance")
            assert found is None or list(found) == expected


def test_a_table_row_taller_than_a_page_is_refused_never_drawn_past_the_foot() -> None:
    # fpdf2's own table refused such a row; ldncalc's drawing must not print it off the page
    from fpdf import FPDF

    from ldncalc.errors import InputError
    from ldncalc.labels.content import Table

    pdf = FPDF(unit="pt", format="letter")
    embed.add_faces(pdf)
    pdf.set_auto_page_break(True, margin=42)
    pdf.add_page()
    block = Table(header=("Step", "Text"), rows=(("1", "word " * 3000),), widths=(1, 3))
    with pytest.raises(InputError) as refused:
        pdf_module._table(pdf, block)
    assert refused.value.code == "record-row-too-tall"
    assert refused.value.render("en", "cli") == (
        '--record: cannot print the table row starting "word word word word word word word '
        'word" on one page; shorten that text (in the formulation record or the prescription '
        "details)"
    )
    assert pdf.page == 1  # nothing drawn
