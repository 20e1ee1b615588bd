"""Dagdeel 1 and 2: how far the canvases are, which forms the Schakelbakken use, what the form check finds."""

from __future__ import annotations

from typing import Callable, Iterable, Sequence

from ..analysis import canvas_completeness, check_forms
from ..analysis.findings import Finding
from ..figures.room import Category, Cells, Series, bar_figure, category_grid
from ..figures.spec import Figure
from ..figures.style import ALERT, EMPTY_FILL, MUTED, NO_FORM, PALETTE
from ..messages import counted, text
from ..model import Workbook
from .base import UNTITLED, Panel, Tally, answered, say, title
from .model import Room
from .names import Names

TOP_FINDINGS = 8
SEVERITY_COLOURS = {
    "waarschuwing": ALERT,
    "advies": PALETTE[1],
    "info": MUTED,
}  # analysis.SEVERITIES


def canvas_grid(room: Room, names: Names) -> Panel:
    """Participants x canvas blocks: filled or still empty."""
    key = "canvas-completeness"
    pack = room.pack
    members = room.members()
    started, note = answered(
        room, lambda wb: any(canvas_completeness(wb.canvas, pack).values()), "started_canvas"
    )
    states = [say("labels.block_empty"), say("labels.block_filled")]
    values, hover = [], []
    for p in members:
        share = canvas_completeness(room.workbooks[p.id].canvas, pack)
        values.append([int(share[b.id]) for b in pack.blocks])
        hover.append([f"{names(p.id)}\n{b.name}: {states[int(share[b.id])]}" for b in pack.blocks])
    cells = Cells([names(p.id) for p in members], [b.name for b in pack.blocks], hover)
    figure = category_grid(
        UNTITLED,
        cells,
        values,
        [Category(states[0], EMPTY_FILL), Category(states[1], PALETTE[2])],
        empty=not started,
    )
    return Panel(key, title(key), figure=figure, note=note)


def form_bars(
    room: Room,
    names: Names,
    key: str,
    who: list,
    items: Callable[[Workbook], Iterable[str | None]],
    forms: Sequence[str],
    none_label: str,
    axis: str,
) -> tuple[Figure, int]:
    """Bars per collaboration form (in the forms' own colours) counting ``items`` of ``who``'s workbooks.

    An item whose form is not in ``forms`` is counted under ``none_label``;
    the hover lists who has items there. Returns the figure and the total.
    """
    tally = Tally()
    for p in who:
        for form in items(room.workbooks[p.id]):
            tally.add(form if form in forms else None, p.id)
    rows = [(f, room.pack.form(f).name, room.pack.form(f).colour) for f in forms]
    if tally.count[None]:
        rows.append((None, none_label, NO_FORM))
    figure = bar_figure(
        UNTITLED,
        [name for _, name, _ in rows],
        [
            Series(
                "",
                [tally.count[form] for form, _, _ in rows],
                NO_FORM,
                colours=[colour for _, _, colour in rows],
                hover=[tally.at(form, names) for form, _, _ in rows],
            )
        ],
        axis=axis,
        empty=not who,
    )
    return figure, sum(tally.count.values())


def forms_chosen(room: Room, names: Names) -> Panel:
    """How many Schakelbak parts each collaboration form has across all cases (and how many have none yet)."""
    key = "forms-chosen"
    who, _ = answered(room, lambda wb: bool(wb.schakelbak.parts))
    figure, parts = form_bars(
        room,
        names,
        key,
        who,
        lambda wb: [part.form for part in wb.schakelbak.parts],
        [f.id for f in room.pack.forms],
        text("figures.no_form"),
        say("axes.parts"),
    )
    note = (
        say("notes.parts", parts=counted("parts", parts), cases=counted("cases", len(who)))
        if who
        else say("empty")
    )
    return Panel(key, title(key), figure=figure, note=note)


def form_findings(room: Room, names: Names) -> Panel:
    """The form-check findings most often found across the room's Schakelbakken (top few)."""
    key = "form-findings"
    pack = room.pack
    who, _ = answered(room, lambda wb: bool(wb.schakelbak.parts))
    first: dict[str, Finding] = {}
    tally = Tally()
    for p in who:
        for finding in check_forms(room.workbooks[p.id].schakelbak, pack):
            first.setdefault(finding.source, finding)
            tally.add(finding.source, p.id)
    top = [first[source] for source, _ in tally.count.most_common(TOP_FINDINGS)]
    figure = bar_figure(
        UNTITLED,
        [f.message for f in top],
        [
            Series(
                "",
                [tally.count[f.source] for f in top],
                MUTED,
                colours=[SEVERITY_COLOURS.get(f.severity, MUTED) for f in top],
                hover=[
                    f"{f.message}\n{say('labels.at', names=tally.at(f.source, names))}" for f in top
                ],
            )
        ],
        axis=say("axes.findings"),
        horizontal=True,
        empty=not who,
        nothing=text("widgets.schakelbak.no_findings"),
    )
    note = say("notes.findings", cases=tally.people(), total=len(who)) if who else say("empty")
    return Panel(key, title(key), figure=figure, note=note)
