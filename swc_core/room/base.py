"""What a dashboard shows: panels, and the few helpers every panel builder shares."""

from __future__ import annotations

import textwrap
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from ..edition import Participant
from ..figures.spec import Figure
from ..html_templates import render
from ..messages import text
from ..model import Workbook
from .model import Room
from .names import Names

LIST_NAMES = 6  # names listed in a hover before "en nog N"
CELL_CHARS = 160  # a table cell on the projector: longer participant text is shortened
UNTITLED = ""  # a panel's figure has no title of its own: the panel's heading is right above it


@dataclass(frozen=True)
class Panel:
    """One block of a dashboard: a figure, an escaped HTML table, or both, with a one-line note."""

    key: str  # stable id, e.g. "cases-per-domain"
    title: str
    figure: Figure | None = (
        None  # plain plotly JSON ({data, layout}), as every figure builder returns
    )
    html: str = ""  # participant text is always html.escape'd
    note: str = ""


Builder = Callable[[Room, Names], Panel]


def title(key: str) -> str:
    return text(f"room.panels.{key}")


def say(key: str, **values) -> str:
    """A room text: ``room.<key>``."""
    return text(f"room.{key}", **values)


def answered(
    room: Room, done: Callable[[Workbook], bool], key: str = "answered"
) -> tuple[list[Participant], str]:
    """The members for whom ``done`` holds, and the note "k van n deelnemers" (or "nog geen antwoorden")."""
    members = room.members()
    who = [p for p in members if done(room.workbooks[p.id])]
    note = say(f"notes.{key}", count=len(who), total=len(members)) if who else say("empty")
    return who, note


def name_list(names: Iterable[str]) -> str:
    """Names for a hover: the first few, then "en nog N"."""
    names = list(names)
    if len(names) <= LIST_NAMES:
        return ", ".join(names)
    return say("list_more", names=", ".join(names[:LIST_NAMES]), more=len(names) - LIST_NAMES)


def html_table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """The HTML of a table with the column names ``header`` and one row per item of ``rows`` (a text per
    column). Every cell, ours or a participant's, is shortened here and escaped by the template; each cell
    carries its column's name, so a phone shows a row as a card of named cells."""

    def shorten(value) -> str:
        return textwrap.shorten(str(value), CELL_CHARS, placeholder=" …")

    return render(
        "dashboard_table.html.j2",
        head=[shorten(h) for h in header],
        rows=[[shorten(v) for v in row] for row in rows],
    )


class Tally:
    """Counts per key across the room, and who contributed to each (participant ids, once each, in order)."""

    def __init__(self) -> None:
        self.count: Counter = Counter()
        self.who: dict = {}

    def add(self, key, pid: str, n: int = 1) -> None:
        self.count[key] += n
        ids = self.who.setdefault(key, [])
        if pid not in ids:
            ids.append(pid)

    def at(self, key, names: Names) -> str:
        """The names of who contributed to ``key``, for a hover."""
        return name_list(names(pid) for pid in self.who.get(key, []))

    def people(self) -> int:
        """How many participants contributed to any key."""
        return len({pid for ids in self.who.values() for pid in ids})
