"""Mindmap (§4.5.3): a central theme with a tree of ideas, drawn with ├── and └── (readable
without colour) and edited with the keyboard."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from poptui.screens.method_screen import MethodScreen
from poptui.screens.widgets.footer import KeyFooter
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from poptui.i18n import _
from poptui.models.planning import MindmapNode, MindmapRecord
from poptui.services import mindmap

THEME = "theme"


class MindmapScreen(MethodScreen):
    """Mindmap: a tak eronder, b tak ernaast, e hernoemen, K/J verplaatsen, > en < in- en uitspringen, x weg."""

    CSS_PATH = "mindmap.tcss"
    BINDINGS: ClassVar = [
        Binding("a", "add_child", _("Tak eronder"), id="mindmap.child"),
        Binding("b", "add_sibling", _("Tak ernaast"), id="mindmap.sibling"),
        Binding("e,enter", "rename", _("Hernoemen"), id="mindmap.rename"),
        Binding("x,delete", "delete", _("Weg"), id="mindmap.delete"),
        Binding("K,ctrl+up", "move(-1)", _("Omhoog"), show=False, id="mindmap.up"),
        Binding("J,ctrl+down", "move(1)", _("Omlaag"), show=False, id="mindmap.down"),
        Binding(
            "greater_than_sign,right", "indent", _("Inspringen (onder de tak erboven)"), show=False, id="mindmap.indent"
        ),
        Binding("less_than_sign,left", "outdent", _("Uitspringen"), show=False, id="mindmap.outdent"),
        Binding("r", "conclusion", _("Conclusie"), show=False, id="mindmap.conclusion"),
    ]
    record: MindmapRecord
    text_max_length = 200

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            _(
                "Eerst verzamelen, dan kiezen. a tak eronder, b ernaast, > en < (of pijl rechts/links) "
                "springen in en uit, K/J verplaatsen, r noteert een conclusie voor het POP."
            ),
            id="mindmap-hint",
            markup=False,
        )
        yield OptionList(id="mindmap-tree")
        yield KeyFooter()

    def after_load(self) -> None:
        self.query_one(OptionList).focus()
        if not self.record.theme:
            self.call_after_refresh(self.action_rename)

    def redraw(self, select: str | None = None) -> None:
        tree = self.query_one(OptionList)
        current = select or self.current_id() or THEME
        tree.clear_options()
        for node_id, line in mindmap.drawing(
            self.record.theme or _("(centraal thema: Enter om te schrijven)"), self.record.nodes
        ):
            tree.add_option(Option(Text(line), id=node_id or THEME))
        try:
            tree.highlighted = tree.get_option_index(current)
        except Exception:
            tree.highlighted = 0

    def current_id(self) -> str | None:
        tree = self.query_one(OptionList)
        if tree.highlighted is None or tree.option_count == 0:
            return None
        return tree.get_option_at_index(tree.highlighted).id

    def _store_nodes(self, nodes: list[MindmapNode], select: str | None = None) -> None:
        if self.store(self.record.model_copy(update={"nodes": nodes})):
            self.redraw(select)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_rename()

    # -- keys --------------------------------------------------------------------------------

    def action_add_child(self) -> None:
        current = self.current_id()
        parent = None if current in (None, THEME) else current

        def typed(text: str) -> None:
            nodes, new_id = mindmap.add_child(self.record.nodes, parent, text)
            self._store_nodes(nodes, new_id)

        self.ask(_("Nieuw idee (tak eronder)"), "", typed)

    def action_add_sibling(self) -> None:
        current = self.current_id()
        if current in (None, THEME):
            self.action_add_child()
            return

        def typed(text: str) -> None:
            nodes, new_id = mindmap.add_sibling(self.record.nodes, current, text)
            self._store_nodes(nodes, new_id)

        self.ask(_("Nieuw idee (tak ernaast)"), "", typed)

    def action_rename(self) -> None:
        current = self.current_id()
        if current in (None, THEME):
            self.ask(
                _("Centraal thema (bv. mijn volgende stap)"),
                self.record.theme,
                lambda text: self.store(self.record.model_copy(update={"theme": text})),
            )
            return
        node = next(node for node in self.record.nodes if node.id == current)
        self.ask(_("Idee"), node.text, lambda text: self._store_nodes(mindmap.rename(self.record.nodes, current, text)))

    def _on_node(self, change: Callable[[list[MindmapNode], str], list[MindmapNode]]) -> None:
        current = self.current_id()
        if current in (None, THEME):
            return
        self._store_nodes(change(self.record.nodes, current), current)

    def action_move(self, step: int) -> None:
        self._on_node(lambda nodes, node_id: mindmap.move(nodes, node_id, step))

    def action_indent(self) -> None:
        self._on_node(mindmap.indent)

    def action_outdent(self) -> None:
        self._on_node(mindmap.outdent)

    def action_delete(self) -> None:
        current = self.current_id()
        if current in (None, THEME):
            return
        under = len(mindmap.descendants(self.record.nodes, current))
        from poptui.screens.dialogs import ConfirmDialog

        question = (
            _("Dit idee en de {count} ideeën eronder verwijderen?", count=under)
            if under
            else _("Dit idee verwijderen?")
        )
        self.app.push_screen(
            ConfirmDialog(question),
            lambda yes: self._store_nodes(mindmap.delete(self.record.nodes, current)) if yes else None,
        )

    def action_conclusion(self) -> None:
        self.action_conclude()
