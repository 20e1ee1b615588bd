"""Binding widgets to the store: debounced saves, a status line, retries.

Every change a participant makes is checked in the kernel (a widget's synced
value can be set by any client), then saved about a second later as a new
revision. When the store fails, the value stays pending (and stays in the
widget) and is retried until it lands; the status line says so. Nothing a
participant typed is dropped.
"""
from __future__ import annotations

import atexit
from datetime import datetime
from typing import Any, Callable
from weakref import WeakSet

import ipywidgets as W

from swc_core import messages
from swc_core.errors import InputError, StoreError
from swc_core.store import Store

from .scheduling import Handle, LoopScheduler, Scheduler

SAVE_DELAY = 1.0  # seconds of quiet before a change is saved
RETRY_DELAY = 3.0  # seconds between attempts while the store is unavailable

Validator = Callable[[str, Any], Any]

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

    def __init__(self, language: str = "nl", **kwargs):
        super().__init__(**kwargs)
        self.language = language
        self._failing: set[str] = set()
        self._invalid: dict[str, str] = {}
        self._pending: set[str] = set()
        self._last_saved: datetime | None = None
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

    def mark_saved(self, field: str, when: datetime) -> None:
        self._pending.discard(field)
        self._failing.discard(field)
        self._last_saved = when
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
            self.value = messages.text("status.invalid", self.language, reason=next(iter(self._invalid.values())))
        elif state == "saved":
            self.value = messages.text("status.saved", self.language, time=self._last_saved.astimezone().strftime("%H:%M"))
        else:
            self.value = messages.text(f"status.{state}", self.language)
        for cls in ("idle", "pending", "saved", "failed", "invalid"):
            self.remove_class(f"swc-status-{cls}")
        self.add_class(f"swc-status-{state}")


class FieldSaver:
    """Saves one field: checks the value, waits for a quiet second, retries on failure."""

    _nothing = object()

    def __init__(self, binding: "StoreBinding", field: str):
        self.binding = binding
        self.field = field
        self.pending: Any = self._nothing
        self._timer: Handle | None = None

    @property
    def has_pending(self) -> bool:
        return self.pending is not self._nothing

    def submit(self, value: Any) -> bool:
        """Take a new value from the widget; False (and a visible message) if it is refused."""
        try:
            clean = self.binding.validate(self.field, value)
        except InputError as exc:
            self.binding.status.mark_invalid(self.field, exc.message)
            return False
        self.pending = clean
        self.binding.status.mark_pending(self.field)
        self._schedule(self.binding.save_delay)
        return True

    def flush(self) -> bool:
        """Save the pending value now; True when nothing is left to save."""
        self._cancel()
        if not self.has_pending:
            return True
        value = self.pending
        try:
            rev = self.binding.store.save(self.binding.edition, self.binding.subject, self.field, value, self.binding.author)
        except StoreError:
            self.binding.status.mark_failed(self.field)
            self._schedule(self.binding.retry_delay)
            return False
        if self.pending is value:  # a newer value may have arrived meanwhile
            self.pending = self._nothing
        self.binding.status.mark_saved(self.field, rev.saved_at)
        return not self.has_pending

    def _schedule(self, delay: float) -> None:
        self._cancel()
        self._timer = self.binding.scheduler.call_later(delay, self.flush)

    def _cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None


class StoreBinding:
    """What one workbook page needs to save: store, edition, subject, author, status."""

    def __init__(self, store: Store, edition: str, subject: str, author: str, *,
                 validate: Validator | None = None, scheduler: Scheduler | None = None,
                 save_delay: float = SAVE_DELAY, retry_delay: float = RETRY_DELAY, language: str = "nl"):
        if validate is None:
            from swc_core.model.fields import parse_field as validate

        self.store = store
        self.edition = edition
        self.subject = subject
        self.author = author
        self.validate = validate
        self.scheduler = scheduler or LoopScheduler()
        self.save_delay = save_delay
        self.retry_delay = retry_delay
        self.language = language
        self.status = SaveStatus(language)
        self._savers: dict[str, FieldSaver] = {}
        _live_bindings.add(self)

    def saver(self, field: str) -> FieldSaver:
        if field not in self._savers:
            self._savers[field] = FieldSaver(self, field)
        return self._savers[field]

    def load(self) -> dict[str, Any]:
        """The latest saved value of every field of this subject."""
        return self.store.values(self.edition, self.subject)

    def flush_all(self) -> bool:
        return all([s.flush() for s in self._savers.values()])

    @property
    def unsaved_fields(self) -> list[str]:
        return sorted(f for f, s in self._savers.items() if s.has_pending)
