"""Dagdeel 5: the routes of the realisation strategies, the room's own roles, and the competences since intake."""

from __future__ import annotations

from statistics import mean

from ..analysis import competence_change, shares_vs_survey
from ..figures.room import Point, Series, bar_figure, room_role_figure
from ..figures.style import MUTED, PALETTE
from ..messages import counted, text
from .base import UNTITLED, Panel, answered, say, title
from .design import form_bars
from .model import Room
from .names import Names


def realisation_routes(room: Room, names: Names) -> Panel:
    """How many tasks of the realisation strategies take each route, across all cases."""
    key = "realisation-routes"
    who, _ = answered(room, lambda wb: bool(wb.realisation))
    figure, routes = form_bars(
        room,
        names,
        key,
        who,
        lambda wb: [route.route for route in wb.realisation],
        list(room.pack.vocab.realisation_routes),
        text("figures.no_route"),
        say("axes.routes"),
    )
    note = (
        say(
            "notes.parts_routes", routes=counted("routes", routes), cases=counted("cases", len(who))
        )
        if who
        else say("empty")
    )
    return Panel(key, title(key), figure=figure, note=note)


def role_placement(room: Room, names: Names) -> Panel:
    """Every participant's point on the two axes of the own role, over the survey's quadrants."""
    key = "role-placement"
    who, note = answered(room, lambda wb: wb.role.focus is not None and wb.role.scope is not None)
    points = [
        Point(names(p.id), room.workbooks[p.id].role.focus, room.workbooks[p.id].role.scope)
        for p in who
    ]
    return Panel(key, title(key), figure=room_role_figure(UNTITLED, points, room.pack), note=note)


def role_shares(room: Room, names: Names) -> Panel:
    """Per orientation: the room's mean share of time next to the survey's share."""
    key = "role-shares"
    pack = room.pack
    who, note = answered(room, lambda wb: bool(wb.role.shares))
    own: dict[str, list[int]] = {r.id: [] for r in pack.roles}
    for p in who:
        for row in shares_vs_survey(room.workbooks[p.id].role, pack):
            if row.own is not None:
                own[row.role.id].append(row.own)
    means = [mean(own[r.id]) if own[r.id] else None for r in pack.roles]
    series = [
        Series(
            say("labels.room_mean"),
            means,
            PALETTE[0],
            hover=[say("notes.answered", count=len(own[r.id]), total=len(who)) for r in pack.roles],
        ),
        Series(text("figures.shares.survey"), [r.share for r in pack.roles], MUTED),
    ]
    figure = bar_figure(
        UNTITLED,
        [r.name for r in pack.roles],
        series,
        axis=text("figures.shares.axis"),
        percent=True,
        empty=not who,
    )
    return Panel(key, title(key), figure=figure, note=note)


def competences_since_intake(room: Room, names: Names) -> Panel:
    """Per competence: the mean intake and mean end score of the participants who gave both."""
    key = "competence-change"
    pack = room.pack
    who, both = [], {c.id: [] for c in pack.competences}
    for p in room.members():
        rows = [r for r in competence_change(room.workbooks[p.id], pack) if r.delta is not None]
        who += [p] if rows else []
        for row in rows:
            both[row.competence.id].append(row)
    series = [
        Series(
            text(f"figures.competences.{moment}"),
            [
                mean(getattr(r, moment) for r in both[c.id]) if both[c.id] else None
                for c in pack.competences
            ],
            colour,
            hover=[
                say("notes.answered", count=len(both[c.id]), total=len(who))
                for c in pack.competences
            ],
        )
        for moment, colour in (("intake", PALETTE[4]), ("end", PALETTE[0]))
    ]
    figure = bar_figure(
        UNTITLED,
        [c.name for c in pack.competences],
        series,
        axis=say("axes.mean_score"),
        empty=not who,
        top=max(p.value for p in pack.scale) + 0.6,
    )
    note = (
        say("notes.both_scores", count=len(who), total=len(room.members())) if who else say("empty")
    )
    return Panel(key, title(key), figure=figure, note=note)
