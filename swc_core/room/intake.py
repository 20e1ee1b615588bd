"""Intake: the room's cases by domain, and the competence self-assessment at the start."""

from __future__ import annotations

from ..analysis import filled
from ..figures.room import Series, bar_figure, ramp
from ..figures.style import PALETTE
from .base import UNTITLED, Panel, Tally, answered, html_table, name_list, say, title
from .model import Room
from .names import Names


def _domain_key(domain: str) -> str:
    # "Veenweide", "veenweide " and "VEENWEIDE" are one domain on the screen
    return " ".join(domain.split()).casefold()


def cases_per_domain(room: Room, names: Names) -> Panel:
    """How many cases per domain (as the participants typed it), and the list of cases."""
    key = "cases-per-domain"
    who, note = answered(room, lambda wb: bool(wb.casus.domain.strip()))
    tally, spelling = Tally(), {}
    for p in who:
        domain = " ".join(room.workbooks[p.id].casus.domain.split())
        spelling.setdefault(_domain_key(domain), domain)  # the first spelling is the one shown
        tally.add(_domain_key(domain), p.id)
    ordered = [domain for domain, _ in tally.count.most_common()]  # equal counts: first seen first
    figure = bar_figure(
        UNTITLED,
        [spelling[d] for d in ordered],
        [
            Series(
                "",
                [tally.count[d] for d in ordered],
                PALETTE[0],
                hover=[tally.at(d, names) for d in ordered],
            )
        ],
        axis=say("axes.cases"),
        horizontal=True,
        empty=not who,
    )
    cases = [
        (names(p.id), c.title.strip() or say("labels.untitled"), c.domain, c.area)
        for p in room.members()
        if filled(c := room.workbooks[p.id].casus)
    ]
    table = html_table(
        [say(f"labels.{h}") for h in ("participant", "casus", "domain", "area")], cases
    )
    return Panel(key, title(key), figure=figure, html=table if cases else "", note=note)


def competences_intake(room: Room, names: Names) -> Panel:
    """Per competence of the pack: how many participants gave themselves each point of the scale."""
    key = "competences-intake"
    pack = room.pack
    who, note = answered(room, lambda wb: bool(wb.competences_intake))
    scale = list(pack.scale)
    series = []
    for point, colour in zip(scale, ramp(len(scale))):  # light (low) to dark (high)
        at = [
            [
                names(p.id)
                for p in who
                if room.workbooks[p.id].competences_intake.get(c.id) == point.value
            ]
            for c in pack.competences
        ]
        series.append(
            Series(
                f"{point.value} – {point.label}",
                [len(ps) for ps in at],
                colour,
                hover=[f"{point.value} – {point.label}\n{name_list(ps)}" for ps in at],
            )
        )
    figure = bar_figure(
        UNTITLED,
        [c.name for c in pack.competences],
        series,
        axis=say("axes.participants"),
        horizontal=True,
        stacked=True,
        empty=not who,
    )
    return Panel(key, title(key), figure=figure, note=note)
