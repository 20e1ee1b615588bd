"""The trainer knows: how many workbook pages are open, connected, and whether any hold unsaved work (issue 17).

Every kernel a page was handed is recorded with its notebook
(``RoomKernelManager.record_owner``); a participant's workbook or team
homework page is one whose notebook the site serves to participants. The
server counts each page's open websockets (a page whose connection dropped
has none), and asks each page kernel how many of its fields are pending,
failing or refused (``widgets/leaving.py unsaved_here``, over the shell
channel like the leave beacon's flush). A kernel busy for longer than
``ASK_TIMEOUT`` counts as "no answer", never as saved.

``GET /swc/verbinding`` (trainer only) answers JSON; the trainer's landing
page shows its ``line`` and asks again every ``REFRESH_MS``
(:func:`room_status_section`, from ``templates/landing_room_status.html.j2`` and its
script ``landing_room_status.js``).
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import asdict, dataclass

from ..html_templates import render, script
from ..messages import text
from .access import Role
from .handlers import PageHandler, serve_context

ASK_TIMEOUT = (
    8.0  # s a page kernel gets to answer: longer than a save blocked by a locked SQLite file (5 s)
)
CACHE_SECONDS = 2.0  # several trainer tabs asking at once ask the kernels once
REFRESH_MS = 10_000  # the landing page's line asks again this often
STATUS_PATH = "/swc/verbinding"


@dataclass(frozen=True)
class RoomStatus:
    """Workbook pages with a kernel on this server right now.

    ``pages``: open pages (kernels of participant pages); ``connected``:
    those whose browser is connected; ``unsaved``: pages whose kernel holds
    a field that is not in the store yet; ``unknown``: pages whose kernel did
    not answer in time (busy or stuck).
    """

    pages: int
    connected: int
    unsaved: int
    unknown: int
    prepared: str = ""  # the preparation's progress line (prepared.py), if pages are prepared

    @property
    def line(self) -> str:
        """One Dutch line for the trainer: "12 werkboeken open · 1 zonder verbinding · 1 met niet-opgeslagen werk"."""
        parts = [text("serve.room_status.pages", count=self.pages)]
        if self.pages - self.connected:
            parts.append(text("serve.room_status.disconnected", count=self.pages - self.connected))
        if self.unsaved:
            parts.append(text("serve.room_status.unsaved", count=self.unsaved))
        if self.unknown:
            parts.append(text("serve.room_status.unknown", count=self.unknown))
        if self.pages and not (self.unsaved or self.unknown):
            parts.append(text("serve.room_status.all_saved"))
        if self.prepared:
            parts.append(self.prepared)
        return " · ".join(parts)

    def as_json(self) -> str:
        return json.dumps({**asdict(self), "line": self.line})


async def room_status(manager, site, prepared=None) -> RoomStatus:
    """Ask ``manager`` (a ``RoomKernelManager``) about every participant page of ``site``; see :class:`RoomStatus`.

    ``prepared``: the server's ``Preparation`` (``prepared.py``), whose progress joins the line; None: none.
    """
    pages = {
        k: conn
        for k, (path, conn) in manager.pages().items()
        if site.role_for(path) is Role.PARTICIPANT
    }
    answers = await asyncio.gather(*(manager.unsaved_in_kernel(k, ASK_TIMEOUT) for k in pages))
    return RoomStatus(
        pages=len(pages),
        connected=sum(1 for c in pages.values() if c > 0),
        unsaved=sum(1 for a in answers if a is not None and a > 0),
        unknown=sum(1 for a in answers if a is None),
        prepared=prepared.progress().line if prepared is not None else "",
    )


class RoomStatusHandler(PageHandler):
    """``GET /swc/verbinding``: the room's :class:`RoomStatus` as JSON, for the trainer only."""

    needed = Role.TRAINER
    _cache: tuple[float, str] | None = None

    async def get(self):
        cls = type(self)
        if cls._cache is None or time.monotonic() - cls._cache[0] > CACHE_SECONDS:
            context = serve_context(self)
            status = await room_status(
                self.settings["kernel_manager"], context.site, context.prepared
            )
            cls._cache = (time.monotonic(), status.as_json())
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(cls._cache[1])


def room_status_section() -> str:
    """The trainer's landing page line "N werkboeken open · …", filled in and refreshed from ``/swc/verbinding``."""
    return render(
        "landing_room_status.html.j2",
        script=script("landing_room_status.js"),
        waiting=text("serve.room_status.asking"),
        unreachable=text("serve.room_status.unreachable"),
        path=STATUS_PATH,
        every=REFRESH_MS,
    )
