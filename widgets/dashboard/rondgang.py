"""The "rondgang": the trainer steps through the participants' canvases one by one.

Shows one member's canvas at a time, with "vorige" / "volgende"; the label
follows the dashboard's name setting, so an anonymous rondgang stays
anonymous. When the room changes, the canvas on screen is redrawn if it is
the one that changed.
"""

from __future__ import annotations

import ipywidgets as W

from swc_core.figures import canvas_figure
from swc_core.html_templates import render
from swc_core.messages import text
from swc_core.room.model import Room
from swc_core.room.names import Names

from ..figure_view import PlotOutput


class Rondgang(W.VBox):
    def __init__(self, room: Room, names: Names):
        self.previous = W.Button(description=text("dashboard.rondgang.previous"), icon="")
        self.next = W.Button(description=text("dashboard.rondgang.next"), icon="")
        self.who = W.HTML()
        self.plot = PlotOutput()
        self.index = 0
        self.room, self.names = room, names
        self._shown: tuple | None = None
        self.previous.on_click(lambda _: self.move(-1))
        self.next.on_click(lambda _: self.move(1))
        bar = W.HBox([self.previous, self.next, self.who])
        bar.add_class("swc-rondgang-bar")
        super().__init__(
            [
                W.HTML(
                    render(
                        "dashboard_panel_heading.html.j2", title=text("dashboard.rondgang.title")
                    )
                ),
                bar,
                self.plot,
            ]
        )
        self.add_class("swc-panel")
        self.add_class("swc-rondgang")
        self.show(room, names)

    @property
    def current(self) -> str | None:
        members = self.room.members()
        return members[self.index].id if members else None

    def move(self, step: int) -> None:
        members = self.room.members()
        if members:
            self.index = (self.index + step) % len(members)
        self.show(self.room, self.names)

    def show(self, room: Room, names: Names) -> None:
        self.room, self.names = room, names
        members = room.members()
        self.index = min(self.index, max(len(members) - 1, 0))
        pid = self.current
        if pid is None:
            self.who.value = render("dashboard_rondgang_who.html.j2", empty=True)
            return
        self.who.value = render(
            "dashboard_rondgang_who.html.j2",
            empty=False,
            who=names(pid),
            position=text("dashboard.rondgang.position", n=self.index + 1, total=len(members)),
        )
        workbook = room.workbooks[pid]
        shown = (pid, workbook)
        if shown == self._shown:
            return
        self._shown = shown
        self.plot.show(canvas_figure(workbook, room.pack))
