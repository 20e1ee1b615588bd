"""Worker functions run in separate processes by the store tests (spawned, so importable)."""
from __future__ import annotations


def save_series(url: str, edition: str, subject: str, field: str, count: int) -> int:
    """Act as one participant's kernel: save ``count`` revisions of one field."""
    from swc_core.store import Store

    with Store.open(url) as store:
        for i in range(count):
            store.save(edition, subject, field, {"n": i, "text": f"{subject} {field} {i}"}, author=subject)
    return count


def read_loop(url: str, edition: str, rounds: int) -> int:
    """Act as a dashboard: read the latest values over and over."""
    from swc_core.store import Store

    seen = 0
    with Store.open(url) as store:
        for _ in range(rounds):
            seen = max(seen, sum(len(f) for f in store.latest(edition).values()))
    return seen
