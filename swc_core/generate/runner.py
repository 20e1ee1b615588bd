"""Running a generation: parallel, with a progress bar, skipping what has not changed.

Each worker process executes one notebook at a time (papermill starts the
kernel). One failing notebook does not stop the others; each failure is
reported with the participant, the notebook and the cell. Ctrl-C, or a
worker killed from outside, stops the workers and leaves no partial files
behind.
"""

from __future__ import annotations

import os
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import private_dir
from ..edition import Edition
from ..errors import SwcError
from ..messages import text
from ..progress import progress_bar
from ..store import Store
from .execute import JobResult, existing_fingerprint, fingerprint, run_job
from .jobs import Job
from .warm import ignore_interrupts

DEFAULT_TIMEOUT = 300.0  # seconds per cell


@dataclass
class Report:
    results: list[JobResult] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def written(self) -> list[JobResult]:
        return [r for r in self.results if r.ok and not r.skipped]

    @property
    def skipped(self) -> list[JobResult]:
        return [r for r in self.results if r.skipped]

    @property
    def failed(self) -> list[JobResult]:
        return [r for r in self.results if not r.ok]


def remove_stale_temporaries(out_dir: Path) -> int:
    """Temporary files left by a run that was killed (``.<name>.<random>.tmp``)."""
    count = 0
    for tmp in out_dir.rglob(".*.tmp"):
        tmp.unlink(missing_ok=True)
        count += 1
    return count


def store_token(job: Job, edition: Edition, last_ids: dict[str, int]) -> int:
    if job.participant:
        return last_ids.get(job.participant, 0)
    members = edition.team(job.team).members
    return max([last_ids.get(s, 0) for s in [job.team, *members]])


def generate(
    edition: Edition,
    store: Store,
    jobs: list[Job],
    out_dir: Path,
    *,
    workers: int | None = None,
    force: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    progress: bool = True,
    reuse_kernels: bool = True,
) -> Report:
    started = time.monotonic()
    private_dir(out_dir)
    remove_stale_temporaries(out_dir)
    last_ids = store.last_ids(edition.name)
    report = Report()
    todo: list[tuple[Job, str]] = []
    for job in jobs:
        fp = fingerprint(job, store_token(job, edition, last_ids))
        if not force and existing_fingerprint(job.output) == fp:
            report.results.append(JobResult(job, True, skipped=True))
        else:
            todo.append((job, fp))
    workers = max(1, min(workers or os.cpu_count() or 1, len(todo) or 1))
    bar = progress_bar(len(todo), "genereren", "notebook", enabled=progress)
    pool = ProcessPoolExecutor(max_workers=workers, initializer=ignore_interrupts)
    workers_started: list = []
    try:
        pending = {pool.submit(run_job, job, fp, timeout, reuse_kernels) for job, fp in todo}
        workers_started = list(
            (pool._processes or {}).values()
        )  # a broken pool forgets its processes
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                report.results.append(future.result())
                bar.update(1)
                bar.set_postfix_str(text("generate.failed_so_far", count=len(report.failed)))
    except KeyboardInterrupt:
        _abort(pool, workers_started, out_dir)
        raise SwcError(text("generate.interrupted"), hint=text("generate.rerun_hint")) from None
    except (
        BrokenProcessPool
    ):  # a worker was killed (SIGKILL, out of memory): the others are stopped too
        _abort(pool, workers_started, out_dir)
        raise SwcError(text("generate.worker_died"), hint=text("generate.rerun_hint")) from None
    finally:
        bar.close()
        pool.shutdown(wait=True, cancel_futures=True)
    report.seconds = time.monotonic() - started
    return report


def _abort(pool: ProcessPoolExecutor, workers: list, out_dir: Path) -> None:
    """Stop every worker (each shuts its kernel down on SIGTERM), then remove what they left half-written."""
    pool.shutdown(wait=False, cancel_futures=True)
    workers = workers + list((getattr(pool, "_processes", None) or {}).values())
    for proc in workers:
        if proc.is_alive():
            proc.terminate()
    for proc in workers:
        proc.join(timeout=30)
    remove_stale_temporaries(out_dir)
