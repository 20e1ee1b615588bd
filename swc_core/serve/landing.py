"""The landing page of a served edition: the door, a participant's own page, the trainer's overview.

Plain HTML from the edition (no kernel, so a room of thirty opening it costs
nothing), every name escaped: the templates ``swc_core/templates/landing_*``
(with ``landing.css`` and ``landing_opening.js``) place what this module gathers. The room link shows the door ("scan je kaart
of typ je code"); a participant sees their own workbooks, their team's
homework and the colleagues' cases they may read, and "niet jij?"; the
trainer sees every participant's links, the dashboards, the room link with
its QR code, the exports, the cards and who has opened their workbook, and
a row per participant whose links fold open with one tap (a trainer on a
phone looks for one person).

When the whole room clicks at once, a page waits its turn on the server
(``render_queue.py``) while the browser still shows this page. A click on a
workbook link therefore shows a notice at once, and a second click on the
same link is ignored: it would cancel the first request and join the queue
again at the back.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

from ..html_templates import Markup, render, script, stylesheet
from ..messages import text
from ..programme_day import step_on
from ..qr_code import qr_svg
from .access import Role, Visitor
from .links import Links
from .site import Site


def _page(template: str, title: str, opening: bool = False, **values: Any) -> str:
    """A page of the landing site; ``opening``: with the script that shows "opening…" on a workbook click."""
    return render(
        template,
        title=title,
        css=stylesheet("landing.css"),
        script=script("landing_opening.js") if opening else "",
        **values,
    )


def _href(path: str, **query: str) -> str:
    return path + ("?" + urlencode(query) if query else "")


def _workbook_links(site: Site, pid: str, current: str) -> list[dict]:
    return [
        {
            "href": _href(site.render_path(step.id), participant=pid),
            "name": step.name,
            "current": step.id == current,
        }
        for step in site.workbook_steps()
    ]


def _homework_links(
    site: Site, team_id: str, current: str, viewer: str | None = None
) -> list[dict]:
    """Links to a team's homework pages; ``viewer``: the participant who opens them (the captain's button)."""
    who = {"participant": viewer} if viewer else {}
    return [
        {
            "href": _href(site.homework_path(), team=team_id, step=step.id, **who),
            "name": step.name,
            "current": step.id == current,
        }
        for step in site.homework_steps()
    ]


def _today_first(links: list[dict]) -> list[dict]:
    """The step of the day first, the others in the programme's order (the trainer's folded rows)."""
    return sorted(links, key=lambda link: not link["current"])


def _teams(site: Site, current: str) -> list[dict]:
    """Each team's members with their links (today's step first) and the team's homework links."""
    ed = site.edition
    return [
        {
            "id": team.id,
            "name": team.name,
            "homework": _today_first(_homework_links(site, team.id, current)),
            "members": [
                {
                    "name": ed.participants[m].name,
                    "organisation": ed.participants[m].organisation,
                    "workbooks": _today_first(_workbook_links(site, m, current)),
                    "case_href": _href("/casus/" + m),
                }
                for m in team.members
            ],
        }
        for team in ed.teams.values()
    ]


def _colleagues(site: Site, pid: str) -> list[dict]:
    """The colleagues' cases this participant may read (the edition's ``case_reading``)."""
    ed = site.edition
    return [
        {
            "href": _href("/casus/" + p.id),
            "name": p.name,
            "organisation": p.organisation,
            "casus": p.casus,
        }
        for p in ed.spec.participants
        if p.id != pid and ed.may_read_case(pid, p.id)
    ]


def _room_status_part() -> Markup:
    """The trainer's line "N werkboeken open · M met niet-opgeslagen werk", kept current (``room_status.py``)."""
    from .room_status import (
        room_status_section,  # imported here: room_status builds on handlers, which import us
    )

    return Markup(room_status_section())  # rendered from its own template, values escaped there


def _participant_page(site: Site, pid: str, current: str, head: dict) -> str:
    """A participant's own workbooks and their team's homework (nothing of anyone else's to write to),
    and the colleagues' cases they may read."""
    ed = site.edition
    team = ed.team_of(pid)
    return _page(
        "landing_participant.html.j2",
        ed.title,
        opening=True,
        **head,
        name=ed.participant(pid).name,
        workbooks=_workbook_links(site, pid, current),
        team=team.name if team else "",
        homework=_homework_links(site, team.id, current, viewer=pid) if team else [],
        colleagues=_colleagues(site, pid),
    )


def _trainer_page(
    site: Site, links: Links, current: str, head: dict, opened: frozenset[str] | None
) -> str:
    """Every participant's links, the dashboards, the room link with its QR code, the exports, the cards."""
    ed = site.edition
    people = ed.spec.participants
    return _page(
        "landing_trainer.html.j2",
        ed.title,
        opening=True,
        **head,
        room_status=_room_status_part(),
        qr=Markup(qr_svg(links.room)),
        room_link=links.room,  # an SVG our own code made from the link
        dashboards=[
            {
                "href": _href(site.dashboard_path(d.id)),
                "name": d.title,
                "current": d.step == current,
            }
            for d in site.dashboards()
        ],
        team_views=[
            {"href": _href(site.dashboard_path("team"), team=t.id), "name": t.name}
            for t in ed.teams.values()
        ],
        opened=None
        if opened is None
        else [{"name": p.name, "done": p.id in opened} for p in people],
        done_count=0 if opened is None else sum(1 for p in people if p.id in opened),
        teams=_teams(site, current),
    )


def landing_page(
    site: Site, visitor: Visitor, links: Links, today: date, opened: frozenset[str] | None = None
) -> str:
    """The landing page for a participant or the trainer; ``today`` decides which step is highlighted.

    ``opened``: who has opened their own workbook, shown to the trainer when
    personal links are in use (None: they are not, as on loopback).
    Raises ValueError for any other visitor (the door is :func:`door_page`).
    """
    ed = site.edition
    current = step_on(ed, today)
    head = {"step": ed.content.step(current).name}
    if visitor.role is Role.PARTICIPANT and visitor.participant in ed.participants:
        return _participant_page(site, visitor.participant, current, head)
    if visitor.role is not Role.TRAINER:
        raise ValueError(f"no landing page for {visitor}: the door is door_page")
    return _trainer_page(site, links, current, head, opened)


def door_page(site: Site, wrong_code: bool = False) -> str:
    """The room link's page: "scan je kaart of typ je code" (the code goes in the body of a POST)."""
    return _page("landing_door.html.j2", site.edition.title, wrong_code=wrong_code)


def occupied_page(site: Site, participant: str) -> str:
    """A personal link opened in a browser that belongs to ``participant``: say so, offer "niet jij?"."""
    return _page(
        "landing_occupied.html.j2",
        text("serve.occupied.title"),
        name=site.edition.participant(participant).name,
    )


def _message_page(kind: str, home: bool) -> str:
    """One of the pages that say one thing (``serve.<kind>.title`` and ``.body``), with a link home or not."""
    return _page(
        "landing_message.html.j2",
        text(f"serve.{kind}.title"),
        body=text(f"serve.{kind}.body"),
        home=text("serve.not_found.home") if home else "",
    )


def too_many_page() -> str:
    return _message_page("too_many", home=False)


def no_access_page() -> str:
    return _message_page("no_access", home=True)


def not_found_page() -> str:
    return _message_page("not_found", home=True)
