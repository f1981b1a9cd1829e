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
from collections.abc import Callable, Iterator

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
