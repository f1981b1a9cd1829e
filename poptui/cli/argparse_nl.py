"""argparse in Dutch: its own messages ("usage", "invalid choice", ...) through its gettext hook.

argparse looks up every message through the module-level names ``_`` and ``ngettext``
(``from gettext import gettext as _, ngettext``) when it builds a parser and when it
reports an error. :func:`install` replaces both by a lookup in :data:`DUTCH` while the
interface is Dutch; with ``--lang en`` the English originals stay. Install before the
parser is built: section titles ("positional arguments", "options") are looked up then.
"""

from __future__ import annotations

import argparse
import gettext

from poptui.i18n import current_language

DUTCH = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "optional arguments": "opties",
    "subcommands": "opdrachten",
    "show this help message and exit": "toon deze hulp en stop",
    "show program's version number and exit": "toon de versie en stop",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "bij %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
    "expected one argument": "hier hoort één waarde bij",
    "expected at most one argument": "hier hoort hoogstens één waarde bij",
    "expected at least one argument": "hier hoort minstens één waarde bij",
    "expected %s argument": "hier hoort %s waarde bij",
    "expected %s arguments": "hier horen %s waarden bij",
    "ambiguous option: %(option)s could match %(matches)s": "dubbelzinnige optie: %(option)s kan %(matches)s zijn",
    "not allowed with argument %s": "niet samen met %s",
    "ignored explicit argument %r": "deze optie neemt geen waarde: %r",
    "one of the arguments %s is required": "een van deze argumenten is nodig: %s",
    "unexpected option string: %s": "onverwachte optie: %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "onbekende opdracht %(parser_name)r (kies uit: %(choices)s)",
    "can't open '%(filename)s': %(error)s": "kan '%(filename)s' niet openen: %(error)s",
    "%r is not callable": "%r is geen functie",
    "cannot have multiple subparser arguments": "maar één groep opdrachten toegestaan",
}


def translate(message: str) -> str:
    if current_language() == "nl":
        return DUTCH.get(message, message)
    return gettext.gettext(message)


def translate_plural(singular: str, plural: str, count: int) -> str:
    if current_language() == "nl":
        return DUTCH.get(singular if count == 1 else plural, singular if count == 1 else plural)
    return gettext.ngettext(singular, plural, count)


def install() -> None:
    """Make argparse speak Dutch (idempotent)."""
    argparse._ = translate  # type: ignore[attr-defined]
    argparse.ngettext = translate_plural  # type: ignore[attr-defined]
