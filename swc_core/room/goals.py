"""Dagdeel 4, the goals: trade-offs against compromises, and the consolidated goals, per case."""

from __future__ import annotations

from ..analysis import dilemma_balance, goal_status_counts, goals_matrix
from ..figures.goals import STATUS_COLOURS
from ..figures.room import Series, bar_figure
from ..figures.style import MUTED, PALETTE
from .base import UNTITLED, Panel, answered, say, title
from .model import Room
from .names import Names


def dilemmas_per_case(room: Room, names: Names) -> Panel:
    """Per case with dilemmas: how many are trade-offs, compromises, or not sorted yet."""
    key = "dilemma-balance"
    pack = room.pack
    who, note = answered(room, lambda wb: bool(wb.goals.dilemmas))
    balances = [dilemma_balance(room.workbooks[p.id].goals, pack) for p in who]
    kinds = list(pack.vocab.dilemma_kinds)
    series = [
        Series(
            k.name,
            [b.counts[k.id] for b in balances],
            PALETTE[i % len(PALETTE)],
            hover=[
                _warned(names(p.id), f"{b.counts[k.id]} × {k.name}", b)
                for p, b in zip(who, balances)
            ],
        )
        for i, k in enumerate(kinds)
    ]
    series.append(
        Series(
            say("labels.no_kind"),
            [b.unnamed for b in balances],
            MUTED,
            hover=[
                f"{names(p.id)}\n{b.unnamed} × {say('labels.no_kind')}"
                for p, b in zip(who, balances)
            ],
        )
    )
    figure = bar_figure(
        UNTITLED,
        [names(p.id) for p in who],
        series,
        axis=say("axes.dilemmas"),
        horizontal=True,
        stacked=True,
        empty=not who,
    )
    return Panel(key, title(key), figure=figure, note=note)


def _warned(name: str, line: str, balance) -> str:
    """A hover for one bar; with the "vooral compromissen" warning when the balance found it."""
    return "\n".join([name, line, *(f.message for f in balance.findings)])


def goals_per_case(room: Room, names: Names) -> Panel:
    """Per case with party goals: how many goals are in, off the table, joint or still open."""
    key = "goal-status"
    pack = room.pack
    who, note = answered(room, lambda wb: bool(goals_matrix(wb)))
    counts = [goal_status_counts(room.workbooks[p.id], pack) for p in who]
    series = [
        Series(
            s.name,
            [c[s.id] for c in counts],
            STATUS_COLOURS.get(s.id, PALETTE[i % len(PALETTE)]),
            hover=[f"{names(p.id)}\n{c[s.id]} × {s.name}" for p, c in zip(who, counts)],
        )
        for i, s in enumerate(pack.vocab.goal_statuses)
    ]
    figure = bar_figure(
        UNTITLED,
        [names(p.id) for p in who],
        series,
        axis=say("axes.goals"),
        horizontal=True,
        stacked=True,
        empty=not who,
    )
    return Panel(key, title(key), figure=figure, note=note)
