"""Mindmap: tree operations and the drawing."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from poptui.models.errors import field_errors
from poptui.models.planning import MindmapNode, MindmapRecord
from poptui.services import mindmap


def _tree() -> tuple[list[MindmapNode], dict[str, str]]:
    nodes, werk = mindmap.add_child([], None, "Werk")
    nodes, opleiding = mindmap.add_sibling(nodes, werk, "Opleiding")
    nodes, heftruck = mindmap.add_child(nodes, opleiding, "Heftruck")
    nodes, vca = mindmap.add_sibling(nodes, heftruck, "VCA")
    return nodes, {"werk": werk, "opleiding": opleiding, "heftruck": heftruck, "vca": vca}


def _lines(nodes: list[MindmapNode]) -> list[str]:
    return [line for _id, line in mindmap.drawing("Mijn volgende stap", nodes)]


def test_drawing_is_a_tree_readable_without_colour() -> None:
    nodes, _ids = _tree()
    assert _lines(nodes) == ["Mijn volgende stap", "├── Werk", "└── Opleiding", "    ├── Heftruck", "    └── VCA"]


def test_move_rename_indent_outdent_delete() -> None:
    nodes, ids = _tree()
    nodes = mindmap.move(nodes, ids["vca"], -1)
    assert _lines(nodes)[3:] == ["    ├── VCA", "    └── Heftruck"]
    nodes = mindmap.rename(nodes, ids["werk"], "Ander werk")
    nodes = mindmap.indent(nodes, ids["opleiding"])
    assert _lines(nodes) == [
        "Mijn volgende stap",
        "└── Ander werk",
        "    └── Opleiding",
        "        ├── VCA",
        "        └── Heftruck",
    ]
    nodes = mindmap.outdent(nodes, ids["opleiding"])
    assert _lines(nodes)[1:3] == ["├── Ander werk", "└── Opleiding"]
    nodes = mindmap.delete(nodes, ids["opleiding"])
    assert _lines(nodes) == ["Mijn volgende stap", "└── Ander werk"]


def test_the_first_idea_cannot_be_indented_and_a_main_branch_not_outdented() -> None:
    nodes, ids = _tree()
    assert mindmap.indent(nodes, ids["werk"]) == nodes
    assert mindmap.outdent(nodes, ids["werk"]) == nodes


def test_a_cycle_or_a_missing_parent_is_refused() -> None:
    a = MindmapNode(id="a", text="a", parent_id="b")
    b = MindmapNode(id="b", text="b", parent_id="a")
    with pytest.raises(ValidationError) as error:
        MindmapRecord(employee_id="e", trajectory_id="t", nodes=[a, b])
    assert field_errors(error.value, MindmapRecord)[0].message == "Een idee kan niet onder zichzelf hangen."
    with pytest.raises(ValidationError) as error:
        MindmapRecord(employee_id="e", trajectory_id="t", nodes=[a])
    assert field_errors(error.value, MindmapRecord)[0].message == "Een idee hangt aan een tak die niet (meer) bestaat."
