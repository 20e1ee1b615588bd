"""Dagdeel 4, testing the collaboration: the four test questions per case; stagnation signals in the room (4 and 5)."""

from __future__ import annotations

from ..analysis import filled, stagnation_signals
from ..figures.room import Category, Cells, Series, bar_figure, category_grid
from ..figures.style import ALERT, EMPTY_FILL, NO_FORM
from .base import UNTITLED, Panel, Tally, answered, say, title
from .model import Room
from .names import Names

# The pack's toets answers in their fixed order (yes, partly, no, unknown; see
# content.schema.FIXED_IDS): green, amber, red, grey. Colour-blind safe (Okabe-Ito).
ANSWER_COLOURS = ("#009E73", "#E69F00", "#D55E00", NO_FORM)


def toets_grid(room: Room, names: Names) -> Panel:
    """Participants x test questions, each cell coloured by the answer; evidence in the hover."""
    key = "toets-results"
    pack = room.pack
    members = room.members()
    who, note = answered(room, lambda wb: any(a.answer for a in wb.toets.values()))
    answers = list(pack.vocab.toets_answers)
    index = {a.id: i for i, a in enumerate(answers)}
    none = len(answers)  # the category of a question not answered (yet)
    categories = [
        Category(a.name, ANSWER_COLOURS[i % len(ANSWER_COLOURS)]) for i, a in enumerate(answers)
    ]
    categories.append(Category(say("labels.no_answer"), EMPTY_FILL))
    values, hover = [], []
    for p in members:
        toets = room.workbooks[p.id].toets
        row, row_hover = [], []
        for q in pack.toets:
            given = toets.get(q.id)
            at = index.get(given.answer, none) if given is not None else none
            row.append(at)
            lines = [names(p.id), f"{q.name}: {categories[at].name}"]
            if given is not None:
                lines += [given.evidence, given.step_back]
            row_hover.append("\n".join(line for line in lines if line.strip()))
        values.append(row)
        hover.append(row_hover)
    cells = Cells([names(p.id) for p in members], [q.name for q in pack.toets], hover)
    return Panel(
        key,
        title(key),
        figure=category_grid(UNTITLED, cells, values, categories, empty=not who),
        note=note,
    )


def stagnation_in_room(room: Room, names: Names) -> Panel:
    """Per stagnation pattern of the pack: in how many cases the participants' statements point at it.

    Shown on dagdeel 4 (after the toets) and dagdeel 5 (patterns in the real world). Only cases that
    stated something a pattern can rest on count as started: the toets, the goals, or the patterns
    themselves; a canvas still being filled in is no evidence either way.
    """
    key = "stagnation-signals"
    pack = room.pack
    started, _ = answered(
        room, lambda wb: filled(wb.toets) or filled(wb.goals) or filled(wb.patterns)
    )
    tally = Tally()
    for p in started:
        for signal in stagnation_signals(room.workbooks[p.id], pack):
            tally.add(signal.pattern.id, p.id)
    patterns = list(pack.patterns)
    figure = bar_figure(
        UNTITLED,
        [pt.name for pt in patterns],
        [
            Series(
                "",
                [tally.count[pt.id] for pt in patterns],
                ALERT,
                hover=[
                    f"{pt.description}\n{say('labels.at', names=tally.at(pt.id, names))}"
                    for pt in patterns
                ],
            )
        ],
        axis=say("axes.cases"),
        horizontal=True,
        empty=not started,
    )
    note = (
        say("notes.signals", count=tally.people(), total=len(room.members()))
        if started
        else say("empty")
    )
    return Panel(key, title(key), figure=figure, note=note)
