"""Shared set-up for the benchmarks: a private demo edition with answers, and a memory sampler."""

from __future__ import annotations

import os
import platform
import shutil
import threading
import time
from pathlib import Path

import psutil

from swc_core.answers_file import import_answers, read_answers
from swc_core.edition import load_edition, open_store
from swc_core.settings import REPO_ROOT, Settings


def demo_edition(tmp: Path):
    """A copy of sessions/demo with the demo answers imported; returns (edition, settings)."""
    sessions = tmp / "sessions"
    shutil.copytree(
        REPO_ROOT / "sessions" / "demo",
        sessions / "demo",
        ignore=shutil.ignore_patterns("swc.db*", "output", "export"),
    )
    path = sessions / "demo" / "edition.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "../../data/content", str(REPO_ROOT / "data" / "content")
        ),
        encoding="utf-8",
    )
    settings = Settings(sessions_dir=sessions)
    edition = load_edition("demo", settings)
    with open_store(edition, settings) as store:
        import_answers(
            store,
            edition,
            read_answers(REPO_ROOT / "data" / "demo" / "answers.yml", edition),
            "bench",
        )
    return edition, settings


def machine() -> str:
    mem = psutil.virtual_memory().total / 2**30
    return f"{platform.node()}: {os.cpu_count()} cores, {mem:.0f} GiB, Python {platform.python_version()}"


class PeakMemory:
    """Samples the summed RSS of this process and all its descendants (kernels included)."""

    def __init__(self, interval: float = 0.1):
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for proc in [me, *me.children(recursive=True)]:
                try:
                    total += proc.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)
            time.sleep(self.interval)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    @property
    def mib(self) -> float:
        return self.peak / 2**20
