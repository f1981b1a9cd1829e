"""What the screens need to know before printing a form (the forms themselves: :mod:`.forms`)."""

from __future__ import annotations

from poptui.i18n import _
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


def draft_warning(database: Database, trajectory_id: str) -> str:
    """What to tell after printing a POP that is not final (it carries the mark ONTWERP); empty when final."""
    state = pop_print_state(database, trajectory_id)
    if state is PopStatus.FINAL:
        return ""
    if state is None:
        return _(
            "Let op: er is nog geen POP-document; er is een leeg POP-sjabloon afgedrukt met de vermelding ONTWERP."
        )
    return _(
        "Let op: dit POP is nog niet definitief. Het is afgedrukt met de vermelding ONTWERP op elke pagina: "
        "niet laten ondertekenen en niet opladen in Mijn Loopbaan."
    )
