"""A room typing through lost connections and a server restart: is every character stored, and how soon?

Real ``swc serve``, real Chromium (one browser, a context per participant,
each page behind its own loopback proxy that can cut its connection, see
``tests/test_offline.py CutProxy``). Every page types into *De opgave* of its
own intake workbook. Three phases, one run:

1. baseline: everybody types, nobody loses the connection; time from a
   page's last keystroke to the store holding its text;
2. lost connections: a random ``--share`` of the pages loses its connection
   for a random while (up to ``--cut-max`` s, some longer than
   ``--cull-idle``, so their kernels are culled) and keeps typing; the rest
   types on; time from reconnect to the store holding everything typed;
3. server restart: ``swc serve`` is stopped (Ctrl-C) and started again on
   the same port while every page types; time from the server answering
   again to the store holding everything typed.

Prints characters typed vs characters stored (``typed = stored``: nothing
lost), p50/p95 of the times, and each phase's ratio to the baseline, and the
machine. Reconnects are told apart: a page whose kernel was still there (its
kept text goes to the same kernel) and one whose kernel was culled meanwhile
(the page reloads itself, a fresh kernel takes the kept text).

The day is pinned to the edition's intake (``SWC_TODAY``), the workbook
typed into, so the pages ``swc serve`` prepares by default (``--prepare
all``) are the ones the room opens, as on a real intake day; with the
machine's date the server would build thirty pages of another step that no
page here uses, on the same two cores (after the restart too).

    .venv/bin/python bench/burst.py                 # 30 pages, 10 % cut for up to 75 s, one restart
    .venv/bin/python bench/burst.py --pages 8 --cut-max 45
"""

from __future__ import annotations

import argparse
import math
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from ruamel.yaml import YAML

from swc_core.edition import load_edition, open_store
from swc_core.messages import text
from swc_core.settings import REPO_ROOT

from common import demo_edition, machine

sys.path[:0] = [
    str(REPO_ROOT / "tests"),
    str(REPO_ROOT),
]  # tests/servers.py, test_offline.py and the conftest
from servers import chromium_browser, free_port  # noqa: E402
from test_offline import CutProxy, serve  # noqa: E402

OPGAVE = f'textarea[placeholder="{text("widgets.casus.opgave_placeholder")}"]'
WORDS = "samenwerking regie opgave partners bodem water gebied keuze dilemma afspraak".split()
PAGE_TIMEOUT = 600_000  # ms: thirty pages rendered a few at a time on a small machine
SAVED_WITHIN = 600.0  # s


def room_of(sessions: Path, pages: int) -> list[str]:
    """Participants p01..p<pages>: the demo edition's, and made-up ones beyond its twelve."""
    path = sessions / "demo" / "edition.yml"
    yaml = YAML()
    data = yaml.load(path.read_text(encoding="utf-8"))
    known = {p["id"] for p in data["participants"]}
    extra = [f"p{n:02d}" for n in range(1, pages + 1) if f"p{n:02d}" not in known]
    for pid in extra:
        data["participants"].append(
            {"id": pid, "name": f"Deelnemer {pid[1:]}", "organisation": "Bench"}
        )
    for start in range(0, len(extra), 4):  # every participant is in a team
        members = extra[start : start + 4]
        data["teams"].append(
            {
                "id": f"team-bench-{start // 4 + 1}",
                "name": f"Team Bench {start // 4 + 1}",
                "captain": members[0],
                "members": members,
            }
        )
    with path.open("w", encoding="utf-8") as out:
        yaml.dump(data, out)
    return [f"p{n:02d}" for n in range(1, pages + 1)]


class Page:
    """One participant's intake page behind its own proxy, and what was typed into its opgave."""

    def __init__(self, browser, port: int, participant: str):
        self.participant = participant
        self.proxy = CutProxy(port)
        self.proxy.start()
        self.context = browser.new_context(viewport={"width": 1200, "height": 900})
        self.page = self.context.new_page()
        self.expected = ""
        self.typed = 0
        self.last_typed = 0.0  # time.monotonic() of the last keystroke

    def open(self) -> None:
        self.page.goto(
            f"http://127.0.0.1:{self.proxy.port}/voila/render/intake.ipynb?participant="
            f"{self.participant}",
            wait_until="commit",
            timeout=PAGE_TIMEOUT,
        )

    def ready(self) -> None:
        self.page.wait_for_selector(OPGAVE, timeout=PAGE_TIMEOUT)
        self.expected = self.page.locator(OPGAVE).input_value()

    def type(self, rng: random.Random) -> None:
        chunk = " " + " ".join(rng.choice(WORDS) for _ in range(3))
        self.page.locator(OPGAVE).press_sequentially(chunk, delay=5)
        self.expected += chunk
        self.typed += len(chunk)
        self.last_typed = time.monotonic()


class _Server:
    """``swc serve`` (``test_offline.serve``) that can be stopped and started again on the same port."""

    def __init__(self, *args):
        self.args = args
        self._running = None

    def start(self) -> None:
        self._running = serve(*self.args)
        self._running.__enter__()

    def stop(self) -> None:
        running, self._running = self._running, None
        if running is not None:
            running.__exit__(None, None, None)

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()


def stored(settings, participant: str) -> str:
    with open_store(load_edition("demo", settings), settings) as store:
        return (store.values("demo", participant).get("casus") or {}).get("opgave") or ""


def until_saved(settings, pages: list[Page], since: dict[str, float]) -> dict[str, float]:
    """Seconds from ``since[participant]`` until the store holds each page's expected text."""
    done: dict[str, float] = {}
    deadline = time.monotonic() + SAVED_WITHIN
    while len(done) < len(pages) and time.monotonic() < deadline:
        for p in pages:
            if p.participant not in done and stored(settings, p.participant) == p.expected:
                done[p.participant] = time.monotonic() - since[p.participant]
        time.sleep(0.2)
    return done


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


def line(name: str, seconds: list[float], pages: int, base: float | None) -> str:
    p50, p95 = pct(seconds, 0.5), pct(seconds, 0.95)
    ratio = f"  ratio p50 {p50 / base:.1f}x" if base else ""
    return f"{name:<34} saved {len(seconds)}/{pages}  p50 {p50:6.2f} s  p95 {p95:6.2f} s{ratio}"


def kernel_of(page) -> str | None:
    try:
        return page.evaluate(
            "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"
        )
    except Exception:  # noqa: BLE001 - the page is reloading itself
        return None


def run(args) -> int:
    rng = random.Random(args.seed)
    tmp = Path(tempfile.mkdtemp(prefix="swc-burst-"))
    try:
        edition, settings = demo_edition(tmp)
        os.environ["SWC_TODAY"] = edition.spec.dates[
            "intake"
        ].isoformat()  # the server started below inherits it
        participants = room_of(settings.sessions_dir, args.pages)
        port, log = free_port(), tmp / "serve.log"
        serve_args = ["--cull-idle", str(args.cull_idle)]
        results: dict[str, list[float]] = {}
        with (
            chromium_browser() as browser,
            _Server(settings.sessions_dir, log, port, *serve_args) as server,
        ):
            pages = [Page(browser, port, pid) for pid in participants]
            started = time.monotonic()
            for p in pages:
                p.open()
            for p in pages:
                p.ready()
            print(f"{len(pages)} pages open in {time.monotonic() - started:.0f} s")

            # 1. baseline
            for _ in range(args.rounds):
                for p in pages:
                    p.type(rng)
            last = {p.participant: p.last_typed for p in pages}
            results["baseline (last keystroke)"] = list(until_saved(settings, pages, last).values())

            # 2. a share of the pages loses its connection for a random while, and keeps typing
            cut = rng.sample(pages, max(1, round(args.share * len(pages))))
            kernels_before = {p.participant: kernel_of(p.page) for p in cut}
            back_at = {
                p.participant: time.monotonic() + rng.uniform(args.cut_min, args.cut_max)
                for p in cut
            }
            for p in cut:
                p.proxy.cut()
            reconnected: dict[str, float] = {}
            saved_after: dict[str, float] = {}
            while len(reconnected) < len(cut):
                for p in pages:
                    if p.participant not in reconnected:
                        p.type(
                            rng
                        )  # a reconnected page stops typing: its time to saved is measured
                for p in cut:
                    if (
                        p.participant in reconnected
                        and p.participant not in saved_after
                        and stored(settings, p.participant) == p.expected
                    ):
                        saved_after[p.participant] = time.monotonic() - reconnected[p.participant]
                    if (
                        p.participant not in reconnected
                        and time.monotonic() >= back_at[p.participant]
                    ):
                        p.proxy.start()
                        reconnected[p.participant] = time.monotonic()
                time.sleep(1)
            # both groups at once, each page from its own moment (reconnect, or its last keystroke)
            rest = [p for p in pages if p not in cut]
            waiting = [p for p in cut if p.participant not in saved_after] + rest
            saved_after.update(
                until_saved(
                    settings,
                    waiting,
                    {**{p.participant: p.last_typed for p in rest}, **reconnected},
                )
            )
            results["lost connection (reconnect)"] = [
                saved_after[p.participant] for p in cut if p.participant in saved_after
            ]
            same = {
                p.participant for p in cut if kernel_of(p.page) == kernels_before[p.participant]
            }
            results["  of which same kernel"] = [
                saved_after[p.participant]
                for p in cut
                if p.participant in saved_after and p.participant in same
            ]
            results["  of which kernel culled (reload)"] = [
                saved_after[p.participant]
                for p in cut
                if p.participant in saved_after and p.participant not in same
            ]
            results["others meanwhile (last keystroke)"] = [
                saved_after[p.participant] for p in rest if p.participant in saved_after
            ]

            # 3. the server restarted while everybody types
            if not args.no_restart:
                server.stop()
                for p in pages:
                    p.type(rng)
                server.start()
                answered = time.monotonic()
                results["server restart (answering again)"] = list(
                    until_saved(settings, pages, {p.participant: answered for p in pages}).values()
                )
            for p in pages:
                p.context.close()
                p.proxy.cut()

        typed = sum(p.typed for p in pages)
        held = sum(
            len(stored(settings, p.participant)) - (len(p.expected) - p.typed) for p in pages
        )
        equal = sum(stored(settings, p.participant) == p.expected for p in pages)
        print(
            f"\nburst: {len(pages)} pages, {len(cut)} cut for {args.cut_min:.0f}-{args.cut_max:.0f} s "
            f"(--cull-idle {args.cull_idle}), {'no restart' if args.no_restart else 'one server restart'}"
        )
        print(
            f"characters typed {typed}, stored {held}: typed {'=' if held == typed else '!='} stored"
            f"{'' if held == typed else f' ({typed - held} lost)'}; "
            f"pages whose store holds exactly what was typed: {equal}/{len(pages)}"
        )
        base = statistics.median(results["baseline (last keystroke)"] or [float("nan")])
        for name, seconds in results.items():
            of = (
                len(same)
                if "same" in name
                else len(cut) - len(same)
                if "culled" in name
                else len(cut)
                if "lost" in name
                else len(pages) - len(cut)
                if "others" in name
                else len(pages)
            )
            print(line(name, seconds, of, None if name.startswith("baseline") else base))
        print(machine())
        return 0 if held == typed and equal == len(pages) else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=30)
    parser.add_argument(
        "--share", type=float, default=0.1, help="share of the pages that lose their connection"
    )
    parser.add_argument("--cut-min", type=float, default=5.0, help="shortest cut, s")
    parser.add_argument(
        "--cut-max", type=float, default=75.0, help="longest cut, s (beyond --cull-idle: culled)"
    )
    parser.add_argument("--cull-idle", type=int, default=30)
    parser.add_argument(
        "--rounds", type=int, default=3, help="chunks typed per page in the baseline"
    )
    parser.add_argument("--no-restart", action="store_true")
    parser.add_argument("--seed", type=int, default=17)
    sys.exit(run(parser.parse_args()))


if __name__ == "__main__":
    main()
