"""PDF labels and compounding records (fpdf2, DejaVu Sans embedded).

fpdf2 rather than reportlab: it is pure Python with two small dependencies (fontTools, Pillow),
embeds and subsets TrueType fonts with a ToUnicode map (so the text can be searched, copied and
tested), and draws text at exact positions, which is all a label needs. The record flows over
as many letter or A4 pages as it takes; nothing here decides what is printed, only where.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ldncalc.errors import InputError
from ldncalc.fonts import FAMILY
from ldncalc.formatting import format_number
from ldncalc.labels.content import (
    BLANK,
    Fields,
    Items,
    LabelContent,
    Paragraph,
    RecordContent,
    Section,
    Signatures,
    Table,
)
from ldncalc.labels.embed import add_faces, output
from ldncalc.labels.layout import LabelLayout, layout_label

if TYPE_CHECKING:
    from fpdf import FPDF

PAGE_MARGIN = 42.0  # points: about 15 mm around a record page
BODY = 8.5  # type sizes of the record, points
SMALL = 7.5
HEADING = 11.0
TITLE = 16.0
LINE = 1.3  # line height ÷ type size in the record
WRITE_IN = 18.0  # height of a line left blank to write on, points


def label_pdf(content: LabelContent) -> bytes:
    """A one-page PDF the size of the label stock."""
    from fpdf import FPDF

    layout = layout_label(content)
    pdf = FPDF(orientation="P", unit="pt", format=(layout.width, layout.height))
    _setup(pdf, f"Label, lot {_lot(content)}")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    draw_label(pdf, layout, 0, 0)
    return output(pdf)


def draw_label(pdf: FPDF, layout: LabelLayout, left: float, top: float, scale: float = 1.0) -> None:
    """Draw ``layout`` with its top left corner at (``left``, ``top``), ``scale`` times its
    size."""
    pdf.set_fill_color(0)
    for rule in layout.rules:
        pdf.rect(
            left + rule.x * scale,
            top + rule.y * scale,
            rule.width * scale,
            rule.thickness * scale,
            style="F",
        )
    for line in layout.lines:
        pdf.set_font(FAMILY, "B" if line.bold else "", line.size * scale)
        pdf.text(left + line.x * scale, top + line.baseline * scale, line.text)
    if (bars := layout.barcode) is not None:
        code128(
            pdf,
            bars.text,
            left=left + bars.x * scale,
            top=top + bars.y * scale,
            module=bars.module * scale,
            height=bars.height * scale,
        )


def record_pdf(content: RecordContent) -> bytes:
    """The compounding record on letter or A4 paper, with a copy of the label at full size."""
    from fpdf import FPDF

    layout = layout_label(content.label)

    class RecordPDF(FPDF):
        def header(self) -> None:
            # the lot as Code 128 in the top margin of every page: a scanner types it into
            # any 'ldncalc log' command
            width = len(_modules(content.lot)) * BAR_MODULE
            code128(self, content.lot, left=self.w - PAGE_MARGIN - width, top=PAGE_MARGIN - 30)

        def footer(self) -> None:
            self.set_y(-PAGE_MARGIN + 12)
            self.set_font(FAMILY, "", SMALL)
            self.set_text_color(90)
            page = content.page.format(
                n=format_number(self.page_no(), lang=content.lang), total=self.str_alias_nb_pages
            )
            text = "  ·  ".join((content.footer[0], page, *content.footer[1:]))
            self.cell(0, SMALL * LINE, text, align="C")
            self.set_text_color(0)

    pdf = RecordPDF(orientation="P", unit="pt", format=content.paper)
    _setup(pdf, f"{content.title}, lot {content.lot}")
    pdf.set_margins(PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN)
    pdf.set_auto_page_break(True, margin=PAGE_MARGIN)
    pdf.add_page()
    _header(pdf, content)
    for section in content.sections:
        _section(pdf, section, content.lang)
    _label_copy(pdf, content.label_title, layout)
    return output(pdf)


# A number and its unit stay on one line (4,588 mg, 22 Nov 2026): the space after a digit
# becomes a no-break space, which fpdf2 does not break at.
_AFTER_DIGIT = re.compile(r"(?<=[0-9]) (?=\S)")


BAR_MODULE = 0.75  # points (0.26 mm): the narrowest bar of a barcode, for a common scanner
BAR_HEIGHT = 20.0  # points (7 mm)


@lru_cache(maxsize=64)  # a record prints its lot's barcode on every page
def _modules(text: str) -> str:
    """``text`` (printable ASCII: a lot) encoded as Code 128: "1" a dark module, "0" a light
    one. python-barcode's encoder, except for text that starts with "99": its switch to code
    set C drops a leading "99" (``Code128("9912")`` reads back as "12"), so a lot such as
    99-0001 would scan as another lot; that text is written in code set B, every character as
    itself, with python-barcode's table of symbol patterns (the width the label reserves,
    :func:`ldncalc.labels.layout.code128_modules`)."""
    from barcode.charsets.code128 import CODES, START_CODES, STOP
    from barcode.codex import Code128

    if not text.startswith("99"):
        modules: str = Code128(text).build()[0]
        return modules
    values = [START_CODES["B"], *(ord(character) - 32 for character in text)]
    if not all(0 <= value < 95 for value in values[1:]):
        raise ValueError(f"Code 128 code set B cannot hold {text!r}")
    check = (values[0] + sum(i * v for i, v in enumerate(values[1:], 1))) % 103
    patterns: list[str] = [CODES[value] for value in (*values, check)]
    return "".join(patterns) + str(STOP) + "11"


def code128(
    pdf: FPDF,
    text: str,
    *,
    left: float,
    top: float,
    module: float = BAR_MODULE,
    height: float = BAR_HEIGHT,
) -> None:
    """``text`` as a Code 128 barcode (encoded by python-barcode), drawn as vector bars from
    ``left``; the margin around it is its quiet zone."""
    modules = _modules(text)
    for run in re.finditer("1+", modules):
        pdf.rect(left + run.start() * module, top, len(run.group()) * module, height, style="F")


def _glue(text: str) -> str:
    return _AFTER_DIGIT.sub("\u00a0", text)


def _setup(pdf: FPDF, title: str) -> None:
    add_faces(pdf)  # parsed once per process (embed.py)
    pdf.set_title(title)
    pdf.set_creator("ldncalc")
    pdf.set_lang("en")


def _lot(content: LabelContent) -> str:
    return content.lot.text.split(" ", 1)[-1]


def _header(pdf: FPDF, content: RecordContent) -> None:
    width = pdf.epw
    pdf.set_font(FAMILY, "B", TITLE)
    _paragraph(pdf, content.title, TITLE * 1.2, width)
    pdf.set_font(FAMILY, "B", HEADING)
    _paragraph(pdf, content.subtitle, HEADING * LINE, width)
    pdf.set_font(FAMILY, "", BODY)
    pdf.set_text_color(60)
    _paragraph(pdf, " · ".join(content.pharmacy), BODY * LINE, width)
    pdf.set_text_color(0)
    pdf.ln(4)


def _section(pdf: FPDF, section: Section, lang: str) -> None:
    _keep_room(pdf, HEADING * 2 + 3 * BODY * LINE)
    pdf.ln(6)
    pdf.set_font(FAMILY, "B", HEADING)
    pdf.cell(pdf.epw, HEADING * LINE, section.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_fill_color(0)
    pdf.rect(pdf.l_margin, pdf.get_y(), pdf.epw, 0.6, style="F")
    pdf.ln(3)
    for block in section.blocks:
        if isinstance(block, Fields):
            _fields(pdf, block)
        elif isinstance(block, Table):
            _table(pdf, block)
        elif isinstance(block, Items):
            _items(pdf, block, lang)
        elif isinstance(block, Paragraph):
            pdf.set_font(FAMILY, "B" if block.strong else "", BODY)
            _paragraph(pdf, _glue(block.text), BODY * LINE, pdf.epw)
            pdf.ln(1)
        else:
            _signatures(pdf, block)


def _paragraph(pdf: FPDF, text: str, height: float, width: float) -> None:
    """``text`` wrapped from the left margin; the next line starts below it, at the margin."""
    pdf.set_x(pdf.l_margin)
    _flow(pdf, width, height, text)


def _keep_room(pdf: FPDF, height: float) -> None:
    """Start a new page unless ``height`` points are left on this one."""
    if pdf.get_y() + height > pdf.h - pdf.b_margin:
        pdf.add_page()


def _lines(pdf: FPDF, width: float, text: str) -> int:
    """How many lines ``text`` takes at ``width`` in the current font."""
    return len(_broken(pdf, width, text))


def _broken(pdf: FPDF, width: float, text: str, padding: float = 0.0) -> tuple[str, ...]:
    """The lines fpdf2 breaks ``text`` into at ``width`` in the current font, with
    ``padding`` points inside each side (a table's cells: no cell margin then): found as
    fpdf2 finds them (:func:`_break`), else by fpdf2's multi_cell itself. fpdf2 measures the
    whole line again at each character it adds; a record prints the same text for every
    lot, so each is broken once."""
    key = (text, width, padding, pdf.font_family, pdf.font_style, pdf.font_size_pt)
    lines = _BROKEN.get(key)
    if lines is None:
        lines = _break(pdf, width - padding - padding if padding else width, text, padding)
        if lines is None:
            from fpdf.util import Padding

            sides = Padding(right=padding, left=padding)
            found = pdf.multi_cell(
                width, BODY * LINE, text, dry_run=True, output="LINES", padding=sides
            )
            assert isinstance(found, list)
            lines = tuple(found)
        if len(_BROKEN) >= 10_000:  # a bound on memory over a long-running process
            _BROKEN.clear()
        _BROKEN[key] = lines
    return lines


_BROKEN: dict[tuple[str, float, float, str, str, float], tuple[str, ...]] = {}


def _break(pdf: FPDF, width: float, text: str, padding: float) -> tuple[str, ...] | None:
    """The lines ``pdf.multi_cell(width, text=text, padding=padding)`` breaks ``text`` into,
    found as fpdf2's MultiLineBreak finds them (``width`` is the text's: without the
    padding), for plain text in a TrueType face: a character at a time, the line broken
    where the next character would make it wider than ``width`` less the cell margins (by
    more than fpdf2's tolerance): at that character if it is a space (dropped), else after
    the last space (dropped), else before the character; a no-break space kept as a space;
    at each newline. Each width is the sum of the glyphs' advances, as fpdf2 adds them up,
    character by character. ``None`` where fpdf2 itself should break the text (another
    font, text shaping, spacing, soft hyphens, a character wider than a line)."""
    from fpdf.enums import CharVPos
    from fpdf.fonts import TTFFont
    from fpdf.line_break import BREAKING_SPACE_SYMBOLS, FORM_FEED, NBSP, SOFT_HYPHEN

    try:
        from fpdf.util import FloatTolerance
    except ImportError:  # an fpdf2 older than the breaking written here (2.8.3)
        return None
    font = pdf.current_font
    if not (
        isinstance(font, TTFFont)
        and not getattr(font, "is_symbol", False)  # (fpdf2 2.8.9 on)
        and not pdf.text_shaping
        and not pdf._fallback_font_ids
        and pdf.font_stretching == 100
        and pdf.char_spacing == 0
        and pdf.char_vpos == CharVPos.LINE
        and SOFT_HYPHEN not in text  # a break that adds a hyphen
        and FORM_FEED not in text
    ):
        return None
    spaces = frozenset(BREAKING_SPACE_SYMBOLS)
    advances, size, k = font.cw, pdf.font_size_pt, pdf.k
    room = width
    if not padding:
        room = room - float(pdf.c_margin) - float(pdf.c_margin)  # as MultiLineBreak
    text = text.replace("\r", "")
    lines: list[str] = []
    at, end = 0, len(text)
    while at < end:
        line: list[str] = []
        advance = 0  # of the line, in thousandths of an em
        space: tuple[int, int] | None = None  # the last space: where in text, in line
        while at < end:
            character = text[at]
            if character == "\n":
                at += 1
                break
            # the widths as fpdf2 computes them: the line's, the character's (points)
            line_width = advance * size * 0.001 / k
            character_width = int(advances[ord(character)]) * size * 0.001 / k
            if (line_width + character_width) - room > FloatTolerance.TOLERANCE:
                if character in spaces:
                    at += 1
                elif space is not None:
                    at = space[0] + 1
                    line = line[: space[1]]
                elif not line:
                    return None  # a character wider than the line: fpdf2 refuses it
                break
            if character in spaces:
                space = (at, len(line))
            kept = " " if character == NBSP else character
            line.append(kept)
            advance += int(advances[ord(kept)])
            at += 1
        else:
            if not advance:
                break  # fpdf2 drops a last line of nothing
        lines.append("".join(line))
    return tuple(lines) or ("",)


def _flow(pdf: FPDF, width: float, height: float, text: str) -> None:
    """``pdf.multi_cell(width, height, text, align="L", new_x="LMARGIN")``: each line as
    fpdf2 breaks it (:func:`_broken`), drawn as multi_cell draws it, under the one before;
    then the left margin of the next line."""
    for line in _broken(pdf, width, text):
        _line(pdf, width, height, line)
    pdf.x = pdf.l_margin


def _line(pdf: FPDF, width: float, height: float, text: str) -> None:
    """``pdf.cell(width, height, text, new_x="LEFT", new_y="NEXT")``: one line of text at the
    current position, then the same x one line lower. A line of plain text in one of the
    embedded faces is written as fpdf2's cell() writes it (the page break, the font, the
    position, the colour, the glyphs of the subset, in that order), without the fragments
    and copies of the graphics state fpdf2 builds for each line: a record has some 150
    lines. Anything else goes to cell() itself."""
    from fpdf.enums import CharVPos, TextMode
    from fpdf.fonts import TTFFont

    font = pdf.current_font
    if not (
        text
        and isinstance(font, TTFFont)
        and hasattr(font, "escape_text")  # (fpdf2 2.8.4 or so on: as it is written here)
        and not pdf.text_shaping
        and not pdf._fallback_font_ids
        and not pdf._record_text_quad_points
        and not (pdf.underline or pdf.strikethrough)
        and pdf.font_stretching == 100
        and pdf.char_spacing == 0
        and pdf.text_mode == TextMode.FILL
        and pdf.char_vpos == CharVPos.LINE
        and pdf.str_alias_nb_pages not in text
    ):
        pdf.cell(width, height, text, new_x="LEFT", new_y="NEXT")
        return
    pdf._perform_page_break_if_need_be(height)
    k = pdf.k
    ops = [
        f"BT {(pdf.x + pdf.c_margin) * k:.2f} "
        f"{(pdf.h - pdf.y - 0.5 * height - 0.3 * pdf.font_size) * k:.2f} Td"
    ]
    coloured = pdf.text_color != pdf.fill_color  # the text colour, set inside q … Q
    if coloured:
        assert pdf.text_color is not None
        ops.append(pdf.text_color.serialize().lower())
    if not pdf.current_font_is_set_on_page:
        pdf._out(pdf._set_font_for_page(font, pdf.font_size_pt))
    pick = font.subset.pick
    codes = "".join(chr(code) for code in map(pick, map(ord, text)) if code)
    ops.append(f"({font.escape_text(codes)}) Tj")
    ops.append("ET")
    pdf._out(f"q {' '.join(ops)} Q" if coloured else " ".join(ops))
    pdf._lasth = height
    pdf.y += height


def _fields(pdf: FPDF, block: Fields) -> None:
    label_width = pdf.epw * 0.3
    value_width = pdf.epw - label_width
    for label, value in block.rows:
        pdf.set_font(FAMILY, "", BODY)
        lines = max(_lines(pdf, value_width, _glue(value) or " "), 1)
        pdf.set_font(FAMILY, "B", BODY)
        lines = max(lines, _lines(pdf, label_width - 6, label or " "))
        height = lines * BODY * LINE
        if value == BLANK:
            height = max(height, WRITE_IN)
        _keep_room(pdf, height)
        top = pdf.get_y()
        x = pdf.l_margin
        pdf.set_xy(x, top)
        _flow(pdf, label_width - 6, BODY * LINE, label)
        pdf.set_font(FAMILY, "", BODY)
        pdf.set_xy(x + label_width, top)
        if value == BLANK:
            pdf.set_draw_color(120)
            pdf.line(x + label_width, top + height - 3, x + pdf.epw, top + height - 3)
            pdf.set_draw_color(0)
        else:
            _flow(pdf, value_width, BODY * LINE, _glue(value))
        pdf.set_xy(x, top + height + 1)


# A table's cells: inside each, 2 points above and below the text, 3 either side
CELL_PADDING = (2.0, 3.0)


def _table(pdf: FPDF, block: Table) -> None:
    """``block`` as fpdf2's ``pdf.table()`` draws it (bold shaded header, every border, text
    at the top left of each cell, the header again on each page the table runs onto), from
    lines broken once (:func:`_broken`) and each row measured once: fpdf2's table breaks and
    measures every cell again for every document, twice."""
    try:
        from fpdf.enums import TableCellStyle
    except ImportError:  # an fpdf2 older than the table drawn here (2.8.3): its own
        _fpdf2_table(pdf, block)
        return
    from fpdf.fonts import FontFace

    pdf.set_font(FAMILY, "", SMALL)
    body = pdf.font_face()  # what fpdf2's table takes as the style of its cells
    shaded = FontFace(family=FAMILY, emphasis="BOLD", fill_color=(230, 230, 230))
    heading = FontFace.combine(body, shaded)
    assert heading is not None
    line = SMALL * LINE
    top, side = CELL_PADDING
    minimum = WRITE_IN + 4 if any(BLANK in row for row in block.rows) else 0.0
    # the table is centred on the page, a full text width wide (fpdf2's default)
    width = pdf.epw
    before = pdf.l_margin
    pdf.l_margin = pdf.x = (pdf.w - width) / 2
    total = sum(block.widths)
    columns = [share / total * width for share in block.widths]
    lefts = [pdf.l_margin]
    for column in columns[:-1]:
        lefts.append(lefts[-1] + column)

    rows: list[tuple[FontFace, list[tuple[str, ...]], float]] = []
    for style, cells in ((heading, block.header), *((body, row) for row in block.rows)):
        pdf.set_font(FAMILY, "B" if style is heading else "", SMALL)
        broken = [
            _broken(pdf, column, _glue(text), side) if text else ()
            for column, text in zip(columns, cells, strict=True)
        ]
        # as fpdf2 adds up a cell's height: each line, then the padding above and below
        heights = [0.0]
        for lines in broken:
            if lines:
                height = 0.0
                for _ in lines:
                    height += line
                heights.append(height + top + top)
        height = max(heights) or line
        rows.append((style, broken, max(height, minimum)))
    pdf.set_font(FAMILY, "", SMALL)
    if rows[0][2] + max(height for *_, height in rows) > pdf.eph:
        # a row that cannot fit on a page under its header is refused (as fpdf2's own table
        # refuses it), never drawn past the foot of the page
        tallest = max(rows[1:], key=lambda row: row[2])[1]
        longest = max((" ".join(lines) for lines in tallest), key=len)
        raise InputError("--record", None, code="record-row-too-tall", text=longest[:40].rstrip())

    borders = TableCellStyle(left=True, bottom=True, right=True, top=True)

    def draw(style: FontFace, broken: list[tuple[str, ...]], height: float) -> None:
        y = pdf.y
        for left, column, lines in zip(lefts, columns, broken, strict=True):
            borders.draw_cell_border(
                pdf, left, y, left + column, y + height, fill_color=style.fill_color
            )
            if lines:
                with pdf.use_font_face(style):
                    margin, pdf.c_margin = pdf.c_margin, 0  # the padding is the margin
                    pdf.set_xy(left + side, y + top)
                    for text in lines:
                        _line(pdf, column - side - side, line, text)
                    pdf.c_margin = margin
            pdf.set_y(y)
        pdf.ln(height)

    if len(rows) > 1:  # the header never alone at the foot of a page
        pdf._perform_page_break_if_need_be(rows[0][2] + rows[1][2])
    for number, row in enumerate(rows):
        if pdf._perform_page_break_if_need_be(row[2]) and number > 0:
            draw(*rows[0])
        draw(*row)
    pdf.l_margin = before
    pdf.x = pdf.l_margin
    pdf.ln(3)


def _fpdf2_table(pdf: FPDF, block: Table) -> None:
    """``block`` drawn by fpdf2's ``pdf.table()``."""
    from fpdf.fonts import FontFace

    pdf.set_font(FAMILY, "", SMALL)
    blank_rows = any(BLANK in row for row in block.rows)
    with pdf.table(
        col_widths=block.widths,
        text_align="LEFT",
        line_height=SMALL * LINE,
        padding=CELL_PADDING,
        headings_style=FontFace(family=FAMILY, emphasis="BOLD", fill_color=(230, 230, 230)),
        min_row_height=WRITE_IN + 4 if blank_rows else None,
        v_align="TOP",
    ) as table:
        for row in (block.header, *block.rows):
            cells = table.row()
            for cell in row:
                cells.cell(_glue(cell))
    pdf.ln(3)


def _items(pdf: FPDF, block: Items, lang: str) -> None:
    pdf.set_font(FAMILY, "", BODY)
    indent = 16.0
    for number, item in enumerate(block.items, 1):
        text = _glue(item)
        lines = _lines(pdf, pdf.epw - indent, text)
        _keep_room(pdf, lines * BODY * LINE)
        top = pdf.get_y()
        marker = f"{format_number(number)}." if block.numbered else "•"
        pdf.set_xy(pdf.l_margin, top)
        pdf.cell(indent, BODY * LINE, marker)
        pdf.set_xy(pdf.l_margin + indent, top)
        _flow(pdf, pdf.epw - indent, BODY * LINE, text)
        pdf.set_y(pdf.get_y() + 1)


def _signatures(pdf: FPDF, block: Signatures) -> None:
    _keep_room(pdf, len(block.roles) * (WRITE_IN + 14))
    pdf.set_draw_color(0)
    for role in block.roles:
        pdf.ln(8)
        top = pdf.get_y()
        left = pdf.l_margin
        pdf.set_font(FAMILY, "B", BODY)
        pdf.set_xy(left, top)
        pdf.cell(pdf.epw * 0.28, WRITE_IN, role)
        pdf.set_font(FAMILY, "", SMALL)
        sign_from, sign_to = left + pdf.epw * 0.28, left + pdf.epw * 0.7
        pdf.line(sign_from, top + WRITE_IN - 2, sign_to, top + WRITE_IN - 2)
        pdf.set_xy(sign_from, top + WRITE_IN - 1)
        pdf.cell(sign_to - sign_from, SMALL * LINE, block.signature)
        date_from = left + pdf.epw * 0.76
        pdf.line(date_from, top + WRITE_IN - 2, left + pdf.epw, top + WRITE_IN - 2)
        pdf.set_xy(date_from, top + WRITE_IN - 1)
        pdf.cell(left + pdf.epw - date_from, SMALL * LINE, block.date)
        pdf.set_xy(left, top + WRITE_IN + SMALL * LINE)


def _label_copy(pdf: FPDF, title: str, layout: LabelLayout) -> None:
    """The label at full size, framed as it is cut (scaled down only if wider than the page)."""
    scale = min(1.0, pdf.epw / layout.width)
    _keep_room(pdf, HEADING * 3 + layout.height * scale)
    pdf.ln(6)
    pdf.set_font(FAMILY, "B", HEADING)
    pdf.cell(pdf.epw, HEADING * LINE, title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    left, top = pdf.l_margin, pdf.get_y()
    pdf.set_draw_color(120)
    pdf.set_line_width(0.5)
    pdf.rect(left, top, layout.width * scale, layout.height * scale)
    draw_label(pdf, layout, left, top, scale)
    pdf.set_y(top + layout.height * scale + 6)
