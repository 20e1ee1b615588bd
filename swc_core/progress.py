"""Progress of a long run (``swc generate``, ``swc export``): a bar on a terminal, a few lines in a log.

tqdm redraws its bar with a carriage return on every update; written to a
file or a CI log that is thousands of ``\\r`` updates on one line. When the
stream is not a terminal, :class:`ProgressLines` prints one plain line each
time another tenth is done (and at least every ``interval`` seconds while
updates come in), so a log shows at most about a dozen lines per run.
Both have the small part of tqdm's interface the runners use.
"""

from __future__ import annotations

import sys
import time
from typing import IO, Callable

from .messages import text

STEPS = 10  # a log line per tenth of the work
INTERVAL = 60.0  # s; and at least this often while work completes


class ProgressLines:
    """Plain progress lines for a stream that is not a terminal (tqdm's ``update``/``set_postfix_str``/``close``)."""

    def __init__(
        self,
        total: int,
        what: str,
        stream: IO[str],
        *,
        interval: float = INTERVAL,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.total, self.what, self.stream = total, what, stream
        self.interval, self.clock = interval, clock
        self.done = 0
        self.postfix = ""
        self._printed_step = 0  # tenths already reported
        self._printed_done: int | None = None
        self._last = clock()

    def update(self, n: int = 1) -> None:
        self.done += n
        step = self.done * STEPS // self.total if self.total else STEPS
        if step > self._printed_step or self.clock() - self._last >= self.interval:
            self._print(step)

    def set_postfix_str(self, postfix: str) -> None:
        self.postfix = postfix  # shown with the next line, not a line of its own

    def close(self) -> None:
        """The final count, unless the last line already showed it (also on Ctrl-C: where it stopped)."""
        if self.total and self._printed_done != self.done:
            self._print(self.done * STEPS // self.total)

    def _print(self, step: int) -> None:
        percent = 100 * self.done // self.total if self.total else 100
        line = text(
            "progress.line", what=self.what, done=self.done, total=self.total, percent=percent
        )
        print(f"{line}, {self.postfix}" if self.postfix else line, file=self.stream, flush=True)
        self._printed_step, self._printed_done, self._last = step, self.done, self.clock()


def progress_bar(
    total: int, what: str, unit: str, *, enabled: bool = True, stream: IO[str] | None = None
):
    """A tqdm bar on a terminal, :class:`ProgressLines` on anything else (a file, a pipe, a CI log)."""
    from tqdm import tqdm

    stream = stream or sys.stderr
    if enabled and not _is_terminal(stream):
        return ProgressLines(total, what, stream)
    return tqdm(
        total=total, disable=not enabled, unit=unit, desc=what, file=stream, dynamic_ncols=True
    )


def _is_terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False
