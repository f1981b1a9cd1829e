"""The corpus of terminal control payloads (issue 10): what a hostile file or note might carry.

Each payload is text that, printed raw, would make a terminal do something: write the clipboard
(OSC 52), answer with input (DSR), reset (RIS), switch screens, change the title, open a link,
reorder text (bidi), hide text (zero-width). The unterminated ones swallow what follows until the
terminal sees an end. :func:`unsafe` lists the characters in a text that must never reach a
terminal; after cleaning, every payload leaves only harmless letters.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

PAYLOADS: dict[str, str] = {
    "csi clear": "\x1b[2J\x1b[H nep scherm",
    "osc title": "\x1b]0;valse titel\x07titel",
    "osc 52 clipboard": "\x1b]52;c;ZWNobyBnZWhhY2t0\x07klembord",
    "osc 52 st": "\x1b]52;c;ZWNobyBnZWhhY2t0\x1b\\klembord2",
    "osc 8 link": "\x1b]8;;https://kwaad.example\x1b\\klik\x1b]8;;\x1b\\",
    "dcs": "\x1bP1$qm\x1b\\dcs",
    "csi 8-bit": "\x9b31mrood-C1",
    "osc 8-bit": "\x9d0;titel\x9c",
    "dcs 8-bit": "\x90dcs8\x9c",
    "alt screen": "\x1b[?1049h alternatief scherm",
    "dsr": "\x1b[6n vraag cursor",
    "window report": "\x1b[21t titel terug",
    "ris": "\x1bc reset",
    "mouse": "\x1b[?1000h muis",
    "paste end": "\x1b[201~ plak",
    "decsc": "\x1b7bewaard\x1b8",
    "apc": "\x1b_Gkitty\x1b\\apc",
    "c1 controls": "nel\x85ind\x84ri\x8d",
    "bidi override": "bidi \u202eTXT.EXE\u202c",
    "bidi isolates": "iso \u2066x\u2069 \u200f\u200e\u061c",
    "c0 controls": "nul\x00byte\x07bel\x08bs\x7fdel\x0bvt\x0cff",
    "lone esc": "\x1b",
    "carriage return": "regel\r\x1b[Aterug",
    "zero width": "\u200bnul\u200dbreedte\ufeff\u2060",
    "osc unterminated": "\x1b]52;c;onafgesloten",
    "osc title unterminated": "\x1b]2;titel zonder einde",
    "osc 8-bit unterminated": "\x9d0;titel zonder einde",
    "dcs unterminated": "\x1bPq#0;2;0;0;0sixel",
}

FORBIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff]"
)
"""Characters that must never reach a terminal: C0 (but tab and newline), DEL, C1, bidi, zero-width."""


def unsafe(text: str) -> list[str]:
    """The forbidden characters in ``text``, with some context (empty when safe)."""
    return [repr(text[max(match.start() - 10, 0) : match.end() + 10]) for match in FORBIDDEN.finditer(text)]


def unsafe_bytes(data: bytes) -> list[str]:
    """Like :func:`unsafe` for terminal output bytes, which must be valid UTF-8 (no raw 8-bit C1 byte)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return [f"not UTF-8 at byte {error.start}: {data[max(error.start - 10, 0) : error.start + 10]!r}"]
    return unsafe(text)


HEADER = ["Voornaam", "Achternaam", "Functie", "Begeleider", "Reflectievermogen", "Mijn Loopbaan", "Opmerkingen"]


def hostile_csv(path: Path) -> Path:
    """An employee CSV with every payload in every column and in a header cell.

    Row ``n + 2`` carries payload ``n``; its first name starts with ``Naam{n}``. Even rows also hold
    a refused level and yes/no value (so the report quotes refused values); every third row names
    a new werkvloerbegeleider, the others "Luc Maes".
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow([*HEADER, "Extra" + PAYLOADS["osc 52 clipboard"]])
    for number, payload in enumerate(PAYLOADS.values()):
        refused = number % 2 == 0
        writer.writerow(
            [
                f"Naam{number}{payload}",
                f"Peeters{payload}",
                payload,
                f"Luc{payload} Maes" if number % 3 else f"Nieuwe{payload} Begeleider{number}",
                f"hoog{payload}x" if refused else "laag",
                f"ja{payload}?" if refused else "nee",
                payload,
                payload,
            ]
        )
    path.write_bytes(buffer.getvalue().encode("utf-8"))
    return path
