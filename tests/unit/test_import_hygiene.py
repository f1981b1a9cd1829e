"""The domain never imports textual or the screens (three floors, arrows pointing down)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHELL = {"app.py", "cli"}


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_domain_modules_do_not_import_textual_or_screens() -> None:
    offenders = []
    for path in (ROOT / "poptui").rglob("*.py"):
        relative = path.relative_to(ROOT / "poptui")
        if relative.parts[0] in SHELL:
            continue
        for name in _imports(path):
            if name.split(".")[0] in {"textual", "rich", "screens"} or name.startswith("poptui.screens"):
                offenders.append(f"{relative}: {name}")
    assert offenders == []


def test_screens_import_through_the_package_name() -> None:
    offenders = [
        f"{path.name}: {name}"
        for path in (ROOT / "screens").rglob("*.py")
        for name in _imports(path)
        if name.split(".")[0] == "screens"
    ]
    assert offenders == []


def test_screens_never_import_the_store() -> None:
    """Screens reach the data through services (which re-export the errors a screen catches)."""
    offenders = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in (ROOT / "screens").rglob("*.py")
        for name in _imports(path)
        if name == "poptui.store" or name.startswith("poptui.store.")
    ]
    assert offenders == []


def test_screens_never_import_the_shell() -> None:
    """The app (poptui.app) and the command line sit above the screens: screens use screens.base."""
    offenders = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in (ROOT / "screens").rglob("*.py")
        for name in _imports(path)
        if name in {"poptui.app", "poptui.cli"} or name.startswith("poptui.cli.")
    ]
    assert offenders == []


def test_today_comes_only_from_the_clock() -> None:
    """date.today() and datetime.now() only in poptui/clock.py, so tests can fix the date everywhere."""
    offenders = []
    for folder in ("poptui", "screens"):
        for path in (ROOT / folder).rglob("*.py"):
            if path == ROOT / "poptui" / "clock.py":
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (
                    isinstance(node, ast.Attribute)
                    and node.attr in {"today", "now", "utcnow"}
                    and isinstance(node.value, ast.Name)
                    and node.value.id in {"date", "datetime"}
                ):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value.id}.{node.attr}")
    assert offenders == []


def test_list_and_check_load_no_interface_or_export_library(demo_template: Path, tmp_path: Path) -> None:
    """The command line answers fast: list and check never import textual, rich, fpdf2 or openpyxl."""
    import shutil
    import subprocess
    import sys

    database = tmp_path / "demo"  # a copy: check notes what it validated (validated.json) in the database
    shutil.copytree(demo_template, database)
    heavy = ("textual", "rich", "fpdf", "openpyxl", "fontTools")
    for arguments in (["list", "employees"], ["list", "trajectories", "--json"], ["check"]):
        script = (
            "import contextlib, io, sys\n"
            "from poptui.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
            f"    main({[*arguments, '--db', str(database)]!r})\n"
            f"print(sorted({{name.split('.')[0] for name in sys.modules}} & {set(heavy)!r}))\n"
        )
        result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
        assert result.stdout.strip() == "[]", (arguments, result.stdout)


def test_the_pdf_exports_load_no_openpyxl() -> None:
    """openpyxl is imported where a workbook is made: not with the PDF exports, so the month's package
    forks its PDF helpers without it (they never make a workbook)."""
    import subprocess
    import sys

    script = "import sys\nimport poptui.services.forms\nprint('openpyxl' in sys.modules)\n"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_the_month_package_loads_no_catalog() -> None:
    """The catalog (its pydantic models), the blank worksheets and the method sheets are imported where
    they are printed: not with the forms service, so the month's package forks its helpers without
    them (a fifth of a second before the first POP). ``forms.WORKSHEETS`` still names the worksheets."""
    import subprocess
    import sys

    script = (
        "import sys\nimport poptui.services.forms as forms\n"
        "names = ('poptui.catalog', 'poptui.catalog_models', 'poptui.export.worksheets_pdf', "
        "'poptui.export.method_sheets', 'poptui.export.card_games_pdf')\n"
        "print(sorted(name for name in names if name in sys.modules))\n"
        "print(len(forms.WORKSHEETS) > 0, 'poptui.export.worksheets_pdf' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.split("\n")[:2] == ["[]", "True True"]


def test_screens_take_their_text_fields_from_poptui() -> None:
    """Every one-line field is poptui's Input (screens/widgets/text_input.py): typing in Textual's
    own lays out the whole screen on every key."""
    offenders = [
        f"{path.relative_to(ROOT)}: {node.module}.Input"
        for path in (ROOT / "screens").rglob("*.py")
        if path.name != "text_input.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom)
        and (node.module or "").startswith("textual.widgets")
        and any(alias.name == "Input" for alias in node.names)
    ]
    assert offenders == []


APP_START = """
import asyncio, gc, sys, weakref
from pathlib import Path
from poptui import models
preloaded = []
models.preload = lambda: preloaded.append(True)  # the warm-up after the first paint, recorded instead
from poptui.app import PopApp
from poptui.cli.run_app import open_checked
from poptui.screens.home import HomeScreen
from poptui.services.coach import coach_at_start

database = open_checked(Path(sys.argv[1]))
gc.disable()  # as run_app does

class Cycle:
    pass

left = Cycle()
left.itself = left  # garbage the start leaves behind: only the collector frees it
gone = weakref.ref(left)
del left
app = PopApp(database, coach_at_start(database, sys.argv[2]), collector_paused=True)

async def start() -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen), app.screen
        assert app.coach is not None
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert gc.isenabled() and gc.get_freeze_count() > 0, "the collector resumes after the first paint"
        assert gone() is None, "the start's garbage is collected before what the start made is frozen"

asyncio.run(start())
loaded = sorted(name for name in sys.modules if name.split(".")[0] in {"pydantic", "pydantic_core", "fpdf", "openpyxl"}
                or name.startswith("poptui.models."))
print(bool(preloaded), loaded)
"""


def test_the_app_paints_its_first_screen_without_pydantic_or_a_model(demo_template: Path, tmp_path: Path) -> None:
    """The start (verify, the coach, the home screen with its check after the first paint) imports no
    pydantic and no model module: the stored data is read as stored (services/coach.py `coach_at_start`,
    the summaries), and screen and service modules on that path name records only under TYPE_CHECKING.
    The models the next screens need are imported after the first paint (models.preload, in a thread),
    and then the garbage collector run_app paused for the start is resumed, after one collection of
    what the start left behind (never frozen with the rest)."""
    import shutil
    import subprocess
    import sys

    from poptui.cli.run_app import open_checked
    from poptui.services.coach import coaches

    database = tmp_path / "demo"
    shutil.copytree(demo_template, database)
    login = next(person.login for person in coaches(open_checked(database)) if person.login)  # checked: a quick start
    result = subprocess.run(
        [sys.executable, "-c", APP_START, str(database), login], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "True ['poptui.models.enums']"


def test_preload_imports_the_models_of_the_first_screens() -> None:
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from poptui import models\n"
        "models.preload()\n"
        "print(sorted(set(models.FIRST_SCREENS) - set(sys.modules)), 'pydantic' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[] True"
