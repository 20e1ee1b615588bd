"""Failed code attempts, per address: a few are free, then each further try waits longer.

A participant who mistypes their code three times notices nothing; someone
trying codes in bulk gets one try per minute at most. After ``free``
failures from one address, the next try is only looked at once
``delay(n) = min(cap, base * 2**(n - free))`` seconds have passed since the
last failure; a try made sooner is answered "wait" without being checked
(and without counting, so waiting it out always helps). An address is
forgotten ``forget`` seconds after its last failure.

A success does not wipe the count: otherwise one valid card would buy an
unlimited number of guesses at the others'.

The address is the TCP peer (tornado's ``remote_ip``); ``X-Forwarded-For``
is not trusted, as anyone can write it.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Callable


@dataclass
class _Record:
    failures: int
    last: float


class Attempts:
    def __init__(
        self,
        free: int = 10,
        base: float = 1.0,
        cap: float = 60.0,
        forget: float = 900.0,
        clock: Callable[[], float] = time.monotonic,
        capacity: int = 10_000,
    ):
        self.free, self.base, self.cap, self.forget = free, base, cap, forget
        self.clock = clock
        self.capacity = capacity
        self._records: OrderedDict[str, _Record] = OrderedDict()

    def _record(self, address: str) -> _Record | None:
        record = self._records.get(address)
        if record and self.clock() - record.last > self.forget:
            del self._records[address]
            return None
        return record

    def wait(self, address: str) -> float:
        """Seconds ``address`` must still wait before its next try is looked at (0: go ahead)."""
        record = self._record(address)
        if record is None or record.failures < self.free:
            return 0.0
        delay = min(self.cap, self.base * 2 ** (record.failures - self.free))
        return max(0.0, record.last + delay - self.clock())

    def failed(self, address: str) -> None:
        record = self._record(address) or _Record(0, 0.0)
        record.failures += 1
        record.last = self.clock()
        self._records[address] = record
        self._records.move_to_end(address)
        while len(self._records) > self.capacity:  # a flood of addresses cannot fill the memory
            self._records.popitem(last=False)
