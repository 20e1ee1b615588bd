"""A participant's laptop without the browser: what a Voilà page asks of the server.

A browser opening a workbook (1) GETs the page, which Voilà streams while the
kernel runs the notebook, (2) connects to the kernel's websocket and (3) asks
the widget manager for every widget's state (``request_states`` on the
``jupyter.widget.control`` comm), then draws them. This client does (1)-(3)
and stops where the browser's own drawing would begin, so thirty "laptops"
can arrive on a 2-core machine without thirty Chromiums taking the cores the
server needs. A page counts as working when the server sent every widget
state and the page's own output is among them.
"""

from __future__ import annotations

import asyncio
import http.client
import json
import re
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import urlsplit

# Page requests block a thread each (the page streams while the kernel runs it); asyncio's default
# pool has cpu_count + 4 threads, which would let only 6 of 30 "laptops" ask at the same time.
_REQUESTS = ThreadPoolExecutor(max_workers=128, thread_name_prefix="page-client")
CONTROL_PROTOCOL = "1.0.0"  # ipywidgets' widget control comm
KERNEL_ID = re.compile(r'"kernelId":\s*"([0-9a-f-]+)"')
VIEW_MODEL = re.compile(
    r'application/vnd\.jupyter\.widget-view\+json.{0,400}?"model_id":\s*"([0-9a-f]+)"', re.S
)


@dataclass
class PageVisit:
    ok: bool
    server: float = float("nan")  # s, request to the last byte of the page
    states: float = float("nan")  # s, request to every widget state received
    widgets: int = 0
    error: str = ""


def _get(url: str, cookie: str | None, timeout: float) -> tuple[int, str]:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        conn.request(
            "GET",
            parts.path + (f"?{parts.query}" if parts.query else ""),
            headers={"Cookie": cookie} if cookie else {},
        )
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


def _message(msg_type: str, content: dict, session: str, metadata: dict | None = None) -> str:
    return json.dumps(
        {
            "header": {
                "msg_id": uuid.uuid4().hex,
                "msg_type": msg_type,
                "session": session,
                "username": "bench",
                "date": datetime.now(timezone.utc).isoformat(),
                "version": "5.3",
            },
            "parent_header": {},
            "metadata": metadata or {},
            "content": content,
            "channel": "shell",
            "buffers": [],
        }
    )


class Tab:
    """One participant's page, opened up to the drawing and kept open (kernel connected) until closed."""

    def __init__(self, url: str, cookie: str | None = None, timeout: float = 240.0):
        self.url, self.cookie, self.timeout = url, cookie, timeout
        self._ws = None
        self._drain: asyncio.Task | None = None

    async def open(self) -> PageVisit:
        """Never raises: a page that does not work is a figure."""
        try:
            return await self._open()
        except Exception as exc:  # noqa: BLE001
            await self.close()
            return PageVisit(False, error=f"{type(exc).__name__}: {exc}"[:200])

    async def _open(self) -> PageVisit:
        from websockets.asyncio.client import connect

        start = time.monotonic()
        loop = asyncio.get_running_loop()
        status, page = await loop.run_in_executor(
            _REQUESTS, _get, self.url, self.cookie, self.timeout
        )
        server = time.monotonic() - start
        if status != 200:
            return PageVisit(False, server, error=f"HTTP {status}")
        kernel = KERNEL_ID.search(page)
        views = set(VIEW_MODEL.findall(page))
        if not kernel or not views:
            return PageVisit(
                False, server, error="page without kernel or widget output (blank page)"
            )
        parts = urlsplit(self.url)
        session = uuid.uuid4().hex
        ws_url = f"ws://{parts.hostname}:{parts.port}/api/kernels/{kernel.group(1)}/channels?session_id={session}"
        self._ws = await connect(
            ws_url,
            additional_headers={"Cookie": self.cookie} if self.cookie else {},
            max_size=2**28,
            open_timeout=self.timeout,
        )
        comm = uuid.uuid4().hex
        await self._ws.send(
            _message(
                "comm_open",
                {"comm_id": comm, "target_name": "jupyter.widget.control", "data": {}},
                session,
                metadata={"version": CONTROL_PROTOCOL},
            )
        )
        await self._ws.send(
            _message("comm_msg", {"comm_id": comm, "data": {"method": "request_states"}}, session)
        )
        deadline = start + self.timeout
        while True:
            raw = await asyncio.wait_for(self._ws.recv(), max(0.1, deadline - time.monotonic()))
            if isinstance(raw, bytes):
                continue  # binary frames: buffers of other messages
            msg = json.loads(raw)
            data = msg.get("content", {}).get("data", {})
            if msg.get("msg_type") == "comm_msg" and data.get("method") == "update_states":
                states = data.get("states", {})
                missing = views - set(states)
                if missing:
                    return PageVisit(
                        False, server, error=f"{len(missing)} shown widgets without state"
                    )
                self._drain = asyncio.ensure_future(self._read_on())
                return PageVisit(True, server, time.monotonic() - start, len(states))

    async def _read_on(self) -> None:
        """Reads (and drops) what the kernel sends, as an open tab would."""
        try:
            while True:
                await self._ws.recv()
        except Exception:  # noqa: BLE001 - closed
            return

    async def close(self) -> None:
        if self._drain is not None:
            self._drain.cancel()
        if self._ws is not None:
            try:
                await self._ws.close()
            except Exception:  # noqa: BLE001
                pass
