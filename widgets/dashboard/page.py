"""A trainer's dashboard: the room's panels for one dagdeel, live, for the projector.

``open_dashboard(kind, ...)`` is the one call in each dashboard notebook.
The panels come from ``swc_core.room`` (``DASHBOARDS[kind]``); this module
only lays them out, follows the store (``swc_core/room/live.py``) and applies the
presenter controls: names hidden or shown, the view frozen while the room
discusses it, one team or all, and the rondgang through the canvases.
"""

from __future__ import annotations

import logging
import os

import ipywidgets as W

from swc_core.edition import Edition, open_store
from swc_core.errors import SwcError
from swc_core.html_templates import Markup, render
from swc_core.messages import text
from swc_core.page_params import ROOM_LINK_ENV, PageParams, load_for_page, page_params
from swc_core.qr_code import qr_svg
from swc_core.room.live import LiveRoom
from swc_core.room.model import Room
from swc_core.room.names import Names
from swc_core.room.panels import DASHBOARDS

from ..page import error_box, failure_box
from ..preheat import before_dashboard
from .controls import PresenterControls
from .panel_view import PanelView
from .rondgang import Rondgang
from .style import dashboard_style

ROUND_DASHBOARDS = {"dagdeel-1-2"}  # dashboards with the rondgang through the canvases
TEAM_ONLY = {"team"}  # dashboards that always show one team
log = logging.getLogger("swc.dashboard")


def room_link_box(link: str | None) -> W.HTML:
    """The QR code and short link to the participants' landing page (served editions only)."""
    if not link:
        return W.HTML("")
    return W.HTML(
        render("dashboard_room_link.html.j2", qr=Markup(qr_svg(link)), link=link)
    )  # our own SVG


class Dashboard(W.VBox):
    def __init__(
        self, kind: str, live: LiveRoom, room_link: str | None = None, anonymous: bool = True
    ):
        if kind not in DASHBOARDS:
            raise SwcError(
                text("dashboard.unknown", kind=kind),
                hint=text("dashboard.known", ids=", ".join(DASHBOARDS)),
            )
        self.kind, self.live = kind, live
        edition = live.edition
        self.controls = PresenterControls(
            edition, live.team, anonymous, team_choice=kind not in TEAM_ONLY
        )
        self.title = W.HTML()
        self.problem = W.HTML()
        self.panels = W.VBox()
        self.panels.add_class("swc-panels")
        self._views: dict[str, PanelView] = {}
        self.rondgang = Rondgang(live.room, self.names()) if kind in ROUND_DASHBOARDS else None
        header = W.HBox([self.title, room_link_box(room_link)])
        header.add_class("swc-dash-header")
        parts = [dashboard_style(), header, self.controls, self.problem, self.panels]
        if self.rondgang is not None:
            parts.append(self.rondgang)
        super().__init__(parts)
        self.add_class("swc-dashboard")
        self.controls.on_change(self._control_changed)
        live.on_change(self._room_changed)
        live.on_status(
            lambda online: self.controls.show_updated() if online else self.controls.show_offline()
        )
        self.render()

    def names(self) -> Names:
        return Names(self.live.edition, anonymous=self.controls.anonymous)

    def render(self) -> None:
        """Draw the current room (the controls decide names and team)."""
        room: Room = self.live.room
        names = self.names()
        edition = self.live.edition
        scope = edition.teams[room.team].name if room.team else edition.title
        self.title.value = render(
            "dashboard_title.html.j2", title=text(f"dashboard.titles.{self.kind}"), scope=scope
        )
        try:
            panels = DASHBOARDS[self.kind](room, names)
            self.problem.value = ""
        except (
            Exception
        ):  # a bug in one panel builder: the trainer sees a line, the log the traceback
            log.exception("dashboard %s could not be drawn", self.kind)
            self.problem.value = render("dashboard_failed.html.j2")
            return
        views = []
        for panel in panels:
            view = self._views.get(panel.key)
            if view is None:
                view = self._views[panel.key] = PanelView(panel)
            else:
                view.update(panel)
            views.append(view)
        if [v.key for v in self.panels.children] != [v.key for v in views]:
            self.panels.children = views
        if self.rondgang is not None:
            self.rondgang.show(room, names)
        self.controls.show_updated()

    def _room_changed(self, room: Room) -> None:
        if self.controls.frozen:
            self.controls.show_held_back()
        else:
            self.render()

    def _control_changed(self, which: str) -> None:
        if which == "team":
            if self.controls.team != self.live.team:
                self.live.set_team(self.controls.team)  # notifies: redraws unless frozen
            return
        if which == "freeze" and self.controls.frozen:
            self.controls.show_frozen()
            return
        self.render()


def _team_for(kind: str, edition: Edition, team: str) -> str | None:
    if team:
        edition.team(team)  # unknown team: a clear message
        return team
    if kind in TEAM_ONLY:
        if not edition.teams:
            raise SwcError(text("room.notes.no_teams"))
        return next(iter(edition.teams))
    return None


def open_dashboard(
    kind: str,
    *,
    edition: str,
    team: str = "",
    db: str = "",
    sessions_dir: str = "",
    anonymous: bool = True,
) -> W.Widget:
    """The live dashboard ``kind`` (a key of ``DASHBOARDS``); an error box instead of a traceback."""
    try:
        defaults = PageParams(edition, team=team, db=db, sessions_dir=sessions_dir)
        before_dashboard(kind, defaults)  # a preheated kernel: the room before the request
        params = page_params(defaults)
        ed, settings = load_for_page(params)
        live = LiveRoom(open_store(ed, settings), ed, _team_for(kind, ed, params.team))
        page = Dashboard(kind, live, os.environ.get(ROOM_LINK_ENV), anonymous)
        live.start()
        return page
    except SwcError as exc:
        return error_box(exc)
    except Exception:  # never a traceback on the projector; the server's log has it
        return failure_box(f"dashboard {kind}")
