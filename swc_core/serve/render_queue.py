"""Participants' pages are rendered a few at a time, in order of arrival.

When the trainer says "open je werkboek", thirty requests arrive in the same
second. Rendered all at once, thirty kernels share two cores: every page
arrives after the last one is done (measured: all after ~45 s) and the
trainer's live dashboard starves meanwhile. Rendered ``slots`` at a time,
the first participants have their page within seconds, the others follow in
the order they came, and the dashboard keeps its share of the machine.

The queue holds only the render itself (kernel start and running the
notebook); the page's widgets load afterwards over the kernel's websocket.
A request whose browser left while it waited is dropped when its turn
comes, so nobody's kernel is started for an empty tab. A render that holds
its slot longer than ``hold_limit`` (a notebook that hangs) gives the slot
up while it goes on, so one stuck page can never stop the room.
"""

from __future__ import annotations

import asyncio
import os
from collections import deque
from contextlib import asynccontextmanager


def default_slots() -> int:
    """One render per core, at least two: a render waits on its kernel part of the time."""
    return max(2, os.cpu_count() or 1)


class RenderQueue:
    """At most ``slots`` renders at a time; the others wait first come, first served."""

    def __init__(self, slots: int, hold_limit: float = 120.0):
        if slots < 1:
            raise ValueError(f"a render queue needs at least one slot, not {slots}")
        self.slots = slots
        self.hold_limit = hold_limit  # seconds a render may keep its slot
        self.in_progress = 0
        self._waiting: deque[asyncio.Future] = deque()

    @property
    def waiting(self) -> int:
        return len(self._waiting)

    @asynccontextmanager
    async def turn(self):
        """Wait for this request's turn; the slot is freed when the block ends, however it ends."""
        if self.in_progress < self.slots and not self._waiting:
            self.in_progress += 1
        else:
            ticket = asyncio.get_running_loop().create_future()
            self._waiting.append(ticket)
            try:
                await ticket  # _release hands its slot over, in_progress stays counted
            except asyncio.CancelledError:
                if ticket in self._waiting:
                    self._waiting.remove(ticket)
                elif not ticket.cancelled():
                    self._release()  # the slot was handed over just before the cancel: pass it on
                raise
        released = False

        def release_once() -> None:
            nonlocal released
            if not released:
                released = True
                self._release()

        timer = asyncio.get_running_loop().call_later(self.hold_limit, release_once)
        try:
            yield
        finally:
            timer.cancel()
            release_once()

    def _release(self) -> None:
        while self._waiting:
            ticket = self._waiting.popleft()
            if not ticket.done():
                ticket.set_result(None)
                return
        self.in_progress -= 1
