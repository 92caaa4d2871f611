"""The label font in a PDF: parsed once per process, subset for each document.

fpdf2's ``add_font`` parses a TrueType file for every document, and its output subsets the
whole font with fontTools, again for every document: for a label that was 96 % of the time.
Here each face of DejaVu Sans (:mod:`ldncalc.fonts`) is parsed once per process (fpdf2's own
``TTFFont``, so text is measured and encoded exactly as fpdf2 does it), and each document gets
a copy with its own record of the characters it uses. At output, the font program embedded is
built from the raw glyph data read once: the glyphs the document uses (and the parts of the
accented ones), each at the glyph id of its character code, so the PDF maps codes to glyphs
with ``/CIDToGIDMap /Identity``. The ToUnicode map is written as fpdf2 writes it: a PDF reader
extracts the same text.

>>> pdf = FPDF(unit="pt")          # doctest: +SKIP
>>> add_faces(pdf)                 # DejaVuSans, regular and bold, as with pdf.add_font
>>> data = output(pdf)             # the PDF bytes
"""

from __future__ import annotations

import copy
import math
import struct
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from fpdf import FPDF
from fpdf.fonts import SubsetMap, TTFFont
from fpdf.output import CIDSystemInfo, OutputProducer, PDFFont, PDFFontStream
from fpdf.syntax import Name, PDFArray, PDFContentStream

from ldncalc.fonts import BOLD, FAMILY, REGULAR

# the tables a PDF reader may read in an embedded TrueType program (ISO 32000-1 §9.9), with
# the hinting ones when the font has them; the layout tables (GSUB, GPOS…) are for shaping,
# which a label does not use (fpdf2 drops them too)
_KEPT = ("OS/2", "cvt ", "fpgm", "gasp", "head", "hhea", "maxp", "name", "post", "prep")


class _Face(TTFFont):
    """A face parsed once per process; each document draws with a copy (:func:`add_faces`)."""

    __slots__ = ()

    def get_text_width(
        self, text: str, font_size_pt: float, text_shaping_params: dict[str, Any] | None
    ) -> tuple[int, float]:
        """fpdf2's measure (the sum of the advance widths), remembered: fpdf2 measures each
        line again for every character it adds to it, and a record prints the same lines
        for every lot."""
        if text_shaping_params or getattr(self, "is_symbol", False):  # (fpdf2 2.8.9 on)
            return super().get_text_width(text, font_size_pt, text_shaping_params)
        if font_size_pt > getattr(self, "biggest_size_pt", font_size_pt):  # (2.8.9 on)
            self.biggest_size_pt = font_size_pt
        text = text if isinstance(text, str) else "".join(text)  # fpdf2 2.8.3: characters
        return len(text), _advance(self.fontkey, self.cw, text) * font_size_pt * 0.001


_ADVANCES: dict[str, dict[str, int]] = {}  # by face: text -> width in thousandths of an em


def _advance(fontkey: str, widths: dict[int, float], text: str) -> int:
    """The width of ``text`` (from the width of all but its last character if known)."""
    known = _ADVANCES.setdefault(fontkey, {})
    advance = known.get(text)
    if advance is None:
        head = known.get(text[:-1]) if len(text) > 1 else None
        if head is None:
            advance = int(sum(map(widths.__getitem__, map(ord, text))))
        else:
            advance = head + int(widths[ord(text[-1])])
        if len(known) >= 100_000:  # a bound on memory over a long-running process
            known.clear()
        known[text] = advance
    return advance


@dataclass(frozen=True)
class _Program:
    """What building a subset needs from a TrueType file, read once: each glyph's outline as
    stored (by glyph id), the glyph ids that composite glyphs refer to (and where), each
    glyph's horizontal metrics, and the tables copied unchanged."""

    glyphs: tuple[bytes, ...]
    components: dict[int, tuple[tuple[int, int], ...]]  # glyph id -> (byte offset, glyph id)
    metrics: tuple[tuple[int, int], ...]  # (advance width, left side bearing) by glyph id
    glyph_id: dict[str, int]  # glyph name -> glyph id
    tables: dict[str, bytes]


_FILES = {"": REGULAR, "B": BOLD}  # by fpdf2 style


@cache
def _face(style: str) -> tuple[_Face, _Program]:
    """The face of ``style`` as fpdf2 parses it, and its glyph data (read once per process)."""
    face = _Face(FPDF(), _FILES[style], f"{FAMILY.lower()}{style}", style)
    font = face.ttfont
    order = font.getGlyphOrder()
    loca, glyf = font["loca"], font.reader["glyf"]
    glyphs = tuple(glyf[loca[i] : loca[i + 1]] for i in range(len(order)))
    advances = font["hmtx"].metrics
    program = _Program(
        glyphs=glyphs,
        components={i: parts for i, data in enumerate(glyphs) if (parts := _components(data))},
        metrics=tuple(advances[name] for name in order),
        glyph_id={name: i for i, name in enumerate(order)},
        tables={tag: font.reader[tag] for tag in _KEPT if tag in font.reader},
    )
    face.close()  # every table needed is read; the copies never touch the file again
    return face, program


def add_faces(pdf: FPDF) -> None:
    """Make DejaVuSans (regular "" and bold "B") available to ``pdf.set_font``, as
    ``pdf.add_font`` would, without parsing the font files again."""
    for style in _FILES:
        face = _copy(_face(style)[0])
        # what fpdf2 records per document: the font's number, the characters used (and any
        # missing), the largest size used, and its font descriptor (written into the document)
        face.i = len(pdf.fonts) + 1
        face.subset = SubsetMap(face)
        face.missing_glyphs = []
        if hasattr(face, "biggest_size_pt"):  # (fpdf2 2.8.9 on)
            face.biggest_size_pt = 0
        face.desc = copy.copy(face.desc)
        pdf.fonts[face.fontkey] = face


def _copy(face: _Face) -> _Face:
    """A shallow copy (``copy.copy`` of a slotted object is ten times slower)."""
    new = _Face.__new__(_Face)
    for name in TTFFont.__slots__:
        if hasattr(face, name):
            setattr(new, name, getattr(face, name))
    return new


def output(pdf: FPDF) -> bytes:
    """The PDF bytes of ``pdf``, its DejaVu faces embedded by :class:`_Producer`."""
    return bytes(pdf.output(output_producer_class=_Producer))


class _Producer(OutputProducer):
    """fpdf2's PDF writer, embedding the shared faces itself; any other font as fpdf2 does."""

    def _add_fonts(self, *args: Any, **kwargs: Any) -> dict[int, Any]:
        fonts = self.fpdf.fonts  # fpdf2 embeds what is left in it, then it is put back whole
        every = dict(fonts)
        for key in [key for key, font in every.items() if isinstance(font, _Face)]:
            del fonts[key]
        try:
            objects: dict[int, Any] = super()._add_fonts(*args, **kwargs)
        finally:
            fonts.clear()
            fonts.update(every)
        for face in sorted(every.values(), key=lambda font: font.i):
            if isinstance(face, _Face):
                objects[face.i] = self._embed(face)
        return objects

    def _embed(self, face: _Face) -> PDFFont:
        """The objects of one face: a Type 0 font over a CIDFontType2 whose codes are glyph
        ids, its widths, its ToUnicode map, its descriptor and its subset font program."""
        program = _face(face.fontkey.removeprefix(FAMILY.lower()))[1]
        used = [(glyph, code) for glyph, code in face.subset.items() if glyph is not None]
        name = f"MPDFAA+{face.name}"
        font = PDFFont(subtype="Type0", base_font=name, encoding="Identity-H")
        self._add_pdf_obj(font, "fonts")
        cid_font = PDFFont(
            subtype="CIDFontType2",
            base_font=name,
            d_w=face.desc.missing_width,
            w=_widths({code: glyph.glyph_width for glyph, code in used}),
        )
        self._add_pdf_obj(cid_font, "fonts")
        font.descendant_fonts = PDFArray([cid_font])
        to_unicode = PDFContentStream(_to_unicode(used).encode("latin-1"))
        self._add_pdf_obj(to_unicode, "fonts")
        font.to_unicode = to_unicode
        system = CIDSystemInfo()
        self._add_pdf_obj(system, "fonts")
        cid_font.c_i_d_system_info = system
        descriptor = face.desc
        descriptor.font_name = Name(name)
        self._add_pdf_obj(descriptor, "fonts")
        cid_font.font_descriptor = descriptor
        cid_font.c_i_d_to_g_i_d_map = Name("Identity")  # type: ignore[assignment]
        glyphs = {code: program.glyph_id[glyph.glyph_name] for glyph, code in used}
        unicodes = {
            glyph.unicode[0]: code
            for glyph, code in used
            if isinstance(glyph.unicode, tuple) and len(glyph.unicode) == 1 and glyph.unicode[0]
        }
        stream = PDFFontStream(contents=subset(program, glyphs, unicodes))
        self._add_pdf_obj(stream, "fonts")
        descriptor.font_file2 = stream  # type: ignore[attr-defined]
        return font


def _widths(widths: dict[int, int]) -> str:
    """The /W array: each run of consecutive codes with the width of each."""
    runs: list[list[int]] = []
    for code in sorted(widths):
        if runs and runs[-1][0] + len(runs[-1]) - 1 == code:
            runs[-1].append(widths[code])
        else:
            runs.append([code, widths[code]])
    return "[" + " ".join(f"{run[0]} [{' '.join(map(str, run[1:]))}]" for run in runs) + "]"


def _to_unicode(used: Iterable[tuple[Any, int]]) -> str:
    """The ToUnicode CMap of fpdf2 (the text a reader extracts), in blocks of at most 100
    entries (Adobe Technical Note #5014)."""
    entries = [
        f"<{code:04X}> <{''.join(_utf16(c) for c in glyph.unicode)}>\n"
        for glyph, code in used
        if isinstance(glyph.unicode, tuple) and glyph.unicode
    ]
    blocks = "".join(
        f"{len(chunk)} beginbfchar\n{''.join(chunk)}endbfchar\n"
        for chunk in (entries[i : i + 100] for i in range(0, len(entries), 100))
    )
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n"
        "<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n"
        f"<0000> <FFFF>\nendcodespacerange\n{blocks}endcmap\n"
        "CMapName currentdict /CMap defineresource pop\nend\nend"
    )


def _utf16(code: int) -> str:
    """``code`` in UTF-16BE, as hex digits (a surrogate pair above the BMP)."""
    return chr(code).encode("utf-16-be").hex().upper()


# composite glyph flags (OpenType 'glyf'): argument and transform sizes, more to follow
_WORDS, _SCALE, _XY_SCALE, _TWO_BY_TWO, _MORE = 0x0001, 0x0008, 0x0040, 0x0080, 0x0020


def _components(data: bytes) -> tuple[tuple[int, int], ...]:
    """Where a composite glyph names its parts: (offset of the glyph id, glyph id)."""
    if len(data) < 10 or struct.unpack_from(">h", data)[0] >= 0:
        return ()
    parts, at = [], 10
    while True:
        flags, glyph = struct.unpack_from(">HH", data, at)
        parts.append((at + 2, glyph))
        at += 4 + (4 if flags & _WORDS else 2)
        at += 2 if flags & _SCALE else 4 if flags & _XY_SCALE else 8 if flags & _TWO_BY_TWO else 0
        if not flags & _MORE:
            return tuple(parts)


def subset(program: _Program, glyphs: dict[int, int], unicodes: dict[int, int]) -> bytes:
    """A TrueType font holding, at each new glyph id in ``glyphs``, the original glyph it
    maps to; the parts of composite glyphs after them; empty glyphs in between; and a cmap
    from the code points in ``unicodes`` to their new glyph ids."""
    count = max(glyphs, default=0) + 1
    order = [glyphs.get(new, -1) for new in range(count)]
    order[0] = glyphs.get(0, 0)  # glyph 0 is always the .notdef box
    placed = {old: new for new, old in enumerate(order) if old >= 0}
    outlines: list[bytes] = []
    new = 0
    while new < len(order):
        old = order[new]
        data = program.glyphs[old] if old >= 0 else b""
        if parts := program.components.get(old):
            patched = bytearray(data)
            for at, part in parts:
                if part not in placed:
                    placed[part] = len(order)
                    order.append(part)
                struct.pack_into(">H", patched, at, placed[part])
            data = bytes(patched)
        outlines.append(data + b"\0" * (len(data) % 2))
        new += 1
    offsets = [0]
    for data in outlines:
        offsets.append(offsets[-1] + len(data))
    short = offsets[-1] < 0x20000
    loca = struct.pack(
        f">{len(offsets)}{'H' if short else 'I'}",
        *(offset // 2 if short else offset for offset in offsets),
    )
    hmtx = b"".join(
        struct.pack(">Hh", *(program.metrics[old] if old >= 0 else (0, 0))) for old in order
    )
    tables = dict(program.tables)
    tables["glyf"] = b"".join(outlines) or b"\0"
    tables["loca"] = loca
    tables["hmtx"] = hmtx
    tables["cmap"] = _cmap(unicodes)
    tables["maxp"] = _patch(tables["maxp"], 4, ">H", len(order))
    tables["hhea"] = _patch(tables["hhea"], 34, ">H", len(order))
    head = _patch(tables["head"], 8, ">I", 0)  # checkSumAdjustment, set below
    tables["head"] = _patch(head, 50, ">h", 0 if short else 1)  # indexToLocFormat
    return _sfnt(tables)


def _patch(data: bytes, at: int, fmt: str, value: int) -> bytes:
    patched = bytearray(data)
    struct.pack_into(fmt, patched, at, value)
    return bytes(patched)


def _cmap(unicodes: dict[int, int]) -> bytes:
    """A format 4 cmap (Windows, Unicode BMP): one segment per character."""
    codes = sorted(code for code in unicodes if code < 0xFFFF)
    ends = [*codes, 0xFFFF]
    deltas = [(unicodes[code] - code) & 0xFFFF for code in codes] + [1]
    segments = len(ends)
    search = 2 ** int(math.log2(segments))
    table = struct.pack(
        f">7H{segments}HH{segments}H{segments}H{segments}H",
        4,
        16 + 8 * segments,
        0,
        2 * segments,
        2 * search,
        int(math.log2(search)),
        2 * (segments - search),
        *ends,
        0,
        *ends,  # each segment is one code: it starts where it ends
        *deltas,
        *([0] * segments),
    )
    return struct.pack(">HHHHI", 0, 1, 3, 1, 12) + table


def _checksum(data: bytes) -> int:
    padded = data + b"\0" * (-len(data) % 4)
    words: tuple[int, ...] = struct.unpack(f">{len(padded) // 4}I", padded)
    return sum(words) & 0xFFFFFFFF


def _sfnt(tables: dict[str, bytes]) -> bytes:
    """The font file: the table directory (tags in order), then each table on 4 bytes."""
    tags = sorted(tables)
    selector = int(math.log2(len(tags)))
    header = struct.pack(
        ">IHHHH", 0x00010000, len(tags), 16 * 2**selector, selector, 16 * (len(tags) - 2**selector)
    )
    records, bodies, offset, head_at = [], [], 12 + 16 * len(tags), 0
    for tag in tags:
        data = tables[tag]
        if tag == "head":
            head_at = offset
        records.append(
            struct.pack(">4sIII", tag.encode("latin-1"), _checksum(data), offset, len(data))
        )
        bodies.append(data + b"\0" * (-len(data) % 4))
        offset += len(bodies[-1])
    font = bytearray(header + b"".join(records) + b"".join(bodies))
    struct.pack_into(">I", font, head_at + 8, (0xB1B0AFBA - _checksum(bytes(font))) & 0xFFFFFFFF)
    return bytes(font)
