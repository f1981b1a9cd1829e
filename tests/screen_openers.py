"""Every screen of the app, as a list of openers: the smoke, snapshot and hostile-text tests share it.

An :class:`Opener` names a screen (or a state of one, or a dialog) and the steps that open it from a
running app: a call to :mod:`poptui.screens.navigation` for the places the app itself navigates to,
then the keys a coach would press. Openers find their records by what they are (the active
trajectory with a consultation, a completed one with a final POP, ...), never by name, so the
same list opens every screen on the demo database and on its hostile twin (:func:`make_hostile`),
where every stored text carries markup payloads.

A new screen is one more line in :data:`OPENERS`; a new method kind is picked up by itself.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from scenarios import TODAY
from textual.pilot import Pilot
from textual.screen import Screen

from poptui.app import PopApp
from poptui.models import (
    RECORD_TYPES,
    CompetentiemetingRecord,
    ConsentEvent,
    ContactMoment,
    ContactMomentStatus,
    Employee,
    MethodKind,
    MethodRecordBase,
    Organisation,
    Person,
    PopDocument,
    PopStatus,
    StartupAnalysis,
    SupervisorConsultation,
    Trajectory,
    TrajectoryStatus,
)
from poptui.models.planning import (
    BeslissingsmatrixRecord,
    MatrixCriterion,
    MatrixOption,
    MindmapNode,
    MindmapRecord,
    ScanAction,
    ScanRecord,
    SmartAction,
    SmartChallenge,
    SmartRecord,
    TijdslijnRecord,
    TimelineMoment,
)
from poptui.store import Database, StoreError

PAYLOADS = ("[/]", "[@click=app.quit]", "[b]x[/b]", "Poetshulp [tijdelijk]", "[red", "\\[")
"""Textual markup in stored text: a crash, a live action, hidden text, a lost word, an open tag, an escape."""
HOSTILE = "[/] Poetshulp [tijdelijk] [@click=app.quit] [b]x[/b] [red \\[ "
"""Put in front of every stored text of the hostile database (``[/]`` first: parsed as markup it
crashes, shown as text it is the first thing a cut-off cell still shows)."""
SHORT = "[/] "
"""The payload for a text too short for :data:`HOSTILE`: parsed as markup, it still crashes."""
VISIBLE = "[/] Poetshulp"
"""What every screen that shows stored text must show literally on the hostile database."""


# -- finding records by what they are ------------------------------------------------------------


class Lookup:
    """The records an opener needs, found by their role in the demo (not by name)."""

    def __init__(self, database: Database, folder: Path, prefix: str = "") -> None:
        self.db = database
        self.folder = folder
        self.prefix = prefix

    def coach(self) -> Person:
        return next(person for person in self.db.list(Person) if person.login == "an")

    def organisation(self) -> Organisation:
        """The coach's own organisation (people, hours, most employees)."""
        return self.db.get(Organisation, self.coach().organisation_id or "")

    def trajectories(self, status: TrajectoryStatus) -> list[Trajectory]:
        found = [t for t in self.db.list(Trajectory) if t.status is status]
        return sorted(found, key=lambda t: (t.start_date or TODAY, t.variant.value))

    def active(self) -> Trajectory:
        """The active trajectory with held moments, a consultation and a HAND record."""
        consulted = {c.trajectory_id for c in self.db.list(SupervisorConsultation)}
        hand = {r.trajectory_id for r in self.db.list(MethodRecordBase, kind=MethodKind.HAND)}
        return next(t for t in self.trajectories(TrajectoryStatus.ACTIVE) if t.id in consulted and t.id in hand)

    def planned(self) -> Trajectory:
        return self.trajectories(TrajectoryStatus.PLANNED)[0]

    def completed(self) -> Trajectory:
        """A completed trajectory with a final POP whose employee has no other trajectory."""
        counts: dict[str, int] = {}
        for trajectory in self.db.list(Trajectory):
            counts[trajectory.employee_id] = counts.get(trajectory.employee_id, 0) + 1
        final = {p.trajectory_id for p in self.db.list(PopDocument) if p.status is PopStatus.FINAL}
        return next(
            t for t in self.trajectories(TrajectoryStatus.COMPLETED) if t.id in final and counts[t.employee_id] == 1
        )

    def stopped(self) -> Trajectory:
        return self.trajectories(TrajectoryStatus.STOPPED)[0]

    def follow_up(self) -> Trajectory:
        """A trajectory that follows a completed one and has its (draft) POP, which starts with the evaluation."""
        with_pop = {pop.trajectory_id for pop in self.db.list(PopDocument)}
        return next(
            t for t in self.trajectories(TrajectoryStatus.ACTIVE) if t.previous_trajectory_id and t.id in with_pop
        )

    def method_record(self, kind: MethodKind) -> MethodRecordBase | None:
        """The demo's latest record of a method kind on an active trajectory (None: the demo has none)."""
        active = {t.id for t in self.trajectories(TrajectoryStatus.ACTIVE)}
        found = [r for r in self.db.list(MethodRecordBase, kind=kind) if r.trajectory_id in active]
        return max(found, key=lambda r: (r.date or TODAY, r.id), default=None)

    def measurement(self) -> CompetentiemetingRecord:
        """The latest competence measurement of an active trajectory (an earlier one exists: growth)."""
        record = self.method_record(MethodKind.COMPETENTIEMETING)
        assert isinstance(record, CompetentiemetingRecord)
        return record

    def moments(self, trajectory: Trajectory) -> list[ContactMoment]:
        found = self.db.list(ContactMoment, employee_id=trajectory.employee_id)
        return sorted((m for m in found if m.trajectory_id == trajectory.id), key=lambda m: m.number)

    def held_moment(self) -> ContactMoment:
        """The active trajectory's last held moment (the one with the HAND record)."""
        return [m for m in self.moments(self.active()) if m.status is ContactMomentStatus.HELD][-1]

    def planned_moment(self) -> ContactMoment:
        return next(m for m in self.moments(self.active()) if m.status is ContactMomentStatus.PLANNED)

    def opstart(self) -> ContactMoment:
        """The planned opstart (contact moment 0) of a planned trajectory: it can be collective."""
        return self.moments(self.planned())[0]

    def employee(self, trajectory: Trajectory) -> Employee:
        return self.db.get(Employee, trajectory.employee_id)

    def search_word(self) -> str:
        """A word of the active trajectory's employee, to type in the command palette."""
        return self.employee(self.active()).last_name.split()[-1]

    def consultation(self) -> SupervisorConsultation:
        return next(c for c in self.db.list(SupervisorConsultation) if c.trajectory_id == self.active().id)

    def write_import_file(self) -> str:
        """A CSV for the import screen in :attr:`folder`; returns its name (the test runs in that folder)."""
        rows = [
            "voornaam;achternaam;functie;reflectievermogen",
            f"{self.prefix}Yasmine;{self.prefix}Peeters;{self.prefix}Medewerker onthaal;hoog",
            f"{self.prefix}Tom;Claes;Medewerker magazijn;laag",
            ";Zonder voornaam;;",
        ]
        (self.folder / "werknemers.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
        return "werknemers.csv"

    def write_competence_file(self) -> str:
        """A CSV for the competence import: a new competence, a known one, a row without a name."""
        rows = [
            "Competentie;Definitie;Soort;Gedragsindicator 1;Gedragsindicator 2;Gedragsindicator 3",
            f"{self.prefix}Inpakken;{self.prefix}Pakt producten in volgens de instructie.;technisch;"
            f"{self.prefix}Vouwt de doos;Telt de stuks;Plakt het etiket",
            "Samenwerken;Werkt samen met collega's.;generiek;Helpt een collega;Overlegt;Deelt materiaal",
            ";Zonder naam;generiek;;;",
        ]
        (self.folder / "woordenboek.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
        return "woordenboek.csv"


# -- the data the demo leaves empty ---------------------------------------------------------------


def enrich(database: Database) -> None:
    """Fill what the demo leaves empty, so those screens show something: the planning methods of the
    active trajectory, a start-up analysis and a draft."""
    from poptui.services import drafts

    look = Lookup(database, Path())
    trajectory, moment = look.active(), look.held_moment()
    employee = look.employee(trajectory)
    where: dict[str, Any] = {
        "employee_id": employee.id,
        "trajectory_id": trajectory.id,
        "contact_moment_id": moment.id,
        "date": moment.date,
    }
    matrix_options = [MatrixOption(text="Magazijn"), MatrixOption(text="Naaiatelier")]
    criteria = [MatrixCriterion(text="Dicht bij huis", weight=3), MatrixCriterion(text="Vaste uren", weight=1)]
    for option, scores in zip(matrix_options, ((3, 1), (1, 3)), strict=True):
        option.scores = {criterion.id: score for criterion, score in zip(criteria, scores, strict=True)}
    theme = MindmapNode(text="Werk")
    with database.transaction() as tx:
        tx.save(
            ScanRecord(
                **where,
                actions=[
                    ScanAction(domain=1, text="Vacatures lezen", employee_meaningful=10, employee_feasible=5),
                    ScanAction(domain=1, text="Cv maken", employee_meaningful=10, coach_meaningful=10, chosen=True),
                ],
            )
        )
        tx.save(
            SmartRecord(
                **where,
                challenges=[
                    SmartChallenge(
                        title="Een job in het magazijn",
                        actions=[SmartAction(text="Heftruckattest halen", meaningful=10, feasible=5)],
                    )
                ],
            )
        )
        tx.save(
            BeslissingsmatrixRecord(**where, question="Waar wil ik werken?", options=matrix_options, criteria=criteria)
        )
        tx.save(
            MindmapRecord(
                **where,
                theme="Mijn toekomst",
                nodes=[theme, MindmapNode(text="Magazijn", parent_id=theme.id), MindmapNode(text="Hobby", order=1)],
            )
        )
        tx.save(
            TijdslijnRecord(
                **where,
                start=TODAY.replace(day=1),
                moments=[TimelineMoment(date=TODAY + timedelta(days=30), text="Sollicitatiegesprek")],
            )
        )
        tx.save(
            StartupAnalysis(
                organisation_id=look.organisation().id,
                date=TODAY - timedelta(days=60),
                answers={"3.3.1.1": "Twintig doelgroepwerknemers in drie ateliers."},
            )
        )
    drafts.save_draft(
        database,
        f"employee-{employee.id}",
        f"Werknemer bewerken: {employee.full_name}",
        {"first_name": employee.first_name, "function": "Magazijnier"},
    )


# -- the hostile twin -----------------------------------------------------------------------------

_NOT_TEXT = {"id", "login", "version", "updated_by", "recorded_by", "consent_text_version", "kind"}


def _is_reference(key: str) -> bool:
    return key in _NOT_TEXT or key.endswith("_id") or key.endswith("_ids")


def _identifiers(value: Any, key: str = "") -> set[str]:
    """Every id in a dumped record: the values of id fields and every dict key (a pile, a card's
    notes), so a text that repeats one (a card id in a pile, a move's pile name) is a reference."""
    found: set[str] = set()
    if key == "piles" and isinstance(value, dict):  # a card game's piles name cards (also derived aspect ids)
        return {str(name) for name in value} | {str(card) for pile in value.values() for card in pile}
    if isinstance(value, str) and (_is_reference(key) or key == "card"):
        found.add(value)
    elif isinstance(value, list):
        for item in value:
            found |= _identifiers(item, key)
    elif isinstance(value, dict):
        for name, item in value.items():
            found.add(str(name))
            found |= _identifiers(item, str(name))
    return found


def _hostile(value: Any, key: str = "", keep: frozenset[str] = frozenset()) -> Any:
    """Every text in a dumped record with :data:`HOSTILE` in front (references, ids, enums kept)."""
    if isinstance(value, Enum) or _is_reference(key):
        return value
    if isinstance(value, str):
        return value if value in keep else HOSTILE + value
    if isinstance(value, list):
        return [_hostile(item, key, keep) for item in value]
    if isinstance(value, dict):
        return {name: _hostile(item, str(name), keep) for name, item in value.items()}
    return value


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


def _hostile_record(record: BaseModel) -> BaseModel:
    """The record with hostile texts. A text whose rules refuse the whole payload (a label of at most
    60 characters) gets only ``[/] `` in front; one that refuses that too (an e-mail address) keeps
    its value."""
    original = record.model_dump()
    changed = _hostile(original, keep=frozenset(_identifiers(original) - {""}))
    for _attempt in range(50):
        try:
            return type(record).model_validate(changed)
        except ValidationError as error:
            for problem in error.errors():
                *parent, leaf = problem["loc"]
                try:
                    before, now = _at(original, (*parent, leaf)), _at(changed, (*parent, leaf))
                except (KeyError, IndexError, TypeError):
                    raise error from None
                if not isinstance(before, str) or now == before:
                    raise
                _at(changed, tuple(parent))[leaf] = SHORT + before if now != SHORT + before else before
    raise AssertionError(f"could not make {type(record).__name__} hostile")


def make_hostile(database: Database) -> None:
    """Put the markup payloads in every stored text (names, functions, notes, goals, actions, ...)."""
    from poptui.services import drafts

    for record_type in RECORD_TYPES:
        if record_type is ConsentEvent:  # events are never rewritten; they hold no free text
            continue
        for record in database.list(record_type):
            try:
                database.save(_hostile_record(record))  # type: ignore[type-var]
            except StoreError as error:
                raise AssertionError(f"{record_type.__name__}: {error}") from error
    for draft in drafts.list_drafts(database):
        values = drafts.load_draft(database, draft["key"]) or {}
        drafts.save_draft(database, draft["key"], HOSTILE + draft["title"], _hostile(values))


# -- opening screens ------------------------------------------------------------------------------

Steps = Callable[[Pilot, Lookup], Awaitable[None]]


@dataclass(frozen=True)
class Opener:
    """How to reach one screen (or a state of it, or a dialog) from a running app."""

    name: str
    feature: str
    """The snapshot module it belongs to (tests/snapshots/test_snap_<feature>.py)."""
    expect: str
    """The class name of the screen on top once it is open."""
    steps: Steps
    keys: bool = True
    """Press the keys of its footer in the smoke test (False for a second state of a screen)."""
    snapshot: bool = True
    """Part of the snapshot suite (False when the screen shows a temporary path or a clock time)."""
    shows_data: bool = True
    """Shows stored text (on the hostile database: :data:`VISIBLE` must be on the screen)."""
    coach: bool = True
    """Start as the demo coach (False: start without a coach and ask who is using poptui)."""
    check: Callable[[Any, Lookup], bool] | None = field(default=None)
    """Extra check that the right screen opened (e.g. the method kind)."""


def _busy(app: Any) -> str:
    """What the app still has to do before the screen shows the outcome of the last key ('' when done).

    Pilot's own waits decide that the app is idle when the process used little CPU for 20 ms, which
    is also what a process starved by a loaded machine looks like; this asks the app instead."""
    if any(worker._thread_worker and not worker.is_finished for worker in app.workers):
        return "a thread worker"
    screen = app.screen
    if screen._callbacks or screen._layout_required or screen._repaint_required or screen._dirty_widgets:
        return "a refresh of the screen"
    for pump in (app, *(node for stacked in app.screen_stack for node in stacked.walk_children(with_self=True))):
        if pump._message_queue.qsize() or pump._next_callbacks:
            return f"messages for {type(pump).__name__}"
    return ""


async def settle(pilot: Pilot) -> None:
    """Wait until the app has done everything the last key asked: every queued message handled, the
    screen laid out and painted, callbacks after the refresh run, thread workers (a PDF, a preview, a
    check) finished and their results shown. Never a fixed time: on a loaded machine it just waits longer."""
    app = pilot.app
    for _round in range(SETTLE_ROUNDS):
        await pilot.pause()
        threads = [worker for worker in app.workers if worker._thread_worker and not worker.is_finished]
        if threads:
            await app.workers.wait_for_complete(threads)
            continue
        if app._exception is not None or not app.is_running or not _busy(app):
            return
    raise AssertionError(f"the app did not settle after {SETTLE_ROUNDS} rounds: still {_busy(app)}")


SETTLE_ROUNDS = 200
"""An app that is still busy after this many rounds never settles (something repaints in a loop)."""


async def press(pilot: Pilot, *pressed: str) -> None:
    """Press keys as :meth:`Pilot.press` does, then :func:`settle`.

    ``Pilot.press`` ends by waiting until every widget of the screen has handled what was queued
    (a callback posted to each one: 5 to 10 ms on a form); the first round of :func:`settle` waits
    for the same and more, so here that wait is done once per key instead of twice."""
    if pressed:
        await pilot.app._press_keys(pressed)
        await settle(pilot)


async def keys(pilot: Pilot, *pressed: str) -> None:
    for key in pressed:
        await press(pilot, key)


def make_app(database: Database, look: Lookup, opener: Opener) -> PopApp:
    if opener.coach:
        return PopApp(database, look.coach())
    return PopApp(database, None, ask_coach=True)


def screen_text(app: Any) -> str:
    """The text on the terminal now (the top screen, its toasts included)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def _nav(name: str, *args: Callable[[Lookup], Any], then: tuple[str, ...] = ()) -> Steps:
    """Call ``navigation.<name>(app, *[arg(look) ...])`` and press ``then``."""

    async def steps(pilot: Pilot, look: Lookup) -> None:
        from poptui.screens import navigation

        getattr(navigation, name)(pilot.app, *(arg(look) for arg in args))
        await settle(pilot)
        await keys(pilot, *then)

    return steps


def _press(*pressed: str) -> Steps:
    async def steps(pilot: Pilot, look: Lookup) -> None:
        await settle(pilot)
        await keys(pilot, *pressed)

    return steps


def _push(make: Callable[[Lookup], Any], then: tuple[str, ...] = ()) -> Steps:
    """Push a screen the app opens from a place that needs more than keys (a conflict, Ctrl+P)."""

    async def steps(pilot: Pilot, look: Lookup) -> None:
        await settle(pilot)
        pilot.app.push_screen(make(look))
        await settle(pilot)
        await keys(pilot, *then)

    return steps


async def _shrunk(pilot: Pilot, look: Lookup) -> None:
    """The window made smaller than 80x24: the too-small screen covers the work."""
    await settle(pilot)
    await pilot.resize_terminal(70, 20)
    await settle(pilot)


def _then(first: Steps, *pressed: str) -> Steps:
    async def steps(pilot: Pilot, look: Lookup) -> None:
        await first(pilot, look)
        await keys(pilot, *pressed)

    return steps


def _type(first: Steps, text: Callable[[Lookup], str], *after: str) -> Steps:
    async def steps(pilot: Pilot, look: Lookup) -> None:
        await first(pilot, look)
        await press(pilot, *text(look))
        await keys(pilot, *after)

    return steps


def _without_draft(first: Steps) -> Steps:
    """``first``, then Escape on the question to restore a draft when there is one (the first time
    a form opens; a form opened again after a save has no draft left to offer)."""

    async def steps(pilot: Pilot, look: Lookup) -> None:
        from poptui.screens.dialogs import ConfirmDialog

        await first(pilot, look)
        if isinstance(pilot.app.screen, ConfirmDialog):
            await keys(pilot, "escape")

    return steps


def _employee_id(trajectory: Callable[[Lookup], Trajectory]) -> Callable[[Lookup], str]:
    return lambda look: trajectory(look).employee_id


def _id(get: Callable[[Lookup], Any]) -> Callable[[Lookup], str]:
    return lambda look: get(look).id


def _drafts(look: Lookup) -> Any:
    from poptui.screens.drafts_screen import DraftsScreen

    return DraftsScreen()


def _person_rights(look: Lookup) -> Any:
    from poptui.screens.person_rights import PersonRightsScreen

    return PersonRightsScreen()


def _welcome(look: Lookup) -> Any:
    """The first-run welcome (the app shows it on an empty database; the screen is the same here)."""
    from poptui.screens.welcome import WelcomeScreen

    return WelcomeScreen()


def _consultation_form(look: Lookup) -> Any:
    from poptui.screens.consultation import SupervisorConsultationForm

    trajectory = look.active()
    return SupervisorConsultationForm(trajectory.employee_id, trajectory.id, look.consultation().id)


def _conflict(look: Lookup) -> Any:
    from poptui.screens.conflict_dialog import ConflictDialog

    employee = look.employee(look.active())
    return ConflictDialog(
        "Iemand anders heeft deze werknemer intussen gewijzigd.",
        [("Functie", employee.function, "Magazijnier"), ("Opmerkingen", "Werkt liefst in de voormiddag.", "")],
        f"Werknemer bewerken: {employee.full_name} (apart gehouden 10/03 09:00)",
    )


def _method(kind: MethodKind) -> Opener:
    """The screen of a method kind, on the demo's record of it (its header names the employee: stored text)."""
    from poptui.screens.method_registry import method_screen

    def kind_shown(screen: Any, look: Lookup) -> bool:
        return getattr(screen, "kind", None) is kind

    return Opener(
        f"method_{kind.value}",
        "methods",
        method_screen(kind).__name__,  # type: ignore[attr-defined]
        _open_method(kind),
        snapshot=kind in SNAPSHOT_KINDS,
        check=kind_shown,
    )


def _open_method(kind: MethodKind) -> Steps:
    """Open the method's screen on the demo's record of that kind (the latest on an active trajectory,
    on its contact moment); a kind the demo has no record of opens new on the active trajectory's held
    moment (a new card game first asks how to play it: take what is offered)."""

    async def steps(pilot: Pilot, look: Lookup) -> None:
        from poptui.screens import navigation

        record = look.method_record(kind)
        if record is not None:
            where = (record.employee_id, record.trajectory_id, record.contact_moment_id)
        else:
            where = (look.active().employee_id, look.active().id, look.held_moment().id)
        navigation.open_method(pilot.app, where[0], where[1], kind.value, where[2])
        await settle(pilot)
        if record is None:
            await keys(pilot, *CARD_DIALOG_KINDS.get(kind, ()))

    return steps


CARD_DIALOG_KINDS = {
    MethodKind.KWALITEITENSPEL: ("ctrl+s",),
    MethodKind.VAARDIGHEDENSPEL: ("enter",),
    MethodKind.VIER_OP_EEN_RIJ: ("enter", "ctrl+s"),
}
"""Card games that open with a choice (deck, variant) when no game was played on the moment yet."""

SNAPSHOT_KINDS = {
    MethodKind.SCAN,
    MethodKind.SMART,
    MethodKind.BESLISSINGSMATRIX,
    MethodKind.MINDMAP,
    MethodKind.TIJDSLIJN,
    MethodKind.COMPETENTIEMETING,
    MethodKind.KWALITEITENSPEL,
    MethodKind.VAARDIGHEDENSPEL,
    MethodKind.VIER_OP_EEN_RIJ,
    MethodKind.DROOMPAGINA,
    MethodKind.PRENTENBEELD,
}
"""The method screens with a picture here, each on the demo's record (the five conversation methods have
theirs, step by step, in tests/snapshots/test_snap_conversation_methods.py)."""

_employees = _press("w")
_employee_page = _nav("open_employee", _employee_id(Lookup.active))
_organisation = _nav("open_organisation", _id(Lookup.organisation))
_hours = _then(_organisation, "u")
_trajectory = _nav("open_trajectory", _id(Lookup.active))
_moment_planned = _nav("open_contact_moment", _employee_id(Lookup.active), _id(Lookup.planned_moment))
_moment_held = _nav("open_contact_moment", _employee_id(Lookup.active), _id(Lookup.held_moment))
_wizard = _nav("new_trajectory", _employee_id(Lookup.completed), _id(Lookup.completed))
_pop_draft = _nav("open_pop", _id(Lookup.follow_up))
_pop_final = _nav("open_pop", _id(Lookup.completed))
_scan = _nav(
    "open_method",
    _employee_id(Lookup.active),
    _id(Lookup.active),
    lambda look: MethodKind.SCAN.value,
    _id(Lookup.held_moment),
)
_smart = _nav(
    "open_method",
    _employee_id(Lookup.active),
    _id(Lookup.active),
    lambda look: MethodKind.SMART.value,
    _id(Lookup.held_moment),
)
_import = _then(_nav("open_employees", _id(Lookup.organisation)), "f4")
_dictionary = _then(_organisation, "c")
_competence_import = _then(_dictionary, "f7")
_measurement = _open_method(MethodKind.COMPETENTIEMETING)
_quality_game = _open_method(MethodKind.KWALITEITENSPEL)
_skills_game = _open_method(MethodKind.VAARDIGHEDENSPEL)

OPENERS: list[Opener] = [
    # -- start, search, help ----------------------------------------------------------------------
    Opener("home", "home", "HomeScreen", _press()),
    Opener("home_all_coaches", "home", "HomeScreen", _press("a"), keys=False),
    Opener("too_small", "home", "TooSmallScreen", _shrunk, keys=False, snapshot=False, shows_data=False),
    Opener("coach_select", "home", "CoachSelectScreen", _press(), coach=False),
    Opener("new_trajectory_choice", "home", "ChooseDialog", _press("n")),
    Opener("help", "home", "HelpScreen", _press("f1"), shows_data=False),
    Opener("pop_in_five_minutes", "home", "PopInFiveMinutesScreen", _press("f1", "p"), shows_data=False),
    Opener("home_high_contrast", "home", "HomeScreen", _press("f9"), keys=False),
    Opener("welcome", "home", "WelcomeScreen", _push(_welcome), shows_data=False),
    Opener(
        "welcome_coach",
        "home",
        "FirstCoachForm",
        _type(_push(_welcome, ("s",)), lambda look: "Atelier Oost", "ctrl+s"),
        shows_data=False,
    ),
    Opener("palette", "home", "PopCommandPalette", _type(_press("ctrl+p"), Lookup.search_word), keys=False),
    Opener("agenda", "home", "AgendaScreen", _press("g")),
    Opener("drafts", "home", "DraftsScreen", _push(_drafts)),
    Opener("draft_content", "home", "MessageDialog", _push(_drafts, ("m",)), keys=False, snapshot=False),
    Opener("conflict", "home", "ConflictDialog", _push(_conflict)),
    # -- employees ----------------------------------------------------------------------------------
    Opener("employees", "employees", "EmployeesScreen", _employees),
    Opener("employees_filtered", "employees", "EmployeesScreen", _type(_employees, lambda look: "atelier"), keys=False),
    Opener(
        "employees_of_organisation",
        "employees",
        "EmployeesScreen",
        _nav("open_employees", _id(Lookup.organisation)),
        keys=False,
        snapshot=False,
    ),
    Opener("employee_page", "employees", "EmployeeScreen", _employee_page),
    Opener("employee_archived", "employees", "EmployeeScreen", _then(_employee_page, "a", "j"), keys=False),
    Opener("employee_archive_question", "employees", "ConfirmDialog", _then(_employee_page, "a")),
    Opener("employee_new", "employees", "EmployeeForm", _then(_employees, "f3"), shows_data=False),
    Opener(
        "employee_draft_offered",
        "employees",
        "ConfirmDialog",
        _then(_employee_page, "e"),
        shows_data=False,
        snapshot=False,
    ),
    Opener("employee_edit", "employees", "EmployeeForm", _without_draft(_then(_employee_page, "e"))),
    Opener("employee_history", "employees", "MessageDialog", _then(_employee_page, "g"), snapshot=False),
    Opener("employee_consent", "employees", "ConsentDialog", _then(_employee_page, "c")),
    Opener("import", "employees", "ImportEmployeesScreen", _import),
    Opener(
        "import_preview",
        "employees",
        "ImportEmployeesScreen",
        _type(_import, Lookup.write_import_file, "enter"),
        keys=False,
    ),
    # -- organisations ------------------------------------------------------------------------------
    Opener("organisations", "organisations", "OrganisationsScreen", _press("o")),
    Opener("organisation", "organisations", "OrganisationScreen", _organisation),
    Opener(
        "organisation_new", "organisations", "OrganisationForm", _press("o", "f3"), shows_data=False, snapshot=False
    ),
    Opener("organisation_edit", "organisations", "OrganisationForm", _then(_organisation, "r")),
    Opener("person_new", "organisations", "PersonForm", _then(_organisation, "p"), shows_data=False, snapshot=False),
    Opener("person_edit", "organisations", "PersonForm", _then(_organisation, "e")),
    Opener("hours", "organisations", "OrganisationHoursScreen", _hours),
    Opener("hours_new", "organisations", "HoursForm", _then(_hours, "f3"), shows_data=False),
    Opener("hours_edit", "organisations", "HoursForm", _then(_hours, "f4"), snapshot=False),
    Opener("startup_analysis", "organisations", "StartupAnalysisScreen", _then(_organisation, "s")),
    Opener("blank_worksheets", "organisations", "BlankWorksheetDialog", _then(_organisation, "b")),
    # -- trajectories and contact moments ------------------------------------------------------------
    Opener("trajectory_active", "trajectory", "TrajectoryScreen", _trajectory),
    Opener("trajectory_planned", "trajectory", "TrajectoryScreen", _nav("open_trajectory", _id(Lookup.planned))),
    Opener("trajectory_completed", "trajectory", "TrajectoryScreen", _nav("open_trajectory", _id(Lookup.completed))),
    Opener(
        "trajectory_stopped", "trajectory", "TrajectoryScreen", _nav("open_trajectory", _id(Lookup.stopped)), keys=False
    ),
    Opener(
        "trajectory_follow_up",
        "trajectory",
        "TrajectoryScreen",
        _nav("open_trajectory", _id(Lookup.follow_up)),
        keys=False,
    ),
    Opener("trajectory_status", "trajectory", "ChooseDialog", _then(_trajectory, "s"), shows_data=False),
    Opener(
        "trajectory_method_choice",
        "trajectory",
        "ChooseDialog",
        _then(_trajectory, "m"),
        shows_data=False,
        snapshot=False,
    ),
    Opener(
        "trajectory_print_question",
        "trajectory",
        "ConfirmDialog",
        _then(_trajectory, "d"),
        shows_data=False,
        snapshot=False,
    ),
    Opener(
        "trajectory_printed",
        "trajectory",
        "PrintResultDialog",
        _then(_nav("open_trajectory", _id(Lookup.completed)), "d"),
        snapshot=False,
        shows_data=False,
    ),
    Opener("consultation_new", "trajectory", "SupervisorConsultationForm", _then(_trajectory, "o"), snapshot=False),
    Opener("consultation_edit", "trajectory", "SupervisorConsultationForm", _push(_consultation_form)),
    Opener("moment_held", "trajectory", "ContactMomentScreen", _moment_held),
    Opener("moment_planned", "trajectory", "ContactMomentScreen", _moment_planned),
    Opener(
        "moment_opstart",
        "trajectory",
        "ContactMomentScreen",
        _nav("open_contact_moment", _employee_id(Lookup.planned), _id(Lookup.opstart)),
    ),
    Opener(
        "moment_guidance", "trajectory", "MessageDialog", _then(_moment_held, "f3"), shows_data=False, snapshot=False
    ),
    Opener("moment_skip", "trajectory", "ReasonDialog", _then(_moment_planned, "f8"), shows_data=False),
    Opener("moment_methods", "trajectory", "ChecklistDialog", _then(_moment_planned, "f4"), shows_data=False),
    Opener(
        "moment_leave_changed",
        "trajectory",
        "SaveChangesDialog",
        _then(_moment_planned, "tab", "tab", "end", "1", "escape"),
        shows_data=False,
    ),
    Opener("wizard", "trajectory", "NewTrajectoryScreen", _wizard),
    Opener("wizard_explain", "trajectory", "MessageDialog", _then(_wizard, "i"), shows_data=False),
    Opener("plan", "trajectory", "PlanScreen", _then(_wizard, "v")),
    # -- the POP ------------------------------------------------------------------------------------
    Opener("pop_draft", "pop", "PopScreen", _pop_draft),
    Opener("pop_final", "pop", "PopScreen", _pop_final),
    Opener("pop_summary", "pop", "PopScreen", _then(_pop_final, "1"), keys=False),
    Opener("pop_finalise_refused", "pop", "MessageDialog", _then(_pop_draft, "f"), shows_data=False),
    Opener("action_new", "pop", "ActionForm", _then(_pop_draft, "a"), shows_data=False, snapshot=False),
    Opener("action_edit", "pop", "ActionForm", _then(_pop_draft, "e")),
    Opener("action_progress", "pop", "ProgressForm", _then(_pop_draft, "u")),
    Opener("pop_item_new", "pop", "PopItemForm", _then(_pop_draft, "1", "a"), shows_data=False),
    Opener("follow_up", "pop", "FollowUpScreen", _then(_pop_draft, "v")),
    Opener("upload", "pop", "UploadDialog", _then(_pop_final, "m")),
    # -- methods: every kind, and the planning methods' own dialogs -------------------------------
    *(_method(kind) for kind in MethodKind),
    Opener("scan_new_action", "methods", "TextPromptDialog", _then(_scan, "a"), shows_data=False, snapshot=False),
    Opener("scan_smart_fields", "methods", "PlannedActionForm", _then(_scan, "s")),
    Opener("smart_questions", "methods", "CoachingQuestionsForm", _then(_smart, "q"), shows_data=False),
    Opener("card_one_card", "methods", "OneCardView", _then(_quality_game, "v"), shows_data=False),
    Opener("card_result", "methods", "ResultDialog", _then(_quality_game, "r")),
    Opener(
        "skills_matrix",
        "methods",
        "VaardighedenspelScreen",
        _then(_skills_game, "p"),
        keys=False,
        shows_data=False,
    ),
    # -- competences: the organisation's dictionary, profiles, import; growth; the measurement's dialogs
    Opener("dictionary", "competences", "CompetenceDictionaryScreen", _dictionary),
    Opener("competence_new", "competences", "CompetenceForm", _then(_dictionary, "f3"), shows_data=False, keys=False),
    Opener("competence_edit", "competences", "CompetenceForm", _then(_dictionary, "f4")),
    Opener("scale", "competences", "ScaleForm", _then(_dictionary, "f8"), shows_data=False),
    Opener("profiles", "competences", "FunctionProfilesScreen", _then(_dictionary, "f6")),
    Opener("profile_edit", "competences", "ProfileForm", _then(_dictionary, "f6", "f4")),
    Opener("competence_import", "competences", "ImportCompetencesScreen", _competence_import),
    Opener(
        "competence_import_preview",
        "competences",
        "ImportCompetencesScreen",
        _type(_competence_import, Lookup.write_competence_file, "enter"),
        keys=False,
    ),
    Opener(
        "growth",
        "competences",
        "CompetenceGrowthScreen",
        _nav("open_competence_growth", lambda look: look.measurement().employee_id),
    ),
    Opener("measurement_notes", "competences", "MeasurementNotesForm", _then(_measurement, "n")),
    Opener("conclusion", "competences", "ConclusionDialog", _then(_measurement, "f4")),
    # -- registration and reports -------------------------------------------------------------------
    Opener("trainings", "registration", "TrainingsScreen", _press("t")),
    Opener("training_new", "registration", "TrainingForm", _press("t", "f3"), snapshot=False),
    Opener("training_edit", "registration", "TrainingForm", _press("t", "f4")),
    Opener("month_report", "registration", "MonthReportScreen", _press("m"), shows_data=False),
    Opener("compliance", "registration", "ComplianceScreen", _press("b")),
    Opener("compliance_organisation", "registration", "ChooseDialog", _press("b", "o")),
    Opener("person_rights", "registration", "PersonRightsScreen", _push(_person_rights)),
]


def openers(feature: str | None = None) -> list[Opener]:
    return [opener for opener in OPENERS if feature is None or opener.feature == feature]


def opener_ids(items: list[Opener]) -> list[str]:
    return [opener.name for opener in items]


def screen_classes() -> list[type[Screen[Any]]]:
    """Every screen and dialog class under screens/, but the bases other screens derive from."""
    import importlib
    import pkgutil

    import poptui.screens

    found: set[type[Screen[Any]]] = set()
    for module in pkgutil.walk_packages(poptui.screens.__path__, "poptui.screens."):
        for value in vars(importlib.import_module(module.name)).values():
            if isinstance(value, type) and issubclass(value, Screen) and value.__module__ == module.name:
                found.add(value)
    bases = {base for cls in found for base in cls.__mro__[1:]}
    return sorted(found - bases, key=lambda cls: cls.__name__)


def is_open(app: Any, opener: Opener, look: Lookup) -> bool:
    """Whether the screen the opener promises is on top."""
    screen = app.screen
    if opener.expect and type(screen).__name__ != opener.expect:
        return False
    return opener.check is None or opener.check(screen, look)
