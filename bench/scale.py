"""Scale: 60 participants saving every second through two servers on one PostgreSQL store, against one laptop.

One run on this machine, everything on 127.0.0.1:

* a fresh PostgreSQL schema holding the demo edition (moved there with
  ``swc migrate``'s library function), served by two real
  ``swc serve demo --db ... --host 127.0.0.1`` processes on two ports;
* in headless Chromium: the intake dashboard on each server (a trainer per
  server) and one participant's workbook on each server, typed into once a
  second (real kernels, the widgets' own save path);
* ``--participants`` writer processes (default 60) standing in for the
  participants' kernels: each saves its own canvas field once a second
  through ``Store.save`` (its own connection, like a kernel), phases spread
  over the second;
* every ``--probe`` seconds the bench saves a unique text as p01's domain and
  records when each dashboard shows it (a 100 ms check in the page, so the
  figures are up to 0.1 s late).

The same load runs twice in one run: first on the naive baseline, one
``swc serve`` on the edition's own SQLite file (a trainer's laptop; both
dashboards and both workbooks on that one server), then scaled out as
above.

Printed per scenario: save p50/p95/max and errors, live update p50/p95/max
per dashboard, revisions confirmed vs found in the store (lost), CPU and RSS
per process; then the ratios scale-out / one laptop, and, from the measured
RSS and CPU of each kind of process, an estimate of participants per 2-core
server and of servers for 500 participants. Nothing here is asserted.

    .venv/bin/python bench/scale.py                      # 60 writers, 30 s
    .venv/bin/python bench/scale.py --seconds 10 --participants 20
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
import uuid
from contextlib import ExitStack
from datetime import datetime, timezone
from pathlib import Path

import psutil
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from swc_core.jupyter.kernelspec import is_kernel_process
from swc_core.settings import REPO_ROOT

from common import demo_edition, machine

sys.path[:0] = [
    str(REPO_ROOT / "tests"),
    str(REPO_ROOT),
]  # tests/servers.py and the conftest it reads
from servers import chromium_browser, personal_secret, swc_serve  # noqa: E402

DASHBOARD = ".swc-dashboard .swc-panel"
WORKBOOK = ".swc-page .swc-instrument"
PAGE_TIMEOUT = 240_000  # ms
WATCH = """() => {
  window.__want = new Set(); window.__seen = {};
  setInterval(() => {
    if (!window.__want.size) return;
    const body = document.body.textContent;
    for (const n of window.__want) if (body.includes(n)) { window.__seen[n] = Date.now(); window.__want.delete(n); }
  }, 100);
}"""
SERVER_GIB = 8  # the 2-core server the estimate is for
USABLE_CPU = (
    0.7  # share of the cores planned for, leaving room for bursts (everyone opening a page at once)
)


def writer(
    url: str, index: int, subject: str, field: str, seconds: float, ready, go, results
) -> None:
    """One simulated participant: saves its own field once a second; reports latencies and errors."""
    from swc_core.errors import StoreError
    from swc_core.store import Store

    store = Store.open(url)
    store.last_id()  # connection made before the clock starts
    ready.put(index)
    go.wait()
    start = time.time() + index / 60  # phases spread over the second
    latencies, errors, confirmed = [], 0, 0
    n = 0
    while (tick := start + n) < start + seconds:
        time.sleep(max(0.0, tick - time.time()))
        t0 = time.perf_counter()
        try:
            store.save(
                "demo",
                subject,
                field,
                f"{subject} schrijft revisie {n} (sim-{index:02d})",
                author=f"sim-{index:02d}",
            )
            latencies.append(time.perf_counter() - t0)
            confirmed += 1
        except StoreError:
            errors += 1
        n += 1
    cpu = sum(psutil.Process().cpu_times()[:2])
    store.close()
    results.put(
        {
            "index": index,
            "latencies": latencies,
            "errors": errors,
            "confirmed": confirmed,
            "cpu": cpu,
        }
    )


def fresh_schema(base: str) -> tuple[str, callable]:
    engine = create_engine(make_url(base).set(drivername="postgresql+psycopg"))
    schema = f"swc_scale_{uuid.uuid4().hex[:10]}"
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))

    def drop():
        with engine.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()

    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False), drop


def kernels() -> dict[int, psutil.Process]:
    out = {}
    for proc in psutil.Process().children(recursive=True):
        try:
            if is_kernel_process(proc.cmdline()):
                out[proc.pid] = proc
        except psutil.Error:
            pass
    return out


def servers() -> list[psutil.Process]:
    return [p for p in psutil.Process().children() if "serve" in " ".join(p.cmdline())]


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, math.ceil(q * len(values)) - 1)] if values else float("nan")


def cpu_seconds(proc: psutil.Process) -> float:
    try:
        times = proc.cpu_times()
        return times.user + times.system
    except psutil.Error:
        return float("nan")


def rss_mib(proc: psutil.Process) -> float:
    try:
        return proc.memory_info().rss / 2**20
    except psutil.Error:
        return float("nan")


SCENARIOS = {
    # name: (store, servers, what it stands for)
    "one laptop": ("sqlite", 1, "naive baseline: one swc serve on the edition's own SQLite file"),
    "scale-out": ("postgresql", 2, "two swc serve processes on one PostgreSQL schema"),
}


def run(args) -> None:
    results = {}
    for name, (store_kind, n_servers, meaning) in SCENARIOS.items():
        print(f"{name}: {meaning} ...", flush=True)
        results[name] = scenario(args, store_kind, n_servers)
    for name, (store_kind, n_servers, meaning) in SCENARIOS.items():
        report(args, name, meaning, **results[name])
    compare(results["scale-out"], results["one laptop"])
    estimate(results["scale-out"]["cores"], results["scale-out"]["rss"])


def scenario(args, store_kind: str, n_servers: int) -> dict:
    """One run of the load: ``args.participants`` writers, two trainers' dashboards and two typing
    participants, spread over ``n_servers`` servers on one store."""
    from swc_core.content import load_content
    from swc_core.messages import text as ui_text
    from swc_core.model import block_field
    from swc_core.store import Store
    from swc_core.store.migrate import migrate_store

    blocks = [b.id for b in load_content().blocks]
    tmp = Path(tempfile.mkdtemp(prefix="swc-scale-"))
    edition, settings = demo_edition(tmp)
    sessions = settings.sessions_dir
    sqlite_url = f"sqlite:///{sessions / 'demo' / 'swc.db'}"
    with ExitStack() as stack:
        if store_kind == "postgresql":
            url, drop = fresh_schema(args.db)
            stack.callback(drop)
            migrate_store(sqlite_url, url)
            serve_args = ("--db", url, "--host", "127.0.0.1", "--pool", "0")
        else:
            url = sqlite_url
            serve_args = ("--host", "127.0.0.1", "--pool", "0")
        bases = [
            stack.enter_context(swc_serve(sessions, tmp / f"{chr(65 + i)}.log", *serve_args))
            for i in range(n_servers)
        ]
        browser = stack.enter_context(chromium_browser())
        tokens = json.loads((sessions / "demo" / ".serve-tokens.json").read_text())
        pages, kernel_of = {}, {}
        for name, base, token, path, selector in [
            ("dashboard A", bases[0], tokens["trainer"], "dashboards/intake.ipynb", DASHBOARD),
            ("dashboard B", bases[-1], tokens["trainer"], "dashboards/intake.ipynb", DASHBOARD),
            (
                "workbook A",
                bases[0],
                personal_secret(sessions, "p02"),
                "intake.ipynb?participant=p02",
                WORKBOOK,
            ),
            (
                "workbook B",
                bases[-1],
                personal_secret(sessions, "p03"),
                "intake.ipynb?participant=p03",
                WORKBOOK,
            ),
        ]:
            kind = (
                "t" if name.startswith("dashboard") else "p"
            )  # a participant opens their own card's link
            page, kernel = open_page_with_token(browser, base, kind, token, path, selector)
            pages[name], kernel_of[name] = page, kernel
            print(f"  opened {name}: kernel {kernel.pid}", flush=True)
        for name in ("dashboard A", "dashboard B"):
            pages[name].evaluate(WATCH)
        placeholder = ui_text("widgets.casus.domain_placeholder")

        ctx = multiprocessing.get_context("spawn")
        ready, results, go = ctx.Queue(), ctx.Queue(), ctx.Event()
        procs = []
        for i in range(args.participants):
            subject = f"p{i % 12 + 1:02d}"
            field = block_field(
                blocks[(i // 12) % len(blocks)]
            )  # unique per writer up to 12 x blocks
            procs.append(
                ctx.Process(
                    target=writer, args=(url, i, subject, field, args.seconds, ready, go, results)
                )
            )
        for p in procs:
            p.start()
        for _ in procs:
            ready.get(timeout=300)
        print(f"  {len(procs)} writers connected; running {args.seconds:.0f} s", flush=True)

        watched = {**kernel_of, **{f"serve {chr(65 + i)}": p for i, p in enumerate(servers())}}
        cpu_before = {name: cpu_seconds(p) for name, p in watched.items()}
        t_start = time.time()
        go.set()
        probes: list[tuple[str, float]] = []
        typed = 0
        with Store.open(url) as store:
            next_probe = next_type = time.time() + 1
            while time.time() < t_start + args.seconds:
                now = time.time()
                if now >= next_probe:
                    needle = f"Meetpunt-{uuid.uuid4().hex[:8]}"
                    for name in ("dashboard A", "dashboard B"):
                        pages[name].evaluate("(n) => window.__want.add(n)", needle)
                    casus = {**store.values("demo", "p01")["casus"], "domain": needle}
                    store.save("demo", "p01", "casus", casus, author="bench")
                    probes.append((needle, time.time()))
                    next_probe += args.probe
                if now >= next_type:  # the two real participants type something every second
                    for name in ("workbook A", "workbook B"):
                        box = pages[name].locator(f'textarea[placeholder="{placeholder}"]').first
                        box.fill(f"getypt {typed}")
                        box.press("Tab")
                    typed += 1
                    next_type += 1
                pages["dashboard A"].wait_for_timeout(50)
        wall = time.time() - t_start
        cpu_after = {name: cpu_seconds(p) for name, p in watched.items()}
        rss = {name: rss_mib(p) for name, p in watched.items()}
        outcomes = [results.get(timeout=120) for _ in procs]
        for p in procs:
            p.join(timeout=30)
        time.sleep(max(3.0, args.probe))  # let the last probes arrive
        seen = {
            name: pages[name].evaluate("() => window.__seen")
            for name in ("dashboard A", "dashboard B")
        }
        with Store.open(url) as store, store.engine.connect() as conn:
            from swc_core.store.tables import revisions as R

            found = dict(
                conn.execute(
                    select(R.c.author, func.count())
                    .where(R.c.author.like("sim-%"))
                    .group_by(R.c.author)
                ).all()
            )
            typed_saves = conn.execute(
                select(func.count()).where(
                    R.c.subject.in_(["p02", "p03"]),
                    R.c.field == "casus",
                    R.c.saved_at >= datetime.fromtimestamp(t_start, timezone.utc),
                )
            ).scalar()
        print(
            f"  the two workbook pages typed {typed} times each; {typed_saves} of their saves are in the store"
        )
    cores = {name: (cpu_after[name] - cpu_before[name]) / wall for name in cpu_before}
    return {
        "outcomes": outcomes,
        "found": found,
        "probes": probes,
        "seen": seen,
        "cores": cores,
        "rss": rss,
        "wall": wall,
    }


def open_page_with_token(browser, base, kind, token, path, selector):
    before = set(kernels())
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(f"{base}/{kind}/{token}")
    page.goto(f"{base}/voila/render/{path}", wait_until="commit")
    page.wait_for_selector(selector, timeout=PAGE_TIMEOUT)
    new = [p for pid, p in kernels().items() if pid not in before]
    if len(new) != 1:
        raise RuntimeError(f"expected one new kernel for {path}, found {len(new)}")
    return page, new[0]


def save_latencies(outcomes) -> list[float]:
    return [x for o in outcomes for x in o["latencies"]]


def live_delays(probes, seen) -> list[float]:
    return [times[n] / 1000 - t for times in seen.values() for n, t in probes if n in times]


def report(args, name, meaning, outcomes, found, probes, seen, cores, rss, wall) -> None:
    latencies = save_latencies(outcomes)
    confirmed = sum(o["confirmed"] for o in outcomes)
    errors = sum(o["errors"] for o in outcomes)
    stored = sum(found.values())
    print(f"\n== {name}: {meaning}")
    print(f"machine: {machine()}")
    print(f"{args.participants} writers x {args.seconds:.0f} s")
    print(
        f"saves: {confirmed} confirmed ({confirmed / wall:.0f}/s), {errors} failed, "
        f"{stored} in the store, lost {confirmed - stored}"
    )
    print(
        f"save latency: p50 {statistics.median(latencies) * 1000:.1f} ms, p95 {pct(latencies, 0.95) * 1000:.1f} ms, "
        f"max {max(latencies) * 1000:.1f} ms"
    )
    for page, times in seen.items():
        delays = [times[n] / 1000 - t for n, t in probes if n in times]
        missing = sum(1 for n, _ in probes if n not in times)
        if delays:
            print(
                f"live update {page}: {len(delays)} probes, p50 {statistics.median(delays):.2f} s, "
                f"p95 {pct(delays, 0.95):.2f} s, max {max(delays):.2f} s, never shown {missing}"
            )
        else:
            print(f"live update {page}: none of {len(probes)} probes shown")
    print("per process (CPU in cores over the run, RSS at the end):")
    for proc in cores:
        print(f"  {proc:12s} CPU {cores[proc] * 100:5.1f} %  RSS {rss[proc]:6.0f} MiB")
    writer_cpu = statistics.mean(o["cpu"] for o in outcomes) / args.seconds
    print(f"  writer (avg) CPU {writer_cpu * 100:5.1f} %  (its whole life, imports included)")


def compare(ours: dict, naive: dict) -> None:
    """Scale-out against the one-laptop baseline of the same run: ratios, lower is better."""
    print("\nratio scale-out / one laptop (same load, same run; lower is better):")
    for label, unit, pick in (
        (
            "save latency p50",
            "ms",
            lambda r: statistics.median(save_latencies(r["outcomes"])) * 1000,
        ),
        ("save latency p95", "ms", lambda r: pct(save_latencies(r["outcomes"]), 0.95) * 1000),
        (
            "live update p50",
            "s",
            lambda r: statistics.median(live_delays(r["probes"], r["seen"]) or [float("nan")]),
        ),
        ("live update p95", "s", lambda r: pct(live_delays(r["probes"], r["seen"]), 0.95)),
        (
            "serve CPU, busiest server",
            "cores",
            lambda r: max(v for k, v in r["cores"].items() if k.startswith("serve")),
        ),
    ):
        a, b = pick(ours), pick(naive)
        print(
            f"  {label:<28} {a / b if b else float('nan'):5.2f}x  ({a:.3g} {unit} against {b:.3g} {unit})"
        )


def estimate(cores: dict[str, float], rss: dict[str, float]) -> None:
    """Participants per 2-core server and servers for 500, from what was just measured."""
    kernel_cpu = max(cores["workbook A"], cores["workbook B"])
    kernel_rss = max(rss["workbook A"], rss["workbook B"])
    dash_cpu = max(cores["dashboard A"], cores["dashboard B"])
    dash_rss = max(rss["dashboard A"], rss["dashboard B"])
    serve = [n for n in cores if n.startswith("serve")]
    serve_cpu = max((cores[n] for n in serve), default=0.0)
    serve_rss = max((rss[n] for n in serve), default=0.0)
    # per server: the serve process, two dashboards (trainers), the participants' kernels
    cpu_room = 2 * USABLE_CPU - serve_cpu - 2 * dash_cpu
    mem_room = (SERVER_GIB - 1) * 1024 - serve_rss - 2 * dash_rss  # 1 GiB for the system
    by_cpu = math.floor(cpu_room / kernel_cpu) if kernel_cpu > 0 else 10**6
    by_mem = math.floor(mem_room / kernel_rss)
    per_server = max(1, min(by_cpu, by_mem))
    print(
        f"\nestimate for a 2-core, {SERVER_GIB} GiB server ({USABLE_CPU:.0%} of the cores planned for), "
        f"from the typing participants' kernels above:"
    )
    print(
        f"  by CPU: ({2 * USABLE_CPU:.2f} - serve {serve_cpu:.2f} - 2 dashboards x {dash_cpu:.2f}) / "
        f"{kernel_cpu:.3f} per kernel = {by_cpu} participants"
    )
    print(
        f"  by memory: ({(SERVER_GIB - 1) * 1024:.0f} - serve {serve_rss:.0f} - 2 dashboards x {dash_rss:.0f} MiB) / "
        f"{kernel_rss:.0f} MiB per kernel = {by_mem} participants"
    )
    print(
        f"  => about {per_server} participants per server; 500 participants need {math.ceil(500 / per_server)} "
        f"servers (plus one PostgreSQL)"
    )
    print(
        "  note: measured with one value change per second per page; kernel starts (a room opening its pages "
        "at once) are not in these figures and come on top, in waves"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db",
        default=os.environ.get(
            "SWC_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
        ),
        help="PostgreSQL database; a private schema is created in it and dropped afterwards",
    )
    parser.add_argument("--participants", type=int, default=60)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument(
        "--probe", type=float, default=1.0, help="seconds between live-update probes"
    )
    run(parser.parse_args())


if __name__ == "__main__":
    main()
