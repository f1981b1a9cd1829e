"""Mindmap (§4.5.3): operations on the tree of ideas and its drawing with ├── and └──.

Nodes are kept as a flat list (id, text, parent_id, order); these pure functions return a
new list. ``parent_id`` None is a main branch from the central theme.
"""

from __future__ import annotations

from poptui.models.planning import MindmapNode


def children(nodes: list[MindmapNode], parent_id: str | None) -> list[MindmapNode]:
    return sorted((node for node in nodes if node.parent_id == parent_id), key=lambda node: node.order)


def _renumber(nodes: list[MindmapNode], parent_id: str | None, ordered: list[MindmapNode]) -> list[MindmapNode]:
    new_order = {node.id: index for index, node in enumerate(ordered)}
    return [
        node.model_copy(update={"order": new_order[node.id], "parent_id": parent_id}) if node.id in new_order else node
        for node in nodes
    ]


def _find(nodes: list[MindmapNode], node_id: str) -> MindmapNode:
    return next(node for node in nodes if node.id == node_id)


def add_child(nodes: list[MindmapNode], parent_id: str | None, text: str) -> tuple[list[MindmapNode], str]:
    """A new idea as the last branch under ``parent_id`` (None: under the theme)."""
    node = MindmapNode(text=text, parent_id=parent_id, order=len(children(nodes, parent_id)))
    return [*nodes, node], node.id


def add_sibling(nodes: list[MindmapNode], node_id: str, text: str) -> tuple[list[MindmapNode], str]:
    """A new idea right after ``node_id``, on the same branch."""
    current = _find(nodes, node_id)
    siblings = children(nodes, current.parent_id)
    node = MindmapNode(text=text, parent_id=current.parent_id)
    siblings.insert(siblings.index(current) + 1, node)
    return _renumber([*nodes, node], current.parent_id, siblings), node.id


def rename(nodes: list[MindmapNode], node_id: str, text: str) -> list[MindmapNode]:
    return [node.model_copy(update={"text": text}) if node.id == node_id else node for node in nodes]


def move(nodes: list[MindmapNode], node_id: str, step: int) -> list[MindmapNode]:
    """Move an idea up (-1) or down (+1) among its siblings."""
    current = _find(nodes, node_id)
    siblings = children(nodes, current.parent_id)
    index = siblings.index(current)
    target = max(0, min(len(siblings) - 1, index + step))
    siblings.insert(target, siblings.pop(index))
    return _renumber(nodes, current.parent_id, siblings)


def indent(nodes: list[MindmapNode], node_id: str) -> list[MindmapNode]:
    """Hang an idea under the sibling above it (as its last branch); the first sibling stays."""
    current = _find(nodes, node_id)
    siblings = children(nodes, current.parent_id)
    index = siblings.index(current)
    if index == 0:
        return nodes
    new_parent = siblings[index - 1]
    nodes = _renumber(nodes, current.parent_id, [node for node in siblings if node.id != node_id])
    moved = _find(nodes, node_id)
    new_siblings = [*children(nodes, new_parent.id), moved]
    return _renumber(nodes, new_parent.id, new_siblings)


def outdent(nodes: list[MindmapNode], node_id: str) -> list[MindmapNode]:
    """Move an idea one level out, right after its parent; a main branch stays."""
    current = _find(nodes, node_id)
    if current.parent_id is None:
        return nodes
    parent = _find(nodes, current.parent_id)
    nodes = _renumber(nodes, parent.id, [node for node in children(nodes, parent.id) if node.id != node_id])
    level = children(nodes, parent.parent_id)
    level.insert(level.index(parent) + 1, _find(nodes, node_id))
    return _renumber(nodes, parent.parent_id, level)


def descendants(nodes: list[MindmapNode], node_id: str) -> set[str]:
    out: set[str] = set()
    todo = [node_id]
    while todo:
        parent = todo.pop()
        for node in nodes:
            if node.parent_id == parent and node.id not in out:
                out.add(node.id)
                todo.append(node.id)
    return out


def delete(nodes: list[MindmapNode], node_id: str) -> list[MindmapNode]:
    """Remove an idea and every idea under it."""
    current = _find(nodes, node_id)
    gone = descendants(nodes, node_id) | {node_id}
    nodes = [node for node in nodes if node.id not in gone]
    return _renumber(nodes, current.parent_id, children(nodes, current.parent_id))


def drawing(theme: str, nodes: list[MindmapNode]) -> list[tuple[str | None, str]]:
    """The tree as text lines, each with the id of its node (None for the theme line)."""
    lines: list[tuple[str | None, str]] = [(None, theme or "?")]

    def walk(parent_id: str | None, prefix: str) -> None:
        level = children(nodes, parent_id)
        for index, node in enumerate(level):
            last = index == len(level) - 1
            lines.append((node.id, f"{prefix}{'└── ' if last else '├── '}{node.text}"))
            walk(node.id, prefix + ("    " if last else "│   "))

    walk(None, "")
    return lines
