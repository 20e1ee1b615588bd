"""Binding widgets to the store: debounced saves, a status line, retries, merges.

Every change a participant makes is checked in the kernel (a widget's synced
value can be set by any client), then saved about a second later as a new
revision. When the store fails, the value stays pending (and stays in the
widget) and is retried until it lands; the status line says so. Nothing a
participant typed is dropped.

A save is based on the revision of its field the page last saw
(``Store.save_based``): when another device or a teammate saved the field
meanwhile, the store merges both (``swc_core.store.merge``) instead of the
page's stale copy overwriting theirs (issue 17). The page then shows the
merged value (``on_value`` listeners, i.e. the instrument's ``show_value``),
without saving it again, and the status line says changes from elsewhere
were merged; a choice set two ways is handed to ``on_conflict`` listeners
(the instrument's conflict panel). :meth:`StoreBinding.follow` polls the
store so that saves made elsewhere reach an open page within about a second.
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import time
from datetime import datetime
from functools import lru_cache
from typing import Any, Callable
from weakref import WeakSet

import ipywidgets as W

from swc_core import messages
from swc_core.errors import InputError, StoreError
from swc_core.model.fields import adapter, checked_field, field_shape
from swc_core.model.page_state import CHECK, PageState
from swc_core.scheduling import Handle, LoopScheduler, Scheduler
from swc_core.store import Conflict, Revision, Store
from swc_core.store.merge import IsText, text_rule

SAVE_DELAY = 1.0  # seconds of quiet before a change is saved
RETRY_DELAY = 3.0  # seconds between attempts while the store is unavailable
FOLLOW_INTERVAL = (
    0.5  # seconds between looks at the store for saves made elsewhere (issue 17: within ~1 s)
)
ECHO_WINDOW = (
    3.0  # seconds after a shown value in which a change may still stem from what was shown before
)

Validator = Callable[[str, Any], Any]
ValueListener = Callable[[str, Any], None]  # (field, value now in the store) -> show it
ConflictListener = Callable[
    [str, list[Conflict]], None
]  # (field, conflicts of its last save) -> let the person pick
log = logging.getLogger("swc.autosave")

# Every page's binding in this kernel: saved before the kernel ends (``flush_every_page``).
_live_bindings: "WeakSet[StoreBinding]" = WeakSet()


def flush_every_page() -> list[str]:
    """Save every pending value of every page in this kernel now; returns the fields still unsaved.

    Called by the server right before it shuts a page kernel down (a closed
    tab's beacon, culling, Ctrl-C: ``swc_core/serve/kernels.py``), and at the
    kernel's exit: what a participant typed in the last second before leaving
    would otherwise wait for a debounce timer that never fires.
    """
    unsaved = []
    for binding in list(_live_bindings):
        if not binding.flush_all():
            unsaved += binding.unsaved_fields
    return unsaved


atexit.register(flush_every_page)


class SaveStatus(W.Label):
    """One small line under an instrument: saved, pending, failed or refused."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._failing: set[str] = set()
        self._invalid: dict[str, str] = {}
        self._pending: set[str] = set()
        self._last_saved: datetime | None = None
        self._merged = False  # the last save merged changes made elsewhere
        self.add_class("swc-status")
        self._render()

    @property
    def state(self) -> str:
        if self._invalid:
            return "invalid"
        if self._failing:
            return "failed"
        if self._pending:
            return "pending"
        return "saved" if self._last_saved else "idle"

    def mark_pending(self, field: str) -> None:
        self._pending.add(field)
        self._invalid.pop(field, None)
        self._render()

    def mark_saved(self, field: str, when: datetime, merged: bool = False) -> None:
        """``merged``: the store held changes from elsewhere, and the page now shows both."""
        self._pending.discard(field)
        self._failing.discard(field)
        self._last_saved = when
        self._merged = merged
        self._render()

    def mark_failed(self, field: str) -> None:
        self._failing.add(field)
        self._render()

    def mark_invalid(self, field: str, reason: str) -> None:
        self._invalid[field] = reason
        self._pending.discard(field)
        self._render()

    def _render(self) -> None:
        state = self.state
        if state == "invalid":
            self.value = messages.text("status.invalid", reason=next(iter(self._invalid.values())))
        elif state == "saved":
            key = "status.merged" if self._merged else "status.saved"
            self.value = messages.text(key, time=self._last_saved.astimezone().strftime("%H:%M"))
        else:
            self.value = messages.text(f"status.{state}")
        for cls in ("idle", "pending", "saved", "failed", "invalid"):
            self.remove_class(f"swc-status-{cls}")
        self.add_class(f"swc-status-{state}")


class FieldSaver:
    """Saves one field: checks the value, waits for a quiet second, retries on failure, merges.

    ``base_id`` is the revision of this field the page last saw (from its
    load, its own last save, or :meth:`StoreBinding.follow`); each save is
    based on it, and moves it to the revision the save made.
    """

    _nothing = object()

    def __init__(self, binding: "StoreBinding", field: str):
        self.binding = binding
        self.field = field
        self.pending: Any = self._nothing  # the checked JSON of the change to save
        self._pending_typed: Any = CHECK  # its typed form (``PageState``)
        self.base_id: int | None = binding.base_ids.get(field)
        self._timer: Handle | None = None
        self._shown: tuple[Any, Any, float] | None = (
            None  # (value before a show, value shown, when)
        )
        self._made_on: Any = (
            _UNSET  # the value the pending change was made on, when it is not base_id's
        )

    @property
    def has_pending(self) -> bool:
        return self.pending is not self._nothing

    def submit(self, value: Any) -> bool:
        """Take a new value from the widget; False (and a visible message) if it is refused."""
        if self.binding.showing == self.field:
            return True  # the page is showing the store's value: not a change to save
        try:
            clean, typed = self.binding.check(self.field, value)
        except InputError as exc:
            self.binding.status.mark_invalid(self.field, exc.message)
            return False
        if not self.has_pending:
            self._made_on = self._made_on_before_show(clean)
        self.pending, self._pending_typed = clean, typed
        self.binding.values.set(self.field, value, typed)  # the page's state: checked once, here
        self.binding.status.mark_pending(self.field)
        self._schedule(self.binding.save_delay)
        return True

    def _made_on_before_show(self, value: Any) -> Any:
        """The value shown before the page last showed the store's, if ``value`` was typed on that one.

        A keystroke can leave the browser just before the store's value
        reaches it: then it is a change of what was on screen before, and
        saving it as a change of the shown value would undo the other
        device's edit. Which of the two it was made on is judged by
        likeness (a few keystrokes are closer to the value they were typed
        on); only in a short window after a show.
        """
        shown, self._shown = self._shown, None
        if shown is None or time.monotonic() - shown[2] > ECHO_WINDOW:
            return _UNSET
        before, after, _ = shown
        closer = _likeness(value, before) > _likeness(value, after)
        return before if closer else _UNSET

    def flush(self) -> bool:
        """Save the pending value now; True when nothing is left to save."""
        self._cancel()
        if not self.has_pending:
            return True
        value = self.pending
        b = self.binding
        try:
            rev, merged = b.store.save_based(
                b.edition,
                b.subject,
                self.field,
                value,
                b.author,
                self.base_id,
                is_text=b.is_text(self.field),
                check=self._check,
                **({} if self._made_on is _UNSET else {"base_value": self._made_on}),
            )
        except StoreError:
            b.status.mark_failed(self.field)
            self._schedule(b.retry_delay)
            return False
        if self.pending is not value:
            # A newer value arrived meanwhile; it was typed on top of the old base, so it stays based
            # on that one and its own save merges with this revision.
            return False
        self.pending = self._nothing
        self._made_on = _UNSET
        self.base_id = rev.id
        changed_elsewhere = not _same_json(merged.value, value)
        if changed_elsewhere:
            self.show(value, merged.value)
        else:
            # the value it saved, with the typed form its check made: no second check
            b.values.set(self.field, merged.value, self._pending_typed)
        # after the page's values hold the saved value: whoever watches the status reads the new state
        b.status.mark_saved(self.field, rev.saved_at, merged=changed_elsewhere)
        if merged.conflicts:
            b.tell_conflicts(self.field, merged.conflicts)
        return True

    def take_from_store(self, rev: Revision) -> bool:
        """A revision saved elsewhere: show it, unless this page holds an unsaved change (its save merges).

        True when the page's value changed.
        """
        if self.has_pending or rev.id == self.base_id:
            return False
        self.base_id = rev.id
        if _same_json(self.binding.values.get(self.field), rev.value):
            return False
        self.show(self.binding.values.get(self.field), rev.value)
        return True

    def show(self, before: Any, value: Any) -> None:
        """Put the store's ``value`` on screen, remembering what was there (see :meth:`_made_on_before_show`)."""
        self._shown = (before, value, time.monotonic())
        self.binding.show(self.field, value)

    def _check(self, value: Any) -> Any:
        """A merge made by the store, checked as a change is (its JSON; InputError if refused)."""
        return self.binding.check(self.field, value)[0]

    def _schedule(self, delay: float) -> None:
        self._cancel()
        self._timer = self.binding.scheduler.call_later(delay, self.flush)

    def _cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None


_UNSET = object()


def _likeness(a: Any, b: Any) -> int:
    """How alike two values are: minus the characters they differ in (between their common start and end).

    Linear in the length, so a 20,000-character text costs nothing; enough
    to tell a few keystrokes from another device's edit.
    """
    x, y = json.dumps(a, sort_keys=True), json.dumps(b, sort_keys=True)
    p = len(os.path.commonprefix([x, y]))
    tail = len(os.path.commonprefix([x[p:][::-1], y[p:][::-1]]))
    return -(len(x) + len(y) - 2 * (p + tail))


def _same_json(a: Any, b: Any) -> bool:
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def model_text_rule(field: str) -> IsText | None:
    """Which strings of ``field``'s value are free text (merged as text) rather than ids or choices.

    Read off the field's type in the model (``swc_core.model.fields``); None
    (every string is text) for a key the model does not know.
    """
    try:
        return _shape_text_rule(field_shape(field))
    except InputError:
        return None


@lru_cache(maxsize=None)
def _shape_text_rule(shape: str) -> IsText:
    return text_rule(adapter(shape).json_schema(mode="serialization"))


class StoreBinding:
    """What one workbook page needs to save: store, edition, subject, author, status."""

    def __init__(
        self,
        store: Store,
        edition: str,
        subject: str,
        author: str,
        *,
        validate: Validator | None = None,
        scheduler: Scheduler | None = None,
        save_delay: float = SAVE_DELAY,
        retry_delay: float = RETRY_DELAY,
    ):
        self.store = store
        self.edition = edition
        self.subject = subject
        self.author = author
        self.validate = validate  # None: the field registry's own check (``check``)
        self.scheduler = scheduler or LoopScheduler()
        self.save_delay = save_delay
        self.retry_delay = retry_delay
        self.status = SaveStatus()
        # the value of each field as the page knows it, checked once and typed (PageContext.values)
        self.values = PageState()
        self.base_ids: dict[str, int] = {}  # the revision of each field the page loaded
        self.showing: str | None = None  # the field whose store value is being put on screen
        self._savers: dict[str, FieldSaver] = {}
        self._value_listeners: dict[str, list[ValueListener]] = {}
        self._conflict_listeners: dict[str, list[ConflictListener]] = {}
        self._seen_id = 0  # the subject's newest revision id this page has looked at
        self._follow_timer: Handle | None = None
        self.follow_interval = FOLLOW_INTERVAL
        _live_bindings.add(self)

    def saver(self, field: str) -> FieldSaver:
        if field not in self._savers:
            self._savers[field] = FieldSaver(self, field)
        return self._savers[field]

    def check(self, field: str, value: Any) -> tuple[Any, Any]:
        """``value`` checked for ``field``: (its JSON to save, its typed form for the page's state).

        The one check a widget's change passes on its way to the store and
        the page's ``Workbook``; InputError when refused. A custom ``validate``
        (tests) gives the JSON only; the page's state then types it itself.
        """
        if self.validate is not None:
            return self.validate(field, value), CHECK
        return checked_field(field, value)

    def is_text(self, field: str) -> IsText | None:
        return model_text_rule(field)

    def load(self) -> dict[str, Any]:
        """The latest saved value of every field of this subject; remembers their revisions as the bases of saves.

        Returns :attr:`values` itself (the page's ``PageContext.values``),
        which the binding keeps current as saves and merges land.
        """
        self.take_revisions(self.load_revisions())
        return self.values

    def load_revisions(self) -> dict[str, Revision]:
        """The newest revision of every field of this subject (values and ids)."""
        return self.store.latest(self.edition, self.subject).get(self.subject, {})

    def take_revisions(self, revisions: dict[str, Revision]) -> None:
        for field, rev in revisions.items():
            self.values[field] = rev.value
            self.base_ids[field] = rev.id
            if field in self._savers:
                self._savers[field].base_id = rev.id
            self._seen_id = max(self._seen_id, rev.id)

    # -- showing the store's value ----------------------------------------

    def on_value(self, field: str, callback: ValueListener) -> None:
        """Call ``callback(field, value)`` when the store's value of ``field`` differs from what the page showed."""
        self._value_listeners.setdefault(field, []).append(callback)

    def on_conflict(self, field: str, callback: ConflictListener) -> None:
        """Call ``callback(field, conflicts)`` when a save of ``field`` met a choice set two ways."""
        self._conflict_listeners.setdefault(field, []).append(callback)

    def show(self, field: str, value: Any) -> None:
        """Put the store's ``value`` of ``field`` on screen; the widgets' echo of it is not saved again."""
        self.values[field] = value
        held = (value, self.values.typed(field, CHECK))
        self.showing = field
        try:
            for callback in list(self._value_listeners.get(field, ())):
                try:
                    callback(field, value)
                except (
                    Exception
                ):  # one instrument failing to redraw must not stop the others or the saves
                    log.exception("showing %s failed", field)
        finally:
            self.showing = None
        self.values.set(field, *held)  # an instrument's echo may have set a partial value meanwhile

    def tell_conflicts(self, field: str, conflicts: list[Conflict]) -> None:
        for callback in list(self._conflict_listeners.get(field, ())):
            callback(field, conflicts)

    # -- following saves made elsewhere -----------------------------------

    def follow(self) -> None:
        """Look at the store every :attr:`follow_interval` seconds; show what other devices saved.

        One cheap query per look (``Store.last_id_of``, the index's end);
        the fields are read only when the subject changed. A field with an
        unsaved change here is left alone: its own save merges.
        """
        if self._follow_timer is None:
            self._follow_timer = self.scheduler.call_later(self.follow_interval, self._follow_tick)

    def stop_following(self) -> None:
        if self._follow_timer is not None:
            self._follow_timer.cancel()
            self._follow_timer = None

    def poll(self) -> list[str]:
        """One look at the store; returns the fields now shown with a value saved elsewhere."""
        newest = self.store.last_id_of(self.edition, self.subject)
        if newest <= self._seen_id:
            return []
        shown = []
        for field, rev in self.load_revisions().items():
            self._seen_id = max(self._seen_id, rev.id)
            if self.saver(field).take_from_store(rev):
                shown.append(field)
        return shown

    def _follow_tick(self) -> None:
        self._follow_timer = None
        try:
            self.poll()
        except StoreError:
            pass  # the store is away for a moment; the saves' own retries say so on the status line
        except Exception:  # a bug in one redraw must not stop the page from following
            log.exception("following the store failed")
        self.follow()

    def flush_all(self) -> bool:
        return all([s.flush() for s in self._savers.values()])

    @property
    def unsaved_fields(self) -> list[str]:
        return sorted(f for f, s in self._savers.items() if s.has_pending)
