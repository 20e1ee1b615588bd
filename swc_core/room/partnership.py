"""Dagdeel 3: where the beslisboom leads the room's tasks, the partnership types chosen, what is still open."""

from __future__ import annotations

from ..analysis import chosen_type, end_nodes, evaluate_run, open_arrangements
from ..figures.room import Series, bar_figure
from ..figures.style import MUTED, PALETTE
from .base import UNTITLED, Panel, Tally, answered, say, title
from .model import Room
from .names import Names


def beslisboom_outcomes(room: Room, names: Names) -> Panel:
    """How many tasks ended at each outcome (or exit) of the beslisboom, across the room."""
    key = "beslisboom-outcomes"
    pack = room.pack
    who, _ = answered(room, lambda wb: bool(wb.beslisboom))
    tally, runs = Tally(), 0
    for p in who:
        for run in room.workbooks[p.id].beslisboom:
            runs += 1
            result = evaluate_run(run, pack)
            if result.outcome is not None:
                tally.add(result.outcome.id, p.id)
    ends = end_nodes(pack)
    colours = [pack.form(n.form).colour if n.form else MUTED for n in ends]
    figure = bar_figure(
        UNTITLED,
        [n.text for n in ends],
        [
            Series(
                "",
                [tally.count[n.id] for n in ends],
                MUTED,
                colours=colours,
                hover=[tally.at(n.id, names) for n in ends],
            )
        ],
        axis=say("axes.tasks"),
        horizontal=True,
        empty=not who,
    )
    note = (
        say("notes.outcomes", count=sum(tally.count.values()), runs=runs) if who else say("empty")
    )
    return Panel(key, title(key), figure=figure, note=note)


def partnership_types(room: Room, names: Names) -> Panel:
    """How many participants chose each partnership type of the typology."""
    key = "partnership-types"
    pack = room.pack
    who, note = answered(room, lambda wb: chosen_type(wb.partnership, pack) is not None)
    tally = Tally()
    for p in who:
        tally.add(room.workbooks[p.id].partnership.type, p.id)
    types = list(pack.partnership_types)
    figure = bar_figure(
        UNTITLED,
        [t.name for t in types],
        [
            Series(
                "",
                [tally.count[t.id] for t in types],
                PALETTE[0],
                colours=[PALETTE[i % len(PALETTE)] for i in range(len(types))],
                hover=[tally.at(t.id, names) for t in types],
            )
        ],
        axis=say("axes.participants"),
        empty=not who,
    )
    return Panel(key, title(key), figure=figure, note=note)


def arrangements_open(room: Room, names: Names) -> Panel:
    """Per arrangement of each chosen type: for how many of the participants who chose it it is still open."""
    key = "open-arrangements"
    pack = room.pack
    who, note = answered(room, lambda wb: chosen_type(wb.partnership, pack) is not None)
    chose, still_open = Tally(), Tally()
    for p in who:
        partnership = room.workbooks[p.id].partnership
        chose.add(partnership.type, p.id)
        for arrangement in open_arrangements(partnership, pack):
            still_open.add((partnership.type, arrangement.id), p.id)
    rows = [(t, a) for t in pack.partnership_types if chose.count[t.id] for a in t.arrangements]
    hover = [
        say(
            "labels.open_at",
            count=still_open.count[(t.id, a.id)],
            total=chose.count[t.id],
            names=still_open.at((t.id, a.id), names),
        )
        for t, a in rows
    ]
    figure = bar_figure(
        UNTITLED,
        [say("labels.type_arrangement", type=t.name, arrangement=a.name) for t, a in rows],
        [Series("", [still_open.count[(t.id, a.id)] for t, a in rows], PALETTE[1], hover=hover)],
        axis=say("axes.open"),
        horizontal=True,
        empty=not who,
    )
    return Panel(key, title(key), figure=figure, note=note)
