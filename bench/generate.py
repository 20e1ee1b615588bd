"""Benchmark of `swc generate` against the naive loop a trainer would write.

Runs, in one process on the same notebooks of the demo edition:
  floor  - start a python kernel ("swc"), execute one cell, shut it down;
  naive  - a sequential loop calling the `papermill` command line per notebook;
  ours   - swc_core.generate (what `swc generate --force` does).
Prints wall times, per-notebook cost, the ratio and peak memory (process tree).

    .venv/bin/python bench/generate.py [--notebooks 20] [--jobs 2]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from swc_core.edition import open_store
from swc_core.generate import generate, plan_jobs
from swc_core.generate.execute import KERNEL

from common import PeakMemory, demo_edition, machine


def floor(runs: int = 3) -> float:
    from jupyter_client.manager import start_new_kernel

    times = []
    for _ in range(runs):
        t = time.perf_counter()
        km, kc = start_new_kernel(kernel_name=KERNEL)
        kc.execute_interactive("1 + 1", timeout=60, output_hook=lambda _msg: None)
        kc.stop_channels()
        km.shutdown_kernel(now=False)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def naive(jobs, out: Path) -> float:
    papermill = Path(sys.executable).with_name("papermill")
    t = time.perf_counter()
    for job in jobs:
        cmd = [
            str(papermill),
            str(job.template),
            str(out / f"{job.subject}-{job.step}.ipynb"),
            "-k",
            KERNEL,
            "--no-progress-bar",
        ]
        for key, value in job.parameters.items():
            cmd += ["-p", key, str(value)]
        subprocess.run(
            cmd,
            check=True,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    return time.perf_counter() - t


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebooks", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        edition, settings = demo_edition(tmp)
        params = {"edition": str(edition.folder), "sessions_dir": str(settings.sessions_dir)}
        jobs = plan_jobs(edition, tmp / "ours", base_parameters=params)[: args.notebooks]
        n = len(jobs)
        print(machine())
        print(f"{n} notebooks of the demo edition\n")
        f = floor()
        print(f"floor (kernel start + 1 cell + shutdown): {f:.2f} s")
        (tmp / "naive").mkdir()
        with PeakMemory() as mem_naive:
            t_naive = naive(jobs, tmp / "naive")
        print(
            f"naive papermill CLI loop: {t_naive:.1f} s  ({t_naive / n:.2f} s/notebook, peak {mem_naive.mib:.0f} MiB)"
        )
        with open_store(edition, settings) as store, PeakMemory() as mem_ours:
            t = time.perf_counter()
            report = generate(
                edition, store, jobs, tmp / "ours", workers=args.jobs, force=True, progress=False
            )
            t_ours = time.perf_counter() - t
        assert not report.failed, [r.failure for r in report.failed]
        workers = args.jobs or __import__("os").cpu_count()
        per = t_ours / n
        print(
            f"swc generate ({workers} workers): {t_ours:.1f} s  ({per:.2f} s/notebook wall, "
            f"{per * workers:.2f} s/notebook per worker, peak {mem_ours.mib:.0f} MiB)"
        )
        print(
            f"\nratio naive/ours: {t_naive / t_ours:.1f}x   per-notebook cost per worker / floor: {per * workers / f:.1f}x"
        )


if __name__ == "__main__":
    main()
