"""The one A4 layout every printed form shares (fpdf2).

A calm page: a header with the organisation and the form's title on every page,
a footer with the print date and "Pagina x/y", sections with a thin rule, tables
that break across pages with their header repeated (a row taller than a page is
split line by line), tick boxes drawn as boxes, progress shown as filled boxes,
and signature blocks with name, date and a line.

Keep with next: a section title, a subheading and a paragraph marked
``keep_with_next`` are not drawn at once but held until the next block; that block
asks for room for the held lines plus its own first part (a table's header and
first row, a paragraph's first lines, a row of fields, three writing lines ...)
and the whole group moves to a new page when it does not fit. So no heading or
question is left alone at the foot of a page.

A form made with ``draft_mark`` (a POP that is not final) carries that word large
and light across every page and in a box under the title.

Text is set in DejaVu Sans (shipped in ``data/fonts`` under the Bitstream Vera /
DejaVu licence). :func:`printable` makes any typed text safe to print: control
characters go, tabs become spaces, characters the font lacks become "?", so
nothing a coach types can make an export fail.

Pure layout: no database, no textual. Writers build a :class:`FormPdf`, add
blocks, and call :meth:`FormPdf.to_bytes`.
"""

from __future__ import annotations

import functools
import io
import math
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from types import SimpleNamespace
from typing import Any, Literal, ParamSpec, TypeGuard

from fontTools import subset as _subset
from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.enums import Align, CharVPos, MethodReturnValue, TextMode, WrapMode, XPos, YPos
from fpdf.fonts import SubsetMap, TTFFont
from fpdf.line_break import CurrentLine, Fragment, TextLine
from fpdf.line_break import MultiLineBreak as _MultiLineBreak
from fpdf.util import FloatTolerance

from poptui import clock
from poptui.export.pdf_streams import keep_compressed_fonts
from poptui.formatting import format_date
from poptui.i18n import _
from poptui.resources import data_path
from poptui.text import clean_text

FONT = "dejavu"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
TICK = "\u2714"  # heavy check mark, drawn inside a ticked box
MARGIN = 18.0
TOP = 24.0
BOTTOM = 18.0
PAD = 1.6
INK = (33, 37, 41)
MUTED = (108, 117, 125)
RULE = (160, 166, 172)
SHADE = (236, 239, 242)
WATERMARK = (222, 226, 230)
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)


@cache
def _supported() -> frozenset[int]:
    """Code points both shipped fonts can draw."""
    from fontTools.ttLib import TTFont

    maps = [set(TTFont(data_path("fonts", name), lazy=True).getBestCmap()) for name in FONT_FILES.values()]
    return frozenset(set.intersection(*maps))


@cache
def _drawable() -> frozenset[int]:
    """:func:`_supported` and the newline (which breaks a line)."""
    return _supported() | {ord("\n")}


_PRINTABLE_KEPT = 8192
"""Texts :func:`printable` remembers per process (the month's package prints the same labels,
headings and answers in every document: a twentieth of a POP PDF's time went to cleaning them)."""


def printable(value: object) -> str:
    """Any text, made safe to set in the form font."""
    return _printable("" if value is None else str(value))


@functools.lru_cache(maxsize=_PRINTABLE_KEPT)
def _printable(text: str) -> str:
    text = clean_text(text).translate(_ZERO_WIDTH)
    text = text.replace("\t", "    ")
    if _drawable().issuperset(map(ord, text)):
        return text
    supported = _supported()
    out = []
    for char in text:
        if char == "\n" or ord(char) in supported:
            out.append(char)
            continue
        folded = "".join(
            c for c in unicodedata.normalize("NFKD", char) if ord(c) in supported and not unicodedata.combining(c)
        )
        out.append(folded or "?")
    return "".join(out)


@dataclass(frozen=True)
class FormContext:
    """What every form shows around its content."""

    organisation: str = ""
    print_date: date = field(default_factory=lambda: clock.today())


# -- table cells -----------------------------------------------------------------


@dataclass(frozen=True)
class Ticks:
    """Tick boxes with labels: stacked (one per line) or inline (wrapping)."""

    options: Sequence[tuple[str, bool]]
    inline: bool = False
    gap: float = 3.0


@dataclass(frozen=True)
class Boxes:
    """``filled`` of ``total`` boxes filled, e.g. progress 3 of 5."""

    filled: int
    total: int = 5


@dataclass(frozen=True)
class Column:
    title: str
    width: float
    align: str = "L"


Cell = str | Ticks | Boxes | None


_UNUSED_TABLES = ("GSUB", "GPOS", "GDEF", "kern", "hdmx", "FFTM", "MATH", "meta", "VDMX", "LTSH", "PCLT")
"""Tables fpdf2 drops from every embedded subset anyway (it does not shape text or kern)."""
COMPACT_RANGES = (
    (0x0000, 0x024F),  # Latin: ASCII, Latin-1, Extended-A and -B
    (0x1E00, 0x1EFF),  # Latin Extended Additional
    (0x2000, 0x206F),  # general punctuation: dashes, quotes, ellipsis, bullet
    (0x20AC, 0x20AC),  # euro sign
    (0x2122, 0x2122),  # trade mark sign
    (0x2190, 0x2199),  # arrows
    (0x25A0, 0x25FF),  # geometric shapes
    (0x2713, 0x2718),  # check marks and crosses (the tick boxes)
)
"""What nearly every form needs: a document set in fonts cut down to these (a sixth of the glyphs)
is written four times faster; one that needs another character is made again in the full fonts."""

_full_fonts: ContextVar[bool] = ContextVar("poptui_full_fonts", default=True)


class _NeedsFullFonts(Exception):
    """A document set in the compact fonts used a character they lack."""


@cache
def _font_template(style: str, compact: bool) -> tuple[TTFFont, bytes]:
    """The form font of ``style``, ready for fpdf2, made once per process: the font file without
    the tables no form uses and without glyph names (the subset fpdf2 embeds has neither), with
    ``compact`` only the characters of :data:`COMPACT_RANGES`, and fpdf2's font object parsed
    from it (widths, character map). Returns the object and the bytes. The bytes are kept on disk
    between runs (:mod:`poptui.export.font_cache`): preparing one takes a quarter of a second."""
    from poptui.export import font_cache

    recipe = repr((style, compact, _UNUSED_TABLES, COMPACT_RANGES if compact else None))
    name = f"{FONT}-{style or 'regular'}-{'compact' if compact else 'full'}"
    raw = font_cache.prepared(
        name, data_path("fonts", FONT_FILES[style]), recipe, lambda: _prepare_font(style, compact)
    )
    scratch = FPDF()
    parsed = TTFFont(scratch, io.BytesIO(raw), f"{FONT}{style}", style)  # type: ignore[arg-type]
    return parsed, raw


def _prepare_font(style: str, compact: bool) -> bytes:
    """The bytes :func:`_font_template` describes, made from the shipped font file."""
    font = TTFont(data_path("fonts", FONT_FILES[style]), recalcTimestamp=False)
    for tag in _UNUSED_TABLES:
        if tag in font:
            del font[tag]
    if compact:
        from fontTools import subset

        options = subset.Options(notdef_outline=True, recommended_glyphs=True, glyph_names=False)
        options.drop_tables += list(_UNUSED_TABLES)
        keep = subset.Subsetter(options)
        wanted = {code for first, last in COMPACT_RANGES for code in range(first, last + 1)}
        keep.populate(unicodes=wanted & set(font.getBestCmap()))
        keep.subset(font)
    font["post"].formatType = 3.0
    glyf = font["glyf"]
    for name in font.getGlyphOrder():  # every outline in fontTools' own encoding, as a recalculating save
        glyf[name]  # writes it (see _FormFont: documents keep these bytes as they are)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


@dataclass(frozen=True)
class _GlyphFacts:
    """What fontTools reads from a glyph's outline to fill a font's summary tables (see
    :class:`_FormFont`): contours (-1 for a composite), bounding box, and the point, contour,
    component and depth counts of ``maxp``."""

    contours: int
    bounds: tuple[int, int, int, int]
    points: int = 0
    contour_count: int = 0
    composite: tuple[int, int, int, int] | None = None  # points, contours, components, depth


BASE_TEXT = "".join(map(chr, range(0x20, 0x7F))) + "§·àáâäçèéêëíîïóôöúûüÉ‘’“”–—…•€✔"
"""Characters every embedded font holds, whether the document uses them or not: printable ASCII,
the accents and signs of the forms' own texts and the tick. Two documents then nearly always need
the same cut of a font (only a name with another accent adds a glyph), which is made once per
process and reused (:meth:`_GlyphBook.cut`): cutting a font was a third of a POP PDF's time. Each
font grows by about 6 KB; what a document embeds still depends on that document alone."""

_CUTS_KEPT = 64
"""Cuts of a font kept per process (about 20 KB each)."""


class _GlyphBook:
    """The :class:`_GlyphFacts` of one prepared form font, read once per process and glyph
    (an outline is decoded here once, not again in every document that uses the glyph), and the
    cuts of the font made so far (:meth:`cut`)."""

    def __init__(self, raw: bytes, order: list[str]) -> None:
        self._font = TTFont(io.BytesIO(raw), recalcTimestamp=False, lazy=True)
        self._font.setGlyphOrder(order)
        self._facts: dict[str, _GlyphFacts] = {}
        self._maxp_cache: dict[str, tuple[int, int, int]] = {}
        self._lock = threading.Lock()
        cmap = self._font.getBestCmap()
        self.base = frozenset(cmap[ord(char)] for char in BASE_TEXT if ord(char) in cmap)
        """The glyphs of :data:`BASE_TEXT` this font has."""
        self._cuts: OrderedDict[frozenset[str], tuple[dict[str, int], bytes]] = OrderedDict()

    def cut(self, font: _FormFont, glyphs: frozenset[str], options: Any) -> None:
        """Cut ``font`` (a document's copy of this font) down to ``glyphs`` and :attr:`base`, as fpdf2's
        subsetter would with ``options``: made once per set of glyphs, then the font saves the same bytes
        again (fontTools' subsetter is deterministic: the same glyphs give the same font)."""
        from fontTools import subset

        wanted = glyphs | self.base
        found = self._cuts.get(wanted)
        if found is None:
            cutter = subset.Subsetter(options)
            cutter.populate(glyphs=wanted)
            cutter.subset(font)
            buffer = io.BytesIO()
            font.save(buffer)
            found = ({name: index for index, name in enumerate(font.getGlyphOrder())}, buffer.getvalue())
            with self._lock:
                self._cuts[wanted] = found
                while len(self._cuts) > _CUTS_KEPT:
                    self._cuts.popitem(last=False)
        else:
            with self._lock:
                if wanted in self._cuts:
                    self._cuts.move_to_end(wanted)
        font.cut = found

    def facts(self, name: str) -> _GlyphFacts:
        known = self._facts.get(name)
        if known is not None:
            return known
        with self._lock:
            glyf = self._font["glyf"]
            glyph = glyf[name]
            contours = glyph.numberOfContours
            if not contours:
                found = _GlyphFacts(0, (0, 0, 0, 0))
            elif contours > 0:
                points, count = glyph.getMaxpValues()
                found = _GlyphFacts(contours, (glyph.xMin, glyph.yMin, glyph.xMax, glyph.yMax), points, count)
            else:
                if not hasattr(glyph, "xMax"):
                    glyph.recalcBounds(glyf)
                points, count, depth = glyph.getCompositeMaxpValues(glyf, maxpValuesCache=self._maxp_cache)
                found = _GlyphFacts(
                    contours,
                    (glyph.xMin, glyph.yMin, glyph.xMax, glyph.yMax),
                    composite=(points, count, len(glyph.components), depth),
                )
            self._facts[name] = found
            return found


@cache
def _glyph_book(style: str, compact: bool) -> _GlyphBook:
    template, raw = _font_template(style, compact)
    return _GlyphBook(raw, list(template.ttfont.getGlyphOrder()))


def prepare_form_fonts() -> None:
    """Prepare the compact form fonts now (what the first document would do): helper processes
    forked afterwards share them instead of each preparing them again (half a second each)."""
    _drawable()
    for style in FONT_FILES:
        _glyph_book(style, True)


class _FormFont(TTFont):
    """A document's copy of a form font, which fpdf2 cuts down to the glyphs used and saves.

    A plain ``TTFont`` recalculates bounding boxes when it is saved, and to do that decodes
    every kept glyph's outline and encodes it again (the bytes come out the same): a third of
    a POP PDF's time. This one keeps each glyph's bytes as they are (``recalcBBoxes=False``) and
    fills the summary values that recalculation sets (the font's bounding box and the ``head``
    flag for left side bearings, ``hhea``'s extents, ``maxp``'s maxima) from the glyph facts
    read once per process, the same way fontTools computes them: the saved font is byte for
    byte what a recalculating save writes (a test compares the two).
    """

    def __init__(self, raw: bytes, book: _GlyphBook) -> None:
        super().__init__(io.BytesIO(raw), recalcTimestamp=False, recalcBBoxes=False, lazy=True)
        self._book = book
        self.cut: tuple[dict[str, int], bytes] | None = None
        """Once cut down (:class:`_CuttingSubsetter`): the glyph ids and the bytes of the cut font."""

    def getGlyphID(self, glyphName: str) -> int:
        if self.cut is not None:
            return self.cut[0][glyphName]
        return super().getGlyphID(glyphName)

    def save(self, file: Any, reorderTables: bool | None = True) -> None:
        if self.cut is not None:
            file.write(self.cut[1])
            return
        if "glyf" in self and self.isLoaded("glyf"):
            self._fill_summaries()
        super().save(file, reorderTables)

    def _fill_summaries(self) -> None:
        """What ``maxp.recalc`` and ``hhea.recalc`` of fontTools set, from the glyph facts."""
        head, hhea, maxp, hmtx = self["head"], self["hhea"], self["maxp"], self["hmtx"]
        infinity = 100000
        x_min = y_min = infinity
        x_max = y_max = -infinity
        max_points = max_contours = 0
        composite_points = composite_contours = components = depth = 0
        all_x_min_is_lsb = True
        min_lsb = min_rsb = math.inf
        max_extent = -math.inf
        for name in self.getGlyphOrder():
            facts = self._book.facts(name)
            if not facts.contours:
                continue
            advance, lsb = hmtx[name]
            left, bottom, right, top = facts.bounds
            if lsb != left:
                all_x_min_is_lsb = False
            x_min, y_min = min(x_min, left), min(y_min, bottom)
            x_max, y_max = max(x_max, right), max(y_max, top)
            if facts.composite is None:
                max_points = max(max_points, facts.points)
                max_contours = max(max_contours, facts.contour_count)
            else:
                points, contours, parts, levels = facts.composite
                composite_points = max(composite_points, points)
                composite_contours = max(composite_contours, contours)
                components = max(components, parts)
                depth = max(depth, levels)
            width = right - left
            min_lsb = min(min_lsb, lsb)
            min_rsb = min(min_rsb, advance - lsb - width)
            max_extent = max(max_extent, lsb + width)
        maxp.numGlyphs = len(self["glyf"])
        if x_min == infinity:
            head.xMin = head.yMin = head.xMax = head.yMax = 0
        else:
            head.xMin, head.yMin, head.xMax, head.yMax = x_min, y_min, x_max, y_max
        maxp.maxPoints, maxp.maxContours = max_points, max_contours
        maxp.maxCompositePoints, maxp.maxCompositeContours = composite_points, composite_contours
        maxp.maxComponentElements, maxp.maxComponentDepth = components, depth
        head.flags = head.flags | 0x2 if all_x_min_is_lsb else head.flags & ~0x2
        hhea.advanceWidthMax = max(advance for advance, _lsb in hmtx.metrics.values())
        if max_extent == -math.inf:
            hhea.minLeftSideBearing = hhea.minRightSideBearing = hhea.xMaxExtent = 0
        else:
            hhea.minLeftSideBearing, hhea.minRightSideBearing, hhea.xMaxExtent = min_lsb, min_rsb, max_extent


class _CuttingSubsetter(_subset.Subsetter):
    """fpdf2's subsetter, which cuts a form font through its :class:`_GlyphBook` (the same cut is made
    once per process) and any other font as fontTools does. fpdf2 only asks it for glyphs by name."""

    _glyphs: frozenset[str] = frozenset()
    _by_name_only = True
    """Asked only for glyphs by name (else the cut is fontTools' own)."""

    def populate(self, glyphs: Any = (), unicodes: Any = (), text: str = "") -> None:
        self._glyphs = self._glyphs | frozenset(glyphs)
        self._by_name_only = self._by_name_only and not unicodes and not text
        super().populate(glyphs=glyphs, unicodes=unicodes, text=text)

    def subset(self, font: Any) -> None:
        if isinstance(font, _FormFont) and self._by_name_only:
            font._book.cut(font, self._glyphs, self.options)
            return
        super().subset(font)


def _cut_fonts_through_the_book() -> None:
    """Have fpdf2 (which names fontTools' subset module ``ftsubset`` when it writes the fonts) cut the
    form fonts through :class:`_CuttingSubsetter`; an fpdf2 laid out otherwise keeps its own subsetter."""
    import fpdf.output

    if getattr(fpdf.output, "ftsubset", None) is _subset:
        fpdf.output.ftsubset = SimpleNamespace(Options=_subset.Options, Subsetter=_CuttingSubsetter)  # type: ignore[union-attr]


_cut_fonts_through_the_book()
keep_compressed_fonts()


class _FormTTFFont(TTFFont):
    """fpdf2's font object, with the width of a text summed without a generator: the line breaker
    asks for the width of every line again at each character it adds (a third of a consent
    form's time goes to breaking lines). The sum is of the same integer widths in the same
    order, so every width, and every line break, is exactly fpdf2's."""

    __slots__ = ()

    def get_text_width(
        self, text: str, font_size_pt: float, text_shaping_params: dict[str, Any] | None
    ) -> tuple[int, float]:
        if text_shaping_params or self.is_symbol:
            return super().get_text_width(text, font_size_pt, text_shaping_params)
        if font_size_pt > self.biggest_size_pt:
            self.biggest_size_pt = font_size_pt
        return len(text), sum(map(self.cw.__getitem__, map(ord, text))) * font_size_pt * 0.001


class _FormLine(CurrentLine):
    """fpdf2's line being broken, whose width is kept up to date as characters are added.

    fpdf2 asks a line for its width before every character it adds, and sums the width of every
    fragment of the line again each time (a line's cost grew with the square of its length: a
    third of a PDF's time). Here the fragments before the last are summed once, and the last
    fragment's widths in font units are summed as characters are appended to it; the width is then
    computed from those sums with the same operations in the same order as fpdf2 (for a form font
    without character spacing, stretching or shaping), so every width, and every line break, is
    exactly fpdf2's. Anything else, and any line after fpdf2 trims it, is measured as fpdf2 does.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._before: tuple[tuple[tuple[int, int], ...], float] | None = None
        """The fragments before the last (identity, length) and the sum of their widths."""
        self._last: tuple[Any, int, float] | None = None
        """The last fragment, its length and the sum of its characters' widths in font units."""

    @property
    def width(self) -> float:
        fragments = self.fragments
        if not fragments:
            return 0
        last = fragments[-1]
        font = last.font
        if not _plain_form_text(font, last):
            return CurrentLine.width.fget(self)  # type: ignore[attr-defined]
        before = tuple((id(fragment), len(fragment.characters)) for fragment in fragments[:-1])
        if self._before is None or self._before[0] != before:
            width: float = 0
            for index, fragment in enumerate(fragments[:-1]):
                width += fragment.get_width(initial_cs=index > 0)
            self._before = (before, width)
        characters = last.characters
        known = self._last
        widths = font.cw
        if known is not None and known[0] is last and known[1] == len(characters):
            units = known[2]
        elif known is not None and known[0] is last and known[1] + 1 == len(characters):
            units = known[2]
            for char in characters[-1]:
                units += widths[ord(char)]
        else:
            units = sum(map(widths.__getitem__, map(ord, "".join(characters))))
        self._last = (last, len(characters), units)
        size = last.font_size_pt
        if size > font.biggest_size_pt:
            font.biggest_size_pt = size
        return self._before[1] + units * size * 0.001 / last.k

    def trim_trailing_spaces(self) -> None:
        self._before = self._last = None
        super().trim_trailing_spaces()
        self._before = self._last = None

    def _apply_automatic_hint(self, break_hint: Any) -> None:
        self._before = self._last = None
        super()._apply_automatic_hint(break_hint)
        self._before = self._last = None


_fpdf2_character_width = Fragment.get_character_width


def _plain_form_text(font: object, fragment: Fragment) -> TypeGuard[_FormTTFFont]:
    """Is ``fragment`` plain text in a form font (no symbol font, character spacing, stretching or
    shaping)? Only there do poptui's width, line-breaking and drawing shortcuts apply; anything
    else goes to fpdf2's own code."""
    return (
        type(font) is _FormTTFFont
        and not font.is_symbol
        and fragment.char_spacing == 0
        and fragment.font_stretching == 100
        and not fragment.text_shaping_parameters
    )


def _character_width(self: Fragment, character: str, print_sh: bool = False, initial_cs: bool = True) -> float:
    """fpdf2's ``Fragment.get_character_width`` (asked for every character a line breaker meets), in a
    form font without character spacing, stretching or shaping computed straight from the font's
    width with fpdf2's operations in fpdf2's order (the same number to the bit); else fpdf2's own."""
    font = self.graphics_state.current_font
    if not _plain_form_text(font, self) or len(character) != 1 or character == "\u00ad":
        return _fpdf2_character_width(self, character, print_sh, initial_cs)
    size = self.font_size_pt
    if size > font.biggest_size_pt:
        font.biggest_size_pt = size
    return font.cw[ord(character)] * size * 0.001 / self.k


def _break_lines_with_form_lines() -> None:
    """Have fpdf2's line breaker (which names its line class ``CurrentLine``) use :class:`_FormLine`,
    and measure its characters with :func:`_character_width`."""
    import fpdf.line_break

    if fpdf.line_break.CurrentLine is CurrentLine:
        fpdf.line_break.CurrentLine = _FormLine  # type: ignore[misc]
    if Fragment.get_character_width is _fpdf2_character_width:
        Fragment.get_character_width = _character_width  # type: ignore[method-assign]


_break_lines_with_form_lines()


_LineShape = tuple[tuple[tuple[str, Any], ...], float, int, Any, float, Any, bool, bool, float]
"""A broken line without its document: (characters and link) per fragment, then the other fields of
fpdf2's ``TextLine`` in order."""

_BROKEN_LIMIT = 20_000
_broken: OrderedDict[tuple[Any, ...], tuple[tuple[_LineShape, ...] | None, Any]] = OrderedDict()
"""The lines fpdf2's line breaker made of a plain text, by text, font and width (with the font's widths,
kept alive so their id in the key is never another's); None: the lines could not be kept."""
_broken_lock = threading.Lock()


class _RememberedLineBreak:
    """fpdf2's ``MultiLineBreak`` as ``multi_cell`` uses it, with the lines of a plain text in a form font
    remembered per process: a form measures a text (a dry run of ``multi_cell``) and then draws it,
    which broke it twice, and the month's package sets the same headings, labels and consent text in
    every document (breaking lines took a third of a POP PDF's time).

    Only one fragment of a form font without character spacing, stretching, shaping or raised text
    is remembered (the breaker's result then depends only on the text, the font's widths at the size,
    the width and the margins); a remembered line is fpdf2's own line with new fragments cloned from
    this document's fragment (as fpdf2's breaker makes them), so what is drawn is the same to the byte.
    Anything else goes to fpdf2's breaker as it is."""

    def __init__(self, fragments: Sequence[Any], max_width: Any, margins: Sequence[float], *args: Any, **kwargs: Any):
        self._breaker: Any = None
        self._lines: list[Any] = []
        key = _break_key(fragments, max_width, margins, args, kwargs)
        if key is None:
            self._breaker = _MultiLineBreak(fragments, max_width, margins, *args, **kwargs)
            return
        source = fragments[0]
        with _broken_lock:
            found = _broken.get(key)
        if found is not None and found[0] is not None:
            self._lines = [_line_from(shape, source) for shape in found[0]]
            return
        breaker = _MultiLineBreak(fragments, max_width, margins, *args, **kwargs)
        while (line := breaker.get_line()) is not None:
            self._lines.append(line)
        if found is None:
            shapes = _shapes(self._lines, source)
            with _broken_lock:
                _broken[key] = (shapes, source.font.cw)
                if len(_broken) > _BROKEN_LIMIT:
                    _broken.popitem(last=False)

    def get_line(self) -> Any:
        if self._breaker is not None:
            return self._breaker.get_line()
        return self._lines.pop(0) if self._lines else None


def _break_key(
    fragments: Sequence[Any], max_width: Any, margins: Sequence[float], args: tuple[Any, ...], kwargs: dict[str, Any]
) -> tuple[Any, ...] | None:
    """What the lines of a plain text in a form font depend on; None for anything else."""
    if len(fragments) != 1 or callable(max_width) or len(args) > 3 or set(kwargs) - {"align", "print_sh", "wrapmode"}:
        return None
    fragment = fragments[0]
    if type(fragment) is not Fragment:
        return None
    font = fragment.font
    if not _plain_form_text(font, fragment) or fragment.char_vpos != CharVPos.LINE:
        return None
    options = dict(zip(("align", "print_sh", "wrapmode"), args, strict=False)) | kwargs
    return (
        "".join(fragment.characters),
        id(font.cw),
        font.fontkey,
        fragment.font_size_pt,
        fragment.font_size,
        fragment.k,
        fragment.link,
        max_width,
        tuple(margins),
        str(options.get("align", "L")),
        bool(options.get("print_sh", False)),
        str(options.get("wrapmode", "WORD")),
    )


def _shapes(lines: list[Any], source: Any) -> tuple[_LineShape, ...] | None:
    """The lines without their document, when every fragment is a clone of ``source`` (as fpdf2's breaker
    makes them); None otherwise."""
    out = []
    for line in lines:
        parts = []
        for fragment in line.fragments:
            if type(fragment) is not type(source) or fragment.graphics_state is not source.graphics_state:
                return None
            if fragment.k != source.k:
                return None
            parts.append(("".join(fragment.characters), fragment.link))
        out.append((tuple(parts), *line[1:]))
    return tuple(out)


def _line_from(shape: _LineShape, source: Any) -> Any:
    parts, *rest = shape
    return TextLine([source.clone(characters=list(chars), link=link) for chars, link in parts], *rest)


def _remember_broken_lines() -> None:
    """Have ``multi_cell`` break lines through :class:`_RememberedLineBreak`."""
    import fpdf.fpdf

    if fpdf.fpdf.MultiLineBreak is _MultiLineBreak:
        fpdf.fpdf.MultiLineBreak = _RememberedLineBreak  # type: ignore[misc,assignment]


_remember_broken_lines()


def add_form_fonts(pdf: FPDF, *, compact: bool = False) -> None:
    """Make the form fonts available in ``pdf``, parsed once per process.

    ``FPDF.add_font`` parses the font file (glyph widths, character map, every table) for every
    document, and writing the document parses it again to cut out the glyphs used: together
    over half of a POP PDF's time. Each document gets a copy of the parsed font
    (:func:`_font_template`) sharing what never changes (widths, character map, descriptor)
    with its own subset bookkeeping and its own ``TTFont`` (opened lazily from the prepared
    bytes in memory), which is cut down to the glyphs used and those of :data:`BASE_TEXT` when the
    document is written (the same cut made once per process: :meth:`_GlyphBook.cut`).
    An fpdf2 whose font objects look different falls back to ``add_font``.
    """
    for style, name in FONT_FILES.items():
        try:
            template, raw = _font_template(style, compact)
            font = _FormTTFFont.__new__(_FormTTFFont)
            for slot in TTFFont.__slots__:
                if hasattr(template, slot):
                    setattr(font, slot, getattr(template, slot))
            font.i = len(pdf.fonts) + 1
            font.ttfont = _FormFont(raw, _glyph_book(style, compact))
            font.ttfont.setGlyphOrder(list(template.ttfont.getGlyphOrder()))  # not derived again per document
            font.missing_glyphs = []
            font.biggest_size_pt = 0
            font.subset = SubsetMap(font)
        except (AttributeError, TypeError, ValueError):  # an fpdf2 whose fonts look different
            if compact:
                raise _NeedsFullFonts() from None
            pdf.add_font(FONT, style, str(data_path("fonts", name)))
            continue
        pdf.fonts[font.fontkey] = font


P = ParamSpec("P")


def form_document(build: Callable[P, bytes]) -> Callable[P, bytes]:
    """Decorate a function that builds one form (``FormPdf`` ... ``to_bytes()``): it is set in the
    compact fonts, and set again in the full fonts when the text needs a character they lack."""

    @functools.wraps(build)
    def built(*args: P.args, **kwargs: P.kwargs) -> bytes:
        token = _full_fonts.set(False)
        try:
            return build(*args, **kwargs)
        except _NeedsFullFonts:
            _full_fonts.set(True)
            return build(*args, **kwargs)
        finally:
            _full_fonts.reset(token)

    return built


def text_lines(pdf: FPDF, width: float, height: float, text: str) -> list[str]:
    """The lines ``text`` takes in a cell ``width`` wide, in the current font (nothing is drawn).

    Remembered per process (the form fonts are the same in every document): the month's
    package sets the same consent text, headings and labels a hundred times.
    """
    key = (
        pdf.font_family,
        pdf.font_style,
        pdf.font_size_pt,
        pdf.c_margin,
        width,
        text,
        getattr(pdf, "compact_fonts", False),
    )
    lines = _measured.get(key)
    if lines is None:
        lines = _measured[key] = _measure(pdf, width, height, text)
        if len(_measured) > _MEASURED_LIMIT:
            del _measured[next(iter(_measured))]
    return list(lines)


_SUBSET_STATE = ("_char_id_per_glyph", "_next", "_reserved")


def _measure(pdf: FPDF, width: float, height: float, text: str) -> tuple[str, ...]:
    """The lines of ``text`` by a dry run of ``multi_cell``, which leaves the document as it was.

    A dry run sets the text without writing it, and so numbers each new glyph it meets in the
    font's subset (the codes the page's text is written in). Those numbers are taken back: a
    document's glyph codes then follow what it draws, and never depend on which measurements
    :func:`text_lines` remembered from earlier documents in the process (with them, the same
    POP came out with other codes after other documents: same text and fonts, other bytes).
    """
    found = getattr(pdf.current_font, "subset", None)
    subset = found if isinstance(found, SubsetMap) and all(hasattr(found, n) for n in _SUBSET_STATE) else None
    kept = (dict(subset._char_id_per_glyph), subset._next, list(subset._reserved)) if subset is not None else None
    try:
        plain = _plain_lines(pdf, width, text, subset)
        measured = (
            pdf.multi_cell(width, height, text, dry_run=True, output=MethodReturnValue.LINES)
            if plain is None
            else plain
        )
    finally:
        if subset is not None and kept is not None:
            subset._char_id_per_glyph, subset._next, subset._reserved = kept
            SubsetMap.pick.cache_clear()  # fpdf2 remembers each pick per subset and character
    assert isinstance(measured, list)
    return tuple(measured)


def _plain_lines(pdf: FPDF, width: float, text: str, subset: SubsetMap | None) -> list[str] | None:
    """The lines a dry run of ``multi_cell`` gives for a plain text in a form font, from the same line
    breaker, without setting each line as the dry run does (its output is thrown away); each character
    of the lines is still looked up in the font's subset as setting it would (a character the compact
    fonts lack is noted there, see :func:`form_document`). None when the text is not plain."""
    if subset is None or pdf.text_shaping or width <= 0:
        return None
    fragments = pdf._preload_font_styles(pdf.normalize_text(text).replace("\r", ""), False)
    margins = [pdf.c_margin, pdf.c_margin]
    options = {"align": Align.J, "print_sh": False, "wrapmode": WrapMode.WORD}  # multi_cell's defaults
    if not fragments or _break_key(fragments, width, margins, (), options) is None:
        return None
    breaker = _RememberedLineBreak(fragments, width, margins, **options)
    lines = []
    while (line := breaker.get_line()) is not None:
        lines.append(line)
    for line in lines:
        for fragment in line.fragments:
            for character in fragment.characters:
                subset.pick(ord(character))
    return pdf._join_text_lines(lines)


_MEASURED_LIMIT = 20_000
_measured: dict[tuple[str, str, float, float, float, str, bool], tuple[str, ...]] = {}


class FormPdf(FPDF):
    """An A4 form with poptui's header, footer and building blocks."""

    def __init__(self, title: str, context: FormContext, subtitle: str = "", *, draft_mark: str = "") -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.form_title = printable(title)
        self.context = context
        self.draft_mark = printable(draft_mark)
        self._held: list[tuple[float, Callable[[], None]]] = []
        self.compact_fonts = not _full_fonts.get()
        add_form_fonts(self, compact=self.compact_fonts)
        self.set_margins(MARGIN, TOP, MARGIN)
        self.c_margin = 0
        self.set_auto_page_break(True, BOTTOM)
        self.set_title(self.form_title)
        self.set_creator("poptui")
        self.set_lang("nl-BE")
        self.set_text_color(*INK)
        self.set_draw_color(*RULE)
        self.set_line_width(0.25)
        self.add_page()
        self.set_font(FONT, "B", 16)
        self.multi_cell(0, 7.5, self.form_title, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if subtitle:
            self.set_font(FONT, "", 10.5)
            self.set_text_color(*MUTED)
            self.multi_cell(0, 5.5, printable(subtitle), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.set_text_color(*INK)
        if self.draft_mark:
            self._draft_box()
        self.ln(2)

    def get_string_width(self, s: str, normalized: bool = False, markdown: bool = False) -> float:
        """fpdf2's width of ``s`` in the current font, computed as fpdf2 does for a text that is one
        plain fragment (no markdown, shaping, fallback fonts, page-count alias, raised or lowered
        text, stretching or character spacing): the font's width of the text at the font size, in
        user units. fpdf2 first splits the text into fragments, each with a copy of the graphics
        state (a sixth of a POP PDF's time went to measuring words); anything else is fpdf2's."""
        font = self.current_font
        alias = self.str_alias_nb_pages
        if (
            markdown
            or not isinstance(font, _FormTTFFont)
            or self.text_shaping
            or self._fallback_font_ids
            or self.char_vpos != CharVPos.LINE
            or self.font_stretching != 100
            or self.char_spacing != 0
            or (alias and alias in s)
        ):
            return super().get_string_width(s, normalized, markdown)
        if not s:
            return 0
        return font.get_text_width(s, self.font_size_pt, None)[1] / self.k

    def cell(
        self,
        w: float | None = None,
        h: float | None = None,
        text: str = "",
        border: Literal[0, 1] | str = 0,
        ln: Any = "DEPRECATED",
        align: str | Align = Align.L,
        fill: bool = False,
        link: str | int | None = "",
        center: bool = False,
        markdown: bool = False,
        new_x: str | XPos = XPos.RIGHT,
        new_y: str | YPos = YPos.TOP,
        **kwargs: Any,
    ) -> bool:
        """fpdf2's ``cell`` (a table cell, a label, a tick), for a plain text in a form font drawn with
        fpdf2's operations in fpdf2's order without the text line fpdf2 builds first: fpdf2 splits the
        text into fragments, each with a copy of the graphics state, and reads every setting back from
        that copy for every line it draws (about a third of a POP PDF's time went to drawing cells).
        The same content is written, the same glyphs are numbered in the font's subset in the same
        order, the position moves the same way; anything else (markdown, shaping, fallback fonts,
        the page-count alias, raised or lowered, stretched, spaced, underlined or struck-through
        text, another text mode, links, centring, no page yet) is fpdf2's own ``cell``. As in fpdf2,
        the text keeps the font, size and colour it had before a page break the cell makes."""
        font = self.current_font
        if (
            kwargs
            or markdown
            or link
            or center
            or ln != "DEPRECATED"
            or not self.page
            or type(font) is not _FormTTFFont
            or font.is_symbol
            or self.text_shaping
            or self._fallback_font_ids
            or self.char_vpos != CharVPos.LINE
            or self.font_stretching != 100
            or self.char_spacing != 0
            or self.underline
            or self.strikethrough
            or self.text_mode != TextMode.FILL
            or self._record_text_quad_points
            or not self.is_ttf_font
            or (self.str_alias_nb_pages and self.str_alias_nb_pages in text)
            or isinstance(w, str)
            or isinstance(h, str)
            or (w is None and not text)
            or not (border in (0, 1) or isinstance(border, str))
            or isinstance(border, bool)
        ):
            return super().cell(w, h, text, border, ln, align, fill, link, center, markdown, new_x, new_y, **kwargs)
        new_x = XPos.coerce(new_x)
        new_y = YPos.coerce(new_y)
        align = Align.coerce(align)
        if align not in (Align.L, Align.C, Align.R):
            return super().cell(w, h, text, border, ln, align, fill, link, center, markdown, new_x, new_y)
        # _render_styled_text_line from here, for one fragment (none for an empty text) of this font
        line_height = self.font_size if h is None else h
        h = line_height
        if isinstance(border, str) and set(border).issuperset("LTRB"):
            border = 1
        margin = self.c_margin
        k = self.k
        style, size_pt, colour = self.font_style, self.font_size_pt, self.text_color  # the fragment's
        text_width: float = 0
        if text:
            text_width += font.get_text_width(text, size_pt, None)[1] / k
        if w is None:
            w = text_width + margin + margin
        elif w == 0:
            w = self.w - self.r_margin - self.x
        max_font_size: float = 0
        if text and FloatTolerance.greater_than(self.font_size, max_font_size):
            max_font_size = self.font_size
        if h is None:
            h = max_font_size
        page_break = self._perform_page_break_if_need_be(h)
        out: list[str] = []
        left = (self.x - 0) * k
        right = (self.x + w + 0) * k
        top = (self.h - self.y + 0) * k
        bottom = (self.h - (self.y + h) - 0) * k
        if fill:
            op = "B" if border == 1 else "f"
            out.append(f"{left:.2f} {top:.2f} {right - left:.2f} {bottom - top:.2f} re {op}")
        elif border == 1:
            out.append(f"{left:.2f} {top:.2f} {right - left:.2f} {bottom - top:.2f} re S")
        if isinstance(border, str):
            if "L" in border:
                out.append(f"{left:.2f} {top:.2f} m {left:.2f} {bottom:.2f} l S")
            if "T" in border:
                out.append(f"{left:.2f} {top:.2f} m {right:.2f} {top:.2f} l S")
            if "R" in border:
                out.append(f"{right:.2f} {top:.2f} m {right:.2f} {bottom:.2f} l S")
            if "B" in border:
                out.append(f"{left:.2f} {bottom:.2f} m {right:.2f} {bottom:.2f} l S")
        start = self.x
        drawn: float = 0
        recoloured = False
        current = (self.current_font, self.font_size_pt, self.font_style)
        if text:
            if align == Align.R:
                dx = w - margin - text_width
            elif align == Align.C:
                dx = (w - text_width) / 2
            else:
                dx = margin
            start += dx
            out.append(f"BT {(self.x + dx) * k:.2f} {(self.h - self.y - 0.5 * h - 0.3 * max_font_size) * k:.2f} Td")
            if colour != self.fill_color:
                assert colour is not None
                out.append(colour.serialize().lower())
                recoloured = True
            if not self.current_font_is_set_on_page:  # the first text on the page sets the page's font
                self.current_font, self.font_size_pt, self.font_style = font, size_pt, style
                current = (font, size_pt, style)
                self._out(self._set_font_for_page(font, size_pt))
            elif current != (font, size_pt, style):
                current = (font, size_pt, style)
                out.append(self._set_font_for_page(font, size_pt, wrap_in_text_object=False))
            pick = font.subset.pick
            mapped = ""
            for char in text:
                code = pick(ord(char))
                if code:
                    mapped += chr(code)
            out.append(f"({font.escape_text(mapped)}) Tj")
            drawn += font.get_text_width(text, size_pt, None)[1] / k + 0 * text.count(" ")
            out.append("ET")
        if out:
            joined = " ".join(out)
            changed = recoloured or current != (self.current_font, self.font_size_pt, self.font_style)
            self._out(f"q {joined} Q" if changed else joined)
        self._lasth = h or self.font_size
        if new_x == XPos.RIGHT:
            self.x += w
        elif new_x == XPos.START:
            self.x = start
        elif new_x == XPos.END:
            self.x = start + drawn
        elif new_x == XPos.WCONT:
            self.x = start + drawn - margin if drawn else start
        elif new_x == XPos.CENTER:
            self.x = start + drawn / 2.0
        elif new_x == XPos.LMARGIN:
            self.x = self.l_margin
        elif new_x == XPos.RMARGIN:
            self.x = self.w - self.r_margin
        if new_y == YPos.NEXT:
            self.y += h
        if new_y == YPos.TMARGIN:
            self.y = self.t_margin
        if new_y == YPos.BMARGIN:
            self.y = self.h - self.b_margin
        return page_break

    # -- page furniture ------------------------------------------------------------

    @property
    def body_width(self) -> float:
        return self.w - 2 * MARGIN

    @property
    def page_bottom(self) -> float:
        return self.h - BOTTOM

    def _draft_box(self) -> None:
        """Under the title: the draft mark and what it means, in a framed box."""
        self.ln(1.5)
        top = self.get_y()
        self.set_draw_color(*INK)
        self.set_line_width(0.6)
        self.set_font(FONT, "B", 12)
        self.set_x(MARGIN + 3)
        self.multi_cell(
            self.body_width - 6,
            6,
            self.draft_mark + " – " + _("nog niet definitief: niet ondertekenen en niet opladen in Mijn Loopbaan"),
            align="L",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        self.rect(MARGIN, top - 1.5, self.body_width, self.get_y() - top + 3)
        self.set_line_width(0.25)
        self.set_draw_color(*RULE)
        self.ln(2)

    def _watermark(self) -> None:
        """The draft mark large and light, diagonally across the page (drawn first: text stays on top)."""
        self.set_font(FONT, "B", 90)
        self.set_text_color(*WATERMARK)
        width = self.get_string_width(self.draft_mark)
        centre_x, centre_y = self.w / 2, self.h / 2
        with self.rotation(angle=55, x=centre_x, y=centre_y):
            self.text(centre_x - width / 2, centre_y + 12, self.draft_mark)
        self.set_text_color(*INK)

    def header(self) -> None:
        if self.draft_mark:
            self._watermark()
        self.set_y(10)
        self.set_font(FONT, "B", 8.5)
        self.set_text_color(*MUTED)
        half = self.body_width / 2
        self.cell(half, 4.5, _fit(self, printable(self.context.organisation), half - 2))
        self.set_font(FONT, "", 8.5)
        self.cell(half, 4.5, _fit(self, self.form_title, half), align="R")
        self.set_draw_color(*RULE)
        self.line(MARGIN, 16, self.w - MARGIN, 16)
        self.set_text_color(*INK)
        self.set_y(TOP)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", 8)
        self.set_text_color(*MUTED)
        half = self.body_width / 2
        self.cell(half, 4, _("Afgedrukt op {date}", date=format_date(self.context.print_date)))
        self.cell(half, 4, _("Pagina {page}/{pages}", page=self.page_no(), pages="{nb}"), align="R")
        self.set_text_color(*INK)

    def ensure_space(self, height: float) -> None:
        """Start a new page when less than ``height`` mm is left below what is held (see keep with
        next in the module docstring), then draw what is held. Every block starts with this."""
        held = sum(item[0] for item in self._held)
        at_top = self.get_y() <= TOP + 0.5
        if not at_top and self.get_y() + held + height > self.page_bottom:
            self.add_page()
        items, self._held = self._held, []
        for _height, draw in items:
            draw()

    def _hold(self, height: float, draw: Callable[[], None]) -> None:
        self._held.append((height, draw))

    def _text_height(self, text: str, line: float, *, size: float, bold: bool = False, width: float = 0) -> float:
        self.set_font(FONT, "B" if bold else "", size)
        return len(text_lines(self, width or self.body_width, line, text)) * line

    # -- blocks ----------------------------------------------------------------------

    def section(self, title: str, note: str = "") -> None:
        """A section title with a thin rule (and a muted note), kept with what follows."""
        text = printable(title)

        def draw() -> None:
            self.ln(3)
            self.set_font(FONT, "B", 11.5)
            self.multi_cell(0, 6, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.set_draw_color(*RULE)
            self.line(MARGIN, self.get_y() + 0.5, self.w - MARGIN, self.get_y() + 0.5)
            self.ln(2.5)

        self._hold(3 + self._text_height(text, 6, size=11.5, bold=True) + 2.5, draw)
        if note:
            self.paragraph(note, size=9, muted=True, keep_with_next=True)

    def subheading(self, text: str) -> None:
        """A bold line kept with what follows."""
        shown = printable(text)

        def draw() -> None:
            self.ln(1)
            self.set_font(FONT, "B", 10)
            self.multi_cell(0, 5.2, shown, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.ln(0.5)

        self._hold(1.5 + self._text_height(shown, 5.2, size=10, bold=True), draw)

    def paragraph(
        self,
        text: str,
        *,
        size: float = 10,
        bold: bool = False,
        muted: bool = False,
        keep_with_next: bool = False,
        indent: float = 0,
    ) -> None:
        """Running text; with ``keep_with_next`` it stays on the page of the block after it.
        A paragraph that does not fit is split over pages, but never before its third line."""
        shown = printable(text)
        line = size * 0.5
        height = self._text_height(shown, line, size=size, bold=bold, width=self.body_width - indent) + 1.2

        def draw() -> None:
            self.set_font(FONT, "B" if bold else "", size)
            if muted:
                self.set_text_color(*MUTED)
            self.set_x(MARGIN + indent)
            self.multi_cell(self.body_width - indent, line, shown, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.set_text_color(*INK)
            self.ln(1.2)

        if keep_with_next:
            self._hold(height, draw)
            return
        self.ensure_space(min(height, 3 * line + 1.2))
        draw()

    def callout(self, title: str, text: str, *, size: float = 9) -> None:
        """A short argument set apart: a bold title and its text on a light band, kept on one page."""
        shown_title, shown_text = printable(title), printable(text)
        width = self.body_width - 8
        line = size * 0.5
        title_height = self._text_height(shown_title, line + 0.3, size=size + 0.5, bold=True, width=width)
        height = title_height + self._text_height(shown_text, line, size=size, width=width) + 5
        self.ensure_space(height + 2)
        top = self.get_y()
        self.set_fill_color(*SHADE)
        self.rect(MARGIN, top, self.body_width, height, style="F")
        self.set_fill_color(*INK)
        self.rect(MARGIN, top, 1.2, height, style="F")
        self.set_xy(MARGIN + 5, top + 2.5)
        self.set_font(FONT, "B", size + 0.5)
        self.multi_cell(width, line + 0.3, shown_title, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
        self.set_font(FONT, "", size)
        self.multi_cell(width, line, shown_text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_y(top + height + 2)

    def fields(self, pairs: Sequence[tuple[str, str]], *, columns: int = 2, label_width: float = 34) -> None:
        """Label-value pairs in a grid; an empty value leaves a line to write on."""
        column_width = self.body_width / columns
        line = 5.2
        for start in range(0, len(pairs), columns):
            row = pairs[start : start + columns]
            heights = []
            for label, value in row:
                self.set_font(FONT, "", 9.5)
                lines = text_lines(self, column_width - label_width - 3, line, printable(value) or " ")
                self.set_font(FONT, "B", 9)
                label_lines = text_lines(self, label_width, line, printable(label))
                heights.append(max(1, len(lines), len(label_lines)) * line)
            height = max(heights) + 1.6
            self.ensure_space(height)
            top = self.get_y()
            for index, (label, value) in enumerate(row):
                x = MARGIN + index * column_width
                self.set_xy(x, top)
                self.set_font(FONT, "B", 9)
                self.set_text_color(*MUTED)
                self.multi_cell(label_width, line, printable(label), align="L")
                self.set_text_color(*INK)
                self.set_font(FONT, "", 9.5)
                self.set_xy(x + label_width, top)
                text = printable(value)
                if text.strip():
                    self.multi_cell(column_width - label_width - 3, line, text, align="L")
                else:
                    self.set_draw_color(*RULE)
                    self.line(x + label_width, top + line, x + column_width - 4, top + line)
            self.set_xy(MARGIN, top + height)

    def writing_lines(self, count: int, *, gap: float = 8) -> None:
        """Plain lines to write on, for blank worksheets and unanswered questions; the first
        three stay with what is held above them."""
        self.ensure_space(min(count, 3) * gap)
        self.set_draw_color(*RULE)
        for _index in range(count):
            self.ensure_space(gap)
            y = self.get_y() + gap
            self.line(MARGIN, y - 1.5, self.w - MARGIN, y - 1.5)
            self.set_y(y)

    def tick_line(self, options: Sequence[tuple[str, bool]], *, size: float = 9.5) -> None:
        """A row of tick boxes with labels, wrapping onto further lines when needed."""
        from poptui.export.pdf_table import draw_ticks, ticks_height

        self.set_font(FONT, "", size)
        height = ticks_height(self, Ticks(options, inline=True), self.body_width)
        self.ensure_space(height)
        top = self.get_y()
        draw_ticks(self, Ticks(options, inline=True), MARGIN, top, self.body_width, size)
        self.set_y(top + height + 1)

    def grid(
        self,
        columns: Sequence[Column],
        rows: Sequence[Sequence[Cell]],
        *,
        size: float = 9,
        min_row_height: float = 0,
    ) -> None:
        """A bordered table; the header repeats on every page it runs over."""
        from poptui.export.pdf_table import Table

        Table(self, list(columns), size, min_row_height).draw([list(row) for row in rows])
        self.ln(1.5)

    def clock_face(
        self, cx: float, cy: float, radius: float, *, marks: Sequence[tuple[str, str]] = (), hour_lines: bool = True
    ) -> None:
        """A clock face centred on (cx, cy): ring, minute and hour marks, the numbers 1 to 12 and
        light hour lines to write on (``hour_lines``). ``marks`` are (``HH:MM``, label) pairs: each gets a hand from
        the centre to its time, and its label outside the ring; times that share a spot on the
        12-hour face (07:00 and 19:00) share one label, joined by commas."""
        scale = radius / 66
        self.set_draw_color(*RULE)
        self.set_line_width(0.2)
        for hour in range(12 if hour_lines else 0):
            angle = math.radians(hour * 30 - 90)
            inner, outer = 9 * scale, radius - 16 * scale
            self.line(
                cx + inner * math.cos(angle),
                cy + inner * math.sin(angle),
                cx + outer * math.cos(angle),
                cy + outer * math.sin(angle),
            )
        self.set_draw_color(*INK)
        self.set_line_width(0.7 * max(scale, 0.6))
        self.ellipse(cx - radius, cy - radius, 2 * radius, 2 * radius)
        for minute in range(60):
            angle = math.radians(minute * 6 - 90)
            inner = radius - (5 if minute % 5 == 0 else 2) * scale
            self.set_line_width((0.6 if minute % 5 == 0 else 0.25) * max(scale, 0.6))
            self.line(
                cx + inner * math.cos(angle),
                cy + inner * math.sin(angle),
                cx + radius * math.cos(angle),
                cy + radius * math.sin(angle),
            )
        self.set_font(FONT, "B", max(14 * scale, 9))
        for hour in range(1, 13):
            angle = math.radians(hour * 30 - 90)
            x, y = cx + (radius - 11 * scale) * math.cos(angle), cy + (radius - 11 * scale) * math.sin(angle)
            self.set_xy(x - 5 * scale, y - 3 * scale)
            self.cell(10 * scale, 6 * scale, str(hour), align="C")
        self._clock_marks(cx, cy, radius, marks)
        self.set_fill_color(*INK)
        self.ellipse(cx - 1.6, cy - 1.6, 3.2, 3.2, style="F")
        self.set_line_width(0.25)
        self.set_draw_color(*RULE)
        self.set_text_color(*INK)

    def _clock_marks(self, cx: float, cy: float, radius: float, marks: Sequence[tuple[str, str]]) -> None:
        """A hand per mark ending in a dark badge with its label: short hands before noon, long
        hands from noon on, so 07:00 and 19:00 stay apart. Marks on the same spot share a badge."""
        badges: dict[tuple[bool, int], list[str]] = {}
        for time, label in marks:
            hour, _sep, minute = time.partition(":")
            if not (hour.isdecimal() and minute.isdecimal()):
                continue
            position = round(((int(hour) % 12) * 60 + int(minute)) / 5) % 144  # five-minute steps
            badges.setdefault((int(hour) >= 12, position), []).append(label)
        self.set_line_width(0.5)
        self.set_font(FONT, "B", 7.5)
        for (afternoon, position), names in badges.items():
            angle = math.radians(position * 2.5 - 90)
            tip = radius * (0.68 if afternoon else 0.44)
            end_x, end_y = cx + tip * math.cos(angle), cy + tip * math.sin(angle)
            self.set_draw_color(*INK)
            self.set_fill_color(*INK)
            self.line(cx, cy, end_x, end_y)
            text = ",".join(names)
            width = max(5.0, self.get_string_width(text) + 2.4)
            self.ellipse(end_x - width / 2, end_y - 2.5, width, 5, style="FD")
            self.set_text_color(255, 255, 255)
            self.set_xy(end_x - width / 2, end_y - 2.5)
            self.cell(width, 5, text, align="C")
            self.set_text_color(*INK)

    def signatures(self, signers: Sequence[tuple[str, str]], *, signed_on: date | None = None) -> None:
        """Signature blocks side by side: role, name, date and a line to sign on."""
        count = max(1, len(signers))
        per_row = 2
        width = (self.body_width - (per_row - 1) * 8) / per_row
        height = 36
        for start in range(0, count, per_row):
            self.ensure_space(height + 4)
            top = self.get_y() + 2
            for index, (role, name) in enumerate(signers[start : start + per_row]):
                x = MARGIN + index * (width + 8)
                self.set_draw_color(*RULE)
                self.rect(x, top, width, height)
                self.set_xy(x + 3, top + 2.5)
                self.set_font(FONT, "B", 9.5)
                self.cell(width - 6, 5, _fit(self, printable(role), width - 6))
                self.set_font(FONT, "", 9)
                self.set_xy(x + 3, top + 9)
                self.cell(14, 5, _("Naam:"))
                self.cell(width - 20, 5, _fit(self, printable(name), width - 20))
                self.set_xy(x + 3, top + 15.5)
                self.cell(14, 5, _("Datum:"))
                if signed_on:
                    self.cell(width - 20, 5, format_date(signed_on))
                else:
                    self.line(x + 17, top + 20, x + width - 4, top + 20)
                self.set_xy(x + 3, top + 23)
                self.set_text_color(*MUTED)
                self.set_font(FONT, "", 8)
                self.cell(width - 6, 4, _("Handtekening"))
                self.set_text_color(*INK)
                self.line(x + 4, top + height - 4, x + width - 4, top + height - 4)
            self.set_y(top + height + 3)

    def to_bytes(self) -> bytes:
        self.ensure_space(0)
        data = bytes(self.output())  # the last page's header and footer are set here too
        if self.compact_fonts and any(getattr(font, "missing_glyphs", None) for font in self.fonts.values()):
            raise _NeedsFullFonts()  # see form_document: made again in the full fonts
        return data


def _fit(pdf: FPDF, text: str, width: float) -> str:
    """Shorten one line of text with an ellipsis so it fits ``width`` mm."""
    text = " ".join(text.split())
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"
