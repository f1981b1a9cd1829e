"""The wheel: it builds, holds every content file and stylesheet, and runs outside the checkout.

Building takes pip's isolated build (half a minute), so the test is marked slow. Installing the
wheel's dependencies again would take as long again: the wheel goes into a fresh venv with
``--no-deps`` and the dependencies come from the test's own environment through a ``.pth``
line (which adds that folder to ``sys.path`` but does not run its ``.pth`` files, so the
editable checkout of poptui stays out). What runs is the wheel's poptui, from a folder outside
the checkout.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

import poptui

CHECKOUT = Path(__file__).resolve().parents[2]


def _content_files() -> set[str]:
    """Every file the installed package must carry, as its path inside the wheel."""
    wanted = set()
    for path in (CHECKOUT / "data").rglob("*"):
        if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts:
            wanted.add("poptui/data/" + path.relative_to(CHECKOUT / "data").as_posix())
    for path in (CHECKOUT / "screens").rglob("*.tcss"):
        wanted.add("poptui/screens/" + path.relative_to(CHECKOUT / "screens").as_posix())
    return wanted


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(out), str(CHECKOUT)],
        check=True,
        cwd=out,
        capture_output=True,
    )
    (built,) = out.glob("poptui-*.whl")
    return built


@pytest.mark.slow
def test_the_wheel_carries_every_data_file_and_stylesheet(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert _content_files() - names == set()
    assert "poptui/data/help/screens.json" in names
    assert not [name for name in names if name.split("/")[0] in ("screens", "data", "tests", "bench")]
    assert wheel.name == f"poptui-{poptui.__version__}-py3-none-any.whl"


@pytest.mark.slow
def test_the_installed_wheel_runs_outside_the_checkout(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    (site / "test-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}

    def run(*arguments: str) -> str:
        done = subprocess.run(
            [str(python), *arguments], cwd=outside, env=environment, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert run("-m", "poptui", "--version").strip() == f"poptui {poptui.__version__}"
    where = run("-c", "import poptui, poptui.screens, poptui.data; print(poptui.__file__)")
    assert Path(where).resolve().is_relative_to(site.resolve())
    assert "Demodatabase geschreven" in run("-m", "poptui", "demo", "--db", str(outside / "demo"))
    # The app paints its home screen from the wheel's stylesheets and help texts.
    shown = run(
        "-c",
        "import asyncio\n"
        "from poptui.app import PopApp\n"
        "from poptui.store import Database\n"
        "async def main():\n"
        f"    app = PopApp(Database.open({str(outside / 'demo')!r}), None, ask_coach=False)\n"
        "    async with app.run_test(size=(80, 24)) as pilot:\n"
        "        await pilot.pause()\n"
        "        print(type(app.screen).__name__, app.screen.query_one('#greeting').styles.height)\n"
        "asyncio.run(main())\n",
    )
    assert shown.split() == ["HomeScreen", "1"]  # home.tcss sets the greeting one line high


def test_the_version_comes_from_one_place() -> None:
    pyproject = (CHECKOUT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject
    assert 'version = { attr = "poptui.__version__" }' in pyproject
    changelog = (CHECKOUT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## {poptui.__version__}" in changelog
