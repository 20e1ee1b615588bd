"""The render queue: a few pages at a time, first come first served, no slot ever lost."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
import urllib.request

import pytest

from swc_core.serve.render_queue import RenderQueue

from conftest import copy_sessions
from servers import settled_kernel_count, swc_serve


async def _visit(queue: RenderQueue, name: str, log: list, busy: list, hold: float = 0.01):
    async with queue.turn():
        log.append(name)
        busy.append(queue.in_progress)
        await asyncio.sleep(hold)


def test_pages_are_rendered_a_few_at_a_time_in_order_of_arrival():
    async def run():
        queue = RenderQueue(2)
        log, busy = [], []
        tasks = []
        for i in range(10):
            tasks.append(asyncio.create_task(_visit(queue, f"p{i:02d}", log, busy)))
            await asyncio.sleep(0)  # arrivals one after the other
        await asyncio.gather(*tasks)
        return queue, log, busy

    queue, log, busy = asyncio.run(run())
    assert log == [f"p{i:02d}" for i in range(10)]
    assert max(busy) == 2
    assert queue.in_progress == 0 and queue.waiting == 0


def test_a_request_that_leaves_while_waiting_gives_up_its_place():
    async def run():
        queue = RenderQueue(1)
        log, busy = [], []
        first = asyncio.create_task(_visit(queue, "first", log, busy, hold=0.05))
        await asyncio.sleep(0)
        gone = asyncio.create_task(_visit(queue, "gone", log, busy))
        await asyncio.sleep(0)
        last = asyncio.create_task(_visit(queue, "last", log, busy))
        await asyncio.sleep(0)
        assert queue.waiting == 2
        gone.cancel()
        await asyncio.gather(first, last)
        with pytest.raises(asyncio.CancelledError):
            await gone
        return queue, log

    queue, log = asyncio.run(run())
    assert log == ["first", "last"]
    assert queue.in_progress == 0 and queue.waiting == 0


def test_a_render_that_fails_frees_its_slot():
    async def failing(queue):
        async with queue.turn():
            raise RuntimeError("kernel died")

    async def run():
        queue = RenderQueue(1)
        with pytest.raises(RuntimeError):
            await failing(queue)
        log, busy = [], []
        await asyncio.wait_for(_visit(queue, "next", log, busy), timeout=5)
        return queue, log

    queue, log = asyncio.run(run())
    assert log == ["next"] and queue.in_progress == 0


def test_a_render_that_hangs_gives_up_its_slot_after_the_hold_limit():
    async def run():
        queue = RenderQueue(1, hold_limit=0.05)
        log, busy = [], []
        stuck = asyncio.create_task(_visit(queue, "stuck", log, busy, hold=30))
        await asyncio.sleep(0)
        await asyncio.wait_for(_visit(queue, "next", log, busy), timeout=5)
        stuck.cancel()
        with pytest.raises(asyncio.CancelledError):
            await stuck
        return queue, log

    queue, log = asyncio.run(run())
    assert log == ["stuck", "next"]
    assert queue.in_progress == 0 and queue.waiting == 0, "a slot given up early is not freed twice"


def test_a_queue_needs_a_slot():
    with pytest.raises(ValueError, match="at least one slot"):
        RenderQueue(0)


# --------------------------------------------------------------------------- in a real swc serve


def _fetch(url: str, times: dict, key: str, t0: float) -> None:
    """GET ``url`` and record when its first byte and its last byte came (seconds after ``t0``)."""
    with urllib.request.urlopen(url, timeout=300) as response:
        first = response.read(1)
        times[key] = {"first": time.monotonic() - t0}
        body = first + response.read()
        times[key]["end"] = time.monotonic() - t0
        times[key]["status"] = response.status
        times[key]["body"] = body.decode("utf-8", "replace")


def test_a_served_edition_renders_participants_pages_in_turn_and_dashboards_at_once(tmp_path):
    """With one render slot the second workbook starts only when the first is done; the trainer's dashboard,
    asked for after both, does not wait in that queue."""
    sessions = copy_sessions(tmp_path, with_demo_answers=True)
    with swc_serve(sessions, tmp_path / "serve.log", "--pool", "0", "--render-slots", "1") as base:
        times: dict = {}
        t0 = time.monotonic()
        requests = [
            ("first", f"{base}/voila/render/dagdeel-3.ipynb?participant=p01"),
            ("second", f"{base}/voila/render/dagdeel-3.ipynb?participant=p02"),
            ("dashboard", f"{base}/voila/render/dashboards/dagdeel-3.ipynb"),
        ]
        threads = []
        for key, url in requests:
            thread = threading.Thread(target=_fetch, args=(url, times, key, t0))
            thread.start()
            threads.append(thread)
            time.sleep(0.3)  # arrivals in this order
        for thread in threads:
            thread.join(timeout=300)
    assert all(times[key]["status"] == 200 for key, _ in requests), times
    assert all(
        "application/vnd.jupyter.widget-view+json" in times[key]["body"] for key, _ in requests
    ), "every page came with its widgets"
    assert times["second"]["first"] >= times["first"]["end"], (
        f"the second page waited its turn: {times}"
    )
    assert times["dashboard"]["first"] < times["second"]["first"], (
        f"the dashboard did not queue: {times}"
    )


def test_a_page_whose_browser_left_while_waiting_is_not_rendered(tmp_path):
    """Nobody's kernel is started for a tab that was closed before its turn came."""
    sessions = copy_sessions(tmp_path, with_demo_answers=True)
    with swc_serve(sessions, tmp_path / "serve.log", "--pool", "0", "--render-slots", "1") as base:
        times: dict = {}
        first = threading.Thread(
            target=_fetch,
            args=(
                f"{base}/voila/render/dagdeel-3.ipynb?participant=p01",
                times,
                "first",
                time.monotonic(),
            ),
        )
        first.start()
        time.sleep(0.3)
        host, port = base.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port))) as gone:
            gone.sendall(
                f"GET /voila/render/dagdeel-3.ipynb?participant=p02 HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode()
            )
            time.sleep(0.3)  # queued behind the first page, then the tab is closed
        first.join(timeout=300)
        assert times["first"]["status"] == 200
        assert settled_kernel_count(base) == 1, "only the first page's kernel was started"
