"""When to run a delayed save: on the kernel's event loop, or by hand in tests."""

from __future__ import annotations

import asyncio
import heapq
import itertools
import time
from typing import Callable, Protocol


class Handle(Protocol):
    def cancel(self) -> None: ...


class Scheduler(Protocol):
    def call_later(self, delay: float, callback: Callable[[], None]) -> Handle: ...

    def clock(self) -> float:
        """Seconds on the scheduler's own monotonic clock (only differences mean anything)."""


class LoopScheduler:
    """The kernel's asyncio loop (ipykernel runs one; so does Voilà's kernel)."""

    def clock(self) -> float:
        return time.monotonic()  # what asyncio's loop.time() reads

    def call_later(self, delay: float, callback: Callable[[], None]) -> Handle:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            try:
                loop = asyncio.get_event_loop_policy().get_event_loop()
            except (
                RuntimeError
            ):  # no loop in this thread (e.g. after an asyncio.run): the callback waits for one
                loop = asyncio.new_event_loop()
                asyncio.set_event_loop(loop)
        return loop.call_later(delay, callback)


class _ManualHandle:
    def __init__(self):
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True


class ManualScheduler:
    """A clock the test moves forward; due callbacks run in order."""

    def __init__(self):
        self.now = 0.0
        self._queue: list = []
        self._order = itertools.count()

    def call_later(self, delay: float, callback: Callable[[], None]) -> Handle:
        handle = _ManualHandle()
        heapq.heappush(self._queue, (self.now + delay, next(self._order), handle, callback))
        return handle

    def advance(self, seconds: float) -> None:
        until = self.now + seconds
        while self._queue and self._queue[0][0] <= until:
            when, _, handle, callback = heapq.heappop(self._queue)
            self.now = when
            if not handle.cancelled:
                callback()
        self.now = until

    def clock(self) -> float:
        return self.now

    @property
    def pending(self) -> int:
        return sum(1 for *_, h, _cb in self._queue if not h.cancelled)
