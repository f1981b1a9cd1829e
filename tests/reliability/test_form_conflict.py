"""Two coaches editing the same employee: the second save is refused, the screen offers reload or keep aside.

Also: a special-category field without consent shows the reason beside the field,
and a hang-up (SIGHUP) writes the open form as a draft that is offered back.
"""

from __future__ import annotations

import os
import pty
import select
import signal
import sys
import time
from typing import Any, ClassVar

import pytest
from poptui.screens.conflict_dialog import ConflictDialog
from poptui.screens.employee_form import EmployeeForm
from poptui.screens.widgets.form import FormField, FormScreen
from textual.app import ComposeResult
from textual.widgets import Input, TextArea

from poptui.app import PopApp
from poptui.models import ContactMoment, Employee, Trajectory
from poptui.services import drafts
from poptui.store import Database


def _first_employee(db: Database) -> Employee:
    return sorted(db.list(Employee), key=lambda employee: employee.last_name)[0]


async def _open_form_and_type(app: PopApp, pilot: Any, employee: Employee, text: str) -> EmployeeForm:
    form = EmployeeForm(employee.id)
    await app.push_screen(form)
    await pilot.pause()
    function = form.query_one("#field-function", FormField).widget
    function.focus()
    function.value = ""
    await pilot.press(*text)
    return form


async def test_second_save_is_refused_and_the_coach_keeps_their_text(demo_db: Database) -> None:
    employee = _first_employee(demo_db)
    app = PopApp(demo_db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _open_form_and_type(app, pilot, employee, "Mijn functie")
        other = Database.open(demo_db.path, actor="tom")
        other.save(other.get(Employee, employee.id).model_copy(update={"function": "Functie van Tom"}))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConflictDialog)
        assert "tom" in app.screen.message and "gewijzigd" in app.screen.message
        assert ("Functie", "Mijn functie", "Functie van Tom") in app.screen.differences
        assert demo_db.get(Employee, employee.id).function == "Functie van Tom"  # nothing overwritten
        aside = [item for item in drafts.list_drafts(demo_db) if "--apart-" in item["key"]]
        assert len(aside) == 1
        await pilot.press("a")  # typing on: a letter does not answer
        await pilot.pause()
        assert isinstance(app.screen, ConflictDialog)
        await pilot.press("escape")  # keep my text
        await pilot.pause()
        assert app.screen is form and form.values()["function"] == "Mijn functie" and form.dirty
        await pilot.press("ctrl+s")  # now knowingly, after seeing Tom's version
        await pilot.pause()
        assert demo_db.get(Employee, employee.id).function == "Mijn functie"


async def test_reload_shows_the_other_version_and_keeps_own_text_as_draft(demo_db: Database) -> None:
    employee = _first_employee(demo_db)
    app = PopApp(demo_db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _open_form_and_type(app, pilot, employee, "Mijn tekst")
        other = Database.open(demo_db.path, actor="tom")
        other.save(other.get(Employee, employee.id).model_copy(update={"function": "Van Tom"}))
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        assert app.screen is form and form.values()["function"] == "Van Tom" and not form.dirty
        [aside] = [item for item in drafts.list_drafts(demo_db) if "--apart-" in item["key"]]
        assert drafts.load_draft(demo_db, aside["key"])["function"] == "Mijn tekst"
        await pilot.press("ctrl+s")  # saving the reloaded version is fine
        await pilot.pause()
        assert demo_db.get(Employee, employee.id).version == 3


class _SensitiveMoment(ContactMoment):
    sensitive_fields: ClassVar[frozenset[str]] = frozenset({"notes"})


class _NotesForm(FormScreen):
    form_title = "Notities"
    model = _SensitiveMoment

    def __init__(self, employee_id: str, trajectory_id: str) -> None:
        super().__init__(f"test-notes-{employee_id}")
        self.employee_id, self.trajectory_id = employee_id, trajectory_id

    def compose_fields(self) -> ComposeResult:
        yield FormField("notes", "Lichamelijke belemmeringen", TextArea(compact=True))
        yield FormField("goals", "Doel", Input(compact=True))

    def save_record(self, values: dict[str, Any]) -> Any:
        return self.app.database.save(
            _SensitiveMoment(  # type: ignore[attr-defined]
                employee_id=self.employee_id,
                trajectory_id=self.trajectory_id,
                number=1,
                phase="analyse",
                notes=values["notes"],
                goals=[values["goals"]] if values["goals"] else [],
            )
        )


async def test_sensitive_field_without_consent_shows_why(demo_db: Database) -> None:
    without = next(employee for employee in demo_db.list(Employee) if employee.consent_date is None)
    trajectory = demo_db.save(
        Trajectory(employee_id=without.id, variant="variant_1", reflection="laag", intensity="laag")
    )
    app = PopApp(demo_db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        form = _NotesForm(without.id, trajectory.id)
        await app.push_screen(form)
        await pilot.pause()
        form.query_one("#field-notes", FormField).widget.focus()
        await pilot.press(*"rugklachten")
        await pilot.press("ctrl+s")
        await pilot.pause()
        field = form.query_one("#field-notes", FormField)
        assert field.has_class("-invalid")
        assert "Toestemming nodig" in str(field.query_one(".field-error").render())
        assert app.screen is form and form.values()["notes"] == "rugklachten"
        assert not [
            moment for moment in demo_db.list(ContactMoment, employee_id=without.id) if moment.notes == "rugklachten"
        ]


async def test_hang_up_writes_drafts_of_open_forms(demo_db: Database) -> None:
    employee = _first_employee(demo_db)
    app = PopApp(demo_db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_form_and_type(app, pilot, employee, "Getypt voor de verbinding wegviel")
        app._hang_up(signal.SIGHUP, None)
        await pilot.pause()
    draft = drafts.load_draft(demo_db, f"employee-{employee.id}")
    assert draft is not None and draft["function"] == "Getypt voor de verbinding wegviel"


def _read_until(fd: int, needle: bytes, limit: float = 30.0) -> bytes:
    seen = b""
    deadline = time.monotonic() + limit
    while needle not in seen and time.monotonic() < deadline:
        ready, _w, _x = select.select([fd], [], [], 0.5)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
    return seen


@pytest.mark.skipif(not hasattr(os, "forkpty") or sys.platform != "linux", reason="needs a pty")
def test_sighup_to_a_running_poptui_in_a_pty_saves_the_draft(demo_db: Database, tmp_path) -> None:
    employee = _first_employee(demo_db)
    ready = tmp_path / "klaar"
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child becomes poptui
        os.environ.update({"TERM": "xterm", "COLUMNS": "80", "LINES": "24", "USER": "tester", "NO_COLOR": "1"})
        code = (
            "import sys\n"
            "from poptui.app import PopApp\n"
            "from poptui.screens.employee_form import EmployeeForm\n"
            "from poptui.store import Database\n"
            f"db = Database.open({str(demo_db.path)!r}, actor='tester')\n"
            "class App(PopApp):\n"
            "    def on_mount(self):\n"
            "        super().on_mount()\n"
            f"        form = EmployeeForm({employee.id!r})\n"
            "        self.push_screen(form)\n"
            "        def typed():\n"
            "            if form._loading:  # the form is still loading (slow machine): wait\n"
            "                self.set_timer(0.1, typed)\n"
            "                return\n"
            "            form.query_one('#field-function').widget.value = 'Via SSH getypt'\n"
            "            form.dirty = True\n"
            f"            open({str(ready)!r}, 'w').close()\n"
            "        self.set_timer(0.3, typed)\n"
            "App(db, None, ask_coach=False).run()\n"
        )
        os.execv(sys.executable, [sys.executable, "-c", code])
    try:
        deadline = time.monotonic() + 90  # generous: a loaded CI machine starts Python slowly
        while not ready.exists() and time.monotonic() < deadline:
            _read_until(fd, b"\x00", 0.2)  # keep the pty drained
        assert ready.exists(), "the app did not start"
        os.kill(pid, signal.SIGHUP)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            finished, _status = os.waitpid(pid, os.WNOHANG)
            if finished:
                break
            _read_until(fd, b"\x00", 0.2)
        else:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    finally:
        os.close(fd)
    draft = drafts.load_draft(Database.open(demo_db.path, actor="tester"), f"employee-{employee.id}")
    assert draft is not None and draft["function"] == "Via SSH getypt"
