"""The command palette (Ctrl+P): find any screen, employee or organisation by part of its name."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import cast

from poptui.screens import navigation
from poptui.screens.base import poptui_app
from textual.app import App
from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from poptui.i18n import _
from poptui.services import directory


class PopCommands(Provider):
    """Screens first, then employees and organisations, matched on every typed word."""

    def _entries(self) -> list[tuple[str, str, Callable[[], None]]]:
        app = self.app
        database = poptui_app(app).database
        entries: list[tuple[str, str, Callable[[], None]]] = [
            (_("Start"), _("Het startscherm met wat aandacht vraagt"), partial(navigation.open_home, app)),
            (_("Werknemers"), _("Alle doelgroepwerknemers"), partial(navigation.open_employees, app)),
            (_("Organisaties"), _("Organisaties en hun mensen"), partial(navigation.open_organisations, app)),
            (_("Concepten"), _("Wat je typte maar nog niet opsloeg"), partial(_open_drafts, app)),
            (
                _("Gegevens van een persoon"),
                _("AVG: alles exporteren of wissen (ambassadeur)"),
                partial(_open_person_rights, app),
            ),
            (_("Opleidingen"), _("Opleidingsdagen en aanwezigheidslijsten"), partial(navigation.open_trainings, app)),
            (
                _("Maandrapport"),
                _("De documenten van de maand voor BDO Adforum"),
                partial(navigation.open_month_report, app),
            ),
            (
                _("Wat ontbreekt voor de registratie"),
                _("Per werknemer wat nog ontbreekt: POP, toestemming, Mijn Loopbaan, contactmomenten"),
                partial(navigation.open_compliance, app),
            ),
            (
                _("Blanco werkbladen afdrukken"),
                _("HAND, competenties, scan, SMART, Klokwijs, …"),
                partial(navigation.print_blank_worksheet, app),
            ),
        ]
        organisations = {organisation.id: organisation for organisation in directory.organisations(database)}
        for employee in directory.employees(database):
            organisation = organisations.get(employee.organisation_id)
            entries.append(
                (
                    employee.full_name,
                    _("Werknemer · {organisation}", organisation=organisation.name if organisation else "?"),
                    partial(navigation.open_employee, app, employee.id),
                )
            )
        for organisation in organisations.values():
            entries.append(
                (organisation.name, _("Organisatie"), partial(navigation.open_organisation, app, organisation.id))
            )
            entries.append(
                (
                    _("Competentiewoordenboek {organisation}", organisation=organisation.name),
                    _("Competenties, functieprofielen en schaal van de organisatie"),
                    partial(navigation.open_competence_dictionary, app, organisation.id),
                )
            )
        return entries

    async def discover(self) -> Hits:
        for name, help_text, callback in self._entries()[:3]:
            yield DiscoveryHit(Content(name), callback, text=name, help=_plain(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._entries():
            score = matcher.match(name)
            if score > 0 or directory.matches(query, name):
                yield Hit(max(score, 0.5), _highlighted(matcher, name), callback, text=name, help=_plain(help_text))


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


def _open_drafts(app: App[object]) -> None:
    from poptui.screens.drafts_screen import DraftsScreen

    app.push_screen(DraftsScreen())


def _open_person_rights(app: App[object]) -> None:
    from poptui.screens.person_rights import PersonRightsScreen

    app.push_screen(PersonRightsScreen())
