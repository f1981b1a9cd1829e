"""The audit trail: every create, change, delete, export and erase, with who and which fields; append-only."""

from __future__ import annotations

import json

from poptui.cli import main
from poptui.models import AuditAction, Employee, Organisation
from poptui.services.person_rights import erase_person, export_person
from poptui.store import Database
from poptui.store import audit as audit_log

SECRET = "Geheime-Opmerking-Xq7"


def _employee(db: Database) -> Employee:
    organisation = db.save(Organisation(name="Atelier"))
    return db.save(Employee(first_name="Zoë", last_name="Vermeulen", organisation_id=organisation.id, remarks=SECRET))


def test_every_kind_of_event_is_recorded_without_values(db: Database, tmp_path) -> None:
    employee = _employee(db)
    changed = db.save(employee.model_copy(update={"function": "Inpak", "remarks": SECRET + "2"}))
    export_person(db, employee.id, tmp_path / "out")
    db.record_event(AuditAction.PRINT, changed)
    other = db.save(Employee(first_name="Weg", last_name="Ermee", organisation_id=employee.organisation_id))
    db.delete(other)
    events = db.audit_events(employee.id)
    actions = [event.action for event in events]
    assert actions[:3] == [AuditAction.CREATE, AuditAction.UPDATE, AuditAction.EXPORT]
    assert actions[-1] == AuditAction.PRINT and set(actions[2:-1]) == {AuditAction.EXPORT}  # json + PDFs
    assert events[1].fields == ["function", "remarks"] and events[1].actor == "tester"
    assert all(event.record_id == employee.id and event.at for event in events)
    assert [event.action for event in db.audit_events(other.id)] == [AuditAction.CREATE, AuditAction.DELETE]
    text = (db.path / audit_log.AUDIT_FILE).read_text(encoding="utf-8")
    for personal in (SECRET, "Zoë", "Vermeulen", "Inpak", "Atelier"):
        assert personal not in text


def test_tampering_breaks_the_chain_and_check_says_so(db: Database, capsys) -> None:
    employee = _employee(db)
    db.save(employee.model_copy(update={"function": "a"}))
    path = db.path / audit_log.AUDIT_FILE
    lines = path.read_text().splitlines()
    assert audit_log.verify(path) == [] and main(["check", "--db", str(db.path)]) == 0
    entry = json.loads(lines[1])
    entry["actor"] = "iemand-anders"
    path.write_text("\n".join([lines[0], json.dumps(entry), *lines[2:]]) + "\n")
    assert any("gewijzigd na het schrijven" in problem for problem in audit_log.verify(path))
    path.write_text("\n".join([lines[0], *lines[2:]]) + "\n")
    assert any("keten is onderbroken" in problem for problem in audit_log.verify(path))
    assert main(["check", "--db", str(db.path)]) == 1
    assert "Auditlog" in capsys.readouterr().out


def test_erasure_keeps_the_chain_whole_and_holds_no_personal_data(db: Database) -> None:
    employee = _employee(db)
    erase_person(db, employee.id)
    events = list(db.audit_events(employee.id))
    assert events[-1].action is AuditAction.ERASE and events[-1].fields == []
    assert audit_log.verify(db.path / audit_log.AUDIT_FILE) == []
    assert "Vermeulen" not in (db.path / audit_log.AUDIT_FILE).read_text(encoding="utf-8")
    assert main(["check", "--db", str(db.path)]) == 0
