"""The command line's error mapping: Dutch OS errors, Dutch argparse, unwritable folders, exit codes."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from poptui.cli import main
from poptui.cli.common import EXIT_CANNOT_WRITE, exit_code_for, message_for
from poptui.store.errors import os_reason

ENGLISH = ("No such", "Permission denied", "No space", "Read-only", "Errno", "denied", "file system")


@pytest.mark.parametrize(
    "number",
    [errno.ENOSPC, errno.EDQUOT, errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOENT, errno.ENOTDIR, errno.EIO],
)
def test_os_errors_are_dutch(number: int) -> None:
    error = OSError(number, "English text from the C library", "/ergens/bestand")
    text = message_for(error)
    assert "English" not in text and "/ergens/bestand" in text
    assert os_reason(error) in text
    assert exit_code_for(error) in (2, 3)


def test_a_full_disk_in_any_command(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], db) -> None:
    from poptui.cli import list_command

    def full(_options: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(list_command, "run_list", full)
    assert main(["list", "employees", "--db", str(db.path)]) == EXIT_CANNOT_WRITE
    err = capsys.readouterr().err
    assert "De schijf is vol" in err and not any(word in err for word in ENGLISH)


@pytest.mark.parametrize("command", ["init", "demo"])
def test_init_and_demo_in_a_folder_without_write_permission(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real_mkdir = Path.mkdir

    def refused(self: Path, *args: object, **kwargs: object) -> None:
        if tmp_path / "alleen-lezen" in (self, *self.parents):
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        real_mkdir(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "mkdir", refused)
    target = tmp_path / "alleen-lezen" / "db"
    assert main([command, "--db", str(target)]) == EXIT_CANNOT_WRITE
    err = capsys.readouterr().err
    assert "kan niet gemaakt worden" in err and "toestemming" in err and not any(word in err for word in ENGLISH)
    assert not target.exists()


def test_argparse_speaks_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    for args in (["--help"], ["person", "retention", "--help"], ["export", "--help"]):
        with pytest.raises(SystemExit):
            main(args)
        out = capsys.readouterr().out
        assert out.startswith("gebruik:") and "opties:" in out
        assert "usage:" not in out and "options:" not in out and "positional arguments" not in out
        assert "show this help" not in out
    with pytest.raises(SystemExit) as wrong:
        main(["person", "retention", "--years", "veel"])
    err = capsys.readouterr().err
    assert wrong.value.code == 2 and "geheel getal van 1 tot 100" in err and "invalid int value" not in err
    with pytest.raises(SystemExit):
        main(["--lang", "en", "list", "niets"])
    assert "invalid choice" in capsys.readouterr().err  # English stays English


@pytest.mark.parametrize(
    ("command", "allowed"),
    [("init", ()), ("demo", ()), ("demo", (".lock",)), ("init", (".lock", "dossiers"))],
    ids=["init", "demo-no-lock", "demo-in-staging", "init-after-dossiers"],
)
def test_a_full_disk_leaves_nothing_that_stops_the_next_try(
    command: str,
    allowed: tuple[str, ...],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The attack: on a full disk `init` left an empty dossiers/ folder and `demo` a lock file, and once
    space was freed the same command refused the folder as "niet leeg"."""
    import os

    disk = tmp_path / "vol"
    disk.mkdir()
    target = disk / "db"
    real_open = os.open

    def full(path: object, flags: int, *args: object, **kwargs: object) -> int:
        where = Path(str(path))
        if flags & os.O_CREAT and where.resolve().is_relative_to(disk.resolve()) and where.name not in allowed:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", full)  # new files fail, new folders still work (as on a full disk)
    assert main([command, "--db", str(target)]) == EXIT_CANNOT_WRITE
    err = capsys.readouterr().err
    assert f"kan niet gemaakt worden in {target}:" in err and "de schijf is vol" in err
    assert ".nieuw-" not in err and not any(word in err for word in ENGLISH)
    assert not target.exists()
    monkeypatch.setattr(os, "open", real_open)
    assert main([command, "--db", str(target)]) == 0  # space freed: the same command now works
    capsys.readouterr()


def test_a_new_database_in_a_folder_that_holds_only_a_lock(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "db"
    target.mkdir()
    (target / ".lock").touch()
    assert main(["init", "--db", str(target)]) == 0
    capsys.readouterr()


async def test_a_theme_that_cannot_be_remembered_is_said_in_dutch(db, monkeypatch: pytest.MonkeyPatch) -> None:
    """F9 with a read-only home folder: the notification said "[Errno 13] Permission denied: ..."."""
    import poptui.settings as settings
    from poptui.app import PopApp

    def refused(_name: str) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", "/home/coach/.config/poptui/instellingen.json")

    monkeypatch.setattr(settings, "remember_theme", refused)
    app = PopApp(db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f9")
        await pilot.pause()
        shown = " ".join(str(notification.message) for notification in app._notifications)
        assert "De kleuren worden niet onthouden" in shown, shown
        assert not any(word in shown for word in ENGLISH), shown
