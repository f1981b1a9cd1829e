"""Looking people and organisations up by name: lists, filters, the command palette."""

from __future__ import annotations

from poptui.models import Employee, Organisation, Person, Trajectory, TrajectoryStatus
from poptui.store import Database
from poptui.text import fold_key


def fold(text: str) -> str:
    """Letters and digits of any script, lower-case, accents removed: 'Inès' and 'ines' match (see fold_key)."""
    return fold_key(text)


def matches(query: str, *texts: str) -> bool:
    """Every word of the query occurs in one of the texts (accents and case ignored)."""
    return matches_key(query_words(query), search_key(*texts))


def search_key(*texts: str) -> str:
    """The texts as :func:`matches` compares them; keep it when filtering one list many times (the
    store's summaries keep it for every employee: ``poptui.store.summaries.employee_part``)."""
    return " ".join(fold(text) for text in texts)


def query_words(query: str) -> list[str]:
    return [fold(word) for word in query.split()]


def matches_key(words: list[str], key: str) -> bool:
    """:func:`matches` with the query's :func:`query_words` and the texts' :func:`search_key`."""
    return all(word in key for word in words)


def organisations(database: Database) -> list[Organisation]:
    return sorted(database.list(Organisation), key=lambda item: item.name.lower())


def only_organisation(database: Database) -> str | None:
    """The id of the organisation when there is exactly one (a form asking for an organisation
    starts on it); None when there are none or several."""
    found = organisations(database)
    return found[0].id if len(found) == 1 else None


def employees(
    database: Database, organisation_id: str | None = None, query: str = "", include_archived: bool = False
) -> list[Employee]:
    found = [
        employee
        for employee in database.list(Employee)
        if (organisation_id is None or employee.organisation_id == organisation_id)
        and (include_archived or not employee.archived)
        and (not query or matches(query, employee.first_name, employee.last_name, employee.function))
    ]
    return sorted(found, key=lambda item: (item.last_name.lower(), item.first_name.lower()))


def persons(database: Database, organisation_id: str | None = None) -> list[Person]:
    found = [p for p in database.list(Person) if organisation_id is None or p.organisation_id == organisation_id]
    return sorted(found, key=lambda item: (item.last_name.lower(), item.first_name.lower()))


def trajectories_of(database: Database, employee_id: str) -> list[Trajectory]:
    found = database.list(Trajectory, employee_id=employee_id)
    return sorted(found, key=lambda item: (item.start_date is None, item.start_date or item.created_at))


def current_trajectories(database: Database) -> dict[str, Trajectory]:
    """Per employee the trajectory a coach means by "the POP of ...": the running one (planned,
    active or paused), else the one started last."""
    running = (TrajectoryStatus.PLANNED, TrajectoryStatus.ACTIVE, TrajectoryStatus.PAUSED)
    found: dict[str, Trajectory] = {}
    for trajectory in database.list(Trajectory):
        known = found.get(trajectory.employee_id)
        if known is None or _rank(trajectory, running) > _rank(known, running):
            found[trajectory.employee_id] = trajectory
    return found


def _rank(trajectory: Trajectory, running: tuple[TrajectoryStatus, ...]) -> tuple[bool, str]:
    started = trajectory.start_date or trajectory.created_at
    return (trajectory.status in running, started.isoformat() if started else "")
