"""The trainer's presenter controls: names, freeze, team, and the status line.

``on_change(callback)`` tells the dashboard that a control moved; the
dashboard reads ``anonymous``, ``frozen`` and ``team`` when it redraws.
"""

from __future__ import annotations

from datetime import datetime
from typing import Callable

import ipywidgets as W

from swc_core.edition import Edition
from swc_core.html_templates import render
from swc_core.messages import text

ALL_TEAMS = ""
# A toggle's label says what pressing it does next, so a projected button never leaves the room guessing.
NAMES_LABELS = {False: "dashboard.controls.names", True: "dashboard.controls.names_shown"}
FREEZE_LABELS = {False: "dashboard.controls.freeze", True: "dashboard.controls.frozen"}


class PresenterControls(W.HBox):
    def __init__(
        self, edition: Edition, team: str | None, anonymous: bool = True, team_choice: bool = True
    ):
        self.names_button = W.ToggleButton(
            value=not anonymous,
            description=text(NAMES_LABELS[not anonymous]),
            tooltip=text("dashboard.controls.names_help"),
            icon="",
        )
        self.freeze_button = W.ToggleButton(
            value=False,
            description=text(FREEZE_LABELS[False]),
            tooltip=text("dashboard.controls.freeze_help"),
        )
        options = [(text("dashboard.controls.all_teams"), ALL_TEAMS)] if team_choice else []
        options += [(t.name, t.id) for t in edition.teams.values()]
        self.team_picker = W.Dropdown(
            options=options,
            value=team or options[0][1],
            description=text("dashboard.controls.team"),
        )
        self.status = W.HTML()
        self._pending = 0
        super().__init__([self.names_button, self.freeze_button, self.team_picker, self.status])
        self.add_class("swc-controls")
        self._callbacks: list[Callable[[str], None]] = []
        self.names_button.observe(lambda _: self._changed("names"), names="value")
        self.freeze_button.observe(lambda _: self._changed("freeze"), names="value")
        for button, labels in (
            (self.names_button, NAMES_LABELS),
            (self.freeze_button, FREEZE_LABELS),
        ):
            button.observe(
                lambda change, button=button, labels=labels: setattr(
                    button, "description", text(labels[change["new"]])
                ),
                names="value",
            )
        self.team_picker.observe(lambda _: self._changed("team"), names="value")

    # -- state read by the dashboard -----------------------------------

    @property
    def anonymous(self) -> bool:
        return not self.names_button.value

    @property
    def frozen(self) -> bool:
        return self.freeze_button.value

    @property
    def team(self) -> str | None:
        return self.team_picker.value or None

    def on_change(self, callback: Callable[[str], None]) -> None:
        """``callback(which)`` with which in names / freeze / team."""
        self._callbacks.append(callback)

    def _changed(self, which: str) -> None:
        for callback in self._callbacks:
            callback(which)

    # -- status line ---------------------------------------------------

    def show_updated(self, when: datetime | None = None) -> None:
        self._pending = 0
        stamp = (when or datetime.now()).strftime("%H:%M:%S")
        self._set_status(text("dashboard.status.updated", time=stamp), "swc-live")

    def show_frozen(self) -> None:
        """Frozen, nothing new yet."""
        self._pending = 0
        self._set_status(text("dashboard.status.frozen", count=0), "swc-frozen")

    def show_held_back(self) -> None:
        """Frozen, and one more change is waiting."""
        self._pending += 1
        self._set_status(text("dashboard.status.frozen", count=self._pending), "swc-frozen")

    def show_offline(self) -> None:
        self._set_status(text("dashboard.status.offline"), "swc-offline")

    def _set_status(self, message: str, css: str) -> None:
        """Show ``message`` as the status line, escaped (it was placed as HTML unescaped before issue 18)."""
        self.status.value = render("dashboard_status.html.j2", message=message, css=css)
