"""Embedded font files compressed once per process (fpdf2's font stream, same bytes).

fpdf2 compresses the font file it embeds in every document (``PDFFontStream``: ``zlib.compress`` at
its default level). The form fonts are cut to the same glyphs in nearly every document
(:meth:`poptui.export.pdf_layout._GlyphBook.cut`: the month's package embeds eight distinct font
files in 198 documents), so the same bytes were compressed again and again: a tenth of a POP and
consent form's time. Here the compressed bytes are kept per font file and reused. Rules:

- A font file is compressed by fpdf2's own stream class the first time; a later stream of the same
  bytes takes those compressed bytes and the same lengths, so every document is byte for byte what
  fpdf2 writes (zlib gives the same output for the same input; a test compares the two).
- Only the last :data:`KEPT` font files are kept (a few tens of kilobytes each); any font file
  (not only the form fonts) goes through here, and anything that is not bytes goes to fpdf2 as it is.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

import fpdf.output
from fpdf.output import PDFFontStream

KEPT = 16
"""Compressed font files kept per process."""

_compressed: OrderedDict[bytes, bytes] = OrderedDict()
_lock = threading.Lock()


class KeptFontStream(PDFFontStream):
    """fpdf2's ``PDFFontStream`` whose compressed contents are made once per font file."""

    def __init__(self, contents: Any) -> None:
        if not isinstance(contents, bytes):
            super().__init__(contents)
            return
        with _lock:
            found = _compressed.get(contents)
            if found is not None:
                _compressed.move_to_end(contents)
        if found is None:
            super().__init__(contents)
            with _lock:
                _compressed[contents] = self._contents
                while len(_compressed) > KEPT:
                    _compressed.popitem(last=False)
            return
        super().__init__(b"")
        self._contents = found
        self.length = len(found)
        self.length1 = len(contents)


def keep_compressed_fonts() -> None:
    """Have fpdf2 (which names its font stream class ``PDFFontStream`` when it writes the fonts) embed
    font files through :class:`KeptFontStream`; an fpdf2 laid out otherwise keeps its own."""
    if getattr(fpdf.output, "PDFFontStream", None) is PDFFontStream:
        fpdf.output.PDFFontStream = KeptFontStream  # type: ignore[misc]
