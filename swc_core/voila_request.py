"""The request a Voilà kernel serves, read without importing Voilà.

A kernel Voilà starts for a request finds the query string in its
environment (``QUERY_STRING``). A preheated kernel starts before any request:
it runs the notebook up to the point where the page needs the request, then
waits on a websocket at ``voila/query/<kernel id>`` until the server hands it
a page and sends the request's details (query string, address).

``voila.utils.get_query_string`` does exactly this, but importing
``voila.utils`` pulls in jupyter_server, jupyterlab_server and jsonschema:
about 1.6 s of CPU in every kernel, on a 2-core server more than the whole
workbook page costs. This module does the same with the websockets client
only, and treats a server that goes away as "no request" instead of an
exception in the page.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import threading

log = logging.getLogger("swc.voila_request")

PREHEAT_ENV = "VOILA_PREHEAT"  # "True" in a preheated kernel
KERNEL_ID_ENV = "VOILA_KERNEL_ID"
QUERY_ENV = "QUERY_STRING"
OPEN_TIMEOUT = 10.0  # s to open the websocket (the server is on this machine)


def in_voila() -> bool:
    return any(k.startswith("VOILA_") for k in os.environ) or QUERY_ENV in os.environ


def preheated() -> bool:
    return os.environ.get(PREHEAT_ENV, "False") not in ("", "False")


def request_url() -> str:
    """Where a preheated kernel waits for its request (the same variables Voilà reads)."""
    env = os.environ
    protocol = env.get("VOILA_WS_PROTOCOL", "ws")
    host = env.get("VOILA_APP_IP", "127.0.0.1")
    port = env.get("VOILA_APP_PORT", "8866")
    base = env.get("VOILA_WS_BASE_URL") or env.get("VOILA_SERVER_URL", "/")
    return f"{protocol}://{host}:{port}{base}voila/query/{env.get(KERNEL_ID_ENV, '')}"


async def _receive(url: str) -> str | None:
    from websockets.asyncio.client import connect
    from websockets.exceptions import WebSocketException

    try:
        async with connect(url, open_timeout=OPEN_TIMEOUT, max_size=2**20) as websocket:
            return await websocket.recv()
    except (OSError, TimeoutError, WebSocketException) as exc:
        log.warning("no request info from %s: %s", url, exc)
        return None


def wait_for_request() -> None:
    """In a preheated kernel: block until the server hands this kernel a page, then put the
    request's details into the environment, as Voilà does. Elsewhere: return at once."""
    if not preheated():
        return
    received: list[str | None] = [None]

    def run() -> None:  # the kernel's own event loop is busy running this cell
        received[0] = asyncio.run(_receive(request_url()))

    thread = threading.Thread(target=run, name="swc-voila-request", daemon=True)
    thread.start()
    thread.join()
    if received[0] is None:
        return
    try:
        info = json.loads(received[0])
    except ValueError:
        log.warning("unreadable request info: %.200r", received[0])
        return
    for key, value in info.items():
        if isinstance(key, str) and isinstance(value, str):
            os.environ[key] = value


def query_string() -> str:
    """The page's query string ('' outside Voilà)."""
    if not in_voila():
        return ""
    wait_for_request()
    return os.environ.get(QUERY_ENV, "")
