"""A room that follows the store: polls for new saves and reloads when there are any.

A poll is one ``max(id)`` query (microseconds on SQLite, an index lookup on
PostgreSQL); only when it changed is the room read again. Saves from any
process show within ``interval`` plus the time to redraw. A store that is
briefly unreachable is reported to the listeners and polled again; the
dashboard keeps showing the last room it had.
"""
from __future__ import annotations

import logging
from typing import Callable

from swc_core.edition import Edition
from swc_core.errors import StoreError
from swc_core.room.model import Room, load_room
from swc_core.store import Store

from ..scheduling import Handle, LoopScheduler, Scheduler

POLL_INTERVAL = 0.5  # seconds
log = logging.getLogger("swc.dashboard")

RoomListener = Callable[[Room], None]
StatusListener = Callable[[bool], None]  # True: the store answers


class LiveRoom:
    def __init__(self, store: Store, edition: Edition, team: str | None = None,
                 scheduler: Scheduler | None = None, interval: float = POLL_INTERVAL):
        self.store = store
        self.edition = edition
        self.team = team
        self.scheduler = scheduler or LoopScheduler()
        self.interval = interval
        self.room = load_room(store, edition, team)
        self.online = True
        self._listeners: list[RoomListener] = []
        self._status_listeners: list[StatusListener] = []
        self._timer: Handle | None = None

    def on_change(self, callback: RoomListener) -> None:
        self._listeners.append(callback)

    def on_status(self, callback: StatusListener) -> None:
        self._status_listeners.append(callback)

    def start(self) -> None:
        if self._timer is None:
            self._timer = self.scheduler.call_later(self.interval, self._tick)

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

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

    def _tick(self) -> None:
        self._timer = None
        try:
            self.poll()
        except Exception:  # a bug in one redraw must not stop the dashboard from following the room
            log.exception("dashboard redraw failed")
        self.start()

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
