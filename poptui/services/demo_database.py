"""`poptui demo`: write the demo database, never over anyone's work.

The demo goes into a folder that does not exist or is empty, or (with ``--force``)
replaces a database that holds nothing but what ``poptui demo`` wrote. That is
recognised by (:func:`why_not_replace`):

- the demo marker in ``poptui-db.json``: ``"demo": {"audit_count": N, "audit_hash": H}``,
  written by the demo after it filled the database: how many audit entries it wrote and
  the hash of the last one. Every change of a record is audited, so:
- every audit entry after the first N only records an export or a print (reading, not
  changing); the N-th entry carries hash H, and the whole chain verifies;
- the full check (``poptui check``) finds nothing: every file reads, every record is
  valid, the audit log is as long as the manifest says;
- there are no drafts (``drafts/``: text a coach typed and did not save yet).

A demo database made by an earlier poptui has no marker: it qualifies when every entry
of its audit log was written by the demo actor (the demo creates records and fills some in
afterwards; only ``poptui demo`` acts as ``demo``), or records an export or a print.

A coach who added, changed or deleted anything, in the app or by an import, made the
database real work: it is refused, with or without ``--force``, with a message naming
who changed what and when. Replacing keeps the ``backups/`` folder; the new demo is built
in a staging folder and switched in at once (:mod:`poptui.store.swap`), so a kill leaves
the old demo or the new one.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from datetime import date
from pathlib import Path

from poptui.i18n import _
from poptui.models import AuditAction
from poptui.store import Database, SaveFailed, StoreError, swap
from poptui.store import audit as store_audit
from poptui.store import manifest as store_manifest
from poptui.store.database import LOCK_FILE, is_empty_folder
from poptui.store.errors import CreateFailed, os_reason
from poptui.store.files import ensure_folder

DEMO_ACTOR = "demo"
MARKER = "demo"
_READING = (AuditAction.EXPORT, AuditAction.PRINT)


class DemoRefused(StoreError):
    """The target holds something the demo must not replace; ``str()`` says what and what to do."""


def _is_empty(path: Path) -> bool:
    return is_empty_folder(path)


def _refusal(path: Path, reason: str) -> DemoRefused:
    return DemoRefused(
        _(
            "{path} bevat meer dan de demodatabase: {reason}. poptui schrijft de demo daar niet, ook niet met "
            "--force, zodat er geen werk verloren gaat. Kies een andere map met --db.",
            path=path,
            reason=reason,
        )
    )


def why_not_replace(path: Path) -> str | None:
    """None when ``path`` may receive the demo (missing, empty, or only the demo); else why not, in Dutch."""
    from poptui.services.health import check_database

    try:
        if not path.exists():
            return None
        if not path.is_dir():
            return _("het is een bestand, geen map")
        if _is_empty(path):
            return None
    except OSError as error:
        return os_reason(error)
    try:
        database = Database.open(path, migrate=False)
        meta = database.meta()
    except StoreError:
        return _("het is geen poptui-database, of ze is beschadigd")
    marker = meta.get(MARKER)
    span = marker.get("audit_count") if isinstance(marker, dict) else None
    if marker is not None and not isinstance(span, int):
        return _("de demomarkering is onleesbaar")
    reason = _foreign_entries(path, span, marker.get("audit_hash") if isinstance(marker, dict) else None)
    if reason:
        return reason
    drafts = path / "drafts"
    if drafts.is_dir() and any(entry.is_file() for entry in drafts.rglob("*")):
        return _("er staan concepten in (tekst die een coach typte)")
    try:
        report = check_database(database)
    except StoreError:
        return _("de database is beschadigd")
    if not report.healthy:
        return _("de controle vindt problemen (poptui check)")
    return None


def _foreign_entries(path: Path, span: int | None, last_hash: object) -> str | None:
    """Why the audit log shows work that is not the demo's (None: it shows only the demo)."""
    seen_span = span is None
    try:
        for number, event in enumerate(store_audit.read(path / store_audit.AUDIT_FILE), start=1):
            if span is not None and number == span:
                seen_span = event.hash == last_hash
            if event.action in _READING:
                continue
            demo = event.actor == DEMO_ACTOR and (span is None or number <= span)
            if not demo:
                return _(
                    "{actor} heeft op {day} gegevens opgeslagen of gewijzigd",
                    actor=event.actor,
                    day=f"{event.at:%d/%m/%Y}",
                )
    except (StoreError, ValueError, OSError):
        return _("het auditlog is onleesbaar")
    if not seen_span:
        return _("het auditlog is niet meer dat van de demo")
    return None


def install_demo(path: Path, *, force: bool = False, today: date | None = None) -> dict[str, int]:
    """Write the demo into ``path`` (see the module's rules); returns the counts for the summary line."""
    path = Path(path)
    try:
        if path.exists() and not path.is_dir():
            raise _refusal(path, _("het is een bestand, geen map"))
        existing = path.is_dir() and not _is_empty(path)
    except OSError as error:
        raise CreateFailed(path, os_reason(error)) from error
    reason = why_not_replace(path)
    if reason is not None:
        raise _refusal(path, reason)
    if existing and not force:
        raise DemoRefused(
            _(
                "Er staat al een demodatabase in {path}. Gebruik --force om ze te vervangen door een nieuwe "
                "(de reservekopieën blijven bewaard).",
                path=path,
            )
        )
    made_folder = not path.exists()
    try:
        ensure_folder(path)
    except OSError as error:
        raise CreateFailed(path, os_reason(error)) from error
    try:
        return _build_and_switch(path, today)
    except (SaveFailed, OSError) as error:  # a full or read-only disk: said about the folder the coach named
        if made_folder:
            _remove_empty(path)
        raise CreateFailed(path, error.reason if isinstance(error, SaveFailed) else os_reason(error)) from error


def _remove_empty(path: Path) -> None:
    """Remove the folder a failed demo made, when it holds nothing but its lock."""
    with contextlib.suppress(OSError):
        if is_empty_folder(path):
            (path / LOCK_FILE).unlink(missing_ok=True)
            path.rmdir()


def _build_and_switch(path: Path, today: date | None) -> dict[str, int]:
    from poptui.demo import write_demo

    root = Database(path, actor=DEMO_ACTOR)
    with root._locked():
        reason = why_not_replace(path)  # again, under the lock: a coach may have saved meanwhile
        if reason is not None:
            raise _refusal(path, reason)
        build = path / f"{swap.STAGING_PREFIX}{os.urandom(6).hex()}"
        try:
            demo = Database.create(build, actor=DEMO_ACTOR)
            counts = write_demo(demo, today)
            head = store_manifest.read(build)
            demo.update_meta(
                **{
                    MARKER: {
                        "audit_count": head.audit_count if head else 0,
                        "audit_hash": head.audit_hash if head else "",
                    }
                }
            )
            swap.switch(path, build)
        except BaseException:
            if not (path / swap.JOURNAL).exists():
                shutil.rmtree(build, ignore_errors=True)
            raise
    # The switch moves the data files only: the lists' summaries (derived, see poptui.store.summaries)
    # are made for the new files now, so the first start draws the home screen at once.
    root.refresh_summaries()
    return counts
