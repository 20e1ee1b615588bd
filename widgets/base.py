"""What every instrument gets: the page context, and a common base class."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Callable, ClassVar

import ipywidgets as W

from swc_core import messages
from swc_core.content import ContentPack, provenance_note
from swc_core.edition import Edition
from swc_core.html_templates import render, stylesheet
from swc_core.model import Workbook
from swc_core.model.instruments import presented_sections
from swc_core.model.page_state import PageState
from swc_core.store import Conflict

from .autosave import StoreBinding
from .term_markup import marked_terms

BUSY_RETRY = (
    1.0  # seconds: a redraw waits while the participant has unsaved changes in the instrument
)


@dataclass
class PageContext:
    """One participant's (or team's) page: who, which edition, where to save, and the page's typed state.

    ``values`` is the binding's ``PageState``: each field's value as the page
    holds it, checked once when it arrived (a change, a load, a save from
    elsewhere); :attr:`workbook` is the typed Workbook made of them, which
    instruments, figures and analysis take as it is.
    """

    edition: Edition
    subject: str
    binding: StoreBinding
    values: PageState = field(default_factory=PageState)  # the binding's ``values``
    step: str = ""
    building_quietly: bool = field(
        default=False, repr=False
    )  # a redraw's fresh instrument: no listeners
    live: bool = True  # a page in a browser; False: a read-only view (no hover definitions)

    def __post_init__(self) -> None:
        # One dict: the binding keeps it current as saves, merges and other devices' saves land.
        if self.values is not self.binding.values:
            self.binding.values.update(self.values)
            self.values = self.binding.values

    @property
    def content(self) -> ContentPack:
        return self.edition.content

    @property
    def workbook(self) -> Workbook:
        """The participant's answers as the page holds them now, typed (``PageState.workbook``; read only)."""
        return self.values.workbook


def terms_foldout(content: ContentPack, instrument_id: str) -> W.Accordion | None:
    """The "Begrippen" fold-out under an instrument: each glossary term it uses with its definition (closed).

    None for an instrument that names no terms (a trainer's own instrument, say).
    """
    terms = content.terms_of(instrument_id)
    if not terms:
        return None
    fold = W.Accordion(
        children=[W.HTML(render("page_terms.html.j2", terms=terms))], selected_index=None
    )
    fold.set_title(0, messages.text("widgets.terms"))
    fold.add_class("swc-terms-foldout")
    return fold


class Instrument(W.VBox):
    """Base of every instrument: a titled box with its own save status line.

    ``sections`` names the content pack sections the instrument presents
    ("<file stem>.<section>", declared on its spec: ``InstrumentSpec.presents``);
    when (part of) them is not from the Code, a small note under the title
    says so (``provenance_note``).
    """

    instrument_id: ClassVar[str]

    @property
    def sections(self) -> tuple[str, ...]:
        """The content-pack sections this instrument presents (``model.instruments.presented_sections``)."""
        return presented_sections(self.instrument_id)

    def __init__(self, ctx: PageContext, **kwargs):
        super().__init__(**kwargs)
        self.ctx = ctx
        info = ctx.content.instrument(self.instrument_id)
        note = provenance_note(ctx.content, self.sections)
        self.provenance = note  # the note's text, or None
        self.title = W.HTML(
            render("page_instrument_title.html.j2", name=info.name, note=note or "")
        )
        # the shared language at each word: a term of the begrippenlijst shows its definition (live pages)
        intro = info.explanation.strip()
        self.intro = W.HTML(
            marked_terms(intro, ctx.content.glossary)
            if ctx.live
            else render("page_text.html.j2", text=intro),
            layout=W.Layout(width="100%"),
        )
        self.intro.add_class("swc-intro")
        self.add_class("swc-instrument")
        self.add_class(f"swc-instrument-{self.instrument_id}")

    def value_of(self, field: str, default: Any = None) -> Any:
        """The value of ``field`` as the page knows it; the instrument then follows that field's changes."""
        self._follow(field)
        return self.ctx.values.get(field, default)

    def save(self, field: str, value: Any) -> bool:
        """Hand a changed value to the autosaver (checked, debounced, retried, merged)."""
        self._follow(field)
        return self.ctx.binding.saver(field).submit(value)  # accepted: the page's state holds it

    # -- values saved elsewhere (issue 17) ---------------------------------------

    def show_value(self, field: str, value: Any) -> None:
        """Show ``value``, the store's new value of ``field`` (saved on another device, by a teammate, or merged).

        Called by the page's binding (``StoreBinding.show``) only while the
        page holds no unsaved change of ``field``; the widgets' echo is not
        saved again. This generic version builds the instrument afresh from
        the page's values (which already hold ``value``) and, where the new
        widget tree has the same shape, sets only the inputs whose value
        differs (so an input the participant is in keeps its focus and
        caret); a tree of another shape (a row more or less) replaces the
        old one. It waits while a field the instrument edits has an unsaved
        change. Instruments with lists override it to update just the rows
        that changed (``ListEditor.set_items``).
        """
        host = self.__dict__.get("_redraw_of") or self  # the instrument the page displays
        if host._editing():
            waiting = host.__dict__.setdefault("_waiting", set())
            if field not in waiting:  # one retry per field, with the value the page holds by then
                waiting.add(field)

                def retry() -> None:
                    waiting.discard(field)
                    host._on_store_value(field, self.ctx.values.get(field))

                host.ctx.binding.scheduler.call_later(BUSY_RETRY, retry)
            return
        self.ctx.building_quietly = True
        try:
            fresh = type(self)(self.ctx)
        finally:
            self.ctx.building_quietly = False
        fresh._redraw_of = host  # it never listens itself: the host hands it what to show
        own = host.__dict__.get("_own_children") or tuple(
            c for c in host.children if c is not host._conflicts
        )
        if same_shape(own, fresh.children):
            for old, new in zip(own, fresh.children):
                copy_values(old, new)  # the live instance's own observers see the change
        else:
            host._own_children = tuple(fresh.children)
            host._live_instance = fresh  # its widgets are on screen now; later values go to it
        host._place_children()

    def show_conflicts(self, field: str, conflicts: list[Conflict]) -> None:
        """A small panel under the instrument: each value set two ways, "Hier" and "Elders", and which to keep."""
        self._conflicts.show(field, conflicts)  # the panel places itself (``on_change``)

    def _option_label(self, value: Any) -> str | None:
        """How the instrument's own choice lists name ``value`` (a partnership type's name, not its id), if they do."""
        if isinstance(value, (dict, list)):
            return None
        stack = list(self.children)
        while stack:
            widget = stack.pop(0)
            for option in getattr(widget, "options", None) or ():
                if (
                    isinstance(option, tuple)
                    and len(option) == 2
                    and type(option[1]) is type(value)
                ):
                    if option[1] == value:
                        return str(option[0])
            stack.extend(getattr(widget, "children", ()) or ())
        return None

    def _follow(self, field: str) -> None:
        if self.ctx.building_quietly or self.__dict__.get("_redraw_of") is not None:
            return
        followed = self.__dict__.setdefault("_followed", set())
        if field in followed:
            return
        followed.add(field)
        self.ctx.binding.on_value(field, self._on_store_value)
        self.ctx.binding.on_conflict(field, self.show_conflicts)

    def _on_store_value(self, field: str, value: Any) -> None:
        live = self  # after a redraw of another shape, the instance whose widgets are on screen
        while "_live_instance" in live.__dict__:
            live = live.__dict__["_live_instance"]
        live.show_value(field, value)

    def _editing(self) -> bool:
        """Whether a field this instrument edits holds a change not saved yet."""
        unsaved = set(self.ctx.binding.unsaved_fields)
        return bool(unsaved & self.__dict__.get("_followed", set()))

    @property
    def _conflicts(self) -> "ConflictPanel":
        if "_conflict_box" not in self.__dict__:
            self.__dict__["_conflict_box"] = ConflictPanel(
                self.ctx.binding,
                label_of=self._option_label,
                on_change=self._place_children,
            )
        return self.__dict__["_conflict_box"]

    def _place_children(self) -> None:
        own = self.__dict__.get("_own_children")
        if own is None:
            own = tuple(c for c in self.children if c is not self._conflicts)
        self.children = (*own, self._conflicts) if self._conflicts.children else own


# Traits that carry what a widget shows, in the order they must be set (options before the chosen index).
SHOWN_TRAITS = ("options", "index", "min", "max", "value", "outputs", "disabled")


def same_shape(old, new) -> bool:
    """Whether two widget trees have the same widget types in the same places."""
    if len(old) != len(new):
        return False
    return all(
        type(a) is type(b)
        and same_shape(
            tuple(getattr(a, "children", ()) or ()), tuple(getattr(b, "children", ()) or ())
        )
        for a, b in zip(old, new)
    )


def copy_values(old: W.Widget, new: W.Widget) -> None:
    """Set each widget of ``old``'s tree to what the same widget of ``new``'s tree shows, where it differs."""
    for name in SHOWN_TRAITS:
        if not old.has_trait(name) or old.trait_metadata(name, "read_only"):
            continue
        if getattr(old, name) != getattr(new, name):
            setattr(old, name, getattr(new, name))
    for a, b in zip(getattr(old, "children", ()) or (), getattr(new, "children", ()) or ()):
        copy_values(a, b)


class ConflictPanel(W.VBox):
    """Values set two ways at once (here and on another device or by a teammate): both shown, the person picks.

    ``show(field, conflicts)`` fills it (one row per conflict: "Hier: …
    [deze houden] / Elders: … [deze houden]"); empty, it takes no room. The
    saved value already holds "Hier" (this page's choice); keeping "Elders"
    puts the other value in its place, shows it and saves it.
    ``label_of(value)``: how the page names a value (a choice's label), or
    None for the plain text; ``on_change()``: called when rows come or go.
    """

    def __init__(
        self,
        binding: StoreBinding,
        *,
        label_of: Callable[[Any], str | None] = lambda value: None,
        on_change: Callable[[], None] = lambda: None,
    ):
        super().__init__(layout=W.Layout(width="100%"))
        self.add_class("swc-conflicts")
        self.binding = binding
        self.label_of = label_of
        self.on_change = on_change

    def show(self, field: str, conflicts: list[Conflict]) -> None:
        rows = [self._row(field, c) for c in conflicts]
        title = note_line(messages.text("conflict.title"), "swc-conflict-title")
        self.children = (conflict_style(), title, *rows) if rows else ()
        self.on_change()

    def _row(self, field: str, conflict: Conflict) -> W.VBox:
        row = W.VBox(layout=W.Layout(width="100%"))
        row.add_class("swc-conflict")

        def choose(keep_theirs: bool) -> None:
            if keep_theirs:
                # The person's own choice: it must reach the screen now, not wait while the instrument
                # holds an unsaved change (the next keystroke would rebuild the value from the old
                # control and undo it). So that change is saved first, and the choice applied on top.
                self.binding.flush_all()
                value = _replace_at(self.binding.values.get(field), conflict.path, conflict.theirs)
                self.binding.show(field, value)
                self.binding.saver(field).submit(value)
            style, title, *rows = self.children
            rows = [r for r in rows if r is not row]
            self.children = (style, title, *rows) if rows else ()
            self.on_change()

        sides = (
            ("conflict.here", conflict.mine, False),
            ("conflict.elsewhere", conflict.theirs, True),
        )
        for key, value, theirs in sides:
            shown = self.label_of(value) or _shown(value)
            line = W.Label(messages.text(key, value=shown), layout=W.Layout(width="auto"))
            line.add_class("swc-text")
            keep = W.Button(
                description=messages.text("conflict.keep"),
                layout=W.Layout(width="auto"),
            )
            keep.add_class("swc-conflict-keep")
            keep.on_click(lambda _b, theirs=theirs: choose(theirs))
            row.children = (*row.children, W.HBox([line, keep]))
        return row


def conflict_style() -> W.HTML:
    """The conflict panel's look, kept beside it (``page.css`` is the page's shared sheet)."""
    return W.HTML(render("page_style.html.j2", css=stylesheet("page_conflicts.css")))


def note_line(text: str, cls: str) -> W.Label:
    line = W.Label(text, layout=W.Layout(width="100%"))
    line.add_class("swc-text")
    line.add_class(cls)
    return line


def _shown(value: Any) -> str:
    """A conflicting value as plain text (shown in a Label, never as HTML)."""
    if value is None or value == "":
        return messages.text("conflict.empty")
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _replace_at(value: Any, path: tuple, new: Any) -> Any:
    """A copy of ``value`` with ``new`` at ``path`` (keys and indices), the rest unchanged."""
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        return {**value, head: _replace_at(value.get(head), rest, new)}
    if isinstance(value, list) and isinstance(head, int) and 0 <= head < len(value):
        return [*value[:head], _replace_at(value[head], rest, new), *value[head + 1 :]]
    return value
