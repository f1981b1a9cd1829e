"""Every key binding of every screen and widget names an action that exists.

A binding whose action is missing does nothing when the key is pressed, although the footer and
F1 list it (the trajectory page's d and k once did exactly that). This walks every module of
poptui.screens, every Screen and Widget class defined there and the app, and resolves each
binding the way Textual does: ``app.x`` on the app, ``screen.x`` on the screen, ``x`` on the
class that declares the binding.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import poptui.screens
import pytest
from textual.actions import parse
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget

from poptui.app import PopApp


def _modules() -> list[str]:
    return [info.name for info in pkgutil.walk_packages(poptui.screens.__path__, prefix=f"{poptui.screens.__name__}.")]


def _classes() -> list[type[DOMNode]]:
    """The Screen and Widget classes defined in poptui.screens (imported ones are skipped)."""
    found: dict[str, type[DOMNode]] = {}
    for name in _modules():
        module = importlib.import_module(name)
        for _name, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, Widget | Screen) and value.__module__ == module.__name__:
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return [found[key] for key in sorted(found)]


CLASSES = _classes()
SCREENS = [cls for cls in CLASSES if issubclass(cls, Screen)]


def _bindings(cls: type[DOMNode]) -> list[Binding]:
    """Every binding the class has, its own and inherited ones (as Textual merges them)."""
    out: list[Binding] = []
    for owner in cls.__mro__:
        for entry in owner.__dict__.get("BINDINGS", []):
            out.append(entry if isinstance(entry, Binding) else Binding(*entry))
    return out


def _has_action(cls: type, name: str) -> bool:
    return any(callable(getattr(cls, f"{prefix}action_{name}", None)) for prefix in ("", "_"))


def _missing(cls: type[DOMNode]) -> list[str]:
    missing = []
    for binding in _bindings(cls):
        namespace, name, _arguments = parse(binding.action)
        if namespace == "app":
            ok = _has_action(PopApp, name)
        elif namespace == "screen":
            owners = [cls] if issubclass(cls, Screen) else SCREENS
            ok = any(_has_action(owner, name) for owner in owners)
        elif namespace == "focused":
            ok = True  # resolved on whatever has the focus: nothing to check statically
        else:
            ok = _has_action(cls, name)
        if not ok:
            missing.append(f"{binding.key} -> {binding.action}")
    return missing


def test_the_walk_finds_the_screens_and_widgets() -> None:
    names = {cls.__name__ for cls in CLASSES}
    assert len(SCREENS) >= 40
    assert {"HomeScreen", "TrajectoryScreen", "ContactMomentScreen", "ActionTable", "MethodList"} <= names


@pytest.mark.parametrize("cls", [PopApp, *CLASSES], ids=lambda cls: cls.__qualname__)
def test_every_binding_names_an_existing_action(cls: type[DOMNode]) -> None:
    assert _missing(cls) == []
