"""What the screens need to know before printing a form (the forms themselves: :mod:`.forms`)."""

from __future__ import annotations

from poptui.models import PopDocument, PopStatus, Trajectory
from poptui.store import Database


def pop_print_state(database: Database, trajectory_id: str) -> PopStatus | None:
    """The status of the trajectory's POP as :func:`forms.export_pop` will print it (a final one wins);
    None when there is no POP document yet."""
    trajectory = database.get(Trajectory, trajectory_id)
    pops = database.list(PopDocument, employee_id=trajectory.employee_id, trajectory_id=trajectory.id)
    if not pops:
        return None
    return PopStatus.FINAL if any(pop.status is PopStatus.FINAL for pop in pops) else PopStatus.DRAFT
