"""Live updates on a dashboard: the store's change signal against polling ``max(id)``, in one run.

A dashboard (``widgets.dashboard.Dashboard``, the kind given, default
``dagdeel-1-2``) follows a private copy of the demo edition on the asyncio
loop, as in its Voilà kernel. Another process saves a participant's casus
with a fresh word; the time from its commit to the moment the dashboard has
redrawn with that word is one live update. Measured for:

  baseline - the design before: ``max(id)`` every 0.5 s (``LiveRoom`` with a
             signal that always fires, interval 0.5 s);
  signal   - today's ``LiveRoom``: the store's change signal every 0.1 s;

each in a quiet room and with a room typing: a third process saving
``--typists`` participants' fields, each every 2 s on average (a page saves
after 1 s of quiet). Without Chromium: this measures the mechanism in the
kernel (look, read, redraw); the websocket to the browser adds the same to
both (``bench/dashboard.py`` measures the whole path in Chromium).

Also: the cost of one look (signal against ``max(id)``) in microseconds.
Nothing here asserts a time.

    .venv/bin/python bench/live.py                 # 40 saves per case (~3 min)
    .venv/bin/python bench/live.py --quick         # 8 saves per case
    .venv/bin/python bench/live.py --postgres URL  # the store on PostgreSQL
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import random
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common import demo_edition, machine  # noqa: E402

SUBJECT = "p02"
SAVER = """
import sys, time
from swc_core.store import Store
with Store.open(sys.argv[1]) as store:
    casus = dict(store.values(sys.argv[2], sys.argv[3])["casus"])
    print("ready", flush=True)
    for line in sys.stdin:
        casus["title"] = line.strip()
        store.save(sys.argv[2], sys.argv[3], "casus", casus, author="bench")
        print(f"{time.time():.6f}", flush=True)
"""
TYPISTS = """
import random, sys, time
from swc_core.store import Store
url, edition, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
subjects = [f"p{i:02d}" for i in range(1, n + 1)]
with Store.open(url) as store:
    print("ready", flush=True)
    while True:
        time.sleep(random.expovariate(n / 2.0))  # each participant about every 2 s
        s = random.choice(subjects)
        store.save(edition, s, "reflection.dagdeel-1-2.note", f"typed {time.time():.3f}", author=s)
"""


class _Always:
    """The baseline's signal: every look is a ``max(id)`` query."""

    def changed(self) -> bool:
        return True

    def close(self) -> None:
        pass


def _spawn(code: str, *args: str) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    if proc.stdout.readline().strip() != "ready":
        raise RuntimeError("a helper process did not start")
    return proc


async def measure(live, saver: subprocess.Popen, n: int) -> list[float]:
    """``n`` saves by ``saver``; ms from each commit to the dashboard redrawn with it."""
    seen: dict[str, float] = {}
    live.on_change(lambda room: seen.setdefault(room.workbooks[SUBJECT].casus.title, time.time()))
    out = []
    for _ in range(n):
        word = f"Bench{secrets.token_hex(3)}"
        saver.stdin.write(word + "\n")
        saver.stdin.flush()
        committed = float(await asyncio.to_thread(saver.stdout.readline))
        deadline = time.monotonic() + 10
        while word not in seen and time.monotonic() < deadline:
            await asyncio.sleep(0.005)
        if word in seen:
            out.append((seen[word] - committed) * 1000)
        await asyncio.sleep(random.uniform(0.3, 1.0))  # saves fall anywhere in the look cycle
    return out


async def one_case(edition, store, kind: str, baseline: bool, saver, n: int) -> list[float]:
    from swc_core.room.live import LiveRoom
    from widgets.dashboard import Dashboard

    live = (
        LiveRoom(store, edition, signal=_Always(), interval=0.5)
        if baseline
        else LiveRoom(store, edition)
    )
    Dashboard(kind, live)
    live.start()
    try:
        await asyncio.sleep(1.0)
        return await measure(live, saver, n)
    finally:
        live.stop()


def look_cost(store, repeats: int = 2000) -> tuple[float, float]:
    """µs per look: the change signal, and a ``max(id)`` query."""
    from swc_core.store.changes import change_signal

    signal = change_signal(store)
    signal.changed()
    t = time.perf_counter()
    for _ in range(repeats):
        signal.changed()
    per_signal = (time.perf_counter() - t) / repeats * 1e6
    signal.close()
    t = time.perf_counter()
    for _ in range(repeats):
        store.last_id()
    return per_signal, (time.perf_counter() - t) / repeats * 1e6


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def line(name: str, values: list[float], n: int) -> str:
    if not values:
        return f"  {name:<28} no update seen ({n} saves)"
    missed = n - len(values)
    return (
        f"  {name:<28} p50 {statistics.median(values):6.0f} ms  p95 {pct(values, 95):6.0f} ms  "
        f"max {max(values):6.0f} ms"
        + (f"  ({missed} of {n} not seen within 10 s)" if missed else "")
    )


async def run(args) -> None:
    from swc_core.answers_file import import_answers, read_answers
    from swc_core.edition import open_store
    from swc_core.settings import REPO_ROOT

    with tempfile.TemporaryDirectory() as tmp:
        edition, settings = demo_edition(Path(tmp))
        if args.postgres:
            settings = dataclasses.replace(settings, database_url=args.postgres)
        store = open_store(edition, settings)
        if args.postgres:
            import_answers(
                store,
                edition,
                read_answers(REPO_ROOT / "data" / "demo" / "answers.yml", edition),
                "bench",
            )
        url = str(store.engine.url.render_as_string(hide_password=False))
        print(machine())
        print(f"store: {store.url}; dashboard {args.kind}; {args.saves} saves per case")
        signal_us, query_us = look_cost(store)
        print(
            f"one look: change signal {signal_us:.1f} µs, max(id) {query_us:.1f} µs "
            f"({query_us / signal_us:.0f}x)"
        )
        saver = _spawn(SAVER, url, edition.name, SUBJECT)
        results = {}
        try:
            for room in ("quiet", "typing"):
                typists = (
                    _spawn(TYPISTS, url, edition.name, str(args.typists))
                    if room == "typing"
                    else None
                )
                try:
                    for name, baseline in (("baseline", True), ("signal", False)):
                        print(f"  {room}, {name} ...", flush=True)
                        results[room, name] = await one_case(
                            edition, store, args.kind, baseline, saver, args.saves
                        )
                finally:
                    if typists is not None:
                        typists.kill()
                        typists.wait()
        finally:
            saver.stdin.close()
            saver.wait(timeout=10)
            store.close()
        for room in ("quiet", "typing"):
            label = "quiet room" if room == "quiet" else f"{args.typists} participants typing"
            print(f"\nlive update, save in another process -> dashboard redrawn ({label})")
            for name in ("baseline", "signal"):
                print(line(f"{name}", results[room, name], args.saves))
            base, new = results[room, "baseline"], results[room, "signal"]
            if base and new:
                print(
                    f"  ratio signal / baseline: p50 {statistics.median(new) / statistics.median(base):.2f}x, "
                    f"p95 {pct(new, 95) / pct(base, 95):.2f}x"
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="8 saves per case")
    parser.add_argument("--saves", type=int, help="saves per case (default 40)")
    parser.add_argument(
        "--typists", type=int, default=30, help="participants saving in the typing room"
    )
    parser.add_argument(
        "--kind", default="dagdeel-1-2", help="dashboard kind (default dagdeel-1-2)"
    )
    parser.add_argument(
        "--postgres", help="a PostgreSQL URL for the store instead of the edition's SQLite"
    )
    args = parser.parse_args()
    args.saves = args.saves or (8 if args.quick else 40)
    asyncio.run(run(args))


if __name__ == "__main__":
    main()
