"""How a dashboard names participants: by name, or anonymously by a stable number.

In anonymous mode a participant is "Deelnemer N", N their 1-based place in
the edition's participant list, so the same person carries the same number
on every dashboard and in every team view. Teams keep their names.
"""

from __future__ import annotations

from ..edition import Edition
from ..messages import text


class Names:
    def __init__(self, edition: Edition, anonymous: bool = False):
        self.edition = edition
        self.anonymous = anonymous
        self._number = {p.id: i for i, p in enumerate(edition.spec.participants, start=1)}

    def __call__(self, pid: str) -> str:
        """The participant's name, or "Deelnemer N"; an id the edition does not know is shown as is."""
        if pid not in self._number:
            return pid
        if self.anonymous:
            return text("room.anonymous", n=self._number[pid])
        return self.edition.participants[pid].name

    def team(self, tid: str | None) -> str:
        """The team's name; the "no team" label for None."""
        if tid is None or tid not in self.edition.teams:
            return text("room.no_team")
        return self.edition.teams[tid].name
