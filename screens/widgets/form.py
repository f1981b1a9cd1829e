"""Forms for one record: labelled fields with their error beside them, a save key,
protection against leaving with unsaved changes, and drafts while typing.

A concrete form subclasses ``FormScreen[R]`` (``R``: what saving returns, usually the saved
record, which is also what the form is dismissed with), sets ``model`` (the pydantic model
whose fields it edits), yields one :meth:`FormScreen.field` per field from
:meth:`FormScreen.compose_fields`, and implements :meth:`FormScreen.save_record`, which calls
a service with the typed :meth:`FormScreen.values`::

    class HoursForm(FormScreen[HoursEntry]):
        model = HoursEntry

        def compose_fields(self) -> ComposeResult:
            yield self.field("date", Input(compact=True, placeholder=_("dd/mm/jjjj")))
            yield self.field("hours", Input(compact=True), help=_("Bijvoorbeeld 2 of 1,5."))

        def save_record(self, values: dict[str, Any]) -> HoursEntry:
            return hours.save_entry(self.database, values, self.organisation_id, self.entry_id)

A field is declared once, in the model: :meth:`FormScreen.field` takes its label from the
field's ``title`` (translated) and marks it required (*) when the model requires it. The
base class turns validation and store errors into Dutch messages next to the fields, asks
before leaving a changed form and keeps a draft of what was typed.

The coach types at once: the form opens on the first field a coach writes in
(``FIRST_FIELD``, else the first empty text field), and a letter is always text, never a
command (``LETTERS_ARE_TEXT``, see :mod:`poptui.screens.base`): a form's own keys are function
keys (F3, F4, F5, F8: F1 is help, F2 and Ctrl+S save, F9 the colours, a text area keeps F6 and F7), Delete,
Enter or Escape.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from poptui.screens.base import BaseScreen
from poptui.screens.widgets.footer import KeyFooter
from poptui.screens.widgets.text_input import AnyInput, Input
from pydantic import BaseModel, ValidationError
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Checkbox, Header, Label, Select, Static, TextArea

from poptui import clock
from poptui.formatting import format_date, format_time
from poptui.i18n import _, _n
from poptui.models.errors import FieldError, field_errors
from poptui.services import ConsentRequired, StoreError, VersionConflict, drafts, expect_versions
from poptui.text import clean_text

if TYPE_CHECKING:
    from poptui.screens.dialogs import ConfirmDialog


def widget_value(widget: Widget) -> Any:
    """The value of an input widget as the models expect it (strings are parsed by the models)."""
    if isinstance(widget, Select):
        return None if widget.value is Select.NULL else widget.value
    if isinstance(widget, Checkbox):
        return widget.value
    if isinstance(widget, TextArea):
        return widget.text
    if isinstance(widget, AnyInput):
        return widget.value
    raise TypeError(f"unsupported form widget {type(widget).__name__}")


def set_widget_value(widget: Widget, value: Any) -> None:
    if isinstance(widget, Select):
        widget.value = Select.NULL if value in (None, "") else value
    elif isinstance(widget, Checkbox):
        widget.value = bool(value)
    elif isinstance(widget, TextArea):
        widget.load_text(clean_text(str(value or "")))
    elif isinstance(widget, AnyInput):
        if isinstance(value, date):
            value = format_date(value)
        elif isinstance(value, time):
            value = format_time(value)
        widget.value = clean_text(str(value or ""))


class FormField(Vertical):
    """One row: the Dutch label, the input widget, and the error shown when there is one."""

    DEFAULT_CSS = """
    FormField { height: auto; padding: 0 1 0 0; border-left: blank; }
    FormField:focus-within { border-left: thick $accent; }
    FormField > Horizontal { height: auto; }
    FormField .field-label { width: 24; padding-right: 1; }
    FormField .field-input { width: 1fr; }
    FormField TextArea.field-input { height: 5; }
    FormField .field-error { color: $error; text-style: bold; padding-left: 24; display: none; }
    FormField.-invalid .field-error { display: block; }
    FormField .field-help { color: $text-muted; padding-left: 24; }
    """

    def __init__(self, name: str, label: str, widget: Widget, help: str = "", required: bool = False) -> None:
        super().__init__(id=f"field-{name}")
        self.field_name = name
        self.label_text = label + (" *" if required else "")
        self.widget = widget
        self.help = help
        widget.add_class("field-input")
        if hasattr(widget, "cursor_blink"):  # a blinking cursor repaints twice a second: over SSH, send nothing idle
            widget.cursor_blink = False

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Label(self.label_text, classes="field-label", markup=False)
            yield self.widget
        if self.help:
            yield Static(self.help, classes="field-help", markup=False)
        yield Static("", classes="field-error", markup=False)

    def show_error(self, message: str) -> None:
        self.query_one(".field-error", Static).update(message)
        self.set_class(bool(message), "-invalid")


RecordT = TypeVar("RecordT")


class FormScreen(BaseScreen[RecordT | None], Generic[RecordT]):
    """Base of every record form: dismissed with what :meth:`save_record` returned, or None when
    the coach left without saving. Subclasses set ``form_title`` and ``model``."""

    DEFAULT_CSS = """
    FormScreen #form-body { padding: 0 1; }
    FormScreen #form-problems { color: $error; text-style: bold; display: none; padding: 0 1; }
    FormScreen #form-problems.-shown { display: block; }
    FormScreen #form-intro { color: $text-muted; padding: 0 1; }
    """
    BINDINGS: ClassVar = [
        Binding("ctrl+s,f2", "save", _("Opslaan"), priority=True, id="form.save"),
        Binding("escape", "leave", _("Terug"), id="form.leave"),
    ]

    LETTERS_ARE_TEXT = True
    AUTO_FOCUS = ""
    """The form focuses its first field itself once the values are in (:meth:`first_field`)."""
    FIRST_FIELD: ClassVar[str | None] = None
    """The field the coach writes in first (e.g. the notes of a contact moment); None: see
    :meth:`first_field`."""

    form_title: str = ""
    form_intro: str = ""
    model: type[BaseModel] | None = None
    """The model whose fields the form edits: labels, required marks and error messages come from it."""
    close_on_save: bool = True

    def __init__(self, draft_key: str) -> None:
        super().__init__()
        self.draft_key = draft_key
        self.dirty = False
        self._loading = True
        self._draft_timer: Timer | None = None
        self._loaded_version: tuple[str, int] | None = None
        self._baseline: dict[str, Any] | None = None

    # -- to implement ----------------------------------------------------------

    def compose_fields(self) -> ComposeResult:
        """The form's :class:`FormField` rows (subclasses override)."""
        yield from ()

    def save_record(self, values: dict[str, Any]) -> RecordT:
        """Build and store the record; raise ValidationError or StoreError on failure."""
        raise TypeError(f"{type(self).__name__} must override save_record")

    def initial_values(self) -> dict[str, Any]:
        return {}

    def field(
        self,
        name: str,
        widget: Widget,
        *,
        help: str = "",
        label: str | None = None,
        required: bool | None = None,
    ) -> FormField:
        """The row of the model's field ``name``: labelled with the field's title (translated) and
        marked required when the model requires it. ``label`` and ``required`` are for the few
        rows that are not a field of ``model`` (or that a rule outside the field makes required)."""
        info = self.model.model_fields.get(name) if self.model is not None else None
        if label is None:
            if info is None or not info.title:
                model_name = self.model.__name__ if self.model is not None else "no model"
                raise KeyError(f"{type(self).__name__}: {name!r} has no title in {model_name}; pass label=")
            label = _(info.title)
        if required is None:
            required = info is not None and info.is_required()
        return FormField(name, label, widget, help=help, required=required)

    # -- layout ----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        if self.form_intro:
            yield Static(self.form_intro, id="form-intro", markup=False)
        yield Static("", id="form-problems", markup=False)
        with VerticalScroll(id="form-body", can_focus=False):
            yield from self.compose_fields()
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = self.form_title
        initial = self.initial_values()
        self._remember_version(initial)
        self.load_values(initial)
        first = self.first_field()
        if first is not None:
            first.widget.focus(scroll_visible=False)
            self.call_after_refresh(first.scroll_visible, animate=False)
        self.call_after_refresh(self._finish_loading)

    def first_field(self) -> FormField | None:
        """Where the coach starts writing: ``FIRST_FIELD``; else, in a new record, the first empty
        field (a text field, or a choice still to make); else the first text field; else the first
        field. (Editing a stored record starts at its first text field, as a coach expects.)"""
        fields = [field for field in self.form_fields() if field.widget.focusable]
        if self.FIRST_FIELD is not None:
            for field in fields:
                if field.field_name == self.FIRST_FIELD:
                    return field
        new = self.is_new()
        empty = [field for field in fields if new and _is_empty(field.widget)]
        texts = [field for field in fields if isinstance(field.widget, (AnyInput, TextArea))]
        for candidates in (empty, texts, fields):
            if candidates:
                return candidates[0]
        return None

    def is_new(self) -> bool:
        """The form makes a new record (a form for a part of a record says so itself)."""
        return self._loaded_version is None

    def _remember_version(self, values: dict[str, Any]) -> None:
        """The id and version of the record as loaded: saving over a newer one is refused."""
        record_id, version = values.get("id"), values.get("version")
        if isinstance(record_id, str) and isinstance(version, int) and version > 0:
            self._loaded_version = (record_id, version)

    def _finish_loading(self) -> None:
        self._loading = False
        self.dirty = False
        self._baseline = self.values()
        draft = drafts.load_draft(self.database, self.draft_key)
        if draft and draft != self.values():
            self.app.push_screen(
                _confirm(
                    _("Er is een niet-opgeslagen versie van dit formulier (een concept). Wil je die terugzetten?")
                ),
                self._restore_draft_answer(draft),
            )

    def _restore_draft_answer(self, draft: dict[str, Any]) -> Callable[[bool | None], None]:
        def answer(restore: bool | None) -> None:
            if restore:
                self.load_values(draft)
                self.dirty = True
                self.notify(_("Het concept is teruggezet. Sla op met Ctrl+S."))
            else:
                drafts.discard_draft(self.database, self.draft_key)

        return answer

    # -- values ----------------------------------------------------------------

    def form_fields(self) -> list[FormField]:
        return list(self.query(FormField))

    def values(self) -> dict[str, Any]:
        return {field.field_name: widget_value(field.widget) for field in self.form_fields()}

    def load_values(self, values: dict[str, Any]) -> None:
        loading = self._loading
        self._loading = True
        for field in self.form_fields():
            if field.field_name in values:
                set_widget_value(field.widget, values[field.field_name])
        self._loading = loading

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    def _changed(self) -> None:
        if self._loading:
            return
        if self._baseline is not None and self.values() == self._baseline:
            self.dirty = False  # back to what was loaded (also: a reload that is still arriving)
            return
        self.dirty = True
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(1.0, self.flush_draft)

    def flush_draft(self) -> None:
        """Write what was typed so far as a draft (also called on hang-up)."""
        if self.dirty:
            try:
                drafts.save_draft(self.database, self.draft_key, self.form_title, self.values())
            except OSError:
                pass

    # -- errors ----------------------------------------------------------------

    def show_errors(self, errors: list[FieldError]) -> None:
        by_field: dict[str, list[str]] = {}
        general: list[str] = []
        names = {field.field_name for field in self.form_fields()}
        for error in errors:
            name = error.field.split(".")[0]
            if name in names:
                by_field.setdefault(name, []).append(error.message)
            else:
                general.append(str(error))
        first = None
        for field in self.form_fields():
            messages = by_field.get(field.field_name, [])
            field.show_error(" ".join(messages))
            if messages and first is None:
                first = field
        problems = self.query_one("#form-problems", Static)
        problems.update("\n".join(general))
        problems.set_class(bool(general), "-shown")
        if first is not None:
            first.widget.focus()
            first.scroll_visible()
        count = len(errors)
        self.notify(
            _n(
                "Niet opgeslagen: {count} probleem. Kijk bij het veld in het rood.",
                "Niet opgeslagen: {count} problemen. Kijk bij de velden in het rood.",
                count,
            ),
            severity="error",
        )

    def clear_errors(self) -> None:
        for field in self.form_fields():
            field.show_error("")
        self.query_one("#form-problems", Static).set_class(False, "-shown")

    # -- actions ---------------------------------------------------------------

    def action_save(self) -> None:
        self.save_and_close(close=self.close_on_save)

    def save_and_close(self, close: bool = True) -> bool:
        values = self.values()
        expected = dict([self._loaded_version]) if self._loaded_version else {}
        try:
            with expect_versions(expected) as versions:
                record = self.save_record(values)
        except ValidationError as error:
            self.show_errors(field_errors(error, self.model))
            return False
        except VersionConflict as error:
            self.handle_conflict(error)
            return False
        except ConsentRequired as error:
            self.flush_draft()
            self.show_errors(
                [
                    FieldError(
                        name,
                        label,
                        _("Toestemming nodig: pas in te vullen nadat de werknemer toestemming gaf (§4.4.1)."),
                    )
                    for name, label in zip(error.fields, error.labels, strict=True)
                ]
            )
            self.notify(str(error), severity="error", timeout=12)
            return False
        except StoreError as error:
            self.flush_draft()
            self.notify(str(error), severity="error", timeout=10)
            return False
        if self._loaded_version and self._loaded_version[0] in versions:
            self._loaded_version = (self._loaded_version[0], versions[self._loaded_version[0]])
        record_id, version = getattr(record, "id", None), getattr(record, "version", None)
        if (
            isinstance(record_id, str)
            and isinstance(version, int)
            and (self._loaded_version is None or self._loaded_version[0] == record_id)
        ):
            self._loaded_version = (record_id, version)
        self.clear_errors()
        self.dirty = False
        self._baseline = values
        drafts.discard_draft(self.database, self.draft_key)
        self.notify(_("Opgeslagen."))
        self.after_save(record)
        if close:
            self.dismiss(record)
        return True

    def after_save(self, record: RecordT) -> None:
        """Hook for subclasses (e.g. to update the draft key of a new record)."""

    # -- someone else saved first ---------------------------------------------

    def handle_conflict(self, error: VersionConflict) -> None:
        """Keep the coach's text as a named draft, then offer to reload or keep it aside."""
        mine = self.values()
        aside_key = f"{self.draft_key}--apart-{clock.now():%Y%m%d%H%M%S}"
        aside_title = _(
            "{title} (apart gehouden {when})",
            title=self.form_title or _("formulier"),
            when=f"{clock.now():%d/%m %H:%M}",
        )
        try:
            drafts.save_draft(self.database, aside_key, aside_title, mine)
        except OSError:
            self.flush_draft()
        theirs = self.initial_values()
        from poptui.screens.conflict_dialog import RELOAD, ConflictDialog

        def chosen(choice: str | None) -> None:
            self._remember_version(theirs)
            if choice == RELOAD:
                self._loading = True
                self.load_values(theirs)
                self.call_after_refresh(self._loaded_again)
                self.clear_errors()
                drafts.discard_draft(self.database, self.draft_key)
                self.notify(
                    _("De nieuwe versie is geladen. Je eigen tekst staat in het concept '{title}'.", title=aside_title),
                    timeout=10,
                )
            else:
                self.dirty = True
                self.notify(
                    _(
                        "Je tekst staat nog in het formulier (en in het concept). Neem over wat de ander "
                        "wijzigde en sla opnieuw op met Ctrl+S."
                    ),
                    timeout=10,
                )

        self.app.push_screen(ConflictDialog(str(error), self._differences(mine, theirs), aside_title), chosen)

    def _loaded_again(self) -> None:
        self._loading = False
        self.dirty = False
        self._baseline = self.values()

    def _differences(self, mine: dict[str, Any], theirs: dict[str, Any]) -> list[tuple[str, str, str]]:
        out = []
        for field in self.form_fields():
            name = field.field_name
            if name not in theirs:
                continue
            own, other = _shown(mine.get(name)), _shown(theirs.get(name))
            if own != other:
                out.append((field.label_text.rstrip(" *"), own, other))
        return out

    def action_leave(self) -> None:
        if not self.dirty:
            drafts.discard_draft(self.database, self.draft_key)
            self.dismiss(None)
            return

        def decided(choice: str | None) -> None:
            if choice == "save":
                self.save_and_close(close=True)
            elif choice == "discard":
                drafts.discard_draft(self.database, self.draft_key)
                self.dismiss(None)

        from poptui.screens.dialogs import SaveChangesDialog

        self.app.push_screen(SaveChangesDialog(), decided)


def _is_empty(widget: Widget) -> bool:
    try:
        return widget_value(widget) in (None, "")
    except TypeError:  # a form's own widget (a list to tick): not a field to type in
        return False


def _shown(value: Any) -> str:
    """A value as one short line for the list of differences."""
    if value is None:
        return ""
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, time):
        return format_time(value)
    text = " ".join(clean_text(str(getattr(value, "value", value))).split())
    return text if len(text) <= 60 else text[:59] + "…"


def _confirm(question: str) -> ConfirmDialog:
    from poptui.screens.dialogs import ConfirmDialog

    return ConfirmDialog(question)
