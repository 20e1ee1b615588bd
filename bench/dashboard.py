"""Benchmark of `swc serve` pages and live dashboards in headless Chromium, against plain Voilà.

One run, one browser (Debian's Chromium through Playwright), everything on
127.0.0.1:

  baseline - plain Voilà (same template, same kernel) serving a one-widget
             notebook (``W.IntSlider()``): request to widget visible, cold
             and warm;
  ours     - a real ``swc serve demo --host 127.0.0.1`` (tokens on) on a
             private copy of the demo edition: the current step's workbook
             (preheated pool), another step's workbook (no pool) and the
             dagdeel-1-2 dashboard, cold and warm;
  live     - a save from another process (its own store connection) to the
             text visible in the open intake dashboard, p50/p95/max;
  cpu      - CPU seconds per page (server + kernels, pool refills included),
             ours against the baseline page, pages opened one by one;
  arrivals - 30 participants opening their workbook 2 s apart and keeping
             it open; kernels alive and their memory, and how many remain
             after the tabs close (``--cull-idle 30``);
  at once  - 30 pages requested in the same second while the dashboard (in
             Chromium) keeps updating, on a fresh server with the render
             queue (the default) and on one without (every page rendered at
             once, Voilà's own behaviour): the ratio of the two.
             These "laptops" are bench/page_client.py: what a browser asks
             of the server (page, kernel websocket, every widget state),
             without thirty Chromiums taking the two cores the server needs
             (in a room each participant brings their own).

Each page time is split with the Navigation Timing API: requestStart to
responseEnd is the server producing the page (Voilà executes the notebook
while it streams the HTML), responseEnd to widgets visible is the browser's
own work. Nothing here asserts a time.

    .venv/bin/python bench/dashboard.py            # full run (~10 min on 2 cores)
    .venv/bin/python bench/dashboard.py --quick    # smoke run
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import AsyncExitStack, ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import psutil
from page_client import PageVisit, Tab

from swc_core.jupyter.kernelspec import is_kernel_process
from swc_core.settings import REPO_ROOT

from common import demo_edition, machine

sys.path[:0] = [
    str(REPO_ROOT / "tests"),
    str(REPO_ROOT),
]  # tests/servers.py and the conftest it reads
from servers import CHROMIUM, CHROMIUM_ARGS, day_of, personal_secret, swc_serve, voila_server  # noqa: E402

WORKBOOK = ".swc-page .swc-instrument"
DASHBOARD = ".swc-dashboard .swc-panel"
SLIDER = ".widget-slider"
COOKIE = "swc_demo"  # swc_core/serve/handlers.py: the edition's cookie, set by a personal or the trainer link
CURRENT_STEP = "dagdeel-1-2"  # the server takes this step's date as today (SWC_TODAY), so it preheats this page
OTHER_STEP = "dagdeel-3"
LIVE_DASHBOARD = "intake"  # shows every participant's casus domain as text
LIVE_SUBJECT = "p01"
FAILED_SHOTS = Path(tempfile.gettempdir()) / "bench-dashboard-logs"
PAGE_TIMEOUT = 240_000  # ms; a page that takes longer is reported as failed
MINIMAL_NOTEBOOK = {
    "cells": [
        {
            "cell_type": "code",
            "execution_count": None,
            "id": "slider",
            "metadata": {},
            "outputs": [],
            "source": "import ipywidgets as W; W.IntSlider()",
        }
    ],
    # the same kernel as the workbooks (the venv's Python, history off): only the page differs
    "metadata": {"kernelspec": {"display_name": "swc", "language": "python", "name": "swc"}},
    "nbformat": 4,
    "nbformat_minor": 5,
}

# Resolves with performance.now() (ms since navigation start) once the selector is on screen.
VISIBLE_JS = """sel => {
  for (const el of document.querySelectorAll(sel)) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden') return performance.now();
  }
  return false;
}"""
NAVIGATION_JS = """() => {
  const n = performance.getEntriesByType('navigation')[0];
  return {start: n.startTime, request: n.requestStart, first: n.responseStart, end: n.responseEnd};
}"""
# Records Date.now() when a pending string first appears in the page's text.
WATCH_JS = """() => {
  if (window.__bench) return;
  const b = window.__bench = {pending: new Set(), seen: {}};
  new MutationObserver(() => {
    if (!b.pending.size) return;
    const now = Date.now(), text = document.body.textContent;
    for (const n of [...b.pending]) if (text.includes(n)) { b.seen[n] = now; b.pending.delete(n); }
  }).observe(document.body, {subtree: true, childList: true, characterData: true, attributes: false});
}"""


# --------------------------------------------------------------------------- figures


@dataclass
class Timing:
    total: float  # s, navigation start to widgets visible
    ttfb: float  # s, requestStart to first byte
    server: float  # s, requestStart to responseEnd
    browser: float  # s, responseEnd to widgets visible
    ok: bool = True


@dataclass
class Kernels:
    count: int
    rss: list[float] = field(default_factory=list)  # MiB per kernel
    server_rss: float = 0.0  # MiB, the serve process itself


def median(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def pct(xs: list[float], q: float) -> float:
    """Nearest-rank percentile (no interpolation between two saves)."""
    if not xs:
        return float("nan")
    s = sorted(xs)
    return s[min(len(s) - 1, max(0, round(q / 100 * len(s) + 0.5) - 1))]


def fmt_timing(label: str, ts: list[Timing]) -> str:
    good = [t for t in ts if t.ok]
    failed = f"  ({len(ts) - len(good)} failed)" if len(good) < len(ts) else ""
    if not good:
        return f"  {label:<34} failed{failed}"
    spread = (
        f" [{min(t.total for t in good):.2f}-{max(t.total for t in good):.2f}]"
        if len(good) > 1
        else ""
    )
    return (
        f"  {label:<34} {median([t.total for t in good]):6.2f} s{spread:<14} server {median([t.server for t in good]):5.2f} s"
        f" (first byte {median([t.ttfb for t in good]):4.2f})  browser {median([t.browser for t in good]):5.2f} s{failed}"
    )


def fmt_latencies(label: str, ms: list[float], missed: int = 0) -> str:
    if not ms:
        return f"  {label}: no update seen ({missed} missed)"
    extra = f", {missed} not seen within {PAGE_TIMEOUT // 1000} s" if missed else ""
    return (
        f"  {label}: n={len(ms)}  p50 {pct(ms, 50) / 1000:.2f} s  p95 {pct(ms, 95) / 1000:.2f} s"
        f"  max {max(ms) / 1000:.2f} s{extra}"
    )


def fmt_kernels(label: str, k: Kernels) -> str:
    if not k.rss:
        return f"  {label}: {k.count} kernels"
    return (
        f"  {label}: {k.count} kernels, RSS per kernel mean {statistics.mean(k.rss):.0f} MiB, max {max(k.rss):.0f} MiB,"
        f" total {sum(k.rss):.0f} MiB (server process {k.server_rss:.0f} MiB)"
    )


def loadavg() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


# --------------------------------------------------------------------------- processes


def server_process(base: str) -> psutil.Process:
    """The server process listening on ``base``'s port (started by this script)."""
    port = base.rsplit(":", 1)[1]
    me = psutil.Process()
    for proc in me.children(recursive=True):
        try:
            cmd = proc.cmdline()
        except psutil.Error:
            continue
        if any(arg in (f"--port={port}",) for arg in cmd):
            return proc
    raise RuntimeError(f"no server process for {base}")


def kernels_of(server: psutil.Process) -> list[psutil.Process]:
    out = []
    for proc in server.children(recursive=True):
        try:
            if is_kernel_process(proc.cmdline()):
                out.append(proc)
        except psutil.Error:
            pass
    return out


def kernel_memory(server: psutil.Process) -> Kernels:
    rss = []
    for proc in kernels_of(server):
        try:
            rss.append(proc.memory_info().rss / 2**20)
        except psutil.Error:
            pass
    return Kernels(len(rss), rss, server.memory_info().rss / 2**20)


def tree_cpu(server: psutil.Process, interval: float = 1.0) -> float:
    """CPU percent of the server and its kernels over ``interval``."""
    procs = [server, *server.children(recursive=True)]
    for p in procs:
        try:
            p.cpu_percent(None)
        except psutil.Error:
            pass
    time.sleep(interval)
    total = 0.0
    for p in procs:
        try:
            total += p.cpu_percent(None)
        except psutil.Error:
            pass
    return total


def tree_cpu_seconds(server: psutil.Process) -> float:
    """CPU seconds (user + system) used so far by the server and its live kernels."""
    total = 0.0
    for p in [server, *server.children(recursive=True)]:
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.Error:
            pass
    return total


async def settle(
    server: psutil.Process, kernels: int = 0, limit: float = 60.0, quiet: float = 25.0
) -> None:
    """Wait until at least ``kernels`` kernels run and the server's tree is quiet (pool filled, kernels idle)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        busy = await asyncio.to_thread(tree_cpu, server)
        if busy < quiet and len(kernels_of(server)) >= kernels:
            return
    print(f"    (server still busy after {limit:.0f} s, going on)", flush=True)


def stop_leftovers(pids: list[psutil.Process]) -> None:
    """Kernels of a stopped server that outlived it (ours: started by this script's servers)."""
    for p in pids:
        try:
            if p.is_running():
                p.kill()
        except psutil.Error:
            pass


# --------------------------------------------------------------------------- the edition


def bench_edition(tmp: Path, participants: int) -> Path:
    """The demo edition with its answers and ``participants`` people (serve it with ``today=CURRENT_DAY``)."""
    from swc_core.edition import load_edition

    edition, settings = demo_edition(tmp)

    def add_people(data) -> None:
        teams = data["teams"]
        for i in range(len(data["participants"]) + 1, participants + 1):
            pid = f"p{i:02d}"
            data["participants"].append(
                {"id": pid, "name": f"Benchdeelnemer {i}", "organisation": "Benchmark"}
            )
            teams[i % len(teams)]["members"].append(pid)

    from ruamel.yaml import YAML

    edition_file = edition.folder / "edition.yml"
    yaml = YAML()
    data = yaml.load(edition_file.read_text(encoding="utf-8"))
    add_people(data)
    with edition_file.open("w", encoding="utf-8") as out:
        yaml.dump(data, out)
    load_edition("demo", settings)  # validates the changed file
    return settings.sessions_dir


def current_day(sessions: Path) -> str:
    """The date of CURRENT_STEP in the bench edition: what the served edition takes as today."""
    return day_of(sessions / "demo" / "edition.yml", CURRENT_STEP)


def saver_main(sessions: str) -> None:
    """``--saver``: another process with its own store connection; one save per line read, then its commit time."""
    from swc_core.edition import load_edition, open_store
    from swc_core.settings import Settings

    settings = Settings(sessions_dir=Path(sessions))
    edition = load_edition("demo", settings)
    with open_store(edition, settings) as store:
        casus = dict(store.values(edition.name, LIVE_SUBJECT)["casus"])
        print("ready", flush=True)
        for line in sys.stdin:
            casus["domain"] = line.strip()
            store.save(edition.name, LIVE_SUBJECT, "casus", casus, author="bench")
            print(f"{time.time():.6f}", flush=True)  # right after the commit


class Saver:
    def __init__(self, sessions: Path):
        self.proc = subprocess.Popen(
            [sys.executable, __file__, "--saver", str(sessions)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=Path(__file__).parent,
        )
        if self.proc.stdout.readline().strip() != "ready":
            raise RuntimeError("the saver process did not start")

    def save(self, value: str) -> float:
        """Saves ``value``; returns the commit time (epoch ms)."""
        self.proc.stdin.write(value + "\n")
        self.proc.stdin.flush()
        return float(self.proc.stdout.readline()) * 1000

    def close(self) -> None:
        self.proc.stdin.close()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


# --------------------------------------------------------------------------- pages


async def open_timed(context, url: str, selector: str):
    """Opens ``url`` in a new page of ``context``; returns (Timing, page)."""
    page = await context.new_page()
    console: list[str] = []
    page.on(
        "console",
        lambda msg: (
            console.append(f"{msg.type}: {msg.text}"[:300])
            if msg.type in ("error", "warning")
            else None
        ),
    )
    page.on("pageerror", lambda exc: console.append(f"pageerror: {exc}"[:300]))
    try:
        await page.goto(url, wait_until="commit", timeout=PAGE_TIMEOUT)
        handle = await page.wait_for_function(
            VISIBLE_JS, arg=selector, polling="raf", timeout=PAGE_TIMEOUT
        )
        visible = await handle.json_value()
        nav = await page.evaluate(NAVIGATION_JS)
    except Exception as exc:  # noqa: BLE001 - a page that never works is a figure, not a crash
        try:
            shown = " ".join((await page.evaluate("() => document.body.innerText")).split())[:300]
            nav = await page.evaluate(NAVIGATION_JS)
            shown += f" (response {'complete' if nav['end'] > 0 else 'still streaming'})"
        except Exception:  # noqa: BLE001
            shown = "?"
        print(
            f"    page failed: {url}: {type(exc).__name__}: {str(exc).splitlines()[0]}\n      page shows: {shown}",
            flush=True,
        )
        for line in console[-8:]:
            print(f"      console {line}", flush=True)
        try:
            FAILED_SHOTS.mkdir(exist_ok=True)
            stem = FAILED_SHOTS / f"failed-{time.time():.3f}"
            await page.screenshot(path=f"{stem}.png")
            Path(f"{stem}.html").write_text(await page.content(), encoding="utf-8")
        except Exception:  # noqa: BLE001
            pass
        return Timing(float("nan"), float("nan"), float("nan"), float("nan"), ok=False), page
    return Timing(
        total=(visible - nav["start"]) / 1000,
        ttfb=(nav["first"] - nav["request"]) / 1000,
        server=(nav["end"] - nav["request"]) / 1000,
        browser=(visible - nav["end"]) / 1000,
    ), page


async def new_context(browser, base: str | None = None, token: str | None = None):
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    if token:
        await context.add_cookies([{"name": COOKIE, "value": token, "url": base + "/"}])
    return context


async def cold_and_warm(
    browser,
    base: str,
    token: str | None,
    url: str,
    selector: str,
    repeats: int,
    server: psutil.Process,
) -> tuple[Timing, list[Timing]]:
    """First open in a fresh context (cold), then ``repeats`` opens in the same context (warm cache)."""
    context = await new_context(browser, base, token)
    try:
        cold, page = await open_timed(context, url, selector)
        await page.close()
        warm = []
        for _ in range(repeats):
            await settle(server)
            t, page = await open_timed(context, url, selector)
            warm.append(t)
            await page.close()
        return cold, warm
    finally:
        await context.close()


async def live_updates(
    page, saver: Saver, n: int, pause: tuple[float, float]
) -> tuple[list[float], int]:
    """``n`` saves from the saver process; ms from each commit to its text in ``page``."""
    if page is None:  # the dashboard never worked: nothing to measure
        await asyncio.sleep(random.uniform(*pause))
        return [], n
    await page.evaluate(WATCH_JS)
    out, missed = [], 0
    for i in range(n):
        needle = f"Bench{i:03d}{secrets.token_hex(3)}"
        await page.evaluate("n => window.__bench.pending.add(n)", needle)
        committed = await asyncio.to_thread(saver.save, needle)
        try:
            handle = await page.wait_for_function(
                "n => window.__bench.seen[n] || false", arg=needle, polling=50, timeout=PAGE_TIMEOUT
            )
            out.append(await handle.json_value() - committed)
        except Exception:  # noqa: BLE001
            missed += 1
        await asyncio.sleep(
            random.uniform(*pause)
        )  # saves fall anywhere in the dashboard's poll cycle
    return out, missed


# --------------------------------------------------------------------------- phases


async def baseline(browser, tmp: Path, repeats: int) -> dict:
    """Plain Voilà and a one-slider notebook: page times in Chromium, CPU per page without a browser."""
    folder = tmp / "minimal"
    folder.mkdir()
    (folder / "minimal.ipynb").write_text(json.dumps(MINIMAL_NOTEBOOK), encoding="utf-8")
    leftovers: list[psutil.Process] = []
    with ExitStack() as stack:
        stack.callback(stop_leftovers, leftovers)  # runs after the server stopped
        base = stack.enter_context(voila_server(folder, {}, tmp / "voila.log"))
        server = server_process(base)
        try:
            cold, warm = await cold_and_warm(
                browser, base, None, f"{base}/voila/render/minimal.ipynb", SLIDER, repeats, server
            )
            await settle(server)
            cpu, visits = await cpu_per_page(
                f"{base}/voila/render/minimal.ipynb", None, server, repeats
            )
        finally:
            leftovers.extend(kernels_of(server))
    return {"cold": cold, "warm": warm, "cpu": cpu, "visits": visits}


async def ours(browser, sessions: Path, tmp: Path, args) -> dict:
    r: dict = {}
    pool = args.pool
    leftovers: list[psutil.Process] = []
    with ExitStack() as stack:
        stack.callback(stop_leftovers, leftovers)  # runs after the server stopped (Ctrl-C included)
        base = stack.enter_context(
            swc_serve(
                sessions,
                tmp / "serve.log",
                "--host",
                "127.0.0.1",
                "--prepare",
                "none",
                "--pool",
                str(pool),
                "--cull-idle",
                str(args.cull_idle),
                today=current_day(sessions),
            )
        )
        server = server_process(base)
        tokens = json.loads((sessions / "demo" / ".serve-tokens.json").read_text())
        trainer = tokens["trainer"]
        wb = f"{base}/voila/render/{{step}}.ipynb?participant={{pid}}"
        try:
            print("  waiting for the pool ...", flush=True)
            t = time.monotonic()
            await settle(server, kernels=pool, limit=180)
            r["pool_ready"] = time.monotonic() - t
            r["kernels_idle"] = kernel_memory(server)

            print("  pages, cold and warm ...", flush=True)
            r["current"] = await cold_and_warm(
                browser,
                base,
                personal_secret(sessions, "p02"),
                wb.format(step=CURRENT_STEP, pid="p02"),
                WORKBOOK,
                args.repeats,
                server,
            )
            await settle(server)
            r["other"] = await cold_and_warm(
                browser,
                base,
                personal_secret(sessions, "p03"),
                wb.format(step=OTHER_STEP, pid="p03"),
                WORKBOOK,
                args.repeats,
                server,
            )
            await settle(server)
            r["dashboard"] = await cold_and_warm(
                browser,
                base,
                trainer,
                f"{base}/voila/render/dashboards/dagdeel-1-2.ipynb",
                DASHBOARD,
                args.repeats,
                server,
            )
            print("  CPU per page ...", flush=True)
            for key, step, pid in (
                ("cpu_current", CURRENT_STEP, "p02"),
                ("cpu_other", OTHER_STEP, "p03"),
            ):
                await settle(server, kernels=pool)
                r[key] = await cpu_per_page(
                    wb.format(step=step, pid=pid), cookie_of(sessions, pid), server, args.repeats
                )

            print(f"  live updates ({args.saves} saves) ...", flush=True)
            saver = Saver(sessions)
            stack.callback(saver.close)
            trainer_ctx = await new_context(browser, base, trainer)
            try:
                await settle(server)
                r["live_page"], board = await open_timed(
                    trainer_ctx, f"{base}/voila/render/dashboards/{LIVE_DASHBOARD}.ipynb", DASHBOARD
                )
                board = board if r["live_page"].ok else None
                await settle(server)
                r["live"] = await live_updates(board, saver, args.saves, (0.3, 1.0))

                print(f"  {args.pages} arrivals, {args.stagger:g} s apart ...", flush=True)
                await settle(server, kernels=pool)
                r["kernels_before_arrivals"] = len(kernels_of(server))
                (
                    r["arrivals"],
                    r["arrivals_kernels"],
                    r["arrivals_cpu"],
                    r["arrivals_left"],
                ) = await arrivals(base, sessions, wb, args, server)
                print(f"  waiting {args.cull_wait:g} s for culling ...", flush=True)
                await asyncio.sleep(args.cull_wait)
                r["arrivals_left_later"] = len(kernels_of(server))
            finally:
                await trainer_ctx.close()
            await asyncio.sleep(1)
            r["end_left"] = len(kernels_of(server))
        finally:
            leftovers.extend(kernels_of(server))
    return r


async def burst(
    browser, sessions: Path, tmp: Path, args, slots: int, prepare: str = "none"
) -> dict:
    """``args.pages`` pages at once on a fresh ``swc serve --render-slots slots`` (0: its default queue;
    ``args.pages``: no queue, every page rendered at once), the live dashboard open in Chromium.
    ``prepare``: ``swc serve --prepare``; with "all" the burst starts once every page is prepared."""
    leftovers: list[psutil.Process] = []
    with ExitStack() as stack:
        stack.callback(stop_leftovers, leftovers)
        log = tmp / f"serve-burst-{slots}-{prepare}.log"
        base = stack.enter_context(
            swc_serve(
                sessions,
                log,
                "--host",
                "127.0.0.1",
                "--pool",
                str(args.pool),
                "--cull-idle",
                str(args.cull_idle),
                "--render-slots",
                str(slots),
                "--prepare",
                prepare,
                today=current_day(sessions),
            )
        )
        server = server_process(base)
        prepared = await wait_prepared(log, args.participants) if prepare != "none" else None
        tokens = json.loads((sessions / "demo" / ".serve-tokens.json").read_text())
        wb = f"{base}/voila/render/{{step}}.ipynb?participant={{pid}}"
        saver = Saver(sessions)
        stack.callback(saver.close)
        trainer_ctx = await new_context(browser, base, tokens["trainer"])
        try:
            await settle(server, kernels=args.pool, limit=180)
            page, board = await open_timed(
                trainer_ctx, f"{base}/voila/render/dashboards/{LIVE_DASHBOARD}.ipynb", DASHBOARD
            )
            await settle(server, kernels=args.pool)
            r = await at_once(base, sessions, wb, args, server, board if page.ok else None, saver)
            r["prepared"] = prepared
            print(f"    waiting {args.cull_wait:g} s for culling ...", flush=True)
            await asyncio.sleep(args.cull_wait)
            r["left_later"] = len(kernels_of(server))
        finally:
            await trainer_ctx.close()
            leftovers.extend(kernels_of(server))
    return r


async def wait_prepared(log: Path, total: int, limit: float = 900) -> tuple[float, str]:
    """Waits until the server's window says every page is prepared; (seconds it took, its last line)."""
    t0 = time.monotonic()
    needle = f"{total} van {total} werkboeken klaargezet"
    while time.monotonic() - t0 < limit:
        lines = [
            line.strip()
            for line in log.read_text(errors="replace").splitlines()
            if "klaargezet" in line
        ]
        if lines and needle in lines[-1]:
            return time.monotonic() - t0, lines[-1]
        await asyncio.sleep(1)
    raise RuntimeError(f"pages not prepared within {limit:g} s: {log}")


def cookie_of(sessions: Path, pid: str) -> str:
    """The cookie a participant's browser holds once their personal link was opened: only their own pages open."""
    return f"{COOKIE}={personal_secret(sessions, pid)}"


def participant_tabs(sessions: Path, wb: str, args) -> list:
    """``args.pages`` tabs on the current workbook, each with its own participant's cookie (round robin)."""
    pids = [f"p{i % args.participants + 1:02d}" for i in range(args.pages)]
    return [
        Tab(wb.format(step=CURRENT_STEP, pid=pid), cookie_of(sessions, pid), PAGE_TIMEOUT / 1000)
        for pid in pids
    ]


async def arrivals(base, sessions, wb, args, server):
    """``args.pages`` laptops arrive ``args.stagger`` s apart and keep their tab open (page_client: the
    server's side of a browser). Returns visits, kernels, CPU seconds per page, kernels left after."""
    tabs = participant_tabs(sessions, wb, args)
    cpu0 = tree_cpu_seconds(server)

    async def one(i: int) -> PageVisit:
        await asyncio.sleep(i * args.stagger)
        return await tabs[i].open()

    visits = await asyncio.gather(*(one(i) for i in range(args.pages)))
    await settle(
        server, limit=120
    )  # the pool refilled: its kernels belong to the cost of these pages
    cpu = (tree_cpu_seconds(server) - cpu0) / args.pages
    kernels = kernel_memory(server)
    await asyncio.gather(*(t.close() for t in tabs))
    await asyncio.sleep(1)
    return visits, kernels, cpu, len(kernels_of(server))


async def at_once(base, sessions, wb, args, server, board, saver) -> dict:
    """``args.pages`` pages requested at the same moment and kept open, while the dashboard in
    Chromium keeps updating (one save every ~2 s while they load, then ``saves_open`` more)."""
    tabs = participant_tabs(sessions, wb, args)
    t0 = time.monotonic()
    opening = asyncio.ensure_future(asyncio.gather(*(t.open() for t in tabs)))
    during: list[float] = []
    missed = 0
    while not opening.done():
        ms, m = await live_updates(board, saver, 1, (1.5, 2.5))
        during += ms
        missed += m
    visits = await opening
    all_open = time.monotonic() - t0
    after, m2 = await live_updates(board, saver, args.saves_open, (0.3, 1.0))
    kernels = kernel_memory(server)
    await asyncio.gather(*(t.close() for t in tabs))
    await asyncio.sleep(1)
    return {
        "visits": visits,
        "all_open": all_open,
        "during": (during, missed),
        "after": (after, m2),
        "kernels": kernels,
        "left": len(kernels_of(server)),
    }


async def cpu_per_page(
    url: str, cookie: str | None, server: psutil.Process, n: int
) -> tuple[float, list[PageVisit]]:
    """CPU seconds per page (server + kernels, refills included), ``n`` pages opened one after another."""
    tabs = [Tab(url, cookie, PAGE_TIMEOUT / 1000) for _ in range(n)]
    cpu0 = tree_cpu_seconds(server)
    visits = [await t.open() for t in tabs]
    await settle(server, limit=60)
    cpu = (tree_cpu_seconds(server) - cpu0) / n
    await asyncio.gather(*(t.close() for t in tabs))
    return cpu, visits


# --------------------------------------------------------------------------- report


def report(args, start_load: str, base: dict, r: dict) -> None:
    b_warm = median([t.total for t in base["warm"] if t.ok])
    b_server = median([t.server for t in base["warm"] if t.ok])
    print("\n" + "=" * 100)
    print(f"swc serve benchmark ({'quick' if args.quick else 'full'} run)   {machine()}")
    print(
        f"load average at start {start_load}, at end {loadavg()}   pool {args.pool}, cull-idle {args.cull_idle} s"
    )
    print(
        "times: navigation start -> widgets visible; server = requestStart -> responseEnd; "
        "browser = responseEnd -> visible"
    )
    print("\nbaseline: plain Voilà, one IntSlider (same kernel, template without CDN fonts)")
    print(fmt_timing("cold (first open)", [base["cold"]]))
    print(fmt_timing(f"warm (median of {len(base['warm'])})", base["warm"]))
    print(
        f"\nours: swc serve demo --host 127.0.0.1 (tokens on); pool ready {r['pool_ready']:.1f} s after start"
    )
    print(fmt_kernels("idle server", r["kernels_idle"]))
    rows = [
        ("current", f"workbook {CURRENT_STEP} (pool)"),
        ("other", f"workbook {OTHER_STEP} (no pool)"),
        ("dashboard", "dashboard dagdeel-1-2"),
    ]
    for key, label in rows:
        cold, warm = r[key]
        print(fmt_timing(f"{label}, cold", [cold]))
        print(fmt_timing(f"{label}, warm", warm))
    print("\nratio ours/baseline, warm (target <= 1.5x):")
    for key, label in rows:
        warm = [t for t in r[key][1] if t.ok]
        if warm:
            print(
                f"  {label:<34} total {median([t.total for t in warm]) / b_warm:4.1f}x"
                f"   server share {median([t.server for t in warm]) / b_server:4.1f}x"
            )

    lat, missed = r["live"]
    print(
        f"\nlive update, save in another process -> text visible in the {LIVE_DASHBOARD} dashboard (target p95 <= 2 s)"
    )
    print(
        fmt_latencies(
            f"{len(lat) + missed} saves, dashboard opened in {r['live_page'].total:.2f} s",
            lat,
            missed,
        )
    )

    print(
        "\nCPU per page, server + kernels (pool refills included), pages opened one after another, no browser:"
    )
    print(f"  baseline one-slider page            {base['cpu']:5.2f} s")
    for key, label in (
        ("cpu_current", f"workbook {CURRENT_STEP} (pool)"),
        ("cpu_other", f"workbook {OTHER_STEP} (no pool)"),
    ):
        cpu, visits = r[key]
        failed = sum(not v.ok for v in visits)
        print(
            f"  {label:<34} {cpu:5.2f} s  ({cpu / base['cpu']:.1f}x baseline)"
            + (f", {failed} failed" if failed else "")
        )

    print(
        f"\n{args.pages} arrivals {args.stagger:g} s apart, workbook {CURRENT_STEP}, each tab kept open "
        "(target: a working page within 5 s of server time)"
    )
    print(
        "  (the server's side of each laptop's browser: page, kernel websocket, every widget state)"
    )
    report_visits(r["arrivals"])
    print(f"  CPU per arrival, server + kernels: {r['arrivals_cpu']:.2f} s")
    print(f"  kernels before: {r['kernels_before_arrivals']}")
    print(fmt_kernels("all arrived", r["arrivals_kernels"]))
    print(
        f"  after closing the tabs: {r['arrivals_left']} kernels right away, "
        f"{r['arrivals_left_later']} after {args.cull_wait:g} s"
    )
    print(f"  after the trainer's dashboard closed: {r['end_left']} kernels")

    for key, label in (
        ("burst_prepared", "pages prepared per participant (--prepare all, swc serve's default)"),
        ("burst_queue", "render queue only (--prepare none)"),
        (
            "burst_naive",
            f"no queue (--prepare none --render-slots {args.pages}: all rendered at once)",
        ),
    ):
        c = r[key]
        print(
            f"\n{args.pages} workbook pages requested at once and kept open, {label}; the {LIVE_DASHBOARD} "
            f"dashboard open in Chromium and updating (all open after {c['all_open']:.1f} s)"
        )
        if c.get("prepared"):
            print(f"  prepared in {c['prepared'][0]:.0f} s before the burst: {c['prepared'][1]}")
        report_visits(c["visits"])
        print(fmt_latencies("live update while the pages load", *c["during"]))
        print(fmt_latencies(f"live update with {args.pages} pages open", *c["after"]))
        print(fmt_kernels(f"{args.pages} pages open", c["kernels"]))
        print(
            f"  after closing the tabs: {c['left']} kernels right away, {c['left_later']} after {args.cull_wait:g} s"
        )
    picks = (
        ("page served p50", lambda c: pct([v.server for v in c["visits"] if v.ok], 50)),
        (
            "page served max",
            lambda c: max([v.server for v in c["visits"] if v.ok], default=float("nan")),
        ),
        ("widgets visible p95", lambda c: pct([v.states for v in c["visits"] if v.ok], 95)),
        ("live update p95 while loading", lambda c: pct(c["during"][0], 95) / 1000),
    )
    for (a, b), title in (
        ((r["burst_queue"], r["burst_naive"]), "queue/no queue"),
        ((r["burst_prepared"], r["burst_queue"]), "prepared/queue"),
        ((r["burst_prepared"], r["burst_naive"]), "prepared/no queue"),
    ):
        print(f"\nratio {title}, pages at once (lower is better):")
        for label, pick in picks:
            print(
                f"  {label:<32} {pick(a) / pick(b):4.2f}x  ({pick(a):.2f} s against {pick(b):.2f} s)"
            )
    print("=" * 100)


def report_visits(visits: list[PageVisit]) -> None:
    good = [v for v in visits if v.ok]
    if good:
        srv, st = [v.server for v in good], [v.states for v in good]
        print(
            f"  page served:        p50 {pct(srv, 50):.2f} s  p95 {pct(srv, 95):.2f} s  max {max(srv):.2f} s;"
            f" within 5 s: {sum(x <= 5 for x in srv)}/{len(visits)}"
        )
        print(
            f"  + widget states:    p50 {pct(st, 50):.2f} s  p95 {pct(st, 95):.2f} s  max {max(st):.2f} s;"
            f" within 5 s: {sum(x <= 5 for x in st)}/{len(visits)}  ({median([v.widgets for v in good]):.0f} widgets)"
        )
    failed = [v for v in visits if not v.ok]
    print(f"  failed pages: {len(failed)}" + "".join(f"\n    {v.error}" for v in failed[:5]))


def keep_logs(tmp: Path, logs: Path) -> None:
    logs.mkdir(exist_ok=True)
    for log in tmp.glob("*.log"):
        shutil.copy(log, logs / log.name)
    print(f"server logs: {logs}", flush=True)


async def run(args) -> None:
    from playwright.async_api import async_playwright

    start_load = loadavg()
    print(f"{machine()}; load average {start_load}", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-dashboard-") as tmp:
        tmp = Path(tmp)
        sessions = bench_edition(tmp, args.participants)
        logs = Path(tempfile.gettempdir()) / "bench-dashboard-logs"
        async with AsyncExitStack() as stack:
            stack.callback(keep_logs, tmp, logs)  # the servers' logs outlive the temp dir
            pw = await stack.enter_async_context(async_playwright())
            browser = await pw.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
            )
            stack.push_async_callback(browser.close)
            print("baseline: plain Voilà ...", flush=True)
            base = await baseline(browser, tmp, args.repeats)
            print("ours: swc serve ...", flush=True)
            r = await ours(browser, sessions, tmp, args)
            for key, slots, prepare in (
                ("burst_prepared", 0, "all"),
                ("burst_queue", 0, "none"),
                ("burst_naive", args.pages, "none"),
            ):
                print(
                    f"{args.pages} pages at once, --render-slots {slots} --prepare {prepare} ...",
                    flush=True,
                )
                r[key] = await burst(browser, sessions, tmp, args, slots, prepare)
        report(args, start_load, base, r)


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--saver":
        return saver_main(sys.argv[2])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="fewer repeats, saves and pages (smoke run)"
    )
    parser.add_argument("--repeats", type=int, help="warm opens per page (default 5, quick 2)")
    parser.add_argument("--saves", type=int, help="live-update saves (default 50, quick 8)")
    parser.add_argument(
        "--pages", type=int, help="arrivals and pages at once (default 30, quick 5)"
    )
    parser.add_argument("--stagger", type=float, default=2.0, help="seconds between two arrivals")
    parser.add_argument("--pool", type=int, default=4, help="swc serve --pool (its default: 4)")
    parser.add_argument(
        "--cull-idle", type=int, default=30, help="swc serve --cull-idle (minimum 30)"
    )
    parser.add_argument(
        "--cull-wait",
        type=float,
        default=45.0,
        help="seconds to wait before counting kernels again",
    )
    args = parser.parse_args()
    args.repeats = args.repeats or (2 if args.quick else 5)
    args.saves = args.saves or (8 if args.quick else 50)
    args.pages = args.pages or (5 if args.quick else 30)
    args.saves_open = 3 if args.quick else 10
    args.participants = max(args.pages, 12)
    try:
        asyncio.run(run(args))
    except KeyboardInterrupt:
        print("\ninterrupted; servers and browser stopped", file=sys.stderr)
        sys.exit(130)


if __name__ == "__main__":
    main()
