"""A room that follows the store: looks for new saves and reloads when there are any.

Every ``interval`` (0.1 s) it asks the store's change signal
(``swc_core/store/changes.py``: SQLite's ``PRAGMA data_version``, PostgreSQL's
``LISTEN``), a few microseconds that read no table. Only when the signal
fires, and in any case every ``confirm_every`` seconds, does it :meth:`poll`:
one ``max(id)`` query, and when that changed, the room is read again. Saves
from any process show within ``interval`` plus the time to redraw. Measured
before (``max(id)`` every 0.5 s): live-update p95 0.52 s in a quiet room
(``bench/dashboard.py``); ``bench/live.py`` compares both in one run.

A store that is briefly unreachable is reported to the listeners and polled
again; the dashboard keeps showing the last room it had.
"""

from __future__ import annotations

import logging
import time
from typing import Callable

from swc_core.edition import Edition
from swc_core.errors import StoreError
from swc_core.room.model import Room, load_room
from swc_core.store import Store
from swc_core.store.changes import ChangeSignal, change_signal

from ..scheduling import Handle, LoopScheduler, Scheduler

LOOK_INTERVAL = 0.1  # seconds between two looks at the change signal
CONFIRM_EVERY = (
    5.0  # seconds: a real query even when the signal was silent (a safety net, not the mechanism)
)
log = logging.getLogger("swc.dashboard")

RoomListener = Callable[[Room], None]
StatusListener = Callable[[bool], None]  # True: the store answers


class LiveRoom:
    def __init__(
        self,
        store: Store,
        edition: Edition,
        team: str | None = None,
        scheduler: Scheduler | None = None,
        interval: float = LOOK_INTERVAL,
        signal: ChangeSignal | None = None,
        confirm_every: float = CONFIRM_EVERY,
    ):
        """``signal``: the store's change signal (default: :func:`change_signal` of ``store``); a signal
        that always fires gives the plain ``max(id)`` poll every ``interval``."""
        self.store = store
        self.edition = edition
        self.team = team
        self.scheduler = scheduler or LoopScheduler()
        self.interval = interval
        self.signal = signal if signal is not None else change_signal(store)
        self.confirm_every = confirm_every
        self._last_poll = (
            self.scheduler.clock()
        )  # when the store was last asked, on the scheduler's clock
        self.room = load_room(store, edition, team)
        self.online = True
        self._listeners: list[RoomListener] = []
        self._status_listeners: list[StatusListener] = []
        self._timer: Handle | None = None

    def on_change(self, callback: RoomListener) -> None:
        self._listeners.append(callback)

    def on_status(self, callback: StatusListener) -> None:
        self._status_listeners.append(callback)

    def start(self, delay: float | None = None) -> None:
        """Follow the store: the next look after ``delay`` seconds (default :attr:`interval`)."""
        if self._timer is None:
            self._timer = self.scheduler.call_later(
                self.interval if delay is None else delay, self._tick
            )

    def stop(self) -> None:
        """Stop following (and close the signal's connection); :meth:`start` follows again."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self.signal.close()

    def set_team(self, team: str | None) -> None:
        """Show one team (or, with None, the whole edition) from now on."""
        self.team = team
        self.reload()

    def reload(self) -> None:
        self.room = load_room(self.store, self.edition, self.team)
        self._notify()

    def poll(self) -> bool:
        """Read the room again if anything was saved since; True when it changed."""
        try:
            changed = self.store.last_id() != self.room.revision
            if changed:
                self.room = load_room(self.store, self.edition, self.team)
        except StoreError as exc:
            self._set_online(False, exc)
            return False
        self._set_online(True)
        if changed:
            self._notify()
        return changed

    def look(self) -> bool:
        """One look at the change signal; polls when it fired or a confirmation is due. True: the room changed."""
        due = self.scheduler.clock() - self._last_poll >= self.confirm_every
        if not self.signal.changed() and not due:
            return False
        self._last_poll = self.scheduler.clock()
        return self.poll()

    def _tick(self) -> None:
        self._timer = None
        started = time.perf_counter()
        try:
            self.look()
        except Exception:  # a bug in one redraw must not stop the dashboard from following the room
            log.exception("dashboard redraw failed")
        # A redraw of d seconds is followed by at least d seconds of rest: with thirty people saving, the
        # kernel spends at most half its time redrawing and stays free to answer the trainer's controls.
        self.start(max(self.interval, time.perf_counter() - started))

    def _notify(self) -> None:
        for callback in self._listeners:
            callback(self.room)

    def _set_online(self, online: bool, exc: Exception | None = None) -> None:
        if online != self.online:
            self.online = online
            if exc is not None:
                log.warning("store unreachable: %s", exc)
            for callback in self._status_listeners:
                callback(online)
