"""Where the benchmarks keep their files, and the environment every measured program runs in.

Everything lives in one folder the benchmarks own, ``bench/.work/`` (mode 0700, ignored by
git), never in /tmp: the generated databases are fictional, but they look like personal data
and are treated so.

- ``db-<N>x<Y>/``: a generated scale database, kept between runs (making one takes a minute
  at 2,000 employees); a stamp beside it (``db-<N>x<Y>.json``) names the generator and schema
  versions, and a database made by another version is made again.
- ``run-<pid>/``: one run's files (copies of databases, exports, CSV files, the HOME of every
  program measured), removed when the run ends, also on Ctrl+C or an error.

A run works on *linked copies* of the databases: every data file is a hard link to the
cached database (poptui never changes a file in place; a save writes a new file and
renames it over the old name, which breaks the link), the append-only audit log is
copied. So a copy takes a moment even at 20,000 employees, and saves, backups and exports
of a run never change the cached database.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType

BENCH = Path(__file__).resolve().parent
DEFAULT_ROOT = BENCH / ".work"
COACH_LOGIN = "an"
"""The user the app is started as: the generated databases and the demo have a coach with this login."""
NOT_LINKED = {"audit.log"}
"""Files poptui appends to in place: copied, never linked."""
SKIPPED = {"backups", "drafts", ".lock"}


def python() -> str:
    return sys.executable


def poptui_command() -> list[str]:
    """The console script the coach starts (``poptui``), next to this Python."""
    script = Path(sys.executable).parent / "poptui"
    return [str(script)] if script.exists() else [sys.executable, "-m", "poptui"]


def compile_sources() -> None:
    """Compile poptui's and the bench's modules to bytecode (``__pycache__``, ignored by git), as
    installing a program does (pip compiles what it installs; Textual's bytecode is there already).

    The measured programs run with PYTHONDONTWRITEBYTECODE (nothing written beside the sources
    during a run), and an editable install has no bytecode of its own: without this step every
    start compiled poptui's sixty modules from source (about 0.4 s on a loaded machine), a cost
    no installed poptui has and the bare apps, whose Textual is compiled, never paid."""
    import compileall

    import poptui.screens

    import poptui

    folders = {Path(poptui.__file__).parent, Path(poptui.screens.__file__).parent, BENCH}
    for folder in sorted(folders):
        compileall.compile_dir(folder, quiet=1, rx=re.compile(r"[/\\]\.work[/\\]"))


class Workspace:
    def __init__(self, root: Path = DEFAULT_ROOT, log: Callable[[str], None] = print) -> None:
        self.root = Path(root)
        self.log = log
        _private_folder(self.root)
        self.run = self.root / f"run-{os.getpid()}"
        if self.run.exists():
            shutil.rmtree(self.run)
        _private_folder(self.run)
        self.home = _private_folder(self.run / "home")
        self.tmp = _private_folder(self.run / "tmp")
        self._previous_handlers: dict[int, object] = {}
        compile_sources()

    # -- environment -------------------------------------------------------------------------------

    def env(self, **extra: str) -> dict[str, str]:
        """A clean environment: our HOME and temp folder, the bench coach, Dutch, no poptui settings."""
        base = {
            "PATH": os.pathsep.join([str(Path(sys.executable).parent), "/usr/local/bin", "/usr/bin", "/bin"]),
            "HOME": str(self.home),
            "XDG_DATA_HOME": str(self.home / "data"),
            "XDG_CONFIG_HOME": str(self.home / "config"),
            "XDG_CACHE_HOME": str(self.home / "cache"),
            "XDG_STATE_HOME": str(self.home / "state"),
            "TMPDIR": str(self.tmp),
            "USER": COACH_LOGIN,
            "LOGNAME": COACH_LOGIN,
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "PYTHONDONTWRITEBYTECODE": "1",
        }
        return base | extra

    # -- databases ---------------------------------------------------------------------------------

    def scale_database(self, employees: int, years: int, seed: int = 2026) -> Path:
        """The cached generated database, made now when missing or made by another version."""
        path = self.root / f"db-{employees}x{years}"
        stamp_path = path.with_suffix(".json")
        wanted = _stamp(employees, years, seed)
        try:
            stamp = json.loads(stamp_path.read_text())
        except (OSError, ValueError):
            stamp = None
        if stamp is not None and path.is_dir() and all(stamp.get(key) == value for key, value in wanted.items()):
            return path
        if path.exists():
            shutil.rmtree(path)
        stamp_path.unlink(missing_ok=True)
        self.log(f"generating {employees} employees x {years} years in {path} ...")
        began = time.perf_counter()
        result = subprocess.run(
            [python(), str(BENCH / "generate.py"), "--db", str(path), "--employees", str(employees)]
            + ["--years", str(years), "--seed", str(seed), "--quiet"],
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=4 * 3600,
        )
        if result.returncode != 0:
            raise RuntimeError(f"generate.py failed: {result.stderr[-2000:]}")
        seconds = time.perf_counter() - began
        self.log(result.stdout.splitlines()[0] if result.stdout else f"generated in {seconds:.0f} s")
        stamp_path.write_text(json.dumps(wanted | {"seconds": round(seconds, 1), "summary": result.stdout}))
        return path

    def demo_database(self) -> Path:
        """A fresh demo database (``poptui demo``) in this run's folder."""
        path = self.run / "demo"
        if not path.exists():
            subprocess.run(
                [*poptui_command(), "demo", "--db", str(path)],
                env=self.env(),
                check=True,
                capture_output=True,
                timeout=120,
            )
        return path

    def linked_copy(self, source: Path, name: str) -> Path:
        """A copy of ``source`` in this run whose saves never reach ``source`` (see the module doc)."""
        target = self.run / name
        if target.exists():
            shutil.rmtree(target)
        for folder, folders, files in os.walk(source):
            folders[:] = [entry for entry in folders if entry not in SKIPPED]
            relative = Path(folder).relative_to(source)
            _private_folder(target / relative)
            for file in files:
                if file in SKIPPED or file.endswith(".tmp"):
                    continue
                if file in NOT_LINKED:
                    shutil.copy2(Path(folder) / file, target / relative / file)
                else:
                    os.link(Path(folder) / file, target / relative / file)
        self._current_summaries(target)
        return target

    def _current_summaries(self, database: Path) -> None:
        """Summaries of another format (a database cached by another poptui) are rebuilt in the copy now,
        so no measured start or command rebuilds them (a rebuild reads every dossier). The cached
        database keeps its own: helpers on other versions share it."""
        from poptui.store import summaries

        try:
            head = json.loads((database / summaries.FOLDER / summaries.HEAD).read_bytes())
        except (OSError, ValueError):
            return
        if not isinstance(head, dict) or head.get("format") == summaries.FORMAT:
            return
        self.log(f"rebuilding the summaries of {database.name} (format {head.get('format')} to {summaries.FORMAT})")
        subprocess.run(
            [*poptui_command(), "list", "trajectories", "--json", "--db", str(database)],
            env=self.env(),
            check=True,
            capture_output=True,
            timeout=4 * 3600,
        )

    # -- cleaning up -------------------------------------------------------------------------------

    def __enter__(self) -> Workspace:
        for sig in (signal.SIGTERM, signal.SIGHUP):
            self._previous_handlers[sig] = signal.signal(sig, _interrupt)
        return self

    def __exit__(self, *_exc: object) -> None:
        shutil.rmtree(self.run, ignore_errors=True)
        for sig, handler in self._previous_handlers.items():
            signal.signal(sig, handler)  # type: ignore[arg-type]


def _interrupt(signum: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def _private_folder(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(path, 0o700)
    return path


def _stamp(employees: int, years: int, seed: int) -> dict[str, object]:
    from generate import GENERATOR_VERSION

    from poptui.store.schema import SCHEMA_VERSION

    return {
        "employees": employees,
        "years": years,
        "seed": seed,
        "generator": GENERATOR_VERSION,
        "schema": SCHEMA_VERSION,
    }
