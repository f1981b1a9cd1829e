"""Every command against every damage of the corpus and against bad input: never a traceback.

Each command runs in-process through :func:`poptui.cli.main` (what the console script runs): it must
return one of the documented exit codes with a Dutch message on stderr. An exception escaping
``main``, a crash report (exit 70), a Python traceback or an English OS error is a failure.
``poptui check`` must report every damage (exit 1 or 2).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from control_payloads import unsafe
from damage_corpus import BAD_INPUT, DAMAGES

import poptui.cli
from poptui.cli import main
from poptui.i18n import current_language
from poptui.models import Employee, Trajectory
from poptui.store import Database
from poptui.store.backup import BackupReason, create_backup

DOCUMENTED = {0, 1, 2, 3, 130, 141}


@pytest.fixture(autouse=True, scope="module")
def _one_parser_per_language() -> Iterator[None]:
    """:func:`main` builds its parser (every command module's arguments, in the interface's
    language) on every call: a sixth of this module's time for 700 commands. argparse parses with a
    parser as often as asked, so each language's parser is built once here (by the real
    ``build_parser``) and ``main`` gets it; every command still runs through ``main`` whole."""
    build = poptui.cli.build_parser
    built: dict[str, object] = {}

    def one_per_language() -> object:
        language = current_language()
        if language not in built:
            built[language] = build()
        return built[language]

    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(poptui.cli, "build_parser", one_per_language)
        yield


@pytest.fixture(scope="module")
def corpus_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database with one good backup, and an import file."""
    from poptui.demo import write_demo

    root = tmp_path_factory.mktemp("corpus")
    database = Database.create(root / "db", actor="demo")
    write_demo(database)
    create_backup(database, BackupReason.DAILY)
    (root / "werknemers.csv").write_text("voornaam;achternaam\nAn;Nieuw\n", encoding="utf-8")
    (root / "woordenboek.csv").write_text(
        "Competentie;Definitie;Soort;Gedragsindicator 1;Gedragsindicator 2;Gedragsindicator 3\n"
        "Inpakken;Pakt producten in.;technisch;Vouwt de doos;Telt de stuks;Plakt het etiket\n",
        encoding="utf-8",
    )
    (root / "kaarten.csv").write_text("kaart;uitleg\nGeduld;kan wachten\nMoed;durft\n", encoding="utf-8")
    return root


def _ids(root: Path) -> tuple[str, str]:
    database = Database.open(root, actor="tester")
    trajectory = database.list(Trajectory)[0]
    return trajectory.id, database.list(Employee)[0].id


def _commands(root: Path, out: Path, csv: Path, trajectory_id: str, employee_id: str) -> list[list[str]]:
    backup = next((root / "backups").glob("*.zip"))
    month = f"{date.today():%Y-%m}"
    organisation = ["--organisation", "De Werkplaats vzw"]
    return [
        ["check"],
        ["list", "organisations"],
        ["list", "employees"],
        ["list", "trajectories", "--json"],
        ["export", "pop", trajectory_id, "--out", str(out)],
        ["export", "form", "consent", employee_id, "--out", str(out)],
        ["report", "month", month, "--out", str(out)],
        ["report", "compliance", "--json"],
        ["pop", "uploaded", trajectory_id, "--date", f"{date.today():%Y-%m-%d}"],
        ["import", "employees", str(csv), *organisation, "--dry-run"],
        ["import", "employees", str(csv), *organisation],
        ["competences", "list", *organisation],
        ["competences", "list", *organisation, "--json"],
        ["competences", "import", str(csv.parent / "woordenboek.csv"), *organisation, "--dry-run"],
        ["competences", "import", str(csv.parent / "woordenboek.csv"), *organisation],
        ["decks", "list", "--json"],
        ["decks", "import", str(csv.parent / "kaarten.csv"), "--name", "Eigen", "--kind", "kwaliteiten"],
        ["backup"],
        ["person", "export", employee_id, "--out", str(out)],
        ["person", "retention"],
        ["person", "erase", employee_id, "--yes"],
        ["demo", "--force"],
        ["init"],
        [],
        ["restore", str(backup), "--yes"],
    ]


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(args)
    except SystemExit as stop:  # argparse: --help or a usage error
        code = int(stop.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def _assert_handled(args: list[str], code: int, out: str, err: str) -> None:
    shown = out + err
    assert code in DOCUMENTED, f"{args}: exit {code}\n{shown}"
    assert "Traceback" not in shown and "Errno" not in shown, f"{args}:\n{shown}"
    assert 'File "' not in shown, f"{args}:\n{shown}"
    assert unsafe(shown) == [], f"{args}: {unsafe(shown)}"  # a hostile argument or file name is echoed cleaned
    if code != 0:
        assert shown.strip(), f"{args}: exit {code} without a message"


@pytest.mark.parametrize("damage", DAMAGES, ids=list(DAMAGES))
def test_every_command_on_every_damage(
    damage: str, corpus_template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    trajectory_id, employee_id = _ids(corpus_template / "db")
    template = tmp_path / "sjabloon"
    shutil.copytree(corpus_template / "db", template)
    DAMAGES[damage](template)
    commands = _commands(template, tmp_path / "uit", corpus_template / "werknemers.csv", trajectory_id, employee_id)
    for number, command in enumerate(commands):
        root = tmp_path / f"db{number}"
        shutil.copytree(template, root)
        before = _snapshot(root) if not command else {}  # only the app's start is held to writing nothing
        args = [*command, "--db", str(root)] if command else ["--db", str(root)]
        code, out, err = _run(args, capsys)
        _assert_handled(args, code, out, err)
        if command == ["check"]:
            assert code in (1, 2), f"check did not report '{damage}':\n{out}{err}"
        if not command:  # starting the app: refused, nothing written, the good backup offered
            assert code == 2 and "poptui start niet" in err, err
            if damage != "meta nieuwer schema":
                assert "laatste goede reservekopie" in err, err
            assert _snapshot(root) == before  # nothing written: no daily backup of a damaged database


@pytest.mark.parametrize("args", BAD_INPUT, ids=[" ".join(args)[:40] for args in BAD_INPUT])
def test_bad_input_gets_a_dutch_message(
    args: list[str], corpus_template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "db"
    shutil.copytree(corpus_template / "db", root)
    with_db = [*args, "--db", str(root)] if args and args[0] not in ("--lang", "--years") else args
    code, out, err = _run(with_db, capsys)
    _assert_handled(with_db, code, out, err)
    assert code != 0
    assert "invalid" not in err and "usage:" not in err and "required" not in err and "error:" not in err
