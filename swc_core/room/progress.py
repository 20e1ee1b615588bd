"""Progress: who has filled in what per step of the programme, and each team's homework per tussentijd."""

from __future__ import annotations

from ..analysis import INSTRUMENT_FILLED, step_progress
from ..figures.room import Cells, share_grid
from .base import UNTITLED, Panel, html_table, say, title
from .model import Room
from .names import Names


def short_name(step) -> str:
    """The step's name up to a dash ("Dagdeel 3 – Partnerships ontwerpen" -> "Dagdeel 3"), for a column head."""
    return step.name.split(" – ")[0].strip() or step.name


def _measured_steps(pack) -> list:
    """The programme steps with at least one instrument whose filling can be measured."""
    return [s for s in pack.programme if any(i in INSTRUMENT_FILLED for i in s.instruments)]


def _progress_panel(room: Room, names: Names, key: str) -> Panel:
    """Participants x steps, the share of each step's instruments started; grouped by team when there are several."""
    pack = room.pack
    steps = _measured_steps(pack)
    members, groups = _by_team(room, names)
    states = [say("labels.block_empty"), say("labels.block_filled")]
    shares, hover = [], []
    for p in members:
        wb = room.workbooks[p.id]
        shares.append([step_progress(wb, s.id, pack) for s in steps])
        hover.append(
            [
                "\n".join(
                    [names(p.id), s.name]
                    + [
                        f"{pack.instrument(i).name}: {states[INSTRUMENT_FILLED[i](wb, s)]}"
                        for i in s.instruments
                        if i in INSTRUMENT_FILLED
                    ]
                )
                for s in steps
            ]
        )
    started = sum(any(row) for row in shares)
    notes = [say("notes.started", count=started, total=len(members)) if started else say("empty")]
    if room.skipped:
        notes.append(say("notes.skipped", count=room.skipped))
    cells = Cells(
        [names(p.id) for p in members],
        [short_name(s) for s in steps],
        hover,
        groups if len(groups) > 1 else (),
    )
    return Panel(
        key,
        title(key),
        figure=share_grid(UNTITLED, cells, shares, empty=not started),
        note="; ".join(notes),
    )


def _by_team(room: Room, names: Names) -> tuple[list, list[tuple[str, int]]]:
    """The members in team order (those without a team last), and the (team name, size) groups."""
    members = room.members()
    ordered, groups = [], []
    for team in room.edition.spec.teams:
        inside = [p for p in members if room.edition.team_of(p.id) == team]
        if inside:
            ordered += inside
            groups.append((names.team(team.id), len(inside)))
    rest = [p for p in members if room.edition.team_of(p.id) is None]
    if rest:
        ordered += rest
        groups.append((names.team(None), len(rest)))
    return ordered, groups


def team_progress(room: Room, names: Names) -> Panel:
    return _progress_panel(room, names, "team-progress")


def edition_overview(room: Room, names: Names) -> Panel:
    return _progress_panel(room, names, "edition-overview")


def team_homework(room: Room, names: Names) -> Panel:
    """Per team in scope and tussentijd: how many of the homework fields are filled, as a grid and a table."""
    key = "team-homework"
    pack = room.pack
    steps = [s for s in pack.programme if s.team_fields]
    teams = room.teams()
    if not teams:
        return Panel(
            key,
            title(key),
            html=html_table([say("labels.team")], [[say("notes.no_teams")]]),
            note=say("notes.no_teams"),
        )
    shares, hover, rows = [], [], []
    for team in teams:
        homework = room.homework[team.id]
        done = [[f for f in s.team_fields if homework.text(s.id, f.id).strip()] for s in steps]
        shares.append([len(d) / len(s.team_fields) for d, s in zip(done, steps)])
        hover.append(
            [
                "\n".join([names.team(team.id), s.name, *(f.label for f in d)])
                for d, s in zip(done, steps)
            ]
        )
        rows += [
            (
                names.team(team.id),
                s.name,
                say("labels.fields_filled", filled=len(d), total=len(s.team_fields)),
                " · ".join(f.label for f in d),
            )
            for d, s in zip(done, steps)
        ]  # labels end in "?": no ", "
    filled_teams = sum(any(row) for row in shares)
    figure = share_grid(
        UNTITLED,
        Cells([names.team(t.id) for t in teams], [short_name(s) for s in steps], hover),
        shares,
        empty=not filled_teams,
    )
    table = html_table([say(f"labels.{h}") for h in ("team", "step", "filled", "fields")], rows)
    note = (
        say("notes.teams", count=filled_teams, total=len(teams)) if filled_teams else say("empty")
    )
    return Panel(key, title(key), figure=figure, html=table, note=note)
