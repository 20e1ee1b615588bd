"""Pages prepared per participant before they arrive (issue 21): the room opens its workbooks at once.

"Open je werkboek van vandaag" makes thirty people click in the same second;
building thirty pages then takes the server's cores for ten to twenty
seconds. The server knows who will come (the edition's participants) and
what they will open (the workbook of the day's step), so ``swc serve``
builds each participant's page beforehand, a few at a time: a kernel
started, the notebook run for that participant, widgets built, figures
drawn. Voilà's pre-rendering does the work (``VoilaKernelManager``'s pools
and ``_initialize``); each prepared page is a pool of one under its own key,
``<notebook>#<participant>``, so Voilà's own rules for pooled kernels hold
for it (never culled while waiting, shut down with the server, the rendered
HTML kept until the request).

The kernel knows its participant from ``SWC_PREPARED_FOR``
(``swc_core.page_params.PREPARED_FOR_ENV``) instead of the request. The page
handler hands it out only for a request of exactly that participant's page
(``?participant=<id>`` and nothing else) that the guard has already allowed;
any other request gets a fresh or pooled kernel as before. A prepared page
follows the store like every open page (``StoreBinding.follow``), so answers
saved after it was built (another device, an import) are on it when it is
handed out, and reach it within about a second afterwards.

Each participant's page is prepared once: a reload or a second device gets
a fresh page. A participant who arrives before their page was begun gets a
fresh page at once, and their page is then not built at all: after a server
restart every open page reloads itself in the same minute, and building the
same pages again beside them only made each reload wait (``bench/burst.py``:
restart to saved p50 53 s with 8 pages while all 12 were being prepared).
The memory a prepared page holds is its kernel's RSS, reported with the
progress (``Preparation.memory_mib``).
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from dataclasses import dataclass
from typing import Callable

import psutil

from ..messages import text
from ..page_params import PREPARED_FOR_ENV, query_values

KEY_SEPARATOR = "#"  # never in a notebook path Site serves, nor in a participant id
CONCURRENT = 2  # pages built at once: one per core of the 2-core laptop the product is measured on
START_WAIT = (
    10.0  # s a stopping server waits for a kernel being launched (under a second when idle)
)

Report = Callable[[str], None]
log = logging.getLogger("swc.serve.prepared")


class PreparationStopped(Exception):
    """A page not yet begun when the server stopped: never begun (Voilà's ``shutdown_all`` awaits it)."""


def prepared_key(notebook: str, participant: str) -> str:
    """The pool key of ``participant``'s prepared page of ``notebook``."""
    return f"{notebook}{KEY_SEPARATOR}{participant}"


def participant_asked(query: str) -> str | None:
    """The participant of a request whose query is exactly ``participant=<id>`` (once); else None.

    A page asked with any other parameter (a team, a step) is not the one
    that was prepared, so it is built fresh.
    """
    values = query_values(query)
    if set(values) != {"participant"} or len(values["participant"]) != 1:
        return None
    return values["participant"][0]


def prepare_count(value: str, participants: int) -> int:
    """How many pages ``--prepare`` asks for: ``all``, ``none`` or a number (capped at ``participants``).

    Raises ValueError for anything else (the CLI turns it into its usage error).
    """
    word = value.strip().lower()
    if word == "all":
        return participants
    if word == "none":
        return 0
    count = int(word)
    if count < 0:
        raise ValueError(value)
    return min(count, participants)


@dataclass(frozen=True)
class Progress:
    """``ready`` of ``total`` prepared pages are built; ``memory_mib``: their kernels' RSS together.

    ``total`` leaves out the pages not built because their participant arrived first.
    """

    ready: int
    total: int
    failed: int
    memory_mib: float

    @property
    def line(self) -> str:
        """One Dutch line for the trainer, e.g. "5 van 12 werkboeken klaargezet (480 MiB)"."""
        line = text(
            "serve.prepared.progress",
            ready=self.ready,
            total=self.total,
            mib=round(self.memory_mib),
        )
        if self.failed:
            line += " · " + text("serve.prepared.failed", count=self.failed)
        return line


class Preparation:
    """The prepared pages of one notebook for the given participants, built ``CONCURRENT`` at a time.

    ``report``: called with a Dutch progress line whenever a page is ready (or failed).
    """

    def __init__(self, notebook: str, participants: list[str], report: Report | None = None):
        self.manager = None
        self.app = None
        self.notebook = notebook
        self.participants = list(participants)
        self.report = report
        self._slots: asyncio.Semaphore | None = None  # made on the server's loop (start)
        self._kernels: dict[str, str] = {}  # participant -> kernel id, once started
        self._ready: set[str] = set()
        self._failed: set[str] = set()
        self._arrived: set[str] = (
            set()
        )  # asked for their page before it was begun: a fresh page served them
        self._skipped: set[str] = set()
        self.stopping = False
        self._launching = 0  # kernels being launched right now

    def start(self, manager, app) -> None:
        """Start preparing every page on the server's loop; returns at once.

        ``manager``: Voilà's kernel manager (a ``VoilaKernelManager``: ``_pools``,
        ``_initialize``); ``app``: the Voilà application (its base URL and port, which
        a pooled kernel needs in its environment, as ``fill_if_needed`` sets them).
        """
        self.manager, self.app = manager, app
        loop = asyncio.get_event_loop()
        self._slots = asyncio.Semaphore(CONCURRENT)
        for participant in self.participants:
            pool = self.manager._pools.setdefault(prepared_key(self.notebook, participant), [])
            pool.append(loop.create_task(self._prepare(participant)))

    async def halt(self, wait: float = START_WAIT) -> list[str]:
        """The server stops: no page begins any more; returns the kernels of every prepared page not handed
        out (ready or being built), to be ended at once.

        Waits up to ``wait`` seconds for kernels being launched: one killed before it is registered would
        come up in a server that has gone and die there with a traceback in the trainer's window.
        """
        self.stopping = True
        deadline = time.monotonic() + wait
        while self._launching and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        return [
            kernel
            for participant, kernel in self._kernels.items()
            if self.manager._pools.get(prepared_key(self.notebook, participant))
        ]

    def take(self, notebook: str, participant: str | None) -> str | None:
        """The pool key to hand ``participant``'s request for ``notebook``, if their page is ready; else None.

        Only a finished page is handed out: a participant who arrives while
        their page is still being built gets a fresh one rather than waiting
        for the queue of preparations.
        """
        if self.manager is None or participant is None or notebook != self.notebook:
            return None
        if participant not in self._ready:
            if participant not in self._kernels:  # not begun: nobody needs it built any more
                self._arrived.add(participant)
            return None
        key = prepared_key(notebook, participant)
        pool = self.manager._pools.get(key) or []
        if not pool or not pool[0].done() or pool[0].cancelled() or pool[0].exception() is not None:
            return None
        return key

    def progress(self) -> Progress:
        return Progress(
            ready=len(self._ready),
            total=len(self.participants) - len(self._skipped),
            failed=len(self._failed),
            memory_mib=self.memory_mib(),
        )

    def memory_mib(self) -> float:
        """RSS of the kernels of the prepared pages not handed out yet, in MiB."""
        total = 0
        for participant in self._ready:
            pool = self.manager._pools.get(prepared_key(self.notebook, participant)) or []
            if not pool:
                continue
            kernel_id = self._kernels.get(participant)
            try:
                pid = self.manager.get_kernel(kernel_id).provisioner.process.pid
                total += psutil.Process(pid).memory_info().rss
            except Exception:  # noqa: BLE001 - a kernel gone meanwhile holds nothing
                continue
        return total / 2**20

    async def _prepare(self, participant: str) -> dict:
        """Start the kernel and run the page for ``participant``; resolves to Voilà's pool item.

        A page not built (its participant came first) or failed leaves the pools: Voilà's
        ``shutdown_kernel`` reads the result of every finished pool item, so one that raised there
        would break the shutdown of any kernel. It resolves to ``{}`` (nothing to await or report).
        """
        key = prepared_key(self.notebook, participant)
        async with self._slots:
            if self.stopping:
                raise PreparationStopped(participant)
            if participant in self._arrived:
                self._skipped.add(participant)
                self._leave_pools(key)
                self._tell()
                return {}
            try:
                self._launching += 1
                try:
                    content = await self.manager._initialize(
                        self.notebook, None, **self._kernel_kwargs(participant)
                    )
                finally:
                    self._launching -= 1
                self._kernels[participant] = content["kernel_id"]
                await asyncio.shield(content["task"])  # the page is built: the next one may start
            except Exception:  # noqa: BLE001 - the participant gets a fresh page; the log has the cause
                log.exception("page of %s could not be prepared", participant)
                self._failed.add(participant)
                self._leave_pools(key)
                self._tell()
                return {}
        self._ready.add(participant)
        self._tell()
        return content

    def _leave_pools(self, key: str) -> None:
        if self.manager._pools.get(key) is not None:
            del self.manager._pools[key]

    def _kernel_kwargs(self, participant: str) -> dict:
        """What ``fill_if_needed`` gives a pooled kernel, plus the participant it is prepared for."""
        env = dict(os.environ)
        env.update(
            {
                "VOILA_BASE_URL": self.app.base_url,
                "VOILA_SERVER_URL": self.app.server_url,
                "VOILA_APP_PORT": str(self.app.port),
                "VOILA_PREHEAT": "True",
                PREPARED_FOR_ENV: participant,
            }
        )
        return {"path": os.path.dirname(self.notebook), "env": env}

    def _tell(self) -> None:
        if self.report is not None:
            self.report(self.progress().line)
