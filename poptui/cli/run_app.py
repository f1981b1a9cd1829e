"""`poptui` without a command: open (or, at the default place, create) the database and start the app.

Before the app starts the database is verified (:func:`poptui.services.health.verify_for_start`):
quickly when every file is exactly as poptui last wrote it, with the full check of ``poptui check``
otherwise. The app starts only on a database that passes; anything ``poptui check`` would report
is refused with a Dutch message saying what is wrong and what to do, nothing is written, and the
latest backup that passes the check is offered (on a terminal: a j/N question; otherwise the exact
command to run). A database the user may not read is a matter of permissions, not damage: no
backup is offered. The first start of the day makes a backup, always after the verification, so a
damaged database is never copied into the backups: a snapshot under the lock, zipped by a helper
process while the app runs (:mod:`poptui.store.daily_backup`), so the coach does not wait for it.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from poptui.cli.common import EXIT_UNUSABLE, CommandError, database_path, explicit_database, fit, tell, terminal_text
from poptui.i18n import _
from poptui.store import AccessDenied, BackupError, Database, DatabaseBusy, DatabaseMissing, NewerSchema, StoreError
from poptui.store.errors import os_reason

if TYPE_CHECKING:
    from poptui.store.daily_backup import DailyBackup

Ask = Callable[[str], bool]


def _ask_on_terminal(question: str) -> bool:
    if not sys.stdin.isatty():
        return False
    try:
        prompt = fit(terminal_text(f"{question} [j/N]"), sys.stdout)
        return input(f"{prompt} ").strip().lower() in ("j", "ja", "y", "yes")
    except EOFError:
        return False


def _checking() -> None:
    tell(_("poptui controleert de database, even geduld ..."))


def open_checked(path: Path, before_full_check: Callable[[], None] | None = _checking) -> Database:
    """Open and verify the database; raises StoreError (Dutch) when the app may not start on it."""
    from poptui.services.health import require_verified

    database = Database.open(path)
    require_verified(database, before_full_check)
    return database


def refuse_damaged(path: Path, error: StoreError, ask: Ask) -> Database:
    """Explain, offer the latest good backup, restore it when the coach agrees; else raise CommandError."""
    from poptui.services.backup import latest_good_backup, restore_backup

    lines = [_("poptui start niet: {problem}", problem=error), _("Er is niets gewijzigd aan de database.")]
    if isinstance(error, (AccessDenied, DatabaseBusy)):
        raise CommandError("\n".join(lines), EXIT_UNUSABLE if isinstance(error, AccessDenied) else 3)
    unchecked = ""
    try:
        good = latest_good_backup(path) if path.is_dir() else None
    except (StoreError, OSError) as search_error:
        good = None
        if isinstance(search_error, BackupError):  # no work folder to unpack a backup in
            unchecked = str(search_error)
    if isinstance(error, NewerSchema):
        if good is not None:
            lines.append(
                _(
                    "Kan je poptui niet bijwerken, dan kan je als laatste redmiddel een oudere reservekopie "
                    "terugzetten (wat daarna is ingevoerd, gaat dan verloren):"
                )
            )
            lines.append(f"  poptui restore --db {path} {good.path}")
        raise CommandError("\n".join(lines), EXIT_UNUSABLE)
    if good is None and unchecked:
        lines.append(
            _(
                "{problem} Vraag hulp aan je IT-verantwoordelijke en laat de bestanden ongemoeid.",
                problem=unchecked,
            )
        )
        raise CommandError("\n".join(lines), EXIT_UNUSABLE)
    if good is None:
        lines.append(
            _(
                "Er is geen goede reservekopie gevonden in {folder}. Vraag hulp aan je IT-verantwoordelijke "
                "en laat de bestanden ongemoeid.",
                folder=path / "backups",
            )
        )
        raise CommandError("\n".join(lines), EXIT_UNUSABLE)
    lines.append(_("De laatste goede reservekopie is van {when}: {file}", when=good.label, file=good.path))
    tell("\n".join(lines))
    question = _(
        "Wil je die reservekopie nu terugzetten? De huidige bestanden worden eerst apart bewaard in "
        "de map backups. Wat na {when} is ingevoerd, staat niet in de reservekopie.",
        when=good.label,
    )
    if not ask(question):
        raise CommandError(
            _(
                "Niets teruggezet. Zet de reservekopie later terug met:\n  poptui restore --db {path} {file}",
                path=path,
                file=good.path,
            ),
            EXIT_UNUSABLE,
        )
    try:
        result = restore_backup(path, good.path)
        database = open_checked(path)
    except StoreError as restore_error:
        raise CommandError(str(restore_error), EXIT_UNUSABLE) from restore_error
    tell(_("Reservekopie teruggezet. De vorige bestanden staan in {kept}.", kept=result.kept_aside or "-"))
    return database


def open_for_start(options: argparse.Namespace, ask: Ask = _ask_on_terminal) -> Database:
    """The database the app will run on: opened and verified (a damaged one refused, a backup offered)."""
    path = database_path(options)
    try:
        return open_checked(path)
    except DatabaseMissing as error:
        if explicit_database(options):
            raise CommandError(str(error), EXIT_UNUSABLE) from error
        database = Database.create(path)
        tell(_("Nieuwe, lege database gemaakt in {path}.", path=path))
        return database
    except StoreError as error:
        return refuse_damaged(path, error, ask)


def prepare_database(options: argparse.Namespace, ask: Ask = _ask_on_terminal) -> Database:
    """The database, opened and verified, and only then backed up once a day, before returning
    (``poptui serve``; the app's own start zips the backup beside the app: :func:`start_backup`)."""
    from poptui.store.backup import ensure_daily_backup

    database = open_for_start(options, ask)
    try:
        ensure_daily_backup(database)
    except (BackupError, StoreError) as error:
        tell(_("Waarschuwing: {problem}", problem=error))
    return database


def start_backup(database: Database) -> DailyBackup | None:
    """The first start of the day's backup for the app (:mod:`poptui.store.daily_backup`): a snapshot
    now, zipped by a helper while the coach works; None when even the snapshot failed (said on stderr)."""
    from poptui.store.daily_backup import start_daily_backup

    try:
        return start_daily_backup(database)
    except (BackupError, StoreError, OSError) as error:
        problem = os_reason(error) if isinstance(error, OSError) else str(error)
        tell(_("Waarschuwing: {problem}", problem=problem))
        return None


def run_app(options: argparse.Namespace) -> int:
    if not sys.stdin.isatty() or not sys.stdout.isatty():
        path = database_path(options)
        try:
            open_checked(path)
        except DatabaseMissing:
            pass
        except StoreError as error:  # say what is wrong even without a terminal
            refuse_damaged(path, error, lambda _question: False)
        raise CommandError(_("poptui heeft een terminal nodig om te starten."), EXIT_UNUSABLE)
    database = open_for_start(options)
    backup = start_backup(database)
    gc.disable()  # until the first paint: see PopApp._after_first_paint
    try:
        from poptui.services.coach import coach_at_start

        # Before Textual and the screens are imported: finding the coach parses all of core.json (at 20,000
        # employees 6.5 MB, over 30 MB of objects for a moment), and the memory it leaves free is then
        # taken by what stays (the modules, the summaries) rather than added on top of them.
        coach = coach_at_start(database)
        from poptui.app import PopApp

        app = PopApp(database, coach, collector_paused=True, daily_backup=backup)
        app.run()
    finally:
        gc.enable()
    return app.return_code or 0
