"""The command palette (Ctrl+P): find any screen, employee or organisation by part of its name,
and the things a coach asks for in words: "afdrukken", "pdf", "POP", "toestemming", "agenda".

Every typed word must occur in the entry's name, its explanation or its search words (case and
accents ignored). Printing comes first for the screen the palette was opened on (the POP and the
consent of this trajectory or employee), then for every employee by name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import cast

from poptui.screens import navigation
from poptui.screens.base import poptui_app
from textual.app import App
from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from poptui.i18n import _
from poptui.services import directory


@dataclass(frozen=True)
class Entry:
    name: str
    help: str
    callback: Callable[[], object]
    words: str = ""
    """More words it is found by (not shown)."""


def _print_words() -> str:
    return _("afdrukken printen pdf papier tekenen")


class PopCommands(Provider):
    """Screens first, then printing, then employees and organisations, matched on every typed word."""

    def _screens(self) -> list[Entry]:
        app = self.app
        return [
            Entry(_("Start"), _("Het startscherm met wat aandacht vraagt"), partial(navigation.open_home, app)),
            Entry(
                _("Agenda"),
                _("Je afspraken van vandaag, deze week en volgende week"),
                partial(navigation.open_agenda, app),
                _("afspraken contactmomenten planning week vandaag"),
            ),
            Entry(
                _("Volgend gesprek"),
                _("Het contactmoment dat eerst aan de beurt is"),
                partial(_open_next_moment, app),
                _("contactmoment registreren"),
            ),
            Entry(_("Werknemers"), _("Alle doelgroepwerknemers"), partial(navigation.open_employees, app)),
            Entry(_("Organisaties"), _("Organisaties en hun mensen"), partial(navigation.open_organisations, app)),
            Entry(_("Concepten"), _("Wat je typte maar nog niet opsloeg"), partial(_open_drafts, app)),
            Entry(
                _("Gegevens van een persoon"),
                _("AVG: alles exporteren of wissen (ambassadeur)"),
                partial(_open_person_rights, app),
            ),
            Entry(
                _("Opleidingen"), _("Opleidingsdagen en aanwezigheidslijsten"), partial(navigation.open_trainings, app)
            ),
            Entry(
                _("Maandrapport"),
                _("De documenten van de maand voor BDO Adforum"),
                partial(navigation.open_month_report, app),
                "pdf excel",
            ),
            Entry(
                _("Wat ontbreekt voor de registratie"),
                _("Per werknemer wat nog ontbreekt: POP, toestemming, Mijn Loopbaan, contactmomenten"),
                partial(navigation.open_compliance, app),
            ),
            Entry(
                _("Blanco werkbladen afdrukken"),
                _("HAND, competenties, scan, SMART, Klokwijs, …"),
                partial(navigation.print_blank_worksheet, app),
                _print_words(),
            ),
            Entry(_("Hulp"), _("De toetsen van dit scherm (F1)"), partial(_help, app), _("toetsen uitleg")),
            Entry(_("poptui stoppen"), _("Afsluiten (Ctrl+Q)"), app.exit, _("afsluiten sluiten")),
        ]

    def _here(self) -> list[Entry]:
        """Printing for the trajectory or employee of the screen the palette was opened on."""
        app, screen = self.app, self.screen
        trajectory_id = getattr(screen, "trajectory_id", None)
        employee_id = getattr(screen, "employee_id", None)
        if not isinstance(employee_id, str) and isinstance(trajectory_id, str):
            view = getattr(screen, "view", None)
            employee_id = getattr(getattr(view, "trajectory", None), "employee_id", None)
        entries: list[Entry] = []
        if isinstance(trajectory_id, str):
            entries.append(
                Entry(
                    _("POP afdrukken"),
                    _("Het POP van dit traject als pdf, om te tekenen en op te laden"),
                    partial(navigation.print_pop, app, trajectory_id),
                    _print_words(),
                )
            )
        if isinstance(employee_id, str):
            entries.append(
                Entry(
                    _("Toestemming afdrukken"),
                    _("Het toestemmings- en registratiedocument als pdf, om te laten tekenen"),
                    partial(
                        navigation.print_consent,
                        app,
                        employee_id,
                        trajectory_id if isinstance(trajectory_id, str) else None,
                    ),
                    _print_words(),
                )
            )
        return entries

    def _people(self) -> list[Entry]:
        app = self.app
        database = poptui_app(app).database
        organisations = {organisation.id: organisation for organisation in directory.organisations(database)}
        current = directory.current_trajectories(database)
        entries: list[Entry] = []
        printing: list[Entry] = []
        for employee in directory.employees(database):
            organisation = organisations.get(employee.organisation_id)
            entries.append(
                Entry(
                    employee.full_name,
                    _("Werknemer · {organisation}", organisation=organisation.name if organisation else "?"),
                    partial(navigation.open_employee, app, employee.id),
                )
            )
            trajectory = current.get(employee.id)
            if trajectory is not None:
                printing.append(
                    Entry(
                        _("POP afdrukken · {name}", name=employee.full_name),
                        _("Het POP als pdf, om te tekenen en op te laden in Mijn Loopbaan"),
                        partial(navigation.print_pop, app, trajectory.id),
                        _print_words(),
                    )
                )
            printing.append(
                Entry(
                    _("Toestemming afdrukken · {name}", name=employee.full_name),
                    _("Het toestemmings- en registratiedocument als pdf"),
                    partial(navigation.print_consent, app, employee.id, trajectory.id if trajectory else None),
                    _print_words(),
                )
            )
        for organisation in organisations.values():
            entries.append(
                Entry(organisation.name, _("Organisatie"), partial(navigation.open_organisation, app, organisation.id))
            )
            entries.append(
                Entry(
                    _("Competentiewoordenboek {organisation}", organisation=organisation.name),
                    _("Competenties, functieprofielen en schaal van de organisatie"),
                    partial(navigation.open_competence_dictionary, app, organisation.id),
                )
            )
        return entries + printing

    def _entries(self) -> list[Entry]:
        return self._here() + self._screens() + self._people()

    async def discover(self) -> Hits:
        for entry in (self._here() + self._screens())[:6]:
            yield DiscoveryHit(Content(entry.name), entry.callback, text=entry.name, help=_plain(entry.help))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for rank, entry in enumerate(self._entries()):
            score = matcher.match(entry.name)
            if score > 0 or directory.matches(query, entry.name, entry.help, entry.words):
                # a fuzzy match on the name counts most; otherwise keep the order (this screen first)
                yield Hit(
                    max(score, 0.5 - rank / 100_000),
                    _highlighted(matcher, entry.name),
                    entry.callback,
                    text=entry.name,
                    help=_plain(entry.help),
                )


def _highlighted(matcher: Matcher, name: str) -> Content:
    """The name as text (``Matcher.highlight`` would parse it as markup) with the matched letters marked."""
    content = Content(name)
    score, offsets = matcher.fuzzy_search.match(matcher.query, name)
    if score:
        for offset in offsets:
            if not name[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


def _plain(help_text: str) -> str:
    """The help line as text: the palette parses a str as markup and uses a Content as it is."""
    return cast(str, Content(help_text))


def _open_next_moment(app: App[object]) -> None:
    if not navigation.open_next_moment(app, poptui_app(app).coach_id):
        app.notify(_("Er staat geen contactmoment met een datum gepland. De agenda (g) toont wat komt."))


def _help(app: App[object]) -> None:
    from poptui.screens.help import HelpScreen

    app.push_screen(HelpScreen(app.screen))


def _open_drafts(app: App[object]) -> None:
    from poptui.screens.drafts_screen import DraftsScreen

    app.push_screen(DraftsScreen())


def _open_person_rights(app: App[object]) -> None:
    from poptui.screens.person_rights import PersonRightsScreen

    app.push_screen(PersonRightsScreen())
