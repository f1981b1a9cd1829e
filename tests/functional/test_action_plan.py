"""The action plan with the keyboard: add via the action form, edit in place, reorder, delete
with confirmation, finalise refused then accepted; always checked against the store."""

from __future__ import annotations

from datetime import date

import pytest
from poptui.screens import navigation
from poptui.screens.action_form import ActionForm
from poptui.screens.dialogs import ConfirmDialog, MessageDialog
from poptui.screens.pop_document import PopScreen
from scenarios import FrozenClock
from textual.widgets import TextArea

from poptui.app import PopApp
from poptui.models import (
    CompetenceKind,
    Employee,
    Level,
    PopDocument,
    PopStatus,
    Trajectory,
    TrajectoryStatus,
    VariantId,
)
from poptui.store import Database

TODAY = date(2026, 3, 2)


@pytest.fixture
def trajectory(db: Database, clock: FrozenClock) -> Trajectory:
    clock.set(TODAY)
    employee = db.save(Employee(first_name="Inès", last_name="Van den Broeck", organisation_id="org"))
    return db.save(
        Trajectory(
            employee_id=employee.id,
            variant=VariantId.BASIS,
            reflection=Level.MEDIUM,
            intensity=Level.MEDIUM,
            status=TrajectoryStatus.ACTIVE,
            start_date=date(2026, 1, 5),
        )
    )


async def _add_action(
    pilot,
    app: PopApp,
    what: str,
    who: str,
    deadline: str,
    result: str,
    kind: CompetenceKind,
) -> None:
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(app.screen, ActionForm)
    assert isinstance(app.focused, TextArea)
    await pilot.press(*what, "tab", *who, "tab", *deadline, "tab", *result)
    app.screen.query_one("#field-kind").widget.value = kind  # type: ignore[attr-defined]
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(app.screen, PopScreen)


def _stored(db: Database, trajectory: Trajectory) -> PopDocument:
    return db.list(PopDocument, employee_id=trajectory.employee_id, trajectory_id=trajectory.id)[0]


async def test_edit_the_action_table_with_keys_and_finalise(db: Database, trajectory: Trajectory) -> None:
    app = PopApp(db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_pop(app, trajectory.id)
        await pilot.pause()
        assert isinstance(app.screen, PopScreen)
        await _add_action(pilot, app, "Samenwerken", "Luc", "01/06/2026", "Drie overleggen", CompetenceKind.GENERIC)
        await _add_action(pilot, app, "Heftruck", "", "", "Attest", CompetenceKind.TECHNICAL)
        pop = _stored(db, trajectory)
        assert [(a.what, a.kind) for a in pop.actions] == [
            ("Samenwerken", CompetenceKind.GENERIC),
            ("Heftruck", CompetenceKind.TECHNICAL),
        ]
        problems = str(app.screen.query_one("#action-problems").render())
        assert "Actie 2 is nog niet SMART" in problems and "Er is geen deadline" in problems

        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, MessageDialog)
        assert "Actie 2: Er is geen deadline (tegen wanneer)." in app.screen.text
        assert "Actie 2: Niemand helpt" in app.screen.text
        await pilot.press("escape")
        assert _stored(db, trajectory).status is PopStatus.DRAFT

        await pilot.press("enter")  # edit the selected (second) action in place
        await pilot.pause()
        assert isinstance(app.screen, ActionForm)
        await pilot.press("tab", *"Karim", "tab", *"15/05/2026", "ctrl+s")
        await pilot.pause()
        pop = _stored(db, trajectory)
        assert (pop.actions[1].who_helps, pop.actions[1].deadline) == ("Karim", date(2026, 5, 15))

        await pilot.press("K")
        await pilot.pause()
        assert [a.what for a in _stored(db, trajectory).actions] == ["Heftruck", "Samenwerken"]

        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Weg", "ctrl+s")
        await pilot.pause()
        assert len(_stored(db, trajectory).actions) == 3
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        assert len(_stored(db, trajectory).actions) == 3
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
        assert [a.what for a in _stored(db, trajectory).actions] == ["Heftruck", "Samenwerken"]

        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)  # what finalising means, and a question
        assert "Definitief betekent" in app.screen.question
        await pilot.press("n")
        await pilot.pause()
        assert _stored(db, trajectory).status is PopStatus.DRAFT
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, PopScreen)
        stored = _stored(db, trajectory)
        assert stored.status is PopStatus.FINAL and stored.finalised_on == TODAY
        state = str(app.screen.query_one("#pop-state").render())
        assert "Definitief sinds 02/03/2026" in state

        await pilot.press("a")  # a final POP is not edited
        await pilot.pause()
        assert isinstance(app.screen, PopScreen)
        assert len(_stored(db, trajectory).actions) == 2

        await pilot.press("enter")  # but every action reads whole, read-only
        await pilot.pause()
        assert isinstance(app.screen, MessageDialog)
        assert "Samenwerken" in app.screen.text and "alleen lezen" in app.screen.title_text
        await pilot.press("escape")


async def test_progress_update_on_a_final_pop(db: Database, trajectory: Trajectory) -> None:
    from poptui.screens.action_form import ProgressForm

    from poptui.models import PopAction

    db.save(
        PopDocument(
            employee_id=trajectory.employee_id,
            trajectory_id=trajectory.id,
            status=PopStatus.FINAL,
            finalised_on=TODAY,
            actions=[PopAction(what="Heftruck", kind=CompetenceKind.TECHNICAL)],
        )
    )
    app = PopApp(db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_pop(app, trajectory.id)
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, ProgressForm)
        app.screen.query_one("#field-progress").widget.value = 4  # type: ignore[attr-defined]
        app.screen.query_one("#field-note").widget.load_text("Bijna klaar")  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await pilot.pause()
        [update] = _stored(db, trajectory).actions[0].progress
        assert (update.date, update.progress, update.note) == (TODAY, 4, "Bijna klaar")
        assert isinstance(app.screen, PopScreen)
