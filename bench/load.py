"""Load on one store: many participant kernels autosaving while dashboards poll.

Every writer is its own process acting as one participant's kernel: each
``interval`` it types a new value into its own field, and the value takes
the widgets' own path (``StoreBinding`` -> ``FieldSaver.submit``: checked by
``parse_field``; the debounce timer fires ``flush``: ``Store.save``; a failed
save is retried by the retry timer). The timers run on a manual clock so
that every value is saved (a real page would merge keystrokes within the
quiet second; here each one must land to be counted). Readers poll like
dashboards: ``store.last_id()`` and, when it changed, ``store.latest()``.

Afterwards every confirmed revision must be in the store, in order per
field, and no reader may have seen an error. Prints saves/s, p50/p99 save
latency and errors, for SQLite next to a naive baseline from the same run
(plain sqlite3 with its defaults: deferred transactions, rollback journal,
the same retry), with the ratio. ``tests/test_load.py`` runs a short variant of the same
code in CI; this script runs the full one:

    .venv/bin/python bench/load.py                       # SQLite: 60 writers x 30 s, 5 readers, and the naive baseline
    .venv/bin/python bench/load.py --db postgresql://postgres@127.0.0.1:5432/test --seconds 10
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import sqlite3
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

EDITION = "load"
NAIVE_INSERT = "INSERT INTO revisions (edition, subject, field, value, author, saved_at) VALUES (?, ?, ?, ?, ?, ?)"
NAIVE_LATEST = (
    "SELECT subject, field, value FROM revisions WHERE id IN "
    "(SELECT max(id) FROM revisions WHERE edition = ? GROUP BY subject, field)"
)
RETRY_PAUSE = 0.05  # seconds between a failed save and its retry (the page waits RETRY_DELAY)


def subject_of(index: int) -> str:
    return f"p{index:02d}"


def field_of(index: int) -> str:
    return f"canvas.block.load-{index}"


def value_of(index: int, n: int) -> str:
    return f"{subject_of(index)} revisie {n}"


@contextlib.contextmanager
def widget_saver(url: str, index: int):
    """Ours: the widgets' path (checked, saved, retried by the timer) on the store's engine."""
    from swc_core.scheduling import ManualScheduler
    from swc_core.store import Store
    from widgets.autosave import StoreBinding

    clock = ManualScheduler()
    with Store.open(url) as store:
        binding = StoreBinding(
            store, EDITION, subject_of(index), subject_of(index), scheduler=clock
        )
        saver = binding.saver(field_of(index))

        def save(text: str) -> int:
            if not saver.submit(text):
                raise RuntimeError(binding.status.value)
            clock.advance(binding.save_delay)  # the debounce timer fires: flush
            failed = 0
            while saver.has_pending:  # the save failed ("niet opgeslagen"): the retry timer fires
                failed += 1
                time.sleep(RETRY_PAUSE)
                clock.advance(binding.retry_delay)
            return failed

        yield save


@contextlib.contextmanager
def naive_saver(url: str, index: int):
    """The baseline: Python's sqlite3 defaults (deferred transactions, rollback journal, 5 s timeout), same retry."""
    conn = sqlite3.connect(url.removeprefix("sqlite:///"))

    def save(text: str) -> int:
        failed = 0
        while True:
            try:
                conn.execute(
                    NAIVE_INSERT,
                    (
                        EDITION,
                        subject_of(index),
                        field_of(index),
                        json.dumps(text),
                        subject_of(index),
                        datetime.now(timezone.utc).isoformat(" "),
                    ),
                )
                conn.commit()
                return failed
            except sqlite3.OperationalError:  # "database is locked"
                conn.rollback()
                failed += 1
                time.sleep(RETRY_PAUSE)

    yield save
    conn.close()


def writer(
    url: str, index: int, seconds: float, interval: float, naive: bool, ready, go, out
) -> None:
    """One participant's kernel: a new value every ``interval`` for ``seconds``."""
    report = {
        "kind": "writer",
        "index": index,
        "saved": 0,
        "failed_attempts": 0,
        "latencies": [],
        "error": None,
    }
    try:
        with (naive_saver if naive else widget_saver)(url, index) as save:
            ready.release()
            go.wait()
            start = time.monotonic()
            tick = start
            while tick < start + seconds:
                time.sleep(max(0.0, tick - time.monotonic()))
                began = time.perf_counter()
                report["failed_attempts"] += save(value_of(index, report["saved"]))
                report["latencies"].append(time.perf_counter() - began)
                report["saved"] += 1
                tick = max(
                    tick + interval, time.monotonic() - interval
                )  # a slow save does not cause a burst
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which fails the run
        report["error"] = f"{type(exc).__name__}: {exc}"
    out.put(report)


class _NaiveReader:
    """A dashboard on plain sqlite3 (the store's engine would switch the file to WAL)."""

    def __init__(self, url: str):
        self.conn = sqlite3.connect(url.removeprefix("sqlite:///"))

    def last_id(self) -> int:
        return self.conn.execute("SELECT coalesce(max(id), 0) FROM revisions").fetchone()[0]

    def latest(self, edition: str) -> list:
        return self.conn.execute(NAIVE_LATEST, (edition,)).fetchall()

    def close(self) -> None:
        self.conn.close()


def reader(url: str, index: int, seconds: float, poll: float, naive: bool, ready, go, out) -> None:
    """One dashboard: poll the cheap token, read everything when it changed."""
    from swc_core.store import Store

    report = {"kind": "reader", "index": index, "polls": 0, "reads": 0, "errors": [], "error": None}
    try:
        store = _NaiveReader(url) if naive else Store.open(url)
        try:
            ready.release()
            go.wait()
            last, end = None, time.monotonic() + seconds
            while time.monotonic() < end:
                try:
                    token = store.last_id()
                    if token != last:
                        store.latest(EDITION)
                        last = token
                        report["reads"] += 1
                    report["polls"] += 1
                except Exception as exc:  # noqa: BLE001 - a dashboard must never see one; counted
                    report["errors"].append(f"{type(exc).__name__}: {exc}")
                time.sleep(poll)
        finally:
            store.close()
    except Exception as exc:  # noqa: BLE001
        report["error"] = f"{type(exc).__name__}: {exc}"
    out.put(report)


@dataclass
class LoadResult:
    writers: list[dict] = field(default_factory=list)
    readers: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    missing: list[str] = field(
        default_factory=list
    )  # fields whose history is not exactly what was confirmed

    @property
    def saves(self) -> int:
        return sum(w["saved"] for w in self.writers)

    @property
    def latencies(self) -> list[float]:
        return sorted(x for w in self.writers for x in w["latencies"])

    @property
    def failed_attempts(self) -> int:
        return sum(w["failed_attempts"] for w in self.writers)

    @property
    def errors(self) -> list[str]:
        """Everything that went wrong: crashed processes and errors a reader saw."""
        out = [f"writer {w['index']}: {w['error']}" for w in self.writers if w["error"]]
        out += [f"reader {r['index']}: {r['error']}" for r in self.readers if r["error"]]
        out += [f"reader {r['index']}: {e}" for r in self.readers for e in r["errors"]]
        return out

    def percentile(self, p: float) -> float:
        data = self.latencies
        return data[min(len(data) - 1, int(p / 100 * len(data)))] if data else float("nan")


def _context():
    # forkserver: each worker is a fresh process (no parent's database
    # connections copied in), forked from one server that imported the
    # store and the widgets once, so 65 processes start in a second.
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["swc_core.store", "swc_core.model.fields", "widgets.autosave"])
    return ctx


def run_load(
    url: str,
    writers: int,
    readers: int,
    seconds: float,
    interval: float = 0.1,
    poll: float = 0.25,
    naive: bool = False,
) -> LoadResult:
    """Run the writers and readers against ``url`` and check what the store holds afterwards.

    ``naive``: the baseline (SQLite only): plain sqlite3 with its defaults
    on a file in the default rollback-journal mode.
    """
    from swc_core.store import Store

    Store.open(url).close()  # the schema exists before the kernels open it, as with `swc serve`
    if naive:
        with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
            conn.execute("PRAGMA journal_mode=DELETE")
    ctx = _context()
    ready, go, out = ctx.Semaphore(0), ctx.Event(), ctx.Queue()
    procs = [
        ctx.Process(target=writer, args=(url, i, seconds, interval, naive, ready, go, out))
        for i in range(writers)
    ]
    procs += [
        ctx.Process(target=reader, args=(url, i, seconds, poll, naive, ready, go, out))
        for i in range(readers)
    ]
    for p in procs:
        p.start()
    for p in procs:  # every kernel has its store open: all start saving at once
        if not ready.acquire(timeout=120):
            break  # a process failed before it was ready; its report says why
    started = time.monotonic()
    go.set()
    reports = [out.get(timeout=seconds + 300) for _ in procs]
    result = LoadResult(seconds=time.monotonic() - started)
    for p in procs:
        p.join()
    result.writers = sorted((r for r in reports if r["kind"] == "writer"), key=lambda r: r["index"])
    result.readers = sorted((r for r in reports if r["kind"] == "reader"), key=lambda r: r["index"])
    with Store.open(url) as store:
        for w in result.writers:
            got = [
                r.value
                for r in store.history(EDITION, subject_of(w["index"]), field_of(w["index"]))
            ]
            if got != [value_of(w["index"], n) for n in range(w["saved"])]:
                result.missing.append(field_of(w["index"]))
    return result


def describe(result: LoadResult, label: str, args) -> str:
    ms = 1000
    lines = [
        f"{label}: {args.writers} writer processes, one save each every {args.interval * ms:.0f} ms "
        f"for {args.seconds:.0f} s; {args.readers} reader processes polling every {args.poll * ms:.0f} ms",
        f"saves: {result.saves} in {result.seconds:.1f} s = {result.saves / result.seconds:.1f} saves/s "
        f"(asked: {args.writers / args.interval:.0f}/s)",
        f"save latency: p50 {result.percentile(50) * ms:.1f} ms, p99 {result.percentile(99) * ms:.1f} ms, "
        f"max {result.percentile(100) * ms:.1f} ms",
        f"failed save attempts (retried, then saved): {result.failed_attempts}",
        f"reader polls: {sum(r['polls'] for r in result.readers)}, full reads: {sum(r['reads'] for r in result.readers)}",
        f"errors: {len(result.errors)}" + "".join(f"\n  {e}" for e in result.errors[:10]),
        f"every revision in the store, in order per field: {'yes' if not result.missing else 'NO: ' + ', '.join(result.missing)}",
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db", help="database URL (default: a new SQLite file in a temporary folder)"
    )
    parser.add_argument("--writers", type=int, default=60)
    parser.add_argument("--readers", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument(
        "--interval", type=float, default=0.1, help="seconds between two saves of one writer"
    )
    parser.add_argument(
        "--poll", type=float, default=0.25, help="seconds between two polls of one reader"
    )
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from common import machine

    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        if not args.db:  # the naive baseline, on its own file, in the same run
            naive = run_load(
                f"sqlite:///{Path(tmp) / 'naive.db'}",
                args.writers,
                args.readers,
                args.seconds,
                args.interval,
                args.poll,
                naive=True,
            )
            runs.append(("naive sqlite3 defaults (deferred transactions, rollback journal)", naive))
        with _private_url(args.db, Path(tmp)) as url:
            ours = run_load(url, args.writers, args.readers, args.seconds, args.interval, args.poll)
            runs.append(
                (
                    f"ours ({url.split(':', 1)[0].split('+')[0]}: the store's engine, the widgets' save path)",
                    ours,
                )
            )
    for label, result in runs:
        print(describe(result, label, args), end="\n\n")
    if len(runs) == 2:
        naive, ours = runs[0][1], runs[1][1]
        print(
            f"ratio ours/naive: saves/s {ours.saves / ours.seconds / (naive.saves / naive.seconds):.2f}, "
            f"p99 latency {ours.percentile(99) / naive.percentile(99):.2f}, "
            f"failed attempts {ours.failed_attempts} vs {naive.failed_attempts}, "
            f"reader errors {len(ours.errors)} vs {len(naive.errors)}"
        )
    print(f"machine: {machine()}")
    return 0 if not ours.errors and not ours.missing else 1


@contextlib.contextmanager
def _private_url(db: str | None, tmp: Path):
    """A new SQLite file, or a schema of its own in the given PostgreSQL database (dropped afterwards)."""
    if not db:
        yield f"sqlite:///{tmp / 'swc.db'}"
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    schema = f"swc_bench_{uuid.uuid4().hex[:12]}"
    engine = create_engine(make_url(db).set(drivername="postgresql+psycopg"))
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield (
            make_url(db)
            .update_query_dict({"options": f"-csearch_path={schema}"})
            .render_as_string(hide_password=False)
        )
    finally:
        with engine.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


if __name__ == "__main__":
    sys.exit(main())
