"""Worker functions run in separate processes by the store tests (spawned, so importable).

They open the store with a lock wait far beyond the product's 5 s: these tests
are about what is kept when many processes write at once, not about how fast a
lock comes free. On a loaded 2-core machine (fifteen processes beside a test
run) a writer holding SQLite's lock can be off the CPU for more than 5 s; in a
page a save that times out is retried by the autosave (tests/test_autosave.py).
"""

from __future__ import annotations

LOCK_WAIT = 120.0  # seconds


def save_series(url: str, edition: str, subject: str, field: str, count: int) -> int:
    """Act as one participant's kernel: save ``count`` revisions of one field."""
    from swc_core.store import Store

    with Store.open(url, busy_timeout=LOCK_WAIT) as store:
        for i in range(count):
            store.save(
                edition, subject, field, {"n": i, "text": f"{subject} {field} {i}"}, author=subject
            )
    return count


def read_loop(url: str, edition: str, rounds: int) -> int:
    """Act as a dashboard: read the latest values over and over."""
    from swc_core.store import Store

    seen = 0
    with Store.open(url, busy_timeout=LOCK_WAIT) as store:
        for _ in range(rounds):
            seen = max(seen, sum(len(f) for f in store.latest(edition).values()))
    return seen
