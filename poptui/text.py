"""Make text safe to store, show in a terminal and write to files.

Rich and Textual pass escape sequences in widget text straight to the terminal,
so a note could clear or fake another coach's screen. Every text field of every
model goes through :func:`clean_text` (on input and on load), and so does every
value from an imported file before it is shown or printed, refused or not.

Also here: :func:`fold_key`, the one folding that decides whether two names are
the same (every script kept, case and accents ignored), and :func:`shorten` for
reports that quote a value from a file.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator

# CSI / OSC / DCS / other escape sequences (7-bit and their 8-bit C1 introducers).
_ESCAPE_SEQUENCE = re.compile(
    r"""
    (?:\x1b\[|\x9b)[\x20-\x3f]*[\x40-\x7e]?            # CSI ... final byte
  | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])             # OSC, DCS, SOS, PM, APC ...
      .*?(?:\x07|\x1b\\|\x9c|\Z)                         # ... up to BEL or ST, or the end when unterminated
  | \x1b[\x20-\x2f]*[\x30-\x7e]?                         # other ESC sequences
    """,
    re.VERBOSE | re.DOTALL,
)
# Remaining C0 controls (but tab and newline), DEL, C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")
# Bidirectional overrides and isolates can make a text read differently than it is.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
# Invisible characters that only hide things: zero-width space, word joiner, byte-order mark.
_INVISIBLE = re.compile("[\u200b\u2060\ufeff]")
# In one-line fields (names, functions, titles) also the zero-width (non-)joiners and the
# invisible tag characters: two names that look the same are the same.
_INVISIBLE_IN_LINE = re.compile("[\u200b-\u200d\u2060\ufeff\U000e0000-\U000e007f]")
# Anything that may need cleaning; text without it (the usual case) is returned as it is.
_SUSPECT = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff"
    "\U000e0000-\U000e007f]"
)


# In a JSON file, what could stand for such a character: per first byte, the bytes after it (a \u
# escape or the short escapes of backspace, form feed and carriage return; the UTF-8 of C1 controls,
# U+061C, U+200B-U+200F, U+2028-U+202E, U+2060, U+2066-U+2069, U+FEFF and the tag characters).
# Each first byte is found with bytes.find (memchr speed): a file without any is clean at once.
_SUSPECT_AFTER: tuple[tuple[bytes, re.Pattern[bytes]], ...] = (
    (b"\\", re.compile(rb"[bfru]")),
    (b"\xc2", re.compile(rb"[\x80-\x9f]")),
    (b"\xd8", re.compile(rb"\x9c")),
    (b"\xe2", re.compile(rb"\x80[\x8b-\x8f\xa8-\xae]|\x81[\xa0\xa6-\xa9]")),
    (b"\xef", re.compile(rb"\xbb\xbf")),
    (b"\xf3", re.compile(rb"\xa0[\x80\x81]")),
)


def _json_may_hold_suspect(raw: bytes) -> bool:
    if raw.find(b"\x7f") != -1:
        return True
    return _holds_suspect_after(raw, _SUSPECT_AFTER)


def _holds_suspect_after(raw: bytes, leads: tuple[tuple[bytes, re.Pattern[bytes]], ...]) -> bool:
    for first, after in leads:
        at = raw.find(first)
        while at != -1:
            if after.match(raw, at + 1):
                return True
            at = raw.find(first, at + 1)
    return False


_NOT_CONTROL_BYTES = bytes(
    byte for byte in range(256) if not (byte <= 0x1F and byte not in (0x09, 0x0A) or byte == 0x7F)
)
"""Every byte but the C0 controls (tab and newline excepted) and DEL: deleted, what is left of a text is its controls."""
_LONG_TEXT = 4096
"""From this length :func:`has_suspect` looks in the UTF-8 bytes (memchr speed) instead of running the regex."""


def has_suspect(value: str) -> bool:
    """Does :func:`clean_text` have anything to remove or turn into a newline in ``value``?

    A long text (a command's whole output: 3 MB of JSON at 2,000 employees) is looked at in its UTF-8
    bytes: its single-byte controls at once (``bytes.translate``), the others by their first byte
    (:data:`_SUSPECT_AFTER`, the JSON escapes left out), four times faster than the regex."""
    if len(value) < _LONG_TEXT:
        return _SUSPECT.search(value) is not None
    raw = value.encode("utf-8", "surrogatepass")
    return bool(raw.translate(None, _NOT_CONTROL_BYTES)) or _holds_suspect_after(raw, _SUSPECT_AFTER[1:])


def json_has_unclean_text(raw: bytes, parse: Callable[[bytes], object]) -> bool:
    """Does the JSON document ``raw`` hold a string with characters :func:`clean_text` removes?"""
    if not _json_may_hold_suspect(raw):
        return False
    return any(has_suspect(text) for text in _strings(parse(raw)))


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def clean_text(value: str) -> str:
    """Remove escape sequences, control, bidi-override and invisible characters; normalise (NFC)."""
    if not value:
        return value
    if _SUSPECT.search(value) is None:
        return value if value.isascii() else unicodedata.normalize("NFC", value)
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    value = _ESCAPE_SEQUENCE.sub("", value)
    value = _CONTROL.sub("", value)
    value = _BIDI.sub("", value)
    value = _INVISIBLE.sub("", value)
    return unicodedata.normalize("NFC", value)


def clean_line(value: str) -> str:
    """Like :func:`clean_text` for one-line fields: no newlines, tabs, zero-width characters or outer spaces.

    Cleaning once is enough: ``clean_line`` and ``clean_text`` leave what ``clean_line`` returns as it is
    (an import cleans each cell when it reads it, and its records are not cleaned again).
    """
    value = clean_text(value)
    if not value:
        return value
    if not value.isascii() and _INVISIBLE_IN_LINE.search(value) is not None:
        # normalised again: a joiner removed from between a letter and its accent leaves them side by side
        value = unicodedata.normalize("NFC", _INVISIBLE_IN_LINE.sub("", value))
    return " ".join(value.split())


def clean_for_terminal(value: str) -> str:
    """Like :func:`clean_text`, and no zero-width or tag characters either: what poptui prints on a
    terminal (messages quote file names and field names read from files, which may hold anything)."""
    if value and not has_suspect(value):
        # Nothing to remove: the invisible characters of one-line fields are all suspects too, and
        # NFC makes none. One scan of a command's whole output (3 MB of JSON at 2,000 employees) instead of two.
        return value if value.isascii() else unicodedata.normalize("NFC", value)
    value = clean_text(value)
    if not value or value.isascii():
        return value
    return _INVISIBLE_IN_LINE.sub("", value)


# Where an escape sequence may start: a piece of a long output is cut only outside one (see TerminalCleaner).
_SEQUENCE_START = re.compile("[\x1b\x9b\x90\x98\x9d\x9e\x9f]")
# What ends a string sequence (OSC, DCS, SOS, PM, APC) that _ESCAPE_SEQUENCE otherwise runs to the end of the text.
_STRING_END = re.compile("[\x07\x9c]|\x1b\\\\")


def _open_string(match: re.Match[str]) -> bool:
    """Is ``match`` a string sequence that found no end (it ran to the end of the text it was found in)?"""
    found = match.group()
    return (found[0] in "\x90\x98\x9d\x9e\x9f" or found[:2] in ("\x1b]", "\x1bP", "\x1bX", "\x1b^", "\x1b_")) and not (
        found[-1] in "\x07\x9c" or found.endswith("\x1b\\")
    )


def _safe_cut(text: str) -> tuple[int, bool]:
    """Where ``text``, the start of a longer one, can be cut: right after a newline outside every escape
    sequence (whatever follows, cleaning both sides apart is cleaning them whole, see :class:`TerminalCleaner`);
    and whether a string sequence is still open at its end (it may run on through what follows)."""
    if _SEQUENCE_START.search(text) is None:
        return text.rfind("\n") + 1, False
    found = list(_ESCAPE_SEQUENCE.finditer(text))
    limit, still_open = len(text), False
    if found and found[-1].end() == len(text):  # may go on in what follows
        limit, still_open = found[-1].start(), _open_string(found[-1])
        found.pop()
    while True:
        newline = text.rfind("\n", 0, limit)
        if newline < 0:
            return 0, still_open
        while found and found[-1].start() > newline:
            found.pop()
        if not found or found[-1].end() <= newline:
            return newline + 1, still_open
        limit = found[-1].start()  # the newline is inside a string sequence: cut before it


class TerminalCleaner:
    """:func:`clean_for_terminal` of a long text given in pieces, piece by piece: the texts :meth:`feed` and
    :meth:`finish` return, joined, are ``clean_for_terminal`` of the pieces joined, whatever the pieces
    (a command's output streamed to the terminal holds what ``say`` would print, never more).

    A piece is cleaned up to its last newline outside an escape sequence, the rest waits for the next
    piece. Cleaning the text on both sides of such a newline apart is cleaning it whole: every escape
    sequence lies on one side (a string sequence without an end, which runs to the end of the text, is
    kept waiting until its end comes), every other character is removed or kept on its own, and NFC
    never composes across a newline. A piece without newlines, or one inside a string sequence that has
    no end yet, waits whole (such a sequence, only in hostile text, is looked for its end in each new
    piece, not searched again from its start)."""

    def __init__(self) -> None:
        self._waiting: list[str] = []
        self._open = False

    @property
    def idle(self) -> bool:
        """Nothing waits: what comes next is cleaned as if it started the text."""
        return not self._waiting

    def feed(self, piece: str) -> str:
        """The cleaned text up to the last place in ``piece`` where it can be cut (often all of it)."""
        if not piece:
            return ""
        if self._open:
            if _STRING_END.search(self._waiting[-1][-1:] + piece) is None:
                self._waiting.append(piece)
                return ""
        text = "".join(self._waiting) + piece if self._waiting else piece
        cut, self._open = _safe_cut(text)
        self._waiting = [text[cut:]] if cut < len(text) else []
        return clean_for_terminal(text[:cut]) if cut else ""

    def finish(self) -> str:
        """What still waits, cleaned: the end of the text."""
        text = "".join(self._waiting)
        self._waiting, self._open = [], False
        return clean_for_terminal(text) if text else ""


_PLAIN_UTF8 = bytes([0x09, 0x0A, *range(0x20, 0x7F), *range(0x80, 0xC0), *range(0xC3, 0xCC)])
"""The bytes of UTF-8 text that :func:`clean_for_terminal` leaves as they are, whatever surrounds them: tab,
newline, printable ASCII, continuation bytes and the lead bytes of U+00C0 to U+02FF (no suspect, and NFC
changes no text of characters below U+0300: a test holds it). Everything else (controls, DEL, the lead
byte of U+0080 to U+00BF, which holds the C1 controls, and of anything from U+0300) goes through
:class:`TerminalCleaner`."""


def clean_utf8_for_terminal(pieces: Iterable[bytes]) -> Iterator[bytes]:
    """:func:`clean_for_terminal` of UTF-8 text given in pieces (each whole characters), piece by piece, as
    UTF-8: joined, the pieces it yields are the joined pieces' text cleaned, encoded.

    A piece that ends with a newline (or ends the text), after a cut, and holds only bytes of
    :data:`_PLAIN_UTF8` is yielded as it is (the JSON of a list of names: one pass of ``bytes.translate``,
    no decoding); any other piece is decoded and goes through a :class:`TerminalCleaner`."""
    cleaner = TerminalCleaner()
    iterator = iter(pieces)
    piece = next(iterator, None)
    while piece is not None:
        following = next(iterator, None)
        if cleaner.idle and (following is None or piece.endswith(b"\n")) and not piece.translate(None, _PLAIN_UTF8):
            yield piece
        else:
            cleaned = cleaner.feed(piece.decode("utf-8"))
            if cleaned:
                yield cleaned.encode("utf-8")
        piece = following
    rest = cleaner.finish()
    if rest:
        yield rest.encode("utf-8")


def shorten(value: str, limit: int = 60) -> str:
    """``value`` cut to ``limit`` characters with '…' at the end when it is longer (for reports)."""
    return value if len(value) <= limit else value[: max(limit - 1, 0)].rstrip() + "…"


_SPECIAL_LETTERS = str.maketrans(
    {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i", "ħ": "h"}
)
_NOT_LETTER_OR_DIGIT = re.compile(r"[\W_]+")


def fold_key(value: str) -> str:
    """Letters and digits of every script, lower-case and without accents, nothing else.

    'Müller-Özdemir' -> 'mullerozdemir', "D'Hondt" -> 'dhondt', 'Пётр' -> 'петр',
    'Σωκράτης' -> 'σωκρατησ', '李伟' -> '李伟'. Spaces, hyphens, apostrophes, zero-width
    and control characters are dropped; combining marks (accents) too. Two texts with the
    same key are the same name.
    """
    if not value:
        return ""
    if value.isascii():
        return _NOT_LETTER_OR_DIGIT.sub("", value).lower()
    folded = unicodedata.normalize("NFKD", value.casefold()).translate(_SPECIAL_LETTERS)
    return _NOT_LETTER_OR_DIGIT.sub("", folded)


def ascii_fold(value: str) -> str:
    """Fold to ASCII letters and digits only: 'Müller-Özdemir' -> 'MullerOzdemir'."""
    decomposed = unicodedata.normalize("NFKD", value)
    special = {"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D"}
    out = []
    for char in decomposed:
        char = special.get(char, char)
        out.append("".join(c for c in char if c.isascii() and c.isalnum()))
    return "".join(out)
