"""Bytecode for the xdist workers, written once by the controller before they start.

Every xdist worker imports poptui and every test module. Without bytecode on disk (a fresh clone,
or ``PYTHONDONTWRITEBYTECODE`` set, as on CI) each worker compiles poptui's sources and rewrites
the asserts of every test module itself: about 6 CPU seconds per worker, six workers on two cores.
The controller writes that bytecode once (``__pycache__`` folders, ignored by git, as any Python
run leaves them); the workers then only read it, whether or not they may write bytecode.

The test modules' bytecode is pytest's own assertion-rewritten kind, made with pytest's functions
(``_pytest.assertion.rewrite``): when a pytest version changes them, this quietly does nothing and
the workers rewrite as before. pytest rewrites the modules of its plugins too (pytest-asyncio,
xdist, syrupy, hypothesis, platformdirs: about 110 modules, half a CPU second per worker): the
controller writes theirs as well, beside their sources in the environment, as pytest itself does
whenever it may write bytecode.
"""

from __future__ import annotations

import compileall
import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("poptui", "screens", "tests")


def is_xdist_controller(config: pytest.Config) -> bool:
    return not hasattr(config, "workerinput") and bool(getattr(config.option, "numprocesses", 0))


def write_bytecode(config: pytest.Config) -> None:
    """Compile the sources and write pytest's rewritten bytecode of every test module and conftest."""
    for folder in SOURCES:
        compileall.compile_dir(ROOT / folder, quiet=1, rx=re.compile(r"[/\\]\.work[/\\]"))
    try:
        from _pytest.assertion import assertstate_key
        from _pytest.assertion.rewrite import PYC_TAIL, _read_pyc, _rewrite_test, _write_pyc, get_cache_dir
    except ImportError:
        return
    state = config.stash.get(assertstate_key, None)
    if state is None:  # --assert=plain: nothing is rewritten
        return
    tests = [
        module
        for module in sorted((ROOT / "tests").rglob("*.py"))
        if module.name.startswith("test_") or module.name == "conftest.py"
    ]
    for module in [*tests, *_plugin_modules(state.hook)]:
        cache = get_cache_dir(module)
        pyc = cache / (module.name[:-3] + PYC_TAIL)
        if _read_pyc(module, pyc) is not None:
            continue
        try:
            cache.mkdir(exist_ok=True)
        except OSError:  # a read-only environment: the workers rewrite this one themselves
            continue
        try:
            stat, code = _rewrite_test(module, config)
        except (OSError, SyntaxError, ValueError):  # not a module this Python reads: never imported
            continue
        _write_pyc(state, code, stat, pyc)


def _plugin_modules(hook: object) -> list[Path]:
    """The source files of the packages pytest rewrites besides the tests (its plugins, marked at start)."""
    files: list[Path] = []
    for name in sorted(getattr(hook, "_must_rewrite", ())):
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            continue
        if spec is None or spec.origin is None or not spec.origin.endswith(".py"):
            continue
        if spec.submodule_search_locations:
            for folder in spec.submodule_search_locations:
                files.extend(sorted(Path(folder).rglob("*.py")))
        else:
            files.append(Path(spec.origin))
    return files
