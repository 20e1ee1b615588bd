"""Dagdeel 5 and the eindsessie: what each participant takes with them, and how the room evaluates."""

from __future__ import annotations

from ..analysis import filled
from .base import Panel, answered, html_table, say, title
from .model import Room
from .names import Names


def reflections(room: Room, names: Names) -> Panel:
    """Per participant who looked back: the experience they take with them, and how many evaluation questions they answered."""
    key = "reflection"
    pack = room.pack
    who, note = answered(room, lambda wb: filled(wb.reflection))
    rows = []
    for p in who:
        r = room.workbooks[p.id].reflection
        done = sum(bool(r.answers.get(q.id, "").strip()) for q in pack.evaluation)
        rows.append(
            (
                names(p.id),
                r.takeaway.strip() or say("labels.no_answer"),
                say("labels.fields_filled", filled=done, total=len(pack.evaluation)),
            )
        )
    header = [say(f"labels.{h}") for h in ("participant", "takeaway", "evaluation")]
    return Panel(
        key, title(key), html=html_table(header, rows), note=note
    )  # the empty table shows what will come
