"""Make text safe to store, show in a terminal and write to files.

Rich and Textual pass escape sequences in widget text straight to the terminal,
so a note could clear or fake another coach's screen. Every text field of every
model goes through :func:`clean_text` (on input and on load).
"""

from __future__ import annotations

import re
import unicodedata

# CSI / OSC / DCS / other escape sequences (7-bit and their 8-bit C1 introducers).
_ESCAPE_SEQUENCE = re.compile(
    r"""
    (?:\x1b\[|\x9b)[\x20-\x3f]*[\x40-\x7e]?            # CSI ... final byte
  | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])             # OSC, DCS, SOS, PM, APC ...
      .*?(?:\x07|\x1b\\|\x9c|$)                          # ... up to BEL or ST
  | \x1b[\x20-\x2f]*[\x30-\x7e]?                         # other ESC sequences
    """,
    re.VERBOSE | re.DOTALL,
)
# Remaining C0 controls (but tab and newline), DEL, C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")
# Bidirectional overrides and isolates can make a text read differently than it is.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def clean_text(value: str) -> str:
    """Remove escape sequences, control and bidi-override characters; normalise."""
    if not value:
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _ESCAPE_SEQUENCE.sub("", value)
    value = _CONTROL.sub("", value)
    value = _BIDI.sub("", value)
    return unicodedata.normalize("NFC", value)


def clean_line(value: str) -> str:
    """Like :func:`clean_text` for one-line fields: no newlines, tabs or outer spaces."""
    value = clean_text(value)
    return " ".join(value.split())


def ascii_fold(value: str) -> str:
    """Fold to ASCII letters and digits only: 'Müller-Özdemir' -> 'MullerOzdemir'."""
    decomposed = unicodedata.normalize("NFKD", value)
    special = {"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D"}
    out = []
    for char in decomposed:
        char = special.get(char, char)
        out.append("".join(c for c in char if c.isascii() and c.isalnum()))
    return "".join(out)
