"""Who has opened their own workbook with their personal link: for the trainer, nothing more.

Only the fact is kept, per participant: not when, not how often, not what
they typed (that is the store's business, and the trainer's dashboards
already show it anonymously). It lets the trainer see at the start of a
dagdeel who still needs help with their card.

Kept in ``<edition>/.serve-opened.json`` (owner-only), so a restarted server
still knows; only the server writes it.
"""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path

from ..atomic import write_bytes
from ..errors import SwcError

log = logging.getLogger("swc.serve")

OPENED_FILE = ".serve-opened.json"


class OpenedWorkbooks:
    def __init__(self, folder: Path):
        self.path = Path(folder) / OPENED_FILE
        self._lock = threading.Lock()
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            self._ids = {str(pid) for pid in data} if isinstance(data, list) else set()
        except (OSError, ValueError):
            self._ids = set()

    def participants(self) -> frozenset[str]:
        with self._lock:
            return frozenset(self._ids)

    def add(self, participant: str) -> None:
        """Note that ``participant`` opened a workbook of their own (written once per participant)."""
        with self._lock:
            if participant in self._ids:
                return
            self._ids.add(participant)
            ids = sorted(self._ids)
        try:
            write_bytes(self.path, json.dumps(ids).encode("utf-8"), mode=0o600)
        except (
            SwcError
        ) as exc:  # the page opens anyway; after a restart this one counts as not opened
            log.warning("%s", exc)
